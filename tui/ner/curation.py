"""The user's corrections to entities, kept in their ``entities.yaml``.

Three corrections, each written as the gazetteer reads it (user entries win
over the recogniser, so every article gets them at the next index update):

* :func:`merge_entities`: two names are one entity ("Blair" into "Tony
  Blair"): the second becomes an alias of the first;
* :func:`set_entity_type`: a name has another type ("Viacom" is an org);
* :func:`ignore_name`: a name is not an entity ("Real Estate").

The file is read, changed and written whole: other keys and entries are
kept (YAML comments are not: PyYAML does not keep them), and the new file
replaces the old one atomically (written beside it, then renamed), so that a
crash never leaves half a file. A file that cannot be read as a gazetteer is
left alone and the change refused (:class:`~tui.yamlfile.ConfigError`).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from tui.gazetteer import Gazetteer, _parse_gazetteer, fold
from tui.ner.types import NAME_TYPES, TYPE_ALIASES
from tui.yamlfile import ConfigError, load_yaml, read_mapping

#: How a message names each type.
TYPE_WORDS = {"person": "person", "place": "place", "org": "organisation"}

_HEADER = (
    "# Your entity corrections (Dossier reads this after its own list; your entries win).\n"
    "# entities: name, type (person | place | org), aliases; ignore: names that are no entity.\n"
)


def _load(path: Path) -> dict[str, Any]:
    data = read_mapping(path, "'entities' and 'ignore' lists") or {}
    try:
        _parse_gazetteer(data, Gazetteer(), str(path))
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    data.setdefault("entities", [])
    data.setdefault("ignore", [])
    if data["entities"] is None:
        data["entities"] = []
    if data["ignore"] is None:
        data["ignore"] = []
    if isinstance(data["ignore"], str):
        data["ignore"] = [data["ignore"]]
    return data


def _save(path: Path, data: dict[str, Any]) -> None:
    text = _HEADER + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    _parse_gazetteer(load_yaml(text), Gazetteer(), str(path))  # what we write reads back
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".entities-", suffix=".yaml", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _type(value: str) -> str:
    typ = TYPE_ALIASES.get(value.strip().lower())
    if typ not in NAME_TYPES:
        raise ValueError(f"type must be person, place or org, not {value!r}")
    return typ


def _names(entry: dict[str, Any]) -> list[str]:
    aliases = entry.get("aliases") or []
    if isinstance(aliases, str):
        aliases = [aliases]
    return [entry["name"], *aliases]


def _find(entries: list[dict[str, Any]], name: str) -> dict[str, Any] | None:
    key = fold(name)
    for entry in entries:
        if any(fold(n) == key for n in _names(entry)):
            return entry
    return None


def _unignore(data: dict[str, Any], names: list[str]) -> None:
    keys = {fold(n) for n in names}
    data["ignore"] = [n for n in data["ignore"] if fold(n) not in keys]


def set_entity_type(path: Path, name: str, type_: str) -> None:
    """Make ``name`` (and its aliases, if the file has an entry for it) of type ``type_``."""
    typ = _type(type_)
    data = _load(path)
    entry = _find(data["entities"], name)
    if entry is None:
        entry = {"name": name.strip(), "type": typ}
        data["entities"].append(entry)
    entry["type"] = typ
    _unignore(data, _names(entry))
    _save(path, data)


def merge_entities(path: Path, into: str, other: str, type_: str) -> None:
    """Make ``other`` the same entity as ``into`` (of type ``type_``): ``other``
    and its aliases become aliases of ``into``'s entry."""
    typ = _type(type_)
    if fold(into) == fold(other):
        raise ValueError("an entity cannot be merged with itself")
    data = _load(path)
    entries: list[dict[str, Any]] = data["entities"]
    target = _find(entries, into)
    if target is None:
        target = {"name": into.strip(), "type": typ}
        entries.append(target)
    source = _find(entries, other)
    moved = [other.strip()]
    if source is not None and source is not target:
        moved = _names(source)
        entries.remove(source)
    aliases = [a for a in _names(target)[1:]]
    known = {fold(n) for n in _names(target)}
    for name in moved:
        if fold(name) not in known:
            aliases.append(name)
            known.add(fold(name))
    target["type"] = typ
    if aliases:
        target["aliases"] = aliases
    _unignore(data, _names(target))
    _save(path, data)


def ignore_name(path: Path, name: str) -> None:
    """Never report ``name`` as an entity (an entry for it, if any, is removed)."""
    data = _load(path)
    entries: list[dict[str, Any]] = data["entities"]
    key = fold(name)
    for entry in list(entries):
        names = _names(entry)
        if fold(entry["name"]) == key:
            entries.remove(entry)
        elif any(fold(n) == key for n in names[1:]):
            entry["aliases"] = [a for a in names[1:] if fold(a) != key]
    if key not in {fold(n) for n in data["ignore"]}:
        data["ignore"].append(name.strip())
    _save(path, data)
