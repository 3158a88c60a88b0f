"""Pilot tests: a key pressed where it does nothing says where it works and how to get
there, and the keys the hint names, pressed exactly as named, get there.

"x … works in the entities pane's “In this article”: Tab goes there" was said with the
focus in the list, where one Tab lands on the reader."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.widgets import Label

from tests.app_helpers import SIZE, make_app, ready, settle, wait_for
from tests.conftest import write_article

#: How a hint names a key, and what the pilot presses for it.
_KEYS = {"Tab": "tab", "Shift+Tab": "shift+tab", "Esc": "escape", "Enter": "enter"}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    write_article(
        folder,
        "a.txt",
        "Talks in Stockholm",
        "Foreign Minister Anna Lindqvist met President Tomas Berger in Stockholm on Monday.",
        "Berger later flew to Copenhagen for talks with the United Nations.",
    )
    write_article(folder, "b.txt", "Weather", "It rained all week in Stockholm.")
    return folder


def _status(screen) -> str:  # noqa: ANN001
    return str(screen.query_one("#status-message", Label).render())


def _presses(hint: str) -> list[str]:
    """The keys a hint says to press ("Esc twice goes back to it", "Esc then Shift+Tab
    go back to it"), as the pilot presses them."""
    m = re.search(r": (.+?) (?:goes|go|opens) ", hint)
    assert m, hint
    keys: list[str] = []
    for part in m.group(1).split(" then "):
        key, _, times = part.partition(" ")
        count = {"": 1, "twice": 2}.get(times) or int(times.split()[0])
        keys += [_KEYS.get(key, key)] * count
    return keys


async def _follow(pilot, key: str) -> str:  # noqa: ANN001
    """Press ``key`` where it does nothing, then the keys its hint names; the hint."""
    main = pilot.app.screen
    await pilot.press(key)
    await settle(pilot)
    hint = _status(main)
    for press in _presses(hint):
        await pilot.press(press)
        await settle(pilot)
    return hint


@pytest.mark.parametrize(
    "size, pane_open, start",
    [
        (SIZE, False, "list"),
        (SIZE, True, "reader"),
        ((160, 40), True, "list"),  # the list shows beside the pane: two Tabs
        ((160, 40), True, "reader"),
        ((90, 30), True, "reader"),  # narrow: Tab shows one pane and hides another
        ((70, 30), True, "reader"),  # the pane shows alone while it has the focus
    ],
)
async def test_the_keys_a_hint_names_reach_the_names_of_the_article(
    corpus: Path, size: tuple[int, int], pane_open: bool, start: str
) -> None:
    app = make_app(corpus)
    async with app.run_test(size=size) as pilot:
        main = await ready(pilot)
        if pane_open:
            await pilot.press("e")
            await settle(pilot)
            assert main.entities_open
        main.set_focus(main.reader if start == "reader" else main.article_list)
        await settle(pilot)
        hint = await _follow(pilot, "X")
        assert "works in the entities pane's “In this article”" in hint, hint
        assert app.focused is main.query_one("#entity-list"), (hint, app.focused)


@pytest.mark.parametrize("size", [SIZE, (160, 40), (90, 30)])
async def test_the_keys_a_hint_names_reach_the_reader_and_the_list(
    corpus: Path, size: tuple[int, int]
) -> None:
    app = make_app(corpus)
    async with app.run_test(size=size) as pilot:
        main = await ready(pilot)
        main.set_focus(main.article_list)
        await settle(pilot)
        hint = await _follow(pilot, "v")  # a passage key, in the list
        assert "works in the reader" in hint and app.focused is main.reader, hint
        hint = await _follow(pilot, "s")  # sorting, in the reader
        assert "works in the article list" in hint, hint
        assert app.focused is main.article_list, hint
        await pilot.press("e")  # the names of the article
        await settle(pilot)
        assert app.focused is main.query_one("#entity-list")
        hint = await _follow(pilot, "v")
        assert app.focused is main.reader, hint
        await pilot.press("e", "e")  # closed, opened again: the focus in the pane
        await settle(pilot)
        assert app.focused is main.query_one("#entity-list")
        hint = await _follow(pilot, "s")
        assert app.focused is main.article_list, hint


async def _in_the_reader(pilot, *, pane_open: bool):  # noqa: ANN001, ANN202
    """The app ready, the entities pane open or not, the focus on the reader."""
    main = await ready(pilot)
    if pane_open:
        await pilot.press("e")
        await settle(pilot)
    main.set_focus(main.reader)
    await settle(pilot)
    return main


@pytest.mark.parametrize("size, pane_open", [(SIZE, False), (SIZE, True), ((90, 30), True)])
async def test_the_keys_w_names_before_an_entity_is_chosen_choose_one(
    corpus: Path, size: tuple[int, int], pane_open: bool
) -> None:
    """W with no entity chosen says to choose one first ("e, then Enter"): with the pane
    open, e closed it instead."""
    from tui.app.widgets.together import TogetherList

    app = make_app(corpus)
    async with app.run_test(size=size) as pilot:
        main = await _in_the_reader(pilot, pane_open=pane_open)
        await pilot.press("W")
        hint = _status(main)
        m = re.fullmatch(r"Choose an entity first \((.+), then Enter\), then W\.", hint)
        assert m, hint
        keys = _presses(f": {m.group(1)} goes ")
        together = main.query_one(TogetherList)
        for key in [*keys, "enter"]:
            await pilot.press(key)
            await settle(pilot)
        await wait_for(pilot, lambda: together.rows, what="who is mentioned with it")
        await pilot.press("W")
        await settle(pilot)
        assert app.focused is together, (hint, app.focused)


async def test_t_is_the_timeline_in_every_pane_and_shift_t_changes_a_type(corpus: Path) -> None:
    """t was the timeline in the list and the reader and "change type" in the entities
    pane, where the README promises the chosen entity's timeline: a user moving from
    the reader to the pane got a type picker for t. Change type is T now, t the timeline
    everywhere, and the help screen says so."""
    from tui.app.screens.help import HelpScreen
    from tui.app.screens.timeline import TimelineScreen
    from tui.app.widgets.type_picker import TypePicker

    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        await pilot.press("e")
        await settle(pilot)
        names = main.query_one("#entity-list")
        assert app.focused is names and names.highlighted is not None
        for focus in (names, main.reader, main.article_list):
            main.set_focus(focus)
            await settle(pilot)
            await pilot.press("t")
            await wait_for(pilot, lambda: isinstance(app.screen, TimelineScreen))
            await pilot.press("escape")
            await wait_for(pilot, lambda: app.screen is main)
        main.set_focus(names)
        await settle(pilot)
        await pilot.press("T")
        await wait_for(pilot, lambda: isinstance(app.screen, TypePicker))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is main)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        keys = {(section, description): key for section, key, description in app.screen.rows}
        assert keys[("Entities pane", "Change type")] == "T"
        assert "t" not in {k for (section, _), k in keys.items() if section == "Entities pane"}


