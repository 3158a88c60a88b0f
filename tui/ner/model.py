"""The learned tagger's weights: the shipped model file and loading it.

The model is a linear-chain CRF over IOB2 labels (PER, LOC, ORG and MISC),
trained by ``bench/train_ner.py``. The training script makes it as a dict:

    {"format": FORMAT, "meta": {...}, "clusters": {word: bit string},
     "case": {word: "L" for words news nearly always writes in lower case},
     "pass1": {labels, transitions, weights}, "pass2": {...}}

(the weights packed as :func:`pack` writes them), and ships it as
``tui/ner/model.bin`` in the binary form :func:`dump_model` writes: MAGIC, then
zlib-compressed (1.5 MB shipped where raw it is 3.1 MB) the header's length (4
bytes, little-endian), a JSON header (format, meta, each pass's labels and
transitions, and the name and length of each part), then the parts, raw: word
lists as UTF-8 joined by newlines, label bytes, float32 weights. Loading it is
inflating, reading bytes and splitting strings (~40 ms, where gzip and JSON
took ~0.1 s of every build's start). Decoding with the weights
is :mod:`tui.ner.tagger`.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import sys
import zlib
from array import array
from pathlib import Path
from typing import Final

from tui.ner.features import FORMAT

MODEL_PATH: Final = Path(__file__).with_name("model.bin")
MAGIC: Final = b"dossier-ner-z1\n"


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
            counts = _raw(data["counts"])
            self.label_of: bytes = _raw(data["labels_of"])
            values = array("f")
            values.frombytes(_raw(data["values"]))
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


def _raw(part: object) -> bytes:
    """A packed part: bytes as the binary file holds it, base64 as pack() writes it."""
    return part if isinstance(part, bytes) else base64.b64decode(str(part))


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
        except FileNotFoundError:
            raise ModelError(
                f"{path}: no entity model (train one with bench/train_ner.py)"
            ) from None
        except OSError as exc:
            raise ModelError(f"{path}: cannot read the entity model: {exc}") from None
        try:
            data = load_model(raw)
        except ModelError as exc:
            raise ModelError(f"{path}: {exc}") from None
        return cls(data, hashlib.sha1(raw).hexdigest()[:16])


_PASSES: Final = ("pass1", "pass2")
_PASS_PARTS: Final = ("features", "counts", "labels_of", "values")


def dump_model(data: dict[str, object]) -> bytes:
    """The model file's bytes for ``data``, the dict the training script makes
    (passes as :func:`pack` gives them); :func:`load_model` reads them back."""
    header: dict[str, object] = {"format": data.get("format"), "meta": data.get("meta", {})}
    parts: list[tuple[str, bytes]] = []
    for key in ("clusters", "case"):
        table = data.get(key) or {}
        assert isinstance(table, dict)
        words = sorted(table)
        parts.append((f"{key}.words", "\n".join(words).encode()))
        parts.append((f"{key}.values", "\n".join(str(table[w]) for w in words).encode()))
    for name in _PASSES:
        one = data.get(name)
        if not isinstance(one, dict):
            continue
        header[name] = {"labels": one["labels"], "transitions": one["transitions"]}
        parts.append((f"{name}.features", str(one["features"]).encode()))
        parts.extend((f"{name}.{part}", _raw(one[part])) for part in _PASS_PARTS[1:])
    header["parts"] = [[name, len(blob)] for name, blob in parts]
    head = json.dumps(header, separators=(",", ":"), sort_keys=True).encode()
    body = b"".join([len(head).to_bytes(4, "little"), head, *(b for _, b in parts)])
    return MAGIC + zlib.compress(body, 9)


def _pairs(words: bytes, values: bytes) -> dict[str, str]:
    if not words:
        return {}
    keys = words.decode().split("\n")
    vals = values.decode().split("\n")
    if len(keys) != len(vals):
        raise ModelError("damaged entity model: a word list and its values differ in length")
    return dict(zip(keys, vals, strict=True))


def load_model(raw: bytes) -> dict[str, object]:
    """The dict :func:`dump_model` wrote into ``raw`` (each pass's parts as bytes)."""
    if not raw.startswith(MAGIC):
        raise ModelError("not an entity model (retrain it with bench/train_ner.py)")
    inflate = zlib.decompressobj()
    try:
        raw = inflate.decompress(raw[len(MAGIC) :])
    except zlib.error as exc:
        raise ModelError(f"damaged entity model ({exc})") from None
    if not inflate.eof or inflate.unused_data:
        raise ModelError("damaged entity model (cut short, or bytes after its end)")
    start = 4
    size = int.from_bytes(raw[:start], "little")
    try:
        header = json.loads(raw[start : start + size])
        table = header["parts"]
        parts: dict[str, bytes] = {}
        at = start + size
        for name, length in table:
            parts[str(name)] = raw[at : at + int(length)]
            at += int(length)
    except (ValueError, KeyError, TypeError) as exc:
        raise ModelError(f"damaged entity model ({exc})") from None
    if at != len(raw) or not isinstance(header, dict):
        raise ModelError(f"damaged entity model ({len(raw)} bytes where the header says {at})")
    try:
        data: dict[str, object] = {"format": header.get("format"), "meta": header.get("meta")}
        for key in ("clusters", "case"):
            data[key] = _pairs(parts[f"{key}.words"], parts[f"{key}.values"])
        for name in _PASSES:
            if name in header:
                one = dict(header[name])
                one["features"] = parts[f"{name}.features"].decode()
                one.update((part, parts[f"{name}.{part}"]) for part in _PASS_PARTS[1:])
                data[name] = one
    except (KeyError, ValueError, TypeError) as exc:
        raise ModelError(f"damaged entity model ({exc!r})") from None
    return data


_model: ModelFile | None = None


def shipped_model() -> ModelFile:
    """The model shipped with the package (loaded once)."""
    global _model
    if _model is None:
        _model = ModelFile.load()
    return _model
