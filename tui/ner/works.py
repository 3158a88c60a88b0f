"""Titles of works in a text: a recorded work's after "single", "song", "album" and the
like ("the single Zorvo Lane"), and names that mostly follow a "The" inside a sentence
("she read The Grey Harbour twice"). :func:`tui.ner.things.drop_common_words` drops
them as no names. setup.py compiles this module with mypyc.
"""

from __future__ import annotations

from typing import Final

from tui.gazetteer import Lexicon
from tui.ner.document import Candidate
from tui.ner.spans import org_suffixes

#: Nouns of recorded works whose titles follow them ("the single Zorvo Lane",
#: "singles include Zorvo Lane, ..."); "singles" alone is a tennis event.
_WORKS: Final = frozenset("single song track album singles songs tracks albums hits".split())
#: Words between such a noun and a list of titles ("hits include ...").
_LIST_VERBS: Final = frozenset("include includes included including".split())
#: Words that make "single" a count, not a work: "a single Zorvo goal".
_ONE: Final = frozenset("a an one any every no not".split())


#: The words of :data:`_WORKS` that are no plural, their last letters, and the last
#: letters of all of them.
_WORK_NOUNS: Final = ("single", "song", "track", "album")
_WORK_ENDS: Final = ("e", "g", "k", "m")
_WORKS_ENDS: Final = ("e", "g", "k", "m", "s")


def _ends_like_work(text: str, at: int) -> bool:
    """Whether the last character before ``at`` (past white space), lower-cased, is
    the last letter of a word of :data:`_WORKS`."""
    j = min(at, len(text)) - 1
    while j >= 0 and (ord(text[j]) == 32 or text[j].isspace()):
        j -= 1
    return j >= 0 and text[j].lower() in _WORKS_ENDS


def lists_titles(text: str) -> bool:
    """False when :func:`listed_work` cannot find a list of titles in the text: no
    "include" (or "includes", ...) comes right after what may end a word of
    :data:`_WORKS` ("singles include"). News writes "including" often; rarely so."""
    at = text.find("includ")
    while at >= 0:
        if _ends_like_work(text, at):
            return True
        at = text.find("includ", at + 6)
    return False


def may_follow_work(c: Candidate, text: str) -> bool:
    """False when :func:`listed_work` cannot find ``c`` right after a word of
    :data:`_WORKS` that is no plural (its one way to a title where
    :func:`lists_titles` says the text has no list): the characters before the name
    (past white space), lower-cased, end in no such word ("the"). Lower case is by
    character, and no character but U+212A (to "k") lowers to an ASCII letter
    alone. The look back and the split of the sentence that listed_work makes are
    then not made (2% of extraction)."""
    j = min(c.start, len(text)) - 1
    while j >= 0 and (ord(text[j]) == 32 or text[j].isspace()):
        j -= 1
    if j < 0 or text[j].lower() not in _WORK_ENDS:
        return False
    return text[max(0, j - 5) : j + 1].lower().endswith(_WORK_NOUNS)


def listed_work(c: Candidate, text: str, lex: Lexicon) -> bool:
    """A name a sentence gives as a recorded work's title: right after "single",
    "song", "track" or "album" ("the single Zorvo Lane went to number one"), or
    among titles listed after such a noun and "include" ("Their singles include
    Zorvo Lane, Held The Door and Yes"); a name a list knows stays."""
    if not text or c.key in lex.places or c.key in lex.orgs:
        return False
    bol = max(text.rfind(".", 0, c.start), text.rfind("\n", 0, c.start)) + 1
    words = text[bol : c.start].replace(",", " , ").split()
    if not words:
        return False
    last = words[-1].lower()
    if last in _WORKS and not last.endswith("s"):
        # not "a single Zorvo goal": the one thing, no title
        return len(words) < 2 or words[-2].lower() not in _ONE
    for i in range(len(words) - 1, 0, -1):
        w = words[i]
        if w in _LIST_VERBS:
            return words[i - 1].lower() in _WORKS
        if not (w[:1].isupper() or w[:1].isdigit() or w in (",", "and", "&")):
            return False  # a word in lower case: the list, if any, ended
    return False


def work_titles(cands: list[Candidate], text: str, lex: Lexicon) -> set[str]:
    """The keys of names of two or more words, at least two and half of whose
    mentions follow a "The" in capitals inside a sentence ("she read The Grey
    Harbour twice"): the title of a work, not an organisation ("told The Daily
    Courier": a word of an organisation's name keeps it, and "The Grey Owls", a
    band, its plural)."""
    after_the: dict[str, list[int]] = {}
    for c in cands:
        if " " not in c.key:
            continue
        counts = after_the.setdefault(c.key, [0, 0])
        counts[0] += 1
        if c.before == "The":
            at = text.rfind("The", 0, c.start)
            k = at - 1
            while k >= 0 and text[k] == " ":
                k -= 1
            if k >= 0 and (text[k].islower() or text[k] == ","):
                counts[1] += 1
    if not any(t >= 2 for _, t in after_the.values()):
        return set()
    suffixes = org_suffixes()
    return {
        key
        for key, (n, t) in after_the.items()
        if t >= 2
        and t * 2 >= n
        and key not in lex.orgs
        and not key.endswith("s")  # a plural: a band or a team ("The Rolling Stones")
        and not any(w in suffixes for w in key.split())
    }
