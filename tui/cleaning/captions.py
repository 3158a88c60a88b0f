"""Photo captions and credits: lines of a scraped page that describe a picture.

A page scraped to text keeps each picture's caption where the picture was, in the
middle of the story, and the caption's credit names the photographer and the
agency, not the article's author or outlet:

* a credit alone on its line: "(Jacquelyn Martin / Associated Press)",
  "(Image: gargantiopa / Getty Images)", "Photo by David Dyer-Bennet",
  "Natalie Naccache | Bloomberg | Getty Images";
* a credit without brackets or a label: "Courtesy of Andrew Vaughan", "Kathrin
  Ziegler/Getty", "AP Photo/Evan Vucci", "Illustration: Jane Doe";
* a caption that ends with its credit: "Rep. Adam Schiff speaks ... October 31,
  2019. (Joshua Roberts/Reuters)", "... outside a Home Depot in Hialeah, Fla. (AP
  Photo/Alan Diaz, File)", "... a large rodent Credit: The Siberian Times",
  "... in Downing Street. Photograph: Stefan Rousseau/PA", "The road to retiring
  early isn't easy. Kathrin Ziegler/Getty". A caption of more than
  :data:`MAX_CAPTION_WORDS` words is one only when its credit names the picture
  ("Credit:", "Photo:", "(AP Photo/…)") after its last sentence: a diagram's
  caption may run to a hundred words, and prose never ends so.

Both are cruft (:func:`credit_line`), and so is a caption's first line when a
credit alone follows it in the same block (:func:`captioned_by`). A caption shown
twice, whole with a "less" toggle and cut with a "... more" one, is its picture's
(:func:`toggled_pair`). A credit never
names the article's outlet. What counts as a credit is its shape, never a list of
agencies: a name and an agency on either side of a slash (in brackets, alone, or
after a caption's last sentence), or a label ("Photo", "Image", "Credit",
"Photograph", "Illustration", "Courtesy of") with what follows it.
"""

from __future__ import annotations

import re

