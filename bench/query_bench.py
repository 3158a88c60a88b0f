"""Nasty queries on the BBC corpus: every one answered or refused within 2 s and 500 MB.

    python bench/query_bench.py [CORPUS] [--timeout 30] [--memory-mb 3000]

Builds the corpus's index once in a temporary data folder, then runs each query
of :data:`NASTY` (wildcards, fuzzy terms, 100 ORs, long phrases, ranges) in a
fresh process that has already opened the index and run a warm-up search, so
that the figures are the query's own: wall time, and how far the process's peak
resident memory rose above where it stood before the query. An ordinary query
("economy") runs the same way as the reference of the same run. A query that
raises a one-line error (refused) counts as answered. Each process is limited
to --memory-mb of address space and --timeout seconds, so a query that would
run away is reported rather than taking the machine down. Exit 1 if any query
is over 2 s or 500 MB, or ended in anything but an answer or a one-line error.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "bbc"
LIMIT_S = 2.0
LIMIT_MB = 500

_WORDS = (
    "economy growth market shares profit bank oil prices film music award election labour "
    "minister party government police court football match player club team england"
).split()

_LONG = "abcdefghijklmnopqrstuvwxyz"

NASTY = [
    "economy",  # the reference
    "*",
    "**",
    "?*",
    "*ing",
    "*a*",
    "a*",
    "s*",
    "e?o*",
    "abcdefghijklmnopqrstuvwxyz~9",
    "abcdefghijklmnopqrstuvwxyz~2",
    "economy~2",
    "e~2",
    "economy x~2/3",
    "economi~2/0",
    "ab~2/0",
    " OR ".join((_WORDS * 5)[:100]),
    " OR ".join((_WORDS * 8)[:200]),
    " ".join(f"{w}~2" for w in _WORDS[:8]),
    " OR ".join(_LONG[i:] + _LONG[:i] + "~2" for i in range(8)),
    " OR ".join(_LONG[i:] + _LONG[:i] + "~2" for i in range(50)),
    "a?*",
    "ec*",
    "re* OR con* OR pro*",
    "economy x~2/3 NOT y~2/3",
    " OR ".join(f"{w}*" for w in (_WORDS * 5)[:50]),
    " OR ".join(f"{w}~2" for w in (_WORDS * 5)[:50]),
    '"' + " ".join((_WORDS * 5)[:99]) + '"',
    '"the prime minister said the government would"~50',
    "body:[a TO z]",
    "title:[a TO zzzz]",
    "date:[1000 TO 2999]",
    "NOT economy",
    "person:*",
    "place:l*",
    "(a* OR b*) AND (c* OR d*)",
]

RUNNER = r"""
import json, os, resource, sys, time
sys.path.insert(0, sys.argv[1])
from tui.library import Library, QueryError
lib = Library.open(sys.argv[2])
lib.search("market", limit=20)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
query = sys.stdin.read()
started = time.perf_counter()
try:
    result = lib.search(query, limit=20)
    outcome = f"{result.total} articles"
except QueryError as exc:
    outcome = "refused: " + str(exc)
elapsed = time.perf_counter() - started
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": elapsed, "mb": (after - before) / 1024, "outcome": outcome}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--memory-mb", type=int, default=3000)
    args = parser.parse_args()
    corpus = Path(args.corpus).resolve()
    if not corpus.is_dir():
        print(f"no corpus at {corpus}", file=sys.stderr)
        return 2
    home = Path(tempfile.mkdtemp(prefix="dossier-query-bench-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOSSIER_")}
    env["DOSSIER_HOME"] = str(home)
    limit = args.memory_mb * 1024 * 1024

    def limited() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    try:
        built = subprocess.run(
            [sys.executable, "-m", "tui", "index", str(corpus), "--quiet"],
            env=env,
            cwd=REPO,
            capture_output=True,
            text=True,
        )
        if built.returncode:
            print(built.stderr, file=sys.stderr)
            return 2
        bad = 0
        print(f"{'query':<52} {'seconds':>8} {'MB':>7}  outcome")
        for query in NASTY:
            shown = query if len(query) <= 50 else query[:47] + "..."
            try:
                done = subprocess.run(
                    [sys.executable, "-c", RUNNER, str(REPO), str(corpus)],
                    input=query,
                    env=env,
                    cwd=REPO,
                    capture_output=True,
                    text=True,
                    timeout=args.timeout,
                    preexec_fn=limited,
                )
            except subprocess.TimeoutExpired:
                print(f"{shown:<52} {'>' + str(int(args.timeout)):>8} {'?':>7}  TIMED OUT")
                bad += 1
                continue
            if done.returncode:
                last = (done.stderr.strip().splitlines() or ["?"])[-1]
                print(f"{shown:<52} {'-':>8} {'-':>7}  FAILED: {last[:60]}")
                bad += 1
                continue
            fig = json.loads(done.stdout.strip().splitlines()[-1])
            over = fig["seconds"] > LIMIT_S or fig["mb"] > LIMIT_MB
            bad += over
            outcome = fig["outcome"] if len(fig["outcome"]) <= 70 else fig["outcome"][:67] + "..."
            print(
                f"{shown:<52} {fig['seconds']:>8.3f} {fig['mb']:>7.1f}  "
                f"{'OVER: ' if over else ''}{outcome}"
            )
        print(f"{len(NASTY) - bad} of {len(NASTY)} within {LIMIT_S} s and {LIMIT_MB} MB")
        return 1 if bad else 0
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
