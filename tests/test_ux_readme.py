"""The README stays true: its two set-up commands are what CI runs, and "Your first story" works as written."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from factcheck.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
FIRST = README.split("## Your first story")[1].split("\n## ")[0]


def blocks(markdown: str) -> list[tuple[str, str]]:
    return [(t.info, t.content) for t in MarkdownIt("commonmark").parse(markdown) if t.type == "fence"]


def test_the_two_commands_create_a_venv_and_ci_runs_the_second():
    info, first = blocks(README)[0]
    install, test = [line.split("  #")[0].strip() for line in first.strip().splitlines()]
    assert install == "python3 -m venv .venv && . .venv/bin/activate && pip install -e . && factcheck compare seeds/"
    assert test == ("python3 -m venv .venv && . .venv/bin/activate && pip install -e '.[test]' "
                    "&& python -m pytest")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test in ci  # exactly the README's command, on its own line


@pytest.fixture
def first_story(tmp_path: Path) -> Path:
    files = {m.group(1): content for info, content in blocks(FIRST)
             if (m := re.search(r'title="([^"]+)"', info))}
    assert sorted(files) == ["articles/afp.md", "articles/le-progres.md", "articles/lyon-mag.md",
                             "articles/radio-scoop.md", "articles/tribune.md", "rules/marathon.yaml"]
    for name, content in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content, encoding="utf-8")
    return tmp_path


def run(folder: Path, *args: str):
    old = os.getcwd()
    os.chdir(folder)
    try:
        return CliRunner().invoke(app, list(args), env={"NO_COLOR": "1", "COLUMNS": "100"})
    finally:
        os.chdir(old)


def test_your_first_story_does_what_the_readme_says(first_story):
    commands = [line.split("  #")[0].strip() for line in blocks(FIRST)[-1][1].strip().splitlines()]
    assert commands[0] == "factcheck compare articles/"
    done = run(first_story, "compare", "articles/")
    assert done.exit_code == 1
    lines = done.stdout.splitlines()
    assert "race.runners  concordent" in lines
    start = lines.index("race.start_time  contradiction")
    assert lines[start + 1] == "  08:30 (heure locale) — AFP, Le Progrès, Tribune de Lyon"  # a time of no stated zone
    assert lines[start + 2] == "  08:45 (heure locale) — Lyon Mag"
    assert "Lyon Mag · articles/lyon-mag.md:5" in done.stdout
    assert lines[-1].startswith("code 1 : 1 contradiction")

    page = run(first_story, *commands[1].split()[1:])
    assert page.exit_code == 1 and (first_story / "report.html").read_text(encoding="utf-8").count("mark conflict point") == 4
    why = run(first_story, *commands[2].split()[1:])
    assert why.stdout.splitlines()[0] == "articles/lyon-mag.md:5: '8h45' (08:45 local) binds to race.start_time"

    (first_story / "other").mkdir()
    (first_story / "other" / "budget.md").write_text("Le conseil municipal a voté le budget mardi soir.\n",
                                                     encoding="utf-8")
    other = run(first_story, "compare", "other/", "--lang", "en", "--fail-on-empty")
    assert "0 of 2 declared facts found in rules/marathon.yaml — another story?" in other.stdout
    assert other.exit_code == 1
