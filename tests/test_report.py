from __future__ import annotations

import json
import re
from types import SimpleNamespace

import pandas as pd
import pytest
from markdown_it import MarkdownIt

from factcheck.checks import compare_kinds, run_checks
from factcheck.model import TABLE_COLUMNS, Finding, InputStatus, Side
from factcheck.report import Comparison, escape_md, render_json, render_markdown, render_table
from factcheck.semantics import Tolerance

IDS = ["001_appel", "002_annonce", "003_radio", "004_agence"]
EVIL = "Il a dit | <script>alert(1)</script> & *gras* `code` [lien](http://x) _souligné_\nfin"


def mention(article: str, kind: str, value: str, low, high, **kw) -> dict:
    row = {c: None for c in TABLE_COLUMNS}
    row.update(article=article, source=article, kind=kind, value=value, low=low, high=high, qualifier="exact",
               modality="unknown", quote=f"Dans {article}, la valeur est {value}.", start=0, end=1)
    row.update(kw)
    return row


def check(id: str, compare: str, fact: str | None = None, kind: str | None = None, **kw) -> SimpleNamespace:
    base = dict(id=id, fact=fact, kind=kind, compare=compare, tolerance=Tolerance(0, 0), same_modality=False,
                same_attribution=False, threshold=88, severity="error", message=f"Les sources divergent ({id}).")
    base.update(kw)
    return SimpleNamespace(**base)


CHECKS = [
    check("FC101", "date", fact="call.date"),
    check("FC102", "interval", fact="call.start_time"),
    check("FC103", "interval", fact="call.duration"),
    check("FC104", "interval", fact="call.rank", severity="warning"),
    check("FC001", "spelling", fact="person", severity="warning"),
    check("FC002", "roles", fact="person", severity="warning"),
    check("FC003", "paired_time", kind="time"),
]


def make_comparison(quote_001: str = "Un conseiller affirme que l'appel « a eu lieu à 15h35 » (20h35 GMT).") -> Comparison:
    rows = [
        mention("001_appel", "time", "15h35 (20h35 GMT)", 1235, 1235, fact="call.start_time", tz="UTC",
                modality="actual", quote=quote_001),
        mention("002_annonce", "time", "15h30 HE (20h30 GMT)", 1230, 1230, fact="call.start_time", tz="UTC",
                modality="planned", quote="L'entretien est prévu à 15h30 HE (20h30 GMT), dit la présidence."),
        mention("003_radio", "duration", "50 minutes", 50, 50, fact="call.duration"),
        mention("004_agence", "duration", "une cinquantaine de minutes", 45, 55, fact="call.duration"),
        mention("003_radio", "ordinal", "le deuxième", 2, 2, fact="call.rank"),
        mention("003_radio", "date", "jeudi", None, None, fact="call.date", granularity="weekday"),
        mention("004_agence", "date", "le 30 décembre", "2021-12-30", "2021-12-30", fact="call.date"),
        mention("003_radio", "person", "Sergueï Ryabkov", "Sergueï Ryabkov", None, key="serguei riabkov"),
        mention("004_agence", "person", "Sergueï Riabkov", "Sergueï Riabkov", None, key="serguei riabkov"),
        mention("003_radio", "time", "15h35 (21h35 GMT)", 1295, 1295, tz="UTC",
                paired={"local": "15h35", "local_minutes": 935, "utc": "21:35", "utc_minutes": 1295, "zone": "HE", "offset_minutes": -300, "consistent": False}),
    ]
    table = pd.DataFrame(rows, columns=list(TABLE_COLUMNS))
    articles = [{"id": i, "source": i, "date": "2021-12-30", "status": "ok", "encoding": "utf-8"} for i in IDS]
    inputs = [InputStatus(path=f"seeds/{i}.txt", status="ok", article=i, encoding="utf-8") for i in IDS]
    inputs.append(InputStatus(path="seeds/photo.jpg", status="binary", reason="not text (NUL bytes)"))
    return Comparison(
        articles=articles, inputs=inputs, findings=run_checks(table, CHECKS), table=table,
        rules_files=["rules/common.yaml"], compares=compare_kinds(CHECKS),
    )


def html_of(markdown: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(markdown)


def summary_table(html: str) -> str:
    tables = re.findall(r"<table>.*?</table>", html, flags=re.S)
    assert tables, "no table in the report"
    return tables[0]


def test_summary_table_keeps_its_rows_and_columns():
    comparison = make_comparison()
    html = html_of(render_markdown(comparison))
    table = summary_table(html)
    header = re.findall(r"<th>(.*?)</th>", table)
    assert header == ["fact", "verdict"] + [f"{i} (2021-12-30)" for i in IDS]  # outlet (date), not a file hash
    body_rows = re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[1], flags=re.S)
    facts = [f for f in comparison.findings if f.rule in ("FC101", "FC102", "FC103", "FC104")]
    assert len(body_rows) == len(facts) == 4
    for row in body_rows:
        assert len(re.findall(r"<td>", row)) == 2 + len(IDS)


