"""The dimensions of a figure, as news states them: story, event, key, claimant, as-of time.

``facts.extract_mentions`` reads an article's value mentions, then:

1. ``select_story``: which story (rule file) the article reports: its event's words and
   publication window; only that story's facts bind in it (an article no story fits is
   *unmatched* and binds no story fact);
2. ``assign_events``: which occasion each mention belongs to — the story's event (""), a
   declared other event, or ``other`` — from the cues around it;
3. binding to facts (``facts.bind``), among the facts of the mention's event;
4. ``assign_dimensions``: the key of a keyed fact (a figure with two keys becomes two rows),
   the claimant (raw words in ``attribution``, canonical class in ``claimant``) and the as-of time.

The language's words come from ``grammar.context.readers`` (``lang/<code>.py``); the story's
knowledge (claimant classes, keys, events) from its rule file.  A cue or a claimant that stands
between two figures belongs to the nearer one; a parenthesis keeps its own claimant and occasion.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Callable, Iterable

from .grammar import context, values
from .model import Article, Mention
from .rules import OTHER_EVENT, switched_off
from .text import Span, clauses, fold, fold_key, sentences

if TYPE_CHECKING:
    from .rules import FactRule, RuleSet, StoryRules

# Kinds of value a cue, a key or a claimant attaches to.
FIGURE_KINDS = ("count", "magnitude", "duration", "time")
_NEAR = 160  # characters: how far a cue may stand from its figure


# ---------------------------------------------------------------------------
# Story selection


@dataclass(frozen=True)
class Selection:
    """The story an article was matched to ("" when no story file declares an event)."""

    story: str | None  # None: no story fits (the article is unmatched)
    stories: tuple[str, ...]  # the stories whose facts bind in the article
    reason: str = ""


def unmatched_articles(articles: Iterable[Article], ruleset: "RuleSet") -> list[dict[str, str]]:
    """The articles no story fits, each with the reason (``id``, ``reason``), in id order."""
    out = []
    for article in sorted(articles, key=lambda a: a.id):
        selection = select_story(article, fold(article.text), ruleset)
        if selection.story is None:
            out.append({"id": article.id, "reason": selection.reason})
    return out


def select_story(article: Article, view: str, ruleset: "RuleSet") -> Selection:
    """The story whose event the article reports: enough of its event words, published in its window.

    Several stories fit: the one with most distinct event words, then the nearest anchor date.
    Stories declared without an ``event`` fit every article (the behaviour of one-file rule sets).
    With one story file, its event words must not fail entirely.
    """
    stories = ruleset.stories
    if not stories:
        return Selection("", ())
    scored: list[tuple[int, int, str]] = []
    weak: list[tuple[int, int, str]] = []
    open_stories = [s for s in stories.values() if s.event is None]
    # A day inferred from the other articles of the folder says nothing of this article's story.
    day = _day(article.meta.date) if getattr(article.meta, "date_source", None) != "inferred" else None
    for story in stories.values():
        event = story.event
        if event is None:
            continue
        hits = sum(1 for p in event.word_patterns if p.search(view, article.body_start))
        anchor = _day(event.date)
        distance = abs((day - anchor).days) if day and anchor else 0
        in_window = not (day and anchor) or event.window[0] <= (day - anchor).days <= event.window[1]
        needed = event.min_words if len(stories) > 1 else 1
        if hits >= needed and in_window:
            scored.append((-hits, distance, story.story))
        elif hits and in_window:
            weak.append((-hits, distance, story.story))
    if not scored and len(weak) == 1:
        scored = weak  # a short article ("L'entretien a duré 50 minutes.") that only one story's words reach
    if scored:
        best = min(scored)[2]
        return Selection(best, (best,))
    if open_stories:
        names = tuple(sorted(s.story for s in open_stories))
        return Selection(names[0] if len(names) == 1 else "", names)
    return Selection(None, (), "no story's event words and dates fit this article")


def _day(iso: Any) -> date | None:
    if not iso:
        return None
    try:
        return date.fromisoformat(str(iso)[:10])
    except ValueError:
        return None


# ---------------------------------------------------------------------------
# Sentences of an article, and the figures in each


@dataclass
class _Sentence:
    span: Span
    mentions: list[Mention] = field(default_factory=list)
    _figures: list[Mention] | None = field(default=None, repr=False, compare=False)

    @property
    def figures(self) -> list[Mention]:
        # Read once: no stage turns a figure into a non-figure or back (``carry_zones`` makes a
        # duration a time, ``inherit_nouns`` a count a magnitude: figures both), so the list stays true.
        if self._figures is None:
            self._figures = [m for m in self.mentions if _is_figure(m)]
        return self._figures


def _is_figure(m: Mention) -> bool:
    if m.kind not in FIGURE_KINDS:
        return False
    return not (m.kind == "duration" and m.relation == "before")  # "il y a douze jours" dates, counts nothing


def _sentences(mentions: list[Mention]) -> list[_Sentence]:
    """The mentions by sentence, in text order.  An article's are grouped once (``facts._bind_article``)
    and handed to each stage as ``groups``; a stage called alone groups its own."""
    out: dict[tuple[int, int], _Sentence] = {}
    for m in mentions:
        key = (m.sentence_start, m.sentence_end)
        sentence = out.get(key)
        if sentence is None:  # not setdefault: it would build a sentence for every mention
            sentence = out[key] = _Sentence(Span(*key))
        sentence.mentions.append(m)
    return [out[k] for k in sorted(out)]


_LIST_COLON = re.compile(r"(?<!\d):(?!\d)")


def list_lead_in(view: str, m: Mention) -> Span | None:
    """The words before a colon that opens a list in the mention's sentence, when the mention
    is an item of it ("la participation a progressé : ils étaient 14.000 à Rouen, ..."); a clock
    time's colon ("14:50") opens nothing."""
    last = None
    for last in _LIST_COLON.finditer(view, m.sentence_start, m.clause_start):
        pass
    if last is None or not view[m.sentence_start:last.start()].strip():
        return None
    return Span(m.sentence_start, last.start())


def _parenthesis(view: str, sentence: Span, pos: int) -> Span | None:
    """``context.parenthesis``, answered at once for a sentence with no "(" (most are: it walks the
    sentence a character at a time)."""
    if view.find("(", sentence.start, sentence.end) < 0:
        return None
    return context.parenthesis(view, sentence, pos)


def _gap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    if b_start >= a_end:
        return b_start - a_end
    if a_start >= b_end:
        return a_start - b_end
    return 0


def _nearest(figures: list[Mention], start: int, end: int) -> Mention | None:
    """The figure nearest a span (a cue, a claimant); on a tie the one before it."""
    best = None
    for f in figures:
        gap = _gap(f.start, f.end, start, end)
        if gap > _NEAR:
            continue
        rank = (gap, 0 if f.end <= start else 1)
        if best is None or rank < best[0]:
            best = (rank, f)
    return best[1] if best else None


# ---------------------------------------------------------------------------
# Live-blog stamps


def stamps(mentions: list[Mention], view: str, lang: Any) -> set[int]:
    """The time mentions that are live-blog stamps ("15h05 - Le cortège ..."), by ``id``: they date
    their entry (as-of), they are no time of the story."""
    r = context.readers(lang)
    starts = {start + (len(view[start:start + 8]) - len(view[start:start + 8].lstrip()))
              for start, _ in context.blog_stamps(r, view)}
    return {id(m) for m in mentions if m.kind == "time" and m.start in starts}


# ---------------------------------------------------------------------------
# Clock times of one sentence, read on the clocks its words name


