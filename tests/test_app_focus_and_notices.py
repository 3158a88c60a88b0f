"""Pilot tests: keys land where the user looks, and toasts replace rather than pile up."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Label

from tests.app_helpers import SIZE, make_app, ready, settle, wait_for
from tui.app.screens.bookmarks import BookmarksScreen
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.reader import Reader


@pytest.fixture
def app(indexed_seeds: Path):
    return make_app(indexed_seeds)


def _status(screen) -> str:  # noqa: ANN001
    return str(screen.query_one("#status-message", Label).render())


async def test_enter_on_a_find_with_no_match_keeps_the_bar_and_esc_returns_to_the_reader(
    app,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.focused, Reader))
        await pilot.press("f", *"zzqqxx")
        bar = main.query_one("#find-bar")
        await wait_for(pilot, lambda: bar.result == ("zzqqxx", 0))
        await pilot.press("enter")
        await settle(pilot)
        # Nothing to jump to: the bar stays open and says so, the box keeps the focus.
        assert bar.display
        assert app.focused is main.query_one("#find-input", Input)
        assert "no matches" in str(main.query_one("#find-status", Label).render())
        await pilot.press("escape")
        await settle(pilot)
        assert not bar.display
        assert isinstance(app.focused, Reader), app.focused
        # The passage keys work again: v starts a selection in the reader.
        await pilot.press("right_parenthesis", "v")
        await settle(pilot)
        assert main.reader.passage is not None and main.reader.passage.selecting


async def test_esc_from_find_returns_to_the_list_when_find_was_opened_from_it(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        assert isinstance(app.focused, ArticleList)
        await pilot.press("f", *"syria")
        await pilot.press("escape")
        await settle(pilot)
        assert app.focused is main.article_list


async def test_a_key_bound_in_another_pane_says_where_it_works(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        assert isinstance(app.focused, ArticleList)
        await pilot.press("v")
        await settle(pilot)
        hint = _status(main)
        assert "v" in hint and "works in the reader" in hint and "enter" in hint.lower()
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.focused, Reader))
        await pilot.press("s")  # sorting is the list's
        await settle(pilot)
        assert "works in the article list" in _status(main)
        await pilot.press("z")  # bound nowhere
        await settle(pilot)
        assert _status(main).startswith("z does nothing here")


async def test_a_repeated_message_is_shown_once(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        for _ in range(5):
            await pilot.press("n")  # nothing to step through
        await settle(pilot)
        assert len(app.live_notices()) == 1
        assert len(app._notifications) == 1


async def test_a_toast_about_the_bookmarks_screen_leaves_with_it(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.focused, Reader))
        await pilot.press("right_parenthesis", "b")
        await settle(pilot)
        await pilot.press("enter")  # save with no note
        await settle(pilot)
        await pilot.press("B")
        await wait_for(pilot, lambda: isinstance(app.screen, BookmarksScreen))
        screen = app.screen
        await wait_for(pilot, lambda: len(screen.shown) == 1)
        await pilot.press("down", "d")
        await wait_for(pilot, lambda: not screen.shown)
        await settle(pilot)
        assert any("undo" in text for text in app.live_notices())
        await pilot.press("u")
        await wait_for(pilot, lambda: len(screen.shown) == 1)
        await settle(pilot)
        # The undo message replaced the delete message rather than stacking under it.
        assert [t for t in app.live_notices() if "Bookmark" in t or "undo" in t] == [
            "Bookmark restored."
        ]
        await pilot.press("d")
        await wait_for(pilot, lambda: not screen.shown)
        await settle(pilot)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is main)
        await settle(pilot)
        assert not any("undo" in text for text in app.live_notices())
        assert not any("undo" in n.message for n in app._notifications)


# -- the article list: room for titles, the source shown, a preview as the cursor moves --


async def test_the_list_gives_titles_the_width_and_shows_the_source_at_120_columns(
    app,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        table = main.article_list
        assert table.two_line
        width = table.scrollable_content_region.width
        rows = ["".join(seg.text for seg in table.render_line(y)).rstrip() for y in range(1, 11)]
        titles, metas = rows[0::2], rows[1::2]
        # Each title has the whole row: nothing else shares its line.
        longest = max(table.articles, key=lambda a: len(a.title))
        shown = next(t for t in titles if t.strip().startswith(longest.title[:20]))
        assert len(shown.strip()) >= min(len(longest.title), width - 6)
        # Source and date go on the line under the title.
        for article, meta in zip(table.articles, metas, strict=True):
            for value in (article.source, article.date):
                if value:
                    assert value in meta
        assert any(a.source for a in table.articles)
        header = "".join(seg.text for seg in table.render_line(0))
        assert "Title" in header and "Source" in header and "Date" in header


async def test_a_narrow_terminal_lists_one_line_rows_with_a_source_column(app) -> None:
    async with app.run_test(size=(90, 30)) as pilot:
        main = await ready(pilot)
        table = main.article_list
        assert not table.two_line
        assert any(a.source for a in table.articles)
        row = next(i for i, a in enumerate(table.articles) if a.source)
        assert table.articles[row].source in table.cells(row)[2]


async def test_moving_the_cursor_previews_the_article_and_keeps_the_focus(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        table = main.article_list
        first = main.article.id
        await pilot.press("j")
        second = table.articles[1].id
        await wait_for(pilot, lambda: main.article is not None and main.article.id == second)
        assert app.focused is table
        assert table.current_id == second
        assert first != second
        # Holding j does not load every article it passes: only where the cursor rests.
        loads: list = []
        original = app.load_article

        def counting(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            loads.append(args[1])
            return original(*args, **kwargs)

        app.load_article = counting
        for _ in range(3):
            table.action_cursor_down()
        await wait_for(pilot, lambda: main.article.id == table.articles[4].id)
        assert loads == [table.articles[4].id]


async def test_clicking_the_source_name_in_the_header_sorts_by_source(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        table = main.article_list
        header = "".join(seg.text for seg in table.render_line(0))
        x = header.index("Source")
        await pilot.click(table, offset=(x + 1 + table.gutter.left, 1))
        await settle(pilot)
        assert table.sort_column == "source"


# -- the folder is watched while the app runs ------------------------------------------


async def test_a_file_added_while_the_app_runs_is_listed_and_searchable(seeds_copy: Path) -> None:
    from tests.conftest import write_article

    app = make_app(seeds_copy)
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        opened = main.article.id
        write_article(
            seeds_copy, "late/arrival.txt", "A late arrival about zeppelins", "Zeppelins over Lyon."
        )
        await wait_for(pilot, lambda: len(main.article_list.articles) == 6, timeout=20)
        await wait_for(pilot, lambda: app.index_ready, timeout=20)
        assert main.article.id == opened  # the reader keeps what it showed
        assert "1 new" in _status(main) or app.library.search("zeppelins").hits
        result = app.library.search("zeppelins")
        assert [h.title for h in result.hits] == ["A late arrival about zeppelins"]
        (seeds_copy / "late" / "arrival.txt").unlink()
        await wait_for(pilot, lambda: len(main.article_list.articles) == 5, timeout=20)
        await wait_for(pilot, lambda: not app.library.search("zeppelins").hits, timeout=20)
    # The app waited for its watcher at its end: nothing of it runs on in this process.
    import threading

    assert app.watchers
    assert [t.name for t in threading.enumerate() if t.name == "dossier-watch"] == []


async def test_the_open_article_edited_in_its_file_shows_as_it_is_now(seeds_copy: Path) -> None:
    """An article edited while it is open: the list took the new title, but the reader
    kept the text as first read, its entities' places too, and nothing said so (a quote
    or a bookmark was taken from text no longer in the file). It shows the file as it
    is now, where the reader was, and the status line says why the text moved."""
    from tui.app.screens.reading import EDITED_NOTE

    # The article edited: a file whose first line is its title (the edit below puts
    # "(updated)" after it); the session's first article is whichever the app showed.
    edited = "001_831a683028b2dccb.txt"
    app = make_app(seeds_copy)
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        reader, table = main.reader, main.article_list
        await pilot.press("g")  # from the top, down the list to it, as a user would
        for _ in range(len(table.articles)):
            if table.articles[table.cursor].path == edited:
                break
            await pilot.press("j")
        await pilot.press("enter")
        await wait_for(pilot, lambda: main.article.path == edited, what="the edited file's article")
        opened = main.article
        reader.scroll_to(y=6, animate=False, immediate=True)
        await pilot.pause()
        path = seeds_copy / opened.path
        title, rest = path.read_text(encoding="utf-8").split("\n", 1)
        added = "Editor's note: zeppelins were seen over Lyon on Monday."
        path.write_text(f"{title} (updated)\n\n{added}\n{rest}", encoding="utf-8")
        await wait_for(pilot, lambda: added in main.article.body, timeout=20, what="new text")
        await settle(pilot)
        assert main.article.id == opened.id
        assert main.article.title == f"{opened.title} (updated)"
        assert added in reader.text
        assert reader.scroll_y == 6  # where the reader was
        assert EDITED_NOTE in _status(main)
        # Its entities are those of the text now: each mention's span names it there.
        body = main.article.body
        assert reader.mentions
        assert all(body[m.start : m.end] == m.text for m in reader.mentions)


async def test_an_index_update_leaves_an_unchanged_open_article_as_it_was(
    seeds_copy: Path,
) -> None:
    """Another file changed: the open one, read again, is the same, and nothing moves
    (no new layout, no note in the status line)."""
    from tests.conftest import write_article
    from tui.app.screens.reading import EDITED_NOTE

    app = make_app(seeds_copy)
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        shown = main.article
        write_article(seeds_copy, "late.txt", "A late arrival about zeppelins", "Over Lyon.")
        await wait_for(pilot, lambda: len(main.article_list.articles) == 6, timeout=20)
        await wait_for(pilot, lambda: app.index_ready, timeout=20)
        await settle(pilot)
        assert main.article is shown
        assert EDITED_NOTE not in _status(main)


async def test_the_open_article_removed_from_the_folder_is_not_read_again(
    seeds_copy: Path,
) -> None:
    """After an index update the open article is read again (its file may have been
    edited): a file removed was read too, and its worker failed (NoSuchArticle). The
    status line says the open article left the folder; the reader keeps it."""
    app = make_app(seeds_copy)
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        opened = main.article
        (seeds_copy / opened.path).unlink()
        await wait_for(pilot, lambda: len(main.article_list.articles) == 4, timeout=20)
        await wait_for(pilot, lambda: app.index_ready, timeout=20)
        await settle(pilot)  # raises WorkerFailed for a worker that failed
        assert main.article is opened
        assert "the open article left the folder" in _status(main)


async def test_the_open_article_removed_is_no_error_when_its_shared_passages_are_marked(
    seeds_copy: Path,
) -> None:
    """After the update that followed the open article's file being removed, the
    reader's shared passages were looked up again, and a toast said "Could not mark
    the shared passages: no article '…' in … (give an id or a file path)" (seen with
    tuidrive: the lookup comes a moment after the update); ``w`` then said "Could not
    find where the passage appears: ..." the same way."""
    from tests.app_helpers import Messages

    messages = Messages()
    app = make_app(seeds_copy)
    async with app.run_test(size=SIZE, message_hook=messages) as pilot:
        main = await ready(pilot)
        opened = main.article
        (seeds_copy / opened.path).unlink()
        await wait_for(pilot, lambda: len(main.article_list.articles) == 4, timeout=20)
        await wait_for(pilot, lambda: app.index_ready, timeout=20)
        await wait_for(pilot, lambda: main.across.settled, timeout=20, what="the lookup")
        await settle(pilot)
        assert main.article is opened
        await pilot.press("w")  # where else its passage is: not looked up, and said why
        await settle(pilot)
        assert "file left the folder" in _status(main)
        assert not [t for t in messages.toasts() if "Could not" in t], messages.toasts()


