"""Correcting entities from the entities pane: t (type), x (no entity), m m (merge)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from textual.pilot import Pilot
from textual.widgets import OptionList

from tests.app_helpers import (
    SIZE,
    Messages,
    make_app,
    notified,
    palette_offers,
    ready,
    settle,
    wait_for,
)
from tests.conftest import write_article
from tui.app.screens.main import MainScreen


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    write_article(
        folder,
        "a.txt",
        "Harbour talks",
        "Foreign Minister Orla Brandt met President Tomas Keller in Lisbon on Monday.",
        "Brandt said the talks with Keller had gone well, and Lisbon agreed.",
    )
    write_article(folder, "b.txt", "Later", "Keller later flew to Lisbon for more talks.")
    return folder


def _entity_ids(main) -> list[str]:  # noqa: ANN001
    options = main.query_one("#entity-list", OptionList)
    return [
        options.get_option_at_index(i).id or ""
        for i in range(options.option_count)
        if not options.get_option_at_index(i).disabled
    ]


async def _highlight(pilot, entity_id: str) -> None:  # noqa: ANN001
    main = pilot.app.main_screen()
    options = main.query_one("#entity-list", OptionList)
    assert pilot.app.focused is options
    for _ in range(options.option_count):
        if options.highlighted_option is not None and options.highlighted_option.id == entity_id:
            return
        await pilot.press("j")
    raise AssertionError(f"{entity_id} not in {_entity_ids(main)}")


async def _entities_of_a(pilot: Pilot) -> MainScreen:
    """The app ready, article a.txt open and its entities pane focused: the main screen."""
    main = await ready(pilot)
    main.reading.open(next(a.id for a in main.article_list.articles if a.path == "a.txt"))
    await settle(pilot)
    await pilot.press("e")
    await settle(pilot)
    return main


def _user_file(hermetic_dirs: Path) -> dict:
    return yaml.safe_load((hermetic_dirs / "config" / "entities.yaml").read_text("utf-8"))


async def test_keys_correct_entities_and_every_article_follows(
    corpus: Path, hermetic_dirs: Path
) -> None:
    app = make_app(corpus)
    async with app.run_test(size=(140, 40)) as pilot:
        main = await _entities_of_a(pilot)
        assert "place:lisbon" in _entity_ids(main)

        # X: Lisbon is no entity, here and in the other article
        await _highlight(pilot, "place:lisbon")
        await pilot.press("X")
        await settle(pilot)
        assert "Lisbon" in _user_file(hermetic_dirs)["ignore"]
        assert "place:lisbon" not in _entity_ids(main)
        assert all(e.name != "Lisbon" for e in app.library.entity_facets())

        # t asks which type: Enter takes the one under the cursor (the next after the
        # current), a number picks one outright
        await _highlight(pilot, "person:tomas keller")
        await pilot.press("T", "enter")
        await notified(pilot, "Tomas Keller is now a place in every article")
        await settle(pilot)
        assert "place:tomas keller" in _entity_ids(main)
        await _highlight(pilot, "place:tomas keller")
        await pilot.press("T", "3")
        await notified(pilot, "Tomas Keller is now an organisation in every article")
        await settle(pilot)
        assert "org:tomas keller" in _entity_ids(main)

        # m, then m on another entity: Orla Brandt is merged into the organisation
        await _highlight(pilot, "person:orla brandt")
        await pilot.press("m")
        await _highlight(pilot, "org:tomas keller")
        await pilot.press("m")
        await settle(pilot)
        entry = next(
            e for e in _user_file(hermetic_dirs)["entities"] if e["name"] == "Tomas Keller"
        )
        assert entry["type"] == "org" and "Orla Brandt" in entry["aliases"]
        ids = _entity_ids(main)
        assert "person:orla brandt" not in ids and "org:tomas keller" in ids


async def test_t_asks_which_type_shows_the_current_and_esc_changes_nothing(
    corpus: Path, hermetic_dirs: Path
) -> None:
    """t went round the types, one a press: a user who wanted an organisation made a
    person a place first, in every article. It asks, in a small list with the current
    type marked; Esc (or the current type) leaves the entity as it was."""
    from tui.app.widgets.type_picker import TypePicker

    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        main = await _entities_of_a(pilot)
        entity_list = main.query_one("#entity-list", OptionList)
        await _highlight(pilot, "person:tomas keller")
        await pilot.press("T")
        picker = app.screen
        assert isinstance(picker, TypePicker)
        options = picker.query_one(OptionList)
        rows = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert rows == ["1  Person  · now", "2  Place", "3  Organisation"]
        assert options.highlighted_option is not None
        assert options.highlighted_option.id == "place"  # the next: t Enter is the old t
        assert app.focused is options
        await pilot.press("escape")
        assert app.screen is main and app.focused is entity_list
        await pilot.press("T", "k", "enter")  # the current type again: nothing to change
        assert app.screen is main
        await settle(pilot)
        assert not (hermetic_dirs / "config" / "entities.yaml").exists()
        assert "person:tomas keller" in _entity_ids(main)
        await pilot.press("T", "j", "enter")  # two down from Person: an organisation
        await settle(pilot)
        assert "org:tomas keller" in _entity_ids(main)


async def test_picking_the_type_an_entity_has_says_nothing_changed(
    corpus: Path, hermetic_dirs: Path
) -> None:
    """T, then the type marked "now" (1 on a person): the list closed and nothing was
    said, as if the key had not been taken. It says the entity is that type already."""
    app = make_app(corpus)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        main = await _entities_of_a(pilot)
        await _highlight(pilot, "person:tomas keller")
        await pilot.press("T", "1")
        assert app.screen is main
        await notified(pilot, "Tomas Keller is a person already: nothing changed.")
        assert not (hermetic_dirs / "config" / "entities.yaml").exists()


async def test_x_and_m_elsewhere_say_where_they_work(corpus: Path) -> None:
    """x and m pressed outside the pane's list of names said "does nothing here: ? lists
    every key", from the article list and from the entity's mentions alike: they work
    on a name of "In this article", and the status line says so and how to get there."""
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        status = main.query_one("#status-message")
        await pilot.press("X")
        assert "X (not an entity) works in the entities pane's “In this article”: e goes" in str(
            status.render()
        )
        await _entities_of_a(pilot)
        await pilot.press("enter")  # an entity chosen: the focus goes to its mentions
        await wait_for(pilot, lambda: app.focused is main.query_one("#occurrence-list"))
        await pilot.press("m")
        assert "m (merge) works in the entities pane's “In this article”" in str(status.render())


async def test_escape_cancels_a_merge(corpus: Path, hermetic_dirs: Path) -> None:
    app = make_app(corpus)
    async with app.run_test(size=(140, 40)) as pilot:
        main = await _entities_of_a(pilot)
        pane = main.entity_pane
        await _highlight(pilot, "person:orla brandt")
        await pilot.press("m")
        assert pane.merging is not None
        await pilot.press("escape")
        assert pane.merging is None
        assert app.focused is main.query_one("#entity-list", OptionList)
        assert not (hermetic_dirs / "config" / "entities.yaml").exists()


async def test_the_merge_prompt_leaves_once_answered(corpus: Path) -> None:
    """ "Merge X into… press m (Esc: cancel)" stayed on screen for its six seconds
    after the merge was done (beside the toast saying so) or cancelled."""
    app = make_app(corpus)
    async with app.run_test(size=(140, 40)) as pilot:
        await _entities_of_a(pilot)

        def prompt() -> bool:
            return any(text.startswith("Merge Orla Brandt into") for text in app.live_notices())

        await _highlight(pilot, "person:orla brandt")
        await pilot.press("m")
        await notified(pilot, "Merge Orla Brandt into")
        await pilot.press("escape")
        await wait_for(pilot, lambda: not prompt(), what="the prompt gone after Esc")
        await pilot.press("m")
        await notified(pilot, "Merge Orla Brandt into")
        await _highlight(pilot, "person:tomas keller")
        await pilot.press("m")
        await notified(pilot, "Orla Brandt is now Tomas Keller")
        assert not prompt()


@pytest.fixture
def shipped_keller(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The shipped name list, with an entry the corpus mentions by two names."""
    from tui import gazetteer
    from tui.paths import defaults_dir

    shipped = tmp_path / "shipped"
    shutil.copytree(defaults_dir(), shipped)
    data = yaml.safe_load((shipped / "entities.yaml").read_text("utf-8"))
    data["entities"].append({"name": "Tomas Keller", "type": "person", "aliases": ["Keller"]})
    (shipped / "entities.yaml").write_text(yaml.safe_dump(data), "utf-8")
    monkeypatch.setattr(gazetteer, "_defaults_dir", lambda: shipped)


