"""The learned recogniser's parts: tokens, features, the shipped model, furniture."""

from __future__ import annotations

import ast
import random
import re
import zlib
from pathlib import Path

import pytest
import yaml

from tui.entities import Recognizer, load_gazetteer
from tui.ner import candidates as C
from tui.ner import features as F
from tui.ner.document import Candidate, canonical_form
from tui.ner.furniture import HEADING, MENU, NORMAL, line_kind
from tui.ner.marks import doc_marks
from tui.ner.model import (
    MAGIC,
    MODEL_PATH,
    ModelError,
    ModelFile,
    dump_model,
    load_model,
    pack,
    shipped_model,
)
from tui.ner.tagger import Tagger
from tui.ner.tokens import TOKEN, WORDS, Offsets, line_words, sentences, tokenize
from tui.ner.types import ENTITY_TYPES, FROM_CONLL, NAME_TYPES

REPO = Path(__file__).resolve().parent.parent


def names(text: str, rec: Recognizer | None = None) -> dict[str, str]:
    rec = rec or Recognizer(load_gazetteer())
    return {m.text: m.type for m in rec.extract(text) if m.type != "date"}


# -- tokens --------------------------------------------------------------------


def test_tokens_are_cut_like_the_training_data():
    text = "Mr. O'Neill's U.S.-based firm, AT&T, paid 1,000 dollars... (Reuters) -- ok"
    assert TOKEN.findall(text) == [
        "Mr.", "O'Neill", "'s", "U.S.", "-", "based", "firm", ",", "AT&T", ",", "paid",
        "1,000", "dollars", "...", "(", "Reuters", ")", "--", "ok",
    ]  # fmt: skip
    spans = tokenize(text)
    assert [text[a:b] for a, b in spans] == TOKEN.findall(text)
    # WORDS (the fast form the recogniser reads lines with) gives the same tokens
    more = text + "\t Zürich's  e-mail,Gen. Lee:  WHO?  \u00a0ünd 3.5% .. x "
    assert WORDS.findall(more) == TOKEN.findall(more) and len(TOKEN.findall(more)) > 30
    assert WORDS.findall(more, 5, 40) == TOKEN.findall(more, 5, 40)


def test_offsets_find_each_token_after_the_one_before():
    text = "  Anna  met\tAnna Berg ."
    words = TOKEN.findall(text)
    offsets = Offsets(text, 0, words)
    assert [(offsets.start(i), offsets.end(i)) for i in (3, 0)] == [(17, 21), (2, 6)]
    # where each token starts, after spaces, tabs, other white space or none
    pieces = ["Anna", "Berg", "an", "(", ")", "'s", ".", " ", "  ", "\t", "\u00a0", "\n", "x."]
    rng = random.Random(16)
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        spans = tokenize(text)
        offsets = Offsets(text, 0, [text[a:b] for a, b in spans])
        assert [offsets.start(i) for i in range(len(spans))] == [a for a, _ in spans], text


def test_sentences_end_at_a_stop_before_a_capital():
    words = TOKEN.findall("He left. She stayed (briefly.) then 3.5 more! Done")
    cut = [" ".join(words[a:b]) for a, b in sentences(words)]
    assert cut == ["He left .", "She stayed ( briefly . ) then 3.5 more !", "Done"]


# -- features ------------------------------------------------------------------


def test_shapes_and_case_classes():
    assert F.shape("McDonald-Smith") == "XxXx-Xx"
    assert F.shape("U.S.") == "X.X."
    assert [F.case_class(w) for w in ("Paris", "NATO", "iPhone", "paris", "1996", "(")] == [
        "T", "U", "M", "L", "D", "P"
    ]  # fmt: skip


def test_candidates_take_connectors_particles_and_possessives():
    words = "talks with Joost van der Westhuizen , the Bank of England and Lord 's".split()
    cand = C.candidates(words)
    assert [w for w, c in zip(words, cand, strict=True) if c] == [
        "Joost", "van", "der", "Westhuizen", "Bank", "of", "England", "and", "Lord", "'s"
    ]  # fmt: skip
    assert C.candidates("de Silva won".split()) == [True, True, False]


def test_document_marks_say_what_other_mentions_got():
    sents = [["Kerrigan", "won"], ["Ann", "Kerrigan", "said"], ["Kerrigan", "left"]]
    spans = [[], [(0, 2, "PER")], [(0, 1, "PER")]]
    marks = F.doc_marks(sents, spans)
    assert marks[0][0] == ["D:PER", "DM:PER"]
    assert marks[2][0] == ["D:PER", "DM:PER"]
    assert 0 not in marks[1]  # "Ann" is found once


