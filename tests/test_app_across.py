"""Pilot tests: shared passages in the reader (marks, ] [, w), copying a passage with
its citation, who is mentioned with an entity, and exporting lists."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Label, OptionList

from tests.app_helpers import SIZE, make_app, notified, ready, settle, wait_for
from tests.conftest import write_article
from tui.app import across_workers
from tui.app.across_workers import QUIET
from tui.app.screens import across
from tui.app.screens.passages import PassagesScreen
from tui.app.screens.search import SearchScreen
from tui.app.widgets.bookmark_dialog import ExportDialog
from tui.app.widgets.passage_cursor import SHARED_MARK
from tui.app.widgets.together import TogetherList

QUOTE = (
    "we will not accept any agreement that leaves our families without water or shelter "
    "through another winter of broken promises"
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    write_article(
        folder,
        "a.txt",
        "A flood of promises",
        "Foreign Minister Anna Lindqvist met President Tomas Berger in Stockholm on Monday.",
        f'"{QUOTE[0].upper()}{QUOTE[1:]}," Lindqvist said after the meeting.',
        "Berger later flew to Copenhagen for talks with the United Nations.",
    )
    write_article(
        folder,
        "b.txt",
        "B the mayor speaks",
        "Rain fell for a third day in the valley.",
        f"Speaking to the press, she said: {QUOTE.replace('another', 'one more')}.",
        "Anna Lindqvist is expected in Copenhagen on Friday.",
    )
    write_article(folder, "c.txt", "C weather", "It rained all week and nobody minded at all.")
    return folder


async def _open(pilot, path: str):  # noqa: ANN001, ANN202
    main = await ready(pilot)
    article_id = next(a.id for a in main.summaries.values() if a.path == path)
    main.reading.open(article_id, take_focus=True)
    await wait_for(pilot, lambda: main.article_id == article_id, what=f"{path} open")
    await settle(pilot)  # shown: a load still to come would put the cursor back
    return main


async def _choose_anna(pilot):  # noqa: ANN001, ANN202
    main = await _open(pilot, "a.txt")
    await settle(pilot)  # the article shown, with its entities
    await pilot.press("e")
    entity_list = main.query_one("#entity-list", OptionList)
    assert pilot.app.focused is entity_list
    for _ in range(entity_list.option_count):
        option = entity_list.highlighted_option
        if option is not None and option.id == "person:anna lindqvist":
            break
        await pilot.press("j")
    await pilot.press("enter")
    return main


def _said(passages: PassagesScreen) -> str:
    """What the shared passages say under their list (a copy, an export)."""
    said = passages.query_one("#passages-says", Label)
    return str(said.render()) if said.display else ""


async def _export_to(pilot, target: Path) -> None:  # noqa: ANN001
    """In the export dialog that comes up: write to ``target``."""
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog), what="the dialog")
    app.screen.query_one(Input).value = str(target)
    await pilot.press("enter")


async def test_shared_sentences_are_marked_and_w_lists_where_else(corpus: Path) -> None:
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        main = await _open(pilot, "a.txt")
        reader = main.reader
        await wait_for(pilot, lambda: reader.shared, what="the shared passages marked")
        body = main.article.body
        ((start, end),) = reader.shared
        assert body[start:end].lower().startswith('"we will not accept')  # with its quote
        row = reader.line_of(start)
        assert SHARED_MARK in reader.render_line(row - int(reader.scroll_offset.y)).text
        # ] goes to the shared sentence (no entity chosen), w lists the other article
        main.set_focus(reader)
        await pilot.pause()
        await pilot.press("right_square_bracket")
        assert reader.passage is not None and reader.passage.head[0] <= start
        await pilot.press("w")
        await wait_for(pilot, lambda: isinstance(app.screen, PassagesScreen), what="the list")
        screen = app.screen
        assert [c.path for c in screen.copies] == ["b.txt"]
        copy = screen.copies[0]
        assert "one more winter" in copy.text
        # The quote as a, with its marks; b's after "she said:" in its sentence: the cut
        # marked, there and in what y copies.
        shown = str(screen.query_one("#passages-text", Label).render())
        assert shown.startswith('"We will not accept') and shown.endswith('promises,"')
        options = screen.query_one("#passage-copies", OptionList)
        prompt = options.get_option_at_index(options.highlighted or 0).prompt
        assert "\n…we will not accept" in getattr(prompt, "plain", str(prompt))
        await pilot.press("y")  # said in the list: no toast shows over a modal screen
        await wait_for(pilot, lambda: "Copied with its citation" in _said(screen))
        assert app.clipboard.startswith("\u201c…we will not accept")
        assert "broken promises.\u201d \u2014 B the mayor speaks" in app.clipboard
        await pilot.press("enter")
        await wait_for(pilot, lambda: main.article.path == "b.txt", what="b.txt opened")
        assert main.reader.matches == ((copy.start, copy.end),)


async def test_the_shared_passage_list_says_which_article_is_the_same_file_copied(
    corpus: Path,
) -> None:
    # A corpus holds copies of files (the article list marks them "(copy)"): every
    # sentence of the article is "shared" with its copy. The list says which one it is.
    (corpus / "a2.txt").write_bytes((corpus / "a.txt").read_bytes())
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        main = await _open(pilot, "a.txt")
        reader = main.reader
        await wait_for(pilot, lambda: reader.shared, what="the shared passages marked")
        main.set_focus(reader)
        await pilot.pause()
        await pilot.press("right_square_bracket", "right_square_bracket")  # the quote
        await pilot.press("w")
        await wait_for(pilot, lambda: isinstance(app.screen, PassagesScreen), what="the list")
        screen = app.screen
        assert sorted(c.path for c in screen.copies) == ["a2.txt", "b.txt"]
        options = screen.query_one("#passage-copies", OptionList)
        prompts = {
            c.path: options.get_option(f"copy-{n}").prompt for n, c in enumerate(screen.copies)
        }
        plain = {path: getattr(p, "plain", str(p)) for path, p in prompts.items()}
        assert "(the same text: a2.txt)" in plain["a2.txt"].split("\n")[0]
        assert "the same text" not in plain["b.txt"]


async def test_the_marks_are_looked_up_once_the_keys_stop(corpus: Path, monkeypatch) -> None:  # noqa: ANN001
    """The lookup (40-75 ms of CPU at 50,000 articles) took turns at the interpreter's
    lock with the UI thread drawing what the keys asked for: it waits until they stop.
    (The pause it waits for is made 1 s here: under load, with 0.2 s, one key came that
    much after the one before now and then, and the lookup rightly went ahead.)"""
    quiet = 1.0
    monkeypatch.setattr(across_workers, "QUIET", quiet)
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        main = await _open(pilot, "a.txt")
        await wait_for(pilot, lambda: main.across.settled, what="a.txt's passages looked up")
        asked: list[tuple[str, float]] = []
        looked_up = app.library.passages

        def passages(article_id: str, *args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            asked.append((article_id, time.monotonic()))
            return looked_up(article_id, *args, **kwargs)

        monkeypatch.setattr(app.library, "passages", passages)
        b_id = next(a.id for a in main.summaries.values() if a.path == "b.txt")
        main.reading.open(b_id, take_focus=True)
        await wait_for(pilot, lambda: main.article_id == b_id, what="b.txt open")
        started = time.monotonic()
        while time.monotonic() - started < across.SETTLE + 3 * quiet:  # reading on
            await pilot.press("j")
            await pilot.pause(QUIET / 4)  # (keys as fast as before)
        last_key = time.monotonic()
        assert asked == []  # not while the keys came
        await wait_for(pilot, lambda: main.reader.shared, what="b.txt's passages marked")
        assert [a for a, _ in asked] == [b_id]
        assert asked[0][1] >= last_key


async def test_w_on_a_sentence_no_one_else_has(corpus: Path) -> None:
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        main = await _open(pilot, "c.txt")
        main.set_focus(main.reader)
        await pilot.press("w")
        await settle(pilot)
        await wait_for(pilot, lambda: "No other article" in main.status.hint)
        assert not isinstance(app.screen, PassagesScreen)
        await wait_for(pilot, lambda: main.across.settled, what="the shared passages looked up")
        await pilot.press("right_square_bracket")
        await notified(pilot, "No sentence of this article appears in another one")


async def test_y_copies_the_passage_with_its_citation(corpus: Path) -> None:
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        main = await _open(pilot, "a.txt")
        main.set_focus(main.reader)
        await pilot.press("right_parenthesis")  # the cursor on the first sentence
        await pilot.press("y")
        await notified(pilot, "Copied with its citation")
        assert app.clipboard.startswith("\u201cForeign Minister Anna Lindqvist met")
        assert app.clipboard.endswith("\u2014 A flood of promises. a.txt")


async def test_y_cites_the_articles_authors(tmp_path: Path) -> None:
    # A reporter's citation names who wrote it: the byline, every author of it.
    folder = tmp_path / "news"
    write_article(
        folder,
        "a.txt",
        "A flood of promises",
        "By Jana Rowe and Tom Okafor",
        "Foreign Minister Anna Lindqvist met President Tomas Berger in Stockholm on Monday.",
        "Berger later flew to Copenhagen for talks with the United Nations.",
    )
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        main = await _open(pilot, "a.txt")
        assert main.article.byline == "Jana Rowe and Tom Okafor"
        main.set_focus(main.reader)
        await pilot.press("right_parenthesis")  # the cursor on the first sentence
        await pilot.press("y")
        await notified(pilot, "Copied with its citation")
        assert app.clipboard.startswith("\u201cForeign Minister Anna Lindqvist met")
        assert app.clipboard.endswith(
            "\u2014 A flood of promises, by Jana Rowe and Tom Okafor. a.txt"
        )


async def test_mentioned_with_lists_entities_enter_moves_x_searches_both(corpus: Path) -> None:
    app = make_app(corpus)
    async with app.run_test(size=(160, 40)) as pilot:
        main = await _choose_anna(pilot)
        together = main.query_one(TogetherList)
        await wait_for(pilot, lambda: together.rows, what="who is mentioned with her")
        names = {t.name: t for t in together.rows}
        assert names["Copenhagen"].articles == 2
        assert names["Tomas Berger"].sentences == 1
        main.set_focus(together)
        together.highlighted = next(
            i for i, t in enumerate(together.rows) if t.name == "Tomas Berger"
        )
        await pilot.press("enter")
        await wait_for(pilot, lambda: main.steps.entity_id == "person:tomas berger")
        await wait_for(pilot, lambda: together.entity[0] == "person:tomas berger")
        main.set_focus(together)
        together.highlighted = next(
            i for i, t in enumerate(together.rows) if t.name == "Anna Lindqvist"
        )
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen), what="the search")
        query = app.screen.query_one(Input).value
        assert query == 'person:"Tomas Berger" AND person:"Anna Lindqvist"'


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_the_cursor_row_of_mentioned_with_is_legible(corpus: Path, theme: str) -> None:
    """Each name of "Mentioned with" is in its type's colour, and the cursor's row kept
    it on the cursor's background (the theme's primary colour): in a terminal a person
    under the cursor was light blue on blue, a contrast of 1.7 to 1 (textual-dark), an
    organisation 1.03 (textual-light). The cursor's row is drawn in the cursor's own
    colours, as in every other list; the other rows keep their type's colour."""
    from tests.app_helpers import drawn_rows

    app = make_app(corpus)
    async with app.run_test(size=(160, 40)) as pilot:
        app.theme = theme
        main = await _choose_anna(pilot)
        together = main.query_one(TogetherList)
        await wait_for(pilot, lambda: together.rows, what="who is mentioned with her")
        main.set_focus(together)
        await pilot.pause()
        cursor = together.get_component_rich_style("option-list--option-highlighted")
        types = {t.type for t in together.rows}
        assert {"person", "place", "org"} <= types
        for index, row in enumerate(together.rows):
            together.highlighted = index
            await pilot.pause()
            drawn = {text.strip(): pieces for text, pieces in drawn_rows(together)}
            for other in together.rows:
                pieces = next(p for text, p in drawn.items() if text.startswith(other.name))
                name = next(style for text, style in pieces if text.strip() in other.name)
                if other is row:
                    assert (name.color, name.bgcolor) == (cursor.color, cursor.bgcolor), row
                else:  # in its type's colour
                    assert name.color != cursor.color, other


