"""What the index keeps beside each segment: passage fingerprints and entity rows.

Each Whoosh segment gets two files of its own, named like its other files
(``MAIN_<segment id>.psg`` and ``.ent``), written by whichever process writes the
segment (a worker of a parallel build), from the same documents (but a *plain*
segment, written without names in a full build's first phase, has no ``.psg``: its
fingerprints are made with its names, :mod:`tui.index.enriched`):

* ``.psg``, the passage fingerprints of the segment's bodies
  (:mod:`tui.shingles`): every fingerprint's 32-bit hash, sorted, with the
  document (segment-local number) and the word where its shingle starts. A
  lookup is a binary search per hash (:meth:`Sidecar.postings`).
* ``.ent``, one row per (document, entity, sentence) of the stored entity
  summaries (:func:`tui.library.prepare` notes the sentences of each mention):
  the entity (a number into the segment's list of entity ids), the sentence
  (numbered across the segment) and whether the row is the document's first of
  that entity. Co-occurrence counts are array operations over these rows.

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
entity list), then the arrays, each 8-byte aligned; reading maps them, so
opening a file reads only its header.
"""

from __future__ import annotations

import json
import mmap
import struct
from array import array
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from tui.index.summaries import better_spelling, entity_rows, unpack_summary
from tui.lazy import lazy_module

if TYPE_CHECKING:
    import numpy as np
else:
    np = lazy_module("numpy")  # only the passage and entity lookups use it

PASSAGES_EXT = ".psg"
ENTITIES_EXT = ".ent"
EXTS = (PASSAGES_EXT, ENTITIES_EXT)
_MAGIC = b"DSC1"
_HEAD = struct.Struct("<4sI")  # magic, header length
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


