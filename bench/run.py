"""Benchmark factcheck on scaled corpora, side by side with spaCy and Duckling; writes reports/bench.md.

    pip install -e '.[bench]'
    python bench/run.py                      # everything, within --budget-min minutes of runs
    python bench/run.py --sizes 100 1000     # a quick look
    python bench/run.py --report-only        # re-render reports/bench.md from bench/out/results.json
    python bench/run.py --quick              # per-core extraction against 567de64, spaCy, Duckling (≈ 5 min)

Corpora come from ``bench/make_corpus.py`` (stories of ten articles varied
from the seeds), written once into ``bench/out/`` and reused.  Every
measurement runs in a fresh subprocess, so import time, peak memory
(``ru_maxrss``) and CPU time belong to that run alone:

- ``extract`` = ``pipeline.extract(corpus, per_folder=True, jobs=J)``: what
  ``factcheck extract --per-folder --jobs J`` does before rendering;
- ``compare`` = ``pipeline.compare(corpus, per_folder=True, jobs=J)`` then the
  JSON report: ``factcheck compare --per-folder --jobs J --format json``.

J is 1 (one process) and 0 (one a core).  spaCy ``fr_core_news_sm`` and
Duckling run in one process over a sample of the same article texts, next to
factcheck's extraction of that sample (CPU seconds).  *Per core* runs the
extraction of this tree and of a reference commit (``--against``, by default
567de64, the grammar before issue 11) in fresh processes taken in turns, and
gives the ratio of their CPU seconds; ``--quick`` runs only these two and
writes their section of the report (``bench/quick-results.json``, committed).  Sizes are run smallest first; a run
whose projected time (from the size before) does not fit the budget is run on
a sample of the corpus or skipped, and the report says which.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
RESULTS = OUT / "results.json"
REPORT = ROOT / "reports" / "bench.md"
PLOT = ROOT / "reports" / "bench_time.png"
RULES = ROOT / "rules"
SIZES = (100, 1_000, 10_000, 100_000)
BASELINE_SAMPLE = 300
SAMPLE_ARTICLES = 10_000  # a run that does not fit the budget at full size runs on this many articles
REFERENCE = "567de64"  # the extraction before issue 11: "speed per core no lower than before"
QUICK_RESULTS = HERE / "quick-results.json"
QUICK_BEGIN = "<!-- per-core section: written by bench/run.py --quick from bench/quick-results.json -->"
QUICK_END = "<!-- end of the per-core section -->"

sys.path.insert(0, str(HERE))
import make_corpus  # noqa: E402  (bench/ is a folder of scripts, not a package)

# --------------------------------------------------------------------------- child: one measured run


def _mb(kilobytes: int) -> float:
    return kilobytes / 1024  # ru_maxrss is in KiB on Linux


def _paths(corpus: Path, limit: int | None) -> list[str]:
    if not limit:
        return [str(corpus)]
    stories = sorted(p for p in corpus.iterdir() if p.is_dir())
    return [str(p) for p in stories[: max(1, limit // make_corpus.PER_STORY)]]


def child_run(mode: str, corpus: Path, jobs: int, limit: int | None, markdown: bool) -> dict:
    """One extract or compare run, with phase timings; printed as JSON by the child process."""
    t_start = time.perf_counter()
    import multiprocessing

    from factcheck import pipeline
    from factcheck.rules import load_rules

    # Busy seconds of the extraction and of the checks, summed over the worker processes
    # (shared memory: the workers are forked after these wrappers are in place).
    busy = multiprocessing.get_context("fork").Array("d", 2)
    rows_of, story_findings = pipeline._rows_of, pipeline.story_findings

    def timed_rows(*a, **k):
        t = time.perf_counter()
        try:
            return rows_of(*a, **k)
        finally:
            with busy.get_lock():
                busy[0] += time.perf_counter() - t

    def timed_findings(*a, **k):
        t = time.perf_counter()
        try:
            return story_findings(*a, **k)
        finally:
            with busy.get_lock():
                busy[1] += time.perf_counter() - t

    phases: dict[str, float] = {}

    def phase(name, fn):
        def wrapped(*a, **k):
            t = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                phases[name] = phases.get(name, 0.0) + time.perf_counter() - t
        return wrapped

    pipeline._rows_of, pipeline.story_findings = timed_rows, timed_findings
    pipeline.load_corpus = phase("load", pipeline.load_corpus)
    pipeline.mention_rows = phase("work", pipeline.mention_rows)

    ruleset = load_rules([str(RULES)])
    paths = _paths(corpus, limit)
    t_imported = time.perf_counter()
    cpu0 = os.times()
    t0 = time.perf_counter()
    if mode == "extract":
        run = pipeline.extract(paths, ruleset=ruleset, jobs=jobs, per_folder=True)
        findings = []
    else:
        result = pipeline.compare(paths, ruleset=ruleset, jobs=jobs, per_folder=True)
        run, findings = result.extraction, result.findings
    wall = time.perf_counter() - t0
    renders = {}
    if mode == "compare":
        from factcheck.report.jsonout import render_json

        t = time.perf_counter()
        text = render_json(result.comparison)
        renders["json"] = time.perf_counter() - t
        renders["json_mb"] = len(text.encode()) / 1e6
        del text
        if markdown:
            from factcheck.report.markdown import render_markdown

            t = time.perf_counter()
            text = render_markdown(result.comparison)
            renders["markdown"] = time.perf_counter() - t
            renders["markdown_mb"] = len(text.encode()) / 1e6
            del text
    cpu1 = os.times()
    articles = run.corpus.articles
    return {
        "mode": mode, "jobs": jobs, "workers": pipeline._workers(jobs, len(articles)),
        "articles": len(articles), "stories": len(set(run.stories.values())),
        "bytes": sum(os.path.getsize(a.path) for a in articles),
        "rows": len(run.table), "findings": len(findings),
        "conflicts": sum(1 for f in findings if f.status == "conflict"),
        "cross_story_findings": sum(1 for f in findings
                                    if len({run.stories[a] for a in f.articles}) > 1),
        "wall": wall, "startup": t_imported - t_start,
        "phases": {**phases, "rest": wall - sum(phases.values())},
        "busy_extract": busy[0], "busy_checks": busy[1],
        "cpu_self": (cpu1.user + cpu1.system) - (cpu0.user + cpu0.system),
        "cpu_workers": (cpu1.children_user + cpu1.children_system) - (cpu0.children_user + cpu0.children_system),
        "peak_mb": _mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss),
        "worker_peak_mb": _mb(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss),
        "renders": renders, "sample": bool(limit), "loadavg": os.getloadavg(),
    }


def child_baselines(corpus: Path, n: int) -> dict:
    """factcheck, spaCy (full pipeline and NER alone) and Duckling over the same ``n`` article texts."""
    files = sorted(corpus.rglob("*.txt"))[:n]
    texts = [p.read_text(encoding="utf-8") for p in files]
    mb = sum(len(t.encode()) for t in texts) / 1e6
    out: dict = {"articles": len(texts), "mb": mb, "tools": {}}

    def measure(name: str, fn, load_s: float, note: str = "") -> None:
        fn(texts[:3])  # warm-up: lazy initialisation is not throughput
        c0, t0 = time.process_time(), time.perf_counter()
        found = fn(texts)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        entry = {"wall": wall, "cpu": cpu, "load": load_s, "art_s": len(texts) / wall,
                 "mb_s": mb / wall, "found": found, "note": note, "loadavg": os.getloadavg()}
        if name in out["tools"]:  # factcheck is timed again between and after the others: the median run is kept
            runs = out["tools"][name].get("runs", [out["tools"][name]]) + [entry]
            entry = dict(sorted(runs, key=lambda r: r["cpu"])[len(runs) // 2], runs=runs)
        out["tools"][name] = entry

    t = time.perf_counter()
    from factcheck import pipeline
    from factcheck.articles import load_article
    from factcheck.rules import load_rules

    ruleset = load_rules([str(RULES)])
    # Each file read on its own (``load_corpus`` would drop a story's byte-identical copies): every tool
    # reads the same texts.
    articles = [load_article(p)[0] for p in files]
    load_fc = time.perf_counter() - t

    def factcheck_extract(sample):
        chosen = articles if sample is texts else articles[: len(sample)]
        return len(pipeline.mention_rows(chosen, ruleset)[0])

    fc_note = "value grammar + fact binding (`pipeline.mention_rows`), one process"
    measure("factcheck", factcheck_extract, load_fc, fc_note)

    import spacy

    t = time.perf_counter()
    nlp = spacy.load("fr_core_news_sm")
    measure("factcheck", factcheck_extract, load_fc, fc_note)  # between: the load the others ran under
    load_full = time.perf_counter() - t
    measure("spacy_full", lambda s: sum(len(d.ents) for d in nlp.pipe(s, batch_size=64)), load_full,
            f"fr_core_news_sm {nlp.meta.get('version')}, all components ({', '.join(nlp.pipe_names)})")
    t = time.perf_counter()
    ner = spacy.load("fr_core_news_sm", exclude=[p for p in nlp.pipe_names if p != "ner"])
    load_ner = time.perf_counter() - t
    del nlp
    measure("spacy_ner", lambda s: sum(len(d.ents) for d in ner.pipe(s, batch_size=64)), load_ner,
            "fr_core_news_sm, NER component alone (its own tok2vec)")
    del ner

    t = time.perf_counter()
    import duckling
    from duckling import Context, default_locale_lang, load_time_zones, parse, parse_dimensions, parse_lang, parse_ref_time

    zones = load_time_zones("/usr/share/zoneinfo")
    ref = parse_ref_time(zones, "Europe/Paris", int(dt.datetime(2021, 12, 30, 12).timestamp()))
    context = Context(ref, default_locale_lang(parse_lang("FR")))
    dims = parse_dimensions(["time", "duration", "number"])
    load_duck = time.perf_counter() - t
    measure("duckling", lambda s: sum(len(parse(x, context, dims, False)) for x in s), load_duck,
            f"pyduckling-native-phihos {getattr(duckling, '__version__', '?')}: time, duration, number")
    measure("factcheck", factcheck_extract, load_fc, fc_note)
    return out


def child_profile(corpus: Path) -> dict:
    """pyinstrument over factcheck's extraction of the corpus, one process: the tree and the top functions."""
    from pyinstrument import Profiler

    from factcheck import pipeline
    from factcheck.rules import load_rules

    ruleset = load_rules([str(RULES)])
    articles = pipeline.load_corpus([str(corpus)]).articles
    profiler = Profiler(interval=0.001)
    profiler.start()
    pipeline.mention_rows(articles, ruleset)
    profiler.stop()
    (OUT / f"profile-extract-{len(articles)}.txt").write_text(
        profiler.output_text(unicode=False, color=False, show_all=False), encoding="utf-8")
    return {"articles": len(articles), "top": _top_frames(profiler.last_session.root_frame())}


