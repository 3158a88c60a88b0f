"""A full build of the BBC corpus against a reference checkout, in the same run.

    python bench/build_compare.py --ref ../dossier-before [--rounds 3] [--corpus DIR]
        [--nameless] [--fts5] [--memory]

``--ref`` is another checkout of the repo with its own virtual environment in
``.venv`` (installed there, compiled or not as it should be measured). Each round
runs ``dossier index --rebuild --quiet`` on the corpus (default
``../shared/corpora/bbc``) once with the reference and once with this checkout,
alternating (which goes first alternates too), each in a fresh data and config
folder, as a user runs it: one whole process, with its worker processes.

Printed per side: the wall clock and the CPU time (user + system) of the command
and every process it started, best and median of the rounds, and the ratio of
this checkout to the reference; with ``--memory``, also the peak of all its
processes' memory together (PSS summed, sampled every 0.1 s) and the largest
process's peak RSS (issue 13: a 50,000-article build within 400 MB; make the
corpus with ``bench/scale.py --sizes 50k --work DIR``, then ``--corpus
DIR/corpus-50000``). The machine's speed drifts over an hour, so only the ratio
of one run means anything; the load average is printed before and after.
CPU time counts every process: the bench makes itself the "subreaper" of what it
starts (Linux), so that a process left behind by the command (a fork server) is
reaped and counted here too. It also says whether each side runs its compiled
modules: a checkout whose sources changed since its install (a rebase) ignores
them and builds two to three times slower; install it again before comparing.
Both sides' bytecode is written first and the builds run without
PYTHONDONTWRITEBYTECODE: a side without it compiled every module at every start,
which counted as its build's CPU time.

``--nameless``: both sides build without names, the index's searchable phase (issue
13 compares it with FTS5): the same whole process, started as ``python -c`` with
``tui.library.prepare.load_recognizer`` replaced by one that gives None (no
recogniser: no entity field, no summary) and, in a checkout that builds in two phases,
the second (``tui.library.naming.add_names``) by one that finds nothing, then
``tui.commands.main``. ``--fts5``: a
third side in each round, SQLite FTS5 indexing the same files (``scale.py``'s
``FTS5_BUILD``, this interpreter, a fresh database), and each side's ratio to it.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from procs import _status_kb, _tree

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "bbc"
_PR_SET_CHILD_SUBREAPER = 36


def _subreaper() -> None:
    """Have the processes that the command leaves behind reparented to this one."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_CHILD_SUBREAPER, 1)
        except (OSError, AttributeError):
            pass


class Memory:
    """Samples a process tree: the peak of its PSS summed, and of each process's RSS (MB)."""

    def __init__(self, pid: int) -> None:
        self.pss = 0.0
        self.rss: dict[int, float] = {}
        self._pid = pid
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.wait(0.1):
            pids = _tree(self._pid)
            pss = sum(_status_kb(p, "smaps_rollup", "Pss:") for p in pids) / 1024
            self.pss = max(self.pss, pss)
            for p in pids:
                rss = _status_kb(p, "status", "VmRSS:") / 1024
                self.rss[p] = max(self.rss.get(p, 0.0), rss)

    def stop(self) -> tuple[float, float]:
        """(peak PSS of all, peak RSS of the largest process)."""
        self._stop.set()
        self._thread.join()
        return self.pss, max(self.rss.values(), default=0.0)


#: ``dossier index --rebuild --quiet CORPUS`` with no recogniser (``--nameless``); in a
#: checkout whose full build comes in two phases (tui.library.naming), without the
#: second: the searchable phase, then what is saved beside the index, as a one-phase
#: build without names does.
NAMELESS = """
import sys
import tui.library.prepare as prepare
prepare.load_recognizer = lambda user: None
try:
    import tui.library.upkeep as upkeep
    from tui.library.naming import Naming
except ImportError:  # a one-phase build
    pass
else:
    upkeep.add_names = lambda *args, **kwargs: Naming()
from tui.commands import main
sys.exit(main(["index", "--rebuild", "--quiet", sys.argv[1]]))
"""