def _head(arrays: dict[str, tuple[Any, int]], extra: dict[str, Any]) -> bytes:
    """The start of a file of the arrays given as name -> (dtype, length), up to the
    first array: the magic, the header's length, the header."""
    header: dict[str, Any] = {"arrays": {}, **extra}
    offset = 0
    for name, (dtype, count) in arrays.items():
        kind = np.dtype(dtype)
        header["arrays"][name] = [kind.str, count, offset]
        offset += -(-kind.itemsize * count // 8) * 8
    head = json.dumps(header, separators=(",", ":")).encode("utf-8")
    head += b" " * (-(len(head) + _HEAD.size) % 8)
    return _HEAD.pack(_MAGIC, len(head)) + head


def _padded(arr: Any) -> list[Any]:
    """An array's bytes in the file (a view, not a copy), and the zeros after them."""
    data = np.ascontiguousarray(arr)
    return [data.data.cast("B"), b"\0" * (-data.nbytes % 8)]


def _pack(arrays: dict[str, Any], extra: dict[str, Any]) -> bytes:
    parts = [_head({name: (arr.dtype, len(arr)) for name, arr in arrays.items()}, extra)]
    for arr in arrays.values():
        parts += _padded(arr)
    return b"".join(parts)


def _unpack(data: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    magic, length = _HEAD.unpack_from(data, 0)
    if magic != _MAGIC:
        raise ValueError("not a Dossier sidecar file")
    start = _HEAD.size + length
    header = json.loads(bytes(data[_HEAD.size : start]))
    arrays = {}
    for name, (dtype, count, offset) in header.pop("arrays").items():
        kind = np.dtype(dtype)
        arrays[name] = np.frombuffer(data, dtype=kind, count=count, offset=start + offset)
    return arrays, header


#: The file format, for the other files beside a segment (tui.index.facetfile).
pack_arrays, unpack_arrays = _pack, _unpack


class SidecarBuilder:
    """Collects one segment's fingerprints and entity rows as its documents are added;
    without ``passages``, the entity rows alone (a plain segment's: see the top)."""

    def __init__(self, passages: bool = True) -> None:
        self.passages = passages
        self._hashes: list[Any] = []
        self._docs = array("I")  # the document of each array in _hashes
        self._pos: list[Any] = []
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
                self._hashes.append(prints[0])
                self._docs.append(docnum)  # not an array per document: made in write()
                self._pos.append(prints[1])

    def write(self, create: Callable[[str], Any], entities: bool = True) -> None:
        """Write both files: the ``.psg`` file unless made without ``passages``, the
        ``.ent`` file with ``entities``; ``create(ext)`` opens a new file of the segment
        for writing."""
        if not ENABLED:
            return
        if self.passages:
            if self._pending:
                self._fingerprint()
            write_passages(create, self._hashes, self._docs, self._pos)
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
        write_file(create, ENTITIES_EXT, _pack(arrays, {"entities": self._entities}))


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
    create: Callable[[str], Any], hashes: list[Any], docs: Any, pos: list[Any]
) -> None:
    """Write a segment's ``.psg`` file: ``hashes[k]`` and ``pos[k]`` are the
    fingerprints of its document ``docs[k]`` (in the segment's order, a document once),
    sorted by hash, an array at a time: a segment of 20M characters has ~1M of them,
    and the file made whole in memory (with the arrays it is made of) took ~40 MB at
    the end of every segment. The lists ``hashes`` and ``pos`` are emptied as they are
    joined (each document's arrays let go of)."""
    counts = [len(h) for h in hashes]
    every = np.concatenate(hashes) if hashes else np.zeros(0, np.uint32)
    hashes.clear()
    layout = {"hash": (every.dtype, len(every)), "doc": (np.uint32, len(every))}
    layout["pos"] = (np.uint16, len(every))
    order = stable_order(every)
    handle = create(PASSAGES_EXT)
    try:
        handle.write(_head(layout, {}))
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
        arrays, _ = _unpack(data)
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
        _pack({"hash": hashes[order], "doc": docs[order], "pos": pos[order]}, {}),
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
    """Write ``arr[order]`` and the zeros after it, as :func:`_padded` would, a part at
    a time: whole, each was another copy of a segment's ~1M fingerprints, at the end of
    a segment, a build worker's peak."""
    for start in range(0, len(order), _PART):
        handle.write(arr[order[start : start + _PART]].data.cast("B"))
    handle.write(b"\0" * (-(arr.itemsize * len(order)) % 8))


def write_file(create: Callable[[str], Any], ext: str, data: bytes) -> None:
    """Write one file of a segment; ``create(ext)`` opens it for writing."""
    handle = create(ext)
    try:
        handle.write(data)
    finally:
        handle.close()


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


class Sidecar:
    """The two files of one segment, mapped for reading; a plain segment's (or one whose
    ``.psg`` is not written yet) without passages (:attr:`has_passages`)."""

    def __init__(self, passages: Any, entities: Any) -> None:
        self._maps = [m for m in (passages, entities) if m is not None]
        self.has_passages = passages is not None
        if passages is not None:
            arrays, _ = _unpack(passages)
            self.hash = arrays["hash"]
            self.doc = arrays["doc"]
            self.pos = arrays["pos"]
        else:  # (none: lookups of passages leave it out, or say they are not ready)
            self.hash = np.zeros(0, np.uint32)
            self.doc = np.zeros(0, np.uint32)
            self.pos = np.zeros(0, np.uint16)
        arrays, header = _unpack(entities)
        self.entity_doc = arrays["doc"]
        self.entity = arrays["entity"]
        self.sentence = arrays["sentence"]
        self.first = arrays["first"]
        self.entities: list[list[str]] = header.get("entities") or []
        self._numbers: dict[str, int] | None = None

    @classmethod
    def open(cls, paths: tuple[str, str], passages: bool = True) -> Sidecar:
        """Map the files (``OSError``/``ValueError`` when missing or unreadable); without
        ``passages``, a missing ``.psg`` file is no error (:attr:`has_passages`)."""
        maps: list[Any] = []
        for n, path in enumerate(paths):
            try:
                handle = open(path, "rb")  # noqa: PTH123, SIM115
            except FileNotFoundError:
                if n == 0 and not passages:
                    maps.append(None)
                    continue
                raise
            with handle:
                maps.append(mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ))
        return cls(*maps)

    def let_go_pages(self) -> None:
        """Unmap the pages a lookup read (they stay in the system's file cache, and the
        next lookup maps them again): a lookup's binary searches reach most pages of a
        segment's fingerprints, and while mapped they count as the process's memory,
        the whole files after a few articles (some 75 MB at 50,000 articles)."""
        advice = getattr(mmap, "MADV_DONTNEED", None)
        if advice is None:
            return
        for mapped in self._maps:
            try:
                mapped.madvise(advice)
            except (OSError, ValueError):  # closed, or not allowed here: they stay
                pass

    def entity_number(self, entity_id: str) -> int | None:
        if self._numbers is None:
            self._numbers = {e[0]: n for n, e in enumerate(self.entities)}
        return self._numbers.get(entity_id)

    def postings(self, hashes: Any) -> tuple[Any, Any, Any]:
        """For each hash in ``hashes``: (index into ``hashes``, doc, word position) of
        every fingerprint of the segment with that hash."""
        left = np.searchsorted(self.hash, hashes, side="left")
        right = np.searchsorted(self.hash, hashes, side="right")
        counts = right - left
        total = int(counts.sum())
        if not total:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, empty
        which = np.repeat(np.arange(len(hashes)), counts)
        starts = np.repeat(left - np.concatenate(([0], np.cumsum(counts)[:-1])), counts)
        rows = starts + np.arange(total)
        return which, self.doc[rows].astype(np.int64), self.pos[rows].astype(np.int64)


