"""The entity recogniser: a learned tagger, the gazetteers, and the whole text.

:class:`Recognizer` cuts a text into lines, tokens and sentences
(:mod:`tui.ner.tokens`), tags each sentence with the shipped model
(:mod:`tui.ner.model`), puts in the gazetteer's names and makes the text's
mentions agree (:mod:`tui.ner.document`), reads a lone word by the names beside
it (:mod:`tui.ner.neighbours`), a word made of another name
(:mod:`tui.ner.derived_names`), goods and events taken for firms
(:mod:`tui.ner.goods_names`, :mod:`tui.ner.events`), a surname before a noun only
people take (:mod:`tui.ner.followers`), drops what page furniture yields
(:mod:`tui.ner.furniture`), finds the mentions of its names the tagger let pass
(:mod:`tui.ner.repeats`), and adds dates (:mod:`tui.ner.dates`).
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from functools import lru_cache, partial
from typing import Any, Final

from tui.gazetteer import Gazetteer, lexicon, load_gazetteer, user_gazetteer_path
from tui.ner.acronyms import link_acronyms, people_by_initials
from tui.ner.agreement import agree_on_types
from tui.ner.aliases import initials
from tui.ner.and_names import whole_and_names
from tui.ner.bodies import common_word_people, phrases_of_common_words
from tui.ner.bodies_for import bodies_for, national_bodies
from tui.ner.candidates import candidates, capitals, is_caps_sentence
from tui.ner.context import coordinated_types, correct_by_context, family_names, is_english
from tui.ner.corrections import follow_user_corrections, user_surnames
from tui.ner.dates import add_dates
from tui.ner.derived_names import adjectives_of_names, glued_firms
from tui.ner.document import (
    CONTEXT,
    GAZETTEER,
    LINKED,
    TAGGER,
    Candidate,
    apply_gazetteer,
    canonical_form,
    dateline_places,
    gazetteer_limits,
    gazetteer_matches,
    link_short_forms,
)
from tui.ner.edges import (
    facility_heads,
    function_word_ends,
    job_titles,
    maker_engines,
    paper_heads,
    towns_before_states,
)
from tui.ner.events import events
from tui.ner.features import PhraseLists, fold_word
from tui.ner.followers import people_before_their_nouns
from tui.ner.furniture import (
    HEADING,
    MENU,
    digest_papers,
    keep_heading_names,
    line_kind,
    photo_credits,
)
from tui.ner.goods_names import crude_benchmarks, games, titles_after_the
from tui.ner.introduced import called_thing
from tui.ner.mention import Evidence, Mention
from tui.ner.model import shipped_model
from tui.ner.neighbours import list_neighbours, people_beside_people
from tui.ner.party_tags import party_states
from tui.ner.people_firms import firms_by_first_word
from tui.ner.repeats import repeat_names
from tui.ner.roles import apply_roles, question_openers, shop_verbs
from tui.ner.spans import (
    bracketed_acronyms,
    capitalised_inside,
    clubs_in_brackets,
    dates_at_edges,
    holds,
    middle_initials,
    names_joined_by_and,
    people_after_common_words,
    people_after_titles,
    result_sides,
    shed_the_and_money,
    words_away_from_and,
)
from tui.ner.tagger import Line, Tagger, tag_document
from tui.ner.things import drop_common_words
from tui.ner.tokens import Offsets, line_words, sentences
from tui.ner.types import FROM_CONLL, ORG

#: The taggers are shared by every recogniser of the process and keep per-word state
#: (the vocabulary, cached scores) that two threads tagging at once would tear: the
#: app extracts an opened article's entities while its index is built in another thread.
_TAGGING = threading.Lock()

#: Changes whenever the code around the model changes what it reports.
RULES_VERSION: Final = "ner-68"


class Recognizer:
    """Find person, place and organisation mentions (and cheap dates) in text."""

    def __init__(self, gazetteer: Gazetteer | None = None, *, dates: bool = True) -> None:
        self._gazetteer = gazetteer
        self.dates = dates
        self._taggers: tuple[Tagger, Tagger | None] | None = None

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = load_gazetteer([user_gazetteer_path()])
        return self._gazetteer

    @property
    def taggers(self) -> tuple[Tagger, Tagger | None]:
        """The two passes of the shipped model (shared by every recogniser)."""
        if self._taggers is None:
            self._taggers = _shared_taggers()
        return self._taggers

    @property
    def loaded(self) -> bool:
        """Whether the model is in memory (the first text does not wait for it)."""
        return self._taggers is not None or _shared_taggers.cache_info().currsize > 0

    def load(self) -> None:
        """Load the model and the name lists now rather than at the first text."""
        _ = self.taggers, self.gazetteer

    @property
    def fingerprint(self) -> str:
        h = hashlib.sha1()
        h.update(RULES_VERSION.encode())
        h.update(shipped_model().digest.encode())
        h.update(self.gazetteer.fingerprint.encode())
        h.update(lexicon().fingerprint.encode())
        h.update(b"dates" if self.dates else b"")
        return h.hexdigest()[:16]

    def extract(self, text: str, dates: bool | None = None) -> list[Mention]:
        """The mentions of ``text``, in order; with its dates if ``dates`` (by
        default, if the recogniser was made with them)."""
        return self.extract_with_evidence(text, dates)[0]

    def extract_with_evidence(
        self, text: str, dates: bool | None = None
    ) -> tuple[list[Mention], Evidence]:
        """:meth:`extract`'s mentions, and what the text says about its names beyond
        them (:class:`Evidence`)."""
        if not text:
            return [], Evidence(set(), set())
        cands = self.candidates(text)
        # (made by tuple.__new__: a named tuple's own constructor is interpreted
        # code, ~2,700 instructions a mention from compiled code, a tenth of that so)
        mentions: list[Mention] = [
            _new_tuple(Mention, (c.start, c.end, c.surface, c.type, c.canonical))
            for c in cands
            if c.type is not None
        ]
        if self.dates if dates is None else dates:
            mentions = add_dates(text, mentions)
        decided: set[tuple[str, str]] = set()
        bracketed: set[tuple[str, str]] = set()
        for c in cands:
            if c.source == CONTEXT and c.type:
                decided.add((c.type, c.canonical))
            elif (
                c.source == LINKED
                and c.type == ORG
                and c.surface.isupper()
                and c.surface != c.canonical
                and initials(c.canonical) == c.surface
            ):
                bracketed.add((c.surface, c.canonical))
        return mentions, Evidence(decided, bracketed)

    def candidates(self, text: str) -> list[Candidate]:
        """The text's names, typed and agreed (MISC ones with type None)."""
        first, second = self.taggers
        gaz = self.gazetteer
        case = shipped_model().case
        lines: list[Line] = []
        lower: set[str] = set()  # the words the text writes in lower case
        starts: list[int] = []
        headings: list[bool] = []
        capital_at: list[list[int]] = []  # the indexes of each line's words with a capital
        pos = 0
        size = len(text)
        while pos <= size:
            end = text.find("\n", pos)
            if end < 0:
                end = size
            if end > pos:
                words = line_words(text, pos, end)
                if words:
                    caps = capitals(words, lower)
                    what = line_kind(words, caps)
                    if what != MENU:
                        cand = candidates(words, caps, capital_at)
                        lines.append((words, caps, cand, sentences(words)))
                        starts.append(pos)
                        headings.append(what == HEADING)
            pos = end + 1
        with _TAGGING:
            found = tag_document(first, second, lines)
        bracketed_acronyms([line[0] for line in lines], found)
        out: list[Candidate] = []
        base = 0  # tokens before this line
        # worked out when a name holds "and", when a name opens with a common word
        # (functions of the module, not closures: compiled, a closure is a reference
        # cycle through its function's locals, and each text's lines were kept until the
        # cyclic collector ran: never, in a build's worker, which grew by GBs at 50,000)
        limits = gazetteer_limits(gaz)  # (once: the gazetteer's look-up is interpreted code)
        alone = partial(_words_alone, [], lines)
        capitalised = partial(_capitalised, [], lines, headings, case)

        for k in range(len(lines)):
            words, _, cand, _ = lines[k]
            offsets = Offsets(text, starts[k], words)
            line: list[Candidate] = []
            spans = people_after_titles(words, found[k], first.featurizer.lists.titles)
            spans = people_after_common_words(words, spans, case, capitalised)
            spans = middle_initials(words, spans)
            spans = dates_at_edges(words, spans)
            spans = shed_the_and_money(words, spans)
            if holds(words, "("):  # (both give the spans as they are in a line without)
                spans = clubs_in_brackets(words, spans, lower)
                spans = result_sides(words, spans)
            spans = facility_heads(words, spans)
            spans = paper_heads(words, spans, capital_at[k])
            spans = names_joined_by_and(words, spans, case, lower, alone)
            if spans:
                spans = bodies_for(words, national_bodies(words, spans))
                best = partial(_best_label, first, lines[k])
                spans = whole_and_names(words, spans, lines[k][3], case, lower, best)
            in_caps = is_caps_sentence(words, cand) if spans else False
            for i, j, kind in spans:
                start, stop = offsets.start(i), offsets.end(j - 1)
                surface = text[start:stop]
                line.append(
                    Candidate(
                        start,
                        stop,
                        i,
                        j,
                        surface,
                        fold_word(surface),
                        FROM_CONLL.get(kind),
                        TAGGER,
                        canonical_form(surface),
                        False,
                        in_caps,
                        _word_after(words, j),
                        words[i - 1] if i > 0 else "",
                        words[j + 1] if j + 1 < len(words) else "",
                        i > 1 and called_thing(words, i, j),
                    )
                )
            matches = gazetteer_matches(gaz, text, words, offsets, cand, limits)
            if matches:
                line = apply_gazetteer(line, matches, text, offsets)
            heading = headings[k]
            for c in line:
                c.first += base
                c.last += base
                c.heading = heading
            out.extend(line)
            base += len(words)
        if not is_english(lower):
            # the tagger knows English: elsewhere only the gazetteer's names count
            out = [c for c in out if c.source >= GAZETTEER]
        question_openers(out, text)
        shop_verbs(out)
        function_word_ends(out, text)
        job_titles(out)
        maker_engines(out)
        towns_before_states(out)
        party_states(out, text)
        out = drop_common_words(out, lower, shipped_model().case, text)
        correct_by_context(out, lower, text)
        coordinated_types(out)
        family_names(out)
        apply_roles(out, text)
        list_neighbours(out, text)
        people_beside_people(out, text)
        glued_firms(out)
        adjectives_of_names(out)
        games(out, text)
        crude_benchmarks(out, text)
        titles_after_the(out, text)
        events(out)
        people_before_their_nouns(out, text)
        common_word_people(out, shipped_model().case)
        phrases_of_common_words(out, shipped_model().case, lower)
        link_acronyms(out, text)
        people_by_initials(out)
        link_short_forms(out)
        firms_by_first_word(out)
        follow_user_corrections(out, user_surnames(gaz))
        dateline_places(out, text)
        agree_on_types(out, partial(_type_scores, first, lines))
        out = digest_papers(keep_heading_names(out), text, shipped_model().case)
        out = photo_credits(out, gaz, shipped_model().case)
        return repeat_names(out, text, lines, capital_at, starts, headings, lower, case)


