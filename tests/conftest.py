"""Shared fixtures: every test runs with its data and config dirs under tmp_path."""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("dossier", "finding tests that depend on order (tests/order_checks.py)")
    group.addoption("--shuffle", type=int, metavar="SEED", help="run the tests in a random order")
    group.addoption(
        "--state-diff", metavar="FILE", help="append what each test left changed to FILE"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    seed = config.getoption("--shuffle")
    if seed is not None:
        from tests.order_checks import shuffle

        shuffle(items, seed)


def pytest_sessionfinish() -> None:
    """Collect the garbage once, then freeze what is left (gc.freeze).

    After the session pytest collects five times over (its check for exceptions raised
    in ``__del__``); under xdist that comes after the worker has told the controller it
    is done, and the controller interrupts a worker still busy 5 s later (execnet sends
    it SIGINT). A worker's heap after ~1,000 tests (the recogniser's model, apps) took
    that long to walk five times on a loaded machine: the KeyboardInterrupt landed in
    whatever ran then (hypothesis's gc callback, reported as a
    PytestUnraisableExceptionWarning). Collected here, before the worker says it is
    done, the garbage is still found; frozen, the heap is not walked again."""
    gc.collect()
    gc.freeze()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Iterator[object]:
    path = item.config.getoption("--state-diff")
    if path is None:
        return (yield)
    from tests import order_checks

    before = order_checks.snapshot()
    result = yield
    lines = order_checks.differences(before, order_checks.snapshot())
    if lines:
        order_checks.record(path, item.nodeid, lines)
    return result


@pytest.fixture(autouse=True)
def hermetic_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point Dossier's data and config dirs at tmp_path; nothing leaks to ~/.

    Fails a test that ends with them pointing elsewhere: ``monkeypatch.undo()`` in a
    test undoes these too (one monkeypatch serves the test and its fixtures), and the
    rest of the test wrote to the user's real data dir (a patch for part of a test
    takes ``monkeypatch.context()``)."""
    home = tmp_path / "dossier-home"
    monkeypatch.setenv("DOSSIER_HOME", str(home))
    for name in (
        "DOSSIER_DATA_DIR",
        "DOSSIER_CONFIG_DIR",
        "DOSSIER_INDEX_DIR",
        "DOSSIER_NO_HEAP_TUNING",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    # A search starts no search server that would outlive the test; the server's own
    # tests (tests/test_search_server.py) turn this off and stop what they start.
    monkeypatch.setenv("DOSSIER_NO_SERVER", "1")
    yield home
    assert os.environ.get("DOSSIER_HOME") == str(home), (
        "the test ended with DOSSIER_HOME undone (monkeypatch.undo()?): it ran with the "
        "user's real data dir"
    )


@pytest.fixture(autouse=True)
def no_thread_left() -> Iterator[None]:
    """A test leaves no thread of its own running: one left (an app's folder watcher,
    a test server's handler) makes the next test in the same process one with two
    threads, where an index build starts a fork server instead of forking. Threads
    told to stop get 5 s to end."""
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + 5
    left = [t for t in threading.enumerate() if t not in before]
    for thread in left:
        thread.join(max(0.0, deadline - time.monotonic()))
    running = [t.name for t in left if t.is_alive()]
    assert not running, f"the test left threads running: {running}"


@pytest.fixture
def only_this_thread() -> None:
    """For a test whose code takes another path in a process with other threads (an
    index build forks its workers only with none; a command's collector tuning stands
    aside): waits up to 10 s for threads an earlier test left ending (an app's folder
    watcher told to stop, a test server's last request, a queue's feeder), which under
    ``pytest -n`` may run just before in the same process, and fails naming any that
    still run."""
    deadline = time.monotonic() + 10
    for thread in threading.enumerate():
        if thread is not threading.current_thread():
            thread.join(max(0.0, deadline - time.monotonic()))
    others = [t.name for t in threading.enumerate() if t is not threading.current_thread()]
    assert not others, f"threads still running: {others}"


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A private copy of the bundled seeds that a test may edit."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture(scope="session")
def seeds_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The index of the bundled seeds, built once per test process by the real code.

    Built under a Dossier home of its own (the hermetic dirs are per test), with
    the default settings, as a first start of the app builds it.
    """
    from tui.library import Library
    from tui.paths import corpus_paths

    base = tmp_path_factory.mktemp("seeds-index")
    corpus = base / "seeds"
    shutil.copytree(SEEDS, corpus)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DOSSIER_HOME", str(base / "dossier-home"))
        for name in ("DOSSIER_DATA_DIR", "DOSSIER_CONFIG_DIR", "DOSSIER_INDEX_DIR"):
            patch.delenv(name, raising=False)
        patch.setenv("XDG_DATA_HOME", str(base / "xdg-data"))
        patch.setenv("XDG_CONFIG_HOME", str(base / "xdg-config"))
        library = Library(corpus)
        try:
            library.scan()
            report = library.update_index()
        finally:
            library.close()
        index = corpus_paths(corpus).index
    assert report.added, report
    return index


@pytest.fixture
def indexed_seeds(seeds_copy: Path, seeds_index: Path, hermetic_dirs: Path) -> Path:
    """:func:`seeds_copy` with its index already built, as after an earlier session.

    The index is a copy of :func:`seeds_index` (file times kept: the copy reads as
    undamaged and up to date, the seeds' as unchanged), so the app's start checks
    it and finds nothing to do instead of building it again for every test. Tests
    of the first build, of progress or of damage use :func:`seeds_copy`.
    """
    from tui.paths import corpus_paths

    shutil.copytree(seeds_index, corpus_paths(seeds_copy).index)
    return seeds_copy


def run_python(code: str, tmp_path: Path) -> str:
    """What ``code`` prints, run by this Python in a fresh process (its imports its own),
    with a home folder under ``tmp_path``."""
    env = {"DOSSIER_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    return done.stdout.strip()


def write_article(folder: Path, name: str, title: str, *paragraphs: str) -> Path:
    """Write a small article file (title line, blank line, paragraphs)."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(title + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


def write_config(text: str) -> Path:
    """Write the user's config.yaml (in the hermetic config dir) and return its path."""
    from tui.settings import user_config_file

    path = user_config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def search_in_subprocess(corpus: Path, query: str) -> tuple[str, set[str]]:
    """Run `dossier search` in a fresh interpreter: its output, and the modules it
    imported (asserts that it succeeded)."""
    return cli_in_subprocess("search", "--corpus", str(corpus), query)


def cli_in_subprocess(*args: str) -> tuple[str, set[str]]:
    """Run `dossier ARGS...` in a fresh interpreter: its output, and the modules it
    imported (asserts that it succeeded)."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from tui.commands import main\n"
        f"code = main({list(args)!r})\n"
        "print('MODULES', ' '.join(sorted(sys.modules)))\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    output, modules = done.stdout.split("MODULES", 1)
    return output, set(modules.split())
