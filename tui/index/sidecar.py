"""What the index keeps beside each segment: passage fingerprints and entity rows.

Each Whoosh segment gets two files of its own, named like its other files
(``MAIN_<segment id>.psg`` and ``.ent``), written by whichever process writes the
segment (a worker of a parallel build), from the same documents (but a *plain*
segment, written without names in a full build's first phase, has no ``.psg``: its
fingerprints are made with its names, :mod:`tui.index.enriched`):

* ``.psg``, the passage fingerprints of the segment's bodies
  (:mod:`tui.shingles`): every fingerprint's 32-bit hash, sorted, with the
  document (segment-local number) and the word where its shingle starts. A
  lookup is a binary search per hash
  (:meth:`tui.index.sidecar_read.Sidecar.postings`).
* ``.ent``, one row per (document, entity, sentence) of the stored entity
  summaries (:func:`tui.library.prepare` notes the sentences of each mention):
  the entity (a number into the segment's list of entity ids), the sentence
  (numbered across the segment) and whether the row is the document's first of
  that entity. Co-occurrence counts are array operations over these rows
  (:mod:`tui.index.cooccurrence`).

Since the files are named by segment, Whoosh removes them with their segment
when segments are merged or an index is replaced. A merged segment gets its files
from the segments it merges (:mod:`tui.index.copying`: the fingerprints copied,
:func:`copy_passages`; the entity rows made again from the stored summaries); a
segment that Whoosh's own writer made (another Whoosh release) gets them from its
stored fields after the commit (:func:`tui.index.segment_files.add_missing_sidecars`).
A segment whose files are missing or unreadable is left out of lookups until then;
a lookup of passages while a plain segment is read raises
:class:`~tui.index.errors.PassagesNotReady` (its answer would miss that segment's
articles).

A file is a small JSON header (its arrays' types, lengths and offsets, the
entity list), then the arrays, each 8-byte aligned (:mod:`tui.index.arrayfile`);
reading maps them, so opening a file reads only its header
(:class:`tui.index.sidecar_read.Sidecar`). This module writes them.
"""

from __future__ import annotations

import struct
from array import array
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from tui.index.arrayfile import array_head, pack_arrays, unpack_arrays, write_file
from tui.index.summaries import entity_rows, unpack_summary
from tui.lazy import lazy_module

if TYPE_CHECKING:
    import numpy as np
else:
    np = lazy_module("numpy")  # when writing only

PASSAGES_EXT = ".psg"
ENTITIES_EXT = ".ent"
EXTS = (PASSAGES_EXT, ENTITIES_EXT)
#: Word positions are kept in 16 bits; a later word is stored as the last one.
MAX_POS = 0xFFFF
#: Bodies fingerprinted together (:func:`tui.shingles.fingerprints_many`): numpy's
#: overhead per call is paid once a batch, not once an article (BBC: 0.16 -> 0.09 s),
#: and a batch holds at most this many documents and characters.
BATCH_DOCS = 64
BATCH_CHARS = 1_000_000
#: Whether segments get their sidecar files. Only bench/passages_bench.py turns it off,
#: to time a build without them in the same run.
ENABLED = True


class SidecarBuilder:
    """Collects one segment's fingerprints and entity rows as its documents are added;
    without ``passages``, the entity rows alone (a plain segment's: see the top)."""

    def __init__(self, passages: bool = True) -> None:
        self.passages = passages
        self._prints = Fingerprints()
        self._entity_ids: dict[str, int] = {}
        self._entities: list[list[str]] = []
        self._rows = array("I")  # (document, entity, sentence, first) runs of four
        self._sentences = 0
        self._pending: list[tuple[int, str]] = []  # bodies not fingerprinted yet
        self._pending_chars = 0

    def add(self, docnum: int, body: str | None, entities: Any) -> None:
        """Add a document's body and entity summary (a dict, or as stored: text)."""
        if not ENABLED:
            return
        if body and self.passages:  # fingerprinted a batch at a time (fingerprints_many)
            self._pending.append((docnum, body))
            self._pending_chars += len(body)
            if len(self._pending) >= BATCH_DOCS or self._pending_chars >= BATCH_CHARS:
                self._fingerprint()
        if not entities:
            return
        if not isinstance(entities, dict):
            entities = unpack_summary(entities)
        rows: list[int] = []
        top = entity_rows(entities, docnum, self._sentences, self._entity_ids, self._entities, rows)
        self._rows.extend(rows)
        self._sentences += top + 1

    def _fingerprint(self) -> None:
        """Fingerprint the bodies added since the last batch."""
        pending, self._pending, self._pending_chars = self._pending, [], 0
        found = body_fingerprints([body for _, body in pending])
        for (docnum, _), prints in zip(pending, found, strict=True):
            if prints is not None:
                self._prints.add(docnum, prints)

    def write(self, create: Callable[[str], Any], entities: bool = True) -> None:
        """Write both files: the ``.psg`` file unless made without ``passages``, the
        ``.ent`` file with ``entities``; ``create(ext)`` opens a new file of the segment
        for writing."""
        if not ENABLED:
            return
        if self.passages:
            if self._pending:
                self._fingerprint()
            self._prints.write(create)
        if entities:
            self.write_entities(create)

    def write_entities(self, create: Callable[[str], Any]) -> None:
        """Write the ``.ent`` file alone (a merge copies the ``.psg`` file: see
        :func:`copy_passages`)."""
        rows = np.frombuffer(self._rows, dtype=np.uint32).reshape(-1, 4)
        arrays = {
            "doc": rows[:, 0].copy(),
            "entity": rows[:, 1].copy(),
            "sentence": rows[:, 2].copy(),
            "first": rows[:, 3].astype(np.uint8),
        }
        write_file(create, ENTITIES_EXT, pack_arrays(arrays, {"entities": self._entities}))


