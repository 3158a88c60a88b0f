"""Building segments: in this process, or in worker processes on every core.

Building uses both cores without Whoosh's multiprocess writer (which can drop
documents): worker processes prepare documents *and* write them into segments
of their own in the index folder (:class:`~tui.index.builder.SegmentBuilder`);
the parent, which holds the write lock, commits a table of contents that lists
those segments, then checks the count (:meth:`tui.index.SearchIndex.write`).
The functions a worker runs are top-level, so that they pickle by name.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import pickle
import secrets
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from importlib import import_module
from itertools import chain
from pathlib import Path
from typing import Any, BinaryIO

from tui.heap import give_back
from tui.index.builder import UNSEALED_CHARS, UNSEALED_DOCS, SegmentBuilder
from tui.index.processes import die_with_parent, stderr_with_a_file_descriptor
from tui.index.schema import ENTITY_FIELDS, INDEX_NAME, TEXT_FIELDS, make_schema, to_whoosh
from tui.index.storage import PrivateStorage
from tui.terms import Vocabulary


class Target:
    """Where :class:`SegmentBuilder` writes: the schema and the storage of an index folder."""

    def __init__(self, path: Path | str) -> None:
        self.schema = make_schema()
        self.storage = PrivateStorage(str(path))


@dataclass(frozen=True)
class Batch:
    """What one write adds: ``prepare(item)`` makes each of ``items`` a document dict
    (or a one-line error), in ``workers`` processes when there are many; ``progress(n)``
    counts them as they go, and ``cancelled()``, asked now and then, stops the build.
    Without ``passages`` the segments get no passage fingerprints (plain segments: they
    come with the names, :mod:`tui.index.enriched`). ``meanwhile()``: work of the
    caller's that the build does not need, done while the workers build (this process
    would only wait for them), or before a build in this process; it may be called
    more than once, and does its work once."""

    prepare: Callable[[Any], dict[str, Any] | str]
    items: Sequence[Any]
    workers: int = 1
    progress: Callable[[int], None] | None = None
    cancelled: Callable[[], bool] | None = None
    passages: bool = True
    meanwhile: Callable[[], None] | None = None


class WorkerFailed(Exception):
    """A worker process failed writing its segment, or the caller's ``meanwhile`` failed
    while they ran (``original`` says why): building in this process would fail the
    same way."""

    def __init__(self, original: Exception) -> None:
        super().__init__(str(original))
        self.original = original


# ---------------------------------------------------------------------------
# Worker side

#: What a worker imports at its first document beyond the code it runs: numpy, for
#: the passage fingerprints (0.1-0.2 s of CPU apiece), imported once before they start.
WORKER_MODULES = ("tui.shingles",)

_PROGRESS: Any = None
_WORK: Any = None


def _worker_init(progress_queue: Any, work_queue: Any) -> None:
    global _PROGRESS, _WORK
    _PROGRESS = progress_queue
    _WORK = work_queue
    # A worker lives for one build and frees everything when it exits; the
    # cyclic collector would only walk its growing postings again and again
    # (about 5% of a build's samples in perf).
    gc.disable()
    die_with_parent()


_die_with_parent = die_with_parent  # the name a test starts a process with


def _worker_write(
    index_dir: str,
    prepare: Callable[[Any], dict[str, Any] | str],
    docs_path: str,
    part: int = 0,
    parts: int = 1,
    share: int | None = None,
    passages: bool = True,
) -> tuple[list[Any], list[str]]:
    """Prepare the items of the shared queue and write them as new segments.

    Returns (segments, errors). Each worker takes batches from the queue until it
    meets its end mark, so a worker on a busier core simply takes fewer. The
    documents it wrote go, pickled in runs as it goes, to the file ``docs_path``
    (the parent reads them back once the workers are gone): held until the end, and
    sent back in the result, they were ~12 MB of each worker's heap at the build's
    peak, and as much again in the parent. The parent
    holds the write lock; the segments become part of the index when the parent
    commits a table of contents that lists them.

    Worker ``part`` of ``parts`` ends its first segment sooner than the one before it
    (:func:`first_segment_chars`), so that the workers, which go at about the same
    pace, do not all write a segment at the same moment. ``share``: the documents
    each worker takes if they share them evenly (see :func:`build_bounded`).
    ``passages``: whether the segments get their passage fingerprints (see :class:`Batch`).
    """
    errors: list[str] = []
    documents = prepared_runs(prepare, _queued_batches(_WORK), _report_progress, None, errors)
    first = first_segment_chars(part, parts)
    with open(docs_path, "wb") as out:
        segments, _ = build_bounded(
            Target(index_dir), documents, spill=out, first=first, share=share, passages=passages
        )
    return segments, errors


def read_spilled(path: str) -> list[dict[str, Any]]:
    """The documents :func:`build_bounded` wrote to the file at ``path``, in order."""
    docs: list[dict[str, Any]] = []
    with open(path, "rb") as f:
        while True:
            try:
                docs += pickle.load(f)
            except EOFError:
                return docs


#: The batches of a build whose workers are forked from this process, each pickled
#: whole: the workers have them already (copy-on-write), and the queue carries each
#: batch's number, not its items pickled by the parent's feeder thread and unpickled
#: by a worker (50,000 items each way at 50,000 articles, while both cores are busy
#: with the workers). Pickled before the fork (0.05 s for 50,000 items, 2.5 MB), not
#: shared as objects: a worker that reads an object writes its reference count, and
#: each page of items it read became a copy of its own for the rest of the build
#: (~12 MB of items at 50,000 articles, copied by one worker or the other, some by
#: both); unpickled, a batch's items are the worker's own and go once it is done.
_FORKED: Sequence[bytes] = ()


def _queued_batches(queue: Any) -> Iterator[Sequence[Any]]:
    while (batch := queue.get()) is not None:
        yield pickle.loads(_FORKED[batch]) if isinstance(batch, int) else batch


def _report_progress(n: int) -> None:
    if _PROGRESS is not None:
        _PROGRESS.put(n)


#: Documents prepared before the segment takes them: preparing a run of articles, then
#: indexing the run, keeps each phase's code and data in the processor's caches
#: (the recogniser's model and vocabulary, the postings), where alternating them
#: article by article evicted each other's.
AHEAD = 32


def prepared(
    prepare: Callable[[Any], dict[str, Any] | str],
    items: Iterable[Any],
    progress: Callable[[int], None] | None,
    cancelled: Callable[[], bool] | None,
    errors: list[str],
) -> Iterator[dict[str, Any]]:
    """The documents ``prepare`` makes of ``items``; its one-line errors go to ``errors``.

    Reports progress every 25 items and raises ``InterruptedError`` once
    ``cancelled()`` says so (asked every 20 items).
    """
    phases = getattr(prepare, "phases", None)
    if phases is not None:
        return _prepared_in_phases(phases, _runs(items), progress, cancelled, errors)
    return _documents(prepare, items, progress, cancelled, errors, AHEAD)


def _documents(
    make: Callable[[Any], dict[str, Any] | str],
    items: Iterable[Any],
    progress: Callable[[int], None] | None,
    cancelled: Callable[[], bool] | None,
    errors: list[str],
    ahead: int | None,
) -> Iterator[dict[str, Any]]:
    """The documents ``make`` makes of ``items``, ``ahead`` at a time (None: all of
    them, once made); its errors to ``errors``, progress every 25 items, and
    ``InterruptedError`` once ``cancelled()`` says so (asked every 20 items)."""
    pending = 0
    ready: list[dict[str, Any]] = []
    for n, item in enumerate(items, 1):
        if cancelled and n % 20 == 0 and cancelled():
            raise InterruptedError("indexing cancelled")
        doc = make(item)
        if isinstance(doc, str):
            errors.append(doc)
        else:
            ready.append(doc)
            if ahead is not None and len(ready) >= ahead:
                yield from ready
                ready = []
        pending += 1
        if progress and pending == 25:
            progress(pending)
            pending = 0
    if progress and pending:
        progress(pending)
    yield from ready


#: Items a preparation in two phases takes through each phase in turn (see
#: :func:`_prepared_in_phases`); a build's workers take the queue's batches as runs
#: (:func:`_batches`: this many items each until the last few).
RUN = 128


def _runs(items: Iterable[Any]) -> Iterator[list[Any]]:
    run: list[Any] = []
    for item in items:
        run.append(item)
        if len(run) >= RUN:
            yield run
            run = []
    if run:
        yield run


def prepared_runs(
    prepare: Callable[[Any], dict[str, Any] | str],
    runs: Iterable[Sequence[Any]],
    progress: Callable[[int], None] | None,
    cancelled: Callable[[], bool] | None,
    errors: list[str],
) -> Iterator[dict[str, Any]]:
    """:func:`prepared` of the items of ``runs``, taken a run at a time by a
    ``prepare`` in two phases."""
    phases = getattr(prepare, "phases", None)
    if phases is None:
        return prepared(prepare, chain.from_iterable(runs), progress, cancelled, errors)
    return _prepared_in_phases(phases, runs, progress, cancelled, errors)


def _prepared_in_phases(
    phases: tuple[Callable[[Any], Any], Callable[[Any], dict[str, Any] | str]],
    runs: Iterable[Sequence[Any]],
    progress: Callable[[int], None] | None,
    cancelled: Callable[[], bool] | None,
    errors: list[str],
) -> Iterator[dict[str, Any]]:
    """:func:`prepared` of a ``prepare`` whose ``phases`` are (first, second): each
    item's document is ``second(first(item))``, made here a run at a time, the first
    phase over the run, then the second, and then the segment takes the run's
    documents. Reading and cleaning articles, recognising their entities and
    indexing them each have code and tables of their own; done article by article,
    each evicted the others' from the processor's caches (a BBC build, the same
    documents: 5.57 -> 5.27 s CPU with runs of 128, 5.41 with 64, 5.23 with 256)."""
    first, second = phases
    count = 0
    for run in runs:
        made: list[Any] = []
        for item in run:
            count += 1
            if cancelled and count % 20 == 0 and cancelled():
                raise InterruptedError("indexing cancelled")
            made.append(first(item))
        # the run's documents, all made before the segment takes any of them
        yield from _documents(second, made, progress, cancelled, errors, None)


def prepared_batch(batch: Batch, errors: list[str]) -> Iterator[dict[str, Any]]:
    """:func:`prepared` of a batch's items, in this process."""
    return prepared(batch.prepare, batch.items, batch.progress, batch.cancelled, errors)


