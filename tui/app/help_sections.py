"""Every pane's keys, in the sections of the help screen (and the ids a keymap may use)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.binding import Binding, BindingType

from tui.app.screens.bookmarks import BookmarksScreen
from tui.app.screens.main import MainScreen
from tui.app.screens.passages import PassagesScreen
from tui.app.screens.saved_searches import SavedSearchesScreen
from tui.app.screens.search import SearchScreen
from tui.app.screens.timeline import TimelineScreen
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.entity_pane import EntityPane
from tui.app.widgets.find_bar import FindBar
from tui.app.widgets.passage_cursor import PassageCursor
from tui.app.widgets.reader import Reader
from tui.app.widgets.results_list import ResultsList
from tui.app.widgets.together import TogetherList
from tui.app.widgets.type_picker import TypePicker
from tui.app.widgets.vim_options import VimOptionList


def help_sections(app_bindings: Sequence[BindingType]) -> list[tuple[str, list[BindingType]]]:
    """(title, bindings) of every pane; ``app_bindings`` are the app's own (everywhere)."""
    return [
        ("Everywhere", [*app_bindings, *MainScreen.BINDINGS]),
        ("Article list", list(ArticleList.BINDINGS)),
        ("Reader", list(Reader.BINDINGS)),
        ("Passages (in the reader)", list(PassageCursor.BINDINGS)),
        ("Bookmarks screen", list(BookmarksScreen.BINDINGS)),
        (
            "Entities pane",
            [*VimOptionList.BINDINGS, Binding("enter", "select", "Choose"), *EntityPane.BINDINGS],
        ),
        (
            "Mentioned with (entities pane)",
            list(TogetherList.BINDINGS),
        ),
        (
            "Entity type (T in the entities pane)",
            [Binding("enter", "select", "Pick the type under the cursor"), *TypePicker.BINDINGS],
        ),
        ("Shared passages list (w)", list(PassagesScreen.BINDINGS)),
        ("Search screen", list(SearchScreen.BINDINGS)),
        ("Timeline", list(TimelineScreen.BINDINGS)),
        ("Saved searches screen", list(SavedSearchesScreen.BINDINGS)),
        ("Search results and bookmarks lists", list(ResultsList.BINDINGS)),
        ("Find bar", list(FindBar.BINDINGS)),
    ]
