"""The search screen's paging: the results come a page at a time (the app's
``search_limit``), and more are fetched as the cursor nears the end of those loaded,
or all of them at once (up to :data:`END_MOST`) when G or End asks for the last;
and the line that counts them (:func:`counted`).

:class:`ResultsPaging` is a part of :class:`~tui.app.screens.search.SearchScreen`,
as :class:`~tui.app.screens.search_extras.SearchExtras` is: the screen's handlers
call it; the results come back as any search's do (``SearchFinished``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.text import Text

from tui.app.safe import plain, quoted
from tui.library import ArticleSummary, SearchResult
from tui.library.searching import dated_of, no_match_advice

if TYPE_CHECKING:
    from tui.app.screens.search import SearchScreen

#: The search screen's line while no query is typed (and search can run).
TYPE_TO_SEARCH = "Type to search. Enter opens the highlighted result."


def unavailable(app: Any) -> Text | None:
    """Why search cannot run now (no article in the folder, the index still building or
    broken), as the search screen says it; None when it can."""
    if app.index_ready or app.index_searchable:
        return None
    return plain(app.index_problem or "Indexing… search is available when it finishes.")


#: How close to the end of the results the cursor comes before more are fetched.
MORE_AHEAD = 5
#: G or End loads at most this many results to go to the last (a query matching tens of
#: thousands of articles: the best this many, as scrolling would show them).
END_MOST = 5000
#: After results found while the index is being updated (they are of the index as
#: last committed; the search runs again when the update lands).
UPDATING = " · the index is being updated: these may change"


def counted(
    result: SearchResult,
    index_ready: bool,
    caveat: str = "",
    articles: Sequence[ArticleSummary] = (),
) -> Text:
    """The status line over ``result``: how many articles match (and whether more are
    to load), or that none does and what to try (a ``date:`` clause: how many of the
    ``articles`` listed have a date); that the index is being updated unless
    ``index_ready``; the ``caveat`` of the names still being found."""
    if not result.hits:
        advice = no_match_advice(result.query, lambda: dated_of(articles))
        status = plain(f"No articles match {quoted(result.query)}. {advice}")
    else:
        total, more = result.total, ResultsPaging.more_note(result)
        status = Text(f"{total:,} matching article{'s' if total != 1 else ''}{more}")
    if not index_ready:
        status.append(UPDATING, "dim")
    status.append(caveat, "dim")
    return status


class ResultsPaging:
    def __init__(self, screen: SearchScreen) -> None:
        self.screen = screen
        self.pending = False  # more of the shown results are on their way
        self.to_end = False  # G came before the rest of the results: the cursor goes last

    def _paged(self) -> SearchResult | None:
        """The results on screen, when they are the query's in the box."""
        screen = self.screen
        if screen.result is None or screen.shown_query != screen.current_query:
            return None
        return screen.result

    def near(self, index: int) -> None:
        """The cursor is on result ``index``: near the end of a list cut short, fetch the
        next page in the background."""
        result = self._paged()
        if (
            result is None
            or self.pending
            or len(result.hits) >= result.total
            or index < len(result.hits) - MORE_AHEAD
        ):
            return
        self.pending = True
        app = self.screen.dossier
        app.run_search(self.screen, result.query, len(result.hits) + app.search_limit)

    def to_last(self) -> None:
        """G or End on a list cut short: the rest is fetched (up to :data:`END_MOST`)
        and the cursor goes to the last result, not to the last of those loaded so far."""
        result = self._paged()
        if result is None or len(result.hits) >= min(result.total, END_MOST):
            return
        self.to_end = True
        self.pending = True
        self.screen.dossier.run_search(self.screen, result.query, min(result.total, END_MOST))

    def answered(self) -> None:
        """An answer came (results or an error): nothing of this query is on its way."""
        self.pending = False

    def cursor(self, result: SearchResult, where: int) -> int:
        """Where the cursor goes in more of the same results (or the same search run
        again after the index changed): where the user is reading (``where``), or the
        last result after G."""
        to_end, self.to_end = self.to_end, False
        return len(result.hits) - 1 if to_end else where

    def new_results(self) -> None:
        """Another query's results: a G asked for the last query's is forgotten."""
        self.to_end = False

    @staticmethod
    def more_note(result: SearchResult) -> str:
        """What the status line adds when not every result is loaded."""
        shown = len(result.hits)
        return f" (the best {shown}; more load as you scroll down)" if result.total > shown else ""
