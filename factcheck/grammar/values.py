"""Reading matched value forms into intervals: times, durations, counts, dates, ordinals.

Each reader takes the master pattern's match (on the folded view) and returns a
``Value`` or None when the form, in its context, is no value after all (``1:13``
with nothing around it is a video stamp, not a time of day).
"""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal
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
    zone: str | None = None  # the zone of the place the article is written from ("heure locale")

    @classmethod
    def from_iso(cls, iso: str | None) -> "Reference":
        if not iso:
            return cls(None, None)
        m = re.fullmatch(r"\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?\s*", str(iso))
        if not m:
            return cls(None, None)
        year, month, day = int(m.group(1)), m.group(2), m.group(3)
        if not REFERENCE_YEARS[0] <= year <= REFERENCE_YEARS[1]:
            return cls(None, None)  # "0001-01-01", "9999-12-31": no day to count relative dates from
        try:
            if day:
                return cls(date(year, int(month), int(day)), "day")
            if month:
                return cls(date(year, int(month), 15), "month")
            return cls(date(year, 7, 1), "year")
        except ValueError:
            return cls(None, None)


# --- bounds ----------------------------------------------------------------
# A value outside these bounds is no value: news never states it, and beyond
# them floats turn infinite (309 digits), NaN ("moins de" + infinity) or ints
# refuse to parse (4 300 digits).  Bounds are checked where a value is read.

MAX_NUMBER = 1e15  # a count or an amount: more than any population or budget in the news
MAX_DIGITS = 18  # digits in one written number, separators excluded
MAX_RANK = 100_000  # an ordinal: "la 100 000e fois"
REFERENCE_YEARS = (1000, 9998)  # a publication date relative dates can be counted from


def in_bounds(x: float | None) -> bool:
    return x is not None and math.isfinite(x) and abs(x) <= MAX_NUMBER


# --- numbers ---------------------------------------------------------------

def parse_number(text: str, code: str = "fr") -> float | None:
    """Digits ("100 000", "100.000", "1,28") or French number words ("cent mille").

    None beyond ``MAX_DIGITS`` digits or ``MAX_NUMBER``: such a figure is no value.
    """
    raw = text.strip()
    if raw[:1].isdigit():
        compact = re.sub(r"[ .](?=\d{3}(?!\d))", "", raw)
        if sum(ch.isdigit() for ch in compact) > MAX_DIGITS:
            return None
        try:
            n = float(compact.replace(",", "."))
        except ValueError:
            return None
        return n if in_bounds(n) else None
    words = " ".join(fold(raw).lower().split())
    special = _word_values(code)  # the language's own number words ("zéro") before text2num
    if words in special:
        return float(special[words])
    n = _words_to_number(words, code)
    return n if in_bounds(n) else None


@lru_cache(maxsize=16)
def _word_values(code: str) -> dict[str, float]:
    from importlib import import_module

    return getattr(import_module(f"factcheck.lang.{code}"), "NUMBER_WORD_VALUES", {})


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


def _written_step(value: float) -> float:
    """One unit of the last significant digit of a number as written: 1,3 -> 0.1, 1 500 -> 100, 100 000 -> 100 000."""
    exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
    return float(Decimal(1).scaleb(exponent)) if isinstance(exponent, int) else 1.0


def _rounding_hedge(n: float, widths: tuple[float, float, float], hi_f: float | None) -> tuple[float, float | None]:
    """The factors of a hedge as wide as the figure's rounding (a share of its last written digit), bounded."""
    least, most, share = widths
    width = min(most, max(least, share * _written_step(abs(n)) / abs(n)))
    return 1 - width, (1 + width if hi_f is not None and hi_f > 1 else hi_f)


def _scaled(low: float, high: float | None, lo_f: float, hi_f: float | None) -> tuple[float, float | None]:
    return low * lo_f, (None if hi_f is None or high is None else high * hi_f)


# --- times -----------------------------------------------------------------

