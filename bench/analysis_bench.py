"""What the news-text analysis (issue 14) costs: index size and query latency on BBC,
against the code before it, in the same run.

    git archive b296aa7 | tar -x -C /tmp/dossier-ref     # main before the analysis change
    python bench/analysis_bench.py --reference /tmp/dossier-ref [--rounds 5]

Each side runs in a process of its own, its code first on ``sys.path``, with a data
folder of its own: it builds the BBC corpus's index (``../shared/corpora/bbc``), then
times searches as the app and ``dossier search`` run them (top 20 with snippets) on a
warm library: single words, two words, phrases with common words, fields, acronyms.
Printed: the index's size (its terms and postings, where indexing every word shows; all
its Whoosh files; the whole folder with the data kept beside it) and p50 / p95 of the
searches, for both sides and their ratio. Targets: p95 with snippets at most 15 ms, and
index growth from indexing every word at most 20%.
The load average is printed: on a busy machine the latencies are high for both sides
alike, which is why they run in the same invocation.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "bbc"

QUERIES = [
    "economy", "growth", "shares", "election", "film", "football", "minister", "oil",
    "economy growth", "film award", "labour party", "interest rates", "mobile phone",
    '"prime minister"', '"chancellor gordon brown"', '"the bank of england"',
    '"world cup"', '"one of the"', "title:oscar", "source:business",
    "blair OR brown", "music NOT rock", "profit*", "US", "UK economy", "EU",
    "said", "would", "government plans", "record profits",
]  # fmt: skip

CHILD = r"""
import json, os, statistics, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from tui.library import Library
corpus, rounds, queries = Path(sys.argv[2]), int(sys.argv[3]), json.loads(sys.argv[4])
lib = Library.open(corpus)
started = time.perf_counter()
lib.update_index(workers=2)
build = time.perf_counter() - started
folder = lib.index.path
files = [p for p in folder.iterdir() if p.is_file()]
whoosh = sum(p.stat().st_size for p in files if p.name.startswith(("MAIN_", "_MAIN_")))
postings = sum(p.stat().st_size for p in files if p.suffix in (".pst", ".trm"))
total = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
lib.search("economy", limit=20)
times, per = [], {}
for q in queries:
    try:
        lib.search(q, limit=20)
    except Exception as exc:
        per[q] = f"error: {exc}"
        continue
    mine = []
    for _ in range(rounds):
        t = time.perf_counter()
        result = lib.search(q, limit=20)
        mine.append((time.perf_counter() - t) * 1000)
    times += mine
    per[q] = [round(statistics.median(mine), 2), result.total]
times.sort()
print(json.dumps({
    "build_s": round(build, 1), "whoosh_bytes": whoosh, "folder_bytes": total,
    "postings_bytes": postings,
    "p50": statistics.median(times), "p95": times[int(len(times) * 0.95) - 1],
    "docs": lib.index.doc_count(), "per_query": per,
    "code": str(Path(__import__("tui").__file__).parent),
}))
"""


def run_side(code: Path, corpus: Path, rounds: int, home: Path) -> dict:
    env = {**os.environ, "DOSSIER_HOME": str(home), "PYTHONPATH": str(code)}
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(code), str(corpus), str(rounds), json.dumps(QUERIES)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        raise SystemExit(f"{code}: failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reference", required=True, help="a copy of the code before the change")
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        raise SystemExit(f"no corpus at {corpus}")
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} (2 cores here)")
    with tempfile.TemporaryDirectory(prefix="dossier-analysis-") as tmp:
        sides = {
            "before": run_side(Path(args.reference), corpus, args.rounds, Path(tmp) / "ref"),
            "now": run_side(REPO, corpus, args.rounds, Path(tmp) / "now"),
        }
    b, n = sides["before"], sides["now"]
    print(f"code: before {b['code']}, now {n['code']}")
    print(f"{'':24}{'before':>12}{'now':>12}{'ratio':>8}")
    for key, label, fmt in (
        ("docs", "articles", "{:,.0f}"),
        ("build_s", "build (s)", "{:.1f}"),
        ("postings_bytes", "terms + postings (B)", "{:,.0f}"),
        ("whoosh_bytes", "index, Whoosh files (B)", "{:,.0f}"),
        ("folder_bytes", "index folder (B)", "{:,.0f}"),
        ("p50", "search p50 (ms)", "{:.2f}"),
        ("p95", "search p95 (ms)", "{:.2f}"),
    ):
        ratio = n[key] / b[key] if b[key] else float("nan")
        print(f"{label:24}{fmt.format(b[key]):>12}{fmt.format(n[key]):>12}{ratio:8.2f}")
    print("per query, median ms [matches] before -> now:")
    for q in QUERIES:
        print(f"  {q:28} {b['per_query'].get(q)!s:>22} -> {n['per_query'].get(q)!s}")
    print(f"load average now: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
