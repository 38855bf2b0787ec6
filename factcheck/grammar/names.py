"""People and places: which capitalised words name someone, with their role.

A run of two or more capitalised words is a person unless one of its words is
known never to be part of a person's name (a place, an institution, a people,
a weekday).  A single capitalised word is a person only when it repeats the
surname of a person named in full in the same article, or when a role word or
a title stands right before it ("le président Poutine", "M. Macron").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from types import ModuleType

from ..semantics import person_key, place_key
from ..text import fold
from .patterns import Grammar
from .values import Value


@dataclass(frozen=True)
class _Words:
    function: frozenset[str]
    never: frozenset[str]
    particles: frozenset[str]
    places: dict[str, str]  # folded lower -> display name
    titles: frozenset[str]
    relational: frozenset[str]
    break_words: frozenset[str]
    inside: re.Pattern  # "dans la", "dans le": before the name of a room, a building, an area
    residence: re.Pattern  # "sa résidence de": before the name of the place someone lives or works in
    leading: frozenset[str]  # lower-case words dropped before a name: function words and particles
    leading_never: frozenset[str]  # the same and the never-person words


@lru_cache(maxsize=8)
def _words(lang: ModuleType) -> _Words:
    return _Words(
        function=frozenset(lang.FUNCTION_WORDS),
        never=frozenset(lang.NEVER_PERSON),
        particles=frozenset(lang.NAME_PARTICLES),
        places={fold(p).lower(): p for p in lang.PLACES},
        titles=frozenset(fold(t) for t in lang.TITLES),
        relational=frozenset(lang.RELATIONAL_ROLES),
        break_words=frozenset(lang.ROLE_BREAK_WORDS),
        inside=re.compile(rf"(?<![\w'-]){_alternation(lang.INSIDE_PREPOSITIONS)}\s+{_alternation(lang.ARTICLES_BEFORE_NAMES)}"
                          r"(?:(?<=')|\s+)$", re.IGNORECASE),
        residence=re.compile(rf"(?<![\w'-]){_alternation(lang.POSSESSIVE_DETERMINERS)}\s+{_alternation(lang.RESIDENCE_NOUNS)}"
                             rf"\s+{_alternation(lang.PLACE_NOUN_LINKS)}(?:(?<=')|\s+)$", re.IGNORECASE),
        leading=frozenset(lang.FUNCTION_WORDS) | frozenset(lang.NAME_PARTICLES),
        leading_never=frozenset(lang.FUNCTION_WORDS) | frozenset(lang.NAME_PARTICLES) | frozenset(lang.NEVER_PERSON),
    )


def _alternation(items) -> str:
    return "(?:" + "|".join(re.escape(fold(i)) for i in sorted(items, key=len, reverse=True)) + ")"


_TOKEN = re.compile(r"[A-Za-z'][A-Za-z'-]*")


def split_name(view: str, start: int, end: int, lang: ModuleType) -> list[tuple[int, int, str]]:
    """The tokens of a capitalised run, leading function words and titles dropped."""
    tokens = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(view, start, end)]
    return _trim(tokens, _words(lang), drop_never=False)


def _trim(tokens: list[tuple[int, int, str]], w: _Words, *, drop_never: bool) -> list[tuple[int, int, str]]:
    """Drop leading function words, particles and titles (and never-person words), and trailing particles."""
    leading = w.leading_never if drop_never else w.leading
    start, end = 0, len(tokens)
    while start < end and (tokens[start][2].lower() in leading or tokens[start][2] in w.titles):
        start += 1
    while end > start and tokens[end - 1][2].lower() in w.particles:
        end -= 1
    return tokens[start:end]


def classify(g: Grammar, view: str, text: str, start: int, end: int) -> list[Value]:
    """Person or place values for one capitalised run (before article-wide resolution)."""
    lang = g.lang
    w = _words(lang)
    tokens = split_name(view, start, end, lang)
    street = g.street_noun_before.search(view, max(0, tokens[0][0] - 20), tokens[0][0]) if tokens else None
    if street:
        # "la place d'Italie", "le pont Saint-Pierre": the noun is part of the place's name
        return [_place(text, street.start("noun"), tokens[-1][1])]
    if tokens and view[tokens[0][0]:tokens[-1][1]].lower() in w.places:
        return [_place(text, tokens[0][0], tokens[-1][1])]
    if tokens and g.place_noun_before.search(view, max(0, tokens[0][0] - 40), tokens[0][0]):
        # "le district de Pazarcik": the noun says it is a place
        return [_place(text, tokens[0][0], tokens[-1][1])]
    if tokens and w.residence.search(view, max(0, tokens[0][0] - 30), tokens[0][0]):
        # "sa résidence de Sotchi", "sa datcha de Botcharov Routcheï": a possessive residence is a place
        # ("la résidence de Vladimir Poutine" says whose it is).
        return [_place(text, tokens[0][0], tokens[-1][1])]
    if tokens and (_names_event(g, tokens[0][2]) or g.named_event_before.search(view, max(0, tokens[0][0] - 16), tokens[0][0])):
        # "Tempête Ciaran", "la tempête Ciaran", "l'ouragan Otis": the name of a weather event, no person
        return []
    all_tokens = tokens
    # The same run without its leading never-person words ("Kremlin Dmitri Peskov" -> "Dmitri Peskov").
    tokens = _trim(all_tokens, w, drop_never=True)
    if not tokens:
        # "Attentats de Moscou": every word is never a name, but a known place is still a place
        return [_place(text, s, e) for s, e, tok in all_tokens if tok.lower() in w.places]
    if g.article_before_name.search(view, max(0, tokens[0][0] - 6), tokens[0][0]):
        # "dans la Situation Room (de la Maison Blanche)": two capitalised words after "dans la" name a
        # place (a room, a building, an area), up to the first particle.
        if w.inside.search(view, max(0, tokens[0][0] - 12), tokens[0][0]):
            named = []
            for token in tokens:
                if token[2].lower() in w.particles or token[2].lower() in w.function:
                    break
                named.append(token)
            if len(named) >= 2:
                return [_place(text, named[0][0], named[-1][1])]
        # "la Situation Room", "de l'Intérieur Gérald Darmanin": the word after an article names a thing
        tokens = tokens[1:]
        while tokens and tokens[0][2].lower() in w.particles:
            tokens = tokens[1:]
        if not tokens:
            return [_place(text, s, e) for s, e, tok in all_tokens if tok.lower() in w.places]
    lowered = [t[2].lower() for t in tokens]
    capitalised = [t for t in tokens if t[2].lower() not in w.particles]
    if len(capitalised) == 1 and lowered[0] in w.places:
        return [_place(text, tokens[0][0], tokens[-1][1])]
    if any(t in w.never for t in lowered):
        # "Attentats de Moscou": no person, but a known place inside is still a place
        return [_place(text, s, e) for s, e, tok in tokens if tok.lower() in w.places]
    s, e = tokens[0][0], tokens[-1][1]
    if len(capitalised) >= 2:
        return [Value("person", text[s:e], text[s:e], text[s:e], s, e, extra={"full": True})]
    before = view[max(0, s - 40):s]
    # "à Tbilissi" may be a place the gazetteer lacks; "envoyée à Biden" is a person: decided
    # once the article's full names are known (resolve_people).
    place_candidate = bool(g.place_preposition.search(before)) and not g.reporting_before_a.search(before)
    return [Value("person", text[s:e], text[s:e], text[s:e], s, e, extra={"full": False, "place_candidate": place_candidate})]


def _names_event(g: Grammar, token: str) -> bool:
    """A run opening on a weather-event noun ("Tempête Ciaran", "L'ouragan Otis") names that event."""
    return g.named_event_before.fullmatch(token.rsplit("'", 1)[-1] + " ") is not None


def _place(text: str, s: int, e: int) -> Value:
    name = text[s:e]
    return Value("place", name, name, name, s, e, extra={"key": place_key(name)})


def resolve_people(g: Grammar, view: str, text: str, values: list[Value], sentence_of) -> list[Value]:
    """Keep the single words that really name a person, fill names, keys and roles."""
    lang = g.lang
    w = _words(lang)
    full = [v for v in values if v.kind == "person" and v.extra.get("full")]
    by_surname: dict[str, Value] = {}
    for v in full:
        parts = v.value.split()
        by_surname.setdefault(person_key(parts[-1]), v)
        by_surname.setdefault(fold(parts[-1]).lower(), v)
    kept: list[Value] = []
    for v in values:
        if v.kind != "person":
            kept.append(v)
            continue
        if v.extra.get("alias"):
            v.extra["key"] = person_key(v.value)
            kept.append(v)
            continue
        if not v.extra.get("full"):
            known = by_surname.get(person_key(v.value)) or by_surname.get(fold(v.value).lower())
            role = _role_before(g, view, text, v.start, sentence_of(v.start))
            titled = view[max(0, v.start - 5):v.start].rstrip().split(" ")[-1].rstrip(".") in w.titles
            if known is None and role is None and not titled:
                if v.extra.get("place_candidate"):
                    kept.append(_place(text, v.start, v.end))
                continue
            if known is not None:
                v.low = v.high = known.value
        v.value = v.low
        v.extra["key"] = person_key(v.low)
        v.extra["role"] = _role_before(g, view, text, v.start, sentence_of(v.start)) or _role_after(g, view, text, v.end)
        kept.append(v)
    return kept


def _role_before(g: Grammar, view: str, text: str, start: int, sentence_start: int) -> str | None:
    window_start = max(sentence_start, start - 110)
    window = view[window_start:start]
    last = None
    for m in g.role_word.finditer(window):
        last = m
    if last is None:
        return None
    between = window[last.end():]
    tokens = re.findall(r"[A-Za-z]+", between)
    if len(tokens) > 9 or any(t.lower() in _words(g.lang).break_words for t in tokens):
        return None
    if re.search(r"[.;:!?()\"]", between):
        return None
    if g.of_before_name.search(between):
        return None  # "ministre de la Santé", "conseiller de Joe Biden": not the role's holder
    role = text[window_start + last.start(): start].strip().rstrip(",").strip()
    return role or None


def _role_after(g: Grammar, view: str, text: str, end: int) -> str | None:
    m = g.apposition_role.match(view, end, min(len(view), end + 100))
    if not m:
        return None
    return text[m.start("role"):m.end("role")].strip() or None
