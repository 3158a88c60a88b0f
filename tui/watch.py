"""Noticing that a corpus folder changed while Dossier has it open.

:func:`watch_corpus` blocks until ``stop`` is set, calling ``changed()`` once per
burst of changes to article files (new, edited, renamed or deleted), so that the
app can re-read the list and update the index in the background.

It uses the operating system's change notification through watchfiles (inotify
on Linux, FSEvents on macOS): a folder of 50,000 articles costs nothing while
nothing changes. Where that is not available (the package missing, the
system's limit on watches reached, a network file system that sends no events),
it falls back to comparing the article files' sizes and times every few
seconds, which costs a directory walk each time.

Each folder is watched by itself (not the corpus "recursively"): a recursive watch
walks every file of the corpus as it starts, with Python's lock held (watchfiles'
``RustNotify``: 110 ms of CPU, 170 ms of wall clock at 50,000 articles in 6 folders,
a pause of the app's launch), where the folders the app's scan just listed are
watched in 5 ms. A folder created, removed or renamed under the corpus makes the
watch start again over the folders as they are then (a walk of the folders), and
``changed()`` is called once more after that, so that a file put in a new folder
before it was watched is not missed.

``ready()`` is called once the watch is in place (the notification set up, or the
first look of the polling taken): a change after that is seen by the watch, so a
look at every file made after it (the app's index update at launch) and the watch
together miss nothing.

Domain code: no Textual.
"""

from __future__ import annotations

import fnmatch
import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

#: Milliseconds of quiet after a change before ``changed`` is called (a copy of
#: many files is one burst, not one call per file).
DEBOUNCE_MS = 800

#: Seconds between two walks of the folder when notification is not available.
POLL_SECONDS = 5.0

#: How many times a watch that could not start (a folder gone meanwhile) is tried
#: again over the folders as they are then, before the polling takes over.
RETRIES = 3

#: watchfiles' change types (``watchfiles.Change``): a file's content changed only.
_MODIFIED = 2


def watch_corpus(
    corpus: Path,
    stop: threading.Event,
    changed: Callable[[], object],
    *,
    skip: Iterable[str] = (),
    debounce_ms: int = DEBOUNCE_MS,
    poll_seconds: float = POLL_SECONDS,
    polling: bool = False,
    folders: Iterable[str] = (),
    ready: Callable[[], object] | None = None,
) -> None:
    """Call ``changed()`` after each burst of changes to article files under ``corpus``.

    Returns when ``stop`` is set. ``polling`` skips the notification API (tests,
    or a folder on a network share). ``folders``: the corpus's folders as a look at
    it just listed them (the app's scan; else they are walked). ``ready()``: called
    once, when a change from then on is seen (see the module).
    """
    watch = _Watch(corpus, stop, changed, tuple(skip), ready or _nothing)
    if not polling:
        try:
            watch.notify(debounce_ms, list(folders))
            return
        except Exception:  # noqa: BLE001 - no notification here: walk the folder instead
            if stop.is_set():
                return
    watch.poll(poll_seconds)


def _nothing() -> None:
    return None


def corpus_folders(corpus: Path) -> list[str]:
    """The folders under ``corpus`` (itself first) that a look at it walks: not the
    hidden ones; links to folders inside the corpus, each folder once."""
    root = os.path.realpath(corpus)
    out: list[str] = []
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            st = os.stat(folder)
            if (st.st_dev, st.st_ino) in seen:
                continue
            seen.add((st.st_dev, st.st_ino))
            out.append(folder)
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.name.startswith(".") or not entry.is_dir():
                        continue
                    if entry.is_symlink():
                        target = os.path.realpath(entry.path)
                        if target != root and not target.startswith(root + os.sep):
                            continue
                    stack.append(entry.path)
        except OSError:
            continue
    return out


def is_article_path(name: str, skip: Iterable[str] = ()) -> bool:
    """Whether a changed path is one Dossier reads as an article (hidden names are not)."""
    from tui.formats import format_of

    base = Path(name).name
    if not base or base.startswith("."):
        return False
    lowered = base.lower()
    if any(fnmatch.fnmatchcase(lowered, pattern.lower()) for pattern in skip):
        return False
    return format_of(base) is not None


@dataclass(frozen=True)
class _Watch:
    """One folder watched: ``changed()`` after each burst of changes under ``corpus``
    to files that may be articles, until ``stop`` is set."""

    corpus: Path
    stop: threading.Event
    changed: Callable[[], object]
    skip: tuple[str, ...]
    ready: Callable[[], object]

    def notify(self, debounce_ms: int, folders: list[str]) -> None:
        """Through the system's change notification (raises where there is none), each
        of ``folders`` watched by itself (see the module)."""
        from watchfiles._rust_notify import RustNotify

        skip = self.skip
        watched = folders or corpus_folders(self.corpus)
        again = False  # the folders changed: say so once the new watch is in place
        while not self.stop.is_set():
            for attempt in range(RETRIES + 1):
                try:
                    # (debug, force_polling, poll_delay_ms, recursive, ignore_permission_denied)
                    notifier = RustNotify(watched, False, False, 300, False, True)
                    break
                except OSError:  # a folder removed since it was listed
                    if attempt == RETRIES:
                        raise
                    watched = corpus_folders(self.corpus)
            with notifier:
                self.ready()
                if again:
                    self.changed()
                known = set(watched)
                while True:
                    raw = notifier.watch(debounce_ms, 50, 0, self.stop)
                    if isinstance(raw, str):  # 'stop', 'signal' ('timeout' with none set)
                        if raw == "timeout":
                            continue
                        return
                    # A folder created, removed or renamed may hold articles: it counts.
                    if any(is_article_path(p, skip) or Path(p).suffix == "" for _c, p in raw):
                        self.changed()
                    if any(c != _MODIFIED and (p in known or os.path.isdir(p)) for c, p in raw):
                        break  # the folders changed: watch them as they are now
            watched, again = corpus_folders(self.corpus), True

    def poll(self, poll_seconds: float) -> None:
        """By comparing the article files' sizes and times every ``poll_seconds``."""
        from tui.articles import stat_article_files

        def snapshot() -> dict[str, tuple[int, int]] | None:
            try:
                return stat_article_files(self.corpus, self.skip)
            except OSError:
                return None

        last = snapshot()
        self.ready()
        while not self.stop.wait(poll_seconds):
            now = snapshot()
            if now is not None and now != last:
                last = now
                self.changed()
