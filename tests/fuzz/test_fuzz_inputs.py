"""The hostile-input review, as properties: generated articles, front matter, sidecars and rule files.

For every generated input: no exception escapes the library, no input under
10 KB takes more than 5 s (CPU), no file the run reads is overwritten by an
output, and no output (every format, as the CLI writes it) holds a workflow
command or a terminal escape.

Budget: a quick one in the normal test run (``QUICK`` examples a property);
``HYPOTHESIS_PROFILE=thorough`` gives the profile's budget (20 000 a
property); ``FACTCHECK_FUZZ_EXAMPLES=N`` sets N exactly, and
``FACTCHECK_FUZZ_STATS=file.json`` writes the counts of a campaign there (see
README, "Bad input").
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.articles import SIDECAR_NAME
from factcheck.outputs import OutputError, write_output
from factcheck.pipeline import compare
from factcheck.rules import load_rules

from .oracle import injected
from .strategies import articles, rule_files, sidecars

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "rules"
SEED = ROOT / "seeds" / "001_be5ea4c1b4f5cbc6.txt"
QUICK = 12
HANG_SECONDS = 5.0
SMALL = 10_000


def _budget() -> int:
    if os.environ.get("FACTCHECK_FUZZ_EXAMPLES"):
        return int(os.environ["FACTCHECK_FUZZ_EXAMPLES"])
    if os.environ.get("HYPOTHESIS_PROFILE") == "thorough":
        return settings().max_examples
    return QUICK


FUZZ = settings(max_examples=_budget(), deadline=None, derandomize=not os.environ.get("FACTCHECK_FUZZ_EXAMPLES"),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])

# Counts of a campaign (written by tests/fuzz/conftest.py when FACTCHECK_FUZZ_STATS is set).
STATS = {"inputs": 0, "bytes": 0, "crashes": 0, "hangs_over_5s_under_10kb": 0, "files_overwritten": 0,
         "injected_workflow_commands": 0, "slowest_cpu_s": 0.0}


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _flush_stats() -> None:
    """A long campaign's counts so far, every 100 inputs (it may be stopped before it ends)."""
    target = os.environ.get("FACTCHECK_FUZZ_STATS")
    if target and STATS["inputs"] % 100 == 0:
        import json

        with open(target + ".partial", "w", encoding="utf-8") as handle:
            json.dump(dict(STATS, cpu_s=round(time.process_time(), 1)), handle)


def _timed(size: int, started: float) -> None:
    _flush_stats()
    spent = time.process_time() - started
    STATS["slowest_cpu_s"] = max(STATS["slowest_cpu_s"], round(spent, 3))
    if size < SMALL and spent > HANG_SECONDS:
        STATS["hangs_over_5s_under_10kb"] += 1
        raise AssertionError(f"{size} bytes took {spent:.1f} s")


def _check_outputs(outputs: dict[str, str]) -> None:
    for name, text in outputs.items():
        bad = injected(text)
        if bad:
            STATS["injected_workflow_commands"] += len(bad)
            raise AssertionError(f"{name}: {bad[:3]!r}")


def _written(folder: Path, name: str, text: str) -> str:
    """The text as the CLI writes it (``write_output`` neutralises), read back from disk."""
    target = folder / name
    write_output(target, text)
    return target.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def shipped():
    return load_rules([RULES])


@FUZZ
@given(texts=st.lists(articles(), min_size=1, max_size=3), raw=st.booleans(), with_sidecar=st.booleans(),
       data=st.data())
