"""The fact model of issue 9: new columns, rule keys (events, claimants, keys, evolving facts) with located
errors, publication date-times, and the two new value kinds (percentages with their population, magnitudes)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from factcheck.articles import load_corpus
from factcheck.grammar import Extractor
from factcheck.model import TABLE_COLUMNS, Article, ArticleMeta, Finding
from factcheck.rules import load_rules

STORY = """\
story: strike-demo
language: fr
event:
  name: Journée de grève
  date: 2023-03-07
  window: [-1, 2]
  words: ['gr[eè]ve', 'manifest\\w+']
other_events:
  - id: first_day
    name: Première journée
    date: 2023-01-19
    cues: ['19 janvier', 'premi[eè]re journ[eé]e']
claimants:
  CGT: ['\\bCGT\\b']
keys:
  sectors:
    SNCF: ['\\bSNCF\\b', 'cheminots']
facts:
  protest.turnout:
    kind: count
    nouns: ['manifestants?']
    by: place
    default_key: France
    key_aliases: {France: ['en France']}
  strike.rate:
    kind: count
    cues: ['gr[eè]vistes']
    by: sectors
  first_day.turnout:
    kind: count
    nouns: ['manifestants?']
    event: first_day
  toll:
    kind: count
    nouns: ['morts']
    evolves: grows
    same_time: 30 min
  quake.magnitude:
    kind: magnitude
    cues: ['magnitude']
checks:
  - id: SD101
    fact: quake.magnitude
    compare: interval
    tolerance: 0.05
    severity: error
    message: Magnitudes différentes.
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def errors(tmp_path: Path, text: str) -> list[str]:
    write(tmp_path / "rules", "story.yaml", text)
    return [str(e) for e in load_rules([tmp_path / "rules"]).errors]


def test_new_columns_are_in_the_table_and_the_findings():
    for column in ("fact_key", "claimant", "as_of", "as_of_source", "event", "story"):
        assert column in TABLE_COLUMNS
    finding = Finding("X", "f", "agree", "info", "m", (), fact_key="Lyon", claimant="police")
    assert (finding.fact_key, finding.claimant) == ("Lyon", "police")


def test_a_story_with_every_new_key_loads(tmp_path):
    write(tmp_path / "rules", "story.yaml", STORY)
    rules = load_rules([tmp_path / "rules"])
    assert rules.errors == []
    story = rules.stories["strike-demo"]
    assert story.event.date == "2023-03-07" and story.event.window == (-1, 2)
    assert [e.id for e in story.other_events] == ["first_day"]
    assert [c[0] for c in story.claimants] == ["CGT"]
    assert [k[0] for k in story.keys["sectors"]] == ["SNCF", "SNCF"]
    turnout = rules.facts["protest.turnout"]
    assert (turnout.by, turnout.default_key, turnout.story) == ("place", "France", "strike-demo")
    assert rules.facts["toll"].evolves == "grows" and rules.facts["toll"].same_time == 30
    assert rules.facts["first_day.turnout"].event == "first_day"


@pytest.mark.parametrize("old, new, message", [
    ("    by: sectors\n", "    by: sector\n",
     "by 'sector' is neither place, person, organisation nor a list declared under 'keys:' (did you mean 'sectors'?)"),
    ("    event: first_day\n", "    event: first-day\n", "event 'first-day' is not declared under 'other_events:'"),
    ("    same_time: 30 min\n", "    same_time: bientôt\n", "same_time 'bientôt' is not a number or a quantity"),
    ("    evolves: grows\n", "    evolves: grow\n", "invalid evolves 'grow' (did you mean 'grows'?); valid values: none, grows, revised"),
    ("  date: 2023-03-07\n", "  date: 2023-03-32\n", "not a real date"),
    ("  window: [-1, 2]\n", "  window: [3, 2]\n", "window [3, 2]: the first day is after the last"),
    ("  CGT: ['\\bCGT\\b']\n", "  CGT: []\n", "claimants.CGT: no forms"),
    ("  - id: first_day\n", "  - id: other\n", "other event id 'other' must be"),
])
def test_each_new_key_has_a_located_error(tmp_path, old, new, message):
    assert old in STORY, old
    found = errors(tmp_path, STORY.replace(old, new))
    hit = [e for e in found if message in e]
    assert len(hit) == 1, found
    line = STORY.replace(old, new).splitlines().index(new.rstrip("\n")) + 1
    assert f"story.yaml:{line}:" in hit[0]


