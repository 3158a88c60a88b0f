"""The tagger's per-word caches stay bounded (issue 13: build memory at 50k)."""

from __future__ import annotations

import string

from tui.entities import Recognizer
from tui.ner.vocabulary import VOCABULARY_LIMIT


def _word(i: int) -> str:
    letters = ""
    while True:
        i, r = divmod(i, 26)
        letters += string.ascii_lowercase[r]
        if i == 0:
            return "Q" + letters


def _texts(n_words: int, per_text: int = 400) -> list[str]:
    words = [_word(i) for i in range(n_words)]
    return [
        "Officials met in Lisbon on Monday. "
        + " and ".join(words[i : i + per_text])
        + " spoke to Maria Santos of the Bank of Portugal."
        for i in range(0, n_words, per_text)
    ]


def test_a_worker_s_vocabulary_stays_within_its_bound() -> None:
    """A worker meets about one new word an article (25,000 over a 50k build, ~1 KB
    each with the tagger's scores): the vocabulary starts afresh between documents
    once it holds VOCABULARY_LIMIT words, not 100,000."""
    recognizer = Recognizer()
    recognizer.extract("Warm up in London.")
    vocab = recognizer.taggers[0].vocab
    for text in _texts(12_500):
        recognizer.extract(text)
        assert len(vocab.words) < 12_500


def test_starting_afresh_finds_the_same_mentions() -> None:
    """Clearing the vocabulary (and the scores made from it) between documents
    changes nothing found."""
    texts = _texts(1_200, per_text=60)
    fresh = Recognizer()
    expected = [fresh.extract(t) for t in texts]
    small = Recognizer()
    small.extract("Warm up in London.")
    vocab = small.taggers[0].vocab
    epoch = vocab.epoch
    vocab.limit = 100
    try:
        got = [small.extract(t) for t in texts]
    finally:
        vocab.limit = VOCABULARY_LIMIT
    assert vocab.epoch > epoch + 5
    assert got == expected