def test_the_tagger_marks_a_document_as_the_training_data_is_marked():
    """tagger.doc_marks (by word ids) gives features.doc_marks' marks (by words)."""
    tagger = Tagger(shipped_model().first)
    text = [
        "KERRIGAN WINS IN OSLO",
        "Ann Kerrigan said the Bank of Oslo and kerrigan's aides agreed .",
        "Kerrigan left Oslo ; OSLO Bank denied it .",
        "Ann met the Kerrigan family and Ann 's aides .",
    ]
    lines = []
    for line in text:
        words = line.split()
        caps = C.capitals(words)
        lines.append((words, caps, C.candidates(words, caps), sentences(words)))
    found = [[(0, 1, "PER")], [(0, 2, "PER"), (4, 7, "ORG")], [(0, 1, "ORG"), (2, 3, "LOC")], []]
    ids = [tagger.vocab.line_ids(w, c) for w, _, c, _ in lines]
    want = F.doc_marks([w for w, *_ in lines], found)
    assert doc_marks(tagger.vocab, lines, ids, found) == want
    assert want[2][0] == ["D:PER", "DM:PER"] and want[0][3] == ["D:LOC", "D:ORG", "DM:LOC"]


def test_a_full_vocabulary_keeps_its_first_words_and_their_scores():
    """When the vocabulary is full it keeps its first words (ids and the passes'
    scores for them) and forgets the rest: texts tagged after such cuts get the
    names and the very scores that a vocabulary never cut gives."""
    from tui.ner.tagger import tag_document

    model = shipped_model()
    assert model.second is not None

    def pair(limit: int, keep: int) -> tuple[Tagger, Tagger]:
        phrases = F.PhraseLists()
        second = Tagger(model.second, phrases)
        second.vocab.limit, second.vocab.keep = limit, keep
        return Tagger(model.first, phrases, second), second

    whole, cut = pair(10**9, 0), pair(40, 12)
    rng = random.Random(16)
    names = "Quenby Zarvel Harbourton Lisbon Jo Vale Ann Kerrigan Oslo Bank United".split()
    plain = "said the of met in and at a new report on Monday".split()
    for _ in range(40):
        lines = []
        for _ in range(rng.randint(1, 3)):
            words = [rng.choice(names + plain) for _ in range(rng.randint(3, 12))]
            words.append(f"Zq{rng.randint(0, 999)}")  # a word met once
            words.append(".")
            caps = C.capitals(words)
            lines.append((words, caps, C.candidates(words, caps), sentences(words)))
        assert tag_document(*cut, lines) == tag_document(*whole, lines)
        for words, *_ in lines:
            for i in range(len(words)):
                for a, b in zip(whole, cut, strict=True):
                    assert b.emissions(words, i, 0, len(words)) == a.emissions(
                        words, i, 0, len(words)
                    )
    vocab = cut[0].vocab
    assert len(vocab.cuts) >= 5 and vocab.epoch == cut[0].epoch == cut[1].epoch
    assert len(vocab.words) < 40 and vocab.words[:2] == ["<s>", "</s>"]
    assert len(vocab.fold_ids) == max(vocab.fids) + 1
    assert all(vocab.ids[w] == i for i, w in enumerate(vocab.words))


def test_the_tagger_finds_a_words_features_as_the_featurizer_names_them():
    tagger = Tagger(shipped_model().first)
    vocab = tagger.vocab
    words = "Lisbon LONDON al-Assad U.S. I of 3rd Zürich McDonald 's x ab abc O'Neill".split()
    words += ["1,200", "e-mail", "Bank", "Minister", "réunion", "Xi", "<s>", "</s>", "="]
    # words of one cluster code after the first (a code's features are kept)
    words += ["lisbon", "LISBON", "london", "Bank's", "bank"]
    for w in words:
        want = [vocab.base[f] for f in tagger.featurizer.base_features(w) if f in vocab.base]
        assert vocab.features_of(vocab.word_id(w)) == want, w
        assert want, w


def test_a_lines_words_are_what_the_token_pattern_finds():
    """line_words (pieces between spaces, the plain ones taken whole) gives the
    tokens WORDS finds, around initials, abbreviations, clitics and odd spaces."""
    pieces = [
        "Lee", "said", "Zürich", "J.", "J", "U.S.", "Mr.", "Mr", "Inc.", "St", "x.", "A.",
        "'s", "’s", "'", "’", "s", "re", "(", ")", '"', "“", "”", "‘", "[", ",", ";", ":",
        ".", "..", "!", "?", "-", "--", "&", "/", "3", "3.5", "1,200", "2-1", "e-mail",
        "O'Neill", "Lee's", "don't", "Ltd.", "a.m.", "_", "é", "Σ", "well-known", "3-year-old",
        "x-2", "2-x", "-x", "x-", "a--b", "said.", "A4.", "2004.", "No.", "no.", "É.", "é.", "Jr.",
        "%", "5", "players", "’s", '."', ".)", ",'", "Inc", "²",
        " ", " ", " ", "  ", "\t", "\u00a0", "\u2009",
    ]  # fmt: skip
    rng = random.Random(16)
    for _ in range(8000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 25)))
        start = rng.randint(0, len(text))
        assert line_words(text, 0, len(text)) == WORDS.findall(text, 0, len(text)), repr(text)
        assert line_words(text, start, len(text)) == WORDS.findall(text, start, len(text)), (
            repr(text),
            start,
        )
    line = 'Mr. J. Smith (of Zapco Inc.) said, "Lee\'s U.S. plan" works. A. Lee agreed.'
    assert line_words(line, 0, len(line)) == WORDS.findall(line)
    # an initial is read in its place: not inside an earlier 'J."', before a quote
    line = '"Call me J." Then J. Smith spoke, 5%, players\' "Inc.)"'
    assert line_words(line, 0, len(line)) == WORDS.findall(line)


