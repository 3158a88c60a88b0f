"""Quitting and starting again: the app opens the article the user left, in the order the
list was in (tui.library.session, kept in the corpus's data folder)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app_helpers import SIZE, drawn_rows, make_app, ready, wait_for
from tests.test_search_facets import RECORDS, write_corpus
from tui.library import Library, head
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


async def _started(corpus: Path) -> tuple[str | None, str | None, str]:
    """A new start: the article open, the one under the cursor, the list's order. On a
    terminal too short for the list the cursor's row is scrolled into sight."""
    app = make_app(corpus)
    async with app.run_test(size=(120, 10)) as pilot:
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


def test_a_session_is_read_back_and_a_damaged_one_is_none(tmp_path: Path) -> None:
    assert not write_session(tmp_path / "missing", Session("a1", "title"))  # no folder made
    assert not (tmp_path / "missing").exists()
    assert write_session(tmp_path, Session("a1", "title"))
    assert read_session(tmp_path) == Session("a1", "title")
    (tmp_path / NAME).write_text('{"article": 3, "sort": "colour"}', encoding="utf-8")
    assert read_session(tmp_path) == Session(None, None)
    (tmp_path / NAME).write_text("{not json", encoding="utf-8")
    assert read_session(tmp_path) == Session()
    assert list(tmp_path.iterdir()) == [tmp_path / NAME]  # no temporary file left


def test_the_first_rows_start_the_app_only_in_the_order_left() -> None:
    from tui.library import ArticleSummary

    rows = [ArticleSummary(i, f"{i}.txt", i, None, "2016-02-01", None) for i in ("a", "b")]
    first = head.Head(rows, 5, "date", {"date": True, "source": False}, {}, {})
    assert resume_head(first, Session("b", "date")) == (first, "b")
    assert resume_head(first, Session("z", None)) == (first, "a")  # not among them: the first
    assert resume_head(first, Session("b", "title")) == (None, None)  # another order
    assert resume_head(None, Session("b", "date")) == (None, None)
