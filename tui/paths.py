"""Where Dossier keeps its files.

Every helper here only computes paths: none of them creates a folder. Callers
that write create what they need, at the moment they write.

Overrides, strongest first:

* explicit arguments (the CLI's ``--data-dir`` / ``--index-dir`` flags);
* ``DOSSIER_INDEX_DIR`` (the index of the corpus being opened);
* ``DOSSIER_DATA_DIR`` and ``DOSSIER_CONFIG_DIR``;
* ``DOSSIER_HOME``: one folder holding ``data/`` and ``config/`` (tests use it);
* the platform's user data and config dirs, from ``platformdirs``.

The search servers' sockets (:func:`server_socket`) live in the user's runtime dir
(``DOSSIER_RUNTIME_DIR``, else ``$DOSSIER_HOME/run``, else ``platformdirs``' runtime
dir when the system has one, else a private folder in ``/tmp``).

This module is imported by every ``dossier search``, the quick path through a
running server included: it imports ``platformdirs`` only when a folder is asked for.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable
from pathlib import Path

APP_NAME = "dossier"

ENV_HOME = "DOSSIER_HOME"
ENV_DATA = "DOSSIER_DATA_DIR"
ENV_CONFIG = "DOSSIER_CONFIG_DIR"
ENV_INDEX = "DOSSIER_INDEX_DIR"
ENV_RUNTIME = "DOSSIER_RUNTIME_DIR"
#: A Unix socket's path is at most 104-108 bytes, depending on the system.
SOCKET_PATH_MAX = 100


def _env_path(name: str) -> Path | None:
    value = os.environ.get(name, "").strip()
    return Path(value).expanduser() if value else None


def _user_dir(env: str, under_home: str, platform_dir: str) -> Path:
    """``$env``, else ``$DOSSIER_HOME/under_home``, else the platform's folder
    (``platformdirs``' function named ``platform_dir``)."""
    if (path := _env_path(env)) is not None:
        return path
    if (home := _env_path(ENV_HOME)) is not None:
        return home / under_home
    import platformdirs

    where: Callable[..., str] = getattr(platformdirs, platform_dir)
    return Path(where(APP_NAME, appauthor=False))


def working_folder() -> Path:
    """The current folder, where a file name alone is written (an export); the home
    folder when the current one was removed since (``Path.cwd()`` raises then)."""
    try:
        return Path.cwd()
    except OSError:
        return Path.home()


def data_dir() -> Path:
    """The folder under which every corpus gets its index and bookmarks."""
    return _user_dir(ENV_DATA, "data", "user_data_dir")


def config_dir() -> Path:
    """The folder of the user's own config files (``config.yaml``, ``entities.yaml``, ...)."""
    return _user_dir(ENV_CONFIG, "config", "user_config_dir")


def runtime_dir() -> Path:
    """The folder of the search servers' sockets (see the module's docstring)."""
    if (path := _env_path(ENV_RUNTIME)) is not None:
        return path
    if (home := _env_path(ENV_HOME)) is not None:
        return home / "run"
    if sys.platform == "darwin" or os.environ.get("XDG_RUNTIME_DIR", "").strip():
        import platformdirs

        return Path(platformdirs.user_runtime_dir(APP_NAME, appauthor=False))
    return _tmp_runtime_dir()


def _tmp_runtime_dir() -> Path:
    # Without a runtime dir (a container, a cron job), a folder of the user's own in
    # /tmp; whoever makes it makes it 0700, and a client trusts it only when it is.
    tmp = os.environ.get("TMPDIR", "").strip() or "/tmp"
    return Path(tmp) / f"{APP_NAME}-{os.getuid() if hasattr(os, 'getuid') else 0}"


def server_socket(index: Path) -> Path:
    """The Unix socket of the search server of the index folder ``index`` (one server
    per index, so one per corpus and per ``--index-dir``/``--data-dir`` override).

    A runtime dir too deep for a socket's path (a deep ``DOSSIER_HOME``) gives way to
    the folder in ``/tmp``; the name still tells one index from another."""
    absolute = os.path.abspath(os.path.expanduser(index))
    key = hashlib.sha1(os.fsencode(absolute)).hexdigest()[:16]
    path = runtime_dir() / f"search-{key}.sock"
    if len(os.fsencode(path)) > SOCKET_PATH_MAX:
        path = _tmp_runtime_dir() / path.name
    return path


def _bundled(installed: str, in_repo: str) -> Path:
    # An installed wheel has the folder inside the package; a source checkout
    # (and an editable install) has it at the top of the repository.
    package = Path(__file__).resolve().parent
    inside = package / installed
    return inside if inside.is_dir() else package.parent / in_repo


def defaults_dir() -> Path:
    """The YAML defaults shipped with Dossier (``config/`` in the repository)."""
    return _bundled("defaults", "config")


def user_config_file() -> Path:
    """The user's ``config.yaml`` (``DOSSIER_CONFIG_FILE`` names another file to read)."""
    override = os.environ.get("DOSSIER_CONFIG_FILE", "").strip()
    return Path(override).expanduser() if override else config_dir() / "config.yaml"


def settings_files() -> list[Path]:
    """The files the settings are read from, in order (:func:`tui.settings.load_settings`):
    the shipped defaults, then the user's config."""
    return [defaults_dir() / "dossier.yaml", user_config_file()]


def seeds_dir() -> Path:
    """The bundled corpus (``seeds/`` in the repository)."""
    return _bundled("seeds", "seeds")


def corpus_key(corpus: Path) -> str:
    """A folder name that is stable for one corpus folder and distinct between folders."""
    resolved = Path(corpus).expanduser().resolve()
    digest = hashlib.sha1(str(resolved).encode("utf-8", "surrogateescape")).hexdigest()[:10]
    name = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in resolved.name) or "root"
    return f"{name[:40]}-{digest}"


