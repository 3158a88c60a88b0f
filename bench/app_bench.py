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
moving the list cursor with ``j``; the UI thread's pauses (:class:`Stalls`: how late
its event loop wakes, whatever held it: painting, a handler, a garbage collection, a
worker in a long call that keeps the interpreter's lock, or another process on the
CPU), from the first frame until the index is ready ("launch": the list loading, the
index checked) and then while searching and opening articles ("use"), with the CPU
time behind them and the full collections; the app's resident memory (RSS) once the
index is open and at the end. Targets: first article < 1 s, search p95 < 100 ms after
the debounce, open article < 50 ms, no pause over 50 ms. ``--no-update`` skips bringing
the index up to date first (in this process, where it would count in the memory);
``--machine`` prints ``name=value`` lines (bench/scale.py reads them; its
``pause_max_ms`` is the longest pause of "use"); ``--why`` lists every pause of 15 ms or
more with each thread's CPU time in it, how long the UI thread waited for a CPU, the
collections in it and where the workers were at its end; ``--stacks FILE`` writes there
every thread's stack in each pause of 30 ms or more, while it lasts (``stack_sampler.py``);
``--code DIR`` runs another checkout's app with this bench (two builds compared with the
same measure).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import statistics
import sys
import tempfile
import threading
import time
import types
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from stack_sampler import StackSampler

REPO = Path(__file__).resolve().parent.parent


def _code() -> Path:
    """The checkout whose app is measured: ``--code DIR`` (read before the imports
    below, which import it), else this bench's own."""
    for i, arg in enumerate(sys.argv):
        if arg == "--code" and i + 1 < len(sys.argv):
            return Path(sys.argv[i + 1]).resolve()
        if arg.startswith("--code="):
            return Path(arg.split("=", 1)[1]).resolve()
    return REPO


sys.path.insert(0, str(_code()))

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

    def __init__(self, app, first: Callable[[], None] = lambda: None) -> None:  # noqa: ANN001
        """``first`` is called at the first paint."""
        self.app = app
        self.predicate: Callable[[], bool] | None = None
        self.at: float | None = None
        original = app._display

        def display(screen, renderable) -> None:  # noqa: ANN001
            nonlocal first
            original(screen, renderable)
            if renderable is not None and not app._batch_count:
                renderable.render_segments(app.console)  # what a real terminal would be sent
                first, was = (lambda: None), first
                was()
                if self.predicate is not None and self.at is None and self.predicate():
                    self.at = time.perf_counter()

        app._display = display

    def expect(self, predicate: Callable[[], bool]) -> None:
        self.predicate, self.at = predicate, None

    async def wait(self, timeout: float = 20.0, state: Callable[[], str] | None = None) -> float:
        """When the expected screen was painted; ``state`` says what the app shows
        instead, in the error, when it never is (an open that never painted was seen
        twice at 50k and could not be told apart from a slow machine)."""
        deadline = time.perf_counter() + timeout
        while self.at is None:
            if time.perf_counter() > deadline:
                said = f": {state()}" if state is not None else ""
                raise TimeoutError(f"the screen never showed it{said}")
            await asyncio.sleep(0.0005)
        self.predicate = None
        return self.at


#: How long the UI thread's probe sleeps between two looks (:class:`Stalls`).
BEAT = 0.002
#: A pause of the UI thread at least this long is kept with what ran in it.
STALL = 0.015


