"""``dossier index`` on an unchanged folder answers from the freshness stamp, without
the library or Whoosh (tui.commands.quick), and says exactly what the usual path says;
any change, in place or not, still goes the usual way."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import cli_in_subprocess, write_article
from tests.test_derived import settle
from tui.commands import main, quick
from tui.library import Library


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    write_article(folder, "a.txt", "Talks", "Foreign Minister Anna Lindqvist met reporters.")
    write_article(folder, "sub/b.txt", "Later", "On Tuesday, Lindqvist said the talks would go on.")
    write_article(folder, "c.txt", "Weather", "The weather was fine all week in the harbour.")
    settle(folder)
    return folder


def test_an_unchanged_folder_is_answered_without_whoosh_or_the_library(corpus: Path) -> None:
    assert main(["index", str(corpus), "--quiet"]) == 0
    output, modules = cli_in_subprocess("index", str(corpus))
    assert output.strip() == f"index of {corpus.resolve()} is up to date: 3 articles"
    heavy = {m for m in modules if m.split(".")[0] in ("whoosh", "yaml")}
    heavy |= {m for m in modules if m.startswith(("tui.library", "tui.index", "numpy"))}
    heavy |= {m for m in modules if m in ("tui.settings", "tui.sentences")}
    assert not heavy, sorted(heavy)


def test_it_says_what_the_usual_path_says(
    corpus: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["index", str(corpus), "--quiet"]) == 0
    capsys.readouterr()
    assert quick.index_unchanged([str(corpus)]) == 0
    quick_out = capsys.readouterr().out
    assert quick.index_unchanged(["--corpus", str(corpus), "-q"]) == 0
    assert capsys.readouterr().out == ""
    monkeypatch.setattr(quick, "index_unchanged", lambda argv: None)
    assert main(["index", str(corpus)]) == 0
    assert capsys.readouterr().out == quick_out


@pytest.mark.parametrize("change", ["add", "remove", "rename", "edit in place", "config"])
def test_any_change_goes_the_usual_way(
    corpus: Path, capsys: pytest.CaptureFixture[str], change: str
) -> None:
    from tui.paths import config_dir

    assert main(["index", str(corpus), "--quiet"]) == 0
    assert quick.index_unchanged([str(corpus), "-q"]) == 0
    if change == "add":
        write_article(corpus, "sub/d.txt", "New", "Snow fell on the quay.")
    elif change == "remove":
        (corpus / "sub" / "b.txt").unlink()
    elif change == "rename":
        (corpus / "c.txt").rename(corpus / "sub" / "c.txt")
    elif change == "edit in place":  # same size, the folder's time unchanged
        path = corpus / "c.txt"
        before = path.stat()
        path.write_text(path.read_text().replace("fine", "good"), encoding="utf-8")
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1))
        settle(corpus)
    else:
        config_dir().mkdir(parents=True, exist_ok=True)
        (config_dir() / "entities.yaml").write_text("people: [Quay Master]\n", encoding="utf-8")
    assert quick.index_unchanged([str(corpus), "-q"]) is None
    capsys.readouterr()
    assert main(["index", str(corpus)]) == 0
    out = capsys.readouterr().out
    if change in ("add", "remove", "edit in place"):
        assert "indexed" in out, out
    if change == "edit in place":
        assert "1 changed" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["--rebuild"],
        ["--help"],
        ["a", "b"],
        ["a", "--corpus", "b"],
        ["--corpus"],
        ["--quiet=1"],
        ["--corpus", "a", "--corpus", "b"],
        ["--json"],
    ],
)
def test_other_options_go_to_the_parser(argv: list[str]) -> None:
    assert quick.parse(argv) is None


def test_plain_options_are_read_as_the_parser_reads_them() -> None:
    assert quick.parse(["news", "-q"]) == {"corpus": "news", "quiet": True}
    assert quick.parse(["--corpus=news", "--data-dir", "d"]) == {"corpus": "news", "data_dir": "d"}
    assert quick.parse(["--", "-odd"]) == {"corpus": "-odd"}
    assert quick.parse([]) == {}


def test_a_folder_without_an_index_goes_the_usual_way(corpus: Path) -> None:
    assert quick.index_unchanged([str(corpus)]) is None
    assert quick.index_unchanged([str(corpus / "missing")]) is None


def test_a_change_is_indexed_after_one_look_at_the_folder(
    corpus: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.articles
    import tui.library.catalog

    assert main(["index", str(corpus), "--quiet"]) == 0
    looks: list[Path] = []
    original = tui.articles.stat_article_files

    def counted(folder: Path, *args: object, **kwargs: object) -> dict[str, tuple[int, int]]:
        looks.append(folder)
        return original(folder, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(tui.articles, "stat_article_files", counted)
    monkeypatch.setattr(tui.library.catalog, "stat_article_files", counted)
    write_article(corpus, "sub/d.txt", "New", "Snow fell on the quay.")
    capsys.readouterr()
    assert main(["index", str(corpus)]) == 0
    assert "(1 added, 0 changed, 0 removed)" in capsys.readouterr().out
    assert len(looks) == 1  # the quick check's look is the update's
    looks.clear()
    assert main(["index", str(corpus)]) == 0  # and the stamp it left is good
    assert capsys.readouterr().out.strip().endswith("is up to date: 4 articles")


# -- every file looked at by name (freshness.files_unchanged) -----------------------------


@pytest.fixture
def by_name(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``corpus`` indexed, its folders then trusted to hold what the update listed: a
    folder changed within SETTLE seconds of the scan is listed again, as the fixture's
    are (made just before it); with no such window the check looks at each file by
    name, as it does at a folder changed long before (the usual case)."""
    from tui import freshness

    monkeypatch.setattr(freshness, "SETTLE", 0.0)
    assert main(["index", str(corpus), "--quiet"]) == 0
    return corpus


