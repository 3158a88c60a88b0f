"""The manifest: what the index holds of each article file, and what an update must do.

The index's metadata keeps, per file (relative path), its id, size, modification
time, content hash and the fields the article list shows (:class:`Entry`). An
update compares that with the files on disk: :func:`plan_update` decides, with
no index and no Whoosh, which files are added, changed, removed or renamed, the
id each one gets, and which documents to delete.
"""

from __future__ import annotations

import itertools
import operator
import os
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from tui.articles import Article, article_id
from tui.library.models import ArticleSummary

#: ``{relpath: (size, mtime_ns)}`` of the article files on disk.
Disk = dict[str, tuple[int, int]]


@dataclass(slots=True)  # 50,000 of them in the app at 50k: no __dict__ each
class Entry:
    """What the manifest remembers of one article: a file, or a record of one.

    For a record of an export or a feed (see :mod:`tui.library.records`), ``file``
    is the file's path and ``size``/``mtime`` are the record's stamp.
    """

    id: str
    size: int
    mtime: int
    hash: str
    title: str
    source: str | None
    date: str | None
    byline: str | None
    ents_hash: str = ""
    file: str = ""
    format: str = "txt"
    url: str | None = None
    language: str | None = None
    #: The stamp of the user's correction the index has (tui.bookmarks.corrections).
    corr: str = ""

    @classmethod
    def listed(cls, doc_id: str, size: int, mtime: int, art: Article, *, file: str = "") -> Entry:
        """The entry of ``art`` (file ``size`` and ``mtime``) as read for the list, before
        the index has it: no content hash yet, and the language the article says (the
        index's, read from the text, once indexed). ``file``: the export or feed a record
        is of."""
        return cls(
            doc_id,
            size,
            mtime,
            "",
            art.title,
            art.source,
            art.date,
            art.byline,
            file=file,
            format=art.format,
            url=art.url,
            language=art.language,
        )

    def summary(self, relpath: str) -> ArticleSummary:
        return ArticleSummary(
            self.id,
            relpath,
            self.title,
            self.source,
            self.date,
            self.byline,
            format=self.format,
            url=self.url,
            language=self.language,
        )


def copies_of(entries: Mapping[str, Entry]) -> dict[str, str]:
    """``{relpath of a copy: id of its original}`` among ``entries`` (``{relpath:
    entry}``): the one rule of what is a copy, for the article list and the search
    results alike. Files with the same content hash hold the same text; the first of
    them by path is the original, whatever a search ranks first. Entries not hashed
    yet (listed before the first index) are not copies of anything."""
    by_hash: dict[str, list[str]] = {}
    for relpath, entry in entries.items():
        if entry.hash:
            by_hash.setdefault(entry.hash, []).append(relpath)
    original: dict[str, str] = {}
    for paths in by_hash.values():
        if len(paths) > 1:
            first, *others = sorted(paths)
            original.update(dict.fromkeys(others, entries[first].id))
    return original


def summaries(entries: dict[str, Entry]) -> list[ArticleSummary]:
    """What the article list shows of ``entries`` (``{relpath: entry}``), each copy
    naming its original in ``duplicate_of`` (:func:`copies_of`)."""
    original = copies_of(entries)
    rows = [entry.summary(relpath) for relpath, entry in entries.items()]
    if original:
        rows = [
            replace(row, duplicate_of=original[row.path]) if row.path in original else row
            for row in rows
        ]
    return rows


_ENTRY_FIELDS = frozenset(Entry.__dataclass_fields__)


def entry_fields(entry: Entry) -> dict[str, Any]:
    """``entry`` as ``{field: value}``, in :class:`Entry`'s order (it has no ``__dict__``)."""
    return dict(zip(_ENTRY_ORDER, _ENTRY_ROW(entry), strict=True))


@dataclass
class State:
    entries: dict[str, Entry] = field(default_factory=dict)  # relpath -> entry
    by_id: dict[str, str] = field(default_factory=dict)  # id -> relpath


