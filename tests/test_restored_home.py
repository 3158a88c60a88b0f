"""A home restored from a backup or copied (``cp -a``): the files keep their size, time and
content, not their inode numbers. What is kept beside the index is used as it is (the
list's first rows at once, no look at every file); a file changed outside Dossier is
still seen."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import write_article
from tests.test_derived import settle
from tui import freshness
from tui.library import Library, derived, head
from tui.paths import config_dir

TITLES = ["Tide tables for the spring", "Lighthouse keeper retires", "Ferry fares go up"]


@pytest.fixture
def corpus(tmp_path: Path, hermetic_dirs: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder indexed, with a config file of the user's, unchanged since."""
    monkeypatch.setattr(head, "ROWS", 2)
    folder = tmp_path / "coast"
    for n, title in enumerate(TITLES):
        write_article(folder, f"{n}.txt", title, f"{title}: Ingrid Solberg spoke in Bergen.")
    settle(folder)
    config = config_dir()
    config.mkdir(parents=True, exist_ok=True)
    (config / "entities.yaml").write_text("person:\n  - Ingrid Solberg\n", encoding="utf-8")
    lib = Library.open(folder)
    lib.update_index(workers=1)
    lib.close()
    return folder


def copied_back(folder: Path) -> None:
    """``folder`` replaced by a copy of itself that keeps sizes, times and contents (new
    inode numbers), as a backup restored or ``cp -a`` makes it."""
    aside = folder.with_name(folder.name + ".orig")
    folder.rename(aside)
    shutil.copytree(aside, folder, copy_function=shutil.copy2)
    shutil.rmtree(aside)


def restored(corpus: Path) -> Path:
    """The index folder and the user's config dir, copied back; the index folder."""
    index = Library.open(corpus).paths.index
    copied_back(index)
    copied_back(config_dir())
    return index


def test_a_copied_home_shows_the_first_rows_at_once(corpus: Path) -> None:
    index = restored(corpus)
    lib = Library.open(corpus)
    rows = lib.head()
    assert rows is not None  # before: None, the folder read the long way
    assert [r.title for r in rows.rows] == ["Ferry fares go up", "Lighthouse keeper retires"]
    assert "Bergen" in lib.article(rows.rows[0].id).body
    # What is kept beside it is keyed to the copy now: the next start is as quick.
    assert Library.open(corpus).head() is not None
    assert derived.entries_key(index) == derived.meta_key(index, freshness.META_FILE)
    # The rest of the library follows: nothing to update.
    report = lib.update_index(workers=1)
    assert not report.rebuilt and report.touched == 0


