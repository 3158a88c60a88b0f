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

from bbc import REPO  # bench/, this script's folder, is on the path

sys.path.insert(0, str(REPO))

import eval_extraction as ev  # noqa: E402

from tui.cleaning import blocks, default_rules, model  # noqa: E402
from tui.cleaning import passes as clean_module  # noqa: E402
from tui.cleaning.features import (  # noqa: E402
    CONTEXT_NAMES,
    NAMES,
    context_features,
    detect_language,
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


def flatten(text: str) -> str:
    """The page without its indentation, as other tools scrape pages."""
    return "\n".join(line.strip() for line in text.split("\n"))


def page_rows(page: ev.Page, flat: bool = False) -> PageData | None:
    """Features and labels of the page's lines, or ``None`` when the block pass skips it."""
    rules = default_rules()
    state = clean_module._new_page(flatten(page.text) if flat else page.text, rules)
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


def site(page: ev.Page) -> str:
    host = urlsplit(page.url).hostname or page.key
    parts = host.split(".")
    return ".".join(parts[-2:])


#: The two regimes: pages as scraped with their indentation (inscriptis keeps the
#: page's nesting), and the same pages flattened, as other tools scrape them.
REGIMES = {
    "indented": ("WEIGHTS", "CONTEXT_WEIGHTS"),
    "flat": ("FLAT_WEIGHTS", "FLAT_CONTEXT_WEIGHTS"),
}


def _flat_system(page: ev.Page) -> ev.Extracted:
    from tui.articles import build_article

    article = build_article(page.text_path.name, flatten(page.text), default_rules())
    return ev.Extracted(article.title, article.body, article.date)


def regime_run(
    regime: str, pages: list[ev.Page], folds: int, epochs: int
) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Cross-validate one regime's models by site, print the figures, return all-page weights."""
    flat = regime == "flat"
    data = {p.key: page_rows(p, flat=flat) for p in pages}
    used = [p for p in pages if data[p.key] is not None]
    names = REGIMES[regime]
    system = (
        ev.System("text: Dossier, flattened", "text", _flat_system)
        if flat
        else next(s for s in ev.SYSTEMS if s.name == "text: Dossier")
    )
    # Folds by site: pages of one site are never on both sides.
    sites = sorted({site(p) for p in pages})
    random.Random(3).shuffle(sites)
    fold_of = {s: i % folds for i, s in enumerate(sites)}
    original = tuple(getattr(model, n) for n in names)
    try:
        rows: list[ev.Row] = []
        for fold in range(folds):
            train_data = [data[p.key] for p in used if fold_of[site(p)] != fold]
            for name, w in zip(names, fit(train_data, epochs), strict=True):  # type: ignore[arg-type]
                setattr(model, name, w)
            rows.append(ev.run_system(system, [p for p in pages if fold_of[site(p)] == fold]))
        counts = [c for r in rows for c in r.counts]
        titles = [t for r in rows for t in r.titles]
        dates = [d for r in rows for d in r.dates]
        p, r, f1 = ev.body_scores(counts)
        print(
            f"{regime}: {len(used)} of {len(pages)} pages enter the block pass; cross-validated "
            f"({folds} folds by site): body P {p:.3f} R {r:.3f} F1 {f1:.3f}, "
            f"titles {sum(titles) / len(titles):.0%}, dates {sum(dates)}/{len(dates)}"
        )
        weights = fit([data[p.key] for p in used], epochs)  # type: ignore[misc]
        for name, w in zip(names, weights, strict=True):
            setattr(model, name, w)
        row = ev.run_system(system, pages)
        p, r, f1 = ev.body_scores(row.counts)
        print(
            f"{regime}: trained on all pages (not a fair figure): F1 {f1:.3f}, titles "
            f"{sum(row.titles) / len(row.titles):.0%}, dates {sum(row.dates)}/{len(row.dates)}"
        )
    finally:
        for name, w in zip(names, original, strict=True):
            setattr(model, name, w)
    return weights


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=ev.DEFAULT_CORPUS)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--epochs", type=int, default=15)
    ap.add_argument("--write", action="store_true", help="write tui/cleaning/model.py")
    ap.add_argument("--no-context", action="store_true", help="train the first model only")
    ap.add_argument("--l2", type=float, default=1e-3, help="weight decay")
    ap.add_argument("--seeds", type=int, default=1, help="models averaged (shuffles)")
    ap.add_argument("--regime", choices=[*REGIMES, "both"], default="both")
    args = ap.parse_args()
    global CONTEXT, L2, SEEDS
    CONTEXT = not args.no_context
    L2 = args.l2
    SEEDS = args.seeds
    pages = ev.load_pages(args.corpus)
    regimes = list(REGIMES) if args.regime == "both" else [args.regime]
    for regime in regimes:
        weights = regime_run(regime, pages, args.folds, args.epochs)
        if args.write:
            write_weights(REGIMES[regime], weights)
            print(f"wrote {REGIMES[regime]} in {MODEL_FILE.relative_to(REPO)}")
    return 0


def write_weights(
    names: tuple[str, str], weights: tuple[tuple[float, ...], tuple[float, ...]]
) -> None:
    text = MODEL_FILE.read_text(encoding="utf-8")
    for name, features_, values in (
        (names[0], NAMES, weights[0]),
        (names[1], NAMES + CONTEXT_NAMES, weights[1]),
    ):
        start = text.index(f"\n{name}: tuple[float, ...] = (") + 1
        end = text.index(")\n", start) + 2
        body = "".join(f"    {w:.4f},  # {n}\n" for n, w in zip(features_, values, strict=True))
        text = text[:start] + f"{name}: tuple[float, ...] = (\n" + body + ")\n" + text[end:]
    MODEL_FILE.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
