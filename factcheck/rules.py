"""Rule files: schema, validation with located errors, compiled patterns.

A rule file is checked like a linter's rule set: every problem becomes one
``RuleError`` naming the file, the line and column of the offending key or
value, and the valid choices.  A file with any error is skipped as a whole (a
half-loaded story would bind mentions to the wrong facts without saying so);
the other files still load, and the caller decides what to do with
``RuleSet.errors`` (the CLI prints them and exits 2).

Patterns are compiled when a rule set is loaded, never at import, on the
accent-folded pattern text (matching runs on ``text.fold`` of the article),
with the ``regex`` module so that every call can carry a time bound.
"""

from __future__ import annotations

import difflib
import importlib.resources
import math
import os
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Callable, Literal, Sequence, get_args

import regex
import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .yamlsafe import YamlLimit
from .yamlsafe import check as check_yaml
from .yamlsafe import replayed as replayed_yaml
from .model import KINDS, SEVERITIES, Kind, Severity
from .text import fold, fold_key

__all__ = [
    "COMPARES", "RELATIONS", "SCOPES", "PATTERN_TIMEOUT", "REGEX_FLAGS", "PERSON",
    "CheckRule", "Entity", "FactRule", "RuleError", "RuleFile", "RuleSet", "RuleTimeout",
    "SafePattern", "Tolerance", "load_rules", "parse_bounds", "parse_quantity",
    "parse_tolerance", "shipped_rules_dir",
]

Compare = Literal["interval", "date", "person", "place", "text", "spelling", "roles", "paired_time"]
Scope = Literal["clause", "sentence"]
Relation = Literal["none", "before", "after", "within", "since"]
Evolves = Literal["none", "grows", "revised"]
# What a keyed fact may be counted by, besides a named list under `keys:`.
BY_ENTITIES: tuple[str, ...] = ("place", "person", "organisation")
EVOLVES: tuple[str, ...] = get_args(Evolves)
# The event id a mention gets when it belongs to an event the story does not declare.
OTHER_EVENT = "other"
COMPARES: tuple[str, ...] = get_args(Compare)
SCOPES: tuple[str, ...] = get_args(Scope)
RELATIONS: tuple[str, ...] = get_args(Relation)

# A check may name this pseudo-fact: every person mention is a fact of its own.
PERSON = "person"

# Seconds per call: long enough for any sane pattern on a long article, short
# enough that a catastrophic one cannot stall a CI run.
PATTERN_TIMEOUT = 0.25
BUDGET_NOTE = "it is disabled for the whole run (its rules bind nothing)"
REGEX_FLAGS = regex.IGNORECASE | regex.V0

# Which kinds each comparison can handle; anything else is a rule-file mistake.
COMPARE_KINDS: dict[str, tuple[str, ...]] = {
    "interval": ("time", "duration", "count", "ordinal", "magnitude"),
    "date": ("date",),
    "person": ("person",),
    "place": ("place",),
    "text": KINDS,
    "spelling": ("person",),
    "roles": ("person",),
    "paired_time": ("time",),
}
TOLERANCE_COMPARES = ("interval", "date", "paired_time")
THRESHOLD_COMPARES = ("person", "place", "text", "spelling", "roles")
BOUNDS_KINDS = ("time", "duration", "count", "ordinal", "magnitude")

_SECOND, _MINUTE, _HOUR, _DAY, _WEEK = 1 / 60, 1.0, 60.0, 1440.0, 10080.0
_MINUTE_UNITS: dict[str, float] = {
    **dict.fromkeys(("s", "sec", "secs", "seconde", "secondes", "second", "seconds"), _SECOND),
    **dict.fromkeys(("min", "mins", "mn", "minute", "minutes"), _MINUTE),
    **dict.fromkeys(("h", "hr", "hrs", "heure", "heures", "hour", "hours"), _HOUR),
    **dict.fromkeys(("j", "jour", "jours", "d", "day", "days"), _DAY),
    **dict.fromkeys(("sem", "semaine", "semaines", "w", "week", "weeks"), _WEEK),
}
_DAY_UNITS: dict[str, float] = {
    **dict.fromkeys(("j", "jour", "jours", "d", "day", "days"), 1.0),
    **dict.fromkeys(("sem", "semaine", "semaines", "w", "week", "weeks"), 7.0),
}
_UNIT_HELP = {id(_MINUTE_UNITS): "s, min, h, j/jours/days, sem/semaines/weeks",
              id(_DAY_UNITS): "j/jours/days, sem/semaines/weeks"}
# The unit a kind's numbers are in, and the written units that convert to it.
_KIND_UNITS: dict[str, tuple[str, dict[str, float]]] = {
    "time": ("minutes", _MINUTE_UNITS),
    "duration": ("minutes", _MINUTE_UNITS),
    "date": ("days", _DAY_UNITS),
    "count": ("units", {}),
    "magnitude": ("units", {}),
    "ordinal": ("ranks", {}),
    "person": ("units", {}),
    "place": ("units", {}),
}
_QUANTITY = regex.compile(r"([+-]?(?:\d{1,3}(?:[ _]\d{3})+|\d+)(?:[.,]\d+)?)\s*(%|[a-z]+\.?)?")

_FACT_ID = regex.compile(r"[A-Za-z][\w-]*(?:\.[\w-]+)*")
_CHECK_ID = regex.compile(r"[A-Z]{2,4}\d{3}")
_STORY_ID = regex.compile(r"[A-Za-z0-9][\w.-]*")
_LANGUAGE = regex.compile(r"any|[a-z]{2,3}")
_CLOCK = regex.compile(r"([01]?\d|2[0-3]):([0-5]\d)")


# --------------------------------------------------------------------------
# Errors and guarded patterns


@dataclass(eq=True, unsafe_hash=True)
class RuleError(Exception):
    """One problem in a rule file; ``line`` and ``col`` are 1-based.

    An exception too: the Python API (``factcheck.extract``/``compare``) raises
    it when it loads rules that do not validate; the CLI prints them instead.
    """

    file: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.message}"


class RuleTimeout(Exception):
    """A rule's pattern ran past its time bound (a catastrophic regular expression)."""

    def __init__(self, message: str, *, file: str = "", fact: str = "", pattern: str = "",
                 first: bool = False) -> None:
        super().__init__(message)
        self.first = first  # the call that used up the pattern's budget: report this one
        self.file = file
        self.fact = fact
        self.pattern = pattern


class SafePattern:
    """A compiled pattern whose every call is time-bounded, with one budget for the whole run.

    The first call that runs past ``timeout`` disables the pattern for the
    rest of the run: that call raises ``RuleTimeout`` with ``first`` set (say
    it once), every later call raises at once without matching.  Patterns are
    screened on load (``_check_pattern``), so a legitimate one never comes
    near the bound.

    A call whose cost the pattern's own text bounds (``steps_bound``: at most
    ``CHEAP_STEPS`` backtracking steps on a span that short) cannot come near
    the bound either: it runs without the clock, which costs more than such a
    call (regex's timeout and the CPU timer, about 2 µs a call).  Every other
    call runs under the clock.

    ``pos``/``endpos`` work as in ``re``: ``$`` matches at ``endpos`` and
    ``\\G`` at ``pos`` (``^`` only ever matches at the real start of the text).
    """

    __slots__ = ("compiled", "patterns", "file", "fact", "role", "timeout", "_off", "_read", "_cheap", "_behind")

    def __init__(self, compiled: Any, *, patterns: Sequence[str] = (), file: str = "",
                 fact: str = "", role: str = "", timeout: float = PATTERN_TIMEOUT) -> None:
        self.compiled = compiled
        self.patterns = tuple(patterns)  # as written in the rule file, for messages
        self.file = file
        self.fact = fact
        self.role = role
        self.timeout = timeout
        self._off: str | None = None  # the message, once the pattern ran out of time
        # The longest span a call may cover without the clock, read from the pattern on its first call
        # (not on load: most patterns of a rule set are never called in a run); until then, none.
        self._read = False
        self._cheap = _NO_SPAN
        self._behind = True  # a lookbehind sees the text before ``pos``: the span is counted from 0

    @property
    def disabled(self) -> str | None:
        """The message said when the pattern ran out of time (None while it is on)."""
        return self._off

    @disabled.setter
    def disabled(self, message: str | None) -> None:
        global _switched_off
        if message is not None and self._off is None:
            _switched_off += 1
        self._off = message

    @property
    def pattern(self) -> str:
        return self.compiled.pattern

    def budget_message(self) -> str:
        """The one line said when the pattern runs out of time: the same in every process and run."""
        shown = ", ".join(repr(p) for p in self.patterns) or repr(self.pattern)
        where = f"{self.file or '<rules>'}, fact '{self.fact or '?'}'"
        return (f"{where}: {self.role or 'pattern'} {shown} took longer than {self.timeout:g} s; "
                f"{BUDGET_NOTE}; simplify the pattern (nested repeats backtrack)")

    def search(self, text: str, pos: int = 0, endpos: int | None = None):
        if self._proven(text, pos, endpos):
            return self.compiled.search(text, pos, endpos)
        return self._call(self.compiled.search, text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int | None = None):
        if self._proven(text, pos, endpos):
            return self.compiled.match(text, pos, endpos)
        return self._call(self.compiled.match, text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int | None = None):
        if self._proven(text, pos, endpos):
            return self.compiled.fullmatch(text, pos, endpos)
        return self._call(self.compiled.fullmatch, text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> list:
        # Materialised inside the guard: a lazy iterator would time out in the caller's loop.
        if self._proven(text, pos, endpos):
            return list(self.compiled.finditer(text, pos, endpos))
        return self._call(lambda *a, **k: list(self.compiled.finditer(*a, **k)), text, pos, endpos)

    def _proven(self, text: str, pos: int, endpos: int | None) -> bool:
        """The pattern is on and its text bounds this call's cost (negative or outlying positions count
        the whole text: ``regex`` reads negative ones from the end)."""
        if self._off is not None:
            return False
        end = len(text) if endpos is None or not 0 <= endpos <= len(text) else endpos
        return end - (pos if 0 <= pos and not self._behind else 0) <= self._cheap

    def _call(self, method, text: str, pos: int, endpos: int | None):
        if self._off is not None:
            raise RuleTimeout(self._off, file=self.file, fact=self.fact, pattern=self.pattern)
        if not self._read:
            self._read = True
            self._cheap, self._behind = cheap_span(self.compiled.pattern)
            if self._proven(text, pos, endpos):
                return method(text, pos, endpos)
        try:
            return cpu_bounded(method, text, pos, endpos, timeout=self.timeout)
        except TimeoutError as exc:
            self.disabled = self.budget_message()
            raise RuleTimeout(self._off, file=self.file, fact=self.fact, pattern=self.pattern,
                              first=True) from exc

    def __repr__(self) -> str:
        return f"SafePattern({self.pattern!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SafePattern) and (self.pattern, self.compiled.flags) == (
            other.pattern, other.compiled.flags)

    def __hash__(self) -> int:
        return hash(self.pattern)


