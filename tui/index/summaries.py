"""An article's entity mentions as the index keeps them, made in one loop.

An index build runs :func:`summarize` once per article over every mention the
recogniser found (~25 an article): the names each entity field holds (one per
mention, the headline's too) and the stored summary per entity (the body's
mentions only). setup.py compiles this module with mypyc; it is plain typed
Python, and runs as it is where nothing is compiled (tests/test_compiled.py
compares the two). Each entity's identity is worked out once per article, not
once per mention, and a mention's sentence is found from the one before it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

#: A mention as the recogniser gives it: start, end, text, type, canonical name
#: (:class:`tui.ner.mention.Mention`, a named tuple).
Mention = tuple[int, int, str, str, str]


class _Entry:
    """One entity's summary while its mentions are added."""

    __slots__ = ("canonical", "count", "forms", "kind", "sentences")

    def __init__(self, kind: str, canonical: str) -> None:
        self.kind = kind
        self.canonical = canonical
        self.count = 0
        self.forms: list[str] = []
        self.sentences: list[int] = []


def summarize(
    mentions: list[Mention],
    body_start: int,
    starts: list[int],
    fields: dict[str, list[str]],
    identity: Callable[[str, str], str],
) -> dict[str, list[Any]]:
    """Add each mention's canonical name to its type's list in ``fields`` (a type
    ``fields`` has no list for is left out) and return the summary of the body's
    mentions: entity id -> [type, canonical name, mentions, the forms written, the
    numbers of the sentences that mention it], in the order of each entity's first
    mention in the body.

    ``body_start`` is where the body starts in the text the mentions' offsets are
    into; ``starts`` holds where each of the body's sentences starts, in order (a
    mention before the first sentence is in the first); ``identity(type, canonical)``
    is an entity's id (two names of one id share the first one's entry).
    """
    entries: dict[str, _Entry] = {}
    # (type, canonical name) -> its entry: the id, made once per article
    known: dict[tuple[str, str], _Entry] = {}
    last = len(starts) - 1
    sentence = 0
    for start, _end, text, kind, canonical in mentions:
        names = fields.get(kind)
        if names is None:
            continue
        names.append(canonical)
        if start < body_start:
            continue
        key = (kind, canonical)
        entry = known.get(key)
        if entry is None:
            ent_id = identity(kind, canonical)
            entry = entries.get(ent_id)
            if entry is None:
                entry = entries[ent_id] = _Entry(kind, canonical)
            known[key] = entry
        sentence = _sentence_of(starts, last, start - body_start, sentence)
        found = entry.sentences
        if not found or found[-1] != sentence:
            found.append(sentence)
        entry.count += 1
        if text not in entry.forms:
            entry.forms.append(text)
    return {
        ent_id: [e.kind, e.canonical, e.count, e.forms, e.sentences]
        for ent_id, e in entries.items()
    }


def _sentence_of(starts: list[int], last: int, offset: int, guess: int) -> int:
    """The number of the last sentence that starts at or before ``offset`` (0 when none
    does), looked for from ``guess`` (the previous mention's: mentions come in order)."""
    if last < 0 or offset < starts[0]:
        return 0
    if guess > last or starts[guess] > offset:
        guess = 0  # (out of order: from the start)
    while guess < last and starts[guess + 1] <= offset:
        guess += 1
    return guess


def name_counts(value: str) -> dict[str, int]:
    """The names of an entity field's value (canonical names, lower case, separated by
    commas, one per mention: :func:`tui.index.schema.to_whoosh`) with their numbers of
    mentions; a value written otherwise has each name stripped and lowered, and no
    empty name counts."""
    counts: dict[str, int] = {}
    lowered = value == value.lower()
    for piece in value.split(","):
        if not lowered or (piece and (piece[0].isspace() or piece[-1].isspace())):
            piece = piece.strip().lower()
        if piece:
            counts[piece] = counts.get(piece, 0) + 1
    return counts


def term_counts(names: list[str], term: Callable[[str], str]) -> dict[str, int]:
    """The terms of an entity field that holds ``names`` (canonical names, one per
    mention) with their numbers of mentions: what :func:`name_counts` reads from the
    field's text as :func:`tui.index.schema.to_whoosh` writes it (each name's term,
    none empty, joined by commas), with each name's ``term`` (the term ``name_counts``
    reads: :func:`tui.index.schema.field_term`) asked once per name rather than once
    per mention, and no text joined and split again."""
    mentions: dict[str, int] = {}
    for name in names:
        mentions[name] = mentions.get(name, 0) + 1
    counts: dict[str, int] = {}
    for name, count in mentions.items():
        text = term(name)
        if text:
            counts[text] = counts.get(text, 0) + count
    return counts


