"""Findings from the facts table: which sources agree on a fact, which conflict.

``run_checks(table, checks)`` runs every check of a rule set over the facts
table (one row a value mention, columns ``model.TABLE_COLUMNS``) and returns
``model.Finding`` records, sorted so that the output never depends on the row
order of the table.  Every comparison goes through ``semantics``.

Fact checks (compare ``interval``, ``date``, ``person``, ``place``, ``text``):

1. the rows of the fact (``fact: person`` means every row of kind person,
   ``kind: time`` every row of that kind), minus unresolved ones (no ``low``);
2. mentions of one article that agree with each other collapse into one unit,
   so an article repeating a value does not count twice;
3. units are grouped into mutually consistent groups (``group_consistent``);
4. one group from two or more articles is ``agree``, one article alone is
   ``single_source``, two groups or more are ``conflict``.

``same_modality`` / ``same_attribution``: statements of different modality
(planned, actual, unknown) or different claimant are never compared.  The
rows are split by modality/attribution and each part gets a finding of its
own, whose note names the part ("planned statements only"); a part never
conflicts with another.  Without those flags, a conflict's note says when the
sides differ in modality or claimant ("planned versus actual").

Problem checks (``spelling``, ``roles``, ``paired_time``) only report
problems, with status ``conflict``:

- ``spelling``: people are grouped by ``same_entity`` on their keys; one
  finding per person written with two surnames or more.  The suggestion is
  the spelling used by the most articles, ties broken alphabetically.  A name
  in capitals ("SUPINSKY", the agencies' credit style) counts as its
  capitalised form; a mention found through an alias ("chef du Kremlin"),
  whose last word is not the key's surname, spells nothing.
- ``roles``: one finding per person whose roles are not all ``role_compatible``.
- ``paired_time``: one finding per time mention whose two halves
  ("15h35 (20h35 GMT)") are not the same instant.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from typing import Any, Iterable, Protocol

from rapidfuzz import fuzz

from .model import TABLE_COLUMNS, Finding, Side
from .semantics import (
    DEFAULT_THRESHOLD,
    Interval,
    apart_in_time,
    as_of_instant,
    canonical_key,
    revision_allowed,
    same_time_windows,
    ToleranceLike,
    date_interval,
    dates_agree,
    group_consistent,
    intervals_agree,
    name_blocks,
    name_similarity,
    partition_by,
    role_compatible,
    same_entity,
    spelling_key,
)
from .text import fold_key

FACT_COMPARES = ("interval", "date", "person", "place", "text")
_NEVER = datetime.max
PROBLEM_COMPARES = ("spelling", "roles", "paired_time")
COMPARES = FACT_COMPARES + PROBLEM_COMPARES


class CheckLike(Protocol):
    """What ``run_checks`` reads from a check (``rules.CheckRule`` has it)."""

    id: str
    fact: str | None
    kind: str | None
    compare: str
    tolerance: ToleranceLike | None
    same_modality: bool
    same_attribution: bool
    threshold: int | None
    severity: str
    message: str


# ---------------------------------------------------------------------------
# rows


def _missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    # pandas' missing markers (NA, NaT), recognised without importing pandas.
    return type(value).__name__ in ("NAType", "NaTType")


_PLAIN_CELLS = frozenset({str, int, bool, type(None)})


def _clean(value: Any) -> Any:
    if _missing(value):
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        try:
            return value.item()  # numpy scalar -> python
        except (ValueError, AttributeError):
            return value
    return value


@dataclass(frozen=True)
class Row:
    """One mention of the facts table, with missing values as ``None``."""

    article: str
    source: str
    fact: str | None
    kind: str | None
    value: str
    low: Any
    high: Any
    unit: str | None = None
    tz: str | None = None
    qualifier: str | None = None
    modality: str = "unknown"
    role: str | None = None
    attribution: str | None = None
    key: str | None = None
    noun: str | None = None
    relation: str | None = None
    granularity: str | None = None
    paired: Any = field(default=None, compare=False)
    quote: str = ""
    start: int = 0
    end: int = 0
    fact_key: str | None = None
    claimant: str | None = None
    as_of: str | None = None
    as_of_source: str | None = None
    event: str = ""
    story: str = ""

    @property
    def sort_key(self) -> tuple:
        # Everything that can show in a finding, so rows that tie are interchangeable.
        return (
            self.article, self.start, self.end, self.value, str(self.low), str(self.high),
            self.modality, self.attribution or "", self.role or "", self.key or "", self.quote,
        )

    @property
    def name_key(self) -> str:
        return self.key or fold_key(self.value)


def table_rows(table: Any) -> list[Row]:
    """The facts table's rows as ``Row`` records, in a stable order (not the table's).

    ``table``: the pandas facts table, or its rows as tuples in ``TABLE_COLUMNS``
    order (``facts.row_tuples``: no DataFrame needed), or ``Row`` records.
    """
    if table is None or len(table) == 0:
        return []
    if isinstance(table, list) and isinstance(table[0], Row):
        return sorted(table, key=lambda row: row.sort_key)
    if hasattr(table, "columns"):
        names = [c for c in TABLE_COLUMNS if c in table.columns]
        records = table[names].to_dict("records")
    elif _ROW_FIELDS == TABLE_COLUMNS and all(len(row) == len(TABLE_COLUMNS) for row in table):
        # Row tuples (an archive's story, thousands of rows a changed story): read by position, no record built.
        rows = [_tuple_row([v if type(v) in _PLAIN_CELLS else _clean(v) for v in row]) for row in table]
        rows.sort(key=lambda row: row.sort_key)
        return rows
    else:
        records = [dict(zip(TABLE_COLUMNS, row)) for row in table]
    rows = []
    for record in records:
        # str, int, bool and None pass _clean unchanged: tested by type first (most cells), the rest cleaned.
        r = {k: v if type(v) in _PLAIN_CELLS else _clean(v) for k, v in record.items()}
        rows.append(
            Row(
                article=str(r.get("article") or ""),
                source=str(r.get("source") or r.get("article") or ""),
                fact=r.get("fact"),
                kind=r.get("kind"),
                value="" if r.get("value") is None else str(r.get("value")),
                low=r.get("low"),
                high=r.get("high"),
                unit=r.get("unit"),
                tz=r.get("tz"),
                qualifier=r.get("qualifier"),
                modality=r.get("modality") or "unknown",
                role=r.get("role"),
                attribution=r.get("attribution"),
                key=r.get("key"),
                noun=r.get("noun"),
                relation=r.get("relation"),
                granularity=r.get("granularity"),
                paired=r.get("paired") if isinstance(r.get("paired"), dict) else None,
                quote="" if r.get("quote") is None else str(r.get("quote")),
                start=int(r.get("start") or 0),
                end=int(r.get("end") or 0),
                fact_key=r.get("fact_key"),
                claimant=r.get("claimant"),
                as_of=r.get("as_of"),
                as_of_source=r.get("as_of_source"),
                event=str(r.get("event") or ""),
                story=str(r.get("story") or ""),
            )
        )
    rows.sort(key=lambda row: row.sort_key)
    return rows


_ROW_FIELDS = tuple(f.name for f in fields(Row))


def _tuple_row(cells: list) -> Row:
    """``Row`` of a facts-table row in ``TABLE_COLUMNS`` order (the fields of ``Row``), as ``table_rows`` reads a record."""
    (article, source, fact, kind, value, low, high, unit, tz, qualifier, modality, role, attribution, key, noun,
     relation, granularity, paired, quote, start, end, fact_key, claimant, as_of, as_of_source, event, story) = cells
    return Row(str(article or ""), str(source or article or ""), fact, kind, "" if value is None else str(value), low,
               high, unit, tz, qualifier, modality or "unknown", role, attribution, key, noun, relation, granularity,
               paired if isinstance(paired, dict) else None, "" if quote is None else str(quote), int(start or 0),
               int(end or 0), fact_key, claimant, as_of, as_of_source, str(event or ""), str(story or ""))


def _select(by_fact: dict[str | None, list[Row]], by_kind: dict[str | None, list[Row]], check: CheckLike) -> list[Row]:
    """The rows ``check`` compares, from the rows grouped by fact and by kind (each group in the rows' order)."""
    fact = getattr(check, "fact", None)
    kind = getattr(check, "kind", None)
    if fact == "person":
        return list(by_kind.get("person", ()))
    if fact:
        # A story's check compares its own story's rows (two stories may both declare `call.date`).
        story = getattr(check, "story", "") or ""
        if story and story != "common":
            return [r for r in by_fact.get(fact, ()) if not r.story or r.story == story]
        return list(by_fact.get(fact, ()))
    if kind:
        return list(by_kind.get(kind, ()))
    return []


# ---------------------------------------------------------------------------
# how each compare kind reads a row and decides agreement


def _number(value: Any) -> float | None:
    if value is None:
        return None
    try:
        x = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(x) else x


def _interval(row: Row) -> Interval | None:
    low, high = _number(row.low), _number(row.high)
    if low is None and high is None:
        return None
    if low is not None and high is not None and low > high:
        low, high = high, low
    return Interval(low, high)


class _Semantics:
    """The comparison form of a row and the agreement of two rows, for one check."""

    def __init__(self, check: CheckLike) -> None:
        self.compare = check.compare
        self.tolerance = getattr(check, "tolerance", None)
        threshold = getattr(check, "threshold", None)
        self.threshold = DEFAULT_THRESHOLD if threshold is None else threshold

    def form(self, row: Row) -> Any:
        if self.compare == "interval":
            return _interval(row)
        if self.compare == "date":
            return date_interval(row.low, row.high)
        if self.compare in ("person", "place"):
            return row.name_key if (row.key or row.value) else None
        if self.compare == "text":
            return fold_key(row.value) or None
        raise ValueError(f"not a fact comparison: {self.compare!r}")

    def agree(self, a: Any, b: Any) -> bool:
        if self.compare == "interval":
            return intervals_agree(a, b, self.tolerance)
        if self.compare == "date":
            return dates_agree(a, b, self.tolerance)
        if self.compare in ("person", "place"):
            return same_entity(a, b, self.threshold)
        return a == b or fuzz.ratio(a, b) >= self.threshold


@dataclass(frozen=True)
class _Unit:
    """Mentions of one article that agree with each other: one statement."""

    rows: tuple[Row, ...]
    forms: tuple[Any, ...]

    @property
    def sort_key(self) -> tuple:
        return tuple(r.sort_key for r in self.rows)


# ---------------------------------------------------------------------------
# display


def _hhmm(minutes: float) -> str:
    m = int(round(minutes))
    return f"{(m // 60) % 24:02d}:{m % 60:02d}"


def display(row: Row) -> str:
    """The row's readable value, as the grammar normalised it: "20:35 UTC", "≈50 min"."""
    return row.value or ""


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))


