"""The language of a text, and language names as pages and exports write them.

:func:`text_language` tells the language of an article's text the way the
cleaner tells a page's (:func:`tui.cleaning.features.detect_language`): by which
language's function words (:mod:`tui.cleaning.stopwords`) occur most; a text in
a script that only one language here writes (kana, hangul) or that has no
function-word list (Han, Arabic, Greek, Hebrew, Thai, Devanagari) is told by
its script first. :func:`language_code` reads a declared language (``en-GB``,
``pt_BR``, ``English``, ``deu``) as a two-letter code.
"""

from __future__ import annotations

import re

from tui.cleaning.stopwords import STOPWORDS

_TOKEN = re.compile(r"\w+")
#: Letters (not digits or underscores), and the letters of scripts other than Latin.
_LETTER = re.compile(r"[^\W\d_]")
_NOT_LATIN = re.compile(r"[^\W\d_\u0000-\u036f\u1e00-\u1eff]")
_LANGS = tuple(STOPWORDS)
_LANG_OF: dict[str, tuple[int, ...]] = {}
for _i, _lang in enumerate(_LANGS):
    for _word in STOPWORDS[_lang]:
        _LANG_OF[_word] = (*_LANG_OF.get(_word, ()), _i)

#: Scripts told apart by their letters: (first, last code point, language or "").
#: "" is a script that several languages here write (Latin, Cyrillic): their
#: function words decide.
_SCRIPTS = (
    (0x3040, 0x30FF, "ja"),  # hiragana, katakana
    (0x31F0, 0x31FF, "ja"),
    (0xFF66, 0xFF9F, "ja"),
    (0xAC00, 0xD7AF, "ko"),  # hangul
    (0x1100, 0x11FF, "ko"),
    (0x3130, 0x318F, "ko"),
    (0x3400, 0x4DBF, "zh"),  # Han (Japanese when kana are there too)
    (0x4E00, 0x9FFF, "zh"),
    (0xF900, 0xFAFF, "zh"),
    (0x0600, 0x06FF, "ar"),
    (0x0750, 0x077F, "ar"),
    (0x0370, 0x03FF, "el"),
    (0x1F00, 0x1FFF, "el"),
    (0x0590, 0x05FF, "he"),
    (0x0E00, 0x0E7F, "th"),
    (0x0900, 0x097F, "hi"),
    (0x0400, 0x04FF, ""),  # Cyrillic
)


def _script_of(ch: str) -> str | None:
    code = ord(ch)
    if code < 0x0370:
        return None
    for first, last, lang in _SCRIPTS:
        if first <= code <= last:
            return lang
    return None


def text_language(text: str, limit: int = 3000, words: int = 1200) -> str | None:
    """The language of ``text`` (a two-letter code), or None when nothing shows it.

    Reads the first ``limit`` characters: a script most of the letters are in
    decides for the languages it alone writes; otherwise the language whose
    function words occur most (at least two of them) in the first ``words``
    characters (two hundred words tell a language as well as two thousand).
    """
    sample = text[:limit]
    # (an ASCII text, most news in English, has no letter of another script)
    others = [] if sample.isascii() else _NOT_LATIN.findall(sample)
    if others:  # letters of other scripts: count them by script (Latin text has none)
        letters = len(_LETTER.findall(sample))
        scripts: dict[str, int] = {}
        for ch in others:
            script = _script_of(ch)
            if script is not None:
                scripts[script] = scripts.get(script, 0) + 1
        kana, han = scripts.get("ja", 0), scripts.get("zh", 0)
        if kana and kana + han >= letters * 0.3:
            return "ja"
        best = max(scripts, key=scripts.__getitem__, default=None)
        if best is not None and scripts[best] >= letters * 0.3:
            return best or _by_function_words(sample[:words], cyrillic=True)
    return _by_function_words(sample[:words])


#: Each byte as :func:`_words` reads it: an ASCII word character (``\w``) as itself,
#: any other byte a space (those beyond ASCII are the bytes of other characters).
_ASCII_WORDS = bytes(c if c < 128 and (chr(c).isalnum() or c == 95) else 32 for c in range(256))
_BEYOND_ASCII = re.compile(r"[^\x00-\x7f]")


