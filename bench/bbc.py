"""The BBC corpus of ../shared (corpora/bbc: one folder a topic, one file an article,
the title on the first line) as the benches read it; where the corpora are."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPORA = REPO.parent / "shared" / "corpora"
BBC = CORPORA / "bbc"


def read_text(path: Path) -> str:
    """A file's text: UTF-8, or Latin-1 when it is not (a few BBC articles)."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def bbc_articles(folder: Path = BBC) -> list[tuple[Path, str, list[str]]]:
    """(file, title, paragraphs) of every article, in file order; a file that is not
    UTF-8 is read as Latin-1."""
    out = []
    for path in sorted(folder.glob("*/*.txt")):
        title, _, rest = read_text(path).strip().partition("\n")
        paragraphs = [p.strip() for p in rest.split("\n\n") if p.strip()]
        out.append((path, title.strip(), paragraphs))
    return out