def test_capitals_read_as_the_str_methods_say():
    """capitals (ASCII words read by their codes) marks a word that differs from its
    lower case, and gives the words str.islower() is true of, for any characters."""
    chars = ["a", "z", "A", "Z", "m", "Q", "1", "'", "-", ".", "é", "É", "ß", "ǅ", "ª", "Σ", "_"]
    rng = random.Random(16)
    words = ["".join(rng.choice(chars) for _ in range(rng.randint(1, 5))) for _ in range(20000)]
    lower: set[str] = set()
    assert C.capitals(words, lower) == [w != w.lower() for w in words]
    assert lower == {w for w in words if w.islower()}
    assert {"a", "ª"} <= lower and "1" not in lower and "Σ" not in lower


def _shape(w: str) -> str:
    out: list[str] = []
    for ch in w:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def _case_class(w: str) -> str:
    c = w[0]
    if c.isupper():
        return "U" if len(w) > 1 and w.isupper() else "T" if len(w) == 1 or w[1:].islower() else "M"
    if c.islower():
        return "L" if w.islower() else "M"
    return "D" if c.isdigit() else "P"


def test_a_words_shape_and_case_are_read_as_the_str_methods_say():
    """shape, case_class, cluster_key and fold_word (which read a word of ASCII
    letters by its codes) give what Python's str methods give, for any characters."""
    # (no Greek capital sigma: compiled str.lower() ignores the final-sigma rule)
    chars = ["a", "z", "A", "Z", "m", "Q", "1", "'", "-", ".", "é", "É", "ß", "ǅ", "_", "@", "["]
    rng = random.Random(16)
    for _ in range(20000):
        w = "".join(rng.choice(chars) for _ in range(rng.randint(1, 5)))
        assert F.shape(w) == _shape(w), w
        assert F.case_class(w) == _case_class(w), w
        letters = w.isascii() and w.isalpha()
        assert (F.ascii_letters(w) >= 0) == letters, w
        low = w.lower()
        assert F.cluster_key(w) == (low if low.isalpha() else re.sub(r"\d", "0", low)), w
    assert F.ascii_letters("") == -1
    assert F.fold_word("McDonald") == "mcdonald" and F.fold_word("Zürich") == "zurich"


def _caps_sentence(words: list[str]) -> bool:
    """is_caps_sentence as first written: two counts over the whole sentence."""
    caps = sum(1 for w in words if len(w) > 1 and w.isupper())
    letters = sum(1 for w in words if any(ch.isalpha() for ch in w))
    return caps >= 2 and caps * 5 >= letters * 4


def test_a_sentence_in_capitals_is_told_as_its_counts_say():
    pieces = ["US", "UK", "NATO", "Lee", "said", "IBM", "A", "I", "3", ",", "BBC's", "ÉTÉ", "é"]
    rng = random.Random(16)
    seen = set()
    for _ in range(20000):
        words = [rng.choice(pieces) for _ in range(rng.randint(0, 9))]
        want = _caps_sentence(words)
        assert C.is_caps_sentence(words) == want, words
        seen.add(want)
    assert seen == {True, False}


def test_phrase_marks_are_the_longest_listed_phrases():
    """PhraseLists.match (which reads on only while the words begin a listed phrase)
    marks what trying every length from the longest down marks."""
    phrases = F.PhraseLists(
        {"zap city": "P", "zap city north": "P", "zap bank of zorn": "O", "bank of zorn": "O"}
    )

    def plain(words: list[str]) -> dict[int, str]:
        out: dict[int, str] = {}
        i = 0
        while i < len(words):
            key = F.fold_word(words[i])
            lim = phrases.limits.get(key, 0)
            found = 0
            if words[i][0].isupper():
                for m in range(min(lim, len(words) - i), 1, -1):
                    got = phrases.phrases.get(tuple(F.fold_word(w) for w in words[i : i + m]))
                    if got is not None:
                        found = m
                        out[i] = f"G{got}:B"
                        out.update((j, f"G{got}:I") for j in range(i + 1, i + m))
                        break
            i += found or 1
        return out

    pieces = ["Zap", "City", "North", "Bank", "of", "Zorn", "zap", "said", "New", "York"]
    rng = random.Random(16)
    marked = 0
    for _ in range(5000):
        words = [rng.choice(pieces) for _ in range(rng.randint(1, 9))]
        cand = C.candidates(words)
        got = phrases.match(words, cand, 0, len(words))
        assert got == plain(words), words
        marked += bool(got)
    assert marked > 200


