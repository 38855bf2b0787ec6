"""Terminal table: one row a finding, one column an article."""

from __future__ import annotations

from tabulate import tabulate

from .base import (
    FACT,
    Comparison,
    article_displays,
    article_ids,
    article_sources,
    by_story,
    cell_values,
    section_of,
    short_labels,
    stories,
    truncate,
    verdict,
)

_RESET = "\033[0m"
_COLOURS = {
    "conflict": "\033[1;31m",
    "agree": "\033[32m",
    "single source": "\033[33m",
}
_PROBLEM_COLOUR = "\033[35m"
CELL_WIDTH = 28


def _paint(text: str, colour: str | None, color: bool) -> str:
    return f"{colour}{text}{_RESET}" if color and colour else text


def render_table(comparison: Comparison, color: bool = False) -> str:
    """A plain-text table (ANSI colours only with ``color``); ends with a newline.

    With several stories (``--per-folder``), one table a story under a ``story: name`` line.
    """
    if len(stories(comparison)) > 1:
        blocks = []
        for name, part in by_story(comparison):
            n = len(part.articles)
            blocks.append(f"story: {name} ({n} article{'s' if n != 1 else ''})\n" + _one_table(part, color))
        return "\n".join(blocks)
    return _one_table(comparison, color)


def _one_table(comparison: Comparison, color: bool) -> str:
    ids = article_ids(comparison)
    sources = article_sources(comparison)
    # A source names the column when it tells the articles apart, else the id does.
    names = [sources.get(i, i) for i in ids]
    if len(set(names)) != len(names):
        names = ids
    headers = ["fact", "verdict"] + short_labels(names)
    own = article_displays(comparison)
    rows = []
    for finding in comparison.findings:
        label = verdict(finding, comparison)
        colour = _COLOURS.get(label) if section_of(finding, comparison) == FACT else _PROBLEM_COLOUR
        cells = [truncate(" / ".join(cell_values(finding, a, own)), CELL_WIDTH) or "-" for a in ids]
        rows.append([finding.fact, _paint(label, colour, color)] + cells)
    if not rows:
        return "No findings.\n"
    return tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True) + "\n"
