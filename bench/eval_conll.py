"""Score the entity recogniser on a CoNLL-2003 file (exact span + type, conlleval style).

Usage: python bench/eval_conll.py [PATH]   (default: ../shared/corpora/conll2003/eng.testa)

Each document's text is rebuilt from its tokens (tokens joined by single spaces,
sentences by newlines), the recogniser runs on that text, and its character spans
are mapped back to token spans. Only PER, LOC and ORG are scored: gold MISC and
predicted dates are ignored. The last row, SPAN, scores the spans alone.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_PATH = REPO.parent / "shared" / "corpora" / "conll2003" / "eng.testa"
TYPES = ("PER", "LOC", "ORG")
# Recogniser mention types -> CoNLL types.
TYPE_MAP = {"person": "PER", "place": "LOC", "org": "ORG"}

Span = tuple[int, int, str]  # first token, last token + 1, CoNLL type


@dataclass
class Document:
    tokens: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    sentence_starts: list[int] = field(default_factory=list)

    def text_and_offsets(self) -> tuple[str, list[tuple[int, int]]]:
        """The document's text and each token's (start, end) character offsets in it."""
        parts: list[str] = []
        offsets: list[tuple[int, int]] = []
        starts = set(self.sentence_starts)
        pos = 0
        for i, token in enumerate(self.tokens):
            if i:
                sep = "\n" if i in starts else " "
                parts.append(sep)
                pos += 1
            offsets.append((pos, pos + len(token)))
            parts.append(token)
            pos += len(token)
        return "".join(parts), offsets

    def gold_spans(self) -> set[Span]:
        return spans_from_iob1(self.tags, self.sentence_starts)


def read_conll(lines: Iterable[str]) -> list[Document]:
    """Parse CoNLL-2003 lines (``token POS chunk NER``) into documents."""
    docs: list[Document] = []
    doc: Document | None = None
    new_sentence = True
    for raw in lines:
        line = raw.strip()
        if not line:
            new_sentence = True
            continue
        cols = line.split()
        if cols[0] == "-DOCSTART-":
            doc = Document()
            docs.append(doc)
            new_sentence = True
            continue
        if doc is None:  # a file without -DOCSTART- is one document
            doc = Document()
            docs.append(doc)
        if new_sentence:
            doc.sentence_starts.append(len(doc.tokens))
            new_sentence = False
        doc.tokens.append(cols[0])
        doc.tags.append(cols[-1])
    return [d for d in docs if d.tokens]


def spans_from_iob1(tags: list[str], sentence_starts: Iterable[int] = ()) -> set[Span]:
    """Entity spans from IOB1 (or IOB2) tags; only PER/LOC/ORG are kept.

    No entity runs across a sentence start (conlleval ends entities at blank lines).
    """
    spans: set[Span] = set()
    starts = set(sentence_starts)
    start, kind = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        if i in starts and kind:
            if kind in TYPES:
                spans.add((start, i, kind))
            kind = ""
        begins = prefix == "B" or (prefix == "I" and label != kind)
        if kind and (tag == "O" or begins):
            if kind in TYPES:
                spans.add((start, i, kind))
            kind = ""
        if prefix in ("B", "I") and (begins or not kind):
            start, kind = i, label
    return spans


def char_spans_to_tokens(
    spans: Iterable[tuple[int, int, str]], offsets: list[tuple[int, int]]
) -> set[Span]:
    """Map (char start, char end, CoNLL type) to token spans covering them."""
    out: set[Span] = set()
    for cstart, cend, kind in spans:
        if kind not in TYPES:
            continue
        covered = [i for i, (s, e) in enumerate(offsets) if s < cend and e > cstart]
        if covered:
            out.add((covered[0], covered[-1] + 1, kind))
    return out


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def gold(self) -> int:
        return self.tp + self.fn

    @property
    def predicted(self) -> int:
        return self.tp + self.fp

    @property
    def precision(self) -> float:
        return 100.0 * self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return 100.0 * self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(gold: Iterable[set[Span]], predicted: Iterable[set[Span]]) -> dict[str, Score]:
    """Per-type and overall ("ALL") scores over paired documents."""
    scores = {t: Score() for t in (*TYPES, "ALL")}
    for g, p in zip(gold, predicted, strict=True):
        for t in TYPES:
            gt = {s for s in g if s[2] == t}
            pt = {s for s in p if s[2] == t}
            tp = len(gt & pt)
            for key in (t, "ALL"):
                scores[key].tp += tp
                scores[key].fp += len(pt) - tp
                scores[key].fn += len(gt) - tp
    return scores


Predictor = Callable[[str], Iterable[tuple[int, int, str]]]


def recogniser_predictor() -> Predictor:
    sys.path.insert(0, str(REPO))
    from tui.entities import Recognizer

    recognizer = Recognizer()

    def predict(text: str) -> list[tuple[int, int, str]]:
        return [
            (m.start, m.end, TYPE_MAP[m.type])
            for m in recognizer.extract(text)
            if m.type in TYPE_MAP
        ]

    return predict


def evaluate(docs: list[Document], predict: Predictor) -> dict[str, Score]:
    """Per-type and overall scores, and "SPAN": the names' spans alone, whatever
    their type (a PER/LOC/ORG name found with the wrong one of those types counts)."""
    golds, preds = [], []
    for doc in docs:
        text, offsets = doc.text_and_offsets()
        golds.append(doc.gold_spans())
        preds.append(char_spans_to_tokens(predict(text), offsets))
    scores = score(golds, preds)
    span = Score()
    for g, p in zip(golds, preds, strict=True):
        gs, ps = {s[:2] for s in g}, {s[:2] for s in p}
        span.tp += len(gs & ps)
        span.fp += len(ps - gs)
        span.fn += len(gs - ps)
    scores["SPAN"] = span
    return scores


def format_table(scores: dict[str, Score]) -> str:
    rows = [f"{'type':<5} {'gold':>6} {'pred':>6} {'tp':>6} {'P':>6} {'R':>6} {'F1':>6}"]
    for key, s in scores.items():
        rows.append(
            f"{key:<5} {s.gold:>6} {s.predicted:>6} {s.tp:>6} "
            f"{s.precision:>6.2f} {s.recall:>6.2f} {s.f1:>6.2f}"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Score the entity recogniser on a CoNLL-2003 file (PER, LOC, ORG; "
        "exact span and type)."
    )
    parser.add_argument(
        "path", nargs="?", type=Path, default=DEFAULT_PATH, help=f"default {DEFAULT_PATH}"
    )
    path = parser.parse_args(sys.argv[1:] if argv is None else argv).path
    if not path.is_file():
        print(f"no such file: {path}", file=sys.stderr)
        return 2
    with path.open(encoding="utf-8") as fh:
        docs = read_conll(fh)
    predict = recogniser_predictor()
    t0 = time.perf_counter()
    scores = evaluate(docs, predict)
    elapsed = time.perf_counter() - t0
    print(f"{path.name}: {len(docs)} documents, {sum(len(d.tokens) for d in docs)} tokens")
    print(format_table(scores))
    print(f"extraction + scoring: {elapsed:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
