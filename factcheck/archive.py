"""Archive runs: one story at a time, from the files to the findings, in bounded memory.

    from factcheck.archive import run_archive
    run = run_archive(["archive/"], per_folder=True, jobs=0, store="facts-store/")
    for story in run:              # StoryResult, in story order, as each story finishes
        ...
    run.summary                    # what was read, extracted, reused

The main process only lists the files and cuts them into stories
(``plan``); each story is one task (``do_story``) that reads its own
files, extracts and binds their mentions (or takes them from the store's
cache), runs the checks on the story's rows, and hands back a
``StoryResult``: the findings, the articles' report entries and the values
each article displays, not the mention rows (unless asked for).  Reports are
written story by story as the results come back (``report/stream.py``), so
peak memory is that of the largest story, not of the archive.

Engines: ``local`` (this process, or ``jobs`` worker processes) and ``dask``
(``dask_engine.py``); both run ``do_story`` on the same tasks and give the
results back in story order, so the output never depends on the engine, the
number of workers or the order in which stories finish.
"""

from __future__ import annotations

import os
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from .model import TABLE_COLUMNS, Article, Finding, InputStatus
from .rules import RuleSet

Paths = Sequence[str | os.PathLike]
ENGINES = ("local", "dask")
_FACT = TABLE_COLUMNS.index("fact")
_VALUE = TABLE_COLUMNS.index("value")


@dataclass(frozen=True)
class StoryTask:
    """One story's files: (path, article id, how many listed files share the file name's id; 1: none)."""

    story: str
    files: tuple[tuple[str, str, int], ...]
    previous: Any = field(default=None, compare=False, repr=False)  # its line of the store's index (store.StoredLine)


@dataclass(frozen=True)
class Settings:
    """What every story task needs besides its files (sent once to each worker)."""

    ruleset: RuleSet
    per_folder: bool
    check: bool = True  # run the checks (compare); extract only needs the rows
    keep_rows: bool = False  # hand the rows back (a facts output being written)
    max_bytes: int = 5_000_000
    store: str | None = None  # the facts store's folder (store.py), read and written by the workers


@dataclass
class StoryResult:
    """What a story task hands back: enough for every report, nothing more."""

    story: str
    articles: list[dict[str, Any]]  # report entries (id, source, date, status, encoding[, story]), (id, path) order
    inputs: list[InputStatus]  # one a file of the story, read or not
    findings: list[Finding]
    displays: dict[str, list[str]]  # article id -> the values its mentions display (reports' cells)
    problems: list[str]  # one line each: a rule pattern that ran out of time
    rows: list[tuple] | None = None  # the story's facts rows (TABLE_COLUMNS order), with Settings.keep_rows
    dates: dict[str, str | None] = field(default_factory=dict)  # article id -> publication date
    facts: list[str] = field(default_factory=list)  # the facts bound in the story's articles (rules' coverage)
    unmatched: list[dict[str, str]] = field(default_factory=list)  # articles no story's event fits (id, reason)
    extracted: int = 0  # articles extracted in this run
    reused: int = 0  # articles whose rows came from the store
    story_reused: bool = False  # findings taken from the store (the files unchanged by stat, or by their bytes)
    unread: bool = False  # taken from the store's index by the files' stats: no file read
    index_line: bytes | None = field(default=None, repr=False)  # the story's line of the store's index
    light: list[Finding] | None = field(default=None, repr=False)  # the findings without sides, message and note

    def texts(self, format: str) -> str | None:
        """The findings as the ``json`` or ``jsonl`` report writes them, when kept rendered (``store.StoredResult``)."""
        return None


