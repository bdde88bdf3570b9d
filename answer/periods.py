"""The years and months a text names, so a unit about another period can be told from one
about the period a question names: "the May 2025 county elections" is not answered by
"Turnout at the 2024 General Election"."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from .question import _month_number
from .text import MONTHS

# a year, or a span of years ("2015-17", "2024/25", "2025-2028", "2015 to 2018"); not money
# ("£2025") nor part of a longer figure ("12,2019")
YEAR_SPAN = re.compile(r"(?<![£$€\d,.])\b((?:19|20)\d{2})(?:\s*(?:-|–|/|to)\s*((?:19|20)\d{2}|\d{2})(?!\d))?(?![,.]\d)")
MAX_SPAN = 20
# a month with its year ("May 2025", "3rd July, 2022" keeps "July, 2022"); a month name alone
# is too often a word ("may")
MONTH_YEAR = re.compile(rf"\b({MONTHS})\.?,?\s+((?:19|20)\d{{2}})\b", re.I)


@lru_cache(maxsize=20_000)    # the same units come back question after question
def years(text: str) -> frozenset:
    """Every year the text names, spans expanded ("2024-25" -> 2024, 2025)."""
    out = set()
    for m in YEAR_SPAN.finditer(text):
        start = int(m.group(1))
        out.add(start)
        if m.group(2):
            end = int(m.group(2)) if len(m.group(2)) == 4 else start // 100 * 100 + int(m.group(2))
            if start < end <= start + MAX_SPAN:    # "2019-05-02" is a date, not a span
                out.update(range(start + 1, end + 1))
    return frozenset(out)


def month_years(text: str) -> frozenset:
    """(year, month) of every month named with its year."""
    out = set()
    for m in MONTH_YEAR.finditer(text):
        month = _month_number(m.group(1))
        if month:
            out.add((int(m.group(2)), month))
    return frozenset(out)


@dataclass(frozen=True)
class Period:
    """The years and months a question names."""
    years: frozenset
    months: frozenset

    def contradicted_by(self, text: str) -> bool:
        """The text names years, none of them the question's; or months of the question's
        years, none of them the question's month."""
        named = years(text)
        if not named:
            return False
        if not named & self.years:
            return True
        if self.months:
            months = {ym for ym in month_years(text) if ym[0] in self.years}
            return bool(months) and not months & self.months
        return False

    def far_from(self, meeting_date: Optional[str], before: int = 1, after: int = 2) -> bool:
        """A meeting too long before the period to report it, or long after it (a paper
        retelling that period names its year)."""
        if not meeting_date or not meeting_date[:4].isdigit():
            return False
        year = int(meeting_date[:4])
        return year < min(self.years) - before or year > max(self.years) + after

    def off(self, text: str, meeting_date: Optional[str]) -> bool:
        """The text is about another period: it names other years (or months), or it names
        none and its meeting was years away from the question's period."""
        return self.contradicted_by(text) if years(text) else self.far_from(meeting_date)


def question_period(question: str, months: bool = True) -> Optional[Period]:
    """The years (and months, unless `months` is false) the question names, or None."""
    named = years(question)
    return Period(named, month_years(question) if months else frozenset()) if named else None
