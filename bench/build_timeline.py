"""Where the wall clock of a full build goes: a timeline of the parent and its workers.

    python bench/build_timeline.py [--corpus DIR] [--rounds 1] [--checkout DIR] [--nameless]

Runs ``dossier index --rebuild --quiet`` on the corpus (default
``../shared/corpora/bbc``) as build_compare.py does (a fresh data and config
folder, one whole process), with the build's stages wrapped: each stage's start
and end, in each process (the parent's and each worker's), are written to a log and
printed as a timeline in milliseconds from the process's start (the interpreter's
own start-up and the imports of ``tui.commands`` included: ``/proc/self/stat``'s
start time). The stages are the functions named in :data:`STAGES` (module,
qualified name); any module that imported a stage by name gets the wrapped one.
The wrapping itself costs a few microseconds a call: stages called per document are
left out. ``--nameless``: the build without names (no recogniser, as
``build_compare.py --nameless`` runs it). Linux only.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "bbc"

#: (module, qualified name) of each stage timed.
STAGES = [
    ("tui.commands.common", "open_library"),
    ("tui.commands.common", "ensure_index"),
    ("tui.library.upkeep", "IndexUpkeep.update"),
    ("tui.library.upkeep", "IndexUpkeep.save_derived"),
    ("tui.library.upkeep", "IndexUpkeep._add_names"),
    ("tui.library.update", "open_index"),
    ("tui.library.update", "config_fingerprints"),
    ("tui.library.config_prints", "ConfigPrints.work_out"),
    ("tui.library.catalog", "Catalog.disk_for_update"),
    ("tui.library.catalog", "Catalog.expand"),
    ("tui.library.catalog", "Catalog.corrections"),
    ("tui.library.update", "plan_update"),
    ("tui.library.update", "config_signature"),
    ("tui.library.update", "preload"),
    ("tui.library.reclean", "reading_learned"),
    ("tui.library.reclean", "clean_again"),
    ("tui.library.update", "_reading_learned"),  # (before reclean.py)
    ("tui.library.update", "_clean_again"),
    ("tui.library.update", "record_written"),
    ("tui.library.boilerplate", "LearnedState.update"),
    ("tui.index.store", "SearchIndex.write"),
    ("tui.index.store", "SearchIndex.write_meta"),
    ("tui.index.store", "SearchIndex.reopened"),
    ("tui.index.writes", "IndexWrites.fresh"),
    ("tui.index.writes", "IndexWrites._merge"),
    ("tui.index.writes", "IndexWrites._add_sidecars"),
    ("tui.index.build", "write_parallel"),
    ("tui.index.build", "read_spilled"),
    ("tui.index.build", "_worker_init"),
    ("tui.index.build", "_worker_write"),
    ("tui.index.build", "build_bounded"),
    ("tui.index.builder", "SegmentBuilder.finish"),
    ("tui.index.segment", "commit_toc"),
    ("tui.heap", "give_back"),
    ("tui.library.catalog", "Catalog.keep_learned"),
    ("tui.library.directory", "EntityDirectory.surname_links"),
    ("tui.library.directory", "EntityDirectory.corpus_types"),
    ("tui.library.directory", "EntityDirectory.organisation_links"),
    ("tui.library.derived", "write_entries"),
    ("tui.library.upkeep", "_types_and_aliases"),
    ("tui.library.beside", "Beside.wait"),
    ("tui.library.head", "make_head"),
    ("tui.library.head", "write_head"),
    ("tui.freshness", "record_stamp"),
    ("tui.index.sidecar", "SidecarBuilder.write"),
    ("tui.index.facetfile", "write"),
    ("tui.index.builder", "SegmentBuilder._write_names"),
    ("tui.index.facet_cache", "FacetCache.build"),
    ("tui.index.facets", "FacetCache.build"),  # (before the split of facets.py)
    ("tui.known", "remember"),
]

_RUNNER = r"""
import os, sys, time
LOG = os.environ["BUILD_TIMELINE_LOG"]
with open("/proc/self/stat", "rb") as f:
    stat = f.read()
start_ticks = int(stat[stat.rindex(b")") + 2 :].split()[19])
with open("/proc/uptime") as f:
    uptime = float(f.read().split()[0])
# the process's start on the monotonic clock's scale (CLOCK_BOOTTIME ~ uptime)
T0 = time.clock_gettime(time.CLOCK_BOOTTIME) - (uptime - start_ticks / os.sysconf("SC_CLK_TCK"))
_fd = os.open(LOG, os.O_WRONLY | os.O_APPEND | os.O_CREAT)

