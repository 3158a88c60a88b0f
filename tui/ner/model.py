"""The learned tagger: the shipped weights, and tagging a sentence with them.

The model is a linear-chain CRF over IOB2 labels (PER, LOC, ORG and MISC),
trained by ``bench/train_ner.py`` and shipped as ``tui/ner/model.json.gz``:

    {"format": FORMAT, "meta": {...}, "clusters": {word: bit string},
     "case": {word: "L" for words news nearly always writes in lower case},
     "pass1": {labels, transitions, weights}, "pass2": {...}}

(the weights packed as :func:`pack` writes them).

Tagging is Viterbi decoding, made cheap in two ways:

* only *segments* are decoded: runs of words with a capital letter (and the
  connectors between them, "Bank of England"); every other word is O, which
  the training data bears out (98% of name words have a capital);
* a word's features do not depend on where it stands, so the score they give
  each label is summed once per word and offset and kept (``_Scores``); a
  token's scores are then five vector sums plus its position features.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import itertools
import json
import sys
from array import array
from pathlib import Path
from typing import Final

from tui.ner.features import (
    FORMAT,
    PREFIX,
    Featurizer,
    PhraseLists,
    candidates,
    doc_marks,
    is_caps_sentence,
    title_marks,
)

MODEL_PATH: Final = Path(__file__).with_name("model.json.gz")
_CACHE_LIMIT: Final = 300_000


class ModelError(ValueError):
    """A model file that cannot be used (missing, damaged, or of another format)."""


class Model:
    """The weights of one pass of the tagger.

    In the file (see :func:`pack`): the feature names as one string, one a
    line; per feature, how many labels it has a weight for; and those labels
    and weights (bytes, and float32 in base64), in feature order. Loading that
    takes a few milliseconds where a JSON object of 100,000 features takes most
    of a second.
    """

    def __init__(self, data: dict[str, object], clusters: dict[str, str]) -> None:
        labels = data.get("labels")
        transitions = data.get("transitions")
        names = data.get("features")
        if not (
            isinstance(labels, list)
            and isinstance(transitions, list)
            and isinstance(names, str)
            and "O" in labels
        ):
            raise ModelError("entity model: labels, transitions or features missing")
        self.labels: list[str] = [str(x) for x in labels]
        self.size = len(self.labels)
        self.outside = self.labels.index("O")
        self.transitions: list[list[float]] = [[float(x) for x in row] for row in transitions]
        try:
            counts = base64.b64decode(str(data["counts"]))
            self.label_of: bytes = base64.b64decode(str(data["labels_of"]))
            values = array("f")
            values.frombytes(base64.b64decode(str(data["values"])))
        except (KeyError, ValueError) as exc:
            raise ModelError(f"entity model: damaged weights ({exc})") from None
        if sys.byteorder != "little":
            values.byteswap()
        self.values: list[float] = values.tolist()
        feature_names = names.split("\n")
        self.index: dict[str, int] = {name: i for i, name in enumerate(feature_names)}
        self.starts: list[int] = [0, *itertools.accumulate(counts)]
        if len(feature_names) != len(counts) or self.starts[-1] != len(self.values):
            raise ModelError("entity model: weights do not match the features")
        self.clusters = clusters

    def vector(self, feature: str) -> list[float] | None:
        """The feature's weight for each label, or None for a feature it does not know."""
        fid = self.index.get(feature)
        if fid is None:
            return None
        vec = [0.0] * self.size
        for k in range(self.starts[fid], self.starts[fid + 1]):
            vec[self.label_of[k]] = self.values[k]
        return vec

    def add(self, vec: list[float], feature: str) -> None:
        """Add the feature's weights to ``vec`` (nothing for a feature it does not know)."""
        fid = self.index.get(feature)
        if fid is not None:
            labels = self.label_of
            values = self.values
            for k in range(self.starts[fid], self.starts[fid + 1]):
                vec[labels[k]] += values[k]


