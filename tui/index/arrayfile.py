"""The format of the files Dossier keeps beside a segment: named arrays, mapped to read.

The sidecar files (:mod:`tui.index.sidecar`) and the facet file
(:mod:`tui.index.facetfile`) are each a small JSON header (its arrays' types,
lengths and offsets, and whatever else the file keeps: the entity list of a
``.ent`` file), then the arrays, each 8-byte aligned: reading maps them
(:func:`unpack_arrays` over a map or the bytes of a file), so that opening a file
reads only its header.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tui.lazy import lazy_module

if TYPE_CHECKING:
    import numpy as np
else:
    np = lazy_module("numpy")

_MAGIC = b"DSC1"
_HEAD = struct.Struct("<4sI")  # magic, header length


def array_head(arrays: dict[str, tuple[Any, int]], extra: dict[str, Any]) -> bytes:
    """The start of a file of the arrays given as name -> (dtype, length), up to the
    first array: the magic, the header's length, the header."""
    header: dict[str, Any] = {"arrays": {}, **extra}
    offset = 0
    for name, (dtype, count) in arrays.items():
        kind = np.dtype(dtype)
        header["arrays"][name] = [kind.str, count, offset]
        offset += -(-kind.itemsize * count // 8) * 8
    head = json.dumps(header, separators=(",", ":")).encode("utf-8")
    head += b" " * (-(len(head) + _HEAD.size) % 8)
    return _HEAD.pack(_MAGIC, len(head)) + head


def _padded(arr: Any) -> list[Any]:
    """An array's bytes in the file (a view, not a copy), and the zeros after them."""
    data = np.ascontiguousarray(arr)
    return [data.data.cast("B"), b"\0" * (-data.nbytes % 8)]


def pack_arrays(arrays: dict[str, Any], extra: dict[str, Any]) -> bytes:
    """A whole file of ``arrays`` (name -> numpy array) and ``extra`` in its header."""
    parts = [array_head({name: (arr.dtype, len(arr)) for name, arr in arrays.items()}, extra)]
    for arr in arrays.values():
        parts += _padded(arr)
    return b"".join(parts)


def unpack_arrays(data: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """The arrays of a file (views of ``data``: a map of it, or its bytes) by name, and
    the rest of its header (``ValueError`` when it is no such file)."""
    magic, length = _HEAD.unpack_from(data, 0)
    if magic != _MAGIC:
        raise ValueError("not a Dossier sidecar file")
    start = _HEAD.size + length
    header = json.loads(bytes(data[_HEAD.size : start]))
    arrays = {}
    for name, (dtype, count, offset) in header.pop("arrays").items():
        kind = np.dtype(dtype)
        arrays[name] = np.frombuffer(data, dtype=kind, count=count, offset=start + offset)
    return arrays, header


def write_file(create: Callable[[str], Any], ext: str, data: bytes) -> None:
    """Write one file of a segment; ``create(ext)`` opens it for writing."""
    handle = create(ext)
    try:
        handle.write(data)
    finally:
        handle.close()
