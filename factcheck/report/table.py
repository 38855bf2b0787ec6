"""The terminal report (rich): fits the terminal, says why the exit code is what it is.

Wide enough, one table: a row a finding, a column an article headed by its
outlet (or ``#n``) and date.  Too narrow for every article (a small terminal,
or two thousand articles), one block a finding: each side's value and the
articles that state it, "+N more articles" past a few.  Then the conflicts,
each side with its quote and ``file:line``; the legend from label to file;
notes an editor must read (facts declared but never found, findings set
aside); and a closing line with the exit code and its reason.

Everything from an article goes in as ``rich.text.Text`` (never markup) and
through ``inert``: no escape sequence or workflow command can ride along.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from ..model import Finding
from .base import (
    FACT,
    ArticleHead,
    Comparison,
    article_displays,
    article_heads,
    by_story,
    fact_findings,
    finding_values,
    section_of,
    stories,
)
from .i18n import Catalogue, report_catalogue

STYLES = {
    "conflict": "bold red",
    "agree": "green",
    "single_source": "yellow",
    "differs_by_claimant": "magenta",
    "superseded": "cyan",
    "variant": "magenta",
}
PROBLEM_STYLE = "magenta"
MAX_LABELS = 4  # articles named after a value before "+N more articles"
MAX_STATEMENTS = 3  # quotes a conflict side shows
MAX_LEGEND = 12
FACT_WIDTH, VERDICT_WIDTH, CELL_MIN, CELL_MAX = 32, 20, 10, 22

_TRAILING = re.compile(r"[ \t]+((?:\033\[[0-9;]*m)*)$")  # spaces at a line's end, before any closing colour code


def inert(text: object) -> str:
    """Article or rule text for one line of a report: one line, neutralised (``neutral.line``)."""
    from ..neutral import line

    return line(" ".join(("" if text is None else str(text)).split()))


def render_table(comparison: Comparison, color: bool = False, *, width: int | None = None, lang: str | None = None,
                 notes: Sequence[str] = (), closing: str | None = None) -> str:
    """The report as terminal text, ``width`` columns wide (default 80); ANSI colours only with ``color``."""
    t = report_catalogue(comparison, lang)
    console = terminal(width or 80, color)
    parts = by_story(comparison) if len(stories(comparison)) > 1 else [("", comparison)]
    for name, part in parts:
        if name:
            from rich.text import Text

            console.print(Text(f"story: {inert(name)} ({t.n('article', len(part.articles))})", style="bold"))
        _story(console, part, t)
    _closing(console, comparison, t, notes, closing)
    return printed(console)


def terminal(width: int, color: bool = False):
    """A rich console that prints into a string, ``width`` columns wide; ANSI colours only with ``color``."""
    from rich.console import Console

    return Console(file=io.StringIO(), width=width, force_terminal=color, no_color=not color,
                   color_system="standard" if color else None, highlight=False, emoji=False,
                   markup=False, legacy_windows=False, soft_wrap=False, force_jupyter=False)


def printed(console) -> str:
    """What ``terminal``'s console printed, without the spaces rich pads lines with."""
    return "".join(_TRAILING.sub(r"\1", line) + "\n" for line in console.file.getvalue().splitlines())


def _verdict(finding: Finding, comparison: Comparison, t: Catalogue) -> str:
    section = section_of(finding, comparison)
    return t.get(f"verdict.{finding.status if section == FACT else section}", finding.status.replace("_", " "))


def _style(finding: Finding, comparison: Comparison) -> str:
    return STYLES.get(finding.status, "") if section_of(finding, comparison) == FACT else PROBLEM_STYLE


def fact_label(finding: Finding, t: Catalogue) -> str:
    """The fact with its key and claimant when the finding has them: "protest.turnout [Paris] selon CGT"."""
    label = finding.fact
    key = getattr(finding, "fact_key", None)
    if key:
        label += f" [{key}]"
    claimant = getattr(finding, "claimant", None)
    if claimant:
        label += " · " + attributed([claimant], t)
    return label


