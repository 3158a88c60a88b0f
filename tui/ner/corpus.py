"""One name, one type across a corpus, unless the evidence says otherwise.

The recogniser types a name from one text's evidence. On a page that only
lists "Amazon" beside prices the tagger may read the word as the river's place,
while the other pages of the corpus say "Amazon founder", "Amazon offers":
the corpus knows better than the page. :func:`corpus_types` takes how often
the corpus found each name with each type and says which (type, name) pairs
are the corpus's name of another type.

A type yields to another when the other is clearly the corpus's reading of
the name: at least :data:`MARGIN` times its mentions, as many documents, and
two documents at least (one text's reading is no corpus's). Evidence that
says otherwise keeps a type:

* a lone word typed a person that is the surname of a person named in full,
  with a known given name, in the corpus ("Washington" beside "Denzel
  Washington"): the person is linked to the full name, not the place;
* a name typed one way in about as many mentions as another (two entities
  share the name: both stay as the documents typed them);
* a type that an article's own context decided ("Harbourton coach" makes the
  club; "Jo Vale, 34," a person): the corpus's mentions of the town are no
  evidence about that article, and the corpus counts and searches a name and
  type as one, so the type stays, in that article and the others that have
  it (two entities share the name, as above).

A name typed a person whose first word no name list knows as a given name
("Zapper Quill"), that the context of two articles or more made an
organisation ("the band Zapper Quill", "Zapper Quill have"), is that
organisation: the tagger's guesses of a person elsewhere count for nothing
(a band, a brand, a firm named like a person).

A type that is weak evidence counts half and does not spread: a lone word
typed a person that the corpus never names in full ("Twitter" in "posted on
Twitter", "Chelsea" in "face Chelsea in the final": a given name too). On the
CoNLL-2003 dev set fewer than half of such "people" that no name list knows
are people. It yields to the type the corpus finds more often for the name in
two documents or more ("Chelsea manager", "Chelsea's Damien Duff": a team). A
word the name lists know as no given name or surname ("Yahoo", a person on five
BBC pages, an organisation on three) yields to an organisation the corpus finds
in two documents or more, however often the tagger guessed a person.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Final

from tui.gazetteer import fold, lexicon
from tui.ner.types import ORG, PERSON

#: How many times the mentions of another type the corpus's type must have.
MARGIN: Final = 1.5

Key = tuple[str, str]  # (type, name)


def corpus_totals(documents: Iterable[Mapping[Key, int]]) -> dict[Key, tuple[int, int]]:
    """(type, name) -> (mentions, documents), from each document's mentions
    per (type, name)."""
    out: dict[Key, tuple[int, int]] = {}
    for counts in documents:
        for key, n in counts.items():
            m, d = out.get(key, (0, 0))
            out[key] = (m + n, d + 1)
    return out


def corpus_types(
    totals: Mapping[Key, tuple[int, int]],
    more_surnames: Iterable[str] = (),
    decided: Collection[Key] = (),
    decided_in: Mapping[Key, int] | None = None,
) -> dict[Key, Key]:
    """(type, name) -> the (type, name) the corpus gives that name, for the
    pairs that change; ``totals``: (type, name) -> (mentions, documents).
    Names are compared folded (case, accents and dots aside). ``more_surnames``:
    folded last words of people named in full that ``totals`` may leave out;
    ``decided``: the (type, name) pairs some article's own context typed, which
    stay; ``decided_in``: how many articles' context typed each of them (by
    default one each)."""
    lex = lexicon()
    if decided_in is None:
        decided_in = dict.fromkeys(decided, 1)
    per: dict[str, dict[str, list[float]]] = {}  # folded -> type -> [mentions, docs]
    spelled: dict[tuple[str, str], list[str]] = {}  # (folded, type) -> its names
    surnames = set(more_surnames)  # last words of people named in full
    for (typ, name), (m, d) in totals.items():
        key = fold(name)
        got = per.setdefault(key, {}).setdefault(typ, [0.0, 0.0])
        got[0] += m
        got[1] += d
        spelled.setdefault((key, typ), []).append(name)
        if typ == PERSON and " " in key:
            given, _, rest = key.partition(" ")
            if given in lex.first_names:
                surnames.add(rest.rsplit(" ", 1)[-1])
    out: dict[Key, Key] = {}
    for key, types in per.items():
        if len(types) < 2:
            continue
        weak = PERSON in types and " " not in key and key not in surnames
        if (
            PERSON in types
            and ORG in types
            and " " in key
            and key.split(" ", 1)[0] not in lex.first_names
            and sum(decided_in.get((ORG, n), 0) for n in spelled[key, ORG]) >= 2
        ):
            # a "person" whose first word no list knows as a given name, that the
            # context of two articles or more made an organisation ("the band
            # Zapper Quill"): the tagger's guesses elsewhere count for nothing
            types[PERSON][0] = 0
            weak = True
        elif weak:
            # weak evidence: it counts half and does not spread; a word the name
            # lists know as no given name or surname ("Yahoo") counts for nothing
            # against an organisation the corpus finds in two documents or more
            unknown = key not in lex.first_names and key not in lex.last_names
            if unknown and ORG in types and types[ORG][1] >= 2:
                types[PERSON][0] = 0
            else:
                types[PERSON][0] /= 2
        ranked = sorted(types, key=lambda t: (-types[t][0], -types[t][1], t))
        best = ranked[0]
        mentions, docs = types[best]
        if docs < 2 or (weak and best == PERSON):
            continue
        names = spelled[key, best]
        canonical = max(names, key=lambda n: (totals[best, n][0], n))
        for other in ranked[1:]:
            other_mentions, other_docs = types[other]
            if not (weak and other == PERSON) and (
                mentions < MARGIN * other_mentions or docs < other_docs
            ):
                continue
            if other == PERSON and " " not in key and key in surnames:
                continue
            for name in spelled[key, other]:
                if (other, name) not in decided:
                    out[other, name] = (best, canonical)
    return out
