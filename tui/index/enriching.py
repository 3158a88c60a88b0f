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
meanwhile and indexed again, with its names, in a new segment) work as in any.

:func:`enrich`: for each plain segment, ``add(stored)`` is asked, in worker
processes on every core (as a build's ``prepare``: a top-level function, pickled
by name), for what the names add to each live document (its entity fields and
its summary, ``"entities"``), given the document's stored fields; the parent
then writes, under the write lock, a new segment holding the same documents
with those added (:func:`enriched_segment`) and commits it in place of the plain
one, one commit a segment: searches meanwhile read the index as last committed,
and a cancel leaves the segments not yet done plain, for the next
:func:`enrich`. The names are asked for without the lock; a document another
process deletes meanwhile is left out of the new segment (it is written from the
segment as the lock finds it), so no deletion is lost.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import wait as wait_for
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.index import sidecar, termfile
from tui.index.build import Target, build_segment
from tui.index.builder import write_names
from tui.index.copying import copy_segments
from tui.index.errors import NamesFound, NotCopyable
from tui.index.folder import open_index
from tui.index.processes import die_with_parent, stderr_with_a_file_descriptor
from tui.index.schema import (
    ENTITY_FIELDS,
    FACET_RECORD,
    facet_names,
    field_term,
    from_stored,
    with_facet_names,
)
from tui.index.segment import (
    add_stored,
    commit_toc,
    remove_orphans,
    segment_reader,
    segments,
    stored_bytes,
    stored_length,
)
from tui.index.storage import PrivateStorage
from tui.index.summaries import NamePostings, pack_summary, term_counts

if TYPE_CHECKING:
    from tui.index.store import SearchIndex

#: The end of the name of the file that marks a segment plain.
PLAIN_EXT = ".pln"

#: What the names add to one document, as the new segment takes it: each entity
#: field's terms with their mentions (:func:`~tui.index.summaries.term_counts`),
#: the names of its facet record (:func:`~tui.index.schema.facet_names`), the
#: summary as stored (:func:`~tui.index.summaries.pack_summary`), and its stored
#: fields with that summary, as the segment's file holds them (made by the worker
#: that read them: compressing them again is most of a copy's work a document;
#: None: the copy makes them).
Named = tuple[tuple[dict[str, int], ...], list[str], Any, bytes | None]

#: Documents a worker takes at a time.
RUN = 128

Add = Callable[[dict[str, Any]], dict[str, Any]]


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
            _, header = sidecar.unpack_arrays(data)
            if header.get("entities"):
                raise NamesFound("a document written without names has an entity summary")
        handle = segment.create_file(storage, PLAIN_EXT)
        try:
            handle.write(b"plain\n")
        finally:
            handle.close()


def plain_ids(ix: Any) -> set[str]:
    """The ids of the plain segments of ``ix`` (its table of contents as opened)."""
    names = set(ix.storage.list())
    return {seg.segment_id() for seg in segments(ix) if seg.make_filename(PLAIN_EXT) in names}


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
# What the names add (worker side)


def named(additions: dict[str, Any], stored: dict[str, Any] | None = None) -> Named:
    """What ``add`` gave for a document (entity fields, one entry a mention, and
    ``"entities"``, the summary), as the new segment takes it; ``stored``: the
    document's stored fields (changed: the summary put in)."""
    counts = tuple(term_counts(additions.get(f) or [], field_term) for f in ENTITY_FIELDS)
    summary = pack_summary(additions.get("entities") or {})
    raw = None
    if stored is not None and "entities" in stored:
        stored["entities"] = summary  # (in its place: the fields keep their order)
        try:
            raw = stored_bytes(stored)
        except NotCopyable:
            pass
    return counts, facet_names(additions), summary, raw


def named_run(reader: Any, docnums: list[int], add: Add) -> list[Named]:
    """:func:`named` of ``add`` of the stored fields of each of ``docnums``."""
    out = []
    for n in docnums:
        stored = reader.stored_fields(n)
        out.append(named(add(dict(stored)), stored))
    return out