def entry_of(fields: Any) -> Entry | None:
    """The :class:`Entry` a manifest holds for one article, or None when it is not one
    (a key missing or of the wrong type: the article is then indexed again, as new).
    Keys the manifest has and :class:`Entry` does not are left out.

    Run for every article of the manifest at each update (50,000 at a time): one
    pass over the entry's own keys, with exact types (JSON gives no subclasses, and
    ``bool`` is then no ``int``)."""
    if not isinstance(fields, dict):
        return None
    extra = False
    for key, value in fields.items():
        kinds = _ENTRY_TYPES.get(key)
        if kinds is None:
            extra = True
        elif type(value) not in kinds:
            return None
    if not _REQUIRED_SET <= fields.keys():
        return None
    if extra:
        return Entry(**{k: v for k, v in fields.items() if k in _ENTRY_TYPES})
    return Entry(**fields)


#: The types of a manifest entry's values; the keys without a default must be there.
_ENTRY_TYPES: dict[str, tuple[type, ...]] = {
    "id": (str,),
    "size": (int,),
    "mtime": (int,),
    "hash": (str,),
    "title": (str,),
    "source": (str, type(None)),
    "date": (str, type(None)),
    "byline": (str, type(None)),
    "ents_hash": (str,),
    "file": (str,),
    "format": (str,),
    "url": (str, type(None)),
    "language": (str, type(None)),
    "corr": (str,),
}
_REQUIRED = ("id", "size", "mtime", "hash", "title", "source", "date", "byline")
_REQUIRED_SET = frozenset(_REQUIRED)
#: The fields of an entry in the order Dossier writes them, and each way their values'
#: types may go (``source`` a string or None, ...): what :func:`entries_of` takes as is.
_ENTRY_ORDER = tuple(Entry.__dataclass_fields__)
_ENTRY_TYPINGS = frozenset(itertools.product(*(_ENTRY_TYPES[k] for k in _ENTRY_ORDER)))
_ENTRY_ROW = operator.attrgetter(*_ENTRY_ORDER)


def entries_of(manifest: dict[str, Any]) -> dict[str, Entry]:
    """The entries of a manifest as read from the metadata (``{relpath: fields}``); one
    that is not whole is left out (its file is indexed again).

    An entry as Dossier writes it (every field, in :class:`Entry`'s order, each of one
    of its types) is made from its values in order: at 50,000 articles, 0.08 s where
    :func:`entry_of`'s keywords take 0.17 s, at every update."""
    out = {}
    make = Entry
    for relpath, fields in manifest.items():
        if (
            type(fields) is dict
            and tuple(fields) == _ENTRY_ORDER
            and tuple(map(type, fields.values())) in _ENTRY_TYPINGS
        ):
            entry: Entry | None = make(*fields.values())
        else:
            entry = entry_of(fields)
        if isinstance(relpath, str) and entry is not None:
            out[relpath] = entry
    return out


#: Where the index's metadata keeps the manifest: ``{"fields": [the names of
#: Entry's fields], "rows": {relpath: [its values in that order]}}``. One list per
#: article, not a dict: at 50,000 articles 9 MB of JSON where the dicts of older
#: versions (``"files": {relpath: {field: value}}``, still read) took 15, parsed in
#: half the time (0.06 s), written in half (0.06 s), and made into entries in half.
ENTRIES_KEY = "entries"


def manifest_json(entries: dict[str, Entry]) -> dict[str, Any]:
    """The manifest of ``entries`` (``{relpath: entry}``) as the metadata keeps it."""
    row = operator.attrgetter(*_ENTRY_ORDER)
    return {"fields": list(_ENTRY_ORDER), "rows": {p: row(e) for p, e in entries.items()}}


def has_manifest(meta: dict[str, Any]) -> bool:
    """Whether the metadata ``meta`` holds a manifest (of either form)."""
    return isinstance(meta.get(ENTRIES_KEY), dict) or isinstance(meta.get("files"), dict)


