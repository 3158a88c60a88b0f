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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.index import facetfile
from tui.index.aliases import organisation_terms
from tui.index.facetfile import FACETS_EXT, LocalFacets
from tui.index.matching import matching_docs
from tui.index.query import within_budget
from tui.index.retype import Key, name_types, retyped
from tui.index.schema import ENTITY_FIELDS, alias_of, entity_term
from tui.index.segment_files import segment_file, segment_key
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
class _Part:
    """One segment's documents, by document number: ids, and the interned numbers of
    their values (numpy arrays); each entity kind as (values, how many a document has)."""

    ids: list[str]
    source: Any
    day: Any
    lang: Any
    entities: dict[str, tuple[Any, Any]]


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


class IndexCounts:
    """The counting side of a :class:`~tui.index.SearchIndex`: facets, days and ids over
    the matches of a query, from one searcher and its facet table."""

    def __init__(self, index: Any) -> None:
        self._index = index
        self._cache = FacetCache()
        # (key, the links, person_groups of them): made again when names are added
        self._people: tuple[Any, dict[str, str], tuple[Any, Any]] | None = None
        self._orgs: tuple[Any, dict[str, str], tuple[Any, Any]] | None = None  # likewise
        # segment -> (field, term) -> mentions, for corpus_types
        self._frequencies: dict[Any, dict[tuple[str, str], int]] = {}
        # (table, types, the table with each name counted as its corpus type)
        self._retyped: tuple[FacetTable, Mapping[Key, Key], FacetTable] | None = None
        # (table, each document number's place among the ids)
        self._id_ranks: tuple[FacetTable, Any] | None = None

    def forget(self) -> None:
        self._cache.forget()

    def _matching(self, text: str | None, synonyms: Any) -> tuple[FacetTable, list[int] | None]:
        """(The facet table, the document numbers matching ``text``: None for every
        one), of one searcher. Unscored: counting needs no ranking."""
        index = self._index
        query = index.parse(text, synonyms) if text is not None and text.strip() else None
        with index._lock:
            s = index.searcher()
            layout = self._cache.layout(s, index.path)
            docs = None if query is None else matching_docs(s, within_budget(query, s.reader()))
        # New segments' facet records are parsed here, without the index's lock: a
        # search need not wait for the first count after opening.
        return self._cache.build(layout), docs

    def facets(
        self,
        text: str | None,
        synonyms: Any = None,
        top: int = 20,
        links: dict[str, str] | None = None,
        types: Mapping[Key, Key] | None = None,
        hidden: frozenset[str] = frozenset(),
        org_links: dict[str, str] | None = None,
    ) -> dict[str, list[tuple[str, int]]]:
        """Counts of sources, months, people, places, organisations and languages over
        the matches of ``text`` (the whole corpus when None): see :class:`FacetTable`.
        ``links`` merge the names of one person (:func:`person_groups`), ``org_links``
        those of one organisation (:meth:`organisation_links`); ``types``
        (:meth:`corpus_types`) count a name as the type the corpus gives it; the
        people of ``hidden`` terms (given names alone) are not counted."""
        table, docs = self._matching(text, synonyms)
        if types:
            made = self._retyped
            if made is None or made[0] is not table or made[1] is not types:
                made = self._retyped = (table, types, retyped(table, types, table.numbers))
            table = made[2]
        people = None
        if links is not None:
            key = (id(links), len(table.names), id(types), hidden)
            cached = self._people
            if cached is None or cached[0] != key or cached[1] is not links:
                people_names = np.unique(table.entities["person"][0]).tolist()
                groups = person_groups(table.names, links, people_names, hidden)
                cached = self._people = (key, links, groups)
            people = cached[2]
        orgs = None
        if org_links:
            org_key = (id(org_links), len(table.names), id(types))
            grouped = self._orgs
            if grouped is None or grouped[0] != org_key or grouped[1] is not org_links:
                org_names = np.unique(table.entities["org"][0]).tolist()
                groups = person_groups(table.names, org_links, org_names)
                grouped = self._orgs = (org_key, org_links, groups)
            orgs = grouped[2]
        return table.counts(docs, top, people, orgs)

    def organisation_links(self) -> dict[str, str]:
        """Each organisation's term that is one of several names of one organisation
        -> the term it is counted as (:func:`tui.index.aliases.organisation_terms`)."""
        index = self._index
        bracketed: set[tuple[str, str]] = set()
        with index._lock:
            s = index.searcher()
            layout = self._cache.layout(s, index.path)
            for leaf, _ in s.leaf_searchers():
                # the acronyms written in brackets (schema.alias_mark): few terms
                for term in index.lookups.segment_terms(leaf.reader(), "org"):
                    pair = alias_of(term)
                    if pair is not None:
                        bracketed.add(pair)
        return organisation_terms(self._cache.build(layout), bracketed)

    def corpus_types(self) -> dict[Key, Key]:
        """(type, name) -> the (type, name) the corpus counts that name as, for the
        names that change (:func:`tui.index.retype.name_types`): from the facet table
        of the current searcher and the index's term frequencies."""
        index = self._index
        with index._lock:
            s = index.searcher()
            layout = self._cache.layout(s, index.path)
        table = self._cache.build(layout)
        with index._lock:
            # each segment's frequencies are kept: a segment never changes, and after
            # an update only the new ones are asked (a few thousand terms, ~1 s over
            # the eight segments of 50,000 articles when asked afresh)
            kept = self._frequencies
            now: dict[Any, dict[tuple[str, str], int]] = {}
            readers = []
            for leaf, _ in s.leaf_searchers():
                reader = leaf.reader()
                seg = segment_key(reader)
                cache = kept.get(seg, {}) if seg is not None else {}
                if seg is not None:
                    now[seg] = cache
                readers.append((reader, cache))
            self._frequencies = now

            tables: dict[tuple[int, str], dict[str, tuple[int, float]]] = {}

            def frequency(field: str, term: str) -> int:
                total = 0
                for n, (reader, cache) in enumerate(readers):
                    got = cache.get((field, term))
                    if got is None:
                        # from the segment's kept table (IndexLookups.segment_terms),
                        # asked once per segment and field: 4,000 lookups in each of ten
                        # segments cost ~0.35 s a process
                        terms = tables.get((n, field))
                        if terms is None:
                            terms = tables[n, field] = index.lookups.segment_terms(reader, field)
                        got = cache[field, term] = int(terms.get(term, (0, 0.0))[1])
                    total += got
                return total

            return name_types(table, frequency)

    def days(self, text: str | None, synonyms: Any = None) -> dict[int, int]:
        """Matches of ``text`` (every article when None) per day, as proleptic ordinals."""
        table, docs = self._matching(text, synonyms)
        return table.days(docs)

    def id_ranks(self) -> Any:
        """Each document number's place among the articles' ids, by id (an int64
        array): an order of documents that is the same whichever order the build
        numbered them in."""
        index = self._index
        with index._lock:
            return self.id_ranks_of(index.searcher())

    def id_ranks_of(self, searcher: Any) -> Any:
        """:meth:`id_ranks` for ``searcher``'s documents (the caller holds the
        index's lock). Worked out once per facet table: ordering many hits of one
        score (a filter alone, ``date:2016``) then costs an array look-up."""
        table = self._cache.build(self._cache.layout(searcher, self._index.path))
        known = self._id_ranks
        if known is not None and known[0] is table:
            return known[1]
        # (a fixed-width string array sorts by code point, as str does, ~3x faster
        # than sorting the ids as objects)
        order = np.argsort(np.array(table.ids, dtype=str), kind="stable")
        ranks = np.empty(len(order), dtype=np.int64)
        ranks[order] = np.arange(len(order), dtype=np.int64)
        self._id_ranks = (table, ranks)
        return ranks

    def ids(self, text: str | None, synonyms: Any = None) -> list[str]:
        """The ids of the articles matching ``text`` (every article when None)."""
        table, docs = self._matching(text, synonyms)
        return table.ids_of(table.all_docs() if docs is None else docs)


