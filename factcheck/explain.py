"""``factcheck explain ARTICLE FACT``: why each mention of the fact's kind did or did not bind.

The binder of ``facts.py`` answers (``facts.explain_binding``), so the
explanation is the binding's own reason, never a second opinion.
"""

from __future__ import annotations

from dataclasses import dataclass

from .api import line_at, line_index
from .facts import PERSON_FACT, _Binder, bind, binders, explain_binding
from .grammar import Extractor
from .model import Article

REASONS = {
    "noun": "the counted noun is not one of the fact's nouns",
    "bounds": "the value lies outside the fact's bounds",
    "relations": "the duration's relation (before/after/since...) is not one the fact accepts",
    "exclude": "an exclude pattern matches in its {scope}",
    "context": "no context pattern in its sentence",
    "position": "no before/after pattern next to it",
    "cue": "no cue of the fact in its {scope}",
    "several": "more than one constraint fails",
}


class ExplainError(Exception):
    """The request cannot be answered (unknown fact, unreadable article); one line."""


@dataclass(frozen=True)
class Explanation:
    line: int
    value: str
    text: str  # the mention as written
    bound_to: str | None  # the fact it binds to (maybe another one), or None
    binds_here: bool  # binds to the fact asked about
    reasons: tuple[str, ...]  # why not, in words (empty when it binds)


def explain(article: Article, fact: str, ruleset) -> list[Explanation]:
    from .binding import select_story
    from .text import fold

    # The article's own story's rule: two stories may declare the same fact id.
    selection = select_story(article, fold(article.text), ruleset)
    rule = (ruleset.fact(selection.story, fact) if selection.story else None) or ruleset.facts.get(fact)
    if rule is None:
        from difflib import get_close_matches

        near = get_close_matches(fact, list(ruleset.facts), n=1)
        hint = f" (did you mean {near[0]!r}?)" if near else f"; declared: {', '.join(sorted(ruleset.facts))}"
        raise ExplainError(f"no fact {fact!r} in the rules{hint}")
    by_kind = binders(ruleset)
    mine = _Binder.of(rule)
    view, mentions = Extractor(article.meta.language or "fr", ruleset.alias_map()).extract_with_view(article)
    starts = line_index(article.text)
    out = []
    for m in mentions:
        if m.kind != rule.kind:
            continue
        won = bind(m, view, by_kind, set(selection.stories) if selection.story else None)
        distance, blocking = explain_binding(m, view, mine)
        reasons: list[str] = []
        if distance is None:
            reasons = [_reason(name, rule) for name in blocking]
            hits = _exclusions(mine, m, view) if "exclude" in blocking else []
            if hits:
                reasons[blocking.index("exclude")] += f": {', '.join(repr(h) for h in hits)}"
        elif won != fact:
            reasons = [f"{won} claims it: its evidence stands nearer" if won and won != PERSON_FACT
                       else "another fact claims it"]
        out.append(Explanation(line_at(starts, m.start), m.value, article.text[m.start:m.end], won,
                               won == fact, tuple(reasons)))
    return out


def _reason(name: str, rule) -> str:
    text = REASONS[name].format(scope=rule.scope)
    if name == "cue" and rule.cues:
        text += f" (cues: {', '.join(rule.cues[:6])}{', ...' if len(rule.cues) > 6 else ''})"
    if name == "noun" and rule.nouns:
        text += f" (nouns: {', '.join(rule.nouns[:6])})"
    return text


def _exclusions(binder: _Binder, m, view: str) -> list[str]:
    start, end = (m.clause_start, m.clause_end) if binder.scope == "clause" else (m.sentence_start, m.sentence_end)
    return [hit.group(0) for hit in binder.exclude.finditer(view, start, end)][:3]


def render_explanation(article: Article, fact: str, items: list[Explanation]) -> str:
    if not items:
        return f"{article.path}: no mention of this fact's kind; nothing could bind to {fact}.\n"
    lines = []
    for item in items:
        where = f"{article.path}:{item.line}"
        shown = " ".join(item.text.split())
        if item.binds_here:
            lines.append(f"{where}: {shown!r} ({item.value}) binds to {fact}")
        else:
            lines.append(f"{where}: {shown!r} ({item.value}) does not bind to {fact}: {'; '.join(item.reasons)}")
    bound = sum(1 for i in items if i.binds_here)
    lines.append(f"{bound} of {len(items)} mentions of this kind bind to {fact}.")
    return "\n".join(lines) + "\n"
