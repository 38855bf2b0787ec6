"""The Python side for notebooks: typed tables, a findings table, short reprs.

    import factcheck
    run = factcheck.extract("seeds")          # one path is a path
    run.frame()                               # typed facts table (numbers, dates, line)
    result = factcheck.compare("seeds")
    result                                    # Result(5 articles: 1 conflict, ... exit 1 at --fail-on error)
    result.findings_frame()                   # one row a (finding, side, article)

Typed facts table (``Extraction.frame()``): text columns are pandas
``string``; ``low``/``high`` are floats in the kind's unit for times, durations,
counts and ranks (NaN for dates, people, places); ``date_low``/``date_high``
are ``datetime64`` for dates (a month "2021-12" spans its first to its last
day); ``as_of`` (when the table has it) is a UTC ``datetime64``; ``start``,
``end`` and ``line`` (1-based, in the article) are nullable integers.
``Extraction.table`` keeps the raw values, as the JSON and CSV carry them.
"""

from __future__ import annotations

import html
from bisect import bisect_right
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from .pipeline import Extraction, Result

NUMBER_KINDS = frozenset({"time", "duration", "count", "ordinal", "magnitude", "percent"})
INT_COLUMNS = ("start", "end", "line")
OBJECT_COLUMNS = frozenset({"paired", "low", "high"})


def line_index(text: str) -> list[int]:
    """Offsets where each line after the first starts (for ``line_at``)."""
    return [i + 1 for i, ch in enumerate(text) if ch == "\n"]


def line_at(starts: list[int], offset: int) -> int:
    return bisect_right(starts, offset) + 1


def typed_table(run: "Extraction") -> "pd.DataFrame":
    import pandas as pd

    raw = run.table
    frame = raw.copy()
    kinds = frame["kind"].tolist() if "kind" in frame else []
    numbers = [k in NUMBER_KINDS for k in kinds]
    dates = [k == "date" for k in kinds]
    for column in ("low", "high"):
        values = raw[column].tolist()
        frame[column] = pd.array([_number(v) if n else None for v, n in zip(values, numbers)], dtype="Float64")
        parsed = [_date(v, column) if d else None for v, d in zip(values, dates)]
        frame.insert(frame.columns.get_loc(column) + 1, f"date_{column}", pd.to_datetime(parsed, errors="coerce"))
    texts = run.texts
    indexes: dict[str, list[int]] = {}
    lines = []
    for article, start in zip(raw["article"], raw["start"]):
        if article not in indexes:
            indexes[article] = line_index(texts.get(article, ""))
        lines.append(line_at(indexes[article], int(start)) if start is not None else None)
    frame.insert(frame.columns.get_loc("end") + 1, "line", lines)
    for column in INT_COLUMNS:
        frame[column] = pd.array(frame[column].tolist(), dtype="Int64")
    if "as_of" in frame:
        frame["as_of"] = pd.to_datetime(frame["as_of"].tolist(), errors="coerce", utc=True)
    for column in frame.columns:
        if column in OBJECT_COLUMNS or column in INT_COLUMNS or str(frame[column].dtype) != "object":
            continue
        if all(v is None or isinstance(v, str) for v in frame[column].tolist()):
            frame[column] = frame[column].astype("string")
    return frame


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _date(value: Any, end: str) -> str | None:
    """An ISO date, a month or a year as a day: the first for ``low``, the last for ``high``."""
    if not isinstance(value, str) or not value[:4].isdigit():
        return None
    import calendar

    parts = value[:10].split("-")
    try:
        year = int(parts[0])
        if len(parts) == 1:
            return f"{year:04d}-01-01" if end == "low" else f"{year:04d}-12-31"
        month = int(parts[1])
        if len(parts) == 2:
            day = 1 if end == "low" else calendar.monthrange(year, month)[1]
            return f"{year:04d}-{month:02d}-{day:02d}"
        return f"{year:04d}-{month:02d}-{int(parts[2]):02d}"
    except (ValueError, IndexError):
        return None


def findings_frame(result: "Result") -> "pd.DataFrame":
    import pandas as pd

    from .report.flat import FINDING_COLUMNS, finding_records

    frame = pd.DataFrame(finding_records(result.comparison), columns=list(FINDING_COLUMNS))
    for column in frame.columns:
        if column in ("side", "line"):
            frame[column] = pd.array(frame[column].tolist(), dtype="Int64")
        else:
            frame[column] = frame[column].astype("string")
    return frame


# --------------------------------------------------------------------------- reprs


def _rule_names(files: list[str], shown: int = 3) -> str:
    """The first rule files by name, the rest counted: a repr stays short however many stories are loaded."""
    import os

    names = [os.path.basename(f) for f in files]
    more = f", +{len(names) - shown} more" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more if names else "none"


def extraction_repr(run: "Extraction") -> str:
    from .model import TABLE_COLUMNS

    fact_at = TABLE_COLUMNS.index("fact")
    bound = [r[fact_at] for r in run.rows if r[fact_at]]
    return (f"Extraction({_n(len(run.corpus.articles), 'article')}, {_n(len(run.rows), 'mention')}, "
            f"{len(bound)} bound to {_n(len(set(bound)), 'fact')}; rules: {_rule_names(run.ruleset.files)}; "
            f".frame() for the table)")


def _counts(result: "Result") -> dict[str, int]:
    counts: dict[str, int] = {}
    for f in result.findings:
        counts[f.status] = counts.get(f.status, 0) + 1
    return counts


def result_repr(result: "Result") -> str:
    counts = _counts(result)
    parts = [f"{n} {status.replace('_', ' ')}" for status, n in sorted(counts.items())]
    code = 1 if result.fails("error") else 0
    return (f"Result({_n(len(result.comparison.articles), 'article')}: {', '.join(parts) or 'no finding'}; "
            f"exit {code} at --fail-on error; rules: {_rule_names(result.comparison.rules_files)}; "
            f".findings_frame() for the table)")


def extraction_html(run: "Extraction") -> str:
    return f"<p><code>{html.escape(extraction_repr(run))}</code></p>"


def result_html(result: "Result") -> str:
    """A small table: one row a finding (fact, verdict, values); everything escaped."""
    rows = []
    for f in result.findings[:50]:
        values = " | ".join(side.value for side in f.groups)
        colour = ' style="color:#b00020;font-weight:bold"' if f.status == "conflict" else ""
        rows.append(f"<tr><td>{html.escape(f.fact)}</td><td{colour}>{html.escape(f.status.replace('_', ' '))}</td>"
                    f"<td>{html.escape(f.rule)}</td><td>{html.escape(values)}</td></tr>")
    more = len(result.findings) - 50
    tail = f"<p>+{more} more findings: .findings_frame()</p>" if more > 0 else ""
    return (f"<p><code>{html.escape(result_repr(result))}</code></p><table><thead><tr><th>fact</th><th>verdict</th>"
            f"<th>rule</th><th>values</th></tr></thead><tbody>{''.join(rows)}</tbody></table>{tail}")


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