_switched_off = 0  # patterns switched off in this process (``SafePattern.disabled`` set)


def switched_off() -> int:
    """How many patterns have run out of time in this process so far: a memo of pattern results
    holds while this count does not change (a switched-off pattern must raise, not answer)."""
    return _switched_off


# ---------------------------------------------------------------------------
# What a pattern's text proves about its cost.  A backtracking matcher explores,
# at each start position, every way the pattern can match there; ``_Cost`` counts
# them from the pattern's syntax, as polynomials in m = (characters searched + 1):
# a repeat of one character ("\w*", "[a-z]+") has at most m ways, a sequence
# multiplies ways, an alternation adds them.  A repeat of anything longer than
# one character ("(a|aa)+", "(x\w*)+"), a counted or fuzzy repeat ("{2,5}",
# "{e<=1}"), a backreference, a flag group and anything this reader does not know
# prove nothing: those calls keep the clock.

CHEAP_STEPS = 1_000_000  # backtracking steps: milliseconds, far under PATTERN_TIMEOUT
_NO_SPAN = -(1 << 62)  # no call is cheap, not even one with ``pos`` after ``endpos``
_ANCHOR_ESCAPES = frozenset("bBAZG")
_CLASS_ESCAPES = frozenset("wWsSdD")
_Poly = tuple[int, ...]  # coefficients of 1, m, m**2, ...


def _padd(a: _Poly, b: _Poly) -> _Poly:
    n = max(len(a), len(b))
    return tuple((a[i] if i < len(a) else 0) + (b[i] if i < len(b) else 0) for i in range(n))


def _pmul(a: _Poly, b: _Poly) -> _Poly:
    out = [0] * (len(a) + len(b) - 1)
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            out[i + j] += x * y
    return tuple(out)


class _Unproven(Exception):
    """The pattern uses something whose cost its text does not bound."""


@dataclass(frozen=True)
class _Cost:
    work: _Poly  # steps to try every way at one position
    ways: _Poly  # ways it can match there
    char: bool = False  # one character, one way: may be repeated at a cost of m
    behind: bool = False  # holds a lookbehind


class _CostReader:
    """A recursive reader of the subset of ``regex`` syntax whose cost it can bound."""

    def __init__(self, pattern: str) -> None:
        self.p = pattern
        self.i = 0

    def read(self) -> _Cost:
        cost = self.alternation()
        if self.i != len(self.p):
            raise _Unproven
        return cost

    def alternation(self) -> _Cost:
        branches = [self.sequence()]
        while self.i < len(self.p) and self.p[self.i] == "|":
            self.i += 1
            branches.append(self.sequence())
        if len(branches) == 1:
            return branches[0]
        work: _Poly = (0,)
        ways: _Poly = (0,)
        for b in branches:
            work, ways = _padd(work, b.work), _padd(ways, b.ways)
        return _Cost(work, ways, behind=any(b.behind for b in branches))

    def sequence(self) -> _Cost:
        work: _Poly = (1,)
        ways: _Poly = (1,)
        behind = False
        items = 0
        while self.i < len(self.p) and self.p[self.i] not in "|)":
            item = self.quantified()
            work, ways = _padd(work, _pmul(ways, item.work)), _pmul(ways, item.ways)
            behind = behind or item.behind
            items += 1
            last = item
        if items == 1:
            return last
        return _Cost(work, ways, behind=behind)

    def quantified(self) -> _Cost:
        item = self.atom()
        if self.i >= len(self.p) or self.p[self.i] not in "*+?{":
            return item
        quantifier = self.p[self.i]
        self.i += 1
        if self.i < len(self.p) and self.p[self.i] in "?+":
            self.i += 1  # lazy or possessive: no more ways than greedy
        if quantifier == "?":
            return _Cost(_padd((1,), item.work), _padd((1,), item.ways), behind=item.behind)
        if quantifier == "{" or not item.char:
            raise _Unproven  # a counted or fuzzy repeat, or a repeat of more than one character
        return _Cost((0, 2), (0, 1), behind=item.behind)  # forward over at most m characters, then back

    def atom(self) -> _Cost:
        p, i = self.p, self.i
        c = p[i]
        if c == "(":
            return self.group()
        if c == "[":
            self.char_class()
            return _Cost((1,), (1,), char=True)
        if c == "\\":
            if i + 1 >= len(p):
                raise _Unproven
            e = p[i + 1]
            self.i = i + 2
            if e in _ANCHOR_ESCAPES:
                return _Cost((1,), (1,))
            if e in _CLASS_ESCAPES or not e.isalnum():
                return _Cost((1,), (1,), char=True)
            raise _Unproven  # a backreference, a property, a named list, a code point ...
        if c in "*+?{)|":
            raise _Unproven
        self.i = i + 1
        if c in "^$":
            return _Cost((1,), (1,))
        return _Cost((1,), (1,), char=True)  # a character, or "." (one character)

    def group(self) -> _Cost:
        p = self.p
        self.i += 1
        look = behind = False
        if p.startswith("?", self.i):
            for opener in ("?:", "?>", "?=", "?!", "?<=", "?<!"):
                if p.startswith(opener, self.i):
                    self.i += len(opener)
                    look = opener in ("?=", "?!", "?<=", "?<!")
                    behind = opener in ("?<=", "?<!")
                    break
            else:
                if not (p.startswith("?P<", self.i) or p.startswith("?<", self.i)):
                    raise _Unproven  # flags, conditionals, recursion, branch reset, comments ...
                close = p.find(">", self.i)
                if close < 0 or not p[p.index("<", self.i) + 1:close].isidentifier():
                    raise _Unproven
                self.i = close + 1
        inner = self.alternation()
        if self.i >= len(p) or p[self.i] != ")":
            raise _Unproven
        self.i += 1
        if look:
            return _Cost(inner.work, (1,), behind=True if behind else inner.behind)
        return inner

    def char_class(self) -> None:
        p = self.p
        i = self.i + 1
        if i < len(p) and p[i] == "^":
            i += 1
        if i < len(p) and p[i] == "]":
            i += 1
        while i < len(p) and p[i] != "]":
            if p[i] == "[":
                raise _Unproven  # a POSIX class or a nested set
            if p[i] == "\\":
                if i + 1 >= len(p) or (p[i + 1].isalnum() and p[i + 1] not in _CLASS_ESCAPES):
                    raise _Unproven
                i += 1
            i += 1
        if i >= len(p):
            raise _Unproven
        self.i = i + 1


def _read_cost(pattern: str) -> _Cost | None:
    try:
        return _CostReader(pattern).read()
    except (_Unproven, IndexError, RecursionError):
        return None


def _steps(cost: _Cost) -> Callable[[int], int]:
    work = cost.work

    def steps(n: int) -> int:
        m = n + 1
        return m * sum(c * m ** k for k, c in enumerate(work))  # every start position tries every way

    return steps