def _no_listing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any listing of a folder fail the test."""
    import tui.articles

    def listed(*args: object, **kwargs: object) -> None:
        raise AssertionError("a folder was listed")

    monkeypatch.setattr(tui.articles, "stat_article_files", listed)
    monkeypatch.setattr(tui.articles, "folder_listing", listed)


def _listings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The folders listed again from now on (each listing, in order)."""
    import tui.articles

    listed: list[str] = []
    original = tui.articles.folder_listing

    def counted(folder: str, *args: object) -> object:
        listed.append(folder)
        return original(folder, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(tui.articles, "folder_listing", counted)
    return listed


def test_an_unchanged_folder_is_checked_file_by_file_without_a_listing(
    by_name: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui import freshness
    from tui.paths import corpus_paths

    assert (corpus_paths(by_name).index / freshness.FILES_NAME).exists()
    _no_listing(monkeypatch)
    capsys.readouterr()
    assert quick.index_unchanged([str(by_name)]) == 0
    assert capsys.readouterr().out.strip().endswith("is up to date: 3 articles")


def _set_back(folder: Path, before: os.stat_result) -> None:
    os.utime(folder, ns=(before.st_atime_ns, before.st_mtime_ns))


@pytest.mark.parametrize(
    "change, counts",
    [
        ("edit in place", "(0 added, 1 changed, 0 removed)"),
        ("add, folder's time set back", "(1 added, 0 changed, 0 removed)"),
        ("remove, folder's time set back", "(0 added, 0 changed, 1 removed)"),
        ("rename, folder's time set back", "(0 added, 1 changed, 0 removed)"),
        ("replace, folder's time set back", "(0 added, 1 changed, 0 removed)"),
        ("new subfolder, folder's time set back", "(1 added, 0 changed, 0 removed)"),
    ],
)
def test_each_change_is_found_without_a_listing_of_the_folders(
    by_name: Path, capsys: pytest.CaptureFixture[str], change: str, counts: str
) -> None:
    """A file's own size and time show an edit in place; a file added, removed,
    renamed or replaced changes its folder's status-change time, which is not set
    back with the folder's modification time (as rsync and tar set it back)."""
    sub = by_name / "sub"
    before = sub.stat()
    if change == "edit in place":  # the same size, the folder untouched
        path = sub / "b.txt"
        was = path.stat()
        path.write_text(path.read_text().replace("Tuesday", "Thursda"), encoding="utf-8")
        os.utime(path, ns=(was.st_atime_ns, was.st_mtime_ns + 1_000_000))
        assert path.stat().st_size == was.st_size and sub.stat().st_ctime_ns == before.st_ctime_ns
    elif change.startswith("add"):
        write_article(sub, "d.txt", "New", "Snow fell on the quay.")
    elif change.startswith("remove"):
        (sub / "b.txt").unlink()
    elif change.startswith("rename"):
        (sub / "b.txt").rename(sub / "e.txt")
    elif change.startswith("replace"):  # another file of the same size put in its place
        path = sub / "b.txt"
        text = path.read_text().replace("Tuesday", "Thursda")
        (sub / "b.tmp").write_text(text, encoding="utf-8")
        os.replace(sub / "b.tmp", path)
    else:
        write_article(sub / "deeper", "f.txt", "Deeper", "Rain fell on the pier.")
    if change != "edit in place":
        _set_back(sub, before)
    assert sub.stat().st_mtime_ns == before.st_mtime_ns
    assert quick.index_unchanged([str(by_name), "-q"]) is None
    capsys.readouterr()
    assert main(["index", str(by_name)]) == 0
    assert counts in capsys.readouterr().out
    assert quick.index_unchanged([str(by_name), "-q"]) == 0  # and the stamp it left is good


def _same_size_and_time(path: Path, text: str) -> None:
    """Write ``text`` (as long as what ``path`` holds) to ``path`` and give it the time
    ``path`` has: another file with the same size and time (a ``cp -p`` from a copy
    made at the same time)."""
    was = path.stat()
    assert len(text.encode()) == was.st_size and text != path.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(was.st_atime_ns, was.st_mtime_ns))


@pytest.mark.parametrize("how", ["cp -p over it", "renamed over it", "rsync -t over it"])
def test_a_file_replaced_by_another_of_the_same_size_and_time_is_indexed_again(
    by_name: Path, capsys: pytest.CaptureFixture[str], how: str
) -> None:
    """Size and time alone take such a file as unchanged: its inode number (another
    file put in its place) or its status-change time (written over, its time set back
    after: it cannot be set back) tells it."""
    sub = by_name / "sub"
    path, before = sub / "b.txt", sub.stat()
    was = path.stat()
    text = path.read_text(encoding="utf-8").replace("Tuesday", "Thursda")
    if how == "cp -p over it":  # the same inode, written over
        _same_size_and_time(path, text)
        assert sub.stat().st_ctime_ns == before.st_ctime_ns  # the folder as it was
    else:  # another file, renamed over it (rsync -t writes a copy beside it first)
        other = sub / (".b.txt.Xy12" if how.startswith("rsync") else "b.new")
        other.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
        os.utime(other, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns))
        _same_size_and_time(other, text)
        os.replace(other, path)
        _set_back(sub, before)
    now = path.stat()
    assert (now.st_size, now.st_mtime_ns) == (was.st_size, was.st_mtime_ns)
    assert sub.stat().st_mtime_ns == before.st_mtime_ns
    assert quick.index_unchanged([str(by_name), "-q"]) is None
    capsys.readouterr()
    assert main(["index", str(by_name)]) == 0
    assert "(0 added, 1 changed, 0 removed)" in capsys.readouterr().out
    assert main(["search", "Thursda", "--corpus", str(by_name), "--no-server"]) == 0
    assert "Later" in capsys.readouterr().out
    assert quick.index_unchanged([str(by_name), "-q"]) == 0  # and the stamp it left is good


