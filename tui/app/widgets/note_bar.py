"""A line under the reader: the note of the bookmark under the passage cursor, or a hint."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

from tui.app.safe import plain
from tui.bookmarks import Bookmark
from tui.bookmarks.model import note_tags

#: The keys the selection hint names, by binding id, as the defaults show them.
HINT_KEYS = {
    "passage.bookmark": "b",
    "passage.next_sentence": ")",
    "passage.prev_sentence": "(",
    "passage.clear": "Esc",
}
#: The keys of :data:`HINT_KEYS` as the bindings name them (tui.app.widgets.reader_keys).
_BOUND = {
    "passage.bookmark": "b",
    "passage.next_sentence": "right_parenthesis",
    "passage.prev_sentence": "left_parenthesis",
    "passage.clear": "escape",
}
#: The order the hint's parts are left out in when the line is too narrow for them all
#: (the least needed first): words, then sentences (their places among the parts).
HINT_DROPS = (3, 2)


def selection_hint(length: int, width: int, keys: dict[str, str] | None = None) -> str:
    """What a selection of ``length`` characters can do, in ``width`` cells: the parts
    least needed are left out rather than the line cut at its edge ("Esc d…").
    ``keys``: how the user's keys show, by binding id (:data:`HINT_KEYS`'s ids)."""
    key = {**HINT_KEYS, **(keys or {})}
    parts = [
        f"{length:,} characters",
        f"{key['passage.bookmark']} bookmark",
        f"{key['passage.next_sentence']} {key['passage.prev_sentence']} sentences",
        "shift+← → words",
        f"{key['passage.clear']} drops",
    ]
    for drop in (None, *(parts[i] for i in HINT_DROPS), parts[0]):
        if drop is not None:
            parts.remove(drop)
        line = " · ".join(parts)
        if cell_len(line) <= width:
            return line
    return line  # narrower still: it ends in "…"


class NoteBar(Static):
    """Hidden unless the passage cursor is on a bookmark or a selection is being made."""

    #: The length of the selection the hint is for (None: no hint shows).
    selected: int | None = None

    def show_passage(self, bookmarks: tuple[Bookmark, ...], selecting: bool, length: int) -> None:
        """Update for a cursor on ``bookmarks`` (maybe none), ``length`` characters selected."""
        self.selected = None
        if bookmarks:
            self.update(self._bookmark_line(bookmarks))
            self.display = True
        elif selecting:
            self.selected = length
            self._hint()
            self.display = True
        else:
            self.display = False

    def on_resize(self) -> None:
        if self.selected is not None:
            self._hint()

    def _hint(self) -> None:
        # Before its first layout the bar has no width: the whole line, fitted on resize.
        width = self.content_region.width or 1000
        key_for = getattr(self.app, "key_for", None)  # the user's keys (keymap:)
        keys = {i: key_for(i, k) for i, k in _BOUND.items()} if key_for else None
        self.update(plain(selection_hint(self.selected or 0, width, keys), "italic"))

    @staticmethod
    def _bookmark_line(bookmarks: tuple[Bookmark, ...]) -> Text:
        first = bookmarks[0]
        text = Text("★ Bookmarked", style="bold")
        if first.note.strip():
            text.append(": ")
            text.append_text(plain(first.note.strip()))
        # The tags the note does not show already as "#tag" (as the bookmarks list).
        written = {t.casefold() for t in note_tags(first.note)}
        tags = [t for t in first.tags if t.casefold() not in written]
        if tags:
            text.append("  ")
            text.append_text(plain(" ".join(f"#{t}" for t in tags), "bold"))
        if len(bookmarks) > 1:
            text.append_text(plain(f"  (+{len(bookmarks) - 1} more here)", "dim"))
        text.no_wrap = True
        text.overflow = "ellipsis"
        return text
