"""The peer suite: Duckling's French corpora, as news sentences, read by factcheck's extractor.

Every case of ../shared/peer/duckling_fr.yaml runs.  ``duckling_fr_status.yaml``
beside this file marks the cases out of scope for news (each with its reason,
at most 5 % of the corpus) and the cases known to fail today.  A case neither
out of scope nor known to fail must pass; a known failure that starts passing
fails the suite until it is taken off the list (so the list only shrinks); and
the pass count may never fall below the figure recorded in the status file.
"""

from __future__ import annotations

import pytest

from . import duckling

if not duckling.PEER_FILE.exists():
    pytest.skip(f"peer corpus absent: {duckling.PEER_FILE} (CI has ../shared beside the clone)", allow_module_level=True)

CASES = duckling.load_cases()
STATUS = duckling.load_status()
_RESULTS: dict[str, tuple[bool, str]] = {}


def result(case: duckling.Case) -> tuple[bool, str]:
    if case.id not in _RESULTS:
        _RESULTS[case.id] = duckling.verdict(case, duckling.read(case))
    return _RESULTS[case.id]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_peer_case(case: duckling.Case):
    if case.id in STATUS["out_of_scope"]:
        pytest.skip(f"out of scope for news: {STATUS['out_of_scope'][case.id]}")
    passed, seen = result(case)
    if case.id in STATUS["known_failing"]:
        assert not passed, f"{case.id} passes now: take it off known_failing in {duckling.STATUS_FILE.name}"
        return
    assert passed, f"{case.sentence!r}: expected {case.expected or 'no value'}, read {seen}"


def test_status_names_real_cases_and_out_of_scope_is_small():
    ids = {c.id for c in CASES}
    listed = set(STATUS["out_of_scope"]) | set(STATUS["known_failing"])
    assert listed <= ids, f"status entries with no case: {sorted(listed - ids)}"
    assert not set(STATUS["out_of_scope"]) & set(STATUS["known_failing"])
    assert all(str(reason).strip() for reason in STATUS["out_of_scope"].values())
    assert len(STATUS["out_of_scope"]) <= 0.05 * len(CASES)


def test_pass_rate_never_falls_below_the_recorded_figure():
    passed = sum(result(c)[0] for c in CASES)
    recorded = STATUS["recorded"]
    assert recorded["cases"] == len(CASES), "the peer corpus changed: re-measure and record"
    assert passed >= recorded["passed"], f"{passed}/{len(CASES)} pass, {recorded['passed']} recorded"
