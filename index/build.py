"""Building index generations and switching them in atomically.

Layout of `index_dir`:
    gen-<n>/whoosh/        keyword index (docnum == row)
    gen-<n>/bm25/          sparse BM25F weights of the plain-terms keyword path (index/sparse.py)
    gen-<n>/vectors.npy    normalised embeddings: each chunk's, then its passage windows'
                           (+ vector_owners.npy: vector -> row; + vectors.faiss when HNSW)
    gen-<n>/abbreviations.json  acronyms the papers define, for query expansion
    gen-<n>/rows.json      row -> chunk id, document id, body, meeting date, doc type
    gen-<n>/manifest.json  written last: a generation without it is incomplete
    CURRENT                name of the live generation, replaced with os.replace

A crash mid-build leaves CURRENT on the old generation; the next update rebuilds.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import re
import shutil
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional

import numpy as np

from .abbreviations import find_abbreviations
from .keyword import SPARSE_DIR, KeywordDoc, build_keyword_index
from .vector import EXACT_LIMIT, build_vector_index
from .windows import passage_windows

log = logging.getLogger(__name__)

INDEX_FORMAT = 5          # bump when the layout or indexed fields change: forces a rebuild
                          # (3: sparse BM25F weights in bm25/; 4: window vectors, abbreviations;
                          # 5: no windows for chunks of up to 80 words)
CURRENT_FILE = "CURRENT"
MANIFEST_FILE = "manifest.json"
ROWS_FILE = "rows.json"
ABBREVIATIONS_FILE = "abbreviations.json"
WHOOSH_DIR = "whoosh"
_GEN_NAME = re.compile(r"^gen-(\d+)$")


@dataclass
class IndexRecord:
    """What the indexes hold for one chunk (store-free, so benchmarks can build indexes)."""
    chunk_id: str
    text: str
    section: str = ""
    title: str = ""
    context: str = ""
    document_id: str = ""
    body: str = ""
    meeting_date: str = ""
    doc_type: str = ""

    def embed_text(self) -> str:
        return self._with_context(self.text)

    def window_embed_texts(self) -> list[str]:
        """One embedding text per passage window of a long chunk ([] for a short one)."""
        return [self._with_context(w) for w in passage_windows(self.text)]

    def _with_context(self, text: str) -> str:
        return "\n".join(p for p in (self.context or self.title, self.section, text) if p)

    def fingerprint_line(self) -> str:
        text_hash = hashlib.sha256(self.text.encode("utf-8")).hexdigest()
        return "\x1f".join((self.chunk_id, text_hash, self.section, self.title, self.context,
                            self.document_id, self.body, self.meeting_date, self.doc_type))


def records_from_store(store) -> list[IndexRecord]:
    chunks = list(store.live_chunks())
    meta = store.document_meta(c.document_id for c in chunks)
    out = []
    for c in chunks:
        d = meta.get(c.document_id, {})
        out.append(IndexRecord(
            chunk_id=c.id, text=c.text, section=c.section or "", title=d.get("title") or "",
            context=c.context or "", document_id=c.document_id, body=d.get("body") or "",
            meeting_date=d.get("meeting_date") or "", doc_type=d.get("doc_type") or ""))
    return out


def fingerprint(records: Iterable[IndexRecord]) -> str:
    h = hashlib.sha256(f"format={INDEX_FORMAT}\n".encode())
    for r in records:
        h.update(r.fingerprint_line().encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


# -- generations ----------------------------------------------------------------

def read_current(index_dir: Path) -> Optional[str]:
    """Name of the live generation, or None when there is no (complete) index."""
    try:
        name = (Path(index_dir) / CURRENT_FILE).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    if not _GEN_NAME.match(name) or not (Path(index_dir) / name / MANIFEST_FILE).exists():
        return None
    return name


def read_manifest(gen_dir: Path) -> dict:
    return json.loads((gen_dir / MANIFEST_FILE).read_text(encoding="utf-8"))


def _generation_numbers(index_dir: Path) -> list[int]:
    nums = []
    for p in index_dir.iterdir() if index_dir.exists() else []:
        m = _GEN_NAME.match(p.name)
        if m and p.is_dir():
            nums.append(int(m.group(1)))
    return sorted(nums)


@contextmanager
def _build_lock(index_dir: Path) -> Iterator[None]:
    """One builder per index dir at a time (across processes)."""
    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir / ".build.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def embed_records(records: list[IndexRecord], embedder, progress: bool = False
                  ) -> tuple[np.ndarray, np.ndarray]:
    """Vectors for every chunk, then for every passage window, and each vector's owner row."""
    texts = [r.embed_text() for r in records]
    owners = list(range(len(records)))
    for row, r in enumerate(records):
        windows = r.window_embed_texts()
        texts.extend(windows)
        owners.extend([row] * len(windows))
    return embedder.embed(texts, progress=progress), np.asarray(owners, dtype=np.int64)


