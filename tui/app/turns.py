"""Writes that must all happen, in the order the user asked for them.

An exclusive worker cancels the one before it in its group; a write cancelled before
its thread started is lost (two entity corrections, or a correction and its undo,
typed within a frame: the first never reached the file, and an undo had already taken
its change off the undo list). Non-exclusive workers are never cancelled that way, but
their threads may run in any order. :class:`Turns` gives each write a ticket on the UI
thread, when it is asked for, and lets the workers' threads write in ticket order.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from textual.worker import get_current_worker


class Turns:
    """Tickets handed out on the UI thread (:meth:`ticket`), served in order by the
    workers that hold them (:meth:`turn`)."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._issued = 0
        self._serving = 0
        self._given_up: set[int] = set()  # tickets whose workers stopped waiting

    def ticket(self) -> int:
        """The next ticket: take it on the UI thread when the write is asked for."""
        with self._changed:
            ticket = self._issued
            self._issued += 1
            return ticket

    @contextmanager
    def turn(self, ticket: int) -> Iterator[bool]:
        """Wait for ``ticket``'s turn, then hold it for the time of the block; yields
        False when the worker was cancelled while it waited (the app is closing): its
        turn is then given up, and the tickets after it are served without it."""
        with self._changed:
            while self._serving < ticket:
                if get_current_worker().is_cancelled:
                    break
                self._changed.wait(0.1)
            mine = self._serving == ticket
            if self._serving < ticket:
                self._given_up.add(ticket)
        try:
            yield mine
        finally:
            if mine:
                with self._changed:
                    self._serving += 1
                    while self._serving in self._given_up:
                        self._given_up.remove(self._serving)
                        self._serving += 1
                    self._changed.notify_all()
