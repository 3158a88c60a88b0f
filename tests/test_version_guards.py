"""The version numbers that make every index be cleaned or named again follow the code.

An index is cleaned again when :data:`tui.cleaning.rules.CLEANER_VERSION` changes, and
its names found again when :data:`tui.ner.recognizer.RULES_VERSION` does. Two branches
that change the cleaner at once both bump 25 to 26: the second rebases without a
conflict, and indexes cleaned by the first's 26 are never cleaned with the second's
change (it happened twice: 72ae83b, b9f5f57). So each version is held here to a digest
of the code it covers: :data:`HISTORY` has one line per change of that code, the newest
last. A change of the code fails :func:`test_the_version_follows_its_code` until the
version is bumped and a line added; two branches adding a line each conflict here on
rebase, and keeping both lines fails as one version taken twice.

The digest is of each module's syntax tree without its docstrings: formatting, comments
and docstrings change nothing, any change of the code does (a rename too). A change of
the code that leaves the output as it was (a refactor) adds a line with the same version
and a note saying how that was shown (``bench/entities_same.py --compare``, the cleaned
fields of a corpus): the indexes are not cleaned again for it.

The code covered is every module of the package that the version's own modules import
(in any function too), found here from their imports, but for :data:`SUPPORT`: modules
that decide nothing of the output (paths, files, lazy imports). A module split off
is covered at once.
"""

from __future__ import annotations

import ast
import hashlib
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent

#: Modules read by the cleaner or the recogniser that decide nothing of their output.
SUPPORT = frozenset({"tui", "tui.lazy", "tui.paths", "tui.privacy", "tui.yamlfile"})

#: Per version: (the module that sets it, the modules it covers with all they import).
#: (The data they read, the model's weights and the name lists, has fingerprints of its
#: own in the index's: tui.ner.recognizer.Recognizer.fingerprint.)
GUARDED = {
    # (tui.formats: what a file's format gives the cleaner; a saved page's extractor is
    # in tui.formats.html, whose EXTRACTOR_VERSION keys only its cache, not the index)
    "CLEANER_VERSION": ("tui.cleaning.rules", ("tui.cleaning", "tui.bylines", "tui.formats")),
    "RULES_VERSION": ("tui.ner.recognizer", ("tui.ner.recognizer",)),
}


def _cleaner_lists() -> str:
    """The name lists the cleaner reads (:func:`tui.gazetteer.lexicon`'s given names and
    places: a co-author after a comma, a person's name as a headline, a caption's name),
    shipped data that no fingerprint of the index covers: a name added there changes
    what the cleaner gives, as a change of its code does."""
    from tui.gazetteer import lexicon

    lex = lexicon()
    return "\n".join(["first names", *sorted(lex.first_names), "places", *sorted(lex.places)])


#: Per version, the data its code reads that the index's fingerprints leave out, as
#: text (the recogniser's name lists and weights are in its own fingerprint).
DATA = {"CLEANER_VERSION": _cleaner_lists}

