"""Pilot tests for passage bookmarks: select, bookmark, annotate, find, open, edit, delete, undo."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import Input, Label

from tests.app_helpers import (
    SIZE,
    drawn_rows,
    make_app,
    notified,
    ready,
    settle,
    shown,
    type_fast,
    wait_for,
)
from tui.app.screens.bookmarks import BookmarksScreen
from tui.app.widgets.bookmark_dialog import BookmarkDialog, ExportDialog, parse_tags
from tui.app.widgets.note_bar import NoteBar, selection_hint
from tui.app.widgets.passage import Passage
from tui.text import sentence_spans


@pytest.fixture
def app(indexed_seeds: Path):
    return make_app(indexed_seeds)


def _text(widget) -> str:  # noqa: ANN001
    return str(widget.render())


async def _bookmark_two_sentences(pilot, note: str, tags: str = ""):  # noqa: ANN001, ANN202
    """Open the first article, select its first two sentences, bookmark them with ``note``."""
    screen = await ready(pilot)
    screen.reader.focus()
    await pilot.press("right_parenthesis")  # shows the cursor on the first sentence
    await pilot.press("v", "right_parenthesis", "b")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, BookmarkDialog))
    await pilot.press(*note)
    if tags:
        await pilot.press("tab", *tags)
    await pilot.press("enter")
    await settle(pilot)
    return screen


async def test_select_bookmark_annotate_find_open_delete_undo(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await _bookmark_two_sentences(pilot, "key claim", "economy, #follow-up")
        store = app.library.bookmarks
        body = screen.article.body
        first, second = sentence_spans(body)[:2]
        saved = store.all()
        assert len(saved) == 1
        b = saved[0]
        assert (b.start, b.end) == (first[0], second[1])
        assert b.quote == body[first[0] : second[1]]
        assert b.note == "key claim"
        assert b.tags == ("economy", "follow-up")
        assert b.article_id == screen.article.id
        # The reader marks it, and shows the note when the cursor is on it.
        await wait_for(pilot, lambda: len(screen.reader.bookmarks) == 1)
        await pilot.press("left_parenthesis", "right_parenthesis")
        note_bar = screen.query_one(NoteBar)
        await wait_for(pilot, lambda: note_bar.display)
        assert "key claim" in _text(note_bar)

        # A second bookmark elsewhere, so the filter has something to leave out.
        other = screen.summaries[next(i for i in screen.summaries if i != screen.article.id)]
        article = app.library.article(other.id)
        store.add(article, *sentence_spans(article.body)[0], note="unrelated")

        await pilot.press("B")
        await wait_for(pilot, lambda: isinstance(app.screen, BookmarksScreen))
        bookmarks = app.screen
        await wait_for(pilot, lambda: bookmarks.loaded)
        assert len(bookmarks.shown) == 2
        await pilot.press(*"#follow")
        assert [x.id for x in bookmarks.shown] == [b.id]
        await pilot.press("backspace", *"w-up key")
        assert [x.id for x in bookmarks.shown] == [b.id]

        # Enter opens the article at the passage, selected.
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        passage = screen.reader.passage
        assert passage is not None and passage.selection == (b.start, b.end)

        # Delete, then undo.
        await pilot.press("B")
        await wait_for(pilot, lambda: isinstance(app.screen, BookmarksScreen) and app.screen.loaded)
        bookmarks = app.screen
        await pilot.press(*"key claim", "down")
        await pilot.press("d")
        await settle(pilot)
        assert store.get(b.id) is None
        assert b.id not in [x.id for x in bookmarks.bookmarks]
        await pilot.press("u")
        await settle(pilot)
        assert store.get(b.id) == b
        assert [x.id for x in bookmarks.shown] == [b.id]


async def test_hashtags_in_the_note_are_tags_and_show_once(app) -> None:
    # A reporter writes "#syria" in the note and later filters the bookmarks by "#syria"
    # (a filter's "#" looks in the tags): the note's hashtags are tags too, and the list
    # does not show them a second time after the note.
    async with app.run_test(size=SIZE) as pilot:
        await _bookmark_two_sentences(pilot, "Gatilov quote #Syria #follow-up", "syria, talks")
        (saved,) = app.library.bookmarks.all()
        assert saved.note == "Gatilov quote #Syria #follow-up"
        assert saved.tags == ("syria", "talks", "follow-up")
        type_fast(pilot, "B", *"#follow")
        screen = await shown(pilot, BookmarksScreen)
        box = screen.query_one("#bookmarks-filter", Input)
        await wait_for(pilot, lambda: box.value == "#follow")
        await settle(pilot)
        (item,) = [t.plain for t in screen.listing.items]  # found by the note's hashtag
        (note,) = [line for line in item.split("\n") if line.startswith("✎")]
        assert note == "✎ Gatilov quote #Syria #follow-up  #talks"


async def test_deleting_the_last_bookmark_says_u_puts_it_back(app) -> None:
    """The only bookmark deleted, the list said "No bookmarks yet. In the reader, ) moves
    the passage cursor and b bookmarks.": words for a user who never saved one."""
    async with app.run_test(size=SIZE) as pilot:
        await _bookmark_two_sentences(pilot, "the one to quote")
        await pilot.press("B")
        await wait_for(pilot, lambda: isinstance(app.screen, BookmarksScreen) and app.screen.loaded)
        bookmarks = app.screen
        assert len(bookmarks.bookmarks) == 1
        await pilot.press("down", "d")
        await settle(pilot)
        status = bookmarks.query_one("#bookmarks-status")
        assert str(status.render()) == "No bookmarks left: u puts back the last deleted."
        await pilot.press("u")
        await settle(pilot)
        assert len(bookmarks.bookmarks) == 1


