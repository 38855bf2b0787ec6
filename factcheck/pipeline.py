"""The whole pipeline as library calls: what ``factcheck extract`` and ``compare`` do.

    from factcheck.pipeline import extract, compare
    run = extract(["seeds/"])            # run.table is the facts table
    result = compare(["seeds/"])         # result.comparison.findings

The CLI only parses options, calls these and renders what they return.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .articles import DEFAULT_MAX_BYTES, Corpus, load_corpus
from .facts import facts_table
from .model import SEVERITY_RANK, Finding
from .rules import RuleSet, load_rules

if TYPE_CHECKING:
    import pandas as pd

    from .report.base import Comparison

Paths = Sequence[str | os.PathLike]


@dataclass
class Extraction:
    corpus: Corpus
    ruleset: RuleSet
    table: "pd.DataFrame"

    @property
    def texts(self) -> dict[str, str]:
        return {a.id: a.text for a in self.corpus.articles}


@dataclass
class Result:
    extraction: Extraction
    comparison: "Comparison"
    findings: list[Finding] = field(default_factory=list)

    def fails(self, fail_on: str) -> bool:
        """True when a finding at ``fail_on`` severity or above is a real problem (not an agreement)."""
        if fail_on == "never":
            return False
        floor = SEVERITY_RANK[fail_on]
        return any(f.status == "conflict" and SEVERITY_RANK.get(f.severity, 0) >= floor for f in self.findings)


def extract(paths: Paths, *, rules: Paths | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
            ruleset: RuleSet | None = None) -> Extraction:
    ruleset = ruleset if ruleset is not None else load_rules(list(rules) if rules else None)
    corpus = load_corpus(paths, max_bytes=max_bytes)
    return Extraction(corpus, ruleset, facts_table(corpus.articles, ruleset))


def compare(paths: Paths, *, rules: Paths | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
            ruleset: RuleSet | None = None) -> Result:
    from .checks import compare_kinds, run_checks
    from .report.base import Comparison

    run = extract(paths, rules=rules, max_bytes=max_bytes, ruleset=ruleset)
    findings = run_checks(run.table, run.ruleset.checks)
    findings = [_with_lines(f, run.texts) for f in findings]
    articles = [
        {"id": a.id, "source": a.source, "date": a.meta.date, "status": "ok", "encoding": a.encoding}
        for a in run.corpus.articles
    ]
    comparison = Comparison(
        articles=articles, inputs=list(run.corpus.inputs), findings=findings, table=run.table,
        rules_files=list(run.ruleset.files), compares=compare_kinds(run.ruleset.checks),
    )
    return Result(run, comparison, findings)


def _with_lines(finding: Finding, texts: dict[str, str]) -> Finding:
    """Fill each side's quote lines (1-based, in its article) for CI annotations."""
    from dataclasses import replace

    from .text import line_of

    groups = []
    for side in finding.groups:
        lines = []
        for article, quote in zip(side.articles, side.quotes):
            text = texts.get(article, "")
            at = text.find(quote) if quote else -1
            lines.append(line_of(text, at) if at >= 0 else 0)
        groups.append(replace(side, lines=tuple(lines)))
    return replace(finding, groups=tuple(groups))
