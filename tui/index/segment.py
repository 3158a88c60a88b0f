"""Whoosh's internals: the one module of Dossier that touches them.

THE RULE (tests/test_layering.py proves it). A Whoosh private is: a module
outside the public list there (the codecs, ``whoosh.filedb.structfile`` and
``filetables``, ``whoosh.system``, ``whoosh.util``), an attribute or method
whose name starts with ``_`` of a Whoosh object (``ix._segments()``, a
reader's ``_terms``, a matcher's ``_scorer``, a writer's ``_commit_toc``), or an
override of one (a ``MultiTerm``'s ``_btexts``).
Only this module uses any, and each use is a small function here; what a
function does with Whoosh's public API alone (``FileStorage`` subclassed,
``whoosh.query``, the matchers' classes, the scorers) or with no Whoosh at all
(hashing, arrays, pickles, bytes) lives in the module of its concern:
:mod:`tui.index.storage` (private files, the folder's lock),
:mod:`tui.index.hashtable` (a terms table's hashes and slots),
:mod:`tui.index.blocks` (a posting list encoded and decoded as bytes),
:mod:`tui.index.folder` (opening an index), :mod:`tui.index.copying` (stored
fields unpickled), :mod:`tui.index.builder` (a segment's bookkeeping). They take the
codec's constants and packing functions as this module exports them
(:data:`TERM_INFO`, :data:`TERM_ENTRY`, :data:`HEADER_MAGIC`, ``pack_int`` and
kin, ``length_to_byte``), unwrapped, for their loops.

Here: what :class:`tui.index.builder.SegmentBuilder` needs to write a segment
with Whoosh's own codec (:func:`start_segment`, :func:`terms_writer`,
:func:`block_limit`, :func:`field_prefix`, :func:`add_terms`);
:func:`commit_segments` and :func:`commit_toc` (tables of contents),
:func:`segments`, :func:`segment_reader`, :func:`remove_orphans`; what Whoosh's
queries and matchers keep to themselves (:func:`filter_parts` and kin,
:class:`ExpandedTerms`); where a term's postings are (:func:`posting_list`);
a segment's terms, postings, stored fields and lengths as its files hold them
(:func:`raw_terms`, :func:`postings_data`, :func:`stored_column`,
:func:`add_stored`, :func:`field_lengths`) for :mod:`tui.index.copying` and
:mod:`tui.index.ranking`.

All of it is written against one release of whoosh-reloaded
(:data:`LAYOUT_VERSION`, the one pyproject.toml pins). :func:`native_writes`
says whether that release is the one installed; with any other, the store
writes through Whoosh's public writer instead (slower, never wrong).
"""

from __future__ import annotations

import mmap
import os
import pickle
import struct
import zlib
from array import array
from collections import defaultdict
from collections.abc import Collection, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from tui.index import whoosh_imports  # noqa: F401 - first: Whoosh without two modules it never uses

# isort: split
import whoosh
from whoosh.columns import VarBytesColumn
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile
from whoosh.index import TOC, clean_files
from whoosh.query import MultiTerm
from whoosh.reading import SegmentReader, TermNotFound

from tui.index.errors import NotCopyable
from tui.index.hashtable import bucket_slots, empty_buckets
from tui.index.hashtable import md5_hash as fast_md5_hash
from tui.index.schema import INDEX_NAME, make_schema

try:  # private to Whoosh: another release may not have them
    from whoosh.codec import default_codec
    from whoosh.codec.whoosh3 import (
        LENGTHS_COLUMN,
        STORED_COLUMN,
        WHOOSH3_HEADER_MAGIC,
        W3LeafMatcher,
        W3TermInfo,
        _lenfield,
    )
    from whoosh.filedb.filetables import _pointer, md5_hash
    from whoosh.matching import ListMatcher
    from whoosh.system import pack_int, pack_long, pack_uint, pack_ushort
    from whoosh.util.numeric import byte_to_length
    from whoosh.util.numeric import length_to_byte as _length_to_byte

    #: A terms-table entry's statistics (W3TermInfo's struct); the entry is these,
    #: then the posting list's offset (``pack_long``) and length (``pack_int``).
    TERM_INFO: Any = W3TermInfo._struct
    #: A whole terms-table entry: :data:`TERM_INFO`'s fields, the offset and the length
    #: (all big-endian without padding, so the same bytes as the three packed apart).
    TERM_ENTRY: Any = struct.Struct(TERM_INFO.format + "qi")
    #: A field length's byte (Whoosh's ``length_to_byte``: a bisection in Python, ~80k
    #: calls a BBC build), each length worked out once.
    length_to_byte: Any = cache(_length_to_byte)
    #: The first bytes of a term's posting list.
    HEADER_MAGIC: bytes = WHOOSH3_HEADER_MAGIC
    _IMPORTED = True
