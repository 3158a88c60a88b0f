"""The saved searches: each with its query, how many articles it finds now and how
many of them are new since it was last opened (articles come in on re-index).

Counted from the index in a worker (:meth:`SearchWorkers.load_saved_searches`).
Enter dismisses the screen with the search to run (the opener shows its results and
notes them as seen); ``d`` deletes one; Esc goes back.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from tui.app import search_messages as sm
from tui.app.base import DossierScreen
from tui.app.safe import plain
from tui.app.widgets.key_bar import KeyBar
from tui.library.searching import SavedSearchStatus


def names_its_query(row: SavedSearchStatus) -> bool:
    """Whether the search's name is its query, word for word (then it is said once).
    Case counts: ``a AND b`` is not the search ``a and b`` is."""
    return row.name.split() == row.query.split()


def saved_prompt(row: SavedSearchStatus) -> Text:
    """Name in bold, count and new; the query below it, dimmed, unless it is the name.
    User text stays data."""
    text = plain(row.name, "bold")
    if row.error:
        text.append("  cannot run", style="red")
    else:
        text.append(f"  {row.count:,} article{'s' if row.count != 1 else ''}", style="")
        if row.new:
            text.append(f"  {row.new:,} new", style="bold reverse")
    if not names_its_query(row):
        text.append("\n")
        text.append_text(plain(row.query, "italic"))
    if row.error:
        text.append("\n")
        text.append_text(plain(row.error, "red"))
    return text


class SavedSearchesScreen(DossierScreen[SavedSearchStatus]):
    """Every saved search; dismissed with the one to run, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="saved_searches.back"),
        Binding("d,delete", "delete", "Delete", id="saved_searches.delete"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[SavedSearchStatus] = []
        self.loaded = False

    def compose(self) -> ComposeResult:
        with Vertical(id="saved-box"):
            yield Label("Saved searches", id="saved-heading")
            yield Label("Counting…", id="saved-status")
            yield OptionList(id="saved-list")
            yield Static("", id="saved-empty")
        yield KeyBar(id="key-bar")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#saved-list", OptionList))
        self.dossier.load_saved_searches(self)

    def on_saved_searches_loaded(self, message: sm.SavedSearchesLoaded) -> None:
        self.loaded = True
        status = self.query_one("#saved-status", Label)
        listing = self.query_one("#saved-list", OptionList)
        keep = listing.highlighted
        self.rows = list(message.rows)
        listing.clear_options()
        if message.error is not None:
            self.remove_class("-empty")
            status.update(plain(f"Cannot read the saved searches: {message.error}"))
            return
        empty = not self.rows and message.error is None
        self.set_class(empty, "-empty")
        self.refresh_bindings()  # Delete has nothing to delete in an empty list
        if empty:
            status.update("No saved searches yet.")
            self.query_one("#saved-empty", Static).update(self.empty_help())
            return
        new = sum(r.new for r in self.rows)
        n = len(self.rows)
        status.update(
            f"{n} saved search{'es' if n != 1 else ''}"
            + (f", {new:,} new article{'s' if new != 1 else ''}" if new else "")
            + f". Enter runs one · {self.dossier.key_for('saved_searches.delete', 'd')} deletes"
        )
        options: list[Option | None] = []
        for i, row in enumerate(self.rows):
            if i:
                options.append(None)  # a rule between two searches
            options.append(Option(saved_prompt(row), id=str(i)))
        listing.add_options(options)
        listing.highlighted = min(keep or 0, len(self.rows) - 1)

    def empty_help(self) -> Text:
        """What a saved search is for and how to save one, in the user's keys."""
        search = self.dossier.key_for("search", "/")
        save = self.dossier.key_for("search.save", "ctrl+s")
        return Text(
            "A saved search keeps a query by name, to run again as articles come in: "
            "this screen lists each one with the number of articles it finds now and "
            "how many of them are new since you last ran it.\n\n"
            f"To save one, press {search} on the main screen, type a query, then "
            f"{save} and give it a name."
        )  # Text, not markup: a key of the user's keymap may hold brackets

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return bool(self.rows) if action == "delete" else True

    @on(OptionList.OptionSelected, "#saved-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.dismiss(self.rows[int(event.option.id)])

    def action_delete(self) -> None:
        listing = self.query_one("#saved-list", OptionList)
        index = listing.highlighted
        if index is None or not 0 <= index < len(self.rows):
            return
        row = self.rows[index]
        self.dossier.remove_saved_search(self, row.name)
        self.say(f"Deleted saved search “{row.name}”.", timeout=3)

    def action_back(self) -> None:
        self.dismiss(None)
