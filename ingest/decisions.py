"""Extract decisions (resolutions, records of decision, carried motions) from a document.

Everything is derived from `Document.text`; chunks only give `chunk_id`.
Each `Decision.text` is `doc.text[start:end]` verbatim: the whole resolution with
its lettered/numbered parts, stopping before the next item heading, page number
or unrelated paragraph.

Forms recognised:
- "RESOLVED: That ...", "RESOLVED that Cabinet agree to: (a) ... (b) ...",
  "3) RESOLVED that Council: (i) ...", "It was resolved that ...", Irish
  "Proposed by ...; Seconded by ...; And Resolved: “That ...”" (quoted resolution);
- "AGREED: ..." and "It was agreed that/to ...";
- records of decision: "Decision:" followed by the decision, up to the next form
  field ("Reason(s) for decision:");
- motions: "X moved ... Y seconded the motion, which carried by unanimous voice
  vote – 5." / "the motion passed 7-0." (the mover's sentence through the tally).

Agenda recommendations ("The Board is requested to note the report") are proposals,
not decisions, and are left out.

`item`/`title` come from the nearest preceding item heading: "67. Stop Smoking
Offer in Harrow", Kent "88. 24/00108 - Revenue ... (Item 5)" (title may wrap over
lines; the leading decision reference is dropped), Limerick "3." on its own line
then the title, Alameda "5-A 2023-3281" / "(19-547) Public Hearing ...", and
upper-case section lines ("CONSENT CALENDAR", item None). A record of decision's
item is its decision number ("24/00108") and title its "Title of Decision".
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Optional

from .figures import LIST_MARKER, PAGE_NUMBER_LINE, ChunkLocator, sentence_bounds, sentence_span
from .models import Chunk, Decision, Document

log = logging.getLogger(__name__)

MAX_DECISION_LINES = 80
MAX_DECISION_CHARS = 6000


# --- lines ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Line:
    start: int
    end: int            # excludes the newline
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def split_lines(text: str) -> list[Line]:
    lines, pos = [], 0
    for raw in text.split("\n"):
        lines.append(Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return lines


# --- item headings --------------------------------------------------------------------

@dataclass(frozen=True)
class ItemHeading:
    start: int
    item: Optional[str]
    title: str


DECISION_WORD = re.compile(r"\s*(?:\*\*)?(?:And\s+)?(?:RESOLVED|Resolved|AGREED|Agreed|Decision\s*:)")
NUMBERED_LINE = re.compile(
    r"[ \t]*(?:#+[ \t]*)?(?:\*\*)?(\d{1,4})\.(?:[ \t]+|(?=[A-Z]))(\S.*?)(?:\*\*)?[ \t]*$")
NUMBER_ONLY_LINE = re.compile(r"[ \t]*(?:\*\*)?\(?(\d{1,4})[.)](?:\*\*)?[ \t]*$")
KENT_ITEM_LINE = re.compile(r"[ \t]*\(Item\s+\d+[A-Za-z]?\)[ \t]*$")
ALAMEDA_ITEM_LINE = re.compile(r"[ \t]*(\d{1,2}-[A-Z])\)?[ \t]+(\S.*)$")
ALAMEDA_PARAGRAPH_LINE = re.compile(r"[ \t]*\(\*?(\d{2}-\d{3,4}(?:[ \t]?[A-Z])?)\)[ \t]+(\S.*)$")
UPPERCASE_SECTION = re.compile(r"[ \t]*(?:\d{1,2}\.[ \t]+)?([A-Z][A-Z&'’/ -]{3,60}[A-Z])[ \t]*$")
REFERENCE_PREFIX = re.compile(r"^(?:\d{2}/\d{5}|(?:19|20)\d{2}-\d{3,5})(?:\s*[-–—:]\s*|\s*$)")
SENTENCE_PUNCT_END = re.compile(r"[.;:,]\**$")
DROP_CAP = re.compile(r"^([A-Z]) ([a-z])")


def _next_nonblank(lines: list[Line], i: int, limit: int = 3) -> Optional[int]:
    for j in range(i + 1, min(len(lines), i + 1 + limit)):
        if not lines[j].blank:
            return j
    return None


def _clean_title(title: str) -> str:
    title = re.sub(r"\s+", " ", title).strip(" *#")
    stripped = REFERENCE_PREFIX.sub("", title).strip()
    return stripped or title


def _numbered_heading(lines: list[Line], i: int) -> Optional[ItemHeading]:
    """ "67. Stop Smoking Offer in Harrow" (blank line after) or Kent's title + "(Item 5)"."""
    m = NUMBERED_LINE.match(lines[i].text)
    if not m or DECISION_WORD.match(m.group(2)) or len(m.group(2)) > 150:
        return None
    number, rest = m.group(1), m.group(2)
    # Kent: the title wraps over up to three lines, then "(Item N)".
    for j in range(i + 1, min(len(lines), i + 4)):
        if KENT_ITEM_LINE.match(lines[j].text):
            title = " ".join([rest] + [ln.text for ln in lines[i + 1:j] if not ln.blank])
            return ItemHeading(lines[i].start, number, _clean_title(title))
        if NUMBERED_LINE.match(lines[j].text):
            break
    title_like = (not SENTENCE_PUNCT_END.search(rest) and len(rest.split()) <= 20
                  and (rest[0].isupper() or rest[0].isdigit()))
    next_blank = i + 1 >= len(lines) or lines[i + 1].blank
    if title_like and (next_blank or UPPERCASE_SECTION.fullmatch(lines[i].text)):
        return ItemHeading(lines[i].start, number, _clean_title(rest))
    return None


