"""While a full build's names are pending: the freshness stamp says the folder is as
indexed, a search trusts it, `dossier index` and the app do not, and no change of the
folder is taken for none (tui.freshness); how far the names are, told to other
processes (tui.library.names_told)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import write_article
from tests.test_two_phase import _corpus, stopped_finding_names
from tui import freshness
from tui.library import Library
from tui.library.names_told import PROGRESS_NAME, NamesTold, read_progress, write_progress
from tui.library.naming import NamingLock


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return _corpus(tmp_path / "news")


def _stopped(corpus: Path) -> Library:
    lib = Library.open(corpus)
    report = stopped_finding_names(lib, workers=1)
    assert report.names_pending and lib.names_pending()
    return lib


def test_a_search_trusts_the_stamp_while_the_names_are_pending(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.commands import main, quick

    lib = _stopped(corpus)
    # A search: the folder as indexed, from a few stat calls; the manifest not read (its
    # hits' entries come from the copy beside the index).
    fresh = Library.open(corpus)
    assert fresh.quick_update(names_pending=True)
    assert fresh.quick_update(every_file=True, names_pending=True)
    hits = fresh.search("ceasefire", limit=5).hits
    assert len(hits) == 5 and all(h.path.startswith("part") for h in hits)
    assert not fresh.catalog.state.entries
    # `dossier index` and the app find the names: the stamp does not answer them.
    assert not Library.open(corpus).quick_update()
    assert not Library.open(corpus).quick_update(every_file=True)
    assert quick.index_unchanged(["--corpus", str(corpus)]) is None
    # The command line: the search answers, and says the names are pending.
    code = main(["search", "--no-server", "--corpus", str(corpus), 'person:"tony blair"'])
    _out, err = capsys.readouterr()
    assert code == 1 and "names are still to be found" in err
    # Once they are found, every command trusts the stamp again.
    assert main(["index", str(corpus)]) == 0
    assert Library.open(corpus).quick_update()
    assert quick.index_unchanged(["--corpus", str(corpus)]) == 0
    lib.close()


def _add(corpus: Path) -> None:
    write_article(corpus, "part1/late.txt", "Late news", "Jacques Chirac spoke in Rome.")


def _remove(corpus: Path) -> None:
    (corpus / "part0" / "story0000.txt").unlink()


def _rename(corpus: Path) -> None:
    os.rename(corpus / "part2" / "story0002.txt", corpus / "part2" / "renamed.txt")


def _new_folder(corpus: Path) -> None:
    write_article(corpus, "part3/deep/new.txt", "New", "Gordon Brown in Leeds.")


def _config(corpus: Path) -> None:
    from tui.ner import curation

    curation.ignore_name(Library.open(corpus).config_dir / "entities.yaml", "Tony Blair")


@pytest.mark.parametrize(
    "change", [_add, _remove, _rename, _new_folder, _config], ids=lambda f: f.__name__[1:]
)
def test_a_folder_changed_while_the_names_are_pending_is_never_unchanged(
    corpus: Path, change: Callable[[Path], None]
) -> None:
    _stopped(corpus)
    assert Library.open(corpus).quick_update(names_pending=True)
    change(corpus)
    assert not Library.open(corpus).quick_update(names_pending=True)
    assert not Library.open(corpus).quick_update(every_file=True, names_pending=True)
    # The search's update indexes the change, leaves the names, and stamps it so.
    from tui.commands.common import ensure_index

    report = ensure_index(Library.open(corpus), quiet=True, stamp="folders", names=False)
    assert report.names_pending
    assert Library.open(corpus).quick_update(names_pending=True)
    assert not Library.open(corpus).quick_update()


def test_a_file_rewritten_in_place_while_the_names_are_pending_is_seen_by_a_look_at_every_file(
    corpus: Path,
) -> None:
    _stopped(corpus)
    path = corpus / "part1" / "story0001.txt"
    time.sleep(0.01)
    path.write_text(path.read_text() + "\nMore about the harbour.\n")
    assert not Library.open(corpus).quick_update(every_file=True, names_pending=True)


def test_the_stamp_follows_the_commits_of_the_process_finding_the_names(corpus: Path) -> None:
    """Another process commits names (here: add_names called directly, which leaves the
    stamp alone): the stamp no longer matches the index until the process finding them
    says that the index it saw is its own (follow_index); a stamp another process wrote
    meanwhile is left as it is."""
    from tui.library.naming import add_names
    from tui.library.prepare import config_signature

    lib = _stopped(corpus)
    folder = lib.paths.index
    before = freshness.index_files(folder)
    config = str(lib.config_dir)
    named = add_names(lib.index, config, config_signature(config), lib.catalog.state, 1)
    assert named.found and not named.pending
    assert not Library.open(corpus).quick_update(names_pending=True)
    assert freshness.follow_index(folder, {"not": None}) is None  # not the index it saw
    assert not Library.open(corpus).quick_update(names_pending=True)
    assert freshness.follow_index(folder, before) == freshness.index_files(folder)
    assert Library.open(corpus).quick_update(names_pending=True)
    # (`dossier index` finds nothing left to name, and stamps the folder as named)
    report = Library.open(corpus).update_index(workers=1)
    assert not report.names_pending
    assert freshness.follow_index(folder, None) is None  # a stamp with every name
    assert Library.open(corpus).quick_update()


def test_the_progress_file_says_how_far_the_names_are_and_goes_when_they_stop(
    corpus: Path,
) -> None:
    lib = Library.open(corpus)
    folder = lib.paths.index
    seen: list[tuple[int, int] | None] = []

    def naming(done: int, total: int) -> None:
        seen.append(read_progress(folder))

    report = lib.update_index(workers=1, naming=naming)
    assert report.names_found == 24
    # The file is written before the caller is told of the next count: it says the
    # first count (0 of 24) by the time the caller hears of the second.
    assert seen[1] == (0, 24)
    assert all(s is not None and s[1] == 24 for s in seen[1:])
    assert not (folder / PROGRESS_NAME).exists()


def test_a_process_that_did_not_find_the_names_leaves_the_progress_file(corpus: Path) -> None:
    lib = _stopped(corpus)
    folder = lib.paths.index
    lock = NamingLock(folder)
    assert lock.acquire()
    try:
        write_progress(folder, 5, 24)  # "the other process"
        report = Library.open(corpus).update_index(workers=1)
        assert report.names_pending and not report.names_found
        assert read_progress(folder) == (5, 24)
    finally:
        lock.release()


def test_the_progress_file_is_read_only_when_whole(tmp_path: Path) -> None:
    assert read_progress(tmp_path) is None
    (tmp_path / PROGRESS_NAME).write_text('{"done": 3, "tot')
    assert read_progress(tmp_path) is None
    (tmp_path / PROGRESS_NAME).write_text('{"done": 30, "total": 24}')
    assert read_progress(tmp_path) is None
    write_progress(tmp_path, 3, 24)
    assert read_progress(tmp_path) == (3, 24)
    told: list[tuple[int, int]] = []
    names = NamesTold(tmp_path, lambda d, t: told.append((d, t)))
    names(0, 10)
    names(1, 10)  # told at once, the file within EVERY seconds
    assert told == [(0, 10), (1, 10)] and read_progress(tmp_path) == (0, 10)
    names(10, 10)
    assert read_progress(tmp_path) == (10, 10)
    names.close()
    assert read_progress(tmp_path) is None


def test_names_stopped_by_ctrl_c_leave_a_stamp_a_search_trusts(corpus: Path) -> None:
    """Ctrl-C while the names are found (KeyboardInterrupt through the update, as in
    `dossier index`): what was named is committed, and the stamp says the folder as it
    is left, so the searches that follow do not compare it with the manifest."""
    lib = Library.open(corpus)

    def naming(done: int, total: int) -> None:
        if done:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        lib.update_index(workers=1, naming=naming)
    assert Library.open(corpus).names_pending()
    assert Library.open(corpus).quick_update(names_pending=True)
    assert not Library.open(corpus).quick_update()
