"""PLACEHOLDER (to be replaced): read PDFs with pdfplumber."""
from __future__ import annotations

from pathlib import Path

import pdfplumber

from .models import PageSpan, SourceText
from .textfile import UnreadableSource


def read_pdf(path: Path, sha256: str) -> SourceText:
    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:
        raise UnreadableSource(f"not a readable PDF: {exc}") from exc
    parts, pages, pos = [], [], 0
    with pdf:
        for i, page in enumerate(pdf.pages, 1):
            t = (page.extract_text() or "") + "\n\n"
            pages.append(PageSpan(i, pos, pos + len(t)))
            parts.append(t)
            pos += len(t)
    text = "".join(parts)
    if not text.strip():
        raise UnreadableSource("no text layer (scanned image?)")
    return SourceText(path=str(path), sha256=sha256, text=text, pages=pages, page_count=len(pages))
