"""Whoosh's internals: the one module of Dossier that touches them.

Everything here depends on how whoosh-reloaded lays out its files and on
methods it does not document (``SegmentWriter._commit_toc`` and kin, the W3
codec's term-info struct and posting blocks); the rest of :mod:`tui.index`
uses Whoosh's public API only (a test checks which modules import what).

:class:`SegmentBuilder` writes a batch of documents straight into one new
segment through Whoosh's own codec, so Whoosh reads it as its own (a test
compares every posting with what Whoosh's writer produces); it skips the
per-token and per-posting machinery that made Whoosh's writer the bulk of a
build (the postings come from :mod:`tui.index.postings`). :func:`commit_segments`
commits a table of contents that lists such segments beside the writer's own;
:func:`commit_toc` one that lists only the segments given. The index folder is
opened, locked, listed (:func:`segments`, :func:`segment_reader`, used by
:mod:`tui.index.segment_files`) and cleaned here; :func:`term_postings` reads a
term's posting blocks back for :mod:`tui.index.matching`, :func:`term_weights` and
:func:`field_lengths` what :mod:`tui.index.ranking` scores them with.

All of it is written against one release of whoosh-reloaded
(:data:`LAYOUT_VERSION`, the one pyproject.toml pins). :func:`native_writes`
says whether that release is the one installed; with any other, the store
writes through Whoosh's public writer instead (slower, never wrong).
"""

from __future__ import annotations

import io
import operator
import os
import pickle
import struct
import tempfile
import zlib
from array import array
from collections import defaultdict
from functools import partial
from itertools import accumulate
from pathlib import Path
from typing import Any

import whoosh
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile
from whoosh.index import TOC, FileIndex, clean_files
from whoosh.reading import SegmentReader, TermNotFound

from tui.index import facetfile
from tui.index.packed import pack, unpack
from tui.index.postings import FieldPostings, Postings, Terms
from tui.index.schema import INDEX_NAME, make_schema
from tui.index.sidecar import SidecarBuilder

try:  # private to Whoosh: another release may not have them
    from whoosh.codec import default_codec
    from whoosh.codec.whoosh3 import (
        LENGTHS_COLUMN,
        WHOOSH3_HEADER_MAGIC,
        W3LeafMatcher,
        W3TermInfo,
        _lenfield,
    )
    from whoosh.matching import ListMatcher
    from whoosh.system import pack_int, pack_long, pack_uint, pack_ushort
    from whoosh.util.numeric import byte_to_length, length_to_byte

    _TERMINFO = W3TermInfo._struct
    _IMPORTED = True
except (ImportError, AttributeError):
    _IMPORTED = False

#: The whoosh-reloaded release whose file layout this module writes and whose
#: private methods it calls: tests/test_index.py compares what it writes with
#: Whoosh's own writer on this release. Move it only with that test passing.
LAYOUT_VERSION = (2, 7, 5)
#: The release installed.
WHOOSH_VERSION = tuple(whoosh.__version__[:3])


def native_writes() -> bool:
    """Whether segments may be written here: the Whoosh installed is the one this
    module was written for. Otherwise the index is written by Whoosh's own writer."""
    return _IMPORTED and WHOOSH_VERSION == LAYOUT_VERSION


# ---------------------------------------------------------------------------
# Writing a batch of documents as one segment


