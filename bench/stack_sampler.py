"""Every thread's stack while the app's UI thread is late (``bench/app_bench.py --stacks``).

A thread of its own looks every :data:`LOOK` seconds at when the UI thread's event loop
last woke (``woke()``); once it has been away :data:`AFTER` seconds or more it writes
each thread's Python stack, and again every :data:`AGAIN` seconds while the pause lasts,
so that a long pause shows how it went on.

It reads the stacks with :func:`sys._current_frames`, holding the interpreter's lock as
any Python code does: what the UI thread is doing when the interpreter switches threads
(every 5 ms while Python code runs), or where a worker is just after a long compiled call
that kept the lock (the call itself shows as its Python caller). The bench first used
:func:`faulthandler.dump_traceback_later`, whose thread reads the other threads' frames
*without* the lock, while they push and pop them: it is meant for a process that has
hung or crashed, and here it read frames being freed and ended the bench with a
segmentation fault (rc 139).
"""

from __future__ import annotations

import sys
import threading
import time
import types
from collections.abc import Callable
from pathlib import Path
from typing import IO

#: How often the sampler looks, seconds.
LOOK = 0.005
#: The UI thread away this long (seconds) has its stacks written...
AFTER = 0.03
#: ...and again this often while it stays away.
AGAIN = 0.01
#: Frames written per thread, innermost first.
DEPTH = 12


def stack_lines(frame: types.FrameType | None, depth: int = DEPTH) -> list[str]:
    """``frame`` and its callers, innermost first: "file:line function"."""
    out = []
    # (another thread's frame can be half made: CPython 3.11 once gave a type here)
    while isinstance(frame, types.FrameType) and len(out) < depth:
        code = frame.f_code
        out.append(f"{Path(code.co_filename).name}:{frame.f_lineno} {code.co_name}")
        frame = frame.f_back
    return out


class StackSampler:
    """Writes every thread's stack to ``out`` while ``woke()`` (when the UI thread's loop
    last woke, ``time.perf_counter()``; None: not counting now) is :data:`AFTER` old."""

    def __init__(self, out: IO[str], woke: Callable[[], float | None]) -> None:
        self.out = out
        self.woke = woke
        self.ui = threading.get_ident()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="stack-sampler", daemon=True)
        self.written = 0

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        last: tuple[float, float] | None = None  # (the wake-up, when written for it)
        while not self._stop.wait(LOOK):
            woke = self.woke()
            now = time.perf_counter()
            if woke is None or now - woke < AFTER:
                continue
            if last is not None and last[0] == woke and now - last[1] < AGAIN:
                continue
            last = (woke, now)
            self._write(now - woke)

    def _write(self, away: float) -> None:
        names = {t.ident: t.name for t in threading.enumerate()}
        lines = [f"-- the UI thread away {away * 1000:.0f} ms"]
        for ident, frame in sys._current_frames().items():
            if ident == threading.get_ident():
                continue
            name = "UI" if ident == self.ui else names.get(ident, str(ident))
            lines.append(f"  {name}: " + " < ".join(stack_lines(frame)))
        self.out.write("\n".join(lines) + "\n")
        self.out.flush()
        self.written += 1
