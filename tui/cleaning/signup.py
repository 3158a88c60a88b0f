"""A newsletter's sign-up form left at the end of a story: its pitch, its consent line
and the messages the form shows once sent ("Pick Six Newsletter", "I agree that ... can
send me the newsletter.", "Thanks for signing up!", "Sorry!", "There was an error
processing your subscription."). Each line alone may be too long for a cruft phrase or
say too little; together, at the story's end, they are the form.
"""

from __future__ import annotations

import re

from tui.cleaning.meta import SPEECH
from tui.cleaning.page import Page
from tui.cleaning.text import words

_SIGNUP_RE = re.compile(
    r"\bnewsletters?\b|\bsubscri(?:be|bed|bing|ptions?)\b|\bsign(?:ed|ing)?[ -]up\b|"
    r"\binbox\b|\bopt-?in\b|\bunsubscribe\b",
    re.IGNORECASE,
)
#: A form's line has at most this many words; a line of at most _SHORT is a form's
#: label or message whatever it says ("Sorry!"); one other line at a time may come
#: between two of the form's (its pitch: "Get the day's big stories ...").
_FORM_WORDS = 25
_SHORT = 4
_QUOTES = "\"“‘'«„"
#: Lines that speak of signing up a form has at least, one of them of a newsletter (a
#: story's own list of how to sign up for a service is no form).
_MIN_SIGNUP = 2
#: Lines right under the body's end that, dropped already, may be the form's.
_AFTER = 3
_NEWSLETTER_RE = re.compile(r"\bnewsletters?\b|\binbox\b|\bopt-?in\b", re.IGNORECASE)


def drop_signup_form(page: Page) -> None:
    """Drop the lines at the end of the body from the first of a sign-up form's on."""
    texts = page.texts
    last = [x for x in range(page.body_end, page.body_start - 1, -1) if not page.drop[x]]
    signup: list[int] = []
    gap = False
    for x in last[:-1]:  # (the story's first line stays whatever it says)
        text = texts[x]
        if (
            page.kept(x)
            or words(text) > _FORM_WORDS
            or text[:1] in _QUOTES
            or SPEECH.search(text, text.lower())
        ):
            break  # the story: a long line, a quotation, reported speech
        if _SIGNUP_RE.search(text):
            signup.append(x)
            gap = False
        elif words(text) > _SHORT:
            if gap or not signup:
                break
            gap = True
    if not signup:
        return
    # The form's lines right under it that went already (its pitch as a cruft phrase,
    # its message after a footer marker: "Thanks for signing up!") are the form's too.
    after = [
        x
        for x in range(page.body_end + 1, min(len(texts), page.body_end + 1 + _AFTER))
        if page.drop[x] and words(texts[x]) <= _FORM_WORDS and _SIGNUP_RE.search(texts[x])
    ]
    form = signup + after
    if len(form) < _MIN_SIGNUP or not any(_NEWSLETTER_RE.search(texts[x]) for x in form):
        return
    for x in last:
        if x < signup[-1]:
            break
        page.drop[x] = True
