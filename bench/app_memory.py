"""Where the app's memory goes on a large corpus: resident memory at each stage of a session.

    python bench/app_memory.py CORPUS --data-dir DIR [--trace] [--top 30]

Runs the app with Pilot on a corpus indexed before (``dossier index`` first: the
session must not update the index, or the update's memory is counted) and prints the
resident memory (RSS, split into anonymous memory and mapped files) after the launch,
once the index is ready, after typing six searches, after opening 40 articles and at
the end, then the largest mappings (the heap, each mapped file: a file the app maps and
reads counts in its RSS). ``--trace`` adds tracemalloc's largest lines at the end (10x
slower; figures then include tracemalloc's own memory). Run it with the environment the
index was built in (``DOSSIER_HOME``), or the app re-checks the folder.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import gc
import sys
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import app_bench  # noqa: E402

from tui.app import create_app  # noqa: E402


def status(name: str) -> float:
    """A ``/proc/self/status`` figure in MB (0 where there is none)."""
    try:
        with open("/proc/self/status") as f:  # noqa: PTH123
            for line in f:
                if line.startswith(name + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def say(stage: str) -> None:
    print(
        f"{stage:28s} RSS {status('VmRSS'):6.0f} MB  (anonymous {status('RssAnon'):.0f}, "
        f"files {status('RssFile'):.0f})",
        flush=True,
    )


def mappings(top: int) -> list[tuple[str, float]]:
    """The largest resident mappings, by file name (``[anon]``, ``[heap]``), in MB."""
    sizes: collections.Counter[str] = collections.Counter()
    current = "?"
    try:
        with open("/proc/self/smaps") as f:  # noqa: PTH123
            for line in f:
                parts = line.split()
                if len(parts) >= 5 and "-" in parts[0] and ":" in parts[3]:
                    current = parts[5].rsplit("/", 1)[-1] if len(parts) > 5 else "[anon]"
                elif parts and parts[0] == "Rss:":
                    sizes[current] += int(parts[1])
    except OSError:
        return []
    return [(name, kb / 1024) for name, kb in sizes.most_common(top)]


async def session(corpus: Path, data_dir: Path) -> None:
    # tracemalloc slows everything: a longer wait (its first default; the others kept)
    wait = app_bench.Painted.wait
    wait.__defaults__ = (600.0, *(wait.__defaults__ or ())[1:])
    started = time.perf_counter()
    app = create_app(corpus, data_dir=data_dir)
    painted = app_bench.Painted(app)
    painted.expect(lambda: (s := app.main_screen()) is not None and s.article is not None)
    async with app.run_test(size=app_bench.SIZE) as pilot:
        await painted.wait()
        say(f"first article ({time.perf_counter() - started:.1f} s)")
        while not app.index_ready:
            await asyncio.sleep(0.01)
        await pilot.pause(1.0)
        say("index ready")
        await app_bench._search(pilot, painted)
        await pilot.pause(1.0)
        say("after six searches")
        main = app.main_screen()
        assert main is not None
        for summary in main.article_list.articles[200:240]:
            painted.expect(lambda t=summary.id: main.article is not None and main.article.id == t)
            main.reading.open(summary.id)
            await painted.wait()
            await pilot.pause()
        await pilot.pause(1.0)
        say("after 40 articles opened")
        gc.collect()
        say("after a full collection")
        app.heap.touched()  # as the keys that open articles would
        await pilot.pause(2.5)  # the app's heap keeper acts at a pause (tui.app.heap)
        say("after a pause")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--trace", action="store_true", help="tracemalloc's largest lines")
    parser.add_argument("--top", type=int, default=20)
    args = parser.parse_args()
    if args.trace:
        tracemalloc.start()
    say("imports")
    asyncio.run(session(args.corpus, args.data_dir))
    print("largest mappings:")
    for name, mb in mappings(args.top):
        print(f"  {mb:7.1f} MB  {name}")
    if args.trace:
        stats = tracemalloc.take_snapshot().statistics("lineno")
        print(f"traced: {sum(s.size for s in stats) / 1e6:.1f} MB; largest lines:")
        for stat in stats[: args.top]:
            frame = stat.traceback[0]
            print(f"  {stat.size / 1e6:7.1f} MB {stat.count:9,d}  {frame.filename}:{frame.lineno}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
