"""The manifest's rows changed by an update written as a journal, not the whole metadata.

The metadata (``dossier-meta.json``) holds a row for every article: at 50,000 articles
10 MB of JSON, written again whole by every update (0.2 s of encoding, and as long again
to keep the copy the next read returns) when an addition of 100 articles changes 100
rows. Once the manifest has :data:`JOURNAL_FROM` rows or more, an update that changes
few of them writes:

* a *base*: the metadata file as the last whole write left it, kept under another name
  (``dossier-rows-TOKEN.json``, a hard link: nothing is copied), whose rows are read;
* a *log* beside it (``dossier-rows-TOKEN.log``): one line of JSON an update, the rows
  it set (``"set": {relpath: row}``) and those it dropped (``"drop": [relpath]``);
* the metadata file, written whole as before but for its rows: in their place
  ``{"fields": [...], "base": NAME, "log": NAME, "length": BYTES, "rows": COUNT}``, the
  log's length that this version of the metadata includes and how many rows its lines
  hold.

The metadata file stays the one commit: it is replaced atomically, after the line is in
the log; a reader takes the log up to the length the metadata says, so a line appended
by an update that did not get as far as its metadata (a crash) is not read, and the next
update cuts it off before it appends its own. Once the log holds more than
1/:data:`COMPACT_SHARE` of the manifest's rows, the next update writes the metadata whole
again and removes the base and the log: a reader that read the metadata before finds
them gone and reads the metadata again (:func:`resolve` returns None).

A reader gets the metadata as a whole write gives it: the rows in ``entries.rows``. A
Dossier from before the journal finds no schema version it knows in the metadata
(:func:`marked`) and builds the index anew, rather than take a manifest without rows for
an empty one; its folder check stops at the journal's files ("holds other files"), a
one-line error, where it would otherwise have indexed every article a second time.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any, NamedTuple

from tui.index.metajson import parse_meta

#: A manifest of fewer rows is written whole (a few milliseconds).
JOURNAL_FROM = 2000
#: The log holds at most this share (1/N) of the manifest's rows, and at least
#: :data:`JOURNAL_MIN` rows, before the metadata is written whole again.
COMPACT_SHARE = 8
JOURNAL_MIN = 1000
#: The names of a base and its log.
PREFIX = "dossier-rows-"
FILE = re.compile(r"dossier-rows-[0-9a-f]{16}\.(?:json|log)")
#: The key the schema version is kept under while the rows are in the journal (:func:`marked`).
MARK = "rows in a journal"


class Journal(NamedTuple):
    """Where the rows of a version of the metadata are (its ``entries`` value)."""

    fields: list[str]
    base: str
    log: str
    length: int
    rows: int


def journal_of(meta: dict[str, Any]) -> Journal | None:
    """The journal a parsed metadata names for its rows; None when it holds them."""
    table = meta.get("entries")
    if not isinstance(table, dict) or "base" not in table:
        return None
    fields, base, log = table.get("fields"), table.get("base"), table.get("log")
    length, rows = table.get("length"), table.get("rows")
    if (
        not isinstance(fields, list)
        or not isinstance(base, str)
        or not isinstance(log, str)
        or FILE.fullmatch(base) is None
        or FILE.fullmatch(log) is None
        or type(length) is not int
        or type(rows) is not int
        or length < 0
    ):
        raise ValueError("the manifest's journal is not readable")
    return Journal(fields, base, log, length, rows)


def resolve(folder: Path, meta: dict[str, Any], journal: Journal) -> dict[str, Any] | None:
    """``meta`` with its rows read from ``journal``'s base and log, as a whole write
    would have them; None when a file is gone or shorter than the metadata says (the
    log compacted since the metadata was read: read it again). Raises ValueError on a
    file that does not parse."""
    try:
        base_text = (folder / journal.base).read_text(encoding="utf-8")
        with open(folder / journal.log, "rb") as handle:
            log = handle.read(journal.length)
    except FileNotFoundError:
        return None
    if len(log) != journal.length:
        return None
    try:
        base = parse_meta(base_text)
    except RecursionError:  # ("[[[[..." thousands deep)
        raise ValueError("the manifest's journal has no base") from None
    table = base.get("entries") if isinstance(base, dict) else None
    if not isinstance(table, dict):
        raise ValueError("the manifest's journal has no base")
    rows = table.get("rows")
    if not isinstance(rows, dict) or table.get("fields") != journal.fields:
        raise ValueError("the manifest's journal has no base")
    apply(rows, log)
    out = unmarked(meta)
    out["entries"] = {"fields": journal.fields, "rows": rows}
    return out


def marked(meta: dict[str, Any], pointer: dict[str, Any]) -> dict[str, Any]:
    """``meta`` as written with its rows in the journal: ``pointer`` in their place, and
    its schema version under :data:`MARK`, so that a Dossier from before the journal
    (which would find no rows, and index every article again beside those the index
    has) finds an index from another version instead, and builds it anew."""
    out = {**meta, "entries": pointer}
    if "schema" in meta:
        out["schema"] = {MARK: meta["schema"]}
    return out


def unmarked(meta: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``meta`` read as :func:`marked` wrote it, its schema version as given."""
    out = dict(meta)
    schema = out.get("schema")
    if isinstance(schema, dict) and MARK in schema:
        out["schema"] = schema[MARK]
    return out


