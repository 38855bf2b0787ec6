"""The whole pipeline as library calls: what ``factcheck extract`` and ``compare`` do.

    from factcheck.pipeline import extract, compare
    run = extract(["seeds/"])            # run.table is the facts table
    result = compare(["seeds/"])         # result.comparison.findings

The CLI only parses options, calls these and renders what they return.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from .articles import DEFAULT_MAX_BYTES, Corpus, candidate_files, load_corpus
from .facts import extract_mentions, rows_frame, row_tuples
from .model import SEVERITY_RANK, Article, Finding
from .rules import BUDGET_NOTE, RuleSet, load_rules

if TYPE_CHECKING:
    import pandas as pd

    from .report.base import Comparison

Paths = Sequence[str | os.PathLike]
Progress = Callable[[int, int], None]  # (articles done, articles in all), called as the work goes


@dataclass
class Extraction:
    corpus: Corpus
    ruleset: RuleSet
    rows: list[tuple]  # the facts table's rows, ``TABLE_COLUMNS`` order (``facts.row_tuples``)
    problems: list[str] = field(default_factory=list)  # one line each: a rule pattern that ran out of time
    stories: dict[str, str] = field(default_factory=dict)  # article id -> story, with per_folder only
    per_folder: bool = False

    @cached_property
    def table(self) -> "pd.DataFrame":
        """The facts table (pandas), built on first use: ``compare`` needs only the rows."""
        return rows_frame(self.rows, self.stories if self.per_folder else None)

    @property
    def texts(self) -> dict[str, str]:
        return {a.id: a.text for a in self.corpus.articles}

    def frame(self) -> "pd.DataFrame":
        """The facts table with typed columns, for notebooks (``api.typed_table``)."""
        from .api import typed_table

        return typed_table(self)

    def __repr__(self) -> str:
        from .api import extraction_repr

        return extraction_repr(self)

    def _repr_html_(self) -> str:
        from .api import extraction_html

        return extraction_html(self)


@dataclass
class Result:
    extraction: Extraction
    comparison: "Comparison"
    findings: list[Finding] = field(default_factory=list)

    def fails(self, fail_on: str) -> bool:
        """True when a finding at ``fail_on`` severity or above is a real problem (not an agreement)."""
        if fail_on == "never":
            return False
        floor = SEVERITY_RANK[fail_on]
        return any(f.status == "conflict" and SEVERITY_RANK.get(f.severity, 0) >= floor for f in self.findings)

    def findings_frame(self) -> "pd.DataFrame":
        """One row a (finding, side, article): what each article states in each finding, with its line."""
        from .api import findings_frame

        return findings_frame(self)

    def __repr__(self) -> str:
        from .api import result_repr

        return result_repr(self)

    def _repr_html_(self) -> str:
        from .api import result_html

        return result_html(self)


def extract(paths: Paths, *, rules: Paths | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
            ruleset: RuleSet | None = None, jobs: int = 1, per_folder: bool = False,
            progress: Progress | None = None) -> Extraction:
    """The facts table of the articles under ``paths``.

    ``paths``: one file or folder (``"seeds"``, a ``Path``) or a list of them.
    ``rules``: rule files or folders that *replace* the story rules (``./rules``
    or the shipped ones), exactly as ``--rules`` does; the shipped
    ``common.yaml`` checks always apply.  Rules that do not validate raise
    ``RuleError`` (file:line:col: reason).  ``Extraction.rules_files`` says
    which files ran.

    ``jobs``: processes for the extraction (1: this one; 0: one a core); the
    table is the same whatever the number.  ``per_folder``: each immediate
    sub-folder of a folder given is one story (``story_names``); the table
    then has a ``story`` column after ``article``.
    """
    return _run(paths, rules=rules, max_bytes=max_bytes, ruleset=ruleset, jobs=jobs, per_folder=per_folder,
                progress=progress)[0]


def compare(paths: Paths, *, rules: Paths | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
            ruleset: RuleSet | None = None, jobs: int = 1, per_folder: bool = False,
            progress: Progress | None = None) -> Result:
    """Findings over the articles under ``paths``.

    With ``per_folder`` the checks run story by story, each on its own
    story's rows only: no finding spans two stories, every finding carries its
    story, and a story's findings never depend on the other stories.
    """
    from .binding import unmatched_articles
    from .checks import compare_kinds, run_checks, table_rows
    from .report.base import Comparison
    from .report.i18n import desk_language

    run, findings = _run(paths, rules=rules, max_bytes=max_bytes, ruleset=ruleset, jobs=jobs, progress=progress,
                         per_folder=per_folder, check=per_folder)
    rows = table_rows(run.rows)  # checks and reports read these records, no DataFrame needed
    if not per_folder:
        findings = run_checks(rows, run.ruleset.checks)
    texts = run.texts  # a property: build the id -> text map once, not once a finding
    findings = [_with_lines(f, texts) for f in findings]
    articles = [report_entry(a, run.stories[a.id] if per_folder else None) for a in run.corpus.articles]
    comparison = Comparison(
        articles=articles, inputs=list(run.corpus.inputs), findings=findings, table=rows,
        rules_files=list(run.ruleset.files), compares=compare_kinds(run.ruleset.checks),
        unmatched=unmatched_articles(run.corpus.articles, run.ruleset),
        language=desk_language(None, run.ruleset.languages.values(),
                               [a.meta.language for a in run.corpus.articles]),
    )
    return Result(run, comparison, findings)


def report_entry(article: Article, story: str | None = None) -> dict:
    """What a report lists of an article read (``Comparison.articles``); ``story`` with --per-folder."""
    # source: the outlet, None when unknown (never the id); path: what a legend shows
    entry = {"id": article.id, "source": article.meta.source, "date": article.meta.date,
             "date_source": article.meta.date_source, "status": "ok", "encoding": article.encoding,
             "path": article.path}
    if story is not None:
        entry["story"] = story
    return entry


def _with_lines(finding: Finding, texts: dict[str, str]) -> Finding:
    """Fill each side's quote lines (1-based, in its article) for CI annotations."""
    from dataclasses import replace

    from .text import line_of

    groups = []
    for side in finding.groups:
        lines = []
        for article, quote in zip(side.articles, side.quotes):
            text = texts.get(article, "")
            at = text.find(quote) if quote else -1
            lines.append(line_of(text, at) if at >= 0 else 0)
        groups.append(replace(side, lines=tuple(lines)))
    return replace(finding, groups=tuple(groups))


