"""A line under the reader: the note of the bookmark under the passage cursor, or a hint."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from tui.app.safe import plain
from tui.bookmarks import Bookmark


class NoteBar(Static):
    """Hidden unless the passage cursor is on a bookmark or a selection is being made."""

    def show_passage(self, bookmarks: tuple[Bookmark, ...], selecting: bool, length: int) -> None:
        """Update for a cursor on ``bookmarks`` (maybe none), ``length`` characters selected."""
        if bookmarks:
            self.update(self._bookmark_line(bookmarks))
            self.display = True
        elif selecting:
            # Fits the reader at 80 columns; narrower (the entities pane open) it ends in "…".
            hint = plain(
                f"{length:,} characters · b bookmark · ) ( sentences · shift+← → words · Esc drops",
                "italic",
            )
            hint.no_wrap = True
            hint.overflow = "ellipsis"
            self.update(hint)
            self.display = True
        else:
            self.display = False

    @staticmethod
    def _bookmark_line(bookmarks: tuple[Bookmark, ...]) -> Text:
        first = bookmarks[0]
        text = Text("★ Bookmarked", style="bold")
        if first.note.strip():
            text.append(": ")
            text.append_text(plain(first.note.strip()))
        if first.tags:
            text.append("  ")
            text.append_text(plain(" ".join(f"#{t}" for t in first.tags), "bold"))
        if len(bookmarks) > 1:
            text.append_text(plain(f"  (+{len(bookmarks) - 1} more here)", "dim"))
        text.no_wrap = True
        text.overflow = "ellipsis"
        return text
