"""Counts over a set of matching documents: sources, months, days, languages, entities.

Each document's ``facets`` column holds a short record (:func:`~tui.index.schema.pack_facets`);
:class:`FacetTable` reads it once per segment into per-document arrays of small
integers, so that counting over any set of document numbers is a few C-level
passes (numpy's ``bincount`` under a mask of the documents), whatever the corpus's
size: no stored article is read, no posting list walked. A segment never changes
once written, so its part of the table is kept for as long as the segment is in
the index; a new commit decodes only its new segments.
"""

from __future__ import annotations

import heapq
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import chain
from typing import TYPE_CHECKING, Any

from tui.index.matching import matching_docs
from tui.index.query import within_budget
from tui.index.schema import ENTITY_FIELDS, unpack_facets
from tui.index.segment import segment_key
from tui.lazy import lazy_module

if TYPE_CHECKING:
    import numpy as np
else:
    np = lazy_module("numpy")  # counting only: a search without facets does not load it

#: The kinds of counts, in the order they are shown.
FACETS = ("source", "month", *ENTITY_FIELDS, "lang")


@dataclass
class _Part:
    """One segment's documents: interned ids of their values, by document number."""

    ids: list[str]
    source: list[int]
    day: list[int]
    lang: list[int]
    entities: dict[str, list[tuple[int, ...]]]


@dataclass
class FacetTable:
    """The facet values of every document of one searcher, by document number."""

    ids: list[str] = field(default_factory=list)
    source: list[int] = field(default_factory=list)
    day: list[int] = field(default_factory=list)
    lang: list[int] = field(default_factory=list)
    entities: dict[str, list[tuple[int, ...]]] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)  # interned value -> text
    live: list[int] | None = None  # the live documents (None: every one)
    _numpy: dict[str, Any] | None = field(default=None, repr=False)

    def all_docs(self) -> Sequence[int]:
        return range(len(self.ids)) if self.live is None else self.live

    def counts(
        self, docnums: Sequence[int] | None, top: int = 20
    ) -> dict[str, list[tuple[str, int]]]:
        """The counts of each facet over ``docnums`` (every live document when None):
        sources, people, places, organisations and languages the ``top`` commonest,
        months all of them, in order."""
        arrays = self._arrays()
        n_names = len(self.names)
        mask = self._mask(docnums)
        names = self.names
        out: dict[str, list[tuple[str, int]]] = {}

        def one_each(values: Any) -> Any:
            chosen = values if mask is None else values[mask]
            return np.bincount(chosen, minlength=n_names)

        def many_each(kind: str) -> Any:
            values, owners = arrays[kind]
            chosen = values if mask is None else values[mask[owners]]
            return np.bincount(chosen, minlength=n_names)

        out["source"] = _commonest(one_each(arrays["source"]), top, names)
        day_values = arrays["day"] if mask is None else arrays["day"][mask]
        days, day_counts = np.unique(day_values, return_counts=True)
        months: Counter[str] = Counter()
        for day, c in zip(days.tolist(), day_counts.tolist(), strict=True):
            if day:
                months[_month(day)] += c
        out["month"] = sorted(months.items())
        for kind in ENTITY_FIELDS:
            out[kind] = _commonest(many_each(kind), top, names)
        out["lang"] = _commonest(one_each(arrays["lang"]), top, names)
        return out

    def _mask(self, docnums: Sequence[int] | None) -> Any:
        """A boolean array of the documents counted (None: every document)."""
        if docnums is None and self.live is None:
            return None
        mask = np.zeros(len(self.ids), dtype=bool)
        chosen: Sequence[int] = (self.live or []) if docnums is None else docnums
        if len(chosen):
            mask[np.asarray(chosen, dtype=np.int64)] = True
        return mask

    def _arrays(self) -> dict[str, Any]:
        """The per-document values as numpy arrays (made once per table): ``source``,
        ``day``, ``lang`` one value a document; each entity kind as (values, the
        document each belongs to)."""
        made = self._numpy
        if made is not None:
            return made
        arrays: dict[str, Any] = {
            "source": np.asarray(self.source, dtype=np.int64),
            "day": np.asarray(self.day, dtype=np.int64),
            "lang": np.asarray(self.lang, dtype=np.int64),
        }
        for kind in ENTITY_FIELDS:
            per_doc = self.entities.get(kind) or []
            lengths = np.fromiter(map(len, per_doc), dtype=np.int64, count=len(per_doc))
            values = np.fromiter(
                chain.from_iterable(per_doc), dtype=np.int64, count=int(lengths.sum())
            )
            owners = np.repeat(np.arange(len(per_doc), dtype=np.int64), lengths)
            arrays[kind] = (values, owners)
        self._numpy = arrays  # two threads may both make it: the same arrays
        return arrays

    def days(self, docnums: Sequence[int] | None) -> dict[int, int]:
        """Documents per day (proleptic ordinal) over ``docnums``; undated ones left out."""
        docs = self.all_docs() if docnums is None else docnums
        found = Counter(map(self.day.__getitem__, docs))
        found.pop(0, None)
        return dict(found)

    def ids_of(self, docnums: Iterable[int]) -> list[str]:
        return list(map(self.ids.__getitem__, docnums))


@lru_cache(maxsize=1 << 16)
def _month(day: int) -> str:
    """A day (proleptic ordinal) as its month, ``2016-02``."""
    return date.fromordinal(day).strftime("%Y-%m")