@dataclass
class Summary:
    """Counts of an archive run, complete once every story was consumed."""

    stories: int = 0
    stories_reused: int = 0
    stories_unread: int = 0
    articles: int = 0
    articles_extracted: int = 0
    articles_reused: int = 0

    def add(self, result: StoryResult) -> None:
        self.stories += 1
        self.stories_reused += int(result.story_reused)
        self.stories_unread += int(result.unread)
        self.articles += len(result.articles)
        self.articles_extracted += result.extracted
        self.articles_reused += result.reused

    def as_dict(self) -> dict[str, int]:
        return {"stories": self.stories, "stories_reused": self.stories_reused, "stories_unread": self.stories_unread,
                "articles": self.articles,
                "articles_extracted": self.articles_extracted, "articles_reused": self.articles_reused}

    def line(self) -> str:
        """One line for stderr: how much of the store a run could reuse."""
        return (f"store: {self.articles_reused} of {self.articles} articles reused, {self.articles_extracted} extracted; "
                f"{self.stories_reused} of {self.stories} stories reused whole, "
                f"{self.stories_unread} of them without reading a file")


# ---------------------------------------------------------------------------
# Planning: files -> stories, in the main process (no file is read here)


def plan(paths: Paths, *, per_folder: bool) -> tuple[list[StoryTask], list[InputStatus]]:
    """The story tasks (sorted by story) and the statuses of paths that yield no file.

    Article ids follow ``articles.load_corpus``: the file name without its
    extension, made unique from the paths when several files share it (here
    among the files listed, since no file is read yet).
    """
    from .articles import SIDECAR_NAME, _distinct_ids, _expand_all
    from .pipeline import story_finder

    files, statuses = _expand_all(paths, SIDECAR_NAME)
    ids = _unique_ids(files, _distinct_ids)
    story_of = story_finder(paths) if per_folder else (lambda path: "")
    stories: dict[str, list[tuple[str, str, int]]] = {}
    for path in files:
        stories.setdefault(story_of(path), []).append((path, *ids[path]))
    tasks = [StoryTask(name, tuple(stories[name])) for name in sorted(stories)]
    return tasks, statuses


def _unique_ids(files: list[str], distinct) -> dict[str, tuple[str, int]]:
    """Path -> (article id, files sharing its name's id), as ``articles._make_ids_unique`` names them."""
    stems = {path: _stem(path) for path in files}
    counts = Counter(stems.values())
    out = {path: (stem, 1) for path, stem in stems.items() if counts[stem] == 1}
    shared: dict[str, list[str]] = {}
    for path, stem in stems.items():
        if counts[stem] > 1:
            shared.setdefault(stem, []).append(path)
    new_ids: dict[str, str] = {}
    for members in shared.values():
        new_ids.update(zip(members, distinct(members)))
    taken = {stem for stem, n in counts.items() if n == 1}
    for path in sorted(new_ids):
        candidate, n = new_ids[path], 2
        while candidate in taken:
            candidate, n = f"{new_ids[path]}~{n}", n + 1
        taken.add(candidate)
        out[path] = (candidate, counts[stems[path]])
    return out


def _stem(path: str) -> str:
    """``PurePath(path).stem`` without building a path object (100 000 files in an archive)."""
    name = os.path.basename(path)
    if name in ("", os.curdir, os.pardir):
        from pathlib import PurePath

        return PurePath(path).stem
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


# ---------------------------------------------------------------------------
# One story, in a worker


def load_story(task: StoryTask, max_bytes: int) -> tuple[list[Article], list[InputStatus]]:
    """The story's articles, sorted by (id, path), and one status a file.

    Copies are found within the story only (``load_corpus`` looks across the
    whole corpus): in an archive, each story is checked on its own.
    """
    from .articles import SIDECAR_NAME, _drop_copies, _load_file, _renamed_status, _SidecarCache, infer_story_dates

    sidecars = _SidecarCache(SIDECAR_NAME)
    articles, statuses = [], []
    for path, article_id, shared in task.files:
        article, status = _load_file(path, max_bytes=max_bytes, sidecars=sidecars)
        if article is not None and article.id != article_id:
            status = _renamed_status(status, {path: article_id}, Counter({article.id: shared}))
            article = replace(article, id=article_id)
        statuses.append(status)
        if article is not None:
            articles.append(article)
    # As load_corpus does, within the story: a copy is no second source; undated articles take their folder's date.
    articles, statuses = _drop_copies(articles, statuses)
    articles = infer_story_dates(articles)
    articles.sort(key=lambda a: (a.id, a.path))
    return articles, statuses


