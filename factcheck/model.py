"""The typed records that travel between the pipeline's stages.

articles -> value mentions -> facts table -> checks -> findings -> reports

Every stage takes and returns these records (or the facts DataFrame built from
``Mention`` rows), so each module can be used and tested on its own.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Kind = Literal["time", "duration", "count", "date", "ordinal", "place", "person", "magnitude"]
Qualifier = Literal["exact", "approx", "at_least", "at_most", "more_than", "less_than", "range"]
Modality = Literal["planned", "actual", "unknown"]
Severity = Literal["error", "warning", "info"]
# Verdicts: agree, conflict, single_source; differs_by_claimant (claimants side by side, never a
# conflict); superseded (a later figure of the same claimant replaced an earlier one); variant (a
# name problem: spelling or roles).
Status = Literal["agree", "conflict", "single_source", "differs_by_claimant", "superseded", "variant"]
STATUSES: tuple[str, ...] = ("agree", "conflict", "single_source", "differs_by_claimant", "superseded", "variant")

KINDS: tuple[str, ...] = ("time", "duration", "count", "date", "ordinal", "place", "person", "magnitude")
QUALIFIERS: tuple[str, ...] = ("exact", "approx", "at_least", "at_most", "more_than", "less_than", "range")
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}
# The first line of every text report factcheck writes (Markdown, HTML, a terminal table saved to a
# file): the article reader skips such a file, so a report saved beside the articles is never read as one.
REPORT_MARKER = "<!-- factcheck report: written by factcheck, not an article -->"


@dataclass(frozen=True)
class ArticleMeta:
    """What is known about an article besides its text."""

    source: str | None = None  # the outlet, when known
    date: str | None = None  # ISO date, possibly partial: "2021-12" or "2021-12-30"
    published: str | None = None  # ISO date-time with its offset, when known: "2023-01-31T21:40:00+01:00"
    url: str | None = None
    language: str = "fr"
    date_source: str | None = None  # where `date` came from when not the article's own: "url", "dateline", "inferred"


@dataclass(frozen=True)
class Article:
    """One article as loaded: ``text`` is the decoded text, every offset points into it."""

    id: str
    path: str
    text: str
    meta: ArticleMeta = field(default_factory=ArticleMeta)
    encoding: str = "utf-8"
    body_start: int = 0  # offset after any front matter or date marker

    @property
    def source(self) -> str:
        return self.meta.source or self.id


@dataclass(frozen=True)
class InputStatus:
    """One input path and what became of it: ``ok`` or the reason it could not be read."""

    path: str
    status: str  # "ok", "empty", "binary", "too_large", "unreadable", "broken_link", "not_found", ...
    reason: str = ""
    article: str | None = None  # the article id when it was read
    encoding: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == "ok"


@dataclass
class Mention:
    """One value mention found in an article: a row of the facts table.

    ``low``/``high`` are numbers in the kind's unit (minutes for durations,
    minutes after midnight UTC for times, or local minutes with ``tz`` None when
    the zone is unknown; units for counts; ordinal rank), ISO dates for dates,
    the name for people and places.  ``None`` for ``high`` means unbounded
    ("plus de 10 000"); both ``None`` means unresolved (a weekday alone).
    """

    article: str
    source: str
    kind: str
    value: str
    low: Any
    high: Any
    start: int
    end: int
    quote: str
    unit: str | None = None
    qualifier: str = "exact"
    modality: str = "unknown"
    role: str | None = None
    attribution: str | None = None
    key: str | None = None
    tz: str | None = None
    noun: str | None = None  # the counted noun of a count ("soldats")
    relation: str | None = None  # "before"/"after" (an offset), "within", "since", or None
    granularity: str | None = None  # dates: "day", "month", "year", "weekday"
    paired: dict | None = None  # paired times: {"local": "15h35", "offset_minutes": -300, "consistent": True}
    fact: str | None = None
    fact_key: str | None = None  # the key of a keyed fact: "Marseille", "enseignants-primaire", "France"
    claimant: str | None = None  # the canonical claimant class ("police", "CGT"); ``attribution`` keeps the words
    as_of: str | None = None  # ISO date-time when the figure held, when known
    as_of_source: str | None = None  # "text" (the text dates it) or "publication" (the article's time)
    event: str = ""  # "" = the story's event; a declared other event's id; "other" = an undeclared one
    story: str = ""  # the story (rule file) the article was matched to
    sentence_start: int = 0
    sentence_end: int = 0
    clause_start: int = 0
    clause_end: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


# Column order of the facts table (pandas) and of its CSV/JSON forms.
TABLE_COLUMNS: tuple[str, ...] = (
    "article", "source", "fact", "kind", "value", "low", "high", "unit", "tz", "qualifier",
    "modality", "role", "attribution", "key", "noun", "relation", "granularity", "paired",
    "quote", "start", "end", "fact_key", "claimant", "as_of", "as_of_source", "event", "story",
)


@dataclass(frozen=True)
class Side:
    """One group of mutually consistent mentions inside a finding."""

    value: str
    low: Any
    high: Any
    articles: tuple[str, ...]
    quotes: tuple[str, ...]
    modalities: tuple[str, ...] = ()
    attributions: tuple[str, ...] = ()
    lines: tuple[int, ...] = ()  # 1-based line of each quote in its article


@dataclass(frozen=True)
class Finding:
    rule: str
    fact: str
    status: str
    severity: str
    message: str
    groups: tuple[Side, ...]
    note: str = ""  # e.g. "planned versus actual"
    story: str = ""  # the story (sub-folder) the finding belongs to, with --per-folder; "" otherwise
    fact_key: str | None = None  # the key this verdict is about ("Toulouse"), for a keyed fact
    claimant: str | None = None  # the claimant class this verdict is about, when it is about one

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(sorted({a for g in self.groups for a in g.articles}))
