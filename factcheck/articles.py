"""Reading inputs: paths to articles, decoding, repair, metadata, bad input.

``load_corpus(paths)`` never raises on bad input: every path given (or every
candidate file found in a folder given) ends up as one ``InputStatus``, with
``status`` "ok" when it became an ``Article``, or one of

    "not_found", "broken_link", "unreadable", "too_large", "empty", "binary",
    "no_articles", "duplicate"

("duplicate": a hard link to, or a byte-identical copy of, an article read
under another path; one text is one source, however many times it is filed.)

and a one-line English ``reason`` meant to be printed as ``path: reason``.
An "ok" status may still carry a ``reason``: warnings joined by "; " (a broken
sidecar or front matter, an article id that had to be made unique).

Decoding: byte-order marks first (UTF-8, UTF-16, UTF-32), then strict UTF-8,
then Windows-1252/Latin-1 when the bytes read as Western European text, then
charset-normalizer.  Text that was already mis-decoded once ("prÃ©sident") is
repaired with ftfy, which touches nothing else: clean text comes out
identical.  Line endings are kept as they are in the file, so offsets match
the file's decoded contents.

Metadata (``ArticleMeta``), field by field, later sources winning:

1. a leading ``date 2021-12`` marker (some desk exports glue it before the
   title on the first line);
2. the sidecar ``sources.yaml`` in the article's own folder, mapping article
   id to ``{source, date, url, language}``;
3. a YAML front-matter block at the top of the file (``---`` ... ``---``).

``Article.body_start`` points just after the front matter and the marker, so
value extraction never reads the marker's date as a fact of the story.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path, PurePath
from typing import Any, Mapping, Sequence

from factcheck.model import REPORT_MARKER, Article, ArticleMeta, InputStatus
from factcheck.pubdate import complete as complete_date, infer_story_dates

DEFAULT_MAX_BYTES = 5_000_000
SIDECAR_NAME = "sources.yaml"
ARTICLE_SUFFIXES = (".txt", ".md")
META_FIELDS = ("source", "date", "url", "language")

# A sidecar is metadata, not an article: a few kilobytes; refuse a runaway one.
_SIDECAR_MAX_BYTES = 1_000_000


@dataclass(frozen=True)
class Corpus:
    """The articles read, sorted by (id, path), and what became of every input, sorted by path."""

    articles: tuple[Article, ...]
    inputs: tuple[InputStatus, ...]

    @property
    def problems(self) -> tuple[InputStatus, ...]:
        """Inputs that could not be read (status other than "ok"; factcheck's own reports are no problem)."""
        return tuple(s for s in self.inputs if not s.ok and s.status != "report")


# --------------------------------------------------------------------------- public API


def load_corpus(
    paths: Sequence[str | os.PathLike],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    sidecar_name: str = SIDECAR_NAME,
) -> Corpus:
    """Read every article under ``paths`` (files or folders); never raises on bad input.

    - Folders are walked recursively for ``.txt`` and ``.md`` files, skipping
      hidden files and folders and the sidecar; symlinked folders are followed
      once.  A file named explicitly is read whatever its extension.
    - The same file reached twice (named twice, named and inside a folder
      given, or through a symlink) is read once, under its first path in sorted
      order.
    - The article id is the file name without its extension.  When several
      articles share an id (``a/x.txt`` and ``b/x.txt``), each gets instead its
      path relative to the deepest folder they share, extension dropped
      (``a/x``, ``b/x``; extension kept when only the extension differs), and
      its status reason says so.  Ids therefore never depend on argument order.
      The sidecar entry is still looked up under the file name's id (``x``).
    - A broken sidecar or front matter never loses the article: it is read
      without that metadata, and its status is "ok" with the problem in
      ``reason`` (e.g. ``"sources.yaml: line 3: ...; its metadata is ignored"``).
    """
    files, statuses = _expand_all(paths, sidecar_name)
    sidecars = _SidecarCache(sidecar_name)
    articles: list[Article] = []
    for path in files:
        article, status = _load_file(path, max_bytes=max_bytes, sidecars=sidecars)
        statuses.append(status)
        if article is not None:
            articles.append(article)
    articles, statuses = _drop_copies(articles, statuses)
    articles, statuses = _make_ids_unique(articles, statuses)
    articles = infer_story_dates(articles)  # an undated article is read against its folder's dates
    articles.sort(key=lambda a: (a.id, a.path))
    statuses.sort(key=lambda s: (s.path, s.status))
    return Corpus(tuple(articles), tuple(statuses))


def candidate_files(paths: Sequence[str | os.PathLike], sidecar_name: str = SIDECAR_NAME) -> list[str]:
    """The files ``load_corpus(paths)`` would try to read (listing only, nothing is read)."""
    return _expand_all(paths, sidecar_name)[0]


def load_article(
    path: str | os.PathLike,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    sidecar_name: str = SIDECAR_NAME,
) -> tuple[Article | None, InputStatus]:
    """Read one file (whatever its extension), with its folder's sidecar.

    Returns the article (``None`` when it could not be read) and its status.
    The id is the file name without extension (no de-duplication here).
    """
    return _load_file(os.fspath(path), max_bytes=max_bytes, sidecars=_SidecarCache(sidecar_name))


# --------------------------------------------------------------------------- finding files


def _expand_all(paths: Sequence[str | os.PathLike], sidecar_name: str) -> tuple[list[str], list[InputStatus]]:
    """Candidate files (deduplicated by real path, sorted) and the statuses of paths that yield none."""
    found: list[str] = []
    statuses: list[InputStatus] = []
    for raw in paths:
        files, problems = _expand(os.fspath(raw), sidecar_name)
        found.extend(files)
        statuses.extend(problems)
    unique: dict[str, str] = {}
    real = _real_paths()
    for path in sorted(set(found)):
        key = real(path) if os.path.exists(path) else path  # two broken links stay two
        unique.setdefault(key, path)
    return sorted(unique.values()), statuses


def _real_paths():
    """``os.path.realpath``, its folder part resolved once a folder (an archive has a few files a folder)."""
    folders: dict[str, str] = {}

    def real(path: str) -> str:
        folder, name = os.path.split(path)
        if name in ("", os.curdir, os.pardir) or os.path.islink(path):
            return os.path.realpath(path)
        if folder not in folders:
            folders[folder] = os.path.realpath(folder or os.curdir)
        return os.path.join(folders[folder], name)

    return real


def _expand(path: str, sidecar_name: str) -> tuple[list[str], list[InputStatus]]:
    if os.path.isdir(path):
        return _walk(path, sidecar_name)
    if os.path.lexists(path):
        return [path], []  # a file, a broken link, a pipe...: _load_file says what it is
    return [], [InputStatus(path, "not_found", "no such file or folder")]


def _walk(folder: str, sidecar_name: str) -> tuple[list[str], list[InputStatus]]:
    files: list[str] = []
    problems: list[InputStatus] = []
    seen: set[tuple[int, int]] = set()  # (device, inode): a symlink loop must not loop us
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            info = os.stat(current)
            if (info.st_dev, info.st_ino) in seen:
                continue
            seen.add((info.st_dev, info.st_ino))
            with os.scandir(current) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError as exc:
            problems.append(InputStatus(current, "unreadable", f"cannot list folder: {_strerror(exc)}"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            child = os.path.join(current, entry.name)
            if _is_dir(entry):
                stack.append(child)
            elif entry.name != sidecar_name and entry.name.lower().endswith(ARTICLE_SUFFIXES):
                files.append(child)
    if not files and not problems:
        problems.append(InputStatus(folder, "no_articles", "folder has no .txt or .md files"))
    return files, problems


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir(follow_symlinks=True)
    except OSError:
        return False


# --------------------------------------------------------------------------- reading one file


def _load_file(path: str, *, max_bytes: int, sidecars: _SidecarCache) -> tuple[Article | None, InputStatus]:
    data = _read_bytes(path, max_bytes)
    if isinstance(data, InputStatus):
        return None, data
    decoded = _decode(data)
    if isinstance(decoded, str):
        return None, InputStatus(path, "binary", decoded)
    text, encoding = decoded
    text, repairs = _clean(text)
    if REPORT_MARKER in text[:400]:
        return None, InputStatus(path, "report", "a report factcheck wrote, not an article", encoding=encoding)
    if not text.strip():
        return None, InputStatus(path, "empty", "only whitespace, no text", encoding=encoding)

    article_id = PurePath(path).stem
    meta, body_start, warnings = _metadata(text, article_id, sidecars.get(os.path.dirname(path) or "."))
    if not text[body_start:].strip():
        return None, InputStatus(path, "empty", "metadata only, no article text", encoding=encoding)
    article = Article(id=article_id, path=path, text=text, meta=meta, encoding=encoding, body_start=body_start)
    status = InputStatus(path, "ok", "; ".join(repairs + warnings), article=article_id, encoding=encoding)
    return article, status


def _read_bytes(path: str, max_bytes: int) -> bytes | InputStatus:
    """The file's bytes, or the status saying why there are none."""
    try:
        info = os.stat(path)
    except OSError as exc:
        return _stat_problem(path, exc)
    if not stat.S_ISREG(info.st_mode):
        return InputStatus(path, "unreadable", f"not a regular file ({file_kind(info.st_mode)})")
    if info.st_size > max_bytes:
        return _too_large(path, info.st_size, max_bytes)
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)  # the file may have grown since stat
    except OSError as exc:
        return InputStatus(path, "unreadable", f"cannot read: {_strerror(exc)}")
    if len(data) > max_bytes:
        return _too_large(path, len(data), max_bytes)
    if not data:
        return InputStatus(path, "empty", "empty file (0 bytes)")
    return data


def _stat_problem(path: str, exc: OSError) -> InputStatus:
    if exc.errno == errno.ELOOP:
        return InputStatus(path, "broken_link", "symbolic link loop")
    if os.path.islink(path):
        return InputStatus(path, "broken_link", f"broken symbolic link (target {_link_target(path)!r} does not exist)")
    if exc.errno == errno.ENOENT:
        return InputStatus(path, "not_found", "no such file or folder")
    return InputStatus(path, "unreadable", f"cannot read: {_strerror(exc)}")


def _link_target(path: str) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "?"


def _too_large(path: str, size: int, max_bytes: int) -> InputStatus:
    return InputStatus(path, "too_large", f"file too large: {size:,} bytes (limit {max_bytes:,})")


def file_kind(mode: int) -> str:
    """What a file that is not a regular file is, for a message: "a named pipe", "a device"..."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def _strerror(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


# --------------------------------------------------------------------------- decoding


_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32"),  # before UTF-16 LE, whose BOM is its prefix
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)

# Formats that are sometimes saved as .txt or dropped in an article folder.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive or office document"),
    (b"\xd0\xcf\x11\xe0", "an old office document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
)

_CODEC_LABELS = {"iso8859-1": "latin-1", "utf-16-le": "utf-16-le", "utf-16-be": "utf-16-be"}


def _decode(data: bytes) -> tuple[str, str] | str:
    """``(text, encoding)``, or the reason the bytes are not text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return f"binary file, not text ({kind})"
    decoded = _decode_raw(data)
    if isinstance(decoded, str):
        return decoded
    text, encoding = decoded
    text = text.removeprefix("\ufeff")
    if _looks_binary(text):
        return "binary file, not text (control characters)"
    repaired = _repair(text)
    if repaired != text:
        return repaired, encoding + "+ftfy"
    return text, encoding


def _decode_raw(data: bytes) -> tuple[str, str] | str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            if codec == "utf-8-sig":
                try:
                    return data.decode(codec), codec
                except UnicodeDecodeError:
                    data = data[len(bom):]  # a BOM glued to non-UTF-8 bytes: judge the rest
                    break
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                return f"binary file, not text (not valid {codec.upper()} despite its byte-order mark)"
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16:
            return utf16
        if data.count(b"\x00") > _stray_limit(data):
            return "binary file, not text (contains NUL bytes)"
        # A stray NUL in a text (a bad copy, a truncated export): _clean replaces it.
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    mostly_utf8 = _mostly_utf8(data)
    if mostly_utf8 is not None:
        return mostly_utf8
    western = _western(data)
    if western is not None:
        return western
    return _detect(data)


def _stray_limit(data: bytes) -> int:
    """How many stray bytes a text may hold and still be a text: 1 in 1 000, at least one."""
    return max(1, len(data) // 1000)


# A UTF-16 surrogate written as UTF-8 (invalid, but only a UTF-8 encoder writes it).
_SURROGATE_BYTES = re.compile(rb"\xed[\xa0-\xbf][\x80-\xbf]")


def _mostly_utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8 with a few invalid bytes (a stray 0x81, a lone surrogate): those become U+FFFD.

    Only when the rest really is UTF-8 (it holds multi-byte sequences): pure
    ASCII with one odd byte is left to the Western decoders.
    """
    text = data.decode("utf-8", "replace")
    bad = len(re.findall("\ufffd+", text)) - data.count("\ufffd".encode("utf-8"))  # a bad sequence, once
    utf8_evidence = _SURROGATE_BYTES.search(data) or any(ord(ch) > 0x7F and ch != "\ufffd" for ch in text)
    if bad > _stray_limit(data) or not utf8_evidence:
        return None
    return text, "utf-8"


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM: mostly-ASCII text has a NUL in every other byte."""
    if len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    half = len(data) // 2
    for codec, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros >= 0.5 * half and other == 0:
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                return None
    return None


# A Western text decoded as Windows-1252 has its accented letters alone or in
# pairs inside ASCII words ("créée"); Cyrillic or Greek bytes read that way
# give whole words of accented letters ("Ïðåçèäåíò").
_FOREIGN_RUN = re.compile(r"[^\x00-\x7f\W\d_]{3,}")
_NON_ASCII_LETTER = re.compile(r"[^\x00-\x7f\W\d_]")
_WESTERN_PUNCTUATION = frozenset("\u00a0\u2019\u2018\u201c\u201d\u00ab\u00bb\u2013\u2014\u2026\u20ac\u00b0\u00a7\u00b7\u2022")


def _western(data: bytes) -> tuple[str, str] | None:
    """Windows-1252 (or Latin-1) when the bytes read as Western European text.

    Tried before charset-normalizer, which can mis-guess short French texts.
    The label is "cp1252" when a byte in 0x80-0x9F is used (typographic
    quotes, œ, €), "latin-1" otherwise: both decode such files identically.
    """
    # A UTF-8-encoded surrogate is one bad character, not three Western letters ("í\xa0€"):
    # it becomes one undefined byte, which decodes as U+FFFD.
    data = _SURROGATE_BYTES.sub(b"\x81", data)
    undefined = sum(data.count(b) for b in (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d"))
    if undefined > _stray_limit(data):
        return None  # 0x81, 0x8D, 0x8F, 0x90, 0x9D are not Windows-1252: a few are strays, many another code
    text = data.decode("cp1252", "replace")
    letters = _NON_ASCII_LETTER.findall(text)
    if letters:
        in_runs = sum(len(run) for run in _FOREIGN_RUN.findall(text))
        if in_runs > 0.1 * len(letters):
            return None
    elif any(ch not in _WESTERN_PUNCTUATION and ch != "\ufffd" for ch in text if ord(ch) > 0x7F):
        return None
    uses_c1_range = any(0x80 <= byte <= 0x9F for byte in data)
    return text, ("cp1252" if uses_c1_range else "latin-1")


def _detect(data: bytes) -> tuple[str, str] | str:
    from charset_normalizer import from_bytes  # ~40 ms to import: only for the rare odd file

    best = from_bytes(data).best()
    if best is None:
        return "binary file, not text (no text encoding fits)"
    return str(best), _label(best.encoding)


def _label(codec: str) -> str:
    import codecs

    name = codecs.lookup(codec).name
    return _CODEC_LABELS.get(name, name)


# What _clean takes out of a decoded text.  Invisible format characters split
# numbers and words ("100\u200b000") and bidi controls reorder what a reader
# sees: they are removed (zero-width joiners only next to a digit, where they
# can mean nothing).  NUL and the other C0/C1 controls but tab and line breaks
# become U+FFFD, visible, and a warning counts the characters replaced.
_INVISIBLE_CHARS = "\u00ad\u200b\u2060\ufeff\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_JOINERS = "\u200c\u200d"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]|(?<=\\d)[{_JOINERS}]+|[{_JOINERS}]+(?=\\d)")
# Every character _INVISIBLE can take out: texts with none (nearly all) skip its costlier scan,
# whose lookarounds are tried at every position.
_ANY_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}{_JOINERS}]")
_REPLACED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def _clean(text: str) -> tuple[str, list[str]]:
    """The text without invisible characters, its controls replaced; warnings for what was replaced."""
    if _ANY_INVISIBLE.search(text):
        text = _INVISIBLE.sub("", text)
    replaced = len(_REPLACED.findall(text))
    invalid = text.count("\ufffd")
    if not replaced and not invalid:
        return text, []
    text = _REPLACED.sub("\ufffd", text)
    total = replaced + invalid
    what = "character" if total == 1 else "characters"
    return text, [f"{total} invalid or control {what} shown as U+FFFD"]


# Control characters other than tabs and line breaks; a stray one (a DOS
# end-of-file ^Z) is tolerated.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _looks_binary(text: str) -> bool:
    limit = max(2, len(text) // 100)
    return sum(1 for _ in zip(range(limit + 1), _CONTROL.finditer(text))) > limit


# Mojibake of UTF-8 read as Windows-1252/Latin-1 always shows a lead character
# in Â..ô followed by one from the 0x80-0xBF byte range; without one, skip ftfy
# (~80 ms to import) entirely.
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)


def _repair(text: str) -> str:
    """Undo one earlier mis-decoding ("prÃ©sident" -> "président"); change nothing else."""
    if not _MOJIBAKE_HINT.search(text):
        return text
    import ftfy

    # Only the encoding repairs: quotes, ligatures, widths, line breaks, HTML
    # entities and Unicode normalisation stay as the author wrote them.
    config = ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=False,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )
    return ftfy.fix_text(text, config)


# --------------------------------------------------------------------------- metadata


_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_MARKER = re.compile(
    r"\s*date[ \t\u00a0]+(\d{4}-\d{2}(?:-\d{2})?)(?![\d-])[ \t\u00a0]*(?:\r?\n)?"
)
_FRONT_MATTER = re.compile(r"---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_YAML_KEY_LINE = re.compile(r"\s*[A-Za-z_][\w-]*[ \t]*:(?:\s|$)")
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{2,8})*")
_ISO_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?")


def _published(value: str) -> bool:
    from datetime import datetime

    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _metadata(
    text: str, article_id: str, sidecar: _Sidecar
) -> tuple[ArticleMeta, int, list[str]]:
    """The article's metadata, where its body starts, and warnings about its metadata."""
    fields: dict[str, str] = {}
    warnings: list[str] = []
    front, body_start, front_warnings = _front_matter(text)
    marker = _MARKER.match(text, body_start)
    if marker and _iso_date(marker.group(1)):
        fields["date"] = marker.group(1)
        body_start = marker.end()
    sidecar_fields, sidecar_warnings = sidecar.entry(article_id)
    fields.update(sidecar_fields)
    fields.update(front)
    warnings.extend(sidecar_warnings)
    warnings.extend(front_warnings)
    return complete_date(ArticleMeta(**fields), text, body_start), body_start, warnings


def _front_matter(text: str) -> tuple[dict[str, str], int, list[str]]:
    """Fields from a leading ``---`` YAML block, the offset after it, warnings.

    A block whose first line is not ``key:`` is ordinary text (a Markdown rule),
    not front matter.  A front matter that does not parse is skipped all the
    same (it is not article text) and reported.
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, 0, []
    block = match.group(1)
    first = next((line for line in block.splitlines() if line.strip() and not line.lstrip().startswith("#")), "")
    if first and not _YAML_KEY_LINE.match(first):
        return {}, 0, []
    parsed = _parse_yaml(block, "front matter", first_line=2)
    if isinstance(parsed, str):
        return {}, match.end(), [parsed + "; its metadata is ignored"]
    if parsed is None:
        return {}, match.end(), []
    if not isinstance(parsed, dict):
        return {}, match.end(), ["front matter: expected 'key: value' lines; its metadata is ignored"]
    known = {k: v for k, v in parsed.items() if k in META_FIELDS}  # other keys belong to other tools
    fields, warnings = _check_fields(known, "front matter")
    return fields, match.end(), warnings


def _check_fields(raw: Mapping[str, Any], where: str) -> tuple[dict[str, str], list[str]]:
    """Validated metadata fields; a bad value is dropped with a warning."""
    fields: dict[str, str] = {}
    warnings: list[str] = []
    for key in META_FIELDS:
        if key not in raw:
            continue
        value = raw[key]
        if not isinstance(value, str):
            warnings.append(f"{where}: {key} should be text; ignored")
            continue
        value = value.strip()
        if value in ("", "~", "null"):
            continue
        problem = _field_problem(key, value)
        if problem:
            warnings.append(f"{where}: {problem}; ignored")
            continue
        if key == "date" and _ISO_DATE_TIME.fullmatch(value):
            # A full publication time ("2023-01-31T21:40:00+01:00"): the day is the date, the
            # whole is kept to order figures that change over time.
            fields["published"] = value
            value = value[:10]
        fields[key] = value.lower() if key == "language" else value
    return fields, warnings


def _field_problem(key: str, value: str) -> str | None:
    if key == "date" and _ISO_DATE_TIME.fullmatch(value):
        return None if _iso_date(value[:10]) and _published(value) else f"date {value!r} is not a real date-time"
    if key == "date" and not _iso_date(value):
        return f"date {value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)"
    if key == "language" and not _LANGUAGE.fullmatch(value.lower()):
        return f"language {value!r} is not a language code such as 'fr'"
    return None


def _iso_date(value: str) -> bool:
    """A real calendar date, possibly partial: "2021", "2021-12", "2021-12-30"."""
    match = _ISO_DATE.fullmatch(value)
    if not match:
        return False
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


# --------------------------------------------------------------------------- sidecar


@dataclass
class _Sidecar:
    """One folder's ``sources.yaml``: entries by article id, or the error that voided it."""

    name: str
    entries: dict[str, Any] = field(default_factory=dict)
    error: str | None = None

    def entry(self, article_id: str) -> tuple[dict[str, str], list[str]]:
        if self.error:
            return {}, [self.error]
        raw = self.entries.get(article_id)
        if raw is None:
            return {}, []
        where = f"{self.name}: {article_id}"
        if not isinstance(raw, dict):
            return {}, [f"{where}: expected 'key: value' lines; ignored"]
        unknown = sorted(set(raw) - set(META_FIELDS))
        fields, warnings = _check_fields(raw, where)
        if unknown:
            warnings.insert(0, f"{where}: unknown key {', '.join(map(repr, unknown))} ignored "
                               f"(known: {', '.join(META_FIELDS)})")
        return fields, warnings


class _SidecarCache:
    """Each folder's sidecar, read once per corpus."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._by_folder: dict[str, _Sidecar] = {}

    def get(self, folder: str) -> _Sidecar:
        if folder not in self._by_folder:
            self._by_folder[folder] = _read_sidecar(os.path.join(folder, self.name), self.name)
        return self._by_folder[folder]


def _read_sidecar(path: str, name: str) -> _Sidecar:
    if not os.path.lexists(path):
        return _Sidecar(name)
    data = _read_bytes(path, _SIDECAR_MAX_BYTES)
    if isinstance(data, InputStatus):
        if data.status == "empty":
            return _Sidecar(name)
        return _Sidecar(name, error=f"{name}: {data.reason}; its metadata is ignored")
    return _parsed_sidecar(name, data)


@lru_cache(maxsize=32)
def _parsed_sidecar(name: str, data: bytes) -> _Sidecar:
    """A sidecar's bytes parsed, once for the same bytes: ``load_article`` reads each article's
    folder sidecar again (it may have changed) but parses it only when its bytes did.  The
    ``_Sidecar`` is shared between the callers, which only read it."""
    decoded = _decode(data)
    if isinstance(decoded, str):
        return _Sidecar(name, error=f"{name}: {decoded}; its metadata is ignored")
    parsed = _parse_yaml(_clean(decoded[0])[0], name, first_line=1)
    if isinstance(parsed, str):
        return _Sidecar(name, error=parsed + "; its metadata is ignored")
    if parsed is None:
        return _Sidecar(name)
    if not isinstance(parsed, dict):
        return _Sidecar(name, error=f"{name}: expected a mapping of article id to metadata; its metadata is ignored")
    return _Sidecar(name, entries=parsed)


def _parse_yaml(text: str, where: str, *, first_line: int) -> Any:
    """Parsed YAML with every scalar kept as text, or a one-line error message.

    Plain strings only: YAML 1.1 would read ``language: no`` as false,
    ``date: 2021-12-30`` as a date object and an id like ``001_123`` as the
    number 1123.
    """
    import yaml  # ~20 ms: only when there is metadata to read

    from .yamlsafe import YamlLimit, check

    try:
        check(text, _string_loader())  # depth, aliases, control characters: before anything is built
        return yaml.load(text, Loader=_string_loader())
    except YamlLimit as exc:
        return f"{where}: line {exc.line + first_line - 1}: {exc.reason}"
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f"line {mark.line + first_line}: " if mark else ""
        problem = exc.problem or exc.context or "invalid YAML"
        return f"{where}: {line}{problem}"
    except yaml.YAMLError as exc:
        return f"{where}: invalid YAML ({str(exc).splitlines()[0] if str(exc) else type(exc).__name__})"


_LOADER: Any = None


def _string_loader() -> Any:
    global _LOADER
    if _LOADER is None:
        import yaml

        base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        _LOADER = type("_StringLoader", (base,), {"yaml_implicit_resolvers": {}})
    return _LOADER


# --------------------------------------------------------------------------- copies


def _drop_copies(
    articles: list[Article], statuses: list[InputStatus]
) -> tuple[list[Article], list[InputStatus]]:
    """Keep one article of each text (the first path in sorted order); the others become "duplicate".

    A hard link or a copy would otherwise count as a second source agreeing
    with the first on every fact.
    """
    import hashlib

    kept: dict[object, Article] = {}
    dropped: dict[str, str] = {}  # path -> reason
    for article in sorted(articles, key=lambda a: a.path):
        info = _stat_quietly(article.path)
        inode = (info.st_dev, info.st_ino) if info is not None else None
        digest = hashlib.sha256(article.text.encode("utf-8", "surrogatepass")).hexdigest()
        if inode is not None and inode in kept:
            dropped[article.path] = f"same file as {kept[inode].path} (a hard link): not counted as a second source"
        elif digest in kept:
            dropped[article.path] = f"same text as {kept[digest].path}: not counted as a second source"
        else:
            if inode is not None:
                kept[inode] = article
            kept[digest] = article
    if not dropped:
        return articles, statuses
    articles = [a for a in articles if a.path not in dropped]
    statuses = [replace(s, status="duplicate", reason=dropped[s.path], article=None) if s.path in dropped and s.ok
                else s for s in statuses]
    return articles, statuses


def _stat_quietly(path: str) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


# --------------------------------------------------------------------------- unique ids


def _make_ids_unique(
    articles: list[Article], statuses: list[InputStatus]
) -> tuple[list[Article], list[InputStatus]]:
    counts = Counter(a.id for a in articles)
    shared = {i for i, n in counts.items() if n > 1}
    if not shared:
        return articles, statuses
    groups: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        if article.id in shared:
            groups[article.id].append(article)
    new_ids: dict[str, str] = {}  # path -> new id
    for members in groups.values():
        new_ids.update(zip((a.path for a in members), _distinct_ids([a.path for a in members])))
    taken = {a.id for a in articles if a.id not in shared}
    for path in sorted(new_ids):  # the rare clash with an existing id: number it, in path order
        candidate, n = new_ids[path], 2
        while candidate in taken:
            candidate, n = f"{new_ids[path]}~{n}", n + 1
        new_ids[path] = candidate
        taken.add(candidate)
    renamed = [replace(a, id=new_ids[a.path]) if a.path in new_ids else a for a in articles]
    return renamed, [_renamed_status(s, new_ids, counts) for s in statuses]


def _distinct_ids(paths: list[str]) -> list[str]:
    """Paths relative to their deepest shared folder, extension dropped unless it is the only difference."""
    absolute = [Path(os.path.abspath(p)) for p in paths]
    common = Path(os.path.commonpath([str(p.parent) for p in absolute]))
    relative = [p.relative_to(common) for p in absolute]
    ids = [r.with_suffix("").as_posix() for r in relative]
    if len(set(ids)) < len(ids):
        ids = [r.as_posix() for r in relative]
    return ids


def _renamed_status(status: InputStatus, new_ids: Mapping[str, str], counts: Counter) -> InputStatus:
    if status.path not in new_ids or not status.ok:
        return status
    new_id = new_ids[status.path]
    note = f"id {status.article!r} is shared by {counts[status.article]} articles; this one is {new_id!r}"
    reason = "; ".join(filter(None, [note, status.reason]))
    return replace(status, article=new_id, reason=reason)
