"""Reading the small JSON files Dossier keeps for itself: the remembered theme, the
session, progress markers, listings and caches beside an index, the index's metadata.

Each is Dossier's own and is written again when it cannot be read, so whatever a file
holds (not UTF-8, not JSON, ``[[[[...`` nested thousands deep, which makes
``json.loads`` raise ``RecursionError`` rather than ``ValueError``), reading it gives
None, as a missing file does: never a traceback. Callers check the value's shape.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: What parsing a text that is not a JSON value Dossier can take raises.
BAD_JSON: tuple[type[Exception], ...] = (ValueError, RecursionError)


def parse_json(text: str | bytes, loads: Callable[[str], Any] = json.loads) -> Any:
    """The value of ``text`` (parsed by ``loads``), or None when it is not JSON."""
    try:
        return loads(text)  # type: ignore[arg-type]
    except BAD_JSON:
        return None


def read_json(
    path: Path, *, max_bytes: int | None = None, loads: Callable[[str], Any] = json.loads
) -> Any:
    """The value of the JSON file ``path``, or None when it is missing, is not a regular
    file, cannot be read, is larger than ``max_bytes`` (when given) or is not JSON."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None  # a pipe would wait for a writer, a device may never end
            data = handle.read() if max_bytes is None else handle.read(max_bytes + 1)
        if max_bytes is not None and len(data) > max_bytes:
            return None
        text = data.decode("utf-8")
    except (OSError, ValueError):
        return None
    return parse_json(text, loads)