def pack(
    labels: list[str], transitions: list[list[float]], weights: dict[str, list[tuple[int, float]]]
) -> dict[str, object]:
    """One pass as the model file holds it (see :class:`Model`)."""
    names = sorted(weights)
    counts = bytes(len(weights[f]) for f in names)
    label_of = bytes(label for f in names for label, _ in weights[f])
    values = array("f", [w for f in names for _, w in weights[f]])
    if sys.byteorder != "little":
        values.byteswap()
    return {
        "labels": labels,
        "transitions": transitions,
        "features": "\n".join(names),
        "counts": base64.b64encode(counts).decode(),
        "labels_of": base64.b64encode(label_of).decode(),
        "values": base64.b64encode(values.tobytes()).decode(),
    }


class ModelFile:
    """The shipped model: two passes (the second reads what the first found in
    the whole document), the word clusters both use, and a digest of the file."""

    def __init__(self, data: dict[str, object], digest: str = "") -> None:
        if data.get("format") != FORMAT:
            raise ModelError(
                f"entity model format {data.get('format')!r}, this code reads {FORMAT!r}: "
                "retrain it with bench/train_ner.py"
            )
        clusters = data.get("clusters") or {}
        first = data.get("pass1")
        second = data.get("pass2")
        if not isinstance(clusters, dict) or not isinstance(first, dict):
            raise ModelError("entity model: clusters or first pass missing")
        self.clusters: dict[str, str] = {str(k): str(v) for k, v in clusters.items()}
        case = data.get("case") or {}
        # word -> "L": words news nearly always writes in lower case (for the rules)
        self.case: dict[str, str] = (
            {str(k): str(v) for k, v in case.items()} if isinstance(case, dict) else {}
        )
        self.first = Model(first, self.clusters)
        self.second = Model(second, self.clusters) if isinstance(second, dict) else None
        meta = data.get("meta")
        self.meta: dict[str, object] = meta if isinstance(meta, dict) else {}
        self.digest = digest  # of the file: a new model re-extracts every article

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> ModelFile:
        try:
            raw = path.read_bytes()
            data = json.loads(gzip.decompress(raw))
        except FileNotFoundError:
            raise ModelError(
                f"{path}: no entity model (train one with bench/train_ner.py)"
            ) from None
        except (OSError, ValueError, EOFError) as exc:
            raise ModelError(f"{path}: cannot read the entity model: {exc}") from None
        if not isinstance(data, dict):
            raise ModelError(f"{path}: not an entity model")
        return cls(data, hashlib.sha1(raw).hexdigest()[:16])


_model: ModelFile | None = None


def shipped_model() -> ModelFile:
    """The model shipped with the package (loaded once)."""
    global _model
    if _model is None:
        _model = ModelFile.load()
    return _model


