"""Hybrid retrieval: keyword + vector candidates, fused, filtered, deduplicated, highlighted.

Fusion is selectable per retriever (`HybridRetriever(store, index_dir, fusion="norm"|"rrf")`)
and per call (`search(..., fusion="rrf")`). The default was picked by evidence hit@5 / MRR
on the dev sets (see DEFAULT_FUSION).
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Optional

import numpy as np

from .abbreviations import AbbreviationExpander
from .build import ABBREVIATIONS_FILE, CURRENT_FILE, ROWS_FILE, WHOOSH_DIR, read_current, read_manifest
from .dedupe import DuplicateGrouper
from .fusion import FUSION_METHODS, fuse
from .keyword import KeywordIndex, highlight_spans, highlight_terms, parse_query
from .vector import VectorIndex

log = logging.getLogger(__name__)

MODES = ("hybrid", "keyword", "vector")
# Measured on dev.jsonl + kent_dev.jsonl (../shared/corpus ingested, abbreviation expansion
# and passage-window vectors on), evidence hit@5 / MRR dev | kent:
#   keyword alone 0.947 / 0.789 | 0.783 / 0.615;  vector alone 0.605 / 0.475 | 0.609 / 0.436
#   norm 0.85/0.15: 0.947 / 0.810 | 0.826 / 0.648   (chosen)
#   rrf 0.7/0.3 (k=60): 0.895 / 0.692 | 0.783 / 0.549
#   with windows for every chunk over 50 words (INDEX_FORMAT 4), also: norm 0.8/0.2
#   0.947 / 0.797 | 0.826 / 0.624; norm 0.7/0.3 0.921 / 0.732 | 0.826 / 0.606
# MiniLM alone is weak on these papers (hit@1 0.37), so it mostly breaks keyword ties and
# rescues passages that share no words with the question.
DEFAULT_FUSION = "norm"
DEFAULT_WEIGHTS = {"keyword": 0.85, "vector": 0.15}
CANDIDATES = 50          # per side, before fusing
MAX_K = 1000
DOCUMENT_KEYS = ("id", "title", "body", "meeting_date", "doc_type", "path")


def _iso_date(value: Optional[str], name: str) -> Optional[str]:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise ValueError(f"{name} must be a date as YYYY-MM-DD, got {value!r}") from None


@dataclass
class SearchFilters:
    """Restrict results. body: case-insensitive substring of the meeting body;
    date_from/date_to: inclusive ISO dates of the meeting; doc_type: exact (case-insensitive)."""
    body: Optional[str] = None
    date_from: Optional[str] = None
    date_to: Optional[str] = None
    doc_type: Optional[str] = None

    def __post_init__(self) -> None:
        self.date_from = _iso_date(self.date_from, "date_from")
        self.date_to = _iso_date(self.date_to, "date_to")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError(f"date_from {self.date_from} is after date_to {self.date_to}")
        self.body = (self.body or "").strip() or None
        self.doc_type = (self.doc_type or "").strip() or None

    @property
    def active(self) -> bool:
        return any((self.body, self.date_from, self.date_to, self.doc_type))


@dataclass
class SearchResult:
    chunk_id: str
    score: float
    text: str
    highlights: list[list[int]]
    section: str
    page_start: Optional[int]
    page_end: Optional[int]
    kind: str
    document: dict
    also_in: list[dict] = field(default_factory=list)
    start: int = 0                 # span of `text` in the document's stored text
    end: int = 0
    scores: dict = field(default_factory=dict)   # keyword/vector score and rank behind `score`

    def to_dict(self) -> dict:
        return asdict(self)


class Generation:
    """One opened index generation: rows metadata, keyword and vector indexes."""

    def __init__(self, index_dir: Path, name: str):
        self.name = name
        path = index_dir / name
        self.manifest = read_manifest(path)
        rows = json.loads((path / ROWS_FILE).read_text(encoding="utf-8"))
        self.chunk_ids: list[str] = rows["chunk_ids"]
        n = len(self.chunk_ids)
        self.dates = np.array(rows["dates"], dtype=object)
        self.bodies = rows["bodies"]
        self.doc_types = rows["doc_types"]
        self.keyword = KeywordIndex(path / WHOOSH_DIR, n)
        self.vector = VectorIndex(path, n)
        abbreviations = path / ABBREVIATIONS_FILE
        self.abbreviations = AbbreviationExpander(
            json.loads(abbreviations.read_text(encoding="utf-8")) if abbreviations.exists() else {})

    def __len__(self) -> int:
        return len(self.chunk_ids)

    def allowed_rows(self, filters: Optional[SearchFilters]) -> Optional[np.ndarray]:
        """Row numbers passing `filters` (None: no filtering)."""
        if filters is None or not filters.active:
            return None
        mask = np.ones(len(self), dtype=bool)
        if filters.body:
            want = filters.body.casefold()
            ok = {b for b in set(self.bodies) if b and want in b.casefold()}
            mask &= np.fromiter((b in ok for b in self.bodies), dtype=bool, count=len(self))
        if filters.doc_type:
            want = filters.doc_type.casefold()
            mask &= np.fromiter(((t or "").casefold() == want for t in self.doc_types),
                                dtype=bool, count=len(self))
        if filters.date_from or filters.date_to:
            lo, hi = filters.date_from or "0000-00-00", filters.date_to or "9999-99-99"
            mask &= np.fromiter((bool(d) and lo <= d[:10] <= hi for d in self.dates),
                                dtype=bool, count=len(self))
        return np.flatnonzero(mask)

    def close(self) -> None:
        self.keyword.close()


_SYNTAX = re.compile(r'\b(?:text|section|title|body|doc_type|meeting_date):|["()\[\]{}^~*]|\b(?:AND|OR|NOT)\b')


def vector_query_text(query: str) -> str:
    """The query as plain words for the embedder (Whoosh syntax removed)."""
    return re.sub(r"\s+", " ", _SYNTAX.sub(" ", query)).strip()


def keyword_query_text(gen: "Generation", query: str) -> str:
    """A plain query widened with the acronyms of long forms it spells out; a query with
    Whoosh syntax is the user's own and stays as written."""
    if _SYNTAX.search(query):
        return query
    return gen.abbreviations.expand(query)


