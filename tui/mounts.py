"""Which mounted filesystems keep a folder's status-change time (``ctime``) as the time
of its last change, for :func:`tui.listing.files_unchanged`: a folder whose ``ctime``
is older than the last scan holds the entries the scan listed only where it is. The
same filesystems keep a file's inode number and ``ctime`` as its own, which its
:func:`change_mark` is made of (another file put in its place changes it).

A folder's filesystem is that of the mount it is under (the longest mount point that
holds its real path, in ``/proc/self/mountinfo``), not the one its device number names:
btrfs gives each subvolume a device number of its own, which the mount table does not
show. The table is read again at each check: a stick mounted meanwhile is seen.

Light on purpose (``os`` only): ``dossier index`` on an unchanged folder reads it.
"""

from __future__ import annotations

import os
import sys
import time

#: Filesystems whose folders' ``ctime`` is set by the kernel whenever an entry is added,
#: removed or renamed, kept on disk, and cannot be set back. Not FAT (vfat keeps one time
#: for both, the ``mtime``: set back with it by rsync or tar; 0 at the root after each
#: mount), exFAT, FUSE (sshfs: the ``mtime``), network filesystems (another machine's
#: clock): their folders are listed again. Their inode numbers are no better: made up
#: at each mount (FAT), by the FUSE daemon (unless it passes them through), another
#: machine's.
_CTIME_KEPT = frozenset(
    "ext2 ext3 ext4 xfs btrfs f2fs zfs bcachefs jfs reiserfs nilfs2 tmpfs ramfs overlay".split()
)


def _unescaped(field: str) -> str:
    """A path of the mount table, whose space, tab, newline and backslash are written
    as octal escapes ("my\\040disk")."""
    if "\\" not in field:
        return field
    out, i = [], 0
    while i < len(field):
        code = field[i + 1 : i + 4]
        if field[i] == "\\" and len(code) == 3 and all("0" <= c <= "7" for c in code):
            out.append(chr(int(code, 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def mount_points(mountinfo: str) -> list[tuple[str, str]]:
    """``(mount point, filesystem type)`` of each mount of ``mountinfo`` (the text of
    ``/proc/self/mountinfo``) that is seen (the last one mounted on a point hides the
    others), the longest first."""
    points: dict[str, str] = {}
    for line in mountinfo.splitlines():
        fields = line.split(" ")
        try:
            points[_unescaped(fields[4])] = fields[fields.index("-", 6) + 1]
        except (ValueError, IndexError):
            continue
    return sorted(points.items(), key=lambda point: len(point[0]), reverse=True)


def filesystem_of(path: str, points: list[tuple[str, str]]) -> str | None:
    """The type of the filesystem that holds ``path`` (a real path), from
    :func:`mount_points`."""
    for point, kind in points:
        if path == point or path.startswith(point if point.endswith("/") else point + "/"):
            return kind
    return None


#: :func:`change_mark` mixes the inode number into the status-change time with this
#: (odd: two inodes differ after it) and keeps 63 bits (a signed 64-bit array holds it).
_MIX = 0x9E3779B97F4A7C15
_MASK = (1 << 63) - 1


#: Linux's ``CLOCK_REALTIME_COARSE``: the clock the kernel dates a change with (at its
#: tick; the finer clock only for a file whose time was looked at since its last change).
_COARSE = getattr(time, "CLOCK_REALTIME_COARSE", 5)


def scan_started() -> int:
    """The time (ns) a scan starts at, as the kernel dates a change: its coarse clock,
    which a file's ``ctime`` comes from (Linux; without it, the time a second back).
    Elsewhere no change mark is kept (:class:`ChangeTimes` reads Linux's mount table):
    a time no ``ctime`` reaches, so that no file is unsettled and no scan waits."""
    if sys.platform != "linux":
        return NEVER
    try:
        return time.clock_gettime_ns(_COARSE)
    except OSError:
        return time.time_ns() - 1_000_000_000


#: :func:`scan_started` where change marks are not kept: later than any ``ctime``.
NEVER = 1 << 62


def tick_end(ctime: int) -> int:
    """When the tick of the clock a ``ctime`` is dated in is over (ns): a filesystem
    that dates to the second (ext3's small inodes) or the microsecond has ticks that
    long (a ``ctime`` of a whole second, of a whole microsecond), the kernel's coarse
    clock its own (a nanosecond past the ``ctime`` is where a scan that began later
    than it stands)."""
    grain = 1_000_000_000
    while grain > 1 and ctime % grain:
        grain //= 1000
    return ctime + grain


def scan_mark(st: os.stat_result, started: int) -> int:
    """The file's :func:`change_mark`, as a scan begun at ``started``
    (:func:`scan_started`) gives it: below 0 (:func:`settled` gives the mark) while
    its ``ctime`` may be that of a change in a tick not yet over.

    A change after the scan looked at a file dates it at the tick's time: a file
    changed in the tick the scan began in (or later) and written over again within
    that tick, its time set back (``cp -p``, ``rsync -t``), keeps its ``ctime``,
    inode, size and time: nothing a ``stat`` shows tells the second change, only its
    content. So the scan waits for that tick to be over (:func:`wait_past`) and the
    update compares the content of such a file (its mark is another than the
    listing's) after it: what it reads then has every change of the tick."""
    ctime = st.st_ctime_ns
    mark = (ctime ^ st.st_ino * _MIX) & _MASK
    if ctime >= started - 1_000_000_000 and tick_end(ctime) > started:  # (rare: recent)
        return -1 - mark
    return mark


def settled(mark: int) -> int:
    """The change mark of :func:`scan_mark`'s answer, unsettled or not."""
    return mark if mark >= 0 else -1 - mark


def wait_past(moment: int, longest: float = 1.1) -> None:
    """Wait until the scan's clock (:func:`scan_started`) is past ``moment`` (ns), for
    ``longest`` seconds at most: the end of a tick, a few milliseconds away."""
    deadline = time.monotonic() + longest
    while scan_started() < moment and time.monotonic() < deadline:
        time.sleep(0.001)


def change_mark(st: os.stat_result) -> int:
    """One number of a file's inode and status-change time (``ctime``): a file put in
    another's place (``mv``, ``rsync``'s rename) has another inode, and a file
    rewritten (``cp -p``: its time set back after) another ``ctime``, which cannot be
    set back, whatever their sizes and times. A ``chmod`` changes it too (the caller
    then compares the content). Where inode numbers or ``ctime`` are not kept
    (:meth:`ChangeTimes.kept` is False) the caller does not compare it."""
    return (st.st_ctime_ns ^ st.st_ino * _MIX) & _MASK


class ChangeTimes:
    """Whether a folder's ``ctime`` is the time of its last change, by its filesystem
    (worked out once a device number; none is, where the mount table cannot be read)."""

    def __init__(self) -> None:
        self._points: list[tuple[str, str]] | None = None
        self._kept: dict[int, bool] = {}

    def kept(self, folder: str, device: int) -> bool:
        known = self._kept.get(device)
        if known is None:
            if self._points is None:
                try:
                    with open(
                        "/proc/self/mountinfo", encoding="utf-8", errors="surrogateescape"
                    ) as f:
                        self._points = mount_points(f.read())
                except OSError:
                    self._points = []  # not Linux: every folder is listed
            kind = filesystem_of(os.path.realpath(folder), self._points)
            known = self._kept[device] = kind in _CTIME_KEPT
        return known
