"""Writes that must all happen, in the order the user asked for them.

An exclusive worker cancels the one before it in its group; a write cancelled before
its thread started is lost (two entity corrections, or a correction and its undo,
typed within a frame: the first never reached the file, and an undo had already taken
its change off the undo list). Non-exclusive workers are never cancelled that way, but
their threads may run in any order. :class:`Turns` gives each write a ticket on the UI
thread, when it is asked for, and lets the workers' threads write in ticket order.

A worker cancelled before its thread starts (Textual's thread pool was busy: its call
is dropped from the queue) never asks for its turn: :meth:`Turns.take` keeps the
worker holding each ticket, and a waiter passes over a ticket whose worker is
cancelled or finished without having asked for it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Protocol, TypeVar

from textual.worker import get_current_worker


class Holder(Protocol):
    """What :class:`Turns` asks of the worker holding a ticket (a Textual ``Worker``)."""

    @property
    def is_cancelled(self) -> bool: ...

    @property
    def is_finished(self) -> bool: ...


HolderT = TypeVar("HolderT", bound=Holder)


class Turns:
    """Tickets handed out on the UI thread (:meth:`ticket`), served in order by the
    workers that hold them (:meth:`turn`)."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._issued = 0
        self._serving = 0
        self._given_up: set[int] = set()  # tickets whose workers stopped waiting
        self._holders: dict[int, Holder] = {}  # ticket -> its worker (see take)
        self._asked: set[int] = set()  # tickets whose workers have asked for their turn

    def ticket(self) -> int:
        """The next ticket: take it on the UI thread when the write is asked for."""
        with self._changed:
            ticket = self._issued
            self._issued += 1
            return ticket

    def take(self, start: Callable[[int], HolderT]) -> HolderT:
        """The worker ``start`` makes with the next ticket (on the UI thread), kept so
        that the tickets after it are served without it if it never runs."""
        ticket = self.ticket()
        worker = start(ticket)
        with self._changed:
            if ticket >= self._serving:
                self._holders[ticket] = worker
            self._changed.notify_all()
        return worker

    def _pass_over(self) -> None:
        """Serve the next ticket while the one being served is given up, or held by a
        worker that is cancelled or finished without having asked for it (its thread
        never ran). Holds the lock."""
        while True:
            serving = self._serving
            holder = self._holders.get(serving)
            if serving in self._given_up:
                self._given_up.remove(serving)
            elif (
                holder is None
                or serving in self._asked
                or not (holder.is_cancelled or holder.is_finished)
            ):
                return
            self._holders.pop(serving, None)
            self._serving += 1
            self._changed.notify_all()

    @contextmanager
    def turn(self, ticket: int) -> Iterator[bool]:
        """Wait for ``ticket``'s turn, then hold it for the time of the block; yields
        False when the worker was cancelled while it waited (the app is closing): its
        turn is then given up, and the tickets after it are served without it."""
        with self._changed:
            self._asked.add(ticket)
            self._pass_over()
            while self._serving < ticket:
                if get_current_worker().is_cancelled:
                    break
                self._changed.wait(0.1)
                self._pass_over()
            mine = self._serving == ticket
            if self._serving < ticket:
                self._given_up.add(ticket)
        try:
            yield mine
        finally:
            with self._changed:
                self._asked.discard(ticket)
                self._holders.pop(ticket, None)
                if mine:
                    self._serving += 1
                    self._pass_over()
                    self._changed.notify_all()
