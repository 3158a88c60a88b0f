"""An honest estimate of the recogniser on unseen news: train on part of
eng.train, run the whole recogniser on the rest, score it as eval_conll does.

    python bench/eval_heldout.py                   # 5 folds, all of them
    python bench/eval_heldout.py --only 1          # one fold (the slow part is training)
    python bench/eval_heldout.py --shuffled        # folds of random documents
    python bench/eval_heldout.py --shared-clusters # clusters/case from all of eng.train
    python bench/eval_heldout.py --dev             # also each fold's model on eng.testa
    python bench/eval_heldout.py --errors ORG --only 1  # list fold 1's ORG errors by kind

eng.train's documents are cut into ``--folds`` folds of whole documents. By
default a fold is a run of consecutive documents: the file is in date order,
so a held-out fold holds news of days the model never read, the nearest the
training data comes to an unseen test set (``--shuffled`` takes documents at
random, as ``train_ner.py --folds`` does: stories of the same day then sit on
both sides, and names seen in training come back). For each fold the model is
trained exactly as ``train_ner.py`` trains the shipped one (both passes, the
second on a jackknife of the first), on the other folds only; by default the
word clusters and the case prior, learned from unlabelled text that includes
eng.train, are learned without the held-out fold too (the name lists in config/
come from other sources and hold none of eng.train). Then the full recogniser,
as shipped (rules, gazetteers, document consistency) but with that fold's
model, reads each held-out document and :mod:`eval_conll` scores it.

Each row also gives the tagger alone (the fold's model without the rules
around it): where the rules lose on held-out text and gain on dev, they fit
the dev set. Fold models are kept in ``--models`` (default ``dossier-heldout``
in the system's temporary folder) and reused while the feature code and data
are the same.
Needs the training extra (``pip install -e '.[train]'``). eng.testa is only
read with ``--dev``, to score, never to train.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bbc import CORPORA, REPO

sys.path.insert(0, str(REPO))

from eval_conll import DEFAULT_PATH as DEV  # noqa: E402
from eval_conll import (  # noqa: E402
    TYPE_MAP,
    Document,
    Score,
    Span,
    char_spans_to_tokens,
    evaluate,
    read_conll,
)

TRAIN = CORPORA / "conll2003" / "eng.train"
COLUMNS = ("ALL", "PER", "LOC", "ORG", "SPAN")
#: Where fold models are kept between runs (``--models``).
MODELS = Path(tempfile.gettempdir()) / "dossier-heldout"


def fold_members(n: int, folds: int, shuffled: bool, seed: int) -> list[list[int]]:
    """Document numbers of each fold: consecutive runs, or a seeded shuffle."""
    order = list(range(n))
    if shuffled:
        random.Random(seed + 1).shuffle(order)  # train_ner.py --folds's order
        return [sorted(i for k, i in enumerate(order) if k % folds == f) for f in range(folds)]
    bounds = [round(n * f / folds) for f in range(folds + 1)]
    return [order[bounds[f] : bounds[f + 1]] for f in range(folds)]


def code_digest() -> str:
    """What a fold model depends on besides its documents: the feature code, the
    trainer and the word lists."""
    h = hashlib.sha1()
    for path in (
        REPO / "tui" / "ner" / "features.py",
        REPO / "tui" / "ner" / "candidates.py",
        REPO / "bench" / "train_ner.py",
        REPO / "bench" / "ner_clusters.py",
        REPO / "config" / "lexicon.yaml",
        REPO / "config" / "names.yaml",
        REPO / "config" / "places.yaml",
    ):
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


def fold_model(docs: list[Document], keep: list[int], shared: list[Document] | None) -> dict:
    """The model file's contents trained on ``docs[keep]`` as train_ner.py trains
    the shipped one; clusters and case prior from ``shared`` if given (all of
    eng.train), else from the kept documents."""
    import train_ner
    from ner_clusters import case_prior, word_clusters

    from tui.ner.features import FORMAT, Featurizer, PhraseLists

    kept = [docs[i] for i in keep]
    text = shared if shared is not None else kept
    clusters = word_clusters(train_ner.unlabelled(text), seed=train_ner.SEED)
    case = case_prior(train_ner.unlabelled(text))
    featurizer = Featurizer(clusters)
    phrases = PhraseLists()
    first = train_ner.featurize(kept, featurizer, phrases)
    model = train_ner.train_model(
        kept, first, featurizer, phrases, train_ner.PARAMS, train_ner.JACKKNIFE
    )
    meta = {"held_out": True}
    return {"format": FORMAT, "meta": meta, **model, "clusters": clusters, "case": case}


def load_or_train(path: Path, train: Callable[[], dict]) -> dict:
    if path.is_file():
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            return json.load(fh)
    data = train()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with gzip.open(tmp, "wt", encoding="utf-8") as fh:
        json.dump(data, fh)
    tmp.replace(path)
    return data


def use_model(data: dict) -> None:
    """Make the shipped recogniser run with ``data`` as its model file."""
    import tui.ner.model as model_module
    from tui.ner import recognizer

    model_module._model = model_module.ModelFile(data, "heldout")
    recognizer._shared_taggers.cache_clear()


def full_recogniser_scores(docs: list[Document], seen: set[str] | None = None) -> dict[str, Score]:
    """eval_conll's scores of the whole recogniser on ``docs``; with ``seen`` (the
    names of the training documents, lower-cased) also "NEW" and "KNOWN": the
    names (typed, all types) whose words training never saw as a name, and the rest."""
    from tui.entities import Recognizer

    rec = Recognizer()
    predicted: list[set[tuple[int, int, str]]] = []

    found: dict[str, list[tuple[int, int, str]]] = {}

    def predict(text: str) -> list[tuple[int, int, str]]:
        got = found.get(text)
        if got is None:
            got = [
                (m.start, m.end, TYPE_MAP[m.type]) for m in rec.extract(text) if m.type in TYPE_MAP
            ]
            found[text] = got
        return got

    scores = evaluate(docs, predict)
    if seen is None:
        return scores
    new, known = Score(), Score()
    for doc in docs:
        text, offsets = doc.text_and_offsets()
        predicted.append(char_spans_to_tokens(predict(text), offsets))
    for doc, pred in zip(docs, predicted, strict=True):
        gold = doc.gold_spans()

        def surface(span: tuple[int, int, str], doc: Document = doc) -> str:
            return " ".join(doc.tokens[span[0] : span[1]]).lower()

        for part, is_new in ((new, True), (known, False)):
            g = {x for x in gold if (surface(x) not in seen) == is_new}
            p = {x for x in pred if (surface(x) not in seen) == is_new}
            part.tp += len(g & p)
            part.fp += len(p - g)
            part.fn += len(g - p)
    return {**scores, "NEW": new, "KNOWN": known}


def error_kind(
    span: Span, gold: dict[tuple[int, int], str], pred: dict[tuple[int, int], str], is_gold: bool
) -> str:
    """What went wrong with one gold (``is_gold``) or predicted span of the
    listed type: the right span with another type, an overlapping span, or none."""
    start, end, kind = span
    other = pred if is_gold else gold
    if (start, end) in other:
        got = other[(start, end)]
        return f"typed {got}" if is_gold else f"was {got}"
    if any(s < end and e > start for s, e in other):
        return "span"
    return "missed" if is_gold else "spurious"


def list_errors(docs: list[Document], kind: str, fold: int, counts: dict[str, int]) -> None:
    """Print every gold ``kind`` name the recogniser got wrong and every ``kind``
    it found that is not a gold one, with the kind of error and the sentence."""
    from tui.entities import Recognizer

    rec = Recognizer()
    for n, doc in enumerate(docs):
        text, offsets = doc.text_and_offsets()
        pred_spans = char_spans_to_tokens(
            [(m.start, m.end, TYPE_MAP[m.type]) for m in rec.extract(text) if m.type in TYPE_MAP],
            offsets,
        )
        gold_all = all_gold_spans(doc)
        gold = {(s, e): t for s, e, t in gold_all}
        pred = {(s, e): t for s, e, t in pred_spans}
        wrong = [(x, True) for x in gold_all if x[2] == kind and pred.get(x[:2]) != kind]
        wrong += [(x, False) for x in pred_spans if x[2] == kind and gold.get(x[:2]) != kind]
        starts = [*doc.sentence_starts, len(doc.tokens)]
        for (start, end, _), is_gold in sorted(wrong, key=lambda w: w[0][0]):
            why = error_kind((start, end, kind), gold, pred, is_gold)
            label = ("gold " if is_gold else "found ") + why
            counts[label] = counts.get(label, 0) + 1
            s0 = max(x for x in starts if x <= start)
            s1 = min(x for x in starts if x > start)
            words = doc.tokens[s0:s1]
            marked = " ".join(
                ("[" if s0 + i == start else "") + w + ("]" if s0 + i == end - 1 else "")
                for i, w in enumerate(words)
            )
            name = " ".join(doc.tokens[start:end])
            print(f"  E{fold} d{n:<3} {label:<14} {name!r:<28} | {marked[:200]}")


def all_gold_spans(doc: Document) -> set[Span]:
    """Gold spans of every type, MISC included (eval_conll keeps PER/LOC/ORG)."""
    out: set[Span] = set()
    start, kind = -1, ""
    starts = set(doc.sentence_starts)
    for i, tag in enumerate([*doc.tags, "O"]):
        prefix, _, label = tag.partition("-")
        begins = prefix == "B" or (prefix == "I" and label != kind) or (i in starts and bool(label))
        if kind and (tag == "O" or begins or i in starts):
            out.add((start, i, kind))
            kind = ""
        if label and (begins or not kind):
            start, kind = i, label
    return out


def names_of(docs: list[Document]) -> set[str]:
    """The gold names of ``docs`` (PER/LOC/ORG/MISC), lower-cased."""
    out: set[str] = set()
    for doc in docs:
        start, kind = -1, ""
        for i, tag in enumerate([*doc.tags, "O"]):
            label = tag[2:] if tag != "O" else ""
            if kind and (label != kind or tag.startswith("B-")):
                out.add(" ".join(doc.tokens[start:i]).lower())
                kind = ""
            if label and not kind:
                start, kind = i, label
    return out


def tagger_scores(data: dict, docs: list[Document]) -> dict[str, Score]:
    """The fold's model alone (both passes, no rules), scored the same way."""
    import train_ner

    result = train_ner.evaluate(data, data["clusters"], docs)
    return {**result["types"], "SPAN": result["spans"]}