class NamePostings:
    """One entity field's postings in a segment being built, in one list of runs of
    four: the term's number, the document, the term's mentions in it and the field's
    length as a reader gets it back. Each of a document's names (:func:`term_counts`)
    is a posting: Whoosh's ``field.index`` gives (term, mentions, mentions x boost,
    the mentions packed) of the same names (:func:`name_postings`). Kept as lists
    of their own, then packed by pickle at each pass of the builder, the entity
    fields' postings (a third of a segment's terms, with a posting or two each) cost
    their builder more than their encoding. Here a posting takes four slots of a
    list (32 bytes): the document's number, its field's length and the term's number
    are the same objects in each of their runs, and a number of mentions is a small
    int (typed ``Any`` so that the compiled loop keeps them as they are rather than
    making a new int of each)."""

    def __init__(self) -> None:
        self.numbers: dict[str, Any] = {}
        self.runs: list[Any] = []
        self._firsts: list[int] = []
        self._order: list[int] = []
        self._packed: dict[int, bytes] = {}  # a number of mentions as a posting's value

    def __len__(self) -> int:
        return len(self.numbers)

    def add(self, docnum: Any, counts: dict[str, Any], stored: Any) -> None:
        """Add a document's names with their mentions; ``stored``: the field's length
        as a reader gets it back."""
        numbers = self.numbers
        runs = self.runs
        for text, count in counts.items():
            number = numbers.get(text)
            if number is None:
                number = numbers[text] = len(numbers)
            runs.append(number)
            runs.append(docnum)
            runs.append(count)
            runs.append(stored)

    def terms(self) -> list[tuple[bytes, int]]:
        """Each term (as bytes, in order) with its number, for :meth:`postings`; made
        ready to give each term's postings."""
        runs = self.runs
        # each term's postings found in one pass (a counting sort of the runs by term):
        # the term numbered n has those at self._order[self._firsts[n]:self._firsts[n + 1]]
        size = len(self.numbers)
        firsts = [0] * (size + 1)
        for at in range(0, len(runs), 4):
            term: int = runs[at]
            firsts[term + 1] += 1
        for number in range(size):
            firsts[number + 1] += firsts[number]
        free = firsts[:]
        order = [0] * (len(runs) // 4)
        for at in range(0, len(runs), 4):
            number = runs[at]
            order[free[number]] = at
            free[number] += 1
        self._firsts = firsts
        self._order = order
        numbers = self.numbers
        # (sorted as text: the order of their UTF-8 bytes, compared faster)
        return [(text.encode("utf-8"), numbers[text]) for text in sorted(numbers)]

    def postings(self, number: int, boost: float, pack: Callable[[int], bytes]) -> list[Any]:
        """The postings of the term numbered ``number`` (:meth:`terms`) as the builder's
        flat runs of docnum, weight, value, length, the documents in the order added."""
        runs = self.runs
        order = self._order
        packed = self._packed
        flat: list[Any] = []
        for k in range(self._firsts[number], self._firsts[number + 1]):
            at = order[k]
            count: int = runs[at + 2]
            value = packed.get(count)
            if value is None:
                value = packed[count] = pack(count)
            flat.append(runs[at + 1])
            flat.append(count * boost)
            flat.append(value)
            flat.append(runs[at + 3])
        return flat


def name_postings(
    value: str, boost: float, pack: Callable[[int], bytes]
) -> list[tuple[bytes, int, float, bytes]]:
    """Each name of an entity field's value (:func:`name_counts`) as Whoosh's
    ``field.index`` gives it: (term, mentions, weight, the posting value ``pack``
    makes of the mentions)."""
    return [(t.encode("utf-8"), n, n * boost, pack(n)) for t, n in name_counts(value).items()]


def better_spelling(new: str, old: str) -> bool:
    """Whether ``new`` is the spelling to show of an entity written ``old`` as well
    (TiVo and TIVO, Zapco and ZAPCO): the one with fewer capitals (a headline's capitals
    are not how its prose writes the name), then the first by code point. A rule of
    the spellings alone, so that every count shows the same one whichever article
    the build read first."""
    caps_new = sum(1 for ch in new if ch.isupper())
    caps_old = sum(1 for ch in old if ch.isupper())
    return caps_new < caps_old or (caps_new == caps_old and new < old)


def entity_rows(
    entities: dict[str, Any],
    docnum: int,
    base: int,
    numbers: dict[str, int],
    names: list[list[str]],
    rows: list[int],
) -> int:
    """Append to ``rows`` one run of (document, entity, sentence, first) per sentence of
    each entity of one document's stored summary (``entities``, as :func:`summarize`
    makes it; an entry without sentences is left out): the entity numbered in
    ``numbers`` (a new one gets the next number, its [id, type, name] appended to
    ``names``), the sentence counted from ``base``, first 1 on the entity's first row
    of the document. Returns the number of the document's last sentence with an
    entity (-1 for none)."""
    top = -1
    for ent_id, entry in entities.items():
        if isinstance(entry, list):
            row: list[Any] = entry  # (as summarize makes it: indexed as a list)
        elif isinstance(entry, tuple):
            row = list(entry)
        else:
            continue
        if len(row) < 5:
            continue  # a summary without sentences
        found = row[4]
        if not isinstance(found, list):
            continue
        number = numbers.get(ent_id, -1)
        if number < 0:
            number = numbers[ent_id] = len(names)
            names.append([ent_id, str(row[0]), str(row[1])])
        else:
            spelled = str(row[1])
            if spelled != names[number][2] and better_spelling(spelled, names[number][2]):
                names[number][2] = spelled
        sentences: list[Any] = found
        if len(sentences) == 1:  # (most names: one sentence, no set to sort)
            sentence = int(sentences[0])
            rows.append(docnum)
            rows.append(number)
            rows.append(base + sentence)
            rows.append(1)
            if sentence > top:
                top = sentence
            continue
        first = 1
        for value in sorted({int(v) for v in sentences}):
            rows.append(docnum)
            rows.append(number)
            rows.append(base + value)
            rows.append(first)
            first = 0
            if value > top:
                top = value
    return top


#: What separates the stored form's entries, an entry's fields, and its forms
#: (:func:`pack_summary`); a name with one of them is kept in the old form.
_ENTRY, _FIELD, _FORM = "\x1e", "\x1f", "\x1d"


def pack_summary(summary: Any) -> Any:
    """An article's summary (:func:`summarize`) as the index stores it: one text, each
    entry its id, type, canonical name, mentions, forms and sentences, rather than
    a pickle of lists (a quarter fewer bytes for the stored fields' compression, and
    a fraction of the time to pickle). A summary this cannot write as text exactly
    (a name with a separator in it, an entry of another shape) and anything not a
    dict stay as they are; :func:`unpack_summary` reads either."""
    if not isinstance(summary, dict) or not summary:
        return summary
    parts: list[str] = []
    forms_seps = 0
    for ent_id, entry in summary.items():
        if not isinstance(ent_id, str) or not isinstance(entry, list) or len(entry) != 5:
            return summary
        kind, canonical, count, forms, sentences = entry
        if not isinstance(kind, str) or not isinstance(canonical, str):
            return summary
        if type(count) is not int or not isinstance(forms, list) or not forms:
            return summary
        if not isinstance(sentences, list):
            return summary
        for form in forms:
            if not isinstance(form, str) or not form:
                return summary
        numbers: list[str] = []
        for sentence in sentences:
            if type(sentence) is not int:
                return summary
            numbers.append(str(sentence))
        forms_seps += len(forms) - 1
        parts.append(
            _FIELD.join((ent_id, kind, canonical, str(count), _FORM.join(forms), ",".join(numbers)))
        )
    text = _ENTRY.join(parts)
    if (
        text.count(_FIELD) != 5 * len(parts)
        or text.count(_ENTRY) != len(parts) - 1
        or text.count(_FORM) != forms_seps
    ):
        return summary  # (a separator in a name)
    return text


def unpack_summary(stored: Any) -> dict[str, Any]:
    """The summary :func:`pack_summary` stored (text, or a dict as indexes of format 9
    and before stored every summary); an empty one for anything else."""
    if isinstance(stored, dict):
        return stored
    if not isinstance(stored, str) or not stored:
        return {}
    out: dict[str, Any] = {}
    for part in stored.split(_ENTRY):
        fields = part.split(_FIELD)
        if len(fields) != 6:
            continue
        numbers = fields[5]
        sentences = [int(n) for n in numbers.split(",")] if numbers else []
        out[fields[0]] = [fields[1], fields[2], int(fields[3]), fields[4].split(_FORM), sentences]
    return out
