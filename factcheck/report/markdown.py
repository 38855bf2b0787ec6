"""Markdown report, written for an editor with two minutes.

Order: a headline, one table with a row a fact and a column an article, then
conflicts with each side's words, then the rest.  Every piece of article text
goes through ``escape_md`` so it can neither break the table nor carry HTML.
The output depends only on the comparison: no clock, no paths of the machine.
"""

from __future__ import annotations

from ..model import Finding, Side
from .base import (
    ArticleHead,
    Comparison,
    article_heads,
    article_displays,
    article_ids,
    article_sources,
    by_story,
    cell_values,
    escape_md,
    fact_findings,
    problem_findings,
    stories,
)

PROBLEM_TITLES = (
    ("spelling", "Spelling variants"),
    ("roles", "Roles"),
    ("paired_time", "Paired times"),
)


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _article_ref(article: str, sources: dict[str, str], line: int | None = None) -> str:
    ref = escape_md(article)
    source = sources.get(article)
    if source and source != article:
        ref += f" ({escape_md(source)})"
    if line:
        ref += f", line {line}"
    return ref


def _side_quotes(side: Side, sources: dict[str, str], shown: set[tuple[str, str]]) -> list[str]:
    out = []
    for i, (article, quote) in enumerate(zip(side.articles, side.quotes)):
        line = side.lines[i] if i < len(side.lines) else None
        if (article, quote) in shown:
            # Both halves of a paired time come from one sentence: quote it once.
            continue
        shown.add((article, quote))
        if quote:
            out += [f"> {escape_md(quote)}", ">", f"> — {_article_ref(article, sources, line)}", ""]
        else:
            out += [f"— {_article_ref(article, sources, line)}", ""]
    return out


def _side_heading(side: Side) -> str:
    bits = [f"**{escape_md(side.value)}**"]
    known = [m for m in side.modalities if m != "unknown"]
    if known:
        bits.append(escape_md(", ".join(known)))
    if side.attributions:
        bits.append("according to " + escape_md(", ".join(side.attributions)))
    bits.append(_plural(len(side.articles), "article"))
    return " · ".join(bits)


def _finding_heading(finding: Finding, level: int = 3) -> str:
    return f"{'#' * level} {escape_md(finding.fact)} ({escape_md(finding.rule)}, {escape_md(finding.severity)})"


def _detailed(finding: Finding, sources: dict[str, str], level: int = 3) -> list[str]:
    out = [_finding_heading(finding, level), "", escape_md(finding.message), ""]
    if finding.note:
        out += [f"*{escape_md(finding.note)}*", ""]
    shown: set[tuple[str, str]] = set()
    for side in finding.groups:
        out += [_side_heading(side), ""]
        out += _side_quotes(side, sources, shown)
    return out


def _summary_table(findings: list[Finding], ids: list[str], own: dict[str, set[str]],
                   heads: dict[str, ArticleHead] | None = None) -> list[str]:
    # Outlets, not hashes: each column is headed by its outlet (or #n) and date; the legend names the file.
    heads = heads or {}
    header = ["fact", "verdict"] + [
        escape_md(f"{heads[i].label} ({heads[i].date})" if heads.get(i) and heads[i].date else
                  heads[i].label if i in heads else i) for i in ids]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for f in findings:
        label = {"conflict": "**conflict**", "agree": "agree", "single_source": "single source"}.get(
            f.status, escape_md(f.status)
        )
        cells = [escape_md(" / ".join(cell_values(f, a, own))) or "—" for a in ids]
        lines.append("| " + " | ".join([escape_md(f.fact), label] + cells) + " |")
    return lines


def _bullets(findings: list[Finding], sources: dict[str, str], with_quote: bool) -> list[str]:
    if not findings:
        return ["None.", ""]
    out = []
    for f in findings:
        for side in f.groups:
            articles = ", ".join(_article_ref(a, sources) for a in side.articles)
            item = f"- **{escape_md(f.fact)}** ({escape_md(f.rule)}): {escape_md(side.value)} — {articles}"
            if with_quote and side.quotes and side.quotes[0]:
                item += f": “{escape_md(side.quotes[0])}”"
            out.append(item)
    return out + [""]


def _headline(comparison: Comparison, facts: list[Finding], n_stories: int = 0) -> tuple[str, list[str]]:
    conflicts = [f for f in facts if f.status == "conflict"]
    agreements = [f for f in facts if f.status == "agree"]
    singles = [f for f in facts if f.status == "single_source"]
    not_read = [i for i in comparison.inputs if not i.ok]
    n_facts = len({(f.story, f.fact) for f in facts})
    where = _plural(len(comparison.articles), "article")
    if n_stories > 1:
        where += f" in {_plural(n_stories, 'story', 'stories')}"
    if conflicts:
        title = f"{_plural(len(conflicts), 'conflict')} across {where}"
    else:
        title = f"No conflict across {where}"
    headline = [f"{_plural(len(comparison.articles), 'article')} read"]
    if n_stories > 1:
        headline.append(_plural(n_stories, "story", "stories"))
    headline += [
        f"{_plural(n_facts, 'fact')} found",
        _plural(len(conflicts), "conflict"),
        f"{_plural(len(agreements), 'agreement')}",
        f"{len(singles)} single-source {'fact' if len(singles) == 1 else 'facts'}",
    ]
    if not_read:
        headline.append(f"{_plural(len(not_read), 'input')} not read")
    return title, headline


