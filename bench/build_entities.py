"""Where a full build's entity work goes (issue 16: the BBC build within 25%).

    python bench/build_entities.py [--rounds 3] [--corpus DIR]

Runs ``dossier index --rebuild --quiet`` on the corpus (default
``../shared/corpora/bbc``) as a user does, one whole process with its workers, in
three ways, alternating, each in a fresh data and config folder:

* ``none``: the recogniser finds nothing (no extraction, no entity in the index);
* ``discarded``: every article is extracted, and what was found is dropped;
* ``full``: the build as shipped.

Printed per way: the CPU time of every process (median of the rounds), and, from
inside the workers, their CPU time, the part of it in ``prepare_document`` (read,
clean, extract, the entity summary) and in the recogniser's extraction alone; and
the parent's. The differences then say what each part of the entity work costs:
extraction as the build runs it (beside ``bench/entities_speed.py``'s one process),
what extraction costs the rest of preparing (caches), the summary and fields made of
the mentions, the segment's entity terms, stored summaries and rows (the workers'
CPU outside ``prepare_document``), and the parent's corpus pass. The machine's load
moves every figure; the load average is printed before and after.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "bbc"
MODES = ("none", "discarded", "full")
_MARK = "build-entities:"


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def child(mode: str, corpus: str) -> int:
    """Run one build in this process with the recogniser as ``mode`` has it."""
    sys.path.insert(0, str(REPO))
    import tui.index.build as build
    import tui.library.prepare as prepare
    import tui.library.update as update
    from tui.commands import main
    from tui.ner.mention import Evidence

    spent = {"extract": 0.0, "prepare": 0.0}

    class Recogniser:
        def __init__(self, inner: Any) -> None:
            self.inner = inner

        def __getattr__(self, name: str) -> Any:
            return getattr(self.inner, name)

        def extract_with_evidence(self, text: str, dates: bool | None = None) -> Any:
            if mode == "none":
                return [], Evidence(set(), set())
            started = time.process_time()
            found = self.inner.extract_with_evidence(text, dates)
            spent["extract"] += time.process_time() - started
            return ([], Evidence(set(), set())) if mode == "discarded" else found

    load = prepare.load_recognizer

    def load_recognizer(user: Path) -> Any:
        inner = load(user)
        return None if inner is None else Recogniser(inner)

    prepare_document = update.prepare_document

    def timed(step: Any) -> Any:
        def run(item: Any) -> Any:
            started = time.process_time()
            out = step(item)
            spent["prepare"] += time.process_time() - started
            return out

        return run

    timed_prepare = timed(prepare_document)
    phases = getattr(prepare_document, "phases", None)
    if phases is not None:  # (the build runs them over runs of articles)
        timed_prepare.phases = tuple(timed(step) for step in phases)

    worker_write = build._worker_write

    def timed_worker_write(*args: Any) -> Any:
        started = _cpu()
        out = worker_write(*args)
        cpu = _cpu() - started
        print(
            f"{_MARK} worker {cpu:.3f} {spent['prepare']:.3f} {spent['extract']:.3f}",
            file=sys.stderr,
            flush=True,
        )
        return out

    # (the workers get both by name: pickled as the functions they stand in for)
    for stand_in, module, name in (
        (timed_prepare, update, "prepare_document"),
        (timed_worker_write, build, "_worker_write"),
    ):
        stand_in.__module__, stand_in.__qualname__ = module.__name__, name
    prepare.load_recognizer = load_recognizer
    update.prepare_document = timed_prepare
    build._worker_write = timed_worker_write
    code = main(["index", "--rebuild", "--quiet", corpus])
    print(f"{_MARK} parent {_cpu():.3f}", file=sys.stderr, flush=True)
    return code


def build_once(mode: str, corpus: Path) -> dict[str, float]:
    """One build's figures: cpu (every process), workers, prepare, extract, parent."""
    work = Path(tempfile.mkdtemp(prefix="build-entities-"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.pop("DOSSIER_PURE_PYTHON", None)
    env.update(
        DOSSIER_HOME=str(work),
        DOSSIER_DATA_DIR=str(work / "data"),
        DOSSIER_CONFIG_DIR=str(work / "config"),
    )
    argv = [sys.executable, __file__, "--child", mode, str(corpus)]
    err = work / "stderr"
    try:
        with open(err, "w") as stderr:  # noqa: PTH123
            proc = subprocess.Popen(argv, env=env, cwd=REPO, stderr=stderr)
            cpu = 0.0
            while True:  # the command, then whatever it left (reparented here)
                try:
                    got, status, usage = os.wait4(-1, 0)
                except ChildProcessError:
                    break
                cpu += usage.ru_utime + usage.ru_stime
                if got == proc.pid:
                    proc.returncode = os.waitstatus_to_exitcode(status)
        lines = err.read_text().splitlines()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if proc.returncode != 0:
        raise SystemExit(f"the build failed ({proc.returncode}): {lines[-1:] or ''}")
    out = {"cpu": cpu, "workers": 0.0, "prepare": 0.0, "extract": 0.0, "parent": 0.0}
    for line in lines:
        if not line.startswith(_MARK):
            continue
        kind, *numbers = line[len(_MARK) :].split()
        if kind == "worker":
            for key, value in zip(("workers", "prepare", "extract"), numbers, strict=True):
                out[key] += float(value)
        elif kind == "parent":
            out["parent"] = float(numbers[0])
    return out


def _subreaper() -> None:
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(36, 1)  # PR_SET_CHILD_SUBREAPER
        except (OSError, AttributeError):
            pass


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--child"]:
        return child(args[1], args[2])
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    opts = parser.parse_args(args)
    if not opts.corpus.is_dir():
        raise SystemExit(f"no corpus at {opts.corpus}")
    _subreaper()
    print(f"corpus {opts.corpus}; load {_load()}")
    runs: dict[str, list[dict[str, float]]] = {mode: [] for mode in MODES}
    for r in range(opts.rounds):
        for mode in MODES if r % 2 == 0 else MODES[::-1]:
            got = build_once(mode, opts.corpus)
            runs[mode].append(got)
            print(
                f"  round {r + 1} {mode:9}: cpu {got['cpu']:5.2f} s  workers {got['workers']:5.2f}"
                f"  (prepare {got['prepare']:5.2f}, extraction {got['extract']:5.2f})"
                f"  parent {got['parent']:5.2f}",
                flush=True,
            )
    print(f"load after {_load()}")
    med = {
        mode: {key: statistics.median(run[key] for run in runs[mode]) for key in runs[mode][0]}
        for mode in MODES
    }
    none, discarded, full = med["none"], med["discarded"], med["full"]
    rest = {m: med[m]["workers"] - med[m]["prepare"] for m in MODES}
    rows = [
        ("the build, every process (full)", full["cpu"]),
        ("the build without entities (none)", none["cpu"]),
        ("entity work in all (full - none)", full["cpu"] - none["cpu"]),
        ("  extraction, in the workers", full["extract"]),
        (
            "  the rest of preparing, slower beside extraction",
            (discarded["prepare"] - discarded["extract"]) - none["prepare"],
        ),
        ("  summary and fields of the mentions", full["prepare"] - discarded["prepare"]),
        ("  the segments' entity terms, summaries, rows", rest["full"] - rest["discarded"]),
        ("  the segments' other work, slower beside extraction", rest["discarded"] - rest["none"]),
        ("  the parent (corpus pass, counts)", full["parent"] - none["parent"]),
    ]
    print("medians, CPU seconds:")
    for label, value in rows:
        print(f"  {label:52} {value:5.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