def build_once(
    checkout: Path | None,
    corpus: Path,
    memory: list[tuple[float, float]] | None = None,
    nameless: bool = False,
) -> tuple[float, float]:
    """(wall seconds, CPU seconds of every process) of one full build by ``checkout``
    (``nameless``: without a recogniser); its memory peaks are appended to ``memory``
    when given. ``checkout`` None: SQLite FTS5 over the same files."""
    if checkout is None:
        return _fts5_once(corpus, memory)
    python = checkout / ".venv" / "bin" / "python"
    if not python.exists():
        raise SystemExit(f"{checkout}: no .venv/bin/python (install the checkout first)")
    work = Path(tempfile.mkdtemp(prefix="build-compare-"))
    env = dict(os.environ)
    env.pop("DOSSIER_PURE_PYTHON", None)
    env.pop("DOSSIER_INDEX_DIR", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as a user's: modules load from bytecode
    env.update(
        DOSSIER_HOME=str(work),
        DOSSIER_DATA_DIR=str(work / "data"),
        DOSSIER_CONFIG_DIR=str(work / "config"),
    )
    # run from the checkout: ``-m tui`` imports the package beside it
    argv = [str(python), "-m", "tui", "index", "--rebuild", "--quiet", str(corpus)]
    if nameless:
        argv = [str(python), "-c", NAMELESS, str(corpus)]
    try:
        return _timed(argv, env, checkout, memory)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _fts5_once(corpus: Path, memory: list[tuple[float, float]] | None) -> tuple[float, float]:
    """(wall, CPU) of SQLite FTS5 indexing ``corpus`` into a fresh database."""
    from scale import FTS5_BUILD

    work = Path(tempfile.mkdtemp(prefix="build-compare-fts5-"))
    argv = [sys.executable, "-c", FTS5_BUILD, str(corpus), str(work / "fts5.db")]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    try:
        return _timed(argv, env, work, memory, quiet=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _timed(
    argv: list[str],
    env: dict[str, str],
    cwd: Path,
    memory: list[tuple[float, float]] | None,
    quiet: bool = False,
) -> tuple[float, float]:
    """(wall, CPU of every process) of ``argv`` run to its end; memory peaks to ``memory``."""
    started = time.perf_counter()
    out = subprocess.DEVNULL if quiet else None
    proc = subprocess.Popen(argv, env=env, cwd=cwd, stdout=out)
    pid = proc.pid
    watch = Memory(pid) if memory is not None else None
    cpu = 0.0
    status = 0
    while True:  # the command, then whatever it left (reparented here)
        try:
            got, st, usage = os.wait4(-1, 0)
        except ChildProcessError:
            break
        cpu += usage.ru_utime + usage.ru_stime
        if got == pid:
            status = st
            proc.returncode = os.waitstatus_to_exitcode(st)  # reaped here, not by Popen
    wall = time.perf_counter() - started
    if watch is not None and memory is not None:
        memory.append(watch.stop())
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{cwd}: {argv[:3]} failed ({status})")
    return wall, cpu


def compiled(checkout: Path) -> str:
    """Whether ``checkout`` runs its index build's hot loops compiled: "compiled", or
    "PURE PYTHON" (an edit since the install makes the package ignore its compiled
    copies: a pure side is two to three times slower, and the ratio means nothing)."""
    probe = "import tui.terms as t; print(t.__file__.endswith('.py'))"
    env = {k: v for k, v in os.environ.items() if k != "DOSSIER_PURE_PYTHON"}  # as builds run
    out = subprocess.run(
        [str(checkout / ".venv" / "bin" / "python"), "-c", probe],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return "PURE PYTHON" if out != "False" else "compiled"


def byte_compile(checkout: Path) -> None:
    """Write the bytecode of ``checkout``'s package, as a user's install has it: a side
    whose modules have none (PYTHONDONTWRITEBYTECODE, a fresh edit) compiles every one
    at every start, and each build's CPU time counts it (0.3-0.5 s)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    python = str(checkout / ".venv" / "bin" / "python")
    subprocess.run([python, "-m", "compileall", "-q", "tui"], cwd=checkout, env=env, check=False)


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ref", type=Path, required=True, help="the reference checkout")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--memory", action="store_true", help="sample the processes' memory")
    parser.add_argument("--nameless", action="store_true", help="build without a recogniser")
    parser.add_argument("--fts5", action="store_true", help="SQLite FTS5 too, in each round")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        raise SystemExit(f"no corpus at {args.corpus}")
    _subreaper()
    sides: dict[str, Path | None] = {"ref": args.ref.resolve(), "this": REPO}
    if args.fts5:
        sides["fts5"] = None
    results: dict[str, list[tuple[float, float]]] = {side: [] for side in sides}
    memory: dict[str, list[tuple[float, float]]] = {side: [] for side in sides}
    mode = " (without names)" if args.nameless else ""
    print(f"ref {sides['ref']}, this {REPO}, corpus {args.corpus}{mode}; load {_load()}")
    checkouts = {side: path for side, path in sides.items() if path is not None}
    kinds = {side: compiled(path) for side, path in checkouts.items()}
    for path in checkouts.values():
        byte_compile(path)
    print(f"ref {kinds['ref']}, this {kinds['this']}")
    if kinds["ref"] != kinds["this"]:
        print("warning: one side is compiled, the other not: install both afresh", file=sys.stderr)
    names = list(sides)
    for r in range(args.rounds):
        order = names if r % 2 == 0 else names[::-1]
        for side in order:
            peaks = memory[side] if args.memory else None
            wall, cpu = build_once(sides[side], args.corpus, peaks, args.nameless)
            results[side].append((wall, cpu))
            mem = ""
            if args.memory:
                pss, rss = memory[side][-1]
                mem = f"  all processes {pss:5.0f} MB (PSS)  largest {rss:5.0f} MB (RSS)"
            line = f"  round {r + 1} {side:4}: wall {wall:6.2f} s  cpu {cpu:6.2f} s{mem}"
            print(line, flush=True)
    print(f"load after {_load()}")
    summary: dict[str, tuple[float, float, float, float]] = {}
    for side, runs in results.items():
        walls = [w for w, _ in runs]
        cpus = [c for _, c in runs]
        summary[side] = (min(walls), statistics.median(walls), min(cpus), statistics.median(cpus))
        print(
            f"{side:4}: wall best {summary[side][0]:.2f} s median {summary[side][1]:.2f} s; "
            f"cpu best {summary[side][2]:.2f} s median {summary[side][3]:.2f} s"
        )
    if args.memory:
        for side, peaks in memory.items():
            print(
                f"{side:4}: peak of all processes (PSS) best {min(p for p, _ in peaks):.0f} MB"
                f" median {statistics.median(p for p, _ in peaks):.0f} MB; largest process (RSS)"
                f" median {statistics.median(r for _, r in peaks):.0f} MB"
            )
    ref, this = summary["ref"], summary["this"]
    print(
        f"this / ref: wall {this[0] / ref[0]:.2f}x (best) {this[1] / ref[1]:.2f}x (median); "
        f"cpu {this[2] / ref[2]:.2f}x (best) {this[3] / ref[3]:.2f}x (median)"
    )
    if args.fts5:
        fts5 = summary["fts5"]
        for side in ("ref", "this"):
            got = summary[side]
            print(
                f"{side} / fts5: wall {got[0] / fts5[0]:.2f}x (best) "
                f"{got[1] / fts5[1]:.2f}x (median); cpu {got[3] / fts5[3]:.2f}x (median)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
