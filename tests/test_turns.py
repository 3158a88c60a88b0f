"""Writes served in the order they were asked for (tui.app.turns)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tui.app import turns as turns_mod
from tui.app.turns import Turns


@dataclass
class _Worker:
    """A stand-in for the worker running the code (``get_current_worker()``): cancelled
    from the start, or after it has asked ``patience`` times (so that a waiter that
    would wait for ever ends, and says it did not get its turn)."""

    patience: int = 0
    asked: int = 0

    @property
    def is_cancelled(self) -> bool:
        self.asked += 1
        return self.asked > self.patience


def test_a_waiter_cancelled_before_its_turn_gives_its_turn_to_the_next(monkeypatch) -> None:
    # A worker cancelled while it waited left the turns at its ticket: the next one
    # waited for a turn that nobody would take, and the queue of writes stopped.
    current = _Worker(patience=10**9)
    monkeypatch.setattr(turns_mod, "get_current_worker", lambda: current)
    turns = Turns()
    first, second, third = turns.ticket(), turns.ticket(), turns.ticket()
    with turns.turn(first) as mine:
        assert mine
        current = _Worker(patience=0)  # the second write's worker, cancelled
        with turns.turn(second) as mine:
            assert not mine
    current = _Worker(patience=50)  # the third would wait about 5 s, then give up
    with turns.turn(third) as mine:
        assert mine, "the third write waited for the cancelled second"


@pytest.mark.parametrize("cancelled_first", [True, False])
def test_tickets_after_a_skipped_one_are_served_in_order(monkeypatch, cancelled_first) -> None:
    current = _Worker(patience=10**9)
    monkeypatch.setattr(turns_mod, "get_current_worker", lambda: current)
    turns = Turns()
    tickets = [turns.ticket() for _ in range(4)]
    served = []
    if cancelled_first:  # given up before the one ahead of it is served
        current = _Worker(patience=0)
        with turns.turn(tickets[1]) as mine:
            assert not mine
        current = _Worker(patience=10**9)
    with turns.turn(tickets[0]) as mine:
        served.append((0, mine))
        if not cancelled_first:  # given up while the one ahead of it writes
            current = _Worker(patience=0)
            with turns.turn(tickets[1]) as mine:
                assert not mine
    current = _Worker(patience=50)
    for n in (2, 3):
        with turns.turn(tickets[n]) as mine:
            served.append((n, mine))
    assert served == [(0, True), (2, True), (3, True)]


@dataclass
class _Never:
    """A worker cancelled (or finished) before its thread started: it never asks for
    its turn (Textual drops its call from the busy thread pool's queue)."""

    is_cancelled: bool = True
    is_finished: bool = False


@pytest.mark.parametrize("never", [_Never(), _Never(is_cancelled=False, is_finished=True)])
def test_a_worker_that_never_ran_gives_its_turn_to_the_next(monkeypatch, never) -> None:
    # The next write waited for the ticket of a worker whose thread never started, and
    # every write after it waited with it (until each was cancelled at the app's end).
    current = _Worker(patience=50)  # would wait about 5 s, then give up
    monkeypatch.setattr(turns_mod, "get_current_worker", lambda: current)
    turns = Turns()
    assert turns.take(lambda _ticket: never) is never
    later = turns.ticket()
    with turns.turn(later) as mine:
        assert mine, "the write waited for a worker that never ran"


def test_a_worker_not_yet_running_keeps_its_turn(monkeypatch) -> None:
    # A worker merely slow to start (not cancelled) is waited for: the write after it
    # gives up only when cancelled itself, its turn still behind the first.
    current = _Worker(patience=3)
    monkeypatch.setattr(turns_mod, "get_current_worker", lambda: current)
    turns = Turns()
    first = turns.take(lambda _ticket: _Never(is_cancelled=False))
    with turns.turn(turns.ticket()) as mine:
        assert not mine
    first.is_cancelled = True  # now it will never run: the next write goes ahead
    current = _Worker(patience=50)
    with turns.turn(turns.ticket()) as mine:
        assert mine
