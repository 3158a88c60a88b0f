"""Whoosh's internals: the one module of Dossier that touches them.

Everything here depends on how whoosh-reloaded lays out its files and on
methods it does not document (``SegmentWriter._commit_toc`` and kin, the W3
codec's term-info struct and posting blocks); the rest of :mod:`tui.index`
uses Whoosh's public API only (tests/test_layering.py checks which modules
import what, and that no other module reads a private attribute). What needs
neither lives elsewhere: opening an index (:func:`tui.index.folder.open_index`),
a reader's deleted documents (:func:`tui.index.segment_files.deleted_numbers`),
:class:`~tui.index.errors.NotCopyable`.

:class:`tui.index.builder.SegmentBuilder` writes a batch of documents straight
into one new segment through Whoosh's own codec; what it needs of the codec comes
from here, as small functions it calls once per segment or field
(:func:`start_segment`, :func:`terms_writer`, :func:`block_limit`,
:func:`field_prefix`, :func:`add_terms`) and as the codec's own packing functions
and constants, imported here and exported as they are (:data:`TERM_INFO`, :data:`TERM_ENTRY`,
:data:`HEADER_MAGIC`, ``pack_int`` and kin, ``length_to_byte``): the builder's
loops call them with no wrapper in between. :func:`commit_segments` commits a
table of contents that lists such segments beside the writer's own;
:func:`commit_toc` one that lists only the segments given. The index folder's
files are made private (:class:`PrivateStorage`), locked (:func:`folder_lock`),
listed (:func:`segments`, :func:`segment_reader`, used by
:mod:`tui.index.segment_files`) and cleaned (:func:`remove_orphans`) here;
:func:`term_postings` reads a term's posting blocks back for :mod:`tui.index.matching`,
:func:`term_weights` and :func:`field_lengths` what :mod:`tui.index.ranking` scores
them with, :func:`filter_parts` and kin what Whoosh's matchers keep to themselves,
and :func:`raw_terms`, :func:`postings_data`, :func:`decode_postings`,
:func:`stored_column` and :func:`add_stored` a segment's terms, postings and stored
fields as its files hold them, for :mod:`tui.index.copying`.

All of it is written against one release of whoosh-reloaded
(:data:`LAYOUT_VERSION`, the one pyproject.toml pins). :func:`native_writes`
says whether that release is the one installed; with any other, the store
writes through Whoosh's public writer instead (slower, never wrong).
"""

from __future__ import annotations

import io
import mmap
import os
import pickle
import struct
import zlib
from array import array
from collections import defaultdict
from collections.abc import Collection, Iterator
from functools import cache
from hashlib import md5
from itertools import accumulate
from pathlib import Path
from typing import Any

import whoosh
from whoosh.columns import VarBytesColumn
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile
from whoosh.index import TOC, clean_files
from whoosh.query import MultiTerm
from whoosh.reading import SegmentReader, TermNotFound

from tui.index.errors import NotCopyable
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


def start_segment(storage: Any) -> tuple[Any, Any, Any]:
    """A new segment in ``storage``: the codec that writes it, the segment, and its
    per-document writer (``start_doc``, ``add_field``, ``add_column_value``,
    ``finish_doc``, ``close``)."""
    codec = default_codec()
    segment = codec.new_segment(storage, INDEX_NAME)
    return codec, segment, codec.per_document_writer(storage, segment)


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
    table.buckets = [(array("I"), array("q")) for _ in range(256)]
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
        hashfn = _md5_hash
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


def _md5_hash(key: bytes) -> int:
    """Whoosh's ``md5_hash`` (the low 32 bits of the key's MD5 digest read as one
    big-endian number) without its detour through a hexadecimal string."""
    return int.from_bytes(md5(key, usedforsecurity=False).digest()[12:], "big")


