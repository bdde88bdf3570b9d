"""Numeric table rows in page text: "Label  430.6  420.8  -9.9  -2.3%" under header lines such as
"Budget Forecast Variance Variance" or "2024-25 2025-26 Increase".

PDF budget tables often reach the text as plain lines, not table rows. A question names the row
(its label: "High Needs Block", "Band D") and the column (a year or a header word: "2025-26",
"forecast"); the answer is the number where they cross. Columns are matched right-aligned,
because a row's leading cells (descriptions, blank "prior years" cells) are the ragged ones.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from .text import stem

# one numeric cell: 1,610.82  -9.9  +6.0%  £30.4m  (  - for a blank cell)
NUMERIC_CELL = re.compile(r"^(?:[+\-–]?£?(?:\(\d[\d,]*(?:\.\d+)?\)|\d[\d,]*(?:\.\d+)?)%?m?|[-–])$")
# a real figure, not a page or item number: has a separator/decimal or three digits
SUBSTANTIAL = re.compile(r"\d[,.]\d|\d{3}")
# column names a question can ask for: years and periods, and the usual budget headings
COLUMN_TOKEN = re.compile(
    r"(?:19|20)\d{2}(?:[-–/]\d{2,4})?|Year\s+\d{1,2}|Q[1-4]|Quarter\s+\d|"
    r"\b(?:Budget|Forecast|Variance|Actual|Actuals|Outturn|Increase|Decrease|Change|Total|"
    r"Estimate|Proposed|Original|Revised|Spend|Cost|Movement|Savings|Income|Net|Gross)\b", re.I)
BARE_YEAR = re.compile(r"^(?:19|20)\d{2}$")
HEADER_LOOKBACK = 30      # lines searched above a row for its header lines
MAX_HEADER_LINES = 3


@dataclass
class NumericRow:
    start: int                 # offsets of the whole line in the document text
    end: int
    label: str                 # the text before the trailing numeric cells
    cells: list[tuple[int, int]]   # offsets of each trailing numeric cell, left to right


@dataclass
class RowAnswer:
    row: NumericRow
    value_start: int
    value_end: int
    headers: list[tuple[int, int]]   # offsets of the header lines used, top to bottom
    column_score: float


def _line_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        if text[pos:stop].strip():
            out.append((pos, stop))
        pos = stop + 1
    return out


def parse_row(text: str, start: int, end: int) -> Optional[NumericRow]:
    """The line text[start:end] as a label followed by two or more numeric cells, or None."""
    fields = [(m.start(), m.end()) for m in re.finditer(r"\S+", text[start:end])]
    cells: list[tuple[int, int]] = []
    for s, e in reversed(fields):
        if NUMERIC_CELL.match(text[start + s:start + e]):
            cells.append((start + s, start + e))
        else:
            break
    cells.reverse()
    if len(cells) < 2 or len(cells) == len(fields):
        return None
    with_digits = [text[s:e] for s, e in cells if any(ch.isdigit() for ch in text[s:e])]
    if len(with_digits) < 2 or not any(SUBSTANTIAL.search(v) for v in with_digits):
        return None
    label = text[start:cells[0][0]].strip()
    if not re.search(r"[A-Za-z]", label) or len(label) > 160:
        return None
    return NumericRow(start, end, label, cells)


def numeric_rows(text: str, start: int, end: int) -> list[NumericRow]:
    rows = []
    for s, e in _line_spans(text, start, end):
        row = parse_row(text, s, e)
        if row is not None:
            rows.append(row)
    return rows


def _column_tokens(line: str) -> list[str]:
    return [m.group(0) for m in COLUMN_TOKEN.finditer(line)]


def _is_header(line: str) -> bool:
    """Names two or more columns and is mostly column names (not a footnote sentence
    that mentions "2025-26 to 2034-35")."""
    tokens = _column_tokens(line)
    words = len(re.findall(r"\S+", line))
    return len(tokens) >= 2 and len(tokens) >= 0.3 * words


def _is_word_header(line: str) -> bool:
    """A line of column names without years ("Directorate Revenue Revenue Revenue %"): a few
    capitalised words and symbols, no figures, no sentence end."""
    words = line.split()
    if not 2 <= len(words) <= 12 or line.endswith(".") or re.search(r"\d", line):
        return False
    capital = sum(1 for w in words if w[0].isupper() or not w[0].isalnum())
    return capital >= 0.6 * len(words)


def column_names(line: str) -> list[str]:
    """The column names of a header line: its years/heading words, or all its words."""
    tokens = _column_tokens(line)
    return tokens if _is_header(line) else line.split()


def header_lines(text: str, row: NumericRow) -> list[tuple[int, int]]:
    """The header-like lines above a row (top to bottom): lines naming two or more columns,
    found by walking up over the table's other rows, group labels and unit lines."""
    found: list[tuple[int, int]] = []
    last_was_header = False    # the previous non-blank line walked over was a header line
    lo = row.start
    for _ in range(HEADER_LOOKBACK):
        if lo <= 0:
            break
        prev_end = lo - 1
        prev_start = text.rfind("\n", 0, prev_end) + 1
        lo = prev_start
        line = text[prev_start:prev_end].strip()
        if not line:
            continue
        if parse_row(text, prev_start, prev_end) is not None:
            if found:
                break          # the rows of a table above this one's header
            continue
        is_header = _is_header(line) or (last_was_header and _is_word_header(line))
        last_was_header = is_header
        if is_header:
            # a line of plain column names counts only right above a header line
            found.append((prev_start, prev_end))
            if len(found) >= MAX_HEADER_LINES:
                break
        elif found and line.endswith(".") and len(line) > 60:
            break              # prose above the table
    found.reverse()
    return found


