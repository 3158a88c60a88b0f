"""Every pane's keys, in the sections of the help screen (and the ids a keymap may use).

A section's title that names the key that gets there names it as the user's keymap
binds it (``key_for``: the app's :meth:`~tui.app.app.DossierApp.key_for`), as the
hints do: "Shared passages list (w)" said ``w`` to a user who had moved it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.binding import Binding, BindingType


def _as_bound(binding_id: str, default: str) -> str:
    return default


def help_sections(
    app_bindings: Sequence[BindingType], key_for: Callable[[str, str], str] = _as_bound
) -> list[tuple[str, list[BindingType]]]:
    """(title, bindings) of every pane; ``app_bindings`` are the app's own (everywhere).
    ``key_for(binding_id, default)``: how the key bound to an id is shown (the titles
    name some).

    The screens are imported here, not at the top: most are not shown at launch, and
    the app asks for these only for the help screen or a user's keymap."""
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

    retype = key_for("entities.retype", "T")
    shared = key_for("shared", "w")
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
            f"Entity type ({retype} in the entities pane)",
            [Binding("enter", "select", "Pick the type under the cursor"), *TypePicker.BINDINGS],
        ),
        (f"Shared passages list ({shared})", list(PassagesScreen.BINDINGS)),
        ("Search screen", list(SearchScreen.BINDINGS)),
        ("Timeline", list(TimelineScreen.BINDINGS)),
        ("Saved searches screen", list(SavedSearchesScreen.BINDINGS)),
        ("Search results and bookmarks lists", list(ResultsList.BINDINGS)),
        ("Find bar", list(FindBar.BINDINGS)),
    ]