def child_cold_profile() -> dict:
    """pyinstrument over one cold ``factcheck compare seeds/``: where the first second goes."""
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005)
    profiler.start()
    from factcheck.cli import app

    try:
        app(["compare", str(ROOT / "seeds"), "--fail-on", "never", "-o", str(OUT / "cold-start.txt")],
            standalone_mode=False)
    except SystemExit:
        pass
    profiler.stop()
    (OUT / "profile-cold-start.txt").write_text(
        profiler.output_text(unicode=False, color=False, show_all=False), encoding="utf-8")
    root = profiler.last_session.root_frame()
    return {"total": root.time, "parts": [
        {"label": label, "seconds": _outermost(root, function, where)} for label, function, where in COLD_PARTS]}


# What a cold `factcheck compare seeds/` does, by the frames that do it (outermost match, summed).
COLD_PARTS = (
    ("import typer (the CLI)", "<module>", "typer/__init__.py"),
    ("import pandas", "<module>", "pandas/__init__.py"),
    ("load and validate the rules", "load_rules", "factcheck/rules.py"),
    ("read the articles", "load_corpus", "factcheck/articles.py"),
    ("compile the grammar's master pattern", "build", "factcheck/grammar/patterns.py"),
    ("extract and bind the mentions (grammar compile included)", "extract_mentions", "factcheck/facts.py"),
    ("build the facts table", "rows_frame", "factcheck/pipeline.py"),
    ("run the checks", "run_checks", "factcheck/checks.py"),
    ("render the terminal table", "render_table", "factcheck/report/table.py"),
)


