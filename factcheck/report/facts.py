"""Renderers of the facts table (``factcheck extract``): terminal table, CSV, JSON, Markdown."""

from __future__ import annotations

import json
import math

from ..neutral import csv_cell, json_dumps
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

# What the terminal view shows of each mention; the other formats carry every column.
TERMINAL_COLUMNS = ("article", "fact", "kind", "value", "modality", "attribution", "span")
_MAX_CELL = 48


def _clean(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def records(table: "pd.DataFrame") -> list[dict]:
    """The table as plain records: JSON-ready, None for missing values."""
    return [{k: _clean(v) for k, v in row.items()} for row in table.to_dict(orient="records")]


def visible(table: "pd.DataFrame", *, show_all: bool) -> "pd.DataFrame":
    """The rows a reader sees: mentions bound to a fact, or every mention with ``show_all``."""
    if show_all:
        return table
    return table[table["fact"].notna()]


def render_json(table: "pd.DataFrame") -> str:
    return json_dumps(records(table), ensure_ascii=False, indent=2) + "\n"


def render_csv(table: "pd.DataFrame") -> str:
    frame = table.copy()
    frame["paired"] = [json.dumps(p, ensure_ascii=False, sort_keys=True) if p else None for p in frame["paired"]]
    # Every text cell made inert: no live spreadsheet formula, no escape, no command.
    frame = frame.map(csv_cell)
    frame.columns = [csv_cell(c) for c in frame.columns]
    return frame.to_csv(index=False, lineterminator="\n")


def _short(text: Any, width: int = _MAX_CELL) -> str:
    text = "" if text is None else " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _columns(table: "pd.DataFrame") -> list[str]:
    """The terminal columns, with ``story`` first when a ``--per-folder`` table holds several stories."""
    if "story" in table.columns and table["story"].nunique() > 1:
        return ["story", *TERMINAL_COLUMNS]
    return list(TERMINAL_COLUMNS)


def _rows(table: "pd.DataFrame", texts: dict[str, str] | None, columns: list[str]) -> list[list[str]]:
    rows = []
    for rec in records(table):
        span = (texts or {}).get(rec["article"], "")[rec["start"]:rec["end"]] if texts else rec["value"]
        rec["span"] = span
        rows.append([_short(rec.get(c)) for c in columns])
    return rows


# Widest a terminal column grows before it folds (the fact table at 200 columns fits without folding).
TERMINAL_WIDTHS = {"story": 16, "article": 14, "fact": 24, "kind": 8, "value": 26, "modality": 8,
                   "attribution": 30, "span": 34}


def render_terminal(table: "pd.DataFrame", *, texts: dict[str, str] | None = None, width: int = 80,
                    heads: dict | None = None) -> str:
    """The facts table for a terminal ``width`` columns wide, as ``compare``'s report fits it.

    Wide enough: one table, a row a mention, the article by its outlet (or ``#n``)
    and a legend to its file.  Narrower: one block a mention (article, fact, kind,
    then the value with its modality and attribution, then the words of the
    article).  ``heads``: ``report.base.article_heads`` (the article ids when absent).
    """
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from .table import indented, inert, printed, terminal

    if table.empty:
        return "No fact found.\n"
    heads = heads or {}
    columns = _columns(table)
    rows = [dict(zip(columns, row)) for row in _rows(table, texts, columns)]
    for row in rows:
        head = heads.get(row["article"])
        row["article"] = head.label if head else row["article"]
        row["modality"] = "" if row["modality"] == "unknown" else row["modality"]
        row.update({c: inert(row[c]) for c in columns})
    console = terminal(width)
    need = sum(min(TERMINAL_WIDTHS[c], max([len(c)] + [len(r[c]) for r in rows])) + 2 for c in columns)
    if need <= width:
        grid = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
        for c in columns:
            grid.add_column(c, overflow="fold", max_width=TERMINAL_WIDTHS[c])
        for row in rows:
            grid.add_row(*[Text(row[c]) for c in columns])
        console.print(grid)
    else:
        for row in rows:
            where = " · ".join(row[c] for c in ("story", "article") if row.get(c))
            console.print(Text(f"{where} · {row['fact'] or '-'} ({row['kind']})"), overflow="fold")
            said = " · ".join(part for part in (row["value"], row["modality"], row["attribution"]) if part)
            indented(console, Text(said), 2)
            if row["span"] and row["span"] != row["value"]:
                indented(console, Text(f"« {row['span']} »"), 2)
    used = {str(a) for a in table["article"]}
    shown = [h for i, h in heads.items() if i in used]
    if shown:
        console.print()
        for head in shown:
            console.print(Text(f"{inert(head.label)}  {inert(' · '.join(filter(None, [head.path, head.date])))}"),
                          overflow="fold")
    return printed(console)


def render_markdown(table: "pd.DataFrame", *, texts: dict[str, str] | None = None) -> str:
    from tabulate import tabulate

    from .base import escape_md as escape_cell

    columns = _columns(table)
    rows = [[escape_cell(cell) for cell in row] for row in _rows(table, texts, columns)]
    return tabulate(rows, headers=columns, tablefmt="github") + "\n"


def render_jsonl(table: "pd.DataFrame") -> str:
    """JSON Lines: one mention a line (the JSON rows, one by one), for archives and ``jq``."""
    return "".join(json_dumps(rec, ensure_ascii=False) + "\n" for rec in records(table))
