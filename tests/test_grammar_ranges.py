"""Ranges: one interval with the qualifier "range", and the forms that are no range.

A range is stated once ("entre 25 000 et 45 000 manifestants"): its two ends are
one fact with a low and a high, never two exact values.  A change ("passé de
1 000 à 2 000") states two values; a falling pair with nothing counted is a score.
"""

from __future__ import annotations

import pytest

from test_grammar import extract, of_kind, only, span


@pytest.mark.parametrize("text, phrase, low, high, noun", [
    ("Entre 25 000 et 45 000 manifestants ont défilé à Lyon.", "Entre 25 000 et 45 000 manifestants", 25000, 45000, "manifestants"),
    ("Ils étaient de 25 000 à 45 000 selon les syndicats.", "de 25 000 à 45 000", 25000, 45000, None),
    ("La police compte 6 à 8 000 manifestants.", "6 à 8 000 manifestants", 6000, 8000, "manifestants"),
    ("Le chantier coûtera de 2 à 3 millions d'euros.", "de 2 à 3 millions d'euros", 2_000_000, 3_000_000, "euros"),
    ("Entre 1,5 et 2 millions de personnes sont concernées.", "Entre 1,5 et 2 millions de personnes", 1_500_000, 2_000_000, "personnes"),
    ("On attend entre trois et cinq cents participants.", "entre trois et cinq cents participants", 3, 500, "participants"),
])
def test_a_count_range_is_one_interval(text, phrase, low, high, noun):
    c = only(text, "count")
    assert span(text, c) == phrase
    assert (c.low, c.high, c.qualifier, c.noun) == (low, high, "range", noun)


def test_thousands_written_once_only_when_the_first_end_fits():
    # "de 500 à 8 000": 500 000 would exceed the upper end; "1 à 10 000" stays 1 (a tenfold gap is no shorthand)
    assert (only("De 500 à 8 000 personnes sont venues.", "count").low) == 500
    assert (only("Entre 1 et 10 000 euros par foyer.", "count").low) == 1


@pytest.mark.parametrize("text, phrase, low, high", [
    ("Les deux dirigeants se parleront entre 9h00 et 9h30.", "entre 9h00 et 9h30", 540, 570),
    ("La séance s'est tenue de 10h05 à 11h10.", "de 10h05 à 11h10", 605, 670),
    ("Le musée est ouvert de 15 à 17 heures.", "de 15 à 17 heures", 900, 1020),
    ("Programme : 9h30 - 11h00, débat public.", "9h30 - 11h00", 570, 660),
    ("Ils ont manifesté de 9 heures 30 jusqu'à 11h.", "de 9 heures 30 jusqu'à 11h", 570, 660),
])
def test_a_time_range_is_one_interval(text, phrase, low, high):
    t = only(text, "time")
    assert span(text, t) == phrase
    assert (t.low, t.high, t.qualifier) == (low, high, "range")


def test_a_time_range_with_a_zone_converts_both_ends():
    t = only("Le sommet se tiendra de 10h à 12h heure de Paris.", "time", "2021-12-07")
    assert (t.low, t.high, t.tz, t.qualifier) == (540, 660, "UTC", "range")


def test_a_duration_range_in_words():
    d = only("Les discussions dureront de deux à trois heures.", "duration")
    assert (d.low, d.high, d.qualifier) == (120, 180, "range")


def test_a_day_range():
    d = only("La conférence aura lieu entre le 3 et le 6 mars.", "date", "2023-02-10")
    assert (d.low, d.high, d.qualifier, d.granularity) == ("2023-03-03", "2023-03-06", "range", "day")
    assert of_kind("La conférence aura lieu entre le 3 et le 6 mars.", "count", "2023-02-10") == []


@pytest.mark.parametrize("text, first, second", [
    ("Le nombre de manifestants est passé de 1 000 à 2 000.", 1000, 2000),
    ("Le prix a grimpé de 3 à 5 euros en un an.", 3, 5),
    ("Le bilan est monté de 120 à 340 morts dans la nuit.", 120, 340),
    ("Les effectifs ont été ramenés de 900 à 600 agents.", 900, 600),
    ("Le taux est tombé brutalement de 8 à 6 %.", 8, 6),
])
def test_a_change_gives_its_two_values_not_a_range(text, first, second):
    counts = of_kind(text, "count")
    assert [(c.low, c.high, c.qualifier) for c in counts] == [(first, first, "exact"), (second, second, "exact")]


def test_a_change_of_time_gives_two_times():
    times = of_kind("Le départ a été avancé de 15h à 14h.", "time")
    assert [(t.low, t.high, t.qualifier) for t in times] == [(900, 900, "exact"), (840, 840, "exact")]


def test_a_montant_is_no_verb_of_change():
    c = only("Un montant de 3 à 4 millions d'euros a été débloqué.", "count")
    assert (c.low, c.high, c.qualifier) == (3_000_000, 4_000_000, "range")


@pytest.mark.parametrize("text", [
    "Le PSG l'a emporté de 3 à 0 face à Lyon.",
    "Score final : de 2 à 1 pour les visiteurs.",
])
def test_a_score_is_no_range_and_no_count(text):
    assert [m for m in extract(text) if m.kind in ("count", "duration")] == []


@pytest.mark.parametrize("text", [
    "Il y avait 5 et 6 personnes dans chaque voiture.",  # "et" joins a range only after "entre"
    "Dix-sept soldats et vingt-trois policiers ont été blessés.",  # compound numbers, not "dix à sept"
    "La guerre de 39-45 a marqué la ville.",
    "Il est arrivé à 9h30 et reparti à 11h.",  # two times, no opener
])
def test_forms_that_are_no_range(text):
    assert [m for m in extract(text) if m.qualifier == "range"] == []


def test_a_range_across_midnight_is_two_times():
    times = of_kind("La fête a duré de 22h à 2h du matin.", "time")
    assert [(t.low, t.qualifier) for t in times] == [(1320, "exact"), (120, "exact")]


@pytest.mark.parametrize("text, phrase, low, high", [
    # Between figures of thousands, a range needs no opener and no noun when a key or the end follows.
    ("Entre 1 et 1,2 million de personnes pourraient défiler, dont 70 000 à 100 000 à Paris.", "70 000 à 100 000", 70000, 100000),
    ("Selon la police, ils seront 5 000 à 6 000.", "5 000 à 6 000", 5000, 6000),
    ("Les syndicats attendent 8.000 à 10.000 dans la capitale.", "8.000 à 10.000", 8000, 10000),
])
def test_a_bare_range_of_thousands_before_a_key_or_the_end(text, phrase, low, high):
    c = of_kind(text, "count")[-1]
    assert span(text, c) == phrase
    assert (c.low, c.high, c.qualifier) == (low, high, "range")


@pytest.mark.parametrize("text, values", [
    ("L'équipe a gagné 3 à 1.", [3, 1]),                          # a score, no figures of thousands
    ("Ils étaient 12 000 à Rennes, 9 000 à Brest.", [12000, 9000]),  # a figure and its key
    ("Le score : 100 à 98.", [100, 98]),                          # falling: two values
])
def test_bare_pairs_that_are_no_range(text, values):
    assert [c.low for c in of_kind(text, "count")] == values
    assert all(c.qualifier != "range" for c in of_kind(text, "count"))
