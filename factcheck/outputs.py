"""Writing output files safely: atomically, and never over an input article."""

from __future__ import annotations

import os
import sys
import tempfile
from typing import Any, Iterable

STDOUT = "-"


class OutputError(Exception):
    """An output could not be written; the message is one line, ready to print."""


def write_output(path: str | os.PathLike | None, text: str, *, inputs: Iterable[Any] = ()) -> None:
    """Write ``text`` to ``path`` as UTF-8 with "\\n" newlines, or to stdout for ``"-"``/``None``.

    - Refuses (``OutputError``) to write over any of ``inputs`` (paths, or
      records with a ``.path`` such as ``Article``/``InputStatus``): compared by
      resolved path, so a symlink or hard link to an input is refused too.
    - Creates missing parent folders.
    - Atomic: the text goes to a temporary file in the same folder, is synced,
      then renamed over the target, so a failure leaves any old file intact.
      When ``path`` is a symlink, its target is replaced and the link kept.
    """
    if path is None or os.fspath(path) == STDOUT:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    shown = os.fspath(path)
    target = os.path.realpath(shown)
    _refuse_inputs(shown, target, inputs)
    if os.path.isdir(target):
        raise OutputError(f"{shown}: is a folder, not a file")
    _write_atomically(shown, target, text.replace("\r\n", "\n").encode("utf-8"))


def _refuse_inputs(shown: str, target: str, inputs: Iterable[Any]) -> None:
    target_stat = _stat(target)
    for item in inputs:
        candidate = os.fspath(getattr(item, "path", item))
        real = os.path.realpath(candidate)
        same = real == target
        if not same and target_stat is not None:
            other = _stat(real)
            same = other is not None and os.path.samestat(target_stat, other)  # hard links
        if same:
            raise OutputError(f"{shown}: refusing to overwrite the input article {candidate}")


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
