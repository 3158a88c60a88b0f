"""Reading the YAML files users edit (settings, cleaning rules, entity gazetteer)."""

from __future__ import annotations

import contextlib
import os
import stat
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

#: A settings file is a few KB; anything this large is not one (and is not read).
MAX_CONFIG_BYTES = 1024 * 1024


class ConfigError(ValueError):
    """A config file that cannot be used; the message is one line naming the file."""


def read_mapping(path: Path, what: str = "settings") -> dict[str, Any] | None:
    """The mapping at the top of ``path``; ``None`` when the file does not exist.

    Unreadable files, invalid YAML and a top level that is not a mapping raise
    :class:`ConfigError` with one line: the file, the line number where YAML
    gives one, and what is wrong.
    """
    return read_mapping_text(path, what)[1]


def read_mapping_text(
    path: Path, what: str = "settings"
) -> tuple[str | None, dict[str, Any] | None]:
    """The text of ``path`` and the mapping it holds, as :func:`read_mapping` reads it
    (``(None, None)`` when the file does not exist): for an edit of the text itself."""
    try:
        text = _read_small_text(path)
    except FileNotFoundError:
        return None, None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: cannot read: not UTF-8 text") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = " ".join(str(getattr(exc, "problem", None) or "invalid YAML").split())
        at = f" at line {mark.line + 1}" if mark is not None else ""
        raise ConfigError(f"{path}: invalid YAML{at}: {problem}") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid YAML: nested too deeply") from None
    except (ValueError, TypeError, OverflowError) as exc:  # e.g. a date like 2016-02-30
        detail = " ".join(str(exc).split())[:80]
        raise ConfigError(f"{path}: invalid YAML: {detail}") from None
    if data is None:
        return text, {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of {what} at the top level")
    return text, data


def load_yaml(text: str) -> Any:
    """The value of the YAML document ``text``, as ``yaml.safe_load`` gives it.

    libyaml's loader (``yaml.CSafeLoader``) parses about ten times faster and
    gives the same values on a well-formed file, but its error messages differ:
    when it fails, the text is parsed again by PyYAML's own loader, so that what
    raises (and the line and problem a message quotes) is exactly what it was.
    Without libyaml, PyYAML's loader alone.
    """
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return yaml.load(text, Loader=fast)  # noqa: S506 - a safe loader
        except Exception:  # noqa: BLE001 - the pure loader says what is wrong
            pass
    return yaml.load(text, Loader=yaml.SafeLoader)  # noqa: S506 - a safe loader


def _read_small_text(path: Path) -> str:
    """The UTF-8 text of a regular file of at most :data:`MAX_CONFIG_BYTES`.

    A device or a pipe named as the config file (``/dev/zero``) would never end
    or block: it is refused before it is read, as is a file too large to be one.
    """
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        raise ConfigError(f"{path}: not a regular file")
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    with os.fdopen(fd, "rb") as handle:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise ConfigError(f"{path}: not a regular file")
        data = handle.read(MAX_CONFIG_BYTES + 1)
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(f"{path}: too large for a settings file (over 1 MB)")
    return data.decode("utf-8")


def replace_text(path: Path, text: str) -> None:
    """Write ``text`` over the user's file ``path`` as a whole, atomically (a temporary
    file beside it, flushed to disk, renamed over it; a failed write leaves the file as
    it was and no copy behind).

    The file is the user's, and may be a link into a folder of dotfiles: the link is
    followed and its target written, so the link stays a link. An existing file keeps
    its permissions; a new one is the user's alone (0600)."""
    target = Path(os.path.realpath(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = 0o600
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    with contextlib.suppress(OSError):  # the rename itself on disk (not on every system)
        folder = os.open(target.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


@contextlib.contextmanager
def edit_lock(path: Path) -> Iterator[None]:
    """An exclusive lock beside ``path`` (``.NAME.lock``) for the time of one edit: two
    copies of the app, or the app and a command, read, change and write the file one
    after the other, and neither loses the other's change (POSIX; no-op elsewhere)."""
    lock = path.with_name(f".{path.name}.lock")
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    lock.parent.mkdir(parents=True, exist_ok=True)
    with open(lock, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
