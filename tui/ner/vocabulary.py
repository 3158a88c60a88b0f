"""Word ids, and each word's features as ids: what both tagger passes share.

A word's features do not depend on where it stands, so each distinct word gets
an id once and its features are worked out once (see :mod:`tui.ner.tagger`,
which keeps the scores they give per id and offset).
"""

from __future__ import annotations

import time
from typing import Final

from librt.vecs import vec
from mypy_extensions import i64

from tui.ner.features import Featurizer, ascii_letters, fold_word

#: Names handled between two chances for other threads to take the interpreter's lock
#: (see :func:`let_others_run`): about a millisecond of work.
LOCK_STEP: Final = 4096


def let_others_run() -> None:
    """Let another thread waiting for the interpreter's lock take it (the app's UI
    thread while a worker loads the model): compiled code never gives it up by itself,
    only in a call that does, as ``time.sleep`` does, even for no time."""
    time.sleep(0)


#: Word ids of the padding around a sentence.
PAD_BEFORE: Final = 0
PAD_AFTER: Final = 1
#: Words the vocabulary holds before it starts afresh (between documents). A build
#: worker meets ~1 new word an article (25,000 at 50k articles: ~25 MB with the
#: tagger's scores); ~8,000 recur in any stretch of news, so a bound a little above
#: them costs few words worked out again: 12,000 left a worker's extraction CPU as it
#: was (+-2%) and its peak 17 MB lower; at 8,000 it cleared every ~500 articles, +20%.
VOCABULARY_LIMIT: Final = 12_000
#: The words kept when the vocabulary is full: the first ones it met, which hold the
#: words every text has ("said", "Mr", "the"), met in a worker's first articles.
#: Over the half of the BBC corpus a build worker reads, starting afresh made 27,500
#: words' features for 19,600 distinct words; keeping the first 6,000, 22,800.
VOCABULARY_KEEP: Final = 6_000

#: English function words (articles, pronouns, conjunctions, prepositions, sentence
#: adverbs): written with a capital only because they open a sentence, alone they
#: are no name, so the tagger need not decode them there (a quarter of the sentences
#: of news have no other word with a capital). Next to another capitalised word
#: ("The Hague", "In Bloom") they are decoded as usual.
FUNCTION_WORDS: Final = frozenset(
    "a an the this that these those there here it its i we you he she they me us him "
    "her them my our your his their what which who whom whose when where why how whatever "
    "but and or nor so yet if as though although because since unless until while whereas "
    "however meanwhile moreover furthermore nevertheless instead indeed thus hence also "
    "then now still already even only just perhaps maybe once again yes no not "
    "in on at by for from to of with without into onto upon after before during despite "
    "about above below over under between among against through throughout across "
    "along around behind beyond within towards toward like unlike near according "
    "some many most more much few several all both each every either neither other "
    "others another any such one".split()
)


#: The kinds of "kind=value" base names that :meth:`Vocabulary.features_of` looks up.
_KINDS: Final = ("w", "s", "k", "x2", "x3", "x4", "p3", "n", "c4", "c8", "c12", "c", "c6")


