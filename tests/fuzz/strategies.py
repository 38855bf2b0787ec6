"""Hypothesis strategies for hostile input: articles, front matter, sidecars, rule files.

Each strategy mixes real news French (the forms the grammar reads) with what
a hostile or broken input holds: huge and odd numbers, impossible dates,
control and escape characters, workflow commands, bidi and zero-width
characters, stray bytes, deep or aliased YAML.  Sizes stay under 10 KB.
"""

from __future__ import annotations

from hypothesis import strategies as st

NEWS = [
    "L'appel a duré 50 minutes.", "Selon la Maison Blanche, l'entretien a commencé à 15h35 (20h35 GMT).",
    "Ils étaient 80 000 selon la police et 400 000 selon la CGT.", "le 30 décembre 2021", "moins de ",
    "plus de ", "environ ", "une cinquantaine de minutes", "à 15h ", "le 0 janvier", "hier", "demain",
    "mardi", "la 3e fois", "Joe Biden", "Vladimir Poutine, président russe,", " a déclaré que ",
    "près de 2,5 millions", "des milliers de", "Genève, le 10 janvier", "1:13", "100.000", "1,28 %",
    "\n", "\n\n", " ", ", ", ". ", "« ", " »", "mille milliards de milliards", "en 2023", "(AFP)",
]
HOSTILE = [
    "::warning::x", "::error file=a,line=1::x", "##[stop-commands]tok", "::add-mask::s", "\x1b[2J", "\x1b]0;t\x07",
    "\x9b31m", "\u202e", "\u2066", "\u200b", "\u200d", "\ufeff", "\u00ad", "\x00", "\x7f", "\r", "\x0b", "\x85",
    "\u2028", "\ud800", "\ufffd", "=cmd|'/C calc'!A0", "@SUM(1)", "+1", "-1", "\t", "%0A", "%25",
]


@st.composite
def numbers(draw) -> str:
    digits = draw(st.integers(1, 5000 if draw(st.booleans()) else 20))
    first = draw(st.sampled_from("123456789"))
    body = first + "9" * (digits - 1)
    sep = draw(st.sampled_from(["", " ", ".", ",", "\u200b", "\u202f"]))
    if sep and len(body) > 3:
        cut = len(body) % 3 or 3
        body = body[:cut] + "".join(sep + body[i:i + 3] for i in range(cut, len(body), 3))
    return body + draw(st.sampled_from(["", "e", "e fois", " minutes", " manifestants", " %", "h", "h30", " ans"]))


fragment = st.one_of(st.sampled_from(NEWS), st.sampled_from(HOSTILE), numbers(),
                     st.text(max_size=20), st.sampled_from(["à 15h " * 50, " " * 2000, "a" * 500]))
body = st.lists(fragment, min_size=1, max_size=60).map("".join).map(lambda t: t[:9000])

DATES = ["2021-12-30", "0001-01-01", "9999-12-31", "2021-13", "2021", "", "'##[stop-commands]t'",
         "\"::warning::x\"", "[[[[", "&a [*a]", "2021-12-30T15:00:00Z"]


@st.composite
def yaml_values(draw, depth: int = 0) -> str:
    choice = draw(st.integers(0, 6))
    if choice == 0 and depth < 3:
        return "[" + ", ".join(draw(st.lists(yaml_values(depth + 1), max_size=3))) + "]"
    if choice == 1:
        return draw(st.sampled_from(["[", "{"])) * draw(st.integers(1, 200))
    if choice == 2:
        return draw(numbers())
    if choice == 3:
        return draw(st.sampled_from(DATES))
    if choice == 4:
        return "*a"
    return draw(st.text(max_size=30)).replace("\n", " ")


@st.composite
def front_matter(draw) -> str:
    keys = draw(st.lists(st.sampled_from(["date", "source", "url", "language", "a", "<<"]), max_size=5))
    lines = [f"{k}: {draw(yaml_values())}" for k in keys]
    if draw(st.booleans()):
        lines.insert(0, "anchor: &a {x: 1}")
    return "---\n" + "\n".join(lines) + "\n---\n"


@st.composite
def articles(draw) -> str:
    head = draw(front_matter()) if draw(st.booleans()) else ""
    return head + draw(body)


@st.composite
def sidecars(draw, ids: list[str]) -> str:
    lines = []
    for i in ids:
        lines.append(f"{i}: {{date: {draw(yaml_values())}, source: {draw(yaml_values())}}}")
    if draw(st.booleans()):
        lines.append("x: " + draw(yaml_values()))
    return "\n".join(lines) + "\n"


RULE_FRAGMENTS = [
    "story: fuzz\n", "facts:\n", "  call.duration:\n", "    kind: duration\n", "    cues: ['dur']\n",
    "    cues: ['(a|a)+b']\n", "    cues: ['(?:x+x+)+y']\n", "    bounds: [0, 99999999999999999999]\n",
    "checks:\n", "  - id: FZ001\n", "    fact: call.duration\n", "    compare: interval\n", "    message: m\n",
    "a: &a [x, x, x, x, x, x, x, x, x]\n", "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n",
    "c: {<<: *b}\n", "    kind: \x00time\n", "#\x1b[2J\n", "story: fuzz\n", "\t", "  ", "- ", ": ", "'", '"',
]


@st.composite
def rule_files(draw) -> str:
    parts = draw(st.lists(st.one_of(st.sampled_from(RULE_FRAGMENTS), yaml_values().map(lambda v: v + "\n"),
                                    st.text(max_size=15)), max_size=30))
    return "".join(parts)[:9000]
