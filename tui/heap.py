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
import threading
from collections.abc import Iterator
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
    collector. Both are undone when the block ends."""
    if threading.active_count() > 1 or not gc.isenabled():
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
