"""The whole pipeline as library calls: what ``factcheck extract`` and ``compare`` do.

    from factcheck.pipeline import extract, compare
    run = extract(["seeds/"])            # run.table is the facts table
    result = compare(["seeds/"])         # result.comparison.findings

The CLI only parses options, calls these and renders what they return.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .articles import DEFAULT_MAX_BYTES, Corpus, load_corpus
from .facts import extract_mentions
from .model import SEVERITY_RANK, TABLE_COLUMNS, Article, Finding
from .rules import RuleSet, load_rules

if TYPE_CHECKING:
    import pandas as pd

    from .report.base import Comparison

Paths = Sequence[str | os.PathLike]


@dataclass
class Extraction:
    corpus: Corpus
    ruleset: RuleSet
    table: "pd.DataFrame"
    problems: list[str] = field(default_factory=list)  # one line each: a rule pattern that ran out of time
    stories: dict[str, str] = field(default_factory=dict)  # article id -> story, with per_folder only

    @property
    def texts(self) -> dict[str, str]:
        return {a.id: a.text for a in self.corpus.articles}


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


def extract(paths: Paths, *, rules: Paths | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
            ruleset: RuleSet | None = None, jobs: int = 1, per_folder: bool = False) -> Extraction:
    """The facts table of the articles under ``paths``.

    ``jobs``: processes for the extraction (1: this one; 0: one a core); the
    table is the same whatever the number.  ``per_folder``: each immediate
    sub-folder of a folder given is one story (``story_names``); the table
    then has a ``story`` column after ``article``.
    """
    ruleset = ruleset if ruleset is not None else load_rules(list(rules) if rules else None)
    corpus = load_corpus(paths, max_bytes=max_bytes)
    problems: list[str] = []
    rows = mention_rows(corpus.articles, ruleset, problems, jobs=jobs)
    stories = story_names(corpus.articles, paths) if per_folder else {}
    table = rows_frame(rows, stories if per_folder else None)
    return Extraction(corpus, ruleset, table, problems, stories)


def compare(paths: Paths, *, rules: Paths | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
            ruleset: RuleSet | None = None, jobs: int = 1, per_folder: bool = False) -> Result:
    """Findings over the articles under ``paths``; with ``per_folder``, story by story (never across)."""
    from .checks import compare_kinds, run_checks
    from .report.base import Comparison

    run = extract(paths, rules=rules, max_bytes=max_bytes, ruleset=ruleset, jobs=jobs, per_folder=per_folder)
    if per_folder:
        findings = story_findings(run.table, run.ruleset.checks)
    else:
        findings = run_checks(run.table, run.ruleset.checks)
    texts = run.texts  # a property: build the id -> text map once, not once a finding
    findings = [_with_lines(f, texts) for f in findings]
    articles = [
        {"id": a.id, "source": a.source, "date": a.meta.date, "status": "ok", "encoding": a.encoding}
        for a in run.corpus.articles
    ]
    if per_folder:
        for article in articles:
            article["story"] = run.stories[article["id"]]
    comparison = Comparison(
        articles=articles, inputs=list(run.corpus.inputs), findings=findings, table=run.table,
        rules_files=list(run.ruleset.files), compares=compare_kinds(run.ruleset.checks),
    )
    return Result(run, comparison, findings)


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
# Rows of the facts table, in one process or several


def mention_rows(articles: Sequence[Article], ruleset: RuleSet, problems: list[str] | None = None, *,
                 jobs: int = 1) -> list[tuple]:
    """The facts table's rows (``TABLE_COLUMNS`` order), articles sorted by (id, path), mentions by offset.

    With ``jobs`` other than 1 the articles are cut into runs of consecutive
    articles, each extracted by a worker process (``concurrent.futures``) that
    reads the rule set once; the runs come back in order, so the rows, and the
    ``problems`` lines, are the same as in one process.
    """
    ordered = sorted(articles, key=lambda a: (a.id, a.path))
    workers = _workers(jobs, len(ordered))
    if workers <= 1:
        return _rows_of(ordered, ruleset, problems)
    from concurrent.futures import ProcessPoolExecutor

    size = max(1, min(_MAX_CHUNK, -(-len(ordered) // (workers * 4))))
    chunks = [ordered[i:i + size] for i in range(0, len(ordered), size)]
    rows: list[tuple] = []
    with ProcessPoolExecutor(workers, mp_context=_mp_context(), initializer=_init_worker,
                             initargs=(ruleset,)) as pool:
        for part_rows, part_problems in pool.map(_extract_chunk, chunks):
            rows.extend(part_rows)
            if problems is not None:
                problems.extend(part_problems)
    return rows


_MAX_CHUNK = 200  # articles a task: small enough to balance the workers, big enough to pay for the hand-over
_WORKER_RULES: RuleSet | None = None


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


def _mp_context():
    import multiprocessing

    # fork starts a worker in milliseconds and shares the loaded modules; elsewhere the platform default.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods and os.name == "posix" else None)


def _init_worker(ruleset: RuleSet) -> None:
    global _WORKER_RULES
    _WORKER_RULES = ruleset


def _extract_chunk(articles: list[Article]) -> tuple[list[tuple], list[str]]:
    problems: list[str] = []
    assert _WORKER_RULES is not None
    return _rows_of(articles, _WORKER_RULES, problems), problems


def _rows_of(articles: Sequence[Article], ruleset: RuleSet, problems: list[str] | None) -> list[tuple]:
    """What ``facts.mentions_frame`` puts in a row, read field by field (``asdict`` a field costs ~0.1 ms).

    A sentence quoted by several mentions is kept once (same text, one string).
    """
    from copy import deepcopy

    quotes: dict[str, str] = {}
    rows = []
    for m in extract_mentions(articles, ruleset, problems):
        values = []
        for name in TABLE_COLUMNS:
            value = getattr(m, name)
            if name == "quote":
                value = quotes.setdefault(value, value)
            elif isinstance(value, (dict, list)):
                value = deepcopy(value)
            values.append(value)
        rows.append(tuple(values))
    return rows


def rows_frame(rows: list[tuple], stories: dict[str, str] | None = None) -> "pd.DataFrame":
    """The facts table from ``mention_rows``: equal to ``facts.mentions_frame`` of the same mentions.

    With ``stories`` (article id -> story) a ``story`` column follows ``article``.
    """
    import pandas as pd

    frame = pd.DataFrame(rows, columns=list(TABLE_COLUMNS)).astype(object)
    frame = frame.where(frame.notna(), None)
    if stories is not None:
        frame.insert(1, "story", [stories.get(a, "") for a in frame["article"]])
    return frame


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
    roots = [os.path.abspath(os.fspath(p)) for p in paths if os.path.isdir(p)]
    roots.sort(key=len, reverse=True)  # the deepest folder given wins
    several = len(roots) > 1
    out: dict[str, str] = {}
    for article in articles:
        where = os.path.abspath(article.path)
        root = next((r for r in roots if where.startswith(r.rstrip(os.sep) + os.sep)), None)
        if root is None:
            out[article.id] = _folder_name(os.path.dirname(where))
            continue
        parts = os.path.relpath(where, root).split(os.sep)
        name = _folder_name(root)
        if len(parts) == 1:
            out[article.id] = name
        else:
            out[article.id] = f"{name}/{parts[0]}" if several else parts[0]
    return out


def _folder_name(folder: str) -> str:
    from pathlib import Path

    return Path(folder).resolve().name or folder


def story_findings(table: "pd.DataFrame", checks) -> list[Finding]:
    """``run_checks`` story by story (the table's ``story`` column): no finding spans two stories.

    Findings are ordered by story, then as ``run_checks`` orders them, and carry their story.
    """
    from dataclasses import replace

    from .checks import run_checks

    findings: list[Finding] = []
    if table is None or len(table) == 0:
        return findings
    for story, part in table.groupby("story", sort=True):
        findings.extend(replace(f, story=str(story)) for f in run_checks(part, checks))
    return findings
