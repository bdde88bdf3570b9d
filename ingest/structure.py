"""Split a source into its documents, and chunk each document by section.

Splitting (`split_documents`)
-----------------------------
An agenda pack holds several papers: the agenda, the minutes of an *earlier*
meeting, reports, their appendices and enclosures. A new paper starts at
  * a page that follows "This page is intentionally left blank" (packs pad each
    paper to a new page),
  * a report cover ("REPORT FOR: <body>", or a "From: / To: / Subject:" block),
  * a minutes header ("<BODY> MINUTES", "MINUTES of a meeting of the ...",
    "MINUTES OF THE REGULAR MEETING ..."),
  * a record of decision header, an "AGENDA" front sheet line,
  * a stand-alone appendix / annexe title ("APPENDIX 1", "Annexe A").
Boundaries closer together than a few lines collapse into one.

Each part's body and meeting date come from its own text (cover page, "Date of
Meeting:", "DATE:", "To: Cabinet - 30 January 2025", the minutes header).
Minutes keep their own date (minutes of 2 May printed in the 25 July pack are
dated 2 May), read from their header block (title line down to the first dated line;
a year-less "THURSDAY 23RD MARCH" takes the file name's year) - never from an item
approving earlier minutes further down; a bare "MINUTES" heading over such an item
is a section, not a new document. Agendas take body and date from the summons
("a meeting of the County Council will be held ... on Thursday, 9th January, 2025"),
not from the covering letter's own date; a covering letter before "AGENDA" is part
of the agenda. A meeting's appendix or budget paper filed alone is typed "report".
A signed record of decision takes its decision maker and signed date from the form
(`records.py`): it records that decision, not the meeting whose papers enclose it.
Every other part without a date of its own inherits the pack's
meeting (the first dated non-minutes part). Last resorts: a date in the file
name, then a date and body in the name of an agenda/minutes file in the same
folder (ModernGov downloads keep one meeting per folder).

Sidecar (`<file>.meta.json`): keys `title`, `body`, `meeting_date`, `doc_type`.
  * For a one-part source every key overrides the inferred value.
  * For a multi-part source, top-level `body` applies to every part,
    `meeting_date` to every part except minutes (they record another meeting),
    `title` and `doc_type` only to part 0.
  * `{"parts": [{...}, {...}]}` gives per-part overrides by part index; these
    win over top-level keys.

Chunking (`chunk_by_section`)
-----------------------------
Headings (agenda items, numbered minute items, "Section 2 – Report", "A.1 ...",
short title lines, `**bold**` lines) build a section path joined by " > ". A numbered
line that wraps on into prose (a sentence) is a numbered paragraph, not a heading.
Sections are cut into chunks of about 60-250 words at paragraph, then sentence
boundaries (a list marker's period, "16." or "a.", ends no sentence; a list opened
by a colon is not cut while it runs on). Page furniture (a stand-alone page number at a
page's top or bottom, "Page 3 of 43", "This page is intentionally left blank") is left out
of chunk text; a bare number anywhere else is a table cell and stays. Table rows become
extra `table_row` chunks ("Header: cell | Header: cell"); the raw table text
stays in the section chunks too, so phrase search over a printed row still works.
"""
from __future__ import annotations

import bisect
import hashlib
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .models import DOC_TYPES, Chunk, Document, PageSpan, SourceText, TableRow
from .records import form_decision

log = logging.getLogger(__name__)

# ---------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‛": "'", "“": '"', "”": '"', "„": '"',
                         "–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-", "\u00a0": " "})


def normalise_text(text: str) -> str:
    """Fold case, unify quotes/dashes, drop markdown bold, collapse whitespace."""
    text = text.translate(_QUOTES).replace("**", "")
    return re.sub(r"\s+", " ", text).strip().lower()


