"""A term's posting list as the segment's files hold it: Whoosh's W3 layout,
written from Dossier's postings and read back from its bytes.

A posting list is a magic number, then blocks: each a length (negative for the
last), a pickled header (count, last document, highest weight, compression,
shortest and longest field length as bytes) and the pickled (deltas, weights,
values) of up to a block's postings, compressed when that was shorter.

Writing: :func:`posting_blocks` (and its shortcuts for a term of one posting or
one block), :func:`encode_blocks` for the blocks :class:`~tui.index.builder.
SegmentBuilder` encodes early (:class:`EncodedBlocks`), :func:`encode_postings`
and :func:`join_blocks` for :mod:`tui.index.copying`; each gives the bytes and
the terms-table statistics Whoosh's own writer would (tests/test_index.py). The
encoding of one block (and of a term's one posting) is :mod:`tui.index.blockcodec`'s,
compiled. Reading: :func:`term_postings` and :func:`term_weights` read a term's documents a
block at a time for :mod:`tui.index.matching` and :mod:`tui.index.ranking`, where
Whoosh's matcher would go posting by posting; :func:`decode_postings` and
:func:`one_block` read a terms-table entry's postings for :mod:`tui.index.copying`.

Where a list is, what a terms-table entry holds, the integer packing and the byte
of a field length come from :mod:`tui.index.segment`
(:func:`~tui.index.segment.posting_list`, :func:`~tui.index.segment.inlined_postings`,
:data:`~tui.index.segment.TERM_ENTRY`, ``pack_int``, ``length_to_byte``): this
module touches no Whoosh object.
"""

from __future__ import annotations

import io
import pickle
import struct
import zlib
from array import array
from collections.abc import Iterator
from itertools import accumulate, chain
from typing import Any

from tui.index.blockcodec import block_of as _block_of
from tui.index.blockcodec import dumps, encode_one_block, encode_one_posting
from tui.index.blockcodec import encode_block as _encode_block
from tui.index.errors import NotCopyable
from tui.index.segment import (
    HEADER_MAGIC,
    TERM_ENTRY,
    TERM_INFO,
    inlined_postings,
    length_to_byte,
    pack_int,
    posting_list,
)

_BLOCK_SIZE = struct.Struct("!i")  # a posting block's length, negative for the last
_FRAME = 0x95  # pickle's frame opcode (protocol 4 and up), after the protocol's 2 bytes
_PROTO = 0x80  # the opcode a pickle of protocol 2 and up starts with (zlib's data never)
#: Where a terms-table entry keeps its posting list: offset and length, after the statistics.
_EXTENT = struct.Struct("!qi")
_INFO_SIZE = TERM_INFO.size if TERM_INFO is not None else 0
_ENTRY_SIZE = TERM_ENTRY.size if TERM_ENTRY is not None else 0


# ---------------------------------------------------------------------------
# Writing a posting list


class EncodedBlocks:
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


def encode_postings(
    ids: list[int],
    weights: list[Any],
    values: list[Any],
    lengths: list[Any],
    limit: int,
    fixedsize: int | None,
) -> tuple[bytes, tuple[Any, ...]]:
    """A term's whole posting list, given as its documents, weights, values and field
    lengths (as :class:`SegmentBuilder` keeps them), as the segment holds it, and its
    terms-table statistics: what :meth:`SegmentBuilder.finish` writes for a term none
    of whose blocks were encoded early."""
    count = len(ids)
    if count == 1:
        return encode_one_posting([ids[0], weights[0], values[0], lengths[0]], fixedsize)
    if count <= limit:
        return _block_of(ids, weights, values, lengths, fixedsize)
    flat: list[Any] = [None] * (4 * count)
    flat[0::4] = ids
    flat[1::4] = weights
    flat[2::4] = values
    flat[3::4] = lengths
    return posting_blocks(flat, limit, fixedsize)


def column_blocks(
    ids: list[int],
    weights: list[Any],
    values: list[Any],
    lengths: list[Any],
    limit: int,
    fixedsize: int | None,
    sealed: EncodedBlocks | None,
) -> tuple[bytes, tuple[Any, ...]]:
    """:func:`posting_blocks` of postings given as columns (after the blocks ``sealed``
    holds, if any): :func:`encode_postings` when there are none."""
    if sealed is None:
        return encode_postings(ids, weights, values, lengths, limit, fixedsize)
    flat: list[Any] = [None] * (4 * len(ids))
    flat[0::4] = ids
    flat[1::4] = weights
    flat[2::4] = values
    flat[3::4] = lengths
    return posting_blocks(flat, limit, fixedsize, sealed)


