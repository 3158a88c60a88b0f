"""Preparing documents for the index: reading, cleaning and recognising entities.

This runs in the index build's worker processes as well as in the app, so it is
top-level functions (they pickle by name) with per-process caches: the cleaning
rules and the entity recogniser are loaded once per config folder and loaded
again when the user's files there change.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any

from tui.articles import Article, ArticleError, article_of, clean_raw, read_text_noted
from tui.cleaning import Rules, load_rules
from tui.index import ENTITY_FIELDS
from tui.library.boilerplate import contributed, group_of


def tools(config_dir: str) -> tuple[Rules, Any]:
    """Cleaning rules and the entity recogniser for a config folder.

    Cached per process, and loaded again when the user's files change.
    """
    return load_tools(config_dir, config_signature(config_dir))


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
def load_tools(config_dir: str, _signature: tuple[Any, ...]) -> tuple[Rules, Any]:
    user = Path(config_dir)
    rules = load_rules([user / "boilerplate.yaml"])
    recognizer = load_recognizer(user)
    return rules, recognizer


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
    recognizer: Any, article: Article
) -> tuple[dict[str, list[str]], dict[str, Any]]:
    """Entity field values (one entry per mention) and the stored summary per entity.

    The fields, which search uses, count the headline's mentions too (an article
    with a name in its headline is about that person); the summary, which the
    counts shown to the user come from, counts the body's mentions only: the
    ones the app can list, open and step through.
    """
    fields: dict[str, list[str]] = {name: [] for name in ENTITY_FIELDS}
    summary: dict[str, Any] = {}
    if recognizer is None:
        return fields, summary
    body_start = len(article.title) + 2
    for m in recognizer.extract(f"{article.title}\n\n{article.body}"):
        if m.type in fields:
            fields[m.type].append(m.canonical)
            if m.start < body_start:
                continue
            entry = summary.setdefault(m.id, [m.type, m.canonical, 0, []])
            entry[2] += 1
            if m.text not in entry[3]:
                entry[3].append(m.text)
    return fields, summary


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
    """Read, clean and analyse one file into an index document (or an error line).

    ``item`` is (corpus, relative path, id, config folder, config signature[,
    learned lines]): the signature, taken once per update, saves two stat calls
    per article; the learned lines are the hashes of its group's boilerplate
    (:mod:`tui.library.boilerplate`).
    """
    corpus, relpath, doc_id, config_dir, signature = item[:5]
    learned: frozenset[str] = item[5] if len(item) > 5 else frozenset()
    rules, recognizer = load_tools(config_dir, signature)
    path = Path(corpus) / relpath
    try:
        raw, note = read_text_noted(path, Path(corpus))
        stat = path.stat()
    except ArticleError as exc:
        return f"{relpath}: {exc}"
    except OSError as exc:
        return f"{relpath}: cannot read ({exc.strerror})"
    group = group_of(relpath)
    cleaned = clean_raw(relpath, raw, rules, group, {group: learned} if learned else None)
    article = article_of(relpath, raw, cleaned, id=doc_id)
    fields, summary = _entity_summary(recognizer, article)
    ents_hash = hashlib.blake2b(repr(sorted(summary.items())).encode(), digest_size=8).hexdigest()
    return {
        "id": article.id,
        "path": relpath,
        "title": article.title,
        "body": article.body,
        "source": article.source,
        "date": article.date,
        "byline": article.byline,
        **fields,
        "entities": summary,
        # manifest fields (not indexed)
        "size": stat.st_size,
        "mtime": stat.st_mtime_ns,
        "hash": content_hash(raw),
        "ents_hash": ents_hash,
        "note": f"{relpath}: {note}" if note else "",
        "boilerplate": [group, contributed(raw, cleaned)],
    }


def content_hash(raw: str) -> str:
    return hashlib.blake2b(raw.encode("utf-8", "surrogateescape"), digest_size=10).hexdigest()