@pytest.mark.parametrize("size, pane_open", [(SIZE, False), (SIZE, True), ((90, 30), True)])
@pytest.mark.parametrize("key", ["ctrl+o", "right_square_bracket"])
async def test_choose_an_entity_names_the_keys_that_choose_one(
    corpus: Path, size: tuple[int, int], pane_open: bool, key: str
) -> None:
    """ctrl+o (export) and ] (the next mention or shared passage) with no entity chosen
    said "choose an entity (e, then Enter)": with the pane open, e closed it."""
    app = make_app(corpus)
    async with app.run_test(size=size) as pilot:
        main = await _in_the_reader(pilot, pane_open=pane_open)
        await pilot.press(key)
        await settle(pilot)
        said = " ".join([_status(main), *app.live_notices()])
        # "choose an entity (e, then Enter)", "…: e, then Enter", "…mentions: e, then Enter"
        named = r"(?:choose an entity|mentions)[^(:]*[(:] ?([^():]+?), then Enter"
        m = re.search(named, said, re.I)
        assert m, said
        for press in [*_presses(f": {m.group(1)} goes "), "enter"]:
            await pilot.press(press)
            await settle(pilot)
        await wait_for(pilot, lambda: main.steps.occurrences, what="an entity chosen")


async def test_x_is_the_articles_of_both_and_shift_x_says_no_entity(corpus: Path) -> None:
    """x in the entities pane was "not an entity" in its list of names and "the articles
    of both" in "Mentioned with", one list below: an x meant for the second, pressed in
    the first, wrote the name into the user's entities.yaml as no entity. Not an entity
    is X now; x in the list of names says where it works, and how to get there."""
    from tui.app.widgets.together import TogetherList
    from tui.paths import config_dir

    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        await pilot.press("e")
        await settle(pilot)
        names = main.query_one("#entity-list")
        assert app.focused is names
        before = names.option_count
        await pilot.press("x")
        await settle(pilot)
        hint = _status(main)
        assert not (config_dir() / "entities.yaml").exists()
        assert names.option_count == before
        m = re.fullmatch(
            r"x \(articles of both\) works in “Mentioned with”: choose an entity first "
            r"\((.+)\), then W\.",
            hint,
        )
        assert m, hint
        await pilot.press("enter" if m.group(1) == "Enter" else m.group(1))
        together = main.query_one(TogetherList)
        await wait_for(pilot, lambda: together.rows, what="who is mentioned with it")
        await pilot.press("W")
        await settle(pilot)
        assert app.focused is together
        main.set_focus(names)
        await settle(pilot)
        await pilot.press("X")
        await wait_for(pilot, lambda: (config_dir() / "entities.yaml").exists())


