"""What the tagger sees of each word: the features, shared by training and tagging.

A token's features are of two kinds:

* *word features*: what one word says by itself (its lower-case form, shape,
  suffixes, word cluster, which name lists hold it), taken from the word itself
  and from the words up to two before and after it, each marked with its
  offset. They depend on the word alone, so the tagger works out their scores
  once per word and offset (see :mod:`tui.ner.model`);
* *position features*: what depends on where the word stands (first word of a
  sentence, a headline in capitals, inside a phrase of a name list, what the
  first pass said about the same word elsewhere in the document).

:data:`FORMAT` names this feature set; the training script writes it into the
model, and a model of another format is refused (its weights would be read
against the wrong features).
"""

from __future__ import annotations

import re
from typing import Final

from tui.gazetteer import cue_words, fold, lexicon
from tui.ner.candidates import candidates, capitals, is_caps_sentence

FORMAT: Final = "dossier-ner-6"

# Offsets of the context words, and the prefix each offset gives its features.
OFFSETS: Final = (-2, -1, 0, 1, 2)
PREFIX: Final = ("-2", "-1", "0", "+1", "+2")

_PAD_BEFORE: Final = ("<s>",)
_PAD_AFTER: Final = ("</s>",)


_DIGIT: Final = re.compile(r"\d")

#: word -> :func:`~tui.gazetteer.fold` of it, for the words the tagger sees again and again.
_FOLDED: Final[dict[str, str]] = {}


def fold_word(w: str) -> str:
    """:func:`~tui.gazetteer.fold` of one word, remembered (bounded)."""
    got = _FOLDED.get(w)
    if got is None:
        if len(_FOLDED) >= 100_000:
            _FOLDED.clear()
        # (a word of ASCII letters folds to its lower case: no accents, dots or spaces;
        # another ASCII word as fold() folds it, here in compiled code)
        if ascii_letters(w) >= 0:
            got = w.lower()
        elif w.isascii():
            got = " ".join(w.replace(".", "").lower().split())
        else:
            got = fold(w)
        _FOLDED[w] = got
    return got


#: What :func:`ascii_letters` says of a word of ASCII letters: it has a letter in
#: lower case, one in capitals, one in capitals after its first letter, its first
#: letter is a capital.
LOWER: Final = 1
UPPER: Final = 2
UPPER_AFTER: Final = 4
FIRST_UPPER: Final = 8


def ascii_letters(w: str) -> int:
    """-1 unless ``w`` is one or more ASCII letters; else the flags above.

    Read by the characters' codes: what ``str.isascii``, ``isalpha``, ``islower``
    and ``isupper`` would tell, each of which is a method call from compiled code
    (a test checks that they agree)."""
    flags = 0
    n = len(w)
    if n == 0:
        return -1
    for k in range(n):
        c = ord(w[k])
        if 97 <= c <= 122:
            flags |= LOWER
        elif 65 <= c <= 90:
            flags |= UPPER | FIRST_UPPER if k == 0 else UPPER | UPPER_AFTER
        else:
            return -1
    return flags


def cluster_key(word: str) -> str:
    """The form word clusters are kept under: lower case, digits as 0."""
    low = word.lower()
    if ascii_letters(word) >= 0 or low.isalpha():
        return low
    return _DIGIT.sub("0", low)


def shape(w: str) -> str:
    """The word's shape, runs collapsed: "Xx", "X.X.", "d", "Xx-xx"."""
    return shape_of(w, ascii_letters(w))


def shape_of(w: str, letters: int) -> str:
    """:func:`shape` of ``w``, whose :func:`ascii_letters` are ``letters``."""
    if letters >= 0:  # (most words: one case, or a capital and lower case)
        if not letters & UPPER:
            return "x"
        if not letters & LOWER:
            return "X"
        if letters & FIRST_UPPER and not letters & UPPER_AFTER:
            return "Xx"
    out: list[str] = []
    last = ""
    for ch in w:
        if ch.isupper():
            c = "X"
        elif ch.islower():
            c = "x"
        elif ch.isdigit():
            c = "d"
        else:
            c = ch
        if c != last:
            out.append(c)
            last = c
    return "".join(out)


def case_class(w: str) -> str:
    """A coarse case class: "T" title, "U" capitals, "L" lower, "D" digits, "M" mixed, "P" other."""
    return case_class_of(w, ascii_letters(w))


