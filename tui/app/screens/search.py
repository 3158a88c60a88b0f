"""The search screen: results update as the user types.

Each keystroke restarts a short debounce timer; when it fires, a thread worker
runs the query and posts :class:`~tui.app.messages.SearchFinished`. Results
for a query that is no longer the one in the box are dropped. Enter (or a
click) dismisses the screen with the chosen hit; the main screen opens it.
The results come a page at a time (:mod:`tui.app.screens.search_paging`); the
history, facets, saving and exporting are :mod:`tui.app.screens.search_extras`',
and the keys that reach them :mod:`tui.app.screens.search_actions`'.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Input, Label

from tui.app.messages import IndexReadyChanged, SearchFinished
from tui.app.safe import plain, quoted
from tui.app.screens.search_actions import SearchActions
from tui.app.screens.search_extras import SearchExtras
from tui.app.screens.search_keys import SEARCH_BINDINGS
from tui.app.screens.search_paging import TYPE_TO_SEARCH, ResultsPaging, counted, unavailable
from tui.app.search_messages import SearchChoice
from tui.app.widgets.facet_list import FacetList
from tui.app.widgets.hits import SyntaxHint, hit_plain, hit_prompt, latest_year
from tui.app.widgets.key_bar import KeyBar
from tui.app.widgets.query_input import QueryInput
from tui.app.widgets.results_list import LazyItems, ResultsList
from tui.app.widgets.styles import component_style
from tui.library import SearchResult

#: A search taking longer than this (seconds) says "Searching…".
SLOW_SEARCH = 0.25


class SearchScreen(SearchActions):
    """Search across every article."""

    BINDINGS: ClassVar[list[BindingType]] = SEARCH_BINDINGS
    COMPONENT_CLASSES: ClassVar[set[str]] = {"search--match"}

    def __init__(
        self, query: str = "", result: SearchResult | None = None, cursor: int = 0
    ) -> None:
        super().__init__()
        self.query_text = query
        self.result = result
        self.cursor = cursor  # the hit to put the cursor on when ``result`` is shown
        self.shown_query: str | None = None
        self.error: str | None = None  # why the query typed cannot run
        self.error_query = ""  # the query it is of
        self._timer: Timer | None = None
        self._open_when_found = False  # Enter came before the results
        self._slow: Timer | None = None
        self.extras = SearchExtras(self)
        self.paging = ResultsPaging(self)
        #: The status line holds one line of text (its height is 1 and stays so).
        self._status_one_line = False

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            box = QueryInput(
                value=self.query_text,
                placeholder="Search every article…",
                id="search-input",
            )
            box.border_title = "Search"
            yield box
            year = latest_year(a.date for a in self.dossier.articles)
            yield SyntaxHint(year, id="search-hint")
            yield Label("", id="search-status")
            with Horizontal(id="search-body"):
                yield ResultsList(id="search-results")
                yield FacetList(id="search-facets")
        yield KeyBar(id="key-bar")

    def on_mount(self) -> None:
        # Focused now, not on a later callback: keys the user typed right after "/" are
        # still waiting in the app's queue and must reach the box (see action_search).
        self.set_focus(self.query_one("#search-input", Input))
        self.extras.mounted()
        if self.result is not None and self.result.query == self.query_text:
            self._show(self.result, cursor=self.cursor)
        else:
            self._schedule(self.query_text, delay=0)

    # -- typing ----------------------------------------------------------------------------

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        self._open_when_found = False
        self.extras.typed(event.value)
        if event.value == self.shown_query and self._timer is None and self._slow is None:
            # Its results are on screen, nothing else is on its way: the box's first
            # value (the screen opened again on the last search), or a query typed
            # back. Searching again would only move the cursor back to the top.
            return
        self._schedule(event.value)

    def _schedule(self, query: str, *, delay: float | None = None) -> None:
        if delay is None:
            delay = self.dossier.debounce
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not query.strip():
            # (a folder with no article said "Type to search", then, once a word was
            # typed, that there was nothing to search: said at once now)
            self._set_status(unavailable(self.dossier) or TYPE_TO_SEARCH)
            self.results.clear()
            self.extras.results_cleared()
            self.shown_query = None
            return
        self._timer = self.set_timer(max(delay, 0.001), lambda: self._run(query))

    def _run(self, query: str) -> None:
        self._timer = None
        if query != self.current_query:
            return
        app = self.dossier
        problem = unavailable(app)
        if problem is not None:
            self._set_status(problem)
            return
        # (while an update runs, the index as last committed answers: the results say
        # so, and the query runs again when the update lands: on_index_ready_changed)
        app.run_search(self, query, app.search_limit)
        # Most searches answer in a few milliseconds; say so only when one does not.
        self._stop_slow()
        self._slow = self.set_timer(SLOW_SEARCH, self._say_searching)

    def _stop_slow(self) -> None:
        if self._slow is not None:
            self._slow.stop()
            self._slow = None

    def _say_searching(self) -> None:
        self._slow = None
        self._set_status("Searching…")

    def on_index_ready_changed(self, message: IndexReadyChanged) -> None:
        # A message from the app rather than a watch on app.index_ready: Textual keeps a
        # watcher (and so this whole screen) alive until the value next changes.
        self._schedule(self.current_query, delay=0)  # (an empty box's line too)

    @property
    def current_query(self) -> str:
        return self.query_one("#search-input", Input).value

    @property
    def results(self) -> ResultsList:
        return self.query_one("#search-results", ResultsList)

    # -- results ---------------------------------------------------------------------------

    def on_search_finished(self, message: SearchFinished) -> None:
        if message.query != self.current_query:
            return  # a stale answer to an older query
        self._stop_slow()
        self.paging.answered()
        result = message.result
        if message.error is not None or result is None:
            self.error, self.error_query = message.error or "no result", message.query
            status = Text.assemble(("Cannot search: ", "bold"), plain(self.error))
            if self.result is not None and self.result.hits and self.shown_query:
                # The last results stay while the query is being typed ("syria AND"):
                # say whose they are, or they read as this query's.
                status.append_text(plain(f" · below: {quoted(self.shown_query)}", "dim"))
            self._set_status(status)
            return
        self.error = None
        if self.result is not None and self.shown_query == message.query:
            # More of the same results, or the same search again (after the index
            # changed): keep the cursor where the user is reading (at the end after G).
            self._show(result, cursor=self.paging.cursor(result, self.results.cursor))
            return
        self.paging.new_results()
        self._show(result)
        if self._open_when_found and result.hits:
            self._open_when_found = False
            self._choose(0)

    @on(ResultsList.Highlighted, "#search-results")
    def _highlighted(self, event: ResultsList.Highlighted) -> None:
        self.paging.near(event.index)

    @on(ResultsList.ToEnd, "#search-results")
    def _to_last(self, event: ResultsList.ToEnd) -> None:
        self.paging.to_last()

    def _show(self, result: SearchResult, *, cursor: int = 0) -> None:
        self.result = result
        self.shown_query = result.query
        app = self.dossier
        status = counted(result, app.index_ready, app.names_caveat(result.query), app.articles)
        if not result.hits:
            self.results.clear()
            self.extras.results_cleared()
            self._set_status(status)  # (after: the keys that need results go with them)
            return
        self._set_status(status)
        self.extras.results_shown(result.query)
        hits = result.hits
        style = component_style(self, "search--match")
        # Only the plain text is needed to lay the hits out; a hit is styled when shown.
        self.results.set_items(
            LazyItems([hit_plain(hit) for hit in hits], lambda i: hit_prompt(hits[i], style)),
            cursor=cursor,
        )

    def restyle(self) -> None:
        if self.result is not None and self.shown_query == self.current_query:
            self._show(self.result, cursor=self.results.cursor)

    def _set_status(self, text: str | Text) -> None:
        label = self.query_one("#search-status", Label)
        # A line's text for another line's: the screen is not laid out again (Textual
        # does at every update otherwise, a few ms before each keystroke's results).
        # (a str's markup is counted as text: it can only be shorter shown)
        shown = text if isinstance(text, Text) else Text(text)
        one_line = "\n" not in shown.plain and 0 < shown.cell_len <= label.content_size.width
        label.update(text, layout=not (one_line and self._status_one_line))
        self._status_one_line = one_line
        self.refresh_bindings()  # the keys that need results come and go with them

    def key_bar_hides(self, action: str) -> bool:
        return self.extras.hides(action)

    # -- choosing --------------------------------------------------------------------------

    @on(Input.Submitted, "#search-input")
    def _submitted(self) -> None:
        if self.result is not None and self.shown_query == self.current_query:
            if self.result.hits:
                self._choose(self.results.cursor)
        elif self.current_query.strip():
            # Enter before the results came: open the best one when it does.
            self._open_when_found = True
            self._set_status("Searching… Enter opens the best result when it comes.")

    @on(ResultsList.Selected, "#search-results")
    def _selected(self, event: ResultsList.Selected) -> None:
        event.stop()
        self._choose(event.index)

    def _choose(self, index: int) -> None:
        assert self.result is not None
        self.extras.remember(self.result.query)
        self.dismiss(SearchChoice(self.result.query, self.result, index))
