"""Bookmarks as the bookmarks screen lists them, and the line that sums the list up."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text

from tui.app.safe import plain
from tui.app.widgets.bookmark_dialog import quote_preview
from tui.bookmarks import Bookmark, SortKey
from tui.bookmarks.model import note_tags
from tui.text import plural

#: At most this many bookmarks are listed at once; typing narrows the rest.
SHOWN = 60
QUOTE_CHARS = 240


def bookmark_prompt(b: Bookmark) -> Text:
    """A bookmark as three or four lines: quote; article; note and tags; when saved."""
    text = quote_preview(b.quote, QUOTE_CHARS)
    text.stylize("bold" if not b.orphaned else "dim")
    text.append("\n")
    if b.orphaned:
        text.append("⚠ orphaned: no longer found in the article · ", style="bold")
    text.append_text(plain(b.article_title, "italic"))
    meta = " · ".join(p for p in (b.article_source, b.article_date) if p)
    if meta:
        text.append_text(plain(f" · {meta}", "dim"))
    if b.note.strip() or b.tags:
        text.append("\n")
        if b.note.strip():
            text.append("✎ ", style="bold")
            text.append_text(plain(b.note.strip()))
        # The tags the note does not show already as "#tag".
        written = {t.casefold() for t in note_tags(b.note)}
        tags = [t for t in b.tags if t.casefold() not in written]
        if tags:
            text.append("  " if b.note.strip() else "")
            text.append_text(plain(" ".join(f"#{t}" for t in tags), "bold"))
    text.append("\n")
    text.append_text(plain(f"saved {b.created[:16].replace('T', ' ')}", "dim"))
    return text


def status_line(
    *,
    total: int,
    found: int,
    sort: SortKey,
    filter_text: str,
    load_error: str | None,
    in_filter: bool,
    key: Callable[[str, str], str],
    undoable: int = 0,
) -> str:
    """What the list shows, in words: ``found`` of ``total`` bookmarks in ``sort`` order,
    or why there are none; with the keys to use while the filter (``in_filter``) has the
    focus. ``key(binding_id, default)`` is the key the user has for a binding."""
    order = "newest first" if sort == "date" else "by article"
    if load_error is not None:
        return f"Cannot read the bookmarks: {load_error}"
    if not total and undoable:  # not "No bookmarks yet" to one who just deleted the last
        return f"No bookmarks left: {key('bookmarks.undo', 'u')} puts back the last deleted."
    if not total:
        return (
            f"No bookmarks yet. In the reader, {key('passage.next_sentence', ')')} moves "
            f"the passage cursor and {key('passage.bookmark', 'b')} bookmarks."
        )
    if not found:
        return f"No bookmark matches “{filter_text}” ({total:,} in all)."
    text = (
        f"{plural(total, 'bookmark')}, {order}"
        if found == total
        else f"{found:,} of {plural(total, 'bookmark')}, {order}"
    )
    if found > SHOWN:
        text += f" (the first {SHOWN} listed: type to narrow)"
    if in_filter:
        text += (
            f" · Enter opens · ↓ the list: {key('bookmarks.edit', 'e')} edit, "
            f"{key('bookmarks.delete', 'd')} delete, {key('bookmarks.export', 'x')} export"
        )
    return text
