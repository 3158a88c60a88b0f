"""The search screen's keys, by binding id (the user's keymap and the key bar use the ids)."""

from __future__ import annotations

from textual.binding import Binding, BindingType

SEARCH_BINDINGS: list[BindingType] = [
    Binding("escape", "back", "Back", id="search.back"),
    Binding("down", "results", "Results", show=False, id="search.results"),
    Binding("up", "history", "Earlier query", show=False, id="search.history"),
    Binding("slash", "focus_input", "Edit query", show=False, id="search.edit"),
    Binding(
        "ctrl+o",
        "export",
        "Export",
        id="search.export",
        tooltip="Write every result of this search to a file (Markdown, CSV or JSON)",
    ),
    Binding("ctrl+s", "save", "Save", id="search.save", tooltip="Save this search by name"),
    Binding("ctrl+f", "facets", "Facets", id="search.facets", tooltip="Narrow by facet"),
    Binding("ctrl+t", "timeline", "Timeline", id="search.timeline", tooltip="Over time"),
]