class Tagger:
    """Tags sentences with a model: (first, last + 1, CoNLL type) of each name."""

    def __init__(
        self, model: Model, phrases: PhraseLists | None = None, twin: Tagger | None = None
    ) -> None:
        """``twin``: the second pass's tagger, with which this one shares the
        words' feature strings."""
        self.model = model
        self.twin = twin
        self.featurizer: Featurizer = (
            twin.featurizer if twin is not None else Featurizer(model.clusters)
        )
        # offset -> word -> its feature strings (shared with the twin)
        self.strings: list[dict[str, list[str]]] = (
            twin.strings if twin is not None else [{}, {}, {}, {}, {}]
        )
        self.extra: dict[int, list[str]] = {}  # word index -> document features (pass 2)
        self.phrases = phrases if phrases is not None else PhraseLists()
        n = model.size
        self.zero = [0.0] * n
        self.bias = model.vector("b") or self.zero
        self.bos = model.vector("BOS") or self.zero
        self.caps = model.vector("CAPS") or self.zero
        self.marks: dict[str, list[float]] = {}
        # offset -> word -> summed scores of its features at that offset
        self.scores: list[dict[str, list[float]]] = [{}, {}, {}, {}, {}]
        self.types: list[str] = [lab[2:] if lab != "O" else "" for lab in model.labels]
        self.begins: list[bool] = [lab.startswith("B-") for lab in model.labels]
        # label -> the labels that may come before it (IOB2: I-X only after B-X or I-X)
        self.before: list[list[int]] = [
            [
                p
                for p, prev in enumerate(model.labels)
                if not lab.startswith("I-") or prev[2:] == lab[2:]
            ]
            for lab in model.labels
        ]

    def word_scores(self, k: int, w: str) -> list[float]:
        """The summed scores of ``w``'s features at offset ``k`` (0-4 for -2..2);
        at offset 0 (the word itself) with the bias added.

        The feature strings are the costly part: they are kept (shared with the
        second pass's tagger, ``twin``) for the words either pass needs again.
        """
        cache = self.scores[k]
        vec = cache.get(w)
        if vec is not None:
            return vec
        if len(cache) >= _CACHE_LIMIT:
            cache.clear()
        feats = self.feature_strings(k, w)
        model = self.model
        vec = list(self.bias) if k == 2 else list(self.zero)
        for f in feats:
            model.add(vec, f)
        cache[w] = vec
        return vec

    def feature_strings(self, k: int, w: str) -> list[str]:
        """``w``'s features at offset ``k``, with the offset's prefix."""
        strings = self.strings[k]
        feats = strings.get(w)
        if feats is None:
            if len(strings) >= _CACHE_LIMIT:
                strings.clear()
            level = 2 - k if k < 2 else k - 2
            pre = PREFIX[k]
            feats = strings[w] = self.featurizer.features(level, w, pre)
        return feats

    def mark_scores(self, mark: str) -> list[float]:
        vec = self.marks.get(mark)
        if vec is None:
            vec = self.marks[mark] = self.model.vector(mark) or self.zero
        return vec

    def tag(self, words: list[str]) -> list[tuple[int, int, str]]:
        """The names in one sentence: (first word, last word + 1, type) with
        type PER, LOC, ORG or MISC."""
        out: list[tuple[int, int, str]] = []
        self.tag_sentence(words, candidates(words), 0, len(words), out)
        return out

    def tag_sentence(
        self, words: list[str], cand: list[bool], a: int, b: int, out: list[tuple[int, int, str]]
    ) -> None:
        """Tag the sentence ``words[a:b]`` (``cand``: see :func:`candidates`),
        appending its names to ``out`` as (first, last + 1, type), indices into
        ``words``."""
        i = a
        while i < b and not cand[i]:
            i += 1
        if i == b:
            return
        caps = is_caps_sentence(words, cand, a, b)
        marks = self.phrases.match(words, cand, a, b)
        titles: dict[int, str] = {}
        title_marks(words, cand, a, b, self.featurizer.lists.titles, titles)
        while i < b:
            if not cand[i]:
                i += 1
                continue
            j = i + 1
            while j < b and cand[j]:
                j += 1
            self._segment(words, i, j, a, b, caps, marks, titles, out)
            i = j

    def _emissions(
        self,
        words: list[str],
        i: int,
        a: int,
        b: int,
        caps: bool,
        marks: dict[int, str],
        titles: dict[int, str],
    ) -> list[float]:
        """The label scores of word ``i`` of the sentence ``words[a:b]``."""
        s0, s1, s2, s3, s4 = self.scores
        w = words[i]
        e0 = s2.get(w)
        if e0 is None:
            e0 = self.word_scores(2, w)
        w = words[i - 1] if i - 1 >= a else "<s>"
        e1 = s1.get(w)
        if e1 is None:
            e1 = self.word_scores(1, w)
        w = words[i - 2] if i - 2 >= a else "<s>"
        e2 = s0.get(w)
        if e2 is None:
            e2 = self.word_scores(0, w)
        w = words[i + 1] if i + 1 < b else "</s>"
        e3 = s3.get(w)
        if e3 is None:
            e3 = self.word_scores(3, w)
        w = words[i + 2] if i + 2 < b else "</s>"
        e4 = s4.get(w)
        if e4 is None:
            e4 = self.word_scores(4, w)
        em = [e0[j] + e1[j] + e2[j] + e3[j] + e4[j] for j in range(self.model.size)]
        if i == a:
            bos = self.bos
            em = [em[j] + bos[j] for j in range(self.model.size)]
        if caps:
            cv = self.caps
            em = [em[j] + cv[j] for j in range(self.model.size)]
        if marks:
            mark = marks.get(i)
            if mark is not None:
                mv = self.mark_scores(mark)
                em = [em[j] + mv[j] for j in range(self.model.size)]
        if titles:
            mark = titles.get(i)
            if mark is not None:
                mv = self.mark_scores(mark)
                em = [em[j] + mv[j] for j in range(self.model.size)]
        if self.extra:
            feats = self.extra.get(i)
            if feats is not None:
                for f in feats:
                    mv = self.mark_scores(f)
                    em = [em[j] + mv[j] for j in range(self.model.size)]
        return em

    def _segment(
        self,
        words: list[str],
        i0: int,
        i1: int,
        a: int,
        b: int,
        caps: bool,
        marks: dict[int, str],
        titles: dict[int, str],
        out: list[tuple[int, int, str]],
    ) -> None:
        """Viterbi over words[i0:i1] of the sentence words[a:b], the words around
        the segment being O."""
        model = self.model
        n = model.size
        o = model.outside
        trans = model.transitions
        types = self.types
        begins = self.begins
        if i1 - i0 == 1:
            # one word: the best label between two O's
            em = self._emissions(words, i0, a, b, caps, marks, titles)
            into = trans[o]
            best = -1e300
            arg = o
            for j in range(n):
                if not (begins[j] or j == o):
                    continue
                s = em[j] + into[j] + trans[j][o]
                if s > best:
                    best = s
                    arg = j
            if arg != o:
                out.append((i0, i1, types[arg]))
            return
        back: list[list[int]] = []
        prev: list[float] = []
        begins = self.begins
        before = self.before
        for i in range(i0, i1):
            em = self._emissions(words, i, a, b, caps, marks, titles)
            if i == i0:
                into = trans[o]
                cur = [em[j] + into[j] if begins[j] or j == o else -1e300 for j in range(n)]
            else:
                cur = []
                ptr: list[int] = []
                for j in range(n):
                    best = -1e300
                    arg = 0
                    for p in before[j]:
                        s = prev[p] + trans[p][j]
                        if s > best:
                            best = s
                            arg = p
                    cur.append(best + em[j])
                    ptr.append(arg)
                back.append(ptr)
            prev = cur
        # the word after the segment is O
        best = -1e300
        last = o
        for p in range(n):
            s = prev[p] + trans[p][o]
            if s > best:
                best = s
                last = p
        path = [last]
        for k in range(len(back) - 1, -1, -1):
            last = back[k][last]
            path.append(last)
        path.reverse()
        start = -1
        kind = ""
        for k in range(len(path)):
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


