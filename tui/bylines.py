"""Bylines without job titles: "Jane Doe, Senior Correspondent" -> "Jane Doe".

Pages and their metadata glue the author's job to the name ("By Michael Hiltzik
Business Columnist"; an author field "STEVE PEOPLES, AP National Political Writer")
and sometimes the word after the byline ("Carrie Arnold November", the month of the
date under it). A byline (``byline:`` in a search, the reader's header) is the
names. A job title has one shape: a role noun last ("Columnist", "Correspondent",
"Writer", "Editor"...), qualifiers before it ("Senior", "Business", "AP National
Political"). The role nouns are a small closed class, listed here; so are the
qualifiers, needed only where no comma parts the name from its title.
"""

from __future__ import annotations

import re

#: The last word of a job title in a byline (its plural too).
ROLES = frozenset(
    "analyst anchor blogger chief columnist commentator contributor correspondent critic "
    "editor economist journalist photographer presenter producer reporter strategist "
    "writer".split()
)
#: Words that qualify a role before it, when no comma parts a name from its title
#: ("Michael Hiltzik Business Columnist").
QUALIFIERS = frozenset(
    "arts associate assistant business chief climate consumer contributing courts crime "
    "culture data defence defense deputy digital diplomatic economics economy education "
    "energy entertainment environment environmental executive fashion features film finance "
    "financial food foreign general global guest health investigative legal lifestyle local "
    "managing markets media medical metro money music national news opinion political "
    "politics property science security senior special sports staff style tech technology "
    "travel weather world".split()
)
#: Words of a date or a label glued after the names by a scraper.
_GLUED_AFTER = frozenset(
    "january february september october november december published updated posted".split()
)
#: After the first name, a part that is a title of this role alone: "Eric Song, IGN Staff".
_PART_ROLES = ROLES | {"staff"}


def _role(word: str) -> bool:
    low = word.casefold().split("-", 1)[0]  # "Editor-at-Large"
    return low in ROLES or (low.endswith("s") and low[:-1] in ROLES)


def _initials(word: str) -> bool:
    """An outlet's initials: "BBC", "AP", "CNN" (not a generation's suffix of the name
    before: "III", "JR")."""
    return (
        2 <= len(word) <= 5
        and word.isalpha()
        and word.isupper()
        and _SUFFIX_RE.fullmatch(word) is None
    )


#: A generation's suffix written in capitals: "II", "III", "IV", "JR", "SR".
_SUFFIX_RE = re.compile(r"[IVX]+|JR|SR")


def without_job_title(byline: str) -> str:
    """``byline`` without the job titles glued to its names (the names kept as they are).

    Comma-separated parts after the first that are a title ("AP National Political
    Writer", "IGN Staff") are left out; a title at the end of a name ("Michael Hiltzik
    Business Columnist") is cut off, as is a month or a label glued after the names,
    when two words of the name are left.
    """
    parts = [p.strip() for p in byline.split(",")]
    kept = [parts[0]]
    for part in parts[1:]:
        words = part.split()
        last = words[-1].casefold().split("-", 1)[0] if words else ""
        if words and len(words) <= 6 and (last in _PART_ROLES or _role(words[-1])):
            continue  # "Tom Krisher, Ap Auto Writer": the job
        kept.append(part)
    return ", ".join(_name_alone(p) for p in kept if p)


def _name_alone(name: str) -> str:
    words = name.split()
    end = len(words)
    while end > 2 and words[end - 1].casefold() in _GLUED_AFTER:
        end -= 1
    if end > 2 and _role(words[end - 1]):
        cut = end - 1
        while cut > 2 and words[cut - 1].casefold() in QUALIFIERS:
            cut -= 1
        # An outlet's initials open the title ("BBC political editor", "AP Auto
        # Writer"): they are the title's, not the name's (unless the name is in capitals).
        if not _initials(words[0]):
            for j in range(2, cut):
                if _initials(words[j]) and all(w[:1].isupper() for w in words[j + 1 : cut]):
                    cut = j
                    break
        if cut >= 2:
            end = cut
    return " ".join(words[:end]) if end < len(words) else name
