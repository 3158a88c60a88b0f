"""Weights of the line model (:mod:`tui.cleaning.blocks`), in the order of ``features.NAMES``.

Written by ``bench/train_cleaner.py`` (logistic regression over the lines of the
development pages, labelled by whether they are in the marked article body).
"""

from __future__ import annotations

WEIGHTS: tuple[float, ...] = (
    -1.8899,  # bias
    1.4666,  # log_words
    -0.5081,  # long
    -0.3922,  # very_long
    0.4783,  # ends_sentence
    -0.3926,  # ends_colon
    -0.0305,  # stop_ratio
    0.3387,  # no_stop
    0.2478,  # commas
    -1.8080,  # list_mark
    0.0832,  # title_case
    0.0069,  # separators
    -2.0063,  # rule_cruft
    -0.3692,  # phrase
    -1.6956,  # has_date
    0.7246,  # repeated
    1.1992,  # digits
    0.2150,  # linkish
    0.0975,  # all_caps
    -0.4146,  # indent_same
    -4.0008,  # indent_off
    0.8919,  # prev_prose
    0.6641,  # next_prose
    1.4816,  # in_core
    -0.4700,  # core_distance
    0.0730,  # glued
    -0.3484,  # starts_lower
    0.1694,  # quote
    -0.5636,  # block_prose
    -0.8472,  # truncated
    -0.3903,  # byline_like
)

#: The second model, on the line's features and then features.CONTEXT_NAMES (empty: none).
CONTEXT_WEIGHTS: tuple[float, ...] = (
    -3.3923,  # bias
    0.4005,  # log_words
    0.0504,  # long
    0.2437,  # very_long
    0.5523,  # ends_sentence
    -0.1031,  # ends_colon
    0.3320,  # stop_ratio
    0.2958,  # no_stop
    0.1155,  # commas
    -0.2094,  # list_mark
    -0.5217,  # title_case
    -0.0162,  # separators
    -1.3415,  # rule_cruft
    -0.1363,  # phrase
    -1.0745,  # has_date
    -0.4283,  # repeated
    0.0358,  # digits
    0.3444,  # linkish
    -0.0049,  # all_caps
    -1.4439,  # indent_same
    -0.8219,  # indent_off
    0.5085,  # prev_prose
    0.4298,  # next_prose
    -0.1730,  # in_core
    -0.4299,  # core_distance
    0.0171,  # glued
    -0.2187,  # starts_lower
    0.3008,  # quote
    -0.2159,  # block_prose
    -0.8045,  # truncated
    -0.2820,  # byline_like
    0.1992,  # p_self
    1.3102,  # p_around
    -0.1174,  # p_near_max
    -0.2556,  # segment_share
    2.2896,  # segment_words
    0.6125,  # in_run
    -2.4166,  # run_distance
    2.2726,  # run_indent
)

#: The least weight of a line below 1/2 in the choice of the main block.
GAP_WEIGHT = 4.0

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