#: (version, digest of its code, note) per change of the code, oldest first. A bump
#: adds (new version, digest, ""); a change shown to leave the output the same adds
#: (same version, digest, "same output: how that was shown").
HISTORY: dict[str, list[tuple[str, str, str]]] = {
    "CLEANER_VERSION": [
        ("27", "7ee00ecbf5a7a0e4", ""),
        ("28", "7b5893db942fb556", ""),
        ("29", "e966d7fc48a0a633", ""),
        ("29", "f0d8edb8449d2404", "same output: the digest reads the cleaner's name lists too"),
        ("30", "39481e3d0594a097", ""),
        ("31", "1d6bda70012ade6c", ""),
        ("32", "9aa6f72de83a89cc", ""),
        ("33", "72b48766d7fb2591", ""),
        ("34", "32cf2d44d503febf", ""),
        ("35", "0ed7e12dd7f80444", ""),
        (
            "35",
            "0276b3b1757f52af",
            "same output: only how a correction is written to the user's file changed",
        ),
        ("35", "2de5eddc662c8c2b", "same output: inset_links moved to tui/cleaning/insets.py"),
        ("36", "1bc6a8766f5a6d99", ""),
        ("37", "c00eeac06571fba4", ""),
        ("38", "0fb564ec59b6b92a", ""),
        ("39", "589fb7e4ea57f52a", ""),
        ("40", "2be1856c64f1b1ac", ""),
        ("41", "a818b58747dc6822", ""),
        ("42", "5c5593c46509dca9", ""),
        ("43", "f5b9b365b4d36bbf", ""),
        ("44", "d03efe7944c74846", ""),
        ("45", "0e9474f1e6552e56", ""),
        ("46", "1558537d8fa57137", ""),
        ("47", "d931c2cd815a6013", ""),
        ("48", "a52df055c6e33f31", ""),
        ("49", "d16aaf1010f82e62", ""),
        (
            "49",
            "a092f529239aea5c",
            "same output: the header pass moved to tui/cleaning/header.py (aeb-dev text, "
            "unindented and html, BBC and seeds: every cleaned field the same)",
        ),
        ("50", "c1807176f6e527e3", ""),
        ("51", "5d4b2a720800832d", ""),
        ("52", "55d2b4511729564e", ""),
        ("53", "142488ce12107423", ""),
        (
            "54",
            "142488ce12107423",
            "the saved pages' extractor changed (tui/formats/html.py, EXTRACTOR_VERSION 3): "
            "indexes clean their articles again so that it runs",
        ),
        ("55", "320cd04a1a805e95", ""),
        (
            "55",
            "4e6cbef2854e1fb6",
            "same output: no code changed; the guard now covers tui.formats too (the "
            "saved pages' extractor and the formats' readers), whose changes had cleaned "
            "no index again unless CLEANER_VERSION was bumped by hand",
        ),
    ],
    "RULES_VERSION": [
        ("ner-57", "1f6887722b523a8f", ""),
        ("ner-58", "fb2ac78c9916ec44", ""),
        ("ner-59", "50b5372acd63f36c", ""),
        (
            "ner-59",
            "b1a19ad0801155de",
            "same output: the model's names numbered in steps, the lock let go between "
            "(tests/test_vocabulary_numbering.py: the same ids, the shipped model's too; "
            "the ner tests pass)",
        ),
        ("ner-60", "d97f15c8d0e0f2f2", ""),
        ("ner-61", "022207ab4fa4b3d5", ""),
        ("ner-62", "c4e9d46374aa1a22", ""),
        ("ner-63", "d9de41037d2a5629", ""),
        ("ner-64", "856a876fb4e611a5", ""),
        ("ner-65", "91e7379216602b87", ""),
        (
            "ner-65",
            "21f37f14e1bd6d40",
            "same output: town_teams and among_kinds look at the word before or after a "
            "name before running their expressions (bench/entities_same.py --compare)",
        ),
        ("ner-66", "dbb18b6c142461fc", ""),
        ("ner-67", "02729b032938a3b4", ""),
        (
            "ner-67",
            "973e16e43e7fde3f",
            "same output: paper_heads looks at a word's length and first letter before "
            "the nouns (bench/entities_same.py --compare)",
        ),
        (
            "ner-67",
            "71147c229c37c197",
            "same output: paper_heads reads only the line's capitalised words and a "
            "noun by one look-up, job_titles and maker_engines look for their rarest "
            "word first (bench/entities_same.py --compare)",
        ),
        (
            "ner-67",
            "94be0f083e990408",
            "same output: the model loader also catches RecursionError from a header "
            "nested too deep (a damaged file refused in one line; the shipped model loads "
            "as before: tests/test_ner.py round-trips it)",
        ),
        ("ner-68", "29115c4c3f056e0d", ""),
    ],
}


def _module_file(name: str) -> Path | None:
    path = REPO.joinpath(*name.split("."))
    if (path / "__init__.py").is_file():
        return path / "__init__.py"
    if path.with_suffix(".py").is_file():
        return path.with_suffix(".py")
    return None


