"""Work done in a forked process beside this one, at the end of an update.

After a build, the parent alone works out what it keeps beside the index
(:meth:`~tui.library.upkeep.IndexUpkeep.save_derived`): the entries, the head of
the list, the surname links, the names the corpus counts as another type and the
names of one organisation. That was the build's serial tail, one core busy and the
other idle (BBC: ~0.15 s of a 2 s build). :class:`Beside` runs part of it in a
forked process that writes its files while this one does the rest; this one then
reads them as any later command would (and works them out itself if the process
failed: the files are a cache, keyed by the index they were made from).

Only where forking is safe: on a platform with ``fork``, from a process with no
other thread (the command line; the app, with its threads, does it all itself).
"""

from __future__ import annotations

import gc
import os
import sys
import threading
from collections.abc import Callable


def can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


class Beside:
    """``work()`` in a forked process; :meth:`wait` for it. Nothing is sent back: the
    work leaves its result in files. ``work`` must not read through file objects this
    process has open (their offsets are shared): it opens what it reads itself."""

    def __init__(self, work: Callable[[], object]) -> None:
        # what is buffered for this process's output would be written twice
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (AttributeError, OSError, ValueError):
                pass
        pid = os.fork()
        if pid == 0:  # the forked process: the work, then leave at once
            code = 1
            try:
                from tui.index.processes import die_with_parent

                # The process lives for a moment and frees everything as it ends; a pass
                # of the cyclic collector would touch every object it shares with this
                # one, and so copy their pages.
                gc.disable()
                die_with_parent()
                work()
                code = 0
            except BaseException:  # noqa: BLE001, S110 - the parent does it itself
                pass
            finally:
                os._exit(code)
        self.pid: int | None = pid

    def wait(self) -> bool:
        """Wait for the process; whether it did its work."""
        if self.pid is None:
            return False
        pid, self.pid = self.pid, None
        try:
            _, status = os.waitpid(pid, 0)
        except ChildProcessError:
            return False
        return status == 0


def beside(work: Callable[[], object]) -> Beside | None:
    """``work()`` started in a forked process, or None where that is not to be done
    (no ``fork``, other threads here, no process to be had): then the caller does it."""
    if not can_fork():
        return None
    try:
        return Beside(work)
    except OSError:
        return None
