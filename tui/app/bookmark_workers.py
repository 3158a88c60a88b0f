"""Bookmark reads and writes, as thread workers on the app, and the bookmarks screen.

Like :mod:`tui.app.workers`: each worker calls ``library.bookmarks`` (a
:class:`tui.bookmarks.BookmarkStore`), posts a typed message to the node that
asked, and never touches a widget; failures reach the app's one
``on_worker_state_changed`` handler. Reads and exports are exclusive (a newer
request replaces an older one). Writes are not: cancelling a write that has not
started yet would lose it, and bookmarks are the one kind of data that must
never be lost. The store serialises them (one SQLite transaction each).

Every bookmark is kept in memory (:class:`tui.bookmark_cache.BookmarkCache`):
reads and each write's worker bring it up to date by reading only what changed.
The one bookmarks screen is kept too, built in the background after startup.
The export of every bookmark is :mod:`tui.app.bookmark_export`'s.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.message_pump import MessagePump
from textual.worker import get_current_worker

from tui.app import bookmark_messages as bm
from tui.app.heap import HeapKeeper
from tui.articles import Article
from tui.bookmark_cache import BookmarkCache
from tui.bookmarks import Bookmark
from tui.library import Library

if TYPE_CHECKING:  # built after the first article is shown (on_bookmarks_loaded)
    from tui.app.screens.bookmarks import BookmarksScreen

#: The name the bookmarks screen is installed under.
BOOKMARKS_SCREEN = "bookmarks"
#: Seconds without input before the bookmarks screen is built in the background.
IDLE = 0.5


def _cancelled() -> bool:
    return get_current_worker().is_cancelled


class BookmarkWorkers(App[None]):
    """A base class of DossierApp, like :class:`~tui.app.workers.LibraryWorkers`;
    ``self.library.bookmarks`` is the store."""

    library: Library
    heap: HeapKeeper
    _bookmark_cache: BookmarkCache | None = None
    #: Each bookmark as this copy last wrote it (see :meth:`latest_bookmark`).
    _own_writes: dict[str, Bookmark] | None = None

    def latest_bookmark(self, bookmark: Bookmark) -> Bookmark:
        """``bookmark`` as this copy last wrote it when that is newer than the one given
        (a list or a reader not read back since the write): an edit starts from it, so
        that this copy's own change is neither lost nor taken for another copy's."""
        own = (self._own_writes or {}).get(bookmark.id)
        return own if own is not None and own.updated > bookmark.updated else bookmark

    def _wrote_bookmark(self, bookmark: Bookmark) -> None:
        """After a write of ``bookmark``, in its worker (see :meth:`latest_bookmark`)."""
        if self._own_writes is None:
            self._own_writes = {}
        self._own_writes[bookmark.id] = bookmark

    @property
    def bookmark_cache(self) -> BookmarkCache:
        """Every bookmark, kept between reads (the bookmarks screen shows these at once)."""
        if self._bookmark_cache is None:
            self._bookmark_cache = BookmarkCache(self.library.bookmarks)
        return self._bookmark_cache

    def cached_bookmarks(self) -> list[Bookmark] | None:
        """Every bookmark as last read, newest first (``None`` before the first read)."""
        return self.bookmark_cache.newest_first

    @work(thread=True, exclusive=True, group="bookmarks", exit_on_error=False)
    def load_bookmarks(self, target: MessagePump) -> None:
        """Every bookmark, newest first; the bookmarks screen filters them in memory.

        Only what was written since the last read is read (by another copy of Dossier,
        or here); the message carries the same list object when nothing changed.
        """
        from tui.bookmarks import BookmarkError

        try:
            found = self.bookmark_cache.refresh()
        except BookmarkError as exc:
            # Not "no bookmarks yet": the user's bookmarks are there, unreadable now.
            target.post_message(bm.BookmarksLoaded([], error=str(exc)))
            return
        if not _cancelled():
            target.post_message(bm.BookmarksLoaded(found))

    def _wrote_bookmarks(self) -> None:
        """After a write, in its worker: bring the cache up to date off the UI thread, so
        that the bookmarks screen lists the change as soon as it is shown.

        The write is done; a failure here only leaves the cache behind, and the next
        :meth:`load_bookmarks` reads again (and reports the error).
        """
        if self.bookmark_cache.newest_first is None:
            return  # never read: the first read reads everything anyway
        try:
            self.bookmark_cache.refresh()
        except Exception:  # noqa: BLE001
            pass

    # -- the bookmarks screen: one, kept for the session -------------------------------

    def bookmarks_screen(self) -> BookmarksScreen:
        """The bookmarks screen, installed on first use and kept: B shows it again."""
        from tui.app.screens.bookmarks import BookmarksScreen

        if not self.is_screen_installed(BOOKMARKS_SCREEN):
            self.install_screen(BookmarksScreen(), BOOKMARKS_SCREEN)
        return self.get_screen(BOOKMARKS_SCREEN, BookmarksScreen)

    def on_bookmarks_loaded(self, message: bm.BookmarksLoaded) -> None:
        # The first read after startup: build the screen while the user is not busy.
        if message.article_id is None and not self.is_screen_installed(BOOKMARKS_SCREEN):
            self._build_bookmarks_screen()

    def _build_bookmarks_screen(self) -> None:
        """Compose and mount the bookmarks screen off the stack, once the user pauses.

        Building it (widgets, styles, its first rows) is most of what a first B would
        cost. Textual mounts an installed screen only when it is first pushed; this
        mounts it the way push_screen does, without showing it.
        """
        if (
            self.is_screen_installed(BOOKMARKS_SCREEN)
            and self.get_screen(BOOKMARKS_SCREEN).is_running
        ):
            return
        if time.monotonic() - self.heap.last_input < IDLE:
            self.set_timer(IDLE, self._build_bookmarks_screen)
            return
        register = getattr(self, "_register", None)  # Textual's own, for push_screen
        if register is not None:  # else the first B builds it
            register(self, self.bookmarks_screen())

    @work(thread=True, exclusive=True, group="article-bookmarks", exit_on_error=False)
    def load_article_bookmarks(self, target: MessagePump, article_id: str) -> None:
        from tui.bookmarks import BookmarkError

        try:
            found = self.library.bookmarks.find(article_id=article_id)
        except BookmarkError:
            found = []  # the article reads without its marks; B says why
        if not _cancelled():
            target.post_message(bm.BookmarksLoaded(found, article_id))

    @work(thread=True, exclusive=False, group="bookmark-save", exit_on_error=False)
    def save_bookmark(
        self,
        target: MessagePump,
        article: Article,
        start: int,
        end: int,
        note: str,
        tags: tuple[str, ...],
    ) -> None:
        from tui.bookmarks import BookmarkError

        try:
            bookmark = self.library.bookmarks.add(article, start, end, note=note, tags=tags)
        except BookmarkError as exc:
            where = " · ".join(p for p in (article.title, article.source, article.date) if p)
            retry = partial(self.save_bookmark, target, article, start, end)
            said = f"Not saved: {exc} · Enter tries again"
            quote = article.body[start:end]
            self.post_message(bm.BookmarkNotSaved(said, quote, where, note, tags, False, retry))
            return
        self._wrote_bookmark(bookmark)
        self._wrote_bookmarks()
        target.post_message(bm.BookmarkSaved(bookmark, created=True))

    @work(thread=True, exclusive=False, group="bookmark-save", exit_on_error=False)
    def update_bookmark(
        self,
        target: MessagePump,
        bookmark: Bookmark,
        note: str,
        tags: tuple[str, ...],
        *,
        where: str = "",
    ) -> None:
        """The note and tags of ``bookmark`` as the dialog showed it; changed or deleted
        in another copy of Dossier since, nothing is written over: the dialog comes back."""
        from tui.bookmarks import BookmarkError
        from tui.bookmarks.model import BookmarkConflict

        bookmark = self.latest_bookmark(bookmark)
        store, base = self.library.bookmarks, (bookmark.note, bookmark.tags)
        retry: Callable[[str, tuple[str, ...]], object]
        try:
            saved = store.update(bookmark.id, note=note, tags=tags, base=base)
        except BookmarkConflict as exc:
            said = f"Not saved: {exc} · Enter saves yours over it"
            retry = partial(self.update_bookmark, target, exc.current, where=where)
        except KeyError:
            said = "Not saved: it was deleted (in another copy of Dossier?) · Enter saves it again"
            retry = partial(self._save_again, target, bookmark, where=where)
        except BookmarkError as exc:
            said = f"Not saved: {exc} · Enter tries again"
            retry = partial(self.update_bookmark, target, bookmark, where=where)
        else:
            self._wrote_bookmark(saved)
            self._wrote_bookmarks()
            target.post_message(bm.BookmarkSaved(saved, created=False))
            return
        quote = bookmark.quote
        self.post_message(bm.BookmarkNotSaved(said, quote, where, note, tags, True, retry))

    @work(thread=True, exclusive=False, group="bookmark-save", exit_on_error=False)
    def _save_again(
        self,
        target: MessagePump,
        bookmark: Bookmark,
        note: str,
        tags: tuple[str, ...],
        *,
        where: str = "",
    ) -> None:
        """Put back ``bookmark``, deleted meanwhile, with the note and tags typed (a write
        that fails brings the dialog back with them, as :meth:`update_bookmark`'s does)."""
        from tui.bookmarks import BookmarkError
        from tui.bookmarks.model import check_note, normalize_tags, now

        again = replace(bookmark, note=check_note(note), tags=normalize_tags(tags), updated=now())
        try:
            self.library.bookmarks.restore(again)
        except BookmarkError as exc:
            said = f"Not saved: {exc} · Enter tries again"
            retry = partial(self._save_again, target, bookmark, where=where)
            self.post_message(
                bm.BookmarkNotSaved(said, bookmark.quote, where, note, tags, True, retry)
            )
            return
        self._wrote_bookmark(again)
        self._wrote_bookmarks()
        target.post_message(bm.BookmarkSaved(again, created=False))

    def on_bookmark_not_saved(self, message: bm.BookmarkNotSaved) -> None:
        """The dialog again with the note and tags typed, saying why they were not saved."""
        from tui.app.widgets.bookmark_dialog import BookmarkDialog, BookmarkEdit

        def done(edit: BookmarkEdit | None) -> None:
            if edit is not None:
                message.retry(edit.note, edit.tags)

        dialog = BookmarkDialog(
            message.quote,
            message.where,
            note=message.note,
            tags=message.tags,
            editing=message.editing,
            error=message.said,
        )
        self.push_screen(dialog, done)

    @work(thread=True, exclusive=False, group="bookmark-delete", exit_on_error=False)
    def delete_bookmark(self, target: MessagePump, bookmark_id: str) -> None:
        bookmark = self.library.bookmarks.delete(bookmark_id)
        self._wrote_bookmarks()
        target.post_message(bm.BookmarkDeleted(bookmark))

    @work(thread=True, exclusive=False, group="bookmark-delete", exit_on_error=False)
    def restore_bookmark(self, target: MessagePump, bookmark: Bookmark) -> None:
        """Put back a bookmark deleted in this session (undo); a write that fails posts
        :class:`~tui.app.bookmark_messages.BookmarkNotRestored`: it is not lost."""
        from tui.bookmarks import BookmarkError

        try:
            self.library.bookmarks.restore(bookmark)
        except BookmarkError as exc:
            target.post_message(bm.BookmarkNotRestored(bookmark, str(exc)))
            return
        self._wrote_bookmarks()
        target.post_message(bm.BookmarkRestored(bookmark))
