"""What a sentence says about its values: modality (planned or actual) and attribution (who says so)."""

from __future__ import annotations

from ..text import Span, fold, normalise
from .patterns import Grammar

def modality_cues(g: Grammar, view: str, sentence: Span, text: str | None = None) -> list[tuple[int, int, str]]:
    """Every modality cue of a sentence, found once and shared by all its values.

    ``text`` (the article as loaded) tells an auxiliary from a word that only
    folds to it: "à Genève" is no "a" + participle.
    """
    cues = []
    for label, pattern in (("planned", g.planned), ("actual", g.actual)):
        for m in pattern.finditer(view, sentence.start, sentence.end):
            if _counts(g, m, label, view, text):
                cues.append((m.start(), m.end(), label))
    return cues


def modality(cues: list[tuple[int, int, str]], start: int, end: int, clause: Span) -> str:
    """The modality of the verb nearest the value: in its clause first, else in its sentence."""
    for in_clause in (True, False):
        best: tuple[int, str] | None = None
        for cue_start, cue_end, label in cues:
            if in_clause and not (clause.start <= cue_start and cue_end <= clause.end):
                continue
            distance = cue_start - end if cue_start >= end else start - cue_end
            if distance < 0:
                continue  # the cue overlaps the value itself
            if best is None or distance < best[0]:
                best = (distance, label)
        if best is not None:
            return best[1]
    return "unknown"


def _counts(g: Grammar, m, label: str, view: str, text: str | None) -> bool:
    lang = g.lang
    if label == "planned":
        future = m.group("future")
        return future is None or future.lower() not in lang.FUTURE_STOPWORDS
    participle = m.group("participle")
    if participle is None:
        return True
    participle = participle.lower()
    aux_start, aux_end = m.span("aux")
    if text is not None and normalise(text[aux_start:aux_end]) != view[aux_start:aux_end]:
        return False  # the "auxiliary" lost an accent in the folded view: a preposition ("à"), not a verb
    # "a déclaré" tells who speaks, not that the event took place; "est prévu" is a plan;
    # "est là depuis": a function word is no participle.
    return participle not in g.not_participles


_LEAD_WINDOW = 400

# A claimant found in a sentence: (start, end, who as written).
Claimant = tuple[int, int, str]


def claimants(g: Grammar, view: str, text: str, clause: Span, sentence: Span,
              of_sentence: dict | None = None) -> list[Claimant]:
    """Who the sentence says states the values of a clause, as written: "la Maison Blanche".

    The first kind that names someone wins: "selon X" in the clause, then in the
    sentence, then ", a déclaré X", then "X a déclaré que"; every claimant of
    that kind is kept, so that each value can take the nearest (``pick``).
    ``of_sentence``: a dict kept for the sentence, where the sentence's own
    claimants are put for its other clauses.
    """
    found = _named(g, g.attribution_selon, view, text, clause)
    if found:
        return found
    if of_sentence is None:
        return _sentence_claimants(g, view, text, sentence)
    if "claimants" not in of_sentence:
        of_sentence["claimants"] = _sentence_claimants(g, view, text, sentence)
    return of_sentence["claimants"]


def _named(g: Grammar, pattern, view: str, text: str, scope: Span) -> list[Claimant]:
    found = []
    for m in pattern.finditer(view, scope.start, scope.end):
        who = text[m.start("who"):m.end("who")].strip(" ,\"'«»")
        if _names_someone(g, who):
            found.append((m.start(), m.end(), who))
    return found


def _sentence_claimants(g: Grammar, view: str, text: str, sentence: Span) -> list[Claimant]:
    for pattern in (g.attribution_selon, g.attribution_after):
        found = _named(g, pattern, view, text, sentence)
        if found:
            return found
    # "X a déclaré que": X is at most 140 characters, the verb group a few dozen; a window keeps it linear.
    m = g.attribution_before.match(view, sentence.start, min(sentence.end, sentence.start + _LEAD_WINDOW))
    if m:
        who = text[m.start("who"):m.end("who")].strip(" ,\"'«»")
        if _names_someone(g, who):
            return [(m.start(), m.end(), who)]
    return []