def _words(low: str) -> list[str]:
    """``_TOKEN.findall(low)``, in a third less time for a text whose words are all
    ASCII (most news in English: curly quotes, dashes and currency signs are no word
    characters): every other character made a space, the rest split on spaces."""
    if not low.isascii() and any(c.isalnum() for c in _BEYOND_ASCII.findall(low)):
        return _TOKEN.findall(low)  # a word beyond ASCII ("café", "для")
    data = low.encode("utf-8", "surrogatepass")
    return data.translate(_ASCII_WORDS).decode("ascii").split()


def _by_function_words(sample: str, cyrillic: bool = False) -> str | None:
    counts = [0] * len(_LANGS)
    for token in _words(sample.lower()):
        langs = _LANG_OF.get(token)
        if langs is not None:
            for i in langs:
                counts[i] += 1
    best = max(range(len(_LANGS)), key=counts.__getitem__)
    if counts[best] < 2:
        return "ru" if cyrillic else None
    return _LANGS[best]


#: Language names and three-letter codes, as pages and exports give them.
_NAMES = {
    "english": "en", "eng": "en", "german": "de", "deutsch": "de", "deu": "de", "ger": "de",
    "french": "fr", "français": "fr", "francais": "fr", "fra": "fr", "fre": "fr",
    "spanish": "es", "español": "es", "espanol": "es", "spa": "es",
    "portuguese": "pt", "português": "pt", "portugues": "pt", "por": "pt",
    "italian": "it", "italiano": "it", "ita": "it", "dutch": "nl", "nederlands": "nl",
    "nld": "nl", "dut": "nl", "swedish": "sv", "svenska": "sv", "swe": "sv",
    "danish": "da", "dansk": "da", "dan": "da", "norwegian": "no", "norsk": "no", "nor": "no",
    "nb": "no", "nn": "no", "nob": "no", "nno": "no", "finnish": "fi", "suomi": "fi",
    "fin": "fi", "russian": "ru", "русский": "ru", "rus": "ru", "romanian": "ro",
    "română": "ro", "romana": "ro", "ron": "ro", "rum": "ro", "hungarian": "hu",
    "magyar": "hu", "hun": "hu", "turkish": "tr", "türkçe": "tr", "turkce": "tr", "tur": "tr",
    "polish": "pl", "polski": "pl", "pol": "pl", "indonesian": "id", "ind": "id",
    "japanese": "ja", "日本語": "ja", "jpn": "ja", "chinese": "zh", "中文": "zh", "zho": "zh",
    "chi": "zh", "korean": "ko", "한국어": "ko", "kor": "ko", "arabic": "ar", "العربية": "ar",
    "ara": "ar", "greek": "el", "ελληνικά": "el", "ell": "el", "gre": "el", "hebrew": "he",
    "heb": "he", "iw": "he", "ukrainian": "uk", "ukr": "uk", "czech": "cs", "ces": "cs",
    "cze": "cs", "catalan": "ca", "català": "ca", "cat": "ca",
}  # fmt: skip
#: The two-letter codes of ISO 639-1.
_ISO_639_1 = frozenset(
    """aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs
    cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he
    hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr
    ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng
    nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk
    sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz
    ve vi vo wa wo xh yi yo za zh zu""".split()
)
_SPLIT = re.compile(r"[-_.;,\s]")


def language_code(value: str | None) -> str | None:
    """The two-letter code of a language as a page or an export names it
    (``en-GB``, ``pt_BR``, ``English``, ``deu``), or None when it names none."""
    if not value:
        return None
    text = str(value).strip().lower()
    if text in _NAMES:
        return _NAMES[text]
    head = _SPLIT.split(text, maxsplit=1)[0]
    if head in _NAMES:
        return _NAMES[head]
    return head if head in _ISO_639_1 else None


#: Languages written in a script of their own here: a declared Latin-script language
#: for such a text (a site template's lang="en" on a Japanese page) gives way.
_OWN_SCRIPT = frozenset({"ja", "ko", "zh", "ar", "el", "he", "th", "hi", "ru"})


def article_language(declared: str | None, text: str) -> str | None:
    """An article's language: the one its page or export declares, unless the text is
    plainly in another script; else the one its text shows (None when neither)."""
    code = language_code(declared)
    seen = text_language(text)
    if code is None:
        return seen
    if seen is not None and seen != code and (seen in _OWN_SCRIPT or code in _OWN_SCRIPT):
        return seen
    return code
