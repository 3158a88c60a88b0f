"""A lone word the tagger typed a person that the text shows to be a firm or a body.

Split from :mod:`tui.ner.companies`. A person is no "its" ("Zapco released its
new console": :func:`companies_called_it`), no one's "of" ("Jo Vale of
Zapcorda": :func:`employers_of_people`), has no members or secretary-general
("Zapgake members": :func:`bodies_before_their_people`), no share price
("Zapco fell 1.7 percent": :func:`share_movers`), and does not open an
organisation's name the text uses alone ("Zapton" beside "Zapton Brothers":
:func:`firms_by_first_word`). Each pass leaves a word the name lists know as a
given name or a surname, or that a person of the text is named with.
"""

from __future__ import annotations

import re
from typing import Final

from tui.gazetteer import Lexicon, lexicon
from tui.ner.document import LINKED, TAGGER, Candidate, retype, title_words
from tui.ner.features import fold_word
from tui.ner.types import ORG, PERSON

#: The pronoun of a thing a word or two after a name: "Zapco released its new
#: console", "Zapco and its rivals" (a person's would be "his" or "her").
_ITS: Final = re.compile(r"(?:'s|’s)?(?: [a-z]+){0,2} its ")


def companies_called_it(cands: list[Candidate], text: str) -> None:
    """A lone word typed a person that the name lists know as no given name or
    surname, which the text calls "its" right after it ("Zapco released its new
    console"), and that no person named in full in the text starts or ends
    with, is an organisation there and everywhere in the text."""
    if " its " not in text:
        return  # (what _ITS needs: no match is tried after each name)
    found: set[str] = set()
    for c in cands:
        if c.type != PERSON or c.source != TAGGER or " " in c.key or c.key in found:
            continue
        if _ITS.match(text, c.end) is not None:
            found.add(c.key)
    if not found:
        return
    lex = lexicon()
    for c in cands:
        if c.type == PERSON and " " in c.key:
            found.discard(c.key.split(" ", 1)[0])
            found.discard(c.key.rsplit(" ", 1)[1])
    _people_to_organisations(cands, found, lex)


def _people_to_organisations(cands: list[Candidate], found: set[str], lex: Lexicon) -> None:
    """The tagger's people named by one of ``found`` that the name lists know as
    no given name or surname become organisations, at every mention."""
    found = {k for k in found if k not in lex.first_names and k not in lex.last_names}
    retype(cands, found, PERSON, ORG)


#: Titles whose "of" names a place: "Lord Vale of Harbourton", "the Bishop of Ossery".
_PEERS: Final = frozenset(
    "lord lady baron baroness earl viscount duke duchess marquess count countess bishop "
    "archbishop prince princess king queen".split()
)


def employers_of_people(cands: list[Candidate], text: str) -> None:
    """A lone word typed a person right after a person named in full and "of"
    ("said Jo Vale of Zapcorda"), that the name lists know as no given name or
    surname, is the person's employer: an organisation there and everywhere in
    the text (a person is no one's "of")."""
    found: set[str] = set()
    for k in range(1, len(cands)):
        c, prev = cands[k], cands[k - 1]
        if (
            c.type == PERSON
            and c.source == TAGGER
            and " " not in c.key
            and prev.type == PERSON
            and " " in prev.key
            and text[prev.end : c.start] == " of "
            and prev.key.split(" ", 1)[0] not in _PEERS
        ):
            found.add(c.key)
    if found:
        _people_to_organisations(cands, found, lexicon())


#: Nouns of a body's people or parts right after its name: "Zapgake members",
#: "the Zapgake secretary-general" (a person's come with "administration" first).
BODY_NOUNS: Final = frozenset(
    "members member deputies officials official secretary-general unit units party faction "
    "rebels guerrillas troops forces fighters shareholders employees workers chairman leader "
    "spokesman spokeswoman".split()
)


def bodies_before_their_people(cands: list[Candidate]) -> None:
    """A lone word typed a person right before a noun of a body's people or parts
    ("Zapgake members", "Zapgake secretary-general"), that the name lists know
    as no given name or surname and that no person named in full in the text
    bears, is an organisation there and everywhere in the text ("Jo Vale
    spokesman" and "Vale spokesman" after "Jo Vale" stay people)."""
    found = {
        c.key
        for c in cands
        if c.type == PERSON and c.source == TAGGER and " " not in c.key and c.after in BODY_NOUNS
    }
    if not found:
        return
    for c in cands:
        if c.type == PERSON and " " in c.key:
            found.difference_update(c.key.split(" "))
    if found:
        _people_to_organisations(cands, found, lexicon())


