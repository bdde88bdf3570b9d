"""PLACEHOLDER (to be replaced): split a source into documents and chunk by section."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Optional

from .models import Chunk, Document, SourceText


def split_documents(source: SourceText, sidecar: Optional[dict] = None) -> list[Document]:
    text = source.text
    if not text.strip():
        return []
    sidecar = sidecar or {}
    doc = Document(
        id=source.sha256[:16] + "-0", source_path=source.path, source_sha256=source.sha256,
        part=0, title=sidecar.get("title") or Path(source.path).stem, doc_type=sidecar.get("doc_type", "other"),
        body=sidecar.get("body"), meeting_date=sidecar.get("meeting_date"), text=text,
        text_sha256=hashlib.sha256(text.encode()).hexdigest(), pages=source.pages,
        tables=source.tables, page_count=source.page_count)
    return [doc]


def chunk_by_section(doc: Document) -> list[Chunk]:
    chunks = []
    for i, m in enumerate(re.finditer(r"\S(?:.|\n(?!\n))*", doc.text)):
        chunks.append(Chunk(id=f"{doc.id}:{i}", document_id=doc.id, ordinal=i, kind="section",
                            section="", text=m.group(0), start=m.start(), end=m.end(),
                            page_start=doc.page_at(m.start()), page_end=doc.page_at(m.end() - 1),
                            context=doc.title))
    return chunks
