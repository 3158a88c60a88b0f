"""The user's corrections of a person's full name, followed by the surname alone
in the texts that never name the person in full.

The user retypes "Jane Quill" (the tagger's person) as a place, or marks it as no
entity, in one article. That article's own "Quill" follows the correction
(:func:`tui.ner.document.link_short_forms`); so must the "Quill" of an article
that only ever writes the surname ("Quill said on Monday"): the corpus links a
lone surname to the person named in full elsewhere, and there is no such person
any more. :func:`follow_user_corrections` gives such a lone surname the
correction, unless the text names another person with that surname in full, or
the user corrected two names with that surname differently.
"""

from __future__ import annotations

from tui.gazetteer import Gazetteer, lexicon
from tui.ner.document import GAZETTEER, IGNORED, LINKED, Candidate, title_words
from tui.ner.types import PERSON

#: A surname -> the type the user's correction gives it (None: no entity) and the name.
Corrections = dict[str, tuple[str | None, str]]


def _person_shaped(key: str) -> bool:
    """Whether a folded name reads as a person's named in full: two words or more,
    the first a given name the lists know or a title."""
    parts = key.split()
    return len(parts) >= 2 and (parts[0] in lexicon().first_names or parts[0] in title_words())


def user_surnames(gaz: Gazetteer) -> Corrections:
    """The surnames of the people the user's list retypes (not as another person)
    or ignores, with what it makes of them; surnames two corrections disagree on
    left out. Worked out once per version of ``gaz``."""
    return gaz.derived("user_surnames", lambda: _user_surnames(gaz))


def _user_surnames(gaz: Gazetteer) -> Corrections:
    out: Corrections = {}
    clash: set[str] = set()

    def note(surname: str, what: tuple[str | None, str]) -> None:
        if out.setdefault(surname, what) != what:
            clash.add(surname)

    for key, entry in gaz.entries.items():
        if entry.user and entry.type != PERSON and _person_shaped(key):
            note(key.rsplit(" ", 1)[1], (entry.type, entry.canonical))
    for key in gaz.user_ignored:
        if _person_shaped(key):
            note(key.rsplit(" ", 1)[1], (None, ""))
    for surname in clash:
        del out[surname]
    # a surname the lists name on their own keeps its own entry
    return {k: v for k, v in out.items() if k not in gaz.entries and k not in gaz.ignore}


def follow_user_corrections(cands: list[Candidate], corrections: Corrections) -> None:
    """A lone surname the tagger typed a person, with no person of the text named
    in full with it, that the user corrected in a full name: the correction."""
    if not corrections:
        return
    named = {c.key.rsplit(" ", 1)[1] for c in cands if c.type == PERSON and " " in c.key}
    for c in cands:
        if c.type != PERSON or c.source >= GAZETTEER or " " in c.key or c.key in named:
            continue
        got = corrections.get(c.key)
        if got is None:
            continue
        typ, canonical = got
        if typ is None:
            c.type, c.source = None, IGNORED
        else:
            c.type, c.canonical, c.source = typ, canonical, LINKED
