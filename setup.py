"""Build hook: compile the index build's hot loops with mypyc when a C compiler is there.

Everything else about the package is declared in pyproject.toml. The entity
tagger (tui/ner/: tokens, features, decoding, the document passes) and the
word-to-term loop (tui/terms.py) are pure, typed Python; mypyc turns the same
files into C extensions. Measured on the BBC corpus (2,225 articles, compiled vs
DOSSIER_PURE_PYTHON=1, same run): entity extraction takes about a third of the
CPU time (bench/entities_speed.py). The extensions are optional: with no
compiler, or with DOSSIER_PURE_PYTHON=1 set, the package installs as plain
Python and works the same, only slower. tui/__init__.py ignores a compiled copy
older than its source. CI must compile: tests/test_compiled.py fails there when
the build fell back.
"""

from __future__ import annotations

import os
import sys

from setuptools import setup

COMPILED = [
    "tui/terms.py",
    "tui/posting_layout.py",
    "tui/sentences.py",
    "tui/index/porter.py",
    "tui/index/summaries.py",
    "tui/index/blockcodec.py",
    "tui/index/fieldout.py",
    "tui/index/packed.py",
    "tui/ner/tokens.py",
    "tui/ner/features.py",
    "tui/ner/candidates.py",
    "tui/ner/model.py",
    "tui/ner/vocabulary.py",
    "tui/ner/tagger.py",
    "tui/ner/viterbi.py",
    "tui/ner/document.py",
    "tui/ner/agreement.py",
    "tui/ner/acronyms.py",
    "tui/ner/introduced.py",
    "tui/ner/context.py",
    "tui/ner/spans.py",
    "tui/ner/things.py",
    "tui/ner/works.py",
    "tui/ner/furniture.py",
    "tui/ner/recognizer.py",
    "tui/ner/roles.py",
    "tui/ner/lists.py",
    "tui/ner/companies.py",
    "tui/ner/org_kinds.py",
    "tui/ner/firm_names.py",
    "tui/ner/people_firms.py",
    "tui/ner/neighbours.py",
    "tui/ner/derived_names.py",
    "tui/ner/goods_names.py",
    "tui/ner/events.py",
    "tui/ner/followers.py",
    "tui/ner/party_tags.py",
    "tui/ner/and_names.py",
    "tui/ner/bodies_for.py",
    "tui/ner/ages.py",
    "tui/ner/teams.py",
    "tui/ner/bodies.py",
    "tui/ner/edges.py",
    "tui/ner/marks.py",
    "tui/ner/repeats.py",
]


def ext_modules() -> list:
    if os.environ.get("DOSSIER_PURE_PYTHON"):
        return []
    try:
        from mypyc.build import mypycify

        # Only the compiled file is type-checked strictly; what it imports is read
        # for its types, without stubs for third-party packages.
        args = ["--ignore-missing-imports", "--follow-imports=silent", *COMPILED]
        extensions = mypycify(args, opt_level="3")
    except (SystemExit, Exception) as exc:  # noqa: BLE001 - any failure: stay pure
        names = ", ".join(COMPILED)
        print(f"dossier: not compiling {names} ({exc}); using pure Python", file=sys.stderr)
        return []
    for extension in extensions:
        extension.optional = True  # a failed compile leaves the pure-Python module in use
    return extensions


setup(ext_modules=ext_modules())