def pick(found: list[Claimant], start: int, end: int) -> str | None:
    """The claimant nearest a value: "30 000 selon la police et 100 000 selon les organisateurs"."""
    if not found:
        return None
    if len(found) == 1:
        return found[0][2]
    return min(found, key=lambda c: c[0] - end if c[0] >= end else abs(start - c[1]))[2]


def attribution(g: Grammar, view: str, text: str, clause: Span, sentence: Span,
                start: int | None = None, end: int | None = None) -> str | None:
    """Who states the value at ``start``..``end`` (or the clause's first claimant)."""
    found = claimants(g, view, text, clause, sentence)
    if start is None or end is None:
        return found[0][2] if found else None
    return pick(found, start, end)


def _names_someone(g: Grammar, who: str) -> bool:
    """A pronoun or a lone function word ("Il a déclaré que") states something but names nobody."""
    return bool(who) and fold(who).lower() not in g.function_words


# ---------------------------------------------------------------------------
# Facts as news states them: the language-level readers of who states a figure, when it
# held and on which occasion.  Story knowledge (claimant classes, keys, events) stays out:
# ``factcheck.binding`` combines these readers with a story's rules.

import re as _re
from dataclasses import dataclass as _dataclass
from functools import lru_cache as _lru_cache
from types import ModuleType as _ModuleType

from .patterns import words as _words


@_dataclass(frozen=True)
class Readers:
    """Compiled patterns of one language for claimants, as-of times and occasions (folded text)."""

    claim_verb: _re.Pattern
    subject_fillers: _re.Pattern
    relative: _re.Pattern
    weak_claimant: _re.Pattern
    comparison_before: _re.Pattern
    part_before: _re.Pattern
    comparison_target: _re.Pattern
    running: _re.Pattern
    as_of_preposition: _re.Pattern
    fronted_day: _re.Pattern
    peak: _re.Pattern
    trailing_day: _re.Pattern
    blog_stamp: _re.Pattern
    other_occasion: _re.Pattern
    previous_occasion: _re.Pattern
    key_preposition: _re.Pattern
    key_joiner: _re.Pattern
    selon: _re.Pattern
    function_words: frozenset
    noun_pronoun: _re.Pattern
    figure_noun: _re.Pattern
    coordinated: _re.Pattern
    figure_subject: _re.Pattern
    statement_break: _re.Pattern
    claimant_pronouns: frozenset
    possessives: frozenset
    clock_zone_after: _re.Pattern
    clock_zone_inside: _re.Pattern
    clock_city_after: _re.Pattern
    clock_restatement: _re.Pattern
    container: _re.Pattern
    list_item: _re.Pattern
    state_participle: _re.Pattern
    sum_source: _re.Pattern
    statement_day: _re.Pattern
    horizon: _re.Pattern
    time_zones: dict
    city_zones: dict
    local_time: frozenset
    pluperfect_verb: _re.Pattern
    locative_pronoun: _re.Pattern
    difference_after: _re.Pattern
    street_place: _re.Pattern
    of_before: _re.Pattern
    figure_source: _re.Pattern
    fronted_domain: _re.Pattern

    def pronoun(self, who: str) -> bool:
        """"lui", "eux": a claimant named before."""
        return fold(who).lower().strip() in self.claimant_pronouns

    def possessive(self, who: str) -> bool:
        """"Son président", "leur porte-parole": someone of a claimant named before."""
        words = fold(who).lower().split()
        return len(words) >= 2 and words[0] in self.possessives

    def names_someone(self, who: str) -> bool:
        """A claimant's words name someone: not a pronoun or a lone function word."""
        return bool(who) and fold(who).lower() not in self.function_words

    def pluperfect(self, view: str, start: int, end: int) -> bool:
        """A verb in the pluperfect stands in ``view[start:end]``: "avait recensé", "en avaient été"."""
        return any(m.group("participle").lower() not in self.function_words
                   for m in self.pluperfect_verb.finditer(view, start, end))


