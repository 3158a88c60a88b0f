"""Cleaning scraped article text: drop page cruft, keep the article, find metadata.

Text scraped from a news web page carries the page around the article:
navigation lines, ads, share buttons, image captions (often twice), sign-up
and comment forms, legal notices, a "related article" headline. :func:`clean`
removes that and returns the article's title, its body (paragraphs joined by a
blank line), the spans of its subheadings, and the outlet, publication date
and byline when the text gives them.

The rules are general, and err on the side of keeping text:

* **Pattern lines** (``lines:`` in ``config/boilerplate.yaml``): a line that
  matches one of them in full ("Advertisement", "Share", "0 comments") is
  dropped wherever it is. So is a copyright line ("© 2016 AFP") and a line
  repeated right below itself within one paragraph block (an image's alt text
  followed by its caption); a paragraph repeated right after itself loses its
  second copy only.
* **Footer markers** (``footer:``): once the article has begun, a line such as
  "Leave a Reply" starts the page footer: it and all that follows go.
* **Phrases** (``phrases:``): a line containing "click here", "newsletter",
  "you agree to the" ... is dropped in the page's header (before the first
  paragraph) and footer (after the last), and in the body only when it is a
  short line.
* **Menus**: a block of two or more short unpunctuated lines before the
  headline is a navigation menu (on a page already known to be scraped, so
  are such lines in blocks of their own).
* **Scraped pages**: when a page already showed cruft of the kinds above,
  short unpunctuated lines at its end (menu entries, form labels, a "related"
  headline) are dropped too, but only inside the footer (below other cruft)
  or as the very last line of the text: one between the article and its
  footer may be the article's own, so it stays. A clean article (title line,
  paragraphs) never loses a line to these guesses.
* ``keep:`` patterns protect credit lines ("With reporting by AP") from all of
  the above.

Between the title and the first paragraph, date lines ("11th February 2016,
Comments 0"), bylines ("By Jane Smith, Reuters") and photo credits are
metadata, not body. Nothing in the text is interpreted as markup, except a
Markdown ``# Title`` first line and ``## Subheading`` lines.

This module is domain code: stdlib, :mod:`tui.paths` and :mod:`tui.yamlfile` only.
"""

from __future__ import annotations

import datetime as _dt
import functools
import hashlib
import html
import html.entities
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tui import paths as _paths
from tui.yamlfile import read_mapping

#: Bump when the cleaning code changes what it produces: it is part of
#: :attr:`Rules.fingerprint`, so indexes built by an older cleaner are rebuilt.
CLEANER_VERSION = "3"

#: Name of the rules file, shipped in ``config/`` and read from the user's config dir.
RULES_FILE = "boilerplate.yaml"

_LIST_KEYS = ("lines", "phrases", "footer", "keep")
_KNOWN_KEYS = frozenset(_LIST_KEYS) | {"outlets", "phrase_max_words", "disable"}


# --------------------------------------------------------------------------- rules


def _union(patterns: Iterable[str], *, full: bool) -> re.Pattern[str] | None:
    """One compiled regex matching any of ``patterns`` (``None`` when there are none)."""
    parts = [f"(?:{p})" for p in patterns]
    if not parts:
        return None
    body = "|".join(parts)
    return re.compile(f"(?:{body})\\Z" if full else body, re.IGNORECASE)


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
            i += 1
            if i < len(pattern) and pattern[i] == "^":
                i += 1
            if i < len(pattern) and pattern[i] == "]":
                i += 1
            while i < len(pattern) and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
            i += 1
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