class Loaded:
    """One segment's sidecar as a searcher sees it: where its documents start in the
    searcher's numbering, and which of them are deleted."""

    __slots__ = ("deleted", "offset", "side")

    def __init__(self, offset: int, side: Sidecar, deleted: Any) -> None:
        self.offset = offset
        self.side = side
        self.deleted = deleted  # a bool array by local document number, or None


def passage_postings(loaded: list[Loaded], hashes: Any, max_postings: int) -> tuple[Any, Any, Any]:
    """(index into ``hashes``, global document number, word position) of every live
    fingerprint with one of ``hashes``. A hash held by more than ``max_postings``
    fingerprints (a stock phrase) is left out."""
    parts = [side_postings(item, hashes) for item in loaded]
    which = np.concatenate([p[0] for p in parts]) if parts else np.zeros(0, np.int64)
    docs = np.concatenate([p[1] for p in parts]) if parts else np.zeros(0, np.int64)
    pos = np.concatenate([p[2] for p in parts]) if parts else np.zeros(0, np.int64)
    if len(which):
        counts = np.bincount(which, minlength=len(hashes))
        keep = counts[which] <= max_postings
        which, docs, pos = which[keep], docs[keep], pos[keep]
    return which, docs, pos


def side_postings(item: Loaded, hashes: Any) -> tuple[Any, Any, Any]:
    which, docs, pos = item.side.postings(hashes)
    if item.deleted is not None and len(docs):
        live = ~item.deleted[docs]
        which, docs, pos = which[live], docs[live], pos[live]
    return which, docs + item.offset, pos


def live_hashes(loaded: list[Loaded]) -> tuple[Any, Any, Any]:
    """Every live fingerprint: (hash, global document, word position)."""
    hashes, docs, pos = [], [], []
    for item in loaded:
        side = item.side
        keep = slice(None) if item.deleted is None else ~item.deleted[side.doc]
        hashes.append(side.hash[keep])
        docs.append(side.doc[keep].astype(np.int64) + item.offset)
        pos.append(side.pos[keep].astype(np.int64))
    if not hashes:
        empty = np.zeros(0, np.int64)
        return np.zeros(0, np.uint32), empty, empty
    return np.concatenate(hashes), np.concatenate(docs), np.concatenate(pos)


class Merged:
    """How co-occurrence names entities: a merge map (an entity id -> the id it counts
    as: lone surnames linked to a full name) and a numbering of the ids it reports,
    shared by every segment so that counts add up as arrays."""

    def __init__(self, merge: dict[str, str]) -> None:
        self.merge = merge
        self.numbers: dict[str, int] = {}
        self.ids: list[str] = []

    def number(self, ent_id: str) -> int:
        n = self.numbers.get(ent_id)
        if n is None:
            n = self.numbers[ent_id] = len(self.ids)
            self.ids.append(ent_id)
        return n


