"""Cleaning scraped pages: a photo gallery's controls ("Image 1 of 8", "1 / 8", "Back
to Gallery"), a reading time in the page's language ("Tempo de leitura: 1 minuto";
config/boilerplate.yaml) and a caption shown twice, whole with a "less" toggle and cut
with a "... more" one (tui/cleaning/captions.py, toggled_pair), are the page's.

Shaped as pages of aeb-dev/text without their indents (a wire story under a gallery
on a regional paper's site; a Portuguese blog's reading time), made-up names and text.
"""

from __future__ import annotations

import pytest

from tui.cleaning import clean

STORY = [
    "HARBOUR TOWN (AP) \u2014 The defence minister on Wednesday accused a neighbouring "
    "country of using its coast guard to frighten fishing boats from smaller nations.",
    "\u201cWe will not accept it,\u201d he said in a speech to officials and students, on "
    "the second day of a visit meant to strengthen ties with the region.",
    "The minister is to meet the country's president on Thursday before flying home.",
]
CAPTION = (
    "Defence Minister Ana Ruiz, left, and her host Lee Park shake hands in Harbour Town, "
    "Wednesday, Nov. 20, 2019. Ruiz is on a visit to strengthen military ties."
)
GALLERY = [
    "Image 1 of 8",
    f"{CAPTION} less",
    f"{CAPTION[:70]}... more",
    "Photo: Jo Marsh, AP",
    "Minister accuses neighbour of frightening fishing boats",
    "1 / 8",
    "Back to Gallery",
]


def _page(top: list[str], story: list[str] = STORY) -> str:
    lines = ["Home", "News", "World", "", "Minister accuses neighbour of frightening boats"]
    lines += ["", "By Sam Reed, Associated Press", "November 20, 2019", ""]
    lines += top + [""] + story + ["", "Terms of use", "Privacy policy", "Advertisement"]
    return "\n".join(lines) + "\n"


def test_a_gallery_over_the_story_goes() -> None:
    c = clean(_page(GALLERY))
    assert c.body.split("\n\n") == STORY


def test_a_listed_caption_shown_twice_goes() -> None:
    top = [f"* {CAPTION} less", f"{CAPTION[:60]}\u2026 more"]
    c = clean(_page(top))
    assert c.body.split("\n\n") == STORY


@pytest.mark.parametrize(
    "label", ["Tempo de leitura: 1 minuto", "Reading time: 4 minutes", "Lesezeit: 3 Minuten"]
)
def test_a_reading_time_goes(label: str) -> None:
    c = clean(_page([label]))
    assert c.body.split("\n\n") == STORY


def test_sentences_like_them_stay() -> None:
    story = [
        STORY[0],
        "The council voted 5 / 4 to keep the harbour open, and the minister said she "
        "wanted to worry less",
        "and to fish more... more than ever before, she said, the town needs its boats.",
        "Image 1 of 8 in the exhibition shows the harbour in 1910.",
        *STORY[1:],
    ]
    c = clean(_page(["Share this article"], story))
    assert c.body.split("\n\n") == [STORY[0], f"{story[1]} {story[2]}", *story[3:]]
