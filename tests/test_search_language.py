"""Search that understands news text (issue 14): common words, acronyms, accents, CJK,
each article stemmed in its own language, and the language as a field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import write_article
from tui.library import Library, QueryError

RECORDS = [
    {
        "id": "us",
        "title": "US forces leave the base",
        "text": "The US forces said on Monday that the base would close. IT firms in the "
        "region lost a client, the WHO said. Minister of State Jane Hollis visited.",
        "date": "2016-02-03",
        "source": "Wire",
        "language": "en-GB",
    },
    {
        "id": "pronoun",
        "title": "A letter from the forces",
        "text": "They wrote to us that the forces of nature were against them; it was cold.",
        "date": "2016-02-05",
        "source": "Wire",
        "language": "en",
    },
    {
        "id": "pt",
        "title": "Notícias do Brasil",
        "text": "As últimas notícias de São Paulo: Erdoğan visitou o Brasil e falou das "
        "eleições presidenciais.",
        "date": "2016-03-01",
        "source": "Folha",
        "language": "pt-BR",
    },
    {
        "id": "de",
        "title": "Die Häuser der Stadt",
        "text": "Die Häuser in Berlin wurden gestern verkauft, sagte der Minister. Das Haus "
        "am See bleibt.",
        "date": "2016-03-02",
        "source": "Spiegel",
    },
    {
        "id": "ja",
        "title": "東京都の天気",
        "text": "今日の東京都は晴れです。京都も晴れでした。",
        "date": "2016-03-03",
        "source": "NHK",
    },
]


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    folder = tmp_path / "news"
    folder.mkdir()
    lines = [json.dumps(r, ensure_ascii=False) for r in RECORDS]
    (folder / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    write_article(
        folder,
        "nachrichten.txt",
        "Verhandlungen in Genf",
        "Die Verhandlungen über den Waffenstillstand wurden am Montag in Genf fortgesetzt, "
        "und die Minister der beiden Länder sagten, dass sie noch nicht fertig seien.",
    )
    library = Library.open(folder)
    library.update_index(workers=1)
    return library


def titles(lib: Library, query: str) -> set[str]:
    return {h.title for h in lib.search(query).hits}


def test_acronyms_are_not_their_common_words(lib: Library) -> None:
    assert titles(lib, "US") == {"US forces leave the base"}
    assert titles(lib, "title:US") == {"US forces leave the base"}
    assert titles(lib, "IT firms") == {"US forces leave the base"}
    assert titles(lib, "WHO") == {"US forces leave the base"}  # "who" is no common word
    # A phrase keeps its common words: "US forces", not "forces".
    assert titles(lib, '"US forces"') == {"US forces leave the base"}
    assert titles(lib, '"us forces"') == {"US forces leave the base"}
    # Lower case, alone, a common word is looked for as written, in either case.
    assert "A letter from the forces" in titles(lib, "us")


def test_common_words_never_empty_a_query_nor_change_a_phrase(lib: Library) -> None:
    assert "A letter from the forces" in titles(lib, "the")
    assert titles(lib, '"minister of state"') == {"US forces leave the base"}
    assert titles(lib, '"minister state"') == set()
    assert titles(lib, '"forces of nature"') == {"A letter from the forces"}
    # Beside other words, a free common word is dropped (as cheap as before).
    assert titles(lib, "the base") == titles(lib, "base")
    hit = lib.search('"the base"').hits[0]
    body = lib.article(hit.id).body
    assert [body[a:b] for a, b in hit.matches] == ["the base"]


def test_accents_fold_in_the_index_and_the_query(lib: Library) -> None:
    for query in ("noticias", "Notícias", "NOTICIAS", "erdogan", "Erdoğan", "sao paulo"):
        assert titles(lib, query) == {"Notícias do Brasil"}, query
    hit = lib.search("erdogan").hits[0]
    body = lib.article(hit.id).body
    assert [body[a:b] for a, b in hit.matches] == ["Erdoğan"]


def test_each_article_is_stemmed_in_its_language(lib: Library) -> None:
    # German: Häuser and Haus share a stem; Portuguese: notícia and notícias.
    assert titles(lib, "haus") == {"Die Häuser der Stadt"}
    assert titles(lib, "hauser") == {"Die Häuser der Stadt"}
    assert titles(lib, "noticia") == {"Notícias do Brasil"}
    assert titles(lib, "verhandlung") == {"Verhandlungen in Genf"}


def test_cjk_words_are_found_inside_runs(lib: Library) -> None:
    assert titles(lib, "東京") == {"東京都の天気"}
    assert titles(lib, "東京都") == {"東京都の天気"}
    assert titles(lib, '"晴れ"') == {"東京都の天気"}
    assert titles(lib, "京") == {"東京都の天気"}  # a single character
    assert titles(lib, "都京") == set()  # the pair, not the characters anywhere
    hit = lib.search("晴れ").hits[0]
    body = lib.article(hit.id).body
    assert {body[a:b] for a, b in hit.matches} == {"晴れ"}


def test_the_language_is_detected_or_taken_from_the_page_and_is_a_field(lib: Library) -> None:
    by_title = {a.title: a.language for a in lib.articles()}
    assert by_title["US forces leave the base"] == "en"  # en-GB, as the export says
    assert by_title["Notícias do Brasil"] == "pt"  # pt-BR
    assert by_title["Die Häuser der Stadt"] == "de"  # detected
    assert by_title["東京都の天気"] == "ja"  # by its script
    assert by_title["Verhandlungen in Genf"] == "de"  # a text file, detected
    assert titles(lib, "lang:de") == {"Die Häuser der Stadt", "Verhandlungen in Genf"}
    assert titles(lib, "lang:German") == titles(lib, "lang:de")
    assert titles(lib, "lang:pt-BR") == {"Notícias do Brasil"}
    assert {h.language for h in lib.search("lang:ja").hits} == {"ja"}
    article = next(a for a in lib.articles() if a.title == "Verhandlungen in Genf")
    assert lib.article(article.id).language == "de"


def test_a_query_of_nothing_is_still_an_error(lib: Library) -> None:
    with pytest.raises(QueryError, match="nothing to search for"):
        lib.search("()")


def test_language_detection_by_function_words_and_script() -> None:
    from tui.cleaning.language import article_language, language_code, text_language

    assert text_language("The talks were held in the city and the minister said that.") == "en"
    assert text_language("Les négociations ont eu lieu dans la ville et le ministre a dit.") == "fr"
    assert text_language("Переговоры прошли в городе, и министр сказал, что они не готовы.") == "ru"
    assert text_language("서울에서 회담이 열렸다") == "ko"
    assert text_language("北京举行了会谈") == "zh"
    assert text_language("12 34 56") is None
    assert [language_code(v) for v in ("en-GB", "pt_BR", "English", "deu", "zz-top", "")] == [
        "en", "pt", "en", "de", None, None
    ]  # fmt: skip
    # A site's template says English; the text is Japanese.
    assert article_language("en", "今日の東京都は晴れです。") == "ja"
    assert article_language("de", "Die Häuser in Berlin") == "de"


def test_function_words_are_read_as_the_word_pattern_reads_them() -> None:
    import random
    import re

    from tui.cleaning.language import _words

    rnd = random.Random(5)
    ascii_chars = [chr(c) for c in range(128)]
    texts = ["".join(ascii_chars), "don't_stop at 3.5pm\tthe\nend", ""]
    texts += ["".join(rnd.choice(ascii_chars) for _ in range(60)) for _ in range(500)]
    texts += ["the café and the naïve", "los niños y la mañana"]  # beyond ASCII: the pattern
    # marks beyond ASCII between words ("’", "–", "£", a no-break space, a lone surrogate)
    texts += ["it’s the “best” – £5\u00a0m…", "x\udce9y the", "a²b ½ c_d e·f", "٣ and Ⅻ"]
    for text in texts:
        assert _words(text) == re.findall(r"\w+", text)


def test_a_stem_that_is_another_languages_function_word_finds_nothing_there(
    tmp_path: Path,
) -> None:
    """Romance stemmers make "nasa" "nas", the Portuguese "in the": every Portuguese
    article would match a search for the space agency. The stem of the corpus's main
    language is kept; another language's stem is not when it is a function word of a
    corpus language (the typed word being one keeps them all)."""
    records = [
        {"id": "agency", "title": "Probe launch", "language": "en",
         "text": "NASA said the probe would launch in spring after the tests were done."},
        {"id": "budget", "title": "Budget talks", "language": "en",
         "text": "The committee said the budget talks would go on until the end of May."},
        {"id": "weather", "title": "Chuva no sul", "language": "pt",
         "text": "Choveu muito nas cidades do sul e nas estradas da serra durante a noite, "
                 "disseram os moradores."},
        {"id": "market", "title": "Mercado central", "language": "es",
         "text": "Los vendedores del mercado central dijeron que las ventas subieron en mayo."},
    ]  # fmt: skip
    folder = tmp_path / "news"
    folder.mkdir()
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    (folder / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    library = Library.open(folder)
    library.update_index(workers=1)

    assert titles(library, "nasa") == {"Probe launch"}
    assert titles(library, "nas") == {"Chuva no sul"}  # the word typed is found
    assert titles(library, "cidades") == {"Chuva no sul"}
    assert titles(library, "vendedores") == {"Mercado central"}
