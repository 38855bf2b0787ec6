from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.semantics import (
    DateInterval,
    Interval,
    Tolerance,
    date_interval,
    dates_agree,
    group_consistent,
    intervals_agree,
    parse_iso,
    role_compatible,
    same_entity,
)

FIVE_MIN = Tolerance(absolute=5)
TEN_PERCENT = Tolerance(relative=0.10)


# --- intervals ---------------------------------------------------------------


def test_exact_times_five_minutes_apart_agree_only_with_tolerance():
    planned, actual = Interval(1230, 1230), Interval(1235, 1235)
    assert not intervals_agree(planned, actual)
    assert intervals_agree(planned, actual, FIVE_MIN)
    assert not intervals_agree(Interval(1230, 1230), Interval(1236, 1236), FIVE_MIN)


def test_relative_tolerance_scales_with_the_bound():
    assert Interval(100_000, 100_000).widen(TEN_PERCENT) == Interval(90_000, 110_000)
    assert intervals_agree(Interval(100_000, 100_000), Interval(109_000, 109_000), TEN_PERCENT)
    assert not intervals_agree(Interval(100_000, 100_000), Interval(125_000, 125_000), TEN_PERCENT)


def test_relative_tolerance_is_symmetric():
    # 10% of 100 reaches 110, 10% of 111 reaches 99.9: agreement must not depend on the order.
    a, b = Interval(100, 100), Interval(111, 111)
    assert intervals_agree(a, b, TEN_PERCENT) == intervals_agree(b, a, TEN_PERCENT)


def test_une_cinquantaine_contains_fifty():
    cinquantaine, fifty = Interval(45, 55), Interval(50, 50)
    assert cinquantaine.contains(fifty)
    assert intervals_agree(cinquantaine, fifty)


def test_un_peu_plus_de_45_does_not_reach_fifty():
    assert not intervals_agree(Interval(45, 49.5), Interval(50, 50))


def test_unbounded_high():
    plus_de_10000 = Interval(10_000, None)
    assert plus_de_10000.widen(TEN_PERCENT).high is None
    assert plus_de_10000.overlaps(Interval(1_000_000, 1_000_000))
    assert not plus_de_10000.overlaps(Interval(5_000, 9_000))
    assert plus_de_10000.contains(Interval(20_000, None))
    assert not Interval(20_000, 30_000).contains(plus_de_10000)


def test_empty_interval_is_refused():
    with pytest.raises(ValueError):
        Interval(5, 4)


def test_intersection():
    assert Interval(45, 55).intersection(Interval(48, 60)) == Interval(48, 55)
    assert Interval(45, 46).intersection(Interval(50, 50)) is None
    assert Interval(10, None).intersection(Interval(20, None)) == Interval(20, None)


# --- dates -------------------------------------------------------------------


def test_month_contains_its_days():
    janvier = date_interval("2022-01-01", "2022-01-31")
    dix = date_interval("2022-01-10", "2022-01-10")
    assert janvier.contains(dix)
    assert dates_agree(janvier, dix)
    assert date_interval("2022-01", "2022-01") == janvier


def test_two_different_days_conflict():
    assert not dates_agree(date_interval("2022-01-10", "2022-01-10"), date_interval("2022-01-12", "2022-01-12"))


def test_date_tolerance_counts_days():
    a, b = date_interval("2022-01-10", "2022-01-10"), date_interval("2022-01-12", "2022-01-12")
    assert dates_agree(a, b, Tolerance(absolute=2))
    assert not dates_agree(a, b, Tolerance(absolute=1))


def test_unresolved_and_unbounded_dates():
    assert date_interval(None, None) is None
    depuis = date_interval("2021-12-01", None)
    assert isinstance(depuis, DateInterval) and depuis.high is None
    assert dates_agree(depuis, date_interval("2022-06-01", "2022-06-01"))
    assert parse_iso("2022-02", end=True).day == 28
    assert parse_iso("pas une date") is None


# --- names -------------------------------------------------------------------


def test_same_entity():
    assert same_entity("riabkov", "riabkov")
    assert same_entity("sergei riabkov", "riabkov")
    assert same_entity("riabkov", "sergei riabkov")
    assert same_entity("vladimir poutine", "poutine")
    assert not same_entity("sherman", "blinken")
    assert not same_entity("wendy sherman", "antony blinken")
    assert not same_entity(None, "blinken")