#: The worker's reader: (segment id, reader) of the segment it read last.
_READER: list[tuple[str, Any]] = []


def _worker_run(index_dir: str, segment: Any, docnums: list[int], add: Add) -> list[Named]:
    """A worker's share: :func:`named_run` of some documents of ``segment``."""
    sid = segment.segment_id()
    if not _READER or _READER[0][0] != sid:
        while _READER:
            _READER.pop()[1].close()
        _READER.append((sid, segment_reader(open_index(index_dir), segment)))
    return named_run(_READER[0][1], docnums, add)


class _Names:
    """The names of the documents of the plain segments, asked for in worker
    processes (all submitted at once: the workers go on while the parent writes a
    segment) or in this process, a segment at a time."""

    def __init__(
        self,
        path: Path,
        jobs: list[tuple[Any, list[int]]],
        add: Add,
        workers: int,
        progress: Callable[[int], None] | None,
        cancelled: Callable[[], bool] | None,
    ) -> None:
        self.path = path
        self.add = add
        self.progress = progress
        self.cancelled = cancelled
        self.pool: ProcessPoolExecutor | None = None
        self.futures: dict[str, list[tuple[int, Future[list[Named]]]]] = {}
        total = sum(len(docnums) for _, docnums in jobs)
        if workers > 1 and total >= 2 * RUN:
            self.pool = _pool(workers, add)
            for segment, docnums in jobs:
                self.futures[segment.segment_id()] = [
                    (
                        len(docnums[i : i + RUN]),
                        self.pool.submit(
                            _worker_run, str(path), segment, docnums[i : i + RUN], add
                        ),
                    )
                    for i in range(0, len(docnums), RUN)
                ]

    def of(self, ix: Any, segment: Any, docnums: list[int]) -> dict[int, Named]:
        """The names of ``docnums`` of ``segment`` (by document number)."""
        found: list[Named] = []
        if self.pool is None:
            reader = segment_reader(ix, segment)
            try:
                for i in range(0, len(docnums), RUN):
                    self._check()
                    found += named_run(reader, docnums[i : i + RUN], self.add)
                    if self.progress:
                        self.progress(len(docnums[i : i + RUN]))
            finally:
                reader.close()
        else:
            for count, future in self.futures.pop(segment.segment_id(), []):
                while not future.done():
                    self._check()
                    wait_for([future], timeout=0.05)
                found += future.result()
                if self.progress:
                    self.progress(count)
        return dict(zip(docnums, found, strict=True))

    def _check(self) -> None:
        if self.cancelled and self.cancelled():
            raise InterruptedError("adding the names cancelled")

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def _pool(workers: int, add: Add) -> ProcessPoolExecutor:
    """Worker processes for ``add``: forked from a process with one thread, else from a
    fork server that imports ``add``'s module once (as :mod:`tui.index.build`)."""
    ctx = mp.get_context("forkserver" if threading.active_count() > 1 else "fork")
    if ctx.get_start_method() == "forkserver":
        module = module_of(add)
        its = getattr(sys.modules.get(module), "WORKER_MODULES", ())
        ctx.set_forkserver_preload([module, __name__, *its])
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
# The new segments (parent side)


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
    if not jobs:
        return 0
    names = _Names(path, jobs, add, workers, progress, cancelled)
    done = 0
    try:
        for segment, docnums in jobs:
            found = names.of(ix, segment, docnums)
            done += _commit(index, writing, segment.segment_id(), found, lock_timeout)
    finally:
        names.close()
    index.writes.merge(lock_timeout)
    return done


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
    found: dict[int, Named],
    lock_timeout: float,
) -> int:
    """Write the plain segment ``sid`` again with the names ``found`` and commit it in
    its place, under the write lock, from the segment as the lock finds it (its
    documents deleted since left out); how many documents it holds (0: the segment is
    gone, or no longer plain)."""
    with writing, index.folder.locked(lock_timeout):
        ix = open_index(index.path)
        by_id = {seg.segment_id(): seg for seg in segments(ix)}
        segment = by_id.get(sid)
        if segment is None or sid not in plain_ids(ix):
            return 0
        live = _live_numbers(ix, segment)
        expected = ix.doc_count()
        try:
            new = enriched_segment(index.path, ix, segment, [found[n] for n in live])
            kept = [new if i == sid else seg for i, seg in by_id.items()]
            commit_toc(PrivateStorage(str(index.path)), [s for s in kept if s is not None])
        except BaseException:
            remove_orphans(index.path)
            raise
        index.reopened(expected, [], [])
    return len(live)