#: Documents whose fingerprints :class:`Fingerprints` joins into one array at a time.
JOIN_DOCS = 256


class Fingerprints:
    """A segment's passage fingerprints as its documents are added, for its ``.psg``
    file (:func:`write_passages`): each document's (hashes, positions), as
    :func:`body_fingerprints` gives them, joined into one array every
    :data:`JOIN_DOCS` documents. Kept an array a document, two numpy arrays of ~200
    bytes a document (the objects and their buffers) were ~9 MB of the 28 MB a
    4,684-document segment's copy held at its peak (tracemalloc)."""

    def __init__(self) -> None:
        self.hashes: list[Any] = []  # joined: the fingerprints of JOIN_DOCS documents each
        self.pos: list[Any] = []
        self.docs = array("I")  # each document added, in order
        self.counts = array("I")  # and its number of fingerprints
        self._hashes: list[Any] = []  # not joined yet
        self._pos: list[Any] = []

    def add(self, docnum: int, prints: tuple[Any, Any]) -> None:
        """Add document ``docnum``'s fingerprints (hashes, positions)."""
        self.docs.append(docnum)
        self.counts.append(len(prints[0]))
        self._hashes.append(prints[0])
        self._pos.append(prints[1])
        if len(self._hashes) >= JOIN_DOCS:
            self._join()

    def _join(self) -> None:
        if self._hashes:
            self.hashes.append(np.concatenate(self._hashes))
            self.pos.append(np.concatenate(self._pos))
            self._hashes, self._pos = [], []

    def write(self, create: Callable[[str], Any]) -> None:
        """Write the ``.psg`` file, and let go of the fingerprints."""
        self._join()
        write_passages(create, self.hashes, self.docs, self.pos, self.counts)
        self.docs, self.counts = array("I"), array("I")


def body_fingerprints(bodies: list[str]) -> list[tuple[Any, Any] | None]:
    """Each body's fingerprints as a segment keeps them: (32-bit hashes, word positions
    as 16 bits, a later word as :data:`MAX_POS`), None for a body with none; made
    :data:`BATCH_DOCS` bodies at a time (:func:`tui.shingles.fingerprints_many`)."""
    from tui.shingles import fingerprints_many  # numpy, when writing only

    out: list[tuple[Any, Any] | None] = []
    start = 0
    while start < len(bodies):
        end, chars = start, 0
        while end < len(bodies) and end - start < BATCH_DOCS and chars < BATCH_CHARS:
            chars += len(bodies[end])
            end += 1
        for hashes, at in fingerprints_many(bodies[start:end]):
            out.append((hashes, np.minimum(at, MAX_POS).astype(np.uint16)) if len(hashes) else None)
        start = end
    return out


