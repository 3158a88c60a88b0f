"""Keys typed right after a key that opens a box (b, e, x, B, ctrl+p) go to that box, in order.

Each test types the burst with no pause between the keys (``type_fast``), as a fast typist
or a paste does; ``pilot.press`` would wait after each key and hide the race. The letters
are chosen among the keys the screen beneath would act on (n steps matches, e the entities
pane, r raw text, s sorts, d deletes, u undoes, q quits).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import Input

from tests.app_helpers import SIZE, make_app, ready, settle, type_fast, wait_for
from tui.app.screens.bookmarks import BookmarksScreen
from tui.app.widgets.bookmark_dialog import BookmarkDialog, ExportDialog
from tui.text import sentence_spans


@pytest.fixture
def app(indexed_seeds: Path):
    return make_app(indexed_seeds)


def keys_of(text: str) -> list[str]:
    """The key names that type ``text``."""
    return ["space" if char == " " else char for char in text]


async def box_on(pilot, screen_type: type, selector: str | type = Input) -> Input:  # noqa: ANN001
    """The text box ``selector`` of the ``screen_type`` on top, once that is mounted."""
    app = pilot.app
    # The screen is on the stack at once; its widgets a moment later.
    await wait_for(
        pilot, lambda: isinstance(app.screen, screen_type) and bool(app.screen.query(selector))
    )
    return app.screen.query_one(selector, Input)


def notes(app) -> list[str]:  # noqa: ANN001
    return [str(n.message) for n in app._notifications]  # noqa: SLF001


async def reading(pilot):  # noqa: ANN001, ANN201
    """The main screen, once ready, with the reader focused (where b, B and ctrl+p are typed)."""
    main = await ready(pilot)
    main.set_focus(main.reader)
    await pilot.pause()
    return main


async def test_a_note_typed_right_after_b_goes_into_the_dialog(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        main = await reading(pilot)
        note = "never quote Bs"
        type_fast(pilot, "b", *keys_of(note))
        box = await box_on(pilot, BookmarkDialog, "#bookmark-note")
        await wait_for(pilot, lambda: box.value == note)
        await settle(pilot)
        assert app.focused is box
        assert [type(s) for s in app.screen_stack][1:] == [type(main), BookmarkDialog]
        assert not main.entity_pane.display  # e
        assert not main.reader.raw  # r
        assert not any("Nothing to step through" in text for text in notes(app))  # n
        type_fast(pilot, "enter")
        await settle(pilot)
        assert app.screen is main
        [saved] = app.library.bookmarks.all()
        assert saved.note == note


async def test_letters_typed_right_after_B_in_the_reader_go_to_the_filter(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        main = await reading(pilot)
        type_fast(pilot, "B", *"near")
        box = await box_on(pilot, BookmarksScreen, "#bookmarks-filter")
        await wait_for(pilot, lambda: box.value == "near")
        await settle(pilot)
        assert app.focused is box
        assert not main.entity_pane.display
        assert not main.reader.raw


async def test_letters_typed_right_after_ctrl_p_go_to_the_palette(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        main = await reading(pilot)
        type_fast(pilot, "ctrl+p", *"ners")
        box = await box_on(pilot, CommandPalette)
        await wait_for(pilot, lambda: box.value == "ners")
        await settle(pilot)
        assert app.focused is box
        assert not main.entity_pane.display
        assert not main.reader.raw
        assert main.article_list.sort_column == "date"


async def test_letters_typed_right_after_e_or_x_on_the_bookmarks_list_go_to_the_dialog(
    app,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        body = main.article.body
        app.library.bookmarks.add(main.article, *sentence_spans(body)[0], note="kept")
        await pilot.press("B")
        await wait_for(pilot, lambda: isinstance(app.screen, BookmarksScreen))
        screen = app.screen
        await wait_for(pilot, lambda: len(screen.shown) == 1)
        await pilot.press("down")  # to the list, where s e d u x are keys
        await wait_for(pilot, lambda: app.focused is screen.listing)
        type_fast(pilot, "e", *"sdux")
        box = await box_on(pilot, BookmarkDialog, "#bookmark-note")
        # The note's text is selected when it takes the focus: typing replaces it.
        await wait_for(pilot, lambda: box.value.endswith("sdux"))
        await settle(pilot)
        assert app.focused is box
        # Esc over a typed note asks first (a second Esc discards it).
        type_fast(pilot, "escape", "escape", "x", *"du")
        path = await box_on(pilot, ExportDialog, "#export-path")
        await wait_for(pilot, lambda: path.value.endswith("du"))
        await settle(pilot)
        assert screen.sort == "date"
        assert len(app.library.bookmarks.all()) == 1  # not deleted


async def test_keys_already_queued_when_held_keys_go_out_wait_their_turn(app) -> None:
    # "/" then "brown" typed fast came out "rownb" about once in five on the BBC
    # corpus: "b" was held for "/", and "rown" were still in the app's queue when the
    # held "b" was sent on, behind them. Set that moment up exactly.
    from textual import events

    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        box = app.screen.query_one("#search-input", Input)
        assert app.focused is box
        app._held, app._awaited = [], "an action still on its way"  # noqa: SLF001
        app.post_message(events.Key("b", "b"))
        await pilot.pause()
        assert box.value == ""  # "b" is held
        for char in "rown":
            app.post_message(events.Key(char, char))
        app.release_keys()  # "b" goes out now, behind "rown" in the queue
        await wait_for(pilot, lambda: len(box.value) == 5)
        assert box.value == "brown"


async def test_slash_typed_inside_a_query_holds_nothing_back(
    app, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "/" is the search screen's key for "edit the query", and a keymap makes a box's
    keys look like bindings: "/" typed inside a query held the letters after it back
    (for a second, HOLD_AT_MOST; made long here so that a hold cannot pass unseen)."""
    from tui.app import typeahead
    from tui.app.screens.search import SearchScreen

    monkeypatch.setattr(typeahead, "HOLD_AT_MOST", 60.0)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen))
        box = app.screen.query_one("#search-input", Input)
        await wait_for(pilot, lambda: app.focused is box)
        type_fast(pilot, *"lav", "slash", *"rov")
        await wait_for(pilot, lambda: box.value == "lav/rov", timeout=10, what="every letter")