def carry_zones(mentions: list[Mention], view: str, story: "StoryRules | None", lang: Any,
                day: date | None, *, groups: list[_Sentence] | None = None) -> list[tuple[Mention, Mention]]:
    """Put the clock times of a sentence on the UTC clock when its words say which clock they are read on.

    - "soit 16 heures à Paris et 18 heures à Moscou" after a clock time restates it: the hours are
      clock times, not lengths of time;
    - "à Paris" after a clock time names its clock when the sentence reads times on another clock
      too ("s'est achevé à 12h08 (18h08 à Paris)"); alone ("le cortège part à 14 heures à Paris") it
      is the place, and the time stays local;
    - a zone stated once carries to the later times of the sentence outside parentheses: "Commencé
      vers 18h08 heure de Moscou, il s'est terminé à 20h10";
    - "heure locale" with no dateline is the clock of the story's event (its rule file's ``tz``).

    Returns the restatements, (the time restated, the time it restates): "soit 16 heures à Paris",
    "(18h08 à Paris)"; a restatement states the same fact (``restate_facts``).
    """
    restated: list[tuple[Mention, Mention]] = []
    r = context.readers(lang)
    event = story.event if story is not None else None
    event_zone = event.tz if event is not None else None
    on = day or (_day(event.date) if event is not None else None) or date(2000, 1, 15)
    for sentence in _sentences(mentions) if groups is None else groups:
        s = sentence.span
        ordered = sorted(sentence.mentions, key=lambda m: m.start)
        clocks: list[tuple[Mention, str | None, bool, int]] = []  # (time, zone, by a city, end of its zone words)
        for m in ordered:
            if m.kind not in ("time", "duration") or not isinstance(m.low, (int, float)):
                continue
            zone, by_city, tail = _clock_zone(r, view, m, event_zone)
            if m.kind == "duration":
                if not (clocks and zone and m.low == m.high and 0 < m.low < 1440 and m.relation is None
                        and r.clock_restatement.fullmatch(view, clocks[-1][3], m.start)):
                    continue
                # "soit 16 heures à Paris": the same instant on another clock.
                m.kind, m.relation, m.noun, m.qualifier = "time", None, None, "exact"
                m.value = values.describe(values.Value("time", m.value, m.low, m.high, m.start, m.end))
                restated.append((m, clocks[-1][0]))
            elif clocks and view[clocks[-1][3]:m.start].strip(" ,") == "(":
                restated.append((m, clocks[-1][0]))  # "12h08 (18h08 à Paris)"
            clocks.append((m, zone, by_city, tail))
        if len(clocks) < 2 and not any(z and not c for _, z, c, _ in clocks):
            continue
        zones = {z for _, z, _, _ in clocks if z}
        current: str | None = None
        for m, zone, by_city, _ in clocks:
            inside = _parenthesis(view, s, m.start) is not None
            if by_city and len(zones) < 2:
                zone = None  # "à 14 heures à Paris": the place of the time, on no other clock
            if m.tz is not None:
                if not inside and zone:
                    current = zone
                continue
            if zone is None and not inside:
                zone = current
            elif zone is not None and not inside:
                current = zone
            if zone is not None:
                _on_utc(m, zone, on)
    return restated


def state_counts(mentions: list[Mention], text: str, lang: Any) -> None:
    """A count whose noun a past participle follows states what is so: "70 000 soldats russes déployés"
    (modality actual when no verb of its clause said otherwise)."""
    r = context.readers(lang)
    for m in mentions:
        if m.kind == "count" and m.noun and m.modality == "unknown" and r.state_participle.match(text, m.end, m.clause_end):
            m.modality = "actual"


def inner_places(mentions: list[Mention], view: str, lang: Any) -> None:
    """A place set before the place that holds it ("sa résidence de Botcharov Routcheï, à Sotchi") is a
    detail of it: the fact is the holder, the one the other sources compare."""
    r = context.readers(lang)
    places = sorted((m for m in mentions if m.kind == "place" and m.fact), key=lambda m: m.start)
    for inner, holder in zip(places, places[1:]):
        if inner.fact == holder.fact and r.container.fullmatch(view, inner.end, holder.start):
            inner.fact = None


def restate_facts(restated: list[tuple[Mention, Mention]]) -> None:
    """A clock time restated on another clock states the fact of the time it restates."""
    for again, first in restated:
        if again.fact is None and first.fact is not None and again.event == first.event:
            again.fact = first.fact


def _clock_zone(r, view: str, m: Mention, event_zone: str | None) -> tuple[str | None, bool, int]:
    """The zone a clock time's own words name (IANA name), whether a city named it, and where they end."""
    after = r.clock_zone_after.match(view, m.end)
    if after:
        words = " ".join(after.group("zone").lower().split())
        return _zone(r, words, event_zone), False, after.end()
    inside = None
    # "10h07 heure de Washington (15h07 GMT)": the first clock of a pair is the one read on.
    end = view.find("(", m.start, m.end) if m.paired else -1
    for inside in r.clock_zone_inside.finditer(view, m.start, m.end if end < 0 else end):
        pass
    if inside is not None:
        return _zone(r, " ".join(inside.group(0).lower().split()), event_zone), False, m.end
    city = r.clock_city_after.match(view, m.end)
    if city:
        return r.city_zones.get(" ".join(city.group("city").lower().split())), True, city.end()
    return None, False, m.end


def _zone(r, words: str, event_zone: str | None) -> str | None:
    zone = r.time_zones.get(words)
    return event_zone if zone == "local" else zone


def _on_utc(m: Mention, zone: str, on: date) -> None:
    offset = values.offset_minutes(zone, on)
    low = None if m.low is None else (m.low - offset) % 1440
    high = None if m.high is None else (m.high - offset) % 1440
    if low is not None and high is not None and high < low:
        high += 1440  # an interval across midnight UTC keeps its width
    m.low, m.high, m.tz = low, high, "UTC"
    m.value = values.describe(values.Value("time", m.value, low, high, m.start, m.end, qualifier=m.qualifier, tz="UTC"))


# ---------------------------------------------------------------------------
# Counted nouns left out


def inherit_nouns(mentions: list[Mention], view: str, lang: Any, *,
                  groups: list[_Sentence] | None = None) -> dict[int, Mention]:
    """A count written without its noun counts what the count before it counted.

    "205 000 manifestants à Marseille, contre 145 000 le 19 janvier"; across a sentence only with
    the pronoun that stands for the noun: "... 34 000 manifestants. Les syndicats en revendiquent 80 000."
    Returns, by ``id``, the count each one's noun came from when the two state one figure and its
    part or its sequel ("1,2 million de foyers ..., dont 780 000 en Bretagne", "ils n'étaient plus que
    950 000"), not a comparison ("contre 1,2 million au plus fort"): ``elided_facts`` binds them alike.
    """
    r = context.readers(lang)
    last: Mention | None = None
    heads: dict[int, Mention] = {}
    for sentence in _sentences(mentions) if groups is None else groups:
        figures = sentence.figures
        for before, m in zip(figures, figures[1:]):
            # "une magnitude de 7,5 selon l'USGS, et de 7,6 selon l'AFAD": the second is a magnitude too.
            if (before.kind == "magnitude" and m.kind == "count" and m.noun is None and m.unit is None
                    and r.coordinated.search(view[before.end:m.start].rstrip()[:-2].rstrip() + " "
                                             if view[before.end:m.start].rstrip().endswith(" de") else view[before.end:m.start])):
                m.kind = "magnitude"
        counts = [m for m in sentence.figures if m.kind == "count" and m.unit != "%"]
        for m in counts:
            if r.difference_after.match(view, m.end):
                continue  # "10 000 de plus": a difference counts nothing of its own
            if m.noun is None and last is not None and last.noun:
                same = last.sentence_start == m.sentence_start
                paragraph = "\n\n" not in view[last.end:m.start]
                named = r.figure_noun.search(view[max(m.sentence_start, m.start - 30):m.start])
                # "- environ 70 000 soldats ... ;\n- 94 000, selon Kiev": the items of one list count alike.
                listed = (paragraph and r.list_item.match(view, m.sentence_start)
                          and r.list_item.match(view, last.sentence_start))
                if same or listed or (paragraph and (named or r.noun_pronoun.search(view, m.sentence_start, m.start))):
                    m.noun = last.noun
                    if not (same and r.comparison_before.search(view[last.end:m.start])):
                        heads[id(m)] = last
            if m.noun:
                last = m
    return heads


