"""Index benchmark on the BBC corpus (run by hand; prints figures).

    python bench/index_bench.py [CORPUS] [--workers N] [--no-reference]

Measures: a full build (docs/s), re-opening the unchanged corpus, search with
snippets over a fixed list of queries (p50/p95), and peak memory. As a reference
measured in the same run, it also builds a plain Whoosh index with the library's
defaults (one process, title/body stemmed, path unique) over the same files.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tui.library import Library  # noqa: E402

QUERIES = [
    "economy",
    "prime minister",
    '"prime minister"',
    "election labour",
    "blair OR brown",
    "oil prices",
    "film award",
    "chelsea",
    "mobile phone",
    "broadband",
    "music industry",
    "tax NOT income",
    "econom*",
    "govern*",
    "champions league",
    "oscar",
    "microsoft",
    "interest rates",
    '"interest rates" rise',
    "title:profit",
    "growth forecast",
    "iraq war",
    "security software",
    "virus",
    "tennis open",
    "rugby wales",
    "band album",
    "shares fell",
    'person:"tony blair"',
    "place:london",
]


def peak_mb() -> tuple[float, float]:
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return me, kids


def reference_build(corpus: Path, target: Path) -> float:
    from whoosh import index
    from whoosh.analysis import StemmingAnalyzer
    from whoosh.fields import ID, TEXT, Schema

    from tui.articles import iter_article_files, read_text

    schema = Schema(
        path=ID(stored=True, unique=True),
        title=TEXT(stored=True, analyzer=StemmingAnalyzer()),
        body=TEXT(stored=True, analyzer=StemmingAnalyzer()),
    )
    started = time.perf_counter()
    ix = index.create_in(str(target), schema)
    w = ix.writer()
    for path in iter_article_files(corpus):
        try:
            text = read_text(path)
        except Exception:  # noqa: BLE001
            continue
        title, _, body = text.partition("\n")
        w.add_document(path=str(path), title=title, body=body)
    w.commit()
    return time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(REPO.parent / "shared/corpora/bbc"))
    ap.add_argument("--workers", type=int, default=0, help="0 = one per core")
    ap.add_argument("--no-reference", action="store_true")
    ap.add_argument("--rounds", type=int, default=5, help="search rounds over the query list")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    tmp = Path(tempfile.mkdtemp(prefix="dossier-bench-"))
    os.environ["DOSSIER_HOME"] = str(tmp / "home")
    try:
        workers = args.workers or os.cpu_count() or 1
        lib = Library.open(corpus)
        started = time.perf_counter()
        report = lib.update_index(workers=workers)
        build = time.perf_counter() - started
        n = lib.index.doc_count()
        print(f"corpus: {corpus} ({n} articles), workers: {workers}")
        print(
            f"full build:        {build:6.2f} s   {n / build:6.0f} docs/s   (added {report.added})"
        )

        times = []
        for _ in range(3):
            started = time.perf_counter()
            again = Library.open(corpus)
            again.scan()
            rep = again.update_index()
            times.append(time.perf_counter() - started)
            assert rep.touched == 0, rep
        print(f"re-open unchanged: {min(times) * 1000:6.0f} ms  (scan + update check, best of 3)")

        lat = []
        for q in QUERIES:  # warm the searcher
            again.search(q, limit=20)
        for _ in range(args.rounds):
            for q in QUERIES:
                started = time.perf_counter()
                again.search(q, limit=20)
                lat.append((time.perf_counter() - started) * 1000)
        lat.sort()
        p95 = lat[int(len(lat) * 0.95) - 1]
        print(
            f"search, top 20 with snippets and match offsets: p50 {statistics.median(lat):5.1f} ms"
            f"   p95 {p95:5.1f} ms   ({len(lat)} searches)"
        )
        size = sum(f.stat().st_size for f in lib.index.path.iterdir() if f.is_file())
        print(f"index size:        {size / 1e6:6.1f} MB on disk")
        me, kids = peak_mb()
        print(f"peak memory:       {me:6.0f} MB (this process), {kids:.0f} MB (largest worker)")
        if not args.no_reference:
            ref = tmp / "reference"
            ref.mkdir()
            seconds = reference_build(corpus, ref)
            print(
                f"reference: plain Whoosh, one process, default writer: {seconds:6.2f} s "
                f"({n / seconds:.0f} docs/s); Dossier's build was {seconds / build:.2f}x as fast"
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
