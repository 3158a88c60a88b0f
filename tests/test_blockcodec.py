"""The block encoders of tui.index.blockcodec (compiled by setup.py) give the bytes and
the statistics of the plain definition they replaced, on random postings of every
shape a segment's fields give them: one posting or a block, weights of 1.0, of one
other value or several, positions as bytes or none, field lengths or None."""

from __future__ import annotations

import operator
import pickle
import random
from array import array
from typing import Any

from tui.index import blockcodec
from tui.index.segment import HEADER_MAGIC, length_to_byte, pack_int


def _plain_block(
    ids: list[int], weights: list[Any], values: list[Any], lengths: list[Any], fixedsize: Any
) -> tuple[bytes, Any, Any, Any, Any]:
    count = len(ids)
    if weights.count(1.0) == count:
        mini_weights: Any = None
        weight_sum: Any = count
    else:
        rounded = array("f", weights).tolist()
        mini_weights = rounded[0] if weights.count(weights[0]) == count else tuple(rounded)
        weight_sum = sum(rounded)
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
    data = pickle.dumps((deltas, mini_weights, mini_values), 4)
    maxweight = max(0, max(weights))
    shortest = min(lengths) if lengths else None
    longest = max(lengths) if lengths else 0
    head = pickle.dumps(
        (count, ids[-1], maxweight, 0, length_to_byte(shortest), length_to_byte(longest)), 4
    )
    return head + data, weight_sum, shortest, longest, maxweight


def _plain_one_block(flat: list[Any], fixedsize: Any) -> tuple[bytes, tuple[Any, ...]]:
    ids = flat[0::4]
    body, weight_sum, shortest, longest, maxweight = _plain_block(
        ids, flat[1::4], flat[2::4], flat[3::4], fixedsize
    )
    stats = (
        0.0 + weight_sum,
        len(ids),
        0 if shortest is None else length_to_byte(shortest),
        length_to_byte(max(0, longest)),
        max(0, maxweight),
        ids[0],
        ids[-1],
    )
    return HEADER_MAGIC + pack_int(-len(body)) + body, stats


def _plain_one_posting(flat: list[Any], fixedsize: Any) -> tuple[bytes, tuple[Any, ...]]:
    docnum, weight, value, length = flat
    if weight == 1.0:
        mini_weights: Any = None
        weight_sum = 1.0
    else:
        mini_weights = array("f", (weight,))[0]
        weight_sum = 0.0 + mini_weights
    if fixedsize is None or fixedsize < 0:
        mini_values: Any = () if value == b"" else (value,)
    elif fixedsize == 0:
        mini_values = None
    else:
        mini_values = b"" if value == b"" else b"".join((value,))
    data = pickle.dumps(((docnum,), mini_weights, mini_values), 4)
    maxweight = max(0, weight)
    lengthbyte = 0 if length is None else length_to_byte(length)
    head = pickle.dumps((1, docnum, maxweight, 0, lengthbyte, lengthbyte), 4)
    part = pack_int(-(len(head) + len(data))) + head + data
    stats = (weight_sum, 1, lengthbyte, lengthbyte, max(0, maxweight), docnum, docnum)
    return HEADER_MAGIC + part, stats


def _postings(rng: random.Random, count: int, fixedsize: Any) -> list[Any]:
    """``count`` postings as runs of docnum, weight, value, length."""
    weighting = rng.choice(["ones", "same", "mixed", "ints", "counts"])
    docnum = rng.choice([0, 5, 300, 70_000, 3_000_000_000])
    flat: list[Any] = []
    for _ in range(count):
        docnum += rng.choice([1, 1, 2, 40, 700, 100_000])
        if weighting == "ones":
            weight: Any = 1.0
        elif weighting == "same":
            weight = 2.0
        elif weighting == "counts":  # whole numbers, float32s or not (2**24 + 1)
            weight = rng.choice([1.0, 2.0, 3.0, 17.0, 64.0, 2.0**24, 16777217.0, 1e10 + 1, -0.0])
        elif weighting == "ints":
            weight = rng.choice([1, 2, 0])  # (an int weight pickles as an int)
        else:
            weight = rng.choice([1.0, 2.0, 3.0, 0.1, 1.5 * rng.randint(1, 40), 0.0])
        if fixedsize == 0:
            value = b""
        elif fixedsize == 4:
            value = rng.choice([b"", pack_int(rng.randint(0, 9))])
        else:
            size = 4 * rng.randint(1, 90)
            value = rng.choice([b"", bytes(rng.randrange(256) for _ in range(size))])
        length = rng.choice([None, 0, 1, 7, 255, 4_000, 200_000])
        flat += [docnum, weight, value, length]
    return flat


def test_a_block_is_encoded_as_the_plain_definition_encodes_it() -> None:
    rng = random.Random(7)
    checked = 0
    for _ in range(1_500):
        fixedsize = rng.choice([None, -1, 0, 4])
        flat = _postings(rng, rng.choice([1, 2, 3, 5, 40, 128]), fixedsize)
        want = _plain_one_block(flat, fixedsize)
        got = blockcodec.encode_one_block(flat, fixedsize)
        # (repr: an int where the plain one gives a float is another pickle, another file)
        assert got[0] == want[0] and repr(got[1]) == repr(want[1]), flat
        columns = flat[0::4], flat[1::4], flat[2::4], flat[3::4]
        assert repr(blockcodec.encode_block(*columns, fixedsize)) == repr(
            _plain_block(*columns, fixedsize)
        )
        checked += 1
    assert checked == 1_500


def test_a_lone_posting_is_encoded_as_the_plain_definition_encodes_it() -> None:
    rng = random.Random(11)
    for _ in range(1_500):
        fixedsize = rng.choice([None, -1, 0, 4])
        flat = _postings(rng, 1, fixedsize)
        want = _plain_one_posting(flat, fixedsize)
        got = blockcodec.encode_one_posting(flat, fixedsize)
        assert got[0] == want[0] and repr(got[1]) == repr(want[1]), flat
