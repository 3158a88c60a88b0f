"""The index's life: first build, update, rebuild, failures, kills, and what searches see."""

from __future__ import annotations

import errno
import os
import resource
import stat
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from tests.conftest import write_article
from tui.library import Library, LibraryError

REPO = Path(__file__).resolve().parent.parent


def _corpus(folder: Path, n: int = 30) -> Path:
    for i in range(n):
        write_article(
            folder,
            f"part{i % 3}/story{i:04d}.txt",
            f"Story {i} about the harbour",
            f"Negotiators met in Valmora on day {i} to discuss a ceasefire along the harbour.",
            f"Word{i} appears here, and grain prices rose {i} percent.",
        )
    return folder


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return _corpus(tmp_path / "news")


def _segment_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("MAIN_") and "." in p.name)


def _disk_full(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_the_entity_model_is_loaded_before_the_articles_are_prepared(corpus, monkeypatch) -> None:
    """Loaded once by the building process, so that worker processes forked from it
    share the model instead of each loading its own: before the names are found (a full
    build's second phase, tui.library.naming), and not at all before the folder is
    searchable (its first phase does not use it)."""
    from tui.library import naming, update
    from tui.library.prepare import tools

    plain: list[bool] = []
    named: list[bool] = []
    real_plain, real_names = update.prepare_plain, naming.names_of

    def spy_plain(item: tuple[str, ...]) -> object:
        plain.append(tools(item[3])[1]._taggers is not None)
        return real_plain(item)

    def spy_names(text: tuple[str, str], recognizer: object) -> object:
        named.append(recognizer._taggers is not None)  # type: ignore[attr-defined]
        return real_names(text, recognizer)

    monkeypatch.setattr(update, "prepare_plain", spy_plain)
    monkeypatch.setattr(naming, "names_of", spy_names)
    Library.open(corpus).update_index(workers=1)
    assert len(plain) == 30 and not any(plain)
    assert len(named) == 30 and all(named)


def test_what_preparing_imports_as_it_goes_is_imported_before_the_workers_fork(
    tmp_path: Path,
) -> None:
    """The cleaner's passes, and numpy for the passage fingerprints, are imported by the
    building process, so that the workers forked from it share them instead of each
    importing its own at its first article (in a new interpreter: nothing imported yet)."""
    script = textwrap.dedent(
        """
        import errno, sys
        from tui.index import build
        from tui.library import prepare

        config = sys.argv[1]
        prepare.preload(config, prepare.config_signature(config))
        print(all(name in sys.modules for name in prepare.WORKER_MODULES))

        class NoPool:  # what is imported when the workers would start
            def __init__(self, *args, **kwargs):
                print(all(name in sys.modules for name in build.WORKER_MODULES))
                raise OSError(errno.EAGAIN, "no processes here")

        build.ProcessPoolExecutor = NoPool
        batch = build.Batch(prepare=prepare.prepare_document, items=[("x",)] * 40, workers=2)
        try:
            build.write_parallel(sys.argv[2], batch)
        except OSError:
            pass
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "config"), str(tmp_path / "index")],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True"]


# -- D8: a failed first build --------------------------------------------------------


def test_a_failed_first_build_leaves_nothing_and_says_not_built(corpus) -> None:
    from tui.index import builder

    lib = Library.open(corpus)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(builder.SegmentBuilder, "finish", _disk_full)
        with pytest.raises(LibraryError, match="No space left"):
            lib.update_index(workers=1)
    folder = lib.paths.index
    assert not folder.exists() or _segment_files(folder) == []
    again = Library.open(corpus)
    with pytest.raises(LibraryError, match="not built"):
        again.search("ceasefire")
    again.update_index(workers=1)
    assert again.search("ceasefire").total == 30


def test_a_first_build_over_the_file_size_limit_cleans_up(corpus: Path, tmp_path: Path) -> None:
    _corpus(corpus, 400)
    home = tmp_path / "home"
    env = {**os.environ, "DOSSIER_HOME": str(home), "DOSSIER_INDEX_WORKERS": "2"}

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

    out = subprocess.run(
        [sys.executable, "-m", "tui", "index", str(corpus)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        preexec_fn=small_files,
        cwd=REPO,
    )
    assert out.returncode == 2, out.stderr
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr
    index = next(home.rglob("index"), None)
    assert index is None or _segment_files(index) == []
    lib = Library.open(corpus, data_dir=home / "data")
    with pytest.raises(LibraryError, match="not built"):
        lib.search("ceasefire")


def test_a_search_never_empties_an_index_it_cannot_use(corpus: Path) -> None:
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    lib.index.mark_damaged("a test")
    files = _segment_files(lib.paths.index)
    again = Library.open(corpus)
    with pytest.raises(LibraryError, match="dossier index"):
        again.search("ceasefire")
    assert _segment_files(lib.paths.index) == files  # only an update rebuilds
    report = again.update_index(workers=1)
    assert report.rebuilt and again.search("ceasefire").total == 30


# -- D6: searching during a rebuild ------------------------------------------------------


def test_a_search_during_a_rebuild_answers_from_the_old_index(corpus, monkeypatch) -> None:
    from tui.library import update

    lib = Library.open(corpus)
    lib.update_index(workers=1)
    before = {h.id for h in lib.search("ceasefire", limit=None).hits}
    halfway = threading.Event()
    go_on = threading.Event()
    # (a full build prepares the articles without their names first: tui.library.naming)
    real = update.prepare_plain
    seen = 0

    def slow(item):  # noqa: ANN001, ANN202
        nonlocal seen
        seen += 1
        if seen == 15:
            halfway.set()
            go_on.wait(30)
        return real(item)

    monkeypatch.setattr(update, "prepare_plain", slow)
    errors: list[BaseException] = []

    def rebuild() -> None:
        try:
            Library.open(corpus).rebuild_index()
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    thread = threading.Thread(target=rebuild)
    thread.start()
    try:
        assert halfway.wait(30)
        reader = Library.open(corpus)  # another copy of Dossier, say
        assert {h.id for h in reader.search("ceasefire", limit=None).hits} == before
    finally:
        go_on.set()
        thread.join(60)
    assert not errors
    assert {h.id for h in Library.open(corpus).search("ceasefire", limit=None).hits} == before


# -- D7: ids survive a failed rebuild ------------------------------------------------------


def test_a_failed_rebuild_keeps_the_ids_of_renamed_articles(corpus) -> None:
    from tui.library import update

    lib = Library.open(corpus)
    lib.update_index(workers=1)
    (corpus / "part0" / "story0000.txt").rename(corpus / "part0" / "renamed.txt")
    lib.update_index(workers=1)
    ids = {a.path: a.id for a in lib.scan().articles}
    # (a full build prepares the articles without their names first: tui.library.naming)
    real = update.prepare_plain
    calls = 0

    def failing(item):  # noqa: ANN001, ANN202
        nonlocal calls
        calls += 1
        if calls > 10:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(item)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(update, "prepare_plain", failing)
        # The disk fills part way: the old index stays, and the rebuild says so.
        report = Library.open(corpus).rebuild_index()
    assert report.stale and "No space left" in report.message
    assert Library.open(corpus).search("ceasefire").total == 30
    again = Library.open(corpus)
    again.update_index(workers=1)
    assert {a.path: a.id for a in again.scan().articles} == ids
    again.rebuild_index()
    assert {a.path: a.id for a in again.scan().articles} == ids


# -- D3: a lost worker -------------------------------------------------------------------------


def test_the_process_ends_when_an_index_worker_dies(tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import os, sys
        sys.path.insert(0, {str(REPO)!r})
        from tui.index import SearchIndex

        PARENT = os.getpid()

        def prepare(item):
            n, _padding = item
            if os.getpid() != PARENT and n == 40:
                os._exit(1)  # killed: out of memory, say
            return {{"id": f"d{{n}}", "path": f"d{{n}}.txt", "title": "t",
                     "body": "word " * 50 + str(n), "source": None, "date": None,
                     "byline": None, "person": [], "place": [], "org": [], "entities": {{}}}}

        index = SearchIndex({str(tmp_path / "ix")!r})
        index.open()
        try:
            # Items as large as real ones (paths, config): the queue holds megabytes.
            items = [(n, "x" * 600) for n in range(6000)]
            docs, errors = index.write(prepare=prepare, items=items, workers=2)
            print("written", len(docs), index.doc_count())
        except Exception as exc:
            print("failed", type(exc).__name__)
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=240
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split()[0] in ("written", "failed"), out.stdout


# -- S3: private files -----------------------------------------------------------------------


def test_the_index_and_its_folders_are_private(corpus: Path, hermetic_dirs: Path) -> None:
    page = "<p>Negotiators met in Valmora to discuss a ceasefire along the harbour wall.</p>" * 5
    (corpus / "page.html").write_text(
        f"<html><head><title>A saved page</title></head><body><article><h1>A saved page</h1>"
        f"{page}</article></body></html>"
    )
    lib = Library.open(corpus)
    lib.update_index(workers=2)
    lib.bookmarks.add_quote(lib.article(lib.articles()[0].id), "Negotiators met in Valmora")
    data = hermetic_dirs / "data"
    for folder in [data, *data.rglob("*")]:
        mode = stat.S_IMODE(folder.stat().st_mode)
        if folder.is_dir():
            assert mode == 0o700, (folder, oct(mode))
        elif folder.name != "MAIN_WRITELOCK":
            assert mode & 0o077 == 0, (folder, oct(mode))


# -- merging ----------------------------------------------------------------------------------


def test_deleted_documents_are_merged_away(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "big", 300)
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    fresh = sum(p.stat().st_size for p in lib.paths.index.iterdir())
    files = sorted(corpus.rglob("*.txt"))
    for round_ in range(8):
        for path in files[round_ % 3 :: 3][:100]:  # a third of the files, changed
            path.write_text(path.read_text() + f"\n\nUpdate {round_}.\n")
        lib.update_index(workers=1)
        ix = lib.index.ix
        assert ix.doc_count() == 300
        assert ix.doc_count_all() - ix.doc_count() <= 0.4 * 300, round_
    size = sum(p.stat().st_size for p in lib.paths.index.iterdir())
    assert size < 1.6 * fresh


# -- D13, D9: the manifest ------------------------------------------------------------------


def test_a_manifest_entry_with_missing_keys_is_indexed_again(corpus: Path, capsys) -> None:
    import json

    from tui.commands import main

    lib = Library.open(corpus)
    lib.update_index(workers=1)
    meta_path = lib.index.meta_path()
    meta = json.loads(meta_path.read_text())
    rows = meta["entries"]["rows"]  # the manifest: a row of values per file
    first, wrong = sorted(rows)[:2]
    rows[first] = rows[first][:1]  # the id alone
    rows[wrong] = [*rows[wrong][:1], "ten", *rows[wrong][2:]]  # a size that is no number
    rows["ghost.txt"] = ["big", 1]
    rows["other.txt"] = {"not": "a row"}
    meta_path.write_text(json.dumps(meta))
    assert main(["index", str(corpus)]) == 0
    capsys.readouterr()
    assert main(["search", "ceasefire", "--corpus", str(corpus), "--json"]) == 0
    out = capsys.readouterr().out
    assert len(out.splitlines()) == 20  # the default limit; 30 match
    assert Library.open(corpus).search("ceasefire").total == 30


def test_a_file_unreadable_once_is_read_after_chmod(corpus: Path, monkeypatch) -> None:
    from tui import articles
    from tui.formats import ArticleError

    real, real_stat = articles.read_regular, articles.read_regular_stat

    def unreadable(path) -> bool:  # noqa: ANN001
        # What a user who is not root meets (root reads a file of mode 000).
        return stat.S_IMODE(os.stat(path).st_mode) & 0o444 == 0

    def as_a_user(path, corpus=None, limit=0):  # noqa: ANN001, ANN202
        if unreadable(path):
            raise ArticleError("cannot read: Permission denied")
        return real(path, corpus, limit)

    def as_a_user_stat(path, corpus=None, limit=0):  # noqa: ANN001, ANN202
        if unreadable(path):
            raise ArticleError("cannot read: Permission denied")
        return real_stat(path, corpus, limit)

    # (a build reads an article with its status, read_text_stat; other reads without)
    monkeypatch.setattr(articles, "read_regular", as_a_user)
    monkeypatch.setattr(articles, "read_regular_stat", as_a_user_stat)
    path = corpus / "part0" / "story0000.txt"
    path.chmod(0)
    lib = Library.open(corpus)
    report = lib.update_index(workers=1)
    assert report.skipped == 1
    assert Library.open(corpus).update_index(workers=1).skipped == 1  # not tried again
    path.chmod(0o644)  # size and time unchanged: only the mode (and ctime)
    report = Library.open(corpus).update_index(workers=1)
    assert report.skipped == 0 and Library.open(corpus).search("word0").total == 1
