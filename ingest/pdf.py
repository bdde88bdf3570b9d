"""Read meeting-paper PDFs with pdfplumber: page text, tables with headers, furniture removed.

`read_pdf(path, sha256) -> SourceText`:
- page text as pdfplumber's `extract_text()` gives it (kept verbatim so quotes match the
  page), pages joined by a blank line, `pages` mapping 1-based PDF page numbers to offsets;
  stray spaces drawn over a glyph are dropped first, so they do not split words ("A pologies");
- page furniture removed: lines repeated at the top/bottom of most pages (compared with
  digits masked, kept once where first seen), "Page 3 of 43", stand-alone page numbers,
  "This page is intentionally left blank";
- tables found on ruled pages become `TableRow`s with their column headers (carried over
  to continuation pages), located in the text;
- bad input raises `UnreadableSource` with a one-line reason; one bad page is skipped
  with a warning.
"""
from __future__ import annotations

import logging
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

import pdfplumber

from .models import PageSpan, SourceText, TableRow
from .textfile import UnreadableSource

log = logging.getLogger(__name__)

PAGE_SEPARATOR = "\n\n"
EDGE_LINES = 8              # lines at each page edge examined for running headers/footers
MAX_EDGES_FOR_TABLES = 4000  # cost cap: pages drawn with more ruling edges skip table finding
CAPTION_LOOKUP_PT = 40      # how far above a table to look for its title
MAX_HEADER_CELL = 60        # header cells are short; longer cells mean a data row

STANDALONE_PAGE_NUMBER = re.compile(r"^\s*(?:page\s*)?[-–]?\s*\d{1,4}\s*[-–]?\s*$", re.I)
PAGE_X_OF_Y = re.compile(r"\bpage\s+\d{1,4}\s+of\s+\d{1,4}\b", re.I)
BLANK_PAGE_NOTE = re.compile(r"^\s*this page (?:is |has been )?(?:intentionally|deliberately) left blank\.?\s*$",
                             re.I)
NUMERIC_CELL = re.compile(r"^[(\-–+]?\s*[£$€]?\s*[-–+]?\s*\d[\d,]*(?:\.\d+)?\s*(?:%|m|k|bn)?\)?$", re.I)
YEAR_CELL = re.compile(r"^(?:19|20)\d\d$")


@dataclass
class RawTable:
    """One table as pdfplumber extracted it, before headers are worked out."""
    rows: list[list[Optional[str]]]  # cells cleaned; None = covered by a spanning cell
    caption_above: str          # nearest text line above the table on the page


@dataclass
class RawPage:
    number: int                 # 1-based PDF page number
    lines: list[str]            # extract_text() lines, furniture not yet removed
    tables: list[RawTable] = field(default_factory=list)
    image_only: bool = False    # no text but has images: a scanned page


# --------------------------------------------------------------------------- opening

