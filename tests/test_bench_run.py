"""bench/run.py's per-core comparison (issue 11's speed criterion): what it compares and how it writes the page.

Nothing here is timed: the figures come from bench/run.py runs; these tests check that its per-core ratio
compares like with like (the same corpus, per article, a real reference tree from git) and that writing its
section keeps the rest of reports/bench.md.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import make_corpus  # noqa: E402
import run as bench_run  # noqa: E402


def _has_history() -> bool:
    probe = subprocess.run(["git", "rev-parse", "--verify", "HEAD"], cwd=ROOT, capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(not _has_history(), reason="needs the repository's git history (a clone, not an export)")
def test_per_core_runs_both_trees_on_the_same_corpus_and_compares_per_article(tmp_path, monkeypatch):
    monkeypatch.setattr(bench_run, "OUT", tmp_path / "out")
    corpus = make_corpus.build(20, out=tmp_path)  # two stories of ten, four copies each
    result = bench_run.per_core(corpus, "HEAD", pairs=1)
    this, reference = result["runs"]["this"][0], result["runs"]["reference"][0]
    # The reference is HEAD's committed code, exported by git into its own folder, not this tree.
    tree = bench_run.reference_tree("HEAD")
    assert (tree / "factcheck" / "pipeline.py").is_file() and tree != ROOT
    assert this["articles"] == reference["articles"] > 0
    assert this["rows"] > 0 and reference["rows"] > 0
    expected = (this["extract_cpu"] / this["articles"]) / (reference["extract_cpu"] / reference["articles"])
    assert result["ratios"]["extract_cpu"] == [pytest.approx(expected)]


def _quick(extract_this: float, extract_ref: float, articles_this: int, articles_ref: int) -> dict:
    def run(cpu: float, articles: int) -> dict:
        return {"extract_cpu": cpu, "process_cpu": cpu + 0.5, "articles": articles, "rows": 10 * articles}

    this, ref = run(extract_this, articles_this), run(extract_ref, articles_ref)
    ratio = (extract_this / articles_this) / (extract_ref / articles_ref)
    tool = {"cpu": 1.0, "note": "n", "found": 3}
    return {
        "machine": {"date": "d", "cores": 2, "cpu": "c", "commit": "abc1234", "dirty": False},
        "per_core": {"reference": "567de64", "pairs": 1, "runs": {"this": [this], "reference": [ref]},
                     "ratios": {"extract_cpu": [ratio], "process_cpu": [ratio]},
                     "median": {"extract_cpu": ratio, "process_cpu": ratio}, "loadavg": [1.0, 1.0, 1.0]},
        "baselines": {"articles": 30, "mb": 0.1, "tools": {"factcheck": tool, "spacy_full": {**tool, "cpu": 25.0},
                                                          "duckling": {**tool, "cpu": 4.0}}},
    }


def test_quick_section_replaces_its_old_self_and_keeps_the_rest_of_the_page(tmp_path, monkeypatch):
    import archive

    page = tmp_path / "bench.md"
    page.write_text("\n".join(["# factcheck benchmark", "", archive.BEGIN, "archive figures", archive.END, "",
                               "## Earlier run", "kept"]) + "\n", encoding="utf-8")
    monkeypatch.setattr(bench_run, "REPORT", page)
    bench_run.write_quick_section(_quick(8.3, 5.54, 840, 1000))
    bench_run.write_quick_section(_quick(4.0, 5.54, 840, 1000))
    text = page.read_text(encoding="utf-8")
    assert text.count(bench_run.QUICK_BEGIN) == 1 and text.count(bench_run.QUICK_END) == 1
    assert "archive figures" in text and "## Earlier run\nkept" in text
    assert text.index(archive.END) < text.index(bench_run.QUICK_BEGIN) < text.index("## Earlier run")
    # The last run is the one shown: 4.0 s for 840 articles against 5.54 s for 1 000 is 0.86× per article.
    assert "0.86×" in text and "1.50×" not in text
    goal = next(line for line in text.splitlines() if line.startswith("| per-core extraction speed"))
    assert goal.endswith("**met** |")
    spacy = next(line for line in text.splitlines() if line.startswith("| extraction ≥ 20×"))
    assert "25.00×" in spacy and spacy.endswith("**met** |")
    duckling = next(line for line in text.splitlines() if line.startswith("| extraction ≥ 5×"))
    assert "4.00×" in duckling and duckling.endswith("**missed** |")
