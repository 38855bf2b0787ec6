"""Binding a figure's dimensions: key, claimant, as-of time, occasion (event) and story, on sentences of
our own written the way French desks write them, with the forms that must NOT bind next to each form."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from factcheck.facts import extract_mentions
from factcheck.model import Article, ArticleMeta
from factcheck.pipeline import compare
from factcheck.rules import load_rules

RULES = """\
story: greve-demo
language: fr
event:
  name: Journée de grève du 7 mars 2023
  date: 2023-03-07
  window: [-1, 2]
  words: ['gr[eè]ve', 'manifest\\w+', 'cortèges?']
other_events:
  - id: first_day
    name: Première journée (19 janvier)
    date: 2023-01-19
    cues: ['premi[eè]re journ[ée]e', '19 janvier']
claimants:
  CGT: ['\\bCGT\\b', 'Martinez']
  FO: ['Force ouvri[eè]re', '\\bFO\\b']
keys:
  secteurs:
    primaire: ['primaire', '[ée]coles']
    secondaire: ['secondaire', 'coll[eè]ges']
facts:
  turnout:
    kind: count
    nouns: ['manifestants?', 'personnes']
    by: place
    default_key: France
    key_aliases: {France: ['en France', 'dans tout le pays']}
  first_day.turnout:
    kind: count
    nouns: ['manifestants?', 'personnes']
    event: first_day
    by: place
    default_key: France
  strike.rate:
    kind: count
    cues: ['gr[eè]vistes', 'en gr[eè]ve']
    by: secteurs
  arrests:
    kind: count
    nouns: ['interpellations?']
    evolves: grows
checks:
  - id: GD101
    fact: turnout
    compare: interval
    tolerance: 2%
    severity: error
    message: Les sources ne donnent pas le même nombre de manifestants.