def manifest_entries(meta: dict[str, Any]) -> dict[str, Entry]:
    """The manifest's entries in the metadata ``meta`` (``{relpath: entry}``), of either
    form; an entry that is not whole is left out (its file is indexed again)."""
    table = meta.get(ENTRIES_KEY)
    if not isinstance(table, dict):
        files = meta.get("files")
        return entries_of(files) if isinstance(files, dict) else {}
    fields, rows = table.get("fields"), table.get("rows")
    if not isinstance(fields, list) or not isinstance(rows, dict):
        return {}
    if tuple(fields) != _ENTRY_ORDER:  # written by another version: by name
        return entries_of(
            {
                p: dict(zip(fields, values, strict=True))
                for p, values in rows.items()
                if type(values) is list and len(values) == len(fields)
            }
        )
    out = {}
    make = Entry
    width = len(_ENTRY_ORDER)
    for relpath, values in rows.items():
        if (
            type(values) is list
            and len(values) == width
            and tuple(map(type, values)) in _ENTRY_TYPINGS
            and isinstance(relpath, str)
        ):
            out[relpath] = make(*values)
    return out


def manifest_ids(meta: dict[str, Any]) -> dict[str, str]:
    """``{relpath: id}`` of the manifest in the metadata ``meta`` (either form)."""
    table = meta.get(ENTRIES_KEY)
    if not isinstance(table, dict):
        files = meta.get("files")
        if not isinstance(files, dict):
            return {}
        return {
            p: e["id"]
            for p, e in files.items()
            if isinstance(e, dict) and isinstance(e.get("id"), str)
        }
    fields, rows = table.get("fields"), table.get("rows")
    if not isinstance(fields, list) or "id" not in fields or not isinstance(rows, dict):
        return {}
    at, width = fields.index("id"), len(fields)
    return {
        p: values[at]
        for p, values in rows.items()
        if type(values) is list and len(values) == width and isinstance(values[at], str)
    }


def still_failed(meta: dict[str, Any], disk: Disk, corpus: Path | None = None) -> dict[str, Any]:
    """The files recorded as unreadable that are on disk unchanged since.

    Unchanged is the same size and time and, with ``corpus`` given, the same mode and
    inode change time: a ``chmod`` that makes a file readable changes only those.
    """
    failed = meta.get("failed")
    if not isinstance(failed, dict):
        return {}
    out = {}
    for relpath, record in failed.items():
        if not (
            isinstance(record, dict)
            and relpath in disk
            and (record.get("size"), record.get("mtime")) == disk[relpath]
            and isinstance(record.get("error"), str)
        ):
            continue
        if (
            corpus is not None
            and "ctime" in record
            and _stamp(corpus / relpath) != (record.get("ctime"), record.get("mode"))
        ):
            continue  # its permissions (or owner, or links) changed: try it again
        out[relpath] = record
    return out


