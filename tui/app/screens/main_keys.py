"""The main screen's keys (its BINDINGS), by binding id: the user's keymap and the key
bar refer to them by these ids; the screen's ``action_*`` methods carry them out."""

from __future__ import annotations

from textual.binding import Binding, BindingType

# The keys that open a text box (/ f B) hold back the keys typed after them until the
# box has the focus (tui.app.typeahead). Focus moves with set_focus, at once, rather
# than focus(), which waits behind keys the app has already taken from the terminal.
MAIN_BINDINGS: list[BindingType] = [
    Binding("slash", "search", "Search", id="search", tooltip="Search every article"),
    Binding("f,ctrl+f", "find", "Find", id="find", tooltip="Find in this article"),
    Binding("n", "next_match", "Next", id="next_match", tooltip="Next match"),
    Binding("N", "prev_match", "Prev", id="prev_match", show=False, tooltip="Previous match"),
    Binding("e", "toggle_entities", "Entities", id="entities", tooltip="Show entities"),
    Binding("r", "toggle_raw", "Raw", id="raw", tooltip="Raw / cleaned text"),
    Binding("right_square_bracket", "next_mention", "Next mention", id="next_mention", show=False),
    Binding("left_square_bracket", "prev_mention", "Prev mention", id="prev_mention", show=False),
    Binding(
        "w",
        "shared_passages",
        "Shared",
        id="shared",
        tooltip="Other articles with the sentence, selection or bookmark under the cursor",
    ),
    Binding(
        "ctrl+o",
        "export",
        "Export",
        id="export",
        show=False,
        tooltip="Export the chosen entity's articles, else the shared passages",
    ),
    Binding(
        "W",
        "mentioned_with",
        "Mentioned with",
        id="entities.with",
        tooltip="Who is mentioned with the chosen entity (x there: the articles of both)",
    ),
    Binding("B", "bookmarks", "Bookmarks", id="bookmarks", tooltip="Every bookmark"),
    Binding("t", "timeline", "Timeline", id="timeline", tooltip="Articles over time"),
    Binding("S", "saved_searches", "Saved", id="saved_searches", tooltip="Saved searches"),
    Binding("F", "filter_list", "Filter", id="filter_list", show=False, tooltip="Filter the list"),
    Binding(
        "M",
        "correct",
        "Correct",
        id="correct",
        show=False,
        tooltip="Correct the article's title, date, source or byline",
    ),
    # Tab also reaches the pane a narrow terminal hides (the focus chain skips it).
    Binding("tab", "next_pane", "Next pane", id="panes.next", show=False),
    Binding("shift+tab", "previous_pane", "Previous pane", id="panes.previous", show=False),
    Binding("escape", "back", "Back", id="back"),
    # Esc in the list, once there is nowhere to go back to, drops the highlighted matches.
    Binding("escape", "clear_matches", "Clear matches", id="clear_matches"),
]
