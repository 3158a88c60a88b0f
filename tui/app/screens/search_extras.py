"""The search screen's extras: the history under Up and Down, counts by facet beside
the results, saving the query by name (ctrl+s), its timeline (ctrl+t), exporting
every result (ctrl+o).

:class:`SearchExtras` is a part of :class:`~tui.app.screens.search.SearchScreen`,
as :class:`~tui.app.screens.navigation.Navigator` is of the main screen: the
screen's handlers call it, and it asks the app's workers
(:mod:`tui.app.search_workers`) for the slow parts, dropping stale answers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message
from textual.widgets import Input

from tui.app import search_messages as sm
from tui.app.history_walk import HistoryWalk
from tui.app.safe import quoted
from tui.app.widgets.facet_list import FacetList
from tui.app.widgets.search_dialogs import SaveSearchDialog
from tui.export import Cited, hits_items
from tui.library.searching import facet_clause, narrowed

if TYPE_CHECKING:
    from tui.app.screens.search import SearchScreen


class SearchExtras:
    def __init__(self, screen: SearchScreen) -> None:
        self.screen = screen
        self.walk = HistoryWalk()
        self.facets_query: str | None = None  # the query whose facets are shown or asked for

    @property
    def box(self) -> Input:
        return self.screen.query_one("#search-input", Input)

    @property
    def facet_list(self) -> FacetList:
        return self.screen.query_one("#search-facets", FacetList)

    def mounted(self) -> None:
        app = self.screen.dossier
        if app.query_history is not None:
            self.walk.queries = list(app.query_history)
        else:
            app.load_history(self.screen)

    def handle(self, message: Message) -> None:
        """What the screen hands on: the history, facets loaded, a search saved, a facet
        chosen (it narrows the query)."""
        match message:
            case sm.HistoryLoaded():
                self.history_loaded(message)
            case sm.FacetsLoaded():
                self.facets_loaded(message)
            case sm.SearchSaved():
                self.saved(message)
            case FacetList.Chosen(kind=kind, value=value):
                message.stop()
                self.narrow(kind, value)

    # -- history ---------------------------------------------------------------------------

    def history_loaded(self, message: sm.HistoryLoaded) -> None:
        self.walk.queries = list(message.queries)

    def typed(self, value: str) -> None:
        self.walk.typed(value)

    def older(self) -> bool:
        """Up in the box: the query before (False: there is none)."""
        text = self.walk.older(self.box.value)
        if text is None:
            if self.walk.queries:
                self.screen.say("That is the oldest query.", timeout=2)
            return False
        self._put(text)
        return True

    def newer(self) -> bool:
        """Down in the box while walking the history (False: not walking)."""
        text = self.walk.newer()
        if text is None:
            return False
        self._put(text)
        return True

    def _put(self, text: str) -> None:
        box = self.box
        box.value = text
        box.cursor_position = len(text)

    def remember(self, query: str) -> None:
        """A query the user ran and looked at goes into the history."""
        if query.strip():
            self.screen.dossier.remember_query(query)

    # -- facets ----------------------------------------------------------------------------

    def results_shown(self, query: str) -> None:
        """Results of ``query`` are on screen: count its facets (once per query), once
        the results are painted (the counting worker would hold up that paint)."""
        if query == self.facets_query:
            return
        self.facets_query = query
        self.screen.results.after_paint(lambda: self._count(query))

    def _count(self, query: str) -> None:
        if query == self.facets_query:  # (not another query's by now)
            self.screen.dossier.load_facets(self.screen, query)

    def results_cleared(self) -> None:
        self.facets_query = None
        self.facet_list.empty()

    def facets_loaded(self, message: sm.FacetsLoaded) -> None:
        if message.query != self.facets_query or message.query != self.box.value:
            return  # stale: the query changed since
        result = self.screen.result
        total = result.total if result is not None and result.query == message.query else 0
        self.facet_list.show(message.facets if message.error is None else None, total)
        self.screen.refresh_bindings()  # ctrl+f shows in the key bar when a facet narrows

    # -- what the keys that need results have to act on -----------------------------------

    def listed(self) -> bool:
        """Results are listed (those of the query typed, or of the one before while the
        next is on its way): something to export, narrow or put on a timeline."""
        result = self.screen.result
        return result is not None and bool(result.hits) and self.screen.shown_query is not None

    def hides(self, action: str) -> bool:
        """The key bar leaves out the keys with nothing to act on (pressed, they say why):
        export and facets without results, the timeline of a query that matched nothing
        (with no query it is every article's)."""
        if action == "export":
            return not self.listed()
        if action == "facets":  # listed only when a value narrows the results
            found = self.screen.query(FacetList)
            return not (found and found.first().values)
        if action == "timeline":
            return bool(self.box.value.strip()) and not self.listed()
        return False

    def why_none(self) -> str:
        """Why no result is listed, as a key that needs them says it."""
        screen = self.screen
        query = screen.current_query.strip()
        if not query:
            return "type a query first"
        if not screen.dossier.index_ready:
            return "the index is still being built"
        if screen.error is not None:
            return "the query cannot run (the line above says why)"
        if screen.shown_query == screen.current_query:
            return f"no article matches {quoted(query)}"
        return "the search has not answered yet"

    def export(self) -> None:
        """ctrl+o: every result of the query shown (not only those loaded), to a file."""
        screen = self.screen
        result = screen.result if screen.shown_query == screen.current_query else None
        if result is None or not result.hits:
            # A toast about this screen: it leaves with it.
            screen.say(f"Nothing to export: {self.why_none()}.", timeout=3)
            return
        query, library = result.query, screen.dossier.library

        def items() -> list[Cited]:
            return hits_items(library.search(query, limit=None).hits)

        screen.dossier.ask_export_list(screen, "search results", items, f"Search: {query}")

    def to_facets(self) -> None:
        """ctrl+f: the facets take the focus (shown even where the width hides them)."""
        self.screen.add_class("-facets")
        facets = self.facet_list
        if facets.option_count:
            self.screen.set_focus(facets)
        elif not self.listed():
            self.screen.say(f"No facets to narrow by: {self.why_none()}.", timeout=3)
        elif facets.facets is None:
            self.screen.say("The counts by facet are on their way.", timeout=3)
        else:
            self.screen.say(
                "Nothing narrows these results: each source, month and name counted "
                "is in every one of them.",
                timeout=4,
            )

    def narrow(self, kind: str, value: str) -> None:
        """Add the clause of a facet's value to the query (which searches again)."""
        self.put_query(narrowed(self.box.value, facet_clause(kind, value)))

    def put_query(self, query: str) -> None:
        self.remember(self.box.value)
        self._put(query)

    # -- saving, timeline ------------------------------------------------------------------

    def ask_save(self) -> None:
        query = self.box.value.strip()
        if not query:
            self.screen.say("Type a query first; ctrl+s saves it by name.", timeout=3)
            return
        screen = self.screen
        if screen.error is not None and screen.error_query == self.box.value:
            # Said now, not once a name was typed ("Not saved: ...").
            screen.say(f"Cannot save it: {screen.error}", timeout=4)
            return

        def named(name: str | None) -> None:
            if name:
                screen.dossier.save_search(screen, name, query)

        screen.app.push_screen(SaveSearchDialog(query, query[:40]), named)

    def saved(self, message: sm.SearchSaved) -> None:
        if message.error is not None:
            self.screen.dossier.notify(
                f"Not saved: {message.error}", severity="error", markup=False, timeout=5
            )
            return
        verb = "Replaced" if message.replaced else "Saved"
        n = message.count
        self.screen.say(
            f"{verb} search “{message.name}” ({n:,} article{'s' if n != 1 else ''}).", timeout=4
        )
        self.remember(message.query)

    def open_timeline(self) -> None:
        from tui.app.screens.timeline import TimelineScreen

        query = self.box.value.strip()

        def chosen(narrower: str | None) -> None:
            if narrower:
                self.put_query(narrower)

        self.screen.app.push_screen(TimelineScreen(query), chosen)