def text_fingerprint(text: str) -> str:
    """Hash of the normalised text: the same paper read twice gets the same value."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


@dataclass
class Line:
    start: int          # offset of the first character of the line
    end: int            # offset just past the line's last character (before "\n")
    raw: str

    @property
    def text(self) -> str:
        """The line stripped of whitespace and markdown bold markers."""
        return self.raw.replace("**", "").strip()

    @property
    def blank(self) -> bool:
        return not self.raw.strip()


def split_lines(text: str, base: int = 0) -> list[Line]:
    lines, pos = [], 0
    for raw in text.split("\n"):
        lines.append(Line(base + pos, base + pos + len(raw), raw))
        pos += len(raw) + 1
    return lines


PAGE_NUMBER_RE = re.compile(r"^\s*(?:-\s*)?\d{1,4}(?:\s*-)?\s*$")
PAGE_OF_RE = re.compile(r"^\s*page\s+\d{1,4}(?:\s+of\s+\d{1,4})?\s*$", re.I)
HTML_NOTE_RE = re.compile(r"^\W*<small>.*</small>\W*$", re.I)  # "*<small>Scanned page ...</small>*"
BLANK_PAGE_RE = re.compile(r"^\W*this page (?:is |has been )?(?:intentionally|deliberately) left blank\W*$",
                           re.I)


def is_furniture(line: Line) -> bool:
    """Page furniture: a page number alone on its line, "Page 3 of 43", a blank-page notice.

    Tab-indented numbers are table cells, not page numbers.
    """
    raw = line.raw
    if raw.startswith("\t") or raw.lstrip(" ").startswith("\t"):
        return False
    return bool(PAGE_NUMBER_RE.match(raw) or PAGE_OF_RE.match(raw) or BLANK_PAGE_RE.match(raw)
                or HTML_NOTE_RE.match(raw))


PAGE_BREAK_RE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$|^\f")  # "---" between pages of converted papers


def _is_bare_number(line: Line) -> bool:
    return bool(PAGE_NUMBER_RE.match(line.raw)) and not line.raw.lstrip(" ").startswith("\t")


def _page_number_at(pages: list[PageSpan], offset: int) -> Optional[int]:
    return next((p.number for p in pages if p.start <= offset < p.end), None)


def page_number_lines(lines: list[Line], pages: list[PageSpan]) -> set[int]:
    """Offsets of the bare-number lines that are page numbers: at a page's top or bottom (next
    to a "---" page break, a page edge, the start or end of the text) and, where pages are
    known, naming that page. Any other bare number is a table value: papers converted from PDF
    print each table cell as its own paragraph, and a cell can end a page."""
    edges = sorted({p.start for p in pages} | {p.end for p in pages})
    content = [l for l in lines if not l.blank]
    out: set[int] = set()
    for k, line in enumerate(content):
        if not _is_bare_number(line):
            continue
        prev = content[k - 1] if k else None
        nxt = content[k + 1] if k + 1 < len(content) else None
        at_edge = prev is None or nxt is None or any(PAGE_BREAK_RE.match(n.raw) for n in (prev, nxt))
        if not at_edge:  # a page edge with no other content between it and the number
            j = bisect.bisect_left(edges, prev.end)
            at_edge = j < len(edges) and edges[j] <= nxt.start and (edges[j] <= line.start or edges[j] >= line.end)
        page = _page_number_at(pages, line.start)
        # Page spans can be estimates: the number may name the page next to the one it sits on.
        if at_edge and (page is None or abs(int(line.text.strip(" -")) - page) <= 1):
            out.add(line.start)
    return out


def is_passage_furniture(line: Line, page_numbers: set[int]) -> bool:
    """Furniture left out of passages: as `is_furniture`, but a bare number only where it is a
    page number (`page_number_lines`)."""
    if _is_bare_number(line):
        return line.start in page_numbers
    return is_furniture(line)


# ---------------------------------------------------------------------------
# Dates and bodies
# ---------------------------------------------------------------------------

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December|" \
         r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?[\s\-]+" + _MONTH + r"\.?,?[\s\-]+(\d{4})\b", re.I)
MONTH_DAY_YEAR = re.compile(r"\b" + _MONTH + r"\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.I)
ISO_DATE = re.compile(r"\b(20\d\d|19\d\d)-(\d\d)-(\d\d)\b")


def _iso(year: int, month: int, day: int) -> Optional[str]:
    if 1 <= month <= 12 and 1 <= day <= 31 and 1900 < year < 2100:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def find_date(text: str) -> Optional[str]:
    """The first date written in `text` ("2 May 2019", "October 1, 2019", "30th-Jan-2025", ISO)."""
    found = []
    for m in DAY_MONTH_YEAR.finditer(text):
        found.append((m.start(), _iso(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))))
    for m in MONTH_DAY_YEAR.finditer(text):
        found.append((m.start(), _iso(int(m.group(3)), MONTHS[m.group(1).lower()], int(m.group(2)))))
    for m in ISO_DATE.finditer(text):
        found.append((m.start(), _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))))
    found = [f for f in sorted(found) if f[1]]
    return found[0][1] if found else None


_SMALL_WORDS = {"and", "of", "the", "for", "in", "on", "to", "a", "an", "at", "by", "with"}


def _capitalise(word: str) -> str:
    """'adare-rathkeale' -> 'Adare-Rathkeale'; '(sacic)' -> '(SACIC)' (an acronym in brackets)."""
    if re.fullmatch(r"\([a-z]{2,8}\)", word):
        return word.upper()
    return "-".join(p[:1].upper() + p[1:] for p in word.split("-"))


def tidy_body(name: str) -> Optional[str]:
    """'HEALTH AND WELLBEING BOARD' -> 'Health and Wellbeing Board'; None if nothing is left."""
    name = re.sub(r"\s+", " ", name.replace("**", "")).strip(" -–—,.:;*")
    name = re.sub(r"^(?:the|a)\s+", "", name, flags=re.I)
    name = re.sub(r"^(?:(?:regular|special|adjourned|extraordinary|annual|ordinary|monthly|virtual)\s+)+", "",
                  name, flags=re.I)
    if re.search(r"\band\b", name, re.I):  # a joint meeting of A and B; "Joint Policing Committee" keeps it
        name = re.sub(r"^joint\s+", "", name, flags=re.I)
    name = re.sub(r"^city of [A-Za-z]+\s+(?=\w)", "", name, flags=re.I)
    name = re.sub(r"\s+(?:date|time|venue|location|present)\s*:?$", "", name, flags=re.I)  # a form label ran on
    name = re.sub(r"\s+meetings?$", "", name, flags=re.I)  # "Joint Policing Committee Meeting"
    name = re.sub(r"\s+&\s+", " and ", name)  # "Travel & Transportation" (but "A&E")
    name = re.sub(r"(?<=[A-Za-z])-\s+(?=[A-Za-z])|(?<=[A-Za-z])\s+-(?=[A-Za-z])", "-", name)  # "Adare- Rathkeale" (wrapped)
    if not name or len(name) > 100 or not re.search(r"[A-Za-z]", name):
        return None
    if re.search(r"\b(?:of|the|and|for|at)$", name, re.I):
        return None  # a name cut where its line wrapped ("MUNICIPAL DISTRICT OF")
    if name.isupper() or name.islower():
        words = name.lower().split()
        name = " ".join(w if (i and w in _SMALL_WORDS) else _capitalise(w) for i, w in enumerate(words))
    return name


_NAME_WORD_RE = re.compile(r"[A-Za-z0-9]+|&")


def _name_words(text: str) -> list[re.Match]:
    """Words of a name as compared across spellings: '&' is 'and', a 'the' is dropped."""
    return [m for m in _NAME_WORD_RE.finditer(text) if m.group().lower() != "the"]


def _same_word(a: str, b: str) -> bool:
    a, b = a.lower().replace("&", "and"), b.lower().replace("&", "and")
    if a == b:
        return True
    # One OCR slip in a long word ("Kilmatlock" / "Kilmallock").
    return len(a) == len(b) >= 6 and sum(x != y for x, y in zip(a, b)) == 1


def body_as_named_in_path(body: Optional[str], source_path: str) -> Optional[str]:
    """The spelling of `body` in the paper's folder or file name, when they name it with the
    same words: papers print one body several ways ("Cappamore Kilmallock", "Cappamore-
    Kilmallock", "of the Cappamore Kilmallock", "Travel and" / "Travel & Transportation"), while
    a publisher names a series' files consistently. None when the path does not name it."""
    if not body:
        return None
    want = [m.group() for m in _name_words(body)]
    path = Path(source_path)
    for name in (path.parent.name, path.stem):
        if " " not in name:
            continue  # a slug ("city-council-2019-10-01") spells no name
        words = _name_words(name)
        # A long name may also leave out one word ("Home and Social [Development] Strategic ...").
        for extra in ((0, 1) if len(want) >= 5 else (0,)):
            for i in range(len(words) - len(want) - extra + 1):
                span = words[i:i + len(want) + extra]
                if any(_same_word(span[0].group(), want[0]) and _same_word(span[-1].group(), want[-1])
                       and all(_same_word(w.group(), x) for w, x in zip(span[:k] + span[k + extra:], want))
                       for k in range(1, len(span) - 1 or 1)):
                    return tidy_body(name[span[0].start():span[-1].end()])
    return None


def name_bodies_as_published(docs: list[Document], sidecar: Optional[dict] = None) -> None:
    """Give each document's body its spelling in the paper's folder or file name (see
    `body_as_named_in_path`), in the title too; a body the sidecar sets is kept as given."""
    for doc in docs:
        parts = (sidecar or {}).get("parts")
        part = parts[doc.part] if isinstance(parts, list) and doc.part < len(parts) else None
        given = (sidecar or {}).get("body") or (part.get("body") if isinstance(part, dict) else None)
        named = None if given else body_as_named_in_path(doc.body, doc.source_path)
        if named and named != doc.body:
            doc.title, doc.body = doc.title.replace(doc.body, named), named


# ---------------------------------------------------------------------------
# Part boundaries
# ---------------------------------------------------------------------------

REPORT_FOR_RE = re.compile(r"^\W*REPORT\s+(?:FOR|TO)\s*:", re.I)
MINUTES_TITLE_RE = re.compile(r"^\W*(?:[A-Z][A-Z&,'’ \-]{2,80}\s)?MINUTES\W*$")
MINUTES_OF_RE = re.compile(r"^\W*(?:APPROVED\s+|DRAFT\s+|UNAPPROVED\s+)?MINUTES\s+(?:of|OF)\s+"
                           r"(?:(?:PROCEEDINGS|Proceedings)\s+(?:at|of|AT|OF)\s+\S|(?:a|an|the|THE|A|MONTHLY|Monthly)\b)")
APPROVED_MINUTES_RE = re.compile(r"^\W*(?:APPROVED|DRAFT|UNAPPROVED|CONFIRMED)\s+MINUTES\W*$", re.I)
# "Minutes of the Regular Meeting of the" in mixed case: a title only when the line names a
# kind of meeting and stops there (running text "minutes of the meeting held on ..." does not).
MEETING_MINUTES_OF_RE = re.compile(r"^\W*Minutes of (?:the|a|an) (?:(?:Regular|Special|Adjourned|Annual|Joint|"
                                   r"Monthly|Ordinary|Extraordinary|Budget)\s+)+Meeting of(?: the)?\W*$", re.I)
DECISION_RECORD_RE = re.compile(r"RECORD OF (?:DECISION|EXECUTIVE DECISION)", re.I)
AGENDA_RE = re.compile(r"^\W*(?:AGENDA|A G E N D A)\W*$")
# Lines that open an item approving earlier minutes: a bare "MINUTES" heading above one is a
# section of the meeting, not the start of another meeting's minutes.
MINUTES_ITEM_RE = re.compile(r"^\W*(?:\(\*?[\w\- /]*\d[\w\- /]*\)\s*|\d{1,3}[.)]\s+)?(?:Minutes of|To (?:approve|adopt|"
                             r"confirm)|Approval of|Adoption of|Circulated)\b", re.I)
APPENDIX_RE = re.compile(
    r"^\W*(?:APPENDIX|Appendix|ANNEXE|Annexe|ANNEX|Annex|ENCLOSURE|Enclosure)\s+"
    r"(?:[A-Z]{1,2}|\d{1,2}|one|two|three|four|five|six|ONE|TWO|THREE)\b(?!\s*(?:sets out|shows|is|to|of the))")
APPENDIX_TAIL_RE = re.compile(r"\b(?:APPENDIX|ANNEXE|ANNEX)\s+(?:[A-Z]|\d{1,2})\W*$")
LISTING_RE = re.compile(r"^\W*(?:Enclosures?|Background Papers|Appendices|Attachments?|Contents)\b", re.I)
FROM_RE = re.compile(r"^\s*(?:From|By)\s*:", re.I)
TO_RE = re.compile(r"^\s*To\s*:?\s+\S", re.I)
SUBJECT_RE = re.compile(r"^\W*Subject\s*:", re.I)

KIND_RANK = {"report": 4, "minutes": 4, "decision record": 4, "agenda": 3, "appendix": 2, "break": 1}


@dataclass
class Boundary:
    line: int           # index into the source lines where the part starts
    kind: str           # report | minutes | decision record | agenda | appendix | break


def _next_content(lines: list[Line], i: int) -> int:
    """Index of the next line at or after i holding real content (not blank, not furniture)."""
    while i < len(lines) and (lines[i].blank or is_furniture(lines[i])):
        i += 1
    return i


def _prev_content(lines: list[Line], i: int, back: int = 3) -> list[Line]:
    out, j = [], i - 1
    while j >= 0 and len(out) < back:
        if not lines[j].blank:
            out.append(lines[j])
        j -= 1
    return out


def _is_appendix_title(lines: list[Line], i: int) -> bool:
    line = lines[i].text
    if len(line) > 90 or "\t" in lines[i].raw.strip() or re.match(r"^\s*[-•·*]\s", lines[i].raw):
        return False
    if not (APPENDIX_RE.match(line) or APPENDIX_TAIL_RE.search(line)):
        return False
    if re.match(r"^\W*\(\s*(?:appendix|annexe?|enclosure)\s+\w+\s*\)", line, re.I) \
            or re.search(r"(?:[,;]|\b(?:and|or))$", line):
        return False  # "(Appendix D); and," - a reference inside a sentence
    if re.match(r"^\W*(?:appendix|annexe?|enclosure)\s+\w+\.\s+\S+(?:\s+\S+){5,}", line, re.I):
        return False  # "Appendix E. The earlier Local Plan work was ..." - a sentence
    if re.search(r"\.{3,}|\s\d{1,3}$", line):  # a contents-list entry
        return False
    if any(LISTING_RE.match(p.text) or APPENDIX_RE.match(p.text) for p in _prev_content(lines, i, 2)):
        return False  # listed under "Enclosures:" / "Background Papers:"
    nxt = _next_content(lines, i + 1)
    if nxt < len(lines) and APPENDIX_RE.match(lines[nxt].text):
        return False  # a list of appendices
    return True


def _is_from_to_subject(lines: list[Line], i: int) -> bool:
    """Kent-style report cover: "From:" then, within a few lines, "To:" and "Subject:"."""
    if not FROM_RE.match(lines[i].raw):
        return False
    window = [l.raw for l in lines[i + 1:i + 16]]
    return any(TO_RE.match(w) for w in window) and any(SUBJECT_RE.match(w) for w in window)


def _is_minutes_title(lines: list[Line], i: int) -> bool:
    """A minutes header line ("CABINET MINUTES", "MINUTES of a meeting of ...", "Approved
    Minutes"); a bare "MINUTES" heading over an item approving earlier minutes is not one."""
    text = lines[i].text
    if re.match(r"^\d", text) or not (MINUTES_TITLE_RE.match(text) or MINUTES_OF_RE.match(text)
                                      or APPROVED_MINUTES_RE.match(text) or MEETING_MINUTES_OF_RE.match(text)):
        return False
    if re.match(r"^\W*MINUTES\W*$", text):
        nxt = _next_content(lines, i + 1)
        if nxt < len(lines) and MINUTES_ITEM_RE.match(lines[nxt].text):
            return False
    return True


def find_boundaries(lines: list[Line]) -> list[Boundary]:
    found: list[Boundary] = []
    last_appendix: Optional[str] = None
    for i, line in enumerate(lines):
        if line.blank:
            continue
        text = line.text
        if BLANK_PAGE_RE.match(line.raw):
            found.append(Boundary(_next_content(lines, i + 1), "break"))
        elif REPORT_FOR_RE.match(text) or _is_from_to_subject(lines, i):
            found.append(Boundary(i, "report"))
        elif _is_minutes_title(lines, i):
            found.append(Boundary(i, "minutes"))
        elif DECISION_RECORD_RE.search(text) and len(text) < 120 and text.upper() == text:
            found.append(Boundary(i, "decision record"))
        elif AGENDA_RE.match(text):
            found.append(Boundary(i, "agenda"))
        elif _is_appendix_title(lines, i):
            label = _appendix_label(text)
            if label and label == last_appendix:
                continue  # the same appendix's title repeated at the top of each page
            last_appendix = label
            found.append(Boundary(i, "appendix"))
    return _collapse(found, lines)


def _appendix_label(text: str) -> Optional[str]:
    m = re.search(r"\b(appendix|annexe?|enclosure)\s+(\w+)", text, re.I)
    return f"{m.group(1).lower()} {m.group(2).lower()}" if m else None


def _collapse(found: list[Boundary], lines: list[Line], min_words: int = 40) -> list[Boundary]:
    """Merge boundaries with little content between them (a cover page, a heading block)."""
    out: list[Boundary] = []
    for b in sorted(found, key=lambda b: b.line):
        if b.line >= len(lines):
            continue
        if out:
            between = " ".join(l.text for l in lines[out[-1].line:b.line] if not is_furniture(l))
            if len(between.split()) < min_words:
                if KIND_RANK[b.kind] > KIND_RANK[out[-1].kind]:
                    out[-1].kind = b.kind
                continue
        out.append(b)
    # Anything before the first boundary is a part of its own only if it has content.
    if out and out[0].line > 0:
        head = " ".join(l.text for l in lines[:out[0].line] if not is_furniture(l))
        # A summons / covering letter before the "AGENDA" line belongs to the agenda.
        if len(head.split()) < min_words or out[0].kind == "agenda":
            out[0] = Boundary(0, out[0].kind)
        else:
            out.insert(0, Boundary(0, "break"))
    if not out:
        out = [Boundary(0, "break")]
    return out


# ---------------------------------------------------------------------------
# Part metadata
# ---------------------------------------------------------------------------

@dataclass
class PartMeta:
    kind: str
    doc_type: str
    title: str
    body: Optional[str]
    meeting_date: Optional[str]
    own_meeting: bool = False   # dated by its own text (a signed decision), never the pack's meeting


def _head_lines(lines: list[Line], limit: int = 40) -> list[str]:
    out = []
    for l in lines:
        if not l.blank and not is_furniture(l):
            out.append(l.text)
            if len(out) >= limit:
                break
    return out


def _joined_value(head: list[str], i: int, first: str, stop: re.Pattern) -> str:
    """A 'Label: value' whose value may wrap onto the following short lines."""
    value = [first]
    for nxt in head[i + 1:i + 3]:
        if stop.match(nxt) or len(nxt) > 60 or ":" in nxt:
            break
        value.append(nxt)
    return " ".join(value)


_LABEL_RE = re.compile(r"^[A-Z][\w /()-]{1,40}:")
_GENERIC_TITLES = {"introduction", "contents", "foreword", "summary", "background", "agenda",
                   "minutes", "index", "overview"}


_COVER_LABEL_RE = re.compile(r"^\W*(?:Responsible Officer|Exempt|Public|Wards? affected|Enclosures?|Date|"
                             r"Decision|Key Decision|Classification|Past Pathway|Future Pathway|From|To|"
                             r"Electoral Division|Portfolio|Report of|Author)\b[^:]{0,20}:", re.I)


def _subject(lines: list[Line], first: str) -> str:
    """The 'Subject:' value, which may wrap over the following lines up to a blank line."""
    for i, l in enumerate(lines[:60]):
        if SUBJECT_RE.match(l.text):
            value = [l.text[SUBJECT_RE.match(l.text).end():].strip()]
            for nxt in lines[i + 1:i + 4]:
                if nxt.blank or _COVER_LABEL_RE.match(nxt.text):
                    break
                value.append(nxt.text)
            return " ".join(v for v in value if v)
    return first


_TITLE_WORDS = re.compile(r"\b(plan|strategy|report|document|assessment|evaluation|review|update|"
                          r"programme|policy|budget|register|summary|case for change)\b", re.I)


_MONTH_YEAR_RE = re.compile(_MONTH + r"\s+\d{4}\b", re.I)
_TITLE_FIELD_RE = re.compile(r"^\W*(?:[\w /]*\bTitle of (?:Decision|Report)|Decision Title|Report Title|"
                             r"Title)\s*:\s*(.*)$", re.I)


_TITLE_LABEL_ALONE_RE = re.compile(r"^\W*(?:[\w /]*\bTitle of (?:Decision|Report)|Decision Title|Report Title)"
                                  r"\s*:?\s*$", re.I)


def _title_continuation(head: list[str], i: int) -> list[str]:
    """Lines a title wraps onto: while it ends mid-phrase (comma, dash, 'and') or the next
    line carries on with 'and ...' / lower case."""
    out: list[str] = []
    cur = head[i]
    for nxt in head[i + 1:i + 3]:
        if _LABEL_RE.match(nxt) or len(nxt) > 120 or nxt.endswith(".") or ":" in nxt:
            break
        if re.search(r"(?:[,\-–—&:]|\b(?:and|of|for|the|to|in|on|with))$", cur) \
                or re.match(r"^(?:and|&|of|for|to|in|on|with)\b|^[a-z]", nxt):
            out.append(nxt)
            cur = nxt
        else:
            break
    return out


def _labelled_title(head: list[str]) -> Optional[str]:
    """'Subject Matter / Title of Decision: Revenue and Capital ... –' (+ wrapped line)."""
    for i, line in enumerate(head[:40]):
        m = _TITLE_FIELD_RE.match(line)
        if m and m.group(1).strip():
            value = [m.group(1).strip()] + _title_continuation([m.group(1).strip()] + head[i + 1:], 0)
            return re.sub(r"\s+", " ", " ".join(value)).strip()[:200]
        # "Subject Matter / Title of Decision" alone on its line: the value is the next line.
        if _TITLE_LABEL_ALONE_RE.match(line) and i + 1 < len(head) and not _LABEL_RE.match(head[i + 1]):
            value = [head[i + 1]] + _title_continuation(head, i + 1)
            return re.sub(r"\s+", " ", " ".join(value)).strip()[:200]
    return None


def _title_from_head(head: list[str]) -> Optional[str]:
    """A part's title: the first early line naming a kind of paper (with the short title lines
    just above it), else the first line of 3+ words that is not a label."""
    for i, line in enumerate(head[:12]):
        if _TITLE_WORDS.search(line) and len(line) <= 120 and not line.startswith("-") \
                and not re.match(r"^(agreed|page|date|tel|email|subject|to|from)\b", line, re.I):
            title = [line]
            for prev in reversed(head[max(0, i - 2):i]):
                if len(prev) > 60 or len(prev.split()) < 2 or _LABEL_RE.match(prev) or prev.endswith(".") \
                        or _MONTH_YEAR_RE.search(prev) or re.match(r"^(agreed|approved)\b", prev, re.I):
                    break
                title.insert(0, prev)
            title += _title_continuation(head, i)
            return re.sub(r"\s+", " ", " ".join(title)).strip()[:200]
    for i, line in enumerate(head[:15]):
        words = line.split()
        if (len(words) < 3 or len(line) > 150 or _LABEL_RE.match(line) or line.startswith("-")
                or re.match(r"^(agreed|page|date|tel|email)\b", line, re.I)):
            continue
        title = [line]
        for nxt in head[i + 1:i + 3]:
            if len(nxt) > 70 or _LABEL_RE.match(nxt) or nxt.endswith(".") or len(nxt.split()) < 2:
                break
            title.append(nxt)
        return re.sub(r"\s+", " ", " ".join(title)).strip()[:200]
    return None


def describe_part(lines: list[Line], kind: str, source_path: str) -> PartMeta:
    """Title, type, body and own meeting date of one part, from its opening lines."""
    head = _head_lines(lines)
    head_text = "\n".join(head)
    body = date = title = None
    own_meeting = False
    # Classify from the text itself when the boundary did not say.
    if kind in ("break", "appendix", "agenda"):
        for i, l in enumerate(head[:25]):
            if REPORT_FOR_RE.match(l) or (FROM_RE.match(l) and any(SUBJECT_RE.match(x) for x in head[i:i + 16])):
                kind = "report"
                break
            if (MINUTES_TITLE_RE.match(l) or MINUTES_OF_RE.match(l) or APPROVED_MINUTES_RE.match(l)
                    or MEETING_MINUTES_OF_RE.match(l)) and not re.match(r"^\d", l):
                kind = "minutes"
                break
            if DECISION_RECORD_RE.search(l):
                kind = "decision record"
                break
            if AGENDA_RE.match(l):
                kind = "agenda"
                break

    if kind == "report":
        for i, l in enumerate(head):
            m = REPORT_FOR_RE.match(l)
            if m and body is None:
                body = tidy_body(_joined_value(head, i, l[m.end():], re.compile(r"^\W*(Date|Subject)")))
            m = re.match(r"^\W*Date of Meeting\s*:?\s*(.*)", l, re.I)
            if m and date is None:
                date = find_date(m.group(1))
            m = SUBJECT_RE.match(l)
            if m and title is None:
                title = _subject(lines, l[m.end():].strip())
            m = re.match(r"^\s*To\s*:?\s+(.+)", l)
            if m and i < 20 and (body is None or date is None):
                d = find_date(m.group(1))
                if d:
                    date = date or d
                    body = body or tidy_body(re.split(r"[-–—,]\s*\d|\s\d{1,2}(?:st|nd|rd|th)?\s", m.group(1))[0])
        title = re.sub(r"\s+", " ", title or "").strip() or None
    elif kind == "minutes":
        body, date, meeting_kind, title = minutes_meeting(head, date_from_name(Path(source_path).stem))
        title = title or _title_from_head(head)
        if body and date:
            title = f"{body} {meeting_kind} meeting minutes, {date}" if meeting_kind else f"{body} minutes, {date}"
    elif kind == "agenda":
        body = _agenda_body(head)
        date = _summons_date(head[:40], date_from_name(Path(source_path).stem))
        for i, l in enumerate(head[:20] if date is None else []):
            if re.match(r"^\W*(?:DATE|Date of meeting|Meeting date)\s*:", l, re.I) or (
                    find_date(l) and re.search(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)",
                                               l, re.I)):
                date = find_date(" ".join(head[i:i + 2]))
                if date:
                    break
        title = f"{body} agenda" if body else "Agenda"
        if date:
            title += f", {date}"
    elif kind == "decision record":
        title = _labelled_title(head) or _title_from_head(head)
        for l in head:
            m = re.match(r"^\W*Date of Meeting\s*:?\s*(.*)", l, re.I)
            if m:
                date = find_date(m.group(1))
        maker, signed = form_decision([l.text for l in lines])
        if signed and date is None:
            # A signed form records its maker's decision, wherever it is printed.
            body, date, own_meeting = tidy_body(maker) if maker else None, signed, True
    if kind not in ("minutes", "agenda") and date is None:
        date, cover_body = _cover_meeting(head[:25])
        body = body or cover_body
    if kind == "appendix" and title is None and head:
        title = head[0] if len(head[0]) > 12 or len(head) < 2 else f"{head[0]} {head[1]}"
    title = title or _title_from_head(head) or Path(source_path).stem
    if title.lower().strip(" :") in _GENERIC_TITLES:
        title = Path(source_path).stem
    doc_type = {"report": "report", "minutes": "minutes", "agenda": "agenda",
                "decision record": "decision record"}.get(kind)
    if doc_type is None:
        doc_type = "plan" if re.search(r"\b(plan|strategy)\b", title, re.I) else "other"
    return PartMeta(kind, doc_type, title, body, date, own_meeting)


