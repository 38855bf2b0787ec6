"""Findings on the seed articles, the Markdown report an editor reads, and a new story with no Python."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.pipeline import compare
from factcheck.report.jsonout import render_json
from factcheck.report.markdown import render_markdown

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
RULES = ROOT / "rules"
A000, A001, A002, A003, A004 = (
    "000_b5fe129bdbb88210", "001_be5ea4c1b4f5cbc6", "002_8fbd7013e4acd58c",
    "003_5304680d689b3a2e", "004_da5276596bc833a2",
)
REPORT = ROOT / "reports" / "seeds.md"
REPORT_COMMAND = ["compare", "seeds", "--format", "markdown", "--fail-on", "never"]


@pytest.fixture(scope="module")
def result():
    return compare([str(SEEDS)], rules=[str(RULES)])


def fact_finding(result, fact):
    found = [f for f in result.findings if f.fact == fact and f.rule.startswith("FC1")]
    assert len(found) == 1, [(f.rule, f.status) for f in found]
    return found[0]


def test_start_time_is_a_conflict_between_planned_and_actual(result):
    f = fact_finding(result, "call.start_time")
    assert f.status == "conflict" and f.severity == "error"
    sides = {g.articles: g for g in f.groups}
    assert set(sides) == {(A001,), (A002,)}
    assert sides[(A001,)].modalities == ("actual",) and sides[(A001,)].low == 20 * 60 + 35
    assert sides[(A002,)].modalities == ("planned",) and sides[(A002,)].low == 20 * 60 + 30
    assert "15h35" in sides[(A001,)].quotes[0] and "15h30 HE" in sides[(A002,)].quotes[0]
    assert "planned versus actual" in f.note


def test_duration_agrees_across_003_and_004(result):
    f = fact_finding(result, "call.duration")
    assert f.status == "agree"
    assert f.articles == (A003, A004)


def test_troops_are_not_a_conflict(result):
    f = fact_finding(result, "troops.count")
    assert f.status == "agree"
    assert {A001, A002, A003, A004} <= set(f.articles)


def test_talks_date_agrees_and_january_is_compatible(result):
    f = fact_finding(result, "talks.date")
    assert f.status == "agree"
    assert {A000, A001, A003, A004} <= set(f.articles)


def test_negotiators_agree_and_spelling_variants_are_named(result):
    for fact in ("talks.us_negotiator", "talks.ru_negotiator"):
        f = fact_finding(result, fact)
        assert f.status == "agree" and f.articles == (A001, A004), fact
    spellings = [f for f in result.findings if f.rule == "FC001"]
    notes = " ".join(f.note for f in spellings)
    assert "Ryabkov" in notes and "Riabkov" in notes
    assert "Zelensky" in notes and "Zelenskiy" in notes


def test_requested_by_agrees_across_001_and_002(result):
    f = fact_finding(result, "call.requested_by")
    assert f.status == "agree" and f.articles == (A001, A002)


def test_no_other_conflict(result):
    conflicts = {f.fact for f in result.findings if f.status == "conflict" and f.rule.startswith("FC1")}
    assert conflicts == {"call.start_time"}
    assert not [f for f in result.findings if f.rule in ("FC002", "FC003")]


def test_exit_codes_follow_fail_on():
    runner = CliRunner()
    assert runner.invoke(app, ["compare", str(SEEDS), "--rules", str(RULES)]).exit_code == 1
    assert runner.invoke(app, ["compare", str(SEEDS), "--rules", str(RULES), "--fail-on", "never"]).exit_code == 0


def test_shuffled_inputs_give_the_same_report(tmp_path, result):
    # Same articles, given one by one in another order and from another folder.
    for path in sorted(SEEDS.glob("*")):
        shutil.copy(path, tmp_path / path.name)
    files = sorted(tmp_path.glob("*.txt"), reverse=True)
    shuffled = compare([str(f) for f in files], rules=[str(RULES)])
    assert render_json(shuffled.comparison).replace(str(tmp_path), "") == render_json(result.comparison).replace(str(SEEDS), "")
    # Only the legend names the files, as they were given.
    from factcheck.report import escape_md

    assert (render_markdown(shuffled.comparison).replace(escape_md(str(tmp_path)), "")
            == render_markdown(result.comparison).replace(escape_md(str(SEEDS)), ""))


def test_json_has_articles_and_findings_with_groups(result):
    data = json.loads(render_json(result.comparison))
    assert [a["id"] for a in data["articles"]] == [A000, A001, A002, A003, A004]
    f = next(f for f in data["findings"] if f["fact"] == "call.start_time")
    assert {"rule", "fact", "status", "severity", "message", "groups"} <= set(f)
    assert {"value", "low", "high", "articles", "quotes"} <= set(f["groups"][0])


def test_markdown_report_renders_with_one_column_per_source(result):
    html = MarkdownIt("commonmark").enable("table").render(render_markdown(result.comparison))
    table = html.split("<table>")[1].split("</table>")[0]
    header = re.findall(r"<th>(.*?)</th>", table)
    assert header[:2] == ["fait", "verdict"] and len(header) == 2 + 5  # the rule file is French: so is the report
    for row in re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[1], flags=re.S):
        assert len(re.findall(r"<td>", row)) == len(header)
    assert "<blockquote>" in html and "15h35" in html


def test_report_in_reports_folder_is_up_to_date():
    """`factcheck compare seeds --format markdown --fail-on never > reports/seeds.md`, run at the top of the repository."""
    runner = CliRunner()
    import os

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        result = runner.invoke(app, REPORT_COMMAND)
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output
    assert REPORT.read_text(encoding="utf-8") == result.stdout, (
        "reports/seeds.md is out of date: run `factcheck compare seeds --format markdown "
        "--fail-on never --output reports/seeds.md` at the top of the repository"
    )


def test_an_article_with_markup_cannot_break_the_report(tmp_path):
    for name in (A001, A002):
        shutil.copy(SEEDS / f"{name}.txt", tmp_path / f"{name}.txt")
    (tmp_path / "evil.txt").write_text(
        "L'appel aura lieu à 15h40 (20h40 GMT), a indiqué la Maison Blanche | <script>alert(1)</script> "
        "`code` [lien](http://x).\n", encoding="utf-8")
    shutil.copy(SEEDS / "sources.yaml", tmp_path / "sources.yaml")
    run = compare([str(tmp_path)], rules=[str(RULES)])
    html = MarkdownIt("commonmark").enable("table").render(render_markdown(run.comparison))
    assert "<script>" not in html and "&lt;script&gt;" in html
    table = html.split("<table>")[1].split("</table>")[0]
    width = len(re.findall(r"<th>", table))
    for row in re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[1], flags=re.S):
        assert len(re.findall(r"<td>", row)) == width


STRIKE_RULES = """
story: strike-2023-03-07
language: fr
description: Grève contre la réforme des retraites, 7 mars 2023.
facts:
  strike.turnout:
    kind: count
    description: Nombre de manifestants en France
    nouns: ['manifestants', 'personnes']
    cues: ['manifest\\w*', 'défil\\w*', 'cortège']
  strike.date:
    kind: date
    cues: ['grève', 'mobilisation', 'journée']
