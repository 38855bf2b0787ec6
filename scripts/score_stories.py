#!/usr/bin/env python3
"""Score the shipped rules on the development stories of ../shared/corpora.

    python scripts/score_stories.py            # every story, a figures line each
    python scripts/score_stories.py -v         # ... with the scorer's MISS / CLAIMANT / FINDING lines

For each story folder: its French ``.txt`` articles are copied to a temporary
folder (the ``html/`` twins and the English articles stay out), ``extract``
and ``compare`` run on them with the project's shipped rules, and
``../shared/eval/score.py extract|compare GOLD OUTPUT --only fr-`` scores the
JSON.  Prints per story: recall, person precision, claimant right, findings
held, conflicts.  Exit 0 (the figures are for reading; tests assert them);
"skipped" with the reason when ../shared is absent.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPORA = SHARED / "corpora"
SCORER = SHARED / "eval" / "score.py"
LANGUAGE_PREFIX = "fr-"

_EXTRACT = re.compile(r"recall (\d+)/(\d+) = [\d.]+; person precision (\d+)/(\d+) = [\d.]+"
                      r"(?:; claimant right (\d+)/(\d+))?")
_COMPARE = re.compile(r"findings held (\d+)/(\d+); conflicts (\d+)")


@dataclass
class StoryScore:
    story: str
    recall: tuple[int, int] = (0, 0)
    people: tuple[int, int] = (0, 0)
    claimants: tuple[int, int] = (0, 0)
    findings: tuple[int, int] = (0, 0)
    conflicts: int = 0
    unexpected: list[str] = field(default_factory=list)  # fact conflicts the gold does not expect
    lines: list[str] = field(default_factory=list)  # the scorer's own lines (MISS, CLAIMANT, FINDING NOT HELD...)

    @staticmethod
    def ratio(pair: tuple[int, int]) -> float:
        return pair[0] / pair[1] if pair[1] else 0.0

    def summary(self) -> str:
        def show(name: str, pair: tuple[int, int]) -> str:
            return f"{name} {pair[0]}/{pair[1]} = {self.ratio(pair):.2f}"

        return "; ".join([show("recall", self.recall), show("person precision", self.people),
                          show("claimant right", self.claimants), f"findings held {self.findings[0]}/{self.findings[1]}",
                          f"conflicts {self.conflicts} ({len(self.unexpected)} unexpected)"])


def _scorer():
    """score.py as a module, for its matching rules (key aliases, claimant classes)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("factcheck_story_scorer", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def unexpected_conflicts(gold: dict, findings: list[dict]) -> list[str]:
    """The fact conflicts of a report that match no conflict the gold expects (same fact, key and claimant)."""
    scorer = _scorer()
    scorer.KEY_ALIASES.update({k: list(v) for k, v in (gold.get("key_aliases") or {}).items()})
    expected = [g for g in gold.get("findings", []) if g.get("status") == "conflict"]
    out = []
    for f in findings:
        if f.get("status") != "conflict" or f.get("compare") in ("spelling", "roles"):
            continue
        fits = [g for g in expected if scorer.fact_of(f) == g["fact"]
                and (not g.get("key") or scorer.key_match(f, g))
                and (not g.get("claimant") or scorer.claimant_match(f, g["claimant"], gold.get("claimants", {})))]
        if not fits:
            where = " ".join(str(f[k]) for k in ("fact_key", "claimant") if f.get(k))
            out.append(f"{f.get('fact')}{f' [{where}]' if where else ''}")
    return out


def stories(corpora: Path = CORPORA) -> list[Path]:
    """The story folders (those with a gold.yaml), in name order."""
    return sorted(p for p in corpora.iterdir() if (p / "gold.yaml").is_file()) if corpora.is_dir() else []


def _score(mode: str, gold: Path, output: Path) -> list[str]:
    done = subprocess.run([sys.executable, str(SCORER), mode, str(gold), str(output), "--only", LANGUAGE_PREFIX],
                          capture_output=True, text=True, check=False)
    lines = done.stdout.splitlines()
    if not lines:
        raise RuntimeError(f"score.py {mode} printed nothing: {done.stderr.strip()[-300:]}")
    return lines


def score_story(folder: Path, rules: list[str] | None = None) -> StoryScore:
    """Run extract and compare on the story's French articles and score them against its gold."""
    from factcheck.pipeline import compare
    from factcheck.report.facts import render_json as facts_json
    from factcheck.report.jsonout import render_json as report_json

    with tempfile.TemporaryDirectory(prefix="factcheck-story-") as tmp:
        articles = Path(tmp) / folder.name
        articles.mkdir()
        for text in sorted(folder.glob(f"{LANGUAGE_PREFIX}*.txt")):
            shutil.copy(text, articles / text.name)
        result = compare([str(articles)], rules=rules or [str(REPO / "rules")])  # compare extracts first: one run gives both outputs
        facts = Path(tmp) / "facts.json"
        report = Path(tmp) / "report.json"
        facts.write_text(facts_json(result.extraction.table), encoding="utf-8")
        report.write_text(report_json(result.comparison), encoding="utf-8")
        gold = folder / "gold.yaml"
        extract_lines, compare_lines = _score("extract", gold, facts), _score("compare", gold, report)
        findings = json.loads(report.read_text(encoding="utf-8")).get("findings", [])
    score = StoryScore(folder.name, lines=extract_lines[:-1] + compare_lines[:-1])
    score.unexpected = unexpected_conflicts(yaml.safe_load(gold.read_text(encoding="utf-8")), findings)
    got = _EXTRACT.search(extract_lines[-1])
    if not got:
        raise RuntimeError(f"unexpected score.py extract line: {extract_lines[-1]!r}")
    score.recall = (int(got[1]), int(got[2]))
    score.people = (int(got[3]), int(got[4]))
    score.claimants = (int(got[5]), int(got[6])) if got[5] else (0, 0)
    got = _COMPARE.search(compare_lines[-1])
    if not got:
        raise RuntimeError(f"unexpected score.py compare line: {compare_lines[-1]!r}")
    score.findings = (int(got[1]), int(got[2]))
    score.conflicts = int(got[3])
    return score


def main(argv: list[str]) -> int:
    verbose = "-v" in argv or "--verbose" in argv
    if not SCORER.is_file() or not stories():
        print(f"skipped: no development stories or scorer at {SHARED} (../shared beside the repository)")
        return 0
    for folder in stories():
        score = score_story(folder)
        if verbose:
            print("\n".join(f"  {line}" for line in score.lines + [f"UNEXPECTED CONFLICT {u}" for u in score.unexpected]))
        print(f"{score.story}: {score.summary()}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    sys.exit(main(sys.argv[1:]))
