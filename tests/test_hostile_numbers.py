"""Hostile input, numbers and dates: a value out of bounds is no value, never a crash.

Each article below once crashed the whole run (traceback, exit 1 even with
``--fail-on never``); now the run goes on, the other article's facts are
there, and the out-of-bound figure simply binds nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.grammar.values import MAX_NUMBER, Reference, parse_number

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
GOOD = "Selon le Kremlin, l'appel a duré 50 minutes.\n"

HOSTILE = {
    "309 digits (infinite as a float)": "Il y avait " + "9" * 320 + " manifestants.\n",
    "moins de + huge (NaN)": "Il y avait moins de " + "9" * 320 + " manifestants, et plus de " + "9" * 400 + " euros.\n",
    "an ordinal of 4 400 digits": "C'est la " + "1" * 4400 + "e fois que l'appel a lieu.\n",
    "le 0 janvier in a dated article": "---\ndate: 2021-12-30\n---\nL'appel a eu lieu le 0 janvier.\n",
    "publication date 0001-01-01": "---\ndate: 0001-01-01\n---\nL'appel a eu lieu hier, lundi 31 décembre, en janvier.\n",
    "publication date 9999-12-31": "---\ndate: 9999-12-31\n---\nL'appel aura lieu demain, mardi 1er janvier, en février.\n",
    "huge number words": "Il y avait mille milliards de milliards de milliards de personnes.\n",
}


def run(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_an_out_of_bounds_value_does_not_stop_the_run(tmp_path, name):
    (tmp_path / "hostile.txt").write_text(HOSTILE[name], encoding="utf-8")
    # Dated: an undated article would take its folder's most common date, the hostile one's.
    (tmp_path / "good.txt").write_text("---\ndate: 2021-12-30\n---\n" + GOOD, encoding="utf-8")
    result = run("compare", str(tmp_path), "--rules", str(RULES), "--format", "json", "--fail-on", "never")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    data = json.loads(result.stdout)
    assert {a["id"] for a in data["articles"]} == {"good", "hostile"}
    durations = [f for f in data["findings"] if f["fact"] == "call.duration"]
    assert durations and durations[0]["groups"][0]["articles"] == ["good"]
    extracted = json.loads(run("extract", str(tmp_path), "--rules", str(RULES), "--format", "json", "--all").stdout)
    for row in extracted:
        for key in ("low", "high"):
            if isinstance(row[key], (int, float)):
                assert abs(row[key]) <= MAX_NUMBER * 525_600  # at most the largest duration in minutes


@pytest.mark.parametrize("written, value", [
    ("100 000", 100_000), ("1,28", 1.28), ("999 999 999 999 999", 999_999_999_999_999),
    ("9" * 19, None), ("1" + "0" * 400, None), ("cent mille", 100_000),
])
def test_numbers_are_read_within_bounds(written, value):
    assert parse_number(written) == value


@pytest.mark.parametrize("iso, day", [
    ("2021-12-30", "2021-12-30"), ("0001-01-01", None), ("9999-12-31", None), ("0999-06", None), ("1000-01-02", "1000-01-02"),
])
def test_a_reference_day_far_from_the_calendar_ends_or_none(iso, day):
    ref = Reference.from_iso(iso)
    assert (ref.day.isoformat() if ref.day else None) == day


def test_a_dated_article_still_resolves_its_relative_dates(tmp_path):
    (tmp_path / "a.txt").write_text("---\ndate: 2021-12-30\n---\nL'appel a eu lieu hier, le 29 décembre.\n",
                                    encoding="utf-8")
    rows = json.loads(run("extract", str(tmp_path), "--rules", str(RULES), "--format", "json", "--all").stdout)
    assert {r["low"] for r in rows if r["kind"] == "date"} == {"2021-12-29"}
