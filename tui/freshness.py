"""Whether anything changed since the index was last brought up to date, from a few
``stat`` calls: the freshness stamp (``dossier-stamp.json`` beside the index).

After a full update, :func:`record_stamp` notes what the corpus folder, the config
and the index looked like; :func:`unchanged` tells from them that nothing changed
since. An update that warned (a broken link, a pipe, a file it could not read) marks
its stamp: only a reader that need not say the warnings again trusts it (a search:
``dossier index`` and the app say them each time). The stamp sees every file added, removed or
renamed (each changes its folder's modification time), a change of the user's
config, settings, corrections or of Dossier itself, and any change to the index.
It does not see a file rewritten in place (that changes the file's time only)
unless given a digest of every file's size and time (:func:`disk_digest`), as
``dossier index``, the app and ``dossier search --rescan`` give it.

A folder's time moves by its clock's ticks: a folder that changed within
:data:`SETTLE` seconds of the update's scan may change again without its time
moving. Such a folder is noted as racy, with a digest of what the scan listed in it;
checks list it again (its own files only) until its time is older than the window,
when a check that finds it unchanged renews the stamp without it. A search right
after an update then looks at the few folders the update saw change, not at every
file of the corpus.

With every file's name, size, time and change mark by folder kept beside the stamp
(:data:`FILES_NAME`, :mod:`tui.listing`), :func:`tui.listing.files_unchanged` tells as
much as a look at every file without listing a folder whose entries did not change
since the scan (its ``ctime``, which cannot be set back as its ``mtime`` can): a
``stat`` a file, by name; and it sees a file replaced by another of the same size
and time, which the digest does not.

While a full build's names are still to be found (its second phase:
:mod:`tui.library.naming`), the stamp says that the folder is as indexed and that the
names are pending: only a caller that takes the index as it is then (a search) trusts
it; ``dossier index`` and the app, which find the names, do not. The process that
finds them keeps the stamp's look at the index in step with its own commits
(:func:`follow_index`), so that a search meanwhile need not compare the folder with
the manifest.

Light on purpose (no Whoosh, no library): ``dossier index`` on an unchanged folder
runs this only (tui.commands.quick).
The other files kept beside the index are :mod:`tui.library.derived`'s.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from tui.jsonfile import read_json
from tui.privacy import write_private

TYPE_CHECKING = False  # typing is not imported by `dossier index` on an unchanged folder
if TYPE_CHECKING:
    from typing import Any

STAMP_NAME = "dossier-stamp.json"
#: Every article file's name, size, time and change mark as the last full update saw
#: them, by folder (:mod:`tui.listing`), tied to the stamp written with it.
FILES_NAME = "dossier-files.json"
#: The user's files that the cleaning rules and the recogniser are made from.
CONFIG_FILES = ("boilerplate.yaml", "entities.yaml")
VERSION = 1
#: A folder changed this recently (seconds) may change again within the same tick of
#: its clock: its time alone is not trusted then (its files are listed again).
SETTLE = 2.0
#: The name Whoosh gives the index's files (tui.index.schema.INDEX_NAME).
INDEX_NAME = "MAIN"
#: The files of the index proper: tables of contents, segments, the metadata.
_INDEX_FILES = re.compile(
    rf"_{INDEX_NAME}_\d+\.toc(?:\.[\d.]+)?|{INDEX_NAME}_[a-z0-9]{{16}}\..+|dossier-meta\.json"
)

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
    data = read_json(path)
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
    """Size, time and inode of every file of the index (Whoosh's tables of contents and
    segments, and the metadata): any commit, rebuild or damage changes one of them."""
    out: dict[str, Stat] = {}
    try:
        names = os.listdir(index_dir)
    except OSError:
        return out
    for name in names:
        # not the term tables a reader may add beside a segment (tui.index.lookups)
        if name.endswith((".tmp", ".ets")) or _INDEX_FILES.fullmatch(name) is None:
            continue
        out[name] = _stat(index_dir / name)
    return out


# -- Dossier's own code and shipped defaults --------------------------------------------


@lru_cache(maxsize=1)
def code_stamp() -> str:
    """A digest of the sizes and times of Dossier's files and shipped defaults: an
    upgrade (or an edit of an editable install) may change how articles are cleaned."""
    from tui import paths

    digest = hashlib.blake2b(digest_size=12)
    roots = [Path(__file__).resolve().parent]
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
    disk: dict[str, tuple[int, int]] | None = None,
    articles: int = 0,
    warned: bool = False,
    read_as: Iterable[tuple[str, Stat]] = (),
    marks: dict[str, int] | None = None,
    names_pending: bool = False,
) -> bool:
    """Note how things are after a full update: the folders as the scan saw them
    (``{path: mtime_ns}``), the ``watched`` files, the index's files, a digest of
    every article file's size and time (from ``disk``, the scan's ``{relpath: (size,
    mtime_ns)}``: :func:`disk_digest`) and how many articles the index has.
    ``settings``: the file-name patterns the scan skipped (``corpus_skip``).

    A folder changed within :data:`SETTLE` seconds of the scan may have changed again
    since without its time changing (the same tick of its clock): the stamp keeps a
    digest of what the scan listed in it (its racy folders), and is trusted only while
    a listing of that folder gives the same (:func:`unchanged`, which drops the folder
    from the racy ones once its time is older than the window). False (and no stamp)
    when there are no folders, or a racy one is not listed as the scan listed it.
    ``warned``: the update had something to warn about (see :func:`unchanged`).
    ``read_as``: the settings files as they were when ``settings`` were read from
    them (:attr:`tui.settings.Settings.read_as`; see :func:`stamped_skip`).
    ``marks``: the scan's change marks of the files (:func:`tui.mounts.change_mark`),
    kept in the listing beside the stamp (:func:`tui.listing.write_files`).
    ``names_pending``: the index has articles without their names yet (see the module)."""
    path = index_dir / STAMP_NAME
    files = disk or {}
    root = os.path.realpath(corpus)
    late = [f for f, mtime in folders.items() if mtime / 1e9 > scanned_at - SETTLE]
    racy = _scanned_listings(late, root, files, folders)
    if not folders or racy is None:
        forget_stamp(index_dir)
        return False
    # No listing from a look that lists no file while the index has articles (a look
    # let go of): it would say that every file is as it was.
    listed = None
    if files or not articles:
        from tui.listing import write_files

        listed = write_files(index_dir, root, folders, files, marks or {})
    value = {
        "corpus": str(corpus),
        "folders": folders,
        "racy": racy,
        "watched": {str(p): _stat(p) for p in watched},
        "settings": repr(settings),
        "skip": list(settings) if isinstance(settings, tuple) else None,
        "settings_read": [[name, st] for name, st in read_as],
        "code": code_stamp(),
        "index": index_files(index_dir),
        "disk": disk_digest(files),
        "articles": articles,
        "warned": warned,
        "written": time.time(),
        "scanned": scanned_at,
        "files": listed,
        "names": "pending" if names_pending else "found",
        "sums": content_sums(index_dir, watched),
    }
    return write_keyed(path, "stamp", value)


#: The metadata of the index (tui.index.fields.META_NAME).
META_FILE = "dossier-meta.json"
#: A watched file larger than this (bytes) is not summed (the bookmarks may be large).
SUMMED_AT_MOST = 1 << 20


def file_sum(path: str | Path) -> str | None:
    """A digest of the file's content (None: unreadable)."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def content_sums(index_dir: Path, watched: Iterable[Path]) -> dict[str, str]:
    """Digests of the files a copy of the home (a backup restored, ``cp -a``, ``rsync
    -a``) keeps as they were but under new inode numbers, whose size and time alone do
    not tell them from another version: the index's metadata (each update writes it
    anew under its name) and the user's small watched files (the config). With them
    :mod:`tui.library.restored` tells a copy from a change (0.1 s at 50,000 articles,
    once an update)."""
    out: dict[str, str] = {}
    if (meta := file_sum(index_dir / META_FILE)) is not None:
        out[META_FILE] = meta
    for p in watched:
        try:
            small = os.stat(p).st_size <= SUMMED_AT_MOST
        except OSError:
            continue
        if small and (digest := file_sum(p)) is not None:
            out[str(p)] = digest
    return out