async def test_the_index_found_damaged_by_the_shared_passages_lookup_is_rebuilt(
    seeds_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """37fc211 took any LibraryError of the reader's shared-passage lookup for "no
    marks", IndexDamaged too: the lookup marked the index damaged and nothing rebuilt
    it, and the next search said "the index needs to be built again: run `dossier
    index`" (tests/test_app_search.py's damaged index, at a low load)."""
    from tests.app_helpers import Messages
    from tui.library import IndexDamaged

    messages = Messages()
    app = make_app(seeds_copy)
    async with app.run_test(size=SIZE, message_hook=messages) as pilot:
        main = await ready(pilot)
        await wait_for(pilot, lambda: main.across.settled, timeout=20, what="the marks")

        def damaged(*args: object, **kwargs: object) -> None:
            raise IndexDamaged("the search index is damaged (a test)")

        monkeypatch.setattr(app.library, "passages", damaged)
        main.across.index_ready()  # the marks looked up again
        await wait_for(
            pilot,
            lambda: any("damaged" in t for t in messages.toasts()),
            timeout=20,
            what="the damage said (and a rebuild begun)",
        )


def test_the_watcher_calls_back_once_per_burst_and_stops(tmp_path: Path) -> None:
    import threading
    from functools import partial

    from tui.watch import watch_corpus

    for polling in (False, True):
        folder = tmp_path / ("poll" if polling else "notify")
        folder.mkdir()
        stop = threading.Event()
        calls: list[int] = []
        thread = threading.Thread(
            target=watch_corpus,
            args=(folder, stop, partial(calls.append, 1)),  # this burst's list, bound now
            kwargs={"debounce_ms": 200, "poll_seconds": 0.2, "polling": polling},
        )
        thread.start()
        try:
            import time

            time.sleep(0.5)
            (folder / "notes.bin").write_bytes(b"x")  # not an article: no call
            (folder / ".hidden.txt").write_text("x")
            time.sleep(0.8)
            assert calls == []
            for n in range(5):
                (folder / f"a{n}.txt").write_text("Title\n\nBody.\n")
            deadline = time.monotonic() + 10
            while not calls and time.monotonic() < deadline:
                time.sleep(0.05)
            assert calls, "no call after five new articles"
            time.sleep(0.8)
            assert len(calls) <= 2  # one burst, not one call per file
        finally:
            stop.set()
            thread.join(timeout=10)
        assert not thread.is_alive()


# -- the raw view dims what cleaning removed; c marks a line as cruft, or restores it --

#: A line of cruft that only the user can know (the cleaner keeps it): marked with c.
CRUFT = "Follow our harbour coverage on the Gazette app"

SCRAPED = """Skip to content
  * Home
  * World
  * Business

Harbour talks resume in Valmora

Negotiators returned to the harbour city of Valmora on Tuesday for a third round of talks.

The talks had stalled last month after a dispute over shipping lanes, two officials said.

"We are closer than we have been," said the mediator, Anna Berg, who chairs the sessions.

Fishermen in the old port said they hoped the lanes would reopen before the winter.

Follow our harbour coverage on the Gazette app
Privacy Policy
Terms of Use
"""


def _scraped_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "scraped"
    folder.mkdir()
    (folder / "valmora.txt").write_text(SCRAPED, encoding="utf-8")
    return folder


async def test_the_raw_view_dims_removed_lines_and_c_marks_a_line_as_cruft(
    tmp_path: Path,
) -> None:
    from tui.cleaning import source_corrections

    app = make_app(_scraped_folder(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        reader = main.reader
        assert CRUFT in main.article.body
        await pilot.press("enter", "r")
        await wait_for(pilot, lambda: reader.raw)
        kinds = {b.text.strip(): b.kind for b in reader._blocks if b.kind.startswith("raw")}
        assert kinds["Skip to content"] == "raw-cut"
        assert kinds["Privacy Policy"] == "raw-cut"
        assert kinds[CRUFT] == "raw"
        # The removed lines are drawn in their own, faded style.
        cut_style = reader._style("reader--cut")
        drawn = [seg for y in range(reader.size.height) for seg in reader.render_line(y)]
        assert any("Skip to content" in s.text and s.style.color == cut_style.color for s in drawn)
        # ) moves a line cursor through the raw text; c marks its line as cruft.
        for _ in range(40):
            if reader._blocks[reader.raw_line].text == CRUFT:
                break
            await pilot.press("right_parenthesis")
        assert reader._blocks[reader.raw_line].text == CRUFT
        await pilot.press("c")
        await wait_for(pilot, lambda: CRUFT not in main.article.body)
        assert reader.raw  # still in the raw view, the line now faded
        line = reader._blocks[reader.raw_line]
        assert line.text == CRUFT and line.kind == "raw-cut"
        assert "marked as cruft" in _status(main)
        drop, keep = source_corrections("dir:")
        assert drop == (CRUFT,) and keep == ()
        # The index follows: the words are no longer found in that article.
        await wait_for(pilot, lambda: app.index_ready)
        await wait_for(pilot, lambda: not app.library.search('"harbour coverage"').hits)
        # c again on a faded line takes the mark back.
        await pilot.press("c")
        await wait_for(pilot, lambda: CRUFT in main.article.body)
        assert source_corrections("dir:") == ((), ())
        # A line the cleaner removed by itself is restored as article text.
        for _ in range(40):
            if reader._blocks[reader.raw_line].text == "Privacy Policy":
                break
            await pilot.press("right_parenthesis")
        await pilot.press("c")
        await wait_for(pilot, lambda: "Privacy Policy" in main.article.body)
        assert source_corrections("dir:") == ((), ("Privacy Policy",))


async def test_two_lines_marked_one_right_after_the_other_are_both_kept(
    tmp_path: Path,
) -> None:
    """Marking a line wrote boilerplate.yaml in a worker of an exclusive group: a second
    mark asked for before the first one's worker had started (keys typed ahead, as
    ``) c ) c`` fast) cancelled it, and the first line was never written."""
    from tui.cleaning import source_corrections

    app = make_app(_scraped_folder(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        article = main.article
        first = CRUFT
        second = (
            "Fishermen in the old port said they hoped the lanes would reopen before the winter."
        )
        app.toggle_cruft(main, article, first, False)
        app.toggle_cruft(main, article, second, False)  # the next key, in the same turn
        await settle(pilot)
        drop, _ = source_corrections("dir:")
        assert set(drop) == {first, second}


async def test_tab_moves_between_list_and_reader_at_80_columns(app) -> None:
    """At 80 columns one pane shows at a time and Tab from the list did nothing (the
    focus chain skips the hidden reader): Tab opens the reader, Shift+Tab goes back."""
    async with app.run_test(size=(80, 24)) as pilot:
        main = await ready(pilot)
        listing, reader = main.query_one(ArticleList), main.query_one(Reader)
        assert app.focused is listing and reader.region.width == 0
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is reader
        assert reader.region.width > 0 and listing.region.width == 0
        await pilot.press("shift+tab")
        await pilot.pause()
        assert app.focused is listing and listing.region.width > 0


async def test_tab_goes_from_pane_to_pane_where_both_show(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is main.query_one(Reader)


async def test_a_toast_that_leaves_uncovers_what_it_was_drawn_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 80 columns the first scan's warning toast ("1 skipped ...") stayed on the
    terminal for good: Textual took it off the screen without drawing what it covered,
    so the status bar's "index ready" under it never showed. What the app sends to the
    terminal after the toast's time is up must draw the status bar again."""
    from tests.conftest import write_article

    folder = tmp_path / "news"
    write_article(folder, "talks.txt", "Talks resume", "Talks resume in Geneva on Monday.")
    (folder / "gone.txt").symlink_to(folder / "nowhere.txt")
    app = make_app(folder)
    frames: list[tuple[float, str]] = []
    display = app._display  # noqa: SLF001 - what reaches the terminal

    def recording(screen, update) -> None:  # noqa: ANN001
        if update is not None:
            text = "".join(update.render_segments(app.console))
            frames.append((loop.time(), text))
        display(screen, update)

    monkeypatch.setattr(app, "_display", recording)
    import asyncio

    loop = asyncio.get_running_loop()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await wait_for(pilot, lambda: any("skipped" in n for n in app.live_notices()))
        await wait_for(
            pilot, lambda: not app.live_notices(), timeout=15, what="the toast to expire"
        )
        gone = loop.time()
        await pilot.pause(1.5)
        after = [text for at, text in frames if at >= gone]
        assert any("index ready" in text for text in after), [t[-300:] for t in after]


async def test_a_toast_on_the_main_screen_leaves_the_status_line_uncovered(app) -> None:
    """A toast was drawn over the status line, all but its last two columns: "y" of
    "index ready" showed beside it, and what the reader was on ("3/4 in this article")
    was hidden while the toast stayed. Toasts stand above it."""
    from textual.widgets._toast import Toast

    async with app.run_test(size=SIZE, notifications=True) as pilot:
        main = await ready(pilot)
        app.notify("Nothing to step through: / searches every article.", markup=False)
        await wait_for(pilot, lambda: bool(main.query(Toast)), what="a toast")
        await pilot.pause()
        toast = main.query(Toast).last()
        status = main.status
        assert toast.region.height and status.region.height
        assert toast.region.bottom <= status.region.y, (toast.region, status.region)


async def test_a_status_message_too_long_for_80_columns_ends_in_an_ellipsis(app) -> None:
    """At 80 columns the filter's remark ("0 of 5 articles: ... F changes the filter; an
    empty one shows them all.") was cut where the line ran out, mid-sentence and right
    against "index ready": it read "... an empty index ready". A message cut short must
    say so (…) and keep a space before the info on the right."""
    from textual.geometry import Region

    async with app.run_test(size=(80, 24)) as pilot:
        main = await ready(pilot)
        await pilot.press("F")
        await wait_for(pilot, lambda: isinstance(app.focused, Input), what="the filter's field")
        await pilot.press(*"Reuters", "enter")
        await wait_for(pilot, lambda: "changes the filter" in _status(main), what="the remark")
        await pilot.pause()
        label = main.query_one("#status-message", Label)
        info = main.query_one("#status-info", Label)
        width = label.size.width
        drawn = "".join(s.text for s in label.render_lines(Region(0, 0, width, 1))[0])
        assert len(_status(main)) > width, "the remark fits: the test shows nothing"
        assert drawn.rstrip().endswith("…"), drawn
        # (the remark is a hint: the info steps aside while it shows, else a space is kept)
        assert not info.region.width or label.region.right < info.region.x, (
            label.region,
            info.region,
        )
