"""A merge of segments, copied (tui.index.copying) against written again as a build
writes it (the merge before), in one process on the same segments (run by hand).

    python bench/merge_copy.py --corpus DIR [--docs 8000] [--segments 8] [--rounds 3]

Indexes the first ``--docs`` articles of ``--corpus`` (a folder of .txt articles, e.g.
a ``corpus-N`` folder of ``bench/scale.py``) as ``--segments`` updates of equal size
(no merge in between), deletes one article in ``--delete-every`` (50), then merges all the segments
into one both ways, ``--rounds`` times each, and prints each way's CPU time (this
process), per live document, and whether the two segments' files are the same bytes.
The load average is printed: CPU times hold under load, wall clocks do not.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tui.index import merging  # noqa: E402
from tui.index.build import Target, build_segment  # noqa: E402
from tui.index.copying import copy_segments  # noqa: E402
from tui.index.folder import open_index  # noqa: E402
from tui.index.segment import commit_segments, segments  # noqa: E402
from tui.index.segment_files import live_documents  # noqa: E402


def _files(folder: Path, segment: object) -> dict[str, bytes]:
    stem = segment.make_filename("")  # type: ignore[attr-defined]
    return {
        p.name[len(stem) :]: p.read_bytes() for p in folder.iterdir() if p.name.startswith(stem)
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--docs", type=int, default=8000)
    parser.add_argument("--segments", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--delete-every", type=int, default=50, help="0: delete none")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="merge-copy-", dir=args.work))
    os.environ["DOSSIER_DATA_DIR"] = str(work / "data")
    os.environ["DOSSIER_CONFIG_DIR"] = str(work / "config")
    from tui.library import Library

    files = sorted(p for p in args.corpus.rglob("*.txt"))[: args.docs]
    corpus = work / "corpus"
    merging.FACTOR = 10_000  # no merge while the segments are made
    per = -(-len(files) // args.segments)
    lib = None
    for k in range(args.segments):
        for path in files[k * per : (k + 1) * per]:
            target = corpus / path.relative_to(args.corpus)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        lib = Library.open(corpus)
        lib.update_index(workers=2)
    assert lib is not None
    ix = lib.index.ix
    if args.delete_every:
        writer = ix.writer()
        with ix.searcher() as s:
            every = range(0, ix.doc_count_all(), args.delete_every)
            ids = [s.stored_fields(n)["id"] for n in every]
        for doc_id in ids:
            writer.delete_by_term("id", doc_id)
        commit_segments(writer, [])
    ix = open_index(lib.paths.index)
    group = segments(ix)
    live = ix.doc_count()
    print(
        f"{len(group)} segments, {ix.doc_count_all()} documents, {live} live; "
        f"load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    same = None
    times: dict[str, list[float]] = {"copied": [], "rebuilt": []}
    for _ in range(args.rounds):
        for way in ("copied", "rebuilt"):
            out = work / f"{way}-out"
            shutil.rmtree(out, ignore_errors=True)
            out.mkdir()
            start = time.process_time()
            if way == "copied":
                seg = copy_segments(Target(out), ix, group)
            else:
                docs = (d for g in group for d in live_documents(ix, g))
                seg, _ = build_segment(Target(out), docs)
            times[way].append(time.process_time() - start)
            if way == "copied":
                copied = _files(out, seg)
            else:
                same = copied == _files(out, seg)
    for way, taken in times.items():
        best = min(taken)
        print(
            f"{way:8} CPU min {best:.2f} s (rounds {', '.join(f'{t:.2f}' for t in taken)}), "
            f"{1000 * best / live:.3f} ms a document"
        )
    print(f"speed-up {min(times['rebuilt']) / min(times['copied']):.1f}x; same files: {same}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
