"""Small invented documents for the build's tests, and a ``prepare`` that passes them
through (module-level, so a worker process gets it pickled by name)."""

from __future__ import annotations

from typing import Any

WORDS = "talks ceasefire minister said market shares rose fell league match goal".split()


def docs(n: int) -> list[dict[str, Any]]:
    """``n`` documents of 40 words each, ids ``doc0``..."""
    return [
        {
            "id": f"doc{i}",
            "path": f"folder/doc{i}.txt",
            "title": f"Story {i}",
            "body": " ".join(WORDS[(i + k) % len(WORDS)] for k in range(40)),
        }
        for i in range(n)
    ]


def as_it_is(doc: dict[str, Any]) -> dict[str, Any]:
    """A worker process's prepare that changes nothing."""
    return doc
