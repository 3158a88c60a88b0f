"""Train the cleaner's line model on the development pages; report its cross-validated score.

    python bench/train_cleaner.py [--corpus DIR] [--folds 5] [--write]

Every line of every scraped page in ``../shared/corpora/aeb-dev/text`` is labelled
by whether it belongs to the article body a person marked (most of its 4-word
shingles are in the body, or, for a short line, it is a whole paragraph of it).
A logistic regression over the features of :mod:`tui.cleaning.features` is fit
to those labels (plain gradient descent with an L2 penalty: no dependencies).

The figure to trust is the cross-validated one: the pages are split into folds
by web site, the model is trained without a fold, and the whole cleaner is then
scored on that fold's pages with the measures of ``bench/eval_extraction.py``.
``--write`` stores the weights trained on all pages in ``tui/cleaning/model.py``.
Only the weights are written; no text of the pages goes into the repository.
"""

from __future__ import annotations

import argparse
import math
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import eval_extraction as ev  # noqa: E402

from tui.cleaning import blocks, clean, default_rules, model  # noqa: E402
from tui.cleaning import passes as clean_module  # noqa: E402
from tui.cleaning.features import (  # noqa: E402
    CONTEXT_NAMES,
    NAMES,
    context_features,
    detect_language,  # noqa: E402
    scrape_evidence,
    shapes,
)

_TOKEN_RE = re.compile(r"\w+")
MODEL_FILE = REPO / "tui" / "cleaning" / "model.py"


@dataclass
class PageData:
    lines: list
    shapes: list
    x: list[list[float]]
    y: list[int]


def page_rows(page: ev.Page) -> PageData | None:
    """Features and labels of the page's lines, or ``None`` when the block pass skips it."""
    rules = default_rules()
    state = clean_module._new_page(page.text, rules)
    clean_module._rule_pass(state, None, ())
    lines = state.lines
    if len(lines) < model.MIN_LINES or scrape_evidence(lines, state.drop) < model.MIN_EVIDENCE:
        return None
    lang = detect_language(lines)
    shapes_ = shapes(lines, lang)
    x = blocks.line_features(lines, shapes_, state.drop, state.phrase, rules)
    truth_sh = set(ev.shingles(page.truth))
    paras = {tuple(_TOKEN_RE.findall(p)) for p in page.truth.split("\n") if p.strip()}
    y = []
    for line in lines:
        toks = _TOKEN_RE.findall(line.text)
        if len(toks) >= 4:
            grams = [tuple(toks[i : i + 4]) for i in range(len(toks) - 3)]
            y.append(1 if sum(g in truth_sh for g in grams) >= 0.5 * len(grams) else 0)
        else:
            y.append(1 if toks and tuple(toks) in paras else 0)
    return PageData(lines, shapes_, x, y)


CONTEXT = True
L2 = 1e-3
SEEDS = 1


def train_avg(rows: list[tuple[list[float], int]], epochs: int) -> tuple[float, ...]:
    """The mean of models trained from several shuffles (steadier than one)."""
    runs = [train(rows, epochs, L2, seed=7 + k) for k in range(SEEDS)]
    return tuple(sum(ws) / len(runs) for ws in zip(*runs, strict=True))


def fit(pages: list[PageData], epochs: int) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """The two models: on each line's own features, then with its context added."""
    w1 = tuple(train([(x, y) for d in pages for x, y in zip(d.x, d.y, strict=True)], epochs, L2))
    if not CONTEXT:
        return w1, ()
    rows2 = []
    for d in pages:
        p1 = [blocks._logistic(w1, x) for x in d.x]
        ctx = context_features(d.lines, d.shapes, p1)
        rows2.extend((x + c, y) for x, c, y in zip(d.x, ctx, d.y, strict=True))
    w2 = train_avg(rows2, epochs)
    return w1, w2


def train(
    rows: list[tuple[list[float], int]], epochs: int = 40, l2: float = 1e-3, seed: int = 7
) -> list[float]:
    """Logistic regression by stochastic gradient descent, classes weighted equally."""
    dim = len(rows[0][0])
    w = [0.0] * dim
    pos = sum(y for _, y in rows)
    neg = len(rows) - pos
    cw = {1: len(rows) / (2 * max(pos, 1)), 0: len(rows) / (2 * max(neg, 1))}
    order = list(range(len(rows)))
    rng = random.Random(seed)
    step = 0
    for epoch in range(epochs):
        rng.shuffle(order)
        lr = 0.05 / (1 + epoch * 0.2)
        for k in order:
            x, y = rows[k]
            z = sum(a * b for a, b in zip(w, x, strict=True))
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
            g = (p - y) * cw[y]
            for j in range(dim):
                w[j] -= lr * (g * x[j] + l2 * w[j])
            step += 1
    return w


