"""The bookmarks screen: every saved passage, filtered as you type.

One instance is kept installed for the whole session (the app builds it in the
background once startup is done), so ``B`` only shows it again: its widgets, its
rows, the filter and the cursor stay as the user left them. Every bookmark is
kept in memory by the app (:class:`tui.bookmark_cache.BookmarkCache`); each
visit shows that list at once and asks a thread worker for what was written
since (here or by another copy of Dossier), as ctrl+r does. Typing filters in
memory with :func:`tui.bookmarks.filter_bookmarks`, so each keystroke costs no
disk access. Edits, deletes, undo (:mod:`tui.app.screens.bookmark_edits`) and export
run in thread workers too and post typed messages back. Enter dismisses the
screen with the chosen bookmark; the main screen opens its article at the passage.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label

from tui.app import bookmark_messages as bm
from tui.app.safe import plain
from tui.app.screens.bookmark_edits import BookmarkEdits
from tui.app.widgets.bookmark_rows import SHOWN, bookmark_prompt, status_line
from tui.app.widgets.key_bar import KeyBar
from tui.app.widgets.results_list import ResultsList
from tui.bookmarks import Bookmark, SortKey, filter_bookmarks, sort_bookmarks


class BookmarksScreen(BookmarkEdits):
    """Every bookmark; dismisses with the one to open, or ``None``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="bookmarks.back"),
        Binding("slash", "focus_filter", "Filter", id="bookmarks.filter"),
        Binding("down", "to_list", "List", show=False, id="bookmarks.list"),
        Binding("s", "toggle_sort", "Sort", id="bookmarks.sort", tooltip="By date or by article"),
        Binding("e", "edit", "Edit", id="bookmarks.edit", tooltip="Edit the note and tags"),
        Binding("d,delete", "delete", "Delete", id="bookmarks.delete"),
        Binding("u", "undo", "Undo", id="bookmarks.undo", tooltip="Put back the last deleted"),
        # ctrl+o as well: the export key of the main and search screens, and from the
        # filter too (x is a letter there).
        Binding("x,ctrl+o", "export", "Export", id="bookmarks.export", tooltip="Write Markdown"),
        Binding("ctrl+r", "refresh", "Refresh", id="bookmarks.refresh"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.bookmarks: list[Bookmark] = []  # every bookmark, sorted
        self.shown: list[Bookmark] = []  # those matching the filter
        self.sort: SortKey = "date"
        self.loaded = False
        self._source: list[Bookmark] | None = None  # the list last shown, as loaded
        self.deleted: list[Bookmark] = []  # for undo, most recent last
        self._prompts: dict[Bookmark, Text] = {}  # one per bookmark version, for the session
        self._mounted = False
        self.load_error: str | None = None  # why the last read failed (a damaged file)

    def compose(self) -> ComposeResult:
        with Vertical(id="bookmarks-box"):
            box = Input(placeholder="Filter: words, #tag…", id="bookmarks-filter")
            box.border_title = "Bookmarks"
            yield box
            yield Label("Reading bookmarks…", id="bookmarks-status")
            yield ResultsList(id="bookmarks-list")
        yield KeyBar(id="key-bar")

    def on_mount(self) -> None:
        self._mounted = True
        self.will_show()
        if self not in self.app.screen_stack:
            # Built in the background (the app does this once startup is over).
            # Textual lays out only a screen that has finished mounting: later.
            self.call_later(self._lay_out_hidden)

    def will_show(self) -> None:
        """Get ready to be shown (again): the opener calls this just before pushing.

        The filter takes the focus now, not on a later callback, so that keys typed
        right after B (still queued) go to it; its text from the last visit is
        selected, so typing replaces it. The list catches up with the bookmarks the
        app has read since, and a worker reads what was written since then.
        """
        if not self._mounted:
            return  # on_mount calls this once the widgets are there
        boxes = self.query("#bookmarks-filter").results(Input)
        box = next(boxes, None)
        if box is None:  # built in the background while the app quits: gone already
            return
        self.set_focus(box)
        box.select_all()
        cached = self.dossier.cached_bookmarks()
        if cached is not None and cached is not self._source:
            self._show_loaded(cached)
        self.action_refresh()

    def _lay_out_hidden(self, passes: int = 4) -> None:
        """Lay the hidden screen out for the terminal and draw it once, to nothing.

        What Textual would do on the first push (size every widget, apply the width
        breakpoint classes, draw and cache every widget's lines), done while the user
        is not waiting, so the first B paints one frame from cached lines as later
        ones do. Only the screen on top of the stack is ever displayed. Widgets just
        resized (the list, once it knows it has a scrollbar) may ask for another
        layout: a few passes, a moment apart, until none is asked for.
        """
        if self in self.app.screen_stack or not passes:
            return
        if passes == 4 or self._layout_required:
            self._layout_required = False
            self._refresh_layout(self.app.size)
            self._compositor.render_update(full=True)
            self.set_timer(0.05, lambda: self._lay_out_hidden(passes - 1))

    @property
    def listing(self) -> ResultsList:
        return self.query_one("#bookmarks-list", ResultsList)

    @property
    def filter_text(self) -> str:
        return self.query_one("#bookmarks-filter", Input).value

    # -- loading and filtering ---------------------------------------------------------

    def action_refresh(self) -> None:
        """Read the bookmarks again (another copy of Dossier may have changed them)."""
        self.dossier.load_bookmarks(self)

    def on_bookmarks_loaded(self, message: bm.BookmarksLoaded) -> None:
        if message.article_id is not None:
            return
        message.stop()
        self.load_error = message.error
        if message.error is not None:
            self._show_loaded([])
            return
        # The app's list is the newest read (a slower worker may post an older one).
        latest = self.dossier.cached_bookmarks()
        bookmarks = message.bookmarks if latest is None else latest
        if self.loaded and bookmarks is self._source:
            return  # unchanged since it was shown
        self._show_loaded(bookmarks)

    def _show_loaded(self, bookmarks: list[Bookmark]) -> None:
        """Show ``bookmarks`` (newest first, never changed here), keeping filter and cursor."""
        self.loaded = True
        self._source = bookmarks
        if self.sort == "date":
            self.bookmarks = bookmarks
        else:
            self.bookmarks = sort_bookmarks(bookmarks, self.sort)
        self.refilter()

    @on(Input.Changed, "#bookmarks-filter")
    def _filter_changed(self) -> None:
        self.refilter()

    def refilter(self, keep: str | None = None) -> None:
        """Show the bookmarks matching the filter; keep ``keep`` (an id) highlighted if listed."""
        listing = self.listing
        if keep is None and self.shown:
            keep = self.shown[min(listing.cursor, len(self.shown) - 1)].id
        self.shown = filter_bookmarks(self.bookmarks, self.filter_text)
        ids = [b.id for b in self.shown[:SHOWN]]
        with self.app.batch_update():
            listing.set_items(
                [self._prompt(b) for b in self.shown[:SHOWN]],
                cursor=ids.index(keep) if keep in ids else 0,
            )
            self._status()

    def _prompt(self, b: Bookmark) -> Text:
        # Keyed by the whole bookmark (frozen, compared by value): an import may change
        # a note and keep its timestamp.
        prompt = self._prompts.get(b)
        if prompt is None:
            prompt = self._prompts[b] = bookmark_prompt(b)
        return prompt

    def _status(self) -> None:
        text = status_line(
            total=len(self.bookmarks),
            found=len(self.shown),
            sort=self.sort,
            filter_text=self.filter_text,
            load_error=self.load_error,
            in_filter=self.query_one("#bookmarks-filter", Input).has_focus,
            key=self.dossier.key_for,
            undoable=len(self.deleted),
        )
        self.query_one("#bookmarks-status", Label).update(plain(text))
        self.refresh_bindings()  # the key bar follows what there is to act on

    @property
    def current(self) -> Bookmark | None:
        listed = self.shown[:SHOWN]
        index = self.listing.cursor
        return listed[index] if 0 <= index < len(listed) else None

    # -- choosing, sorting -------------------------------------------------------------

    @on(Input.Submitted, "#bookmarks-filter")
    def _submitted(self) -> None:
        if self.current is not None:
            self.dismiss(self.current)

    @on(ResultsList.Selected, "#bookmarks-list")
    def _selected(self, event: ResultsList.Selected) -> None:
        event.stop()
        if self.current is not None:
            self.dismiss(self.current)

    def action_back(self) -> None:
        self.dismiss(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # In the filter, / is text: the key bar does not offer it there.
        if action == "focus_filter":
            return not self.query_one("#bookmarks-filter", Input).has_focus
        return True

    def key_bar_hides(self, action: str) -> bool:
        """Out of the key bar while they have nothing to act on (pressed, they say so)."""
        empty = action in ("edit", "delete", "export", "select", "toggle_sort") and not self.shown
        return empty or (action == "undo" and not self.deleted)

    def on_descendant_focus(self) -> None:
        if self.loaded:
            self._status()  # the hint depends on where the focus is

    def action_focus_filter(self) -> None:
        self.query_one("#bookmarks-filter", Input).focus()

    def action_to_list(self) -> None:
        if self.listing.item_count:
            self.listing.focus()

    def action_toggle_sort(self) -> None:
        self.sort = "article" if self.sort == "date" else "date"
        self.bookmarks = sort_bookmarks(self.bookmarks, self.sort)
        self.refilter()

    # -- export ------------------------------------------------------------------------

    def action_export(self) -> None:
        self.dossier.ask_export("md")
