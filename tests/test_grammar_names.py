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
