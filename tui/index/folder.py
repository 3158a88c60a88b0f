"""An index folder on disk: opening it, which files are Dossier's, its metadata, damage, the lock.

Dossier keeps a JSON file of its own beside Whoosh's files
(``dossier-meta.json``: the schema version, the manifest of indexed files, and a
record of the index's files as last committed). The record lets
:meth:`IndexFolder.damage` notice a file changed or cut short behind Whoosh's
back, which Whoosh itself only trips over, with an obscure error, in the middle
of a search. Nothing here deletes a file Dossier did not write.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import threading
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tui.index import metajournal
from tui.index.errors import IndexBusy, IndexFolderInUse, QuerySyntaxError
from tui.index.fields import INDEX_NAME, META_NAME
from tui.index.metajson import parse_meta
from tui.index.termfile import TERMS_EXT
from tui.jsonfile import parse_json
from tui.privacy import private_dir, write_private

#: The names Whoosh and Dossier give the files of an index: tables of contents (and
#: their temporary copies), segment files (16-character ids), the lock, Whoosh's
#: temporary folder, the metadata, and what the library derives from the index
#: (tui.library.derived: surname links, corpus types, organisation aliases, entity facets,
#: the entries by id, the freshness stamp and its listing of the files), and the journal
#: SQLite keeps beside the entries while they are updated in place (and after a crash),
#: and the lock of the process that adds the names after a full build (tui.library.naming).
_INDEX_FILE = re.compile(
    rf"_{INDEX_NAME}_\d+\.toc(?:\.[\d.]+)?|{INDEX_NAME}_[a-z0-9]{{16}}\..+"
    rf"|{INDEX_NAME}_WRITELOCK|{INDEX_NAME}\.tmp|dossier-meta\.json|dossier-meta\.\d+\.tmp"
    r"|\.dossier-meta\.json\.\d+(?:\.\d+)?\.tmp|dossier-rows-[0-9a-f]{16}\.(?:json|log)"
    r"|dossier-entries\.sqlite-journal|dossier-naming\.lock"
    r"|\.?dossier-(?:links\.json|types\.json|aliases\.json|stamp\.json|files\.json"
    r"|config\.json|head\.json"
    r"|entries\.sqlite|facets-[a-z]+\.json)(?:\.\d+(?:\.\d+)?\.tmp)?"
)


def file_crc(path: Path) -> int:
    """The CRC-32 of a file's content (0.5 s of CPU for the 700 MB of a 50,000-article
    index, read from the page cache)."""
    crc = 0
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
    return crc


def _files_and_sums(store: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """A record's ``{name: [size, time]}`` and ``{name: CRC-32}`` (empty when it has
    none: written before the sums were, or not a record)."""
    if not isinstance(store, dict):
        return {}, {}
    files, sums = store.get("files"), store.get("sums")
    return (
        files if isinstance(files, dict) else {},
        sums if isinstance(sums, dict) else {},
    )


def is_index_file(name: str) -> bool:
    """Whether Dossier (or Whoosh on its behalf) made a file of this name."""
    return _INDEX_FILE.fullmatch(name) is not None


# Whoosh is imported by what opens, reads or locks an index (tui.index.storage, .query,
# .segment), not with this module: a folder's metadata, files and stamps need none of it,
# and the app reads them before its first frame (tui.index.fields).


def open_index(path: Path | str) -> Any:
    """The Whoosh index in ``path`` (its newest table of contents), files made 0600."""
    from tui.index import storage

    return storage.open_index(path)


def create_index(path: Path | str) -> Any:
    """A new, empty Whoosh index in ``path`` (Whoosh's own writer fills it)."""
    from tui.index import storage

    return storage.create_index(path)


def _meta_stamp(path: Path) -> tuple[int, int, int, int]:
    st = os.stat(path)
    return (st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)


def _as_parsed(meta: dict[str, Any]) -> dict[str, Any]:
    """``meta`` as parsing the JSON written from it gives it back: the manifest (its
    rows, ``{relpath: [value, ...]}``, or in an older form ``{relpath: {field:
    value}}``, where every value is a string, a number or None) copied two levels
    down, tuples as lists; the rest (small) through JSON itself."""
    out: dict[str, Any] = {}
    for key, value in meta.items():
        if key == "files" and isinstance(value, dict):
            out[key] = {p: _copied(fields) for p, fields in value.items()}
        elif key == "entries" and isinstance(value, dict) and isinstance(value.get("rows"), dict):
            table = {k: json.loads(json.dumps(v)) for k, v in value.items() if k != "rows"}
            table["rows"] = {p: _copied(row) for p, row in value["rows"].items()}
            out[key] = table
        else:
            out[key] = json.loads(json.dumps(value))
    return out


def _copied(value: Any) -> Any:
    """A manifest entry (a dict or a sequence of plain values) as JSON gives it back."""
    if isinstance(value, dict):
        return dict(value)
    if isinstance(value, (list, tuple)):
        return list(value)
    return json.loads(json.dumps(value))


class IndexFolder:
    """The files of one index: what :class:`~tui.index.SearchIndex` keeps beside Whoosh's."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        #: The metadata as last read, with the size, times and inode it was read at.
        #: (and the journal its rows were read from: :mod:`~tui.index.metajournal`).
        self._meta: (
            tuple[tuple[int, int, int, int], dict[str, Any], metajournal.Journal | None] | None
        ) = None
        #: Held while the metadata is parsed: a second reader waits for that parse
        #: rather than making its own (at the app's launch, the folder's listing and the
        #: first article's entities both asked for it at once: two 10 MB parses).
        self._parsing = threading.Lock()

    def exists(self) -> bool:
        """Whether the folder holds an index (readable or not)."""
        try:
            return any(self.path.glob(f"_{INDEX_NAME}_*.toc"))
        except OSError:
            return False

    # -- metadata -------------------------------------------------------------

    def meta_path(self) -> Path:
        return self.path / META_NAME

    def read_meta(self) -> dict[str, Any]:
        """The metadata, parsed once per version of the file: an update reads it three
        times, and at 50,000 articles it is 15 MB of JSON; the version this process
        wrote last is not read back at all (:meth:`write_meta`). A new dict each call
        (its values are shared: do not change them in place)."""
        path = self.meta_path()
        with self._parsing:
            for _ in range(5):  # (a journal compacted meanwhile: the metadata again)
                try:
                    stamp = _meta_stamp(path)
                    if self._meta is not None and self._meta[0] == stamp:
                        return dict(self._meta[1])
                    meta = parse_json(path.read_text(encoding="utf-8"), parse_meta)
                    if not isinstance(meta, dict):
                        return {}
                    journal = metajournal.journal_of(meta)
                    if journal is not None:
                        resolved = metajournal.resolve(self.path, meta, journal)
                        if resolved is None:
                            continue
                        meta = resolved
                except (OSError, ValueError):
                    return {}
                self._meta = (stamp, meta, journal)
                return dict(meta)
            return {}

    def forget_meta(self) -> None:
        """Drop the parsed metadata (:meth:`read_meta` reads the file again)."""
        self._meta = None

    def write_meta(self, meta: dict[str, Any]) -> None:
        """Save ``meta`` with a record of the index's files as they are now.

        The record (generation, then size and modification time of every file
        the table of contents names) lets :meth:`damage` notice a file that was
        changed or cut short behind Whoosh's back.
        """
        meta = {k: v for k, v in meta.items() if k not in ("store", "damaged")}
        store = self._store_record()
        if store is not None:
            meta["store"] = store
        self._write_meta_raw(meta)

    def _write_meta_raw(self, meta: dict[str, Any]) -> None:
        path = self.meta_path()
        if self._write_journaled(path, meta):
            return
        write_private(path, json.dumps(meta, separators=(",", ":")))
        metajournal.remove_others(self.path, None)
        # What the next read would parse (0.15 s at 50,000 articles, right after the
        # update that wrote it: the learned boilerplate, the list's first rows).
        try:
            self._meta = (_meta_stamp(path), _as_parsed(meta), None)
        except OSError:
            self._meta = None

    def _write_journaled(self, path: Path, meta: dict[str, Any]) -> bool:
        """Write ``meta`` with the rows that changed since the version this process read
        or wrote last in the manifest's journal (:mod:`~tui.index.metajournal`); False
        when it is to be written whole (a small manifest, a log at its share, a version
        on disk this process did not see, a folder that cannot link)."""
        table = meta.get("entries")
        cached = self._meta
        if cached is None or not isinstance(table, dict):
            return False
        fields, rows = table.get("fields"), table.get("rows")
        before = cached[1].get("entries")
        if (
            not isinstance(fields, list)
            or not isinstance(rows, dict)
            or len(rows) < metajournal.JOURNAL_FROM
            or not isinstance(before, dict)
            or before.get("fields") != fields
            or not isinstance(before.get("rows"), dict)
        ):
            return False
        try:
            if _meta_stamp(path) != cached[0]:
                return False
        except OSError:
            return False
        old_rows: dict[str, list[Any]] = before["rows"]
        changed, gone = metajournal.changes(old_rows, rows)
        journal = cached[2]
        if metajournal.due_whole(len(rows), journal, len(changed) + len(gone)):
            return False
        if journal is None:
            journal = metajournal.start(self.path, path, fields)
            if journal is None:
                return False
        try:
            length = journal.length
            if changed or gone:
                length = metajournal.append(self.path, journal, metajournal.line_of(changed, gone))
            journal = metajournal.Journal(
                fields, journal.base, journal.log, length, journal.rows + len(changed) + len(gone)
            )
            pointer = {
                "fields": fields,
                "base": journal.base,
                "log": journal.log,
                "length": journal.length,
                "rows": journal.rows,
            }
            text = json.dumps(metajournal.marked(meta, pointer), separators=(",", ":"))
            write_private(path, text)
        except OSError:
            return False  # written whole
        now = dict(old_rows)
        for p in gone:
            del now[p]
        now.update(changed)
        # what the next read would parse: the text written (the learned boilerplate most of
        # it, 1.3 MB at 50,000 articles), the rows as kept and changed
        parsed = metajournal.unmarked(json.loads(text))
        parsed["entries"] = {"fields": list(fields), "rows": now}
        try:
            self._meta = (_meta_stamp(path), parsed, journal)
        except OSError:
            self._meta = None
        return True

    def mark_damaged(self, why: str) -> None:
        """Note in the metadata that the index failed a read: the next open rebuilds it."""
        meta = self.read_meta()
        meta["damaged"] = why
        try:
            self._write_meta_raw(meta)
        except OSError:
            pass

    def _store_record(self) -> dict[str, Any] | None:
        from tui.index import segment, storage

        # The sums of the files the last record noted at the same size and time (those
        # this process wrote or read last: what it parsed or wrote of the metadata).
        before = self._meta[1].get("store") if self._meta is not None else None
        noted, summed = _files_and_sums(before)
        try:
            ix = storage.open_plain(self.path)
            gen = int(ix.latest_generation())
            names = [f"_{INDEX_NAME}_{gen}.toc"]
            ids = segment.segment_ids(ix)
            # not the term tables a reader may add beside a segment later (lookups.py)
            names += [
                n
                for n in os.listdir(self.path)
                if n.split(".", 1)[0] in ids and not n.endswith((".tmp", TERMS_EXT))
            ]
            files, sums = {}, {}
            for name in names:
                st = os.stat(self.path / name)
                files[name] = [st.st_size, st.st_mtime_ns]
                if noted.get(name) == files[name] and name in summed:
                    sums[name] = summed[name]
                else:  # (a new segment's files: read back from the page cache)
                    sums[name] = file_crc(self.path / name)
        except Exception:  # noqa: BLE001 - no record: the check is skipped
            return None
        return {"gen": gen, "files": files, "sums": sums}

    def damage(self, ix: Any, meta: dict[str, Any]) -> str | None:
        """Why the index's files are not the ones committed, or None."""
        if meta.get("damaged"):
            return f"the index failed a read ({meta['damaged']})"
        store = meta.get("store")
        if not isinstance(store, dict) or store.get("gen") != ix.latest_generation():
            return None  # no record, or another process has committed since
        files, sums = _files_and_sums(store)
        retimed: dict[str, list[int]] = {}
        for name, (size, mtime) in files.items():
            try:
                st = os.stat(self.path / name)
            except OSError:
                why = f"the index is missing a file ({name})"
            else:
                if (st.st_size, st.st_mtime_ns) == (size, mtime):
                    continue
                if st.st_size == size and name in sums and file_crc(self.path / name) == sums[name]:
                    # The content committed, another time: a copy of the home that did
                    # not keep times (cp -r, a sync tool), or a file touched.
                    retimed[name] = [size, st.st_mtime_ns]
                    continue
                why = f"an index file was changed outside Dossier ({name})"
            # Another process may have committed since the generation was read (and
            # removed the files of segments it merged away): that is no damage.
            return None if ix.latest_generation() != store.get("gen") else why
        if retimed:
            self._note_times(meta, retimed)
        return None

    def _note_times(self, meta: dict[str, Any], retimed: dict[str, list[int]]) -> None:
        """Note the times of index files whose content is the one committed (their sums
        read again), so that the next open does not read them again.

        Only under the write lock and only while the metadata is still the one checked:
        another process updating the index meanwhile writes a newer manifest, which this
        older one must not replace (its files are then summed again at the next open)."""
        from tui.index.storage import folder_lock

        lock = folder_lock(self.path)
        try:
            if not lock.acquire(blocking=False):
                return
        except OSError:
            return  # (a read-only copy)
        try:
            now = self.read_meta()
            if now.get("store") != meta.get("store"):
                return
            store = dict(meta["store"])
            store["files"] = {**store["files"], **retimed}
            self._write_meta_raw({**now, "store": store})
        except OSError:
            pass  # (a read-only copy: summed again at the next open)
        finally:
            lock.release()

    def reads_cleanly(self, text: str, synonyms: dict[str, dict[str, list[str]]] | None) -> bool:
        """Whether every index file a query reads can be read: the table of contents,
        stored fields, and the postings of every word the query stands for.

        Asked after a query failed inside Whoosh: when the files read cleanly, the
        failure was the query's (a case Whoosh does not handle), not damage.
        """
        from tui.index import query, storage

        try:
            meta = self.read_meta()
            ix = storage.open_plain(self.path)
            if self.damage(ix, meta):
                return False
            query.read_what_it_reads(ix, text, synonyms)
        except QuerySyntaxError:
            return True  # not the files': the query itself
        except Exception:  # noqa: BLE001 - a file that cannot be read
            return False
        return True

    def toc_identity(self, generation: int) -> tuple[int, int, int]:
        """(generation, inode, modification time) of that generation's table of contents."""
        st = os.stat(self.path / f"_{INDEX_NAME}_{generation}.toc")
        return generation, st.st_ino, st.st_mtime_ns

    # -- making room for a new index ---------------------------------------------

    def prepare(self) -> None:
        """Make the folder (0700, as its new parents) if need be, and check that it holds
        nothing but an index: :class:`IndexFolderInUse` otherwise (nothing is deleted)."""
        if self.path.exists() and not self.path.is_dir():
            raise IndexFolderInUse(f"the index path {self.path} is a file, not a folder")
        private_dir(self.path)
        foreign = [n for n in os.listdir(self.path) if not is_index_file(n)]
        if foreign:
            raise IndexFolderInUse(
                f"the index folder {self.path} holds other files ({foreign[0]}, ...): "
                "give an empty folder or one Dossier made"
            )

    @contextmanager
    def locked(self, lock_timeout: float) -> Iterator[None]:
        """Hold the index's write lock (:class:`IndexBusy` when another process keeps it)."""
        lock = self._lock(lock_timeout)
        try:
            yield
        finally:
            lock.release()

    @contextmanager
    def emptied(self, lock_timeout: float) -> Iterator[None]:
        """Hold the write lock with the old index's files gone (the folder is made).

        Raises :class:`IndexFolderInUse` rather than empty a folder that holds
        anything else, and :class:`IndexBusy` when another process keeps the lock.
        """
        self.prepare()
        lock = self._lock(lock_timeout)
        try:
            # Tables of contents first: a reader then sees no index rather than one
            # whose files are going.
            for name in sorted(os.listdir(self.path), key=lambda n: not n.endswith(".toc")):
                if name == f"{INDEX_NAME}_WRITELOCK" or not is_index_file(name):
                    continue  # the lock is held through it
                target = self.path / name
                try:
                    if target.is_dir() and not target.is_symlink():
                        shutil.rmtree(target)
                    else:
                        target.unlink()
                except FileNotFoundError:
                    pass
            yield
        finally:
            lock.release()

    def _lock(self, timeout: float) -> Any:
        """Whoosh's write lock on the folder, taken directly (the index may be unreadable)."""
        from tui.index.storage import folder_lock

        lock = folder_lock(self.path)
        deadline = time.monotonic() + timeout
        while not lock.acquire(blocking=False):
            if time.monotonic() >= deadline:
                raise IndexBusy("another Dossier is updating this index")
            time.sleep(0.1)
        return lock
