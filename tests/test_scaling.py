"""No pairwise step of the checks grows faster than the archive.

These tests time nothing: they count the comparisons the checks make (calls of
``same_entity``, ``role_compatible`` and ``intervals_agree``) at 1 000 and at
10 000 mentions, and ask that ten times the mentions cost at most about ten
times the comparisons.  A flat folder of thousands of articles names one
person thousands of times and thousands of people once or twice: both shapes
are here.  The grouping hints that make this so must not change a group: a
property test compares them with the plain first-fit grouping.
"""

from __future__ import annotations

import random
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import checks, semantics
from factcheck.model import TABLE_COLUMNS
from factcheck.semantics import Tolerance, group_consistent, name_blocks, person_key, role_compatible, same_entity

SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"] + ["tel", "san", "gor", "bek", "mon", "vik", "har"]
FIRST = ["Anne", "Jean", "Olga", "Ivan", "Marie", "Paul", "Nadia", "Oleg"]
ROLES = ["ministre de l'Intérieur", "porte-parole", "président du Sénat", "maire", "ambassadeur", "syndicaliste"]


def check(id: str, compare: str, **kw) -> SimpleNamespace:
    base = dict(id=id, fact=None, kind=None, compare=compare, tolerance=None, same_modality=False,
                same_attribution=False, threshold=88, severity="warning", message=f"Message de {id}.")
    base.update(kw)
    return SimpleNamespace(**base)


SPELLING = check("FC001", "spelling", fact="person")
ROLE_CHECK = check("FC002", "roles", fact="person")
DURATION = check("FC103", "interval", fact="call.duration", tolerance=Tolerance(0, 0))


def row(article: str, kind: str, value: str, low, high, **kw) -> tuple:
    cells = dict.fromkeys(TABLE_COLUMNS)
    cells.update(article=article, source=article, kind=kind, value=value, low=low, high=high, qualifier="exact",
                 modality="unknown", quote=f"Phrase de {article} : {value}.", start=0, end=1)
    cells.update(kw)
    return tuple(cells[c] for c in TABLE_COLUMNS)


def distinct_people(n: int) -> list[tuple]:
    """``n`` mentions of ``n // 2`` different people, each named in two articles with a role each.

    Surnames are drawn from a space large enough that few of them nearly match,
    as in a real archive: names that nearly match must be compared, and their
    pairs can grow faster than the names; all the others must not be.
    """
    rng = random.Random(12)
    seen: set[str] = set()
    rows = []
    while len(rows) < n:
        surname = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(4, 5))).capitalize()
        key = person_key(surname)
        if key in seen:
            continue
        seen.add(key)
        for _ in range(2):
            name = f"{rng.choice(FIRST)} {surname}"
            rows.append(row(f"a{len(rows):06d}", "person", name, name, name, fact="person", key=key,
                            role=rng.choice(ROLES)))
    return rows


def one_person_everywhere(n: int) -> list[tuple]:
    """``n`` articles naming one person with one of a few roles, and stating one duration (two values)."""
    rows = []
    for i in range(n):
        article = f"a{i:06d}"
        rows.append(row(article, "person", "Vladimir Poutine", "Vladimir Poutine", "Vladimir Poutine",
                        fact="person", key=person_key("Poutine"), role=ROLES[i % 3]))
        minutes = 50 if i % 10 else 30
        rows.append(row(article, "duration", f"{minutes} min", minutes, minutes, fact="call.duration", unit="min"))
    return rows


@pytest.fixture
def counted(monkeypatch):
    """Calls of each comparison the checks make, by name."""
    calls = {"same_entity": 0, "role_compatible": 0, "intervals_agree": 0}

    def counting(name, fn):
        def wrapped(*args, **kwargs):
            calls[name] += 1
            return fn(*args, **kwargs)
        return wrapped

    for name in calls:
        monkeypatch.setattr(checks, name, counting(name, getattr(checks, name)))
    return calls


def comparisons(counted: dict, rows: list[tuple], rules: list) -> int:
    for name in counted:
        counted[name] = 0
    checks.run_checks(rows, rules)
    return sum(counted.values())


def test_distinct_people_cost_linear_comparisons(counted):
    small = comparisons(counted, distinct_people(1_000), [SPELLING, ROLE_CHECK])
    large = comparisons(counted, distinct_people(10_000), [SPELLING, ROLE_CHECK])
    # All-pairs grouping of the names alone made ~125 000 and ~12 500 000 calls (100x for 10x the people).
    assert small > 0
    assert large <= 11 * small, (small, large)


