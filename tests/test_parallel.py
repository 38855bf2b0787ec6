"""``--jobs N`` gives the output of one process; ``--per-folder`` keeps every finding inside one story."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from factcheck import pipeline
from factcheck.cli import app
from factcheck.facts import facts_table
from factcheck.report.facts import render_json as render_facts_json
from factcheck.report.jsonout import render_json
from factcheck.report.markdown import render_markdown
from factcheck.report.table import render_table
from factcheck.rules import load_rules

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
RULES = ROOT / "rules"


def _make_corpus_module():
    spec = importlib.util.spec_from_file_location("bench_make_corpus", ROOT / "bench" / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def ruleset():
    return load_rules([str(RULES)])


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """Two generated stories of six articles each (bench/make_corpus.py), as an archive folder."""
    make = _make_corpus_module()
    root = tmp_path_factory.mktemp("archive")
    seeds = make._seed_texts()
    for index in (0, 3):  # story 3 carries conflicts of its own (see Story's odd_* draws)
        make.write_story(root / f"story{index:05d}", index, seeds, count=6)
    return root


def _run(*args: str):
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code in (0, 1), (result.exit_code, result.output, result.exception)
    return result


# ---------------------------------------------------------------------------
# --jobs


@pytest.mark.parametrize("command", ["extract", "compare"])
def test_jobs_2_prints_the_same_json_as_one_process_on_the_seeds(command):
    base = [command, str(SEEDS), "--rules", str(RULES), "--format", "json"]
    one = _run(*base, "--jobs", "1")
    two = _run(*base, "--jobs", "2")
    assert one.stdout == two.stdout
    assert json.loads(one.stdout)  # real output, not two empty ones
    assert one.exit_code == two.exit_code


def test_jobs_2_is_byte_identical_on_a_generated_multi_story_corpus(archive, ruleset):
    one = pipeline.compare([str(archive)], ruleset=ruleset, jobs=1, per_folder=True)
    two = pipeline.compare([str(archive)], ruleset=ruleset, jobs=2, per_folder=True)
    # The facts table (what `extract --format json` prints) and every report of `compare`.
    assert render_facts_json(two.extraction.table) == render_facts_json(one.extraction.table)
    assert render_json(two.comparison) == render_json(one.comparison)
    assert render_markdown(two.comparison) == render_markdown(one.comparison)
    assert len(one.extraction.table) > 200 and one.findings


def test_jobs_0_means_every_core_and_negative_jobs_are_refused(ruleset):
    assert pipeline._workers(0, 1000) >= 1
    assert pipeline._workers(8, 3) == 3  # never more workers than articles
    with pytest.raises(ValueError):
        pipeline._workers(-1, 10)
    result = CliRunner().invoke(app, ["extract", str(SEEDS), "--jobs", "-1"])
    assert result.exit_code == 2


def test_the_workers_chunks_come_back_in_article_order(ruleset):
    # Many small chunks (one article each) must still give one process's rows, in its order.
    corpus = pipeline.load_corpus([str(SEEDS)])
    reverse = list(reversed(corpus.articles))  # the order given does not matter either
    one, _ = pipeline.mention_rows(corpus.articles, ruleset, jobs=1)
    many, _ = pipeline.mention_rows(reverse, ruleset, jobs=2)
    assert many == one and len(one) > 100


def test_the_fast_table_equals_the_facts_module_table(ruleset):
    run = pipeline.extract([str(SEEDS)], ruleset=ruleset)
    reference = facts_table(run.corpus.articles, ruleset)
    pd.testing.assert_frame_equal(run.table, reference)
    assert render_facts_json(run.table) == render_facts_json(reference)


# ---------------------------------------------------------------------------
# --per-folder


def _write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_text(text + "\n", encoding="utf-8")


def _duration_findings(result):
    return [f for f in result.findings if f.fact == "call.duration"]


def test_values_that_differ_only_across_stories_are_no_conflict(tmp_path, ruleset):
    _write(tmp_path / "kyiv", "a1", "L'appel a duré 50 minutes, selon la Maison Blanche.")
    _write(tmp_path / "kyiv", "a2", "Leur appel a duré 50 minutes.")
    _write(tmp_path / "geneva", "b1", "L'appel a duré 30 minutes, selon le Kremlin.")
    _write(tmp_path / "geneva", "b2", "Leur appel a duré 30 minutes.")

    merged = pipeline.compare([str(tmp_path)], ruleset=ruleset)
    assert [f.status for f in _duration_findings(merged)] == ["conflict"]  # one story: the values clash

    stories = pipeline.compare([str(tmp_path)], ruleset=ruleset, per_folder=True)
    found = _duration_findings(stories)
    assert [(f.story, f.status) for f in found] == [("geneva", "agree"), ("kyiv", "agree")]
    assert not [f for f in stories.findings if f.status == "conflict"]
    assert not stories.fails("info")


def test_a_conflict_inside_one_story_is_found_and_tagged_with_it(tmp_path, ruleset):
    _write(tmp_path / "kyiv", "a1", "L'appel a duré 50 minutes, selon la Maison Blanche.")
    _write(tmp_path / "kyiv", "a2", "Leur appel a duré 50 minutes.")
    _write(tmp_path / "geneva", "b1", "L'appel a duré 30 minutes, selon le Kremlin.")
    _write(tmp_path / "geneva", "b2", "Leur appel a duré 45 minutes.")
    _write(tmp_path, "loose", "L'appel a duré 50 minutes.")  # directly in the folder: a story of its own

    result = pipeline.compare([str(tmp_path)], ruleset=ruleset, per_folder=True)
    conflicts = [f for f in result.findings if f.status == "conflict"]
    assert [(f.story, f.fact, sorted(f.articles)) for f in conflicts] == [("geneva", "call.duration", ["b1", "b2"])]
    by_story = {f.story: f.status for f in _duration_findings(result)}
    assert by_story == {"geneva": "conflict", "kyiv": "agree", tmp_path.name: "single_source"}
    assert result.fails("error")

    # Every report says which story: JSON on each finding and article, Markdown and the table a section each.
    data = json.loads(render_json(result.comparison))
    assert {f["story"] for f in data["findings"] if f["status"] == "conflict"} == {"geneva"}
    assert {a["id"]: a["story"] for a in data["articles"]} == {
        "a1": "kyiv", "a2": "kyiv", "b1": "geneva", "b2": "geneva", "loose": tmp_path.name}
    markdown = render_markdown(result.comparison, lang="en")
    assert markdown.startswith("# 1 conflict across 5 articles in 3 stories\n")
    assert "| story | articles | conflicts | agreements | single source |" in markdown
    geneva = markdown.index("## Story: geneva")
    kyiv = markdown.index("## Story: kyiv")
    assert geneva < markdown.index("#### call.duration (FC103, error)") < kyiv
    table = render_table(result.comparison)
    assert "story: geneva (2 articles)" in table and "story: kyiv (2 articles)" in table


def test_per_folder_on_the_command_line(tmp_path):
    _write(tmp_path / "kyiv", "a1", "L'appel a duré 50 minutes.")
    _write(tmp_path / "geneva", "b1", "L'appel a duré 30 minutes.")
    compare = _run("compare", str(tmp_path), "--rules", str(RULES), "--per-folder", "--format", "json", "--jobs", "2")
    assert compare.exit_code == 0
    stories = {f["story"] for f in json.loads(compare.stdout)["findings"] if f["fact"] == "call.duration"}
    assert stories == {"geneva", "kyiv"}
    merged = _run("compare", str(tmp_path), "--rules", str(RULES), "--format", "json")
    assert merged.exit_code == 1  # without --per-folder the two stories are one, and conflict
    extract = _run("extract", str(tmp_path), "--rules", str(RULES), "--per-folder", "--format", "json")
    rows = json.loads(extract.stdout)
    assert {(r["article"], r["story"]) for r in rows if r["fact"] == "call.duration"} == {
        ("a1", "kyiv"), ("b1", "geneva")}
    wide = CliRunner().invoke(app, ["extract", str(tmp_path), "--rules", str(RULES), "--per-folder"],
                              env={"COLUMNS": "200"})
    assert wide.stdout.split()[0] == "story"  # a table, the story first
    narrow = CliRunner().invoke(app, ["extract", str(tmp_path), "--rules", str(RULES), "--per-folder"],
                                env={"COLUMNS": "60"})
    # a block a mention, its story first
    assert {line.split(" · ")[0] for line in narrow.stdout.splitlines() if line.endswith("call.duration (duration)")} \
        == {"geneva", "kyiv"}


def test_one_story_reports_look_as_without_per_folder(ruleset):
    plain = pipeline.compare([str(SEEDS)], ruleset=ruleset)
    story = pipeline.compare([str(SEEDS)], ruleset=ruleset, per_folder=True)
    assert {f.story for f in story.findings} == {"seeds"}
    assert render_markdown(story.comparison) == render_markdown(plain.comparison)
    assert render_table(story.comparison) == render_table(plain.comparison)


def test_story_names(tmp_path):
    for folder, name in [("a/s1", "x"), ("a/s1/deeper", "y"), ("a", "z"), ("b/s1", "w")]:
        _write(tmp_path / folder, name, f"Texte {name}.")  # distinct: a copy would be read once
    corpus = pipeline.load_corpus([str(tmp_path / "a")])
    assert pipeline.story_names(corpus.articles, [str(tmp_path / "a")]) == {"x": "s1", "y": "s1", "z": "a"}
    both = [str(tmp_path / "a"), str(tmp_path / "b")]
    corpus = pipeline.load_corpus(both)
    assert pipeline.story_names(corpus.articles, both) == {"x": "a/s1", "y": "a/s1", "z": "a", "w": "b/s1"}
    one_file = [str(tmp_path / "b" / "s1" / "w.txt")]
    assert pipeline.story_names(pipeline.load_corpus(one_file).articles, one_file) == {"w": "s1"}