def write_passages(
    create: Callable[[str], Any],
    hashes: list[Any],
    docs: Any,
    pos: list[Any],
    counts: Any = None,
) -> None:
    """Write a segment's ``.psg`` file: ``hashes[k]`` and ``pos[k]`` are the
    fingerprints of its document ``docs[k]`` (in the segment's order, a document once),
    or with ``counts``, the fingerprints of the documents ``docs`` one after the other,
    ``counts[k]`` of them ``docs[k]``'s (:class:`Fingerprints`); sorted by hash, an
    array at a time: a segment of 20M characters has ~1M of them, and the file made
    whole in memory (with the arrays it is made of) took ~40 MB at
    the end of every segment. The lists ``hashes`` and ``pos`` are emptied as they are
    joined (each document's arrays let go of)."""
    if counts is None:
        counts = [len(h) for h in hashes]
    every = np.concatenate(hashes) if hashes else np.zeros(0, np.uint32)
    hashes.clear()
    layout = {"hash": (every.dtype, len(every)), "doc": (np.uint32, len(every))}
    layout["pos"] = (np.uint16, len(every))
    order = stable_order(every)
    handle = create(PASSAGES_EXT)
    try:
        handle.write(array_head(layout, {}))
        _write_in_order(handle, every, order)
        del every
        numbers = np.asarray(docs, dtype=np.uint32)
        _write_in_order(handle, np.repeat(numbers, counts) if counts else numbers, order)
        joined = np.concatenate(pos) if pos else np.zeros(0, np.uint16)
        pos.clear()
        _write_in_order(handle, joined, order)
    finally:
        handle.close()


def read_passages(path: str) -> tuple[Any, Any, Any]:
    """The (hash, doc, pos) arrays of a ``.psg`` file, read whole (``OSError`` or
    ``ValueError`` when it is missing or damaged)."""
    with open(path, "rb") as handle:  # noqa: PTH123
        data = handle.read()
    try:
        arrays, _ = unpack_arrays(data)
        return arrays["hash"], arrays["doc"], arrays["pos"]
    except (struct.error, KeyError, TypeError) as exc:
        raise ValueError(f"not a passages file ({type(exc).__name__})") from None


def copy_passages(create: Callable[[str], Any], parts: list[tuple[Any, Any, Any]]) -> None:
    """Write the ``.psg`` file of a merged segment from the fingerprints of the segments
    it merges, in order: each part (hash, doc, pos) as :func:`read_passages` gives it,
    the documents already numbered as in the merged segment and the deleted ones left
    out. Each part is sorted by hash, ties in document order, and the parts' documents
    follow one another: a stable sort of them one after the other is the file a
    build of the same documents writes."""
    if parts:
        hashes = np.concatenate([p[0] for p in parts])
        docs = np.concatenate([p[1] for p in parts]).astype(np.uint32)
        pos = np.concatenate([p[2] for p in parts]).astype(np.uint16)
    else:
        hashes, docs, pos = np.zeros(0, np.uint32), np.zeros(0, np.uint32), np.zeros(0, np.uint16)
    order = stable_order(hashes)
    write_file(
        create,
        PASSAGES_EXT,
        pack_arrays({"hash": hashes[order], "doc": docs[order], "pos": pos[order]}, {}),
    )


def stable_order(hashes: Any) -> Any:
    """``np.argsort(hashes, kind="stable")`` of 32-bit hashes: each hash with its index
    below it, as one 64-bit key, sorted. The keys are all different, so any sort puts
    them in the one order a stable sort of the hashes gives; numpy's sort of 64-bit
    integers is vectorised, where a stable argsort of 32-bit ones is a timsort: at the
    end of each segment of a build, ~1M fingerprints took ~95 ms to put in order, and
    take ~8 ms. (The sorted keys' low halves are the order, in place.)"""
    n = len(hashes)
    if hashes.dtype != np.uint32 or n >= 1 << 32 or np.dtype(np.intp).itemsize != 8:
        return np.argsort(hashes, kind="stable")
    keys = hashes.astype(np.uint64)
    keys <<= np.uint64(32)
    keys |= np.arange(n, dtype=np.uint64)
    keys.sort()
    keys &= np.uint64(0xFFFFFFFF)
    return keys.view(np.intp)


#: Values :func:`_write_in_order` puts in order at a time.
_PART = 1 << 16


def _write_in_order(handle: Any, arr: Any, order: Any) -> None:
    """Write ``arr[order]`` and the zeros after it, as
    :func:`~tui.index.arrayfile.pack_arrays` pads it, a part at a time: whole, each was
    another copy of a segment's ~1M fingerprints, at the end of a segment, a build
    worker's peak."""
    for start in range(0, len(order), _PART):
        handle.write(arr[order[start : start + _PART]].data.cast("B"))
    handle.write(b"\0" * (-(arr.itemsize * len(order)) % 8))


def build_from(
    documents: Iterable[tuple[int, dict[str, Any]]],
    create: Callable[[str], Any],
    passages: bool = True,
    entities: bool = True,
) -> None:
    """Write a segment's files from its (docnum, stored fields) pairs: the ``.psg`` file
    with ``passages``, the ``.ent`` file with ``entities``."""
    builder = SidecarBuilder(passages)
    for docnum, stored in documents:
        builder.add(docnum, stored.get("body"), stored.get("entities") if entities else None)
    builder.write(create, entities)