def _side(rows: Iterable[Row], *, value: str | None = None, low: Any = None, high: Any = None) -> Side:
    """A side: articles sorted; ``quotes[i]`` is the first quote of ``articles[i]``."""
    rows = sorted(rows, key=lambda r: r.sort_key)
    first: dict[str, Row] = {}
    for r in rows:
        first.setdefault(r.article, r)
    articles = sorted(first)
    return Side(
        value=value if value is not None else " / ".join(_unique(display(r) for r in rows)),
        low=low,
        high=high,
        articles=tuple(articles),
        quotes=tuple(first[a].quote for a in articles),
        modalities=tuple(sorted({r.modality or "unknown" for r in rows})),
        attributions=tuple(sorted({r.attribution for r in rows if r.attribution})),
    )


def _side_bounds(compare: str, units: list[_Unit]) -> tuple[Any, Any]:
    """What the side's statements allow together: their intersection, else their hull."""
    forms = [f for u in units for f in u.forms]
    if compare == "interval":
        inter: Interval | None = forms[0]
        for f in forms[1:]:
            inter = inter.intersection(f) if inter is not None else None
        if inter is None:
            lows = [f.low for f in forms]
            highs = [f.high for f in forms]
            inter = Interval(
                None if None in lows else min(lows), None if None in highs else max(highs)
            )
        return _plain(inter.low), _plain(inter.high)
    if compare == "date":
        lo = max(f.lo for f in forms)
        hi = min(f.hi for f in forms)
        if lo > hi:
            lo, hi = min(f.lo for f in forms), max(f.hi for f in forms)
        return _iso(lo), _iso(hi)
    keys = Counter(forms)
    best = sorted(keys, key=lambda k: (-keys[k], -len(k), k))[0]
    return best, None


