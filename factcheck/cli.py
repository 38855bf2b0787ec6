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
MAX_JOBS = 1024  # more worker processes than any machine has cores is a typo
MAX_BYTES_LIMIT = 2**30  # an article over 1 GiB is no article


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
MaxBytesOpt = Annotated[int, typer.Option("--max-bytes", min=1, max=MAX_BYTES_LIMIT,
                                           help="Skip article files larger than this (1 byte to 1 GiB).")]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Exit 2 when any input could not be read.")]
JobsOpt = Annotated[int, typer.Option("--jobs", "-j", min=0, max=MAX_JOBS,
                                       help="Processes for the extraction (0: one a core; at most one an article); same output.")]
PerFolderOpt = Annotated[bool, typer.Option("--per-folder", help="Each sub-folder of a folder given is its own story.")]


def _say(message: str) -> None:
    """One line to stderr, neutralised: a file name or a YAML value can hold anything."""
    from .neutral import line

    try:
        typer.echo(line(message), err=True)
    except (OSError, ValueError):
        pass  # stderr itself is gone: nothing left to tell


def _load_rules(rules: list[Path] | None):
    from .rules import load_rules

    ruleset = load_rules([str(p) for p in rules] if rules else None)
    for error in ruleset.errors:
        _say(str(error))
    if not ruleset.files:
        _say("error: no rule file could be read")
        raise typer.Exit(EXIT_UNUSABLE)
    # The files that loaded still run, so the report says what it can; the exit code says 2.
    return ruleset


def _unusable(ruleset, problems: list[str]) -> bool:
    for problem in problems:
        _say(problem)
    return bool(ruleset.errors or problems)


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


def _protected(corpus, ruleset) -> list[str]:
    """Every file this run read or could have read: inputs (skipped ones too), sidecars, rule files."""
    import os

    from .articles import SIDECAR_NAME

    paths = [s.path for s in corpus.inputs]
    folders = {os.path.dirname(p) or "." for p in paths}
    paths += [os.path.join(folder, SIDECAR_NAME) for folder in sorted(folders)]
    return paths + list(ruleset.files)


def _write(output: Path | None, text: str, corpus, ruleset, keep_sgr: bool = False) -> None:
    from .outputs import OutputError, write_output

    try:
        write_output(str(output) if output else None, text, inputs=_protected(corpus, ruleset),
                     keep_sgr=keep_sgr)
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
    jobs: JobsOpt = 1,
    per_folder: PerFolderOpt = False,
) -> None:
    """Pull the checkable facts of the articles into one table."""
    from .pipeline import extract as run_extract
    from .report import facts as render

    ruleset = _load_rules(rules)
    run = run_extract([str(p) for p in paths], ruleset=ruleset, max_bytes=max_bytes, jobs=jobs, per_folder=per_folder)
    _report_inputs(run.corpus, strict)
    if format is ExtractFormat.table:
        text = render.render_terminal(render.visible(run.table, show_all=all_mentions), texts=run.texts)
    elif format is ExtractFormat.markdown:
        text = render.render_markdown(render.visible(run.table, show_all=all_mentions), texts=run.texts)
    elif format is ExtractFormat.csv:
        text = render.render_csv(run.table)
    else:
        text = render.render_json(run.table)
    _write(output, text, run.corpus, ruleset)
    if _unusable(ruleset, run.problems):
        raise typer.Exit(EXIT_UNUSABLE)


@app.command()
def compare(
    paths: PathsArg,
    rules: RulesOpt = None,
    format: Annotated[CompareFormat, typer.Option("--format", "-f", help="Output format.")] = CompareFormat.table,
    output: OutputOpt = None,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="Exit 1 when a conflict reaches this severity.")] = FailOn.error,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    strict: StrictOpt = False,
    jobs: JobsOpt = 1,
    per_folder: PerFolderOpt = False,
) -> None:
    """Compare the facts across sources: agreements, conflicts, single-source facts."""
    from .pipeline import compare as run_compare

    ruleset = _load_rules(rules)
    result = run_compare([str(p) for p in paths], ruleset=ruleset, max_bytes=max_bytes, jobs=jobs,
                         per_folder=per_folder)
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
    _write(output, text, result.extraction.corpus, ruleset,
           keep_sgr=format is CompareFormat.table and output is None and sys.stdout.isatty())
    if _unusable(ruleset, result.extraction.problems):
        raise typer.Exit(EXIT_UNUSABLE)
    raise typer.Exit(EXIT_FINDINGS if result.fails(fail_on.value) else EXIT_OK)


