"""The value grammar's regular expressions, built once from a language's data.

All patterns match the folded view of a text (``text.fold``: accents stripped,
apostrophes and spaces plain, same length as the text).  ``master`` is one
alternation of every value form, so extraction is a single ``finditer`` pass;
the order of the alternatives is the order of precedence at a position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import ModuleType

from ..text import fold


def _char(ch: str) -> str:
    if ch == " ":
        return r"\s+"
    if ch == "'":
        return r"'\s?"
    return re.escape(ch)


def _trie(phrases) -> str:
    """One alternation of literal phrases, factored by common prefixes.

    ``re`` tries the branches of an alternation one by one; sharing prefixes
    (janvier|juin|juillet -> j(?:anvier|ui(?:llet|n))) makes a failing
    position cost one branch instead of all of them.  Longer phrases still win:
    an optional tail is greedy.
    """
    root: dict = {}
    for phrase in phrases:
        node = root
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}

    def render(node: dict) -> str:
        ends_here = "" in node
        branches = [_char(ch) + render(child) for ch, child in sorted(node.items()) if ch != ""]
        if not branches:
            return ""
        if len(branches) == 1 and not ends_here:
            return branches[0]
        body = "(?:" + "|".join(branches) + ")"
        return body + "?" if ends_here else body

    return render(root)


def words(items) -> str:
    """An alternation of phrases (folded), with flexible spaces and apostrophes."""
    return "(?:" + _trie({fold(i) for i in items}) + ")"


def _after(items) -> str:
    """Lookbehinds for literal words (one each: a lookbehind has one width)."""
    return "(?:" + "|".join(f"(?<=\\b{re.escape(fold(i))})" for i in sorted(items)) + ")"


def marker_forms(items, of: tuple[str, ...]) -> dict[str, str]:
    """Every written form of each marker -> the marker: "pres d'" -> "pres de" (the elided "of")."""
    forms = {}
    for item in items:
        folded = fold(item)
        forms[folded] = item
        for full in of:
            if folded.endswith(" " + full):
                stem = folded[: -len(full)]
                forms.update({(stem + o).strip(): item for o in of})
    return forms


def marker(forms: dict[str, str]) -> str:
    return rf"(?:{_trie(forms)}(?<=')|{_trie(forms)}\s+)"


_WORD_END = ""  # the form puts a space, an apostrophe, a hyphen or a word's end after its first word
_ANY = None  # the form may glue any letter to its first word: the word is tested as a prefix


def _openers(lists) -> str:
    """A guard's test of the first words of value forms, each list with what its forms let follow.

    ``lists`` holds ``(phrases, after)``: ``after`` is ``_WORD_END`` when the forms put a non-word
    character after the first word ("de" + space in "de 10 à 12"; a phrase's inner space is
    ``\\s+``), a pattern for what they may glue straight onto it ("vingt" + "et" in "vingtetun"),
    or ``_ANY``.  A first word ending in an apostrophe or a sign ("d'") is a prefix whatever
    follows.  The test may let through more than the forms match, never less: it only saves them
    the trouble of failing.
    """
    by_after: dict[str | None, set[str]] = {}
    for phrases, after in lists:
        for phrase in phrases:
            folded = fold(phrase)
            if not folded.split():
                continue
            first = folded.split()[0]
            if not first[-1].isalnum():
                key = _ANY
            elif len(folded.split()) > 1 or folded != folded.rstrip():
                key = _WORD_END  # a space follows it inside the phrase
            else:
                key = after
            by_after.setdefault(key, set()).add(first)
    tests = []
    for after, firsts in sorted(by_after.items(), key=lambda item: (item[0] is not None, item[0] or "")):
        if after is _ANY:
            tests.append(words(firsts))
        elif after == _WORD_END:
            tests.append(rf"{words(firsts)}(?!\w)")
        else:
            tests.append(rf"{words(firsts)}(?:(?!\w)|(?={after}))")
    return "(?:" + "|".join(tests) + ")"


@dataclass(frozen=True)
class Grammar:
    """Compiled patterns of one language (and one rule set's entity aliases)."""

    lang: ModuleType
    markers: dict[str, str]  # written form of an approximation marker -> the marker
    master: re.Pattern
    master_gate: str  # the master's opening test: what can start a value (tests check it drops nothing)
    furniture_lines: re.Pattern
    furniture_spans: re.Pattern
    planned: re.Pattern
    actual: re.Pattern
    role_word: re.Pattern
    apposition_role: re.Pattern
    attribution_selon: re.Pattern
    attribution_after: re.Pattern
    attribution_before: re.Pattern
    relation_before: re.Pattern
    relation_after: re.Pattern
    duration_context: re.Pattern
    time_context: re.Pattern
    day_before_clock: re.Pattern
    duration_of_after: re.Pattern
    duration_governed: re.Pattern
    reporting_before_a: re.Pattern
    place_preposition: re.Pattern
    place_noun_before: re.Pattern
    named_event_before: re.Pattern
    street_noun_before: re.Pattern
    change_before: re.Pattern
    magnitude_before: re.Pattern
    magnitude_after: re.Pattern
    count_verb_before: re.Pattern
    number_subject_verb: re.Pattern
    number_subject_determiner: re.Pattern
    approx_after: re.Pattern
    of_before_name: re.Pattern
    article_before_name: re.Pattern
    reference_before: re.Pattern
    # Word lists read by membership, as sets (a tuple is scanned item by item).
    function_words: frozenset[str]
    not_participles: frozenset[str]  # a word after an auxiliary that is no participle of a past event
    not_counted: frozenset[str]  # a word after a number that is no counted noun


def _time_core(p: str, number_words: str, lang: ModuleType) -> str:
    """A clock time: "15h30", "15:30", "quinze heures trente", "7 heures 45", "midi moins cinq",
    with an optional part of the day or cue after it ("du soir", "précises")."""
    hour = r"(?:[01]?\d|2[0-3])"
    minute_number = rf"(?:{words(lang.MINUS_MINUTES)}\s+)?(?:[0-5]\d|{number_words})"
    minute_words = words(lang.MINUTE_WORDS)
    # "trente", "et quart", "moins cinq", "et quinze minutes", "passé de 15 minutes"
    spoken_minutes = (
        rf"(?:{words(lang.MINUTE_PHRASES)}|{words(lang.MINUTE_JOINERS)}\s+{minute_number}\s+{minute_words}"
        rf"|{minute_number}(?:\s+{minute_words})?)"
    )
    tail = rf"(?:\s+(?P<{p}part>{words(lang.DAY_PARTS)}|{words(lang.CLOCK_CUES_AFTER)})(?![\w-]))?"
    return (
        rf"(?:(?:(?P<{p}h>{hour})\s?h(?:\s?(?P<{p}m>[0-5]\d)|\s+(?P<{p}mj>{words(lang.MINUTE_JOINERS)}\s+{minute_number}\s+{minute_words}))?(?![\w:])"
        rf"|(?P<{p}hc>{hour}):(?P<{p}mc>[0-5]\d)(?![\d:])"
        rf"|(?P<{p}hw>{number_words}|{hour})\s+{words(lang.HOUR_WORDS)}(?:\s+(?P<{p}mw>{spoken_minutes}))?(?!\w)"
        rf"|(?<!-)(?P<{p}named>{words(lang.NAMED_TIMES)})(?:\s+(?P<{p}nm>{spoken_minutes}))?(?!\w))"
        rf"{tail})"
    )


def build(lang: ModuleType, aliases: tuple[str, ...] = (), *, guarded: bool = True) -> Grammar:
    number_word = words(lang.NUMBER_WORDS)
    # A scale word may stand inside a run, never first: "un million deux cent mille".
    number_words = (
        rf"\b{number_word}(?:(?:\s*{words(lang.NUMBER_JOINERS)}\s*|\s+)(?:{number_word}|{words(lang.SCALE_WORDS)}))*\b"
    )
    of = rf"(?:\s+{words(lang.OF)}(?:(?<=')\s*|\s+))"  # "des milliers de", "près d'une"; not "10 degrés"
    digits_body = r"(?:\d{1,3}(?:[ .]\d{3})+(?!\d)(?:,\d+)?|\d+(?:,\d+)?)"
    digits_end = r"(?![\w/:]|[.,]\d)"
    digits = rf"(?<![\w.,/:-]){digits_body}{digits_end}"
    month_abbreviation = rf"{words(lang.MONTH_ABBREVIATIONS)}(?:\.|(?=\s+(?:1[89]|20)\d\d\b))"
    month = rf"(?:{words(lang.MONTHS)}|{month_abbreviation})"
    weekday = words(lang.WEEKDAYS)
    short_zones = sorted((z for z in lang.TIME_ZONES if len(z) <= 4 and " " not in z), key=lambda z: (-len(z), z))
    long_zones = [z for z in lang.TIME_ZONES if z not in short_zones]
    zone_bare = rf"(?:(?-i:(?:{'|'.join(z.upper() for z in short_zones)}))\b|{words(long_zones)})"
    zone = rf"(?:\(\s*)?{zone_bare}(?:\s*\))?"

    def zoned(p: str) -> str:
        return rf"{_time_core(p, number_words, lang)}(?:\s*,?\s*(?P<{p}zone>{zone}))?"

    paired = (
        rf"(?P<paired>{_time_core('pa', number_words, lang)}(?:\s*(?P<pazone>{zone}))?[\s\"']*\(\s*"
        rf"{_time_core('pb', number_words, lang)}\s*(?P<pbzone>{zone_bare})\s*\))"
    )
    time_marks = words(list(lang.TIME_APPROX_MARKERS) + list(lang.TIME_OPEN_MARKERS))
    time = rf"(?P<time>(?:(?P<tmark>{time_marks})\s+)?{zoned('t')})"

    day = rf"(?:{words(lang.FIRST_OF_MONTH)}|[0-3]?\d)"
    date_day = (
        rf"(?P<date>\b(?:(?P<dwd>{weekday})\s+)?(?P<dday>{day})(?:\s*(?P<dj>{words(lang.DAY_RANGE_JOINERS)})\s*(?:(?:{words(lang.RANGE_DAY_DETERMINERS)}|{weekday})\s+)?(?P<dday2>[0-3]?\d))?"
        rf"\s+(?P<dmonth>{month})(?:\s+(?P<dyear>(?:1[89]|20)\d{{2}}|\d\d(?=\s*(?:[.,;)]|$))))?(?!\w))"
    )
    month_part = (
        rf"(?P<mpart>\b(?P<mppart>{words(lang.MONTH_PARTS)})(?:[\s-]+|{of})(?P<mpmonth>{month})"
        rf"(?:\s+(?P<mpyear>(?:1[89]|20)\d{{2}}))?(?!\w))"
    )
    month_only = (
        rf"(?P<month>\b(?:(?P<mprep>{words(lang.MONTH_PREPOSITIONS)})\s*)?(?P<mmonth>{month})"
        rf"(?:\s+(?P<myear>(?:1[89]|20)\d{{2}}))?(?!\w))"
    )
    year = rf"(?P<year>\b(?P<yprep>{words(lang.YEAR_PREPOSITIONS)})[\s-]+(?P<yyear>(?:1[89]|20)\d{{2}})(?!\w|,\d))"
    weekday_alone = (
        rf"(?P<weekday>\b(?P<wdname>{weekday})(?:\s+(?P<wdahead>{words(lang.WEEKDAY_AHEAD)})|\s+(?P<wdbehind>{words(lang.WEEKDAY_BEHIND)}))?(?!\w))"
    )
    relative_day = rf"(?P<relday>\b{words(lang.RELATIVE_DAYS)})(?!\w)"

    # A range as one interval: "entre 25 000 et 45 000", "de 10h05 à 11h10", "entre le 3 et le 6 mars",
    # "6 à 8 000 manifestants".  Without an opener a number range needs what it counts (the
    # lookbehind after the tail: a letter or "%"), a day range is never read (the date form has it).
    def joiner(name: str) -> str:  # "et" joins only after an opener: "5 et 6 personnes" is no range
        return rf"(?(rprep)(?P<{name}>{words(lang.RANGE_JOINERS)})|(?P<{name}b>{words(lang.BARE_RANGE_JOINERS)}))"

    range_end = rf"(?:{digits}|{number_words})"
    # ... or, between figures of thousands, the end of a statement or a key: "dont 70 000 à 100 000 à Paris".
    bare_range_end = rf"|(?<=\d{{3}})(?=\s*(?:[,.;:)]|$)|\s+{words(lang.KEY_PREPOSITIONS)}\s)"
    range_tail = (
        rf"(?:(?:\s+|(?<=\d))(?P<runit>{words(lang.DURATION_UNITS)})(?!\w)"
        rf"|\s*(?P<rpct>%|{words(lang.PERCENT_WORDS)})"
        rf"|(?P<rof>{of}|\s+)(?!{month}(?!\w))(?P<rnoun>[a-z][a-z'-]*[a-z]))?"
    )
    range_ = (
        rf"(?P<range>(?:(?P<rprep>{words(lang.RANGE_OPENERS)})(?:(?<=')|\s+))?"
        rf"(?:(?P<rta>{_time_core('ra', number_words, lang)})\s*{joiner('rtj')}\s*"
        rf"(?P<rtb>{_time_core('rb', number_words, lang)})(?:\s*,?\s*(?P<rzone>{zone}))?"
        rf"|(?(rprep)|(?!))(?:{words(lang.RANGE_DAY_DETERMINERS)}\s+)?(?P<rda>{day})\s+{joiner('rdj')}\s+"
        rf"(?:{words(lang.RANGE_DAY_DETERMINERS)}\s+)?(?P<rdb>[0-3]?\d)\s+(?P<rdmonth>{month})(?:\s+(?P<rdyear>(?:1[89]|20)\d{{2}}))?(?!\w)"
        rf"|(?P<rna>{range_end})(?:\s+(?P<rsa>{words(lang.SCALES)}))?\s+{joiner('rj')}\s+"
        rf"(?P<rnb>{range_end})(?:\s+(?P<rsb>{words(lang.SCALES)}))?{range_tail}(?(rprep)|(?:(?<=[a-z%]){bare_range_end}))))"
    )
    # Dates in figures: "14/03/2023", "14.03.2023", "2023-03-14", "20 02 2014", "le 14/03".
    date_determiner = _after(d + " " for d in lang.NUMERIC_DATE_DETERMINERS)
    num_day, num_month = r"(?:0?[1-9]|[12]\d|3[01])", r"(?:0?[1-9]|1[0-2])"
    numeric_date = (
        rf"(?P<ndate>(?<![\w.,/:-])(?:(?P<niy>(?:1[89]|20)\d\d)-(?P<nim>{num_month})-(?P<nid>{num_day})"
        rf"|(?P<nd>{num_day})(?P<nsep>[/.-])(?P<nm>{num_month})(?P=nsep)(?P<ny>(?:1[89]|20)?\d\d)"
        rf"|(?P<nsd>{num_day})\s(?P<nsm>{num_month})\s(?P<nsy>(?:1[89]|20)\d\d)"
        rf"|{date_determiner}(?P<nld>{num_day})/(?P<nlm>{num_month}))(?![\w/.-]\d|[\w/]))"
    )
    hour_fraction = (
        rf"(?P<hfrac>(?<![\w/])(?P<hfracn>{words(lang.HOUR_FRACTIONS)})\s?{words(lang.HOUR_ABBREVIATIONS)}(?!\w))"
    )
    vague_unit = words(lang.VAGUE_UNITS)
    suffixes = "|".join(sorted(lang.NUMBER_SUFFIXES, key=len, reverse=True))
    markers = marker_forms(lang.APPROX_MARKERS, lang.OF)
    quantity = (
        rf"(?P<quantity>(?:(?<![\w'-])|{_after(lang.QUANTITY_ELISIONS)})(?:(?P<qmark>{marker(markers)}))?"
        rf"(?:(?P<qvague>(?:{words(lang.VAGUE_DETERMINERS)})\s+{vague_unit}(?:{of}{vague_unit})*)"
        rf"|(?P<qapprox>{words(lang.APPROX_NOUN_DETERMINERS)}\s*(?P<qapproxn>{words(lang.APPROX_NOUNS)})s?)"
        rf"|(?:(?P<qsign>(?<=[^\w.,/:\n-]){words(lang.MINUS_SIGNS)})(?=\d))?"  # a dash opening a line is a list dash
        rf"(?P<qnum>(?(qsign)|(?<![\w.,/:-])){digits_body}(?:(?P<qsuffix>(?-i:{suffixes}))(?!\w)|{digits_end}|(?={words(lang.DURATION_UNITS)}(?!\w)))"
        rf"|{number_words})(?:\s+(?P<qscale>{words(lang.SCALES)}))?(?P<qscalehalf>\s+{words(lang.HALF_WORDS)}(?!\w))?"
        rf"|(?P<qfew>{words(lang.FEW)}))"
        rf"(?:(?:\s+(?P<qadj>{words(list(lang.UNIT_ADJECTIVES) + list(lang.UNIT_HEDGE_ADJECTIVES))}))?(?:{of}|\s+|(?<=\d))(?P<qunit>{words(lang.DURATION_UNITS)})(?!\w)(?P<qhalf>\s+{words(lang.HALF_UNIT)})?"
        rf"|\s*(?P<qpct>%|{words(lang.PERCENT_WORDS)})"
        # The population of a percentage: "29,5 % des agents", "50 % d'enseignants".
        rf"(?:\s+{words(lang.PERCENT_POPULATION_OF)}\s*(?P<qpop>[a-z][a-z'-]*[a-z]))?"
        rf"|(?P<qof>{of}|\s+)(?P<qnoun>[a-z][a-z'-]*[a-z]))?)"
    )
    ordinal = rf"(?P<ordinal>\b(?:{words(lang.ORDINALS)}|(?P<ordn>\d+){words(lang.ORDINAL_SUFFIXES)}(?!\w)))"
    alias = rf"(?P<alias>\b{words(aliases)}\b)" if aliases else None
    token = r"(?:O')?[A-Z][a-z]+(?:-[A-Z]?[a-z]+)*"
    particle = words(lang.NAME_PARTICLES)
    elided = words(lang.ELIDED_NAME_PARTICLES)  # "d'": "Valéry Giscard d'Estaing"
    name = rf"(?P<name>(?-i:\b{token}(?:\s+(?:{particle}\s+|{elided})?{token})*)(?![\w']))"

    score = rf"\d{{1,2}}\s?[-\u2013]\s?\d{{1,2}}(?!\d|,\d|\s*(?:%|(?:{words(lang.DURATION_UNITS)}|{month})(?!\w)))"  # "2-0", "39-45"
    non_value = rf"(?P<nonvalue>{'|'.join(lang.NON_VALUES)}|{score})"
    # Cheap guards on what an alternative can start with: at most word starts (a word that is no
    # number, marker or opener) the costly alternatives are skipped after one test.  Each list's
    # first words are tested with what the forms let follow them (``_openers``): "de" opens a value
    # ("de 10 à 12", "de mars") but "declare" does not, "vingt" does in "vingtetun".
    numbers = (lang.NUMBER_WORDS, words(lang.NUMBER_JOINERS))  # number_words: \s*joiner or \s+ or \b after
    month_names = words(list(lang.MONTHS) + list(lang.MONTH_ABBREVIATIONS))
    quantity_openers = [numbers, (markers, _WORD_END), (lang.VAGUE_DETERMINERS, _WORD_END),
                        (lang.APPROX_NOUN_DETERMINERS, words(lang.APPROX_NOUNS)),  # \s* before the noun
                        (lang.FEW, _ANY), (lang.MINUS_SIGNS, _WORD_END)]  # qfew: nothing checked after it
    time_openers = [numbers, (lang.NAMED_TIMES, _WORD_END), (lang.TIME_APPROX_MARKERS, _WORD_END),
                    (lang.TIME_OPEN_MARKERS, _WORD_END)]
    date_openers = [(lang.FIRST_OF_MONTH, words(lang.DAY_RANGE_JOINERS)),  # "1er au 3 mars": \s* before "au"
                    (lang.MONTH_PREPOSITIONS, month_names),  # "en mars", \s* between them
                    *((items, _WORD_END) for items in (lang.MONTH_PARTS, lang.YEAR_PREPOSITIONS, lang.RELATIVE_DAYS,
                                                       lang.WEEKDAYS, lang.MONTHS, lang.MONTH_ABBREVIATIONS))]
    in_figures = rf"(?=[\d+])(?:{non_value}|{hour_fraction}|{numeric_date})"
    range_start = (
        rf"(?=\d|{_openers([numbers])}|{words(lang.RANGE_OPENERS)}(?:(?<=')|\s+)(?:{words(lang.RANGE_DAY_DETERMINERS)}\s+)?"
        rf"(?:\d|{number_word}|{words(lang.NAMED_TIMES)}))"
    )
    clock_start = rf"(?=\d|{_openers(time_openers)})"
    quantity_start = rf"(?=\d|[-\u2212]|{_openers(quantity_openers)})"
    date_start = rf"(?=\d|{_openers(date_openers)})"
    # Every value starts a word, and only a figure, a sign, a capital or one of these words starts
    # one (the union of the guards): the gate rejects every other position after one test.
    start_openers = [*quantity_openers, *time_openers, *date_openers, (lang.RANGE_OPENERS, _WORD_END),
                     (lang.ORDINALS, _ANY), (aliases, _ANY)]  # ordinals: nothing checked after "premier"
    gate = rf"(?<!\w)(?=\d|[\u2212-]|(?-i:[A-Z])|{_openers(start_openers)})"
    if not guarded:  # the same alternatives at every word start (tests: the guards drop no match)
        range_start = clock_start = quantity_start = date_start = ""
        gate = r"(?<!\w)(?=[\w\u2212-])"
    dates = rf"{date_start}(?:{date_day}|{month_part}|{year}|{month_only}|{relative_day}|{weekday_alone})"
    alternatives = [in_figures, range_start + range_, clock_start + rf"(?:{paired}|{time})", dates,
                    quantity_start + quantity, ordinal]
    if alias:
        alternatives.append(alias)
    alternatives.append(name)
    master = re.compile(gate + "(?:" + "|".join(alternatives) + ")", re.IGNORECASE)

    furniture_lines = re.compile(r"(?im)^[ \t\"'*•-]*(?:" + "|".join(lang.FURNITURE_LINES) + r")[ \t.]*$")
    furniture_spans = re.compile("|".join(lang.FURNITURE_SPANS))

    # A word that ends in a future ending, read at its end ("[a-z]+(?:era|...)" backtracks through
    # the word, trying every ending at every letter): one lookbehind for the endings of each length,
    # with a letter before the ending.
    by_length: dict[int, list[str]] = {}
    for ending in sorted(lang.FUTURE_ENDINGS):
        by_length.setdefault(len(ending), []).append(re.escape(ending))
    # The word is taken whole at once ([a-z]++: no letter is given back, none could end it at a \b).
    future = r"[a-z]++\b(?:" + "|".join(f"(?<=[a-z](?:{'|'.join(e)}))" for _, e in sorted(by_length.items())) + ")"
    # "prévoirait d'en réunir", "pourraient être mobilisés" (a passive), not "pourrait avoir fait" (a past).
    intention = (
        rf"{words(lang.INTENTION_CONDITIONALS)}\s+(?:{words(lang.INFINITIVE_LINKS)}(?:(?<=')|\s+))*"
        rf"(?:etre\s+(?!{words(lang.FUNCTION_WORDS)}\b)[a-z]{{2,}}(?:e|es|s|i|is|u|us|t|ts)\b|(?!{words(lang.PAST_INFINITIVE_AUXILIARIES)}\b)[a-z]+{words(lang.INFINITIVE_ENDINGS)}\b)"
    )
    # One \b for the three forms, all at a word's start: a position inside a word fails once, not thrice.
    planned = re.compile(rf"\b(?:{words(lang.PLANNED_CUES)}\b|{intention}|(?P<future>{future}))", re.IGNORECASE)
    actual = re.compile(
        rf"\b{words(lang.ACTUAL_CUES)}\b"
        # An adverb may stand between the auxiliary and the participle ("ont aussi renouvelé");
        # a function word is never the participle ("est là depuis").
        rf"|\b(?P<aux>{words(lang.AUXILIARIES)})\s+(?:[a-z]+\s+)??"
        rf"(?P<participle>(?!{words(lang.FUNCTION_WORDS)}\b)[a-z]+{words(lang.PARTICIPLE_ENDINGS)})\b",
        re.IGNORECASE,
    )
    role = words(lang.ROLE_WORDS)
    role_word = re.compile(rf"(?<![\w-]){role}(?![\w-])", re.IGNORECASE)
    apposition_role = re.compile(
        rf"\s*,\s*{words(lang.ROLE_DETERMINERS)}?\s*(?P<role>{role}(?![\w-])(?:[\s'-]+[\w'-]+){{0,6}}?)\s*(?=[,.;:)]|$)", re.IGNORECASE
    )
    reporting = words(lang.REPORTING_VERBS)
    aux = words(lang.REPORTING_AUXILIARIES)
    # A claimant ends at punctuation, before a word that leaves the claimant ("dans", "lors"),
    # or before a coordinated number: "30 000 selon la police et 100 000 selon les organisateurs".
    claimant = (
        rf"(?P<who>[^,.;:\"()]{{2,90}}?)\s*(?=[,.;:\"()]|$|\s+{words(lang.CLAIMANT_ENDS)}\b"
        rf"|\s+{words(lang.COORDINATORS)}\s+\d)"
    )
    attribution_selon = re.compile(rf"\b{words(lang.ATTRIBUTION_PREPOSITIONS)}\s+{claimant}", re.IGNORECASE)
    attribution_after = re.compile(
        rf"(?<=[,\"])\s*{aux}\s+(?:[a-z]+\s+)?{reporting}\s+"
        rf"(?:(?:{weekday}|\d{{1,2}}(?:er)?\s+{month}|{words(lang.REPORTING_FILLERS)})\s+)*"
        rf"(?!{words(lang.REPORTING_OBJECTS)}(?:\s|\b)){claimant}",
        re.IGNORECASE,
    )
    attribution_before = re.compile(
        # (?>\s*,?\s*)(?<=\s) is \s*,?\s+ without its k² ways to split a run of k spaces.
        rf"^\s*(?P<who>[^\"]{{2,140}}?)(?>\s*,?\s*)(?<=\s){aux}\s+(?:[a-z]+\s+)?{reporting}\b(?:\s+{words(lang.REPORTING_ADDRESSEES)}|\s+a\s+\w+)?\s*{words(lang.COMPLEMENTIZERS)}",
        re.IGNORECASE,
    )
    relation_before = re.compile(rf"\b(?P<rel>{words(lang.DURATION_RELATIONS_BEFORE)})\s*$", re.IGNORECASE)
    relation_after = re.compile(rf"\s*(?P<rel>{words(lang.DURATION_RELATIONS_AFTER)})\b", re.IGNORECASE)
    duration_context = re.compile(rf"\b{words(lang.DURATION_PREPOSITIONS)}\s*$", re.IGNORECASE)
    time_context = re.compile(rf"\b{words(lang.TIME_PREPOSITIONS)}\s*$", re.IGNORECASE)
    # A duration noun earlier in the clause (no clause punctuation between) governing the "à" before the value.
    # "à partir de mercredi 18 heures", "le 3 novembre, 18 heures": a day (and the open marker before it)
    # right before hours; the hours are a time of that day.
    day_before_clock = re.compile(
        rf"(?<![\w'-])(?:(?P<open>{words(lang.TIME_OPEN_MARKERS)})\s+(?:{words(lang.RANGE_DAY_DETERMINERS)}\s+)?)?"
        rf"(?:{weekday}(?:\s+\d{{1,2}}(?:er)?(?:\s+{month})?)?(?:\s+{words(lang.WEEKDAY_PARTS)})?"
        rf"|(?:{words(lang.RANGE_DAY_DETERMINERS)}\s+)?\d{{1,2}}(?:er)?\s+{month}(?:\s+\d{{4}})?)\s*,?\s*$",
        re.IGNORECASE,
    )
    # "18 heures de grève", "six heures d'attente": hours of a bare noun ("14 heures de la place d'Italie" and
    # "18 heures de Paris" say where from).
    duration_of_after = re.compile(
        rf"\s+(?:{words(lang.DURATION_AFTER)}(?!\w)|{words(lang.DURATION_OF)}(?:(?<=')\s*|\s+)"
        rf"(?!{words(lang.ARTICLES_BEFORE_NAMES)}(?:(?<=')|\s))(?=(?-i:[a-z])))",
        re.IGNORECASE,
    )
    duration_governed = re.compile(rf"\b{words(lang.DURATION_GOVERNORS_BEFORE_A)}\b[^.;:!?,()]*\ba\s*$", re.IGNORECASE)
    reporting_before_a = re.compile(rf"\b{reporting}\s+(?:a|au|aux)\s*$", re.IGNORECASE)
    links = rf"\s+{words(lang.PLACE_NOUN_LINKS)}(?:(?<=')|\s+)$"
    place_noun_before = re.compile(
        rf"\b{words(lang.ADMINISTRATIVE_NOUNS)}{links}",
        re.IGNORECASE,
    )
    # "la tempête Ciaran", "l'ouragan Otis": the noun names a weather event, its name is no person
    named_event_before = re.compile(rf"(?<![\w-]){words(lang.NAMED_EVENT_NOUNS)}\s+$", re.IGNORECASE)
    street_noun_before = re.compile(
        rf"(?<![\w'-])(?P<noun>{words(lang.STREET_NOUNS)})\s+(?:{words(lang.OF_LINKS)}(?:(?<=')|\s+))?$",
        re.IGNORECASE,
    )
    place_preposition = re.compile(rf"(?:^|\W){words(lang.PLACE_PREPOSITIONS)}\s+$", re.IGNORECASE)
    change_before = re.compile(
        rf"\b{words(lang.CHANGE_VERB_STEMS)}{words(lang.CHANGE_VERB_ENDINGS)}\s+(?:[a-z]+\s+){{0,{lang.CHANGE_GAP_WORDS}}}$",
        re.IGNORECASE,
    )
    magnitude_before = re.compile(rf"\b{words(lang.MAGNITUDE_BEFORE)}\s*$", re.IGNORECASE)
    magnitude_after = re.compile(rf"\s*{words(lang.MAGNITUDE_AFTER)}\b", re.IGNORECASE)
    count_verb_before = re.compile(rf"\b{words(lang.COUNT_VERBS_BEFORE)}\s+$", re.IGNORECASE)
    # "et seize ont été blessées": an auxiliary and a participle right after a number word.
    number_subject_verb = re.compile(
        rf"\s+{words(lang.AUXILIARIES)}\s+(?:ete\s+)?(?!{words(lang.FUNCTION_WORDS)}\b)[a-z]+{words(lang.PARTICIPLE_ENDINGS)}\b",
        re.IGNORECASE)
    number_subject_determiner = re.compile(rf"(?<![\w']){words(lang.NUMBER_SUBJECT_DETERMINERS)}\s+$", re.IGNORECASE)
    approx_after = re.compile(rf"\s*,?\s*(?P<mark>{words(lang.APPROX_MARKERS_AFTER)})\b", re.IGNORECASE)
    reference_before = re.compile(rf"(?<![\w-]){words(lang.REFERENCE_WORDS)}\s*$", re.IGNORECASE)
    of_before_name = re.compile(rf"(?<![\w'-]){words(lang.ROLE_OF)}(?:(?<=')|\s+)$", re.IGNORECASE)
    article_before_name = re.compile(rf"(?<![\w'-]){words(lang.ARTICLES_BEFORE_NAMES)}(?:(?<=')|\s+)$", re.IGNORECASE)
    return Grammar(
        of_before_name=of_before_name, article_before_name=article_before_name,
        function_words=frozenset(lang.FUNCTION_WORDS),
        not_participles=frozenset(lang.REPORTING_VERBS) | frozenset(lang.PLANNED_CUES) | frozenset(lang.FUNCTION_WORDS),
        not_counted=(frozenset(lang.FUNCTION_WORDS) | frozenset(lang.MONTHS) | frozenset(lang.WEEKDAYS)
                     | frozenset(lang.AUXILIARIES)),
        approx_after=approx_after, reference_before=reference_before,
        change_before=change_before, count_verb_before=count_verb_before,
        number_subject_verb=number_subject_verb, number_subject_determiner=number_subject_determiner,
        lang=lang, markers=markers, master=master, master_gate=gate, furniture_lines=furniture_lines, furniture_spans=furniture_spans,
        planned=planned, actual=actual, role_word=role_word, apposition_role=apposition_role,
        attribution_selon=attribution_selon, attribution_after=attribution_after,
        attribution_before=attribution_before, relation_before=relation_before, relation_after=relation_after,
        duration_context=duration_context, time_context=time_context, day_before_clock=day_before_clock, duration_of_after=duration_of_after, duration_governed=duration_governed, reporting_before_a=reporting_before_a,
        place_preposition=place_preposition, place_noun_before=place_noun_before, named_event_before=named_event_before, street_noun_before=street_noun_before, magnitude_before=magnitude_before, magnitude_after=magnitude_after,
    )
