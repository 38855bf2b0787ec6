"""Report strings in the language of the desk: one catalogue a language (``fr.py``, ``en.py``).

    t = catalogue("fr")
    t["verdict.conflict"]                   # "conflit"
    t.n("article", 3)                       # "3 articles"
    t.f("empty", found=0, declared=10, file="rules/x.yaml")

The language comes from ``--lang``, else the rule files' ``language`` (the
first story file's), else English.  A missing key falls back on English, so a
new label never breaks a report in another language.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable

LANGUAGES = ("fr", "en")
DEFAULT = "en"


class Catalogue(dict):
    """The labels of one language (a dict), with English underneath for missing keys."""

    def __init__(self, code: str, labels: dict[str, str], fallback: dict[str, str] | None = None) -> None:
        super().__init__(fallback or {})
        self.update(labels)
        self.code = code
        module = importlib.import_module(f"{__name__}.{code}")
        # words that open an attribution ("selon", "d'après"): such raw words are shown as written
        self.openers: tuple[str, ...] = tuple(getattr(module, "ATTRIBUTION_OPENERS", ()))

    def f(self, key: str, **values) -> str:
        return self[key].format(**values)

    def n(self, key: str, count: int, **values) -> str:
        """A counted noun: ``key.one`` or ``key.many`` ("1 article", "2 articles")."""
        form = self[f"{key}.one"] if count == 1 or (self.code == "fr" and count == 0) else self[f"{key}.many"]
        return form.format(n=count, **values)


def catalogue(code: str | None) -> Catalogue:
    code = code if code in LANGUAGES else DEFAULT
    english = importlib.import_module(f"{__name__}.en").LABELS
    if code == "en":
        return Catalogue("en", english)
    return Catalogue(code, importlib.import_module(f"{__name__}.{code}").LABELS, english)


def desk_language(requested: str | None, rule_languages: Iterable[str]) -> str:
    """``requested`` when given, else the first story rule file's language that has a catalogue, else English."""
    if requested:
        return requested
    for code in rule_languages:
        if code in LANGUAGES:
            return code
    return DEFAULT
