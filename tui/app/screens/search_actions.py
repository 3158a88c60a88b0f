"""The search screen's keys that hand on: back (Esc), the results, the query box, and
the extras' keys (history, facets, saving, the timeline, exporting), with the extras'
answers handed to :class:`~tui.app.screens.search_extras.SearchExtras`.

:class:`SearchActions` is the base of :class:`~tui.app.screens.search.SearchScreen`,
which composes the screen, runs the queries and shows their results.
"""

from __future__ import annotations

from textual import on
from textual.message import Message
from textual.widgets import Input

from tui.app import search_messages as sm
from tui.app.base import DossierScreen
from tui.app.screens.search_extras import SearchExtras
from tui.app.search_messages import SearchChoice
from tui.app.widgets.facet_list import FacetList
from tui.app.widgets.results_list import ResultsList
from tui.app.widgets.styles import ThemeAware
from tui.library import SearchResult


class SearchActions(ThemeAware, DossierScreen[SearchChoice]):
    """The search screen's keys; the parts they reach are set by the screen."""

    result: SearchResult | None
    shown_query: str | None
    extras: SearchExtras

    # -- what the screen (which derives from this class) provides -----------------------

    @property
    def current_query(self) -> str:
        """The query in the box."""
        raise NotImplementedError

    @property
    def results(self) -> ResultsList:
        """The list of hits."""
        raise NotImplementedError

    # -- keys ------------------------------------------------------------------------------

    def action_back(self) -> None:
        if self.focused is self.extras.facet_list:
            # Esc in the facets (ctrl+f) goes back to the results, as Esc from a hit
            # does, rather than out of the search; where the width hides the facets,
            # they go again.
            self.remove_class("-facets")
            self.set_focus(self.results if self.results.item_count else self.query_one(Input))
            return
        result = self.result if self.shown_query == self.current_query else None
        # A search still running is stopped: its answer would go nowhere.
        self.app.workers.cancel_group(self.app, "search")
        if result is not None and result.hits:
            self.extras.remember(result.query)
        self.dismiss(SearchChoice(self.current_query, result, -1))

    def action_export(self) -> None:
        self.extras.export()

    def action_results(self) -> None:
        if self.focused is self.query_one("#search-input", Input) and self.extras.newer():
            return
        if self.results.item_count:
            self.set_focus(self.results)

    def action_history(self) -> None:
        box = self.query_one("#search-input", Input)
        self.set_focus(box)
        self.extras.older()

    def action_save(self) -> None:
        self.extras.ask_save()

    def action_facets(self) -> None:
        self.extras.to_facets()

    def action_timeline(self) -> None:
        self.extras.open_timeline()

    @on(sm.HistoryLoaded)
    @on(sm.FacetsLoaded)
    @on(sm.SearchSaved)
    @on(FacetList.Chosen)
    def _extras(self, message: Message) -> None:
        """The extras' answers (history, facets, a search saved) and a facet chosen."""
        self.extras.handle(message)

    def action_focus_input(self) -> None:
        """``/``: the query box, its query selected (typing replaces it, as a new search)."""
        box = self.query_one("#search-input", Input)
        self.set_focus(box)
        box.select_all()
