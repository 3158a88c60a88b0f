"""Names that the text shows to be bodies or places, where the tagger read a person.

* a name with a spokesman for a brief ("Zarnia Cymru health spokesman") is a
  party or a body: a person's spokesman is "Lee's spokesman", with no brief
  (:func:`briefs_of_spokesmen`);
* a name of two words or more that no name list reads as a person's, right
  before a possessive and a person named in full ("Zarnia Cymru's Jo Lee"), is
  that person's party or employer (:func:`owners_named_in_full`);
* such a name right after a person named in full and "of" ("Jo Vale, of Zarnia
  Cymru") is that person's body (:func:`bodies_of_people`);
* a name of words news writes in lower case, its last no surname, or whose
  later words the text writes in lower case, is no person
  (:func:`phrases_of_common_words`), nor is one inside a sentence that opens
  with such a word, no given name or title (:func:`common_word_people`, moved
  from :mod:`tui.ner.things`);
* a listed place right before an elected office and its holder ("Zarnia Rep.
  Jo Lee", "Zarnia Governor Jo Lee") is the place the holder stands for
  (:func:`places_of_office_holders`);
* a name whose words cut short or contract the words of an organisation the text
  names in full ("Harb Utd" beside "Harbourton United") is that organisation
  (:func:`clipped_names`).

Each changes only what the tagger guessed, never a gazetteer entry.
"""

from __future__ import annotations

import re
from typing import Final

from tui.gazetteer import Lexicon, fold, lexicon
from tui.ner.document import (
    LINKED,
    TAGGER,
    Candidate,
    canonical_form,
    speaks,
    surname_alone,
    title_words,
)
from tui.ner.features import fold_word
from tui.ner.types import ORG, PERSON, PLACE
from tui.ner.vocabulary import FUNCTION_WORDS

#: One or two lower-case words (a brief: "health", "home affairs") and a spokesman,
#: after the name or its possessive (not a person's own: "Lee's official spokesman").
_BRIEF: Final = re.compile(
    r"(?:['’]s)? (?!(?:official|own|personal|press|chief|senior|new|former|deputy|"
    r"acting|top|a|the|his|her) )(?:[a-z]+ ){1,2}spokes(?:man|woman|person)\b"
)
_POSSESSIVE: Final = ("'s ", "’s ")
#: A possessive and an office held in a body: "'s former President", "'s Leader".
_OFFICE_HELD: Final = re.compile(r"['’]s (?:(?:former|deputy|new|acting) )?([A-Z][a-z]+)\b")
#: Elected offices written before their holder's name, and the places they stand for.
_OFFICES: Final = frozenset(
    "sen. sen senator rep. rep representative gov. gov governor congressman "
    "congresswoman assemblyman assemblywoman".split()
)


def _retype(cands: list[Candidate], keys: set[str], to: str) -> None:
    """Every mention the tagger typed a person (or, for a place, anything) of
    ``keys``, typed ``to`` there and everywhere in the text."""
    for c in cands:
        if c.key in keys and c.source == TAGGER and c.type != to:
            c.type, c.source = to, LINKED


def briefs_of_spokesmen(cands: list[Candidate], text: str) -> None:
    """A name typed a person right before a brief and "spokesman" ("Zarnia Cymru
    health spokesman", "Zarnia Cymru's home affairs spokeswoman": a name that reads
    as no person's) is an organisation: a party or a body has a spokesman for each
    brief, a person an official one."""
    if "spokes" not in text:
        return  # (what _BRIEF needs: most texts have no spokesman, no match is tried)
    bodies: set[str] = set()
    for c in cands:
        if c.type != PERSON or c.source != TAGGER:
            continue
        brief = _BRIEF.match(text, c.end)
        # after a possessive, only a name that reads as no person's ("Jo Lee's
        # health spokesman" may be a party leader's)
        if brief is not None and (brief.group(0)[0] == " " or _no_persons_name(c.key)):
            bodies.add(c.key)
    if bodies:
        _retype(cands, bodies, ORG)


