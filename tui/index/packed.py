"""Postings packed into bytes while a segment is built, for the terms too rare to fill a block.

:class:`~tui.index.builder.SegmentBuilder` keeps each term's postings as a list of
``docnum, weight, value, length`` runs until they fill a posting block (then it
encodes the block as the segment will hold it). Most terms never fill one: at
20M characters of news text, the postings of terms with fewer than 128 of them
were 55% of a worker's memory, at ~100-140 bytes each as Python objects (a list
slot each, a float, a bytes object). Pickled, a run takes ~25 bytes a posting
and reads back as equal values of the same types (ints, floats, bytes, None),
so the segment's files do not change; pickle does it in C, ~5x faster than
packing the columns into arrays.

Packing more postings appends to what a term has packed (they were unpickled and
pickled again with all those before), so that the builder can pack at every pass
over its postings instead of letting several passes' worth wait as lists. What is
kept of a pickle is only its items, the appends to a list (in pickle's "fast" mode,
which refers back to no object it wrote before): the items of any number of runs
one after the other read back as one pickle of one list.
"""

from __future__ import annotations

import io
import pickle
from typing import Any

_PROTOCOL = 5
#: A pickle of an empty list, up to where its items go, and its end.
_HEAD = b"\x80\x05]"
_END = b"."
#: pickle's frame opcode, after the protocol's 2 bytes when a pickle has a frame.
_FRAME = 0x95


class Packer:
    """Packs postings; one per builder (it reuses its pickler and buffer)."""

    def __init__(self) -> None:
        self._buffer = io.BytesIO()
        self._pickler = pickle.Pickler(self._buffer, _PROTOCOL)
        self._pickler.fast = True  # no memo: no reference to an object of another run

    def pack(self, flat: list[Any], packed: bytes | None = None) -> bytes:
        """The postings of ``flat`` (runs of docnum, weight, value, length) as bytes,
        after those already ``packed``."""
        buffer = self._buffer
        buffer.seek(0)
        buffer.truncate()
        self._pickler.dump(flat)
        data = buffer.getvalue()
        # (without the protocol, the frame if any, the empty list and the end)
        items = data[12:-1] if data[2] == _FRAME else data[3:-1]
        return packed + items if packed else items


def unpack(packed: bytes) -> list[Any]:
    """The runs :meth:`Packer.pack` took, in order."""
    flat: list[Any] = pickle.loads(_HEAD + packed + _END)
    return flat
