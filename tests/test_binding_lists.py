"""Figures as protest and strike coverage lists them: sub-figures (`dont`), figures of another occasion
(`contre ... le 19 janvier`, pluperfect recalls), items of a list after a colon, a key stood for by `y`.
Sentences of our own, each form beside the forms that must NOT bind.  The facts here bind through
cues (the words around a figure), the way docs/rules.md writes a turnout fact for city tables."""

from __future__ import annotations

import textwrap

import pytest

from factcheck.facts import extract_mentions
from factcheck.model import Article, ArticleMeta
from factcheck.rules import load_rules

RULES = """\
story: greve-listes
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
    cues: ['premi[eè]re journ[ée]e', '19 janvier', 'le 19\\b']
claimants:
  CGT: ['\\bCGT\\b']
  ministère de l'Éducation: ['education', 'ministere']
  ministère de la Fonction publique: ['fonction publique']
facts:
  strike.rate:
    kind: count
    cues: ['gr[eè]vistes']
  turnout:
    kind: count
    cues: ['manifest\\w*', 'personnes', 'pr[ée]fectures?', 'police', 'cort[eè]ges?']
    scope: clause
    bounds: [1000, 100000000]
    by: place
    default_key: France
    key_aliases: {France: ['en France'], Paris: ['capitale'], Rouen: ['Rouen'], Montpellier: ['Montpellier']}
  first_day.turnout:
    kind: count
    cues: ['manifest\\w*', 'personnes', 'pr[ée]fectures?', 'police']
    scope: clause
    bounds: [1000, 100000000]
    event: first_day
    by: place
    default_key: France
    key_aliases: {Paris: ['capitale'], Rouen: ['Rouen']}
  police.deployed:
    kind: count
    nouns: ['policiers']
    claimant: autorités
  strike.day:
    kind: date
    cues: ['gr[eè]ve', 'manifest\\w*']
  march.start:
    kind: place
    cues: ['partir', 'partie?', 'depart']
    before: ["\\\\b(?:de|du|depuis)(?: la| l')?"]
    by: place
    key_aliases: {Paris: ['cortege parisien']}
"""


