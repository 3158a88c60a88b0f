"""The new segment of a plain one: its documents with their names, written by a worker.

:func:`tui.index.enriching.enrich` shares the work out. The names of a plain
segment's live documents are found a run of documents at a time
(:func:`name_run`, in any worker process): ``add(stored)`` gives what the names
add to each (:func:`named`), and the run goes, pickled, to a file of its own in
a folder beside the index's segments (the parent's *staging* folder) rather than
back to the parent, where the runs of every segment piled up while it copied one
(~150 MB at 50,000 articles). Once a segment's runs are all done, a worker copies
the segment with them (:func:`enrich_segment`: :func:`enriched_segment`, reading
the runs back in order, :class:`Spilled`) into a new segment in that folder, not
committed: the parent moves its files into the index and commits it in the plain
one's place. The new segment is the one a build with those names writes
(:class:`Names`, tests/test_enriching.py).

A plain segment has no passage fingerprints either (a full build's first phase
leaves them out: ~8% of its workers' time at 50,000 articles): each run's are made
with its names (:func:`named_run`: the worker has the bodies in hand), and the copy
writes the ``.psg`` file from them, as a build with names writes it.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from tui.heap import give_back
from tui.index.build import Target, build_segment
from tui.index.builder import write_names
from tui.index.copying import copy_segments
from tui.index.errors import NotCopyable
from tui.index.folder import open_index
from tui.index.processes import forked
from tui.index.schema import (
    ENTITY_FIELDS,
    FACET_RECORD,
    facet_names,
    field_term,
    from_stored,
    with_facet_names,
)
from tui.index.segment import add_stored, segment_reader, stored_bytes, stored_length
from tui.index.sidecar import Fingerprints, body_fingerprints
from tui.index.summaries import NamePostings, pack_summary, term_counts

#: What the names add to one document, as the new segment takes it: each entity
#: field's terms with their mentions (:func:`~tui.index.summaries.term_counts`),
#: the names of its facet record (:func:`~tui.index.schema.facet_names`), the
#: summary as stored (:func:`~tui.index.summaries.pack_summary`), its stored
#: fields with that summary, as the segment's file holds them (made by the worker
#: that read them: compressing them again is most of a copy's work a document;
#: None: the copy makes them), and its body's passage fingerprints
#: (:func:`~tui.index.sidecar.body_fingerprints`; None: it has none).
Named = tuple[tuple[dict[str, int], ...], list[str], Any, bytes | None, tuple[Any, Any] | None]

#: Documents a worker takes at a time.
RUN = 128

Add = Callable[[dict[str, Any]], dict[str, Any]]


def named(
    additions: dict[str, Any],
    stored: dict[str, Any] | None = None,
    prints: tuple[Any, Any] | None = None,
) -> Named:
    """What ``add`` gave for a document (entity fields, one entry a mention, and
    ``"entities"``, the summary), as the new segment takes it; ``stored``: the
    document's stored fields (changed: the summary put in); ``prints``: its body's
    passage fingerprints."""
    counts = tuple(term_counts(additions.get(f) or [], field_term) for f in ENTITY_FIELDS)
    summary = pack_summary(additions.get("entities") or {})
    raw = None
    if stored is not None and "entities" in stored:
        stored["entities"] = summary  # (in its place: the fields keep their order)
        try:
            raw = stored_bytes(stored)
        except NotCopyable:
            pass
    return counts, facet_names(additions), summary, raw, prints


def named_run(reader: Any, docnums: list[int], add: Add) -> list[Named]:
    """:func:`named` of ``add`` of the stored fields of each of ``docnums``, with their
    bodies' passage fingerprints (made for the run at once: numpy's overhead is paid
    once a run, not once a document)."""
    every = [reader.stored_fields(n) for n in docnums]
    bodies = [(k, body) for k, stored in enumerate(every) if (body := stored.get("body"))]
    prints: list[tuple[Any, Any] | None] = [None] * len(every)
    for (k, _), found in zip(bodies, body_fingerprints([b for _, b in bodies]), strict=True):
        prints[k] = found
    return [
        named(add(dict(stored)), stored, found) for stored, found in zip(every, prints, strict=True)
    ]


#: This process's reader: (segment id, reader) of the segment it read last.
_READER: list[tuple[str, Any]] = []


def let_go_of_reader(sid: str | None = None) -> None:
    """Close this process's reader (``sid``: only when it reads that segment)."""
    while _READER and (sid is None or _READER[0][0] == sid):
        _READER.pop()[1].close()


def name_run(index_dir: str, staging: str, segment: Any, docnums: list[int], add: Add) -> str:
    """:func:`named_run` of some documents of ``segment``, written (pickled) to a file
    of its own in the folder ``staging``, whose name it returns: a worker's results
    wait there for the segment's copy (:func:`enrich_segment`), not in the parent."""
    sid = segment.segment_id()
    if not _READER or _READER[0][0] != sid:
        let_go_of_reader()
        _READER.append((sid, segment_reader(open_index(index_dir), segment)))
    found = named_run(_READER[0][1], docnums, add)
    handle, name = tempfile.mkstemp(prefix="names-", suffix=".pickle", dir=staging)
    with os.fdopen(handle, "wb") as out:
        pickle.dump(found, out, protocol=pickle.HIGHEST_PROTOCOL)
    return name


