"""Whether this checkout builds the same index as a reference checkout, as a user sees it.

    python bench/index_equal.py --ref ../dossier-main [--corpus DIR] [--keep DIR]
    python bench/index_equal.py --one-phase [--corpus DIR] [--keep DIR]

Each checkout (with its own ``.venv``) runs ``dossier index --rebuild`` on the corpus
(default ``../shared/corpora/bbc``) in a fresh data folder; then both indexes are read
by this checkout and compared by content, not by bytes: which documents go to which
segment, and the segments' names, differ from one build to the next (the workers
share the articles out as they go). Compared, each by document id:

* every stored field (title, body, metadata, the entity summary as it reads back,
  whether stored as a dict, as before index format 10, or as text);
* every term of every field with its postings (weight and value: positions and
  character spans), and each document's field lengths;
* the passage fingerprints (hash and word position) and the entity rows (entity id
  and type, sentence within the document, first mention) of the sidecar files (the
  name a segment shows for an id is the first form it met, so it varies with the
  segment's documents);
* each document's facet record;
* the manifest (``dossier-meta.json``: files, ids, hashes, learned boilerplate).

With ``--one-phase`` the reference is this checkout's build in one phase (the names
found as each article is prepared), against its full build in two (searchable first,
the names added after: tui.library.naming).

Prints one line per part, "same" or how many entries differ with a few examples;
exits 1 when anything differs. Build speed is not measured here
(bench/build_compare.py does that).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.bbc import BBC  # noqa: E402
from tui.index import facetfile, sidecar  # noqa: E402
from tui.index.folder import open_index  # noqa: E402
from tui.index.segment import segment_reader, segments  # noqa: E402
from tui.index.sidecar_read import Sidecar  # noqa: E402
from tui.index.summaries import unpack_summary  # noqa: E402

#: ``dossier`` with every update in one phase (``--one-phase``'s reference).
ONE_PHASE = """
import sys
from tui.library import upkeep
real = upkeep.update_index
def one_phase(*args, **kwargs):
    kwargs["names_later"] = False
    return real(*args, **kwargs)
upkeep.update_index = one_phase
from tui.commands import main
sys.exit(main(sys.argv[1:]))
"""


def build(checkout: Path, corpus: Path, work: Path, *, one_phase: bool = False) -> Path:
    """Build the corpus's index with ``checkout`` (``one_phase``: the names found as
    each article is prepared, not after); the index folder."""
    python = checkout / ".venv" / "bin" / "python"
    if not python.exists():
        raise SystemExit(f"{checkout}: no .venv/bin/python (install the checkout first)")
    index = work / "index"
    env = {k: v for k, v in os.environ.items() if k not in ("DOSSIER_PURE_PYTHON",)}
    env.update(
        DOSSIER_HOME=str(work),
        DOSSIER_DATA_DIR=str(work / "data"),
        DOSSIER_CONFIG_DIR=str(work / "config"),
        DOSSIER_INDEX_DIR=str(index),
        DOSSIER_NO_SERVER="1",
    )
    command = ["-c", ONE_PHASE] if one_phase else ["-m", "tui"]
    argv = [str(python), *command, "index", "--rebuild", "--quiet", str(corpus)]
    done = subprocess.run(argv, env=env, cwd=checkout, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{checkout}: dossier index failed: {done.stderr.strip()}")
    return index


def _key(value: Any) -> str:
    return repr(value)


def dump(index: Path) -> dict[str, dict[str, Any]]:
    """The index's content as parts -> {key: value}, keys free of document numbers."""
    ix = open_index(index)
    parts: dict[str, dict[str, Any]] = defaultdict(dict)
    ids: dict[tuple[int, int], str] = {}  # (segment, local number) -> id
    for s, segment in enumerate(segments(ix)):
        reader = segment_reader(ix, segment)
        try:
            local: dict[int, str] = {}
            for n in range(reader.doc_count_all()):
                if reader.is_deleted(n):
                    continue
                stored = reader.stored_fields(n)
                doc_id = str(stored["id"])
                local[n] = doc_id
                ids[(s, n)] = doc_id
                # the entity summary as it reads back: stored as text since index
                # format 10, as a dict before (both sides are read by this checkout)
                stored = {**stored, "entities": unpack_summary(stored.get("entities"))}
                parts["stored fields"][doc_id] = _key(sorted(stored.items()))
                lengths = [
                    (name, reader.doc_field_length(n, name, 0))
                    for name in sorted(reader.schema.scorable_names())
                ]
                parts["field lengths"][doc_id] = _key(lengths)
            postings: dict[str, list[Any]] = defaultdict(list)
            for fieldname, tbytes in reader.all_terms():
                m = reader.postings(fieldname, tbytes)
                while m.is_active():
                    if m.id() in local:
                        postings[_key((fieldname, tbytes))].append(
                            (local[m.id()], m.weight(), m.value())
                        )
                    m.next()
            for term, rows in postings.items():
                parts["terms and postings"].setdefault(term, []).extend(rows)
            paths = (
                str(index / segment.make_filename(sidecar.PASSAGES_EXT)),
                str(index / segment.make_filename(sidecar.ENTITIES_EXT)),
            )
            side = Sidecar.open(paths)
            prints: dict[str, list[Any]] = defaultdict(list)
            columns = (side.hash.tolist(), side.doc.tolist(), side.pos.tolist())
            for h, d, p in zip(*columns, strict=True):
                if d in local:
                    prints[local[d]].append((h, p))
            for doc_id, rows in prints.items():
                parts["passage fingerprints"][doc_id] = _key(sorted(rows))
            rows_of: dict[str, list[Any]] = defaultdict(list)
            for d, e, sent, first in zip(
                side.entity_doc.tolist(),
                side.entity.tolist(),
                side.sentence.tolist(),
                side.first.tolist(),
                strict=True,
            ):
                if d in local:  # (the name's written form is the segment's first one seen)
                    rows_of[local[d]].append((side.entities[e][:2], sent, first))
            for doc_id, rows in rows_of.items():
                base = min(sent for _, sent, _ in rows)
                parts["entity rows"][doc_id] = _key(
                    sorted((e, sent - base, first) for e, sent, first in rows)
                )
            facet_path = str(index / segment.make_filename(facetfile.FACETS_EXT))
            records = list(reader.column_reader("facets", translate=False))
            for n, doc_id in local.items():
                parts["facet records"][doc_id] = _key(records[n])
            facetfile.read(facet_path)  # there and readable (made from the records)
        finally:
            reader.close()
    for term, rows in parts["terms and postings"].items():
        parts["terms and postings"][term] = _key(sorted(rows))
    meta = json.loads((index / "dossier-meta.json").read_text(encoding="utf-8"))
    for key, value in meta.items():
        if key == "files" and isinstance(value, dict):
            for path, entry in value.items():
                parts["manifest files"][path] = _key(entry)
        elif key == "entries" and isinstance(value, dict):  # rows (tui.library.manifest)
            for path, row in value.get("rows", {}).items():
                parts["manifest files"][path] = _key(dict(zip(value["fields"], row, strict=True)))
        elif key != "store":  # the index files' sizes and times
            parts["manifest"][key] = _key(value)
    parts["documents"]["count"] = str(ix.doc_count())
    return parts