def case_class_of(w: str, letters: int) -> str:
    """:func:`case_class` of ``w``, whose :func:`ascii_letters` are ``letters``."""
    if letters >= 0:
        if letters & FIRST_UPPER:
            if len(w) > 1 and not letters & LOWER:
                return "U"
            return "M" if letters & UPPER_AFTER else "T"
        return "M" if letters & UPPER else "L"
    c = w[0]
    if c.isupper():
        if len(w) > 1 and w.isupper():
            return "U"
        if w[1:].islower() or len(w) == 1:
            return "T"
        return "M"
    if c.islower():
        return "L" if w.islower() else "M"
    if c.isdigit():
        return "D"
    return "P"


class WordLists:
    """Single-word memberships in the name lists, as short flags."""

    def __init__(self) -> None:
        lex = lexicon()
        self.first = lex.first_names
        self.last = lex.last_names
        self.places = frozenset(p for p in lex.places if " " not in p)
        self.countries = frozenset(p for p in lex.countries if " " not in p)
        self.orgs = frozenset(k for k in lex.orgs if " " not in k)
        org_words: set[str] = set()
        for k in lex.orgs:
            if " " in k:
                org_words.update(k.split())
        place_words: set[str] = set()
        for k in lex.places:
            if " " in k:
                place_words.update(k.split())
        self.org_words = frozenset(org_words)
        self.place_words = frozenset(place_words)
        words = cue_words()
        self.nationalities = frozenset(fold(w) for w in words.nationalities)
        self.titles = frozenset(fold(w) for w in words.person_titles)
        self.org_suffixes = frozenset(fold(w) for w in words.org_suffixes)
        self.place_suffixes = frozenset(fold(w) for w in words.place_suffixes)
        self.events = frozenset(fold(w) for w in words.events)

    def flags(self, key: str) -> list[str]:
        out: list[str] = []
        if key in self.first:
            out.append("gF")
        if key in self.last:
            out.append("gL")
        if key in self.places:
            out.append("gP")
        if key in self.countries:
            out.append("gC")
        if key in self.orgs:
            out.append("gO")
        if key in self.org_words:
            out.append("go")
        if key in self.place_words:
            out.append("gp")
        if key in self.nationalities or (key.endswith("s") and key[:-1] in self.nationalities):
            out.append("gN")
        if key in self.titles:
            out.append("gT")
        if key in self.org_suffixes:
            out.append("gS")
        if key in self.place_suffixes:
            out.append("gR")
        if key in self.events:
            out.append("gE")
        return out


class Featurizer:
    """Word features by offset, from the word lists and the word clusters."""

    def __init__(self, clusters: dict[str, str] | None = None) -> None:
        """``clusters``: word -> cluster bit string."""
        self.lists = WordLists()
        self.clusters: dict[str, str] = clusters or {}
        self.info: dict[str, tuple[list[str], str, str, str]] = {}

    def cluster_code(self, low: str) -> str:
        return self.clusters.get(cluster_key(low) if self.clusters else low, "")

    def _info(self, w: str) -> tuple[list[str], str, str, str]:
        """What the features of ``w`` at distance 0 and 1 share: list flags,
        shape, case class, cluster (worked out once per word)."""
        got = self.info.get(w)
        if got is None:
            if len(self.info) >= 200_000:
                self.info.clear()
            got = self.info[w] = self.word_info(w)
        return got

    def word_info(self, w: str) -> tuple[list[str], str, str, str]:
        """:meth:`_info` without keeping it (the tagger's vocabulary keeps each
        word's features: it asks once per word)."""
        return (
            self.lists.flags(fold_word(w)),
            shape(w),
            case_class(w),
            self.cluster_code(w.lower()),
        )

    def word_info_of(self, w: str, letters: int, key: str) -> tuple[list[str], str, str, str]:
        """:meth:`word_info` of ``w``, whose :func:`ascii_letters` are ``letters``
        and whose :func:`fold_word` is ``key``: a word of ASCII letters is looked up
        by ``key`` alone (its lower case, its cluster key), a string whose hash is
        already known, rather than by two more lower-case copies of it."""
        if letters >= 0:
            code = self.clusters.get(key, "")
        else:
            code = self.cluster_code(w.lower())
        return self.lists.flags(key), shape_of(w, letters), case_class_of(w, letters), code

    def base_features(self, w: str) -> list[str]:
        """Every feature ``w`` has at any distance, without an offset's prefix.

        Which distances a feature is made at depends on its kind alone (a
        suffix only for the word itself, ``c6`` only for a neighbour, ...), so
        a model's weight for a prefixed feature exists only for the kinds made
        at that offset: the tagger looks each of these up once per offset.
        """
        if w in _PAD_BEFORE or w in _PAD_AFTER:
            return [w]
        out = self.features(0, w)
        code = self._info(w)[3]
        if len(code) > 6:
            out.append(f"c6={code[:6]}")
        return out

    def word_features(self, w: str) -> tuple[list[str], list[str], list[str]]:
        """Features of ``w`` as the word itself, as a neighbour, as a word two away."""
        return self.features(0, w), self.features(1, w), self.features(2, w)

    def features(self, level: int, w: str, pre: str = "") -> list[str]:
        """Features of ``w`` at a distance ``level`` (0, 1 or 2) from the word
        tagged, each after ``pre`` (the offset's prefix)."""
        if w in _PAD_BEFORE or w in _PAD_AFTER:
            return [pre + w]
        low = w.lower()
        if level == 2:
            return [f"{pre}w={low}", f"{pre}k={case_class(w)}"]
        flags, sh, cc, code = self._info(w)
        out = [f"{pre}w={low}", f"{pre}s={sh}", f"{pre}k={cc}"]
        if level == 1:
            out.extend([pre + f for f in flags])
            if code:
                if len(code) > 6:
                    out.append(f"{pre}c6={code[:6]}")
                out.append(f"{pre}c={code}")
            return out
        n = len(low)
        for k in (2, 3, 4):
            if n > k:
                out.append(f"{pre}x{k}={low[-k:]}")
        if n > 3:
            out.append(f"{pre}p3={low[:3]}")
        if "-" in w:
            out.append(pre + "hy")
        if n <= 2:
            out.append(f"{pre}n={n}")
        out.extend([pre + f for f in flags])
        if code:
            for p in (4, 8, 12):
                if p < len(code):
                    out.append(f"{pre}c{p}={code[:p]}")
            out.append(f"{pre}c={code}")
        return out


