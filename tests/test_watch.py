"""The folder watcher (tui.watch): each folder watched by itself, a new folder's files
seen, and nothing missed between the app's scan and the watch's start."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.app_helpers import SIZE, make_app, ready, wait_for
from tests.conftest import write_article


@contextmanager
def watching(folder: Path, calls: list[float], **kwargs: object) -> Iterator[threading.Event]:
    """``watch_corpus`` of ``folder`` in a thread (each call noted in ``calls``); the
    event given is set once the watch is in place."""
    from tui.watch import watch_corpus

    stop, started = threading.Event(), threading.Event()
    thread = threading.Thread(
        target=watch_corpus,
        args=(folder, stop, lambda: calls.append(time.monotonic())),
        kwargs={"debounce_ms": 100, "poll_seconds": 0.2, "ready": started.set, **kwargs},
    )
    thread.start()
    try:
        assert started.wait(10), "the watch never said it was in place"
        yield started
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()


def wait_until(predicate: Callable[[], object], timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return bool(predicate())


def test_corpus_folders_lists_every_folder_once_without_the_hidden(tmp_path: Path) -> None:
    from tui.watch import corpus_folders

    corpus = tmp_path / "corpus"
    (corpus / "a" / "b").mkdir(parents=True)
    (corpus / ".hidden").mkdir()
    (corpus / "link").symlink_to(corpus / "a")  # a second name for a folder: once
    (corpus / "out").symlink_to(tmp_path)  # outside the corpus: not watched
    write_article(corpus, "a/b/x.txt", "X", "Body.")
    found = corpus_folders(corpus)
    real = str(corpus.resolve())
    assert found[0] == real
    assert sorted(found) == sorted([real, f"{real}/a", f"{real}/a/b"]) or sorted(found) == sorted(
        [real, f"{real}/link", f"{real}/link/b"]
    )


@pytest.mark.parametrize("given", [False, True], ids=["walked", "given"])
def test_a_file_in_a_folder_made_after_the_start_is_seen(tmp_path: Path, given: bool) -> None:
    """Each folder is watched by itself: a folder made later is watched from then on,
    its files changed later seen too, and one put in it before it was watched is said
    by the call that follows the watch's new start."""
    from tui.watch import corpus_folders

    corpus = tmp_path / "corpus"
    write_article(corpus, "old/one.txt", "One", "Body.")
    calls: list[float] = []
    folders = corpus_folders(corpus) if given else ()
    with watching(corpus, calls, folders=folders):
        write_article(corpus, "new/deeper/two.txt", "Two", "Body.")
        assert wait_until(lambda: calls), "no call for a new folder"
        time.sleep(0.5)  # the watch starts again over the new folders
        seen = len(calls)
        (corpus / "new" / "deeper" / "two.txt").write_text("Two\n\nEdited.\n")
        assert wait_until(lambda: len(calls) > seen), "an edit in a new folder not seen"
        seen = len(calls)
        (corpus / "old" / "one.txt").unlink()
        assert wait_until(lambda: len(calls) > seen), "a removal in an old folder not seen"
        seen = len(calls)
        (corpus / "new").rename(corpus / "renamed")
        assert wait_until(lambda: len(calls) > seen), "a folder renamed not seen"
        time.sleep(0.5)
        seen = len(calls)
        write_article(corpus, "renamed/deeper/three.txt", "Three", "Body.")
        assert wait_until(lambda: len(calls) > seen), "a file in a renamed folder not seen"


@pytest.mark.parametrize("polling", [False, True], ids=["notify", "polling"])
def test_a_change_right_after_ready_is_seen(tmp_path: Path, polling: bool) -> None:
    """``ready()`` comes once the watch is in place: a change made at once after it is
    seen (the app's update looks at every file after it, and misses nothing between)."""
    corpus = tmp_path / "corpus"
    write_article(corpus, "sub/one.txt", "One", "Body.")
    calls: list[float] = []
    with watching(corpus, calls, polling=polling):
        write_article(corpus, "sub/two.txt", "Two", "Body.")
        assert wait_until(lambda: calls), "a change right after ready() not seen"


async def test_a_file_changed_before_the_watcher_starts_is_picked_up(
    seeds_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app's scan lists the folder, then the watcher starts: a file added between
    the two is seen by neither the scan nor the watcher. The index update's look at
    every file waits for the watch to be in place, so it sees the file, and the list
    and the search have it. (Here the watcher starts a second late, and the file comes
    just before it does: an update that did not wait had looked already.)"""
    import tui.watch

    real = tui.watch.watch_corpus

    def late(*args: object, **kwargs: object) -> None:
        time.sleep(1.0)
        write_article(seeds_copy, "late/arrival.txt", "A late arrival about zeppelins", "Lyon.")
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(tui.watch, "watch_corpus", late)
    app = make_app(seeds_copy)
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        await wait_for(
            pilot, lambda: len(main.article_list.articles) == 6, timeout=20, what="6 articles"
        )
        hits = app.library.search("zeppelins").hits
        assert [h.title for h in hits] == ["A late arrival about zeppelins"]
