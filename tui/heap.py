"""Handing the C allocator's free pages back to the system.

Memory Python frees goes back to the C allocator (glibc's malloc), which keeps it
for the next allocation: the process stays as big as it ever was, and what it
allocates next (a large array, say) may take fresh pages instead of those free
ones. The app gives its pages back at pauses (tui/app/heap.py); an index build
gives back what a segment's postings took once they are written, before the
segment's passage files are sorted (tui/index/builder.py).
"""

from __future__ import annotations

import gc
import os
import sys
import sysconfig
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any


def give_back() -> bool:
    """Hand the C allocator's free pages back to the system (glibc's ``malloc_trim``).

    False where the allocator is not glibc's (then nothing is done). It walks the
    allocator's free lists: about a millisecond for a heap of 100 MB."""
    global _trim
    if _trim is None:
        try:
            import ctypes

            _trim = ctypes.CDLL(None).malloc_trim
        except (OSError, AttributeError):
            _trim = False
    if _trim is False:
        return False
    _trim(0)
    return True


#: glibc's malloc_trim once looked up (False: there is none).
_trim: Any = None


#: Set (to anything but "" or "0") to leave garbage collection to Python: the app's
#: (tui/app/heap.py) and a command's update of the index (:func:`fewer_collections`).
ENV_OFF = "DOSSIER_NO_HEAP_TUNING"


def why_off(
    env: Mapping[str, str] = os.environ,
    implementation: str = sys.implementation.name,
    version: tuple[int, ...] = tuple(sys.version_info[:2]),
    free_threaded: bool = bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
) -> str | None:
    """Why Dossier leaves the cycle collector as Python set it here, or None when it may
    tune it (CPython's collector of three generations, as in 3.11 to 3.13)."""
    if env.get(ENV_OFF, "") not in ("", "0"):
        return f"{ENV_OFF} is set"
    if implementation != "cpython":
        return f"{implementation} has its own collector"
    if free_threaded:
        return "a free-threaded build has no generations"
    if version >= (3, 14):
        return "the incremental collector of Python 3.14+ is not three generations"
    if len(gc.get_threshold()) != 3 or not hasattr(gc, "freeze"):
        return "the collector is not CPython's three generations"
    return None


#: The cycle collector's thresholds while :func:`fewer_collections` holds: its
#: youngest generation collected every 20,000 allocations (Python's 700), and the
#: older ones after as many of those as usual.
FEWER_COLLECTIONS = (20_000, 10, 10)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the block with the cycle collector seldom walking the heap, in a process
    with no other thread (a command's update of the index; the app's updates run
    beside its interface, whose collections stay as they are).

    What is in the heap already (the imported modules, the settings) is frozen out of
    the collector's reach (``gc.freeze``), and the youngest generation is collected
    less often (:data:`FEWER_COLLECTIONS`): a command's update makes hundreds of
    thousands of objects that live until it ends (the folder's listing, the manifest,
    each document the workers wrote), which the collector walked again at every pass
    of its older generations (0.38 s of the parent's 0.93 s of a 10,000-article build,
    ~16%, under load). Few of them are ever in a cycle: nothing waits that long for the
    collector. Both are undone when the block ends.

    Left as it is where :func:`why_off` says so (``DOSSIER_NO_HEAP_TUNING``, a collector
    of another kind), and where something is frozen already: whoever froze it manages
    the collector, and the unfreeze at the end would undo theirs."""
    if (
        threading.active_count() > 1
        or not gc.isenabled()
        or why_off() is not None
        or gc.get_freeze_count() > 0
    ):
        yield
        return
    before = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*FEWER_COLLECTIONS)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()
