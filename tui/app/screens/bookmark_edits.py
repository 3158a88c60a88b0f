"""The bookmarks screen's edits: a bookmark's note and tags edited, bookmarks deleted
and put back (``u``, most recent first), each write a thread worker of the app whose
answer comes back as a typed message (:mod:`tui.app.bookmark_messages`).

A base class of :class:`~tui.app.screens.bookmarks.BookmarksScreen`, which keeps the
list (``bookmarks``, ``shown``, ``sort``) and shows it again (:meth:`refilter`).
"""

from __future__ import annotations

from tui.app import bookmark_messages as bm
from tui.app.base import DossierScreen
from tui.app.widgets.bookmark_dialog import BookmarkDialog, BookmarkEdit
from tui.bookmarks import Bookmark, SortKey, sort_bookmarks


class BookmarkEdits(DossierScreen[Bookmark | None]):
    """Edit, delete and undo on the bookmarks screen's list."""

    bookmarks: list[Bookmark]  # every bookmark, sorted
    shown: list[Bookmark]  # those matching the filter
    sort: SortKey
    deleted: list[Bookmark]  # for undo, most recent last

    # -- what the screen (which derives from this class) provides -----------------------

    @property
    def current(self) -> Bookmark | None:
        """The bookmark under the list's cursor."""
        raise NotImplementedError

    def refilter(self, keep: str | None = None) -> None:
        """Show the bookmarks matching the filter, ``keep`` (an id) highlighted if listed."""
        raise NotImplementedError

    # -- editing, deleting, undo -------------------------------------------------------

    def action_edit(self) -> None:
        b = self.current
        if b is None:
            return
        b = self.dossier.latest_bookmark(b)  # this copy's own edit, not shown yet
        where = " · ".join(p for p in (b.article_title, b.article_source, b.article_date) if p)
        dialog = BookmarkDialog(b.quote, where, note=b.note, tags=b.tags, editing=True)
        self.app.push_screen(dialog, lambda edit: self._edited(b, edit, where))

    def _edited(self, bookmark: Bookmark, edit: BookmarkEdit | None, where: str) -> None:
        if edit is not None:
            self.dossier.update_bookmark(self, bookmark, edit.note, edit.tags, where=where)

    def on_bookmark_saved(self, message: bm.BookmarkSaved) -> None:
        new = message.bookmark
        self.bookmarks = [new if b.id == new.id else b for b in self.bookmarks]
        self.refilter(keep=new.id)
        self.say("Bookmark saved.", kind="bookmark-action", timeout=2)

    def action_delete(self) -> None:
        b = self.current
        if b is not None:
            self.dossier.delete_bookmark(self, b.id)

    def on_bookmark_deleted(self, message: bm.BookmarkDeleted) -> None:
        gone = message.bookmark
        self.deleted.append(gone)
        index = next((i for i, b in enumerate(self.shown) if b.id == gone.id), 0)
        self.bookmarks = [b for b in self.bookmarks if b.id != gone.id]
        following = [b for b in self.shown[index + 1 :] if b.id != gone.id][:1]
        self.refilter(keep=following[0].id if following else None)
        self.say(
            f"Deleted — press {self.dossier.key_for('bookmarks.undo', 'u')} to undo.",
            kind="bookmark-action",
            timeout=6,
        )

    def action_undo(self) -> None:
        if not self.deleted:
            self.say("Nothing to undo.", kind="bookmark-action", timeout=2)
            return
        self.dossier.restore_bookmark(self, self.deleted.pop())

    def on_bookmark_not_restored(self, message: bm.BookmarkNotRestored) -> None:
        self.deleted.append(message.bookmark)  # taken off for the undo: still to undo
        key = self.dossier.key_for("bookmarks.undo", "u")
        self.say(
            f"Not restored: {message.error} · {key} tries again",
            kind="bookmark-action",
            severity="error",
            timeout=8,
        )

    def on_bookmark_restored(self, message: bm.BookmarkRestored) -> None:
        back = message.bookmark
        rest = [b for b in self.bookmarks if b.id != back.id]
        self.bookmarks = sort_bookmarks([*rest, back], self.sort)
        self.refilter(keep=back.id)
        self.say("Bookmark restored.", kind="bookmark-action", timeout=2)
