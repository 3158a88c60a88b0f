"""Benchmark the app with Pilot on a large corpus (default: the BBC corpus) with a built index.

    python bench/app_bench.py [CORPUS] [--data-dir DIR] [--only launch,search,open]
                              [--no-update] [--machine]

Every figure runs until the screen shows the result: the clock stops at the first screen
update (``App._display``, with the update rendered to terminal text as a real terminal
would need) painted after the state changed, not when an attribute changed. Keys are
sent straight to the driver so Pilot's own idle waits are not counted.

Prints: launch until the first article is on screen; search-as-you-type (p50/p95 from
the debounce firing until the results are on screen); opening an article with Enter
(the focus moves from the list to the reader); opening one without a key press;
moving the list cursor with ``j``; and how many full garbage collections ran while
measuring (a long one lands in whichever figure it interrupts); the app's resident
memory (RSS) once the index is open and at the end. Targets: first article < 1 s, search
p95 < 100 ms after the debounce, open article < 50 ms. ``--no-update`` skips bringing
the index up to date first (in this process, where it would count in the memory);
``--machine`` prints ``name=value`` lines (bench/scale.py reads them).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from textual import events  # noqa: E402

from tui.app import create_app  # noqa: E402
from tui.app.screens.search import SearchScreen  # noqa: E402
from tui.library import Library  # noqa: E402

#: The BBC corpus in the shared folder beside the repository, where CI and every checkout have it.
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "bbc"
QUERIES = ["economy", "election labour", '"prime minister"', "film award*", "oil prices", "chelsea"]
SIZE = (160, 48)
PARTS = ("launch", "search", "open")


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


class Painted:
    """Records when the screen is painted; ``wait(predicate)`` waits for a paint where it holds."""

    def __init__(self, app) -> None:  # noqa: ANN001
        self.app = app
        self.predicate: Callable[[], bool] | None = None
        self.at: float | None = None
        original = app._display

        def display(screen, renderable) -> None:  # noqa: ANN001
            original(screen, renderable)
            if renderable is not None and not app._batch_count:
                renderable.render_segments(app.console)  # what a real terminal would be sent
                if self.predicate is not None and self.at is None and self.predicate():
                    self.at = time.perf_counter()

        app._display = display

    def expect(self, predicate: Callable[[], bool]) -> None:
        self.predicate, self.at = predicate, None

    async def wait(self, timeout: float = 20.0) -> float:
        deadline = time.perf_counter() + timeout
        while self.at is None:
            if time.perf_counter() > deadline:
                raise TimeoutError("the screen never showed it")
            await asyncio.sleep(0.0005)
        self.predicate = None
        return self.at


class FullCollections:
    """Python's full garbage collections while measuring: how many, and the longest."""

    def __init__(self) -> None:
        self.pauses: list[float] = []
        self._started = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.pauses.append(time.perf_counter() - self._started)


def send_key(app, key: str, char: str | None = None) -> None:  # noqa: ANN001
    app._driver.send_message(events.Key(key, char))


def rss_mb() -> float:
    """This process's resident memory now, MB (0 where /proc is not there)."""
    try:
        with open("/proc/self/status") as f:  # noqa: PTH123
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


async def bench(corpus: Path, data_dir: Path, parts: set[str]) -> dict[str, float]:
    figures: dict[str, float] = {}
    started = time.perf_counter()
    app = create_app(corpus, data_dir=data_dir)
    painted = Painted(app)
    painted.expect(lambda: (s := app.main_screen()) is not None and s.article is not None)
    async with app.run_test(size=SIZE) as pilot:
        figures["first_article_s"] = await painted.wait() - started
        main = app.main_screen()
        deadline = time.perf_counter() + 300
        while not app.index_ready and time.perf_counter() < deadline:
            await asyncio.sleep(0.01)
        await pilot.pause()
        figures["rss_ready_mb"] = rss_mb()
        table = main.article_list
        figures["articles"] = len(table.articles)
        collections = FullCollections()

        if "search" in parts:
            latencies = await _search(pilot, painted)
            figures["search_p50_ms"] = statistics.median(latencies) * 1000
            figures["search_p95_ms"] = pct(latencies, 0.95) * 1000
            figures["search_count"] = len(latencies)

        if "open" in parts:
            # Enter in the list: the reader shows the article and takes the focus.
            opens: list[float] = []
            moves: list[float] = []
            for _ in range(40):
                table.focus()
                await pilot.pause()
                for _ in range(3):
                    before = table.highlighted_id
                    painted.expect(lambda b=before: table.highlighted_id != b)
                    t0 = time.perf_counter()
                    send_key(app, "j", "j")
                    moves.append(await painted.wait() - t0)
                await pilot.pause()
                target = table.highlighted_id
                painted.expect(
                    lambda t=target: (
                        main.article is not None
                        and main.article.id == t
                        and app.focused is main.reader
                    )
                )
                t0 = time.perf_counter()
                send_key(app, "enter", "\r")
                opens.append(await painted.wait() - t0)
                await pilot.pause()
            figures["open_p50_ms"] = statistics.median(opens) * 1000
            figures["open_p95_ms"] = pct(opens, 0.95) * 1000
            figures["move_p50_ms"] = statistics.median(moves) * 1000
            figures["move_p95_ms"] = pct(moves, 0.95) * 1000
            # The same without a key press or a focus change: request -> reader shows it.
            direct: list[float] = []
            for summary in table.articles[200:240]:
                painted.expect(lambda t=summary.id: main.article.id == t)
                t0 = time.perf_counter()
                main.reading.open(summary.id)
                direct.append(await painted.wait() - t0)
                await pilot.pause()
            figures["direct_p50_ms"] = statistics.median(direct) * 1000
            figures["direct_p95_ms"] = pct(direct, 0.95) * 1000
        figures["gc_count"] = len(collections.pauses)
        figures["gc_max_ms"] = max(collections.pauses, default=0.0) * 1000
        figures["rss_end_mb"] = rss_mb()
    return figures


