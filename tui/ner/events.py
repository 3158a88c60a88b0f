"""Events the tagger takes for firms, places or people: shows, fairs, festivals.

The tagger reads "the Zapford Air Show" as an organisation, "the Quellin Film
Festival" as a place (its first word is a city's) and "The Jo Vale Show" as a
person (its first words are hers). A name whose last word is the noun of an event
(:data:`EVENT_HEADS`: a show, a fair, a festival, an exhibition, a summit, awards)
is the event's, or a programme's: a name of no Dossier type (CoNLL-2003's MISC, as
"Venice Film Festival" there), at each of its mentions (:func:`events`).

Only nouns that name events and nothing else a news text names with capitals:
not "Conference" ("Southeastern Conference" is a body), "Forum" ("World Economic
Forum" is one), "Games" ("Zapstar Games" is a firm), "Congress" or "League".
A name the lists know as an organisation or a place stays ("Lee's Summit").
"""

from __future__ import annotations

from typing import Final

from tui.gazetteer import lexicon
from tui.ner.document import GAZETTEER, LINKED, Candidate
from tui.ner.types import PERSON

#: The last words of events' names: "Zapford Air Show", "World Zapexpo Expo",
#: "Quellin Book Fair", "Quellin Film Festival", "Great Exhibition", "Quellin
#: Carnival", "Zapmusic Awards", "World Championships", "Zarn Summit".
EVENT_HEADS: Final = frozenset(
    "Show Shows Expo Fair Festival Exhibition Carnival Awards Championships Olympics Summit".split()
)


def events(cands: list[Candidate]) -> None:
    """A name of two words or more ending in an event's noun (:data:`EVENT_HEADS`),
    typed by the tagger or the context, that no list knows as an organisation or a
    place, is an event's or a programme's: no name of a Dossier type, there and at
    every mention of it ("the Zapford Air Show", "The Jo Vale Show"); so is its
    first word alone where the tagger read it as a person and no list knows it as
    a person's name or a place ("Zapdance" of "the Zapdance Film Festival")."""
    found: set[str] = set()
    for c in cands:
        s = c.surface
        at = s.rfind(" ")
        if at < 0 or c.type is None or c.source >= GAZETTEER:
            continue
        if s[at + 1 :] in EVENT_HEADS:
            found.add(c.key)
    if not found:
        return
    lex = lexicon()
    found = {k for k in found if k not in lex.orgs and k not in lex.places}
    # the event's first word alone, that the tagger read as a person ("Zapdance"
    # of "the Zapdance Film Festival") and no list knows as a person's name
    firsts = {k.split(" ", 1)[0] for k in found if not k.startswith("the ")}
    firsts = {
        w
        for w in firsts
        if w not in lex.first_names and w not in lex.last_names and w not in lex.places
    }
    for c in cands:
        if c.source < GAZETTEER and (c.key in found or (c.type == PERSON and c.key in firsts)):
            c.type, c.source = None, LINKED
