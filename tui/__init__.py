"""Dossier: a terminal reader for a folder of news articles.

The modules directly in this package are the domain layer (articles, cleaning,
index, entities, bookmarks, settings, paths); none of them imports Textual.
The Textual app lives in :mod:`tui.app` and the command line in :mod:`tui.commands`.
"""

from __future__ import annotations

import importlib.machinery
import os
import sys
from pathlib import Path

# importlib.abc and importlib.util are not imported here: importlib.abc alone pulls in
# importlib.resources, tempfile, shutil, random and typing, a fifth of what a search
# through a running server costs (tui.server.client). The finder below needs neither.

__version__ = "0.1.0"

#: Modules that setup.py may compile with mypyc (the source stays beside them),
#: relative to this package.
COMPILED = (
    "terms",
    "posting_layout",
    "sentences",
    "index.porter",
    "index.summaries",
    "index.blockcodec",
    "index.fieldout",
    "index.packed",
    "ner.tokens",
    "ner.features",
    "ner.candidates",
    "ner.model",
    "ner.vocabulary",
    "ner.tagger",
    "ner.viterbi",
    "ner.document",
    "ner.agreement",
    "ner.acronyms",
    "ner.introduced",
    "ner.context",
    "ner.spans",
    "ner.things",
    "ner.works",
    "ner.furniture",
    "ner.recognizer",
    "ner.roles",
    "ner.lists",
    "ner.companies",
    "ner.org_kinds",
    "ner.firm_names",
    "ner.people_firms",
    "ner.neighbours",
    "ner.derived_names",
    "ner.goods_names",
    "ner.events",
    "ner.followers",
    "ner.party_tags",
    "ner.and_names",
    "ner.bodies_for",
    "ner.ages",
    "ner.teams",
    "ner.bodies",
    "ner.edges",
    "ner.marks",
    "ner.repeats",
)


def stale_compiled(folder: Path, names: tuple[str, ...] = COMPILED) -> dict[str, Path]:
    """Name -> source of each module whose compiled copy should not be used.

    That is every compiled module when DOSSIER_PURE_PYTHON is set, else those
    whose source changed after they were compiled (an editable install whose
    .py was edited since), so that an edit is never hidden by an old build.
    """
    pure = bool(os.environ.get("DOSSIER_PURE_PYTHON"))
    stale: dict[str, Path] = {}
    checked = False  # whether the group's shared library was looked for
    for name in names:
        *parts, leaf = name.split(".")
        where = folder.joinpath(*parts)
        source = where / f"{leaf}.py"
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            native = where / f"{leaf}{suffix}"
            try:
                built = native.stat().st_mtime
            except OSError:
                continue
            try:
                if pure or built < source.stat().st_mtime:
                    stale[name] = source
            except OSError:
                pass
            if not checked and not pure:
                checked = True
                if not _group_library_present(native, folder.parent):
                    stale[name] = source  # (and so every one of them, below)
            break
    if stale:
        # setup.py compiles the modules as one group, whose compiled code calls the
        # others' compiled code directly (a fresh recognizer would run a stale
        # features' old code): one stale module makes them all stale.
        for name in names:
            *package, leaf = name.split(".")
            stale.setdefault(name, folder.joinpath(*package, f"{leaf}.py"))
    # A compiled copy of a module no longer compiled (tui/entities.py became a facade
    # over tui/ner/) is left behind by an older editable install: Python would load
    # it ahead of the new source.
    folders = {""} | {name.rpartition(".")[0] for name in names}
    for dotted in folders:
        place = folder.joinpath(*dotted.split(".")) if dotted else folder
        try:
            entries = os.listdir(place)
        except OSError:
            continue
        for entry in entries:
            suffix = next(
                (s for s in importlib.machinery.EXTENSION_SUFFIXES if entry.endswith(s)), ""
            )
            leaf = entry[: -len(suffix)] if suffix else ""
            module = f"{dotted}.{leaf}" if dotted else leaf
            if leaf and module not in names and (place / f"{leaf}.py").exists():
                stale[module] = place / f"{leaf}.py"
    return stale


def _group_library_present(native: Path, root: Path) -> bool:
    """Whether the shared library a compiled module's stub loads is there.

    mypyc compiles the modules into one library (``<hash>__mypyc``, beside the
    package) and each module into a small stub that imports it. setup.py makes every
    extension optional, so a compile of the library that fails (a compiler out of
    memory on a busy machine, a warning made an error by another compiler) leaves the
    stubs without it, and every import of a compiled module would fail: the sources
    are used then. A stub whose library's name cannot be read is taken as it is."""
    try:
        data = native.read_bytes()
    except OSError:
        return True
    at = data.find(b"__mypyc.init_")
    name = data[max(0, at - 20) : at]
    if at < 0 or len(name) != 20 or not name.isalnum():
        return True
    library = name.decode("ascii") + "__mypyc"
    if any((root / f"{library}{s}").exists() for s in importlib.machinery.EXTENSION_SUFFIXES):
        return True
    return importlib.machinery.PathFinder.find_spec(library) is not None


class _SourceFirst:
    """Import the listed modules from their .py files, ahead of a compiled copy (a
    meta path finder: ``find_spec`` is all ``sys.meta_path`` asks of one)."""

    def __init__(self, sources: dict[str, Path]) -> None:
        self.sources = sources

    def find_spec(
        self, fullname: str, path: object = None, target: object = None
    ) -> importlib.machinery.ModuleSpec | None:
        source = self.sources.get(fullname)
        if not source:
            return None
        import importlib.util

        return importlib.util.spec_from_file_location(fullname, source)


_stale = stale_compiled(Path(__file__).parent)
if _stale:
    sys.meta_path.insert(0, _SourceFirst({f"{__name__}.{n}": p for n, p in _stale.items()}))
