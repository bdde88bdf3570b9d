"""Plain data passed between ingestion stages.

Offsets (`start`, `end`) always index into `Document.text`, the stored text of
the document the thing belongs to, so a quote can be cut out verbatim later.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

DOC_TYPES = ("agenda", "minutes", "report", "decision record", "plan", "other")


@dataclass
class PageSpan:
    """Page `number` (1-based, as printed/PDF) covers text[start:end]."""
    number: int
    start: int
    end: int


@dataclass
class TableRow:
    """One table row with its column headers, located in the source text.

    `cells` and `headers` line up; `start`/`end` locate the row's raw text in
    the source (or the containing page when it cannot be found verbatim).
    """
    headers: list[str]
    cells: list[str]
    start: int
    end: int
    page: Optional[int] = None
    caption: str = ""          # table title / group row the row sits under


@dataclass
class SourceText:
    """What a reader (PDF or text) extracts from one file."""
    path: str
    sha256: str                 # hash of the file's bytes
    text: str                   # the whole extracted text, furniture removed
    pages: list[PageSpan] = field(default_factory=list)
    tables: list[TableRow] = field(default_factory=list)
    page_count: Optional[int] = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class Document:
    """One logical document: a whole file, or one part of an agenda pack."""
    id: str                     # stable: derived from source hash + part index
    source_path: str
    source_sha256: str
    part: int                   # 0-based position of this part in the source file
    title: str
    doc_type: str               # one of DOC_TYPES
    body: Optional[str]         # committee / board / council
    meeting_date: Optional[str]  # ISO date of the meeting the content belongs to
    text: str                   # stored text; all offsets index into this
    text_sha256: str            # hash of `text`, to spot the same paper twice
    pages: list[PageSpan] = field(default_factory=list)  # offsets relative to `text`
    tables: list[TableRow] = field(default_factory=list)  # offsets relative to `text`
    source_start: int = 0       # where `text` starts in the SourceText
    page_count: Optional[int] = None
    agenda_item: Optional[str] = None  # agenda line the paper was printed under (packs); not stored

    def page_at(self, offset: int) -> Optional[int]:
        for span in self.pages:
            if span.start <= offset < span.end:
                return span.number
        return self.pages[-1].number if self.pages and offset >= self.pages[-1].end else None


@dataclass
class Chunk:
    """A retrievable passage: a section (or part of one) or one table row."""
    id: str                     # f"{document_id}:{ordinal}"
    document_id: str
    ordinal: int
    kind: str                   # "section" | "table_row"
    section: str                # heading path, " > " joined
    text: str                   # text to show and index (table rows: "Header: cell | ...")
    start: int                  # span of the passage in Document.text
    end: int
    page_start: Optional[int] = None
    page_end: Optional[int] = None
    context: str = ""           # document title / report subject, for embedding and ranking


@dataclass
class Decision:
    id: str                     # f"{document_id}:d{n}"
    document_id: str
    body: Optional[str]
    meeting_date: Optional[str]
    item: Optional[str]         # minute/agenda item number, e.g. "67"
    title: Optional[str]        # item title, e.g. "Stop Smoking Offer in Harrow"
    text: str                   # verbatim resolution text == Document.text[start:end]
    start: int
    end: int
    page: Optional[int] = None
    chunk_id: Optional[str] = None


@dataclass
class Figure:
    id: str                     # f"{document_id}:f{n}"
    document_id: str
    kind: str                   # "money" | "percent" | "count" | "date"
    value: str                  # the figure as printed, e.g. "£680k", "9%"
    sentence: str               # verbatim sentence == Document.text[start:end]
    start: int
    end: int
    page: Optional[int] = None
    chunk_id: Optional[str] = None
