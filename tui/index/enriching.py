"""Segments written without names, and the names added to them afterwards.

A first build can make a folder searchable sooner by leaving the entity
recognition out: ``SearchIndex.write(..., names=False)`` writes *plain* segments,
whose documents have no entity fields and no entity summary, and
:func:`enrich` adds the names afterwards, a segment at a time, without a second
build.

Which segments are plain: each has a file of its own beside its other files,
``MAIN_<segment id>.pln`` (:data:`PLAIN_EXT`), written before the commit that
lists the segment (a crash between the two leaves an orphan, removed with the
segment's other files; never a plain segment unmarked). It goes with the
segment: a commit that drops the segment removes it. No merge plan takes a
plain segment (:mod:`tui.index.merging`); deletions in one (an article edited
meanwhile and indexed again, with its names, in a new segment) work as in any. A
plain segment has no passage fingerprints (``.psg``) either: they come with its
names (:mod:`tui.index.enriched`), and lookups of shared passages say they are not
ready while one is read (:class:`~tui.index.errors.PassagesNotReady`).

:func:`enrich`: for each plain segment, ``add(stored)`` is asked, in worker
processes on every core (as a build's ``prepare``: a top-level function, pickled
by name), for what the names add to each live document (its entity fields and
its summary, ``"entities"``), given the document's stored fields, a run of
documents at a time; once a segment's runs are done, a worker writes a new
segment holding the same documents with those added (:mod:`tui.index.enriched`),
in a folder of the parent's in the index's (:data:`STAGING`), without the lock.
The parent only commits it in place of the plain one, under the write lock, one
commit a segment: searches meanwhile read the index as last committed, and a
cancel leaves the segments not yet done plain, for the next :func:`enrich`. A
document another process deletes meanwhile is left out (the commit goes from the
segment as the lock finds it: the new segment is copied once more without it),
so no deletion is lost.

Memory (50,000 articles, two workers): the parent holds no names and writes no
segment; it was ~150 MB of the workers' results waiting for their segment's copy,
and the copy's own, in the parent (``/proc/PID/smaps_rollup`` sampled every
second: all processes 418-421 MB at the peak, now ~330).
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
import shutil
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor
from concurrent.futures import wait as wait_for
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.heap import give_back
from tui.index import enriched, sidecar, termfile
from tui.index.arrayfile import unpack_arrays
from tui.index.copying import merged_segment
from tui.index.enriched import (
    RUN,
    Add,
    enrich_segment,
    enrich_segment_apart,
    let_go_of_reader,
    name_run,
)
from tui.index.errors import NamesFound
from tui.index.folder import open_index
from tui.index.processes import die_with_parent, stderr_with_a_file_descriptor
from tui.index.schema import ENTITY_FIELDS
from tui.index.segment import commit_toc, remove_orphans, segment_reader, segments
from tui.index.segment_files import PLAIN_EXT, plain_ids
from tui.index.storage import PrivateStorage

if TYPE_CHECKING:
    from tui.index.store import SearchIndex

# ---------------------------------------------------------------------------
# Which segments are plain


def mark_plain(path: Path | str, built: list[Any]) -> None:
    """Mark the segments just written (not committed yet) plain, after checking that
    their documents have no names (:class:`NamesFound` otherwise). The caller holds
    the write lock and commits."""
    folder = Path(path)
    storage = PrivateStorage(str(folder))
    for segment in built:
        for field in ENTITY_FIELDS:
            terms = termfile.load(folder / segment.make_filename(termfile.extension(field)))
            if terms:
                raise NamesFound(f"a document written without names has a {field} field")
        if sidecar.ENABLED:
            data = (folder / segment.make_filename(sidecar.ENTITIES_EXT)).read_bytes()
            _, header = unpack_arrays(data)
            if header.get("entities"):
                raise NamesFound("a document written without names has an entity summary")
        handle = segment.create_file(storage, PLAIN_EXT)
        try:
            handle.write(b"plain\n")
        finally:
            handle.close()


def plain_segments(path: Path | str) -> list[tuple[str, int]]:
    """(segment id, live documents) of each plain segment of the index in ``path`` as
    last committed, in the index's order; empty when there is no index."""
    try:
        ix = open_index(path)
        plain = plain_ids(ix)
        return [
            (seg.segment_id(), seg.doc_count_all() - seg.deleted_count())
            for seg in segments(ix)
            if seg.segment_id() in plain
        ]
    except Exception:  # noqa: BLE001 - no index (yet): nothing plain
        return []


# ---------------------------------------------------------------------------
# The worker processes


