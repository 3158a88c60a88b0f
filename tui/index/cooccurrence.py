"""Entities mentioned together, counted over the entity rows of the sidecar files.

Each segment's ``.ent`` file (:mod:`tui.index.sidecar`) has one row per (document,
entity, sentence); :func:`cooccurrence` counts, as array operations over those
rows, the articles and sentences that name another entity with a chosen one,
lone surnames counted as the full name they stand for (:class:`Merged`).
:func:`names_of` and :func:`entity_names` read the entities' names and counts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tui.index.sidecar_read import Loaded, Sidecar
from tui.index.summaries import better_spelling
from tui.lazy import lazy_module

if TYPE_CHECKING:
    import numpy as np
else:
    np = lazy_module("numpy")  # only the entity lookups use it


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
