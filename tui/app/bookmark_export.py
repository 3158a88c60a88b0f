"""Exporting every bookmark, as a thread worker on the app, and the flow that asks where.

A base class of DossierApp beside :class:`~tui.app.bookmark_workers.BookmarkWorkers`
(which reads and writes bookmarks): the dialog asks for a file, the worker writes the
bookmarks as Markdown or JSON (W3C Web Annotations) through a temporary file, and the
message says so in the screen the export was asked from.
"""

from __future__ import annotations

import json
import weakref
from pathlib import Path
from typing import Any

from textual import work
from textual.app import App
from textual.message_pump import MessagePump
from textual.screen import Screen

from tui.app import bookmark_messages as bm
from tui.app.base import DossierScreen
from tui.library import Library
from tui.paths import working_folder

#: Export formats: suffix and what the palette calls them.
FORMATS = {"md": "Markdown", "json": "JSON (W3C Web Annotations)"}


def default_export_path(fmt: str) -> Path:
    """``dossier-bookmarks.md`` (or ``.json``) in the current directory."""
    return working_folder() / f"dossier-bookmarks.{fmt}"


class BookmarkExport(App[None]):
    """``self.library.bookmarks`` written to a file the user names."""

    library: Library
    #: The screen the last export was asked from (see :meth:`ask_export`).
    _exported_from: weakref.ref[Screen[Any]] | None = None

    @work(thread=True, exclusive=True, group="bookmark-export", exit_on_error=False)
    def export_bookmarks(self, target: MessagePump, path: str, fmt: str = "md") -> None:
        """Write every bookmark to ``path`` (through a temporary file, so never half-written)."""
        store = self.library.bookmarks
        bookmarks = store.find(sort="article")
        if fmt == "json":
            from tui.bookmarks import to_annotation

            data = [to_annotation(b) for b in bookmarks]
            text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        else:
            from tui.bookmarks import export_markdown

            text = export_markdown(bookmarks)
        from tui.outfile import OutputError, write_output

        try:
            # A unique temporary file, and never over a link, a pipe or a device.
            out = write_output(Path(path), text, overwrite=True)
        except OutputError as exc:
            raise OSError(str(exc)) from None
        target.post_message(bm.BookmarksExported(str(out), len(bookmarks), fmt))

    # -- the export flow (from the bookmarks screen or the command palette) -------------

    def ask_export(self, fmt: str = "md") -> None:
        """Ask where to write the bookmarks as ``fmt``, then write them in a worker."""
        from tui.app.widgets.bookmark_dialog import ExportDialog

        default = default_export_path(fmt)
        shown = default.name if default.parent == working_folder() else str(default)

        def chosen(path: str | None) -> None:
            if path:
                # The screen the export was asked from (the dialog is gone): its toast
                # leaves with it, rather than follow the user back to the main screen.
                self._exported_from = weakref.ref(self.screen)
                self.export_bookmarks(self, path, fmt)

        self.push_screen(ExportDialog(shown, FORMATS[fmt]), chosen)

    def on_bookmarks_exported(self, message: bm.BookmarksExported) -> None:
        count = f"{message.count:,} bookmark{'s' if message.count != 1 else ''}"
        said = f"Wrote {count} to {message.path}"
        asked = self._exported_from() if self._exported_from is not None else None
        self._exported_from = None
        if isinstance(asked, DossierScreen) and asked in self.screen_stack:
            asked.say(said, timeout=6)
        else:  # that screen was left already: a toast of its own
            self.notify(said, markup=False, timeout=6)