#: What the caller of a write does not get back of each document: the index holds
#: it (the body, the entity fields, the entity summary), and a build of 50,000
#: articles kept them all in every worker and in the parent (hundreds of MB each).
_LEFT_IN_THE_INDEX = frozenset(("body", "entities", *ENTITY_FIELDS))


def _kept(doc: dict[str, Any]) -> dict[str, Any]:
    """What a write returns of a document: its metadata and the manifest's fields."""
    return {k: v for k, v in doc.items() if k not in _LEFT_IN_THE_INDEX}


#: Characters of text (titles and bodies) a segment takes before it is written and a
#: new one begun. What a segment holds until it is written (postings, passage
#: fingerprints, stored fields) grows with its text: this bounds a worker's memory
#: whatever the corpus's size. The workers' segment ends are staggered
#: (:func:`first_segment_chars`): while one writes a segment, the other is halfway
#: through one. 16M (was 20M): a 50,000-article build ~8 MB lower (PSS of all
#: processes, median of 4 rounds 404 -> 396 MB, before the staggering).
#: Each segment costs every search (at 50,000 articles, 16 segments made the app's
#: search p50 75 ms against 40 ms with 4): about 7,000 news articles a segment, 9
#: from the workers at 50,000 (4 + 5: the second's first is half; was 7 with 20M;
#: tests/test_build_memory.py pins the count).
SEGMENT_CHARS = 16_000_000