_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_MEETING_KINDS = r"(?:regular|special|adjourned|annual|joint|monthly|ordinary|extraordinary|budget|virtual|" \
                 r"statutory|inaugural)"
_HEADER_STOP_RE = re.compile(r"^\W*(?:present|roll call|in attendance|members present|chair(?:man|person)?\b|"
                             r"apologies|\d{1,3}[.)](?:\s|$)|\(\d)", re.I)
# Where a body name ends in a minutes/agenda header: "held", a weekday, "on", "at", a comma, a date.
_BODY_END = r"(?=\s+(?:held|will|to be|takes?|on|at|in|commencing)\b|\s*,?\s+" + _WEEKDAY + \
            r"|\s*,\s*(?:held|on|at|in|\d)|\s+\d|\s*[-–—]\s*\d|\s*[.;]|\s*$)"
_MEETING_OF_RE = re.compile(r"(?:minutes of\s+(?:(?:proceedings|the proceedings)\s+(?:at|of)\s+)?(?:(?:a|an|the)\s+)?"
                            r"(?P<pre>[^,]*?)\s*)?\bmeeting(?:\s*\([\w\s]{2,20}\))? of\s+(?:the\s+)?(?P<post>.+?)" + _BODY_END,
                            re.I)  # "SPECIAL MEETING (IN COMMITTEE) OF THE ..."
_NAMED_MEETING_RE = re.compile(r"minutes\s+(?:of\s+(?:proceedings\s+(?:at|of)\s+)?(?:the\s+)?)?"
                               r"(?P<name>.+?)\s+meeting\b(?!\s+of)", re.I)
_DAY_MONTH_RE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r"\b(?!,?\s*\d{4})", re.I)


def _strip_kinds(name: str) -> str:
    """'SPECIAL JOINT' -> '', 'MONTHLY' -> '', 'JOINT POLICING SUB COMMITTEE' keeps 'JOINT'."""
    kinds = _MEETING_KINDS.replace("joint|", "")
    name = re.sub(r"^(?:(?:" + kinds + r"|the|a|an)(?:\s+|$))+", "", name.strip(), flags=re.I)
    return "" if re.fullmatch(r"(?:joint\s*)?", name, re.I) else name


# A minutes header is read over 7 lines, or more while it stays short: some print one word a
# line ("MINUTES / OF / PROCEEDINGS / AT / MEETING / OF / THE / ...") before the date.
HEADER_LINES, HEADER_WORDS = 7, 45


def _minutes_header(head: list[str]) -> tuple[str, str]:
    """(title line, header block): the minutes title line and the lines after it naming the
    meeting, up to the first line carrying a date; stops at "PRESENT", a roll call, an item."""
    start = next((i for i, l in enumerate(head[:25])
                  if (MINUTES_TITLE_RE.match(l) or MINUTES_OF_RE.match(l) or APPROVED_MINUTES_RE.match(l)
                      or MEETING_MINUTES_OF_RE.match(l) or re.match(r"^\W*minutes of proceedings\b", l, re.I))
                  and not re.match(r"^\d", l)), 0)
    block: list[str] = []
    for k, l in enumerate(head[start:start + 3 * HEADER_LINES]):
        if block and _HEADER_STOP_RE.match(l):
            break
        if len(block) >= HEADER_LINES and len(" ".join(block + [l]).split()) > HEADER_WORDS:
            break
        block.append(l)
        nxt = head[start + k + 1] if start + k + 1 < len(head) else ""
        if (find_date(l) or _DAY_MONTH_RE.search(l)) and not re.search(r"meeting of|minutes of", nxt, re.I):
            break
    return head[start] if head else "", " ".join(block)


def _name_line_above(head: list[str], title_line: str) -> Optional[str]:
    """An upper-case name printed just above the minutes title ("CORPORATE PARENTING PANEL –
    29 October 2024"), when the title itself names no body ("MINUTES of the meeting held ...")."""
    if title_line not in head or re.search(r"meeting of|minutes of (?:proceedings|the \w+ meeting)",
                                           title_line, re.I):
        return None
    i = head.index(title_line)
    if i == 0:
        return None
    prev = head[i - 1]
    name = re.split(r"\s*[-–—]\s*|\s+(?=\d)", prev)[0]
    if ":" in prev or len(name.split()) > 8 or not name.isupper() or re.search(r"\bCOUNTY COUNCIL$", name):
        return None
    return prev


