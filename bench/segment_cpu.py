"""The CPU of a build's index side alone (the segments the workers write), against a
reference checkout, in the same run.

    python bench/segment_cpu.py --ref ../dossier-main [--corpus DIR] [--rounds 5]

A full build's CPU moves with the machine's load by more than most changes to the
index side are worth. This takes that side apart: the corpus (default
``../shared/corpora/bbc``) is prepared once, by this checkout in one process (``dossier
index --rebuild`` with DOSSIER_INDEX_WORKERS=1: read, cleaned, entities found), and the
documents are kept in a temporary file; then each checkout, in its own process (its
``.venv``'s Python, its own ``tui``), writes them as a build's two workers would (two
halves, each its own segments, through ``tui.index.build.build_bounded``, told its
share of the documents when it takes that), ``--rounds``
times, alternating with the other. Printed: each round's CPU, and per checkout the
best and the median. Both checkouts must read the same documents: the reference must
take the dicts this checkout's preparation makes.
"""

from __future__ import annotations

import argparse
import os
import pickle
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "bbc"

CAPTURE = textwrap.dedent(
    """
    import pickle, sys
    import tui.index.build as build
    from tui.commands import main
    write = build.build_bounded
    def keep(ix, documents, *args, **kwargs):
        docs = list(documents)
        with open(sys.argv[1], "wb") as out:
            pickle.dump(docs, out, pickle.HIGHEST_PROTOCOL)
        return write(ix, docs, *args, **kwargs)
    build.build_bounded = keep
    sys.exit(main(["index", "--rebuild", "--quiet", sys.argv[2]]))
    """
)

TIME = textwrap.dedent(
    """
    import gc, pickle, shutil, sys, tempfile, time
    from inspect import signature
    import tui.index.build as build
    from tui.index.folder import create_index
    with open(sys.argv[1], "rb") as f:
        docs = pickle.load(f)
    gc.disable()  # (a build's workers run without the cyclic collector)
    half = len(docs) // 2
    folder = tempfile.mkdtemp(prefix="segment-cpu-")
    try:
        create_index(folder)
        started = time.process_time()
        # each worker's share, as a build tells it (to a checkout that takes it)
        told = "share" in signature(build.build_bounded).parameters
        for part in (docs[:half], docs[half:]):
            share = {"share": len(part)} if told else {}
            build.build_bounded(build.Target(folder), iter(part), **share)
        print(time.process_time() - started)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    """
)


def _env(work: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE",)}
    env.pop("DOSSIER_PURE_PYTHON", None)
    env.update(
        DOSSIER_HOME=str(work),
        DOSSIER_DATA_DIR=str(work / "data"),
        DOSSIER_CONFIG_DIR=str(work / "config"),
        DOSSIER_INDEX_WORKERS="1",
    )
    return env


def _python(checkout: Path) -> str:
    python = checkout / ".venv" / "bin" / "python"
    if not python.exists():
        raise SystemExit(f"{checkout}: no .venv/bin/python (install the checkout first)")
    return str(python)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ref", type=Path, required=True, help="the reference checkout")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        raise SystemExit(f"no corpus at {args.corpus}")
    checkouts = {"ref": args.ref.resolve(), "this": REPO}
    work = Path(tempfile.mkdtemp(prefix="segment-cpu-"))
    try:
        docs = work / "docs.pickle"
        subprocess.run(
            [_python(REPO), "-c", CAPTURE, str(docs), str(args.corpus)],
            env=_env(work),
            cwd=REPO,
            check=True,
            stderr=subprocess.DEVNULL,
        )
        with open(docs, "rb") as f:  # noqa: PTH123
            count = len(pickle.load(f))
        print(f"corpus {args.corpus}: {count} documents; load {_load()}")
        cpu: dict[str, list[float]] = {name: [] for name in checkouts}
        for r in range(args.rounds):
            for name in checkouts if r % 2 == 0 else list(checkouts)[::-1]:
                done = subprocess.run(
                    [_python(checkouts[name]), "-c", TIME, str(docs)],
                    env=_env(work),
                    cwd=checkouts[name],
                    check=True,
                    capture_output=True,
                    text=True,
                )
                cpu[name].append(float(done.stdout.split()[-1]))
                print(f"  round {r + 1} {name:4}: cpu {cpu[name][-1]:.3f} s", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"load after {_load()}")
    for name, values in cpu.items():
        print(f"{name:4}: cpu best {min(values):.3f} s median {statistics.median(values):.3f} s")
    ref, this = cpu["ref"], cpu["this"]
    print(
        f"this / ref: cpu {min(this) / min(ref):.3f}x (best) "
        f"{statistics.median(this) / statistics.median(ref):.3f}x (median)"
    )
    return 0


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


if __name__ == "__main__":
    sys.exit(main())