def _outermost(root, function: str, where: str) -> float:
    total, stack = 0.0, [root]
    while stack:
        frame = stack.pop()
        if frame.function == function and (frame.file_path or "").endswith(where):
            total += frame.time
            continue
        stack.extend(frame.children)
    return total


def _top_frames(root, n: int = 15, cumulative: bool = False) -> list[dict]:
    """Functions by self time (or, with ``cumulative``, by total time of factcheck/pandas entry points)."""
    totals: dict[tuple[str, str], float] = {}
    stack = [root]
    total = root.time or 1e-9
    while stack:
        frame = stack.pop()
        stack.extend(frame.children)
        if frame.is_synthetic:
            continue
        key = (frame.function, f"{frame.file_path_short}:{frame.line_no}")
        if cumulative:
            if "factcheck" in (frame.file_path or "") or frame.function == "<module>":
                totals[key] = max(totals.get(key, 0.0), frame.time)
        else:
            own = frame.time - sum(c.time for c in frame.children if not c.is_synthetic_leaf)
            totals[key] = totals.get(key, 0.0) + own
    ranked = sorted(totals.items(), key=lambda kv: -kv[1])[:n]
    return [{"function": f, "where": w, "seconds": s, "share": s / total} for (f, w), s in ranked]


# Run with PYTHONPATH and cwd at a tree (this one or the reference commit's), so only the API both have is
# used: ``pipeline.extract`` of the stories, one process, the tree's own shipped rules.
PER_CORE_CHILD = r"""
import json, resource, sys, time
from factcheck import pipeline
c0 = time.process_time()
run = pipeline.extract([sys.argv[1]], jobs=1, per_folder=True)
cpu = time.process_time() - c0
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"extract_cpu": cpu, "process_cpu": usage.ru_utime + usage.ru_stime,
                  "articles": len(run.corpus.articles), "rows": len(run.rows)}))
"""


def reference_tree(ref: str) -> Path:
    """The package and rules of commit ``ref``, exported once into bench/out/ (``git archive``)."""
    sha = subprocess.run(["git", "rev-parse", "--short", ref], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout.strip()
    tree = OUT / f"tree-{sha}"
    if not (tree / "factcheck").is_dir():
        tree.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", sha, "factcheck", "rules"], cwd=ROOT, capture_output=True,
                                 check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    return tree


def per_core(corpus: Path, ref: str, pairs: int) -> dict:
    """This tree's extraction against ``ref``'s, CPU seconds, fresh processes in turns (ABAB, then BABA)."""
    trees = {"this": ROOT, "reference": reference_tree(ref)}

    def one(which: str) -> dict:
        env = {**os.environ, "PYTHONPATH": str(trees[which]), "PYTHONHASHSEED": "0"}
        proc = subprocess.run([sys.executable, "-c", PER_CORE_CHILD, str(corpus)], cwd=trees[which], env=env,
                              capture_output=True, text=True)
        if proc.returncode:
            raise RuntimeError(f"per-core run of {which} failed:\n{proc.stderr[-3000:]}")
        return json.loads(proc.stdout.strip().splitlines()[-1])

    runs: dict[str, list[dict]] = {"this": [], "reference": []}
    for i in range(pairs):
        order = ("reference", "this") if i % 2 == 0 else ("this", "reference")
        for which in order:
            runs[which].append(one(which))
        print(f"  pair {i + 1}: this {runs['this'][-1]['extract_cpu']:.2f} s, "
              f"{ref} {runs['reference'][-1]['extract_cpu']:.2f} s", flush=True)
    # Per article: a tree that drops a story's byte-identical copies (567de64 did not) reads fewer articles.
    ratios = {key: [(t[key] / t["articles"]) / (r[key] / r["articles"]) for t, r in zip(runs["this"], runs["reference"])]
              for key in ("extract_cpu", "process_cpu")}
    return {"reference": ref, "pairs": pairs, "runs": runs,
            "ratios": ratios, "median": {k: statistics.median(v) for k, v in ratios.items()},
            "loadavg": os.getloadavg()}


def quick(ref: str, pairs: int, sample: int) -> dict:
    """The per-core comparison and the baselines on the 1 000-article corpus: ``--quick``."""
    corpus = make_corpus.build(1_000)
    out = {"machine": machine()}
    print(f"per core: this tree against {ref}, {pairs} pairs of processes on {corpus} ...", flush=True)
    out["per_core"] = per_core(corpus, ref, pairs)
    print(f"baselines on {sample} articles ...", end="", flush=True)
    out["baselines"] = _child("baselines", str(corpus), str(sample))
    print(" done", flush=True)
    QUICK_RESULTS.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return out


# --------------------------------------------------------------------------- parent: plan, run, report


def _child(*args: str, timeout: float | None = None) -> dict:
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", *args], capture_output=True,
                          text=True, timeout=timeout, env=env, cwd=ROOT)
    if proc.returncode != 0:
        raise RuntimeError(f"child {args} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def cold_start(repeat: int = 5) -> dict:
    exe = Path(sys.executable).with_name("factcheck")
    command = [str(exe) if exe.exists() else "factcheck", "compare", "seeds/", "--fail-on", "never"]
    times = []
    for _ in range(repeat + 1):
        t = time.perf_counter()
        subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - t)
    times = times[1:]  # the first run also warms the OS file cache
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    bare = time.perf_counter() - t
    return {"command": "factcheck compare seeds/ --fail-on never", "times": times,
            "median": statistics.median(times), "python_bare": bare, "loadavg": os.getloadavg()}