def _stamp(path: Path) -> tuple[int, int] | None:
    """(inode change time, mode) of a file: what a chmod or chown changes."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_ctime_ns, st.st_mode


def new_id(relpath: str, state: State) -> str:
    """An id for a file new to ``state``: from its path, unless another file has it."""
    doc_id = article_id(relpath)
    n = 1
    while doc_id in state.by_id and state.by_id[doc_id] != relpath:
        doc_id = article_id(f"{relpath}#{n}")
        n += 1
    return doc_id


@dataclass
class UpdatePlan:
    """What an update does: the files by kind, what to (re)index and what to delete."""

    added: list[str]  # new files (a renamed file counts here, under its new name)
    changed: list[str]
    removed: list[str]
    renamed_from: dict[str, str]  # new relpath -> the removed relpath with its content
    index: list[tuple[str, str]]  # (relpath, id) to prepare and add, in order
    delete: list[str]  # ids to delete first
    state: State  # the manifest without the removed files, with the new files' ids


def plan_update(
    entries: dict[str, Entry],
    disk: Disk,
    *,
    failed: dict[str, Any] | None = None,
    rules_changed: bool = False,
    unreadable: tuple[str, ...] = (),
    carried: dict[str, str] | None = None,
    content_hash: Callable[[str], str | None] = lambda relpath: None,
    entities_differ: Callable[[str, Entry], bool] | None = None,
    also_changed: Collection[str] = (),
    moved: dict[str, str] | None = None,
) -> UpdatePlan:
    """Compare the manifest's ``entries`` with the files on ``disk``.

    ``failed``: files that could not be read before and are unchanged since (left
    alone). ``rules_changed``: the cleaning rules changed, so every file is read
    again. ``unreadable``: folders that cannot be listed now; their files are
    not taken as removed. ``carried``: ``{relpath: id}`` from before a rebuild, so
    that a file keeps its id (and its bookmarks). ``content_hash(relpath)``: the
    hash of a file's text (None if unreadable), to tell a renamed file, which
    keeps its id. ``entities_differ(relpath, entry)``: whether a file's entities
    differ under a changed gazetteer (None when it did not change).
    ``also_changed``: articles to index again although unchanged on disk (the
    user corrected their metadata). ``moved``: ``{new path: removed path}`` known
    to be one article under a new name (a record of a renamed export, by its key),
    whatever its content.
    """
    failed = failed or {}
    carried = carried or {}
    state = State(dict(entries), {e.id: p for p, e in entries.items()})
    removed = [p for p in entries if p not in disk and not p.startswith(unreadable or "\0")]
    added = [p for p in disk if p not in entries and p not in failed]
    changed = [
        p
        for p in disk
        if p in entries and (rules_changed or (entries[p].size, entries[p].mtime) != disk[p])
    ]
    if also_changed:
        seen = set(changed)
        changed += [p for p in also_changed if p in entries and p in disk and p not in seen]
    if entities_differ is not None and not rules_changed:
        skip = set(changed)
        changed += [
            p
            for p, entry in entries.items()
            if p not in skip and p in disk and entities_differ(p, entry)
        ]
    # A renamed file keeps its id (and so its bookmarks).
    renamed_from: dict[str, str] = {}
    gone_paths = set(removed)
    for new_path, old_path in (moved or {}).items():
        if new_path in added and old_path in gone_paths:
            renamed_from[new_path] = old_path
            gone_paths.discard(old_path)
    if removed and added:
        gone = {entries[p].hash: p for p in gone_paths if entries[p].hash}
        for relpath in added:
            if relpath in renamed_from:
                continue
            h = content_hash(relpath)
            if h is not None and h in gone:
                renamed_from[relpath] = gone.pop(h)
    index = [(relpath, entries[relpath].id) for relpath in changed]
    for relpath in removed:
        state.entries.pop(relpath, None)
    for relpath in added:
        old = renamed_from.get(relpath)
        if old:
            doc_id = entries[old].id
        elif relpath in carried and carried[relpath] not in state.by_id:
            doc_id = carried[relpath]
        else:
            doc_id = new_id(relpath, state)
        state.by_id[doc_id] = relpath
        index.append((relpath, doc_id))
    delete = [entries[p].id for p in removed + changed]
    # New ids too: another copy of Dossier may have added the same files
    # between this plan and the write lock, and a file must not be twice.
    delete += [doc_id for _, doc_id in index]
    return UpdatePlan(added, changed, removed, renamed_from, index, delete, state)


def record_written(
    state: State,
    docs: list[dict[str, Any]],
    errors: list[str],
    disk: Disk,
    failed: dict[str, Any],
    corpus: Path | None = None,
) -> None:
    """Enter the documents the index took into ``state``; note the files it could not read.

    ``errors`` are ``"relpath: why"`` lines: those files leave the manifest and are
    recorded in ``failed`` (with their size and time, to try again once they change).
    """
    for doc in docs:
        state.entries[doc["path"]] = Entry(
            id=doc["id"],
            size=doc["size"],
            mtime=doc["mtime"],
            hash=doc["hash"],
            title=doc["title"],
            source=doc["source"],
            date=doc["date"],
            byline=doc["byline"],
            ents_hash=doc["ents_hash"],
            file=doc.get("file") or "",
            format=doc.get("format") or "txt",
            url=doc.get("url"),
            language=doc.get("language"),
            corr=doc.get("corr") or "",
        )
    for msg in errors:  # unreadable files are not in the index
        relpath = msg.split(": ", 1)[0]
        state.entries.pop(relpath, None)
        if relpath in disk:
            size, mtime = disk[relpath]
            failed[relpath] = {"size": size, "mtime": mtime, "error": msg}
            stamp = _stamp(corpus / relpath) if corpus is not None else None
            if stamp is not None:
                failed[relpath]["ctime"], failed[relpath]["mode"] = stamp
    state.by_id = {e.id: p for p, e in state.entries.items()}
