"""Cleaning rules: the shipped ``config/boilerplate.yaml`` with the user's file merged on top.

Besides the pattern lists (``lines``, ``phrases``, ``footer``, ``keep``) and the
``outlets`` names, a rules file may hold per-source corrections a user made in
the reader (see :mod:`tui.cleaning.corrections`)::

    sources:
      example.com:
        drop: ['Most read this week']     # this exact line is cruft on this source
        keep: ['Editor's note']           # never remove this line on this source

Corrections match a whole line, compared with its whitespace collapsed and case
folded; they are not patterns.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tui import paths as _paths
from tui.yamlfile import read_mapping

#: Bump when the cleaning code changes what it produces: it is part of
#: :attr:`Rules.fingerprint`, so indexes built by an older cleaner are rebuilt.
CLEANER_VERSION = "55"

#: Name of the rules file, shipped in ``config/`` and read from the user's config dir.
RULES_FILE = "boilerplate.yaml"

_LIST_KEYS = ("lines", "phrases", "footer", "keep")
_KNOWN_KEYS = frozenset(_LIST_KEYS) | {"outlets", "phrase_max_words", "disable", "sources"}
_SOURCE_KEYS = ("drop", "keep")


def line_key(text: str) -> str:
    """How a correction names a line: whitespace collapsed, case folded."""
    return " ".join(text.split()).casefold()


def _union(patterns: Iterable[str], *, full: bool, tail: str = "") -> re.Pattern[str] | None:
    """One compiled regex matching any of ``patterns`` (``None`` when there are none);
    ``full``: the whole line, but for ``tail`` after it."""
    parts = [f"(?:{p})" for p in patterns]
    if not parts:
        return None
    body = "|".join(parts)
    return re.compile(f"(?:{body}){tail}\\Z" if full else body, re.IGNORECASE)


#: What may follow a footer marker on its line: a colon, an ellipsis, an arrow ("You
#: may also like...", "More stories »", "Related articles >").
_MARKER_TAIL = r"\s*[:.…»›>]*"


_META = frozenset("\\()[]{}.^$|?*+")


def required_literal(pattern: str) -> str | None:
    """A lower-case text that every match of ``pattern`` contains, or ``None``.

    Only plain characters outside groups and classes count, and only when the
    pattern has no top-level ``|``. Used to skip a regex search cheaply: when
    the literal is not in a line, the pattern cannot match it.
    """
    runs: list[str] = []
    run: list[str] = []
    depth = 0
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            runs.append("".join(run))
            run = []
            continue
        if ch == "[":
            runs.append("".join(run))
            run = []
            i = _after_class(pattern, i)
            continue
        if ch == "{":
            if run:
                run.pop()  # the quantified character may be absent
            runs.append("".join(run))
            run = []
            close = pattern.find("}", i)
            i = len(pattern) if close == -1 else close + 1
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return None
        if depth == 0 and ch not in _META and ch != ")":
            run.append(ch)
        else:
            if ch in "?*+" and run:
                run.pop()  # the quantified character may be absent
            runs.append("".join(run))
            run = []
        i += 1
    runs.append("".join(run))
    best = max(runs, key=len).strip()
    return best.lower() if len(best) >= 3 and best.isascii() else None


def _after_class(pattern: str, i: int) -> int:
    """Where the character class opening at ``pattern[i]`` (``[``) ends, plus one."""
    i += 1
    if i < len(pattern) and pattern[i] == "^":
        i += 1
    if i < len(pattern) and pattern[i] == "]":
        i += 1
    while i < len(pattern) and pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i + 1


def required_any(pattern: str) -> tuple[str, ...] | None:
    """Lower-case texts one of which every match of ``pattern`` contains, or ``None``.

    Its :func:`required_literal` when it has one; else the alternatives of a group of
    plain words (outside any other group, not optional) that every match goes
    through: ``(briefing|digest|newsletter)`` in ``\\b(get|receive) .{0,30}\\b(briefing|
    digest|newsletter)\\b``, whose plain text lies inside groups only. Of several such
    groups, the one whose shortest alternative is longest.
    """
    literal = required_literal(pattern)
    if literal is not None:
        return (literal,)
    best: tuple[str, ...] | None = None
    depth = 0
    start = 0
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = _after_class(pattern, i)
            continue
        if ch == "(":
            depth += 1
            if depth == 1:
                start = i + 1
        elif ch == ")":
            depth -= 1
            if depth == 0 and pattern[i + 1 : i + 2] not in ("?", "*", "{"):
                words = pattern[start:i].split("|")
                if all(_plain(w) for w in words):
                    found = tuple(w.lower() for w in words)
                    if best is None or min(map(len, found)) > min(map(len, best)):
                        best = found
        elif ch == "|" and depth == 0:
            return None
        i += 1
    return best


def _plain(text: str) -> bool:
    """Whether ``text`` is a literal of three characters or more, in ASCII, in a pattern."""
    return len(text) >= 3 and text.isascii() and not any(c in _META for c in text)


def _fewest(literals: Iterable[str]) -> tuple[str, ...]:
    """``literals`` without those containing another (one is in a text when those are)."""
    unique = sorted(set(literals), key=lambda text: (len(text), text))
    kept: list[str] = []
    for literal in unique:
        if not any(k in literal for k in kept):
            kept.append(literal)
    return tuple(kept)


class _Finder:
    """``search(text)`` for a union of patterns, skipping it when no required literal occurs."""

    __slots__ = ("regex", "literals")

    def __init__(self, patterns: tuple[str, ...]) -> None:
        self.regex = _union(patterns, full=False)
        # (one pattern without a required text made every line of up to a hundred
        # words run the whole union: a third of the cleaning's time)
        literals = [required_any(p) for p in patterns]
        self.literals = (
            None if None in literals else _fewest(w for words in literals if words for w in words)
        )

    def search(self, text: str, low: str | None = None) -> bool:
        if self.regex is None:
            return False
        if self.literals is not None:
            low = text.lower() if low is None else low
            for lit in self.literals:
                if lit in low:
                    break
            else:
                return False
        return self.regex.search(text) is not None


# "GENEVA (AFP) -": a dateline naming the agency.
_DATELINE_TMPL = r"\A[A-Z][\w .,'’/-]{{0,60}}?\(({outlets})\)\s*[-–—]"


def _outlet_alternation(outlets: tuple[tuple[str, tuple[str, ...]], ...]) -> str:
    aliases = {alias for _, names in outlets for alias in names if alias.strip()}
    aliases.update(name for name, _ in outlets if name.strip())
    return "|".join(re.escape(a) for a in sorted(aliases, key=len, reverse=True))


@dataclass(frozen=True)
class Rules:
    """Boilerplate rules, from ``config/boilerplate.yaml`` plus the user's file.

    The pattern strings are the effective rules; the compiled regexes are built
    once, when the object is made. ``Rules()`` has no patterns at all (the
    cleaner then only applies its structural rules); :func:`default_rules` is
    the shipped set.
    """

    lines: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    footer: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()
    outlets: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (canonical name, aliases)
    phrase_max_words: int = 10
    # (source, lines to drop, lines to keep): the user's corrections, by line_key
    sources: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = ()

    _line_re: re.Pattern[str] | None = field(init=False, repr=False, compare=False, hash=False)
    _phrases: _Finder = field(init=False, repr=False, compare=False, hash=False)
    _footer_re: re.Pattern[str] | None = field(init=False, repr=False, compare=False, hash=False)
    _keep_re: re.Pattern[str] | None = field(init=False, repr=False, compare=False, hash=False)
    _outlet_re: re.Pattern[str] | None = field(init=False, repr=False, compare=False, hash=False)
    _dateline_re: re.Pattern[str] = field(init=False, repr=False, compare=False, hash=False)
    _after_verb_re: re.Pattern[str] = field(init=False, repr=False, compare=False, hash=False)
    _outlet_names: dict[str, str] = field(init=False, repr=False, compare=False, hash=False)
    _sources: dict[str, tuple[frozenset[str], frozenset[str]]] = field(
        init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        for key in _LIST_KEYS:
            for pattern in getattr(self, key):
                try:
                    re.compile(pattern)
                except re.error as exc:
                    raise ValueError(f"{key}: bad pattern {pattern!r}: {exc}") from None
        setattr_ = object.__setattr__
        setattr_(self, "_line_re", _union(self.lines, full=True))
        setattr_(self, "_phrases", _Finder(self.phrases))
        setattr_(self, "_footer_re", _union(self.footer, full=True, tail=_MARKER_TAIL))
        setattr_(self, "_keep_re", _union(self.keep, full=False))
        alt = _outlet_alternation(self.outlets)
        outlet_re = re.compile(rf"(?<![\w/])(?:{alt})(?![\w/])") if alt else None
        setattr_(self, "_outlet_re", outlet_re)
        alt = alt or "(?!)"
        setattr_(self, "_dateline_re", re.compile(_DATELINE_TMPL.format(outlets=alt)))
        setattr_(self, "_after_verb_re", re.compile(rf"\s+(?:the\s+)?({alt})(?![\w/])"))
        names: dict[str, str] = {}
        for canonical, aliases in self.outlets:
            for alias in aliases:
                names.setdefault(alias, canonical)
            names.setdefault(canonical, canonical)
        setattr_(self, "_outlet_names", names)
        by_source: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        for source, drop, keep in self.sources:
            old_drop, old_keep = by_source.get(source_key(source), (frozenset(), frozenset()))
            by_source[source_key(source)] = (
                old_drop | {line_key(t) for t in drop},
                old_keep | {line_key(t) for t in keep},
            )
        setattr_(self, "_sources", by_source)

    @property
    def fingerprint(self) -> str:
        """A short hash of the effective rules and :data:`CLEANER_VERSION`.

        The per-source corrections are not part of it: a correction re-cleans
        only its source's articles (see :meth:`corrections_fingerprints`).
        """
        data = {
            "version": CLEANER_VERSION,
            "lines": self.lines,
            "phrases": self.phrases,
            "footer": self.footer,
            "keep": self.keep,
            "outlets": self.outlets,
            "phrase_max_words": self.phrase_max_words,
        }
        blob = json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()[:16]

    def corrections_fingerprints(self) -> dict[str, str]:
        """A short hash of the corrections of each source that has any."""
        out = {}
        for source, (drop, keep) in self._sources.items():
            blob = json.dumps([sorted(drop), sorted(keep)], ensure_ascii=False).encode("utf-8")
            out[source] = hashlib.sha256(blob).hexdigest()[:12]
        return out

    def outlet(self, alias: str) -> str:
        """The canonical name of the outlet called ``alias``."""
        return self._outlet_names.get(alias, alias)

    def corrections(self, source: str | None) -> tuple[frozenset[str], frozenset[str]]:
        """The user's (drop, keep) line keys for ``source`` (empty sets when it has none)."""
        if not source or not self._sources:
            return frozenset(), frozenset()
        return self._sources.get(source_key(source), (frozenset(), frozenset()))


def _where(path: Path) -> str:
    return str(path)


def _read_yaml(path: Path) -> Mapping[str, object] | None:
    """The mapping in ``path``; ``None`` when the file does not exist."""
    data = read_mapping(path, "rule lists")
    if data is None:
        return None
    unknown = sorted(str(k) for k in data if k not in _KNOWN_KEYS)
    if unknown:
        known = ", ".join(sorted(_KNOWN_KEYS))
        raise ValueError(f"{_where(path)}: unknown key {unknown[0]!r} (known: {known})")
    return data


def _string_list(path: Path, key: str, value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{_where(path)}: '{key}' must be a list of strings")
    for pattern in value:
        if key in _LIST_KEYS:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"{_where(path)}: {key}: bad pattern {pattern!r}: {exc}") from None
    return list(value)


def load_rules(paths: Iterable[Path] = ()) -> Rules:
    """The shipped rules with the YAML files ``paths`` merged on top, in order.

    Lists are appended to (duplicates ignored), ``outlets`` are merged by name,
    ``disable`` removes patterns given earlier, ``phrase_max_words`` replaces.
    Missing files are ignored; a malformed file raises :class:`ValueError`
    with a one-line message naming the file.
    """
    shipped = (_paths.defaults_dir() / RULES_FILE).resolve()
    files = [shipped] + [Path(p).expanduser() for p in paths]
    lists: dict[str, list[str]] = {key: [] for key in _LIST_KEYS}
    outlets: dict[str, list[str]] = {}
    max_words = Rules.phrase_max_words
    sources: dict[str, dict[str, list[str]]] = {}
    seen: set[Path] = set()
    for path in files:
        resolved = path.resolve()
        if resolved in seen:
            continue
        seen.add(resolved)
        data = _read_yaml(path)
        if data is None:
            continue
        for key in _LIST_KEYS:
            for pattern in _string_list(path, key, data.get(key)):
                if pattern not in lists[key]:
                    lists[key].append(pattern)
        disabled = set(_string_list(path, "disable", data.get("disable")))
        if disabled:
            for key in _LIST_KEYS:
                lists[key] = [p for p in lists[key] if p not in disabled]
        raw_outlets = data.get("outlets")
        if raw_outlets is not None:
            if not isinstance(raw_outlets, dict):
                raise ValueError(f"{_where(path)}: 'outlets' must map a name to a list of aliases")
            for name, aliases in raw_outlets.items():
                names = _string_list(path, f"outlets.{name}", aliases)
                merged = outlets.setdefault(str(name), [])
                merged.extend(a for a in names if a not in merged)
        for source, lists_ in _read_sources(path, data.get("sources")).items():
            merged_source = sources.setdefault(source, {"drop": [], "keep": []})
            for key in _SOURCE_KEYS:
                merged_source[key].extend(t for t in lists_[key] if t not in merged_source[key])
        if "phrase_max_words" in data:
            value = data["phrase_max_words"]
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ValueError(f"{_where(path)}: 'phrase_max_words' must be a whole number >= 0")
            max_words = value
    return Rules(
        lines=tuple(lists["lines"]),
        phrases=tuple(lists["phrases"]),
        footer=tuple(lists["footer"]),
        keep=tuple(lists["keep"]),
        outlets=tuple((name, tuple(aliases)) for name, aliases in outlets.items()),
        phrase_max_words=max_words,
        sources=tuple(
            (name, tuple(v["drop"]), tuple(v["keep"])) for name, v in sorted(sources.items())
        ),
    )


def source_key(source: str) -> str:
    """How corrections and learned lines name a source: trimmed, case folded, no ``www.``."""
    key = source.strip().casefold()
    return key[4:] if key.startswith("www.") else key


def _read_sources(path: Path, value: object) -> dict[str, dict[str, list[str]]]:
    """``sources:`` of one rules file, checked: ``{source: {"drop": [...], "keep": [...]}}``."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValueError(f"{_where(path)}: 'sources' must map a source to drop: and keep: lists")
    out: dict[str, dict[str, list[str]]] = {}
    for name, entry in value.items():
        if entry is None:
            entry = {}
        if not isinstance(entry, dict) or set(map(str, entry)) - set(_SOURCE_KEYS):
            raise ValueError(
                f"{_where(path)}: sources.{name} must be a mapping with drop: and keep: lists"
            )
        lists_ = {}
        for key in _SOURCE_KEYS:
            items = entry.get(key)
            if items is None:
                items = []
            if isinstance(items, str):
                items = [items]
            if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
                raise ValueError(
                    f"{_where(path)}: 'sources.{name}.{key}' must be a list of strings"
                )
            lists_[key] = [" ".join(v.split()) for v in items if v.strip()]
        out[source_key(str(name))] = lists_
    return out


@functools.cache
def default_rules() -> Rules:
    """The rules shipped in ``config/boilerplate.yaml`` (read once)."""
    return load_rules()


def user_rules_path() -> Path:
    """Where the user's own rules file lives (it may not exist)."""
    return _paths.config_dir() / RULES_FILE


def user_rules() -> Rules:
    """The shipped rules with the user's ``boilerplate.yaml`` merged on top."""
    return load_rules([user_rules_path()])
