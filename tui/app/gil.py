"""How soon the UI thread gets the interpreter back from a worker (issue 13).

CPython lets one thread run Python at a time; a thread that wants to run waits until
the one running has run for the *switch interval* (5 ms by default), then for its turn
among every thread that waits. The app's workers (reading the folder, finding an
article's names, checking the index, a search) run Python for whole seconds at launch,
often two at once, and the UI thread gives the interpreter up each time it waits for
the terminal or a timer: each time it wakes (a key, a frame) it waited up to 5 ms per
worker for it, and again after each 5 ms of its own work while workers wait. A frame
of 15 ms of the UI thread's CPU became a pause of 45-70 ms with two workers running.

At 1 ms the UI thread waits a fifth as long for each turn; the workers lose next to
nothing (a switch costs microseconds: they switch only while another thread waits).
A toy of the app's loop (bench/switch_interval.py: a 2 ms beat, two threads running
Python, load 12-18 from other processes) woke 38-82 ms late at the median at 5 ms,
2.4-14 ms at 1 ms. The interval is the process's: set while the app runs, and the one
before put back at its end (the tests run many apps in one process).
"""

from __future__ import annotations

import sys

#: The switch interval while the app runs, seconds (CPython's default is 0.005).
UI_SWITCH = 0.001


class SwitchInterval:
    """The interpreter's switch interval at :data:`UI_SWITCH` between :meth:`start`
    and :meth:`stop` (the one before put back)."""

    def __init__(self) -> None:
        self._before: float | None = None

    def start(self) -> None:
        if self._before is None:
            self._before = sys.getswitchinterval()
            sys.setswitchinterval(min(UI_SWITCH, self._before))

    def stop(self) -> None:
        if self._before is not None:
            sys.setswitchinterval(self._before)
            self._before = None
