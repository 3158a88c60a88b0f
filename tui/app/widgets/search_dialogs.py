"""Dialogs of the search extras: a name to save a search under; the list's filter.

See :class:`~tui.app.widgets.dialog.Dialog` for what every dialog does.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Checkbox, Input, Label

from tui.app.list_filter import ListFilter, date_bound
from tui.app.safe import plain
from tui.app.widgets.dialog import Dialog, TextDialog, cancel_key


class SaveSearchDialog(TextDialog):
    """A name for the query in the search box. Enter saves, Esc cancels."""

    BINDINGS = cancel_key("save_search_dialog")
    FIRST = "save-search-name"
    WHEN_BLANK = "Give the search a name."

    def __init__(self, query: str, name: str = "") -> None:
        super().__init__()
        self.query_text = query
        self.name_text = name

    def compose(self) -> ComposeResult:
        with self.framed("save-search-dialog", "Save search", "saves"):
            yield Label(plain(f"Query: {self.query_text}"), classes="dialog-hint")
            yield Label(
                "Name (a saved search of the same name is replaced)", classes="dialog-label"
            )
            yield Input(self.name_text, placeholder="e.g. ceasefire talks", id=self.FIRST)
            yield Label(
                "Saved searches: ctrl+p, or S on the main screen. They count the new articles.",
                classes="dialog-hint",
            )


#: The source box's label: a year (a month, a day) typed there is a date range, said
#: where the user types it.
SOURCE_LABEL = "Source (a year or date typed here is taken as From and Until)"


class ListFilterDialog(Dialog[ListFilter]):
    """Narrow the article list by source, dates and bookmarks. Enter applies; blank
    boxes and no tick show every article."""

    BINDINGS = cancel_key("list_filter_dialog")
    FIRST = "filter-source"

    def __init__(self, current: ListFilter, sources: list[str]) -> None:
        super().__init__()
        self.current = current
        self.sources = sources

    def compose(self) -> ComposeResult:
        with self.framed("list-filter-dialog", "Filter the article list", "applies", tab=True):
            yield Label(SOURCE_LABEL, classes="dialog-label")
            yield Input(self.current.source, placeholder="any source", id="filter-source")
            if self.sources:
                shown = ", ".join(self.sources[:6]) + (", …" if len(self.sources) > 6 else "")
                yield Label(plain(f"Sources: {shown}"), classes="dialog-hint")
            yield Label("From (2016, 2016-02 or 2016-02-11)", classes="dialog-label")
            yield Input(self.current.since, placeholder="the first article", id="filter-since")
            yield Label("Until (inclusive)", classes="dialog-label")
            yield Input(self.current.until, placeholder="the last article", id="filter-until")
            yield Checkbox(
                "Only articles with bookmarks", self.current.bookmarked, id="filter-bookmarked"
            )

    def submit(self, value: str) -> None:
        source_box = self.query_one("#filter-source", Input)
        source = source_box.value.strip()
        bounds: list[str] = []
        for box_id in ("filter-since", "filter-until"):
            box = self.query_one(f"#{box_id}", Input)
            bound = date_bound(box.value)
            if bound is None:
                self.refuse(
                    f"{box.value.strip()!r} is not a date: write 2016, 2016-02 or 2016-02-11", box
                )
                return
            bounds.append(bound)
        period = date_bound(source) if source else ""
        if period and not any(period in s.casefold() for s in self.sources):
            # A year (a month, a day) in the source box: no source is named so, and a
            # user who types "2018" there means the articles of 2018. Taken as the date
            # range when From and Until are blank (the box's label says so, and the
            # dialog opened again shows it in From and Until);
            # beside dates of its own, it is refused, pointing to From and Until.
            if any(bounds):
                why = f"“{source}” is a date, not a source: put it in From or Until"
                self.refuse(why, source_box)
                return
            source, bounds = "", [period, period]
        if source:
            chosen, why = pick_source(source, self.sources)
            if chosen is None:
                self.refuse(why, source_box)
                return
            source = chosen
        bookmarked = self.query_one("#filter-bookmarked", Checkbox).value
        self.dismiss(ListFilter(source, bounds[0], bounds[1], bookmarked))


def pick_source(typed: str, sources: list[str]) -> tuple[str | None, str]:
    """The source ``typed`` names, as the corpus spells it, else None and why not.

    Any case; "source:" before it (as a search writes it) is dropped; the first letters
    of one source, or a part of the name of one source, name it. Without ``sources``
    (none known yet) the text is taken as it is."""
    text = typed.strip()
    if text.casefold().startswith("source:"):
        text = text[len("source:") :].strip()
    text = text.strip("\"'“”")
    if not sources:
        return text, ""
    wanted = text.casefold()
    exact = [s for s in sources if s.casefold() == wanted]
    starts = [s for s in sources if s.casefold().startswith(wanted)]
    within = [s for s in sources if wanted in s.casefold()]
    for found in (exact, starts, within):
        if len(found) == 1:
            return found[0], ""
        if found:
            return None, f"“{text}” could be {', '.join(found[:6])}: type more of it"
    listed = ", ".join(sources[:6]) + (", …" if len(sources) > 6 else "")
    return None, f"No article's source is “{text}”. Sources: {listed}"
