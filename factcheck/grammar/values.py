"""Reading matched value forms into intervals: times, durations, counts, dates, ordinals.

Each reader takes the master pattern's match (on the folded view) and returns a
``Value`` or None when the form, in its context, is no value after all (``1:13``
with nothing around it is a video stamp, not a time of day).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from types import ModuleType
from typing import Any
from zoneinfo import ZoneInfo

from ..text import fold
from .patterns import Grammar


@dataclass
class Value:
    kind: str
    value: str
    low: Any
    high: Any
    start: int
    end: int
    unit: str | None = None
    qualifier: str = "exact"
    tz: str | None = None
    noun: str | None = None
    relation: str | None = None
    granularity: str | None = None
    paired: dict | None = None
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Reference:
    """The publication date an article's relative dates are resolved against."""

    day: date | None  # the reference day (the 15th when only the month is known)
    precision: str | None  # "day", "month", "year" or None when unknown

    @classmethod
    def from_iso(cls, iso: str | None) -> "Reference":
        if not iso:
            return cls(None, None)
        m = re.fullmatch(r"\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?\s*", str(iso))
        if not m:
            return cls(None, None)
        year, month, day = int(m.group(1)), m.group(2), m.group(3)
        try:
            if day:
                return cls(date(year, int(month), int(day)), "day")
            if month:
                return cls(date(year, int(month), 15), "month")
            return cls(date(year, 7, 1), "year")
        except ValueError:
            return cls(None, None)


# --- numbers ---------------------------------------------------------------

def parse_number(text: str, code: str = "fr") -> float | None:
    """Digits ("100 000", "100.000", "1,28") or French number words ("cent mille")."""
    raw = text.strip()
    if raw[:1].isdigit():
        compact = re.sub(r"[ .](?=\d{3}(?!\d))", "", raw)
        try:
            return float(compact.replace(",", "."))
        except ValueError:
            return None
    return _words_to_number(fold(raw).lower(), code)


@lru_cache(maxsize=2048)
def _words_to_number(words: str, code: str) -> float | None:
    from text_to_num import text2num  # imported on first use: keeps `import factcheck` fast

    try:
        return float(text2num(re.sub(r"\s+", " ", words), code))
    except (ValueError, KeyError, IndexError):
        return None


def _fmt_number(x: float) -> str:
    if x == int(x):
        return f"{int(x):,}".replace(",", " ")
    return f"{x:,.2f}".rstrip("0").rstrip(".").replace(",", " ").replace(".", ",")  # 2.5 -> "2,5", 1.28 -> "1,28"


def _scaled(low: float, high: float | None, lo_f: float, hi_f: float | None) -> tuple[float, float | None]:
    return low * lo_f, (None if hi_f is None or high is None else high * hi_f)


# --- times -----------------------------------------------------------------

def _clock(lang: ModuleType, m: re.Match, p: str) -> tuple[int, int] | None:
    g = m.group
    if g(p + "h") is not None:
        return int(g(p + "h")), int(g(p + "m") or 0)
    if g(p + "hc") is not None:
        return int(g(p + "hc")), int(g(p + "mc"))
    if g(p + "hw") is not None:
        hour = _words_to_number(g(p + "hw").lower(), lang.CODE)
        if hour is None or not 0 <= hour <= 23:
            return None
        return int(hour), _word_minutes(lang, g(p + "mw"))
    if g(p + "named") is not None:
        base = lang.NAMED_TIMES[g(p + "named").lower()]
        return base // 60, _word_minutes(lang, g(p + "nm"))
    return None


def _word_minutes(lang: ModuleType, words: str | None) -> int:
    if not words:
        return 0
    w = " ".join(words.lower().split())
    if w in lang.MINUTE_PHRASES:
        return lang.MINUTE_PHRASES[w]
    n = _words_to_number(w, lang.CODE)
    return int(n) if n is not None and 0 <= n < 60 else 0