async def test_w_goes_to_mentioned_with_from_anywhere_and_says_its_keys(corpus: Path) -> None:
    """ "Mentioned with" and its x (the articles of both) were reached by Tab alone, and
    its keys showed only once there. W goes there from the reader or the pane once an
    entity is chosen (the key bar offers it then), W again back to the mentions, and
    the key bar names Enter and x there."""
    from tui.app.widgets.key_bar import KeyBar

    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        main = await _open(pilot, "a.txt")
        bar = main.query_one(KeyBar)
        offered = lambda: {key.description for key in bar.keys}  # noqa: E731
        assert "Mentioned with" not in offered()
        await pilot.press("W")  # nothing chosen yet: says how
        assert main.status.hint == "Choose an entity first (e, then Enter), then W."
        await _choose_anna(pilot)
        together = main.query_one(TogetherList)
        await wait_for(pilot, lambda: together.rows, what="who is mentioned with her")
        await wait_for(pilot, lambda: "Mentioned with" in offered(), what="W in the key bar")
        main.set_focus(main.reader)
        await pilot.press("W")
        assert app.focused is together
        await wait_for(pilot, lambda: {"Go to", "Articles of both"} <= offered())
        await pilot.press("W")
        assert app.focused is main.query_one("#occurrence-list")
        await pilot.press("W")
        together.highlighted = next(
            i for i, t in enumerate(together.rows) if t.name == "Tomas Berger"
        )
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen), what="the search")
        query = app.screen.query_one(Input).value
        assert query == 'person:"Anna Lindqvist" AND person:"Tomas Berger"'


