"""Precedents: a second reading beside the criteria, by resemblance to labelled passages.

The criteria read what a dossier says through patterns, and new authors keep finding
words the patterns do not know. Precedents read by comparison instead: the passages
that labellers quoted when they raised a concern in the labelled sample dossiers
(`rubric/precedents.json`, made by `assess rubric precedents`), against passages of
dossiers where that concern was not raised and the quotes of traps (a pitfall named
but denied). A dossier sentence whose nearest raised passages are clearly nearer than
its nearest not-raised ones resembles the precedent of that concern.

Resemblance is measured on Snowball stems and stem pairs, weighted by tf-idf and
compared by cosine (the plain retrieval of a search engine, no model to download):
`score = mean of the k best cosines to raised passages - mean of the k best to
not-raised passages`, and a dossier's score for a concern is its best sentence's.
"""

from __future__ import annotations

import hashlib
import math
import pickle
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

import numpy as np
from pydantic import BaseModel

from assessor.nlp import _stem, normalize

_WORD = re.compile(r"[a-z]+")
_MIN_WORDS = 4  # shorter sentences (headings, table cells) say too little to compare
_TRIES = 5  # best sentences tried per concern before giving up on it
_ROWS = 256  # sentences compared at a time
_COMMON_POSTINGS = 20  # features in more passages than this are compared densely
_DENIAL = re.compile(r"\b(?:niet|geen|nooit|niemand|nergens|ontbreekt|ontbreken)\b")


def _denies(text: str) -> bool:
    return bool(_DENIAL.search(normalize(text)))


class Passage(BaseModel):
    text: str
    dossier: str
    raised: list[str] = []
    """Codes of concerns this passage was quoted for."""
    not_raised: list[str] = []
    """Codes of concerns its dossier did not get (or that were named as traps in it)."""


class PrecedentSet(BaseModel):
    """The file `assess rubric precedents` writes: where it came from, and the passages."""

    source: str
    dossiers: int
    passages: list[Passage]


def features(text: str, normalized: bool = False) -> Counter[str]:
    """Stems of the words (3+ letters) and pairs of neighbouring stems."""
    words = [_stem(w) for w in _WORD.findall(text if normalized else normalize(text))]
    words = [w for w in words if len(w) > 2]
    return Counter(words + [f"{a}_{b}" for a, b in zip(words, words[1:])])


@dataclass(frozen=True)
class Resemblance:
    code: str
    score: float
    sentence: int
    """Index of the dossier sentence (Analysis.sentences) that resembles most."""
    precedent: Passage
    """The raised passage nearest to that sentence."""


