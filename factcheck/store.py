"""The facts store: the facts table as Parquet, partitioned by month and story, and the cache of an archive run.

Layout of a store folder (``--store DIR``)::

    DIR/factcheck-store.json                       what this folder is (format version)
    DIR/facts/month=2021-12/folder=story00042/part-0.parquet
    DIR/stories/story00042.json                    the story's last result and the keys it was made from

``facts/`` is a Hive-partitioned Parquet dataset that pandas, pyarrow,
DuckDB or Dask read as one table, without factcheck::

    SELECT folder, fact, value, count(DISTINCT article) AS articles
    FROM read_parquet('DIR/facts/**/*.parquet', hive_partitioning = true)
    WHERE fact = 'troops.count' GROUP BY ALL ORDER BY folder

Its columns are ``model.TABLE_COLUMNS`` (whatever the fact model declares),
then ``date`` (the article's publication date), ``article_key`` (the cache
key of the article's rows) and ``json_cells``; ``month`` and ``folder`` come
from the path: ``folder`` is the archive run's story (the sub-folder, with
``--per-folder``; ``_`` without), percent-encoded, and ``month`` that of the
story's earliest dated article (``unknown`` when none is dated).
Every column has one Arrow type whatever the rows: ``int64`` for the
``Mention`` fields typed ``int`` (``start``, ``end``), ``string`` for all
the others.  A cell whose value is not a string (a number in ``low`` and
``high``, the ``paired`` record) is written as its JSON text, and its column
is listed in the row's ``json_cells`` ("low,high"), so numbers stay
queryable (``CAST(low AS DOUBLE)``) and every value reads back exactly.

The cache: an article's rows are keyed by the hash of its bytes, its
sidecar's bytes, its path and id, the rule files' contents and the code of
factcheck (its version and the digest of its sources); a story's result by
the keys of all its files and the run's options.  A rerun takes an unchanged
story whole (reading only the files' bytes to hash them), and in a changed
story extracts only the articles whose key changed.  Stories of other runs
stay in the store.  Files are replaced atomically (written aside, then
renamed), each by the one task that owns the story.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, fields
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from .model import TABLE_COLUMNS, Finding, InputStatus, Mention, Side

if TYPE_CHECKING:
    from .archive import Settings, StoryResult, StoryTask
    from .model import Article
    from .rules import RuleSet

FORMAT = 1
MARKER = "factcheck-store.json"
EXTRA_COLUMNS = ("date", "article_key", "json_cells")


class StoreError(Exception):
    """The store folder cannot be used; the message is one line, ready to print."""


# ---------------------------------------------------------------------------
# keys


@lru_cache(maxsize=1)
def code_digest() -> str:
    """factcheck's version and the digest of its source files: new code, new keys."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        release = version("factcheck")
    except PackageNotFoundError:  # pragma: no cover - run from a source tree
        release = "unknown"
    digest = hashlib.sha256(release.encode())
    package = os.path.dirname(os.path.abspath(__file__))
    for folder, dirs, files in sorted(os.walk(package)):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__pycache__")))
        for name in sorted(files):
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                digest.update(os.path.relpath(path, package).encode() + b"\0")
                with open(path, "rb") as handle:
                    digest.update(handle.read())
    return f"{release}+{digest.hexdigest()[:16]}"


_RULES_DIGESTS: dict[tuple[str, ...], str] = {}


def rules_digest(ruleset: "RuleSet") -> str:
    """The digest of the rule files' contents, in the rule set's order (not their paths)."""
    files = tuple(ruleset.files)
    if files not in _RULES_DIGESTS:
        digest = hashlib.sha256()
        for path in files:
            try:
                with open(path, "rb") as handle:
                    digest.update(hashlib.sha256(handle.read()).digest())
            except OSError:
                digest.update(b"unreadable:" + os.fsencode(path))
        _RULES_DIGESTS[files] = digest.hexdigest()
    return _RULES_DIGESTS[files]


def _file_digest(path: str, max_bytes: int) -> str:
    """The hash of a file's bytes, or what kept them from being read (the loader will say more)."""
    try:
        size = os.stat(path).st_size
        if size > max_bytes:
            return f"too-large:{size}"
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except OSError as exc:
        return f"error:{exc.errno}"


def _sha(parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, separators=(",", ":")).encode("utf-8",
                                                                                           "surrogateescape")).hexdigest()


# ---------------------------------------------------------------------------
# Arrow schema of the facts table


def _arrow_type(column: str):
    import pyarrow as pa

    declared = {f.name: f.type for f in fields(Mention)}
    return pa.int64() if declared.get(column) in ("int", int) else pa.string()


