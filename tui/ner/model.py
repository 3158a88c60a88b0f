"""The learned tagger's weights: the shipped model file and loading it.

The model is a linear-chain CRF over IOB2 labels (PER, LOC, ORG and MISC),
trained by ``bench/train_ner.py`` and shipped as ``tui/ner/model.json.gz``:

    {"format": FORMAT, "meta": {...}, "clusters": {word: bit string},
     "case": {word: "L" for words news nearly always writes in lower case},
     "pass1": {labels, transitions, weights}, "pass2": {...}}

(the weights packed as :func:`pack` writes them). Decoding with them is
:mod:`tui.ner.tagger`.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import itertools
import json
import sys
from array import array
from pathlib import Path
from typing import Final

from tui.ner.features import FORMAT

MODEL_PATH: Final = Path(__file__).with_name("model.json.gz")


class ModelError(ValueError):
    """A model file that cannot be used (missing, damaged, or of another format)."""


class Model:
    """The weights of one pass of the tagger.

    In the file (see :func:`pack`): the feature names as one string, one a
    line; per feature, how many labels it has a weight for; and those labels
    and weights (bytes, and float32 in base64), in feature order. Loading that
    takes a few milliseconds where a JSON object of 100,000 features takes most
    of a second.
    """

    def __init__(self, data: dict[str, object], clusters: dict[str, str]) -> None:
        labels = data.get("labels")
        transitions = data.get("transitions")
        names = data.get("features")
        if not (
            isinstance(labels, list)
            and isinstance(transitions, list)
            and isinstance(names, str)
            and "O" in labels
        ):
            raise ModelError("entity model: labels, transitions or features missing")
        self.labels: list[str] = [str(x) for x in labels]
        self.size = len(self.labels)
        self.outside = self.labels.index("O")
        self.transitions: list[list[float]] = [[float(x) for x in row] for row in transitions]
        try:
            counts = base64.b64decode(str(data["counts"]))
            self.label_of: bytes = base64.b64decode(str(data["labels_of"]))
            values = array("f")
            values.frombytes(base64.b64decode(str(data["values"])))
        except (KeyError, ValueError) as exc:
            raise ModelError(f"entity model: damaged weights ({exc})") from None
        if sys.byteorder != "little":
            values.byteswap()
        self.values: list[float] = values.tolist()
        feature_names = names.split("\n")
        self.names: list[str] = feature_names
        self._index: dict[str, int] | None = None  # feature name -> its number (see index)
        self.starts: list[int] = [0, *itertools.accumulate(counts)]
        if len(feature_names) != len(counts) or self.starts[-1] != len(self.values):
            raise ModelError("entity model: weights do not match the features")
        self.clusters = clusters

    @property
    def index(self) -> dict[str, int]:
        """Feature name -> its number, made when first asked for: the tagger reads
        the names in order (tagger.Tagger) and asks for a few by name."""
        if self._index is None:
            self._index = {name: i for i, name in enumerate(self.names)}
        return self._index

    def vector(self, feature: str) -> list[float] | None:
        """The feature's weight for each label, or None for a feature it does not know."""
        fid = self.index.get(feature)
        if fid is None:
            return None
        vec = [0.0] * self.size
        for k in range(self.starts[fid], self.starts[fid + 1]):
            vec[self.label_of[k]] = self.values[k]
        return vec

    def add(self, vec: list[float], feature: str) -> None:
        """Add the feature's weights to ``vec`` (nothing for a feature it does not know)."""
        fid = self.index.get(feature)
        if fid is not None:
            labels = self.label_of
            values = self.values
            for k in range(self.starts[fid], self.starts[fid + 1]):
                vec[labels[k]] += values[k]


def pack(
    labels: list[str], transitions: list[list[float]], weights: dict[str, list[tuple[int, float]]]
) -> dict[str, object]:
    """One pass as the model file holds it (see :class:`Model`)."""
    names = sorted(weights)
    counts = bytes(len(weights[f]) for f in names)
    label_of = bytes(label for f in names for label, _ in weights[f])
    values = array("f", [w for f in names for _, w in weights[f]])
    if sys.byteorder != "little":
        values.byteswap()
    return {
        "labels": labels,
        "transitions": transitions,
        "features": "\n".join(names),
        "counts": base64.b64encode(counts).decode(),
        "labels_of": base64.b64encode(label_of).decode(),
        "values": base64.b64encode(values.tobytes()).decode(),
    }


class ModelFile:
    """The shipped model: two passes (the second reads what the first found in
    the whole document), the word clusters both use, and a digest of the file."""

    def __init__(self, data: dict[str, object], digest: str = "") -> None:
        if data.get("format") != FORMAT:
            raise ModelError(
                f"entity model format {data.get('format')!r}, this code reads {FORMAT!r}: "
                "retrain it with bench/train_ner.py"
            )
        clusters = data.get("clusters") or {}
        first = data.get("pass1")
        second = data.get("pass2")
        if not isinstance(clusters, dict) or not isinstance(first, dict):
            raise ModelError("entity model: clusters or first pass missing")
        self.clusters: dict[str, str] = {str(k): str(v) for k, v in clusters.items()}
        case = data.get("case") or {}
        # word -> "L": words news nearly always writes in lower case (for the rules)
        self.case: dict[str, str] = (
            {str(k): str(v) for k, v in case.items()} if isinstance(case, dict) else {}
        )
        self.first = Model(first, self.clusters)
        self.second = Model(second, self.clusters) if isinstance(second, dict) else None
        meta = data.get("meta")
        self.meta: dict[str, object] = meta if isinstance(meta, dict) else {}
        self.digest = digest  # of the file: a new model re-extracts every article

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> ModelFile:
        try:
            raw = path.read_bytes()
            data = json.loads(gzip.decompress(raw))
        except FileNotFoundError:
            raise ModelError(
                f"{path}: no entity model (train one with bench/train_ner.py)"
            ) from None
        except (OSError, ValueError, EOFError) as exc:
            raise ModelError(f"{path}: cannot read the entity model: {exc}") from None
        if not isinstance(data, dict):
            raise ModelError(f"{path}: not an entity model")
        return cls(data, hashlib.sha1(raw).hexdigest()[:16])


_model: ModelFile | None = None


def shipped_model() -> ModelFile:
    """The model shipped with the package (loaded once)."""
    global _model
    if _model is None:
        _model = ModelFile.load()
    return _model
