"""Who took a recorded decision, and when: read from a record-of-decision form itself.

A signed record of decision (an executive member's or officer's decision, "DECISION TAKEN BY:
Mrs S Chandler, Cabinet Member for ..." ... "17/1/2025 / signed date") is often printed in a
later meeting's papers (a call-in, a report appendix). It records that decision, not the
meeting it is enclosed in: its body is the decision maker and its date the date it was
signed. An unsigned form (a proposed decision for a meeting to take) gives no date, and stays
a paper of its meeting.

`form_decision(lines) -> (decision_maker, date)`; either may be None.
"""
from __future__ import annotations

import re
from typing import Optional

MAKER_LABEL_RE = re.compile(r"^\W*(?:decision\s+(?:to\s+be\s+)?(?:taken|made)\s+by|decision[- ]?maker)\s*:?\s*(.*)$",
                            re.I)
OTHER_LABEL_RE = re.compile(r"\b[A-Za-z][A-Za-z ()/]{2,40}:")   # "DECISION NUMBER:" sharing the label line
DECISION_NUMBER_RE = re.compile(r"^\W*(?:no\.?\s*)?\d{1,4}\s*/\s*\d{2,6}\W*$", re.I)
DECISION_DATE_RE = re.compile(r"^\W*(?:date\s+of\s+(?:the\s+)?decision|decision\s+date|"
                              r"date\s+(?:decision\s+)?(?:taken|made|signed))\s*:?\s*(.*)$", re.I)
SIGNED_RE = re.compile(r"\bsigned\b", re.I)
DATE_LABEL_RE = re.compile(r"^\W*dated?\s*:?\s*(.*)$", re.I)
NUMERIC_DATE_RE = re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2((?:19|20)\d\d)(?![\d/.-])")
ROLE_RE = re.compile(r"\b(?:Cabinet|Member|Leader|Mayor|Director|Officer|Executive|Committee|Chief|"
                     r"Head of|Manager|Council)\b")
SIGNATURE_REACH = 4      # lines around a "signed" line searched for its date
TAIL_LINES = 30          # a signature block sits at the end of the form


def numeric_date(text: str) -> Optional[str]:
    """'17/1/2025' -> '2025-01-17'. Day first (British forms), unless only month-first can be a date."""
    m = NUMERIC_DATE_RE.search(text)
    if not m:
        return None
    a, b, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
    day, month = (b, a) if b > 12 >= a else (a, b)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def any_date(text: str) -> Optional[str]:
    from .structure import find_date  # written-out dates ("17 January 2025"), shared with structure
    return find_date(text) or numeric_date(text)


def decision_maker(lines: list[str]) -> Optional[str]:
    """The value of a "Decision taken by:" / "Decision maker:" field, as a role where given."""
    for i, line in enumerate(lines):
        m = MAKER_LABEL_RE.match(line)
        if not m:
            continue
        value = m.group(1).strip()
        if OTHER_LABEL_RE.search(value) or not value:
            # The label line holds labels only; the value is on the lines below it.
            below = [ln.strip() for ln in lines[i + 1:i + 5] if ln.strip()]
            below = [ln for ln in below if not DECISION_NUMBER_RE.match(ln)]
            if not below or ":" in below[0]:
                return None
            value = below[0]
            if len(below) > 1 and len(below[1].split()) <= 4 and ":" not in below[1] and below[1][:1].isupper():
                value += " " + below[1]   # the name wrapped onto a second line
        return role_of(value)
    return None


def role_of(value: str) -> Optional[str]:
    """'Mrs Sue Chandler, Cabinet Member for Integrated Children's Services' -> the role."""
    value = re.sub(r"\s+", " ", value).strip(" ,.;:-–")
    if "," in value:
        person, role = value.split(",", 1)
        if ROLE_RE.search(role) and not ROLE_RE.search(person):
            value = role.strip(" ,")
    return value or None


def signed_date(lines: list[str]) -> Optional[str]:
    """The date a form was decided or signed: a "Date of decision:" field anywhere, else a date
    beside the signature block ("Signed ... Date: 17/1/2025", or a date over "signed  date")."""
    for line in lines:
        m = DECISION_DATE_RE.match(line)
        if m:
            found = any_date(m.group(1))
            if found:
                return found
    tail_start = max(0, len(lines) - TAIL_LINES)
    for i in range(len(lines) - 1, tail_start - 1, -1):
        if not SIGNED_RE.search(lines[i]):
            continue
        for k in sorted(range(max(0, i - SIGNATURE_REACH), min(len(lines), i + SIGNATURE_REACH + 1)),
                        key=lambda k: abs(k - i)):
            line = lines[k]
            if k == i or DATE_LABEL_RE.match(line) or len(line.split()) <= 3:
                found = any_date(line)
                if found:
                    return found
    return None


def form_decision(lines: list[str]) -> tuple[Optional[str], Optional[str]]:
    """(decision maker, date decided) of a record-of-decision form; the date only if signed."""
    return decision_maker(lines[:40]), signed_date(lines)
