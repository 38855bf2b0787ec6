"""Comparison semantics: when do two stated values agree?

Nothing here knows about articles, rules or DataFrames; every function takes
plain values so the meaning of "agree" can be tested on its own.

- numbers (times, durations, counts, ranks) are closed intervals, widened by a
  tolerance before they are compared;
- dates are closed intervals of days, so a month contains each of its days;
- people and places are compared on their canonical keys (below: the grammar
  writes them into the facts table, the checks match them);
- roles are compared on their content words.
"""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Callable, Hashable, Iterable, Protocol, Sequence, TypeVar

from rapidfuzz import fuzz

from .lang import fr
from .text import fold, fold_key

T = TypeVar("T")

DEFAULT_THRESHOLD = 88


class ToleranceLike(Protocol):
    """What a rule's tolerance provides: ``absolute`` in the kind's unit, ``relative`` a fraction."""

    absolute: float
    relative: float


@dataclass(frozen=True)
class Tolerance:
    absolute: float = 0.0
    relative: float = 0.0


NO_TOLERANCE = Tolerance()


def _tolerance_parts(tolerance: ToleranceLike | None) -> tuple[float, float]:
    if tolerance is None:
        return 0.0, 0.0
    absolute = float(getattr(tolerance, "absolute", 0.0) or 0.0)
    relative = float(getattr(tolerance, "relative", 0.0) or 0.0)
    # A negative tolerance would make widening shrink, and could invert an interval.
    return abs(absolute), abs(relative)


# ---------------------------------------------------------------------------
# numbers


@dataclass(frozen=True)
class Interval:
    """A closed interval of numbers; ``None`` bounds are infinite.

    ``high=None`` is "plus de 10 000" (unbounded above).  ``low=None`` is
    accepted for symmetry ("moins de 10" written with no lower bound).
    """

    low: float | None
    high: float | None

    def __post_init__(self) -> None:
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"empty interval [{self.low}, {self.high}]")

    @property
    def lo(self) -> float:
        return -math.inf if self.low is None else self.low

    @property
    def hi(self) -> float:
        return math.inf if self.high is None else self.high

    def widen(self, tolerance: ToleranceLike | None) -> Interval:
        """Each bound moved outwards by ``absolute + relative * |bound|``.

        The relative part scales with the bound it moves, so "10%" around
        [90 000, 110 000] gives [81 000, 121 000].
        """
        absolute, relative = _tolerance_parts(tolerance)
        low = None if self.low is None else self.low - (absolute + relative * abs(self.low))
        high = None if self.high is None else self.high + (absolute + relative * abs(self.high))
        return Interval(low, high)

    def overlaps(self, other: Interval) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    def contains(self, other: Interval) -> bool:
        return self.lo <= other.lo and other.hi <= self.hi

    def intersection(self, other: Interval) -> Interval | None:
        lo, hi = max(self.lo, other.lo), min(self.hi, other.hi)
        if lo > hi:
            return None
        return Interval(None if lo == -math.inf else lo, None if hi == math.inf else hi)


def intervals_agree(a: Interval, b: Interval, tolerance: ToleranceLike | None = None) -> bool:
    """Two stated intervals are compatible when they overlap once widened.

    Either side may be widened: with a relative tolerance the widening depends
    on the magnitude of the side widened, and agreement must not depend on
    which mention came first.  A vague interval that contains a precise value
    overlaps it, so "une cinquantaine" agrees with "50".
    """
    return a.widen(tolerance).overlaps(b) or b.widen(tolerance).overlaps(a)


# ---------------------------------------------------------------------------
# dates


@dataclass(frozen=True)
class DateInterval:
    """A closed interval of days; ``None`` bounds are infinite."""

    low: date | None
    high: date | None

    @property
    def lo(self) -> date:
        return date.min if self.low is None else self.low

    @property
    def hi(self) -> date:
        return date.max if self.high is None else self.high

    def widen(self, days: float = 0) -> DateInterval:
        step = timedelta(days=int(math.ceil(abs(days))))
        if not step:
            return self
        low = None if self.low is None else _shift(self.low, -step)
        high = None if self.high is None else _shift(self.high, step)
        return DateInterval(low, high)

    def overlaps(self, other: DateInterval) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    def contains(self, other: DateInterval) -> bool:
        return self.lo <= other.lo and other.hi <= self.hi


