"""Time entity extraction over the BBC corpus (single process, one cold pass).

Usage: python bench/entities_speed.py [--rounds N] [CORPUS_DIR]
(default corpus: ../shared/corpora/bbc)

Indexing extracts each article once, so each round is one pass over the corpus
in a fresh interpreter (no warm caches from an earlier pass). The machine may be
busy: each round also times a plain ``re.findall(r"\\w+")`` over the same texts
as a reference, and the best of the rounds is reported with the ratio.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

from bbc import BBC as DEFAULT
from bbc import REPO, read_text


def one_round(root: Path) -> dict[str, float]:
    sys.path.insert(0, str(REPO))
    from tui.entities import Recognizer

    texts = [read_text(p) for p in sorted(root.glob("*/*.txt"))]
    if not texts:
        raise SystemExit(f"no articles under {root}")
    word = re.compile(r"\w+")
    t0, c0 = time.perf_counter(), time.process_time()
    for t in texts:
        word.findall(t)
    ref, ref_cpu = time.perf_counter() - t0, time.process_time() - c0
    t0 = time.perf_counter()
    recognizer = Recognizer()
    recognizer.extract("Warm up: Sergei Lavrov met John Kerry in Geneva.")
    load = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), time.process_time()
    mentions = sum(len(recognizer.extract(t)) for t in texts)
    extract, extract_cpu = time.perf_counter() - t0, time.process_time() - c0
    # As the index build runs it: the corpus split between one process per core,
    # started by fork after the lexicons are loaded (fresh caches in each).
    import multiprocessing as mp
    import os

    cores = os.cpu_count() or 1
    fresh = Recognizer()
    fresh.extract("Warm up: Sergei Lavrov met John Kerry in Geneva.")
    global _TEXTS, _RECOGNIZER
    _TEXTS, _RECOGNIZER = texts, fresh
    t0 = time.perf_counter()
    with mp.get_context("fork").Pool(cores) as pool:
        split = sum(pool.map(_count, range(cores), chunksize=1))
    parallel = time.perf_counter() - t0
    assert split == mentions, (split, mentions)
    return {
        "docs": len(texts),
        "chars": sum(len(t) for t in texts),
        "mentions": mentions,
        "load": load,
        "ref": ref,
        "extract": extract,
        "ref_cpu": ref_cpu,
        "extract_cpu": extract_cpu,
        "parallel": parallel,
        "cores": cores,
    }


_TEXTS: list[str] = []
_RECOGNIZER = None


def _count(part: int) -> int:
    import os

    cores = os.cpu_count() or 1
    return sum(len(_RECOGNIZER.extract(t)) for t in _TEXTS[part::cores])  # type: ignore[union-attr]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Time entity extraction over a corpus of .txt articles (one folder a "
        "topic), each round a cold pass in a fresh interpreter, beside re.findall."
    )
    parser.add_argument(
        "corpus", nargs="?", type=Path, default=DEFAULT, help=f"corpus folder (default {DEFAULT})"
    )
    parser.add_argument("--rounds", type=int, default=3, help="rounds (default 3); best reported")
    # One round, in the fresh interpreter each round runs in: prints its figures as JSON.
    parser.add_argument("--once", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    if not args.corpus.is_dir():
        parser.error(f"no such folder: {args.corpus}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.once:
        print(json.dumps(one_round(args.corpus)))
        return 0
    rounds, root = args.rounds, args.corpus
    results = []
    for _ in range(rounds):
        out = subprocess.run(
            [sys.executable, __file__, "--once", str(root)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        results.append(json.loads(out))
    r = results[0]
    ref = min(x["ref"] for x in results)
    extract = min(x["extract"] for x in results)
    print(f"{r['docs']} docs, {r['chars'] / 1e6:.1f} M chars, {r['mentions']} mentions")
    print(f"load lexicons: {min(x['load'] for x in results):.2f} s")
    print(f"reference re.findall(r'\\w+'): {ref:.2f} s (best of {rounds} rounds)")
    print(
        f"extract: {extract:.2f} s total, {r['docs'] / extract:.0f} docs/s, "
        f"{extract / ref:.1f}x the reference; "
        "per round: " + ", ".join(f"{x['extract']:.2f}" for x in results)
    )
    ref_cpu = min(x["ref_cpu"] for x in results)
    extract_cpu = min(x["extract_cpu"] for x in results)
    print(
        f"CPU time: extract {extract_cpu:.2f} s, reference {ref_cpu:.2f} s, "
        f"{extract_cpu / ref_cpu:.1f}x"
    )
    parallel = min(x["parallel"] for x in results)
    print(
        f"on all {r['cores']} cores, as indexing runs it (fork, corpus split): "
        f"{parallel:.2f} s wall, {parallel / ref:.1f}x the reference"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
