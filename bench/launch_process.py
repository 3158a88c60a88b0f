"""The whole launch of ``dossier CORPUS``, as a user pays it: process start to first article.

    python bench/launch_process.py CORPUS --home HOME --marker TEXT
                                   [--ref DIR --ref-home HOME2 --ref-marker TEXT]
                                   [--rounds 5] [--quiet-only] [--via-open]

``bench/app_bench.py`` times the app from ``create_app``; a user's ``dossier CORPUS`` also
pays Python's start-up and every import before it. This starts the checkout's own
``.venv/bin/dossier CORPUS`` in a pseudo-terminal (160x48) with ``DOSSIER_HOME=HOME``,
reads what it draws, and stops the clock when ``TEXT`` first appears in it: a phrase of
the first article's body that the article list does not show (look at the screen once,
e.g. with tmux, to pick it; the reader draws a run of plain text as one piece, so a
few words of one line are found as they are). Then it sends ``q`` and waits for the exit.

Rounds alternate the checkouts (``--ref``'s app runs with its own ``.venv``), each alone
(quiet) and with a second process busy on every core (``while True: pass`` on each, as
``bench/procs.py`` does for the app bench). Prints the median and the best of each, the
busy/quiet ratio, and the load average before and after. Each home's index must be up
to date for its checkout (a first launch brings it there; run one before timing).
``--via-open`` adds this checkout's ``dossier open CORPUS``, which builds every command's
parser first, as ``dossier CORPUS`` did before it went straight to the app.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import statistics
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SIZE = (48, 160)  # rows, columns


def cpu_seconds(pid: int) -> float:
    """The CPU time every thread of ``pid`` has run so far (``/proc``: 0 elsewhere)."""
    total = 0
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/schedstat") as f:  # noqa: PTH123
                total += int(f.read().split()[0])
    except OSError:
        pass
    return total / 1e9


def launch(
    checkout: Path, corpus: str, home: str, marker: str, *, via_open: bool = False
) -> tuple[float, float]:
    """Seconds from starting ``dossier CORPUS`` (``dossier open CORPUS``) until ``marker``
    is drawn, and the CPU seconds the app's threads had used by then (which another
    process's load changes less than the wall clock)."""
    timeout = 30.0
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(DOSSIER_HOME=home, TERM="xterm-256color", COLUMNS=str(SIZE[1]), LINES=str(SIZE[0]))
    command = [str(checkout / ".venv" / "bin" / "dossier"), *(["open"] if via_open else []), corpus]
    pid, fd = pty.fork()
    if pid == 0:  # the child: the app, on the terminal's side
        try:
            os.execve(command[0], command, env)
        finally:
            os._exit(127)
    started = time.perf_counter()
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[0], SIZE[1], 0, 0))
    want = marker.encode()
    seen = b""
    found: float | None = None
    cpu = 0.0
    try:
        while found is None:
            left = started + timeout - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"{marker!r} never drawn; the last bytes: {seen[-400:]!r}")
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the app exited
                raise RuntimeError(f"exited before drawing {marker!r}: {seen[-400:]!r}") from None
            seen += chunk
            if want in seen[-(len(chunk) + len(want)) :]:
                found = time.perf_counter() - started
                cpu = cpu_seconds(pid)
        os.write(fd, b"q")
        quit_by = time.perf_counter() + 10
        while time.perf_counter() < quit_by:
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            if select.select([fd], [], [], 0.05)[0]:
                try:
                    os.read(fd, 65536)
                except OSError:
                    pass
        else:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
    finally:
        os.close(fd)
    return found, cpu


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus")
    parser.add_argument("--home", required=True)
    parser.add_argument("--marker", required=True)
    parser.add_argument("--ref", type=Path)
    parser.add_argument("--ref-home")
    parser.add_argument("--ref-marker")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--quiet-only", action="store_true")
    parser.add_argument(
        "--via-open", action="store_true", help="also this checkout's `dossier open CORPUS`"
    )
    args = parser.parse_args()
    runs: list[tuple[str, Path, str, str]] = []  # name, checkout, home, marker
    if args.ref:
        runs.append(("ref", args.ref, args.ref_home or args.home, args.ref_marker or args.marker))
    runs.append(("this", REPO, args.home, args.marker))
    if args.via_open:
        runs.append(("open", REPO, args.home, args.marker))
    modes = ["quiet"] if args.quiet_only else ["quiet", "busy"]
    times: dict[tuple[str, str], list[float]] = {(n, m): [] for n, *_ in runs for m in modes}
    cpus: dict[tuple[str, str], list[float]] = {(n, m): [] for n, *_ in runs for m in modes}
    print(f"load before: {load()}")
    for round_ in range(args.rounds):
        for mode in modes:
            for name, checkout, home, marker in runs:
                burners: list[subprocess.Popen[bytes]] = []
                if mode == "busy":
                    burn = [sys.executable, "-c", "while True: pass"]
                    burners = [subprocess.Popen(burn) for _ in range(os.cpu_count() or 2)]
                    time.sleep(0.2)
                try:
                    seconds, cpu = launch(
                        checkout, args.corpus, home, marker, via_open=name == "open"
                    )
                finally:
                    for proc in burners:
                        proc.kill()
                        proc.wait()
                times[(name, mode)].append(seconds)
                cpus[(name, mode)].append(cpu)
                print(
                    f"round {round_ + 1} {mode:5} {name:4} {seconds * 1000:7.0f} ms"
                    f"  cpu {cpu * 1000:5.0f} ms",
                    flush=True,
                )
    print(f"load after: {load()}")
    print(f"{'launch -> first article, ms':32}" + "".join(f"{n + ' ' + m:>14}" for n, m in times))
    medians = [statistics.median(v) * 1000 for v in times.values()]
    print(f"{'median':32}" + "".join(f"{ms:14.0f}" for ms in medians))
    print(f"{'best':32}" + "".join(f"{min(v) * 1000:14.0f}" for v in times.values()))
    cpu_medians = [statistics.median(v) * 1000 for v in cpus.values()]
    print(f"{'CPU by then, median':32}" + "".join(f"{ms:14.0f}" for ms in cpu_medians))
    if "busy" in modes:
        for name, *_ in runs:
            quiet = statistics.median(times[(name, "quiet")])
            busy = statistics.median(times[(name, "busy")])
            print(f"{name}: busy/quiet {busy / quiet:.2f}")
    if args.ref:
        for mode in modes:
            ref = statistics.median(times[("ref", mode)])
            this = statistics.median(times[("this", mode)])
            print(f"{mode}: this/ref {this / ref:.3f} ({(this - ref) * 1000:+.0f} ms)")
            ref_cpu = statistics.median(cpus[("ref", mode)])
            this_cpu = statistics.median(cpus[("this", mode)])
            saved = (this_cpu - ref_cpu) * 1000
            print(f"{mode}: CPU this/ref {this_cpu / ref_cpu:.3f} ({saved:+.0f} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
