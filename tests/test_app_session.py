"""Quitting and starting again: the app opens the article the user left, in the order the
list was in (tui.library.session, kept in the corpus's data folder)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.app_helpers import SIZE, Messages, drawn_rows, make_app, ready, wait_for
from tests.test_search_facets import RECORDS, write_corpus
from tui.app import messages as m
from tui.app.widgets.reader import Reader
from tui.articles import Article
from tui.library import Library, derived, head
from tui.library.session import NAME, Session, read_session, resume_head, write_session


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # Two first rows kept beside the index: an article further down is not among them.
    monkeypatch.setattr(head, "ROWS", 2)
    folder = tmp_path / "news"
    write_corpus(folder, RECORDS)
    return folder


async def _leave_on(corpus: Path, row: int, *, sort: bool) -> str:
    """Start the app, sort by title (``sort``), move down to ``row``, quit: the id there."""
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        if sort:
            await pilot.press("s")
            assert main.article_list.sort_column == "title"
        await pilot.press("g", *["j"] * row)  # the sort kept the cursor on the open article
        listed = main.article_list
        await wait_for(
            pilot,
            lambda: listed.cursor == row and main.article_id == listed.highlighted_id,
            what=f"row {row} open",
        )
        left_on = main.article_id
        assert left_on is not None and left_on != listed.articles[0].id
    return left_on


async def _started(
    corpus: Path, messages: Messages | None = None
) -> tuple[str | None, str | None, str]:
    """A new start: the article open, the one under the cursor, the list's order. On a
    terminal too short for the list the cursor's row is scrolled into sight."""
    app = make_app(corpus)
    async with app.run_test(size=(120, 10), message_hook=messages) as pilot:
        main = await ready(pilot)
        listed = main.article_list
        await wait_for(
            pilot,
            lambda: any("▶" in text for text, _ in drawn_rows(listed)),
            what="the cursor's row in sight",
        )
        return main.article_id, listed.highlighted_id, listed.sort_column


async def test_a_new_start_opens_the_article_and_the_order_the_user_left(corpus: Path) -> None:
    left_on = await _leave_on(corpus, 3, sort=True)
    assert await _started(corpus) == (left_on, left_on, "title")


async def test_the_article_left_comes_back_when_it_is_not_among_the_first_rows(
    corpus: Path,
) -> None:
    """By date the first rows kept beside the index start the app; the article left
    further down opens once the folder is read."""
    left_on = await _leave_on(corpus, 3, sort=False)
    Library.open(corpus).update_index(workers=1)  # the first rows are kept again
    assert await _started(corpus) == (left_on, left_on, "date")


async def test_the_session_is_kept_while_the_app_runs_not_only_when_it_closes(
    corpus: Path,
) -> None:
    """A terminal closed under the app (its window, a tmux session killed: SIGHUP) ends
    it without its unmount, where the session was written: the next start opened the
    first article in the list's first order, not where the user left it."""
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        await pilot.press("s", "g", "j", "j")
        listed = main.article_list
        await wait_for(
            pilot, lambda: listed.cursor == 2 and main.article_id == listed.highlighted_id
        )
        left_on = main.article_id
        data = app.library.paths.data
        await wait_for(
            pilot,
            lambda: (read_session(data).article, read_session(data).sort) == (left_on, "title"),
            timeout=15,
            what="the session kept while the app runs",
        )


async def _shown_at_start(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, messages: Messages | None = None
) -> list[str]:
    """Every article the reader shows in a new start, in order, until it is ready."""
    shown: list[str] = []
    show = Reader.show

    def recorded(reader: Reader, article: Article, **kwargs: Any) -> None:
        shown.append(article.id)
        show(reader, article, **kwargs)

    monkeypatch.setattr(Reader, "show", recorded)
    assert (await _started(corpus, messages))[0] == (shown[-1] if shown else None)
    return shown


async def test_the_article_left_further_down_shows_first_from_the_entries(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not among the first rows, the article left opens from the entries kept beside
    the index, before the folder is read: the first row's article never shows."""
    left_on = await _leave_on(corpus, 3, sort=False)
    Library.open(corpus).update_index(workers=1)  # the first rows are kept again
    messages = Messages()
    assert await _shown_at_start(corpus, monkeypatch, messages) == [left_on]
    (first_look,) = messages.of(m.HeadLoaded)
    assert first_look.head is not None and left_on not in {r.id for r in first_look.head.rows}
    assert first_look.first is not None and first_look.first.id == left_on


async def test_without_the_entries_the_reader_waits_for_the_article_left(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The entries beside the index gone: the first rows still start the app, and the
    reader shows nothing until the folder is read, then the article left (not the first
    row's article first)."""
    left_on = await _leave_on(corpus, 3, sort=False)
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    (lib.paths.index / derived.ENTRIES_NAME).unlink()
    messages = Messages()
    assert await _shown_at_start(corpus, monkeypatch, messages) == [left_on]
    (first_look,) = messages.of(m.HeadLoaded)
    assert first_look.head is not None and first_look.first is None


def test_a_session_is_read_back_and_a_damaged_one_is_none(tmp_path: Path) -> None:
    assert not write_session(tmp_path / "missing", Session("a1", "title"))  # no folder made
    assert not (tmp_path / "missing").exists()
    assert write_session(tmp_path, Session("a1", "title"))
    assert read_session(tmp_path) == Session("a1", "title")
    (tmp_path / NAME).write_text('{"article": 3, "sort": "colour"}', encoding="utf-8")
    assert read_session(tmp_path) == Session(None, None)
    (tmp_path / NAME).write_text("{not json", encoding="utf-8")
    assert read_session(tmp_path) == Session()
    # under the size bound, deeper than Python's parser recurses: RecursionError
    (tmp_path / NAME).write_text("[" * 4000, encoding="utf-8")
    assert read_session(tmp_path) == Session()
    assert list(tmp_path.iterdir()) == [tmp_path / NAME]  # no temporary file left


def test_a_session_file_that_is_not_text_is_written_over(tmp_path: Path) -> None:
    # Written while the app runs (a timer on the UI thread) and as it closes: a damaged
    # file (bytes that are not UTF-8) raised UnicodeDecodeError there, out of the app.
    (tmp_path / NAME).write_bytes(b"\xff\xfe{")
    assert write_session(tmp_path, Session("a1", "title"))
    assert read_session(tmp_path) == Session("a1", "title")


def test_the_first_rows_start_the_app_only_in_the_order_left() -> None:
    from tui.library import ArticleSummary

    rows = [ArticleSummary(i, f"{i}.txt", i, None, "2016-02-01", None) for i in ("a", "b")]
    first = head.Head(rows, 5, "date", {"date": True, "source": False}, {}, {})
    assert resume_head(first, Session("b", "date")) == (first, "b")
    assert resume_head(first, Session("z", None)) == (first, "a")  # not among them: the first
    assert resume_head(first, Session("b", "title")) == (None, None)  # another order
    assert resume_head(None, Session("b", "date")) == (None, None)
