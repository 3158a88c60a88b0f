"""Where Dossier keeps its files.

Every helper here only computes paths: none of them creates a folder. Callers
that write create what they need, at the moment they write.

Overrides, strongest first:

* explicit arguments (the CLI's ``--data-dir`` / ``--index-dir`` flags);
* ``DOSSIER_INDEX_DIR`` (the index of the corpus being opened);
* ``DOSSIER_DATA_DIR`` and ``DOSSIER_CONFIG_DIR``;
* ``DOSSIER_HOME``: one folder holding ``data/`` and ``config/`` (tests use it);
* the platform's user data and config dirs, from ``platformdirs``.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "dossier"

ENV_HOME = "DOSSIER_HOME"
ENV_DATA = "DOSSIER_DATA_DIR"
ENV_CONFIG = "DOSSIER_CONFIG_DIR"
ENV_INDEX = "DOSSIER_INDEX_DIR"


def _env_path(name: str) -> Path | None:
    value = os.environ.get(name, "").strip()
    return Path(value).expanduser() if value else None


def _user_dir(env: str, under_home: str, platform_dir: Callable[..., str]) -> Path:
    """``$env``, else ``$DOSSIER_HOME/under_home``, else the platform's folder."""
    if (path := _env_path(env)) is not None:
        return path
    if (home := _env_path(ENV_HOME)) is not None:
        return home / under_home
    return Path(platform_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    """The folder under which every corpus gets its index and bookmarks."""
    return _user_dir(ENV_DATA, "data", platformdirs.user_data_dir)


def config_dir() -> Path:
    """The folder of the user's own config files (``config.yaml``, ``entities.yaml``, ...)."""
    return _user_dir(ENV_CONFIG, "config", platformdirs.user_config_dir)


def _bundled(installed: str, in_repo: str) -> Path:
    # An installed wheel has the folder inside the package; a source checkout
    # (and an editable install) has it at the top of the repository.
    package = Path(__file__).resolve().parent
    inside = package / installed
    return inside if inside.is_dir() else package.parent / in_repo


def defaults_dir() -> Path:
    """The YAML defaults shipped with Dossier (``config/`` in the repository)."""
    return _bundled("defaults", "config")


def seeds_dir() -> Path:
    """The bundled corpus (``seeds/`` in the repository)."""
    return _bundled("seeds", "seeds")


def corpus_key(corpus: Path) -> str:
    """A folder name that is stable for one corpus folder and distinct between folders."""
    resolved = Path(corpus).expanduser().resolve()
    digest = hashlib.sha1(str(resolved).encode("utf-8", "surrogateescape")).hexdigest()[:10]
    name = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in resolved.name) or "root"
    return f"{name[:40]}-{digest}"


@dataclass(frozen=True)
class CorpusPaths:
    """Every file Dossier keeps for one corpus folder."""

    corpus: Path
    data: Path
    index: Path
    bookmarks: Path
    config: Path
    #: The cache of extracted web pages (tui.formats.cache), beside the index.
    extracts: Path

    def as_dict(self) -> dict[str, str]:
        return {
            "corpus": str(self.corpus),
            "data": str(self.data),
            "index": str(self.index),
            "bookmarks": str(self.bookmarks),
            "config": str(self.config),
            "extracts": str(self.extracts),
        }


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