def elided_facts(mentions: list[Mention], heads: dict[int, Mention], binds: Callable[[Mention, str], bool]) -> None:
    """A count whose noun is left out states the fact of the count it took its noun from, when it binds
    none of its own and that fact's other constraints hold (``binds``): "1,2 million de foyers privés
    d'électricité, dont 780 000 en Bretagne" (the cue stands in the head's clause only)."""
    for m in mentions:
        head = heads.get(id(m))
        if (m.fact is None and head is not None and head.fact and head.event == m.event and head.kind == m.kind
                and binds(m, head.fact)):
            m.fact = head.fact


# ---------------------------------------------------------------------------
# Events


@dataclass(frozen=True)
class _Cue:
    start: int
    end: int
    event: str


def assign_events(mentions: list[Mention], view: str, story: "StoryRules | None", lang: Any, *,
                  groups: list[_Sentence] | None = None) -> None:
    """Set ``event`` on each mention: "" (the story's event), a declared other event, or ``other``."""
    if story is None:
        return
    r = context.readers(lang)
    event = story.event
    anchor = _day(event.date) if event else None
    window = event.window if event else (-3, 7)
    others = [(o, _day(o.date)) for o in story.other_events]
    other_cues = [(o.id, o.cue_pattern) for o in story.other_events if o.cue_pattern is not None]

    def event_of_days(low: date, high: date) -> str | None:
        """The occasion of a stated day range: None when it is the story's own."""
        if anchor is None:
            return None
        if anchor + timedelta(days=window[0]) <= high and low <= anchor + timedelta(days=window[1]):
            return None
        for other, day in others:
            if day and low <= day <= high:
                return other.id
        return OTHER_EVENT

    recalled: tuple[str, int] | None = None  # (occasion, end of the sentence that recalls it)
    for sentence in _sentences(mentions) if groups is None else groups:
        s = sentence.span
        figures = sentence.figures
        if not figures and not any(m.kind == "date" for m in sentence.mentions):
            recalled = None  # no figure to date and no day to place: its cues would move nothing
            continue
        cues: list[_Cue] = []
        for other_id, other_cue in other_cues:
            cues += [_Cue(m.start(), m.end(), other_id) for m in other_cue.finditer(view, s.start, s.end)]
        cues += [_Cue(m.start(), m.end(), OTHER_EVENT) for m in r.other_occasion.finditer(view, s.start, s.end)]
        for m in sentence.mentions:
            if m.kind == "date" and m.low is not None:
                low, high = _day(m.low), _day(m.high if m.high is not None else m.low)
                if low and high:
                    found = event_of_days(low, high)
                    before = view[max(s.start, m.start - 40):m.start]
                    if r.statement_day.search(before):
                        continue  # "a évoqué vendredi 94 000 soldats": the day of the statement
                    if anchor is not None and low > anchor and r.horizon.search(before):
                        continue  # "jusqu'à 175 000 dès le début de 2022": the horizon of a plan
                    if found is not None:
                        cues.append(_Cue(m.start, m.end, found))
            elif m.kind == "duration" and m.relation == "before" and isinstance(m.low, (int, float)) and m.low >= 2 * 1440:
                # "il y a douze jours", "trois ans plus tôt": the occasion lies that long before the event.
                if anchor is not None:
                    back = anchor - timedelta(minutes=float(m.high if m.high is not None else m.low))
                    back_early = anchor - timedelta(minutes=float(m.low))
                    found = event_of_days(min(back, back_early) - timedelta(days=1), max(back, back_early) + timedelta(days=1))
                    cues.append(_Cue(m.start, m.end, found or OTHER_EVENT))
                else:
                    cues.append(_Cue(m.start, m.end, OTHER_EVENT))
        # One phrase is one cue: the day "19 janvier" that a declared cue already reads, or "lors de la
        # précédente" inside "lors de la précédente journée", would move a second figure.
        kept: list[_Cue] = []
        for cue in cues:
            if not any(cue.start < k.end and k.start < cue.end for k in kept):
                kept.append(cue)
        cues = kept
        own: dict[int, str] = {}
        # Declared occasions first ("lors de la précédente journée" is the 19 January when the
        # story says so), then the language's generic cues and the stated days.
        declared = len([c for c in cues if c.event != OTHER_EVENT])
        ordered = sorted(cues[:declared], key=lambda c: (c.start, c.end, c.event)) + cues[declared:]
        for cue in ordered:
            before = view[max(s.start, cue.start - 25):cue.start]
            if r.comparison_target.search(before):
                # "supérieur à celui du 19 janvier (1,12 million, dont 80.000 à Paris)": only the
                # figures in a parenthesis right after the compared occasion are of that occasion.
                after = view[cue.end:min(s.end, cue.end + 4)]
                if "(" in after:
                    paren = _parenthesis(view, s, cue.end + after.index("(") + 1)
                    for f in figures:
                        if paren and paren.start < f.start < paren.end:
                            own.setdefault(id(f), cue.event)
                continue
            # Only a figure of the cue's clause: "100 000 soldats sont massés près des frontières, où
            # Poutine a capturé la Crimée en 2014" does not date the troops.
            # A number inside the cue is its day, no figure of the occasion ("contre 13.000 le 19").
            target = _nearest([f for f in figures if id(f) not in own and f.clause_start <= cue.start < f.clause_end
                               and not (cue.start <= f.start and f.end <= cue.end)],
                              cue.start, cue.end)
            if target is not None:
                own[id(target)] = cue.event
        # "Lors de la première journée, le ministère avait compté 42,35 % ... et 34,66 % ...": a cue in
        # the sentence's opening clause, before any figure, sets the occasion of all its figures.
        if figures:
            opening = [c for c in cues if c.end <= figures[0].start and c.start < figures[0].clause_start
                       and not any(f.start < c.start for f in figures)]
            if opening and not r.comparison_target.search(view[max(s.start, opening[0].start - 25):opening[0].start]):
                for f in figures:
                    if not r.statement_break.search(view, opening[0].end, f.start):
                        own.setdefault(id(f), opening[0].event)
        # A recall in the pluperfect goes on in the next sentences in the pluperfect: "Le 19 janvier, le
        # ministère avait recensé 1,12 million de manifestants. La CGT en avait revendiqué plus de 2 millions."
        # Only the figures of a clause in the pluperfect: "La CGT revendique 2,8 millions" is today's.
        if (recalled is not None and figures and not own
                and not view[recalled[1]:s.start].strip() and "\n\n" not in view[recalled[1]:s.start]):
            for f in figures:
                if r.pluperfect(view, f.clause_start, f.clause_end):
                    own[id(f)] = recalled[0]
        previous: Mention | None = None
        for f in figures:
            if id(f) not in own and previous is not None and id(previous) in own:
                if r.part_before.search(view[previous.end:f.start]):
                    own[id(f)] = own[id(previous)]  # "1,12 million, dont 80.000 à Paris"
            previous = f
        occasions = {own.get(id(f), "") for f in figures}
        recalled = ((occasions.pop(), s.end) if figures and r.pluperfect(view, s.start, s.end)
                    and len(occasions) == 1 and "" not in occasions else None)
        for m in sentence.mentions:
            if id(m) in own:
                m.event = own[id(m)]
            elif (m.kind == "date" and _day(m.low) != anchor
                  and r.statement_day.search(view, max(s.start, m.start - 30), m.start)):
                # "a annoncé lundi que ...": the statement's day, another occasion (on the event's own
                # day a statement may be the event: "Biden a prévenu mardi Poutine que ...").
                m.event = OTHER_EVENT
            elif m.kind == "date" and m.low is not None:
                m.event = _date_event(m, view, r, cues, event_of_days)


