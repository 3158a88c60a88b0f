"""The bookmark cache: kept between reads, read again only where the store changed."""

from __future__ import annotations

import random
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from tests.test_bookmarks import OTHER, article
from tui.bookmark_cache import BookmarkCache
from tui.bookmarks import SCHEMA_VERSION, BookmarkStore, migrate, sort_bookmarks
from tui.text import sentence_spans


@pytest.fixture
def store(tmp_path: Path) -> BookmarkStore:
    return BookmarkStore(tmp_path / "data" / "bookmarks.sqlite3")


def fresh(store: BookmarkStore) -> list:
    """Every bookmark read from scratch, in the cache's order."""
    return sort_bookmarks(store.all(), "date")


def test_nothing_changed_gives_the_same_list(store: BookmarkStore) -> None:
    cache = BookmarkCache(store)
    assert cache.newest_first is None
    assert cache.refresh() == [] and not store.path.exists()
    store.add_quote(article(), "harbour wall")
    first = cache.refresh()
    assert first == fresh(store) and len(first) == 1
    assert cache.refresh() is first is cache.newest_first
    store.find()  # reading writes nothing
    assert cache.refresh() is first


def test_every_kind_of_write_from_any_copy_shows(store: BookmarkStore) -> None:
    a, o = article(), article(OTHER, "local/bakery.txt")
    other = BookmarkStore(store.path)  # another copy of Dossier on the same file
    b1 = store.add_quote(a, "harbour wall", note="one")
    b2 = other.add_quote(o, "ninety years of loyalty")
    cache = BookmarkCache(store)
    before = cache.refresh()
    assert before == fresh(store)

    def check() -> list:
        nonlocal before
        now = cache.refresh()
        assert now is not before  # a new list whenever anything changed
        assert now == fresh(store)
        before = now
        return now

    other.add_quote(a, "forty homes")
    assert len(check()) == 3
    other.update(b1.id, note="edited elsewhere")
    assert next(b for b in check() if b.id == b1.id).note == "edited elsewhere"
    store.update(b1.id, tags=["x"])  # the note stays, the tags change
    assert next(b for b in check() if b.id == b1.id).tags == ("x",)
    gone = other.delete(b2.id)
    assert b2.id not in {b.id for b in check()}
    store.restore(gone)  # undo: the same id and timestamps again
    assert b2.id in {b.id for b in check()}
    # An import replaces a bookmark by id, with the very same timestamps.
    other.restore_many([replace(store.get(b2.id), note="imported note")])
    assert next(b for b in check() if b.id == b2.id).note == "imported note"
    # Re-anchoring changes offsets and status only.
    store.reanchor({a.id: a})  # the bakery article is gone: orphaned
    assert next(b for b in check() if b.id == b2.id).orphaned
    # A delete and an add between two reads: as many bookmarks as before.
    count = len(before)
    other.delete(b1.id)
    store.add_quote(a, "eighteen months")
    assert len(check()) == count


def test_many_random_writes_from_two_copies(store: BookmarkStore) -> None:
    rng = random.Random(5)
    a = article()
    spans = sentence_spans(a.body)
    copies = [store, BookmarkStore(store.path)]
    cache = BookmarkCache(store)
    for step in range(120):
        writer = rng.choice(copies)
        existing = store.all()
        what = rng.random()
        if what < 0.45 or not existing:
            writer.add(a, *rng.choice(spans), note=f"n{step}")
        elif what < 0.7:
            writer.update(rng.choice(existing).id, note=f"edit {step}")
        elif what < 0.9:
            writer.delete(rng.choice(existing).id)
        else:  # an import: the same ids, perhaps saved at other times
            created = f"2021-0{rng.randint(1, 9)}-01T00:00:00.000Z"
            writer.restore_many(
                [replace(b, note=f"import {step}", created=created) for b in existing[:3]]
            )
        if rng.random() < 0.4:
            assert cache.refresh() == fresh(store)
    assert cache.refresh() == fresh(store)


def test_a_file_replaced_by_another_is_read_again(store: BookmarkStore) -> None:
    store.add_quote(article(), "harbour wall")
    store.add_quote(article(), "forty homes")
    cache = BookmarkCache(store)
    assert len(cache.refresh()) == 2
    for path in store.path.parent.glob(store.path.name + "*"):
        path.unlink()
    store.add_quote(article(), "eighteen months")  # a new file: revisions start again
    store.add_quote(article(), "The council voted")
    assert cache.refresh() == fresh(store)


def test_migration_to_revisions_keeps_bookmarks_and_reads_changes(store: BookmarkStore) -> None:
    store.path.parent.mkdir(parents=True)
    conn = sqlite3.connect(store.path, isolation_level=None)
    assert migrate(conn, target=2) == 2
    # Rows as an older Dossier wrote them (version 2: no revisions yet).
    rows = [row_v2(quote, day) for day, quote in enumerate(("harbour wall", "forty homes"), 1)]
    conn.executemany(f"INSERT INTO bookmarks VALUES ({', '.join('?' * 16)})", rows)
    conn.close()
    cache = BookmarkCache(store)
    assert [b.quote for b in cache.refresh()] == ["forty homes", "harbour wall"]
    # Reading leaves the file as it is (it may be on a read-only disk) ...
    assert store.schema_version() == 2
    store.update(cache.refresh()[1].id, note="after the migration")
    # ... the first write migrates: the revisions came with version 3; later versions keep them
    assert store.schema_version() == SCHEMA_VERSION >= 3
    assert cache.refresh() == fresh(store)
    assert cache.refresh()[1].note == "after the migration"


def row_v2(quote: str, day: int) -> tuple:
    a = article()
    start = a.body.index(quote)
    created = f"2022-01-0{day}T00:00:00.000Z"
    return (
        f"6f1c1a52-8a0e-4c43-9d3a-{day:012d}", a.id, a.path, a.title, None, None,
        quote, "", "", start, start + len(quote), "", "[]", created, created, "anchored",
    )  # fmt: skip