def now():
    return time.clock_gettime(time.CLOCK_BOOTTIME)

def note(name, a, b):
    os.write(_fd, f"{os.getpid()}\t{os.getppid()}\t{name}\t{a:.6f}\t{b:.6f}\n".encode())

note("process start", T0, T0)
a = now()
import importlib
import tui.commands
note("import tui.commands", a, now())
import functools

def wrap(fn, name):
    @functools.wraps(fn)
    def timed(*args, **kw):
        a = now()
        try:
            return fn(*args, **kw)
        finally:
            note(name, a, now())
    timed.__wrapped_stage__ = fn
    return timed

for module, qual in STAGES:
    try:
        mod = importlib.import_module(module)
    except ImportError:
        continue
    owner, _, attr = qual.rpartition(".")
    holder = getattr(mod, owner) if owner else mod
    fn = getattr(holder, attr, None)
    if fn is None:
        continue
    new = wrap(fn, qual)
    setattr(holder, attr, new)
    if not owner:
        for m in list(sys.modules.values()):
            d = getattr(m, "__dict__", None)
            if d and m.__name__.startswith("tui") and d.get(attr) is fn:
                d[attr] = new
if os.environ.get("BUILD_TIMELINE_NAMELESS"):
    import tui.library.prepare
    tui.library.prepare.load_recognizer = lambda user: None
note("stages wrapped", a, now())
import atexit
atexit.register(lambda: note("exit", now(), now()))
sys.argv = ["dossier", *sys.argv[1:]]
code = tui.commands.main()
note("main returned", now(), now())
sys.exit(code)
"""


def run(
    corpus: Path, checkout: Path, nameless: bool = False
) -> list[tuple[int, int, str, float, float]]:
    python = checkout / ".venv" / "bin" / "python"
    work = Path(tempfile.mkdtemp(prefix="build-timeline-"))
    log = work / "log.tsv"
    env = dict(os.environ)
    for k in ("DOSSIER_PURE_PYTHON", "DOSSIER_INDEX_DIR", "PYTHONDONTWRITEBYTECODE"):
        env.pop(k, None)
    env.update(
        DOSSIER_HOME=str(work),
        DOSSIER_DATA_DIR=str(work / "data"),
        DOSSIER_CONFIG_DIR=str(work / "config"),
        BUILD_TIMELINE_LOG=str(log),
    )
    if nameless:
        env["BUILD_TIMELINE_NAMELESS"] = "1"
    code = f"STAGES = {STAGES!r}\n{_RUNNER}"
    argv = [str(python), "-c", code, "index", "--rebuild", "--quiet", str(corpus)]
    try:
        subprocess.run(argv, env=env, cwd=checkout, check=True)
        gone = time.clock_gettime(time.CLOCK_BOOTTIME)  # (the exit's teardown included)
        rows = []
        for line in log.read_text().splitlines():
            pid, ppid, name, a, b = line.split("\t")
            rows.append((int(pid), int(ppid), name, float(a), float(b)))
        parent = next(r for r in rows if r[2] == "process start")
        rows.append((parent[0], parent[1], "process gone (seen here)", gone, gone))
        return rows
    finally:
        shutil.rmtree(work, ignore_errors=True)


def show(rows: list[tuple[int, int, str, float, float]]) -> None:
    t0 = min(a for _, _, name, a, _ in rows if name == "process start")
    parent = next(pid for pid, _, name, _, _ in rows if name == "process start")
    names = {parent: "parent"}
    for pid in sorted({pid for pid, *_ in rows} - {parent}):
        names[pid] = f"worker {len(names)}"
    for pid, _, name, a, b in sorted(rows, key=lambda r: (r[3], -r[4])):
        who = names[pid]
        print(
            f"{(a - t0) * 1000:8.0f} {(b - t0) * 1000:8.0f} {(b - a) * 1000:7.0f}  {who:9} {name}"
        )
    end = max(b for *_, b in rows)
    print(f"whole: {(end - t0) * 1000:.0f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--checkout", type=Path, default=REPO, help="another checkout, installed")
    ap.add_argument("--nameless", action="store_true", help="build without a recogniser")
    args = ap.parse_args()
    print(f"load average {os.getloadavg()}")
    python = args.checkout / ".venv" / "bin" / "python"
    subprocess.run([str(python), "-m", "compileall", "-q", "tui"], cwd=args.checkout, check=False)
    for n in range(args.rounds):
        print(f"--- round {n + 1} (ms from the parent's start: start, end, took)")
        show(run(args.corpus, args.checkout, args.nameless))
    print(f"load average {os.getloadavg()}")


if __name__ == "__main__":
    sys.exit(main())
