"""Writing output files safely: atomically, and never over an input article."""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from typing import Any, Iterable

from . import neutral
from .articles import file_kind

STDOUT = "-"


class OutputError(Exception):
    """An output could not be written; the message is one line, ready to print."""


def write_output(path: str | os.PathLike | None, text: str, *, inputs: Iterable[Any] = (),
                 keep_sgr: bool = False) -> None:
    """Write ``text`` to ``path`` as UTF-8 with "\\n" newlines, or to stdout for ``"-"``/``None``.

    - The text is neutralised first (``neutral.text``): no workflow command,
      no terminal escape (``keep_sgr`` keeps colour codes, for a terminal).

    - Refuses (``OutputError``) to write over any of ``inputs`` (paths, or
      records with a ``.path`` such as ``Article``/``InputStatus``): compared by
      resolved path, so a symlink or hard link to an input is refused too.
    - Creates missing parent folders.
    - Atomic: the text goes to a temporary file in the same folder, is synced,
      then renamed over the target, so a failure leaves any old file intact.
      When ``path`` is a symlink, its target is replaced and the link kept.
    """
    text = neutral.text(text, keep_sgr=keep_sgr)
    if path is None or os.fspath(path) == STDOUT:
        write_stdout(text)
        return
    shown = os.fspath(path)
    target = os.path.realpath(shown)
    existing = _stat(target)
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        if _is_dev_null(existing):
            return  # "-o /dev/null": the user asks for nothing to be kept
        raise OutputError(f"{shown}: is {file_kind(existing.st_mode)}, not a regular file; "
                          "give a regular file or a new path")
    _refuse_inputs(shown, target, inputs)
    _write_atomically(shown, target, text.encode("utf-8", "surrogateescape"))


def _is_dev_null(info: os.stat_result) -> bool:
    null = _stat(os.devnull)
    return null is not None and stat.S_ISCHR(info.st_mode) and info.st_rdev == null.st_rdev


def write_stdout(text: str) -> None:
    """Write to standard output; a full disk or a closed pipe is an ``OutputError``, not a traceback."""
    try:
        try:
            sys.stdout.write(text)
        except UnicodeEncodeError:  # a stdout that is not UTF-8: show what it cannot hold as escapes
            encoding = sys.stdout.encoding or "ascii"
            sys.stdout.write(text.encode(encoding, "backslashreplace").decode(encoding))
        sys.stdout.flush()
    except (OSError, ValueError) as exc:
        _silence_stdout()
        reason = _strerror(exc) if isinstance(exc, OSError) else "closed"
        raise OutputError(f"standard output: cannot write: {reason}") from None


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _refuse_inputs(shown: str, target: str, inputs: Iterable[Any]) -> None:
    from .articles import _real_paths

    target_stat = _stat(target)
    realpath = _real_paths()  # an archive's inputs: each folder resolved once, not each file
    for item in inputs:
        candidate = os.fspath(getattr(item, "path", item))
        real = realpath(candidate)
        same = real == target
        if not same and target_stat is not None:
            other = _stat(real)
            same = other is not None and os.path.samestat(target_stat, other)  # hard links
        if same:
            raise OutputError(f"{shown}: refusing to overwrite the input {candidate} (this run reads it)")


def _stat(path: str) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


def _write_atomically(shown: str, target: str, data: bytes) -> None:
    folder = os.path.dirname(target) or "."
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{shown}: cannot create folder {folder}: {_strerror(exc)}") from exc
    try:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(target)}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"{shown}: cannot write in {folder}: {_strerror(exc)}") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, _mode_for(target))
        os.replace(temp, target)
    except OSError as exc:
        _remove_quietly(temp)
        raise OutputError(f"{shown}: cannot write: {_strerror(exc)}") from exc
    except BaseException:
        _remove_quietly(temp)
        raise
    _sync_folder(folder)


def _mode_for(target: str) -> int:
    """Keep an existing file's permissions; a new file gets the usual 0o666 minus umask.

    mkstemp creates 0o600 files, which would make reports private by surprise.
    """
    existing = _stat(target)
    if existing is not None:
        return existing.st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _sync_folder(folder: str) -> None:
    """Make the rename itself durable; not every platform can open a folder."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _strerror(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


class StreamOutput:
    """An output written in pieces (archive reports), with ``write_output``'s guarantees.

    Each piece is neutralised as it comes (pieces start at a line start); a file
    is written aside and renamed over the target by ``commit`` (``abort``, or
    an exception inside ``with``, leaves any old file as it was); ``-`` or
    None writes to standard output as the pieces come; ``/dev/null`` keeps nothing.
    """

    def __init__(self, path: str | os.PathLike | None, *, inputs: Iterable[Any] = ()) -> None:
        self._handle = None
        self._temp = self._target = self._shown = None
        if path is None or os.fspath(path) == STDOUT:
            self._stdout = True
            return
        self._stdout = False
        shown = os.fspath(path)
        target = os.path.realpath(shown)
        existing = _stat(target)
        if existing is not None and not stat.S_ISREG(existing.st_mode):
            if _is_dev_null(existing):
                return
            raise OutputError(f"{shown}: is {file_kind(existing.st_mode)}, not a regular file; "
                              "give a regular file or a new path")
        _refuse_inputs(shown, target, inputs)
        folder = os.path.dirname(target) or "."
        try:
            os.makedirs(folder, exist_ok=True)
            fd, self._temp = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(target)}.", suffix=".tmp")
        except OSError as exc:
            raise OutputError(f"{shown}: cannot write in {folder}: {_strerror(exc)}") from exc
        self._handle = os.fdopen(fd, "w", encoding="utf-8", errors="surrogateescape", newline="\n")
        self._target, self._shown = target, shown

    def write(self, text: str, *, keep_sgr: bool = False) -> None:
        text = neutral.text(text, keep_sgr=keep_sgr)
        if self._stdout:
            write_stdout(text)
        elif self._handle is not None:
            try:
                self._handle.write(text)
            except OSError as exc:
                self.abort()
                raise OutputError(f"{self._shown}: cannot write: {_strerror(exc)}") from exc

    def commit(self) -> None:
        if self._handle is None:
            return
        handle, self._handle = self._handle, None
        try:
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
            os.chmod(self._temp, _mode_for(self._target))
            os.replace(self._temp, self._target)
        except OSError as exc:
            _remove_quietly(self._temp)
            raise OutputError(f"{self._shown}: cannot write: {_strerror(exc)}") from exc
        _sync_folder(os.path.dirname(self._target) or ".")

    def abort(self) -> None:
        if self._handle is not None:
            handle, self._handle = self._handle, None
            handle.close()
            _remove_quietly(self._temp)

    def __enter__(self) -> "StreamOutput":
        return self

    def __exit__(self, kind, value, traceback) -> None:
        self.abort()  # commit is explicit: leaving without it keeps the old file
