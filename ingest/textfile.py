"""Read plain-text / Markdown meeting papers (e.g. the Harrow conversions)."""
from __future__ import annotations

import re
from pathlib import Path

from .models import PageSpan, SourceText

# A page number printed alone on its line marks the foot of that page.
PAGE_NUMBER_LINE = re.compile(r"^[ \t]*(\d{1,4})[ \t]*$", re.M)
MIN_CHARS_PER_PAGE = 250
BLANK_PAGE_LINE = re.compile(r"^[ \t]*This page is intentionally left blank[ \t]*$", re.M | re.I)


class UnreadableSource(Exception):
    """A file that cannot be ingested; the message is the one-line reason shown to users."""


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), then UTF-16 by BOM, then cp1252, never failing."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def page_markers(text: str) -> list[tuple[int, int]]:
    """(page number, offset where that page ends) for each stand-alone page-number line (footer).

    Numbers must rise, by at most 60: anything else is a numbered list item or a table value.
    """
    markers: list[tuple[int, int]] = []
    last = 0
    for m in PAGE_NUMBER_LINE.finditer(text):
        n = int(m.group(1))
        if n <= last or n > last + 60:
            continue
        markers.append((n, m.end()))
        last = n
    # A printed page holds a few hundred characters at least: lone numbers that would make
    # pages shorter than that (numbered lines of an OCR'd Markdown paper) are not footers.
    if markers and len(text) / markers[-1][0] < MIN_CHARS_PER_PAGE:
        return []
    return markers


def page_spans_from_anchors(anchors: list[tuple[int, int]], length: int) -> list[PageSpan]:
    """Pages from known page starts: `anchors` are (offset, number of the page starting there),
    rising in both; the text between two anchors is shared out evenly over the pages between."""
    anchors = sorted(set(anchors))
    spans: list[PageSpan] = []
    for (o1, n1), (o2, n2) in zip(anchors, anchors[1:]):
        count = max(1, n2 - n1)
        width = (o2 - o1) / count
        for i in range(count):
            s = o1 + round(i * width)
            e = o1 + round((i + 1) * width) if i < count - 1 else o2
            if e > s:
                spans.append(PageSpan(n1 + i, s, e))
    if anchors and anchors[-1][0] < length:
        spans.append(PageSpan(anchors[-1][1], anchors[-1][0], length))
    return spans


def page_spans_from_markers(text: str) -> list[PageSpan]:
    """Pages from stand-alone page-number lines (footers).

    Markers can be sparse (not every page kept its number), so the text between
    two markers N1 < N2 is shared out evenly across pages N1+1..N2. Text before the
    first marker N is shared across pages 1..N when N is plausible for a file that
    starts on page 1 (a footer numbered N ends the N-th page).
    """
    markers = page_markers(text)
    if len(markers) < 2:
        return []
    first = markers[0][0]
    anchors = [(0, 1 if first <= 60 else first)]
    anchors += [(end, n + 1) for n, end in markers if end < len(text)]
    return page_spans_from_anchors(anchors, len(text))


# Markdown converted from PDF puts a "---" rule between pages, the printed number next to it.
PAGE_BREAK_LINE = re.compile(r"^[ \t]*-{3,}[ \t]*$", re.M)
_NUMBER_AFTER = re.compile(r"\n(?:[ \t]*\n)*[ \t]*(\d{1,4})[ \t]*(?:\n|$)")
_NUMBER_BEFORE = re.compile(r"(?:^|\n)[ \t]*(\d{1,4})[ \t]*\n(?:[ \t]*\n)*$")


def page_spans_from_breaks(text: str) -> list[PageSpan]:
    """Pages cut at "---" rules, when the numbers printed beside the rules say they are page
    breaks. The text after the k-th rule is page k + offset, the offset most printed numbers
    agree on (a number just after a rule is the page starting there, one just before it the
    page ending); text before the first numbered page (a file's preamble, a cover) is page 1."""
    rules = [m for m in PAGE_BREAK_LINE.finditer(text) if text[m.end():].strip()]  # none after the last page
    offsets: dict[int, int] = {}
    for k, m in enumerate(rules, 1):
        after = _NUMBER_AFTER.match(text, m.end())
        before = _NUMBER_BEFORE.search(text[max(0, m.start() - 40):m.start()])
        n = int(after.group(1)) if after else (int(before.group(1)) + 1 if before else None)
        if n is not None:
            offsets[n - k] = offsets.get(n - k, 0) + 1
    if not offsets:
        return []
    offset = max(offsets, key=offsets.get)
    # Most numbers must agree, on numbering that starts near the first rule (not years, counts).
    if offsets[offset] * 2 < sum(offsets.values()) or not -1 <= offset <= 60:
        return []
    starts = [0] + [m.start() for m in rules]
    ends = starts[1:] + [len(text)]
    return [PageSpan(max(1, k + offset), s, e) for k, (s, e) in enumerate(zip(starts, ends)) if e > s]


def read_text_file(path: Path, sha256: str) -> SourceText:
    text = decode_text(path.read_bytes()).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise UnreadableSource("empty text file")
    pages = page_spans_from_breaks(text) or page_spans_from_markers(text)
    return SourceText(path=str(path), sha256=sha256, text=text, pages=pages,
                      page_count=pages[-1].number if pages else None)