class PhraseLists:
    """Names of more than one word from the name lists, matched over tokens.

    ``match`` marks each token inside a listed phrase with its list and place
    ("GP:B" first word of a listed place, "GO:I" inside a listed organisation).
    Phrases start only at words starting with a capital letter or a digit.
    """

    def __init__(self, extra: dict[str, str] | None = None) -> None:
        lex = lexicon()
        phrases: dict[tuple[str, ...], str] = {}
        for key in lex.places:
            if " " in key:
                phrases[tuple(key.split())] = "P"
        for key in lex.orgs:
            if " " in key:
                phrases[tuple(key.split())] = "O"
        for key, kind in (extra or {}).items():
            if " " in key:
                phrases[tuple(key.split())] = kind
        self.phrases = phrases
        limits: dict[str, int] = {}
        # the phrases' beginnings of two words or more ("new", "york", "city" gives
        # ("new", "york") and the phrase itself): a match reads on only while the
        # words so far begin one (most first words begin few phrases: "New", "St")
        beginnings: set[tuple[str, ...]] = set()
        for words in phrases:
            if len(words) > limits.get(words[0], 0):
                limits[words[0]] = len(words)
            for m in range(2, len(words) + 1):
                beginnings.add(words[:m])
        self.limits = limits
        self.beginnings = beginnings

    def match(
        self,
        words: list[str],
        cand: list[bool],
        a: int,
        b: int,
        ids: list[int] | None = None,
        folds: list[str] | None = None,
    ) -> dict[int, str]:
        """Token index -> phrase mark, for the tokens of ``words[a:b]`` inside a
        listed phrase (most tokens have none). ``cand``: which words have a capital;
        ``ids`` and ``folds``, if known: word ``i``'s fold is ``folds[ids[i]]``
        (not known where ``ids[i]`` is -1)."""
        out: dict[int, str] = {}
        phrases = self.phrases
        limits = self.limits
        beginnings = self.beginnings
        i = a
        while i < b:
            if not cand[i]:
                i += 1
                continue
            x = ids[i] if ids is not None else -1
            key = folds[x] if x >= 0 and folds is not None else fold_word(words[i])
            lim = limits.get(key, 0)
            if lim and not words[i][0].islower():
                found = 0
                kind = ""
                top = min(lim, b - i)
                if top > 1:
                    keys = [key]
                    for j in range(i + 1, i + top):
                        x = ids[j] if ids is not None else -1
                        keys.append(
                            folds[x] if x >= 0 and folds is not None else fold_word(words[j])
                        )
                        if tuple(keys) not in beginnings:
                            keys.pop()  # no phrase goes on so: none is longer
                            break
                    top = len(keys)
                    for m in range(top, 1, -1):
                        kind_of = phrases.get(tuple(keys[:m]))
                        if kind_of is not None:
                            found, kind = m, kind_of
                            break
                if found:
                    out[i] = f"G{kind}:B"
                    for j in range(i + 1, i + found):
                        out[j] = f"G{kind}:I"
                    i += found
                    continue
            i += 1
        return out