except (ImportError, AttributeError):
    _IMPORTED = False
    # Never called then (native_writes() is False), but importable.
    TERM_INFO = TERM_ENTRY = default_codec = md5_hash = _pointer = STORED_COLUMN = None
    HEADER_MAGIC = b""
    pack_int = pack_long = pack_uint = pack_ushort = byte_to_length = length_to_byte = None

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
# What SegmentBuilder (tui.index.builder) needs of the codec

#: The key and value lengths of a terms-table record.
_RECORD = struct.Struct("!ii")


#: The zlib level of a document's stored fields in the segments written here: 0, a
#: zlib stream of "stored" blocks, which any reader inflates as it does level 3, the
#: codec's (the file's layout is the same; an index of either opens as it is). At
#: level 3, deflating each document's pickled fields (~2.4 KB of news text) took
#: ~40 us of a build's CPU, ~2 s at 50,000 articles, for a file ~1.1 KB a document
#: smaller; inflating it took ~13 us a document read (a search's results, the names'
#: phase reading every article), against ~2 us.
STORED_LEVEL = 0


def start_segment(storage: Any) -> tuple[Any, Any, Any]:
    """A new segment in ``storage``: the codec that writes it, the segment, and its
    per-document writer (``start_doc``, ``add_field``, ``add_column_value``,
    ``finish_doc``, ``close``), which compresses stored fields at :data:`STORED_LEVEL`."""
    codec = default_codec()
    segment = codec.new_segment(storage, INDEX_NAME)
    perdoc = codec.per_document_writer(storage, segment)
    # (the codec's writer makes its stored-fields column at its start: a
    # PickleColumn's writer around a CompressedBytesColumn's, which keeps its level)
    perdoc._colwriters["_stored"]._child._level = STORED_LEVEL
    return codec, segment, perdoc


def block_limit(codec: Any) -> int:
    """How many postings the codec puts in one posting block."""
    return int(codec._blocklimit)


def terms_writer(codec: Any, storage: Any, segment: Any) -> tuple[Any, Any, Any]:
    """The segment's field writer (``start_field``, ``finish_field``, ``close``), the
    postings file it writes to and its terms table (see :func:`add_terms`)."""
    writer = codec.field_writer(storage, segment)
    table = compact_table(writer._tindex)
    return writer, writer._postfile, table


def compact_table(table: Any) -> Any:
    """The codec's terms-table writer ``table``, made to keep its buckets as arrays.

    Each term's hash and record position wait in the table's 256 buckets until the
    table is written: as Whoosh keeps them, a tuple of two ints a term (~120 bytes;
    ~20 MB of a 50,000-article build's segment), here two arrays a bucket (12)."""
    table.__class__ = _compact_table(type(table))
    table.buckets = empty_buckets()
    return table


def _compact_table(base: type) -> type:
    """The codec's terms-table writer keeping its buckets as arrays: its ``add`` and
    ``_write_hashes`` are :func:`add_terms`' and :func:`_write_hashes`' (the same
    bytes). A subclass rather than those functions bound to the table: a table that
    refers to itself is a reference cycle, freed only by the cyclic collector, which
    a build's worker runs without (each segment's table, buckets and all, was kept
    until the worker ended)."""
    made = _COMPACT.get(base)
    if made is None:
        methods = {"add": _add, "_write_hashes": _write_hashes}
        made = _COMPACT[base] = type(f"Compact{base.__name__}", (base,), methods)
    return made


_COMPACT: dict[type, type] = {}


def _add(table: Any, key: bytes, value: bytes) -> None:
    """``OrderedHashWriter.add`` for a table of :func:`_compact_table`."""
    if key <= table.lastkey:
        raise ValueError(f"Keys must increase: {table.lastkey!r}..{key!r}")
    add_terms(table, [(key, value)])


def field_prefix(writer: Any) -> bytes:
    """What every term of the field ``writer`` has started begins with in the terms table."""
    return bytes(pack_ushort(writer._fieldid))