def join_blocks(
    parts: list[tuple[int, Any, Any, Any, int, int, int]], fixedsize: int | None
) -> tuple[bytes, tuple[Any, ...]]:
    """The posting list of one block that postings of several segments make together,
    each part as its own one-block list holds it: (what its documents' numbers grow by,
    its deltas, weights and values as pickled, its shortest and longest field length as
    bytes, its last document), the parts' documents in order, fewer than a block in
    all. The same bytes and statistics as :func:`_block_of` of the postings one after
    the other, without making a list of each posting's document, weight and length."""
    deltas: list[int] = []
    values: list[Any] = []
    previous = 0
    minbyte, maxbyte = 255, 0
    plain = True  # every weight 1.0 (each part's None)
    for shift, part_deltas, part_weights, part_values, shortest, longest, last in parts:
        deltas.append(part_deltas[0] + shift - previous)
        deltas += part_deltas[1:]
        previous = last + shift
        if part_weights is not None:
            plain = False
        if part_values:
            values.append(part_values)
        if shortest < minbyte:
            minbyte = shortest
        if longest > maxbyte:
            maxbyte = longest
    count = len(deltas)
    if plain:
        mini_weights: Any = None
        weight_sum = 0.0 + count
        maxweight: Any = 1.0
    else:
        weights: list[float] = []
        for _, part_deltas, part_weights, *_ in parts:
            if part_weights is None:
                weights += [1.0] * len(part_deltas)
            elif isinstance(part_weights, float):
                weights += [part_weights] * len(part_deltas)
            else:
                weights += part_weights
        first = weights[0]
        mini_weights = first if weights.count(first) == count else tuple(weights)
        weight_sum = 0.0 + sum(weights)
        maxweight = max(0, max(weights))
        if weights.count(1.0) == count:
            mini_weights = None
    if fixedsize is None or fixedsize < 0:
        mini_values: Any = values[0] if len(values) == 1 else tuple(chain.from_iterable(values))
    elif fixedsize == 0:
        mini_values = None
    else:
        mini_values = b"".join(values)
    ids_first = deltas[0]
    data = dumps((tuple(deltas), mini_weights, mini_values))
    head = dumps((count, previous, maxweight, 0, minbyte, maxbyte))
    part = pack_int(-(len(head) + len(data))) + head + data
    stats = (weight_sum, count, minbyte, maxbyte, max(0, maxweight), ids_first, previous)
    return HEADER_MAGIC + part, stats


def posting_blocks(
    flat: list[Any], limit: int, fixedsize: int | None, sealed: EncodedBlocks | None = None
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
        return encode_one_posting(flat, fixedsize)
    if sealed is None and len(flat) <= 4 * limit:
        return encode_one_block(flat, fixedsize)
    blocks = sealed if sealed is not None else EncodedBlocks(flat[0])
    if flat:
        encode_blocks(blocks, flat, len(flat) // 4, limit, fixedsize, final=True)
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
    return b"".join([HEADER_MAGIC, *blocks.parts]), stats


def encode_blocks(
    blocks: EncodedBlocks,
    flat: list[Any],
    total: int,
    limit: int,
    fixedsize: int | None,
    final: bool,
) -> None:
    """Append to ``blocks`` the blocks of the first ``total`` postings of ``flat``;
    with ``final``, the last block is marked as the term's last."""
    for start in range(0, total, limit):
        stop = min(start + limit, total)
        ids = flat[4 * start : 4 * stop : 4]
        weights = flat[4 * start + 1 : 4 * stop : 4]
        values = flat[4 * start + 2 : 4 * stop : 4]
        lengths = flat[4 * start + 3 : 4 * stop : 4]
        _add_block(blocks, ids, weights, values, lengths, fixedsize, final and stop == total)


def encode_columns(
    blocks: EncodedBlocks,
    ids: list[Any],
    weights: list[Any],
    values: list[Any],
    lengths: list[Any],
    limit: int,
    fixedsize: int | None,
) -> None:
    """:func:`encode_blocks` (not ``final``) of postings given as columns, whole blocks
    of them (:meth:`tui.terms.Full.columns`)."""
    total = len(ids)
    if total == limit:  # (most often: one block, the columns as they are)
        _add_block(blocks, ids, weights, values, lengths, fixedsize, False)
        return
    for start in range(0, total, limit):
        stop = min(start + limit, total)
        _add_block(
            blocks,
            ids[start:stop],
            weights[start:stop],
            values[start:stop],
            lengths[start:stop],
            fixedsize,
            False,
        )


def _add_block(
    blocks: EncodedBlocks,
    ids: list[Any],
    weights: list[Any],
    values: list[Any],
    lengths: list[Any],
    fixedsize: int | None,
    last: bool,
) -> None:
    """Encode one block of postings, given as columns, after ``blocks`` (``last``: the
    term's last block)."""
    body, block_weights, block_min, block_max, block_maxweight = _encode_block(
        ids, weights, values, lengths, fixedsize
    )
    blocks.weight_sum += block_weights
    size = len(body)
    blocks.parts.append(pack_int(-size if last else size) + body)
    if blocks.minlength is None:
        blocks.minlength = block_min
    elif block_min is not None:
        blocks.minlength = min(blocks.minlength, block_min)
    blocks.maxlength = max(blocks.maxlength, block_max)
    blocks.maxweight = max(blocks.maxweight, block_maxweight)
    blocks.total += len(ids)
    blocks.last = ids[-1]


# ---------------------------------------------------------------------------
# Reading a posting list back


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


def whole_list(data: bytes, entry: bytes) -> tuple[bytes, tuple[Any, ...]] | None:
    """A term's posting list as the postings file ``data`` holds it and its terms-table
    statistics, read from its ``entry``: what a copy writes again, unchanged, for a
    term whose documents keep their numbers. None when the postings are inlined in
    the entry or of another layout."""
    if entry[0] or len(entry) != _ENTRY_SIZE:
        return None
    info = TERM_ENTRY.unpack(entry)
    offset, size = info[-2], info[-1]
    if data[offset : offset + 4] != HEADER_MAGIC:
        return None
    return bytes(data[offset : offset + size]), info[1:-2]


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
