"""When the app collects garbage itself (tui.app.heap): after indexing, and at pauses."""

from __future__ import annotations

import gc
from pathlib import Path

import tui.heap
from tests.app_helpers import make_app, ready, settle
from tui.app import heap
from tui.app import messages as m
from tui.app.heap import HeapKeeper


class FakeGC:
    """Records what the keeper asks of the collector; ``count`` is what get_count says."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.count = (0, 0, 0)
        self.threshold: tuple[int, ...] = (700, 10, 10)

    def unfreeze(self) -> None:
        self.calls.append("unfreeze")

    def collect(self, generation: int = 2) -> int:
        self.calls.append("collect" if generation == 2 else f"collect({generation})")
        return 0

    def freeze(self) -> None:
        self.calls.append("freeze")

    def get_count(self) -> tuple[int, int, int]:
        return self.count

    def get_threshold(self) -> tuple[int, int, int]:
        return self.threshold

    def set_threshold(self, *threshold: int) -> None:
        self.calls.append(f"threshold{threshold}")
        self.threshold = threshold


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def monotonic(self) -> float:
        return self.now


class FakeHeap:
    """What ``sys.getallocatedblocks`` says: ``size`` blocks."""

    def __init__(self) -> None:
        self.size = 1_000_000

    def __call__(self) -> int:
        return self.size

    def grow(self) -> None:
        self.size += max(heap.GROWTH_MIN, int(heap.GROWTH * self.size))


def test_a_pause_collects_the_young_and_everything_only_once_the_heap_grew(monkeypatch) -> None:  # noqa: ANN001
    fake, clock, size = FakeGC(), FakeClock(), FakeHeap()
    monkeypatch.setattr(heap, "gc", fake)
    monkeypatch.setattr(heap, "time", clock)
    monkeypatch.setattr(heap, "blocks", size)
    keeper = HeapKeeper()
    keeper.touched()
    clock.now += 5
    fake.count = (0, 0, 50)
    keeper.tick()
    assert fake.calls == []  # Python's own way until the first settle (indexing done)
    keeper.settle()
    assert fake.calls == ["unfreeze", "collect", "freeze"]
    fake.calls.clear()
    fake.count = (0, 0, 0)  # as after a full collection
    clock.now += 5
    keeper.tick()
    assert fake.calls == []  # not used since
    fake.count = (0, 0, heap.MADE - 1)
    keeper.touched()
    keeper.tick()
    assert fake.calls == []  # no pause yet
    clock.now += heap.IDLE
    keeper.tick()
    assert fake.calls == []  # too little made since
    fake.count = (0, 0, heap.MADE)
    step = max(heap.GROWTH_MIN, int(heap.GROWTH * size.size)) // 4 + 1  # a full one at 4 steps
    size.size += step
    keeper.tick()
    assert fake.calls == ["collect(1)", "freeze"]  # no walk of everything at a pause
    fake.calls.clear()
    keeper.tick()
    assert fake.calls == []  # once per use
    for _ in range(3):  # the heap grows a little at each pause
        keeper.touched()
        clock.now += heap.IDLE
        size.size += step
        keeper.tick()
    assert fake.calls == ["collect(1)", "freeze"] * 2 + ["unfreeze", "collect", "freeze"]
    fake.calls.clear()
    keeper.touched()
    clock.now += heap.IDLE
    keeper.tick()
    assert fake.calls == ["collect(1)", "freeze"]  # grown since the last full one: no


def test_no_full_collection_of_its_own_from_launch_to_the_first_settle(monkeypatch) -> None:  # noqa: ANN001
    fake, clock = FakeGC(), FakeClock()
    monkeypatch.setattr(heap, "gc", fake)
    monkeypatch.setattr(heap, "time", clock)
    keeper = HeapKeeper()
    keeper.start()
    assert fake.calls == ["freeze", f"threshold(700, 10, {heap.LAUNCH_OLDEST})"]
    fake.calls.clear()
    clock.now += heap.LAUNCH_SECONDS / 2
    keeper.tick()
    assert fake.calls == []  # still launching
    keeper.settle(full=False)  # the index is ready
    assert fake.calls == ["threshold(700, 10, 10)", "collect(1)", "freeze"]
    fake.calls.clear()
    keeper.settle(full=False)
    keeper.stop()
    assert "threshold(700, 10, 10)" not in fake.calls  # given back once


def test_without_a_settle_python_s_thresholds_come_back_after_a_while(monkeypatch) -> None:  # noqa: ANN001
    """An index that fails, an empty folder: no settle comes, and Python collects again."""
    fake, clock = FakeGC(), FakeClock()
    monkeypatch.setattr(heap, "gc", fake)
    monkeypatch.setattr(heap, "time", clock)
    keeper = HeapKeeper()
    keeper.start()
    fake.calls.clear()
    clock.now += heap.LAUNCH_SECONDS
    keeper.tick()
    assert fake.calls == ["threshold(700, 10, 10)"]
    fake.calls.clear()
    keeper.stop()
    assert fake.calls == ["unfreeze"]


def test_what_loads_at_launch_brings_no_full_collection() -> None:
    """The real collector: as many objects made as Python's own rule would walk the heap
    for (a quarter more than survived its last full collection, several times over),
    and no full collection until the first settle; after it, Python's thresholds."""
    full: list[int] = []

    def collected(phase: str, info: dict) -> None:
        if phase == "start" and info["generation"] == 2:
            full.append(1)

    before = gc.get_threshold()
    keeper = HeapKeeper()
    gc.callbacks.append(collected)
    try:
        keeper.start()
        made = [[n] for n in range(max(400_000, 2 * len(gc.get_objects())))]
        assert full == []
        keeper.settle(full=False)
        assert gc.get_threshold() == before
    finally:
        gc.callbacks.remove(collected)
        keeper.stop()
    assert gc.get_threshold() == before
    assert len(made) >= 400_000


