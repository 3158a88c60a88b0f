"""How a sentence introduces a name as a thing's, not a person's, a place's or an
organisation's: after a noun of things ("the moon Veltra"), with "called" and a
noun of things ("a solution called Zapwatch"), after a noun of works and a
determiner ("the film Grey Harbour"), after "the maker of" ("the maker of Zapbrew
lager"), or beside a noun of products between commas ("the firm's streaming
service, Zapflix, ..."). :func:`called_thing` reads one mention, as the
recogniser builds it (``Candidate.called``); :func:`tui.ner.context.correct_by_context`
then makes such a name no name anywhere in the text.
"""

from __future__ import annotations

from typing import Final

from tui.gazetteer import fold, lexicon

#: Nouns that, right before a name, say it is a thing: "the moon Veltra",
#: "the novel Grey Harbour" (not an organisation: "carrier Veltra" is one).
THING_NOUNS: Final = frozenset(
    "moon moons planet planets comet asteroid spacecraft rover telescope novel novels "
    "movie movies album albums song songs games app apps smartphone laptop sedan hatchback"
    # (no word that is also a verb: "federal agents probe Arkansas church fires")
    .split()
)


#: Nouns of things that a name introduced with "called" or "dubbed" after them
#: names: "a new alarm solution called Zapwatch", "a station wagon called the Zap".
CALLED_THINGS: Final = THING_NOUNS | frozenset(
    "product products app service services system systems platform device devices gadget "
    "tool tools software program programme plan scheme approach method technique model "
    "version feature features solution solutions car cars wagon suv vehicle concept drug "
    "supplement supplements game show series film podcast robot satellite rocket engine "
    "phone console camera drone process framework initiative it".split()
)
_CALLING: Final = frozenset("called dubbed nicknamed named".split())
_BE: Final = frozenset(("is", "was", "’s", "'s"))


#: Nouns of works that are verbs too ("they film", "we play"): a work's title
#: only after a determiner or a possessive ("the film Grey Harbour", "Lee's play
#: Kessab Nights").
_WORKS: Final = frozenset("film films play plays drama show series musical documentary".split())
#: Those that are also a verb's plain form, and its form after "he" or "she".
_VERBS: Final = frozenset("film play show".split())
_VERB_S: Final = frozenset("films plays".split())
#: Endings in "s" of words that are no plural: "boss", "previous", "famous", "this".
_NOT_PLURAL: Final = ("ss", "us", "is")
DETERMINERS: Final = frozenset("the a an his her their its 's ’s new latest hit".split())


#: Nouns of products and services that a name set beside them between commas
#: names: "the firm's new streaming service, Zapflix, launched on Tuesday".
_APPOSED_THINGS: Final = frozenset(
    "service app platform console device product software game gadget smartphone phone "
    "camera drone vehicle car wagon sedan".split()
)


#: Words that cannot describe a work in "the ... film": a verb's subject, "to",
#: auxiliaries ("the team to play Zapton", "the fans will film Jo Lee").
_PRONOUNS: Final = frozenset(
    "i you he she it we they who that which to will would can could should may might must "
    "do does did not never and or".split()
)


def _works_noun_phrase(words: list[str], k: int) -> bool:
    """Whether the noun of works before word ``k + 1`` ends a noun phrase: a
    determiner or a possessive first, with up to two words of description between
    ("the film", "the gritty abortion drama", "Leigh's 1950s drama"), or an adjective
    of a nation ("British film"); not a verb after its subject ("they film", "the
    latest figures show", "the 21-year-old plays": a plural noun before a verb's
    plain form, or anything but a determiner before its -s form)."""
    if k < 0:
        return False
    w = words[k]
    if w.lower() in DETERMINERS:
        return True
    noun = words[k + 1]
    if noun in _VERB_S:
        return False  # "the 21-year-old plays Jo Lee" ("his plays Zapworld": above)
    if noun in _VERBS and w.islower() and w.endswith("s") and not w.endswith(_NOT_PLURAL):
        return False  # "the latest figures show Zapco lost ground" (not "his previous film")
    if w[:1].isupper() and w.endswith(NATIONAL) and k > 0 and not words[k - 1][:1].isupper():
        return True  # "and British film Grey Harbour"
    for back in (k - 1, k - 2):
        if back < 0 or not words[back + 1].islower() or words[back + 1] in _PRONOUNS:
            return False
        if words[back].lower() in DETERMINERS:
            return True
    return False


