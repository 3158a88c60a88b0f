"""Merging segments by copying what they hold, not by indexing their documents again.

A merge (:mod:`tui.index.merging`) makes one segment of several, without their
deleted documents. Writing the documents again as a build does (their text
analysed, their postings collected, their passages fingerprinted) costs ~1.2 ms
of CPU a document; everything the merged segment holds is already in the
segments it merges, numbered differently. :func:`copy_segments` writes it from
there: the merged segment's documents are the live documents of each segment in
turn, so a document's new number is the live documents before it, and

* each term's postings are read from each segment's postings file, the deleted
  documents' dropped and the rest renumbered, and encoded again by the encoder the
  builder uses (:func:`tui.index.blocks.encode_postings`), a term at a time;
* the stored fields, the field lengths and the columns (date, facet record) are
  copied a document at a time; the total length of each field is each segment's
  less its deleted documents' (the sum of their postings' frequencies);
* the passage fingerprints (``.psg``) are copied as arrays, renumbered (or, for a
  plain segment enriched, which has none, made from its documents' bodies with
  their names: :class:`Additions`); the entity
  rows (``.ent``), the facet file (``.fct``) and the entity counts (``.ets``) are
  made from the stored entity summaries, the facet records and the postings
  written, as a build makes them.

The segment is the one a build of the same live documents, in that order, writes
(tests/test_copying.py compares the files). The enrichment of a plain segment
(:mod:`tui.index.enriching`) is such a copy too, with what the names add to each
document (:class:`Additions`): its stored summary, entity fields and facet record.
A segment the copy cannot read (a layout it does not know) raises
:class:`~tui.index.errors.NotCopyable`, and the caller writes the documents again
instead (:func:`merged_segment`).
"""

from __future__ import annotations

import pickle
import zlib
from collections.abc import Collection, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from tui.heap import give_back
from tui.index import facetfile, sidecar, termfile
from tui.index.blocks import (
    decode_postings,
    encode_postings,
    join_blocks,
    one_block,
    whole_list,
)
from tui.index.build import Target, build_segment
from tui.index.errors import NotCopyable
from tui.index.fieldout import FieldOut
from tui.index.schema import ENTITY_FIELDS
from tui.index.segment import (
    add_stored,
    add_terms,
    block_limit,
    field_lengths,
    field_prefix,
    let_go_of_pages,
    postings_data,
    raw_terms,
    segment_reader,
    set_field_lengths,
    start_segment,
    stored_column,
    terms_writer,
)
from tui.index.segment_files import deleted_numbers, live_documents
from tui.lazy import lazy_module

if TYPE_CHECKING:
    import numpy as np
else:
    np = lazy_module("numpy")


class Additions(Protocol):
    """What a copy adds to each document (:class:`tui.index.enriched.Names`)."""

    def add(
        self, perdoc: Any, docnum: int, stored: dict[str, Any], record: bytes
    ) -> tuple[Any, bytes]:
        """Give the new document ``docnum`` its stored fields (``stored``, with what is
        added) and its added fields' lengths; (its entity summary, its facet record)."""
        ...

    def fields(self) -> dict[str, Any]:
        """The added fields that have terms: name -> what writes them (:meth:`write`)."""
        ...

    def write(
        self, name: str, limit: int, writer: Any, postfile: Any, table: Any, create: Any
    ) -> None:
        """Write the added field ``name``'s terms with the segment's field writer,
        postings file and terms table (``limit``: postings a block)."""
        ...

    def total(self, name: str) -> int:
        """The total length of the added field ``name``."""
        ...

    def write_passages(self, create: Any) -> bool:
        """Write the new segment's ``.psg`` file (``create(ext)`` opens it) from what
        was added, once every document was; False: copy the segments' instead."""
        ...


def stored_from(raw: bytes) -> dict[str, Any]:
    """The stored fields of :func:`stored_column`'s entry."""
    return pickle.loads(zlib.decompress(raw)) if raw else {}