def add_terms(table: Any, entries: list[tuple[bytes, bytes]]) -> None:
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
    if hashfn is md5_hash:
        hashfn = fast_md5_hash
    # the record positions go straight into the GrowableArray's array (no method call
    # each) while they fit its type; one that does not goes through its append, which
    # changes the type
    positions = index.array if isinstance(index.array, array) else None
    parts: list[bytes] = []
    record = _RECORD.size
    for key, value in entries:
        if positions is not None:
            try:
                positions.append(pos)
            except OverflowError:
                index.append(pos)
                positions = index.array if isinstance(index.array, array) else None
        else:
            index.append(pos)
        h = hashfn(key)
        hashes, starts = buckets[h & 255]
        hashes.append(h)
        starts.append(pos)
        parts += (_RECORD.pack(len(key), len(value)), key, value)
        pos += record + len(key) + len(value)
    table.lastkey = entries[-1][0]
    dbfile.write(b"".join(parts))


def _write_hashes(table: Any) -> None:
    """``HashWriter._write_hashes``: the 256 hash tables of a terms table, each written
    whole rather than a slot at a time (the same slots, the same bytes)."""
    dbfile = table.dbfile
    for hashes, starts in table.buckets:
        pos = dbfile.tell()
        numslots = 2 * len(hashes)
        table.directory.append((pos, numslots))
        if numslots:
            flat = bucket_slots(hashes, starts)
            dbfile.write(struct.pack("!" + _pointer.format.lstrip("!") * numslots, *flat))


@cache
def stored_length(length: int) -> int | None:
    """A field length as a reader gets it back: rounded to one byte (None for 0)."""
    return byte_to_length(length_to_byte(length)) if length else None


# ---------------------------------------------------------------------------
# Committing, and reading an index folder


def commit_segments(writer: Any, segments: list[Any], dropped: Collection[str] = ()) -> None:
    """Commit ``writer`` (its deletions and anything it added) with ``segments`` too.

    What ``writer.commit()`` does, with the finished segments of
    :class:`~tui.index.builder.SegmentBuilder` added to the table of contents, and without Whoosh's
    own merge policy: the new segments join as they are, and merges are
    :mod:`tui.index.merging`'s. Whoosh's policy merges every segment whose running
    total (smallest first) stays under a Fibonacci number of its rank: harmless
    with a few segments, but once an index has twenty or so it takes nearly all
    of them, and its writer copies them term by term (at 50,000 articles, minutes
    in one update, the index rewritten into one segment).
    """
    finalsegments = writer._merge_segments(None, False, False)  # merge=False: NO_MERGE
    # segments merged into one of ``segments`` meanwhile (tui.index.aside)
    finalsegments = [s for s in finalsegments if s.segment_id() not in dropped]
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


# ---------------------------------------------------------------------------
# Files and tables of contents


def struct_file(handle: Any, name: str, **kwargs: Any) -> Any:
    """An open file as Whoosh's storage hands its files out (a ``StructFile``)."""
    return StructFile(handle, name=name, **kwargs)


def commit_toc(storage: Any, segments: list[Any]) -> None:
    """Make ``segments`` the whole index in ``storage`` (a
    :class:`~tui.index.storage.PrivateStorage`): a new table of contents listing
    them (and the current schema), then the files of every other segment removed.

    The caller holds the write lock. Until the new table of contents is in place a
    reader opens the old one, whole; a reader that opened it keeps its open files.
    """
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


# ---------------------------------------------------------------------------
# What Whoosh's queries and matchers keep to themselves (tui.index.query, matching
# and ranking evaluate them)


def filter_parts(matcher: Any) -> tuple[Any, bool]:
    """A FilterMatcher's document numbers and whether it leaves them out."""
    return matcher._ids, bool(matcher._exclude)


def union_parts(matcher: Any) -> tuple[list[Any], bool, float]:
    """An ArrayUnionMatcher's parts, whether it scores, and its boost."""
    return matcher._submatchers, bool(matcher._scored), matcher._boost


def inverse_weight(matcher: Any) -> float:
    """The score an InverseMatcher gives each document it matches."""
    return float(matcher._weight)