def _number_only_heading(lines: list[Line], i: int) -> Optional[ItemHeading]:
    """Limerick: "3." alone on a line, the title on the next non-blank line."""
    m = NUMBER_ONLY_LINE.match(lines[i].text)
    if m and i > 0 and not lines[i - 1].blank and lines[i - 1].text.rstrip()[-1:].isalnum():
        return None         # "... a stronger Section\n5.\n": a wrapped reference, not an item
    j = _next_nonblank(lines, i) if m else None
    if j is None:
        return None
    title = lines[j].text.strip()
    if not title or SENTENCE_PUNCT_END.search(title) or len(title.split()) > 15 \
            or not title[0].isupper() or DECISION_WORD.match(title):
        return None
    return ItemHeading(lines[i].start, m.group(1), _clean_title(title))


# "(17-042) Acting Mayor Vella stated ...": a paragraph of narrative, not an item title.
NARRATIVE_START = re.compile(r"(?:[A-Z][\w.’'-]*[ \t]+){1,5}(?:stated|announced|inquired|requested|noted|"
                             r"thanked|responded|called|made|seconded|recused|left|arrived)\b")


def _alameda_heading(lines: list[Line], i: int) -> Optional[ItemHeading]:
    """ "5-A 2023-3281 - Title" or "(19-547) Public Hearing to ...;" (title runs to . or ;)."""
    m = ALAMEDA_ITEM_LINE.match(lines[i].text) or ALAMEDA_PARAGRAPH_LINE.match(lines[i].text)
    if not m:
        return None
    rest = _clean_title(m.group(2))
    if REFERENCE_PREFIX.match(m.group(2).strip()) and rest == m.group(2).strip():
        rest = ""           # the line held only a file number: the title is on the next line
    if rest and ALAMEDA_ITEM_LINE.match(lines[i].text):
        return ItemHeading(lines[i].start, m.group(1), rest)
    if MOVER.search(lines[i].text) or NARRATIVE_START.match(m.group(2)):
        # Older minutes: "(05-027) Councilmember Matarrese moved that ...": the paragraph is
        # the motion itself and has no title.
        return ItemHeading(lines[i].start, m.group(1).replace(" ", ""), "")
    following = " ".join(ln.text for ln in lines[i + 1:i + 3] if not ln.blank)
    title = re.split(r"(?<=[a-z)”\"])(?<!\bNo)(?<!\bNos)[.;](?:\s|$)", f"{rest} {following}".strip(),
                     maxsplit=1)[0]
    return ItemHeading(lines[i].start, m.group(1).replace(" ", ""), _clean_title(title[:200]))


