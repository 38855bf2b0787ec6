"""The shipped rules on the development stories of ../shared/corpora, scored by ../shared/eval/score.py.

Each story's French articles go through extract and compare with the shipped
rules (scripts/score_stories.py), and the scorer's figures are held to the
floors below.  The issue's targets are recall 0.95, person precision 0.95,
claimant right 0.9, every expected finding, no unexpected conflict; a floor
under a target is what the engine reaches today, raised as it lands (the
closing note, notes/issue-9-stories.md, says which targets are not reached).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
_SPEC = importlib.util.spec_from_file_location("score_stories", REPO / "scripts" / "score_stories.py")
score_stories = importlib.util.module_from_spec(_SPEC)
sys.modules[_SPEC.name] = score_stories  # dataclasses look their module up there
_SPEC.loader.exec_module(score_stories)

STORIES = {
    "biden-putin-video-call-2021-12-07": "A",
    "retraites-manifestation-2023-01-31": "B",
    "seisme-turquie-syrie-2023-02": "C",
}
# The shipped rule file of each story.
RULE_FILES = {
    "A": "biden-putin-video-call-2021.yaml",
    "B": "retraites-2023-01-31.yaml",
    "C": "seisme-turquie-syrie-2023.yaml",
}

# Floors per story: recall, person precision, claimant right (ratios), findings held (count),
# unexpected conflicts (most allowed).
FLOORS = {
    # Issue targets: recall 0.95, person precision 0.95, claimant right 0.9, every finding, no unexpected
    # conflict.  Reached: person precision everywhere, claimants on B.  What holds the rest back is in
    # notes/issue-9-stories.md (grammar hedges and zones, places, coordinated keys, pronoun claimants).
    # A: score.py checks the claimant of the first row that matches a gold figure; "vers 18 heures" (Kremlin)
    # is matched by the unattributed "10 heures à Washington" of the sentence before (the same 15:00 UTC).
    "A": dict(recall=0.96, people=0.97, claimants=0.9, findings=13, unexpected=0),
    "B": dict(recall=1.0, people=0.95, claimants=1.0, findings=27, unexpected=0),
    "C": dict(recall=0.98, people=0.95, claimants=0.95, findings=12, unexpected=0),
}

pytestmark = pytest.mark.skipif(
    not score_stories.SCORER.is_file() or not score_stories.stories(),
    reason=f"the development stories and their scorer are not beside the repository ({score_stories.SHARED})",
)


@pytest.fixture(scope="module")
def scores():
    return {folder.name: score_stories.score_story(folder) for folder in score_stories.stories()}


@pytest.mark.parametrize("story", sorted(STORIES))
def test_story_figures_reach_their_floors(scores, story):
    score = scores[story]
    floor = FLOORS[STORIES[story]]
    assert score.ratio(score.recall) >= floor["recall"], score.summary()
    assert score.ratio(score.people) >= floor["people"], score.summary()
    if score.claimants[1]:
        assert score.ratio(score.claimants) >= floor["claimants"], score.summary()
    assert score.findings[0] >= floor["findings"], score.summary()
    assert len(score.unexpected) <= floor["unexpected"], score.unexpected


@pytest.mark.parametrize("letter", sorted(RULE_FILES))
def test_the_story_file_declares_every_fact_its_gold_names(letter):
    """The scorer matches rows by fact id: a fact the gold names and the file does not declare is a sure miss."""
    import yaml

    from factcheck.rules import load_rules

    story = next(name for name, code in STORIES.items() if code == letter)
    gold = yaml.safe_load((score_stories.CORPORA / story / "gold.yaml").read_text(encoding="utf-8"))
    rules = load_rules([str(REPO / "rules" / RULE_FILES[letter])])
    assert rules.errors == []
    named = {g["fact"] for g in gold["facts"]} | {g["fact"] for g in gold["findings"]}
    assert named - set(rules.facts) == set()
    # every check speaks French to the editor and says which fact it is about
    for check in (c for c in rules.checks if Path(c.file).name == RULE_FILES[letter]):
        assert check.fact in rules.facts and check.message.startswith("Les sources"), check.id


def test_every_development_story_has_floors(scores):
    assert set(scores) == set(STORIES)


def test_the_script_prints_a_figures_line_a_story(capsys):
    assert score_stories.main([]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":", 1)[0] for line in lines] == sorted(STORIES)
    assert all("recall" in line and "person precision" in line and "claimant right" in line
               and "findings held" in line and "conflicts" in line for line in lines)


def test_the_script_says_skipped_without_the_stories(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(score_stories, "SCORER", tmp_path / "eval" / "score.py")
    assert score_stories.main([]) == 0
    assert capsys.readouterr().out.startswith("skipped:")