def _listing_digest(files: dict[str, tuple[int, int]], subfolders: Iterable[str]) -> str:
    """A digest of one folder's article files (name, size, time) and subfolder names."""
    listed = (sorted((name, tuple(st)) for name, st in files.items()), sorted(subfolders))
    return hashlib.blake2b(
        repr(listed).encode("utf-8", "surrogateescape"), digest_size=16
    ).hexdigest()


def _scanned_listings(
    racy: list[str], root: str, disk: dict[str, tuple[int, int]], folders: dict[str, int]
) -> dict[str, str] | None:
    """``{folder: digest}`` of each of the ``racy`` folders as the scan listed it (its
    files in ``disk``, its subfolders in ``folders``); None when a folder is not under
    ``root`` (the corpus moved meanwhile)."""
    if not racy:
        return {}
    prefixes: dict[str, str] = {}  # the folders' relative paths, as disk's keys have them
    for folder in racy:
        if folder == root:
            prefixes[""] = folder
        elif folder.startswith(root + os.sep):
            prefixes[folder[len(root) + 1 :].replace(os.sep, "/")] = folder
        else:
            return None
    files: dict[str, dict[str, tuple[int, int]]] = {f: {} for f in racy}
    for relpath, st in disk.items():
        parent, _, name = relpath.rpartition("/")
        holder = prefixes.get(parent)
        if holder is not None:
            files[holder][name] = st
    subfolders: dict[str, list[str]] = {f: [] for f in racy}
    for folder in folders:
        parent, name = os.path.split(folder)
        if parent in subfolders and folder != parent:
            subfolders[parent].append(name)
    return {f: _listing_digest(files[f], subfolders[f]) for f in racy}