def machine() -> dict:
    mem = 0
    try:
        with open("/proc/meminfo") as f:
            mem = int(f.readline().split()[1]) * 1024
    except OSError:
        pass
    cpu = platform.processor()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), cpu)
    except OSError:
        pass
    versions = {}
    for name in ("factcheck", "pandas", "regex", "spacy", "fr-core-news-sm", "pyduckling-native-phihos", "pyinstrument"):
        try:
            from importlib.metadata import version

            versions[name] = version(name)
        except Exception:
            versions[name] = "not installed"
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "factcheck", "rules"], cwd=ROOT,
                           capture_output=True, text=True).stdout.strip()
    return {"cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
            "ram_gb": mem / 2**30, "cpu": cpu, "python": platform.python_version(), "platform": platform.platform(),
            "versions": versions, "commit": commit, "dirty": bool(dirty),
            "date": dt.datetime.now().astimezone().isoformat(timespec="seconds")}


class Plan:
    """Runs children within the budget; projects a run's time from the same run at the size before."""

    def __init__(self, budget_s: float, results: dict):
        self.start = time.monotonic()
        self.budget = budget_s
        self.results = results

    def left(self) -> float:
        return self.budget - (time.monotonic() - self.start)

    def rate(self, mode: str, jobs: int) -> float | None:
        done = [r for r in self.results["runs"] if r["mode"] == mode and r["jobs"] == jobs and not r.get("skipped")]
        if not done:
            return None
        biggest = max(done, key=lambda r: r["articles"])
        return (biggest["wall"] + biggest["startup"] + sum(biggest["renders"].get(k, 0) for k in ("json", "markdown"))) \
            / biggest["articles"]

    def run(self, size: int, corpus: Path, mode: str, jobs: int, *, reserve: float = 0.0, markdown: bool = True,
            sample_ok: bool = False) -> None:
        rate = self.rate(mode, jobs)
        projected = rate * size * 1.15 if rate else None
        limit = None
        if projected is not None and projected > self.left() - reserve:
            if sample_ok and rate * SAMPLE_ARTICLES * 1.15 < self.left() - reserve:
                limit = SAMPLE_ARTICLES
            else:
                print(f"  {mode} jobs={jobs} at {size}: skipped, projected {projected:.0f} s > {self.left() - reserve:.0f} s left",
                      flush=True)
                self.results["runs"].append({"size": size, "mode": mode, "jobs": jobs, "skipped": True,
                                             "projected": projected, "articles": size, "wall": projected})
                return
        what = f"{mode} jobs={jobs} at {size}" + (f" (sample of {limit})" if limit else "")
        print(f"  {what}: projected {projected or 0:.0f} s ...", end="", flush=True)
        args = [mode, str(corpus), str(jobs), str(limit or 0), "1" if markdown else "0"]
        result = _child(*args)
        result.update(size=size, projected=projected, full_projection=projected if limit else None)
        self.results["runs"].append(result)
        print(f" {result['wall']:.1f} s, peak {result['peak_mb']:.0f} MB", flush=True)
        save(self.results)