def test_the_product_shape_search_agrees_with_the_product_shape():
    """lists._PRODUCT_SHAPE_IN (which starts at the capital, for speed) finds a word
    of a product's shape ("zPhone") in exactly the texts _PRODUCT_SHAPE does."""
    from tui.ner.lists import _PRODUCT_SHAPE, _PRODUCT_SHAPE_IN

    pieces = ["z", "zz", "zzz", "zzzz", "P", "Ph", "hone", "X", " ", ".", "_", "1", "é", "É", "-"]
    rng = random.Random(16)
    found = 0
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        want = _PRODUCT_SHAPE.search(text) is not None
        assert (_PRODUCT_SHAPE_IN.search(text) is not None) == want, repr(text)
        found += want
    assert found > 100


def test_a_list_before_a_name_ends_as_its_shortcut_expects():
    """product_lists searches for a list before a name only where the text ends with
    one of _LIST_ENDS there: every match of _LIST_BEFORE does."""
    from tui.ner.lists import _LIST_BEFORE, _LIST_ENDS

    pieces = ["Zap", "zPad", ",", ", ", " ", "and ", "or ", "and", "x", "'", "-", "é"]
    rng = random.Random(16)
    matched = 0
    for _ in range(30000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        if _LIST_BEFORE.search(text) is not None:
            matched += 1
            assert text.endswith(_LIST_ENDS), repr(text)
    assert matched > 100
    # product_lists asks the character two before a name first
    assert all(end[-2] in ",dr" for end in _LIST_ENDS)


def test_a_list_of_products_has_a_capital_after_a_lower_case_letter():
    """product_lists reads a list before a name only where _CAPITAL_INSIDE finds one in
    the characters the list may take: every list with an item of a product's shape
    (as product_lists reads its items) has one there."""
    import re

    from tui.ner.lists import _CAPITAL_INSIDE, _LIST_BEFORE, _PRODUCT_SHAPE

    pieces = ["Zap", "zPad", "xzPad", "ab", "C", ",", ", ", " ", "and ", "or ", "'", "-", "é"]
    rng = random.Random(16)
    shaped = 0
    for _ in range(30000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14))) + ", "
        end = len(text)
        lo = rng.randint(0, end)
        found = _LIST_BEFORE.search(text, lo, end)
        if found is None:
            continue
        items = [i.strip() for i in re.split(r", (?:and |or )?", found.group(1))]
        if items and not _PRODUCT_SHAPE.fullmatch(items[0]):
            items[0] = items[0].rsplit(" ", 1)[-1]
        if any(_PRODUCT_SHAPE.fullmatch(i) for i in items if i):
            shaped += 1
            assert _CAPITAL_INSIDE.search(text, lo, end) is not None, (text, lo)
    assert shaped > 500


_SHAPE_WORDS = (
    "Lisbon LONDON lisbon x X Xi al-Assad U.S. McDonald O'Neill iPhone e-mail 3rd 1,200 "
    "Zürich ÉCOLE réunion ǅemal ABCdef aBC Ab éA Σπάρτη 東京 's = --"
).split()


def test_a_words_shape_and_fold_are_those_of_the_plain_definitions():
    """The shortcuts for plain words (one case, or a capital and lower case; ASCII
    letters fold to lower case) give what the character-by-character rules give."""
    from tui.gazetteer import fold

    def plain_shape(w: str) -> str:
        out: list[str] = []
        for ch in w:
            c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
            if not out or out[-1] != c:
                out.append(c)
        return "".join(out)

    for w in _SHAPE_WORDS:
        assert F.shape(w) == plain_shape(w), w
        assert F.fold_word(w) == fold(w), w


def test_the_tagger_scores_what_the_training_features_say():
    """The decoder's cached sums equal the weights of the features the training
    script builds for the same sentence."""
    model = shipped_model()
    tagger = Tagger(model.first)
    words = "Prime Minister Orla Brandt flew to Lisbon on Monday .".split()
    feats = F.sentence_features(words, tagger.featurizer, tagger.phrases)
    for i in range(len(words)):
        want = [0.0] * model.first.size
        for f in feats[i]:
            model.first.add(want, f)
        got = tagger.emissions(words, i, 0, len(words))
        assert got == pytest.approx(want, abs=1e-4), words[i]


# -- the shipped model ---------------------------------------------------------


def test_the_shipped_model_loads_and_is_small():
    model = shipped_model()
    assert MODEL_PATH.stat().st_size <= 10 * 1024 * 1024
    assert model.second is not None
    assert {lab[2:] for lab in model.first.labels if lab != "O"} == {"PER", "LOC", "ORG", "MISC"}
    assert len(model.clusters) > 1000