class CorpusPaths:
    """Every file Dossier keeps for one corpus folder (read-only, compared by value).

    A plain class, not a dataclass: ``dataclasses`` imports ``inspect``, which a search
    through a running server would pay for on every run."""

    FIELDS = ("corpus", "data", "index", "bookmarks", "config", "extracts")
    __slots__ = FIELDS

    corpus: Path
    data: Path
    index: Path
    bookmarks: Path
    config: Path
    #: The cache of extracted web pages (tui.formats.cache), beside the index.
    extracts: Path

    def __init__(
        self, corpus: Path, data: Path, index: Path, bookmarks: Path, config: Path, extracts: Path
    ) -> None:
        values = (corpus, data, index, bookmarks, config, extracts)
        for name, value in zip(self.FIELDS, values, strict=True):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"CorpusPaths is read-only: cannot set {name}")

    def _values(self) -> tuple[Path, ...]:
        return tuple(getattr(self, name) for name in self.FIELDS)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CorpusPaths):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.FIELDS)
        return f"CorpusPaths({inner})"

    def __reduce__(self) -> tuple[type[CorpusPaths], tuple[Path, ...]]:
        return (CorpusPaths, self._values())  # to a worker process and back

    def as_dict(self) -> dict[str, str]:
        return {name: str(getattr(self, name)) for name in self.FIELDS}


def corpus_paths(
    corpus: Path,
    *,
    data: Path | None = None,
    index: Path | None = None,
) -> CorpusPaths:
    """Where the index and bookmarks of ``corpus`` live (nothing is created)."""
    corpus = Path(corpus).expanduser().resolve()
    base = (Path(data).expanduser() if data else data_dir()) / "corpora" / corpus_key(corpus)
    index_path = index or _env_path(ENV_INDEX) or base / "index"
    return CorpusPaths(
        corpus=corpus,
        data=base,
        index=Path(index_path).expanduser(),
        bookmarks=base / "bookmarks.sqlite3",
        config=config_dir(),
        extracts=base / "extracts.sqlite3",
    )


def index_command(paths: CorpusPaths) -> str:
    """The ``dossier index`` command, as a shell takes it, that reads the index of
    ``paths``: with ``--data-dir`` and ``--index-dir`` where they are not what the
    command finds by itself (else it would build another index elsewhere)."""
    import shlex  # (not on the search path)

    words = ["dossier", "index"]
    data = paths.data.parent.parent  # (its folder of corpora's: DATA/corpora/KEY)
    if paths.data != corpus_paths(paths.corpus).data:
        words += ["--data-dir", str(data)]
    if paths.index != corpus_paths(paths.corpus, data=data).index:
        words += ["--index-dir", str(paths.index)]
    words.append(str(paths.corpus))
    return shlex.join(words)
