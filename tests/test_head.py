"""The first rows of the article list kept beside the index (tui.library.head): the
app shows them and opens the first article before it has read the folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import write_article
from tests.test_derived import settle
from tui.bookmarks.corrections import Correction
from tui.library import Library, head
from tui.library.catalog import Catalog
from tui.library.ordering import in_order

TITLES = ["Zebra crossing", "'Apple' harvest", "Mango season", "banana prices", "Cherry blossom"]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    for n, title in enumerate(TITLES):
        write_article(folder, f"{'sub/' if n % 2 else ''}{n}.txt", title, f"{title} text here.")
    settle(folder)
    return folder


def built(corpus: Path) -> Library:
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    return lib


def no_listing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(self: Catalog) -> None:
        raise AssertionError("the folder was read")

    monkeypatch.setattr(Catalog, "scan", refused)
    monkeypatch.setattr(Catalog, "load_manifest", refused)


def test_the_first_rows_are_the_lists_in_its_order(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(head, "ROWS", 3)
    built(corpus).close()
    listed = Library.open(corpus).scan().articles
    lib = Library.open(corpus)
    first = lib.head()
    assert first is not None
    assert first.total == len(TITLES)
    assert first.column == "title"  # no article has a date
    expected = in_order(listed, "title")[:3]
    assert [r.title for r in first.rows] == [a.title for a in expected]
    assert [r.title for r in first.rows] == ["'Apple' harvest", "banana prices", "Cherry blossom"]
    assert first.rows == expected


def test_the_first_article_opens_without_reading_the_folder(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built(corpus).close()
    lib = Library.open(corpus)
    first = lib.head()
    assert first is not None
    no_listing(monkeypatch)
    article = lib.article(first.rows[0].id)
    assert article.title == "'Apple' harvest"
    assert "harvest text here" in article.body


def test_no_head_once_the_folder_changed(corpus: Path) -> None:
    built(corpus).close()
    assert Library.open(corpus).head() is not None
    write_article(corpus, "new.txt", "Aardvark news", "A new one.")
    assert Library.open(corpus).head() is None  # not trusted: the folder is read
    settle(corpus)
    lib = built(corpus)
    lib.close()
    first = Library.open(corpus).head()
    assert first is not None
    assert first.rows[0].title == "Aardvark news"
    assert first.total == len(TITLES) + 1


def test_the_head_has_the_users_corrections(corpus: Path) -> None:
    lib = built(corpus)
    target = next(a for a in lib.scan().articles if a.title == "Zebra crossing")
    lib.correct(target.id, title="Aaa corrected")
    lib.update_index(workers=1)
    lib.close()
    first = Library.open(corpus).head()
    assert first is not None
    assert first.rows[0].id == target.id
    assert first.rows[0].title == "Aaa corrected"


def test_no_head_without_an_index(corpus: Path) -> None:
    assert Library.open(corpus).head() is None


def test_reading_bookmarks_keeps_the_head_and_a_new_correction_drops_it(corpus: Path) -> None:
    lib = built(corpus)
    lib.close()
    lib = Library.open(corpus)
    lib.bookmarks.all()  # opens (and so touches) the file the corrections are kept in
    lib.close()
    bookmarks = Library.open(corpus).paths.bookmarks
    if bookmarks.exists():
        os.utime(bookmarks)
    lib = Library.open(corpus)
    assert lib.head() is not None
    # A correction the index does not have yet (made by another process meanwhile).
    target = next(a for a in Library.open(corpus).scan().articles if a.title == "Mango season")
    lib = Library.open(corpus)
    lib.catalog.corrections = lambda: {target.id: Correction(target.id, title="Aaa corrected")}
    assert lib.head() is None  # the list has changed: read it
