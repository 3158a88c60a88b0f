"""One block of a term's postings as the segment holds it, encoded by compiled code
(setup.py compiles this module with mypyc).

Whoosh's W3 codec keeps a block as two pickles: a header (count, last document,
highest weight, compression, shortest and longest field length as bytes) and the
data (the documents as deltas, the weights, the values); :mod:`tui.index.blocks`
describes the layout and uses these encoders. A build's finish encodes a block or
two for each of its tens of thousands of terms, most of them of one to five
postings, so the work around the two pickles (slices, counts, the highest weight,
the deltas, the statistics) was most of a term's encoding, in the interpreter.
"""

from __future__ import annotations

import pickle
from array import array
from typing import Any, Final

from tui.index.segment import HEADER_MAGIC, length_to_byte, pack_int

#: Whoosh pickles blocks with protocol 2, which has no opcode for bytes and pickles
#: each value through a codec call; any protocol reads back the same.
PROTOCOL: Final = 4


def dumps(obj: Any) -> bytes:
    """A block's header or data as the codec reads it (a pickle). (A pickler written
    out here for these few shapes was slower, compiled, than pickle's C code.)"""
    return pickle.dumps(obj, PROTOCOL)


def encode_one_posting(flat: list[Any], fixedsize: int | None) -> tuple[bytes, tuple[Any, ...]]:
    """:func:`tui.index.blocks.posting_blocks` of a term with one posting and no sealed
    block (about half the terms of a segment), given as ``docnum, weight, value,
    length``: the same bytes and statistics, without the slices, counts and loops that
    a block of many postings needs."""
    docnum: int = flat[0]
    weight: Any = flat[1]
    value: bytes = flat[2]
    length: Any = flat[3]
    mini_weights: Any
    mini_values: Any
    if weight == 1.0:
        mini_weights = None
        weight_sum: Any = 1.0
    else:
        mini_weights = array("f", (weight,))[0]  # the codec keeps float32 weights
        weight_sum = 0.0 + mini_weights
    if fixedsize is None or fixedsize < 0:
        mini_values = () if value == b"" else (value,)
    elif fixedsize == 0:
        mini_values = None
    else:
        mini_values = b"" if value == b"" else b"".join((value,))
    data = dumps(((docnum,), mini_weights, mini_values))
    maxweight: Any = weight if weight > 0 else 0  # max(0, weight)
    lengthbyte: int = 0 if length is None else length_to_byte(length)
    head = dumps((1, docnum, maxweight, 0, lengthbyte, lengthbyte))
    stats = (weight_sum, 1, lengthbyte, lengthbyte, maxweight, docnum, docnum)
    return b"".join((HEADER_MAGIC, pack_int(-(len(head) + len(data))), head, data)), stats


def encode_one_block(flat: list[Any], fixedsize: int | None) -> tuple[bytes, tuple[Any, ...]]:
    """:func:`tui.index.blocks.posting_blocks` of a term whose postings fill one block
    and none sealed (nearly every term of more than one posting), given as runs of
    ``docnum, weight, value, length``: the same bytes and statistics as
    :func:`tui.index.blocks.encode_blocks` makes them, without its loop and running
    totals."""
    return block_of(flat[0::4], flat[1::4], flat[2::4], flat[3::4], fixedsize)


def block_of(
    ids: list[int], weights: list[Any], values: list[Any], lengths: list[Any], fixedsize: int | None
) -> tuple[bytes, tuple[Any, ...]]:
    """:func:`encode_one_block` of the postings given as columns."""
    body, weight_sum, shortest, longest, maxweight = encode_block(
        ids, weights, values, lengths, fixedsize
    )
    longest_byte: int = length_to_byte(longest if longest > 0 else 0)
    stats = (
        0.0 + weight_sum,
        len(ids),
        0 if shortest is None else length_to_byte(shortest),
        longest_byte,
        maxweight if maxweight > 0 else 0,
        ids[0],
        ids[-1],
    )
    return b"".join((HEADER_MAGIC, pack_int(-len(body)), body)), stats


def encode_block(
    ids: list[int], weights: list[Any], values: list[Any], lengths: list[Any], fixedsize: int | None
) -> tuple[bytes, Any, Any, Any, Any]:
    """One block of postings given as columns: its pickled header and data (without the
    size in front, whose sign says whether it is the list's last), the sum of its
    weights as the codec keeps them, its shortest and longest field length (None and 0
    when no posting has one) and its highest weight."""
    count = len(ids)
    first: Any = weights[0]
    highest: Any = first  # as max() gives it: the first of the highest
    ones = 0
    same = 0
    for weight in weights:
        if weight == 1.0:
            ones += 1
        if weight == first:
            same += 1
        if weight > highest:
            highest = weight
    mini_weights: Any
    weight_sum: Any
    if ones == count:
        mini_weights = None
        weight_sum = count
    else:
        # the codec keeps float32 weights (what a build's text fields give, whole
        # numbers of occurrences times a boost, are float32s already)
        rounded: list[Any] = weights if _float32(weights) else array("f", weights).tolist()
        mini_weights = rounded[0] if same == count else tuple(rounded)
        weight_sum = sum(rounded)
    if b"" in values:
        values = [v for v in values if v]
    mini_values: Any
    if fixedsize is None or fixedsize < 0:
        mini_values = tuple(values)
    elif fixedsize == 0:
        mini_values = None
    else:
        mini_values = b"".join(values)
    if None in lengths:
        lengths = [n for n in lengths if n]
    previous = ids[0]
    deltas = [previous]
    for i in range(1, count):
        docnum = ids[i]
        deltas.append(docnum - previous)
        previous = docnum
    data = dumps((tuple(deltas), mini_weights, mini_values))
    maxweight: Any = highest if highest > 0 else 0  # max(0, highest)
    shortest: Any = min(lengths) if lengths else None
    longest: Any = max(lengths) if lengths else 0
    head = dumps(
        (count, previous, maxweight, 0, length_to_byte(shortest), length_to_byte(longest))
    )  # (0: not compressed)
    return head + data, weight_sum, shortest, longest, maxweight


#: The largest whole number from which every whole number down to 0 is a float32.
_EXACT: Final = 16777216.0


def _float32(weights: list[Any]) -> bool:
    """Whether ``weights`` are floats that float32 keeps as they are (whole numbers of
    at most 2**24): ``array("f", weights).tolist()`` would give them back equal."""
    for weight in weights:
        if type(weight) is not float:
            return False
        value: float = weight
        if not (-_EXACT <= value <= _EXACT) or value != float(int(value)):
            return False
    return True