class _Finder:
    """``search(text)`` for a union of patterns, skipping it when no required literal occurs."""

    __slots__ = ("regex", "literals")

    def __init__(self, patterns: tuple[str, ...]) -> None:
        self.regex = _union(patterns, full=False)
        literals = [required_literal(p) for p in patterns]
        self.literals = None if None in literals else tuple(dict.fromkeys(literals))

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

    _line_re: re.Pattern[str] | None = field(init=False, repr=False, compare=False, hash=False)
    _phrases: _Finder = field(init=False, repr=False, compare=False, hash=False)
    _footer_re: re.Pattern[str] | None = field(init=False, repr=False, compare=False, hash=False)
    _keep_re: re.Pattern[str] | None = field(init=False, repr=False, compare=False, hash=False)
    _outlet_re: re.Pattern[str] | None = field(init=False, repr=False, compare=False, hash=False)
    _dateline_re: re.Pattern[str] = field(init=False, repr=False, compare=False, hash=False)
    _after_verb_re: re.Pattern[str] = field(init=False, repr=False, compare=False, hash=False)
    _outlet_names: dict[str, str] = field(init=False, repr=False, compare=False, hash=False)

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
        setattr_(self, "_footer_re", _union(self.footer, full=True))
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

    @property
    def fingerprint(self) -> str:
        """A short hash of the effective rules and :data:`CLEANER_VERSION`."""
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

    def outlet(self, alias: str) -> str:
        """The canonical name of the outlet called ``alias``."""
        return self._outlet_names.get(alias, alias)


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
    )


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


# --------------------------------------------------------------------------- text helpers

_TERMINAL = frozenset(".!?:;\"'”’»)]…")
_BULLET_RE = re.compile(r"(?:[-–—•*·▪►]|\d{1,2}[.)])\s")
_MD_HEADING_RE = re.compile(r"(#{1,6})\s+(.*?)(?:\s+#+)?\Z")
_DASH_HEADING_RE = re.compile(r"[-–—]\s+(.+?)\s+[-–—]\Z")
_COPYRIGHT_RE = re.compile(
    r"(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\))?\s*\d{4})\s*(?:[-–,]?\s*\d{4})?[,.]?\s*(.*)",
    re.IGNORECASE,
)
# "Jane Doe, AFP | A view of ...": a photo credit and caption under the headline.
_CREDIT_CAPTION_RE = re.compile(r"[^|.]{2,60}\s\|\s")
# A line reporting speech is article prose, whatever phrase it contains.
_SPEECH = _Finder((r"\bsaid\b", r"\bsays\b", r"\btold\b", r"\btells\b", r"\badded\b"))
_PHRASE_LINE_WORDS = 100
_INVISIBLE_CHARS = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad")
_INVISIBLE_RE = re.compile("[" + "".join(_INVISIBLE_CHARS) + "]")
# Whitespace other than " " and "\n" (tabs, no-break and other Unicode spaces).
_ODD_SPACES = tuple(
    ch for ch in map(chr, range(0x3001)) if ch.isspace() and ch not in " \n" and ch != "\r"
)

_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_RES = (
    # 2016-02-11
    (re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b"), ("y", "m", "d")),
    # 11th February 2016, 11 Feb. 2016, 11 of February, 2016
    (
        re.compile(
            rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})\.?,?\s+(\d{{4}})\b",
            re.IGNORECASE,
        ),
        ("d", "mon", "y"),
    ),
    # February 11, 2016; Feb. 11th 2016
    (
        re.compile(
            rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b",
            re.IGNORECASE,
        ),
        ("mon", "d", "y"),
    ),
)
# What may surround a date on a date line: labels, times, weekdays, comment counters.
_META_RESIDUE_RE = re.compile(
    r"\b(?:published|posted|updated|last|modified|on|at|date|comments?|\d+|am|pm|gmt|utc|bst|"
    r"cet|cest|edt|est|et|pt|mon|tue|wed|thu|fri|sat|sun|(?:mon|tues|wednes|thurs|fri|satur|sun)"
    r"day|\d{1,2}[:.]\d{2}|min|mins|read|ago|hours?|minutes?)\b|[\W_]+",
    re.IGNORECASE,
)
_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|der|al|bin|la|le|da|di|del|du))*"
_BYLINE_RE = re.compile(
    rf"[Bb][Yy]:?\s+({_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*?)"
    r"(?:\s*(?:,|\||-|–|—|in)\s*([A-Z][\w/&.' -]{0,40}))?\s*[,|]?\Z"
)
# A line wrapped in Markdown emphasis: *text*, _text_, **text**.
_EMPHASIS_RE = re.compile(r"\A(?:\*{1,2}|_{1,2})(.+?)(?:\*{1,2}|_{1,2})\Z")
# A publication's name: up to five capitalised words ("The", "of", "&" between them).
_OUTLET_NAME_RE = re.compile(
    r"(?:The\s+)?[A-Z][\w.&'’-]*(?:\s+(?:[A-Z][\w.&'’-]*|of|and|&|de|du|la|le)){0,4}"
)
_DATELINE_TMPL = r"\A[A-Z][\w .,'’/-]{{0,60}}?\(({outlets})\)\s*[-–—]"
# Phrases by which an agency names itself in its own story: "told Reuters", "seen by AFP".
_SELF_REF_VERBS = (
    "told",
    "seen by",
    "obtained by",
    "reviewed by",
    "said to",
    "spoke to",
    "speaking to",
    "interview with",
)


def _norm(line: str) -> str:
    return " ".join(line.split())


def _words(text: str) -> int:
    """The number of words of a normalised (single-spaced, stripped) line."""
    return text.count(" ") + 1 if text else 0


_ENTITY_RE = re.compile(r"&(?:#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _unescape(match: re.Match[str]) -> str:
    ref = match.group()
    if ref[1] != "#" and ref[1:] not in html.entities.html5:
        return ref  # not a named reference ("&not" alone is one; "&notanentity;" is not)
    text = html.unescape(ref)
    # Control characters stay as written: they are data, not formatting.
    return match.group() if len(text) == 1 and ord(text) < 32 else text


def _lines(raw: str) -> list[str]:
    """The lines of ``raw``, each with its whitespace collapsed to single spaces."""
    # ``in`` tests are much faster than a regex scan: most files need no rewriting.
    if any(ch in raw for ch in _INVISIBLE_CHARS):
        raw = _INVISIBLE_RE.sub("", raw)
    if "\r" in raw:
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    if "&" in raw:
        # Scraped text keeps HTML character references ("&#163;1.8m", "&amp;").
        raw = _ENTITY_RE.sub(_unescape, raw)
    raw = raw.strip()
    if "  " in raw or " \n" in raw or "\n " in raw or any(ch in raw for ch in _ODD_SPACES):
        return [" ".join(line.split()) for line in raw.split("\n")]
    return raw.split("\n")  # already normal: the common case of a clean file


def _ends_sentence(text: str) -> bool:
    return bool(text) and text[-1] in _TERMINAL


def _starts_upper(text: str) -> bool:
    ch = text[:1]
    return ch.isupper() or ch.isdigit() or ch in "\"'“‘«(["


def _menu_like(text: str) -> bool:
    """A navigation entry: a few words, no sentence punctuation."""
    return _words(text) <= 4 and not _ends_sentence(text)


def _fragment_like(text: str) -> bool:
    """A menu entry, related-article headline or form label trailing a page."""
    return _words(text) <= 12 and not _ends_sentence(text) and ", " not in text


def _headline_like(text: str) -> bool:
    words = _words(text)
    return 0 < words <= 30 and len(text) <= 300 and not (text.endswith(".") and words > 20)


def _find_date(text: str) -> tuple[str | None, str]:
    """The first valid date in ``text`` (ISO) and ``text`` with the date cut out."""
    for regex, order in _DATE_RES:
        for m in regex.finditer(text):
            parts = dict(zip(order, m.groups(), strict=True))
            try:
                month = int(parts["m"]) if "m" in parts else _MONTHS[parts["mon"].lower()]
                date = _dt.date(int(parts["y"]), month, int(parts["d"]))
            except (ValueError, KeyError):
                continue
            if not 1900 <= date.year <= 2100:
                continue
            return date.isoformat(), text[: m.start()] + " " + text[m.end() :]
    return None, text


@dataclass(frozen=True)
class Cleaned:
    title: str
    body: str  # paragraphs joined by "\n\n"
    headings: tuple[tuple[int, int], ...] = ()  # spans of subheading paragraphs in body
    source: str | None = None
    date: str | None = None  # ISO "YYYY-MM-DD"
    byline: str | None = None
    removed: tuple[str, ...] = ()  # lines dropped as cruft


@dataclass
class _Meta:
    date: str | None = None
    byline: str | None = None
    source: str | None = None


def _meta_line(text: str, meta: _Meta, rules: Rules) -> bool:
    """True when ``text`` is a date line, an "Outlet, date" line or a byline; fills ``meta``."""
    if _words(text) > 16:
        return False
    text = _EMPHASIS_RE.sub(r"\1", text)  # "*Outlet, 2020-11-14*" in Markdown
    date, rest = _find_date(text)
    rest = _norm(rest).strip(" ,|-–—•·")
    if date is not None and not _META_RESIDUE_RE.sub("", rest):
        meta.date = meta.date or date
        return True
    if date is not None and _OUTLET_NAME_RE.fullmatch(rest):
        # A publication's name beside the date: "The Coastal Herald, 14 November 2020".
        found = rules._outlet_re.search(rest) if rules._outlet_re is not None else None
        meta.source = meta.source or (rules.outlet(found.group(0)) if found else rest)
        meta.date = meta.date or date
        return True
    m = _BYLINE_RE.match(rest)
    if m is None:
        return False
    meta.byline = meta.byline or m.group(1)
    meta.date = meta.date or date
    if m.group(2) and rules._outlet_re is not None:
        found = rules._outlet_re.search(m.group(2))
        if found:
            meta.source = meta.source or rules.outlet(found.group(0))
    return True


def _clean_title(title: str, rules: Rules, meta: _Meta) -> str:
    m = _MD_HEADING_RE.match(title)
    if m:
        title = m.group(2)
    # "Headline | Site" / "Headline - Outlet": the site's name is not the headline.
    if " | " in title:
        head, _, tail = title.rpartition(" | ")
        if head and _words(tail) <= 4:
            if rules._outlet_re is not None and (found := rules._outlet_re.search(tail)):
                meta.source = meta.source or rules.outlet(found.group(0))
            title = head
    elif rules._outlet_re is not None:
        for sep in (" - ", " – ", " — "):
            head, _, tail = title.rpartition(sep)
            if head and (found := rules._outlet_re.fullmatch(tail.strip())):
                meta.source = meta.source or rules.outlet(found.group(0))
                title = head
                break
    return title.strip()


# --------------------------------------------------------------------------- clean


def clean(raw: str, rules: Rules | None = None, *, name: str = "") -> Cleaned:
    """Split ``raw`` into title, body and metadata, dropping page cruft.

    ``name`` (the file's stem) is the title when the text has no headline.
    The result depends only on ``raw`` and ``rules``.
    """
    if rules is None:
        rules = default_rules()
    line_re, phrases = rules._line_re, rules._phrases
    footer_re, keep_re = rules._footer_re, rules._keep_re
    max_words = rules.phrase_max_words

    # Lines, with the number of the blank-line separated block they belong to.
    texts: list[str] = []
    blocks: list[int] = []
    drop: list[bool] = []
    block = 0
    meta = _Meta()
    outlet_re = rules._outlet_re
    for text in _lines(raw):
        if not text:
            block += 1
            continue
        texts.append(text)
        blocks.append(block)
        # 1. Cruft wherever it is: pattern lines and copyright lines.
        cruft = False
        if len(text) <= 240:
            if line_re is not None and line_re.match(text):
                cruft = True
            elif text[0] in "©(Cc" and text.count(" ") < 20:
                m = _COPYRIGHT_RE.match(text)
                if m:
                    cruft = True
                    if outlet_re is not None and (found := outlet_re.search(m.group(1))):
                        meta.source = meta.source or rules.outlet(found.group(0))
        drop.append(cruft)
    n = len(texts)

    keep_cache: dict[int, bool] = {}

    def kept(i: int) -> bool:
        if keep_re is None:
            return False
        if i not in keep_cache:
            keep_cache[i] = keep_re.search(texts[i]) is not None
        return keep_cache[i]

    def phrase(i: int) -> bool:
        text = texts[i]
        return (
            _words(text) <= _PHRASE_LINE_WORDS
            and phrases.search(text, low := text.lower())
            and not _SPEECH.search(text, low)
            and not kept(i)
        )

    for i in range(n):
        if drop[i] and kept(i):
            drop[i] = False
    # Captions: a line repeated right below itself.
    for i in range(n - 1):
        if texts[i] == texts[i + 1] and not kept(i):
            drop[i + 1] = True
            if blocks[i] == blocks[i + 1]:  # alt text + caption of one image
                drop[i] = True
    scraped = any(drop)

    # 2. The header: cruft phrases, a menu, then the title and its metadata.
    i = 0
    while i < n and (drop[i] or phrase(i)):
        drop[i] = True
        i += 1
    run = [j for j in range(i, n) if not drop[j]]
    k = 0
    while k < len(run) and _menu_like(texts[run[k]]) and not kept(run[k]):
        k += 1
    if k >= 2 and k < len(run):
        # A menu: a block of two or more short lines listed together; on a page known
        # to be scraped, also short lines in blocks of their own before the headline.
        first = sum(1 for j in run[:k] if blocks[j] == blocks[run[0]])
        if first >= 2 and blocks[run[first]] != blocks[run[0]]:
            menu = first
        elif scraped and _headline_like(texts[run[k]]) and not _ends_sentence(texts[run[k]]):
            menu = k
        else:
            menu = 0
        for j in run[:menu]:
            drop[j] = True
        scraped = scraped or menu > 0
    while i < n and drop[i]:
        i += 1

    title = ""
    title_at = -1
    if i < n and _headline_like(texts[i]) and not _BULLET_RE.match(texts[i]):
        title = _clean_title(texts[i], rules, meta)
        title_at = i
        i += 1
    header_end = i
    while i < n:
        if drop[i]:
            i += 1
            continue
        if kept(i):
            break
        if _meta_line(texts[i], meta, rules) or phrase(i) or _CREDIT_CAPTION_RE.match(texts[i]):
            drop[i] = True
            i += 1
            continue
        break
    # A date given on a dropped header line ("Published 12 March 2016").
    for j in range(header_end, i):
        if meta.date is None and drop[j] and _words(texts[j]) <= 8:
            meta.date = _find_date(texts[j])[0]
    body_start = i

    # 3. The footer: a footer marker cuts the rest; then cruft lines from the end.
    if footer_re is not None:
        for j in range(body_start + 1, n):
            if len(texts[j]) <= 120 and footer_re.match(texts[j]) and not kept(j):
                for x in range(j, n):
                    drop[x] = True
                scraped = True
                break
    # On a scraped page, short unpunctuated lines there are menu entries, form labels
    # or a "related" headline: cruft when below other footer cruft, or when last.
    j = n - 1
    fragments: list[int] = []
    while j >= body_start:
        if drop[j]:
            j -= 1
            continue
        if kept(j):
            break
        if phrase(j):
            drop[j] = True
        elif scraped and _fragment_like(texts[j]):
            fragments.append(j)
        else:
            break
        j -= 1
    if fragments:
        strong = [x for x in range(j + 1, n) if drop[x]]
        top = strong[0] if strong else n
        for x in fragments:
            if x > top or x == n - 1:
                drop[x] = True
            else:
                j = max(j, x)

    # 4. In the body, a short line with a cruft phrase, or the title again.
    low_title = title.casefold()
    short = 30 * max_words
    for x in range(body_start, j + 1):
        if drop[x]:
            continue
        text = texts[x]
        if title and abs(len(text) - len(title)) < 3 and text.casefold() == low_title:
            drop[x] = True
        elif len(text) <= short and text.count(" ") < max_words and phrase(x):
            drop[x] = True

    # 5. Paragraphs: surviving lines of one block, joined unless they read as separate.
    paras: list[str] = []
    md_heads: set[int] = set()
    prev = -1
    for x in range(n):
        if drop[x] or x == title_at:
            prev = -1
            continue
        text = texts[x]
        md = _MD_HEADING_RE.match(text) if text[0] == "#" else None
        if md:
            text = md.group(2)
        if prev >= 0 and not md and blocks[prev] == blocks[x] and _joins(texts[prev], text):
            paras[-1] = f"{paras[-1]} {text}"
        elif text:
            if md:
                md_heads.add(len(paras))
            paras.append(text)
        prev = -1 if md else x
    removed = tuple(texts[x] for x in range(n) if drop[x])

    if not title:
        title = name
    source = meta.source or _find_source(paras, removed, rules)

    # 6. Subheadings: short unpunctuated lines between two paragraphs of prose.
    heads = set(md_heads)
    prose = [len(p) > 100 or not _heading_shaped(p) for p in paras]
    for x in range(1, len(paras) - 1):
        if x in heads or prose[x]:
            continue
        if prose[x - 1] and prose[x + 1] and not (keep_re and keep_re.search(paras[x])):
            dash = _DASH_HEADING_RE.match(paras[x])
            if dash:
                paras[x] = dash.group(1)
            heads.add(x)
    body_parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for x, para in enumerate(paras):
        if x:
            pos += 2
        if x in heads:
            spans.append((pos, pos + len(para)))
        body_parts.append(para)
        pos += len(para)
    return Cleaned(
        title=title,
        body="\n\n".join(body_parts),
        headings=tuple(spans),
        source=source,
        date=meta.date,
        byline=meta.byline,
        removed=removed,
    )


def _joins(prev: str, nxt: str) -> bool:
    """Whether line ``nxt`` continues the paragraph of line ``prev`` (same block)."""
    if _BULLET_RE.match(nxt):
        return False
    if _ends_sentence(prev):
        return not _starts_upper(nxt)
    # An unpunctuated short line is a heading or a label, not a wrapped line.
    return len(prev) >= 40 or not _starts_upper(nxt)


def _heading_shaped(text: str) -> bool:
    if _DASH_HEADING_RE.match(text):
        return _words(text) <= 14
    return (
        _words(text) <= 12
        and len(text) <= 100
        and not _ends_sentence(text)
        and not text.endswith(",")
        and _starts_upper(text)
        and not _BULLET_RE.match(text)
    )


def _find_source(paras: list[str], removed: tuple[str, ...], rules: Rules) -> str | None:
    regex = rules._outlet_re
    if regex is None:
        return None
    if paras and (m := rules._dateline_re.match(paras[0])):
        return rules.outlet(m.group(1))
    for line in removed:
        if found := regex.search(line):
            return rules.outlet(found.group(0))
    # "told Reuters" / "seen by AFP": an agency naming itself in its own story. Not
    # "told the Reuters news agency" (another outlet citing it), and not when the
    # text names several outlets so. Only on a scraped page (one that had cruft):
    # a clean article that says "told Reuters" is more often another outlet's
    # story quoting the agency, and no source is better than a wrong one.
    if not removed:
        return None
    text = "\n".join(paras)
    low = text.lower()
    named: set[str] = set()
    for verb in _SELF_REF_VERBS:
        at = low.find(verb)
        while at != -1:
            end = at + len(verb)
            if (at == 0 or not low[at - 1].isalnum()) and (
                m := rules._after_verb_re.match(text, end)
            ):
                if not low.startswith(" news agency", m.end()):
                    named.add(rules.outlet(m.group(1)))
            at = low.find(verb, end)
    if len(named) == 1:
        return named.pop()
    return None
