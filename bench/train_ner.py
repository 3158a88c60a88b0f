"""Train the entity tagger shipped in tui/ner/model.bin (one command, reproducible).

    python bench/train_ner.py              # train on eng.train, write the model
    python bench/train_ner.py --folds 5    # also: cross-validated F1 on train folds
    python bench/train_ner.py --out PATH   # write the model elsewhere

Needs the training extra (``pip install -e '.[train]'``: python-crfsuite, numpy)
and ../shared beside the repository:

* ``corpora/conll2003/eng.train``, the labelled Reuters news (the only
  labelled data trained on; eng.testa, the dev set, is never read here);
* ``corpora/bbc``, unlabelled news, with eng.train's words, for the word
  clusters (:mod:`ner_clusters`).

The model is a linear-chain CRF (L-BFGS, L1 + L2) over the features of
:mod:`tui.ner.features`; the result is deterministic for a given seed and data.
The data never enters the repository: the model holds weights of features
(words, shapes, suffixes, clusters), not text.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

# Deterministic linear algebra for the clusters (one BLAS thread).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

from bbc import CORPORA, REPO, read_text  # noqa: E402 (bench/, this script's folder)

sys.path.insert(0, str(REPO))

from eval_conll import Document, Score, read_conll, score, spans_from_iob1  # noqa: E402

from tui.ner.candidates import candidates, capitals  # noqa: E402
from tui.ner.features import (  # noqa: E402
    FORMAT,
    Featurizer,
    PhraseLists,
    doc_marks,
    sentence_features,
)
from tui.ner.model import MODEL_PATH, Model, dump_model, pack  # noqa: E402
from tui.ner.tagger import Line, Tagger, tag_document  # noqa: E402
from tui.ner.tokens import TOKEN  # noqa: E402

TRAIN = CORPORA / "conll2003" / "eng.train"
UNLABELLED = CORPORA / "bbc"
# L2 only: on 5-fold cross-validation over eng.train (and on dev) it beat L1 mixes.
PARAMS = {"c1": 0.0, "c2": 0.1, "max_iterations": 200}
JACKKNIFE = 5
PRUNE = 0.001  # smaller weights are left out of the model file
SEED = 1


def sentences(doc: Document) -> Iterator[tuple[list[str], list[str]]]:
    starts = [*doc.sentence_starts, len(doc.tokens)]
    for a, b in zip(starts, starts[1:], strict=False):
        yield doc.tokens[a:b], iob2(doc.tags[a:b])


def iob2(tags: list[str]) -> list[str]:
    """IOB1 (CoNLL-2003) -> IOB2: every name starts with B-."""
    out: list[str] = []
    prev = "O"
    for t in tags:
        if t.startswith("I-") and (prev == "O" or prev[2:] != t[2:]):
            t = "B-" + t[2:]
        out.append(t)
        prev = t
    return out


def unlabelled(docs: list[Document]) -> Iterator[list[str]]:
    for doc in docs:
        for words, _ in sentences(doc):
            yield words
    for path in sorted(UNLABELLED.glob("*/*.txt")):
        for line in read_text(path).split("\n"):
            words = TOKEN.findall(line)
            if words:
                yield words


Data = list[tuple[list[list[str]], list[str]]]  # per sentence: features per token, labels


def featurize(docs: list[Document], featurizer: Featurizer, phrases: PhraseLists) -> list[Data]:
    """First-pass training data, per document."""
    return [
        [(sentence_features(words, featurizer, phrases), tags) for words, tags in sentences(doc)]
        for doc in docs
    ]


def train_crf(data: Data, params: dict[str, float]) -> dict:
    """Train one pass's CRF and return its weights as the model file holds them."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in data:
        trainer.append(xseq, yseq)
    trainer.set_params({**params, "feature.possible_transitions": True})
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "model.crfsuite")
        trainer.train(path)
        tagger = pycrfsuite.Tagger()
        tagger.open(path)
        info = tagger.info()
        tagger.close()
    labels = sorted(info.labels, key=lambda x: (x != "O", x[2:], x))
    index = {lab: i for i, lab in enumerate(labels)}
    transitions = [[0.0] * len(labels) for _ in labels]
    for (a, b), w in info.transitions.items():
        transitions[index[a]][index[b]] = round(w, 4)
    weights: dict[str, list[tuple[int, float]]] = {}
    for (attr, label), w in sorted(info.state_features.items()):
        if abs(w) >= PRUNE:
            weights.setdefault(attr, []).append((index[label], w))
    return pack(labels, transitions, weights)


def doc_lines(doc: Document) -> list[Line]:
    """A document's sentences as the tagger reads lines (one sentence each)."""
    out: list[Line] = []
    for words, _ in sentences(doc):
        caps = capitals(words)
        out.append((words, caps, candidates(words, caps), [(0, len(words))]))
    return out


def tag_docs(model: dict, clusters: dict[str, str], docs: list[Document]) -> list[list]:
    """The names ``model`` (both passes, or the first alone) finds, per document and sentence."""
    phrases = PhraseLists()
    second = Tagger(Model(model["pass2"], clusters), phrases) if "pass2" in model else None
    first = Tagger(Model(model["pass1"], clusters), phrases, second)
    return [tag_document(first, second, doc_lines(doc)) for doc in docs]


