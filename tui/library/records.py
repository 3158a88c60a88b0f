"""Files that hold many articles (exports, feeds): one manifest entry per record.

The manifest (:mod:`tui.library.manifest`) is keyed by *article path*: a file's
relative path for a file that is one article, and :func:`~tui.formats.record_path`
(``feed.rss#3fa1c29e0b``) for each record of an export or a feed. Each record's
``(size, mtime)`` in the manifest is its *stamp* (:func:`~tui.formats.record_stamp`):
what tells a changed record from an unchanged one.

:func:`expand` turns the files on disk into article paths and stamps. A file of
many articles is parsed only when it is new or changed (its size and time are
kept per file under ``containers`` in the index's metadata); otherwise its records
are the manifest's. Then :func:`~tui.library.manifest.plan_update` compares
records like files: an edited record is changed, a new one added, a deleted one
removed, and the rest of the file is left alone. Parsing happens here, in the
process that plans the update (JSON, CSV and feeds parse fast); the records
travel to the workers in their items.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.formats import (
    ArticleError,
    Record,
    is_multi,
    read_records,
    record_path,
    record_stamp,
    split_record_path,
)
from tui.library.manifest import Disk, Entry


@dataclass
class Expansion:
    """The articles on disk: files and records, with what parsing found."""

    disk: Disk  # article path -> (size, mtime) of a file, or a record's stamp
    #: Records parsed in this pass: article path -> (file, record).
    records: dict[str, tuple[str, Record]] = field(default_factory=dict)
    #: Files of many articles as parsed: relpath -> {"size", "mtime", "warnings"}.
    containers: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Files of many articles that could not be read: relpath -> {"size", "mtime", "error"}.
    failed: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Bad records of the files parsed in this pass ("file: line 3: ...").
    warnings: list[str] = field(default_factory=list)
    #: Bad records of the files not parsed again (kept from when they were).
    old_warnings: list[str] = field(default_factory=list)


def containers_of(meta: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The ``containers`` of the index's metadata, checked."""
    found = meta.get("containers")
    if not isinstance(found, dict):
        return {}
    return {
        p: c
        for p, c in found.items()
        if isinstance(c, dict)
        and isinstance(c.get("size"), int)
        and isinstance(c.get("mtime"), int)
    }


def expand(
    corpus: Path,
    disk: Disk,
    entries: dict[str, Entry],
    containers: dict[str, dict[str, Any]],
    *,
    parse_all: bool = False,
) -> Expansion:
    """Files on ``disk`` as article paths: see the module docstring.

    ``entries`` and ``containers`` are the manifest's; ``parse_all`` parses every
    file of many articles again (a rebuild).
    """
    out = Expansion({})
    by_file: dict[str, list[str]] = {}
    for apath, entry in entries.items():
        if entry.file:
            by_file.setdefault(entry.file, []).append(apath)
    for relpath, stat in disk.items():
        if not is_multi(relpath):
            out.disk[relpath] = stat
            continue
        known = containers.get(relpath)
        if not parse_all and known and (known["size"], known["mtime"]) == stat:
            for apath in by_file.get(relpath, ()):
                out.disk[apath] = (entries[apath].size, entries[apath].mtime)
            out.containers[relpath] = known
            out.old_warnings += [str(w) for w in known.get("warnings") or ()]
            continue
        parse_into(out, corpus, relpath, stat)
    return out


def parse_into(out: Expansion, corpus: Path, relpath: str, stat: tuple[int, int]) -> None:
    """Parse one file of many articles into ``out`` (its records, or why it failed)."""
    try:
        records, warnings, _digest = read_records(corpus / relpath, corpus=corpus)
    except ArticleError as exc:
        out.failed[relpath] = {"size": stat[0], "mtime": stat[1], "error": f"{relpath}: {exc}"}
        return
    lines = [f"{relpath}: {w}" for w in warnings]
    out.warnings += lines
    out.containers[relpath] = {"size": stat[0], "mtime": stat[1], "warnings": lines}
    for record in records:
        apath = record_path(relpath, record.key)
        out.disk[apath] = record_stamp(record)
        out.records[apath] = (relpath, record)


class RecordReader:
    """Records of files of many articles, by article path, parsing each file once.

    Keeps the last few files parsed (by size and time), for the reader opening
    one record after another of the same export.
    """

    def __init__(self, corpus: Path, keep: int = 3) -> None:
        self.corpus = corpus
        self.keep = keep
        self._files: dict[str, tuple[tuple[int, int], dict[str, Record]]] = {}
        self._lock = threading.Lock()

    def get(self, apath: str) -> tuple[str, Record]:
        """``(file, record)`` for an article path; :class:`ArticleError` when gone."""
        with self._lock:
            return self._get(apath)

    def _get(self, apath: str) -> tuple[str, Record]:
        relpath, tail = split_record_path(apath)
        if tail is None:
            raise ArticleError("not a record of an export or a feed")
        path = self.corpus / relpath
        try:
            st = path.stat()
        except OSError as exc:
            raise ArticleError(f"cannot read: {exc.strerror or exc}") from None
        stamp = (st.st_size, st.st_mtime_ns)
        cached = self._files.get(relpath)
        if cached is None or cached[0] != stamp:
            records, _warnings, _digest = read_records(path, corpus=self.corpus)
            by_path = {record_path(relpath, r.key): r for r in records}
            self._files.pop(relpath, None)
            self._files[relpath] = (stamp, by_path)
            while len(self._files) > self.keep:
                self._files.pop(next(iter(self._files)))
            cached = self._files[relpath]
        record = cached[1].get(apath)
        if record is None:
            raise ArticleError("the record is no longer in the file")
        return relpath, record