def test_one_person_in_every_article_costs_linear_comparisons(counted):
    small = comparisons(counted, one_person_everywhere(1_000), [SPELLING, ROLE_CHECK, DURATION])
    large = comparisons(counted, one_person_everywhere(10_000), [SPELLING, ROLE_CHECK, DURATION])
    assert small > 0
    assert large <= 11 * small, (small, large)


def test_the_findings_of_a_large_folder_are_still_right():
    findings = checks.run_checks(one_person_everywhere(2_000), [ROLE_CHECK, DURATION])
    roles = [f for f in findings if f.rule == "FC002"]
    assert len(roles) == 1 and len(roles[0].groups) == 3  # three incompatible roles, each its side
    duration = [f for f in findings if f.rule == "FC103"]
    assert [g.value for g in duration[0].groups] == ["30 min", "50 min"]
    assert [len(g.articles) for g in duration[0].groups] == [200, 1800]


# --- the hints change no group ------------------------------------------------

names = st.lists(st.text(alphabet="abcdeiouykrsvjlnh ", min_size=1, max_size=16).filter(str.strip), max_size=40)


@pytest.mark.property
@settings(max_examples=300, deadline=None)
@given(names, st.sampled_from([70, 80, 88, 95]))
def test_name_blocks_change_no_group(keys, threshold):
    def agree(a, b):
        return same_entity(a, b, threshold)

    plain = group_consistent(set(keys), agree)
    hinted = group_consistent(set(keys), agree, blocks=lambda k: name_blocks(k, threshold))
    assert hinted == plain


@pytest.mark.property
@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(ROLES + ["président", "président russe", "vice-président"]),
                          st.integers(0, 50)), max_size=40))
def test_role_classes_change_no_group(items):
    def agree(a, b):
        return role_compatible(a[0], b[0])

    key = lambda it: (semantics.fold_key(it[0]),) + (it[1],)  # noqa: E731
    plain = group_consistent(items, agree, key=key)
    hinted = group_consistent(items, agree, key=key, same=lambda it: semantics.fold_key(it[0]))
    assert hinted == plain


def test_two_names_that_match_share_a_block():
    for a, b in [("riabkov", "sergei riabkov"), ("zelensky", "zelenskiy"), ("sergei riabkov", "sergei ryabkov"),
                 ("alexandre grouchko", "alexandre grushko")]:
        assert same_entity(a, b)
        blocks_a, blocks_b = name_blocks(a), name_blocks(b)
        # None: too long to block, compared with everything.
        assert blocks_a is None or blocks_b is None or blocks_a & blocks_b, (a, b)
    assert not name_blocks("riabkov") & name_blocks("sherman")


class _CountedArticles(tuple):
    """A side's articles that count how often they are searched (``in``) and walked."""

    searched = walked = 0

    def __contains__(self, item):
        type(self).searched += 1
        return super().__contains__(item)

    def __iter__(self):
        type(self).walked += 1
        return super().__iter__()


@pytest.mark.parametrize("n", [1_000, 10_000])
def test_a_report_table_of_one_big_story_looks_its_cells_up(n):
    """A flat folder of N articles is one story: the Markdown and terminal tables have N cells a finding. Each
    cell is looked up in one map made per finding, never searched for in the sides (N cells x N articles)."""
    from factcheck.model import Finding, Side
    from factcheck.report.base import cell_values, finding_values

    ids = [f"a{i:05d}" for i in range(n)]
    _CountedArticles.searched = _CountedArticles.walked = 0
    sides = (Side("50 min", 50, 50, _CountedArticles(ids[: n // 2]), ()),
             Side("45 min / 1 h", 45, 60, _CountedArticles(ids[n // 2:] + ids[:1]), ()))
    finding = Finding(rule="FC103", fact="call.duration", status="conflict", severity="warning", message="",
                      groups=sides)
    own = {ids[0]: {"1 h"}}
    values = finding_values(finding, own)
    cells = [values.get(a, []) for a in ids]
    assert (_CountedArticles.searched, _CountedArticles.walked) == (0, 2)  # one walk a side, whatever N
    assert cells[0] == ["50 min", "1 h"]  # in both sides: both values, the second narrowed to its own
    assert cells[1] == ["50 min"] and cells[-1] == ["45 min / 1 h"]
    assert cell_values(finding, ids[-1], own) == ["45 min / 1 h"] and cell_values(finding, "absent") == []