def owners_named_in_full(cands: list[Candidate], text: str) -> None:
    """A name of two words or more typed a person, whose first word no list knows as
    a given name or a title and whose last no list knows as a surname, right before
    "'s" and a person named in full with a given name the lists know ("Zarnia
    Cymru's Jo Lee"; not a work's "Madame Zapfly"), or an office ("Zarnia Cymru's
    former President"), is an organisation.
    (:func:`tui.ner.roles.owners_of_people` does it for a lone word.)"""
    lex = lexicon()
    owners: set[str] = set()
    for k in range(len(cands)):
        c = cands[k]
        if c.type != PERSON or c.source != TAGGER or " " not in c.key:
            continue
        if not _no_persons_name(c.key):
            continue
        nxt = cands[k + 1] if k + 1 < len(cands) else c
        if (
            nxt is not c
            and nxt.type == PERSON
            and " " in nxt.key
            and nxt.key.split(" ", 1)[0] in lex.first_names
            and text[c.end : nxt.start] in _POSSESSIVE
        ):
            owners.add(c.key)
        else:
            office = _OFFICE_HELD.match(text, c.end)
            if office is not None and office.group(1).lower() in title_words():
                owners.add(c.key)
    if owners:
        _retype(cands, owners, ORG)


def _no_persons_name(key: str) -> bool:
    """Whether a folded name of two words or more reads as no person's: its first
    word no given name or title the lists know, its last no surname."""
    lex = lexicon()
    words = key.split()
    return (
        len(words) >= 2
        and words[0] not in lex.first_names
        and words[0] not in title_words()
        and words[-1] not in lex.last_names
    )


def bodies_of_people(cands: list[Candidate], text: str) -> None:
    """A name of two words or more typed a person that reads as no person's, right
    after a person named in full and "of" ("Jo Vale, of Zarnia Cymru, said") is the
    person's party or employer: an organisation there and everywhere in the text."""
    bodies: set[str] = set()
    for k in range(1, len(cands)):
        c, prev = cands[k], cands[k - 1]
        if (
            c.type == PERSON
            and c.source == TAGGER
            and prev.type == PERSON
            and " " in prev.key
            and text[prev.end : c.start] in (" of ", ", of ")
            and _no_persons_name(c.key)
        ):
            bodies.add(c.key)
    if bodies:
        _retype(cands, bodies, ORG)


def places_of_office_holders(cands: list[Candidate], text: str) -> None:
    """A name the place lists know, typed a person or an organisation, right before
    an elected office and a person ("Zarnia Rep. Jo Lee") is the place."""
    places = lexicon().places
    found: set[str] = set()
    for k in range(len(cands) - 1):
        c, nxt = cands[k], cands[k + 1]
        if c.type not in (ORG, PERSON) or c.source != TAGGER or c.key not in places:
            continue
        between = text[c.end : nxt.start]
        if (
            nxt.type == PERSON
            and between[:1] == " "
            and between[-1:] == " "
            and between.strip().lower() in _OFFICES
        ):
            found.add(c.key)
    if found:
        _retype(cands, found, PLACE)


#: Verbs right after a name that say it speaks.
_SPEAKS: Final = frozenset("said says say announced announces warned warns told added".split())


def phrases_of_common_words(
    cands: list[Candidate], case: dict[str, str], lower: set[str] | None = None
) -> None:
    """A name of two words or more typed a person whose first word no list knows as
    a given name, a surname or a title (nor an initial), and whose last word is one
    news writes in lower case and no list knows as a surname ("Migration Watch",
    "Subscriber Line", "Brass Eye"; not "Chen Gang", "N. Speak", "Will Hope") is no
    person: an organisation if a mention speaks ("Zarvel Watch said"), else no
    entity of ours (a title, a product, a scheme, a horse).

    So is one whose later words the text itself writes in lower case (``lower``),
    two of them or one no list knows as a surname ("Strange Frozen Moon" beside
    "a frozen moon": a caption's words; not "Zoltan Rose" beside "prices rose"):
    an organisation where the text types it one elsewhere (Pew Internet), a
    person where a mention speaks ("Elra Zusk said", as a caption's words do
    not), and no entity else; not when its first word is a person's name in the
    text ("Zapp Impeachment Inquiry" beside "Mr Zapp").

    Neither rule takes a name whose last word the text writes alone by a verb of
    speech, where the tagger reads a person ("Sadio Zane ... the lion's zane ...
    Zane said": news calls a person by the surname, which may be a common word
    no list knows), nor one written after a person's title ("striker Sadio
    Zane", "Minister Zeta Storm")."""
    lex = lexicon()
    found: set[str] = set()
    surnames: set[str] | None = None  # the last words of the text's people's names
    lowered: set[str] = set()  # found by the text's own lower case
    alone: set[str] | None = None  # the words the text names a person by alone
    titled: set[str] = set()  # the names the text writes after a person's title
    for c in cands:
        if c.type != PERSON or c.source != TAGGER or " " not in c.key or c.key in found:
            continue
        words = c.key.split()
        last = words[-1]
        first = words[0]
        if (
            len(first.rstrip(".")) <= 1
            or first in lex.first_names
            or first in lex.last_names
            or first in title_words()
            or c.surface.isupper()
        ):
            continue
        by_case = case.get(last) == "L" and last not in lex.last_names
        if not by_case and (lower is None or not _written_in_lower_case(words[1:], lower, lex)):
            continue
        if alone is None:
            alone = {p.key for p in cands if surname_alone(p)}
            titled = {p.key for p in cands if fold(p.before) in title_words()}
        if last in alone or c.key in titled:
            continue  # "Sadio Zane ... Zane said", "striker Sadio Zane": a person
        if by_case:
            found.add(c.key)
            continue
        if surnames is None:
            surnames = {p.key.rsplit(" ", 1)[-1] for p in cands if p.type == PERSON}
        if first in surnames:
            continue  # "Zapp Impeachment Inquiry" beside "Mr Zapp"
        mentions = [p for p in cands if p.key == c.key]
        if any(p.type == ORG for p in mentions) or not any(speaks(p) for p in mentions):
            found.add(c.key)
            lowered.add(c.key)
    if not found:
        return
    # one that speaks ("Zarvel Watch said") is a body that does, and so is one found
    # by the text's lower case that the text types an organisation elsewhere
    speaking = {
        c.key
        for c in cands
        if c.key in found
        and ((c.after in _SPEAKS and c.key not in lowered) or (c.type == ORG and c.key in lowered))
    }
    for c in cands:
        if c.key in found and c.type == PERSON and c.source == TAGGER:
            c.type, c.source = (ORG if c.key in speaking else None), LINKED


