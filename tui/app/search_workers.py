"""The search extras' slow calls, as thread workers of the app: the query history,
saved searches, counts by facet, the timeline, and which articles have bookmarks.

Like :mod:`tui.app.workers`, each posts a typed message (:mod:`tui.app.search_messages`)
to the node that asked and never touches a widget; handlers drop stale answers.
The history is also kept in memory (:attr:`SearchWorkers.query_history`), so that a
query run a moment ago is there for Up at once, whatever the disk write's pace.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import work
from textual.app import App
from textual.message import Message
from textual.message_pump import MessagePump
from textual.worker import get_current_worker

from tui.app import search_messages as sm
from tui.library import Library
from tui.library.timeline import Scale


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _answer(
    target: MessagePump,
    message: Callable[..., Message],
    query: str,
    compute: Callable[[], object],
) -> None:
    """Post ``message(query, what compute() gives)`` to ``target``, or
    ``message(query, None, error)`` for a query the index cannot run; nothing when the
    worker was cancelled meanwhile (a newer query is on its way)."""
    from tui.library import QueryError

    try:
        value = compute()
    except QueryError as exc:
        target.post_message(message(query, None, _one_line(exc)))
        return
    if not _cancelled():
        target.post_message(message(query, value))


def _cancelled() -> bool:
    return get_current_worker().is_cancelled


class SearchWorkers(App[None]):
    """A base class of DossierApp: the workers of history, saved searches, facets, timeline."""

    library: Library
    #: The corpus's earlier queries, oldest first (None until read from disk).
    query_history: list[str] | None = None

    # -- history ---------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="history", exit_on_error=False)
    def load_history(self, target: MessagePump) -> None:
        if self.query_history is None:
            queries = self.library.history.queries()
            if self.query_history is None:  # not remembered meanwhile
                self.query_history = queries
        target.post_message(sm.HistoryLoaded(list(self.query_history or [])))

    def remember_query(self, query: str) -> None:
        """Note ``query`` as the newest of the history, in memory now and on disk soon."""
        text = query.strip()
        if not text:
            return
        if self.query_history is not None:
            if text in self.query_history:
                self.query_history.remove(text)
            self.query_history.append(text)
        self._write_history(text)

    @work(thread=True, group="history-write", exit_on_error=False)
    def _write_history(self, query: str) -> None:
        self.library.history.add(query)

    # -- saved searches --------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="saved-searches", exit_on_error=False)
    def load_saved_searches(self, target: MessagePump) -> None:
        self._post_saved_searches(target)

    def _post_saved_searches(self, target: MessagePump) -> None:
        from tui.bookmarks import BookmarkError

        try:
            rows = [self.library.saved_search_status(s) for s in self.library.saved_searches()]
        except BookmarkError as exc:
            target.post_message(sm.SavedSearchesLoaded([], _one_line(exc)))
            return
        if not _cancelled():
            target.post_message(sm.SavedSearchesLoaded(rows))

    @work(thread=True, group="search-save", exit_on_error=False)
    def save_search(self, target: MessagePump, name: str, query: str) -> None:
        from tui.bookmarks import BookmarkError, SavedSearchError
        from tui.library import QueryError

        try:
            saved, replaced = self.library.save_search(name, query)
        except (QueryError, SavedSearchError, BookmarkError) as exc:
            target.post_message(sm.SearchSaved(name, query, error=_one_line(exc)))
            return
        target.post_message(sm.SearchSaved(saved.name, saved.query, saved.seen_count, replaced))

    @work(thread=True, group="search-open", exit_on_error=False)
    def mark_saved_search_opened(self, name: str) -> None:
        """Its current articles are seen now: none of them counts as new any more."""
        self.library.open_saved_search(name)

    @work(thread=True, group="search-remove", exit_on_error=False)
    def remove_saved_search(self, target: MessagePump, name: str) -> None:
        self.library.remove_saved_search(name)
        self._post_saved_searches(target)

    # -- counts ----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="facets", exit_on_error=False)
    def load_facets(self, target: MessagePump, query: str) -> None:
        _answer(target, sm.FacetsLoaded, query, lambda: self.library.facets(query or None))

    @work(thread=True, exclusive=True, group="timeline", exit_on_error=False)
    def load_timeline(self, target: MessagePump, query: str, scale: Scale | None = None) -> None:
        timeline = self.library.timeline
        _answer(target, sm.TimelineLoaded, query, lambda: timeline(query or None, scale))

    @work(thread=True, exclusive=True, group="bookmarked", exit_on_error=False)
    def load_bookmarked_ids(self, target: MessagePump) -> None:
        ids = {b.article_id for b in self.library.bookmarks.all()}
        target.post_message(sm.BookmarkedIds(ids))
