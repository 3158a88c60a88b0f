"""Where the reader is in an article: kept when the terminal is resized (the text wraps
anew) and when the app is quit and started again (tui.library.session)."""

from __future__ import annotations

from pathlib import Path

from tests.app_helpers import SIZE, make_app, ready, settle
from tui.app.screens.main import MainScreen
from tui.library.session import NAME, Session, read_session, write_session


def _top_offset(screen: MainScreen) -> int:
    """The body offset of the first row of text in the reader's view."""
    reader = screen.reader
    top = round(reader.scroll_y)
    return next(line.start for line in reader.lines[top:] if line.start >= 0)


async def test_a_resize_keeps_the_reader_on_the_same_text(
    seeds_copy: Path, hermetic_dirs: Path
) -> None:
    app = make_app(seeds_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen.reader.scroll_to(y=12, animate=False, immediate=True)
        await pilot.pause()
        before = _top_offset(screen)

        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        await pilot.pause()

        # The text that was at the top is on the top row (wrapped anew, its row may
        # begin a few words earlier).
        assert screen.reader.line_of(before) == round(screen.reader.scroll_y) > 0


async def _read_and_quit(corpus: Path, size: tuple[int, int]) -> int:
    """Open the first article (Enter), scroll its text down, quit: the offset at the top."""
    app = make_app(corpus)
    async with app.run_test(size=size) as pilot:
        screen = await ready(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.focused is screen.reader
        screen.reader.scroll_to(y=12, animate=False, immediate=True)
        await pilot.pause()
        at = _top_offset(screen)
        assert at > 0
    return at


async def test_a_new_start_reopens_the_article_where_the_user_was_reading(
    seeds_copy: Path, hermetic_dirs: Path
) -> None:
    """The article came back at its top with the focus in the list: at 80 columns the
    list alone, the text the user was reading a few pages away."""
    at = await _read_and_quit(seeds_copy, SIZE)
    app = make_app(seeds_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.pause()
        assert _top_offset(screen) == at
        assert screen.focused is screen.reader
        await pilot.press("escape")  # back to the list, quit there: the list next time
        await pilot.pause()
    app = make_app(seeds_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert screen.focused is screen.article_list
        assert _top_offset(screen) == at


def _long_articles(folder: Path) -> Path:
    """Invented articles, each several screens long."""
    folder.mkdir()
    for number in range(1, 7):
        paragraphs = [
            f"Paragraph {k} of report {number}: the harbour council met on the pier at "
            f"dawn and counted the boats that came back before the tide turned."
            for k in range(1, 31)
        ]
        text = f"Harbour report number {number}\n\n" + "\n\n".join(paragraphs) + "\n"
        (folder / f"report-{number}.txt").write_text(text, encoding="utf-8")
    return folder


async def test_at_80_columns_a_new_start_shows_the_reader_the_user_left(
    tmp_path: Path, hermetic_dirs: Path
) -> None:
    """Below 80 columns only one pane shows: the reader, out of sight while the list
    shows, could not take the focus (it was lost: neither pane had it)."""
    corpus = _long_articles(tmp_path / "harbour")
    at = await _read_and_quit(corpus, (80, 24))
    app = make_app(corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        await pilot.pause()
        for _ in range(5):  # (the focus given at the mount is deferred)
            await pilot.pause()
        assert screen.focused is screen.reader
        assert screen.reader.region.width > 60 and screen.article_list.region.width == 0
        assert _top_offset(screen) == at


def test_the_place_in_the_article_is_kept_and_read_back(tmp_path: Path) -> None:
    assert write_session(tmp_path, Session("a1", "title", None, 420, True))
    assert read_session(tmp_path) == Session("a1", "title", None, 420, True)
    for damaged in ('"at": -3', '"at": "12"', '"at": true', '"at": 1.5'):
        (tmp_path / NAME).write_text('{"article": "a1", ' + damaged + ', "reading": 1}')
        assert read_session(tmp_path) == Session("a1")  # no place, not reading