def _plain(x: float | None) -> float | int | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x


def _iso(d: date) -> str | None:
    return None if d in (date.min, date.max) else d.isoformat()


def _side_order(side: Side) -> tuple:
    low = side.low
    if isinstance(low, (int, float)):
        return (0, float(low), "", side.value)
    return (1, 0.0, "" if low is None else str(low), side.value)


def _difference_note(sides: list[Side]) -> str:
    """"planned versus actual", "according to X versus Y", when the sides differ so."""
    parts = []
    # A side labelled by modality only when its statements have one known modality.
    known = [sorted(set(s.modalities) - {"unknown"}) for s in sides]
    modalities = _unique(k[0] for k in known if len(k) == 1)
    if len(modalities) > 1:
        parts.append(" versus ".join(modalities))
    attributions = _unique(", ".join(s.attributions) for s in sides)
    if len(attributions) > 1:
        parts.append("according to " + " versus ".join(attributions))
    return "; ".join(parts)


# ---------------------------------------------------------------------------
# fact checks


def _fact_findings(rows: list[Row], check: CheckLike) -> list[Finding]:
    """One verdict per (key, claimant) of the fact; per key, how the claimants compare.

    Statements of different keys are never compared.  Within a key, each claimant class (and the
    unattributed statements, together) gets its own verdict; when several claimants state the key,
    a key-level verdict says whether they all agree (``agree``) or differ (``differs_by_claimant``:
    side by side, never a conflict).  A fact that changes over time also gets a verdict for each
    window of ``same_time`` in which two articles or more state it.
    """
    sem = _Semantics(check)
    formed = [(r, sem.form(r)) for r in rows]
    formed = [(r, f) for r, f in formed if f is not None]
    if check.compare == "interval":
        formed = _comparable_clock(formed)
    findings: list[Finding] = []
    by_key = partition_by(formed, lambda it: canonical_key(it[0].fact_key))
    for key in sorted(by_key):
        items = by_key[key]
        shown_key = _shown_key(items)
        # A check that says `same_attribution: false` compares every claimant's figures together.
        by_claimant = ({"": items} if getattr(check, "across_claimants", False)
                       else partition_by(items, lambda it: it[0].claimant or ""))
        for claimant in sorted(by_claimant):
            for finding in _claimant_findings(by_claimant[claimant], check, sem):
                findings.append(replace(finding, fact_key=shown_key, claimant=claimant or None))
        if len(by_claimant) > 1:
            across = _across_claimants(items, check, sem)
            if across is not None:
                findings.append(replace(across, fact_key=shown_key))
        if getattr(check, "evolves", "none") != "none":
            findings.extend(replace(f, fact_key=shown_key) for f in _time_windows(items, check, sem))
    return findings


