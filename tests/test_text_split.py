"""Sentences and clauses (text.sentences, text.clauses): the language's words come from lang/<code>.py."""

from __future__ import annotations

import types

import pytest

from factcheck.lang import fr
from factcheck.text import Span, clauses, sentences


def _sentences(text: str, lang=None) -> list[str]:
    return [text[s.start:s.end] for s in sentences(text, lang=lang)]


def _clauses(text: str, lang=None) -> list[str]:
    return [text[c.start:c.end] for c in clauses(text, Span(0, len(text)), lang)]


@pytest.mark.parametrize("text", [
    "M. Macron a reçu Mme Borne. Le président a parlé.",
    "Selon le Dr Martin, il va bien. La suite est attendue.",
    "J. Biden a appelé V. Poutine. Les deux hommes ont parlé.",
    "Voir p. 12 du rapport. Le reste suit.",
])
def test_an_abbreviation_or_an_initial_ends_no_sentence(text):
    assert len(_sentences(text)) == 2


@pytest.mark.parametrize("text, expected", [
    ("Le bilan a été révisé. Les secours cherchent encore.", 2),
    ("L'appel a duré 50 min. Ensuite, les deux présidents ont parlé.", 2),  # "min" is no abbreviation here
    ("Il est arrivé à 15 h. Le sommet a commencé.", 2),
    ("Premier titre\nDeuxième ligne", 2),
])
def test_a_full_stop_before_a_capital_or_a_line_break_ends_a_sentence(text, expected):
    assert len(_sentences(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Les syndicats comptent 2 millions et la police en compte 1,27 million",
     ["Les syndicats comptent 2 millions", "et la police en compte 1,27 million"]),
    ("La CGT annonce 400 000, tandis que la préfecture en recense 80 000",
     ["La CGT annonce 400 000", "tandis que la préfecture en recense 80 000"]),
    ("Il a parlé ; puis les ministres ont voté", ["Il a parlé", "puis les ministres ont voté"]),
])
def test_punctuation_and_a_conjunction_before_a_determiner_break_clauses(text, expected):
    assert _clauses(text) == expected


@pytest.mark.parametrize("text", [
    "Paris et Lyon ont défilé",  # no determiner after "et"
    "1,28 million de manifestants",  # a decimal comma
    "entre 12 et 15 heures",
    "mais aussi à Marseille",
])
def test_what_breaks_no_clause(text):
    assert _clauses(text) == [text]


def test_the_words_are_the_languages_data_not_the_codes():
    other = types.ModuleType("factcheck.lang.test_other")
    other.SENTENCE_ABBREVIATIONS = ("Mr",)
    other.CLAUSE_CONJUNCTIONS = ("and",)
    other.CLAUSE_DETERMINERS = ("the",)
    # French data: "Mr." ends a sentence, "et les" breaks a clause; the other language: the reverse.
    assert len(_sentences("Mr. Smith came. He left.", fr)) == 3
    assert len(_sentences("Mr. Smith came. He left.", other)) == 2
    assert _clauses("Paris vote et les autres suivent", fr) == ["Paris vote", "et les autres suivent"]
    assert _clauses("Paris vote et les autres suivent", other) == ["Paris vote et les autres suivent"]
    assert _clauses("Paris votes and the others follow", other) == ["Paris votes", "and the others follow"]
    # The French default is used when no language is given.
    assert _clauses("Paris vote et les autres suivent") == _clauses("Paris vote et les autres suivent", fr)