def enriched_segment(path: Path | str, ix: Any, segment: Any, names: list[Named]) -> Any:
    """The live documents of the plain ``segment`` of ``ix``, each with its ``names``
    (in order), as one new segment in the folder ``path`` (None: none is live): copied
    (:func:`~tui.index.copying.copy_segments` with :class:`Names`), or written again
    from their stored fields and names as a build writes them where the segment
    cannot be copied. The caller holds the write lock and commits."""
    target = Target(path)
    try:
        return copy_segments(target, ix, [segment], Names(target.schema, names))
    except NotCopyable:
        pass
    built, _ = build_segment(target, _documents(ix, segment, names))
    return built


class Names:
    """What the names add to a plain segment's documents as they are copied
    (:class:`~tui.index.copying.Additions`): ``named[n]`` is the copy's document
    ``n``'s. Each document gets what :class:`~tui.index.builder.SegmentBuilder` gives
    a document with those names: its summary in its stored fields, each entity
    field's length and postings, and the names in its facet record."""

    def __init__(self, schema: Any, named: list[Named]) -> None:
        self.schema = schema
        self.named = named
        self.postings: dict[str, NamePostings] = {}
        self.totals = dict.fromkeys(ENTITY_FIELDS, 0)

    def add(
        self, perdoc: Any, docnum: int, stored: dict[str, Any], record: bytes
    ) -> tuple[Any, bytes]:
        counts, parts, summary, raw = self.named[docnum]
        if "entities" not in stored or not record:
            raise NotCopyable("a document of another shape")
        schema = self.schema
        if raw is not None:
            add_stored(perdoc, docnum, raw)
        else:  # (the fields keep their order: the summary in its place)
            stored["entities"] = summary
            for name, value in stored.items():
                perdoc.add_field(name, schema[name], value, 0)
        for name, terms in zip(ENTITY_FIELDS, counts, strict=True):
            length = sum(terms.values())
            if length:
                perdoc.add_field(name, schema[name], None, length)
                self.totals[name] += length
                postings = self.postings.get(name)
                if postings is None:
                    postings = self.postings[name] = NamePostings()
                postings.add(docnum, terms, stored_length(length) or 0)
        return summary, with_facet_names(record, parts)

    def fields(self) -> dict[str, NamePostings]:
        return self.postings

    def write(
        self, name: str, limit: int, writer: Any, postfile: Any, table: Any, create: Any
    ) -> None:
        names = self.postings.pop(name)  # (let go of once written)
        write_names(self.schema, limit, writer, postfile, table, create, name, names)

    def total(self, name: str) -> int:
        return self.totals[name]


def _documents(ix: Any, segment: Any, names: list[Named]) -> Iterator[dict[str, Any]]:
    """The live documents of ``segment`` with their names, as documents to index."""
    reader = segment_reader(ix, segment)
    try:
        records = list(reader.column_reader("facets", translate=False))
        live = (n for n in range(reader.doc_count_all()) if not reader.is_deleted(n))
        for docnum, (counts, parts, summary, _) in zip(live, names, strict=True):
            doc = from_stored(reader.stored_fields(docnum))
            doc["entities"] = summary
            for field, terms in zip(ENTITY_FIELDS, counts, strict=True):
                # each term once a mention: to_whoosh counts them again
                doc[field] = [t for t, n in terms.items() for _ in range(n)]
            doc[FACET_RECORD] = with_facet_names(records[docnum], parts)
            yield doc
    finally:
        reader.close()
