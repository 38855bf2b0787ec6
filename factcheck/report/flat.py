"""Findings flattened: one record a (finding, side, article), for CSV, JSON Lines and pandas."""

from __future__ import annotations

import csv
import io

from ..neutral import csv_cell, json_dumps
from .base import Comparison

FINDING_COLUMNS = ("story", "rule", "fact", "fact_key", "claimant", "status", "severity", "side", "value",
                   "article", "source", "path", "line", "quote", "message")


def finding_records(comparison: Comparison) -> list[dict]:
    """What each article states in each finding; ``source`` is None when the outlet is unknown."""
    articles = {str(a.get("id")): a for a in comparison.articles}
    out = []
    for finding in comparison.findings:
        for n, side in enumerate(finding.groups, start=1):
            for i, article in enumerate(side.articles):
                meta = articles.get(article, {})
                out.append({
                    "story": finding.story or None, "rule": finding.rule, "fact": finding.fact,
                    "fact_key": getattr(finding, "fact_key", None) or None,
                    "claimant": getattr(finding, "claimant", None) or None,
                    "status": finding.status, "severity": finding.severity, "side": n, "value": side.value,
                    "article": article, "source": meta.get("source") or None, "path": meta.get("path"),
                    "line": side.lines[i] if i < len(side.lines) and side.lines[i] else None,
                    "quote": side.quotes[i] if i < len(side.quotes) else None, "message": finding.message,
                })
    return out


def render_findings_csv(comparison: Comparison) -> str:
    """CSV, one row a (finding, side, article); an unknown value is an empty cell."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(FINDING_COLUMNS), lineterminator="\n")
    writer.writeheader()
    for record in finding_records(comparison):
        writer.writerow({k: ("" if v is None else csv_cell(v)) for k, v in record.items()})
    return out.getvalue()


def render_findings_jsonl(comparison: Comparison) -> str:
    """JSON Lines: one finding a line, as in the JSON report's ``findings``."""
    from .jsonout import _finding, plain

    return "".join(json_dumps(plain(_finding(f, comparison)), ensure_ascii=False) + "\n"
                   for f in comparison.findings)