"""
COMMON_CLAIMANTS = {"autorités": ["police", "préfecture", "ministère de l'Intérieur"], "syndicats": ["syndicats", "intersyndicale"]}


@pytest.fixture(scope="module")
def ruleset(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rules")
    (folder / "greve.yaml").write_text(RULES, encoding="utf-8")
    rules = load_rules([folder])
    assert rules.errors == [], rules.errors
    return rules


def rows(ruleset, text: str, *, published: str = "2023-03-07T20:00:00+01:00", fact: str | None = None) -> list:
    article = Article("a", "a.txt", textwrap.dedent(text).strip() + "\n",
                      ArticleMeta(date=published[:10], published=published))
    found = [m for m in extract_mentions([article], ruleset) if m.fact and m.fact != "person"]
    return [m for m in found if fact is None or m.fact == fact]


def keyed(ruleset, text: str, fact: str = "turnout") -> list[tuple]:
    return [(m.low, m.fact_key) for m in rows(ruleset, text, fact=fact)]


def claimed(ruleset, text: str, fact: str = "turnout") -> list[tuple]:
    return [(m.low, m.claimant) for m in rows(ruleset, text, fact=fact)]


# ---------------------------------------------------------------------------- keys


def test_key_after_each_figure(ruleset):
    assert keyed(ruleset, "La grève a mobilisé 12 000 personnes à Rennes, 9 000 à Brest.") == [
        (12000, "Rennes"), (9000, "Brest")]


def test_key_before_a_parenthesis_holding_the_figure(ruleset):
    text = "Les cortèges ont réuni des milliers de manifestants : Rennes (12 000 manifestants), Brest (9.000)."
    assert keyed(ruleset, text)[-2:] == [(12000, "Rennes"), (9000, "Brest")]


def test_list_items_with_a_key_and_two_claimants(ruleset):
    text = """\
    Les chiffres des manifestants de mardi :
    - Marseille : 205 000 manifestants (CGT) / 40 000 (police)
    - Toulouse : 80 000 manifestants (syndicats) / 34 000 (police)
    """
    found = rows(ruleset, text)
    assert [(m.low, m.fact_key, m.claimant) for m in found] == [
        (205000, "Marseille", "CGT"), (40000, "Marseille", "autorités"),
        (80000, "Toulouse", "syndicats"), (34000, "Toulouse", "autorités")]


def test_one_figure_two_keys_makes_two_rows(ruleset):
    assert keyed(ruleset, "Quelque 8 000 manifestants ont défilé à Tours et à Orléans.") == [
        (7600, "Tours"), (7600, "Orléans")]


def test_a_paragraph_opening_key_covers_its_next_sentences(ruleset):
    text = "À Nantes, le cortège s'est étiré sur deux kilomètres. La police a compté 28 000 manifestants."
    assert keyed(ruleset, text) == [(28000, "Nantes")]


def test_key_lists_and_aliases(ruleset):
    text = "Jour de grève : le ministère recense 26,65 % de grévistes dans le primaire et 25,22 % dans le secondaire."
    assert keyed(ruleset, text, "strike.rate") == [(26.65, "primaire"), (25.22, "secondaire")]
    assert keyed(ruleset, "Mardi, 1 272 000 personnes ont manifesté dans tout le pays.") == [(1272000, "France")]


def test_keys_that_must_not_bind(ruleset):
    # A city named in another sentence of another paragraph, or as a subject, keys nothing: the default key.
    text = "Brest était calme.\n\nLa police a compté 9 000 manifestants mardi."
    assert keyed(ruleset, text) == [(9000, "France")]
    # "Rennes (12 000), Brest (9 000)": the first figure is not Brest's.
    text = "Les cortèges ont réuni 12 000 manifestants (Rennes), puis Brest (9 000 personnes)."
    assert keyed(ruleset, text)[0] == (12000, "France")


# ---------------------------------------------------------------------------- claimants


@pytest.mark.parametrize("sentence, expected", [
    ("Selon la préfecture, 34 000 personnes ont manifesté.", "autorités"),
    ("D'après la CGT, 80 000 personnes ont manifesté.", "CGT"),
    ("Pour la CGT, 80 000 manifestants ont défilé.", "CGT"),
    ("La CGT revendique 80 000 manifestants.", "CGT"),
    ("La préfecture a compté 34 000 manifestants.", "autorités"),
    ("Les syndicats en revendiquent 80 000 manifestants.", "syndicats"),
    ("Force ouvrière avance 25 000 manifestants.", "FO"),
    ("La police recense 34 000 manifestants.", "autorités"),
    ("On comptait 34 000 manifestants, selon le ministère de l'Intérieur.", "autorités"),
    ("On comptait 80 000 manifestants (CGT).", "CGT"),
    ("La mobilisation a réuni 34 000 manifestants selon la police.", "autorités"),
])
def test_each_claimant_form(ruleset, sentence, expected):
    assert claimed(ruleset, sentence) == [(claimed(ruleset, sentence)[0][0], expected)]


@pytest.mark.parametrize("sentence", [
    "Pour le moment, 34 000 manifestants ont défilé.",  # "pour" + no claimant
    "La ville compte 34 000 manifestants.",  # a claim verb whose subject is no claimant
    "Le cortège est parti de la préfecture avec 34 000 manifestants.",  # the préfecture is a place here
])
def test_claimant_forms_that_must_not_bind(ruleset, sentence):
    assert [c for _, c in claimed(ruleset, sentence)] == [None]


def test_a_parenthesis_keeps_its_own_claimant(ruleset):
    text = "Ils étaient 300 000 manifestants à Paris (60 000 manifestants selon la préfecture)."
    assert [(m.low, m.fact_key, m.claimant) for m in rows(ruleset, text)] == [
        (300000, "Paris", None), (60000, "Paris", "autorités")]


def test_two_claimants_in_one_sentence_and_the_comparison_keeps_the_first(ruleset):
    text = "À Lyon, 25 000 manifestants selon la police, contre 23 000 lors de la précédente journée, et 45 000 selon la CGT."
    assert [(m.low, m.fact_key, m.claimant) for m in rows(ruleset, text)] == [
        (25000, "Lyon", "autorités"), (45000, "Lyon", "CGT")]  # 23 000 is of another occasion


def test_a_lead_in_covers_the_list_after_it(ruleset):
    text = """\
    Dans les régions, d'après les autorités :
    - Lyon : 25 000 manifestants ;
    - Nantes : 28 000 manifestants.

    À Lille, 15 000 manifestants ont défilé.
    """
    assert [(m.fact_key, m.claimant) for m in rows(ruleset, text)] == [
        ("Lyon", "autorités"), ("Nantes", "autorités"), ("Lille", None)]


def test_a_pronoun_claimant_is_the_one_named_before(ruleset):
    text = "La CGT revendique 80 000 manifestants à Paris. Selon elle, 45 000 manifestants ont défilé à Lyon."
    assert claimed(ruleset, text) == [(80000, "CGT"), (45000, "CGT")]


# ---------------------------------------------------------------------------- as-of times


def test_live_blog_stamps_and_stated_times(ruleset):
    text = """\
    14h50 - À Toulouse, la préfecture a compté 34 000 manifestants.

    14h00 - À 13 heures, la CGT revendiquait 205 000 manifestants à Marseille.

    Vers 18 h 30, la police faisait état de 1 212 000 manifestants en France.
    """
    found = rows(ruleset, text)
    assert [(m.low, m.as_of, m.as_of_source) for m in found] == [
        (34000, "2023-03-07T14:50:00+01:00", "text"),
        (205000, "2023-03-07T13:00:00+01:00", "text"),
        (1212000, "2023-03-07T18:30:00+01:00", "text"),
    ]


def test_running_figures_hold_at_publication_and_plain_ones_have_no_time(ruleset):
    found = rows(ruleset, "Pour le moment, 34 000 manifestants ont défilé. Au total, 50 000 manifestants ont défilé.")
    assert [(m.low, m.as_of, m.as_of_source) for m in found] == [
        (34000, "2023-03-07T20:00:00+01:00", "publication"), (50000, None, None)]
    # A figure that grows (evolves: grows) always holds at a time: publication when the text says none.
    (arrests,) = rows(ruleset, "En marge des manifestations, la police a procédé à 23 interpellations.", fact="arrests")
    assert (arrests.as_of, arrests.as_of_source) == ("2023-03-07T20:00:00+01:00", "publication")


def test_a_time_after_the_figure_does_not_date_it(ruleset):
    (m,) = rows(ruleset, "Quelque 20 000 manifestants ont défilé jusqu'à 17 heures.")
    assert m.as_of is None


# ---------------------------------------------------------------------------- events


@pytest.mark.parametrize("sentence", [
    "Le 19 janvier, 1,12 million de manifestants avaient défilé.",
    "Lors de la première journée, 1,12 million de manifestants avaient défilé.",
])
def test_a_declared_other_event_binds_its_own_facts(ruleset, sentence):
    assert [(m.fact, m.event) for m in rows(ruleset, sentence)] == [("first_day.turnout", "first_day")]


@pytest.mark.parametrize("sentence", [
    "Il y a trois ans, 1,5 million de manifestants avaient défilé.",
    "En 2019, 1,5 million de manifestants avaient défilé.",
    "L'an dernier, 1,5 million de manifestants avaient défilé.",
    "Lors de la précédente journée, 1,5 million de manifestants avaient défilé.",
])
def test_another_occasion_moves_a_figure_out(ruleset, sentence):
    assert rows(ruleset, sentence) == []


def test_occasions_that_must_not_move_a_figure(ruleset):
    # The compared occasion is not the figure's own; a date in a relative clause of its own neither.
    text = "Ils étaient 1 272 000 manifestants, plus nombreux que le 19 janvier."
    assert [(m.fact, m.event) for m in rows(ruleset, text)] == [("turnout", "")]
    text = "Quelque 30 000 manifestants ont défilé à Rennes, où la police avait chargé en 2016."
    assert [(m.fact, m.event) for m in rows(ruleset, text)] == [("turnout", "")]
    # "contre X le 19 janvier": only the compared figure moves.
    text = "La CGT revendique 205 000 manifestants à Marseille, contre 145 000 le 19 janvier."
    assert [(m.low, m.fact, m.fact_key, m.claimant) for m in rows(ruleset, text)] == [
        (205000, "turnout", "Marseille", "CGT"), (145000, "first_day.turnout", "Marseille", "CGT")]


def test_a_previous_call_date_is_another_event():
    rules = load_rules([Path(__file__).resolve().parent.parent / "rules"])
    text = ("Joe Biden et Vladimir Poutine se sont entretenus au téléphone jeudi 30 décembre. "
            "Lors de leur précédent entretien, le 7 décembre, l'appel avait duré deux heures.")
    article = Article("a", "a.txt", text, ArticleMeta(date="2021-12-31"))
    dates = [(m.low, m.event, m.fact) for m in extract_mentions([article], rules) if m.kind == "date"]
    assert ("2021-12-30", "", "call.date") in dates
    assert all(fact is None for low, _, fact in dates if low == "2021-12-07")


# ---------------------------------------------------------------------------- story selection


OTHER = """\
story: seisme-demo
language: fr
event:
  date: 2023-02-06
  window: [-1, 10]
  words: ['s[ée]isme', 'magnitude', 'secousse']
