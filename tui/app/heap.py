"""Garbage collection kept out of the way of keys.

Textual leaves small reference cycles behind (the drawn lines were the most, until
:mod:`tui.app.strip_cycles`; restyling a widget with component classes still makes a few
dozen short-lived nodes), so Python's full collections come every few seconds of use, and
each walks every object the app holds: with the BBC corpus open, that took 60-130 ms at
whatever moment the count ran out, often in the middle of opening an article or showing
search results. So :class:`HeapKeeper`

* at launch freezes what the imports made and holds Python's full collections back
  until the first settle (:meth:`start`): the young generations are collected as
  usual, but nothing walks the folder's listing while it loads; and holds them back
  again whenever the app's long workers run (``busy``: reading the folder, updating
  the index, the search's warm-up), which make what lives on and settle at their end;
* once indexing is done, collects the young generations and freezes everything
  (:meth:`settle` with ``full=False``): the index, the articles and the widgets are not
  walked by later full collections. A full collection there would walk every object the
  app holds, 100-400 ms at 50,000 articles, just as the user starts reading or typing;
  it waits for a pause once the heap has grown (below);
* when the user pauses after using the app for a while, does that again: the young
  generations collected, what survives frozen, a few milliseconds; a full collection
  (unfreeze, collect everything, freeze) walks every object the app holds, 180-500 ms at
  50,000 articles, and was the app's longest pause while reading, so it runs at a pause
  only once the heap has grown by :data:`GROWTH` (at least :data:`GROWTH_MIN` memory
  blocks, ``sys.getallocatedblocks``, constant time) since the last one: garbage frozen
  meanwhile (cycles that died after they were frozen) is collected then, so memory stays
  within that bound over a long session;
* at each pause after use (and each settle), hands the C allocator's free pages back to
  the system (:func:`give_back`, ~1 ms): glibc keeps what a search or an article freed
  for the process otherwise (at 50,000 articles ~17 MB after six searches);
* while keys come in, just before Python's next collection would be a full one, collects
  the young generations and freezes the rest (:meth:`touched`), so that full collection
  walks only what is new: on the BBC corpus the app bench's full collections went from
  24 of up to 110 ms to 8, those while keys came in taking 2-14 ms; :meth:`tick` does
  the same every half second, for what workers make between keys;
* unfreezes everything when the app exits (:meth:`stop`).

Only survivors of a collection are frozen; what dies later in a cycle is collected at the
next full collection, at a pause once the heap has grown enough.

All of this assumes CPython's collector of three generations, as in 3.11 to 3.13, where a
full collection walks every tracked object and ``get_count()[2]`` counts towards it. The
incremental collector of 3.14, a free-threaded build or another Python work otherwise, so
there (and whenever ``DOSSIER_NO_HEAP_TUNING`` is set) the keeper leaves collection to
Python: :func:`why_off` says why.
"""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable, Iterable

from textual.worker import Worker, WorkerState

from tui.heap import ENV_OFF, give_back, why_off  # noqa: F401 - ENV_OFF: named here too

#: Seconds without a key or a mouse event that count as a pause.
IDLE = 1.0
#: Settle at a pause only once Python has made this many middle-generation collections
#: since the last full one (about 7,000 new objects each).
MADE = 2
#: A pause runs a full collection only once the heap (allocated memory blocks) has grown
#: by this fraction since the last one, and by at least GROWTH_MIN blocks: at 1.0 the
#: heap is at most twice what was alive after the last one (Go's default, GOGC=100).
GROWTH = 1.0
GROWTH_MIN = 200_000
#: The oldest generation's threshold from launch until the first settle: no full
#: collection comes on its own meanwhile (Python's is 10 middle-generation collections).
LAUNCH_OLDEST = 1_000_000
#: Seconds after launch at most that Python's own thresholds stay away without a
#: settle (an index that fails, an empty folder: no settle comes), unless the app is
#: busy: while the folder is read or the index updated they stay away however long
#: that takes (on a loaded machine the launch of a 50,000-article folder took 12-24 s,
#: and after 10 s two full collections of 66-68 ms ran in the folder's worker).
LAUNCH_SECONDS = 10.0


#: How big the heap is: allocated memory blocks (constant time; tests replace it).
blocks = sys.getallocatedblocks

#: The app's workers that make what lives on (groups): the folder read, the index
#: update, the search's warm-up.
LONG_WORKERS = frozenset({"scan", "index", "warm"})


def long_work(workers: Iterable[Worker[object]]) -> bool:
    """Whether one of :data:`LONG_WORKERS` waits or runs (a ``busy`` for the keeper)."""
    return any(
        worker.group in LONG_WORKERS and worker.state in (WorkerState.PENDING, WorkerState.RUNNING)
        for worker in workers
    )