@pytest.mark.usefixtures("shipped_keller")
async def test_a_correction_covers_every_name_the_shipped_list_knows(corpus: Path) -> None:
    """The shipped list knows "Keller" as Tomas Keller: the user's new type for Tomas
    Keller is his at both names, and "no entity" takes both (the pane listed him as a
    person still, from "Keller", after he was made a place)."""
    app = make_app(corpus)
    async with app.run_test(size=(140, 40)) as pilot:
        main = await _entities_of_a(pilot)
        assert "person:tomas keller" in _entity_ids(main)
        await _highlight(pilot, "person:tomas keller")
        await pilot.press("T", "enter")
        await settle(pilot)
        ids = _entity_ids(main)
        assert "place:tomas keller" in ids and "person:tomas keller" not in ids
        await _highlight(pilot, "place:tomas keller")
        await pilot.press("X")
        await settle(pilot)
        assert not any(i.endswith(":tomas keller") for i in _entity_ids(main))
        assert all(e.name != "Tomas Keller" for e in app.library.entity_facets())


async def test_the_cursor_stays_on_the_entity_corrected(corpus: Path) -> None:
    """After a correction the list is filled again: the cursor stays on the name
    corrected (in its new group), or on the row after a name gone, not at the top."""
    app = make_app(corpus)
    async with app.run_test(size=(140, 40)) as pilot:
        main = await _entities_of_a(pilot)
        options = main.query_one("#entity-list", OptionList)
        ids = _entity_ids(main)
        assert ids[0] != "person:tomas keller"
        await _highlight(pilot, "person:tomas keller")
        await pilot.press("T", "enter")
        await settle(pilot)
        assert options.highlighted_option is not None
        assert options.highlighted_option.id == "place:tomas keller"
        ids = _entity_ids(main)
        after = ids[ids.index("place:tomas keller") + 1]
        await pilot.press("X")
        await settle(pilot)
        assert options.highlighted_option is not None
        assert options.highlighted_option.id == after


