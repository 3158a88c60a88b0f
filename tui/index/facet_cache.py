"""The facet tables of searchers, made a segment at a time and kept across commits.

:class:`FacetCache` makes the :class:`~tui.index.facet_table.FacetTable` of a
searcher's documents from each segment's part: its facet file
(:mod:`tui.index.facetfile`), or else its facet records, read into per-document
arrays once per segment. A segment never changes once written, so its part is kept
for as long as the segment is in the index; a new commit decodes only its new
segments.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.index import facetfile
from tui.index.facet_table import ROW, FacetTable
from tui.index.facetfile import FACETS_EXT, LocalFacets
from tui.index.schema import ENTITY_FIELDS
from tui.index.segment_files import segment_file, segment_key
from tui.lazy import lazy_module

if TYPE_CHECKING:
    import numpy as np
else:
    np = lazy_module("numpy")  # counting only: a search without facets does not load it


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