@lru_cache(maxsize=4)
def schema(columns: tuple[str, ...] = TABLE_COLUMNS):
    """The Parquet schema of the facts table: one stable type a column (see the module's doc)."""
    import pyarrow as pa

    return pa.schema([pa.field(c, _arrow_type(c)) for c in columns] + [pa.field(c, pa.string()) for c in EXTRA_COLUMNS])


def _to_table(rows: list[tuple], dates: dict[str, str | None], keys: dict[str, str]):
    import pyarrow as pa

    target = schema()
    integer = {f.name for f in target if pa.types.is_integer(f.type)}
    columns: list[list[Any]] = [[] for _ in TABLE_COLUMNS]
    json_cells: list[str | None] = []
    for row in rows:
        encoded = []
        for i, (name, value) in enumerate(zip(TABLE_COLUMNS, row)):
            if value is not None and name not in integer and not isinstance(value, str):
                value = json.dumps(value, ensure_ascii=False, sort_keys=True)
                encoded.append(name)
            columns[i].append(value)
        json_cells.append(",".join(encoded) or None)
    articles = columns[0]
    data = columns + [[dates.get(a) for a in articles], [keys.get(a) for a in articles], json_cells]
    return pa.Table.from_arrays([pa.array(c, type=f.type) for c, f in zip(data, target)], schema=target)


def _from_records(records: list[dict]) -> list[tuple[str | None, tuple]]:
    """(article_key, row) for each stored record, values decoded back to what extraction gave."""
    out = []
    for record in records:
        encoded = set((record.get("json_cells") or "").split(","))
        row = tuple(json.loads(record[c]) if c in encoded and record.get(c) is not None else record.get(c)
                    for c in TABLE_COLUMNS)
        out.append((record.get("article_key"), row))
    return out


# ---------------------------------------------------------------------------
# the store