# ---------------------------------------------------------------------------
# Rows of the facts table (and per-story findings), in one process or several


def as_paths(paths: "Paths | str | os.PathLike | None") -> list[str]:
    """One path (a ``str`` or ``Path``) is one path, never a sequence of characters."""
    if paths is None:
        return []
    if isinstance(paths, (str, os.PathLike)):
        return [os.fspath(paths)]
    return [os.fspath(p) for p in paths]


def _rules(rules: "Paths | str | os.PathLike | None") -> RuleSet:
    """The rule set the Python API runs: ``rules`` replaces the story rules (as ``--rules``
    does; the shipped ``common.yaml`` is always added); invalid rules raise ``RuleError``."""
    ruleset = load_rules(as_paths(rules) or None)
    if ruleset.errors:
        first = ruleset.errors[0]
        if len(ruleset.errors) > 1:
            more = "; ".join(str(e) for e in ruleset.errors[1:4])
            raise type(first)(first.file, first.line, first.col,
                              f"{first.message} (and {len(ruleset.errors) - 1} more: {more})")
        raise first
    return ruleset


def _run(paths: Paths, *, rules: Paths | None, max_bytes: int, ruleset: RuleSet | None, jobs: int,
         per_folder: bool, check: bool = False, progress: Progress | None = None) -> tuple[Extraction, list[Finding]]:
    paths = as_paths(paths)
    ruleset = ruleset if ruleset is not None else _rules(rules)
    # The workers are forked before the corpus is read: they do not inherit (and copy) its memory.
    # Never more of them than files to read.
    pool = _pool(ruleset, jobs, len(candidate_files(paths)) if jobs != 1 else 1)
    try:
        corpus = load_corpus(paths, max_bytes=max_bytes)
        stories = story_names(corpus.articles, paths) if per_folder else {}
        problems: list[str] = []
        rows, findings = mention_rows(corpus.articles, ruleset, problems, jobs=jobs, progress=progress,
                                      stories=stories if check else None, pool=pool)
    finally:
        if pool is not None:
            pool.shutdown()
    return Extraction(corpus, ruleset, rows, problems, stories, per_folder), findings