def minutes_meeting(head: list[str], name_date: Optional[str]
                    ) -> tuple[Optional[str], Optional[str], Optional[str], Optional[str]]:
    """(body, date, kind of meeting, title line) of minutes, from their own header: the meeting
    they record. Dates further down (minutes of earlier meetings approved under an item) are
    never the minutes' own date."""
    title_line, block = _minutes_header(head)
    above = _name_line_above(head, title_line)
    if above and not find_date(block):
        block = f"{above} {block}"
    body = None
    for m in _MEETING_OF_RE.finditer(block):
        pre = _strip_kinds(re.sub(r"^.*\bminutes\b\W*(?:of\s+)?", "", m.group("pre") or "", flags=re.I))
        post = m.group("post")
        joined = f"{pre} {'OF' if post.isupper() else 'of'} {post}"
        body = tidy_body(joined if pre and not find_date(pre) else post)
        if body:
            break
    if body is None:
        m = _NAMED_MEETING_RE.search(block)
        if m and not find_date(m.group("name")):
            body = tidy_body(_strip_kinds(m.group("name")))
    m = re.match(r"^\W*(?P<name>[A-Z][A-Z&,'’ \-]{2,80}?)\s+MINUTES\W*$", title_line)
    if body is None and m and not APPROVED_MINUTES_RE.match(title_line):
        body = tidy_body(m.group("name"))
    if body is None and above:
        body = tidy_body(re.split(r"\s*[-–—]\s*|\s+(?=\d)", above)[0])
    kind = re.search(r"\b(special|adjourned|extraordinary|annual|budget|joint)\b(?=[\w ]*meeting)", block, re.I)
    meeting_kind = kind.group(1).lower() if kind else None
    if meeting_kind == "joint" and body and re.search(r"\bjoint\b", body, re.I):
        meeting_kind = None  # the body's own name ("Joint Policing Committee")

    date = find_date(block)
    if date is None:
        m = _DAY_MONTH_RE.search(block)
        if m:  # "THURSDAY 23RD MARCH AT 3.00PM": the year from the file name or the text
            year = (name_date or find_date(" ".join(head[:40])) or "")[:4]
            date = _iso(int(year), MONTHS[m.group(2).lower()], int(m.group(1))) if year else None
    if date is None:
        for i, l in enumerate(head[:25]):
            if re.search(r"\bheld\b", l, re.I) and not re.search(r"\bminutes\b", l, re.I):
                date = find_date(" ".join(head[i:i + 2]))
                if date:
                    break
    if date is None:
        date = name_date
    if date is None:
        date = find_date("\n".join(l for l in head[:8] if not re.search(r"\bminutes\b", l, re.I)))
    return body, date, meeting_kind, title_line or None


# An item however it is printed: "1. Minutes", "1.Minutes", "2) Apologies".
_ITEM_LINE_RE = re.compile(r"^\W*\d{1,3}[.)]\s*[A-Za-z]")
_SUMMONS_RE = re.compile(r"\b(?:meeting\s+on|(?:to be|will be)?\s*held|take\s+place)\b", re.I)


def _year_for(day_month: re.Match, letter_date: Optional[str], name_date: Optional[str]) -> Optional[str]:
    """A year-less "Thursday 23rd March": the year of the letter calling the meeting (the next
    one when the letter is dated later in the year), else of the file name's date."""
    month, day = MONTHS[day_month.group(2).lower()], int(day_month.group(1))
    if letter_date:
        year = int(letter_date[:4]) + (month < int(letter_date[5:7]))
        return _iso(year, month, day)
    return _iso(int(name_date[:4]), month, day) if name_date else None


def _summons_date(head: list[str], name_date: Optional[str] = None) -> Optional[str]:
    """The date a summons gives for the meeting ("... will be held in the Council Chamber ... on
    Thursday, 9th January, 2025"; "Meeting on Thursday, 9th January, 2025"), not the letter's date."""
    # Only the letter above the items: items name other meetings ("Minutes of the Meeting held
    # on ..."), and so does anything after an AGENDA line that follows the summons.
    end = next((i for i, l in enumerate(head) if NUMBERED_ITEM_RE.match(l) or _ITEM_LINE_RE.match(l)
                or (AGENDA_RE.match(l) and _SUMMONS_RE.search(" ".join(head[:i])))), len(head))
    text = " ".join(head[:end])
    for m in _SUMMONS_RE.finditer(text):
        window = text[m.end():m.end() + 160]
        day = re.search(_WEEKDAY, window, re.I)
        # The date must be the one that follows the meeting's weekday (a year lost as a page
        # number must not let the letter's own date further on stand in for it).
        after = window[day.end():day.end() + 30] if day else window[:60]
        date = find_date(after)
        if date is None and _DAY_MONTH_RE.match(after.lstrip(" ,")):
            date = _year_for(_DAY_MONTH_RE.match(after.lstrip(" ,")), find_date(text[:m.start()]), name_date)
        if date:
            return date
    return None


def _agenda_body(head: list[str]) -> Optional[str]:
    """The body an agenda is for: "... a meeting of the County Council will be held ...",
    else the name printed next to the "AGENDA" line (never an agenda item)."""
    # Only the summons above the items: items name other meetings ("minutes of ... held on").
    end = next((i for i, l in enumerate(head[:40]) if AGENDA_RE.match(l) or NUMBERED_ITEM_RE.match(l)), 40)
    text = " ".join(head[:end])
    for m in re.finditer(r"\bmeeting of\s+(?:the\s+)?(?P<post>.+?)" + _BODY_END, text, re.I):
        body = tidy_body(m.group("post"))
        if body:
            return body
    for i, l in enumerate(head[:12]):
        if AGENDA_RE.match(l):
            for cand in ([head[i - 1]] if i else []) + head[i + 1:i + 2]:
                if not find_date(cand) and not _LABEL_RE.match(cand) and len(cand) < 60 \
                        and not NUMBERED_ITEM_RE.match(cand) and not re.match(r"^\W*(?:[ivx]+|\d+)\W", cand, re.I) \
                        and not MINUTES_ITEM_RE.match(cand) and not re.search(r"\bminutes\b", cand, re.I):
                    return tidy_body(cand)
            break
    return None


def _cover_meeting(head: list[str]) -> tuple[Optional[str], Optional[str]]:
    """'To: Cabinet - 30 January 2025', 'To Cabinet – 30 January 2025', 'Date of Meeting: ...'.
    In a covering letter ("Dear Member") a bare 'Date:' is the letter's date: the meeting is
    the 'COUNTY COUNCIL - THURSDAY, 13 FEBRUARY 2025' line."""
    letter = any(re.match(r"^\W*(?:Dear\b|Yours (?:sincerely|faithfully)|Ask for\b)", l, re.I) for l in head)
    for l in head:
        m = re.match(r"^\W*(?P<name>[A-Z][A-Z&'’ ]{2,60}?)\s*[-–—:,]\s*" + _WEEKDAY + r"\W+(?P<date>.*)$", l, re.I)
        if m and m.group("name").isupper() and find_date(m.group("date")):
            return find_date(m.group("date")), tidy_body(m.group("name"))
    for l in head:
        m = re.match(r"^\W*(?:Date of Meeting|Meeting Date|DATE)\s*:?\s*(.*)", l, re.I)
        if m and letter and not re.match(r"^\W*(?:Date of Meeting|Meeting Date)", l, re.I):
            continue
        if m and find_date(m.group(1)):
            return find_date(m.group(1)), None
        m = re.match(r"^\s*To\s*:?\s+([A-Z].*)", l)
        if m and find_date(m.group(1)):
            name = re.split(r"\s*[-–—,]\s*(?=\d)|\s(?=\d{1,2}(?:st|nd|rd|th)?\s)", m.group(1))[0]
            return find_date(m.group(1)), tidy_body(name)
    return None, None


_FILE_DATE_RE = re.compile(r"(?<![\w-])(\d{1,2})(?:st|nd|rd|th)?[-_ ]+" + _MONTH + r"[-_ ]+(\d{4})", re.I)


def date_from_name(name: str) -> Optional[str]:
    m = _FILE_DATE_RE.search(name)
    if m:
        return _iso(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
    return find_date(name.replace("_", " "))


def body_from_name(name: str) -> Optional[str]:
    """'Agenda frontsheet 30th-Jan-2025 10.00 Cabinet' -> 'Cabinet' (what follows date and time);
    '... - Monthly Meeting of the Municipal District of X - 23rd March 2023' -> 'Municipal District of X'."""
    m = re.search(r"\d{4}(?:\s+\d{1,2}[.:]\d{2})?\s+([A-Za-z][A-Za-z&' ]{2,60})$", name)
    if m:
        return tidy_body(m.group(1))
    m = re.search(r"\bmeeting of\s+(?:the\s+)?([A-Za-z][\w&',\- ]{2,100}?)\s*[-–—,]?\s*\d{1,2}(?:st|nd|rd|th)?[\s\-]+"
                  + _MONTH + r"\b", name, re.I)
    return tidy_body(m.group(1)) if m else None


def meeting_from_folder(source_path: str) -> tuple[Optional[str], Optional[str]]:
    """(date, body) from an agenda or minutes file name in the same folder, if exactly one meeting."""
    path = Path(source_path)
    try:
        siblings = [p.stem for p in path.parent.iterdir() if p.is_file()]
    except OSError:
        return None, None
    dates, bodies = set(), set()
    for stem in siblings:
        if re.search(r"agenda|frontsheet|printed minutes", stem, re.I):
            d = date_from_name(stem)
            if d:
                dates.add(d)
                b = body_from_name(stem)
                if b:
                    bodies.add(b)
    if len(dates) != 1:
        return None, None
    return dates.pop(), (bodies.pop() if len(bodies) == 1 else None)


# ---------------------------------------------------------------------------
# split_documents
# ---------------------------------------------------------------------------

def _page_of(pages: list[PageSpan], offset: int) -> Optional[int]:
    for p in pages:
        if p.start <= offset < p.end:
            return p.number
    return None


def _rebase_pages(pages: list[PageSpan], start: int, end: int) -> list[PageSpan]:
    out = []
    for p in pages:
        s, e = max(p.start, start), min(p.end, end)
        if s < e:
            out.append(PageSpan(p.number, s - start, e - start))
    return out


def _rebase_tables(rows: list[TableRow], start: int, end: int) -> list[TableRow]:
    out = []
    for r in rows:
        if start <= r.start < end:
            out.append(TableRow(headers=list(r.headers), cells=list(r.cells), start=r.start - start,
                                end=min(r.end, end) - start, page=r.page, caption=r.caption))
    return out


def _has_meeting_signals(metas: list[PartMeta]) -> bool:
    return any(m.kind in ("report", "minutes", "agenda", "decision record") or m.meeting_date
               for m in metas)


_PLAN_NAME_RE = re.compile(r"\b(?:the|this|our)\s+((?:[\w&'’-]+\s+){0,5}(?:Plan|Strategy)\s+(?:19|20)\d\d\s*[-–]\s*"
                           r"(?:19|20)?\d\d)\b")


def _self_named_plan(text: str) -> Optional[str]:
    """'... the 0-25 Commissioning Plan 2019-2024' -> that name (most often named, then first)."""
    names: dict[str, int] = {}
    for line in text.split("\n"):
        if "\t" in line:
            continue  # table cells name other plans
        for m in _PLAN_NAME_RE.finditer(line):
            words = m.group(1).split()
            while words and words[0][:1].islower():
                words.pop(0)  # "details of the 0-25 ... Plan" -> "0-25 ... Plan"
            name = " ".join(words)
            if len(words) >= 2 and (name[:1].isupper() or name[:1].isdigit()):
                names[name] = names.get(name, 0) + 1
    if not names:
        return None
    # A plan's opening paragraphs talk about its own subject: score names by how often
    # their words appear there, then by how often the name itself is used.
    intro = text[:2500].lower()

    def score(name: str) -> tuple[int, int]:
        words = [w for w in re.findall(r"[a-z]{4,}", name.lower()) if w not in ("plan", "strategy")]
        return sum(intro.count(w) for w in words), names[name]
    return max(names, key=score)


AGENDA_ITEM_RE = re.compile(r"^\W*(\d{1,3}[a-z]?)[.)]?\s+(.+?)\s*\(Pages?\s+(\d{1,4})(?:\s*[-–—]\s*(\d{1,4}))?\)\W*$",
                             re.I)
_STOP_WORDS = _SMALL_WORDS | {"from", "report", "this", "that", "update", "item", "are", "its", "our"}


@dataclass
class AgendaItem:
    """An agenda line introducing papers: '12. SEND STRATEGY ... (Pages 101 - 194)'."""
    heading: str        # the agenda line as printed (wrapped lines joined)
    title: str          # without number and page range
    first_page: int
    last_page: int


def agenda_items(lines: list[Line]) -> list[AgendaItem]:
    """Items with a '(Pages a - b)' range, in agenda order; a title wrapped onto the range's
    line (PDF agendas) is joined to its numbered first line."""
    items: list[AgendaItem] = []
    for i, line in enumerate(lines):
        text = line.text
        if not re.search(r"\(Pages?\s+\d", text):
            continue
        if not re.match(r"^\W*\d{1,3}[a-z]?[.)]?\s", text):
            prev = _prev_content(lines, i, 2)
            head = next((k for k, p in enumerate(prev) if re.match(r"^\W*\d{1,3}[a-z]?[.)]?\s", p.text)), None)
            if head is None:
                continue
            text = " ".join([p.text for p in reversed(prev[:head + 1])] + [text])
        m = AGENDA_ITEM_RE.match(text)
        if m:
            first = int(m.group(3))
            last = int(m.group(4)) if m.group(4) else first
            if last >= first:
                items.append(AgendaItem(re.sub(r"\s+", " ", text).strip(), m.group(2).strip(), first, last))
    return items


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]{3,}", normalise_text(text)) if w not in _STOP_WORDS}