def write_generation(gen_dir: Path, records: list[IndexRecord], vectors: np.ndarray,
                     fp: str, exact_limit: int = EXACT_LIMIT,
                     owners: Optional[np.ndarray] = None) -> dict:
    """Write every file of a generation; the manifest goes last.

    `owners`: the chunk row of each vector when there are more vectors than records."""
    if owners is None and len(vectors) != len(records):
        raise ValueError(f"{len(vectors)} vectors for {len(records)} records")
    gen_dir.mkdir(parents=True, exist_ok=False)
    build_keyword_index(gen_dir / WHOOSH_DIR, (
        KeywordDoc(row=i, chunk_id=r.chunk_id, text=r.text, section=r.section,
                   title=r.title,
                   body=r.body, doc_type=r.doc_type, meeting_date=r.meeting_date)
        for i, r in enumerate(records)), sparse_dir=gen_dir / SPARSE_DIR)
    kind = build_vector_index(gen_dir, vectors, exact_limit=exact_limit, owners=owners)
    (gen_dir / ABBREVIATIONS_FILE).write_text(
        json.dumps(find_abbreviations(r.text for r in records)), encoding="utf-8")
    rows = {"chunk_ids": [r.chunk_id for r in records],
            "document_ids": [r.document_id for r in records],
            "bodies": [r.body for r in records],
            "dates": [r.meeting_date for r in records],
            "doc_types": [r.doc_type for r in records]}
    (gen_dir / ROWS_FILE).write_text(json.dumps(rows), encoding="utf-8")
    manifest = {"format": INDEX_FORMAT, "fingerprint": fp, "rows": len(records),
                "vectors": len(vectors), "vector_index": kind, "created": time.strftime("%Y-%m-%dT%H:%M:%S")}
    tmp = gen_dir / (MANIFEST_FILE + ".tmp")
    tmp.write_text(json.dumps(manifest), encoding="utf-8")
    os.replace(tmp, gen_dir / MANIFEST_FILE)
    return manifest


def switch_current(index_dir: Path, gen_name: str) -> None:
    tmp = index_dir / f"{CURRENT_FILE}.{os.getpid()}.tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(gen_name + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, index_dir / CURRENT_FILE)


def remove_old_generations(index_dir: Path, live: str, previous: Optional[str]) -> None:
    """Delete generations other than the live one and the one before it (readers may hold it)."""
    keep = {live, previous}
    for n in _generation_numbers(index_dir):
        name = f"gen-{n}"
        if name not in keep:
            shutil.rmtree(index_dir / name, ignore_errors=True)


def build_generation(records: Iterable[IndexRecord], index_dir: str | Path, *,
                     vectors: Optional[np.ndarray] = None, embedder=None, progress: bool = False,
                     exact_limit: int = EXACT_LIMIT, fp: Optional[str] = None,
                     owners: Optional[np.ndarray] = None) -> dict:
    """Build a generation from records and make it live. Needs no store.

    `vectors` (n, 384, unit rows) skips embedding, e.g. synthetic vectors for a benchmark;
    with `owners` (the chunk row of each vector) they may include passage-window vectors.
    Returns {"generation", "rows", "vector_index", "seconds"}.
    """
    started = time.perf_counter()
    index_dir = Path(index_dir)
    records = list(records)
    with _build_lock(index_dir):
        previous = read_current(index_dir)
        if vectors is None:
            if embedder is None:
                from .embedder import get_embedder
                embedder = get_embedder()
            vectors, owners = embed_records(records, embedder, progress=progress)
        nums = _generation_numbers(index_dir)
        name = f"gen-{(nums[-1] + 1) if nums else 1}"
        try:
            manifest = write_generation(index_dir / name, records, vectors,
                                        fp or fingerprint(records), exact_limit=exact_limit,
                                        owners=owners)
        except BaseException:
            shutil.rmtree(index_dir / name, ignore_errors=True)
            raise
        switch_current(index_dir, name)
        remove_old_generations(index_dir, name, previous)
    return {"generation": name, "rows": manifest["rows"], "vector_index": manifest["vector_index"],
            "seconds": round(time.perf_counter() - started, 3)}


def update_indexes(store, index_dir: str | Path, progress: bool = False) -> dict:
    """Bring the indexes in line with `store.live_chunks()`; a no-op when nothing changed.

    Returns {"changed", "generation", "chunks", "vector_index", "purged", "seconds"}.
    """
    started = time.perf_counter()
    index_dir = Path(index_dir)
    records = records_from_store(store)
    fp = fingerprint(records)
    live = read_current(index_dir)
    if live is not None:
        manifest = read_manifest(index_dir / live)
        if manifest.get("fingerprint") == fp:
            purged = store.purge_retired()
            return {"changed": False, "generation": live, "chunks": manifest["rows"],
                    "vector_index": manifest.get("vector_index"), "purged": purged,
                    "seconds": round(time.perf_counter() - started, 3)}
    built = build_generation(records, index_dir, progress=progress, fp=fp)
    # Only now nothing live points at retired documents, so they can go.
    purged = store.purge_retired()
    log.info("index generation %s: %d chunks (%s), purged %d retired documents",
             built["generation"], built["rows"], built["vector_index"], purged)
    return {"changed": True, "generation": built["generation"], "chunks": built["rows"],
            "vector_index": built["vector_index"], "purged": purged,
            "seconds": round(time.perf_counter() - started, 3)}
