"""A body's name goes on after "for" ("Commission for Racial Equality" is one
organisation), and opens with its nation's adjective ("Scottish Labour Party").

Bodies are named by what they are for: "Office for National Statistics",
"Institute for Public Policy Research", "Alliance for Digital Inclusion". The
tagger may end the name at "for" and read what follows as a name of its own (a
place, a person, a nationality's phrase): "Alliance" an organisation and
"Digital Inclusion" a person. :func:`bodies_for` makes the name whole where the
organisation found ends with a body's noun that takes "for" (commission, office,
institute, alliance...) and capitalised words follow it. The tagger also reads
a nationality's adjective before a body as a phrase of its own ("American" +
"Farm Bureau Federation"): :func:`national_bodies` makes it part of the name.
setup.py compiles this module with mypyc.
"""

from __future__ import annotations

from typing import Final

from tui.gazetteer import lexicon

#: Nouns of bodies named by what they are for ("Commission for Racial Equality");
#: not a team's ("Rangers for Scotland": a player's club and his country), nor an
#: office holder's ("MP for Witney": a person's seat).
FOR_HEADS: Final = frozenset(
    "commission council committee centre center institute institution office alliance "
    "coalition foundation fund trust agency association society laboratory laboratories "
    "department ministry bureau campaign network school academy college union federation "
    "league authority secretariat".split()
)

#: What never opens a body's purpose: months and weekdays ("the Commerce Department
#: for November"), and words a sentence goes on with.
_NOT_A_PURPOSE: Final = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday the a an".split()
)


def _capital(word: str) -> bool:
    """A word with a capital and lower-case letters after it: no acronym, no figure."""
    return len(word) > 1 and word[0].isupper() and word[1:2].islower()


def bodies_for(words: list[str], found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """``found`` with an organisation that ends with a noun of :data:`FOR_HEADS`, right
    before "for" and capitalised words ("Commission for Racial Equality"), taken on
    over those words, and the names found in them with it (a place, a person, a
    phrase of no type). Not when the words after "for" open with a month or a weekday
    or a given name the lists know ("the Commerce Department for November", "the
    Zapco Foundation for Jo Vale"), nor when a name found runs on past them."""
    n = len(words)
    out = found
    for i, j, t in found:
        if t != "ORG" or j >= n - 1 or words[j] != "for" or not _capital(words[j + 1]):
            continue
        if words[j - 1].lower() not in FOR_HEADS:
            continue
        first = words[j + 1].lower()
        if first in _NOT_A_PURPOSE or first in lexicon().first_names:
            continue
        b = j + 2
        while b < n and _capital(words[b]):
            b += 1
        if any(s[0] < b < s[1] for s in out):
            continue  # (a name runs on past the words)
        kept = [s for s in out if s[1] <= i or s[0] >= b]
        kept.append((i, b, "ORG"))
        kept.sort()
        out = kept
    return out


#: Last words of bodies whose name opens with their nation's adjective ("the
#: Zarbian Farmers Federation", "the Scottish Labour Party"); not a state's organs,
#: which the adjective only places ("the Zarbian Foreign Ministry", "the Zarbian
#: Senate", "a Republican Congress"). On eng.train such a body's name holds the
#: adjective 70 times for 2 that a nationality's tag keeps apart.
_NATIONAL_HEADS: Final = frozenset(
    "party union commission authority association front agency movement league "
    "federation council committee institute society academy foundation bureau alliance "
    "confederation organisation organization".split()
)


def national_bodies(
    words: list[str], found: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """``found`` with a word of no type the tagger found alone (a nationality's
    adjective: "American", "Scottish") right before an organisation that ends with
    a noun of :data:`_NATIONAL_HEADS` made part of it ("American" + "Farm Bureau
    Federation" -> "American Farm Bureau Federation")."""
    out = found
    for k in range(1, len(found)):
        i, j, t = found[k]
        a, b, kind = found[k - 1]
        if (
            t != "ORG"
            or kind != "MISC"
            or b != i
            or b - a != 1
            or not words[a].isalpha()
            or not _capital(words[a])
            or words[j - 1].lower() not in _NATIONAL_HEADS
        ):
            continue
        out = [s for s in out if s != found[k - 1] and s != found[k]]
        out.append((a, j, "ORG"))
        out.sort()
    return out