def train_model(
    docs: list[Document],
    first: list[Data],
    featurizer: Featurizer,
    phrases: PhraseLists,
    params: dict[str, float],
    folds: int,
) -> dict:
    """Both passes: the second is trained on what first passes trained without
    each document found in it (``folds``-fold jackknife), as it will see at work."""
    order = list(range(len(docs)))
    random.Random(SEED).shuffle(order)
    found: list[list] = [[] for _ in docs]
    for k in range(folds):
        held = [i for n, i in enumerate(order) if n % folds == k]
        held_set = set(held)
        rest = [x for i, data in enumerate(first) if i not in held_set for x in data]
        model = {"pass1": train_crf(rest, params)}
        tagged = tag_docs(model, featurizer.clusters, [docs[i] for i in held])
        for i, spans in zip(held, tagged, strict=True):
            found[i] = spans
    second: Data = []
    for doc, spans in zip(docs, found, strict=True):
        sents = list(sentences(doc))
        marks = doc_marks([w for w, _ in sents], spans)
        for (words, tags), extra in zip(sents, marks, strict=True):
            second.append((sentence_features(words, featurizer, phrases, extra), tags))
    return {
        "pass1": train_crf([x for data in first for x in data], params),
        "pass2": train_crf(second, params),
    }


def evaluate(model: dict, clusters: dict[str, str], docs: list[Document]) -> dict:
    """Scores of a model on labelled documents, through the tagger that ships."""
    golds, preds, spans_g, spans_p = [], [], [], []
    for doc, found in zip(docs, tag_docs(model, clusters, docs), strict=True):
        gold: set = set()
        pred: set = set()
        offset = 0
        for (words, tags), spans in zip(sentences(doc), found, strict=True):
            gold |= {(a + offset, b + offset, t) for a, b, t in spans_from_iob1(tags)}
            pred |= {(a + offset, b + offset, t) for a, b, t in spans if t != "MISC"}
            offset += len(words)
        golds.append(gold)
        preds.append(pred)
        spans_g.append({(a, b, "PER") for a, b, _ in gold})
        spans_p.append({(a, b, "PER") for a, b, _ in pred})
    scores = score(golds, preds)
    spans = score(spans_g, spans_p)["PER"]
    return {"types": scores, "spans": spans}


def report(name: str, result: dict) -> None:
    s = result["types"]
    parts = " ".join(f"{t} {s[t].f1:.2f}" for t in ("PER", "LOC", "ORG"))
    print(
        f"{name}: F1 {s['ALL'].f1:.2f} (P {s['ALL'].precision:.2f} R {s['ALL'].recall:.2f}; "
        f"{parts}; spans {result['spans'].f1:.2f})"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--folds", type=int, default=0, help="cross-validate on K train folds")
    ap.add_argument("--no-model", action="store_true", help="only cross-validate")
    ap.add_argument("--c1", type=float, default=PARAMS["c1"])
    ap.add_argument("--c2", type=float, default=PARAMS["c2"])
    ap.add_argument("--iterations", type=int, default=int(PARAMS["max_iterations"]))
    ap.add_argument(
        "--jackknife", type=int, default=JACKKNIFE, help="folds for the second pass's data"
    )
    args = ap.parse_args(argv)
    if not TRAIN.is_file():
        print(f"no training data at {TRAIN}", file=sys.stderr)
        return 2
    try:
        import numpy  # noqa: F401
        import pycrfsuite  # noqa: F401
    except ImportError as exc:
        print(f"training needs the train extra (pip install -e '.[train]'): {exc}", file=sys.stderr)
        return 2
    params = {"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations}
    t0 = time.perf_counter()
    with TRAIN.open(encoding="utf-8") as fh:
        docs = read_conll(fh)
    from ner_clusters import case_prior, word_clusters

    clusters = word_clusters(unlabelled(docs), seed=SEED)
    case = case_prior(unlabelled(docs))
    print(f"clusters: {len(clusters)} words ({time.perf_counter() - t0:.0f} s)")
    featurizer = Featurizer(clusters)
    phrases = PhraseLists()
    first = featurize(docs, featurizer, phrases)
    print(f"features: {time.perf_counter() - t0:.0f} s")
    if args.folds:
        order = list(range(len(docs)))
        random.Random(SEED + 1).shuffle(order)
        total: dict = {}
        for k in range(args.folds):
            held = {i for n, i in enumerate(order) if n % args.folds == k}
            keep = [i for i in range(len(docs)) if i not in held]
            model = train_model(
                [docs[i] for i in keep],
                [first[i] for i in keep],
                featurizer,
                phrases,
                params,
                args.jackknife,
            )
            test = [docs[i] for i in sorted(held)]
            for name, m in (("pass 1", {"pass1": model["pass1"]}), ("both passes", model)):
                result = evaluate(m, clusters, test)
                report(f"fold {k + 1}/{args.folds}, {name}", result)
                pooled = total.setdefault(name, {"types": {}, "spans": Score()})
                for t, sc in result["types"].items():
                    acc = pooled["types"].setdefault(t, Score())
                    acc.tp, acc.fp, acc.fn = acc.tp + sc.tp, acc.fp + sc.fp, acc.fn + sc.fn
                sp = pooled["spans"]
                sp.tp, sp.fp, sp.fn = (
                    sp.tp + result["spans"].tp,
                    sp.fp + result["spans"].fp,
                    sp.fn + result["spans"].fn,
                )
        for name, pooled in total.items():
            report(f"cross-validated, {args.folds} folds pooled, {name}", pooled)
    if args.no_model:
        return 0
    model = train_model(docs, first, featurizer, phrases, params, args.jackknife)
    out = {
        "format": FORMAT,
        "meta": {"trained_on": "conll2003/eng.train", "params": params, "seed": SEED},
        **model,
        "clusters": clusters,
        "case": case,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_suffix(".tmp")
    tmp.write_bytes(dump_model(out))
    os.replace(tmp, args.out)
    size = args.out.stat().st_size
    print(
        f"model: {args.out} ({size / 1e6:.2f} MB, "
        f"{model['pass1']['features'].count(chr(10)) + 1} + "
        f"{model['pass2']['features'].count(chr(10)) + 1} features), "
        f"{time.perf_counter() - t0:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