def title_marks(
    words: list[str], cand: list[bool], a: int, b: int, titles: frozenset[str], out: dict[int, str]
) -> None:
    """Mark the words after a title word in the same run of capitalised words
    by its distance from the last one: in "Secretary of State John Kerry",
    "John" gets "T3" (three or more), in "Prime Minister John Major" "T1")."""
    last = -1
    for i in range(a, b):
        if not cand[i]:
            last = -1
            continue
        w = words[i]
        if w.lower() in titles or fold_word(w) in titles:
            last = i
        elif last >= 0:
            d = i - last
            out[i] = "T1" if d == 1 else "T2" if d == 2 else "T3"


def position_features(first: bool, caps: bool, mark: str, title: str = "") -> list[str]:
    """The position features of one token (see the module's docstring)."""
    out: list[str] = []
    if first:
        out.append("BOS")
    if caps:
        out.append("CAPS")
    if mark:
        out.append(mark)
    if title:
        out.append(title)
    return out


def doc_marks(
    sents: list[list[str]],
    spans: list[list[tuple[int, int, str]]],
    caps: list[list[bool]] | None = None,
) -> list[dict[int, list[str]]]:
    """What a first pass over a whole document says about each capitalised word
    elsewhere in it, as features for the second pass (per sentence: word index
    -> features):

    * ``D:T`` for each type T that other mentions of the same word got,
      ``DM:T`` for the type most of them got;
    * ``DN``: the word is found elsewhere but never inside a name.

    ``spans``: the first pass's names, per sentence, as (first, last + 1, type);
    ``caps``: which words have a capital, per sentence, if known.
    """
    if caps is None:
        caps = [capitals(words) for words in sents]
    totals: dict[str, dict[str, int]] = {}
    seen: dict[str, int] = {}
    covers: list[dict[int, str]] = []
    for words, found, upper in zip(sents, spans, caps, strict=True):
        cover: dict[int, str] = {}
        for a, b, t in found:
            for i in range(a, b):
                cover[i] = t
        covers.append(cover)
        for i, w in enumerate(words):
            if upper[i]:
                k = fold_word(w)
                seen[k] = seen.get(k, 0) + 1
                typ = cover.get(i)
                if typ is not None:
                    per = totals.get(k)
                    if per is None:
                        per = totals[k] = {}
                    per[typ] = per.get(typ, 0) + 1
    out: list[dict[int, list[str]]] = []
    for words, cover, upper in zip(sents, covers, caps, strict=True):
        marks: dict[int, list[str]] = {}
        for i, w in enumerate(words):
            if not upper[i]:
                continue
            k = fold_word(w)
            if seen[k] < 2:
                continue
            marks[i] = doc_features(totals.get(k), cover.get(i, ""))
        out.append(marks)
    return out


def doc_features(per: dict[str, int] | None, own: str) -> list[str]:
    """The document features of one mention (see :func:`doc_marks`): ``per``, type
    -> how many of the word's mentions got it (this one included), ``own``, the
    type this mention got ("" for none)."""
    best = ""
    most = 0
    feats: list[str] = []
    if per is not None:
        for t, c in sorted(per.items()):
            if t == own:
                c -= 1
            if c > 0:
                feats.append("D:" + t)
                if c > most:
                    best, most = t, c
    feats.append("DM:" + best if best else "DN")
    return feats


def sentence_features(
    words: list[str],
    featurizer: Featurizer,
    phrases: PhraseLists,
    extra: dict[int, list[str]] | None = None,
) -> list[list[str]]:
    """Every feature of every token of one sentence, as the training data gets them.

    The tagger works out the same sums without building these lists (word
    features are scored once per word); a test checks that the two agree.
    """
    n = len(words)
    cand = candidates(words)
    marks = phrases.match(words, cand, 0, n)
    titles: dict[int, str] = {}
    title_marks(words, cand, 0, n, featurizer.lists.titles, titles)
    caps = is_caps_sentence(words)
    padded = [_PAD_BEFORE[0], _PAD_BEFORE[0], *words, _PAD_AFTER[0], _PAD_AFTER[0]]
    table = [featurizer.word_features(w) for w in padded]
    out: list[list[str]] = []
    for i in range(n):
        feats = ["b"]
        for k in range(5):
            level = 2 - k if k < 2 else k - 2
            pre = PREFIX[k]
            feats.extend(pre + f for f in table[i + k][level])
        feats.extend(position_features(i == 0, caps, marks.get(i, ""), titles.get(i, "")))
        if extra and i in extra:
            feats.extend(extra[i])
        out.append(feats)
    return out