# A capitalised word of a name: "Joshua", "L.", "O'Neil", "Dyer-Bennet".
_CAP = r"[A-Z][\w.'’-]*"
# "(AP Photo/Alan Diaz, File)", "(Reuters Photo / Jane Doe)".
_PHOTO_SLASH = rf"\((?:{_CAP}\s+){{0,3}}(?:Photo|Foto)s?\s*/\s*[^()/]{{2,60}}\)"
# "(Credit: Getty Images)", "(Image: gargantiopa / Getty Images)", "(Photo by Jane Doe)",
# "(Image credit: NASA)", "(Photo courtesy of the family)".
_LABELLED = (
    r"\((?i:photo(?:graph)?|image|picture|illustration|credit|foto|bild)s?"
    r"(?i:\s+(?:credit|courtesy))?\s*(?::|(?i:by|courtesy\s+of|via)\s)\s*[^()]{2,60}\)"
)
# "(Joshua Roberts/Reuters)", "(Jacquelyn Martin / Associated Press)", "(Sarah L. Voisin/The
# Washington Post)": a photographer's name of two to four words, a slash, an agency.
_NAME_AGENCY = (
    rf"\((?:{_CAP}\s+){{1,3}}{_CAP}\s*/\s*{_CAP}(?:\s+(?:{_CAP}|of|and|&)){{0,4}}"
    r"(?:,\s*(?i:file))?\)"
)
# "Credit: The Siberian Times", "Photograph: Stefan Rousseau/PA", "Photo: Reuters",
# "Photos: Jane Doe", "Illustration: Jane Doe" (the label capitalised, then a capitalised
# name up to the line's end, no sentence in it).
_LABEL_TAIL = (
    r"(?:Credit|Photo(?:graph)?s?|Picture|Image|Illustration|Photo\s+illustration)"
    r"(?:\s+credit)?:\s*[A-Z][^.!?:;]{0,60}?(?:\s*[-–/|]\s*[A-Z][^.!?:;]{0,40})?"
)
# "Courtesy of Andrew Vaughan", "Photo courtesy of the family", "Photo Courtesy of NASA",
# "PHOTO COURTESY OF NASA", "Courtesy: NASA". Not "Courtesy Google": "Courtesy" and a
# capitalised word is a heading's shape too.
_COURTESY = (
    r"(?:(?i:(?:photo|image)\s+courtesy(?:\s+of)?)|Courtesy\s+of|Courtesy:)"
    r"\s+[A-Za-z][^.!?:;()]{1,60}"
)
# Without brackets: "Kathrin Ziegler/Getty", "Jane Doe / Reuters" (a name of two to four
# words, a slash, an agency), "AP Photo/Evan Vucci".
_BARE_NAME = rf"(?:{_CAP}\s+){{1,3}}{_CAP}\s*/\s*{_CAP}(?:\s+(?:{_CAP}|of|and|&)){{0,3}}"
_BARE_PHOTO = rf"(?:{_CAP}\s+){{0,3}}Photos?\s*/\s*{_CAP}(?:\s+{_CAP}){{0,3}}(?:,\s*(?i:file))?"
_BARE_NAME_AGENCY = rf"{_BARE_NAME}|{_BARE_PHOTO}"
# "Photo by David Dyer-Bennet", "Photo illustration by Slate. Photo by David Dyer-Bennet."
_BY_LINE = (
    r"(?:(?i:photo(?:graph)?|image|picture|illustration|photo\s+illustration)s?"
    r"\s+(?:by|courtesy\s+of|via)\s+[^.!?]{2,60}?\.?\s*){1,3}"
)
# "Natalie Naccache | Bloomberg | Getty Images", "Jane Doe/Getty Images",
# "AFP via Getty Images": a short credit ending with an image library's name.
_LIBRARY = r"[^.!?]{0,60}?\b(?:Getty\s+Images|Shutterstock|iStock(?:photo)?|Alamy)"

_ONLY_RE = re.compile(
    rf"(?:{_PHOTO_SLASH}|{_LABELLED}|{_NAME_AGENCY}|{_LABEL_TAIL}|{_BY_LINE}|{_LIBRARY}"
    rf"|{_COURTESY}|{_BARE_PHOTO})"
)
# Alone on its line, a name and an agency without brackets is a credit only when the
# name is a person's (see :func:`credit_only`).
_BARE_NAME_RE = re.compile(_BARE_NAME)
_BRACKETED_RE = re.compile(rf"{_PHOTO_SLASH}|{_LABELLED}|{_NAME_AGENCY}")
# In a caption over MAX_CAPTION_WORDS: only a credit that says it is a picture's.
_PICTURE_BRACKETED_RE = re.compile(rf"{_PHOTO_SLASH}|{_LABELLED}")
_LABEL_TAIL_RE = re.compile(rf"\s{_LABEL_TAIL}\Z")
# "... isn't easy. Kathrin Ziegler/Getty": a bare credit after the caption's last sentence.
_BARE_TAIL_RE = re.compile(rf"[.!?][\"”’)]?\s+(?:{_BARE_NAME_AGENCY})\Z")

#: A caption is at most this many words, unless its credit names the picture after
#: its last sentence ("... awake and active. Credit: ESA"): up to
#: :data:`MAX_LONG_CAPTION_WORDS` then. A longer line is prose, whatever ends it.
MAX_CAPTION_WORDS = 80
MAX_LONG_CAPTION_WORDS = 200
_MAX_ONLY_CHARS = 120
#: A sentence's end before a credit: a stop, perhaps a closing quote or bracket.
_SENTENCE_END_RE = re.compile(r"[.!?][\"”’)]?\Z")