def evaluate(pages: list[ev.Page]) -> tuple[float, float, float, float, int, int]:
    """Body P, R, F1, title share, dates right, dated pages: the cleaner on ``pages``."""
    system = next(s for s in ev.SYSTEMS if s.name == "text: Dossier")
    row = ev.run_system(system, pages)
    p, r, f1 = ev.body_scores(row.counts)
    return p, r, f1, sum(row.titles) / len(row.titles), sum(row.dates), len(row.dates)


def site(page: ev.Page) -> str:
    host = urlsplit(page.url).hostname or page.key
    parts = host.split(".")
    return ".".join(parts[-2:])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=ev.DEFAULT_CORPUS)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--epochs", type=int, default=40)
    ap.add_argument("--write", action="store_true", help="write tui/cleaning/model.py")
    ap.add_argument("--no-context", action="store_true", help="train the first model only")
    ap.add_argument("--l2", type=float, default=1e-3, help="weight decay")
    ap.add_argument("--seeds", type=int, default=1, help="models averaged (shuffles)")
    args = ap.parse_args()
    global CONTEXT, L2, SEEDS
    CONTEXT = not args.no_context
    L2 = args.l2
    SEEDS = args.seeds
    pages = ev.load_pages(args.corpus)
    data = {p.key: page_rows(p) for p in pages}
    used = [p for p in pages if data[p.key] is not None]
    print(f"{len(pages)} pages, {len(used)} enter the block pass")

    # Folds by site: pages of one site are never on both sides.
    sites = sorted({site(p) for p in pages})
    random.Random(3).shuffle(sites)
    fold_of = {s: i % args.folds for i, s in enumerate(sites)}
    original = model.WEIGHTS, model.CONTEXT_WEIGHTS
    held: list[ev.Page] = []
    try:
        cv_rows: list[ev.Row] = []
        for fold in range(args.folds):
            train_data = [data[p.key] for p in used if fold_of[site(p)] != fold]
            model.WEIGHTS, model.CONTEXT_WEIGHTS = fit(train_data, args.epochs)  # type: ignore[arg-type]
            test = [p for p in pages if fold_of[site(p)] == fold]
            held.extend(test)
            system = next(s for s in ev.SYSTEMS if s.name == "text: Dossier")
            cv_rows.append(ev.run_system(system, test))
        counts = [c for r in cv_rows for c in r.counts]
        titles = [t for r in cv_rows for t in r.titles]
        dates = [d for r in cv_rows for d in r.dates]
        p, r, f1 = ev.body_scores(counts)
        print(
            f"cross-validated ({args.folds} folds by site): body P {p:.3f} R {r:.3f} "
            f"F1 {f1:.3f}, titles {sum(titles) / len(titles):.0%}, dates {sum(dates)}/{len(dates)}"
        )
        weights = fit([data[p.key] for p in used], args.epochs)  # type: ignore[misc]
        model.WEIGHTS, model.CONTEXT_WEIGHTS = weights
        p, r, f1, t, d, nd = evaluate(pages)
        print(
            f"trained on all pages (not a fair figure): F1 {f1:.3f}, titles {t:.0%}, dates {d}/{nd}"
        )
    finally:
        model.WEIGHTS, model.CONTEXT_WEIGHTS = original
    for name, value in zip(NAMES, weights[0], strict=True):
        print(f"  {name:<14} {value:+.3f}")
    print("  context model:")
    for name, value in zip(NAMES + CONTEXT_NAMES, weights[1], strict=False):
        print(f"  {name:<14} {value:+.3f}")
    if args.write:
        write_weights(weights)
        print(f"wrote {MODEL_FILE.relative_to(REPO)}")
    _ = clean
    return 0


def write_weights(weights: tuple[tuple[float, ...], tuple[float, ...]]) -> None:
    text = MODEL_FILE.read_text(encoding="utf-8")
    for name, names, values in (
        ("WEIGHTS", NAMES, weights[0]),
        ("CONTEXT_WEIGHTS", NAMES + CONTEXT_NAMES, weights[1]),
    ):
        start = text.index(f"{name}: tuple[float, ...] = (")
        end = text.index(")\n", start) + 2
        body = "".join(f"    {w:.4f},  # {n}\n" for n, w in zip(names, values, strict=True))
        text = text[:start] + f"{name}: tuple[float, ...] = (\n" + body + ")\n" + text[end:]
    MODEL_FILE.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
