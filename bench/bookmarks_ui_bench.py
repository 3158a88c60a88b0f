"""Benchmark the bookmarks screen with 10,000 bookmarks over the BBC corpus (Pilot, headless).

Run: python bench/bookmarks_ui_bench.py [corpus] [--count N] [--opens N]

Prints, for opening the bookmarks screen, the time from pressing B until the app
paints the first frame that lists the bookmarks (the headless driver draws nothing,
but the app composes every frame as it would for a terminal; the bench hooks in
where a frame is handed to the terminal), and until the last frame of that burst
(frames less than 100 ms apart; keys typed meanwhile would wait):

* at once: B pressed as soon as the app shows its first article, before it has
  done anything in the background (read the bookmarks, built the screen);
* first: the first B after the app has been idle for a moment;
* again: B after Esc, several times (p50 and max);
* after this copy saved a bookmark (through the app's worker), and after another
  copy of Dossier saved one (the store written directly): until the frame that
  lists the new bookmark.

Then filter-as-you-type latency per keystroke, p50/p95 in ms: a key press until
the app has handled it and refreshed the list (typing several queries, then
deleting them with backspace), and the in-handler part alone (filter + list).

The target is under 50 ms. The search index is built first (and timed
separately) so that indexing does not run during the measurements.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bookmarks_bench import NOTES, TAGS, load_corpus, random_span  # noqa: E402

from tui.bookmarks import make_bookmark  # noqa: E402
from tui.library import Library  # noqa: E402

#: The BBC corpus in the shared folder beside the repository, where CI and every checkout have it.
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "bbc"
#: Frames closer than this belong to one burst (the cursor blinks every 0.5 s).
BURST_GAP = 0.1
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


class Frames:
    """Every frame the app hands to its driver, and when ``want(screen)`` first held."""

    def __init__(self, app: Any) -> None:
        self.times: list[float] = []
        self.want: Callable[[Any], bool] | None = None
        self.hit: float | None = None
        original = app._display

        def display(screen: Any, update: Any) -> None:
            if update is not None:
                now = time.perf_counter()
                self.times.append(now)
                if self.hit is None and self.want is not None and self.want(screen):
                    self.hit = now
            original(screen, update)

        app._display = display

    async def open(self, pilot: Any, want: Callable[[Any], bool]) -> tuple[float, float]:
        """Press B; seconds until the first frame where ``want`` holds, and the burst's last."""
        self.times.clear()
        self.want, self.hit = want, None
        started = time.perf_counter()
        await pilot.press("B")
        while self.hit is None:
            if time.perf_counter() - started > 20:
                raise TimeoutError("the bookmarks were never shown")
            await asyncio.sleep(0.001)
        await asyncio.sleep(0.5)
        last = self.hit  # the burst: frames that follow each other closely (not a blink)
        for t in sorted(t for t in self.times if t > self.hit):
            if t - last > BURST_GAP:
                break
            last = t
        return self.hit - started, last - started


def listed(screen_type: type, bookmark_id: str | None = None) -> Callable[[Any], bool]:
    """The bookmarks screen is showing its list (with ``bookmark_id`` in it)."""

    def holds(screen: Any) -> bool:
        if not (isinstance(screen, screen_type) and screen.loaded and screen.shown):
            return False
        return bookmark_id is None or any(b.id == bookmark_id for b in screen.shown[:60])

    return holds


def report(label: str, figures: tuple[float, float]) -> None:
    first, last = (x * 1000 for x in figures)
    print(f"  {label}: {first:.0f} ms to the list, last frame of the burst at {last:.0f} ms")


async def ready(app: Any, pilot: Any) -> Any:
    while not (app.index_ready and app.main_screen() and app.main_screen().article):
        await pilot.pause(0.02)
    return app.main_screen()


async def measure_at_once(library: Library) -> None:
    from tui.app import create_app
    from tui.app.screens.bookmarks import BookmarksScreen

    app = create_app(library=library)
    async with app.run_test(size=(120, 36)) as pilot:
        frames = Frames(app)
        await ready(app, pilot)
        report("at once", await frames.open(pilot, listed(BookmarksScreen)))


async def measure(library: Library, opens: int) -> None:
    from tui.app import create_app
    from tui.app.screens.bookmarks import BookmarksScreen
    from tui.bookmarks import BookmarkStore
    from tui.text import sentence_spans

    app = create_app(library=library)
    async with app.run_test(size=(120, 36)) as pilot:
        frames = Frames(app)
        main = await ready(app, pilot)
        await app.workers.wait_for_complete()
        await pilot.pause(1.5)  # the user reads for a moment

        report("first", await frames.open(pilot, listed(BookmarksScreen)))
        screen = app.screen
        print(f"  ({len(screen.bookmarks):,} bookmarks)")
        again = []
        for _ in range(opens):
            await pilot.press("escape")
            await pilot.pause(0.3)
            again.append(await frames.open(pilot, listed(BookmarksScreen)))
        firsts = sorted(x[0] * 1000 for x in again)
        lasts = sorted(x[1] * 1000 for x in again)
        print(
            f"  again ({opens} times): p50 {statistics.median(firsts):.0f} ms to the list "
            f"(max {firsts[-1]:.0f}), last frame p50 {statistics.median(lasts):.0f} ms "
            f"(max {lasts[-1]:.0f})"
        )

        await pilot.press("escape")
        await pilot.pause(0.3)
        article = main.article
        spans = sentence_spans(article.body)
        app.save_bookmark(main, article, *spans[0], "saved here", ("bench",))
        await app.workers.wait_for_complete()
        await pilot.pause(1.0)
        mine = max(app.library.bookmarks.find(article_id=article.id), key=lambda b: b.created)
        report("after saving one here", await frames.open(pilot, listed(BookmarksScreen, mine.id)))

        await pilot.press("escape")
        await pilot.pause(0.3)
        other = BookmarkStore(app.library.bookmarks.path)  # as another copy of Dossier
        theirs = other.add(article, *spans[1], note="saved elsewhere")
        await pilot.pause(1.0)
        report(
            "after another copy saved one",
            await frames.open(pilot, listed(BookmarksScreen, theirs.id)),
        )
        await filtering(app, pilot)


async def filtering(app: Any, pilot: Any) -> None:
    screen = app.screen
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
    parser.add_argument("--opens", type=int, default=10, help="how many times to open again")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        library = Library.open(args.corpus, data_dir=Path(tmp))
        started = time.perf_counter()
        library.update_index()
        seconds = time.perf_counter() - started
        print(f"index {args.corpus.name}: {seconds:.1f} s (before, not part of the UI figures)")
        seconds = fill(library, args.count)
        print(f"save {args.count:,} bookmarks: {seconds * 1000:.0f} ms")
        print("open the bookmarks screen (B pressed -> first frame listing the bookmarks):")
        asyncio.run(measure_at_once(library))
        asyncio.run(measure(library, args.opens))


if __name__ == "__main__":
    main()
