"""Extract figures (money, percentages, counts, dates) with the sentence they sit in.

One regex pass over `Document.text` finds the figures; one pass finds sentence
boundaries. Every `Figure.sentence` is `doc.text[start:end]` verbatim, and
`value` is the figure as printed.

Kinds:
- money:   £680k, £6.795m, £1,529.7m, $2.5 million, €195.42, £470/day, £64.00 per head
- percent: 9%, 3-7%, 26 per cent
- date:    2 May 2019, 4th March 2025, May 22, 2023, April 2021, 13th February,
           financial periods 2019-20 / 2018/19, and a bare year after "in/since/by/..."
- count:   a number followed by a noun (85 children, 22,866 young people) or a
           comma-grouped number on its own (8,501)

Skipped on purpose: page numbers, item/paragraph numbers, phone numbers,
postcodes, reference codes (24/00108) and bare years without a date-like context.

The sentence helpers (`sentence_bounds`, `sentence_span`) and `ChunkLocator`
are shared with `decisions.py`.
"""
from __future__ import annotations

import bisect
import re
from typing import Optional

from .models import Chunk, Document, Figure

MAX_SENTENCE_CHARS = 1000   # longer "sentences" (run-on tables, lists) are cut to the line

# --- sentence boundaries --------------------------------------------------------------

# Words whose trailing full stop does not end a sentence.
ABBREVIATIONS = {
    "e.g", "eg", "i.e", "ie", "etc", "no", "nos", "mr", "mrs", "ms", "dr", "cllr", "st", "approx",
    "vs", "v", "para", "paras", "ref", "fig", "cf", "inc", "ltd", "co", "jr", "sr", "p.m", "a.m",
    "est", "dept", "govt", "vol", "pp", "p", "ch", "sec", "art", "cl", "prof", "rev", "hon",
    "gen", "col", "capt", "sgt", "cllrs", "mt", "ave", "rd", "no.", "tel", "ext", "c", "ca",
}
LIST_MARKER = re.compile(
    r"[ \t]*(?:[-•·▪◦*]\s|\(?\d{1,3}[.)]\s|\(?[a-zA-Z][.)]\s|\(?[ivxlc]{1,5}\)\s|\(\d{1,3}\)\s)")
PAGE_NUMBER_LINE = re.compile(r"[ \t]*(?:Page\s+)?\d{1,4}(?:\s+of\s+\d{1,4})?[ \t]*$", re.I)
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s)|\n")
_OPEN_ENDED = re.compile(r"(?:[,;:\-–(&/]|\b(?:and|or|the|of|to|for|in|a|an|with|by|on|at))$",
                         re.I)


