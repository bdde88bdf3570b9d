"""FAISS inner-product index over normalised chunk embeddings.

A chunk may own several vectors: its own, then one per passage window (index.windows).
Vector i belongs to chunk row `owners[i]`; the first n vectors are the chunks' own, in row
order. A search max-pools: a chunk scores its best vector.

Exact (flat) search up to EXACT_LIMIT vectors, HNSW above it. Filtered
searches score the allowed rows' vectors exactly with numpy when there are few enough
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
OWNERS_FILE = "vector_owners.npy"
FAISS_FILE = "vectors.faiss"
# A window-heavy chunk can fill the top of the vector list with its own windows: fetch
# this many vectors per wanted chunk before max-pooling.
POOL_FACTOR = 4


def build_vector_index(directory: Path, vectors: np.ndarray, exact_limit: int = EXACT_LIMIT,
                       owners: Optional[np.ndarray] = None) -> str:
    """Save `vectors` (m, d, unit rows), the chunk row each belongs to (`owners`, m ints;
    None: vector i is row i) and a FAISS index over them; returns the index kind."""
    directory.mkdir(parents=True, exist_ok=True)
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    if owners is not None:
        owners = np.asarray(owners, dtype=np.int64)
        if owners.shape != (len(vectors),):
            raise ValueError(f"{len(owners)} owners for {len(vectors)} vectors")
        np.save(directory / OWNERS_FILE, owners)
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
        owners_path = directory / OWNERS_FILE
        self.owners = (np.load(owners_path) if owners_path.exists()
                       else np.arange(self.vectors.shape[0], dtype=np.int64))
        self.rows = expected_rows
        if len(self.owners) != self.vectors.shape[0] or \
                (len(self.owners) and (self.owners.max() >= expected_rows or
                                       len(np.unique(self.owners)) != expected_rows)):
            raise ValueError(f"vector index owners do not cover {expected_rows} rows")
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
        """(row, best cosine similarity of its vectors) best first, optionally only among
        `allowed_rows`."""
        n = self.index.ntotal
        if limit <= 0 or n == 0:
            return []
        q = np.ascontiguousarray(query, dtype=np.float32).reshape(1, -1)
        fetch = min(n, limit if n == self.rows else limit * POOL_FACTOR)
        if allowed_rows is not None:
            if len(allowed_rows) == 0:
                return []
            ids = (np.asarray(allowed_rows, dtype=np.int64) if n == self.rows
                   else np.flatnonzero(np.isin(self.owners, allowed_rows)))
            if len(ids) <= EXACT_FILTER_LIMIT:
                scores = np.asarray(self.vectors[ids]) @ q[0]
                top = np.argsort(-scores)[:fetch]
                return self._pool(ids[top], scores[top], limit)
            params = (faiss.SearchParametersHNSW(sel=faiss.IDSelectorBatch(ids),
                                                 efSearch=max(HNSW_EF_SEARCH, fetch))
                      if self.kind == "hnsw" else
                      faiss.SearchParameters(sel=faiss.IDSelectorBatch(ids)))
            scores, found = self.index.search(q, fetch, params=params)
        else:
            scores, found = self.index.search(q, fetch)
        keep = found[0] >= 0
        return self._pool(found[0][keep], scores[0][keep], limit)

    def _pool(self, vector_ids: np.ndarray, scores: np.ndarray, limit: int) -> list[tuple[int, float]]:
        """Best-first vector hits -> best-first chunk rows, each at its best vector's score."""
        out: list[tuple[int, float]] = []
        seen: set[int] = set()
        for vid, score in zip(vector_ids.tolist(), scores.tolist()):
            row = int(self.owners[vid])
            if row not in seen:
                seen.add(row)
                out.append((row, float(score)))
                if len(out) == limit:
                    break
        return out