def row(name: str, scores: dict[str, Score]) -> str:
    a = scores["ALL"]
    cells = " ".join(f"{scores[k].f1:6.2f}" for k in COLUMNS[1:])
    return f"{name:<24} {a.f1:6.2f} {a.precision:6.2f} {a.recall:6.2f} {cells}"


def header() -> str:
    return f"{'':<24} {'F1':>6} {'P':>6} {'R':>6} " + " ".join(f"{k:>6}" for k in COLUMNS[1:])


def add(total: dict[str, Score], scores: dict[str, Score]) -> None:
    for k, s in scores.items():
        t = total.setdefault(k, Score())
        t.tp, t.fp, t.fn = t.tp + s.tp, t.fp + s.fp, t.fn + s.fn


def mean_row(name: str, rows: list[dict[str, Score]]) -> str:
    def m(key: str, attr: str) -> float:
        return sum(getattr(r[key], attr) for r in rows) / len(rows)

    cells = " ".join(f"{m(k, 'f1'):6.2f}" for k in COLUMNS[1:])
    overall = f"{m('ALL', 'f1'):6.2f} {m('ALL', 'precision'):6.2f} {m('ALL', 'recall'):6.2f}"
    return f"{name:<24} {overall} {cells}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--only", type=int, action="append", help="fold number (1-based); repeatable")
    ap.add_argument("--shuffled", action="store_true", help="random documents per fold")
    ap.add_argument(
        "--shared-clusters",
        action="store_true",
        help="clusters and case prior from all of eng.train (as shipped), held-out fold included",
    )
    ap.add_argument("--dev", action="store_true", help="also score each fold's model on eng.testa")
    ap.add_argument("--no-tagger", action="store_true", help="skip the tagger-alone rows")
    ap.add_argument("--models", type=Path, default=MODELS)
    ap.add_argument(
        "--errors",
        metavar="TYPE",
        choices=("PER", "LOC", "ORG"),
        help="list each fold's errors on TYPE names (missed, mistyped, cut, spurious), counted",
    )
    args = ap.parse_args(argv)
    if not TRAIN.is_file():
        print(f"no training data at {TRAIN}", file=sys.stderr)
        return 2
    try:
        import numpy  # noqa: F401
        import pycrfsuite  # noqa: F401
    except ImportError as exc:
        print(f"needs the train extra (pip install -e '.[train]'): {exc}", file=sys.stderr)
        return 2
    import train_ner

    with TRAIN.open(encoding="utf-8") as fh:
        docs = read_conll(fh)
    dev: list[Document] = []
    if args.dev:
        with DEV.open(encoding="utf-8") as fh:
            dev = read_conll(fh)
    members = fold_members(len(docs), args.folds, args.shuffled, train_ner.SEED)
    chosen = args.only or list(range(1, args.folds + 1))
    if any(not 1 <= k <= args.folds for k in chosen):
        print(f"--only takes 1..{args.folds}", file=sys.stderr)
        return 2
    split = "shuffled" if args.shuffled else "blocks"
    text = "shared" if args.shared_clusters else "own"
    digest = code_digest()
    print(
        f"{len(docs)} documents, {args.folds} folds ({split}), clusters from {text} text; "
        f"models in {args.models}"
    )
    print(header())
    full_rows: list[dict[str, Score]] = []
    totals: dict[str, dict[str, Score]] = {}
    for k in chosen:
        held = members[k - 1]
        held_set = set(held)
        keep = [i for i in range(len(docs)) if i not in held_set]
        path = args.models / f"fold-{split}-{text}-{k}of{args.folds}-{digest}.json.gz"
        t0 = time.perf_counter()
        shared = docs if args.shared_clusters else None
        data = load_or_train(path, lambda: fold_model(docs, keep, shared))  # noqa: B023 (called now)
        trained = time.perf_counter() - t0
        test = [docs[i] for i in held]
        use_model(data)
        seen = names_of([docs[i] for i in keep])
        full = full_recogniser_scores(test, seen)
        full_rows.append(full)
        add(totals.setdefault("full", {}), full)
        tokens = sum(len(d.tokens) for d in test)
        print(row(f"fold {k} recogniser", full), f"  ({len(test)} docs, {tokens} tokens)")
        new, known = full["NEW"], full["KNOWN"]
        share = 100.0 * new.gold / max(1, new.gold + known.gold)
        print(
            f"  names training never saw: {share:.0f}% of the fold's, F1 {new.f1:.2f} "
            f"(P {new.precision:.2f} R {new.recall:.2f}); names it saw: F1 {known.f1:.2f}"
        )
        if args.errors:
            counts: dict[str, int] = {}
            list_errors(test, args.errors, k, counts)
            tally = ", ".join(f"{c} {w}" for w, c in sorted(counts.items(), key=lambda x: -x[1]))
            print(f"  fold {k} {args.errors} errors: {tally}")
        if not args.no_tagger:
            alone = tagger_scores(data, test)
            add(totals.setdefault("tagger", {}), alone)
            print(row(f"fold {k} tagger alone", alone))
        if dev:
            dev_full = full_recogniser_scores(dev, seen)
            add(totals.setdefault("dev", {}), dev_full)
            print(row(f"fold {k} dev recogniser", dev_full))
            new, known = dev_full["NEW"], dev_full["KNOWN"]
            share = 100.0 * new.gold / max(1, new.gold + known.gold)
            print(f"  dev: names training never saw {share:.0f}%, F1 {new.f1:.2f} / {known.f1:.2f}")
        if trained > 1:
            print(f"  (fold {k} model trained in {trained:.0f} s)")
        sys.stdout.flush()
    if len(full_rows) > 1:
        print(mean_row("mean of folds", full_rows))
        for name, total in totals.items():
            print(row(f"pooled, {name}", total))
        new, known = totals["full"]["NEW"], totals["full"]["KNOWN"]
        share = 100.0 * new.gold / max(1, new.gold + known.gold)
        print(
            f"pooled: names training never saw {share:.0f}%, F1 {new.f1:.2f}; "
            f"names it saw F1 {known.f1:.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
