"""Canonical keys for names, so that spelling variants of one name meet.

Transliterations of Russian and Ukrainian names differ between outlets and
languages (Ryabkov/Riabkov, Zelensky/Zelenskiy/Zelenskyy, Poutine/Putin); the
key folds accents and case, then the spelling choices that transliteration
leaves open.  A person's key is the key of the surname, so "Sergueï Ryabkov"
and "Riabkov" meet.
"""

from __future__ import annotations

import re

from .text import fold

# Ordered rewrites: each maps spellings that transliterations use for one sound.
_REWRITES = (
    (re.compile(r"ou"), "u"),
    (re.compile(r"[yj]"), "i"),
    (re.compile(r"sh|sch"), "ch"),  # Shoigu / Choïgou, Shevchenko / Chevtchenko
    (re.compile(r"gu(?=[ei])"), "g"),
    (re.compile(r"ck"), "k"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"w"), "v"),
    (re.compile(r"tch|tsch|ch"), "ch"),
    (re.compile(r"(.)\1+"), r"\1"),
)


def spelling_key(word: str) -> str:
    """A transliteration-blind key of one word."""
    key = re.sub(r"[^a-z]", "", fold(word).lower())
    for pattern, repl in _REWRITES:
        key = pattern.sub(repl, key)
    if len(key) > 4 and key.endswith("e"):
        key = key[:-1]  # Poutine / Putin
    return key


def person_key(name: str) -> str:
    """The key of a person: the spelling key of the surname (the last word)."""
    words = [w for w in re.split(r"\s+", fold(name).strip()) if w]
    if not words:
        return ""
    # An elided particle written against the surname is no part of it: "Giscard d'Estaing".
    return spelling_key(re.sub(r"^[a-z]{1,2}'(?=\w)", "", words[-1]))


def place_key(name: str) -> str:
    """The key of a place: its folded, lower-case name."""
    return " ".join(fold(name).lower().replace("-", " ").split())
