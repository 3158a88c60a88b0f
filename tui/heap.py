"""Handing the C allocator's free pages back to the system.

Memory Python frees goes back to the C allocator (glibc's malloc), which keeps it
for the next allocation: the process stays as big as it ever was, and what it
allocates next (a large array, say) may take fresh pages instead of those free
ones. The app gives its pages back at pauses (tui/app/heap.py); an index build
gives back what a segment's postings took once they are written, before the
segment's passage files are sorted (tui/index/builder.py).
"""

from __future__ import annotations

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