def do_story(task: StoryTask, settings: Settings) -> StoryResult:
    """Read, extract (or take from the store) and check one story."""
    from .pipeline import article_rows, report_entry

    store = seen = None
    previous = task.previous
    if settings.store is not None:
        from .store import FactsStore, look

        store = FactsStore(settings.store)
        seen = look(task, settings)
        if previous is not None and previous.head.get("key") == seen.key and (
                previous.head.get("checked") or not settings.check):
            # Same bytes (the stats had changed, or rows are wanted): the stored result, with the stats seen now.
            kept = store.reused(previous, seen, with_rows=settings.keep_rows)
            if kept is not None:
                return kept
    articles, statuses = load_story(task, settings.max_bytes)
    keys: dict[str, str] = {}
    cached: dict[str, tuple[list[tuple], list[str], list[str]]] = {}
    if store is not None:
        keys = {a.id: store.article_key(a, settings, seen) for a in articles}
        cached = store.cached_articles(previous.body() if previous is not None else None, set(keys.values()))
    fresh = [a for a in articles if keys.get(a.id) not in cached]
    # Whether a story fits each article not extracted again, as the store kept it ("" when one does, else why not).
    kept = (previous.body().get("articles") or {}) if previous is not None and len(fresh) < len(articles) else {}
    known = {a.id: verdict for a in articles
             if keys.get(a.id) in cached and (verdict := kept.get(keys[a.id], {}).get("unmatched")) is not None}
    extracted = {a.id: (own, lines, article_displays(own))
                 for a, (own, lines) in zip(fresh, article_rows(fresh, settings.ruleset))}
    rows: list[tuple] = []
    problems: list[str] = []
    by_article: dict[str, tuple[list[tuple], list[str], list[str]]] = {}
    for article in articles:
        # A cached row carries the id it was stored under: the same, since the article's key includes it.
        by_article[article.id] = done = extracted[article.id] if article.id in extracted else cached[keys[article.id]]
        rows.extend(done[0])
        problems.extend(done[1])
    findings = _findings(rows, articles, settings, task.story) if settings.check else []
    verdicts: dict[str, str] = {}
    result = StoryResult(
        story=task.story,
        articles=[report_entry(a, task.story if settings.per_folder else None) for a in articles],
        inputs=statuses,
        findings=findings,
        displays={a: by_article[a][2] for a in sorted(by_article) if by_article[a][2]},
        problems=problems,
        rows=rows if settings.keep_rows else None,
        dates={a.id: a.meta.date for a in articles},
        facts=sorted({row[_FACT] for row in rows if row[_FACT]}),
        unmatched=_unmatched(articles, settings.ruleset, known, verdicts) if settings.check else [],
        extracted=len(fresh),
        reused=len(articles) - len(fresh),
    )
    if store is None:
        return result
    from .checks import compare_kinds
    from .report.stream import finding_texts
    from .store import stored_result

    # The story's line of the index, with its findings rendered here (in parallel) for the reports that copy them.
    texts = finding_texts(findings, compare_kinds(settings.ruleset.checks))
    # An article's verdict is kept unless its date was inferred from the others' (not in its key).
    verdicts = {a.id: verdicts[a.id] for a in articles if a.id in verdicts and a.meta.date_source != "inferred"}
    stored = store.write_story(task, result, by_article, keys, seen, settings.check, texts, verdicts)
    return stored_result(stored, reused_whole=False, extracted=len(fresh), rows=result.rows)


