"""Preparing documents for the index: reading, cleaning and recognising entities.

This runs in the index build's worker processes as well as in the app, so it is
top-level functions (they pickle by name) with per-process caches: the cleaning
rules and the entity recogniser are loaded once per config folder and loaded
again when the user's files there change.
"""

from __future__ import annotations

import hashlib
import marshal
from dataclasses import replace
from functools import lru_cache
from importlib import import_module
from pathlib import Path
from typing import Any

from tui.articles import (
    Article,
    ArticleError,
    article_from_record,
    article_of,
    clean_raw,
    read_text_noted,
    read_text_stat,
)
from tui.cleaning import Rules, line_hashes, load_rules
from tui.cleaning.language import article_language, language_code
from tui.formats import (
    format_of,
    read_records,
    record_stamp,
    split_record_path,
)
from tui.formats.cache import cache_at
from tui.index import DECIDED, ENTITY_FIELDS, alias_mark
from tui.index.summaries import summarize
from tui.library.boilerplate import contributed, group_of
from tui.library.records import RecordReader
from tui.sentences import sentence_spans


def tools(config_dir: str) -> tuple[Rules, Any]:
    """Cleaning rules and the entity recogniser for a config folder.

    Cached per process, and loaded again when the user's files change.
    """
    return load_tools(config_dir, config_signature(config_dir))


def rules_of(config_dir: str) -> Rules:
    """The cleaning rules of :func:`tools` without its recogniser: reading an article
    and listing the corpus clean text but find no names, and loading the recogniser
    (its word lists, ~10-30 ms) would hold up the app's launch."""
    return load_rules_cached(config_dir, config_signature(config_dir))


def config_signature(config_dir: str) -> tuple[Any, ...]:
    """Sizes and times of the user's config files (a cache key)."""
    signature: list[tuple[int, int] | None] = []
    for name in ("boilerplate.yaml", "entities.yaml"):
        try:
            st = (Path(config_dir) / name).stat()
            signature.append((st.st_mtime_ns, st.st_size))
        except OSError:
            signature.append(None)
    return tuple(signature)


@lru_cache(maxsize=4)
def load_tools(config_dir: str, signature: tuple[Any, ...]) -> tuple[Rules, Any]:
    rules = load_rules_cached(config_dir, signature)
    recognizer = load_recognizer(Path(config_dir))
    return rules, recognizer


@lru_cache(maxsize=4)
def load_rules_cached(config_dir: str, _signature: tuple[Any, ...]) -> Rules:
    """The rules of :func:`load_tools`, the same object for :func:`rules_of`."""
    return load_rules([Path(config_dir) / "boilerplate.yaml"])


#: Modules :func:`prepare_document` imports at its first article (the cleaner's passes,
#: 0.06 s): :func:`preload` imports them before the build's workers fork.
WORKER_MODULES = ("tui.cleaning.passes",)


def preload(
    config_dir: str, signature: tuple[Any, ...], *, model: bool = True, texts: bool = False
) -> None:
    """Load the tools of :func:`prepare_document`, the recogniser's model included
    (without ``model``: the cleaning rules alone, as :func:`prepare_plain` uses no
    recogniser), and the modules it imports as it goes, in this process: the build's
    worker processes, forked from it, then share them (copy-on-write) rather than each
    making its own (a fifth of a second apiece). ``texts``: the articles include text
    files, which may be scraped pages: the cleaner's bylines, captions and headlines
    look names up in the name lists (:func:`tui.gazetteer.lexicon`; 0.1-0.5 s and 5 MB
    in each worker that loads them itself, on two pages of three of aeb-dev/text; a
    saved page's extractor never reaches them)."""
    if model:
        _rules, recognizer = load_tools(config_dir, signature)
        if recognizer is not None:
            recognizer.load()
    else:
        load_rules_cached(config_dir, signature)
    if texts:
        from tui.gazetteer import lexicon

        lexicon()
    for name in WORKER_MODULES:
        import_module(name)


def has_texts(items: list[Any]) -> bool:
    """Whether any of ``items`` (:meth:`~tui.library.catalog.Catalog.item`) is a text
    file the cleaner reads (for :func:`preload`)."""
    return any(format_of(item[1]) in ("txt", "md") for item in items)


def load_recognizer(user: Path) -> Any:
    try:
        from tui.entities import Recognizer, load_gazetteer
    except ImportError:  # entity recognition not available
        return None
    return Recognizer(load_gazetteer([user / "entities.yaml"]))


def fingerprints(config_dir: Path) -> tuple[str, str]:
    rules, recognizer = tools(str(config_dir))
    rules_fp = getattr(rules, "fingerprint", "")
    ents_fp = getattr(recognizer, "fingerprint", "") if recognizer is not None else ""
    return str(rules_fp), str(ents_fp)


