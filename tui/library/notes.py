"""The user's own file beside a corpus, as the library opens and uses it.

Bookmarks, corrections of articles' metadata, saved searches and the search
history live in one SQLite file (:mod:`tui.bookmarks`). :class:`Notes` is the part
of :class:`~tui.library.Library` that opens it on first use, gives the catalog
the corrections (:class:`~tui.library.corrections.CorrectionsView`), finds the
bookmarked passages again in edited articles, and records a correction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.library.corrections import CorrectionsView
from tui.library.models import LibraryError

if TYPE_CHECKING:
    from tui.articles import Article
    from tui.bookmarks import BookmarkStore, Correction, ReanchorReport
    from tui.library.core import Library


class Notes:
    """The bookmarks file of a :class:`Library` (opened on first use)."""

    def __init__(self, lib: Library) -> None:
        self.lib = lib
        self.path = lib.paths.bookmarks
        self._store: BookmarkStore | None = None
        #: Every correction by article id, read again only when the file changed.
        self.corrections = CorrectionsView(self.path, lambda: self.store)

    @property
    def store(self) -> BookmarkStore:
        if self._store is None:
            from tui.bookmarks import BookmarkStore

            self._store = BookmarkStore(self.path)
        return self._store

    def reanchor(self) -> ReanchorReport:
        """Find every bookmarked passage again in the current articles."""

        def lookup(article_id: str) -> Article | None:
            try:
                return self.lib.article(article_id)
            except LibraryError:
                return None  # the article is gone: its bookmarks become orphans

        return self.store.reanchor(lookup)

    def correct(self, ref: str, fields: dict[str, str | None]) -> Correction | None:
        """See :meth:`Library.correct`."""
        lib = self.lib
        article_id = lib.catalog.state.entries[lib.resolve(ref)].id
        correction = self.store.corrections.set(article_id, **fields)
        self.corrections.forget()
        if lib.index.exists() or lib.index_ready:
            lib.update_index()
        return correction
