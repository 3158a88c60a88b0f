"""Writing a batch of documents as one new Whoosh segment: the builder's bookkeeping.

:class:`SegmentBuilder` writes a batch of documents straight into one new segment
through Whoosh's own codec, so Whoosh reads it as its own (a test compares every
posting with what Whoosh's writer produces); it skips the per-token and
per-posting machinery that made Whoosh's writer the bulk of a build (the postings
come from :mod:`tui.index.postings`). Here is its bookkeeping: which postings
wait, as lists or packed, which are encoded early (as the W3 codec's posting
blocks, :mod:`tui.index.blocks`) and wait in a temporary file.

None of it touches Whoosh's internals: the codec's writers are reached through
the small functions :mod:`tui.index.segment` exports (the one module that
touches them). :func:`tui.index.segment.native_writes` says
whether they are the ones this layout was written for; only then is a builder made.
"""

from __future__ import annotations

import os
import tempfile
from collections import defaultdict
from functools import partial
from typing import Any

from tui.index import whoosh_imports  # noqa: F401 - first: Whoosh without two modules it never uses

# isort: split
from whoosh.formats import Frequency

from tui.heap import give_back
from tui.index import facetfile, termfile
from tui.index.blocks import (
    EncodedBlocks,
    column_blocks,
    encode_blocks,
    encode_columns,
    encode_one_block,
    encode_one_posting,
    posting_blocks,
)
from tui.index.fieldout import FieldOut
from tui.index.packed import Packer, pack_waiting, unpack
from tui.index.postings import FieldPostings, Postings, fast_text
from tui.index.schema import ENTITY_FIELDS
from tui.index.segment import (
    block_limit,
    field_prefix,
    pack_uint,
    start_segment,
    stored_length,
    terms_writer,
)
from tui.index.sidecar import SidecarBuilder
from tui.index.summaries import NamePostings, name_counts
from tui.terms import TermPostings, Vocabulary


