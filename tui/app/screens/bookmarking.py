"""Bookmarking from the reader: the dialog, saving, marks, and going to a bookmark.

A mixin for :class:`~tui.app.screens.main.MainScreen`, like
:class:`~tui.app.screens.navigation.Navigation`. The reader posts
:class:`PassageCursor.BookmarkRequested`; this asks for a note and tags in a
:class:`BookmarkDialog`, saves in a thread worker, and hands the article's
bookmarks down to the reader (``reader.bookmarks``) whenever they change.

Handlers are named ``on_...``: Textual calls each class's handler along the MRO,
so ``on_article_loaded`` here runs after the main screen's own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tui.app import messages as m
from tui.app.widgets.bookmark_dialog import BookmarkDialog, BookmarkEdit
from tui.app.widgets.note_bar import NoteBar
from tui.app.widgets.passage_cursor import PassageCursor

if TYPE_CHECKING:
    from tui.app.screens.main import MainScreen

    _Base = MainScreen
else:
    _Base = object


class Bookmarking(_Base):
    """Bookmark keys and messages for the main screen."""

    pending_passage: Any | None = None  # a bookmark to select once its article is shown

    # -- the bookmarks screen ----------------------------------------------------------

    async def action_bookmarks(self) -> None:
        await self.open_bookmarks()

    async def open_bookmarks(self) -> None:
        """Show the bookmarks screen (the command palette too): the app keeps one."""
        screen = self.app.bookmarks_screen()  # type: ignore[attr-defined]
        if screen in self.app.screen_stack:
            return
        screen.will_show()
        await self.app.push_screen(screen, self._bookmark_chosen)

    def _bookmark_chosen(self, bookmark: Any | None) -> None:
        self.reload_bookmarks()  # they may have been edited or deleted there
        if bookmark is not None:
            self.go_to_bookmark(bookmark)

    def go_to_bookmark(self, bookmark: Any) -> None:
        """Open the bookmark's article with its passage selected (command palette too)."""
        if bookmark.article_id not in self.summaries:
            self.app.notify(
                "That bookmark's article is no longer in the corpus; "
                "its quote and note stay on the bookmarks screen (B).",
                severity="warning",
                markup=False,
            )
            return
        self.reader.focus()
        if self.article is not None and self.article.id == bookmark.article_id:
            self._show_bookmark(bookmark)
            return
        self.pending_passage = bookmark
        self.open_article(bookmark.article_id, focus=bookmark.start)

    def _show_bookmark(self, bookmark: Any) -> None:
        if self.reader.raw:
            self.reader.raw = False
        if bookmark.orphaned:
            self.app.notify(
                "This passage is no longer found in the article (orphaned); "
                "its saved quote is on the bookmarks screen.",
                severity="warning",
                markup=False,
            )
            return
        self.reader.select_passage(bookmark.start, bookmark.end)

    # -- the open article's bookmarks --------------------------------------------------

    def on_article_loaded(self, message: m.ArticleLoaded) -> None:
        if self.article is None or message.article.id != self.article.id:
            return
        self.reader.bookmarks = ()
        self.query_one(NoteBar).display = False
        self.reload_bookmarks()
        pending, self.pending_passage = self.pending_passage, None
        if pending is not None and pending.article_id == self.article.id:
            self._show_bookmark(pending)

    def reload_bookmarks(self) -> None:
        if self.article is not None:
            self.app.load_article_bookmarks(self, self.article.id)  # type: ignore[attr-defined]

    def on_bookmarks_loaded(self, message: m.BookmarksLoaded) -> None:
        if self.article is None or message.article_id != self.article.id:
            return
        self.reader.bookmarks = tuple(message.bookmarks)

    def on_passage_cursor_moved(self, message: PassageCursor.Moved) -> None:
        length = message.end - message.start
        self.query_one(NoteBar).show_passage(message.bookmarks, message.selecting, length)

    # -- bookmarking -------------------------------------------------------------------

    async def on_passage_cursor_bookmark_requested(
        self, message: PassageCursor.BookmarkRequested
    ) -> None:
        article, existing = message.article, message.existing
        quote = article.body[message.start : message.end]
        where = " · ".join(p for p in (article.title, article.source, article.date) if p)
        if existing is not None:
            dialog = BookmarkDialog(
                quote, where, note=existing.note, tags=existing.tags, editing=True
            )
        else:
            dialog = BookmarkDialog(quote, where)

        def done(edit: BookmarkEdit | None) -> None:
            if edit is None:
                return
            if existing is not None:
                self.app.update_bookmark(self, existing.id, edit.note, edit.tags)  # type: ignore[attr-defined]
            else:
                self.app.save_bookmark(  # type: ignore[attr-defined]
                    self, article, message.start, message.end, edit.note, edit.tags
                )

        try:
            await self.app.push_screen(dialog, done)
        finally:
            message.opened.set()  # the reader lets the keys typed after b go on to it

    def on_bookmark_saved(self, message: m.BookmarkSaved) -> None:
        if not message.created:
            self.app.notify("Bookmark updated.", markup=False, timeout=2)
        # A new bookmark needs no toast over the text: the passage is marked in the
        # margin and the note bar under the reader says "★ Bookmarked" with the note.
        passage = self.reader.passage
        if passage is not None and message.bookmark.article_id == self.article.id:  # type: ignore[union-attr]
            passage.clear()
        self.reload_bookmarks()
