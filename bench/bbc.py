"""The BBC corpus of ../shared (corpora/bbc: one folder a topic, one file an article,
the title on the first line) as the benches read it."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BBC = REPO.parent / "shared" / "corpora" / "bbc"


def bbc_articles(folder: Path = BBC) -> list[tuple[Path, str, list[str]]]:
    """(file, title, paragraphs) of every article, in file order; a file that is not
    UTF-8 is read as Latin-1."""
    out = []
    for path in sorted(folder.glob("*/*.txt")):
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
        title, _, rest = text.strip().partition("\n")
        paragraphs = [p.strip() for p in rest.split("\n\n") if p.strip()]
        out.append((path, title.strip(), paragraphs))
    return out
