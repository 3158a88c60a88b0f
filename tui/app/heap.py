"""Garbage collection kept out of the way of keys.

Textual leaves small reference cycles behind (the drawn lines were the most, until
:mod:`tui.app.strip_cycles`; restyling a widget with component classes still makes a few
dozen short-lived nodes), so Python's full collections come every few seconds of use, and
each walks every object the app holds: with the BBC corpus open, that took 60-130 ms at
whatever moment the count ran out, often in the middle of opening an article or showing
search results. So :class:`HeapKeeper`

* collects once indexing is done and freezes the survivors (:meth:`settle`): the index,
  the articles and the widgets are not walked by later full collections, which then take
  about half as long;
* does that again when the user pauses after using the app for a while;
* while keys come in, just before Python's next collection would be a full one, collects
  the young generations and freezes the rest (:meth:`touched`), so that full collection
  walks only what is new: on the BBC corpus the app bench's full collections went from
  24 of up to 110 ms to 8, those while keys came in taking 2-14 ms; the settle that
  collects what was frozen meanwhile (about 200 ms after the bench's long burst of keys)
  comes when the user stops;
* unfreezes everything when the app exits (:meth:`stop`).

Only survivors of a full collection are frozen, so no garbage is kept: what dies later is
collected at the next settle.
"""

from __future__ import annotations

import gc
import time

#: Seconds without a key or a mouse event that count as a pause.
IDLE = 1.0
#: Settle only once Python has made this many middle-generation collections since the
#: last one (about 7,000 new objects each): a key or two is not worth a full collection.
MADE = 2


class HeapKeeper:
    """When the app collects garbage itself."""

    def __init__(self) -> None:
        self.last_input = time.monotonic()
        self._settled = False
        self._used = False  # keys or the mouse since the last settle

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
        if self._settled and gc.get_count()[2] >= gc.get_threshold()[2] - 1:
            gc.collect(1)
            gc.freeze()

    def tick(self) -> None:
        """Settle if the app was used since the last settle and the user has paused."""
        if not (self._settled and self._used) or gc.get_count()[2] < MADE:
            return
        if time.monotonic() - self.last_input >= IDLE:
            self.settle()

    def settle(self) -> None:
        """Collect everything, then freeze the survivors."""
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        self._settled = True
        self._used = False

    def stop(self) -> None:
        gc.unfreeze()
        self._settled = False