def _shown_key(items: list[tuple[Row, Any]]) -> str | None:
    """A key as the articles write it most often (ties: alphabetically)."""
    counts = Counter(r.fact_key for r, _ in items if r.fact_key)
    return sorted(counts, key=lambda k: (-counts[k], k))[0] if counts else None


def _claimant_findings(formed: list[tuple[Row, Any]], check: CheckLike, sem: "_Semantics") -> list[Finding]:
    """The verdicts of one claimant (or of the unattributed statements) on one key."""

    def part_key(item: tuple[Row, Any]) -> tuple:
        r = item[0]
        return (
            r.modality if getattr(check, "same_modality", False) else None,
            (r.attribution or "") if getattr(check, "same_attribution", False) else None,
            # A share and a head count are never the same number.
            r.unit == "%" if check.compare == "interval" else None,
        )

    parts = partition_by(formed, part_key)
    findings = []
    for key in sorted(parts, key=lambda k: tuple("" if x is None else str(x) for x in k)):
        note = _part_note(key) if len(parts) > 1 else ""
        items, revised = _latest_in_each_article(parts[key], check, sem)
        finding = _fact_finding(items, check, sem, note)
        if finding is not None:
            finding = _in_time(finding, items, check, sem)
            if revised:
                finding = replace(finding, note="; ".join(n for n in (finding.note, revised) if n))
            findings.append(finding)
    return findings


