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
* ``dossier-entries.sqlite``: the manifest's entries by article id, which a search
  needs for its hits only (the manifest itself is one JSON document of every file:
  15 MB at 50,000 articles), keyed by the metadata file it was copied from;
* ``dossier-config.json``: the fingerprints of the cleaning rules and the entity
  recogniser, keyed by the user's config files and Dossier's own (working them
  out loads the entity model);
* ``dossier-stamp.json``: what the corpus folder, the config and the index looked
  like after the last full look at the disk (:func:`record_stamp`), so that
  :func:`unchanged` can tell from a few ``stat`` calls that nothing changed since.

The stamp sees every file added, removed or renamed (each changes its folder's
modification time), a change of the user's config, settings, corrections or of
Dossier itself, and any change to the index. It does not see a file rewritten in
place (that changes the file's time only): ``dossier index`` and the app look at
every file, and ``dossier search --rescan`` does too.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from tui.privacy import write_private

LINKS_NAME = "dossier-links.json"
TYPES_NAME = "dossier-types.json"
ENTRIES_NAME = "dossier-entries.sqlite"
STAMP_NAME = "dossier-stamp.json"
CONFIG_NAME = "dossier-config.json"
NAMES = (LINKS_NAME, TYPES_NAME, ENTRIES_NAME, STAMP_NAME, CONFIG_NAME)
#: The user's files that the cleaning rules and the recogniser are made from.
CONFIG_FILES = ("boilerplate.yaml", "entities.yaml")
VERSION = 1
#: A folder changed this recently (seconds) may change again within the same tick of
#: its clock: the stamp is not trusted then (the next command looks at every file).
SETTLE = 2.0

Stat = list[int] | None


def _stat(path: str | Path) -> Stat:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ino]


# -- small JSON files keyed by what they were made from ----------------------------