def save(results: dict) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Benchmark factcheck; writes reports/bench.md and reports/bench_time.png.")
    parser.add_argument("--sizes", nargs="+", type=int, default=list(SIZES))
    parser.add_argument("--budget-min", type=float, default=55.0, help="wall time for all runs (minutes)")
    parser.add_argument("--baseline-sample", type=int, default=BASELINE_SAMPLE)
    parser.add_argument("--skip-baselines", action="store_true")
    parser.add_argument("--report-only", action="store_true", help="only re-render the report from results.json")
    parser.add_argument("--quick", action="store_true",
                        help="only the per-core comparison and the baselines (about 5 minutes)")
    parser.add_argument("--against", default=REFERENCE, help="the commit the per-core speed is compared with")
    parser.add_argument("--pairs", type=int, default=5, help="pairs of processes for the per-core comparison")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        kind, *rest = args.child
        if kind == "baselines":
            result = child_baselines(Path(rest[0]), int(rest[1]))
        elif kind == "profile":
            result = child_profile(Path(rest[0]))
        elif kind == "cold-profile":
            result = child_cold_profile()
        else:
            corpus, jobs, limit, markdown = Path(rest[0]), int(rest[1]), int(rest[2]), rest[3] == "1"
            result = child_run(kind, corpus, jobs, limit or None, markdown)
        print(json.dumps(result))
        return

    if args.report_only:
        if QUICK_RESULTS.exists():
            write_quick_section(json.loads(QUICK_RESULTS.read_text(encoding="utf-8")))
        if RESULTS.exists():
            render(json.loads(RESULTS.read_text(encoding="utf-8")))
        return

    if args.quick:
        write_quick_section(quick(args.against, args.pairs, args.baseline_sample))
        print(f"wrote {REPORT.relative_to(ROOT)}")
        return

    results = {"machine": machine(), "sizes": sorted(args.sizes), "runs": [], "budget_min": args.budget_min}
    plan = Plan(args.budget_min * 60, results)
    print(f"factcheck benchmark, budget {args.budget_min:.0f} min; results in {RESULTS.relative_to(ROOT)}", flush=True)
    sizes = sorted(args.sizes)
    small = [s for s in sizes if s <= 10_000]
    large = [s for s in sizes if s > 10_000]

    results["cold_start"] = cold_start()
    print(f"cold start: median {results['cold_start']['median']:.2f} s", flush=True)
    results["cold_profile"] = _child("cold-profile")
    save(results)

    def one_size(size: int, reserve: float) -> None:
        t = time.perf_counter()
        corpus = make_corpus.build(size)
        results.setdefault("corpus_build_s", {})[str(size)] = time.perf_counter() - t
        print(f"{size} articles ({make_corpus.corpus_bytes(corpus) / 1e6:.1f} MB):", flush=True)
        large_size = size > 10_000
        # Most wanted first: the goals are on compare with all cores and on memory.
        plan.run(size, corpus, "compare", 0, reserve=reserve, markdown=not large_size)
        plan.run(size, corpus, "extract", 0, reserve=reserve)
        plan.run(size, corpus, "extract", 1, reserve=reserve, sample_ok=True)
        plan.run(size, corpus, "compare", 1, reserve=reserve, markdown=not large_size)

    for size in small:
        one_size(size, reserve=240.0)
    if not args.skip_baselines:
        base = make_corpus.build(1_000)
        write_quick_section(quick(args.against, args.pairs, args.baseline_sample))
        results["baselines"] = json.loads(QUICK_RESULTS.read_text(encoding="utf-8"))["baselines"]
        print("profile of the extraction, 1 000 articles ...", end="", flush=True)
        results["profile"] = _child("profile", str(base))
        print(" done", flush=True)
        save(results)
    for size in large:
        one_size(size, reserve=30.0)
    results["total_s"] = time.monotonic() - plan.start
    save(results)
    render(results)
    print(f"wrote {REPORT.relative_to(ROOT)} and {PLOT.relative_to(ROOT)}")


# --------------------------------------------------------------------------- report

GOALS = {
    "spacy": 20.0,  # extraction at least 20x faster than spaCy fr_core_news_sm
    "duckling": 5.0,  # and 5x faster than Duckling
    "linear": 1.5,  # time per article 1 000 -> 100 000 within 1.5x
    "compare_s": 30.0,  # compare 100 000 articles in 10 000 stories on two cores
    "peak_mb": 1024.0,  # at 100 000 articles
    "cold_s": 1.0,  # factcheck compare seeds/
}


def _runs(results: dict, mode: str, jobs: int) -> dict[int, dict]:
    return {r["size"]: r for r in results["runs"] if r["mode"] == mode and r["jobs"] == jobs}


def _fmt(x: float | None, digits: int = 1) -> str:
    if x is None:
        return "—"
    return f"{x:,.{digits}f}".replace(",", " ")