def _revisable(rows: Iterable[Row], check: CheckLike) -> bool:
    """Figures that change over time may replace one another: the fact evolves, or the text dates them."""
    rows = list(rows)
    return getattr(check, "evolves", "none") != "none" or all(r.as_of_source == "text" for r in rows)


def _latest_in_each_article(items: list[tuple[Row, Any]], check: CheckLike, sem: "_Semantics"
                            ) -> tuple[list[tuple[Row, Any]], str]:
    """An article that gives a figure at 18:30 and another later keeps the later one (with a note)."""
    kept: list[tuple[Row, Any]] = []
    notes: list[str] = []
    for article, mine in sorted(partition_by(items, lambda it: it[0].article).items()):
        timed = [(as_of_instant(r.as_of), r, f) for r, f in mine]
        if len(mine) < 2 or any(t is None for t, _, _ in timed) or not _revisable([r for r, _ in mine], check):
            kept.extend(mine)
            continue
        latest = max(t for t, _, _ in timed)
        last = [(r, f) for t, r, f in timed if t == latest]
        earlier = [(t, r, f) for t, r, f in timed if t != latest
                   and not all(sem.agree(f, g) for _, g in last)
                   and apart_in_time([t], [latest], 0)
                   and all(_revision_ok(check, f, g) for _, g in last)]
        dropped = {id(r) for _, r, _ in earlier}
        kept.extend((r, f) for r, f in mine if id(r) not in dropped)
        notes += [f"{article}: {display(r)} at {r.as_of[11:16]} revised to {display(last[0][0])}" for _, r, _ in earlier]
    return kept, "; ".join(notes)


def _revision_ok(check: CheckLike, earlier: Any, later: Any) -> bool:
    if isinstance(earlier, Interval) and isinstance(later, Interval):
        return revision_allowed(getattr(check, "evolves", "none"), earlier, later, getattr(check, "tolerance", None))
    return True


def _in_time(finding: Finding, items: list[tuple[Row, Any]], check: CheckLike, sem: "_Semantics") -> Finding:
    """A conflict between statements made at clearly different times of a figure that may change is a revision.

    Every two sides must be more than ``same_time`` apart, the later allowed to replace the earlier
    (a growing toll may not fall): then the verdict is ``superseded``, latest side first.
    """
    if finding.status != "conflict" or len(finding.groups) < 2:
        return finding
    rows_of: dict[tuple[str, str], list[Row]] = {}
    for r, _ in items:
        rows_of.setdefault((r.article, r.quote), []).append(r)
    forms = {id(r): f for r, f in items}
    sides = []
    for side in finding.groups:
        rows = [r for r, _ in items if r.article in side.articles and display(r) in side.value.split(" / ")]
        if not rows or not _revisable(rows, check):
            return finding
        sides.append((side, rows, [as_of_instant(r.as_of) for r in rows]))
    same_time = float(getattr(check, "same_time", 60.0) or 0.0)
    if all(t is not None for _, _, ts in sides for t in ts):
        # Statements at about the same time that disagree are the conflict, whatever came later.
        for window in same_time_windows([as_of_instant(r.as_of) for r, _ in items], same_time):
            members = [items[i] for i in window]
            within = _fact_finding(members, check, sem, "")
            if within is not None and within.status == "conflict":
                when = min(as_of_instant(r.as_of) for r, _ in members)
                note = "; ".join(n for n in (within.note, f"stated at the same time ({when:%d %H:%M} UTC)") if n)
                return replace(finding, groups=within.groups, note=note)
    sides.sort(key=lambda s: min((t for t in s[2] if t is not None), default=None) or _NEVER)
    for (a, rows_a, times_a), (b, rows_b, times_b) in zip(sides, sides[1:]):
        if not apart_in_time(times_a, times_b, same_time):
            return finding
        if not all(_revision_ok(check, forms[id(x)], forms[id(y)]) for x in rows_a for y in rows_b):
            return finding
    ordered = tuple(s for s, _, _ in reversed(sides))
    when = " → ".join(f"{s.value} ({min(t for t in ts if t is not None):%d %H:%M} UTC)" for s, _, ts in sides)
    note = "; ".join(n for n in (finding.note, f"revised over time: {when}") if n)
    return replace(finding, status="superseded", severity="info", groups=ordered, note=note)