def first_segment_chars(part: int, parts: int, chars: int | None = None) -> int:
    """Characters of text in the first segment of worker ``part`` of ``parts``: the
    segment size (``chars``, by default :data:`SEGMENT_CHARS`) less a share for each
    later worker (half a segment for the second of two); after it, all make segments
    of that size.

    A worker's memory grows through a segment and is highest while it writes it, and
    the workers go at about the same pace: both workers of a 50,000-article build
    ended their segments within a second or two of each other, each at its peak.
    Staggered, one writes a segment while the other is halfway through one. (A
    larger first segment instead was a worker's highest peak: 175 MB PSS at one and
    a half segments against ~165 at its later ones.)"""
    size = SEGMENT_CHARS if chars is None else chars
    return size - size * part // max(1, parts)


def build_segment(ix: Any, documents: Iterable[dict[str, Any]]) -> tuple[Any, list[dict[str, Any]]]:
    """Write ``documents`` as one new segment: (the segment or None, the documents
    without their bodies). The caller holds the write lock and commits."""
    # made at the first document: no files for a worker (or a batch) with none
    builder: SegmentBuilder | None = None
    docs: list[dict[str, Any]] = []
    for doc in documents:
        if builder is None:
            builder = SegmentBuilder(ix)
        builder.add(to_whoosh(doc, counted=True), doc.get("entities"))
        docs.append(_kept(doc))
    return (builder.finish() if builder else None), docs


