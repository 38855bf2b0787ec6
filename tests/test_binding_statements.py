"""How French news states a figure across a sentence: clocks read on the zones the sentence names,
claimants named by apposition or further back, keys shared by coordinated figures.  Sentences of our
own about a story the corpora do not hold (a typhoon over Japan), each form with the forms that must
NOT bind next to it."""

from __future__ import annotations

import textwrap

import pytest

from factcheck.facts import extract_mentions
from factcheck.model import Article, ArticleMeta
from factcheck.rules import load_rules

RULES = """\
story: typhon-kyushu
language: fr
event:
  name: Typhon sur Kyushu (10 mai 2024)
  date: 2024-05-10
  time: "06:30"
  tz: Asia/Tokyo
  window: [-1, 5]
  words: ['typhon', 'sommet', 'visioconf\\w+', 'inondations?']
  min_words: 1
claimants:
  agence météo: ['agence (?:japonaise )?(?:de la )?m[eé]t[eé]o', '\\bJMA\\b']
  gouvernement japonais: ['premier ministre', 'gouvernement japonais', 'Kishida']
  Croix-Rouge: ['Croix-Rouge']
  JMA + Croix-Rouge: ['en (?:additionnant|cumulant) .*']
keys:
  pays:
    Japon: ['japon', 'japonais(?:es?)?']
    Corée: ['cor[ée]e']
facts:
  meeting.start:
    kind: time
    scope: clause
    cues: ['commenc\\w*', 'd[ée]but\\w*']
    exclude: ['achev', 'termin']
  meeting.end:
    kind: time
    scope: clause
    cues: ['achev\\w*', 'termin\\w*']
  landfall.time:
    kind: time
    scope: sentence
    cues: ['touch[ée] terre', 'typhon']
  toll:
    kind: count
    by: pays
    evolves: grows
    scope: clause
    nouns: ['morts', 'personnes', 'victimes']
    cues: ['\\bmorts?\\b', 'tu[ée]e?s', 'bilan']
  injured:
    kind: count
    by: pays
    evolves: grows
    scope: clause
    nouns: ['bless[ée]s']
  houses:
    kind: count
    by: pays
    scope: clause
    nouns: ['maisons', 'habitations']
"""


