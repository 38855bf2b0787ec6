"""The facts store: the facts table as Parquet, partitioned by month and story, and the cache of an archive run.

Layout of a store folder (``--store DIR``)::

    DIR/factcheck-store.json                       what this folder is (format version)
    DIR/facts/month=2021-12/folder=story00042/part-0.parquet
    DIR/index.jsonl                                one line a story: its files (stats, digests), keys, findings

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
the keys of all its files and the run's options.  A rerun reads the index
once, in step with its stories: a story whose files all have the stat they
had when they were hashed (size, times, inode; see ``unchanged``) is taken
whole from its index line, no file read and no worker asked; a story whose
stats changed is hashed again by a worker, taken whole if the bytes are the
same, and otherwise only the articles whose key changed are extracted (the
others' rows come from the story's partition) and the story is checked
again.  Stories of other runs stay in the store.  Files are replaced
atomically (written aside, then renamed): a partition by the one task that
owns the story, the index by the main process once the run is complete.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass, field, fields
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from .archive import StoryResult
from .model import TABLE_COLUMNS, Finding, InputStatus, Mention, Side

if TYPE_CHECKING:
    from .archive import Settings, StoryTask
    from .model import Article
    from .rules import RuleSet

FORMAT = 3
MARKER = "factcheck-store.json"
INDEX = "index.jsonl"
EXTRA_COLUMNS = ("date", "article_key", "json_cells")
_COLUMN = {name: i for i, name in enumerate(TABLE_COLUMNS)}
# A file written within this long before it was hashed may be written again within one tick of the file
# system's clock, same size: its stat is not trusted and its bytes are hashed on the next run (git's "racy" rule).
RACY_NS = 2_000_000_000


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
    columns: list[list[Any]] = [list(column) for column in zip(*rows)] or [[] for _ in TABLE_COLUMNS]
    encoded: list[list[str]] = [[] for _ in rows]  # per row, the columns written as JSON text, in column order
    for name, column in zip(TABLE_COLUMNS, columns):
        if name in integer or set(map(type, column)) <= _TEXT_CELLS:  # most columns: text alone, nothing to encode
            continue
        for i, value in enumerate(column):
            if value is not None and not isinstance(value, str):
                column[i] = _json_cell(value)
                encoded[i].append(name)
    articles = columns[0]
    data = columns + [[dates.get(a) for a in articles], [keys.get(a) for a in articles],
                      [",".join(names) or None for names in encoded]]
    return pa.Table.from_arrays([pa.array(c, type=f.type) for c, f in zip(data, target)], schema=target)


_TEXT_CELLS = {str, type(None)}


def _json_cell(value: Any) -> str:
    if type(value) is int:
        return str(value)  # json.dumps's text for an int, without its encoder
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


# ---------------------------------------------------------------------------
# what a story's files are, seen without reading them (main process) and read (worker)


def file_stat(path: str) -> list[int] | None:
    """What tells a changed file without reading it: size, modification and change times (ns), inode."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def sidecar_path(path: str) -> str:
    from .articles import SIDECAR_NAME

    return os.path.join(os.path.dirname(path) or ".", SIDECAR_NAME)


def run_fingerprint(settings: "Settings") -> str:
    """What every key of a run shares: factcheck's code, the rule files' contents, the options that change rows."""
    return _sha(["run", code_digest(), rules_digest(settings.ruleset), settings.per_folder, settings.max_bytes])


@dataclass
class Look:
    """A story's files as a worker read them: each file's stat (taken before its bytes) and digest; the story key."""

    files: list[list]  # [path, article id, shared, stat, digest]
    sidecars: dict[str, list]  # sidecar path -> [stat, digest]
    hashed_ns: int  # when the stats were taken (a stat newer than this minus RACY_NS is not trusted)
    base: str  # run_fingerprint
    key: str

    def digest(self, path: str) -> str | None:
        return next((f[4] for f in self.files if f[0] == path), None)


def look(task: "StoryTask", settings: "Settings") -> Look:
    hashed_ns = time.time_ns()
    files: list[list] = []
    sidecars: dict[str, list] = {}
    for path, article_id, shared in task.files:
        stat = file_stat(path)  # before the bytes: a change after this shows in the next run's stat
        files.append([path, article_id, shared, stat, _file_digest(path, settings.max_bytes)])
        side = sidecar_path(path)
        if side not in sidecars:
            sidecars[side] = [file_stat(side), _file_digest(side, 10**9)]
    base = run_fingerprint(settings)
    key = _sha(["story", base, task.story,
                [[path, i, n, digest, sidecars[sidecar_path(path)][1]] for path, i, n, _, digest in files]])
    return Look(files, sidecars, hashed_ns, base, key)