def _section_heading(lines: list[Line], i: int) -> Optional[ItemHeading]:
    """An upper-case section line such as "CONSENT CALENDAR" (no item number)."""
    m = UPPERCASE_SECTION.fullmatch(lines[i].text)
    if not m or len(m.group(1).split()) < 2 or DECISION_WORD.match(m.group(1)):
        return None
    return ItemHeading(lines[i].start, None, m.group(1).strip())


def find_item_headings(lines: list[Line]) -> list[ItemHeading]:
    """Item headings in text order."""
    headings = []
    for i, line in enumerate(lines):
        if line.blank:
            continue
        for finder in (_numbered_heading, _number_only_heading, _alameda_heading, _section_heading):
            found = finder(lines, i)
            if found:
                headings.append(found)
                break
    # PDF drop caps print "C orporate Parenting": repair when most numbered titles show it.
    numbered = [h for h in headings if h.item]
    if numbered and sum(bool(DROP_CAP.match(h.title)) for h in numbered) >= 0.6 * len(numbered):
        headings = [ItemHeading(h.start, h.item, DROP_CAP.sub(r"\1\2", h.title)) if h.item else h
                    for h in headings]
    return headings


# --- decision starts --------------------------------------------------------------------

RESOLUTION_START = re.compile(
    r"^[ \t]*(?:\*\*)?(?:\(?\d{1,3}[.)][ \t]+)?(?P<word>(?:And[ \t]+)?(?:RESOLVED|Resolved)\b"
    r"(?![ \t]+ITEMS)|AGREED\b)"
    r"|\b(?P<word2>It[ \t]+was[ \t]+(?:further[ \t]+|also[ \t]+|unanimously[ \t]+)?"
    r"(?:RESOLVED|resolved|AGREED|agreed)\b(?:[ \t]+(?:that|to)\b)?)", re.M)
RECORD_START = re.compile(r"^[ \t]*(?:\*\*)?(?P<word>Decision|DECISION)(?:\*\*)?[ \t]*:", re.M)
MOTION_CARRIED = re.compile(
    r"\bmotion,?[ \t\n]+(?:which[ \t\n]+|and[ \t\n]+(?:it[ \t\n]+)?)?(?:was[ \t\n]+)?(?:carried|passed)\b"
    r"|\bput[ \t\n]+to[ \t\n]+the[ \t\n]+vote[ \t\n]+and[ \t\n]+(?:was[ \t\n]+)?carried\b", re.I)
# Kent full Council: "Amendment carried." / "Agreed unanimously." on a line of their own
# (capitalised: a wrapped "agreed." ending someone's sentence is not an outcome).
OUTCOME_LINE = re.compile(
    r"^[ \t]*(?:(?:Substantive[ \t]+)?(?:Amendment|Motion)[ \t]+(?:[Cc]arried|CARRIED|[Aa]greed)"
    r"|(?:Agreed|AGREED|Carried|CARRIED)(?:[ \t]+(?:unanimously|without[ \t]+dissent|by[ \t]+general[ \t]+assent))?)"
    r"[ \t]*\.?[ \t]*$", re.M)
# A vote that went the other way: a floor for the look-back, never a decision itself.
MOTION_LOST = re.compile(r"^[ \t]*(?:Substantive[ \t]+)?(?:Amendment|Motion)[ \t]+(?:lost|fell|defeated|failed)"
                         r"[ \t]*\.?[ \t]*$", re.I | re.M)
MOVER = re.compile(r"\b(?:moved|motioned|made[ \t\n]+a[ \t\n]+(?:\w+[ \t\n]+)?motion|Proposed[ \t\n]+by)\b"
                   r"|\bproposed,?[ \t\n]+(?:and|that|the)\b"
                   # Kent: "the Chairman put the amendment set out in paragraph 2 to the vote"
                   r"|\bput[ \t\n]+(?:[\w’'-]+[ \t\n]+){1,8}?to[ \t\n]+the[ \t\n]+vote\b")
