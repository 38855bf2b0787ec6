"""`factcheck extract` in a terminal: it fits the width as `compare` does (rich), one table when it fits,
one block a mention when narrow, outlets (or #n) instead of hashes with a legend; the other formats
are untouched."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from factcheck.cli import app

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
RULES = str(ROOT / "rules")


def run(*args: str, columns: int):
    return CliRunner().invoke(app, list(args), env={"NO_COLOR": "1", "FORCE_COLOR": None, "COLUMNS": str(columns)})


def _mentions() -> list[dict]:
    done = run("extract", str(SEEDS), "--rules", RULES, "--format", "json", columns=80)
    return [r for r in json.loads(done.stdout) if r["fact"] is not None]


def test_extract_at_80_columns_is_one_block_a_mention():
    done = run("extract", str(SEEDS), "--rules", RULES, columns=80)
    assert done.exit_code == 0, done.output
    lines = done.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    # each mention: where and what, then the value with its modality and attribution, then the article's words
    start = lines.index("#3 · call.start_time (time)")
    assert lines[start + 1:start + 3] == ["  20:30 UTC · planned · la Maison Blanche", "  « 15h30 HE (20h30 GMT) »"]
    assert sum(1 for line in lines if not line.startswith(" ") and " · " in line and line.endswith(")")) \
        == len(_mentions())
    assert not any("b5fe129bdbb88210 " in line for line in lines)  # no hash where an article is named...
    assert "#1  seeds/000_b5fe129bdbb88210.txt · 2021-12" in lines or \
        f"#1  {SEEDS}/000_b5fe129bdbb88210.txt · 2021-12" in lines  # ... the legend names the file


def test_extract_at_200_columns_is_one_table_a_row_a_mention():
    done = run("extract", str(SEEDS), "--rules", RULES, columns=200)
    lines = done.stdout.splitlines()
    assert max(len(line) for line in lines) <= 200
    assert lines[0].split() == ["article", "fact", "kind", "value", "modality", "attribution", "span"]
    row = next(line for line in lines if "call.start_time" in line and "20:30 UTC" in line)
    assert row.split()[:5] == ["#3", "call.start_time", "time", "20:30", "UTC"]
    assert "planned" in row and "la Maison Blanche" in row and "15h30 HE (20h30 GMT)" in row
    table = lines[2:lines.index("")]
    assert len([line for line in table if line.startswith("#")]) == len(_mentions())


def test_extract_formats_are_not_the_terminal_view(tmp_path):
    csv_text = run("extract", str(SEEDS), "--rules", RULES, "--format", "csv", columns=80).stdout
    assert csv_text.splitlines()[0].startswith("article,source,fact,kind,value")
    assert "000_b5fe129bdbb88210" in csv_text  # the data keep the article id
    md = run("extract", str(SEEDS), "--rules", RULES, "--format", "md", columns=80).stdout
    assert "| article" in md and "000\\_b5fe129bdbb88210" in md