def _story(console, comparison: Comparison, t: Catalogue) -> None:
    from rich.text import Text

    heads = article_heads(comparison)
    if not comparison.findings:
        console.print(Text(t["no_finding"]))
        return
    if _fits(comparison, heads, console.width, t):
        _wide(console, comparison, heads, t)
    else:
        _narrow(console, comparison, heads, t)
    conflicts = [f for f in comparison.findings if f.status == "conflict"]
    if conflicts:
        console.print()
        console.print(Text(t["conflicts"], style="bold"))
        for finding in conflicts:
            _conflict(console, comparison, finding, heads, t)
    _legend(console, comparison, heads, t)


def finding_cells(comparison: Comparison, t: Catalogue | None = None) -> list[list[str]]:
    own = article_displays(comparison)
    ids = list(article_heads(comparison))
    rows = []
    for f in comparison.findings:
        if f.status == "differs_by_claimant" and t is not None:
            # by claimant: each value with who gives it ("80 000 selon la police")
            members = [(side, set(side.articles)) for side in f.groups]  # looked up, not searched: N articles
            rows.append([inert(" / ".join(f"{t.value(side.value)}{_who(side, t)}" for side, of in members if a in of))
                         for a in ids])
        else:
            values = finding_values(f, own)
            rows.append([inert(" / ".join((t.value(v) if t else v) for v in values.get(a, ()))) for a in ids])
    return rows


_NAMED_SIDE = re.compile(r"[^:\d]{1,60}: ")  # a side the checks already name by its claimant ("CGT: 400 000")


def _who(side, t: Catalogue) -> str:
    """" selon la police" for a side whose figures someone claims; "" when unattributed or already named."""
    if not any(side.attributions) or _NAMED_SIDE.match(side.value):
        return ""
    return " " + attributed(side.attributions, t)


def attributed(attributions, t: Catalogue) -> str:
    """Who says it, in the desk's words: "selon la police"; raw words that already say "selon ..." stay as written."""
    return ", ".join(t.according(words) for words in sorted({inert(a) for a in attributions if a}))


def _fits(comparison: Comparison, heads: dict[str, ArticleHead], width: int, t: Catalogue) -> bool:
    cells = finding_cells(comparison, t)
    fact = min(FACT_WIDTH, max(len(fact_label(f, t)) for f in comparison.findings))
    verdict = min(VERDICT_WIDTH, max(len(_verdict(f, comparison, t)) for f in comparison.findings))
    need = fact + verdict + 4
    for i, head in enumerate(heads.values()):
        widest = max([len(head.label), len(t.day(head)), CELL_MIN] + [len(row[i]) for row in cells])
        need += min(widest, CELL_MAX) + 2
    return need <= width


def _wide(console, comparison: Comparison, heads: dict[str, ArticleHead], t: Catalogue) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    table.add_column(t["fact"], overflow="fold", max_width=FACT_WIDTH)
    table.add_column(t["verdict"], overflow="fold", max_width=VERDICT_WIDTH)
    for head in heads.values():
        table.add_column(Text(f"{inert(head.label)}\n{t.day(head)}"), overflow="fold",
                         max_width=CELL_MAX)
    for finding, row in zip(comparison.findings, finding_cells(comparison, t)):
        table.add_row(Text(inert(fact_label(finding, t))),
                      Text(_verdict(finding, comparison, t), style=_style(finding, comparison)),
                      *[Text(cell or t["not_stated"]) for cell in row])
    console.print(table)


def _names(articles: Sequence[str], heads: dict[str, ArticleHead], t: Catalogue) -> str:
    labels = [inert(heads[a].label) if a in heads else inert(a) for a in articles]
    shown = ", ".join(labels[:MAX_LABELS])
    more = len(labels) - MAX_LABELS
    if more > 0:
        shown += ", " + (t["more_article"] if more == 1 else t.f("more_articles", n=more))
    return shown


