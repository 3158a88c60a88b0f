"""A legislator's party and state after their name: the state is the place.

American papers write a member of Congress's party and state after the name,
between commas or in brackets: "Rep. Jo Zell, R-Texas, said", "Sen. Kim Dray
(D-N.M.)". The tokens keep the party's letter on the state ("R-Texas"), and an
abbreviated state is cut at its first stop ("R-W" of "R-W.Va."): the tagger types
that piece a place, which the facets then list as "R-W". Here the place is the
state alone, all of it ("Texas", "W.Va."), when a person's name ends right before
the comma or bracket: the shape of the designation, not a list of states.
"""

from __future__ import annotations

from typing import Final

from tui.gazetteer import fold
from tui.ner.document import Candidate, canonical_form
from tui.ner.tokens import tokenize
from tui.ner.types import PERSON, PLACE

#: The parties' letters: Republican, Democrat, independent.
_PARTIES: Final = "RDI"
#: The longest state a designation holds ("Massachusetts", "N.Dak.").
_LONGEST: Final = 14


def _state_end(text: str, start: int) -> int:
    """Where the state that starts at ``start`` ends: before the comma, bracket or
    space that closes the designation; 0 when it holds anything but letters and
    stops, or is too long to be one."""
    end = start
    size = len(text)
    while end < size and end - start <= _LONGEST:
        ch = text[end]
        if ch.isalpha() or ch == ".":
            end += 1
            continue
        break
    if end == start or end - start > _LONGEST or end >= size:
        return 0
    if text[end] not in ",);":
        return 0  # (a stop before the comma or bracket is the abbreviation's: "Vt.")
    return end


def party_states(cands: list[Candidate], text: str) -> None:
    """The state of a party designation after a person's name, a place: the
    candidate that holds "<party letter>-<State>" right after "<person>, " or
    "<person> (" becomes the state, as far as the designation goes ("R-W.Va." ->
    "W.Va."), typed a place."""
    if not text or "-" not in text:
        return
    for k in range(1, len(cands)):
        c = cands[k]
        if c.type is None:
            continue
        s = c.surface
        if len(s) < 3 or s[1] != "-" or s[0] not in _PARTIES or not s[2].isupper():
            continue
        prev = cands[k - 1]
        if prev.type != PERSON:
            continue
        gap = text[prev.end : c.start]
        if gap not in (", ", " (", "("):
            continue
        start = c.start + 2
        end = _state_end(text, start)
        if not end:
            continue
        if end > c.end:
            c.last += len(tokenize(text, c.end, end))
        state = text[start:end]
        c.start, c.end = start, end
        c.surface = state
        c.key = fold(state)
        c.canonical = canonical_form(state)
        c.type = PLACE