def _clock(lang: ModuleType, m: re.Match, p: str) -> tuple[int, int] | None:
    """(hour, minute) of a clock time; the part of the day ("du soir") moves a morning hour on."""
    g = m.group
    if g(p + "h") is not None:
        hour, minute = int(g(p + "h")), (int(g(p + "m")) if g(p + "m") else _word_minutes(lang, g(p + "mj")))
    elif g(p + "hc") is not None:
        hour, minute = int(g(p + "hc")), int(g(p + "mc"))
    elif g(p + "hw") is not None:
        raw = g(p + "hw")
        number = float(raw) if raw.isdigit() else _words_to_number(raw.lower(), lang.CODE)
        if number is None or not 0 <= number <= 23:
            return None
        hour, minute = int(number), _word_minutes(lang, g(p + "mw"))
    elif g(p + "named") is not None:
        hour, minute = lang.NAMED_TIMES[g(p + "named").lower()] // 60, _word_minutes(lang, g(p + "nm"))
    else:
        return None
    if minute is None:
        return None
    part = " ".join((g(p + "part") or "").lower().split())
    if hour < 12 and lang.DAY_PARTS.get(part):
        hour += lang.DAY_PARTS[part]
    if minute < 0:  # "midi moins cinq"
        hour, minute = (hour - 1) % 24, 60 + minute
    return hour, minute


def _word_minutes(lang: ModuleType, words: str | None) -> int | None:
    """Minutes of a spoken time: "trente", "et quart", "moins cinq", "passé de 15 minutes"; None when
    the words are no number of minutes."""
    if not words:
        return 0
    w = " ".join(words.lower().split()).replace("' ", "'")
    if w in lang.MINUTE_PHRASES:
        return lang.MINUTE_PHRASES[w]
    sign = 1
    for joiner in sorted(lang.MINUTE_JOINERS, key=len, reverse=True):
        if w.startswith(joiner + " "):
            w = w[len(joiner) + 1:]
            break
    for minus in lang.MINUS_MINUTES:
        if w.startswith(minus + " "):
            sign, w = -1, w[len(minus) + 1:]
    for unit in lang.MINUTE_WORDS:
        if w.endswith(" " + unit):
            w = w[: -len(unit) - 1]
            break
    n = float(w) if w.isdigit() else _words_to_number(w, lang.CODE)
    return sign * int(n) if n is not None and 0 <= n < 60 else None


def _zone_name(lang: ModuleType, raw: str | None, ref: Reference | None = None) -> str | None:
    """The IANA zone a zone's words name; "heure locale" is the dateline's zone (None without one)."""
    if not raw:
        return None
    key = " ".join(raw.strip("() ,").lower().replace("\u2019", "'").split())
    zone = lang.TIME_ZONES.get(key)
    if zone == "local":
        return ref.zone if ref is not None else None
    return zone