async def test_slash_back_from_a_result_keeps_the_query_and_selects_it(app) -> None:
    """Back on the search screen from a result, the query is selected in the box: "/"
    (the key that opened search) replaced it with "/" and the screen said there was
    nothing to search for. It selects the query; typing then replaces it."""
    from tui.app.screens.search import SearchScreen

    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        await pilot.press("slash", *"ceasefire")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen))
        search = app.screen
        await wait_for(pilot, lambda: search.shown_query == "ceasefire")
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: app.screen is main and main.article is not None)
        await settle(pilot)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen))
        await settle(pilot)
        box = app.screen.query_one("#search-input", Input)
        await pilot.press("slash")
        await settle(pilot)
        assert box.value == "ceasefire"
        assert app.focused is box and box.selected_text == "ceasefire"
        await pilot.press(*"lavrov")
        await wait_for(pilot, lambda: box.value == "lavrov", what="the new query")


async def test_a_query_can_start_with_a_slash(app) -> None:
    """ "/" typed into the empty, focused box is typed: it went to the screen's binding
    ("edit the query"), so no query could start with it."""
    from tui.app.screens.search import SearchScreen

    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen))
        box = app.screen.query_one("#search-input", Input)
        await wait_for(pilot, lambda: app.focused is box)
        await settle(pilot)
        assert box.value == ""
        await pilot.press("slash", *"lav")
        await wait_for(pilot, lambda: box.value == "/lav", what="the query typed")
        await pilot.press("ctrl+u", "slash")  # emptied again, then "/"
        await wait_for(pilot, lambda: box.value == "/", what="the slash typed")


async def test_a_key_sent_on_after_the_wait_for_it_was_given_up_stops_no_key(app) -> None:
    """Keys held behind a binding go out again, and the keys typed meanwhile wait until
    those are handled, for HOLD_AT_MOST at most (then _unstick gives up on them). On a
    loaded machine a key sent on can be handled after that: the count of keys on their
    way went below zero, and the next key typed stopped the app (an assertion) or, with
    keys waiting, every key after it was kept back for ever: an app stuck on its article."""
    from textual import events

    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        table = screen.article_list
        app._send_on([events.Key("j", "j")])  # a key held back goes out again ...
        app._unstick()  # ... and its time is up before it is handled
        await wait_for(pilot, lambda: table.cursor == 1, what="the key sent on handled")
        await settle(pilot)
        await pilot.press("j")
        await wait_for(pilot, lambda: table.cursor == 2, what="the next key handled")