async def test_at_80_columns_mentioned_with_shows_its_own_keys_first(corpus: Path) -> None:
    """W put the focus in "Mentioned with", and at 80 columns the key bar had no room
    left for its keys: it showed n, W, / and f, not Enter (go to) and x (articles of
    both). The focused list's own keys come first, as the entity list's do."""
    from tui.app.widgets.key_bar import KeyBar

    app = make_app(corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        main = await _choose_anna(pilot)
        together = main.query_one(TogetherList)
        await wait_for(pilot, lambda: together.rows, what="who is mentioned with her")
        await pilot.press("W")
        assert app.focused is together
        await pilot.pause()
        shown = [key.description for key in main.query_one(KeyBar).shown]
        assert {"Go to", "Articles of both"} <= set(shown), shown


async def test_x_beside_mentioned_with_says_w_goes_there(corpus: Path) -> None:
    """With an entity chosen, x pressed in its mentions or the reader said it works on a
    name of "In this article" (not an entity): a user after the articles of both was
    sent to correct a name. It says x there is "Mentioned with"'s, and W goes there."""
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        main = await _choose_anna(pilot)
        together = main.query_one(TogetherList)
        await wait_for(pilot, lambda: together.rows, what="who is mentioned with her")
        main.set_focus(main.query_one("#occurrence-list"))
        await pilot.press("x")
        assert main.status.hint == "x (articles of both) works in “Mentioned with”: W goes there."


async def test_w_reaches_mentioned_with_where_the_pane_shows_alone(corpus: Path) -> None:
    """Below 80 columns the entities pane shows only while it has the focus: W from the
    reader brings it back with the focus in "Mentioned with"."""
    app = make_app(corpus)
    async with app.run_test(size=(70, 30)) as pilot:
        main = await _choose_anna(pilot)
        together = main.query_one(TogetherList)
        await wait_for(pilot, lambda: together.rows, what="who is mentioned with her")
        await pilot.press("escape")  # the reader, the pane out of sight
        await wait_for(pilot, lambda: not main.entity_pane.display, what="the pane hidden")
        await pilot.press("W")
        await wait_for(pilot, lambda: main.entity_pane.display and app.focused is together)


async def test_export_the_shared_passages_asks_before_replacing(
    corpus: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out.csv"
    target.write_text("mine")
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        main = await _open(pilot, "a.txt")
        await wait_for(pilot, lambda: main.reader.shared, what="the shared passages")
        main.set_focus(main.reader)
        await pilot.press("right_square_bracket", "w")
        await wait_for(pilot, lambda: isinstance(app.screen, PassagesScreen), what="the list")
        passages = app.screen
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog), what="the dialog")
        box = app.screen.query_one(Input)
        box.value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)  # it asks first
        assert target.read_text() == "mine"
        await pilot.press("enter")
        assert isinstance(passages, PassagesScreen)
        await wait_for(pilot, lambda: "Wrote 2 items" in _said(passages))  # in the list
        text = target.read_text()
        assert text.startswith("id,title,source,date,path,url,text,note")
        assert "b.txt" in text