MOVER_LOOKBACK_CHARS = 3000   # how far back a carried motion's mover may be (debate in between)
TALLY_CONTINUES = re.compile(r"\s*(?:Ayes|Noes|Nays|Abstentions?|Abstaining|Absent|Recused)\b")
PROPOSER_LINES = re.compile(r"(?:\*\*)?Proposed by[^\n]*\n\s*(?:\*\*)?Seconded by[^\n]*\n\s*(?:\*\*)?$")
RECORD_FIELD = re.compile(
    r"[ \t]*(?:\*\*)?(?:Reasons?\b|Reason\(s\)|Background|Options|Alternatives?|Any[ \t]|"
    r"Cabinet Committee|Consultation|Financial|Legal|Equalit|Implications|Signed|Date\b)"
    r"[^\n]{0,100}:[ \t]*(?:\*\*)?$")
PAGE_BREAK_LINE = re.compile(r"[ \t]*(?:-{3,}|\d{1,4})[ \t]*")
PAGE_BREAKS = re.compile(r"(?:\s*\n[ \t]*(?:-{3,}|\d{1,4})[ \t]*(?=\n))*\s*")
OPEN_LINE_END = re.compile(r"(?:[,;(&/–-]|\b(?:and|or|the|of|to|for|in|a|an|with|by|on|at|that|be|was|were|is|are))$",
                           re.I)
SEQUENCE_MARKER = re.compile(r"[ \t]*\(?(\d{1,2}|[a-zA-Z]|[ivx]{1,4})[.)][ \t]")
SENTENCE_END_LINE = re.compile(r"[.!?][\"'”’)]*[ \t]*$")
MARKER_WORDS = re.compile(r"(?:And\s+)?(?:It\s+was\s+(?:\w+\s+)?)?(?:RESOLVED|Resolved|resolved|AGREED|agreed)"
                          r"[\s:.,;-]*(?:that|That)?[\s:,]*")


def _marker_value(token: str) -> Optional[int]:
    """Position of a part marker in its sequence: 1, a/A, i all count as 1."""
    if token.isdigit():
        return int(token)
    roman = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
    if token.lower() in roman and token.lower() != "v" or token.lower() == "i":
        return roman[token.lower()]
    if len(token) == 1 and token.isalpha():
        return ord(token.lower()) - ord("a") + 1
    return None


def _line_index(lines: list[Line], pos: int) -> int:
    lo, hi = 0, len(lines) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if lines[mid].start <= pos:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _quoted_end(text: str, start: int) -> Optional[int]:
    """End of a resolution printed in quotes after its marker ("And Resolved: “That ...”")."""
    marker = MARKER_WORDS.match(text, start)
    if not marker:
        return None
    after = marker.end() + len(re.match(r"\**", text[marker.end():marker.end() + 4]).group(0))  # "Resolved:**"
    open_at = PAGE_BREAKS.match(text, after).end()   # the quote may start on the next page
    if open_at >= len(text) or text[open_at] not in "“\"":
        return None
    close = "”" if text[open_at] == "“" else "\""
    end = text.find(close, open_at + 1, open_at + MAX_DECISION_CHARS)
    if end < 0 or (close == "”" and "“" in text[open_at + 1:end]):
        return None         # unbalanced quotes: fall back to the line rules
    return end + 1