def _across_claimants(items: list[tuple[Row, Any]], check: CheckLike, sem: "_Semantics") -> Finding | None:
    """How the claimants of one key compare: all agree, or their figures side by side.

    An unattributed figure that contradicts a claimed one is a warning that says so; claimants
    that differ are information (police and unions counting differently is the story, not an error).
    """
    latest, _ = _latest_in_each_article(items, check, sem)
    finding = _fact_finding(latest, check, sem, "")
    if finding is None:
        return None
    by_claimant = partition_by(latest, lambda it: it[0].claimant or "")
    if finding.status != "conflict":
        return replace(finding, note="; ".join(n for n in (finding.note, "every claimant agrees") if n))
    sides = []
    for claimant in sorted(by_claimant):
        part = _fact_finding(by_claimant[claimant], check, sem, "")
        label = claimant or "no claimant"
        for side in part.groups:
            sides.append(replace(side, value=f"{label}: {side.value}"))
    unattributed = "" in by_claimant
    listed = "; ".join(s.value for s in sides)
    note = (f"an unattributed figure differs from a claimed one: {listed}" if unattributed
            else f"claimants differ: {listed}")
    return replace(finding, status="differs_by_claimant", severity="warning" if unattributed else "info",
                   groups=tuple(sides), note=note, claimant=None)


def _time_windows(items: list[tuple[Row, Any]], check: CheckLike, sem: "_Semantics") -> list[Finding]:
    """For a figure that changes over time: one verdict per window of ``same_time`` stated by two articles or more."""
    instants = [as_of_instant(r.as_of) for r, _ in items]
    out = []
    for window in same_time_windows(instants, float(getattr(check, "same_time", 60.0) or 0.0)):
        members = [items[i] for i in window]
        if len({r.article for r, _ in members}) < 2:
            continue
        finding = _fact_finding(members, check, sem, "")
        when = f"{min(instants[i] for i in window):%d %H:%M}–{max(instants[i] for i in window):%H:%M} UTC"
        claimants = {r.claimant or "" for r, _ in members}
        if finding.status == "conflict":
            if len(claimants) < 2:
                continue  # one claimant at one time: its own verdict says conflict
            finding = replace(finding, status="differs_by_claimant", severity="info")
        out.append(replace(finding, note="; ".join(n for n in (finding.note, f"stated {when}") if n)))
    return out


def _listed(sides: list[Side]) -> bool:
    """Some article states a value of every side: the values are a list, not a contradiction."""
    common = set(sides[0].articles)
    for side in sides[1:]:
        common &= set(side.articles)
    return bool(common)


def _comparable_clock(formed: list[tuple[Row, Any]]) -> list[tuple[Row, Any]]:
    # A time with no known zone cannot be placed on the UTC clock: compare it
    # only when no mention of the fact has a zone.
    if any(r.kind == "time" and r.tz for r, _ in formed):
        return [(r, f) for r, f in formed if r.kind != "time" or r.tz]
    return formed


def _part_note(key: tuple) -> str:
    modality, attribution, percent = key
    bits = []
    if modality is not None:
        bits.append(f"{modality} statements only")
    if attribution is not None:
        bits.append(f"according to {attribution}" if attribution else "no attribution")
    if percent:
        bits.append("percentages")
    return "; ".join(bits)


