"""Exports from the main screen (``ctrl+o``, the palette): the chosen entity's articles,
the open article's shared passages, the last search's results.

:class:`Exports` is a part of :class:`~tui.app.screens.main.MainScreen` (its action
and the palette's commands call it); the export dialog and the writing are the app's
(:meth:`~tui.app.across_workers.AcrossWorkers.ask_export_list`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.export import Cited, hits_items, occurrences_items, passages_items

if TYPE_CHECKING:
    from tui.app.screens.main import MainScreen


class Exports:
    """What ``ctrl+o`` and the palette's exports write, for the main screen."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen

    def export_here(self) -> None:
        """The chosen entity's articles (with the entities pane open), else the open
        article's shared passages."""
        from tui.app.screens.key_hints import choose_entity

        screen, across = self.screen, self.screen.across
        if screen.entities_open and screen.steps.occurrences:
            self.export_entity()
        elif across.passages and across.loaded_id == screen.article_id:
            self.export_shared()
        else:
            search = screen.dossier.key_for("search", "/")
            screen.status.flash(
                f"Nothing to export here: choose an entity ({choose_entity(screen)}), or "
                f"search ({search}) and export there; this article shares no passage with "
                "another.",
                5,
            )

    def export_search(self) -> None:
        """Every result of the last search (the palette's "Export search results")."""
        screen = self.screen
        query, library = screen.steps.search_query, screen.dossier.library
        if not query:
            screen.status.flash("Search first (/).")
            return

        def items() -> list[Cited]:
            return hits_items(library.search(query, limit=None).hits)

        screen.dossier.ask_export_list(screen, "search results", items, f"Search: {query}")

    def export_entity(self) -> None:
        screen, steps = self.screen, self.screen.steps
        if not steps.occurrences:
            from tui.app.screens.key_hints import choose_entity

            screen.status.flash(f"Choose an entity first ({choose_entity(screen)}).")
            return
        name = steps.entity_name
        items = occurrences_items(name, steps.occurrences)
        screen.dossier.ask_export_list(
            screen, f"articles naming {name}", items, f"Articles that mention {name}"
        )

    def export_shared(self) -> None:
        screen, across = self.screen, self.screen.across
        if screen.article is None or not across.passages or across.loaded_id != screen.article_id:
            screen.status.flash("No sentence of this article appears in another one.")
            return
        items = passages_items(across.cited(), across.passages)
        heading = f"Shared passages of {screen.article.title}"
        screen.dossier.ask_export_list(screen, "shared passages", items, heading)
