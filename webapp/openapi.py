"""Hand-written OpenAPI 3 description of the JSON API."""
from __future__ import annotations

from .params import K_DEFAULT, K_MAX, K_MIN, MAX_QUERY_CHARS, MODES

from ingest.models import DOC_TYPES


def _param(name: str, description: str, schema: dict, required: bool = False) -> dict:
    return {"name": name, "in": "query", "required": required, "description": description,
            "schema": schema}


_DATE = {"type": "string", "format": "date", "example": "2019-05-02"}
_Q = _param("q", "Search words or a question.", {"type": "string", "maxLength": MAX_QUERY_CHARS},
            required=True)
_FILTERS = [
    _param("body", "Only papers of this committee / board (substring, case-insensitive).",
           {"type": "string"}),
    _param("from", "Only meetings on or after this date (YYYY-MM-DD).", _DATE),
    _param("to", "Only meetings on or before this date (YYYY-MM-DD).", _DATE),
]
_TYPE = _param("type", "Only this document type.", {"type": "string", "enum": list(DOC_TYPES)})
_MODE = _param("mode", "Ranking: keyword (BM25), vector (embeddings) or hybrid (both fused).",
               {"type": "string", "enum": list(MODES), "default": "hybrid"})
_K = _param("k", "How many passages.", {"type": "integer", "minimum": K_MIN, "maximum": K_MAX,
                                        "default": K_DEFAULT})
_ERRORS = {
    "400": {"description": "A parameter is missing or invalid.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
}
_NOT_FOUND = {"404": {"description": "No document with that id.",
                      "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}}


def _ok(description: str, schema_ref: str) -> dict:
    return {"200": {"description": description, "content": {"application/json": {
        "schema": {"$ref": f"#/components/schemas/{schema_ref}"}}}}}


def openapi_spec() -> dict:
    return {
        "openapi": "3.0.3",
        "info": {"title": "Minutebook API", "version": "1",
                 "description": "Search and cited answers over local-government meeting papers. "
                                "Every quote is verbatim: Document.text[start:end]."},
        "paths": {
            "/api/search": {"get": {
                "summary": "Ranked passages for a query.",
                "parameters": [_Q, _MODE, _K, *_FILTERS, _TYPE],
                "responses": {**_ok("Ranked passages.", "SearchResponse"), **_ERRORS}}},
            "/api/ask": {"get": {
                "summary": "A short cited answer to a question (or an abstention).",
                "parameters": [_Q, *_FILTERS, _TYPE],
                "responses": {**_ok("The answer with citations.", "Answer"), **_ERRORS,
                              "503": {"description": "Answering is not available on this server."}}}},
            "/api/decisions": {"get": {
                "summary": "Decisions (resolutions) in meeting-date order.",
                "parameters": [_param("q", "Words the resolution or item title must contain.",
                                      {"type": "string"}), *_FILTERS],
                "responses": {**_ok("Decisions.", "DecisionList"), **_ERRORS}}},
            "/api/documents": {"get": {
                "summary": "All documents with metadata and counts.",
                "responses": _ok("Documents.", "DocumentList")}},
            "/api/documents/{id}": {"get": {
                "summary": "One document: metadata, full text, pages and chunks.",
                "parameters": [{"name": "id", "in": "path", "required": True,
                                "schema": {"type": "string"}}],
                "responses": {**_ok("The document.", "DocumentDetail"), **_NOT_FOUND}}},
            "/api/health": {"get": {"summary": "Service status and store counts.",
                                    "responses": _ok("Status.", "Health")}},
            "/api/openapi.json": {"get": {"summary": "This description.",
                                          "responses": {"200": {"description": "OpenAPI 3"}}}},
        },
        "components": {"schemas": _SCHEMAS},
    }


_STR_OR_NULL = {"type": "string", "nullable": True}
_DOC_REF = {"type": "object", "properties": {
    "id": {"type": "string"}, "title": {"type": "string"}, "body": _STR_OR_NULL,
    "meeting_date": _STR_OR_NULL, "doc_type": {"type": "string"}, "path": {"type": "string"}}}
_SCHEMAS = {
    "Error": {"type": "object", "required": ["status", "error", "message"], "properties": {
        "status": {"type": "integer"}, "error": {"type": "string"}, "message": {"type": "string"}}},
    "SearchResult": {"type": "object", "properties": {
        "chunk_id": {"type": "string"}, "score": {"type": "number"}, "text": {"type": "string"},
        "highlights": {"type": "array", "description": "[start, end] offsets into text",
                       "items": {"type": "array", "items": {"type": "integer"}}},
        "section": {"type": "string"}, "page_start": {"type": "integer", "nullable": True},
        "page_end": {"type": "integer", "nullable": True}, "kind": {"type": "string"},
        "document": _DOC_REF, "also_in": {"type": "array", "items": {"type": "object"}}}},
    "SearchResponse": {"type": "object", "properties": {
        "query": {"type": "string"}, "mode": {"type": "string"}, "k": {"type": "integer"},
        "filters": {"type": "object"}, "count": {"type": "integer"},
        "results": {"type": "array", "items": {"$ref": "#/components/schemas/SearchResult"}}}},
    "Citation": {"type": "object", "properties": {
        "document_id": {"type": "string"}, "title": {"type": "string"}, "body": _STR_OR_NULL,
        "meeting_date": _STR_OR_NULL, "section": {"type": "string"},
        "page": {"type": "integer", "nullable": True},
        "quote": {"type": "string", "description": "verbatim document text[start:end]"},
        "start": {"type": "integer"}, "end": {"type": "integer"}}},
    "Answer": {"type": "object", "properties": {
        "question": {"type": "string"}, "answer": {"type": "string", "nullable": True},
        "sentence": {"type": "string", "nullable": True}, "abstained": {"type": "boolean"},
        "confidence": {"type": "number"},
        "citations": {"type": "array", "items": {"$ref": "#/components/schemas/Citation"}},
        "passages": {"type": "array", "items": {"$ref": "#/components/schemas/SearchResult"}},
        "filters": {"type": "object"}}},
    "Decision": {"type": "object", "properties": {
        "id": {"type": "string"}, "document_id": {"type": "string"}, "body": _STR_OR_NULL,
        "meeting_date": _STR_OR_NULL, "item": _STR_OR_NULL, "title": _STR_OR_NULL,
        "text": {"type": "string"}, "start": {"type": "integer"}, "end": {"type": "integer"},
        "page": {"type": "integer", "nullable": True}, "url": {"type": "string"}}},
    "DecisionList": {"type": "object", "properties": {
        "count": {"type": "integer"},
        "decisions": {"type": "array", "items": {"$ref": "#/components/schemas/Decision"}}}},
    "DocumentList": {"type": "object", "properties": {
        "count": {"type": "integer"}, "documents": {"type": "array", "items": {"type": "object"}}}},
    "DocumentDetail": {"type": "object", "properties": {
        "id": {"type": "string"}, "title": {"type": "string"}, "text": {"type": "string"},
        "pages": {"type": "array", "items": {"type": "object"}},
        "chunks": {"type": "array", "items": {"type": "object"}},
        "duplicates": {"type": "array", "items": {"type": "object"}}}},
    "Health": {"type": "object", "properties": {
        "status": {"type": "string"}, "retriever": {"type": "string"},
        "answerer": {"type": "boolean"}, "documents": {"type": "integer"},
        "chunks": {"type": "integer"}}},
}
