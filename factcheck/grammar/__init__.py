"""The value grammar: every value mention of an article, in one pass over its text.

    extractor = Extractor("fr", aliases={"chef du kremlin": "Vladimir Poutine"})
    mentions = extractor.extract(article)

The master pattern (``patterns.build``) is compiled once per language and
alias set; ``extract`` runs it once over the folded view of the text, with
page furniture blanked out, then reads each match into a ``Mention``.
"""

from __future__ import annotations

import bisect
from functools import lru_cache
from importlib import import_module
from types import ModuleType

from dataclasses import replace

from ..model import Article, Mention
from ..pubdate import dateline_place
from ..text import Span, clauses, fold, sentences
from . import context, names, values
from .patterns import Grammar, build

_DATE_FORMS = ("ndate", "date", "mpart", "month", "year", "weekday", "relday")


def language(code: str) -> ModuleType:
    try:
        return import_module(f"factcheck.lang.{code}")
    except ModuleNotFoundError:
        raise ValueError(f"no language data for {code!r}") from None


@lru_cache(maxsize=16)
def _grammar(code: str, aliases: tuple[str, ...]) -> Grammar:
    return build(language(code), aliases)


class Extractor:
    """Reads value mentions out of articles in one language."""

    def __init__(self, language_code: str = "fr", aliases: dict[str, str] | None = None):
        # A canonical name is read by the name grammar (with its role); only descriptions need aliases.
        self.aliases = {
            fold(k).lower(): v for k, v in (aliases or {}).items() if fold(k).lower() != fold(v).lower()
        }
        self.grammar = _grammar(language_code, tuple(sorted(self.aliases)))

    def extract(self, article: Article) -> list[Mention]:
        return self.extract_with_view(article)[1]

    def extract_with_view(self, article: Article) -> tuple[str, list[Mention]]:
        """The mentions, with the folded view they were read from (rules match on it too)."""
        g = self.grammar
        text = article.text
        view = self._view(article)
        ref = values.Reference.from_iso(article.meta.date)
        place = dateline_place(view, article.body_start, article.meta.language)
        if place and place in g.lang.CITY_ZONES:
            ref = replace(ref, zone=g.lang.CITY_ZONES[place])  # "heure locale" is the dateline's
        sentence_spans = sentences(view, article.body_start, lang=g.lang)
        starts = [s.start for s in sentence_spans]

        def sentence_at(offset: int) -> Span:
            i = max(0, bisect.bisect_right(starts, offset) - 1)
            return sentence_spans[i] if sentence_spans else Span(0, len(text))

        found: list[values.Value] = []
        for m in _matches(g, view, article.body_start):
            form = m.lastgroup
            if form == "nonvalue":
                continue  # a phone number, a postcode, a score: no value
            if form == "range":
                found.extend(values.read_range(g, m, view, ref, text))
                continue
            if form in ("paired", "time"):
                value = values.read_time(g, m, view, ref)
            elif form in _DATE_FORMS:
                found.extend(values.read_dates(g, m, view, ref))
                continue
            elif form == "hfrac":
                value = values.read_hour_fraction(g, m, view)
            elif form == "quantity":
                value = values.read_quantity(g, m, view, ref, text)
            elif form == "ordinal":
                value = values.read_ordinal(g, m, view, ref)
            elif form == "alias":
                value = self._alias(m, text)
            else:
                found.extend(names.classify(g, view, text, m.start(), m.end()))
                continue
            if value is not None:
                found.append(value)

        found = names.resolve_people(g, view, text, _drop_alias_roles(found), lambda o: sentence_at(o).start)
        mentions = []
        # Clauses, modality cues and claimants are read once a sentence, for all its values.
        clause_cache: dict[int, list[Span]] = {}
        cue_cache: dict[int, list] = {}
        claimant_cache: dict[tuple[int, int], list[context.Claimant]] = {}
        of_sentence: dict[int, dict] = {}
        for v in found:
            sentence = sentence_at(v.start)
            if sentence.start not in clause_cache:
                clause_cache[sentence.start] = clauses(view, sentence, g.lang)
                cue_cache[sentence.start] = context.modality_cues(g, view, sentence, text)
            clause = _clause_at(clause_cache[sentence.start], v.start, sentence)
            if (clause.start, sentence.start) not in claimant_cache:
                claimant_cache[clause.start, sentence.start] = context.claimants(
                    g, view, text, clause, sentence, of_sentence.setdefault(sentence.start, {}))
            mentions.append(Mention(
                article=article.id, source=article.meta.source, kind=v.kind, value=values.describe(v), low=v.low, high=v.high,
                start=v.start, end=v.end, quote=text[sentence.start:sentence.end], unit=v.unit,
                qualifier=v.qualifier, modality=context.modality(cue_cache[sentence.start], v.start, v.end, clause),
                role=v.extra.get("role"), attribution=context.pick(claimant_cache[clause.start, sentence.start], v.start, v.end),
                key=v.extra.get("key"), tz=v.tz, noun=v.noun, relation=v.relation, granularity=v.granularity,
                paired=v.paired, sentence_start=sentence.start, sentence_end=sentence.end,
                clause_start=clause.start, clause_end=clause.end,
            ))
        return view, mentions

    def _view(self, article: Article) -> str:
        """The folded text with the front matter and page furniture blanked (same length)."""
        g = self.grammar
        view = fold(article.text)
        chars = None
        for pattern in (g.furniture_lines, g.furniture_spans):
            for m in pattern.finditer(view):
                chars = chars if chars is not None else list(view)
                chars[m.start():m.end()] = " " * (m.end() - m.start())
        if article.body_start:
            chars = chars if chars is not None else list(view)
            chars[:article.body_start] = " " * article.body_start
        return "".join(chars) if chars is not None else view

    def _alias(self, m, text: str) -> values.Value | None:
        name = self.aliases.get(" ".join(m.group(0).lower().split()))
        if name is None:
            return None
        return values.Value("person", name, name, name, m.start(), m.end(), extra={"alias": True, "full": True})


def _matches(g: Grammar, view: str, start: int):
    """The master pattern's matches, line by line: no value runs across a line break."""
    end = len(view)
    while start < end:
        stop = view.find("\n", start)
        stop = end if stop < 0 else stop
        if stop > start:
            yield from g.master.finditer(view, start, stop)
        start = stop + 1


def _drop_alias_roles(found: list[values.Value]) -> list[values.Value]:
    """"le chef du Kremlin Vladimir Poutine": the alias is the person's role, not a second mention."""
    kept = []
    for i, v in enumerate(found):
        nxt = found[i + 1] if i + 1 < len(found) else None
        if v.extra.get("alias") and nxt is not None and nxt.kind == "person" and 0 <= nxt.start - v.end <= 3:
            continue
        kept.append(v)
    return kept


def _clause_at(spans: list[Span], offset: int, sentence: Span) -> Span:
    for span in spans:
        if span.start <= offset < span.end:
            return span
    return sentence
