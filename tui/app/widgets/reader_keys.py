"""The reader's keys, by binding id (the user's keymap and the key bar use the ids):
scrolling, the raw view's cruft marking and copying, then the passage cursor's."""

from __future__ import annotations

from textual.binding import Binding, BindingType

#: Scrolling (hidden from the key bar: the arrows and page keys say what they do).
SCROLL_BINDINGS: list[BindingType] = [
    Binding("j,down", "scroll_down", "Down", show=False, id="reader.down"),
    Binding("k,up", "scroll_up", "Up", show=False, id="reader.up"),
    Binding("g,home", "scroll_home", "Top", show=False, id="reader.top"),
    Binding("G,end", "scroll_end", "Bottom", show=False, id="reader.bottom"),
    Binding("space,pagedown", "page_down", "Page down", show=False, id="reader.page_down"),
    Binding("pageup", "page_up", "Page up", show=False, id="reader.page_up"),
]

#: The raw view's cruft marking, and copying a passage with its citation.
RAW_BINDINGS: list[BindingType] = [
    Binding(
        "c",
        "toggle_cruft",
        "Cruft",
        id="reader.cruft",
        tooltip="Raw text: mark the line under the cursor as page cruft, or restore it",
    ),
    Binding(
        "y",
        "copy_passage",
        "Copy",
        id="reader.copy",
        show=False,
        tooltip="Copy the passage under the cursor, with its citation",
    ),
]

#: The reader's own keys, in this order; the passage cursor's are its base class's.
READER_BINDINGS: list[BindingType] = [*SCROLL_BINDINGS, *RAW_BINDINGS]

#: Moving the passage cursor, selecting, bookmarking (:mod:`tui.app.widgets.passage_cursor`).
PASSAGE_BINDINGS: list[BindingType] = [
    Binding(
        "right_parenthesis,alt+down",
        "next_sentence",
        "Sentence",
        id="passage.next_sentence",
        tooltip="Passage cursor: next sentence",
    ),
    Binding(
        "left_parenthesis,alt+up",
        "prev_sentence",
        "Previous sentence",
        show=False,
        id="passage.prev_sentence",
    ),
    Binding(
        "right_curly_bracket,shift+down",
        "next_paragraph",
        "Next paragraph",
        show=False,
        id="passage.next_paragraph",
    ),
    Binding(
        "left_curly_bracket,shift+up",
        "prev_paragraph",
        "Previous paragraph",
        show=False,
        id="passage.prev_paragraph",
    ),
    Binding("v", "select", "Select", id="passage.select", tooltip="Start / stop a selection"),
    Binding("shift+right,alt+right", "next_word", "Extend a word", show=False, id="passage.word"),
    Binding("shift+left,alt+left", "prev_word", "Shrink a word", show=False, id="passage.unword"),
    Binding(
        "b",
        "bookmark",
        "Bookmark",
        id="passage.bookmark",
        tooltip="Bookmark the selection (or the sentence under the cursor)",
    ),
    Binding(
        "escape", "clear_selection", "Deselect", id="passage.clear", tooltip="Drop the selection"
    ),
]
