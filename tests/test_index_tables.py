"""A segment's terms table as tui.index.segment writes it: the same bytes as Whoosh's.

The builder adds a field's terms to the table in one go (:func:`add_terms`), with
its own MD5 hash of a key and its own writing of the 256 hash tables at the end;
each must give exactly what Whoosh's ``OrderedHashWriter`` writes, or readers
would not find the terms.
"""

from __future__ import annotations

import io
import random
from array import array

import pytest

from tui.index import hashtable, segment

filetables = pytest.importorskip("whoosh.filedb.filetables")
structfile = pytest.importorskip("whoosh.filedb.structfile")

pytestmark = pytest.mark.skipif(not segment.native_writes(), reason="another Whoosh release")


def test_the_key_hash_is_whooshs() -> None:
    rng = random.Random(5)
    keys = [b"", b"a", b"\x00\x01body", "Notícias".encode()]
    keys += [rng.randbytes(rng.randrange(1, 40)) for _ in range(2000)]
    assert [hashtable.md5_hash(k) for k in keys] == [filetables.md5_hash(k) for k in keys]


def _table_bytes(fill: object) -> bytes:
    """The bytes of an OrderedHashWriter filled by ``fill(table)``, then closed."""
    got: list[bytes] = []
    handle = structfile.StructFile(io.BytesIO(), onclose=lambda f: got.append(f.file.getvalue()))
    table = filetables.OrderedHashWriter(handle)
    fill(table)  # type: ignore[operator]
    table.close()
    return got[0]


@pytest.mark.parametrize("count", [0, 1, 300, 9000])
def test_a_terms_table_written_in_batches_is_the_one_whoosh_writes(count: int) -> None:
    # 9,000 records run past 65,535 bytes: the record positions change array type
    # in the middle of a batch (Whoosh's GrowableArray goes from "H" to "i")
    rng = random.Random(count)
    keys = sorted({rng.randbytes(rng.randrange(1, 12)) for _ in range(count)})
    entries = [(k, rng.randbytes(rng.randrange(1, 16))) for k in keys]

    def whoosh(table: object) -> None:
        for key, value in entries:
            table.add(key, value)  # type: ignore[attr-defined]

    def ours(table: object) -> None:
        segment.compact_table(table)
        cuts = sorted(rng.sample(range(1, max(2, len(entries))), min(5, max(0, len(entries) - 1))))
        for start, stop in zip([0, *cuts], [*cuts, len(entries)], strict=True):
            segment.add_terms(table, entries[start:stop])

    def ours_one_by_one(table: object) -> None:
        whoosh(segment.compact_table(table))

    expected = _table_bytes(whoosh)
    assert _table_bytes(ours) == expected
    assert _table_bytes(ours_one_by_one) == expected
    if count >= 9000:
        assert len(expected) > 1 << 16


def test_the_index_of_positions_changes_type_as_whooshs_does() -> None:
    """Record positions past 65,535, 2**31 and 2**32 change the index's array type in
    the middle of a batch, as Whoosh's GrowableArray.append does one at a time."""
    from whoosh.util.numlists import GrowableArray

    class File:  # a terms file that only counts what is written
        def __init__(self) -> None:
            self.size = 0

        def tell(self) -> int:
            return self.size

        def write(self, data: bytes) -> None:
            self.size += len(data)

    class Table:  # what add_terms uses of an OrderedHashWriter
        def __init__(self) -> None:
            self.dbfile = File()
            self.hashfn = filetables.md5_hash
            self.buckets = [(array("I"), array("q")) for _ in range(256)]
            self.index = GrowableArray("H")
            self.lastkey = b""

    table, theirs = Table(), GrowableArray("H")
    for n, skip_to in enumerate([65_500, 2**31 - 30, 2**32 - 30]):
        table.dbfile.size = skip_to
        entries = [(b"%d-%d" % (n, k), b"value") for k in range(8)]
        pos = skip_to
        for key, value in entries:
            theirs.append(pos)
            pos += 8 + len(key) + len(value)
        segment.add_terms(table, entries)
        assert list(table.index) == list(theirs)
        assert table.index.typecode == theirs.typecode
    assert theirs.typecode == "q"
