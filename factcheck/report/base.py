"""What every renderer shares: the ``Comparison`` result, sections, labels, escaping."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..checks import Row, display, table_rows
from ..model import Finding, InputStatus

FACT = "fact"
PROBLEM_SECTIONS = ("spelling", "roles", "paired_time")


@dataclass
class Comparison:
    """Everything a report shows about one run.

    ``articles``: one dict an article read, keys ``id``, ``source``, ``date``,
    ``status``, ``encoding``, in the order the columns should appear.
    ``compares`` maps a rule id to its compare kind (``checks.compare_kinds``)
    so that spelling, roles and paired-time findings get their own sections.
    ``table``: the facts table's rows, in any form ``checks.table_rows`` reads
    (``Row`` records, tuples, or the pandas table); each cell of the summary
    shows what its article wrote.
    ``language``: the desk's language the run decided (``i18n.desk_language``); every
    renderer speaks it unless told otherwise (``--lang``).  None: English.
    """

    articles: list[dict[str, Any]]
    inputs: list[InputStatus]
    findings: list[Finding]
    table: Any = None
    rules_files: list[str] = field(default_factory=list)
    compares: dict[str, str] = field(default_factory=dict)
    unmatched: list[dict[str, str]] = field(default_factory=list)  # articles no story fits: id, reason
    language: str | None = None


def stories(comparison: Comparison) -> list[str]:
    """The stories of a ``--per-folder`` run, sorted; [] or one name when there is a single story."""
    names = {str(a["story"]) for a in comparison.articles if a.get("story") is not None}
    names.update(f.story for f in comparison.findings if f.story)
    return sorted(names)


def by_story(comparison: Comparison) -> list[tuple[str, Comparison]]:
    """One ``Comparison`` a story (its articles, findings and table rows), in story order.

    Inputs that were not read belong to no story: the caller reports them once.
    """
    names = stories(comparison)
    articles: dict[str, list[dict[str, Any]]] = {n: [] for n in names}
    for a in comparison.articles:
        articles.setdefault(str(a.get("story") or ""), []).append(a)
    findings: dict[str, list[Finding]] = {n: [] for n in names}
    for f in comparison.findings:
        findings.setdefault(f.story, []).append(f)
    story_of = {str(a.get("id")): str(a.get("story") or "") for a in comparison.articles}
    rows: dict[str, list[Row]] = {n: [] for n in names}
    for row in table_rows(comparison.table):
        rows.setdefault(story_of.get(row.article, ""), []).append(row)
    return [
        (name, Comparison(articles=articles.get(name, []), inputs=[], findings=findings.get(name, []),
                          table=rows.get(name, []), rules_files=comparison.rules_files,
                          compares=comparison.compares, language=comparison.language))
        for name in names
    ]


def section_of(finding: Finding, comparison: Comparison) -> str:
    """``fact`` for a fact finding, else the problem kind (spelling, roles, paired_time)."""
    compare = comparison.compares.get(finding.rule)
    if compare is not None:
        return compare if compare in PROBLEM_SECTIONS else FACT
    # Without the rules, fall back on the notes checks.py writes for problems.
    if finding.note.startswith("spelling variants:"):
        return "spelling"
    if finding.note.startswith("roles:"):
        return "roles"
    return FACT


def fact_findings(comparison: Comparison) -> list[Finding]:
    return [f for f in comparison.findings if section_of(f, comparison) == FACT]


def problem_findings(comparison: Comparison, section: str) -> list[Finding]:
    return [f for f in comparison.findings if section_of(f, comparison) == section]


def article_ids(comparison: Comparison) -> list[str]:
    """Column order: the articles as given, then any article only the findings know."""
    ids = [str(a.get("id")) for a in comparison.articles if a.get("id") is not None]
    extra = sorted({a for f in comparison.findings for a in f.articles} - set(ids))
    return list(dict.fromkeys(ids + extra))


def article_sources(comparison: Comparison) -> dict[str, str]:
    return {str(a.get("id")): str(a.get("source") or a.get("id")) for a in comparison.articles}


def cell_values(finding: Finding, article: str, own: dict[str, set[str]] | None = None) -> list[str]:
    """The values an article gives in a finding (two when it contradicts itself).

    A side's value joins the values of all its articles; with ``own`` (see
    ``article_displays``) the cell keeps only the ones this article wrote.
    """
    return finding_values(finding, own).get(article, [])


def finding_values(finding: Finding, own: dict[str, set[str]] | None = None) -> dict[str, list[str]]:
    """Article -> ``cell_values`` of the finding, for every article at once: a table of N articles makes N
    cells a finding, each looked up here, not searched for in the sides (which would cost N² in one big story)."""
    out: dict[str, list[str]] = {}
    for g in finding.groups:
        parts = g.value.split(" / ")
        for article in dict.fromkeys(g.articles):
            mine = [p for p in parts if own is not None and p in own.get(article, ())]
            out.setdefault(article, []).append(" / ".join(mine) if mine else g.value)
    return out


def article_displays(comparison: Comparison) -> dict[str, set[str]]:
    """Article -> the displayed values of its mentions, as checks writes them into sides."""
    if comparison.table is None or len(comparison.table) == 0:
        return {}
    out: dict[str, set[str]] = {}
    for row in table_rows(comparison.table):
        out.setdefault(row.article, set()).add(display(row))
    return out


VERDICTS = {
    "agree": "agree",
    "conflict": "conflict",
    "single_source": "single source",
}
PROBLEM_VERDICTS = {"spelling": "spelling", "roles": "roles", "paired_time": "paired time"}


def verdict(finding: Finding, comparison: Comparison) -> str:
    section = section_of(finding, comparison)
    if section != FACT:
        return PROBLEM_VERDICTS[section]
    return VERDICTS.get(finding.status, finding.status)


def short_labels(labels: list[str], width: int = 12) -> list[str]:
    """Labels cut to ``width`` characters, wider where cutting would make two alike."""
    for w in range(width, max((len(x) for x in labels), default=0) + 1):
        cut = [x if len(x) <= w else x[: w - 1] + "…" for x in labels]
        if len(set(cut)) == len(set(labels)):
            return cut
    return list(labels)


def truncate(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


# ---------------------------------------------------------------------------
# Markdown escaping: article text must never become markup or HTML.

_MD_PUNCT = set("\\`*_[]~#|!")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# Constructs that only mean something at the start of a line.
_LINE_START = re.compile(r"^(?:[-+=]|\d+(?=[.)]))")


def escape_md(text: Any) -> str:
    """Article text made inert for Markdown: HTML entities for ``< > &``,
    backslash before Markdown punctuation (the pipe included, which keeps table
    cells whole and is harmless elsewhere), line breaks and tabs as spaces."""
    flat = " ".join(str("" if text is None else text).split())
    out = []
    for ch in flat:
        if ch in _HTML:
            out.append(_HTML[ch])
        elif ch in _MD_PUNCT:
            out.append("\\" + ch)
        else:
            out.append(ch)
    escaped = "".join(out)
    m = _LINE_START.match(escaped)
    if m:
        # "1." or "-" at the start of a blockquote line would open a list.
        escaped = escaped[: m.end()] + "\\" + escaped[m.end():] if m.group(0)[0].isdigit() else "\\" + escaped
    return escaped


# ---------------------------------------------------------------------------
# Outlets, not hashes: what heads an article's column, and the legend.


@dataclass(frozen=True)
class ArticleHead:
    id: str
    label: str  # the outlet when known ("Le Monde"), else "#3"; unique in the report
    date: str  # ISO date, possibly partial; "" when unknown
    path: str  # the file, for the legend
    source: str | None  # the outlet, None when unknown
    inferred: bool = False  # the date was read into an undated article from its story's others


def article_heads(comparison: Comparison) -> dict[str, ArticleHead]:
    """Article id -> its head, in column order.

    The outlet names the column when the article has one; two articles of one
    outlet add their date, then their number; an article without an outlet is
    ``#n`` (its place in the column order).  The legend maps each label to its file.
    """
    ids = article_ids(comparison)
    meta = {str(a.get("id")): a for a in comparison.articles}
    outlets = [str(meta.get(i, {}).get("source") or "") for i in ids]
    dates = [str(meta.get(i, {}).get("date") or "") for i in ids]
    labels = []
    for n, (outlet, day) in enumerate(zip(outlets, dates), start=1):
        if not outlet:
            labels.append(f"#{n}")
        elif outlets.count(outlet) == 1:
            labels.append(outlet)
        elif day and sum(1 for o, d in zip(outlets, dates) if o == outlet and d == day) == 1:
            labels.append(f"{outlet} {day}")
        else:
            labels.append(f"{outlet} #{n}")
    return {
        i: ArticleHead(i, label, day, str(meta.get(i, {}).get("path") or i), outlet or None,
                       meta.get(i, {}).get("date_source") == "inferred")
        for i, label, day, outlet in zip(ids, labels, dates, outlets)
    }