@pytest.fixture(scope="module")
def ruleset(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rules")
    (folder / "greve.yaml").write_text(RULES, encoding="utf-8")
    rules = load_rules([folder])
    assert rules.errors == [], rules.errors
    return rules


def rows(ruleset, text: str, kind: str = "count") -> list[tuple]:
    """(value, fact, key, claimant) of every mention of a kind bound to a fact."""
    article = Article("a", "a.txt", textwrap.dedent(text).strip() + "\n",
                      ArticleMeta(date="2023-03-07", published="2023-03-07T20:00:00+01:00"))
    return [(m.low, m.fact, m.fact_key, m.claimant) for m in extract_mentions([article], ruleset)
            if m.fact and m.kind == kind]


# ---------------------------------------------------------------------------- a counted noun left out


@pytest.mark.parametrize("text, expected", [
    ("La CGT revendique 205 000 manifestants à Marseille, contre 145 000 le 19 janvier.",
     [(205000, "turnout", "Marseille", "CGT"), (145000, "first_day.turnout", "Marseille", "CGT")]),
    ("La police a compté 28 000 manifestants à Nantes, contre 25 000 lors de la première journée.",
     [(28000, "turnout", "Nantes", "autorités"), (25000, "first_day.turnout", "Nantes", "autorités")]),
    # "en" stands for the marchers: the elided noun is the cue.
    ("La CGT, qui avait revendiqué 2 millions de manifestants lors de la première journée, en a compté 2,8 millions.",
     [(2000000, "first_day.turnout", "France", "CGT"), (2800000, "turnout", "France", "CGT")]),
])
def test_a_figure_whose_noun_is_left_out_counts_the_same(ruleset, text, expected):
    assert rows(ruleset, text) == expected


@pytest.mark.parametrize("text", [
    # A figure with a noun of its own counts that noun.
    "La CGT revendique 205 000 manifestants à Marseille, contre 145 000 euros de dons le 19 janvier.",
    # A difference counts nothing of its own.
    "La CGT revendique 205 000 manifestants à Marseille, 10 000 de plus que le 19 janvier.",
    # Without "en", the next sentence's bare figure counts nothing named.
    "La CGT revendique 205 000 manifestants à Marseille. Le 19 janvier, elle a versé 145 000 aux grévistes.",
])
def test_a_figure_left_out_that_must_not_bind(ruleset, text):
    assert [r[0] for r in rows(ruleset, text)] == [205000]


def test_a_number_inside_an_occasion_cue_is_its_day_not_a_figure(ruleset):
    text = "Selon la préfecture, ils étaient 14.000 manifestants à Rouen (contre 13.000 le 19)."
    assert rows(ruleset, text) == [(14000, "turnout", "Rouen", "autorités"),
                                   (13000, "first_day.turnout", "Rouen", "autorités")]


# ---------------------------------------------------------------------------- a list after a colon


def test_the_items_of_a_list_share_its_lead_in(ruleset):
    text = ("Selon les chiffres des préfectures, la grève a fait le plein dans de nombreuses villes : "
            "ils étaient 14.000 à Rouen, 25.000 à Montpellier.")
    assert rows(ruleset, text) == [(14000, "turnout", "Rouen", "autorités"),
                                   (25000, "turnout", "Montpellier", "autorités")]


@pytest.mark.parametrize("text", [
    # A lead-in that names nothing counted binds nothing.
    "Les chiffres de la grève sont tombés dans de nombreuses villes : 14.000 à Rouen, 25.000 à Montpellier.",
    # A clock time's colon opens no list.
    "Jour de grève. La préfecture a publié ses chiffres à 14:50, ils étaient 14.000 à Rouen.",
])
def test_lead_ins_that_must_not_bind(ruleset, text):
    assert rows(ruleset, text) == []


# ---------------------------------------------------------------------------- a recall in the pluperfect


def test_a_pluperfect_recall_keeps_its_occasion_for_the_next_sentences_in_the_pluperfect(ruleset):
    text = ("Le 19 janvier, le ministère de l'Intérieur avait recensé 1,12 million de manifestants en France, "
            "dont 80 000 à Paris. La CGT en avait revendiqué plus de 2 millions, dont 400 000 dans la capitale.")
    assert rows(ruleset, text) == [
        (1120000, "first_day.turnout", "France", "autorités"), (80000, "first_day.turnout", "Paris", "autorités"),
        (2000000, "first_day.turnout", "France", "CGT"), (400000, "first_day.turnout", "Paris", "CGT")]


@pytest.mark.parametrize("text, second", [
    # The next sentence is in the present: today's figure.
    ("Le 19 janvier, la police avait recensé 1,12 million de manifestants. La CGT revendique 2 millions de manifestants.",
     (2000000, "turnout", "France", "CGT")),
    # "étaient" before a figure is the imperfect, not a pluperfect.
    ("Le 19 janvier, la police avait recensé 1,12 million de manifestants. Ils étaient 2 millions de manifestants selon la CGT.",
     (2000000, "turnout", "France", "CGT")),
    # A new paragraph ends the recall.
    ("Le 19 janvier, la police avait recensé 1,12 million de manifestants.\n\nLa CGT avait revendiqué 2 millions de manifestants.",
     (2000000, "turnout", "France", "CGT")),
])
def test_what_ends_a_pluperfect_recall(ruleset, text, second):
    assert rows(ruleset, text) == [(1120000, "first_day.turnout", "France", "autorités"), second]


def test_a_pluperfect_without_a_recall_before_it_stays_on_the_day(ruleset):
    text = "La grève a été suivie. Selon la préfecture, qui avait mobilisé ses agents, 30 000 manifestants ont défilé."
    assert rows(ruleset, text) == [(30000, "turnout", "France", "autorités")]


# ---------------------------------------------------------------------------- keys: y, comparatives, streets


def test_y_stands_for_the_place_of_the_sentence_before(ruleset):
    text = ("Partie de la place d'Italie, la manifestation a rejoint les Invalides à Paris. "
            "Selon la police, 87 000 personnes y ont participé, contre 80 000 le 19 janvier.")
    assert rows(ruleset, text) == [(87000, "turnout", "Paris", "autorités"),
                                   (80000, "first_day.turnout", "Paris", "autorités")]


def test_y_stands_for_the_scene_even_beside_another_place(ruleset):
    text = "Le cortège a défilé à Paris. 87 000 personnes y ont participé selon la police, Lyon restant calme."
    assert rows(ruleset, text) == [(87000, "turnout", "Paris", "autorités")]


@pytest.mark.parametrize("text", [
    # "il y a" is no place: the other place named keeps the scene away, the default key.
    "Le cortège a défilé à Paris. Il y a eu 87 000 personnes selon la police, Lyon restant calme.",
    # "y a-t-il" asks, it stands for no place.
    "Le cortège a défilé à Paris. Aussi y a-t-il eu 87 000 personnes selon la police, Lyon restant calme.",
    # A new paragraph: "y" has nothing to stand for.
    "Le cortège a défilé à Paris.\n\nSelon la police, 87 000 personnes y ont participé.",
])
def test_y_forms_that_must_not_take_a_key(ruleset, text):
    assert rows(ruleset, text) == [(87000, "turnout", "France", "autorités")]


def test_a_street_names_no_key_and_a_place_fact_takes_the_city(ruleset):
    text = "À Paris, le cortège doit partir de la place d'Italie pour rejoindre la place Vauban."
    assert rows(ruleset, text, "place") == [("place d'Italie", "march.start", "Paris", None)]
    # A figure beside a street keeps the city named before, not the street.
    text = "À Lyon, 25 000 manifestants ont défilé de la place Bellecour à la place des Terreaux."
    assert rows(ruleset, text) == [(25000, "turnout", "Lyon", None)]


def test_a_comparative_keeps_the_key_and_claimant_of_the_figure_compared(ruleset):
    text = ("Selon la préfecture, 34 000 personnes ont manifesté à Toulouse, un peu moins que les 36 000 "
            "manifestants du 19 janvier.")
    assert rows(ruleset, text) == [(34000, "turnout", "Toulouse", "autorités"),
                                   (36000, "first_day.turnout", "Toulouse", "autorités")]


# ---------------------------------------------------------------------------- plans, titles, appositions


def article_rows(ruleset, text: str, published: str, kind: str = "count") -> list[tuple]:
    """(value, fact, key, modality) of the mentions of a kind bound to a fact, for an article published then."""
    article = Article("a", "a.txt", textwrap.dedent(text).strip() + "\n",
                      ArticleMeta(date=published[:10], published=published))
    return [(m.low, m.fact, m.fact_key, m.modality) for m in extract_mentions([article], ruleset)
            if m.fact and m.kind == kind]


def test_an_article_published_before_its_event_announces_it(ruleset):
    text = "La veille de la grève, la préfecture estime que 30 000 manifestants défileront à Lyon mardi prochain."
    before = article_rows(ruleset, text, "2023-03-06T18:00:00+01:00")
    assert before == [(30000, "turnout", "Lyon", "planned")]
    # Without a verb that dates it, a figure in a pre-event article is still a plan.
    text = "Grève de mardi : la police attend 30 000 manifestants à Lyon."
    assert article_rows(ruleset, text, "2023-03-06T18:00:00+01:00")[0][3] == "planned"


@pytest.mark.parametrize("published", ["2023-03-07T20:00:00+01:00", "2023-03-08T08:00:00+01:00"])
def test_the_same_figure_after_the_event_keeps_its_own_reading(ruleset, published):
    text = "Grève de mardi : la police attend 30 000 manifestants à Lyon."
    assert article_rows(ruleset, text, published)[0][3] != "planned"


def test_a_verb_of_what_happened_stays_actual_before_the_event(ruleset):
    text = "Avant la grève de mardi, 30 000 manifestants ont déjà défilé à Lyon selon la police."
    assert article_rows(ruleset, text, "2023-03-06T18:00:00+01:00")[0][3] == "actual"


def test_a_forecast_verb_is_planned(ruleset):
    text = "Grève : le syndicat table sur 30 000 manifestants à Lyon."
    assert article_rows(ruleset, text, "2023-03-07T20:00:00+01:00")[0][3] == "planned"


def test_a_title_naming_one_city_keys_a_local_article_for_facts_without_a_default(ruleset):
    text = """\
    Grève : à Lyon, le cortège fait le plein

    Le cortège est parti de la place Bellecour. Plus tard, 25 000 manifestants selon la police.
    """
    # march.start has no default key: the title's city; turnout has one (France) and keeps it.
    assert [r[:3] for r in article_rows(ruleset, text, "2023-03-07T20:00:00+01:00", "place")] == [
        ("place Bellecour", "march.start", "Lyon")]
    assert article_rows(ruleset, text, "2023-03-07T20:00:00+01:00")[0][2] == "France"


def test_a_first_line_that_is_a_sentence_is_no_title(ruleset):
    text = """\
    Grève : à Lyon, le cortège a fait le plein mardi matin.

    Le cortège est parti de la place Bellecour.
    """
    assert article_rows(ruleset, text, "2023-03-07T20:00:00+01:00", "place")[0][2] is None


def test_a_title_naming_two_cities_keys_nothing(ruleset):
    text = """\
    Grève : de Lyon à Marseille, les cortèges font le plein

    Le cortège est parti de la place Bellecour.
    """
    assert article_rows(ruleset, text, "2023-03-07T20:00:00+01:00", "place")[0][2] is None


def test_a_named_claimant_before_a_generic_apposition(ruleset):
    text = "Dans les écoles, la CGT, premier syndicat de la ville, revendique 30 000 manifestants."
    assert rows(ruleset, text) == [(30000, "turnout", "France", "CGT")]
    # The generic class alone still names the claimant.
    text = "Dans les écoles, les autorités, prudentes, comptent 30 000 manifestants."
    assert rows(ruleset, text) == [(30000, "turnout", "France", "autorités")]


def test_a_dateline_yields_no_count(ruleset):
    text = "PARIS, 7 mars 2023 (ANP) - La grève a rassemblé mardi 1.272.000 personnes dans toute la France."
    assert [r[0] for r in rows(ruleset, text)] == [1272000]


def test_a_whole_and_its_part_share_the_claimant_after_them(ruleset):
    text = ("La grève a rassemblé mardi 1.272.000 personnes en France, dont 87.000 dans la capitale, "
            "selon le ministère de l'Intérieur.")
    assert rows(ruleset, text) == [(1272000, "turnout", "France", "autorités"), (87000, "turnout", "Paris", "autorités")]
    # A part with a claimant of its own lends it to no whole that has one.
    text = "La CGT revendique 2,8 millions de manifestants, dont 87.000 à Paris selon la police."
    assert [r[3] for r in rows(ruleset, text)] == ["CGT", "autorités"]


def test_a_title_figure_takes_the_claimant_the_body_gives_it(ruleset):
    text = """\
    Grève : 30 000 manifestants à Lyon

    Selon la préfecture, 30 000 manifestants ont défilé à Lyon mardi. La CGT en revendique 45 000 à Lyon.
    """
    assert rows(ruleset, text) == [(30000, "turnout", "Lyon", "autorités"), (30000, "turnout", "Lyon", "autorités"),
                                   (45000, "turnout", "Lyon", "CGT")]
    # Another value in the body lends nothing.
    text = """\
    Grève : 35 000 manifestants à Lyon

    Selon la préfecture, 30 000 manifestants ont défilé à Lyon mardi.
    """
    assert rows(ruleset, text)[0] == (35000, "turnout", "Lyon", None)


@pytest.mark.parametrize("text, days", [
    # The day a statement was made is no day of what it states.
    ("Le ministre a annoncé lundi que la grève aura lieu mardi.", ["2023-03-07"]),
    ("La CGT estime lundi que la grève de mardi sera suivie.", ["2023-03-07"]),
    # A statement made on the event's own day keeps its day.
    ("La CGT a annoncé mardi que la grève était suivie.", ["2023-03-07"]),
    # Without a reporting verb before it, the day is the event's.
    ("La grève annoncée pour mardi sera suivie.", ["2023-03-07"]),
])
def test_the_day_of_a_statement_is_not_the_day_it_states(ruleset, text, days):
    found = article_rows(ruleset, text, "2023-03-06T18:00:00+01:00", "date")
    assert [low for low, fact, _, _ in found if fact == "strike.day"] == days


def test_the_territory_of_a_claimant_is_no_key(ruleset):
    text = "À Nantes, selon la préfecture de Loire-Atlantique, 28 000 manifestants ont défilé."
    assert rows(ruleset, text) == [(28000, "turnout", "Nantes", "autorités")]
    # A place after "selon" that no "de" ties to the claimant still keys: "selon la police, à Lyon".
    text = "Selon la police à Lyon, 25 000 manifestants ont défilé."
    assert rows(ruleset, text) == [(25000, "turnout", "Lyon", "autorités")]


def test_the_key_of_a_part_leaves_the_scene_to_the_whole(ruleset):
    text = "À Nantes, le cortège était dense. Les syndicats en ont compté 65 000 manifestants, dont 10 000 à Saint-Nazaire."
    assert rows(ruleset, text) == [(65000, "turnout", "Nantes", "syndicats"), (10000, "turnout", "Saint-Nazaire", "syndicats")]
    # A place that keys no figure of the sentence still keeps the scene away.
    text = "À Nantes, le cortège était dense. Les syndicats ont compté 65 000 manifestants, venus de Lyon."
    assert rows(ruleset, text) == [(65000, "turnout", "France", "syndicats")]


@pytest.mark.parametrize("text", [
    # The declared cue "19 janvier" and the day the grammar reads there are one phrase: one figure moves.
    "À Bordeaux, 16 500 manifestants selon la police (contre 12 000 le 19 janvier), 75 000 selon la CGT.",
    # "lors de la première journée" (declared) holds no second, generic cue.
    "À Bordeaux, 16 500 manifestants selon la police (contre 12 000 lors de la première journée), 75 000 selon la CGT.",
])
def test_one_occasion_phrase_moves_one_figure(ruleset, text):
    assert rows(ruleset, text) == [(16500, "turnout", "Bordeaux", "autorités"),
                                   (12000, "first_day.turnout", "Bordeaux", "autorités"),
                                   (75000, "turnout", "Bordeaux", "CGT")]


def test_the_organisers_are_a_claimant_of_their_own(ruleset):
    text = "À Lyon, 30 000 manifestants selon la police, 100 000 selon les organisateurs."
    assert rows(ruleset, text) == [(30000, "turnout", "Lyon", "autorités"), (100000, "turnout", "Lyon", "organisateurs")]


def test_a_live_blog_stamp_is_no_figure_of_its_entry(ruleset):
    text = """\
    17h10 - À Toulouse, 34 000 manifestants selon la préfecture ; la CGT en revendique 80 000.

    12h00 - Selon la police, 25 000 manifestants ont défilé à Lyon.
    """
    assert rows(ruleset, text) == [(34000, "turnout", "Toulouse", "autorités"), (80000, "turnout", "Toulouse", "CGT"),
                                   (25000, "turnout", "Lyon", "autorités")]
    # The stamp itself binds no fact and stays in the table.
    article = Article("a", "a.txt", textwrap.dedent(text).strip() + "\n",
                      ArticleMeta(date="2023-03-07", published="2023-03-07T20:00:00+01:00"))
    stamps = [m for m in extract_mentions([article], ruleset) if m.kind == "time"]
    assert [(m.low, m.fact) for m in stamps] == [(1030, None), (720, None)]


@pytest.mark.parametrize("text, claimant", [
    ("Les chiffres de la police sont tombés : Lyon, 25 000 manifestants ; Nantes, 28 000 manifestants.", "autorités"),
    ("Le décompte de la préfecture :\n- Lyon : 25 000 manifestants ;\n- Nantes : 28 000 manifestants.", "autorités"),
    # Figures of something that is no claimant: nobody's.
    ("Les chiffres de la journée sont tombés : Lyon, 25 000 manifestants ; Nantes, 28 000 manifestants.", None),
    ("Les écarts entre les deux décomptes restent considérables :\n- Lyon : 25 000 manifestants ;\n- Nantes : 28 000 manifestants.", None),
])
def test_whose_figures_a_lead_in_names(ruleset, text, claimant):
    assert rows(ruleset, text) == [(25000, "turnout", "Lyon", claimant), (28000, "turnout", "Nantes", claimant)]


def test_a_recall_whose_pluperfect_follows_its_figure(ruleset):
    text = ("Le 19 janvier, 18 000 manifestants avaient défilé à Grenoble selon la police. "
            "La CGT en avait annoncé 35 000. La CGT revendique 40 000 manifestants mardi.")
    assert rows(ruleset, text) == [(18000, "first_day.turnout", "Grenoble", "autorités"),
                                   (35000, "first_day.turnout", "Grenoble", "CGT"),
                                   (40000, "turnout", "Grenoble", "CGT")]


def test_a_part_without_a_key_of_its_own_is_in_the_whole_s(ruleset):
    text = "La grève a réuni 25 000 manifestants à Lyon, dont 8 000 autour de la place Bellecour."
    assert rows(ruleset, text) == [(25000, "turnout", "Lyon", None), (8000, "turnout", "Lyon", None)]
    # A part with its own key keeps it.
    text = "La grève a réuni 25 000 manifestants dans la région, dont 8 000 à Lyon."
    assert rows(ruleset, text) == [(25000, "turnout", "France", None), (8000, "turnout", "Lyon", None)]


def test_a_fact_claimant_stands_for_the_one_the_text_does_not_name(ruleset):
    text = "Pour encadrer les cortèges de la grève, 11 000 policiers avaient été mobilisés."
    assert rows(ruleset, text) == [(11000, "police.deployed", None, "autorités")]
    # A claimant the text names wins.
    text = "Selon la CGT, 11 000 policiers encadraient les cortèges de la grève."
    assert rows(ruleset, text) == [(11000, "police.deployed", None, "CGT")]


@pytest.mark.parametrize("text, claimant", [
    ("Jour de grève. Dans la fonction publique, le ministère recense 19,4 % de grévistes.", "ministère de la Fonction publique"),
    ("Jour de grève. Dans les écoles, le ministère recense 26,6 % de grévistes.", "ministère de l'Éducation"),
    # A claimant that names itself keeps its name.
    ("Jour de grève. Dans la fonction publique, le ministère de l'Éducation recense 19,4 % de grévistes.", "ministère de l'Éducation"),
])
def test_a_bare_institution_is_the_one_of_the_domain_its_sentence_opens_on(ruleset, text, claimant):
    assert [(fact, who) for _, fact, _, who in rows(ruleset, text)] == [("strike.rate", claimant)]


# ---------------------------------------------------------------------------- an elided count under `nouns:`

STORM = """\
story: tempete-demo
language: fr
event:
  name: Tempête de novembre
  date: 2023-11-02
  window: [-1, 3]
  words: ['tempete', 'electricite']
claimants:
  Enedis: ['enedis']
facts:
  power.cut:
    kind: count
    nouns: ['foyers', 'clients']
    cues: ['electricite', 'courant']
    by: place
    default_key: France
    key_aliases: {Bretagne: ['bretagne'], Normandie: ['normandie']}
"""


@pytest.fixture(scope="module")
def storm(tmp_path_factory):
    folder = tmp_path_factory.mktemp("storm")
    (folder / "tempete.yaml").write_text(STORM, encoding="utf-8")
    rules = load_rules([folder])
    assert rules.errors == [], rules.errors
    return rules


def storm_rows(rules, text: str) -> list[tuple]:
    article = Article("a", "a.txt", textwrap.dedent(text).strip() + "\n",
                      ArticleMeta(date="2023-11-02", published="2023-11-02T20:00:00+01:00"))
    return [(m.low, m.fact, m.fact_key, m.claimant) for m in extract_mentions([article], rules)
            if m.fact and m.kind == "count"]


@pytest.mark.parametrize("text, expected", [
    # A part: the cue stands in the whole's clause only.
    ("Tempête : 1,2 million de foyers étaient privés d'électricité, selon Enedis, dont 780 000 en Bretagne.",
     [(1200000, "power.cut", "France", "Enedis"), (780000, "power.cut", "Bretagne", "Enedis")]),
    # "ils" stands for the households of the sentence before; its part follows it.
    ("Tempête : Enedis recensait 1 200 000 clients sans électricité. À la mi-journée, ils n'étaient plus que "
     "950 000, dont 600 000 en Bretagne.",
     [(1200000, "power.cut", "France", "Enedis"), (950000, "power.cut", "France", None),
      (600000, "power.cut", "Bretagne", None)]),
    # The key right before a parenthesis that opens on a figure is that figure's, not the whole's.
    ("Tempête : 1,2 million de foyers restent sans courant, principalement en Bretagne (780.000) et en Normandie.",
     [(1200000, "power.cut", "France", None), (780000, "power.cut", "Bretagne", None)]),
])
def test_an_elided_count_states_its_head_s_fact(storm, text, expected):
    assert storm_rows(storm, text) == expected


@pytest.mark.parametrize("text, expected", [
    # A comparison is another value of the fact (an earlier peak), no part of it: it binds nothing by its noun.
    ("Tempête : 700 000 foyers étaient privés d'électricité, contre 1,2 million au plus fort de l'épisode.",
     [(700000, "power.cut", "France", None)]),
    # A count with a noun of its own that the fact does not count.
    ("Tempête : 1,2 million de foyers privés d'électricité, dont 300 entreprises en Bretagne.",
     [(1200000, "power.cut", "France", None)]),
])
def test_elided_counts_that_must_not_take_the_head_s_fact(storm, text, expected):
    assert storm_rows(storm, text) == expected