def _item_part_score(item: AgendaItem, meta: PartMeta, head: str, page: Optional[int]) -> float:
    """How well a part fits as the first paper of an agenda item: title words found in the
    part's opening lines, minutes for a minutes item, and its start page when pages are known."""
    words = _content_words(item.title)
    if not words:
        return 0.0
    score = len(words & _content_words(head)) / len(words)
    if meta.kind == "minutes" and "minutes" in words:
        score = max(score, 1.0)
    if page is not None:
        score += 0.5 if abs(page - item.first_page) <= 1 else -0.25 if abs(page - item.first_page) > 5 else 0
    return score


def link_agenda_items(items: list[AgendaItem], metas: list[PartMeta], heads: list[str],
                      pages: list[Optional[int]]) -> list[Optional[AgendaItem]]:
    """For each part, the agenda item it was printed under (None for the agenda itself and
    parts before the first linked item). Items are matched to their first part in order."""
    linked: list[Optional[AgendaItem]] = [None] * len(metas)
    starts: list[tuple[int, AgendaItem]] = []
    after = next((k for k, m in enumerate(metas) if m.kind == "agenda"), -1)
    for item in items:
        best = None
        for k in range(after + 1, len(metas)):
            if metas[k].kind == "agenda":
                continue
            score = _item_part_score(item, metas[k], heads[k], pages[k])
            if score >= 0.6 and (best is None or score > best[0] + 0.05):
                best = (score, k)
        if best:
            starts.append((best[1], item))
            after = best[1]
    for n, (k, item) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(metas)
        for j in range(k, end):
            if metas[j].kind == "agenda" or (j > k and metas[j].kind == "minutes"):
                break
            if j > k and pages[j] is not None and pages[j] > item.last_page + 1:
                break
            linked[j] = item
    return linked


def pinned_text_pages(source: SourceText, spans: list[tuple[int, int]],
                      linked: list[Optional[AgendaItem]]) -> list[PageSpan]:
    """Pages of a text pack: each linked paper starts on its agenda item's first page (the
    last paper ends on its item's last page), a blank-page notice before a paper is the page
    before it, and printed page numbers hold in between; interpolation only fills the gaps."""
    from .textfile import page_markers, page_spans_from_anchors
    text = source.text
    footers = [(end, n + 1) for n, end in page_markers(text) if end < len(text)]
    pinned: list[tuple[int, int]] = [(0, 1)]
    for k, (start, _) in enumerate(spans):
        item = linked[k]
        if item is not None and (k == 0 or linked[k - 1] is not item):
            pinned.append((start, item.first_page))
            before = text[max(0, start - 200):start]
            m = list(re.finditer(r"(?im)^\W*this page (?:is |has been )?(?:intentionally|deliberately) "
                                 r"left blank\W*$", before))
            if m and not before[m[-1].end():].strip() and item.first_page > 1:
                pinned.append((max(0, start - 200) + m[-1].start(), item.first_page - 1))
    last = linked[-1] if linked else None
    if last is not None:
        pinned.append((len(text), last.last_page + 1))
    # Printed numbers win; a pinned start that contradicts them is dropped.
    anchors = sorted(set(footers)) if len(footers) >= 2 else []
    for a in sorted(set(pinned)):
        if _fits(anchors, a):
            anchors.append(a)
            anchors.sort()
    if len(anchors) < 2:
        return list(source.pages)
    # A blank-page notice inside a paper is a page of its own: the text after it starts the next.
    first_pass = page_spans_from_anchors(anchors, len(text))
    for m in re.finditer(r"(?im)^\W*this page (?:is |has been )?(?:intentionally|deliberately) "
                         r"left blank\W*$", text):
        n = _page_of(first_pass, m.start())
        after = len(text) - len(text[m.end():].lstrip())
        if n is None or after >= len(text):
            continue
        for a in ((m.start(), n), (after, n + 1)):
            if _fits(anchors, a):
                anchors.append(a)
                anchors.sort()
    return page_spans_from_anchors(anchors, len(text))


def _fits(anchors: list[tuple[int, int]], new: tuple[int, int]) -> bool:
    """Whether a page start keeps offsets and page numbers rising together."""
    for o, n in anchors:
        if (o < new[0] and n >= new[1]) or (o > new[0] and n <= new[1]) or (o == new[0] and n != new[1]):
            return False
    return True


def _parent_title(k: int, metas: list[PartMeta], linked: list[Optional[AgendaItem]]) -> Optional[str]:
    """The paper an appendix or enclosure belongs to: the nearest earlier part of the same agenda
    item (or, without an agenda, the part just before) that is not an appendix itself."""
    for j in range(k - 1, -1, -1):
        if linked[k] is not None and linked[j] is not linked[k]:
            return None
        if metas[j].kind in ("agenda", "minutes"):
            return None
        if metas[j].kind != "appendix":
            return metas[j].title
        if linked[k] is None and j < k - 1:
            continue
    return None


def type_enclosures(metas: list[PartMeta], linked: list[Optional[AgendaItem]]) -> None:
    """Papers printed under an agenda item after its cover report are that report's enclosures:
    typed 'report' (plans stay plans); an appendix's title names the paper it belongs to."""
    for k, m in enumerate(metas):
        in_item = linked[k] is not None and k > 0 and linked[k - 1] is linked[k]
        if m.kind == "appendix":
            parent = _parent_title(k, metas, linked)
            if parent and parent.lower() not in m.title.lower():
                m.title = f"{m.title} (appendix to {parent})"
        if m.doc_type == "other" and (in_item or (m.kind == "appendix" and _parent_title(k, metas, linked))):
            m.doc_type = "report"
        elif m.doc_type == "other" and re.search(r"\breport\b", m.title, re.I):
            m.doc_type = "report"


def _type_from_name(meta: PartMeta, stem: str) -> None:
    """'Minutes - Meeting of the X - 12th October 2022' / 'Agenda - ...': type (and body) from
    the file name of a paper whose text did not say."""
    m = re.match(r"^\W*(?:(?:supplementary|draft|approved)\s+)?(minutes|agenda)\b\s*[-–—:]*\s*(.*)$", stem, re.I)
    if not m:
        return
    if meta.doc_type == "other":
        meta.doc_type = meta.kind = m.group(1).lower()
        retitle = True
    else:
        retitle = False
    if meta.body is None and meta.doc_type == m.group(1).lower():
        name = re.sub(r"\s*[-–—]\s*[^-–—]*\d{4}\s*$", "", m.group(2))
        name = re.sub(r"^(?:\w+\s+)?meeting of (?:the\s+)?", "", name, flags=re.I)
        meta.body = tidy_body(name)
    if retitle and meta.body:
        # The opening lines did not say what the paper is (a scanned cover), so neither is its title.
        meta.title = f"{meta.body} {meta.doc_type}" + (f", {meta.meeting_date}" if meta.meeting_date else "")


def split_documents(source: SourceText, sidecar: Optional[dict] = None) -> list[Document]:
    """Split one source into its documents (see module docstring for the rules)."""
    text = source.text or ""
    if not text.strip():
        return []
    sidecar = sidecar if isinstance(sidecar, dict) else {}
    lines = split_lines(text)
    bounds = find_boundaries(lines)
    spans = []
    for i, b in enumerate(bounds):
        end_line = bounds[i + 1].line if i + 1 < len(bounds) else len(lines)
        spans.append((b, lines[b.line].start, lines[end_line].start if end_line < len(lines) else len(text)))
    metas = [describe_part(lines[b.line:(bounds[i + 1].line if i + 1 < len(bounds) else len(lines))],
                           b.kind, source.path) for i, (b, _, _) in enumerate(spans)]

    # Papers printed under an agenda item "(Pages a - b)" are linked to it.
    items = [it for k, (b, _, _) in enumerate(spans) if metas[k].kind == "agenda"
             for it in agenda_items(lines[b.line:(bounds[k + 1].line if k + 1 < len(bounds) else len(lines))])]
    heads = ["\n".join(_head_lines(lines[b.line:(bounds[k + 1].line if k + 1 < len(bounds) else len(lines))], 30))
             for k, (b, _, _) in enumerate(spans)]
    approx_pages = [_page_of(source.pages, start) for _, start, _ in spans]
    linked = link_agenda_items(items, metas, heads, approx_pages) if items else [None] * len(metas)
    type_enclosures(metas, linked)
    source_pages = source.pages
    if items and any(linked) and Path(source.path).suffix.lower() != ".pdf":
        source_pages = pinned_text_pages(source, [(a, e) for _, a, e in spans], linked)

    # The pack's own meeting: the first dated part that is not minutes of another meeting.
    pack_date = next((m.meeting_date for m in metas
                      if m.kind != "minutes" and not m.own_meeting and m.meeting_date), None)
    pack_body = next((m.body for m in metas if m.kind != "minutes" and not m.own_meeting and m.body), None)
    folder = meeting_from_folder(source.path) if not pack_date else (None, None)
    if _has_meeting_signals(metas) or date_from_name(Path(source.path).stem) or folder[0]:
        name_date = date_from_name(Path(source.path).stem)
        folder_date, folder_body = folder
        pack_date = pack_date or name_date or folder_date
        pack_body = pack_body or next((m.body for m in metas if m.body and not m.own_meeting), None) or folder_body \
            or body_from_name(Path(source.path).stem)
        for m in metas:
            if m.meeting_date is None:
                # Minutes without a readable date fall back to the file name, never the pack.
                m.meeting_date = name_date if m.kind == "minutes" else pack_date
            if m.body is None:
                m.body = pack_body
            if m.kind == "agenda" and m.meeting_date and m.title in (f"{m.body} agenda", "Agenda"):
                m.title = f"{m.body or 'Meeting'} agenda, {m.meeting_date}"

    else:
        # Not a meeting paper: a standalone plan/strategy names itself somewhere in its text.
        for m in metas:
            named = _self_named_plan(text)
            if named and len(metas) == 1:
                m.title, m.doc_type = named, "plan"
            elif re.search(r"\b(plan|strategy)\b", text[:3000], re.I):
                m.doc_type = "plan"

    if len(metas) == 1 and (metas[0].doc_type == "other" or metas[0].body is None):
        _type_from_name(metas[0], Path(source.path).stem)
    # A meeting's appendix or budget paper filed on its own is report content, not "other".
    for m in metas:
        if m.doc_type == "other" and m.meeting_date and (
                re.match(r"^\W*(?:appendix|annexe?|enclosure)\b", m.title, re.I)
                or re.search(r"\b(?:budget|register|statement|monitoring|assessment)\b", m.title, re.I)):
            m.doc_type = "report"

    part_overrides = sidecar.get("parts") if isinstance(sidecar.get("parts"), list) else []
    docs: list[Document] = []
    for idx, ((b, start, end), meta) in enumerate(zip(spans, metas)):
        over = {}
        for key in ("body", "meeting_date", "title", "doc_type"):
            if key in sidecar and (len(spans) == 1 or key == "body"
                                   or (key == "meeting_date" and meta.kind != "minutes")
                                   or idx == 0):
                over[key] = sidecar[key]
        if idx < len(part_overrides) and isinstance(part_overrides[idx], dict):
            over.update({k: v for k, v in part_overrides[idx].items()
                         if k in ("body", "meeting_date", "title", "doc_type")})
        doc_type = over.get("doc_type", meta.doc_type)
        if doc_type not in DOC_TYPES:
            log.warning("sidecar doc_type %r for %s is not one of %s; using %r",
                        doc_type, source.path, DOC_TYPES, meta.doc_type)
            doc_type = meta.doc_type
        part_text = text[start:end]
        pages = _rebase_pages(source_pages, start, end)
        docs.append(Document(
            id=f"{source.sha256[:16]}-{idx}", source_path=source.path, source_sha256=source.sha256,
            part=idx, title=str(over.get("title") or meta.title), doc_type=doc_type,
            body=over.get("body", meta.body), meeting_date=over.get("meeting_date", meta.meeting_date),
            text=part_text, text_sha256=text_fingerprint(part_text), pages=pages,
            tables=_rebase_tables(source.tables, start, end), source_start=start,
            page_count=len({p.number for p in pages}) or source.page_count,
            agenda_item=linked[idx].heading if linked[idx] else None))
    log.debug("split %s into %d documents", source.path, len(docs))
    return docs