def _size(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def _extract_rate(run: dict | None) -> tuple[float | None, float | None]:
    if not run or run.get("skipped"):
        return None, None
    seconds = run["wall"]
    return run["articles"] / seconds, run["bytes"] / 1e6 / seconds


def _cell(run: dict | None, value: str) -> str:
    if not run:
        return "—"
    if run.get("skipped"):
        return f"not run (projected {_fmt(run['projected'], 0)} s)"
    return value + (" ¹" if run.get("sample") else "")


def render(results: dict) -> None:
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    m = results["machine"]
    sizes = results["sizes"]
    e1, e0, c0, c1 = (_runs(results, "extract", 1), _runs(results, "extract", 0), _runs(results, "compare", 0),
                      _runs(results, "compare", 1))
    cores = m["cores"]
    lines = [
        "# factcheck benchmark",
        "",
        f"Measured {m['date']} on {cores} cores ({m['cpu']}), {m['ram_gb']:.0f} GiB RAM, Python {m['python']}, "
        f"{m['platform']}; factcheck at commit {m['commit']}{' with uncommitted changes in factcheck/ or rules/' if m['dirty'] else ''}. "
        f"Other jobs shared the machine: each run records the load average (below).",
        "",
        "Reproduce: `pip install -e '.[bench]' && python bench/run.py` (about an hour; `--sizes 100 1000` for a quick look; "
        "`--report-only` re-renders this page from `bench/out/results.json`).",
        "",
        "Corpora: `bench/make_corpus.py`, stories of ten articles (two from each seed text) with the story's call day, "
        "start time, duration, troop count, rank, talks day and names put in, and deliberate conflicts in some stories. "
        "All runs use `--per-folder` (one story a folder). *extract* is `pipeline.extract` (what `factcheck extract` does "
        "before rendering), *compare* is `pipeline.compare` plus the JSON report. Times are wall-clock seconds of the "
        "run in a fresh process, after imports (start-up is given apart).",
        "",
        "## Results by corpus size",
        "",
        f"| articles | stories | MB | extract, 1 process: art/s · MB/s | extract, {cores} processes: art/s · MB/s | "
        f"compare, {cores} processes: s | compare, 1 process: s | peak memory MB (main + largest worker) | mentions | conflicts |",
        "|---:|---:|---:|---|---|---:|---:|---:|---:|---:|",
    ]
    for size in sizes:
        base = c0.get(size) or e0.get(size) or e1.get(size)
        if not base or base.get("skipped"):
            lines.append(f"| {_size(size)} | | | not run | | | | | | |")
            continue
        a1, m1 = _extract_rate(e1.get(size))
        a0, m0 = _extract_rate(e0.get(size))
        cmp0, cmp1 = c0.get(size), c1.get(size)
        peak = cmp0 if cmp0 and not cmp0.get("skipped") else base
        mb = base["bytes"] / 1e6 if not base.get("sample") else size * base["bytes"] / base["articles"] / 1e6
        lines.append(
            f"| {_size(size)} | {_size(size // make_corpus.PER_STORY)} | {_fmt(mb)} "
            f"| {_cell(e1.get(size), f'{_fmt(a1)} · {_fmt(m1, 2)}')} "
            f"| {_cell(e0.get(size), f'{_fmt(a0)} · {_fmt(m0, 2)}')} "
            f"| {_cell(cmp0, _fmt(cmp0['wall'] + cmp0['renders'].get('json', 0)) if cmp0 and not cmp0.get('skipped') else '')} "
            f"| {_cell(cmp1, _fmt(cmp1['wall'] + cmp1['renders'].get('json', 0)) if cmp1 and not cmp1.get('skipped') else '')} "
            f"| {_fmt(peak['peak_mb'], 0)} + {_fmt(peak['worker_peak_mb'], 0)} "
            f"| {_size(peak['rows'])} | {_size(peak['conflicts'])} |")
    if any(r.get("sample") for r in results["runs"]):
        lines += ["", f"¹ Run on a sample: the first {_size(SAMPLE_ARTICLES)} articles "
                      f"({SAMPLE_ARTICLES // make_corpus.PER_STORY} stories) of the corpus, because the whole corpus "
                      "did not fit the time budget; the rate is that of the sample."]

    # Phase detail
    lines += ["", "### Where the time goes (compare runs)", "",
              "| articles | processes | load s | extraction + checks s (wall) | extraction busy s | checks busy s | "
              "table + lines s | JSON report s | Markdown report s | start-up s | load average |",
              "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for runs in (c0, c1):
        for size in sizes:
            r = runs.get(size)
            if not r or r.get("skipped"):
                continue
            ph = r["phases"]
            md = r["renders"].get("markdown")
            lines.append(
                f"| {_size(r['articles'])} | {r['workers']} | {_fmt(ph.get('load'), 2)} | {_fmt(ph.get('work'), 2)} "
                f"| {_fmt(r['busy_extract'], 2)} | {_fmt(r['busy_checks'], 2)} | {_fmt(ph.get('rest'), 2)} "
                f"| {_fmt(r['renders'].get('json'), 2)} | {_fmt(md, 2) if md is not None else 'not timed'} "
                f"| {_fmt(r['startup'], 2)} | {' '.join(f'{x:.1f}' for x in r['loadavg'])} |")
    lines += ["", "*Busy* seconds are summed over the worker processes (with one process, the time inside "
              "extraction and inside the checks).", ""]

    # Baselines: their table is in the per-core section (``render_quick``); the goals below use their ratios
    b = results.get("baselines")
    ratios = baseline_ratios(b) if b else {}

    # Cold start
    cs = results.get("cold_start")
    if cs:
        lines += ["## Cold start", "",
                  f"`{cs['command']}`, a fresh process each time (after one run that warms the file cache): "
                  f"median **{cs['median']:.2f} s** of {len(cs['times'])} "
                  f"({', '.join(f'{t:.2f}' for t in cs['times'])}); a bare `python -c pass` takes {cs['python_bare']:.2f} s.",
                  ""]
        cp = results.get("cold_profile")
        if cp:
            lines += [f"Where one cold run spends its time (pyinstrument, {cp['total']:.2f} s under the profiler; "
                      "a part nested in another is counted in both; `bench/out/profile-cold-start.txt`):", "",
                      "| part | s |", "|---|---:|"]
            for part in cp["parts"]:
                lines.append(f"| {part['label']} | {part['seconds']:.3f} |")
            lines.append("")

    # Profile
    pr = results.get("profile")
    if pr:
        lines += [f"## Profile of the extraction ({_size(pr['articles'])} articles, one process, pyinstrument)", "",
                  "Functions by self time (the whole tree: `bench/out/profile-extract-1000.txt`, not committed):", "",
                  "| function | where | self s | share |", "|---|---|---:|---:|"]
        for f in pr["top"]:
            lines.append(f"| `{f['function']}` | `{f['where']}` | {f['seconds']:.2f} | {100 * f['share']:.1f} % |")
        lines.append("")

    # Goals
    lines += ["## Goals", "", "| goal | measured | verdict |", "|---|---|---|"]
    for row in goal_rows(results, ratios):
        lines.append("| " + " | ".join(row) + " |")
    lines += ["", "![time against corpus size](bench_time.png)", ""]
    notes = HERE / "notes.md"
    if notes.exists():
        lines += [notes.read_text(encoding="utf-8").rstrip(), ""]
    lines[2:2] = _archive_section() + _kept_section(QUICK_BEGIN, QUICK_END)
    REPORT.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")
    plot(results)


def _kept_section(begin: str, end: str) -> list[str]:
    """A section another mode wrote into the page (between its markers), kept as it is."""
    old = REPORT.read_text(encoding="utf-8").splitlines() if REPORT.exists() else []
    if begin in old and end in old:
        return old[old.index(begin):old.index(end) + 1] + [""]
    return []


def _archive_section() -> list[str]:
    import archive

    return _kept_section(archive.BEGIN, archive.END)


BASELINE_NAMES = {"factcheck": "factcheck extraction", "spacy_full": "spaCy fr_core_news_sm (full pipeline)",
                  "spacy_ner": "spaCy fr_core_news_sm (NER alone)", "duckling": "Duckling (time, duration, number)"}


def baseline_ratios(b: dict) -> dict[str, float]:
    """How many times factcheck's CPU seconds each other tool takes on the same texts."""
    fc = b["tools"]["factcheck"]["cpu"]
    return {key: t["cpu"] / fc for key, t in b["tools"].items() if key != "factcheck"}


def render_quick(quick: dict) -> list[str]:
    """The per-core section: this tree against the reference commit, and against spaCy and Duckling."""
    m, pc, b = quick["machine"], quick["per_core"], quick["baselines"]
    this, ref = pc["runs"]["this"], pc["runs"]["reference"]

    def med(runs: list[dict], key: str) -> float:
        """Median CPU milliseconds an article."""
        return statistics.median(1000 * r[key] / r["articles"] for r in runs)

    def ratio(key: str) -> str:
        values = pc["ratios"][key]
        return f"{pc['median'][key]:.2f}× ({min(values):.2f}–{max(values):.2f})"

    speed_ratio = pc["median"]["extract_cpu"]
    lines = [QUICK_BEGIN, "## Extraction per core (`bench/run.py --quick`)", "",
             f"Measured {m['date']} on {m['cores']} cores ({m['cpu']}), factcheck at commit {m['commit']}"
             f"{' with uncommitted changes' if m['dirty'] else ''}; load average at the end "
             f"{' '.join(f'{x:.1f}' for x in pc['loadavg'])}. CPU seconds, which the other jobs on a shared "
             "machine distort far less than wall time.", "",
             f"**Against {pc['reference']}** (the extraction before issue 11): `pipeline.extract` of the "
             "1 000-article corpus (`--per-folder`, one process, each tree with its own shipped rules), "
             f"{pc['pairs']} pairs of fresh processes taken in turns. The ratio is this tree's CPU an article over "
             f"the reference's, pair by pair (median, range): per article, because this tree reads a story's "
             f"byte-identical copies once and {pc['reference']} read each of them.", "",
             f"| | this tree | {pc['reference']} | this / {pc['reference']} |", "|---|---:|---:|---:|",
             f"| articles read | {_size(this[0]['articles'])} | {_size(ref[0]['articles'])} | |",
             f"| extraction CPU ms an article (`pipeline.extract`: rules, reading, grammar, binding) | "
             f"{med(this, 'extract_cpu'):.2f} | {med(ref, 'extract_cpu'):.2f} | {ratio('extract_cpu')} |",
             f"| whole process CPU ms an article (imports included) | {med(this, 'process_cpu'):.2f} | "
             f"{med(ref, 'process_cpu'):.2f} | {ratio('process_cpu')} |",
             f"| articles per CPU second of extraction | {1000 / med(this, 'extract_cpu'):.0f} | "
             f"{1000 / med(ref, 'extract_cpu'):.0f} | {1 / speed_ratio:.2f}× the speed |",
             f"| facts-table rows | {_size(this[0]['rows'])} | {_size(ref[0]['rows'])} | |", ""]
    ratios = baseline_ratios(b)
    lines += [f"**Against spaCy and Duckling:** the first {b['articles']} files ({_fmt(b['mb'], 2)} MB) of the "
              "same corpus, each file read on its own so every tool reads the same texts, one process; each tool "
              "warmed up on three texts; load time apart. factcheck is timed before, between and after the "
              "others; the median run is given.", "",
              "| tool | what it reads | found | CPU s | factcheck is … faster (CPU) |", "|---|---|---:|---:|---:|"]
    for key in ("factcheck", "spacy_full", "spacy_ner", "duckling"):
        t = b["tools"].get(key)
        if t:
            runs = t.get("runs")
            each = ", ".join(f"{r['cpu']:.2f}" for r in runs or ())
            cpu = f"{t['cpu']:.2f}" + (f" ({each})" if runs else "")
            lines.append(f"| {BASELINE_NAMES[key]} | {t['note']} | {_size(t['found'])} | {cpu} | "
                         f"{'—' if key == 'factcheck' else f'{ratios[key]:.2f}×'} |")

    def verdict(ok: bool) -> str:
        return "**met**" if ok else "**missed**"

    lines += ["", "| goal | measured | verdict |", "|---|---|---|",
              f"| per-core extraction speed no lower than before issue 11 ({pc['reference']}) | CPU "
              f"{ratio('extract_cpu')} of {pc['reference']}'s | {verdict(speed_ratio <= 1.0)} |"]
    for key, goal in (("spacy_full", GOALS["spacy"]), ("duckling", GOALS["duckling"])):
        if key in ratios:
            lines.append(f"| extraction ≥ {goal:.0f}× {BASELINE_NAMES[key]} (CPU, same texts) | "
                         f"{ratios[key]:.2f}× | {verdict(ratios[key] >= goal)} |")
    return lines + ["", QUICK_END, ""]


def write_quick_section(quick: dict) -> None:
    """Put the per-core section into the page in place of the old one (after the archive section when new)."""
    import archive

    page = REPORT.read_text(encoding="utf-8").splitlines() if REPORT.exists() else ["# factcheck benchmark", ""]
    section = render_quick(quick)
    if QUICK_BEGIN in page and QUICK_END in page:
        start, stop = page.index(QUICK_BEGIN), page.index(QUICK_END) + 1
        if stop < len(page) and not page[stop]:
            stop += 1
    else:
        start = stop = page.index(archive.END) + 2 if archive.END in page else 2
    page[start:stop] = section
    REPORT.write_text("\n".join(page).rstrip() + "\n", encoding="utf-8")


def goal_rows(results: dict, ratios: dict[str, float]) -> list[list[str]]:
    rows = []

    def verdict(ok: bool | None, miss: str = "") -> str:
        return "—" if ok is None else ("**met**" if ok else f"**missed** {miss}".strip())

    for key, label in (("spacy", "spacy_full"), ("duckling", "duckling")):
        ratio = ratios.get(label)
        goal = GOALS[key]
        extra = ""
        if key == "spacy" and "spacy_ner" in ratios:
            extra = f" ({ratios['spacy_ner']:.2f}× against NER alone)"
        rows.append([f"extraction ≥ {goal:.0f}× faster than {'spaCy fr_core_news_sm' if key == 'spacy' else 'Duckling'}",
                     f"{ratio:.2f}×{extra}" if ratio else "not measured",
                     verdict(None if ratio is None else ratio >= goal,
                             f"(factcheck would need {goal / ratio:.1f}× its speed)" if ratio else "")])
    # linearity: time per article at 1 000 and at the largest size run in full, same mode
    best = None
    for mode, jobs in (("extract", 1), ("extract", 0), ("compare", 0)):
        runs = {s: r for s, r in _runs(results, mode, jobs).items() if not r.get("skipped") and not r.get("sample")}
        if 1_000 in runs and max(runs) > 1_000:
            big = max(runs)
            per = [runs[s]["wall"] / runs[s]["articles"] for s in (1_000, big)]
            best = best or (mode, jobs, big, per)
            label = f"{mode}, {runs[big]['workers']} process{'es' if runs[big]['workers'] > 1 else ''}"
            growth = per[1] / per[0]
            rows.append([f"linear: time per article 1 000 → {_size(big)} within {GOALS['linear']}× ({label})",
                         f"{1000 * per[0]:.1f} → {1000 * per[1]:.1f} ms/article ({growth:.2f}×)",
                         verdict(growth <= GOALS["linear"], f"by {growth / GOALS['linear']:.2f}×")
                         + ("" if big == 100_000 else f" (up to {_size(big)} only)")])
    c0 = _runs(results, "compare", 0).get(100_000)
    if c0 and not c0.get("skipped"):
        total = c0["wall"] + c0["renders"].get("json", 0)
        rows.append([f"compare 100 000 articles / 10 000 stories < {GOALS['compare_s']:.0f} s on {c0['workers']} cores",
                     f"{total:.0f} s", verdict(total < GOALS["compare_s"], f"by {total / GOALS['compare_s']:.1f}×")])
        rows.append([f"peak memory < {GOALS['peak_mb']:.0f} MB at 100 000 articles",
                     f"{c0['peak_mb']:.0f} MB main process (+ {c0['worker_peak_mb']:.0f} MB the largest worker)",
                     verdict(c0["peak_mb"] < GOALS["peak_mb"], f"by {c0['peak_mb'] / GOALS['peak_mb']:.1f}×")])
    else:
        rate = Plan(0, results).rate("compare", 0)
        proj = rate * 100_000 if rate else None
        rows.append([f"compare 100 000 articles < {GOALS['compare_s']:.0f} s", "not run; projection "
                     + (f"{proj:.0f} s" if proj else "—"), verdict(None)])
    cs = results.get("cold_start")
    if cs:
        rows.append([f"`factcheck compare seeds/` cold < {GOALS['cold_s']:.0f} s", f"{cs['median']:.2f} s (median)",
                     verdict(cs["median"] < GOALS["cold_s"], f"by {cs['median'] - GOALS['cold_s']:.2f} s")])
    return rows


def plot(results: dict) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 5.5), dpi=110)
    series = [("extract", 1, "extract, 1 process", "tab:blue"), ("extract", 0, "extract, all cores", "tab:cyan"),
              ("compare", 1, "compare + JSON, 1 process", "tab:red"), ("compare", 0, "compare + JSON, all cores", "tab:orange")]
    xs_all = []
    for mode, jobs, label, colour in series:
        runs = sorted(_runs(results, mode, jobs).values(), key=lambda r: r["size"])
        full = [(r["size"], r["wall"] + r.get("renders", {}).get("json", 0)) for r in runs
                if not r.get("skipped") and not r.get("sample")]
        if full:
            ax.plot(*zip(*full), "o-", color=colour, label=label)
            xs_all += [x for x, _ in full]
        projected = [(r["size"], (r["wall"] / r["articles"]) * r["size"]) for r in runs if r.get("sample")]
        projected += [(r["size"], r["projected"]) for r in runs if r.get("skipped") and r.get("projected")]
        if projected and full:
            ax.plot([full[-1][0], projected[0][0]], [full[-1][1], projected[0][1]], ":", color=colour)
            ax.plot(*zip(*projected), "o", mfc="white", color=colour, label=f"{label} (projected)")
    b = results.get("baselines")
    sizes = sorted(set(xs_all)) or results["sizes"]
    if b:
        for key, label, colour in (("spacy_full", "spaCy fr_core_news_sm (projected from sample)", "tab:green"),
                                   ("duckling", "Duckling (projected from sample)", "tab:purple")):
            t = b["tools"].get(key)
            if t:
                ax.plot(sizes, [s / t["art_s"] for s in sizes], "--", color=colour, label=label)
    ax.plot([100_000], [GOALS["compare_s"]], "*", color="black", markersize=12,
            label=f"goal: compare 100 000 articles in {GOALS['compare_s']:.0f} s")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("articles (stories of 10)")
    ax.set_ylabel("wall-clock seconds")
    ax.set_title(f"factcheck: time against corpus size ({results['machine']['cores']} cores)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(PLOT)
    plt.close(fig)


if __name__ == "__main__":
    main()
