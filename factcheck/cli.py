"""The ``factcheck`` command: parses options, calls the library, renders, sets the exit code.

Exit codes: 0 fine; 1 a finding at the ``--fail-on`` level; 2 unusable input or rules.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from .articles import DEFAULT_MAX_BYTES

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Cross-source fact consistency checker for news: where do the articles agree, where do they conflict?",
    pretty_exceptions_enable=False,
)

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2


class ExtractFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    markdown = "markdown"


class CompareFormat(str, Enum):
    table = "table"
    markdown = "markdown"
    json = "json"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


PathsArg = Annotated[list[Path], typer.Argument(help="Article files (.txt, .md) or folders of them.", show_default=False)]
RulesOpt = Annotated[
    Optional[list[Path]],
    typer.Option("--rules", help="Rule file or folder (repeatable). Default: ./rules if it exists, else the shipped rules."),
]
OutputOpt = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here instead of standard output.")]
MaxBytesOpt = Annotated[int, typer.Option("--max-bytes", help="Skip article files larger than this.")]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Exit 2 when any input could not be read.")]


def _say(message: str) -> None:
    typer.echo(message, err=True)


def _load_rules(rules: list[Path] | None):
    from .rules import load_rules

    ruleset = load_rules([str(p) for p in rules] if rules else None)
    for error in ruleset.errors:
        _say(str(error))
    if ruleset.errors:
        raise typer.Exit(EXIT_UNUSABLE)
    return ruleset


def _report_inputs(corpus, strict: bool) -> None:
    """One line an input that was not read (or read with a warning); exit 2 when nothing is left."""
    for status in corpus.inputs:
        if not status.ok:
            _say(f"{status.path}: {status.reason or status.status}")
        elif status.reason:
            _say(f"{status.path}: warning: {status.reason}")
    if not corpus.articles:
        _say("error: no article could be read")
        raise typer.Exit(EXIT_UNUSABLE)
    if strict and corpus.problems:
        raise typer.Exit(EXIT_UNUSABLE)


def _write(output: Path | None, text: str, corpus) -> None:
    from .outputs import OutputError, write_output

    try:
        write_output(str(output) if output else None, text, inputs=[a.path for a in corpus.articles])
    except OutputError as exc:
        _say(f"error: {exc}")
        raise typer.Exit(EXIT_UNUSABLE) from None


@app.command()
def extract(
    paths: PathsArg,
    rules: RulesOpt = None,
    format: Annotated[ExtractFormat, typer.Option("--format", "-f", help="Output format.")] = ExtractFormat.table,
    output: OutputOpt = None,
    all_mentions: Annotated[bool, typer.Option("--all", help="Also show mentions that bind to no declared fact.")] = False,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    strict: StrictOpt = False,
) -> None:
    """Pull the checkable facts of the articles into one table."""
    from .pipeline import extract as run_extract
    from .report import facts as render

    ruleset = _load_rules(rules)
    run = run_extract([str(p) for p in paths], ruleset=ruleset, max_bytes=max_bytes)
    _report_inputs(run.corpus, strict)
    if format is ExtractFormat.table:
        text = render.render_terminal(render.visible(run.table, show_all=all_mentions), texts=run.texts)
    elif format is ExtractFormat.markdown:
        text = render.render_markdown(render.visible(run.table, show_all=all_mentions), texts=run.texts)
    elif format is ExtractFormat.csv:
        text = render.render_csv(run.table)
    else:
        text = render.render_json(run.table)
    _write(output, text, run.corpus)


@app.command()
def compare(
    paths: PathsArg,
    rules: RulesOpt = None,
    format: Annotated[CompareFormat, typer.Option("--format", "-f", help="Output format.")] = CompareFormat.table,
    output: OutputOpt = None,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="Exit 1 when a conflict reaches this severity.")] = FailOn.error,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    strict: StrictOpt = False,
) -> None:
    """Compare the facts across sources: agreements, conflicts, single-source facts."""
    from .pipeline import compare as run_compare

    ruleset = _load_rules(rules)
    result = run_compare([str(p) for p in paths], ruleset=ruleset, max_bytes=max_bytes)
    _report_inputs(result.extraction.corpus, strict)
    if format is CompareFormat.table:
        from .report.table import render_table

        color = output is None and sys.stdout.isatty()
        text = render_table(result.comparison, color=color)
    elif format is CompareFormat.markdown:
        from .report.markdown import render_markdown

        text = render_markdown(result.comparison)
    else:
        from .report.jsonout import render_json

        text = render_json(result.comparison)
    _write(output, text, result.extraction.corpus)
    raise typer.Exit(EXIT_FINDINGS if result.fails(fail_on.value) else EXIT_OK)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