def _imports(name: str, path: Path) -> set[str]:
    """The package's modules that module ``name`` (at ``path``) imports, anywhere in it."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {m for m in found if m.split(".")[0] == "tui" and _module_file(m) is not None}


def covered(roots: tuple[str, ...]) -> dict[str, Path]:
    """The modules the version of ``roots`` covers (with every module of a package
    among them), by name."""
    todo = list(roots)
    for root in roots:
        path = _module_file(root)
        if path is not None and path.name == "__init__.py":
            todo += [f"{root}.{p.stem}" for p in path.parent.glob("*.py") if p.stem != "__init__"]
    seen: dict[str, Path] = {}
    while todo:
        name = todo.pop()
        path = _module_file(name)
        if name in seen or path is None:
            continue
        seen[name] = path
        todo.extend(_imports(name, path))
    return {name: path for name, path in seen.items() if name not in SUPPORT}


def _strip_docstrings(tree: ast.AST) -> ast.AST:
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and isinstance(body, list)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            node.body = body[1:] or [ast.Pass()]
    return tree


def _canonical(node: Any) -> str:
    """A node as text: its type and fields, without positions, and without the fields a
    newer Python adds empty (``type_params``), so that the digest is one across versions."""
    if isinstance(node, ast.AST):
        fields = []
        for field in node._fields:
            value = getattr(node, field, None)
            if value is None or value == []:
                continue
            fields.append(f"{field}={_canonical(value)}")
        return f"{type(node).__name__}({','.join(fields)})"
    if isinstance(node, list):
        return "[" + ",".join(_canonical(x) for x in node) + "]"
    return repr(node)


def _without_versions(tree: ast.Module) -> ast.Module:
    """The module without the lines that set a guarded version (bumping one is no
    change of the code)."""

    def sets_version(node: ast.stmt) -> bool:
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, ast.AnnAssign):
            targets = [node.target]
        return any(isinstance(t, ast.Name) and t.id in GUARDED for t in targets)

    tree.body = [node for node in tree.body if not sets_version(node)]
    return tree


def code_digest(source: str) -> str:
    """What the digest reads of one module's source."""
    return _canonical(_strip_docstrings(_without_versions(ast.parse(source))))


def digest(modules: dict[str, Path], data: str = "") -> str:
    h = hashlib.sha256()
    for name in sorted(modules):
        h.update(name.encode())
        h.update(code_digest(modules[name].read_text(encoding="utf-8")).encode())
    if data:
        h.update(b"\0data\0" + data.encode())
    return h.hexdigest()[:16]


def _version(name: str) -> str:
    """The value ``name`` is set to in its module's source."""
    path = _module_file(GUARDED[name][0])
    assert path is not None
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        else:
            continue
        if isinstance(target, ast.Name) and target.id == name:
            assert isinstance(value, ast.Constant)
            return str(value.value)
    raise AssertionError(f"no {name} in {path}")


def problems(name: str, version: str, now: str, history: list[tuple[str, str, str]]) -> list[str]:
    """What is wrong with ``history`` of ``name``, now ``version`` with code ``now``."""
    where = f"tests/test_version_guards.py HISTORY[{name!r}]"
    out = []
    taken: set[str] = set()
    for v, _, note in history:
        if v in taken and not note:
            out.append(
                f"{name} {v} was taken twice (two branches bumped it at once?): bump {name} "
                f"past {v} and put both changes under the new number in {where}"
            )
        taken.add(v)
    last_version, last_digest, _ = history[-1]
    if last_version != version:
        out.append(f"{name} is {version}: add ({version!r}, {now!r}, '') to {where}")
    elif last_digest != now:
        out.append(
            f"the code {name} covers (or the data it reads) changed (digest {now}): bump "
            f"{name} and add (its new value, {now!r}, '') to {where}; if the output is the "
            f"same (shown how?), add ({version!r}, {now!r}, 'same output: ...') instead"
        )
    return out


