"""Saved web pages: a post quoted in the story (an embedded tweet) is the story's, even
in a wrapper named for social media, which trafilatura drops with the share buttons
(tui/formats/html.py, _unwrap_posts). The share buttons still go.

Shaped as a regional paper's page of aeb-dev/html (tweets quoted between the
paragraphs, each in a "social-media-embed" box), with made-up names and text.
"""

from __future__ import annotations

from tui.formats.html import extract_page

PARAS = [
    "The county's new road safety campaign drew more attention online on Monday than "
    "any before it, though not all of it was the kind its makers had hoped for.",
    "The posters show a driver looking at a phone under the words 'Eyes up. We mean "
    "it.' and cost the county a little over two hundred thousand dollars.",
    "Many people who saw them on the first day wrote that they did not understand what "
    "the posters were asking them to do, and some made fun of the slogan.",
    "The county's transport office said on Tuesday that the campaign was doing what it "
    "was meant to do, since everyone was now talking about it.",
]
TWEETS = [
    ("Yes the county really paid for this. Eyes up, everyone.", "Rosa Vale (@rosavale)"),
    ("I have read this poster four times and I still do not know what it wants.",
     "Tom Birch (@tombirch)"),
]  # fmt: skip


def _tweet(text: str, who: str) -> str:
    return (
        '<div class="social-media-embed"><blockquote class="twitter-tweet">'
        f'<p lang="en" dir="ltr">{text} <a href="https://t.example/abc">t.example/abc</a>'
        f'</p>&mdash; {who} <a href="https://social.example/status/1">November 18, 2019</a>'
        '</blockquote><script async src="https://social.example/widgets.js"></script></div>'
    )


def _page() -> str:
    story = [f"<p>{PARAS[0]}</p>", f"<p>{PARAS[1]}</p>", _tweet(*TWEETS[0])]
    story += [f"<p>{PARAS[2]}</p>", _tweet(*TWEETS[1]), f"<p>{PARAS[3]}</p>"]
    return (
        "<html><head><title>Eyes up: the county's campaign has people talking</title>"
        '<meta property="og:title" content="Eyes up: the county\'s campaign has people '
        'talking"></head><body><header><nav><a href="/">Home</a> <a href="/news">News'
        '</a></nav></header><main><article class="article"><h1>Eyes up: the county\'s '
        'campaign has people talking</h1><div class="social-share"><a href="#">Share on '
        'Facebook</a> <a href="#">Share on Twitter</a> <a href="#">Email</a></div>'
        f'<div class="entry-content">{"".join(story)}</div></article></main>'
        "<footer><p>Contact us</p></footer></body></html>"
    )


def test_a_tweet_quoted_in_the_story_is_kept() -> None:
    got = extract_page(_page())
    for para in PARAS:
        assert para in got.body
    for text, who in TWEETS:
        assert text in got.body and who in got.body
    assert "Share on Facebook" not in got.body
    assert got.body.index(TWEETS[0][0]) < got.body.index(PARAS[2])
