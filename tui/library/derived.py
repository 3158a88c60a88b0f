"""What the library keeps beside the index so that a command need not work it out again.

A search from the shell is one whole process: whatever it derives from the whole
corpus, it derives on every run. So the parts that do not depend on the query are
worked out once, when the index changes, and kept in the index folder, each file
tied to the index it was made from (and ignored, then made again, once that changed):

* ``dossier-links.json``: the surname links of :class:`~tui.library.directory.EntityDirectory`
  (which reads every person in the index), keyed by the index's table of contents;
* ``dossier-types.json``: the names the corpus counts as another type than some
  articles gave them (:meth:`~tui.library.directory.EntityDirectory.corpus_types`),
  keyed likewise;
* ``dossier-aliases.json``: the names of one organisation
  (:meth:`~tui.library.directory.EntityDirectory.organisation_links`), keyed likewise;
* ``dossier-facets-TYPE.json``: every entity of a type with its counts
  (:meth:`~tui.library.directory.EntityDirectory.facets`: every document's stored
  summary read), keyed likewise and by Dossier's own files;
* ``dossier-entries.sqlite``: the manifest's entries by article id, which a search
  needs for its hits only (the manifest itself is one JSON document of every file:
  15 MB at 50,000 articles), keyed by the metadata file it was copied from;
* ``dossier-config.json``: the fingerprints of the cleaning rules and the entity
  recogniser, keyed by the user's config files and Dossier's own (working them
  out loads the entity model);
* ``dossier-stamp.json``: what the corpus folder, the config and the index looked
  like after the last full look at the disk (:func:`record_stamp`), so that
  :func:`unchanged` can tell from a few ``stat`` calls that nothing changed since;
* ``dossier-files.json``: every article file's name, size and time by folder, as
  that look saw them (:func:`~tui.listing.files_unchanged`: ``dossier index``
  then looks at each file by name, without listing the folders).

The stamp sees every file added, removed or renamed (each changes its folder's
modification time), a change of the user's config, settings, corrections or of
Dossier itself, and any change to the index. It does not see a file rewritten in
place (that changes the file's time only): ``dossier index`` and the app look at
every file, and ``dossier search --rescan`` does too.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from tui.freshness import CONFIG_FILES as CONFIG_FILES
from tui.freshness import FILES_NAME as FILES_NAME

# The stamp's part lives in tui.freshness (light, for `dossier index`).
from tui.freshness import STAMP_NAME as STAMP_NAME
from tui.freshness import VERSION, Stat, _stat, code_stamp
from tui.freshness import read_keyed as read_keyed
from tui.freshness import write_keyed as write_keyed
from tui.privacy import temp_beside

LINKS_NAME = "dossier-links.json"
TYPES_NAME = "dossier-types.json"
ALIASES_NAME = "dossier-aliases.json"
ENTRIES_NAME = "dossier-entries.sqlite"
CONFIG_NAME = "dossier-config.json"
HEAD_NAME = "dossier-head.json"  # tui.library.head
#: The entity facets of one type ("all", "person", "place", "org").
FACETS_NAME = "dossier-facets-{}.json"
NAMES = (
    LINKS_NAME,
    TYPES_NAME,
    ALIASES_NAME,
    ENTRIES_NAME,
    STAMP_NAME,
    FILES_NAME,
    CONFIG_NAME,
    HEAD_NAME,
)


def meta_key(index_dir: Path, meta_name: str) -> Stat:
    return _stat(index_dir / meta_name)


def config_key(config_dir: Path) -> list[Any]:
    """What the cleaner's and the recogniser's fingerprints follow from: the user's
    config files and Dossier's own (working them out takes a load of the entity model)."""
    files = {name: _stat(config_dir / name) for name in CONFIG_FILES}
    return [code_stamp(), files]


# -- the manifest's entries by id ---------------------------------------------------------