def _shift(day: date, step: timedelta) -> date:
    try:
        return day + step
    except OverflowError:
        return date.min if step < timedelta(0) else date.max


_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def parse_iso(text: Any, *, end: bool = False) -> date | None:
    """An ISO date, possibly partial ("2022", "2022-01"): its first day, or its last with ``end``."""
    if text is None:
        return None
    if isinstance(text, date):
        return text
    m = _ISO.match(str(text))
    if not m:
        return None
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else (12 if end else 1)
    if not 1 <= month <= 12:
        return None
    last = calendar.monthrange(year, month)[1]
    day = int(m.group(3)) if m.group(3) else (last if end else 1)
    if not 1 <= day <= last:
        return None
    return date(year, month, day)


def date_interval(low: Any, high: Any = None) -> DateInterval | None:
    """The days covered by a date mention; ``None`` when unresolved (no ``low``).

    Partial bounds cover their whole period: ``date_interval("2022-01", "2022-01")``
    is January.  ``high`` None with ``low`` set is unbounded above, as everywhere
    in the facts table.
    """
    start = parse_iso(low)
    if start is None:
        return None
    stop = parse_iso(high, end=True) if high is not None else None
    if high is not None and stop is None:
        return None
    if stop is not None and stop < start:
        start, stop = parse_iso(high), parse_iso(low, end=True)
    return DateInterval(start, stop)


def dates_agree(a: DateInterval, b: DateInterval, tolerance: ToleranceLike | None = None) -> bool:
    """Overlap of day intervals; a tolerance's ``absolute`` counts days."""
    days, _ = _tolerance_parts(tolerance)
    return a.widen(days).overlaps(b)


# ---------------------------------------------------------------------------
# names


# Latin transliterations of one Cyrillic name differ mostly in y/i/j
# (Ryabkov, Riabkov; Zelensky, Zelenskiy): compare a skeleton where they are one.
_TRANSLIT = [(re.compile(r"[yj]"), "i"), (re.compile(r"ii\b"), "i"), (re.compile(r"(.)\1"), r"\1")]


def _skeleton(key: str) -> str:
    for pattern, repl in _TRANSLIT:
        key = pattern.sub(repl, key)
    return key


def name_similarity(key_a: str, key_b: str) -> float:
    """rapidfuzz ratio of two keys, on their transliteration skeletons too (the better of both)."""
    a, b = fold_key(key_a), fold_key(key_b)
    return max(fuzz.ratio(a, b), fuzz.ratio(_skeleton(a), _skeleton(b)))


def same_entity(key_a: str | None, key_b: str | None, threshold: float | None = DEFAULT_THRESHOLD) -> bool:
    """Do two canonical keys name the same person or place?

    Equal keys always match; a one-word key matches a longer key ending with it
    ("riabkov" and "sergei riabkov"), since articles drop first names after the
    first mention; otherwise the keys must score ``threshold`` or more.
    """
    if not key_a or not key_b:
        return False
    a, b = fold_key(key_a), fold_key(key_b)
    if a == b:
        return True
    threshold = DEFAULT_THRESHOLD if threshold is None else threshold
    ta, tb = a.split(), b.split()
    if len(ta) == 1 or len(tb) == 1:
        short, full = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
        if len(full) > 1:
            # The surname alone is weak evidence: demand it match the last name closely.
            return name_similarity(short[0], full[-1]) >= max(threshold, 90)
    return name_similarity(a, b) >= threshold


# Deletion neighbourhoods wider than this make too many keys: such a name is compared with every group.
_MAX_BLOCK_RADIUS = 2