def _date_event(m: Mention, view: str, r, cues: list[_Cue], event_of_days) -> str:
    """A date's own occasion: the declared other event of that day, or another one when a word of a
    previous occasion stands in its clause ("lors de leur précédent entretien, le 7 décembre")."""
    low, high = _day(m.low), _day(m.high if m.high is not None else m.low)
    if not (low and high):
        return ""
    found = event_of_days(low, high)
    if found is None:
        return ""
    if found != OTHER_EVENT:
        return found
    if r.previous_occasion.search(view, m.clause_start, m.clause_end):
        return OTHER_EVENT
    declared = sorted({c.event for c in cues if c.event != OTHER_EVENT
                       and m.sentence_start <= c.start < m.sentence_end and not (c.start == m.start)})
    return declared[0] if declared else ""


# ---------------------------------------------------------------------------
# Claimants


@dataclass
class Claimants:
    """A story's claimant classes and the shared ones, and the canonical class of raw words."""

    forms: list[tuple[str, Any, int]]  # (class, compiled form, 0 for the story's own, 1 for shared)
    # raw words -> best form: articles name their claimants again and again, each read by every form.
    # Kept for a run (``StoryRun``) while no pattern runs out of time: a switched-off form must raise.
    known: dict[str, tuple[int, int, str] | None] = field(default_factory=dict, repr=False, compare=False)
    known_while: int = field(default=-1, repr=False, compare=False)  # ``switched_off()`` when filled

    @classmethod
    def of(cls, story: "StoryRules | None", ruleset: "RuleSet") -> "Claimants":
        own = [(name, pattern, 0) for name, _, pattern in (story.claimants if story else [])]
        shared = [(name, pattern, 1) for name, _, pattern in ruleset.claimants]
        return cls(own + shared)

    def canonical(self, raw: str | None) -> str | None:
        """The class whose form matches the raw words longest; the story's own wins a tie."""
        best = self._best(raw)
        return best[2] if best else None

    def own(self, raw: str | None) -> bool:
        """The raw words name one of the story's own classes (a named union, a ministry), not only
        a shared one ("les syndicats", "les autorités")."""
        return any(rank == 0 and pattern.search(fold(raw)) for _, pattern, rank in self.forms) if raw else False

    def _best(self, raw: str | None) -> tuple[int, int, str] | None:
        if not raw:
            return None
        off = switched_off()
        if off != self.known_while:
            self.known.clear()
            self.known_while = off
        if raw in self.known:
            return self.known[raw]
        words = fold(raw)
        best: tuple[int, int, str] | None = None
        for name, pattern, rank in self.forms:
            for m in pattern.finditer(words):
                candidate = (-(m.end() - m.start()), rank, name)
                if best is None or candidate < best:
                    best = candidate
        self.known[raw] = best
        return best


def _raw(text: str, start: int, end: int) -> str:
    return text[start:end].strip(" ,\"'«»").strip()


def _claimant_of_figures(sentence: _Sentence, view: str, text: str, r, classes: Claimants,
                         lead_in: str | None, lang: Any = None) -> dict[int, str]:
    """Raw claimant words of each figure of a sentence (by ``id``), where the text names one."""
    s = sentence.span
    figures = sentence.figures
    out: dict[int, str] = {}
    if not figures:
        return out
    selons = [(m.start(), m.end(), _raw(text, m.start("who"), m.end("who"))) for m in r.selon.finditer(view, s.start, s.end)]
    selons = [c for c in selons if r.names_someone(c[2]) or r.pronoun(c[2])]
    # "..., en additionnant les chiffres du ministère et ceux des Casques blancs": the sum is the source.
    selons += [(m.start(), m.end(), _raw(text, m.start(), m.end())) for m in r.sum_source.finditer(view, s.start, s.end)]
    selons.sort()
    parens = {id(f): _parenthesis(view, s, f.start) for f in figures}

    def same_paren(f: Mention, start: int) -> bool:
        return _parenthesis(view, s, start) == parens[id(f)]

    taken: set[tuple[int, int]] = set()
    for i, f in enumerate(figures):
        nxt = figures[i + 1].start if i + 1 < len(figures) else s.end
        paren = parens[id(f)]
        stop = min(nxt, paren.end) if paren else nxt
        after = view[f.end:stop]
        # "205 000 (CGT)", "40 000 manifestants (police)": a parenthesis that holds only a claimant.
        own = _CLAIMANT_PARENTHESIS.match(after)
        if own:
            words = text[f.end + own.start(1):f.end + own.end(1)]
            inner = r.selon.match(view, f.end + own.start(1))
            if inner:
                out[id(f)] = _raw(text, inner.start("who"), inner.end("who"))
                taken.add((inner.start(), inner.end()))
                continue
            if classes.canonical(words):
                out[id(f)] = words.strip()
                continue
        # "N, selon X" / "N selon X": the next attribution after the figure, before the next figure.
        hit = next((c for c in selons if f.end <= c[0] < stop and same_paren(f, c[0]) and not r.pronoun(c[2])), None)
        if hit:
            out[id(f)] = hit[2]
            taken.add(hit[:2])
            # "76 personnes ont été tuées dans sept provinces, selon l'AFAD": the figures before it in
            # its clause, no claimant of their own between, are stated by the same source.
            for g in figures[:i]:
                if id(g) not in out and g.clause_start == f.clause_start and same_paren(g, hit[0]) \
                        and not r.claim_verb.search(view, g.end, f.start):
                    out[id(g)] = hit[2]
    for i, f in enumerate(figures):
        if id(f) in out:
            continue
        clause = Span(f.clause_start, f.clause_end)
        prev_end = max(clause.start, figures[i - 1].end if i else clause.start)
        before = view[prev_end:f.start]
        # "X annonce / revendique / a compté / en revendiquent N": the subject of a claim verb.
        verbs = list(r.claim_verb.finditer(view, prev_end, f.start))
        colon = view.rfind(":", s.start, f.start)
        if not verbs and colon > s.start and not any(s.start <= g.start < f.start for g in figures):
            # "Il a annoncé un nouveau bilan : 8 574 morts et 49 133 blessés": the verb before the colon.
            verbs = list(r.claim_verb.finditer(view, s.start, colon))
            if verbs:
                clause = next((c for c in clauses(view, s, lang) if c.start <= verbs[-1].start() < c.end), clause)
        if verbs:
            verb = verbs[-1].start()
            if r.relative.match(view[clause.start:verb]):
                # "500 000 selon la CGT, qui en avait recensé 400 000": the antecedent ends the clause before.
                who = _antecedent(view, text, s, clause, r)
            else:
                who = context.subject_before(r, view, text, clause, s, verb)
            if who and (classes.canonical(who) or r.pronoun(who) or r.possessive(who)):
                out[id(f)] = who  # a pronoun or "Son président, X," stands for a claimant named before
                continue
            # "Le porte-parole du Kremlin, Dmitri Peskov, a confirmé": a subject set off by commas.
            who = _apposed_subject(view, text, s, clause, r, classes)
            if who:
                out[id(f)] = who
                continue
        # "pour la CGT, 500 000" / "500 000 pour la CGT": only a known claimant.
        weak = [m for m in r.weak_claimant.finditer(view, figures[i - 1].end if i else s.start, min(s.end, f.end + 60))
                if classes.canonical(m.group("who")) and same_paren(f, m.start())]
        if weak:
            m = weak[0]
            out[id(f)] = _raw(text, m.start("who"), m.end("who"))
            continue
        # "le SNUipp-FSU annonce 50 %, le Snes-FSU 55 %": a claimant alone before its figure.
        bare = before.strip(" ,;")
        if bare and len(bare) <= 40 and classes.canonical(bare) and not _has_digit(bare):
            out[id(f)] = _raw(text, f.start - len(before) + (len(before) - len(before.lstrip(" ,;"))), f.start)
            continue
    # Figures linked to the one before ("contre 145 000", "dont 87 000"): its claimant.
    for i, f in enumerate(figures):
        if id(f) in out or not i:
            continue
        between = view[figures[i - 1].end:f.start]
        linked = r.comparison_before.search(between) or r.part_before.search(between) or r.coordinated.search(between)
        if linked and id(figures[i - 1]) in out:
            out[id(f)] = out[id(figures[i - 1])]
    # "6 800 hectares à Hostens et 400 à Belin-Béliet, selon la préfecture": coordinated figures share it;
    # so do a figure and its part ("1.272.000 personnes dans toute la France, dont 87.000 à Paris, selon le
    # ministère": the whole and its part are the ministry's).
    for i in range(len(figures) - 2, -1, -1):
        f, nxt = figures[i], figures[i + 1]
        between = view[f.end:nxt.start]
        if id(f) not in out and id(nxt) in out and (r.coordinated.search(between) or r.part_before.search(between)):
            out[id(f)] = out[id(nxt)]
    # The rest: the nearest attribution of the sentence no other figure took, outside parentheses
    # that do not hold the figure ("300 000 à Paris (60 000 selon la préfecture)").
    free = [c for c in selons if c[:2] not in taken]
    for f in figures:
        if id(f) in out:
            continue
        usable = [c for c in free if same_paren(f, c[0]) or _parenthesis(view, s, c[0]) is None]
        if not usable and (parens[id(f)] is not None or "(" in view[f.start:f.end]):
            # "(1,12 million, dont 80.000 à Paris)": a parenthesis without its own claimant keeps its sentence's;
            # so does a figure holding one ("à 04h17 heure locale (01h17 GMT)", a time and its zone's).
            usable = [c for c in selons if _parenthesis(view, s, c[0]) is None]
        if usable:
            out[id(f)] = min(usable, key=lambda c: (_gap(f.start, f.end, c[0], c[1]), c[0]))[2]
            continue
        # "Les chiffres de la police sont tombés : Lyon, 25 000 ; Nantes, 28 000": the list's lead-in.
        lead = list_lead_in(view, f)
        who = _lead_claimant(view, text, lead, r, classes) if lead is not None else None
        if who or lead_in:
            out[id(f)] = who or lead_in
    return out


