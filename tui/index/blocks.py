"""A term's posting list read back as the segment's files hold it (what
:mod:`tui.index.builder` writes): Whoosh's W3 layout decoded from its bytes.

A posting list is a magic number, then blocks: each a length (negative for the
last), a pickled header and the pickled (deltas, weights, values) of up to a
block's postings, compressed when that was shorter. :func:`term_postings` and
:func:`term_weights` read a term's documents a block at a time for
:mod:`tui.index.matching` and :mod:`tui.index.ranking`, where Whoosh's matcher
would go posting by posting; :func:`decode_postings` and :func:`one_block` read a
terms-table entry's postings for :mod:`tui.index.copying`. Where the list is and
what a terms-table entry holds come from :mod:`tui.index.segment`
(:func:`~tui.index.segment.posting_list`,
:func:`~tui.index.segment.inlined_postings`, :data:`~tui.index.segment.TERM_ENTRY`):
this module touches no Whoosh object.
"""

from __future__ import annotations

import io
import pickle
import struct
import zlib
from array import array
from collections.abc import Iterator
from itertools import accumulate
from typing import Any

from tui.index.errors import NotCopyable
from tui.index.segment import HEADER_MAGIC, TERM_ENTRY, TERM_INFO, inlined_postings, posting_list

_BLOCK_SIZE = struct.Struct("!i")  # a posting block's length, negative for the last
_FRAME = 0x95  # pickle's frame opcode (protocol 4 and up), after the protocol's 2 bytes
_PROTO = 0x80  # the opcode a pickle of protocol 2 and up starts with (zlib's data never)
#: Where a terms-table entry keeps its posting list: offset and length, after the statistics.
_EXTENT = struct.Struct("!qi")
_INFO_SIZE = TERM_INFO.size if TERM_INFO is not None else 0
_ENTRY_SIZE = TERM_ENTRY.size if TERM_ENTRY is not None else 0


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
    found_list = posting_list(reader, field, text)
    if found_list is None:
        return None
    if not found_list:
        return [], []
    if len(found_list) == 3:  # inlined in the terms table
        ids, inlined_weights, inlined = found_list
        if what == "weights":  # as ListMatcher.weight() gives them
            weights = list(inlined_weights) if inlined_weights else [1.0] * len(ids)
            values = list(inlined) if inlined and len(inlined) == len(ids) else None
            return list(ids), weights, values
        return list(ids), list(inlined) if what == "values" else []
    data, length = found_list
    if data[:4] != HEADER_MAGIC:
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


def decode_postings(
    data: bytes, entry: bytes, fixedsize: int | None
) -> tuple[list[int], list[float], list[Any]]:
    """One term's postings from its terms-table ``entry`` and the segment's postings file
    ``data``: (documents, weights as a reader gets them, each posting's value)."""
    if entry[0] or len(entry) != TERM_ENTRY.size:  # postings inlined in the entry
        inlined = inlined_postings(entry)
        ids, weights, kept = (list(part) for part in inlined)
        weights = weights or [1.0] * len(ids)
        if len(kept) != len(ids):
            kept = [b""] * len(ids) if fixedsize == 0 else []
        if len(kept) != len(ids) or len(weights) != len(ids):
            raise NotCopyable("inlined postings without a value each")
        return ids, weights, kept
    offset, length = _EXTENT.unpack_from(entry, _INFO_SIZE)
    if data[offset : offset + 4] != HEADER_MAGIC:
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
    if data[offset : offset + 4] != HEADER_MAGIC:
        return None
    body = start + 11 + int.from_bytes(data[start + 3 : start + 11], "little")
    if data[body] != _PROTO:
        return None
    deltas, weights, values = pickle.loads(data[body : offset + info[-1]])
    return deltas, weights, values, info[3], info[4], info[7]
