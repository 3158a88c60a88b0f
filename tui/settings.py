"""Typed settings: shipped YAML defaults, then the user's ``config.yaml``, then env vars.

Environment overrides: ``DOSSIER_THEME``, ``DOSSIER_INDEX_WORKERS``,
``DOSSIER_CONFIG_FILE`` (read this file instead of the user's config.yaml).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui import paths
from tui.jsonfile import read_json
from tui.privacy import write_private
from tui.yamlfile import ConfigError, read_mapping

CONFIG_NAME = "config.yaml"


class SettingsError(ValueError):
    """A config file that cannot be used; the message is one line."""


@dataclass(frozen=True)
class Settings:
    theme: str = "textual-dark"
    index_workers: int = 0
    search_limit: int = 100
    search_debounce_ms: int = 150
    keymap: dict[str, str] = field(default_factory=dict)
    corpus_skip: tuple[str, ...] = ()  # file-name patterns of files that are not articles
    corpus_watch: bool = True  # the app picks up new and changed files while it runs
    sources: tuple[str, ...] = ()  # the files that were read, in order
    # Each file looked for (path, [size, mtime_ns, inode] or None) as it was before it
    # was read: the same again, the settings are these (tui.freshness.stamped_skip).
    read_as: tuple[tuple[str, list[int] | None], ...] = field(default=(), repr=False, compare=False)
    server_start: bool = True  # a search starts a search server for its corpus
    server_idle_minutes: int = 10  # the server leaves after this long without a search

    @property
    def workers(self) -> int:
        """Processes for a build: as asked, never more than the cores (0 or less: one a core).

        More processes than cores only share the same cores, each with its own
        copy of the entity tables in memory.
        """
        cores = max(1, os.cpu_count() or 1)
        return min(self.index_workers, cores) if self.index_workers > 0 else cores


def read_yaml(path: Path) -> dict[str, Any]:
    """A YAML mapping from ``path`` ({} when missing); :class:`SettingsError` when malformed."""
    try:
        return read_mapping(path) or {}
    except ConfigError as exc:
        raise SettingsError(str(exc)) from None


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def user_config_file() -> Path:
    return paths.user_config_file()


def _file_stat(path: Path) -> list[int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ino]


def _int(value: Any, name: str, source: str) -> int:
    """A whole number from YAML or the environment (``"4"`` too, not ``yes`` or ``1.5``)."""
    if isinstance(value, bool) or isinstance(value, (list, dict)) or value is None:
        number = None
    elif isinstance(value, float):
        number = int(value) if value.is_integer() else None
    else:
        try:
            number = int(str(value).strip())
        except ValueError:
            number = None
    if number is None:
        raise SettingsError(f"{source}: {name} must be a whole number, not {_shown(value)}")
    return number


def _shown(value: Any) -> str:
    """A value from a config file in a one-line message (short, one line)."""
    text = " ".join(repr(value).split())
    return text if len(text) <= 40 else text[:39] + "…"


def _section(data: dict[str, Any], name: str, source: str) -> dict[str, Any]:
    """A mapping section of the settings (``index:``, ``search:``); {} when absent."""
    value = data.get(name)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise SettingsError(
            f"{source}: {name} must be a mapping of settings (indented lines under "
            f"{name}:), not {_shown(value)}"
        )
    return value


def _keys(value: Any, binding_id: str, source: str) -> str:
    """A keymap value: "j,down" or a list of keys, as Textual's comma-separated string."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    if (
        isinstance(value, list)
        and value
        and all(isinstance(key, str) and key.strip() for key in value)
    ):
        return ",".join(key.strip() for key in value)
    raise SettingsError(
        f"{source}: keymap.{binding_id} must be a key or a list of keys, not {value!r}"
    )


def state_file() -> Path:
    """Where the app keeps what it remembers between runs (the last theme chosen)."""
    return paths.data_dir() / "state.json"


def remembered_theme() -> str | None:
    state = read_json(state_file())
    theme = state.get("theme") if isinstance(state, dict) else None
    return theme if isinstance(theme, str) and theme else None


def remember_theme(name: str) -> None:
    """Keep ``name`` as the theme to start with next time (unless the config names one)."""
    write_private(state_file(), json.dumps({"theme": name}))


def load_settings() -> Settings:
    files = paths.settings_files()
    read_as = tuple((str(path), _file_stat(path)) for path in files)
    data: dict[str, Any] = {}
    read = []
    user_theme = None
    for path in files:
        layer = read_yaml(path)
        if layer:
            read.append(str(path))
        if path == files[-1]:
            user_theme = layer.get("theme")
        data = _merge(data, layer)
    src = read[-1] if read else "settings"
    index = _section(data, "index", src)
    search = _section(data, "search", src)
    corpus = _section(data, "corpus", src)
    keymap = data.get("keymap") or {}
    if not isinstance(keymap, dict) or not all(isinstance(k, str) for k in keymap):
        raise SettingsError(f"{src}: keymap must map binding ids to keys")
    skip = corpus.get("skip") or []
    if not isinstance(skip, list) or not all(isinstance(p, str) for p in skip):
        raise SettingsError(f"{src}: corpus.skip must be a list of file-name patterns")
    watch = corpus.get("watch", True)
    if not isinstance(watch, bool):
        raise SettingsError(f"{src}: corpus.watch must be true or false, not {_shown(watch)}")
    server = _section(data, "server", src)
    start = server.get("start", True)
    if not isinstance(start, bool):
        raise SettingsError(f"{src}: server.start must be true or false, not {_shown(start)}")
    idle = _int(server.get("idle_minutes", 10), "server.idle_minutes", src)
    if idle < 1:
        raise SettingsError(
            f"{src}: server.idle_minutes must be 1 or more (server.start: false for no server)"
        )
    named = data.get("theme")
    if named is not None and not (isinstance(named, str) and named.strip()):
        raise SettingsError(f"{src}: theme must be the name of a theme, not {_shown(named)}")
    # The environment, then the user's config file, then the theme last chosen in the
    # app, then the shipped default.
    theme = (
        os.environ.get("DOSSIER_THEME")
        or user_theme
        or remembered_theme()
        or data.get("theme")
        or "textual-dark"
    )
    env_workers = os.environ.get("DOSSIER_INDEX_WORKERS", "").strip()
    workers = (
        _int(env_workers, "DOSSIER_INDEX_WORKERS", "environment")
        if env_workers
        else _int(index.get("workers", 0), "index.workers", src)
    )
    return Settings(
        theme=str(theme),
        index_workers=workers,
        search_limit=max(1, _int(search.get("limit", 100), "search.limit", src)),
        search_debounce_ms=max(0, _int(search.get("debounce_ms", 150), "search.debounce_ms", src)),
        keymap={str(k): _keys(v, str(k), src) for k, v in keymap.items()},
        corpus_skip=tuple(skip),
        corpus_watch=watch,
        sources=tuple(read),
        read_as=read_as,
        server_start=start,
        server_idle_minutes=idle,
    )