#: ``tuple.__new__``: a :class:`Mention` from its five fields without its interpreted
#: ``__new__`` (the same object: a tuple of the class).
_new_tuple: Final[Callable[..., Any]] = tuple.__new__

_MODIFIERS: Final = frozenset("air military naval border refugee army police".split())


def _word_after(words: list[str], j: int) -> str:
    """The noun after a name, lower-cased: the word after it, or the one after
    that when the first is a modifier ("the Quorash air base": "base") or a
    possessive ("Walmart's shoppers": "shoppers")."""
    if j >= len(words):
        return ""
    w = words[j].lower()
    if (w in _MODIFIERS or w in ("'s", "’s")) and j + 1 < len(words):
        return words[j + 1].lower()
    return w


def _type_scores(tagger: Tagger, lines: list[Line], c: Candidate) -> dict[str | None, float]:
    """What the first pass's tagger scores each type of the mention ``c``, read in
    its sentence with no name next to it (:func:`_span_scores`): how sure the tagger
    is of each type, to break :func:`agree_on_types`'s ties (MISC: None)."""
    base = 0
    for words, _, _, sents in lines:
        if c.first < base + len(words):
            i, j = c.first - base, min(c.last - base, len(words))
            scores = _span_scores(tagger, words, sents, i, j)
            return {FROM_CONLL.get(label): score for label, score in scores.items()}
        base += len(words)
    return {}