def test_generated_corpus_never_crashes_hangs_or_injects(shipped, texts, raw, with_sidecar, data):
    from factcheck.report import facts as facts_report
    from factcheck.report.flat import render_findings_csv, render_findings_jsonl
    from factcheck.report.jsonout import render_json
    from factcheck.report.markdown import render_markdown
    from factcheck.report.table import render_table

    with tempfile.TemporaryDirectory() as tmp:
        folder, out = Path(tmp) / "desk", Path(tmp) / "out"
        folder.mkdir()
        ids = [f"a{i}" for i in range(len(texts))]
        size = 0
        for name, text in zip(ids, texts):
            blob = text.encode("utf-8", "surrogatepass")
            if raw:  # stray bytes: cut a multi-byte character, add a Latin-1 byte
                blob = blob[: len(blob) // 2] + b"\x81\xe9" + blob[len(blob) // 2:]
            (folder / f"{name}.txt").write_bytes(blob)
            size += len(blob)
        if with_sidecar:
            (folder / SIDECAR_NAME).write_text(data.draw(sidecars(ids)), encoding="utf-8", errors="surrogatepass")
        STATS["inputs"] += 1
        STATS["bytes"] += size
        started = time.process_time()
        try:
            result = compare([folder], ruleset=shipped)
            extraction = result.extraction
            outputs = {
                "table": render_table(result.comparison), "markdown": render_markdown(result.comparison),
                "json": render_json(result.comparison), "csv": render_findings_csv(result.comparison),
                "jsonl": render_findings_jsonl(result.comparison),
                "facts.csv": facts_report.render_csv(extraction.table),
                "facts.json": facts_report.render_json(extraction.table),
            }
            written = {name: _written(out, name, text) for name, text in outputs.items()}
            from factcheck.neutral import line

            messages = "\n".join(line(f"{s.path}: {s.reason}") for s in extraction.corpus.inputs)
        except AssertionError:
            raise
        except Exception:
            STATS["crashes"] += 1
            raise
        _timed(size, started)
        _check_outputs({**written, "stderr": messages, "json": outputs["json"], "facts.json": outputs["facts.json"]})


@FUZZ
@given(text=rule_files())
def test_generated_rule_file_is_located_errors_never_a_crash(text):
    from factcheck.pipeline import extract

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        STATS["inputs"] += 1
        STATS["bytes"] += len(text)
        started = time.process_time()
        try:
            ruleset = load_rules([path])
            extraction = extract([SEED], ruleset=ruleset)
        except Exception:
            STATS["crashes"] += 1
            raise
        _timed(len(text), started)
        from factcheck.neutral import line

        for error in ruleset.errors:
            shown = line(str(error))
            assert shown.startswith(str(error.file)) and error.line >= 1 and error.col >= 1
        _check_outputs({"errors": "\n".join(line(str(e)) for e in ruleset.errors),
                        "problems": "\n".join(line(p) for p in extraction.problems)})


TARGETS = ("article", "skipped", "sidecar", "rules", "fifo", "devnull", "new", "folder")


@FUZZ
@given(target=st.sampled_from(TARGETS), through_link=st.booleans(), text=articles())
def test_output_never_replaces_what_the_run_reads(shipped, target, through_link, text):
    from factcheck.cli import _protected
    from factcheck.pipeline import extract

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = root / "desk"
        folder.mkdir()
        (folder / "a.txt").write_text(text, encoding="utf-8", errors="surrogatepass")
        (folder / "b.txt").write_text("L'appel a duré 50 minutes.\n", encoding="utf-8")
        (folder / "scan.txt").write_bytes(b"%PDF-1.4 binary")
        (folder / SIDECAR_NAME).write_text("b: {source: AFP}\n", encoding="utf-8")
        rule_copy = root / "story.yaml"
        rule_copy.write_text((RULES / "common.yaml").read_text(encoding="utf-8").replace("story: common", "story: x"),
                             encoding="utf-8")
        os.mkfifo(root / "pipe")
        paths = {"article": folder / "b.txt", "skipped": folder / "scan.txt", "sidecar": folder / SIDECAR_NAME,
                 "rules": rule_copy, "fifo": root / "pipe", "devnull": Path(os.devnull), "new": root / "new" / "r.md",
                 "folder": folder}
        chosen = paths[target]
        if through_link and target != "devnull":
            os.symlink(chosen, root / "link")
            chosen = root / "link"
        watched = [folder / "a.txt", folder / "b.txt", folder / "scan.txt", folder / SIDECAR_NAME, rule_copy]
        before = {p: _digest(p) for p in watched}
        STATS["inputs"] += 1
        run = extract([folder], ruleset=shipped)
        try:
            write_output(chosen, "report\n", inputs=_protected(run.corpus, shipped) + [str(rule_copy)])
            refused = False
        except OutputError:
            refused = True
        after = {p: _digest(p) for p in watched}
        overwritten = [str(p) for p in watched if before[p] != after[p]]
        STATS["files_overwritten"] += len(overwritten)
        assert not overwritten, overwritten
        assert stat.S_ISFIFO(os.stat(root / "pipe").st_mode)
        assert refused == (target in ("article", "skipped", "sidecar", "rules", "fifo", "folder"))


@FUZZ
@given(text=articles(), noise=st.binary(max_size=8), at=st.integers(0, 10_000))
def test_generated_article_alone_reads_and_extracts(shipped, text, noise, at):
    """One article through decoding, metadata and the grammar: the cheap entry point, for long campaigns."""
    from dataclasses import asdict

    from factcheck.articles import load_article
    from factcheck.facts import extract_mentions
    from factcheck.neutral import json_dumps, line

    blob = text.encode("utf-8", "surrogatepass")
    blob = blob[:at] + noise + blob[at:]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.txt"
        path.write_bytes(blob)
        STATS["inputs"] += 1
        STATS["bytes"] += len(blob)
        started = time.process_time()
        try:
            article, status = load_article(path)
            problems: list[str] = []
            mentions = extract_mentions([article], shipped, problems) if article is not None else []
            shown = json_dumps([asdict(m) for m in mentions], default=str)
        except Exception:
            STATS["crashes"] += 1
            raise
        _timed(len(blob), started)
        _check_outputs({"status": line(f"{status.path}: {status.reason}"), "mentions": shown,
                        "problems": "\n".join(line(p) for p in problems)})