def forget_stamp(index_dir: Path) -> None:
    for name in (STAMP_NAME, FILES_NAME):
        try:
            (index_dir / name).unlink()
        except OSError:
            pass


def disk_digest(disk: dict[str, tuple[int, int]]) -> str:
    """A digest of every article file's path, size and modification time (as the scan
    of the folder lists them, in its order)."""
    return hashlib.blake2b(
        repr(disk).encode("utf-8", "surrogateescape"), digest_size=16
    ).hexdigest()


def watched(config_dir: Path, bookmarks: Path) -> list[Path]:
    """The user's files a full update reads besides the corpus: the config the articles
    are cleaned with, the corrections (kept with the bookmarks)."""
    config = [config_dir / name for name in CONFIG_FILES]
    return [*config, bookmarks, bookmarks.with_name(bookmarks.name + "-wal")]


#: How long (seconds) a look at a folder is kept for the update that follows it.
LOOK_KEPT = 30.0
Look = tuple[dict[str, tuple[int, int]], dict[str, int], float, dict[str, int]]
_look: tuple[float, str, str, Look] | None = None


def keep_look(
    corpus: Path,
    skip: Any,
    disk: dict[str, tuple[int, int]],
    folders: dict[str, int],
    scanned_at: float,
    marks: dict[str, int] | None = None,
) -> None:
    """Keep a look at ``corpus`` that found nothing to warn about (every article file's
    size and time, the folders' times, when it began, the files' change marks) for the
    update that follows in this process: at 50,000 articles a look is 50,000 ``stat``
    calls. A file changed since is seen by the next look (its folder's or its own time
    is then newer than what the stamp records)."""
    global _look
    _look = (time.monotonic(), str(corpus), repr(skip), (disk, folders, scanned_at, marks or {}))


def take_look(corpus: Path, skip: Any) -> Look | None:
    """The look :func:`keep_look` kept of ``corpus`` (with the same files skipped), once,
    if it is :data:`LOOK_KEPT` seconds old at most: ``(disk, folders, scanned_at,
    marks)``."""
    global _look
    look, _look = _look, None
    if look is None or look[1:3] != (str(corpus), repr(skip)):
        return None
    if time.monotonic() - look[0] > LOOK_KEPT:
        return None
    return look[3]


def stamped_skip(index_dir: Path) -> tuple[str, ...] | None:
    """The file-name patterns the scan skipped (``corpus_skip``) as the stamp has them,
    when the settings files are as they were when those settings were read (so that
    reading them again would give the same: ``dossier index`` on an unchanged folder
    need not import the settings' YAML parser); None: read the settings."""
    stamp = read_keyed(index_dir / STAMP_NAME, "stamp")
    if not isinstance(stamp, dict):
        return None
    skip, read_as = stamp.get("skip"), stamp.get("settings_read")
    if not isinstance(skip, list) or not isinstance(read_as, list) or not read_as:
        return None
    from tui import paths

    if read_as != [[str(p), _stat(p)] for p in paths.settings_files()]:
        return None
    return tuple(skip)


