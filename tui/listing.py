"""Every article file's name, size, time and change mark by folder, kept beside the
freshness stamp (:data:`tui.freshness.FILES_NAME`), and what it tells without a
listing of the folders: :func:`files_unchanged` (``dossier index`` on an unchanged
folder, the app's start check) and :func:`replaced_files` (the update's look at the
files a size and time do not tell apart).

A file's change mark (:func:`tui.mounts.change_mark`) is its inode number and its
status-change time (``ctime``) in one number: a file put in another's place with the
same size and time (``mv``, ``rsync -t``'s rename, a ``cp -p`` over it) changes it.
A file written over again within the tick of the clock its last change is dated in,
its time set back, keeps its ``ctime`` and so its mark: no ``stat`` tells it. The
update's scan sees a file changed in the tick it began in (:func:`tui.mounts.scan_mark`),
waits for that tick to be over and has the update compare its content
(:func:`replaced_files`): what it reads then has every change of the tick, and a
change after it moves the ``ctime``. What no ``stat`` tells either: a file whose
content changed while its size, time, inode and ``ctime`` did not (a disk edited
under the filesystem, a clock set back).

It is kept only for folders on a filesystem whose inode numbers and ``ctime`` are its
own (:class:`tui.mounts.ChangeTimes`): not FAT, FUSE or network filesystems, where
they may change at each mount or come from another machine; their files are told by
their sizes and times, as before.

Light on purpose (``os`` and the stamp's module): ``dossier index`` on an unchanged
folder runs this only (tui.commands.quick).
"""

from __future__ import annotations

import binascii
import json
import os
import sys
import time
from array import array
from collections.abc import Iterable
from pathlib import Path
from stat import S_ISLNK

from tui import freshness
from tui.jsonfile import read_json
from tui.mounts import _MASK, _MIX, ChangeTimes, settled
from tui.privacy import write_private

TYPE_CHECKING = False  # typing is not imported by `dossier index` on an unchanged folder
if TYPE_CHECKING:
    from typing import Any

#: The listing's format: 2 added the change marks (a listing of 1 is written again).
VERSION = 2
#: ``{folder: (names, sizes, mtimes, change marks or None)}``
Listing = dict[str, tuple[list[str], array, array, array | None]]


def write_files(
    index_dir: Path,
    root: str,
    folders: dict[str, int],
    disk: dict[str, tuple[int, int]],
    marks: dict[str, int],
) -> str | None:
    """Write the listing :func:`files_unchanged` reads: for each folder of the scan
    (``folders``, by path), the names of its article files, their sizes and times
    (from ``disk``, the scan's ``{relpath: (size, mtime_ns)}``) and their change marks
    (``marks``, by relpath) where its filesystem keeps them (a folder with a file the
    scan gave no mark keeps none). Returns the token that ties it to the stamp written
    next; None when it was not written (a file whose folder the scan did not list, a
    read-only index).

    Compact: each folder's names as one string (``/`` cannot be in a name), its sizes,
    times and marks as arrays of 64-bit integers in base64, so that reading it is
    parsing a few strings whatever the number of files."""
    listed: dict[str, tuple[list[str], array, array, array]] = {
        f: ([], array("q"), array("q"), array("q")) for f in folders
    }
    groups: dict[str, tuple[str, tuple[list[str], array, array, array]]] = {}
    unmarked: set[str] = set()  # folders with a file the scan gave no mark
    for relpath, (size, mtime) in disk.items():
        parent, _, name = relpath.rpartition("/")
        found = groups.get(parent)
        if found is None:
            folder = f"{root}{os.sep}{parent.replace('/', os.sep)}" if parent else root
            group = listed.get(folder)
            if group is None:
                return None
            found = groups[parent] = (folder, group)
        folder, (names, sizes, mtimes, kept) = found
        names.append(name)
        sizes.append(size)
        mtimes.append(mtime)
        mark = marks.get(relpath)
        if mark is None:
            unmarked.add(folder)
        else:
            kept.append(settled(mark))
    times = ChangeTimes()
    out = {}
    for folder, (names, sizes, mtimes, kept) in listed.items():
        keep = folder not in unmarked
        if keep:
            try:
                keep = times.kept(folder, os.stat(folder).st_dev)
            except OSError:
                keep = False
        out[folder] = ["/".join(names), _b64(sizes), _b64(mtimes), _b64(kept) if keep else ""]
    token = os.urandom(8).hex()
    value = {"version": VERSION, "token": token, "byteorder": sys.byteorder, "folders": out}
    try:
        write_private(index_dir / freshness.FILES_NAME, json.dumps(value, separators=(",", ":")))
    except (OSError, OverflowError):
        return None
    return token


