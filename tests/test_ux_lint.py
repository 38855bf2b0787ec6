"""Linter conventions a CI engineer knows: config file, --select/--ignore, --min-severity, a baseline,
``factcheck rules`` and ``factcheck explain``; the real command on the seeds and on stories written here."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.baseline import fingerprint, read_baseline
from factcheck.cli import app
from factcheck.config import ConfigError, find_config, load_config, rule_selected
from factcheck.pipeline import compare

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
RULES = str(ROOT / "rules")
ENV = {"NO_COLOR": "1", "FORCE_COLOR": None, "COLUMNS": "200"}
# A new article that contradicts the seeds on the call's duration (45 minutes against 50).
NEW_CONFLICT = ("L'entretien téléphonique entre Joe Biden et Vladimir Poutine a duré 35 minutes, "
                "selon le Kremlin.\n")


def run(*args: str, cwd: Path | None = None):
    old = os.getcwd()
    os.chdir(cwd or ROOT)
    try:
        return CliRunner().invoke(app, list(args), env=ENV)
    finally:
        os.chdir(old)


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    """A desk's repository: the seeds under articles/, the story rules under rules/."""
    shutil.copytree(SEEDS, tmp_path / "articles")
    shutil.copytree(RULES, tmp_path / "rules")
    return tmp_path


def last_line(text: str) -> str:
    return text.rstrip().splitlines()[-1]


# --------------------------------------------------------------------------- config


def test_config_in_pyproject_sets_the_defaults(desk):
    (desk / "pyproject.toml").write_text(
        '[project]\nname = "desk"\n\n[tool.factcheck]\nfail-on = "never"\nformat = "md"\nlang = "en"\n', encoding="utf-8")
    done = run("compare", "articles", cwd=desk)
    assert done.exit_code == 0  # fail-on never from the file
    assert done.stdout.splitlines()[1].startswith("# 1 conflict across 5 articles")  # markdown from the file
    assert "exit 0: --fail-on never" in done.stderr
    assert run("compare", "articles", "--fail-on", "error", cwd=desk).exit_code == 1  # the command line wins


def test_factcheck_toml_in_a_parent_folder_wins_over_pyproject(desk):
    (desk / "pyproject.toml").write_text('[tool.factcheck]\nfail-on = "never"\n', encoding="utf-8")
    (desk / "factcheck.toml").write_text('fail-on = "warning"\nignore = ["FC102"]\nrules = ["rules/"]\n',
                                         encoding="utf-8")
    sub = desk / "articles"
    assert find_config(sub) == desk / "factcheck.toml"
    config = load_config(start=sub)
    assert config.fail_on == "warning" and config.ignore == ["FC102"] and config.rules == [str(desk / "rules")]
    done = run("compare", ".", "--lang", "en", cwd=sub)
    assert done.exit_code == 0, done.output  # FC102 ignored; the spelling variants never fail
    assert "call.start_time" not in done.stdout.split("Legend")[0].split("\n", 3)[-1]


@pytest.mark.parametrize(("content", "message"), [
    ('fail_on = "warning"\n', "unknown key 'fail_on' (did you mean 'fail-on'?)"),
    ('fail-on = "sometimes"\n', "'fail-on' must be one of error, warning, info, never"),
    ('select = "FC1"\n', "'select' must be a list of rule ids or prefixes (FC1, FC104)"),
    ('fail-on = \n', "Invalid value"),
])
def test_a_bad_config_is_one_line_and_exit_2(desk, content, message):
    (desk / "factcheck.toml").write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match="factcheck.toml"):
        load_config(start=desk)
    done = run("compare", "articles", cwd=desk)
    assert done.exit_code == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0]


# --------------------------------------------------------------------------- select, ignore, min-severity


@pytest.mark.parametrize(("rule", "select", "ignore", "expected"), [
    ("FC102", [], [], True),
    ("FC102", ["FC1"], [], True),
    ("FC001", ["FC1"], [], False),
    ("FC104", ["FC1"], ["FC104"], False),
    ("FC104", ["FC104"], ["FC1"], True),  # the more specific prefix wins, as in ruff
    ("FC102", [], ["FC10"], False),
])
def test_rule_selection(rule, select, ignore, expected):
    assert rule_selected(rule, select, ignore) is expected


def test_select_and_ignore_change_what_is_shown_and_what_fails():
    everything = run("compare", str(SEEDS), "--rules", RULES, "--lang", "en")
    assert everything.exit_code == 1 and "person:riabkov" in everything.stdout
    only_facts = run("compare", str(SEEDS), "--rules", RULES, "--lang", "en", "--select", "FC1")
    assert only_facts.exit_code == 1 and "person:riabkov" not in only_facts.stdout
    assert "finding(s) of rules not selected not shown" in only_facts.stdout
    ignored = run("compare", str(SEEDS), "--rules", RULES, "--lang", "en", "--ignore", "FC102")
    assert ignored.exit_code == 0
    assert last_line(ignored.stdout) == "exit 0: no conflict at or above --fail-on error"


