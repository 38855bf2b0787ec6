"""What an archive run costs: cold and warm (1 % of the articles changed) runs through the facts store,
peak memory of compare and of extract writing JSON Lines and Parquet, and one flat folder of many articles.

    python bench/archive.py                       # 1 000, 10 000, 100 000 articles; flat 1 000, 2 000, 10 000
    python bench/archive.py --sizes 1000 --flat 1000 2000
    python bench/archive.py --report-only         # the Markdown section from bench/out/archive.json

Every measured command is the installed ``factcheck`` in a fresh process
(``python -m factcheck.cli``), run with ``nice``; its CPU seconds (user +
system, summed over the process and its workers) and peak memory (the largest
resident set among the process and its workers: ``ru_maxrss`` of the
children) come from ``getrusage`` after it exits, its wall time from the
clock.  Corpora come from ``bench/make_corpus.py`` (stories of ten articles).
A warm run changes 1 % of the articles (one sentence appended to every
hundredth file, spread over the stories) and runs the same command again on
the same store.  Results go to ``bench/out/archive.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
RESULTS = OUT / "archive.json"
sys.path.insert(0, str(HERE))
import make_corpus  # noqa: E402

SIZES = (1_000, 10_000, 100_000)
FLAT = (1_000, 2_000, 10_000)
CHANGED_LINE = "\nUne précision a été ajoutée à cet article après sa publication.\n"


def measure(args: list[str], label: str) -> dict:
    """One factcheck command in a fresh process: wall, CPU (process and workers), peak RSS of the largest."""
    t0 = time.perf_counter()
    # GNU time reports the command's own rusage: CPU of the process and its reaped workers, and the
    # largest resident set among them (ru_maxrss is a maximum, not a sum).
    done = subprocess.run(["/usr/bin/time", "-f", "TIME %U %S %M", "nice", "-n", "10", sys.executable, "-m",
                           "factcheck.cli", *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    timing = next(line for line in reversed(done.stderr.splitlines()) if line.startswith("TIME "))
    user, system, rss_kb = timing.split()[1:]
    store_line = next((line for line in done.stderr.splitlines() if line.startswith("store:")), None)
    result = {"label": label, "args": args, "wall": wall, "cpu": float(user) + float(system),
              "peak_mb": int(rss_kb) / 1024, "exit": done.returncode, "store": store_line,
              "loadavg": os.getloadavg()}
    print(f"  {label}: {wall:.1f} s wall, {result['cpu']:.1f} s CPU, peak {result['peak_mb']:.0f} MB, exit {done.returncode}"
          + (f"; {store_line}" if store_line else ""), flush=True)
    if done.returncode not in (0, 1):
        result["stderr"] = done.stderr[-2000:]
    return result


def change_one_percent(corpus: Path) -> int:
    files = sorted(corpus.rglob("*.txt"))
    chosen = files[::100]
    for path in chosen:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(CHANGED_LINE)
    return len(chosen)


def archive_runs(size: int, results: dict, work: Path) -> None:
    source = make_corpus.build(size)
    corpus = work / f"archive-{size}"
    if corpus.exists():
        shutil.rmtree(corpus)
    shutil.copytree(source, corpus)  # the warm run changes files: never the shared corpus
    store = work / f"store-{size}"
    shutil.rmtree(store, ignore_errors=True)
    print(f"{size} articles:", flush=True)
    common = [str(corpus), "--per-folder", "--jobs", "0", "--fail-on", "never"]
    runs = results.setdefault("archive", {}).setdefault(str(size), {})
    runs["cold"] = measure(["compare", *common, "--store", str(store), "-f", "json", "-o", str(work / "r.json")],
                           f"compare cold ({size})")
    runs["changed"] = change_one_percent(corpus)
    runs["warm"] = measure(["compare", *common, "--store", str(store), "-f", "json", "-o", str(work / "r.json")],
                           f"compare warm, 1 % changed ({size})")
    save(results)
    runs["warm_unchanged"] = measure(["compare", *common, "--store", str(store), "-f", "json", "-o",
                                      str(work / "r.json")], f"compare warm, nothing changed ({size})")
    save(results)
    runs["extract_jsonl_store"] = measure(
        ["extract", *common[:-2], "--store", str(store), "-f", "jsonl", "-o", str(work / "facts.jsonl")],
        f"extract jsonl from the store ({size})")
    if size <= 10_000:
        runs["extract_jsonl"] = measure(["extract", *common[:-2], "-f", "jsonl", "-o", str(work / "facts.jsonl")],
                                        f"extract jsonl, no store ({size})")
        fresh = work / f"store-parquet-{size}"
        shutil.rmtree(fresh, ignore_errors=True)
        runs["extract_parquet"] = measure(["extract", *common[:-2], "--store", str(fresh), "-f", "parquet"],
                                          f"extract parquet, cold ({size})")
        shutil.rmtree(fresh, ignore_errors=True)
    (work / "facts.jsonl").unlink(missing_ok=True)
    save(results)
    shutil.rmtree(corpus)


def flat_runs(size: int, results: dict, work: Path) -> None:
    """``size`` articles in one folder, compared as one story (no --per-folder)."""
    source = make_corpus.build(max(size, 10_000) if size > 1_000 else 1_000)
    flat = work / f"flat-{size}"
    shutil.rmtree(flat, ignore_errors=True)
    flat.mkdir(parents=True)
    for path in sorted(source.rglob("*.txt"))[:size]:
        shutil.copy(path, flat / path.name)
    print(f"flat folder of {size}:", flush=True)
    results.setdefault("flat", {})[str(size)] = measure(
        ["compare", str(flat), "--jobs", "0", "--fail-on", "never", "-q", "-f", "json", "-o", str(work / "f.json")],
        f"compare flat ({size})")
    save(results)
    shutil.rmtree(flat)


def save(results: dict) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="*", type=int, default=list(SIZES))
    parser.add_argument("--flat", nargs="*", type=int, default=list(FLAT))
    parser.add_argument("--work", type=Path, default=OUT / "archive-work")
    args = parser.parse_args(argv)
    results = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    results["started"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    results["cores"] = len(os.sched_getaffinity(0))
    results["commit"] = subprocess.run(["git", "-C", str(HERE.parent), "rev-parse", "--short", "HEAD"],
                                       capture_output=True, text=True).stdout.strip() or None
    args.work.mkdir(parents=True, exist_ok=True)
    for size in sorted(args.sizes, reverse=True):  # the largest, the goals' size, first
        archive_runs(size, results, args.work)
    for size in args.flat:
        flat_runs(size, results, args.work)
    results["finished"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    save(results)


if __name__ == "__main__":
    main()
