"""Names of goods and works the tagger takes for firms or places: games, crude oil's
benchmarks, films.

The tagger learned from news of 1996, where a capitalised word in business news
is mostly a firm. Goods and works come out organisations or places on today's pages:

* a game named after a noun of games ("the video game Zapquest 2", "board game
  Zapdo", "hit games like Zapquest"), or with a sequel's number in a text that
  names a kind of game ("Zapquest 2" beside "video games"): a work, no
  organisation, there and everywhere in the text (:func:`games`);
* a benchmark of crude oil, right before "crude" ("Zapfield crude rose $1"): a
  grade of oil, no firm (:func:`crude_benchmarks`);
* a word that mostly follows a "The" in capitals inside a sentence ("nominated for
  The Zapviator"): a work's title, no place (:func:`titles_after_the`; titles of
  more words: :func:`tui.ner.works.work_titles`).

Each changes only what the tagger guessed or the context read, never a name a
list or the gazetteer gave.
"""

from __future__ import annotations

import re
from typing import Final

from tui.gazetteer import Lexicon, lexicon
from tui.ner.document import GAZETTEER, LINKED, TAGGER, Candidate
from tui.ner.types import ORG, PERSON, PLACE

#: Kinds of games and consoles whose word before "game" makes it a game's noun: "the
#: video game Zapquest", "board game Zapdo", "the Xbox game Zapquest" ("the game Jo
#: Lee won" is a match: a kind of game must come first).
_GAME_KINDS: Final = frozenset(
    "video computer console online board arcade mobile role-playing rhythm strategy puzzle "
    "racing shooting fighting Xbox PlayStation PS2 PSP PC Nintendo GameCube DS".split()
)
#: What follows "games" before its examples: "hit games like Zapquest 2".
_EXAMPLES: Final = ("like ", "such as ", "including ")
#: What may stand before a kind's word: "(video game ...", "“board game ...".
_OPENING: Final = "(\"'“‘"
#: A sequel's number after a title: "Zapquest 2", "Zapquest 3's" (not "2-1", "2.5",
#: "2,000", "2m", "2%").
_SEQUEL: Final = re.compile(r" [2-9](?![\w%/-]|[.,:]\d)")


def _after_games(text: str) -> tuple[set[int], bool]:
    """Where a name right after a kind of game's noun ("video game Zapquest") or
    after "games like" ("games like Zapquest") would start in ``text``, and whether
    the text names a kind of game at all ("video games", "an Xbox game"): one look
    at each " game" (a look back from each name cost ten times as much)."""
    out: set[int] = set()
    kinds = False
    at = text.find(" game")
    while at >= 0:
        end = at + 5
        before = text[max(0, at - 16) : at].split()
        kind = bool(before) and before[-1].lstrip(_OPENING) in _GAME_KINDS
        kinds = kinds or kind
        if text.startswith(" ", end):
            if kind:
                out.add(end + 1)
        elif text.startswith("s ", end):
            for marker in _EXAMPLES:
                if text.startswith(marker, end + 2):
                    out.add(end + 2 + len(marker))
        at = text.find(" game", end)
    return out, kinds


#: Words only a text about games (video games, not a match's) has: "gaming gems",
#: "gamers queued", "its gameplay".
_GAMING: Final = re.compile(r"\b(?:[Gg]aming|[Gg]amers?|[Gg]ameplay)\b")


def _about_games(text: str) -> bool:
    """Whether the text speaks of games as gamers do ("gaming", "gamers", "gameplay")
    though it names no kind of game: a one-word name with a sequel's number there is
    a game's too ("Zapquest 2 and Zapfall 3 were the gaming hits")."""
    return _GAMING.search(text) is not None


def _sequel_after_a_name(cands: list[Candidate], text: str) -> bool:
    """Whether a one-word name is followed by a sequel's number ("Zapquest 2"): a
    look at the two characters after each name before the pattern (most texts with a
    "game" are a match's, with no such name: the text is not searched for gamers'
    words)."""
    n = len(text)
    for c in cands:
        e = c.end
        if e + 1 < n and text[e] == " " and "2" <= text[e + 1] <= "9" and " " not in c.key:
            if c.type is not None and _SEQUEL.match(text, e) is not None:
                return True
    return False


