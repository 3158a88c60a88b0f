"""Names of goods the tagger takes for firms: games and crude oil's benchmarks.

The tagger learned from news of 1996, where a capitalised word in business news
is mostly a firm. Two kinds of goods come out organisations on today's pages:

* a game named after a noun of games ("the video game Zapquest 2", "board game
  Zapdo", "hit games like Zapquest"): a work, no organisation, there and
  everywhere in the text (:func:`games`);
* a benchmark of crude oil, right before "crude" ("Zapfield crude rose $1"): a
  grade of oil, no firm (:func:`crude_benchmarks`).

Each changes only what the tagger guessed or the context read, never a name a
list or the gazetteer gave.
"""

from __future__ import annotations

from typing import Final

from tui.gazetteer import Lexicon, lexicon
from tui.ner.document import GAZETTEER, LINKED, TAGGER, Candidate
from tui.ner.types import ORG, PERSON

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


def _after_games(text: str) -> set[int]:
    """Where a name right after a kind of game's noun ("video game Zapquest") or
    after "games like" ("games like Zapquest") would start in ``text``: one look at
    each " game" (a look back from each name cost ten times as much)."""
    out: set[int] = set()
    at = text.find(" game")
    while at >= 0:
        end = at + 5
        if text.startswith(" ", end):
            before = text[max(0, at - 16) : at].split()
            if before and before[-1].lstrip(_OPENING) in _GAME_KINDS:
                out.add(end + 1)
        elif text.startswith("s ", end):
            for marker in _EXAMPLES:
                if text.startswith(marker, end + 2):
                    out.add(end + 2 + len(marker))
        at = text.find(" game", end)
    return out


def games(cands: list[Candidate], text: str) -> None:
    """A name right after a noun of a kind of game ("the video game Zapquest 2",
    "board game Zapdo") or after "games like" ("hit games like Zapquest 2 and
    Zapfall"), which the lists know as no organisation or place, is a game's:
    no name, there and everywhere in the text, whatever else the context made of
    it ("Zapquest fans": a game has fans too)."""
    if " game" not in text:
        return
    starts = _after_games(text)
    if not starts:
        return
    found: set[str] = set()
    lex: Lexicon | None = None
    for k in range(len(cands)):
        c = cands[k]
        if c.source >= GAZETTEER or c.type is None:
            continue
        if c.start not in starts:
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
