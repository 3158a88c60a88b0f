"""Tagging sentences with the shipped model: Viterbi decoding, made cheap.

* Only *segments* are decoded: runs of words with a capital letter (and the
  connectors between them, "Bank of England"); every other word is O, which
  the training data bears out (98% of name words have a capital).
* A word's features do not depend on where it stands: each word gets an id
  (:class:`~tui.ner.vocabulary.Vocabulary`, shared by both passes), its features are worked out
  once, and the score they give each label at each offset (-2..+2) is summed
  once and kept. A token's scores are then five vector sums plus its position
  features.
* The scores, weights and decoder state are ``vec[float]`` (librt, mypyc's
  runtime library): unboxed doubles that the compiled code reads and writes in
  place, where a ``list[float]`` would box every number.
"""

from __future__ import annotations

from typing import Final

from librt.vecs import append, extend, vec
from mypy_extensions import i32, i64, u8

from tui.ner.candidates import candidates, is_caps_sentence
from tui.ner.features import Featurizer, PhraseLists
from tui.ner.marks import Line, doc_marks
from tui.ner.model import Model
from tui.ner.viterbi import IMPOSSIBLE, best_path
from tui.ner.vocabulary import (
    LOCK_STEP,
    PAD_AFTER,
    PAD_BEFORE,
    Vocabulary,
    let_others_run,
    split_name,
)

#: Offsets per word: -2, -1, 0, +1, +2.
OFFSETS: Final = 5

# The facts about one sentence that both passes use: whether it is in
# capitals, the phrase-list marks and title marks of its words.
SentenceInfo = tuple[bool, dict[int, str], dict[int, str]]


def _word_weights(
    model: Model, vocab: Vocabulary, position: dict[str, int]
) -> tuple[vec[i32], vec[u8], vec[float], int]:
    """The model's weights by base feature and offset, the base ``b`` at offset
    ``k`` as key ``b*5+k``, then the position features' keys: a key's weights are
    ``labels``/``values[at[key] : at[key+1]]`` (the model's own order within a
    feature, so that sums come out the same); and the number of base features.
    Fills ``position`` with the position features' keys.

    Keyed so, a word's weights are found with one look-up where the model's layout
    took two that wait on each other (feature number, then where its weights
    start), and the five offsets of a word's feature lie together: a word met
    for the first time (each build worker meets every word so) costs fewer cache
    misses. Positions are 32-bit and labels 8-bit (the model has nine): the
    tables take a third of the memory, more of them stay in the caches.

    A model file holds its passes so laid out (:class:`~tui.ner.model.Table`):
    they are taken as they are when ``vocab`` numbers base names as the file
    does (it does unless names of another model were registered in it first)."""
    table = model.table
    if table is not None and vocab.number_as(table.bases):
        starts = _table_weights(table.counts, table.positions, vocab, position)
        return starts, vec[u8](table.label_of), vec[float](table.values), len(table.bases)
    known = len(vocab.base)
    keys = vec[i64]()  # per feature of the model: base id * 5 + offset, or -1 - position
    positions: list[str] = []
    for name in model.names:
        k, base = split_name(name)
        if k >= 0:
            keys = append(keys, vocab.register(base) * OFFSETS + k)
        else:
            keys = append(keys, -1 - len(positions))
            positions.append(name)
    nbase = len(vocab.base)
    if nbase != known:
        vocab.clear()  # words read before these features were known
    words = nbase * OFFSETS
    for p in range(len(positions)):
        position[positions[p]] = words + p
    # (made from a list in one go: appending each number is slower)
    fid_of = [-1] * (words + len(positions))
    for fid in range(len(keys)):
        key = keys[fid]
        fid_of[key if key >= 0 else words - 1 - key] = fid
    first = model.starts
    label_of = model.label_of
    weights = model.values
    at = [0] * (len(fid_of) + 1)
    labels: list[int] = []
    values: list[float] = []
    for key in range(len(fid_of)):
        fid = fid_of[key]
        if fid >= 0:
            for t in range(first[fid], first[fid + 1]):
                labels.append(label_of[t])
                values.append(weights[t])
        at[key + 1] = len(labels)
    positions_at = vec[i32]([i32(x) for x in at])
    return positions_at, vec[u8]([u8(x) for x in labels]), vec[float](values), nbase