@lru_cache(maxsize=65536)
def name_blocks(key: str | None, threshold: float | None = DEFAULT_THRESHOLD) -> frozenset[tuple[str, str]] | None:
    """Blocking keys of a name key: two keys that are ``same_entity`` always share one.

    ``fuzz.ratio(x, y) >= t`` needs a common subsequence of x and y that each
    reaches by deleting at most ``_radius(len, t)`` characters, so the strings
    left after so many deletions are keys that matching names share (the
    symmetric-delete idea).  Blocks cover what ``same_entity`` compares: the
    last word (a one-word key, or the surname a one-word key is matched with)
    and a longer key as a whole, each also as its transliteration skeleton.
    ``None`` when a block would be too wide (a low threshold, a very long key):
    the name may then agree with anything.
    """
    folded = fold_key(key or "")
    if not folded:
        return frozenset()
    threshold = DEFAULT_THRESHOLD if threshold is None else threshold
    words = folded.split()
    forms = [("word", words[-1])] + ([("whole", folded)] if len(words) > 1 else [])
    out: set[tuple[str, str]] = set()
    for level, text in forms:
        for variant in {text, _skeleton(text)}:
            radius = _radius(len(variant), threshold)
            if radius is None or radius > _MAX_BLOCK_RADIUS:
                return None
            out.update((level, v) for v in _deletions(variant, radius))
    return frozenset(out)


def _radius(length: int, threshold: float) -> int | None:
    """The most characters a string of ``length`` can lose to its common subsequence with a string scoring ``threshold``."""
    if threshold <= 0:
        return None
    radius = 0
    # Best case for d deletions: the other string is the common subsequence itself (length - d).
    while radius < length and 100 * (1 - (radius + 1) / (2 * length - radius - 1)) >= threshold - 1e-6:
        radius += 1
    return radius


def _deletions(text: str, radius: int) -> set[str]:
    level, out = {text}, {text}
    for _ in range(radius):
        level = {w[:i] + w[i + 1:] for w in level for i in range(len(w))}
        out |= level
    return out


# ---------------------------------------------------------------------------
# roles

# The role word lists are language data (lang/fr.py): function words that carry no
# meaning in a role, relational words ("son homologue russe" is whatever the other
# party's post is), and vague heads ("chef de la diplomatie" names no post).
_ROLE_STOP = frozenset(fr.ROLE_STOP_WORDS)
_ROLE_RELATIONAL_WORDS = fr.RELATIONAL_ROLE_WORDS + tuple(w for w in fr.RELATIONAL_ROLES if " " not in w)
_ROLE_VAGUE_HEADS = fr.VAGUE_ROLE_HEADS


def _role_words(role: str) -> list[str]:
    words = re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", fold_key(role))
    return [_stem(w) for w in words if w not in _ROLE_STOP]


def _stem(word: str) -> str:
    # Gender and number only: americaine/americain, ukrainienne/ukrainien, presidents/president.
    if len(word) > 3 and word.endswith("s"):
        word = word[:-1]
    while len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] in "nlt":
        word = word[:-1]
    return word


@lru_cache(maxsize=1)
def _role_relational() -> frozenset[str]:
    return frozenset(_stem(w) for w in _ROLE_RELATIONAL_WORDS)


@lru_cache(maxsize=1)
def _role_vague() -> frozenset[str]:
    return frozenset(_stem(w) for w in _ROLE_VAGUE_HEADS)


