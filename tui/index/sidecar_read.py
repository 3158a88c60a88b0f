"""The sidecar files of a segment mapped for reading, and the passages looked up in them.

:class:`Sidecar` maps a segment's two files (:mod:`tui.index.sidecar` says what
they hold); :class:`Loaded` is one as a searcher sees it (where its documents
start, which are deleted), as :meth:`tui.index.lookups.IndexLookups.sidecars`
gives them. The shared passages are looked up over them here
(:func:`passage_postings`, :func:`live_hashes`); the entity rows are counted in
:mod:`tui.index.cooccurrence`.
"""

from __future__ import annotations

import mmap
from typing import TYPE_CHECKING, Any

from tui.index.arrayfile import unpack_arrays
from tui.lazy import lazy_module

if TYPE_CHECKING:
    import numpy as np
else:
    np = lazy_module("numpy")  # only the passage and entity lookups use it


class Sidecar:
    """The two files of one segment, mapped for reading; a plain segment's (or one whose
    ``.psg`` is not written yet) without passages (:attr:`has_passages`)."""

    def __init__(self, passages: Any, entities: Any) -> None:
        self._maps = [m for m in (passages, entities) if m is not None]
        self.has_passages = passages is not None
        if passages is not None:
            arrays, _ = unpack_arrays(passages)
            self.hash = arrays["hash"]
            self.doc = arrays["doc"]
            self.pos = arrays["pos"]
        else:  # (none: lookups of passages leave it out, or say they are not ready)
            self.hash = np.zeros(0, np.uint32)
            self.doc = np.zeros(0, np.uint32)
            self.pos = np.zeros(0, np.uint16)
        arrays, header = unpack_arrays(entities)
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
