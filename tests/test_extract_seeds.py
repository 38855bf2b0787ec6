"""The facts table of the five seed articles: what an editor checks first."""

from __future__ import annotations

import filecmp
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.pipeline import extract

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
A000, A001, A002, A003, A004 = (
    "000_b5fe129bdbb88210", "001_be5ea4c1b4f5cbc6", "002_8fbd7013e4acd58c",
    "003_5304680d689b3a2e", "004_da5276596bc833a2",
)


@pytest.fixture(scope="module")
def run():
    return extract([str(SEEDS)], rules=[str(ROOT / "rules")])


@pytest.fixture(scope="module")
def rows(run):
    return run.table.to_dict(orient="records")


def facts(rows, article, fact):
    return [r for r in rows if r["article"] == article and r["fact"] == fact]


def test_seeds_are_verbatim_copies_of_the_shared_corpus():
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    names = sorted(p.name for p in shared.glob("*.txt"))
    assert names == sorted(p.name for p in SEEDS.glob("*.txt"))
    match, mismatch, errors = filecmp.cmpfiles(shared, SEEDS, names, shallow=False)
    assert mismatch == [] and errors == []


def test_every_quote_is_exact_and_every_span_points_into_the_text(run, rows):
    texts = run.texts
    for r in rows:
        text = texts[r["article"]]
        assert r["quote"] in text
        assert text.find(r["quote"]) <= r["start"] < r["end"] <= text.find(r["quote"]) + len(r["quote"])


def test_call_start_time_actual_in_001_from_the_paired_form(run, rows):
    (time,) = facts(rows, A001, "call.start_time")
    assert (time["low"], time["high"], time["tz"]) == (20 * 60 + 35, 20 * 60 + 35, "UTC")
    assert time["modality"] == "actual"
    assert run.texts[A001][time["start"]:time["end"]] == "15h35 » (20h35 GMT)"
    assert time["paired"]["consistent"] is True


def test_call_start_time_planned_in_002(rows):
    (time,) = facts(rows, A002, "call.start_time")
    assert (time["low"], time["tz"], time["modality"]) == (20 * 60 + 30, "UTC", "planned")
    assert time["attribution"] == "la Maison Blanche"


def test_call_duration_in_003_is_50_minutes_and_nearly_an_hour(rows):
    durations = {(r["low"], r["high"], r["qualifier"]) for r in facts(rows, A003, "call.duration")}
    assert (50, 50, "exact") in durations
    nearly = [d for d in durations if d[1] == 60]
    assert nearly and nearly[0][0] <= 50 <= nearly[0][1]  # "près d'une heure" reaches down to 50


def test_call_duration_in_004_is_about_fifty_minutes_according_to_the_white_house(rows):
    (duration,) = facts(rows, A004, "call.duration")
    assert (duration["low"], duration["high"], duration["qualifier"]) == (45, 55, "approx")
    assert duration["attribution"] == "la Maison Blanche"


def test_no_window_of_weeks_is_taken_for_the_length_of_the_call(rows):
    for r in rows:
        if r["fact"] == "call.duration":
            assert r["high"] <= 12 * 60, r["quote"]


def test_troops_about_100000_in_001_and_tens_of_thousands_elsewhere(rows):
    (troops,) = facts(rows, A001, "troops.count")
    assert troops["qualifier"] == "approx" and troops["low"] <= 100_000 <= troops["high"]
    assert troops["noun"] == "soldats"
    for article in (A002, A003, A004):
        counts = facts(rows, article, "troops.count")
        assert counts, article
        for c in counts:
            assert c["low"] >= 10_000 and c["high"] <= 100_000 and c["qualifier"] == "approx"


def test_years_are_never_counts_of_soldiers(rows):
    assert not [r for r in rows if r["fact"] == "troops.count" and r["low"] in (2014, 2021)]


def test_talks_date_is_10_january_2022_or_january_2022(rows):
    for article in (A000, A003, A004):
        dates = {(r["low"], r["high"]) for r in facts(rows, article, "talks.date")}
        assert ("2022-01-10", "2022-01-10") in dates, article
    dates = {(r["low"], r["high"], r["granularity"]) for r in facts(rows, A001, "talks.date")}
    assert ("2022-01-01", "2022-01-31", "month") in dates


def test_the_12_and_13_january_meetings_are_not_the_talks(rows):
    assert "2022-01-12" not in {r["low"] for r in facts(rows, A004, "talks.date")}


