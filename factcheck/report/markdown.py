"""Markdown report, written for an editor with two minutes.

Order: a headline, one table with a row a fact and a column an article, then
conflicts with each side's words, then the rest.  Every piece of article text
goes through ``escape_md`` so it can neither break the table nor carry HTML.
The output depends only on the comparison: no clock, no paths of the machine.
Every label comes from the desk's catalogue (``i18n``): ``lang``, else the
comparison's language; words quoted from the articles stay as written.
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
    escape_md,
    fact_findings,
    finding_values,
    problem_findings,
    stories,
)
from .i18n import Catalogue, report_catalogue

PROBLEM_SECTIONS = ("spelling", "roles", "paired_time")


def _article_ref(article: str, sources: dict[str, str], t: Catalogue, line: int | None = None) -> str:
    ref = escape_md(article)
    source = sources.get(article)
    if source and source != article:
        ref += f" ({escape_md(source)})"
    if line:
        ref += ", " + t.f("line", n=line)
    return ref


def _side_quotes(side: Side, sources: dict[str, str], shown: set[tuple[str, str]], t: Catalogue) -> list[str]:
    out = []
    for i, (article, quote) in enumerate(zip(side.articles, side.quotes)):
        line = side.lines[i] if i < len(side.lines) else None
        if (article, quote) in shown:
            # Both halves of a paired time come from one sentence: quote it once.
            continue
        shown.add((article, quote))
        if quote:
            out += [f"> {escape_md(quote)}", ">", f"> — {_article_ref(article, sources, t, line)}", ""]
        else:
            out += [f"— {_article_ref(article, sources, t, line)}", ""]
    return out


def _side_heading(side: Side, t: Catalogue) -> str:
    bits = [f"**{escape_md(t.value(side.value))}**"]
    known = [t.modality(m) for m in side.modalities if m != "unknown"]
    if known:
        bits.append(escape_md(", ".join(known)))
    if side.attributions:
        bits.append(escape_md(", ".join(t.according(a) for a in side.attributions)))
    bits.append(t.n("article", len(side.articles)))
    return " · ".join(bits)


def _finding_heading(finding: Finding, t: Catalogue, level: int = 3) -> str:
    return (f"{'#' * level} {escape_md(finding.fact)} "
            f"({escape_md(finding.rule)}, {escape_md(t.severity(finding.severity))})")


def _detailed(finding: Finding, sources: dict[str, str], t: Catalogue, level: int = 3) -> list[str]:
    out = [_finding_heading(finding, t, level), "", escape_md(finding.message), ""]
    if finding.note:
        out += [f"*{escape_md(t.note(finding.note))}*", ""]
    shown: set[tuple[str, str]] = set()
    for side in finding.groups:
        out += [_side_heading(side, t), ""]
        out += _side_quotes(side, sources, shown, t)
    return out


def _verdict(finding: Finding, t: Catalogue) -> str:
    label = escape_md(t.get(f"verdict.{finding.status}", finding.status.replace("_", " ")))
    return f"**{label}**" if finding.status == "conflict" else label


def _summary_table(findings: list[Finding], ids: list[str], own: dict[str, set[str]], t: Catalogue,
                   heads: dict[str, ArticleHead] | None = None) -> list[str]:
    # Outlets, not hashes: each column is headed by its outlet (or #n) and date; the legend names the file.
    heads = heads or {}
    header = [escape_md(t["fact"]), escape_md(t["verdict"])] + [
        escape_md(f"{heads[i].label} ({t.day(heads[i])})" if heads.get(i) and heads[i].date else
                  heads[i].label if i in heads else i) for i in ids]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for f in findings:
        values = finding_values(f, own)
        cells = [escape_md(" / ".join(t.value(v) for v in values.get(a, ()))) or "—" for a in ids]
        lines.append("| " + " | ".join([escape_md(f.fact), _verdict(f, t)] + cells) + " |")
    return lines


def _bullets(findings: list[Finding], sources: dict[str, str], with_quote: bool, t: Catalogue) -> list[str]:
    if not findings:
        return [t["none"], ""]
    out = []
    for f in findings:
        for side in f.groups:
            articles = ", ".join(_article_ref(a, sources, t) for a in side.articles)
            item = "- " + t.f("item", fact=f"**{escape_md(f.fact)}**", rule=escape_md(f.rule),
                              value=escape_md(t.value(side.value)), articles=articles)
            if with_quote and side.quotes and side.quotes[0]:
                item += t.f("quoted", quote=escape_md(side.quotes[0]))
            out.append(item)
    return out + [""]


def _headline(comparison: Comparison, facts: list[Finding], t: Catalogue, n_stories: int = 0) -> tuple[str, str]:
    conflicts = [f for f in facts if f.status == "conflict"]
    agreements = [f for f in facts if f.status == "agree"]
    singles = [f for f in facts if f.status == "single_source"]
    not_read = [i for i in comparison.inputs if not i.ok]
    n_facts = len({(f.story, f.fact) for f in facts})
    where = t.n("article", len(comparison.articles))
    if n_stories > 1:
        where = t.f("in_stories", articles=where, stories=t.n("story", n_stories))
    if conflicts:
        title = t.f("title.conflicts", conflicts=t.n("conflict", len(conflicts)), where=where)
    else:
        title = t.f("title.no_conflict", where=where)
    return title, t.headline(articles=len(comparison.articles), stories=n_stories, facts=n_facts,
                             conflicts=len(conflicts), agreements=len(agreements), singles=len(singles),
                             not_read=len(not_read))


def _keyed_tables(facts: list[Finding], level: int, t: Catalogue) -> list[str]:
    """One table a keyed fact: keys as rows, claimants as columns, each cell the values with their
    outlets, a conflict marked: "34 000 (3 outlets) vs 43 000 (1 outlet) ⚠"."""
    keyed = [f for f in facts if f.fact_key and f.status != "differs_by_claimant"]
    if not keyed:
        return []
    out = [f"{'#' * level} {escape_md(t['by_key'])}", ""]
    by_fact: dict[str, list[Finding]] = {}
    for f in keyed:
        by_fact.setdefault(f.fact, []).append(f)
    for fact in sorted(by_fact):
        cells: dict[tuple[str, str], str] = {}
        for f in by_fact[fact]:
            column = f.claimant or t["no_claimant"]
            if (f.fact_key, column) in cells:
                continue  # the claimant's own verdict comes first; a same-time window adds nothing here
            parts = [f"{g.value} ({t.n('outlet', len(g.articles))})" for g in f.groups]
            mark = " ⚠" if f.status == "conflict" else f" ({t['revised']})" if f.status == "superseded" else ""
            cells[(f.fact_key, column)] = " vs ".join(parts) + mark
        keys = sorted({k for k, _ in cells})
        columns = sorted({c for _, c in cells}, key=lambda c: (c == t["no_claimant"], c))
        out += [f"**{escape_md(fact)}**", "", f"| {escape_md(t['key'])} | " + " | ".join(escape_md(c) for c in columns) + " |",
                "|" + "---|" * (len(columns) + 1)]
        for key in keys:
            out.append(f"| {escape_md(key)} | " + " | ".join(escape_md(cells.get((key, c), "—")) for c in columns) + " |")
        out.append("")
    return out


def _body(comparison: Comparison, level: int, t: Catalogue) -> list[str]:
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
        out += _summary_table(facts, ids, article_displays(comparison), t, article_heads(comparison)) + [""]
    else:
        out += [t["no_finding"], ""]

    out += _keyed_tables(facts, level, t)

    out += [f"{h} {t['conflicts']}", ""]
    if conflicts:
        for f in conflicts:
            out += _detailed(f, sources, t, level + 1)
    else:
        out += [t["none"], ""]

    out += [f"{h} {t['agreements']}", ""] + _bullets(agreements, sources, False, t)
    out += [f"{h} {t['singles']}", ""] + _bullets(singles, sources, True, t)

    for section in PROBLEM_SECTIONS:
        found = problem_findings(comparison, section)
        if found:
            out += [f"{h} {t['section.' + section]}", ""]
            for f in found:
                out += _detailed(f, sources, t, level + 1)
    return out


def _story_table(parts: list[tuple[str, Comparison]], t: Catalogue) -> list[str]:
    header = [t[k] for k in ("story", "articles", "conflicts_col", "agreements_col", "single_col")]
    lines = ["| " + " | ".join(escape_md(h) for h in header) + " |", "|---|---|---|---|---|"]
    for name, part in parts:
        facts = fact_findings(part)
        n = {status: sum(1 for f in facts if f.status == status) for status in ("conflict", "agree", "single_source")}
        conflicts = f"**{n['conflict']}**" if n["conflict"] else "0"
        lines.append(f"| {escape_md(name)} | {len(part.articles)} | {conflicts} | {n['agree']} | {n['single_source']} |")
    return lines


def render_markdown(comparison: Comparison, lang: str | None = None, notes: list[str] | tuple[str, ...] = ()) -> str:
    """The report as CommonMark with GFM tables; same comparison, same bytes.

    With several stories (``--per-folder``): a table of the stories, then a
    section a story with its own table, conflicts and the rest.  The parts
    below also serve archive runs, which write the story sections as the
    stories finish (``report/stream.py``).
    """
    t = report_catalogue(comparison, lang)
    parts = by_story(comparison) if len(stories(comparison)) > 1 else []
    out = markdown_head(comparison, parts, t, notes)
    if parts:
        for name, part in parts:
            out += markdown_story(name, part, t)
    else:
        out += _body(comparison, 2, t)
    out += markdown_tail(comparison, t)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


def markdown_head(comparison: Comparison, parts: list[tuple[str, Comparison]], t: Catalogue,
                  notes: list[str] | tuple[str, ...] = ()) -> list[str]:
    """Title, headline, the notes to read first (``review.Review.notes``: nothing applied, facts never
    found, findings set aside) and (several stories) the table of the stories."""
    title, headline = _headline(comparison, fact_findings(comparison), t, len(parts))
    out = [f"# {escape_md(title)}", "", headline, ""]
    if notes:
        out += [f"**{escape_md(t['notes_title'])}**", ""] + [f"- {escape_md(n)}" for n in notes] + [""]
    if parts:
        out += _story_table(parts, t) + [""]
    return out


def markdown_story(name: str, part: Comparison, t: Catalogue) -> list[str]:
    """One story's section (``by_story``'s part)."""
    _, story_headline = _headline(part, fact_findings(part), t)
    return [f"## {t.f('story_heading', name=escape_md(name))}", "", story_headline, ""] + _body(part, 3, t)


def markdown_tail(comparison: Comparison, t: Catalogue) -> list[str]:
    """Inputs not read, and the sources."""
    out: list[str] = []
    if comparison.unmatched:
        # Articles no story's event fits: read, but none of the stories' facts bind in them.
        out += [f"## {t['unmatched']}", ""]
        out += [f"- {escape_md(u['id'])} — {escape_md(t.note(u.get('reason', '')))}" for u in comparison.unmatched]
        out += [""]

    not_read = [i for i in comparison.inputs if not i.ok]
    if not_read:
        out += [f"## {t['inputs_not_read']}", ""]
        for i in not_read:
            reason = f"{i.status}: {i.reason}" if i.reason else i.status
            out.append(f"- {escape_md(i.path)} — {escape_md(reason)}")
        out.append("")

    out += [f"## {t['sources']}", ""] + [
        "- " + t.f("source_item", label=escape_md(h.label), path=escape_md(h.path),
                   source=escape_md(h.source or t["source_unknown"]), date=escape_md(t.day(h)))
        for h in article_heads(comparison).values()] + [""]
    return out
