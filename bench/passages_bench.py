"""Shared passages and co-occurrence: quality, lookup speed, and what they cost the index.

    python bench/passages_bench.py [--articles 50000] [--only build,lookup,quality,bbc]

Run by hand; prints figures. In one run:

* **build**: makes a corpus of ``--articles`` files from the BBC corpus in a temp
  folder (each a BBC article with its paragraphs shuffled and a few words changed),
  builds the index twice, without the passage and entity files beside the segments
  and with them (the same code; ``tui.index.sidecar.ENABLED``), in alternating order
  when ``--repeat`` > 1, and prints the build time and index size of each and the
  growth. Targets: build time +15% at most, index size +25% at most.
* **lookup**: on the index with passages, the shared passages of one sentence
  (``w`` in the app) for 200 sentences, of whole articles (the reader's marks) for 50,
  and co-occurrence for 100 entities (the 20 most frequent and 80 others): p50, p95,
  max. Targets at 50k: sentence lookup <= 50 ms, co-occurrence <= 100 ms.
* **quality**: precision and recall on a synthetic corpus of reused, edited quotes
  (tests/quotes_corpus.py): target >= 95% each.
* **bbc**: on the BBC corpus itself, the articles that appear twice (same title and
  opening) are the same-story pairs; how many of them the passages find.
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
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bbc import bbc_articles  # noqa: E402

from tests.quotes_corpus import make_quotes_corpus, score  # noqa: E402
from tui.index import sidecar  # noqa: E402
from tui.library import Library  # noqa: E402

BBC = REPO.parent / "shared" / "corpora" / "bbc"
SWAPS = ["said", "told", "added", "noted", "claimed", "stated", "argued", "explained"]


def load_bbc() -> list[tuple[str, str, list[str]]]:
    return [(path.relative_to(BBC).as_posix(), t, p) for path, t, p in bbc_articles(BBC)]


def make_corpus(folder: Path, count: int, seed: int = 1) -> None:
    """``count`` articles: BBC articles with shuffled paragraphs and a few words changed."""
    rng = random.Random(seed)
    articles = load_bbc()
    for n in range(count):
        _, title, paragraphs = articles[n % len(articles)]
        paragraphs = list(paragraphs)
        if n >= len(articles):
            rng.shuffle(paragraphs)
            for _ in range(3):
                i = rng.randrange(len(paragraphs))
                words = paragraphs[i].split()
                if words:
                    words[rng.randrange(len(words))] = rng.choice(SWAPS)
                    paragraphs[i] = " ".join(words)
        sub = folder / f"{n // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{n:06d}.txt").write_text(title + "\n\n" + "\n\n".join(paragraphs) + "\n")


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def sidecar_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.iterdir() if f.suffix in sidecar.EXTS)


def build(corpus: Path, data: Path, with_passages: bool) -> tuple[float, int, int]:
    """(seconds, index bytes, of which passage and entity files) of a full build."""
    shutil.rmtree(data, ignore_errors=True)
    sidecar.ENABLED = with_passages
    lib = Library.open(corpus, data_dir=data)
    started = time.perf_counter()
    lib.update_index()
    took = time.perf_counter() - started
    lib.close()
    sidecar.ENABLED = True
    return took, folder_size(lib.paths.index), sidecar_size(lib.paths.index)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def line(name: str, values: list[float], unit: str = "ms") -> str:
    return (
        f"  {name:<34} p50 {pct(values, 0.5):7.1f} {unit}   p95 {pct(values, 0.95):7.1f} {unit}"
        f"   max {max(values):7.1f} {unit}   (n={len(values)})"
    )


def bench_build(corpus: Path, tmp: Path, repeat: int) -> Path:
    runs: dict[bool, list[tuple[float, int, int]]] = {False: [], True: []}
    order = [False, True]
    for r in range(repeat):
        for with_passages in order if r % 2 == 0 else order[::-1]:
            data = tmp / ("with" if with_passages else "without")
            runs[with_passages].append(build(corpus, data, with_passages))
            took, size, side = runs[with_passages][-1]
            kind = "with passages" if with_passages else "without"
            print(f"  build {kind:<14} {took:7.1f} s   index {size / 1e6:7.1f} MB", flush=True)
    base_t = statistics.median(t for t, _, _ in runs[False])
    with_t = statistics.median(t for t, _, _ in runs[True])
    base_s = runs[False][-1][1]
    with_s, side = runs[True][-1][1], runs[True][-1][2]
    print(
        f"  build time: {base_t:.1f} s -> {with_t:.1f} s  ({100 * (with_t / base_t - 1):+.1f}%,"
        " target <= +15%)"
    )
    print(
        f"  index size: {base_s / 1e6:.1f} MB -> {with_s / 1e6:.1f} MB"
        f" ({100 * (with_s / base_s - 1):+.1f}%, target <= +25%);"
        f" passage and entity files {side / 1e6:.1f} MB"
    )
    shutil.rmtree(tmp / "without", ignore_errors=True)
    if not runs[True]:
        build(corpus, tmp / "with", True)
    return tmp / "with"


def bench_lookup(corpus: Path, data: Path) -> None:
    from tui.text import sentence_spans

    lib = Library.open(corpus, data_dir=data)
    lib.update_index()
    rng = random.Random(3)
    articles = lib.articles()
    picks = rng.sample(articles, min(200, len(articles)))
    lib.passages(picks[0].id)  # warm: searcher, sidecars mapped
    sentence_ms, found = [], 0
    for a in picks:
        body = lib.article(a.id).body
        spans = [s for s in sentence_spans(body) if len(body[s[0] : s[1]].split()) >= 8]
        if not spans:
            continue
        s, e = rng.choice(spans)
        started = time.perf_counter()
        result = lib.passages(a.id, s, e)
        sentence_ms.append(1000 * (time.perf_counter() - started))
        found += bool(result)
    print(line("passages of one sentence (w)", sentence_ms))
    print(f"  {'':<34} {found}/{len(sentence_ms)} sentences found elsewhere")
    whole_ms = []
    for a in picks[:50]:
        started = time.perf_counter()
        lib.passages(a.id)
        whole_ms.append(1000 * (time.perf_counter() - started))
    print(line("passages of a whole article", whole_ms))
    started = time.perf_counter()
    top = lib.reused_passages(20)
    took = time.perf_counter() - started
    print(f"  most reused passages (--top 20)    {took:7.2f} s  ({len(top)})")

    facets = lib.index.sidecars()
    from tui.index.cooccurrence import entity_names

    known = sorted(entity_names(facets).items(), key=lambda kv: -kv[1][2])
    others = rng.sample(known[20:], min(80, len(known) - 20))
    chosen = [k for k, _ in known[:20]] + [k for k, _ in others]
    lib.together(chosen[0])
    co_ms = []
    for ent_id in chosen:
        started = time.perf_counter()
        lib.together(ent_id, limit=50)
        co_ms.append(1000 * (time.perf_counter() - started))
    print(line("co-occurrence of one entity", co_ms))
    top_ms = co_ms[:20]
    name, articles = known[0][1][1], known[0][1][2]
    print(f"  {'':<34} the 20 most frequent: max {max(top_ms):.1f} ms", end="")
    print(f" (the most: {name}, {articles} articles)")


def bench_quality(tmp: Path) -> None:
    figures = []
    for seed in (1, 2, 3):
        folder = tmp / f"quotes-{seed}"
        corpus = make_quotes_corpus(folder, articles=300, quotes=120, seed=seed)
        lib = Library.open(folder, data_dir=tmp / f"quotes-data-{seed}")
        lib.update_index()
        found = {}
        for a in lib.articles():
            found[a.path] = [
                (p.start, p.end, c.path, c.start, c.end)
                for p in lib.passages(a.id)
                for c in p.also_in
            ]
        figures.append(score(corpus, found))
        f = figures[-1]
        print(
            f"  quotes corpus seed {seed}: precision {f['precision']:.3f}  recall {f['recall']:.3f}"
            f"  ({int(f['predicted'])} links found, {int(f['true'])} true)"
        )
    p = statistics.mean(f["precision"] for f in figures)
    r = statistics.mean(f["recall"] for f in figures)
    print(f"  mean: precision {p:.3f}  recall {r:.3f}  (target >= 0.95 each)")


def bench_bbc(tmp: Path) -> None:
    articles = load_bbc()
    by_text: dict[tuple[str, str], list[str]] = {}
    for path, title, paragraphs in articles:
        by_text.setdefault((title, paragraphs[0] if paragraphs else ""), []).append(path)
    pairs = [(a, b) for paths in by_text.values() for a in paths for b in paths if a < b]
    lib = Library.open(BBC, data_dir=tmp / "bbc-data")
    lib.update_index()
    found = 0
    missed = []
    for a, b in pairs:
        others = {c.path for p in lib.passages(lib.article(a).id) for c in p.also_in}
        if b in others:
            found += 1
        else:
            missed.append((a, b))
    print(f"  BBC same-story pairs found as shared passages: {found}/{len(pairs)}")
    for a, b in missed[:5]:
        print(f"    missed {a} ~ {b}")
    check = ("politics/223.txt", "politics/341.txt")
    others = {c.path for p in lib.passages(lib.article(check[0]).id) for c in p.also_in}
    print(f"  {check[0]} -> {check[1]}: {'found' if check[1] in others else 'NOT found'}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=50000)
    ap.add_argument("--repeat", type=int, default=1, help="builds of each kind (alternating)")
    ap.add_argument("--only", default="build,lookup,quality,bbc")
    args = ap.parse_args()
    parts = set(args.only.split(","))
    if not BBC.exists():
        sys.exit(f"no BBC corpus at {BBC}")
    load = os.getloadavg()[0]
    busy = "  (a busy machine: compare the figures of one run only)" if load > 1.5 else ""
    print(f"load average {load:.1f} on {os.cpu_count()} cores{busy}")
    with tempfile.TemporaryDirectory(prefix="dossier-passages-") as name:
        tmp = Path(name)
        if parts & {"build", "lookup"}:
            corpus = tmp / "corpus"
            started = time.perf_counter()
            make_corpus(corpus, args.articles)
            took = time.perf_counter() - started
            print(f"corpus: {args.articles:,} articles ({took:.0f} s to write)")
            data = tmp / "with"
            if "build" in parts:
                print("build (without / with passage and entity files):")
                data = bench_build(corpus, tmp, args.repeat)
            if "lookup" in parts:
                print("lookups:")
                bench_lookup(corpus, data)
        if "quality" in parts:
            print("quality:")
            bench_quality(tmp)
        if "bbc" in parts:
            print("BBC:")
            bench_bbc(tmp)


if __name__ == "__main__":
    main()