class HybridRetriever:
    """Search the live index generation of `index_dir`, reloading when CURRENT changes.

    `fusion`: "norm" (min-max normalised weighted sum) or "rrf" (reciprocal rank fusion).
    `store` may be None for `search_ids` (benchmarks); `search` needs it for passages.
    """

    def __init__(self, store, index_dir: str | Path, fusion: str = DEFAULT_FUSION,
                 weights: Optional[dict] = None, candidates: int = CANDIDATES, embedder=None):
        if fusion not in FUSION_METHODS:
            raise ValueError(f"unknown fusion {fusion!r}; use one of {', '.join(FUSION_METHODS)}")
        self.store = store
        self.index_dir = Path(index_dir)
        self.fusion = fusion
        self.weights = dict(DEFAULT_WEIGHTS, **(weights or {}))
        self.candidates = candidates
        self._embedder = embedder
        self._lock = threading.Lock()
        self._gen: Optional[Generation] = None
        self._current_key = None

    # -- generation tracking ------------------------------------------------
    @property
    def embedder(self):
        """The shared sentence embedder (`.embed(texts)`, `.embed_query(text)`)."""
        if self._embedder is None:
            from .embedder import get_embedder
            self._embedder = get_embedder()
        return self._embedder

    def _current(self) -> Optional[Generation]:
        """The live generation; one stat() per call notices a switched CURRENT."""
        try:
            st = os.stat(self.index_dir / CURRENT_FILE)
            key = (st.st_ino, st.st_mtime_ns, st.st_size)
        except OSError:
            key = None
        if key == self._current_key and (key is None or self._gen is not None):
            return self._gen
        with self._lock:
            name = read_current(self.index_dir) if key else None
            if name is None:
                self._gen, self._current_key = None, key
            elif self._gen is None or self._gen.name != name:
                try:
                    self._gen = Generation(self.index_dir, name)
                    log.info("loaded index generation %s (%d chunks)", name, len(self._gen))
                except Exception as exc:  # half-deleted or damaged: keep what we had
                    log.warning("cannot open index generation %s: %s", name, exc)
                    return self._gen
            self._current_key = key
            return self._gen

    @property
    def generation(self) -> Optional[str]:
        gen = self._current()
        return gen.name if gen else None

    # -- searching ------------------------------------------------------------
    def _ranked_rows(self, gen: Generation, query: str, mode: str, filters, fusion: str):
        allowed = gen.allowed_rows(filters)
        keyword, vector = [], []
        if mode in ("keyword", "hybrid"):
            keyword = gen.keyword.search(parse_query(keyword_query_text(gen, query)),
                                         self.candidates, allowed)
        if mode in ("vector", "hybrid"):
            text = vector_query_text(query)
            if text:
                vector = gen.vector.search(self.embedder.embed_query(text), self.candidates, allowed)
        if mode == "keyword":
            fused = keyword
        elif mode == "vector":
            fused = vector
        else:
            fused = fuse(fusion, [keyword, vector], [self.weights["keyword"], self.weights["vector"]])
        details: dict[int, dict] = {}
        for side, ranked in (("keyword", keyword), ("vector", vector)):
            for rank, (row, s) in enumerate(ranked, start=1):
                details.setdefault(row, {})[side] = round(s, 6)
                details[row][f"{side}_rank"] = rank
        return fused, details

    @staticmethod
    def _check(query, mode: str, k: int, fusion: str) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown search mode {mode!r}; use one of {', '.join(MODES)}")
        if fusion not in FUSION_METHODS:
            raise ValueError(f"unknown fusion {fusion!r}; use one of {', '.join(FUSION_METHODS)}")
        if not isinstance(k, int) or k < 1 or k > MAX_K:
            raise ValueError(f"k must be an integer from 1 to {MAX_K}, got {k!r}")
        if query is not None and not isinstance(query, str):
            raise ValueError("query must be a string")

    def search_ids(self, query: str, mode: str = "hybrid", k: int = 10,
                   filters: Optional[SearchFilters] = None,
                   fusion: Optional[str] = None) -> list[tuple[str, float]]:
        """(chunk id, score) best first, without touching the store or deduplicating."""
        fusion = fusion or self.fusion
        self._check(query, mode, k, fusion)
        gen = self._current()
        if gen is None or not (query or "").strip():
            return []
        fused, _ = self._ranked_rows(gen, query, mode, filters, fusion)
        return [(gen.chunk_ids[row], score) for row, score in fused[:k]]

    def search(self, query: str, mode: str = "hybrid", k: int = 10,
               filters: Optional[SearchFilters] = None,
               fusion: Optional[str] = None) -> list[SearchResult]:
        """Top-k passages for `query`. Empty or missing index, or empty query: []."""
        return self.search_pool(query, mode, k, filters, fusion, pool=0)[0]

    def search_pool(self, query: str, mode: str = "hybrid", k: int = 10,
                    filters: Optional[SearchFilters] = None, fusion: Optional[str] = None,
                    pool: int = 30) -> tuple[list[SearchResult], list[tuple[str, float]]]:
        """`search`, plus (chunk id, score) of the top `pool` ranked rows from the same ranking,
        not hydrated: the answerer looks past the shown passages (one long report can fill
        them) without paying for a second search or for hydrating rows nobody sees."""
        fusion = fusion or self.fusion
        self._check(query, mode, k, fusion)
        if self.store is None:
            raise ValueError("HybridRetriever.search needs a store; use search_ids without one")
        if not (query or "").strip():
            return [], []
        results, ranked = [], []
        for _attempt in range(3):
            gen = self._current()
            if gen is None:
                return [], []
            fused, details = self._ranked_rows(gen, query, mode, filters, fusion)
            results, stale = self._hydrate(gen, fused, details, query, k)
            ranked = [(gen.chunk_ids[row], float(score)) for row, score in fused[:pool]]
            # Rows whose chunks were purged, or an empty answer from a generation whose files
            # were just deleted, mean a newer generation is live: search that one.
            if (results and not stale) or self._current() is gen:
                return results, ranked
        return results, ranked

    # -- turning rows into results -----------------------------------------------
    def _hydrate(self, gen: Generation, fused, details, query: str, k: int):
        wanted = fused[:max(3 * k, k + 20)]
        ids = [gen.chunk_ids[row] for row, _ in wanted]
        chunks = self.store.chunks_by_id(ids)
        stale = len(chunks) < len(set(ids))
        docs = self.store.document_meta({c.document_id for c in chunks.values()})
        terms = highlight_terms(parse_query(keyword_query_text(gen, query)))
        grouper = DuplicateGrouper()
        results: list[SearchResult] = []
        for row, score in wanted:
            chunk = chunks.get(gen.chunk_ids[row])
            if chunk is None or chunk.document_id not in docs:
                continue
            document = {key: docs[chunk.document_id].get(key) for key in DOCUMENT_KEYS}
            same = grouper.match(chunk.text, chunk.section)
            if same is not None:
                kept = results[same]
                if document["id"] != kept.document["id"] and \
                        all(d["id"] != document["id"] for d in kept.also_in):
                    kept.also_in.append(document)
                continue
            results.append(SearchResult(
                chunk_id=chunk.id, score=round(float(score), 6), text=chunk.text,
                highlights=[], section=chunk.section,
                page_start=chunk.page_start, page_end=chunk.page_end, kind=chunk.kind,
                document=document, start=chunk.start, end=chunk.end,
                scores=details.get(row, {})))
        results = results[:k]
        for r in results:
            # Only the kept results are highlighted: analysing every candidate was half
            # the hydration time (bench: 10k chunks).
            r.highlights = highlight_spans(r.text, terms)
            for dup in self.store.duplicates_of(r.document["id"]):
                if all(d["id"] != dup["id"] for d in r.also_in):
                    r.also_in.append({key: dup.get(key) for key in DOCUMENT_KEYS})
        return results, stale
