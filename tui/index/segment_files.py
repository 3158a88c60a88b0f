"""Dossier's work per Whoosh segment, over Whoosh's public reader API.

Each segment has files of Dossier's own beside it, named like its other files:
the sidecars (:mod:`tui.index.sidecar`) and the facet file
(:mod:`tui.index.facetfile`). :class:`~tui.index.builder.SegmentBuilder` writes
them with the segment; a segment that Whoosh's own writer made (a merge, or a
write through its public writer) gets them here, from its stored fields and its
facet column (:func:`add_missing_sidecars`). Searches find them through their
leaf readers (:func:`leaf_segments`, :func:`segment_file`). A merge copies
segments (:mod:`tui.index.copying`); one it cannot copy is read back as documents
to index again (:func:`live_documents`).

The segments and a reader of one come from :mod:`tui.index.segment`, the one
module that touches Whoosh's internals.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

from tui.index import facetfile, sidecar
from tui.index.schema import ENTITY_FIELDS, FACET_RECORD, from_stored
from tui.index.segment import segment_reader, segments

#: The end of the name of the file that marks a segment plain (written without names,
#: and so without passage fingerprints: :mod:`tui.index.enriching`).
PLAIN_EXT = ".pln"


def plain_ids(ix: Any) -> set[str]:
    """The ids of the plain segments of ``ix`` (its table of contents as opened)."""
    names = set(ix.storage.list())
    return {seg.segment_id() for seg in segments(ix) if seg.make_filename(PLAIN_EXT) in names}


def deleted_numbers(reader: Any) -> frozenset[int]:
    """The deleted documents of a segment's reader (its local numbers)."""
    return frozenset(reader.deleted_docs_set)


def add_missing_sidecars(ix: Any) -> int:
    """Write the sidecar files (and the facet file) of every segment of ``ix`` that has
    none, from its stored fields and its facet column; a plain segment's passage
    fingerprints are not made here, but with its names (:mod:`tui.index.enriched`).
    The caller holds the write lock. Returns how many segments it wrote files for."""
    names = set(ix.storage.list())
    made = 0
    for segment in segments(ix):
        plain = segment.make_filename(PLAIN_EXT) in names
        passages = sidecar.ENABLED and not plain
        passages = passages and segment.make_filename(sidecar.PASSAGES_EXT) not in names
        entities = sidecar.ENABLED and segment.make_filename(sidecar.ENTITIES_EXT) not in names
        facets = segment.make_filename(facetfile.FACETS_EXT) not in names
        if not (passages or entities or facets):
            continue
        create = partial(segment.create_file, ix.storage)
        reader = segment_reader(ix, segment)
        try:
            if passages or entities:
                documents = (
                    (n, reader.stored_fields(n))
                    for n in range(reader.doc_count_all())
                    if not reader.is_deleted(n)
                )
                sidecar.build_from(documents, create, passages=passages, entities=entities)
            if facets and "facets" in reader.schema:
                facetfile.write(create, list(reader.column_reader("facets", translate=False)))
        finally:
            reader.close()
        made += 1
    return made


def segment_key(reader: Any) -> str | None:
    """The id of the one segment a leaf reader reads (None when it reads no one segment)."""
    try:
        segment = reader.segment()
        return None if segment is None else str(segment.segment_id())
    except (AttributeError, NotImplementedError):
        return None


def segment_file(reader: Any, folder: Path, ext: str) -> str | None:
    """The path of a file beside the segment a leaf reader reads (None: no segment)."""
    try:
        segment = reader.segment()
    except (AttributeError, NotImplementedError):
        return None
    return None if segment is None else str(folder / segment.make_filename(ext))


def leaf_segments(searcher: Any, folder: Path) -> list[tuple[str, int, Any, list[str]]]:
    """(segment id, first global document number, its reader, the paths of its
    sidecar files in ``folder`` and then of its plain mark) for each segment a
    searcher reads."""
    out = []
    for reader, offset in searcher.reader().leaf_readers():
        segment = reader.segment()
        if segment is None:
            continue
        paths = [str(folder / segment.make_filename(ext)) for ext in (*sidecar.EXTS, PLAIN_EXT)]
        out.append((segment.segment_id(), offset, reader, paths))
    return out


def live_documents(ix: Any, segment: Any) -> Iterator[dict[str, Any]]:
    """The documents of one segment that are not deleted, as documents to index again:
    the stored fields, and the entity fields (one entry per mention) read back from the
    postings, which is all :func:`tui.index.schema.to_whoosh` needs."""
    reader = segment_reader(ix, segment)
    try:
        mentions: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for field in ENTITY_FIELDS:
            if field not in reader.indexed_field_names():
                continue
            for term in reader.lexicon(field):
                text = term.decode("utf-8") if isinstance(term, bytes) else term
                postings = reader.postings(field, term)
                while postings.is_active():
                    mentions[postings.id()][field] += [text] * max(1, int(postings.weight()))
                    postings.next()
        records = (
            list(reader.column_reader("facets", translate=False))
            if "facets" in reader.schema
            else None
        )
        for docnum in range(reader.doc_count_all()):
            if reader.is_deleted(docnum):
                continue
            stored = reader.stored_fields(docnum)
            doc = from_stored(stored)
            doc["entities"] = stored.get("entities") or {}
            if records is not None and records[docnum]:
                # its names as first written: the postings have only their terms
                doc[FACET_RECORD] = records[docnum]
            for field in ENTITY_FIELDS:
                doc[field] = mentions[docnum].get(field, []) if docnum in mentions else []
            yield doc
    finally:
        reader.close()
