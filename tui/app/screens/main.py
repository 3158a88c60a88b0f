"""The main screen: article list, reader, entities pane, status line.

Panes post messages up (``ArticleList.Selected``, ``EntityPane.Chosen``); this
screen asks the app's thread workers for data and sets attributes on the panes
below it when typed result messages come back, dropping stale ones. Its handlers
hand each message to the part of the screen it concerns, in the order written:
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

from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import Reactive
from textual.widget import Widget

from tui.app import bookmark_messages as bm
from tui.app import messages as m
from tui.app import search_messages as sm
from tui.app.screens.across import Across
from tui.app.screens.article_edits import ArticleEdits
from tui.app.screens.bookmarking import Bookmarking
from tui.app.screens.exports import Exports
from tui.app.screens.feed import CorpusFeed
from tui.app.screens.key_hints import main_screen_hint
from tui.app.screens.main_actions import MainActions
from tui.app.screens.main_keys import MAIN_BINDINGS
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
from tui.app.widgets.passage_cursor import PassageCursor
from tui.app.widgets.reader import Reader
from tui.app.widgets.status_bar import StatusBar
from tui.app.widgets.together import TogetherList
from tui.articles import Article
from tui.library import ArticleSummary
from tui.library.ordering import Listing


class MainScreen(MainActions):
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

    # -- what the panes and the workers report, handed to the part concerned ------------

    @on(ArticleList.Selected)
    @on(ArticleList.Highlighted)
    @on(m.ArticleLoaded)
    @on(m.EntitiesLoaded)
    @on(Reader.CruftToggled)
    @on(m.CruftMarked)
    def _reading(self, message: Message) -> None:
        """Articles asked for and shown (Reading), the shown one's bookmarks (Bookmarking),
        lines of its raw text marked as cruft (then the index follows: CorpusFeed)."""
        match message:
            case ArticleList.Selected(article_id=article_id):
                self.reading.selected(article_id)
            case ArticleList.Highlighted(article_id=article_id):
                self.reading.highlighted(article_id)
            case m.ArticleLoaded():
                if not self.reading.show(message):
                    return  # the open article read again, unchanged
                self.feed.article_shown()
                self.bookmarking.article_shown(message.article.id)
                if self.article_id == message.article.id:
                    self.across.article_shown(message.article.id)
            case m.EntitiesLoaded():
                self.reading.entities_loaded(message)
            case Reader.CruftToggled(article=article, line=line, removed=removed):
                self.dossier.toggle_cruft(self, article, line, removed)
            case m.CruftMarked(article=article, said=said):
                self.reading.cleaned_again(article)
                self.status.flash(said, seconds=5)
                self.feed.start_indexing()

    @on(m.HeadLoaded)
    @on(m.ArticlesLoaded)
    @on(m.CorpusChanged)
    @on(m.ScanFailed)
    @on(m.ScanProgress)
    @on(m.IndexProgress)
    @on(m.IndexSearchable)
    @on(m.NamesProgress)
    @on(m.NamesLanded)
    @on(m.IndexFinished)
    @on(m.EntityCorrected)
    @on(m.ArticleCorrected)
    def _corpus(self, message: Message) -> None:
        """The folder and the index (CorpusFeed), then corrections (ArticleEdits)."""
        feed, edits = self.feed, self.edits
        match message:
            case m.HeadLoaded(head=head, first=first, session=session):
                feed.head_loaded(head, first, session)
            case m.ArticlesLoaded(articles=articles):
                feed.articles_loaded(message)
                edits.open_added(articles)
            case m.CorpusChanged():
                feed.corpus_changed()
            case m.ScanFailed(error=error):
                feed.scan_failed(error)
            case m.ScanProgress(done=done, total=total):
                feed.scan_progress(done, total)
            case m.IndexProgress(done=done, total=total) if feed.latest(message):
                feed.index_progress(done, total)
            case m.IndexSearchable() if feed.latest(message):
                feed.index_searchable()
            case m.NamesProgress(done=done, total=total) if feed.latest(message):
                feed.names_progress(done, total)
            case m.NamesLanded():
                feed.names_landed()
                if not self.status.indexing:  # (an update of this app's own says its count)
                    self.status.info = "index ready"
                if self.across.not_ready:  # (they came with the names)
                    self.across.index_ready()
            case m.IndexFinished() if feed.latest(message):
                feed.index_finished(message)
                edits.list_as_indexed(message)
                self.across.index_ready()
            case m.EntityCorrected():
                feed.entity_corrected(message)
            case m.ArticleCorrected():
                edits.corrected(message)

    @on(m.SearchFinished)
    @on(FindBar.Changed)
    @on(m.MatchesFound)
    @on(FindBar.Closed)
    @on(EntityPane.Chosen)
    @on(EntityPane.Corrected)
    @on(m.EntityOccurrencesLoaded)
    @on(EntityPane.OccurrenceChosen)
    def _matches(self, message: Message) -> None:
        """Search, find and an entity's mentions and corrections (Navigator)."""
        self.navigator.handle(message)

    @on(m.SharedPassagesLoaded)
    @on(m.TogetherLoaded)
    @on(TogetherList.Chosen)
    @on(Reader.CopyRequested)
    async def _across(self, message: Message) -> None:
        """Shared passages, who appears with whom, a passage copied (Across)."""
        await self.across.handle(message)

    @on(bm.BookmarksLoaded)
    @on(PassageCursor.Moved)
    @on(PassageCursor.BookmarkRequested)
    @on(bm.BookmarkSaved)
    async def _bookmarks(self, message: Message) -> None:
        """The open article's bookmarks, the bookmark dialog, the note bar (Bookmarking)."""
        await self.bookmarking.handle(message)

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