_CLAIMANT_PARENTHESIS = re.compile(r"\s*(?:[a-z'-]+\s*)?\(\s*([^()\d]{2,60}?)\s*\)", re.IGNORECASE)


def _antecedent(view: str, text: str, sentence: Span, clause: Span, r) -> str:
    """What a relative pronoun stands for: the claimant of the clause before ("selon la CGT, qui ...")."""
    separator = view.rfind(",", sentence.start, clause.start)
    start = view.rfind(",", sentence.start, separator) if separator > sentence.start else -1
    start = sentence.start if start < 0 else start + 1
    if separator < 0:
        return ""
    clause = Span(clause.start, clause.end)
    clause_start = separator
    before = view[start:clause_start]
    m = None
    for m in r.selon.finditer(view, start, clause_start):
        pass
    if m is not None:
        return _raw(text, m.start("who"), m.end("who"))
    return _raw(text, start, start + len(before.rstrip(" ,")))


def _apposed_subject(view: str, text: str, sentence: Span, clause: Span, r, classes: Claimants) -> str | None:
    """The claimant among the comma-set segments before a clause that opens on its verb.

    "L'agence turque, l'AFAD, qui place l'épicentre à Pazarcik, a évalué ...": the nearest segment
    (at most four back, none holding a figure or another statement) that names a known claimant.
    """
    head = max(sentence.start, view.rfind(":", sentence.start, clause.start) + 1,
               view.rfind(";", sentence.start, clause.start) + 1)
    end = clause.start
    found: list[str] = []
    for _ in range(4):
        if end <= head:
            break
        comma = view.rfind(",", head, end - 1)
        start = head if comma < 0 else comma + 1
        words = view[start:end].strip(" ,")
        if _has_digit(words) or r.selon.search(words):
            break
        if words and classes.canonical(words):
            offset = start + (len(view[start:end]) - len(view[start:end].lstrip(" ,")))
            found.append(_raw(text, offset, offset + len(words)))
        end = start
    # A named claimant before a generic apposition: "le SNUipp-FSU, premier syndicat du primaire, table
    # sur 50 %" is the SNUipp-FSU, not the unions at large.
    return next((who for who in found if classes.own(who)), found[0] if found else None)


def _has_digit(words: str) -> bool:
    return any(ch.isdigit() for ch in words)


# ---------------------------------------------------------------------------
# Keys


@dataclass(frozen=True)
class _KeyMark:
    start: int
    end: int
    key: str
    needs_preposition: bool  # a place found by the grammar needs "à", "en", "dans" to key a figure after it


def _key_marks(rule: "FactRule", story: "StoryRules | None", sentence_mentions: list[Mention], view: str,
               span: Span, r) -> list[_KeyMark]:
    marks: list[_KeyMark] = []
    for key, pattern in rule.key_alias_patterns:
        marks += [_KeyMark(m.start(), m.end(), key, False) for m in pattern.finditer(view, span.start, span.end)]
    by = rule.by
    if by == "place":
        # A square or a street ("la place d'Italie") lies inside the city a figure is counted for; the
        # territory of a claimant ("selon la préfecture de Loire-Atlantique") is the claimant's, no key.
        places = [m for m in sentence_mentions if m.kind == "place" and not r.street_place.match(view, m.start, m.end)]
        claimants = [m.span("who") for m in r.selon.finditer(view, span.start, span.end)] if places else []
        marks += [_KeyMark(m.start, m.end, m.value, True) for m in places
                  if not any(a < m.start < b and r.of_before.search(view, a, m.start) for a, b in claimants)]
    elif by == "person":
        marks += [_KeyMark(m.start, m.end, m.value, False) for m in sentence_mentions if m.kind == "person"]
    elif story is not None and by in story.keys:
        for key, _, pattern in story.keys[by]:
            marks += [_KeyMark(m.start(), m.end(), key, False) for m in pattern.finditer(view, span.start, span.end)]
    # Overlapping marks: the longest (an alias "dans toute la France" over the place "France").
    marks.sort(key=lambda k: (k.start, -(k.end - k.start), k.key))
    kept: list[_KeyMark] = []
    for mark in marks:
        if kept and mark.start < kept[-1].end:
            continue
        kept.append(mark)
    return kept


def _scene(sentence: _Sentence, rules: dict[str, "FactRule"], story, view: str, scene: dict[str, str], r) -> None:
    """Update the paragraph's scene, by fact: the one key a sentence names ("À Nantes, le cortège ...",
    "la manifestation parisienne ..."); a sentence naming several keys leaves no scene."""
    s = sentence.span
    for rule in rules.values():
        if rule.by is None:
            continue
        keys = {m.key for m in _key_marks(rule, story, sentence.mentions, view, s, r)}
        if len(keys) == 1:
            scene[rule.id] = keys.pop()
        elif keys:
            scene.pop(rule.id, None)


