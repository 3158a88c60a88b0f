"""Benchmark the app with Pilot on a large corpus (default: the BBC corpus) with a built index.

    python bench/app_bench.py [CORPUS] [--data-dir DIR]

Prints: launch until the first article is shown; search-as-you-type latency (p50/p95 over
a fixed list of queries typed one character at a time, measured from the moment the
debounce fires until the results are on screen); and the time to open an article from
the list (Enter until the reader shows it). Targets: first article < 1 s, search p95 <
100 ms after debounce, open article < 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.app import create_app  # noqa: E402
from tui.app.screens.search import SearchScreen  # noqa: E402
from tui.library import Library  # noqa: E402

DEFAULT_CORPUS = Path("/work/shared/corpora/bbc")
QUERIES = ["economy", "election labour", '"prime minister"', "film award*", "oil prices", "chelsea"]
SIZE = (160, 48)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


async def until(pilot, predicate, timeout: float = 10.0) -> None:  # noqa: ANN001
    deadline = time.perf_counter() + timeout
    while not predicate():
        if time.perf_counter() > deadline:
            raise TimeoutError("condition not met")
        await asyncio.sleep(0.001)


async def bench(corpus: Path, data_dir: Path) -> dict[str, float]:
    figures: dict[str, float] = {}
    started = time.perf_counter()
    app = create_app(corpus, data_dir=data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: (s := app.main_screen()) is not None and s.article is not None)
        figures["first_article_s"] = time.perf_counter() - started
        main = app.main_screen()
        await until(pilot, lambda: app.index_ready, timeout=300)

        # Search as you type: from the debounce firing to the results being shown.
        fired: dict[str, float] = {}
        latencies: list[float] = []
        original_run, original_show = SearchScreen._run, SearchScreen._show

        def run(self, query: str) -> None:  # noqa: ANN001
            fired[query] = time.perf_counter()
            original_run(self, query)

        def show(self, result) -> None:  # noqa: ANN001
            original_show(self, result)
            if result.query in fired:
                latencies.append(time.perf_counter() - fired.pop(result.query))

        SearchScreen._run, SearchScreen._show = run, show  # type: ignore[method-assign]
        for query in QUERIES:
            await pilot.press("slash")
            search = app.screen
            search.query_one("Input").value = ""
            for index in range(1, len(query) + 1):
                prefix = query[:index]
                await pilot.press(query[index - 1])
                if prefix.strip() and prefix.count('"') != 1:
                    await until(
                        pilot,
                        lambda p=prefix, search=search: (
                            search.shown_query == p
                            or search._timer is None
                            and search.shown_query is None
                        ),
                    )
                    await pilot.pause(0.01)
            await pilot.press("escape")
        SearchScreen._run, SearchScreen._show = original_run, original_show
        figures["search_p50_ms"] = statistics.median(latencies) * 1000
        figures["search_p95_ms"] = pct(latencies, 0.95) * 1000
        figures["search_count"] = len(latencies)

        # Open articles from the list: Enter until the reader shows the article.
        table = main.article_list
        opens: list[float] = []
        for _ in range(40):
            table.focus()
            await pilot.press("j", "j", "j")
            target = table.highlighted_id
            t0 = time.perf_counter()
            await pilot.press("enter")
            await until(pilot, lambda t=target: main.article is not None and main.article.id == t)
            opens.append(time.perf_counter() - t0)
        figures["open_p50_ms"] = statistics.median(opens) * 1000
        figures["open_p95_ms"] = pct(opens, 0.95) * 1000
        # The same without the key press and focus change: request -> reader shows it.
        direct: list[float] = []
        for summary in table.articles[200:240]:
            t0 = time.perf_counter()
            main.open_article(summary.id)
            await until(pilot, lambda t=summary.id: main.article.id == t)
            direct.append(time.perf_counter() - t0)
        figures["direct_p50_ms"] = statistics.median(direct) * 1000
        figures["direct_p95_ms"] = pct(direct, 0.95) * 1000
        figures["articles"] = len(table.articles)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument(
        "--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "dossier-app-bench"
    )
    args = parser.parse_args()
    library = Library.open(args.corpus, data_dir=args.data_dir)
    t0 = time.perf_counter()
    report = library.update_index()
    print(f"index: {report.message or 'up to date'} ({time.perf_counter() - t0:.1f} s)")
    figures = asyncio.run(bench(args.corpus, args.data_dir))
    print(f"articles:                 {figures['articles']:,}")
    print(f"launch -> first article:  {figures['first_article_s'] * 1000:7.1f} ms  (target < 1000)")
    print(
        f"search after debounce:    p50 {figures['search_p50_ms']:6.1f} ms, "
        f"p95 {figures['search_p95_ms']:6.1f} ms over {int(figures['search_count'])} keystrokes"
        "  (target p95 < 100)"
    )
    print(
        f"open article:             p50 {figures['open_p50_ms']:6.1f} ms, "
        f"p95 {figures['open_p95_ms']:6.1f} ms  (Enter, focus moves to the reader)"
    )
    print(
        f"open article (no focus):  p50 {figures['direct_p50_ms']:6.1f} ms, "
        f"p95 {figures['direct_p95_ms']:6.1f} ms  (target < 50)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
