"""Postings packed while a segment is built read back as the same values."""

from __future__ import annotations

import random
from typing import Any

from tui.index.packed import pack, unpack


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
    assert len(packed) < 40 * sum(len(run) // 4 for run in runs) + 40  # ~30 bytes a posting
