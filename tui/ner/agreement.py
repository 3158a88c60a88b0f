"""One name, one type in a text: the types a name's mentions got, made to agree.

A name written the same way in one article is one entity there (the entities
pane lists it once): its mentions take the type most of them got; a tie goes to
what the gazetteer and the lists know of the name, then to a person in a list of
people or after a title, then, for a lone word no full name of the text ends
with, away from a person, then to the tagger's scores.
A text keeps two entities apart only where it marks them: a place at a dateline
(the town a story is filed from may be its team below), a type a rule read from
the words around a mention, a longer name ("Paris Hilton" is not "Paris").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from tui.gazetteer import fold, lexicon
from tui.ner.document import GAZETTEER, TAGGER, Candidate, at_dateline
from tui.ner.types import ORG, PERSON, PLACE

#: What :func:`_agreed_type` gives when nothing breaks a tie: the mentions keep
#: the types they have.
_NO_TYPE: Final = "?"


def agree_on_types(
    cands: list[Candidate], scores: Callable[[Candidate], dict[str | None, float]] | None = None
) -> None:
    """One name, one type in a text: a name the tagger typed differently in
    different places gets the type most of its mentions got (a type from the
    context or a link counts twice). A tie goes to the type the gazetteer or the
    lists give the name (:func:`_listed_type`); to a person when a mention stands
    in a list of names most of whose others are people or right after a person's
    title, a noun of kin or a given name ("Dudek, Zarkov and Hamann", "Father
    Zarkov", "his sister Zarka", "Ahmed 'Zizo' Hassan"); a lone word's tie of a
    person and one other type, to the other type when no name of two words or
    more of the text ends with the word (the tagger takes places and firms it does
    not know for people, and news names a person in full before it uses the
    surname alone); else to the type the tagger scores highest over the name's
    mentions (``scores``: a mention's score per type), else stays; so does a tie
    of no person (a place and an organisation of one name are often both there)
    or with no type. A place at a dateline
    stays one: a town's name may be its team in the story below it; so does a
    type a rule read from the context."""
    # (a dict per name rather than a Counter: a Counter's missing keys go
    # through Python-level code, a tenth of the extraction time)
    votes: dict[str, dict[str | None, int]] = {}
    for c in cands:
        if c.source < GAZETTEER:
            per = votes.get(c.key)
            if per is None:
                per = votes[c.key] = {}
            # what the context or a link decided counts twice
            per[c.type] = per.get(c.type, 0) + (1 if c.source == TAGGER else 2)
    agreed: dict[str, str | None] = {}
    for c in cands:
        if c.source != TAGGER or (c.type == PLACE and at_dateline(c)):
            continue
        counts = votes[c.key]
        if len(counts) < 2:
            continue
        if c.key in agreed:
            best = agreed[c.key]
        else:
            best = agreed[c.key] = _agreed_type(c.key, counts, cands, scores)
        if best != _NO_TYPE and best != c.type:
            c.type = best


def _agreed_type(
    key: str,
    counts: dict[str | None, int],
    cands: list[Candidate],
    scores: Callable[[Candidate], dict[str | None, float]] | None,
) -> str | None:
    """The type of the name ``key`` by its mentions' votes ``counts``; ties as
    :func:`agree_on_types` breaks them; :data:`_NO_TYPE` when nothing does."""
    n1 = max(counts.values())
    tied = [t for t, n in counts.items() if n == n1]
    if len(tied) == 1:
        return tied[0]
    if None in tied or PERSON not in tied:
        # a name of no type (MISC) against one of ours: the pane shows one type;
        # a place and an organisation: a town and its team or council, a shop and
        # its company, named alike and told apart by the text (each keeps its own)
        return _NO_TYPE
    listed = _listed_type(key, tied, cands)
    if listed != _NO_TYPE:
        return listed
    if _listed_with_people(key, cands) or _titled(key, cands):
        # "Dudek, Finnan, Zarkov, Hamann": one of a list of people; "Father Zarkov",
        # "his sister Zarka": a person's title or kin before it
        return PERSON
    if len(tied) == 2 and " " not in key and not _ends_full_name(key, cands):
        # a lone word no full name of the text ends with: no person's surname (news
        # names a person in full first), a place or a firm the tagger does not know
        return tied[0] if tied[1] == PERSON else tied[1]
    if scores is None:
        return _NO_TYPE
    total: dict[str | None, float] = {}
    for c in cands:
        if c.key == key and c.source < GAZETTEER:
            got = scores(c)
            for t in tied:
                total[t] = total.get(t, 0.0) + got.get(t, 0.0)
    best: str | None = _NO_TYPE
    s1 = s2 = float("-inf")
    for t in tied:
        if total[t] > s1:
            best, s1, s2 = t, total[t], s1
        elif total[t] > s2:
            s2 = total[t]
    return best if s1 > s2 else _NO_TYPE


def _listed_type(key: str, tied: list[str | None], cands: list[Candidate]) -> str | None:
    """The one type of ``tied`` the gazetteer gives the name elsewhere in the
    text, else place if a mention is at a dateline, else the one the lists of
    organisations and places give it, else person if the name lists know it (a
    word of theirs, or a given name and a surname) and those lists do not
    ("Madrid", a city and a surname, typed a person and a place: the place;
    "Chelsea", a district and a given name, typed a person and an organisation:
    neither); :data:`_NO_TYPE` when none or several do."""
    for c in cands:
        if c.key == key and c.source == GAZETTEER and c.type in tied:
            return c.type
    if PLACE in tied and any(c.key == key and c.type == PLACE and at_dateline(c) for c in cands):
        return PLACE  # the town the story was filed from
    lex = lexicon()
    known = [
        t for t in tied if (t == ORG and key in lex.orgs) or (t == PLACE and key in lex.places)
    ]
    if len(known) == 1:
        return known[0]
    if PERSON in tied and key not in lex.orgs and key not in lex.places:
        words = key.split()
        if len(words) == 1:
            if key in lex.first_names or key in lex.last_names:
                return PERSON
        elif words[0] in lex.first_names and words[-1] in lex.last_names:
            return PERSON  # a given name and a surname ("Griffin Park": no surname)
    return _NO_TYPE


def _ends_full_name(word: str, cands: list[Candidate]) -> bool:
    """Whether a name of two words or more of the text, of any type, ends with the
    folded ``word`` ("Orla Brandt" for "brandt", whatever the tagger made of it)."""
    for c in cands:
        if " " in c.key and c.key.endswith(word) and c.key[-len(word) - 1] == " ":
            return True
    return False


#: The words between two names of one list (the word after the first name).
_LIST_WORDS: Final = frozenset((",", "and", "or", "&"))


def _joined(a: Candidate, b: Candidate) -> bool:
    """Whether the name ``b`` follows the name ``a`` in one list: "A, B", "A and B",
    "A, and B" (by their words: one or two between them)."""
    gap = b.first - a.last
    return a.after in _LIST_WORDS and (gap == 1 or (gap == 2 and a.after == ","))


def _listed_with_people(key: str, cands: list[Candidate]) -> bool:
    """Whether a mention of the name ``key`` stands in a list of names most of whose
    others are people ("Dudek, Finnan, Zarkov and Hamann", a team's line-up): the
    items of one list are of one kind."""
    n = len(cands)
    for k in range(n):
        if cands[k].key != key:
            continue
        others: list[Candidate] = []
        j = k
        while j > 0 and _joined(cands[j - 1], cands[j]):
            j -= 1
            others.append(cands[j])
        j = k
        while j + 1 < n and _joined(cands[j], cands[j + 1]):
            j += 1
            others.append(cands[j])
        people = sum(1 for o in others if o.type == PERSON and o.key != key)
        if people * 2 > len(others):
            return True
    return False


#: Nouns of kin before a person's name: "his sister Zarka", "her husband Jo".
_KIN: Final = frozenset(
    "wife husband son daughter brother sister mother father uncle aunt cousin nephew niece "
    "grandson granddaughter girlfriend boyfriend widow fiancee fiance partner".split()
)


#: Titles that come before a person's name only (not "Former", "Chief", "Defence":
#: "Former Zarbia", "Defence Zapco" are no people).
_HONORIFICS: Final = frozenset(
    "mr mrs ms miss dr sir lord lady dame father rev judge prof professor imam rabbi sheikh".split()
)


def _titled(key: str, cands: list[Candidate]) -> bool:
    """Whether a mention of the name ``key`` comes right after a person's title in
    capitals ("Father Zarkov", "Dr Zarkov"), a noun of kin ("his sister Zarka"), or
    a person's given name as a nickname in quotes ("Ahmed 'Zizo' Hassan")."""
    for k in range(len(cands)):
        c = cands[k]
        if c.key == key and c.before:
            if c.before.lower() in _KIN or (
                c.before[:1].isupper() and fold(c.before) in _HONORIFICS
            ):
                return True
            if (
                c.before in _QUOTES
                and k > 0
                and cands[k - 1].type == PERSON
                and cands[k - 1].last + 1 == c.first
            ):
                return True
    return False


_QUOTES: Final = frozenset("'\"‘“")