def read_keyed(path: Path, key: Any) -> Any:
    """The value saved at ``path`` for ``key``, or None (no file, another key, unreadable)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("version") != VERSION:
        return None
    if data.get("key") != json.loads(json.dumps(key)):  # tuples compare as lists
        return None
    return data.get("value")


def write_keyed(path: Path, key: Any, value: Any) -> bool:
    """Save ``value`` for ``key`` (atomically); False when it could not be written
    (a read-only index: the value is worked out again next time)."""
    text = json.dumps({"version": VERSION, "key": key, "value": value}, separators=(",", ":"))
    try:
        write_private(path, text)
    except OSError:
        return False
    return True


# -- the index as files ---------------------------------------------------------------


def index_files(index_dir: Path) -> dict[str, Stat]:
    """Size, time and inode of every file of the index (Whoosh's and the metadata):
    any commit, rebuild or damage changes one of them."""
    from tui.index.folder import is_index_file

    out: dict[str, Stat] = {}
    try:
        names = os.listdir(index_dir)
    except OSError:
        return out
    for name in names:
        if name in NAMES or name.endswith((".tmp", "WRITELOCK")) or not is_index_file(name):
            continue
        out[name] = _stat(index_dir / name)
    return out


def meta_key(index_dir: Path, meta_name: str) -> Stat:
    return _stat(index_dir / meta_name)


# -- Dossier's own code and shipped defaults --------------------------------------------


@lru_cache(maxsize=1)
def code_stamp() -> str:
    """A digest of the sizes and times of Dossier's files and shipped defaults: an
    upgrade (or an edit of an editable install) may change how articles are cleaned."""
    from tui import paths

    digest = hashlib.blake2b(digest_size=12)
    roots = [Path(__file__).resolve().parent.parent]
    try:
        roots.append(paths.defaults_dir())
    except OSError:
        pass
    for root in roots:
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                st = _stat(os.path.join(folder, name))
                digest.update(f"{folder}/{name}:{st}\n".encode())
    return digest.hexdigest()


# -- the freshness stamp ----------------------------------------------------------------


def record_stamp(
    index_dir: Path,
    corpus: Path,
    folders: dict[str, int],
    watched: Iterable[Path],
    settings: Any,
    scanned_at: float,
    disk: str = "",
    articles: int = 0,
) -> bool:
    """Note how things are after a full update: the folders as the scan saw them
    (``{path: mtime_ns}``), the ``watched`` files, the index's files, a digest of
    every article file's size and time (``disk``: :func:`disk_digest`) and how many
    articles the index has. False (and no stamp) when a folder changed too recently
    to be sure of."""
    path = index_dir / STAMP_NAME
    newest = max(folders.values(), default=0) / 1e9
    if not folders or newest > scanned_at - SETTLE:
        forget_stamp(index_dir)
        return False
    value = {
        "corpus": str(corpus),
        "folders": folders,
        "watched": {str(p): _stat(p) for p in watched},
        "settings": repr(settings),
        "code": code_stamp(),
        "index": index_files(index_dir),
        "disk": disk,
        "articles": articles,
        "written": time.time(),
    }
    return write_keyed(path, "stamp", value)


def forget_stamp(index_dir: Path) -> None:
    try:
        (index_dir / STAMP_NAME).unlink()
    except OSError:
        pass


def disk_digest(disk: dict[str, tuple[int, int]]) -> str:
    """A digest of every article file's path, size and modification time (as the scan
    of the folder lists them, in its order)."""
    return hashlib.blake2b(
        repr(disk).encode("utf-8", "surrogateescape"), digest_size=16
    ).hexdigest()


def stamped_articles(index_dir: Path) -> int | None:
    """How many articles the index had when the stamp was written."""
    stamp = read_keyed(index_dir / STAMP_NAME, "stamp")
    count = stamp.get("articles") if isinstance(stamp, dict) else None
    return count if isinstance(count, int) else None


def unchanged(
    index_dir: Path,
    corpus: Path,
    watched: Iterable[Path],
    settings: Any,
    disk: str | None = None,
) -> bool:
    """Whether nothing the last full update looked at changed since (see the module's
    docstring for what that covers); False when something did, or no stamp tells.
    With ``disk`` (a :func:`disk_digest` of the folder now), a file rewritten in
    place is seen too.

    A stamp is written only after an update that had nothing to warn about, so
    trusting it hides no warning."""
    stamp = read_keyed(index_dir / STAMP_NAME, "stamp")
    if not isinstance(stamp, dict) or stamp.get("corpus") != str(corpus):
        return False
    if disk is not None and stamp.get("disk") != disk:
        return False
    folders = stamp.get("folders")
    if not isinstance(folders, dict) or not folders:
        return False
    for folder, mtime in folders.items():
        st = _stat(folder)
        if st is None or st[1] != mtime:
            return False
    return (
        stamp.get("watched") == {str(p): _stat(p) for p in watched}
        and stamp.get("settings") == repr(settings)
        and stamp.get("index") == index_files(index_dir)
        and stamp.get("code") == code_stamp()
    )


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
    tmp = index_dir / f".{ENTRIES_NAME}.{os.getpid()}.tmp"
    try:
        tmp.unlink(missing_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        con = sqlite3.connect(tmp)
        try:
            con.execute("PRAGMA journal_mode=OFF")
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
        os.replace(tmp, final)
    except (OSError, sqlite3.Error, UnicodeError):
        tmp.unlink(missing_ok=True)
        return False
    return True


def _stamped(index_dir: Path) -> tuple[sqlite3.Connection, Any] | None:
    """The saved entries, opened read-only, with the stamp they were saved under (None:
    none saved, or they cannot be read). The caller closes the connection."""
    try:
        con = sqlite3.connect(f"file:{index_dir / ENTRIES_NAME}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        row = con.execute("SELECT key FROM stamp").fetchone()
        return con, json.loads(row[0])
    except (sqlite3.Error, ValueError, TypeError):
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
    except (sqlite3.Error, ValueError, TypeError):
        return None
    finally:
        con.close()
