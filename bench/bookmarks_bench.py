"""Benchmark the bookmark store: 10,000 bookmarks over the BBC corpus.

Run: python bench/bookmarks_bench.py [corpus] [--count N]

Prints:

* the time to save the bookmarks (one transaction);
* list + filter per keystroke, p50/p95 in ms, for a few typed queries, both
  from SQLite on every keystroke (``store.find(query=...)``) and over a list
  loaded once (``filter_bookmarks``), which is what the UI should do;
* re-anchoring every bookmark after some article bodies are changed in memory
  (text inserted, passages edited, passages deleted, articles removed).

The targets are under 50 ms per keystroke and under 2 s for re-anchoring.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tui.articles import Article, ArticleError, iter_article_files, load_article  # noqa: E402
from tui.bookmarks import (  # noqa: E402
    Bookmark,
    BookmarkStore,
    filter_bookmarks,
    make_bookmark,
)

#: The BBC corpus in the shared folder beside the repository, where CI and every checkout have it.
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "bbc"
TAGS = ["economy", "politics", "follow-up", "quote", "numbers", "people", "check", "media"]
NOTES = [
    "",
    "",
    "",
    "important",
    "compare with earlier coverage",
    "check the figures",
    "who said this?",
]
QUERIES = ["government", "economy", "#check", "prime minister", "bank rate"]
_SENTENCE = re.compile(r"[^.!?]+[.!?]")


def load_corpus(corpus: Path) -> list[Article]:
    articles = []
    for path in iter_article_files(corpus):
        try:
            articles.append(load_article(path, corpus))
        except ArticleError:
            pass
    return articles


def random_span(rng: random.Random, body: str) -> tuple[int, int]:
    """A sentence, or a few words of one, like a reader would select."""
    sentences = [m.span() for m in _SENTENCE.finditer(body) if len(m.group().strip()) > 20]
    if not sentences:
        return 0, min(len(body), 40)
    start, end = rng.choice(sentences)
    while start < end and body[start].isspace():
        start += 1
    if rng.random() < 0.4:  # part of a sentence
        words = [m.span() for m in re.finditer(r"\S+", body[start:end])]
        if len(words) > 4:
            i = rng.randrange(0, len(words) - 3)
            j = rng.randrange(i + 3, min(len(words), i + 12) + 1)
            return start + words[i][0], start + words[j - 1][1]
    return start, end


def make_bookmarks(rng: random.Random, articles: list[Article], count: int) -> list[Bookmark]:
    out = []
    for n in range(count):
        art = rng.choice(articles)
        start, end = random_span(rng, art.body)
        tags = rng.sample(TAGS, rng.randint(0, 2))
        created = f"2024-01-{1 + n % 28:02d}T{n % 24:02d}:{n % 60:02d}:00.000Z"
        out.append(
            make_bookmark(art, start, end, note=rng.choice(NOTES), tags=tags, created=created)
        )
    return out


def percentiles(samples: list[float]) -> tuple[float, float]:
    samples = sorted(samples)
    p50 = statistics.median(samples)
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return p50 * 1000, p95 * 1000


def keystrokes(query: str) -> list[str]:
    return [query[:i] for i in range(1, len(query) + 1)]


def bench_filter(store: BookmarkStore) -> None:
    t0 = time.perf_counter()
    loaded = store.find()  # sorted newest first; filtering keeps the order
    load = time.perf_counter() - t0
    print(f"load all from SQLite once: {load * 1000:.1f} ms ({len(loaded)} bookmarks)")
    print(f"{'query':<16}{'in memory p50/p95 ms':>24}{'SQLite per key p50/p95 ms':>30}{'hits':>7}")
    all_mem: list[float] = []
    all_db: list[float] = []
    for query in QUERIES:
        mem: list[float] = []
        db: list[float] = []
        for _ in range(3):
            for typed in keystrokes(query):
                t0 = time.perf_counter()
                hits = filter_bookmarks(loaded, typed)
                mem.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                store.find(query=typed)
                db.append(time.perf_counter() - t0)
        all_mem += mem
        all_db += db
        m50, m95 = percentiles(mem)
        d50, d95 = percentiles(db)
        print(f"{query!r:<16}{m50:>12.1f} / {m95:<9.1f}{d50:>16.1f} / {d95:<11.1f}{len(hits):>7}")
    m50, m95 = percentiles(all_mem)
    d50, d95 = percentiles(all_db)
    print(f"{'all keystrokes':<16}{m50:>12.1f} / {m95:<9.1f}{d50:>16.1f} / {d95:<11.1f}")


def modify(
    rng: random.Random, articles: list[Article], bookmarks: list[Bookmark]
) -> dict[str, Article]:
    """Current articles after a pretend re-index: some bodies changed, some files gone."""
    by_id = {a.id: a for a in articles}
    marked: dict[str, list[Bookmark]] = {}
    for b in bookmarks:
        marked.setdefault(b.article_id, []).append(b)
    ids = list(marked)
    rng.shuffle(ids)
    n = len(ids)
    removed = ids[: n // 100]  # 1%: file deleted
    inserted = ids[n // 100 : n // 100 + n // 10]  # 10%: a paragraph added at the top
    edited = ids[n // 100 + n // 10 : n // 100 + n // 10 + n // 20]  # 5%: a word changed
    deleted = ids[n // 100 + n // 10 + n // 20 : n // 100 + n // 10 + n // 20 + n // 50]  # 2%
    for aid in removed:
        del by_id[aid]
    for aid in inserted:
        art = by_id[aid]
        by_id[aid] = replace(
            art, body="Correction: an earlier version misspelt a name.\n\n" + art.body
        )
    for aid in edited:
        art = by_id[aid]
        b = rng.choice(marked[aid])
        words = list(re.finditer(r"\w{4,}", art.body[b.start : b.end]))
        if words:
            w = rng.choice(words)
            s, e = b.start + w.start(), b.start + w.end()
            body = art.body[:s] + w.group()[::-1] + art.body[e:]  # a changed word
            by_id[aid] = replace(art, body="Updated.\n\n" + body)
    for aid in deleted:
        art = by_id[aid]
        b = rng.choice(marked[aid])
        by_id[aid] = replace(art, body=art.body[: b.start] + art.body[b.end :])
    print(
        f"modified: {len(removed)} articles removed, {len(inserted)} with text inserted, "
        f"{len(edited)} with a word changed in a passage, {len(deleted)} with a passage deleted"
    )
    return by_id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    t0 = time.perf_counter()
    articles = load_corpus(args.corpus)
    print(f"loaded {len(articles)} articles in {time.perf_counter() - t0:.2f} s")
    bookmarks = make_bookmarks(rng, articles, args.count)

    with tempfile.TemporaryDirectory() as tmp:
        store = BookmarkStore(Path(tmp) / "bookmarks.sqlite3")
        t0 = time.perf_counter()
        store.restore_many(bookmarks)
        print(f"saved {store.count()} bookmarks in {time.perf_counter() - t0:.2f} s")
        print()
        bench_filter(store)
        print()

        current = modify(rng, articles, bookmarks)
        t0 = time.perf_counter()
        report = store.reanchor(current)
        elapsed = time.perf_counter() - t0
        print(
            f"re-anchored {report.total} bookmarks in {elapsed:.2f} s: "
            f"{report.exact} at their offsets, {report.moved} moved, {report.fuzzy} fuzzy, "
            f"{report.orphaned} orphaned; {report.changed} rows updated"
        )
        t0 = time.perf_counter()
        again = store.reanchor(current)
        print(
            f"second re-anchoring (nothing to change): {time.perf_counter() - t0:.2f} s, "
            f"{again.changed} rows updated"
        )


if __name__ == "__main__":
    main()
