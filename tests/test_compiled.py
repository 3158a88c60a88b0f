"""The modules compiled by setup.py (mypyc) behave as their sources do.

setup.py compiles the entity tagger (tui/ner/), tui/terms.py and the Porter
stemmer (tui/index/porter.py) when a C
compiler is there; tui/__init__.py
imports the source instead when DOSSIER_PURE_PYTHON is set or the source is
newer than the compiled copy. Each side runs in its own interpreter.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tui import stale_compiled

REPO = Path(__file__).resolve().parent.parent

TEXTS = [
    "Finance Minister Olga Brandt met bankers in Lisbon on Tuesday. Brandt said "
    "the Central Bank of Portugal would act, the U.S. Treasury said on 3 May 2016.",
    "WASHINGTON (Reuters) - Talks led by Henrik Vallander of the Nordic Trade "
    "Council resumed. Vallander's aides flew to al-Raqqa and Aleppo-based groups.",
    "ARSENAL 2 CHELSEA 1\nThe Football Association fined Real Madrid's coach. "
    "Mr. O'Neill told BBC Radio 4 that the UN Security Council's vote was close.",
]

SCRIPT = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    import tui.entities as ent
    import tui.ner.model as model
    import tui.ner.tagger as tagger
    import tui.terms as terms
    import tui.index.porter as porter
    import tui.index.summaries as summaries
    import tui.sentences as sentences
    from tui.text import sentence_spans
    texts = json.loads(sys.stdin.read())
    texts += [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
    rec = ent.Recognizer()
    out = [[[m.start, m.end, m.text, m.type, m.canonical] for m in rec.extract(t)] for t in texts]
    import tui.index.packed as packed
    import tui.posting_layout as posting_layout
    vocabulary = terms.Vocabulary()
    words = terms.Words()
    words.term_of = lambda w: b"" if w in ("the", "a") else w[:4].encode()
    postings = terms.TermPostings(vocabulary)
    lengths = [
        terms.add_terms(postings, n, t.lower(), words, n % 2 == 0, 1.5, lambda x: x + 1000)
        for n, t in enumerate(texts + ["", " the a ", "the U.S. talks, talks."])
    ]
    taken = [[f.term.hex(), *[[v.hex() if isinstance(v, bytes) else v for v in column]
                              for column in f.columns()]]
             for f in postings.take(3)]  # (those of 3 postings or more)
    postings.take(1 << 62)
    index = {t.decode(): [v if not isinstance(v, bytes) else v.hex()
                          for v in packed.unpack(postings.pop(t))]
             for t in sorted(postings.terms())}
    index["(taken)"] = taken
    words = sorted({w.lower() for t in texts for w in terms.WORD.findall(t)})
    stems = [porter.stem(w) for w in words + ["yodelling", "flyers", "sky", "ayes", "nation"]]
    summed = []
    for t in texts:
        head, _, body = t.partition("\\n")
        starts = [s for s, _ in sentence_spans(body)]
        fields = {"person": [], "place": [], "org": []}
        found = summaries.summarize(rec.extract(t), len(head) + 1, starts, fields, ent.entity_id)
        counts = summaries.name_counts(",".join(fields["person"] + [" X", "y "]))
        rows = []
        top = summaries.entity_rows(found, 3, 10, {}, [], rows)
        counted = summaries.term_counts(fields["person"] + [" X", "y ", ""], str.upper)
        names = summaries.NamePostings()
        for docnum, kind in enumerate(("person", "place", "org")):
            names.add(docnum, summaries.term_counts(fields[kind], str.lower), 9)
        postings = [[t.hex(), [v.hex() if isinstance(v, bytes) else v
                               for v in names.postings(n, 2.0, lambda n: bytes([n]))]]
                    for t, n in names.terms()]
        summed.append([fields, found, counts, top, rows, counted, postings])
    import random
    import tui.index.blockcodec as blockcodec
    import tui.index.fieldout as fieldout
    rng = random.Random(3)
    blocks = []
    for n in (1, 2, 3, 7, 60):
        flat = []
        for i in range(n):
            flat += [10 * i + 1, rng.choice([1.0, 2.0, 3.5]),
                     bytes(rng.randrange(256) for _ in range(12)), rng.choice([None, 9, 300])]
        for fixedsize in (None, 0, 4):
            blob, stats = blockcodec.encode_one_block(flat, fixedsize)
            blocks.append([blob.hex(), repr(stats)])
        blob, stats = blockcodec.encode_one_posting(flat[:4], None)
        blocks.append([blob.hex(), repr(stats)])
        flat += [2**40, 1.0, b"", -1, 5, 1e-7, bytes(300), None]  # (pickled whole)
        packed_runs = packed.pack(flat[4:], packed.pack(flat[:4]))
        blocks.append([packed_runs.hex(), repr(packed.unpack(packed_runs))])
    files = [model.__file__, tagger.__file__, terms.__file__, porter.__file__, summaries.__file__,
             sentences.__file__, blockcodec.__file__, fieldout.__file__, packed.__file__,
             posting_layout.__file__]
    print(json.dumps({"files": files, "mentions": out, "terms": [lengths, index], "stems": stems,
                      "summaries": summed, "sentences": [sentence_spans(t) for t in texts],
                      "blocks": blocks}))
    """
)


def run(pure: bool) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DOSSIER_PURE_PYTHON"}
    if pure:
        env["DOSSIER_PURE_PYTHON"] = "1"
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(REPO / "seeds")],
        input=json.dumps(TEXTS),
        capture_output=True,
        text=True,
        env=env,
        check=True,
        cwd=REPO,
    )
    return json.loads(done.stdout)


