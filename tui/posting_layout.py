"""One posting of an index being built, packed into bytes: the layout, written and read.

While a segment is built, a term's postings (``docnum, weight, value, length``) wait
packed until they fill a posting block: :mod:`tui.terms` writes each text's postings
in this layout as it reads the text (its own writer, for the shapes a text gives),
and :mod:`tui.index.packed` packs the postings of the other fields with :func:`put`.
Both read them back with :func:`decode`. Each posting is native numbers written into
a ``BytesWriter`` (librt), a tag byte first that says which of its shapes follows
(the document number as 32 bits; the weight as one byte when it is a whole number
from 1 to 63, as most are, else as a double; the value's length as one byte or four;
the value; the length, or none). A posting of any other shape (a number out of those
ranges, another type) is pickled whole after its tag. The values read back are equal
to those written, of the same types (ints, floats, bytes, None), so the segment's
files do not depend on the postings having waited packed. Setup.py compiles this
module with mypyc.
"""

from __future__ import annotations

import pickle
from typing import Any, Final

from librt.strings import (
    BytesWriter,
    read_f64_le,
    read_i32_le,
    write_f64_le,
    write_i32_le,
)
from mypy_extensions import i32, i64

#: A packed posting starts with a tag byte, whose bits say: no length (None); the
#: weight as one byte; the value's length as one byte. A tag of :data:`PICKLED` is a
#: posting pickled whole.
NO_LENGTH: Final = 1
SMALL_WEIGHT: Final = 2
SHORT_VALUE: Final = 4
PICKLED: Final = 255
INT_MAX: Final = 0x7FFFFFFF

#: The weights written as one byte, read back as these same float objects (``Any``:
#: compiled, a ``list[float]`` item read is a C double, boxed anew when stored).
WEIGHTS: Final[list[Any]] = [float(n) for n in range(64)]


def put(out: BytesWriter, doc: Any, weight: Any, value: Any, length: Any) -> None:
    """Write one posting, in whichever shape it fits (see the module's docstring)."""
    if (
        type(doc) is not int
        or type(weight) is not float
        or type(value) is not bytes
        or not (length is None or type(length) is int)
        or not 0 <= doc <= INT_MAX
        or not (length is None or 0 <= length <= INT_MAX)
    ):
        data = pickle.dumps([doc, weight, value, length], 5)
        out.append(PICKLED)
        write_i32_le(out, i32(len(data)))
        out.write(data)
        return
    tag = 0
    small = 0
    if 1.0 <= weight < 64.0 and weight == float(int(weight)):
        tag |= SMALL_WEIGHT
        small = int(weight)
    size = len(value)
    if size < 256:
        tag |= SHORT_VALUE
    if length is None:
        tag |= NO_LENGTH
    out.append(tag)
    write_i32_le(out, i32(doc))
    if tag & SMALL_WEIGHT:
        out.append(small)
    else:
        write_f64_le(out, weight)
    if tag & SHORT_VALUE:
        out.append(size)
    else:
        write_i32_le(out, i32(size))
    out.write(value)
    if length is not None:
        write_i32_le(out, i32(length))


def decode(
    packed: bytes, ids: list[Any], weights: list[Any], values: list[Any], lengths: list[Any]
) -> None:
    """Add the postings ``packed`` holds (a posting pickled whole is unpickled) to the
    columns: the documents, weights, values and lengths, each as it was written, a
    posting's four values in that order. The one decoder of the layout:
    :meth:`tui.terms.Full.columns` takes the four columns a block encoder takes;
    :func:`tui.index.packed.unpack` gives one list as all four, which then holds the
    postings flat (``docnum, weight, value, length`` runs), at the same cost."""
    at: i64 = 0
    end: i64 = len(packed)
    while at < end:
        tag = packed[at]
        at += 1
        if tag == PICKLED:
            size = i64(read_i32_le(packed, at))
            at += 4
            doc, weight, value, length = pickle.loads(packed[at : at + size])
            ids.append(doc)
            weights.append(weight)
            values.append(value)
            lengths.append(length)
            at += size
            continue
        ids.append(int(read_i32_le(packed, at)))
        at += 4
        if tag & SMALL_WEIGHT:
            weights.append(WEIGHTS[packed[at]])
            at += 1
        else:
            weights.append(read_f64_le(packed, at))
            at += 8
        if tag & SHORT_VALUE:
            size = i64(packed[at])
            at += 1
        else:
            size = i64(read_i32_le(packed, at))
            at += 4
        values.append(packed[at : at + size])
        at += size
        if tag & NO_LENGTH:
            lengths.append(None)
        else:
            lengths.append(int(read_i32_le(packed, at)))
            at += 4