facts:
  toll:
    kind: count
    nouns: ['morts']
"""


def test_each_article_binds_the_facts_of_its_own_story_and_the_others_are_named(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "greve.yaml").write_text(RULES, encoding="utf-8")
    (rules / "seisme.yaml").write_text(OTHER, encoding="utf-8")
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text("---\ndate: 2023-03-07\n---\nGrève : 34 000 manifestants ont défilé, "
                                    "et 12 morts de la grève de 1995 ont été rappelés.\n", encoding="utf-8")
    (articles / "b.txt").write_text("---\ndate: 2023-02-07\n---\nSéisme de magnitude 7,8 : 1 200 morts et "
                                    "300 manifestants devant l'ambassade.\n", encoding="utf-8")
    (articles / "c.txt").write_text("---\ndate: 2023-05-01\n---\nLe jardin botanique rouvre ses serres.\n",
                                    encoding="utf-8")
    (articles / "d.txt").write_text("---\ndate: 2024-03-07\n---\nGrève et manifestation : 5 000 manifestants.\n",
                                    encoding="utf-8")
    result = compare([articles], rules=[rules])
    bound = {(r.article, r.fact, r.story) for r in result.comparison.table if r.fact}
    assert ("a", "turnout", "greve-demo") in bound and ("b", "toll", "seisme-demo") in bound
    assert not any(a == "a" and f == "toll" for a, f, _ in bound)
    assert not any(a == "b" and f == "turnout" for a, f, _ in bound)
    # c fits no story's words, d is a year off its story's window: named, binding nothing.
    assert [u["id"] for u in result.comparison.unmatched] == ["c", "d"]
    assert not any(a in ("c", "d") for a, _, _ in bound)


# ---------------------------------------------------------------------------- one grouping an article


def test_an_article_is_grouped_into_sentences_once(ruleset, monkeypatch):
    # Every stage (zones, elided nouns, events, keys, claimants, as-of) reads the same sentence groups.
    from factcheck import binding, facts

    grouped: list[int] = []
    real = binding._sentences

    def counting(mentions):
        grouped.append(len(mentions))
        return real(mentions)

    monkeypatch.setattr(binding, "_sentences", counting)
    monkeypatch.setattr(facts, "_sentences", counting)
    text = """\
    À Nantes, le cortège s'est étiré sur deux kilomètres. La police a compté 28 000 manifestants.
    La CGT en revendique 80 000, contre 65 000 lors de la première journée.
    """
    assert claimed(ruleset, text) == [(28000, "autorités"), (80000, "CGT")]
    assert len(grouped) == 1


def test_claimant_classes_are_read_once_a_run_but_a_switched_off_form_still_raises(ruleset):
    # The memo of raw words -> class is kept for a whole run (every article names "la CGT" again); a
    # form that ran out of time must not answer from it: the article then binds nothing, as before.
    from factcheck.binding import StoryRun
    from factcheck.rules import RuleTimeout

    run = StoryRun.of(ruleset.stories["greve-demo"], ruleset)
    assert run.classes.canonical("la CGT") == "CGT" and "la CGT" in run.classes.known
    assert run.classes.canonical("la CGT") == "CGT"
    form = next(pattern for name, pattern, _ in run.classes.forms if name == "CGT")
    try:
        form.disabled = form.budget_message()
        with pytest.raises(RuleTimeout):
            run.classes.canonical("la CGT")
    finally:
        form.disabled = None
    assert run.classes.canonical("la CGT") == "CGT"
