"""The corpus folders Dossier has indexed, found again from a file or an article id.

Each corpus has a data folder named by :func:`tui.paths.corpus_key`, which is a
hash: the folder's own path cannot be read back from it. Once an index is built,
:func:`remember` writes ``corpus.json`` there with the corpus's path. The CLI then
finds the corpus a command means when none was named:

* ``dossier show ~/stories/syria/kerry.txt`` — the nearest folder above the file
  that Dossier has indexed (:func:`corpus_of_file`), else the file's own folder;
* ``dossier show 9add53b5d1fe`` — the indexed corpora whose manifest holds that
  id (:func:`corpora_with_id`), as printed by ``dossier search --corpus X``;
* ``dossier search ceasefire`` in ``~/stories/syria`` (or a folder under it) — the
  indexed corpus the current folder is in (:func:`corpus_here`), else the seeds.

Only paths are read here; nothing is created but ``corpus.json`` itself, by
:func:`remember`, next to an index that already exists. Domain code: no Textual.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from tui import paths as paths_mod
from tui.jsonfile import parse_json, read_json
from tui.privacy import temp_beside

MARKER = "corpus.json"

#: How many levels above a file to look for an indexed corpus.
MAX_LEVELS = 32


def remember(paths: paths_mod.CorpusPaths) -> None:
    """Note beside the corpus's data that it belongs to ``paths.corpus`` (best effort)."""
    marker = paths.data / MARKER
    # ASCII: a folder name that is not UTF-8 is written escaped and read back the same.
    text = json.dumps({"corpus": str(paths.corpus)})
    try:
        if marker.is_file() and marker.read_text(encoding="utf-8") == text:
            return
        if not paths.data.is_dir():
            return  # only beside data that exists: a path helper's caller never makes folders
        tmp = temp_beside(marker)
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(tmp, marker)
        finally:  # a failed write leaves no copy behind (after the rename there is none)
            tmp.unlink(missing_ok=True)
    except OSError:
        return  # a read-only data folder: commands still work with --corpus


def known_corpora(data: Path | None = None) -> list[Path]:
    """Every corpus folder with an index under the data folder (that still exists)."""
    root = (Path(data).expanduser() if data else paths_mod.data_dir()) / "corpora"
    found = []
    try:
        entries = sorted(root.iterdir())
    except OSError:
        return []
    for entry in entries:
        corpus = _read_marker(entry / MARKER)
        if corpus is not None and corpus.is_dir():
            found.append(corpus)
    return found


def _read_marker(marker: Path) -> Path | None:
    data = read_json(marker, max_bytes=65536)
    value = data.get("corpus") if isinstance(data, dict) else None
    return Path(value) if isinstance(value, str) and value else None


def corpus_of_file(file: Path, data: Path | None = None) -> Path:
    """The corpus a file belongs to: the nearest indexed folder above it, else its folder.

    The folder the file is in, not the one a link there points into: a link in a
    corpus to a file outside it is of that corpus (which leaves it out), so that a
    bookmark asked for there is not kept in a corpus of the target's folder."""
    folder = Path(file).expanduser().absolute().parent.resolve()
    candidate = folder
    for _ in range(MAX_LEVELS):
        paths = paths_mod.corpus_paths(candidate, data=data)
        if (paths.data / MARKER).is_file() or (paths.data / "index").is_dir():
            return candidate
        if candidate.parent == candidate:
            break
        candidate = candidate.parent
    return folder


def corpus_here(data: Path | None = None) -> Path | None:
    """The indexed corpus the current folder is in (it, or the nearest folder above it
    that Dossier has indexed), or None: what a command names by default, as ``dossier
    add`` does, rather than the bundled seeds."""
    try:
        here = Path.cwd()
    except OSError:  # the current folder was removed
        return None
    folder = corpus_of_file(here / "-", data)
    paths = paths_mod.corpus_paths(folder, data=data)
    if (paths.data / MARKER).is_file() or (paths.data / "index").is_dir():
        return folder
    return None


def corpora_with_id(article_id: str, data: Path | None = None) -> list[Path]:
    """The indexed corpora whose manifest has an article with ``article_id``."""
    found = []
    needle = f'"{article_id}"'
    for corpus in known_corpora(data):
        meta_path = paths_mod.corpus_paths(corpus, data=data).index / "dossier-meta.json"
        try:
            if meta_path.stat().st_size > 512 * 1024 * 1024:
                continue
            text = meta_path.read_text(encoding="utf-8")
        except OSError:
            continue
        meta = parse_json(text) if needle in text or _JOURNAL in text else None
        if isinstance(meta, dict) and _JOURNAL in text:
            meta = _resolved(meta_path, meta)
        if isinstance(meta, dict) and _manifest_has_id(meta, article_id):
            found.append(corpus)
    return found


#: What the metadata holds in place of its rows when they are in a journal
#: (:mod:`tui.index.metajournal`).
_JOURNAL = '"base":"dossier-rows-'


def _resolved(meta_path: Path, meta: dict[str, Any]) -> dict[str, Any] | None:
    """The metadata with its rows read from the journal it names; None if it cannot be."""
    from tui.index import metajournal

    try:
        journal = metajournal.journal_of(meta)
        if journal is None:
            return meta
        return metajournal.resolve(meta_path.parent, meta, journal)
    except (OSError, ValueError):
        return None


def _manifest_has_id(meta: dict[str, Any], article_id: str) -> bool:
    """Whether the manifest in an index's metadata has the id: its rows (``"entries"``,
    see tui.library.manifest) or, from an older version, its entries by file."""
    table = meta.get("entries")
    if isinstance(table, dict):
        fields, rows = table.get("fields"), table.get("rows")
        if not isinstance(fields, list) or "id" not in fields or not isinstance(rows, dict):
            return False
        at = fields.index("id")
        return any(
            isinstance(row, list) and len(row) > at and row[at] == article_id
            for row in rows.values()
        )
    return _has_id(meta.get("files", {}), article_id)


def _has_id(node: object, article_id: str, depth: int = 0) -> bool:
    """Whether a manifest entry (a file's, or a record's inside an export) has the id."""
    if depth > 6:
        return False
    if isinstance(node, dict):
        if node.get("id") == article_id:
            return True
        return any(_has_id(v, article_id, depth + 1) for v in node.values())
    if isinstance(node, list):
        return any(_has_id(v, article_id, depth + 1) for v in node)
    return False