def _fact_finding(items: list[tuple[Row, Any]], check: CheckLike, sem: _Semantics, note: str) -> Finding | None:
    if not items:
        return None
    units: list[_Unit] = []
    by_article = partition_by(items, lambda it: it[0].article)
    for article in sorted(by_article):
        members = group_consistent(
            by_article[article], lambda a, b: sem.agree(a[1], b[1]), key=lambda it: it[0].sort_key,
            same=lambda it: it[1],
        )
        units.extend(_Unit(tuple(r for r, _ in g), tuple(f for _, f in g)) for g in members)

    def units_agree(a: _Unit, b: _Unit) -> bool:
        return all(sem.agree(x, y) for x in a.forms for y in b.forms)

    # Units stating the same values are interchangeable (hundreds of articles agreeing on one
    # figure are compared once); names are only compared with names that share a block.
    blocks = (lambda u: name_blocks(u.forms[0], sem.threshold)) if check.compare in ("person", "place") else None
    groups = group_consistent(units, units_agree, key=lambda u: u.sort_key, same=lambda u: frozenset(u.forms),
                              blocks=blocks)
    sides = []
    for group in groups:
        low, high = _side_bounds(check.compare, group)
        sides.append(_side([r for u in group for r in u.rows], low=low, high=high))
    sides.sort(key=_side_order)

    articles = {a for s in sides for a in s.articles}
    if len(sides) > 1 and check.compare == "date" and _listed(sides):
        # "mardi 7 et samedi 11 février": an article that states every side lists several days.
        note = "; ".join(n for n in (note, "several days listed") if n)
        status = "agree" if len(articles) > 1 else "single_source"
    elif len(sides) > 1:
        status = "conflict"
        difference = _difference_note(sides)
        note = "; ".join(n for n in (note, difference) if n)
    elif len(articles) > 1:
        status = "agree"
    else:
        status = "single_source"
    fact = getattr(check, "fact", None) or getattr(check, "kind", None) or ""
    return Finding(
        rule=check.id,
        fact=fact,
        status=status,
        severity=check.severity,
        message=check.message,
        groups=tuple(sides),
        note=note,
    )


# ---------------------------------------------------------------------------
# people: spelling and roles

_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")


def surname(name: str) -> str:
    """The last word of a name as written, accents and case kept; capitals as a capitalised word."""
    words = _WORD.findall(name or "")
    if not words:
        return ""
    word = words[-1]
    if len(word) > 1 and word.isupper():
        word = "-".join(p.capitalize() for p in word.split("-"))
    return word


def _spells_key(word: str, key: str, threshold: float) -> bool:
    last = key.split()[-1] if key.split() else ""
    if not word or not last:
        return False
    return spelling_key(word) == spelling_key(last) or name_similarity(word, last) >= threshold


def _entities(rows: list[Row], threshold: int) -> list[tuple[str, list[Row]]]:
    """People grouped by ``same_entity`` on their keys, each with its fullest key."""
    people = [r for r in rows if r.kind == "person" and (r.key or r.value)]
    by_key = partition_by(people, lambda r: r.name_key)
    keys = group_consistent(by_key, lambda a, b: same_entity(a, b, threshold),
                            blocks=lambda k: name_blocks(k, threshold))
    out = []
    for group in keys:
        name = sorted(group, key=lambda k: (-len(k.split()), -len(k), k))[0]
        out.append((name, [r for k in group for r in by_key[k]]))
    out.sort(key=lambda e: e[0])
    return out


def _spelling_findings(rows: list[Row], check: CheckLike) -> list[Finding]:
    threshold = getattr(check, "threshold", None) or DEFAULT_THRESHOLD
    findings = []
    for name, members in _entities(rows, threshold):
        # A mention found through an alias ("chef du Kremlin") spells no name.
        written = [r for r in members if _spells_key(surname(r.value), r.name_key, threshold)]
        spellings = partition_by(written, lambda r: surname(r.value))
        if len(spellings) < 2:
            continue
        counts = {s: len({r.article for r in rs}) for s, rs in spellings.items()}
        ordered = sorted(counts, key=lambda s: (-counts[s], s))
        listed = ", ".join(f"{s} ({counts[s]})" for s in sorted(counts))
        groups = [_side(spellings[s], value=s, low=s) for s in ordered]
        findings.append(_problem(check, f"person:{name}", groups, f"spelling variants: {listed}; suggest {ordered[0]}"))
    return findings


def _problem(check: CheckLike, fact: str, groups: list[Side], note: str, status: str = "variant") -> Finding:
    """A story-independent problem: a name written or described two ways is a ``variant``; the two
    halves of a paired time that are not one instant are a ``conflict``."""
    return Finding(rule=check.id, fact=fact, status=status, severity=check.severity, message=check.message,
                   groups=tuple(groups), note=note)