_NAME_BEFORE = __import__("re").compile(r"(?<![\w'-])([A-Z][\w'-]+(?:[ -][A-Z][\w'-]+)*)\s*$")


_TITLE_MAX = 200  # characters: a longer first line is a paragraph, not a title


def _title(view: str, body_start: int) -> Span:
    """An article's title: the first line of its body, when it reads as one (short, no final full
    stop); an empty span when the body opens on its text."""
    end = view.find("\n", body_start)
    end = len(view) if end < 0 else end
    line = view[body_start:end].rstrip()
    if not line or len(line) > _TITLE_MAX or line.endswith("."):
        return Span(body_start, body_start)
    return Span(body_start, end)


def _title_keys(mentions: list[Mention], view: str, body_start: int, rules: dict[str, "FactRule"], story,
                r) -> dict[str, str]:
    """The one key an article's title names, by fact ("Retraites : à Toulouse, une marée humaine"): a
    local article's figures with no key of their own are the title's city's, for facts without a default key."""
    title = _title(view, body_start)
    inside = [m for m in mentions if title.start <= m.start < title.end]
    out = {}
    for rule in rules.values():
        if rule.default_key is None:
            keys = {k.key for k in _key_marks(rule, story, inside, view, title, r)}
            if len(keys) == 1:
                out[rule.id] = keys.pop()
    return out


def _keys_of_figures(sentence: _Sentence, rules: dict[str, "FactRule"], story, view: str, text: str, r,
                     lead_keys: dict[str, list[str]], previous: dict[str, str],
                     title_keys: dict[str, str]) -> dict[int, list[str]]:
    """Keys of each keyed figure of a sentence (by ``id``): one, or several ("8 000 à Tours et à Orléans")."""
    s = sentence.span
    figures = sentence.figures
    out: dict[int, list[str]] = {}
    marks_by_fact: dict[str, list[_KeyMark]] = {}
    used_after: set[tuple[int, int]] = set()
    after_of: dict[int, list[_KeyMark]] = {}
    for i, f in enumerate(figures):
        rule = rules.get(f.fact or "")
        if rule is not None and rule.by is not None:
            marks = marks_by_fact.setdefault(rule.id, _key_marks(rule, story, sentence.mentions, view, s, r))
            # "1,2 million de foyers restent sans courant, principalement en Bretagne (environ 780.000)":
            # the key right before a parenthesis that opens on a figure, in a clause after this one's, is
            # that figure's.  "300 000 à Paris (60 000 selon la préfecture)" gives Paris two counts, and
            # "14.000 à Rouen (contre 13.000 le 19)" compares: there the key is both's.
            heads = {k for g in figures if g is not f and _opens_parenthesis(g, view, s)
                     for k in _paren_heads(g, marks, view, s) if "," in view[f.end:k.start]}
            after_of[id(f)] = _after_keys(f, [k for k in marks if k not in heads], _stop(figures, i, view, s), view, r)
    for i, f in enumerate(figures):
        rule = rules.get(f.fact or "")
        if rule is None or rule.by is None:
            continue
        marks = marks_by_fact[rule.id]
        paren = _parenthesis(view, s, f.start)
        prev_end = figures[i - 1].end if i else s.start
        # "Brest (9.000)": the key right before the parenthesis that holds the figure.
        if paren is not None:
            head = _paren_heads(f, marks, view, s)
            if head:
                out[id(f)] = [head[-1].key]
                continue
            name = _NAME_BEFORE.search(text, max(s.start, paren.start - 40), paren.start) if rule.by == "place" else None
            if name and not view[paren.start + 1:f.start].strip():
                out[id(f)] = [name.group(1)]  # "Brest (9.000)": a city the gazetteer does not know
                continue
        # "12 000 à Rennes", "8 000 à Tours et à Orléans": the keys after the figure.
        keys = after_of[id(f)]
        # "8 574 morts et 49 133 blessés en Turquie": counts of other facts joined to this one share
        # the key after the last of them (the next one's, or the one before's: "..., et 6 444 bâtiments").
        for j in (i + 1, i - 1):
            if keys or not 0 <= j < len(figures):
                continue
            other = figures[j]
            other_rule = rules.get(other.fact or "")
            first, second = (f, other) if j > i else (other, f)
            if (other_rule is not None and other_rule.id != rule.id and other_rule.by == rule.by
                    and r.coordinated.search(view[first.end:second.start].rstrip(" ,") + " ")):
                keys = after_of.get(id(other), [])
        if keys:
            out[id(f)] = list(dict.fromkeys(k.key for k in keys))
            used_after.update((k.start, k.end) for k in keys)
            continue
        # "205 000 à Marseille, contre 145 000 le 19 janvier": the key of the figure compared; "2 000
        # policiers à Lyon, dont 800 autour de la place Bellecour": the key of the whole.
        between = view[prev_end:f.start]
        if i and (r.comparison_before.search(between) or r.part_before.search(between)) and id(figures[i - 1]) in out:
            out[id(f)] = list(out[id(figures[i - 1])])
            continue
        # "À Toulouse, la préfecture a compté 34 000": the nearest key before, not another figure's.
        before = [k for k in marks if prev_end <= k.start and k.end <= f.start and (k.start, k.end) not in used_after]
        if before:
            out[id(f)] = [before[-1].key]
            continue
        # "À Nice, FO compte 25 000 manifestants, contre 20 000 ...": the sentence's fronted key.
        first = figures[0].start
        fronted = [k for k in marks if s.start <= k.start and k.end <= first]
        if fronted:
            out[id(f)] = [fronted[-1].key]
            continue
        if rule.id in lead_keys:
            out[id(f)] = list(lead_keys[rule.id])
            continue
        others = [k for k in marks if not any(k in keyed for keyed in after_of.values())]
        if rule.id in previous and (not others or r.locative_pronoun.search(view, f.clause_start, f.clause_end)):
            # The paragraph's scene: "À Nantes, le cortège s'est étiré ... Les autorités ont dénombré 28 000";
            # a key of another figure ("65 000, dont 10 000 à Saint-Nazaire") leaves it to this one; "y"
            # stands for it whatever else the sentence names: "87 000 personnes y ont participé".
            out[id(f)] = [previous[rule.id]]
            continue
        if rule.default_key:
            out[id(f)] = [rule.default_key]
        elif rule.id in title_keys:
            out[id(f)] = [title_keys[rule.id]]
    return out


def _opens_parenthesis(f: Mention, view: str, s: Span) -> bool:
    paren = _parenthesis(view, s, f.start)
    return paren is not None and not view[paren.start + 1:f.start].strip()


def _paren_heads(f: Mention, marks: list[_KeyMark], view: str, s: Span) -> list[_KeyMark]:
    """The key right before the parenthesis that holds a figure ("Brest (9.000)"), if any."""
    paren = _parenthesis(view, s, f.start)
    if paren is None:
        return []
    return [k for k in marks if k.end <= paren.start and not view[k.end:paren.start].strip()][-1:]


def _stop(figures: list[Mention], i: int, view: str, s: Span) -> int:
    """Where the words that may key figure ``i`` end: the next figure, or the end of its parenthesis."""
    paren = _parenthesis(view, s, figures[i].start)
    nxt = figures[i + 1].start if i + 1 < len(figures) else s.end
    return min(nxt, paren.end) if paren else nxt


def _after_keys(f: Mention, marks: list[_KeyMark], stop: int, view: str, r) -> list[_KeyMark]:
    """The keys right after a figure: "12 000 à Rennes", "8 000 à Tours et à Orléans"."""
    after = [k for k in marks if f.end <= k.start < stop
             and (not k.needs_preposition or r.key_preposition.search(view[max(f.end, k.start - 12):k.start]))]
    keys = after[:1]
    for k in after[1:]:
        if not r.key_joiner.match(view[keys[-1].end:k.start]):
            break
        keys.append(k)
    return keys


