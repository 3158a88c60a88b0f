"""Property tests: whatever a user types or a file holds, the only failure is a one-line error.

Generated inputs for the query language (parsed *and* run against a real index)
and for the cleaner and the reader of article files: 1,000 each in the suite,
and 10,000 each in the full run, by hand or before a release:

    DOSSIER_FUZZ_EXAMPLES=10000 python -m pytest -n 0 tests/test_fuzz.py

(about 30 s a test on a quiet 2-core machine: at 10,000 the three took half the
suite's time, and the suite has a budget). The examples are derived from the
test's name (``derandomize``), so a run in CI is the same run as on a laptop;
nothing is written to a Hypothesis database.
"""

from __future__ import annotations

import os as _os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import write_article
from tui.articles import ArticleError, build_article, read_text_noted, text_of
from tui.cleaning import clean, line_hashes
from tui.cleaning.learn import digests_of, line_digests
from tui.library import Library, QueryError

EXAMPLES = int(_os.environ.get("DOSSIER_FUZZ_EXAMPLES", "1000"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# The pieces of the query language, and what users get wrong with them.
_TOKENS = [
    "economy",
    "ceasefire",
    "harbour",
    "talks",
    "lavrov",
    "a",
    "the",
    "of",
    "AND",
    "OR",
    "NOT",
    "TO",
    "ANDNOT",
    "ANDMAYBE",
    "and",
    "or",
    '"',
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "<",
    ">",
    "=",
    "*",
    "?",
    "~",
    "~1",
    "~2",
    "~9",
    "/",
    "/3",
    "^",
    "^2",
    ":",
    "\\",
    "'",
    ",",
    ".",
    "-",
    "+",
    "!",
    "&&",
    "||",
    "title:",
    "body:",
    "source:",
    "byline:",
    "person:",
    "place:",
    "org:",
    "date:",
    "path:",
    "id:",
    "entities:",
    "nosuch:",
    "http:",
    "date:[",
    "date:>",
    "date:<=",
    "2016",
    "2016-02",
    "20160101",
    "2016-02-30",
    "99999999",
    "0000",
    "x~2/3",
    "abcdefghijklmnopqrstuvwxyz~9",
    "*",
    "**",
    "?*",
    "*ing",
    "ne*",
    "a*b",
    "\x00",
    "\x1b[31m",
    "\u202e",
    "\ufeff",
    "é",
    "İ",
    "ß",
    "ﬁ",
    "東京",
    "🙂",
    "\t",
    "\n",
]
_piece = st.one_of(
    st.sampled_from(_TOKENS),
    st.text(max_size=6),
    st.tuples(
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12),
        st.sampled_from(["", "*", "?", "~", "~1", "~2", "~3", "~9", "~/2", "~2/3"]),
    ).map("".join),
)
QUERIES = st.lists(st.tuples(_piece, st.sampled_from(["", " ", " ", "  "])), max_size=14).map(
    lambda parts: "".join(p + sep for p, sep in parts)
)


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    """One small index for every query of the module, built under a Dossier home of its
    own (a module's fixture is made before the test's hermetic dirs), which is set for
    the build only: set in ``os.environ`` for good, it outlived the module and every
    later test in the process started from it."""
    home = tmp_path_factory.mktemp("fuzz-home")
    folder = tmp_path_factory.mktemp("fuzz-corpus")
    write_article(
        folder,
        "a.txt",
        "Harbour talks",
        "Negotiators met Sergei Lavrov in Geneva to discuss a ceasefire along the harbour.",
        "The economy of the region depends on the harbour and on grain.",
    )
    write_article(folder, "b.txt", "Grain prices", "Farmers in Kansas said grain prices fell.")
    write_article(folder, "c.txt", "Lavrov speaks", "Lavrov said the talks would go on in 2016.")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DOSSIER_HOME", str(home))
        library = Library.open(folder, data_dir=home / "data")
        library.update_index(workers=1)
    yield library
    library.close()


def _one_line(message: str) -> None:
    assert message.strip(), "an empty error message"
    assert "\n" not in message and "Traceback" not in message, message


@FUZZ
@given(query=QUERIES)
def test_any_query_is_answered_or_refused_in_one_line(lib: Library, query: str) -> None:
    try:
        result = lib.search(query, limit=5)
    except QueryError as exc:
        _one_line(str(exc))
        return
    assert result.total >= len(result.hits)
    for hit in result.hits:
        for a, b in hit.snippet_matches:
            assert 0 <= a <= b <= len(hit.snippet)


def test_the_index_is_never_taken_for_damaged_by_a_query(lib: Library) -> None:
    # Runs after the fuzzing above in this module: no query marked the index damaged.
    assert "damaged" not in lib.index.read_meta()
    assert lib.search("harbour").total == 1


# -- files -------------------------------------------------------------------------------

_WORDS = "the talks in Geneva said Lavrov grain prices fell ceasefire harbour of a".split()
_LINES = st.one_of(
    st.text(max_size=80),
    st.sampled_from(
        [
            "",
            "By Jane Smith",
            "Reuters",
            "12 February 2016",
            "Posted: 2016-02-11",
            "Share this article",
            "Advertisement",
            "## Subheading",
            "# Title",
            "* * *",
            "Follow us on Twitter",
            "Copyright 2016",
            "\x1b[2J",
            "\u202e",
            "\r",
            "\f",
            "—",
            "[bold]markup[/bold]",
            "Read more: http://example.com",
            "\ufeff",
            "\x00",
        ]
    ),
    st.lists(st.sampled_from(_WORDS), min_size=3, max_size=14).map(
        lambda words: " ".join(words).capitalize() + "."
    ),
)
ARTICLES = st.lists(_LINES, max_size=30).map("\n".join)


@FUZZ
@given(raw=ARTICLES)
def test_the_cleaner_takes_any_text(raw: str) -> None:
    cleaned = clean(raw, name="file")
    assert isinstance(cleaned.title, str) and isinstance(cleaned.body, str)
    for start, end in cleaned.headings:
        assert 0 <= start < end <= len(cleaned.body)
    article = build_article("x.txt", raw)
    assert article.body == cleaned.body
    spans = list(article.paragraphs())
    assert all(0 <= a < b <= len(article.body) for a, b in spans)
    if cleaned.date is not None:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", cleaned.date)


@FUZZ
@given(raw=ARTICLES)
def test_the_digests_of_a_cleanings_spans_are_its_line_hashes(raw: str) -> None:
    # (what a build's workers note of every article: tui.library.boilerplate.contributed)
    cleaned = clean(raw, name="file")
    digests = line_digests(raw, (*cleaned.kept_spans, *cleaned.removed_spans))
    assert [d.hex() for d in digests_of(digests)] == sorted(line_hashes(raw))


_ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "cp1252", "latin-1"]


@FUZZ
@given(
    data=st.one_of(
        st.binary(max_size=300),
        st.tuples(ARTICLES, st.sampled_from(_ENCODINGS)).map(
            lambda t: (
                t[0].encode(t[1], "replace")
                if t[1] not in ("utf-8", "utf-8-sig")
                else t[0].encode(t[1], "surrogatepass")
            )
        ),
    )
)
def test_any_file_is_read_or_skipped_in_one_line(data: bytes) -> None:
    try:
        text, note = text_of(data)
    except ArticleError as exc:
        _one_line(str(exc))
        return
    assert isinstance(text, str)
    assert note is None or "\n" not in note
    build_article("x.txt", text)


def test_files_are_read_through_the_same_function(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    for data in (b"Title\n\nBody text.\n", "Caf\u00e9\n\nOk.".encode("cp1252"), b"\x00\x01"):
        path.write_bytes(data)
        try:
            expected = text_of(data)
        except ArticleError as exc:
            with pytest.raises(ArticleError, match=re.escape(str(exc))):
                read_text_noted(path, tmp_path)
        else:
            assert read_text_noted(path, tmp_path) == expected