@_lru_cache(maxsize=8)
def readers(lang: _ModuleType) -> Readers:
    flags = _re.IGNORECASE
    endings = "|".join(sorted((e for e in lang.CLAIM_VERB_ENDINGS if e), key=len, reverse=True))
    return Readers(
        claim_verb=_re.compile(rf"\b{_words(lang.CLAIM_VERB_STEMS)}(?:{endings})?\b", flags),
        subject_fillers=_re.compile(rf"(?:\s+|^)(?:{_words(lang.CLAIM_SUBJECT_FILLERS)})\s*$", flags),
        relative=_re.compile(rf"^\s*{_words(lang.RELATIVE_PRONOUNS)}(?:\s|$)", flags),
        weak_claimant=_re.compile(
            rf"(?<!\w){_words(lang.WEAK_CLAIMANT_PREPOSITIONS)}\s+(?P<who>[^,.;:()\d]{{2,60}}?)\s*(?=[,.;:()]|$)", flags),
        comparison_before=_re.compile(rf"(?<!\w){_words(lang.FIGURE_COMPARISON_WORDS)}\s*$", flags),
        part_before=_re.compile(rf"(?<!\w){_words(lang.FIGURE_PART_WORDS)}\s*$", flags),
        comparison_target=_re.compile(rf"(?<!\w){_words(lang.COMPARISON_TARGETS)}\s*$", flags),
        running=_re.compile(rf"(?<!\w){_words(lang.RUNNING_FIGURE_PHRASES)}(?!\w)", flags),
        as_of_preposition=_re.compile(rf"(?<!\w){_words(lang.AS_OF_TIME_PREPOSITIONS)}\s*$", flags),
        # "Jeudi soir, 700 000 foyers ...", "Ce matin, ...", "Mercredi 6 heures, ...": the head of a sentence
        # up to its comma names a day and a part of it, or a clock time on a named day.
        fronted_day=_re.compile(
            rf"[\s\"«]*(?:(?P<day>{_words(lang.WEEKDAYS)}(?:\s+\d{{1,2}}(?:er)?(?:\s+{_words(lang.MONTHS)})?)?|{_words(lang.RELATIVE_DAYS)})\s*)?"
            rf"(?:(?:{_words(lang.FRONTED_DAY_PART_OPENERS)})(?:(?<=')\s*|\s+))?(?P<part>{_words(lang.FRONTED_DAY_PARTS)})?"
            rf"(?(day)|(?(part)|(?!)))"
            rf"(?:\s*,?\s*(?:{_words(lang.AS_OF_TIME_PREPOSITIONS)}\s+)?(?:\d{{1,2}}|[a-z]+)\s*{_words(lang.HOUR_ABBREVIATIONS)}(?:\s*\d{{2}}|\s+[a-z]+)?)?\s*,", flags),
        # "contre 4 000 ce matin", "41 morts au Japon jeudi soir": a part of the day after the figure, in its clause
        trailing_day=_re.compile(
            rf"[^,.;:!?()\"\d]{{0,30}}?(?<![\w'])(?:(?P<day>(?:{_words(lang.WEEKDAYS)}|{_words(lang.RELATIVE_DAYS)})\s+)"
            rf"(?:{_words(lang.FRONTED_DAY_PART_OPENERS)}(?:(?<=')\s*|\s+))?|{_words(lang.FRONTED_DAY_PART_OPENERS)}(?:(?<=')\s*|\s+))"
            rf"(?P<part>{_words(lang.FRONTED_DAY_PARTS)})(?!\w)", flags),
        peak=_re.compile(rf"(?<!\w){_words(lang.PEAK_PHRASES)}(?!\w)", flags),
        blog_stamp=_re.compile(rf"^[ \t]*{lang.BLOG_STAMP}", _re.MULTILINE | flags),
        other_occasion=_re.compile("|".join(f"(?:{p})" for p in lang.OTHER_OCCASION_CUES), flags),
        previous_occasion=_re.compile(rf"(?<!\w){_words(lang.PREVIOUS_OCCASION_WORDS)}(?!\w)", flags),
        key_preposition=_re.compile(rf"(?<!\w){_words(lang.KEY_PREPOSITIONS)}(?:\s+{_words(lang.DEFINITE_ARTICLES)})?\s*$", flags),
        key_joiner=_re.compile(rf"^\s*(?:{_words(lang.KEY_COORDINATORS)})?\s*(?:{_words(lang.KEY_PREPOSITIONS)}\s+)?"
                               rf"(?:{_words(lang.DEFINITE_ARTICLES)}\s*)?$", flags),
        selon=_re.compile(rf"(?<!\w){_words(lang.ATTRIBUTION_PREPOSITIONS)}\s+(?P<who>[^,.;:\"()]{{2,90}}?)\s*"
                          rf"(?=[,.;:\"()]|$|\s+{_words(lang.CLAIMANT_ENDS)}\b|\s+(?:[a-z']+\s+)?\d)", flags),
        function_words=frozenset(lang.FUNCTION_WORDS),
        coordinated=_re.compile(rf"(?<!\w){_words(lang.FIGURE_COORDINATORS)}\s*$", flags),
        figure_subject=_re.compile(rf"\W*{_words(lang.FIGURE_SUBJECTS)}(?!\w)", flags),
        claimant_pronouns=frozenset(lang.CLAIMANT_PRONOUNS),
        possessives=frozenset(lang.POSSESSIVE_DETERMINERS),
        statement_break=_re.compile(rf"(?<!\w){_words(lang.STATEMENT_BREAKS)}(?!\w)", flags),
        figure_noun=_re.compile(rf"(?<!\w){_words(lang.FIGURE_NOUNS)}\s*$", flags),
        noun_pronoun=_re.compile(rf"(?<![\w']){_words(lang.NOUN_PRONOUNS)}(?!\w)", flags),
        # A zone named in words after a clock time ("heure de Moscou", "heure locale"); the short
        # names ("GMT", "HE") only inside the time the grammar read.
        clock_zone_after=_re.compile(
            rf"{lang.CLOCK_ZONE_GAP}(?P<zone>{_words(z for z in lang.TIME_ZONES if ' ' in z)})(?!\w)", flags),
        clock_zone_inside=_re.compile(rf"(?<![\w']){_words(lang.TIME_ZONES)}(?!\w)", flags),
        clock_city_after=_re.compile(
            rf"\s*{_words(lang.CLOCK_CITY_PREPOSITIONS)}\s+(?P<city>{_words(lang.CITY_ZONES)})(?![\w-])", flags),
        clock_restatement=_re.compile(rf"[\s,;()]*(?:{_words(lang.CLOCK_RESTATEMENTS)}(?!\w)[\s,;()]*)?", flags),
        # "Darmanin a annoncé lundi que ...", "a évoqué vendredi 94 000 soldats", "Interrogé lundi, ...":
        # the day of a statement, not of what it states.
        statement_day=_re.compile(rf"(?<![\w'])(?:{_words(lang.CLAIM_VERB_STEMS)}(?:{endings})?|"
                                  rf"{_words(lang.REPORTING_VERBS)}|{_words(lang.STATEMENT_DAY_PARTICIPLES)})"
                                  rf"\s+(?:{_words(lang.STATEMENT_DAY_DETERMINERS)}\s+)?$", flags),
        horizon=_re.compile(rf"(?<!\w){_words(lang.HORIZON_WORDS)}\s*(?:{_words(lang.DEFINITE_ARTICLES)}\s*)?"
                            rf"(?:{_words(lang.HORIZON_PARTS)}\s*{_words(lang.OF_LINKS)}?\s*)?$", flags),
        sum_source=_re.compile(rf"(?<!\w){_words(lang.SUM_GERUNDS)}\s+(?!{_words(lang.SUM_GERUND_NOT_BEFORE)})[^.;:()]{{2,200}}",
                               flags),
        state_participle=_re.compile(
            rf"[ \t]+(?:[^\W\d_]+[ \t]+)?[^\W\d_]+(?:{'|'.join(lang.STATE_PARTICIPLE_ENDINGS)})(?![\w'])"),
        list_item=_re.compile(rf"[ \t]*(?:{'|'.join(_re.escape(m) for m in lang.LIST_ITEM_MARKERS)})\s", flags),
        container=_re.compile(rf"\s*,\s*{_words(lang.CONTAINER_PREPOSITIONS)}\s+", flags),
        time_zones=dict(lang.TIME_ZONES),
        city_zones=dict(lang.CITY_ZONES),
        local_time=frozenset(lang.LOCAL_TIME),
        pluperfect_verb=_re.compile(
            rf"(?<!\w){_words(lang.PLUPERFECT_AUXILIARIES)}\s+(?:{_words(lang.PLUPERFECT_ADVERBS)}\s+)*"
            rf"(?P<participle>[a-z-]+?(?:{'|'.join(sorted(lang.PARTICIPLE_ENDINGS, key=len, reverse=True))}))(?![\w'])",
            flags),
        locative_pronoun=_re.compile(lang.LOCATIVE_PRONOUN, flags),
        difference_after=_re.compile(rf"\s*{_words(lang.DIFFERENCE_AFTER)}(?!\w)", flags),
        street_place=_re.compile(rf"{_words(lang.STREET_NOUNS)}(?![\w-])", flags),
        of_before=_re.compile(rf"(?<![\w']){_words(lang.OF_LINKS)}(?:(?<=')|\s+)$", flags),
        fronted_domain=_re.compile(rf"\W*{_words(lang.DOMAIN_PREPOSITIONS)}\s+(?P<domain>[^,.;:()\d]{{2,60}}?)\s*,", flags),
        figure_source=_re.compile(
            rf"(?<!\w){_words(lang.FIGURE_SOURCE_NOUNS)}(?:\s+[a-z]+)?\s+{_words(lang.OF_LINKS)}(?:(?<=')|\s+)"
            rf"(?P<who>[^,.;:()\d]{{2,60}}?)(?=\s*[,.;:()]|\s*$|\s+(?:{_words(lang.AUXILIARIES)})\s)", flags),
    )