def unchanged(entry: dict, task: "StoryTask", fingerprint: str, checked: bool) -> bool:
    """Whether a story's index entry still holds, from the files' stats alone (no byte read).

    The same code, rules and options (``fingerprint``), the same files under
    the same ids, and each file and sidecar with the stat it had when it was
    hashed.  As git does, a stat is trusted only when the file had not changed
    for ``RACY_NS`` before it was hashed (a write within one tick of the
    file-system clock can keep size and mtime); otherwise the bytes are hashed again.
    """
    if entry.get("base") != fingerprint or (checked and not entry.get("checked")):
        return False
    files = entry.get("files") or []
    if len(files) != len(task.files):
        return False
    limit = int(entry.get("hashed_ns") or 0) - RACY_NS

    def trusted(path: str, stat) -> bool:
        if stat is not None and (stat[1] >= limit or stat[2] >= limit):
            return False
        return file_stat(path) == stat

    for (path, article_id, shared), saved in zip(task.files, files):
        if saved[:3] != [path, article_id, shared] or saved[3] is None or not trusted(path, saved[3]):
            return False
    return all(trusted(side, stat) for side, (stat, _) in (entry.get("sidecars") or {}).items())


# ---------------------------------------------------------------------------
# the store


class FactsStore:
    def __init__(self, root: str, *, create: bool = False) -> None:
        self.root = os.path.abspath(root)
        marker = os.path.join(self.root, MARKER)
        if os.path.exists(marker):
            try:
                with open(marker, encoding="utf-8") as handle:
                    found = json.load(handle).get("format")
            except (OSError, ValueError, AttributeError):
                found = None
            if found != FORMAT:
                raise StoreError(f"{root}: a factcheck store of another format ({found!r}, expected {FORMAT}); "
                                 "give a new folder")
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

    @property
    def index_path(self) -> str:
        return os.path.join(self.root, INDEX)

    # -- keys

    def article_key(self, article: "Article", settings: "Settings", seen: Look) -> str:
        return _sha(["article", code_digest(), rules_digest(settings.ruleset), settings.max_bytes, article.path,
                     article.id, seen.digest(article.path), seen.sidecars[sidecar_path(article.path)][1]])

    def _partition(self, story: str, month: str) -> str:
        return os.path.join("facts", f"month={month}", f"folder={quote(story, safe='') or '_'}", "part-0.parquet")

    # -- reading

    def reused(self, stored: "StoredLine", seen: Look, *, with_rows: bool = False) -> "StoredResult | None":
        """The story's stored result with the stats seen now (and its rows, if asked: None when the partition
        does not hold them all).  Only the line's head is written again; its texts and body are kept as read."""
        rows = None
        if with_rows:
            body = stored.body()
            articles = body.get("articles") or {}
            kept = self._read_partition(body.get("partition", ""), set(articles))
            if kept is None or any(len(kept.get(k, ())) != a["rows"] for k, a in articles.items()):
                return None
            rows = [row for a in stored.head["articles"] for k, row_list in kept.items()
                    if articles[k]["id"] == a["id"] for row in row_list]
        head = {**stored.head, "files": seen.files, "sidecars": seen.sidecars, "hashed_ns": seen.hashed_ns}
        line = _index_line(stored.story, head, stored.parts[2], stored.parts[3], stored.parts[4])
        return stored_result(StoredLine(stored.story, head, line), rows=rows)

    def cached_articles(self, body: dict | None, keys: set[str]) -> dict[str, tuple[list[tuple], list[str], list[str]]]:
        """Article key -> (rows, problem lines, displayed values) of the stored articles whose key is in ``keys``."""
        articles = (body or {}).get("articles") or {}
        wanted = {k for k in articles if k in keys}
        if not wanted:
            return {}
        stored = self._read_partition(body.get("partition", ""), wanted)
        if stored is None:
            return {}
        return {k: (stored.get(k, []), list(articles[k]["problems"]), list(articles[k]["displays"]))
                for k in wanted if len(stored.get(k, ())) == articles[k]["rows"]}

    def _read_partition(self, partition: str, wanted: set[str]) -> dict[str, list[tuple]] | None:
        """Article key -> its rows (in stored order), for the keys in ``wanted``; None when unreadable."""
        import pyarrow.parquet as pq

        try:
            # ParquetFile, not read_table: no dataset layer (and its pandas import) for one known file
            columns = pq.ParquetFile(os.path.join(self.root, partition)).read(use_threads=False).to_pydict()
            data = [columns[c] for c in TABLE_COLUMNS]
            keys, encoded = columns["article_key"], columns["json_cells"]
        except (OSError, ValueError, KeyError):
            return None  # missing or damaged: the articles are extracted again
        # The JSON cells decoded a column at a time: one parse of all the column's encoded cells as one array.
        encoded_at: dict[str, list[int]] = {}
        for i, (key, cells) in enumerate(zip(keys, encoded)):
            if cells and key in wanted:
                for name in cells.split(","):
                    encoded_at.setdefault(name, []).append(i)
        for name, rows_at in encoded_at.items():
            column = data[_COLUMN[name]]
            rows_at = [i for i in rows_at if column[i] is not None]
            for i, value in zip(rows_at, json.loads("[" + ",".join(column[i] for i in rows_at) + "]")):
                column[i] = value
        out: dict[str, list[tuple]] = {}
        for key, row in zip(keys, zip(*data)):
            if key in wanted:
                out.setdefault(key, []).append(row)
        return out

    # -- writing

    def write_story(self, task: "StoryTask", result: "StoryResult", by_article: dict[str, tuple],
                    keys: dict[str, str], seen: Look, checked: bool, texts: tuple[str, str],
                    verdicts: dict[str, str]) -> "StoredLine":
        """The story's facts partition; its index line (written by the main process, ``StoreIndex``).

        ``texts``: the story's findings as the JSON and the JSON Lines reports write them (``stream.finding_texts``);
        ``verdicts``: article id -> whether a story fits it ("" when one does, else why not), kept with its rows.
        """
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
        old = task.previous.body().get("partition") if task.previous is not None else None
        if old not in (None, partition):
            _remove(os.path.join(self.root, old))
        head = {
            "base": seen.base, "key": seen.key, "checked": checked, "files": seen.files,
            "sidecars": seen.sidecars, "hashed_ns": seen.hashed_ns,
            "articles": result.articles, "inputs": [_fields_of(i) for i in result.inputs],
            "findings": [[getattr(f, name) for name in LIGHT_FIELDS] for f in result.findings],
            "problems": result.problems, "facts": result.facts, "unmatched": result.unmatched,
        }
        body = {
            "partition": partition,
            "articles": {keys[a]: {"id": a, "rows": len(rows_), "problems": lines, "displays": shown,
                                   **({"unmatched": verdicts[a]} if a in verdicts else {})}
                         for a, (rows_, lines, shown) in by_article.items() if a in keys},
            "findings": [{**_fields_of(f), "groups": [_fields_of(g) for g in f.groups]} for f in result.findings],
            "displays": result.displays, "dates": result.dates,
        }
        return StoredLine(task.story, head, _index_line(task.story, head, _bytes(_escaped(texts[0])),
                                                        _bytes(_escaped(texts[1])), _bytes(_dumps(body))))

    # -- queries

    def dataset(self):
        """The facts table as a pyarrow dataset (month and folder from the paths)."""
        import pyarrow.dataset as ds

        return ds.dataset(os.path.join(self.root, "facts"), format="parquet", partitioning="hive",
                          schema=schema().append(_partition_field("month")).append(_partition_field("folder")))


