"""Corrections of an article's title, date, source and byline (tui.bookmarks.corrections)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tui.articles import Article
from tui.bookmarks import SCHEMA_VERSION, BookmarkStore, Correction, CorrectionError, migrate


def test_set_change_and_clear(tmp_path: Path) -> None:
    store = BookmarkStore(tmp_path / "b.sqlite3")
    corrections = store.corrections
    assert corrections.all() == {} and not store.path.exists()  # reading creates nothing
    got = corrections.set("a1", title="  The real   headline ", date="20 November 2019")
    assert got is not None and got.title == "The real headline" and got.date == "2019-11-20"
    corrections.set("a1", source="Courier")  # the others stay
    assert corrections.get("a1").values() == {  # type: ignore[union-attr]
        "title": "The real headline",
        "date": "2019-11-20",
        "source": "Courier",
    }
    assert corrections.set("a1", title="", date=None) is not None  # cleared, source kept
    assert corrections.get("a1").values() == {"source": "Courier"}  # type: ignore[union-attr]
    assert corrections.set("a1", source=" ") is None  # nothing left: no row
    assert corrections.all() == {}
    corrections.set("a2", byline="Jo Smith")
    corrections.clear("a2")
    assert corrections.get("a2") is None


def test_bad_values_are_refused(tmp_path: Path) -> None:
    corrections = BookmarkStore(tmp_path / "b.sqlite3").corrections
    with pytest.raises(CorrectionError, match="not a date"):
        corrections.set("a1", date="soon")
    with pytest.raises(CorrectionError, match="cannot correct 'body'"):
        corrections.set("a1", body="x")
    assert corrections.all() == {}


def test_apply_and_stamp() -> None:
    article = Article("a1", "x.txt", "Sections", "Body.", "raw", source=None, date=None)
    fixed = Correction("a1", title="Pier closed", date="2019-11-20").apply(article)
    assert (fixed.title, fixed.date, fixed.body, fixed.source) == (
        "Pier closed",
        "2019-11-20",
        "Body.",
        None,
    )
    assert Correction("a1").stamp == "" and Correction("a1").apply(article) is article
    assert Correction("a1", title="A").stamp != Correction("a1", title="B").stamp


def test_a_version_3_file_is_upgraded_with_its_bookmarks(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, target=3)
    conn.execute(
        "INSERT INTO bookmarks (id, article_id, article_path, article_title, quote, start, "
        "\"end\", created, updated) VALUES ('b1', 'a1', 'x.txt', 'T', 'q', 0, 1, 'c', 'u')"
    )
    conn.close()
    store = BookmarkStore(path)
    store.corrections.set("a1", title="Fixed")
    assert store.schema_version() == SCHEMA_VERSION  # upgraded to the newest (5: searches)
    assert [b.id for b in store.all()] == ["b1"]
    assert store.corrections.get("a1").title == "Fixed"  # type: ignore[union-attr]
