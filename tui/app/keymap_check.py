"""Checking the user's ``keymap:`` against the app's bindings before it is applied.

A misspelt key name ("ctlr+w") would bind nothing and leave the command
without a key; a key given to two commands in one pane would silently do only
one of them. Both are reported (as one-line settings problems), and a key that
is not a key is dropped, so that the command keeps its default key.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from textual.binding import Binding, BindingType
from textual.keys import KEY_ALIASES, Keys, _character_to_key

MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
#: The name of the pane whose keys work in every other pane too.
EVERYWHERE = "Everywhere"


@lru_cache(maxsize=1)
def _key_names() -> frozenset[str]:
    names = {k.value.split("+")[-1] for k in Keys if not k.value.startswith("<")}
    names |= {_character_to_key(chr(code)) for code in range(32, 127)}
    names |= {alias.split("+")[-1] for alias in KEY_ALIASES}
    return frozenset(names)


def bad_key(key: str) -> str | None:
    """Why ``key`` (one key, as in config.yaml) is not a key Textual knows, or None."""
    key = key.strip()
    if len(key) == 1:
        return None if key.isprintable() else "a control character"
    *modifiers, base = key.split("+")
    unknown = [m for m in modifiers if m not in MODIFIERS]
    if unknown:
        return f"{unknown[0]!r} is not a modifier (ctrl, shift, alt, meta)"
    if not (len(base) == 1 and base.isprintable()) and base not in _key_names():
        return "no key has that name (keys are e.g. w, R, ctrl+w, f5, escape, question_mark)"
    return None


def normal(key: str) -> str:
    """A key as Textual's bindings hold it ("?" is "question_mark")."""
    key = key.strip()
    return _character_to_key(key) if len(key) == 1 else key


def keymap_problems(
    keymap: dict[str, str], sections: Iterable[tuple[str, list[BindingType]]]
) -> tuple[list[str], dict[str, str]]:
    """The problems with ``keymap`` and the keymap to apply (keys that are not keys left out).

    ``sections`` are the panes' bindings, as the help screen lists them; the keys of
    the :data:`EVERYWHERE` section work in every pane, so a clash with one of them
    counts in every pane.
    """
    problems: list[str] = []
    usable: dict[str, str] = {}
    for binding_id, keys in keymap.items():
        good = []
        for key in keys.split(","):
            why = bad_key(key)
            if why is None:
                good.append(key.strip())
            else:
                problems.append(f"keymap.{binding_id}: {key.strip()!r} is not a key: {why}")
        if good:
            usable[binding_id] = ",".join(good)
    sections = [(name, list(bindings)) for name, bindings in sections]
    everywhere = [b for name, bs in sections if name == EVERYWHERE for b in bs]
    reported: set[tuple[str, frozenset[str]]] = set()
    for name, bindings in sections:
        scope = bindings if name == EVERYWHERE else [*everywhere, *bindings]
        users: dict[str, set[str]] = defaultdict(set)
        remapped_keys: set[str] = set()
        for binding in scope:
            if not isinstance(binding, Binding):
                continue
            label = binding.id or binding.description or binding.action
            remapped = binding.id is not None and binding.id in usable
            keys = usable[binding.id] if binding.id is not None and remapped else binding.key
            for key in keys.split(","):
                key = normal(key)
                users[key].add(label)
                if remapped:
                    remapped_keys.add(key)
        for key in sorted(remapped_keys):
            ids = frozenset(users[key])
            if len(ids) > 1 and (key, ids) not in reported:
                reported.add((key, ids))
                problems.append(
                    f"keymap: {key!r} has two meanings ({' and '.join(sorted(ids))}) "
                    "where both keys work; give one of them another key"
                )
    return problems, usable