def _write_hashes(table: Any) -> None:
    """``HashWriter._write_hashes``: the 256 hash tables of a terms table, each written
    whole rather than a slot at a time (the same slots, the same bytes)."""
    dbfile = table.dbfile
    null = (0, 0)
    for hashes, starts in table.buckets:
        pos = dbfile.tell()
        numslots = 2 * len(hashes)
        table.directory.append((pos, numslots))
        if not numslots:
            continue
        hashtable = [null] * numslots
        for hashval, position in zip(hashes, starts, strict=True):
            slot = (hashval >> 8) % numslots
            while hashtable[slot] != null:
                slot = (slot + 1) % numslots
            hashtable[slot] = (hashval, position)
        flat = [n for pair in hashtable for n in pair]
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
        """Whoosh's writer sorts postings in a folder of its own: 0700, files 0600.

        Made here rather than by Whoosh's ``FileStorage.create``, which keeps the
        error of a folder that exists in a local variable of its frame: a reference
        cycle through every frame below it. A segment's per-document writer always
        asks for ``<index>.tmp``, there after the first segment, and the cycle held
        the segment's builder with its writers; a build's worker runs without the
        cyclic collector, so each of its segments kept the last one's alive."""
        path = os.path.join(self.folder, name or f"{os.urandom(8).hex()}.tmp")
        os.makedirs(path, mode=0o700, exist_ok=True)
        os.chmod(path, 0o700)
        return PrivateStorage(path)


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
    for deltas, weights, block_values in _blocks(data, 4, length):
        count = len(deltas)
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
    return (docs, found, kept) if what == "weights" else (docs, found)


_FRAME = 0x95  # pickle's frame opcode (protocol 4 and up), after the protocol's 2 bytes
_PROTO = 0x80  # the opcode a pickle of protocol 2 and up starts with (zlib's data never)


def _blocks(data: bytes, pos: int, end: int) -> Iterator[tuple[Any, Any, Any]]:
    """Each block of the posting list in ``data`` from ``pos`` (after its magic) to
    ``end``: its (deltas, weights, values) as pickled."""
    while pos < end:
        (size,) = _BLOCK_SIZE.unpack_from(data, pos)
        start = pos + _BLOCK_SIZE.size
        stop = start + abs(size)
        if data[start + 2] == _FRAME:  # the header's length is in its frame
            body = start + 11 + int.from_bytes(data[start + 3 : start + 11], "little")
        else:
            stream = io.BytesIO(data[start:stop])
            pickle.load(stream)
            body = start + stream.tell()
        raw = data[body:stop]
        yield pickle.loads(raw if raw[0] == _PROTO else zlib.decompress(raw))
        if size < 0:
            break
        pos = stop


# ---------------------------------------------------------------------------
# Reading a segment whole, to copy it into a merged one (tui.index.copying)


def raw_terms(reader: Any) -> dict[str, list[tuple[bytes, bytes]]]:
    """Every term of a segment reader by field, in order, each with its terms-table
    entry as stored (decoded by :func:`decode_postings`)."""
    terms: Any = getattr(reader, "_terms", None)
    table = getattr(terms, "_tindex", None)
    if not _IMPORTED or table is None or not hasattr(table, "endofdata"):
        raise NotCopyable("not a segment of the layout this module knows")
    fields = terms._fieldunmap
    # (every field the segment's writer started, those without a term too)
    out: dict[str, list[tuple[bytes, bytes]]] = {name: [] for name in fields}
    start, end = table.startofdata, table.endofdata
    data = bytes(table.dbfile.get(start, end - start))
    at: list[tuple[bytes, bytes]] = []
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
            at = out.setdefault(fields[n], [])
        pos = key + keylen + datalen
        at.append((data[key + 2 : key + keylen], data[key + keylen : pos]))
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


#: Where a terms-table entry keeps its posting list: offset and length, after the statistics.
_EXTENT = struct.Struct("!qi")
_INFO_SIZE = TERM_INFO.size if _IMPORTED else 0
_ENTRY_SIZE = TERM_ENTRY.size if _IMPORTED else 0