def write_entries(index_dir: Path, key: Stat, rows: Iterable[tuple[str, str, str]]) -> bool:
    """Save ``(id, relpath, entry as JSON)`` rows for the metadata file ``key``.

    Paths are kept as JSON strings too: a file name that is not UTF-8 is a string
    with lone surrogates, which SQLite cannot store as text."""
    final = index_dir / ENTRIES_NAME
    tmp = temp_beside(final)
    try:
        tmp.unlink(missing_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        con = sqlite3.connect(tmp)
        try:
            con.execute("PRAGMA journal_mode=OFF")
            # Not synced to the disk either: the file is made whole under a temporary
            # name, and a copy a crash left torn fails to read (every read falls back to
            # the manifest then). The sync was ~0.2 s of the end of a 10,000-article
            # build, in wall time, with every core idle.
            con.execute("PRAGMA synchronous=OFF")
            con.execute("CREATE TABLE stamp (key TEXT)")
            con.execute("CREATE TABLE entry (id TEXT PRIMARY KEY, path TEXT, fields TEXT)")
            con.execute("INSERT INTO stamp VALUES (?)", (json.dumps([VERSION, key]),))
            con.executemany(
                "INSERT OR REPLACE INTO entry VALUES (?, ?, ?)",
                ((doc_id, json.dumps(relpath), fields) for doc_id, relpath, fields in rows),
            )
            con.commit()
        finally:
            con.close()
        # A journal an update in place left (a crash in update_entries) belongs to the
        # file replaced now: SQLite would play it back into the new one.
        Path(f"{final}-journal").unlink(missing_ok=True)
        os.replace(tmp, final)
    except (OSError, sqlite3.Error, UnicodeError):
        return False
    finally:
        # Whatever stopped it (a bad row, an interrupt), no half-written copy stays.
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
    return True


def update_entries(
    index_dir: Path,
    before: Stat,
    key: Stat,
    rows: Iterable[tuple[str, str, str]],
    gone: Iterable[str],
) -> bool:
    """Bring the saved entries from the metadata file ``before`` to ``key`` in place:
    ``rows`` (as :func:`write_entries` takes them) added or replaced, the ids ``gone``
    deleted, in one transaction. False (nothing changed) when they were not saved from
    ``before`` or cannot be written: then :func:`write_entries` writes them all."""
    try:
        con = sqlite3.connect(_uri(index_dir, "rw"), uri=True)
    except sqlite3.Error:
        return False
    try:
        with con:
            row = con.execute("SELECT key FROM stamp").fetchone()
            if row is None or json.loads(row[0]) != [VERSION, before]:
                return False
            con.executemany("DELETE FROM entry WHERE id = ?", ((i,) for i in gone))
            con.executemany(
                "INSERT OR REPLACE INTO entry VALUES (?, ?, ?)",
                ((doc_id, json.dumps(relpath), fields) for doc_id, relpath, fields in rows),
            )
            con.execute("UPDATE stamp SET key = ?", (json.dumps([VERSION, key]),))
    except (sqlite3.Error, ValueError, TypeError, UnicodeError, RecursionError):
        return False
    finally:
        con.close()
    return True


def _uri(index_dir: Path, mode: str) -> str:
    """The URI of the entries file in ``index_dir`` (its path quoted: a "#", "?" or
    "%" in a folder's name is part of the name, not of the URI)."""
    path = os.fsencode(Path(index_dir).absolute() / ENTRIES_NAME)  # (a name not UTF-8 too)
    return f"file:{quote(path)}?mode={mode}"


def _stamped(index_dir: Path) -> tuple[sqlite3.Connection, Any] | None:
    """The saved entries, opened read-only, with the stamp they were saved under (None:
    none saved, or they cannot be read). The caller closes the connection."""
    try:
        con = sqlite3.connect(_uri(index_dir, "ro"), uri=True)
    except sqlite3.Error:
        return None
    try:
        row = con.execute("SELECT key FROM stamp").fetchone()
        return con, json.loads(row[0])
    except (sqlite3.Error, ValueError, TypeError, RecursionError):  # (JSON nested too deep)
        con.close()
        return None


def entries_key(index_dir: Path) -> Stat | None:
    """The metadata file the saved entries were copied from (None: none saved)."""
    opened = _stamped(index_dir)
    if opened is None:
        return None
    con, stamp = opened
    con.close()
    try:
        version, key = stamp
    except (ValueError, TypeError):
        return None
    return key if version == VERSION else None


def read_entries(
    index_dir: Path, key: Stat, ids: Iterable[str]
) -> dict[str, tuple[str, dict[str, Any]]] | None:
    """``{id: (relpath, entry fields)}`` of ``ids`` from the saved entries, when they
    were saved from the metadata file ``key``; None otherwise."""
    wanted = list(dict.fromkeys(ids))
    opened = _stamped(index_dir)
    if opened is None:
        return None
    con, stamp = opened
    try:
        if stamp != [VERSION, key]:
            return None
        out: dict[str, tuple[str, dict[str, Any]]] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for doc_id, relpath, fields in con.execute(
                f"SELECT id, path, fields FROM entry WHERE id IN ({marks})", chunk
            ):
                out[doc_id] = (json.loads(relpath), json.loads(fields))
        return out
    except (sqlite3.Error, ValueError, TypeError, RecursionError):  # (JSON nested too deep)
        return None
    finally:
        con.close()
