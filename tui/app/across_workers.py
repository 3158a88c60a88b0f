"""Workers for reading across articles: shared passages, co-occurrence, exports.

A base class of the app like :class:`~tui.app.workers.LibraryWorkers`: each worker
calls the library in a thread and posts a typed message back to the node that asked.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

from textual import work
from textual.app import App
from textual.message_pump import MessagePump
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import get_current_worker

from tui.app import messages as m
from tui.app.base import Says
from tui.app.heap import HeapKeeper
from tui.export import SUFFIXES, Cited
from tui.library import IndexDamaged, Library, LibraryError, PassagesPending


def _cancelled() -> bool:
    return get_current_worker().is_cancelled


#: Seconds without a key or a mouse event before a lookup the user is not waiting for
#: (the open article's shared passages) goes on: its 40-75 ms of CPU (50,000 articles)
#: took turns at the interpreter's lock with the UI thread drawing what the keys asked for.
QUIET = 0.2


def export_name(what: str) -> str:
    """A file name in the current directory for an export of ``what``."""
    stem = "".join(c if c.isalnum() else "-" for c in what.lower()).strip("-")
    stem = "-".join(part for part in stem.split("-") if part)[:48] or "list"
    return f"dossier-{stem}.md"


class AcrossWorkers(App[None]):
    """Shared passages, who appears with whom, and exports, as workers of the app."""

    library: Library
    key_for: Callable[[str, str], str]  # DossierApp's: how a binding's key is shown
    heap: HeapKeeper  # DossierApp's: when the user last pressed a key

    def _cancelled_or_busy(self) -> bool:
        """``cancelled()`` for work the user is not waiting for: True once the worker
        is cancelled; while keys come in, it first waits until they stop for
        :data:`QUIET` seconds (the work holds nothing meanwhile that others wait for)."""
        while not _cancelled():
            idle = time.monotonic() - self.heap.last_input
            if idle >= QUIET:
                return False
            time.sleep(min(QUIET - idle, 0.05))
        return True

    @work(thread=True, exclusive=True, group="shared", exit_on_error=False)
    def load_shared(self, target: MessagePump, article_id: str) -> None:
        """The shared passages of a whole article (the reader's gutter marks): none for
        an article that cannot be read now (its file left the folder since it was
        opened: the reader keeps it, and the status line says so once the update is
        in), as a mark is no place to say why. Looked up while the user pauses
        (:meth:`_cancelled_or_busy`): the marks come a moment later."""
        not_ready = ""
        if self._cancelled_or_busy():
            return
        try:
            passages = self.library.passages(article_id, cancelled=self._cancelled_or_busy)
        except InterruptedError:
            return
        except PassagesPending as exc:
            passages, not_ready = [], str(exc)
        except IndexDamaged:
            raise  # (the app rebuilds the index: on_worker_state_changed)
        except LibraryError:  # (NoSuchArticle; or "FILE: cannot read: ...")
            passages = []
        if not _cancelled():
            target.post_message(
                m.SharedPassagesLoaded(article_id, 0, -1, passages, True, not_ready)
            )

    @work(thread=True, exclusive=True, group="shared-lookup", exit_on_error=False)
    def find_shared(self, target: MessagePump, article_id: str, start: int, end: int) -> None:
        """The shared passages of ``start``-``end`` of an article (``w``)."""
        not_ready = ""
        try:
            passages = self.library.passages(article_id, start, end, cancelled=_cancelled)
        except InterruptedError:
            return
        except PassagesPending as exc:
            passages, not_ready = [], str(exc)
        if not _cancelled():
            target.post_message(
                m.SharedPassagesLoaded(article_id, start, end, passages, False, not_ready)
            )

    @work(thread=True, exclusive=True, group="together", exit_on_error=False)
    def load_together(self, target: MessagePump, entity_id: str, name: str) -> None:
        together = self.library.together(entity_id, limit=60)
        if not _cancelled():
            target.post_message(m.TogetherLoaded(entity_id, name, together))

    @work(thread=True, exclusive=True, group="export-list", exit_on_error=False)
    def export_list(
        self,
        target: MessagePump,
        path: str,
        items: Callable[[], Sequence[Cited]] | Sequence[Cited],
        heading: str,
    ) -> None:
        """Write ``items`` (or what ``items()`` gives, for a list still to be read) to
        ``path`` as its suffix says; replaces a file (the dialog asked)."""
        from tui.export import format_of, render
        from tui.outfile import OutputError, write_output

        try:
            listed = list(items() if callable(items) else items)
            out = write_output(Path(path), render(listed, format_of(path), heading), overwrite=True)
        except (OutputError, ValueError) as exc:
            target.post_message(m.ListExported(path, 0, str(exc), asked=target))
            return
        target.post_message(m.ListExported(str(out), len(listed), asked=target))

    def ask_export_list(
        self,
        target: MessagePump,
        what: str,
        items: Callable[[], Sequence[Cited]] | Sequence[Cited],
        heading: str,
    ) -> None:
        """Ask where to write a list (the file's suffix picks Markdown, CSV or JSON; an
        existing file is replaced only after a second Enter), then write it in a worker."""
        from tui.app.widgets.bookmark_dialog import ExportDialog

        def chosen(path: str | None) -> None:
            if path:
                self.export_list(target, path, items, heading)

        dialog = ExportDialog(
            export_name(what),
            "Markdown, CSV or JSON",
            what,
            suffixes=SUFFIXES,
        )
        self.push_screen(dialog, chosen)

    def copy_quote(self, text: str, *, said: Callable[[str], None] | None = None) -> None:
        """Put ``text`` on the clipboard through the terminal (OSC 52), and say so: in a
        toast, or with ``said`` (a modal screen's own line: no toast shows over it)."""
        self.copy_to_clipboard(text)
        words = text.split()
        start = " ".join(words[:8]) + ("…" if len(words) > 8 else "")
        message = (
            f"Copied with its citation: {start}\nNothing to paste? The terminal does not "
            "let programs set the clipboard (OSC 52; in tmux: set -g set-clipboard on): "
            "select the text with the mouse (shift+drag), or export it "
            f"({self.key_for('export', 'ctrl+o')})."
        )
        if said is not None:
            said(message)
            return
        self.notify(message, markup=False, timeout=6)

    def on_list_exported(self, message: m.ListExported) -> None:
        # Said by the screen the export was asked from (search: a toast that leaves with
        # it, as the bookmarks export's does; the shared passages: under its list); a
        # toast of its own when that screen was left before the file was written.
        asked = message.asked
        screen = asked if isinstance(asked, Screen) else getattr(asked, "screen", None)
        severity: SeverityLevel = "error" if message.error else "information"
        said = message.error
        if not said:
            noun = "item" if message.count == 1 else "items"
            said = f"Wrote {message.count} {noun} to {message.path}"
        if isinstance(screen, Says) and screen in self.screen_stack:
            screen.say(said, timeout=6, severity=severity)
        else:
            self.notify(said, markup=False, severity=severity, timeout=6)
