"""Everything factcheck prints is made inert here: no workflow command, no terminal escape.

A CI log is read by a machine before a person: GitHub Actions runs any line
that starts with ``::`` (after leading spaces) as a workflow command, and any
line holding ``##[`` as an old-style one; a terminal obeys escape sequences
(ESC, CSI, OSC, other C0/C1 controls) and bidi overrides reorder what a
reader sees.  Article text, file names and YAML values reach our output, so
every output goes through one of these functions, chosen by what it is:

- ``line(text)``: a one-line message (stderr): line breaks and controls shown
  as ``\\n``, ``\\x1b``...; ``::`` and ``##[`` defused.
- ``text(text)``: a whole multi-line output (terminal table, Markdown,
  summaries): controls shown as escapes, a line starting with ``::`` gets a
  backslash before it (``\\::warning``, which Markdown also renders as
  ``::warning``), ``##[`` becomes ``#\\#[``.  ``keep_sgr=True`` keeps plain
  colour codes (``ESC[1;31m``) for a real terminal: only the renderer's own
  colours should be left in by then, so neutralise cells before painting.
- ``json_dumps(data)``: ``json.dumps`` whose output stays valid JSON and can
  start no line with a command: controls, C1, bidi, line separators as
  ``\\uXXXX``; ``##[`` as ``#\\u0023[``.
- ``csv_cell(value)``: a spreadsheet cell: ``text`` plus a leading apostrophe
  before ``= + - @`` (and tab, CR), which would make it a live formula.
- ``command_data(text)``: the message part of a workflow command we emit on
  purpose (annotations): percent-escaped as GitHub documents, then defused.

File names that were not UTF-8 arrive as lone surrogates (``os.fsdecode``):
every function shows such a byte as ``\\xNN`` so nothing fails to encode.
All functions are idempotent: neutralising twice changes nothing more.
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["line", "text", "json_dumps", "csv_cell", "command_data", "path"]

# Bidirectional controls and invisible format characters that can hide or reorder text.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# C0 controls except tab and newline, DEL, C1 controls, bidi, line/paragraph separators, lone surrogates.
_UNSAFE_IN_TEXT = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}\u2028\u2029\ud800-\udfff]")
_UNSAFE_IN_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}\u2028\u2029\ud800-\udfff]")
_SGR = re.compile(r"\x1b\[[0-9;]{0,20}m")
# A line start: the text's start, or after any character a log reader may break lines on.
_COMMAND_AT_LINE_START = re.compile(r"(^|[\n\r\x0b\x0c\x85\u2028\u2029])([^\S\n\r]*)(?=::)")
_OLD_COMMAND = "##["
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\x1b"}


def _show(ch: str) -> str:
    """A visible stand-in for one unsafe character."""
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a non-UTF-8 file name (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def _defuse(out: str) -> str:
    out = out.replace(_OLD_COMMAND, "#\\#[")
    if "::" not in out:  # the pattern needs "::"; a plain search is much faster than the anchored scan on reports
        return out
    return _COMMAND_AT_LINE_START.sub(lambda m: m.group(1) + m.group(2) + "\\", out)


def line(value: Any) -> str:
    """One line for a log: nothing in it can break the line, run a command or move the cursor."""
    out = _UNSAFE_IN_LINE.sub(lambda m: _show(m.group(0)), str(value))
    return _defuse(out)


def text(value: Any, *, keep_sgr: bool = False) -> str:
    """A multi-line output made inert (see the module doc); line breaks and tabs are kept."""
    raw = str(value).replace("\r\n", "\n")
    if keep_sgr:
        parts = _SGR.split(raw)
        codes = _SGR.findall(raw)
        clean = [_UNSAFE_IN_TEXT.sub(lambda m: _show(m.group(0)), p) for p in parts]
        out = "".join(c + (codes[i] if i < len(codes) else "") for i, c in enumerate(clean))
    else:
        out = _UNSAFE_IN_TEXT.sub(lambda m: _show(m.group(0)), raw)
    return _defuse(out)


def path(value: Any) -> str:
    """A file name for a message: ``line`` (a name may hold a newline or an escape)."""
    return line(value)


_JSON_UNSAFE = re.compile(f"[\x7f-\x9f{_BIDI}\u2028\u2029\ud800-\udfff]")


def _json_escape(ch: str) -> str:
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable file-name byte: shown as the text \xNN
        return f"\\\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def json_dumps(data: Any, **options: Any) -> str:
    """``json.dumps(data, ensure_ascii=False, **options)``, still valid JSON, with nothing a log would run.

    Only string contents can hold the characters replaced here, and ``\\uXXXX``
    is how JSON writes any character inside a string, so a reader gets the same data.
    """
    options.setdefault("ensure_ascii", False)
    return json_safe(json.dumps(data, **options))


def json_safe(out: str) -> str:
    """JSON text (``json.dumps``'s, or made of its pieces) with what ``json_dumps`` replaces replaced."""
    out = _JSON_UNSAFE.sub(lambda m: _json_escape(m.group(0)), out)
    return out.replace(_OLD_COMMAND, "#\\u0023[")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A CSV cell that a spreadsheet shows as text and a log cannot run; numbers and None pass."""
    if not isinstance(value, str):
        return value
    if value.startswith(_FORMULA_START):
        value = "'" + value
    return line(value)


_COMMAND_ESCAPES = (("%", "%25"), ("\r", "%0D"), ("\n", "%0A"))


def command_data(value: Any) -> str:
    """The message of a workflow command we emit on purpose: percent-escaped, then defused."""
    out = str(value)
    for raw, escaped in _COMMAND_ESCAPES:
        out = out.replace(raw, escaped)
    return _UNSAFE_IN_LINE.sub(lambda m: _show(m.group(0)), out).replace(_OLD_COMMAND, "#\\#[")