def check_pdf_bytes(path: Path) -> None:
    """Cheap checks on the raw bytes, giving clearer reasons than the parser would."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(1024)
            fh.seek(max(0, size - 2048))
            tail = fh.read()
    except OSError as exc:
        raise UnreadableSource(f"cannot read file: {exc.strerror or exc}") from exc
    if size == 0:
        raise UnreadableSource("empty file (0 bytes)")
    if b"%PDF-" not in head:
        raise UnreadableSource("not a valid PDF (no %PDF header)")
    if b"%%EOF" not in tail:
        # A cut-off download: the parser may recover a few pages, but silently losing the rest is worse.
        raise UnreadableSource("damaged or truncated PDF (no end-of-file marker)")


def describe_open_error(exc: Exception) -> str:
    """One-line reason for a pdfminer/pdfplumber failure to open a file."""
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
    name = type(inner).__name__
    if name in ("PDFPasswordIncorrect", "PDFEncryptionError", "PDFEncryptionWarning"):
        return "encrypted PDF (password required)"
    if "encrypt" in name.lower() or "password" in str(inner).lower():
        return "encrypted PDF (password required)"
    if name in ("PSEOF",) or "EOF" in str(inner):
        return "damaged or truncated PDF (unexpected end of file)"
    return f"damaged or truncated PDF ({name}: {str(inner)[:80] or 'cannot parse'})"


# --------------------------------------------------------------------------- per page

def clean_cell(cell: Optional[str]) -> Optional[str]:
    """Multi-line cells joined with spaces; None (a position a spanning cell covers) kept."""
    return " ".join(cell.split()) if cell is not None else None


def caption_above(page, top: float) -> str:
    """Last text line within CAPTION_LOOKUP_PT points above `top` (a table's top edge)."""
    if top <= 1:
        return ""
    try:
        strip = page.crop((0, max(0.0, top - CAPTION_LOOKUP_PT), page.width, top), strict=False)
        lines = [ln.strip() for ln in (strip.extract_text() or "").split("\n") if ln.strip()]
    except Exception:  # a caption is a nicety; never fail the page over it
        return ""
    return lines[-1] if lines else ""


def find_tables(page) -> list[RawTable]:
    """Tables on ruled pages (pdfplumber's lines strategy, ruling lines and cell rectangles).

    Pages without ruling edges are skipped: the lines strategy finds nothing there, and the
    text strategy invents tables out of ordinary prose.
    """
    edges = len(page.edges)
    if edges < 4:
        return []
    if edges > MAX_EDGES_FOR_TABLES:
        log.debug("page %s: %d edges, table finding skipped", page.page_number, edges)
        return []
    found: list[RawTable] = []
    row_lines: set[str] = set()   # rows of tables already found: not a caption for the next
    for table in page.find_tables():
        raw_rows = table.extract()
        if has_collapsed_rows(raw_rows):
            # Only the header is ruled: every data row fell into one cell per column.
            log.debug("page %s: table with collapsed rows skipped", page.page_number)
            continue
        rows = [[clean_cell(c) for c in row] for row in raw_rows]
        if not is_real_table(rows):
            continue
        caption = caption_above(page, table.bbox[1])
        found.append(RawTable(rows=rows, caption_above="" if caption in row_lines else caption))
        row_lines.update(" ".join(filter(None, row)) for row in rows)
    return found


COLLAPSED_NUMBER_LINES = 4   # a cell holding this many lines of bare numbers is a whole column


def has_collapsed_rows(rows: list[list[Optional[str]]]) -> bool:
    """A cell with several lines that are each just numbers: many rows squashed into one."""
    for row in rows:
        for cell in row:
            if cell and cell.count("\n") >= COLLAPSED_NUMBER_LINES:
                numeric = sum(all(is_numeric_cell(tok) for tok in ln.split()) and bool(ln.split())
                              for ln in cell.split("\n"))
                if numeric >= COLLAPSED_NUMBER_LINES:
                    return True
    return False


def is_real_table(rows: list[list[Optional[str]]]) -> bool:
    """At least one row with two filled cells: rules out boxes, frames and one-column lists."""
    return any(sum(1 for c in row if c) >= 2 for row in rows)


def overlaps(a: dict, b: dict, axis: tuple[str, str]) -> float:
    lo, hi = axis
    return min(a[hi], b[hi]) - max(a[lo], b[lo])


def hidden_spaces(chars: list[dict]) -> set[int]:
    """ids of stray space characters drawn over a visible glyph on the same line.

    Some PDF writers (Word's export of bold headings, tables) emit spaces out of reading
    order on top of a word's letters; pdfplumber orders characters by x, so the space lands
    inside the word: "A pologies", "Gra de". Such a space hides no gap on the page;
    dropping it leaves the word to be split by the real gaps between glyphs only.
    A space that follows on from the character before it in the content stream is real
    even when the next word is drawn over it ("1.1 On" with a hanging indent): kept.
    """
    grid: dict[tuple[int, int], list[dict]] = {}
    for c in chars:
        if c["text"].strip():
            grid.setdefault((int(c["top"] // 10), int(c["x0"] // 20)), []).append(c)
    hidden: set[int] = set()
    previous: Optional[dict] = None
    for c in chars:
        if not c["text"].strip() and is_stray(c, previous) and covered(c, grid):
            hidden.add(id(c))
        else:
            previous = c
    return hidden


def is_stray(space: dict, previous: Optional[dict]) -> bool:
    """Not placed straight after the character before it in the content stream."""
    return (previous is None or abs(previous["x1"] - space["x0"]) > 0.5
            or overlaps(space, previous, ("top", "bottom")) <= 0)


def covered(space: dict, grid: dict[tuple[int, int], list[dict]]) -> bool:
    """More than half of the space lies under a visible glyph of the same line."""
    width = space["x1"] - space["x0"]
    if width <= 0:
        return False
    row, col = int(space["top"] // 10), int(space["x0"] // 20)
    for key in ((r, k) for r in (row - 1, row, row + 1) for k in (col - 1, col, col + 1)):
        for g in grid.get(key, ()):
            height = min(space["bottom"] - space["top"], g["bottom"] - g["top"])
            if (overlaps(space, g, ("x0", "x1")) > width / 2
                    and overlaps(space, g, ("top", "bottom")) > height / 2):
                return True
    return False


def without_hidden_spaces(page):
    hidden = hidden_spaces(page.chars)
    if not hidden:
        return page
    return page.filter(lambda obj: id(obj) not in hidden)


def read_page(page) -> RawPage:
    page = without_hidden_spaces(page)
    text = page.extract_text() or ""
    raw = RawPage(number=page.page_number, lines=text.split("\n") if text.strip() else [])
    if not raw.lines:
        raw.image_only = bool(page.images)
        return raw
    raw.tables = find_tables(page)
    return raw


def read_pages(pdf, warnings: list[str], on_page: Optional[Callable[[], None]] = None) -> list[RawPage]:
    pages: list[RawPage] = []
    for page in pdf.pages:
        try:
            pages.append(read_page(page))
        except Exception as exc:  # one broken page must not lose the whole document
            log.debug("page %s failed", page.page_number, exc_info=True)
            warnings.append(f"page {page.page_number} could not be read "
                            f"({type(exc).__name__}); skipped")
            pages.append(RawPage(number=page.page_number, lines=[]))
        finally:
            page.close()  # drop pdfplumber's per-page object cache: memory stays flat
            if on_page:
                on_page()
    return pages


# --------------------------------------------------------------------------- furniture

def furniture_key(line: str) -> str:
    """Lines compared with digits masked and whitespace/case folded: "Page 3" == "Page 4"."""
    return re.sub(r"\d+", "#", " ".join(line.split()).lower())


def edge_lines(lines: list[str], from_top: bool) -> list[str]:
    filled = [ln for ln in lines if ln.strip()]
    return filled[:EDGE_LINES] if from_top else filled[-EDGE_LINES:]


def repeated_edge_keys(pages: list[RawPage], from_top: bool) -> set[str]:
    """Keys of lines found near the top (or bottom) of at least half the pages with text."""
    with_text = [p for p in pages if p.lines]
    if len(with_text) < 2:
        return set()
    threshold = max(2, math.ceil(len(with_text) / 2))
    counts: Counter[str] = Counter()
    for p in with_text:
        counts.update({furniture_key(ln) for ln in edge_lines(p.lines, from_top)})
    return {key for key, n in counts.items() if n >= threshold and key.strip()}


def is_always_furniture(line: str) -> bool:
    """Page numbers and "Page 3 of 43" at a page edge are never content."""
    return bool(STANDALONE_PAGE_NUMBER.match(line) or PAGE_X_OF_Y.search(line))


def first_pages(pages: list[RawPage], keys: set[str], from_top: bool) -> dict[str, int]:
    """For each repeated key, the first page whose edge shows it."""
    first: dict[str, int] = {}
    for p in pages:
        for line in edge_lines(p.lines, from_top):
            key = furniture_key(line)
            if key in keys:
                first.setdefault(key, p.number)
    return first


def numbered_keys(pages: list[RawPage], keys: set[str], from_top: bool) -> set[str]:
    """Repeated keys whose printed lines differ only in digits ("January 17, 2023 1", "... 2").

    A running line that carries the page number is furniture even on its first page.
    """
    printed: dict[str, set[str]] = {}
    for p in pages:
        for line in edge_lines(p.lines, from_top):
            key = furniture_key(line)
            if key in keys and "#" in key:
                printed.setdefault(key, set()).add(" ".join(line.split()))
    return {key for key, lines in printed.items() if len(lines) > 1}


@dataclass
class EdgeFurniture:
    """Running lines at one page edge: where each was first seen, which carry page numbers."""
    first_page: dict[str, int]
    numbered: set[str]


def edge_furniture(pages: list[RawPage], from_top: bool) -> EdgeFurniture:
    keys = repeated_edge_keys(pages, from_top)
    return EdgeFurniture(first_pages(pages, keys, from_top), numbered_keys(pages, keys, from_top))


def strip_furniture(pages: list[RawPage]) -> list[list[str]]:
    """Each page's lines with running headers/footers peeled off its edges.

    A repeated line is kept on the first page it appears on (a document's title is often
    its running header, a table's header row repeats on each page) and removed from
    every later page - unless it belongs to a running block that carries a page number
    ("Regular Meeting / Alameda City Council / January 17, 2023 1", or "Regular Meeting /
    1 / Alameda City Council / January 18, 2005"): that block is
    furniture on every page, and left in place it would cut through the page's prose.
    """
    top = edge_furniture(pages, from_top=True)
    bottom = edge_furniture(pages, from_top=False)
    kept_pages = []
    for p in pages:
        lines = [ln for ln in p.lines if not BLANK_PAGE_NOTE.match(ln)]
        lines = peel(lines, top, p.number, from_top=True)
        lines = peel(lines, bottom, p.number, from_top=False)
        kept_pages.append(lines)
    return kept_pages


def peel(lines: list[str], furniture: EdgeFurniture, page_number: int, from_top: bool) -> list[str]:
    """Drop furniture lines from one edge of a page until the first line that is content.

    The edge block is the run of blank, page-number and running lines at that edge. If it
    holds a page number anywhere, all of it goes; otherwise a running line stays on the
    first page it was seen on.
    """
    ordered = lines if from_top else lines[::-1]
    block = 0
    while block < len(ordered) and (not ordered[block].strip() or is_always_furniture(ordered[block])
                                    or furniture_key(ordered[block]) in furniture.first_page):
        block += 1
    numbered = any(ordered[k].strip() and (is_always_furniture(ordered[k])
                                            or furniture_key(ordered[k]) in furniture.numbered)
                   for k in range(block))
    drop = 0
    while drop < block:
        line = ordered[drop]
        first = furniture.first_page.get(furniture_key(line))
        if numbered or not line.strip() or is_always_furniture(line) or (first is not None and first < page_number):
            drop += 1
        else:
            break
    kept = ordered[drop:]
    return list(kept) if from_top else kept[::-1]


# --------------------------------------------------------------------------- tables

def is_numeric_cell(cell: str) -> bool:
    return bool(NUMERIC_CELL.match(cell)) and not YEAR_CELL.match(cell)


def filled_cells(row: list[Optional[str]]) -> list[str]:
    return [c for c in row if c]


def is_header_row(row: list[str]) -> bool:
    cells = filled_cells(row)
    return (len(cells) >= 2 and not any(is_numeric_cell(c) for c in cells)
            and all(len(c) <= MAX_HEADER_CELL for c in cells))


def is_header_continuation(row: list[str]) -> bool:
    """A second header line: "Year 1", "£000s", "£m" under the column names."""
    cells = filled_cells(row)
    return (bool(cells) and not row[0]
            and all(len(c) <= 20 and not is_numeric_cell(c) for c in cells))


def is_group_row(row: list[Optional[str]]) -> bool:
    """A title or group row ("Significant Risks (over £10m)"): one filled cell in a wide row."""
    return len(row) >= 3 and len(filled_cells(row)) == 1


@dataclass
class TableLayout:
    titles: list[str]           # spanning rows above the header
    headers: Optional[list[str]]
    body: list[list[Optional[str]]]


def split_table(rows: list[list[Optional[str]]]) -> TableLayout:
    i, titles = 0, []
    while i < len(rows) and len(filled_cells(rows[i])) <= 1:
        titles += filled_cells(rows[i])
        i += 1
    headers = None
    if i < len(rows) and is_header_row(rows[i]):
        headers = [c or "" for c in rows[i]]
        i += 1
        while i < len(rows) and is_header_continuation(rows[i]):
            headers = [" ".join(filter(None, (h, c))) for h, c in zip(headers, rows[i])]
            i += 1
    return TableLayout(titles=titles, headers=headers, body=rows[i:])


def word_pattern(fragment: str, gap: str) -> Optional[re.Pattern]:
    words = fragment.split()
    return re.compile(gap.join(map(re.escape, words))) if words else None


def find_fragment(text: str, fragment: str, start: int, end: int) -> Optional[re.Match]:
    """`fragment` in text[start:end], tolerant of spacing differences between extractors."""
    for gap in (r"\s+", r"\s*"):
        pattern = word_pattern(fragment, gap)
        if pattern is None:
            return None
        m = pattern.search(text, start, end)
        if m:
            return m
    return None


def line_end(text: str, pos: int, limit: int) -> int:
    nl = text.find("\n", pos)
    return limit if nl == -1 or nl > limit else nl


def locate_row(text: str, cells: list[str], cursor: int, page_start: int,
               page_end: int) -> tuple[int, int, int]:
    """(start, end, next cursor) of a row in the page's text; the page span if not found.

    The row starts where its first filled cell's first words are; it ends at the end of
    the line holding the furthest of its cells' first words (cells can wrap over lines).
    """
    filled = [c for c in cells if c]
    first = None
    for words in (6, 3, 1):  # a wrapped cell only matches the text by its first words
        prefix = filled[0].split()[:words]
        if words == 1 and len(prefix[0]) < 4:
            break  # one short word would match anywhere
        first = find_fragment(text, " ".join(prefix), cursor, page_end)
        if first is not None:
            break
    if first is None:
        return page_start, page_end, cursor
    start = first.start()
    end = line_end(text, first.end(), page_end)
    window = min(page_end, start + 3000)
    for cell in filled[1:]:
        m = find_fragment(text, " ".join(cell.split()[:6]), start, window)
        if m:
            end = max(end, line_end(text, m.end(), page_end))
    return start, end, line_end(text, first.end(), page_end)


@dataclass
class TableState:
    """What carries over between pages: a continued table keeps its headers and caption."""
    headers: Optional[list[str]] = None
    caption: str = ""
    page: int = 0
    captions: dict[tuple[str, ...], str] = field(default_factory=dict)  # by header set
    emitted: set[tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=set)


def table_headers_and_caption(layout: TableLayout, table: RawTable, page_number: int,
                              state: TableState) -> tuple[list[str], str]:
    """Headers found on this page, else those of a same-width table just before it."""
    ncols = len(table.rows[0])
    title = layout.titles[-1] if layout.titles else ""
    if layout.headers is not None:
        # A header row seen before is the same table repeating its header on a new page.
        caption = title or state.captions.get(tuple(layout.headers)) or table.caption_above
        return layout.headers, caption
    if (state.headers is not None and len(state.headers) == ncols
            and state.page in (page_number - 1, page_number)):
        log.debug("page %d: table continues from page %d", page_number, state.page)
        return state.headers, title or state.caption
    return [f"Column {i}" for i in range(1, ncols + 1)], title or table.caption_above


def table_rows_for_page(text: str, span: PageSpan, tables: list[RawTable],
                        state: TableState) -> list[TableRow]:
    rows: list[TableRow] = []
    cursor = span.start
    for table in tables:
        layout = split_table(table.rows)
        headers, caption = table_headers_and_caption(layout, table, span.number, state)
        state.captions.setdefault(tuple(headers), caption)
        for cells in layout.body:
            if not filled_cells(cells):
                continue
            if is_group_row(cells):
                caption = filled_cells(cells)[0]
                continue
            key = (tuple(headers), tuple(cells))
            if key in state.emitted:
                continue  # a row printed again on every page (a running total), not new data
            state.emitted.add(key)
            start, end, cursor = locate_row(text, cells, cursor, span.start, span.end)
            rows.append(TableRow(headers=list(headers), cells=[c or "" for c in cells], start=start, end=end,
                                 page=span.number, caption=caption))
        state.headers, state.caption, state.page = headers, caption, span.number
    return rows


# --------------------------------------------------------------------------- assembly

def assemble_text(page_lines: list[list[str]], numbers: list[int]) -> tuple[str, list[PageSpan]]:
    """Pages joined by a blank line; each span runs to the start of the next page."""
    parts, spans, pos = [], [], 0
    for i, (lines, number) in enumerate(zip(page_lines, numbers)):
        page_text = "\n".join(lines)
        if i < len(page_lines) - 1:
            page_text += PAGE_SEPARATOR
        spans.append(PageSpan(number, pos, pos + len(page_text)))
        parts.append(page_text)
        pos += len(page_text)
    return "".join(parts), spans


def scanned_page_warning(pages: list[RawPage]) -> Optional[str]:
    scanned = [p.number for p in pages if p.image_only]
    if not scanned:
        return None
    listed = ", ".join(map(str, scanned[:10])) + (" ..." if len(scanned) > 10 else "")
    return f"{len(scanned)} page(s) are scanned images with no text layer (pages {listed}); their text is missing"


def read_pdf(path: Path, sha256: str, on_page: Optional[Callable[[], None]] = None) -> SourceText:
    """`on_page` is called after each page is read (progress reporting)."""
    path = Path(path)
    check_pdf_bytes(path)
    warnings: list[str] = []
    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:
        raise UnreadableSource(describe_open_error(exc)) from exc
    with pdf:
        try:
            page_count = len(pdf.pages)
        except Exception as exc:
            raise UnreadableSource(describe_open_error(exc)) from exc
        if page_count == 0:
            raise UnreadableSource("PDF has no pages")
        pages = read_pages(pdf, warnings, on_page)

    if not any(p.lines for p in pages):
        if any(p.image_only for p in pages):
            raise UnreadableSource("no text layer — scanned image; OCR is not supported")
        raise UnreadableSource("PDF has no text (blank or unreadable pages)")
    note = scanned_page_warning(pages)
    if note:
        warnings.append(note)

    text, spans = assemble_text(strip_furniture(pages), [p.number for p in pages])
    state = TableState()
    tables: list[TableRow] = []
    for raw, span in zip(pages, spans):
        if raw.tables:
            tables += table_rows_for_page(text, span, raw.tables, state)
    for w in warnings:
        log.info("%s: %s", path.name, w)
    return SourceText(path=str(path), sha256=sha256, text=text, pages=spans, tables=tables,
                      page_count=page_count, warnings=warnings)