def test_while_keys_come_in_a_due_full_collection_walks_only_what_is_new(monkeypatch) -> None:  # noqa: ANN001
    fake = FakeGC()
    monkeypatch.setattr(heap, "gc", fake)
    keeper = HeapKeeper()
    fake.count = (0, 0, 9)  # Python's next collection would be a full one
    keeper.touched()
    assert fake.calls == []  # not before the first settle
    keeper.settle()
    fake.calls.clear()
    fake.count = (0, 0, 3)
    keeper.touched()
    assert fake.calls == []  # a full collection is not due
    fake.count = (0, 0, 9)
    keeper.touched()
    assert fake.calls == ["collect(1)", "freeze"]  # young ones collected, the rest frozen


def test_after_indexing_only_the_young_are_collected_and_the_full_one_waits_for_growth(
    monkeypatch,  # noqa: ANN001
) -> None:
    fake, clock, size = FakeGC(), FakeClock(), FakeHeap()
    monkeypatch.setattr(heap, "gc", fake)
    monkeypatch.setattr(heap, "time", clock)
    monkeypatch.setattr(heap, "blocks", size)
    keeper = HeapKeeper()
    keeper.settle(full=False)  # what the app does once the index is ready
    assert fake.calls == ["collect(1)", "freeze"]  # no walk of everything the app holds
    fake.calls.clear()
    fake.count = (0, 0, heap.MADE)
    size.grow()
    clock.now += heap.IDLE
    keeper.tick()
    assert fake.calls == []  # not used since: nothing new to collect
    keeper.touched()
    keeper.tick()
    assert fake.calls == []  # the user has not paused yet
    clock.now += heap.IDLE
    keeper.tick()
    assert fake.calls == ["unfreeze", "collect", "freeze"]  # the full one, at a pause
    fake.calls.clear()
    clock.now += 5
    keeper.tick()
    assert fake.calls == []  # once


