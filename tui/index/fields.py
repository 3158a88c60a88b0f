"""What an index's fields are called and hold, without Whoosh: the schema's version, the
field names, the files' names, the entity fields' terms and marks, a search hit.

:mod:`~tui.index.schema` builds Whoosh's schema on these (and exports them too). They
live apart so that the library and the app can name them, and hold a
:class:`~tui.index.SearchIndex` unopened, without importing Whoosh: the app's first
frame needs none of it (issue 13: ~125 ms of the launch, more on a busy machine).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

#: Bump when the schema or what goes into a document changes: the index is rebuilt.
#: 10: the entity summary stored as text (tui.index.summaries.pack_summary).
SCHEMA_VERSION = 10
ENTITY_FIELDS = ("person", "place", "org")
FIELDS = ("id", "path", "title", "body", "source", "date", "byline", *ENTITY_FIELDS)
#: The fields a free word of a query is looked for in, stemmed by language.
TEXT_FIELDS = ("title", "body")
INDEX_NAME = "MAIN"
META_NAME = "dossier-meta.json"
#: The language of a document that names none and whose text shows none.
DEFAULT_LANGUAGE = "en"

#: Marks an entity field's entry that says an article's own context decided a name's
#: type ("Harbourton coach": the club), beside the name's own entries: the corpus's
#: pass keeps that type for the name (:func:`tui.index.retype.name_types`). No name
#: starts with it (names start with a letter or a figure); no search or count lists it.
DECIDED = "="


def is_decided(term: str) -> bool:
    """Whether an entity field's term is a mark (:data:`DECIDED`, :func:`alias_mark`),
    no name."""
    return term[:1] == DECIDED


def alias_mark(short: str, full: str) -> str:
    """The mark an article's organisation field holds for an acronym it writes in
    brackets after the organisation's name ("Zarnian Tennis Association (ZTA)"):
    evidence that both are one organisation's names (tui.index.aliases)."""
    return f"{DECIDED}{DECIDED}{short}{DECIDED}{full}"


def alias_of(term: str) -> tuple[str, str] | None:
    """(acronym, full name), as terms, of an :func:`alias_mark`'s term; else None."""
    if not term.startswith(DECIDED + DECIDED):
        return None
    short, sep, full = term[2:].partition(DECIDED)
    return (short, full) if sep and short and full else None


@lru_cache(maxsize=1 << 16)
def entity_term(canonical: str) -> str:
    """How a canonical entity name is stored in its field (one term per entity)."""
    return " ".join(canonical.replace(",", " ").split()).lower()


@lru_cache(maxsize=1 << 16)
def field_term(canonical: str) -> str:
    """The term an entity field's text gives ``canonical`` (its :func:`entity_term`, as
    :func:`tui.index.summaries.name_counts` reads it back): made once per name and
    process, for :func:`tui.index.summaries.term_counts`."""
    term = entity_term(canonical)
    if term != term.lower() or term[:1].isspace() or term[-1:].isspace():
        term = term.strip().lower()
    return term


@dataclass(frozen=True)
class RawHit:
    """One search hit, engine-neutral."""

    doc: dict[str, Any]
    score: float
    matches: tuple[tuple[int, int], ...]  # spans in the body
