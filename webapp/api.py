"""JSON API: the same data as the pages, for scripts and other tools."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, jsonify, request

from .openapi import openapi_spec
from .params import parse_filters, parse_query, parse_search
from .views import decision_rows, document_json, document_or_none

api = Blueprint("api", __name__)


def _services():
    return current_app.extensions["minutebook"]


@api.get("/search")
def search():
    params = parse_search(request.args, required=True)
    results = _services().search(params)
    return jsonify({"query": params.q, "mode": params.mode, "k": params.k,
                    "filters": params.filters.to_dict(), "count": len(results),
                    "results": results})


@api.get("/ask")
def ask():
    params = parse_search(request.args, required=True)
    answer = _services().ask(params.q, params.filters)
    return jsonify({**answer, "filters": params.filters.to_dict()})


@api.get("/decisions")
def decisions():
    q = parse_query(request.args, required=False)
    filters = parse_filters(request.args, with_type=False)
    rows = decision_rows(_services().store, q or None, filters)
    return jsonify({"query": q or None, "filters": filters.to_dict(), "count": len(rows),
                    "decisions": rows})


@api.get("/documents")
def documents():
    docs = _services().store.documents()
    return jsonify({"count": len(docs), "documents": docs})


@api.get("/documents/<doc_id>")
def document(doc_id: str):
    store = _services().store
    doc = document_or_none(store, doc_id)
    if doc is None:
        abort(404, description=f"There is no document with id {doc_id!r}.")
    return jsonify(document_json(store, doc))


@api.get("/health")
def health():
    return jsonify(_services().health())


@api.get("/openapi.json")
def openapi():
    return jsonify(openapi_spec())
