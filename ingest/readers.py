"""Pick a reader by file type. Every reader returns a SourceText or raises UnreadableSource."""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Callable, Optional

from .models import SourceText
from .textfile import UnreadableSource, read_text_file

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
PDF_SUFFIXES = {".pdf"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | PDF_SUFFIXES


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def read_source(path: Path, sha256: str | None = None,
                on_page: Optional[Callable[[], None]] = None) -> SourceText:
    """`on_page` is called as each PDF page is read, for progress bars."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnreadableSource(f"unsupported file type '{suffix or path.name}' "
                               f"(supported: {', '.join(sorted(SUPPORTED_SUFFIXES))})")
    try:
        if not path.is_file():
            raise UnreadableSource("not a file" if path.exists() else "file not found")
        if path.stat().st_size == 0:
            raise UnreadableSource("empty file (0 bytes)")
        sha256 = sha256 or file_sha256(path)
    except OSError as exc:
        raise UnreadableSource(f"cannot read file: {exc.strerror or exc}") from exc
    if suffix in PDF_SUFFIXES:
        from .pdf import read_pdf  # pdfplumber is slow to import; only when needed
        return read_pdf(path, sha256, on_page)
    if suffix in TEXT_SUFFIXES:
        return read_text_file(path, sha256)
    raise UnreadableSource(f"unsupported file type '{suffix}'")


__all__ = ["read_source", "file_sha256", "UnreadableSource", "SUPPORTED_SUFFIXES"]