async def _export_the_shared_passages(pilot: Pilot[None]) -> None:
    """From a.txt's first shared passage, its list (w), then ctrl+o: the export dialog."""
    app = pilot.app
    main = await _open(pilot, "a.txt")
    await wait_for(pilot, lambda: main.reader.shared, what="the shared passages")
    main.set_focus(main.reader)
    await pilot.press("right_square_bracket", "w")
    await wait_for(pilot, lambda: isinstance(app.screen, PassagesScreen), what="the list")
    await pilot.press("ctrl+o")
    await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog), what="the dialog")


async def test_the_export_dialog_names_the_folder_a_file_name_goes_in(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dialog said "relative paths are under the current directory": which one, a
    user who started the app from a launcher or long ago could not tell. It names it."""
    here = tmp_path / "desk"
    here.mkdir()
    monkeypatch.chdir(here)
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await _export_the_shared_passages(pilot)
        labels = [str(label.render()) for label in app.screen.query(Label)]
        assert any(f"goes in {here}" in text for text in labels), labels
    from tui.app.widgets.bookmark_dialog import home_relative

    assert home_relative(Path.home() / "stories" / "x") == "~/stories/x"
    assert home_relative(Path.home()) == "~"


async def test_ctrl_o_exports_the_shared_passages_too(corpus: Path) -> None:
    """ctrl+o, the export key of the main and search screens, did nothing in the list."""
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await _export_the_shared_passages(pilot)


async def test_ctrl_s_in_the_search_screen_exports_every_result(
    corpus: Path, tmp_path: Path
) -> None:
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"promises")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await wait_for(pilot, lambda: screen.shown_query == "promises", what="the results")
        await pilot.press("ctrl+o")
        target = tmp_path / "hits.json"
        await _export_to(pilot, target)
        await notified(pilot, "Wrote 2 items")
        data = json.loads(target.read_text())
        assert sorted(item["path"] for item in data) == ["a.txt", "b.txt"]
        assert all(item["note"] == "snippet" and item["text"] for item in data)
        assert isinstance(app.screen, SearchScreen)  # back where the user was


async def test_the_export_dialog_says_what_is_wrong_with_a_name_where_it_can_be_mended(
    corpus: Path, tmp_path: Path
) -> None:
    """A folder that is not there closed the dialog (a toast said "cannot write ...: No
    such file or directory", and the typed name was lost); results.pdf got Markdown
    without a word. Both are said in the dialog, which stays."""
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"promises")
        screen = app.screen
        await wait_for(pilot, lambda: screen.shown_query == "promises", what="the results")
        await pilot.press("ctrl+o")
        await _export_to(pilot, tmp_path / "no-such-folder" / "hits.csv")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        warning = str(dialog.query_one("#export-warning", Label).render())
        assert "There is no folder" in warning and "no-such-folder" in warning
        target = tmp_path / "hits.pdf"
        dialog.query_one(Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is dialog and not target.exists()
        warning = str(dialog.query_one("#export-warning", Label).render())
        assert "hits.pdf would hold Markdown" in warning
        await pilot.press("enter")  # a second Enter writes it, as Markdown
        await notified(pilot, "Wrote 2 items")
        assert target.read_text().startswith("# Search: promises")


async def test_ctrl_s_exports_the_chosen_entitys_articles(corpus: Path, tmp_path: Path) -> None:
    app = make_app(corpus)
    async with app.run_test(size=(160, 40)) as pilot:
        main = await _choose_anna(pilot)
        await wait_for(pilot, lambda: main.steps.occurrences, what="her mentions")
        await pilot.press("ctrl+o")
        target = tmp_path / "anna.md"
        await _export_to(pilot, target)
        await notified(pilot, "Wrote 2 items")
        text = target.read_text()
        assert text.startswith("# Articles that mention Anna Lindqvist\n")
        assert "## 1. A flood of promises" in text and "`b.txt`" in text
        assert "> Anna Lindqvist is expected in Copenhagen on Friday." in text


QUOTE2 = (
    "the harbour authority has ordered every fishing boat to stay in port until the storm "
    "warning for the northern coast is lifted"
)


async def test_brackets_step_through_the_shared_passages_both_ways(tmp_path: Path) -> None:
    folder = tmp_path / "two"
    write_article(
        folder,
        "a.txt",
        "A two quotes",
        "Nothing here is shared with any other article in this folder at all.",
        f"Officials said that {QUOTE} on Monday.",
        "A paragraph of its own, also written for this article alone.",
        f"Later a spokesman said {QUOTE2} on Tuesday.",
    )
    write_article(folder, "b.txt", "B first quote", f"In the valley {QUOTE}.")
    write_article(folder, "c.txt", "C second quote", f"On the coast {QUOTE2}.")
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        main = await _open(pilot, "a.txt")
        reader = main.reader
        await wait_for(pilot, lambda: len(reader.shared) == 2, what="two shared passages")
        (first, _), (second, _) = reader.shared
        main.set_focus(reader)
        await pilot.press("right_square_bracket")
        assert reader.passage is not None and reader.passage.head[0] <= first < second
        await pilot.press("right_square_bracket")
        assert first < reader.passage.head[0] <= second
        assert "Shared passage 2/2" in main.status.hint
        await pilot.press("right_square_bracket")
        await notified(pilot, "That was the last shared passage")
        await pilot.press("left_square_bracket")
        assert reader.passage.head[0] <= first
        # w on the second one lists c.txt alone
        await pilot.press("right_square_bracket", "w")
        await wait_for(pilot, lambda: isinstance(app.screen, PassagesScreen), what="the list")
        assert [c.path for c in app.screen.copies] == ["c.txt"]


async def test_the_shared_passage_list_names_the_users_keys(corpus: Path) -> None:
    """Its frame said "y copies · x exports" whatever the keymap gave those keys."""
    from tests.conftest import write_config

    write_config("keymap:\n  passages.copy: c\n  passages.export: E\n")
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        main = await _open(pilot, "a.txt")
        reader = main.reader
        await wait_for(pilot, lambda: reader.shared, what="the shared passages marked")
        main.set_focus(reader)
        await pilot.pause()
        await pilot.press("right_square_bracket", "w")
        await wait_for(pilot, lambda: isinstance(app.screen, PassagesScreen), what="the list")
        box = app.screen.query_one("#passages-dialog")
        assert box.border_subtitle == "Enter opens · c copies · E exports · Esc back"


async def test_shared_passages_say_they_are_not_ready_while_the_names_are_found(
    corpus: Path,
) -> None:
    """A `dossier index` beside the app finds a full build's names, which the passage
    fingerprints come with: no marks, and w and ] say why (not "no other article has
    it"); once that process has them all, the marks come by themselves."""
    from tests.test_app_names_later import _named_elsewhere
    from tui.library import Library

    lock = _named_elsewhere(corpus)
    app = make_app(corpus)
    try:
        async with app.run_test(size=SIZE) as pilot:
            # (no settle(): the worker that waits for the other process's names runs on)
            await wait_for(pilot, lambda: app.index_ready, timeout=30, what="the index")
            await wait_for(pilot, lambda: app.names is not None, what="the names pending")
            main = app.main_screen()
            await wait_for(pilot, lambda: main.summaries, what="the list")
            article_id = next(a.id for a in main.summaries.values() if a.path == "a.txt")
            main.reading.open(article_id, take_focus=True)
            await wait_for(pilot, lambda: main.across.loaded_id == article_id, what="a lookup")
            assert main.across.not_ready and not main.reader.shared
            main.set_focus(main.reader)
            await pilot.press("w")
            await wait_for(pilot, lambda: "not ready yet" in main.status.hint, what="why")
            assert "they come with the names" in main.status.hint
            assert not isinstance(app.screen, PassagesScreen)
            await pilot.press("right_square_bracket")
            await notified(pilot, "Shared passages are not ready yet")
            lock.release()
            Library.open(corpus).update_index(workers=1)  # "the other process" ends
            await wait_for(pilot, lambda: main.reader.shared, timeout=20, what="the marks")
            assert not main.across.not_ready
            await pilot.press("right_square_bracket", "w")
            await wait_for(pilot, lambda: isinstance(app.screen, PassagesScreen), what="the list")
            await settle(pilot)
    finally:
        lock.release()
