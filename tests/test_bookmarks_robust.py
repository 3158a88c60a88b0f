"""Bookmarks under careless hands: imports that must not destroy, limits, read-only
folders, exports that must not clobber, and statuses that follow the articles."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from tests.conftest import write_article
from tests.test_bookmarks import OTHER, STORY, article
from tui.bookmarks import BookmarkError, BookmarkStore
from tui.bookmarks.database import BookmarkFile
from tui.bookmarks.migrations import MIGRATIONS
from tui.commands import main
from tui.library import Library


@pytest.fixture
def store(tmp_path: Path) -> BookmarkStore:
    return BookmarkStore(tmp_path / "data" / "bookmarks.sqlite3")


def _export(store: BookmarkStore) -> list[dict]:
    return json.loads(json.dumps(store.export_annotations()))


# -- D5: an import never destroys newer text -----------------------------------------


def test_importing_an_older_export_keeps_newer_notes_and_tags(store: BookmarkStore) -> None:
    b = store.add_quote(article(), "protect forty homes", note="first note", tags=["draft"])
    old = _export(store)
    store.update(b.id, note="my newer, longer note", tags=["final", "checked"])
    result = store.import_annotations(json.dumps(old))
    kept = store.get(b.id)
    assert kept is not None
    assert kept.note == "my newer, longer note" and kept.tags == ("final", "checked")
    assert (result.added, result.updated, result.kept) == (0, 0, 1)


def test_importing_a_newer_export_updates_and_a_new_one_adds(store: BookmarkStore) -> None:
    b = store.add_quote(article(), "protect forty homes", note="first")
    newer = _export(store)
    newer[0]["modified"] = "2999-01-01T00:00:00.000Z"
    newer[0]["body"] = [{"type": "TextualBody", "value": "from the other laptop"}]
    store.add_quote(article(OTHER, "local/bakery.txt"), "ninety years")
    other = BookmarkStore(store.path.with_name("other.sqlite3"))
    other.import_annotations(json.dumps(_export(store)))
    other.delete(b.id)
    result = other.import_annotations(json.dumps(newer))
    assert (result.added, result.updated, result.kept) == (1, 0, 0)
    result = store.import_annotations(json.dumps(newer))
    assert (result.added, result.updated, result.kept) == (0, 1, 0)
    assert store.get(b.id).note == "from the other laptop"
    again = store.import_annotations(json.dumps(newer))
    assert (again.added, again.updated, again.kept) == (0, 0, 1)


def test_the_cli_says_what_an_import_did(capsys, tmp_path: Path) -> None:
    corpus = tmp_path / "news"
    write_article(corpus, "a.txt", "Harbour", "The council voted to back a plan.")
    assert main(["bookmarks", "add", "a.txt", "--corpus", str(corpus), "--quote", "council"]) == 0
    out = tmp_path / "b.json"
    assert (
        main(["bookmarks", "export", "--format", "json", "-o", str(out), "--corpus", str(corpus)])
        == 0
    )
    capsys.readouterr()
    assert main(["bookmarks", "import", str(out), "--corpus", str(corpus)]) == 0
    said = capsys.readouterr().out
    assert "no new bookmarks" in said or "0 new" in said


# -- D12, D14: hostile imports ----------------------------------------------------------------


def _annotation(**over) -> dict:  # noqa: ANN003
    item = {
        "type": "Annotation",
        "id": "urn:uuid:12345678-1234-5678-1234-567812345678",
        "target": {
            "source": "local/harbour.txt",
            "selector": [
                {"type": "TextQuoteSelector", "exact": "protect forty homes"},
                {"type": "TextPositionSelector", "start": 3, "end": 20},
            ],
        },
    }
    item.update(over)
    return item


@pytest.mark.parametrize(
    "data",
    [
        json.dumps(
            [
                _annotation(
                    target={
                        "source": "x",
                        "selector": [
                            {"type": "TextQuoteSelector", "exact": "q"},
                            {"type": "TextPositionSelector", "start": 2**63, "end": 2**64},
                        ],
                    }
                )
            ]
        ),
        "[" * 100_000 + "]" * 100_000,
        json.dumps([_annotation(body=[{"type": "TextualBody", "value": "n" * 2_000_000}])]),
        json.dumps(
            [
                _annotation(
                    target={
                        "source": "x",
                        "selector": [{"type": "TextQuoteSelector", "exact": "q" * 2_000_000}],
                    }
                )
            ]
        ),
        json.dumps(
            [
                _annotation(
                    body=[
                        {"type": "TextualBody", "value": f"t{n}", "purpose": "tagging"}
                        for n in range(5000)
                    ]
                )
            ]
        ),
    ],
    ids=["offset-over-2^63", "nested", "huge-note", "huge-quote", "many-tags"],
)
def test_hostile_imports_are_one_line_errors(store: BookmarkStore, data: str) -> None:
    with pytest.raises(ValueError) as info:
        store.import_annotations(data)
    assert "\n" not in str(info.value) and len(str(info.value)) < 300
    assert store.count() == 0


def test_an_import_from_a_pipe_or_a_device_is_refused_unread(capsys, tmp_path: Path) -> None:
    # `dossier bookmarks import /dev/zero` read zeros until memory ran out, and a named
    # pipe waited for a writer: only a regular file is read, as for config files.
    import threading

    corpus = tmp_path / "news"
    write_article(corpus, "a.txt", "Harbour", "The council voted to back a plan.")
    pipe = tmp_path / "export.json"
    os.mkfifo(pipe)
    done = threading.Event()

    def writer() -> None:  # what a shell's `<(...)` would send, if the pipe were read
        while not done.is_set():
            try:
                fd = os.open(pipe, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:  # no reader yet
                done.wait(0.01)
                continue
            os.write(fd, b"[]")
            os.close(fd)
            return

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        code = main(["bookmarks", "import", str(pipe), "--corpus", str(corpus)])
    finally:
        done.set()
        thread.join()
    assert code == 2
    assert "not a regular file" in capsys.readouterr().err


def test_an_export_growing_after_its_size_was_checked_is_read_only_to_the_limit(
    monkeypatch, store: BookmarkStore, tmp_path: Path
) -> None:
    # read_export checked the size, then read the file whole: a file that grew between
    # the two (a log being written, a file system that lies about sizes) was read
    # without bound. It reads at most the limit and one byte.
    import tracemalloc

    from tui.bookmarks import importing

    path = tmp_path / "growing.json"
    path.write_text("[]")
    monkeypatch.setattr(importing, "MAX_IMPORT_BYTES", 1000)
    real_fstat = os.fstat
    more = b" " * 8_000_000

    def fstat_then_grow(fd: int) -> os.stat_result:
        st = real_fstat(fd)
        with path.open("ab") as grow:  # after the check: 8 MB more
            grow.write(more)
        return st

    monkeypatch.setattr(importing.os, "fstat", fstat_then_grow)
    tracemalloc.start()
    try:
        with pytest.raises(ValueError, match="too large"):
            store.import_file(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000, peak
    assert store.count() == 0


def test_an_import_is_read_as_a_stream(store: BookmarkStore, tmp_path: Path) -> None:
    import tracemalloc

    n = 5_000
    items = [_annotation(id=f"urn:uuid:00000000-0000-4000-8000-{i:012d}") for i in range(n)]
    path = tmp_path / "many.json"
    path.write_text(json.dumps(items))
    del items
    tracemalloc.start()
    parsed = json.loads(path.read_text())
    _, whole = tracemalloc.get_traced_memory()  # what reading the file at once costs
    tracemalloc.stop()
    del parsed
    tracemalloc.start()
    result = store.import_file(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert result.added == n and store.count() == n
    assert peak < whole / 2, (peak, whole)


def test_notes_and_passages_have_bounds(store: BookmarkStore) -> None:
    b = store.add_quote(article(), "protect forty homes")
    with pytest.raises(ValueError, match="note"):
        store.update(b.id, note="x" * 2_000_000)
    long_body = "Title\n\n" + ("A sentence of the story. " * 5000)
    with pytest.raises(ValueError, match="passage"):
        store.add(article(long_body, "local/long.txt"), 0, len(long_body) - 10)


# -- D15: reading needs no write access ------------------------------------------------------


def test_a_file_a_first_write_has_made_but_not_filled_reads_as_empty(
    store: BookmarkStore,
) -> None:
    # A first write makes the file, then gives it its tables (tui.bookmarks.migrations);
    # a read in another thread in between found the file and failed with "no such
    # table: main.bookmarks" (the app's bookmark worker did, once in 70 runs).
    BookmarkFile(store.path).create_private()
    sqlite3.connect(store.path).close()  # an SQLite file of version 0, no tables yet
    assert store.all() == [] and store.count() == 0
    assert store.find(article_id="a1") == [] and store.history.queries() == []
    assert store.schema_version() == 0  # nothing migrated by reading
    b = store.add_quote(article(), "protect forty homes")  # the write still fills it
    assert [x.id for x in store.all()] == [b.id]


def test_a_read_sees_one_version_while_a_migration_commits_step_by_step(
    store: BookmarkStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A first write migrates a transaction a step. A read that chose its views for
    # the version it saw first (0: none) and then read the version again met a
    # step's version with neither views nor its tables ("no such table:
    # corrections", once in the app tests).
    from tui.bookmarks.migrations import migrate

    BookmarkFile(store.path).create_private()
    with sqlite3.connect(store.path) as conn:  # version 0, as the first write leaves it
        conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    original = BookmarkFile.connect_read_only

    def migrated_meanwhile(self: BookmarkFile) -> sqlite3.Connection:
        conn = original(self)
        other = sqlite3.connect(self.path)
        migrate(other, target=3)  # the first write's steps so far: no corrections yet
        other.close()
        return conn

    with monkeypatch.context() as patch:  # (undo() would undo the hermetic dirs too)
        patch.setattr(BookmarkFile, "connect_read_only", migrated_meanwhile)
        assert store.corrections.all() == {}
    assert store.schema_version() == 3


def test_reading_changes_nothing_in_the_file(store: BookmarkStore) -> None:
    # A file from an older Dossier, in rollback-journal mode (as a read-only copy would be).
    store.path.parent.mkdir(parents=True)
    conn = sqlite3.connect(store.path)
    for statement in MIGRATIONS[0].split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO bookmarks VALUES ('b1', 'a1', 'p.txt', 'Title', NULL, NULL, 'quote', "
        "'', '', 0, 5, 'a note', '[\"t\"]', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z')"
    )
    conn.commit()
    conn.close()
    before = store.path.read_bytes(), store.path.stat().st_mtime_ns
    names = sorted(p.name for p in store.path.parent.iterdir())

    def no_writes(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise BookmarkError("cannot write bookmarks file: disk full")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(BookmarkFile, "connect", no_writes)
        (b,) = store.all()
        assert (b.note, b.tags, b.status) == ("a note", ("t",), "anchored")
        assert store.count() == 1 and store.find(query="note")
        assert "a note" in store.export_markdown() and store.export_annotations()
        assert store.changes().complete
    assert (store.path.read_bytes(), store.path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in store.path.parent.iterdir()) == names


def test_a_copy_where_sqlite_cannot_make_its_files_can_be_listed(
    store: BookmarkStore, tmp_path: Path
) -> None:
    store.add_quote(article(), "protect forty homes", note="kept")
    copy = tmp_path / "ro" / "bookmarks.sqlite3"
    copy.parent.mkdir()
    shutil.copy(store.path, copy)
    assert copy.read_bytes()[18:20] == b"\x02\x02"  # the header of a file in WAL mode
    # What a read-only folder means for a WAL file: no -shm file can be made there
    # (a folder in its place stands in for the permission, which root would not meet).
    (copy.parent / "bookmarks.sqlite3-shm").mkdir()
    ro = BookmarkStore(copy)
    assert [b.note for b in ro.all()] == ["kept"]
    assert "kept" in ro.export_markdown()


# -- S5, item 6: exports do not clobber --------------------------------------------------------


@pytest.fixture
def corpus_with_a_bookmark(tmp_path: Path) -> Path:
    corpus = tmp_path / "news"
    write_article(corpus, "a.txt", "Harbour", "The council voted to back a plan.")
    assert main(["bookmarks", "add", "a.txt", "--corpus", str(corpus), "--quote", "council"]) == 0
    return corpus


def test_export_refuses_to_overwrite_without_force(capsys, corpus_with_a_bookmark, tmp_path):
    out = tmp_path / "mine.md"
    out.write_text("my own notes")
    code = main(["bookmarks", "export", "-o", str(out), "--corpus", str(corpus_with_a_bookmark)])
    _, err = capsys.readouterr()
    assert code == 2 and "--force" in err and err.count("\n") == 1
    assert out.read_text() == "my own notes"
    code = main(
        ["bookmarks", "export", "-o", str(out), "--force", "--corpus", str(corpus_with_a_bookmark)]
    )
    assert code == 0 and "council" in out.read_text()


def test_export_writes_regular_files_only(capsys, corpus_with_a_bookmark, tmp_path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    victim = tmp_path / "victim.txt"
    victim.write_text("untouched")
    link = tmp_path / "link.md"
    link.symlink_to(victim)
    for target in (fifo, link, Path("/dev/null")):
        code = main(
            [
                "bookmarks",
                "export",
                "-o",
                str(target),
                "--force",
                "--corpus",
                str(corpus_with_a_bookmark),
            ]
        )
        _, err = capsys.readouterr()
        assert code == 2 and "not a regular file" in err, (target, err)
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and link.is_symlink()
    assert victim.read_text() == "untouched"
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_export_does_not_touch_a_file_named_like_its_temporary(
    capsys, corpus_with_a_bookmark, tmp_path
) -> None:
    out = tmp_path / "new.md"
    bystander = tmp_path / "new.md.tmp"
    bystander.write_text("someone else's file")
    code = main(["bookmarks", "export", "-o", str(out), "--corpus", str(corpus_with_a_bookmark)])
    assert code == 0 and "council" in out.read_text()
    assert bystander.read_text() == "someone else's file"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".new")) == []


# -- D10, renamed articles: statuses follow the articles ------------------------------------------


def test_status_and_path_follow_the_articles(tmp_path: Path) -> None:
    corpus = tmp_path / "news"
    write_article(corpus, "a.txt", "Harbour plan", *STORY.split("\n\n")[1:])
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    art = lib.article("a.txt")
    b = lib.bookmarks.add_quote(art, "protect forty homes")
    saved = (corpus / "a.txt").read_text()
    (corpus / "a.txt").unlink()
    lib.update_index(workers=1)
    assert lib.bookmarks.get(b.id).status == "orphaned"
    (corpus / "a.txt").write_text(saved)  # restored: the same path, the same id
    lib.update_index(workers=1)
    assert lib.bookmarks.get(b.id).status == "anchored"
    (corpus / "a.txt").rename(corpus / "renamed.txt")
    lib.update_index(workers=1)
    moved = lib.bookmarks.get(b.id)
    assert (moved.status, moved.article_path) == ("anchored", "renamed.txt")


def test_an_imported_bookmark_whose_quote_is_nowhere_is_orphaned(capsys, tmp_path) -> None:
    corpus = tmp_path / "news"
    write_article(corpus, "a.txt", "Harbour", "The council voted to back a plan.")
    path = tmp_path / "in.json"
    path.write_text(
        json.dumps(
            [
                _annotation(
                    target={
                        "source": "a.txt",
                        "selector": [
                            {"type": "TextQuoteSelector", "exact": "words that are in no article"},
                            {"type": "TextPositionSelector", "start": 0, "end": 28},
                        ],
                    }
                )
            ]
        )
    )
    assert main(["bookmarks", "import", str(path), "--corpus", str(corpus)]) == 0
    capsys.readouterr()
    assert main(["bookmarks", "list", "--corpus", str(corpus), "--json"]) == 0
    (item,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert item["status"] == "orphaned"


async def test_the_bookmarks_screen_says_when_the_file_cannot_be_read(seeds_copy: Path) -> None:
    from tests.app_helpers import make_app, ready, settle, wait_for
    from tui.app.screens.bookmarks import BookmarksScreen

    app = make_app(seeds_copy)
    path = app.library.paths.bookmarks
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"this is not a database, it was damaged " * 200)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await pilot.press("B")
        await wait_for(pilot, lambda: isinstance(app.screen, BookmarksScreen))
        await settle(pilot)
        status = str(app.screen.query_one("#bookmarks-status").render())
        assert "No bookmarks yet" not in status
        assert "cannot read" in status.lower() and "bookmarks" in status.lower(), status


@pytest.mark.parametrize(
    "path",
    [
        "a/b.txt",
        "b.txt",
        "a/b.tar.gz",
        ".hidden",
        "a/.hidden",
        "b.",
        "a/b/",
        "a//b.md",
        "",
        ".",
        "..",
        "a/..",
        "a/./c.html",
        "ünï/cödé.txt",
        "no_suffix",
        "a.b/c",
    ],
)
def test_a_bookmark_title_from_its_path_is_the_file_stem(path: str) -> None:
    from pathlib import PurePosixPath

    from tui.bookmarks.annotations import file_stem

    assert file_stem(path) == PurePosixPath(path).stem


def test_bookmarks_are_read_from_a_data_folder_whose_name_is_not_utf8(tmp_path: Path) -> None:
    # The file is read through a URI: quote() of a name with a lone surrogate
    # raised UnicodeEncodeError, and `dossier bookmarks list` said so.
    store = BookmarkStore(tmp_path / "caf\udce9 #1" / "bookmarks.sqlite3")
    saved = store.add_quote(article(), "harbour wall")
    assert store.all() == [saved]
