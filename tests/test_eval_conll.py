"""The CoNLL scorer: reading, text rebuilding, span mapping and scoring."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench" / "eval_conll.py"
spec = importlib.util.spec_from_file_location("eval_conll", BENCH)
assert spec and spec.loader
ev = importlib.util.module_from_spec(spec)
sys.modules["eval_conll"] = ev  # dataclasses look their module up
spec.loader.exec_module(ev)

SNIPPET = """-DOCSTART- -X- O O

Marta NNP I-NP I-PER
Quell NNP I-NP I-PER
visited VBD I-VP O
Brask NNP I-NP I-LOC
for IN I-PP O
Orvin NNP I-NP I-ORG
Labs NNP I-NP I-ORG
. . O O

Quell NNP I-NP I-PER
Tovi NNP I-NP B-PER
spoke VBD I-VP O
Danish JJ I-NP I-MISC
. . O O

-DOCSTART- -X- O O

Brask NNP I-NP I-LOC
Harbour NNP I-NP I-LOC
Orvin NNP I-NP I-ORG
"""


def docs():
    return ev.read_conll(SNIPPET.splitlines())


def test_counts_and_iob1():
    d = docs()
    assert len(d) == 2
    gold = [doc.gold_spans() for doc in d]
    assert gold[0] == {(0, 2, "PER"), (3, 4, "LOC"), (5, 7, "ORG"), (8, 9, "PER"), (9, 10, "PER")}
    assert gold[1] == {(0, 2, "LOC"), (2, 3, "ORG")}


def test_text_offsets_round_trip():
    doc = docs()[0]
    text, offsets = doc.text_and_offsets()
    assert [text[s:e] for s, e in offsets] == doc.tokens
    assert text.split("\n")[1].startswith("Quell Tovi")


def test_gold_as_prediction_scores_100():
    d = docs()

    def oracle_for(doc):
        text, offsets = doc.text_and_offsets()
        return {text: [(offsets[s][0], offsets[e - 1][1], k) for s, e, k in doc.gold_spans()]}

    table = {}
    for doc in d:
        table.update(oracle_for(doc))
    scores = ev.evaluate(d, lambda text: table[text])
    for key in ("PER", "LOC", "ORG", "ALL"):
        s = scores[key]
        assert (s.precision, s.recall, s.f1) == (100.0, 100.0, 100.0)
    assert scores["PER"].gold == 3 and scores["LOC"].gold == 2 and scores["ORG"].gold == 2


def test_wrong_type_and_partial_span_count_as_errors():
    d = docs()[:1]
    text, offsets = d[0].text_and_offsets()
    pred = [(offsets[0][0], offsets[0][1], "PER"), (offsets[3][0], offsets[3][1], "ORG")]
    s = ev.evaluate(d, lambda t: pred)["ALL"]
    assert (s.tp, s.fp, s.fn) == (0, 2, 5)