#: A share price's move right after a name: "Zapco fell 1.7 percent to 395.0",
#: "Zapco gained 20.37 to 677.98", "Zapco fell to $ 2.56 from $ 2.58" (a score
#: after "lost" is a match's: "Lee lost 6-4").
_MOVED: Final = re.compile(
    r" (?:fell|rose|gained|lost|added|dropped|slipped|climbed|eased|firmed|jumped|"
    r"plunged|slumped|shed|advanced|declined)(?: to| by)?(?: [A-Z]{0,3}\$)? \d[\d.,]*"
    r"(?! ?-\d)(?: (?:percent|pct|pence|cents|points|to|from)\b)"
)


def share_movers(cands: list[Candidate], text: str) -> None:
    """A lone word or a name typed a person right before a share price's move
    ("Zapco fell 1.7 percent to 395.0", "Zapcables gained 20.37 to 677.98"),
    that the name lists know as no given name or surname and no person named
    in full in the text bears, is a company there and everywhere in the text."""
    found = {
        c.key
        for c in cands
        if c.type == PERSON and c.source == TAGGER and _MOVED.match(text, c.end) is not None
    }
    if not found:
        return
    for c in cands:
        if c.type == PERSON and " " in c.key and c.key not in found:
            found.difference_update(c.key.split(" "))
    lex = lexicon()
    found = {k for k in found if k.split(" ", 1)[0] not in lex.first_names}
    _people_to_organisations(cands, found, lex)


#: What a leader heads, right after the leader's name: "the Zapton administration".
_LED: Final = frozenset("administration presidency government cabinet campaign era aides".split())


def firms_by_first_word(cands: list[Candidate]) -> None:
    """A lone word the tagger typed a person that is the first word of an
    organisation the text names with more words ("Zapton will distribute the
    film" beside "Zapton Brothers") is that organisation, at each such mention:
    a firm named after its founders goes by that name alone. Not when a person of
    the text is named with the word ("Jo Zapton", a founder) or leads with it
    ("the Zapton administration", a president's), a title stands before it at any
    of its mentions ("Mr Zapton"), or it is a given name that the name lists know as
    no surname ("Jo" beside "Jo Zapton Trust"). Of two such organisations ("Zapton Brothers",
    "Zapton Records") it is an organisation under its own name."""
    lone: list[Candidate] = []  # the tagger's people of one word
    orgs: list[Candidate] = []  # the organisations of more words
    for c in cands:
        n = c.last - c.first  # (before the types: ints are cheaper to compare)
        if n == 1:
            if c.source == TAGGER and c.type == PERSON:
                lone.append(c)
        elif n > 1 and c.type == ORG and not c.heading:
            orgs.append(c)
    if not lone or not orgs:
        return
    firms: dict[str, str] = {}  # first word -> the organisation's name ("": two of them)
    for c in orgs:
        space = c.key.find(" ")
        if space > 0:
            word = c.key[:space]
            got = firms.get(word)
            firms[word] = c.canonical if got is None or got == c.canonical else ""
    named: set[str] | None = None  # the words of the people named in full
    lex: Lexicon | None = None
    for c in lone:
        found = firms.get(c.key)
        if found is None:
            continue
        if named is None:
            named = set()
            titles = title_words()
            for o in cands:
                if o.type == PERSON and " " in o.key:
                    named.update(o.key.split())
                elif o.last - o.first == 1 and (o.after in _LED or fold_word(o.before) in titles):
                    # a leader's ("the Zapton administration"), or a person's by a title
                    # at any mention ("Mr Zapton said ... Zapton added": both the man)
                    named.add(o.key)
        if c.key in named:
            continue
        if lex is None:
            lex = lexicon()
        if c.key in lex.first_names and c.key not in lex.last_names:
            continue  # a given name: the person's a body is named after ("Jo Zapton Trust")
        c.type, c.source = ORG, LINKED
        if found:
            c.canonical = found