async def _search(pilot, painted: Painted) -> list[float]:  # noqa: ANN001
    """Type each query a character at a time; time each debounce firing to its results."""
    app = pilot.app
    latencies: list[float] = []
    original_run, original_finished = SearchScreen._run, SearchScreen.on_search_finished
    fired: dict[str, float] = {}
    answered: list[str] = []

    def run(self, query: str) -> None:  # noqa: ANN001
        fired[query] = time.perf_counter()
        original_run(self, query)

    def finished(self, message) -> None:  # noqa: ANN001
        original_finished(self, message)
        answered.append(message.query)  # results, or "cannot search" for a stopword

    SearchScreen._run = run  # type: ignore[method-assign]
    SearchScreen.on_search_finished = finished  # type: ignore[method-assign]
    try:
        for query in QUERIES:
            await pilot.press("slash")
            search = app.screen
            search.query_one("Input").value = ""
            await pilot.pause()
            for index in range(1, len(query) + 1):
                prefix = query[:index]
                if not prefix.strip() or prefix.count('"') == 1:
                    await pilot.press(query[index - 1])
                    continue
                painted.expect(lambda p=prefix: bool(answered) and answered[-1] == p)
                await pilot.press(query[index - 1])
                shown = await painted.wait()
                latencies.append(shown - fired.pop(prefix))
                await pilot.pause(0.01)
            await pilot.press("escape")
            await pilot.pause()
    finally:
        SearchScreen._run = original_run  # type: ignore[method-assign]
        SearchScreen.on_search_finished = original_finished  # type: ignore[method-assign]
    return latencies


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument(
        "--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "dossier-app-bench"
    )
    parser.add_argument("--only", default=",".join(PARTS), help="launch,search,open")
    parser.add_argument("--no-update", action="store_true", help="the index is up to date")
    parser.add_argument("--machine", action="store_true", help="print name=value lines")
    args = parser.parse_args()
    parts = set(args.only.split(","))
    if not args.no_update:
        library = Library.open(args.corpus, data_dir=args.data_dir)
        t0 = time.perf_counter()
        report = library.update_index()
        print(f"index: {report.message or 'up to date'} ({time.perf_counter() - t0:.1f} s)")
        library.close()
    figures = asyncio.run(bench(args.corpus, args.data_dir, parts))
    if args.machine:
        figures["first_article_ms"] = figures["first_article_s"] * 1000
        figures["pause_max_ms"] = figures["gc_max_ms"]
        figures["rss_mb"] = max(figures["rss_ready_mb"], figures["rss_end_mb"])
        for name, value in sorted(figures.items()):
            print(f"{name}={value}")
        return 0
    print(f"articles:                 {figures['articles']:,}")
    print(f"launch -> first article:  {figures['first_article_s'] * 1000:7.1f} ms  (target < 1000)")
    if "search" in parts:
        print(
            f"search after debounce:    p50 {figures['search_p50_ms']:6.1f} ms, "
            f"p95 {figures['search_p95_ms']:6.1f} ms over {int(figures['search_count'])} "
            "keystrokes  (target p95 < 100)"
        )
    if "open" in parts:
        print(
            f"open article (Enter):     p50 {figures['open_p50_ms']:6.1f} ms, "
            f"p95 {figures['open_p95_ms']:6.1f} ms  (focus moves to the reader; target < 50)"
        )
        print(
            f"open article (no key):    p50 {figures['direct_p50_ms']:6.1f} ms, "
            f"p95 {figures['direct_p95_ms']:6.1f} ms"
        )
        print(
            f"list cursor (j):          p50 {figures['move_p50_ms']:6.1f} ms, "
            f"p95 {figures['move_p95_ms']:6.1f} ms"
        )
    print(
        f"full garbage collections: {int(figures['gc_count'])} while measuring, "
        f"the longest {figures['gc_max_ms']:.0f} ms"
    )
    print(
        f"resident memory:          {figures['rss_ready_mb']:.0f} MB with the index open, "
        f"{figures['rss_end_mb']:.0f} MB at the end  (target < 300)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
