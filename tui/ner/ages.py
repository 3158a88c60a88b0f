"""A name followed by an age is a person's.

News writes a person's age between commas right after the name: "Zapley, 31,
who won the title", "Jo Zapley, 58, said". No organisation or place is given
an age so; the tagger, reading a surname it does not know ("Zapley" after
"Kostas Zapley' lawyer"), may have typed it one. The age makes the name a
person there and everywhere in the text, and with it a name of the text that
ends in that surname ("Kostas Zapley").
"""

from __future__ import annotations

import re
from typing import Final

from tui.ner.document import CONTEXT, TAGGER, Candidate
from tui.ner.types import ORG, PERSON, PLACE

#: ", 31, who", ", 58, said": an age of 16 to 99 between commas, then a word in
#: lower case (a list of scores or figures goes on with figures or names).
_AGE: Final = re.compile(r", (?:1[6-9]|[2-9]\d), (?:[a-z])")


def people_of_an_age(cands: list[Candidate], text: str) -> None:
    """A name typed an organisation or a place right before an age is a person,
    and so is every mention of it, or of a name ending in its last word, that the
    tagger typed an organisation or a place."""
    if ", " not in text:
        return
    aged: set[str] = set()  # last words of the names given an age
    for c in cands:
        if (
            c.source == TAGGER
            and (c.type == ORG or c.type == PLACE)
            and text[c.end : c.end + 2] == ", "
            and _AGE.match(text, c.end) is not None
        ):
            aged.add(c.key.rsplit(" ", 1)[-1])
    if not aged:
        return
    for c in cands:
        if (
            c.source == TAGGER
            and (c.type == ORG or c.type == PLACE)
            and c.key.rsplit(" ", 1)[-1] in aged
        ):
            c.type, c.source = PERSON, CONTEXT
