"""Each segment's facet records, parsed once: in a file beside the segment.

Every document's ``facets`` column holds a short record
(:func:`~tui.index.schema.pack_facets`). Counting needs them as arrays of numbers;
parsing 50,000 records (some 870,000 entity names) takes about half a second, which
the first count after opening paid. The segment builder now parses its records
once and writes the arrays beside the segment (``.fct``, in the format of the
sidecar files, :mod:`tui.index.arrayfile`): reading them back is a map of the file
and a JSON header. A segment without the file (written by Whoosh's own writer, or
by an older Dossier) is parsed from its column, as before.

Values are numbered within the segment (``names``); :class:`tui.index.facet_cache.FacetCache`
renumbers them into its own table of names.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from dataclasses import dataclass
from itertools import repeat
from typing import TYPE_CHECKING, Any

from tui.index.arrayfile import pack_arrays, unpack_arrays, write_file
from tui.index.schema import (
    ENTITY_FIELDS,
    FACET_NAMES,
    FACET_RECORD_FIELDS,
    FACET_UNIT,
    pack_unpacked,
    unpack_facets,
)
from tui.lazy import lazy_module

if TYPE_CHECKING:
    import numpy as np
else:
    np = lazy_module("numpy")

FACETS_EXT = ".fct"


@dataclass
class LocalFacets:
    """One segment's facet values by document number, numbered within the segment:
    ``arrays`` has ``source``, ``day`` (a proleptic ordinal, 0 undated), ``lang``, and
    for each entity kind its values one after the other (``person``) and how many
    each document has (``person_count``)."""

    ids: list[str]
    names: list[str]
    arrays: dict[str, Any]


def parse_records(records: list[bytes]) -> LocalFacets:
    """The facet records of a segment's documents, split all at once."""
    fields = len(FACET_RECORD_FIELDS)
    unit = FACET_UNIT.encode("ascii")
    records = list(records)
    units = list(map(bytes.count, records, repeat(unit)))
    if units.count(fields - 1) != len(records):
        for n, found in enumerate(units):
            if found != fields - 1:  # empty, damaged, or with more after
                records[n] = pack_unpacked(*unpack_facets(records[n]))
    text = unit.join(records).decode("utf-8", "surrogateescape") if records else ""
    columns = text.split(FACET_UNIT) if records else [""] * fields
    numbers: dict[str, int] = {"": 0}

    def numbered(values: list[str]) -> Any:
        for value in dict.fromkeys(values):
            numbers.setdefault(value, len(numbers))
        return np.fromiter(map(numbers.__getitem__, values), dtype=np.uint32, count=len(values))

    arrays: dict[str, Any] = {
        "source": numbered(columns[1::fields]),
        "day": np.array([int(d) if d else 0 for d in columns[2::fields]], dtype=np.int64),
        "lang": numbered(columns[3::fields]),
    }
    for k, kind in enumerate(ENTITY_FIELDS):
        per_doc = columns[4 + k :: fields]
        joined = [p for p in per_doc if p]
        flat = FACET_NAMES.join(joined).split(FACET_NAMES) if joined else []
        size = len(per_doc)
        separators = np.fromiter(map(str.count, per_doc, repeat(FACET_NAMES)), np.uint32, size)
        arrays[kind] = numbered(flat)
        arrays[f"{kind}_count"] = separators + np.fromiter(map(bool, per_doc), np.uint32, size)
    if not records:
        arrays = {name: values[:0] for name, values in arrays.items()}
    return LocalFacets(columns[0::fields] if records else [], list(numbers), arrays)


def pack(records: list[bytes]) -> bytes:
    """The ``.fct`` file of a segment whose documents have these facet records."""
    local = parse_records(records)
    return pack_arrays(local.arrays, {"ids": local.ids, "names": local.names})


def write(create: Callable[[str], Any], records: list[bytes]) -> None:
    """Write a segment's ``.fct`` file; ``create(ext)`` opens a new file of the segment."""
    write_file(create, FACETS_EXT, pack(records))


def read(path: str) -> LocalFacets:
    """A segment's ``.fct`` file (``OSError``/``ValueError`` when missing or unreadable)."""
    with open(path, "rb") as handle:  # noqa: PTH123
        data = handle.read()
    try:
        arrays, header = unpack_arrays(data)
    except (struct.error, KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"not a facet file ({type(exc).__name__})") from None
    ids, names = header.get("ids"), header.get("names")
    if not isinstance(ids, list) or not isinstance(names, list):
        raise ValueError("not a facet file")
    expected = {"source", "day", "lang", *ENTITY_FIELDS, *(f"{k}_count" for k in ENTITY_FIELDS)}
    if set(arrays) != expected or any(len(arrays[k]) != len(ids) for k in ("source", "day")):
        raise ValueError("not a facet file")
    return LocalFacets(ids, names, arrays)