def steps_bound(pattern: str) -> Callable[[int], int] | None:
    """The most backtracking steps a search for ``pattern`` can take over n characters (as a function of
    n), or None when its text proves no bound."""
    cost = _read_cost(pattern)
    return None if cost is None else _steps(cost)


def cheap_span(pattern: str) -> tuple[int, bool]:
    """(the longest span a call may search in at most ``CHEAP_STEPS`` steps, ``_NO_SPAN`` when none;
    whether the pattern looks behind, so that its span counts from the start of the text)."""
    cost = _read_cost(pattern)
    if cost is None:
        return _NO_SPAN, True
    steps = _steps(cost)
    if steps(0) > CHEAP_STEPS:
        return _NO_SPAN, True
    low, high = 0, 1
    while steps(high) <= CHEAP_STEPS:
        low, high = high, high * 2
    while high - low > 1:  # steps grows with n: the largest n within the budget
        mid = (low + high) // 2
        low, high = (mid, high) if steps(mid) <= CHEAP_STEPS else (low, mid)
    return low, cost.behind


_MAX_ATTEMPTS = 20  # a call the machine kept waiting is tried again at most this often


def cpu_bounded(method, *args, timeout: float):
    """Call a ``regex`` method bounded by ``timeout`` seconds of this thread's CPU, not of the clock.

    ``regex`` measures its timeout on the clock, so on a loaded machine a call can
    run out of time while waiting for a core, and a legitimate pattern would be
    refused on one run and accepted on the next.  A call that timed out is tried
    again while the CPU it has spent over all attempts stays under the bound: the
    verdict depends on the work the pattern does, not on the machine's load.
    """
    spent = 0.0
    for _ in range(_MAX_ATTEMPTS):
        started = time.thread_time()
        try:
            return method(*args, timeout=timeout)
        except TimeoutError:
            spent += time.thread_time() - started
            if spent >= timeout:
                raise
    raise TimeoutError(f"still waiting for a core after {_MAX_ATTEMPTS} attempts of {timeout:g} s")


def _rule_error(message: str) -> PydanticCustomError:
    return PydanticCustomError("rule", message)


@lru_cache(maxsize=4096)
def _compile(pattern: str):
    """A rule pattern compiled on its folded text; one compile per distinct pattern in a process."""
    return regex.compile(fold(pattern), REGEX_FLAGS)


