"""Cleaning scraped article text: drop page cruft, keep the article, find metadata.

Text scraped from a news web page carries the page around the article:
navigation, ads, share buttons, image captions, sign-up and comment forms,
legal notices, "related" and "most read" lists. :func:`clean` finds the article
in it and returns the title, the body (paragraphs joined by a blank line), the
spans of its subheadings, the outlet, date and byline when the text gives them,
and which lines of the raw text it kept and removed.

The modules, in the order :func:`clean` uses them:

* :mod:`~tui.cleaning.rules`: the rule lists of ``config/boilerplate.yaml`` and
  the user's file (patterns, outlets, per-source corrections);
* :mod:`~tui.cleaning.text`: lines with their indent, block and raw span;
* :mod:`~tui.cleaning.features`, :mod:`~tui.cleaning.blocks`,
  :mod:`~tui.cleaning.model`: what each line looks like, and the choice of the
  article's main block and headline;
* :mod:`~tui.cleaning.meta`, :mod:`~tui.cleaning.dates`: bylines, dates, outlets;
* :mod:`~tui.cleaning.passes`: :func:`clean` itself, as named passes (the header's in
  :mod:`~tui.cleaning.header`);
* :mod:`~tui.cleaning.learn`: lines that recur across one source's articles;
* :mod:`~tui.cleaning.corrections`: the user marking a line as cruft or not.

Domain code: stdlib, PyYAML, :mod:`tui.paths` and :mod:`tui.yamlfile` only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.lazy import lazy_exports

if TYPE_CHECKING:
    from tui.cleaning.corrections import mark_line, source_corrections, unmark_line
    from tui.cleaning.learn import BoilerplateCounts, learn_boilerplate, line_hashes
    from tui.cleaning.passes import Cleaned, clean
    from tui.cleaning.rules import (
        CLEANER_VERSION,
        RULES_FILE,
        Rules,
        default_rules,
        line_key,
        load_rules,
        required_literal,
        source_key,
        user_rules,
        user_rules_path,
    )

#: Where each name lives: the package imports a module when one of its names is first
#: used, so that a command that only reads the index (a search: the query words'
#: stop lists are in here) does not load the whole cleaner.
_WHERE = {
    "tui.cleaning.corrections": "mark_line source_corrections unmark_line",
    "tui.cleaning.learn": "BoilerplateCounts learn_boilerplate line_hashes",
    "tui.cleaning.passes": "Cleaned clean",
    "tui.cleaning.rules": (
        "CLEANER_VERSION RULES_FILE Rules default_rules line_key load_rules "
        "required_literal source_key user_rules user_rules_path"
    ),
}


__getattr__ = lazy_exports(__name__, _WHERE)


__all__ = [
    "BoilerplateCounts",
    "CLEANER_VERSION",
    "RULES_FILE",
    "Cleaned",
    "Rules",
    "clean",
    "default_rules",
    "learn_boilerplate",
    "line_hashes",
    "mark_line",
    "source_corrections",
    "unmark_line",
    "line_key",
    "load_rules",
    "required_literal",
    "source_key",
    "user_rules",
    "user_rules_path",
]
