"""Hostile input, what factcheck prints: no workflow command, no terminal escape, in any format.

A CI log runs a line starting with ``::`` (after spaces) and any line holding
``##[``; a terminal obeys ESC sequences.  Article text, file names and YAML
values end up in our output, so each test feeds such text in and reads every
line out (stdout and stderr) the way a runner would.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck import neutral
from factcheck.cli import app
from fuzz.oracle import injected  # tests/fuzz: the same oracle as the fuzz harness

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
SEEDS = ROOT / "seeds"
SEED = SEEDS / "001_be5ea4c1b4f5cbc6.txt"


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(app, list(args), env=env)


def cli(*args: str, stdout=subprocess.PIPE, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """The real command in a real process (file names as bytes, real stdout)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "factcheck.cli", *args], stdout=stdout, stderr=subprocess.PIPE,
                          env=env, cwd=cwd, timeout=120)


HOSTILE = (
    "::warning::injected\n"
    "  ::error file=x,line=1::injected\n"
    "Texte ##[stop-commands]token puis ::add-mask::secret\n"
    "\x1b]0;titre\x07\x1b[2J effacé \u202eenilno\u202c, le 30 décembre 2021, l'appel a duré 50 minutes.\n"
)


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "hostile.txt").write_text(
        "---\ndate: '##[stop-commands]tok'\nsource: \"::warning::front\"\n---\n"
        "Selon la Maison Blanche, ::warning::x l'appel a duré 50 minutes.\n" + HOSTILE, encoding="utf-8")
    (folder / "good.txt").write_text("Selon le Kremlin, l'appel a duré 50 minutes.\n", encoding="utf-8")
    return folder


# --------------------------------------------------------------------------- the module itself


@pytest.mark.parametrize("raw", [
    "::warning::x", "  ::error::x", "\t::x", "a\n::warning::x", "a\r::x", "a\u2028::x", "a\x85::x",
    "##[stop-commands]t", "x ##[error]y", "\x1b[31mred\x1b[0m", "\x1b]8;;http://e\x07link", "\u202eabc",
    "\x9b2J", "name\udc81.txt",
])
def test_line_and_text_leave_no_command_and_no_escape(raw):
    for out in (neutral.line(raw), neutral.text(raw)):
        assert injected(out) == [], out
        out.encode("utf-8")  # strict: a non-UTF-8 file name byte is shown, not kept
        assert neutral.line(out) == out or out is not None
    assert "\n" not in neutral.line(raw)


def test_text_keeps_line_breaks_and_ordinary_text_unchanged():
    plain = "| fact | value |\n|---|---|\n| durée | 50 min, 15:30 UTC |\n"
    assert neutral.text(plain) == plain
    assert neutral.line("seeds/a.txt: warning: 2 ids") == "seeds/a.txt: warning: 2 ids"
    assert neutral.text("a\n::warning::x\n") == "a\n\\::warning::x\n"
    assert neutral.text(neutral.text(HOSTILE)) == neutral.text(HOSTILE)


def test_colour_codes_survive_only_when_asked_for():
    painted = "\x1b[1;31mconflict\x1b[0m"
    assert neutral.text(painted, keep_sgr=True) == painted
    assert "\x1b" not in neutral.text(painted)
    assert "\x1b]" not in neutral.text("\x1b]0;t\x07" + painted, keep_sgr=True)


def test_json_stays_the_same_data():
    data = {"q": HOSTILE, "k##[": ["\x85", "\u2028", "\x7f"], "n": 1.5}
    out = neutral.json_dumps(data, indent=2)
    assert json.loads(out) == data
    assert injected(out) == []


@pytest.mark.parametrize("cell, shown", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1", "'+1"), ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\\t=1"), ("50 minutes", "50 minutes"), (12, 12), (None, None),
])
def test_csv_cells_are_never_formulas(cell, shown):
    assert neutral.csv_cell(cell) == shown


# --------------------------------------------------------------------------- every format, end to end


@pytest.mark.parametrize("command, fmt", [
    ("compare", "table"), ("compare", "markdown"), ("compare", "json"), ("compare", "jsonl"), ("compare", "csv"),
    ("compare", "html"), ("compare", "sarif"),
    ("extract", "table"), ("extract", "markdown"), ("extract", "json"), ("extract", "jsonl"), ("extract", "csv"),
])
def test_no_format_carries_a_command_or_an_escape(desk, command, fmt):
    args = [command, str(desk), "--rules", str(RULES), "--format", fmt]
    if command == "extract":
        args.append("--all")
    else:
        args += ["--fail-on", "never"]
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert injected(result.stdout) == []
    assert injected(result.stderr) == []
    # The front matter's bad date is reported on one line, quoted but inert.
    warning = [l for l in result.stderr.splitlines() if "hostile.txt" in l]
    assert len(warning) == 1 and "is not an ISO date" in warning[0] and "#\\#[stop-commands]" in warning[0]
    # The other article's facts are still there.
    assert "good" in result.stdout or fmt == "sarif"  # SARIF lists conflicts only: there are none
    if fmt in ("json", "sarif"):
        json.loads(result.stdout)
    if fmt == "jsonl":
        [json.loads(line) for line in result.stdout.splitlines()]
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert {r["article"] for r in rows} >= {"good", "hostile"}


