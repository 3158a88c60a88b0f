"""The user's corrections to entities, kept in their ``entities.yaml``.

Three corrections, each written as the gazetteer reads it (user entries win
over the recogniser, so every article gets them at the next index update):

* :func:`merge_entities`: two names are one entity ("Blair" into "Tony
  Blair"): the second becomes an alias of the first;
* :func:`set_entity_type`: a name has another type ("Viacom" is an org);
* :func:`ignore_name`: a name is not an entity ("Real Estate").

Each returns the :class:`Change` it made, which :func:`undo` takes back.

The file is read, changed and written, under a lock beside it (two copies of
the app, or the app and a command, never lose each other's change). Only the
entries that changed are written (:func:`tui.yamledit.splice_lists`): the
user's comments, blank lines, other keys and indentation stay as they were (a
layout that cannot be edited in place is written whole, comments lost). The new
file replaces the old one atomically (written beside it, then renamed), so that
a crash never leaves half a file. A file that cannot be
read as a gazetteer is left alone and the change refused
(:class:`~tui.yamlfile.ConfigError`).

An undo takes back only what its correction changed, from the file as it is
now: a correction made since, by this copy of the app or another, stays. When
the entries it would restore were changed since, it is refused
(:class:`UndoConflict`) rather than losing that change.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tui.gazetteer import Gazetteer, _parse_gazetteer, fold
from tui.ner.types import NAME_TYPES, TYPE_ALIASES
from tui.yamledit import splice_lists
from tui.yamlfile import ConfigError, edit_lock, load_yaml, read_mapping_text, replace_text

#: How a message names each type.
TYPE_WORDS = {"person": "person", "place": "place", "org": "organisation"}

_HEADER = (
    "# Your entity corrections (Dossier reads this after its own list; your entries win).\n"
    "# entities: name, type (person | place | org), aliases; ignore: names that are no entity.\n"
)


class UndoConflict(ValueError):
    """The entries an undo would restore were changed since its correction."""


@dataclass(frozen=True)
class Change:
    """What one correction changed in the file: ``said`` says it ("Viacom is an
    organisation"); the entries it took out and put in; the names it stopped and
    started ignoring. Plain data (entries as the file holds them)."""

    said: str
    removed: tuple[dict[str, Any], ...] = ()
    added: tuple[dict[str, Any], ...] = ()
    unignored: tuple[str, ...] = ()
    ignored: tuple[str, ...] = ()


def _diff(said: str, before: dict[str, Any], after: dict[str, Any]) -> Change:
    old, new = before["entities"], after["entities"]
    old_ignored = {fold(n) for n in before["ignore"]}
    new_ignored = {fold(n) for n in after["ignore"]}
    return Change(
        said,
        removed=tuple(copy.deepcopy(e) for e in old if e not in new),
        added=tuple(copy.deepcopy(e) for e in new if e not in old),
        unignored=tuple(n for n in before["ignore"] if fold(n) not in new_ignored),
        ignored=tuple(n for n in after["ignore"] if fold(n) not in old_ignored),
    )


def _edit(path: Path, said: str, change: Callable[[dict[str, Any]], None]) -> Change:
    """Read the file, ``change`` its data, write it: under the lock, one edit at a time."""
    with edit_lock(path):
        text, data = _load(path)
        before = copy.deepcopy(data)
        change(data)
        _save(path, text, before, data)
    return _diff(said, before, data)


def undo(path: Path, change: Change) -> None:
    """Take back ``change`` from the file as it is now: the entries it put in are taken
    out and those it took out put back (where the first of its own was), the names it
    ignored are no longer ignored and those it stopped ignoring are again.

    Raises :class:`UndoConflict` when an entry it put in is no longer in the file as it
    wrote it, or a name it would put back is another entry's now (a correction made
    since, here or in another copy of the app): the file is left as it is."""

    def take_back(data: dict[str, Any]) -> None:
        entries: list[dict[str, Any]] = data["entities"]
        at = len(entries)
        for entry in change.added:
            if entry not in entries:
                raise UndoConflict(_again(entry.get("name"), path))
            i = entries.index(entry)
            at = min(at, i)
            del entries[i]
        for entry in change.removed:
            for name in _names(entry):
                if _find(entries, name) is not None:
                    raise UndoConflict(_again(name, path))
        entries[at:at] = [copy.deepcopy(e) for e in change.removed]
        gone = {fold(n) for n in change.ignored}
        data["ignore"] = [n for n in data["ignore"] if fold(n) not in gone]
        have = {fold(n) for n in data["ignore"]}
        data["ignore"] += [n for n in change.unignored if fold(n) not in have]

    _edit(path, change.said, take_back)


def _again(name: object, path: Path) -> str:
    return f"{name} was corrected again since (edit {path.name} by hand: dossier paths says where)"


def _load(path: Path) -> tuple[str, dict[str, Any]]:
    """The file's text ("" when there is none) and its data, the lists made lists."""
    text, data = read_mapping_text(path, "'entities' and 'ignore' lists")
    data = data or {}
    try:
        _parse_gazetteer(data, Gazetteer(), str(path))
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    return text or "", _lists(data)