def _pool(workers: int, add: Add) -> ProcessPoolExecutor:
    """Worker processes for ``add``: forked from a process with one thread, else from a
    fork server that imports ``add``'s module once (as :mod:`tui.index.build`)."""
    ctx = mp.get_context("forkserver" if threading.active_count() > 1 else "fork")
    if ctx.get_start_method() == "forkserver":
        module = module_of(add)
        its = getattr(sys.modules.get(module), "WORKER_MODULES", ())
        ctx.set_forkserver_preload([module, __name__, enriched.__name__, *its])
    with stderr_with_a_file_descriptor():
        return ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_worker_init)


def module_of(add: Add) -> str:
    """The module that defines ``add`` (of the function a ``functools.partial`` wraps:
    the partial's own is ``functools``), which a fork server imports once for all."""
    return str(getattr(getattr(add, "func", add), "__module__", None) or __name__)


def _worker_init() -> None:
    # As a build's worker (tui.index.build): it lives for one enrichment, and the
    # cyclic collector would only walk the recogniser's objects again and again.
    gc.disable()
    die_with_parent()


# ---------------------------------------------------------------------------
# The work shared out, and the commits (parent side)

#: Runs of names a worker process is asked for ahead: enough that a worker never
#: waits for the parent (which commits meanwhile), few enough that a segment's copy,
#: asked for once its last run is done, does not wait behind the others' runs.
AHEAD = 4

#: What :class:`_Work` gives back for each plain segment, once its new segment is
#: written: (the plain segment's id, the live documents it was written from, the new
#: segment (None: none was live)).
Ready = tuple[str, list[int], Any]


class _Work:
    """The new segments of the plain ones, written in worker processes (the names found
    a run of documents at a time on every core, then each segment copied with its names
    by whichever worker is free, as soon as its last run is done) or in this process, a
    segment at a time; each is given back once written (:meth:`ready`), for the parent
    to commit."""

    def __init__(
        self,
        path: Path,
        staging: str,
        jobs: list[tuple[Any, list[int]]],
        add: Add,
        workers: int,
        progress: Callable[[int], None] | None,
        cancelled: Callable[[], bool] | None,
    ) -> None:
        self.path = str(path)
        self.staging = staging
        self.jobs = jobs
        self.add = add
        self.progress = progress
        self.cancelled = cancelled
        self.pool: ProcessPoolExecutor | None = None
        total = sum(len(docnums) for _, docnums in jobs)
        if workers > 1 and total >= 2 * RUN:
            self.pool = _pool(workers, add)
            self.ahead = AHEAD * workers

    def ready(self) -> Iterator[Ready]:
        """Each plain segment's new one, as it is written (not in order with workers)."""
        if self.pool is None:
            yield from self._here()
        else:
            yield from self._in_workers(self.pool)

    def _here(self) -> Iterator[Ready]:
        try:
            for segment, docnums in self.jobs:
                runs = []
                for i in range(0, len(docnums), RUN):
                    self._check()
                    part = docnums[i : i + RUN]
                    runs.append(name_run(self.path, self.staging, segment, part, self.add))
                    if self.progress:
                        self.progress(len(part))
                new = enrich_segment(self.path, self.staging, segment, runs)
                yield segment.segment_id(), docnums, new
        finally:
            let_go_of_reader()

    def _in_workers(self, pool: ProcessPoolExecutor) -> Iterator[Ready]:
        # (job, its run's number, the run's documents), taken from the end
        runs = [
            (j, k, docnums[i : i + RUN])
            for j, (_, docnums) in enumerate(self.jobs)
            for k, i in enumerate(range(0, len(docnums), RUN))
        ][::-1]
        written: list[dict[int, str]] = [{} for _ in self.jobs]
        left = [0] * len(self.jobs)
        for j, _, _ in runs:
            left[j] += 1
        for j, count in enumerate(left):
            if not count:  # (no live document: nothing to name, nothing to copy)
                yield self.jobs[j][0].segment_id(), [], None
        #: future -> (job, run number, documents named); a segment's copy: (job, -1, 0)
        busy: dict[Future[Any], tuple[int, int, int]] = {}
        naming = 0
        #: segments whose names are all found, waiting for their copy: (job, run files)
        due: list[tuple[int, list[str]]] = []

        def copy_next() -> None:
            """The next segment's copy, when none is being made (one at a time: see
            :func:`enrich_segment_apart`), ahead of the runs not yet asked for."""
            if due and all(k >= 0 for _, k, _ in busy.values()):
                j, files = due.pop(0)
                copy = pool.submit(
                    enrich_segment_apart, self.path, self.staging, self.jobs[j][0], files
                )
                busy[copy] = (j, -1, 0)

        while runs or busy:
            while runs and naming < self.ahead:
                j, k, part = runs.pop()
                segment = self.jobs[j][0]
                future = pool.submit(name_run, self.path, self.staging, segment, part, self.add)
                busy[future] = (j, k, len(part))
                naming += 1
            self._check()
            done, _ = wait_for(list(busy), timeout=0.05, return_when=FIRST_COMPLETED)
            for future in done:
                j, k, count = busy.pop(future)
                result = future.result()
                segment, docnums = self.jobs[j]
                if k < 0:
                    copy_next()  # (before this one's commit)
                    yield segment.segment_id(), docnums, result
                    continue
                naming -= 1
                written[j][k] = result
                if self.progress:
                    self.progress(count)
                left[j] -= 1
                if not left[j]:  # its names all found: the copy, ahead of the runs queued
                    due.append((j, [written[j][n] for n in range(len(written[j]))]))
                    written[j] = {}
                    copy_next()

    def _check(self) -> None:
        if self.cancelled and self.cancelled():
            raise InterruptedError("adding the names cancelled")

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def enrich(
    index: SearchIndex,
    writing: AbstractContextManager[Any],
    add: Add,
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    lock_timeout: float = 30.0,
) -> int:
    """Add the names to every plain segment of ``index``; how many documents got them.
    ``writing``: held for each commit (the index's one write at a time in this
    process). See :meth:`tui.index.SearchIndex.enrich`."""
    path = index.path
    try:
        ix = open_index(path)
        plain = plain_ids(ix)
    except Exception:  # noqa: BLE001 - no index: nothing to do
        return 0
    jobs = [(seg, _live_numbers(ix, seg)) for seg in segments(ix) if seg.segment_id() in plain]
    del ix
    if not jobs:
        return 0
    done = 0
    with _staging(path) as staging:
        work = _Work(path, staging, jobs, add, workers, progress, cancelled)
        try:
            for sid, docnums, new in work.ready():
                done += _commit(index, writing, sid, docnums, new, staging, lock_timeout)
        finally:
            work.close()
    index.writes.merge(lock_timeout)
    return done


