"""What a new user meets at the command line: version, help, formats, colours, quiet, empty runs.

Every test runs the real command (typer's runner, the real pipeline) on the
seeds or on small stories written here, and reads what a user would read.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app, use_color
from factcheck.model import REPORT_MARKER

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
RULES = str(ROOT / "rules")
ANSI = re.compile(r"\033\[[0-9;]*m")
CLEAN_ENV = {"NO_COLOR": None, "FORCE_COLOR": None, "TERM": "xterm-256color", "COLUMNS": "80"}

LE_MONDE = """---
source: Le Monde
date: 2021-12-30
---
L'appel entre Joe Biden et Vladimir Poutine a commencé à 15h35 (20h35 GMT), selon la Maison Blanche.
Il a duré 50 minutes.
"""
AFP = """---
source: AFP
date: 2021-12-31
---
L'entretien entre Joe Biden et Vladimir Poutine a duré une cinquantaine de minutes.
Selon la Maison Blanche, l'appel a débuté à 15h35 (20h35 GMT).
"""
OTHER_STORY = """Le Conseil municipal de Lyon a voté mardi le budget 2024 : 1,2 milliard d'euros.
La maire a salué un « budget de responsabilité », adopté par 43 voix contre 12.
"""


def run(*args: str, env: dict | None = None, cwd: Path | None = None):
    old = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        return CliRunner().invoke(app, list(args), env={**CLEAN_ENV, **(env or {})})
    finally:
        os.chdir(old)


@pytest.fixture
def story(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "lemonde-0001.md").write_text(LE_MONDE, encoding="utf-8")
    (folder / "afp-0001.md").write_text(AFP, encoding="utf-8")
    return folder


# --------------------------------------------------------------------------- version, help


def test_version():
    import factcheck

    done = run("--version")
    assert done.exit_code == 0
    assert done.stdout == f"factcheck {factcheck.__version__}\n"
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", factcheck.__version__)


@pytest.mark.parametrize("command", ["compare", "extract", "ci", "rules", "explain"])
def test_help_shows_real_metavars_and_examples(command):
    done = run(command, "--help", env={"COLUMNS": "100"})
    assert done.exit_code == 0
    text = done.stdout
    assert "<bool>" not in text and "<list" not in text and "<path>" not in text and "<int" not in text
    assert "{" not in text.splitlines()[0]  # the usage line: "factcheck compare [OPTIONS] PATH..."
    if command in ("compare", "extract"):
        assert re.fullmatch(rf"Usage: \S+ {command} \[OPTIONS\] PATH\.\.\.", text.splitlines()[0])
        assert "PATH..." in text and "Examples:" in text and f"factcheck {command} seeds/" in text
        assert "--format" in text and "md for markdown" in text
    if command == "compare":
        for option in ("--baseline", "--write-baseline", "--select", "--ignore", "--min-severity",
                       "--fail-on-empty", "--color", "--quiet", "--lang"):
            assert option in text
        assert "error|warning|info|never" in text and "NO_COLOR" in text


# --------------------------------------------------------------------------- formats


@pytest.mark.parametrize(("name", "check"), [
    ("report.json", lambda text: json.loads(text)["findings"]),
    ("report.md", lambda text: text.startswith(REPORT_MARKER + "\n# ")),
    ("report.csv", lambda text: next(csv.DictReader(io.StringIO(text)))["fact"]),
    ("report.jsonl", lambda text: all(json.loads(line)["rule"] for line in text.splitlines())),
    ("report.sarif", lambda text: json.loads(text)["version"] == "2.1.0"),
    ("report.html", lambda text: text.startswith("<!DOCTYPE html>")),
])
def test_format_follows_the_output_extension(tmp_path, name, check):
    target = tmp_path / "out" / name
    done = run("compare", str(SEEDS), "--rules", RULES, "-o", str(target), "--fail-on", "never")
    assert done.exit_code == 0, done.output
    assert check(target.read_text(encoding="utf-8"))


def test_md_is_markdown_and_a_wrong_format_is_one_line(tmp_path):
    done = run("compare", str(SEEDS), "--rules", RULES, "--format", "md", "--fail-on", "never")
    assert done.exit_code == 0 and "| fait | verdict |" in done.stdout
    bad = run("extract", str(SEEDS), "-o", str(tmp_path / "facts.html"))
    assert bad.exit_code == 2
    assert bad.stderr.strip().splitlines() == [
        "error: extract cannot write '.html': formats are table, markdown, json, jsonl, csv, parquet (md for markdown)"]


def test_extract_jsonl_and_csv_leave_an_unknown_outlet_empty(tmp_path):
    done = run("extract", str(SEEDS), "--rules", RULES, "-o", str(tmp_path / "facts.jsonl"))
    assert done.exit_code == 0, done.output
    rows = [json.loads(line) for line in (tmp_path / "facts.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rows and all(r["source"] is None for r in rows)  # the seeds' outlets are unknown: no id in their place
    run("extract", str(SEEDS), "--rules", RULES, "-o", str(tmp_path / "facts.csv"))
    table = list(csv.DictReader(io.StringIO((tmp_path / "facts.csv").read_text(encoding="utf-8"))))
    assert all(r["source"] == "" for r in table)


def test_known_outlets_head_the_columns_everywhere(story, tmp_path):
    terminal = run("compare", str(story), "--rules", RULES, "--fail-on", "never", env={"COLUMNS": "200"})
    assert "AFP" in terminal.stdout and "Le Monde" in terminal.stdout
    assert "2021-12-31" in terminal.stdout.split("\n")[0] + terminal.stdout.split("\n")[1]
    md = run("compare", str(story), "--rules", RULES, "--format", "md", "--fail-on", "never").stdout
    header = next(line for line in md.splitlines() if line.startswith("| fait"))
    assert header == "| fait | verdict | AFP (2021-12-31) | Le Monde (2021-12-30) |"
    assert f"- AFP : {story}/afp-0001.md (AFP, 2021-12-31)".replace("_", "\\_") in md
    data = json.loads(run("compare", str(story), "--rules", RULES, "-f", "json", "--fail-on", "never").stdout)
    assert {a["source"] for a in data["articles"]} == {"AFP", "Le Monde"}


# --------------------------------------------------------------------------- colour, quiet


@pytest.mark.parametrize(("choice", "env", "tty", "expected"), [
    ("auto", {}, True, True),
    ("auto", {}, False, False),
    ("auto", {"NO_COLOR": "1"}, True, False),
    ("auto", {"NO_COLOR": "1", "FORCE_COLOR": "1"}, True, False),  # the user's "no" wins
    ("auto", {"FORCE_COLOR": "1"}, False, True),
    ("auto", {"FORCE_COLOR": "0"}, False, False),
    ("auto", {"TERM": "dumb"}, True, False),
    ("always", {"NO_COLOR": "1"}, False, True),
    ("never", {"FORCE_COLOR": "1"}, True, False),
])
def test_color_choice(choice, env, tty, expected):
    assert use_color(choice, tty, environ=env) is expected


def test_colours_in_the_real_output():
    coloured = run("compare", str(SEEDS), "--rules", RULES, env={"FORCE_COLOR": "1"})
    assert "\033[1;31m" in coloured.stdout  # the conflict in bold red
    plain = run("compare", str(SEEDS), "--rules", RULES, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\033[" not in plain.stdout
    assert ANSI.sub("", coloured.stdout) == plain.stdout
    dumb = run("compare", str(SEEDS), "--rules", RULES, "--color", "auto", env={"TERM": "dumb", "FORCE_COLOR": None})
    assert "\033[" not in dumb.stdout
    always = run("compare", str(SEEDS), "--rules", RULES, "--color", "always", env={"NO_COLOR": "1"})
    assert "\033[" in always.stdout


def test_quiet_prints_the_report_and_nothing_else(tmp_path):
    loud = run("compare", str(SEEDS), "--rules", RULES, "-o", str(tmp_path / "r.json"), "--lang", "en")
    assert loud.exit_code == 1
    assert loud.stderr.strip().splitlines()[-1] == "exit 1: 1 conflict at or above --fail-on error (call.start_time)"
    quiet = run("compare", str(SEEDS), "--rules", RULES, "-o", str(tmp_path / "q.json"), "--quiet")
    assert quiet.exit_code == 1 and quiet.stdout == "" and quiet.stderr == ""
    terminal = run("compare", str(SEEDS), "--rules", RULES, "-q")
    assert "exit 1" not in terminal.stdout and "call.start_time" in terminal.stdout


# --------------------------------------------------------------------------- nothing applied, reports beside articles


def test_another_story_says_nothing_applied(tmp_path):
    folder = tmp_path / "lyon"
    folder.mkdir()
    (folder / "conseil.txt").write_text(OTHER_STORY, encoding="utf-8")
    done = run("compare", str(folder), "--rules", RULES, "--lang", "en", env={"COLUMNS": "200"})
    assert done.exit_code == 0
    assert "0 of 10 declared facts found in" in done.stdout and "biden-putin-call-2021.yaml — another story?" in done.stdout
    assert done.stdout.rstrip().splitlines()[-1] == "exit 0: no conflict at or above --fail-on error"
    strict = run("compare", str(folder), "--rules", RULES, "--lang", "en", "--fail-on-empty")
    assert strict.exit_code == 1
    assert strict.stdout.rstrip().splitlines()[-1] == "exit 1: no declared fact found (--fail-on-empty)"
    # the saved Markdown says it too, before its empty tables (whole run and archive run alike)
    whole = run("compare", str(folder), "--rules", RULES, "-f", "md")
    lines = whole.stdout.splitlines()
    assert lines[1:7] == ["# Aucune contradiction dans 1 article", "",
                          "1 article lu · 0 fait trouvé · 0 contradiction · 0 concordance · 0 fait de source unique", "",
                          "**Avant de se fier à ce rapport :**", ""]
    assert lines[7].startswith("- 0 des 10 faits déclarés trouvés dans ") and lines[7].endswith(" — un autre sujet ?")
    streamed = tmp_path / "streamed.md"
    assert run("compare", str(folder), "--rules", RULES, "--store", str(tmp_path / "store"), "-o",
               str(streamed)).exit_code == 0
    assert streamed.read_text(encoding="utf-8") == whole.stdout


def test_facts_declared_but_never_found_are_listed(story):
    done = run("compare", str(story), "--rules", RULES, "--lang", "en", "--fail-on", "never", env={"COLUMNS": "200"})
    line = next(l for l in done.stdout.splitlines() if "declared but never found" in l)
    assert "troops.count" in line and "talks.place" in line and "call.duration" not in line


def test_a_report_saved_beside_the_articles_is_never_read_back(story):
    first = run("compare", str(story), "--rules", RULES, "-o", str(story / "report.md"), "--fail-on", "never")
    assert first.exit_code == 0
    assert f"warning: {story / 'report.md'} is inside the input folder {story}" in first.stderr
    assert (story / "report.md").read_text(encoding="utf-8").startswith(REPORT_MARKER)
    again = run("compare", str(story), "--rules", RULES, "-f", "json", "--fail-on", "never")
    data = json.loads(again.stdout)
    assert len(data["articles"]) == 2  # not three: the report is not an article
    assert f"{story / 'report.md'}: skipped: a report factcheck wrote, not an article" in again.stderr
    strict = run("compare", str(story), "--rules", RULES, "--strict", "--fail-on", "never")
    assert strict.exit_code == 0  # a skipped report is no unreadable input


# --------------------------------------------------------------------------- progress


def _run_with_stderr_on_a_terminal(args: list[str], cwd: Path) -> tuple[int, str, str]:
    import pty
    import subprocess
    import sys

    leader, follower = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm", "COLUMNS": "100"}
    env.pop("NO_COLOR", None)
    done = subprocess.run([sys.executable, "-m", "factcheck.cli", *args], cwd=cwd, stdout=subprocess.PIPE,
                          stderr=follower, env=env, timeout=300, check=False)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(leader)
    return done.returncode, done.stdout.decode(), b"".join(chunks).decode(errors="replace")


def test_progress_bar_only_on_a_terminal_and_only_for_long_runs(tmp_path):
    many = tmp_path / "many"
    many.mkdir()
    for i in range(220):
        # Article {i} each: a byte-identical copy would be read once (a copy is no second source).
        (many / f"a{i:03d}.txt").write_text(f"L'appel a duré {40 + i % 20} minutes, dit la Maison Blanche. ({i})\n",
                                           encoding="utf-8")
    code, out, err = _run_with_stderr_on_a_terminal(["compare", "many", "--rules", RULES, "-f", "json"], tmp_path)
    assert code in (0, 1) and json.loads(out)["findings"]  # stdout stays clean JSON
    assert "reading" in err and "220/220" in err  # the bar, on the terminal
    few = tmp_path / "few"
    few.mkdir()
    for path in sorted(many.iterdir())[:5]:
        shutil.copy(path, few / path.name)
    code, out, err = _run_with_stderr_on_a_terminal(["compare", "few", "--rules", RULES, "-f", "json"], tmp_path)
    assert "reading" not in err  # five articles: no bar
    piped = run("compare", str(many), "--rules", RULES, "-f", "json")
    assert "reading" not in piped.stderr  # stderr not a terminal: no bar


def test_with_several_story_files_only_the_story_that_applied_is_judged(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    assert len(list(rules.glob("*.yaml"))) > 2  # several stories ship
    done = run("compare", str(SEEDS), "--rules", str(rules), "--lang", "en", env={"COLUMNS": "200"})
    notes = [l for l in done.stdout.splitlines() if "declared" in l]
    assert not [l for l in notes if "retraites" in l or "seisme" in l]  # not "0 of 24 ... another story?"
    folder = tmp_path / "lyon"
    folder.mkdir()
    (folder / "conseil.txt").write_text(OTHER_STORY, encoding="utf-8")
    other = run("compare", str(folder), "--rules", str(rules), "--lang", "en", env={"COLUMNS": "200"})
    empty = [l for l in other.stdout.splitlines() if "another story?" in l]
    assert len(empty) == len(list(rules.glob("*.yaml"))) - 1  # nothing applied: every story file says so


# --------------------------------------------------------------------------- fresh eyes (session 2)


def test_the_command_list_is_not_cut_short():
    done = run("--help", env={"COLUMNS": "80"})
    commands = done.stdout.split("Commands:")[1].split("Examples:")[0]
    listed = [line.split(None, 1) for line in commands.strip().splitlines()]
    assert [name for name, _ in listed] == ["extract", "compare", "rules", "explain", "ci"]
    assert not any(text.endswith("...") for _, text in listed), commands  # click cuts long help at 45 characters


def test_quiet_says_nothing_about_its_own_report_beside_the_articles(tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder)
    first = run("compare", str(folder), "--rules", RULES, "-o", str(folder / "report.md"), "--fail-on", "never")
    assert "is inside the input folder" in first.stderr
    loud = run("compare", str(folder), "--rules", RULES, "-f", "json", "--fail-on", "never")
    assert "report.md: skipped: a report factcheck wrote" in loud.stderr
    quiet = run("compare", str(folder), "--rules", RULES, "-f", "json", "--fail-on", "never", "-q")
    assert quiet.exit_code == 0 and quiet.stderr == ""
    assert len(json.loads(quiet.stdout)["articles"]) == 5  # the report is not read as a sixth article
