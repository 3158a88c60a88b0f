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

Domain code: no Textual.
"""

from __future__ import annotations

import fnmatch
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

#: Milliseconds of quiet after a change before ``changed`` is called (a copy of
#: many files is one burst, not one call per file).
DEBOUNCE_MS = 800

#: Seconds between two walks of the folder when notification is not available.
POLL_SECONDS = 5.0


def watch_corpus(
    corpus: Path,
    stop: threading.Event,
    changed: Callable[[], object],
    *,
    skip: Iterable[str] = (),
    debounce_ms: int = DEBOUNCE_MS,
    poll_seconds: float = POLL_SECONDS,
    polling: bool = False,
) -> None:
    """Call ``changed()`` after each burst of changes to article files under ``corpus``.

    Returns when ``stop`` is set. ``polling`` skips the notification API (tests,
    or a folder on a network share).
    """
    watch = _Watch(corpus, stop, changed, tuple(skip))
    if not polling:
        try:
            watch.notify(debounce_ms)
            return
        except Exception:  # noqa: BLE001 - no notification here: walk the folder instead
            if stop.is_set():
                return
    watch.poll(poll_seconds)


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

    def notify(self, debounce_ms: int) -> None:
        """Through the system's change notification (raises where there is none)."""
        import watchfiles

        skip = self.skip

        def wanted(_change: object, path: str) -> bool:
            # A folder created, removed or renamed may hold articles: it counts too.
            return is_article_path(path, skip) or Path(path).suffix == ""

        for changes in watchfiles.watch(
            self.corpus,
            watch_filter=wanted,
            debounce=debounce_ms,
            stop_event=self.stop,
            recursive=True,
            raise_interrupt=False,
            yield_on_timeout=False,
        ):
            if self.stop.is_set():
                return
            if changes:
                self.changed()

    def poll(self, poll_seconds: float) -> None:
        """By comparing the article files' sizes and times every ``poll_seconds``."""
        from tui.articles import stat_article_files

        def snapshot() -> dict[str, tuple[int, int]] | None:
            try:
                return stat_article_files(self.corpus, self.skip)
            except OSError:
                return None

        last = snapshot()
        while not self.stop.wait(poll_seconds):
            now = snapshot()
            if now is not None and now != last:
                last = now
                self.changed()
