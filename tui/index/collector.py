"""Searches that can be stopped: by the caller (a newer search) or by a time limit."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from tui.index import whoosh_imports  # noqa: F401 - first: Whoosh without two modules it never uses

# isort: split
from whoosh.collectors import WrappingCollector

from tui.index.errors import QuerySyntaxError, SearchCancelled

#: A search still collecting after this many seconds is stopped with a message (the
#: limits of :mod:`tui.index.query` keep every query measured well under it).
SEARCH_TIME_LIMIT = 10.0


class Stoppable(WrappingCollector):
    """A collector that stops when ``cancelled()`` turns true or time runs out.

    Checked every few hundred documents: the cost of a check is nothing next to
    scoring them, and a search is stopped within milliseconds.
    """

    def __init__(
        self,
        child: Any,
        cancelled: Callable[[], bool] | None,
        seconds: float = SEARCH_TIME_LIMIT,
    ) -> None:
        super().__init__(child)
        self.cancelled = cancelled
        self.seconds = seconds
        self.deadline = 0.0

    def prepare(self, top_searcher: Any, q: Any, context: Any) -> None:
        self.deadline = time.monotonic() + self.seconds
        self._check()
        self.child.prepare(top_searcher, q, context)

    def _check(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise SearchCancelled("search stopped")
        if time.monotonic() > self.deadline:
            raise QuerySyntaxError(
                f"the query took more than {self.seconds:.0f} s: make it narrower"
            )

    def set_subsearcher(self, subsearcher: Any, offset: int) -> None:
        self._check()
        super().set_subsearcher(subsearcher, offset)

    def collect_matches(self) -> None:
        child = self.child
        for n, sub_docnum in enumerate(child.matches()):
            if n % 256 == 255:
                self._check()
            child.collect(sub_docnum)


def stopper(
    cancelled: Callable[[], bool] | None, seconds: float = SEARCH_TIME_LIMIT
) -> Callable[[], None]:
    """A check that raises as :class:`Stoppable` does, for a search that does not run
    through a collector: :class:`SearchCancelled` once ``cancelled()`` is true,
    :class:`QuerySyntaxError` ``seconds`` after it was made."""
    deadline = time.monotonic() + seconds

    def check() -> None:
        if cancelled is not None and cancelled():
            raise SearchCancelled("search stopped")
        if time.monotonic() > deadline:
            raise QuerySyntaxError(f"the query took more than {seconds:.0f} s: make it narrower")

    check()
    return check