class Vocabulary:
    """Word ids, and which of the models' features each word has.

    Shared by the two passes: a word's features are worked out once (when a
    pass first needs them), as the ids of their *base* names (the feature
    without its offset's prefix: ``w=lisbon`` for ``-1w=lisbon``). Each pass
    keeps its own scores per word and offset (:class:`~tui.ner.tagger.Tagger`).
    """

    def __init__(self, featurizer: Featurizer) -> None:
        self.featurizer = featurizer
        self.base: dict[str, int] = {}  # base feature name -> id
        # "kind=value" base names by kind, then value ("w" -> "lisbon" -> id)
        self.families: dict[str, dict[str, int]] = {}
        self.ids: dict[str, int] = {}
        self.words: list[str] = []  # word id -> the word
        self.feats: list[list[int] | None] = []  # word id -> its base feature ids
        self.folds: list[str] = []  # word id -> its fold (tui.gazetteer.fold)
        self.fids: list[int] = []  # word id -> an id of its fold
        self.fold_ids: dict[str, int] = {}
        self.titles: list[bool] = []  # word id -> whether it is a title word
        # word id -> whether it is a function word with a capital ("The", "However")
        self.minor: list[bool] = []
        self.local = vec[i64]()  # fold id -> its number in a document (see doc_marks)
        # the families of _KINDS, in that order, and the number of base names then
        self.tables: list[dict[str, int]] = []
        self.tables_size = -1
        # a cluster code -> the ids of its features (c4, c8, c12, c, c6), in that order:
        # ~2,000 codes are shared by every word, each code's five look-ups made once
        self.code_ids: dict[str, list[int]] = {}
        self.epoch = 0  # counts the clearings (the passes' scores go with the words)
        self.limit = VOCABULARY_LIMIT  # words held before starting afresh (see trim)
        self.keep = VOCABULARY_KEEP  # the first words kept then
        # how many words each cut since the last clearing kept (their ids, and the
        # passes' scores for them, stay): see keep_first
        self.cuts: list[int] = []
        # the list of base names the ids were handed out by (see number_as)
        self.numbered_by: list[str] | None = None
        self.clear()

    def clear(self) -> None:
        self.ids = {}
        self.words = []
        self.feats = []
        self.folds = []
        self.fids = []
        self.fold_ids = {}
        self.titles = []
        self.minor = []
        self.epoch += 1
        self.cuts = []
        self.word_id("<s>")
        self.word_id("</s>")

    def register(self, base: str) -> int:
        """The id of a base feature name (new ones get the next id)."""
        got = self.base.get(base)
        if got is None:
            got = self.base[base] = len(self.base)
            kind, eq, value = base.partition("=")
            if eq:
                family = self.families.get(kind)
                if family is None:
                    family = self.families[kind] = {}
                family[value] = got
        return got

    def number_as(self, bases: list[str]) -> bool:
        """Give the base names ``bases`` their places there as ids, if no other
        names were registered (a model file's tables are laid out by them: see
        :class:`tui.ner.model.Table`); whether the ids are so."""
        if self.numbered_by is bases:
            return True
        if self.base:
            return False
        # (a few thousand names at a time, the interpreter's lock let go between them:
        # compiled, this loop never lets it go, and at the app's launch the whole of
        # it, 9-20 ms for the shipped model's 30,735 names, held up the UI thread)
        base: dict[str, int] = {}
        for start in range(0, len(bases), LOCK_STEP):
            end = min(start + LOCK_STEP, len(bases))
            base.update(zip(bases[start:end], range(start, end), strict=True))
            let_others_run()
        if len(base) != len(bases):  # (a name twice: not the file's layout)
            return False
        self.base = base
        families = self.families  # (empty: filled with base)
        for i in range(len(bases)):
            kind, eq, value = bases[i].partition("=")
            if eq:
                family = families.get(kind)
                if family is None:
                    family = families[kind] = {}
                family[value] = i
            if i % LOCK_STEP == LOCK_STEP - 1:
                let_others_run()
        self.numbered_by = bases
        self.clear()  # words read before these features were known
        return True

    def _family(self, kind: str) -> dict[str, int]:
        got = self.families.get(kind)
        return got if got is not None else {}

    def _tables(self) -> list[dict[str, int]]:
        """The families of :data:`_KINDS` (looked up again once new base names come)."""
        if self.tables_size != len(self.base):
            self.tables = [self._family(kind) for kind in _KINDS]
            self.tables_size = len(self.base)
            self.code_ids = {}
        return self.tables

    def word_id(self, w: str) -> int:
        got = self.ids.get(w)
        if got is not None:
            return got
        i = len(self.words)
        self.words.append(w)
        self.feats.append(None)
        key = fold_word(w)
        self.folds.append(key)
        fid = self.fold_ids.get(key)
        if fid is None:
            fid = self.fold_ids[key] = len(self.fold_ids)
        self.fids.append(fid)
        titles = self.featurizer.lists.titles
        low = w.lower()
        if low == key:  # (most words: ``key``'s hash is known, ``low``'s is not)
            self.titles.append(key in titles)
            self.minor.append(key in FUNCTION_WORDS and (len(w) == 1 or w[1:] == key[1:]))
        else:
            self.titles.append(low in titles or key in titles)
            self.minor.append(low in FUNCTION_WORDS and (len(w) == 1 or w[1:] == low[1:]))
        self.ids[w] = i
        return i

    def features_of(self, wid: int) -> list[int]:
        """The base feature ids of word ``wid`` that a model knows.

        These are the ids of ``Featurizer.base_features``, in its order (a test
        checks it), found by kind and value rather than by building each name.
        """
        got = self.feats[wid]
        if got is not None:
            return got
        w = self.words[wid]
        base = self.base
        ids: list[int] = []
        if wid == PAD_BEFORE or wid == PAD_AFTER:
            b = base.get(w)
            if b is not None:
                ids.append(b)
            self.feats[wid] = ids
            return ids
        letters = ascii_letters(w)
        key = self.folds[wid]
        # (a word of ASCII letters folds to its lower case: ``key``, already hashed)
        low = key if letters >= 0 else w.lower()
        flags, sh, cc, code = self.featurizer.word_info_of(w, letters, key)
        t = self._tables()
        _add(ids, t[0], low)
        _add(ids, t[1], sh)
        _add(ids, t[2], cc)
        n = len(low)
        if n > 2:
            _add(ids, t[3], low[-2:])
        if n > 3:
            _add(ids, t[4], low[-3:])
        if n > 4:
            _add(ids, t[5], low[-4:])
        if n > 3:
            _add(ids, t[6], low[:3])
        if letters < 0 and "-" in w:
            _add(ids, base, "hy")
        if n <= 2:
            _add(ids, t[7], "2" if n == 2 else "1" if n == 1 else str(n))
        for f in flags:
            _add(ids, base, f)
        if code:
            of_code = self.code_ids.get(code)
            if of_code is None:
                of_code = self.code_ids[code] = _code_ids(t, code)
            ids.extend(of_code)
        self.feats[wid] = ids
        return ids

    def trim(self) -> None:
        """Keep only the first words if the vocabulary has grown past its bound
        (called between documents: ids handed out stay valid until then)."""
        if len(self.words) >= self.limit:
            if 2 <= self.keep < self.limit:
                self.keep_first(self.keep)
            else:
                self.clear()

    def keep_first(self, k: int) -> None:
        """Forget every word but the first ``k`` (their ids stay; the passes keep
        their scores for them: :meth:`~tui.ner.tagger.Tagger._fresh`)."""
        if k >= len(self.words):
            return
        ids = self.ids
        for w in self.words[k:]:
            del ids[w]
        # fold ids are numbered as words come: the first k words' folds are the
        # first ones numbered, the later words' new folds the rest
        kept_folds = max(self.fids[:k]) + 1
        fold_ids = self.fold_ids
        for f in self.folds[k:]:
            got = fold_ids.get(f)
            if got is not None and got >= kept_folds:
                del fold_ids[f]
        del self.words[k:]
        del self.feats[k:]
        del self.folds[k:]
        del self.fids[k:]
        del self.titles[k:]
        del self.minor[k:]
        self.cuts.append(k)

    def line_ids(self, words: list[str], cand: list[bool]) -> list[int]:
        """The ids of a line's words that the tagger reads: the candidates and
        the two words either side of each (-1 for the others)."""
        n = len(words)
        out = [-1] * n
        ids = self.ids
        for i in range(n):
            if cand[i]:
                for j in range(i - 2 if i >= 2 else 0, i + 3 if i + 3 <= n else n):
                    if out[j] < 0:
                        got = ids.get(words[j])
                        out[j] = got if got is not None else self.word_id(words[j])
        return out


def _code_ids(t: list[dict[str, int]], code: str) -> list[int]:
    """The ids of a cluster code's features (``t``: :meth:`Vocabulary._tables`)."""
    ids: list[int] = []
    m = len(code)
    if m > 4:
        _add(ids, t[8], code[:4])
    if m > 8:
        _add(ids, t[9], code[:8])
    if m > 12:
        _add(ids, t[10], code[:12])
    _add(ids, t[11], code)
    if m > 6:
        _add(ids, t[12], code[:6])
    return ids


def _add(ids: list[int], table: dict[str, int], key: str) -> None:
    got = table.get(key)
    if got is not None:
        ids.append(got)


def split_name(name: str) -> tuple[int, str]:
    """A feature name -> (offset 0-4 for -2..+2, base name), or (-1, name) for
    a feature of the token's position (``BOS``, ``CAPS``, ``D:PER``...)."""
    c = name[:1]
    if c == "0":
        return 2, name[1:]
    if c == "-" or c == "+":
        d = name[1:2]
        if d == "1":
            return (1 if c == "-" else 3), name[2:]
        if d == "2":
            return (0 if c == "-" else 4), name[2:]
    return -1, name