def mention_rows(articles: Sequence[Article], ruleset: RuleSet, problems: list[str] | None = None, *,
                 jobs: int = 1, stories: dict[str, str] | None = None, pool=None,
                 progress: Progress | None = None) -> tuple[list[tuple], list[Finding]]:
    """The facts table's rows (``TABLE_COLUMNS`` order) and, with ``stories``, each story's findings.

    Rows: articles sorted by (id, path), each article's mentions by offset,
    whatever ``jobs`` is.  With ``stories`` (article id -> story) the checks
    run on each story's own rows (``story_findings``), and the findings come
    ordered by story, then as ``run_checks`` orders them.

    ``jobs`` other than 1: the work is cut into tasks (runs of consecutive
    articles, or of whole stories) done by worker processes
    (``concurrent.futures``; ``pool`` when given, from ``_pool``) that get the
    rule set once; the results are put back in article and story order, so
    rows, ``problems`` lines and findings are those of one process.
    """
    ordered = sorted(articles, key=lambda a: (a.id, a.path))
    workers = _workers(jobs, len(ordered))
    tasks = _tasks(ordered, stories, workers)
    check = stories is not None
    off: list[str] = []  # patterns out of their run's budget
    for _ in range(len(ruleset.patterns()) + 1):
        results = _run_tasks(tasks, ruleset, check, workers, jobs, len(ordered), pool, progress, off)
        lines = [line for article_rows, _ in results for _, _, said in article_rows for line in said]
        newly = [line for line in dict.fromkeys(lines) if BUDGET_NOTE in line and line not in off]
        if not newly:
            break
        # A pattern ran out of time somewhere: the whole run is done again with it off from the
        # start, so no article's binding depends on when, or in which worker, that happened.
        off.extend(newly)
        ruleset.disable(off)
        progress = None
    by_index: list[tuple[list[tuple], list[str]]] = [([], [])] * len(ordered)
    by_story: dict[str, list[Finding]] = {}
    for article_rows, story_results in results:
        for index, rows, lines in article_rows:
            by_index[index] = (rows, lines)
        by_story.update(story_results)
    rows_out = [row for rows, _ in by_index for row in rows]
    if problems is not None:
        # A pattern out of budget is named once, however many workers met it.
        said = [*off, *(line for _, lines in by_index for line in lines)]
        problems.extend(line for line in dict.fromkeys(said) if line not in problems)
    findings = [f for story in sorted(by_story) for f in by_story[story]]
    return rows_out, findings


def _counted(results, tasks: list, progress: Progress | None) -> list:
    """The tasks' results, telling ``progress(articles done, articles in all)`` after each."""
    total, done, out = sum(len(t) for t in tasks), 0, []
    for task, result in zip(tasks, results):
        out.append(result)
        done += len(task)
        if progress is not None:
            progress(done, total)
    return out


_MAX_TASK = 200  # articles a task: small enough to balance the workers, big enough to pay for the hand-over
_Task = list[tuple[int, Article, str]]  # (index in the sorted corpus, article, story)
_WORKER_RULES: RuleSet | None = None


