"""Publication dates where the front matter has none: from the URL, from a dateline, from the story.

    date_from_url("https://x.org/2023/03/14/slug")        -> "2023-03-14"
    date_from_dateline("MOSCOU, 7 déc. 2021 (AFP) - ...") -> "2021-12-07"
    infer_story_dates(articles)                            -> the undated ones dated from their folder

``ArticleMeta.date_source`` says where a date came from ("url", "dateline",
"inferred"; None for the front matter or a date marker), so a reader of the
table, the JSON or a report knows which dates are the article's own and which
were read into it.  One small function a source: htmldate reads URL dates too,
but it pulls lxml and its own date grammar for what three patterns do here.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import replace
from datetime import date
from functools import lru_cache
from importlib import import_module
from types import ModuleType
from typing import Sequence

from .model import Article, ArticleMeta
from .text import fold

_MAX_AHEAD_YEARS = 1  # a URL date more than a year after today is an id, not a date


def _lang(code: str | None) -> ModuleType:
    try:
        return import_module(f"factcheck.lang.{code or 'fr'}")
    except ModuleNotFoundError:
        return import_module("factcheck.lang.fr")


def _iso(year: int, month: int, day: int | None) -> str | None:
    try:
        d = date(year, month, day or 1)
    except ValueError:
        return None
    if not 1990 <= year <= date.today().year + _MAX_AHEAD_YEARS:
        return None
    return d.isoformat() if day else d.isoformat()[:7]


@lru_cache(maxsize=8)
def _url_patterns(lang: ModuleType) -> tuple[re.Pattern, ...]:
    months = "|".join(sorted(lang.URL_MONTHS, key=len, reverse=True))
    return (
        # /2023/03/14/ , /2023-03-14/ , /2023/03/14-slug
        re.compile(r"(?<!\d)((?:19|20)\d\d)[/_-](0?[1-9]|1[0-2])[/_-](0?[1-9]|[12]\d|3[01])(?!\d)"),
        # /2023/feb/01/
        re.compile(rf"(?<!\d)((?:19|20)\d\d)/({months})/(0?[1-9]|[12]\d|3[01])(?!\d)", re.IGNORECASE),
        # /20230314/ or -20230314-  (eight digits standing alone)
        re.compile(r"(?<![\d])((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)"),
        # /2023/03/ (a month only)
        re.compile(r"/((?:19|20)\d\d)/(0?[1-9]|1[0-2])/(?!\d)"),
    )


def date_from_url(url: str | None, language: str | None = "fr") -> str | None:
    """The publication date a URL carries: "YYYY-MM-DD", or "YYYY-MM" for a month folder."""
    if not url:
        return None
    lang = _lang(language)
    path = url.split("?", 1)[0].split("#", 1)[0]
    for i, pattern in enumerate(_url_patterns(lang)):
        m = pattern.search(path)
        if not m:
            continue
        month = m.group(2)
        month_number = int(month) if month.isdigit() else lang.URL_MONTHS[month.lower()]
        day = int(m.group(3)) if i < 3 else None
        found = _iso(int(m.group(1)), month_number, day)
        if found:
            return found
    return None


@lru_cache(maxsize=8)
def _dateline(lang: ModuleType) -> re.Pattern:
    months = "|".join(sorted(list(lang.MONTHS) + list(lang.MONTH_ABBREVIATIONS), key=len, reverse=True))
    agencies = "|".join(lang.DATELINE_AGENCIES)
    return re.compile(
        rf"^[ \t]*(?P<place>(?-i:[A-Z][A-Z'-]+(?: [A-Z][A-Z'-]+){{0,3}}))(?:\s*\([^)\n]{{1,30}}\))?\s*(?:,\s*"
        rf"(?P<day>[0-3]?\d|1er)\s+(?P<month>{months})\.?(?:\s+(?P<year>(?:19|20)\d\d))?\s*)?"
        rf"(?:\((?:{agencies})\)\s*)?[-\u2013\u2014]",
        re.IGNORECASE | re.MULTILINE,
    )


def dateline_place(view: str, body_start: int = 0, language: str | None = "fr") -> str | None:
    """The place a dateline names, in lower case ("istanbul"), when the body opens with one; ``view``
    is the folded text (``text.fold``), as the grammar reads it."""
    m = _dateline(_lang(language)).search(view, body_start, body_start + 3000)
    return " ".join(m.group("place").lower().split()) if m else None


def date_from_dateline(text: str, body_start: int = 0, language: str | None = "fr", year: int | None = None) -> str | None:
    """The date of a dateline in the article's first lines; without its year, ``year`` completes it."""
    lang = _lang(language)
    view = fold(text[body_start: body_start + 3000])
    m = next((d for d in _dateline(lang).finditer(view) if d.group("day")), None)
    if not m:
        return None
    month_word = m.group("month").lower()
    month = lang.MONTHS.get(month_word) or lang.MONTH_ABBREVIATIONS.get(month_word)
    day = 1 if m.group("day").lower() == "1er" else int(m.group("day"))
    year_found = int(m.group("year")) if m.group("year") else year
    if month is None or year_found is None:
        return None
    return _iso(year_found, month, day)


def complete(meta: ArticleMeta, text: str, body_start: int) -> ArticleMeta:
    """The metadata with a date from the URL or the dateline when it has none of its own."""
    if meta.date:
        return meta
    from_url = date_from_url(meta.url, meta.language)
    if from_url:
        return replace(meta, date=from_url, date_source="url")
    from_dateline = date_from_dateline(text, body_start, meta.language)
    if from_dateline:
        return replace(meta, date=from_dateline, date_source="dateline")
    return meta


def infer_story_dates(articles: Sequence[Article]) -> list[Article]:
    """Undated articles take the date most of their folder's dated articles share (ties: the
    earliest), marked ``date_source="inferred"``; a dateline without its year takes the folder's year."""
    by_folder: dict[str, list[Article]] = {}
    for a in articles:
        by_folder.setdefault(os.path.dirname(a.path), []).append(a)
    dated_in: dict[str, str] = {}
    for folder, members in by_folder.items():
        days = Counter(a.meta.date[:10] for a in members if a.meta.date and len(a.meta.date) >= 10)
        if days:
            dated_in[folder] = min(days.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    out = []
    for a in articles:
        story_day = dated_in.get(os.path.dirname(a.path))
        if a.meta.date or story_day is None:
            out.append(a)
            continue
        from_dateline = date_from_dateline(a.text, a.body_start, a.meta.language, int(story_day[:4]))
        if from_dateline:
            out.append(replace(a, meta=replace(a.meta, date=from_dateline, date_source="dateline")))
        else:
            out.append(replace(a, meta=replace(a.meta, date=story_day, date_source="inferred")))
    return out