class FactsStore:
    def __init__(self, root: str, *, create: bool = False) -> None:
        self.root = os.path.abspath(root)
        self._digests: dict[str, str] = {}
        marker = os.path.join(self.root, MARKER)
        if os.path.exists(marker):
            try:
                with open(marker, encoding="utf-8") as handle:
                    found = json.load(handle).get("format")
            except (OSError, ValueError, AttributeError):
                found = None
            if found != FORMAT:
                raise StoreError(f"{root}: a factcheck store of another format ({found!r}, expected {FORMAT})")
            return
        if not create:
            raise StoreError(f"{root}: not a factcheck store (no {MARKER})")
        if os.path.isdir(self.root) and os.listdir(self.root):
            raise StoreError(f"{root}: not empty and not a factcheck store; give a new or empty folder")
        try:
            os.makedirs(self.root, exist_ok=True)
            _write_atomically(marker, json.dumps({"format": FORMAT, "tool": "factcheck"}, indent=2).encode() + b"\n")
        except OSError as exc:
            raise StoreError(f"{root}: cannot create the store: {(exc.strerror or str(exc)).lower()}") from None

    # -- keys

    def _digest(self, path: str, max_bytes: int) -> str:
        if path not in self._digests:
            self._digests[path] = _file_digest(path, max_bytes)
        return self._digests[path]

    def _sidecar(self, path: str) -> str:
        from .articles import SIDECAR_NAME

        return self._digest(os.path.join(os.path.dirname(path) or ".", SIDECAR_NAME), 10**9)

    def story_key(self, task: "StoryTask", settings: "Settings") -> str:
        files = [(path, article_id, shared, self._digest(path, settings.max_bytes), self._sidecar(path))
                 for path, article_id, shared in task.files]
        # Not the run's `check`: an extract reuses a compare's result, and a compare an extract's when it was checked.
        return _sha(["story", code_digest(), rules_digest(settings.ruleset), settings.per_folder,
                     settings.max_bytes, task.story, files])

    def article_key(self, article: "Article", settings: "Settings") -> str:
        return _sha(["article", code_digest(), rules_digest(settings.ruleset), settings.max_bytes, article.path,
                     article.id, self._digest(article.path, settings.max_bytes), self._sidecar(article.path)])

    # -- paths

    def _story_file(self, story: str) -> str:
        return os.path.join(self.root, "stories", (quote(story, safe="") or "_") + ".json")

    def _partition(self, story: str, month: str) -> str:
        return os.path.join("facts", f"month={month}", f"folder={quote(story, safe='') or '_'}", "part-0.parquet")

    def _read_story(self, story: str) -> dict | None:
        try:
            with open(self._story_file(story), encoding="utf-8") as handle:
                return json.load(handle)
        except (OSError, ValueError):
            return None  # missing or damaged: the story is done again

    # -- reading

    def story_result(self, story: str, key: str, *, with_rows: bool = False,
                     checked: bool = True) -> "StoryResult | None":
        """The stored result of ``story`` when it was made from the same ``key`` (and checked, if asked), else None."""
        from .archive import StoryResult

        saved = self._read_story(story)
        if not saved or saved.get("key") != key or (checked and not saved.get("checked")):
            return None
        rows = None
        if with_rows:
            stored = self._partition_rows(saved)
            if stored is None:
                return None
            rows = [row for _, row in stored]
        result = saved["result"]
        return StoryResult(
            story=story, articles=result["articles"], inputs=[InputStatus(**i) for i in result["inputs"]],
            findings=[_finding(f) for f in result["findings"]], displays=result["displays"],
            problems=result["problems"], rows=rows, dates=result["dates"], facts=result["facts"], unmatched=result["unmatched"], extracted=0,
            reused=len(result["articles"]), story_reused=True,
        )

    def _partition_rows(self, saved: dict) -> list[tuple[str | None, tuple]] | None:
        import pyarrow.parquet as pq

        path = os.path.join(self.root, saved.get("partition", ""))
        try:
            return _from_records(pq.read_table(path, schema=None).to_pylist())
        except (OSError, ValueError):
            return None

    def article_rows(self, story: str, keys: set[str]) -> dict[str, tuple[list[tuple], list[str]]]:
        """Stored rows and problem lines of the story's articles whose key is among ``keys``."""
        saved = self._read_story(story)
        if not saved:
            return {}
        problems = saved.get("article_problems", {})
        wanted = {k for k in problems if k in keys}
        if not wanted:
            return {}
        stored = self._partition_rows(saved)
        if stored is None:
            return {}
        out: dict[str, tuple[list[tuple], list[str]]] = {k: ([], list(problems[k])) for k in wanted}
        for key, row in stored:
            if key in out:
                out[key][0].append(row)
        return out

    # -- writing

    def write_story(self, task: "StoryTask", result: "StoryResult", by_article: dict[str, tuple[list[tuple], list[str]]],
                    keys: dict[str, str], story_key: str, checked: bool = True) -> None:
        """The story's facts partition, then its result (so a result never points at rows not yet written)."""
        import pyarrow.parquet as pq

        rows = [row for a in result.articles for row in by_article[a["id"]][0]]  # report order: (id, path)
        dated = sorted(d[:7] for d in result.dates.values() if d and len(d) >= 7)
        partition = self._partition(task.story, dated[0] if dated else "unknown")
        target = os.path.join(self.root, partition)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=os.path.dirname(target), prefix=".part-", suffix=".tmp")
        os.close(fd)
        try:
            pq.write_table(_to_table(rows, result.dates, keys), temp, compression="zstd")
            os.replace(temp, target)
        except BaseException:
            _remove(temp)
            raise
        old = self._read_story(task.story)
        if old and old.get("partition") not in (None, partition):
            _remove(os.path.join(self.root, old["partition"]))
        saved = {
            "story": task.story, "key": story_key, "partition": partition, "checked": checked,
            "article_problems": {keys[a]: lines for a, (_, lines) in by_article.items() if a in keys},
            "result": {
                "articles": result.articles, "inputs": [asdict(i) for i in result.inputs],
                "findings": [asdict(f) for f in result.findings], "displays": result.displays,
                "problems": result.problems, "dates": result.dates, "facts": result.facts,
                "unmatched": result.unmatched,
            },
        }
        data = json.dumps(saved, ensure_ascii=False, sort_keys=True).encode("utf-8", "surrogateescape")
        os.makedirs(os.path.dirname(self._story_file(task.story)), exist_ok=True)
        _write_atomically(self._story_file(task.story), data)

    # -- queries

    def dataset(self):
        """The facts table as a pyarrow dataset (month and folder from the paths)."""
        import pyarrow.dataset as ds

        return ds.dataset(os.path.join(self.root, "facts"), format="parquet", partitioning="hive",
                          schema=schema().append(_partition_field("month")).append(_partition_field("folder")))


def _partition_field(name: str):
    import pyarrow as pa

    return pa.field(name, pa.string())


def _finding(data: dict) -> Finding:
    groups = tuple(Side(**{k: tuple(v) if isinstance(v, list) else v for k, v in g.items()}) for g in data["groups"])
    return Finding(**{**data, "groups": groups})


def _write_atomically(target: str, data: bytes) -> None:
    fd, temp = tempfile.mkstemp(dir=os.path.dirname(target), prefix=".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, target)
    except BaseException:
        _remove(temp)
        raise


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
