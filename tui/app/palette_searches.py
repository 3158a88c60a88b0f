"""Command palette entries for saved searches: ``Saved search: <name>`` runs one.

Each entry says how many articles the search finds and how many are new since it
was last opened; the counts are read from the index in a worker when the palette
opens (see :class:`~tui.app.palette.GoTo`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from textual.markup import escape

from tui.app.palette import GoTo
from tui.app.screens.saved_searches import names_its_query
from tui.library.searching import SavedSearchStatus

if TYPE_CHECKING:
    from tui.app.screens.main import MainScreen


class SavedSearchCommands(GoTo[SavedSearchStatus]):
    """``Saved search: <name>``, also found by its query."""

    KIND = "saved search"
    GROUP = "palette-searches"

    def fetch(self) -> Callable[[], Iterable[SavedSearchStatus]]:
        library = self.dossier.library

        def statuses() -> list[SavedSearchStatus]:
            return [library.saved_search_status(s) for s in library.saved_searches()]

        return statuses

    def label(self, item: SavedSearchStatus) -> str:
        return f"Saved search: {item.name}"

    def name(self, item: SavedSearchStatus) -> str:
        return item.name

    def also(self, item: SavedSearchStatus) -> str:
        return item.query

    def describe(self, item: SavedSearchStatus) -> str:
        # The query, unless the name (on the line above) says it already.
        query = "" if names_its_query(item) else f"{item.query} · "
        if item.error:
            return escape(f"{query}cannot run: {item.error}")
        n = item.count
        counts = f"{n:,} article{'s' if n != 1 else ''}" + (
            f", {item.new:,} new" if item.new else ""
        )
        return escape(f"{query}{counts}")

    def go(self, screen: MainScreen, item: SavedSearchStatus) -> None:
        screen.story.run_saved(item.name, item.query)