class ExpandedTerms(MultiTerm):
    """A wildcard, prefix, fuzzy word or range with the words it stands for found once
    (tui.index.query): Whoosh asks a ``MultiTerm`` for its words through the private
    ``_btexts``, which this one answers from the list it was given."""

    def __init__(self, original: Any, words: list[Any]) -> None:
        self.original = original
        self.words = words
        self.fieldname = original.fieldname
        self.text = getattr(original, "text", "")
        self.boost = original.boost
        self.constantscore = original.constantscore
        self.startchar = getattr(original, "startchar", None)
        self.endchar = getattr(original, "endchar", None)

    def _btexts(self, ixreader: Any) -> Any:
        return iter(self.words)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ExpandedTerms) and other.original == self.original

    def __hash__(self) -> int:
        return hash(self.original)

    def __repr__(self) -> str:
        return f"ExpandedTerms({self.original!r}, {len(self.words)} words)"

    def __str__(self) -> str:
        return str(self.original)


def expanded_words(query: Any, reader: Any) -> Any:
    """The words (as bytes) a wildcard, prefix, fuzzy word or range (a ``MultiTerm``
    query) stands for in ``reader``: what its matcher would search for."""
    return query._btexts(reader)


def term_scorer(matcher: Any) -> Any:
    """The scorer of a term's matcher (a leaf matcher keeps it as ``_scorer``)."""
    return getattr(matcher, "scorer", None) or getattr(matcher, "_scorer", None)


# ---------------------------------------------------------------------------
# Where a term's postings are (tui.index.blocks reads them)


def posting_list(reader: Any, field: str, text: str | bytes) -> tuple[Any, ...] | None:
    """Where a term's postings are in one segment reader, for :mod:`tui.index.blocks`:
    ``(data, length)``, its posting list as the postings file holds it; ``(ids,
    weights, values)`` when they are inlined in its terms-table entry; ``()`` when the
    segment lacks the term; None when the reader is not a segment reader of the layout
    this module knows (the caller asks Whoosh)."""
    terms: Any = getattr(reader, "_terms", None)
    postfile = getattr(terms, "_postfile", None)
    if not _IMPORTED or postfile is None or field not in reader.schema:
        return None
    if isinstance(text, str):
        try:
            text = reader.schema[field].to_bytes(text)
        except ValueError:
            return ()
    try:
        info = terms.term_info(field, text)
    except TermNotFound:
        return ()
    if info.is_inlined():
        return info.inlined_postings()
    offset, length = info.extent()
    if isinstance(length, tuple):  # W3TermInfo.from_bytes leaves it unpacked
        length = length[0]
    return postfile.get(offset, length), length


def inlined_postings(entry: bytes) -> Any:
    """The (ids, weights, values) of a terms-table entry that holds its postings."""
    return W3TermInfo.from_bytes(entry).inlined_postings()


# ---------------------------------------------------------------------------
# Reading a segment whole, to copy it into a merged one (tui.index.copying)


class RawTerms:
    """One field's terms of a segment as :func:`raw_terms` found them, in order: each
    term's key and terms-table entry as slices of the table's bytes, kept as three
    offsets a term (24 bytes) rather than a tuple of two bytes objects (~150 bytes a
    term: 5.7 MB for a segment of 4,684 documents, held through its whole copy)."""

    __slots__ = ("data", "spans")

    def __init__(self, data: bytes) -> None:
        self.data = data
        #: key start, entry start (the key's end), entry end; three a term
        self.spans = array("q")

    def __iter__(self) -> Iterator[tuple[bytes, bytes]]:
        data, spans = self.data, self.spans
        for i in range(0, len(spans), 3):
            yield data[spans[i] : spans[i + 1]], data[spans[i + 1] : spans[i + 2]]

    def __len__(self) -> int:
        return len(self.spans) // 3


def raw_terms(reader: Any) -> dict[str, RawTerms]:
    """Every term of a segment reader by field, in order, each with its terms-table
    entry as stored (decoded by :func:`tui.index.blocks.decode_postings`)."""
    terms: Any = getattr(reader, "_terms", None)
    table = getattr(terms, "_tindex", None)
    if not _IMPORTED or table is None or not hasattr(table, "endofdata"):
        raise NotCopyable("not a segment of the layout this module knows")
    fields = terms._fieldunmap
    start, end = table.startofdata, table.endofdata
    data = bytes(table.dbfile.get(start, end - start))
    # (every field the segment's writer started, those without a term too)
    out: dict[str, RawTerms] = {name: RawTerms(data) for name in fields}
    spans = array("q")
    number = -1
    unpack = _RECORD.unpack_from
    record = _RECORD.size
    pos, end = 0, len(data)
    while pos < end:  # the records one after the other, in key order
        keylen, datalen = unpack(data, pos)
        key = pos + record
        n = (data[key] << 8) | data[key + 1]
        if n != number:
            number = n
            spans = out.setdefault(fields[n], RawTerms(data)).spans
        pos = key + keylen + datalen
        spans.extend((key + 2, key + keylen, pos))
    return out


