"""The build's worker processes and the process that starts them: a worker ends with
its parent, and processes start with a real standard error (kept apart from
:mod:`tui.index.build`, which shares the work out).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager


def die_with_parent() -> None:
    """Ask Linux to end this worker when the process that started it ends.

    A worker forked by ``dossier index`` shares the write lock's open file; if the
    parent is killed, a worker left running would keep the lock for ever.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGTERM))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent is already gone
        os._exit(1)


@contextmanager
def stderr_with_a_file_descriptor() -> Iterator[None]:
    """Make sure ``sys.stderr`` has a real file descriptor while processes start."""
    try:
        usable = sys.stderr is not None and sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = False
    if usable:
        yield
        return
    saved = sys.stderr
    try:
        fallback_ok = sys.__stderr__ is not None and sys.__stderr__.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        fallback_ok = False
    with open(os.devnull, "w") as devnull:  # noqa: PTH123
        sys.stderr = sys.__stderr__ if fallback_ok else devnull
        try:
            yield
        finally:
            sys.stderr = saved