def _canon(side: Sidecar, merged: Merged) -> tuple[Any, bool, Any]:
    """For one segment: each entity number -> the number it is counted as (a lone
    surname linked to a full name present in the segment counts as that name);
    whether any entity of the segment is merged; and each number's shared number
    (:class:`Merged`). Kept per segment while ``merged`` is the same."""
    cached = getattr(side, "_canon", None)
    if cached is not None and cached[0] is merged:
        return cached[1], cached[2], cached[3]
    canon = np.arange(len(side.entities), dtype=np.int64)
    keys = [e[0] for e in side.entities]
    any_merged = False
    for short, full in merged.merge.items():
        s = side.entity_number(short)
        if s is None:
            continue
        any_merged = True
        keys[s] = full
        f = side.entity_number(full)
        if f is not None:
            canon[s] = f
    shared = np.array([merged.number(k) for k in keys], dtype=np.int64)
    side._canon = (merged, canon, any_merged, shared)  # type: ignore[attr-defined]
    return canon, any_merged, shared


def cooccurrence(loaded: list[Loaded], wanted: set[str], merged: Merged) -> tuple[Any, Any]:
    """Entities mentioned with any of ``wanted`` (entity ids): (articles together,
    sentences together), arrays indexed by ``merged``'s numbers."""
    parts = []
    for item in loaded:
        side = item.side
        numbers = [n for e in wanted if (n := side.entity_number(e)) is not None]
        if not numbers or not len(side.entity):
            continue
        ent, doc, sent = side.entity, side.entity_doc, side.sentence
        mine = np.isin(ent, numbers)
        if item.deleted is not None:
            mine &= ~item.deleted[doc]
        if not mine.any():
            continue
        in_doc = np.zeros(int(doc.max()) + 1, dtype=bool)
        in_doc[doc[mine]] = True
        in_sentence = np.zeros(int(sent.max()) + 1, dtype=bool)
        in_sentence[sent[mine]] = True
        others = in_doc[doc] & ~mine
        canon, any_merged, shared = _canon(side, merged)
        size = len(side.entities)
        counts = []
        for rows, place in ((others & (side.first == 1), doc), (others & in_sentence[sent], sent)):
            number = canon[ent[rows]]
            if any_merged:  # a name and its linked surname in one article count once
                pairs = np.unique(place[rows].astype(np.int64) * size + number)
                number = pairs % size
            counts.append(np.bincount(number, minlength=size))
        found = np.flatnonzero(counts[0])
        parts.append((shared[found], counts[0][found], counts[1][found]))
    articles = np.zeros(len(merged.ids), dtype=np.int64)
    sentences = np.zeros(len(merged.ids), dtype=np.int64)
    for at, a, s in parts:
        np.add.at(articles, at, a)
        np.add.at(sentences, at, s)
    return articles, sentences


def names_of(loaded: list[Loaded], ids: list[str]) -> dict[str, tuple[str, str]]:
    """(type, canonical name) of each entity id, from the segments that have it."""
    out: dict[str, tuple[str, str]] = {}
    for item in loaded:
        for ent_id in ids:
            if (n := item.side.entity_number(ent_id)) is not None:
                entry = item.side.entities[n]
                if ent_id not in out or better_spelling(entry[2], out[ent_id][1]):
                    out[ent_id] = (entry[1], entry[2])
    return out


def entity_names(loaded: list[Loaded]) -> dict[str, tuple[str, str, int]]:
    """Every entity of the live documents: id -> (type, canonical name, articles)."""
    out: dict[str, tuple[str, str, int]] = {}
    for item in loaded:
        side = item.side
        if not len(side.entity):
            continue
        rows = side.first == 1
        if item.deleted is not None:
            rows &= ~item.deleted[side.entity_doc]
        counts = np.bincount(side.entity[rows], minlength=len(side.entities))
        for n in np.flatnonzero(counts).tolist():
            ent_id, etype, canonical = side.entities[n]
            before = out.get(ent_id)
            if before is not None and not better_spelling(canonical, before[1]):
                canonical = before[1]
            out[ent_id] = (etype, canonical, int(counts[n]) + (before[2] if before else 0))
    return out