def _span_scores(
    tagger: Tagger, words: list[str], sents: list[tuple[int, int]], i: int, j: int
) -> dict[str, float]:
    """The tagger's score of each of its labels ("PER", "MISC") for the words
    ``words[i:j]`` read as one name in their sentence with no name next to it: the
    path O, B-X, I-X..., O through them (label scores and transitions)."""
    out: dict[str, float] = {}
    a, b = 0, len(words)
    for s in sents:
        if s[0] <= i < s[1]:
            a, b = s
    model = tagger.model
    labels, trans, outside = model.labels, model.transitions, model.outside
    ems: list[list[float]] = []
    with _TAGGING:
        for k in range(i, j):
            ems.append(tagger.emissions(words, k, a, b))
    for n in range(len(labels)):
        if labels[n][:2] != "B-":
            continue
        inside = labels.index("I-" + labels[n][2:])
        score = trans[outside][n] + ems[0][n]
        last = n
        for em in ems[1:]:
            score += trans[last][inside] + em[inside]
            last = inside
        out[labels[n][2:]] = score + trans[last][outside]
    return out


def _best_label(tagger: Tagger, line: Line, i: int, j: int) -> str:
    """The label the tagger scores first for ``line``'s words ``i:j`` read as one
    name (:func:`_span_scores`)."""
    scores = _span_scores(tagger, line[0], line[3], i, j)
    return max(scores, key=lambda label: scores[label])


def _words_alone(away: list[set[str]], lines: list[Line]) -> set[str]:
    """:func:`words_away_from_and` of the text's lines, worked out once (kept in ``away``)."""
    if not away:
        away.append(words_away_from_and([line[0] for line in lines]))
    return away[0]


def _capitalised(
    inside: list[set[str]], lines: list[Line], headings: list[bool], case: dict[str, str]
) -> set[str]:
    """:func:`capitalised_inside` of the text's lines but its headings, worked out once
    (kept in ``inside``)."""
    if not inside:
        body = [lines[k][0] for k in range(len(lines)) if not headings[k]]
        inside.append(capitalised_inside(body, case))
    return inside[0]


@lru_cache(maxsize=1)
def _shared_taggers() -> tuple[Tagger, Tagger | None]:
    model = shipped_model()
    phrases = PhraseLists()
    second = Tagger(model.second, phrases) if model.second is not None else None
    return Tagger(model.first, phrases, second), second


@lru_cache(maxsize=1)
def default_recognizer() -> Recognizer:
    return Recognizer()