@dataclass
class _Layout:
    """A searcher's segments as :meth:`FacetCache.build` needs them: (segment key, its
    part when known, else its facet records), and the live documents (None: all)."""

    searcher: Any
    segments: list[tuple[Any, _Part | LocalFacets | list[bytes]]]
    live: list[int] | None


def _facets_of(reader: Any, folder: Path | None) -> LocalFacets | list[bytes]:
    """A segment's facet file in ``folder``, parsed when written; else its facet
    records, one per document."""
    path = segment_file(reader, folder, FACETS_EXT) if folder is not None else None
    if path is not None:
        try:
            local = facetfile.read(path)
            if len(local.ids) == reader.doc_count_all():
                return local
        except (OSError, ValueError):
            pass  # a segment Whoosh wrote, not given its file yet, or a damaged file
    if "facets" not in reader.schema or reader.doc_count_all() == 0:
        # (an empty index's reader has no columns to read)
        return [b""] * reader.doc_count_all()
    return list(reader.column_reader("facets", translate=False))


class FacetCache:
    """Per-segment parts of facet tables, kept across commits; thread-safe."""

    def __init__(self) -> None:
        self._parts: dict[Any, _Part] = {}
        self._intern: dict[str, int] = {"": 0}
        self._names: list[str] = [""]
        self._lock = threading.Lock()
        self._table: tuple[Any, FacetTable] | None = None

    def table(self, searcher: Any, folder: Path | None = None) -> FacetTable:
        """The table of every document ``searcher`` sees (made once per searcher)."""
        return self.build(self.layout(searcher, folder))

    def layout(self, searcher: Any, folder: Path | None = None) -> _Layout | FacetTable:
        """What :meth:`build` needs from ``searcher``: read under the index's lock,
        and quick (for each new segment its facet file in ``folder``, or else its facet
        records as bytes; which documents are live). Its table when that is made
        already."""
        with self._lock:
            if self._table is not None and self._table[0] is searcher:
                return self._table[1]
            parts = dict(self._parts)
        segments: list[tuple[Any, _Part | LocalFacets | list[bytes]]] = []
        live: list[int] = []
        deletions = False
        for leaf, offset in searcher.leaf_searchers():
            reader = leaf.reader()
            seg = segment_key(reader)
            part = parts.get(seg) if seg is not None else None
            segments.append((seg, part if part is not None else _facets_of(reader, folder)))
            count = reader.doc_count_all()
            if reader.has_deletions():
                deletions = True
                is_deleted = reader.is_deleted
                live += [offset + n for n in range(count) if not is_deleted(n)]
            else:
                live += range(offset, offset + count)
        return _Layout(searcher, segments, live if deletions else None)

    def build(self, layout: _Layout | FacetTable) -> FacetTable:
        """The table of a :meth:`layout`: the new segments' records parsed (the slow
        part, once per segment), outside the index's lock."""
        if isinstance(layout, FacetTable):
            return layout
        with self._lock:
            if self._table is not None and self._table[0] is layout.searcher:
                return self._table[1]
            keep: dict[Any, _Part] = {}
            parts = []
            for seg, found in layout.segments:
                if isinstance(found, _Part):
                    part = found
                elif isinstance(found, LocalFacets):
                    part = self._globalize(found)
                else:
                    part = self._parse(found)
                if seg is not None:
                    keep[seg] = part
                parts.append(part)
            table = _joined(parts)
            _share(keep, parts, table)
            self._parts = keep
            table.names = self._names
            table.numbers = self._intern
            table.live = layout.live
            self._table = (layout.searcher, table)
            return table

    def forget(self) -> None:
        with self._lock:
            self._parts = {}
            self._table = None

    def _parse(self, records: list[bytes]) -> _Part:
        """One segment's part, from its facet records."""
        return self._globalize(facetfile.parse_records(records))

    def _globalize(self, local: LocalFacets) -> _Part:
        """A segment's values numbered as this cache's names (each distinct one
        interned once)."""
        intern, names = self._intern, self._names
        numbers = []
        for value in local.names:
            number = intern.get(value)
            if number is None:
                number = intern[value] = len(names)
                names.append(value)
            numbers.append(number)
        ours = np.asarray(numbers, dtype=ROW)
        arrays = local.arrays
        entities = {
            kind: (ours[arrays[kind]], arrays[f"{kind}_count"].astype(ROW))
            for kind in ENTITY_FIELDS
        }
        return _Part(
            list(local.ids),
            ours[arrays["source"]],
            arrays["day"].astype(ROW),
            ours[arrays["lang"]],
            entities,
        )