def blog_stamps(r: Readers, view: str, start: int = 0) -> list[tuple[int, int]]:
    """Live-blog stamps ("14h50 - ..."): (offset of the line, minutes after midnight), in text order."""
    return [(m.start(), int(m.group("hour")) * 60 + int(m.group("minute") or 0))
            for m in r.blog_stamp.finditer(view, start)]


def parenthesis(view: str, sentence: Span, pos: int) -> Span | None:
    """The innermost "( ... )" of the sentence that holds ``pos``, or None."""
    depth_starts: list[int] = []
    for i in range(sentence.start, sentence.end):
        ch = view[i]
        if ch == "(":
            depth_starts.append(i)
        elif ch == ")" and depth_starts:
            opened = depth_starts.pop()
            if opened < pos < i:
                return Span(opened, i + 1)
    if depth_starts and depth_starts[-1] < pos:  # an unclosed parenthesis runs to the sentence's end
        return Span(depth_starts[-1], sentence.end)
    return None


def subject_before(r: Readers, view: str, text: str, clause: Span, sentence: Span, verb_start: int) -> str:
    """The subject of a claim verb, as written: the clause's words before the verb, fillers dropped.

    "La CGT a pour sa part revendiqué" -> "La CGT"; a relative clause ("qui avait revendiqué")
    or a bare verb ("en a compté") takes the sentence's first clause when it holds no verb.
    """
    start = clause.start
    words = view[start:verb_start]
    while True:
        m = r.subject_fillers.search(words)
        if not m or not m.group(0).strip():
            break
        words = words[:m.start()]
    if not words.strip() or r.relative.match(words):
        # The subject opened the statement: the first clause after the sentence's start or its last
        # colon ("Les syndicats contestent : le SNUipp-FSU, premier syndicat du primaire, évoque 50 %").
        head = max(sentence.start, view.rfind(":", sentence.start, clause.start) + 1, view.rfind(";", sentence.start, clause.start) + 1)
        first = view[head:clause.start].split(",")[0] if clause.start > head else ""
        if first.strip() and not r.claim_verb.search(first) and not _re.search(r"\d", first):
            offset = head + (len(first) - len(first.lstrip()))
            return text[offset:offset + len(first.strip())]
        return ""
    offset = start + (len(words) - len(words.lstrip()))
    return text[offset:offset + len(words.strip())].strip(" ,\"'«»")