def follow_index(index_dir: Path, last: dict[str, Stat] | None) -> dict[str, Stat] | None:
    """Keep a stamp written while names were pending in step with the index as the
    process finding them commits them: when the stamp's look at the index is ``last``
    (what this returned the last time, or None: take the stamp's own), it becomes the
    index as it is now. Those commits add names to articles already indexed, and
    change nothing that the rest of the stamp describes. Returns the index as the
    stamp has it now; None when there is no such stamp, or another process wrote it
    (then its look stays its own)."""
    path = index_dir / STAMP_NAME
    stamp = read_keyed(path, "stamp")
    if not isinstance(stamp, dict) or stamp.get("names") != "pending":
        return None
    seen = stamp.get("index")
    if last is not None and seen != json.loads(json.dumps(last)):
        return None
    now = index_files(index_dir)
    if now != seen:
        stamp["index"] = now
        sums = stamp.get("sums")
        if isinstance(sums, dict) and (seen or {}).get(META_FILE) != now.get(META_FILE):
            meta = file_sum(index_dir / META_FILE)  # (its commits may write it)
            stamp["sums"] = {**sums, META_FILE: meta} if meta else {}
        if not write_keyed(path, "stamp", stamp):
            return None
    return now


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
    ignored: Iterable[Path] = (),
    warned: bool = False,
    names_pending: bool = False,
    files_only: bool = False,
) -> bool:
    """Whether nothing the last full update looked at changed since (see the module's
    docstring for what that covers); False when something did, or no stamp tells.
    With ``disk`` (a :func:`disk_digest` of the folder now), a file rewritten in
    place is seen too. ``ignored``: watched files left out of the comparison (the
    caller checks what they hold another way). ``settings``: the file-name patterns
    the scan skips (``corpus_skip``).

    A folder the update saw change within :data:`SETTLE` seconds of its scan is
    listed again (its files' sizes and times: a few ``stat`` calls where a full
    look is one a file of the corpus); once its time is older than that window, a
    listing that finds it as the update did renews the stamp without it, so that
    later commands trust its time alone.

    The stamp of an update that warned is trusted only with ``warned`` (a reader
    that need not say the warnings again: they were said when the folder changed);
    without it the caller's full update says them.

    A stamp written while names were pending is trusted only with ``names_pending``
    (a caller that takes the index as it is, names pending or not: a search); the
    others' update finds the names.

    ``files_only``: whether the folder's files are as the update listed them, whatever
    else changed (Dossier itself, the user's config, the index, the names): what a
    release or a change of the cleaning rules leaves as it was while the index must be
    made again (the app shows the rows listed then meanwhile: tui.library.head)."""
    path = index_dir / STAMP_NAME
    seen_as = _stat(path)
    stamp = read_keyed(path, "stamp")
    if not isinstance(stamp, dict) or stamp.get("corpus") != str(corpus):
        return False
    if not files_only and stamp.get("names") == "pending" and not names_pending:
        return False
    if not files_only and stamp.get("warned") and not warned:
        return False
    if disk is not None and stamp.get("disk") != disk:
        return False
    folders = stamp.get("folders")
    racy = stamp.get("racy", {})
    if not isinstance(folders, dict) or not folders or not isinstance(racy, dict):
        return False
    for folder, mtime in folders.items():
        st = _stat(folder)
        if st is None or st[1] != mtime:
            return False
    skip = {str(p) for p in ignored}
    seen = stamp.get("watched")
    if skip and isinstance(seen, dict):
        seen = {k: v for k, v in seen.items() if k not in skip}
    if stamp.get("settings") != repr(settings):
        return False  # (the files skipped by name)
    if not files_only and not (
        seen == {str(p): _stat(p) for p in watched if str(p) not in skip}
        and stamp.get("index") == index_files(index_dir)
        and stamp.get("code") == code_stamp()
    ):
        return False
    if not racy:
        return True
    from tui.articles import folder_listing

    now = time.time()  # before the listings: a change in a folder's last tick is in them
    settled = []
    for folder, digest in racy.items():
        listing = folder_listing(folder, settings or ())
        if listing is None or _listing_digest(*listing) != digest:
            return False
        mtime = folders.get(folder)
        if isinstance(mtime, int) and mtime / 1e9 <= now - SETTLE:
            settled.append(folder)
    if settled and _stat(path) == seen_as:  # not written again meanwhile by an update
        stamp["racy"] = {f: d for f, d in racy.items() if f not in settled}
        write_keyed(path, "stamp", stamp)
    return True