class _Source:
    """One segment being merged: its reader, where its documents go, their lengths."""

    def __init__(self, reader: Any, base: int) -> None:
        self.reader = reader
        self.count = reader.doc_count_all()
        deleted = deleted_numbers(reader)
        #: old number -> new number (-1: deleted); None when nothing is deleted
        self.remap: list[int] | None = None
        if deleted:
            remap, n = [], base
            for old in range(self.count):
                if old in deleted:
                    remap.append(-1)
                else:
                    remap.append(n)
                    n += 1
            self.remap = remap
        self.base = base
        self.live = self.count - len(deleted)
        self.data = postings_data(reader)
        self.terms = raw_terms(reader)
        self._lengths: dict[str, list[int | None]] = {}

    def live_numbers(self) -> Iterator[int]:
        """The old numbers of the live documents, in order."""
        if self.remap is None:
            return iter(range(self.count))
        return (old for old, new in enumerate(self.remap) if new >= 0)

    def lengths(self, field: str) -> list[int | None]:
        """Each document's length of ``field`` as a posting holds it (rounded; None: 0)."""
        found = self._lengths.get(field)
        if found is None:
            read = field_lengths(self.reader, field)
            if read is None:
                raise NotCopyable("field lengths of another layout")
            data, table = read
            rounded = [None, *table[1:]]
            found = self._lengths[field] = [rounded[b] for b in data]
        return found


def merged_segment(path: Path | str, ix: Any, group: list[Any]) -> Any:
    """The live documents of ``group`` (segments of ``ix`` in the folder ``path``, with
    their deletions) as one new segment, None when none is live: copied
    (:func:`copy_segments`), or written again as a build writes them where a segment
    cannot be copied. The caller holds the write lock and commits."""
    target = Target(path)
    try:
        return copy_segments(target, ix, group)
    except NotCopyable:
        pass
    built, _ = build_segment(target, (d for seg in group for d in live_documents(ix, seg)))
    return built


def copy_segments(
    target: Any, ix: Any, group: list[Any], additions: Additions | None = None
) -> Any:
    """One new segment in ``target`` (a :class:`~tui.index.build.Target`) holding the
    live documents of ``group`` (segments of ``ix``, with their deletions), in order,
    with ``additions`` if given; None when none is live. Raises :class:`NotCopyable`
    (its files removed) when a segment cannot be copied. The caller holds the write
    lock and commits."""
    readers = [segment_reader(ix, seg) for seg in group]
    segment = None
    sources: list[_Source] = []
    try:
        base = 0
        for reader in readers:
            sources.append(_Source(reader, base))
            base += sources[-1].live
        if not base:
            return None
        folder = Path(getattr(ix.storage, "folder", "."))
        codec, segment, perdoc = start_segment(target.storage)
        _copy(target, codec, segment, perdoc, sources, folder, group, additions)
        return segment
    except BaseException:
        if segment is not None:
            _remove_files(target.storage, segment)
        raise
    finally:
        for source in sources:
            close = getattr(source.data, "close", None)  # (a mapped file)
            if close is not None:
                close()
        for reader in readers:
            reader.close()


