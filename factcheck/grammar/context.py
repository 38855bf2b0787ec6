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
    return (participle not in lang.REPORTING_VERBS and participle not in lang.PLANNED_CUES
            and participle not in lang.FUNCTION_WORDS)


# A claimant found in a sentence: (start, end, who as written).
Claimant = tuple[int, int, str]


def claimants(g: Grammar, view: str, text: str, clause: Span, sentence: Span) -> list[Claimant]:
    """Who the sentence says states the values of a clause, as written: "la Maison Blanche".

    The first kind that names someone wins: "selon X" in the clause, then in the
    sentence, then ", a déclaré X", then "X a déclaré que"; every claimant of
    that kind is kept, so that each value can take the nearest (``pick``).
    """
    for pattern, scope in (
        (g.attribution_selon, clause),
        (g.attribution_selon, sentence),
        (g.attribution_after, sentence),
    ):
        found = []
        for m in pattern.finditer(view, scope.start, scope.end):
            who = text[m.start("who"):m.end("who")].strip(" ,\"'«»")
            if _names_someone(g, who):
                found.append((m.start(), m.end(), who))
        if found:
            return found
    m = g.attribution_before.match(view, sentence.start, sentence.end)
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
    return bool(who) and fold(who).lower() not in g.lang.FUNCTION_WORDS