def _roles_findings(rows: list[Row], check: CheckLike) -> list[Finding]:
    threshold = getattr(check, "threshold", None) or DEFAULT_THRESHOLD
    findings = []
    for name, members in _entities(rows, threshold):
        with_role = [r for r in members if r.role and r.role.strip()]
        groups = group_consistent(
            with_role,
            lambda a, b: role_compatible(a.role, b.role),
            key=lambda r: (fold_key(r.role or ""),) + r.sort_key,
            same=lambda r: fold_key(r.role or ""),  # one role written alike in a thousand articles: compared once
        )
        if len(groups) < 2:
            continue
        sides = [_side(g, value=" / ".join(_unique(r.role for r in g))) for g in groups]
        listed = ", ".join(f"{s.value} ({len(s.articles)})" for s in sides)
        findings.append(_problem(check, f"person:{name}", sides, f"roles: {listed}"))
    return findings


# ---------------------------------------------------------------------------
# paired times

def _paired_findings(rows: list[Row], check: CheckLike) -> list[Finding]:
    """One finding per paired time ("15h35 (20h40 GMT)") whose halves are not one instant."""
    findings = []
    for row in rows:
        paired = row.paired
        if row.kind != "time" or not isinstance(paired, dict) or paired.get("consistent") is not False:
            continue
        local, local_min = paired.get("local"), paired.get("local_minutes")
        utc, utc_min = paired.get("utc"), paired.get("utc_minutes")
        offset = paired.get("offset_minutes")
        if paired.get("zone"):
            expected = (local_min - offset) % 1440
            note = f"{local} {paired['zone']} is {_hhmm(expected)} UTC, not {utc}"
        else:
            expected = None
            hours, minutes = divmod(abs(int(offset)), 60)
            note = f"{local} and {utc} UTC are {hours} h {minutes:02d} apart: no time zone is"
        groups = [
            _side([row], value=(f"{local} {paired['zone']} = {_hhmm(expected)} UTC" if expected is not None
                                else f"{local} local"),
                  low=expected, high=expected),
            _side([row], value=f"{utc} UTC stated", low=utc_min, high=utc_min),
        ]
        findings.append(_problem(check, row.fact or row.kind or "time", groups, note, status="conflict"))
    return findings


# ---------------------------------------------------------------------------


def _finding_order(f: Finding) -> tuple:
    return (f.fact, f.rule, f.groups[0].value if f.groups else "", f.note, tuple(g.value for g in f.groups),
            tuple(a for g in f.groups for a in g.articles))


def run_checks(table: Any, checks: Iterable[CheckLike] | Any) -> list[Finding]:
    """Run ``checks`` (or a rule set's ``.checks``) over the facts table (any form ``table_rows`` reads)."""
    if hasattr(checks, "checks"):
        checks = checks.checks
    rows = table_rows(table)
    by_fact: dict[str | None, list[Row]] = {}
    by_kind: dict[str | None, list[Row]] = {}
    for row in rows:  # grouped once, not scanned again for each check
        by_fact.setdefault(row.fact, []).append(row)
        by_kind.setdefault(row.kind, []).append(row)
    findings: list[Finding] = []
    for check in checks:
        selected = _select(by_fact, by_kind, check)
        if check.compare in FACT_COMPARES:
            findings.extend(_fact_findings(selected, check))
        elif check.compare == "spelling":
            findings.extend(_spelling_findings(selected, check))
        elif check.compare == "roles":
            findings.extend(_roles_findings(selected, check))
        elif check.compare == "paired_time":
            findings.extend(_paired_findings(selected, check))
        else:
            raise ValueError(f"check {check.id}: unknown compare {check.compare!r}")
    findings.sort(key=_finding_order)
    return findings


def compare_kinds(checks: Iterable[CheckLike] | Any) -> dict[str, str]:
    """Rule id -> compare kind, so renderers can tell a spelling finding from a fact."""
    if hasattr(checks, "checks"):
        checks = checks.checks
    return {c.id: c.compare for c in checks}