def test_the_shipped_model_is_of_the_format_the_training_script_writes():
    data = load_model(MODEL_PATH.read_bytes())
    assert data["format"] == F.FORMAT
    # the training script writes the format it imports from tui.ner.features
    tree = ast.parse((REPO / "bench" / "train_ner.py").read_text(encoding="utf-8"))
    written = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Dict)
        and any(isinstance(k, ast.Constant) and k.value == "format" for k in node.keys)
    ]
    assert written and all(
        isinstance(v, ast.Name) and v.id == "FORMAT"
        for node in written
        for k, v in zip(node.keys, node.values, strict=True)
        if isinstance(k, ast.Constant) and k.value == "format"
    )


def _small_model(fmt: str = F.FORMAT) -> dict[str, object]:
    weights = {"w=Paris": [(1, 1.5), (2, -0.25)], "shape=Xx": [(0, 0.5)], "w=é": [(3, 2.0)]}
    # word features (offset, base name): laid out by base name in the file
    weights |= {"0w=paris": [(1, 0.75)], "-1w=paris": [(0, 0.25), (3, -1.0)], "+2hy": [(2, 1.0)]}
    weights |= {"-2shape=Xx": [(3, 0.5)], "0w==": [(1, 0.125)], "+1=x": [(0, -0.5)]}
    labels = ["O", "B-LOC", "I-LOC", "B-PER"]
    one = pack(labels, [[0.1 * i + j for j in range(4)] for i in range(4)], weights)
    return {
        "format": fmt,
        "meta": {"seed": 1},
        "pass1": one,
        "pass2": pack(labels, [[0.0] * 4] * 4, {"p2": [(0, -1.0)]}),
        "clusters": {"paris": "0110", "london": "0111"},
        "case": {"the": "L"},
    }


def test_the_training_scripts_writer_and_the_loader_give_the_same_weights(tmp_path: Path):
    data = _small_model()
    path = tmp_path / "model.bin"
    path.write_bytes(dump_model(data))
    loaded, made = ModelFile.load(path), ModelFile(data)
    for a, b in ((loaded.first, made.first), (loaded.second, made.second)):
        assert a is not None and b is not None
        assert (a.labels, a.transitions, a.names) == (b.labels, b.transitions, b.names)
        assert (a.values, a.starts, a.label_of) == (b.values, b.starts, b.label_of)
    assert loaded.first.vector("w=Paris") == [0.0, 1.5, -0.25, 0.0]
    assert loaded.first.vector("-1w=paris") == [0.25, 0.0, 0.0, -1.0]
    assert loaded.first.table is not None and made.first.table is None
    # the base names of word features, in the order they come in the sorted names
    assert loaded.first.table.bases == ["=x", "hy", "w=paris", "shape=Xx", "w=="]
    assert loaded.first.vector("w=é") == [0.0, 0.0, 0.0, 2.0]
    assert loaded.second is not None and loaded.second.vector("p2") == [-1.0, 0.0, 0.0, 0.0]
    assert (loaded.clusters, loaded.case, loaded.meta) == (made.clusters, made.case, made.meta)
    # the shipped file holds exactly what the writer makes of what it holds (its
    # compressed bytes may differ with the zlib the test runs on)
    shipped = load_model(MODEL_PATH.read_bytes())
    assert load_model(dump_model(shipped)) == shipped
    assert MODEL_PATH.stat().st_size < 2 * 1024 * 1024  # kept small in the repository


def _as_packed(model: ModelFile) -> ModelFile:
    """``model`` with its passes as the training script packs them (no tables)."""
    from array import array

    data: dict[str, object] = {"format": F.FORMAT, "clusters": model.clusters}
    for key, one in (("pass1", model.first), ("pass2", model.second)):
        assert one is not None
        counts = bytes(b - a for a, b in zip(one.starts, one.starts[1:], strict=False))
        data[key] = {
            "labels": one.labels,
            "transitions": one.transitions,
            "features": "\n".join(one.names),
            "counts": counts,
            "labels_of": one.label_of,
            "values": array("f", one.values).tobytes(),
        }
    return ModelFile(data)


def test_the_tagger_reads_the_model_files_tables_as_it_reads_the_packed_weights():
    """The shipped file holds each pass laid out as the tagger reads it (no feature
    name split at start-up); taggers made from it score and tag every word as
    taggers made from the same weights as the training script packs them."""
    from tui.ner.tagger import tag_document

    shipped = shipped_model()
    packed = _as_packed(shipped)
    assert shipped.first.table is not None and packed.first.table is None

    def pair(model: ModelFile) -> tuple[Tagger, Tagger]:
        phrases = F.PhraseLists()
        assert model.second is not None
        second = Tagger(model.second, phrases)
        return Tagger(model.first, phrases, second), second

    tables, names = pair(shipped), pair(packed)
    assert shipped.first.table is not None
    assert tables[0].vocab.numbered_by is shipped.first.table.bases  # read as they are
    assert names[0].vocab.numbered_by is None
    text = [
        "PRIME MINISTER ORLA BRANDT IN LISBON",
        "Prime Minister Orla Brandt flew to Lisbon on Monday with the Bank of England 's chief .",
        "Brandt , 54 , met U.S. officials and Reuters reporters at the White House in Washington .",
        '"We are ready," said Mr Brandt of the European Union \'s Common Market talks .',
    ]
    lines = []
    for line in text:
        words = line.split()
        caps = C.capitals(words)
        lines.append((words, caps, C.candidates(words, caps), sentences(words)))
    found = tag_document(*tables, lines)
    assert found == tag_document(*names, lines)
    assert any(t == "PER" for spans in found for _, _, t in spans)
    for words, *_ in lines:
        for i in range(len(words)):
            for a, b in zip(tables, names, strict=True):
                assert a.emissions(words, i, 0, len(words)) == b.emissions(words, i, 0, len(words))