def _copy(
    target: Any,
    codec: Any,
    segment: Any,
    perdoc: Any,
    sources: list[_Source],
    folder: Path,
    group: list[Any],
    additions: Additions | None,
) -> None:
    schema = target.schema
    storage = target.storage
    create = partial(segment.create_file, storage)
    scored = [name for name in schema.names() if schema[name].scorable]
    columns = [name for name in schema.names() if schema[name].column_type]
    entities = sidecar.SidecarBuilder()
    records: list[bytes] = []
    total = 0
    # the documents: stored fields, lengths, columns (as SegmentBuilder.add writes them)
    for source in sources:
        reader = source.reader
        lengths = [(name, source.lengths(name)) for name in scored]
        values = {
            name: list(reader.column_reader(name, translate=False))
            for name in columns
            if reader.has_column(name)
        }
        dates = values.pop("date", None)
        date_column = schema["date"].column_type
        facets = values.pop("facets", None)
        facets_field = schema["facets"]
        stored = stored_column(reader)
        for old in source.live_numbers():
            raw = stored[old]
            fields = stored_from(raw)
            perdoc.start_doc(total)
            for name, known in lengths:
                length = known[old]
                if length:
                    perdoc.add_field(name, schema[name], None, length)
            record = (facets[old] if facets is not None else None) or b""
            if additions is None:
                add_stored(perdoc, total, raw)
                summary = fields.get("entities")
            else:
                summary, record = additions.add(perdoc, total, fields, record)
            if dates is not None and "date" in fields:
                perdoc.add_column_value("date", date_column, dates[old])
            perdoc.add_column_value("facets", facets_field.column_type, record)
            for name, column in values.items():
                perdoc.add_column_value(name, schema[name].column_type, column[old])
            perdoc.finish_doc()
            entities.add(total, None, summary)
            records.append(record)
            total += 1
    perdoc.close()
    # (the fingerprints added, if any, written and let go of before the postings)
    added_passages = sidecar.ENABLED and additions is not None and additions.write_passages(create)
    # (the last segment's stored fields and columns, ~13 MB for 8,000 articles, let go
    # of before the postings: the copy's peak)
    stored, values, facets, dates = [], {}, None, None
    give_back()
    # the postings, a field at a time, a term at a time
    writer, postfile, table = terms_writer(codec, storage, segment)
    limit = block_limit(codec)
    totals = {name: 0 for name in scored}
    for source in sources:
        for name, length in field_length_totals(source.reader, scored).items():
            totals[name] += length
    dropped: dict[str, float] = dict.fromkeys(scored, 0.0)
    written: set[str] = set()
    added = additions.fields() if additions is not None else {}
    for name in sorted({name for s in sources for name in s.terms} | set(added)):
        if name not in schema:
            raise NotCopyable(f"a field the schema lacks: {name}")
        if additions is not None and name in added:
            additions.write(name, limit, writer, postfile, table, create)
            totals[name] += additions.total(name)
            written.add(name)
            continue
        field = schema[name]
        fixedsize = field.format.fixed_value_size()
        counts: termfile.Terms | None = {} if name in ENTITY_FIELDS else None
        # each term's entries in the segments that have it, in the segments' order
        found: dict[bytes, list[tuple[int, bytes]]] = {}
        for k, source in enumerate(sources):
            for tbytes, entry in source.terms.get(name, ()):
                at = found.get(tbytes)
                if at is None:
                    found[tbytes] = [(k, entry)]
                else:
                    at.append((k, entry))
        per_source = [s.lengths(name) if name in dropped else None for s in sources]
        gone = [0.0]  # the weights of the deleted documents' postings
        out: FieldOut | None = None  # (the field starts with its first term)
        for n, tbytes in enumerate(sorted(found)):
            if n % _RELEASE_TERMS == _RELEASE_TERMS - 1:
                _let_go(sources)
            parts = found[tbytes]
            joined = _joined(sources, parts, limit, fixedsize)
            if joined is None:
                postings = _postings(sources, per_source, parts, fixedsize, gone)
                if postings is None:
                    continue
                joined = encode_postings(*postings, limit, fixedsize)
            if out is None:
                writer.start_field(name, field)
                out = FieldOut(postfile, table, field_prefix(writer), counts)
            out.add(tbytes, *joined)
        _let_go(sources)
        if name in dropped:  # the deleted documents' share of the field's length
            dropped[name] = gone[0]
        if out is None:  # as a build's writer, which starts every field a document has
            writer.start_field(name, field)
            add_terms(table, [])
        else:
            out.close()
        written.add(name)
        writer.finish_field()
        if counts is not None:
            termfile.write(create, name, counts)
    for name in ENTITY_FIELDS:  # (a field no document has: an empty table)
        if name not in written:
            termfile.write(create, name, {})
    writer.close()
    segment.set_doc_count(total)
    boosts = {name: schema[name].format.field_boost or 1.0 for name in scored}
    set_field_lengths(
        segment, {name: totals[name] - round(dropped[name] / boosts[name]) for name in scored}
    )
    if sidecar.ENABLED and not added_passages:
        passages = []
        for source, seg in zip(sources, group, strict=True):
            try:
                hashes, docs, pos = sidecar.read_passages(
                    str(folder / seg.make_filename(sidecar.PASSAGES_EXT))
                )
            except (OSError, ValueError):
                raise NotCopyable("a segment without its passages file") from None
            if source.remap is None:
                docs = docs.astype(np.uint32) + np.uint32(source.base)
            else:
                remap = np.array(source.remap, dtype=np.int64)
                new = remap[docs]
                keep = new >= 0
                hashes, docs, pos = hashes[keep], new[keep].astype(np.uint32), pos[keep]
            passages.append((hashes, docs, pos))
        sidecar.copy_passages(create, passages)
    if sidecar.ENABLED:
        entities.write_entities(create)
    facetfile.write(create, records)


