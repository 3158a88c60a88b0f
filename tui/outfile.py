"""Writing a file the user named (an export): whole or not at all, and never over
something that is not a regular file.

The text goes to a temporary file of a unique name beside the target, is flushed
to disk, then takes the target's place in one rename. A symbolic link, a pipe or
a device named as the target is refused (a rename would replace the link or the
device node itself; writing through them would write elsewhere). An existing
file is replaced only when ``overwrite`` is given.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path


class OutputError(Exception):
    """The file cannot be written as asked; the message is one line for the user."""


def not_regular(path: str | Path) -> bool:
    """Whether ``path`` is there and is not a regular file (a link, a pipe, a device, a
    folder): :func:`write_output` refuses it, whatever its name says of a format."""
    try:
        return not stat.S_ISREG(os.lstat(Path(path).expanduser()).st_mode)
    except OSError:
        return False


def write_output(path: Path, text: str, *, overwrite: bool = False) -> Path:
    """Write ``text`` (UTF-8) to ``path``; returns the path written.

    :class:`OutputError` when ``path`` exists and ``overwrite`` is false, when it is not
    a regular file (a link, a pipe, a device, a folder), or when writing fails.
    """
    out = Path(path).expanduser()
    if not out.is_absolute():
        from tui.paths import working_folder

        out = working_folder() / out
    try:
        st = os.lstat(out)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise OutputError(f"cannot write {out}: {exc.strerror or exc}") from None
    if st is not None:
        if not stat.S_ISREG(st.st_mode):
            kind = (
                "a link"
                if stat.S_ISLNK(st.st_mode)
                else "a folder"
                if stat.S_ISDIR(st.st_mode)
                else "a pipe or a device"
            )
            raise OutputError(f"{out} is not a regular file ({kind}): give a file name")
        if not overwrite:
            raise OutputError(f"{out} exists: add --force to replace it, or give a new name")
    try:
        fd, tmp = new_temporary(out.parent, f".{out.name}.", ".tmp", 0o666)
    except OSError as exc:
        raise OutputError(f"cannot write {out}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if st is not None:
            os.chmod(tmp, stat.S_IMODE(st.st_mode))  # a replaced file keeps its mode
        if overwrite:
            os.replace(tmp, out)
        else:
            # Not over a file that appeared meanwhile: a hard link fails if the name is taken.
            try:
                os.link(tmp, out)
            except FileExistsError:
                raise OutputError(
                    f"{out} exists: add --force to replace it, or give a new name"
                ) from None
            except OSError:
                os.replace(tmp, out)  # a file system without hard links
    except OSError as exc:
        raise OutputError(f"cannot write {out}: {exc.strerror or exc}") from None
    finally:
        tmp.unlink(missing_ok=True)
    return out


def new_temporary(folder: Path, prefix: str, suffix: str, mode: int) -> tuple[int, Path]:
    """A new file of a unique name in ``folder``, open for writing, and its path. Its
    mode is ``mode`` less the umask, as the OS gives every file it makes: the umask is
    neither read (``/proc`` may be missing) nor set (``os.umask`` changes it, for a
    moment, for every thread)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(100):
        path = Path(folder) / f"{prefix}{secrets.token_hex(6)}{suffix}"
        try:
            return os.open(path, flags, mode), path
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(folder))
