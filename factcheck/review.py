"""What a run shows, and why its exit code is what it is.

Between the comparison and the reports sit the linter conventions a CI
engineer expects: findings of rules not selected (``--select``/``--ignore``)
are dropped, findings a baseline acknowledges are set aside, findings below
``--min-severity`` are not shown (they can still fail the run: ``--fail-on``
is separate, as in ``factcheck ci``), and a run where the rules found
nothing says so instead of reading as "consistent".

    review = review_result(result, fail_on="error")
    review.exit_code, review.reason(t)    # 1, "exit 1: 1 conflict at or above --fail-on error (call.start_time)"
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .model import SEVERITY_RANK, Finding

if TYPE_CHECKING:
    from .pipeline import Result
    from .report.base import Comparison
    from .report.i18n import Catalogue

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2
GENERIC_FACTS = frozenset({"person"})  # story-independent facts: they say nothing about the story


@dataclass(frozen=True)
class Coverage:
    """How many of one rule file's declared facts the articles state."""

    file: str
    declared: tuple[str, ...]
    found: tuple[str, ...]

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(f for f in self.declared if f not in set(self.found))

    @property
    def empty(self) -> bool:
        return bool(self.declared) and not self.found


def coverage(ruleset, bound_facts: Iterable[str | None]) -> list[Coverage]:
    """One ``Coverage`` a rule file that declares facts, in the rule set's file order."""
    bound = {f for f in bound_facts if f}
    by_file: dict[str, list[str]] = {}
    for fact_id, rule in sorted(ruleset.facts.items()):
        if fact_id in GENERIC_FACTS:
            continue
        by_file.setdefault(getattr(rule, "file", "") or "", []).append(fact_id)
    order = {name: i for i, name in enumerate(ruleset.files)}
    out = []
    for file in sorted(by_file, key=lambda f: (order.get(f, len(order)), f)):
        declared = tuple(by_file[file])
        out.append(Coverage(_shown_path(file), declared, tuple(f for f in declared if f in bound)))
    return out


def _shown_path(path: str) -> str:
    """A rule file as a reader finds it: relative to the current folder when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return path
    return path if rel.startswith("..") else rel


def fails(findings: Iterable[Finding], fail_on: str) -> list[Finding]:
    """The conflicts at ``fail_on`` severity or above (agreements never fail)."""
    if fail_on == "never":
        return []
    floor = SEVERITY_RANK[fail_on]
    return [f for f in findings if f.status == "conflict" and SEVERITY_RANK.get(f.severity, 0) >= floor]


@dataclass
class Review:
    shown: list[Finding]
    known: list[Finding] = field(default_factory=list)  # acknowledged by the baseline
    below_severity: list[Finding] = field(default_factory=list)  # failing or not, not shown
    not_selected: list[Finding] = field(default_factory=list)
    coverage: list[Coverage] = field(default_factory=list)
    failing: list[Finding] = field(default_factory=list)
    fail_on: str = "error"
    min_severity: str = "info"
    fail_on_empty: bool = False
    baseline: str | None = None
    unusable: str | None = None  # why the run exits 2, when it does

    @property
    def nothing_applied(self) -> bool:
        return bool(self.coverage) and all(c.empty for c in self.coverage)

    @property
    def exit_code(self) -> int:
        if self.unusable:
            return EXIT_UNUSABLE
        if self.failing or (self.fail_on_empty and self.nothing_applied):
            return EXIT_FINDINGS
        return EXIT_OK

    def notes(self, t: "Catalogue") -> list[str]:
        """Lines an editor should read before trusting a quiet report."""
        out = []
        # With several story files, a file none of whose facts any article states is another story's:
        # said only when no file applied at all.
        applied = [c for c in self.coverage if not c.empty] or self.coverage
        for c in applied:
            if c.empty or len(c.found) * 2 < len(c.declared):
                out.append(t.f("empty", found=len(c.found), declared=len(c.declared), file=c.file))
            if c.missing and not c.empty:
                out.append(t.f("never_bound", file=c.file, facts=", ".join(c.missing)))
        if self.not_selected:
            out.append(t.f("filtered_rules", n=len(self.not_selected)))
        if self.below_severity:
            out.append(t.f("hidden_severity", n=len(self.below_severity), level=self.min_severity))
        if self.known:
            out.append(t.f("baseline_known", n=len(self.known), file=self.baseline))
        return out

    def reason(self, t: "Catalogue") -> str:
        """The closing line: the exit code and why."""
        if self.unusable:
            return t.f("exit.unusable", why=self.unusable)
        if self.failing:
            facts = sorted(dict.fromkeys(_label(f) for f in self.failing))
            what = ", ".join(facts[:3]) + (f", +{len(facts) - 3}" if len(facts) > 3 else "")
            return t.f("exit.fails", count=t.n("conflict", len(self.failing)), level=self.fail_on, what=what)
        if self.fail_on_empty and self.nothing_applied:
            return t["exit.empty"]
        if self.fail_on == "never":
            return t["exit.ok_never"]
        lower = [f for f in self.shown + self.below_severity if f.status == "conflict"]
        if lower:
            return t.f("exit.ok_with", level=self.fail_on, lower=t.n("conflict", len(lower)))
        return t.f("exit.ok", level=self.fail_on)


def _label(f: Finding) -> str:
    key = getattr(f, "fact_key", None)
    return f"{f.fact}[{key}]" if key else f.fact


def review_findings(findings: Sequence[Finding], *, fail_on: str = "error", min_severity: str = "info",
                    select: Sequence[str] = (), ignore: Sequence[str] = (), baseline=None,
                    baseline_name: str | None = None, coverage_: list[Coverage] | None = None,
                    fail_on_empty: bool = False) -> Review:
    """Sort ``findings`` into shown, acknowledged, hidden; decide the exit code.

    ``baseline``: entries from ``baseline.read_baseline``.
    """
    from .baseline import split_known
    from .config import rule_selected

    if min_severity not in SEVERITY_RANK:
        raise ValueError(f"min_severity must be error, warning or info, not {min_severity!r}")
    if fail_on != "never" and fail_on not in SEVERITY_RANK:
        raise ValueError(f"fail_on must be error, warning, info or never, not {fail_on!r}")
    selected = [f for f in findings if rule_selected(f.rule, list(select), list(ignore))]
    chosen = {id(f) for f in selected}  # a finding's rule decides: equal findings are chosen alike
    not_selected = [f for f in findings if id(f) not in chosen]
    new, known = split_known(selected, baseline) if baseline else (selected, [])
    floor = SEVERITY_RANK[min_severity]
    shown = [f for f in new if SEVERITY_RANK.get(f.severity, 0) >= floor]
    below = [f for f in new if SEVERITY_RANK.get(f.severity, 0) < floor]
    return Review(shown=shown, known=known, below_severity=below, not_selected=not_selected,
                  coverage=coverage_ or [], failing=fails(new, fail_on), fail_on=fail_on,
                  min_severity=min_severity, fail_on_empty=fail_on_empty, baseline=baseline_name)


def review_result(result: "Result", **options) -> Review:
    """``review_findings`` over a ``pipeline.Result``, with the rule files' coverage."""
    rows = result.comparison.table or []
    bound = (getattr(r, "fact", None) if not isinstance(r, tuple) else r[2] for r in rows)
    return review_findings(result.findings, coverage_=coverage(result.extraction.ruleset, bound), **options)


def shown_comparison(comparison: "Comparison", review: Review) -> "Comparison":
    """The comparison a report renders: only the findings the review shows."""
    return replace(comparison, findings=list(review.shown))
