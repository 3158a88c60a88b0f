"""A merge of small segments written in a forked process while an update writes its own.

An update that fills a tier of small segments (:mod:`tui.index.merging`) used to
merge them after its commit, in the same process: at 50,000 articles the eighth
addition of 100 articles wrote 800 documents again after its own, ~1 s more on
one core while the other idled. Here the update, which holds the write lock
from the start, forks a process that writes the merged segment (its files only:
no table of contents, no lock) while it prepares and writes its own documents,
then commits both in one table of contents, without the merged segments.

The merge starts once the update has marked the documents it replaces as
deleted, from the segments as its writer holds them: the merged copy leaves
those out too. It is dropped (the segments stay as they were, and the merge
after the commit takes them as before) when the process failed. Only
where forking is safe: on a platform with ``fork``, from a process with no
other thread (the command line; the app, with its worker threads, merges after
its commit as before).
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
from typing import Any

from tui.index.copying import merged_segment
from tui.index.folder import open_index
from tui.index.merging import Health, small_merge
from tui.index.processes import die_with_parent

#: The id the update's own segment-to-be has in the plan.
NEW = "\x00new"


def can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


def plan(health: list[Health], new_docs: int) -> list[str]:
    """The small segments to merge aside of an update that adds ``new_docs`` documents:
    the tier merge :func:`~tui.index.merging.small_merge` would pick once the update's
    segment is there, without that one (it is not written yet). Empty: none."""
    group = small_merge([*health, Health(NEW, new_docs, 0)] if new_docs else health)
    group = [i for i in group if i != NEW]
    return group if len(group) >= 2 else []


class MergeAside:
    """The merged segment of ``group`` (segments of the index in ``path`` as the
    update's writer holds them, with the documents it deleted), written by a forked
    process; the caller holds the write lock until :meth:`result` or :meth:`cancel`."""

    def __init__(self, path: str, group: list[Any]) -> None:
        self.group = [seg.segment_id() for seg in group]
        #: Each segment's deleted documents when the merge began (the merged copy
        #: leaves them out; one deleted later would come back with it).
        self.deleted = {seg.segment_id(): seg.deleted_count() for seg in group}
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the forked process: write the segment, send it, leave
            code = 1
            try:
                os.close(read)
                die_with_parent()
                data = pickle.dumps(_merged(path, group), pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as out:
                    out.write(data)
                code = 0
            except BaseException:  # noqa: BLE001, S110 - the parent merges as before
                pass
            finally:
                os._exit(code)
        os.close(write)
        self.pid = pid
        self._read: int | None = read

    def result(self) -> Any | None:
        """The merged segment (None: it failed, the segments stay as they are)."""
        if self._read is None:
            return None
        try:
            with os.fdopen(self._read, "rb") as pipe:
                data = pipe.read()
        except OSError:
            data = b""
        finally:
            self._read = None
        status = _wait(self.pid)
        if status != 0 or not data:
            return None
        try:
            return pickle.loads(data)
        except Exception:  # noqa: BLE001 - as if it had failed
            return None

    def cancel(self) -> None:
        """Stop the process (the update failed): its files are orphans, removed with the
        update's own."""
        if self._read is None:
            return
        try:
            os.kill(self.pid, signal.SIGKILL)
        except OSError:
            pass
        _wait(self.pid)
        os.close(self._read)
        self._read = None


def _merged(path: str, group: list[Any]) -> Any:
    """The forked process's work: the live documents of ``group`` (segments with the
    deletions the update made) as one new segment, read through an index opened anew
    (not the parent's open files, whose offsets the two processes would share)."""
    return merged_segment(path, open_index(path), group)


def _wait(pid: int) -> int:
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:
        return -1
    return status