def credit_only(text: str) -> bool:
    """``text`` is a photo credit and nothing else.

    Without brackets or a label, "Jason Cipriani/ZDNet" is a credit when its name opens
    with a given name the name lists know: a heading has the same shape ("New York/New
    Jersey", "Machine Learning/AI", "West Bank/Gaza") and stays."""
    if len(text) > _MAX_ONLY_CHARS:
        return False
    if _ONLY_RE.fullmatch(text) is not None:
        return True
    if "/" not in text or _BARE_NAME_RE.fullmatch(text) is None:
        return False
    from tui.gazetteer import fold, lexicon  # (0.1 s once, for a line of this shape only)

    return fold(text.split(None, 1)[0]) in lexicon().first_names


def credit_line(text: str) -> bool:
    """``text`` is a photo credit, alone or at the end of its caption."""
    if credit_only(text):
        return True
    last = text[-1:]
    if not (last == ")" or last.isalnum()):
        return False  # (prose ends with a stop: most lines end here)
    spaces = text.count(" ")
    if spaces >= MAX_LONG_CAPTION_WORDS:
        return False
    long = spaces >= MAX_CAPTION_WORDS  # then only a picture's credit after a sentence
    if last == ")":
        # "... October 31, 2019. (Joshua Roberts/Reuters)"
        at = text.rfind("(")
        if at <= 0 or text[at - 1] != " ":
            return False
        if long:
            return (
                _after_sentence(text, at) and _PICTURE_BRACKETED_RE.fullmatch(text, at) is not None
            )
        return _BRACKETED_RE.fullmatch(text, at) is not None
    # "... a large rodent Credit: The Siberian Times"
    at = text.rfind(": ")
    if at > 0 and (found := _LABEL_TAIL_RE.search(text, max(0, at - 30))) is not None:
        return not long or _after_sentence(text, found.start() + 1)
    return False


def captioned_bare(text: str) -> bool:
    """``text`` is a caption whose credit has neither brackets nor a label: "The road
    to retiring early isn't easy. Kathrin Ziegler/Getty".

    Apart from :func:`credit_line` because the cleaner drops it later, once the page's
    main block is chosen: the block model weighs the lines the rules dropped, and this
    caption taken away first left the key points under it out of the block.
    """
    return (
        text[-1:].isalnum()
        and "/" in text[-60:]
        and text.count(" ") < MAX_CAPTION_WORDS
        and _BARE_TAIL_RE.search(text, max(0, len(text) - 90)) is not None
    )


def _after_sentence(text: str, at: int) -> bool:
    """The credit at ``at`` follows the end of a sentence."""
    return _SENTENCE_END_RE.search(text[:at].rstrip()) is not None


def captioned_by(prev: str, text: str) -> bool:
    """``prev`` is the caption of the credit ``text`` set right under it.

    Only a short line over a credit alone on its line: "Neil Gaiman and John M.
    Ford in 2002." over "Photo by David Dyer-Bennet".
    """
    return credit_only(text) and prev.count(" ") < 40 and not credit_only(prev)


#: The toggle a cut caption ends with ("... more") or its whole text ("less").
_TOGGLE_RE = re.compile(r"\s*(?:(?:\.\.\.|…)\s*more|(?<=[\w.!?\"”’)])\s+less)\Z", re.IGNORECASE)
_MARK_RE = re.compile(r"\A[*+•·▪◦-]\s+")  # a list's mark before it
#: Its text has at least this many characters before the cut.
_TOGGLE_CHARS = 40


def toggled_pair(text: str, other: str) -> bool:
    """Whether two lines are one caption shown whole and cut, each with its toggle
    ("... in Hanoi, Vietnam Wednesday. less" / "... in Hanoi, Vie... more")."""
    a, b = _TOGGLE_RE.search(text), _TOGGLE_RE.search(other)
    if a is None or b is None:
        return False
    head = _MARK_RE.sub("", text[: a.start()]).rstrip(" .…")
    tail = _MARK_RE.sub("", other[: b.start()]).rstrip(" .…")
    short, full = (head, tail) if len(head) <= len(tail) else (tail, head)
    return len(short) >= _TOGGLE_CHARS and full.startswith(short)
