"""What a sentence says about its values: modality (planned or actual) and attribution (who says so)."""

from __future__ import annotations

from ..text import Span
from .patterns import Grammar


def modality(g: Grammar, view: str, start: int, end: int, clause: Span, sentence: Span) -> str:
    """The modality of the verb nearest the value: in its clause first, else in its sentence."""
    for scope in (clause, sentence):
        best: tuple[int, str] | None = None
        for label, pattern in (("planned", g.planned), ("actual", g.actual)):
            for m in pattern.finditer(view, scope.start, scope.end):
                if not _counts(g, m, label):
                    continue
                distance = m.start() - end if m.start() >= end else start - m.end()
                if distance < 0:
                    continue  # the cue overlaps the value itself
                if best is None or distance < best[0]:
                    best = (distance, label)
        if best is not None:
            return best[1]
    return "unknown"


def _counts(g: Grammar, m, label: str) -> bool:
    lang = g.lang
    if label == "planned":
        future = m.group("future")
        return future is None or future.lower() not in lang.FUTURE_STOPWORDS
    participle = m.group("participle")
    # "a déclaré" tells who speaks, not that the event took place.
    return participle is None or participle.lower() not in lang.REPORTING_VERBS


def attribution(g: Grammar, view: str, text: str, clause: Span, sentence: Span) -> str | None:
    """Who the sentence says states its values, as written: "la Maison Blanche"."""
    for pattern, scope in (
        (g.attribution_selon, clause),
        (g.attribution_selon, sentence),
        (g.attribution_after, sentence),
    ):
        for m in pattern.finditer(view, scope.start, scope.end):
            who = text[m.start("who"):m.end("who")].strip(" ,\"'«»")
            if who:
                return who
    m = g.attribution_before.match(view, sentence.start, sentence.end)
    if m:
        return text[m.start("who"):m.end("who")].strip(" ,\"'«»") or None
    return None
