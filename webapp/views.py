"""Page data shared by the HTML pages and their JSON twins (no Flask request access here)."""
from __future__ import annotations

from dataclasses import asdict
from typing import Mapping, Optional

from flask import url_for

from ingest.models import Document
from ingest.store import Store, document_as_dict

from .markup import highlight, query_term_spans, render_document
from .params import ParamError


def document_or_none(store: Store, doc_id: str) -> Optional[Document]:
    # Ids are short slugs; anything long cannot be one and is not worth a query.
    if not doc_id or len(doc_id) > 200:
        return None
    return store.document(doc_id)


def quote_url(document_id: str, start: Optional[int], end: Optional[int]) -> str:
    """Link to a document opened at a passage (highlighted and scrolled to)."""
    if start is None or end is None:
        return url_for("pages.document", doc_id=document_id)
    return url_for("pages.document", doc_id=document_id, start=start, end=end, _anchor="quote")


def decorate_results(store: Store, results: list[dict], query: str) -> list[dict]:
    """Add what a page needs to show a passage: escaped+marked HTML and a link to it in place."""
    chunks = store.chunks_by_id([r["chunk_id"] for r in results if r.get("chunk_id")])
    out = []
    for rank, r in enumerate(results, 1):
        text = r.get("text") or ""
        spans = r.get("highlights") or query_term_spans(text, query)
        doc = r.get("document") or {}
        start, end = _passage_span(r, chunks.get(r.get("chunk_id")))
        out.append({**r, "rank": rank, "html": highlight(text, spans),
                    "url": quote_url(doc.get("id", ""), start, end)})
    return out


def _passage_span(result: dict, chunk) -> tuple[Optional[int], Optional[int]]:
    """Where a passage sits in its document: from the result if it says, else its chunk."""
    if isinstance(result.get("start"), int) and isinstance(result.get("end"), int) \
            and result["end"] > result["start"]:
        return result["start"], result["end"]
    return (chunk.start, chunk.end) if chunk is not None else (None, None)


def decorate_answer(answer: dict) -> dict:
    """Number the citations and give each a link to its quote in the document."""
    citations = []
    for n, c in enumerate(answer.get("citations") or [], 1):
        citations.append({**c, "n": n, "url": quote_url(c.get("document_id", ""), c.get("start"),
                                                        c.get("end"))})
    return {**answer, "citations": citations}


def parse_quote(args: Mapping[str, str], text_length: int) -> Optional[tuple[int, int]]:
    raw_start, raw_end = args.get("start"), args.get("end")
    if raw_start is None and raw_end is None:
        return None
    try:
        start, end = int(raw_start or ""), int(raw_end or "")
    except ValueError:
        raise ParamError("parameters 'start' and 'end' must both be whole numbers") from None
    if not 0 <= start < end <= text_length:
        raise ParamError(f"'start' and 'end' must satisfy 0 <= start < end <= {text_length}")
    return start, end


def document_page_data(store: Store, doc: Document, quote: Optional[tuple[int, int]]) -> dict:
    chunks = store.chunks_of(doc.id)
    blocks = render_document(doc.text, doc.pages, chunks, quote)
    sections = []
    seen = set()
    for b in blocks:
        if b.anchor and b.section and b.section not in seen:
            seen.add(b.section)
            sections.append({"title": b.section, "anchor": b.anchor})
    quote_page = doc.page_at(quote[0]) if quote else None
    is_pdf = doc.source_path.lower().endswith(".pdf")
    return {
        "doc": doc, "blocks": blocks, "sections": sections, "quote": quote,
        "quote_text": doc.text[quote[0]:quote[1]] if quote else None,
        "quote_page": quote_page, "is_pdf": is_pdf,
        "file_name": doc.source_path.replace("\\", "/").rsplit("/", 1)[-1],
        "duplicates": store.duplicates_of(doc.id),
        "decisions": [d for d in store.decisions() if d["document_id"] == doc.id],
    }


def document_json(store: Store, doc: Document) -> dict:
    data = document_as_dict(doc, with_text=True)
    data["pages"] = [{"number": p.number, "start": p.start, "end": p.end} for p in doc.pages]
    data["chunks"] = [asdict(c) for c in store.chunks_of(doc.id)]
    data["duplicates"] = store.duplicates_of(doc.id)
    return data


def body_options(store: Store) -> list[str]:
    return sorted({d["body"] for d in store.documents() if d.get("body")})


def decision_rows(store: Store, query: Optional[str], filters) -> list[dict]:
    rows = store.decisions(query=query, body=filters.body, date_from=filters.date_from,
                           date_to=filters.date_to)
    for row in rows:
        row["url"] = quote_url(row["document_id"], row["start"], row["end"])
    return rows