def test_a_model_of_another_format_or_damaged_is_refused(tmp_path: Path):
    bad = tmp_path / "model.bin"
    bad.write_bytes(dump_model(_small_model("dossier-ner-0")))
    with pytest.raises(ModelError, match="format"):
        ModelFile.load(bad)
    good = dump_model(_small_model())
    flipped = good[:-5] + bytes([good[-5] ^ 1]) + good[-4:]  # a weight's bit
    for damaged in (b"not a model", good[:-3], good + b"x", good[:40], good[:20], flipped):
        bad.write_bytes(damaged)
        with pytest.raises(ModelError) as err:
            ModelFile.load(bad)
        assert str(bad) in str(err.value) and "\n" not in str(err.value)
    with pytest.raises(ModelError, match="no entity model"):
        ModelFile.load(tmp_path / "missing.bin")


def test_a_model_whose_header_nests_too_deep_is_refused(tmp_path: Path):
    # The header is JSON: "[[[[..." thousands deep makes json.loads raise RecursionError
    # (not ValueError), which went up as a traceback instead of the one-line refusal.
    header = b"[" * 100_000
    bad = tmp_path / "model.bin"
    bad.write_bytes(MAGIC + zlib.compress(len(header).to_bytes(4, "little") + header))
    with pytest.raises(ModelError) as err:
        ModelFile.load(bad)
    assert str(bad) in str(err.value) and "\n" not in str(err.value)


# -- types -------------------------------------------------------------------


def test_types_are_defined_once():
    assert NAME_TYPES == ("person", "place", "org")
    assert set(ENTITY_TYPES) == {*NAME_TYPES, "date"}
    assert set(FROM_CONLL.values()) == set(NAME_TYPES)
    c = Candidate(0, 5, 0, 1, "Paris", "paris", "place")
    assert c.canonical == "" and canonical_form("the  United   Nations") == "United Nations"


# -- recognition on sentences of our own -----------------------------------------


def test_people_places_and_organisations_in_plain_news():
    got = names(
        "Finance Minister Orla Brandt told reporters in Lisbon that the Bank of Portugal "
        "would cut rates. Brandt said the International Monetary Fund agreed."
    )
    assert got["Orla Brandt"] == "person"
    assert got["Brandt"] == "person"
    assert got["Lisbon"] == "place"
    assert got["Bank of Portugal"] == "org"
    assert got["International Monetary Fund"] == "org"


def test_one_name_one_type_in_a_text():
    rec = Recognizer(load_gazetteer())
    text = (
        "Talks in Varnholm went on. Varnholm officials said little. "
        "Delegates left Varnholm on Friday."
    )
    types = {m.type for m in rec.extract(text) if m.text == "Varnholm"}
    assert len(types) == 1


# -- furniture -------------------------------------------------------------------


def _words_caps(line: str) -> tuple[list[str], list[bool]]:
    words = TOKEN.findall(line)
    return words, C.capitals(words)


def test_line_shapes():
    assert line_kind(*_words_caps("About Us")) == HEADING
    assert line_kind(*_words_caps("Who We Are")) == HEADING
    assert line_kind(*_words_caps("AbarthAlfa RomeoAston MartinAudi Bentley")) == MENU
    assert line_kind(*_words_caps("The minister met Anna Berg in Oslo.")) == NORMAL
    assert line_kind(*_words_caps("Bolton 2 Leicester 1")) == NORMAL  # a score line


def test_page_furniture_gives_no_names():
    text = (
        "Home\nAbout Us\nWho We Are\nReal Estate\nSponsored Content\nRSS Feed\n"
        "AbarthAlfa RomeoAston MartinAudiBentley\n"
        "The council of Varnholm met on Tuesday to discuss the harbour.\n"
        "All Rights Reserved"
    )
    got = names(text)
    assert set(got) <= {"Varnholm"}
    assert all(t != "person" for t in got.values())


def test_a_heading_keeps_names_the_text_backs_up():
    text = "Orla Brandt Wins Vote In Varnholm\n\nOrla Brandt won the vote in Varnholm on Sunday."
    rec = Recognizer(load_gazetteer())
    heading = [m for m in rec.extract(text) if m.end <= text.index("\n")]
    assert {m.text for m in heading} >= {"Orla Brandt"}
    assert all(m.type != "date" for m in heading)


