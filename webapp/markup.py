"""Safe HTML building: highlighted passages and document text with page markers.

Every piece of document text is escaped *before* markup (<mark>, page markers) is
put around it, so nothing a document says can become HTML.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

from markupsafe import Markup, escape

# Question words and fillers that should not be highlighted in a passage.
_UNMARKED_WORDS = frozenset("""
a an and are as at be by did do does for from had has have how i in is it its of on or
the their there this that to was were what when where which who why will with about any
""".split())
_WORD = re.compile(r"[A-Za-z0-9£%][A-Za-z0-9'’\-]*")


def merge_spans(spans: Iterable[Sequence[int]], length: int) -> list[tuple[int, int]]:
    """Clip spans to [0, length), drop empty ones, merge overlaps; sorted output."""
    clipped = sorted((max(0, int(s)), min(length, int(e))) for s, e in spans)
    merged: list[tuple[int, int]] = []
    for s, e in clipped:
        if e <= s:
            continue
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def highlight(text: str, spans: Iterable[Sequence[int]]) -> Markup:
    """`text` escaped, with each span wrapped in <mark>."""
    out: list[str] = []
    pos = 0
    for s, e in merge_spans(spans, len(text)):
        out.append(escape(text[pos:s]))
        out.append(Markup("<mark>") + escape(text[s:e]) + Markup("</mark>"))
        pos = e
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def query_term_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Spans of words in `text` that share a stem-ish prefix with a content word of `query`.

    Used when a retriever gives no highlight offsets of its own.
    """
    terms = {w.lower() for w in _WORD.findall(query or "") if w.lower() not in _UNMARKED_WORDS
             and len(w) > 2}
    if not terms:
        return []
    # Compare on a 5-letter prefix so "smoking" marks "smoke" and "smokers".
    prefixes = {t[:5] for t in terms}
    return [(m.start(), m.end()) for m in _WORD.finditer(text)
            if m.group(0).lower()[:5] in prefixes and len(m.group(0)) > 2]


@dataclass(frozen=True)
class Block:
    """One rendered piece of a document: a chunk (with anchor) or text between chunks."""
    anchor: Optional[str]       # element id, e.g. "chunk-12"; None for gap text
    section: str                # heading path of the chunk ("" for gaps)
    start: int
    end: int
    html: Markup
    has_quote: bool


def render_document(text: str, pages: Sequence, chunks: Sequence,
                    quote: Optional[tuple[int, int]] = None) -> list[Block]:
    """Split the document text into blocks along its section chunks.

    Table-row chunks overlap the section chunks they come from, so only
    non-overlapping chunks (in text order) become blocks; the gaps between them
    are kept so the whole text is shown. Page markers are placed where a page
    starts; the quote (if any) is wrapped in <mark>, the first part with id="quote".
    """
    page_starts = {p.start: p.number for p in pages if 0 < p.start < len(text)}
    if pages and pages[0].start == 0:
        page_starts[0] = pages[0].number
    if quote is not None:
        quote = (max(0, quote[0]), min(len(text), quote[1]))
        if quote[1] <= quote[0]:
            quote = None

    ordered = sorted((c for c in chunks if c.kind != "table_row"), key=lambda c: (c.start, -c.end))
    segments: list[tuple[Optional[object], int, int]] = []
    pos = 0
    for c in ordered:
        if c.start < pos or c.end > len(text) or c.end <= c.start:
            continue  # overlapping or out-of-range chunk: its text is already shown
        if c.start > pos:
            segments.append((None, pos, c.start))
        segments.append((c, c.start, c.end))
        pos = c.end
    if pos < len(text):
        segments.append((None, pos, len(text)))

    blocks: list[Block] = []
    quote_opened = False
    for chunk, s, e in segments:
        html, has_quote = _render_span(text, s, e, page_starts, quote, first_quote=not quote_opened)
        quote_opened = quote_opened or has_quote
        if chunk is None and not text[s:e].strip() and not has_quote:
            # keep page markers that fall into whitespace gaps
            if not any(s <= p < e for p in page_starts):
                continue
        blocks.append(Block(anchor=f"chunk-{chunk.ordinal}" if chunk is not None else None,
                            section=getattr(chunk, "section", "") or "", start=s, end=e,
                            html=html, has_quote=has_quote))
    return blocks


def _render_span(text: str, s: int, e: int, page_starts: dict[int, int],
                 quote: Optional[tuple[int, int]], first_quote: bool) -> tuple[Markup, bool]:
    """Escaped text[s:e] with page markers and the quote's <mark> inserted."""
    cuts = {s, e} | {p for p in page_starts if s <= p < e}
    if quote is not None:
        cuts |= {q for q in quote if s < q < e}
    cuts_sorted = sorted(cuts)
    out: list[str] = []
    has_quote = False
    for a, b in zip(cuts_sorted, cuts_sorted[1:]):
        if a in page_starts:
            n = page_starts[a]
            out.append(Markup('<span class="page-marker" id="page-%d">Page %d</span>') % (n, n))
        piece = escape(text[a:b])
        if quote is not None and quote[0] <= a and b <= quote[1]:
            mark_id = Markup(' id="quote" tabindex="-1"') if first_quote and not has_quote else Markup("")
            out.append(Markup("<mark%s>") % mark_id + piece + Markup("</mark>"))
            has_quote = True
        else:
            out.append(piece)
    return Markup("").join(out), has_quote