def _table_weights(
    counts: bytes, positions: list[str], vocab: Vocabulary, position: dict[str, int]
) -> vec[i32]:
    """Where each key's weights start in a model file's table (see :func:`_word_weights`)."""
    words = len(vocab.base) * OFFSETS
    for p in range(len(positions)):
        position[positions[p]] = words + p
    at = vec[i32]()
    total: i32 = 0
    at = append(at, total)
    for k in range(len(counts)):
        total += i32(counts[k])
        at = append(at, total)
        if k % (4 * LOCK_STEP) == 4 * LOCK_STEP - 1:
            let_others_run()  # (153,694 keys in the shipped model's tables)
    return at


def _floats(values: list[float]) -> vec[float]:
    out = vec[float]()
    for x in values:
        out = append(out, x)
    return out


class Tagger:
    """Tags sentences with a model: (first, last + 1, CoNLL type) of each name."""

    def __init__(
        self, model: Model, phrases: PhraseLists | None = None, twin: Tagger | None = None
    ) -> None:
        """``twin``: the second pass's tagger, with which this one shares the
        words' features (:class:`Vocabulary`)."""
        self.model = model
        self.twin = twin
        self.featurizer: Featurizer = (
            twin.featurizer if twin is not None else Featurizer(model.clusters)
        )
        self.vocab: Vocabulary = twin.vocab if twin is not None else Vocabulary(self.featurizer)
        self.extra: dict[int, list[str]] = {}  # word index -> document features (pass 2)
        self.phrases = phrases if phrases is not None else PhraseLists()
        n = self.size = model.size
        self.outside = model.outside
        self.zero = _floats([0.0] * n)
        # position features (BOS, CAPS, marks): name -> their key (_word_weights)
        self.position: dict[str, int] = {}
        self.marks: dict[str, vec[float]] = {}
        self.types: list[str] = [lab[2:] if lab != "O" else "" for lab in model.labels]
        self.begins: list[bool] = [lab.startswith("B-") for lab in model.labels]
        # transitions, flat (from * n + to); I-X only after B-X or I-X
        labels = model.labels
        self.trans = _floats(
            [
                model.transitions[p][j]
                if not labels[j].startswith("I-") or labels[p][2:] == labels[j][2:]
                else IMPOSSIBLE
                for p in range(n)
                for j in range(n)
            ]
        )
        # for each label, the labels a path may come to it from (I-X only from B-X or
        # I-X): ``preds[pred_at[j] : pred_at[j + 1]]``, in order
        self.preds = vec[i64]()
        self.pred_at = vec[i64]([i64(0)])
        for j in range(n):
            for p in range(n):
                if self.trans[p * n + j] != IMPOSSIBLE:
                    self.preds = append(self.preds, p)
            self.pred_at = append(self.pred_at, len(self.preds))
        self.wat, self.wlabels, self.wvalues, self.nbase = _word_weights(
            model, self.vocab, self.position
        )
        self.bias = self.mark_scores("b")
        self.bos = self.mark_scores("BOS")
        self.caps = self.mark_scores("CAPS")
        # word id * 5 + offset -> where its summed scores start in ``vecs`` (-1: not yet)
        self.slots = vec[i32]()
        self.vecs = vec[float]()
        self.epoch = self.vocab.epoch
        # the vocabulary's cuts (Vocabulary.keep_first) these scores follow
        self.cuts = len(self.vocab.cuts)
        # the decoder's buffers: label scores per word of a segment, back pointers
        self.em = vec[float]()
        self.back = vec[i64]()

    def _slot(self, wid: i64, k: i64) -> i64:
        """Where the summed scores of word ``wid``'s features at offset ``k`` start
        in ``vecs`` (at offset 2, the word itself, with the bias added)."""
        idx = wid * OFFSETS + k
        slots = self.slots
        if idx < len(slots):
            got = slots[idx]
            if got >= 0:
                return i64(got)
        else:
            while len(slots) < (wid + 1) * OFFSETS:
                slots = append(slots, i32(-1))
            self.slots = slots
        vecs = self.vecs
        s = len(vecs)
        # (copied in one go: appended one by one, each number was a call)
        vecs = extend(vecs, self.bias if k == 2 else self.zero)
        at = self.wat
        labels = self.wlabels
        values = self.wvalues
        nbase: i64 = self.nbase
        for b in self.vocab.features_of(wid):
            if b < nbase:
                key = b * OFFSETS + k
                for t in range(i64(at[key]), i64(at[key + 1])):
                    p = s + i64(labels[t])
                    vecs[p] = vecs[p] + values[t]
        self.vecs = vecs
        slots[idx] = i32(s)
        return s

    def _fresh(self) -> None:
        """Bound the vocabulary; drop the scores if it was cleared since they were
        made, those of the words it forgot if it was cut."""
        vocab = self.vocab
        vocab.trim()
        if self.epoch != vocab.epoch:
            self.slots = vec[i32]()
            self.vecs = vec[float]()
            self.epoch = vocab.epoch
            self.cuts = len(vocab.cuts)
        elif self.cuts != len(vocab.cuts):
            self._keep_first(min(vocab.cuts[self.cuts :]))
            self.cuts = len(vocab.cuts)

    def _keep_first(self, k: i64) -> None:
        """Keep the scores of the first ``k`` words only (the others' ids are gone)."""
        n: i64 = self.size
        slots = self.slots
        vecs = self.vecs
        kept = vec[i32]()
        scores = vec[float]()
        stop = min(i64(len(slots)), k * OFFSETS)
        for idx in range(stop):
            s = i64(slots[idx])
            if s < 0:
                kept = append(kept, i32(-1))
                continue
            kept = append(kept, i32(len(scores)))
            for j in range(n):
                scores = append(scores, vecs[s + j])
        self.slots = kept
        self.vecs = scores

    def mark_scores(self, mark: str) -> vec[float]:
        got = self.marks.get(mark)
        if got is None:
            scores = [0.0] * self.size
            key = self.position.get(mark)
            if key is not None:  # (the model's index of names is not needed: see Model.index)
                for t in range(i64(self.wat[key]), i64(self.wat[key + 1])):
                    scores[self.wlabels[t]] = self.wvalues[t]
            got = self.marks[mark] = _floats(scores)
        return got

    def tag(self, words: list[str]) -> list[tuple[int, int, str]]:
        """The names in one sentence: (first word, last word + 1, type) with
        type PER, LOC, ORG or MISC."""
        out: list[tuple[int, int, str]] = []
        self.tag_sentence(words, candidates(words), 0, len(words), out)
        return out

    def sentence_info(
        self, words: list[str], ids: list[int], cand: list[bool], a: int, b: int
    ) -> SentenceInfo:
        """What the tagger needs to know of the sentence ``words[a:b]`` beyond its
        words (``ids``: :meth:`Vocabulary.line_ids`)."""
        vocab = self.vocab
        marks = self.phrases.match(words, cand, a, b, ids, vocab.folds)
        # the words after a title word in the same run of capitalised words, by
        # their distance from it (see features.title_marks)
        titles: dict[int, str] = {}
        is_title = vocab.titles
        last = -1
        for i in range(a, b):
            if not cand[i]:
                last = -1
            elif is_title[ids[i]]:
                last = i
            elif last >= 0:
                d = i - last
                titles[i] = "T1" if d == 1 else "T2" if d == 2 else "T3"
        return is_caps_sentence(words, cand, a, b), marks, titles

    def tag_sentence(
        self, words: list[str], cand: list[bool], a: int, b: int, out: list[tuple[int, int, str]]
    ) -> None:
        """Tag the sentence ``words[a:b]`` (``cand``: see :func:`candidates`),
        appending its names to ``out`` as (first, last + 1, type), indices into
        ``words``."""
        if any(cand[a:b]):
            self._fresh()
            ids = self.vocab.line_ids(words, cand)
            if self.decodes(ids, cand, a, b):
                self.decode(ids, cand, a, b, self.sentence_info(words, ids, cand, a, b), out)

    def decodes(self, ids: list[int], cand: list[bool], a: int, b: int) -> bool:
        """Whether :meth:`decode` has anything to decode in the sentence ``a:b``: a
        word with a capital, other than a function word that opens it alone."""
        for i in range(a, b):
            if cand[i]:
                if i > a or i + 1 < b and cand[i + 1] or not self.vocab.minor[ids[i]]:
                    return True
        return False

    def decode(
        self,
        ids: list[int],
        cand: list[bool],
        a: int,
        b: int,
        info: SentenceInfo,
        out: list[tuple[int, int, str]],
    ) -> None:
        """:meth:`tag_sentence` with the words' ids (``Vocabulary.line_ids``) and
        the sentence's :meth:`sentence_info` known."""
        minor = self.vocab.minor
        i = a
        while i < b:
            if not cand[i]:
                i += 1
                continue
            j = i + 1
            while j < b and cand[j]:
                j += 1
            if i > a or j > i + 1 or not minor[ids[i]]:  # ("The", "However": O)
                self._segment(ids, i, j, a, b, info, out)
            i = j

    def emissions(self, words: list[str], i: int, a: int, b: int) -> list[float]:
        """The label scores of word ``i`` of the sentence ``words[a:b]`` (for tests)."""
        self._fresh()
        cand = candidates(words)
        ids = self.vocab.line_ids(words, [True] * len(words))
        self._emit(ids, i, a, b, self.sentence_info(words, ids, cand, a, b), 0)
        return [self.em[j] for j in range(self.size)]

    def _emit(self, ids: list[int], i: int, a: int, b: int, info: SentenceInfo, at: i64) -> None:
        """Write the label scores of word ``i`` of the sentence ``ids[a:b]`` into
        ``em[at : at + size]``."""
        n: i64 = self.size
        s2 = self._slot(ids[i], 2)
        s1 = self._slot(ids[i - 1] if i - 1 >= a else PAD_BEFORE, 1)
        s0 = self._slot(ids[i - 2] if i - 2 >= a else PAD_BEFORE, 0)
        s3 = self._slot(ids[i + 1] if i + 1 < b else PAD_AFTER, 3)
        s4 = self._slot(ids[i + 2] if i + 2 < b else PAD_AFTER, 4)
        v = self.vecs
        em = self.em
        while len(em) < at + n:
            em = append(em, 0.0)
        self.em = em
        for j in range(n):
            em[at + j] = v[s2 + j] + v[s1 + j] + v[s0 + j] + v[s3 + j] + v[s4 + j]
        if i == a:
            self._add(at, self.bos)
        caps, marks, titles = info
        if caps:
            self._add(at, self.caps)
        if marks:
            mark = marks.get(i)
            if mark is not None:
                self._add(at, self.mark_scores(mark))
        if titles:
            mark = titles.get(i)
            if mark is not None:
                self._add(at, self.mark_scores(mark))
        if self.extra:
            feats = self.extra.get(i)
            if feats is not None:
                for f in feats:
                    self._add(at, self.mark_scores(f))

    def _add(self, at: i64, add: vec[float]) -> None:
        em = self.em
        for j in range(self.size):
            em[at + j] = em[at + j] + add[j]

    def _segment(
        self,
        ids: list[int],
        i0: int,
        i1: int,
        a: int,
        b: int,
        info: SentenceInfo,
        out: list[tuple[int, int, str]],
    ) -> None:
        """Viterbi over words[i0:i1] of the sentence words[a:b], the words around
        the segment being O."""
        n: i64 = self.size
        o: i64 = self.outside
        trans = self.trans
        types = self.types
        into: i64 = o * n  # transitions from O
        if i1 - i0 == 1:
            # one word: the best label between two O's
            self._emit(ids, i0, a, b, info, 0)
            em = self.em
            best = IMPOSSIBLE
            arg: i64 = o
            for j in range(n):
                s = em[j] + trans[into + j] + trans[j * n + o]
                if s > best:
                    best = s
                    arg = j
            if arg != o:
                out.append((i0, i1, types[arg]))
            return
        length: i64 = i1 - i0
        for i in range(i0, i1):
            self._emit(ids, i, a, b, info, (i - i0) * n)
        back = self.back
        while len(back) < length * n:
            back = append(back, 0)
        self.back = back
        path = best_path(self.em, back, trans, n, o, length, self.preds, self.pred_at)
        begins = self.begins
        start = -1
        kind = ""
        for k in range(length):
            label = path[k]
            t = types[label]
            i = i0 + k
            if kind and (t != kind or begins[label]):
                out.append((start, i, kind))
                kind = ""
            if t and not kind:
                start, kind = i, t
        if kind:
            out.append((start, i1, kind))