def test_ci_runs_the_compiled_modules() -> None:
    # CI installs on a machine with a C compiler and Python's headers, without
    # DOSSIER_PURE_PYTHON: a build that fell back to pure Python there is a failure
    # (setup.py keeps the fallback for users' machines), not a reason to skip.
    if not os.environ.get("CI") or os.environ.get("DOSSIER_PURE_PYTHON"):
        pytest.skip("only CI must compile (CI is not set, or DOSSIER_PURE_PYTHON is)")
    files = run(pure=False)["files"]
    assert not [f for f in files if f.endswith(".py")], (
        f"setup.py did not compile {files} with mypyc: see the install's "
        "'dossier: not compiling' line"
    )


def test_compiled_modules_give_what_their_sources_give() -> None:
    compiled = run(pure=False)
    if all(f.endswith(".py") for f in compiled["files"]):
        pytest.skip("nothing is compiled here (no C compiler at install, or edited since)")
    pure = run(pure=True)
    assert [Path(f).name for f in pure["files"]] == [
        "model.py",
        "tagger.py",
        "terms.py",
        "porter.py",
        "summaries.py",
        "sentences.py",
        "blockcodec.py",
        "fieldout.py",
        "packed.py",
        "posting_layout.py",
    ]
    assert sum(map(len, pure["mentions"])) > 100
    assert compiled["mentions"] == pure["mentions"]
    lengths, index = pure["terms"]
    assert lengths[-3:] == [0, 0, 3] and len(index) > 500
    assert compiled["terms"] == pure["terms"]
    assert len(pure["stems"]) > 200 and "flyer" in pure["stems"]
    assert compiled["stems"] == pure["stems"]
    assert sum(len(found) for _, found, *_ in pure["summaries"]) > 30
    assert compiled["summaries"] == pure["summaries"]
    assert sum(map(len, pure["sentences"])) > 20
    assert compiled["sentences"] == pure["sentences"]
    assert len(pure["blocks"]) == 25
    assert compiled["blocks"] == pure["blocks"]


def test_a_compiled_module_older_than_its_source_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DOSSIER_PURE_PYTHON", raising=False)
    import importlib.machinery

    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    for name in ("fresh", "old", "plain"):
        (tmp_path / f"{name}.py").write_text("")
    (tmp_path / f"fresh{suffix}").write_bytes(b"")
    names = ("fresh", "old", "plain")
    assert stale_compiled(tmp_path, names) == {}
    (tmp_path / f"old{suffix}").write_bytes(b"")
    os.utime(tmp_path / f"old{suffix}", (1_000, 1_000))
    # The modules are compiled as one group, whose compiled code calls the others'
    # directly: one stale module makes every one of them stale.
    assert stale_compiled(tmp_path, names) == {
        name: tmp_path / f"{name}.py" for name in ("fresh", "old", "plain")
    }
    monkeypatch.setenv("DOSSIER_PURE_PYTHON", "1")
    os.utime(tmp_path / f"old{suffix}")
    assert set(stale_compiled(tmp_path, names)) == {"fresh", "old", "plain"}


def test_compiled_stubs_without_their_shared_library_are_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """mypyc builds one shared library for the group and a stub per module; setup.py
    makes each optional, so a failed compile of the library can leave the stubs alone
    (seen on a busy machine: every 'import tui.terms' then failed with 'No module named
    ...__mypyc'). The sources are used then; once the library is there, the stubs."""
    monkeypatch.delenv("DOSSIER_PURE_PYTHON", raising=False)
    import importlib.machinery

    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    package = tmp_path / "pkg"
    package.mkdir()
    library = "0f1e2d3c4b5a69788796__mypyc"
    for name in ("one", "two"):
        (package / f"{name}.py").write_text("")
        stub = b"\x00ELF..." + library.encode() + b".init_pkg___" + name.encode() + b"\x00"
        (package / f"{name}{suffix}").write_bytes(stub)
    names = ("one", "two")
    assert stale_compiled(package, names) == {n: package / f"{n}.py" for n in names}
    (tmp_path / f"{library}{suffix}").write_bytes(b"")
    assert stale_compiled(package, names) == {}


def test_a_compiled_module_no_longer_compiled_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An old editable install leaves tui/entities.*.so behind once entities.py stops being
    compiled: the new source must win over it."""
    monkeypatch.delenv("DOSSIER_PURE_PYTHON", raising=False)
    import importlib.machinery

    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    (tmp_path / "sub").mkdir()
    for name in ("kept.py", "gone.py", "sub/inner.py"):
        (tmp_path / name).write_text("")
    for name in (f"kept{suffix}", f"gone{suffix}", f"orphan{suffix}", f"sub/inner{suffix}"):
        (tmp_path / name).write_bytes(b"")
    stale = stale_compiled(tmp_path, ("kept", "sub.inner"))
    # gone.py is no longer compiled: its old build is stale. orphan has no source to use.
    assert stale == {"gone": tmp_path / "gone.py"}


def test_the_package_knows_every_module_setup_py_compiles() -> None:
    """A module setup.py compiles but tui/__init__.py does not list is taken for a
    leftover of an older install, and its compiled copy is never used."""
    import ast

    import tui

    tree = ast.parse((REPO / "setup.py").read_text(encoding="utf-8"))
    compiled = next(
        ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "COMPILED" for t in node.targets)
    )
    listed = {p.removeprefix("tui/").removesuffix(".py").replace("/", ".") for p in compiled}
    assert listed == set(tui.COMPILED)
