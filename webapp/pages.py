"""Server-rendered pages: search and answers, documents, decisions."""
from __future__ import annotations

import mimetypes
from pathlib import Path

from flask import Blueprint, abort, current_app, render_template, request, send_file

from ingest.models import DOC_TYPES

from .params import MODES, ParamError, looks_like_question, parse_filters, parse_query, parse_search
from .services import ServiceUnavailable
from .views import (body_options, decision_rows, decorate_answer, decorate_results,
                    document_or_none, document_page_data, parse_quote)

pages = Blueprint("pages", __name__)
ORIGINAL_TYPES = {".pdf": "application/pdf", ".txt": "text/plain; charset=utf-8",
                  ".md": "text/plain; charset=utf-8"}


def _services():
    return current_app.extensions["minutebook"]


TWIN_KEYS = ("q", "mode", "k", "body", "from", "to", "type")


def _twin_args(args) -> dict:
    """The query parameters a page's JSON twin understands (nothing else is passed on)."""
    return {key: args[key] for key in TWIN_KEYS if args.get(key)}


def _form_context(store, args) -> dict:
    return {"modes": MODES, "doc_types": DOC_TYPES, "bodies": body_options(store), "args": args,
            "twin_args": _twin_args(args)}


@pages.get("/")
def home():
    services = _services()
    args = request.args
    context = _form_context(services.store, args)
    try:
        params = parse_search(args, required=False)
    except ParamError as exc:
        return render_template("home.html", error=str(exc), **context), 400
    answer = answer_error = None
    results: list[dict] = []
    if params.q:
        if looks_like_question(params.q):
            try:
                answer = decorate_answer(services.ask(params.q, params.filters))
            except ServiceUnavailable as exc:
                answer_error = str(exc)
        results = decorate_results(services.store, services.search(params), params.q)
    return render_template("home.html", params=params, answer=answer,
                           answer_error=answer_error, results=results, **context)


@pages.get("/documents")
def documents():
    store = _services().store
    return render_template("documents.html", documents=store.documents())


@pages.get("/documents/<doc_id>")
def document(doc_id: str):
    store = _services().store
    doc = document_or_none(store, doc_id)
    if doc is None:
        abort(404, description=f"There is no document with id {doc_id!r}.")
    quote = parse_quote(request.args, len(doc.text))
    return render_template("document.html", **document_page_data(store, doc, quote))


@pages.get("/documents/<doc_id>/file")
def original_file(doc_id: str):
    """The original file, found by document id only (never a path from the request)."""
    doc = document_or_none(_services().store, doc_id)
    if doc is None:
        abort(404, description=f"There is no document with id {doc_id!r}.")
    path = Path(doc.source_path)
    mimetype = ORIGINAL_TYPES.get(path.suffix.lower())
    if mimetype is None or not path.is_file():
        abort(404, description="The original file of this document is not available.")
    resp = send_file(path, mimetype=mimetype, download_name=path.name, as_attachment=False,
                     max_age=3600)
    resp.headers["X-Minutebook-Original"] = "1"
    return resp


@pages.get("/decisions")
def decisions():
    store = _services().store
    args = request.args
    context = {"bodies": body_options(store), "args": args, "twin_args": _twin_args(args)}
    try:
        q = parse_query(args, required=False)
        filters = parse_filters(args, with_type=False)
    except ParamError as exc:
        return render_template("decisions.html", error=str(exc), rows=[], **context), 400
    rows = decision_rows(store, q or None, filters)
    return render_template("decisions.html", rows=rows, q=q, filters=filters, **context)


@pages.get("/about")
def about():
    return render_template("about.html", health=_services().health())


# mimetypes is consulted by send_file; make sure Markdown originals are not guessed as HTML.
mimetypes.add_type("text/plain", ".md")