class Precedents:
    """The passages as tf-idf vectors, indexed by feature (an inverted index), ready to
    compare a dossier's sentences against."""

    _CANDIDATES = 50
    """Per sentence only its nearest passages are ranked: a concern needs its raised
    passages among them to score above zero."""

    def __init__(self, data: PrecedentSet, neighbours: int = 5):
        self.passages = data.passages
        self.k = neighbours
        counts = [features(p.text) for p in self.passages]
        df: Counter[str] = Counter()
        for c in counts:
            df.update(c.keys())
        self.vocabulary = {f: i for i, f in enumerate(sorted(df))}
        self.idf = np.array([math.log(len(counts) / (1 + df[f])) for f in sorted(df)])
        rows, cols, vals = self._vectors(counts)
        order = np.lexsort((rows, cols))  # by feature: the postings of each feature together
        self.post_rows, self.post_vals = rows[order], vals[order]
        self.post_start = np.searchsorted(cols[order], np.arange(len(self.vocabulary) + 1))
        self.codes = sorted({c for p in self.passages for c in p.raised + p.not_raised})
        self.is_raised = np.array([[c in p.raised for c in self.codes] for p in self.passages], dtype=bool).reshape(-1, len(self.codes))
        self.is_not = np.array([[c in p.not_raised for c in self.codes] for p in self.passages], dtype=bool).reshape(-1, len(self.codes))
        self._dense_part()

    def _dense_part(self) -> None:
        """The common features' rows as one dense matrix (derived from the postings)."""
        lengths = np.diff(self.post_start)
        self.common_features = np.flatnonzero(lengths > _COMMON_POSTINGS)
        self.common_index = np.full(len(self.vocabulary), -1)
        self.common_index[self.common_features] = np.arange(len(self.common_features))
        self.common_matrix = np.zeros((len(self.common_features), len(self.passages)), dtype=np.float32)
        cols = np.repeat(np.arange(len(lengths)), lengths)
        on = self.common_index[cols] >= 0
        self.common_matrix[self.common_index[cols[on]], self.post_rows[on]] = self.post_vals[on]

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if not k.startswith("common_")}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._dense_part()

    def _vectors(self, counts: list[Counter[str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(row, feature, weight) of each known feature: sublinear tf times idf, rows of length 1."""
        rows, cols, tfs = [], [], []
        vocabulary = self.vocabulary
        for r, c in enumerate(counts):
            known = [(vocabulary[f], tf) for f, tf in c.items() if f in vocabulary]
            rows += [r] * len(known)
            cols += [i for i, _ in known]
            tfs += [tf for _, tf in known]
        rows_, cols_ = np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64)
        weights = (1 + np.log(np.array(tfs, dtype=np.float64))) * self.idf[cols_]
        norms = np.sqrt(np.bincount(rows_, weights * weights, minlength=len(counts)))
        norms[norms == 0] = 1.0
        return rows_, cols_, weights / norms[rows_]

    def _similarities(self, counts: list[Counter[str]]) -> np.ndarray:
        """Cosine of every sentence with every passage. Common features ("het", "student")
        go through one dense product; the rest walk their short postings lists."""
        q_rows, q_cols, q_vals = self._vectors(counts)
        n, m = len(counts), len(self.passages)
        common = self.common_index[q_cols]
        dense = np.zeros((n, len(self.common_features)), dtype=np.float32)
        on = common >= 0
        dense[q_rows[on], common[on]] = q_vals[on]
        sims = dense @ self.common_matrix
        q_rows, q_cols, q_vals = q_rows[~on], q_cols[~on], q_vals[~on]
        starts = self.post_start[q_cols]
        lengths = self.post_start[q_cols + 1] - starts
        total = int(lengths.sum())
        if total:
            offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(total)
            flat = np.repeat(q_rows, lengths) * m + self.post_rows[offsets]
            np.add.at(sims.reshape(-1), flat, (np.repeat(q_vals, lengths) * self.post_vals[offsets]).astype(np.float32))
        return sims

    def resemblances(self, sentences: list[str], normalized: bool = False) -> dict[str, Resemblance]:
        """Per concern code, the dossier sentence that resembles its precedents most
        (sentences shorter than `_MIN_WORDS` words, or given as "", are left out).
        `normalized`: the sentences are already in `nlp.normalize` form (the engine's
        `Sentence.norm`), which saves folding them again."""
        keep = [i for i, s in enumerate(sentences) if len(s.split()) >= _MIN_WORDS]
        if not keep or not self.passages:
            return {}
        counts = [features(sentences[i], normalized) for i in keep]
        # each sentence's nearest passages, nearest first; a few hundred sentences at a
        # time, so that a long dossier does not hold all its similarities at once
        parts = [self._nearest(counts[i:i + _ROWS]) for i in range(0, len(counts), _ROWS)]
        near, values = np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])
        out = {}
        for j, code in enumerate(self.codes):
            if not self.is_raised[:, j].any():
                continue
            raised, other = self.is_raised[near, j], self.is_not[near, j]
            score = self._top_mean(values, raised) - self._top_mean(values, other)
            for best in np.argsort(-score, kind="stable")[:_TRIES]:
                if not raised[best].any() or score[best] <= 0:
                    break
                nearest = self.passages[int(near[best][raised[best]][0])]
                # "wij kijken niet alleen naar tevredenheid" shares every stem with the
                # precedent of K1 but says the opposite: a sentence must deny as its precedent does
                if _denies(sentences[keep[best]]) != _denies(nearest.text):
                    continue
                out[code] = Resemblance(code, float(score[best]), keep[best], nearest)
                break
        return out

    def _nearest(self, counts: list[Counter[str]]) -> tuple[np.ndarray, np.ndarray]:
        sims = self._similarities(counts)
        m = min(self._CANDIDATES, sims.shape[1])
        near = np.argpartition(-sims, m - 1, axis=1)[:, :m]
        near = np.take_along_axis(near, np.argsort(-np.take_along_axis(sims, near, axis=1), axis=1), axis=1)
        return near, np.take_along_axis(sims, near, axis=1)

    def _top_mean(self, values: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Mean of the `k` nearest passages of one side (a side with fewer near counts 0)."""
        first_k = mask & (np.cumsum(mask, axis=1) <= self.k)
        return (values * first_k).sum(axis=1) / self.k


@lru_cache(maxsize=4)
def load_precedents(path: Path, neighbours: int = 5) -> Precedents:
    """The precedents of a file, indexed. The index is kept in the user's cache folder
    (building it costs most of a second of every start); any problem there is a miss."""
    from assessor.cache import cache_dir, code_fingerprint
    from assessor.files import write_atomic

    raw = path.read_bytes()
    key = hashlib.sha256(raw + f"\n{neighbours}\n{code_fingerprint()}".encode()).hexdigest()
    target = cache_dir().parent / "precedents" / f"{key}.pickle"
    try:
        found = pickle.loads(target.read_bytes())
        if isinstance(found, Precedents):
            return found
    except Exception:  # missing, damaged, from another version: build it afresh
        pass
    built = Precedents(PrecedentSet.model_validate_json(raw), neighbours)
    try:
        write_atomic(target, pickle.dumps(built, protocol=pickle.HIGHEST_PROTOCOL), private=True)
    except Exception:  # never let the cache break a run
        pass
    return built


# -- making the set from labelled dossiers -------------------------------------------

_QUOTE = re.compile(r"\"([^\"]{15,})\"|“([^”]{15,})”")
_QUOTE_WORDS = 5
_EVERY_NTH = 7  # of a dossier's sentences, as not-raised passages: enough to contrast, small to ship


def _quotes(rationale: object) -> list[str]:
    """The quoted passages of a rationale; a table cell's "nog niet bekend" says what is
    missing, not what about, and would draw every sentence with "nog niet" to it."""
    quotes = [a or b for a, b in _QUOTE.findall(str(rationale))]
    return [q for q in quotes if len(q.split()) >= _QUOTE_WORDS]


def collect(folder: Path, sentences_of: Callable[[str], list[str]], codes: set[str], skip: tuple[str, ...] = ()) -> PrecedentSet:
    """Passages from the labelled dossiers in `folder` (`<id>.labels.yaml` beside the
    dossier): the rationale's quotes per raised concern and per trap, and every
    `_EVERY_NTH` sentence of the dossier for the concerns it did not get.
    `sentences_of(id)` gives a dossier's sentences as the engine reads them; `codes`
    are the rubric's concern codes."""
    import yaml

    passages: list[Passage] = []
    ids = []
    for path in sorted(folder.glob("*.labels.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        dossier = path.name.removesuffix(".labels.yaml")
        if skip and dossier.startswith(skip):
            continue
        ids.append(dossier)
        raised = set(data.get("concerns") or [])
        quoted: dict[str, Passage] = {}
        for key, value in (data.get("rationale") or {}).items():
            code, _, trap = str(key).partition("_")
            for q in _quotes(value):
                p = quoted.setdefault(q, Passage(text=q, dossier=dossier))
                if trap == "trap":
                    p.not_raised.append(code)
                elif code in raised:
                    p.raised.append(code)
        passages += [p for p in quoted.values() if p.raised or p.not_raised]
        others = sorted(codes - raised - {c for p in quoted.values() for c in p.raised})
        passages += [Passage(text=s, dossier=dossier, not_raised=others)
                     for s in sentences_of(dossier)[::_EVERY_NTH] if len(s.split()) >= _MIN_WORDS]
    return PrecedentSet(source=str(folder), dossiers=len(ids), passages=passages)