def test_a_cell_shows_what_its_article_wrote():
    html = html_of(render_markdown(make_comparison()))
    rows = re.findall(r"<tr>(.*?)</tr>", summary_table(html).split("<tbody>")[1], flags=re.S)
    [duration] = [r for r in rows if "call.duration" in r]
    cells = re.findall(r"<td>(.*?)</td>", duration)
    assert cells[1:] == ["agree", "—", "—", "50 minutes", "une cinquantaine de minutes"]


def test_markdown_sections_for_the_editor():
    md = render_markdown(make_comparison())
    assert md.startswith("# 1 conflict across 4 articles\n")
    assert "4 articles read · 4 facts found · 1 conflict · 1 agreement · 2 single-source facts · 1 input not read" in md
    sections = re.findall(r"^## (.+)$", md, flags=re.M)
    assert sections == ["Conflicts", "Agreements", "Single-source facts", "Spelling variants", "Paired times",
                        "Inputs not read", "Sources"]
    conflict = md.split("## Conflicts")[1].split("## Agreements")[0]
    assert "### call.start\\_time (FC102, error)" in conflict
    assert "*planned versus actual*" in conflict
    assert "> L'entretien est prévu à 15h30 HE (20h30 GMT), dit la présidence." in conflict
    assert "> — 002\\_annonce" in conflict
    assert conflict.index("planned") < conflict.index("actual ·")
    assert "suggest Riabkov" in md
    assert "seeds/photo.jpg — binary: not text (NUL bytes)" in md


def test_hostile_quote_cannot_break_the_table_or_inject_html():
    md = render_markdown(make_comparison(quote_001=EVIL))
    html = html_of(md)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    table = summary_table(html)
    for row in re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[1], flags=re.S):
        assert len(re.findall(r"<td>", row)) == 2 + len(IDS)
    # The quote is shown once, whole, as text: no emphasis, code or link made from it.
    blockquotes = re.findall(r"<blockquote>(.*?)</blockquote>", html, flags=re.S)
    hostile = [b for b in blockquotes if "alert(1)" in b]
    assert len(hostile) == 1
    assert "<em>" not in hostile[0] and "<code>" not in hostile[0] and "<a " not in hostile[0]
    assert "<strong>" not in hostile[0]
    assert "*gras*" in hostile[0] and "| " in hostile[0]


def test_hostile_value_in_a_table_cell():
    side = Side(value="a | b <img src=x onerror=alert(1)>\n| c |", low=None, high=None,
                articles=("001_appel",), quotes=("x",))
    finding = Finding(rule="FC104", fact="call|rank", status="single_source", severity="info", message="m",
                      groups=(side,))
    comparison = Comparison(articles=[{"id": "001_appel", "source": "s", "date": None, "status": "ok",
                                       "encoding": "utf-8"}], inputs=[], findings=[finding])
    html = html_of(render_markdown(comparison))
    assert "<img" not in html
    rows = re.findall(r"<tr>(.*?)</tr>", summary_table(html).split("<tbody>")[1], flags=re.S)
    assert len(rows) == 1
    assert len(re.findall(r"<td>", rows[0])) == 3


@pytest.mark.parametrize("text", ["1. premier", "- tiret", "+ plus", "# titre", "> cité", "= égal"])
def test_line_start_markup_stays_text(text):
    html = html_of(f"> {escape_md(text)}\n")
    assert html.count("<blockquote>") == 1
    for tag in ("<ol", "<ul", "<h1", "<blockquote>\n<blockquote>", "<hr"):
        assert tag not in html
    assert text.split(" ", 1)[1] in html


def test_markdown_is_byte_identical_and_order_free():
    first = render_markdown(make_comparison())
    second = render_markdown(make_comparison())
    assert first.encode() == second.encode()
    comparison = make_comparison()
    comparison.table = comparison.table.sample(frac=1, random_state=3)
    comparison.findings = run_checks(comparison.table, CHECKS)
    assert render_markdown(comparison) == first
    assert first.endswith("\n") and not first.endswith("\n\n")


def test_json_has_the_required_keys():
    text = render_json(make_comparison())
    assert text.endswith("\n")
    assert "Sergueï" in text  # ensure_ascii=False
    data = json.loads(text)
    assert list(data)[:3] == ["articles", "findings", "inputs"]
    assert list(data["articles"][0]) == ["id", "source", "date", "status", "encoding"]
    finding = data["findings"][0]
    for key in ("rule", "fact", "status", "severity", "message", "note", "groups"):
        assert key in finding
    for key in ("value", "low", "high", "articles", "quotes", "modalities", "attributions"):
        assert key in finding["groups"][0]
    assert data["inputs"][-1]["status"] == "binary"
    assert text == render_json(make_comparison())


def test_json_nan_is_null():
    side = Side(value="v", low=float("nan"), high=None, articles=("a",), quotes=("q",))
    finding = Finding(rule="FC103", fact="call.duration", status="single_source", severity="error", message="m",
                      groups=(side,))
    data = json.loads(render_json(Comparison(articles=[], inputs=[], findings=[finding])))
    assert data["findings"][0]["groups"][0]["low"] is None
    assert "NaN" not in render_json(Comparison(articles=[], inputs=[], findings=[finding]))