def _written_in_lower_case(words: list[str], lower: set[str], lex: Lexicon) -> bool:
    """Whether the text writes each of ``words`` in lower case, and they are two
    or more or one that no list knows as a surname (many are common words)."""
    if not all(w in lower for w in words):
        return False
    return len(words) >= 2 or words[0] not in lex.last_names


def _clipped(part: str, word: str) -> bool:
    """Whether ``part`` is ``word``, or ``word`` cut short ("Man", "Manchester") or
    contracted ("Utd", "United": its first letter, then some of its consonants in
    order; "News" is a word of its own, no "Networks")."""
    if part == word:
        return True
    if len(part) < 2 or len(part) >= len(word) or part[0] != word[0] or not word.isalpha():
        return False
    if word.startswith(part):
        return True
    if any(ch in "aeiouy" for ch in part[1:]):
        return False
    at = 1
    for ch in part[1:]:
        at = word.find(ch, at) + 1
        if at == 0:
            return False
    return True


def clipped_names(cands: list[Candidate]) -> None:
    """A name of two words or more, each word capitalised, that cuts short or
    contracts the words of an organisation named in full in the text ("Harb Utd"
    beside "Harbourton United"), is that organisation there and everywhere in
    the text, under its full name (an organisation's name cut short is left as it
    is: the corpus counts it as its full name's when articles name both)."""
    # by the number of spaces: the organisations named in full, and their words, each
    # name once (its first mention: the one a name cut short is matched with first)
    named: dict[int, dict[str, tuple[Candidate, list[str]]]] = {}
    for c in cands:
        if c.type == ORG and " " in c.key:
            named.setdefault(c.key.count(" "), {}).setdefault(c.key, (c, c.key.split()))
    if not named:
        return
    full = {spaces: list(names.values()) for spaces, names in named.items()}
    places = lexicon().places
    clipped: dict[str, Candidate] = {}
    # (a mention like one already read gives the same answer: a long text repeats its
    # names, and each was read against every organisation: 60 s for 4.5 MB)
    read: set[tuple[str, str | None, str]] = set()
    for c in cands:
        # (a place is no organisation's name cut short: "Zarnia" beside "Zarnian Air")
        if c.source != TAGGER or c.type in (None, PLACE) or " " not in c.key:
            continue
        if c.key in clipped or c.key in places:
            continue
        seen = (c.key, c.type, c.surface)
        if seen in read:
            continue
        read.add(seen)
        parts = c.key.split()
        # (an organisation named in full with as many words, other than this name and
        # with its first letter, asked first: most names have none, and their
        # surfaces are not split and read)
        options = full.get(len(parts) - 1)
        if options is None:
            continue
        initial = parts[0][0]
        if not any(whole[0][0] == initial and o.key != c.key for o, whole in options):
            continue
        words = c.surface.split()
        if not all(w[:1].isupper() for w in words):
            continue
        for o, whole in options:
            # (a word cut short or contracted keeps its first letter: most pairs
            # differ there, and their words are not compared one by one)
            if whole[0][0] != initial or o.key == c.key:
                continue
            if not all(_clipped(p, w) for p, w in zip(parts, whole, strict=True)):
                continue
            # an organisation's name cut short (not contracted) is left to the
            # corpus, which links them by the articles naming both ("Zarn Dem" and
            # "Zarnian Democrats": tui.ner.aliases); joined here, they would not meet
            if c.type == ORG and all(w.startswith(p) for p, w in zip(parts, whole, strict=True)):
                continue
            clipped[c.key] = o
            break
    if not clipped:
        return
    for c in cands:
        whole_name = clipped.get(c.key)
        if whole_name is not None and c.source == TAGGER:
            c.type, c.canonical, c.source = ORG, whole_name.canonical, LINKED


