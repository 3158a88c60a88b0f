"""Up and Down in a text box walk the queries typed before, as in a shell.

:class:`HistoryWalk` is the bookkeeping, without widgets: Up from the text being
typed goes to the newest query that differs from it, then older ones; Down comes
back, and past the newest gives back what was being typed.
"""

from __future__ import annotations


class HistoryWalk:
    def __init__(self, queries: list[str] | None = None) -> None:
        self.queries: list[str] = list(queries or [])
        self.position: int | None = None  # index into queries; None: not walking
        self.draft = ""  # what was in the box before the walk began
        self.shown: str | None = None  # the text the walk last put in the box

    @property
    def walking(self) -> bool:
        return self.position is not None

    def older(self, current: str) -> str | None:
        """The query before the one shown (None: there is none)."""
        if self.position is None:
            self.draft = current
            start = len(self.queries)
        else:
            start = self.position
        for index in range(start - 1, -1, -1):
            if self.queries[index] != current:
                self.position = index
                self.shown = self.queries[index]
                return self.shown
        return None

    def newer(self) -> str | None:
        """The query after the one shown, or the draft past the newest (None: not walking)."""
        if self.position is None:
            return None
        shown = self.queries[self.position]
        for index in range(self.position + 1, len(self.queries)):
            if self.queries[index] != shown:
                self.position = index
                self.shown = self.queries[index]
                return self.shown
        self.position = None
        self.shown = self.draft
        return self.draft

    def typed(self, value: str) -> None:
        """The box changed: an edit by the user ends the walk (the walk's own does not)."""
        if value != self.shown:
            self.position = None
            self.shown = None