def tag_document(
    first: Tagger, second: Tagger | None, lines: list[Line]
) -> list[list[tuple[int, int, str]]]:
    """The names of a document, per line: (first word, last word + 1, type).

    The first pass tags each sentence alone; the second tags again the lines
    with words that occur elsewhere in the document, with what the first pass
    said about those other occurrences (:func:`~tui.ner.features.doc_marks`).
    Other lines keep the first pass's names.
    """
    first._fresh()
    if second is not None:
        second._fresh()  # (the vocabulary is shared: trimmed by the first, not cleared again)
    vocab = first.vocab
    found: list[list[tuple[int, int, str]]] = []
    ids_of: list[list[int]] = []
    infos: list[list[SentenceInfo | None]] = []
    for words, _, cand, sents in lines:
        spans: list[tuple[int, int, str]] = []
        ids: list[int] = vocab.line_ids(words, cand) if any(cand) else []
        line_infos: list[SentenceInfo | None] = []
        for a, b in sents:
            if first.decodes(ids, cand, a, b):
                info = first.sentence_info(words, ids, cand, a, b)
                first.decode(ids, cand, a, b, info, spans)
                line_infos.append(info)
            else:
                line_infos.append(None)
        found.append(spans)
        ids_of.append(ids)
        infos.append(line_infos)
    if second is None:
        return found
    marks = doc_marks(vocab, lines, ids_of, found)
    for k in range(len(lines)):
        extra = marks[k]
        if not extra:
            continue
        _, _, cand, sents = lines[k]
        own: dict[int, str] = {}
        for a, b, t in found[k]:
            for i in range(a, b):
                own[i] = t
        again: list[tuple[int, int, str]] = []
        second.extra = extra
        differ = _differing(extra, own)
        for s in range(len(sents)):
            a, b = sents[s]
            known = infos[k][s]
            if known is None:
                continue
            if _agreed(differ, a, b):
                # every word here got the type it gets elsewhere: keep the first pass
                again.extend(x for x in found[k] if a <= x[0] < b)
            else:
                second.decode(ids_of[k], cand, a, b, known, again)
        second.extra = {}
        found[k] = again
    return found


def _differing(extra: dict[int, list[str]], own: dict[int, str]) -> list[int]:
    """The words of a line with document features whose first-pass type is not the
    one type their other mentions got (or, unlike them, is one), in the line's
    order: worked out once a line, where each of its sentences asked of every
    such word."""
    out: list[int] = []
    for i, feats in extra.items():
        t = own.get(i)
        if t is None:
            if len(feats) != 1 or feats[0] != "DN":
                out.append(i)
        elif len(feats) != 2 or feats[0] != "D:" + t:
            out.append(i)
    return out


def _agreed(differ: list[int], a: int, b: int) -> bool:
    """Whether each word of words[a:b] with document features got, in the first
    pass, the one type its other mentions got (or, like them, none): none of
    :func:`_differing`'s words is among them."""
    for i in differ:
        if a <= i < b:
            return False
    return True