def test_min_severity_hides_without_changing_the_exit_code():
    done = run("compare", str(SEEDS), "--rules", RULES, "--lang", "en", "--min-severity", "error", "-f", "json")
    findings = json.loads(done.stdout)["findings"]
    assert findings and {f["severity"] for f in findings} == {"error"}
    assert done.exit_code == 1
    assert "below --min-severity error not shown" in done.stderr


# --------------------------------------------------------------------------- baseline


def test_baseline_passes_then_fails_on_one_new_conflict(desk):
    written = run("compare", "articles", "--write-baseline", "factcheck-baseline.json", cwd=desk)
    assert written.exit_code == 0, written.output
    entries = read_baseline(desk / "factcheck-baseline.json")
    assert {e.identity[1] for e in entries} >= {"FC102"}
    known = run("compare", "articles", "--baseline", "factcheck-baseline.json", "--lang", "en", cwd=desk)
    assert known.exit_code == 0, known.output  # the known conflict no longer fails
    assert "known finding(s) acknowledged in factcheck-baseline.json, not shown" in known.stdout
    assert "call.start_time" not in known.stdout.split("Legend")[0]

    (desk / "articles" / "005_kremlin.txt").write_text(NEW_CONFLICT, encoding="utf-8")
    new = run("compare", "articles", "--baseline", "factcheck-baseline.json", "--lang", "en", cwd=desk)
    assert new.exit_code == 1
    assert last_line(new.stdout) == "exit 1: 1 conflict at or above --fail-on error (call.duration)"
    assert "call.start_time" not in new.stdout.split("Legend")[0]  # still acknowledged


def test_fingerprints_ignore_file_order_lines_and_ids(tmp_path):
    first = compare(str(SEEDS), rules=RULES)
    # The same articles under other names, other lines (a blank line on top), given in reverse order.
    for path in sorted(SEEDS.glob("*.txt")):
        (tmp_path / ("x" + path.name)).write_text("\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    second = compare(sorted(str(p) for p in tmp_path.glob("*.txt"))[::-1], rules=RULES)
    assert sorted(map(fingerprint, first.findings)) == sorted(map(fingerprint, second.findings))


def test_a_broken_baseline_is_one_line(desk):
    (desk / "base.json").write_text("{}", encoding="utf-8")
    done = run("compare", "articles", "--baseline", "base.json", cwd=desk)
    assert done.exit_code == 2
    assert done.stderr.strip() == 'error: base.json: not a baseline file (expected "schema": "factcheck-baseline/1")'
    missing = run("compare", "articles", "--baseline", "nope.json", cwd=desk)
    assert missing.stderr.strip() == "error: nope.json: no such baseline file (write one with --write-baseline)"


# --------------------------------------------------------------------------- rules, explain


def test_rules_lists_ids_with_their_docs():
    done = run("rules", "--rules", RULES)
    assert done.exit_code == 0
    lines = done.stdout.splitlines()
    ids = [line.split()[0] for line in lines if not line.startswith(" ")]
    assert "FC001" in ids and "FC102" in ids and ids == sorted(ids)
    start = next(i for i, line in enumerate(lines) if line.startswith("FC102"))
    assert "fact call.start_time" in lines[start] and "error" in lines[start]
    assert lines[start + 1].strip() == "time: Heure de début de l'appel"
    assert "heure de début" in lines[start + 2]
    one = run("rules", "FC102", "--rules", RULES)
    assert [l for l in one.stdout.splitlines() if not l.startswith(" ")] == [lines[start]]


def test_explain_says_why_a_mention_binds_or_not():
    done = run("explain", str(SEEDS / "000_b5fe129bdbb88210.txt"), "call.date", "--rules", RULES)
    assert done.exit_code == 0, done.output
    lines = done.stdout.splitlines()
    wednesday = next(l for l in lines if "'mercredi 29 décembre'" in l)
    assert "does not bind to call.date: no cue of the fact in its clause" in wednesday
    talks = next(l for l in lines if "'10 janvier'" in l)
    assert "talks.date claims it" in talks
    assert any("'jeudi 30 décembre'" in l and l.endswith("binds to call.date") for l in lines)
    assert lines[-1].endswith("mentions of this kind bind to call.date.")


def test_explain_unknown_fact_is_one_line():
    done = run("explain", str(SEEDS / "000_b5fe129bdbb88210.txt"), "call.dat", "--rules", RULES)
    assert done.exit_code == 2
    assert done.stderr.strip() == "error: no fact 'call.dat' in the rules (did you mean 'call.date'?)"