MAX_PATTERN_LENGTH = 2_000  # characters; bounds the compile time too
# Texts that make a catastrophic pattern backtrack (runs of one letter, of spaces, of
# digits, alternating pairs), each ended by a character most patterns do not expect.
# Short enough that a merely polynomial pattern passes with a wide margin (the cubic (a+)+$
# spends about 5 ms on 120 characters, a twentieth of the bound; on 300 it spent the whole
# bound and its verdict flipped with the machine); an exponential one cannot finish (2**120).
_PROBES = tuple(run * (120 // len(run)) + end for run in ("a", " ", "0", "ab", "a ", "1 ", "e'", "-")
                for end in ("!", ""))
_PROBE_TIMEOUT = 0.1


def _check_pattern(pattern: str) -> str:
    _screened(pattern)
    return pattern


@lru_cache(maxsize=4096)
def _screened(pattern: str) -> None:
    """Compile and probe one pattern, once per distinct text in a process (a cue such as
    '\\bappel\\b' recurs across facts and files).  Only a verdict of "fine" is kept: a refused
    pattern raises again, with the same message, wherever it is written."""
    if not pattern.strip():
        raise _rule_error("empty pattern: it would match everywhere")
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise _rule_error(f"pattern of {len(pattern):,} characters (at most {MAX_PATTERN_LENGTH:,}): split it")
    try:
        compiled = _compile(pattern)
    except regex.error as exc:
        raise _rule_error(f"invalid regular expression {pattern!r}: {exc}") from None
    except (RecursionError, OverflowError, MemoryError):
        raise _rule_error(f"pattern {pattern[:60]!r}... is too deeply nested to compile") from None
    if compiled.fullmatch("") is not None:
        raise _rule_error(f"pattern {pattern!r} matches the empty string, so it would match everywhere")
    _screen(compiled, pattern)


def _screen(compiled: Any, pattern: str) -> None:
    """Refuse on load a pattern that backtracks catastrophically on a fixed probe text.

    Fixed probes, a bound far above what a legitimate pattern needs and a bound
    counted in CPU seconds (``cpu_bounded``) make the verdict the same on every
    run and every machine load.
    """
    for probe in _PROBES:
        try:
            cpu_bounded(compiled.search, probe, timeout=_PROBE_TIMEOUT)
        except TimeoutError:
            raise _rule_error(
                f"pattern {pattern!r} backtracks catastrophically (over {_PROBE_TIMEOUT:g} s on "
                f"{len(probe):,} characters of {probe[:2]!r}...): simplify it (nested repeats backtrack)") from None


PatternText = Annotated[str, AfterValidator(_check_pattern)]


def _some_forms(forms: list[str]) -> list[str]:
    if not forms:
        raise _rule_error("no forms: list the words that name it")
    return forms


Forms = Annotated[list[PatternText], AfterValidator(_some_forms)]


# --------------------------------------------------------------------------
# Quantities: tolerances and bounds


def parse_quantity(value: Any, kind: str | None, *, what: str = "value") -> tuple[float, bool]:
    """``(amount, is_percent)`` of a number or a quantity like "5 min", in the kind's unit.

    ``kind`` None means the unit is unknown: only plain numbers and percentages parse.
    Raises ``ValueError`` with a message fit for a rule-file error.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValueError(f"{what} must be a number or a quantity like '5 min', not {_show(value)}")
    if isinstance(value, (int, float)):
        amount, unit = float(value), None
    else:
        m = _QUANTITY.fullmatch(fold(value).strip().lower())
        if m is None:
            raise ValueError(f"{what} {value!r} is not a number or a quantity like '5 min', '2 h', '10%'")
        amount = float(regex.sub(r"[ _]", "", m.group(1)).replace(",", "."))
        unit = m.group(2).rstrip(".") if m.group(2) else None
    if not math.isfinite(amount):
        raise ValueError(f"{what} {value!r} is not a finite number")
    if unit is None:
        return amount, False
    if unit == "%":
        return amount, True
    if kind is None:
        raise ValueError(f"{what} {value!r}: the unit depends on the fact's kind, which is unknown")
    unit_name, units = _KIND_UNITS[kind]
    if unit not in units:
        if not units:
            raise ValueError(f"{what} {value!r}: a {kind} {what} is a plain number ({unit_name}), without a unit")
        raise ValueError(f"{what} {value!r}: unknown unit {unit!r} for a {kind}; "
                         f"valid units: {_UNIT_HELP[id(units)]}")
    return amount * units[unit], False


def parse_tolerance(value: Any, kind: str | None) -> "Tolerance":
    """A tolerance from "5 min", "2 h", "3 jours", "10%" or a number, in the kind's unit."""
    amount, percent = parse_quantity(value, kind, what="tolerance")
    if amount < 0:
        raise ValueError(f"tolerance {value!r} is negative")
    if percent:
        if amount > 100:
            raise ValueError(f"tolerance {value!r} is more than 100%")
        return Tolerance(relative=amount / 100)
    return Tolerance(absolute=amount)


def parse_bounds(value: Any, kind: str) -> tuple[float, float]:
    """``(low, high)`` from a pair like ``[1 min, 12 h]`` or ``[1000, 500000]``, in the kind's unit."""
    if kind not in BOUNDS_KINDS:
        raise ValueError(f"bounds apply only to kinds {', '.join(BOUNDS_KINDS)}, not {kind}")
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        raise ValueError(f"bounds must be a pair [low, high], not {_show(value)}")
    pair = []
    for item in value:
        amount, percent = parse_quantity(item, kind, what="bound")
        if percent:
            raise ValueError(f"bound {item!r}: a percentage is not a bound")
        if amount < 0:
            raise ValueError(f"bound {item!r} is negative")
        pair.append(amount)
    low, high = pair
    if low > high:
        raise ValueError(f"bounds {list(value)!r}: the low bound is above the high bound")
    return low, high


# --------------------------------------------------------------------------
# Schema


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Tolerance(BaseModel):
    """How far apart two values may be and still agree: in the kind's unit, or a fraction."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    absolute: float = 0.0
    relative: float = 0.0


class Entity(_Strict):
    name: str
    aliases: list[str] = Field(default_factory=list)

    @field_validator("name")
    @classmethod
    def _name_not_blank(cls, name: str) -> str:
        if not name.strip():
            raise _rule_error("name is empty")
        return name.strip()

    @field_validator("aliases", mode="before")
    @classmethod
    def _no_aliases_when_null(cls, aliases: Any) -> Any:
        return [] if aliases is None else aliases

    @field_validator("aliases")
    @classmethod
    def _aliases_not_blank(cls, aliases: list[str]) -> list[str]:
        if any(not a.strip() for a in aliases):
            raise _rule_error("empty alias")
        return [a.strip() for a in aliases]


class _FactKey(str):
    """A fact id that came from the key under ``facts:`` (never from the file's text)."""


_PATTERN_ROLES = ("cues", "before", "after", "nouns", "exclude", "context")


class FactRule(_Strict):
    """How a value mention binds to a declared fact.  ``id`` is its key under ``facts:``."""

    id: str
    kind: Kind
    description: str = ""
    scope: Scope = "clause"
    cues: list[PatternText] = Field(default_factory=list)
    before: list[PatternText] = Field(default_factory=list)
    after: list[PatternText] = Field(default_factory=list)
    nouns: list[PatternText] = Field(default_factory=list)
    exclude: list[PatternText] = Field(default_factory=list)
    context: list[PatternText] = Field(default_factory=list)
    bounds: tuple[float, float] | None = None
    relations: list[Relation] | None = None
    # Keyed facts: what the fact is counted by, the key of a figure with no key in its scope,
    # and other ways the articles name a key ("en France" for France).
    by: str | None = None
    default_key: str | None = None
    key_aliases: dict[str, Forms] = Field(default_factory=dict)
    # Figures that change over time: "grows" (a running toll), "revised" (a later figure replaces).
    evolves: Evolves = "none"
    same_time: float = 60.0  # minutes: figures closer than this in as-of time are "at the same time"
    # The other event (declared under `other_events:`) this fact belongs to; None: the story's event.
    event: str | None = None
    # The claimant of a figure whose text names none: a figure only one party gives (the police
    # deployed are the authorities' figure).  A claimant the text names wins.
    claimant: str | None = None

    _file: str = PrivateAttr(default="")
    _story: str = PrivateAttr(default="")
    _patterns: dict[str, SafePattern | None] | None = PrivateAttr(default=None)
    _key_patterns: list[tuple[str, SafePattern]] | None = PrivateAttr(default=None)

    @field_validator("id", mode="before")
    @classmethod
    def _id_from_key(cls, value: Any, info: ValidationInfo) -> Any:
        if _from_loader(info) and not isinstance(value, _FactKey):
            raise _rule_error("a fact's id is its key under 'facts:'; remove this 'id'")
        if not isinstance(value, str) or not _FACT_ID.fullmatch(value):
            raise _rule_error(f"fact id {value!r} must be letters, digits, '_' or '-' in dotted parts, "
                              "like 'call.start_time'")
        if value == PERSON:
            raise _rule_error(f"'{PERSON}' is reserved: checks use it for every person mention")
        return str(value)

    @field_validator(*_PATTERN_ROLES, mode="before")
    @classmethod
    def _no_patterns_when_null(cls, patterns: Any) -> Any:
        return [] if patterns is None else patterns

    @field_validator("nouns")
    @classmethod
    def _nouns_only_for_counts(cls, nouns: list[str], info: ValidationInfo) -> list[str]:
        kind = info.data.get("kind")
        if nouns and kind is not None and kind != "count":
            raise _rule_error(f"nouns apply only to count facts, not {kind}")
        return nouns

    @field_validator("bounds", mode="before")
    @classmethod
    def _parse_bounds(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None or "kind" not in info.data:
            return None  # a bad kind is reported on its own
        try:
            return parse_bounds(value, info.data["kind"])
        except ValueError as exc:
            raise _rule_error(str(exc)) from None

    @field_validator("relations")
    @classmethod
    def _relations_only_for_durations(cls, relations: list[str] | None, info: ValidationInfo):
        if relations is None:
            return None
        kind = info.data.get("kind")
        if kind is not None and kind != "duration":
            raise _rule_error(f"relations apply only to duration facts, not {kind}")
        if not relations:
            raise _rule_error(f"relations is empty: name at least one of {', '.join(RELATIONS)}, or leave it out")
        return list(dict.fromkeys(relations))

    @field_validator("by")
    @classmethod
    def _by_is_known(cls, by: str | None, info: ValidationInfo) -> str | None:
        if by is None:
            return None
        lists = _context(info).get("key_lists")
        choices = [*BY_ENTITIES, *sorted(lists or ())]
        if by in BY_ENTITIES or lists is None or by in lists:
            return by
        raise _rule_error(f"by {by!r} is neither {', '.join(BY_ENTITIES)} nor a list declared under 'keys:'"
                          f"{_did_you_mean(by, choices)}; valid: {', '.join(choices)}")

    @field_validator("default_key", "claimant", mode="before")
    @classmethod
    def _a_name(cls, value: Any, info: ValidationInfo) -> Any:
        if value is not None and (not isinstance(value, str) or not value.strip()):
            what = {"default_key": "a key", "claimant": "a claimant class"}[info.field_name]
            raise _rule_error(f"{info.field_name} must be the name of {what}, not {_show(value)}")
        return value.strip() if isinstance(value, str) else value

    @field_validator("key_aliases", mode="before")
    @classmethod
    def _no_aliases_when_null(cls, value: Any) -> Any:
        return {} if value is None else value

    @field_validator("same_time", mode="before")
    @classmethod
    def _parse_same_time(cls, value: Any) -> Any:
        try:
            amount, percent = parse_quantity(value, "duration", what="same_time")
        except ValueError as exc:
            raise _rule_error(str(exc)) from None
        if percent or amount < 0:
            raise _rule_error(f"same_time {value!r} must be a length of time like '1 h' or '30 min'")
        return amount

    @field_validator("event")
    @classmethod
    def _event_is_declared(cls, event: str | None, info: ValidationInfo) -> str | None:
        declared = _context(info).get("other_events")
        if event is None or declared is None or event in declared:
            return event
        listed = ", ".join(sorted(declared)) or "none declared"
        raise _rule_error(f"event {event!r} is not declared under 'other_events:'"
                          f"{_did_you_mean(event, sorted(declared))}; declared: {listed}")

    @model_validator(mode="after")
    def _bindable_and_compiled(self, info: ValidationInfo) -> "FactRule":
        if not (self.cues or self.before or self.after or self.nouns):
            raise _rule_error(f"no cues, before, after or nouns: the fact would bind every {self.kind} mention")
        if self.by is None and (self.default_key is not None or self.key_aliases):
            raise _rule_error("default_key and key_aliases apply only to keyed facts: add 'by:' "
                              f"({', '.join(BY_ENTITIES)} or a list under 'keys:')")
        if "same_time" in self.model_fields_set and self.evolves == "none":
            raise _rule_error("same_time applies only to facts that evolve (evolves: grows or revised)")
        self._file = _context(info).get("file", "")
        self._story = _context(info).get("story", "")
        self.compile()
        return self

    def compile(self, *, timeout: float = PATTERN_TIMEOUT) -> None:
        """Build the guarded patterns (done when the rule set is loaded)."""
        try:
            self._patterns = {
                "cues": self._join("cues", "(?:{})", timeout),
                "before": self._join("before", r"(?:{})\W*$", timeout),
                # \G, not ^: ^ never matches at a search's pos, only at the text's start.
                "after": self._join("after", r"\G\W*(?:{})", timeout),
                "nouns": self._join("nouns", "(?:{})", timeout),
                "exclude": self._join("exclude", "(?:{})", timeout),
                "context": self._join("context", "(?:{})", timeout),
            }
        except regex.error as exc:
            raise _rule_error(f"the patterns cannot be combined into one: {exc}") from None
        self._key_patterns = [
            (key, SafePattern(regex.compile("|".join(f"(?:{fold(p)})" for p in forms), REGEX_FLAGS),
                              patterns=forms, file=self._file, fact=self.id, role="key_aliases", timeout=timeout))
            for key, forms in sorted(self.key_aliases.items()) if forms
        ]

    def _join(self, role: str, template: str, timeout: float) -> SafePattern | None:
        patterns: list[str] = getattr(self, role)
        if not patterns:
            return None
        alternation = "|".join(f"(?:{fold(p)})" for p in patterns)
        compiled = regex.compile(template.format(alternation), REGEX_FLAGS)
        return SafePattern(compiled, patterns=patterns, file=self._file, fact=self.id, role=role,
                           timeout=timeout)

    def _pattern(self, role: str) -> SafePattern | None:
        if self._patterns is None:
            self.compile()
        return self._patterns[role]

    @property
    def file(self) -> str:
        """The rule file that declares this fact."""
        return self._file

    @property
    def story(self) -> str:
        """The story (rule file's ``story:``) that declares this fact."""
        return self._story

    @property
    def key_alias_patterns(self) -> list[tuple[str, SafePattern]]:
        """(key, pattern of the other ways the articles name it), keys sorted."""
        if self._key_patterns is None:
            self.compile()
        return self._key_patterns

    @property
    def cue_pattern(self) -> SafePattern | None:
        """Any cue; search it in the fact's scope (clause or sentence)."""
        return self._pattern("cues")

    @property
    def before_pattern(self) -> SafePattern | None:
        """Search with ``endpos`` = the value's start: matches when a ``before`` pattern ends there."""
        return self._pattern("before")

    @property
    def after_pattern(self) -> SafePattern | None:
        """Search or match with ``pos`` = the value's end: matches when an ``after`` pattern starts there."""
        return self._pattern("after")

    @property
    def noun_pattern(self) -> SafePattern | None:
        """``fullmatch`` it on the counted noun."""
        return self._pattern("nouns")

    @property
    def exclude_pattern(self) -> SafePattern | None:
        """Search it in the scope: a match vetoes the binding."""
        return self._pattern("exclude")

    @property
    def context_pattern(self) -> SafePattern | None:
        """Search it in the sentence: one must stand there, whatever the scope of the cues."""
        return self._pattern("context")


class CheckRule(_Strict):
    id: str
    fact: str | None = None
    kind: Kind | None = None
    compare: Compare
    tolerance: Tolerance = Field(default_factory=Tolerance)
    same_modality: bool = Field(default=False, strict=True)
    same_attribution: bool = Field(default=False, strict=True)
    threshold: int = Field(default=88, strict=True)
    severity: Severity
    message: str

    _file: str = PrivateAttr(default="")
    _story: str = PrivateAttr(default="")
    _target_kind: str | None = PrivateAttr(default=None)
    _evolves: str = PrivateAttr(default="none")
    _same_time: float = PrivateAttr(default=60.0)

    @field_validator("id", mode="before")
    @classmethod
    def _id_shape(cls, value: Any) -> Any:
        if not isinstance(value, str) or not _CHECK_ID.fullmatch(value):
            raise _rule_error(f"check id {value!r} must be two to four capitals and three digits, like FC101")
        return value

    @field_validator("fact")
    @classmethod
    def _fact_is_declared(cls, fact: str | None, info: ValidationInfo) -> str | None:
        kinds = _context(info).get("fact_kinds")
        if fact is None or kinds is None or fact == PERSON or fact in kinds:
            return fact
        declared = [*sorted(k for k in kinds if k != PERSON), PERSON]
        message = f"fact {fact!r} is not declared"
        skipped_in = _context(info).get("skipped_facts", {}).get(fact)
        if skipped_in:
            message += f" (its file {skipped_in} has errors)"
        message += _did_you_mean(fact, declared)
        raise _rule_error(f"{message}; declared facts: {', '.join(declared)}")

    @field_validator("compare")
    @classmethod
    def _compare_fits_kind(cls, compare: str, info: ValidationInfo) -> str:
        kind = _target_kind(info)
        if kind is not None and kind not in COMPARE_KINDS[compare]:
            fitting = [c for c in COMPARES if kind in COMPARE_KINDS[c]]
            raise _rule_error(f"compare '{compare}' cannot compare {kind} values; valid comparisons for {kind}: "
                              f"{', '.join(fitting)}")
        return compare

    @field_validator("tolerance", mode="before")
    @classmethod
    def _parse_tolerance(cls, value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, Tolerance):
            return value
        compare = info.data.get("compare")
        if compare is None or ("fact" not in info.data or "kind" not in info.data):
            return Tolerance()  # the field that failed is reported on its own
        if compare not in TOLERANCE_COMPARES:
            raise _rule_error(f"tolerance applies only to compare {', '.join(TOLERANCE_COMPARES)}, not {compare}")
        try:
            return parse_tolerance(value, _target_kind(info))
        except ValueError as exc:
            raise _rule_error(str(exc)) from None

    @field_validator("threshold")
    @classmethod
    def _threshold_fits(cls, threshold: int, info: ValidationInfo) -> int:
        compare = info.data.get("compare")
        if compare is not None and compare not in THRESHOLD_COMPARES:
            raise _rule_error(f"threshold applies only to compare {', '.join(THRESHOLD_COMPARES)}, not {compare}")
        if not 0 <= threshold <= 100:
            raise _rule_error(f"threshold {threshold} is outside 0..100")
        return threshold

    @field_validator("message")
    @classmethod
    def _message_not_blank(cls, message: str) -> str:
        if not message.strip():
            raise _rule_error("message is empty")
        return message.strip()

    @model_validator(mode="after")
    def _one_target(self, info: ValidationInfo) -> "CheckRule":
        if (self.fact is None) == (self.kind is None):
            raise _rule_error("a check needs exactly one of 'fact' (a declared fact or person) "
                              "or 'kind' (every mention of that kind)")
        self._file = _context(info).get("file", "")
        kinds = _context(info).get("fact_kinds") or {}
        self._target_kind = self.kind or (PERSON if self.fact == PERSON else kinds.get(self.fact))
        return self

    @property
    def file(self) -> str:
        """The rule file that declares this check."""
        return self._file

    @property
    def story(self) -> str:
        """The story of the file that declares this check ("common" for the shared checks)."""
        return self._story

    @property
    def evolves(self) -> str:
        """How the checked fact changes over time (its rule's ``evolves``): none, grows or revised."""
        return self._evolves

    @property
    def same_time(self) -> float:
        """Minutes within which two figures of the checked fact are at the same time."""
        return self._same_time

    @property
    def target_kind(self) -> str | None:
        """The kind of the values compared: the check's ``kind`` or its fact's (None if unknown)."""
        return self._target_kind

    @property
    def across_claimants(self) -> bool:
        """``same_attribution: false`` written in the file: every claimant's figures are compared together.

        A clock time or a length is one fact whoever states it: "17h07" against the White House's "10h07
        heure de Washington" is a conflict, not two claimants' estimates side by side.
        """
        return "same_attribution" in self.model_fields_set and not self.same_attribution


def _iso_day(value: Any) -> Any:
    from datetime import date as _date

    if value is None:
        return None
    if hasattr(value, "isoformat"):  # YAML reads 2023-01-31 as a date
        value = value.isoformat()[:10]
    try:
        return _date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise _rule_error(f"date {value!r} is not an ISO date like 2023-01-31") from None


class Event(_Strict):
    """The event a story reports: its anchor, and how an article is recognised as reporting it."""

    name: str = ""
    date: str | None = None  # anchor day (ISO)
    time: str | None = None  # anchor time, "HH:MM" in ``tz`` (local time of the event when no tz)
    tz: str | None = None  # IANA zone of ``time``
    window: tuple[int, int] = (-3, 7)  # days around the anchor an article's publication may fall in
    words: list[PatternText] = Field(default_factory=list)  # regexes; an article needs ``min_words`` distinct ones
    min_words: int = Field(default=2, strict=True)

    _words: list[SafePattern] = PrivateAttr(default_factory=list)

    @field_validator("date", mode="before")
    @classmethod
    def _iso(cls, value: Any) -> Any:
        return _iso_day(value)

    @field_validator("time")
    @classmethod
    def _clock(cls, value: str | None) -> str | None:
        if value is not None and not _CLOCK.fullmatch(value.strip()):
            raise _rule_error(f"time {value!r} must be a clock time like '15:07'")
        return value.strip() if value else value

    @field_validator("tz")
    @classmethod
    def _zone(cls, value: str | None) -> str | None:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        if value is None:
            return None
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise _rule_error(f"tz {value!r} is not a time zone name like 'Europe/Paris' or 'UTC'") from None
        return value

    @field_validator("window")
    @classmethod
    def _window_order(cls, window: tuple[int, int]) -> tuple[int, int]:
        if window[0] > window[1]:
            raise _rule_error(f"window {list(window)}: the first day is after the last")
        return window

    @field_validator("min_words")
    @classmethod
    def _min_words_positive(cls, n: int) -> int:
        if n < 1:
            raise _rule_error(f"min_words {n} must be 1 or more")
        return n

    @model_validator(mode="after")
    def _compiled(self, info: ValidationInfo) -> "Event":
        where = _context(info).get("file", "")
        self._words = [SafePattern(_compile(w), patterns=[w], file=where, fact="event", role="words") for w in self.words]
        return self

    @property
    def word_patterns(self) -> list[SafePattern]:
        return self._words


class OtherEvent(_Strict):
    """An event the articles mention that is not the story's: its figures and dates bind elsewhere."""

    id: str
    name: str = ""
    date: str | None = None
    cues: list[PatternText] = Field(default_factory=list)  # regexes that place a mention in this event

    _cues: SafePattern | None = PrivateAttr(default=None)

    @field_validator("date", mode="before")
    @classmethod
    def _iso(cls, value: Any) -> Any:
        return _iso_day(value)

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not _FACT_ID.fullmatch(value) or value == OTHER_EVENT:
            raise _rule_error(f"other event id {value!r} must be letters, digits, '_' or '-' "
                              f"(and not {OTHER_EVENT!r}, which names any undeclared event)")
        return value

    @model_validator(mode="after")
    def _compiled(self, info: ValidationInfo) -> "OtherEvent":
        if self.cues:
            where = _context(info).get("file", "")
            self._cues = SafePattern(regex.compile("|".join(f"(?:{fold(c)})" for c in self.cues), REGEX_FLAGS),
                                     patterns=self.cues, file=where, fact=f"other_events.{self.id}", role="cues")
        return self

    @property
    def cue_pattern(self) -> SafePattern | None:
        return self._cues


def _named_patterns(mapping: dict[str, list[str]], *, file: str, role: str) -> list[tuple[str, str, SafePattern]]:
    """(name, form as written, compiled form) for a mapping name -> forms: claimant classes, key lists."""
    return [(name, form, SafePattern(_compile(form), patterns=[form], file=file, fact=role, role=role))
            for name, forms in mapping.items() for form in forms]


class RuleFile(_Strict):
    story: str
    language: str = "fr"
    description: str = ""
    event: Event | None = None
    other_events: list[OtherEvent] = Field(default_factory=list)
    # Claimant classes: canonical name -> regexes of the words naming it in an attribution.
    claimants: dict[str, Forms] = Field(default_factory=dict)
    # Named key lists: list name -> key -> regexes of the words naming the key.
    keys: dict[str, dict[str, Forms]] = Field(default_factory=dict)
    entities: list[Entity] = Field(default_factory=list)
    facts: dict[str, FactRule] = Field(default_factory=dict)
    checks: list[CheckRule] = Field(default_factory=list)

    @field_validator("other_events")
    @classmethod
    def _other_event_ids_unique(cls, events: list[OtherEvent]) -> list[OtherEvent]:
        seen: set[str] = set()
        for event in events:
            if event.id in seen:
                raise _rule_error(f"other event id {event.id!r} is declared twice")
            seen.add(event.id)
        return events


    @model_validator(mode="before")
    @classmethod
    def _ids_from_keys(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        data = {**data}
        for section in ("entities", "facts", "checks", "other_events", "claimants", "keys"):
            if section in data and data[section] is None:
                data[section] = {} if section in ("facts", "claimants", "keys") else []
        facts = data.get("facts")
        if isinstance(facts, dict):
            data["facts"] = {
                key: {**rule, "id": _FactKey(key)} if isinstance(rule, dict) and "id" not in rule else rule
                for key, rule in facts.items()
            }
        return data

    @field_validator("story")
    @classmethod
    def _story_id(cls, story: str) -> str:
        if not _STORY_ID.fullmatch(story):
            raise _rule_error(f"story {story!r} must be a stable id: letters, digits, '.', '_' or '-'")
        return story

    @field_validator("language")
    @classmethod
    def _language_code(cls, language: str) -> str:
        if not _LANGUAGE.fullmatch(language):
            raise _rule_error(f"language {language!r} must be a language code like 'fr', or 'any'")
        return language


def _context(info: ValidationInfo) -> dict:
    return info.context if isinstance(info.context, dict) else {}


def _from_loader(info: ValidationInfo) -> bool:
    return bool(_context(info).get("loader"))


def _target_kind(info: ValidationInfo) -> str | None:
    data = info.data
    if data.get("kind"):
        return data["kind"]
    fact = data.get("fact")
    if fact == PERSON:
        return PERSON
    return (_context(info).get("fact_kinds") or {}).get(fact)


def _did_you_mean(word: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _show(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (YAML reads yes/no/on/off/true/false as booleans: quote it)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (list, tuple)):
        return "a list"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# --------------------------------------------------------------------------
# The rule set and its loading


Named = tuple[str, str, SafePattern]  # (canonical name, form as written, compiled form)


@dataclass
class StoryRules:
    """What one story file says besides its facts: its event, other events, claimant classes, key lists."""

    story: str
    file: str
    language: str = "fr"
    event: Event | None = None
    other_events: list[OtherEvent] = field(default_factory=list)
    claimants: list[Named] = field(default_factory=list)
    keys: dict[str, list[Named]] = field(default_factory=dict)
    facts: list[str] = field(default_factory=list)


@dataclass
class RuleSet:
    """Every loaded rule file merged: facts and checks sorted by id."""

    facts: dict[str, FactRule] = field(default_factory=dict)
    checks: list[CheckRule] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # loaded files, in processing order
    errors: list[RuleError] = field(default_factory=list)
    stories: dict[str, StoryRules] = field(default_factory=dict)  # story id -> its rules (not common)
    claimants: list[Named] = field(default_factory=list)  # shared claimant classes (common.yaml)
    story_facts: dict[tuple[str, str], FactRule] = field(default_factory=dict)  # (story, fact id) -> rule

    def fact(self, story: str, fact_id: str) -> FactRule | None:
        """A story's fact (two stories may declare one id); any story's when ``story`` is unknown."""
        return self.story_facts.get((story, fact_id)) or (None if story in self.stories else self.facts.get(fact_id))
    languages: dict[str, str] = field(default_factory=dict)  # file -> its `language` (reports speak it)

    def patterns(self) -> list["SafePattern"]:
        """Every compiled pattern of the rule set (facts, checks, events, claimants...), once each."""
        found: dict[int, SafePattern] = {}
        stack: list[Any] = [self.facts, self.checks, self.entities, self.stories, self.claimants]
        seen: set[int] = set()
        while stack:
            item = stack.pop()
            if id(item) in seen or item is None or isinstance(item, (str, int, float, bool)):
                continue
            seen.add(id(item))
            if isinstance(item, SafePattern):
                found[id(item)] = item
            elif isinstance(item, dict):
                stack.extend(item.values())
            elif isinstance(item, (list, tuple, set, frozenset)):
                stack.extend(item)
            elif isinstance(item, BaseModel):
                stack.extend(vars(item).values())
                stack.extend((item.__pydantic_private__ or {}).values())
        return sorted(found.values(), key=lambda p: (p.file, p.fact, p.role, p.pattern))

    def disable(self, messages: Sequence[str]) -> bool:
        """Disable the patterns whose out-of-budget message is in ``messages``; True when one was on."""
        wanted, changed = set(messages), False
        for pattern in self.patterns():
            if pattern.disabled is None and pattern.budget_message() in wanted:
                pattern.disabled = pattern.budget_message()
                changed = True
        return changed

    @property
    def ok(self) -> bool:
        return not self.errors

    def facts_of_kind(self, kind: str) -> list[FactRule]:
        return [rule for rule in self.facts.values() if rule.kind == kind]

    def alias_map(self) -> dict[str, str]:
        """Folded lower-case alias (and name) -> canonical name."""
        names: dict[str, str] = {}
        for entity in self.entities:
            for written in (entity.name, *entity.aliases):
                names.setdefault(fold_key(written), entity.name)
        return names


def shipped_rules_dir() -> Path:
    """The rules factcheck ships: inside the wheel, else the repository's ``rules/``."""
    try:
        packaged = importlib.resources.files("factcheck") / "_rules"
        if packaged.is_dir():
            return Path(str(packaged))
    except (ModuleNotFoundError, OSError):  # pragma: no cover - broken installs
        pass
    return Path(__file__).resolve().parent.parent / "rules"


@dataclass
class _Source:
    shown: str  # the path as the user would write it, for messages
    path: Path  # resolved, for ordering and de-duplication
    node: Any = None
    data: Any = None
    rule_file: RuleFile | None = None
    errors: list[RuleError] = field(default_factory=list)

    @property
    def story(self) -> Any:
        return self.data.get("story") if isinstance(self.data, dict) else None

    def declared_kinds(self) -> dict[str, str | None]:
        facts = self.data.get("facts") if isinstance(self.data, dict) else None
        if not isinstance(facts, dict):
            return {}
        # A kind that is not valid is reported on its own; it must not mislead the checks.
        return {str(k): (v.get("kind") if isinstance(v, dict) and v.get("kind") in KINDS else None)
                for k, v in facts.items()}

    def error_at(self, loc: Sequence[Any], message: str, *, at_key: bool = False) -> RuleError:
        line, col = _position(self.node, loc, at_key=at_key)
        return RuleError(self.shown, line, col, message)


def load_rules(paths: Sequence[str | os.PathLike] | None = None, *, cwd: Path | None = None) -> RuleSet:
    """Load, validate and merge rule files; problems go to ``RuleSet.errors``, never raised.

    ``paths`` None: ``./rules`` (relative to ``cwd``) when it exists, else the
    shipped rules.  A path may be a file or a folder (its ``*.yaml``/``*.yml``).
    The shipped ``common.yaml`` is always added unless a given file's story is
    ``common``.  Files are processed in a fixed order (common rules first, then
    by resolved path), so the result never depends on the order of ``paths``.
    """
    base = Path.cwd() if cwd is None else Path(cwd)
    errors: list[RuleError] = []
    if paths is None:
        local = base / "rules"
        requested = [("rules", local)] if local.is_dir() else [(str(shipped_rules_dir()), shipped_rules_dir())]
    else:
        if isinstance(paths, (str, os.PathLike)):
            paths = [paths]
        requested = [(os.fspath(p), Path(p) if Path(p).is_absolute() else base / p) for p in paths]

    sources = [_read(s) for s in _expand(requested, errors)]
    if not any(s.story == "common" for s in sources):
        common = shipped_rules_dir() / "common.yaml"
        if common.is_file():
            if all(s.path != common.resolve() for s in sources):
                sources.insert(0, _read(_Source(str(common), common.resolve())))
        else:
            errors.append(RuleError(str(common), 1, 1, "the shipped common.yaml is missing: reinstall factcheck"))

    # Common rules first: a story file that reuses a common id is the one to blame.
    sources.sort(key=lambda s: (s.story != "common", str(s.path)))
    loaded = _settle([s for s in sources if not s.errors])
    errors.extend(e for s in sources for e in s.errors)
    return _merge(loaded, errors)


def _expand(requested: list[tuple[str, Path]], errors: list[RuleError]) -> list[_Source]:
    spellings: dict[Path, set[str]] = {}
    missing: list[RuleError] = []
    for shown, path in requested:
        if path.is_dir():
            children = sorted(p for p in path.iterdir()
                              if p.suffix in (".yaml", ".yml") and not p.name.startswith(".") and p.is_file())
            if not children:
                missing.append(RuleError(shown, 1, 1, "no rule files (*.yaml, *.yml) in this folder"))
            for child in children:
                spellings.setdefault(child.resolve(), set()).add(os.path.join(shown, child.name))
        elif path.is_file():
            spellings.setdefault(path.resolve(), set()).add(shown)
        else:
            missing.append(RuleError(shown, 1, 1, "no such file or folder"))
    errors.extend(sorted(set(missing), key=str))
    # One file named two ways is read once, under a name that does not depend on argument order.
    return [_Source(min(spellings[p], key=lambda s: (len(s), s)), p) for p in sorted(spellings, key=str)]


def _read(source: _Source) -> _Source:
    try:
        text = source.path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        source.errors.append(RuleError(source.shown, 1, 1, f"not UTF-8 text ({exc.reason} at byte {exc.start})"))
        return source
    except OSError as exc:
        source.errors.append(RuleError(source.shown, 1, 1, f"cannot read: {exc.strerror or exc}"))
        return source
    built = _built_by_libyaml(text)
    if built is not None:
        source.node, source.data = built
        if source.node is None:
            source.errors.append(RuleError(source.shown, 1, 1, "empty rule file: expected a mapping with 'story:'"))
            return source
        source.errors.extend(_duplicate_keys(source))
        return source
    try:
        events = check_yaml(text, yaml.SafeLoader)  # depth, aliases, huge numbers, control characters
    except YamlLimit as exc:
        source.errors.append(RuleError(source.shown, exc.line, exc.col, exc.reason))
        return source
    except yaml.YAMLError:
        events = None  # a syntax error: the loader below parses again and reports it with its line
    # The check parsed the whole text: build from its events rather than parse it twice.
    loader = yaml.SafeLoader(text) if events is None else replayed_yaml(events, yaml.SafeLoader)
    try:
        source.node = loader.get_single_node()
        if source.node is None:
            source.errors.append(RuleError(source.shown, 1, 1, "empty rule file: expected a mapping with 'story:'"))
            return source
        source.data = loader.construct_document(source.node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        detail = exc.problem or "invalid YAML"
        if exc.context:
            started = exc.context_mark
            at = f" at line {started.line + 1}" if started and mark and started.line != mark.line else ""
            detail = f"{detail} ({exc.context}{at})"
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        source.errors.append(RuleError(source.shown, line, col, f"YAML syntax error: {detail}"))
        return source
    except yaml.YAMLError as exc:
        source.errors.append(RuleError(source.shown, 1, 1, f"YAML syntax error: {exc}"))
        return source
    except ValueError as exc:  # a value YAML reads as a date that is none: "2023-13-01"
        line, col = _bad_timestamp(source.node)
        source.errors.append(RuleError(source.shown, line, col, f"not a real date ({exc})"))
        return source
    finally:
        loader.dispose()
    source.errors.extend(_duplicate_keys(source))
    return source


def _built_by_libyaml(text: str) -> tuple[Any, Any] | None:
    """(root node, data) of a rule file that libyaml reads within the bounds, else None.

    libyaml builds the same nodes and marks as the pure-Python loader (a test holds them
    equal on every rule file we have) in a tenth of the time.  Anything it refuses or finds
    out of bounds is read again by the pure-Python loader, which reports it in its own words.
    """
    loader_class = getattr(yaml, "CSafeLoader", None)
    if loader_class is None:
        return None
    try:
        check_yaml(text, loader_class)  # bounded before the C composer, which recurses
        loader = loader_class(text)
        try:
            node = loader.get_single_node()
            return node, (loader.construct_document(node) if node is not None else None)
        finally:
            loader.dispose()
    except Exception:  # noqa: BLE001 - any refusal: the pure-Python loader says what is wrong
        return None


def _bad_timestamp(root: Any) -> tuple[int, int]:
    """Where the first scalar YAML takes for a date, but which is not a real one, stands."""
    stack = [root]
    while stack:
        node = stack.pop(0)
        if isinstance(node, yaml.MappingNode):
            stack.extend(v for kv in node.value for v in kv)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.ScalarNode) and node.tag.endswith(":timestamp"):
            try:
                yaml.SafeLoader("").construct_yaml_timestamp(node)
            except ValueError:
                return _one_based(node.start_mark)
    return 1, 1


def _duplicate_keys(source: _Source) -> list[RuleError]:
    """YAML keeps the last of two equal keys silently; a rule file must not."""
    found: list[RuleError] = []
    seen_nodes: set[int] = set()
    stack = [source.node]
    while stack:
        node = stack.pop()
        if id(node) in seen_nodes:
            continue
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            first: dict[str, Any] = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in first:
                        found.append(RuleError(
                            source.shown, key.start_mark.line + 1, key.start_mark.column + 1,
                            f"duplicate key {key.value!r} (first at line {first[key.value].start_mark.line + 1})"))
                    else:
                        first[key.value] = key
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return sorted(found, key=lambda e: (e.line, e.col))


def _settle(sources: list[_Source]) -> list[_Source]:
    """Validate until no file is dropped: a dropped file's facts vanish, which can break another's checks."""
    alive = list(sources)
    skipped_facts: dict[str, str] = {}
    while True:
        fact_kinds: dict[str, str | None] = {}
        for source in alive:
            for fact, kind in source.declared_kinds().items():
                fact_kinds.setdefault(fact, kind)
        for source in alive:
            # A check names a fact of its own file first (two stories may both declare `call.date`).
            own = {**fact_kinds, **{f: k for f, k in source.declared_kinds().items()}}
            source.rule_file, source.errors = _validate(source, own, skipped_facts)
        _cross_file_duplicates([s for s in alive if not s.errors])
        dropped = [s for s in alive if s.errors]
        if not dropped:
            return alive
        for source in dropped:
            for fact in source.declared_kinds():
                skipped_facts.setdefault(fact, source.shown)
        alive = [s for s in alive if not s.errors]


def _validate(source: _Source, fact_kinds: dict, skipped_facts: dict) -> tuple[RuleFile | None, list[RuleError]]:
    data = source.data if isinstance(source.data, dict) else {}
    keys, others = data.get("keys"), data.get("other_events")
    context = {
        "loader": True, "file": source.shown, "fact_kinds": fact_kinds, "skipped_facts": skipped_facts,
        "story": data.get("story") if isinstance(data.get("story"), str) else "",
        # What a fact's `by:` and `event:` may name (the sections are checked on their own).
        "key_lists": set(map(str, keys)) if isinstance(keys, dict) else set(),
        "other_events": {str(e.get("id")) for e in others if isinstance(e, dict)} if isinstance(others, list) else set(),
    }
    try:
        return RuleFile.model_validate(source.data, context=context), []
    except ValidationError as exc:
        found = [source.error_at(e["loc"], _describe(e, source.data), at_key=e["type"] == "extra_forbidden")
                 for e in exc.errors(include_url=False)]
        return None, sorted(found, key=lambda e: (e.line, e.col))


def _cross_file_duplicates(sources: list[_Source]) -> None:
    """First file in processing order keeps an id; a later file that reuses it is rejected."""
    fact_owner: dict[str, tuple[str, str]] = {}  # fact id -> (where, story)
    check_owner: dict[str, str] = {}
    story_owner: dict[str, str] = {}
    alias_owner: dict[str, tuple[str, str, str]] = {}  # folded alias -> (folded name, name, where)
    for source in sources:
        rule_file = source.rule_file
        found: list[RuleError] = []
        if rule_file.story != "common" and rule_file.story in story_owner:
            found.append(source.error_at(("story",), f"story {rule_file.story!r}: already declared in "
                                                     f"{story_owner[rule_file.story]}"))
        # A fact id is a story's own: two stories may both declare `call.date` (each article binds the
        # facts of its own story); the shared common rules declare none that a story may reuse.
        facts: dict[str, str] = {}
        for fact in rule_file.facts:
            owner = fact_owner.get(fact)
            if owner and (rule_file.story == "common" or owner[1] in ("common", rule_file.story)):
                found.append(source.error_at(("facts", fact), f"fact '{fact}': already declared in {owner[0]}",
                                             at_key=True))
            facts[fact] = (_where(source, ("facts", fact), key=True), rule_file.story)
        checks: dict[str, str] = {}
        for index, check in enumerate(rule_file.checks):
            loc = ("checks", index, "id")
            owner = check_owner.get(check.id) or checks.get(check.id)
            if owner:
                found.append(source.error_at(loc, f"check {check.id}: id already used in {owner}"))
            checks.setdefault(check.id, _where(source, loc))
        aliases: dict[str, tuple[str, str, str]] = {}
        for index, entity in enumerate(rule_file.entities):
            canonical = fold_key(entity.name)
            written = [("name", entity.name)] + [(("aliases", i), a) for i, a in enumerate(entity.aliases)]
            for part, text in written:
                loc = ("entities", index, *(part if isinstance(part, tuple) else (part,)))
                owner = alias_owner.get(fold_key(text)) or aliases.get(fold_key(text))
                if owner and owner[0] != canonical:
                    found.append(source.error_at(loc, f"entity '{entity.name}': {text!r} already names "
                                                      f"entity '{owner[1]}' ({owner[2]})"))
                aliases.setdefault(fold_key(text), (canonical, entity.name, _where(source, loc)))
        if found:
            source.errors = sorted(found, key=lambda e: (e.line, e.col))
            source.rule_file = None
            continue
        for mine, owners in ((facts, fact_owner), (checks, check_owner), (aliases, alias_owner)):
            for key, value in mine.items():
                owners.setdefault(key, value)
        story_owner.setdefault(rule_file.story, _where(source, ("story",)))


def _where(source: _Source, loc: Sequence[Any], *, key: bool = False) -> str:
    line, col = _position(source.node, loc, at_key=key)
    return f"{source.shown}:{line}:{col}"


def _merge(sources: list[_Source], errors: list[RuleError]) -> RuleSet:
    facts: dict[str, FactRule] = {}
    story_facts: dict[tuple[str, str], FactRule] = {}
    checks: list[CheckRule] = []
    entities: dict[str, Entity] = {}
    stories: dict[str, StoryRules] = {}
    shared: list[Named] = []
    for source in sources:
        rule_file = source.rule_file
        claimants = _named_patterns(rule_file.claimants, file=source.shown, role="claimants")
        if rule_file.story == "common":
            shared.extend(claimants)
        else:
            stories[rule_file.story] = StoryRules(
                story=rule_file.story, file=source.shown, language=rule_file.language, event=rule_file.event,
                other_events=list(rule_file.other_events), claimants=claimants,
                keys={name: _named_patterns(keys, file=source.shown, role=f"keys.{name}")
                      for name, keys in rule_file.keys.items()},
                facts=sorted(rule_file.facts),
            )
        for fact_id, rule in source.rule_file.facts.items():
            facts.setdefault(fact_id, rule)  # by id: the first story's (processing order)
            story_facts[rule_file.story, fact_id] = rule
        for check in source.rule_file.checks:
            check._story = rule_file.story
        checks.extend(source.rule_file.checks)
        for entity in source.rule_file.entities:
            key = fold_key(entity.name)
            if key in entities:
                known = entities[key]
                merged = list(dict.fromkeys([*known.aliases, *entity.aliases]))
                entities[key] = known.model_copy(update={"aliases": merged})
            else:
                entities[key] = entity
    for check in checks:
        rule = story_facts.get((check.story, check.fact or "")) or facts.get(check.fact or "")
        if rule is not None:
            check._evolves, check._same_time = rule.evolves, rule.same_time
    return RuleSet(
        facts=dict(sorted(facts.items())),
        checks=sorted(checks, key=lambda c: c.id),
        entities=list(entities.values()),
        files=[s.shown for s in sources],
        errors=errors,
        stories=dict(sorted(stories.items())),
        claimants=shared,
        story_facts=dict(sorted(story_facts.items())),
        languages={s.shown: s.rule_file.language for s in sources},
    )


# --------------------------------------------------------------------------
# Locating and wording validation errors


def _position(root: Any, loc: Sequence[Any], *, at_key: bool = False) -> tuple[int, int]:
    """1-based line and column of the node a pydantic ``loc`` points at.

    A loc that leaves the YAML (a missing key, an id filled from a key) points
    at the deepest key that exists, which is where a reader has to look.
    """
    if root is None:
        return 1, 1
    node, via_key = root, None
    for step, part in enumerate(loc):
        if part == "[key]":
            break
        if isinstance(node, yaml.MappingNode):
            hit = next(((k, v) for k, v in reversed(node.value)
                        if isinstance(k, yaml.ScalarNode) and k.value == str(part)), None)
            if hit is None:
                break
            via_key, node = hit
            if at_key and step == len(loc) - 1:
                return _one_based(via_key.start_mark)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node, via_key = node.value[part], None
        else:
            break
    if via_key is not None and not isinstance(node, yaml.ScalarNode):
        return _one_based(via_key.start_mark)
    return _one_based(node.start_mark)


def _one_based(mark: Any) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


_SECTION_MODELS: dict[str, type[BaseModel]] = {"facts": FactRule, "checks": CheckRule, "entities": Entity}
_CHOICES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "kind": ("kind", "kinds", KINDS),
    "scope": ("scope", "scopes", SCOPES),
    "compare": ("compare", "comparisons", COMPARES),
    "severity": ("severity", "severities", SEVERITIES),
    "relations": ("relation", "relations", RELATIONS),
    "evolves": ("evolves", "values", EVOLVES),
}
_EXPECTED = {
    "string_type": "text", "list_type": "a list", "tuple_type": "a list", "dict_type": "a mapping",
    "model_type": "a mapping", "model_attributes_type": "a mapping", "dataclass_type": "a mapping",
    "bool_type": "true or false", "bool_parsing": "true or false", "int_type": "a whole number",
    "int_parsing": "a whole number", "int_from_float": "a whole number", "float_type": "a number",
    "float_parsing": "a number",
}


def _describe(error: dict, data: Any) -> str:
    loc = tuple(error["loc"])
    subject, rest, model = _subject(loc, data)
    path = _path_text(rest)
    kind, value = error["type"], error.get("input")
    if kind == "extra_forbidden":
        valid = [name for name in model.model_fields if not (model is FactRule and name == "id")]
        key = str(rest[-1]) if rest else "?"
        detail = f"unknown key {key!r}{_did_you_mean(key, valid)}; valid keys: {', '.join(valid)}"
    elif kind == "missing":
        detail = f"missing required key {str(rest[-1]) if rest else '?'!r}"
    elif kind == "literal_error":
        field_name = next((str(p) for p in reversed(rest) if isinstance(p, str)), "")
        label, plural, choices = _CHOICES.get(field_name, (field_name or "value", "values", ()))
        if choices:
            detail = f"invalid {label} {value!r}{_did_you_mean(str(value), choices)}; valid {plural}: {', '.join(choices)}"
        else:
            detail = f"{path}: {error['msg']}"
    elif kind == "rule":
        # Rule messages name their key; a list item also needs its index.
        # Rule messages name their key; a list item, or an entry of a top-level mapping, also needs its place.
        placed = any(isinstance(p, int) for p in rest) or (not subject and len(rest) > 1)
        detail = f"{path}: {error['msg']}" if placed else error["msg"]
    elif kind in _EXPECTED:
        detail = f"expected {_EXPECTED[kind]}, got {_show(value)}"
        detail = f"{path}: {detail}" if path else detail
    else:
        detail = f"{path}: {error['msg']}" if path else error["msg"]
    return f"{subject}: {detail}" if subject else detail


def _subject(loc: tuple, data: Any) -> tuple[str, tuple, type[BaseModel]]:
    if len(loc) < 2 or loc[0] not in _SECTION_MODELS:
        return "", loc, RuleFile
    section, item, rest = loc[0], loc[1], loc[2:]
    model = _SECTION_MODELS[section]
    if section == "facts":
        return f"fact '{item}'", rest, model
    entry = _item(data, section, item)
    fallback = f"#{item + 1}" if isinstance(item, int) else str(item)
    if section == "checks":
        ident = entry.get("id") if isinstance(entry, dict) else None
        shown = ident if isinstance(ident, str) and _CHECK_ID.fullmatch(ident) else fallback
        return f"check {shown}", rest, model
    name = entry.get("name") if isinstance(entry, dict) else None
    shown = f"'{name.strip()}'" if isinstance(name, str) and name.strip() else fallback
    return f"entity {shown}", rest, model


def _item(data: Any, section: str, index: Any) -> Any:
    items = data.get(section) if isinstance(data, dict) else None
    if isinstance(items, list) and isinstance(index, int) and 0 <= index < len(items):
        return items[index]
    return None


def _path_text(rest: tuple) -> str:
    text = ""
    for part in rest:
        if part == "[key]":
            continue
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
