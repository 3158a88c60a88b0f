"""Which articles a change of the user's entity list can change, found without reading them.

A correction in the app (a type, a merge, "no entity") rewrites the user's
``entities.yaml``; every article the change can affect must have its entities
found again, and no other need be. The recogniser reads the user's list
(the gazetteer, :class:`~tui.gazetteer.Gazetteer`) in three places only, all in
:meth:`~tui.ner.recognizer.Recognizer.candidates`:

1. :func:`~tui.ner.document.gazetteer_matches`: a run of the text's tokens whose
   :func:`~tui.gazetteer.fold` is a key of the gazetteer's entries or ignored names
   (what that key's entry is: its name, type, other names, whether the user's);
2. the same function's limits (:func:`~tui.ner.document.gazetteer_limits`): for a
   first word, the most words a key starting with it has, which says how long a run
   is tried at a token that folds to that word (a run of other tokens than its key
   has words, "McDonald 's" for "mcdonald's", is only tried when the limit allows);
3. :func:`~tui.ner.corrections.user_surnames`: the surnames of the people the user
   retyped or ignored, which lone surnames (a token that folds to it) follow.

Everything after those (linking short forms, agreeing on types, ...) works within
the one text. So an article whose text holds no token run that folds to a changed
key, nor to a key starting with a first word whose limit changed (the fold of a run
starts with its first token's), and no token that folds to a surname whose
correction changed reads the same before and after: it is
not read again. :func:`entity_state` is what an index keeps of the list (a digest
per key where it differs from the shipped list, and the surnames), and
:func:`changed_words` compares two such states: the words to look for, or None when
something else changed (the shipped lists, the model, the rules): then every
article is compared, as before.

:class:`TextProbe` then tells, for a stored text, whether it may hold one of the
words: a superset, never a miss (see its docstring and tests/test_correction_impact.py,
which checks the folding it relies on over every Unicode character).
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from tui.gazetteer import Gazetteer, fold, load_gazetteer
from tui.ner.corrections import user_surnames
from tui.ner.tokens import TOKEN

#: Bump when what :func:`entity_state` keeps, or how it is read, changes.
STATE_VERSION = 1
#: A key the user's list removes from the shipped one.
ABSENT = "-"


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:12]


def key_states(gaz: Gazetteer) -> dict[str, str]:
    """Every key of ``gaz`` (its entries' and its ignored names') -> a digest of all the
    recogniser reads of it: the entry's name, type, other names and whether the user's
    list made it; for an ignored name, whether the user ignores it."""
    out: dict[str, str] = {}
    for key, e in gaz.entries.items():
        out[key] = _digest("e", e.canonical, e.type, *e.aliases, "user" if e.user else "")
    for key in gaz.ignore:
        out[key] = _digest("i", "user" if key in gaz.user_ignored else "")
    return out


@lru_cache(maxsize=1)
def shipped_gazetteer() -> Gazetteer:
    """The shipped list alone (the state the user's list is compared with)."""
    return load_gazetteer([])


def shipped_fingerprint() -> str:
    """A digest of everything the shipped list holds (:func:`key_states`)."""
    h = hashlib.sha1()
    for key, state in sorted(key_states(shipped_gazetteer()).items()):
        h.update(f"{key}\t{state}\n".encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:16]


def base_fingerprint(recognizer: Any) -> str:
    """The recogniser's fingerprint but for the user's list of entities: with the
    shipped list in its place (all of it: names, types, other names). Two recognisers
    of one base differ in the user's list only."""
    from tui.gazetteer import lexicon
    from tui.ner.model import shipped_model
    from tui.ner.recognizer import RULES_VERSION

    h = hashlib.sha1()
    h.update(RULES_VERSION.encode())
    h.update(shipped_model().digest.encode())
    h.update(shipped_fingerprint().encode())
    h.update(lexicon().fingerprint.encode())
    h.update(b"dates" if recognizer.dates else b"")
    return h.hexdigest()[:16]


def entity_state(gaz: Gazetteer, base: str) -> dict[str, Any]:
    """What an index keeps of the user's list it was built with (JSON): ``base``, the
    fingerprint of all else the recogniser reads (rules, model, shipped lists); the
    digest of each key whose state differs from the shipped list's (:data:`ABSENT`:
    the user's list removed it); and the user's surname corrections."""
    now = key_states(gaz)
    shipped = key_states(shipped_gazetteer())
    keys = {
        k: now.get(k, ABSENT)
        for k in sorted(set(now) | set(shipped))
        if now.get(k) != shipped.get(k)
    }
    surnames = {s: [t, c] for s, (t, c) in sorted(user_surnames(gaz).items())}
    return {"version": STATE_VERSION, "base": base, "keys": keys, "surnames": surnames}


def _valid(state: Any) -> bool:
    return (
        isinstance(state, dict)
        and state.get("version") == STATE_VERSION
        and isinstance(state.get("base"), str)
        and isinstance(state.get("keys"), dict)
        and isinstance(state.get("surnames"), dict)
    )


def _first_tokens(key: str) -> list[str]:
    return TOKEN.findall(key)


def _limit(word: str, keys: Iterable[str]) -> int:
    """The most tokens a key starting with ``word`` has (as gazetteer_limits counts)."""
    best = 0
    for key in keys:
        toks = _first_tokens(key)
        if toks and toks[0] == word and len(toks) > best:
            best = len(toks)
    return best


def _keys_under(overlay: dict[str, Any], shipped: set[str]) -> set[str]:
    """The gazetteer's keys with ``overlay`` over the shipped list."""
    keys = {k for k in shipped if k not in overlay}
    keys.update(k for k, v in overlay.items() if v != ABSENT)
    return keys


def changed_words(before: Any, now: dict[str, Any]) -> list[str] | None:
    """The folded words and names an article must hold to read otherwise under ``now``
    than under ``before`` (two :func:`entity_state`); None when that cannot be told
    (no state before, another base: every article is to be compared)."""
    if not _valid(before) or not _valid(now) or before["base"] != now["base"]:
        return None
    old, new = before["keys"], now["keys"]
    changed = {k for k in set(old) | set(new) if old.get(k) != new.get(k)}
    words = set(changed)
    if changed:
        shipped = set(key_states(shipped_gazetteer()))
        keys_old, keys_new = _keys_under(old, shipped), _keys_under(new, shipped)
        for first in {t[0] for t in map(_first_tokens, changed) if t}:
            if _limit(first, keys_old) != _limit(first, keys_new):
                # runs of another length are tried at a token that folds to ``first``:
                # what they may match is a key that starts with it
                words.update(k for k in keys_old | keys_new if k.startswith(first))
    s_old, s_new = before["surnames"], now["surnames"]
    words.update(s for s in set(s_old) | set(s_new) if s_old.get(s) != s_new.get(s))
    return sorted(words)


def _ascii_view(text: str) -> str:
    """``text`` as :class:`TextProbe` reads it: decomposed (NFKD), case-folded, every
    character that is not ASCII dropped, dots dropped."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).casefold()
        text = text.encode("ascii", "ignore").decode("ascii")
        return text.replace(".", "")
    return text.replace(".", "").lower()


def _longest_run(word: str) -> str:
    """The longest run of letters and digits of a folded word (the first of the longest)."""
    best, run = "", []
    for ch in (*word, " "):
        if ch.isalnum():
            run.append(ch)
            continue
        if len(run) > len(best):
            best = "".join(run)
        run = []
    return best


_fold = getattr(fold, "__wrapped__", fold)  # (not through its cache: whole texts)


class TextProbe:
    """Whether a text may hold a token run that folds to one of some words: never
    False for one that does (a superset).

    Of each word, the longest run of letters and digits is looked for: a token run
    that folds to the word holds it in its fold (:func:`~tui.gazetteer.fold` works
    character by character, but for white space, which a run has none of). A run of
    ASCII characters is looked for in the text decomposed, case-folded, stripped of
    what is not ASCII and of dots (:func:`_ascii_view`): what ``fold`` makes ASCII
    letters and digits of, that view has as they are, in order, with nothing between
    them but what fold takes out (a test checks this of every character). A run
    with other characters is looked for in the text's own fold (only a text that is
    not ASCII can hold one).
    """

    def __init__(self, words: Iterable[str]) -> None:
        runs = {_longest_run(w) for w in words}
        if "" in runs:
            raise ValueError("a word with no letter or digit")
        self.ascii = sorted(r for r in runs if r.isascii())
        self.other = sorted(r for r in runs if not r.isascii())

    def may_hold(self, text: str) -> bool:
        view = _ascii_view(text)
        if any(run in view for run in self.ascii):
            return True
        if self.other and not text.isascii():
            folded = _fold(text)
            return any(run in folded for run in self.other)
        return False
