"""The facts table: every value mention of a corpus, bound to the story's declared facts.

A mention binds to a fact of its kind when every constraint the fact declares
holds (cue in scope, pattern right before or after, counted noun, bounds,
relation, no veto); when several facts could take it, the one whose cue stands
nearest wins.  Mentions that bind to no fact stay in the table with an empty
``fact``: nothing is silently dropped.  Every person is also the
story-independent fact ``person``.
"""

from __future__ import annotations

import heapq
import operator
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from .binding import (StoryRun, _day, _sentences, assign_dimensions, assign_events, carry_zones, elided_facts,
                      inherit_nouns, inner_places, list_lead_in, restate_facts, select_story, stamps, state_counts)
from .grammar import Extractor
from .model import TABLE_COLUMNS, Article, Mention
from .rules import OTHER_EVENT, RuleTimeout
from .text import fold

if TYPE_CHECKING:
    import pandas as pd

    from .rules import FactRule, RuleSet

PERSON_FACT = "person"
# How far before or after a value a `before`/`after` pattern is looked for.
_WINDOW = 120
_FAR = 10**9  # distance given to a binding that needs no cue


@dataclass(frozen=True)
class _Binder:
    """One fact rule's constraints, read once per run (the rule's patterns are compiled on load)."""

    id: str
    scope: str
    needs_evidence: bool
    cue: Any
    before: Any
    after: Any
    noun: Any
    exclude: Any
    context: Any
    bounds: tuple[float, float] | None
    relations: tuple[str, ...] | None
    story: str = ""
    event: str = ""

    @classmethod
    def of(cls, rule: "FactRule") -> "_Binder":
        return cls(
            id=rule.id, scope=rule.scope, needs_evidence=bool(rule.nouns or rule.before or rule.after),
            cue=rule.cue_pattern, before=rule.before_pattern, after=rule.after_pattern, noun=rule.noun_pattern,
            exclude=rule.exclude_pattern, context=rule.context_pattern, bounds=rule.bounds,
            relations=tuple(rule.relations) if rule.relations is not None else None,
            story=rule.story, event=rule.event or "",
        )


def binders(ruleset: "RuleSet") -> dict[str, list[_Binder]]:
    """The fact rules by kind, ready to bind."""
    by_kind: dict[str, list[_Binder]] = {}
    for rule in (ruleset.story_facts or ruleset.facts).values():
        by_kind.setdefault(rule.kind, []).append(_Binder.of(rule))
    return by_kind


def extract_mentions(articles: Iterable[Article], ruleset: "RuleSet", problems: list[str] | None = None,
                     unmatched: dict[str, str] | None = None) -> list[Mention]:
    """All mentions of all articles, each bound to at most one fact (order: article, offset).

    Each article is matched to the story it reports (``binding.select_story``);
    only that story's facts bind in it, each mention among the facts of its own
    event.  An article no story fits binds no story fact; its id and the reason
    go to ``unmatched``.  Bound figures then get their key, claimant and as-of
    time (``binding.assign_dimensions``).

    A rule pattern that runs out of time on an article binds nothing there; the
    reason is appended to ``problems`` (one line naming the article and the rule).
    """
    extractors: dict[str, Extractor] = {}
    aliases = ruleset.alias_map()
    by_kind = binders(ruleset)
    runs: dict[str, StoryRun] = {}  # each story's claimant classes and facts, read once a run
    mentions: list[Mention] = []
    bound: list[tuple[Article, str, list[Mention]]] = []  # articles bound while every pattern was in budget
    for article in sorted(articles, key=lambda a: (a.id, a.path)):
        code = article.meta.language or "fr"
        if code not in extractors:
            try:
                extractors[code] = Extractor(code, aliases)
            except ValueError:
                extractors[code] = extractors.get("fr") or Extractor("fr", aliases)
        extractor = extractors[code]
        view, found = extractor.extract_with_view(article)
        try:
            found = _bind_article(article, view, found, ruleset, by_kind, extractor.grammar.lang, unmatched, runs)
            bound.append((article, view, found))
        except RuleTimeout as exc:
            _unbind(found)
            if exc.first:
                # A pattern used up its budget: it is off for the whole run, so the articles
                # bound before it went off are bound again without it, whatever the order.
                if problems is not None:
                    problems.append(str(exc))
                for earlier, earlier_view, earlier_found in bound:
                    try:
                        _bind_article(earlier, earlier_view, earlier_found, ruleset, by_kind,
                                      extractor.grammar.lang, unmatched, runs)
                    except RuleTimeout:
                        _unbind(earlier_found)
                bound = []
        mentions.extend(found)
    return mentions


