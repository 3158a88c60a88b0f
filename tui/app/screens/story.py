"""The main screen's views of the story as a whole: the timeline (``t``), the saved
searches (``S``), and the article list narrowed by source, dates and bookmarks (``F``).

:class:`StoryViews` is a part of :class:`~tui.app.screens.main.MainScreen` (its
actions call it): it pushes the screens and dialog, and opens the search screen on
the query a timeline period or a saved search gives.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.app import search_messages as sm
from tui.app.list_filter import ListFilter
from tui.app.screens.saved_searches import SavedSearchesScreen
from tui.app.screens.timeline import TimelineScreen
from tui.app.widgets.search_dialogs import ListFilterDialog
from tui.library import ArticleSummary
from tui.library.searching import SavedSearchStatus, facet_clause

if TYPE_CHECKING:
    from tui.app.screens.main import MainScreen


class StoryViews:
    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self.filter = ListFilter()
        self.bookmarked: set[str] | None = None  # ids with bookmarks, read when filtering

    # -- timeline and saved searches --------------------------------------------------------

    def open_timeline(self, query: str | None = None) -> None:
        """The timeline of ``query``: by default the chosen entity's (while its mentions
        are being stepped through), else the current search's if it matched any article,
        else every article's."""
        if query is None:
            query = self.timeline_query()
        self.screen.app.push_screen(TimelineScreen(query), self._search_for)

    def timeline_query(self) -> str:
        steps = self.screen.steps
        if steps.scope == "entity" and steps.entity_id and steps.occurrences:
            kind = steps.entity_id.split(":", 1)[0]
            if kind in ("person", "place", "org"):
                return facet_clause(kind, steps.entity_name)
        # A search left with no match has no timeline to show: every article's, rather
        # than an empty one.
        if steps.search_result is not None and steps.search_result.total:
            return steps.search_query
        return ""

    def open_saved_searches(self) -> None:
        self.screen.app.push_screen(SavedSearchesScreen(), self._run_saved)

    def _run_saved(self, row: SavedSearchStatus | None) -> None:
        if row is None:
            return
        self.run_saved(row.name, row.query)

    def run_saved(self, name: str, query: str) -> None:
        """Show a saved search's results; its articles are then no longer new."""
        self.screen.dossier.mark_saved_search_opened(name)
        self._search_for(query)

    def _search_for(self, query: str | None) -> None:
        if query:
            self.screen.app.call_later(self.screen.navigator.search_for, query)

    # -- the list's filter -----------------------------------------------------------------

    def ask_filter(self) -> None:
        sources = sorted(
            {a.source for a in self.screen.summaries.values() if a.source}, key=str.casefold
        )
        self.screen.app.push_screen(ListFilterDialog(self.filter, sources), self._filter_chosen)

    def _filter_chosen(self, chosen: ListFilter | None) -> None:
        if chosen is None:
            return
        self.filter = chosen
        if chosen.bookmarked:
            self.bookmarked = None
            self.screen.dossier.load_bookmarked_ids(self.screen)  # shown when they come
            return
        self.refilter()

    def bookmarked_ids(self, message: sm.BookmarkedIds) -> None:
        self.bookmarked = set(message.ids)
        self.refilter()

    def clear_filter(self) -> bool:
        """Show every article again (False: no filter was on)."""
        if not self.filter.active:
            return False
        self.filter = ListFilter()
        self.refilter()
        return True

    def filtered(self, articles: list[ArticleSummary]) -> list[ArticleSummary]:
        if not self.filter.active:
            return articles
        return self.filter.apply(articles, self.bookmarked or set())

    def refilter(self) -> None:
        screen = self.screen
        articles = list(screen.summaries.values())
        shown = self.filtered(articles)
        listed = screen.article_list
        listed.set_articles(shown, total=len(articles), note=self.filter.describe())
        # The reader follows the list: the open article, left out by the filter, stayed
        # open beside a list without it (and j from the cursor's row went elsewhere).
        open_id = screen.reading.wanted or screen.article_id
        left_out = open_id is not None and not listed.lists(open_id)
        if left_out and listed.highlighted_id is not None:
            screen.reading.open(listed.highlighted_id)
            left_out = False
        if self.filter.active:
            n = len(shown)
            kept = " The open article is not among them." if left_out else ""
            screen.status.flash(
                f"{n:,} of {len(articles):,} articles: {self.filter.describe()}.{kept} "
                "F changes the filter; an empty one shows them all."
            )