def test_talks_place_is_geneva(rows):
    for article in (A000, A001, A003, A004):
        places = {r["key"] for r in facts(rows, article, "talks.place")}
        assert places == {"geneve"}, article


def test_negotiators_with_roles_and_one_key_for_two_spellings(rows):
    (us,) = facts(rows, A001, "talks.us_negotiator")
    assert us["value"] == "Wendy Sherman" and us["role"] == "vice-secrétaire d’État"
    (us4,) = facts(rows, A004, "talks.us_negotiator")
    assert us4["value"] == "Wendy Sherman"
    (ru1,) = facts(rows, A001, "talks.ru_negotiator")
    (ru4,) = facts(rows, A004, "talks.ru_negotiator")
    assert ru1["value"] == "Sergueï Ryabkov" and ru4["value"] == "Sergueï Riabkov"
    assert ru1["key"] == ru4["key"]
    assert ru1["role"] == "vice-ministre des Affaires étrangères"


def test_putin_requested_the_call_in_001_and_002(run, rows):
    (asked1,) = facts(rows, A001, "call.requested_by")
    assert asked1["key"] == "putin"
    assert run.texts[A001][asked1["start"]:asked1["end"]] == "chef du Kremlin"
    (asked2,) = facts(rows, A002, "call.requested_by")
    assert asked2["key"] == "putin" and run.texts[A002][asked2["start"]:asked2["end"]] == "Poutine"


def test_call_date_in_000(rows):
    dates = {r["low"] for r in facts(rows, A000, "call.date") if r["low"]}
    assert dates == {"2021-12-30"}


def test_no_person_that_is_not_a_person(rows):
    people = {r["value"] for r in rows if r["kind"] == "person"}
    assert people <= {
        "Joe Biden", "Vladimir Poutine", "Dmitri Peskov", "Antony Blinken", "Volodymyr Zelensky",
        "Volodymyr Zelenskiy", "Ned Price", "Emily Horne", "Josep Borrell", "Sergueï Ryabkov",
        "Sergueï Riabkov", "Wendy Sherman", "Sergueï Lavrov",
    }
    assert {"Joe Biden", "Vladimir Poutine", "Wendy Sherman", "Dmitri Peskov"} <= people
    words = {r["value"] for r in rows}
    for never in ("Soutenez", "Washington", "Welt", "Garder", "Maison Blanche", "MANDEL NGAN"):
        assert not [r for r in rows if r["kind"] == "person" and never in r["value"]], never
    assert "Soutenez-nous" not in words


def test_page_furniture_yields_nothing(run, rows):
    text = run.texts[A003]
    stamp = text.index("1:13")
    assert not [r for r in rows if r["article"] == A003 and r["start"] <= stamp < r["end"]]
    slug = run.texts[A004].index("burs-alf-cjc/rle")
    assert not [r for r in rows if r["article"] == A004 and r["start"] >= slug]


def test_the_date_marker_is_metadata_not_a_fact(run, rows):
    for article in (A000, A002, A004):
        assert not [r for r in rows if r["article"] == article and r["start"] < 14]
    dates = {a.id: a.meta.date for a in run.corpus.articles}
    assert dates[A000] == "2021-12"


def test_unbound_mentions_stay_in_the_table(rows):
    unbound = [r for r in rows if r["fact"] is None]
    assert any(r["kind"] == "count" and r["noun"] == "hommes" for r in unbound)


def test_cli_extract_prints_a_readable_table_and_json():
    runner = CliRunner()
    result = runner.invoke(app, ["extract", str(SEEDS)], env={"COLUMNS": "200"})  # a table when it fits
    assert result.exit_code == 0, result.output
    header = result.stdout.splitlines()[0].split()
    assert header[:4] == ["article", "fact", "kind", "value"]
    assert "call.start_time" in result.stdout and "20:35 UTC" in result.stdout
    assert "deux hommes" not in result.stdout  # unbound mentions only with --all
    assert "deux hommes" in runner.invoke(app, ["extract", str(SEEDS), "--all"]).stdout

    as_json = runner.invoke(app, ["extract", str(SEEDS), "--format", "json"])
    records = json.loads(as_json.stdout)
    keys = {"article", "source", "fact", "kind", "value", "low", "high", "unit", "qualifier", "modality",
            "role", "attribution", "key", "quote", "start", "end"}
    assert keys <= set(records[0])
