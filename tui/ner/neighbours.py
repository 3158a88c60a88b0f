"""A lone word among names of one kind is of that kind, not the place the tagger guessed.

The tagger reads a capitalised word it does not know by its shape; a word no
place list knows then often comes out a place. Its neighbours in a list say
better what it is:

* a list of three names or more whose others are all people is a list of
  people: "the auditors, Jo Vale, Zorina, Quill and the board" makes "Zorina" a
  person (:func:`list_neighbours`);
* a list whose others are all organisations is one of organisations: "Zapbank
  Amro, Velmo Paribas, Kessyon, and Dorn Kleinwort Vale" makes "Kessyon" and
  "Dorn Kleinwort Vale" banks;
* a surname joined by "and" or "or" to a person of the text named in full is a
  person too: "unlike the Vance and Quill inquiries" after "Jo Quill" makes
  "Vance" a person (:func:`people_beside_people`).

Each changes only what the tagger guessed (a lone word typed a place; in a list
of organisations, a name typed a person whose first word is no given name),
never a name a list or the gazetteer gave, and makes that word the same type at
its other such mentions in the text. :mod:`tui.ner.lists` reads
the other way round: a lone word typed a person in a list of known places or
organisations (:func:`tui.ner.lists.list_members`).
"""

from __future__ import annotations

from typing import Final

from tui.gazetteer import Lexicon, lexicon
from tui.ner.document import GAZETTEER, TAGGER, Candidate, retype
from tui.ner.lists import name_lists
from tui.ner.types import ORG, PERSON, PLACE

#: What joins the two names of a pair: "the Vance and Quill inquiries".
_PAIR_JOINS: Final = frozenset((" and ", " or "))


def _sure_person(c: Candidate, lex: Lexicon) -> bool:
    """A person named in full with a given name the name lists know or initials, or
    by one word they know as a given name or a surname ("Top Zapgear" is no one's
    name)."""
    if c.type != PERSON:
        return False
    key = c.key
    if " " in key:
        first = c.surface.split(" ", 1)[0].replace(".", "")
        # (or by initials: "J Quill", "KP Quill")
        return key.split(" ", 1)[0] in lex.first_names or (len(first) <= 2 and first.isupper())
    return key in lex.last_names or key in lex.first_names


def _sure_org(c: Candidate, lex: Lexicon) -> bool:
    """An organisation of two words or more, one the lists or the gazetteer know."""
    return c.type == ORG and (" " in c.key or c.key in lex.orgs or c.source >= GAZETTEER)


def _weak_person(c: Candidate, lex: Lexicon) -> bool:
    """A name of two words or more the tagger typed a person, whose first word no
    name list knows as a given name ("Dorn Kleinwort Vale"): a firm's shape too."""
    return (
        c.type == PERSON
        and c.source == TAGGER
        and " " in c.key
        and not c.caps
        and c.key.split(" ", 1)[0] not in lex.first_names
    )


def _unknown_place(c: Candidate, lex: Lexicon) -> bool:
    """A lone word the tagger typed a place that no place list knows."""
    return (
        c.type == PLACE
        and c.source == TAGGER
        and " " not in c.key
        and not c.caps
        and c.key not in lex.places
        and c.key not in lex.countries
    )


def list_neighbours(cands: list[Candidate], text: str) -> None:
    """A lone word typed a place that no place list knows, in a list of three names
    or more ("A, B, C", "A, B and C") but not its last, whose others are all people
    (named in full with a given name or initials, or by a name the lists know) is a
    person; one whose others are organisations (two at least, of two words or more
    or known to a list; the rest such places, or people whose first word is no
    given name) is an organisation, and so is such a "person" of the list ("Dorn
    Kleinwort Vale"); there and everywhere in the text."""
    lex: Lexicon | None = None
    people: set[str] = set()
    firms: set[str] = set()
    for members in name_lists(cands, text):
        if lex is None:
            lex = lexicon()
        last = members[-1]
        for c in members:
            weak = _weak_person(c, lex)
            if not weak and (c is last or not _unknown_place(c, lex)):
                continue  # (a lone word last may open a noun phrase: "and Zapco managers")
            others = [o for o in members if o is not c]
            if not weak and all(_sure_person(o, lex) for o in others):
                people.add(c.key)
            elif sum(1 for o in others if _sure_org(o, lex)) >= 2 and all(
                _sure_org(o, lex) or _weak_person(o, lex) or _unknown_place(o, lex) for o in others
            ):
                firms.add(c.key)
    retype(cands, people - firms, PLACE, PERSON)
    retype(cands, firms - people, PLACE, ORG)
    retype(cands, firms - people, PERSON, ORG)


def _named_in_full(cands: list[Candidate], lex: Lexicon) -> set[str]:
    """The surnames of the people the text names in full with a given name the
    lists know ("Jo Quill": "quill")."""
    out: set[str] = set()
    for c in cands:
        if c.type == PERSON and " " in c.key:
            given, _, rest = c.key.partition(" ")
            if given in lex.first_names:
                out.add(rest.rsplit(" ", 1)[-1])
    return out


def people_beside_people(cands: list[Candidate], text: str) -> None:
    """A lone word typed a place that the name lists know as a surname and as no
    country or organisation, joined by "and" or "or" to a person
    the text names in full with a given name the lists know, or by the surname of
    one, is a person there and everywhere in the text ("the Vance and Quill
    inquiries" after "Jo Quill", "Vance or Jo Quill"). A place the lists know stays
    one unless the text names a person in full with it ("Harbourton and Quill":
    the town)."""
    found: dict[str, str] = {}
    lex: Lexicon | None = None
    full: set[str] | None = None  # the surnames of the people named in full
    for k in range(1, len(cands)):
        a, b = cands[k - 1], cands[k]
        if b.first != a.last + 1 or not 4 <= b.start - a.end <= 5:
            continue
        if text[a.end : b.start] not in _PAIR_JOINS:
            continue
        for lone, other in ((a, b), (b, a)):
            if (
                lone.source == TAGGER
                and lone.type == PLACE
                and " " not in lone.key
                and not lone.caps
                and other.type == PERSON
            ):
                if lex is None:
                    lex = lexicon()
                if full is None:
                    full = _named_in_full(cands, lex)
                if other.key not in full and not (
                    " " in other.key and other.key.split(" ", 1)[0] in lex.first_names
                ):
                    continue  # (a person named in full, or by the surname of one)
                if (
                    lone.key in lex.last_names
                    and lone.key not in lex.countries
                    and lone.key not in lex.orgs
                    and (lone.key not in lex.places or lone.key in full)
                ):
                    found[lone.key] = lone.type
    for key, was in found.items():
        retype(cands, {key}, was, PERSON)
