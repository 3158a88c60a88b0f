"""How far the names of a full build are found, told to other processes too.

The process that finds the names (:mod:`tui.library.naming`: one at a time, the one
holding the lock beside the index) writes how far it is to a small file beside that
lock (:data:`PROGRESS_NAME`), atomically, at most every :data:`EVERY` seconds, and
removes it when it stops. An app open on the same folder while a ``dossier index``
finds them reads it (:func:`read_progress`) and says "finding names… N of M
articles" as it does for its own.

The same calls keep the freshness stamp written while the names were pending in step
with the commits that add them (:func:`tui.freshness.follow_index`), so that a search
meanwhile trusts the stamp rather than compare the folder with the manifest.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path

from tui import freshness
from tui.jsonfile import read_json
from tui.privacy import write_private

#: The file beside the index (and its naming lock) that tells how far the names are.
PROGRESS_NAME = "dossier-naming.json"
#: Seconds between two writes of the progress file (and looks at the index's files).
EVERY = 0.5


def write_progress(folder: Path, done: int, total: int) -> None:
    """Say that the names of ``done`` of ``total`` articles are found (atomically;
    nothing when the folder cannot be written)."""
    text = json.dumps({"pid": os.getpid(), "done": done, "total": total})
    try:
        write_private(folder / PROGRESS_NAME, text)
    except OSError:
        pass


def read_progress(folder: Path) -> tuple[int, int] | None:
    """``(done, total)`` as the process finding the names last said; None when none
    says (no file, or one that cannot be read)."""
    data = read_json(folder / PROGRESS_NAME)
    if not isinstance(data, dict):
        return None
    done, total = data.get("done"), data.get("total")
    if not isinstance(done, int) or not isinstance(total, int) or not 0 <= done <= total:
        return None
    return done, total


def forget_progress(folder: Path) -> None:
    try:
        (folder / PROGRESS_NAME).unlink()
    except OSError:
        pass


class NamesTold:
    """``naming(done, total)`` for :func:`~tui.library.naming.add_names`: tells
    ``told`` (the caller's progress) at each call, and every :data:`EVERY` seconds
    the progress file and the stamp (see the module). :meth:`close` when the names
    stop."""

    def __init__(self, folder: Path, told: Callable[[int, int], None] | None) -> None:
        self.folder = folder
        self.told = told
        self.at = 0.0
        self.wrote = False  # (a process that never had the lock leaves the file alone)
        # The index as the names begin: a stamp that says it (written by this update
        # while names were pending) follows the commits that add them.
        self.index: dict[str, freshness.Stat] | None = freshness.index_files(folder)

    def __call__(self, done: int, total: int) -> None:
        if self.told is not None:
            self.told(done, total)
        now = time.monotonic()
        if now - self.at < EVERY and 0 < done < total:
            return
        self.at = now
        write_progress(self.folder, done, total)
        self.wrote = True
        if self.index is not None:
            self.index = freshness.follow_index(self.folder, self.index)

    def close(self) -> None:
        if self.wrote:
            forget_progress(self.folder)