def role_compatible(role_a: str | None, role_b: str | None) -> bool:
    """Can one person hold both roles as written?

    Roles are reduced to content words (accent-folded, lower case, function
    words dropped, gender and plural endings stripped).  Compatible when:

    - either is missing or empty, or either contains a relational word
      ("homologue", "responsable") that says nothing about the function
      itself, or starts with a vague head ("chef de la diplomatie",
      "dirigeant ukrainien") that names no post;
    - one's words are all among the other's ("président" and "président
      américain", "secrétaire d'État" and "secrétaire d'État américain");
    - they share the head word (the first content word) and their first
      modifiers do not differ ("président américain" and "président russe"
      differ; "ministre russe des affaires étrangères" and "ministre russe de
      la défense" pass, a known blind spot of looking at one modifier only).

    Otherwise different heads are incompatible ("président" and
    "vice-président", but also "ministre" and "secrétaire d'État": synonyms
    are not known here).
    """
    if not role_a or not role_b:
        return True
    a, b = _role_words(role_a), _role_words(role_b)
    if not a or not b:
        return True
    if _role_relational() & (set(a) | set(b)):
        return True
    if a[0] in _role_vague() or b[0] in _role_vague():
        return True
    if set(a) <= set(b) or set(b) <= set(a):
        return True
    if a[0] != b[0]:
        return False
    if len(a) > 1 and len(b) > 1 and a[1] != b[1]:
        return False
    return True


# ---------------------------------------------------------------------------
# grouping


def group_consistent(
    items: Iterable[T],
    agree: Callable[[T, T], bool],
    key: Callable[[T], Any] | None = None,
    *,
    same: Callable[[T], Hashable] | None = None,
    blocks: Callable[[T], Iterable[Hashable] | None] | None = None,
) -> list[list[T]]:
    """Partition ``items`` into groups whose members all agree pairwise.

    Items are sorted by ``key`` (the items themselves by default) so the result
    does not depend on the input order; then each goes into the first group all
    of whose members agree with it, else opens a new group.  Agreement is not
    transitive: when A agrees with B and B with C but A not with C, C starts a
    group of its own rather than chaining the three together.

    Two optional hints keep the number of ``agree`` calls linear in the items
    (a flat folder of thousands of articles names one person thousands of
    times, and thousands of people once) without changing the groups:

    - ``same(item)``: a class within which items are interchangeable (agreement
      depends only on the class, and an item agrees with its own class): an
      item of a class already placed joins its group without a comparison, and
      a newcomer is compared with one item of each class of a group;
    - ``blocks(item)``: keys such that two items that agree always share one
      (``None``: the item may agree with anything): only groups holding a
      member that shares a key with the newcomer are tried, since any other
      group has a member it cannot agree with.
    """
    ordered: Sequence[T] = sorted(items, key=key) if key is not None else sorted(items)  # type: ignore[type-var]
    groups: list[list[T]] = []
    compared: list[list[T]] = []  # one item a class, per group: what a newcomer must agree with
    group_of: dict[Hashable, int] = {}  # class -> its group
    by_block: dict[Hashable, set[int]] = {}  # block key -> the groups with a member holding it
    open_groups: set[int] = set()  # groups with a member that may agree with anything
    for item in ordered:
        kind = same(item) if same is not None else None
        if same is not None and kind in group_of:
            groups[group_of[kind]].append(item)
            continue
        keys = blocks(item) if blocks is not None else None
        if keys is None:
            candidates: Iterable[int] = range(len(groups))
        else:
            keys = list(keys)
            found = set(open_groups)
            for block in keys:
                found.update(by_block.get(block, ()))
            candidates = sorted(found)
        for index in candidates:
            if all(agree(member, item) for member in compared[index]):
                break
        else:
            index = len(groups)
            groups.append([])
            compared.append([])
        groups[index].append(item)
        compared[index].append(item)
        if same is not None:
            group_of[kind] = index
        if blocks is not None:
            if keys is None:
                open_groups.add(index)
            else:
                for block in keys:
                    by_block.setdefault(block, set()).add(index)
    return groups


def partition_by(items: Iterable[T], key: Callable[[T], Hashable]) -> dict[Hashable, list[T]]:
    """Items bucketed by ``key``, buckets in first-seen order."""
    out: dict[Hashable, list[T]] = {}
    for item in items:
        out.setdefault(key(item), []).append(item)
    return out


# ---------------------------------------------------------------------------
# Canonical keys
#
# Canonical keys for names, so that spelling variants of one name meet.
#
# Transliterations of Russian and Ukrainian names differ between outlets and
# languages (Ryabkov/Riabkov, Zelensky/Zelenskiy/Zelenskyy, Poutine/Putin); the
# key folds accents and case, then the spelling choices that transliteration
# leaves open.  A person's key is the key of the surname, so "Sergueï Ryabkov"
# and "Riabkov" meet.