def _entity_summary(
    recognizer: Any, title: str, body: str
) -> tuple[dict[str, list[str]], dict[str, Any]]:
    """Entity field values (one entry per mention) and the stored summary per entity.

    The fields, which search uses, count the headline's mentions too (an article
    with a name in its headline is about that person); the summary, which the
    counts shown to the user come from, counts the body's mentions only: the
    ones the app can list, open and step through. Each summary entry is [type,
    canonical name, mentions, the forms written, the numbers of the body's
    sentences that mention it] (the sentences make co-occurrence counts). A name
    whose type the text's own context decided has one more entry in its type's
    field, marked (:data:`~tui.index.DECIDED`): the corpus keeps that type; so
    has an organisation written with its acronym in brackets, with the acronym
    (:func:`~tui.index.alias_mark`): one organisation's names across the corpus.
    """
    fields: dict[str, list[str]] = {name: [] for name in ENTITY_FIELDS}
    summary: dict[str, Any] = {}
    if recognizer is None:
        return fields, summary
    body_start = len(title) + 2
    # (the index keeps names only: no dates, which are a twentieth of the extraction)
    text = f"{title}\n\n{body}"
    with_evidence = getattr(recognizer, "extract_with_evidence", None)
    decided: set[tuple[str, str]] = set()
    bracketed: set[tuple[str, str]] = set()
    if with_evidence is not None:
        mentions, (decided, bracketed) = with_evidence(text, dates=False)
    else:
        mentions = recognizer.extract(text, dates=False)
    if mentions:
        from tui.ner.mention import entity_id  # (there are mentions: the recogniser is here)

        starts = [s for s, _ in sentence_spans(body)]
        summary = summarize(mentions, body_start, starts, fields, entity_id)
    for kind, canonical in sorted(decided):
        if kind in fields:
            fields[kind].append(DECIDED + canonical)
    for short, full in sorted(bracketed):
        fields["org"].append(alias_mark(short, full))
    return fields, summary


def language_of(article: Article) -> str:
    """The article's language as the index has it: what its page or export declares
    (unless its text is plainly in another script), else what its text shows; a
    text file's is read from its text (the cleaner's guess is the whole page's)."""
    declared = article.language if article.format not in ("txt", "md") else None
    found = article_language(declared, f"{article.title}\n{article.body}")
    return found or language_code(article.language) or "en"


def body_mentions(recognizer: Any, article: Article) -> list[Any]:
    """The entity mentions in ``article``'s body, offsets into the body.

    Found in the headline and body together, as the index finds them: a name in
    the headline links to its short forms in the text ("Blair" is Tony Blair).
    """
    if recognizer is None:
        return []
    body_start = len(article.title) + 2
    out = []
    for m in recognizer.extract(f"{article.title}\n\n{article.body}"):
        if m.start >= body_start:
            out.append(m._replace(start=m.start - body_start, end=m.end - body_start))
    return out


def prepare_document(item: tuple[Any, ...]) -> dict[str, Any] | str:
    """Read, clean and analyse one article into an index document (or an error line).

    It is :func:`document_of` of :func:`read_document`: the build runs the two over
    runs of articles in turn (its ``phases``, :func:`tui.index.build.prepared`).

    ``item`` is (corpus, article path, id, config folder, config signature[,
    learned lines[, extra]]): the signature, taken once per update, saves two
    stat calls per article; the learned lines are the hashes of its group's
    boilerplate (:mod:`tui.library.boilerplate`). ``extra`` may hold ``record``
    and ``file`` (a record of an export or a feed, parsed by the planner, with
    its ``stamp``), ``cache`` (the extracted-pages cache's path) and
    ``correction`` with its ``corr`` stamp (the user's corrected fields).
    """
    return document_of(read_document(item))


#: What :func:`read_document` gives :func:`document_of`: the item's article path,
#: its ``extra``, the recogniser, and what ``_read_article`` made of it.
Read = tuple[str, dict[str, Any], Any, tuple[Any, ...]]


def read_document(item: tuple[Any, ...]) -> Read | str:
    """The first phase of :func:`prepare_document`: read and clean the article."""
    return _read(item, names=True)


def read_plain(item: tuple[Any, ...]) -> Read | str:
    """The first phase of :func:`prepare_plain`: :func:`read_document` with no
    recogniser (none loaded: a full build's first phase, whose parent has not loaded
    it either, :class:`~tui.library.config_prints.ConfigPrints`)."""
    return _read(item, names=False)


def _read(item: tuple[Any, ...], names: bool) -> Read | str:
    corpus, apath, doc_id, config_dir, signature = item[:5]
    learned: frozenset[str] = item[5] if len(item) > 5 else frozenset()
    extra: dict[str, Any] = item[6] if len(item) > 6 else {}
    if names:
        rules, recognizer = load_tools(config_dir, signature)
    else:
        rules, recognizer = load_rules_cached(config_dir, signature), None
    made = _read_article(_folder(corpus), apath, doc_id, rules, learned, extra)
    if isinstance(made, str):
        return made
    return apath, extra, recognizer, made