def apply(rows: dict[str, Any], log: bytes) -> None:
    """The log's lines applied to ``rows`` in order (in place). Raises ValueError on a
    line that is not a change as :func:`line_of` writes it."""
    for line in log.split(b"\n"):  # (a row's strings may hold U+2028, never a raw newline)
        if not line:
            continue
        try:
            change = json.loads(line)
        except RecursionError:
            change = None
        drop = change.get("drop", []) if isinstance(change, dict) else None
        put = change.get("set", {}) if isinstance(change, dict) else None
        if (
            not isinstance(drop, list)
            or not isinstance(put, dict)
            or not all(isinstance(path, str) for path in drop)
        ):
            raise ValueError("a line of the manifest's journal is not readable")
        for path in drop:
            rows.pop(path, None)
        rows.update(put)


def changes(
    old: dict[str, list[Any]], new: dict[str, Any]
) -> tuple[dict[str, list[Any]], list[str]]:
    """The rows of ``new`` that ``old`` (rows as parsed: lists) has otherwise or not,
    as lists, and the paths ``old`` has and ``new`` not."""
    changed = {}
    for path, row in new.items():
        listed = row if type(row) is list else list(row)
        if old.get(path) != listed:
            changed[path] = listed
    gone = [p for p in old if p not in new]
    return changed, gone


def due_whole(rows: int, journal: Journal | None, changed: int) -> bool:
    """Whether the metadata is to be written whole: a small manifest, or a log that
    would hold more than its share."""
    if rows < JOURNAL_FROM:
        return True
    logged = (journal.rows if journal is not None else 0) + changed
    return logged > max(JOURNAL_MIN, rows // COMPACT_SHARE)


def append(folder: Path, journal: Journal, line: bytes) -> int:
    """``line`` added to the log after the length ``journal`` has (what a write that did
    not commit left after it is cut off); the log's new length."""
    path = folder / journal.log
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        if os.fstat(fd).st_size < journal.length:
            raise OSError("the manifest's journal is shorter than the metadata says")
        os.ftruncate(fd, journal.length)
        os.lseek(fd, journal.length, os.SEEK_SET)
        view = memoryview(line)
        while view:
            view = view[os.write(fd, view) :]
        # On disk before the metadata that counts it is (that write is synced too): after
        # a power cut the log is never shorter than the metadata says.
        os.fsync(fd)
    finally:
        os.close(fd)
    return journal.length + len(line)


def start(folder: Path, meta_path: Path, fields: list[str]) -> Journal | None:
    """A new journal whose base is the metadata file as it is (a hard link to it), its
    log empty; None where the folder cannot link."""
    token = os.urandom(8).hex()
    base, log = f"{PREFIX}{token}.json", f"{PREFIX}{token}.log"
    try:
        os.link(meta_path, folder / base)
    except OSError:
        return None
    try:
        os.close(os.open(folder / log, os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC, 0o600))
    except OSError:
        (folder / base).unlink(missing_ok=True)
        return None
    return Journal(fields, base, log, 0, 0)


def remove_others(folder: Path, keep: Journal | None) -> None:
    """Remove the bases and logs other than ``keep``'s (after a whole write: every one)."""
    kept = {keep.base, keep.log} if keep is not None else set()
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if name.startswith(PREFIX) and name not in kept and FILE.fullmatch(name):
            try:
                os.unlink(folder / name)
            except OSError:
                pass


def line_of(changed: dict[str, list[Any]], gone: list[str]) -> bytes:
    return (
        json.dumps({"set": changed, "drop": gone}, separators=(",", ":"), ensure_ascii=False) + "\n"
    ).encode("utf-8")