def decode_postings(
    data: bytes, entry: bytes, fixedsize: int | None
) -> tuple[list[int], list[float], list[Any]]:
    """One term's postings from its terms-table ``entry`` and the segment's postings file
    ``data``: (documents, weights as a reader gets them, each posting's value)."""
    if entry[0] or len(entry) != TERM_ENTRY.size:  # postings inlined in the entry
        inlined = W3TermInfo.from_bytes(entry).inlined_postings()
        ids, weights, kept = (list(part) for part in inlined)
        weights = weights or [1.0] * len(ids)
        if len(kept) != len(ids):
            kept = [b""] * len(ids) if fixedsize == 0 else []
        if len(kept) != len(ids) or len(weights) != len(ids):
            raise NotCopyable("inlined postings without a value each")
        return ids, weights, kept
    offset, length = _EXTENT.unpack_from(entry, _INFO_SIZE)
    if data[offset : offset + 4] != WHOOSH3_HEADER_MAGIC:
        raise NotCopyable("a posting list of another layout")
    block = one_block(data, entry)
    docs: list[int] = []
    found: list[float] = []
    values: list[Any] = []
    for deltas, weights, block_values in (
        [block[:3]] if block is not None else _blocks(data, offset + 4, offset + length)
    ):
        count = len(deltas)
        docs += accumulate(deltas) if count > 1 else deltas
        if weights is None:
            found += [1.0] * count
        elif isinstance(weights, float):
            found += [weights] * count
        elif len(weights) == count:
            found += weights
        else:
            raise NotCopyable("a block without a weight each")
        if fixedsize == 0:
            values += [b""] * count
        elif isinstance(block_values, tuple) and len(block_values) == count:
            values += block_values
        elif (
            fixedsize and isinstance(block_values, bytes) and len(block_values) == count * fixedsize
        ):
            values += [
                block_values[i : i + fixedsize] for i in range(0, len(block_values), fixedsize)
            ]
        else:
            raise NotCopyable("a block without a value each")
    return docs, found, values


def one_block(data: bytes, entry: bytes) -> tuple[Any, Any, Any, int, int, int] | None:
    """A term's posting list that is one block, as the block holds it: (the documents'
    deltas, the first being the first document; the weights; the values; the shortest
    and the longest field length as bytes; the last document). None when the list is
    of more blocks, inlined, compressed or of another layout (:func:`decode_postings`
    reads any)."""
    if entry[0] or len(entry) != _ENTRY_SIZE:
        return None
    info = TERM_ENTRY.unpack(entry)
    offset = info[-2]
    start = offset + 8
    if data[start + 2] != _FRAME or not data[offset + 4] & 0x80:
        return None
    if data[offset : offset + 4] != WHOOSH3_HEADER_MAGIC:
        return None
    body = start + 11 + int.from_bytes(data[start + 3 : start + 11], "little")
    if data[body] != _PROTO:
        return None
    deltas, weights, values = pickle.loads(data[body : offset + info[-1]])
    return deltas, weights, values, info[3], info[4], info[7]


def stored_column(reader: Any) -> list[bytes]:
    """Each document's stored fields in a segment reader as its file holds them (a pickle,
    compressed): what :func:`add_stored` copies into a new segment, and :func:`stored_from`
    reads."""
    perdoc: Any = getattr(reader, "_perdoc", None)
    if not _IMPORTED or perdoc is None or not hasattr(perdoc, "column_reader"):
        raise NotCopyable("stored fields of another layout")
    if not perdoc.has_column("_stored"):
        return [b""] * reader.doc_count_all()
    return list(perdoc.column_reader("_stored", VarBytesColumn()))


def stored_from(raw: bytes) -> dict[str, Any]:
    """The stored fields of :func:`stored_column`'s entry."""
    return pickle.loads(zlib.decompress(raw)) if raw else {}


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
#: terms-table entry): what :func:`term_weights` reads in bulk.
POSTING_MATCHERS: tuple[type, ...] = ()
_LENGTHS: tuple[int, ...] = ()
if _IMPORTED:
    _LENGTHS = tuple(byte_to_length(b) for b in range(256))
    POSTING_MATCHERS = (W3LeafMatcher, ListMatcher)