#: Documents a worker pickles together (see :func:`build_bounded`).
PICKLED_DOCS = 500


def build_bounded(
    ix: Any,
    documents: Iterable[dict[str, Any]],
    chars: int | None = None,
    spill: BinaryIO | None = None,
    first: int | None = None,
    share: int | None = None,
    passages: bool = True,
) -> tuple[list[Any], list[dict[str, Any]]]:
    """:func:`build_segment`, a new segment each time one holds ``chars`` characters
    of text (:data:`SEGMENT_CHARS`): memory stays bounded, whatever the number of
    documents. Returns (the segments, the documents as :func:`_kept` keeps them).

    With ``spill`` (a worker's file) the documents are not returned but written to
    it as they go, pickled in lists of :data:`PICKLED_DOCS` (read back with
    :func:`read_spilled`): a worker's share of 50,000 articles held ~27 MB as dicts
    until the end of the build. ``first``: the first segment's size, when another
    (:func:`first_segment_chars`). ``share``: how many documents this build takes, when
    known (at most :data:`UNSEALED_DOCS`: their postings wait as lists). ``passages``:
    whether the segments get their passage fingerprints (see :class:`Batch`)."""
    limit = SEGMENT_CHARS if chars is None else chars
    few = share is not None and share <= UNSEALED_DOCS
    ends = limit if first is None else first
    segments: list[Any] = []
    kept: list[dict[str, Any]] = []
    builder: SegmentBuilder | None = None
    size = 0
    terms = Vocabulary()  # each word's term, worked out once for all the segments
    for doc in documents:
        if builder is None:
            builder = SegmentBuilder(ix, terms, sealing=not few, passages=passages)
        builder.add(to_whoosh(doc, counted=True), doc.get("entities"))
        kept.append(_kept(doc))
        if spill is not None and len(kept) >= PICKLED_DOCS:
            pickle.dump(kept, spill, pickle.HIGHEST_PROTOCOL)
            kept = []
        size += len(doc.get("body") or "") + len(doc.get("title") or "")
        if few and size >= UNSEALED_CHARS:
            builder.start_sealing()
        if size >= ends:
            segments.append(builder.finish())
            builder, size, ends = None, 0, limit
    if builder is not None:
        segments.append(builder.finish())
    if spill is not None and kept:
        pickle.dump(kept, spill, pickle.HIGHEST_PROTOCOL)
        kept = []
    return [s for s in segments if s is not None], kept


