"""The command palette's commands for the main screen (Textual's system commands)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from tui.app.screens.help import settings_note

if TYPE_CHECKING:
    from tui.app.screens.main import MainScreen


def main_screen_commands(
    main: MainScreen, key: Callable[[str, str], str]
) -> Iterator[SystemCommand]:
    """What the palette offers on ``main``; ``key(binding_id, default)`` names a key."""
    yield SystemCommand(
        "Rebuild index", "Rebuild the search index from the articles", main.feed.rebuild_index
    )
    yield SystemCommand(
        "Correct article",
        f"Correct the open article's title, date, source or byline ({key('correct', 'M')})",
        main.action_correct,
    )
    yield SystemCommand(
        "Add article from URL",
        "Save a web page into the corpus folder and index it",
        main.edits.ask_add_url,
    )
    yield SystemCommand(
        "Search", f"Search every article ({key('search', '/')})", main.navigator.open_search
    )
    yield SystemCommand(
        "Entities pane",
        f"Show or hide the entities pane ({key('entities', 'e')})",
        main.action_toggle_entities,
    )
    yield SystemCommand(
        "Raw text",
        f"Toggle the raw, uncleaned text ({key('raw', 'r')})",
        main.action_toggle_raw,
    )
    yield SystemCommand(
        "Timeline",
        f"Articles over time: an entity's, the search's or all ({key('timeline', 't')})",
        main.action_timeline,
    )
    yield SystemCommand(
        "Saved searches",
        f"Every saved search, with its new articles ({key('saved_searches', 'S')})",
        main.action_saved_searches,
    )
    yield SystemCommand(
        "Filter article list",
        f"Only a source, a period, or articles with bookmarks ({key('filter_list', 'F')})",
        main.action_filter_list,
    )
    changes = main.dossier.entity_changes
    if changes:
        yield SystemCommand(
            "Undo entity correction",
            f"Take back “{changes[-1].said}” ({key('entities.undo', 'u')} in the entities pane)",
            lambda: main.dossier.undo_last_correction(main),
        )
    yield SystemCommand("Help", f"Every key ({key('help', '?')})", main.dossier.action_help)
    yield SystemCommand(
        "Settings",
        "Where the settings file is: theme, keys, the rest",
        lambda: main.dossier.notify(settings_note(main.dossier), markup=False, timeout=12),
    )
    yield SystemCommand(
        "Bookmarks",
        f"Every saved passage ({key('bookmarks', 'B')})",
        main.bookmarking.open_screen,
    )
    export = f"({key('export', 'ctrl+o')} in the main screen)"
    if main.steps.search_query:
        yield SystemCommand(
            "Export search results",
            f"Write every result of {main.steps.search_query!r} to a file (Markdown, CSV or JSON)",
            main.exports.export_search,
        )
    if main.steps.occurrences:
        yield SystemCommand(
            "Export entity's articles",
            f"Write the articles that mention {main.steps.entity_name} to a file {export}",
            main.exports.export_entity,
        )
    if main.across.passages:
        yield SystemCommand(
            "Export shared passages",
            f"Write this article's passages found in other articles to a file {export}",
            main.exports.export_shared,
        )