def resolution_end(text: str, lines: list[Line], start: int, stops: set[int]) -> int:
    """Where a resolution starting at `start` ends: its parts included, furniture excluded.

    `stops` are line starts that always end a resolution (item headings, other decisions).
    """
    i = _line_index(lines, start)
    quoted = _quoted_end(text, start)
    if quoted:
        return quoted
    end = lines[i].end
    first = text[start:end].rstrip()
    list_mode = first.endswith(":")
    last_part: Optional[int] = None
    prev = first
    blank_before = False
    for j in range(i + 1, min(len(lines), i + MAX_DECISION_LINES)):
        line = lines[j]
        if line.blank:
            blank_before = True
            continue
        body = line.text
        if PAGE_BREAK_LINE.fullmatch(body) and not SENTENCE_END_LINE.search(prev):
            continue            # "---" / page number mid-sentence (text from PDF-to-Markdown): skip over
        if line.start in stops or PAGE_NUMBER_LINE.match(body) or body.lstrip().startswith(("---", "___")) \
                or RECORD_FIELD.fullmatch(body) or DECISION_WORD.match(body):
            break
        marker = SEQUENCE_MARKER.match(body)
        bullet = LIST_MARKER.match(body) and not marker
        prev_open = not SENTENCE_END_LINE.search(prev)
        if marker:
            value = _marker_value(marker.group(1))
            expected = 1 if last_part is None else last_part + 1
            if value != expected or not (list_mode or value == 1 and prev_open):
                break
            last_part, list_mode = value, True
        elif bullet:
            if not (list_mode or prev.rstrip().endswith(":")):
                break
            list_mode = True
        elif blank_before:
            # Blank lines between wrapped lines (OCR'd Markdown): go on only mid-sentence.
            wrapped = prev_open and (body.lstrip()[:1].islower() or OPEN_LINE_END.search(prev.rstrip())
                                     or not re.search(r"[.!?]", text[start:end])   # no sentence yet
                                     or prev.rstrip().endswith(":") and body.lstrip()[:1] in "“\"")
            if not (wrapped or list_mode and prev.rstrip().endswith((":", ";", "and", "or"))):
                break
        elif not (body.lstrip()[:1].islower() or prev_open):
            break               # a new sentence after the resolution's last full stop
        elif list_mode and SENTENCE_END_LINE.search(prev) and not body.lstrip()[:1].islower():
            break
        blank_before = False
        end, prev = line.end, body
        if end - start > MAX_DECISION_CHARS:
            break
    return start + len(text[start:end].rstrip())


def motion_span(text: str, bounds: list[int], carried_at: int, floor: int) -> tuple[int, int]:
    """[start, end) of a carried motion: the mover's sentence through the vote tally."""
    s_start, s_end = sentence_span(text, bounds, carried_at)
    start = s_start
    if not MOVER.search(text[s_start:s_end]):
        # Look back a few sentences (not before `floor`) for "X moved ..." / "made a motion".
        probe = s_start
        limit = max(floor, carried_at - MOVER_LOOKBACK_CHARS)
        while probe > limit:
            back = probe - 1
            while back > floor and text[back].isspace():
                back -= 1
            if back <= limit:
                break
            probe = max(sentence_span(text, bounds, back)[0], limit)
            if MOVER.search(text[probe:back + 1]):
                start = probe
                break
    while start < carried_at and text[start].isspace():
        start += 1
    return start, _tally_end(text, bounds, s_end)


def _tally_end(text: str, bounds: list[int], end: int) -> int:
    """Extend a "carried by the following vote:" sentence over the vote tally."""
    for _ in range(8):
        if text[:end].rstrip().endswith((":", "–", "-", "—")):
            count = re.match(r"\s*\d{1,2}\.", text[end:])
            if count:           # "unanimous voice vote –\n5."
                end += count.end()
                continue
        elif not TALLY_CONTINUES.match(text, end):
            break
        nxt = end + re.match(r"\s*", text[end:]).end()
        if nxt >= len(text):
            break
        end = sentence_span(text, bounds, nxt)[1]
    return end


RESOLUTION_FOLLOWS_CHARS = 300   # "Motion carried.\n3) RESOLVED that ...": the same decision


def _recorded_by_resolution(text: str, start: int, end: int, headings: list[ItemHeading]) -> bool:
    """A carried motion whose item goes on to print the resolution itself.

    A bare "Motion carried." defers to a resolution anywhere later in its item; a motion
    with its mover defers only to a resolution printed right after the vote.
    """
    resolution = RESOLUTION_START.search(text, end)
    next_heading = min((h.start for h in headings if h.start > end), default=len(text))
    if not resolution or resolution.start() >= next_heading:
        return False
    if end - start <= 40 and not MOVER.search(text[start:end]):
        return True
    return resolution.start() - end <= RESOLUTION_FOLLOWS_CHARS


# --- records of decision -----------------------------------------------------------------

RECORD_NUMBER = re.compile(r"DECISION NUMBER:?\s*(?:\n[^\n]*?)??(\d{2}/\d{5})", re.I)
RECORD_TITLE = re.compile(r"Title of Decision:?[ \t]*\n?(.+?)(?=\n\s*\n|\n(?:Decision\b|[A-Z][^\n]*:)|$)", re.S | re.I)


