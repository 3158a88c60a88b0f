"""The learned tagger's weights: the shipped model file and loading it.

The model is a linear-chain CRF over IOB2 labels (PER, LOC, ORG and MISC),
trained by ``bench/train_ner.py``. The training script makes it as a dict:

    {"format": FORMAT, "meta": {...}, "clusters": {word: bit string},
     "case": {word: "L" for words news nearly always writes in lower case},
     "pass1": {labels, transitions, weights}, "pass2": {...}}

(the weights packed as :func:`pack` writes them), and ships it as
``tui/ner/model.bin`` in the binary form :func:`dump_model` writes: MAGIC, then
zlib-compressed the header's length (4 bytes, little-endian), a JSON header
(format, meta, each pass's labels, transitions and position features, the name
and length of each part, a CRC-32 of the weights), then the parts: word lists
as UTF-8 joined by newlines, label bytes; then, after the compressed stream and
as they are, the float32 weights (which zlib shrinks by a tenth, for half the
time it takes to inflate the file).

The file holds the weights as the tagger reads them (:class:`Table`): each
feature's name split once into its offset and *base* name (``-1w=lisbon`` is
``w=lisbon`` at offset -1), the base names of both passes listed once, and per
pass the weights laid out by base name and offset. Loading is inflating and
splitting one list of names; the tagger makes its tables from the arrays as
they are (where splitting and registering every feature name of both passes
took ~50 ms of every build's start). Decoding with the weights is
:mod:`tui.ner.tagger`.
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
from tui.ner.vocabulary import split_name

MODEL_PATH: Final = Path(__file__).with_name("model.bin")
MAGIC: Final = b"dossier-ner-z3\n"
#: The parts stored after the compressed stream, as they are: the float32 weights.
_PLAIN: Final = ("pass1.values", "pass2.values")
#: A word feature's name is one of these before its base name: offsets -2..+2.
OFFSET_PREFIXES: Final = ("-2", "-1", "0", "+1", "+2")
#: Offsets per word (the length of OFFSET_PREFIXES).
OFFSETS: Final = 5


class ModelError(ValueError):
    """A model file that cannot be used (missing, damaged, or of another format)."""


class Table:
    """One pass's weights as the tagger reads them: by base name and offset.

    ``bases``: the base names (one list for the passes of a model file; a base's
    id is its place in it); ``positions``: the names of the features of a
    token's position (``BOS``, ``CAPS``, marks); ``counts``: per key, how many
    weights it has, the keys being ``base * OFFSETS + offset`` for every base,
    then one per position feature; ``label_of`` and ``values``: the weights in
    key order (within a key, in the model's order)."""

    def __init__(
        self,
        bases: list[str],
        positions: list[str],
        counts: bytes,
        label_of: bytes,
        values: array[float],
    ) -> None:
        self.bases = bases
        self.positions = positions
        self.counts = counts
        self.label_of = label_of
        self.values = values

    def feature_name(self, key: int) -> str:
        """The name of the feature of ``key`` (the inverse of ``split_name``)."""
        words = len(self.bases) * OFFSETS
        if key >= words:
            return self.positions[key - words]
        return OFFSET_PREFIXES[key % OFFSETS] + self.bases[key // OFFSETS]


class Model:
    """The weights of one pass of the tagger.

    Made from what :func:`pack` gives (feature names, one a line; per feature,
    how many labels it has a weight for; those labels and weights, in feature
    order) or from what :func:`load_model` reads, the weights laid out as the
    tagger reads them (:attr:`table`, with ``bases``: the model file's base
    names). Either way ``names``, ``starts``, ``label_of`` and ``values`` are the
    former layout (for a table, made when first asked for: the tagger reads the
    table alone).
    """

    def __init__(
        self, data: dict[str, object], clusters: dict[str, str], bases: list[str] | None = None
    ) -> None:
        labels = data.get("labels")
        transitions = data.get("transitions")
        names = data.get("features")
        positions = data.get("positions")
        if not (
            isinstance(labels, list)
            and isinstance(transitions, list)
            and (isinstance(names, str) or isinstance(positions, list) and bases is not None)
            and "O" in labels
        ):
            raise ModelError("entity model: labels, transitions or features missing")
        self.labels: list[str] = [str(x) for x in labels]
        self.size = len(self.labels)
        self.outside = self.labels.index("O")
        self.transitions: list[list[float]] = [[float(x) for x in row] for row in transitions]
        self._names: list[str] | None = None
        self._starts: list[int] | None = None
        self._label_of: bytes | None = None
        self._values: list[float] | None = None
        self._index: dict[str, int] | None = None  # feature name -> its number (see index)
        self.table: Table | None = None
        try:
            counts = _raw(data["counts"])
            label_of = _raw(data["labels_of"])
            values = array("f")
            values.frombytes(_raw(data["values"]))
        except (KeyError, ValueError) as exc:
            raise ModelError(f"entity model: damaged weights ({exc})") from None
        if sys.byteorder != "little":
            values.byteswap()
        if isinstance(names, str):
            feature_names = names.split("\n")
            self._names = feature_names
            self._label_of = label_of
            self._values = values.tolist()
            self._starts = [0, *itertools.accumulate(counts)]
            if len(feature_names) != len(counts) or self._starts[-1] != len(values):
                raise ModelError("entity model: weights do not match the features")
        else:
            assert isinstance(positions, list) and bases is not None
            if len(counts) != len(bases) * OFFSETS + len(positions) or not (
                sum(counts) == len(values) == len(label_of)
            ):
                raise ModelError("entity model: weights do not match the features")
            self.table = Table(bases, [str(x) for x in positions], counts, label_of, values)
        self.clusters = clusters

    def _unpack(self) -> None:
        """The feature-ordered layout of :attr:`table`."""
        table = self.table
        assert table is not None
        counts = table.counts
        words = len(table.bases) * OFFSETS
        found: list[tuple[str, int, int]] = []  # name, its first weight, its weights
        t = 0
        for key in range(len(counts)):
            c = counts[key]
            if c or key >= words:
                found.append((table.feature_name(key), t, c))
                t += c
        found.sort()
        label_of = bytearray()
        values: list[float] = []
        weights = table.values.tolist()
        for _, at, c in found:
            label_of += table.label_of[at : at + c]
            values.extend(weights[at : at + c])
        self._names = [name for name, _, _ in found]
        self._starts = [0, *itertools.accumulate(c for _, _, c in found)]
        self._label_of = bytes(label_of)
        self._values = values

    @property
    def names(self) -> list[str]:
        if self._names is None:
            self._unpack()
        assert self._names is not None
        return self._names

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            self._unpack()
        assert self._starts is not None
        return self._starts

    @property
    def label_of(self) -> bytes:
        if self._label_of is None:
            self._unpack()
        assert self._label_of is not None
        return self._label_of

    @property
    def values(self) -> list[float]:
        if self._values is None:
            self._unpack()
        assert self._values is not None
        return self._values

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
        starts, label_of, values = self.starts, self.label_of, self.values
        for k in range(starts[fid], starts[fid + 1]):
            vec[label_of[k]] = values[k]
        return vec

    def add(self, vec: list[float], feature: str) -> None:
        """Add the feature's weights to ``vec`` (nothing for a feature it does not know)."""
        fid = self.index.get(feature)
        if fid is not None:
            starts, labels, values = self.starts, self.label_of, self.values
            for k in range(starts[fid], starts[fid + 1]):
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
        self.clusters: dict[str, str] = _str_dict(clusters)
        case = data.get("case") or {}
        # word -> "L": words news nearly always writes in lower case (for the rules)
        self.case: dict[str, str] = _str_dict(case) if isinstance(case, dict) else {}
        # the base names of the passes' tables (None: passes as pack() gives them)
        names = data.get("bases")
        bases = (names.split("\n") if names else []) if isinstance(names, str) else None
        self.first = Model(first, self.clusters, bases)
        self.second = Model(second, self.clusters, bases) if isinstance(second, dict) else None
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


def _str_dict(table: dict[object, object]) -> dict[str, str]:
    """``table`` with its keys and values as str (they are, read from the file)."""
    return dict(zip(map(str, table), map(str, table.values()), strict=True))


_PASSES: Final = ("pass1", "pass2")
_TABLE_PARTS: Final = ("counts", "labels_of", "values")


def make_tables(passes: list[dict[str, object]]) -> tuple[list[str], list[dict[str, object]]]:
    """The passes (as :func:`pack` gives them) as the tagger reads them: the base
    names of all of them, and each pass's positions and weights by key (see
    :class:`Table`)."""
    base_ids: dict[str, int] = {}
    bases: list[str] = []
    split: list[tuple[list[int], list[str], list[int], bytes, bytes]] = []
    for one in passes:
        names = str(one["features"]).split("\n")
        keys: list[int] = []  # per feature: its key, or -1 - its place among positions
        positions: list[str] = []
        for name in names:
            k, base = split_name(name)
            if k >= 0:
                b = base_ids.get(base)
                if b is None:
                    b = base_ids[base] = len(bases)
                    bases.append(base)
                keys.append(b * OFFSETS + k)
            else:
                keys.append(-1 - len(positions))
                positions.append(name)
        counts = _raw(one["counts"])
        starts = [0, *itertools.accumulate(counts)]
        split.append((keys, positions, starts, _raw(one["labels_of"]), _raw(one["values"])))
    words = len(bases) * OFFSETS
    tables: list[dict[str, object]] = []
    for keys, positions, starts, label_of, values in split:
        fid_of = [-1] * (words + len(positions))
        for fid in range(len(keys)):
            key = keys[fid]
            fid_of[key if key >= 0 else words - 1 - key] = fid
        counts_out = bytearray(len(fid_of))
        labels_out = bytearray()
        values_out = bytearray()
        for key in range(len(fid_of)):
            fid = fid_of[key]
            if fid >= 0:
                a, b = starts[fid], starts[fid + 1]
                counts_out[key] = b - a
                labels_out += label_of[a:b]
                values_out += values[4 * a : 4 * b]  # float32, as they are
        tables.append(
            {
                "positions": positions,
                "counts": bytes(counts_out),
                "labels_of": bytes(labels_out),
                "values": bytes(values_out),
            }
        )
    return bases, tables


def dump_model(data: dict[str, object]) -> bytes:
    """The model file's bytes for ``data``: the dict the training script makes
    (passes as :func:`pack` gives them) or the one :func:`load_model` reads."""
    header: dict[str, object] = {"format": data.get("format"), "meta": data.get("meta", {})}
    parts: list[tuple[str, bytes]] = []
    for key in ("clusters", "case"):
        table = data.get(key) or {}
        assert isinstance(table, dict)
        words = sorted(table)
        parts.append((f"{key}.words", "\n".join(words).encode()))
        parts.append((f"{key}.values", "\n".join(str(table[w]) for w in words).encode()))
    passes: list[tuple[str, dict[str, object]]] = []
    for name in _PASSES:
        one = data.get(name)
        if isinstance(one, dict):
            passes.append((name, one))
    names = data.get("bases")
    if isinstance(names, str):  # as load_model reads it
        tables = [one for _, one in passes]
    else:
        bases, tables = make_tables([one for _, one in passes])
        names = "\n".join(bases)
    parts.append(("bases", names.encode()))
    for (name, one), table in zip(passes, tables, strict=True):
        header[name] = {
            "labels": one["labels"],
            "transitions": one["transitions"],
            "positions": table["positions"],
        }
        parts.extend((f"{name}.{part}", _raw(table[part])) for part in _TABLE_PARTS)
    header["parts"] = [[name, len(blob)] for name, blob in parts]
    plain = b"".join(blob for name, blob in parts if name in _PLAIN)
    header["plain_crc32"] = zlib.crc32(plain)
    head = json.dumps(header, separators=(",", ":"), sort_keys=True).encode()
    packed = [blob for name, blob in parts if name not in _PLAIN]
    body = b"".join([len(head).to_bytes(4, "little"), head, *packed])
    return MAGIC + zlib.compress(body, 9) + plain


def _pairs(words: bytes, values: bytes) -> dict[str, str]:
    if not words:
        return {}
    keys = words.decode().split("\n")
    vals = values.decode().split("\n")
    if len(keys) != len(vals):
        raise ModelError("damaged entity model: a word list and its values differ in length")
    return dict(zip(keys, vals, strict=True))


def load_model(raw: bytes) -> dict[str, object]:
    """The dict :func:`dump_model` wrote into ``raw``: the passes as tables
    (:class:`Table`; their parts as bytes) and ``bases``, the tables' base names
    one a line."""
    if not raw.startswith(MAGIC):
        raise ModelError("not an entity model (retrain it with bench/train_ner.py)")
    inflate = zlib.decompressobj()
    try:
        raw = inflate.decompress(raw[len(MAGIC) :])
    except zlib.error as exc:
        raise ModelError(f"damaged entity model ({exc})") from None
    if not inflate.eof:
        raise ModelError("damaged entity model (cut short)")
    plain = inflate.unused_data
    start = 4
    size = int.from_bytes(raw[:start], "little")
    try:
        header = json.loads(raw[start : start + size])
        table = header["parts"]
        parts: dict[str, bytes] = {}
        at = start + size
        plain_at = 0
        for name, length in table:
            if name in _PLAIN:
                parts[str(name)] = plain[plain_at : plain_at + int(length)]
                plain_at += int(length)
            else:
                parts[str(name)] = raw[at : at + int(length)]
                at += int(length)
        crc = header["plain_crc32"]
    except (ValueError, KeyError, TypeError, RecursionError) as exc:  # (JSON nested too deep)
        raise ModelError(f"damaged entity model ({exc})") from None
    if at != len(raw) or plain_at != len(plain) or not isinstance(header, dict):
        raise ModelError(
            f"damaged entity model ({len(raw)} + {len(plain)} bytes where the header says "
            f"{at} + {plain_at})"
        )
    if zlib.crc32(plain) != crc:
        raise ModelError("damaged entity model (its weights fail their CRC-32)")
    try:
        data: dict[str, object] = {"format": header.get("format"), "meta": header.get("meta")}
        for key in ("clusters", "case"):
            data[key] = _pairs(parts[f"{key}.words"], parts[f"{key}.values"])
        data["bases"] = parts["bases"].decode()
        for name in _PASSES:
            if name in header:
                one = dict(header[name])
                one.update((part, parts[f"{name}.{part}"]) for part in _TABLE_PARTS)
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
