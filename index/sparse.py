"""Precomputed BM25F term weights: a keyword scorer whose cost does not grow in Python.

Whoosh scores every matching posting in pure Python; at 100k chunks a natural question
(an OR of ~8 stemmed terms over three fields) took 671/1137 ms p50/p95 there. Here each
(field, term) column of a sparse matrix holds the finished BM25F contribution of that term
to every chunk containing it, computed at build time with Whoosh's own formula and
statistics; a plain OR query is then a handful of vectorised column additions.

Exactness with Whoosh (`whoosh.scoring.BM25F`, what `KeywordIndex` used for every query):
- tokens: `TermAnalyzer` reproduces StemmingAnalyzer (RegexTokenizer, LowercaseFilter,
  StopFilter, StemFilter) token for token (tests/test_keyword_sparse.py checks it on the corpus);
- idf = log(N / (df + 1)) + 1, with N the number of chunks;
- field length: Whoosh stores it as one byte (length_to_byte) and scores with the rounded
  value (byte_to_length), while the average field length uses the exact totals;
- bm25 = idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * fl / avgfl)), B=0.75, K1=1.2;
- a query term's score is boost * bm25, an OR sums its clauses, ties go to the lower row.

Files in the directory: `indptr.npy` (columns + 1, int64), `rows.npy` (int32) and
`weights.npy` (float32) in column order (CSC), `vocab.json` (per field, terms in column order).
"""
from __future__ import annotations

import json
import math
import re
from array import array
from pathlib import Path
from typing import Iterable, Mapping, Optional, Sequence

import numpy as np
from whoosh.lang.porter import stem
from whoosh.util.numeric import byte_to_length, length_to_byte

B = 0.75                      # whoosh.scoring.BM25F defaults, as KeywordIndex searches with
K1 = 1.2
FORMAT = 1
VOCAB_FILE = "vocab.json"
# Whoosh's default RegexTokenizer pattern, without the capturing group so findall gives words.
_TOKEN = re.compile(r"[\w\*]+(?:\.?[\w\*]+)*")


class TermAnalyzer:
    """Token texts of whoosh.analysis.StemmingAnalyzer(stoplist=..., minsize=2), faster.

    Whoosh builds a Token object per word and runs it through four generators; here a word
    is looked up once in a dict (lowercased word -> stem, or None when it is a stop word),
    about 5x faster on the synthetic corpus, which matters when building 100k chunks.
    """

    def __init__(self, stoplist: Iterable[str], minsize: int = 2):
        self.stoplist = frozenset(stoplist)
        self.minsize = minsize
        self._stems: dict[str, Optional[str]] = {}

    def _stem(self, word: str) -> Optional[str]:
        low = word.lower()
        if len(low) < self.minsize or low in self.stoplist:
            out = None
        else:
            out = stem(low)
        self._stems[word] = out
        return out

    def terms(self, text: str) -> list[str]:
        """Stemmed terms of `text` in order, repeats kept (what Whoosh indexes)."""
        stems = self._stems
        out = []
        for word in _TOKEN.findall(text):
            s = stems[word] if word in stems else self._stem(word)
            if s is not None:
                out.append(s)
        return out


def quantised_lengths(lengths: np.ndarray) -> np.ndarray:
    """Field lengths as Whoosh scores with them: rounded through its one-byte encoding."""
    table = {int(n): byte_to_length(length_to_byte(int(n))) for n in np.unique(lengths)}
    return np.fromiter((table[int(n)] for n in lengths), dtype=np.float64, count=len(lengths))