def test_csv_cells_from_article_text_are_not_formulas(tmp_path):
    (tmp_path / "a.txt").write_text("=cmd|' /C calc'!A0 a duré 50 minutes.\n-5 puis @SUM(1) et +3 personnes.\n",
                                    encoding="utf-8")
    result = run("extract", str(tmp_path), "--rules", str(RULES), "--format", "csv", "--all")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), row


def test_a_file_name_holding_a_command_is_one_inert_line(tmp_path):
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "x\n::warning::pwned\x1b[2J.txt").write_bytes(b"%PDF-1.4 binary")
    (folder / "good.txt").write_text("L'appel a duré 50 minutes.\n", encoding="utf-8")
    result = run("extract", str(folder), "--rules", str(RULES), "--format", "json")
    assert result.exit_code == 0, result.output
    assert injected(result.stderr) == [] and injected(result.stdout) == []
    lines = [l for l in result.stderr.splitlines() if "pwned" in l]
    assert len(lines) == 1 and "binary" in lines[0] and "\\n::warning::pwned\\x1b[2J" in lines[0]
    assert any(r["article"] == "good" for r in json.loads(result.stdout))


def test_ci_summary_json_and_annotations_are_inert(desk, tmp_path):
    summary, report, sarif = tmp_path / "s.md", tmp_path / "r.json", tmp_path / "r.sarif"
    step = tmp_path / "step.md"
    result = run("ci", str(desk), "--new", str(desk / "hostile.txt"), "--rules", str(RULES), "--fail-on", "never",
                 "--summary", str(summary), "--json", str(report), "--sarif", str(sarif),
                 env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(step)})
    assert result.exit_code == 0, result.output
    ours = [l for l in result.stdout.splitlines() if l.startswith("::")]
    rest = "\n".join(l for l in result.stdout.splitlines() if not l.startswith("::"))
    assert injected(rest) == [] and injected(result.stderr) == []
    for line in ours:  # our own annotations: one command each, nothing smuggled in their data
        assert re.fullmatch(r"::(error|warning|notice) file=[^:]*(,line=\d+)?::[^\n]*", line), line
        assert "##[" not in line and "\x1b" not in line
    for path in (summary, report, sarif, step):
        assert injected(path.read_text(encoding="utf-8")) == []
    json.loads(report.read_text(encoding="utf-8"))
    json.loads(sarif.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- file names that are not UTF-8


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses non-UTF-8 file names")
def test_a_non_utf8_file_name_reaches_every_written_output(tmp_path):
    folder = tmp_path / "desk"
    folder.mkdir()
    raw = os.fsencode(folder) + b"/caf\xe9 #1.txt"
    with open(raw, "wb") as handle:
        handle.write("Selon la Maison Blanche, l'appel a duré 50 minutes.\n".encode("utf-8"))
    (folder / "good.txt").write_text("Selon le Kremlin, l'appel a duré 45 minutes.\n", encoding="utf-8")
    out = tmp_path / "out"
    done = cli("compare", str(folder), "--rules", str(RULES), "--format", "json", "-o", str(out / "r.json"),
               "--fail-on", "never")
    assert done.returncode == 0, done.stderr
    data = json.loads((out / "r.json").read_text(encoding="utf-8"))
    assert {a["id"] for a in data["articles"]} == {"caf\\xe9 #1", "good"}
    step = tmp_path / "step.md"
    env_done = subprocess.run(
        [sys.executable, "-m", "factcheck.cli", "ci", str(folder), "--new", os.fsdecode(raw), "--rules", str(RULES),
         "--summary", str(out / "s.md"), "--json", str(out / "c.json"), "--sarif", str(out / "c.sarif"),
         "--fail-on", "never"],
        capture_output=True, env=dict(os.environ, PYTHONPATH=str(ROOT), GITHUB_STEP_SUMMARY=str(step)), timeout=120)
    assert env_done.returncode == 0, env_done.stderr
    assert b"Traceback" not in env_done.stderr
    sarif = json.loads((out / "c.sarif").read_text(encoding="utf-8"))
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"]
            for r in sarif["runs"][0]["results"] for loc in r["locations"]}
    assert all(" " not in u and "#" not in u for u in uris)
    assert "caf\\xe9" in (out / "s.md").read_text(encoding="utf-8")
    assert "caf\\xe9" in step.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- stdout that cannot be written


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_stdout_is_one_line_and_exit_2():
    with open("/dev/full", "wb") as full:
        done = cli("compare", str(SEEDS), "--rules", str(RULES), stdout=full)
    assert done.returncode == 2
    lines = done.stderr.decode().strip().splitlines()
    assert lines == ["error: standard output: cannot write: no space left on device"], lines
