"""FAISS inner-product index over normalised chunk embeddings.

Exact (flat) search up to EXACT_LIMIT vectors, HNSW above it. Filtered
searches score the allowed rows exactly with numpy when there are few enough
of them, else ask FAISS with an id selector.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Optional

import faiss
import numpy as np

log = logging.getLogger(__name__)

# Flat search is one (n x 384) matrix-vector product: measured 18 ms p50 / 35 ms p95 per
# query at 100k rows on one busy core (evaluation/bench.py), so exact search stays the
# default well past demo sizes; HNSW above this.
EXACT_LIMIT = 200_000
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 128
EXACT_FILTER_LIMIT = 50_000   # score up to this many allowed rows directly


def _faiss_threads() -> int:
    """One OpenMP thread by default: a single query vector gains nothing from a thread
    team, and on 2 shared cores the team spins against other processes (measured flat
    search of one query: 10k rows 16 -> 0.9 ms, 100k rows 60 -> 18 ms).
    MINUTEBOOK_FAISS_THREADS overrides (e.g. to build a large HNSW index faster)."""
    try:
        return max(1, int(os.environ.get("MINUTEBOOK_FAISS_THREADS", "1")))
    except ValueError:
        log.warning("MINUTEBOOK_FAISS_THREADS is not an integer; using 1")
        return 1


faiss.omp_set_num_threads(_faiss_threads())

VECTORS_FILE = "vectors.npy"
FAISS_FILE = "vectors.faiss"


def build_vector_index(directory: Path, vectors: np.ndarray, exact_limit: int = EXACT_LIMIT) -> str:
    """Save `vectors` (n, d, unit rows) and a FAISS index over them; returns the index kind."""
    directory.mkdir(parents=True, exist_ok=True)
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    np.save(directory / VECTORS_FILE, vectors)
    if len(vectors) > exact_limit:
        index = faiss.IndexHNSWFlat(vectors.shape[1], HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        index.add(vectors)
        faiss.write_index(index, str(directory / FAISS_FILE))
        return "hnsw"
    return "flat"    # rebuilt from vectors.npy on load: a flat index is just the matrix


class VectorIndex:
    """An opened vector index of one generation."""

    def __init__(self, directory: Path, expected_rows: int):
        self.vectors = np.load(directory / VECTORS_FILE, mmap_mode="r")
        if self.vectors.shape[0] != expected_rows:
            raise ValueError(f"vector index has {self.vectors.shape[0]} rows, expected {expected_rows}")
        hnsw = directory / FAISS_FILE
        if hnsw.exists():
            self.index = faiss.read_index(str(hnsw))
            self.index.hnsw.efSearch = HNSW_EF_SEARCH
            self.kind = "hnsw"
        else:
            dim = self.vectors.shape[1] if self.vectors.ndim == 2 else 384
            self.index = faiss.IndexFlatIP(dim)
            if len(self.vectors):
                self.index.add(np.ascontiguousarray(self.vectors))
            self.kind = "flat"

    def search(self, query: np.ndarray, limit: int,
               allowed_rows: Optional[np.ndarray] = None) -> list[tuple[int, float]]:
        """(row, cosine similarity) best first, optionally only among `allowed_rows`."""
        n = self.index.ntotal
        if limit <= 0 or n == 0:
            return []
        q = np.ascontiguousarray(query, dtype=np.float32).reshape(1, -1)
        if allowed_rows is not None:
            if len(allowed_rows) == 0:
                return []
            if len(allowed_rows) <= EXACT_FILTER_LIMIT:
                scores = np.asarray(self.vectors[allowed_rows]) @ q[0]
                top = np.argsort(-scores)[:limit]
                return [(int(allowed_rows[i]), float(scores[i])) for i in top]
            params = (faiss.SearchParametersHNSW(sel=faiss.IDSelectorBatch(allowed_rows.astype(np.int64)),
                                                 efSearch=max(HNSW_EF_SEARCH, limit))
                      if self.kind == "hnsw" else
                      faiss.SearchParameters(sel=faiss.IDSelectorBatch(allowed_rows.astype(np.int64))))
            scores, rows = self.index.search(q, min(limit, n), params=params)
        else:
            scores, rows = self.index.search(q, min(limit, n))
        return [(int(r), float(s)) for r, s in zip(rows[0], scores[0]) if r >= 0]