def test_same_entity_across_transliterations():
    assert same_entity("ryabkov", "riabkov")
    assert same_entity("volodymyr zelensky", "volodymyr zelenskiy")
    assert same_entity("serguei riabkov", "sergei ryabkov")


def test_first_name_alone_is_not_the_person():
    assert not same_entity("vladimir", "vladimir poutine")


# --- roles -------------------------------------------------------------------


@pytest.mark.parametrize(
    "a, b",
    [
        ("président américain", "président américain"),
        ("président", "président russe"),
        ("secrétaire d'État", "secrétaire d'Etat américain"),
        ("vice-secrétaire d'État américaine", "vice-secrétaire d'Etat américain"),
        ("président ukrainien", "présidente ukrainienne"),
        ("homologue russe", "président russe"),
        ("son homologue", "vice-ministre des Affaires étrangères"),
        ("chef de la diplomatie américaine", "secrétaire d'État"),
        ("porte-parole de la Maison Blanche", "porte-parole du Conseil de sécurité nationale de la Maison Blanche"),
        (None, "président"),
        ("", "président"),
    ],
)
def test_roles_compatible(a, b):
    assert role_compatible(a, b)
    assert role_compatible(b, a)


@pytest.mark.parametrize(
    "a, b",
    [
        ("président américain", "président russe"),
        ("président ukrainien", "président russe"),
        ("porte-parole du Kremlin", "porte-parole de la Maison Blanche"),
        ("vice-secrétaire d'État", "secrétaire d'État"),
        ("président", "vice-président"),
    ],
)
def test_roles_incompatible(a, b):
    assert not role_compatible(a, b)
    assert not role_compatible(b, a)


# --- grouping ----------------------------------------------------------------


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return Interval(*a).overlaps(Interval(*b))


def test_chain_does_not_make_one_group():
    a, b, c = (0, 10), (8, 20), (18, 30)
    assert _overlap(a, b) and _overlap(b, c) and not _overlap(a, c)
    groups = group_consistent([c, a, b], _overlap)
    assert groups == [[a, b], [c]]
    assert len(groups) == 2


def test_grouping_keeps_agreeing_items_together():
    groups = group_consistent([(50, 50), (45, 55), (48, 60)], _overlap)
    assert len(groups) == 1


def test_grouping_uses_the_key_for_order():
    items = [{"v": 3}, {"v": 1}, {"v": 2}]
    groups = group_consistent(items, lambda x, y: abs(x["v"] - y["v"]) <= 1, key=lambda x: x["v"])
    assert groups == [[{"v": 1}, {"v": 2}], [{"v": 3}]]


intervals = st.tuples(
    st.integers(min_value=-1000, max_value=1000), st.integers(min_value=0, max_value=300)
).map(lambda t: (t[0], t[0] + t[1]))


@settings(max_examples=200, deadline=None)
@given(st.lists(intervals, max_size=12), st.randoms(use_true_random=False))
def test_grouping_does_not_depend_on_input_order(items, rnd):
    shuffled = list(items)
    rnd.shuffle(shuffled)
    first = {frozenset(g) for g in group_consistent(items, _overlap)}
    second = {frozenset(g) for g in group_consistent(shuffled, _overlap)}
    assert first == second


@settings(max_examples=200, deadline=None)
@given(st.lists(intervals, max_size=12))
def test_groups_are_mutually_consistent(items):
    for group in group_consistent(items, _overlap):
        assert all(_overlap(x, y) for x in group for y in group)


finite = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)
fraction = st.floats(min_value=0, max_value=10, allow_nan=False)


@settings(max_examples=300, deadline=None)
@given(finite, finite, st.booleans(), st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), fraction)
def test_widen_keeps_low_below_high_and_only_grows(x, y, unbounded, absolute, relative):
    low, high = min(x, y), max(x, y)
    interval = Interval(low, None if unbounded else high)
    wide = interval.widen(Tolerance(absolute=absolute, relative=relative))
    assert wide.lo <= wide.hi
    assert wide.contains(interval)
    if unbounded:
        assert wide.high is None and math.isinf(wide.hi)
