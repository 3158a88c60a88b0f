"""The main screen's routes: each message the panes and the workers post, handed to the
part of the screen it concerns, in the order written (see :mod:`tui.app.screens.main`).

:class:`MainRoutes` is a base of :class:`~tui.app.screens.main.MainScreen` (above
:class:`~tui.app.screens.main_actions.MainActions`, which declares the parts): the
screen composes the panes and sets the parts these handlers reach.
"""

from __future__ import annotations

from textual import on
from textual.message import Message

from tui.app import bookmark_messages as bm
from tui.app import messages as m
from tui.app.screens.main_actions import MainActions
from tui.app.screens.reading import Reading
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.entity_pane import EntityPane
from tui.app.widgets.find_bar import FindBar
from tui.app.widgets.passage_cursor import PassageCursor
from tui.app.widgets.reader import Reader
from tui.app.widgets.status_bar import StatusBar
from tui.app.widgets.together import TogetherList


class MainRoutes(MainActions):
    """The main screen's message handlers, each handing on to a part of the screen."""

    status: StatusBar
    reading: Reading

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
                if self.article is not None and self.article.id == message.article.id:
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