def _restore_fails_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The next write of bookmarks put back fails as a file locked past the timeout."""
    from tui.bookmarks import BookmarkError
    from tui.bookmarks.store import BookmarkStore

    real = BookmarkStore.restore_many
    failing = [1]

    def restore_many(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if failing[0]:
            failing[0] -= 1
            raise BookmarkError("cannot write bookmarks file: database is locked")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(BookmarkStore, "restore_many", restore_many)


async def test_an_undo_whose_write_fails_can_be_tried_again(app, monkeypatch) -> None:
    """u put back the last deleted bookmark in a worker, having taken it off the undo
    list first: when the write failed (the file locked past the timeout) the bookmark
    was gone for good. It stays on the list, the screen says why, and u tries again."""
    async with app.run_test(size=SIZE) as pilot:
        await _bookmark_two_sentences(pilot, "the one to quote")
        await pilot.press("B")
        await wait_for(pilot, lambda: isinstance(app.screen, BookmarksScreen) and app.screen.loaded)
        bookmarks = app.screen
        await pilot.press("down", "d")
        await settle(pilot)
        _restore_fails_once(monkeypatch)
        await pilot.press("u")
        await settle(pilot)
        await notified(pilot, "database is locked")
        assert app.library.bookmarks.all() == [] and len(bookmarks.deleted) == 1
        await pilot.press("u")
        await settle(pilot)
        assert len(app.library.bookmarks.all()) == 1 and len(bookmarks.bookmarks) == 1


async def test_escape_in_the_dialog_saves_nothing_and_asks_twice_over_a_typed_note(app) -> None:
    """Esc leaves the dialog without saving. With a note typed, one Esc too many threw
    the note away: the first Esc keeps the dialog and the text and says a second one
    discards it; typing again takes that back; the second Esc leaves, nothing saved."""
    from tui.app.widgets.bookmark_dialog import DISCARD_WARNING

    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        screen.reader.focus()
        await pilot.press("b")
        await wait_for(pilot, lambda: isinstance(app.screen, BookmarkDialog))
        await pilot.press("escape")  # nothing typed: leaves at once
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("b")
        await wait_for(pilot, lambda: isinstance(app.screen, BookmarkDialog))
        dialog = app.screen
        await pilot.press(*"not this one", "escape")
        await settle(pilot)
        assert app.screen is dialog
        assert dialog.query_one("#bookmark-note", Input).value == "not this one"
        assert _text(dialog.query_one("#bookmark-warning")) == DISCARD_WARNING
        await pilot.press("!")  # typing again: the warning goes, Esc asks again
        await settle(pilot)
        assert _text(dialog.query_one("#bookmark-warning")) == ""
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is dialog
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        assert app.library.bookmarks.all() == []
        assert not app.library.bookmarks.path.exists()


async def test_a_bookmark_that_cannot_be_saved_keeps_its_note_in_the_dialog(
    app, monkeypatch
) -> None:
    """A write that fails (a full disk, the file locked past the timeout) said "Could
    not save the bookmark" and the note typed was gone. The dialog comes back with the
    note and tags and says why; Enter tries again; Esc asks before discarding them."""
    from tui.bookmarks import BookmarkError
    from tui.bookmarks.store import BookmarkStore

    real_add, real_update = BookmarkStore.add, BookmarkStore.update
    failing = {"add": 1, "update": 1}

    def add(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if failing["add"]:
            failing["add"] -= 1
            raise BookmarkError("cannot write bookmarks file: database or disk is full")
        return real_add(self, *args, **kwargs)

    def update(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if failing["update"]:
            failing["update"] -= 1
            raise BookmarkError("cannot write bookmarks file: database or disk is full")
        return real_update(self, *args, **kwargs)

    monkeypatch.setattr(BookmarkStore, "add", add)
    monkeypatch.setattr(BookmarkStore, "update", update)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _bookmark_two_sentences(pilot, "a long thought", "economy")
        await wait_for(pilot, lambda: isinstance(app.screen, BookmarkDialog))
        dialog = app.screen
        assert dialog.query_one("#bookmark-note", Input).value == "a long thought"
        assert dialog.query_one("#bookmark-tags", Input).value == "economy"
        assert "disk is full" in _text(dialog.query_one("#bookmark-warning"))
        await pilot.press("escape")  # what was typed is not saved: Esc asks first
        await settle(pilot)
        assert app.screen is dialog
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        (saved,) = app.library.bookmarks.all()
        assert (saved.note, saved.tags) == ("a long thought", ("economy",))
        # An edit from the bookmarks screen, the same.
        await pilot.press("B")
        await wait_for(pilot, lambda: isinstance(app.screen, BookmarksScreen) and app.screen.loaded)
        await pilot.press("down", "e")
        await wait_for(pilot, lambda: isinstance(app.screen, BookmarkDialog))
        await pilot.press(*" revised", "enter")
        await settle(pilot)
        await wait_for(pilot, lambda: isinstance(app.screen, BookmarkDialog))
        assert app.screen.query_one("#bookmark-note", Input).value == "a long thought revised"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BookmarksScreen)
        assert app.library.bookmarks.all()[0].note == "a long thought revised"


async def test_an_edit_over_a_note_changed_or_deleted_in_another_copy_asks_first(app) -> None:
    """Two copies of the app: the other saved "alpha beta" while this one's dialog was
    open on "alpha"; Enter here wrote "alpha gamma" over it and " beta" was lost. The
    dialog comes back saying what the note is now; a second Enter saves over it. A
    bookmark deleted there comes back with the note typed here."""
    async with app.run_test(size=SIZE) as pilot:
        await _edit_a_bookmark_noted(pilot, "alpha")
        store = app.library.bookmarks
        (b,) = store.all()
        store.update(b.id, note="alpha beta")  # the other copy
        await pilot.press("end", *" gamma", "enter")
        await settle(pilot)
        await wait_for(pilot, lambda: isinstance(app.screen, BookmarkDialog))
        assert store.get(b.id).note == "alpha beta"
        warning = _text(app.screen.query_one("#bookmark-warning"))
        assert "another copy" in warning and "alpha beta" in warning
        assert app.screen.query_one("#bookmark-note", Input).value == "alpha gamma"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BookmarksScreen)
        assert store.get(b.id).note == "alpha gamma"
        # Deleted in the other copy while the dialog was open here.
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, BookmarkDialog))
        store.delete(b.id)
        await pilot.press(*" delta", "enter")
        await settle(pilot)
        await wait_for(pilot, lambda: isinstance(app.screen, BookmarkDialog))
        assert "deleted" in _text(app.screen.query_one("#bookmark-warning"))
        await pilot.press("enter")
        await settle(pilot)
        again = store.get(b.id)
        assert again is not None and (again.note, again.quote) == ("alpha gamma delta", b.quote)


async def test_a_bookmark_edited_again_before_its_reload_is_no_conflict(app, monkeypatch) -> None:
    """This copy's own edit, made again from the reader before the reader's bookmarks
    were read back, was taken for another copy's: "Not saved: changed in another copy
    of Dossier since". The dialog starts from this copy's latest note and saves."""
    async with app.run_test(size=SIZE) as pilot:
        screen = await _bookmark_two_sentences(pilot, "alpha")
        await wait_for(pilot, lambda: len(screen.reader.bookmarks) == 1)
        (b,) = app.library.bookmarks.all()
        # the reload after each save is slow to come: it has not arrived yet
        monkeypatch.setattr(app, "load_article_bookmarks", lambda *_args: None)
        for typed in (" beta", " gamma"):
            await pilot.press("left_parenthesis", "v", "right_parenthesis", "b")
            await wait_for(pilot, lambda: isinstance(app.screen, BookmarkDialog))
            await pilot.press("end", *typed, "enter")
            await settle(pilot)
            assert not isinstance(app.screen, BookmarkDialog)
        assert app.library.bookmarks.get(b.id).note == "alpha beta gamma"