def compare(ref: dict[str, dict[str, Any]], this: dict[str, dict[str, Any]]) -> bool:
    same = True
    for part in sorted(set(ref) | set(this)):
        a, b = ref.get(part, {}), this.get(part, {})
        differ = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
        digest = hashlib.sha256(_key(sorted(b.items())).encode()).hexdigest()[:12]
        if not differ:
            print(f"  {part:22} same ({len(b)} entries, {digest})")
            continue
        same = False
        print(f"  {part:22} {len(differ)} of {len(set(a) | set(b))} differ, e.g.:")
        for k in differ[:3]:
            x, y = str(a.get(k)), str(b.get(k))
            at = next((i for i, (p, q) in enumerate(zip(x, y, strict=False)) if p != q), 0)
            at = max(0, min(at, len(x), len(y)) - 60)
            print(f"      {k[:100]}")
            print(f"        ref:  ...{x[at : at + 160]}\n        this: ...{y[at : at + 160]}")
    return same


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ref", type=Path, help="the reference checkout")
    parser.add_argument(
        "--one-phase",
        action="store_true",
        help="the reference is this checkout building in one phase (no --ref)",
    )
    parser.add_argument("--corpus", type=Path, default=BBC)
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    args = parser.parse_args(argv)
    if (args.ref is None) == (not args.one_phase):
        parser.error("give --ref CHECKOUT or --one-phase")
    if not args.corpus.is_dir():
        raise SystemExit(f"no corpus at {args.corpus}")
    work = args.keep or Path(tempfile.mkdtemp(prefix="index-equal-"))
    try:
        found = {}
        ref = REPO if args.one_phase else args.ref.resolve()
        for side, checkout in (("ref", ref), ("this", REPO)):
            folder = work / side
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            one_phase = args.one_phase and side == "ref"
            found[side] = dump(build(checkout, args.corpus, folder, one_phase=one_phase))
        said = f"{REPO} in one phase" if args.one_phase else str(ref)
        print(f"ref {said}, this {REPO}, corpus {args.corpus}")
        same = compare(found["ref"], found["this"])
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print("same index" if same else "THE INDEXES DIFFER")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
