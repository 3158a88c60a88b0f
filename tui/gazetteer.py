"""Word lists and the user gazetteer behind entity recognition.

Two kinds of data live here:

* the *gazetteer*: named entries (canonical name, type, aliases) and ``ignore``
  entries, read from the shipped ``config/entities.yaml`` and from the user's
  ``entities.yaml``; user entries win over automatic detection;
* *lexicons*: cue words and hand-written name lists (titles, organisation
  suffixes, words that are never a name, regions, well-known organisations...)
  in ``config/lexicon.yaml`` (:func:`cue_words`), plus name lists generated from
  GeoNames and the US Census in ``config/places.yaml`` and ``config/names.yaml``
  (``bench/make_name_lists.py``), merged by :func:`lexicon`.

Everything is loaded lazily and cached; importing this module reads no file.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from tui.yamlfile import load_yaml, read_mapping

TYPES = ("person", "place", "org", "date")
_TYPE_ALIASES = {
    "person": "person",
    "per": "person",
    "people": "person",
    "place": "place",
    "loc": "place",
    "location": "place",
    "gpe": "place",
    "org": "org",
    "organisation": "org",
    "organization": "org",
    "date": "date",
}


@lru_cache(maxsize=1 << 17)
def fold(text: str) -> str:
    """Lower-case, accent-free, dot-free key for matching names."""
    if text.isascii():
        return " ".join(text.replace(".", "").lower().split())
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace(".", "").casefold()
    return " ".join(text.split())


def fold_set(texts: Iterable[str]) -> set[str]:
    """``{fold(t) for t in texts}``, folded in one go: the ASCII texts together,
    the others together (fold's steps work a character at a time, and no
    character's decomposition holds a new line). The lexicon's ~23,000 names are
    folded at the start of every build and extracting command: ~15 ms one at a
    time."""
    items = list(texts)
    plain = [text for text in items if text.isascii()]
    other = [text for text in items if not text.isascii()] if len(plain) < len(items) else []
    out = set(_fold_lines(plain, True))
    out.update(_fold_lines(other, False))
    return out


def _fold_lines(items: list[str], ascii: bool) -> list[str]:
    """:func:`fold` of each of ``items`` (all ASCII, or none), in one go when
    fold's last step would change none of them."""
    blob = "\n".join(items)
    if ascii:
        text = blob.replace(".", "").lower()
    else:
        text = unicodedata.normalize("NFKD", blob)
        for mark in [c for c in set(text) if unicodedata.combining(c)]:
            text = text.replace(mark, "")
        text = text.replace("’", "'").replace(".", "").casefold()
    lines = text.split("\n")
    if len(lines) == len(items) and _spaced(text):
        return lines
    return [fold(item) for item in items]


def _spaced(text: str) -> bool:
    """Whether the lines of ``text`` are spaced as fold's last step (a split and
    a join) leaves them: no white space but one space between two words (white
    space other than a space is not printable, nor a new line)."""
    return (
        "  " not in text
        and " \n" not in text
        and "\n " not in text
        and text[:1] != " "
        and text[-1:] != " "
        and text.replace("\n", "").isprintable()
    )


# --------------------------------------------------------------------------- gazetteer


_T = TypeVar("_T")


@dataclass(frozen=True)
class Entry:
    canonical: str
    type: str
    aliases: tuple[str, ...] = ()
    user: bool = False  # from the user's list: a correction, which a name's short forms follow


@dataclass
class Gazetteer:
    """Named entries and ignored names; later entries override earlier ones."""

    entries: dict[str, Entry] = field(default_factory=dict)  # folded surface -> entry
    ignore: set[str] = field(default_factory=set)  # folded surfaces
    sources: list[str] = field(default_factory=list)
    user: bool = False  # entries added now come from the user's list
    user_ignored: set[str] = field(default_factory=set)  # folded names the user ignores
    _version: int = field(default=0, repr=False, compare=False)
    _derived: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    def add(self, canonical: str, type_: str, aliases: Iterable[str] = ()) -> None:
        """Add an entry. A name an earlier entry was called by brings that entry's
        other names along: the user's "Bashar al-Assad is a place" (or merged into
        another name) covers the shipped list's "Assad" too, which would otherwise
        stay the old entry, of the old type."""
        self._version += 1
        names = [canonical, *aliases]
        keys = {fold(name) for name in names}
        for name in (canonical, *aliases):
            for other in self._other_names(name):
                if fold(other) not in keys:
                    keys.add(fold(other))
                    names.append(other)
        entry = Entry(canonical, type_, tuple(names[1:]), self.user)
        for surface in names:
            key = fold(surface)
            if key:
                self.entries[key] = entry
                self.ignore.discard(key)
                self.user_ignored.discard(key)

    def add_ignore(self, name: str) -> None:
        """Ignore a name, and the other names of the entry it is called by: "Bashar
        al-Assad is no entity" takes the shipped list's "Assad" with it."""
        self._version += 1
        for surface in (name, *self._other_names(name)):
            key = fold(surface)
            if key:
                self.ignore.add(key)
                self.entries.pop(key, None)
                if self.user:
                    self.user_ignored.add(key)

    def _other_names(self, name: str) -> list[str]:
        """The other names of the entry whose canonical name is ``name`` that still
        stand for it (none when ``name`` is only an alias)."""
        entry = self.entries.get(fold(name))
        if entry is None or fold(entry.canonical) != fold(name):
            return []
        return [
            alias
            for alias in (entry.canonical, *entry.aliases)
            if fold(alias) != fold(name) and self.entries.get(fold(alias)) is entry
        ]

    def lookup(self, surface: str) -> Entry | None:
        return self.entries.get(fold(surface))

    def is_ignored(self, surface: str) -> bool:
        return fold(surface) in self.ignore

    @property
    def fingerprint(self) -> str:
        h = hashlib.sha1()
        for key in sorted(self.entries):
            e = self.entries[key]
            h.update(f"{key}\t{e.canonical}\t{e.type}\n".encode())
        for key in sorted(self.ignore):
            h.update(f"!{key}\n".encode())
        return h.hexdigest()[:16]

    def max_words(self) -> int:
        return max((len(k.split()) for k in self.entries), default=1)

    @property
    def version(self) -> tuple[int, int, int]:
        """Changes whenever entries or ignored names may have changed."""
        return (self._version, len(self.entries), len(self.ignore))

    def derived(self, name: str, make: Callable[[], _T]) -> _T:
        """``make()``, worked out once per :attr:`version` of these names and kept
        under ``name`` (what the recogniser derives from the lists and the user's)."""
        version = self.version
        cached: Any = self._derived.get(name)
        if isinstance(cached, tuple) and cached[0] == version:
            got: _T = cached[1]
            return got
        value = make()
        self._derived[name] = (version, value)
        return value


def first_token_limits(keys: Iterable[str]) -> dict[str, int]:
    """For folded names: first word -> the most words of a name starting with it.

    Lets a matcher skip the (many) capitalised words no known name starts with
    and try only phrase lengths some name can have.
    """
    out: dict[str, int] = {}
    for key in keys:
        parts = key.split(" ")
        if len(parts) > out.get(parts[0], 0):
            out[parts[0]] = len(parts)
    return out


def _parse_gazetteer(data: object, gaz: Gazetteer, where: str) -> None:
    if data is None:
        return
    if not isinstance(data, dict):
        raise ValueError(f"{where}: expected a mapping with 'entities' and/or 'ignore'")
    entities = data.get("entities") or []
    if not isinstance(entities, list):
        raise ValueError(f"{where}: 'entities' must be a list")
    for i, item in enumerate(entities):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise ValueError(f"{where}: entities[{i}] needs a 'name' string")
        type_ = _TYPE_ALIASES.get(str(item.get("type", "")).strip().lower())
        if type_ is None:
            raise ValueError(
                f"{where}: entities[{i}] ({item['name']}): type must be person, place or org"
            )
        aliases = item.get("aliases") or []
        if isinstance(aliases, str):
            aliases = [aliases]
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise ValueError(f"{where}: entities[{i}] ({item['name']}): aliases must be strings")
        gaz.add(item["name"].strip(), type_, [a.strip() for a in aliases])
    ignore = data.get("ignore") or []
    if isinstance(ignore, str):
        ignore = [ignore]
    if not isinstance(ignore, list) or not all(isinstance(a, str) for a in ignore):
        raise ValueError(f"{where}: 'ignore' must be a list of names")
    for name in ignore:
        gaz.add_ignore(name)


def _defaults_dir() -> Path:
    from tui.paths import defaults_dir

    return defaults_dir()


def load_gazetteer(paths: Iterable[Path] = ()) -> Gazetteer:
    """The shipped ``entities.yaml`` merged with ``paths`` (later files win).

    Missing files are skipped; a malformed file raises ``ValueError`` with a
    one-line message.
    """
    gaz = Gazetteer()
    for path in [_defaults_dir() / "entities.yaml", *map(Path, paths)]:
        data = read_mapping(Path(path), "'entities' and 'ignore' lists")
        if data is None:
            continue
        _parse_gazetteer(data, gaz, str(path))
        gaz.sources.append(str(path))
        gaz.user = True  # every file after the shipped one is the user's
    return gaz


def user_gazetteer_path() -> Path:
    from tui.paths import config_dir

    return config_dir() / "entities.yaml"


# --------------------------------------------------------------------------- lexicons


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _lines(text: str) -> frozenset[str]:
    return frozenset(line.strip() for line in text.strip().splitlines() if line.strip())


# The keys of config/lexicon.yaml that hold one name a line; the others hold words.
_LINE_LISTS = frozenset({"regions", "country_variants", "known_orgs"})


def _read_yaml(name: str) -> dict[str, str]:
    """The ``key: |`` text blocks of the shipped ``name``; {} when it is missing."""
    path = _defaults_dir() / name
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    return {str(key): str(value or "") for key, value in (data or {}).items()}


@dataclass(frozen=True)
class CueWords:
    """The hand-written lists of ``config/lexicon.yaml``, as written (not folded)."""

    person_titles: frozenset[str]  # words before a person's name
    org_suffixes: frozenset[str]  # last words of organisation names
    place_suffixes: frozenset[str]  # last words of place names
    never: frozenset[str]  # never (the whole of) an entity
    nationalities: frozenset[str]  # demonyms: never emitted
    events: frozenset[str]  # last words of events: not person/place/org
    regions: frozenset[str]  # places the generated lists lack
    country_variants: frozenset[str]  # country names beyond the generated list
    known_orgs: frozenset[str]  # "Canonical|alias|alias" lines
    extra_first_names: frozenset[str]  # given names the census lists lack


@lru_cache(maxsize=1)
def cue_words() -> CueWords:
    """The shipped cue words; a missing or incomplete file is a broken install."""
    data = _read_yaml("lexicon.yaml")
    values: dict[str, frozenset[str]] = {}
    for key in CueWords.__dataclass_fields__:
        if key not in data:
            raise RuntimeError(f"the shipped lexicon.yaml has no {key!r}: reinstall Dossier")
        values[key] = _lines(data[key]) if key in _LINE_LISTS else _words(data[key])
    return CueWords(**values)


@lru_cache(maxsize=2)
def _generated(name: str) -> dict[str, frozenset[str]]:
    return {key: _lines(value) for key, value in _read_yaml(name).items()}


@dataclass(frozen=True)
class Lexicon:
    countries: frozenset[str]  # folded
    places: frozenset[str]  # folded: cities, states, regions (countries included)
    first_names: frozenset[str]  # folded
    last_names: frozenset[str]  # folded
    orgs: dict[str, tuple[str, str]]  # folded alias -> (canonical, "org")
    fingerprint: str


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    places_data = _generated("places.yaml")
    names_data = _generated("names.yaml")
    words = cue_words()
    countries = fold_set(places_data.get("countries", ())) | fold_set(words.country_variants)
    # "the Netherlands": the article is not part of the name
    countries = {c[4:] if c.startswith("the ") else c for c in countries}
    places = set(countries)
    for key in ("us_states", "cities"):
        places |= fold_set(places_data.get(key, ()))
    places |= fold_set(words.regions)
    places = {p[4:] if p.startswith("the ") else p for p in places}
    places -= fold_set(w for w in words.never if w not in words.regions)
    places = {p for p in places if len(p) > 2 or p in countries}
    orgs: dict[str, tuple[str, str]] = {}
    for line in words.known_orgs:
        canonical, *aliases = [p.strip() for p in line.split("|")]
        for alias in (canonical, *aliases):
            orgs[fold(alias)] = (canonical, "org")
    first = fold_set(names_data.get("first", ()))
    first |= fold_set(words.extra_first_names)
    last = fold_set(names_data.get("last", ()))
    h = hashlib.sha1()
    for part in (countries, places, first, last, set(orgs)):
        h.update("\n".join(sorted(part)).encode())
    return Lexicon(
        countries=frozenset(countries),
        places=frozenset(places),
        first_names=frozenset(first),
        last_names=frozenset(last),
        orgs=orgs,
        fingerprint=h.hexdigest()[:16],
    )
