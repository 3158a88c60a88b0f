"""Benchmark the bookmarks screen with 10,000 bookmarks over the BBC corpus (Pilot, headless).

Run: python bench/bookmarks_ui_bench.py [corpus] [--count N]

Prints:

* the time to open the bookmarks screen (B pressed until the list is shown),
  which includes reading every bookmark from SQLite in a thread worker;
* filter-as-you-type latency per keystroke, p50/p95 in ms: a key press until
  the app has handled it and refreshed the list (typing several queries, then
  deleting them with backspace), and the in-handler part alone (filter + list).

The target is under 50 ms per keystroke. The search index is built first (and
timed separately) so that indexing does not run during the measurements.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bookmarks_bench import NOTES, TAGS, load_corpus, random_span  # noqa: E402

from tui.bookmarks import make_bookmark  # noqa: E402
from tui.library import Library  # noqa: E402

DEFAULT_CORPUS = Path("/work/shared/corpora/bbc")
QUERIES = ["government", "#check", "prime minister", "bank rate", "zzz"]


def fill(library: Library, count: int, seed: int = 7) -> float:
    """Save ``count`` random bookmarks in one transaction; returns seconds."""
    rng = random.Random(seed)
    articles = load_corpus(library.corpus)
    by_path = {a.path: a for a in articles}
    ids = {s.path: s.id for s in library.articles()}
    usable = [by_path[p] for p in ids if p in by_path and by_path[p].body]
    made = []
    for n in range(count):
        article = rng.choice(usable)
        article = article if article.id == ids[article.path] else _with_id(article, ids)
        start, end = random_span(rng, article.body)
        tags = rng.sample(TAGS, rng.randint(0, 2))
        stamp = f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}T12:{n % 60:02d}:00.000Z"
        made.append(
            make_bookmark(article, start, end, note=rng.choice(NOTES), tags=tags, created=stamp)
        )
    started = time.perf_counter()
    library.bookmarks.restore_many(made)
    return time.perf_counter() - started


def _with_id(article, ids):  # noqa: ANN001, ANN202
    from dataclasses import replace

    return replace(article, id=ids[article.path])


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


async def measure(library: Library) -> None:
    from tui.app import create_app
    from tui.app.screens.bookmarks import BookmarksScreen

    app = create_app(library=library)
    async with app.run_test(size=(120, 36)) as pilot:
        while not (app.index_ready and app.main_screen() and app.main_screen().article):
            await pilot.pause(0.05)
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)

        started = time.perf_counter()
        await pilot.press("B")
        while not (isinstance(app.screen, BookmarksScreen) and app.screen.loaded):
            await pilot.pause(0.001)
        await pilot.pause()
        opened = time.perf_counter() - started
        screen = app.screen
        count = len(screen.bookmarks)
        print(f"open the bookmarks screen: {opened * 1000:.0f} ms ({count:,} bookmarks)")

        inner: list[float] = []
        done: list[float] = []  # when each refilter finished
        original = screen.refilter

        def timed(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            t = time.perf_counter()
            original(*args, **kwargs)
            done.append(time.perf_counter())
            inner.append(done[-1] - t)

        screen.refilter = timed
        per_key: list[float] = []
        to_list: list[float] = []
        for query in QUERIES:
            for key in [*query, *["backspace"] * len(query)]:
                t = time.perf_counter()
                await pilot.press("space" if key == " " else key)
                await pilot.pause()
                per_key.append(time.perf_counter() - t)
                to_list.append(done[-1] - t)
            shown = len(screen.shown)
            print(f"  {query!r}: typed and erased ({shown:,} shown at the end)")
        for label, values in (
            ("key pressed -> list updated", to_list),
            ("  of which filter + list rebuild", inner),
            ("Pilot round trip (press + pause; harness overhead included)", per_key),
        ):
            ms = [x * 1000 for x in values]
            print(
                f"{label}: p50 {statistics.median(ms):.1f} ms, p95 {pct(ms, 0.95):.1f} ms, "
                f"max {max(ms):.1f} ms ({len(ms)} keys)"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--count", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        library = Library.open(args.corpus, data_dir=Path(tmp))
        started = time.perf_counter()
        library.update_index()
        seconds = time.perf_counter() - started
        print(f"index {args.corpus.name}: {seconds:.1f} s (before, not part of the UI figures)")
        seconds = fill(library, args.count)
        print(f"save {args.count:,} bookmarks: {seconds * 1000:.0f} ms")
        asyncio.run(measure(library))


if __name__ == "__main__":
    main()