def caption_line(text: str, header_start: int) -> Optional[tuple[int, int]]:
    """The short title line just above a table's first header line ("Table 6.1 – ..."), if any."""
    if header_start <= 0:
        return None
    end = header_start - 1
    start = text.rfind("\n", 0, end) + 1
    line = text[start:end].strip()
    if not line or len(line) > 120 or line.endswith(".") or parse_row(text, start, end):
        return None
    return start, end


def _norm_token(token: str) -> str:
    return re.sub(r"[–/]", "-", re.sub(r"\s+", " ", token.lower()))


def pick_cell(text: str, row: NumericRow, question_tokens: set[str],
              question_stems: set[str], answer_type: str = "") -> Optional[RowAnswer]:
    """The row's cell whose column header the question names (most header words matched,
    right-aligned across header lines); None when no header matches the question. A percent
    question reads only the row's percentage cells ("by what percentage did X grow from 2015
    to 2018" names the year columns, but the answer is the "% change" cell)."""
    headers = header_lines(text, row)
    if not headers:
        return None
    scores = [0.0] * len(row.cells)
    for hs, he in headers:
        tokens = column_names(text[hs:he])
        # plain words of an inferred header line may be halves of two-word names ("Latest Draft")
        weight = 1.0 if _is_header(text[hs:he]) else 0.5
        for j in range(1, min(len(tokens), len(row.cells)) + 1):
            token = tokens[-j]
            norm = _norm_token(token)
            if norm in question_tokens or (not norm[0].isdigit() and stem(norm) in question_stems):
                # a bare year ("Jan 2025") is more often the question's date than a column name
                scores[-j] += weight * (0.5 if BARE_YEAR.match(norm) else 1.0)
    allowed = range(len(scores))
    if answer_type == "percent":
        allowed = [i for i, (s, e) in enumerate(row.cells) if text[s:e].endswith("%")]
        if not allowed:
            return None
        if not any(scores[i] for i in allowed) and any(scores):
            # the question names other columns of this row: its one percentage is the answer
            if len(allowed) > 1:
                return None
            scores[allowed[0]] = 0.5
    best = max(allowed, key=lambda i: (scores[i], -i))
    if scores[best] == 0:
        return None
    s, e = row.cells[best]
    if not any(ch.isdigit() for ch in text[s:e]):
        return None        # the named column is blank in this row
    return RowAnswer(row, s, e, headers, scores[best])


def question_tokens(question: str) -> set[str]:
    """Lower-cased question words and figures, with range separators unified ("2025/26")."""
    return {_norm_token(t) for t in re.findall(r"[A-Za-z]+|\d[\d,./–-]*\d|\d", question)} | {
        _norm_token(m.group(0)) for m in re.finditer(r"Year\s+\d{1,2}|Quarter\s+\d", question, re.I)}


def label_letters(label: str, question: str) -> bool:
    """A one- or two-character row label ("D", "H2") that the question names as a word
    in capitals ("Band D")."""
    first = label.split()[0] if label.split() else ""
    return (len(first) <= 2 and first.isupper()
            and re.search(rf"(?<![\w]){re.escape(first)}(?![\w])", question) is not None)
