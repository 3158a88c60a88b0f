"""Pilot tests: search as you type, opening a hit, n/N across results, find-in-article."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input, Label

from tests.app_helpers import (
    SIZE,
    Messages,
    drawn_rows,
    make_app,
    notified,
    ready,
    settle,
    shown,
    type_fast,
    wait_for,
)
from tui.app import messages as m
from tui.app.screens.search import SearchScreen
from tui.app.screens.timeline import TimelineScreen
from tui.app.widgets.hits import SYNTAX_HINTS, latest_year, syntax_hint
from tui.app.widgets.key_bar import KeyBar
from tui.app.widgets.results_list import ResultsList


@pytest.fixture
def app(indexed_seeds: Path):
    return make_app(indexed_seeds)


def _results(app) -> ResultsList:  # noqa: ANN001
    return app.screen.query_one("#search-results", ResultsList)


def _status(app) -> str:  # noqa: ANN001
    return str(app.screen.query_one("#search-status", Label).render())


async def _search(pilot, text: str) -> SearchScreen:  # noqa: ANN001
    await pilot.press("slash")
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    await pilot.press(*text)
    await wait_for(pilot, lambda: screen.shown_query == text)
    return screen


async def test_results_update_as_the_user_types(app) -> None:
    messages = Messages()
    async with app.run_test(size=SIZE, message_hook=messages) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        search = app.screen
        messages.clear()
        await pilot.press(*"ceasefire")
        await wait_for(pilot, lambda: search.shown_query == "ceasefire")
        finished = messages.of(m.SearchFinished)
        # Debounced: typing nine letters quickly runs far fewer than nine searches.
        assert 1 <= len(finished) < 5
        results = _results(app)
        assert results.item_count == 4
        assert "4 matching articles" in _status(app)
        # On screen: the first hit's title, then its snippet with the matched word highlighted.
        hits = search.result.hits
        rows = drawn_rows(results)
        title_row = next(i for i, (text, _) in enumerate(rows) if hits[0].title in text)
        snippet = rows[title_row + 1 :]
        assert "ceasefire" in snippet[0][0].lower()
        match = search.get_component_rich_style("search--match", partial=True)
        marked = [
            text.lower()
            for _, segments in snippet[:3]
            for text, style in segments
            if style is not None and style.bgcolor == match.bgcolor
        ]
        assert "ceasefire" in marked
        # A rule separates the hits.
        assert any(set(text.strip()) == {"─"} for text, _ in rows)


async def test_letters_typed_right_after_slash_go_to_the_search_box(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        order = [a.id for a in main.article_list.articles]
        # s sorts the list, r shows the raw text, e the entities: none of them may fire.
        type_fast(pilot, "slash", *"shares")
        box = (await shown(pilot, SearchScreen)).query_one("#search-input", Input)
        await wait_for(pilot, lambda: box.value == "shares")
        await settle(pilot)
        assert box.value == "shares"
        assert box.has_focus
        assert main.article_list.sort_column == "date"
        assert [a.id for a in main.article_list.articles] == order
        assert not main.reader.raw
        assert not main.entity_pane.display


async def test_search_is_warmed_in_the_background_once_the_index_is_ready(app, monkeypatch) -> None:
    warmed: list[bool] = []
    original = app.library.warm_up

    def warm_up() -> None:
        warmed.append(app.index_ready)
        original()

    monkeypatch.setattr(app.library, "warm_up", warm_up)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert warmed == [True]  # once, after indexing, not at launch


async def test_the_syntax_hint_fits_the_width(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        hint = app.screen.query_one("#search-hint")
        text = str(hint.render())
        assert text == SYNTAX_HINTS[1]
        assert len(text) <= hint.content_region.width  # nothing cut off at 80 columns
        # Narrower, a shorter hint on one line (at 60 the 80-column one wrapped, its
        # last item alone on a second line that opened with "·").
        for columns in (60, 40):
            await pilot.resize_terminal(columns, 24)
            await pilot.pause()
            text = str(hint.render())
            assert len(text) <= hint.content_region.width and hint.size.height == 1, text
        assert text == SYNTAX_HINTS[-1]
        await pilot.resize_terminal(160, 48)
        await pilot.pause()
        assert str(hint.render()) == SYNTAX_HINTS[0]
        assert len(SYNTAX_HINTS[0]) <= hint.content_region.width
        # the whole width, as the main screen (5efc5b4): no centred column of 120
        assert app.screen.query_one("#search-box").outer_size.width == 160


async def test_stale_results_are_dropped(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        search = await _search(pilot, "ceasefire")
        search.post_message(m.SearchFinished("old query", None, "should not show"))
        await pilot.pause()
        assert "should not show" not in _status(app)
        assert search.shown_query == "ceasefire"


async def test_no_results_says_what_to_do(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await _search(pilot, "zzyzzyx")
        assert "No articles match" in _status(app)
        assert "word*" in _status(app)


async def test_a_long_no_results_message_wraps_at_80_columns(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await _search(pilot, "supercalifragilistic expialidocious words")
        status = app.screen.query_one("#search-status", Label)
        assert "Try fewer words, or word* for prefixes." in _status(app)
        # wrapped, not cut off (the layout follows the new text on the next refresh)
        await wait_for(pilot, lambda: status.size.height == 2, what="the status on two lines")


async def test_the_status_line_follows_its_text_from_one_line_to_two_and_back(app) -> None:
    """One line's text for another's updates the status without a layout of the screen
    (issue 13: a few ms before each keystroke's results); a text that wraps, and the one
    after it, still get the height they need."""
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = await _search(pilot, "ceasefire")
        status = screen.query_one("#search-status", Label)
        assert status.size.height == 1
        await pilot.press("ctrl+u", *"syria")
        await wait_for(pilot, lambda: screen.shown_query == "syria")
        await pilot.pause()
        assert status.size.height == 1 and "matching" in _status(app)
        await pilot.press("ctrl+u", *"supercalifragilistic expialidocious words")
        await wait_for(pilot, lambda: status.size.height == 2, what="the status on two lines")
        await pilot.press("ctrl+u", *"ceasefire")
        await wait_for(pilot, lambda: screen.shown_query == "ceasefire")
        await wait_for(pilot, lambda: status.size.height == 1, what="the status on one line")
        assert "matching" in _status(app)


async def test_a_bad_query_shows_one_line(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        await pilot.press(*'"unclosed')
        await wait_for(pilot, lambda: "Cannot search" in _status(app) or "matching" in _status(app))
        assert "\n" not in _status(app)


async def test_search_waits_for_the_index(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.index_ready = False
        await pilot.press("slash")
        await pilot.press(*"syria")
        await wait_for(pilot, lambda: "Indexing" in _status(app), what="'Indexing…' in the status")
        assert app.screen.shown_query != "syria"  # no search ran
        app.index_ready = True
        await wait_for(pilot, lambda: app.screen.shown_query == "syria")


async def test_enter_opens_the_hit_at_its_first_match_and_n_steps_on(app) -> None:
    async with app.run_test(size=(100, 24)) as pilot:
        main = await ready(pilot)
        search = await _search(pilot, "ceasefire")
        hits = search.result.hits
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is main
        assert main.article.id == hits[0].id
        reader = main.reader
        assert reader.matches == tuple(hits[0].matches)
        assert reader.current_match == 0
        start, end = reader.matches[0]
        assert main.article.body[start:end].lower() == "ceasefire"
        assert "match 1/" in main.status.info and "result 1/4" in main.status.info
        for _ in range(len(hits[0].matches) - 1):
            await pilot.press("n")
        assert reader.current_match == len(hits[0].matches) - 1
        await pilot.press("n")  # on into the next result's article
        await settle(pilot)
        assert main.article.id == hits[1].id
        assert reader.current_match == 0
        await pilot.press("N")  # back to the last match of the first result
        await settle(pilot)
        assert main.article.id == hits[0].id
        assert reader.current_match == len(hits[0].matches) - 1


async def test_a_hit_opened_after_choosing_an_entity_says_what_n_steps_through(app) -> None:
    """An entity chosen, then a search hit opened: the status line went on saying
    "John Kerry: 13 mentions in 5 articles" while n stepped through the search's
    matches. It names the search and its count."""
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        await pilot.press("e", "enter")  # the first entity of the article: chosen
        await wait_for(pilot, lambda: "mentions in" in main.status.message, what="its mentions")
        await _search(pilot, "ceasefire")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is main
        assert main.status.message == "“ceasefire”: 4 matching articles"


async def test_slash_again_keeps_the_query_and_escape_goes_back(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        await _search(pilot, "kerry")
        await pilot.press("escape")
        assert app.screen is main
        await pilot.press("slash")
        await pilot.pause()
        assert app.screen.query_one(Input).value == "kerry"
        assert _results(app).item_count > 0
        assert any("kerry" in text.lower() for text, _ in drawn_rows(_results(app)))


def _found(messages: Messages, query: str) -> Callable[[], bool]:
    """Whether the matches of ``query`` (not of what was typed on the way) have come."""
    return lambda: any(found.query == query for found in messages.of(m.MatchesFound))


async def test_find_in_article(app) -> None:
    messages = Messages()
    async with app.run_test(size=SIZE, message_hook=messages) as pilot:
        main = await ready(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("f")
        assert app.focused is main.query_one("#find-input")
        await pilot.press(*"syria")
        await wait_for(pilot, _found(messages, "syria"), what="the matches of 'syria'")
        await settle(pilot)
        body = main.article.body
        assert all(body[s:e].lower().startswith("syria") for s, e in main.reader.matches)
        count = len(main.reader.matches)
        assert str(main.query_one("#find-status", Label).render()) == f"{count} matches"
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused is main.reader
        assert main.reader.current_match == 0
        await pilot.press("n")
        assert main.reader.current_match == 1
        await pilot.press("N", "N")  # find wraps around inside the article
        assert main.reader.current_match == count - 1
        assert f"found {count}/{count}" in main.status.info


async def test_find_in_the_raw_text_shows_the_matches_in_the_cleaned_text(app) -> None:
    messages = Messages()
    async with app.run_test(size=SIZE, message_hook=messages) as pilot:
        main = await ready(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("r")
        assert main.reader.raw
        await pilot.press("f", *"syria")
        await wait_for(pilot, _found(messages, "syria"), what="the matches of 'syria'")
        await settle(pilot)
        # Matches are offsets into the cleaned text: it is shown, with them marked.
        assert not main.reader.raw
        row = main.reader.line_of(main.reader.matches[0][0])
        assert "syria" in main.reader.lines[row].text.plain.lower()
        await notified(pilot, "Back to the cleaned text")


async def test_keys_before_and_after_slash_keep_their_order(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        main.set_focus(main.reader)
        await pilot.pause()
        # Esc (back to the list), j (down one), then / and a query: each in its turn.
        type_fast(pilot, "escape", "j", "slash", *"kerry")
        box = (await shown(pilot, SearchScreen)).query_one("#search-input", Input)
        await wait_for(pilot, lambda: box.value == "kerry")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)  # Esc did not close it
        assert main.article_list.cursor == 1
        type_fast(pilot, "escape", "f", *"syria")
        find = main.query_one("#find-input", Input)
        await wait_for(pilot, lambda: find.value == "syria")
        assert app.screen is main and app.focused is find


async def test_letters_typed_right_after_f_go_to_the_find_box(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        box = main.query_one("#find-input", Input)
        type_fast(pilot, "f", *"shares")
        await wait_for(pilot, lambda: box.value == "shares")
        await settle(pilot)
        assert app.focused is box
        assert main.article_list.sort_column == "date"
        assert not main.reader.raw
        assert not main.entity_pane.display
        # "/" in the find box is text, not the search key, and the key bar does not offer it.
        assert "search" not in [key.action for key in main.query_one(KeyBar).keys]
        type_fast(pilot, "slash", "x")
        await wait_for(pilot, lambda: box.value == "shares/x")
        assert app.screen is main


async def test_n_without_matches_explains(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("n")
        await notified(pilot, "/ searches every article")
        # About the main screen's keys: it leaves when the timeline covers the screen
        # (it stayed over it).
        await pilot.press("t")
        await shown(pilot, TimelineScreen)
        await pilot.pause()
        assert not any("searches every article" in n for n in app.live_notices())


def _row_of(results: ResultsList, text: str) -> int:
    """The row (from the top of the list's view) that shows ``text``."""
    return next(y for y, (shown, _) in enumerate(drawn_rows(results)) if text in shown)


def _background(results: ResultsList, text: str):  # noqa: ANN202
    """The background behind the row showing ``text`` (its last cell: padding, not a span)."""
    _, segments = drawn_rows(results)[_row_of(results, text)]
    return segments[-1][1].bgcolor


async def test_the_results_list_moves_with_keys_and_opens_with_enter(app) -> None:
    messages = Messages()
    async with app.run_test(size=(80, 20), message_hook=messages) as pilot:
        main = await ready(pilot)
        search = await _search(pilot, "syria")
        results, hits = _results(app), search.result.hits
        assert results.item_count == len(hits) > 3
        messages.clear()
        await pilot.press("down")  # from the query box into the list
        assert app.focused is results
        cursor_bg = _background(results, hits[0].title)
        assert _background(results, hits[1].title) != cursor_bg
        await pilot.press("j")
        assert results.cursor == 1
        assert _background(results, hits[1].title) == cursor_bg  # the cursor is drawn there
        assert [msg.index for msg in messages.of(ResultsList.Highlighted)] == [1]
        await pilot.press("G")
        assert results.cursor == len(hits) - 1
        assert hits[-1].title in "".join(text for text, _ in drawn_rows(results))  # scrolled
        await pilot.press("g")
        assert results.cursor == 0 and results.scroll_y == 0
        await pilot.press("pagedown")
        assert results.cursor > 0
        await pilot.press("pageup")
        assert results.cursor == 0
        await pilot.press("k")  # stays on the first
        assert results.cursor == 0
        await pilot.press("j", "enter")
        await settle(pilot)
        assert app.screen is main
        assert main.article.id == hits[1].id


async def test_the_results_list_follows_the_mouse(app) -> None:
    async with app.run_test(size=(80, 20)) as pilot:
        main = await ready(pilot)
        search = await _search(pilot, "syria")
        results, hits = _results(app), search.result.hits
        plain_bg = _background(results, hits[1].title)
        await pilot.hover("#search-results", offset=(4, _row_of(results, hits[1].title)))
        assert _background(results, hits[1].title) != plain_bg  # the hover tint
        # The wheel scrolls the list without moving the cursor.
        results.post_message(events.MouseScrollDown(results, 4, 2, 0, 1, 0, False, False, False))
        await pilot.pause()
        assert results.scroll_y > 0 and results.cursor == 0
        results.scroll_home(animate=False)
        await pilot.pause()
        # A click opens the hit under the mouse.
        await pilot.click("#search-results", offset=(4, _row_of(results, hits[2].title)))
        await settle(pilot)
        assert app.screen is main
        assert main.article.id == hits[2].id


async def test_the_results_list_rewraps_when_the_terminal_is_resized(app) -> None:
    async with app.run_test(size=(120, 30)) as pilot:
        search = await _search(pilot, "ceasefire")
        results = _results(app)
        snippet = search.result.hits[0].snippet
        wide = results.rows(0)
        await pilot.resize_terminal(60, 30)
        await pilot.pause()
        narrow = results.rows(0)
        assert len(narrow) > len(wide)
        assert all(len(row) <= results.scrollable_content_region.width for row in narrow)
        assert " ".join(narrow).split() == " ".join(wide).split()  # the same words, rewrapped
        assert snippet.split()[-1] in narrow[-1]


async def test_a_search_that_finds_the_index_damaged_rebuilds_it_and_shows_results(
    app,
) -> None:
    import os

    toasts = Messages()  # the toasts, also those that timed out meanwhile
    async with app.run_test(size=SIZE, message_hook=toasts) as pilot:
        await ready(pilot)
        # Same size and time: only a read of the postings can tell.
        for postings in app.library.paths.index.glob("*.pst"):
            st = postings.stat()
            postings.write_bytes(os.urandom(st.st_size))
            os.utime(postings, ns=(st.st_atime_ns, st.st_mtime_ns))
        app.library.index.close()
        await pilot.press("slash")
        screen = app.screen
        await pilot.press(*"syria")
        await wait_for(pilot, lambda: screen.shown_query == "syria", timeout=30)
        assert _results(app).item_count > 0
        messages = toasts.toasts()
        assert any("damaged" in msg and "rebuilding" in msg for msg in messages)
        # (the search answers once the rebuilt index is searchable; the build says it
        # rebuilt it when it ends, its names found: tui.library.naming)
        await wait_for(
            pilot, lambda: any("rebuilt it" in msg for msg in toasts.toasts()), timeout=30
        )


async def test_a_long_result_list_loads_more_as_the_cursor_nears_its_end(app) -> None:
    app.search_limit = 2
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await _search(pilot, "syria")
        assert screen.result.total == 5 and _results(app).item_count == 2
        assert "more load as you scroll down" in _status(app)
        await pilot.press("down")  # into the list
        await pilot.press("down")  # near the end: more are fetched, two at a time
        await wait_for(pilot, lambda: _results(app).item_count == 5)
        await settle(pilot)
        assert _results(app).cursor == 1  # the reader's place is kept
        assert "more load" not in _status(app)
        titles = [_results(app).rows(i)[0] for i in range(5)]
        assert len(set(titles)) == 5


async def test_enter_before_the_results_opens_the_best_one_when_it_comes(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        type_fast(pilot, "slash", *"kerry", "enter")  # Enter within the debounce
        await wait_for(pilot, lambda: app.screen is main and main.steps.hits != (), timeout=15)
        await settle(pilot)
        assert main.article is not None and main.article.id == main.steps.hits[0].id
        assert main.steps.scope == "search"


async def test_esc_from_a_search_hit_goes_back_to_the_results_at_that_hit(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        screen = await _search(pilot, "syria")
        await pilot.press("down", "down")  # into the list, then the second hit
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is main and app.focused is main.reader
        opened = main.article.id
        await pilot.press("escape")
        await wait_for(
            pilot,
            lambda: app.screen is not screen and getattr(app.screen, "shown_query", "") == "syria",
            what="the search shown again",
        )
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        await wait_for(pilot, lambda: _results(app).cursor == 1, what="the cursor on the hit")
        assert app.screen.result.hits[1].id == opened
        # From anything else, Esc in the reader goes to the list as before.
        await pilot.press("escape")
        await settle(pilot)
        main.article_list.focus()
        await pilot.press("j", "enter")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is main and app.focused is main.article_list


async def test_the_search_screen_shown_again_does_not_search_again(app) -> None:
    # Its box gets the last query at mount, and Textual reports that as a change: that
    # searched again a moment later and put the cursor back on the first hit.
    messages = Messages()
    async with app.run_test(size=SIZE, message_hook=messages) as pilot:
        await ready(pilot)
        await _search(pilot, "syria")
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        messages.clear()
        await pilot.press("escape")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await wait_for(
            pilot,
            lambda: any(c.value == "syria" for c in messages.of(Input.Changed)),
            what="the box's first value reported",
        )
        await settle(pilot)
        assert screen._timer is None and not messages.of(m.SearchFinished)
        assert _results(app).cursor == 1


async def test_n_past_the_loaded_results_loads_more_and_goes_on(app) -> None:
    app.search_limit = 2
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        await _search(pilot, "syria")
        await pilot.press("enter")  # the first hit, of two loaded
        await settle(pilot)
        assert main.steps.hit_index == 0 and len(main.steps.hits) == 2
        main.reader.current_match = len(main.reader.matches) - 1  # its last match
        await pilot.press("n")  # on to the second hit
        await wait_for(pilot, lambda: main.steps.hit_index == 1)
        await settle(pilot)
        assert len(main.steps.hits) == 2
        main.reader.current_match = len(main.reader.matches) - 1
        await pilot.press("n")  # past the loaded ones
        await wait_for(pilot, lambda: main.steps.hit_index == 2)
        await settle(pilot)
        assert len(main.steps.hits) > 2 and main.article.id == main.steps.hits[2].id
        assert "result 3/" in main.status.info


async def test_the_key_bar_says_enter_opens_a_result(app) -> None:
    """With the results focused the key bar offered Back, Export, Facets, Save and
    Timeline, but not how to open one: Enter is in it now."""
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"ceasefire")
        screen = app.screen
        await wait_for(pilot, lambda: getattr(screen, "shown_query", None) == "ceasefire")
        await pilot.press("down")
        await pilot.pause()
        bar = screen.query_one(KeyBar)
        assert [k.description for k in bar.shown][:2] == ["Back", "Open"]


async def test_a_match_in_view_does_not_scroll_the_reader(tmp_path: Path) -> None:
    """Opened at its first match, a hit scrolled it a third of the way down even when it
    showed on the first screen: the headline went out of sight for nothing. And each
    ``n`` scrolled again, moving the text under the reader's eyes from one match to the
    next on the same screen. A match in view leaves the view as it is; one out of view
    comes a third of the way down."""
    from tests.conftest import write_article

    paragraphs = [f"Paragraph {n} on the quay." for n in range(60)]
    for n in (7, 9, 40):
        paragraphs[n] = f"Paragraph {n}: the lighthouse keeper spoke."
    folder = tmp_path / "news"
    write_article(folder, "quay.txt", "Quay works begin", *paragraphs)
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        await _search(pilot, "lighthouse")
        await pilot.press("enter")
        await settle(pilot)
        reader = main.reader
        height = reader.scrollable_content_region.height
        first = reader.line_of(reader.matches[0][0])
        assert height // 3 < first < height - 2  # the premise: it showed before, lower
        assert reader.scroll_y == 0
        assert "Quay works begin" in drawn_rows(reader)[0][0]
        await pilot.press("n")
        await settle(pilot)
        assert reader.current_match == 1 and reader.scroll_y == 0
        await pilot.press("n")
        await settle(pilot)
        far = reader.line_of(reader.matches[2][0])
        assert reader.scroll_y == far - height // 3


async def test_the_status_line_counts_a_result_among_every_result(tmp_path: Path) -> None:
    """Opened from a search with more results than the first page loads, the status line
    said "result 1/100 of 130" (loaded, then found); n steps through all: "result 1/130"."""
    from tests.test_search_facets import record, write_corpus

    folder = tmp_path / "news"
    write_corpus(folder, [record(n, text=f"Harbour report number {n}.") for n in range(130)])
    app = make_app(folder)
    async with app.run_test(size=(100, 24)) as pilot:
        main = await ready(pilot)
        search = await _search(pilot, "harbour")
        assert search.result.total == 130 and len(search.result.hits) < 130
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is main
        assert main.status.info.endswith("result 1/130"), main.status.info


async def test_keys_on_a_passage_start_at_the_match_the_hit_opened_at(app) -> None:
    """Opened at a search hit, v (and y, b, ")") started from the first sentence in view,
    not the one with the match: v then b bookmarked the article's first sentence."""
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        search = await _search(pilot, "Gatilov")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is main and main.article.id == search.result.hits[0].id
        reader = main.reader
        start, _ = reader.matches[reader.current_match]
        assert reader.line_of(start) > 0  # not on the first line: the first sentence differs
        await pilot.press("v")
        await settle(pilot)
        first, last = reader.passage.selection
        assert first <= start < last, main.article.body[first:last]


async def test_a_person_searched_by_surname_finds_the_articles_that_name_them_in_full(
    app,
) -> None:
    """``person:kerry`` found nothing in the seeds, where John Kerry is in every article:
    the person field holds whole names, and an article that names him in full counts its
    "Kerry"s as "John Kerry". A reporter types the surname (the hint says person:name);
    it finds the articles that name anyone with that surname, as ``person:"John Kerry"``
    does, and an unknown surname still finds nothing."""
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        search = await _search(pilot, 'person:"john kerry"')
        in_full = search.result.total
        assert in_full > 0
        await pilot.press("ctrl+u", *"person:kerry")
        await wait_for(pilot, lambda: search.shown_query == "person:kerry")
        assert search.result.total == in_full, _status(app)
        assert f"{in_full} matching articles" in _status(app)
        await pilot.press("ctrl+u", *"person:zzkerry")
        await wait_for(pilot, lambda: search.shown_query == "person:zzkerry")
        assert search.result.total == 0


async def test_a_query_that_cannot_run_says_whose_results_are_still_shown(app) -> None:
    """While "ceasefire AND" is typed, the results of "ceasefire" stay under the error
    (they are what the user was reading), but nothing said they were not this query's:
    "Cannot search: AND at the end needs a word after it" over four articles read as if
    the broken query had found them. The error line names the query they belong to."""
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        search = await _search(pilot, "ceasefire")
        shown = search.result.total
        assert shown > 0
        await pilot.press(*" AND")
        await wait_for(pilot, lambda: "Cannot search" in _status(app), what="the error")
        assert _results(app).item_count == shown
        assert "“ceasefire”" in _status(app), _status(app)
        # A query with no results before it has nothing to name.
        await pilot.press("ctrl+u", *"zzqqxx")
        await wait_for(pilot, lambda: search.shown_query == "zzqqxx")
        await pilot.press(*" AND")
        await wait_for(pilot, lambda: "Cannot search" in _status(app), what="the error")
        assert "below" not in _status(app), _status(app)


async def test_the_syntax_hint_s_date_example_is_a_year_of_the_corpus(tmp_path: Path) -> None:
    """A corpus of 2004-05 had 'date:2016' as its example, which finds nothing there."""
    folder = tmp_path / "news"
    folder.mkdir()
    records = [
        {"id": "a", "title": "Budget day", "text": "The budget was read.", "date": "2004-03-17"},
        {"id": "b", "title": "Election", "text": "Polls opened at seven.", "date": "2005-05-05"},
        {"id": "c", "title": "Undated", "text": "No date on this one."},
    ]
    (folder / "wire.jsonl").write_text(
        "\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8"
    )
    app = make_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        text = str(app.screen.query_one("#search-hint").render())
        assert text == SYNTAX_HINTS[1].replace("date:2016", "date:2005")


def test_the_hint_s_year_is_the_latest_and_keeps_its_width() -> None:
    assert latest_year(["2004-03-17", None, "2005-05-05", "undated"]) == "2005"
    assert latest_year([]) is None  # (no articles yet: the example stays)
    assert syntax_hint(200, None) == SYNTAX_HINTS[0]
    assert syntax_hint(200, "1999") == SYNTAX_HINTS[0].replace("date:2016", "date:1999")
    assert syntax_hint(200, "99") == SYNTAX_HINTS[0]  # not a year: the example stays


def test_a_corpus_with_no_dated_article_gets_no_date_example() -> None:
    """The BBC files carry no dates: 'date:2016' there found nothing (seen in use)."""
    assert latest_year([None, "undated"]) == ""
    for width in (200, len(SYNTAX_HINTS[1]), 60, 10):
        hint = syntax_hint(width, "")
        assert "date:" not in hint and len(hint) <= max(width, len(SYNTAX_HINTS[-1]))
    assert syntax_hint(200, "") == SYNTAX_HINTS[0].replace(" · date:2016", "")


async def test_g_goes_to_the_last_result_not_the_last_loaded(app) -> None:
    """G on a list loaded in parts stopped at the last result loaded (2 of 5 here)."""
    app.search_limit = 2
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await _search(pilot, "syria")
        assert screen.result.total == 5 and _results(app).item_count == 2
        await pilot.press("down")  # into the list
        await pilot.press("G")
        await wait_for(pilot, lambda: _results(app).item_count == 5)
        await wait_for(pilot, lambda: _results(app).cursor == 4, what="the cursor on the last")
        await pilot.press("g")
        await settle(pilot)
        assert _results(app).cursor == 0


async def test_a_key_typed_in_the_search_box_lays_nothing_out(app, monkeypatch) -> None:  # noqa: ANN001
    """Each key set the box's virtual size (its text's width, for its own scrolling), a
    reactive that asked for a layout of the whole search screen and a repaint, at every
    keystroke, for a box whose size never changes with its text. A query longer than
    the box still scrolls it, the cursor and the last letters typed in sight, and gives
    the box no scrollbar (it has none to show: a layout each time one came or went)."""
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await _search(pilot, "syria")
        box = app.screen.query_one("#search-input", Input)
        laid_out: list[str] = []
        refresh = Input.refresh

        def record(self, *regions, repaint=True, layout=False, recompose=False):  # noqa: ANN001, ANN202
            if layout and self is box:
                laid_out.append(self.value)
            return refresh(self, *regions, repaint=repaint, layout=layout, recompose=recompose)

        monkeypatch.setattr(Input, "refresh", record)
        await pilot.press(*" ceasefire")
        await settle(pilot)
        assert box.value == "syria ceasefire" and laid_out == []
        tail = " and the talks went on until morning" * 4  # past the box's width
        await pilot.press(*tail)
        await settle(pilot)
        assert laid_out == []
        # The screen laid out for something else (a status, results come or gone) while
        # the text is wider than the box: the box got a horizontal scrollbar (zero cells
        # high) and asked for a layout of its own; the test failed when such a layout
        # happened to fall after the text grew past the box, under load.
        app.screen.refresh(layout=True)
        await settle(pilot)
        assert laid_out == []
        assert box.virtual_size.width > box.content_region.width and box.scroll_x > 0
        lines = ["".join(s.text for s in box.render_line(y)) for y in range(box.size.height)]
        assert any("until morning" in line for line in lines), lines


async def test_a_phrase_searched_is_not_quoted_twice(app) -> None:
    """A phrase opened from the results read “"Hong Kong"”: 6 matching articles in the
    status line (aeb-dev, 200x50): the app's quotation marks around the query's own. A
    query with quotation marks of its own shows as typed; a word, in the app's marks."""
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        await _search(pilot, '"the ceasefire"')
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is main
        assert main.status.message.startswith('"the ceasefire": '), main.status.message
        await _search(pilot, '"zzq qqz"')
        search = app.screen
        await wait_for(pilot, lambda: "No articles match" in _status(app), what="no match")
        assert 'No articles match "zzq qqz".' in _status(app), _status(app)
        assert isinstance(search, SearchScreen)
