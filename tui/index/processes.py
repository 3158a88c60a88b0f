"""The build's worker processes and the process that starts them: a worker ends with
its parent, and processes start with a real standard error (kept apart from
:mod:`tui.index.build`, which shares the work out).
"""

from __future__ import annotations

import math
import os
import pickle
import select
import signal
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


def die_with_parent() -> None:
    """Ask Linux to end this worker when the process that started it ends.

    A worker forked by ``dossier index`` shares the write lock's open file; if the
    parent is killed, a worker left running would keep the lock for ever.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

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


def forked(work: Callable[[], Any], what: str, timeout: float | None = None) -> Any:
    """``work()`` in a process forked for it, which ends with it; its result comes back
    pickled through a pipe, and so does an error it raises (as itself, or as a
    RuntimeError that says what it was when it cannot be pickled). ``what``: the work,
    for the error when the process died without a word. Only from a process with one
    thread (a build's worker). ``work`` must open what it reads itself: file objects
    this process has open share their offsets with the forked one.

    ``timeout``: the seconds the work may take (None: no bound); a process still at it
    then (hung: a lock the fork copied held for ever, a file system that does not
    answer) is killed, and :class:`TimeoutError` says so. Without a bound, it hung the
    process waiting for it, and with it the build."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the forked process: the work, its result, then leave at once
        code = 1
        try:
            os.close(read)
            die_with_parent()
            try:
                out: tuple[bool, Any] = (True, work())
            except Exception as exc:  # noqa: BLE001 - sent back to be raised there
                out = (False, exc)
            try:
                data = pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:  # noqa: BLE001 - an error that does not pickle
                data = pickle.dumps((False, RuntimeError(repr(out[1]))))
            with os.fdopen(write, "wb") as pipe:
                pipe.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    until = None if timeout is None else time.monotonic() + timeout
    try:
        data = _read_until(read, until)
        status = _reaped(pid, until)
    except TimeoutError:
        _kill(pid)
        raise TimeoutError(f"{what} took more than {timeout:.0f} s: stopped") from None
    finally:
        os.close(read)
    if status != 0 or not data:
        raise RuntimeError(f"{what} failed (status {status})")
    done, result = pickle.loads(data)  # noqa: S301 - our own forked process's
    if not done:
        raise result
    return result


def _read_until(fd: int, until: float | None) -> bytes:
    """All that comes through the pipe ``fd`` until its end; TimeoutError at ``until``
    (a time of ``time.monotonic``; None: no bound)."""
    parts: list[bytes] = []
    ready = select.poll()  # (select.select refuses a descriptor of 1024 or more)
    ready.register(fd, select.POLLIN)
    while True:
        if until is not None:
            left = until - time.monotonic()
            if left <= 0 or not ready.poll(max(1, math.ceil(left * 1000))):
                raise TimeoutError
        part = os.read(fd, 1 << 20)
        if not part:
            return b"".join(parts)
        parts.append(part)


def _reaped(pid: int, until: float | None) -> int:
    """The status of the process ``pid`` once it has ended; TimeoutError at ``until``."""
    while True:
        got, status = os.waitpid(pid, 0 if until is None else os.WNOHANG)
        if got:
            return status
        if until is not None and time.monotonic() >= until:
            raise TimeoutError
        time.sleep(0.01)


def _kill(pid: int) -> None:
    """End the process ``pid`` at once and reap it."""
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass
