"""The user's corrections: a line marked as cruft, or as article text, on one source.

A correction lives in the user's ``boilerplate.yaml`` (its ``sources:`` key, read by
:func:`tui.cleaning.load_rules`)::

    sources:
      example.com:
        drop: ['Most read this week']
        keep: ["Editor's note"]

and applies the next time an article of that source is cleaned (the rules'
fingerprint changes, so the index re-cleans on its next update). The functions
here edit that file safely: under a lock (two copies of the app may write at
once), through a temporary file renamed over the old one (a crash leaves the old
file whole), and touching only the ``sources:`` section: the user's other keys
and comments stay as written. A file that is not valid YAML is never overwritten.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from tui.cleaning.rules import line_key, source_key, user_rules_path
from tui.yamlfile import ConfigError, edit_lock, load_yaml, read_mapping, replace_text

_TOP_KEY_RE = re.compile(r"^\S")
_SOURCES_RE = re.compile(r"^sources\s*:")
_HEADER = "# sources: lines marked in the reader as cruft (drop) or as article text (keep).\n"


def source_corrections(
    source: str, path: Path | None = None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The (drop, keep) lines the user's file holds for ``source``."""
    entry = _sources(_read(path or user_rules_path())).get(source_key(source), {})
    return tuple(entry.get("drop", ())), tuple(entry.get("keep", ()))


def mark_line(source: str, line: str, *, cruft: bool, path: Path | None = None) -> Path:
    """Record that ``line`` is cruft (``cruft=True``) or article text on ``source``.

    Marking a line one way removes a mark the other way. Returns the file written.
    Raises :class:`ValueError` (one line) for an empty source or line, or a user
    file that cannot be read as rules.
    """
    text = " ".join(line.split())
    if not text or not source.strip():
        raise ValueError("a correction needs a source and a non-empty line")
    target = path or user_rules_path()

    def change(entry: dict[str, list[str]]) -> None:
        add, other = ("drop", "keep") if cruft else ("keep", "drop")
        entry[other] = [t for t in entry.get(other, []) if line_key(t) != line_key(text)]
        if not any(line_key(t) == line_key(text) for t in entry.get(add, [])):
            entry.setdefault(add, []).append(text)

    _edit(target, source, change)
    return target


def unmark_line(source: str, line: str, path: Path | None = None) -> bool:
    """Forget any mark of ``line`` on ``source``; True when there was one."""
    target = path or user_rules_path()
    if not target.exists():
        return False
    found = False

    def change(entry: dict[str, list[str]]) -> None:
        nonlocal found
        for key in ("drop", "keep"):
            kept = [t for t in entry.get(key, []) if line_key(t) != line_key(line)]
            if len(kept) != len(entry.get(key, [])):
                found = True
            entry[key] = kept

    _edit(target, source, change)
    return found


# --------------------------------------------------------------------------- file


def _read(path: Path) -> dict[str, Any]:
    try:
        data = read_mapping(path, "rule lists")
    except ConfigError as exc:
        raise ValueError(str(exc)) from None
    return data or {}


def _sources(data: dict[str, Any]) -> dict[str, dict[str, list[str]]]:
    raw = data.get("sources") or {}
    if not isinstance(raw, dict):
        raise ValueError("'sources' must map a source to drop: and keep: lists")
    out: dict[str, dict[str, list[str]]] = {}
    for name, entry in raw.items():
        entry = entry or {}
        if not isinstance(entry, dict):
            raise ValueError(f"sources.{name} must be a mapping with drop: and keep: lists")
        lists: dict[str, list[str]] = {}
        for key in ("drop", "keep"):
            items = entry.get(key) or []
            if isinstance(items, str):
                items = [items]
            lists[key] = [str(t) for t in items]
        merged = out.setdefault(source_key(str(name)), {"drop": [], "keep": []})
        for key in ("drop", "keep"):
            merged[key].extend(lists[key])
    return out


def _edit(path: Path, source: str, change: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with edit_lock(path):
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        try:
            data = _read(path)
            sources = _sources(data)
        except ValueError as exc:
            raise ValueError(f"{path}: not changed: {exc}") from None
        key = source_key(source)
        entry = sources.setdefault(key, {"drop": [], "keep": []})
        change(entry)
        if not entry.get("drop") and not entry.get("keep"):
            del sources[key]
        new_text = _with_sources(text, sources)
        # The rest of the file must read back exactly as it was.
        check = load_yaml(new_text) or {}
        if {k: v for k, v in check.items() if k != "sources"} != {
            k: v for k, v in data.items() if k != "sources"
        }:
            raise ValueError(f"{path}: not changed: its sources: section could not be replaced")
        replace_text(path, new_text)


def _with_sources(text: str, sources: dict[str, dict[str, list[str]]]) -> str:
    """``text`` with its top-level ``sources:`` section replaced by ``sources``."""
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    i = 0
    while i < len(lines):
        if _SOURCES_RE.match(lines[i]):
            if out and out[-1] == _HEADER:
                out.pop()
            i += 1
            while i < len(lines) and not _TOP_KEY_RE.match(lines[i]):
                i += 1
            continue
        out.append(lines[i])
        i += 1
    body = "".join(out)
    if not sources:
        return body
    if body and not body.endswith("\n"):
        body += "\n"
    clean = {name: {k: v for k, v in entry.items() if v} for name, entry in sorted(sources.items())}
    dumped = yaml.safe_dump(
        {"sources": clean}, allow_unicode=True, sort_keys=False, default_flow_style=False
    )
    return body + _HEADER + dumped
