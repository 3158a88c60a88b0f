"""Postings packed into bytes while a segment is built, for the terms too rare to fill a block.

:class:`~tui.index.builder.SegmentBuilder` keeps each term's postings as a list of
``docnum, weight, value, length`` runs until they fill a posting block (then it
encodes the block as the segment will hold it). Most terms never fill one: at
20M characters of news text, the postings of terms with fewer than 128 of them
were 55% of a worker's memory, at ~140 bytes each as Python objects (a list
slot each, a float, a bytes object). Pickled, a run takes ~30 bytes a posting
and reads back as equal values of the same types (ints, floats, bytes, None),
so the segment's files do not change; pickle does it in C, ~5x faster than
packing the columns into arrays.
"""

from __future__ import annotations

import pickle
from typing import Any

_PROTOCOL = 5


def pack(flat: list[Any], packed: bytes | None = None) -> bytes:
    """The postings of ``flat`` (runs of docnum, weight, value, length) as bytes,
    after those already ``packed``."""
    if packed:
        flat = pickle.loads(packed) + flat
    return pickle.dumps(flat, _PROTOCOL)


def unpack(packed: bytes) -> list[Any]:
    """The runs :func:`pack` took, in order."""
    flat: list[Any] = pickle.loads(packed)
    return flat