def _keys_of_places(sentence: _Sentence, rules: dict[str, "FactRule"], story, view: str, r,
                    previous: dict[str, str], title_keys: dict[str, str]) -> dict[int, list[str]]:
    """Keys of the places bound to a keyed fact (a march's starting point, by city): the key named
    before it in its sentence ("À Paris, le cortège doit partir de la place d'Italie"), else the one
    key the sentence names, else the paragraph's scene, else the fact's default key or the title's."""
    out: dict[int, list[str]] = {}
    for m in sentence.mentions:
        rule = rules.get(m.fact or "")
        if m.kind != "place" or rule is None or rule.by is None:
            continue
        marks = _key_marks(rule, story, sentence.mentions, view, sentence.span, r)
        before = [k for k in marks if k.end <= m.start]
        named = {k.key for k in marks}
        key = (before[-1].key if before else named.pop() if len(named) == 1
               else previous.get(rule.id, rule.default_key or title_keys.get(rule.id)))
        if key:
            out[id(m)] = [key]
    return out


# ---------------------------------------------------------------------------
# As-of times


def _iso(day: date, minutes: int, offset: str) -> str:
    stamp = datetime(day.year, day.month, day.day, (minutes // 60) % 24, minutes % 60)
    return stamp.isoformat() + offset


def _minutes(clock: str | None) -> int:
    """Minutes of an "HH:MM" anchor time (0 without one)."""
    hours, _, minutes = (clock or "0:0").partition(":")
    return int(hours) * 60 + int(minutes or 0)


def _offset(published: str | None) -> str:
    if not published:
        return ""
    tail = published[19:] if len(published) > 19 else ""
    tail = tail.split(".")[-1] if tail.startswith(".") else tail
    return "+00:00" if tail == "Z" else tail


# ---------------------------------------------------------------------------
# Everything for one article


@dataclass(frozen=True)
class StoryRun:
    """What ``assign_dimensions`` reads of a story's rules, built once a run (``facts.extract_mentions``)
    instead of once an article: its claimant classes (with their memo) and its facts by id."""

    classes: Claimants
    rules: dict[str, "FactRule"]

    @classmethod
    def of(cls, story: "StoryRules | None", ruleset: "RuleSet") -> "StoryRun":
        rules = {fact_id: rule for (owner, fact_id), rule in ruleset.story_facts.items() if owner == story.story} \
            if story is not None else ruleset.facts
        return cls(Claimants.of(story, ruleset), rules)


def assign_dimensions(mentions: list[Mention], article: Article, view: str, story: "StoryRules | None",
                      ruleset: "RuleSet", lang: Any, *, groups: list[_Sentence] | None = None,
                      run: StoryRun | None = None) -> list[Mention]:
    """Keys, claimants and as-of times of an article's mentions; a figure with two keys becomes two rows."""
    r = context.readers(lang)
    text = article.text
    run = run or StoryRun.of(story, ruleset)
    classes, rules = run.classes, run.rules
    day = _day(article.meta.date) if article.meta.date and len(str(article.meta.date)) >= 10 else None
    published = article.meta.published or (article.meta.date if day else None)
    offset = _offset(article.meta.published)
    stamps = blog = context.blog_stamps(r, view, article.body_start)
    stamp_starts = [st for st, _ in stamps]

    keyed_rules = {f: rules[f] for f in {m.fact for m in mentions if m.fact in rules} if rules[f].by}
    anchor = _day(story.event.date) if story is not None and story.event is not None else None
    if day is not None and anchor is not None and day < anchor:
        # Published before its event, an article can only announce it: a figure of the event no verb
        # dates ("11 000 policiers et gendarmes seraient déployés mardi") is a plan.  A verb of what
        # already happened keeps its reading ("70 000 soldats ont été massés à la frontière").
        for m in mentions:
            if m.fact in rules and not m.event and m.modality == "unknown":
                m.modality = "planned"
    title_keys = _title_keys(mentions, view, article.body_start, keyed_rules, story, r)

    def stamp_between(a: int, b: int) -> bool:
        i = bisect.bisect_right(stamp_starts, a)
        return i < len(stamp_starts) and stamp_starts[i] < b

    last_claimed: tuple[int, str] | None = None
    lead_claimant: str | None = None
    lead_keys: dict[str, list[str]] = {}
    lead_end = -1
    previous_keys: dict[str, str] = {}
    previous_end = -1
    keys_of: dict[int, list[str]] = {}
    with_mentions = {(x.span.start, x.span.end): x for x in (_sentences(mentions) if groups is None else groups)}
    spoken = {id(m): m.attribution for m in mentions}  # the grammar's reading ("X a déclaré que ...")
    for span in sentences(view, article.body_start, lang=lang):
        sentence = with_mentions.get((span.start, span.end)) or _Sentence(span)
        s = sentence.span
        # A lead-in ("Dans les régions, d'après les autorités :") covers the list after it, up to a blank line.
        if lead_end >= 0 and "\n\n" in view[lead_end:s.start]:
            lead_claimant, lead_keys, lead_end = None, {}, -1
        if "\n\n" in view[max(0, previous_end):s.start] or previous_end < 0 or stamp_between(previous_end, s.start):
            previous_keys = {}
        claimed = _claimant_of_figures(sentence, view, text, r, classes, lead_claimant, lang)
        if (sentence.figures and id(sentence.figures[0]) not in claimed and last_claimed is not None
                and r.figure_subject.match(view, s.start, s.end) and "\n\n" not in view[last_claimed[0]:s.start]):
            claimed[id(sentence.figures[0])] = last_claimed[1]  # "Le chiffre définitif ... s'établit à 1,272 million"
        said = {_raw(text, m.start("who"), m.end("who")) for m in r.selon.finditer(view, s.start, s.end)} \
            if sentence.figures else ()
        for f in sentence.figures:
            # The readers above replace the grammar's nearest "selon X"; its other readings
            # ("..., a déclaré la Maison Blanche") stay when they found nothing.
            f.attribution = spoken[id(f)] if spoken[id(f)] not in said else None
            if id(f) in claimed:
                who = claimed[id(f)]
                if r.pronoun(who) or r.possessive(who):
                    # "Selon lui, ...", "Il a annoncé", "Son président, X, a précisé": the claimant last
                    # named in the paragraph: the last figure's, else the last known claimant's words.
                    if last_claimed is None or "\n\n" in view[last_claimed[0]:f.start]:
                        named = _last_named(view, text, f.start, classes)
                        if named is None:
                            continue
                        last_claimed = named
                    who = last_claimed[1]
                f.attribution = who
                last_claimed = (f.end, who)
        keyed = _keys_of_figures(sentence, rules, story, view, text, r, lead_keys, previous_keys, title_keys)
        keyed.update(_keys_of_places(sentence, rules, story, view, r, previous_keys, title_keys))
        keys_of.update(keyed)
        _scene(sentence, keyed_rules, story, view, previous_keys, r)
        previous_end = s.end
        if not sentence.figures and view[s.start:s.end].rstrip().endswith(":"):
            lead_claimant = _lead_claimant(view, text, s, r, classes)
            lead_keys = {}
            for rule in keyed_rules.values():
                marks = _key_marks(rule, story, sentence.mentions, view, s, r)
                if marks:
                    lead_keys[rule.id] = [marks[0].key]  # "À Paris, selon la police :"
            lead_end = s.end
    # As-of times.  Clock times grouped by sentence once: a figure looks only at its own sentence's
    # (18 000 mentions made this pairwise step 18 000² before).
    times_in: dict[int, list[Mention]] = {}
    for t in mentions:
        if t.kind in ("time", "date"):
            times_in.setdefault(t.sentence_start, []).append(t)
    fronted: dict[int, tuple[date | None, int | None, int]] = {}
    for m in mentions:
        m.story = m.story or ""
        m.claimant = classes.canonical(_with_domain(m.attribution, m, view, text, r))
        rule = rules.get(m.fact or "")
        if m.claimant is None and rule is not None and rule.claimant and _is_figure(m):
            m.claimant = rule.claimant  # the fact's own claimant: the text names none
        if rule is None or not _is_figure(m):
            continue
        as_of, source = None, None
        i = bisect.bisect_right(stamp_starts, m.start) - 1
        if day is not None and i >= 0:
            as_of, source = _iso(day, stamps[i][1], offset), "text"
        if m.sentence_start not in fronted:
            fronted[m.sentence_start] = _fronted_day(m.sentence_start, times_in.get(m.sentence_start, []), view, r, lang)
        head_day, head_clock, head_end = fronted[m.sentence_start]
        on = day if head_day is None else head_day
        if on is not None and head_clock is not None and head_end <= m.start:
            as_of, source = _iso(on, head_clock, offset), "text"
        tail = r.trailing_day.match(view, m.end, m.clause_end)
        if tail is not None:
            # "contre 4 000 ce matin": a part of the day right after the figure dates it, nearer than a head
            tail_days = [_day(t.low) for t in times_in.get(m.sentence_start, [])
                         if t.kind == "date" and t.low == t.high and tail.start() <= t.start and t.end <= tail.end()]
            on = tail_days[0] if tail_days else day
            if on is not None:
                as_of, source = _iso(on, lang.FRONTED_DAY_PARTS[" ".join(tail.group("part").lower().split())], offset), "text"
        clock = _clock_before(m, times_in.get(m.sentence_start, []), view, r)
        if on is not None and clock is not None:
            as_of, source = _iso(on, clock, offset), "text"
        elif anchor is not None and r.peak.search(view, m.sentence_start, m.start):
            # "au plus fort de la tempête, 1,2 million de foyers": the peak, at the event's anchor
            as_of, source = _iso(anchor, _minutes(story.event.time), offset), "text"
        if as_of is None and published and (rule.evolves != "none" or r.running.search(view, m.sentence_start, m.sentence_end)):
            as_of, source = published, "publication"
        m.as_of, m.as_of_source = as_of, source
    out: list[Mention] = []
    for m in mentions:
        keys = keys_of.get(id(m))
        if not keys:
            out.append(m)
            continue
        m.fact_key = keys[0]
        out.append(m)
        out.extend(replace(m, fact_key=k, paired=dict(m.paired) if m.paired else None) for k in keys[1:])
    _restated_claimants(out)
    return out


def _with_domain(who: str | None, m: Mention, view: str, text: str, r) -> str | None:
    """A bare institution ("le ministère") named in a sentence that opens on its domain ("Dans la fonction
    publique d'État, le ministère a recensé 19,4 %") is that domain's: its words name the class."""
    if not who or len(who.split()) != 2 or who.split()[0].lower() not in r.function_words:
        return who
    domain = r.fronted_domain.match(view, m.sentence_start, m.sentence_end)
    return f"{who} ({text[domain.start('domain'):domain.end('domain')]})" if domain else who


def _last_named(view: str, text: str, before: int, classes: Claimants) -> tuple[int, str] | None:
    """The last words of the paragraph before ``before`` that name a known claimant: (end, words)."""
    start = view.rfind("\n\n", 0, before)
    start = 0 if start < 0 else start
    best: tuple[int, int] | None = None
    for _, pattern, _ in classes.forms:
        for m in pattern.finditer(view, start, before):
            if best is None or m.end() > best[1]:
                best = (m.start(), m.end())
    return (best[1], _raw(text, *best)) if best else None


def _restated_claimants(mentions: list[Mention]) -> None:
    """A figure the article states again with its source is that source's, when the article names only one:
    a title ("Retraites : 11 000 policiers et gendarmes mobilisés", then "Darmanin a annoncé que 11 000
    policiers ..."), a lead ("76 morts ... selon de premiers bilans", then "76 personnes ..., selon l'AFAD")."""
    sources: dict[tuple, set[tuple[str, str]]] = {}
    for m in mentions:
        if m.fact and _is_figure(m) and m.claimant:
            sources.setdefault((m.fact, m.fact_key, m.low, m.high), set()).add((m.claimant, m.attribution or ""))
    for m in mentions:
        if m.fact and _is_figure(m) and not m.claimant:
            named = sources.get((m.fact, m.fact_key, m.low, m.high), set())
            if len({c for c, _ in named}) == 1:
                m.claimant, raw = min(named)
                m.attribution = m.attribution or raw


def _lead_claimant(view: str, text: str, s: Span, r, classes: Claimants) -> str | None:
    m = r.selon.search(view, s.start, s.end)
    if m:
        return _raw(text, m.start("who"), m.end("who"))
    verbs = list(r.claim_verb.finditer(view, s.start, s.end))
    for verb in verbs:
        who = context.subject_before(r, view, text, s, s, verb.start())
        if who and classes.canonical(who):
            return who
    # "Les chiffres de la police :", "le décompte de la préfecture donne ...": whose figures they are.
    for m in r.figure_source.finditer(view, s.start, s.end):
        who = _raw(text, m.start("who"), m.end("who"))
        if classes.canonical(who):
            return who
    return None


def _fronted_day(sentence_start: int, mentions: list[Mention], view: str, r, lang: Any) -> tuple[date | None, int | None, int]:
    """The day and minutes a sentence's head dates its figures by, and where the head ends.

    "Jeudi soir, 700 000 foyers ..." is Thursday at 20:00 (the middle of the part of the day); "Ce matin, ..."
    the publication day at 9:00; a clock time in the head wins ("Jeudi 6 heures, ...", "Mercredi soir,
    21 heures, ...").  A day alone ("Jeudi, le gouvernement ...") gives no time: (day, None, end).
    """
    head = r.fronted_day.match(view, sentence_start)
    if head is None:
        return None, None, -1
    inside = [t for t in mentions if head.start() <= t.start and t.end <= head.end()]
    days = [_day(t.low) for t in inside if t.kind == "date" and t.low == t.high]
    clocks = [t.low for t in inside if t.kind == "time" and t.tz is None and isinstance(t.low, (int, float))]
    part = head.group("part")
    minutes = int(clocks[0]) if clocks else lang.FRONTED_DAY_PARTS.get(" ".join(part.lower().split())) if part else None
    return (days[0] if days else None), minutes, head.end()


def _clock_before(m: Mention, mentions: list[Mention], view: str, r) -> int | None:
    # ``mentions``: the time mentions of ``m``'s sentence (any list works: the filter below is the rule).
    """A clock time that dates the figure: "À 14 heures, la CGT revendiquait 205 000", "vers 18 h 30, ...".

    It stands before the figure in its sentence, after "à"/"vers", and is no fact of its own.
    """
    best = None
    for t in mentions:
        if t.kind != "time" or t.fact or t.sentence_start != m.sentence_start or t.end > m.start:
            continue
        if t.tz is not None or not isinstance(t.low, (int, float)):
            continue
        if not (r.as_of_preposition.search(view[max(m.sentence_start, t.start - 20):t.start])
                or r.as_of_preposition.search(view[t.start:t.start + 20].split(" ")[0] + " ")):
            continue  # "vers 18 h 30": the marker is part of the time
        best = int(round((t.low + (t.high if t.high is not None else t.low)) / 2))
    return best