def _share(keep: dict[Any, _Part], parts: list[_Part], table: FacetTable) -> None:
    """Point each kept part's arrays at its slice of ``table``'s (views, no copy), so
    that the per-document values and entity rows are held once, not once in the
    segments' parts and again in the table (at 50,000 articles ~7 MB of entity rows).
    A part's ``how many a document has`` stays its own (the table has owners)."""
    kept = {id(part) for part in keep.values()}
    docs = 0
    rows = dict.fromkeys(ENTITY_FIELDS, 0)
    for part in parts:
        n = len(part.ids)
        if id(part) in kept:
            part.source = table.source[docs : docs + n]
            part.day = table.day[docs : docs + n]
            part.lang = table.lang[docs : docs + n]
            entities = {}
            for kind in ENTITY_FIELDS:
                values, counts = part.entities[kind]
                at = rows[kind]
                entities[kind] = (table.entities[kind][0][at : at + len(values)], counts)
            part.entities = entities
        docs += n
        for kind in ENTITY_FIELDS:
            rows[kind] += len(part.entities[kind][0])


def _joined(parts: list[_Part]) -> FacetTable:
    """The table of ``parts`` one after the other (document numbers as a searcher's)."""
    table = FacetTable()
    for part in parts:
        table.ids += part.ids

    def cat(arrays: list[Any]) -> Any:
        return np.concatenate(arrays) if arrays else np.zeros(0, dtype=ROW)

    table.source = cat([p.source for p in parts])
    table.day = cat([p.day for p in parts])
    table.lang = cat([p.lang for p in parts])
    for kind in ENTITY_FIELDS:
        values = cat([p.entities[kind][0] for p in parts])
        lengths = cat([p.entities[kind][1] for p in parts])
        owners = np.repeat(np.arange(len(lengths), dtype=ROW), lengths)
        table.entities[kind] = (values, owners)
    return table