def _lists(data: dict[str, Any]) -> dict[str, Any]:
    data.setdefault("entities", [])
    data.setdefault("ignore", [])
    if data["entities"] is None:
        data["entities"] = []
    if data["ignore"] is None:
        data["ignore"] = []
    if isinstance(data["ignore"], str):
        data["ignore"] = [data["ignore"]]
    return data


def _save(path: Path, text: str, before: dict[str, Any], after: dict[str, Any]) -> None:
    """Write ``after`` over the file whose ``text`` gave ``before``: only the entries
    that changed when the text can be edited in place, else the whole file."""

    def reads_back(new: str) -> bool:
        data = load_yaml(new)
        return isinstance(data, dict) and _lists(data) == after

    keys = ("entities", "ignore")
    spliced = None
    if text.strip():
        spliced = splice_lists(
            text, {k: before[k] for k in keys}, {k: after[k] for k in keys}, reads_back
        )
    new = (
        spliced
        if spliced is not None
        else _HEADER + yaml.safe_dump(after, sort_keys=False, allow_unicode=True)
    )
    _parse_gazetteer(load_yaml(new), Gazetteer(), str(path))  # what we write reads back
    replace_text(path, new)


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


def set_entity_type(path: Path, name: str, type_: str) -> Change:
    """Make ``name`` (and its aliases, if the file has an entry for it) of type ``type_``."""
    typ = _type(type_)

    def change(data: dict[str, Any]) -> None:
        entry = _find(data["entities"], name)
        if entry is None:
            entry = {"name": name.strip(), "type": typ}
            data["entities"].append(entry)
        entry["type"] = typ
        _unignore(data, _names(entry))

    return _edit(path, f"{name.strip()} is {_a(TYPE_WORDS[typ])}", change)


def merge_entities(path: Path, into: str, other: str, type_: str) -> Change:
    """Make ``other`` the same entity as ``into`` (of type ``type_``): ``other``
    and its aliases become aliases of ``into``'s entry."""
    typ = _type(type_)
    if fold(into) == fold(other):
        raise ValueError("an entity cannot be merged with itself")

    def change(data: dict[str, Any]) -> None:
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

    return _edit(path, f"{other.strip()} is {into.strip()}", change)


def ignore_name(path: Path, name: str) -> Change:
    """Never report ``name`` as an entity (an entry for it, if any, is removed)."""
    key = fold(name)

    def change(data: dict[str, Any]) -> None:
        entries: list[dict[str, Any]] = data["entities"]
        for entry in list(entries):
            names = _names(entry)
            if fold(entry["name"]) == key:
                entries.remove(entry)
            elif any(fold(n) == key for n in names[1:]):
                entry["aliases"] = [a for a in names[1:] if fold(a) != key]
        if key not in {fold(n) for n in data["ignore"]}:
            data["ignore"].append(name.strip())

    return _edit(path, f"{name.strip()} is no entity", change)


def _a(word: str) -> str:
    """``word`` with its article: "a place", "an organisation"."""
    return f"{'an' if word[0] in 'aeiou' else 'a'} {word}"
