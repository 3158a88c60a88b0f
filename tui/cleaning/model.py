"""Weights of the line model (:mod:`tui.cleaning.blocks`), in the order of ``features.NAMES``.

Written by ``bench/train_cleaner.py`` (logistic regression over the lines of the
development pages, labelled by whether they are in the marked article body).
"""

from __future__ import annotations

WEIGHTS: tuple[float, ...] = (
    -1.8882,  # bias
    1.4665,  # log_words
    -0.5077,  # long
    -0.3931,  # very_long
    0.4773,  # ends_sentence
    -0.3929,  # ends_colon
    -0.0309,  # stop_ratio
    0.3389,  # no_stop
    0.2492,  # commas
    -1.8085,  # list_mark
    0.0834,  # title_case
    0.0062,  # separators
    -2.0067,  # rule_cruft
    -0.3693,  # phrase
    -1.7020,  # has_date
    0.7244,  # repeated
    1.2050,  # digits
    0.2154,  # linkish
    0.1007,  # all_caps
    -0.4148,  # indent_same
    -3.9985,  # indent_off
    0.8915,  # prev_prose
    0.6651,  # next_prose
    1.4799,  # in_core
    -0.4726,  # core_distance
    0.0730,  # glued
    -0.3487,  # starts_lower
    0.1692,  # quote
    -0.5630,  # block_prose
    -0.8472,  # truncated
    -0.3850,  # byline_like
)

#: The second model, on the line's features and then features.CONTEXT_NAMES (empty: none).
CONTEXT_WEIGHTS: tuple[float, ...] = (
    -3.3919,  # bias
    0.4008,  # log_words
    0.0502,  # long
    0.2436,  # very_long
    0.5518,  # ends_sentence
    -0.1032,  # ends_colon
    0.3312,  # stop_ratio
    0.2957,  # no_stop
    0.1158,  # commas
    -0.2094,  # list_mark
    -0.5208,  # title_case
    -0.0165,  # separators
    -1.3417,  # rule_cruft
    -0.1364,  # phrase
    -1.0781,  # has_date
    -0.4283,  # repeated
    0.0380,  # digits
    0.3446,  # linkish
    -0.0044,  # all_caps
    -1.4441,  # indent_same
    -0.8204,  # indent_off
    0.5081,  # prev_prose
    0.4308,  # next_prose
    -0.1734,  # in_core
    -0.4307,  # core_distance
    0.0171,  # glued
    -0.2190,  # starts_lower
    0.3008,  # quote
    -0.2158,  # block_prose
    -0.8046,  # truncated
    -0.2782,  # byline_like
    0.1993,  # p_self
    1.3074,  # p_around
    -0.1125,  # p_near_max
    -0.2555,  # segment_share
    2.2887,  # segment_words
    0.6102,  # in_run
    -2.4173,  # run_distance
    2.2727,  # run_indent
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
IN_BLOCK_CRUFT = 0.3