def build_segments(
    folder: Path, batch: Batch, errors: list[str]
) -> tuple[list[Any], list[dict[str, Any]]]:
    """New segments of the batch's items (in worker processes when there are many) and
    the documents without bodies; the items' errors go to ``errors``."""
    if batch.workers > 1 and len(batch.items) >= 200:
        try:
            docs, worker_errors, segments = write_parallel(folder, batch)
            errors += worker_errors
            return segments, docs
        except WorkerFailed as exc:
            raise exc.original from None  # building here would fail the same way
        except (OSError, ValueError, BrokenProcessPool):
            # Worker processes cannot be started here, or one died: index in this
            # process instead (nothing is committed yet).
            pass
    if batch.meanwhile is not None:
        batch.meanwhile()
    documents = prepared_batch(batch, errors)
    return build_bounded(Target(folder), documents, share=len(batch.items), passages=batch.passages)


def add_with_writer(writer: Any, documents: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """:func:`build_segment` through Whoosh's own ``writer.add_document``, for a Whoosh
    release other than the one :mod:`tui.index.segment` writes for; the caller commits."""
    docs = []
    for doc in documents:
        add_document(writer, to_whoosh(doc))
        docs.append(_kept(doc))
    return docs


def add_document(writer: Any, fields: dict[str, Any]) -> None:
    """``writer.add_document(**fields)``, the text analysed in the document's language."""
    for name in TEXT_FIELDS:
        writer.schema[name].analyzer.language = fields.get("lang")
    writer.add_document(**fields)


#: Items of the last, smallest batches a worker takes from the queue (see
#: :func:`_batches`): small enough that the workers finish within a few
#: milliseconds of each other, large enough that the queue costs nothing next to
#: the work.
_BATCH = 16


def _batches(items: Sequence[Any], workers: int = 1, size: int = _BATCH) -> list[Sequence[Any]]:
    """The queue's batches: :data:`RUN` items (a worker's run, see
    :func:`prepared_runs`) while there are many left, then fewer, down to ``size``,
    so that the workers end together (a worker still busy with a run when the other
    finds the queue empty makes the build wait for it)."""
    out: list[Sequence[Any]] = []
    i, n = 0, len(items)
    while i < n:
        k = max(size, min(RUN, (n - i) // (2 * workers)))
        out.append(items[i : i + k])
        i += k
    return out


# ---------------------------------------------------------------------------
# Parent side


def write_parallel(
    index_dir: Path, batch: Batch
) -> tuple[list[dict[str, Any]], list[str], list[Any]]:
    """Prepare the batch's items in its ``workers`` processes, each writing segments of
    its own.

    Returns (docs, errors, segments); the caller, which holds the write lock,
    commits the segments. ``InterruptedError`` when cancelled.
    """
    global _FORKED
    prepare, progress, cancelled = batch.prepare, batch.progress, batch.cancelled
    passages = batch.passages
    # From a thread (the app), fork is unsafe: a fork server starts the workers.
    ctx = mp.get_context("forkserver" if threading.active_count() > 1 else "fork")
    if ctx.get_start_method() == "forkserver":
        # The fork server imports the code a worker runs once; each worker
        # then starts from it instead of importing it again (~1 s apiece).
        # (and the modules the preparing function's module says it imports as it goes)
        module = getattr(prepare, "__module__", __name__)
        its = getattr(sys.modules.get(module), "WORKER_MODULES", ())
        ctx.set_forkserver_preload([module, __name__, *WORKER_MODULES, *its])
    else:  # forked from here: what is imported now, workers share
        for name in WORKER_MODULES:
            import_module(name)
    docs: list[dict[str, Any]] = []
    errors: list[str] = []
    segments: list[Any] = []
    batches = _batches(batch.items, batch.workers)
    workers = min(batch.workers, len(batches))
    with stderr_with_a_file_descriptor():
        # Starting the fork server and its resource tracker hands them
        # sys.stderr's file descriptor: under Textual, which captures
        # stderr, there is none, and the start would fail.
        progress_queue = ctx.SimpleQueue() if ctx.get_start_method() == "fork" else ctx.Queue()
        # Work is shared out as it goes rather than split up front: on a
        # shared machine one core is often slower than the other.
        work_queue = ctx.Queue()
        # A queue's feeder thread is joined at exit until all it holds is in the
        # pipe: when a worker dies (out of memory, a full disk) the batches no one
        # will take would keep this process from ever ending. They are dropped.
        for queue in (work_queue, progress_queue):
            if hasattr(queue, "cancel_join_thread"):
                queue.cancel_join_thread()
        forked = ctx.get_start_method() == "fork"
        # (the workers are forked at the first submit, below: after this)
        _FORKED = (
            [pickle.dumps(list(b), pickle.HIGHEST_PROTOCOL) for b in batches] if forked else ()
        )
        for number, chunk in enumerate(batches):
            work_queue.put(number if forked else chunk)
        for _ in range(workers):
            work_queue.put(None)
        pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=ctx,
            initializer=_worker_init,
            initargs=(progress_queue, work_queue),
        )
        # (named as a segment's files are: a crash leaves them to be cleared as those)
        paths = [index_dir / f"{INDEX_NAME}_{secrets.token_hex(8)}.docs" for _ in range(workers)]
        if ctx.get_start_method() == "fork":
            # What this process freed (the folder's scan, the model's file read and
            # decoded) sits in the C allocator's free lists, resident: forked, each worker
            # would allocate into those pages and get a copy of each of its own.
            give_back()
        share = -(-len(batch.items) // workers)
        futures = [
            pool.submit(
                _worker_write, str(index_dir), prepare, str(p), part, workers, share, passages
            )
            for part, p in enumerate(paths)
        ]
    try:
        with pool:
            if batch.meanwhile is not None:
                try:
                    batch.meanwhile()
                except Exception as exc:  # (a ValueError: not the workers' failing to start)
                    raise WorkerFailed(exc) from exc
            while True:
                done = all(f.done() for f in futures)
                while not progress_queue.empty():
                    n = progress_queue.get()
                    if progress:
                        progress(n)
                if done:
                    break
                if cancelled and cancelled():
                    for f in futures:
                        f.cancel()
                    pool.shutdown(wait=True, cancel_futures=True)
                    raise InterruptedError("indexing cancelled")
                # (back at once when the last worker is done: a sleep of 20 ms here
                # was on average 10 ms more of the build's serial end)
                wait(futures, timeout=0.02)
            results = []
            for f in futures:
                try:
                    results.append(f.result())
                except OSError as exc:  # a full disk, say: building here would fail the same
                    raise WorkerFailed(exc) from exc
        # The workers have exited (leaving the with block waits for them): their memory
        # is free before the documents are unpickled here. Unpickled while they were still
        # alive, 50,000 documents were the build's peak (parent +75 MB beside two workers'
        # full heaps).
        for (chunk_segments, chunk_errors), path in zip(results, paths, strict=True):
            segments.extend(chunk_segments)
            docs += read_spilled(str(path))
            errors.extend(chunk_errors)
    finally:
        _FORKED = ()
        for path in paths:
            path.unlink(missing_ok=True)
        # Each queue's feeder thread ends once its queue is closed. Left running, it
        # made this process one with a second thread: the next build here (a rebuild
        # after an update, a host process's next call) would start a fork server
        # instead of forking.
        for queue in (work_queue, progress_queue):
            if hasattr(queue, "close"):
                queue.close()
    return docs, errors, segments