@app.command()
def ci(
    corpus: Annotated[
        Optional[list[Path]],
        typer.Argument(help="The story's articles: files or folders (default: the current folder).", show_default=False),
    ] = None,
    since: Annotated[
        Optional[str],
        typer.Option("--since", metavar="GIT_REF",
                     help="New articles: those added or changed since this git ref (committed or not, untracked included)."),
    ] = None,
    new: Annotated[
        Optional[list[Path]],
        typer.Option("--new", metavar="FILE", help="New articles: these files (repeatable); no git needed."),
    ] = None,
    rules: RulesOpt = None,
    fail_on: Annotated[
        FailOn, typer.Option("--fail-on", help="Exit 1 when a conflict the new articles introduce reaches this severity."),
    ] = FailOn.error,
    min_severity: Annotated[
        str, typer.Option("--min-severity", metavar="[error|warning|info]", help="Show only findings of this severity or above."),
    ] = "info",
    summary: Annotated[
        Optional[Path],
        typer.Option("--summary", help="Write the Markdown summary here (it is also appended to $GITHUB_STEP_SUMMARY when set)."),
    ] = None,
    json_file: Annotated[Optional[Path], typer.Option("--json", help="Write the report as JSON here.")] = None,
    sarif: Annotated[Optional[Path], typer.Option("--sarif", help="Write SARIF 2.1.0 here (code scanning).")] = None,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
) -> None:
    """What new articles change: conflicts they introduce, facts they confirm, facts only they state."""
    import os

    from . import ci as ci_lib
    from .model import SEVERITY_RANK
    from . import neutral
    from .outputs import OutputError, write_output, write_stdout

    if min_severity not in SEVERITY_RANK:
        _say("error: --min-severity must be error, warning or info")
        raise typer.Exit(EXIT_UNUSABLE)
    ruleset = _load_rules(rules)
    try:
        done = ci_lib.run([str(p) for p in corpus or [Path(".")]], since=since,
                          new=[str(p) for p in new or []], ruleset=ruleset, max_bytes=max_bytes,
                          min_severity=min_severity)
    except ci_lib.CiError as exc:
        _say(f"error: {exc}")
        raise typer.Exit(EXIT_UNUSABLE) from None
    loaded = done.result.extraction.corpus
    _report_inputs(loaded, strict=False)
    report, level = done.report, fail_on.value

    text = ci_lib.render_summary(report, fail_on=level)
    inputs = _protected(loaded, ruleset)
    try:
        for path, content in ((summary, text), (json_file, ci_lib.render_json(report, fail_on=level)),
                              (sarif, ci_lib.render_sarif(report))):
            if path is not None:
                write_output(str(path), content, inputs=inputs)
        step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if step_summary:
            with open(step_summary, "a", encoding="utf-8", errors="surrogateescape") as handle:
                handle.write(neutral.text(text))
    except OutputError as exc:
        _say(f"error: {exc}")
        raise typer.Exit(EXIT_UNUSABLE) from None
    except OSError as exc:
        _say(f"error: $GITHUB_STEP_SUMMARY: {(exc.strerror or str(exc)).lower()}")
        raise typer.Exit(EXIT_UNUSABLE) from None

    out = ""
    if os.environ.get("GITHUB_ACTIONS") == "true":
        lines, _ = ci_lib.annotations(report)  # our own workflow commands, their data escaped
        out += "".join(line + "\n" for line in lines)
    if summary is None and not step_summary:
        out += neutral.text(text)
    else:
        out += neutral.line(ci_lib.summary_line(report, level)) + "\n"
    try:
        write_stdout(out)
    except OutputError as exc:
        _say(f"error: {exc}")
        raise typer.Exit(EXIT_UNUSABLE) from None
    # Broken rules or a pattern over its budget: the report is partial, as with compare.
    if _unusable(ruleset, done.result.extraction.problems):
        raise typer.Exit(EXIT_UNUSABLE)
    raise typer.Exit(EXIT_FINDINGS if report.fails(level) else EXIT_OK)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