def _zone_name(lang: ModuleType, raw: str | None) -> str | None:
    if not raw:
        return None
    key = " ".join(raw.strip("() ").lower().replace("\u2019", "'").split())
    return lang.TIME_ZONES.get(key)


def _offset_minutes(zone: str, on: date) -> int:
    if zone == "UTC":
        return 0
    local = datetime(on.year, on.month, on.day, 12, tzinfo=ZoneInfo(zone))
    return int(local.utcoffset().total_seconds() // 60)


def _hm(minutes: float) -> str:
    minutes = int(round(minutes)) % 1440
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def read_time(g: Grammar, m: re.Match, view: str, ref: Reference) -> Value | None:
    if m.group("paired"):
        return _read_paired(g, m, ref)
    clock = _clock(g.lang, m, "t")
    if clock is None:
        return None
    hour, minute = clock
    zone_raw = m.group("tzone")
    before = view[max(0, m.start() - 40): m.start()]
    colon = m.group("thc") is not None
    spoken = m.group("thw") is not None
    local = hour * 60 + minute
    preposition = bool(g.time_context.search(before))
    has_context = preposition or bool(zone_raw) or bool(m.group("tmark"))
    if colon and not has_context:
        return None  # "1:13" with nothing around it is a video stamp, not a time of day
    if (spoken and not preposition and not zone_raw) or (
        m.group("th") is not None and not has_context and g.duration_context.search(before)
    ):
        # "trois heures", "pendant 1h30": a length of time, not a time of day
        return Value("duration", " ".join(m.group(0).split()), local, local, m.start(), m.end(),
                     unit="min", relation=_relation(g, view, m))
    zone = _zone_name(g.lang, zone_raw)
    spread = g.lang.TIME_APPROX_MARKERS.get(" ".join((m.group("tmark") or "").lower().split()), 0)
    qualifier = "approx" if spread else "exact"
    text = m.group(0).strip()
    if zone:
        utc = (local - _offset_minutes(zone, ref.day or date(2000, 1, 15))) % 1440
        shown = text if zone == "UTC" else f"{text} ({_hm(utc)} UTC)"
        return Value("time", shown, utc - spread, utc + spread, m.start(), m.end(), unit="min", qualifier=qualifier, tz="UTC")
    return Value("time", text, local - spread, local + spread, m.start(), m.end(), unit="min", qualifier=qualifier)


def _read_paired(g: Grammar, m: re.Match, ref: Reference) -> Value | None:
    first, second = _clock(g.lang, m, "pa"), _clock(g.lang, m, "pb")
    if first is None or second is None:
        return None
    on = ref.day or date(2000, 1, 15)
    zone_b = _zone_name(g.lang, m.group("pbzone"))
    zone_a = _zone_name(g.lang, m.group("pazone"))
    if zone_b is None:
        return None
    local_a = first[0] * 60 + first[1]
    utc = (second[0] * 60 + second[1] - _offset_minutes(zone_b, on)) % 1440
    if zone_a:
        utc_a = (local_a - _offset_minutes(zone_a, on)) % 1440
        offset = _offset_minutes(zone_a, on)
        consistent = utc_a == utc
    else:
        offset = ((local_a - utc + 720) % 1440) - 720
        # Zone offsets are whole quarter hours within -12h..+14h: 15h35 (20h40 GMT) is no zone.
        consistent = offset % 15 == 0 and -720 <= offset <= 840
    text = " ".join(m.group(0).split())
    paired = {
        "local": m.group(0)[: m.group(0).find("(")].strip(" \"'"), "local_minutes": local_a,
        "utc": _hm(utc), "utc_minutes": utc, "zone": (m.group("pazone") or "").strip("() ") or None,
        "offset_minutes": offset, "consistent": consistent,
    }
    return Value("time", f"{text} ({_hm(utc)} UTC)", utc, utc, m.start(), m.end(), unit="min", tz="UTC", paired=paired)


# --- quantities: durations and counts --------------------------------------

def read_quantity(g: Grammar, m: re.Match, view: str, ref: Reference, text: str | None = None) -> Value | None:
    """A duration or a count; ``text`` (the article as loaded) gives the counted noun its accents."""
    lang = g.lang
    mark = g.markers.get(" ".join((m.group("qmark") or "").lower().split()).replace("' ", "'"))
    qualifier, lo_f, hi_f = lang.APPROX_MARKERS[mark] if mark else ("exact", 1.0, 1.0)
    unit_word = " ".join((m.group("qunit") or "").lower().split()).replace("' ", "'")
    noun = (m.group("qnoun") or "").lower() or None
    if noun and (noun in lang.FUNCTION_WORDS or noun in lang.MONTHS or noun in lang.WEEKDAYS
                 or noun in lang.AUXILIARIES):
        noun = None  # "5000 et", "68 est": no counted noun
    if noun and text is not None:
        noun = text[m.start("qnoun"):m.end("qnoun")].lower()

    if m.group("qvague"):
        parts = re.findall("|".join(lang.VAGUE_UNITS), m.group("qvague").lower())
        unit = 1.0
        for part in parts:
            unit *= lang.VAGUE_UNITS[part]
        low, high = 2 * unit, 10 * unit
        qualifier = "approx" if qualifier == "exact" else qualifier
    elif m.group("qapprox"):
        n = lang.APPROX_NOUNS[m.group("qapproxn").lower()]
        low, high = n * 0.9, n * 1.1
        qualifier = "approx" if qualifier == "exact" else qualifier
    elif m.group("qfew"):
        low, high = lang.FEW_RANGE
        qualifier = "approx"
    else:
        n = parse_number(m.group("qnum"), lang.CODE)
        if n is None:
            return None
        scale = m.group("qscale")
        if scale:
            n *= lang.SCALES[scale.lower()]
        if n == 1 and not unit_word and not mark and not m.group("qnum")[:1].isdigit():
            return None  # "un appel", "une réponse": an article, not a count
        bare = not unit_word and not noun and not mark and not m.group("qpct")
        if bare and not m.group("qnum")[:1].isdigit():
            return None  # a number word standing alone ("neuf") says nothing checkable
        if bare and not scale and re.fullmatch(r"(?:1[89]|20)\d\d", m.group("qnum")):
            return None  # "le rapport de 2014": a year, not a count
        low, high = n, n

    if unit_word:
        factor = lang.DURATION_UNITS[unit_word]
        if m.group("qhalf"):
            low, high = low + 0.5, (None if high is None else high + 0.5)
        low, high = low * factor, (None if high is None else high * factor)
        low, high = _scaled(low, high, lo_f, hi_f)
        return Value(
            "duration", " ".join(m.group(0).split()), _tidy(low), _tidy(high), m.start(), m.end(),
            unit="min", qualifier=qualifier, relation=_relation(g, view, m),
        )
    low, high = _scaled(low, high, lo_f, hi_f)
    end = m.end()
    if noun is None and m.group("qnoun"):
        end = m.start("qof")  # the word after the number counts nothing: the span stops at the number
    unit = "%" if m.group("qpct") else noun
    text = " ".join(view[m.start():end].split())
    return Value("count", text, _tidy(low), _tidy(high), m.start(), end, unit=unit, qualifier=qualifier, noun=noun)


def _tidy(x: float | None) -> float | int | None:
    if x is None:
        return None
    r = round(x, 2)
    return int(r) if r == int(r) else r


def _relation(g: Grammar, view: str, m: re.Match) -> str | None:
    after = g.relation_after.match(view, m.end(), min(len(view), m.end() + 20))
    if after:
        return g.lang.DURATION_RELATIONS_AFTER[" ".join(after.group("rel").lower().split())]
    before = g.relation_before.search(view[max(0, m.start() - 12): m.start()])
    if before:
        return g.lang.DURATION_RELATIONS_BEFORE[" ".join(before.group("rel").lower().split()).replace("' ", "'")]
    return None


# --- dates -----------------------------------------------------------------

def _nearest_year(ref: Reference, month: int, day: int, weekday: int | None = None) -> int:
    """The year that puts day/month nearest the reference (and on the weekday given)."""
    candidates = []
    for year in (ref.day.year - 1, ref.day.year, ref.day.year + 1):
        try:
            d = date(year, month, min(day, calendar.monthrange(year, month)[1]))
        except ValueError:
            continue
        mismatch = weekday is not None and d.weekday() != weekday
        candidates.append((mismatch, abs((d - ref.day).days), year))
    return min(candidates)[2]


def _month_end(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def read_date(g: Grammar, m: re.Match, view: str, ref: Reference) -> Value | None:
    lang = g.lang
    text = " ".join(m.group(0).split())
    kind = m.lastgroup
    if kind == "date":
        month = lang.MONTHS[m.group("dmonth").lower()]
        day_raw = m.group("dday").lower()
        day = 1 if day_raw in lang.FIRST_OF_MONTH else int(day_raw)
        day2 = int(m.group("dday2")) if m.group("dday2") else day
        weekday = lang.WEEKDAYS.get((m.group("dwd") or "").lower())
        if m.group("dyear"):
            year = int(m.group("dyear"))
        elif ref.day:
            year = _nearest_year(ref, month, day, weekday)
        else:
            return _unresolved(m, text, "day")
        try:
            low, high = date(year, month, day), date(year, month, day2)
        except ValueError:
            return None
        if high < low:
            return None
        return _date_value(m, text, low, high, "day", "range" if day2 != day else "exact")
    if kind in ("mpart", "month"):
        p = "mp" if kind == "mpart" else "m"
        month = lang.MONTHS[m.group(p + "month").lower()]
        if kind == "month" and not m.group("mprep") and not m.group("myear"):
            return None  # a bare month name ("mai" as a verb-like word, "Mars") is too weak alone
        year_raw = m.group(p + "year")
        if year_raw:
            year = int(year_raw)
        elif ref.day:
            # A month alone points at most six months back and five ahead: "en juin"
            # written in December is last June, "en janvier" is next January.
            ahead = (month - ref.day.month) % 12
            year = ref.day.year + (1 if ahead <= 5 and month < ref.day.month else 0) - (1 if ahead > 5 and month > ref.day.month else 0)
        else:
            return _unresolved(m, text, "month")
        first, last = 1, _month_end(year, month)
        if kind == "mpart":
            first, last = lang.MONTH_PARTS[m.group("mppart").lower()]
            last = min(last, _month_end(year, month))
        qualifier = "exact"
        prep = " ".join((m.group("mprep") or "").lower().split()) if kind == "month" else ""
        qualifier = lang.MONTH_PREPOSITION_QUALIFIERS.get(prep, qualifier)
        return _date_value(m, text, date(year, month, first), date(year, month, last), "month", qualifier)
    if kind == "year":
        year = int(m.group("yyear"))
        return _date_value(m, text, date(year, 1, 1), date(year, 12, 31), "year", "exact")
    if kind in ("weekday", "relday"):
        if ref.precision != "day":
            return _unresolved(m, text, "weekday" if kind == "weekday" else "day")
        if kind == "weekday":
            target = lang.WEEKDAYS[m.group("wdname").lower()]
            delta = (target - ref.day.weekday() + 3) % 7 - 3  # nearest such day, within three days
        else:
            delta = lang.RELATIVE_DAYS[" ".join(m.group("relday").lower().split()).replace("' ", "'")]
        d = ref.day + timedelta(days=delta)
        return _date_value(m, text, d, d, "day", "exact")
    return None


def _date_value(m: re.Match, text: str, low: date, high: date, granularity: str, qualifier: str) -> Value:
    return Value("date", text, low.isoformat(), high.isoformat(), m.start(), m.end(), unit="date",
                 qualifier=qualifier, granularity=granularity)


def _unresolved(m: re.Match, text: str, granularity: str) -> Value:
    return Value("date", text, None, None, m.start(), m.end(), unit="date", granularity=granularity)


# --- ordinals --------------------------------------------------------------

def read_ordinal(g: Grammar, m: re.Match, view: str, ref: Reference) -> Value | None:
    raw = m.group("ordinal").lower()
    rank = int(m.group("ordn")) if m.group("ordn") else g.lang.ORDINALS.get(raw)
    if rank is None:
        return None
    if g.role_word.match(view, m.start()):
        return None  # "Premier ministre" is a role, not a rank
    return Value("ordinal", m.group(0), rank, rank, m.start(), m.end(), unit="rank")


# --- readable normalised forms -----------------------------------------------

_QUALIFIER_SIGNS = {"exact": "", "range": "", "approx": "≈", "more_than": ">", "less_than": "<", "at_least": "≥", "at_most": "≤"}


def describe(v: Value) -> str:
    """The readable normalised form of a value: "20:35 UTC", "≈50 min", "2022-01-10"."""
    if v.kind in ("person", "place"):
        return v.value
    if v.kind == "date":
        if v.low is None:
            return f"{v.value} (unresolved)"
        if v.granularity == "year":
            return v.low[:4]
        if v.granularity == "month" and v.low[8:] == "01" and v.high[:7] == v.low[:7] and int(v.high[8:]) >= 28:
            return _signed(v.qualifier if v.qualifier != "exact" else "", v.low[:7])
        return v.low if v.low == v.high else f"{v.low}/{v.high}"
    if v.kind == "ordinal":
        return "1er" if v.low == 1 else f"{v.low}e"
    if v.kind == "time":
        suffix = " UTC" if v.tz == "UTC" else " local"
        point = (v.low + v.high) / 2
        return _signed(v.qualifier, _hm(point)) + suffix
    if v.kind == "duration":
        return _span(v, _duration)
    return _span(v, _fmt_number) + (f" {v.unit}" if v.unit and v.unit != "%" else "%" if v.unit == "%" else "")


def _signed(qualifier: str, text: str) -> str:
    return _QUALIFIER_SIGNS.get(qualifier, "") + text


def _span(v: Value, fmt) -> str:
    if v.high is None:
        return _signed(v.qualifier, fmt(v.low))
    if v.low == v.high:
        return _signed(v.qualifier, fmt(v.low))
    if v.qualifier in ("more_than", "at_least"):
        return _signed(v.qualifier, fmt(v.low))
    if v.qualifier in ("less_than", "at_most"):
        return _signed(v.qualifier, fmt(v.high))
    middle = (v.low + v.high) / 2
    if v.qualifier not in ("range", "exact") and abs((v.high - v.low) - 0.2 * middle) < 1e-6 * max(1, middle):
        return f"≈{fmt(_tidy(middle))}"  # "environ 100 000" was stated as one number
    return ("" if v.qualifier in ("range", "exact") else "≈") + _between(fmt(v.low), fmt(v.high))


def _between(low: str, high: str) -> str:
    """"48 min" and "60 min" make "48–60 min": the unit is written once."""
    low_number, _, low_unit = low.partition(" ")
    high_unit = high.partition(" ")[2]
    if low_unit.isalpha() and low_unit == high_unit:
        return f"{low_number}–{high}"
    return f"{low}–{high}"


def _duration(minutes: float) -> str:
    if minutes < 180:
        return f"{_fmt_number(round(minutes, 1))} min"
    if minutes < 2 * 1440:
        return f"{_fmt_number(round(minutes / 60, 1))} h"
    if minutes < 60 * 1440:
        return f"{_fmt_number(round(minutes / 1440, 1))} j"
    if minutes < 525600:
        return f"{_fmt_number(round(minutes / 43200, 1))} mois"
    return f"{_fmt_number(round(minutes / 525600, 1))} an" + ("s" if minutes >= 2 * 525600 else "")
