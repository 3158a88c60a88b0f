"""Opt-in checks for tests that depend on order or leave state behind (tests/conftest.py
adds the options; neither changes a default run).

``--shuffle SEED``: the tests in a random order drawn from SEED (every xdist worker
draws the same one), as ``pytest -n 2`` may happen to run them in one process.
``--state-diff FILE``: after each test, what it left changed in the process (the
environment, cwd, umask, the collector, signal handlers, logging, sys.path, modules
replaced or removed, the globals of tui's and the tests' modules, threads, child
processes) is appended to FILE (one per xdist worker: FILE-gw0, ...). Some changes are
by design (a module's cache filled, a forkserver started once); the rest is a leak.

    python -m pytest -n 2 --shuffle 3 --state-diff /tmp/leaks
"""

from __future__ import annotations

import gc
import logging
import os
import random
import signal
import sys
import threading
from typing import Any

import pytest

_SIGNALS = [
    getattr(signal, name)
    for name in ("SIGINT", "SIGTERM", "SIGCHLD", "SIGHUP", "SIGWINCH", "SIGPIPE", "SIGALRM")
    if hasattr(signal, name)
]
_PLAIN = (int, float, str, bytes, bool, type(None), tuple, frozenset)


def shuffle(items: list[pytest.Item], seed: int) -> None:
    random.Random(seed).shuffle(items)


def _children() -> set[str]:
    found: set[str] = set()
    try:
        for task in os.listdir("/proc/self/task"):
            with open(f"/proc/self/task/{task}/children", encoding="ascii") as listing:
                found.update(listing.read().split())
    except OSError:  # not Linux
        pass
    return found


def _module_globals() -> dict[tuple[str, str], str]:
    found: dict[tuple[str, str], str] = {}
    for name, module in list(sys.modules.items()):
        if name.split(".")[0] not in ("tui", "tests"):
            continue
        for key, value in list(getattr(module, "__dict__", {}).items()):
            if not key.startswith("__"):
                found[name, key] = (
                    " ".join(repr(value).split())[:120]  # (an array's repr has lines)
                    if isinstance(value, _PLAIN)
                    else str(id(value))
                )
    return found


def snapshot() -> dict[str, Any]:
    mask = os.umask(0o22)
    os.umask(mask)
    root = logging.getLogger()
    return {
        "environ": dict(os.environ),
        "cwd": os.getcwd(),
        "umask": oct(mask),
        "collector": (gc.get_threshold(), gc.isenabled(), gc.get_freeze_count()),
        "signals": {str(s): repr(signal.getsignal(s)) for s in _SIGNALS},
        "logging": (root.level, [repr(h) for h in root.handlers], logging.root.manager.disable),
        "sys.path": list(sys.path),
        "modules": {name: id(module) for name, module in list(sys.modules.items())},
        "globals": _module_globals(),
        "threads": sorted(t.name for t in threading.enumerate()),
        "children": _children(),
    }


def differences(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    lines = []
    for what, old in before.items():
        new = after[what]
        if old == new:
            continue
        if isinstance(old, dict):
            for key in sorted(set(old) | set(new), key=str):
                if key not in old and what in ("modules", "globals"):
                    continue  # a module imported since: new, not changed
                if old.get(key) != new.get(key):
                    lines.append(f"{what}[{key}]: {old.get(key)} -> {new.get(key)}")
        elif isinstance(old, set):
            lines.append(f"{what}: +{sorted(new - old)} -{sorted(old - new)}")
        else:
            lines.append(f"{what}: {old} -> {new}")
    return lines


def record(path: str, nodeid: str, lines: list[str]) -> None:
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    with open(f"{path}-{worker}" if worker else path, "a", encoding="utf-8") as out:
        out.write(f"{nodeid}\n" + "".join(f"    {line[:300]}\n" for line in lines))