def _keyed_tables(facts: list[Finding], level: int) -> list[str]:
    """One table a keyed fact: keys as rows, claimants as columns, each cell the values with their
    outlets, a conflict marked: "34 000 (3 outlets) vs 43 000 (1 outlet) ⚠"."""
    keyed = [f for f in facts if f.fact_key and f.status != "differs_by_claimant"]
    if not keyed:
        return []
    out = [f"{'#' * level} Figures by key and claimant", ""]
    by_fact: dict[str, list[Finding]] = {}
    for f in keyed:
        by_fact.setdefault(f.fact, []).append(f)
    for fact in sorted(by_fact):
        cells: dict[tuple[str, str], str] = {}
        for f in by_fact[fact]:
            column = f.claimant or "no claimant"
            if (f.fact_key, column) in cells:
                continue  # the claimant's own verdict comes first; a same-time window adds nothing here
            parts = [f"{g.value} ({_plural(len(g.articles), 'outlet')})" for g in f.groups]
            mark = " ⚠" if f.status == "conflict" else " (revised)" if f.status == "superseded" else ""
            cells[(f.fact_key, column)] = " vs ".join(parts) + mark
        keys = sorted({k for k, _ in cells})
        columns = sorted({c for _, c in cells}, key=lambda c: (c == "no claimant", c))
        out += [f"**{escape_md(fact)}**", "", "| key | " + " | ".join(escape_md(c) for c in columns) + " |",
                "|" + "---|" * (len(columns) + 1)]
        for key in keys:
            out.append(f"| {escape_md(key)} | " + " | ".join(escape_md(cells.get((key, c), "—")) for c in columns) + " |")
        out.append("")
    return out


def _body(comparison: Comparison, level: int) -> list[str]:
    """The summary table and the sections of one story, sections at heading ``level``."""
    h = "#" * level
    sources = article_sources(comparison)
    ids = article_ids(comparison)
    facts = fact_findings(comparison)
    conflicts = [f for f in facts if f.status == "conflict"]
    agreements = [f for f in facts if f.status == "agree"]
    singles = [f for f in facts if f.status == "single_source"]

    out: list[str] = []
    if facts:
        out += _summary_table(facts, ids, article_displays(comparison), article_heads(comparison)) + [""]
    else:
        out += ["No fact of the rules was found in the articles.", ""]

    out += _keyed_tables(facts, level)

    out += [f"{h} Conflicts", ""]
    if conflicts:
        for f in conflicts:
            out += _detailed(f, sources, level + 1)
    else:
        out += ["None.", ""]

    out += [f"{h} Agreements", ""] + _bullets(agreements, sources, with_quote=False)
    out += [f"{h} Single-source facts", ""] + _bullets(singles, sources, with_quote=True)

    for section, heading in PROBLEM_TITLES:
        found = problem_findings(comparison, section)
        if found:
            out += [f"{h} {heading}", ""]
            for f in found:
                out += _detailed(f, sources, level + 1)
    return out


def _story_table(parts: list[tuple[str, Comparison]]) -> list[str]:
    lines = ["| story | articles | conflicts | agreements | single source |", "|---|---|---|---|---|"]
    for name, part in parts:
        facts = fact_findings(part)
        n = {status: sum(1 for f in facts if f.status == status) for status in ("conflict", "agree", "single_source")}
        conflicts = f"**{n['conflict']}**" if n["conflict"] else "0"
        lines.append(f"| {escape_md(name)} | {len(part.articles)} | {conflicts} | {n['agree']} | {n['single_source']} |")
    return lines


def render_markdown(comparison: Comparison) -> str:
    """The report as CommonMark with GFM tables; same comparison, same bytes.

    With several stories (``--per-folder``): a table of the stories, then a
    section a story with its own table, conflicts and the rest.  The parts
    below also serve archive runs, which write the story sections as the
    stories finish (``report/stream.py``).
    """
    parts = by_story(comparison) if len(stories(comparison)) > 1 else []
    out = markdown_head(comparison, parts)
    if parts:
        for name, part in parts:
            out += markdown_story(name, part)
    else:
        out += _body(comparison, level=2)
    out += markdown_tail(comparison)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


def markdown_head(comparison: Comparison, parts: list[tuple[str, Comparison]]) -> list[str]:
    """Title, headline and (several stories) the table of the stories."""
    title, headline = _headline(comparison, fact_findings(comparison), len(parts))
    out = [f"# {escape_md(title)}", "", " · ".join(headline), ""]
    if parts:
        out += _story_table(parts) + [""]
    return out


def markdown_story(name: str, part: Comparison) -> list[str]:
    """One story's section (``by_story``'s part)."""
    _, story_headline = _headline(part, fact_findings(part))
    return [f"## Story: {escape_md(name)}", "", " · ".join(story_headline), ""] + _body(part, level=3)


def markdown_tail(comparison: Comparison) -> list[str]:
    """Inputs not read, and the sources."""
    out: list[str] = []
    if comparison.unmatched:
        # Articles no story's event fits: read, but none of the stories' facts bind in them.
        out += ["## Articles no story matches", ""]
        out += [f"- {escape_md(u['id'])} — {escape_md(u.get('reason', ''))}" for u in comparison.unmatched] + [""]

    not_read = [i for i in comparison.inputs if not i.ok]
    if not_read:
        out += ["## Inputs not read", ""]
        for i in not_read:
            reason = f"{i.status}: {i.reason}" if i.reason else i.status
            out.append(f"- {escape_md(i.path)} — {escape_md(reason)}")
        out.append("")

    out += ["## Sources", ""] + [
        f"- {escape_md(h.label)}: {escape_md(h.path)} ({escape_md(h.source or 'outlet unknown')}, "
        f"{escape_md(h.date or 'undated')})" for h in article_heads(comparison).values()] + [""]
    return out
