"""factcheck from a notebook: one path is a path, rule errors raise, typed tables, short reprs."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

import factcheck

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
RULES = ROOT / "rules"


def test_one_string_or_path_is_one_path(monkeypatch):
    monkeypatch.chdir(ROOT)
    from_string = factcheck.extract("seeds")
    from_path = factcheck.extract(Path("seeds"))
    assert len(from_string.corpus.articles) == len(from_path.corpus.articles) == 5
    assert from_string.rows == from_path.rows
    # "seeds" is never read as the five paths "s", "e", "e", "d", "s"
    assert not [s for s in from_string.corpus.inputs if s.status == "not_found"]
    single = factcheck.compare(str(SEEDS / "001_be5ea4c1b4f5cbc6.txt"))
    assert [a["id"] for a in single.comparison.articles] == ["001_be5ea4c1b4f5cbc6"]


def test_a_rule_error_raises_rule_error(tmp_path):
    bad = tmp_path / "story.yaml"
    bad.write_text("story: s\nfacts:\n  call.date:\n    kind: dat\n", encoding="utf-8")
    with pytest.raises(factcheck.RuleError) as caught:
        factcheck.extract(SEEDS, rules=bad)
    error = caught.value
    assert (error.file, error.line) == (str(bad), 4)
    assert str(error).startswith(f"{bad}:4:")
    assert "kind" in error.message


def test_rules_given_replace_the_story_rules_and_say_so(tmp_path):
    story = tmp_path / "mine.yaml"
    story.write_text("story: mine\nfacts:\n  call.length:\n    kind: duration\n    cues: ['a duré']\n"
                     "checks:\n  - id: MY101\n    fact: call.length\n    compare: interval\n    severity: error\n"
                     "    message: Les durées diffèrent.\n", encoding="utf-8")
    result = factcheck.compare(SEEDS, rules=str(story))  # one string: a path, not its characters
    facts = {f.fact for f in result.findings}
    assert "call.length" in facts and "call.start_time" not in facts  # the shipped story rules are replaced
    assert any(f.startswith("person") for f in facts)  # common.yaml always applies
    assert "rules: common.yaml, mine.yaml" in repr(result)


def test_typed_facts_table():
    frame = factcheck.extract(SEEDS, rules=RULES).frame()
    assert str(frame["low"].dtype) == "Float64" and str(frame["high"].dtype) == "Float64"
    assert pd.api.types.is_datetime64_any_dtype(frame["date_low"])
    assert str(frame["line"].dtype) == "Int64" and str(frame["start"].dtype) == "Int64"
    assert str(frame["fact"].dtype) == "string" and str(frame["quote"].dtype) == "string"
    start = frame[frame["fact"] == "call.start_time"].sort_values("article").iloc[0]
    assert start["low"] == 20 * 60 + 35 and start["line"] == 2  # 20:35 UTC, in minutes; line 2 of 001
    day = frame[frame["fact"] == "call.date"].dropna(subset=["date_low"]).iloc[0]
    assert day["date_low"] == pd.Timestamp("2021-12-30")
    month = frame[(frame["fact"] == "talks.date") & (frame["granularity"] == "month")].iloc[0]
    assert (month["date_low"], month["date_high"]) == (pd.Timestamp("2022-01-01"), pd.Timestamp("2022-01-31"))
    people = frame[frame["kind"] == "person"]
    assert people["low"].isna().all()  # names are not numbers


def test_findings_frame():
    result = factcheck.compare(SEEDS, rules=RULES)
    frame = result.findings_frame()
    conflict = frame[(frame["fact"] == "call.start_time")].sort_values("line")
    assert list(conflict["value"]) == ["20:35 UTC", "20:30 UTC"]
    assert list(conflict["line"]) == [2, 5] and str(frame["line"].dtype) == "Int64"
    assert conflict["path"].str.endswith(".txt").all()
    assert conflict["source"].isna().all()  # outlets unknown: missing, not the file id


def test_short_reprs():
    run = factcheck.extract(SEEDS, rules=RULES)
    result = factcheck.compare(SEEDS, rules=RULES)
    assert len(repr(run)) < 200 and len(repr(result)) < 250
    assert repr(run).startswith("Extraction(5 articles, ")
    assert repr(result).startswith("Result(5 articles: ") and "1 conflict" in repr(result)
    assert "exit 1 at --fail-on error" in repr(result)
    page = result._repr_html_()
    assert page.count("<tr>") == len(result.findings) + 1 and "<script" not in page
    assert run._repr_html_().startswith("<p><code>Extraction(")


def test_version_and_lazy_import():
    import subprocess
    import sys

    code = "import sys, factcheck; print('pandas' in sys.modules, factcheck.__version__)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    loaded, version = done.stdout.split()
    assert loaded == "False" and version == factcheck.__version__
