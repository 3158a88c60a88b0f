"""Running a command as a user would, and what it used (the benches' side; Linux /proc):
wall clock, CPU time of it and its children, its peak RSS and, sampled, the peak of
its whole process tree (PSS summed) and each process's own peak RSS."""

from __future__ import annotations

import os
import re
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds of the process and every child it waited for
    max_rss_mb: float  # the largest process
    pss_peak_mb: float = 0.0  # all processes together (sampled); 0 when not sampled
    #: Each process's peak RSS (sampled), the command's own first, then its children.
    peaks_mb: list[float] = field(default_factory=list)
    out: str = ""
    code: int = 0
    #: Seconds from the start to the first line of output that each of ``run``'s
    #: ``marks`` (a regular expression) matched: when the command said something.
    marked: dict[str, float] = field(default_factory=dict)


def _tree(root: int) -> list[int]:
    """``root`` and its descendants now running."""
    parents: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:  # noqa: PTH123
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        parents.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += parents.get(pid, [])
    return out


def _status_kb(pid: int, name: str, key: str) -> int:
    """The figure ``key`` (in KB) of /proc/<pid>/<name>; 0 when the process is gone."""
    try:
        with open(f"/proc/{pid}/{name}") as f:  # noqa: PTH123
            for line in f:
                if line.startswith(key):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def run(
    cmd: Sequence[str],
    env: dict[str, str],
    *,
    sample: bool = False,
    marks: dict[str, str] | None = None,
) -> Run:
    """Run ``cmd`` to its end; with ``sample``, watch the memory of its process tree;
    ``marks``: ``{name: regular expression}``, the time its first line of output
    matching each came (``Run.marked``)."""
    peak = [0]
    peaks: dict[int, int] = {}  # pid -> its peak RSS, KB
    started = time.perf_counter()
    proc = subprocess.Popen(
        list(cmd), env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    stop = threading.Event()

    def watch() -> None:
        while not stop.wait(0.1):
            pids = _tree(proc.pid)
            total = sum(_status_kb(pid, "smaps_rollup", "Pss:") for pid in pids)
            peak[0] = max(peak[0], total)
            for pid in pids:
                peaks[pid] = max(peaks.get(pid, 0), _status_kb(pid, "status", "VmRSS:"))

    watcher = threading.Thread(target=watch, daemon=True) if sample else None
    if watcher:
        watcher.start()
    assert proc.stdout is not None
    marked: dict[str, float] = {}
    if marks:
        patterns = {name: re.compile(rx) for name, rx in marks.items()}
        lines = []
        for line in proc.stdout:
            lines.append(line)
            for name, rx in patterns.items():
                if name not in marked and rx.search(line):
                    marked[name] = time.perf_counter() - started
        out = "".join(lines)
    else:
        out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    stop.set()
    if watcher:
        watcher.join()
    return Run(
        wall,
        usage.ru_utime + usage.ru_stime,
        usage.ru_maxrss / 1024,
        peak[0] / 1024,
        [peaks[pid] / 1024 for pid in sorted(peaks, key=lambda p: (p != proc.pid, p))],
        out,
        proc.returncode,
        marked,
    )


def app_bench(
    python: str, corpus: str, home: str, *extra: str, busy: bool = False
) -> subprocess.CompletedProcess[str]:
    """``bench/app_bench.py CORPUS --data-dir HOME/data --no-update --machine EXTRA`` run
    by ``python`` with ``DOSSIER_HOME=HOME`` (the home the index was built in: its
    settings and bookmarks, not the user's: another config made the first launch check
    the folder again); ``busy``: while a second process keeps every core busy (``while
    True: pass`` on each)."""
    import sys

    burners: list[subprocess.Popen[bytes]] = []
    if busy:
        burn = [sys.executable, "-c", "while True: pass"]
        burners = [subprocess.Popen(burn) for _ in range(os.cpu_count() or 2)]
    bench = os.path.join(os.path.dirname(os.path.abspath(__file__)), "app_bench.py")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    try:
        return subprocess.run(
            [python, bench, corpus, "--data-dir", os.path.join(home, "data"), "--no-update"]
            + ["--machine", *extra],
            capture_output=True,
            text=True,
            check=False,
            env={**env, "DOSSIER_HOME": home},
        )
    finally:
        for proc in burners:
            proc.kill()
            proc.wait()
