"""Time and memory stay linear in an article's size: 1, 10 and 100 repetitions of a dense paragraph.

Also the shapes that once went quadratic: one sentence of 'à 15h ' repeated,
a run of spaces, one figure mentioned thousands of times.  Each case runs in
a fresh process (peak memory is the process's own), timed in CPU seconds;
the ratio column divides by the 1x figure of the same series.

    python bench/hostile_linear.py            # prints a Markdown table
    python bench/hostile_linear.py --quick    # 1x and 10x only

Not a test: the figures go into the notes, side by side in one run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PARAGRAPH = (
    "Selon la Maison Blanche, l'entretien entre Joe Biden et Vladimir Poutine a commencé à 15h35 (20h35 GMT) "
    "et a duré 50 minutes, un peu plus que les 45 minutes annoncées ; le Kremlin parle d'une cinquantaine de "
    "minutes. Le 30 décembre 2021, près de 100 000 soldats russes étaient massés à la frontière, selon "
    "Washington, contre 80 000 selon Kiev. Les négociations reprendront à Genève le 10 janvier, a déclaré "
    "le porte-parole, et 3 000 observateurs, soit 12 % de plus, y assisteront.\n"
)
SERIES = {
    "dense paragraph": lambda n: PARAGRAPH * n,
    "one sentence of 'à 15h '": lambda n: "L'appel a eu lieu " + "à 15h " * (160 * n) + ".\n",
    "run of spaces": lambda n: "L'appel " + " " * (30_000 * n) + "a duré 50 minutes.\n",
    "one figure, many mentions": lambda n: "L'appel a duré 50 minutes. " * (180 * n) + "\n",
}

_CHILD = r"""
import json, resource, sys, time
from factcheck.pipeline import compare
from factcheck.rules import load_rules
ruleset = load_rules([sys.argv[2]])  # the fixed cost of a run, outside the figure
started = time.process_time()
result = compare([sys.argv[1]], ruleset=ruleset)
spent = time.process_time() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"cpu": spent, "peak_mb": peak, "rows": len(result.extraction.rows)}))
"""


def measure(text: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "a.txt")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        env = dict(os.environ, PYTHONPATH=ROOT)
        done = subprocess.run([sys.executable, "-c", _CHILD, path, os.path.join(ROOT, "rules")],
                              capture_output=True, text=True, env=env, check=True)
        return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    sizes = (1, 10) if args.quick else (1, 10, 100)
    print("| series | x | bytes | rows | CPU s | CPU ratio | peak MB |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, make in SERIES.items():
        base = None
        for n in sizes:
            text = make(n)
            got = measure(text)
            base = base or max(got["cpu"], 1e-3)
            print(f"| {name} | {n} | {len(text.encode()):,} | {got['rows']:,} | {got['cpu']:.2f} | "
                  f"{got['cpu'] / base:.1f} | {got['peak_mb']:.0f} |", flush=True)


if __name__ == "__main__":
    main()
