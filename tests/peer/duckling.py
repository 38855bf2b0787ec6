"""Duckling's French corpora as news sentences (../shared/peer/duckling_fr.yaml), read by factcheck.

The file is read in place, never copied.  A case passes when a value of the
case's kind is read from the words of its phrase with the interval the file
expects (its header gives the units; ``bounds`` widens what is accepted for
hedged times and calendar lengths; ``expected: none`` is a negative).

    python -m tests.peer.duckling        # the figure, kind by kind, and the failing cases
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from factcheck.grammar import Extractor
from factcheck.model import Article, ArticleMeta, Mention

ROOT = Path(__file__).resolve().parents[2]
PEER_FILE = ROOT.parent / "shared" / "peer" / "duckling_fr.yaml"
STATUS_FILE = Path(__file__).with_name("duckling_fr_status.yaml")


@dataclass(frozen=True)
class Case:
    id: str
    kind: str
    phrase: str
    sentence: str
    expected: dict | None  # None: no value of the kind may overlap the phrase
    bounds: tuple[float, float] | None
    split: bool


def load_cases(path: Path = PEER_FILE) -> list[Case]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    templates = data["templates"]
    cases, seen = [], Counter()
    for raw in data["cases"]:
        phrase = raw["phrase"]
        sentence = raw["text"] if "text" in raw else templates[raw["t"]].replace("{p}", phrase)
        case_id = f"{raw['kind']}:{phrase}"
        seen[case_id] += 1
        if seen[case_id] > 1:
            case_id += f"#{seen[case_id]}"
        expected = None if raw["expected"] == "none" else raw["expected"]
        bounds = tuple(raw["bounds"]) if raw.get("bounds") else None
        cases.append(Case(case_id, raw["kind"], phrase, sentence, expected, bounds, bool(raw.get("split"))))
    return cases


def load_status(path: Path = STATUS_FILE) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {
        "out_of_scope": dict(data.get("out_of_scope") or {}),
        "known_failing": dict(data.get("known_failing") or {}),
        "recorded": data.get("recorded") or {},
    }


_EXTRACTOR: Extractor | None = None


def read(case: Case, date: str = "2013-02-12") -> list[Mention]:
    global _EXTRACTOR
    _EXTRACTOR = _EXTRACTOR or Extractor("fr")
    article = Article(id="peer", path="peer", text=case.sentence, meta=ArticleMeta(date=date))
    return _EXTRACTOR.extract(article)


def _phrase_span(case: Case) -> tuple[int, int]:
    at = case.sentence.lower().find(case.phrase.lower())
    assert at >= 0, f"{case.id}: phrase not in its sentence"
    return at, at + len(case.phrase)


def _close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, str) or isinstance(b, str):
        return str(a) == str(b)
    return abs(float(a) - float(b)) <= 1e-3 * max(1.0, abs(float(b)))


def _fits(low, high, case: Case) -> bool:
    want_low, want_high = case.expected["low"], case.expected["high"]
    if case.bounds is not None and low is not None and high is not None:
        lo, hi = case.bounds
        if case.kind == "time":  # a hedged time: its interval lies within +-30 min and holds the time
            return lo <= low <= want_low <= high <= hi
        return lo <= low <= high <= hi
    return _close(low, want_low) and _close(high, want_high)


def verdict(case: Case, mentions: list[Mention]) -> tuple[bool, str]:
    """(passed, what factcheck read) for one case."""
    start, end = _phrase_span(case)
    hits = [m for m in mentions if m.kind == case.kind and m.start < end and m.end > start]
    seen = "; ".join(f"{m.kind} {m.low}..{m.high} [{case.sentence[m.start:m.end]}]" for m in mentions) or "nothing"
    if case.expected is None:
        return not hits, seen
    if any(_fits(m.low, m.high, case) for m in hits):
        return True, seen
    if case.split and len(hits) >= 2:  # a range read as its two ends
        lows = [m.low for m in hits if m.low is not None]
        highs = [m.high for m in hits if m.high is not None]
        if lows and highs and _fits(min(lows), max(highs), case):
            return True, seen
    return False, seen


def run(cases: list[Case] | None = None) -> dict[str, tuple[bool, str]]:
    cases = cases if cases is not None else load_cases()
    return {c.id: verdict(c, read(c)) for c in cases}


def main() -> int:
    if not PEER_FILE.exists():
        print(f"no peer corpus at {PEER_FILE}")
        return 2
    cases = load_cases()
    results = run(cases)
    status = load_status() if STATUS_FILE.exists() else {"out_of_scope": {}}
    by_kind: dict[str, Counter] = {}
    for c in cases:
        counter = by_kind.setdefault(c.kind, Counter())
        counter["total"] += 1
        counter["pass"] += results[c.id][0]
        counter["out"] += c.id in status["out_of_scope"]
    total = sum(k["total"] for k in by_kind.values())
    passed = sum(k["pass"] for k in by_kind.values())
    for kind, k in sorted(by_kind.items()):
        print(f"{kind:10} {k['pass']:4}/{k['total']:<4} {k['pass'] / k['total']:.2f}  out of scope {k['out']}")
    print(f"{'all':10} {passed:4}/{total:<4} {passed / total:.3f}")
    if "-v" in sys.argv:
        for c in cases:
            ok, seen = results[c.id]
            if not ok:
                print(f"FAIL {c.id!r:45} {c.sentence!r} -> {seen}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
