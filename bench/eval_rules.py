"""What each rule pass of the recogniser is worth on dev and on held-out text.

    python bench/eval_rules.py                 # every pass, dev + held-out folds 1-5
    python bench/eval_rules.py --folds-used 1 2 --passes town_teams list_members

Each pass after the tagger (the recogniser's own steps and the passes of
:func:`tui.ner.roles.apply_roles`) is switched off in turn, and the whole
recogniser scored without it: on eng.testa with the shipped model, and on each
held-out fold of eng.train with the model trained without that fold (the fold
models of ``bench/eval_heldout.py``, which must have been made first: run it
with the same ``--folds``). A pass worth more on dev than on held-out text was
fitted to the dev set. Runs in pure Python (the passes are swapped by name,
which compiled modules do not allow); the tagger's output is computed once per
document and model.
"""

from __future__ import annotations

import argparse
import os
import sys

os.environ["DOSSIER_PURE_PYTHON"] = "1"

from bbc import REPO  # noqa: E402

sys.path.insert(0, str(REPO))

import eval_heldout  # noqa: E402
from eval_conll import DEFAULT_PATH as DEV  # noqa: E402
from eval_conll import Document, Score, read_conll  # noqa: E402

RECOGNISER_PASSES = (
    "bracketed_acronyms",
    "people_after_titles",
    "middle_initials",
    "apply_gazetteer",
    "question_openers",
    "shop_verbs",
    "drop_common_words",
    "correct_by_context",
    "apply_roles",
    "link_acronyms",
    "link_short_forms",
    "dateline_places",
    "agree_on_types",
    "keep_heading_names",
    "digest_papers",
)


def role_passes() -> list[str]:
    """The passes apply_roles calls, in order (read from its source)."""
    import ast
    import inspect

    from tui.ner import roles

    tree = ast.parse(inspect.getsource(roles.apply_roles))
    return [
        node.func.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    ]


def switched_off(module: object, name: str) -> tuple[object, object]:
    """A stand-in for pass ``name`` of ``module`` that changes nothing: it returns
    the names it was given (``found``/``cands``), or None for an in-place pass."""
    import inspect

    original = getattr(module, name)
    sig = inspect.signature(original)
    params = list(sig.parameters)
    keep = next((p for p in params if p in ("found", "cands", "spans")), None)
    if sig.return_annotation in (None, "None") or keep is None:

        def nothing(*args: object, **kwargs: object) -> None:
            return None

        return original, nothing
    at = params.index(keep)

    def same(*args: object, **kwargs: object) -> object:
        return args[at] if at < len(args) else kwargs[keep]

    return original, same


def memo_tagging() -> None:
    """Tag each document once per model: the passes come after the tagger."""
    from tui.ner import recognizer

    real = recognizer.tag_document
    cache: dict[tuple[int, tuple[tuple[str, ...], ...]], list[list]] = {}

    def tag_document(first, second, lines):  # type: ignore[no-untyped-def]
        key = (id(first), tuple(tuple(line[0]) for line in lines))
        got = cache.get(key)
        if got is None:
            if len(cache) > 5000:
                cache.clear()
            got = cache[key] = real(first, second, lines)
        return [list(x) for x in got]

    recognizer.tag_document = tag_document


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--folds-used", type=int, nargs="*", help="which held-out folds (1-based)")
    ap.add_argument("--shuffled", action="store_true")
    ap.add_argument("--shared-clusters", action="store_true")
    ap.add_argument("--passes", nargs="*", help="only these passes")
    ap.add_argument("--models", type=eval_heldout.Path, default=eval_heldout.MODELS)
    args = ap.parse_args(argv)
    import train_ner

    from tui.ner import recognizer, roles
    from tui.ner.model import ModelFile, shipped_model

    with eval_heldout.TRAIN.open(encoding="utf-8") as fh:
        docs = read_conll(fh)
    with DEV.open(encoding="utf-8") as fh:
        dev = read_conll(fh)
    members = eval_heldout.fold_members(len(docs), args.folds, args.shuffled, train_ner.SEED)
    split = "shuffled" if args.shuffled else "blocks"
    text = "shared" if args.shared_clusters else "own"
    digest = eval_heldout.code_digest()
    sets: list[tuple[str, ModelFile, list[Document]]] = [("dev", shipped_model(), dev)]
    for k in args.folds_used or range(1, args.folds + 1):
        path = args.models / f"fold-{split}-{text}-{k}of{args.folds}-{digest}.json.gz"
        if not path.is_file():
            print(f"no fold model {path}: run bench/eval_heldout.py first", file=sys.stderr)
            return 2
        data = eval_heldout.load_or_train(path, dict)
        test = [docs[i] for i in members[k - 1]]
        sets.append((f"fold {k}", ModelFile(data, f"fold{k}"), test))
    memo_tagging()
    import tui.ner.model as model_module

    def run(name: str) -> list[dict[str, Score]]:
        out = []
        for _, model, test in sets:
            model_module._model = model
            recognizer._shared_taggers.cache_clear()
            out.append(eval_heldout.full_recogniser_scores(test))
        return out

    passes = [(recognizer, p) for p in RECOGNISER_PASSES] + [(roles, p) for p in role_passes()]
    if args.passes:
        passes = [(m, p) for m, p in passes if p in args.passes]
    base = run("all")
    names = [n for n, _, _ in sets]
    print("F1 with every pass; then the change when one pass is off (negative: the pass helps)")
    print(f"{'':<26}" + "".join(f"{n:>9}" for n in names) + f"{'heldout':>9}")

    def heldout_mean(rows: list[dict[str, Score]], key: str) -> float:
        rest = rows[1:]
        return sum(r[key].f1 for r in rest) / len(rest) if rest else 0.0

    for key in ("ALL", "ORG", "SPAN"):
        cells = "".join(f"{r[key].f1:9.2f}" for r in base)
        print(f"{'every pass, ' + key:<26}{cells}{heldout_mean(base, key):9.2f}")
    for module, name in passes:
        original, stand_in = switched_off(module, name)
        setattr(module, name, stand_in)
        try:
            rows = run(name)
        finally:
            setattr(module, name, original)
        d = [r["ALL"].f1 - b["ALL"].f1 for r, b in zip(rows, base, strict=True)]
        mean = heldout_mean(rows, "ALL") - heldout_mean(base, "ALL")
        org = heldout_mean(rows, "ORG") - heldout_mean(base, "ORG")
        print(f"{name:<26}" + "".join(f"{x:+9.2f}" for x in d) + f"{mean:+9.2f}  ORG {org:+.2f}")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
