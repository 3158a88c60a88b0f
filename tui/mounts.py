"""Which mounted filesystems keep a folder's status-change time (``ctime``) as the time
of its last change, for :func:`tui.freshness.files_unchanged`: a folder whose ``ctime``
is older than the last scan holds the entries the scan listed only where it is.

Light on purpose (``os`` only): ``dossier index`` on an unchanged folder reads it.
"""

from __future__ import annotations

import os
from functools import lru_cache

#: Filesystems whose folders' ``ctime`` is set by the kernel whenever an entry is added,
#: removed or renamed, kept on disk, and cannot be set back. Not FAT (vfat keeps one time
#: for both, the ``mtime``: set back with it by rsync or tar; 0 at the root after each
#: mount), exFAT, FUSE (sshfs: the ``mtime``), network filesystems (another machine's
#: clock): their folders are listed again.
_CTIME_KEPT = frozenset(
    "ext2 ext3 ext4 xfs btrfs f2fs zfs bcachefs jfs reiserfs nilfs2 tmpfs ramfs overlay".split()
)


def kept_ctime_devices(mountinfo: str) -> frozenset[int]:
    """The devices (``st_dev``) of the mounts in ``mountinfo`` (the text of
    ``/proc/self/mountinfo``) whose filesystem keeps its folders' ``ctime``."""
    out: set[int] = set()
    for line in mountinfo.splitlines():
        fields = line.split(" ")
        try:
            kind = fields[fields.index("-", 6) + 1]
            major, minor = fields[2].split(":")
            if kind in _CTIME_KEPT:
                out.add(os.makedev(int(major), int(minor)))
        except (ValueError, IndexError):
            continue
    return frozenset(out)


@lru_cache(maxsize=1)
def change_times_kept() -> frozenset[int]:
    """:func:`kept_ctime_devices` of this system's mounts; none where they cannot be
    read (not Linux): every folder is then listed again."""
    try:
        with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as f:
            return kept_ctime_devices(f.read())
    except OSError:
        return frozenset()
