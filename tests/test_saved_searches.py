"""Search history and saved searches, kept beside the bookmarks (issue 14)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import write_article
from tui.bookmarks import BookmarkStore, SavedSearchError, migrate, searches
from tui.bookmarks.searches import HISTORY_LIMIT
from tui.commands import main
from tui.library import Library, QueryError


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    write_article(folder, "a.txt", "Harbour talks", "A ceasefire was agreed at the harbour.")
    write_article(folder, "b.txt", "Grain prices", "Farmers said grain prices had collapsed.")
    return folder


@pytest.fixture
def lib(corpus: Path) -> Library:
    library = Library.open(corpus)
    library.update_index(workers=1)
    return library


def test_history_keeps_queries_newest_last_without_repeats(tmp_path: Path) -> None:
    store = BookmarkStore(tmp_path / "b.sqlite3")
    assert store.history.queries() == []
    for q in ("ceasefire", "grain", "  ceasefire  ", "", "harbour"):
        store.history.add(q)
    assert store.history.queries() == ["grain", "ceasefire", "harbour"]
    again = BookmarkStore(tmp_path / "b.sqlite3")  # another copy of the app, or later
    assert again.history.queries(limit=2) == ["ceasefire", "harbour"]


def test_history_forgets_the_oldest_beyond_its_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A limit of 20 for the test: each add is a transaction synced to disk, and 505
    # of them (the real limit's worth) took 5-14 s; the trimming is the same code.
    assert HISTORY_LIMIT >= 100  # what the user gets
    limit = 20
    monkeypatch.setattr(searches, "HISTORY_LIMIT", limit)
    store = BookmarkStore(tmp_path / "b.sqlite3")
    for n in range(limit + 5):
        store.history.add(f"q{n}")
    queries = store.history.queries(limit=limit + 5)
    assert len(queries) == limit and queries[0] == "q5" and queries[-1] == f"q{n}"


def test_a_version_4_file_gains_the_tables_and_keeps_its_bookmarks(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, target=4)
    conn.execute(
        "INSERT INTO bookmarks (id, article_id, article_path, article_title, quote, start, "
        "\"end\", created, updated) VALUES ('b1', 'a1', 'x.txt', 'T', 'q', 0, 1, 'c', 'u')"
    )
    conn.close()
    store = BookmarkStore(path)
    # Read without being migrated (reading needs no write access): nothing saved yet.
    assert store.history.queries() == [] and store.searches.all() == []
    assert store.schema_version() == 4
    store.history.add("ceasefire")
    assert store.schema_version() == 5
    assert [b.id for b in store.all()] == ["b1"]
    assert store.history.queries() == ["ceasefire"]


def test_a_saved_search_counts_what_is_new_since_it_was_opened(lib: Library, corpus: Path) -> None:
    saved, replaced = lib.save_search("Truce", "ceasefire OR truce")
    assert not replaced and saved.seen_count == 1
    status = lib.saved_search_status(saved)
    assert (status.count, status.new) == (1, 0)
    write_article(corpus, "c.txt", "Truce holds", "The truce held overnight.")
    write_article(corpus, "d.txt", "Ceasefire talks", "Ceasefire talks resumed.")
    lib.update_index(workers=1)
    [saved] = lib.saved_searches()
    status = lib.saved_search_status(saved)
    assert (status.count, status.new) == (3, 2)
    lib.open_saved_search("truce")  # names match whatever their case
    status = lib.saved_search_status(lib.saved_searches()[0])
    assert (status.count, status.new) == (3, 0)


def test_a_saved_search_s_seen_ids_are_unpacked_once_per_change(
    lib: Library, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The list of saved searches asks each one's status again and again; the seen ids
    (tens of thousands in a large corpus) are unpacked again only when they change,
    also by another copy of the app."""
    unpacked: list[int] = []
    unpack = searches._unpack
    monkeypatch.setattr(searches, "_unpack", lambda blob: unpacked.append(1) or unpack(blob))
    saved, _ = lib.save_search("Truce", "ceasefire OR truce")
    for _ in range(3):
        assert lib.saved_search_status(saved).new == 0
    assert len(unpacked) == 1
    write_article(corpus, "c.txt", "Truce holds", "The truce held overnight.")
    lib.update_index(workers=1)
    assert lib.saved_search_status(saved).new == 1
    other = Library.open(corpus)  # another copy opens it: nothing is new after
    other.open_saved_search("Truce")
    assert lib.saved_search_status(saved).new == 0
    assert len(unpacked) == 2


def test_saving_under_a_taken_name_replaces_and_bad_input_is_refused(lib: Library) -> None:
    lib.save_search("Talks", "ceasefire")
    saved, replaced = lib.save_search("talks", "grain")
    assert replaced and [s.query for s in lib.saved_searches()] == ["grain"]
    with pytest.raises(QueryError):
        lib.save_search("Broken", '"unclosed')
    with pytest.raises(SavedSearchError):
        lib.save_search("  \n ", "grain")
    with pytest.raises(SavedSearchError):
        lib.save_search("x" * 200, "grain")
    assert lib.remove_saved_search("TALKS") and not lib.remove_saved_search("talks")
    assert lib.saved_searches() == []


def test_a_saved_search_whose_query_no_longer_runs_says_so(lib: Library) -> None:
    lib.bookmarks.searches.save("Old", "colour:red", [])
    [status] = [lib.saved_search_status(s) for s in lib.saved_searches()]
    assert status.error.startswith("unknown field colour") and status.count == 0


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_searches_command(capsys, corpus: Path) -> None:
    c = ("--corpus", str(corpus))
    code, out, err = run(capsys, "searches", "list", *c)
    assert (code, out) == (1, "") and "dossier: no saved searches" in err  # as every "none"
    code, out, _ = run(capsys, "searches", "add", "Truce", "ceasefire", "OR", "truce", *c)
    assert (code, out) == (0, "saved Truce: ceasefire OR truce (1 article)\n")
    write_article(corpus, "c.txt", "Truce holds", "The truce held overnight.")
    code, out, _ = run(capsys, "searches", "list", "--json", *c)
    assert code == 0
    assert [json.loads(line) for line in out.splitlines()] == [
        {"name": "Truce", "query": "ceasefire OR truce", "count": 2, "new": 1}
    ]
    code, out, _ = run(capsys, "searches", "list", *c)
    assert "Truce" in out and "ceasefire OR truce" in out
    code, out, _ = run(capsys, "searches", "run", "truce", "--json", *c)
    assert code == 0 and {json.loads(line)["title"] for line in out.splitlines()} == {
        "Harbour talks",
        "Truce holds",
    }
    code, out, _ = run(capsys, "searches", "list", "--json", *c)
    assert json.loads(out)["new"] == 0  # run: seen
    code, out, err = run(capsys, "searches", "run", "nothing", *c)
    assert code == 2 and err.startswith("dossier: no saved search named 'nothing'")
    code, out, err = run(capsys, "searches", "add", "Bad", '"unclosed', *c)
    assert code == 2 and "unclosed quote" in err
    code, out, _ = run(capsys, "searches", "rm", "Truce", *c)
    assert code == 0
    code, out, err = run(capsys, "searches", "rm", "Truce", *c)
    assert code == 2 and "no saved search" in err