class Stalls:
    """The UI thread's pauses, as a user feels them: how late its event loop wakes
    from a sleep of :data:`BEAT`, which is how late it would have handled a key or
    painted the screen, whatever held it (a full collection, painting, a handler, a
    worker in a long call that keeps the interpreter's lock). Counted by phase, from
    the first frame on (``phase``: None counts nothing). Each pause of :data:`STALL` or
    more is kept with the CPU time each thread spent in it and the collections that
    ran in it (generation, thread, wall and CPU time): what the pause was."""

    def __init__(self, stacks: IO[str] | None = None) -> None:
        """``stacks``: where every thread's stack is written while the UI thread is
        :data:`stack_sampler.AFTER` late or more (:class:`StackSampler`)."""
        #: When the UI thread's loop last woke (None: not counting now).
        self.woke: float | None = None
        self.sampler = StackSampler(stacks, lambda: self.woke) if stacks else None
        self.phase: str | None = None
        self.late: dict[str, list[float]] = {}
        self.kept: list[dict[str, Any]] = []
        #: Every collection: (generation, thread name, start, wall seconds, CPU seconds).
        self.collections: list[tuple[int, str, float, float, float]] = []
        #: When each phase was counted: [start, end] spans.
        self.spans: dict[str, list[list[float]]] = {}
        self._started: dict[int, tuple[float, float]] = {}
        self._task: asyncio.Task[None] | None = None
        gc.callbacks.append(self._collected)

    def _collected(self, phase: str, info: dict) -> None:
        ident = threading.get_ident()
        now, cpu = time.perf_counter(), time.thread_time()
        if phase == "start":
            self._started[ident] = (now, cpu)
            return
        started, cpu0 = self._started.pop(ident, (now, cpu))
        name = threading.current_thread().name
        self.collections.append((info["generation"], name, started, now - started, cpu - cpu0))

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._beat())
        if self.sampler is not None:
            self.sampler.start()

    async def stop(self) -> None:
        gc.callbacks.remove(self._collected)
        if self.sampler is not None:
            self.sampler.stop()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    def full_collections(self, phase: str) -> list[tuple[int, str, float, float, float]]:
        """The full collections that began while ``phase`` was counted."""
        spans = self.spans.get(phase, [])
        return [c for c in self.collections if c[0] == 2 and any(a <= c[2] < b for a, b in spans)]

    def begin(self, phase: str | None) -> None:
        """Count the pauses from now on as ``phase`` (None: not at all)."""
        now = time.perf_counter()
        if self.phase is not None:
            self.spans[self.phase][-1][1] = now
        self.phase = phase
        if phase is not None:
            self.spans.setdefault(phase, []).append([now, float("inf")])

    async def _beat(self) -> None:
        ui = threading.get_ident()
        before, cpu, waited = time.perf_counter(), _thread_cpu(), _waited()
        while True:
            self.woke = before if self.phase is not None else None
            await asyncio.sleep(BEAT)
            now = time.perf_counter()
            late = now - before - BEAT
            if self.phase is not None:
                self.late.setdefault(self.phase, []).append(late)
                if late >= STALL:
                    after = _thread_cpu()
                    spent = {
                        "UI" if ident == ui else name: seconds - cpu.get(ident, (name, 0.0))[1]
                        for ident, (name, seconds) in after.items()
                    }
                    self.kept.append(
                        {
                            "phase": self.phase,
                            "at": before,
                            "late": late,
                            "runqueue": _waited() - waited,
                            "cpu": {k: v for k, v in spent.items() if v >= 0.001},
                            "gc": [
                                c
                                for c in self.collections
                                if c[2] < now and c[2] + c[3] > before and c[3] >= 0.001
                            ],
                            "where": _where(ui, after, cpu),
                        }
                    )
            before, cpu, waited = time.perf_counter(), _thread_cpu(), _waited()


