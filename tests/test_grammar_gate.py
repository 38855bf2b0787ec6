"""The master pattern's gate (only a figure, a sign, a capital or a word that starts some value lets the
alternatives be tried) is a speed device: it must never drop a match the alternatives alone would make.

Each text is read twice, with the gate and with the plain word-start gate it replaced; the matches (form,
span, every group) must be the same.  A new alternative whose first words the gate does not know fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from factcheck.grammar import Extractor
from factcheck.text import fold

ROOT = Path(__file__).resolve().parents[1]
PEER_FILE = ROOT.parent / "shared" / "peer" / "duckling_fr.yaml"

SENTENCES = [
    "Deux heures plus tard, Quinze mille personnes défilaient ; Mardi 7 et samedi 11 février.",
    "Entre 25 000 et 45 000 manifestants, de 10h05 à 11h10, du 3 au 6 mars, 6 à 8 000 soldats.",
    "Près d'une heure, une bonne demi-heure, quelque 94 000 soldats, des centaines de milliers, -1200, moins 1200.",
    "Le 14/03/2023, le 2023-03-14, le 14/03, 15 fév. 2013, mi-janvier, début décembre, en 2014, hier, aujourd'hui.",
    "À 18 heures précises, midi vingt, minuit dix, vers 15h30 heure de Moscou (13h30 GMT), avant 11h, à partir de 8h15.",
    "La deuxième fois, le 3e appel, 29,5 % des agents, 1,2 million, trois millions quatre cent mille, 100K, 1/4 h, 72h.",
    "Vingt-deux morts, cent un blessés, un peu moins de deux heures, une cinquantaine de minutes, 3 000 policiers environ.",
    "Le président Joe Biden et Vladimir Poutine, le porte-parole du Kremlin Dmitri Peskov, O'Brien, Jean-Pierre.",
    "Appelez le 04 91 22 33 44 ; 13001 Marseille ; score 2-0 ; résolution 2334 ; p. 12 ; Airbus A350 ; Bâle III.",
]


def _texts() -> list[str]:
    texts = list(SENTENCES)
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    if PEER_FILE.exists():
        from tests.peer.duckling import load_cases

        texts += [case.sentence for case in load_cases(PEER_FILE)]
    return texts


def _matches(pattern: re.Pattern, text: str) -> list[tuple]:
    view = fold(text)
    return [(m.lastgroup, m.span(), tuple(sorted((k, v) for k, v in m.groupdict().items() if v is not None)))
            for line in view.split("\n") for m in pattern.finditer(line)]


def test_the_gate_drops_no_match_the_alternatives_would_make():
    grammar = Extractor("fr").grammar
    master = grammar.master
    assert master.pattern.startswith(grammar.master_gate)
    ungated = re.compile(r"(?<!\w)(?=[\w\u2212-])" + master.pattern[len(grammar.master_gate):], master.flags)
    texts = _texts()
    assert len(texts) > len(SENTENCES)
    for text in texts:
        assert _matches(master, text) == _matches(ungated, text), text[:80]


# Forms a word-end test after a first word must not lose: words glued to the next one by the forms'
# own "\s*" ("vingtetun", "unedizaine", "enmars", "1erau 3 mars") and prefixes read as a whole
# ("quelquesjours", "premierement"), beside ordinary words that only begin like an opener.
GLUED = [
    "Ils étaient vingtetun, puis vingt-et-un, dix-sept et cent un.",
    "Il faut unedizaine de minutes, ladizaine, d'unecentaine de soldats.",
    "Rendez-vous enmars 2022, demars, depuis avril, pour décembre, jusqu'en mai.",
    "Du 1erau 3 mars, le premieret le 2 avril, premierement, le premier jour de mars.",
    "Quelquesjours, plusieursfois, quelque 200 soldats, à peu près 30 heures, mi-janvier, fin 2021.",
    "Il a déclaré avec les militaires américains que les Etats-Unis et les alliés pour la Maison Blanche.",
]


@pytest.mark.parametrize("text", SENTENCES + GLUED)
def test_every_guard_drops_no_match_the_alternatives_would_make(text):
    """The guards of each alternative (range, clock, date, quantity) and the gate together, against the
    same alternatives tried at every word start."""
    from factcheck.grammar import language
    from factcheck.grammar.patterns import build

    guarded = Extractor("fr").grammar.master
    unguarded = build(language("fr"), guarded=False).master
    assert _matches(guarded, text) == _matches(unguarded, text)


def test_every_guard_drops_no_match_on_the_seeds_and_the_peer_corpus():
    from factcheck.grammar import language
    from factcheck.grammar.patterns import build

    guarded = Extractor("fr").grammar.master
    unguarded = build(language("fr"), guarded=False).master
    for text in _texts():
        assert _matches(guarded, text) == _matches(unguarded, text), text[:80]


@pytest.mark.parametrize("word", ["selon", "homme", "soldats", "frontiere", "negociations", "guerre",
                                  # words that only begin like an opener: "de", "a", "mi", "pour", "un", "des"
                                  "declare", "avec", "militaire", "pourparlers", "unis", "designe", "ensuite"])
def test_the_gate_stops_common_words_that_start_no_value(word):
    """The gate is worth having: ordinary lower-case words are refused after one test."""
    grammar = Extractor("fr").grammar
    assert re.compile(grammar.master_gate, grammar.master.flags).match(word) is None


@pytest.mark.parametrize("word", ["deux", "Deux", "1200", "-1200", "entre", "mardi", "Biden", "environ",
                                  "de", "a", "un", "une", "vingtetun", "unedizaine", "enmars", "quelquesjours",
                                  "premierement", "d'avril"])
def test_the_gate_lets_value_starts_through(word):
    grammar = Extractor("fr").grammar
    assert re.compile(grammar.master_gate, grammar.master.flags).match(word) is not None