def document_of(read: Read | str, *, names: bool = True) -> dict[str, Any] | str:
    """The second phase of :func:`prepare_document`: the index document of an
    article :func:`read_document` read (its entities, language, manifest fields).

    Without ``names`` (the first phase of a full build, :func:`prepare_plain`) the
    recogniser is not called: the document has no entity fields and no summary, and
    the manifest's hash of its entities says they are to come (:data:`PENDING`)."""
    if isinstance(read, str):
        return read
    apath, extra, recognizer, made = read
    article, size, mtime, digest, note, contributed_lines, lines = made
    correction = extra.get("correction")
    if correction:
        article = replace(article, **correction)
    language = language_of(article)
    doc = {
        "id": article.id,
        "path": apath,
        "title": article.title,
        "body": article.body,
        "source": article.source,
        "date": article.date,
        "byline": article.byline,
        "lang": language,
    }
    if names:
        fields, summary = _entity_summary(recognizer, article.title, article.body)
        doc.update(fields)
        doc["entities"] = summary
        hashed = ents_hash(summary, [fields[k] for k in ENTITY_FIELDS])
    else:
        hashed = PENDING
    return doc | {
        # manifest fields (not indexed)
        "size": size,
        "mtime": mtime,
        "hash": digest,
        "ents_hash": hashed,
        "note": f"{apath}: {note}" if note else "",
        # the lines a scraped text adds to its source's learned boilerplate (not for
        # pages and records: their extractor or their export already took the article)
        **_boilerplate(apath, article, contributed_lines),
        # (the digests of its candidate lines, when noted: tui.library.boilerplate)
        **({} if lines is None else {LINE_DIGESTS: lines}),
        "file": extra.get("file") or "",
        "format": article.format,
        "url": article.url,
        "language": language,
        "corr": extra.get("corr") or "",
    }


#: The manifest's hash of the entities of an article whose names are still to be found
#: (indexed by the first phase of a full build, :func:`prepare_plain`): no recogniser
#: gives it, so an update never takes it for a change of the article's entities; the
#: second phase (:mod:`tui.library.naming`) puts the real hash in its place.
PENDING = "pending"
#: A document's key for the digests of its article's candidate boilerplate lines
#: (:func:`~tui.library.boilerplate.contributed`): not indexed, not in the manifest.
LINE_DIGESTS = "line_digests"


def plain_document_of(read: Read | str) -> dict[str, Any] | str:
    """:func:`document_of` without the names (the second phase of :func:`prepare_plain`)."""
    return document_of(read, names=False)


def prepare_plain(item: tuple[Any, ...]) -> dict[str, Any] | str:
    """:func:`prepare_document` without the names: the first phase of a full build,
    which makes the folder searchable before the recogniser reads a word
    (:mod:`tui.library.naming` adds the names after)."""
    return plain_document_of(read_plain(item))


def names_of(text: tuple[str, str], recognizer: Any) -> dict[str, Any]:
    """The entity fields and the summary of an article whose title and body (as the
    index stores them: corrected and cleaned) are ``text``, and their hash: exactly what
    :func:`document_of` adds to its document with names."""
    fields, summary = _entity_summary(recognizer, *text)
    return {
        **fields,
        "entities": summary,
        "ents_hash": ents_hash(summary, [fields[k] for k in ENTITY_FIELDS]),
    }


def ents_hash(summary: dict[str, Any], fields: list[list[str]]) -> str:
    """The hash the manifest keeps of an article's entities: its summary and its entity
    fields (``[person, place, org]``: a name a mention, the headline's too, and the
    marks: types its context decided, organisations' acronyms). An update after the
    recogniser changed prepares the articles it may change again and indexes again
    those whose hash changed (tui.library.update). ``marshal`` (format 2, which writes
    each value as it is, never a reference to an earlier one) is a fifth of a ``repr``.

    The fields are in it since 2026-12-07: the summary counts the body's mentions only,
    so a correction that changed a name in a headline alone ("Blair" read as "Tony
    Blair") left the article's old person field in the index, where a build made the
    new one. A manifest's hash of before (of the summary and the marks:
    :func:`_repr_hash` and its ``marshal`` form) is no longer taken as the same: such
    an article, when compared, is indexed again."""
    data = marshal.dumps(summary, 2) + marshal.dumps(fields, 2)
    return hashlib.blake2b(data, digest_size=8).hexdigest()


def _repr_hash(summary: dict[str, Any], marks: list[tuple[str, str]]) -> str:
    """The hash manifests written before 2026-12-06 hold (of the summary and marks)."""
    ents = repr(sorted(summary.items()))
    if marks:  # (an article with no mark hashed as before the marks)
        ents += repr(marks)
    return hashlib.blake2b(ents.encode(), digest_size=8).hexdigest()