async def test_a_deleted_bookmark_saved_again_keeps_its_note_when_the_write_fails(
    app, monkeypatch
) -> None:
    """Edited here while deleted in another copy, Enter saves it again: when that write
    failed too (the file locked past the timeout), the worker failed and the note typed
    was gone. The dialog comes back with it, as for any write that fails."""
    async with app.run_test(size=SIZE) as pilot:
        await _edit_a_bookmark_noted(pilot, "alpha")
        store = app.library.bookmarks
        (b,) = store.all()
        store.delete(b.id)  # the other copy
        await pilot.press("end", *" beta", "enter")
        await settle(pilot)
        await wait_for(pilot, lambda: isinstance(app.screen, BookmarkDialog))
        _restore_fails_once(monkeypatch)
        await pilot.press("enter")  # save it again: the write fails
        await settle(pilot)
        await wait_for(pilot, lambda: isinstance(app.screen, BookmarkDialog))
        assert "database is locked" in _text(app.screen.query_one("#bookmark-warning"))
        assert app.screen.query_one("#bookmark-note", Input).value == "alpha beta"
        await pilot.press("enter")
        await settle(pilot)
        assert store.get(b.id).note == "alpha beta"


async def test_the_bookmark_dialog_says_tab_goes_to_the_tags(app) -> None:
    """The dialog has a note and tags, and said only "Enter saves · Esc cancels": a
    user typed the tags into the note. It names Tab, as the correction dialog does,
    and Tab takes the focus to the tags."""
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        screen.reader.focus()
        await pilot.press("b")
        await wait_for(pilot, lambda: isinstance(app.screen, BookmarkDialog))
        box = app.screen.query_one("#bookmark-dialog")
        assert "Tab next field" in str(box.border_subtitle)
        await pilot.press("tab")
        assert app.focused is app.screen.query_one("#bookmark-tags", Input)


