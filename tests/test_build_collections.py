"""A command's update of the index runs with few cycle collections (issue 13: build CPU)."""

from __future__ import annotations

import gc
import threading
from pathlib import Path
from typing import Any

import pytest

from tui import heap
from tui.library import Library, upkeep


@pytest.fixture(autouse=True)
def nothing_frozen() -> None:
    """Each test starts from a heap nothing froze (an app test's keeper may have)."""
    gc.unfreeze()


@pytest.mark.usefixtures("only_this_thread")
def test_fewer_collections_freezes_the_heap_and_restores_the_collector() -> None:
    before = gc.get_threshold()
    frozen = gc.get_freeze_count()
    with heap.fewer_collections():
        assert gc.get_threshold() == heap.FEWER_COLLECTIONS
        assert gc.get_freeze_count() > frozen
        assert gc.isenabled()
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == frozen


def test_fewer_collections_leaves_a_process_with_threads_alone() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        before = gc.get_threshold()
        frozen = gc.get_freeze_count()
        with heap.fewer_collections():
            assert gc.get_threshold() == before
            assert gc.get_freeze_count() == frozen
    finally:
        stop.set()
        other.join()


def test_an_update_runs_with_fewer_collections_and_restores_them_when_it_fails(
    seeds_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[int, ...]] = []

    def failing_update(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.get_threshold())
        raise RuntimeError("update failed")

    monkeypatch.setattr(upkeep, "update_index", failing_update)
    before = gc.get_threshold()
    library = Library(seeds_copy)
    try:
        with pytest.raises(RuntimeError, match="update failed"):
            library.update_index()
    finally:
        library.close()
    assert seen == [heap.FEWER_COLLECTIONS]
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def _exit_of_a_build(tmp_path: Path, **env: str) -> str:
    """What a ``dossier index`` process says of its heap from its last atexit handler."""
    import os
    import subprocess
    import sys

    corpus = tmp_path / "news"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Harbour talks\n\nTalks in the harbour went on.\n")
    code = (
        "import atexit, gc\n"
        # registered first, so run last: after what the command registered
        "atexit.register(lambda: print('frozen at exit:', gc.get_freeze_count() > 0))\n"
        "from tui.commands import main\n"
        "print('frozen before:', gc.get_freeze_count() > 0)\n"
        f"raise SystemExit(main(['index', {str(corpus)!r}, '--quiet']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, **env},
    )
    assert done.returncode == 0, done.stderr
    assert "frozen before: False" in done.stdout
    return done.stdout


def test_a_command_leaves_the_heap_frozen_for_the_interpreter_s_exit(tmp_path: Path) -> None:
    """The interpreter's last collection at exit walked every object a build's parent
    still held (~0.07 s of CPU at BBC): a command freezes the heap once it has ended."""
    assert "frozen at exit: True" in _exit_of_a_build(tmp_path)


def test_nothing_is_frozen_at_exit_where_tuning_is_off(tmp_path: Path) -> None:
    said = _exit_of_a_build(tmp_path, **{heap.ENV_OFF: "1"})
    assert "frozen at exit: False" in said


def test_fewer_collections_leaves_the_collector_alone_where_tuning_is_off(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """DOSSIER_NO_HEAP_TUNING leaves the collector to Python in a command's update as in
    the app (the update changed its thresholds and froze the heap whatever it said)."""
    monkeypatch.setenv(heap.ENV_OFF, "1")
    before = gc.get_threshold()
    frozen = gc.get_freeze_count()
    with heap.fewer_collections():
        assert gc.get_threshold() == before
        assert gc.get_freeze_count() == frozen


def test_fewer_collections_leaves_a_heap_frozen_by_another_alone() -> None:
    """What someone else froze (the app's keeper freezes what survives) stays frozen:
    the unfreeze at the block's end released it, and the next full collection walked
    it all."""
    before = gc.get_threshold()
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        with heap.fewer_collections():
            assert gc.get_threshold() == before
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
