"""The ``factcheck`` command: parses options, calls the library, renders, sets the exit code.

Exit codes: 0 fine; 1 a finding at the ``--fail-on`` level (or nothing found,
with ``--fail-on-empty``); 2 unusable input, rules, config or baseline.
Settings come from the command line, else the config file (``config.py``),
else the defaults.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Annotated, Optional

import typer
import typer.core

from .articles import DEFAULT_MAX_BYTES

EXAMPLES = """\b
Examples:
  factcheck compare seeds/                        verdict per fact, in the terminal
  factcheck compare seeds/ -o report.html         the format follows the extension
  factcheck compare articles/ --baseline factcheck-baseline.json
  factcheck explain seeds/001_be5ea4c1b4f5cbc6.txt call.start_time
  factcheck rules                                 rule ids and what they check
"""

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Cross-source fact consistency checker for news: where do the articles agree, where do they conflict?",
    epilog=EXAMPLES,
    pretty_exceptions_enable=False,
)


def _argument_type(self, ctx):  # pragma: no cover - formatting only
    # typer prints a Python type ("<list[Path]>") beside an argument even when it has a
    # metavar; the metavar says it all.
    return None if self.metavar else _typer_argument_type(self, ctx)


_typer_argument_type = typer.core.TyperArgument.display_type_rich
typer.core.TyperArgument.display_type_rich = _argument_type
_typer_usage_name = typer.core.TyperArgument._usage_display_name
# ... and writes "{PATH...}..." in the usage line; the metavar is the usage ("PATH...", "[RULE...]").
typer.core.TyperArgument._usage_display_name = lambda self: self.metavar or _typer_usage_name(self)

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2
MAX_JOBS = 1024  # more worker processes than any machine has cores is a typo
MAX_BYTES_LIMIT = 2**30  # an article over 1 GiB is no article

EXTRACT_FORMATS = ("table", "markdown", "json", "jsonl", "csv", "parquet")
ARCHIVE_COMPARE_FORMATS = ("json", "markdown", "jsonl")  # written story by story (archive.py)
ARCHIVE_EXTRACT_FORMATS = ("jsonl", "parquet", "csv", "json")
COMPARE_FORMATS = ("table", "markdown", "json", "jsonl", "csv", "html", "sarif")
FORMAT_ALIASES = {"md": "markdown", "txt": "table", "text": "table", "ndjson": "jsonl"}
SUFFIX_FORMATS = {".json": "json", ".md": "markdown", ".markdown": "markdown", ".csv": "csv", ".html": "html",
                  ".htm": "html", ".jsonl": "jsonl", ".ndjson": "jsonl", ".sarif": "sarif", ".txt": "table"}
SEVERITIES = ("error", "warning", "info")
PROGRESS_FROM = 200  # articles: below this a run takes seconds and a bar would only flicker

PathsArg = Annotated[list[Path], typer.Argument(metavar="PATH...", show_default=False,
                                                help="Article files (.txt, .md) or folders of them.")]
RulesOpt = Annotated[Optional[list[Path]], typer.Option(
    "--rules", metavar="PATH",
    help="Rule file or folder (repeatable); replaces the story rules. Default: the config's, "
         "./rules if it exists, else the shipped rules.")]
OutputOpt = Annotated[Optional[Path], typer.Option(
    "--output", "-o", metavar="FILE", help="Write here instead of standard output; the extension sets the format.")]
MaxBytesOpt = Annotated[int, typer.Option("--max-bytes", metavar="BYTES", min=1, max=MAX_BYTES_LIMIT,
                                           help="Skip article files larger than this (1 byte to 1 GiB).")]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Exit 2 when any input could not be read.")]
JobsOpt = Annotated[int, typer.Option("--jobs", "-j", min=0, max=MAX_JOBS, metavar="N",
                                      help="Processes for the extraction (0: one a core; at most one an article); "
                                           "same output.")]
PerFolderOpt = Annotated[bool, typer.Option("--per-folder", help="Each sub-folder of a folder given is its own story.")]
StoreOpt = Annotated[Optional[Path], typer.Option(
    "--store", metavar="DIR", help="Facts store: the facts table as Parquet there; a rerun reuses what did not change.")]
EngineOpt = Annotated[str, typer.Option("--engine", metavar="local|dask",
                                        help="Where the stories run: local processes (--jobs), or a Dask cluster.")]
SchedulerOpt = Annotated[Optional[str], typer.Option(
    "--scheduler", metavar="tcp://HOST:PORT", help="The Dask scheduler (--engine dask). Default: a local cluster.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Only the report and errors: no notes, progress or closing line.")]
ColorOpt = Annotated[str, typer.Option(
    "--color", metavar="auto|always|never",
    help="Colours in the terminal. auto: on a terminal, unless NO_COLOR is set or TERM=dumb; FORCE_COLOR forces.")]
LangOpt = Annotated[Optional[str], typer.Option(
    "--lang", metavar="fr|en", help="Language of the report's labels. Default: the config's, else the rule file's, "
                                    "else the articles'.")]
ConfigOpt = Annotated[Optional[Path], typer.Option(
    "--config", metavar="FILE", help="Settings file. Default: factcheck.toml or [tool.factcheck] in pyproject.toml, "
                                     "here or in a parent folder.")]


def _say(message: str) -> None:
    """One line to stderr, neutralised: a file name or a YAML value can hold anything."""
    from .neutral import line

    try:
        typer.echo(line(message), err=True)
    except (OSError, ValueError):
        pass  # stderr itself is gone: nothing left to tell


def _fail(message: str) -> typer.Exit:
    _say(f"error: {message}")
    return typer.Exit(EXIT_UNUSABLE)


def _show_version(value: bool) -> None:
    if value:
        import factcheck

        typer.echo(f"factcheck {factcheck.__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _main(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_show_version, is_eager=True,
                                                    help="Print the version and exit.")] = None,
) -> None:
    """Cross-source fact consistency checker for news: where do the articles agree, where do they conflict?"""


# --------------------------------------------------------------------------- settings


def _config(path: Path | None):
    from .config import ConfigError, load_config

    try:
        return load_config(path)
    except ConfigError as exc:
        raise _fail(str(exc)) from None


def _format(given: str | None, output: Path | None, configured: str | None, allowed: tuple[str, ...],
            command: str) -> str:
    """--format, else -o's extension, else the config's, else the terminal table."""
    if given:
        name = FORMAT_ALIASES.get(given.lower(), given.lower())
    elif output is not None and output.suffix.lower() in SUFFIX_FORMATS:
        name = SUFFIX_FORMATS[output.suffix.lower()]
    elif configured:
        name = FORMAT_ALIASES.get(configured.lower(), configured.lower())
    else:
        name = "table"
    if name not in allowed:
        shown = given or (output.suffix if output is not None and output.suffix else configured)
        raise _fail(f"{command} cannot write {shown!r}: formats are {', '.join(allowed)} (md for markdown)")
    return name


def use_color(choice: str, is_tty: bool, environ=os.environ) -> bool:
    """--color always/never wins; auto: NO_COLOR (any value) off, FORCE_COLOR (not 0) on, TERM=dumb off, else a terminal."""
    if choice == "always":
        return True
    if choice == "never":
        return False
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR") not in (None, "", "0"):
        return True
    if environ.get("TERM") == "dumb":
        return False
    return is_tty


def _check_choice(name: str, value: str | None, choices: tuple[str, ...]) -> None:
    if value is not None and value not in choices:
        raise _fail(f"{name} must be one of {', '.join(choices)}, not {value!r}")


def _load_rules(rules: list[Path] | list[str] | None):
    from .rules import load_rules

    ruleset = load_rules([str(p) for p in rules] if rules else None)
    for error in ruleset.errors:
        _say(str(error))
    if not ruleset.files:
        raise _fail("no rule file could be read")
    # The files that loaded still run, so the report says what it can; the exit code says 2.
    return ruleset


def _language(lang: str | None, configured: str | None, ruleset, comparison=None) -> str:
    """The desk's language (``i18n.desk_language``): --lang, the config's, the rule files', the articles'."""
    from .report.i18n import LANGUAGES, desk_language

    _check_choice("--lang", lang, LANGUAGES)
    if comparison is not None and comparison.language and not (lang or configured):
        return comparison.language  # decided by the run, with the articles' languages
    return desk_language(lang or configured, ruleset.languages.values())


def _report_inputs(corpus, strict: bool, quiet: bool = False) -> None:
    """One line an input that was not read (or read with a warning); exit 2 when nothing is left."""
    for status in corpus.inputs:
        if status.status == "report":
            if not quiet:  # our own report, skipped: a note, not a problem
                _say(f"{status.path}: skipped: {status.reason}")
        elif not status.ok:
            _say(f"{status.path}: {status.reason or status.status}")
        elif status.reason and not quiet:
            _say(f"{status.path}: warning: {status.reason}")
    if not corpus.articles:
        raise _fail("no article could be read")
    if strict and corpus.problems:
        raise typer.Exit(EXIT_UNUSABLE)


def _warn_output_inside(output: Path | None, paths: list[Path], quiet: bool) -> None:
    if output is None or quiet:
        return
    where = output.resolve()
    for folder in paths:
        if folder.is_dir() and where.is_relative_to(folder.resolve()):
            _say(f"warning: {output} is inside the input folder {folder}: it is marked as a factcheck report "
                 "and skipped on the next run, but a folder of its own is tidier")
            return


def _stdout(text: str) -> None:
    from .neutral import text as inert
    from .outputs import OutputError, write_stdout

    try:
        write_stdout(inert(text))
    except OutputError as exc:
        raise _fail(str(exc)) from None


def _marked(text: str) -> str:
    """A text report with factcheck's marker on its first line: never read back as an article."""
    from .model import REPORT_MARKER

    return f"{REPORT_MARKER}\n{text}"


