"""Bookmarking from the reader: the dialog, saving, marks, and going to a bookmark.

:class:`Bookmarking` is a part of :class:`~tui.app.screens.main.MainScreen` (the
screen's message handlers call it). The reader posts
:class:`~tui.app.widgets.passage_cursor.PassageCursor.BookmarkRequested`; this asks
for a note and tags in a :class:`BookmarkDialog`, saves in a thread worker, and hands
the article's bookmarks down to the reader (``reader.bookmarks``) whenever they change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

from tui.app import bookmark_messages as bm
from tui.app.widgets.bookmark_dialog import BookmarkDialog, BookmarkEdit
from tui.app.widgets.note_bar import NoteBar
from tui.app.widgets.passage_cursor import PassageCursor
from tui.bookmarks import Bookmark

if TYPE_CHECKING:
    from tui.app.screens.main import MainScreen


class Bookmarking:
    """Bookmark keys and messages for the main screen."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self.pending: Bookmark | None = None  # to select once its article is shown

    async def handle(self, message: Message) -> None:
        """What the main screen hands on: the open article's bookmarks loaded or one
        saved, a bookmark asked for, the passage cursor moved (the note bar follows)."""
        match message:
            case bm.BookmarksLoaded():
                self.loaded(message)
            case PassageCursor.Moved(start=start, end=end, selecting=selecting):
                note_bar = self.screen.query_one(NoteBar)
                note_bar.show_passage(message.bookmarks, selecting, end - start)
            case PassageCursor.BookmarkRequested():
                await self.ask(message)
            case bm.BookmarkSaved():
                self.saved(message)

    # -- the bookmarks screen ----------------------------------------------------------

    async def open_screen(self) -> None:
        """Show the bookmarks screen: the app keeps one."""
        app = self.screen.dossier
        bookmarks = app.bookmarks_screen()
        if bookmarks in app.screen_stack:
            return
        bookmarks.will_show()
        await app.push_screen(bookmarks, self._chosen)

    def _chosen(self, bookmark: Bookmark | None) -> None:
        self.reload()  # they may have been edited or deleted there
        if bookmark is not None:
            self.go_to(bookmark)

    def go_to(self, bookmark: Bookmark) -> None:
        """Open the bookmark's article with its passage selected."""
        screen = self.screen
        if bookmark.article_id not in screen.summaries:
            screen.dossier.notify(
                "That bookmark's article is no longer in the corpus; "
                "its quote and note stay on the bookmarks screen (B).",
                severity="warning",
                markup=False,
            )
            return
        screen.reader.focus()
        if screen.article_id == bookmark.article_id:
            self._show(bookmark)
            return
        self.pending = bookmark
        screen.reading.open(bookmark.article_id, focus=bookmark.start)

    def _show(self, bookmark: Bookmark) -> None:
        reader = self.screen.reader
        if reader.raw:
            reader.raw = False
        if bookmark.orphaned:
            self.screen.dossier.notify(
                "This passage is no longer found in the article (orphaned); "
                "its saved quote is on the bookmarks screen.",
                severity="warning",
                markup=False,
            )
            return
        reader.select_passage(bookmark.start, bookmark.end)

    # -- the open article's bookmarks --------------------------------------------------

    def article_shown(self, article_id: str) -> None:
        """An article was loaded: its bookmarks, and the passage asked for, if it is this one."""
        screen = self.screen
        if screen.article_id is None or article_id != screen.article_id:
            return
        screen.reader.bookmarks = ()
        screen.query_one(NoteBar).display = False
        # Asked for once the article is painted: the worker started now took turns at
        # the interpreter's lock with that paint (and, another process busy on the
        # CPUs, the paint waited for the worker to get a CPU back).
        screen.reader.after_paint(lambda: self._reload(article_id))
        pending, self.pending = self.pending, None
        if pending is not None and pending.article_id == article_id:
            self._show(pending)

    def _reload(self, article_id: str) -> None:
        if self.screen.article_id == article_id:  # (not another one by now)
            self.reload()

    def reload(self) -> None:
        if self.screen.article_id is not None:
            self.screen.dossier.load_article_bookmarks(self.screen, self.screen.article_id)

    def loaded(self, message: bm.BookmarksLoaded) -> None:
        if self.screen.article_id is None or message.article_id != self.screen.article_id:
            return
        self.screen.reader.bookmarks = tuple(message.bookmarks)

    # -- bookmarking -------------------------------------------------------------------

    async def ask(self, message: PassageCursor.BookmarkRequested) -> None:
        """The dialog for a new bookmark, or to edit the note and tags of ``existing``."""
        article, existing = message.article, message.existing
        if existing is not None:  # this copy's own edit, the reader not read back yet
            existing = self.screen.dossier.latest_bookmark(existing)
        quote = article.body[message.start : message.end]
        where = " · ".join(p for p in (article.title, article.source, article.date) if p)
        if existing is not None:
            dialog = BookmarkDialog(
                quote, where, note=existing.note, tags=existing.tags, editing=True
            )
        else:
            dialog = BookmarkDialog(quote, where)
        screen = self.screen

        def done(edit: BookmarkEdit | None) -> None:
            if edit is None:
                return
            if existing is not None:
                screen.dossier.update_bookmark(screen, existing, edit.note, edit.tags, where=where)
            else:
                screen.dossier.save_bookmark(
                    screen, article, message.start, message.end, edit.note, edit.tags
                )

        try:
            await screen.dossier.push_screen(dialog, done)
        finally:
            message.opened.set()  # the reader lets the keys typed after b go on to it

    def saved(self, message: bm.BookmarkSaved) -> None:
        if not message.created:
            self.screen.dossier.notify("Bookmark updated.", markup=False, timeout=2)
        # A new bookmark needs no toast over the text: the passage is marked in the
        # margin and the note bar under the reader says "★ Bookmarked" with the note.
        passage = self.screen.reader.passage
        if passage is not None and message.bookmark.article_id == self.screen.article_id:
            passage.clear()
        self.reload()
