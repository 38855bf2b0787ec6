"""Bounds on YAML before it is built: front matter, ``sources.yaml`` sidecars, rule files.

YAML builds its documents recursively and expands aliases by reference, so a
few bytes can make a stack overflow (50 000 ``[`` segfault the C composer), a
Python ``RecursionError``, an alias or merge-key bomb (millions of nodes from
728 bytes) or an integer Python refuses to parse (4 300+ digits).  ``check``
reads the text once as a flat stream of parser events (the parser keeps its
own stack, it does not recurse) and stops at the first bound crossed, before
anything is composed:

    check(text, loader_class)      # raises YamlLimit(line, col, reason); 1-based

Syntax errors are left to the caller's loader, which reports them as before.
``check`` returns the events it read, so that a pure-Python loader need not
parse the text a second time: ``replayed(events, loader_class)`` is a loader
that composes and constructs from them (the parse is most of a load's cost).
"""

from __future__ import annotations

import re
from collections import deque
from typing import Any

MAX_DEPTH = 20  # nested mappings and lists: rule files use 4, metadata 2
MAX_ALIASES = 100  # aliases (``*name``, ``<<: *name``) in one document
MAX_NODES = 100_000  # nodes once every alias is expanded
MAX_NUMBER_DIGITS = 100  # a plain scalar that reads as a number

# Characters YAML forbids or that no metadata or rule holds: C0 controls but
# tab and line breaks, DEL, C1 controls but NEL, lone surrogates, non-characters.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_NUMBER_LIKE = re.compile(r"[-+]?[0-9][0-9_,.:eE+-]*")


class YamlLimit(Exception):
    """The text crosses a bound; ``line`` and ``col`` are 1-based in the text checked."""

    def __init__(self, line: int, col: int, reason: str) -> None:
        super().__init__(reason)
        self.line, self.col, self.reason = line, col, reason


def _at(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def check(text: str, loader_class: Any) -> list:
    """Raise ``YamlLimit`` at the first bound ``text`` crosses (see the module doc); else the events read."""
    bad = _FORBIDDEN.search(text)
    if bad:
        line, col = _at(text, bad.start())
        raise YamlLimit(line, col, f"control character U+{ord(bad.group(0)):04X} is not allowed")
    import yaml

    loader = loader_class(text)
    try:
        return _scan(loader, yaml)
    finally:
        loader.dispose()


def replayed(events: list, loader_class: Any) -> Any:
    """A loader of ``loader_class`` (a pure-Python one) that reads ``events`` instead of parsing.

    Composing and constructing from the events ``check`` returned gives the
    same nodes, marks and errors as a loader parsing the text again.
    """
    loader = _replay_class(loader_class)("")
    loader.replay = deque(events)
    return loader


_REPLAY_CLASSES: dict[Any, Any] = {}


def _replay_class(loader_class: Any) -> Any:
    if loader_class not in _REPLAY_CLASSES:
        _REPLAY_CLASSES[loader_class] = type(f"Replayed{loader_class.__name__}", (_Replay, loader_class), {})
    return _REPLAY_CLASSES[loader_class]


class _Replay:
    """The parser's three methods (``yaml.parser.Parser``), served from a list of recorded events."""

    replay: deque

    def check_event(self, *choices: Any) -> bool:
        if not self.replay:
            return False
        return not choices or isinstance(self.replay[0], choices)

    def peek_event(self) -> Any:
        return self.replay[0] if self.replay else None

    def get_event(self) -> Any:
        return self.replay.popleft() if self.replay else None


def _scan(loader: Any, yaml: Any) -> list:
    frames: list[list] = []  # [anchor, nodes so far] of each open collection
    sizes: dict[str, int] = {}  # anchor -> nodes it stands for
    total = aliases = 0
    events: list = []
    while loader.check_event():
        event = loader.get_event()
        events.append(event)
        mark = event.start_mark
        where = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        if isinstance(event, yaml.CollectionStartEvent):
            if len(frames) >= MAX_DEPTH:
                raise YamlLimit(*where, f"nested more than {MAX_DEPTH} levels deep")
            frames.append([event.anchor, 0])
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            anchor, count = frames.pop()
            size = count + 1
            if anchor:
                sizes[anchor] = size
            if frames:
                frames[-1][1] += size
            continue
        if isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                raise YamlLimit(*where, f"more than {MAX_ALIASES} aliases")
            size = sizes.get(event.anchor, 1)
        elif isinstance(event, yaml.ScalarEvent):
            size = 1
            if event.anchor:
                sizes[event.anchor] = 1
            value = event.value
            if (event.implicit[0] and len(value) > MAX_NUMBER_DIGITS and _NUMBER_LIKE.fullmatch(value)
                    and sum(ch.isdigit() for ch in value) > MAX_NUMBER_DIGITS):
                raise YamlLimit(*where, f"a number of more than {MAX_NUMBER_DIGITS} digits")
        else:
            continue
        total += size
        if frames:
            frames[-1][1] += size
        if total > MAX_NODES:
            raise YamlLimit(*where, f"more than {MAX_NODES:,} values once aliases are expanded (an alias bomb?)")
    return events
