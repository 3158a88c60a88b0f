"""An index folder's files as Whoosh's public storage API opens them: private, and locked.

:class:`PrivateStorage` is Whoosh's ``FileStorage`` (documented for users to
subclass) making every file 0600 and every temporary folder 0700;
:func:`folder_lock` is the folder's write lock. The one thing of Whoosh's
internals a file needs, the ``StructFile`` it is handed out as, comes from
:mod:`tui.index.segment`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from tui.index import whoosh_imports  # noqa: F401 - first: Whoosh without two modules it never uses

# isort: split
from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage, ReadOnlyError
from whoosh.index import FileIndex

from tui.index.schema import INDEX_NAME, make_schema
from tui.index.segment import struct_file


class PrivateStorage(FileStorage):
    """Whoosh's file storage, making files that only their owner can read (0600).

    The index holds the full text of every article: for a private corpus it must
    not be readable by other users of the machine, whatever their umask.
    """

    def create_file(self, name: str, excl: bool = False, mode: str = "wb", **kwargs: Any) -> Any:
        if self.readonly:
            raise ReadOnlyError
        access = os.O_RDWR if excl or "+" in mode else os.O_WRONLY
        flags = os.O_CREAT | access | (os.O_EXCL if excl else os.O_TRUNC)
        path = os.path.abspath(os.path.join(self.folder, name))  # noqa: PTH100, PTH118
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0), 0o600)
        return struct_file(os.fdopen(fd, mode), name, **kwargs)

    def temp_storage(self, name: str | None = None) -> Any:
        """Whoosh's writer sorts postings in a folder of its own: 0700, files 0600.

        Made here rather than by Whoosh's ``FileStorage.create``, which keeps the
        error of a folder that exists in a local variable of its frame: a reference
        cycle through every frame below it. A segment's per-document writer always
        asks for ``<index>.tmp``, there after the first segment, and the cycle held
        the segment's builder with its writers; a build's worker runs without the
        cyclic collector, so each of its segments kept the last one's alive."""
        path = os.path.join(self.folder, name or f"{os.urandom(8).hex()}.tmp")
        os.makedirs(path, mode=0o700, exist_ok=True)
        os.chmod(path, 0o700)
        return PrivateStorage(path)


def folder_lock(path: Path) -> Any:
    """Whoosh's write lock on an index folder, not yet taken (the index may be unreadable)."""
    return FileStorage(str(path)).lock(f"{INDEX_NAME}_WRITELOCK")


def open_index(path: Path | str) -> Any:
    """The Whoosh index in ``path`` (its newest table of contents), files made 0600
    (:func:`tui.index.folder.open_index`)."""
    return FileIndex(PrivateStorage(str(path)), indexname=INDEX_NAME)


def create_index(path: Path | str) -> Any:
    """A new, empty Whoosh index in ``path`` (:func:`tui.index.folder.create_index`)."""
    return FileIndex.create(PrivateStorage(str(path)), make_schema(), INDEX_NAME)


def open_plain(path: Path | str) -> Any:
    """The Whoosh index in ``path`` opened with Whoosh's own storage, to read it only."""
    return whoosh_index.open_dir(str(path), indexname=INDEX_NAME)