class SegmentBuilder:
    """Write a batch of documents straight into one new segment.

    Whoosh's ``SegmentWriter.add_document`` spends most of a build in generic
    machinery: a token object per word, a sorted pool of postings, and a
    read-back of every field length while it writes the postings. This builder
    produces the same segment (a test compares every posting with one written
    by ``SegmentWriter``) through the same codec, but keeps each field's
    postings in a dict, analyses the text fields in one loop, and knows the
    field lengths it wrote. It never takes the write lock: its caller holds it.
    """

    def __init__(
        self,
        ix: Any,
        terms: Vocabulary | None = None,
        sealing: bool = True,
        passages: bool = True,
    ) -> None:
        self._schema = ix.schema
        self._storage = ix.storage
        self._codec, self.segment, self._perdoc = start_segment(self._storage)
        # field -> term -> postings as flat runs of docnum, weight, value, length
        self._postings: dict[str, Postings] = defaultdict(lambda: defaultdict(list))
        self._terms = Vocabulary() if terms is None else terms
        self._fields = FieldPostings(self._terms, stored_length, pack_uint)
        # a field of words (title, body: tui.index.postings.fast_text) -> its postings by
        # term number, packed as they come (tui.terms)
        self._texts: dict[str, TermPostings] = {}
        self._text_fields: dict[str, bool] = {}
        # field -> term -> its posting blocks encoded so far (see _seal)
        self._sealed: dict[str, dict[bytes, EncodedBlocks]] = defaultdict(dict)
        self._spill: _Spill | None = None  # where the sealed blocks wait (made at the first)
        # field -> term -> its postings packed so far (tui.index.packed), and how many
        self._packed: dict[str, dict[bytes, bytes]] = defaultdict(dict)
        self._held: dict[str, dict[bytes, int]] = defaultdict(dict)
        self._packer = Packer()
        # (without sealing, every posting waits as a list until finish: see start_sealing)
        self._next_seal = SEAL_DOCS if sealing else _NEVER
        self._next_pack = PACK_DOCS if sealing else _NEVER
        self._next_take = TAKE_DOCS if sealing else _NEVER
        # (without ``passages``: a plain segment's, whose fingerprints come with its names)
        self._passages = passages
        self._sidecar = SidecarBuilder(passages)
        self._facets: list[bytes] = []  # each document's facet record
        # entity field -> its postings (kept apart from the others': see NamePostings)
        self._names: dict[str, NamePostings] = {}
        self._names_kind = {name: _names_field(self._schema, name) for name in ENTITY_FIELDS}
        self.count = 0

    def add(self, fields: dict[str, Any], summary: dict[str, Any] | None = None) -> None:
        """Add a document's fields (:func:`tui.index.schema.to_whoosh`); ``summary``: its
        entity summary as a dict, if the caller has it (else read from the stored field)."""
        schema = self._schema
        perdoc = self._perdoc
        docnum = self.count
        perdoc.start_doc(docnum)
        lang = fields.get("lang")
        for name in sorted(fields):
            value = fields[name]
            if value is None:
                continue
            field = schema[name]
            length = 0
            if self._names_kind.get(name):
                length = self._add_names(docnum, name, value)
            elif field.indexed:  # the length a reader gets back is rounded to one byte
                target = self._text(name, field)
                length = self._fields.add(
                    self._postings[name] if target is None else target,
                    docnum,
                    name,
                    field,
                    value,
                    lang,
                )
            perdoc.add_field(name, field, value if field.stored else None, length)
            column = field.column_type
            if column:
                perdoc.add_column_value(name, column, field.to_column_value(value))
        perdoc.finish_doc()
        entities = summary if summary is not None else fields.get("entities")
        self._sidecar.add(docnum, fields.get("body"), entities)
        self._facets.append(fields.get("facets") or b"")
        self.count += 1
        if self.count >= self._next_seal:
            self._seal()
            self._next_seal = self.count + SEAL_DOCS

    def _text(self, name: str, field: Any) -> TermPostings | None:
        """The postings of the field of words ``name`` (None: not one)."""
        text = self._texts.get(name)
        if text is None:
            fast = self._text_fields.get(name)
            if fast is None:
                fast = self._text_fields[name] = fast_text(field)
            if not fast:
                return None
            text = self._texts[name] = TermPostings(self._terms)
        return text

    def start_sealing(self) -> None:
        """Seal from the next document on, every :data:`SEAL_DOCS` (for a builder made
        without ``sealing``: one that takes few documents holds their postings as lists
        until :meth:`finish`, and spends nothing on packing and unpacking them; it starts
        once they are many after all)."""
        if self._next_seal == _NEVER:
            self._next_seal = self._next_pack = self._next_take = self.count + 1

    def _add_names(self, docnum: int, name: str, value: Any) -> int:
        """Add an entity field's names (their counts, :func:`tui.index.schema.to_whoosh`
        with ``counted``, or the field's text); returns the field's length."""
        counts = value if isinstance(value, dict) else name_counts(str(value))
        length = sum(counts.values())
        if length:
            postings = self._names.get(name)
            if postings is None:
                postings = self._names[name] = NamePostings()
            postings.add(docnum, counts, stored_length(length) or 0)  # (not None: length > 0)
        return length

    def _seal(self) -> None:
        """Encode now the full posting blocks of the terms that have some.

        As lists, postings take ~130 bytes each; as the bytes the segment will
        hold, ~25. The blocks are those :meth:`finish` would write (Whoosh cuts a
        term's postings every ``blocklimit``), so encoding them early costs nothing:
        only the rest of each term's postings, fewer than a block, wait, packed into
        bytes (:mod:`tui.index.packed`) until they fill one. The encoded blocks wait
        in a temporary file (:class:`_Spill`), not in memory.
        """
        limit = block_limit(self._codec)
        if self._spill is None:
            self._spill = _Spill(getattr(self._storage, "folder", None))
        run = 4 * limit  # a block's postings, as flat runs of four
        packing = self.count >= self._next_pack
        if packing:
            self._next_pack = self.count + PACK_DOCS
        pack = self._packer.pack
        for name, terms in self._postings.items():
            fixedsize = self._schema[name].format.fixed_value_size()
            sealed = self._sealed[name]
            packed = self._packed[name]
            held = self._held[name]
            waiting: Postings = defaultdict(list)  # the terms whose postings still wait as lists
            if packing:  # (the terms short of a block packed in compiled code)
                full = [(t, terms[t]) for t in pack_waiting(terms, packed, held, run)]
            else:
                full = list(terms.items())
            for tbytes, flat in full:
                if not flat:
                    continue
                before = held.get(tbytes, 0)
                if len(flat) + 4 * before < run:
                    if not packing:
                        waiting[tbytes] = flat
                        continue
                    packed[tbytes] = pack(flat, packed[tbytes] if before else None)
                    held[tbytes] = before + len(flat) // 4
                    continue
                if before:
                    flat[:0] = unpack(packed.pop(tbytes))
                    del held[tbytes]
                done = len(flat) // run * run
                blocks = sealed.get(tbytes)
                if blocks is None:
                    blocks = sealed[tbytes] = EncodedBlocks(flat[0])
                encode_blocks(blocks, flat, done // 4, limit, fixedsize, final=False)
                self._spill.keep(blocks)
                del flat[:done]
                if flat:
                    waiting[tbytes] = flat
            # Only the terms with postings since this pass are looked at by the next (a
            # pass over every term of the segment so far was a tenth of a build's _seal
            # at 50,000 articles), and no empty list waits for each term packed or sealed.
            self._postings[name] = waiting
        taking = self.count >= self._next_take
        if taking:
            self._next_take = self.count + TAKE_DOCS
        for name, text in self._texts.items() if taking else ():
            # the fields of words: their postings since the last pass are packed after
            # their terms' (in compiled code); the whole blocks of the terms that fill one
            # come back decoded as columns to be encoded, and the terms hold the rest
            fixedsize = self._schema[name].format.fixed_value_size()
            sealed = self._sealed[name]
            for taken in text.take(limit):
                ids, weights, values, lengths = taken.columns()
                blocks = sealed.get(taken.term)
                if blocks is None:
                    blocks = sealed[taken.term] = EncodedBlocks(ids[0])
                encode_columns(blocks, ids, weights, values, lengths, limit, fixedsize)
                self._spill.keep(blocks)
        # (What a pass frees stays in the C allocator's free lists for the next passes:
        # given back to the system at each pass, as until 2026-12-07, the pages came back
        # as fresh ones, zeroed by the kernel, at the next; at 8,000 articles of the
        # 50,000-article corpus, index side, 5-12% of one build worker's CPU, for 8 MB
        # less at its peak. A 50,000-article build's first phase peaks at ~280 MB all
        # processes together, below its second phase's ~390 MB.)

    def finish(self) -> Any:
        """Write the postings, close the files; return the segment (None if empty)."""
        self._perdoc.close()
        if not self.count:
            return None
        writer, postfile, table = terms_writer(self._codec, self._storage, self.segment)
        limit = block_limit(self._codec)
        schema = self._schema
        create = partial(self.segment.create_file, self._storage)
        for name in ENTITY_FIELDS:  # (a field no document has: an empty table)
            if not (
                self._postings.get(name)
                or self._packed.get(name)
                or self._sealed.get(name)
                or self._names.get(name)
            ):
                termfile.write(create, name, {})
        for name in sorted({*self._postings, *self._names, *self._texts}):
            names = self._names.pop(name, None)  # (let go of once written)
            if names is not None:
                write_names(schema, limit, writer, postfile, table, create, name, names)
                continue
            text = self._texts.pop(name, None)
            terms = self._postings[name] if text is None else {}
            sealed = self._sealed.get(name, {})
            packed = self._packed.get(name, {})
            if text is not None:  # (every posting of a field of words packed by its term)
                text.take(_NEVER)
            # the field's terms: those whose postings wait as lists (since the last pass
            # of _seal), were packed or were sealed (encoded early), or several of these
            order = sorted({*terms, *packed, *sealed, *(text.terms() if text else ())})
            # an entity field's terms with their counts, for the file beside the segment
            counts: termfile.Terms | None = {} if name in ENTITY_FIELDS else None
            writer.start_field(name, schema[name])
            prefix = field_prefix(writer)
            fixedsize = schema[name].format.fixed_value_size()
            out = FieldOut(postfile, table, prefix, counts)
            spill = self._spill
            # Each term's postings are let go of as they are written: the field's
            # postings are never held twice (as lists and encoded), nor is the file's
            # share of them (at finish, a worker's memory grew by ~90 MB before this).
            for tbytes in order:
                blocks = sealed.pop(tbytes, None) if sealed else None
                if text is not None:  # (decoded straight into the columns a block takes)
                    if blocks is not None and spill is not None:
                        spill.restore(blocks)
                    blob, stats = column_blocks(*text.columns(tbytes), limit, fixedsize, blocks)
                    out.add(tbytes, blob, stats)
                    continue
                flat = terms.pop(tbytes, None)
                if flat is None:
                    flat = []
                if packed and tbytes in packed:
                    flat[:0] = unpack(packed.pop(tbytes))
                if blocks is None:  # (the shortcuts of posting_blocks, without its call)
                    if len(flat) == 4:
                        blob, stats = encode_one_posting(flat, fixedsize)
                    elif len(flat) <= 4 * limit:
                        blob, stats = encode_one_block(flat, fixedsize)
                    else:
                        blob, stats = posting_blocks(flat, limit, fixedsize)
                else:
                    if spill is not None:
                        spill.restore(blocks)
                    blob, stats = posting_blocks(flat, limit, fixedsize, blocks)
                out.add(tbytes, blob, stats)
            out.close()
            writer.finish_field()
            if counts is not None:
                termfile.write(create, name, counts)
        writer.close()
        self.segment.set_doc_count(self.count)
        # The postings just written were freed into the C allocator's free lists, where
        # the passage files' arrays, made next, do not fit: they took fresh pages on top,
        # and that was a build worker's peak (each of the two at 50,000 articles).
        give_back()
        self._sidecar.write(create)
        facetfile.write(create, self._facets)
        self._free()
        # What the segment's tables and its passage files' arrays took is free now, but
        # resident in the allocator's free lists: given back, a build worker starts its
        # next segment ~20-40 MB smaller (50,000 articles), so that while one worker
        # writes a segment, the other, halfway through one, holds what it uses, not
        # the high-water mark of its last segment.
        give_back()
        return self.segment

    def _free(self) -> None:
        """Let go of the postings now written, whatever still refers to this builder:
        a build's worker runs without the cyclic collector, and without this its
        memory grew by a segment's tables (~25 MB) at each new segment."""
        self._postings = defaultdict(lambda: defaultdict(list))
        self._texts = {}
        self._sealed = defaultdict(dict)
        self._packed = defaultdict(dict)
        self._held = defaultdict(dict)
        if self._spill is not None:
            self._spill.close()
            self._spill = None
        self._sidecar = SidecarBuilder(self._passages)
        self._facets = []
        self._names = {}


def write_names(
    schema: Any,
    limit: int,
    writer: Any,
    postfile: Any,
    table: Any,
    create: Any,
    name: str,
    names: NamePostings,
) -> None:
    """Write an entity field's terms (:class:`NamePostings`) and its file of counts, with
    the segment's field writer, postings file and terms table (``limit``: postings a
    block); a copy that adds the names writes them so too (:mod:`tui.index.enriching`)."""
    field = schema[name]
    counts: termfile.Terms = {}
    writer.start_field(name, field)
    out = FieldOut(postfile, table, field_prefix(writer), counts)
    fixedsize = field.format.fixed_value_size()
    boost = field.format.field_boost
    for tbytes, number in names.terms():
        blob, stats = posting_blocks(names.postings(number, boost, pack_uint), limit, fixedsize)
        out.add(tbytes, blob, stats)
    out.close()
    writer.finish_field()
    termfile.write(create, name, counts)


def _names_field(schema: Any, name: str) -> bool:
    """Whether the builder keeps the postings of the entity field ``name`` apart
    (:class:`NamePostings`): indexed and scored, its postings' values the names'
    frequencies, as :func:`tui.index.schema.make_schema` makes it (else the field
    goes the way of the others, :class:`FieldPostings`)."""
    if name not in schema:
        return False
    field = schema[name]
    return bool(field.indexed and field.scorable and type(field.format) is Frequency)


#: Documents a segment takes between two passes of :meth:`SegmentBuilder._seal`. A pass
#: costs a look at every term (~15 ms at 20M characters) and the encoding of what came
#: since the last; later passes came every eighth of the documents so far (~1,100 at the
#: end of a segment), and the lists waiting in between were a worker's peak. At 500, a
#: 50,000-article build's workers held up to ~13 MB each of postings as lists at their
#: peak (~100 bytes a posting, against ~25 packed); at 250 the build's peak was 17-25 MB
#: lower, its CPU the same within noise (+0-3%, two runs each).
SEAL_DOCS = 250
#: Documents between two passes that also pack the postings of terms short of a block:
#: every pass, since packing appends only what came since the last
#: (:mod:`tui.index.packed`). Every 2,000 documents, what waited as lists in between
#: was ~35 MB of a worker's peak at 20M characters.
PACK_DOCS = SEAL_DOCS
#: Documents between two passes that take the postings of the fields of words (title and
#: body: :meth:`tui.terms.TermPostings.take`), which wait packed (~45 bytes a posting),
#: not as lists. Each pass copied again what each term it meets holds packed (since
#: 2026-12-07, at most :data:`tui.terms.CHUNK` bytes of it): so passes were made rare,
#: every 1,000 documents. With that copy bounded, a pass costs little more than the
#: postings it takes, and what waits between two passes is a worker's memory: 8,000
#: articles of the 50,000-article corpus written as one build worker writes them (index
#: side, one process each, alternated, load 3-5): every 1,000 documents CPU best 2.36 s
#: (median 2.57), max RSS +107 MB; every 500, 2.38 s (median 2.50), +87 MB; every 250,
#: 2.61 s (median 2.72), +85 MB. The segments are the same bytes.
TAKE_DOCS = 500
_NEVER = 1 << 62
#: A build that takes at most this many documents (the ``share`` of
#: :func:`tui.index.build.build_bounded`) holds their postings as lists until it writes
#: them (see :meth:`SegmentBuilder.start_sealing`): sealing them every :data:`SEAL_DOCS`
#: bounds the memory of a segment of any size, but packing the postings of the terms
#: short of a block and unpacking them again at the end was ~10% of a BBC build's index
#: side (two workers of ~1,100 documents: ~0.17 s of CPU). The lists of 2,000 news
#: articles are ~50 MB; a segment that holds :data:`UNSEALED_CHARS` of text starts
#: sealing anyway (long documents).
UNSEALED_DOCS = 2_000
UNSEALED_CHARS = 5_000_000


class _Spill:
    """A temporary file (in the index folder, removed when closed) holding the posting
    blocks :meth:`SegmentBuilder._seal` encoded, until :meth:`SegmentBuilder.finish`
    writes them in term order. In memory they were a fifth of a segment's build
    (~50 MB of 20M characters of text); the file stays in the page cache."""

    def __init__(self, folder: str | None) -> None:
        self._file = tempfile.TemporaryFile(dir=folder)
        self._size = 0

    def keep(self, blocks: EncodedBlocks) -> None:
        """Move ``blocks``' encoded parts to the file."""
        for part in blocks.parts:
            self._file.write(part)
            blocks.spilled += (self._size, len(part))
            self._size += len(part)
        blocks.parts.clear()

    def restore(self, blocks: EncodedBlocks) -> None:
        """Put the parts :meth:`keep` moved back in front of ``blocks``' parts."""
        if not blocks.spilled:
            return
        self._file.flush()
        fd = self._file.fileno()
        spans = blocks.spilled
        blocks.parts[:0] = [os.pread(fd, spans[i + 1], spans[i]) for i in range(0, len(spans), 2)]
        blocks.spilled = []

    def close(self) -> None:
        self._file.close()