def record_heading(text: str) -> Optional[ItemHeading]:
    """A record of decision's number and title, when the form prints them."""
    number = RECORD_NUMBER.search(text[:3000])
    title = RECORD_TITLE.search(text[:6000])
    if not (number or title):
        return None
    return ItemHeading(0, number.group(1) if number else None,
                       re.sub(r"\s+", " ", title.group(1)).strip() if title else "")


# --- public ------------------------------------------------------------------------------

def find_decision_spans(text: str, lines: list[Line], headings: list[ItemHeading]) -> list[tuple[int, int]]:
    """[start, end) of every decision in `text`, in order, not overlapping."""
    heading_starts = {h.start for h in headings}
    starts: list[tuple[int, str]] = []
    for m in RESOLUTION_START.finditer(text):
        word = "word" if m.group("word") else "word2"
        starts.append((m.start(word), "resolution"))
    for m in RECORD_START.finditer(text):
        starts.append((m.start("word"), "resolution"))
    carried = sorted(m.start() for pattern in (MOTION_CARRIED, OUTCOME_LINE) for m in pattern.finditer(text))
    starts.sort()
    stops = heading_starts | {lines[_line_index(lines, s)].start for s, _ in starts}

    spans: list[tuple[int, int]] = []
    for pos, _kind in starts:
        start = pos
        before = PROPOSER_LINES.search(text, max(0, pos - 400), pos)
        if before:
            start = before.start()          # "Proposed by ...; Seconded by ...; And Resolved:"
        own_line = lines[_line_index(lines, pos)].start
        end = resolution_end(text, lines, pos, stops - {own_line})
        if end > pos:
            spans.append((start, end))

    if carried:
        bounds = sentence_bounds(text)
        lost_ends = [m.end() for m in MOTION_LOST.finditer(text)]
        for pos in carried:
            if any(s <= pos < e for s, e in spans):
                continue
            # A motion may start on its item's own line ("(05-027) X moved that ..."); otherwise
            # the look-back stops at the end of the heading line.
            heading_ends = [h.start if not h.title else text.find("\n", h.start) + 1
                            for h in headings if h.start <= pos]
            floor = max([e for s, e in spans if e <= pos] + [x for x in heading_ends if x <= pos]
                        + [x for x in lost_ends if x <= pos] + [0])
            start, end = motion_span(text, bounds, pos, floor)
            if _recorded_by_resolution(text, start, end, headings):
                continue
            spans.append((start, end))

    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


NARRATIVE_REACH = 1500   # chars: how far a title-less paragraph item ("(17-042) X stated ...") reaches


def heading_for(headings: list[ItemHeading], start: int) -> Optional[ItemHeading]:
    """The item a decision at `start` belongs to: the nearest heading before it.

    A title-less narrative paragraph item interrupting a long item (a motion to continue
    the meeting during a debate) claims only decisions close to it; later ones go back to
    the titled item it interrupted.
    """
    before = [h for h in headings if h.start <= start]
    for h in reversed(before):
        if h.title or h.item is None or start - h.start <= NARRATIVE_REACH:
            return h
    return before[-1] if before else None


def extract_decisions(doc: Document, chunks: list[Chunk]) -> list[Decision]:
    """Decisions recorded in `doc`, dated by the meeting the document belongs to."""
    text = doc.text or ""
    if not text.strip():
        return []
    lines = split_lines(text)
    headings = find_item_headings(lines)
    record = record_heading(text) if RECORD_START.search(text) else None
    locator = ChunkLocator(chunks)
    decisions: list[Decision] = []
    for start, end in find_decision_spans(text, lines, headings):
        heading = heading_for(headings, start) or record
        if record and (heading is None or heading.item is None):
            heading = record
        decisions.append(Decision(
            id=f"{doc.id}:d{len(decisions)}", document_id=doc.id, body=doc.body,
            meeting_date=doc.meeting_date, item=heading.item if heading else None,
            title=(heading.title or None) if heading else None, text=text[start:end],
            start=start, end=end, page=doc.page_at(start), chunk_id=locator.chunk_id(start)))
    log.debug("%s: %d decisions", doc.id, len(decisions))
    return decisions
