"""A name's last word says where it ends and what kind of name it is.

* a name the tagger ended right before a capitalised noun of buildings ("Zapton"
  in "the new Zapton Stadium") goes on to it: the building's name, a place
  (:func:`facility_heads`);
* a name the tagger ended right before a capitalised noun of newspapers ("Zapton
  County" in "the Zapton County Register") goes on to it, and "the", a capitalised
  word and such a noun ("the Zapton News-Register", a hyphenated name the tagger
  reads as no name) are a newspaper's name, an organisation (:func:`paper_heads`);
* a name inside a sentence whose last word is a capitalised preposition or
  conjunction ("Zapcall In, a service") is a product's or a feature's, which
  keeps a function word as no person's, place's or organisation's does; a name
  the lists know before it ("the Zarbian Union In his speech", a stop lost) is
  that name, the function word cut off; a given name the lists know and the
  word are a person's name (Cantonese "To", Hebrew "Or": "Johnnie To")
  (:func:`function_word_ends`);
* a name the tagger opened with a job's noun and "of" ("Head of Fundamental" in
  "Head of Fundamental Research at Zapco") is a job's title, no name
  (:func:`job_titles`);
* a name of two words or more the tagger typed a person, whose last word is a
  company the lists know and no surname they know, and whose first word is no
  given name, is a machine's maker and its engine's ("Zelvar Honda", a racing car),
  an organisation's name (:func:`maker_engines`);
* a name the tagger typed an organisation or a person, followed by a comma and a
  state's abbreviation ("Zapton County, Calif., sheriff's office"), is the town's
  or the county's name, a place (:func:`towns_before_states`).
"""

from __future__ import annotations

from typing import Final

from tui.gazetteer import fold, lexicon
from tui.ner.document import LINKED, TAGGER, Candidate, canonical_form, retype
from tui.ner.types import ORG, PERSON, PLACE

#: Nouns of buildings and grounds that end their names ("Zapton Stadium"), in lower case.
_FACILITIES: Final = frozenset("stadium arena theatre theater auditorium airport cathedral".split())