async def test_markup_in_a_note_and_quote_shows_literally(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await _bookmark_two_sentences(pilot, "see [bold]this[/bold] [red]")
        saved = app.library.bookmarks.all()
        assert saved[0].note == "see [bold]this[/bold] [red]"
        await pilot.press("left_parenthesis", "right_parenthesis")
        await wait_for(pilot, lambda: screen.query_one(NoteBar).display)
        assert "[bold]this[/bold] [red]" in _text(screen.query_one(NoteBar))
        await pilot.press("B")
        await wait_for(pilot, lambda: isinstance(app.screen, BookmarksScreen) and app.screen.loaded)
        shown = "\n".join(text for text, _ in drawn_rows(app.screen.query_one("#bookmarks-list")))
        assert "see [bold]this[/bold] [red]" in shown


async def _edit_a_bookmark_noted(pilot, note: str) -> None:  # noqa: ANN001
    """Bookmark two sentences with ``note``, then open its edit dialog from the bookmarks screen."""
    app = pilot.app
    await _bookmark_two_sentences(pilot, note)
    await pilot.press("B")
    await wait_for(pilot, lambda: isinstance(app.screen, BookmarksScreen) and app.screen.loaded)
    await pilot.press("down", "e")
    await wait_for(pilot, lambda: isinstance(app.screen, BookmarkDialog))


async def test_edit_a_note_from_the_bookmarks_screen(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await _edit_a_bookmark_noted(pilot, "first")
        await pilot.press("end", *" and second", "enter")
        await settle(pilot)
        assert app.library.bookmarks.all()[0].note == "first and second"
        assert app.screen.shown[0].note == "first and second"


async def test_typing_in_the_edit_dialog_adds_to_the_note(app) -> None:
    # The boxes do not select their text on focus: a letter typed at once must not wipe it.
    async with app.run_test(size=SIZE) as pilot:
        await _edit_a_bookmark_noted(pilot, "first")
        await pilot.press(*" too", "enter")
        await settle(pilot)
        assert app.library.bookmarks.all()[0].note == "first too"


async def test_export_markdown_from_the_bookmarks_screen(app, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _bookmark_two_sentences(pilot, "exported")
        await pilot.press("B")
        await wait_for(pilot, lambda: isinstance(app.screen, BookmarksScreen) and app.screen.loaded)
        await pilot.press("down", "x")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
        await pilot.press("enter")
        await settle(pilot)
        written = (tmp_path / "dossier-bookmarks.md").read_text()
        assert "**Note:** exported" in written


async def test_an_export_after_the_current_folder_was_removed_goes_home(
    app, tmp_path, monkeypatch
) -> None:
    """The app started in a folder removed since (a checkout switched, a temporary
    folder cleaned): the export dialog asked Path.cwd(), which raised
    FileNotFoundError, and the app stopped with a traceback. A name alone goes in the
    home folder then, and the dialog says so."""
    gone, home = tmp_path / "gone", tmp_path / "home"
    gone.mkdir()
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(gone)
    async with app.run_test(size=SIZE) as pilot:
        await _bookmark_two_sentences(pilot, "exported")
        gone.rmdir()
        await pilot.press("B")
        await wait_for(pilot, lambda: isinstance(app.screen, BookmarksScreen) and app.screen.loaded)
        await pilot.press("down", "x")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
        labels = " ".join(str(label.render()) for label in app.screen.query(Label))
        assert "a name alone goes in ~" in labels, labels
        await pilot.press("enter")
        await settle(pilot)
        await wait_for(pilot, lambda: (home / "dossier-bookmarks.md").exists())
    assert "**Note:** exported" in (home / "dossier-bookmarks.md").read_text()


async def test_ctrl_o_exports_from_the_bookmarks_filter_too(app, tmp_path, monkeypatch) -> None:
    """ctrl+o is the export key of the main and search screens (help lists it under
    "Everywhere"): on the bookmarks screen it did nothing, and the file name typed next
    went into the filter. It exports there too, from the filter (where x is a letter)."""
    monkeypatch.chdir(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _bookmark_two_sentences(pilot, "exported")
        await pilot.press("B")
        await wait_for(pilot, lambda: isinstance(app.screen, BookmarksScreen) and app.screen.loaded)
        screen = app.screen
        assert app.focused is screen.query_one("#bookmarks-filter")
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog), what="the dialog")
        await pilot.press("enter")
        await settle(pilot)
        assert "**Note:** exported" in (tmp_path / "dossier-bookmarks.md").read_text()
        assert screen.query_one("#bookmarks-filter", Input).value == ""


async def test_the_export_toast_leaves_with_the_bookmarks_screen(
    app, tmp_path, monkeypatch
) -> None:
    """ "Wrote 2 bookmarks to …" is about the bookmarks screen: Esc back to the main
    screen takes it down (it followed the user there for its six seconds)."""
    monkeypatch.chdir(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _bookmark_two_sentences(pilot, "exported")
        main = app.screen
        await pilot.press("B")
        await wait_for(pilot, lambda: isinstance(app.screen, BookmarksScreen) and app.screen.loaded)
        await pilot.press("down", "x")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
        await pilot.press("enter")
        await notified(pilot, "Wrote 1 bookmark to")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is main, what="the main screen")
        await pilot.pause()
        assert not any("Wrote" in str(n.message) for n in app._notifications)  # noqa: SLF001


async def test_export_asks_before_replacing_a_file(app, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    mine = tmp_path / "dossier-bookmarks.md"
    mine.write_text("my own notes", encoding="utf-8")
    async with app.run_test(size=SIZE) as pilot:
        await _bookmark_two_sentences(pilot, "exported")
        await pilot.press("B")
        await wait_for(pilot, lambda: isinstance(app.screen, BookmarksScreen) and app.screen.loaded)
        await pilot.press("down", "x")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
        dialog = app.screen
        await pilot.press("enter")
        await settle(pilot)
        # Asked, not written: the dialog stays and says the file is there.
        assert app.screen is dialog
        assert "exists" in _text(dialog.query_one("#export-warning"))
        assert mine.read_text(encoding="utf-8") == "my own notes"
        # Another name is written at once; the user's file is untouched.
        await pilot.press("end", *"-2")  # dossier-bookmarks.md-2
        await pilot.press("enter")
        await settle(pilot)
        assert (tmp_path / "dossier-bookmarks.md-2").exists()
        assert mine.read_text(encoding="utf-8") == "my own notes"
        # A second Enter on the same name replaces it.
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert "**Note:** exported" in mine.read_text(encoding="utf-8")


async def test_another_copy_s_bookmarks_show_after_a_refresh(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("B")
        await wait_for(pilot, lambda: isinstance(app.screen, BookmarksScreen) and app.screen.loaded)
        assert app.screen.shown == []
        app.library.bookmarks.add(screen.article, *sentence_spans(screen.article.body)[0])
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert len(app.screen.shown) == 1


async def test_letters_typed_right_after_B_go_to_the_filter(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        type_fast(pilot, "B", *"shares")
        box = (await shown(pilot, BookmarksScreen)).query_one("#bookmarks-filter")
        await wait_for(pilot, lambda: box.value == "shares")
        await settle(pilot)
        assert app.focused is box
        assert main.article_list.sort_column == "date"
        assert not main.reader.raw


async def test_selection_hint_and_dialog_fit_80_columns(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("right_parenthesis", "v", "right_parenthesis")
        bar = screen.query_one(NoteBar)
        hint = str(bar.render())
        assert hint.endswith("Esc drops") and len(hint) <= bar.content_region.width
        await pilot.press("b")
        await wait_for(pilot, lambda: isinstance(app.screen, BookmarkDialog))
        await pilot.pause()
        where = app.screen.query_one("#bookmark-where")
        # Title · source · date is longer than the dialog is wide: it wraps, not cut off.
        assert where.size.height == 2


@pytest.mark.parametrize("size", [(120, 36), (100, 30)])
async def test_the_selection_hint_leaves_out_what_does_not_fit(app, size) -> None:  # noqa: ANN001
    """Beside the list the reader is narrower than 80 columns: the hint was cut at the
    edge ("… · Esc d…"); it leaves out the least needed parts and keeps b and Esc."""
    async with app.run_test(size=size) as pilot:
        screen = await ready(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("right_parenthesis", "v", "right_parenthesis")
        bar = screen.query_one(NoteBar)
        await wait_for(pilot, lambda: bar.display)
        await settle(pilot)
        (line, _), *_ = drawn_rows(bar)
        assert "…" not in line and line.rstrip().endswith("Esc drops"), line
        assert "b bookmark" in line and len(line.rstrip()) <= bar.content_region.width


def test_the_selection_hint_drops_parts_from_the_least_needed() -> None:
    full = selection_hint(1234, 200)
    assert full == "1,234 characters · b bookmark · ) ( sentences · shift+← → words · Esc drops"
    assert selection_hint(1234, 60) == "1,234 characters · b bookmark · ) ( sentences · Esc drops"
    assert selection_hint(1234, 41) == "1,234 characters · b bookmark · Esc drops"
    assert selection_hint(1234, 30) == "b bookmark · Esc drops"


def test_passage_steps_by_sentence_word_and_paragraph() -> None:
    body = "One two. Three four five.\n\nSix seven. Eight."
    p = Passage.of(body, [(0, 25), (27, len(body))])
    assert p.text == "One two."
    p.sentence(+1)
    assert p.text == "Three four five."
    p.toggle_selecting()
    p.word(+1)
    assert p.text == "Three four five.\n\nSix"
    p.word(-1)
    assert p.text == "Three four five."
    p.paragraph(+1)
    assert p.text == "Three four five.\n\nSix seven. Eight."
    p.clear()
    p.paragraph(-1)
    assert p.text == "Six seven."
    p.extend_to(0)
    assert p.text == "One two. Three four five.\n\nSix seven."
    assert parse_tags("#a, b c,, #") == ("a", "b c")


def test_bookmarks_screen_snapshot(snap_compare, seeds_copy: Path) -> None:
    app = make_app(seeds_copy)
    app.theme = "textual-dark"

    async def run_before(pilot) -> None:  # noqa: ANN001
        from tui.bookmarks import make_bookmark

        screen = await ready(pilot)
        store = app.library.bookmarks
        articles = [app.library.article(i) for i in list(screen.summaries)[:2]]
        first = sentence_spans(articles[0].body)[1]
        second = sentence_spans(articles[1].body)[0]
        store.restore_many(
            [
                make_bookmark(
                    articles[0],
                    *first,
                    note="Compare with the [bold]Munich[/bold] statement",
                    tags=["diplomacy", "check"],
                    id="00000000-0000-4000-8000-000000000001",
                    created="2024-05-01T09:30:00.000Z",
                ),
                replace(
                    make_bookmark(
                        articles[1],
                        *second,
                        note="Gone after the site's correction",
                        id="00000000-0000-4000-8000-000000000002",
                        created="2024-05-02T16:05:00.000Z",
                    ),
                    status="orphaned",
                ),
            ]
        )
        await pilot.press("B")
        await wait_for(pilot, lambda: isinstance(app.screen, BookmarksScreen) and app.screen.loaded)
        app.screen.query_one("Input").cursor_blink = False
        await pilot.press("down")
        await settle(pilot)
        await pilot.wait_for_scheduled_animations()
        app.clear_notifications()
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


async def test_the_mouse_places_and_extends_the_passage_cursor(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        reader = screen.reader
        body = screen.article.body
        sentences = sentence_spans(body)
        # the screen row of a body line in the third sentence, and a column inside its text
        third = sentences[2]
        row = next(i for i, line in enumerate(reader.lines) if line.start >= third[0])
        line = reader.lines[row]
        # click offsets count from the widget's outer edge (border, padding)
        dx = reader.content_region.x - reader.region.x
        dy = reader.content_region.y - reader.region.y - int(reader.scroll_offset.y)
        x = dx + reader._margin() + 2
        await pilot.click("#reader", offset=(x, dy + row))
        await settle(pilot)
        assert reader.passage is not None
        clicked = line.start + 2
        assert reader.passage.selection == next(s for s in sentences if s[0] <= clicked < s[1])
        # shift+click further down extends the selection from there
        later = next(i for i, ln in enumerate(reader.lines) if ln.start >= sentences[3][0])
        await pilot.click("#reader", offset=(x, dy + later), shift=True)
        await settle(pilot)
        start, end = reader.passage.selection
        assert start <= clicked and end >= reader.lines[later].start + 2


async def test_a_long_note_ends_in_an_ellipsis(app) -> None:
    """At 100 columns the note bar cut a long note at its edge, mid-word, with nothing to
    say that more follows: it ends in "…"."""
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _bookmark_two_sentences(pilot, "the minister said so twice " * 4)
        await wait_for(pilot, lambda: len(screen.reader.bookmarks) == 1)
        await pilot.press("left_parenthesis", "right_parenthesis")
        bar = screen.query_one(NoteBar)
        await wait_for(pilot, lambda: bar.display)
        await settle(pilot)
        (line, _), *_ = drawn_rows(bar)
        assert line.startswith("★ Bookmarked: the minister said")
        assert line.rstrip().endswith("…"), line
        assert len(line.rstrip()) <= bar.content_region.width


async def test_the_key_bar_offers_undo_only_after_a_delete(app) -> None:
    """The bookmarks screen's key bar always offered "u Undo" (pressed with nothing
    deleted: "Nothing to undo."), and Edit, Delete and Export with no bookmark listed.
    They show when they have something to act on; the keys still answer when pressed."""
    from tui.app.widgets.key_bar import KeyBar

    def offered() -> set[str]:
        return {key.description for key in app.screen.query_one(KeyBar).keys}

    async with app.run_test(size=(160, 36)) as pilot:
        await _bookmark_two_sentences(pilot, "kept")
        await pilot.press("B")
        await wait_for(pilot, lambda: isinstance(app.screen, BookmarksScreen) and app.screen.loaded)
        await pilot.press("down")
        await wait_for(pilot, lambda: {"Edit", "Delete", "Export"} <= offered(), what="keys")
        assert "Undo" not in offered()
        await pilot.press("d")
        await wait_for(pilot, lambda: "Undo" in offered(), what="Undo after the delete")
        # none listed now: nothing to open or sort either
        assert not {"Edit", "Delete", "Export", "Open", "Sort"} & offered(), offered()
        await pilot.press("u")
        await wait_for(pilot, lambda: "Undo" not in offered(), what="Undo gone once undone")
        assert {"Edit", "Delete", "Export", "Open", "Sort"} <= offered()


async def test_the_note_bar_names_a_tag_written_in_the_note_once(app) -> None:
    """A note "about the e-tron #cars" showed as "★ Bookmarked: about the e-tron #cars
    #cars": the note's own #word is its tag, and the tags the note shows already are not
    repeated after it (as the bookmarks list has them)."""
    async with app.run_test(size=SIZE) as pilot:
        screen = await _bookmark_two_sentences(pilot, "key claim #economy", "economy, later")
        await wait_for(pilot, lambda: len(screen.reader.bookmarks) == 1)
        await pilot.press("left_parenthesis", "right_parenthesis")
        bar = screen.query_one(NoteBar)
        await wait_for(pilot, lambda: bar.display)
        await settle(pilot)
        (line, _), *_ = drawn_rows(bar)
        assert line.rstrip() == "★ Bookmarked: key claim #economy  #later", line