#: A long session in a fresh interpreter (see the test below): prints how many nodes
#: were alive after the last round, after the keeper stopped, and how many were made.
_LONG_SESSION = """
import gc
from tui.app import heap
from tui.app.heap import HeapKeeper

class Clock:
    now = 100.0

    def monotonic(self):
        return self.now

clock = heap.time = Clock()
heap.GROWTH_MIN = 20_000  # the bound in blocks only, as after a small start
heap.GROWTH = 0.0
live = [0]

class Node:
    def __init__(self):
        live[0] += 1
        self.other = self  # a cycle: only the collector frees it

    def __del__(self):
        live[0] -= 1

keeper = HeapKeeper()
keeper.settle(full=False)
rounds, made = 40, 10_000
for _ in range(rounds):
    held = [Node() for _ in range(made)]
    keeper.touched()
    gc.collect(1)  # the young generations run as they would while the app is used
    clock.now += heap.IDLE
    keeper.tick()  # the pause: what survives (held) is frozen
    del held  # and dies frozen, in cycles
alive = live[0]
keeper.stop()
gc.collect()
print(alive, live[0], rounds * made)
"""


def test_a_long_session_still_collects_the_cycles_that_died_frozen() -> None:
    """In a fresh interpreter: each full collection walks the whole process, and in the
    test process that is whatever the tests before this one left alive (20-40 s for the
    ~40 rounds' collections late in a suite, ~1 s in a process of its own), and a thread
    another test left running would have turned the keeper off."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", _LONG_SESSION],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    alive, left, made = map(int, done.stdout.split())
    assert alive < made // 4  # without full collections all would be alive
    assert left == 0


async def test_the_app_settles_without_a_full_collection(seeds_copy: Path, monkeypatch) -> None:  # noqa: ANN001
    asked: list[int] = []

    class Spy:
        """The real collector, with the generations the keeper collects recorded."""

        def __getattr__(self, name: str) -> object:
            return getattr(gc, name)

        def collect(self, generation: int = 2) -> int:
            asked.append(generation)
            return gc.collect(generation)

    monkeypatch.setattr(heap, "gc", Spy())
    app = make_app(seeds_copy)
    async with app.run_test() as pilot:
        await ready(pilot)
        asked.clear()
        app.main_screen().feed.index_finished(m.IndexFinished(""))
        await settle(pilot)
        assert gc.get_freeze_count() > 0
        # the young generations only (after indexing, and again once the search's
        # warm-up, started there, is done)
        assert asked == [1, 1]


async def test_reading_then_pausing_walks_everything_only_once_the_heap_grew(
    seeds_copy: Path,
    monkeypatch,  # noqa: ANN001
) -> None:
    asked: list[int] = []

    class Spy:
        def __getattr__(self, name: str) -> object:
            return getattr(gc, name)

        def collect(self, generation: int = 2) -> int:
            asked.append(generation)
            return gc.collect(generation)

    monkeypatch.setattr(heap, "gc", Spy())
    app = make_app(seeds_copy)
    async with app.run_test() as pilot:
        await ready(pilot)
        app.main_screen().feed.index_finished(m.IndexFinished(""))
        await settle(pilot)
        asked.clear()
        for _ in range(2):
            for key in ("j", "j", "k", "enter", "escape"):
                await pilot.press(key)
            gc.collect(1)
            gc.collect(1)  # Python's young collections while reading: a pause is worth it
            app.heap.last_input -= heap.IDLE  # the user pauses
            app.heap.tick()
        assert asked and 2 not in asked  # the young generations only
        monkeypatch.setattr(heap, "blocks", lambda: 10**12)  # the heap has grown
        await pilot.press("j")
        gc.collect(1)
        gc.collect(1)
        app.heap.last_input -= heap.IDLE
        app.heap.tick()
        assert asked[-1] == 2  # now everything, at the pause


def test_between_keys_a_due_full_collection_walks_only_what_is_new(monkeypatch) -> None:  # noqa: ANN001
    fake = FakeGC()
    monkeypatch.setattr(heap, "gc", fake)
    keeper = HeapKeeper()
    keeper.settle()
    fake.calls.clear()
    fake.count = (0, 0, 3)
    keeper.tick()
    assert fake.calls == []  # not due
    fake.count = (0, 0, 9)  # workers made enough for Python's next one to be full
    keeper.tick()
    assert fake.calls == ["collect(1)", "freeze"]


def test_stop_unfreezes() -> None:
    keeper = HeapKeeper()
    keeper.settle()
    assert gc.get_freeze_count() > 0
    keeper.stop()
    assert gc.get_freeze_count() == 0


async def test_the_app_settles_after_indexing_and_unfreezes_on_exit(seeds_copy: Path) -> None:
    app = make_app(seeds_copy)
    async with app.run_test() as pilot:
        await ready(pilot)
        await settle(pilot)
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


def test_the_keeper_tunes_only_cpythons_three_generations() -> None:
    assert heap.why_off(env={}, implementation="cpython", version=(3, 13)) is None
    assert "3.14" in (heap.why_off(env={}, version=(3, 14)) or "")
    assert "pypy" in (heap.why_off(env={}, implementation="pypy") or "")
    assert "free-threaded" in (heap.why_off(env={}, free_threaded=True) or "")
    assert heap.why_off(env={heap.ENV_OFF: "1"}) == f"{heap.ENV_OFF} is set"
    assert heap.why_off(env={heap.ENV_OFF: "0"}, version=(3, 11)) is None


def test_switched_off_the_keeper_leaves_collection_to_python(monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv(heap.ENV_OFF, "1")
    fake = FakeGC()
    monkeypatch.setattr(heap, "gc", fake)
    keeper = HeapKeeper()
    assert keeper.off
    keeper.settle()
    fake.count = (0, 0, 9)
    keeper.touched()
    keeper.last_input -= 10
    keeper.tick()
    keeper.stop()
    assert fake.calls == []


def test_freed_pages_go_back_to_the_system_where_the_allocator_is_glibc() -> None:
    import platform

    from tui.heap import give_back

    assert give_back() is (platform.libc_ver()[0] == "glibc")
    assert give_back() is (platform.libc_ver()[0] == "glibc")  # looked up once, kept


def test_each_pause_after_use_hands_the_freed_pages_back(monkeypatch) -> None:  # noqa: ANN001
    """What a search or an article freed goes back to the system at the next pause
    (and at each settle), not only after indexing: glibc keeps freed pages for the
    process otherwise. Once per pause: not at every tick while the user reads."""
    trims: list[int] = []
    clock = FakeClock()
    monkeypatch.setattr(heap, "gc", FakeGC())
    monkeypatch.setattr(heap, "time", clock)
    monkeypatch.setattr(tui.heap, "_trim", trims.append)
    keeper = HeapKeeper()
    keeper.settle(full=False)
    assert trims == [0]
    keeper.touched()
    keeper.tick()
    assert trims == [0]  # keys still coming
    clock.now += heap.IDLE
    keeper.tick()
    keeper.tick()
    assert trims == [0, 0]
    keeper.touched()
    clock.now += heap.IDLE
    keeper.tick()
    assert trims == [0, 0, 0]
    keeper.settle()
    assert trims == [0, 0, 0, 0]


async def test_what_the_imports_made_is_frozen_at_launch_before_any_settle(
    seeds_copy: Path,
    monkeypatch,  # noqa: ANN001
) -> None:
    """Before the first settle Python collects on its own while the folder is read: its
    full collections walked every module's objects too (146 ms at 50,000 articles)."""
    at_mount: list[int] = []
    monkeypatch.setattr(HeapKeeper, "settle", lambda self, full=True: None)  # no settle
    app = make_app(seeds_copy)
    original = HeapKeeper.start

    def start(self: HeapKeeper) -> None:
        original(self)
        at_mount.append(gc.get_freeze_count())

    monkeypatch.setattr(HeapKeeper, "start", start)
    async with app.run_test() as pilot:
        await ready(pilot)
        assert at_mount and at_mount[0] > 0
        assert gc.get_freeze_count() > 0  # still, without a settle
    assert gc.get_freeze_count() == 0  # and given back at exit


