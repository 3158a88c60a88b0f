"""Work done in a forked process, its result read back through a pipe (tui.index.processes)."""

from __future__ import annotations

import os
import resource

import pytest

from tui.index.processes import forked


def _six_times_seven() -> int:
    return 6 * 7


def test_a_result_comes_back_through_a_pipe_numbered_over_1023() -> None:
    # forked() waited for its pipe with select.select, which raises ValueError for a
    # descriptor of 1024 or more: a process with many files open (a large index's
    # segments, the SQLite files, sockets) could not read back its forked work.
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < 1100:
        pytest.skip(f"at most {hard} files open here")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, 1100), hard))
    held: list[int] = []
    try:
        while True:  # take every number up to 1030: the pipe gets the next ones
            fd = os.open(os.devnull, os.O_RDONLY | os.O_CLOEXEC)
            if fd >= 1030:
                os.close(fd)
                break
            held.append(fd)
        # (a bound so that the wait is the one with a deadline: ten minutes, never met)
        assert forked(_six_times_seven, "a product", timeout=600) == 42
    finally:
        for fd in held:
            os.close(fd)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def test_work_that_takes_too_long_is_stopped() -> None:
    import time

    with pytest.raises(TimeoutError, match="a nap took more than 0 s"):
        forked(lambda: time.sleep(600), "a nap", timeout=0.2)
