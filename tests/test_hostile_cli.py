"""Hostile input, options and CI: usage errors not tracebacks, ``ci`` as strict as ``compare``."""

from __future__ import annotations

import concurrent.futures
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck import pipeline

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
SEEDS = ROOT / "seeds"
GOOD = "Selon le Kremlin, l'appel a duré 50 minutes.\n"


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(app, list(args), env=env)


@pytest.mark.parametrize("option, value, said", [
    ("--jobs", "1e20", "--jobs"), ("--jobs", "100000000000000000000", "--jobs"), ("--jobs", "-1", "--jobs"),
    ("--max-bytes", "1e23", "--max-bytes"), ("--max-bytes", "100000000000000000000000", "--max-bytes"),
    ("--max-bytes", "0", "--max-bytes"),
])
@pytest.mark.parametrize("command", ["extract", "compare"])
def test_an_impossible_option_is_a_usage_error(tmp_path, command, option, value, said):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    result = run(command, str(tmp_path), "--rules", str(RULES), option, value)
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert said in result.output and "Traceback" not in result.output


def test_jobs_never_starts_more_processes_than_articles(tmp_path, monkeypatch):
    started: list[int] = []
    real = concurrent.futures.ProcessPoolExecutor

    def counting(max_workers=None, **kwargs):
        started.append(max_workers)
        return real(max_workers=max_workers, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", counting)
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(GOOD + name, encoding="utf-8")
    run_ = pipeline.extract([tmp_path], rules=[RULES], jobs=64)
    assert started and max(started) <= 2
    assert len({r[0] for r in run_.rows}) == 2
    started.clear()
    pipeline.extract([tmp_path / "a.txt"], rules=[RULES], jobs=64)
    assert started == []  # one article: no worker at all


@pytest.fixture
def broken_rules(tmp_path) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir()
    for path in RULES.glob("*.yaml"):
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "broken.yaml").write_text("story: broken\nfacts:\n  x.y: {kind: tme}\n", encoding="utf-8")
    return folder


def test_ci_exits_2_with_broken_rules_like_compare(broken_rules, tmp_path):
    corpus = tmp_path / "desk"
    corpus.mkdir()
    (corpus / "a.txt").write_text(GOOD, encoding="utf-8")
    (corpus / "b.txt").write_text("Selon la Maison Blanche, l'appel a duré 50 minutes.\n", encoding="utf-8")
    compared = run("compare", str(corpus), "--rules", str(broken_rules), "--fail-on", "never")
    ci = run("ci", str(corpus), "--new", str(corpus / "b.txt"), "--rules", str(broken_rules), "--fail-on", "never",
             "--json", str(tmp_path / "ci.json"))
    assert compared.exit_code == 2 and ci.exit_code == 2, ci.output
    for result in (compared, ci):
        errors = [l for l in result.stderr.splitlines() if "broken.yaml" in l]
        assert len(errors) == 1 and "broken.yaml:3:" in errors[0] and "kind" in errors[0]
    # The rule files that loaded still ran: the report is there.
    data = json.loads((tmp_path / "ci.json").read_text(encoding="utf-8"))
    assert data["confirmed"] and data["confirmed"][0]["fact"] == "call.duration"


def test_ci_names_a_pattern_over_its_budget_and_exits_2(tmp_path):
    rules = tmp_path / "slow.yaml"
    rules.write_text(
        "story: slow\nfacts:\n  call.duration:\n    kind: duration\n    cues: ['(a|a)+b']\n", encoding="utf-8")
    corpus = tmp_path / "desk"
    corpus.mkdir()
    (corpus / "a.txt").write_text("L'appel a duré 50 minutes " + "a" * 60 + ".\n", encoding="utf-8")
    result = run("ci", str(corpus), "--new", str(corpus / "a.txt"), "--rules", str(rules), "--fail-on", "never")
    assert result.exit_code == 2, result.output
    named = [l for l in result.stderr.splitlines() if "(a|a)+b" in l]
    assert len(named) == 1, result.stderr


def test_a_pattern_is_screened_on_load_and_has_one_budget_a_run(tmp_path):
    """'(x|xx)+y' passes the load probes (no run of x in them) but backtracks on real text:
    the first call past the bound disables it for the run, it is named once, and no article
    binds with it, whatever the order in which they were read."""
    rules = tmp_path / "rules.yaml"
    rules.write_text("story: slow\nfacts:\n  call.duration:\n    kind: duration\n    scope: sentence\n"
                     "    cues: ['(x|xx)+y', 'duré']\n",
                     encoding="utf-8")
    refused_file = tmp_path / "refused.yaml"
    refused_file.write_text("story: refused\nfacts:\n  refused.count:\n    kind: count\n    cues: ['(a|a)+b']\n",
                            encoding="utf-8")
    corpus = tmp_path / "desk"
    corpus.mkdir()
    for i in range(3):
        code = "x" * 40 if i == 1 else "z"
        (corpus / f"a{i}.txt").write_text(f"Le code {code} puis l'appel a duré {50 + i} minutes.\n", encoding="utf-8")
    outputs = set()
    for jobs in ("1", "2", "1"):
        result = run("extract", str(corpus), "--rules", str(rules), "--rules", str(refused_file),
                     "--format", "json", "--all", "--jobs", jobs)
        assert result.exit_code == 2, result.output
        refused = [l for l in result.stderr.splitlines() if "(a|a)+b" in l]
        assert len(refused) == 1 and "refused.yaml:5:" in refused[0] and "backtracks catastrophically" in refused[0]
        budget = [l for l in result.stderr.splitlines() if "(x|xx)+y" in l]
        assert len(budget) == 1 and "disabled for the whole run" in budget[0], result.stderr
        rows = json.loads(result.stdout)
        assert [r["fact"] for r in rows if r["kind"] == "duration"] == [None, None, None]
        outputs.add(result.stdout)
    assert len(outputs) == 1
