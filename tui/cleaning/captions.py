"""Photo captions and credits: lines of a scraped page that describe a picture.

A page scraped to text keeps each picture's caption where the picture was, in the
middle of the story, and the caption's credit names the photographer and the
agency, not the article's author or outlet:

* a credit alone on its line: "(Jacquelyn Martin / Associated Press)",
  "(Image: gargantiopa / Getty Images)", "Photo by David Dyer-Bennet",
  "Natalie Naccache | Bloomberg | Getty Images";
* a caption that ends with its credit: "Rep. Adam Schiff speaks ... October 31,
  2019. (Joshua Roberts/Reuters)", "... outside a Home Depot in Hialeah, Fla. (AP
  Photo/Alan Diaz, File)", "... a large rodent Credit: The Siberian Times",
  "... in Downing Street. Photograph: Stefan Rousseau/PA".

Both are cruft (:func:`credit_line`), and so is a caption's first line when a
credit alone follows it in the same block (:func:`captioned_by`). A credit never
names the article's outlet. What counts as a credit is its shape, never a list of
agencies: a name and an agency on either side of a slash in brackets, or a label
("Photo", "Image", "Credit", "Photograph") with what follows it.
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
# "Credit: The Siberian Times", "Photograph: Stefan Rousseau/PA", "Photo: Reuters" (the
# label capitalised, then a capitalised name up to the line's end, no sentence in it).
_LABEL_TAIL = (
    r"(?:Credit|Photo(?:graph)?|Picture|Image)(?:\s+credit)?:\s*[A-Z][^.!?:;]{0,60}?"
    r"(?:\s*[-–/|]\s*[A-Z][^.!?:;]{0,40})?"
)
# "Photo by David Dyer-Bennet", "Photo illustration by Slate. Photo by David Dyer-Bennet."
_BY_LINE = (
    r"(?:(?i:photo(?:graph)?|image|picture|illustration|photo\s+illustration)s?"
    r"\s+(?:by|courtesy\s+of|via)\s+[^.!?]{2,60}?\.?\s*){1,3}"
)
# "Natalie Naccache | Bloomberg | Getty Images", "Jane Doe/Getty Images",
# "AFP via Getty Images": a short credit ending with an image library's name.
_LIBRARY = r"[^.!?]{0,60}?\b(?:Getty\s+Images|Shutterstock|iStock(?:photo)?|Alamy)"

_ONLY_RE = re.compile(
    rf"(?:{_PHOTO_SLASH}|{_LABELLED}|{_NAME_AGENCY}|{_LABEL_TAIL}|{_BY_LINE}|{_LIBRARY})"
)
_BRACKETED_RE = re.compile(rf"{_PHOTO_SLASH}|{_LABELLED}|{_NAME_AGENCY}")
_LABEL_TAIL_RE = re.compile(rf"\s{_LABEL_TAIL}\Z")

#: A caption is at most this many words; a longer line is prose, whatever ends it.
MAX_CAPTION_WORDS = 80
_MAX_ONLY_CHARS = 120


def credit_only(text: str) -> bool:
    """``text`` is a photo credit and nothing else."""
    return len(text) <= _MAX_ONLY_CHARS and _ONLY_RE.fullmatch(text) is not None


def credit_line(text: str) -> bool:
    """``text`` is a photo credit, alone or at the end of its caption."""
    if credit_only(text):
        return True
    last = text[-1:]
    if not (last == ")" or last.isalnum()) or text.count(" ") >= MAX_CAPTION_WORDS:
        return False  # (prose ends with a stop: most lines end here)
    if last == ")":
        # "... October 31, 2019. (Joshua Roberts/Reuters)"
        at = text.rfind("(")
        return at > 0 and text[at - 1] == " " and _BRACKETED_RE.fullmatch(text, at) is not None
    # "... a large rodent Credit: The Siberian Times"
    at = text.rfind(": ")
    return at > 0 and _LABEL_TAIL_RE.search(text, max(0, at - 20)) is not None


def captioned_by(prev: str, text: str) -> bool:
    """``prev`` is the caption of the credit ``text`` set right under it.

    Only a short line over a credit alone on its line: "Neil Gaiman and John M.
    Ford in 2002." over "Photo by David Dyer-Bennet".
    """
    return credit_only(text) and prev.count(" ") < 40 and not credit_only(prev)
