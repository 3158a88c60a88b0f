"""Facets, timeline and saved searches at scale (run by hand; prints figures).

    python bench/search_bench.py [--articles 50000] [--keep DIR] [--rounds 5]

Makes a corpus of ``--articles`` text files from ``../shared/corpora/bbc`` in a
temporary folder (each a BBC article with its paragraphs shuffled, a few words
changed, and a dateline naming one of a dozen outlets and a day over three
years), builds its index, then times on a warm library, as the app calls them:

* facet counts (sources, months, people, places, organisations, languages) over
  the whole corpus and over the matches of a few queries;
* the timeline of the corpus, of a search and of an entity;
* the count and the "new since opened" of saved searches;
* the top 20 of a few searches with snippets (``--compare``: beside Whoosh's
  collector scoring every match, the path of :mod:`tui.index.ranking` turned off);
* the first facet call after opening (it reads every document's facet record).

Targets (issue 14): facets and saved-search counts at most 100 ms, the timeline
at most 200 ms, at 50,000 articles. ``--keep DIR`` builds there once and reuses
it on later runs. ``--compare`` times each row twice in the same run, alternating:
with the matches read from the posting blocks (:mod:`tui.index.matching`, what the
library does) and through Whoosh's ``docs_for_query`` (the reference); searches
ranked in bulk (:mod:`tui.index.ranking`) and by Whoosh's collector. The load
average is printed: figures on a busy machine are high.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

OUTLETS = [
    "Reuters", "AFP", "BBC News", "The Guardian", "Al Jazeera", "Associated Press",
    "Deutsche Welle", "Le Monde", "El País", "NHK World", "Bloomberg", "Financial Times",
]  # fmt: skip
WRITERS = ["Jane Smith", "Omar Haddad", "Lena Vogel", "Pierre Martin", "Ana Souza", "Ken Sato"]
MONTHS = "January February March April May June July August September October November December"

FACET_QUERIES = ["economy", "film award", "blair OR brown", '"prime minister"', "said"]
TIMELINE_QUERIES = [None, "election labour", 'person:"tony blair"']
#: Searches ranked with their snippets (``--compare``: beside Whoosh's collector
#: scoring every match, tui.index.ranking turned off).
SEARCHES = ["economy", '"prime minister"', "film award", "govern*", "tax NOT income", "said"]
SAVED = {
    "Economy": "economy growth",
    "Blair": 'person:"tony blair"',
    "Tech": "broadband OR mobile",
    "Oscars": "oscar film",
    "Everything said": "said",
}


def make_corpus(source: Path, target: Path, count: int, seed: int = 14) -> None:
    """``count`` articles made from the BBC corpus: shuffled, altered, dated, attributed."""
    rng = random.Random(seed)
    files = sorted(p for p in source.rglob("*.txt") if p.name != "README.TXT")
    texts = []
    for path in files:
        raw = path.read_bytes().decode("utf-8", "replace")
        title, _, body = raw.partition("\n")
        paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
        texts.append((path.parent.name, title.strip(), paragraphs))
    vocabulary = [w for _, t, _ in texts[:300] for w in t.split() if w.isalpha()]
    months = MONTHS.split()
    start = date(2014, 1, 1)
    for n in range(count):
        topic, title, paragraphs = texts[n % len(texts)]
        paragraphs = paragraphs[:]
        rng.shuffle(paragraphs)
        words = paragraphs[0].split() if paragraphs else []
        for _ in range(min(3, len(words))):
            words[rng.randrange(len(words))] = rng.choice(vocabulary)
        if paragraphs:
            paragraphs[0] = " ".join(words)
        day = start + timedelta(days=int(rng.triangular(0, 3 * 365, 2 * 365)))
        dateline = (
            f"By {rng.choice(WRITERS)}, {rng.choice(OUTLETS)} | "
            f"{day.day} {months[day.month - 1]} {day.year}"
        )
        folder = target / topic
        folder.mkdir(parents=True, exist_ok=True)
        text = f"{title}\n\n{dateline}\n\n" + "\n\n".join(paragraphs) + "\n"
        (folder / f"{n:05d}.txt").write_text(text, encoding="utf-8")


def summary(times: list[float]) -> tuple[float, float, float]:
    """(median, 95th percentile, worst) of ``times``."""
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95, ordered[-1]


def timed(
    fn: Callable[[], object], rounds: int, compare: bool, flag: str = "matching"
) -> tuple[float, ...]:
    """(median, p95, worst) milliseconds of ``fn`` over ``rounds`` calls; with
    ``compare``, the same for the reference path after them, the two alternating
    (``flag``: the module of tui.index whose ENABLED is turned off for it)."""
    import importlib

    module = importlib.import_module(f"tui.index.{flag}")
    times: dict[bool, list[float]] = {True: [], False: []}
    for n in range(rounds):
        for fast in ((True, False) if n % 2 == 0 else (False, True)) if compare else (True,):
            module.ENABLED = fast
            try:
                started = time.perf_counter()
                fn()
                times[fast].append((time.perf_counter() - started) * 1000)
            finally:
                module.ENABLED = True
    if not compare:
        return summary(times[True])
    return (*summary(times[True]), *summary(times[False]))


def first_facets(lib: Any, rounds: int) -> str:
    """The first facet count of a new table (p50, max), from the facet files beside
    the segments and, alternating, from the facet records (as for a segment without
    its file)."""
    from tui.index import facet_cache

    read = facet_cache._facets_of
    times: dict[bool, list[float]] = {True: [], False: []}
    try:
        for n in range(rounds):
            for files in (True, False) if n % 2 == 0 else (False, True):
                facet_cache._facets_of = read if files else lambda r, _folder: read(r, None)  # type: ignore[assignment]
                lib.index.counts.forget()
                started = time.perf_counter()
                lib.facets()
                times[files].append((time.perf_counter() - started) * 1000)
    finally:
        facet_cache._facets_of = read
    with_files, records = summary(times[True]), summary(times[False])
    return (
        f"from the files p50 {with_files[0]:.0f} max {with_files[2]:.0f} ms | "
        f"from the records p50 {records[0]:.0f} max {records[2]:.0f} ms"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=50_000)
    ap.add_argument("--source", default=str(REPO.parent / "shared/corpora/bbc"))
    ap.add_argument("--keep", metavar="DIR", help="build in DIR once; reuse it later")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--workers", type=int, default=0, help="0 = one per core")
    ap.add_argument(
        "--compare", action="store_true", help="time Whoosh's docs_for_query as the reference too"
    )
    args = ap.parse_args()
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="dossier-search-"))
    os.environ["DOSSIER_HOME"] = str(base / "home")
    corpus = base / f"corpus-{args.articles}"
    from tui.library import Library

    try:
        print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} (2 cores here)")
        if not corpus.exists():
            started = time.perf_counter()
            make_corpus(Path(args.source), corpus, args.articles)
            print(f"made {args.articles:,} articles in {time.perf_counter() - started:.0f} s")
        lib = Library.open(corpus)
        started = time.perf_counter()
        report = lib.update_index(workers=args.workers or os.cpu_count() or 1)
        print(
            f"index: {lib.index.doc_count():,} articles "
            f"({report.added:,} added, {time.perf_counter() - started:.0f} s)"
        )

        lib = Library.open(corpus)  # as a new process finds it
        lib.update_index()
        started = time.perf_counter()
        lib.facets()
        first = (time.perf_counter() - started) * 1000
        print(f"first facets after opening (reads the facet files): {first:7.0f} ms")
        lib.search("economy", limit=20)  # warm the searcher and the parser
        rows: list[tuple[Any, ...]] = []
        rounds, compare = args.rounds, args.compare
        if compare:
            print(f"the first facets again, {rounds} times: {first_facets(lib, rounds)}")
        rows.append(("facets, whole corpus", *timed(lambda: lib.facets(), rounds, compare)))
        for q in FACET_QUERIES:
            total = lib.count(q)
            rows.append(
                (f"facets, {q} ({total:,})", *timed(lambda q=q: lib.facets(q), rounds, compare))
            )
        for q in TIMELINE_QUERIES:
            what = q or "whole corpus"
            line = lib.timeline(q)
            label = f"timeline, {what} ({line.scale}, {len(line.buckets)} bars)"
            rows.append((label, *timed(lambda q=q: lib.timeline(q), rounds, compare)))
        for name, query in SAVED.items():
            lib.save_search(name, query)
        saved = lib.saved_searches()
        for s in saved:
            status = lib.saved_search_status(s)
            rows.append(
                (
                    f"saved search count+new, {s.name} ({status.count:,})",
                    *timed(lambda s=s: lib.saved_search_status(s), rounds, compare),
                )
            )
        rows.append(
            (
                "all saved searches listed",
                *timed(lambda: [lib.saved_search_status(s) for s in saved], rounds, compare),
            )
        )
        for q in SEARCHES:
            total = lib.search(q, limit=1).total
            rows.append(
                (
                    f"search top 20 + snippets, {q} ({total:,})",
                    *timed(lambda q=q: lib.search(q, limit=20), rounds, compare, "ranking"),
                )
            )
        width = max(len(r[0]) for r in rows)
        head = "   p50     p95     max"
        ref = f"  | Whoosh's docs_for_query / collector: {head}" if compare else ""
        print(f"{'':{width}}  {head}{ref}  (ms, {rounds} rounds)")
        for label, *figures in rows:
            line = "  ".join(f"{x:6.1f}" for x in figures[:3])
            if len(figures) > 3:
                rest = "  ".join(f"{x:6.1f}" for x in figures[3:])
                line += f"  |{' ' * 39}{rest}"
            print(f"{label:{width}}  {line}")
        print(f"load average now: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
