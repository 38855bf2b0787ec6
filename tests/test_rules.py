"""Rule files: the shipped set, located errors, quantities, guarded patterns, path resolution."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.rules import (
    PATTERN_TIMEOUT,
    CheckRule,
    FactRule,
    RuleError,
    RuleTimeout,
    Tolerance,
    cpu_bounded,
    load_rules,
    parse_bounds,
    parse_tolerance,
    shipped_rules_dir,
)

REPO = Path(__file__).resolve().parent.parent

STORY = """\
story: demo
language: fr
description: Une histoire de test.

entities:
  - name: Vladimir Poutine
    aliases: ["chef du Kremlin"]

facts:
  troops.count:
    kind: count
    description: Nombre de soldats
    nouns: ['soldats?', 'militaires']

  talks.date:
    kind: date
    cues: ['négociations?', 'pourparlers']

checks:
  - id: DM101
    fact: troops.count
    compare: interval
    tolerance: 10%
    severity: warning
    message: Les sources ne donnent pas le même nombre de soldats.

  - id: DM102
    fact: talks.date
    compare: date
    severity: error
    message: Les sources ne donnent pas la même date.
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def errors_of(path: Path, cwd: Path) -> list[RuleError]:
    rules = load_rules([path], cwd=cwd)
    return [e for e in rules.errors if e.file == str(path)]