def test_a_word_of_a_heading_in_capitals_is_no_name_if_the_text_writes_it_in_lower_case():
    # "Will Brandt" at the start of a question makes "WILL" a person's name in
    # the heading, unless the text's own lower-case "will" says otherwise
    text = (
        "Orla Brandt leads. Will Brandt win in Lisbon, or will others?\n\n"
        "WILL THEY BASH THE BANKERS?\n\nVoters will decide."
    )
    rec = Recognizer(load_gazetteer())
    got = {m.text: m.type for m in rec.extract(text)}
    assert "WILL" not in got
    assert got["Orla Brandt"] == "person" and got["Lisbon"] == "place"
    # the rule reads the text: with no "will" in lower case the heading's word stands
    shall = {m.text for m in rec.extract(text.replace(" will ", " shall "))}
    assert "WILL" in shall


def test_acronyms_in_capitals_are_not_matched_in_lower_case():
    got = names("About Us\nContact us at the office. The US and the WHO replied.")
    assert "Us" not in got and "us" not in got
    assert got["US"] == "place" and got["WHO"] == "org"


# -- curation --------------------------------------------------------------------


def test_curation_round_trip_keeps_the_users_other_content(tmp_path: Path):
    from tui.ner.curation import ignore_name, merge_entities, set_entity_type

    user = tmp_path / "config" / "entities.yaml"
    user.parent.mkdir()
    user.write_text(
        "entities:\n  - name: Quill Works\n    type: org\n    aliases: [QW]\n"
        "ignore:\n  - Sponsored Content\nnote: kept\n",
        encoding="utf-8",
    )
    set_entity_type(user, "Varnholm", "place")
    merge_entities(user, "Orla Brandt", "Brandt", "person")
    ignore_name(user, "Real Estate")
    set_entity_type(user, "QW", "person")  # an alias changes its entry's type
    data = yaml.safe_load(user.read_text(encoding="utf-8"))
    assert data["note"] == "kept"
    assert "Sponsored Content" in data["ignore"] and "Real Estate" in data["ignore"]
    gaz = load_gazetteer([user])
    assert gaz.lookup("Brandt").canonical == "Orla Brandt"
    assert gaz.lookup("Varnholm").type == "place"
    assert gaz.lookup("Quill Works").type == "person"
    assert gaz.is_ignored("real estate")
    rec = Recognizer(gaz)
    got = {m.text: (m.type, m.canonical) for m in rec.extract("Brandt flew to Varnholm.")}
    assert got["Brandt"] == ("person", "Orla Brandt")
    assert got["Varnholm"][0] == "place"
    # ignoring a name that was merged in takes it out of the entry
    ignore_name(user, "Brandt")
    gaz = load_gazetteer([user])
    assert gaz.is_ignored("Brandt") and gaz.lookup("Orla Brandt") is not None
    assert not list(user.parent.glob(".entities-*"))  # no temporary file left