#: Terms copied between two letting go of the postings' pages read (:func:`_let_go`).
_RELEASE_TERMS = 4096


def _let_go(sources: list[_Source]) -> None:
    """Let the pages of the segments' postings read so far go from this process: the
    terms are copied in the order of the files, so those pages are not read again (an
    8,000-article segment's postings, ~50 MB, were all this process's memory by the end
    of its copy)."""
    for source in sources:
        let_go_of_pages(source.data)


Columns = tuple[list[int], list[float], list[Any], list[Any]]


def _postings(
    sources: list[_Source],
    lengths: list[list[int | None] | None],
    parts: list[tuple[int, bytes]],
    fixedsize: int | None,
    gone: list[float],
) -> Columns | None:
    """One term's postings in the merged segment: documents, weights, values and field
    lengths (None: every document that had it is deleted). The weights of the postings
    of deleted documents are added to ``gone[0]``."""
    ids: list[int] = []
    weights: list[float] = []
    values: list[Any] = []
    lens: list[Any] = []
    for k, entry in parts:
        source = sources[k]
        old, w, v = decode_postings(source.data, entry, fixedsize)
        remap = source.remap
        if remap is not None:
            new = [remap[d] for d in old]
            if -1 in new:
                keep = [i for i, d in enumerate(new) if d >= 0]
                gone[0] += sum(w) - sum(w[i] for i in keep)
                if not keep:
                    continue
                old = [old[i] for i in keep]
                new = [new[i] for i in keep]
                w = [w[i] for i in keep]
                v = [v[i] for i in keep]
        elif source.base:
            base = source.base
            new = [d + base for d in old]
        else:
            new = old
        known = lengths[k]
        length = [None] * len(old) if known is None else list(map(known.__getitem__, old))
        if len(parts) == 1:
            return new, w, v, length
        ids += new
        weights += w
        values += v
        lens += length
    return (ids, weights, values, lens) if ids else None


def _joined(
    sources: list[_Source], parts: list[tuple[int, bytes]], limit: int, fixedsize: int | None
) -> tuple[bytes, tuple[Any, ...]] | None:
    """The posting list of a term whose postings are one block in each segment, no
    document deleted between its first and its last there, and fewer than a block in
    all (most terms): joined from the blocks as they are pickled
    (:func:`tui.index.blocks.join_blocks`). A term of one segment whose documents keep
    their numbers (the first segment, none deleted: an enrichment's every term) has
    its posting list as it is, of any length (:func:`tui.index.blocks.whole_list`).
    None otherwise."""
    if len(parts) == 1:
        k, entry = parts[0]
        source = sources[k]
        if source.remap is None and not source.base:
            whole = whole_list(source.data, entry)
            if whole is not None:
                return whole
    blocks = []
    count = 0
    for k, entry in parts:
        source = sources[k]
        block = one_block(source.data, entry)
        if block is None:
            return None
        count += len(block[0])
        if count > limit:
            return None
        shift = source.base
        remap = source.remap
        if remap is not None:  # none deleted from its first document to its last
            first, last = block[0][0], block[5]
            start = remap[first]
            if start < 0 or remap[last] - start != last - first:
                return None
            shift = start - first
        blocks.append((shift, *block))
    return join_blocks(blocks, fixedsize)


def field_length_totals(reader: Any, names: Collection[str]) -> dict[str, int]:
    """Each field's total length in a segment reader, its deleted documents included."""
    return {name: int(reader.field_length(name) or 0) for name in names}


def _remove_files(storage: Any, segment: Any) -> None:
    """Remove the files of a segment whose copy failed (never committed)."""
    stem = segment.make_filename("")
    for name in list(storage.list()):
        if name.startswith(stem):
            try:
                storage.delete_file(name)
            except OSError:
                pass