# What the main process reads of a stored finding (the review's fields), without its sides, message and note.
LIGHT_FIELDS = ("rule", "fact", "status", "severity", "story", "fact_key", "claimant")
# The texts of a line hold JSON text, in which no control character is ever raw: a line break is kept as this one.
_LINE_BREAK = "\x1f"


def _fields_of(record) -> dict[str, Any]:
    """A dataclass record's fields (``asdict`` without its deep copy: the values are written as JSON at once)."""
    return {f.name: getattr(record, f.name) for f in fields(record)}


def _escaped(text: str) -> str:
    return text.replace("\n", _LINE_BREAK)


@dataclass
class StoredLine:
    """One story's line of the index, split but for its body, which is parsed only when asked.

    ``<story>\t<head>\t<JSON texts>\t<JSON Lines texts>\t<body>\n``: the head (JSON) holds what the main
    process needs of a story (its files' stats and keys, its report entries, its findings without their sides);
    the texts are the story's findings as the JSON and the JSON Lines reports write them (copied, not parsed);
    the body (JSON) holds the rest (the findings whole, the displayed values, each article's rows and cache key).
    """

    story: str
    head: dict
    line: bytes  # as in the file (UTF-8; a name's undecodable bytes kept as they were)
    _parts: list[bytes] | None = field(default=None, repr=False)
    _body: dict | None = field(default=None, repr=False)

    @property
    def parts(self) -> list[bytes]:
        if self._parts is None:
            self._parts = self.line[:-1].split(b"\t", 4)
        return self._parts

    def text(self, format: str) -> str:
        """The findings as the ``json`` or ``jsonl`` report writes them."""
        return _text(self.parts[2 if format == "json" else 3]).replace(_LINE_BREAK, "\n")

    def body(self) -> dict:
        if self._body is None:
            self._body = json.loads(_text(self.parts[4]))
        return self._body

    def __reduce__(self):
        return parse_line, (self.story, self.line)  # to a worker: the line alone, its head parsed there


