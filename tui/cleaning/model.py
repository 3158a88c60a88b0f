"""Weights of the line model (:mod:`tui.cleaning.blocks`), in the order of ``features.NAMES``.

Written by ``bench/train_cleaner.py`` (logistic regression over the lines of the
development pages, labelled by whether they are in the marked article body).
"""

from __future__ import annotations

WEIGHTS: tuple[float, ...] = (
    -1.9133,  # bias
    1.4712,  # log_words
    -0.5119,  # long
    -0.3861,  # very_long
    0.4399,  # ends_sentence
    -0.3861,  # ends_colon
    -0.0669,  # stop_ratio
    0.3441,  # no_stop
    0.2437,  # commas
    -1.8052,  # list_mark
    0.0794,  # title_case
    0.0079,  # separators
    -1.9992,  # rule_cruft
    -0.3633,  # phrase
    -1.7023,  # has_date
    0.7268,  # repeated
    1.2012,  # digits
    0.2130,  # linkish
    0.1046,  # all_caps
    -0.4190,  # indent_same
    -4.0043,  # indent_off
    0.8965,  # prev_prose
    0.6757,  # next_prose
    1.4802,  # in_core
    -0.4528,  # core_distance
    0.0744,  # glued
    -0.3554,  # starts_lower
    0.1830,  # quote
    -0.5629,  # block_prose
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
