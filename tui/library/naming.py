"""The second phase of a full build: the names of articles indexed without them.

A full build (the first, ``--rebuild``, a rebuild after damage or an upgrade) writes
every article without its names first (:func:`tui.library.prepare.prepare_plain`:
the recogniser, half of the build's work, not called) and commits: the folder is
searchable. :func:`add_names` then has the index add them
(:meth:`~tui.index.SearchIndex.enrich`): each article's names are found in its
title and body as the index stores them (cleaned, the user's correction applied),
by the recogniser a one-phase build uses, so the index ends as that build's would
(``bench/index_equal.py``). The manifest's hash of each article's entities, which
said "names pending" (:data:`~tui.library.prepare.PENDING`), then says which names
it has, as after a one-phase build.

Stopped on the way (the app closed, Ctrl-C, a crash, a kill), the index is
searchable as last committed: the next update finds the names of what is left
(:meth:`tui.library.upkeep.IndexUpkeep.update`). One process at a time finds them:
another update meanwhile (a ``dossier search``) leaves them to it
(:class:`NamingLock`).
"""

from __future__ import annotations

import fcntl
import os
import re
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.index import IndexBusy, IndexCorrupt
from tui.library.manifest import ENTRIES_KEY, State, manifest_json
from tui.library.prepare import PENDING, load_tools, names_of, preload

if TYPE_CHECKING:
    from tui.index import SearchIndex

#: The file beside the index that the process finding names keeps locked.
LOCK_NAME = "dossier-naming.lock"


@dataclass(frozen=True)
class Naming:
    """What :func:`add_names` did."""

    #: Articles whose names were found (and committed) now.
    found: int = 0
    #: Whether articles are left without their names (stopped, or another process
    #: finds them): the next update goes on.
    pending: bool = False
    #: Why they are left, for the user ("" when none are, or when stopped on purpose).
    why: str = ""
    #: Another process is finding them (:class:`NamingLock`).
    elsewhere: bool = False


class NamingLock:
    """A lock on a file beside the index that the process finding names holds: one
    process at a time, and a process that cannot have it knows another is at it. The
    system lets it go when the process ends, whatever way."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK_NAME
        self.fd: int | None = None

    def acquire(self, wait: float = 0.0) -> bool:
        """Take the lock, waiting up to ``wait`` seconds for it; False: another has it."""
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return True  # a read-only index: the write says so
        until = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                if time.monotonic() < until:
                    time.sleep(0.05)
                    continue
                os.close(fd)
                return False
            self.fd = fd
            return True

    def release(self) -> None:
        if self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None


#: A query on names: a field a full build's second phase fills.
_NAMED_FIELD = re.compile(r"(?<!\w)(person|place|org)\s*:", re.IGNORECASE)


def asks_names(query: str) -> bool:
    """Whether ``query`` searches a field of names (``person:``, ``place:``, ``org:``),
    which misses the articles whose names are not found yet."""
    return _NAMED_FIELD.search(query) is not None


def being_named(folder: Path) -> bool:
    """Whether another process is finding the names of the index in ``folder``."""
    lock = NamingLock(folder)
    if lock.acquire():
        lock.release()
        return False
    return True


def add_entities(
    config_dir: str, signature: tuple[Any, ...], hashes: str, stored: dict[str, Any]
) -> dict[str, Any]:
    """The names of one stored article (``enrich``'s ``add``, run in its workers, with
    the first three arguments bound): its entity fields, marks included, and its
    summary ("entities"). Their hash, which the index does not keep, goes with the
    article's id to this process's file in the folder ``hashes`` (:func:`_hashes_of`)."""
    _rules, recognizer = load_tools(config_dir, signature)
    found = names_of((stored.get("title") or "", stored.get("body") or ""), recognizer)
    line = f"{stored.get('id') or ''}\t{found.pop('ents_hash')}\n"
    os.write(_hash_file(hashes), line.encode())
    return found


#: This process's file of hashes: (folder, open file descriptor).
_HASH_FILE: list[tuple[str, int]] = []


def _hash_file(folder: str) -> int:
    """The descriptor of this process's file in ``folder`` (opened once; a line is one
    unbuffered write: a worker process ends without flushing anything)."""
    if _HASH_FILE and _HASH_FILE[0][0] == folder and _HASH_FILE[0][1] >= 0:
        return _HASH_FILE[0][1]
    while _HASH_FILE:
        _folder, fd = _HASH_FILE.pop()
        os.close(fd)
    name = os.path.join(folder, f"{os.getpid()}.tsv")
    fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    _HASH_FILE.append((folder, fd))
    return fd


def _hashes_of(folder: str) -> dict[str, str]:
    """``{id: hash}`` from every process's file in ``folder`` (a line cut short by a
    process killed while it wrote is left out)."""
    out: dict[str, str] = {}
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), encoding="utf-8") as f:  # noqa: PTH123
            for line in f:
                if line.endswith("\n") and line.count("\t") == 1:
                    doc_id, hashed = line[:-1].split("\t")
                    out[doc_id] = hashed
    return out


def add_names(
    index: SearchIndex,
    config_dir: str,
    signature: tuple[Any, ...],
    state: State,
    workers: int,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    wait: float = 0.0,
) -> Naming:
    """Find the names of the articles the index has without them, commit them, and
    put their entities' hashes in ``state`` and the manifest (see the module).

    The hashes are those of each article named, committed or not (a stop may come
    between the two): a hash is of the article's text under the recogniser of now,
    which is what an update compares after a change of the recogniser, whether the
    article has its names in the index yet or not.

    ``wait``: how long to wait for another process (or thread: the app's update that a
    newer one cancelled) that finds them to stop; then they are left to it."""
    lock = NamingLock(index.path)
    if not lock.acquire(wait):
        return Naming(pending=True, elsewhere=True, why="")
    try:
        total = index.plain_documents()
        if not total:
            return Naming()
        preload(config_dir, signature)  # the model, once, before the workers fork
        done = 0

        def step(n: int) -> None:
            nonlocal done
            done += n
            if progress is not None:
                progress(min(done, total), total)

        if progress is not None:
            progress(0, total)
        why = ""
        with tempfile.TemporaryDirectory(prefix="dossier-names-") as folder:
            add = partial(add_entities, config_dir, signature, folder)
            try:
                index.enrich(add, workers=workers, progress=step, cancelled=cancelled)
            except InterruptedError:
                pass  # stopped on purpose: what was committed stays, the rest comes next
            except (IndexBusy, IndexCorrupt, OSError) as exc:
                why = str(exc)
            finally:
                while _HASH_FILE:  # (this process's, when it named articles itself)
                    os.close(_HASH_FILE.pop()[1])
                hashes = _hashes_of(folder)
                if hashes:
                    _record_hashes(index, state, hashes)
        left = index.plain_documents()
        return Naming(found=total - left, pending=bool(left), why=why)
    finally:
        lock.release()


def _record_hashes(index: SearchIndex, state: State, hashes: dict[str, str]) -> None:
    """The entities' hashes of the articles just named, in ``state`` and the manifest."""
    entries = state.entries
    for relpath, entry in entries.items():
        found = hashes.get(entry.id)
        if found is not None and entry.ents_hash == PENDING:
            entries[relpath] = replace(entry, ents_hash=found)  # (a new entry: see save_derived)
    meta = index.read_meta()
    meta[ENTRIES_KEY] = manifest_json(state.entries)
    meta.pop("files", None)
    index.write_meta(meta)
