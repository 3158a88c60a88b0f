"""The first rows of the article list kept beside the index (tui.library.head): the
app shows them and opens the first article before it has read the folder."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from tests.conftest import write_article
from tests.test_derived import settle
from tui.bookmarks.corrections import Correction
from tui.library import Library, head, upkeep
from tui.library.catalog import Catalog
from tui.library.manifest import Entry
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


def test_an_article_further_down_is_primed_beside_the_first_rows(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app primes the article the user left when it is not among the first rows:
    that one and the first rows' articles then all open without reading the folder."""
    monkeypatch.setattr(head, "ROWS", 2)
    built(corpus).close()
    lib = Library.open(corpus)
    first = lib.head()
    assert first is not None
    listed = {r.id for r in first.rows}
    further = next(a for a in Library.open(corpus).scan().articles if a.id not in listed)
    assert lib.prime_article(further.id) == further.id
    no_listing(monkeypatch)
    assert lib.article(further.id).title == further.title
    assert [lib.article(r.id).title for r in first.rows] == [r.title for r in first.rows]


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


def test_the_head_reads_the_users_corrections_once_not_once_a_row(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(upkeep, "update_head", lambda *args: None)  # made from every entry
    lib = built(corpus)
    target = next(a for a in lib.scan().articles if a.title == "Zebra crossing")
    lib.correct(target.id, title="Aaa corrected")
    read = lib.catalog.corrections
    calls: list[int] = []

    def counted() -> dict[str, Correction]:
        calls.append(1)
        return read()

    lib.catalog.corrections = counted
    write_article(corpus, "new.txt", "Mango news", "A new one.")
    settle(corpus)
    lib.update_index(workers=1)
    lib.close()
    # (the update's plan and the head's key read them; rows do not, each on its own)
    assert 0 < len(calls) < len(TITLES) + 1, calls
    first = Library.open(corpus).head()
    assert first is not None
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


# -- the head of an update, from the head before it ------------------------------------


def _entry(n: int, rng: random.Random) -> Entry:
    """An entry with a date and a title from small sets, so that rows sort alike."""
    date = rng.choice([None, "2024-01-02", "2024-01-03", "2024-02-01", "2023-12-31"])
    return Entry(
        id=f"id{n}",
        size=n,
        mtime=n,
        hash=f"h{n}",
        title=rng.choice(["Alpha", "beta", "'Gamma'", "delta", "Zeta"]),
        source=rng.choice([None, "Wire", "Daily"]),
        date=date,
        byline=None,
    )


def _no_learned(relpath: str) -> frozenset[str]:
    return frozenset()


def test_a_head_made_from_the_head_before_equals_one_made_from_every_entry(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(head, "ROWS", 7)
    rng = random.Random(13)
    ids = iter(range(10_000))
    made_from_changes = 0
    for _ in range(300):
        entries = {
            f"f{n}.txt": _entry(n, rng) for n in (next(ids) for _ in range(rng.randint(0, 30)))
        }
        previous = head.make_head(entries, lambda s: s, _no_learned)
        now = dict(entries)
        for _ in range(rng.randint(0, 6)):
            what = rng.choice(["add", "add", "edit", "remove", "rename"])
            paths = list(now)
            if what == "add" or not paths:
                n = next(ids)
                now[f"f{n}.txt"] = _entry(n, rng)
            elif what == "edit":
                p = rng.choice(paths)
                now[p] = _entry(int(now[p].id[2:]), rng)
            elif what == "remove":
                del now[rng.choice(paths)]
            else:
                p = rng.choice(paths)
                now[f"r{next(ids)}.txt"] = now.pop(p)
        changed = {p: e for p, e in now.items() if entries.get(p) != e}
        gone = {p: e for p, e in entries.items() if p not in now or p in changed}
        made = head.update_head(previous, now, changed, gone, lambda s: s, _no_learned)
        expected = head.make_head(now, lambda s: s, _no_learned)
        if made is not None:
            made_from_changes += 1
            assert made == expected
        elif not gone and expected["column"] == previous["column"]:
            raise AssertionError("an addition needed every entry")
    assert made_from_changes > 100


def test_an_update_makes_the_head_from_the_one_before(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(head, "ROWS", 3)
    built(corpus).close()
    write_article(corpus, "new/1.txt", "Aardvark news", "A new one.")
    write_article(corpus, "new/2.txt", "Yak news", "Another one.")
    settle(corpus)

    def refused(*args: object) -> None:
        raise AssertionError("every entry summarised for an addition")

    monkeypatch.setattr(upkeep, "make_head", refused)
    lib = built(corpus)
    lib.close()
    first = Library.open(corpus).head()
    assert first is not None
    listed = Library.open(corpus).scan().articles
    assert first.rows == in_order(listed, "title")[:3]
    assert first.total == len(TITLES) + 2
    assert first.rows[0].title == "Aardvark news"
