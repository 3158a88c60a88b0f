"""Bookmark reads, writes and exports, as thread workers on the app, and the export flow.

Like :mod:`tui.app.workers`: each worker calls ``library.bookmarks`` (a
:class:`tui.bookmarks.BookmarkStore`), posts a typed message to the node that
asked, and never touches a widget; failures reach the app's one
``on_worker_state_changed`` handler. Reads and exports are exclusive (a newer
request replaces an older one). Writes are not: cancelling a write that has not
started yet would lose it, and bookmarks are the one kind of data that must
never be lost. The store serialises them (one SQLite transaction each).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.message_pump import MessagePump
from textual.worker import get_current_worker

from tui.app import messages as m

if TYPE_CHECKING:
    from textual.app import App

    _Base = App[None]
else:
    _Base = object

#: Export formats: suffix and what the palette calls them.
FORMATS = {"md": "Markdown", "json": "JSON (W3C Web Annotations)"}


def default_export_path(fmt: str) -> Path:
    """``dossier-bookmarks.md`` (or ``.json``) in the current directory."""
    return Path.cwd() / f"dossier-bookmarks.{fmt}"


def _cancelled() -> bool:
    return get_current_worker().is_cancelled


class BookmarkWorkers(_Base):
    """Mixed into the app; ``self.library.bookmarks`` is the store."""

    library: Any
    #: (the store's change token, every bookmark) from the last read.
    _bookmark_cache: tuple[Any, list[Any]] | None = None

    def cached_bookmarks(self) -> list[Any] | None:
        """Every bookmark as last read (the bookmarks screen shows these at once)."""
        cache = self._bookmark_cache
        return None if cache is None else cache[1]

    @work(thread=True, exclusive=True, group="bookmarks", exit_on_error=False)
    def load_bookmarks(self, target: MessagePump) -> None:
        """Every bookmark, read once; the bookmarks screen filters them in memory.

        The list is kept, and read again only when the store has changed since
        (another copy of Dossier, or an edit here).
        """
        store = self.library.bookmarks
        token = store.change_token()
        cache = self._bookmark_cache
        if cache is not None and cache[0] == token:
            found = cache[1]
        else:
            found = store.all()
            self._bookmark_cache = (token, found)
        if not _cancelled():
            target.post_message(m.BookmarksLoaded(found))

    @work(thread=True, exclusive=True, group="article-bookmarks", exit_on_error=False)
    def load_article_bookmarks(self, target: MessagePump, article_id: str) -> None:
        found = self.library.bookmarks.list(article_id=article_id)
        if not _cancelled():
            target.post_message(m.BookmarksLoaded(found, article_id))

    @work(thread=True, exclusive=False, group="bookmark-save", exit_on_error=False)
    def save_bookmark(
        self,
        target: MessagePump,
        article: Any,
        start: int,
        end: int,
        note: str,
        tags: tuple[str, ...],
    ) -> None:
        bookmark = self.library.bookmarks.add(article, start, end, note=note, tags=tags)
        target.post_message(m.BookmarkSaved(bookmark, created=True))

    @work(thread=True, exclusive=False, group="bookmark-save", exit_on_error=False)
    def update_bookmark(
        self, target: MessagePump, bookmark_id: str, note: str, tags: tuple[str, ...]
    ) -> None:
        bookmark = self.library.bookmarks.update(bookmark_id, note=note, tags=tags)
        target.post_message(m.BookmarkSaved(bookmark, created=False))

    @work(thread=True, exclusive=False, group="bookmark-delete", exit_on_error=False)
    def delete_bookmark(self, target: MessagePump, bookmark_id: str) -> None:
        bookmark = self.library.bookmarks.delete(bookmark_id)
        target.post_message(m.BookmarkDeleted(bookmark))

    @work(thread=True, exclusive=False, group="bookmark-delete", exit_on_error=False)
    def restore_bookmark(self, target: MessagePump, bookmark: Any) -> None:
        self.library.bookmarks.restore(bookmark)
        target.post_message(m.BookmarkRestored(bookmark))

    @work(thread=True, exclusive=True, group="bookmark-export", exit_on_error=False)
    def export_bookmarks(self, target: MessagePump, path: str, fmt: str = "md") -> None:
        """Write every bookmark to ``path`` (through a temporary file, so never half-written)."""
        store = self.library.bookmarks
        bookmarks = store.list(sort="article")
        if fmt == "json":
            from tui.bookmarks import to_annotation

            data = [to_annotation(b) for b in bookmarks]
            text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        else:
            from tui.bookmarks import export_markdown

            text = export_markdown(bookmarks)
        out = Path(path).expanduser()
        if not out.is_absolute():
            out = Path.cwd() / out
        tmp = out.with_name(out.name + ".tmp")
        try:
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(out)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise OSError(f"cannot write {out}: {exc.strerror or exc}") from None
        target.post_message(m.BookmarksExported(str(out), len(bookmarks), fmt))

    # -- the export flow (from the bookmarks screen or the command palette) -------------

    def ask_export(self, fmt: str = "md") -> None:
        """Ask where to write the bookmarks as ``fmt``, then write them in a worker."""
        from tui.app.widgets.bookmark_dialog import ExportDialog

        default = default_export_path(fmt)
        shown = default.name if default.parent == Path.cwd() else str(default)

        def chosen(path: str | None) -> None:
            if path:
                self.export_bookmarks(self, path, fmt)

        self.push_screen(ExportDialog(shown, FORMATS[fmt]), chosen)

    def on_bookmarks_exported(self, message: m.BookmarksExported) -> None:
        count = f"{message.count:,} bookmark{'s' if message.count != 1 else ''}"
        self.notify(f"Wrote {count} to {message.path}", markup=False, timeout=6)