async def test_what_the_search_warm_up_read_is_frozen_once_it_is_done(
    seeds_copy: Path,
    monkeypatch,  # noqa: ANN001
) -> None:
    """The warm-up (every article's facet record) ends after the settle that follows
    indexing: what it read, left to Python, made a full collection in the middle of
    the first searches (40 ms of the UI thread at 50,000 articles)."""
    read: list[list[dict[str, int]]] = []

    def warm_up() -> None:
        read.append([{"article": n} for n in range(1000)])  # what stays, as a record does

    app = make_app(seeds_copy)
    async with app.run_test() as pilot:
        await ready(pilot)
        monkeypatch.setattr(app.library, "warm_up", warm_up)
        app.warm_search()
        await settle(pilot)
        assert read
        kept = read[0]
        # frozen: in no generation a collection walks (gc.get_objects leaves frozen out)
        assert not any(o is kept for o in gc.get_objects())


def test_a_busy_launch_holds_full_collections_past_the_launch_seconds(monkeypatch) -> None:  # noqa: ANN001
    """On a loaded machine the launch of 50,000 articles took 12-24 s: after
    LAUNCH_SECONDS Python's thresholds came back while the folder was still read, and
    two full collections of 66-68 ms ran in its worker, the interpreter's lock held."""
    fake, clock = FakeGC(), FakeClock()
    monkeypatch.setattr(heap, "gc", fake)
    monkeypatch.setattr(heap, "time", clock)
    busy = [True]
    keeper = HeapKeeper(busy=lambda: busy[0])
    keeper.start()
    fake.calls.clear()
    clock.now += heap.LAUNCH_SECONDS * 3
    keeper.tick()
    assert fake.calls == []  # still reading: held
    busy[0] = False
    keeper.tick()
    assert fake.calls == ["threshold(700, 10, 10)"]  # no settle came: Python's own again