def _unbind(found: list[Mention]) -> None:
    for mention in found:
        mention.fact = PERSON_FACT if mention.kind == "person" else None


def _bind_article(article: Article, view: str, found: list[Mention], ruleset: "RuleSet",
                  by_kind: dict[str, list[_Binder]], lang, unmatched: dict[str, str] | None,
                  runs: dict[str, StoryRun] | None = None) -> list[Mention]:
    selection = select_story(article, fold(article.text), ruleset)
    if selection.story is None and unmatched is not None:
        unmatched[article.id] = selection.reason
    stories = set(selection.stories)
    story = ruleset.stories.get(selection.story or "")
    for mention in found:
        mention.story = selection.story or ""
    blog_stamps = stamps(found, view, lang)
    groups = _sentences(found)  # once an article: every stage below reads the same groups
    restated = carry_zones(found, view, story, lang, _day(article.meta.date), groups=groups)
    heads = inherit_nouns(found, view, lang, groups=groups)
    state_counts(found, article.text, lang)
    # A live-blog stamp ("14h50 - À Toulouse, ...") dates its entry; it is no figure of its sentence
    # (no key fronted before it, no claimant taken from the figures after it).
    body = [m for m in found if id(m) not in blog_stamps]
    body_groups = groups if len(body) == len(found) else _sentences(body)
    assign_events(body, view, story, lang, groups=body_groups)
    for mention in found:
        if mention.event == OTHER_EVENT or id(mention) in blog_stamps:
            mention.fact = PERSON_FACT if mention.kind == "person" else None
            continue
        mention.fact = bind(mention, view, by_kind, stories)
    elided_facts(found, heads, lambda m, fact: _binds_without_cues(m, fact, view, by_kind))
    restate_facts(restated)
    inner_places(found, view, lang)
    name = selection.story or ""
    run = runs.get(name) if runs is not None else None
    if run is None:
        run = StoryRun.of(story, ruleset)
        if runs is not None:
            runs[name] = run
    bound = assign_dimensions(body, article, view, story, ruleset, lang, groups=body_groups, run=run)
    return list(heapq.merge(bound, (m for m in found if id(m) in blog_stamps), key=lambda m: m.start))


def facts_table(articles: Iterable[Article], ruleset: "RuleSet", problems: list[str] | None = None) -> "pd.DataFrame":
    """The facts table (pandas), one row a mention, columns ``model.TABLE_COLUMNS``."""
    return rows_frame(row_tuples(extract_mentions(articles, ruleset, problems)))


_ROW = operator.attrgetter(*TABLE_COLUMNS)
_QUOTE, _PAIRED = TABLE_COLUMNS.index("quote"), TABLE_COLUMNS.index("paired")


def row_tuples(mentions: Iterable[Mention]) -> list[tuple]:
    """The mentions as rows in ``TABLE_COLUMNS`` order, read in one call each (``asdict`` is ~20x slower).

    ``paired`` (the only mutable field) is copied, so a row never shares it with
    its mention; a sentence quoted by several mentions is kept once.
    """
    quotes: dict[str, str] = {}
    rows = []
    for m in mentions:
        cells = list(_ROW(m))
        cells[_QUOTE] = quotes.setdefault(cells[_QUOTE], cells[_QUOTE])
        if cells[_PAIRED] is not None:
            cells[_PAIRED] = dict(cells[_PAIRED])
        rows.append(tuple(cells))
    return rows


def rows_frame(rows: list[tuple], stories: dict[str, str] | None = None) -> "pd.DataFrame":
    """The facts table from ``row_tuples``.

    ``story`` is the story (rule file) each article was matched to; with
    ``stories`` (article id -> story, ``--per-folder``: a sub-folder is a
    story) it holds those names instead and follows ``article``.
    """
    import pandas as pd  # imported on first use: keeps `import factcheck` fast

    frame = pd.DataFrame(rows, columns=list(TABLE_COLUMNS)).astype(object)
    frame = frame.where(frame.notna(), None)
    if stories is not None:
        frame.pop("story")
        frame.insert(1, "story", [stories.get(a, "") for a in frame["article"]])
    return frame