# ---------------------------------------------------------------------------
# Tables in text
# ---------------------------------------------------------------------------

@dataclass
class TextTable:
    """A table found in the text: its lines (excluded from heading detection) and rows."""
    first_line: int
    last_line: int
    rows: list[TableRow] = field(default_factory=list)


def _cells(raw: str) -> list[str]:
    return [c.replace("**", "").strip() for c in raw.split("\t")]


def _is_rule_row(cells: list[str]) -> bool:
    return all(re.fullmatch(r"[-=:| ]*", c) for c in cells)


def _caption_before(lines: list[Line], i: int) -> str:
    for l in _prev_content(lines, i, 1):
        if len(l.text) <= 120 and "\t" not in l.raw.strip() and not l.text.endswith("."):
            return l.text
    return ""


def _row(headers: list[str], cells: list[str], start: int, end: int, caption: str) -> TableRow:
    width = max(len(headers), len(cells))
    headers = headers + [""] * (width - len(headers))
    cells = cells + [""] * (width - len(cells))
    return TableRow(headers=headers, cells=cells, start=start, end=end, caption=caption)


def find_tab_tables(lines: list[Line]) -> list[TextTable]:
    """Tables printed one row per line with tab-separated cells.

    The first row is the header. A row with only its first cell filled is a group
    row (its text goes into the caption); a row with an empty first cell continues
    the row above (a cell wrapped onto a new line or page).
    """
    tables, i = [], 0
    while i < len(lines):
        if not _is_tab_row(lines[i]):
            i += 1
            continue
        block = [i]
        j = i + 1
        while j < len(lines):
            if _is_tab_row(lines[j]):
                block.append(j)
                j += 1
            elif lines[j].blank or is_furniture(lines[j]):
                nxt = _next_content(lines, j)
                if nxt < len(lines) and _is_tab_row(lines[nxt]) and nxt - j < 6:
                    j = nxt
                else:
                    break
            else:
                break
        if len(block) >= 2:
            tables.append(_parse_tab_block(lines, block))
        i = block[-1] + 1
    return tables


def _is_tab_row(line: Line) -> bool:
    """A row of tab-separated cells (a lone cell with trailing tabs is a group row)."""
    raw = line.raw.strip(" ")
    tabs = raw.count("\t")
    filled = sum(1 for c in _cells(raw) if c)
    if not tabs or not filled:
        return False
    if raw.startswith("\t") and tabs == 1:
        return False  # one cell per line: see find_cell_tables
    return filled >= 2 or tabs >= 2


# "Chair:", "Board Members:", "In attendance: (Officers)": a short label ending in a colon
FORM_LABEL = re.compile(r"^[A-Z][A-Za-z ,&'’\-]{1,40}:(?:\s*\([^)]{1,30}\))?$")


def _is_form_block(lines: list[Line], block: list[int]) -> bool:
    """A block whose first cells are labels ("Chair:", "Board Members:") with their entries
    beside them and on the lines below (first cell empty): an attendance list or a form, not
    a table whose first line is a header row."""
    firsts = [_cells(lines[k].raw)[0] for k in block]
    return bool(FORM_LABEL.match(firsts[0])) and all(not f or FORM_LABEL.match(f) for f in firsts)


def _parse_form_block(lines: list[Line], block: list[int]) -> TextTable:
    """One row per line, its label carried down to the lines below it: "Chair: | * Councillor
    Graham Henson", "Board Members: | * Dr Genevieve Small (VC) | Chair, Clinical Commissioning Group"."""
    caption = _caption_before(lines, block[0])
    rows: list[TableRow] = []
    label = ""
    for k in block:
        cells = _cells(lines[k].raw)
        label = cells[0] or label
        entries = [c for c in cells[1:] if c]
        if entries:
            rows.append(_row([], [label] + entries, lines[k].start, lines[k].end, caption))
    return TextTable(block[0], block[-1], rows)


def _parse_tab_block(lines: list[Line], block: list[int]) -> TextTable:
    if _is_form_block(lines, block):
        return _parse_form_block(lines, block)
    caption = _caption_before(lines, block[0])
    group = ""
    headers: list[str] = []
    rows: list[TableRow] = []
    for k in block:
        cells = _cells(lines[k].raw)
        if _is_rule_row(cells) or not any(cells):
            continue
        if not headers:
            headers = cells
            continue
        filled = [c for c in cells if c]
        if cells[0] and len(filled) == 1 and len(headers) > 2:
            group = cells[0]
            continue
        if not cells[0] and rows:
            prev = rows[-1]
            merged = [((a + " " + b).strip() if b else a) for a, b in
                      zip(prev.cells + [""] * max(0, len(cells) - len(prev.cells)),
                          cells + [""] * max(0, len(prev.cells) - len(cells)))]
            rows[-1] = _row(headers, merged, prev.start, lines[k].end, prev.caption)
            continue
        rows.append(_row(headers, cells, lines[k].start, lines[k].end,
                         " > ".join(x for x in (caption, group) if x)))
    return TextTable(block[0], block[-1], rows)


def find_cell_tables(lines: list[Line], min_cells: int = 12) -> list[TextTable]:
    """Tables printed one cell per tab-indented line (header row first, rows apart by blank lines).

    Lines that do not start with a tab continue the cell above; blank lines can sit
    inside a cell. Rows are the header's width; a lone cell between rows is a group row.
    """
    tables, i = [], 0
    while i < len(lines):
        if not _is_cell_line(lines[i]):
            i += 1
            continue
        # cells: (text, first line, last line, blank line follows)
        cells: list[list] = []
        j = i
        while j < len(lines):
            l = lines[j]
            if _is_cell_line(l):
                cells.append([l.text, j, j, False])
            elif l.blank or is_furniture(l):
                if cells:
                    cells[-1][3] = True
                nxt = _next_content(lines, j)
                if nxt >= len(lines) or nxt - j > 4 or not (_is_cell_line(lines[nxt]) or _is_cont(lines[nxt])):
                    break
                j = nxt
                continue
            elif _is_cont(l) and cells:
                cells[-1][0] = (cells[-1][0] + " " + l.text).strip()
                cells[-1][2] = j
                cells[-1][3] = False
            else:
                break
            j += 1
        if len(cells) >= min_cells:
            table = _parse_cells(lines, cells)
            if table:
                tables.append(table)
        i = max(j, i + 1)
    return tables


def _is_cell_line(line: Line) -> bool:
    raw = line.raw.lstrip(" ")
    return raw.startswith("\t") and "\t" not in raw[1:].rstrip("\t")


def _is_cont(line: Line) -> bool:
    return not line.blank and not line.raw.lstrip(" ").startswith("\t") and len(line.text) < 120


def _segment_rows(rest: list[list], width: int,
                  profile: Optional[tuple[list[bool], list[dict]]] = None) -> Optional[list[tuple[int, int]]]:
    """Cut cells into rows of `width` cells or lone group cells, each row ending before a
    blank line. Cost: one per group row, plus (when column profiles are known) a quarter
    per cell whose has-a-digit shape disagrees with its column, minus a little per cell
    repeating a value seen in its column. None when no cut fits."""
    n = len(rest)
    best: list[Optional[tuple[float, list[tuple[int, int]]]]] = [None] * (n + 1)
    best[0] = (0.0, [])
    for a in range(n):
        if best[a] is None:
            continue
        cost, segs = best[a]
        for size in (width, 1):
            b = a + size
            if b > n or not (rest[b - 1][3] or b == n):
                continue
            extra = 1.0 if size == 1 else 0.0
            if size == width and profile:
                digit_cols, seen = profile
                extra += 0.25 * sum(bool(re.search(r"\d", c[0])) != d
                                    for c, d in zip(rest[a:b], digit_cols))
                extra -= 0.1 * sum(seen[j].get(c[0], 0) >= 2 for j, c in enumerate(rest[a:b]))
            cand = (cost + extra, segs + [(a, b)])
            if best[b] is None or cand[0] < best[b][0]:
                best[b] = cand
    return best[n][1] if best[n] else None


def _column_profile(rest: list[list], segs: list[tuple[int, int]], width: int
                    ) -> tuple[list[bool], list[dict]]:
    """Per column: does it mostly hold digits, and how often each value occurs."""
    rows = [rest[a:b] for a, b in segs if b - a == width]
    digits = [sum(bool(re.search(r"\d", r[j][0])) for r in rows) * 2 > len(rows) for j in range(width)]
    seen: list[dict] = [{} for _ in range(width)]
    for r in rows:
        for j in range(width):
            seen[j][r[j][0]] = seen[j].get(r[j][0], 0) + 1
    return digits, seen