def postings_data(reader: Any) -> Any:
    """The whole postings file of a segment reader, mapped (its pages are the file's, in
    the page cache: a segment of 8,500 articles has ~70 MB of postings), or read when it
    cannot be mapped."""
    terms: Any = getattr(reader, "_terms", None)
    postfile = getattr(terms, "_postfile", None)
    if postfile is None:
        raise NotCopyable("not a segment of the layout this module knows")
    folder = getattr(reader.storage(), "folder", None)  # (None: a compound segment)
    try:
        if folder is not None:
            path = os.path.join(folder, reader.segment().make_filename(".pst"))  # noqa: PTH118
            with open(path, "rb") as handle:  # noqa: PTH123
                return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # (an empty file cannot be mapped)
        pass
    postfile.seek(0, os.SEEK_END)
    size = postfile.tell()
    return bytes(postfile.get(0, size)) if size else b""


def let_go_of_pages(data: Any) -> None:
    """Let the pages of :func:`postings_data`'s mapping read so far go from this
    process (they stay in the page cache, and come back when read again): a copy reads
    the file from its start to its end, and the pages behind it are of no more use,
    while each counted in the process's memory (PSS) until the end."""
    dontneed = getattr(mmap, "MADV_DONTNEED", None)
    if isinstance(data, mmap.mmap) and dontneed is not None:
        try:
            data.madvise(dontneed)
        except (OSError, ValueError):
            pass


def stored_column(reader: Any) -> Sequence[bytes]:
    """Each document's stored fields in a segment reader as its file holds them (a pickle,
    compressed): what :func:`add_stored` copies into a new segment, and
    :func:`tui.index.copying.stored_from` reads. ``stored_column(reader)[n]`` reads
    document ``n``'s from the file when asked: a copy asks for them one at a time, and
    the whole column read at once was held through the copy (12 MB of a 5,221-document
    segment's copy, its largest part, traced by tracemalloc)."""
    perdoc: Any = getattr(reader, "_perdoc", None)
    if not _IMPORTED or perdoc is None or not hasattr(perdoc, "column_reader"):
        raise NotCopyable("stored fields of another layout")
    if not perdoc.has_column("_stored"):
        return [b""] * reader.doc_count_all()
    column: Sequence[bytes] = perdoc.column_reader("_stored", VarBytesColumn())
    return column


def stored_bytes(fields: dict[str, Any]) -> bytes:
    """A document's stored fields as a segment's file holds them (what :func:`add_stored`
    copies): pickled and compressed as the codec's per-document writer does
    (``PickleColumn`` of ``CompressedBytesColumn``: pickle protocol 2, zlib at
    :data:`STORED_LEVEL`), so that a process other than the segment's writer can make
    them."""
    child = STORED_COLUMN._child
    if getattr(child, "_module", None) != "zlib":
        raise NotCopyable("stored fields compressed otherwise")
    return zlib.compress(pickle.dumps(fields, 2), STORED_LEVEL)


def add_stored(perdoc: Any, docnum: int, raw: bytes) -> None:
    """Give the document a segment's per-document writer is writing the stored fields
    :func:`stored_column` read, as they are (not unpickled, pickled and compressed again:
    the same bytes). Its fields are added with no value (their lengths only)."""
    if not raw:
        return
    writers = perdoc._colwriters
    if "_stored" not in writers:
        perdoc._create_column("_stored", STORED_COLUMN)
    VarBytesColumn.Writer.add(writers["_stored"]._child, docnum, raw)


def set_field_lengths(segment: Any, totals: dict[str, int]) -> None:
    """Give a segment being written the total length of each field over its documents
    (what a scorer divides by the document count for the average length)."""
    segment._fieldlengths = defaultdict(int, {k: v for k, v in totals.items() if v})


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
#: terms-table entry): what :func:`tui.index.blocks.term_weights` reads in bulk.
POSTING_MATCHERS: tuple[type, ...] = ()
_LENGTHS: tuple[int, ...] = ()
if _IMPORTED:
    _LENGTHS = tuple(byte_to_length(b) for b in range(256))
    POSTING_MATCHERS = (W3LeafMatcher, ListMatcher)
