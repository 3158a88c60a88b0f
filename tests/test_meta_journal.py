"""The manifest's changed rows written to a journal (tui.index.metajournal): an update
of a large index does not write its whole metadata again, and every reader (another
process, one that read before a compaction, one after a crash between the journal and
the metadata) gets the rows a whole write would have given."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tui import known
from tui.index import metajournal
from tui.index.folder import IndexFolder, is_index_file

FIELDS = ["id", "size", "title", "source"]


def meta_of(rows: dict[str, tuple[object, ...]], **extra: object) -> dict[str, object]:
    return {"schema": 9, "entries": {"fields": FIELDS, "rows": rows}, **extra}


def rows_of(n: int, start: int = 0, title: str = "T") -> dict[str, tuple[object, ...]]:
    return {
        f"folder/{i:05d}.txt": (f"id{i:05d}", i, f"{title} {i} \u2028 é", None)
        for i in range(start, start + n)
    }


def as_json(value: object) -> object:
    return json.loads(json.dumps(value))


@pytest.fixture
def small_share(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(metajournal, "JOURNAL_FROM", 50)
    monkeypatch.setattr(metajournal, "JOURNAL_MIN", 30)
    monkeypatch.setattr(metajournal, "COMPACT_SHARE", 4)


def journal_files(path: Path) -> list[str]:
    return sorted(p.name for p in path.iterdir() if p.name.startswith(metajournal.PREFIX))


@pytest.mark.usefixtures("small_share")
def test_an_update_of_a_few_rows_writes_them_alone_and_every_reader_gets_them_all(
    tmp_path: Path,
) -> None:
    folder = IndexFolder(tmp_path)
    rows = rows_of(200)
    folder.write_meta(meta_of(rows, boilerplate={"a": 1}))
    whole = folder.meta_path().stat().st_size
    assert journal_files(tmp_path) == []
    for step in range(3):
        rows = dict(rows)
        rows.update(rows_of(5, start=1000 + 5 * step))  # added
        rows.update(rows_of(2, start=10 * step, title="edited"))  # changed
        del rows[f"folder/{100 + step:05d}.txt"]  # removed
        folder.write_meta(meta_of(rows, boilerplate={"a": step}))
        # the metadata names the journal, and holds none of the rows
        assert folder.meta_path().stat().st_size < whole / 10
        assert len(journal_files(tmp_path)) == 2
        expected = as_json(meta_of(rows, boilerplate={"a": step}))
        got = IndexFolder(tmp_path).read_meta()  # another process
        got.pop("store", None)
        assert got == expected
        kept = folder.read_meta()  # this one: what it wrote, not parsed again
        kept.pop("store", None)
        assert kept == expected
    # every file of the journal is one of the index's (a rebuild may replace the folder)
    assert all(is_index_file(name) for name in journal_files(tmp_path))


@pytest.mark.usefixtures("small_share")
def test_a_journal_past_its_share_is_written_whole_again_and_removed(tmp_path: Path) -> None:
    folder = IndexFolder(tmp_path)
    rows = rows_of(200)
    folder.write_meta(meta_of(rows))
    folder.write_meta(meta_of({**rows, **rows_of(20, start=500)}))
    assert len(journal_files(tmp_path)) == 2
    rows = {**rows, **rows_of(20, start=500), **rows_of(60, start=600)}  # 80 > 280 / 4
    folder.write_meta(meta_of(rows))
    assert journal_files(tmp_path) == []
    assert json.loads(folder.meta_path().read_text())["entries"]["rows"] == as_json(rows)


@pytest.mark.usefixtures("small_share")
def test_a_small_manifest_is_written_whole(tmp_path: Path) -> None:
    folder = IndexFolder(tmp_path)
    rows = rows_of(40)
    folder.write_meta(meta_of(rows))
    folder.write_meta(meta_of({**rows, **rows_of(1, start=100)}))
    assert journal_files(tmp_path) == []


@pytest.mark.usefixtures("small_share")
def test_a_line_appended_by_an_update_that_did_not_commit_is_not_read(tmp_path: Path) -> None:
    folder = IndexFolder(tmp_path)
    rows = rows_of(200)
    folder.write_meta(meta_of(rows))
    rows = {**rows, **rows_of(3, start=900)}
    folder.write_meta(meta_of(rows))
    log = next(p for p in tmp_path.iterdir() if p.suffix == ".log")
    # a crash after the journal's line, before the metadata: a row that never was, and
    # a line cut short
    with open(log, "ab") as handle:
        handle.write(metajournal.line_of({"folder/ghost.txt": ["g", 1, "G", None]}, []))
        handle.write(b'{"set":{"folder/half')
    assert IndexFolder(tmp_path).read_meta()["entries"]["rows"] == as_json(rows)
    # the next update cuts them off before it writes its own line
    again = IndexFolder(tmp_path)
    again.read_meta()
    rows = {**rows, **rows_of(2, start=950)}
    again.write_meta(meta_of(rows))
    got = IndexFolder(tmp_path).read_meta()["entries"]["rows"]
    assert got == as_json(rows)
    assert b"ghost" not in log.read_bytes()


@pytest.mark.usefixtures("small_share")
def test_a_reader_whose_journal_was_compacted_meanwhile_reads_the_metadata_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer = IndexFolder(tmp_path)
    rows = rows_of(200)
    writer.write_meta(meta_of(rows))
    writer.write_meta(meta_of({**rows, **rows_of(3, start=900)}))
    final = {**rows, **rows_of(100, start=2000)}
    resolve = metajournal.resolve
    calls = []

    def compacted_first(folder: Path, meta: dict[str, object], journal: object) -> object:
        if not calls:  # between the reader's read of the metadata and of the journal
            calls.append(1)
            writer.write_meta(meta_of(final))
        return resolve(folder, meta, journal)  # type: ignore[arg-type]

    monkeypatch.setattr(metajournal, "resolve", compacted_first)
    assert IndexFolder(tmp_path).read_meta()["entries"]["rows"] == as_json(final)
    assert journal_files(tmp_path) == []


@pytest.mark.usefixtures("small_share")
def test_an_article_id_in_the_journal_names_its_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = tmp_path / "index"
    index.mkdir()
    folder = IndexFolder(index)
    rows = rows_of(200)
    folder.write_meta(meta_of(rows))
    folder.write_meta(meta_of({**rows, **rows_of(1, start=7777)}))
    corpus = tmp_path / "corpus"
    monkeypatch.setattr(known, "known_corpora", lambda data=None: [corpus])

    class Paths:
        def __init__(self) -> None:
            self.index = index

    monkeypatch.setattr(known.paths_mod, "corpus_paths", lambda c, data=None: Paths())
    assert known.corpora_with_id("id07777") == [corpus]
    assert known.corpora_with_id("id00001") == [corpus]
    assert known.corpora_with_id("id99999") == []


@pytest.mark.usefixtures("small_share")
def test_a_folder_that_cannot_link_writes_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*args: object, **kwargs: object) -> None:
        raise OSError("no links here")

    monkeypatch.setattr(os, "link", refused)
    folder = IndexFolder(tmp_path)
    rows = rows_of(200)
    folder.write_meta(meta_of(rows))
    rows = {**rows, **rows_of(3, start=900)}
    folder.write_meta(meta_of(rows))
    assert journal_files(tmp_path) == []
    assert IndexFolder(tmp_path).read_meta()["entries"]["rows"] == as_json(rows)


def test_updates_through_the_journal_list_and_find_what_a_fresh_build_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.test_merging import _answers, _article
    from tui.library import Library

    monkeypatch.setattr(metajournal, "JOURNAL_FROM", 10)
    monkeypatch.setattr(metajournal, "JOURNAL_MIN", 4)
    monkeypatch.setattr(metajournal, "COMPACT_SHARE", 3)
    corpus = tmp_path / "news"
    for n in range(16):
        _article(corpus, f"base/s{n:03d}.txt", n)
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    journaled, whole = 0, 0
    n = 16
    for round_ in range(8):
        for _ in range(2):
            _article(corpus, f"new{round_}/s{n:03d}.txt", n)
            n += 1
        if round_ % 2 == 1:  # an edit, a rename and a deletion now and then
            _article(corpus, f"base/s{round_:03d}.txt", round_, " Update: the talks failed.")
            os.replace(corpus / f"base/s{round_ + 8:03d}.txt", corpus / f"base/r{round_}.txt")
            (corpus / f"new{round_ - 1}/s{16 + (round_ - 1) * 2:03d}.txt").unlink()
        lib.update_index(workers=1)
        if journal_files(lib.paths.index):
            journaled += 1
        else:
            whole += 1
        # a new process reads the manifest the update left
        listed = {a.path: (a.id, a.title) for a in Library.open(corpus).articles()}
        assert listed == {a.path: (a.id, a.title) for a in lib.articles()}
    assert journaled and whole  # the journal was used, and compacted
    fresh = Library.open(corpus, index_dir=tmp_path / "fresh-index")
    fresh.update_index(workers=1)
    again = Library.open(corpus)
    # (a renamed file keeps its id, which its bookmarks use: a fresh build gives another)
    assert {a.path: a.title for a in again.articles()} == {
        a.path: a.title for a in fresh.articles()
    }
    assert _answers(again) == _answers(fresh)
    assert again.update_index(workers=1).added == 0  # nothing left to index


@pytest.mark.usefixtures("small_share")
def test_a_dossier_from_before_the_journal_finds_no_schema_it_knows(tmp_path: Path) -> None:
    folder = IndexFolder(tmp_path)
    rows = rows_of(200)
    folder.write_meta(meta_of(rows))
    folder.write_meta(meta_of({**rows, **rows_of(3, start=900)}))
    on_disk = json.loads(folder.meta_path().read_text())
    assert "rows" not in on_disk["entries"] or not isinstance(on_disk["entries"]["rows"], dict)
    assert on_disk["schema"] != 9  # (it would have taken the pointer for an empty manifest)
    assert IndexFolder(tmp_path).read_meta()["schema"] == 9
    assert folder.read_meta()["schema"] == 9


@pytest.mark.usefixtures("small_share")
def test_the_log_is_on_disk_before_the_metadata_that_counts_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The metadata says how long the log is; after a power cut its rename may be on
    disk while an appended line that was never synced is not, and the manifest would
    then read as missing. The line is synced before the metadata replaces the old one."""
    folder = IndexFolder(tmp_path)
    rows = rows_of(200)
    folder.write_meta(meta_of(rows))
    done: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        done.append("synced " + os.path.basename(os.readlink(f"/proc/self/fd/{fd}")))
        real_fsync(fd)

    def replace(src: str | Path, dst: str | Path) -> None:
        done.append("replaced " + os.path.basename(dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    rows = {**rows, **rows_of(3, start=500)}
    folder.write_meta(meta_of(rows))
    (log,) = [name for name in journal_files(tmp_path) if name.endswith(".log")]
    meta = folder.meta_path().name
    assert f"synced {log}" in done and f"replaced {meta}" in done, done
    assert done.index(f"synced {log}") < done.index(f"replaced {meta}")


@pytest.mark.usefixtures("small_share")
@pytest.mark.parametrize("damage", ["drop not a list", "set not an object", "base too deep"])
def test_a_damaged_journal_reads_as_no_metadata(tmp_path: Path, damage: str) -> None:
    # A journal whose committed line parses but is not a change (a disk error, a hand
    # edit), or whose base nests thousands deep, raised TypeError or RecursionError out
    # of read_meta (a traceback in every command) where an unreadable metadata file
    # reads as none (the index is built again).
    folder = IndexFolder(tmp_path)
    rows = rows_of(200)
    folder.write_meta(meta_of(rows))
    folder.write_meta(meta_of({**rows, **rows_of(3, start=900)}))
    log = next(p for p in tmp_path.iterdir() if p.suffix == ".log")
    base = next(
        p
        for p in tmp_path.iterdir()
        if p.name.startswith(metajournal.PREFIX) and p.suffix == ".json"
    )
    size = log.stat().st_size
    if damage == "base too deep":
        base.unlink()  # (a hard link: the metadata's old version, written anew here)
        base.write_text("[" * 100_000)
    else:
        head = b'{"drop":5' if damage == "drop not a list" else b'{"set":[["a", 1]]'
        log.write_bytes(head + b" " * (size - len(head) - 2) + b"}\n")
        assert log.stat().st_size == size
    assert IndexFolder(tmp_path).read_meta() == {}