def line_of(path: Path, needle: str) -> int:
    """1-based line of the first line containing ``needle``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


# --------------------------------------------------------------------------
# The shipped rules


def test_shipped_rules_load_without_error(tmp_path):
    rules = load_rules(cwd=tmp_path)  # no ./rules there: the shipped set
    assert rules.errors == []
    assert {"call.date", "call.start_time", "call.duration", "call.requested_by", "troops.count",
            "talks.date", "talks.place", "talks.us_negotiator", "talks.ru_negotiator"} <= set(rules.facts)
    assert {Path(f).name for f in rules.files} == {"biden-putin-call-2021.yaml", "common.yaml",
                                                   "retraites-2023-01-31.yaml", "seisme-turquie-syrie-2023.yaml",
                                                   "biden-putin-video-call-2021.yaml"}
    assert list(rules.facts) == sorted(rules.facts)
    assert [c.id for c in rules.checks] == sorted(c.id for c in rules.checks)


def test_shipped_rules_parse_into_the_kinds_units(tmp_path):
    rules = load_rules(cwd=tmp_path)
    assert rules.facts["call.duration"].bounds == (1.0, 720.0)
    assert rules.facts["call.duration"].relations == ["none"]
    checks = {c.id: c for c in rules.checks}
    assert checks["FC106"].tolerance == Tolerance(relative=0.1)
    assert checks["FC102"].tolerance == Tolerance(absolute=0.0)
    assert checks["FC003"].target_kind == "time" and checks["FC003"].fact is None
    assert checks["FC001"].target_kind == "person"
    assert rules.alias_map()["chef du kremlin"] == "Vladimir Poutine"
    assert rules.alias_map()["maitre du kremlin"] == "Vladimir Poutine"
    assert rules.alias_map()["vladimir poutine"] == "Vladimir Poutine"


def _documented_rule_ids() -> dict[str, dict[str, str]]:
    text = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    section = text.split("## Rule ids", 1)[1]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in rows[0].strip("|").split("|")]
    assert set(rows[1].replace("|", "").strip()) <= set("-: ")
    table = {}
    for row in rows[2:]:
        cells = dict(zip(header, (cell.strip() for cell in row.strip("|").split("|"))))
        table[cells["id"]] = cells
    return table


def test_every_shipped_check_is_documented_and_vice_versa(tmp_path):
    documented = _documented_rule_ids()
    rules = load_rules(cwd=tmp_path)
    shipped = {c.id: c for c in rules.checks}
    assert set(shipped) == set(documented)
    for rule_id, row in documented.items():
        check = shipped[rule_id]
        assert Path(check.file).name == row["file"], rule_id
        expected_fact = check.fact if check.fact else f"any {check.kind}"
        assert row["fact"] == expected_fact, rule_id


def test_shipped_rules_dir_is_the_repository_rules_folder_in_a_checkout():
    assert (shipped_rules_dir() / "common.yaml").is_file()


# --------------------------------------------------------------------------
# Located errors


def test_unknown_key_names_file_line_key_and_valid_keys(tmp_path):
    path = write(tmp_path, "story.yaml", STORY.replace("    description: Nombre de soldats\n",
                                                       "    cuess: ['soldats']\n"))
    errors = errors_of(path, tmp_path)
    assert len(errors) == 1
    error = errors[0]
    assert error.file == str(path)
    assert error.line == line_of(path, "cuess:")
    assert error.col == 5
    assert "'cuess'" in error.message and "fact 'troops.count'" in error.message
    assert "valid keys:" in error.message and "cues" in error.message and "nouns" in error.message
    assert "did you mean 'cues'" in error.message
    assert str(error).startswith(f"{path}:{error.line}:5: ")


def test_bad_kind_lists_the_valid_kinds(tmp_path):
    path = write(tmp_path, "story.yaml", STORY.replace("kind: count", "kind: cont"))
    (error,) = errors_of(path, tmp_path)
    assert error.line == line_of(path, "kind: cont")
    assert error.col == len("    kind: ") + 1
    assert "'cont'" in error.message
    assert "time, duration, count, date, ordinal, place, person" in error.message


@pytest.mark.parametrize("field, bad, choices", [
    ("compare: date", "compare: dates", "interval, date, person, place, text, spelling, roles, paired_time"),
    ("severity: error", "severity: fatal", "error, warning, info"),
])
def test_bad_choice_lists_the_valid_choices(tmp_path, field, bad, choices):
    path = write(tmp_path, "story.yaml", STORY.replace(field, bad))
    (error,) = errors_of(path, tmp_path)
    assert error.line == line_of(path, bad)
    assert choices in error.message
    assert "check DM102" in error.message


def test_bad_scope_lists_the_valid_scopes(tmp_path):
    path = write(tmp_path, "story.yaml", STORY.replace("    kind: date\n", "    kind: date\n    scope: paragraph\n"))
    (error,) = errors_of(path, tmp_path)
    assert error.line == line_of(path, "scope: paragraph")
    assert "clause, sentence" in error.message


def test_yaml_syntax_error_names_line_and_column(tmp_path):
    path = write(tmp_path, "story.yaml", "story: demo\nfacts:\n  a:\n    kind: time\n   cues: ['x']\n")
    (error,) = errors_of(path, tmp_path)
    assert error.message.startswith("YAML syntax error")
    assert (error.line, error.col) == (5, 4)


def test_unclosed_flow_list_is_a_syntax_error(tmp_path):
    path = write(tmp_path, "story.yaml", "story: demo\nfacts:\n  a:\n    kind: time\n    cues: ['x'\n")
    (error,) = errors_of(path, tmp_path)
    assert "YAML syntax error" in error.message and "line 5" in error.message


def test_duplicate_check_ids_across_files_reject_the_later_file(tmp_path):
    first = write(tmp_path, "a.yaml", STORY)
    second = write(tmp_path, "b.yaml", STORY.replace("story: demo", "story: other")
                   .replace("troops.count", "troops.total").replace("talks.date", "talks.day"))
    rules = load_rules([tmp_path], cwd=tmp_path)
    assert rules.files[-1] == str(first) and str(second) not in rules.files
    messages = [e for e in rules.errors if e.file == str(second)]
    assert {e.line for e in messages} == {line_of(second, "id: DM101"), line_of(second, "id: DM102")}
    assert all("already used in" in e.message and str(first) in e.message for e in messages)
    assert "troops.total" not in rules.facts and "troops.count" in rules.facts


def test_a_fact_id_is_a_story_s_own(tmp_path):
    # Two stories may declare one fact id (each article binds its own story's facts); each keeps its rule.
    write(tmp_path, "a.yaml", STORY)
    write(tmp_path, "b.yaml", "story: other\nfacts:\n  troops.count:\n    kind: count\n    nouns: ['chars']\n")
    rules = load_rules([tmp_path], cwd=tmp_path)
    assert rules.errors == []
    assert rules.fact("demo", "troops.count").nouns == ["soldats?", "militaires"]
    assert rules.fact("other", "troops.count").nouns == ["chars"]
    # The shared rules declare facts no story may declare again.
    write(tmp_path, "common.yaml", "story: common\nfacts:\n  troops.count:\n    kind: count\n    nouns: ['x']\n")
    errors = load_rules([tmp_path], cwd=tmp_path).errors
    assert any("troops.count" in e.message and "already declared in" in e.message for e in errors)


def test_duplicate_check_id_inside_one_file(tmp_path):
    path = write(tmp_path, "story.yaml", STORY.replace("id: DM102", "id: DM101"))
    (error,) = errors_of(path, tmp_path)
    second = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "id: DM101" in line][1]
    assert (error.line, error.col) == (second, len("  - id: ") + 1)
    assert "DM101" in error.message and "already used" in error.message


def test_duplicate_yaml_key_is_an_error(tmp_path):
    path = write(tmp_path, "story.yaml", STORY.replace("  talks.date:", "  troops.count:"))
    (error,) = errors_of(path, tmp_path)
    assert "duplicate key 'troops.count'" in error.message
    assert error.line == line_of(path, "  troops.count:") + 5


def test_check_on_undeclared_fact_lists_declared_facts_and_person(tmp_path):
    path = write(tmp_path, "story.yaml", STORY.replace("fact: talks.date", "fact: talks.dat"))
    (error,) = errors_of(path, tmp_path)
    assert error.line == line_of(path, "fact: talks.dat")
    assert "'talks.dat' is not declared" in error.message
    assert "declared facts: talks.date, troops.count, person" in error.message
    assert "did you mean 'talks.date'" in error.message


def test_check_may_use_a_fact_of_another_file(tmp_path):
    write(tmp_path, "a.yaml", STORY)
    write(tmp_path, "b.yaml", """\
        story: other
        checks:
          - id: OT101
            fact: troops.count
            compare: text
            threshold: 100
            severity: info
            message: Même texte.
    """)
    rules = load_rules([tmp_path], cwd=tmp_path)
    assert rules.errors == []
    assert {c.id for c in rules.checks} >= {"OT101", "DM101"}


def test_check_on_a_fact_of_a_skipped_file_says_why(tmp_path):
    write(tmp_path, "a.yaml", STORY.replace("kind: date", "kind: dates"))
    other = write(tmp_path, "b.yaml", """\
        story: other
        checks:
          - id: OT101
            fact: troops.count
            compare: interval
            severity: info
            message: Pas le même nombre.
    """)
    rules = load_rules([tmp_path], cwd=tmp_path)
    (error,) = [e for e in rules.errors if e.file == str(other)]
    assert "troops.count" in error.message and "has errors" in error.message
    assert rules.facts == {} and [c.id for c in rules.checks] == ["FC001", "FC002", "FC003"]


def test_invalid_regular_expression_names_the_pattern_and_the_error(tmp_path):
    path = write(tmp_path, "story.yaml", STORY.replace("'soldats?'", "'(soldats'"))
    (error,) = errors_of(path, tmp_path)
    assert error.line == line_of(path, "(soldats")
    assert error.col == line_of_text(path, error.line).index("'(soldats'") + 1
    assert "'(soldats'" in error.message and "missing )" in error.message
    assert "nouns[0]" in error.message


def line_of_text(path: Path, line: int) -> str:
    return path.read_text(encoding="utf-8").splitlines()[line - 1]


def test_a_file_with_errors_is_skipped_and_the_others_still_load(tmp_path):
    write(tmp_path, "good.yaml", STORY)
    bad = write(tmp_path, "bad.yaml", "story: bad\nfacts:\n  x.y:\n    kind: time\n    cues: ['appel']\n"
                                      "    bounds: [1 min]\n")
    rules = load_rules([tmp_path], cwd=tmp_path)
    assert [e.file for e in rules.errors] == [str(bad)]
    assert "x.y" not in rules.facts and "troops.count" in rules.facts
    assert str(bad) not in rules.files


def test_missing_path_is_an_error(tmp_path):
    rules = load_rules(["nowhere.yaml"], cwd=tmp_path)
    assert [str(e) for e in rules.errors] == ["nowhere.yaml:1:1: no such file or folder"]
    assert [Path(f).name for f in rules.files] == ["common.yaml"]


def test_rule_error_string_form():
    assert str(RuleError("rules/x.yaml", 3, 7, "boom")) == "rules/x.yaml:3:7: boom"


# Forms that must not validate: (replace this, by that, expected words in the message).
INVALID = [
    ("story: demo", "story: ''", "story"),
    ("story: demo", "story: 2021", "expected text"),
    ("language: fr", "language: French", "language"),
    ("language: fr", "langage: fr", "unknown key 'langage'"),
    ("    kind: count\n", "    kind: count\n    id: troops\n", "key under 'facts:'"),
    ("    kind: count\n", "    kind: count\n    scope: clause\n    cues: 'soldats'\n", "expected a list"),
    ("    kind: count\n", "    kind: count\n    cues: ['']\n", "empty pattern"),
    ("    kind: count\n", "    kind: count\n    cues: ['x?']\n", "matches the empty string"),
    ("    kind: count\n", "    kind: count\n    cues: [no]\n", "quote it"),
    ("    kind: count\n", "    kind: count\n    bounds: [10, 1]\n", "low bound is above"),
    ("    kind: count\n", "    kind: count\n    bounds: [1 min, 10]\n", "plain number"),
    ("    kind: count\n", "    kind: count\n    bounds: [1, 2, 3]\n", "pair"),
    ("    kind: count\n", "    kind: count\n    bounds: [1, 10%]\n", "percentage"),
    ("    kind: count\n", "    kind: count\n    relations: [none]\n", "only to duration"),
    ("    kind: date\n", "    kind: date\n    bounds: [1, 2]\n", "bounds apply only"),
    ("    kind: date\n", "    kind: date\n    nouns: ['jours']\n", "nouns apply only to count"),
    ("    nouns: ['soldats?', 'militaires']\n", "", "would bind every count"),
    ("  troops.count:", "  person:", "reserved"),
    ("  troops.count:", "  troops count:", "fact id"),
    ("id: DM101", "id: D101", "two to four capitals"),
    ("id: DM101", "id: DM1010", "two to four capitals"),
    ("tolerance: 10%", "tolerance: 5 min", "plain number"),
    ("tolerance: 10%", "tolerance: -5", "negative"),
    ("tolerance: 10%", "tolerance: 150%", "more than 100%"),
    ("tolerance: 10%", "tolerance: beaucoup", "not a number"),
    ("tolerance: 10%", "threshold: 90", "threshold applies only"),
    ("compare: date", "compare: date\n    tolerance: 2 h", "unknown unit 'h' for a date"),
    ("compare: date", "compare: interval", "cannot compare date values"),
    ("compare: date", "compare: person", "cannot compare date values"),
    ("compare: interval", "compare: text", "tolerance applies only"),
    ("compare: interval", "compare: text\n    threshold: 101", "outside 0..100"),
    ("fact: talks.date", "fact: talks.date\n    kind: date", "exactly one of 'fact'"),
    ("    fact: talks.date\n", "", "exactly one of 'fact'"),
    ("severity: error", "severity: Error", "valid severities"),
    ("message: Les sources ne donnent pas la même date.", "message: ''", "message is empty"),
    ("message: Les sources ne donnent pas la même date.", "message:", "expected text"),
    ("    severity: warning\n", "    severity: warning\n    same_modality: 'yes'\n", "true or false"),
    ("    severity: warning\n", "", "missing required key 'severity'"),
    ('aliases: ["chef du Kremlin"]', 'aliases: "chef du Kremlin"', "expected a list"),
    ('aliases: ["chef du Kremlin"]', 'alias: ["chef du Kremlin"]', "valid keys: name, aliases"),
    ("entities:\n", "entities:\n  - name: Poutine\n    aliases: [Vladimir Poutine]\n", "already names entity 'Poutine'"),
]


@pytest.mark.parametrize("old, new, expected", INVALID, ids=[case[1].strip() or case[0].strip() for case in INVALID])
def test_forms_that_must_not_validate(tmp_path, old, new, expected):
    assert old in STORY
    path = write(tmp_path, "story.yaml", STORY.replace(old, new, 1))
    rules = load_rules([path], cwd=tmp_path)
    errors = [e for e in rules.errors if e.file == str(path)]
    assert errors, f"{new!r} validated"
    assert any(expected in e.message for e in errors), [str(e) for e in errors]
    assert all(e.line >= 1 and e.col >= 1 for e in errors)
    assert str(path) not in rules.files and "DM101" not in {c.id for c in rules.checks}


@pytest.mark.parametrize("text, expected", [
    ("", "empty rule file"),
    ("- story: demo\n", "expected a mapping"),
    ("story: demo\n---\nstory: again\n", "YAML syntax error"),
    ("story: [demo\n", "YAML syntax error"),
])
def test_files_that_are_not_rule_files(tmp_path, text, expected):
    path = write(tmp_path, "story.yaml", text)
    errors = errors_of(path, tmp_path)
    assert errors and expected in errors[0].message


def test_not_utf8_is_an_error(tmp_path):
    path = tmp_path / "story.yaml"
    path.write_bytes("story: d\xe9mo\n".encode("latin-1"))
    (error,) = errors_of(path, tmp_path)
    assert "not UTF-8" in error.message


def test_error_lines_point_at_missing_keys_owner(tmp_path):
    path = write(tmp_path, "story.yaml", STORY.replace("    kind: date\n", ""))
    (error,) = errors_of(path, tmp_path)
    assert error.line == line_of(path, "  talks.date:")
    assert "missing required key 'kind'" in error.message and "fact 'talks.date'" in error.message


# --------------------------------------------------------------------------
# Quantities


@pytest.mark.parametrize("value, kind, expected", [
    ("5 min", "time", Tolerance(absolute=5)),
    ("2 h", "duration", Tolerance(absolute=120)),
    ("2h", "duration", Tolerance(absolute=120)),
    ("1,5 h", "duration", Tolerance(absolute=90)),
    ("30 s", "duration", Tolerance(absolute=0.5)),
    ("3 days", "duration", Tolerance(absolute=3 * 1440)),
    ("10%", "count", Tolerance(relative=0.1)),
    ("10 %", "duration", Tolerance(relative=0.1)),
    ("3 jours", "date", Tolerance(absolute=3)),
    ("3 days", "date", Tolerance(absolute=3)),
    ("2 semaines", "date", Tolerance(absolute=14)),
    (1000, "count", Tolerance(absolute=1000)),
    ("10 000", "count", Tolerance(absolute=10_000)),
    (2.5, "ordinal", Tolerance(absolute=2.5)),
    (0, "time", Tolerance()),
])
def test_tolerance_parsing(value, kind, expected):
    assert parse_tolerance(value, kind) == expected


@pytest.mark.parametrize("value, kind", [
    ("5 min", "date"), ("5 min", "count"), ("5 kg", "duration"), ("cinq minutes", "duration"),
    (True, "count"), (None, "count"), ([5], "count"), ("-1 h", "duration"), ("101%", "count"),
    ("5 min", None), ("nan", "count"), (float("inf"), "count"),
])
def test_tolerance_rejects(value, kind):
    with pytest.raises(ValueError):
        parse_tolerance(value, kind)


@given(st.integers(min_value=0, max_value=10_000))
def test_hours_are_sixty_minutes(hours):
    assert parse_tolerance(f"{hours} h", "duration").absolute == hours * 60
    assert parse_tolerance(f"{hours} heures", "time").absolute == hours * 60


@pytest.mark.parametrize("value, kind, expected", [
    (["1 min", "12 h"], "duration", (1, 720)),
    (["1 min", "3 days"], "duration", (1, 4320)),
    (["1 j", "2 semaines"], "duration", (1440, 20160)),
    ([100, 500_000], "count", (100, 500_000)),
    (["1 000", "20 000"], "count", (1000, 20_000)),
    (["0,5", "2.5"], "count", (0.5, 2.5)),
    ([1, 3], "ordinal", (1, 3)),
    (["6 h", "23 h"], "time", (360, 1380)),
])
def test_bounds_parsing(value, kind, expected):
    assert parse_bounds(value, kind) == expected


@pytest.mark.parametrize("value, kind", [
    (["1 min"], "duration"), ("1 min", "duration"), (["12 h", "1 min"], "duration"),
    ([1, 2], "date"), ([1, 2], "person"), (["1 min", "2 min"], "count"), ([1, "10%"], "count"),
])
def test_bounds_rejects(value, kind):
    with pytest.raises(ValueError):
        parse_bounds(value, kind)


def test_bounds_in_a_file_are_in_the_kinds_unit(tmp_path):
    path = write(tmp_path, "story.yaml", STORY.replace("    kind: count\n",
                                                       "    kind: count\n    bounds: [1000, 500 000]\n"))
    rules = load_rules([path], cwd=tmp_path)
    assert rules.errors == []
    assert rules.facts["troops.count"].bounds == (1000, 500_000)


# --------------------------------------------------------------------------
# Compiled patterns


def test_cues_match_accent_insensitively_on_folded_text(tmp_path):
    rules = load_rules([write(tmp_path, "story.yaml", STORY)], cwd=tmp_path)
    cue = rules.facts["talks.date"].cue_pattern
    assert cue.search("les negociations de Genève") is not None
    assert cue.search("LES NEGOCIATION") is not None
    assert cue.search("les discussions") is None
    assert [m.group(0) for m in cue.finditer("pourparlers puis negociations")] == ["pourparlers", "negociations"]


def test_noun_pattern_is_for_fullmatch(tmp_path):
    rules = load_rules([write(tmp_path, "story.yaml", STORY)], cwd=tmp_path)
    nouns = rules.facts["troops.count"].noun_pattern
    assert nouns.fullmatch("Soldats") and nouns.fullmatch("soldat") and nouns.fullmatch("militaires")
    assert nouns.fullmatch("soldatesque") is None
    assert rules.facts["troops.count"].cue_pattern is None


def test_before_and_after_patterns_anchor_at_the_value():
    rule = FactRule(id="call.requested_by", kind="person",
                    before=["(?:appel|entretien) demandée? par"], after=["(?:a|avait) demandé (?:l|cet)\\W*appel"])
    text = "un appel demande par Joe Biden. Joe Biden a demande l'appel."
    value = text.index("Joe Biden")
    assert rule.before_pattern.search(text, 0, value) is not None
    assert rule.before_pattern.search(text, 0, value - 6) is None
    second = text.index("Joe Biden", value + 1)
    end = second + len("Joe Biden")
    assert rule.after_pattern.search(text, end) is not None
    assert rule.after_pattern.match(text, end) is not None
    assert rule.after_pattern.search(text[end:]) is not None  # a sliced window works as well
    assert rule.after_pattern.search(text, value + len("Joe Biden")) is None


def test_exclude_pattern(tmp_path):
    path = write(tmp_path, "story.yaml", STORY.replace("    kind: count\n",
                                                       "    kind: count\n    exclude: ['ukrainiens?']\n"))
    rules = load_rules([path], cwd=tmp_path)
    assert rules.facts["troops.count"].exclude_pattern.search("soldats Ukrainiens")
    assert rules.facts["talks.date"].exclude_pattern is None


def test_catastrophic_pattern_is_refused_on_load(tmp_path):
    path = write(tmp_path, "story.yaml", STORY.replace("'pourparlers'", "'(a|aa)+$'"))
    (error,) = load_rules([path], cwd=tmp_path).errors
    assert "(a|aa)+$" in error.message and "backtracks catastrophically" in error.message and error.line > 1


def test_catastrophic_pattern_times_out_instead_of_hanging(tmp_path):
    # No probe text is a run of x: this one passes the load screening and meets its bound at run time.
    path = write(tmp_path, "story.yaml", STORY.replace("'pourparlers'", "'(x|xx)+$'"))
    rules = load_rules([path], cwd=tmp_path)
    assert rules.errors == []
    cue = rules.facts["talks.date"].cue_pattern
    started = time.perf_counter()
    with pytest.raises(RuleTimeout) as caught:
        cue.search("x" * 40 + "b")
    assert time.perf_counter() - started < 10.0  # a hang guard, not a speed test (CI machines are shared)
    message = str(caught.value)
    assert str(path) in message and "talks.date" in message and "(x|xx)+$" in message
    assert caught.value.fact == "talks.date" and caught.value.file == str(path) and caught.value.first
    started = time.perf_counter()
    with pytest.raises(RuleTimeout) as again:  # the budget is spent: off for the run, at once
        cue.finditer("x" * 40 + "b")
    assert time.perf_counter() - started < PATTERN_TIMEOUT and not again.value.first  # no second budget spent
    assert PATTERN_TIMEOUT <= 1


def test_a_polynomial_nested_repeat_loads_with_a_wide_margin_on_every_probe():
    # The verdict must not depend on the machine: (a+)+$ spends a small fraction of the probe bound.
    from factcheck.rules import _PROBE_TIMEOUT, _PROBES, _compile

    compiled = _compile("(a+)+$")
    for probe in _PROBES:
        started = time.thread_time()
        compiled.search(probe)
        assert time.thread_time() - started < _PROBE_TIMEOUT / 4, probe[:3]


def test_nested_quantifier_pattern_never_hangs(tmp_path):
    # The regex module answers (a+)+$ without backtracking; either way the call must end (the bound is a
    # hang guard far above the 0.25 s pattern budget, not a speed test: CI machines are shared).
    path = write(tmp_path, "story.yaml", STORY.replace("'pourparlers'", "'(a+)+$'"))
    cue = load_rules([path], cwd=tmp_path).facts["talks.date"].cue_pattern
    started = time.perf_counter()
    try:
        cue.search("a" * 40 + "b")
    except RuleTimeout:
        pass
    assert time.perf_counter() - started < 10.0


def test_a_pattern_call_kept_waiting_by_the_machine_is_tried_again_not_refused():
    # regex's own timeout is clock time: under load a legitimate call can run out of it while waiting for a
    # core. The bound counts the thread's CPU, so the verdict follows the pattern's work, not the load.
    calls = []

    def waited_then_answered(text, timeout):
        calls.append(text)
        if len(calls) < 3:
            time.sleep(timeout * 1.5)  # kept off the CPU past the clock bound
            raise TimeoutError
        return "match"

    assert cpu_bounded(waited_then_answered, "texte", timeout=0.02) == "match" and len(calls) == 3


def test_a_pattern_call_that_computes_past_its_bound_is_refused_at_once():
    calls = []

    def computes(text, timeout):
        calls.append(text)
        deadline = time.thread_time() + timeout * 1.2
        while time.thread_time() < deadline:  # the CPU work of a backtracking pattern
            pass
        raise TimeoutError

    with pytest.raises(TimeoutError):
        cpu_bounded(computes, "texte", timeout=0.02)
    assert len(calls) == 1


@pytest.mark.parametrize("pattern", [
    r"(x|xx)+$", r"(a+)+$", r"(?:x\w*)+y",  # a repeat of more than one character: exponential
    r"(a)\1", r"(?P<w>a)(?P=w)",  # backreferences
    r"(?:abc){e<=1}", r"a{2,5}", r"a{,9}",  # fuzzy and counted repeats
    r"\p{L}+", r"\N{BULLET}", r"\L<words>", r"\X",  # properties, names, named lists, graphemes
    r"(?i)a", r"(?x)a b", r"(?r)a", r"(?(1)a|b)", r"(?R)", r"(?|a|b)", r"(?#c)a",  # flags, control
    r"[[:alpha:]]+", r"[a-z[0-9]]", r"[\p{L}]",  # POSIX and nested sets
    "a\\", r"[a-z", r"(a", r"\9",
])
def test_a_pattern_proves_no_cost_with_syntax_its_reader_does_not_bound(pattern):
    from factcheck.rules import cheap_span, steps_bound

    assert steps_bound(pattern) is None and cheap_span(pattern)[0] < 0


def test_a_pattern_of_words_proves_a_cheap_sentence_and_repeats_shrink_the_span():
    from factcheck.rules import CHEAP_STEPS, cheap_span, steps_bound
    from factcheck.text import MAX_SENTENCE

    words = r"(?:\bappel\b)|(?:entretien)|(?:s'entretient)|(?:gr[eè]ves?)|(?P<who>CGT)"
    span, behind = cheap_span(words)
    assert span >= MAX_SENTENCE and not behind  # a whole sentence, without the clock
    steps = steps_bound(words)
    assert steps(span) <= CHEAP_STEPS < steps(span + 1)
    # Each repeat of one character can multiply the ways by the span: a cubic pattern proves only a short one.
    cubic, _ = cheap_span(r"\w*\w*\w*x")
    assert 0 < cubic < cheap_span(r"\w*x")[0] < span
    assert cheap_span(r"(?<=\bla )police")[1]  # a lookbehind reads before pos: its span counts from 0


def test_a_pattern_whose_text_proves_no_bound_on_a_long_span_is_still_stopped(tmp_path):
    # x\w*x\w*x\w*x\w*x\w*y backtracks polynomially (a fifth power) on a run of x; no probe is one, so it
    # loads. On a short span its text bounds the call, which runs without the clock; on a sentence of
    # 1 500 x the bound proves nothing and the clock stops it.
    path = write(tmp_path, "story.yaml", STORY.replace("'pourparlers'", "'x\\w*x\\w*x\\w*x\\w*x\\w*y'"))
    rules = load_rules([path], cwd=tmp_path)
    assert rules.errors == []
    cue = rules.facts["talks.date"].cue_pattern
    assert cue.search("xaxbxcxdxy").group() == "xaxbxcxdxy"
    started = time.perf_counter()
    with pytest.raises(RuleTimeout) as caught:
        cue.finditer("x" * 1500)
    assert time.perf_counter() - started < 10.0  # a hang guard, not a speed test
    assert caught.value.first and caught.value.fact == "talks.date"
    with pytest.raises(RuleTimeout) as again:  # switched off: the short call the text bounds raises too
        cue.search("xaxbxcxdxy")
    assert not again.value.first


def test_a_call_without_the_clock_answers_as_a_call_under_it():
    import regex

    from factcheck.rules import REGEX_FLAGS, SafePattern

    text = "Selon la CGT, 80 000 manifestants ont défilé ; la police en a compté 28 000 à Nantes."
    for pattern in (r"\d+(?: \d{3})*", r"(?<=la )\w+", r"\bmanifest\w*", r"\G\W*(?:la|le)\b", r"\w+$"):
        compiled = regex.compile(pattern, REGEX_FLAGS)
        cheap = SafePattern(compiled)
        clocked = SafePattern(compiled)
        clocked._read = True  # never read: every call under the clock
        for pos, endpos in ((0, None), (9, 40), (40, 9), (-20, None), (5, -3), (0, 10_000)):
            for method in ("search", "match", "fullmatch"):
                a, b = getattr(cheap, method)(text, pos, endpos), getattr(clocked, method)(text, pos, endpos)
                assert (a and (a.span(), a.group())) == (b and (b.span(), b.group())), (pattern, method, pos, endpos)
            assert [m.span() for m in cheap.finditer(text, pos, endpos)] == \
                [m.span() for m in clocked.finditer(text, pos, endpos)]


def test_facts_of_kind_and_target_kinds(tmp_path):
    rules = load_rules([write(tmp_path, "story.yaml", STORY)], cwd=tmp_path)
    assert [f.id for f in rules.facts_of_kind("date")] == ["talks.date"]
    assert rules.facts_of_kind("place") == []
    assert {c.id: c.target_kind for c in rules.checks}["DM101"] == "count"


def test_check_rule_outside_a_file():
    check = CheckRule.model_validate(
        {"id": "AB123", "fact": "x", "compare": "interval", "tolerance": "2 h", "severity": "info", "message": "m"},
        context={"fact_kinds": {"x": "duration"}})
    assert check.tolerance == Tolerance(absolute=120) and check.threshold == 88


# --------------------------------------------------------------------------
# Which files are read


def test_local_rules_folder_takes_precedence_over_shipped_rules(tmp_path):
    write(tmp_path / "rules", "story.yaml", STORY)
    rules = load_rules(cwd=tmp_path)
    assert rules.errors == []
    assert "troops.count" in rules.facts and "call.date" not in rules.facts
    assert "rules/story.yaml" in [f.replace("\\", "/") for f in rules.files]
    assert {"FC001", "FC002", "FC003"} <= {c.id for c in rules.checks}  # shipped common still read


def test_local_common_replaces_the_shipped_one(tmp_path):
    write(tmp_path / "rules", "story.yaml", STORY)
    write(tmp_path / "rules", "house.yaml", """\
        story: common
        language: any
        checks:
          - id: HS001
            fact: person
            compare: spelling
            severity: info
            message: Orthographe.
    """)
    rules = load_rules(cwd=tmp_path)
    assert rules.errors == []
    ids = {c.id for c in rules.checks}
    assert "HS001" in ids and not ids & {"FC001", "FC002", "FC003"}
    assert all("_rules" not in f and Path(f).parent.name == "rules" for f in rules.files)


def test_results_do_not_depend_on_the_order_of_paths(tmp_path):
    a = write(tmp_path, "a.yaml", STORY)
    b = write(tmp_path, "b.yaml", STORY.replace("story: demo", "story: other"))  # every id clashes
    c = write(tmp_path, "c.yaml", "story: third\nfacts:\n  z.place:\n    kind: place\n    cues: ['lieu']\n")

    def summary(paths):
        rules = load_rules(paths, cwd=tmp_path)
        return (rules.files, list(rules.facts), [x.id for x in rules.checks], [str(e) for e in rules.errors],
                [e.name for e in rules.entities])

    expected = summary([a, b, c])
    assert summary([c, b, a]) == expected == summary([b, a, c]) == summary([tmp_path])
    assert any(str(b) in error for error in expected[3])  # the later file is the one blamed
    assert str(a) in expected[0] and str(c) in expected[0]


def test_same_file_twice_is_read_once_under_one_name(tmp_path):
    path = write(tmp_path, "story.yaml", STORY)
    rules = load_rules([path, tmp_path, "story.yaml"], cwd=tmp_path)
    assert rules.errors == []
    assert [f for f in rules.files if f.endswith("story.yaml")] == ["story.yaml"]
    assert load_rules(["story.yaml", tmp_path, path], cwd=tmp_path).files == rules.files


def test_empty_folder_is_an_error(tmp_path):
    (tmp_path / "empty").mkdir()
    rules = load_rules([tmp_path / "empty"], cwd=tmp_path)
    assert [e.message for e in rules.errors] == ["no rule files (*.yaml, *.yml) in this folder"]


def test_entities_of_several_files_merge_by_name(tmp_path):
    write(tmp_path, "a.yaml", STORY)
    write(tmp_path, "b.yaml", 'story: other\nentities:\n  - name: vladimir poutine\n'
                              '    aliases: ["président russe"]\n')
    rules = load_rules([tmp_path], cwd=tmp_path)
    assert rules.errors == []
    assert [e.name for e in rules.entities] == ["Vladimir Poutine"]
    assert rules.alias_map()["president russe"] == "Vladimir Poutine"


def test_importing_rules_is_light():
    code = ("import sys, factcheck.rules as r; "
            "assert 'pandas' not in sys.modules; "
            "assert r.FactRule.model_fields")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)


# --------------------------------------------------------------------------
# Two stories, one fact id: each story's facts bind in its own articles, each story's checks read its own rows

def _call_story(story: str, day: str, word: str, rule_id: str) -> str:
    return f"""\
        story: {story}
        event:
          date: {day}
          window: [-1, 2]
          words: ['{word}']
          min_words: 1
        facts:
          call.duration:
            kind: duration
            cues: ['entretien', 'a dure']
        checks:
          - id: {rule_id}
            fact: call.duration
            compare: interval
            tolerance: 0 min
            severity: error
            message: Les sources ne donnent pas la même durée.
        """


def _call_article(folder: Path, name: str, day: str, text: str) -> None:
    (folder / name).write_text(f"---\nsource: {name}\ndate: {day}\n---\n{text}\n", encoding="utf-8")


def test_two_stories_with_events_may_name_a_fact_alike_and_are_compared_apart(tmp_path):
    from factcheck.pipeline import compare

    rules = tmp_path / "rules"
    write(rules, "video.yaml", _call_story("video-call", "2021-12-07", "visioconference", "VC101"))
    write(rules, "phone.yaml", _call_story("phone-call", "2021-12-30", "telephon", "PC101"))
    loaded = load_rules([rules], cwd=tmp_path)
    assert loaded.errors == []
    corpus = tmp_path / "articles"
    corpus.mkdir()
    _call_article(corpus, "v1.txt", "2021-12-07", "La visioconférence a eu lieu mardi. L'entretien a duré deux heures.")
    _call_article(corpus, "v2.txt", "2021-12-08", "Visioconférence Biden-Poutine : l'entretien a duré deux heures.")
    _call_article(corpus, "p1.txt", "2021-12-30", "Un appel téléphonique jeudi. L'entretien a duré 50 minutes.")
    _call_article(corpus, "p2.txt", "2021-12-31", "Échange téléphonique : l'entretien a duré 50 minutes.")
    result = compare([corpus], rules=[rules])
    rows = result.extraction.table
    bound = rows[rows["fact"] == "call.duration"]
    assert sorted(zip(bound["article"], bound["story"], bound["low"])) == [
        ("p1", "phone-call", 50), ("p2", "phone-call", 50), ("v1", "video-call", 120), ("v2", "video-call", 120)]
    verdicts = {(f.rule, f.status, f.articles) for f in result.findings if f.fact == "call.duration"}
    # two hours and fifty minutes are two calls, not a conflict
    assert verdicts == {("VC101", "agree", ("v1", "v2")), ("PC101", "agree", ("p1", "p2"))}



def test_a_pattern_written_in_several_places_is_probed_once_and_refused_at_each(tmp_path, monkeypatch):
    # Rule files repeat cues ('\bappel\b' in five facts): the load-time probe runs once per distinct
    # pattern, and a refused pattern is still named at every line that writes it.
    from factcheck import rules as rules_module

    probed: list[str] = []
    real_screen = rules_module._screen
    monkeypatch.setattr(rules_module, "_screen", lambda compiled, pattern: (probed.append(pattern),
                                                                            real_screen(compiled, pattern)))
    rules_module._screened.cache_clear()
    story = STORY.replace("cues: ['négociations?', 'pourparlers']", "cues: ['négociations?', 'pourparlers']\n"
                          "    context: ['pourparlers', 'négociations?']")
    first = write(tmp_path, "one.yaml", story)
    second = write(tmp_path, "two.yaml", story.replace("story: demo", "story: other")
                   .replace("troops.count", "troops.total").replace("talks.date", "talks.day")
                   .replace("DM10", "DN10"))
    loaded = load_rules([first, second], cwd=tmp_path)
    assert not loaded.errors and {"talks.date", "talks.day"} <= set(loaded.facts)
    assert len(probed) == len(set(probed))  # the shipped common rules are loaded too, each pattern once
    assert {"soldats?", "militaires", "négociations?", "pourparlers"} <= set(probed)
    assert load_rules([first], cwd=tmp_path).facts["talks.date"].cue_pattern.search("les pourparlers")

    slow = "'(a|a)+b'"
    refused = [write(tmp_path / "bad", f"{n}.yaml", STORY.replace("story: demo", f"story: {n}")
                     .replace("'pourparlers'", slow)) for n in ("b1", "b2")]
    for path in refused:  # each file is refused on its own, at the pattern's line, every time it is loaded
        for _ in range(2):
            errors = load_rules([path], cwd=tmp_path).errors
            assert [(e.file, e.line) for e in errors] == [(str(path), 17)], errors
            assert "backtracks catastrophically" in errors[0].message
    assert probed.count("(a|a)+b") == 4