def test_a_file_written_over_in_the_tick_the_scan_began_in_is_compared(
    corpus: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The kernel dates a change at its clock's tick: a file changed in the tick the
    update's scan began in, written over again after the scan looked at it but within
    that tick, its time set back, keeps its ``ctime``, inode, size and time. The update
    took it as unchanged and kept its mark: the change was never indexed, and every
    check after said the folder was up to date. The scan waits for the tick to be
    over, and the update compares the content of such a file."""
    from types import SimpleNamespace

    import tui.articles
    from tui import freshness

    monkeypatch.setattr(freshness, "SETTLE", 0.0)  # the folders' entries as the scan saw them
    assert main(["index", str(corpus), "--quiet"]) == 0
    path = corpus / "sub" / "b.txt"
    was = path.stat()
    text = path.read_text(encoding="utf-8").replace("Tuesday", "Thursda")
    waits: list[int] = []

    def in_the_tick(moment: int, longest: float = 1.1) -> None:
        """The rest of b.txt's tick, after the scan looked at it: written over."""
        waits.append(moment)
        if len(waits) == 1:
            _same_size_and_time(path, text)

    # The update's scan begins in the tick b.txt changed in (a coarse clock's 4 ms).
    monkeypatch.setattr(tui.articles, "scan_started", lambda: was.st_ctime_ns)
    monkeypatch.setattr(tui.articles, "wait_past", in_the_tick)
    report = Library.open(corpus).update_index(workers=1)  # (the app's, after a change)
    assert waits and (report.added, report.changed, report.removed) == (0, 1, 0)
    capsys.readouterr()
    assert main(["search", "Thursda", "--corpus", str(corpus), "--no-server"]) == 0
    assert "Later" in capsys.readouterr().out
    real_stat = os.stat

    def dated_in_that_tick(*args: object, **kwargs: object) -> object:
        """b.txt as a coarse clock dates it: its ctime as it was."""
        st = real_stat(*args, **kwargs)  # type: ignore[arg-type]
        if st.st_ino != was.st_ino or st.st_dev != was.st_dev:
            return st
        return SimpleNamespace(
            st_mode=st.st_mode,
            st_ino=st.st_ino,
            st_dev=st.st_dev,
            st_size=st.st_size,
            st_mtime_ns=st.st_mtime_ns,
            st_ctime_ns=was.st_ctime_ns,
        )

    with monkeypatch.context() as tick:  # the listing keeps b.txt's mark: up to date
        tick.setattr(os, "stat", dated_in_that_tick)
        assert quick.index_unchanged([str(corpus), "-q"]) == 0


def test_a_file_changed_in_the_scans_tick_and_found_as_it_was_is_not_indexed_again(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.articles
    from tui import freshness

    monkeypatch.setattr(freshness, "SETTLE", 0.0)
    assert main(["index", str(corpus), "--quiet"]) == 0
    newest = max(p.stat().st_ctime_ns for p in corpus.rglob("*.txt"))
    waits: list[int] = []
    with monkeypatch.context() as tick:  # every file changed in the scan's first tick
        tick.setattr(tui.articles, "scan_started", lambda: newest)
        tick.setattr(tui.articles, "wait_past", lambda moment, longest=1.1: waits.append(moment))
        report = Library.open(corpus).update_index(workers=1)  # compared: the same content
    assert waits == [newest + 1]  # (a nanosecond clock's tick)
    assert (report.added, report.changed, report.removed) == (0, 0, 0)
    assert quick.index_unchanged([str(corpus), "-q"]) == 0  # the listing keeps their marks


@pytest.mark.parametrize(
    "ctime, unsettled",
    [
        (10_399_999_999, False),  # dated to the nanosecond, before the scan began
        (10_400_000_001, True),  # after
        (10_000_000_000, True),  # a whole second (ext3's small inodes): 10 s to 11 s
        (9_000_000_000, False),  # 9 s to 10 s: over
        (10_399_000_000, False),  # a whole millisecond: over when the scan began
        (10_400_000_000, True),  # the scan's
        (1_000_000, False),
    ],
)
def test_a_change_is_unsettled_while_its_tick_is_not_over(ctime: int, unsettled: bool) -> None:
    from types import SimpleNamespace

    from tui.mounts import change_mark, scan_mark, settled

    st = SimpleNamespace(st_ctime_ns=ctime, st_ino=7)
    mark = scan_mark(st, 10_400_000_000)  # type: ignore[arg-type]
    assert (mark < 0) is unsettled
    assert settled(mark) == change_mark(st) >= 0  # type: ignore[arg-type]


def test_a_file_whose_mode_only_changed_is_compared_not_indexed_again(
    by_name: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A ``chmod`` moves the file's status-change time too: the check cannot tell it
    from a rewrite, the update compares the content and finds it as it was."""
    path = by_name / "c.txt"
    os.chmod(path, 0o600)
    assert quick.index_unchanged([str(by_name), "-q"]) is None
    capsys.readouterr()
    assert main(["index", str(by_name)]) == 0
    out = capsys.readouterr().out
    assert "changed" not in out or "0 changed" in out, out
    assert quick.index_unchanged([str(by_name), "-q"]) == 0


def test_where_inode_numbers_are_not_kept_files_are_told_by_size_and_time(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On FAT, FUSE and network filesystems a file's inode number may change at each
    mount: the listing keeps no change marks for their folders, and a check there
    compares sizes and times only (as before)."""
    import json

    from tui import freshness
    from tui.mounts import ChangeTimes
    from tui.paths import corpus_paths

    monkeypatch.setattr(freshness, "SETTLE", 0.0)
    with monkeypatch.context() as fat:  # (not undo(): the data folder is the fixture's)
        fat.setattr(ChangeTimes, "kept", lambda self, folder, device: False)
        assert main(["index", str(corpus), "--quiet"]) == 0
        listing = json.loads((corpus_paths(corpus).index / freshness.FILES_NAME).read_text())
        assert [marks for *_, marks in listing["folders"].values()] == ["", ""]
        os.chmod(corpus / "c.txt", 0o600)  # seen only by its change mark
        assert quick.index_unchanged([str(corpus), "-q"]) == 0
    assert quick.index_unchanged([str(corpus), "-q"]) == 0  # no marks to compare


def test_a_listing_of_the_format_before_the_marks_is_written_again(
    by_name: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from tui import freshness
    from tui.paths import corpus_paths

    path = corpus_paths(by_name).index / freshness.FILES_NAME
    listing = json.loads(path.read_text())
    listing["version"] = 1
    listing["folders"] = {f: v[:3] for f, v in listing["folders"].items()}
    path.write_text(json.dumps(listing))
    assert quick.index_unchanged([str(by_name), "-q"]) is None
    assert main(["index", str(by_name), "--quiet"]) == 0
    assert json.loads(path.read_text())["version"] == 2
    assert quick.index_unchanged([str(by_name), "-q"]) == 0


def test_a_folder_changed_back_as_it_was_is_listed_again_and_trusted(
    by_name: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder whose entries changed (its status-change time moved) but that lists as
    the update listed it (a file added and removed again) is up to date. (A file
    removed and put back as it was is another file: its change mark tells it, as it
    tells a file put in its place, and the update compares its content.)"""
    path = by_name / "sub" / "b.txt"
    before = path.parent.stat()
    write_article(path.parent, "d.txt", "New", "Snow fell on the quay.")
    (path.parent / "d.txt").unlink()
    _set_back(path.parent, before)
    assert path.parent.stat().st_ctime_ns != before.st_ctime_ns
    listed = _listings(monkeypatch)
    assert quick.index_unchanged([str(by_name), "-q"]) == 0
    assert listed == [str(path.parent)]


def test_without_its_listing_the_check_looks_at_every_file(
    by_name: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui import freshness
    from tui.paths import corpus_paths

    listing = corpus_paths(by_name).index / freshness.FILES_NAME
    listing.write_text(listing.read_text().replace('"token":"', '"token":"x'), encoding="utf-8")
    assert quick.index_unchanged([str(by_name), "-q"]) == 0  # by the walk
    path = by_name / "c.txt"
    was = path.stat()
    path.write_text(path.read_text().replace("fine", "good"), encoding="utf-8")
    os.utime(path, ns=(was.st_atime_ns, was.st_mtime_ns + 1_000_000))
    assert quick.index_unchanged([str(by_name), "-q"]) is None
    assert quick.checked  # the walk's look is kept for the update
    listing.unlink()
    capsys.readouterr()
    assert main(["index", str(by_name)]) == 0
    assert "(0 added, 1 changed, 0 removed)" in capsys.readouterr().out
    assert listing.exists()


def test_the_settings_are_read_again_only_when_their_files_changed(by_name: Path) -> None:
    from tests.conftest import write_config
    from tui import freshness
    from tui.paths import corpus_paths

    index = corpus_paths(by_name).index
    assert freshness.stamped_skip(index) is not None
    write_article(by_name, "README.txt", "Read me", "How this folder was made.")
    _set_back(by_name, by_name.stat())
    write_config("corpus:\n  skip: ['README*', 'NOTES*']\n")
    assert freshness.stamped_skip(index) is None
    assert quick.index_unchanged([str(by_name), "-q"]) is None  # another skip list


def test_a_folder_listed_again_as_it_was_is_trusted_at_its_new_ctime(
    by_name: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder whose entries' time moved after the scan (a chmod here; a file the
    app's watcher saw added, indexed within the window) is listed once, found as the
    update listed it, and trusted at that time by the next checks; a change after
    that moves its time again, and is found."""
    sub = by_name / "sub"
    before = sub.stat()
    os.chmod(sub, 0o750)
    assert sub.stat().st_ctime_ns != before.st_ctime_ns
    listed = _listings(monkeypatch)
    assert quick.index_unchanged([str(by_name), "-q"]) == 0
    assert listed == [str(sub)]
    assert quick.index_unchanged([str(by_name), "-q"]) == 0
    assert listed == [str(sub)]  # not listed again
    write_article(sub, "d.txt", "New", "Snow fell on the quay.")
    _set_back(sub, before)
    assert quick.index_unchanged([str(by_name), "-q"]) is None
    assert listed == [str(sub)] * 2


def test_a_folder_whose_ctime_is_not_its_last_change_is_listed_again(
    by_name: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """On a FAT stick a folder's ``ctime`` is its ``mtime`` (set back with it) and the
    root's are 0 after each mount: a file added there can leave both as they were.
    Such a folder (a filesystem not known to keep ``ctime``) is listed again, as the
    walk before the listing did."""
    from stat import S_ISDIR
    from types import SimpleNamespace

    from tui import freshness
    from tui.mounts import ChangeTimes

    sub = by_name / "sub"
    before = sub.stat()
    write_article(sub, "d.txt", "New", "Snow fell on the quay.")  # added on another system
    _set_back(sub, before)
    real_fstat = os.fstat

    def fat_fstat(fd: int) -> object:  # a folder's ctime as FAT can give it: 0, or old
        st = real_fstat(fd)
        if not S_ISDIR(st.st_mode):
            return st
        return SimpleNamespace(
            st_mode=st.st_mode, st_dev=st.st_dev, st_mtime_ns=st.st_mtime_ns, st_ctime_ns=0
        )

    with monkeypatch.context() as fat:  # (not undo(): the data folder is the fixture's)
        fat.setattr(freshness.os, "fstat", fat_fstat)
        fat.setattr(ChangeTimes, "kept", lambda self, folder, device: False)
        assert quick.index_unchanged([str(by_name), "-q"]) is None
    capsys.readouterr()
    assert main(["index", str(by_name)]) == 0
    assert "(1 added, 0 changed, 0 removed)" in capsys.readouterr().out


def test_a_folders_filesystem_is_the_mount_that_holds_it(tmp_path: Path) -> None:
    from tui.mounts import ChangeTimes, filesystem_of, mount_points

    points = mount_points(
        "29 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda1 rw\n"
        "41 29 8:17 / /media/stick rw,nosuid - vfat /dev/sdb1 rw,fmask=0022\n"
        "42 29 0:45 / /mnt/far rw master:3 shared:9 - fuse.sshfs host:/ rw\n"
        "43 29 0:46 / /mnt/my\\040disk rw - exfat /dev/sdc1 rw\n"
        "44 29 0:47 / /srv rw - btrfs /dev/vdb rw,subvol=/srv\n"
        "45 29 0:48 / /mnt/far rw - xfs /dev/vdc rw\n"  # mounted over the sshfs
        "a broken line\n"
    )
    assert filesystem_of("/media/stick/news", points) == "vfat"
    assert filesystem_of("/media/sticker", points) == "ext4"
    assert filesystem_of("/mnt/my disk/news", points) == "exfat"
    assert filesystem_of("/mnt/far/news", points) == "xfs"
    # a btrfs subvolume below /srv has a device number of its own: its mount says btrfs
    assert filesystem_of("/srv/jo/subvolume/news", points) == "btrfs"
    assert filesystem_of("relative", points) is None
    # where the tests make their corpora (ext4, tmpfs, overlay...) ctime is trusted: the
    # tests of the check file by file test it (not the listing every folder gets elsewhere)
    assert ChangeTimes().kept(str(tmp_path), os.stat(tmp_path).st_dev)


def test_the_scan_waits_for_the_tick_to_be_over_and_no_longer() -> None:
    import time

    from tui.mounts import scan_started, wait_past

    moment = scan_started() + 5_000_000
    wait_past(moment)
    assert scan_started() >= moment
    begun = time.monotonic()
    wait_past(scan_started() + 60_000_000_000, longest=0.05)  # a clock set far ahead
    assert time.monotonic() - begun < 1.0


def test_where_no_change_mark_is_kept_no_file_is_unsettled_and_no_scan_waits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Off Linux no listing keeps a change mark (the mount table is Linux's): a scan
    there waited up to a second after a file changed in the last second, for nothing."""
    import sys
    import time
    from types import SimpleNamespace

    from tui import mounts

    monkeypatch.setattr(sys, "platform", "darwin")
    started = mounts.scan_started()
    st = SimpleNamespace(st_ctime_ns=time.time_ns(), st_ino=7)
    assert mounts.scan_mark(st, started) >= 0  # type: ignore[arg-type]
    begun = time.monotonic()
    mounts.wait_past(time.time_ns() + 500_000_000)
    assert time.monotonic() - begun < 0.2