def _unmatched(articles: list[Article], ruleset: RuleSet, known: dict[str, str], verdicts: dict[str, str]
               ) -> list[dict[str, str]]:
    """``binding.unmatched_articles``, the ``known`` verdicts taken as they are (article id -> "" when a story fits,
    else the reason); every article's verdict is put in ``verdicts``."""
    from .binding import unmatched_articles

    todo = [a for a in articles if a.id not in known]
    found = {u["id"]: u["reason"] for u in unmatched_articles(todo, ruleset)}
    verdicts.update(known)
    verdicts.update((a.id, found.get(a.id, "")) for a in todo)
    return [{"id": a.id, "reason": verdicts[a.id]} for a in sorted(articles, key=lambda a: a.id) if verdicts[a.id]]


def _findings(rows: list[tuple], articles: list[Article], settings: Settings, story: str) -> list[Finding]:
    from .pipeline import _with_lines, story_findings

    texts = {a.id: a.text for a in articles}
    return [_with_lines(f, texts) for f in story_findings(rows, settings.ruleset.checks, story)]


def article_displays(rows: list[tuple]) -> list[str]:
    """The displayed values of one article's mentions (``report.base.article_displays``), from its rows."""
    from .checks import _clean

    return sorted({"" if (value := _clean(row[_VALUE])) is None else str(value) for row in rows})


# ---------------------------------------------------------------------------
# Running every story


class ArchiveRun:
    """The stories' results in story order, computed as they are consumed; ``summary`` once consumed."""

    def __init__(self, tasks: list[StoryTask], listing: list[InputStatus], settings: Settings, results: Iterator,
                 index=None):
        self.tasks = tasks
        self.listing = listing  # statuses of paths that gave no file (not found, empty folder...)
        self.settings = settings
        self.summary = Summary()
        self._results = results
        self._index = index  # store.StoreIndex: each result's entry written once the report has it

    def listed(self) -> list[InputStatus]:
        """Every file the run will read, and the paths that gave none (what an output must never overwrite)."""
        return [InputStatus(path, "ok") for task in self.tasks for path, _, _ in task.files] + list(self.listing)

    def __iter__(self) -> Iterator[StoryResult]:
        index, self._index = self._index, None  # one pass writes the index
        try:
            for result in self._results:
                self.summary.add(result)
                yield result
                if index is not None:
                    index.add(result)  # after the consumer: the report renderers may have added to ``rendered``
        except BaseException:
            if index is not None:
                index.abandon()
            raise
        if index is not None:
            index.commit()


def run_archive(paths: Paths, *, rules: Paths | None = None, ruleset: RuleSet | None = None, per_folder: bool = True,
                check: bool = True, keep_rows: bool = False, jobs: int = 1, max_bytes: int | None = None,
                store: str | os.PathLike | None = None, engine: str = "local", scheduler: str | None = None) -> ArchiveRun:
    """Plan the stories of ``paths`` and run them lazily (see the module's doc).

    ``store``: a facts store folder (``store.py``): each story's rows are written there as Parquet,
    and what has not changed since the last run is taken from it.  ``engine``: ``local`` (``jobs``
    processes; 0 = one a core) or ``dask`` (``scheduler`` address, or a local cluster of ``jobs`` workers).
    """
    from .articles import DEFAULT_MAX_BYTES
    from .rules import load_rules

    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    ruleset = ruleset if ruleset is not None else load_rules(list(rules) if rules else None)
    facts_store = None
    if store is not None:
        from .store import FactsStore

        facts_store = FactsStore(os.fspath(store), create=True)
    settings = Settings(ruleset=ruleset, per_folder=per_folder, check=check, keep_rows=keep_rows,
                        max_bytes=DEFAULT_MAX_BYTES if max_bytes is None else max_bytes,
                        store=None if store is None else os.path.abspath(os.fspath(store)))
    pool = _local_pool(settings, jobs) if engine == "local" else None  # forked before any file is read
    tasks, listing = plan(paths, per_folder=per_folder)
    index = None
    work: Iterable[StoryTask | StoryResult] = tasks
    if facts_store is not None:
        from .store import StoreIndex

        index = StoreIndex(facts_store)
        work = _answered_from_index(tasks, settings, index)
    if engine == "local":
        results = _local_results(work, settings, pool)
    else:
        from .dask_engine import dask_results

        results = dask_results(work, settings, scheduler=scheduler, workers=jobs)
    return ArchiveRun(tasks, listing, settings, results, index)