async def test_the_keys_screens_name_are_the_users_keys(indexed_seeds: Path) -> None:
    """The timeline said "s changes the scale" and saved searches "d deletes" whatever
    keys the user's keymap gave them."""
    from tests.conftest import write_config
    from tui.app.screens.saved_searches import SavedSearchesScreen
    from tui.app.screens.timeline import TimelineScreen
    from tui.library import Library

    write_config("keymap:\n  timeline.scale: z\n  saved_searches.delete: D\n")
    lib = Library.open(indexed_seeds)
    lib.update_index(workers=1)
    lib.save_search("syria", "syria")
    app = make_app(indexed_seeds)
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        main.set_focus(main.reader)
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, TimelineScreen))
        line = app.screen
        status = line.query_one("#timeline-status", Label)
        await wait_for(pilot, lambda: "changes the scale" in str(status.render()))
        assert "z changes the scale" in str(status.render())
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is main)
        await pilot.press("S")
        await wait_for(pilot, lambda: isinstance(app.screen, SavedSearchesScreen))
        saved = app.screen
        await wait_for(pilot, lambda: saved.rows)
        said = str(saved.query_one("#saved-status", Label).render())
        assert "Enter runs one · D deletes" in said, said
        await pilot.press("D")
        await wait_for(pilot, lambda: not saved.rows)


async def test_the_selection_hint_names_the_users_keys(indexed_seeds: Path) -> None:
    """The line under a selection said "b bookmark · ) ( sentences · … · Esc drops"
    whatever keys the keymap gave those."""
    from tests.conftest import write_config
    from tui.app.widgets.note_bar import NoteBar

    write_config("keymap:\n  passage.bookmark: ctrl+b\n  passage.next_sentence: ctrl+n\n")
    app = make_app(indexed_seeds)
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        main.set_focus(main.reader)
        await pilot.press("ctrl+n", "v")
        bar = main.query_one(NoteBar)
        await wait_for(pilot, lambda: bar.display and bar.selected is not None)
        said = str(bar.render())
        assert "ctrl+b bookmark · ctrl+n ( sentences" in said and said.endswith("Esc drops"), said


async def test_a_hint_is_not_cut_at_80_columns(corpus: Path) -> None:
    """At 80 columns `u` in the list said "u (undo) works in the entities pane's “In this
    article”:…", the keys to press cut off by "index ready" beside it: while a hint
    shows it has the whole line, and says which keys get there."""
    app = make_app(corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        main = app.main_screen()
        for key in ("u", "X", "v", "x"):
            await pilot.press(key)
            await settle(pilot)
            label = main.query_one("#status-message", Label)
            hint = main.status.hint
            assert " works in " in hint, hint
            assert label.size.width >= len(hint), (label.size.width, hint)
            await pilot.press("escape")
            await settle(pilot)