async def test_the_entity_lists_keys_are_in_the_key_bar(corpus: Path) -> None:
    """With the entity list focused its own keys come first in the key bar, at 80
    columns too: x (not an entity) and m (merge) were cut off by the global keys."""
    from tui.app.widgets.key_bar import KeyBar

    app = make_app(corpus)
    async with app.run_test(size=(80, 30)) as pilot:
        main = await ready(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert app.focused is main.query_one("#entity-list", OptionList)
        bar = main.query_one(KeyBar)
        await pilot.pause()
        shown = {key.description for key in bar.shown}
        assert {"Change type", "Not an entity", "Merge"} <= shown


async def test_a_correction_says_what_it_did_in_plain_english(corpus: Path) -> None:
    """The toast reads "is now an organisation" ("a organisation" before)."""
    messages = Messages()
    app = make_app(corpus)
    async with app.run_test(size=(140, 40), message_hook=messages) as pilot:
        await _entities_of_a(pilot)
        await _highlight(pilot, "place:lisbon")
        await pilot.press("T", "enter")
        await notified(pilot, "Lisbon is now an organisation in every article", messages=messages)
        # The file by its name, not its full path (a toast of three lines); `dossier paths`
        # lists the whole path.
        toast = next(t for t in messages.toasts() if "Lisbon is now" in t)
        assert "(saved in entities.yaml; u undoes)" in toast and "/" not in toast, toast


async def test_help_lists_the_corrections_under_the_entities_pane(corpus: Path) -> None:
    """? listed the entities pane's moving keys and Enter, not t, x and m: how to merge
    two entities was nowhere in Help."""
    from tui.app.screens.help import HelpScreen

    app = make_app(corpus)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = {
            description: keys
            for section, keys, description in app.screen.rows
            if section == "Entities pane"
        }
        assert rows.get("Not an entity") == "X" and rows.get("Merge") == "m"
        assert rows.get("Change type") == "T"
        assert app.screen.ids["Merge"] == "entities.merge"


async def test_help_draws_the_keymap_ids_muted(corpus: Path) -> None:
    """The id column (what keymap: in config.yaml names) was styled Rich's "dim", which
    Textual drew as bright as the descriptions beside it."""
    from tui.app.screens.help import HelpScreen

    app = make_app(corpus)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#help-table")
        lines = [list(table.render_line(y)) for y in range(table.region.height)]
        row = next(line for line in lines if "Quit Dossier" in "".join(s.text for s in line))
        styles = {s.text.strip(): s.style for s in row if s.text.strip()}
        described, named = styles["Quit Dossier"], styles["quit"]
        assert named.color is not None and named.color != described.color, (described, named)


async def test_a_retyped_full_name_takes_the_surname_the_text_links_to_it(corpus: Path) -> None:
    """Article a names "Orla Brandt", then "Brandt": made a place from the pane, both
    mentions are the place, and no person "Brandt" is left behind in the pane or the
    corpus's entities."""
    app = make_app(corpus)
    async with app.run_test(size=(140, 40)) as pilot:
        main = await _entities_of_a(pilot)
        await _highlight(pilot, "person:orla brandt")
        await pilot.press("T", "enter")
        await settle(pilot)
        ids = _entity_ids(main)
        assert "place:orla brandt" in ids
        assert not any(i.startswith("person:") and "brandt" in i for i in ids)
        brandt = [e for e in app.library.entity_facets() if "Brandt" in e.name]
        assert [(e.type, e.name, e.mentions) for e in brandt] == [("place", "Orla Brandt", 2)]


@pytest.mark.parametrize("key", ["T", "X"])
async def test_a_correction_covers_every_mention_its_row_counted(
    tmp_path: Path, hermetic_dirs: Path, key: str
) -> None:
    """The row "Zoltan Quillan ×3" counts the full name, the "Quillan" after it and the
    "QUILLAN" of a heading before it (the text links both to him). T or X on the row
    corrects all three: a row "Quillan ×1" was left behind, a person still (x) or a
    place of its own (t). The user's file names the full name alone."""
    folder = tmp_path / "news"
    write_article(
        folder,
        "a.txt",
        "Five questions before the vote",
        "The race is wide open.",
        "HOW WILL QUILLAN PLAY?",
        "Former governor Zoltan Quillan, the most popular figure in Varnholm, has stayed "
        "out of the race. At the same time, Quillan's record will matter in Oslo.",
    )
    app = make_app(folder)
    async with app.run_test(size=(140, 40)) as pilot:
        main = await _entities_of_a(pilot)
        options = main.query_one("#entity-list", OptionList)

        def quillan_rows() -> list[str]:
            rows = []
            for i in range(options.option_count):
                option = options.get_option_at_index(i)
                if option.id and "quillan" in option.id:
                    rows.append(f"{option.id} {getattr(option.prompt, 'plain', '')}")
            return rows

        assert quillan_rows() == ["person:zoltan quillan Zoltan Quillan  ×3"]
        await _highlight(pilot, "person:zoltan quillan")
        await pilot.press(key, *(["enter"] if key == "T" else []))
        await settle(pilot)
        want = ["place:zoltan quillan Zoltan Quillan  ×3"] if key == "T" else []
        await wait_for(pilot, lambda: quillan_rows() == want, what=f"{want}: {quillan_rows()}")
        saved = (hermetic_dirs / "config" / "entities.yaml").read_text("utf-8")
        assert "Quillan" not in saved.replace("Zoltan Quillan", "")


async def test_a_correction_reads_again_only_the_articles_that_name_it(
    corpus: Path, hermetic_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A correction changed the recogniser: the update after it prepared every article
    again to compare its entities (a full build's work: 16 s for the BBC's 2,225 on a
    busy machine). Only the articles whose text may name what it changed are now."""
    from tui.library import update as update_mod

    for n in range(6):
        write_article(corpus, f"other-{n}.txt", "Weather", f"Rain fell on Harbourton, day {n}.")
    compared: list[str] = []
    original = update_mod._entities_differing

    def counted(catalog, paths, *args):  # noqa: ANN001, ANN002, ANN202
        compared.extend(paths)
        return original(catalog, paths, *args)

    monkeypatch.setattr(update_mod, "_entities_differing", counted)
    app = make_app(corpus)
    async with app.run_test(size=(140, 40)) as pilot:
        main = await _entities_of_a(pilot)
        await _highlight(pilot, "person:tomas keller")
        await pilot.press("T", "enter")
        await notified(pilot, "Tomas Keller is now a place in every article")
        await settle(pilot)
        assert "place:tomas keller" in _entity_ids(main)
        await wait_for(pilot, lambda: app.index_ready)
        assert sorted(compared) == ["a.txt", "b.txt"]  # of 8: those that name Keller
        names = {(e.type, e.name) for e in app.library.entity_facets()}
        assert ("place", "Tomas Keller") in names and ("person", "Tomas Keller") not in names


async def test_u_undoes_x_t_and_m_the_latest_first_and_every_article_follows(
    corpus: Path, hermetic_dirs: Path
) -> None:
    """X, T and m had no undo: a name dropped by a slip of the finger stayed dropped in
    every article until the user found and edited entities.yaml. u in the entities pane
    (and the palette's "Undo entity correction") takes back the latest correction, says
    which, and the pane and the index follow; the help lists it beside T, X and m."""
    from tui.app.widgets.key_bar import KeyBar

    messages = Messages()
    app = make_app(corpus)
    async with app.run_test(size=SIZE, message_hook=messages) as pilot:
        main = await _entities_of_a(pilot)
        bar = main.query_one(KeyBar)
        await pilot.pause()
        assert "Undo" not in {key.description for key in bar.shown}
        await pilot.press("u")
        await notified(pilot, "No entity correction to undo in this session", messages=messages)

        await _highlight(pilot, "place:lisbon")
        await pilot.press("X")
        await settle(pilot)
        await pilot.pause()
        # offered once there is something to undo (it came only after an m, which
        # refreshed the keys itself)
        assert "Undo" in {key.description for key in bar.shown}
        await _highlight(pilot, "person:tomas keller")
        await pilot.press("T", "3")
        await settle(pilot)
        await _highlight(pilot, "person:orla brandt")
        await pilot.press("m")
        await _highlight(pilot, "org:tomas keller")
        await pilot.press("m")
        await settle(pilot)
        assert "person:orla brandt" not in _entity_ids(main)
        await pilot.pause()
        assert "Undo" in {key.description for key in bar.shown}

        await pilot.press("u")  # the merge
        await notified(pilot, "Undone: “Orla Brandt is Tomas Keller”", messages=messages)
        await settle(pilot)
        await wait_for(pilot, lambda: "person:orla brandt" in _entity_ids(main))
        assert "org:tomas keller" in _entity_ids(main)

        # the palette offers the next undo by what it takes back
        await pilot.press("ctrl+p")
        await pilot.press(*"undo entity")
        await palette_offers(pilot, "Undo entity correction")
        await pilot.press("enter")
        await notified(pilot, "Undone: “Tomas Keller is an organisation”", messages=messages)
        await settle(pilot)
        await wait_for(pilot, lambda: "person:tomas keller" in _entity_ids(main))

        main.set_focus(main.query_one("#entity-list", OptionList))
        await pilot.press("u")  # Lisbon again, here and in the other article
        await notified(pilot, "Undone: “Lisbon is no entity”", messages=messages)
        await settle(pilot)
        await wait_for(pilot, lambda: "place:lisbon" in _entity_ids(main))
        assert any(e.name == "Lisbon" for e in app.library.entity_facets())
        assert _user_file(hermetic_dirs) == {"entities": [], "ignore": []}
        await pilot.press("u")
        await notified(pilot, "No entity correction to undo", messages=messages)


async def test_help_lists_undo_beside_the_corrections(corpus: Path) -> None:
    from tui.app.screens.help import HelpScreen

    app = make_app(corpus)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = {d: k for section, k, d in app.screen.rows if section == "Entities pane"}
        undo = "Undo the last correction (type, not an entity, merge)"
        assert rows.get(undo) == "u"
        assert app.screen.ids[undo] == "entities.undo"


async def test_u_is_in_the_key_bar_at_80_columns_after_a_correction(corpus: Path) -> None:
    """At 80x24 the bar had no room for "u Undo correction" after T, X and m."""
    from tui.app.widgets.key_bar import KeyBar

    app = make_app(corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        main = await _entities_of_a(pilot)
        await _highlight(pilot, "place:lisbon")
        await pilot.press("X")
        await settle(pilot)
        await pilot.pause()
        assert "Undo" in {key.description for key in main.query_one(KeyBar).shown}


async def test_corrections_and_undos_asked_within_a_frame_all_reach_the_file_in_order(
    corpus: Path, hermetic_dirs: Path
) -> None:
    """The writes ran as exclusive workers: a second correction, or "u u" typed within
    a frame, cancelled the first before its thread started. The first never reached
    entities.yaml, and an undo had already taken its change off the undo list, so it
    could not be undone again. Now every write runs, in the order it was asked for."""
    messages = Messages()
    app = make_app(corpus)
    async with app.run_test(size=SIZE, message_hook=messages) as pilot:
        main = await _entities_of_a(pilot)
        app.correct_entity(main, "ignore", "Lisbon", "", "")
        app.correct_entity(main, "type", "Tomas Keller", "org", "")
        await app.workers.wait_for_complete()
        await settle(pilot)
        await wait_for(pilot, lambda: len(app.entity_changes) == 2)
        assert _user_file(hermetic_dirs) == {
            "entities": [{"name": "Tomas Keller", "type": "org"}],
            "ignore": ["Lisbon"],
        }
        app.undo_last_correction(main)
        app.undo_last_correction(main)
        await app.workers.wait_for_complete()
        await settle(pilot)
        await notified(pilot, "Undone: “Lisbon is no entity”", messages=messages)
        assert _user_file(hermetic_dirs) == {"entities": [], "ignore": []}
        assert app.entity_changes == []