# A line: its words, which have a capital, which the tagger decodes, its sentences.
Line = tuple[list[str], list[bool], list[bool], list[tuple[int, int]]]


def tag_document(
    first: Tagger, second: Tagger | None, lines: list[Line]
) -> list[list[tuple[int, int, str]]]:
    """The names of a document, per line: (first word, last word + 1, type).

    The first pass tags each sentence alone; the second tags again the lines
    with words that occur elsewhere in the document, with what the first pass
    said about those other occurrences (:func:`~tui.ner.features.doc_marks`).
    Other lines keep the first pass's names.
    """
    found: list[list[tuple[int, int, str]]] = []
    for words, _, cand, sents in lines:
        spans: list[tuple[int, int, str]] = []
        for a, b in sents:
            first.tag_sentence(words, cand, a, b, spans)
        found.append(spans)
    if second is None:
        return found
    marks = doc_marks([line[0] for line in lines], found, [line[1] for line in lines])
    for k in range(len(lines)):
        extra = marks[k]
        if not extra:
            continue
        words, _, cand, sents = lines[k]
        own: dict[int, str] = {}
        for a, b, t in found[k]:
            for i in range(a, b):
                own[i] = t
        again: list[tuple[int, int, str]] = []
        second.extra = extra
        for a, b in sents:
            if _agreed(extra, own, a, b):
                # every word here got the type it gets elsewhere: keep the first pass
                again.extend(x for x in found[k] if a <= x[0] < b)
            else:
                second.tag_sentence(words, cand, a, b, again)
        second.extra = {}
        found[k] = again
    return found


def _agreed(extra: dict[int, list[str]], own: dict[int, str], a: int, b: int) -> bool:
    """Whether each word of words[a:b] with document features got, in the first
    pass, the one type its other mentions got (or, like them, none)."""
    for i in range(a, b):
        feats = extra.get(i)
        if feats is None:
            continue
        t = own.get(i)
        if t is None:
            if feats != ["DN"]:
                return False
        elif len(feats) != 2 or feats[0] != "D:" + t:
            return False
    return True