def _b64(numbers: array) -> str:
    return binascii.b2a_base64(numbers.tobytes(), newline=False).decode("ascii")


def _numbers(text: str) -> array:
    numbers = array("q")
    numbers.frombytes(binascii.a2b_base64(text))
    return numbers


#: :func:`_read_files` of a listing of an older format (the update writes it again).
OUTDATED: Listing = {}


def _read_files(index_dir: Path, token: Any) -> Listing | None:
    """The listing :func:`write_files` wrote with ``token`` (any, with None); None:
    none, another; :data:`OUTDATED`: one of an older format."""
    data = read_json(index_dir / freshness.FILES_NAME)
    if not isinstance(data, dict) or (token is not None and data.get("token") != token):
        return None
    if data.get("byteorder") != sys.byteorder:
        return None
    if data.get("version") != VERSION:
        return OUTDATED if isinstance(data.get("version"), int) else None
    out: Listing = {}
    try:
        for folder, (names, sizes, mtimes, marks) in data["folders"].items():
            listed = (
                names.split("/") if names else [],
                _numbers(sizes),
                _numbers(mtimes),
                _numbers(marks) if marks else None,
            )
            if not len(listed[0]) == len(listed[1]) == len(listed[2]):
                return None
            if listed[3] is not None and len(listed[3]) != len(listed[0]):
                return None
            out[folder] = listed
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    return out


def files_unchanged(
    index_dir: Path,
    corpus: Path,
    watched: Iterable[Path],
    settings: Any,
    ignored: Iterable[Path] = (),
    names_pending: bool = False,
) -> bool | None:
    """Whether every article file of ``corpus`` is as the last full update saw it, and
    nothing else :func:`tui.freshness.unchanged` looks at changed: what a look at every
    file and :func:`~tui.freshness.unchanged` with its
    :func:`~tui.freshness.disk_digest` tell (True, False), without listing the
    folders. None: it cannot tell this way (no listing, a link); look. False too
    for a listing of an older format (the update that follows writes it again).

    A folder's files are those the update's scan listed in it as long as its entries
    did not change since: an entry added, removed or renamed changes the folder's
    status-change time (``ctime``), which, unlike its modification time, cannot be
    set back. So the files of a folder whose ``ctime`` is older than the scan (by
    :data:`~tui.freshness.SETTLE`: its clock's tick) are looked at by name, one
    ``stat`` each, with no listing, no sorting and no digest; a folder changed since
    (or just before) the scan is listed again and compared (its files' names, sizes,
    times and change marks, its subfolders' names), as is any the update found in
    flux (:func:`~tui.freshness.unchanged`). A file rewritten in place changes its own
    time or size, or its change mark (a ``cp -p`` over it), and another put in its
    place (a rename over it) its mark: either way it is seen. So is every folder on a
    filesystem whose folders' ``ctime`` is not known to be the time of their last
    change (:class:`tui.mounts.ChangeTimes`: a FAT stick's), whose files are told by
    their sizes and times only.

    A folder listed again and found as the scan listed it, with a ``ctime`` older
    than the window, is trusted at that ``ctime`` from then on (the stamp keeps it):
    a folder the app's update followed within a second (it watches the folder) is
    listed once more, not at every check until the next update.
    ``ignored``, ``names_pending``: as :func:`~tui.freshness.unchanged` takes them."""
    if not freshness.unchanged(
        index_dir, corpus, watched, settings, ignored=ignored, names_pending=names_pending
    ):
        return False
    path = index_dir / freshness.STAMP_NAME
    seen_as = freshness._stat(path)
    stamp = freshness.read_keyed(path, "stamp")
    if not isinstance(stamp, dict):
        return False  # written again since the look above: something changed
    folders = stamp["folders"]
    scanned = stamp.get("scanned")
    token = stamp.get("files")
    listing = _read_files(index_dir, token) if isinstance(token, str) else None
    if listing is OUTDATED:
        return False
    if listing is None or not isinstance(scanned, (int, float)) or listing.keys() != folders.keys():
        return None
    settle = freshness.SETTLE
    since = int((scanned - settle) * 1e9)
    trusted = stamp.get("trusted")
    if not isinstance(trusted, dict):
        trusted = {}
    newly: dict[str, int] = {}
    now = time.time()  # before the listings: a change in a folder's last tick is in them
    times = ChangeTimes()
    mix, mask = _MIX, _MASK  # change_mark, inlined in the loop over every file
    for folder, (names, sizes, mtimes, marks) in listing.items():
        try:
            fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        except OSError:
            return False
        try:
            st = os.fstat(fd)
            if st.st_mtime_ns != folders[folder]:
                return False
            known = times.kept(folder, st.st_dev)  # (else ctime says nothing: listed)
            if not known:
                marks = None  # (a folder moved to another filesystem since)
            if not known or (st.st_ctime_ns >= since and trusted.get(folder) != st.st_ctime_ns):
                same = _listed_as(folder, folders, names, sizes, mtimes, marks, settings)
                if same is not True:
                    return same
                if known and st.st_ctime_ns / 1e9 <= now - settle:
                    newly[folder] = st.st_ctime_ns
                continue
            stat = os.stat
            if marks is None:
                for name, size, mtime in zip(names, sizes, mtimes, strict=True):
                    try:
                        st = stat(name, dir_fd=fd, follow_symlinks=False)
                    except OSError:
                        return False
                    if st.st_mtime_ns != mtime or st.st_size != size:
                        # a link inside the corpus is listed with what it links to
                        return None if S_ISLNK(st.st_mode) else False
                continue
            for name, size, mtime, mark in zip(names, sizes, mtimes, marks, strict=True):
                try:
                    st = stat(name, dir_fd=fd, follow_symlinks=False)
                except OSError:
                    return False
                if (
                    st.st_mtime_ns != mtime
                    or st.st_size != size
                    or (st.st_ctime_ns ^ st.st_ino * mix) & mask != mark
                ):
                    return None if S_ISLNK(st.st_mode) else False
        finally:
            os.close(fd)
    if newly and freshness._stat(path) == seen_as:  # not written again meanwhile
        stamp["trusted"] = {f: c for f, c in trusted.items() if f in folders} | newly
        freshness.write_keyed(path, "stamp", stamp)
    return True