def _protected(corpus, ruleset) -> list[str]:
    """Every file this run read or could have read: inputs (skipped ones too), sidecars, rule files."""
    from .articles import SIDECAR_NAME

    paths = [s.path for s in corpus.inputs]
    folders = {os.path.dirname(p) or "." for p in paths}
    paths += [os.path.join(folder, SIDECAR_NAME) for folder in sorted(folders)]
    return paths + list(ruleset.files)


def _write(output: Path | None, text: str, corpus, ruleset, keep_sgr: bool = False) -> None:
    from .outputs import OutputError, write_output

    try:
        write_output(str(output) if output else None, text, inputs=_protected(corpus, ruleset), keep_sgr=keep_sgr)
    except OutputError as exc:
        raise _fail(str(exc)) from None


def _progress(quiet: bool):
    """A progress bar on stderr for long runs, only when stderr is a terminal; None otherwise."""
    if quiet or not sys.stderr.isatty() or os.environ.get("TERM") == "dumb":
        return None, None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(TextColumn("reading"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                   console=Console(stderr=True), transient=True)
    state: dict = {}

    def tick(done: int, total: int) -> None:
        if total < PROGRESS_FROM:
            return
        if "task" not in state:
            bar.start()
            state["task"] = bar.add_task("articles", total=total)
        bar.update(state["task"], completed=done)

    return bar, tick


def _with_progress(step, paths: list[Path], quiet: bool, **options):
    """``step(paths, **options)`` (``pipeline.extract`` or ``compare``) with the progress bar when there is one."""
    bar, tick = _progress(quiet)
    try:
        return step([str(p) for p in paths], progress=tick, **options)
    finally:
        if bar is not None:
            bar.stop()


def _terminal_width() -> int:
    return shutil.get_terminal_size((80, 24)).columns


# --------------------------------------------------------------------------- commands


@app.command(short_help="Pull the checkable facts of the articles into one table.",
             epilog="\b\nExamples:\n  factcheck extract seeds/\n  factcheck extract seeds/ -o facts.csv\n"
                    "  factcheck extract seeds/ --all --format jsonl")
def extract(
    paths: PathsArg,
    rules: RulesOpt = None,
    format: Annotated[Optional[str], typer.Option(
        "--format", "-f", metavar="|".join(EXTRACT_FORMATS), help="Output format (md for markdown). "
        "Default: from -o's extension, else the terminal table.")] = None,
    output: OutputOpt = None,
    all_mentions: Annotated[bool, typer.Option("--all", help="Also show mentions that bind to no declared fact.")] = False,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    strict: StrictOpt = False,
    jobs: JobsOpt = 1,
    per_folder: PerFolderOpt = False,
    quiet: QuietOpt = False,
    config: ConfigOpt = None,
    store: StoreOpt = None,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
) -> None:
    """Pull the checkable facts of the articles into one table."""
    from .pipeline import extract as run_extract
    from .report import facts as render

    settings = _config(config)
    chosen = _format(format, output, settings.format, EXTRACT_FORMATS, "extract")
    ruleset = _load_rules(rules or settings.rules)
    _warn_output_inside(output, paths, quiet)
    if _archive_mode(store, engine, per_folder, chosen, ("jsonl",)) or chosen == "parquet":
        if chosen not in ARCHIVE_EXTRACT_FORMATS or (chosen == "parquet" and store is None):
            raise _fail(f"extract with --store or --engine dask writes {', '.join(ARCHIVE_EXTRACT_FORMATS)} "
                        "(parquet: into --store)")
        written, _ = _archive(paths, ruleset, chosen, output, strict, quiet, jobs, per_folder, max_bytes, store,
                              engine, scheduler, facts=True)
        raise typer.Exit(EXIT_UNUSABLE if _unusable(ruleset, written.rule_problems) else EXIT_OK)
    run = _with_progress(run_extract, paths, quiet, ruleset=ruleset, max_bytes=max_bytes, jobs=jobs,
                         per_folder=per_folder)
    _report_inputs(run.corpus, strict, quiet)
    if chosen == "table":
        from .pipeline import report_entry
        from .report.base import Comparison, article_heads

        heads = article_heads(Comparison(articles=[report_entry(a) for a in run.corpus.articles], inputs=[],
                                         findings=[]))
        text = render.render_terminal(render.visible(run.table, show_all=all_mentions), texts=run.texts,
                                      width=_terminal_width() if output is None else 100, heads=heads)
        text = _marked(text) if output is not None else text
    elif chosen == "markdown":
        text = _marked(render.render_markdown(render.visible(run.table, show_all=all_mentions), texts=run.texts))
    elif chosen == "csv":
        text = render.render_csv(run.table)
    elif chosen == "jsonl":
        text = render.render_jsonl(run.table)
    else:
        text = render.render_json(run.table)
    _write(output, text, run.corpus, ruleset)
    if _unusable(ruleset, run.problems):
        raise typer.Exit(EXIT_UNUSABLE)


def _unusable(ruleset, problems: list[str]) -> bool:
    for problem in problems:
        _say(problem)
    return bool(ruleset.errors or problems)


@app.command(short_help="Where the articles agree, where they conflict.",
             epilog="\b\nExamples:\n  factcheck compare seeds/\n  factcheck compare seeds/ -o report.html\n"
                    "  factcheck compare articles/ --write-baseline factcheck-baseline.json\n"
                    "  factcheck compare articles/ --baseline factcheck-baseline.json --fail-on warning\n"
                    "  factcheck compare articles/ --select FC1 --ignore FC104 --min-severity warning")
def compare(
    paths: PathsArg,
    rules: RulesOpt = None,
    format: Annotated[Optional[str], typer.Option(
        "--format", "-f", metavar="|".join(COMPARE_FORMATS), help="Output format (md for markdown). "
        "Default: from -o's extension, else the config's, else the terminal table.")] = None,
    output: OutputOpt = None,
    fail_on: Annotated[Optional[str], typer.Option(
        "--fail-on", metavar="error|warning|info|never",
        help="Exit 1 when a conflict reaches this severity. Default: error.")] = None,
    min_severity: Annotated[Optional[str], typer.Option(
        "--min-severity", metavar="error|warning|info", help="Show only findings of this severity or above "
        "(what fails is still --fail-on's). Default: info.")] = None,
    select: Annotated[Optional[list[str]], typer.Option(
        "--select", metavar="RULE", help="Only these rule ids or prefixes (FC1, FC104); repeatable.")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option(
        "--ignore", metavar="RULE", help="Not these rule ids or prefixes; repeatable.")] = None,
    baseline: Annotated[Optional[Path], typer.Option(
        "--baseline", metavar="FILE", help="Acknowledged findings: report and fail only on what is new.")] = None,
    write_baseline: Annotated[Optional[Path], typer.Option(
        "--write-baseline", metavar="FILE", help="Write every current finding to FILE as acknowledged, exit 0.")] = None,
    fail_on_empty: Annotated[Optional[bool], typer.Option(
        "--fail-on-empty/--no-fail-on-empty", help="Exit 1 when no declared fact is found in any article "
        "(articles about another story).")] = None,
    lang: LangOpt = None,
    color: ColorOpt = "auto",
    quiet: QuietOpt = False,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    strict: StrictOpt = False,
    jobs: JobsOpt = 1,
    per_folder: PerFolderOpt = False,
    config: ConfigOpt = None,
    store: StoreOpt = None,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
) -> None:
    """Compare the facts across sources: agreements, conflicts, single-source facts."""
    from .baseline import BaselineError, read_baseline, render_baseline
    from .pipeline import compare as run_compare
    from .report.i18n import catalogue
    from .review import review_result, shown_comparison

    settings = _config(config)
    chosen = _format(format, output, settings.format, COMPARE_FORMATS, "compare")
    fail_level = fail_on or settings.fail_on or "error"
    floor = min_severity or settings.min_severity or "info"
    _check_choice("--fail-on", fail_level, (*SEVERITIES, "never"))
    _check_choice("--min-severity", floor, SEVERITIES)
    _check_choice("--color", color, ("auto", "always", "never"))
    baseline_file = str(baseline) if baseline else settings.baseline
    entries = None
    if baseline_file and write_baseline is None:
        try:
            entries = read_baseline(baseline_file)
        except BaselineError as exc:
            raise _fail(str(exc)) from None
    ruleset = _load_rules(rules or settings.rules)
    t = catalogue(_language(lang, settings.lang, ruleset))
    _warn_output_inside(output, paths, quiet)
    if write_baseline is None and _archive_mode(store, engine, per_folder, chosen, ARCHIVE_COMPARE_FORMATS):
        from .review import review_findings

        if chosen not in ARCHIVE_COMPARE_FORMATS:
            raise _fail(f"compare with --store or --engine dask writes {', '.join(ARCHIVE_COMPARE_FORMATS)}")
        options = dict(fail_on=fail_level, min_severity=floor, select=select or settings.select,
                       ignore=ignore or settings.ignore, baseline=entries, baseline_name=baseline_file,
                       fail_on_empty=bool(fail_on_empty if fail_on_empty is not None else settings.fail_on_empty))
        written, review = _archive(paths, ruleset, chosen, output, strict, quiet, jobs, per_folder, max_bytes,
                                   store, engine, scheduler, review=lambda found: review_findings(found, **options),
                                   sides_reviewed=entries is not None, lang=t.code)
        if ruleset.errors or written.rule_problems:
            review.unusable = "the rules could not all be used (see above)"
        for problem in written.rule_problems:
            _say(problem)
        if not quiet:
            for note in review.notes(t):
                _say(note)
            _say(review.reason(t))
        raise typer.Exit(review.exit_code)

    result = _with_progress(run_compare, paths, quiet, ruleset=ruleset, max_bytes=max_bytes, jobs=jobs,
                            per_folder=per_folder)
    corpus = result.extraction.corpus
    _report_inputs(corpus, strict, quiet)
    t = catalogue(_language(lang, settings.lang, ruleset, result.comparison))

    if write_baseline is not None:
        from .outputs import OutputError, write_output

        try:
            write_output(str(write_baseline), render_baseline(result.findings), inputs=_protected(corpus, ruleset))
        except OutputError as exc:
            raise _fail(str(exc)) from None
        if not quiet:
            from .baseline import worth_keeping

            n = sum(1 for f in result.findings if worth_keeping(f))
            _say(f"{write_baseline}: {n} finding(s) acknowledged; run with --baseline {write_baseline} "
                 "to report and fail only on new ones")
        raise typer.Exit(EXIT_UNUSABLE if _unusable(ruleset, result.extraction.problems) else EXIT_OK)

    review = review_result(result, fail_on=fail_level, min_severity=floor, select=select or settings.select,
                           ignore=ignore or settings.ignore, baseline=entries, baseline_name=baseline_file,
                           fail_on_empty=bool(fail_on_empty if fail_on_empty is not None else settings.fail_on_empty))
    problems = result.extraction.problems
    if ruleset.errors or problems:
        review.unusable = "the rules could not all be used (see above)"
    shown = shown_comparison(result.comparison, review)
    notes = [] if quiet else review.notes(t)
    closing = review.reason(t)

    to_terminal = chosen == "table" and output is None
    paint = to_terminal and use_color(color, sys.stdout.isatty())
    if chosen == "table":
        from .report.table import render_table

        text = render_table(shown, color=paint, width=_terminal_width() if to_terminal else 100, lang=t.code,
                            notes=notes if to_terminal else (), closing=None if quiet or not to_terminal else closing)
    elif chosen == "markdown":
        from .report.markdown import render_markdown

        text = _marked(render_markdown(shown, lang=t.code, notes=review.notes(t)))
    elif chosen == "html":
        from .report.html import render_html

        text = render_html(shown, lang=t.code, notes=review.notes(t))
    elif chosen == "sarif":
        from .ci import render_compare_sarif

        text = render_compare_sarif(result, shown.findings, lang=t.code)
    elif chosen == "csv":
        from .report.flat import render_findings_csv

        text = render_findings_csv(shown)
    elif chosen == "jsonl":
        from .report.flat import render_findings_jsonl

        text = render_findings_jsonl(shown)
    else:
        from .report.jsonout import render_json

        text = render_json(shown)
    if chosen == "table" and output is not None:
        text = _marked(text)
    _write(output, text, corpus, ruleset, keep_sgr=to_terminal and paint)
    for problem in problems:
        _say(problem)
    if not to_terminal and not quiet:
        for note in notes:
            _say(note)
        _say(closing)
    raise typer.Exit(review.exit_code)


def _archive_mode(store, engine: str, per_folder: bool, chosen: str, streamed: tuple[str, ...]) -> bool:
    """Archive runs (story by story, ``archive.py``): a store, a Dask cluster, or --per-folder in a streamed format."""
    _check_choice("--engine", engine, ("local", "dask"))
    return store is not None or engine != "local" or (per_folder and chosen in streamed)


def _archive(paths, ruleset, chosen: str, output, strict: bool, quiet: bool, jobs: int, per_folder: bool,
             max_bytes: int, store, engine: str, scheduler, *, facts: bool = False, review=None,
             sides_reviewed: bool = True, lang: str | None = None):
    """Run the stories and write the report as they finish; (what was written, the run's review or None)."""
    from .archive import run_archive
    from .checks import compare_kinds
    from .dask_engine import EngineError
    from .model import REPORT_MARKER
    from .outputs import OutputError, StreamOutput
    from .report.i18n import catalogue
    from .report.stream import write_archive
    from .review import Review, coverage
    from .store import StoreError

    def overall(parts: dict, bound: set) -> Review:
        """The run's review from every story's parts and the facts bound anywhere."""
        verdict = review([])
        return Review(**parts, coverage=coverage(ruleset, bound), fail_on=verdict.fail_on,
                      min_severity=verdict.min_severity, fail_on_empty=verdict.fail_on_empty,
                      baseline=verdict.baseline)

    t = catalogue(lang)
    bar, tick = _progress(quiet)
    try:
        run = run_archive([str(p) for p in paths], ruleset=ruleset, per_folder=per_folder, check=not facts,
                          keep_rows=facts and chosen != "parquet", jobs=jobs, max_bytes=max_bytes,
                          store=None if store is None else str(store), engine=engine, scheduler=scheduler)
        listed = SimpleNamespace(inputs=run.listed())
        with StreamOutput(None if chosen == "parquet" else output, inputs=_protected(listed, ruleset)) as out:
            written = write_archive(run, chosen, out, compares=compare_kinds(ruleset.checks), facts=facts,
                                    review=review, sides_reviewed=sides_reviewed,
                                    marker=REPORT_MARKER if chosen == "markdown" else None,
                                    progress=tick, lang=lang,
                                    notes=None if review is None else (lambda parts, bound: overall(parts, bound).notes(t)))
            if bar is not None:
                bar.stop()
            _report_inputs(written, strict, quiet)  # nothing read, or --strict with a bad input: no output
            out.commit()
    except (OutputError, StoreError, EngineError) as exc:
        raise _fail(str(exc)) from None
    finally:
        if bar is not None:
            bar.stop()
    if store is not None and not quiet:
        _say(run.summary.line())
    if review is None:
        return written, None
    return written, overall(written.parts, written.facts)


@app.command(name="rules", short_help="The rule ids and what each checks.", epilog="\b\nExamples:\n  factcheck rules\n  factcheck rules FC102\n"
                                  "  factcheck rules --rules rules/my-story.yaml")
def rules_command(
    ids: Annotated[Optional[list[str]], typer.Argument(metavar="[RULE...]", show_default=False,
                                                       help="Only these rule ids or prefixes.")] = None,
    rules: RulesOpt = None,
    config: ConfigOpt = None,
) -> None:
    """List the rule ids with what each checks, its severity and its message."""
    from .config import rule_selected

    settings = _config(config)
    ruleset = _load_rules(rules or settings.rules)
    shown = [c for c in ruleset.checks if rule_selected(c.id, list(ids or []), [])]
    if not shown:
        raise _fail(f"no rule matches {' '.join(ids or [])}")
    lines = []
    for check in shown:
        target = f"fact {check.fact}" if check.fact else f"every {check.kind}"
        fact = ruleset.facts.get(check.fact or "")
        lines.append(f"{check.id}  {check.severity:<7}  {target}  ({check.compare})  [{check.file}]")
        if fact is not None and fact.description:
            lines.append(f"        {fact.kind}: {' '.join(fact.description.split())}")
        lines.append(f"        {' '.join(check.message.split())}")
    _stdout("".join(line + "\n" for line in lines))
    if ruleset.errors:
        raise typer.Exit(EXIT_UNUSABLE)


@app.command(short_help="Why a fact's mentions did or did not bind.",
             epilog="\b\nExamples:\n  factcheck explain seeds/001_be5ea4c1b4f5cbc6.txt call.start_time\n"
                    "  factcheck explain seeds/000_b5fe129bdbb88210.txt call.date")
def explain(
    article: Annotated[Path, typer.Argument(metavar="ARTICLE", show_default=False, help="One article file.")],
    fact: Annotated[str, typer.Argument(metavar="FACT", show_default=False, help="A declared fact id, e.g. call.date.")],
    rules: RulesOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Why each mention of a fact's kind in an article did or did not bind to the fact."""
    from .articles import load_article
    from .explain import ExplainError, explain as run_explain, render_explanation

    settings = _config(config)
    ruleset = _load_rules(rules or settings.rules)
    loaded, status = load_article(article)
    if loaded is None:
        raise _fail(f"{article}: {status.reason or status.status}")
    try:
        items = run_explain(loaded, fact, ruleset)
    except ExplainError as exc:
        raise _fail(str(exc)) from None
    _stdout(render_explanation(loaded, fact, items))


@app.command(short_help="What new articles change (for CI jobs).")
def ci(
    corpus: Annotated[
        Optional[list[Path]],
        typer.Argument(metavar="[PATH...]", help="The story's articles: files or folders (default: the current folder).",
                       show_default=False),
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
        Optional[str], typer.Option("--fail-on", metavar="error|warning|info|never",
                                    help="Exit 1 when a conflict the new articles introduce reaches this severity. "
                                         "Default: the config's, else error."),
    ] = None,
    min_severity: Annotated[
        Optional[str], typer.Option("--min-severity", metavar="error|warning|info",
                                    help="Show only findings of this severity or above. Default: the config's, "
                                         "else info."),
    ] = None,
    summary: Annotated[
        Optional[Path],
        typer.Option("--summary", metavar="FILE",
                     help="Write the Markdown summary here (it is also appended to $GITHUB_STEP_SUMMARY when set)."),
    ] = None,
    json_file: Annotated[Optional[Path], typer.Option("--json", metavar="FILE", help="Write the report as JSON here.")] = None,
    sarif: Annotated[Optional[Path], typer.Option("--sarif", metavar="FILE", help="Write SARIF 2.1.0 here (code scanning).")] = None,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    lang: LangOpt = None,
    config: ConfigOpt = None,
) -> None:
    """What new articles change: conflicts they introduce, facts they confirm, facts only they state."""
    from . import ci as ci_lib
    from . import neutral
    from .outputs import OutputError, write_output, write_stdout

    settings = _config(config)  # factcheck.toml / [tool.factcheck]: rules, fail-on, min-severity, lang
    fail_on = fail_on or settings.fail_on or "error"
    min_severity = min_severity or settings.min_severity or "info"
    _check_choice("--min-severity", min_severity, SEVERITIES)
    _check_choice("--fail-on", fail_on, (*SEVERITIES, "never"))
    _language(lang, None, SimpleNamespace(languages={}))  # a wrong --lang stops before the run
    ruleset = _load_rules(rules or settings.rules)
    try:
        done = ci_lib.run([str(p) for p in corpus or [Path(".")]], since=since,
                          new=[str(p) for p in new or []], ruleset=ruleset, max_bytes=max_bytes,
                          min_severity=min_severity)
    except ci_lib.CiError as exc:
        raise _fail(str(exc)) from None
    loaded = done.result.extraction.corpus
    _report_inputs(loaded, strict=False)
    report, level = done.report, fail_on

    code = _language(lang, settings.lang, ruleset, done.result.comparison)
    text = ci_lib.render_summary(report, fail_on=level, lang=code)
    inputs = _protected(loaded, ruleset)
    try:
        for path, content in ((summary, text), (json_file, ci_lib.render_json(report, fail_on=level)),
                              (sarif, ci_lib.render_sarif(report, lang=code))):
            if path is not None:
                write_output(str(path), content, inputs=inputs)
        step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if step_summary:
            with open(step_summary, "a", encoding="utf-8", errors="surrogateescape") as handle:
                handle.write(neutral.text(text))
    except OutputError as exc:
        raise _fail(str(exc)) from None
    except OSError as exc:
        raise _fail(f"$GITHUB_STEP_SUMMARY: {(exc.strerror or str(exc)).lower()}") from None

    out = ""
    if os.environ.get("GITHUB_ACTIONS") == "true":
        lines, _ = ci_lib.annotations(report, lang=code)  # our own workflow commands, their data escaped
        out += "".join(line + "\n" for line in lines)
    if summary is None and not step_summary:
        out += neutral.text(text)
    else:
        out += neutral.line(ci_lib.summary_line(report, level, code)) + "\n"
    try:
        write_stdout(out)
    except OutputError as exc:
        raise _fail(str(exc)) from None
    # Broken rules or a pattern over its budget: the report is partial, as with compare.
    if _unusable(ruleset, done.result.extraction.problems):
        raise typer.Exit(EXIT_UNUSABLE)
    raise typer.Exit(EXIT_FINDINGS if report.fails(level) else EXIT_OK)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
