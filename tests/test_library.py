"""The index and the library against real Whoosh indexes in temporary folders."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import write_article, write_config
from tui.library import Library, LibraryError, QueryError, make_snippet


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    write_article(
        folder,
        "a.txt",
        "Talks on the harbour ceasefire",
        "Negotiators met in Valmora on Monday to discuss a ceasefire along the harbour.",
        "The harbour authority said the safe zone would open at dawn.",
    )
    write_article(
        folder,
        "sub/b.txt",
        "Farmers protest grain prices",
        "Farmers blocked roads near Osterby, saying grain prices had collapsed.",
        "A ceasefire was not on their minds.",
    )
    write_article(folder, "c.md", "# Notes on negotiation", "Negotiating is slow work in Valmora.")
    return folder


@pytest.fixture
def lib(corpus: Path) -> Library:
    library = Library.open(corpus)
    library.update_index(workers=1)
    return library


def ids_for(lib: Library, query: str) -> set[str]:
    return {h.path for h in lib.search(query).hits}


def test_scan_lists_articles_recursively(lib: Library) -> None:
    titles = {a.title for a in lib.scan().articles}
    assert titles == {
        "Talks on the harbour ceasefire",
        "Farmers protest grain prices",
        "Notes on negotiation",
    }


def test_search_ranks_and_marks_matches_in_the_body(lib: Library) -> None:
    result = lib.search("ceasefire")
    assert {h.path for h in result.hits} == {"a.txt", "sub/b.txt"}
    assert result.hits[0].path == "a.txt"  # in the title too
    for hit in result.hits:
        body = lib.article(hit.id).body
        assert hit.matches
        assert all(body[a:b].lower() == "ceasefire" for a, b in hit.matches)
        assert all(hit.snippet[a:b].lower() == "ceasefire" for a, b in hit.snippet_matches)


def test_query_language(lib: Library) -> None:
    assert ids_for(lib, "negotiat*") == {"a.txt", "c.md"}
    assert ids_for(lib, '"safe zone"') == {"a.txt"}
    assert ids_for(lib, '"zone safe"') == set()
    assert ids_for(lib, "ceasefire NOT farmers") == {"a.txt"}
    assert ids_for(lib, "grain OR harbour") == {"a.txt", "sub/b.txt"}
    assert ids_for(lib, "title:farmers") == {"sub/b.txt"}
    assert ids_for(lib, "osterbi~") == {"sub/b.txt"}  # fuzzy
    assert ids_for(lib, "protests") == {"sub/b.txt"}  # stemmed


def test_match_spans_for_prefix_and_fuzzy_queries(lib: Library) -> None:
    article = next(a for a in lib.articles() if a.path == "a.txt")
    body = lib.article(article.id).body
    spans = lib.match_spans("negotiat*", article.id)
    assert [body[a:b] for a, b in spans] == ["Negotiators"]


def test_find_in_article_finds_the_commonest_words(lib: Library) -> None:
    # Every word is indexed now (issue 14): "the" is found from the index itself.
    article = next(a for a in lib.articles() if a.path == "a.txt")
    body = lib.article(article.id).body
    spans = lib.match_spans("the", article.id)
    assert spans and all(body[a:b].lower() == "the" for a, b in spans)
    assert len(spans) == len([w for w in body.replace(".", " ").split() if w.lower() == "the"])
    assert lib.match_spans("title:the", article.id) == []  # in the title, not the body
    assert ids_for(lib, "title:the") == {"a.txt"}
    assert lib.match_spans("zzyzx", article.id) == []


@pytest.mark.parametrize(
    "query, message",
    [
        ('"safe zone', "unclosed quote"),
        ("(ceasefire", "parentheses"),
        ("date:[2016 TO", "unclosed range"),
        ("title:", "needs a word"),
        ("ceasefire AND", "AND at the end"),
        ("colour:red", "unknown field"),
        ("()", "nothing to search for"),
        ("date:[garbage TO x]", "'garbage' is not a date"),
        ("date:99999999", "'99999999' is not a date"),
        ("date:2016-02-30", "is not a date"),
        # `dossier search date:>2016-99` unquoted: the shell takes >2016-99 as a
        # redirection and the query is "date:"; said "needs a word, e.g. date:word"
        ("date:", r"date: needs a date after it, e\.g\. date:2016-02"),
        ("date:> 2016-99", "date:> needs a date right after it"),
        ('date:>"2016-99"', r"a date is written without quotes: date:2016-02"),
        ('date:"2016-02"', "without quotes"),
    ],
)
def test_bad_queries_give_one_line_messages(lib: Library, query: str, message: str) -> None:
    with pytest.raises(QueryError, match=message) as info:
        lib.search(query)
    assert "\n" not in str(info.value)


@pytest.fixture
def dated(tmp_path: Path) -> Library:
    """Articles with a date line under the headline, one without, one from the year before."""
    folder = tmp_path / "dated"
    write_article(folder, "jan.txt", "Talks begin", "January 20, 2016", "The talks began.")
    write_article(folder, "feb.txt", "Ceasefire agreed", "February 11, 2016", "It was agreed.")
    write_article(folder, "mar.txt", "Ceasefire holds", "March 3, 2016", "The ceasefire held.")
    write_article(folder, "dec.txt", "Talks planned", "2015-12-31", "Talks were planned.")
    write_article(folder, "undated.txt", "Talks without a date", "No date anywhere here.")
    library = Library.open(folder)
    library.update_index(workers=1)
    return library


@pytest.mark.parametrize(
    "query, expected",
    [
        ("date:2016", {"jan", "feb", "mar"}),
        ("date:2016-02", {"feb"}),
        ("date:201602", {"feb"}),
        ("date:2016-02-11", {"feb"}),
        ("date:[2016-01-01 TO 2016-03-01]", {"jan", "feb"}),
        ("date:[2016 TO]", {"jan", "feb", "mar"}),
        ("date:[TO 2016-01-31]", {"dec", "jan"}),
        ("date:>20160201", {"feb", "mar"}),
        ("talks date:2015", {"dec"}),
    ],
)
def test_good_date_queries_parse(dated: Library, query: str, expected: set[str]) -> None:
    # Each form in README's query table finds the articles of its dates, and only those.
    assert {h.path.removesuffix(".txt") for h in dated.search(query).hits} == expected


def test_warm_up_needs_the_index_and_changes_no_result(corpus: Path) -> None:
    library = Library.open(corpus)
    with pytest.raises(LibraryError):
        library.warm_up()
    library.update_index(workers=1)
    library.warm_up()
    warm = Library.open(corpus)
    warm.warm_up()
    assert [h.id for h in warm.search("ceasefire").hits] == [
        h.id for h in Library.open(corpus).search("ceasefire").hits
    ]


def test_reopening_an_unchanged_corpus_indexes_nothing(corpus: Path, lib: Library) -> None:
    again = Library.open(corpus)
    report = again.update_index()
    assert (report.added, report.changed, report.removed) == (0, 0, 0)
    assert again.index.doc_count() == 3


def test_incremental_add_change_delete(corpus: Path, lib: Library) -> None:
    write_article(corpus, "d.txt", "Bridge reopens", "The Osterby bridge reopened today.")
    os.remove(corpus / "c.md")
    path = corpus / "a.txt"
    path.write_text(path.read_text() + "\nA lighthouse keeper watched.\n")
    report = Library.open(corpus).update_index()
    assert (report.added, report.changed, report.removed) == (1, 1, 1)
    fresh = Library.open(corpus)
    fresh.update_index()
    assert fresh.index.doc_count() == 3
    assert ids_for(fresh, "lighthouse") == {"a.txt"}
    assert ids_for(fresh, "bridge") == {"d.txt"}
    assert ids_for(fresh, "valmora") == {"a.txt"}  # c.md is gone


def test_ids_are_stable_and_survive_renames(corpus: Path, lib: Library) -> None:
    before = {a.path: a.id for a in lib.articles()}
    write_article(corpus, "zzz-unrelated.txt", "Unrelated", "Nothing to see.")
    shutil.move(corpus / "sub" / "b.txt", corpus / "farmers.txt")
    again = Library.open(corpus)
    again.update_index()
    after = {a.path: a.id for a in again.articles()}
    assert after["a.txt"] == before["a.txt"]
    assert after["farmers.txt"] == before["sub/b.txt"]  # content unchanged: same id
    assert ids_for(again, "grain") == {"farmers.txt"}


def test_bad_files_warn_and_the_rest_loads(corpus: Path) -> None:
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "latin1.txt").write_bytes(
        "Prices in \xa3\n\nThe cost rose to \xa3300 in Valmora.".encode("latin-1")
    )
    with open(corpus / "huge.txt", "wb") as fh:  # 50 MB, sparse
        fh.truncate(50 * 1024 * 1024)
    lib = Library.open(corpus)
    scan = lib.scan()
    warnings = "\n".join(scan.warnings)
    assert "binary.txt: skipped: not a text file" in warnings
    assert "empty.txt: skipped: the file is empty" in warnings
    assert "huge.txt: skipped: 50.0 MB is too large" in warnings
    assert all("\n" not in w for w in scan.warnings)
    report = lib.update_index()
    # Three skipped, and the Latin-1 file read with a fallback, which it says.
    assert len(report.warnings) == 4
    assert "latin1.txt: not UTF-8: read as Windows-1252" in report.warnings
    assert lib.index.doc_count() == 4
    latin = next(h for h in lib.search("cost").hits)
    assert "£300" in lib.article(latin.id).body


def test_corrupt_index_is_rebuilt_with_a_message(corpus: Path, lib: Library) -> None:
    for f in lib.paths.index.glob("*.toc"):
        f.write_bytes(b"garbage")
    again = Library.open(corpus)
    report = again.update_index()
    assert report.rebuilt and "unreadable" in report.message
    assert again.index.doc_count() == 3
    assert ids_for(again, "ceasefire") == {"a.txt", "sub/b.txt"}


def _overwrite(path: Path, data: bytes, *, keep_mtime: bool) -> None:
    st = path.stat()
    path.write_bytes(data)
    if keep_mtime:
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def test_a_changed_index_file_is_noticed_on_open(corpus: Path, lib: Library) -> None:
    # Whoosh opens such an index happily and fails only in a later search.
    (postings,) = lib.paths.index.glob("*.pst")
    _overwrite(postings, os.urandom(postings.stat().st_size), keep_mtime=False)
    again = Library.open(corpus)
    report = again.update_index()
    assert report.rebuilt and "changed outside Dossier" in report.message
    assert postings.name in report.message
    assert ids_for(again, "ceasefire") == {"a.txt", "sub/b.txt"}


def test_a_stored_file_cut_short_is_noticed_on_open(corpus: Path, lib: Library) -> None:
    (stored,) = lib.paths.index.glob("*._stored.col")
    _overwrite(stored, b"", keep_mtime=True)
    report = Library.open(corpus).update_index()
    assert report.rebuilt and "changed outside Dossier" in report.message


def test_damage_found_by_a_search_rebuilds_on_the_next_update(corpus: Path, lib: Library) -> None:
    from tui.library import IndexDamaged

    # Same size and time: only reading the postings can tell.
    (postings,) = lib.paths.index.glob("*.pst")
    _overwrite(postings, os.urandom(postings.stat().st_size), keep_mtime=True)
    again = Library.open(corpus)
    assert not again.update_index().rebuilt
    with pytest.raises(IndexDamaged, match="damaged"):
        again.search("ceasefire")
    assert not again.index_ready
    report = again.update_index()
    assert report.rebuilt and "failed a read" in report.message
    assert ids_for(again, "ceasefire") == {"a.txt", "sub/b.txt"}
    assert not again.update_index().rebuilt


def test_the_index_never_deletes_files_it_did_not_make(corpus: Path, tmp_path: Path) -> None:
    before = sorted(p.name for p in corpus.iterdir())
    for folder in (corpus, tmp_path):
        with pytest.raises(LibraryError, match="holds other files"):
            Library.open(corpus, index_dir=folder).update_index()
        with pytest.raises(LibraryError, match="holds other files"):
            Library.open(corpus, index_dir=folder).rebuild_index()
    assert sorted(p.name for p in corpus.iterdir()) == before
    a_file = tmp_path / "a-file"
    a_file.write_text("keep me")
    with pytest.raises(LibraryError, match="is a file, not a folder"):
        Library.open(corpus, index_dir=a_file).update_index()
    assert a_file.read_text() == "keep me"


def test_an_index_folder_dossier_made_is_reused_and_rebuilt(corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "idx"
    Library.open(corpus, index_dir=folder).update_index()
    report = Library.open(corpus, index_dir=folder).rebuild_index()
    assert report.rebuilt and report.added == 3


def test_two_updates_racing_do_not_index_a_file_twice(corpus: Path) -> None:
    # The second copy plans its update, then (while it waits for the lock) the
    # first copy adds the same files: the second must not add them again.
    first, second = Library.open(corpus), Library.open(corpus)
    raced = False

    def progress(done: int, total: int) -> None:
        nonlocal raced
        if not raced:
            raced = True
            first.update_index(workers=1)

    second.update_index(progress=progress, workers=1)
    assert raced
    assert second.index.doc_count() == 3
    with second.index.ix.searcher() as s:
        ids = [f["id"] for f in s.all_stored_fields()]
    assert sorted(ids) == sorted(set(ids))
    assert ids_for(second, "ceasefire") == {"a.txt", "sub/b.txt"}


def test_an_unreadable_file_is_not_tried_again_until_it_changes(corpus: Path) -> None:
    bad = corpus / "bad.txt"
    bad.write_bytes(b"\x00\x01binary\x00" * 50)
    lib = Library.open(corpus)
    first = lib.update_index(workers=1)
    assert first.added == 3 and first.skipped == 1 and len(first.warnings) == 1
    generation = lib.index.generation()
    again = Library.open(corpus).update_index(workers=1)
    assert (again.touched, again.warnings, again.skipped) == (0, (), 1)
    assert lib.index.generation() == generation  # nothing was written
    assert any("bad.txt" in w for w in Library.open(corpus).scan().warnings)
    write_article(corpus, "bad.txt", "Fixed now", "The ceasefire file was repaired.")
    fixed = Library.open(corpus)
    report = fixed.update_index(workers=1)
    assert (report.added, report.skipped, report.warnings) == (1, 0, ())
    assert "bad.txt" in ids_for(fixed, "repaired")


def test_old_schema_is_rebuilt(corpus: Path, lib: Library) -> None:
    meta = lib.index.read_meta()
    meta["schema"] = -1
    lib.index.write_meta(meta)
    again = Library.open(corpus)
    report = again.update_index()
    assert report.rebuilt and "older version" in report.message
    assert again.index.doc_count() == 3


def test_a_second_writer_waits_instead_of_failing(corpus: Path, lib: Library) -> None:
    write_article(corpus, "late.txt", "Late news", "A late ceasefire report.")
    lock = lib.index.ix.lock("WRITELOCK")
    assert lock.acquire()
    threading.Timer(0.5, lock.release).start()
    started = time.perf_counter()
    report = Library.open(corpus).update_index()
    assert report.added == 1
    assert time.perf_counter() - started >= 0.4


def test_parallel_build_keeps_every_document(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    for i in range(240):
        write_article(folder, f"{i:03}.txt", f"Report {i}", f"Item number w{i} about harbours.")
    lib = Library.open(folder)
    report = lib.update_index(workers=2)
    assert report.added == 240
    assert lib.index.doc_count() == 240
    assert lib.search("harbour", limit=None).total == 240
    assert ids_for(lib, "w117") == {"117.txt"}


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="no such folder"):
        Library.open(tmp_path / "nope")
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(LibraryError, match="not a folder"):
        Library.open(tmp_path / "file.txt")


def test_snippet_marks_words_and_keeps_to_word_boundaries() -> None:
    body = "word " * 100 + "the ceasefire held in the harbour. " + "more " * 100
    start = body.index("ceasefire")
    text, marks = make_snippet(body, [(start, start + 9)])
    assert text.startswith("…") and text.endswith("…")
    assert [text[a:b] for a, b in marks] == ["ceasefire"]
    assert len(text) <= 230


def test_bookmarks_follow_edits_and_survive_removal(corpus: Path, lib: Library) -> None:
    article = lib.article("a.txt")
    mark = lib.bookmarks.add_quote(article, "the safe zone would open at dawn", note="key")
    path = corpus / "a.txt"
    text = path.read_text()
    path.write_text(text.replace("Negotiators met", "After a long night, negotiators met"))
    Library.open(corpus).update_index()
    moved = lib.bookmarks.get(mark.id)
    body = lib.article("a.txt").body
    assert moved.status == "anchored"
    assert moved.start > mark.start
    assert body[moved.start : moved.end] == "the safe zone would open at dawn"
    path.unlink()
    Library.open(corpus).update_index()
    gone = lib.bookmarks.get(mark.id)
    assert gone.status == "orphaned"
    assert gone.note == "key" and gone.quote == mark.quote


def test_snippet_offsets_stay_right_across_collapsed_whitespace() -> None:
    import random

    rng = random.Random(7)
    words = ["harbour", "talks", "ceasefire", "the", "of", "Valmora", "grain"]
    for _ in range(200):
        parts = []
        for _ in range(rng.randint(5, 120)):
            parts.append(rng.choice(words))
            parts.append(rng.choice([" ", " ", "  ", "\n\n", " \n "]))
        body = "".join(parts).strip()
        spans = [(m.start(), m.end()) for m in __import__("re").finditer("ceasefire", body)]
        text, marks = make_snippet(body, spans, width=rng.randint(40, 200))
        assert all(text[a:b] == "ceasefire" for a, b in marks)
        assert "\n" not in text and "  " not in text
        if spans:
            assert marks


def test_a_busy_index_is_read_as_it_is(corpus: Path, lib: Library) -> None:
    write_article(corpus, "late.txt", "Late news", "A late ceasefire report.")
    lock = lib.index.ix.lock("WRITELOCK")
    assert lock.acquire()
    try:
        again = Library.open(corpus)
        # Wait 0.2 s for the lock instead of the default 30 s.
        again.index.write = _with_timeout(again.index.write, 0.2)  # type: ignore[method-assign]
        report = again.update_index()
        assert "showing the index as it was" in report.message
        assert ids_for(again, "ceasefire") == {"a.txt", "sub/b.txt"}
    finally:
        lock.release()


def _with_timeout(write, seconds: float):  # type: ignore[no-untyped-def]
    def wrapper(**kwargs):  # type: ignore[no-untyped-def]
        return write(**kwargs, lock_timeout=seconds)

    return wrapper


def test_parallel_build_from_a_worker_thread(tmp_path: Path) -> None:
    # The app indexes from a thread: worker processes then come from a fork server.
    folder = tmp_path / "many"
    for i in range(220):
        write_article(folder, f"{i:03}.txt", f"Report {i}", f"Item w{i} about harbours.")
    lib = Library.open(folder)
    seen: list[tuple[int, int]] = []
    result: dict[str, object] = {}

    def run() -> None:
        result["report"] = lib.update_index(workers=2, progress=lambda d, t: seen.append((d, t)))

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(120)
    assert result["report"].added == 220  # type: ignore[attr-defined]
    assert lib.index.doc_count() == 220
    assert seen[-1] == (220, 220)


def test_rebuild_index(corpus: Path, lib: Library) -> None:
    report = lib.rebuild_index()
    assert report.rebuilt and report.added == 3
    assert lib.index.doc_count() == 3
    assert ids_for(lib, "ceasefire") == {"a.txt", "sub/b.txt"}


def test_parallel_build_when_stderr_has_no_file_descriptor(tmp_path: Path, monkeypatch) -> None:
    # Textual captures stderr with an object whose fileno() is -1; starting the
    # worker processes must not depend on it (the app once fell back to no index).
    import io
    import sys

    class Captured(io.StringIO):
        def fileno(self) -> int:
            return -1

    monkeypatch.setattr(sys, "stderr", Captured())
    folder = tmp_path / "many"
    for i in range(210):
        write_article(folder, f"{i:03}.txt", f"Report {i}", f"Item w{i} about harbours.")
    lib = Library.open(folder)
    result: dict[str, object] = {}
    thread = threading.Thread(target=lambda: result.update(r=lib.update_index(workers=2)))
    thread.start()
    thread.join(120)
    assert result["r"].added == 210  # type: ignore[attr-defined]
    assert lib.index.doc_count() == 210
    assert isinstance(sys.stderr, Captured)  # put back


def test_files_that_are_not_articles_are_skipped_by_name(corpus: Path) -> None:

    write_article(corpus, "README.TXT", "About this collection", "Collected from a news site.")
    write_article(corpus, "sub/License.md", "Licence", "All rights reserved by the owners.")
    write_article(corpus, "readme-notes/d.txt", "A real article", "Filed from Osterby.")
    titles = {a.title for a in Library.open(corpus).scan().articles}
    assert "About this collection" not in titles and "Licence" not in titles
    assert "A real article" in titles  # a folder's name does not count

    write_config("corpus:\n  skip: []\n")
    titles = {a.title for a in Library.open(corpus).scan().articles}
    assert {"About this collection", "Licence"} <= titles


def test_a_bad_skip_setting_is_a_one_line_error() -> None:
    from tui.settings import SettingsError, load_settings

    write_config("corpus:\n  skip: README*\n")
    with pytest.raises(SettingsError, match="corpus.skip must be a list"):
        load_settings()


def test_an_empty_corpus_can_be_searched_again_and_again(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    lib = Library.open(folder)
    lib.update_index()
    for _ in range(3):
        assert lib.search("hello").hits == ()
    assert lib.entity_facets() == []


def test_keymap_values_are_keys_or_lists_of_keys() -> None:
    from tui.settings import SettingsError, load_settings

    config = write_config("keymap:\n  raw: [w, ctrl+w]\n  search: s\n")
    assert load_settings().keymap == {"raw": "w,ctrl+w", "search": "s"}
    for bad in ("{a: 1}", "[]", "3", "''"):
        config.write_text(f"keymap:\n  raw: {bad}\n", encoding="utf-8")
        with pytest.raises(SettingsError, match="keymap.raw must be a key or a list of keys"):
            load_settings()


def test_a_phrase_is_marked_where_it_occurs_not_word_by_word(lib: Library) -> None:
    def marked(query: str) -> list[str]:
        (hit,) = [h for h in lib.search(query).hits if h.path == "a.txt"]
        body = lib.article(hit.id).body
        return [body[a:b] for a, b in hit.matches]

    # "harbour" is in the text twice; only the second is the phrase's.
    assert marked('"harbour authority"') == ["harbour authority"]
    # Named on its own as well, every "harbour" is a match.
    assert sorted(marked('"harbour authority" OR harbour')) == ["harbour", "harbour authority"]
    article = next(a for a in lib.articles() if a.path == "a.txt")
    body = lib.article(article.id).body
    assert [body[a:b] for a, b in lib.match_spans('"safe zone"', article.id)] == ["safe zone"]


def test_an_unreadable_subfolder_is_reported_and_its_articles_kept(
    corpus: Path, lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.articles

    real = os.scandir

    def scandir(path):  # noqa: ANN001, ANN202 - as a folder without read permission
        if str(path).endswith("sub"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(tui.articles.os, "scandir", scandir)
    report = Library.open(corpus).update_index(workers=1)
    assert "sub/: cannot read this folder; its articles are left out" in report.warnings
    assert report.removed == 0  # not taken as deleted: its bookmarks stay anchored
    assert "sub/b.txt" in ids_for(lib, "grain")
    scan = Library.open(corpus).scan()
    assert any(w.startswith("sub/: cannot read this folder") for w in scan.warnings)


def test_a_copy_of_an_article_is_marked_in_the_results(corpus: Path) -> None:
    """The results and the article list agree on which file is the copy. The results
    marked the lower-ranked hit, the list the later file by path; one rule now
    (manifest.copies_of: the first by path is the original), whatever the ranks."""
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    # A copy added later, whose path comes first: it ranks after a.txt (same text, a
    # later document), yet it is the original by path.
    shutil.copy(corpus / "a.txt", corpus / "0-first.txt")
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    result = lib.search("harbour").hits
    ranked = [h.path for h in result if h.path in ("a.txt", "0-first.txt")]
    assert ranked == ["a.txt", "0-first.txt"]  # the case the two rules disagreed on
    hits = {h.path: h for h in result}
    assert hits["0-first.txt"].duplicate_of is None
    assert hits["a.txt"].duplicate_of == hits["0-first.txt"].id
    listed = {s.path: s for s in lib.scan().articles}
    for path, hit in hits.items():
        assert hit.duplicate_of == listed[path].duplicate_of, path


def test_a_file_that_only_looks_like_an_index_file_is_not_deleted(
    corpus: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "MAIN_notes.txt").write_text("my notes")
    with pytest.raises(LibraryError, match="holds other files"):
        Library.open(corpus, index_dir=folder).update_index()
    assert (folder / "MAIN_notes.txt").read_text() == "my notes"


def test_ids_outlive_a_rebuild_even_for_a_renamed_file(corpus: Path, lib: Library) -> None:
    (corpus / "a.txt").rename(corpus / "renamed.txt")
    lib.update_index(workers=1)
    before = {a.path: a.id for a in lib.scan().articles}
    again = Library.open(corpus)
    again.rebuild_index()
    assert {a.path: a.id for a in again.scan().articles} == before
    # And after a rebuild forced by damage, which empties the metadata first.
    for toc in again.paths.index.glob("*.toc"):
        toc.write_bytes(b"garbage")
    third = Library.open(corpus)
    assert third.update_index(workers=1).rebuilt
    assert {a.path: a.id for a in third.scan().articles} == before


def test_a_link_back_up_the_tree_is_read_once(corpus: Path) -> None:
    (corpus / "self").symlink_to(".")
    (corpus / "sub" / "up").symlink_to("..")
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    assert sorted(a.path for a in lib.scan().articles) == ["a.txt", "c.md", "sub/b.txt"]


def test_utf16_with_a_byte_order_mark_is_read(corpus: Path) -> None:
    (corpus / "wide.txt").write_bytes("Wide text\n\nThe ceasefire in Zürich.\n".encode("utf-16"))
    lib = Library.open(corpus)
    report = lib.update_index(workers=1)
    assert report.warnings == ()
    assert "wide.txt" in ids_for(lib, "zürich")


def test_a_very_long_query_is_refused_quickly(lib: Library) -> None:
    with pytest.raises(QueryError, match="too long"):
        lib.search(" ".join(["ceasefire"] * 500))


def test_index_workers_end_with_the_process_that_started_them() -> None:
    import subprocess
    import sys

    code = (
        "import ctypes, signal; from tui.index.build import _die_with_parent; _die_with_parent(); "
        "v = ctypes.c_int(); ctypes.CDLL(None).prctl(2, ctypes.byref(v)); "
        "print(v.value == signal.SIGTERM)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "True", out.stderr


def test_a_snippet_takes_prose_over_a_list_of_headlines_as_dense() -> None:
    """A search for "impeachment" showed "Trump Impeachment Inquiry More * Watch live:
    ... impeachment hearing * Key moments ...": a box of headlines holds the word as
    densely as any sentence, and won on its count. Among windows with as many distinct
    words, one starting in a paragraph of prose is taken."""
    import re

    body = (
        "The committee met on Tuesday to hear two witnesses about the harbour deal.\n\n"
        "Impeachment Inquiry More\n\n* Watch live: impeachment hearing\n\n"
        "* Key moments from the impeachment\n\n"
        + "The hearing went on. " * 20
        + "\n\nThe impeachment inquiry moved to the Senate after the vote, officials said."
    )
    spans = [(m.start(), m.end()) for m in re.finditer("(?i)impeachment", body)]
    text, marks = make_snippet(body, spans, width=120)
    assert "Watch live" not in text and "moved to the Senate" in text, text
    assert [text[a:b].lower() for a, b in marks] == ["impeachment"]
    # more distinct words still win over prose
    two = [*spans, *((m.start(), m.end()) for m in re.finditer("Watch", body))]
    text, _ = make_snippet(body, sorted(two), width=120)
    assert "Watch live" in text
