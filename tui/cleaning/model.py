"""Weights of the line model (:mod:`tui.cleaning.blocks`), in the order of ``features.NAMES``.

Written by ``bench/train_cleaner.py`` (logistic regression over the lines of the
development pages, labelled by whether they are in the marked article body).
"""

from __future__ import annotations

WEIGHTS: tuple[float, ...] = (
    -1.7285,  # bias
    1.4748,  # log_words
    -0.4899,  # long
    -0.4835,  # very_long
    0.4408,  # ends_sentence
    -0.0972,  # ends_colon
    -0.0470,  # stop_ratio
    0.3115,  # no_stop
    0.1867,  # commas
    -1.8716,  # list_mark
    -0.0282,  # title_case
    -0.0036,  # separators
    -2.0787,  # rule_cruft
    -0.3053,  # phrase
    -1.4711,  # has_date
    0.6949,  # repeated
    1.1204,  # digits
    0.1190,  # linkish
    0.0901,  # all_caps
    -0.3688,  # indent_same
    -3.8460,  # indent_off
    0.8552,  # prev_prose
    0.6359,  # next_prose
    1.6023,  # in_core
    -0.4201,  # core_distance
    0.0607,  # glued
    -0.4205,  # starts_lower
    0.1390,  # quote
    -0.5018,  # block_prose
    -0.5215,  # truncated
    -0.3063,  # byline_like
    -2.9761,  # after_marker
)

#: The second model, on the line's features and then features.CONTEXT_NAMES (empty: none).
CONTEXT_WEIGHTS: tuple[float, ...] = (
    -3.2760,  # bias
    0.3310,  # log_words
    0.0533,  # long
    0.1945,  # very_long
    0.5271,  # ends_sentence
    0.0820,  # ends_colon
    0.2908,  # stop_ratio
    0.2041,  # no_stop
    0.1313,  # commas
    -0.1030,  # list_mark
    -0.5828,  # title_case
    -0.0048,  # separators
    -1.4966,  # rule_cruft
    -0.1477,  # phrase
    -0.8938,  # has_date
    -0.2927,  # repeated
    0.0005,  # digits
    0.2247,  # linkish
    -0.1434,  # all_caps
    -1.3657,  # indent_same
    -0.6868,  # indent_off
    0.4239,  # prev_prose
    0.3378,  # next_prose
    -0.0206,  # in_core
    -0.4168,  # core_distance
    0.0269,  # glued
    -0.2586,  # starts_lower
    0.2582,  # quote
    -0.1097,  # block_prose
    -0.5963,  # truncated
    -0.2058,  # byline_like
    -1.8020,  # after_marker
    0.5505,  # p_self
    1.5077,  # p_around
    -0.0322,  # p_near_max
    -0.1727,  # segment_share
    1.8724,  # segment_words
    0.5114,  # in_run
    -2.1133,  # run_distance
    2.2605,  # run_indent
)

#: The same two models for pages without indentation (scraped by tools that drop the
#: page's nesting): trained on the same pages, flattened.
FLAT_WEIGHTS: tuple[float, ...] = (
    -2.3592,  # bias
    1.3292,  # log_words
    -0.5010,  # long
    -0.3132,  # very_long
    0.6992,  # ends_sentence
    -0.1282,  # ends_colon
    -0.1625,  # stop_ratio
    0.4507,  # no_stop
    0.5664,  # commas
    -1.8949,  # list_mark
    0.1810,  # title_case
    0.2144,  # separators
    -2.3124,  # rule_cruft
    -0.3791,  # phrase
    -1.6179,  # has_date
    0.7119,  # repeated
    0.9341,  # digits
    0.1707,  # linkish
    0.1201,  # all_caps
    0.0000,  # indent_same
    0.0000,  # indent_off
    0.9426,  # prev_prose
    0.6408,  # next_prose
    1.7084,  # in_core
    -1.0250,  # core_distance
    0.0903,  # glued
    -0.5297,  # starts_lower
    0.0680,  # quote
    -0.5630,  # block_prose
    -0.5293,  # truncated
    -0.2687,  # byline_like
    -3.0135,  # after_marker
)
FLAT_CONTEXT_WEIGHTS: tuple[float, ...] = (
    -1.5787,  # bias
    0.7551,  # log_words
    -0.2777,  # long
    0.1742,  # very_long
    0.7178,  # ends_sentence
    0.1998,  # ends_colon
    0.1031,  # stop_ratio
    0.5100,  # no_stop
    0.2390,  # commas
    -0.1011,  # list_mark
    -0.2021,  # title_case
    0.0079,  # separators
    -1.7407,  # rule_cruft
    -0.3436,  # phrase
    -1.1585,  # has_date
    -0.1373,  # repeated
    0.0845,  # digits
    0.2269,  # linkish
    0.1444,  # all_caps
    0.0000,  # indent_same
    0.0000,  # indent_off
    0.5217,  # prev_prose
    0.4306,  # next_prose
    0.3795,  # in_core
    1.2083,  # core_distance
    0.0946,  # glued
    -0.1482,  # starts_lower
    0.1307,  # quote
    -0.1612,  # block_prose
    -0.3246,  # truncated
    -0.2004,  # byline_like
    -0.9718,  # after_marker
    0.2741,  # p_self
    1.7085,  # p_around
    0.5236,  # p_near_max
    -0.1268,  # segment_share
    -0.3903,  # segment_words
    1.0931,  # in_run
    -3.7895,  # run_distance
    -1.5787,  # run_indent
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