checks:
  - id: ST101
    fact: strike.turnout
    compare: interval
    tolerance: 10%
    same_attribution: true
    severity: error
    message: Les chiffres de participation diffèrent pour une même source.
  - id: ST102
    fact: strike.date
    compare: date
    severity: error
    message: Les sources ne donnent pas la même date de mobilisation.
"""


def test_a_new_story_needs_only_a_yaml_file(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "strike.yaml").write_text(STRIKE_RULES, encoding="utf-8")
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text(
        "La journée de grève du mardi 7 mars a rassemblé 1,28 million de manifestants selon le ministère "
        "de l'Intérieur.\n", encoding="utf-8")
    (articles / "b.txt").write_text(
        "Selon la CGT, plus de 3,5 millions de personnes ont défilé lors de la mobilisation du 7 mars.\n",
        encoding="utf-8")
    (articles / "c.txt").write_text(
        "Le ministère de l'Intérieur a compté 1 280 000 manifestants, selon le ministère de l'Intérieur, "
        "pour la grève du 7 mars.\n", encoding="utf-8")
    (articles / "sources.yaml").write_text("a: {date: 2023-03-08}\nb: {date: 2023-03-08}\nc: {date: 2023-03-08}\n")
    run = compare([str(articles)], rules=[str(rules)])
    turnout = [r for r in run.extraction.table.to_dict("records") if r["fact"] == "strike.turnout"]
    assert {(r["article"], r["low"]) for r in turnout} == {("a", 1_280_000), ("b", 3_500_000), ("c", 1_280_000)}
    findings = {(f.rule, f.status) for f in run.findings}
    # The police and the union count differently: not a contradiction, each claimant agrees with itself.
    assert ("ST101", "conflict") not in findings
    assert ("ST101", "agree") in findings
    assert ("ST102", "agree") in findings
    assert not [f for f in run.findings if f.rule.startswith("FC1")]