def test_key_options_need_a_key_and_same_time_needs_an_evolving_fact(tmp_path):
    text = STORY.replace("    by: sectors\n", "    default_key: France\n")
    assert any("default_key and key_aliases apply only to keyed facts" in e for e in errors(tmp_path, text))
    text = STORY.replace("    evolves: grows\n", "")
    assert any("same_time applies only to facts that evolve" in e for e in errors(tmp_path, text))


def test_two_files_of_one_story_are_an_error_naming_both(tmp_path):
    write(tmp_path / "rules", "a.yaml", STORY)
    write(tmp_path / "rules", "b.yaml", "story: strike-demo\nfacts: {}\n")
    found = [str(e) for e in load_rules([tmp_path / "rules"]).errors]
    assert len(found) == 1 and "b.yaml:1:" in found[0] and "already declared in" in found[0] and "a.yaml" in found[0]


def test_front_matter_date_time_gives_the_day_and_the_publication_time(tmp_path):
    path = write(tmp_path, "a.txt", "---\ndate: 2023-02-06T07:45:00+01:00\n---\nTitre\n\nTexte.\n")
    article = load_corpus([path]).articles[0]
    assert (article.meta.date, article.meta.published) == ("2023-02-06", "2023-02-06T07:45:00+01:00")
    bad = write(tmp_path, "b.txt", "---\ndate: 2023-02-30T07:45:00+01:00\n---\nTitre\n\nTexte.\n")
    corpus = load_corpus([bad])
    assert corpus.articles[0].meta.date is None and "not a real date-time" in corpus.inputs[0].reason


def _values(sentence: str) -> list[tuple]:
    article = Article("a", "a", sentence, ArticleMeta(date="2023-02-06"))
    return [(m.kind, m.low, m.unit, m.noun) for m in Extractor("fr").extract(article) if m.kind in ("count", "magnitude")]


@pytest.mark.parametrize("sentence, expected", [
    ("Selon la DGAFP, 29,5 % des agents étaient en grève.", ("count", 29.5, "%", "agents")),
    ("Le SNUipp-FSU table sur 50 % d'enseignants grévistes.", ("count", 50, "%", "enseignants")),
    ("Le ministère compte 26,65 % dans le primaire.", ("count", 26.65, "%", None)),
    ("Un séisme de magnitude 7,8 a frappé le sud du pays.", ("magnitude", 7.8, None, None)),
    ("Une secousse de magnitude 7,7 selon l'AFAD.", ("magnitude", 7.7, None, None)),
    ("Un séisme d'une magnitude de 6,4 a touché la région.", ("magnitude", 6.4, None, None)),
    ("La secousse a atteint 7,5 sur l'échelle de Richter.", ("magnitude", 7.5, None, None)),
    ("Un tremblement de terre de 7,8 de magnitude.", ("magnitude", 7.8, None, None)),
])
def test_percentages_and_magnitudes(sentence, expected):
    assert expected in _values(sentence)


@pytest.mark.parametrize("sentence", [
    "Une magnitude importante : 300 morts ont été recensés.",  # the number is not the magnitude's
    "Le bâtiment mesure 7,8 mètres de haut.",
    "Le séisme a fait 7 800 morts.",
])
def test_numbers_that_are_no_magnitude(sentence):
    assert all(kind != "magnitude" for kind, *_ in _values(sentence))


def test_a_fact_claimant_names_one_class(tmp_path):
    with_claimant = STORY.replace("    nouns: ['morts']\n", "    nouns: ['morts']\n    claimant: autorités\n")
    write(tmp_path / "rules", "story.yaml", with_claimant)
    assert load_rules([tmp_path / "rules"]).facts["toll"].claimant == "autorités"
    for bad in ("['autorités', 'CGT']", "''"):
        text = STORY.replace("    nouns: ['morts']\n", f"    nouns: ['morts']\n    claimant: {bad}\n")
        hit = [e for e in errors(tmp_path, text) if "claimant must be the name of a claimant class" in e]
        line = text.splitlines().index(f"    claimant: {bad}") + 1
        assert len(hit) == 1 and f"story.yaml:{line}:" in hit[0], hit