# Ordered rewrites: each maps spellings that transliterations use for one sound.
_REWRITES = (
    (re.compile(r"ou"), "u"),
    (re.compile(r"[yj]"), "i"),
    (re.compile(r"sh|sch"), "ch"),  # Shoigu / Choïgou, Shevchenko / Chevtchenko
    (re.compile(r"gu(?=[ei])"), "g"),
    (re.compile(r"ck"), "k"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"w"), "v"),
    (re.compile(r"tch|tsch|ch"), "ch"),
    (re.compile(r"(.)\1+"), r"\1"),
)


@lru_cache(maxsize=65536)
def spelling_key(word: str) -> str:
    """A transliteration-blind key of one word."""
    key = re.sub(r"[^a-z]", "", fold(word).lower())
    for pattern, repl in _REWRITES:
        key = pattern.sub(repl, key)
    if len(key) > 4 and key.endswith("e"):
        key = key[:-1]  # Poutine / Putin
    return key


def person_key(name: str) -> str:
    """The key of a person: the spelling key of the surname (the last word)."""
    words = [w for w in re.split(r"\s+", fold(name).strip()) if w]
    if not words:
        return ""
    # An elided particle written against the surname is no part of it: "Giscard d'Estaing".
    return spelling_key(re.sub(r"^[a-z]{1,2}'(?=\w)", "", words[-1]))


def place_key(name: str) -> str:
    """The key of a place: its folded, lower-case name."""
    return " ".join(fold(name).lower().replace("-", " ").split())


# ---------------------------------------------------------------------------
# Keys, claimants and time: which statements are comparable at all
#
# A figure is (event, fact, key, value, claimant, as-of time).  Two statements
# conflict only when fact, key and claimant are the same, their times overlap
# and their values disagree.  Different claimants are shown side by side; a
# later figure of the same claimant revises an earlier one (a toll that only
# grows may only grow).


def canonical_key(key: str | None) -> str:
    """The comparison form of a fact's key: "Orléans", "orleans" and "ORLEANS" are one key; "" when none."""
    return place_key(key) if key else ""


def as_of_instant(as_of: Any) -> "datetime | None":
    """When a figure held, as a UTC instant; None when unknown or known only to the day ("2023-01-31")."""
    from datetime import datetime, timezone

    if not as_of or "T" not in str(as_of):
        return None
    try:
        moment = datetime.fromisoformat(str(as_of).replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment


def apart_in_time(earlier: Iterable[Any], later: Iterable[Any], same_time_minutes: float) -> bool:
    """Every instant of ``later`` comes more than ``same_time`` after every instant of ``earlier``.

    Instants are ``as_of_instant`` values; an unknown one (None) is never apart from anything.
    """
    earlier, later = list(earlier), list(later)
    if not earlier or not later or None in earlier or None in later:
        return False
    gap = (min(later) - max(earlier)).total_seconds() / 60
    return gap > same_time_minutes


def revision_allowed(evolves: str, earlier: Interval, later: Interval, tolerance: ToleranceLike | None = None) -> bool:
    """May ``later`` replace ``earlier``?  A growing figure ("grows") may not fall; a revised one may change."""
    if evolves == "grows":
        return later.widen(tolerance).hi >= earlier.lo
    return True


def same_time_windows(instants: Sequence[Any], same_time_minutes: float) -> list[list[int]]:
    """Indices of ``instants`` (sorted) in windows of ``same_time``: each window opens at its first instant.

    Unknown instants (None) form no window.
    """
    order = sorted((i for i, t in enumerate(instants) if t is not None), key=lambda i: instants[i])
    windows: list[list[int]] = []
    for i in order:
        if windows and (instants[i] - instants[windows[-1][0]]).total_seconds() / 60 <= same_time_minutes:
            windows[-1].append(i)
        else:
            windows.append([i])
    return windows
