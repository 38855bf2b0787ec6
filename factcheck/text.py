"""Matching views of an article's text, and its sentences and clauses.

Every view has exactly the length of the text as loaded, character for
character, so an offset found in a view is an offset into the article: a quote
is always ``article.text[start:end]``.

- ``normalise``: typographic apostrophes, quotes and spaces made plain.
- ``fold``: ``normalise`` plus accents stripped (é -> e), case kept.  Rules'
  cue patterns and the value grammar match on this view.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from types import ModuleType
from typing import Sequence

# One character in, one character out: offsets survive.
_PLAIN = {
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "`": "'", "\u00b4": "'",
    "\u00ab": '"', "\u00bb": '"', "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2039": '"', "\u203a": '"',
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "\u2002": " ", "\u2003": " ", "\u200a": " ",
    "\u2013": "-", "\u2014": "-", "\u2011": "-", "\u2010": "-", "\u2212": "-",
    "\t": " ",
}


@lru_cache(maxsize=1)
def _normalise_table() -> dict[int, str]:
    return {ord(k): v for k, v in _PLAIN.items()}


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    table = dict(_normalise_table())
    # Latin-1 Supplement and Latin Extended-A/B: strip the accent when the
    # character decomposes to one base letter plus combining marks.
    for code in range(0x00C0, 0x0250):
        ch = chr(code)
        base = unicodedata.normalize("NFD", ch)
        letters = [c for c in base if not unicodedata.combining(c)]
        if len(letters) == 1 and letters[0] != ch and letters[0].isascii():
            table[code] = letters[0]
    return table


def normalise(text: str) -> str:
    """Typographic apostrophes, guillemets and special spaces made plain; same length."""
    return text.translate(_normalise_table())


@lru_cache(maxsize=1)
def _foldable() -> re.Pattern:
    return re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_fold_table())) + "]")


# A whole article: str.translate looks every character up in the table, while French news has
# an accent every 25 characters or so; past this length only the characters to fold are visited.
_LONG = 200
_last_fold: tuple[str, str] = ("", "")  # (text, folded): an article is folded by several stages


def fold(text: str) -> str:
    """``normalise`` plus accents stripped; same length, case kept."""
    global _last_fold
    if len(text) < _LONG:
        return text.translate(_fold_table())
    if _last_fold[0] is text:
        return _last_fold[1]
    table = _fold_table()
    folded = _foldable().sub(lambda m: table[ord(m.group())], text)
    _last_fold = (text, folded)
    return folded


def fold_key(text: str) -> str:
    """A comparison key: folded, lower case, spaces squeezed (length not kept)."""
    return " ".join(fold(text).lower().split())


@dataclass(frozen=True)
class Span:
    start: int
    end: int


# A sentence ends at a line break, or at a full stop followed by a capital.
_SENTENCE_BREAK = re.compile(
    r"\n+|(?:(?<=[.!?])|(?<=[.!?][\"')\]]))\s+(?=[\"(\[-]?\s*[A-Z0-9])"
)


@lru_cache(maxsize=None)
def _breaks(lang: ModuleType) -> tuple[re.Pattern, re.Pattern]:
    """One language's clause breaks and sentence-ending exceptions (its words in ``lang/<code>.py``).

    Clause breaks inside a sentence: punctuation (not the decimal comma of "1,28"), and a conjunction
    before a determiner.  Abbreviation: a full stop that ends an abbreviation, not a sentence.
    """
    def alternation(words: Sequence[str]) -> str:
        return "|".join(re.escape(word) for word in words)

    clause = re.compile(rf"[;:]|(?<!\d),|,(?!\d)|\s(?=(?:{alternation(lang.CLAUSE_CONJUNCTIONS)})\s+"
                        rf"(?:{alternation(lang.CLAUSE_DETERMINERS)})\b)")
    abbreviation = re.compile(rf"(?:^|[\s(])(?:{alternation(lang.SENTENCE_ABBREVIATIONS)}|[A-Z])\.$")
    return clause, abbreviation


def _language(lang: ModuleType | None) -> ModuleType:
    if lang is not None:
        return lang
    from .lang import fr  # the grammar's default language, as Extractor's

    return fr


# Longer than any sentence a newsroom writes; a run-on beyond it is cut at a space.
# Everything done a sentence (quotes, cues, claimants, parentheses) is then
# bounded, so the work on a text stays linear in its length.
MAX_SENTENCE = 1_500


_last_sentences: tuple[str, tuple[int, int, ModuleType | None], tuple[Span, ...]] = ("", (0, 0, None), ())


def sentences(view: str, start: int = 0, end: int | None = None, lang: ModuleType | None = None) -> list[Span]:
    """Sentence spans of ``view`` (a folded or normalised text) between ``start`` and ``end``.

    A span is at most ``MAX_SENTENCE`` characters: a longer run is cut at its
    last space before the bound (or at the bound).  ``lang``: the language
    module whose abbreviations end no sentence (French when not given).
    """
    global _last_sentences
    end = len(view) if end is None else end
    lang = _language(lang)
    if _last_sentences[0] is view and _last_sentences[1] == (start, end, lang):
        return list(_last_sentences[2])  # the grammar and the binding both cut an article into sentences
    abbreviation = _breaks(lang)[1]
    spans: list[Span] = []
    pos = start
    for m in _SENTENCE_BREAK.finditer(view, start, end):
        if m.group(0)[0] != "\n" and abbreviation.search(view, max(start, m.start() - 5), m.start()):
            continue
        _add_bounded(spans, view, pos, m.start())
        pos = m.end()
    _add_bounded(spans, view, pos, end)
    _last_sentences = (view, (start, end, lang), tuple(spans))
    return spans


def _add_bounded(spans: list[Span], view: str, start: int, end: int) -> None:
    while end - start > MAX_SENTENCE:
        cut = view.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        _add(spans, view, start, cut)
        start = cut
    _add(spans, view, start, end)


def clauses(view: str, sentence: Span, lang: ModuleType | None = None) -> list[Span]:
    """Clause spans inside one sentence (``lang``: whose conjunctions break clauses; French when not given)."""
    spans: list[Span] = []
    pos = sentence.start
    for m in _breaks(_language(lang))[0].finditer(view, sentence.start, sentence.end):
        _add(spans, view, pos, m.start())
        pos = m.end()
    _add(spans, view, pos, sentence.end)
    return spans or [sentence]


def _add(spans: list[Span], view: str, start: int, end: int) -> None:
    part = view[start:end]
    kept = part.strip()  # str.strip drops what str.isspace calls a space
    if kept:
        start += len(part) - len(part.lstrip())
        spans.append(Span(start, start + len(kept)))


def line_of(text: str, offset: int) -> int:
    """1-based line number of ``offset`` in ``text``."""
    return text.count("\n", 0, offset) + 1