def entity_hashes(doc: dict[str, Any]) -> tuple[str, ...]:
    """The hash of the entities of the article :func:`prepare_document` made ``doc`` of,
    in each form a manifest may hold that tells all its entities (:func:`ents_hash`)."""
    return (str(doc["ents_hash"]),)


# (looked up by the build: an attribute of the function, so that it goes with the
# function to the worker processes, which get ``prepare_document`` by name)
setattr(prepare_document, "phases", (read_document, document_of))  # noqa: B010
setattr(prepare_plain, "phases", (read_plain, plain_document_of))  # noqa: B010


@lru_cache(maxsize=4)
def _folder(corpus: str) -> Path:
    """The corpus folder as a path, made once per process (not once per article)."""
    return Path(corpus)


def reads_learned(item: tuple[Any, ...]) -> bool:
    """Whether ``item``'s article, cleaned with its learned lines (``item[5]``), can read
    otherwise than cleaned with none: whether its text has one of those lines (the
    cleaning drops them and nothing else, :func:`tui.cleaning.passes.clean`).

    A fresh build cleans every article with no learned lines, then learns each
    source's; only the articles this is true of are prepared again
    (:func:`tui.library.update.update_index`). Saved pages and records are cleaned
    without them; a file that cannot be read now is prepared again, to say why.
    """
    corpus, apath = item[0], item[1]
    learned: frozenset[str] = item[5] if len(item) > 5 else frozenset()
    extra: dict[str, Any] = item[6] if len(item) > 6 else {}
    if not learned:
        return False
    if (
        extra.get("record") is not None
        or split_record_path(apath)[1] is not None
        or format_of(apath) == "html"
    ):
        return False  # see _read_article
    try:
        raw, _note = read_text_noted(Path(corpus) / apath, Path(corpus))
    except (ArticleError, OSError):
        return True
    return not learned.isdisjoint(line_hashes(raw))


@lru_cache(maxsize=4)
def _record_reader(corpus: Path) -> RecordReader:
    """One reader per corpus and process: a file of many articles is parsed once."""
    return RecordReader(corpus)


def _boilerplate(apath: str, article: Article, lines: list[str]) -> dict[str, Any]:
    """The lines a scraped text adds to its source's learned boilerplate; nothing for a
    saved page or a record (their extractor or their export already took the article)."""
    if article.format not in ("txt", "md"):
        return {}
    return {"boilerplate": [group_of(apath), lines]}


def _read_article(
    corpus: Path,
    apath: str,
    doc_id: str,
    rules: Rules,
    learned: frozenset[str],
    extra: dict[str, Any],
) -> tuple[Article, int, int, str, str | None, list[str], bytes | None] | str:
    """(article, size, mtime, content hash, decoding note, boilerplate lines, the digests
    of its candidate lines when noted: :func:`~tui.library.boilerplate.contributed`),
    or an error."""
    record = extra.get("record")
    relpath, tail = split_record_path(apath)
    if record is None and tail is not None:  # not parsed by the planner: read it here
        try:
            record = _record_reader(corpus).get(apath)[1]
        except ArticleError as exc:
            return f"{apath}: {exc}"
    if record is not None:  # a record of an export or a feed
        size, mtime = extra.get("stamp") or record_stamp(record)
        article = article_from_record(relpath, record, rules, id=doc_id)
        return article, size, mtime, content_hash(record.raw), None, [], None
    path = corpus / apath
    if format_of(apath) == "html":
        try:
            records, _warnings, digest = read_records(
                path, corpus=corpus, cache=cache_at(extra.get("cache")), with_raw=False
            )
            stat = path.stat()
        except ArticleError as exc:
            return f"{apath}: {exc}"
        except OSError as exc:
            return f"{apath}: cannot read ({exc.strerror})"
        article = article_from_record(apath, records[0], rules, id=doc_id)
        return article, stat.st_size, stat.st_mtime_ns, digest, None, [], None
    try:
        raw, note, stat = read_text_stat(path, corpus)  # (no second stat)
    except ArticleError as exc:
        return f"{apath}: {exc}"
    except OSError as exc:
        return f"{apath}: cannot read ({exc.strerror})"
    group = group_of(apath)
    cleaned = clean_raw(apath, raw, rules, group, {group: learned} if learned else None)
    article = article_of(apath, raw, cleaned, id=doc_id)
    digest = content_hash(raw)
    lines, digests = contributed(raw, cleaned, group)
    return article, stat.st_size, stat.st_mtime_ns, digest, note, lines, digests


def content_hash(raw: str) -> str:
    return hashlib.blake2b(raw.encode("utf-8", "surrogateescape"), digest_size=10).hexdigest()
