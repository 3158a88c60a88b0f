"""Writing a batch of documents as one new Whoosh segment: the builder's bookkeeping.

:class:`SegmentBuilder` writes a batch of documents straight into one new segment
through Whoosh's own codec, so Whoosh reads it as its own (a test compares every
posting with what Whoosh's writer produces); it skips the per-token and
per-posting machinery that made Whoosh's writer the bulk of a build (the postings
come from :mod:`tui.index.postings`). Here are its bookkeeping (which postings
wait, as lists or packed, which are encoded early and wait in a temporary file)
and the encoding of a term's postings as the W3 codec's posting blocks, a block
at a time.

None of it touches Whoosh's internals: the codec's writers, its struct of a
terms-table entry, its integer packing and its byte of a field length are reached
through the small functions and constants :mod:`tui.index.segment` exports (the
one module that imports them). :func:`tui.index.segment.native_writes` says
whether they are the ones this layout was written for; only then is a builder made.
"""

from __future__ import annotations

import operator
import os
import pickle
import tempfile
from array import array
from collections import defaultdict
from functools import partial
from itertools import chain
from typing import Any

from tui.heap import give_back
from tui.index import facetfile, termfile
from tui.index.fieldout import FieldOut
from tui.index.packed import Packer, unpack
from tui.index.postings import FieldPostings, Postings, Terms
from tui.index.schema import ENTITY_FIELDS
from tui.index.segment import (
    HEADER_MAGIC,
    block_limit,
    field_prefix,
    length_to_byte,
    pack_int,
    pack_uint,
    start_segment,
    stored_length,
    terms_writer,
)
from tui.index.sidecar import SidecarBuilder


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

    def __init__(self, ix: Any, terms: Terms | None = None) -> None:
        self._schema = ix.schema
        self._storage = ix.storage
        self._codec, self.segment, self._perdoc = start_segment(self._storage)
        # field -> term -> postings as flat runs of docnum, weight, value, length
        self._postings: dict[str, Postings] = defaultdict(lambda: defaultdict(list))
        self._fields = FieldPostings(terms, stored_length, pack_uint)
        # field -> term -> its posting blocks encoded so far (see _seal)
        self._sealed: dict[str, dict[bytes, _Blocks]] = defaultdict(dict)
        self._spill: _Spill | None = None  # where the sealed blocks wait (made at the first)
        # field -> term -> its postings packed so far (tui.index.packed), and how many
        self._packed: dict[str, dict[bytes, bytes]] = defaultdict(dict)
        self._held: dict[str, dict[bytes, int]] = defaultdict(dict)
        self._packer = Packer()
        self._next_seal = SEAL_DOCS
        self._next_pack = PACK_DOCS
        self._sidecar = SidecarBuilder()
        self._facets: list[bytes] = []  # each document's facet record
        self.count = 0

    def add(self, fields: dict[str, Any]) -> None:
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
            if field.indexed:  # the length a reader gets back is rounded to one byte
                length = self._fields.add(self._postings[name], docnum, name, field, value, lang)
            perdoc.add_field(name, field, value if field.stored else None, length)
            column = field.column_type
            if column:
                perdoc.add_column_value(name, column, field.to_column_value(value))
        perdoc.finish_doc()
        self._sidecar.add(docnum, fields.get("body"), fields.get("entities"))
        self._facets.append(fields.get("facets") or b"")
        self.count += 1
        if self.count >= self._next_seal:
            self._seal()
            self._next_seal = self.count + SEAL_DOCS

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
            for tbytes, flat in terms.items():
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
                    blocks = sealed[tbytes] = _Blocks(flat[0])
                _encode_blocks(blocks, flat, done // 4, limit, fixedsize, final=False)
                self._spill.keep(blocks)
                del flat[:done]
                if flat:
                    waiting[tbytes] = flat
            # Only the terms with postings since this pass are looked at by the next (a
            # pass over every term of the segment so far was a tenth of a build's _seal
            # at 50,000 articles), and no empty list waits for each term packed or sealed.
            self._postings[name] = waiting
        # Each pass frees the runs it packed or encoded (held in the C allocator's free
        # lists, mostly too small for the larger runs of the next pass); given back, a
        # 50,000-article build's workers each held ~10 MB less at their last segment.
        give_back()

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
            if not (self._postings.get(name) or self._packed.get(name) or self._sealed.get(name)):
                termfile.write(create, name, {})
        for name in sorted(self._postings):
            terms = self._postings[name]
            sealed = self._sealed.get(name, {})
            packed = self._packed.get(name, {})
            # the field's terms: those whose postings wait as lists (since the last pass
            # of _seal), were packed or were sealed (encoded early), or several of these
            order = sorted({*terms, *packed, *sealed})
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
                flat = terms.pop(tbytes, None)
                if flat is None:
                    flat = []
                if packed and tbytes in packed:
                    flat[:0] = unpack(packed.pop(tbytes))
                blocks = sealed.pop(tbytes, None) if sealed else None
                if blocks is None:  # (the shortcuts of _posting_blocks, without its call)
                    if len(flat) == 4:
                        blob, stats = _one_posting(flat, fixedsize)
                    elif len(flat) <= 4 * limit:
                        blob, stats = _one_block(flat, fixedsize)
                    else:
                        blob, stats = _posting_blocks(flat, limit, fixedsize)
                else:
                    if spill is not None:
                        spill.restore(blocks)
                    blob, stats = _posting_blocks(flat, limit, fixedsize, blocks)
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
        return self.segment

    def _free(self) -> None:
        """Let go of the postings now written, whatever still refers to this builder:
        a build's worker runs without the cyclic collector, and without this its
        memory grew by a segment's tables (~25 MB) at each new segment."""
        self._postings = defaultdict(lambda: defaultdict(list))
        self._sealed = defaultdict(dict)
        self._packed = defaultdict(dict)
        self._held = defaultdict(dict)
        if self._spill is not None:
            self._spill.close()
            self._spill = None
        self._sidecar = SidecarBuilder()
        self._facets = []


#: Whoosh pickles blocks with protocol 2, which has no opcode for bytes and
#: pickles each value through a codec call; any protocol reads back the same.
_PICKLE = 4


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


class _Blocks:
    """A term's posting blocks encoded so far, and the statistics of their postings."""

    __slots__ = (
        "first",
        "last",
        "maxlength",
        "maxweight",
        "minlength",
        "parts",
        "spilled",
        "total",
        "weight_sum",
    )

    def __init__(self, first: int) -> None:
        self.parts: list[bytes] = []
        self.spilled: list[int] = []  # offset and length in the spill file of each earlier part
        self.weight_sum = 0.0
        self.total = 0
        self.minlength: int | None = None
        self.maxlength = 0
        self.maxweight: float = 0
        self.first = first
        self.last = first


class _Spill:
    """A temporary file (in the index folder, removed when closed) holding the posting
    blocks :meth:`SegmentBuilder._seal` encoded, until :meth:`SegmentBuilder.finish`
    writes them in term order. In memory they were a fifth of a segment's build
    (~50 MB of 20M characters of text); the file stays in the page cache."""

    def __init__(self, folder: str | None) -> None:
        self._file = tempfile.TemporaryFile(dir=folder)
        self._size = 0

    def keep(self, blocks: _Blocks) -> None:
        """Move ``blocks``' encoded parts to the file."""
        for part in blocks.parts:
            self._file.write(part)
            blocks.spilled += (self._size, len(part))
            self._size += len(part)
        blocks.parts.clear()

    def restore(self, blocks: _Blocks) -> None:
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


def encode_postings(
    ids: list[int],
    weights: list[Any],
    values: list[Any],
    lengths: list[Any],
    limit: int,
    fixedsize: int | None,
) -> tuple[bytes, tuple[Any, ...]]:
    """A term's whole posting list, given as its documents, weights, values and field
    lengths (as :class:`SegmentBuilder` keeps them), as the segment holds it, and its
    terms-table statistics: what :meth:`SegmentBuilder.finish` writes for a term none
    of whose blocks were encoded early."""
    count = len(ids)
    if count == 1:
        return _one_posting([ids[0], weights[0], values[0], lengths[0]], fixedsize)
    if count <= limit:
        return _block_of(ids, weights, values, lengths, fixedsize)
    flat: list[Any] = [None] * (4 * count)
    flat[0::4] = ids
    flat[1::4] = weights
    flat[2::4] = values
    flat[3::4] = lengths
    return _posting_blocks(flat, limit, fixedsize)


def join_blocks(
    parts: list[tuple[int, Any, Any, Any, int, int, int]], fixedsize: int | None
) -> tuple[bytes, tuple[Any, ...]]:
    """The posting list of one block that postings of several segments make together,
    each part as its own one-block list holds it: (what its documents' numbers grow by,
    its deltas, weights and values as pickled, its shortest and longest field length as
    bytes, its last document), the parts' documents in order, fewer than a block in
    all. The same bytes and statistics as :func:`_block_of` of the postings one after
    the other, without making a list of each posting's document, weight and length."""
    deltas: list[int] = []
    values: list[Any] = []
    previous = 0
    minbyte, maxbyte = 255, 0
    plain = True  # every weight 1.0 (each part's None)
    for shift, part_deltas, part_weights, part_values, shortest, longest, last in parts:
        deltas.append(part_deltas[0] + shift - previous)
        deltas += part_deltas[1:]
        previous = last + shift
        if part_weights is not None:
            plain = False
        if part_values:
            values.append(part_values)
        if shortest < minbyte:
            minbyte = shortest
        if longest > maxbyte:
            maxbyte = longest
    count = len(deltas)
    if plain:
        mini_weights: Any = None
        weight_sum = 0.0 + count
        maxweight: Any = 1.0
    else:
        weights: list[float] = []
        for _, part_deltas, part_weights, *_ in parts:
            if part_weights is None:
                weights += [1.0] * len(part_deltas)
            elif isinstance(part_weights, float):
                weights += [part_weights] * len(part_deltas)
            else:
                weights += part_weights
        first = weights[0]
        mini_weights = first if weights.count(first) == count else tuple(weights)
        weight_sum = 0.0 + sum(weights)
        maxweight = max(0, max(weights))
        if weights.count(1.0) == count:
            mini_weights = None
    if fixedsize is None or fixedsize < 0:
        mini_values: Any = values[0] if len(values) == 1 else tuple(chain.from_iterable(values))
    elif fixedsize == 0:
        mini_values = None
    else:
        mini_values = b"".join(values)
    ids_first = deltas[0]
    data = pickle.dumps((tuple(deltas), mini_weights, mini_values), _PICKLE)
    head = pickle.dumps((count, previous, maxweight, 0, minbyte, maxbyte), _PICKLE)
    part = pack_int(-(len(head) + len(data))) + head + data
    stats = (weight_sum, count, minbyte, maxbyte, max(0, maxweight), ids_first, previous)
    return HEADER_MAGIC + part, stats


def _posting_blocks(
    flat: list[Any], limit: int, fixedsize: int | None, sealed: _Blocks | None = None
) -> tuple[bytes, tuple[Any, ...]]:
    """One term's posting blocks, and the statistics its terms-table entry holds.

    ``flat`` holds the term's postings as ``docnum, weight, value, length``
    runs of four (those after the blocks ``sealed`` holds, if any). The bytes are
    those of Whoosh's W3 postings writer (blocks of up to ``limit`` postings: a
    pickled info tuple, then the pickled ids as deltas, weights and values), built
    a block at a time with slices instead of a posting at a time. The statistics
    are W3TermInfo's: total weight, document count, shortest and longest field
    length (as bytes), highest weight, first and last document.
    """
    if sealed is None and len(flat) == 4:
        return _one_posting(flat, fixedsize)
    if sealed is None and len(flat) <= 4 * limit:
        return _one_block(flat, fixedsize)
    blocks = sealed if sealed is not None else _Blocks(flat[0])
    if flat:
        _encode_blocks(blocks, flat, len(flat) // 4, limit, fixedsize, final=True)
    else:  # every posting is in a sealed block: the last of them ends the list
        last = blocks.parts[-1]
        blocks.parts[-1] = pack_int(-(len(last) - 4)) + last[4:]
    minlength = blocks.minlength
    stats = (
        blocks.weight_sum,
        blocks.total,
        0 if minlength is None else length_to_byte(minlength),
        length_to_byte(blocks.maxlength),
        blocks.maxweight,
        blocks.first,
        blocks.last,
    )
    return b"".join([HEADER_MAGIC, *blocks.parts]), stats


def _one_posting(flat: list[Any], fixedsize: int | None) -> tuple[bytes, tuple[Any, ...]]:
    """:func:`_posting_blocks` of a term with one posting and no sealed block (about
    half the terms of a segment): the same bytes and statistics, without the slices,
    counts and loops that a block of many postings needs."""
    docnum, weight, value, length = flat
    if weight == 1.0:
        mini_weights: Any = None
        weight_sum = 1.0
    else:
        mini_weights = array("f", (weight,))[0]  # the codec keeps float32 weights
        weight_sum = 0.0 + mini_weights
    if fixedsize is None or fixedsize < 0:
        mini_values: Any = () if value == b"" else (value,)
    elif fixedsize == 0:
        mini_values = None
    else:
        mini_values = b"" if value == b"" else b"".join((value,))
    data = pickle.dumps(((docnum,), mini_weights, mini_values), _PICKLE)
    maxweight = max(0, weight)
    lengthbyte = 0 if length is None else length_to_byte(length)
    head = pickle.dumps((1, docnum, maxweight, 0, lengthbyte, lengthbyte), _PICKLE)
    part = pack_int(-(len(head) + len(data))) + head + data
    stats = (weight_sum, 1, lengthbyte, lengthbyte, max(0, maxweight), docnum, docnum)
    return HEADER_MAGIC + part, stats


def _one_block(flat: list[Any], fixedsize: int | None) -> tuple[bytes, tuple[Any, ...]]:
    """:func:`_posting_blocks` of a term whose postings fill one block and none sealed
    (nearly every term of more than one posting): the same bytes and statistics as
    :func:`_encode_blocks` makes them, without its loop and running totals."""
    return _block_of(flat[0::4], flat[1::4], flat[2::4], flat[3::4], fixedsize)


def _block_of(
    ids: list[int], weights: list[Any], values: list[Any], lengths: list[Any], fixedsize: int | None
) -> tuple[bytes, tuple[Any, ...]]:
    """:func:`_one_block` of the postings given as columns."""
    count = len(ids)
    if weights.count(1.0) == count:
        mini_weights: Any = None
        weight_sum = 0.0 + count
    else:
        rounded = array("f", weights).tolist()  # the codec keeps float32 weights
        mini_weights = rounded[0] if weights.count(weights[0]) == count else tuple(rounded)
        weight_sum = 0.0 + sum(rounded)
    if b"" in values:
        values = [v for v in values if v]
    if fixedsize is None or fixedsize < 0:
        mini_values: Any = tuple(values)
    elif fixedsize == 0:
        mini_values = None
    else:
        mini_values = b"".join(values)
    if None in lengths:
        lengths = [n for n in lengths if n]
    deltas = (ids[0], *map(operator.sub, ids[1:], ids[:-1]))
    data = pickle.dumps((deltas, mini_weights, mini_values), _PICKLE)
    maxweight = max(0, max(weights))
    shortest = min(lengths) if lengths else None
    longest = max(lengths) if lengths else 0
    minbyte = length_to_byte(shortest)
    maxbyte = length_to_byte(longest)
    head = pickle.dumps((count, ids[-1], maxweight, 0, minbyte, maxbyte), _PICKLE)
    part = pack_int(-(len(head) + len(data))) + head + data
    stats = (
        weight_sum,
        count,
        0 if shortest is None else minbyte,
        length_to_byte(max(0, longest)),
        max(0, maxweight),
        ids[0],
        ids[-1],
    )
    return HEADER_MAGIC + part, stats


def _encode_blocks(
    blocks: _Blocks, flat: list[Any], total: int, limit: int, fixedsize: int | None, final: bool
) -> None:
    """Append to ``blocks`` the blocks of the first ``total`` postings of ``flat``;
    with ``final``, the last block is marked as the term's last."""
    parts = blocks.parts
    weight_sum = blocks.weight_sum
    minlength = blocks.minlength
    maxlength = blocks.maxlength
    maxweight = blocks.maxweight
    for start in range(0, total, limit):
        stop = min(start + limit, total)
        ids = flat[4 * start : 4 * stop : 4]
        weights = flat[4 * start + 1 : 4 * stop : 4]
        values = flat[4 * start + 2 : 4 * stop : 4]
        lengths = flat[4 * start + 3 : 4 * stop : 4]
        count = stop - start
        first = weights[0]
        if weights.count(1.0) == count:
            mini_weights: Any = None
            weight_sum += count
        else:
            rounded = array("f", weights).tolist()  # the codec keeps float32 weights
            mini_weights = rounded[0] if weights.count(first) == count else tuple(rounded)
            weight_sum += sum(rounded)
        if b"" in values:
            values = [v for v in values if v]
        if fixedsize is None or fixedsize < 0:
            mini_values: Any = tuple(values)
        elif fixedsize == 0:
            mini_values = None
        else:
            mini_values = b"".join(values)
        if None in lengths:
            lengths = [n for n in lengths if n]
        deltas = (ids[0], *map(operator.sub, ids[1:], ids[:-1]))
        data = pickle.dumps((deltas, mini_weights, mini_values), _PICKLE)
        block_maxweight = max(0, max(weights))
        block_min = min(lengths) if lengths else None
        block_max = max(lengths) if lengths else 0
        head = pickle.dumps(
            (
                count,
                ids[-1],
                block_maxweight,
                0,  # not compressed
                length_to_byte(block_min),
                length_to_byte(block_max),
            ),
            _PICKLE,
        )
        size = len(head) + len(data)
        parts.append(pack_int(-size if final and stop == total else size) + head + data)
        if minlength is None:
            minlength = block_min
        elif block_min is not None:
            minlength = min(minlength, block_min)
        maxlength = max(maxlength, block_max)
        maxweight = max(maxweight, block_maxweight)
    blocks.weight_sum = weight_sum
    blocks.minlength = minlength
    blocks.maxlength = maxlength
    blocks.maxweight = maxweight
    blocks.total += total
    blocks.last = flat[4 * total - 4]