def _parse_cells(lines: list[Line], cells: list[list]) -> Optional[TextTable]:
    # The header is the first `width` cells; blank lines can sit inside the header too, so
    # try each width that ends at a blank line and keep the one needing the fewest group rows.
    best = None
    for width in range(3, min(16, len(cells) // 2) + 1):
        if not cells[width - 1][3]:
            continue
        segs = _segment_rows(cells[width:], width)
        if segs is None:
            continue
        # Second pass: prefer the cut whose columns hold the same kind of values.
        for _ in range(3):  # re-profile until the cut settles
            again = _segment_rows(cells[width:], width, _column_profile(cells[width:], segs, width)) or segs
            if again == segs:
                break
            segs = again
        groups = sum(1 for a, b in segs if b - a == 1)
        rows = len(segs) - groups
        if rows >= 2 and groups <= rows and (best is None or groups < best[0]):
            best = (groups, width, segs)
    if best is None:
        return None
    _, width, segs = best
    headers = [c[0] for c in cells[:width]]
    caption = _caption_before(lines, cells[0][1])
    rest = cells[width:]
    rows, group = [], ""
    for a, b in segs:
        if b - a == 1:
            group = rest[a][0]
            continue
        seg = rest[a:b]
        rows.append(_row(headers, [c[0] for c in seg], lines[seg[0][1]].start, lines[seg[-1][2]].end,
                         " > ".join(x for x in (caption, group) if x)))
    return TextTable(cells[0][1], cells[-1][2], rows)


# Markdown converted from PDF prints a table one cell per paragraph: the header's cells as bold
# paragraphs ("**Housing Scheme**", "**Part V Units**"), then each row's label (wrapped over
# paragraphs when long) and its figures ("Mungret Gate, Baunacloka Limerick", "20", "210").
PARA_CELL_MAX = 60          # characters: a paragraph this short can be one cell (a printed line of
                            # prose, "The Senior Executive Engineer ... recommended to", is longer)
PARA_HEADER_MAX = 60
PARA_LABEL_LINES = 4        # paragraphs a wrapped row label may take
FIGURE_CELL = re.compile(r"[-–(]?\s?[€£$]?\s?\d[\d,.]*\s?%?\)?|[-–]")


def _para_lines(lines: list[Line], i: int, page_numbers: set[int]) -> list[int]:
    """Indices of the one-line paragraphs from line i on, over blank lines and page furniture
    (a page break and its number), stopping at a line that runs on without a blank line."""
    out = []
    for k in range(i, len(lines)):
        line = lines[k]
        if line.blank or PAGE_BREAK_RE.match(line.raw) or is_passage_furniture(line, page_numbers):
            continue
        if k + 1 < len(lines) and not lines[k + 1].blank and not PAGE_BREAK_RE.match(lines[k + 1].raw) \
                and not is_passage_furniture(lines[k + 1], page_numbers):
            break            # a paragraph of several lines: prose, the table (if any) ends here
        out.append(k)
    return out


def _is_header_para(raw: str) -> bool:
    t = raw.strip()
    inner = t.replace("**", "").strip()
    return (t.startswith("**") and t.endswith("**") and 0 < len(inner) <= PARA_HEADER_MAX
            and not inner.endswith(".") and not FIGURE_CELL.fullmatch(inner))


def _is_label_para(line: Line) -> bool:
    t = line.text
    # a sentence's last line ("Councillor Sheahan and agreed.") is prose under the table
    return 0 < len(t) <= PARA_CELL_MAX and not FIGURE_CELL.fullmatch(t) and not _is_header_para(line.raw) \
        and not (t.endswith((".", ":", ";")) and len(t.split()) > 2)


def find_paragraph_tables(lines: list[Line], page_numbers: set[int]) -> list[TextTable]:
    """Tables printed one cell per paragraph: two or more bold header cells, then rows of a label
    (one or more paragraphs) followed by one figure per remaining header. Only rows of exactly
    that shape are read, so a header wrapped over paragraphs (a wrong width) yields no table."""
    tables, i = [], 0
    while i < len(lines):
        if lines[i].blank or not _is_header_para(lines[i].raw):
            i += 1
            continue
        paras = _para_lines(lines, i, page_numbers)
        head = []
        while len(head) < len(paras) and _is_header_para(lines[paras[len(head)]].raw):
            head.append(paras[len(head)])
        table = _paragraph_rows(lines, paras, head) if 2 <= len(head) <= 8 else None
        if table is not None:
            tables.append(table)
            i = table.last_line + 1
        else:
            i = (head[-1] if head else i) + 1
    return tables


def _paragraph_rows(lines: list[Line], paras: list[int], head: list[int]) -> Optional[TextTable]:
    width, pos = len(head), len(head)
    headers = [lines[k].text for k in head]
    caption = _caption_before(lines, head[0])
    rows: list[TableRow] = []
    last = head[-1]
    while pos < len(paras):
        label = []
        while pos + len(label) < len(paras) and len(label) < PARA_LABEL_LINES \
                and _is_label_para(lines[paras[pos + len(label)]]):
            label.append(paras[pos + len(label)])
        figures = paras[pos + len(label):pos + len(label) + width - 1]
        if not label or len(figures) < width - 1 or \
                not all(FIGURE_CELL.fullmatch(lines[k].text) for k in figures):
            break
        cells = [" ".join(lines[k].text for k in label)] + [lines[k].text for k in figures]
        rows.append(_row(headers, cells, lines[label[0]].start, lines[figures[-1]].end, caption))
        last = figures[-1]
        pos += len(label) + width - 1
    if len(rows) < 2:
        return None
    return TextTable(head[0], last, rows)


# ---------------------------------------------------------------------------
# Headings
# ---------------------------------------------------------------------------

SECTION_LABEL_RE = re.compile(r"^(?:Section|SECTION|Part|PART)\s+(?:\d{1,2}|[IVX]{1,4})\b\s*(?:[-–—:.]\s*)?")
NUMBERED_ITEM_RE = re.compile(r"^(?:\(?\d{1,3}[.)]?|\d{1,3}\s*[-–—])\s+(?=[A-Z\d'\"‘“(£])")
LETTERED_ITEM_RE = re.compile(r"^(?:[A-Z]\.\d{1,2}|\d{1,2}-[A-Z]|[A-Z]\))\s+(?=\S)")
BULLET_RE = re.compile(r"^\s*(?:[-•·▪◦*]|\(?[a-z]{1,3}\))\s")
_LABEL_OK = re.compile(r"^(?:Table|Figure|Appendix|Annexe|Annex|Strategic Priority|Item|Chart)\b", re.I)
GENERIC_HEADING_RE = re.compile(r"^(?:Section|Part)\s+\S+\s*(?:[-–—:.]\s*)?(?:Report|Summary|Summary and "
                                r"Recommendations|Further Information|Background)?\s*$", re.I)


def heading_level(lines: list[Line], i: int) -> Optional[int]:
    """0: report section label; 1: numbered/lettered item; 2: other title line; None: body text."""
    line = lines[i]
    text = line.text
    if not text or is_furniture(line) or "\t" in line.raw.strip() or BULLET_RE.match(line.raw):
        return None
    words = text.split()
    if len(text) > 200 and not LETTERED_ITEM_RE.match(re.sub(r"^<p>", "", text)):
        return None
    if SECTION_LABEL_RE.match(text) and len(words) <= 12 and not text.endswith("."):
        return 0
    bold = line.raw.strip().startswith("**") and line.raw.strip().endswith("**") and len(words) <= 15
    ends_sentence = bool(re.search(r"[.;,]$", text)) and not re.search(r"\(Pages? [\d\s\-–]+\)$", text)
    if ":" in text.rstrip(":") and not _LABEL_OK.match(text) and not LETTERED_ITEM_RE.match(text) \
            and not NUMBERED_ITEM_RE.match(text):
        return None  # "Date of Meeting: ..." and other label lines
    text = re.sub(r"^<p>|</p>$", "", text)
    lettered = bool(LETTERED_ITEM_RE.match(text))
    if (NUMBERED_ITEM_RE.match(text) or lettered) and _in_list_or_sentence(lines, i):
        return None  # "1. Agree to ..." under "RESOLVED that Cabinet:" is a list entry
    if (NUMBERED_ITEM_RE.match(text) or lettered) and (not ends_sentence or lettered) \
            and not text.endswith(":"):
        if len(words) <= 18 or (LETTERED_ITEM_RE.match(text) and len(words) <= 80) \
                or re.search(r"\(Pages? [\d\s\-–]+\)$", text):
            return 1 if _stands_alone(lines, i) else None
        return None
    if bold and not ends_sentence:
        return 2
    if len(words) > 12 or ends_sentence or text.endswith(":") or not re.match(r"^[A-Z0-9'‘\"“(£]", text):
        return None
    if not re.search(r"[A-Za-z]{3}", text) or find_date(text) == text:
        return None
    numeric = sum(1 for w in words if re.fullmatch(r"[£$(-]?[\d.,%]+[)mk%]?", w))
    if numeric * 3 >= len(words):
        return None  # a table line read as text, not a heading
    prev = lines[i - 1] if i > 0 else None
    if prev is not None and not prev.blank and not is_furniture(prev) \
            and not re.search(r"[.:;!?]\**$", prev.text) and heading_level_cached(lines, i - 1) is None:
        return None  # inside a run of text lines (PDF text has no blank lines between blocks)
    return 2 if _stands_alone(lines, i) else None


_WRAPS_ON_RE = re.compile(r"(?:,|\b(?:and|or|of|the|a|an|for|to|in|on|by|with|that|from|at|as|be|will|"
                         r"which|who|is|are|was|were))$", re.I)


def _in_list_or_sentence(lines: list[Line], i: int) -> bool:
    """A numbered line that belongs to running text: it follows a line introducing a list
    ("RESOLVED that Cabinet:") with no blank line between, or it breaks off mid-phrase and
    runs on into a lower-case line (PDF text wraps a list entry, never a heading, like that)."""
    prev = lines[i - 1] if i > 0 else None
    if prev is not None and not prev.blank and prev.text.endswith(":") \
            and not (prev.raw.strip().startswith("**") or SECTION_LABEL_RE.match(prev.text)):
        return True
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    text = lines[i].text
    if _WRAPS_ON_RE.search(text) and nxt is not None and not nxt.blank and (
            re.match(r"^[a-z(]", nxt.text) or (len(text.split()) >= 8 and not nxt.text.isupper())):
        return True
    # Entry N of a list whose entry N-1 sits just above (no blank line between) is a list entry too.
    m = re.match(r"^\(?(\d{1,3})[.)]", text)
    if m and int(m.group(1)) > 1:
        want = re.compile(r"^\(?%d[.)]\s" % (int(m.group(1)) - 1))
        for j in range(i - 1, max(-1, i - 9), -1):
            if lines[j].blank:
                break
            if want.match(lines[j].text):
                return _in_list_or_sentence(lines, j)
    return False


def heading_level_cached(lines: list[Line], i: int) -> Optional[int]:
    """Whether line i is a numbered/section heading (cheap check, no recursion into level 2)."""
    text = lines[i].text
    if not text or "\t" in lines[i].raw.strip():
        return None
    if SECTION_LABEL_RE.match(text) or ((NUMBERED_ITEM_RE.match(text) or LETTERED_ITEM_RE.match(text))
                                        and len(text.split()) <= 18 and not text.endswith(".")):
        return 1
    return None


def _stands_alone(lines: list[Line], i: int) -> bool:
    """A heading sits on its own: after a blank line or a finished sentence, before new text."""
    prev = lines[i - 1] if i > 0 else None
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    before_ok = prev is None or prev.blank or is_furniture(prev) or bool(re.search(r"[.:;!?)]\**$", prev.text)) \
        or len(prev.text.split()) <= 8
    after_ok = nxt is None or nxt.blank or bool(re.match(r"^\W*[A-Z0-9•\-(£]", nxt.text))
    return before_ok and after_ok


# ---------------------------------------------------------------------------
# chunk_by_section
# ---------------------------------------------------------------------------

MIN_WORDS, MAX_WORDS = 60, 250
SENTENCE_END_RE = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[A-Z0-9\"'‘“(£•\-])")


@dataclass
class Section:
    path: list[str]
    heading_level: Optional[int]
    lines: list[Line] = field(default_factory=list)


def _wrap_width(lines: list[Line]) -> Optional[int]:
    """Characters in a full line of wrapped text (PDF text); None where a line is a paragraph."""
    lengths = sorted(len(l.raw.rstrip()) for l in lines if l.raw.strip())
    if len(lengths) < 20:
        return None
    width = lengths[int(len(lengths) * 0.9)]
    return width if 40 <= width <= 200 else None


def _wraps(line: Line, nxt: Line, width: int) -> bool:
    """The next line's first word would not have fitted on this line: the text wrapped."""
    return not nxt.blank and len(line.raw.rstrip()) + 1 + len(nxt.raw.split()[0]) > 0.9 * width


def _runs_on_as_prose(lines: list[Line], i: int, width: Optional[int]) -> bool:
    """Line i wraps into the lines below it and together they make prose (a sentence end, or
    more words than a title): a numbered paragraph ("7. In accordance with ... the Scrutiny /
    Committee considered ..."), not an item heading. A wrapped title ("284. Declarations of
    ... Significant / Interests in items on the agenda") stays a heading."""
    if width is None:
        return False
    unit, k = [lines[i].text], i
    while k + 1 < len(lines) and len(unit) < 4 and _wraps(lines[k], lines[k + 1], width):
        k += 1
        unit.append(lines[k].text)
    if len(unit) == 1:
        return False
    joined = re.sub(r"^\(?\d{1,3}[.)]?\s+", "", " ".join(unit))
    if re.search(r"\(Pages?\s+\d", joined):
        return False   # an agenda item's title, however long
    number = _item_number(lines[i].text)
    after = lines[k + 1].text if k + 1 < len(lines) else ""
    if number is not None and _item_number(after) == number + 1:
        return True    # the next number follows at once: nothing sits under this "heading"
    return bool(re.search(r"[.!?][\"'”’)]*(?:\s|$)", joined)) or len(joined.split()) > 40


def _sections(lines: list[Line], table_lines: set[int], doc_title: str, doc_type: str,
              page_numbers: set[int]) -> list[Section]:
    sections = [Section([], None)]
    stack: list[tuple[int, str]] = []
    last_item = 0   # number of the last numbered item heading, to follow the sequence
    width = _wrap_width(lines)
    for i, line in enumerate(lines):
        level = None if i in table_lines else heading_level(lines, i)
        number = _item_number(line.text)
        if i not in table_lines and number is not None:
            level = _numbered_level(lines, i, level, number, last_item)
            if level == 1 and _runs_on_as_prose(lines, i, width):
                level = None
            if level == 1:
                last_item = number
        if level is not None:
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, re.sub(r"^<p>|</p>$", "", line.text)))
            path = [t for _, t in stack]
            # Generic report labels ("Section 2 – Report") are rooted at the agenda item that
            # introduced the report (else the report's own title).
            if doc_type == "report" and (GENERIC_HEADING_RE.match(stack[0][1])
                                         or SECTION_LABEL_RE.match(stack[0][1])) and doc_title:
                path = [doc_title] + path
            sections.append(Section(path, level))
        sections[-1].lines.append(line)
    return [s for s in sections if any(not l.blank and not is_passage_furniture(l, page_numbers) for l in s.lines)]


def _item_number(text: str) -> Optional[int]:
    m = re.match(r"^(\d{1,3})[.)]?\s+(?=[A-Z\d'\"‘“(£])", re.sub(r"^<p>", "", text))
    return int(m.group(1)) if m else None


def _numbered_level(lines: list[Line], i: int, level: Optional[int], number: int,
                    last_item: int) -> Optional[int]:
    """Numbered headings follow a sequence: the item after the last one is a heading even when
    the line above does not end a sentence (PDF text), and a long "1. ..." restarting the
    count under item 80 is a numbered paragraph of that item, not a new item."""
    text = lines[i].text
    words = len(text.split())
    if level is None and last_item and number == last_item + 1 and words <= 12 \
            and not re.search(r"[.;,:]$", text) and not _in_list_or_sentence(lines, i):
        return 1
    if level == 1 and last_item >= 2 and number < last_item and words >= 10 \
            and not re.search(r"\(Pages? [\d\s\-–]+\)$", text):
        return None
    return level