def _tasks(ordered: list[Article], stories: dict[str, str] | None, workers: int) -> list[_Task]:
    """Runs of consecutive articles; with ``stories``, whole stories (a story is never split)."""
    size = max(1, min(_MAX_TASK, -(-len(ordered) // (workers * 4))))
    indexed = [(i, a, (stories or {}).get(a.id, "")) for i, a in enumerate(ordered)]
    if stories is None:
        return [indexed[i:i + size] for i in range(0, len(indexed), size)]
    groups: dict[str, _Task] = {}
    for item in indexed:
        groups.setdefault(item[2], []).append(item)
    tasks: list[_Task] = []
    for name in sorted(groups):
        if not tasks or len(tasks[-1]) + len(groups[name]) > size:
            tasks.append([])
        tasks[-1].extend(groups[name])
    return tasks


def article_rows(articles: Sequence[Article], ruleset: RuleSet) -> list[tuple[list[tuple], list[str]]]:
    """Each article's facts rows and problem lines, in the order given (one extraction call: binders read once)."""
    if not articles:
        return []
    lines: list[str] = []
    rows = row_tuples(extract_mentions(articles, ruleset, lines))
    own: dict[str, list[tuple]] = {}
    for row in rows:
        own.setdefault(row[0], []).append(row)  # row[0]: the article id (unique in a corpus)
    said: dict[str, list[str]] = {}
    for line in lines:  # facts.extract_mentions writes "path: reason"
        article = next((a for a in articles if line.startswith(a.path + ": ")), articles[0])
        said.setdefault(article.path, []).append(line)
    return [(own.pop(article.id, []), said.pop(article.path, [])) for article in articles]


def _do_task(task: _Task, ruleset: RuleSet, check: bool):
    """One task: each article's rows and problem lines; with ``check``, each story's findings."""
    task = sorted(task, key=lambda item: item[0])
    done = article_rows([article for _, article, _ in task], ruleset)
    article_rows_ = [(index, rows, lines) for (index, _, _), (rows, lines) in zip(task, done)]
    story_results: list[tuple[str, list[Finding]]] = []
    if check:
        per_story: dict[str, list[tuple]] = {}
        for (_, _, story), (_, story_rows, _) in zip(task, article_rows_):
            per_story.setdefault(story, []).extend(story_rows)
        story_results = [(name, story_findings(r, ruleset.checks, name)) for name, r in per_story.items()]
    return article_rows_, story_results


def _workers(jobs: int, n_articles: int) -> int:
    if jobs < 0:
        raise ValueError(f"jobs must be 0 (all cores) or more, not {jobs}")
    wanted = jobs or _cores()
    return max(1, min(wanted, n_articles))


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _pool(ruleset: RuleSet, jobs: int, files: int = 2**31):
    """Worker processes that hold the rule set, started now (at most ``files``); None when one will do."""
    workers = _workers(jobs, files)
    if workers <= 1:
        return None
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork starts a worker in milliseconds and shares the loaded modules; elsewhere the platform default.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods and os.name == "posix" else None)
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(ruleset,))
    pool.submit(int).result()  # with fork, the first task starts every worker
    return pool


def _init_worker(ruleset: RuleSet) -> None:
    global _WORKER_RULES
    _WORKER_RULES = ruleset


def _run_tasks(tasks, ruleset: RuleSet, check: bool, workers: int, jobs: int, n_articles: int, pool, progress,
               off: list[str]) -> list:
    if len(tasks) <= 1 or workers <= 1:
        return list(_counted((_do_task(task, ruleset, check) for task in tasks), tasks, progress))
    if pool is not None:
        return list(_counted(pool.map(_worker_task, tasks, [check] * len(tasks), [off] * len(tasks)), tasks, progress))
    own = _pool(ruleset, jobs, n_articles)
    try:
        return list(_counted(own.map(_worker_task, tasks, [check] * len(tasks), [off] * len(tasks)), tasks, progress))
    finally:
        own.shutdown()


def _worker_task(task: _Task, check: bool, off: list[str] = ()):
    assert _WORKER_RULES is not None
    if off:
        _WORKER_RULES.disable(off)
    return _do_task(task, _WORKER_RULES, check)


def story_findings(rows: list[tuple], checks, story: str) -> list[Finding]:
    """``run_checks`` over one story's rows alone (its own table), each finding tagged with the story."""
    from dataclasses import replace

    from .checks import run_checks

    if not rows:
        return []
    return [replace(f, story=story) for f in run_checks(rows, checks)]


# ---------------------------------------------------------------------------
# Stories: one a sub-folder


def story_names(articles: Sequence[Article], paths: Paths) -> dict[str, str]:
    """Article id -> story, for ``--per-folder``.

    Each immediate sub-folder of a folder given is one story, named after the
    sub-folder (everything below it belongs to it); articles lying directly in
    a folder given form a story named after that folder; a file given by name
    belongs to the story of its own folder.  With several folders given, a
    story name is prefixed with its folder's ("archive-a/story1"), so stories
    of two folders never merge.
    """
    story_of = story_finder(paths)
    return {article.id: story_of(article.path) for article in articles}


def story_finder(paths: Paths):
    """A function from an article's path to its ``--per-folder`` story (see ``story_names``)."""
    roots = [os.path.abspath(os.fspath(p)) for p in paths if os.path.isdir(p)]
    roots.sort(key=len, reverse=True)  # the deepest folder given wins
    several = len(roots) > 1

    by_folder: dict[str, str] = {}  # a folder's story (resolving names costs system calls: once a folder)

    def story_of(path: str) -> str:
        given = os.path.dirname(path)  # as written: the same for every file of a folder listed
        if given not in by_folder:
            by_folder[given] = folder_story(os.path.dirname(os.path.abspath(path)))
        return by_folder[given]

    def folder_story(folder: str) -> str:
        root = next((r for r in roots if folder == r or folder.startswith(r.rstrip(os.sep) + os.sep)), None)
        if root is None:
            return _folder_name(folder)
        parts = [] if folder == root else os.path.relpath(folder, root).split(os.sep)
        name = _folder_name(root)
        if not parts:
            return name
        return f"{name}/{parts[0]}" if several else parts[0]

    return story_of


def _folder_name(folder: str) -> str:
    from pathlib import Path

    return Path(folder).resolve().name or folder
