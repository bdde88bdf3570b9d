"""The store, retriever and answerer, loaded once per app and shared by request threads.

A home with no index yet still serves its documents and decisions; search then
answers with no results and /api/health says to run `minutebook ingest`.
"""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import Any

from answer.answerer import Answerer, AnswerError
from index.retriever import HybridRetriever, SearchFilters
from ingest.store import Store
from minutebook.config import Home

from .params import Filters, SearchParams

log = logging.getLogger(__name__)


class ServiceUnavailable(RuntimeError):
    """A stage the request needs is not installed or not built for this home."""


def _as_dict(obj: Any) -> dict:
    return obj.to_dict() if hasattr(obj, "to_dict") else dict(obj)


@dataclass
class Services:
    home: Home
    store: Store
    retriever: HybridRetriever
    answerer: Answerer
    notes: list[str] = field(default_factory=list)
    # Model inference is CPU-bound and its thread-safety is not promised by the
    # stages, so retrieval and answering run one at a time; page views do not wait.
    _model_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def retriever_name(self) -> str:
        return getattr(self.retriever, "name", None) or type(self.retriever).__name__

    def _stage_filters(self, filters: Filters) -> SearchFilters | None:
        if not filters.any():
            return None
        return SearchFilters(body=filters.body, date_from=filters.date_from,
                             date_to=filters.date_to, doc_type=filters.doc_type)

    def search(self, params: SearchParams) -> list[dict]:
        stage_filters = self._stage_filters(params.filters)
        with self._model_lock:
            results = self.retriever.search(params.q, mode=params.mode, k=params.k,
                                            filters=stage_filters)
        return [_as_dict(r) for r in results]

    def ask(self, question: str, filters: Filters) -> dict:
        stage_filters = self._stage_filters(filters)
        try:
            with self._model_lock:
                answer = self.answerer.ask(question, filters=stage_filters)
        except AnswerError as exc:
            # the answerer's own "cannot answer here" (e.g. index missing), not a server fault
            raise ServiceUnavailable(str(exc)) from exc
        return _as_dict(answer)

    def health(self) -> dict:
        stats = self.store.stats()
        return {"status": "ok", "home": str(self.home.root), "retriever": self.retriever_name,
                "answerer": self.answerer is not None, "notes": list(self.notes), **stats}


def _warm_up(answerer: Answerer) -> None:
    """Answer one question now, so the embedding model, the indexes and the answerer's
    sentence index load at start-up rather than on a user's first question."""
    try:
        answerer.ask("What was agreed at the meeting?")
    except Exception:  # the app still serves documents; the failure shows on real searches
        log.exception("warm-up question failed")


def load_services(home: Home) -> Services:
    """Open the store and load the retriever (embedding model) and answerer once."""
    store = Store(home.db_path)
    notes: list[str] = []
    if not (home.index_dir / "CURRENT").exists():
        notes.append("no index built yet (run `minutebook ingest`)")
    retriever = HybridRetriever(store, home.index_dir)
    answerer = Answerer(store, retriever)
    if not notes:
        _warm_up(answerer)
    return Services(home=home, store=store, retriever=retriever, answerer=answerer, notes=notes)