@pytest.fixture(scope="module")
def ruleset(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rules")
    (folder / "typhon.yaml").write_text(RULES, encoding="utf-8")
    rules = load_rules([folder])
    assert rules.errors == [], rules.errors
    return rules


def rows(ruleset, text: str, *, published: str = "2024-05-10T12:00:00+02:00") -> list:
    article = Article("a", "a.txt", textwrap.dedent(text).strip() + "\n",
                      ArticleMeta(date=published[:10], published=published))
    return [m for m in extract_mentions([article], ruleset) if m.fact and m.fact != "person"]


def clocks(ruleset, text: str) -> list[tuple]:
    """(fact, minutes, tz) of every clock time, in text order."""
    return [(m.fact, m.low, m.tz) for m in rows(ruleset, text) if m.kind == "time"]


# ---------------------------------------------------------------------------- clocks and their zones


def test_a_time_restated_on_other_clocks_is_one_instant(ruleset):
    # 9 h in Tokyo (UTC+9) = 2 h in Paris (UTC+2 in May) = 20 h the day before in Washington (UTC-4).
    got = clocks(ruleset, "Le sommet doit commencer à 9 heures à Tokyo, soit 2 heures à Paris et 20 heures à Washington.")
    assert got == [("meeting.start", 0, "UTC")] * 3


def test_a_city_after_a_clock_names_its_zone_when_the_sentence_reads_another_clock(ruleset):
    got = clocks(ruleset, "Selon Tokyo, le sommet a commencé à 15h05, heure de Berlin (14h05 à Londres), "
                          "et s'est achevé à 17h40 (16h40 à Londres).")
    # 15h05 Berlin (UTC+2) = 14h05 London (UTC+1) = 13:05 UTC; the end carries Berlin: 15:40 UTC.
    assert got == [("meeting.start", 785, "UTC"), ("meeting.start", 785, "UTC"),
                   ("meeting.end", 940, "UTC"), ("meeting.end", 940, "UTC")]


def test_a_zone_stated_once_carries_to_the_later_times_of_the_sentence(ruleset):
    got = clocks(ruleset, "Commencé vers 9h10 heure de Tokyo, le sommet s'est terminé à 11h45, a précisé le gouvernement japonais.")
    assert [(fact, tz) for fact, _, tz in got] == [("meeting.start", "UTC"), ("meeting.end", "UTC")]
    assert got[1][1] == 165  # 11h45 in Tokyo is 02:45 UTC


def test_local_time_without_a_dateline_is_the_clock_of_the_story_event(ruleset):
    got = clocks(ruleset, "Le typhon a touché terre à 6 h 30 heure locale (23 h 30 à Paris).")
    # 6 h 30 in Tokyo = 21:30 UTC the day before = 23 h 30 in Paris.
    assert got == [("landfall.time", 1290, "UTC"), ("landfall.time", 1290, "UTC")]


def test_a_zone_in_words_after_a_closing_quote(ruleset):
    got = clocks(ruleset, "Le gouvernement japonais a confirmé un début du sommet « vers 9 heures » heure de Tokyo.")
    assert [(fact, tz) for fact, _, tz in got] == [("meeting.start", "UTC")]


@pytest.mark.parametrize("sentence, expected", [
    # A city after a clock time with no other clock in the sentence is where it happens: the time stays local.
    ("Le sommet doit commencer à 14 heures à Paris.", [("meeting.start", 840, None)]),
    # Two times on the same city's clock: no conversion.
    ("Le sommet a commencé à 9 heures à Paris, puis s'est terminé à 11 heures à Paris.",
     [("meeting.start", 540, None), ("meeting.end", 660, None)]),
    # A zone does not carry into the next sentence.
    ("Le sommet a commencé à 9h10 heure de Tokyo. Il s'est terminé à 11h45.",
     [("meeting.start", 10, "UTC"), ("meeting.end", 705, None)]),
])
def test_clocks_that_keep_their_local_reading(ruleset, sentence, expected):
    assert clocks(ruleset, sentence) == expected


def test_hours_spent_in_a_city_are_a_length_of_time(ruleset):
    found = rows(ruleset, "Le sommet a commencé à 9 heures. Le premier ministre a passé 16 heures à Paris.")
    assert [(m.fact, m.low) for m in found if m.kind == "time"] == [("meeting.start", 540)]


# ---------------------------------------------------------------------------- claimants further back


def claimed(ruleset, text: str, fact: str = "toll") -> list[tuple]:
    return [(m.low, m.claimant) for m in rows(ruleset, text) if m.fact == fact]


@pytest.mark.parametrize("sentence, expected", [
    # A subject set off by commas: a role, then the name.
    ("Le premier ministre japonais, Fumio Kishida, a fait état en fin de matinée d'au moins 45 morts au Japon.",
     [(45, "gouvernement japonais")]),
    # The name, then a relative clause, then the verb.
    ("L'agence de la météo, la JMA, qui suit le typhon depuis lundi, a d'abord compté 12 morts au Japon.",
     [(12, "agence météo")]),
    # A source cited inside the subject.
    ("Au Japon, la chaîne publique, citant le gouvernement japonais, fait état de 30 morts.",
     [(30, "gouvernement japonais")]),
    # A reporting verb states a figure too.
    ("Le gouvernement japonais a précisé que 27 personnes avaient été tuées au Japon.", [(27, "gouvernement japonais")]),
])
def test_claimants_by_apposition_and_reporting_verbs(ruleset, sentence, expected):
    assert claimed(ruleset, "Le typhon a frappé Kyushu. " + sentence) == expected


def test_a_possessive_subject_speaks_for_the_claimant_named_before(ruleset):
    text = ("Au Japon, l'agence de la météo recense 45 morts après le typhon. "
            "Son directeur, Kenji Sato, a précisé que 120 maisons avaient été détruites au Japon.")
    assert [(m.low, m.claimant) for m in rows(ruleset, text) if m.fact in ("toll", "houses")] == [
        (45, "agence météo"), (120, "agence météo")]


def test_a_pronoun_subject_is_the_claimant_last_named_in_the_paragraph(ruleset):
    text = ("Fumio Kishida a visité mercredi la région sinistrée par le typhon. "
            "Sur place, il a annoncé un nouveau bilan : 80 morts et 300 blessés au Japon.")
    assert [(m.low, m.claimant) for m in rows(ruleset, text) if m.fact in ("toll", "injured")] == [
        (80, "gouvernement japonais"), (300, "gouvernement japonais")]


@pytest.mark.parametrize("text", [
    # A name set off by commas that names no known claimant.
    "Le typhon a frappé Kyushu. Un habitant, Kenji Sato, a compté 12 morts dans son quartier.",
    # A possessive subject with nobody named before in the paragraph.
    "Le typhon a frappé Kyushu.\n\nSon directeur, Kenji Sato, a précisé que 45 personnes avaient été tuées.",
    # A pronoun with no claimant in its paragraph.
    "Le typhon a frappé Kyushu. Il a fait 45 morts au Japon.",
])
def test_subjects_that_name_no_claimant(ruleset, text):
    assert [c for _, c in claimed(ruleset, text)] == [None]


# ---------------------------------------------------------------------------- keys of coordinated figures


def keyed(ruleset, text: str) -> list[tuple]:
    return [(m.fact, m.low, m.fact_key) for m in rows(ruleset, "Typhon sur Kyushu\n\nLe typhon a frappé Kyushu. " + text)]


def test_counts_of_other_facts_joined_to_one_share_the_key_after_them(ruleset):
    assert keyed(ruleset, "Le bilan fait état de 80 morts et 300 blessés au Japon, et 1 200 maisons détruites.") == [
        ("toll", 80, "Japon"), ("injured", 300, "Japon"), ("houses", 1200, "Japon")]


@pytest.mark.parametrize("text, expected", [
    # Each figure with its own key keeps it.
    ("Le bilan fait état de 80 morts au Japon et 12 blessés en Corée.",
     [("toll", 80, "Japon"), ("injured", 12, "Corée")]),
    # Two figures of one fact: the second's key is not the first's ("80 morts et 12 en Corée").
    ("Le bilan fait état de 80 morts et 12 morts en Corée.", [("toll", 80, None), ("toll", 12, "Corée")]),
    # Not joined: a new clause with its own subject.
    ("Le bilan fait état de 80 morts ; 300 blessés sont soignés au Japon.",
     [("toll", 80, None), ("injured", 300, "Japon")]),
])
def test_keys_that_coordination_does_not_share(ruleset, text, expected):
    assert keyed(ruleset, text) == expected


def test_a_trailing_source_covers_the_figures_of_its_clause(ruleset):
    assert claimed(ruleset, "Le typhon a frappé Kyushu. Au Japon, au moins 45 personnes ont été tuées dans "
                            "trois préfectures, selon l'agence de la météo.") == [(45, "agence météo")]


def test_a_figure_restated_with_its_source_takes_it_in_the_headline_and_the_lead(ruleset):
    text = ("Typhon : au moins 45 morts au Japon\n\n"
            "Au Japon, au moins 45 personnes ont été tuées, selon l'agence de la météo.")
    assert claimed(ruleset, text) == [(45, "agence météo"), (45, "agence météo")]


@pytest.mark.parametrize("text", [
    # Two sources for the same figure: the headline's stays unattributed.
    "Typhon : 45 morts au Japon\n\nSelon la JMA, 45 personnes ont été tuées au Japon. "
    "Le gouvernement japonais a lui aussi compté 45 morts au Japon.",
])
def test_a_restated_figure_with_two_sources_takes_neither(ruleset, text):
    assert [c for _, c in claimed(ruleset, text)][0] is None


def test_a_source_after_a_later_clause_stays_there(ruleset):
    got = claimed(ruleset, "Le typhon a frappé Kyushu. Au Japon, 45 personnes ont été tuées ; "
                           "12 morts ont été comptés en Corée, selon la Croix-Rouge.")
    assert got == [(45, None), (12, "Croix-Rouge")]


def test_a_place_inside_the_place_after_it_leaves_the_fact_to_the_holder(tmp_path):
    rules = tmp_path / "r.yaml"
    rules.write_text(textwrap.dedent("""\
        story: visio
        language: fr
        event: {name: Visioconférence, date: 2024-05-10, words: ['visioconf\\w+']}
        facts:
          host.location:
            kind: place
            scope: sentence
            cues: ['depuis', 'residence']
        """), encoding="utf-8")
    ruleset = load_rules([rules])
    assert ruleset.errors == []
    found = rows(ruleset, "Pour la visioconférence, le président s'exprimait depuis sa résidence de Botcharov Routcheï, à Sotchi.")
    assert [m.value for m in found] == ["Sotchi"]
    found = rows(ruleset, "Pour la visioconférence, le président s'exprimait depuis Sotchi, puis depuis Moscou.")
    assert [m.value for m in found] == ["Sotchi", "Moscou"]  # two places, neither inside the other


# ---------------------------------------------------------------------------- days that are no occasion


def test_the_day_of_a_statement_and_the_horizon_of_a_plan_keep_the_figure_on_the_event(ruleset):
    text = ("Le typhon a frappé Kyushu lundi. Le gouvernement japonais a évoqué vendredi 45 morts au Japon. "
            "Interrogé jeudi, le premier ministre a compté 50 morts au Japon. "
            "Le bilan pourrait atteindre 300 morts au Japon d'ici à la fin du mois de juin.")
    assert [(m.low, m.event) for m in rows(ruleset, text, published="2024-05-14T12:00:00+02:00")
            if m.fact == "toll"] == [(45, ""), (50, ""), (300, "")]


def test_a_day_weeks_before_still_moves_a_figure_to_another_occasion(ruleset):
    text = "Le typhon a frappé Kyushu lundi. Le 3 avril, un autre typhon avait fait 12 morts au Japon."
    assert [m.low for m in rows(ruleset, text) if m.fact == "toll"] == []


def test_list_items_count_what_the_first_item_counts(ruleset):
    text = ("Le typhon a frappé Kyushu. Les bilans divergent :\n"
            "- 450 blessés au Japon, selon la JMA ;\n"
            "- 520, selon la Croix-Rouge.\n")
    assert claimed(ruleset, text, "injured") == [(450, "agence météo"), (520, "Croix-Rouge")]
    # Not a list: a figure on its own line without the marker counts nothing said before.
    text = "Le typhon a frappé Kyushu. 450 blessés au Japon, selon la JMA.\n520, selon la Croix-Rouge.\n"
    assert claimed(ruleset, text, "injured") == [(450, "agence météo")]


def test_a_sum_of_sources_is_the_claimant_when_the_rule_file_names_it(ruleset):
    text = ("Le typhon a frappé Kyushu. Au Japon, le bilan s'établit à 62 morts, en additionnant les chiffres "
            "de la JMA et ceux de la Croix-Rouge.")
    assert claimed(ruleset, text) == [(62, "JMA + Croix-Rouge")]
    # "en ajoutant que": a gerund of speech, no sum; the figure keeps its own source.
    text = "Le typhon a frappé Kyushu. Selon la JMA, 62 personnes ont été tuées au Japon, en ajoutant que le bilan va s'alourdir."
    assert claimed(ruleset, text) == [(62, "agence météo")]


@pytest.mark.parametrize("text, modality", [
    ("Le typhon a frappé Kyushu. Environ 1 200 maisons japonaises inondées restent inaccessibles au Japon.", "actual"),
    ("Le typhon a frappé Kyushu. Au Japon, 1 200 maisons sont endommagées.", "actual"),
    # No participle after the noun: the count says nothing of its modality.
    ("Le typhon a frappé Kyushu. Au Japon, 1 200 maisons, selon la JMA.", "unknown"),
    # An adjective is no participle ("japonaises"), and a verb of the clause keeps its say.
    ("Le typhon a frappé Kyushu. Au Japon, 1 200 maisons japonaises pourraient être touchées.", "planned"),
])
def test_a_participle_after_the_counted_noun_states_a_fact(ruleset, text, modality):
    assert [m.modality for m in rows(ruleset, text) if m.fact == "houses"] == [modality]


# ---------------------------------------------------------------------------- as-of: a fronted part of the day

def as_of(ruleset, text: str, fact: str = "toll") -> list[tuple]:
    return [(m.low, m.as_of, m.as_of_source) for m in rows(ruleset, text) if m.fact == fact]


@pytest.mark.parametrize("head, stamp", [
    ("Jeudi soir,", "2024-05-09T20:00:00+02:00"),           # the day named, the middle of its evening
    ("Ce matin,", "2024-05-10T09:00:00+02:00"),             # the publication day
    ("À la mi-journée,", "2024-05-10T12:00:00+02:00"),
    ("Hier en fin de journée,", "2024-05-09T18:00:00+02:00"),
    ("Jeudi 6 heures,", "2024-05-09T06:00:00+02:00"),        # a clock in the head wins over the part
    ("Jeudi soir, 23 heures,", "2024-05-09T23:00:00+02:00"),
    ("Dans la soirée,", "2024-05-10T20:00:00+02:00"),
])
def test_a_part_of_the_day_at_the_head_of_the_sentence_dates_its_figures(ruleset, head, stamp):
    text = f"{head} le typhon avait fait 41 morts au Japon."
    assert as_of(ruleset, text) == [(41, stamp, "text")]


def test_a_fronted_day_with_a_clock_after_a_preposition_takes_both(ruleset):
    text = "Jeudi, à 14 heures, le typhon avait fait 12 morts au Japon."
    assert as_of(ruleset, text) == [(12, "2024-05-09T14:00:00+02:00", "text")]


@pytest.mark.parametrize("text", [
    "Selon le gouvernement japonais, le typhon avait fait 41 morts au Japon.",   # a claimant, no time
    "Le typhon a fait 41 morts au Japon, a dit le premier ministre ce matin.",   # a part of the day after it
    "Jeudi, le typhon avait fait 41 morts au Japon.",                             # a day alone is no time
])
def test_no_fronted_part_of_the_day_leaves_the_publication_time(ruleset, text):
    # toll grows (evolves: grows): without a time in the text it holds at publication.
    assert as_of(ruleset, text) == [(41, "2024-05-10T12:00:00+02:00", "publication")]


def test_a_figure_of_the_peak_holds_at_the_event_anchor_before_the_running_ones(ruleset):
    # The typhon story's anchor is 10 May 2024 at 06:30: the peak is dated there, the figure of now later.
    text = "Au plus fort du typhon, 41 morts étaient recensés au Japon. Ce soir, le bilan atteint 45 morts au Japon."
    assert as_of(ruleset, text) == [(41, "2024-05-10T06:30:00+02:00", "text"), (45, "2024-05-10T20:00:00+02:00", "text")]


@pytest.mark.parametrize("text", [
    "Le typhon a fait 41 morts au Japon, au plus fort des inondations de la semaine.",   # after the figure
    "Le typhon a fait 41 morts au Japon.",
])
def test_no_peak_before_the_figure_leaves_its_time(ruleset, text):
    assert as_of(ruleset, text) == [(41, "2024-05-10T12:00:00+02:00", "publication")]


def test_a_fronted_part_of_the_day_ends_at_its_comma(ruleset):
    # The head is "À la mi-journée," only: the figure after it is dated, even with a clause after the figure.
    text = "À la mi-journée, le typhon avait fait 41 morts au Japon, a annoncé le gouvernement japonais."
    assert as_of(ruleset, text) == [(41, "2024-05-10T12:00:00+02:00", "text")]


@pytest.mark.parametrize("text, stamp", [
    ("Le typhon avait fait 41 morts au Japon jeudi soir.", "2024-05-09T20:00:00+02:00"),
    ("Le typhon a fait 41 morts au Japon ce matin.", "2024-05-10T09:00:00+02:00"),
])
def test_a_part_of_the_day_right_after_the_figure_dates_it(ruleset, text, stamp):
    assert as_of(ruleset, text)[-1] == (41, stamp, "text")


@pytest.mark.parametrize("text", [
    "Le typhon a fait 41 morts au Japon, a dit le premier ministre ce matin.",   # another clause: the statement's
    "Le typhon a fait 41 morts au Japon et la pluie tombera demain matin.",      # no part of this figure
    "Le typhon a fait 41 morts au Japon selon Le Matin.",                        # a part of the day needs a day or an article
])
def test_a_part_of_the_day_out_of_the_figures_clause_does_not_date_it(ruleset, text):
    assert as_of(ruleset, text) == [(41, "2024-05-10T12:00:00+02:00", "publication")]
