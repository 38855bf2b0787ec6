"""Archive runs: stories streamed one at a time, the Parquet facts store and its cache.

The archive is built from the seeds by ``bench/make_corpus.py`` (stories of
ten articles with their own values, real agreements and conflicts), so every
test reads real French news text.  What a user checks: the streamed reports
are byte for byte those of the whole-run renderers, whatever ``--jobs``; a
rerun reuses what did not change and says so; the store is a Parquet dataset
pandas, pyarrow and DuckDB read without factcheck.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from factcheck.archive import run_archive
from factcheck.model import REPORT_MARKER, TABLE_COLUMNS
from factcheck.pipeline import compare, extract
from factcheck.report.jsonout import render_json
from factcheck.report.markdown import render_markdown

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import make_corpus  # noqa: E402

pyarrow = pytest.importorskip("pyarrow", reason="the facts store needs pyarrow (pip install -e '.[test]')")


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """Three stories of ten articles (four are copies of another of their story), and an empty file."""
    out = tmp_path_factory.mktemp("archive")
    built = make_corpus.build(30, out=out)
    (built / "story00001" / "vide.txt").write_text("  \n", encoding="utf-8")
    return built


def factcheck(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "factcheck.cli", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, timeout=300)


def test_per_folder_reports_are_streamed_byte_for_byte(archive, tmp_path):
    whole = compare([str(archive)], per_folder=True)
    marked = lambda comparison: f"{REPORT_MARKER}\n{render_markdown(comparison)}"  # noqa: E731
    for fmt, render in (("json", render_json), ("markdown", marked)):
        out = tmp_path / f"report.{fmt}"
        done = factcheck("compare", str(archive), "--per-folder", "-f", fmt, "-o", str(out), "--fail-on", "never")
        assert done.returncode == 0, done.stderr
        assert out.read_text(encoding="utf-8") == render(whole.comparison)
    assert "vide.txt" in (tmp_path / "report.json").read_text(encoding="utf-8")  # the unread input is reported


def test_one_story_streams_the_same_report(tmp_path):
    whole = compare([str(ROOT / "seeds")])
    out = tmp_path / "seeds.md"
    done = factcheck("compare", str(ROOT / "seeds"), "--store", str(tmp_path / "store"), "-f", "markdown", "-o", str(out))
    assert done.returncode == 1  # the seeds hold a conflict of severity error
    assert out.read_text(encoding="utf-8") == f"{REPORT_MARKER}\n{render_markdown(whole.comparison)}"


def test_output_does_not_depend_on_jobs(archive, tmp_path):
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"findings-{jobs}.jsonl"
        done = factcheck("compare", str(archive), "--per-folder", "-f", "jsonl", "-o", str(out), "--jobs", jobs,
                         "--fail-on", "never")
        assert done.returncode == 0, done.stderr
        outputs[jobs] = out.read_bytes()
    assert outputs["1"] == outputs["2"]
    lines = outputs["1"].decode().splitlines()
    whole = json.loads(render_json(compare([str(archive)], per_folder=True).comparison))
    assert [json.loads(line) for line in lines] == whole["findings"]


def test_facts_jsonl_is_the_facts_table(archive, tmp_path):
    out = tmp_path / "facts.jsonl"
    done = factcheck("extract", str(archive), "--per-folder", "-f", "jsonl", "-o", str(out), "--jobs", "2")
    assert done.returncode == 0, done.stderr
    from factcheck.report.facts import render_jsonl

    table = extract([str(archive)], per_folder=True).table
    assert out.read_text(encoding="utf-8") == render_jsonl(table)  # the whole-table renderer's bytes
    got = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(got) == len(table) > 1000
    assert list(got[0])[:2] == ["article", "story"]  # story follows article, as in `extract --per-folder`


def test_a_rerun_reuses_what_did_not_change(archive, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(archive, corpus)
    store = tmp_path / "store"
    first = factcheck("compare", str(corpus), "--per-folder", "--store", str(store), "-f", "json",
                      "-o", str(tmp_path / "1.json"), "--fail-on", "never")
    assert first.returncode == 0, first.stderr
    assert "store: 0 of 26 articles reused, 26 extracted; 0 of 3 stories reused whole" in first.stderr
    again = factcheck("compare", str(corpus), "--per-folder", "--store", str(store), "-f", "json",
                      "-o", str(tmp_path / "2.json"), "--fail-on", "never", "--jobs", "2")
    assert "store: 26 of 26 articles reused, 0 extracted; 3 of 3 stories reused whole" in again.stderr
    said = json.loads((tmp_path / "2.json").read_text())["store"]
    assert said.pop("stories_unread") in (0, 1, 2, 3)  # files written just before they were hashed are hashed again
    assert said == {"stories": 3, "stories_reused": 3, "articles": 26, "articles_extracted": 0, "articles_reused": 26}

    # One article of story00000 now says "75 minutes": that article alone is extracted again,
    # its story checked again, and the report is that of a run without any store.
    changed = corpus / "story00000" / "s00000_03_seed3.txt"
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace("a duré ", "a duré 75 minutes, et non ", 1), encoding="utf-8")
    third = factcheck("compare", str(corpus), "--per-folder", "--store", str(store), "-f", "json",
                      "-o", str(tmp_path / "3.json"), "--fail-on", "never")
    assert "store: 25 of 26 articles reused, 1 extracted; 2 of 3 stories reused whole" in third.stderr
    fresh = factcheck("compare", str(corpus), "--per-folder", "-f", "json", "-o", str(tmp_path / "4.json"),
                      "--fail-on", "never")
    assert fresh.returncode == 0
    reused = json.loads((tmp_path / "3.json").read_text(encoding="utf-8"))
    assert reused.pop("store")["articles_extracted"] == 1
    assert reused == json.loads((tmp_path / "4.json").read_text(encoding="utf-8"))
    assert "75 min" in json.dumps(reused, ensure_ascii=False)


def test_new_rules_or_new_code_mean_new_keys(archive, tmp_path):
    store = tmp_path / "store"
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    args = ["compare", str(archive / "story00000"), "--store", str(store), "--rules", str(rules), "-f", "jsonl",
            "-o", str(tmp_path / "out.jsonl"), "--fail-on", "never"]
    assert "10 extracted" in factcheck(*args).stderr
    assert "0 extracted" in factcheck(*args).stderr
    with open(rules / "common.yaml", "a", encoding="utf-8") as handle:
        handle.write("\n# a comment changes the rule files' digest\n")
    assert "0 of 10 articles reused, 10 extracted" in factcheck(*args).stderr


def test_the_store_is_a_parquet_dataset(archive, tmp_path):
    store = tmp_path / "store"
    run = run_archive([str(archive)], per_folder=True, store=store, keep_rows=True, check=False)
    rows = [row for story in run for row in story.rows]
    files = sorted((store / "facts").rglob("*.parquet"))
    assert [f.relative_to(store / "facts").parts[:2] for f in files] == [
        ("month=2021-12", f"folder=story0000{i}") for i in range(3)]

    import pandas as pd

    frame = pd.read_parquet(store / "facts")  # every partition, one schema: pandas concatenates them
    assert list(frame.columns[: len(TABLE_COLUMNS)]) == list(TABLE_COLUMNS)
    assert {"date", "article_key", "json_cells", "month", "folder"} <= set(frame.columns)
    assert len(frame) == len(rows)
    # Values read back exactly: numbers stay numbers once decoded, dates and names stay text.
    from factcheck.store import FactsStore

    saved = FactsStore(str(store))
    again = [row for s in run_archive([str(archive)], per_folder=True, store=store, keep_rows=True, check=False)
             for row in s.rows]
    assert again == rows
    assert any(isinstance(row[TABLE_COLUMNS.index("low")], int) for row in again)
    assert saved.dataset().count_rows() == len(rows)


def test_duckdb_reads_the_store_as_the_readme_says(archive, tmp_path):
    duckdb = pytest.importorskip("duckdb", reason="duckdb is in the test extra")
    store = tmp_path / "store"
    done = factcheck("extract", str(archive), "--per-folder", "--store", str(store), "-f", "parquet")
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    query = f"""
        SELECT folder, count(DISTINCT article) AS articles, max(CAST(low AS DOUBLE)) AS most
        FROM read_parquet('{store}/facts/**/*.parquet', hive_partitioning = true)
        WHERE fact = 'troops.count'
        GROUP BY ALL ORDER BY folder
    """
    rows = duckdb.sql(query).fetchall()
    assert [r[0] for r in rows] == ["story00000", "story00001", "story00002"]
    assert all(r[1] >= 2 and r[2] >= 20_000 for r in rows)  # troops counted in tens of thousands


def test_a_folder_that_is_not_a_store_is_refused(archive, tmp_path):
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    done = factcheck("compare", str(archive / "story00000"), "--store", str(tmp_path), "-f", "json")
    assert done.returncode == 2
    assert "not empty and not a factcheck store" in done.stderr
    assert "Traceback" not in done.stderr


def test_extract_and_compare_share_the_stored_stories(archive, tmp_path):
    store = tmp_path / "store"
    compare_args = ["compare", str(archive), "--per-folder", "--store", str(store), "-f", "jsonl", "-o",
                    str(tmp_path / "f.jsonl"), "--fail-on", "never"]
    assert "0 of 3 stories reused whole" in factcheck(*compare_args).stderr
    extracted = factcheck("extract", str(archive), "--per-folder", "--store", str(store), "-f", "parquet")
    assert "3 of 3 stories reused whole" in extracted.stderr  # a compare's result serves an extract
    assert "3 of 3 stories reused whole" in factcheck(*compare_args).stderr  # and the extract did not spoil it


# ---------------------------------------------------------------------------
# The warm path: unchanged stories answered from the store's index by the files' stats, without reading a file;
# anything that changed - bytes, sidecar, rules, code - is hashed and done again.  Counted, never timed.


@pytest.fixture
def warm(archive, tmp_path, monkeypatch):
    """A copy of the archive, a store filled by one compare run, and a function running compare again in-process.

    The files were written a moment before the first run hashed them; git's racy rule would (rightly) make the
    next run hash them again, so the tests that count unread stories trust stats at once (RACY_NS = 0)."""
    import factcheck.store as store_module

    monkeypatch.setattr(store_module, "RACY_NS", 0)
    corpus = tmp_path / "corpus"
    shutil.copytree(archive, corpus)
    store = tmp_path / "store"

    def again(*paths: Path, **options):
        run = run_archive([str(p) for p in (paths or (corpus,))], per_folder=True, store=store, **options)
        results = list(run)
        return run.summary, results

    first, _ = again()
    assert (first.stories, first.articles_extracted, first.stories_unread) == (3, 26, 0)
    return corpus, store, again


def _no_worker(monkeypatch):
    """Make any story task that runs (reads files) fail the test: only the index may answer."""
    import factcheck.archive as archive_module

    def refuse(task, settings):
        raise AssertionError(f"{task.story} was read")

    monkeypatch.setattr(archive_module, "do_story", refuse)


def test_unchanged_stories_are_answered_from_the_index_without_reading_a_file(warm, monkeypatch):
    corpus, store, again = warm
    _no_worker(monkeypatch)
    summary, results = again()
    assert (summary.stories_unread, summary.stories_reused, summary.articles_extracted) == (3, 3, 0)
    assert [r.story for r in results] == ["story00000", "story00001", "story00002"]
    assert sum(len(r.findings) for r in results) > 0
    assert len((store / "index.jsonl").read_text(encoding="utf-8").splitlines()) == 3  # one line a story
    assert not [p for p in store.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_a_touched_file_with_the_same_bytes_is_hashed_again_not_extracted(warm):
    corpus, store, again = warm
    touched = corpus / "story00001" / "s00001_02_seed2.txt"
    os.utime(touched, ns=(time.time_ns(), time.time_ns() - 10**9))
    summary, _ = again()
    assert (summary.stories_unread, summary.stories_reused, summary.articles_extracted) == (2, 3, 0)
    summary, _ = again()  # the new stat is kept: next time it is not hashed
    assert summary.stories_unread == 3


def test_new_bytes_of_the_same_size_and_mtime_are_seen(warm):
    corpus, store, again = warm
    changed = corpus / "story00002" / "s00002_01_seed1.txt"  # a file with no copy in its story
    before = changed.stat()
    data = changed.read_bytes()
    # "a eu lieu à 10h40 » (15h40 GMT)": another digit in the GMT hour, same size
    at = data.index(b"h40 GMT") - 1
    changed.write_bytes(data[:at] + (b"6" if data[at:at + 1] != b"6" else b"7") + data[at + 1:])
    os.utime(changed, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the old mtime (the change time moves)
    assert changed.stat().st_size == before.st_size and changed.stat().st_mtime_ns == before.st_mtime_ns
    summary, _ = again()
    assert (summary.stories_unread, summary.stories_reused, summary.articles_extracted) == (2, 2, 1)


def test_a_changed_sidecar_redoes_its_folder(warm):
    corpus, store, again = warm
    sidecar = corpus / "story00000" / "sources.yaml"
    sidecar.write_text(sidecar.read_text(encoding="utf-8").replace('"AFP"', '"AFP Paris"'), encoding="utf-8")
    summary, results = again()
    assert (summary.stories_unread, summary.stories_reused, summary.articles_extracted) == (2, 2, 10)
    assert "AFP Paris" in {a["source"] for a in results[0].articles}


def test_changed_rules_or_code_redo_every_story(warm, monkeypatch, tmp_path):
    corpus, store, again = warm
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    with open(rules / "common.yaml", "a", encoding="utf-8") as handle:
        handle.write("\n# a comment changes the rule files' digest\n")
    summary, _ = again(rules=[str(p) for p in sorted(rules.glob("*.yaml"))])
    assert (summary.stories_unread, summary.stories_reused, summary.articles_extracted) == (0, 0, 26)

    import factcheck.store as store_module

    monkeypatch.setattr(store_module, "code_digest", lambda: "another factcheck")
    summary, _ = again()
    assert (summary.stories_unread, summary.stories_reused, summary.articles_extracted) == (0, 0, 26)


def test_a_file_written_just_before_it_was_hashed_is_hashed_again(warm, monkeypatch):
    import factcheck.store as store_module

    corpus, store, again = warm
    # Every file of the test was written a moment before the first run hashed it: a window of a day holds them all
    # (the real window, 2 s, is too close to the time a loaded machine takes between the copy and the hashing).
    monkeypatch.setattr(store_module, "RACY_NS", 86_400 * 10**9)
    summary, _ = again()  # every stat is doubted: each story hashed again, found the same, extracted never
    assert (summary.stories_unread, summary.stories_reused, summary.articles_extracted) == (0, 3, 0)


def test_the_index_keeps_the_stories_a_run_did_not_see(warm, monkeypatch):
    corpus, store, again = warm
    summary, _ = again(corpus / "story00001")  # one story alone: the index keeps the other two
    assert (summary.stories, summary.stories_unread) == (1, 1)
    _no_worker(monkeypatch)
    summary, _ = again()
    assert summary.stories_unread == 3


def test_an_interrupted_run_leaves_the_index_as_it_was(warm):
    corpus, store, again = warm
    index = store / "index.jsonl"
    before = index.read_bytes()
    (corpus / "story00000" / "s00000_01_seed1.txt").write_text("Un autre texte, le 3 janvier 2022.\n", encoding="utf-8")
    run = iter(run_archive([str(corpus)], per_folder=True, store=store))
    next(run)  # story00000, done again; then the run stops
    run.close()
    assert index.read_bytes() == before
    assert not [p for p in store.iterdir() if p.name.startswith(".")]
    summary, _ = again()  # the partition was rewritten, the index was not: the entries' keys still tell
    assert (summary.stories_unread, summary.articles_extracted) == (2, 1)


def test_reports_of_a_warm_run_are_those_of_a_cold_run(archive, tmp_path):
    """Reused stories' findings are written from the index's rendered parts: byte for byte a run with no store;
    a review option (--ignore) renders apart and leaves the kept parts alone."""
    corpus = tmp_path / "corpus"
    shutil.copytree(archive, corpus)
    store = tmp_path / "store"
    fresh, cold, warm = (tmp_path / f"{name}.jsonl" for name in ("fresh", "cold", "warm"))
    common = ["compare", str(corpus), "--per-folder", "-f", "jsonl", "--fail-on", "never"]
    assert factcheck(*common, "-o", str(fresh)).returncode == 0
    time.sleep(2.1)  # the files were written more than the racy window before they are hashed: stats are trusted
    assert factcheck(*common, "--store", str(store), "-o", str(cold)).returncode == 0
    done = factcheck(*common, "--store", str(store), "-o", str(warm))
    assert "3 of them without reading a file" in done.stderr
    assert fresh.read_bytes() == cold.read_bytes() == warm.read_bytes()
    rule = json.loads(fresh.read_text(encoding="utf-8").splitlines()[0])["rule"]
    ignored = [factcheck(*common, *store_args, "--ignore", rule, "-o", str(tmp_path / f"i{n}.jsonl"))
               for n, store_args in enumerate(([], ["--store", str(store)]))]
    assert all(done.returncode == 0 for done in ignored)
    assert (tmp_path / "i0.jsonl").read_bytes() == (tmp_path / "i1.jsonl").read_bytes()
    assert rule not in (tmp_path / "i1.jsonl").read_text(encoding="utf-8")
    assert factcheck(*common, "--store", str(store), "-o", str(warm)).returncode == 0
    assert warm.read_bytes() == fresh.read_bytes()
    as_json = [factcheck("compare", str(corpus), "--per-folder", "-f", "json", "--fail-on", "never", *store_args,
                         "-o", str(tmp_path / f"{n}.json")) for n, store_args in enumerate(([], ["--store", str(store)]))]
    assert all(done.returncode == 0 for done in as_json)
    warm_json = json.loads((tmp_path / "1.json").read_text(encoding="utf-8"))
    assert warm_json.pop("store")["stories_unread"] == 3
    assert warm_json == json.loads((tmp_path / "0.json").read_text(encoding="utf-8"))


def test_a_warm_json_report_copies_the_stored_texts_and_parses_no_body(warm, monkeypatch, tmp_path):
    """An unchanged story's findings are copied from its index line: the line's body (the findings with their
    sides, the displayed values, the rows' keys) is never parsed for a JSON or JSON Lines report without a
    baseline, and the reports are those of a run with no store."""
    from factcheck.checks import compare_kinds
    from factcheck.report.stream import write_archive
    from factcheck.review import review_findings
    from factcheck.rules import load_rules
    from factcheck.store import StoredLine

    corpus, store, again = warm
    ruleset = load_rules(None)
    expected = {}
    for fmt in ("json", "jsonl"):
        with open(tmp_path / f"fresh.{fmt}", "w", encoding="utf-8") as out:
            write_archive(run_archive([str(corpus)], per_folder=True, ruleset=ruleset), fmt, out,
                          compares=compare_kinds(ruleset.checks))
        expected[fmt] = (tmp_path / f"fresh.{fmt}").read_text(encoding="utf-8")

    def no_body(self):
        raise AssertionError(f"the body of {self.story} was parsed")

    monkeypatch.setattr(StoredLine, "body", no_body)
    _no_worker(monkeypatch)
    for fmt in ("json", "jsonl"):
        run = run_archive([str(corpus)], per_folder=True, ruleset=ruleset, store=store)
        with open(tmp_path / f"warm.{fmt}", "w", encoding="utf-8") as out:
            write_archive(run, fmt, out, compares=compare_kinds(ruleset.checks), sides_reviewed=False,
                          review=lambda found: review_findings(found, fail_on="never"))
        assert run.summary.stories_unread == 3
        got = (tmp_path / f"warm.{fmt}").read_text(encoding="utf-8")
        if fmt == "json":
            got = json.loads(got)
            assert got.pop("store")["stories_unread"] == 3
            assert got == json.loads(expected[fmt])
        else:
            assert got == expected[fmt] and got.count("\n") > 10


def test_a_baseline_or_a_markdown_report_reads_the_stored_sides(archive, tmp_path):
    """What needs a finding's sides (a baseline's fingerprints, the Markdown tables) reads them from the index:
    a warm run acknowledges the same findings and writes the same report as a run with no store."""
    corpus = tmp_path / "corpus"
    shutil.copytree(archive, corpus)
    store = tmp_path / "store"
    baseline = tmp_path / "baseline.json"
    done = factcheck("compare", str(corpus), "--per-folder", "--write-baseline", str(baseline))
    assert done.returncode == 0, done.stderr
    time.sleep(2.1)  # past the racy window: the next runs trust the stats
    assert factcheck("compare", str(corpus), "--per-folder", "--store", str(store), "-f", "jsonl",
                     "-o", str(tmp_path / "cold.jsonl"), "--fail-on", "never").returncode == 0
    for fmt in ("jsonl", "markdown"):
        runs = [factcheck("compare", str(corpus), "--per-folder", "-f", fmt, "--baseline", str(baseline),
                          *store_args, "-o", str(tmp_path / f"{fmt}{n}")) for n, store_args in
                enumerate(([], ["--store", str(store)]))]
        assert "3 of them without reading a file" in runs[1].stderr
        assert [r.returncode for r in runs] == [0, 0]  # every conflict is in the baseline
        assert (tmp_path / f"{fmt}0").read_bytes() == (tmp_path / f"{fmt}1").read_bytes()
        said = [[line for line in r.stderr.splitlines() if not line.startswith("store:")] for r in runs]
        assert said[0] == said[1] and any("baseline" in line for line in said[0])


def test_a_store_of_the_previous_format_is_refused_in_one_line(archive, tmp_path):
    store = tmp_path / "store"
    store.mkdir()
    (store / "factcheck-store.json").write_text('{"format": 2, "tool": "factcheck"}\n', encoding="utf-8")
    (store / "index.jsonl").write_text('"story00000"\t{"base": "x"}\n', encoding="utf-8")
    done = factcheck("compare", str(archive / "story00000"), "--store", str(store), "-f", "json")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1].endswith("a factcheck store of another format (2, expected 3); "
                                                         "give a new folder")
    assert "Traceback" not in done.stderr


def test_changed_stories_go_to_the_workers_as_soon_as_they_are_reached():
    """The workers get every changed story ahead of the unchanged ones answered between them (up to the bounds),
    so they compute while the main process writes; results come back in order, and what is held stays bounded."""
    from factcheck.archive import StoryResult, StoryTask, in_task_order

    class Future:
        def __init__(self, task):
            self.task = task

        def result(self):
            return StoryResult(self.task.story, [], [], [], {}, [])

    known = lambda name: StoryResult(name, [], [], [], {}, [])  # noqa: E731
    work = [StoryTask(f"s{i:03d}", ()) if i % 10 == 3 else known(f"s{i:03d}") for i in range(200)]
    submitted: list[str] = []
    held: list[int] = []

    def submit(task):
        submitted.append(task.story)
        return Future(task)

    handed = []
    for result in in_task_order(work, submit, ahead=4, window=25):
        if not handed:
            assert submitted == ["s003", "s013", "s023"]  # past 20 known results, within the window of 25
        handed.append(result.story)
        held.append(len(submitted) - sum(1 for name in handed if name in submitted))
    assert handed == [f"s{i:03d}" for i in range(200)]
    assert submitted == [f"s{i:03d}" for i in range(3, 200, 10)]
    assert max(held) <= 4  # tasks submitted and not yet handed back
    wide = []
    for result in in_task_order(work, lambda task: wide.append(task.story) or Future(task), ahead=4, window=1000):
        assert len(wide) == 4  # four tasks ahead at once, however far apart
        break


def test_an_article_no_story_fits_is_told_from_the_store_when_its_story_is_checked_again(archive, tmp_path,
                                                                                        monkeypatch):
    """Whether a story's event fits an article is kept with its rows: when another article of its folder changes,
    the unchanged one is not read for it again, and the run says what a run with no store says."""
    import factcheck.binding as binding
    import factcheck.store as store_module

    monkeypatch.setattr(store_module, "RACY_NS", 0)
    corpus = tmp_path / "corpus"
    shutil.copytree(archive, corpus)
    stray = corpus / "story00002" / "festival.txt"
    stray.write_text("Le festival de Cannes a ouvert mardi 11 mai 2021 avec quarante films en compétition.\n",
                     encoding="utf-8")
    store = tmp_path / "store"
    first = list(run_archive([str(corpus)], per_folder=True, store=store))
    assert [u["id"] for u in first[2].unmatched] == ["festival"]
    changed = corpus / "story00002" / "s00002_01_seed1.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nUne précision a été ajoutée.\n", encoding="utf-8")
    seen: list[str] = []
    select = binding.select_story
    monkeypatch.setattr(binding, "select_story", lambda article, *rest: seen.append(article.id) or select(article, *rest))
    run = run_archive([str(corpus)], per_folder=True, store=store)
    again = list(run)
    assert (run.summary.articles_extracted, run.summary.stories_unread) == (1, 2)
    assert "festival" not in seen and "s00002_01_seed1" in seen
    assert again[2].unmatched == list(run_archive([str(corpus)], per_folder=True))[2].unmatched == first[2].unmatched