def test_a_settle_while_a_worker_runs_keeps_the_hold_until_it_ends(monkeypatch) -> None:  # noqa: ANN001
    """The index is ready and settles while the search's warm-up starts (it reads every
    article's facet record): Python's thresholds back then made a full collection of
    ~45 ms in the warm-up's worker. The hold stays until the work ends."""
    fake, clock = FakeGC(), FakeClock()
    monkeypatch.setattr(heap, "gc", fake)
    monkeypatch.setattr(heap, "time", clock)
    busy = [True]
    keeper = HeapKeeper(busy=lambda: busy[0])
    keeper.start()
    fake.calls.clear()
    keeper.settle(full=False)
    assert fake.calls == ["collect(1)", "freeze"]  # held still
    fake.calls.clear()
    keeper.tick()
    assert fake.calls == []
    busy[0] = False
    keeper.settle(full=False)  # the warm-up's end
    assert fake.calls == ["threshold(700, 10, 10)", "collect(1)", "freeze"]
    fake.calls.clear()
    # a later update (new files, a rebuild): held while it runs, then given back
    busy[0] = True
    keeper.tick()
    assert fake.calls == [f"threshold(700, 10, {heap.LAUNCH_OLDEST})"]
    fake.calls.clear()
    busy[0] = False
    keeper.tick()
    assert fake.calls == ["threshold(700, 10, 10)"]


async def test_full_collections_wait_while_the_search_warms_up(
    indexed_seeds: Path,
    monkeypatch,  # noqa: ANN001
) -> None:
    """The settle after indexing gave Python its thresholds back while the warm-up read
    every article's facet record: a full collection in its worker (~45 ms at 50,000
    articles, the interpreter's lock held) before the warm-up's own settle."""
    import threading

    from tui.library import Library

    go = threading.Event()
    warming = threading.Event()

    def warm_up(self) -> None:  # noqa: ANN001
        warming.set()
        go.wait(10)

    monkeypatch.setattr(Library, "warm_up", warm_up)
    app = make_app(indexed_seeds)
    async with app.run_test() as pilot:
        try:
            # (not ready(): it waits for every worker, this one too)
            for _ in range(200):
                if warming.is_set():
                    break
                await pilot.pause(0.05)
            assert warming.is_set()
            for _ in range(3):  # the settle after the index's refresh, ticks
                await pilot.pause(0.3)
            assert gc.get_threshold()[2] == heap.LAUNCH_OLDEST  # held while it warms up
        finally:
            go.set()
        await settle(pilot)
        assert gc.get_threshold()[2] != heap.LAUNCH_OLDEST  # Python's own once it is done
