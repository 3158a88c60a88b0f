"""A home restored from a backup or copied (``cp -a``, ``rsync -a``): its index used as is.

What the library keeps beside the index (:mod:`tui.library.derived`: the freshness
stamp, the list's first rows, the entries by id, the entity tables) is keyed by the
size, time and inode number of the files it was made from: the inode number tells two
versions of the metadata apart that an update wrote within one tick of the clock, at
the same size. A copy keeps every file's size, time and content but gives it a new
inode number: nothing kept was trusted, the first article waited for a look at every
file of the folder (12 s at 50,000 articles), and the search for the entity tables.

:func:`adopt_copy` tells a copy from a change: every file of the index has the size and
time the stamp noted, and the metadata the content it summed
(:func:`tui.freshness.content_sums`); then each of those keys is made again with the
new inode numbers, the stamp last. A file changed outside Dossier has another time
or size, or (the metadata) another content, and is seen as before.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tui.freshness import (
    META_FILE,
    STAMP_NAME,
    VERSION,
    _stat,
    file_sum,
    index_files,
    read_keyed,
    write_keyed,
)
from tui.jsonfile import read_json
from tui.library import derived
from tui.library.head import FORMAT as HEAD_FORMAT

#: The files keyed by the table of contents' (generation, inode, time), then more.
_TOC_KEYED = (derived.TYPES_NAME, derived.ALIASES_NAME, derived.LINKS_NAME)
_TOC = "_MAIN_"


def adopt_copy(index_dir: Path, watched: Iterable[Path]) -> bool:
    """Whether the index folder is a copy of the one its stamp was written in (then the
    keys of what is kept beside it are made again for the copy's inode numbers)."""
    stamp = read_keyed(index_dir / STAMP_NAME, "stamp")
    if not isinstance(stamp, dict):
        return False
    seen, sums = stamp.get("index"), stamp.get("sums")
    if not isinstance(seen, dict) or not isinstance(sums, dict) or not sums.get(META_FILE):
        return False
    now = index_files(index_dir)
    if set(now) != set(seen):
        return False
    moved: dict[str, tuple[list[int], list[int]]] = {}
    for name, then in seen.items():
        st = now[name]
        if not isinstance(then, list) or st is None or then[:2] != st[:2]:
            return False  # another size or time: a change, not a copy
        if then != st:
            moved[name] = (then, st)
    if moved and (META_FILE not in moved or file_sum(index_dir / META_FILE) != sums[META_FILE]):
        return False
    was = json.dumps(stamp)
    stats = {json.dumps(then): st for then, st in moved.values()}
    _rekey_watched(stamp, list(watched), stats)
    if moved:
        _rekey_derived(index_dir, stats, moved)
    stamp["index"] = now
    # (a home moved, not copied: the same inode numbers, the config under another path)
    return json.dumps(stamp) != was and write_keyed(index_dir / STAMP_NAME, "stamp", stamp)


def _rekey_watched(stamp: dict[str, Any], watched: list[Path], stats: dict[str, Any]) -> None:
    """The stamp's watched files (the user's config) as the copy has them, and ``stats``
    with their moves. They are kept by path: a home copied elsewhere has them under
    another folder, in the same order, by the same names. A file whose size and time
    are as noted and whose content is the one summed is the copy's; any other keeps
    what the stamp noted (:func:`tui.freshness.unchanged` then sees the change)."""
    then_watched, sums = stamp.get("watched"), stamp["sums"]
    if not isinstance(then_watched, dict) or len(then_watched) != len(watched):
        return
    pairs = list(zip(then_watched.items(), watched, strict=True))
    if any(Path(old).name != path.name for (old, _), path in pairs):
        return
    now_watched: dict[str, Any] = {}
    now_sums = {META_FILE: sums[META_FILE]}
    for (old, then), path in pairs:
        st = _stat(path)
        if then != st and isinstance(then, list) and st is not None and then[:2] == st[:2]:
            if sums.get(old) == file_sum(path):
                stats[json.dumps(then)] = st
                then = st
        now_watched[str(path)] = then
        if old in sums:
            now_sums[str(path)] = sums[old]
    stamp["watched"], stamp["sums"] = now_watched, now_sums


def _rekey_derived(
    index_dir: Path, stats: dict[str, list[int]], moved: dict[str, tuple[list[int], list[int]]]
) -> None:
    """The keys of the files kept beside the index, made again with the new stats."""
    meta_then, meta_now = moved[META_FILE]
    derived.update_entries(index_dir, meta_then, meta_now, (), ())
    head_path = index_dir / derived.HEAD_NAME
    head = read_keyed(head_path, ["head", HEAD_FORMAT, meta_then])
    if head is not None:
        write_keyed(head_path, ["head", HEAD_FORMAT, meta_now], head)
    config_path = index_dir / derived.CONFIG_NAME
    _rekey_file(config_path, lambda key: _replaced(key, stats))
    tocs = {
        int(name[len(_TOC) : -len(".toc")]): (then, st)
        for name, (then, st) in moved.items()
        if name.startswith(_TOC) and name.endswith(".toc") and name[len(_TOC) : -4].isdigit()
    }
    names = [*_TOC_KEYED, *(p.name for p in index_dir.glob(derived.FACETS_NAME.format("*")))]
    for name in names:
        _rekey_file(index_dir / name, lambda key: _toc_rekeyed(key, tocs))


def _replaced(value: Any, stats: dict[str, list[int]]) -> Any:
    """``value`` with every stat of ``stats`` (by its JSON) replaced by the new one."""
    if isinstance(value, list):
        new = stats.get(json.dumps(value))
        return new if new is not None else [_replaced(v, stats) for v in value]
    if isinstance(value, dict):
        return {k: _replaced(v, stats) for k, v in value.items()}
    return value


def _toc_rekeyed(key: Any, tocs: dict[int, tuple[list[int], list[int]]]) -> Any:
    """A key that begins with a table of contents' (generation, inode, time): with the
    copy's inode number when that table of contents moved."""
    if not isinstance(key, list) or len(key) < 3 or not isinstance(key[0], int):
        return key
    moved = tocs.get(key[0])
    if moved is None or key[1:3] != [moved[0][2], moved[0][1]]:
        return key
    return [key[0], moved[1][2], *key[2:]]


def _rekey_file(path: Path, rekey: Any) -> None:
    """Write ``path`` (a :func:`write_keyed` file) again under the key ``rekey`` makes of
    its key, when that differs (not at all when it cannot be read)."""
    data = read_json(path)
    if not isinstance(data, dict) or data.get("version") != VERSION or "key" not in data:
        return
    key = rekey(data["key"])
    if key != data["key"]:
        write_keyed(path, key, data.get("value"))