def test_curation_refuses_a_broken_file_and_leaves_it(tmp_path: Path):
    from tui.ner.curation import ignore_name, set_entity_type
    from tui.yamlfile import ConfigError

    user = tmp_path / "entities.yaml"
    user.write_text("entities: [\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        ignore_name(user, "Real Estate")
    assert user.read_text(encoding="utf-8") == "entities: [\n"
    with pytest.raises(ValueError):
        set_entity_type(tmp_path / "new.yaml", "X", "planet")
    assert not (tmp_path / "new.yaml").exists()


def test_units_after_numbers_and_business_places_by_context():
    got = names(
        "Whisk 2 Tbsp sugar with 1 Tbsp butter. Add 3 Tbsp flour.\n"
        "Shoppers at Varnmart said prices fell. Varnmart shoppers were pleased."
    )
    assert "Tbsp" not in got
    assert got.get("Varnmart", "org") == "org"


def test_a_joined_word_the_text_names_as_an_organisation_is_no_person():
    got = names(
        "Major CoWorkly investors met on Friday. CoWorkly said it would cut jobs, "
        "and CoWorkly shares fell."
    )
    assert all(t != "person" for n, t in got.items() if "CoWorkly" in n)


def set_type(user: Path, name: str, type_: str) -> None:
    from tui.ner.curation import set_entity_type

    set_entity_type(user, name, type_)


def merge(user: Path, into: str, other: str, type_: str) -> None:
    from tui.ner.curation import merge_entities

    merge_entities(user, into, other, type_)


def ignore(user: Path, name: str) -> None:
    from tui.ner.curation import ignore_name

    ignore_name(user, name)


@pytest.mark.parametrize(
    ("correct", "want"),
    [
        (lambda user: set_type(user, "Jane Quill", "place"), ("place", "Jane Quill")),
        (lambda user: set_type(user, "Jane Quill", "org"), ("org", "Jane Quill")),
        (
            lambda user: merge(user, "Quill Holdings", "Jane Quill", "org"),
            ("org", "Quill Holdings"),
        ),
        (lambda user: ignore(user, "Jane Quill"), None),
    ],
    ids=["retyped-place", "retyped-org", "merged-into-org", "ignored"],
)
def test_a_correction_of_a_full_name_carries_its_short_forms(tmp_path: Path, correct, want):
    """The user's correction of "Jane Quill" covers the "Quill" the text links to her."""
    text = "Jane Quill spoke in Varnholm on Monday. Later Quill left for Oslo."
    plain = {m.text: (m.type, m.canonical) for m in Recognizer(load_gazetteer()).extract(text)}
    assert plain["Quill"] == ("person", "Jane Quill")  # linked to the full name
    user = tmp_path / "entities.yaml"
    correct(user)
    got = {m.text: (m.type, m.canonical) for m in Recognizer(load_gazetteer([user])).extract(text)}
    assert got.get("Jane Quill") == want
    assert got.get("Quill") == want
    assert got["Oslo"] == ("place", "Oslo")  # other names untouched


#: A surname in a heading before the full name (the row "Zoltan Quillan ×3" in the
#: entities pane: the heading's and the body's "Quillan" are linked to him).
SURNAME_FIRST = (
    "Five questions before the vote\n\nThe race is wide open.\n\nHOW WILL QUILLAN PLAY?\n\n"
    "Former governor Zoltan Quillan, the most popular figure in Varnholm, has stayed out of "
    "the race. At the same time, Quillan's record will matter in Oslo."
)


@pytest.mark.parametrize(
    ("correct", "want"),
    [
        (lambda user: set_type(user, "Zoltan Quillan", "place"), ("place", "Zoltan Quillan")),
        (lambda user: ignore(user, "Zoltan Quillan"), None),
    ],
    ids=["retyped", "ignored"],
)
def test_a_correction_of_a_full_name_carries_the_surname_before_it(tmp_path: Path, correct, want):
    """The surname the text links to a full name it gives later ("HOW WILL QUILLAN
    PLAY?" above "Zoltan Quillan") follows the user's correction of the full name, as
    the surname after it does: the heading's "QUILLAN" stayed a person "Quillan" (or
    took the new type under its own name) beside the corrected full name. The user's
    file names the full name only: no alias "Quillan" that would take every Quillan
    of the corpus."""
    plain = {
        m.text: (m.type, m.canonical) for m in Recognizer(load_gazetteer()).extract(SURNAME_FIRST)
    }
    assert plain["QUILLAN"] == plain["Quillan"] == ("person", "Zoltan Quillan")
    user = tmp_path / "entities.yaml"
    correct(user)
    assert "Quillan" not in user.read_text("utf-8").replace("Zoltan Quillan", "")
    got = {
        m.text: (m.type, m.canonical)
        for m in Recognizer(load_gazetteer([user])).extract(SURNAME_FIRST)
    }
    assert got.get("Zoltan Quillan") == want
    assert got.get("QUILLAN") == want
    assert got.get("Quillan") == want
    assert got["Oslo"] == ("place", "Oslo")


@pytest.mark.parametrize("how", ["retyped", "ignored"])
def test_a_surname_two_people_share_goes_to_neither_after_a_correction(tmp_path: Path, how):
    """Two Quillans in one text: the "Quillan" of the headline, before both, is linked
    to neither. Ignoring Harold gave it to Mavis (the one person left with the surname),
    a link the pane never showed; it stays linked to neither, retyped or ignored."""
    text = (
        "Quillan hits back\n\nHarold Quillan spoke in Varnholm on Monday with Mavis "
        "Quillan. Later Quillan left for Oslo."
    )
    first = text.index("Quillan")
    plain = Recognizer(load_gazetteer()).extract(text)
    assert [(m.type, m.canonical) for m in plain if m.start == first] == [("person", "Quillan")]
    user = tmp_path / "entities.yaml"
    if how == "retyped":
        set_type(user, "Harold Quillan", "org")
    else:
        ignore(user, "Harold Quillan")
    got = Recognizer(load_gazetteer([user])).extract(text)
    assert ("person", "Mavis Quillan") in {(m.type, m.canonical) for m in got}
    assert [m.canonical for m in got if m.start == first] == ["Quillan"]


def test_a_users_place_name_lends_no_short_form_the_text_never_read_as_a_person(tmp_path: Path):
    """Only a name the text reads as a person has short forms: the user's place "Port
    Varnholm" leaves a person "Varnholm" alone, and the shipped list alone changes nothing."""
    from tui.ner.curation import set_entity_type

    text = "Ships left Port Varnholm on Monday, said Erik Varnholm. Varnholm said more would sail."
    user = tmp_path / "entities.yaml"
    set_entity_type(user, "Port Varnholm", "place")
    got = {m.text: (m.type, m.canonical) for m in Recognizer(load_gazetteer([user])).extract(text)}
    assert got["Port Varnholm"][0] == "place"
    assert got["Varnholm"] == ("person", "Erik Varnholm")