def _waited() -> float:
    """How long the calling thread has waited for a CPU so far (runnable, another
    process on it), seconds: the second figure of Linux's schedstat (0 elsewhere)."""
    try:
        with open("/proc/thread-self/schedstat", "rb") as f:  # noqa: PTH123
            return int(f.read().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return 0.0


def _thread_cpu() -> dict[int, tuple[str, float]]:
    """Each thread's CPU time so far: ``{ident: (name, seconds)}``."""
    out = {}
    for thread in threading.enumerate():
        if thread.ident is None:
            continue
        try:
            seconds = time.clock_gettime(time.pthread_getcpuclockid(thread.ident))
        except (OSError, ValueError, AttributeError):
            continue
        out[thread.ident] = (thread.name, seconds)
    return out


def _where(ui: int, after: dict[int, tuple[str, float]], before: dict) -> list[str]:
    """Where each worker that spent CPU time in a pause is now (just past what held
    the UI thread, when that was one long call): its innermost frames in the app."""
    out = []
    frames = sys._current_frames()
    for ident, (name, seconds) in after.items():
        if ident == ui or seconds - before.get(ident, (name, seconds))[1] < 0.005:
            continue
        frame, stack = frames.get(ident), []
        # (another thread's frame can be half made: CPython 3.11 once gave a type here)
        while isinstance(frame, types.FrameType) and len(stack) < 4:
            code = frame.f_code
            if "/tui/" in code.co_filename:
                stack.append(f"{Path(code.co_filename).name}:{frame.f_lineno} {code.co_name}")
            frame = frame.f_back
        out.append(f"{name}: " + " < ".join(stack))
    return out


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


def _open_state(app, main, target: str | None) -> str:  # noqa: ANN001
    """What the app shows while an open of ``target`` is awaited (``main`` None: the
    first article, at the launch, before the main screen is there)."""
    workers = [f"{w.name}:{w.state.name}" for w in app.workers]
    screens = [type(s).__name__ for s in app.screen_stack]
    if main is None:
        return f"no main screen yet, screens {screens}, workers {workers}"
    shown = main.article.id if main.article is not None else None
    return (
        f"wanted {target!r}, the reader shows {shown!r} (loading {main.reading.wanted!r}), "
        f"focus {type(app.focused).__name__}, screens {screens}, "
        f"highlighted {main.article_list.highlighted_id!r} of "
        f"{len(main.article_list.articles)} rows, status {main.status.message!r} "
        f"{main.status.info!r}, workers {workers}"
    )


async def bench(
    corpus: Path, data_dir: Path, parts: set[str], stalls: Stalls | None = None
) -> dict[str, float]:
    figures: dict[str, float] = {}
    stalls = stalls or Stalls()
    started = time.perf_counter()
    app = create_app(corpus, data_dir=data_dir)
    # The UI thread's pauses count from the first frame on: "launch" until the index
    # is ready, then "use" while searching and opening articles.
    painted = Painted(app, first=lambda: stalls.begin("launch"))
    stalls.start()
    painted.expect(lambda: (s := app.main_screen()) is not None and s.article is not None)
    async with app.run_test(size=SIZE) as pilot:
        # (the article the session left, else the first row's: whatever opens first)
        figures["first_article_s"] = (
            await painted.wait(state=lambda: _open_state(app, app.main_screen(), None)) - started
        )
        main = app.main_screen()
        deadline = time.perf_counter() + 300
        while not app.index_ready and time.perf_counter() < deadline:
            await asyncio.sleep(0.01)
        await pilot.pause()
        stalls.begin("use")
        figures["rss_ready_mb"] = rss_mb()
        table = main.article_list
        figures["articles"] = len(table.articles)

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
                    # (a move that never painted was seen once, with the code before fd0197a)
                    moved = await painted.wait(state=lambda: _open_state(app, main, None))
                    moves.append(moved - t0)
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
                opens.append(
                    await painted.wait(state=lambda t=target: _open_state(app, main, t)) - t0
                )
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
                direct.append(
                    await painted.wait(state=lambda t=summary.id: _open_state(app, main, t)) - t0
                )
                await pilot.pause()
            figures["direct_p50_ms"] = statistics.median(direct) * 1000
            figures["direct_p95_ms"] = pct(direct, 0.95) * 1000
        stalls.begin(None)
        figures["rss_end_mb"] = rss_mb()
    await stalls.stop()
    for phase in ("launch", "use"):
        full = stalls.full_collections(phase)
        late = stalls.late.get(phase, [0.0])
        figures[f"{phase}_pause_max_ms"] = max(late) * 1000
        figures[f"{phase}_pause_p99_ms"] = pct(late, 0.99) * 1000
        figures[f"{phase}_pauses_over_50ms"] = sum(t >= 0.05 for t in late)
        figures[f"{phase}_gc_count"] = len(full)
        figures[f"{phase}_gc_max_ms"] = max((c[3] for c in full), default=0.0) * 1000
        figures[f"{phase}_gc_cpu_max_ms"] = max((c[4] for c in full), default=0.0) * 1000
        kept = [k for k in stalls.kept if k["phase"] == phase]
        # In CPU time, which a busy machine stretches less than wall clock: the UI
        # thread's own work in one pause (painting, a handler, a collection) and the
        # most a worker ran in one (a long call that keeps the interpreter's lock).
        figures[f"{phase}_ui_cpu_max_ms"] = (
            max((k["cpu"].get("UI", 0.0) for k in kept), default=0) * 1000
        )
        figures[f"{phase}_worker_cpu_max_ms"] = (
            max((v for k in kept for n, v in k["cpu"].items() if n != "UI"), default=0) * 1000
        )
        longest = max(kept, key=lambda k: k["late"], default=None)
        # What the longest was: the UI thread waiting for a CPU (another process on it)
        figures[f"{phase}_longest_runqueue_ms"] = longest["runqueue"] * 1000 if longest else 0.0
    figures["gc_count"] = figures["use_gc_count"]
    figures["gc_max_ms"] = figures["use_gc_max_ms"]
    return figures


def print_stalls(stalls: Stalls) -> None:
    """Each pause of :data:`STALL` or more: when, how long, each thread's CPU time in it,
    the collections in it, and where the workers that ran in it are now."""
    origin = min((span[0] for spans in stalls.spans.values() for span in spans), default=0.0)
    for kept in stalls.kept:
        cpu = ", ".join(f"{k} {v * 1000:.0f}" for k, v in sorted(kept["cpu"].items()))
        print(
            f"{kept['phase']:6} +{(kept['at'] - origin) * 1000:6.0f} ms: "
            f"{kept['late'] * 1000:4.0f} ms late; CPU ms: {cpu or '-'}; the UI thread "
            f"waited {kept['runqueue'] * 1000:.0f} ms for a CPU"
        )
        for generation, thread, _, wall, cpu_s in kept["gc"]:
            print(
                f"    collection of generation {generation} in {thread}: "
                f"{wall * 1000:.0f} ms ({cpu_s * 1000:.0f} ms CPU)"
            )
        for where in kept["where"]:
            print(f"    now {where}")


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
    parser.add_argument(
        "--code", type=Path, default=REPO, help="the checkout whose app runs (default: this one)"
    )
    parser.add_argument(
        "--why", action="store_true", help="list each pause of 15 ms or more with what ran in it"
    )
    parser.add_argument(
        "--stacks", type=Path, help="write every thread's stack here in each pause of 30 ms+"
    )
    args = parser.parse_args()
    parts = set(args.only.split(","))
    if not args.no_update:
        library = Library.open(args.corpus, data_dir=args.data_dir)
        t0 = time.perf_counter()
        report = library.update_index()
        print(f"index: {report.message or 'up to date'} ({time.perf_counter() - t0:.1f} s)")
        library.close()
    with contextlib.ExitStack() as stack:
        out = stack.enter_context(args.stacks.open("w")) if args.stacks else None
        stalls = Stalls(out)
        figures = asyncio.run(bench(args.corpus, args.data_dir, parts, stalls))
    if args.why:
        print_stalls(stalls)
    if args.machine:
        figures["first_article_ms"] = figures["first_article_s"] * 1000
        figures["pause_max_ms"] = figures["use_pause_max_ms"]
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
    for phase, what in (("launch", "first frame to index ready"), ("use", "searching, opening")):
        print(
            f"UI pauses, {phase + ':':7}  longest {figures[f'{phase}_pause_max_ms']:5.0f} ms, "
            f"p99 {figures[f'{phase}_pause_p99_ms']:4.0f} ms, "
            f"{int(figures[f'{phase}_pauses_over_50ms'])} over 50 ms ({what}; target < 50)"
        )
        print(
            f"  in CPU time: the UI thread's longest {figures[f'{phase}_ui_cpu_max_ms']:.0f} ms, "
            f"a worker's {figures[f'{phase}_worker_cpu_max_ms']:.0f} ms; the longest pause "
            f"waited {figures[f'{phase}_longest_runqueue_ms']:.0f} ms for a CPU"
        )
        print(
            f"  full collections:       {int(figures[f'{phase}_gc_count'])}, the longest "
            f"{figures[f'{phase}_gc_max_ms']:.0f} ms "
            f"({figures[f'{phase}_gc_cpu_max_ms']:.0f} ms CPU)"
        )
    print(
        f"resident memory:          {figures['rss_ready_mb']:.0f} MB with the index open, "
        f"{figures['rss_end_mb']:.0f} MB at the end  (target < 300)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