#: How adjectives of nations end: British, Italian, Chinese, French, Dutch.
NATIONAL: Final = ("ish", "ian", "ese", "can", "ch")


#: Nouns of those who make goods: what "the maker of" names is a product of theirs.
_MAKERS: Final = frozenset("maker makers manufacturer manufacturers brewer brewers".split())


def _made_thing(words: list[str], i: int, j: int) -> bool:
    """Whether the name at word ``i`` is what a maker makes: after "maker of",
    "brewer of" and "the" or up to two words in lower case ("the maker of the
    popular Zapbrew lager brand", "makers of Zapquest"): a product, its maker
    the company (not "the maker of Zapco's phones": the maker's owner; nor a name
    the lists know as a place or an organisation: "the makers of modern Zarbia",
    "film makers of Zarbia" are its founders and its film-makers)."""
    k = i - 1
    skipped = 0
    while k >= 0 and skipped < 2 and words[k] not in ("of", "the") and words[k][:1].islower():
        k -= 1
        skipped += 1
    if k >= 0 and words[k] == "the":
        k -= 1
    if k < 1 or words[k] != "of" or words[k - 1] not in _MAKERS:
        return False  # (in lower case: "Manufacturers of Zarbia" names a body)
    if j and j < len(words) and words[j] in ("'s", "’s"):
        return False
    return not _listed(words, i, j)


def _listed(words: list[str], i: int, j: int) -> bool:
    """Whether the lists know the name at words ``i`` to ``j`` as a place or an
    organisation: no thing a noun before it introduces, but the subject after an
    opening phrase whose stop or comma is left out ("After the series Zarbia
    were ranked first", "the makers of modern Zarbia")."""
    key = fold(" ".join(words[i:j]) if j else words[i])
    lex = lexicon()
    return key in lex.places or key in lex.orgs


def called_thing(words: list[str], i: int, j: int = 0) -> bool:
    """Whether the name at words ``i`` to ``j`` is introduced as a thing's name:
    "a solution called Zapwatch", "a wagon dubbed the Zap", "It's called Zapplan",
    "the film Grey Harbour", "the firm's streaming service, Zapflix, ...", "the
    maker of Zapbrew lager" (not "a
    company called Zapcorp", "a man named Jo Lee", "a town called Kessab", "they
    film Jo Lee", "the latest figures show Zapco", "the 21-year-old plays Jo Lee",
    "the new service, Jo Lee said", nor a place or an organisation the lists
    know: "Ahead of the series Zarbia were ranked first")."""
    if words[i - 1] in _WORKS and _works_noun_phrase(words, i - 2):
        return not _listed(words, i, j)
    if _made_thing(words, i, j):
        return True
    if (
        j
        and words[i - 1] == ","
        and words[i - 2].lower() in _APPOSED_THINGS
        and j < len(words)
        and words[j] == ","
        and any(w.lower() in DETERMINERS for w in words[max(0, i - 7) : i - 2])
    ):
        return True  # set beside a noun of products between commas
    k = i - 1
    if k >= 0 and words[k] in ("the", "The"):
        k -= 1
    if k < 1 or words[k] not in _CALLING:
        return False
    k -= 1
    if words[k] in _BE and k >= 1:
        k -= 1  # "it's called", "the plan is called"
    return words[k].lower() in CALLED_THINGS