def _narrow(console, comparison: Comparison, heads: dict[str, ArticleHead], t: Catalogue) -> None:
    from rich.text import Text

    for finding in comparison.findings:
        line = Text(inert(fact_label(finding, t)), style="bold")
        line.append("  ")
        line.append(_verdict(finding, comparison, t), style=_style(finding, comparison))
        console.print(line, overflow="fold")
        for side in finding.groups:
            row = Text(inert(t.value(side.value)))
            if finding.status in ("differs_by_claimant", "superseded"):
                row.append(_who(side, t))
            row.append(" — " + _names(side.articles, heads, t), style="dim")
            indented(console, row, 2)


def _where(head: ArticleHead | None, article: str, line: int) -> str:
    path = head.path if head else article
    return f"{path}:{line}" if line else path


def indented(console, text, indent: int) -> None:
    from rich.padding import Padding

    console.print(Padding(text, (0, 0, 0, indent), expand=False), overflow="fold")


def _conflict(console, comparison: Comparison, finding: Finding, heads: dict[str, ArticleHead],
              t: Catalogue) -> None:
    from rich.text import Text

    head = Text(inert(fact_label(finding, t)), style="bold red")
    head.append(f" ({finding.rule}, {t.severity(finding.severity)})", style="red")
    if finding.message:
        head.append(" — " + inert(finding.message))
    if finding.note:
        head.append(f" ({inert(t.note(finding.note))})", style="italic")
    console.print(head, overflow="fold")
    width = max(20, console.width - 8)
    for side in finding.groups:
        value = Text(inert(t.value(side.value)), style="bold")
        value.append(_who(side, t))
        indented(console, value, 2)
        for i, article in enumerate(side.articles[:MAX_STATEMENTS]):
            line = side.lines[i] if i < len(side.lines) else 0
            quote = inert(side.quotes[i] if i < len(side.quotes) else "")
            if len(quote) > width * 2:
                quote = quote[: width * 2 - 1] + "…"
            label = heads[article].label if article in heads else article
            indented(console, Text(f"{inert(label)} · {inert(_where(heads.get(article), article, line))}",
                                    style="cyan"), 4)
            if quote:
                indented(console, Text(f"« {quote} »"), 6)
        more = len(side.articles) - MAX_STATEMENTS
        if more > 0:
            indented(console, Text(t["more_article"] if more == 1 else t.f("more_articles", n=more), style="dim"), 4)


def _legend(console, comparison: Comparison, heads: dict[str, ArticleHead], t: Catalogue) -> None:
    from rich.text import Text

    used = {a for f in comparison.findings for a in f.articles}
    shown = [h for h in heads.values() if h.id in used or len(heads) <= MAX_LEGEND]
    if not shown:
        return
    console.print()
    console.print(Text(t["legend"], style="bold"))
    for head in shown[:MAX_LEGEND]:
        bits = [head.path, t.day(head)]
        if head.source is None:
            bits.append(t["source_unknown"])
        console.print(Text(f"  {inert(head.label)}  {inert(' · '.join(bits))}"), overflow="fold")
    more = len(shown) - MAX_LEGEND
    if more > 0:
        console.print(Text("  " + t.f("more_articles", n=more), style="dim"))


def headline(comparison: Comparison, t: Catalogue) -> str:
    facts = fact_findings(comparison)
    count = {s: sum(1 for f in facts if f.status == s) for s in ("conflict", "agree", "single_source")}
    return t.headline(articles=len(comparison.articles),
                      facts=len({(f.story, f.fact, getattr(f, 'fact_key', None)) for f in facts}),
                      conflicts=count["conflict"], agreements=count["agree"], singles=count["single_source"])


def _closing(console, comparison: Comparison, t: Catalogue, notes: Sequence[str], closing: str | None) -> None:
    from rich.text import Text

    console.print()
    for note in notes:
        console.print(Text(inert(note), style="yellow"), overflow="fold")
    console.print(Text(headline(comparison, t)), overflow="fold")
    if closing:
        console.print(Text(inert(closing), style="bold"), overflow="fold")
