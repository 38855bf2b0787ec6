"""JSON report: the comparison as data, stable across runs."""

from __future__ import annotations

import json
import math
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from typing import Any

from ..model import Finding
from ..neutral import json_dumps
from .base import Comparison

ARTICLE_KEYS = ("id", "source", "date", "status", "encoding")


def plain(value: Any) -> Any:
    """JSON-safe: NaN and missing as null, numpy scalars as numbers, tuples as lists."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, (int, str)):
        return value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return [plain(v) for v in items]
    if is_dataclass(value) and not isinstance(value, type):
        return plain(asdict(value))
    if hasattr(value, "item"):
        try:
            return plain(value.item())
        except (ValueError, TypeError):
            pass
    try:
        import pandas as pd

        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return str(value)


def _article(article: dict) -> dict:
    out = {k: article.get(k) for k in ARTICLE_KEYS}
    out.update({k: article[k] for k in sorted(article, key=str) if k not in ARTICLE_KEYS})
    return out


def finding_head(finding: Finding, compares: dict[str, str]) -> dict:
    """What every JSON form of a finding says first (the compare report, the CI artifact)."""
    return {
        "rule": finding.rule,
        "fact": finding.fact,
        "fact_key": finding.fact_key,
        "claimant": finding.claimant,
        "story": finding.story,
        "status": finding.status,
        "severity": finding.severity,
        "message": finding.message,
        "note": finding.note,
        "compare": compares.get(finding.rule),
    }


def _finding(finding: Finding, comparison: Comparison) -> dict:
    return {
        **finding_head(finding, comparison.compares),
        "groups": [
            {
                "value": g.value,
                "low": g.low,
                "high": g.high,
                "articles": list(g.articles),
                "quotes": list(g.quotes),
                "modalities": list(g.modalities),
                "attributions": list(g.attributions),
                "lines": list(g.lines),
            }
            for g in finding.groups
        ],
    }


def render_json(comparison: Comparison) -> str:
    """``{"articles", "findings", "inputs", "rules_files"}``, indented, UTF-8 text, final newline."""
    data = {
        "articles": [_article(a) for a in comparison.articles],
        "findings": [_finding(f, comparison) for f in comparison.findings],
        "inputs": [asdict(i) if is_dataclass(i) else dict(i) for i in comparison.inputs],
        "rules_files": list(comparison.rules_files),
        "unmatched": [dict(u) for u in comparison.unmatched],
    }
    return json_dumps(plain(data), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
