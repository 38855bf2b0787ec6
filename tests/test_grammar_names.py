"""People without noise: words of institutions, the domain of a role, the one a role serves."""

from __future__ import annotations

import pytest

from test_grammar import of_kind


def people(text: str) -> list[tuple[str, str | None]]:
    return [(m.value, m.role) for m in of_kind(text, "person")]


@pytest.mark.parametrize("text", [
    "Le ministre de la Santé a présenté son plan.",
    "La ministre de l'Intérieur s'est exprimée.",
    "Un responsable de Force ouvrière en Loire-Atlantique a pris la parole.",
    "Le président du Conseil constitutionnel a tranché.",
    "Joe Biden s'installera dans la Situation Room.",
    "Les manifestants se sont réunis devant l'Hôtel de Ville.",
    "Le maire de Vénissieux a ouvert un gymnase.",
])
def test_a_word_of_an_institution_or_a_place_is_no_person(text):
    assert [name for name, _ in people(text) if name != "Joe Biden"] == []


def test_the_holder_after_the_domain_keeps_the_role():
    found = people("Le ministre de l'Intérieur Gérald Darmanin a donné les chiffres.")
    assert [name for name, _ in found] == ["Gérald Darmanin"]
    assert "ministre" in (found[0][1] or "")


def test_the_one_a_role_serves_does_not_take_the_role():
    found = dict(people("Jake Sullivan, proche de Joe Biden, a parlé à un conseiller de Joe Biden."))
    assert "Joe Biden" in found
    assert found["Joe Biden"] is None or "conseiller" not in found["Joe Biden"]


def test_a_role_with_a_holder_still_reads():
    found = dict(people("La porte-parole Jen Psaki a confirmé l'appel."))
    assert "porte-parole" in (found["Jen Psaki"] or "")


@pytest.mark.parametrize("text, places", [
    ("Le séisme a frappé le district de Pazarcik, dans la province de Kahramanmaras.", ["Pazarcik", "Kahramanmaras"]),
    ("Les secours arrivent dans la région de Hatay.", ["Hatay"]),
    ("La ville d'Antakya est en ruines.", ["Antakya"]),
])
def test_a_name_after_an_administrative_noun_is_a_place(text, places):
    assert [p.value for p in of_kind(text, "place")] == places
    assert of_kind(text, "person") == []


@pytest.mark.parametrize("text", [
    "Le ministre de la Défense Sergueï Choïgou est arrivé.",  # a ministry, then its holder
    "La province de la capitale est touchée.",                 # a lowercase word after "de"
    "Il a visité la résidence de Vladimir Poutine.",           # a residence noun is no administrative noun
])
def test_no_place_without_an_administrative_noun_before_the_name(text):
    assert of_kind(text, "place") == []


@pytest.mark.parametrize("text, places", [
    ("Le cortège partira à 14 heures de la place d'Italie.", ["place d'Italie"]),
    ("Midi place des Quinconces à Bordeaux, puis le pont Saint-Pierre.", ["place des Quinconces", "Bordeaux", "pont Saint-Pierre"]),
    ("Ils ont remonté le boulevard de l'Hôpital jusqu'à la place Vauban.", ["boulevard de l'Hôpital", "place Vauban"]),
    ("À Lille, le cortège est parti de la porte de Paris.", ["Lille", "porte de Paris"]),  # a gate of Lille
])
def test_a_street_noun_and_its_name_are_one_place(text, places):
    assert [p.value for p in of_kind(text, "place")] == places
    assert of_kind(text, "person") == []


@pytest.mark.parametrize("text, places", [
    ("Il a séjourné en Italie puis à Rome.", ["Italie", "Rome"]),   # no street noun: the country and the city
    ("Le cours de l'euro a baissé à Paris.", ["Paris"]),            # a lowercase word after the noun
    ("Au cours de la Coupe du monde, Lyon a vibré.", ["Lyon"]),     # "au cours de" is no street
])
def test_no_street_place_without_a_street_noun_and_a_name(text, places):
    assert [p.value for p in of_kind(text, "place")] == places


@pytest.mark.parametrize("text, places", [
    ("Joe Biden s'installera dans la Situation Room, la salle de crise.", ["Situation Room"]),
    ("Le président parlait depuis le Bureau Ovale de la Maison Blanche.", ["Bureau Ovale"]),
    ("Le président russe s'exprimait depuis sa résidence de Sotchi.", ["Sotchi"]),
    ("Il s'est exprimé depuis sa datcha de Botcharov Routcheï.", ["Botcharov Routcheï"]),
])
def test_rooms_after_dans_la_and_possessive_residences_are_places(text, places):
    assert [p.value for p in of_kind(text, "place")] == places
    assert [name for name, _ in people(text) if name not in ("Joe Biden",)] == []


@pytest.mark.parametrize("text", [
    "Il a lu l'entretien dans Le Monde.",                 # one word after the article: a title, no place
    "Il a visité la résidence de Vladimir Poutine.",      # no possessive: whose residence it is
    "Elle travaille dans la Maison Blanche.",             # words of an institution
])
def test_no_room_or_residence_place(text):
    assert [p.value for p in of_kind(text, "place")] == []


# --- weather events take given names ----------------------------------------------

@pytest.mark.parametrize("text", [
    "Tempête Eunice : des rafales à 150 km/h sur la Manche.",
    "La tempête Eunice a balayé le nord du pays. Eunice a faibli dans la nuit.",
    "L'ouragan Katrina a noyé La Nouvelle-Orléans.",
    "Le Cyclone Idai s'est abattu sur le Mozambique.",
    "Le typhon Hagibis a touché Tokyo samedi.",
    "Après les tempêtes Dudley et Franklin, le Royaume-Uni se prépare.",
    "La dépression Aline arrive sur la Bretagne.",
])
def test_the_name_of_a_storm_is_no_person(text):
    assert people(text) == []


@pytest.mark.parametrize("text, person", [
    ("La tempête a coûté la vie à Pierre Lemoine, un agriculteur de la Somme.", "Pierre Lemoine"),
    ("Après l'ouragan, Marie Duval a rouvert son restaurant.", "Marie Duval"),
    ("Le typhon est passé, a indiqué le préfet Jean Martin.", "Jean Martin"),
    ("Pendant la tempête, le maire Hugo Perrin a ouvert le gymnase.", "Hugo Perrin"),
])
def test_a_person_named_near_a_storm_noun_stays_a_person(text, person):
    assert [p for p, _ in people(text)] == [person]


@pytest.mark.parametrize("text", [
    "Feu des Vosges : 800 hectares brûlés.",
    "Incendie de Martigues : les habitants évacués rentrent chez eux.",
    "Séisme au Maroc : le bilan dépasse 2 000 morts.",
    "Grève des Contrôleurs : la SNCF prévoit un train sur deux.",
])
def test_a_title_opening_on_the_noun_of_an_event_names_no_person(text):
    assert people(text) == []


@pytest.mark.parametrize("text, person", [
    ("Le feu a menacé la ferme de Paul Martin, a indiqué la mairie.", "Paul Martin"),
    ("Incendie : Claire Bonnet, maire du village, a ouvert la salle des fêtes.", "Claire Bonnet"),
])
def test_a_person_named_beside_an_event_noun_stays_a_person(text, person):
    assert [p for p, _ in people(text)] == [person]