def _commonest(counts: Any, top: int, names: list[str]) -> list[tuple[str, int]]:
    """The ``top`` commonest values of a ``bincount`` (all of them when 0), as (name,
    count); ties by name, so that equal counts keep one order. The empty value (0)
    is no value."""
    found = np.flatnonzero(counts)
    found = found[found != 0]
    chosen = counts[found]
    if top and len(found) > top:
        # Every value above the top-th count, and of the values tied at it, those
        # first by name.
        edge = np.partition(chosen, len(chosen) - top)[len(chosen) - top]
        above = found[chosen > edge].tolist()
        tied = found[chosen == edge].tolist()
        if len(above) + len(tied) > top:
            tied = heapq.nsmallest(top - len(above), tied, key=lambda k: (names[k].lower(), k))
        found = np.asarray(above + tied, dtype=np.int64)
        chosen = counts[found]
    pairs = list(zip(found.tolist(), chosen.tolist(), strict=True))
    pairs.sort(key=lambda kn: (-kn[1], names[kn[0]].lower(), kn[0]))
    return [(names[k], c) for k, c in (pairs[:top] if top else pairs)]


class IndexCounts:
    """The counting side of a :class:`~tui.index.SearchIndex`: facets, days and ids over
    the matches of a query, from one searcher and its facet table."""

    def __init__(self, index: Any) -> None:
        self._index = index
        self._cache = FacetCache()

    def forget(self) -> None:
        self._cache.forget()

    def _matching(self, text: str | None, synonyms: Any) -> tuple[FacetTable, list[int] | None]:
        """(The facet table, the document numbers matching ``text``: None for every
        one), of one searcher. Unscored: counting needs no ranking."""
        index = self._index
        query = index.parse(text, synonyms) if text is not None and text.strip() else None
        with index._lock:
            s = index.searcher()
            table = self._cache.table(s)
            if query is None:
                return table, None
            query = within_budget(query, s.reader())
            return table, matching_docs(s, query)

    def facets(
        self, text: str | None, synonyms: Any = None, top: int = 20
    ) -> dict[str, list[tuple[str, int]]]:
        """Counts of sources, months, people, places, organisations and languages over
        the matches of ``text`` (the whole corpus when None): see :class:`FacetTable`."""
        table, docs = self._matching(text, synonyms)
        return table.counts(docs, top)

    def days(self, text: str | None, synonyms: Any = None) -> dict[int, int]:
        """Matches of ``text`` (every article when None) per day, as proleptic ordinals."""
        table, docs = self._matching(text, synonyms)
        return table.days(docs)

    def ids(self, text: str | None, synonyms: Any = None) -> list[str]:
        """The ids of the articles matching ``text`` (every article when None)."""
        table, docs = self._matching(text, synonyms)
        return table.ids_of(table.all_docs() if docs is None else docs)


class FacetCache:
    """Per-segment parts of facet tables, kept across commits; thread-safe."""

    def __init__(self) -> None:
        self._parts: dict[Any, _Part] = {}
        self._intern: dict[str, int] = {"": 0}
        self._names: list[str] = [""]
        self._lock = threading.Lock()
        self._table: tuple[Any, FacetTable] | None = None

    def table(self, searcher: Any) -> FacetTable:
        """The table of every document ``searcher`` sees (made once per searcher)."""
        with self._lock:
            if self._table is not None and self._table[0] is searcher:
                return self._table[1]
            table = FacetTable(entities={kind: [] for kind in ENTITY_FIELDS})
            keep: dict[Any, _Part] = {}
            live: list[int] = []
            deletions = False
            for leaf, offset in searcher.leaf_searchers():
                reader = leaf.reader()
                seg = segment_key(reader)
                part = self._parts.get(seg) if seg is not None else None
                if part is None:
                    part = self._read(reader)
                if seg is not None:
                    keep[seg] = part
                table.ids += part.ids
                table.source += part.source
                table.day += part.day
                table.lang += part.lang
                for kind in ENTITY_FIELDS:
                    table.entities[kind] += part.entities[kind]
                count = len(part.ids)
                if reader.has_deletions():
                    deletions = True
                    is_deleted = reader.is_deleted
                    live += [offset + n for n in range(count) if not is_deleted(n)]
                else:
                    live += range(offset, offset + count)
            self._parts = keep
            table.names = self._names
            table.live = live if deletions else None
            self._table = (searcher, table)
            return table

    def forget(self) -> None:
        with self._lock:
            self._parts = {}
            self._table = None

    def _read(self, reader: Any) -> _Part:
        intern = self._intern
        names = self._names

        def ref(text: str) -> int:
            n = intern.get(text)
            if n is None:
                n = intern[text] = len(names)
                names.append(text)
            return n

        part = _Part([], [], [], [], {kind: [] for kind in ENTITY_FIELDS})
        count = reader.doc_count_all()
        if "facets" not in reader.schema:
            values: Iterable[bytes] = [b""] * count
        else:
            values = reader.column_reader("facets", translate=False)
        entity_lists = [part.entities[kind] for kind in ENTITY_FIELDS]
        for record in values:
            doc_id, source, day, lang, entities = unpack_facets(record)
            part.ids.append(doc_id)
            part.source.append(ref(source))
            part.day.append(day)
            part.lang.append(ref(lang))
            for into, found in zip(entity_lists, entities, strict=True):
                into.append(tuple(ref(name) for name in found))
        return part