class Spilled:
    """The names :func:`name_run` wrote to the files ``runs`` (in order), read back a
    file at a time as a copy asks for them, in order (``spilled[k]``: the segment's
    k-th live document's); each file is removed once read."""

    def __init__(self, runs: list[str]) -> None:
        self.runs = list(runs)
        self.first = 0  # the number of the first document of ``self.run``
        self.run: list[Named] = []

    def __getitem__(self, k: int) -> Named:
        while k >= self.first + len(self.run):
            if not self.runs:
                raise IndexError(k)
            self.first += len(self.run)
            name = self.runs.pop(0)
            with open(name, "rb") as f:  # noqa: PTH123
                self.run = pickle.load(f)
            os.remove(name)  # noqa: PTH107
        if k < self.first:
            raise IndexError(f"names asked for out of order: {k}")
        return self.run[k - self.first]

    def __iter__(self) -> Iterator[Named]:
        k = 0
        while True:
            try:
                yield self[k]
            except IndexError:
                return
            k += 1


#: Each document's names, read in order (by number, or iterated).
InOrder = Sequence[Named] | Spilled


def enrich_segment(index_dir: str, staging: str, segment: Any, runs: list[str]) -> Any:
    """The live documents of the plain ``segment`` (as the parent saw it: its deletions
    then), with the names :func:`name_run` wrote to the files ``runs``, as a new
    segment in the folder ``staging`` (None: none is live), not committed: the parent
    moves its files into the index and commits it (:func:`_commit`)."""
    let_go_of_reader(segment.segment_id())  # (the copy reads it through a reader of its own)
    try:
        return enriched_segment(staging, open_index(index_dir), segment, Spilled(runs))
    finally:
        give_back()  # (what the copy took: this process goes on naming)


def enrich_segment_apart(index_dir: str, staging: str, segment: Any, runs: list[str]) -> Any:
    """:func:`enrich_segment` in a process forked for it, which ends with it: what a
    worker gives back, run after run, when a copy is done in the worker itself.

    A copy makes a whole segment's postings, fields and passage fingerprints at once;
    in a worker that goes on naming afterwards, what the allocator got for it stayed in
    the worker's pages (Python's pools and the C heap keep freed memory for later, and
    give back only what is free from end to end): each worker of a 50,000-article build
    held ~15-20 MB more after each of its first copies (``/proc/PID/smaps_rollup``:
    private pages 53 -> 72 MB, 57 -> 77 MB), on top of its own growth while naming. The
    forked process's pages go with it (:func:`~tui.index.processes.forked`: the new
    segment, or the copy's error, comes back through a pipe). A copy still at it after
    :func:`copy_time` is killed, and TimeoutError says so."""
    let_go_of_reader(segment.segment_id())  # (the copy reads it through a reader of its own)
    return forked(
        partial(enrich_segment, index_dir, staging, segment, runs),
        f"the copy of segment {segment.segment_id()}",
        copy_time(segment.doc_count_all()),
    )


#: The seconds a segment's copy is given (:func:`copy_time`): whatever its size, and
#: for each of its documents. A copy of a 50,000-article build's segment (~7,000
#: documents) took 12-18 s on a machine loaded 11-13 (2 cores; ~2.5 ms a document,
#: ~0.5 unloaded); one of 5,411 documents traced by tracemalloc at load 23 ran past
#: the first bound tried (60 s + 20 ms a document: 168 s). Given 50 ms a document and
#: a minute (~410 s for 7,000), only a copy that no longer goes forward (a lock the
#: fork copied, held for ever; a file system that stopped answering) runs out of time.
COPY_SECONDS = 60.0
COPY_SECONDS_A_DOCUMENT = 0.05


def copy_time(documents: int) -> float:
    """The seconds the copy of a segment of ``documents`` may take before it is killed
    (the build then says so, and leaves the segment plain for the next update)."""
    return COPY_SECONDS + COPY_SECONDS_A_DOCUMENT * documents


def enriched_segment(path: Path | str, ix: Any, segment: Any, names: InOrder) -> Any:
    """The live documents of the plain ``segment`` of ``ix``, each with its ``names``
    (in order; read in order), as one new segment in the folder ``path`` (None: none
    is live): copied (:func:`~tui.index.copying.copy_segments` with :class:`Names`),
    or written again from their stored fields and names as a build writes them where
    the segment cannot be copied. Not committed."""
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

    def __init__(self, schema: Any, named: InOrder) -> None:
        self.schema = schema
        self.named = named
        self.postings: dict[str, NamePostings] = {}
        self.totals = dict.fromkeys(ENTITY_FIELDS, 0)
        self.prints = Fingerprints()  # each document's passage fingerprints

    def add(
        self, perdoc: Any, docnum: int, stored: dict[str, Any], record: bytes
    ) -> tuple[Any, bytes]:
        counts, parts, summary, raw, prints = self.named[docnum]
        if prints is not None:
            self.prints.add(docnum, prints)
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

    def write_passages(self, create: Any) -> bool:
        """Write the new segment's ``.psg`` file from the fingerprints of its documents
        (its plain segment has none to copy), as a build writes it."""
        self.prints.write(create)
        return True


def _documents(ix: Any, segment: Any, names: InOrder) -> Iterator[dict[str, Any]]:
    """The live documents of ``segment`` with their names, as documents to index."""
    reader = segment_reader(ix, segment)
    try:
        records = list(reader.column_reader("facets", translate=False))
        live = (n for n in range(reader.doc_count_all()) if not reader.is_deleted(n))
        for docnum, (counts, parts, summary, _, _) in zip(live, names, strict=True):
            doc = from_stored(reader.stored_fields(docnum))
            doc["entities"] = summary
            for field, terms in zip(ENTITY_FIELDS, counts, strict=True):
                # each term once a mention: to_whoosh counts them again
                doc[field] = [t for t, n in terms.items() for _ in range(n)]
            doc[FACET_RECORD] = with_facet_names(records[docnum], parts)
            yield doc
    finally:
        reader.close()
