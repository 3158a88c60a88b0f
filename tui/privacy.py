"""Files Dossier keeps for the user are theirs alone: folders 0700, files 0600.

The index holds the full text of every article and the bookmarks database the
user's notes; for a private corpus neither may be readable by other users of
the machine, whatever the umask. Every writer of the data folder makes its
folders with :func:`private_dir` and its files with :func:`write_private` (or
opens them with mode 0600 itself, as the index and the database do).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600


def private_dir(path: Path) -> Path:
    """Make ``path`` and any missing parents, each new one 0700 (existing ones are left).

    ``os.makedirs`` gives only the last folder the mode; the parents it makes get
    the umask's default, which is what a private data folder must not have.
    """
    path = Path(path)
    missing = []
    here = path
    while not here.exists():
        missing.append(here)
        if here.parent == here:
            break
        here = here.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=DIR_MODE)
        except FileExistsError:
            continue
        os.chmod(folder, DIR_MODE)  # the umask may have taken bits from the mode
    if not path.is_dir():
        raise NotADirectoryError(f"not a folder: {path}")
    return path


def temp_beside(path: Path) -> Path:
    """A temporary name beside ``path`` that no other writer of it uses at the same
    time: another process (the pid) or another thread of this one (its id). Two
    threads writing one file under one temporary name wrote into each other's copy
    and one rename found it gone."""
    return path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (a temporary file renamed over it), 0600.
    A failed write leaves no temporary file."""
    path = Path(path)
    private_dir(path.parent)
    tmp = temp_beside(path)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, FILE_MODE)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