def _offset_minutes(zone: str, on: date) -> int:
    if zone == "UTC":
        return 0
    local = datetime(on.year, on.month, on.day, 12, tzinfo=ZoneInfo(zone))
    return int(local.utcoffset().total_seconds() // 60)


offset_minutes = _offset_minutes  # binding reads the clocks a sentence names on their zones too


def _hm(minutes: float) -> str:
    minutes = int(round(minutes)) % 1440
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def read_time(g: Grammar, m: re.Match, view: str, ref: Reference) -> Value | None:
    if m.group("paired"):
        return _read_paired(g, m, ref)
    lang = g.lang
    clock = _clock(lang, m, "t")
    if clock is None:
        return None
    hour, minute = clock
    zone_raw = m.group("tzone")
    before = view[max(0, m.start() - 40): m.start()]
    colon = m.group("thc") is not None
    spoken = m.group("thw") is not None  # "quinze heures", "18 heures": a time or a length of time
    local = hour * 60 + minute
    mark = " ".join((m.group("tmark") or "").lower().split()).replace("' ", "'")
    preposition = bool(g.time_context.search(before))
    dated = None
    if not preposition and not g.duration_of_after.match(view, m.end(), min(len(view), m.end() + 12)):
        # "à partir de mercredi 18 heures", "jeudi 6 heures": hours on a named day are a time of that day
        dated = g.day_before_clock.search(view, max(0, m.start() - 60), m.start())
        preposition = dated is not None
        if dated and not mark and dated.group("open"):
            mark = " ".join(dated.group("open").lower().split()).replace("' ", "'")
    # "la durée de l'échange à deux heures": the "à" gives the length a noun of duration asks for.
    governed = preposition and bool(g.duration_governed.search(view, max(0, m.start() - 90), m.start()))
    if governed:
        preposition = False
    has_context = preposition or bool(zone_raw) or bool(mark)
    if colon and not has_context:
        return None  # "1:13" with nothing around it is a video stamp, not a time of day
    # A time of day for sure: a zone, a part of the day, "précises", a marker only times take.
    clock_only = bool(zone_raw) or bool(m.group("tpart")) or mark in lang.TIME_ONLY_MARKERS or mark in lang.TIME_OPEN_MARKERS
    minutes_said = bool(m.group("tmw")) and " ".join(m.group("tmw").lower().split()) not in lang.HALF_UNIT
    # "après 18 heures de route", "18 heures de grève": hours of something are a length of time
    length_of = (spoken and not minutes_said and not zone_raw and not m.group("tpart") and mark not in lang.TIME_ONLY_MARKERS
                 and g.duration_of_after.match(view, m.end(), min(len(view), m.end() + 12)) is not None)
    if length_of:
        preposition = clock_only = False
        mark = "" if mark in lang.TIME_OPEN_MARKERS else mark
    duration_said = governed or length_of or bool(g.duration_context.search(before))
    if not clock_only and (
        (spoken and not preposition and (duration_said or not minutes_said))
        or (m.group("th") is not None and not has_context and duration_said)
    ):
        # "trois heures", "pendant 1h30", "environ trois heures": a length of time, not a time of day
        after = g.approx_after.match(view, m.end(), min(len(view), m.end() + 24))
        mark = mark or (after.group("mark").lower() if after else "")  # "trois heures environ"
        qualifier, lo_f, hi_f = lang.APPROX_MARKERS.get(mark, ("exact", 1.0, 1.0))
        low, high = _scaled(local, local, lo_f, hi_f)
        return Value("duration", " ".join(m.group(0).split()), _tidy(low), _tidy(high), m.start(), m.end(),
                     unit="min", qualifier=qualifier, relation=_relation(g, view, m))
    zone = _zone_name(lang, zone_raw, ref)
    before_min, after_min = lang.TIME_APPROX_MARKERS.get(mark, (0, 0))
    if minute % 5:
        # "vers 18h08", stated to the minute, is hedged less than "vers 18 heures".
        before_min, after_min = min(before_min, lang.TIME_HEDGE_TO_THE_MINUTE), min(after_min, lang.TIME_HEDGE_TO_THE_MINUTE)
    qualifier = lang.TIME_OPEN_MARKERS.get(mark) or ("approx" if before_min or after_min else "exact")
    text = m.group(0).strip()
    tz = None
    if zone:
        local = (local - _offset_minutes(zone, ref.day or date(2000, 1, 15))) % 1440
        text = text if zone == "UTC" else f"{text} ({_hm(local)} UTC)"
        tz = "UTC"
    low, high = local - before_min, local + after_min
    if qualifier in ("less_than", "at_most"):
        low = None
    elif qualifier in ("more_than", "at_least"):
        high = None
    return Value("time", text, low, high, m.start(), m.end(), unit="min", qualifier=qualifier, tz=tz)


def _read_paired(g: Grammar, m: re.Match, ref: Reference) -> Value | None:
    first, second = _clock(g.lang, m, "pa"), _clock(g.lang, m, "pb")
    if first is None or second is None:
        return None
    on = ref.day or date(2000, 1, 15)
    zone_b = _zone_name(g.lang, m.group("pbzone"), ref)
    zone_a = _zone_name(g.lang, m.group("pazone"), ref)
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
        # The clock as written, without its zone: notes and sides name the zone once ("15h30 HE is ...").
        "local": m.group(0)[: (m.start("pazone") if m.group("pazone") else m.group(0).find("(") + m.start())
                            - m.start()].strip(" ,\"'"), "local_minutes": local_a,
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
    noun = _counted_noun(g, m, "qnoun", text)

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
        raw = m.group("qnum")
        suffix = m.group("qsuffix")
        n = parse_number(raw[: len(raw) - len(suffix)] if suffix else raw, lang.CODE)
        if n is None:
            return None
        written = n
        if suffix:
            n *= lang.NUMBER_SUFFIXES[suffix]
            if not in_bounds(n):
                return None
        scale = m.group("qscale")
        if scale:
            n *= lang.SCALES[scale.lower()]
            if not in_bounds(n):
                return None
        if m.group("qscalehalf"):  # "deux millions et demi": half the last scale more
            scales = [lang.SCALES[w] for w in raw.lower().split() if w in lang.SCALES] + ([lang.SCALES[scale.lower()]] if scale else [])
            n += 0.5 * (scales[-1] if scales else 1)
        if m.group("qsign"):
            n = -n
        if (n == 1 and not unit_word and not mark and not raw[:1].isdigit()
                and not g.count_verb_before.search(view, max(0, m.start() - 30), m.start())):
            return None  # "un appel", "une réponse": an article, not a count ("a fait un mort" is one)
        bare = not unit_word and not noun and not mark and not m.group("qpct")
        if bare and not m.group("qnum")[:1].isdigit() and not (
                g.number_subject_verb.match(view, m.end("qnum"))
                and not g.number_subject_determiner.search(view, max(0, m.start() - 12), m.start())):
            return None  # a number word standing alone ("neuf") says nothing checkable; "seize ont été blessées" counts
        if bare and not scale and re.fullmatch(r"(?:1[89]|20)\d\d", m.group("qnum")):
            return None  # "le rapport de 2014": a year, not a count
        if raw[:1].isdigit() and not mark and g.reference_before.search(view, max(0, m.start() - 16), m.start()):
            return None  # "résolution 2334", "p. 12": a reference, not a value
        low, high = n, n
        if mark and lang.APPROX_MARKERS[mark] is lang.NEARLY and not unit_word and written:
            # "près de 1,3 million": just below, by one unit of the last digit written at most.
            step = _written_step(written) * n / written
            low, lo_f = n - min(step, n * lang.NEARLY_COUNT_SHORTFALL), 1.0

    adjective = (m.group("qadj") or "").lower()
    if adjective in lang.UNIT_HEDGE_ADJECTIVES and unit_word and qualifier == "exact":
        qualifier, (lo_f, hi_f) = "approx", lang.UNIT_HEDGE_ADJECTIVES[adjective]  # "une bonne demi-heure"
    after = g.approx_after.match(view, m.end(), min(len(view), m.end() + 24))
    if after and qualifier == "exact":
        qualifier, lo_f, hi_f = lang.APPROX_MARKERS[after.group("mark").lower()]  # "3 000 policiers environ"
    widths = lang.ROUNDING_HEDGES.get((qualifier, lo_f, hi_f))
    if widths and low == high and low:
        lo_f, hi_f = _rounding_hedge(low, widths, hi_f)
    if unit_word:
        factor = lang.DURATION_UNITS[unit_word]
        if m.group("qhalf"):
            low, high = low + 0.5, (None if high is None else high + 0.5)
        months = lang.CALENDAR_UNITS.get(unit_word)
        if months and low == high and low == int(low) and 0 < low * months <= _CALENDAR_MONTHS_MAX:
            # "trois mois": as long as three calendar months run, 89 to 92 days.
            shortest, longest = calendar_days(int(low * months))
            low, high = shortest * 1440, longest * 1440
        else:
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
    if m.group("qpop"):
        # A percentage's population is its noun: "29,5 % des agents".
        noun = (text[m.start("qpop"):m.end("qpop")] if text is not None else m.group("qpop")).lower()
    elif not m.group("qpct") and m.group("qnum") and m.group("qnum")[:1].isdigit() and _magnitude(g, view, m):
        end = m.end("qnum")
        return Value("magnitude", " ".join(view[m.start():end].split()), _tidy(low), _tidy(high), m.start(), end,
                     qualifier=qualifier)
    unit = "%" if m.group("qpct") else noun
    text = " ".join(view[m.start():end].split())
    return Value("count", text, _tidy(low), _tidy(high), m.start(), end, unit=unit, qualifier=qualifier, noun=noun)


_CALENDAR_MONTHS_MAX = 12 * 1000


@lru_cache(maxsize=256)
def calendar_days(months: int) -> tuple[int, int]:
    """The fewest and the most days that ``months`` consecutive calendar months last."""
    lengths = []
    # Every first month of a Gregorian cycle when whole years are counted (leap centuries), else of four years.
    for start in range(12 * (400 if months >= 12 else 4)):
        first = date(2000 + start // 12, start % 12 + 1, 1)
        end = start + months
        lengths.append((date(2000 + end // 12, end % 12 + 1, 1) - first).days)
    return min(lengths), max(lengths)


def _counted_noun(g: Grammar, m: re.Match, group: str, text: str | None) -> str | None:
    """The word after a number when it names what is counted ("5000 et", "68 est": nothing)."""
    noun = (m.group(group) or "").lower() or None
    if noun and noun in g.not_counted:  # a function word, a month, a weekday, an auxiliary
        return None
    if noun and text is not None:
        noun = text[m.start(group):m.end(group)].lower()  # with its accents
    return noun


def read_hour_fraction(g: Grammar, m: re.Match, view: str) -> Value:
    """"1/4 h", "3/4h": a quarter and three quarters of an hour."""
    minutes = g.lang.HOUR_FRACTIONS[m.group("hfracn")]
    return Value("duration", " ".join(m.group(0).split()), minutes, minutes, m.start(), m.end(), unit="min",
                 relation=_relation(g, view, m))


# --- ranges ----------------------------------------------------------------

def read_range(g: Grammar, m: re.Match, view: str, ref: Reference, text: str | None = None) -> list[Value]:
    """A range as one interval (qualifier "range"): "entre 25 000 et 45 000 manifestants",
    "de 10h05 à 11h10", "entre le 3 et le 6 mars", "6 à 8 000".  After a verb of change
    ("passé de 1 000 à 2 000") the two ends are two values; a falling pair with nothing
    counted ("3 à 0") is a score and no value."""
    lang = g.lang
    change = bool(g.change_before.search(view, max(0, m.start() - 60), m.start()))
    if m.group("rta") is not None:
        return _time_range(g, m, ref, change)
    if m.group("rda") is not None:
        return _day_range(g, m, ref, change)
    a, b = parse_number(m.group("rna"), lang.CODE), parse_number(m.group("rnb"), lang.CODE)
    if a is None or b is None:
        return []
    scale_a = lang.SCALES[m.group("rsa").lower()] if m.group("rsa") else 1
    scale_b = lang.SCALES[m.group("rsb").lower()] if m.group("rsb") else 1
    if scale_b > 1 and scale_a == 1 and a <= b:
        scale_a = scale_b  # "de 2 à 3 millions": the scale is written once
    a, b = a * scale_a, b * scale_b
    if not (in_bounds(a) and in_bounds(b)):
        return []
    groups_b = len(re.findall(r"[ .]\d{3}", m.group("rnb")))
    if groups_b and not re.search(r"[ .]\d{3}", m.group("rna")) and b / 10 < a * 1000 ** groups_b <= b:
        a *= 1000 ** groups_b  # "6 à 8 000": the thousands are written once
    unit_word = " ".join((m.group("runit") or "").lower().split()).replace("' ", "'")
    noun = _counted_noun(g, m, "rnoun", text)
    if a > b and not change and not unit_word and not m.group("rpct") and a == int(a) and b == int(b) and a <= 20:
        return []  # "3 à 0": a score
    before = view[max(0, m.start() - 40):m.start()]
    digits = m.group("rna")[:1].isdigit() and m.group("rnb")[:1].isdigit()
    if (unit_word in lang.HOUR_WORDS and digits and not g.duration_context.search(before)
            and a == int(a) and b == int(b) and 0 <= a < b <= 23):
        # "de 15 à 17 heures": the hours of a day ("de deux à trois heures" is a length of time)
        return _interval_or_ends(m, "time", int(a) * 60, int(b) * 60, change, m.start("rna"), m.end("rna"), m.start("rnb"), unit="min")
    end = m.end()
    if noun is None and m.group("rnoun"):
        end = m.start("rof")
    if unit_word:
        factor = lang.DURATION_UNITS[unit_word]
        return _interval_or_ends(m, "duration", _tidy(a * factor), _tidy(b * factor), change or a > b,
                                 m.start("rna"), m.end("rna"), m.start("rnb"), unit="min", relation=_relation(g, view, m), end=end)
    unit = "%" if m.group("rpct") else noun
    return _interval_or_ends(m, "count", _tidy(a), _tidy(b), change or a > b, m.start("rna"), m.end("rna"), m.start("rnb"),
                             unit=unit, noun=noun, end=end)


def _interval_or_ends(m: re.Match, kind: str, low, high, apart: bool, a_start: int, a_end: int, b_start: int,
                      end: int | None = None, **fields) -> list[Value]:
    """One interval from the whole match, or (a change) one value at each end."""
    end = m.end() if end is None else end
    view_text = m.string
    if not apart:
        return [Value(kind, " ".join(view_text[m.start():end].split()), low, high, m.start(), end, qualifier="range", **fields)]
    return [
        Value(kind, " ".join(view_text[a_start:a_end].split()), low, low, a_start, a_end, **fields),
        Value(kind, " ".join(view_text[b_start:end].split()), high, high, b_start, end, **fields),
    ]


def _time_range(g: Grammar, m: re.Match, ref: Reference, change: bool) -> list[Value]:
    lang = g.lang
    first, second = _clock(lang, m, "ra"), _clock(lang, m, "rb")
    if first is None or second is None:
        return []
    low, high = first[0] * 60 + first[1], second[0] * 60 + second[1]
    tz = None
    zone = _zone_name(lang, m.group("rzone"), ref)
    if zone:
        offset = _offset_minutes(zone, ref.day or date(2000, 1, 15))
        low, high, tz = (low - offset) % 1440, (high - offset) % 1440, "UTC"
    # Across midnight ("de 22h à 2h") or a change of time: two times.
    apart = change or high <= low
    return _interval_or_ends(m, "time", low, high, apart, m.start("rta"), m.end("rta"), m.start("rtb"), unit="min", tz=tz)


def _day_range(g: Grammar, m: re.Match, ref: Reference, change: bool) -> list[Value]:
    lang = g.lang
    month = _month_number(lang, m.group("rdmonth"))
    day_raw = m.group("rda").lower()
    first = 1 if day_raw in lang.FIRST_OF_MONTH else int(day_raw)
    last = int(m.group("rdb"))
    text = " ".join(m.group(0).split())
    if m.group("rdyear"):
        year = int(m.group("rdyear"))
    elif ref.day:
        year = _nearest_year(ref, month, first)
    else:
        return [_unresolved(m, text, "day")]
    try:
        low, high = date(year, month, first), date(year, month, last)
    except ValueError:
        return []
    if high <= low:
        return []
    if change:
        return _interval_or_ends(m, "date", low.isoformat(), high.isoformat(), True, m.start("rda"), m.end("rda"),
                                 m.start("rdb"), unit="date", granularity="day")
    return [_date_value(m, text, low, high, "day", "range")]
def _magnitude(g: Grammar, view: str, m: re.Match) -> bool:
    """"magnitude 7,8", "7,8 sur l'échelle de Richter": the number is a magnitude, not a count."""
    number_end = m.end("qscale") if m.group("qscale") else m.end("qnum")
    decimal = re.fullmatch(r"\d{1,2},\d", m.group("qnum") or "")
    return bool(g.magnitude_before.search(view[max(0, m.start() - 40):m.start()])
                or (decimal and _magnitude_before_decimal(g.lang).search(view, max(0, m.start() - 40), m.start()))
                or g.magnitude_after.match(view, number_end, min(len(view), number_end + 40)))


@lru_cache(maxsize=8)
def _magnitude_before_decimal(lang: ModuleType) -> re.Pattern:
    words = "|".join(re.escape(w) for w in lang.MAGNITUDE_BEFORE_DECIMAL)
    return re.compile(rf"\b(?:{words})\s*$", re.IGNORECASE)


def _tidy(x: float | None) -> float | int | None:
    if x is None:
        return None
    r = round(x, 2) if abs(x) >= 1 else round(x, 6)  # a second is 0.016667 min, not 0.02
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

def _nearest_year(ref: Reference, month: int, day: int, weekday: int | None = None) -> int | None:
    """The year that puts day/month nearest the reference (and on the weekday given); None if none fits."""
    candidates = []
    for year in (ref.day.year - 1, ref.day.year, ref.day.year + 1):
        try:
            d = date(year, month, min(day, calendar.monthrange(year, month)[1]))
        except ValueError:
            continue
        mismatch = weekday is not None and d.weekday() != weekday
        candidates.append((mismatch, abs((d - ref.day).days), year))
    return min(candidates)[2] if candidates else None


def _month_number(lang: ModuleType, raw: str) -> int:
    key = raw.lower().rstrip(".")
    return lang.MONTHS.get(key) or lang.MONTH_ABBREVIATIONS[key]


def _full_year(lang: ModuleType, raw: str, ref: Reference) -> int:
    """"2014" or "14" / "74": a two-digit year is this century up to a few years ahead of the reference."""
    year = int(raw)
    if len(raw) > 2:
        return year
    now = (ref.day or date.today()).year
    century = now - now % 100
    return century + year if century + year <= now + lang.TWO_DIGIT_YEAR_AHEAD else century - 100 + year


def _month_end(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def read_dates(g: Grammar, m: re.Match, view: str, ref: Reference) -> list[Value]:
    """The date mentions of one match: one, or two for days joined as a list ("les 7 et 11 février")."""
    value = read_date(g, m, view, ref)
    if value is None:
        return []
    joiner = (m.group("dj") or "").lower() if m.lastgroup == "date" else ""
    if joiner not in g.lang.DAY_LIST_JOINERS or value.low is None or value.low == value.high:
        return [value]
    first, second = date.fromisoformat(value.low), date.fromisoformat(value.high)
    if (second - first).days == 1:
        return [value]  # "les 9 et 10 janvier": two adjacent days are the same days as their interval
    month_text = " ".join(view[m.start("dday2"):m.end()].split()[1:])
    return [
        Value("date", f"{m.group('dday')} {month_text}", value.low, value.low, m.start("dday"), m.end("dday"),
              unit="date", qualifier="exact", granularity="day"),
        Value("date", " ".join(m.group(0)[m.start("dday2") - m.start():].split()), value.high, value.high,
              m.start("dday2"), m.end(), unit="date", qualifier="exact", granularity="day"),
    ]


def read_date(g: Grammar, m: re.Match, view: str, ref: Reference) -> Value | None:
    lang = g.lang
    text = " ".join(m.group(0).split())
    kind = m.lastgroup
    if kind == "ndate":
        return _numeric_date(lang, m, text, ref)
    if kind == "date":
        month = _month_number(lang, m.group("dmonth"))
        day_raw = m.group("dday").lower()
        day = 1 if day_raw in lang.FIRST_OF_MONTH else int(day_raw)
        day2 = int(m.group("dday2")) if m.group("dday2") else day
        if not (1 <= day <= 31 and 1 <= day2 <= 31):
            return None  # "le 0 janvier", "le 35 mai": no day of any month
        weekday = lang.WEEKDAYS.get((m.group("dwd") or "").lower())
        if m.group("dyear"):
            year = _full_year(lang, m.group("dyear"), ref)
        elif ref.day:
            year = _nearest_year(ref, month, day, weekday)
            if year is None:
                return None
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
        month = _month_number(lang, m.group(p + "month"))
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
            first, last = lang.MONTH_PARTS[" ".join(m.group("mppart").lower().split())]
            first, last = min(first, _month_end(year, month)), min(last, _month_end(year, month))
            if first == last:  # "le dernier jour d'octobre"
                return _date_value(m, text, date(year, month, first), date(year, month, last), "day", "exact")
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
            limit = _weekday_limit(lang).search(view, max(0, m.start() - 24), m.start())
            if m.group("wdahead") or (not m.group("wdbehind") and (limit or _future_sentence(g, view, m))):
                delta = (target - ref.day.weekday()) % 7 or 7 if m.group("wdahead") else (target - ref.day.weekday()) % 7
            elif m.group("wdbehind"):
                delta = -((ref.day.weekday() - target) % 7 or 7)
            else:
                delta = (target - ref.day.weekday() + 3) % 7 - 3  # nearest such day, within three days
        else:
            delta = lang.RELATIVE_DAYS[" ".join(m.group("relday").lower().split()).replace("' ", "'")]
        if not date.min + timedelta(days=7) <= ref.day <= date.max - timedelta(days=7):
            return _unresolved(m, text, "day")  # Reference keeps its years far from these ends
        d = ref.day + timedelta(days=delta)
        return _date_value(m, text, d, d, "day", "exact")
    return None


@lru_cache(maxsize=8)
def _weekday_limit(lang: ModuleType) -> re.Pattern:
    """"jusqu'à dimanche", "d'ici vendredi": a limit ahead, whatever the tense of the verb."""
    words = "|".join(re.escape(w) for w in sorted(lang.WEEKDAY_LIMITS_AHEAD, key=len, reverse=True))
    return re.compile(rf"(?<![\w'])(?:{words})\s*(?:le\s+|ce\s+)?$", re.IGNORECASE)


def _numeric_date(lang: ModuleType, m: re.Match, text: str, ref: Reference) -> Value | None:
    """"14/03/2023", "14.03.23", "2023-03-14", "20 02 2014", "le 14/03" (day first, as in French)."""
    g = m.group
    for d, mo, y in (("nid", "nim", "niy"), ("nd", "nm", "ny"), ("nsd", "nsm", "nsy"), ("nld", "nlm", None)):
        if g(d) is not None:
            day, month = int(g(d)), int(g(mo))
            if y is not None:
                year = _full_year(lang, g(y), ref)
            elif ref.day:
                year = _nearest_year(ref, month, day)
            else:
                return _unresolved(m, text, "day")
            try:
                d_ = date(year, month, day)
            except ValueError:
                return None
            return _date_value(m, text, d_, d_, "day", "exact")
    return None


def _future_sentence(g: Grammar, view: str, m: re.Match) -> bool:
    """A verb in the future tense in the value's sentence: "les ministres se réuniront mardi"."""
    left = view[max(0, m.start() - 120):m.start()]
    left = re.split(r"[.!?\n]", left)[-1]
    right = re.split(r"[.!?\n]", view[m.end():m.end() + 120])[0]
    for found in g.planned.finditer(left + " | " + right):
        future = found.group("future")
        if future is not None and future.lower() not in g.lang.FUTURE_STOPWORDS:
            return True
    return False


def _date_value(m: re.Match, text: str, low: date, high: date, granularity: str, qualifier: str) -> Value:
    return Value("date", text, low.isoformat(), high.isoformat(), m.start(), m.end(), unit="date",
                 qualifier=qualifier, granularity=granularity)


def _unresolved(m: re.Match, text: str, granularity: str) -> Value:
    return Value("date", text, None, None, m.start(), m.end(), unit="date", granularity=granularity)


# --- ordinals --------------------------------------------------------------

def read_ordinal(g: Grammar, m: re.Match, view: str, ref: Reference) -> Value | None:
    raw = m.group("ordinal").lower()
    digits = m.group("ordn")
    if digits and len(digits.lstrip("0")) > len(str(MAX_RANK)):
        return None  # thousands of digits: no rank (and beyond Python's int parsing limit)
    rank = int(digits) if digits else g.lang.ORDINALS.get(raw)
    if rank is None or (digits and not 1 <= rank <= MAX_RANK):
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
        if v.low is None or v.high is None:  # "avant 11h", "à partir de 8h15"
            return _signed(v.qualifier, _hm(v.high if v.low is None else v.low)) + suffix
        if v.qualifier == "range":
            return f"{_hm(v.low)}–{_hm(v.high)}{suffix}"
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
