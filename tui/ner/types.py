"""The entity types, defined once for the whole recogniser (and its callers)."""

from __future__ import annotations

from typing import Final

PERSON: Final = "person"
PLACE: Final = "place"
ORG: Final = "org"
DATE: Final = "date"

#: The types a name can have (what the index's person:/place:/org: fields hold).
NAME_TYPES: Final = (PERSON, PLACE, ORG)
#: Every type a mention can have.
ENTITY_TYPES: Final = (PERSON, PLACE, ORG, DATE)

#: CoNLL-2003 types -> ours. MISC (events, nationalities, works...) has no
#: Dossier type: the tagger learns it so as to tell it apart, and drops it.
FROM_CONLL: Final = {"PER": PERSON, "LOC": PLACE, "ORG": ORG}
TO_CONLL: Final = {v: k for k, v in FROM_CONLL.items()}

#: Spellings a user may write in entities.yaml -> the type.
TYPE_ALIASES: Final = {
    "person": PERSON,
    "per": PERSON,
    "people": PERSON,
    "place": PLACE,
    "loc": PLACE,
    "location": PLACE,
    "gpe": PLACE,
    "org": ORG,
    "organisation": ORG,
    "organization": ORG,
    "date": DATE,
}
