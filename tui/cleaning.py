"""Cleaning scraped article text (placeholder: replaced by the cleaning work)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from collections.abc import Iterable


@dataclass(frozen=True)
class Rules:
    """Boilerplate patterns, from config/boilerplate.yaml plus the user's file."""

    patterns: tuple[str, ...] = ()


@dataclass(frozen=True)
class Cleaned:
    title: str
    body: str  # paragraphs joined by "\n\n"
    headings: tuple[tuple[int, int], ...] = ()  # spans of subheading paragraphs in body
    source: str | None = None
    date: str | None = None  # ISO "YYYY-MM-DD"
    byline: str | None = None
    removed: tuple[str, ...] = ()  # lines dropped as cruft


def load_rules(paths: Iterable[Path] = ()) -> Rules:
    return Rules()


def clean(raw: str, rules: Rules | None = None, *, name: str = "") -> Cleaned:
    paras = [" ".join(p.split()) for p in raw.replace("\r\n", "\n").split("\n\n")]
    paras = [p for p in paras if p]
    title = paras[0] if paras else name
    return Cleaned(title=title, body="\n\n".join(paras[1:]))
