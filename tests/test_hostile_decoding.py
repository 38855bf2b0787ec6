"""Hostile input, bytes and copies: a readable article is never dropped nor silently garbled,
and one text filed twice is one source."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck import articles
from factcheck.articles import load_corpus
from factcheck.cli import app

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
SEED = ROOT / "seeds" / "001_be5ea4c1b4f5cbc6.txt"
FRENCH = "Selon la Maison Blanche, l'échange a duré 50 minutes, devant 100 000 personnes.\n"


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def durations_and_counts(folder: Path) -> dict[str, set]:
    rows = json.loads(run("extract", str(folder), "--rules", str(RULES), "--format", "json", "--all").stdout)
    out: dict[str, set] = {}
    for r in rows:
        if r["kind"] in ("duration", "count"):
            out.setdefault(r["article"], set()).add((r["kind"], r["low"]))
    return out


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
@pytest.mark.parametrize("stray", [b"\x81", b"\x8d", b"\x90", b"\x9d", b"\x00", "\ud800".encode("utf-8", "surrogatepass")],
                         ids=["0x81", "0x8D", "0x90", "0x9D", "NUL", "lone surrogate"])
def test_one_stray_byte_keeps_the_article_and_says_so(tmp_path, encoding, stray):
    data = FRENCH.encode(encoding)
    at = data.index(b"Blanche")
    (tmp_path / "stray.txt").write_bytes(data[:at] + stray + data[at:])
    (tmp_path / "good.txt").write_text("Selon le Kremlin, l'appel a duré 45 minutes.\n", encoding="utf-8")
    result = run("extract", str(tmp_path), "--rules", str(RULES), "--format", "json", "--all")
    assert result.exit_code == 0, result.output
    lines = [l for l in result.stderr.splitlines() if "stray.txt" in l]
    assert len(lines) == 1 and "warning:" in lines[0] and "shown as U+FFFD" in lines[0], lines
    (article,) = [a for a in load_corpus([tmp_path / "stray.txt"]).articles]
    assert "l'échange" in article.text and "\ufffdBlanche" in article.text  # no mojibake, the byte is visible
    found = durations_and_counts(tmp_path)
    assert found["stray"] == {("duration", 50), ("count", 100_000)}
    assert found["good"] == {("duration", 45)}


def test_many_nuls_are_still_a_binary_file(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"abc\x00\x01def\x00ghi\x00")
    (status,) = load_corpus([tmp_path / "bin.txt"]).inputs
    assert (status.status, status.reason) == ("binary", "binary file, not text (contains NUL bytes)")


@pytest.mark.parametrize("invisible", ["\u200b", "\u2060", "\ufeff", "\u200d", "\u202e", "\u2066", "\u00ad"])
def test_invisible_characters_inside_a_number_do_not_split_it(tmp_path, invisible):
    (tmp_path / "a.txt").write_text(
        f"Ils étaient 100{invisible}000 selon la police, et l'appel a duré 5{invisible}0 minutes.\n", encoding="utf-8")
    assert durations_and_counts(tmp_path)["a"] == {("count", 100_000), ("duration", 50)}
    (article,) = load_corpus([tmp_path]).articles
    assert invisible not in article.text  # quotes hold no bidi override either


def test_a_zero_width_joiner_between_letters_is_kept(tmp_path):
    (tmp_path / "a.txt").write_text("Le mot a\u200db reste tel quel.\n", encoding="utf-8")
    (article,) = load_corpus([tmp_path]).articles
    assert "a\u200db" in article.text


@pytest.mark.parametrize("how", ["hard link", "copy"])
def test_a_hard_link_or_a_copy_is_not_a_second_source(tmp_path, how):
    desk = tmp_path / "desk"
    desk.mkdir()
    shutil.copy(SEED, desk / "a.txt")
    if how == "hard link":
        os.link(desk / "a.txt", desk / "b.txt")
    else:
        shutil.copy(SEED, desk / "b.txt")
    (desk / "c.txt").write_text("Selon le Kremlin, l'appel a duré 50 minutes.\n", encoding="utf-8")
    result = run("compare", str(desk), "--rules", str(RULES), "--format", "json", "--fail-on", "never")
    assert result.exit_code == 0, result.output
    lines = [l for l in result.stderr.splitlines() if "b.txt" in l]
    said = "(a hard link)" if how == "hard link" else "same text as"
    assert len(lines) == 1 and said in lines[0] and "a.txt" in lines[0] and "not counted as a second source" in lines[0]
    data = json.loads(result.stdout)
    assert {a["id"] for a in data["articles"]} == {"a", "c"}
    assert {i["status"] for i in data["inputs"] if i["path"].endswith("b.txt")} == {"duplicate"}
    assert all("b" not in g["articles"] for f in data["findings"] for g in f["groups"])
    strict = run("compare", str(desk), "--rules", str(RULES), "--fail-on", "never", "--strict")
    assert strict.exit_code == 2


@pytest.mark.parametrize("text, cleaned", [
    ("Ils étaient 100 000 à Paris, selon la CGT : « un record ».", "Ils étaient 100 000 à Paris, selon la CGT : « un record »."),
    ("100\u200b000 manifestants", "100000 manifestants"),
    ("5\u200c\u200d0 minutes", "50 minutes"),
    ("le mot a\u200cb", "le mot a\u200cb"),  # a joiner between letters is no invisible split
    ("\u202eParis\u202c, fin\u00ad", "Paris, fin"),
])
def test_cleaning_takes_out_invisible_characters_and_nothing_else(text, cleaned):
    assert articles._clean(text) == (cleaned, [])


def test_every_character_cleaning_can_take_out_is_seen_by_its_quick_test():
    # Texts without any of these characters skip the full scan: the quick test must know them all.
    for code in range(0x10000):
        ch = chr(code)
        if articles._INVISIBLE.sub("", f"1{ch}1") != f"1{ch}1":
            assert articles._ANY_INVISIBLE.search(ch), hex(code)
