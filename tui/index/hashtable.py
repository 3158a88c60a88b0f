"""A segment's terms table hashed as Whoosh's terms-table writer hashes it, with no Whoosh.

The terms table ends in 256 hash tables that find a term's record by its key: each
key's hash (:func:`md5_hash`) picks a bucket by its low byte, and a bucket's table
has twice its terms' slots, a term in the first free one from its hash's other bits
(:func:`bucket_slots`). :mod:`tui.index.segment` gives Whoosh's writer these
buckets (:func:`empty_buckets`, two arrays each rather than a tuple a term) and writes the
slots it is given here into the writer's file.
"""

from __future__ import annotations

from array import array
from hashlib import md5


def md5_hash(key: bytes) -> int:
    """Whoosh's ``md5_hash`` (the low 32 bits of the key's MD5 digest read as one
    big-endian number) without its detour through a hexadecimal string."""
    return int.from_bytes(md5(key, usedforsecurity=False).digest()[12:], "big")


def empty_buckets() -> list[tuple[array[int], array[int]]]:
    """The 256 empty buckets of a terms table: each term's hash and record position,
    in two arrays (12 bytes a term; Whoosh keeps a tuple of two ints, ~120)."""
    return [(array("I"), array("q")) for _ in range(256)]


def bucket_slots(hashes: array[int], starts: array[int]) -> list[int]:
    """A bucket's hash table, flat (hash, position, hash, position...): twice as many
    slots as terms, each term in the first free slot from its hash's upper bits, empty
    slots (0, 0). The same slots as Whoosh's ``HashWriter._write_hashes`` fills one by
    one."""
    null = (0, 0)
    numslots = 2 * len(hashes)
    hashtable = [null] * numslots
    for hashval, position in zip(hashes, starts, strict=True):
        slot = (hashval >> 8) % numslots
        while hashtable[slot] != null:
            slot = (slot + 1) % numslots
        hashtable[slot] = (hashval, position)
    return [n for pair in hashtable for n in pair]