def _answered_from_index(tasks: list[StoryTask], settings: Settings, index) -> Iterator[StoryTask | StoryResult]:
    """Each task, or its stored result when the stats show its files unchanged (read in the main process, one
    index line at a time); a task that must run carries its old entry (what its unchanged articles reuse)."""
    from .store import run_fingerprint, stored_result, unchanged

    fingerprint = run_fingerprint(settings)
    for task in tasks:
        stored = index.find(task.story)
        if stored is None:
            yield task
        elif not settings.keep_rows and unchanged(stored.head, task, fingerprint, settings.check):
            yield stored_result(stored, unread=True)
        else:
            yield replace(task, previous=stored)


_WORKER_SETTINGS: Settings | None = None


def _local_pool(settings: Settings, jobs: int):
    from .pipeline import _cores

    if jobs < 0:
        raise ValueError(f"jobs must be 0 (all cores) or more, not {jobs}")
    workers = jobs or _cores()
    if workers <= 1:
        return None
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods and os.name == "posix" else None)
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(settings,))
    pool._factcheck_workers = workers  # type: ignore[attr-defined]
    pool.submit(int)  # the workers start now (a forking pool starts them all at its first task) and warm up
    return pool


def _init_worker(settings: Settings) -> None:
    global _WORKER_SETTINGS
    _WORKER_SETTINGS = settings
    _warm_up(settings)


def _warm_up(settings: Settings) -> None:
    """What a worker's first story would pay (imports, the grammar's compiled patterns), paid while the main
    process still lists the files and reads the store's index."""
    from .grammar import Extractor

    Extractor("fr", settings.ruleset.alias_map())  # built once a process (grammar._grammar)
    if settings.store is not None:
        import pyarrow as pa
        import pyarrow.parquet  # noqa: F401

        pa.array([], type=pa.string())  # pyarrow's first conversion imports its pandas shim


def _worker_story(task: StoryTask) -> StoryResult:
    assert _WORKER_SETTINGS is not None
    return do_story(task, _WORKER_SETTINGS)


# Stories answered without a task (from the store's index) held at most, ahead of the one being handed back.
WINDOW = 512


def in_task_order(work: Iterable[StoryTask | StoryResult], submit, ahead: int, window: int = WINDOW
                  ) -> Iterator[StoryResult]:
    """Each item's result in the items' order: a task's from ``submit(task)`` (a future with ``.result()``: a
    process pool's or a Dask client's), a result already known (``_answered_from_index``) as it is.

    A task is submitted as soon as it is reached, past the known results before it, so the workers compute the
    changed stories while this process hands back the unchanged ones.  Bounded memory: at most ``ahead`` tasks
    submitted and not yet handed back, at most ``window`` items held in all.
    """
    pending: deque = deque()  # (is a future, the future or the result), in order
    running = 0
    queue = iter(work)
    more = True
    while True:
        while more and running < ahead and len(pending) < window:
            item = next(queue, None)
            if item is None:
                more = False
            elif isinstance(item, StoryResult):
                pending.append((False, item))
            else:
                pending.append((True, submit(item)))
                running += 1
        if not pending:
            return
        future, item = pending.popleft()
        if future:
            running -= 1
            yield item.result()
        else:
            yield item


def _local_results(tasks: Iterable[StoryTask | StoryResult], settings: Settings, pool) -> Iterator[StoryResult]:
    """Story results in task order; with a pool, a few stories ahead at most (bounded memory)."""
    if pool is None:
        for task in tasks:
            yield task if isinstance(task, StoryResult) else do_story(task, settings)
        return
    try:
        yield from in_task_order(tasks, lambda task: pool.submit(_worker_story, task), 4 * pool._factcheck_workers)
    finally:
        pool.shutdown(cancel_futures=True)
