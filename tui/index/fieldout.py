"""One field's terms on their way into a new segment (:class:`FieldOut`).

A build's finish (:class:`tui.index.builder.SegmentBuilder`) and the copying merge
(:mod:`tui.index.copying`) both lay out a field's terms through it, so that a
merged segment is the bytes a build writes. setup.py compiles it (mypyc): it runs
once for every term of every segment written.
"""

from __future__ import annotations

from typing import Any

from tui.index import termfile
from tui.index.segment import TERM_ENTRY, add_terms

#: Bytes of posting lists :meth:`SegmentBuilder.finish` joins before a write (a
#: write per term cost more than the term's encoding for the many short ones).
_WRITE_BYTES = 1 << 20
#: Terms whose entries :class:`FieldOut` adds to the terms table at once, at most.
_WRITE_TERMS = 8192


class FieldOut:
    """One field's terms on their way into a segment: each term's encoded postings
    go to the postings file where the last term's ended, with its entry for the
    terms ``table`` and, for an entity field, its counts (documents, mentions) as
    the terms table keeps them. The postings file is written a megabyte at a time,
    and the entries waiting go to the table with it (held until :meth:`close`, the
    largest field's were ~170 bytes a term, ~15 MB of a 50,000-article build worker
    as it wrote a segment; the table's bytes are the same in parts). A build's
    finish and the copying merge (:mod:`tui.index.copying`) both lay out their
    fields through it, so that a merged segment is the bytes a build writes."""

    __slots__ = ("postfile", "table", "prefix", "counts", "offset", "entries", "blobs", "waiting")

    def __init__(
        self, postfile: Any, table: Any, prefix: bytes, counts: termfile.Terms | None
    ) -> None:
        self.postfile = postfile
        self.table = table
        self.prefix = prefix
        self.counts = counts
        self.offset: int = postfile.tell()
        self.entries: list[tuple[bytes, bytes]] = []
        self.blobs: list[bytes] = []
        self.waiting = 0

    def add(self, tbytes: bytes, blob: bytes, stats: tuple[Any, ...]) -> None:
        """A term's encoded postings and their statistics (as the codec's entry has them)."""
        size = len(blob)
        self.entries.append((self.prefix + tbytes, TERM_ENTRY.pack(0, *stats, self.offset, size)))
        if self.counts is not None:
            self.counts[tbytes.decode("utf-8")] = (stats[1], termfile.as_read(stats[0]))
        self.blobs.append(blob)
        self.offset += size
        self.waiting += size
        if self.waiting >= _WRITE_BYTES or len(self.entries) >= _WRITE_TERMS:
            self.flush()

    def flush(self) -> None:
        """Write the postings waiting and add their entries to the table."""
        if self.blobs:
            self.postfile.write(b"".join(self.blobs))
            self.blobs.clear()
            self.waiting = 0
        add_terms(self.table, self.entries)
        self.entries.clear()

    def close(self) -> None:
        """Write what waits: the field is laid out."""
        self.flush()
