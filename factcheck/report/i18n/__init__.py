"""Report strings in the language of the desk: one catalogue a language (``fr.py``, ``en.py``).

    t = catalogue("fr")
    t["verdict.conflict"]                   # "contradiction"
    t.n("article", 3)                       # "3 articles"
    t.f("empty", found=0, declared=10, file="rules/x.yaml")
    t.note("planned versus actual")         # "prévu / effectif"

The language is decided once, by ``desk_language``: ``--lang`` (or the
config's ``lang``), else the rule files' ``language`` (the first story file's),
else the articles' language, else English.  Every renderer asks for it the same
way (``Comparison.language``).  A missing key falls back on English, so a new
label never breaks a report in another language.

The checks write their notes in English (that is the JSON's ``note``, a fixed
vocabulary); ``note.*`` entries hold the same phrases in each language, and
``Catalogue.note`` rewrites a note phrase by phrase.  A phrase it does not
know is shown as written.
"""

from __future__ import annotations

import importlib
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

LANGUAGES = ("fr", "en")
DEFAULT = "en"

# What each named field of a note template may hold (default: text within one phrase, shortest first;
# ``listed`` ends a note and may hold "; ").
_PHRASE = r"(?:(?!; ).)+?"
_FIELDS = {
    "listed": r".+",
    "modality": r"[a-z]+",
    "modalities": r"[a-z]+(?: versus [a-z]+)+",
    "hhmm": r"\d\d:\d\d",
    "when": r"\d\d \d\d:\d\d(?:–\d\d:\d\d)?",
    "hours": r"\d+",
    "minutes": r"\d\d",
}
_VERSUS = " versus "  # how the English notes join the sides' modalities and attributions


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

    def headline(self, *, articles: int, facts: int, conflicts: int, agreements: int, singles: int,
                 stories: int = 0, not_read: int = 0) -> str:
        """What a run found, in one line: "5 articles lus · 10 faits trouvés · 1 contradiction · ..."."""
        parts = [self.n("read", articles)] + ([self.n("story", stories)] if stories > 1 else [])
        parts += [self.n("found", facts), self.n("conflict", conflicts), self.n("agreement", agreements),
                  self.n("single", singles)] + ([self.n("not_read", not_read)] if not_read else [])
        return " · ".join(parts)

    def day(self, head) -> str:
        """An article's date as a report shows it: "2021-12-07", "2021-12-07, déduite", "non daté"."""
        if not head.date:
            return self["undated"]
        return self.f("date_inferred", date=head.date) if head.inferred else head.date

    def modality(self, word: str) -> str:
        return self.get(f"modality.{word}", word)

    def according(self, words: str) -> str:
        """Who says it: "selon la police"; words that already open an attribution ("d'après X") as written."""
        return words if words.lower().startswith(self.openers) else self.f("according_to", who=words)

    def severity(self, level: str) -> str:
        return self.get(f"severity.{level}", level)

    def value(self, text: str) -> str:
        """A side's value as the checks label it ("no claimant: 80 000", "21:05 UTC stated"), in the desk's words."""
        english = _english()["no_claimant"]
        text = re.sub(rf"(^|; ){re.escape(english)}: ", lambda m: f"{m.group(1)}{self['no_claimant']}: ", text)
        if self.code != DEFAULT:
            for key, pattern in _patterns("value."):
                m = pattern.fullmatch(text)
                if m:
                    return self[key].format(**m.groupdict())
        return text

    def note(self, text: str) -> str:
        """A note of the checks (English, phrases joined by "; ") in the desk's language."""
        if self.code == DEFAULT or not text:
            return text
        pieces = text.split("; ")
        out: list[str] = []
        i = 0
        while i < len(pieces):
            # the longest run of pieces a template knows ("spelling variants: ...; suggest X" holds a "; ")
            for j in range(len(pieces), i, -1):
                said = self._phrase("; ".join(pieces[i:j]))
                if said is not None:
                    out.append(said)
                    i = j
                    break
            else:
                out.append(pieces[i])
                i += 1
        return self["note.joiner"].join(out)

    def _phrase(self, phrase: str) -> str | None:
        for key, pattern in _patterns("note."):
            m = pattern.fullmatch(phrase)
            if m is None:
                continue
            fields = m.groupdict()
            if "modality" in fields:
                fields["modality"] = self.modality(fields["modality"])
            if "modalities" in fields:
                fields["modalities"] = self["versus"].join(self.modality(w) for w in fields["modalities"].split(_VERSUS))
            if "claims" in fields:
                fields["claims"] = self["versus"].join(self.according(c) for c in fields["claims"].split(_VERSUS))
            if "listed" in fields:
                fields["listed"] = self.value(fields["listed"])
            return self[key].format(**fields)
        return None


@lru_cache(maxsize=1)
def _english() -> dict[str, str]:
    return importlib.import_module(f"{__name__}.en").LABELS


@lru_cache(maxsize=4)
def _patterns(prefix: str) -> tuple[tuple[str, re.Pattern], ...]:
    """The English templates under ``prefix`` (notes, values) as patterns, in the catalogue's order (the
    more specific first)."""
    out = []
    for key, template in _english().items():
        if not key.startswith(prefix) or key == "note.joiner":
            continue
        parts = re.split(r"\{(\w+)\}", template)
        regex = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>{_FIELDS.get(p, _PHRASE)})"
                        for i, p in enumerate(parts))
        out.append((key, re.compile(regex)))
    return tuple(out)


def catalogue(code: str | None) -> Catalogue:
    code = code if code in LANGUAGES else DEFAULT
    english = _english()
    if code == "en":
        return Catalogue("en", english)
    return Catalogue(code, importlib.import_module(f"{__name__}.{code}").LABELS, english)


def report_catalogue(comparison, lang: str | None = None) -> Catalogue:
    """What every renderer speaks: ``lang`` (``--lang``) when given, else the comparison's language."""
    return catalogue(lang or getattr(comparison, "language", None))


def desk_language(requested: str | None, rule_languages: Iterable[str],
                  article_languages: Iterable[str] = ()) -> str:
    """The report's language: ``requested`` when given, else the first story rule file's language
    that has a catalogue, else the language most of the articles are in, else English."""
    if requested:
        return requested
    for code in rule_languages:
        if code in LANGUAGES:
            return code
    counted = Counter(code for code in article_languages if code in LANGUAGES)
    if counted:
        return sorted(counted.items(), key=lambda item: (-item[1], LANGUAGES.index(item[0])))[0][0]
    return DEFAULT