def _paragraphs(lines: list[Line], page_numbers: set[int]) -> list[list[Line]]:
    """Runs of content lines separated by blank lines; furniture lines dropped."""
    paras, cur = [], []
    for l in lines:
        if l.blank or is_passage_furniture(l, page_numbers):
            if cur:
                paras.append(cur)
                cur = []
        else:
            cur.append(l)
    if cur:
        paras.append(cur)
    return paras


def _word_count(lines: list[Line]) -> int:
    return sum(len(l.raw.split()) for l in lines)


LIST_ENTRY_RE = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|\(?[a-z]{1,3}\)|[a-z]\.|[ivx]{1,4}\.|[•·▪\-])\s")
# What a line holds before a period that only closes a list marker: "16.", "3.2.", "a.", "iv."
MARKER_ONLY_RE = re.compile(r"\(?(?:\d{1,3}(?:\.\d{1,2})*|[a-z]|[ivx]{1,4})")
OVERLAP_MAX_WORDS = 40


def _sentence_cut(text: str, pos: int) -> int:
    """Where to cut for a sentence end found at `pos`. A period that only closes a list
    marker at the start of its line ("16. Cabinet resolved", "a. NOTE the comments") is
    not a sentence end: the cut goes before the marker's line, keeping marker and entry
    together (and the entry is then seen as a list entry)."""
    line_start = text.rfind("\n", 0, pos) + 1
    head = text[line_start:pos].strip().rstrip("\"')]")
    if head.endswith(".") and MARKER_ONLY_RE.fullmatch(head[:-1]):
        return max(0, line_start - 1)
    return pos


MARKER_RE = re.compile(r"^\s*(?:(?P<open>\()?(?:(?P<num>\d{1,3})|(?P<alpha>[a-z])|(?P<roman>[ivx]{1,4}))"
                       r"(?P<close>[.)])|(?P<bullet>[•·▪\-]))\s")


def _marker_style(line: str) -> Optional[tuple[str, str]]:
    """('num', '(.)')-like key of a line's list marker: "1." and "2." share one, "8)" and "a." do not."""
    m = MARKER_RE.match(line)
    if not m:
        return None
    if m.group("bullet"):
        return "bullet", m.group("bullet")
    kind = "num" if m.group("num") else "alpha" if m.group("alpha") else "roman"
    return kind, (m.group("open") or "") + m.group("close")


def _same_style(a: tuple[str, str], b: tuple[str, str]) -> bool:
    letters = {"alpha", "roman"}  # "i." may be a letter or a roman numeral
    return a[1] == b[1] and (a[0] == b[0] or (a[0] in letters and b[0] in letters))


def _list_entry_lines(lines: list[str]) -> set[int]:
    """Indexes of lines that open an entry of a list, as opposed to a numbered paragraph.

    A list is opened by a line ending in a colon ("16. Cabinet resolved the following:",
    "RESOLVED that the Council resolves:"); its entries share one marker style. A marker of
    the style of an enclosing numbered paragraph ("17.", "8)") closes the lists inside it:
    that line starts a paragraph, where a chunk may be cut.
    """
    stack: list[tuple[tuple[str, str], bool]] = []   # (marker style, is a list) from the outside in
    entries: set[int] = set()
    previous = ""
    for k, line in enumerate(lines):
        style = _marker_style(line)
        if style is not None:
            level = next((j for j in range(len(stack) - 1, -1, -1) if _same_style(stack[j][0], style)), None)
            if previous.endswith(":") and not (stack and _same_style(stack[-1][0], style)):
                stack.append((style, True))
            elif level is not None:
                del stack[level + 1:]
            elif not stack or re.search(r"[.!?][\"'”’)\]]*$", previous):
                stack = [(style, False)]   # after a finished sentence: numbered paragraphs
            else:
                stack.append((style, True))   # inside a sentence ("resolves;"): a sub-list
            if stack[-1][1]:
                entries.add(k)
        if line.strip():
            previous = line.strip()
    return entries


def _split_long_paragraph(para: list[Line], entries: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """(start, end) spans of a long paragraph cut at sentence ends, about MAX_WORDS each.

    A cut is put off while the next sentence opens a list entry (resolutions "1. ... 2. ..."
    stay together), and each piece after the first repeats the previous piece's last
    sentence when it is short, so a fact spanning the cut is still whole in one chunk.
    """
    start = para[0].start
    text = "\n".join(l.raw for l in para)
    cuts = sorted({_sentence_cut(text, m.start()) for m in SENTENCE_END_RE.finditer(text)} - {0})
    cuts.append(len(text))

    def opens_entry(c: int) -> bool:
        """Whether the text after cut `c` opens a list entry: a cut there would split the list."""
        nxt = c
        while nxt < len(text) and text[nxt] in " \t\n\"')]":
            nxt += 1
        line_start = text.rfind("\n", 0, nxt) + 1
        if not text[line_start:nxt].strip(" \t\"')]"):
            return start + line_start in entries
        return bool(LIST_ENTRY_RE.match(text[nxt:nxt + 40]))   # an inline list: "... (a) ... (b) ..."

    pieces: list[tuple[int, int]] = []
    s, words, prev_cut, last_sentence = 0, 0, 0, 0
    for c in cuts:
        words += len(text[prev_cut:c].split())
        sentence_start, prev_cut = prev_cut, c
        in_list = c < len(text) and opens_entry(c)
        ready = words >= MAX_WORDS * 0.8 and (not in_list or words >= MAX_WORDS * 1.4)
        if ready or c == len(text):
            pieces.append((start + s, start + c))
            nxt = c
            while nxt < len(text) and text[nxt].isspace():
                nxt += 1
            # Overlap: restart at this piece's last sentence when it is short.
            tail_start = sentence_start
            while tail_start < c and text[tail_start] in " \t\n\"')]":
                tail_start += 1
            if c < len(text) and tail_start > s and len(text[tail_start:c].split()) <= OVERLAP_MAX_WORDS:
                s, words = tail_start, len(text[tail_start:c].split())
            else:
                s, words = nxt, 0
    # A sentence longer than the budget is split at word boundaries.
    out = []
    for a, b in pieces:
        seg_words = list(re.finditer(r"\S+", text[a - start:b - start]))
        if len(seg_words) <= MAX_WORDS * 1.5:
            out.append((a, b))
            continue
        for k in range(0, len(seg_words), MAX_WORDS):
            grp = seg_words[k:k + MAX_WORDS]
            out.append((a + grp[0].start(), a + grp[-1].end()))
    return [(a, b) for a, b in out if b > a]


def _chunk_text(doc_text: str, start: int, end: int, page_numbers: set[int]) -> str:
    """Text of doc_text[start:end] without page-furniture lines."""
    kept = [l.raw for l in split_lines(doc_text[start:end], start) if not is_passage_furniture(l, page_numbers)]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()


def _section_pieces(section: Section, page_numbers: set[int]) -> list[tuple[int, int]]:
    """Spans of one section cut into chunks of about MIN_WORDS..MAX_WORDS words."""
    spans: list[tuple[int, int]] = []
    cur: list[tuple[int, int, int]] = []  # (start, end, words)
    # Lists are followed over the whole section: a list may run on over a page break.
    entries = frozenset(section.lines[k].start for k in _list_entry_lines([l.raw for l in section.lines]))
    for para in _paragraphs(section.lines, page_numbers):
        words = _word_count(para)
        parts = [(para[0].start, para[-1].end, words)] if words <= MAX_WORDS * 1.2 else \
            [(a, b, MAX_WORDS) for a, b in _split_long_paragraph(para, entries)]
        for a, b, w in parts:
            if cur and sum(x[2] for x in cur) + w > MAX_WORDS:
                spans.append((cur[0][0], cur[-1][1]))
                cur = []
            cur.append((a, b, w))
    if cur:
        words = sum(x[2] for x in cur)
        if spans and words < TINY_WORDS:
            spans[-1] = (spans[-1][0], cur[-1][1])
        else:
            spans.append((cur[0][0], cur[-1][1]))
    return spans


TINY_WORDS = 20


def _fold_tiny_sections(sections: list[Section]) -> list[Section]:
    """Sections of a few words (a heading with nothing under it, a signature block, a slide
    fragment) are no use as passages: a tiny heading joins the section that follows when that
    one sits under it or is a minor heading; a tiny minor section joins the one before."""
    out: list[Section] = []
    for s in sections:
        s = Section(list(s.path), s.heading_level, list(s.lines))
        if out and _word_count(out[-1].lines) < TINY_WORDS:
            prev = out[-1]
            child = len(s.path) > len(prev.path) and s.path[:len(prev.path)] == prev.path
            minor = s.heading_level is None or s.heading_level >= 2
            if child or (minor and (prev.heading_level is None or prev.heading_level >= 2)):
                out.pop()
                s.lines = prev.lines + s.lines
                if s.heading_level is None:
                    s.path, s.heading_level = prev.path, prev.heading_level
        elif out and _word_count(s.lines) < TINY_WORDS and (s.heading_level is None or s.heading_level >= 2) \
                and _word_count(out[-1].lines) + _word_count(s.lines) <= MAX_WORDS * 1.2:
            out[-1].lines += s.lines
            continue
        out.append(s)
    return out


def chunk_by_section(doc: Document) -> list[Chunk]:
    """Section chunks (with heading paths and pages) plus one chunk per table row."""
    text = doc.text or ""
    if not text.strip():
        return []
    lines = split_lines(text)
    page_numbers = page_number_lines(lines, doc.pages)
    tables = find_cell_tables(lines)
    cell_lines = {k for t in tables for k in range(t.first_line, t.last_line + 1)}
    tables += [t for t in find_tab_tables(lines) if t.first_line not in cell_lines]
    cell_lines = {k for t in tables for k in range(t.first_line, t.last_line + 1)}
    tables += [t for t in find_paragraph_tables(lines, page_numbers) if t.first_line not in cell_lines]
    table_lines = {k for t in tables for k in range(t.first_line, t.last_line + 1)}
    agenda_item = getattr(doc, "agenda_item", None)
    sections = _sections(lines, table_lines, agenda_item or doc.title, doc.doc_type, page_numbers)

    # Short sections merge into the next one when both sit under the same top heading.
    merged: list[Section] = []
    for s in sections:
        if merged:
            last = merged[-1]
            same_top = last.path[:1] == s.path[:1] and (s.heading_level is None or s.heading_level >= 2)
            if same_top and _word_count(last.lines) < MIN_WORDS and \
                    _word_count(last.lines) + _word_count(s.lines) <= MAX_WORDS:
                last.lines += s.lines
                continue
        merged.append(Section(list(s.path), s.heading_level, list(s.lines)))

    merged = _fold_tiny_sections(merged)
    chunks: list[Chunk] = []

    def add(kind: str, section: str, body: str, start: int, end: int, page_start=None, page_end=None):
        n = len(chunks)
        chunks.append(Chunk(
            id=f"{doc.id}:{n}", document_id=doc.id, ordinal=n, kind=kind, section=section, text=body,
            start=start, end=end,
            page_start=page_start if page_start is not None else doc.page_at(start),
            page_end=page_end if page_end is not None else doc.page_at(max(start, end - 1)),
            context=" > ".join(dict.fromkeys(x for x in (agenda_item, doc.title, section) if x))))

    for s in merged:
        section = " > ".join(s.path)
        for a, b in _section_pieces(s, page_numbers):
            body = _chunk_text(text, a, b, page_numbers)
            if body:
                add("section", section, body, a, b)

    # Table rows: text rows found here, then rows the PDF reader found.
    rows = [r for t in tables for r in t.rows]
    for r in rows + list(doc.tables):
        path = next((" > ".join(s.path) for s in reversed(sections)
                     if s.lines and s.lines[0].start <= r.start), "")
        section = " > ".join(x for x in (path, r.caption) if x)
        body = row_text(r)
        if body:
            start = max(0, min(r.start, len(text)))
            end = max(start, min(r.end, len(text)))
            add("table_row", section, body, start, end,
                page_start=r.page if r in doc.tables and r.page else None,
                page_end=r.page if r in doc.tables and r.page else None)
    return chunks


def row_text(row: TableRow) -> str:
    """'Service: Physiotherapy | Provider: LNWHT | ...' (cells without a header stand alone)."""
    parts = []
    for k, cell in enumerate(row.cells):
        cell = re.sub(r"\s+", " ", cell or "").strip()
        if not cell:
            continue
        head = re.sub(r"\s+", " ", row.headers[k] if k < len(row.headers) else "").strip()
        parts.append(f"{head}: {cell}" if head and head != cell else cell)
    return " | ".join(parts)