@pytest.mark.parametrize("name", sorted(GUARDED))
def test_the_version_follows_its_code(name: str) -> None:
    data = DATA[name]() if name in DATA else ""
    now = digest(covered(GUARDED[name][1]), data)
    found = problems(name, _version(name), now, HISTORY[name])
    assert not found, "\n".join(found)


def test_the_cleaner_covers_its_modules_and_the_recogniser_its() -> None:
    cleaner = covered(GUARDED["CLEANER_VERSION"][1])
    assert {"tui.cleaning.rules", "tui.cleaning.passes", "tui.bylines"} <= set(cleaner)
    assert {"tui.cleaning.captions", "tui.gazetteer"} <= set(cleaner)  # (imported in a function)
    assert {"tui.formats", "tui.formats.html", "tui.formats.text"} <= set(cleaner)
    assert not SUPPORT & set(cleaner)
    names = covered(GUARDED["RULES_VERSION"][1])
    assert {"tui.ner.recognizer", "tui.ner.tagger", "tui.ner.lists", "tui.gazetteer"} <= set(names)
    assert not {m for m in names if m.startswith("tui.cleaning")}


def test_the_digest_reads_the_code_not_its_layout() -> None:
    code = 'def f(x):\n    """Doc."""\n    return x + 1  # one\n'
    same = [
        'def f(x):\n    """Another doc."""\n\n    return (x\n            + 1)\n',
        "def f(x):\n    return x + 1\n",
        '"""A module."""\n# a comment\ndef f(x):\n    return x + 1\n',
    ]
    other = [
        "def f(x):\n    return x + 2\n",
        "def f(y):\n    return y + 1\n",
        'def f(x):\n    """Doc."""\n    return x + 1\nF = 1\n',
        "def f(x):\n    return x - 1\n",
    ]
    assert all(code_digest(s) == code_digest(code) for s in same)
    assert all(code_digest(s) != code_digest(code) for s in other)
    # a function whose body is only its docstring is still a function
    assert code_digest('def g():\n    """Doc."""\n') == code_digest("def g():\n    pass\n")
    # the version's own line is no change of the code
    assert code_digest(f'CLEANER_VERSION = "26"\n{code}') == code_digest(code)
    assert code_digest(f'RULES_VERSION: Final = "ner-58"\n{code}') == code_digest(code)


def test_a_version_taken_on_two_branches_fails() -> None:
    ok = [("25", "a" * 16, ""), ("26", "b" * 16, "")]
    assert problems("CLEANER_VERSION", "26", "b" * 16, ok) == []
    # the code changed, the version did not
    assert "bump CLEANER_VERSION" in problems("CLEANER_VERSION", "26", "c" * 16, ok)[0]
    # a refactor shown to keep the output
    same = [*ok, ("26", "c" * 16, "same output: bench/entities_same.py --compare")]
    assert problems("CLEANER_VERSION", "26", "c" * 16, same) == []
    # both branches bumped 25 to 26 and both lines were kept on rebase
    twice = [*ok, ("26", "c" * 16, "")]
    assert "taken twice" in problems("CLEANER_VERSION", "26", "c" * 16, twice)[0]
    # the version was bumped with no line for it
    assert "add ('27'" in problems("CLEANER_VERSION", "27", "c" * 16, ok)[0]


def test_the_cleaner_s_version_follows_the_name_lists_it_reads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A given name or a place added to the shipped lists changes what the cleaner gives
    (a co-author kept, a headline told from an author's name): the cleaner's digest
    changes, as for its code; a list the cleaner does not read (surnames) leaves it."""
    import dataclasses

    from tui import gazetteer

    modules = covered(GUARDED["CLEANER_VERSION"][1])
    lex = gazetteer.lexicon()
    assert "john" in lex.first_names  # (the lists are read: not empty)
    before = digest(modules, _cleaner_lists())
    for field, changed in (("first_names", True), ("places", True), ("last_names", False)):
        more = dataclasses.replace(lex, **{field: getattr(lex, field) | {"zapdiana"}})
        monkeypatch.setattr(gazetteer, "lexicon", lambda more=more: more)
        assert (digest(modules, _cleaner_lists()) != before) is changed, field