#: What may come before the first word of a sentence or a quotation.
_OPENERS: Final = frozenset(". ! ? : ; \" “ ” ‘ ' ( [ - – — | * •".split())
#: Words that open a group's or a title's name rather than a sentence: "The Zapflies".
_DETERMINERS: Final = frozenset(
    "the a an his her their its our my your this that these those".split()
)


def common_word_people(cands: list[Candidate], case: dict[str, str]) -> None:
    """No person: a name of two words or more that the tagger took for a person,
    though its first word is one news nearly always writes in lower case
    (``case``: "L") and no given name or title, written with a capital inside a
    sentence: a work's, a product's or a band's name ("a bundle with Bonus Case",
    "her novel Small Harbour", "bands such as Public Quarrel"). People's names
    open with a given name or a title; a sentence's first word ("Singer Zed
    Quennell") is capitalised by its place and may be an occupation, so it stays.

    Not a name after a capitalised person's title, none of whose words is one and
    whose last a list knows as a surname ("Judge Rand Rubin"; not "Chief Strategy
    Officer", "Leader Success Mindset"); an occupation before two
    words, the first no common word, the last a surname a list knows, is cut off
    ("Actor and Producer Zed Quennell": Zed Quennell; not "Fight The Power",
    "Battle Angel Zita").

    At a sentence's start, such a word is cut off when the text names the rest on
    its own and never writes the whole inside a sentence: the sentence's word
    ("Rapper Zed Quill" beside "Zed Quill", "Make Quill pay" beside "Quill"), no
    person's given name; not after a determiner ("The Zapflies")."""
    lex = lexicon()
    keys: set[str] | None = None
    inside: set[str] = set()
    for c in cands:
        if c.type != PERSON or c.source != TAGGER or " " not in c.key or c.caps:
            continue  # (a line in capitals hides the words' case)
        if not c.before or c.before in _OPENERS:
            first, _, rest = c.key.partition(" ")
            if (
                len(first) > 1
                and case.get(first) == "L"
                and first not in _DETERMINERS
                and first not in lex.first_names
                and first not in title_words()
            ):
                if keys is None:
                    keys = {k.key for k in cands}
                    inside = {k.key for k in cands if k.before and k.before not in _OPENERS}
                if rest in keys and c.key not in inside:
                    _cut_first_word(c)  # "Rapper Zed Quill" beside "Zed Quill"
            continue
        first = c.key.split(" ", 1)[0]
        if len(first.rstrip(".")) < 2 or case.get(first) != "L":
            continue
        if first in lex.first_names or first in title_words():
            continue
        words = c.key.split(" ")
        titles = title_words()
        if (
            c.before[:1].isupper()
            and fold_word(c.before) in titles
            and words[-1] in lex.last_names
            and not any(w in titles for w in words)
        ):
            continue  # "Judge Rand Rubin": a title's person (not "Chief Strategy Officer")
        if (
            len(words) == 3
            and words[1] not in FUNCTION_WORDS
            and case.get(words[1]) != "L"
            and words[2] in lex.last_names
        ):
            _cut_first_word(c)  # "Producer Zed Quennell": an occupation, then the person
            continue
        c.type = None


def _cut_first_word(c: Candidate) -> None:
    """The mention without its first word, which becomes the word before it."""
    s = c.surface
    space = 0
    while not s[space].isspace():
        space += 1
    rest = space
    while s[rest].isspace():
        rest += 1
    c.before = s[:space]
    c.start += rest
    c.first += 1
    c.surface = s[rest:]
    c.key = fold_word(c.surface)
    c.canonical = canonical_form(c.surface)