def games(cands: list[Candidate], text: str) -> None:
    """A name right after a noun of a kind of game ("the video game Zapquest 2",
    "board game Zapdo") or after "games like" ("hit games like Zapquest 2 and
    Zapfall"), which the lists know as no organisation or place, is a game's:
    no name, there and everywhere in the text, whatever else the context made of
    it ("Zapquest fans": a game has fans too). In a text that names a kind of game
    ("video games", "an Xbox game"), so is a one-word name with a sequel's number
    ("Zapquest 2 sold well", "sequels such as Zapfall 3"): a title's or a console's
    number, in a text about games (a broadcaster's "Zarn Radio 4" is two words, a
    listed one stays); a text that speaks of "gaming", "gamers" or "gameplay" is
    about games too (:func:`_about_games`)."""
    if " game" not in text:
        return
    starts, kinds = _after_games(text)
    if not kinds and _sequel_after_a_name(cands, text):
        kinds = _about_games(text)
    if not starts and not kinds:
        return
    found: set[str] = set()
    lex: Lexicon | None = None
    for k in range(len(cands)):
        c = cands[k]
        if c.source >= GAZETTEER or c.type is None:
            continue
        sequel = kinds and " " not in c.key and _SEQUEL.match(text, c.end) is not None
        if not sequel and c.start not in starts:
            # the second of "games like Zapquest and Zapfall"
            prev = cands[k - 1] if k > 0 else None
            if prev is None or prev.key not in found or text[prev.end : c.start] != " and ":
                continue
        if lex is None:
            lex = lexicon()
        if c.key not in lex.orgs and c.key not in lex.places and c.key not in lex.countries:
            found.add(c.key)
    if found:
        for c in cands:
            if c.key in found and c.source < GAZETTEER and c.type is not None:
                c.type, c.source = None, LINKED


def titles_after_the(cands: list[Candidate], text: str) -> None:
    """A one-word name, or "The" and one word, that no name list knows and that is no
    plural, mostly typed a place by the tagger, at least two and half of whose
    mentions follow a "The" in capitals inside a sentence or open with it
    ("nominated for The Zapviator", "The Zapviator's director"), is a work's
    title: no name, there and everywhere in the text (a band's plural stays: "The
    Zapstreets"; a place the lists know too: "The Hague"; a venue "at The
    Zapsage"; and a paper the tagger calls an organisation: "told The
    Zapherald")."""
    wanted: set[str] = set()  # the words of places the tagger found with a "The"
    for c in cands:
        if c.type == PLACE and c.source == TAGGER and (c.before == "The" or c.key[:4] == "the "):
            wanted.add(_title_word(c)[0])
    wanted.discard("")
    if not wanted:
        return
    counts: dict[str, list[int]] = {}  # word -> [mentions, places, after "The"]
    for c in cands:
        if c.source >= GAZETTEER or c.type is None:
            continue
        word, at = _title_word(c)
        if word not in wanted:
            continue
        got = counts.get(word)
        if got is None:
            got = counts[word] = [0, 0, 0]
        got[0] += 1
        if c.type == PLACE and c.source == TAGGER:
            got[1] += 1
        if at >= 0 and _inside_sentence(text, at):
            if text.endswith(" at ", 0, at):
                got[2] = -len(cands)  # a venue: "held at The Zapsage"
            got[2] += 1
    lex: Lexicon | None = None
    titles: set[str] = set()
    for word, (n, places, after_the) in counts.items():
        if after_the >= 2 and after_the * 2 >= n and places * 2 > n and not word.endswith("s"):
            if lex is None:
                lex = lexicon()
            if word not in lex.places and word not in lex.orgs and word not in lex.countries:
                titles.add(word)
    if titles:
        for c in cands:
            if c.source < GAZETTEER and c.type is not None and _title_word(c)[0] in titles:
                c.type, c.source = None, LINKED


def _title_word(c: Candidate) -> tuple[str, int]:
    """The one word of a name of one word or of "The" and one word, folded, and where
    the "The" before it or in it starts (-1: none); ("", -1) for other names."""
    key = c.key
    if c.surface.startswith("The "):
        word = key[4:]
        return ("", -1) if " " in word or not word else (word, c.start)
    if " " in key:
        return "", -1
    return key, (c.start - 4 if c.before == "The" else -1)


def _inside_sentence(text: str, at: int) -> bool:
    """Whether the "The" at ``at`` stands inside a sentence: after a word in lower case
    or a comma."""
    if not text.startswith("The", at):
        at = text.rfind("The", 0, at + 3)
    k = at - 1
    while k >= 0 and text[k] == " ":
        k -= 1
    return k >= 0 and (text[k].islower() or text[k] == ",")


def crude_benchmarks(cands: list[Candidate], text: str) -> None:
    """A name the tagger typed an organisation or a person right before "crude"
    ("Zapfield crude rose $1", "London Zapfield crude") is a grade of oil: no name
    (a place's crude keeps its place: "Zarbian crude")."""
    for c in cands:
        if (
            c.after == "crude"
            and c.source == TAGGER
            and (c.type == ORG or c.type == PERSON)
            and text.startswith(" crude", c.end)  # (not "Zapec's crude": the cartel's)
        ):
            c.type, c.source = None, LINKED
