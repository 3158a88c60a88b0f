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
wait as lists. Setup.py compiles this module with mypyc; each posting is written
in :mod:`tui.posting_layout`'s layout (native numbers after a tag byte; a posting
of any other shape pickled whole), which :mod:`tui.terms` writes a text's postings
in too. (Pickled, as before 2026-12-07, runs packed and read back two to three
times slower: ~20% of the builder's passes over its postings at 50,000 articles.)
"""

from __future__ import annotations

from typing import Any

from librt.strings import BytesWriter

from tui.posting_layout import decode, put


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
        put(out, flat[i], flat[i + 1], flat[i + 2], flat[i + 3])
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


def unpack(packed: bytes) -> list[Any]:
    """The runs :func:`pack` took, in order (decoded into one list as all four columns:
    :func:`~tui.posting_layout.decode`)."""
    flat: list[Any] = []
    decode(packed, flat, flat, flat, flat)
    return flat
