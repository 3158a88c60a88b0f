"""The main screen: article list, reader, entities pane, status line.

Panes post messages up (``ArticleList.Selected``, ``EntityPane.Chosen``); this
screen asks the app's thread workers for data and sets attributes on the panes
below it when typed result messages come back, dropping stale ones. Its handlers
hand each message to the part of the screen it concerns, in the order written
(its base :class:`~tui.app.screens.main_routes.MainRoutes`):
:class:`~tui.app.screens.reading.Reading` (articles asked for and shown),
:class:`~tui.app.screens.feed.CorpusFeed` (the list and the index as the folder
changes), :class:`~tui.app.screens.navigation.Navigator` (search, find, an
entity's mentions; ``n``/``N`` and ``]``/``[`` as :class:`~tui.app.stepping.MatchSteps`
decides), :class:`~tui.app.screens.bookmarking.Bookmarking` and
:class:`~tui.app.screens.article_edits.ArticleEdits` (pages added, corrections).
Its keys that only hand on to one of them, and what the key bar offers, are in its base
:class:`~tui.app.screens.main_actions.MainActions`.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import Reactive
from textual.widget import Widget

from tui.app import search_messages as sm
from tui.app.screens.across import Across
from tui.app.screens.article_edits import ArticleEdits
from tui.app.screens.bookmarking import Bookmarking
from tui.app.screens.exports import Exports
from tui.app.screens.feed import CorpusFeed
from tui.app.screens.key_hints import main_screen_hint
from tui.app.screens.main_keys import MAIN_BINDINGS
from tui.app.screens.main_routes import MainRoutes
from tui.app.screens.navigation import Navigator
from tui.app.screens.panes import NARROW, arrange_panes, toggle_entities
from tui.app.screens.reading import Reading
from tui.app.screens.story import StoryViews
from tui.app.stepping import MatchSteps
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.entity_pane import EntityPane
from tui.app.widgets.find_bar import FindBar
from tui.app.widgets.key_bar import KeyBar
from tui.app.widgets.note_bar import NoteBar
from tui.app.widgets.reader import Reader
from tui.app.widgets.status_bar import StatusBar
from tui.articles import Article
from tui.library import ArticleSummary
from tui.library.ordering import Listing


class MainScreen(MainRoutes):
    """The reading screen."""

    BINDINGS: ClassVar[list[BindingType]] = MAIN_BINDINGS

    # Textual repaints the whole screen when the focus moves (a second frame after every
    # open); each widget whose look follows the focus repaints itself anyway.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    def __init__(self) -> None:
        super().__init__()
        self.summaries: dict[str, ArticleSummary] = {}
        self.article: Article | None = None
        self.steps = MatchSteps(keys=lambda binding_id, key: self.dossier.key_for(binding_id, key))
        self.reading = Reading(self)
        self.feed = CorpusFeed(self)
        self.navigator = Navigator(self)
        self.bookmarking = Bookmarking(self)
        self.edits = ArticleEdits(self)
        self.across = Across(self)
        self.exports = Exports(self)
        self.story = StoryViews(self)
        #: The entities pane is open (e); a narrow terminal may still keep it out of sight.
        self.entities_open = False

    def compose(self) -> ComposeResult:
        self.article_list = ArticleList(id="article-list")
        self.reader = Reader(id="reader")
        self.entity_pane = EntityPane(id="entity-pane")
        self.status = StatusBar(id="status")
        with Horizontal(id="panes"):
            yield self.article_list
            with Vertical(id="reader-column"):
                yield self.reader
                yield NoteBar(id="note-bar")
                yield FindBar(id="find-bar")
            yield self.entity_pane
        yield self.status
        yield KeyBar(id="key-bar")

    def on_mount(self) -> None:
        self.query_one(FindBar).display = False
        self.entity_pane.display = False
        self.reader.empty_message = "Reading the corpus…"
        self.status.message = f"Reading {self.dossier.library.corpus}…"
        self.article_list.focus()
        # The first rows when they are known at once (then the first article opens
        # before the folder is read), then the folder: see CorpusFeed.
        self.dossier.first_look(self)

    def on_unmount(self) -> None:
        self.feed.keep_session()

    @property
    def article_id(self) -> str | None:
        """The id of the article shown, if any."""
        return self.article.id if self.article is not None else None

    def show_list(
        self,
        articles: list[ArticleSummary],
        *,
        ordered: list[ArticleSummary] | None = None,
        column: str | None = None,
        more: int = 0,
        filled: dict[str, bool] | None = None,
        listing: Listing | None = None,
    ) -> None:
        """List ``articles`` (the palette offers them too); ``ordered``: the same in the
        list's order by ``column``, sorted by a worker; ``more``: how many more articles
        the folder has (the first rows are shown while it is read). ``listing``: all of
        that made by the worker, its tables too (at 50,000 articles ~25 ms of the UI
        thread's otherwise)."""
        if listing is not None:
            articles, ordered, column = listing.articles, listing.ordered, listing.column
            filled = listing.filled
            self.summaries = listing.by_id
        else:
            self.summaries = {a.id: a for a in articles}
        self.dossier.articles = list(articles)
        if ordered is None:
            column = None
        shown = self.story.filtered(ordered if ordered is not None else articles)
        self.article_list.set_articles(
            shown,
            total=len(articles),
            note=self.story.filter.describe(),
            column=column,
            more=more,
            filled=filled,
            # (the rows' table is the ordered list's: not a filtered one's)
            rows=listing.rows if listing is not None and shown is listing.ordered else None,
        )
        self.refresh_bindings()  # the keys that need an article, once there is one

    # -- keys ------------------------------------------------------------------------------

    def action_toggle_entities(self) -> None:
        toggle_entities(self)

    def on_bookmarked_ids(self, message: sm.BookmarkedIds) -> None:
        self.story.bookmarked_ids(message)

    def on_key(self, event: events.Key) -> None:
        """A letter no binding here takes: say in the status line where it works."""
        hint = main_screen_hint(self, event)
        if hint is not None:
            self.status.flash(hint)

    # -- panes -----------------------------------------------------------------------------

    def action_next_pane(self) -> None:
        """Tab. Below NARROW one pane shows at a time, and Textual's focus chain skips
        what is hidden: Tab from the list went nowhere. There it opens the reader (which
        then shows); elsewhere it is the usual next widget."""
        if (
            self.size.width < NARROW
            and self.focused is self.article_list
            and self.article is not None
        ):
            self.set_focus(self.reader)
        elif self.entities_open and not self.entity_pane.display:
            toggle_entities(self)  # the pane a narrow terminal keeps out of sight
        else:
            self.focus_next()

    def action_previous_pane(self) -> None:
        """Shift+Tab: back to the list from the reader where only one of them shows."""
        if self.size.width < NARROW and self.focused is self.reader:
            self.set_focus(self.article_list)
        else:
            self.focus_previous()

    def on_descendant_focus(self) -> None:
        # (kept for the session: as the app closes the focus is gone before the unmount)
        self.feed.reading = self.focused is self.reader
        arrange_panes(self)

    def on_resize(self) -> None:
        arrange_panes(self)
