"""Postings packed while a segment is built read back as the same values."""

from __future__ import annotations

import random
from typing import Any

from tui.index.packed import Packer, unpack


def pack(flat: list[Any], packed: bytes | None = None) -> bytes:
    return Packer().pack(flat, packed)


def _postings(rng: random.Random, count: int, start: int) -> list[Any]:
    flat: list[Any] = []
    doc = start
    for _ in range(count):
        doc += rng.randrange(1, 5000)
        weight = rng.choice([1.0, 2.0, 3.0, 1.5, 0.1, 7.25, 1e-7])
        value = rng.choice([b"", bytes(rng.randrange(256) for _ in range(rng.choice([4, 12, 40])))])
        length = rng.choice([None, 1, 7, 255, 106374])
        flat += [doc, weight, value, length]
    return flat


def test_pack_then_unpack_gives_the_same_runs() -> None:
    rng = random.Random(13)
    for _ in range(200):
        flat = _postings(rng, rng.randrange(1, 130), rng.randrange(2**31))
        back = unpack(pack(flat))
        assert back == flat
        # the same types, so the segment's pickled blocks are the same bytes
        assert [type(v) for v in back] == [type(v) for v in flat]


def test_runs_packed_after_others_follow_them() -> None:
    rng = random.Random(7)
    runs = [_postings(rng, rng.randrange(1, 20), 10_000 * n) for n in range(6)]
    packed = None
    for run in runs:
        packed = pack(run, packed)
    assert packed is not None
    assert unpack(packed) == [v for run in runs for v in run]
    assert len(packed) < 40 * sum(len(run) // 4 for run in runs) + 40  # ~20 bytes a posting


def test_packing_more_runs_appends_to_what_was_packed() -> None:
    """A pass packs only its new postings: what was packed before is left as it is (it
    was unpickled and pickled again with them, at a cost that grew with the term)."""
    rng = random.Random(11)
    packed = pack(_postings(rng, 30, 0))
    more = pack(_postings(rng, 2, 10**6), packed)
    assert more.startswith(packed)
    assert len(more) - len(packed) < 2 * 40 + 8


def test_a_value_repeated_within_and_across_runs_reads_back_in_its_place() -> None:
    """Pickle refers back to an object it has written already (a bytes value repeated
    in a run); each run packed on its own reads back with its own references."""
    shared = b"\x01\x00\x00\x00"
    runs = [
        [1, 1.0, shared, 7, 2, 1.0, shared, 7],
        [3, 2.0, b"\x02\x00\x00\x00", None, 4, 2.0, b"\x02\x00\x00\x00", None, 5, 1.0, shared, 9],
        [6, 1.0, b"", 1, 7, 1.0, b"", 1],
    ]
    runs[1][6] = runs[1][2]  # the same object twice in the second run
    packed = None
    for run in runs:
        packed = pack(run, packed)
    assert packed is not None
    assert unpack(packed) == [v for run in runs for v in run]


def test_runs_of_large_values_read_back() -> None:
    """A run past pickle's 64 KB frame (a word written thousands of times in one text)
    packs and reads back after and before others, with one packer for them all."""
    rng = random.Random(5)
    packer = Packer()
    runs = [_postings(rng, 3, 0), [9, 3000.0, bytes(range(256)) * 400, 5], _postings(rng, 2, 99)]
    packed = None
    for run in runs:
        packed = packer.pack(run, packed)
    assert packed is not None
    assert unpack(packed) == [v for run in runs for v in run]


def test_postings_of_other_shapes_read_back_as_they_were() -> None:
    """A posting outside the packed shapes (a number past 32 bits, a negative one, a
    weight that is an int, a bool, a weight of -0.0 or NaN, a value that is not bytes)
    reads back as it was, type and all, among postings of the usual shapes."""
    odd: list[Any] = [
        *(2**40, 1.0, b"\x01", 3),
        *(5, 2, b"\x01", 3),
        *(True, 1.0, b"", None),
        *(6, -0.0, b"", 4),
        *(7, float("nan"), b"", 4),
        *(8, 1.0, b"", -1),
        *(9, 64.0, b"x" * 300, 2**33),
        *(10, 0.5, bytearray(b"ab"), 1),
    ]
    usual = [1, 1.0, b"\x02\x00\x00\x00", 7, 2, 3.0, b"", None]
    back = unpack(pack(usual + odd + usual))
    assert repr(back) == repr(usual + odd + usual)
    assert [type(v) for v in back] == [type(v) for v in usual + odd + usual]


def test_whole_weights_read_back_as_one_float_each() -> None:
    """The weights of most postings (a whole number of occurrences) read back as one
    shared float per number, not one of their own."""
    back = unpack(pack([1, 2.0, b"", 5, 2, 2.0, b"", 5]))
    assert back[1] == 2.0 and back[1] is back[5]