class HeapKeeper:
    """When the app collects garbage itself (nothing, where :func:`why_off` says so)."""

    def __init__(self, busy: Callable[[], bool] = lambda: False) -> None:
        """``busy``: whether a long worker runs now (the folder read, an index update,
        the search's warm-up), which makes what lives on: Python's full collections
        stay away meanwhile (each would walk everything the app holds, in that worker,
        with the interpreter's lock held: 40-70 ms at 50,000 articles), and the settle
        at its end freezes what it made."""
        self.busy = busy
        self.last_input = time.monotonic()
        #: Python's thresholds while :meth:`start`'s are in place, and since when.
        self._held: tuple[tuple[int, ...], float] | None = None
        self._settled = False
        self._used = False  # keys or the mouse since the last settle
        self._trimmed = True  # freed pages handed back since the last key or mouse event
        #: Allocated memory blocks after the last full collection (or the first settle).
        self._blocks = 0
        #: Why the keeper does nothing, or None.
        self.off = why_off()

    def start(self) -> None:
        """At launch: what the imports made (the modules, Textual's and Rich's tables)
        lives as long as the app, so it is frozen now, out of every full collection's
        walk; and until the first settle (or :data:`LAUNCH_SECONDS`) Python makes no
        full collection of its own: the young generations are collected as usual.

        The folder's listing loads meanwhile (at 50,000 articles the manifest's rows,
        an entry and a summary per article: ~150,000 objects that live on), and Python's
        rule (a full collection once a quarter more survived the middle generation)
        walked the heap four to seven times as it grew, 50-90 ms of CPU each in
        whichever thread allocated then: the scan's worker, which holds the
        interpreter's lock meanwhile, or the UI thread, so either way a pause of the
        UI. Those collections freed next to nothing (2,000 objects at most, in all).
        What does die in a cycle meanwhile stays until the first full collection at a
        pause once the heap has grown, as what dies frozen later does.

        (Freezing what survived the young generations whenever Python's next collection
        would be a full one, 562f161, did the same for the pauses, but the app bench's
        memory at its end rose by ~20 MB, not understood; reverted in 19e15c2.)"""
        if not self.off:
            gc.freeze()
            self._hold()

    def _hold(self) -> None:
        """No full collection of Python's own until :meth:`_release`."""
        if self._held is None:
            thresholds = gc.get_threshold()
            self._held = (thresholds, time.monotonic())
            gc.set_threshold(*thresholds[:2], LAUNCH_OLDEST)

    def _release(self) -> None:
        """Python's own thresholds back (the first settle, the launch's time up, the end)."""
        if self._held is not None:
            gc.set_threshold(*self._held[0])
            self._held = None

    def touched(self) -> None:
        """The user pressed a key or used the mouse.

        Once settled, when Python's next collection would be a full one, the young
        generations are collected (a few milliseconds) and what survives is frozen
        (constant time), so no full collection walks everything the app holds while
        keys come in. Garbage frozen with the rest waits for the next settle, at a
        pause.
        """
        self.last_input = time.monotonic()
        self._used = True
        self._trimmed = False
        if self.off:
            return
        if self._settled and gc.get_count()[2] >= gc.get_threshold()[2] - 1:
            gc.collect(1)
            gc.freeze()

    def tick(self) -> None:
        """At a pause after use: collect the young generations and freeze the rest, and
        collect everything only if the heap grew by :data:`GROWTH` since the last time."""
        if self.off:
            return
        busy = self.busy()
        if self._held is None:
            if busy:
                self._hold()  # a later update, a rebuild: until its settle
        elif not busy and (self._settled or time.monotonic() - self._held[1] >= LAUNCH_SECONDS):
            self._release()  # no settle came: Python collects on its own again
        if not self._settled:
            return
        if gc.get_count()[2] >= gc.get_threshold()[2] - 1:
            # What workers made between keys would bring Python's full collection.
            gc.collect(1)
            gc.freeze()
        if not self._trimmed and time.monotonic() - self.last_input >= IDLE:
            # at each pause after use, once: what the searches and articles of that
            # use freed goes back to the system (~1 ms)
            give_back()
            self._trimmed = True
        if not self._used or gc.get_count()[2] < MADE:
            return
        if time.monotonic() - self.last_input >= IDLE:
            self.settle(full=self.grown())

    def grown(self) -> bool:
        """Whether the heap grew enough since the last full collection to collect it all."""
        return blocks() - self._blocks >= max(GROWTH_MIN, GROWTH * self._blocks)

    def settle(self, *, full: bool = True) -> None:
        """Collect everything, then freeze the survivors; with ``full`` False, collect
        the young generations only and freeze the rest (constant time whatever the app
        holds), leaving the full collection for a pause once the heap has grown. While
        the app is busy the hold stays (the warm-up starts as the index is ready): the
        next settle, or the tick after the work, lifts it."""
        if self.off:
            return
        if not self.busy():
            self._release()
        if full:
            gc.unfreeze()
            gc.collect()
        else:
            gc.collect(1)
        gc.freeze()
        give_back()  # what the collection freed
        if full or not self._settled:
            self._blocks = blocks()
        self._settled = True
        self._used = False

    def stop(self) -> None:
        self._release()
        if not self.off:
            gc.unfreeze()
        self._settled = False