def bind(mention: Mention, view: str, by_kind: dict[str, list[_Binder]], stories: set[str] | None = None) -> str | None:
    """The fact a mention binds to, among the facts of ``stories`` (all when None) and of its event."""
    best: tuple[int, str] | None = None
    for binder in by_kind.get(mention.kind, ()):
        if stories is not None and binder.story not in stories:
            continue
        if binder.event != (mention.event or ""):
            continue
        distance = _distance(binder, mention, view)
        if distance is not None and (best is None or (distance, binder.id) < best):
            best = (distance, binder.id)
    if best is not None:
        return best[1]
    return PERSON_FACT if mention.kind == "person" else None


def _binds_without_cues(m: Mention, fact: str, view: str, by_kind: dict[str, list[_Binder]]) -> bool:
    """The fact's constraints other than where its cues and patterns stand hold for the mention (its noun,
    bounds, relations, no veto in its scope): an elided count's evidence is its head's."""
    binder = next((b for b in by_kind.get(m.kind, ()) if b.id == fact and b.story == (m.story or b.story)), None)
    if binder is None:
        return False
    return _distance(replace(binder, cue=None, before=None, after=None, context=None), m, view) is not None


def _distance(rule: _Binder, m: Mention, view: str) -> int | None:
    """How near the fact's evidence stands to the mention, or None when it does not bind."""
    start, end = (m.clause_start, m.clause_end) if rule.scope == "clause" else (m.sentence_start, m.sentence_end)
    if rule.noun is not None and not (m.noun and rule.noun.fullmatch(fold(m.noun))):
        return None
    if rule.bounds is not None and not _within(m, rule.bounds):
        return None
    if rule.relations is not None and (m.relation or "none") not in rule.relations:
        return None
    if rule.exclude is not None and rule.exclude.search(view, start, end):
        return None
    if rule.context is not None and not rule.context.search(view, m.sentence_start, m.sentence_end):
        return None
    distance = 0 if rule.needs_evidence else _FAR
    if rule.before is not None or rule.after is not None:
        # Position patterns are alternatives: "demandé par X" or "X a demandé l'appel".
        before = rule.before is not None and rule.before.search(view[max(start, m.start - _WINDOW):m.start])
        after = rule.after is not None and rule.after.search(view[m.end:min(end, m.end + _WINDOW)])
        if not (before or after):
            return None
    if rule.cue is not None:
        gaps = [
            (c.start() - m.end) if c.start() >= m.end else (m.start - c.end()) if c.end() <= m.start else 0
            for c in rule.cue.finditer(view, start, end)
        ]
        if not gaps and m.noun and rule.cue.fullmatch(fold(m.noun)):
            # The counted noun is a cue even when left out: "contre 145 000 le 19 janvier",
            # "La CGT en a compté 2,8 millions" count the marchers named before (``inherit_nouns``).
            gaps = [0]
        lead = list_lead_in(view, m) if rule.scope == "clause" else None
        if not gaps and lead is not None:
            # An item of a list after a colon: the lead-in's cue holds for every item ("Selon les
            # préfectures, la participation a progressé : 14.000 à Rouen, 25.000 à Montpellier").
            gaps = [m.start - c.end() for c in rule.cue.finditer(view, lead.start, lead.end)]
        if not gaps:
            return None
        distance = min(gaps)
    return distance


def _within(m: Mention, bounds: tuple[float, float]) -> bool:
    if not isinstance(m.low, (int, float)):
        return True
    low_bound, high_bound = bounds
    high = m.high if isinstance(m.high, (int, float)) else m.low
    return m.low >= low_bound and high <= high_bound


# ---------------------------------------------------------------------------
# Why a mention did or did not bind (``factcheck explain``): the binder itself
# is asked again with one constraint lifted at a time, so the explanation can
# never disagree with the binding.

_CONSTRAINTS = ("noun", "bounds", "relations", "exclude", "context", "position", "cue")


def explain_binding(mention: Mention, view: str, binder: _Binder) -> tuple[int | None, list[str]]:
    """(distance when it binds, else None; the constraints that each alone keep it from binding)."""
    from dataclasses import replace

    distance = _distance(binder, mention, view)
    if distance is not None:
        return distance, []
    blocking = []
    for name in _CONSTRAINTS:
        lifted = {"position": {"before": None, "after": None}}.get(name, {name: None})
        if all(getattr(binder, field) is None for field in lifted):
            continue
        if _distance(replace(binder, **lifted), mention, view) is not None:
            blocking.append(name)
    return None, blocking or ["several"]
