"""Weights of the line model (:mod:`tui.cleaning.blocks`), in the order of ``features.NAMES``.

Written by ``bench/train_cleaner.py`` (logistic regression over the lines of the
development pages, labelled by whether they are in the marked article body).
"""

from __future__ import annotations

WEIGHTS: tuple[float, ...] = (
    -2.0,
    0.8,
    1.0,
    0.5,
    1.5,
    -0.3,
    4.0,
    -1.0,
    0.5,
    -2.0,
    -1.0,
    -2.0,
    -4.0,
    -3.0,
    -1.0,
    -1.5,
    -1.0,
    -1.0,
    -1.0,
    1.0,
    -1.0,
    0.7,
    0.7,
    1.5,
    -2.0,
    -1.0,
    0.0,
    0.5,
    0.5,
)

#: A page with less evidence of being scraped (features.scrape_evidence) is left whole.
MIN_EVIDENCE = 3
#: Nor is a page of fewer lines: too little to tell a block from its surroundings.
MIN_LINES = 12
#: A line below this probability is surely cruft (it marks a page as scraped).
SURE_CRUFT = 0.1
#: A page with fewer such lines (and no rule cruft) is a clean article: left whole.
MIN_CRUFT_LINES = 3
#: Inside the article's block, lines below this probability go.
IN_BLOCK_CRUFT = 0.2
