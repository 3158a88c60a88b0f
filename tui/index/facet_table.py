"""Counts over a set of matching documents: sources, months, days, languages, entities.

Each document's ``facets`` column holds a short record (:func:`~tui.index.schema.pack_facets`);
:class:`FacetTable` holds them as per-document arrays of small integers (made by
:class:`~tui.index.facet_cache.FacetCache`, a segment at a time), so that counting
over any set of document numbers is a few C-level passes (numpy's ``bincount``
under a mask of the documents), whatever the corpus's size: no stored article is
read, no posting list walked. :func:`person_groups` counts the names of one
person (or organisation) as one.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from tui.index.schema import ENTITY_FIELDS, entity_term
from tui.lazy import lazy_module

if TYPE_CHECKING:
    import numpy as np
else:
    np = lazy_module("numpy")  # counting only: a search without facets does not load it

#: The type of the table's per-document values and entity rows (interned names,
#: day ordinals, owners): int32 halves them against int64 (at 50,000 articles
#: ~750,000 entity rows, each held as a name and an owner); a product of two of
#: them (an owner times the number of names) is made int64 first.
ROW = "int32"

#: The kinds of counts, in the order they are shown.
FACETS = ("source", "month", *ENTITY_FIELDS, "lang")


@dataclass
class FacetTable:
    """The facet values of every document of one searcher, by document number."""

    ids: list[str] = field(default_factory=list)
    source: Any = None  # interned value per document (a numpy array)
    day: Any = None  # proleptic ordinal per document, 0 when undated
    lang: Any = None
    entities: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # (values, owners)
    names: list[str] = field(default_factory=list)  # interned value -> text
    numbers: dict[str, int] = field(default_factory=dict)  # text -> interned value
    live: list[int] | None = None  # the live documents (None: every one)
    # kind -> (the groups, their rows: _grouped), made once per table
    _people: dict[str, tuple[Any, tuple[Any, Any]]] | None = field(default=None, repr=False)
    _live_mask: Any = field(default=None, repr=False)

    def all_docs(self) -> Sequence[int]:
        return range(len(self.ids)) if self.live is None else self.live

    def counts(
        self,
        docnums: Sequence[int] | None,
        top: int = 20,
        people: Any = None,
        orgs: Any = None,
    ) -> dict[str, list[tuple[str, int]]]:
        """The counts of each facet over ``docnums`` (every live document when None):
        sources, people, places, organisations and languages the ``top`` commonest,
        months all of them, in order. ``people`` (:func:`person_groups`) counts the
        names of one person as one, an article that has several of them once;
        ``orgs`` likewise the names of one organisation."""
        arrays = {"source": self.source, "day": self.day, "lang": self.lang, **self.entities}
        n_names = len(self.names)
        mask = self._mask(docnums)
        names = self.names
        out: dict[str, list[tuple[str, int]]] = {}

        def one_each(values: Any) -> Any:
            chosen = values if mask is None else values[mask]
            return np.bincount(chosen, minlength=n_names)

        def many_each(kind: str) -> Any:
            values, owners = arrays[kind]
            rows = None if mask is None else mask[owners]
            groups = people if kind == "person" else orgs if kind == "org" else None
            if groups is not None:
                values, first = self._grouped(kind, groups)
                rows = first if rows is None else rows & first
            chosen = values if rows is None else values[rows]
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

    def _grouped(self, kind: str, people: tuple[Any, Any]) -> tuple[Any, Any]:
        """The rows of ``kind`` as ``people`` (:func:`person_groups`) counts them: each
        row's entity, and whether the row is its article's first of that entity (an
        article with two names of one person counts once for him). Made once per
        table."""
        made = (self._people or {}).get(kind)
        if made is not None and made[0] is people:
            return made[1]
        canon, shared = people
        values, owners = self.entities[kind]
        grouped = canon[values]
        first = np.ones(len(values), dtype=bool)
        several = np.flatnonzero(shared[grouped])
        if len(several):
            # (int64: the rows are int32, and articles * names passes 2**31)
            keys = owners[several].astype(np.int64) * len(canon) + grouped[several]
            _, at = np.unique(keys, return_index=True)
            first[several] = False
            first[several[at]] = True
        self._people = {**(self._people or {}), kind: (people, (grouped, first))}
        return grouped, first

    def _mask(self, docnums: Sequence[int] | None) -> Any:
        """A boolean array of the documents counted (None: every document)."""
        if docnums is None and self.live is None:
            return None
        if docnums is None and self._live_mask is not None:
            return self._live_mask
        mask = np.zeros(len(self.ids), dtype=bool)
        chosen: Sequence[int] = (self.live or []) if docnums is None else docnums
        if len(chosen):
            mask[np.asarray(chosen, dtype=np.int64)] = True
        if docnums is None:
            self._live_mask = mask  # the counts only read it
        return mask

    def days(self, docnums: Sequence[int] | None) -> dict[int, int]:
        """Documents per day (proleptic ordinal) over ``docnums``; undated ones left out."""
        mask = self._mask(docnums)
        chosen = self.day if mask is None else self.day[mask]
        days, counts = np.unique(chosen, return_counts=True)
        return {d: c for d, c in zip(days.tolist(), counts.tolist(), strict=True) if d}

    def ids_of(self, docnums: Iterable[int]) -> list[str]:
        return list(map(self.ids.__getitem__, docnums))


def person_groups(
    names: list[str],
    links: dict[str, str],
    people: Iterable[int] | None = None,
    hidden: frozenset[str] = frozenset(),
) -> tuple[Any, Any]:
    """How to count people when ``links`` (a person's entity term -> the term of the
    person it stands for: a lone surname -> the one full name) merge names: each
    interned name -> the name counted, and whether that name stands for several.
    Names of one term ("Tony Blair", "TONY BLAIR") count as one, as a search does.
    ``people``: the numbers of the names that are people's (all when None); the
    names of ``hidden`` terms are counted as no name."""
    canon = np.arange(len(names), dtype=ROW)
    first: dict[str, int] = {}
    members: dict[int, int] = {}
    pending: list[tuple[int, str]] = []
    for n in range(len(names)) if people is None else people:
        name = names[n]
        if not name:
            continue
        term = entity_term(name)
        if term in hidden:
            canon[n] = 0  # the empty name: not counted
            continue
        target = links.get(term)
        if target is not None and target != term:
            pending.append((n, target))
            continue
        at = first.setdefault(term, n)
        canon[n] = at
        members[at] = members.get(at, 0) + 1
    for n, target in pending:
        found = first.get(target)
        # the full name is not among the names: the surname stays as it is
        at = first.setdefault(entity_term(names[n]), n) if found is None else found
        canon[n] = at
        members[at] = members.get(at, 0) + 1
    shared = np.zeros(len(names), dtype=bool)
    several = [at for at, count in members.items() if count > 1]
    if several:
        shared[np.asarray(several, dtype=np.int64)] = True
    return canon, shared


@lru_cache(maxsize=1 << 16)
def _month(day: int) -> str:
    """A day (proleptic ordinal) as its month, ``2016-02``."""
    return date.fromordinal(day).strftime("%Y-%m")


def _commonest(counts: Any, top: int, names: list[str]) -> list[tuple[str, int]]:
    """The ``top`` commonest values of a ``bincount`` (all of them when 0), as (name,
    count); ties by name, then as written (TiVo before TIVO), so that equal counts
    keep one order whatever order the build numbered the documents in. The empty
    value (0) is no value."""
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
            tied = heapq.nsmallest(
                top - len(above), tied, key=lambda k: (names[k].lower(), names[k], k)
            )
        found = np.asarray(above + tied, dtype=np.int64)
        chosen = counts[found]
    pairs = list(zip(found.tolist(), chosen.tolist(), strict=True))
    pairs.sort(key=lambda kn: (-kn[1], names[kn[0]].lower(), names[kn[0]], kn[0]))
    return [(names[k], c) for k, c in (pairs[:top] if top else pairs)]
