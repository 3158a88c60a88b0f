"""How the test session ends (tests/conftest.py's pytest_sessionfinish): under xdist a
worker is interrupted (SIGINT from execnet) when it is still busy 5 s after telling the
controller it is done, and pytest's five collections of the whole heap after the
session did take that long. The garbage is collected once before, the rest frozen."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.conftest import REPO

SCRIPT = textwrap.dedent(
    """
    import gc, sys
    sys.path.insert(0, sys.argv[1])
    import tests.conftest as conftest

    gc.disable()  # (only the collections asked for)
    found = []

    class Cycle:
        def __del__(self):
            found.append("collected")

    kept = [[n] for n in range(20_000)]  # a heap left alive after the session
    cycle = Cycle()
    cycle.me = cycle
    del cycle  # garbage: only a collection finds it
    conftest.pytest_sessionfinish()
    frozen = gc.get_freeze_count()
    print(found, frozen >= len(kept), gc.get_count()[2] == 0)
    """
)


def test_the_session_ends_with_its_garbage_collected_and_the_rest_frozen() -> None:
    """The garbage is collected while pytest still reports what ``__del__`` raises, and
    the objects left are frozen: the collections after the worker is done do not walk
    them (which a loaded machine took more than 5 s to do five times)."""
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(REPO)],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    assert done.stdout.split("\n")[0] == "['collected'] True True"
