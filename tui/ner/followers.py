"""A person's surname before a noun that only a person's name takes.

Before a common noun a name reads to the tagger as a firm's ("Zapcorp
employees"), so "an anonymous Quillby holdover" and "the Quillby administration"
come out organisations. Some nouns belong to people, no firm: those a leader
appointed, kept or taught, a leader's presidency or doctrine
(:data:`PERSONS_NOUNS`); a leader's administration or era too, though a city has
an administration ("the Harbourton administration"): :data:`OFFICE_NOUNS`. Before
one of them, a lone word that names a person in this text, or that the name lists
know as a surname, is that person (:func:`people_before_their_nouns`).

Not nouns a firm, a club or a country has too: "aide" ("a Pentagon aide"),
"supporters" and "loyalists" (a club's, a cause's), "government" ("the Jordan
government"), "allies". Nor a word the lists know as an organisation or a
country ("Ford", "Jordan"), whatever the noun; nor, before an office noun, a
place the lists know that the text names no person by.
"""

from __future__ import annotations

from typing import Final

from tui.gazetteer import lexicon
from tui.ner.document import LINKED, TAGGER, Candidate
from tui.ner.types import ORG, PERSON

#: Nouns only a person's name takes as its modifier: "Quillby holdover", "Quillby
#: appointees", "the Quillby doctrine".
PERSONS_NOUNS: Final = frozenset(
    "holdover holdovers appointee appointees crony cronies acolyte acolytes protege "
    "proteges protégé protégés biographer presidency doctrine".split()
)
#: A leader's time in office, which a place has too: "the Quillby administration".
OFFICE_NOUNS: Final = frozenset(("administration", "era"))


def people_before_their_nouns(cands: list[Candidate], text: str) -> None:
    """A lone word the tagger typed an organisation, right before a noun of
    :data:`PERSONS_NOUNS` or :data:`OFFICE_NOUNS` ("an anonymous Quillby holdover",
    "the Quillby administration"), that is the surname of a person the text names
    in full or one the name lists know, and that no list knows as an organisation
    or a country (nor as a place, before an office noun, unless the text names a
    person by it), is a person: there and at the text's other mentions the tagger
    typed an organisation."""
    found: dict[str, bool] = {}  # folded word -> before an office noun only
    for c in cands:
        w = c.after
        if (
            (w in PERSONS_NOUNS or w in OFFICE_NOUNS)
            and c.type == ORG
            and c.source == TAGGER
            and " " not in c.key
            and text.startswith(" ", c.end)
        ):
            found[c.key] = found.get(c.key, True) and w in OFFICE_NOUNS
    if not found:
        return
    lex = lexicon()
    named = {c.key.rsplit(" ", 1)[-1] for c in cands if c.type == PERSON and " " in c.key}
    people: set[str] = set()
    for k, office in found.items():
        if k in lex.orgs or k in lex.countries:
            continue
        if k in named or (k in lex.last_names and not (office and k in lex.places)):
            people.add(k)
    for c in cands:
        if c.key in people and c.type == ORG and c.source == TAGGER:
            c.type, c.source = PERSON, LINKED