class SparseWriter:
    """Collects term frequencies chunk by chunk, then writes the BM25F weight matrix."""

    def __init__(self, fields: Sequence[str], analyzer: TermAnalyzer):
        self.fields = tuple(fields)
        self.analyzer = analyzer
        self.vocab: dict[str, dict[str, int]] = {f: {} for f in self.fields}
        self._rows = {f: array("i") for f in self.fields}
        self._cols = {f: array("i") for f in self.fields}
        self._tfs = {f: array("i") for f in self.fields}
        self._lengths = {f: array("q") for f in self.fields}
        self.count = 0

    def add(self, values: Mapping[str, str]) -> dict[str, list[str]]:
        """Add the next chunk (row = number of chunks added so far); returns its terms."""
        row = self.count
        analysed = {}
        for field in self.fields:
            terms = self.analyzer.terms(values.get(field) or "")
            analysed[field] = terms
            self._lengths[field].append(len(terms))
            if not terms:
                continue
            vocab = self.vocab[field]
            counts: dict[str, int] = {}
            for t in terms:
                counts[t] = counts.get(t, 0) + 1
            rows, cols, tfs = self._rows[field], self._cols[field], self._tfs[field]
            for t, tf in counts.items():
                col = vocab.get(t)
                if col is None:
                    col = vocab[t] = len(vocab)
                rows.append(row)
                cols.append(col)
                tfs.append(tf)
        self.count += 1
        return analysed

    def _field_weights(self, field: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(column counts, rows, BM25 weights) of one field, sorted by column then row."""
        n = self.count
        n_terms = len(self.vocab[field])
        rows = np.frombuffer(self._rows[field], dtype=np.int32)
        cols = np.frombuffer(self._cols[field], dtype=np.int32)
        tfs = np.frombuffer(self._tfs[field], dtype=np.int32).astype(np.float64)
        lengths = np.frombuffer(self._lengths[field], dtype=np.int64)
        df = np.bincount(cols, minlength=n_terms)
        idf = np.log(n / (df + 1.0)) + 1.0
        avgfl = (lengths.sum() / n if n else 0.0) or 1.0
        fl = quantised_lengths(lengths)[rows]
        weights = idf[cols] * (tfs * (K1 + 1)) / (tfs + K1 * ((1 - B) + B * fl / avgfl))
        order = np.argsort(cols, kind="stable")      # rows were added in order: stay sorted
        return df, rows[order], weights[order].astype(np.float32)

    def write(self, directory: Path) -> dict:
        directory.mkdir(parents=True, exist_ok=True)
        counts, rows, weights = [], [], []
        for field in self.fields:
            df, r, w = self._field_weights(field)
            counts.append(df)
            rows.append(r)
            weights.append(w)
        indptr = np.zeros(sum(len(c) for c in counts) + 1, dtype=np.int64)
        np.cumsum(np.concatenate(counts) if counts else [], out=indptr[1:])
        np.save(directory / "indptr.npy", indptr)
        np.save(directory / "rows.npy", np.concatenate(rows) if rows else np.zeros(0, np.int32))
        np.save(directory / "weights.npy",
                np.concatenate(weights) if weights else np.zeros(0, np.float32))
        vocab = {"format": FORMAT, "rows": self.count, "B": B, "K1": K1,
                 "fields": {f: sorted(self.vocab[f], key=self.vocab[f].__getitem__)
                            for f in self.fields}}
        (directory / VOCAB_FILE).write_text(json.dumps(vocab), encoding="utf-8")
        return {"rows": self.count, "columns": len(indptr) - 1, "entries": int(indptr[-1])}


class SparseScorer:
    """An opened weight matrix: scores OR queries of (field, term, boost) clauses."""

    def __init__(self, directory: Path, expected_rows: int):
        meta = json.loads((directory / VOCAB_FILE).read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT or meta.get("B") != B or meta.get("K1") != K1:
            raise ValueError(f"sparse keyword index in {directory} has another format")
        if meta["rows"] != expected_rows:
            raise ValueError(f"sparse keyword index has {meta['rows']} rows, "
                             f"expected {expected_rows}")
        self.n_rows = expected_rows
        self.columns: dict[tuple[str, str], int] = {}
        for field, terms in meta["fields"].items():
            base = len(self.columns)
            self.columns.update(((field, t), base + i) for i, t in enumerate(terms))
        self.indptr = np.load(directory / "indptr.npy")
        # Memory-mapped: a search reads only its terms' columns; the OS keeps the hot ones.
        self.rows = np.load(directory / "rows.npy", mmap_mode="r")
        self.weights = np.load(directory / "weights.npy", mmap_mode="r")
        if len(self.indptr) != len(self.columns) + 1 or self.indptr[-1] != len(self.rows):
            raise ValueError(f"sparse keyword index in {directory} is inconsistent")

    def fields(self) -> set[str]:
        return {f for f, _ in self.columns}

    def scores(self, clauses: Sequence[tuple[str, str, float]]) -> np.ndarray:
        """Dense score per row: the sum of boost * BM25 over the clauses (0 = no match)."""
        out = np.zeros(self.n_rows, dtype=np.float64)
        for field, term, boost in clauses:
            col = self.columns.get((field, term))
            if col is None:
                continue
            lo, hi = self.indptr[col], self.indptr[col + 1]
            # A column holds each row at most once, so fancy-index += adds every posting.
            out[self.rows[lo:hi]] += boost * self.weights[lo:hi].astype(np.float64)
        return out

    def top(self, clauses: Sequence[tuple[str, str, float]], limit: int,
            allowed: Optional[np.ndarray] = None) -> list[tuple[int, float]]:
        """(row, score) of the best `limit` matching rows, best first, ties by lower row.

        `allowed`: boolean mask over rows (filters), None for all. Boosts must be > 0,
        so a score > 0 means the row matched a clause.
        """
        if limit <= 0:
            return []
        scores = self.scores(clauses)
        if allowed is not None:
            scores[~allowed] = 0.0
        hits = np.flatnonzero(scores > 0)
        if len(hits) > limit:
            # Keep every row scoring at least the limit-th best, so ties at the cut
            # are settled by row number as Whoosh does, not by argpartition's order.
            kth = np.partition(scores[hits], len(hits) - limit)[len(hits) - limit]
            hits = hits[scores[hits] >= kth]
        order = np.lexsort((hits, -scores[hits]))[:limit]
        return [(int(hits[i]), float(scores[hits[i]])) for i in order]


def boost_is_plain(value: float) -> bool:
    return isinstance(value, (int, float)) and math.isfinite(value) and value > 0