def _text(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def parse_line(story: str, line: bytes) -> StoredLine | None:
    """The line of ``story`` with its head parsed; None when damaged (the story is then done again)."""
    first = line.find(b"\t")
    second = line.find(b"\t", first + 1)
    if first < 0 or second < 0 or line.count(b"\t", second + 1) != 2:
        return None
    try:
        head = json.loads(_text(line[first + 1:second]))
    except ValueError:
        return None
    return StoredLine(story, head, line) if isinstance(head, dict) else None


class StoredResult(StoryResult):
    """A story's result read from its index line: the findings, displayed values and dates are read from the
    line's body when first asked (a JSON or JSON Lines report copies the stored texts and needs none of them)."""

    stored: StoredLine | None = None
    _findings: list[Finding] | None = None
    _displays: dict[str, list[str]] | None = None
    _dates: dict[str, str | None] | None = None

    @property
    def findings(self) -> list[Finding]:
        if self._findings is None:
            self._findings = [_finding(f) for f in self.stored.body()["findings"]]
        return self._findings

    @findings.setter
    def findings(self, value) -> None:
        self._findings = value

    @property
    def displays(self) -> dict[str, list[str]]:
        if self._displays is None:
            self._displays = self.stored.body()["displays"]
        return self._displays

    @displays.setter
    def displays(self, value) -> None:
        self._displays = value

    @property
    def dates(self) -> dict[str, str | None]:
        if self._dates is None:
            self._dates = self.stored.body()["dates"]
        return self._dates

    @dates.setter
    def dates(self, value) -> None:
        self._dates = value

    def texts(self, format: str) -> str | None:
        return self.stored.text(format) if self.stored is not None else None

    def __reduce__(self):
        if self.stored is None:
            return super().__reduce__()
        # From a worker: the line (the main process parses its head, as for a story it reads from the index).
        return _stored_again, (self.story, self.stored.line, self.unread, self.story_reused, self.extracted, self.rows)


def stored_result(stored: StoredLine, *, unread: bool = False, reused_whole: bool = True, extracted: int = 0,
                  rows: list[tuple] | None = None) -> StoredResult:
    """A story's result as its index line keeps it."""
    head = stored.head
    articles = head["articles"]
    result = StoredResult(
        story=stored.story, articles=articles, inputs=[InputStatus(**i) for i in head["inputs"]],
        findings=None, displays=None, problems=head["problems"], rows=rows, dates=None, facts=head["facts"],
        unmatched=head["unmatched"], extracted=extracted, reused=len(articles) - extracted,
        story_reused=reused_whole, unread=unread, index_line=stored.line,
        light=[Finding(rule, fact, status, severity, "", (), "", story, key, claimant)
               for rule, fact, status, severity, story, key, claimant in head["findings"]],
    )
    result.stored = stored
    return result


def _stored_again(story: str, line: bytes, unread: bool, reused_whole: bool, extracted: int,
                  rows: list[tuple] | None) -> StoredResult:
    stored = parse_line(story, line)
    assert stored is not None  # made by write_story or read whole from the index
    return stored_result(stored, unread=unread, reused_whole=reused_whole, extracted=extracted, rows=rows)


# ---------------------------------------------------------------------------
# the index: one line a story, sorted by story


class StoreIndex:
    """``DIR/index.jsonl``: each story's line (``StoredLine``: files, stats, keys, findings, report texts).

    Lines are sorted by story.  A run reads the index in step with its stories
    (which come in the same order), so a warm run reads one file, not one a
    story, holds a few lines at a time, and parses only the head of a line
    whose story it answers.  The new index is written as the run's results are
    consumed (each line as read, or as the story's worker made it), merged
    with the stories of the old one the run did not see, and replaces it only
    when the run is complete: an interrupted run leaves the old index (its
    partitions are checked against the lines' article keys and row counts).
    """

    def __init__(self, store: FactsStore) -> None:
        self.path = store.index_path
        self.root = store.root
        self._old = _open_lines(self.path)
        self._ahead: tuple[str, str] | None = None
        self._carried = False
        self._temp = ""
        self._out = None

    def _writer(self):
        if self._out is None:
            fd, self._temp = tempfile.mkstemp(dir=self.root, prefix=".index-", suffix=".tmp")
            self._out = os.fdopen(fd, "wb")
        return self._out

    def find(self, story: str) -> StoredLine | None:
        """The old line of ``story``, its head parsed; stories must be asked in increasing order."""
        for name, line in self._lines():
            if name < story:
                self._carried = True  # a story of the old index this run does not have: merged at the end
                continue
            if name > story:
                self._ahead = (name, line)
                return None
            return parse_line(story, line)
        return None

    def _lines(self):
        if self._ahead is not None:
            ahead, self._ahead = self._ahead, None
            yield ahead
        yield from _story_lines(self._old)

    def add(self, result: "StoryResult") -> None:
        """Write ``result``'s line (as read from the old index, or as its worker made it), as the run consumes it."""
        if result.index_line is not None:
            self._writer().write(result.index_line)

    def commit(self) -> None:
        """The new index: this run's entries, and the old index's stories this run did not see."""
        self._writer().close()
        rest = next(self._lines(), None)
        _close(self._old)
        if not self._carried and rest is None:  # every old story was in this run: the new entries are the index
            try:
                os.replace(self._temp, self.path)
            finally:
                _remove(self._temp)
            return
        merged = self._temp + ".merged"
        try:
            with open(self._temp, "rb", buffering=_READ_BUFFER) as new, open(merged, "wb") as out:
                old = _open_lines(self.path)
                try:
                    _merge(_story_lines(new), _story_lines(old), out)
                finally:
                    _close(old)
            os.replace(merged, self.path)
        finally:
            _remove(self._temp)
            _remove(merged)

    def abandon(self) -> None:
        if self._out is not None:
            self._out.close()
            _remove(self._temp)
        _close(self._old)


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _index_line(story: str, head: dict, json_texts: bytes, jsonl_texts: bytes, body: bytes) -> bytes:
    return b"\t".join((_bytes(json.dumps(story, ensure_ascii=False)), _bytes(_dumps(head)), json_texts, jsonl_texts,
                       body)) + b"\n"


def _bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


# Lines of tens of kB: read through a large buffer (with the default 8 kB one, a line is gathered in many pieces).
_READ_BUFFER = 1 << 20


def _open_lines(path: str):
    try:
        return open(path, "rb", buffering=_READ_BUFFER)
    except OSError:
        return None


def _close(handle) -> None:
    if handle is not None:
        handle.close()


def _story_lines(handle):
    """(story, line) of an index file, damaged lines skipped."""
    if handle is None:
        return
    for line in handle:
        if not line.endswith(b"\n"):
            return  # cut short: not a whole entry
        name = line[:line.find(b"\t")]
        if len(name) > 1 and name[:1] == name[-1:] == b'"' and b"\\" not in name:
            yield _text(name[1:-1]), line  # a name without escapes (most): no JSON to parse
            continue
        try:
            story = json.loads(_text(name))
        except ValueError:
            continue
        if isinstance(story, str):
            yield story, line


def _merge(new, old, out) -> None:
    """Two sorted (story, line) streams into one, ``new`` winning a story both hold."""
    pending = next(old, None)
    for story, line in new:
        while pending is not None and pending[0] < story:
            out.write(pending[1])
            pending = next(old, None)
        if pending is not None and pending[0] == story:
            pending = next(old, None)
        out.write(line)
    while pending is not None:
        out.write(pending[1])
        pending = next(old, None)


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