def _listed_as(
    folder: str,
    folders: dict[str, int],
    names: list[str],
    sizes: array,
    mtimes: array,
    marks: array | None,
    settings: Any,
) -> bool | None:
    """Whether ``folder`` lists now as the scan listed it: the article files ``names``
    with their ``sizes``, ``mtimes`` and change ``marks`` (when kept), and the
    subfolders ``folders`` holds."""
    from tui.articles import folder_listing

    marked: dict[str, int] | None = {} if marks is not None else None
    now = folder_listing(folder, settings or (), marked)
    if now is None:
        return None  # a link, a pipe, unreadable: the walk says what
    files, subfolders = now
    children = sorted(
        os.path.basename(f) for f in folders if f != folder and os.path.dirname(f) == folder
    )
    if subfolders != children or files != dict(
        zip(names, zip(sizes, mtimes, strict=True), strict=True)
    ):
        return False
    return marks is None or marked == dict(zip(names, marks, strict=True))


def replaced_files(
    index_dir: Path, root: str, disk: dict[str, tuple[int, int]], marks: dict[str, int]
) -> list[str]:
    """The files of ``disk`` (the update's look: ``{relpath: (size, mtime_ns)}``, with
    their change ``marks``) that have the size and time the last listing has but
    another change mark: put in another file's place, or rewritten with their time set
    back (or only their permissions changed: the update compares their content), and
    those the look saw changed in the tick of the clock it began in (their marks are
    below 0: :func:`tui.mounts.scan_mark`). Only where the listing keeps marks; none
    without a listing."""
    if not marks:
        return []
    listing = _read_files(index_dir, None)
    if not listing:
        return []
    root = os.path.realpath(root)
    out = []
    for folder, (names, sizes, mtimes, kept) in listing.items():
        if kept is None:
            continue
        if folder == root:
            prefix = ""
        elif folder.startswith(root + os.sep):
            prefix = folder[len(root) + 1 :].replace(os.sep, "/") + "/"
        else:
            continue
        for name, size, mtime, mark in zip(names, sizes, mtimes, kept, strict=True):
            relpath = prefix + name
            now = marks.get(relpath)
            if now is not None and now != mark and disk.get(relpath) == (size, mtime):
                out.append(relpath)
    return out
