"""What the recogniser reports: one mention of a name in a text."""

from __future__ import annotations

from typing import NamedTuple

from tui.gazetteer import fold


def entity_id(type: str, canonical: str) -> str:  # noqa: A002 - public name
    """The identity of an entity across articles, e.g. ``person:sergei lavrov``."""
    return f"{type}:{fold(canonical)}"


class Mention(NamedTuple):
    """One mention: its span in the text, the text, its type and canonical name.

    A named tuple rather than a frozen dataclass: extraction makes one per
    mention (57,000 for the BBC corpus) and a frozen dataclass's constructor
    costs three times as much, compiled or not.
    """

    start: int
    end: int
    text: str
    type: str
    canonical: str

    @property
    def id(self) -> str:
        return entity_id(self.type, self.canonical)


class Evidence(NamedTuple):
    """What a text says about its names beyond their mentions."""

    #: The (type, canonical name) pairs whose type the text's own context decided (a
    #: club's coach, a person's age): the corpus keeps them
    #: (:func:`tui.ner.corpus.corpus_types`).
    decided: set[tuple[str, str]]
    #: (acronym, full name) of the organisations the text writes with their acronym
    #: in brackets ("Zarnian Tennis Association (ZTA)"): one organisation's names
    #: across the corpus too (:func:`tui.ner.aliases.organisation_links`).
    bracketed: set[tuple[str, str]]