def _line_at(text: str, pos: int) -> tuple[int, int]:
    """[start, end) of the line containing `pos` (end excludes the newline)."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _newline_is_boundary(text: str, nl: int) -> bool:
    """Does the line break at `nl` end a sentence (rather than wrap one)?"""
    line_start, _ = _line_at(text, nl)
    line = text[line_start:nl]
    next_end = text.find("\n", nl + 1)
    next_line = text[nl + 1:len(text) if next_end < 0 else next_end]
    stripped = line.strip()
    if not stripped or not next_line.strip():
        return True
    if "\t" in line or "\t" in next_line:
        return True         # table lines stand alone
    if LIST_MARKER.match(next_line) or PAGE_NUMBER_LINE.match(next_line) \
            or PAGE_NUMBER_LINE.match(line):
        return True
    if stripped.endswith(":"):
        return True
    # A short line that does not end open (comma, "and") is a heading or a paragraph's end.
    return len(stripped) < 40 and not _OPEN_ENDED.search(stripped)


def _full_stop_is_boundary(text: str, pos: int, end: int) -> bool:
    """Is the '.', '!' or '?' at `pos` (punctuation run ending at `end`) a sentence end?"""
    if text[pos] != ".":
        return True
    token_match = re.search(r"(\S+)$", text[max(0, pos - 25):pos])
    token = token_match.group(1).lower().lstrip("([\"'“‘") if token_match else ""
    if token in ABBREVIATIONS:
        return False
    if len(token) == 1 and token.isalpha() and text[end:end + 1] == " ":
        return False        # an initial ("J. Smith"), not "Pathway A.\n"
    if token.isdigit() and not text[_line_at(text, pos)[0]:pos - len(token)].strip():
        return False        # "3. RESOLVED ..." - a paragraph number, not a sentence end
    following = re.match(r"\s*(\S)", text[end:end + 40])
    if following and following.group(1).islower():
        return False        # "approx. half", "No. of" - sentences start in upper case
    return True


def sentence_bounds(text: str) -> list[int]:
    """Sorted offsets where sentences start (always begins with 0)."""
    bounds = [0]
    for m in SENTENCE_END.finditer(text):
        if m.group(0) == "\n":
            if _newline_is_boundary(text, m.start()):
                bounds.append(m.end())
        elif _full_stop_is_boundary(text, m.start(), m.end()):
            bounds.append(m.end())
    return bounds


def sentence_span(text: str, bounds: list[int], pos: int) -> tuple[int, int]:
    """[start, end) of the sentence holding offset `pos`, trimmed of surrounding space."""
    i = bisect.bisect_right(bounds, pos) - 1
    start = bounds[i] if i >= 0 else 0
    end = bounds[i + 1] if i + 1 < len(bounds) else len(text)
    while start < pos and text[start].isspace():
        start += 1
    while end > pos + 1 and text[end - 1].isspace():
        end -= 1
    if end - start > MAX_SENTENCE_CHARS:
        line_start, line_end = _line_at(text, pos)
        start, end = max(start, line_start), min(end, line_end)
        if end - start > MAX_SENTENCE_CHARS:   # one huge line: a window around the figure
            half = MAX_SENTENCE_CHARS // 2
            lo, hi = max(start, pos - half), min(end, pos + half)
            lo = text.find(" ", lo, pos) + 1 if text.find(" ", lo, pos) >= 0 else lo
            cut = text.rfind(" ", pos, hi)
            start, end = lo, cut if cut > pos else hi
    return start, end


class ChunkLocator:
    """Finds the chunk holding an offset by bisection: O(log n) per lookup, not a scan.

    Section chunks beat table rows; among overlapping chunks of one kind the earliest
    listed wins (the order `chunk_by_section` gave them).
    """

    def __init__(self, chunks: list[Chunk]):
        sections = [c for c in chunks if c.kind == "section"]
        others = [c for c in chunks if c.kind != "section"]
        self._groups = [self._index(sections), self._index(others)]

    @staticmethod
    def _index(chunks: list[Chunk]) -> tuple[list[int], list[int], list[tuple[int, Chunk]]]:
        ordered = sorted(enumerate(chunks), key=lambda pair: pair[1].start)
        starts = [c.start for _, c in ordered]
        reach, furthest = [], -1   # reach[i]: the furthest end among ordered[:i + 1]
        for _, c in ordered:
            furthest = max(furthest, c.end)
            reach.append(furthest)
        return starts, reach, ordered

    def find(self, pos: int) -> Optional[Chunk]:
        for starts, reach, ordered in self._groups:
            best: Optional[tuple[int, Chunk]] = None
            i = bisect.bisect_right(starts, pos) - 1
            # Walk back only while some earlier chunk can still reach past `pos`.
            while i >= 0 and reach[i] > pos:
                listed, chunk = ordered[i]
                if chunk.end > pos and (best is None or listed < best[0]):
                    best = (listed, chunk)
                i -= 1
            if best:
                return best[1]
        return None

    def chunk_id(self, pos: int) -> Optional[str]:
        found = self.find(pos)
        return found.id if found else None


def chunk_for_offset(chunks: list[Chunk] | ChunkLocator, pos: int) -> Optional[str]:
    """Id of the chunk whose [start, end) holds `pos`; section chunks beat table rows."""
    locator = chunks if isinstance(chunks, ChunkLocator) else ChunkLocator(chunks)
    return locator.chunk_id(pos)


# --- figures ----------------------------------------------------------------------------

_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
           "December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec")
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_ORD = r"(?:st|nd|rd|th)?"
_MULTIPLIER = r"(?:[ \n]?(?:million|billion|thousand|bn|mn)\b|(?:k|m|bn|K|M)\b)"
_RATE = r"(?:\s?/\s?(?:day|hour|hr|week|month|year|yr|annum|head|person|night)\b" \
        r"|\s(?:per|a)\s(?:day|hour|week|month|year|annum|head|person|night|pupil|place)\b)"

FIGURE_PATTERN = re.compile(
    rf"(?P<money>[£$€]\s?(?:{_NUMBER}){_MULTIPLIER}?{_RATE}?"
    rf"|\b(?:{_NUMBER})[ \n]?(?:million|billion)?\s?(?:pounds|euros?|dollars)\b)"
    rf"|(?P<percent>(?<![\w.,/])(?:\d+(?:\.\d+)?\s?[-–]\s?)?\d+(?:\.\d+)?\s?(?:%|per\scent\b|percent\b))"
    rf"|(?P<date>(?<![\w/])\d{{1,2}}{_ORD}(?:\s|-)(?:{_MONTHS})\b\.?,?(?:\s(?:19|20)\d{{2}}\b)?"
    rf"|\b(?:{_MONTHS})\.?\s\d{{1,2}}{_ORD},?\s(?:19|20)\d{{2}}\b"
    rf"|\b(?:{_MONTHS})\s(?:19|20)\d{{2}}\b"
    rf"|(?<![\w/.-])(?:19|20)\d{{2}}-\d{{2}}-\d{{2}}\b"
    rf"|(?<![\w/.-])(?:19|20)\d{{2}}\s?[-/–]\s?(?:(?:19|20)\d{{2}}|\d{{2}})(?![\w/%]|-\d))"
    rf"|\b(?:in|In|since|Since|from|From|by|By|until|during|before|after|of|to) "
    rf"(?P<year>(?:19|20)\d{{2}})(?![\w/%-]|\.\d)"
    rf"|(?P<count>(?<![\w£$€.,/-])(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?![\w,/%-]|\.\d)"
    rf"(?:[ ](?P<noun>[a-z][a-z-]+(?:[ ][a-z][a-z-]+)?))?)"
)
# A count needs a noun after it, unless it is a grouped number like 8,501.
_NOT_NOUNS = {
    "and", "or", "of", "to", "in", "on", "at", "by", "for", "the", "a", "an", "with", "from",
    "was", "were", "is", "are", "be", "been", "had", "has", "have", "per", "x", "than", "as",
    "which", "that", "who", "would", "will", "could", "should", "may", "might", "can", "did",
    "do", "does", "out", "up", "into", "over", "under", "between", "against", "via", "not",
    "also", "it", "its", "their", "this", "these", "those", "so", "but", "if", "when", "where",
    "am", "pm", "p", "th", "st", "nd", "rd", "hrs", "minute", "mark", "onwards", "respectively",
    "inclusive", "only", "more", "less", "each", "all", "both", "then",
}
PHONE_PATTERN = re.compile(r"(?<!\d)(?:\+44\s?|0)\d{2,4}[ -]?\d{3,4}[ -]?\d{3,4}(?!\d)"
                           r"|\(\d{3}\)\s?\d{3}-\d{4}|\b\d{3}-\d{3}-\d{4}\b")
_HEADING_LINE = re.compile(r"\s*(?:#+\s*|\*\*)?(?:\d{1,3}[.)]\s+)?[^\n.!?]{0,100}$")


_COLLECTIVE_NOUNS = {"people", "staff", "children", "pupils", "students", "adults", "residents",
                     "households", "homes", "places", "beds", "families", "olds", "members"}


def _count_value(m: re.Match) -> Optional[str]:
    """The printed count (number + noun), or None when it is not a count of something."""
    number = m.group("count").split(" ", 1)[0]
    grouped = "," in number
    if not grouped and re.fullmatch(r"(?:19|20)\d{2}", number):
        return None         # "2018 result": a year, not a count
    noun = m.group("noun")
    if noun and noun.endswith("-"):
        noun = None         # "114 high-\nquality entries": the noun is cut at the line end
    if not noun or noun.split(" ")[0] in _NOT_NOUNS:
        return number if grouped else None
    words = noun.split(" ")
    # Keep a second word only when the first was a modifier ("young people", "4 year olds").
    if len(words) > 1 and (words[0].endswith("s") or not (
            words[1] in _COLLECTIVE_NOUNS or (words[1].endswith("s") and not words[1].endswith(("ss", "ly"))))):
        words = words[:1]
    if len(words) > 1 and words[1] in _NOT_NOUNS:
        words = words[:1]
    return f"{number} {' '.join(words)}"


def _is_heading_line(text: str, pos: int) -> bool:
    start, end = _line_at(text, pos)
    return bool(_HEADING_LINE.fullmatch(text[start:end]))


# "Quarter 3 position", "Item 5 report": a number naming a thing, not counting it.
_LABEL_BEFORE = re.compile(r"\b(?:Quarter|Q|Item|Items|Appendix|Annex|Table|Section|Sections|paragraph|para|"
                           r"page|pages|Phase|Stage|Level|Tier|Option|Options|Year|Ward|Area|Key Stage|"
                           r"Priority|Lot|Block|Schedule|Chapter|Part|Recommendation)[ \t]*$", re.I)
_NUMBER_TOKEN = re.compile(r"(?<![\w.])[-+(£$€]*\d[\d,]*(?:\.\d+)?[%)m]?(?![\w.])")


def _is_label_number(text: str, pos: int) -> bool:
    return bool(_LABEL_BEFORE.search(text, max(0, pos - 20), pos))


def _is_table_line(text: str, pos: int) -> bool:
    """A line of numbers ("... 82,209 27,258 1"): a bare number there is a cell without its header."""
    start, end = _line_at(text, pos)
    return len(_NUMBER_TOKEN.findall(text, start, end)) >= 3


def find_figures(text: str) -> list[tuple[str, str, int]]:
    """(kind, value as printed, offset) for every figure in `text`, in order."""
    phones = [(m.start(), m.end()) for m in PHONE_PATTERN.finditer(text)]
    found = []
    for m in FIGURE_PATTERN.finditer(text):
        kind = next(k for k in ("money", "percent", "date", "year", "count") if m.group(k))
        if any(s < m.end() and m.start() < e for s, e in phones):
            continue
        if kind == "year":      # "in 2017": the year alone, dated by its preposition
            kind, value, pos = "date", m.group("year"), m.start("year")
            if not _is_heading_line(text, pos):
                found.append((kind, value, pos))
            continue
        if kind == "count":
            value = _count_value(m)
            if value is None or _is_label_number(text, m.start()) \
                    or (" " not in value and _is_table_line(text, m.start())):
                continue
        else:
            value = m.group(kind)
        found.append((kind, value, m.start()))
    return found


def extract_figures(doc: Document, chunks: list[Chunk]) -> list[Figure]:
    """Figures of `doc` with their verbatim sentences, page and chunk."""
    text = doc.text or ""
    bounds = sentence_bounds(text)
    locator = ChunkLocator(chunks)
    figures: list[Figure] = []
    for kind, value, pos in find_figures(text):
        start, end = sentence_span(text, bounds, pos)
        figures.append(Figure(
            id=f"{doc.id}:f{len(figures)}", document_id=doc.id, kind=kind, value=value,
            sentence=text[start:end], start=start, end=end, page=doc.page_at(pos),
            chunk_id=locator.chunk_id(pos)))
    return figures
