"""Postings packed into bytes while a segment is built, for the terms too rare to fill a block.

:class:`~tui.index.builder.SegmentBuilder` keeps each term's postings as a list of
``docnum, weight, value, length`` runs until they fill a posting block (then it
encodes the block as the segment will hold it). Most terms never fill one: at
20M characters of news text, the postings of terms with fewer than 128 of them
were 55% of a worker's memory, at ~100-140 bytes each as Python objects (a list
slot each, a float, a bytes object). Packed, a posting takes ~11 bytes and its
value's, and reads back as equal values of the same types (ints, floats, bytes,
None), so the segment's files do not change.

Packing more postings appends to what a term has packed, so that the builder can
pack at every pass over its postings instead of letting several passes' worth
wait as lists. Setup.py compiles this module with mypyc: each posting is written
as native numbers into a ``BytesWriter`` (librt), a tag byte first that says
which of its shapes follows (the document number as 32 bits; the weight as one
byte when it is a whole number from 1 to 63, as most are, else as a double; the
value's length as one byte or four; the length, or none). A posting of any other
shape (a number out of those ranges, another type) is pickled whole after its
tag. (Pickled, as before 2026-12-07, runs packed and read back two to three
times slower: ~20% of the builder's passes over its postings at 50,000 articles.)
"""

from __future__ import annotations

import pickle
from typing import Any, Final

from librt.strings import (
    BytesWriter,
    read_f64_le,
    read_i32_le,
    write_f64_le,
    write_i32_le,
)
from mypy_extensions import i32, i64

from tui.terms import INT_MAX, NO_LENGTH, PICKLED, SHORT_VALUE, SMALL_WEIGHT, WEIGHTS

#: (The tag's bits, :data:`tui.terms.NO_LENGTH` and kin, are tui.terms', which writes the
#: postings of a text packed, in this layout.)
#: The weights written as one byte, read back as these same float objects
#: (:data:`tui.terms.WEIGHTS`, which its own decoding shares).
_WEIGHTS: Final[list[Any]] = WEIGHTS


class Packer:
    """Packs postings (kept as a class: a builder holds one)."""

    def pack(self, flat: list[Any], packed: bytes | None = None) -> bytes:
        """:func:`pack`."""
        return pack(flat, packed)


def pack(flat: list[Any], packed: bytes | None = None) -> bytes:
    """The postings of ``flat`` (runs of docnum, weight, value, length) as bytes,
    after those already ``packed``."""
    out = BytesWriter()
    if packed:
        out.write(packed)
    n = len(flat)
    i = 0
    while i + 3 < n:
        _put(out, flat[i], flat[i + 1], flat[i + 2], flat[i + 3])
        i += 4
    return out.getvalue()


def pack_waiting(
    terms: dict[bytes, list[Any]],
    packed: dict[bytes, bytes],
    held: dict[bytes, int],
    run: int,
) -> list[bytes]:
    """Pack the postings waiting as lists in ``terms`` of each term that has, with those
    it packed before (``held[term]`` postings in ``packed[term]``), fewer than ``run``
    flat values (four a posting: a block's): appended to its packed bytes. Returns the
    other terms, in order, whose postings fill a block (the caller encodes them).

    The builder's pass over the terms of the postings since its last
    (:meth:`tui.index.builder.SegmentBuilder._seal`): in the interpreter, the loop
    around the packing was a third of the pass (5.7% of a 50,000-article build's
    workers' samples)."""
    full: list[bytes] = []
    for tbytes, flat in terms.items():
        n = len(flat)
        if not n:
            continue
        before = held.get(tbytes, 0)
        if n + 4 * before < run:
            packed[tbytes] = pack(flat, packed[tbytes] if before else None)
            held[tbytes] = before + n // 4
        else:
            full.append(tbytes)
    return full


def _put(out: BytesWriter, doc: Any, weight: Any, value: Any, length: Any) -> None:
    """Write one posting (see the module's docstring)."""
    if (
        type(doc) is not int
        or type(weight) is not float
        or type(value) is not bytes
        or not (length is None or type(length) is int)
        or not 0 <= doc <= INT_MAX
        or not (length is None or 0 <= length <= INT_MAX)
    ):
        data = pickle.dumps([doc, weight, value, length], 5)
        out.append(PICKLED)
        write_i32_le(out, i32(len(data)))
        out.write(data)
        return
    tag = 0
    small = 0
    if 1.0 <= weight < 64.0 and weight == float(int(weight)):
        tag |= SMALL_WEIGHT
        small = int(weight)
    size = len(value)
    if size < 256:
        tag |= SHORT_VALUE
    if length is None:
        tag |= NO_LENGTH
    out.append(tag)
    write_i32_le(out, i32(doc))
    if tag & SMALL_WEIGHT:
        out.append(small)
    else:
        write_f64_le(out, weight)
    if tag & SHORT_VALUE:
        out.append(size)
    else:
        write_i32_le(out, i32(size))
    out.write(value)
    if length is not None:
        write_i32_le(out, i32(length))


def unpack(packed: bytes) -> list[Any]:
    """The runs :func:`pack` took, in order."""
    flat: list[Any] = []
    at: i64 = 0
    end: i64 = len(packed)
    while at < end:
        tag = packed[at]
        at += 1
        if tag == PICKLED:
            size = i64(read_i32_le(packed, at))
            at += 4
            flat.extend(pickle.loads(packed[at : at + size]))
            at += size
            continue
        flat.append(int(read_i32_le(packed, at)))
        at += 4
        if tag & SMALL_WEIGHT:
            flat.append(_WEIGHTS[packed[at]])
            at += 1
        else:
            flat.append(read_f64_le(packed, at))
            at += 8
        if tag & SHORT_VALUE:
            size = i64(packed[at])
            at += 1
        else:
            size = i64(read_i32_le(packed, at))
            at += 4
        flat.append(packed[at : at + size])
        at += size
        if tag & NO_LENGTH:
            flat.append(None)
        else:
            flat.append(int(read_i32_le(packed, at)))
            at += 4
    return flat