class SegmentBuilder:
    """Write a batch of documents straight into one new segment.

    Whoosh's ``SegmentWriter.add_document`` spends most of a build in generic
    machinery: a token object per word, a sorted pool of postings, and a
    read-back of every field length while it writes the postings. This builder
    produces the same segment (a test compares every posting with one written
    by ``SegmentWriter``) through the same codec, but keeps each field's
    postings in a dict, analyses the text fields in one loop, and knows the
    field lengths it wrote. It never takes the write lock: its caller holds it.
    """

    def __init__(self, ix: Any, terms: Terms | None = None) -> None:
        self._schema = ix.schema
        self._storage = ix.storage
        self._codec = default_codec()
        self.segment = self._codec.new_segment(self._storage, INDEX_NAME)
        self._perdoc = self._codec.per_document_writer(self._storage, self.segment)
        # field -> term -> postings as flat runs of docnum, weight, value, length
        self._postings: dict[str, Postings] = defaultdict(lambda: defaultdict(list))
        self._fields = FieldPostings(terms, _stored_length, pack_uint)
        # field -> term -> its posting blocks encoded so far (see _seal)
        self._sealed: dict[str, dict[bytes, _Blocks]] = defaultdict(dict)
        self._spill: _Spill | None = None  # where the sealed blocks wait (made at the first)
        # field -> term -> its postings packed so far (tui.index.packed), and how many
        self._packed: dict[str, dict[bytes, bytes]] = defaultdict(dict)
        self._held: dict[str, dict[bytes, int]] = defaultdict(dict)
        self._next_seal = SEAL_DOCS
        self._next_pack = PACK_DOCS
        self._sidecar = SidecarBuilder()
        self._facets: list[bytes] = []  # each document's facet record
        self.count = 0

    def add(self, fields: dict[str, Any]) -> None:
        schema = self._schema
        perdoc = self._perdoc
        docnum = self.count
        perdoc.start_doc(docnum)
        lang = fields.get("lang")
        for name in sorted(fields):
            value = fields[name]
            if value is None:
                continue
            field = schema[name]
            length = 0
            if field.indexed:  # the length a reader gets back is rounded to one byte
                length = self._fields.add(self._postings[name], docnum, name, field, value, lang)
            perdoc.add_field(name, field, value if field.stored else None, length)
            column = field.column_type
            if column:
                perdoc.add_column_value(name, column, field.to_column_value(value))
        perdoc.finish_doc()
        self._sidecar.add(docnum, fields.get("body"), fields.get("entities"))
        self._facets.append(fields.get("facets") or b"")
        self.count += 1
        if self.count >= self._next_seal:
            self._seal()
            self._next_seal = self.count + max(SEAL_DOCS, self.count // 8)

    def _seal(self) -> None:
        """Encode now the full posting blocks of the terms that have some.

        As lists, postings take ~130 bytes each; as the bytes the segment will
        hold, ~25. The blocks are those :meth:`finish` would write (Whoosh cuts a
        term's postings every ``blocklimit``), so encoding them early costs nothing:
        only the rest of each term's postings, fewer than a block, wait, packed into
        bytes (:mod:`tui.index.packed`) until they fill one. The encoded blocks wait
        in a temporary file (:class:`_Spill`), not in memory.
        """
        limit = self._codec._blocklimit
        if self._spill is None:
            self._spill = _Spill(getattr(self._storage, "folder", None))
        run = 4 * limit  # a block's postings, as flat runs of four
        packing = self.count >= self._next_pack
        if packing:
            self._next_pack = self.count + PACK_DOCS
        for name, terms in self._postings.items():
            fixedsize = self._schema[name].format.fixed_value_size()
            sealed = self._sealed[name]
            packed = self._packed[name]
            held = self._held[name]
            for tbytes, flat in terms.items():
                if not flat:
                    continue
                before = held.get(tbytes, 0)
                if len(flat) + 4 * before < run:
                    if not packing:
                        continue
                    packed[tbytes] = pack(flat, packed[tbytes] if before else None)
                    held[tbytes] = before + len(flat) // 4
                    flat.clear()
                    continue
                if before:
                    flat[:0] = unpack(packed.pop(tbytes))
                    del held[tbytes]
                done = len(flat) // run * run
                blocks = sealed.get(tbytes)
                if blocks is None:
                    blocks = sealed[tbytes] = _Blocks(flat[0])
                _encode_blocks(blocks, flat, done // 4, limit, fixedsize, final=False)
                self._spill.keep(blocks)
                del flat[:done]

    def finish(self) -> Any:
        """Write the postings, close the files; return the segment (None if empty)."""
        self._perdoc.close()
        if not self.count:
            return None
        writer = self._codec.field_writer(self._storage, self.segment)
        limit = self._codec._blocklimit
        postfile, table = writer._postfile, writer._tindex
        schema = self._schema
        for name in sorted(self._postings):
            terms = self._postings[name]
            sealed = self._sealed.get(name, {})
            writer.start_field(name, schema[name])
            prefix = pack_ushort(writer._fieldid)
            fixedsize = schema[name].format.fixed_value_size()
            packed = self._packed.get(name, {})
            offset = postfile.tell()
            entries = []
            # Each term's postings are let go of as they are written: the field's
            # postings are never held twice (as lists and encoded), nor is the file's
            # share of them (at finish, a worker's memory grew by ~90 MB before this).
            for tbytes in sorted(terms):
                blocks = sealed.pop(tbytes, None)
                if blocks is not None and self._spill is not None:
                    self._spill.restore(blocks)
                flat = terms.pop(tbytes)
                if tbytes in packed:
                    flat[:0] = unpack(packed.pop(tbytes))
                blob, stats = _posting_blocks(flat, limit, fixedsize, blocks)
                info = _TERMINFO.pack(0, *stats) + pack_long(offset) + pack_int(len(blob))
                entries.append((prefix + tbytes, info))
                postfile.write(blob)
                offset += len(blob)
            _add_terms(table, entries)
            writer.finish_field()
        writer.close()
        self.segment.set_doc_count(self.count)
        create = partial(self.segment.create_file, self._storage)
        self._sidecar.write(create)
        facetfile.write(create, self._facets)
        self._free()
        return self.segment

    def _free(self) -> None:
        """Let go of the postings now written, whatever still refers to this builder:
        a build's worker runs without the cyclic collector, and without this its
        memory grew by a segment's tables (~25 MB) at each new segment."""
        self._postings = defaultdict(lambda: defaultdict(list))
        self._sealed = defaultdict(dict)
        self._packed = defaultdict(dict)
        self._held = defaultdict(dict)
        if self._spill is not None:
            self._spill.close()
            self._spill = None
        self._sidecar = SidecarBuilder()
        self._facets = []


#: Whoosh pickles blocks with protocol 2, which has no opcode for bytes and
#: pickles each value through a codec call; any protocol reads back the same.
_PICKLE = 4
_RECORD = struct.Struct("!ii")  # the key and value lengths of a terms-table record


#: Documents a segment takes between two passes of :meth:`SegmentBuilder._seal` (at
#: least; later passes come every eighth of the documents so far).
SEAL_DOCS = 500
#: Documents between two passes that pack the postings of terms short of a block
#: (each pass packs what came since the last: every pass would cost ~8% more CPU).
PACK_DOCS = 2000


class _Blocks:
    """A term's posting blocks encoded so far, and the statistics of their postings."""

    __slots__ = (
        "first",
        "last",
        "maxlength",
        "maxweight",
        "minlength",
        "parts",
        "spilled",
        "total",
        "weight_sum",
    )

    def __init__(self, first: int) -> None:
        self.parts: list[bytes] = []
        self.spilled: list[int] = []  # offset and length in the spill file of each earlier part
        self.weight_sum = 0.0
        self.total = 0
        self.minlength: int | None = None
        self.maxlength = 0
        self.maxweight: float = 0
        self.first = first
        self.last = first


class _Spill:
    """A temporary file (in the index folder, removed when closed) holding the posting
    blocks :meth:`SegmentBuilder._seal` encoded, until :meth:`SegmentBuilder.finish`
    writes them in term order. In memory they were a fifth of a segment's build
    (~50 MB of 20M characters of text); the file stays in the page cache."""

    def __init__(self, folder: str | None) -> None:
        self._file = tempfile.TemporaryFile(dir=folder)
        self._size = 0

    def keep(self, blocks: _Blocks) -> None:
        """Move ``blocks``' encoded parts to the file."""
        for part in blocks.parts:
            self._file.write(part)
            blocks.spilled += (self._size, len(part))
            self._size += len(part)
        blocks.parts.clear()

    def restore(self, blocks: _Blocks) -> None:
        """Put the parts :meth:`keep` moved back in front of ``blocks``' parts."""
        if not blocks.spilled:
            return
        self._file.flush()
        fd = self._file.fileno()
        spans = blocks.spilled
        blocks.parts[:0] = [os.pread(fd, spans[i + 1], spans[i]) for i in range(0, len(spans), 2)]
        blocks.spilled = []

    def close(self) -> None:
        self._file.close()


def _posting_blocks(
    flat: list[Any], limit: int, fixedsize: int | None, sealed: _Blocks | None = None
) -> tuple[bytes, tuple[Any, ...]]:
    """One term's posting blocks, and the statistics its terms-table entry holds.

    ``flat`` holds the term's postings as ``docnum, weight, value, length``
    runs of four (those after the blocks ``sealed`` holds, if any). The bytes are
    those of Whoosh's W3 postings writer (blocks of up to ``limit`` postings: a
    pickled info tuple, then the pickled ids as deltas, weights and values), built
    a block at a time with slices instead of a posting at a time. The statistics
    are W3TermInfo's: total weight, document count, shortest and longest field
    length (as bytes), highest weight, first and last document.
    """
    if sealed is None and len(flat) == 4:
        return _one_posting(flat, fixedsize)
    if sealed is None and len(flat) <= 4 * limit:
        return _one_block(flat, fixedsize)
    blocks = sealed if sealed is not None else _Blocks(flat[0])
    if flat:
        _encode_blocks(blocks, flat, len(flat) // 4, limit, fixedsize, final=True)
    else:  # every posting is in a sealed block: the last of them ends the list
        last = blocks.parts[-1]
        blocks.parts[-1] = pack_int(-(len(last) - 4)) + last[4:]
    minlength = blocks.minlength
    stats = (
        blocks.weight_sum,
        blocks.total,
        0 if minlength is None else length_to_byte(minlength),
        length_to_byte(blocks.maxlength),
        blocks.maxweight,
        blocks.first,
        blocks.last,
    )
    return b"".join([WHOOSH3_HEADER_MAGIC, *blocks.parts]), stats


def _one_posting(flat: list[Any], fixedsize: int | None) -> tuple[bytes, tuple[Any, ...]]:
    """:func:`_posting_blocks` of a term with one posting and no sealed block (about
    half the terms of a segment): the same bytes and statistics, without the slices,
    counts and loops that a block of many postings needs."""
    docnum, weight, value, length = flat
    if weight == 1.0:
        mini_weights: Any = None
        weight_sum = 1.0
    else:
        mini_weights = array("f", (weight,))[0]  # the codec keeps float32 weights
        weight_sum = 0.0 + mini_weights
    if fixedsize is None or fixedsize < 0:
        mini_values: Any = () if value == b"" else (value,)
    elif fixedsize == 0:
        mini_values = None
    else:
        mini_values = b"" if value == b"" else b"".join((value,))
    data = pickle.dumps(((docnum,), mini_weights, mini_values), _PICKLE)
    maxweight = max(0, weight)
    lengthbyte = 0 if length is None else length_to_byte(length)
    head = pickle.dumps((1, docnum, maxweight, 0, lengthbyte, lengthbyte), _PICKLE)
    part = pack_int(-(len(head) + len(data))) + head + data
    stats = (weight_sum, 1, lengthbyte, lengthbyte, max(0, maxweight), docnum, docnum)
    return WHOOSH3_HEADER_MAGIC + part, stats


def _one_block(flat: list[Any], fixedsize: int | None) -> tuple[bytes, tuple[Any, ...]]:
    """:func:`_posting_blocks` of a term whose postings fill one block and none sealed
    (nearly every term of more than one posting): the same bytes and statistics as
    :func:`_encode_blocks` makes them, without its loop and running totals."""
    ids = flat[0::4]
    weights = flat[1::4]
    values = flat[2::4]
    lengths = flat[3::4]
    count = len(ids)
    if weights.count(1.0) == count:
        mini_weights: Any = None
        weight_sum = 0.0 + count
    else:
        rounded = array("f", weights).tolist()  # the codec keeps float32 weights
        mini_weights = rounded[0] if weights.count(weights[0]) == count else tuple(rounded)
        weight_sum = 0.0 + sum(rounded)
    if b"" in values:
        values = [v for v in values if v]
    if fixedsize is None or fixedsize < 0:
        mini_values: Any = tuple(values)
    elif fixedsize == 0:
        mini_values = None
    else:
        mini_values = b"".join(values)
    if None in lengths:
        lengths = [n for n in lengths if n]
    deltas = (ids[0], *map(operator.sub, ids[1:], ids[:-1]))
    data = pickle.dumps((deltas, mini_weights, mini_values), _PICKLE)
    maxweight = max(0, max(weights))
    shortest = min(lengths) if lengths else None
    longest = max(lengths) if lengths else 0
    minbyte = length_to_byte(shortest)
    maxbyte = length_to_byte(longest)
    head = pickle.dumps((count, ids[-1], maxweight, 0, minbyte, maxbyte), _PICKLE)
    part = pack_int(-(len(head) + len(data))) + head + data
    stats = (
        weight_sum,
        count,
        0 if shortest is None else minbyte,
        length_to_byte(max(0, longest)),
        max(0, maxweight),
        ids[0],
        ids[-1],
    )
    return WHOOSH3_HEADER_MAGIC + part, stats


def _encode_blocks(
    blocks: _Blocks, flat: list[Any], total: int, limit: int, fixedsize: int | None, final: bool
) -> None:
    """Append to ``blocks`` the blocks of the first ``total`` postings of ``flat``;
    with ``final``, the last block is marked as the term's last."""
    parts = blocks.parts
    weight_sum = blocks.weight_sum
    minlength = blocks.minlength
    maxlength = blocks.maxlength
    maxweight = blocks.maxweight
    for start in range(0, total, limit):
        stop = min(start + limit, total)
        ids = flat[4 * start : 4 * stop : 4]
        weights = flat[4 * start + 1 : 4 * stop : 4]
        values = flat[4 * start + 2 : 4 * stop : 4]
        lengths = flat[4 * start + 3 : 4 * stop : 4]
        count = stop - start
        first = weights[0]
        if weights.count(1.0) == count:
            mini_weights: Any = None
            weight_sum += count
        else:
            rounded = array("f", weights).tolist()  # the codec keeps float32 weights
            mini_weights = rounded[0] if weights.count(first) == count else tuple(rounded)
            weight_sum += sum(rounded)
        if b"" in values:
            values = [v for v in values if v]
        if fixedsize is None or fixedsize < 0:
            mini_values: Any = tuple(values)
        elif fixedsize == 0:
            mini_values = None
        else:
            mini_values = b"".join(values)
        if None in lengths:
            lengths = [n for n in lengths if n]
        deltas = (ids[0], *map(operator.sub, ids[1:], ids[:-1]))
        data = pickle.dumps((deltas, mini_weights, mini_values), _PICKLE)
        block_maxweight = max(0, max(weights))
        block_min = min(lengths) if lengths else None
        block_max = max(lengths) if lengths else 0
        head = pickle.dumps(
            (
                count,
                ids[-1],
                block_maxweight,
                0,  # not compressed
                length_to_byte(block_min),
                length_to_byte(block_max),
            ),
            _PICKLE,
        )
        size = len(head) + len(data)
        parts.append(pack_int(-size if final and stop == total else size) + head + data)
        if minlength is None:
            minlength = block_min
        elif block_min is not None:
            minlength = min(minlength, block_min)
        maxlength = max(maxlength, block_max)
        maxweight = max(maxweight, block_maxweight)
    blocks.weight_sum = weight_sum
    blocks.minlength = minlength
    blocks.maxlength = maxlength
    blocks.maxweight = maxweight
    blocks.total += total
    blocks.last = flat[4 * total - 4]


def _add_terms(table: Any, entries: list[tuple[bytes, bytes]]) -> None:
    """``table.add(key, value)`` for each entry of a field, with one write.

    ``table`` is the segment's OrderedHashWriter: each record is the two
    lengths, the key and the value; the writer remembers where each record
    starts, in key order and in its hash buckets.
    """
    if not entries:
        return
    dbfile = table.dbfile
    pos = dbfile.tell()
    hashfn, buckets, index = table.hashfn, table.buckets, table.index
    parts: list[bytes] = []
    for key, value in entries:
        index.append(pos)
        h = hashfn(key)
        buckets[h & 255].append((h, pos))
        record = _RECORD.pack(len(key), len(value))
        parts += (record, key, value)
        pos += len(record) + len(key) + len(value)
    table.lastkey = entries[-1][0]
    dbfile.write(b"".join(parts))


def _stored_length(length: int) -> int | None:
    """A field length as a reader gets it back: rounded to one byte (None for 0)."""
    return byte_to_length(length_to_byte(length)) if length else None


# ---------------------------------------------------------------------------
# Committing, and reading an index folder


def commit_segments(writer: Any, segments: list[Any]) -> None:
    """Commit ``writer`` (its deletions and anything it added) with ``segments`` too.

    What ``writer.commit()`` does, with the finished segments of
    :class:`SegmentBuilder` added to the table of contents, and without Whoosh's
    own merge policy: the new segments join as they are, and merges are
    :mod:`tui.index.merging`'s. Whoosh's policy merges every segment whose running
    total (smallest first) stays under a Fibonacci number of its rank: harmless
    with a few segments, but once an index has twenty or so it takes nearly all
    of them, and its writer copies them term by term (at 50,000 articles, minutes
    in one update, the index rewritten into one segment).
    """
    finalsegments = writer._merge_segments(None, False, False)  # merge=False: NO_MERGE
    if writer._added:
        finalsegments.append(writer._finalize_segment())
    else:
        writer._close_segment()
    finalsegments += segments
    writer._commit_toc(finalsegments)
    writer._finish()


def segments(ix: Any) -> list[Any]:
    """The segments the index's table of contents lists (Whoosh's ``Segment`` objects:
    ``segment_id()``, ``doc_count_all()``, ``make_filename(ext)``, ``create_file()``)."""
    return list(ix._segments())


def segment_ids(ix: Any) -> set[str]:
    """The ids of the segments the index's table of contents lists."""
    return {seg.segment_id() for seg in ix._segments()}


def segment_reader(ix: Any, segment: Any) -> Any:
    """A reader of one of the index's segments alone (its local document numbers)."""
    return SegmentReader(ix.storage, ix.schema, segment)


def folder_lock(path: Path) -> Any:
    """Whoosh's write lock on an index folder, not yet taken (the index may be unreadable)."""
    return FileStorage(str(path)).lock(f"{INDEX_NAME}_WRITELOCK")


# ---------------------------------------------------------------------------
# Private files, tables of contents


class PrivateStorage(FileStorage):
    """Whoosh's file storage, making files that only their owner can read (0600).

    The index holds the full text of every article: for a private corpus it must
    not be readable by other users of the machine, whatever their umask.
    """

    def create_file(self, name: str, excl: bool = False, mode: str = "wb", **kwargs: Any) -> Any:
        if self.readonly:
            from whoosh.filedb.filestore import ReadOnlyError

            raise ReadOnlyError
        access = os.O_RDWR if excl or "+" in mode else os.O_WRONLY
        flags = os.O_CREAT | access | (os.O_EXCL if excl else os.O_TRUNC)
        fd = os.open(self._fpath(name), flags | getattr(os, "O_CLOEXEC", 0), 0o600)
        return StructFile(os.fdopen(fd, mode), name=name, **kwargs)

    def temp_storage(self, name: str | None = None) -> Any:
        """Whoosh's writer sorts postings in a folder of its own: 0700, files 0600."""
        storage = super().temp_storage(name)
        os.chmod(storage.folder, 0o700)
        private = PrivateStorage(storage.folder)
        return private


def open_index(path: Path | str) -> Any:
    """The Whoosh index in ``path`` (its newest table of contents), files made 0600."""
    return FileIndex(PrivateStorage(str(path)), indexname=INDEX_NAME)


def create_index(path: Path | str) -> Any:
    """A new, empty Whoosh index in ``path`` (Whoosh's own writer fills it)."""
    return FileIndex.create(PrivateStorage(str(path)), make_schema(), INDEX_NAME)


def latest_generation(path: Path | str) -> int:
    """The newest table of contents' generation in ``path``; -1 when there is none."""
    return int(TOC._latest_generation(FileStorage(str(path)), INDEX_NAME))


def commit_toc(path: Path | str, segments: list[Any]) -> None:
    """Make ``segments`` the whole index in ``path``: a new table of contents listing
    them (and the current schema), then the files of every other segment removed.

    The caller holds the write lock. Until the new table of contents is in place a
    reader opens the old one, whole; a reader that opened it keeps its open files.
    """
    storage = PrivateStorage(str(path))
    gen = int(TOC._latest_generation(storage, INDEX_NAME)) + 1
    TOC(make_schema(), segments, gen).write(storage, INDEX_NAME)
    clean_files(storage, INDEX_NAME, gen, segments)


def remove_orphans(path: Path | str) -> None:
    """Remove segment files that no table of contents lists (a build that failed or was
    killed part way) and older tables of contents. The caller holds the write lock."""
    storage = FileStorage(str(path))
    gen = int(TOC._latest_generation(storage, INDEX_NAME))
    try:
        segments = TOC.read(storage, INDEX_NAME, gen).segments if gen >= 0 else []
    except Exception:  # noqa: BLE001 - an unreadable table of contents: keep its files
        return
    clean_files(storage, INDEX_NAME, gen, segments)


def deleted_numbers(reader: Any) -> frozenset[int]:
    """The deleted documents of a segment's reader (its local numbers)."""
    return frozenset(reader.deleted_docs_set)


# ---------------------------------------------------------------------------
# What Whoosh's matchers keep to themselves (tui.index.ranking evaluates them)


def filter_parts(matcher: Any) -> tuple[Any, bool]:
    """A FilterMatcher's document numbers and whether it leaves them out."""
    return matcher._ids, bool(matcher._exclude)


def union_parts(matcher: Any) -> tuple[list[Any], bool, float]:
    """An ArrayUnionMatcher's parts, whether it scores, and its boost."""
    return matcher._submatchers, bool(matcher._scored), matcher._boost


def inverse_weight(matcher: Any) -> float:
    """The score an InverseMatcher gives each document it matches."""
    return float(matcher._weight)


# ---------------------------------------------------------------------------
# Reading a term's postings a block at a time (tui.index.matching)

_BLOCK_SIZE = struct.Struct("!i")  # a posting block's length, negative for the last


def term_postings(
    reader: Any, field: str, text: str | bytes, values: bool = False
) -> tuple[list[int], list[bytes]] | None:
    """A term's documents in one segment reader (its local numbers, ascending, the
    deleted ones included) and, with ``values``, each one's posting value (empty
    without); ``([], [])`` when the segment lacks the term.

    What Whoosh's matcher yields posting by posting, read here a block at a time:
    the term's posting list is one read, each block one unpickling, the document
    numbers a running sum of the block's deltas. None when the reader is not a
    segment reader of the layout this module knows (the caller asks Whoosh).
    """
    return _read_postings(reader, field, text, "values" if values else "")


def term_weights(
    reader: Any, field: str, text: str | bytes
) -> tuple[list[int], list[float], list[bytes] | None] | None:
    """A term's documents in one segment reader (as :func:`term_postings`), the
    weight of each posting (the float Whoosh's matcher gives as ``weight()``) and
    its value (None when the blocks do not keep one a posting)."""
    return _read_postings(reader, field, text, "weights")


def _read_postings(reader: Any, field: str, text: str | bytes, what: str) -> Any:
    terms: Any = getattr(reader, "_terms", None)
    postfile = getattr(terms, "_postfile", None)
    if not _IMPORTED or postfile is None or field not in reader.schema:
        return None
    if isinstance(text, str):
        try:
            text = reader.schema[field].to_bytes(text)
        except ValueError:
            return [], []
    try:
        info = terms.term_info(field, text)
    except TermNotFound:
        return [], []
    if info.is_inlined():
        ids, inlined_weights, inlined = info.inlined_postings()
        if what == "weights":  # as ListMatcher.weight() gives them
            weights = list(inlined_weights) if inlined_weights else [1.0] * len(ids)
            values = list(inlined) if inlined and len(inlined) == len(ids) else None
            return list(ids), weights, values
        return list(ids), list(inlined) if what == "values" else []
    offset, length = info.extent()
    if isinstance(length, tuple):  # W3TermInfo.from_bytes leaves it unpacked
        length = length[0]
    data = postfile.get(offset, length)
    if data[:4] != WHOOSH3_HEADER_MAGIC:
        return None
    docs: list[int] = []
    found: list[Any] = []
    kept: list[bytes] | None = []  # the values too, for the weights
    stream = io.BytesIO(data)
    pos = 4
    while pos < length:
        (size,) = _BLOCK_SIZE.unpack_from(data, pos)
        start = pos + _BLOCK_SIZE.size
        stream.seek(start)
        count, _last, _weight, compressed, _shortest, _longest = pickle.load(stream)
        body = data[stream.tell() : start + abs(size)]
        deltas, weights, block_values = pickle.loads(zlib.decompress(body) if compressed else body)
        docs += accumulate(deltas)
        if what == "values":
            if not isinstance(block_values, tuple) or len(block_values) != count:
                return None  # values of a fixed size, or left out when empty
            found += block_values
        elif what == "weights":  # as W3LeafMatcher._read_weights gives them
            if kept is not None and isinstance(block_values, tuple) and len(block_values) == count:
                kept += block_values
            else:
                kept = None
            if weights is None:
                found += [1.0] * count
            elif isinstance(weights, float):
                found += array("f", [weights]).tolist() * count
            elif len(weights) == count:
                found += weights
            else:
                return None
        if size < 0:
            break
        pos = start + abs(size)
    return (docs, found, kept) if what == "weights" else (docs, found)


def field_lengths(reader: Any, field: str) -> tuple[bytes, tuple[int, ...]] | None:
    """Every document's length of ``field`` in one segment reader, as the byte Whoosh
    stores (0: none), and what each byte stands for; None when the reader is not of
    the layout this module knows. The scorers read a length through
    ``doc_field_length``, a document at a time."""
    perdoc: Any = getattr(reader, "_perdoc", None)
    if not _IMPORTED or perdoc is None or not hasattr(perdoc, "_cached_reader"):
        return None
    count = reader.doc_count_all()
    column = perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
    if column is None:
        return bytes(count), _LENGTHS
    if getattr(column, "_typecode", None) != "B" or not hasattr(column, "_basepos"):
        return None
    stored = min(column._count, count)
    data = column._dbfile.get(column._basepos, stored) if stored else b""
    return data + bytes(count - stored), _LENGTHS


#: The matchers of one term's postings (its blocks, or the postings inlined in its
#: terms-table entry): what :func:`term_weights` reads in bulk.
POSTING_MATCHERS: tuple[type, ...] = ()
_LENGTHS: tuple[int, ...] = ()
if _IMPORTED:
    _LENGTHS = tuple(byte_to_length(b) for b in range(256))
    POSTING_MATCHERS = (W3LeafMatcher, ListMatcher)
