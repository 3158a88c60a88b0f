"""Named-entity recognition for news articles: people, places, organisations (and dates).

The recogniser lives in :mod:`tui.ner` (a learned tagger, the gazetteers, the
document-level passes); this module is its public surface for the rest of
Dossier: :class:`Mention`, :class:`Recognizer`, :func:`entity_id`,
:func:`default_recognizer`, and (re-exported) :class:`Gazetteer` /
:func:`load_gazetteer`.
"""

from __future__ import annotations

from tui.gazetteer import Gazetteer, load_gazetteer
from tui.ner.mention import Mention, entity_id
from tui.ner.recognizer import RULES_VERSION, Recognizer, default_recognizer
from tui.ner.types import DATE, ORG, PERSON, PLACE

__all__ = [
    "DATE",
    "ORG",
    "PERSON",
    "PLACE",
    "RULES_VERSION",
    "Gazetteer",
    "Mention",
    "Recognizer",
    "default_recognizer",
    "entity_id",
    "load_gazetteer",
]