#: The start of the name of the folder, in the index's, where the new segments are
#: written before their commit (hidden: a commit removes the files of every segment
#: its table of contents does not list, in the index's folder, but not in a hidden one).
STAGING = ".names-"


@contextmanager
def _staging(path: Path) -> Iterator[str]:
    """A folder of this process's own in the index's (the same file system: a segment's
    files are moved from it by name), removed with what is left in it; those that
    processes no longer running left (killed) are removed first."""
    for old in path.glob(f"{STAGING}*"):
        pid = old.name[len(STAGING) :].split("-")[0]
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(old, ignore_errors=True)
    folder = tempfile.mkdtemp(prefix=f"{STAGING}{os.getpid()}-", dir=path)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # (another user's)
    return True


def _live_numbers(ix: Any, segment: Any) -> list[int]:
    reader = segment_reader(ix, segment)
    try:
        return [n for n in range(reader.doc_count_all()) if not reader.is_deleted(n)]
    finally:
        reader.close()


def _commit(
    index: SearchIndex,
    writing: AbstractContextManager[Any],
    sid: str,
    docnums: list[int],
    new: Any,
    staging: str,
    lock_timeout: float,
) -> int:
    """Commit ``new`` (in the folder ``staging``: the plain segment ``sid``'s live
    documents ``docnums``, with their names) in that segment's place, under the write
    lock, from the segment as the lock finds it: a document deleted since is left out
    (``new`` copied once more without it); how many documents it holds (0: the
    segment is gone, or no longer plain)."""
    with writing, index.folder.locked(lock_timeout):
        ix = open_index(index.path)
        by_id = {seg.segment_id(): seg for seg in segments(ix)}
        segment = by_id.get(sid)
        if segment is None or sid not in plain_ids(ix):
            return 0
        live = _live_numbers(ix, segment)
        if not set(live) <= set(docnums):
            return 0  # (never: a deleted document stays deleted) left plain
        expected = ix.doc_count()
        try:
            if new is not None:
                _move_in(Path(staging), index.path, new)
                if live != docnums:  # deleted meanwhile: the new segment without them
                    now = set(live)
                    for k, n in enumerate(docnums):
                        if n not in now:
                            new.delete_document(k)
                    new = merged_segment(index.path, ix, [new])
            kept = [new if i == sid else seg for i, seg in by_id.items()]
            commit_toc(PrivateStorage(str(index.path)), [s for s in kept if s is not None])
        except BaseException:
            remove_orphans(index.path)
            raise
        index.reopened(expected, [], [])
    give_back()
    return len(live)


def _move_in(staging: Path, path: Path, segment: Any) -> None:
    """Move the files of ``segment`` from the folder ``staging`` into the index's."""
    stem = segment.make_filename("")
    for name in os.listdir(staging):
        if name.startswith(stem):
            os.replace(staging / name, path / name)