def test_a_copy_whose_metadata_differs_is_not_taken_for_the_same(corpus: Path) -> None:
    """The metadata rewritten with another content of the same size and time (as an
    update within one tick of the clock may write it) is not the one summed."""
    index = restored(corpus)
    meta = index / freshness.META_FILE
    st = meta.stat()
    data = json.loads(meta.read_text(encoding="utf-8"))
    text = json.dumps(data, separators=(",", ":"))
    changed = text.replace('"schema":', '"schemb":', 1)
    assert changed != text and len(changed) == len(text)
    meta.write_text(changed, encoding="utf-8")
    os.utime(meta, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert Library.open(corpus).head() is None


def test_an_index_file_changed_in_the_copy_is_still_seen(corpus: Path) -> None:
    index = restored(corpus)
    (postings,) = index.glob("*.pst")
    postings.write_bytes(os.urandom(postings.stat().st_size))  # a new time
    lib = Library.open(corpus)
    assert lib.head() is None
    report = lib.update_index(workers=1)
    assert report.rebuilt and "changed outside Dossier" in report.message


def test_a_config_file_changed_in_the_copy_is_still_seen(corpus: Path) -> None:
    """A watched file with its size and time kept but another content: not the copy's."""
    restored(corpus)
    path = config_dir() / "entities.yaml"
    st = path.stat()
    path.write_text("person:\n  - Ingrid Solbakk\n", encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert Library.open(corpus).head() is None


def test_a_home_copied_elsewhere_shows_the_first_rows_at_once(
    corpus: Path, hermetic_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The home copied to another folder (cp -a): its config files are watched there."""
    for n, edited in enumerate((False, True)):
        elsewhere = hermetic_dirs.with_name(f"restored-home-{n}")
        shutil.copytree(hermetic_dirs, elsewhere, copy_function=shutil.copy2)
        with monkeypatch.context() as patch:
            patch.setenv("DOSSIER_HOME", str(elsewhere))
            path = config_dir() / "entities.yaml"
            assert path.is_relative_to(elsewhere)
            if edited:  # in the copy, keeping its size and time: seen
                st = path.stat()
                path.write_text("person:\n  - Ingrid Solbakk\n", encoding="utf-8")
                os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
            lib = Library.open(corpus)
            assert lib.paths.index.is_relative_to(elsewhere)
            assert (lib.head() is None) is edited  # before: None for both
            if not edited:
                assert not lib.update_index(workers=1).touched


def copied_without_times(folder: Path) -> None:
    """``folder`` replaced by a copy that keeps sizes and contents but not times (``cp
    -r``, a sync tool that does not keep them): every file is newer."""
    aside = folder.with_name(folder.name + ".orig")
    folder.rename(aside)
    shutil.copytree(aside, folder, copy_function=shutil.copy)
    shutil.rmtree(aside)
    for path in folder.iterdir():
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))


def test_a_home_copied_without_its_times_is_not_built_again(corpus: Path) -> None:
    """Each index file's content is the one committed (its sum): no rebuild of every
    article (minutes at 50,000); the times are noted, and the next start is quick."""
    index = Library.open(corpus).paths.index
    copied_without_times(index)
    copied_without_times(config_dir())
    lib = Library.open(corpus)
    report = lib.update_index(workers=1)
    assert not report.rebuilt and report.touched == 0, report.message
    assert lib.count("Bergen") == len(TITLES)
    assert Library.open(corpus).head() is not None
    assert not Library.open(corpus).update_index(workers=1).touched


def test_an_index_file_changed_in_a_copy_without_times_is_still_seen(corpus: Path) -> None:
    index = Library.open(corpus).paths.index
    copied_without_times(index)
    (postings,) = index.glob("*.pst")
    data = bytearray(postings.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one byte, the same size
    postings.write_bytes(bytes(data))
    report = Library.open(corpus).update_index(workers=1)
    assert report.rebuilt and "changed outside Dossier" in report.message


def test_a_copy_without_times_opened_while_another_process_writes_keeps_its_manifest(
    corpus: Path,
) -> None:
    """The times are noted only under the write lock: a process that checked the copy
    must not write its older metadata over the one an update (holding the lock) writes."""
    from tui.index.storage import folder_lock

    index = Library.open(corpus).paths.index
    copied_without_times(index)

    def files() -> dict[str, bytes]:
        """The metadata and its journal (the manifest of every article)."""
        names = [p for p in index.iterdir() if p.name.startswith(("dossier-meta", "dossier-rows"))]
        return {p.name: p.read_bytes() for p in names}

    lock = folder_lock(index)
    assert lock.acquire(blocking=False)
    try:
        before = files()
        report = Library.open(corpus).update_index(workers=1)
        assert not report.rebuilt and report.touched == 0, report.message
        assert files() == before  # nothing written while another process holds the lock
    finally:
        lock.release()
    assert not Library.open(corpus).update_index(workers=1).touched


def test_noting_the_times_of_a_copy_keeps_a_metadata_written_meanwhile(corpus: Path) -> None:
    """Review of 3af1de1: damage() notes the new times by writing the metadata as it
    read it, outside the index's lock (any reader opens the index). Another process's
    update written in between (its rows, its record) was replaced by the older copy."""
    from tui.index.folder import IndexFolder
    from tui.index.storage import open_index

    index = Library.open(corpus).paths.index
    copied_without_times(index)
    reader = IndexFolder(index)
    meta = reader.read_meta()
    ix = open_index(index)
    writer = IndexFolder(index)  # another process, which updates meanwhile
    writer.read_meta()
    writer.write_meta({**meta, "written": "meanwhile"})
    assert reader.damage(ix, meta) is None  # the content committed: no damage
    assert IndexFolder(index).read_meta().get("written") == "meanwhile"
