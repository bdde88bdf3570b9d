"""The store, retriever and answerer, loaded once per app and shared by request threads.

The real retriever (index/) and answerer (answer/) are used when installed and
the home has an index; otherwise search falls back to a plain scan of the
store so the documents stay searchable, and answering is reported unavailable.
"""
from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass, field
from typing import Any, Optional

from ingest.store import Store
from minutebook.config import Home

from .params import Filters, SearchParams

log = logging.getLogger(__name__)
_WORD = re.compile(r"[a-z0-9£%]+")


class ServiceUnavailable(RuntimeError):
    """A stage the request needs is not installed or not built for this home."""


def _as_dict(obj: Any) -> dict:
    return obj.to_dict() if hasattr(obj, "to_dict") else dict(obj)


class StoreScanRetriever:
    """Fallback search when no index is built: counts query words in live chunks.

    Same result shape as `SearchResult.to_dict()`; slow on big homes, so it is
    only used until `minutebook ingest` has built the indexes.
    """
    name = "store-scan"

    def __init__(self, store: Store):
        self.store = store

    def search(self, query: str, mode: str = "hybrid", k: int = 10,
               filters: Optional[Filters] = None) -> list[dict]:
        terms = {t for t in _WORD.findall(query.lower()) if len(t) > 2}
        if not terms:
            return []
        metas = {d["id"]: d for d in self.store.documents()}
        scored = []
        for chunk in self.store.live_chunks():
            meta = metas.get(chunk.document_id)
            if meta is None or not _meta_passes(meta, filters):
                continue
            words = _WORD.findall(chunk.text.lower())
            hits = sum(1 for w in words if w in terms)
            if hits:
                matched = len(terms & set(words))
                scored.append((matched + hits / (len(words) + 5), chunk, meta))
        scored.sort(key=lambda t: -t[0])
        return [{
            "chunk_id": c.id, "score": round(s, 4), "text": c.text, "highlights": [],
            "section": c.section, "page_start": c.page_start, "page_end": c.page_end,
            "kind": c.kind, "also_in": [],
            "document": {key: m.get(key) for key in
                         ("id", "title", "body", "meeting_date", "doc_type", "path")},
        } for s, c, m in scored[:k]]


def _meta_passes(meta: dict, f: Optional[Filters]) -> bool:
    if f is None:
        return True
    if f.body and f.body.lower() not in (meta.get("body") or "").lower():
        return False
    if f.doc_type and meta.get("doc_type") != f.doc_type:
        return False
    date = meta.get("meeting_date")
    if f.date_from and (not date or date < f.date_from):
        return False
    if f.date_to and (not date or date > f.date_to):
        return False
    return True


@dataclass
class Services:
    home: Home
    store: Store
    retriever: Any
    answerer: Any = None
    notes: list[str] = field(default_factory=list)
    # Model inference is CPU-bound and its thread-safety is not promised by the
    # stages, so retrieval and answering run one at a time; page views do not wait.
    _model_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def retriever_name(self) -> str:
        return getattr(self.retriever, "name", None) or type(self.retriever).__name__

    def _stage_filters(self, filters: Filters) -> Any:
        if not filters.any():
            return None
        if isinstance(self.retriever, StoreScanRetriever):
            return filters
        from index.retriever import SearchFilters  # present whenever the real retriever is
        return SearchFilters(body=filters.body, date_from=filters.date_from,
                             date_to=filters.date_to, doc_type=filters.doc_type)

    def search(self, params: SearchParams) -> list[dict]:
        stage_filters = self._stage_filters(params.filters)
        with self._model_lock:
            results = self.retriever.search(params.q, mode=params.mode, k=params.k,
                                            filters=stage_filters)
        return [_as_dict(r) for r in results]

    def ask(self, question: str, filters: Filters) -> dict:
        if self.answerer is None:
            raise ServiceUnavailable("answering is not available on this server: "
                                     + "; ".join(self.notes or ["no answerer"]))
        stage_filters = self._stage_filters(filters)
        try:
            with self._model_lock:
                answer = self.answerer.ask(question, filters=stage_filters)
        except Exception as exc:
            if type(exc).__name__ != "AnswerError":
                raise
            # the answerer's own "cannot answer here" (e.g. index missing), not a server fault
            raise ServiceUnavailable(str(exc)) from exc
        return _as_dict(answer)

    def health(self) -> dict:
        stats = self.store.stats()
        return {"status": "ok", "home": str(self.home.root), "retriever": self.retriever_name,
                "answerer": self.answerer is not None, "notes": list(self.notes), **stats}


def _warm_up(retriever: Any) -> None:
    """Run one search so the embedding model and indexes load now, not on a user's first query."""
    try:
        retriever.search("meeting minutes", mode="hybrid", k=1)
    except Exception:  # the app still serves documents; the failure shows on real searches
        log.exception("warm-up search failed")


def load_services(home: Home) -> Services:
    """Open the store and load the retriever (embedding model) and answerer once."""
    store = Store(home.db_path)
    notes: list[str] = []
    retriever: Any = None
    try:
        from index.retriever import HybridRetriever
    except ImportError as exc:
        notes.append(f"retriever not installed ({exc.name})")
    else:
        if (home.index_dir / "CURRENT").exists():
            try:
                retriever = HybridRetriever(store, home.index_dir)
            except Exception as exc:  # a broken index must not stop the documents being served
                log.exception("could not open the index in %s", home.index_dir)
                notes.append(f"index could not be opened: {exc}")
        else:
            notes.append("no index built yet (run `minutebook ingest`)")
    if retriever is None:
        retriever = StoreScanRetriever(store)
        log.warning("search falls back to a store scan: %s", "; ".join(notes))
    answerer = None
    if not isinstance(retriever, StoreScanRetriever):
        try:
            from answer.answerer import Answerer
        except ImportError as exc:
            notes.append(f"answerer not installed ({exc.name})")
        else:
            answerer = Answerer(store, retriever)
        _warm_up(retriever)
    return Services(home=home, store=store, retriever=retriever, answerer=answerer, notes=notes)