def facility_heads(
    words: list[str], found: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """``found`` (a line's spans: first word, end word, CoNLL type) with a name the
    tagger ended right before a capitalised noun of buildings ("Zapton" in "the
    new Zapton Stadium") carried on to it: the word names the building, "Zapton
    Stadium", a place, and the name alone is only the town, the sponsor or the
    person the building is named after. Not when another capitalised word follows
    the noun, which then starts a longer name ("the Zapton Stadium Trust"), nor
    when a name starts there."""
    n = len(words)
    out: list[tuple[int, int, str]] | None = None
    for k in range(len(found)):
        a, b, _ = found[k]
        if b >= n:
            continue
        head = words[b]
        # (its first letter, a capital, read by its code: most names end before a
        # word in lower case or a stop, and no other test is made)
        first = ord(head[0])
        if not 65 <= first <= 90 or head.lower() not in _FACILITIES or not head[1:].islower():
            continue
        if b + 1 < n and words[b + 1][:1].isupper():
            continue
        if k + 1 < len(found) and found[k + 1][0] == b:
            continue
        if out is None:
            out = list(found)
        out[k] = (a, b + 1, "LOC")
    return found if out is None else out


#: Nouns that end newspapers' names ("Zapton Register", "Zapton News-Register"), in
#: lower case.
_PAPERS: Final = frozenset(
    "register herald tribune gazette chronicle courier inquirer sentinel telegraph "
    "examiner dispatch bulletin journal".split()
)


#: The nouns as a newspaper's name writes them, its capital first ("Register").
_PAPER_WORDS: Final = frozenset(noun.capitalize() for noun in _PAPERS)


def _paper_noun(word: str) -> bool:
    """Whether ``word`` is a capitalised newspaper's noun, alone or after a hyphen
    ("Register", "News-Register")."""
    # (one look-up of the word as it is: a noun with its capital and the rest in
    # lower case is one of the set's spellings, and no new string is made)
    if word in _PAPER_WORDS:
        return True
    if "-" not in word or not 65 <= ord(word[0]) <= 90:
        return False
    return word[word.rfind("-") + 1 :] in _PAPER_WORDS


def _news_paper(words: list[str], a: int, b: int) -> bool:
    """Whether ``words[a:b]`` end in "News" and are no town the lists know ("the
    Zapton Mercury News" is a paper, "Newport News" a city)."""
    return words[b - 1] == "News" and fold(" ".join(words[a:b])) not in lexicon().places


def paper_heads(
    words: list[str], found: list[tuple[int, int, str]], capital: list[int] | None = None
) -> list[tuple[int, int, str]]:
    """``found`` (a line's spans, as :func:`facility_heads` takes them) with a name
    the tagger ended right before a capitalised noun of newspapers ("Zapton County"
    in "the Zapton County Register") carried on to it, an organisation: the county
    alone is the paper's town, not the paper. And "the", a capitalised word no span
    holds and such a noun ("the Zapton News-Register") are a newspaper's name, and
    so is a name of two words or more the tagger ended with the noun and typed a
    place or no type (a person, when the noun is hyphenated). Not when another
    capitalised word follows the noun, nor when a name starts there. "News" is
    such a noun after a name ("the Zapton Mercury News"), unless the name and it
    are a town the lists know ("Newport News"), not after "the" and a word alone
    ("the Latest News"). ``capital``: the indexes of the line's words with a
    capital letter, if known (the only words such a noun can be)."""
    n = len(words)
    out: list[tuple[int, int, str]] | None = None
    for k in range(len(found)):
        a, b, kind = found[k]
        if kind != "ORG" and b - a >= 2 and (_paper_noun(words[b - 1]) or _news_paper(words, a, b)):
            # a place's or no type's name that ends in the noun is the paper ("the
            # Zapton Gazette-Courier"); a person's only when the noun is hyphenated
            # (a surname: "Jim Courier")
            if kind != "PER" or "-" in words[b - 1]:
                if out is None:
                    out = list(found)
                out[k] = (a, b, "ORG")
            continue
        if b < n and (_paper_noun(words[b]) or _news_paper(words, a, b + 1)):
            if not (b + 1 < n and words[b + 1][:1].isupper()) and not (
                k + 1 < len(found) and found[k + 1][0] == b
            ):
                if out is None:
                    out = list(found)
                out[k] = (a, b + 1, "ORG")
    # "the Zapton News-Register": a word and the noun, no span of the tagger's
    taken: set[int] | None = None
    for j in capital if capital is not None else list(range(n)):
        # (only the words with a capital, when the line's are known; the word's
        # length and the word two before it first: most are shorter than the
        # nouns, six letters or more, or not after a "the")
        if j < 2 or len(words[j]) < 6 or words[j - 2] != "the" or not _paper_noun(words[j]):
            continue
        if taken is None:
            spans = found if out is None else out
            taken = {i for a, b, _ in spans for i in range(a, b)}
        if j in taken or j - 1 in taken:
            continue
        if not words[j - 1].isalpha() or not words[j - 1][0].isupper():
            continue
        if j + 1 < n and words[j + 1][:1].isupper():
            continue
        if out is None:
            out = list(found)
        out.append((j - 1, j + 1, "ORG"))
    if out is None:
        return found
    out.sort()
    return out


#: Prepositions and conjunctions: no name of a person, a place or an organisation
#: ends with one.
_FUNCTION_WORDS: Final = frozenset("in on at of for to by with from and or into".split())


def _function_word_last(c: Candidate, text: str) -> int:
    """Where the last word of a name of two words or more inside a sentence starts,
    if it is a capitalised preposition or conjunction ("Zapcall In"), else 0. Not in
    a heading or a line in capitals, nor before a capitalised word, where every
    word has its capital ("Zapco In Talks With Quillo")."""
    s = c.surface
    space = s.rfind(" ")
    # (the last word's length first: no function word has more than four letters,
    # and most names end in a longer word)
    if space < 0 or len(s) - space > 5 or c.caps or c.heading:
        return 0
    last = s[space + 1 :]
    if not (last[:1].isupper() and last.lower() in _FUNCTION_WORDS and not last.isupper()):
        return 0
    if text[c.end : c.end + 1] == " " and text[c.end + 1 : c.end + 2].isupper():
        return 0
    return space


def function_word_ends(cands: list[Candidate], text: str) -> None:
    """A name of two words or more inside a sentence that ends in a capitalised
    preposition or conjunction ("launches of voice mail and Zapcall In, a service
    which ...", "the Zapflix Making Of"): a product's, a feature's or a work's
    name, no entity of ours there and at its other mentions in the text, whatever
    the tagger or a later pass would make of it. A name the lists know as an
    organisation or a place, or a given name and a word, before the function word
    is that name, the function word cut off: a sentence's stop was lost ("leave
    the Zarbian Union In his speech, ..."). A given name the lists know before
    the word is a person's, the word their surname ("Johnnie To", "Andy On"): left
    as the tagger found it (not after "the": "the Carry On films")."""
    if not text:
        return
    lex = None
    products: set[str] = set()
    for c in cands:
        if c.source != TAGGER or c.type is None:
            continue
        space = _function_word_last(c, text)
        if not space:
            continue
        head = c.surface[:space].rstrip()
        key = fold(head)
        if lex is None:
            lex = lexicon()
        if (
            " " not in key
            and key in lex.first_names
            and key not in lex.places
            and c.before.lower() != "the"  # "the Carry On films"
        ):
            continue  # a given name and a surname that is the word ("Jo To", "Jo On")
        if (
            key in lex.orgs
            or key in lex.places
            or (" " in key and key.split(" ", 1)[0] in lex.first_names)
        ):
            c.after2 = c.after
            c.after = c.surface[space + 1 :].lower()
            c.end = c.start + len(head)
            c.last -= 1
            c.surface = head
            c.key = key
            c.canonical = canonical_form(head)
        else:
            products.add(c.key)
    if products:
        for c in cands:
            if c.key in products and c.source == TAGGER:
                c.type, c.source = None, LINKED


#: Nouns of jobs that open a job's title with "of" ("Head of Research", "Director of
#: Markets"), in lower case: no name of a person, a place or an organisation opens so.
_JOBS: Final = frozenset(
    "head director chief chairman chairwoman president secretary minister governor "
    "manager editor professor commissioner deputy".split()
)


def job_titles(cands: list[Candidate]) -> None:
    """A name the tagger opened with a capitalised job's noun and "of" ("Head of
    Fundamental" in "Ana Zorn, Head of Fundamental Research at Zapco"): the words of
    a job's title, written with capitals as signatures write them, no entity. Not
    when the words after "of" are a name the lists know ("President of Zarnia" is
    left as the tagger found it)."""
    lex = None
    for c in cands:
        if c.source != TAGGER or c.type is None:
            continue
        s = c.surface
        # (" of " looked for first, with no new string: most names hold none)
        if " of " not in s:
            continue
        space = s.find(" ")
        # (the first word's length: 4 to 13 letters, as the nouns)
        if not 4 <= space <= 13 or s[space + 1 : space + 4] != "of ":
            continue
        if s[:space].lower() not in _JOBS or not s[1:space].islower():
            continue
        if lex is None:
            lex = lexicon()
        rest = fold(s[space + 4 :])
        if rest in lex.orgs or rest in lex.places:
            continue
        c.type, c.source = None, LINKED


def maker_engines(cands: list[Candidate]) -> None:
    """A name of two or three words the tagger typed a person whose last word is a
    company the lists know and no surname they know, and whose first word is no
    given name they know ("Zelvar Honda": a racing car's maker and its engine's),
    is an organisation's name, there and at its other mentions. "Henry Ford" (a
    given name) and "Edsel Ford" ("Ford" a surname too) are left as they are."""
    lex = None
    found: set[str] = set()
    for c in cands:
        if c.type != PERSON or c.source != TAGGER:
            continue
        key = c.key
        space = key.rfind(" ")
        if space < 0:
            continue
        if lex is None:
            lex = lexicon()
        # (the last word a company first: most people's is none)
        last = key[space + 1 :]
        if last not in lex.orgs or last in lex.last_names:
            continue
        words = key.split(" ")
        if len(words) <= 3 and words[0] not in lex.first_names:
            found.add(key)
    if found:
        for c in cands:
            if c.key in found and c.type == PERSON and c.source == TAGGER:
                c.type, c.source = ORG, LINKED


#: The abbreviations of American states as the tokens keep them, with their dot
#: ("Calif.", "N.Y."): after a name and a comma, they say the name is a town's or a
#: county's.
_STATES: Final = frozenset(
    "Calif. Mass. Conn. Penn. Wash. Ariz. Fla. Ill. Mich. Minn. Tenn. Va. Ga. Ala. Okla. "
    "Ore. Colo. Nev. Wis. Ky. La. Md. Mo. Neb. Kan. N.Y. N.J. N.C. S.C. N.M. N.H. N.D. "
    "S.D. R.I. D.C.".split()
)


def towns_before_states(cands: list[Candidate]) -> None:
    """A name the tagger typed an organisation or a person, followed by a comma and
    a state's abbreviation ("the Zapton County, Calif., sheriff's office", "Vance,
    Mich."), is a town's or a county's name, a place, there and at its other
    mentions: the tagger reads the organisation's noun after it ("sheriff's
    office") or a surname's shape. Not a name the lists know as an organisation."""
    lex = None
    firms: set[str] = set()
    people: set[str] = set()
    for c in cands:
        # (the word after it a comma first: most names are followed by another)
        if c.after != "," or c.after2 not in _STATES or c.source != TAGGER:
            continue
        if c.type == PERSON:
            people.add(c.key)
        elif c.type == ORG:
            if lex is None:
                lex = lexicon()
            if c.key not in lex.orgs:
                firms.add(c.key)
    retype(cands, firms, ORG, PLACE)
    retype(cands, people, PERSON, PLACE)
