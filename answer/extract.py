"""Cut the short answer (a figure, date, name or resolution wording) out of a chosen unit."""
from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Optional

from .question import CONDITION_Q
from .text import (COUNT, DATE, MONEY, MONTHS, NUMBER_WORDS, PERCENT, PERSON, PERSON_TITLES, is_name_like, is_org_phrase, normalise, stem,
                   STOPWORDS, tokens, word_positions)

TYPE_PATTERNS = {
    "money": [MONEY],
    "percent": [PERCENT],
    "count": [COUNT, NUMBER_WORDS],
    "date": [DATE],
    "who": [PERSON],
}
# "DECISION NUMBER:", "Decision to be taken by:", "Decision maker:" are form fields, not a resolution
# "decision" in running prose ("following a decision to refer") is not a resolution: only the
# capitalised heading word or a "Decision:" label is; nor is a passive "need to be agreed by
# Cabinet", only "agreed that/to/:" in lower case
RESOLUTION = re.compile(r"\b(?:RESOLVED|AGREED|DECIDED|Resolved|Agreed|Decided|"
                        r"(?:resolved|agreed|decided)(?=\s*(?:that\b|to\b|[:\-–]))|(?:DECISION|Decision(?=\s*:))(?!(?i:\s+(?:to\s+be\s+taken|"
                        r"taken\s+by|number|no\b|maker|date|type|reference|ref\b|title|decision))))\b"
                        r"(?i:\s*(?:that|to)?\s*[:\-–]?\s*)")
# "That the minutes ... be taken as read", "that the report be noted": a recommendation's wording
SUBJUNCTIVE = re.compile(r"\bthat\b[^.]{0,200}?\bbe (?:taken|approved|noted|agreed|adopted|signed|"
                         r"endorsed|received|accepted|deferred|referred)\b", re.I)
# "The Board is requested to note the report": what a meeting was asked to decide
ASKED_TO = re.compile(r"\b(?:asked|requested|invited|recommended)\s+to\s+(?:note|agree|approve|endorse|"
                      r"consider|comment|adopt|ratify|delegate)\b", re.I)
ROW_CELL = re.compile(r"(?:^|(?<=\s\|\s))([^:|]{1,80}):\s([^|]*)")   # cells end at " | ": lookbehind, so none is skipped
DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
# "scheduled to be held on 4th March 2025", "due by 1 April": a date something is planned for
SCHEDULED_BEFORE = re.compile(r"\b(?:scheduled|due|planned|expected|deadline|next meeting|postponed|"
                              r"deferred|adjourned)\b[^.;]{0,40}$", re.I)
CELL_VALUE_WORDS = 4  # a table cell of more words is prose holding the value ("June 2019-2025" is a value)
NEAR_WINDOW = 80      # characters either side of a value where question words count
YEARISH = re.compile(r"^(?:19|20)\d{2}$")


def _day_month_year(value: str) -> Optional[tuple[str, str, str]]:
    """("4", "mar", "2025") for "4th March 2025" / "Tuesday, 4 March, 2025"; None for other forms."""
    m = DAY_MONTH_YEAR.search(value)
    return (str(int(m.group(1))), m.group(2).lower()[:3], m.group(3)) if m else None


@lru_cache(maxsize=4_096)
def _question_facts(question: str) -> tuple[str, frozenset, frozenset]:
    """(normalised question, dates it names, its word stems): computed once per question."""
    return (normalise(question),
            frozenset(_day_month_year(m.group(0)) for m in DAY_MONTH_YEAR.finditer(question)),
            frozenset(stem(t) for t in tokens(question)))


IN_MONTH_YEAR = re.compile(rf"\b(?:in|during)\s+({MONTHS})\w*,?\s+(\d{{4}})\b", re.I)
MONTH_NAME = re.compile(rf"\b({MONTHS})\w*\b", re.I)
YEAR = re.compile(r"\b((?:19|20)\d{2})\b")


# "Until when was the contract extended in January 2021", "To what date was the appeal postponed":
# the date asked for is an end or a target, so "in <Month> <Year>" dates the decision (the
# meeting), not the answer ("October 31, 2021")
TARGET_DATE_Q = re.compile(r"\b(?:until|till|to|by|through)\s+(?:when|what|which)\b|\bsince when\b|\bhow long\b"
                           r"|\bdeadline\b|\bexpir|\bend date\b|\b(?:extended|postponed|deferred|adjourned|"
                           r"continued|moved|put back|brought forward)\s+(?:to|until|till)\b", re.I)


TARGET_BEFORE = re.compile(r"\b(?:to|until|till|through|by|before|no later than)\s+(?:the\s+)?$", re.I)


@lru_cache(maxsize=4_096)
def _month_window(question: str) -> Optional[tuple[str, str]]:
    """("mar", "2023") when the question puts its answer "in March 2023" ("When was the meeting
    held in March 2023"); None when it asks for an end or target date."""
    m = IN_MONTH_YEAR.search(question)
    if not m or TARGET_DATE_Q.search(question):
        return None
    return m.group(1).lower()[:3], m.group(2)


def _outside_window(value: str, window: tuple[str, str]) -> bool:
    """A date value whose month or year differs from the question's "in <Month> <Year>"
    ("December" or "16 December, 2022" for a meeting "held in March 2023")."""
    month, year = window
    m, y = MONTH_NAME.search(value), YEAR.search(value)
    return (m is not None and m.group(1).lower()[:3] != month) or (y is not None and y.group(1) != year)


# "Plan 2024-2039", "2025/26", "2024-25": a period, not a date, unless the question asks for one
YEAR_RANGE = re.compile(r"\b(?:19|20)\d{2}\s?[-–/]\s?(?:(?:19|20)\d{2}|\d{2})\b(?![-–/]\d)")
PERIOD_Q = re.compile(r"\b(?:period|years|year range|financial year|timescale|time ?frame|how long|"
                      r"between which|from when)\b", re.I)
# "10.00 am", "2pm", "14:30": clock times are not counts
CLOCK_TIME = re.compile(r"\b\d{1,2}(?:[.:]\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)(?!\w)"
                        r"|\b(?:[01]?\d|2[0-3]):[0-5]\d\b(?!:)|\b\d{1,2}[.:]\d{2}\s?(?:hrs|hours)\b"
                        # a mark in a recording, "(*59:27)", "1:02:15": minutes and seconds
                        r"|\b\d{1,3}:[0-5]\d(?::[0-5]\d)?\b", re.I)
# "3.2 The council ...", "1.4.1 ...", "12. RESOLVED", "(3) ...": a paragraph number opening a
# line before a capital ("8.1 times the median" on a wrapped line is a value), or a lone "298."
# ending a unit (the next minute's number)
PARAGRAPH_NUMBER = re.compile(r"(?:^|\n)[ \t]*(?:[•·\uf0b7][ \t]*)?(\(?\d{1,3}(?:\.\d{1,3})+\.?|\(?\d{1,3}[.)])"
                              # "6.Housing Delivery Update": converted text drops the space after an item number
                              r"(?=[ \t]+[A-Z(\"“‘']|(?<=[.)])[ \t]*$|(?<=[.)])[A-Z][a-z])")
# "Decision 24/00093", "ref 2019/0412", US item numbers "(17-039)", "(*23-775)": a reference, not a count
# also an identifier in hyphenated groups, "Assessor's Parcel Number 074-1362-005"
REFERENCE = re.compile(r"\b\d{1,4}/(?:0\d+|\d{4,})\b|(?<=\()\*?\d{1,4}-\d{2,5}(?=\))|\b\d+(?:[-–]\d+){2,}\b")
# "Phase 1", "Section 4 of the lease", "Resolution No. 15589", "Year 6": a number naming a part or
# an item, not a count of anything
LABEL_NUMBER = re.compile(r"\b(?:phase|section|item|table|appendix|annex|schedule|page|para(?:graph)?|part|stage|"
                          r"tier|band|level|option|ward|grade|step|chapter|figure|policy|priority|route|unit|"
                          r"room|building|block|lot|plot|zone|no\.|nos?\.|article|rule|clause|regulation|"
                          r"category|version|volume|year|key stage|district|question|motion|minute|parcel|map)"
                          r"\s+(\d[\d.]*[a-z]?)\b", re.I)
# "12 March 2025", "May 23": the day of a date is not a count (month names capitalised: "5 may be")
DAY_OF_MONTH = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:January|February|March|April|May|June|July|"
                          r"August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|"
                          r"Oct|Nov|Dec)\b|\b(?:January|February|March|April|May|June|July|August|September|"
                          r"October|November|December)\s+\d{1,2}(?:st|nd|rd|th)?\b(?!,\d{3})")   # "June 2,000" is a count


def _spans(pattern: re.Pattern, text: str, group: int = 0) -> list[tuple[int, int]]:
    return [m.span(group) for m in pattern.finditer(text)]


def _inside(m: re.Match, spans: list[tuple[int, int]]) -> bool:
    return any(s <= m.start() and m.end() <= e for s, e in spans)


@lru_cache(maxsize=100_000)   # the same units are typed for every question: ~0.5 s of 30 asks
def _typed_values(answer_type: str, text: str, periods: bool = False) -> tuple[re.Match, ...]:
    """Matches of the wanted type in `text` that pass the checks not depending on a question
    (beyond whether it asks for a period: then a year range is one date value)."""
    found = []
    skip: list[tuple[int, int]] = []
    if answer_type == "count":
        skip = (_spans(CLOCK_TIME, text) + _spans(PARAGRAPH_NUMBER, text, 1) + _spans(DAY_OF_MONTH, text)
                + _spans(YEAR_RANGE, text) + _spans(REFERENCE, text) + _spans(LABEL_NUMBER, text, 1))
    elif answer_type == "date":
        skip = _spans(YEAR_RANGE, text)
    for pattern in TYPE_PATTERNS.get(answer_type, []):
        for m in pattern.finditer(text):
            value = m.group(0).strip()
            if not value or (skip and _inside(m, skip)):
                continue
            if answer_type == "count" and YEARISH.match(value):
                continue  # a year is not a count ("2,000" is: years take no comma)
            if answer_type == "who" and (not is_name_like(value) or not _bare_name_in_role(text, m)):
                continue
            if answer_type == "who" and value.isupper() and " " not in value and _mostly_capitals(text):
                continue  # "BRUREE", "FORMER" in a heading set in capitals: words, not an acronym
            found.append(m)
    if answer_type == "date" and periods:
        found.extend(YEAR_RANGE.finditer(text))
    return tuple(found)


def _mostly_capitals(text: str) -> bool:
    """Most letters are capitals: a title or heading line set in upper case."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 20 and sum(ch.isupper() for ch in letters) > 0.6 * len(letters)


# A year or range naming what follows it: "the 2024 General Election", "2023-24 outturn"
YEAR_PHRASE = re.compile(r"\b((?:19|20)\d{2})(?:\s?[-–/]\s?((?:19|20)?\d{2}))?\b((?:\s+[A-Za-z][\w'’\-]*){1,4})")
FIGURE_TYPES = ("money", "percent", "count")


def _period(first: str, last: Optional[str]) -> tuple[int, int]:
    """(first, last) year of "2024", "2022/23", "2024-2039"."""
    a = int(first)
    return (a, int(last if len(last) == 4 else first[:2] + last)) if last else (a, a)


def _same_period(p: tuple[int, int], q: tuple[int, int]) -> bool:
    """Two ranges are the same only when equal ("2023-24" is not "2024-25"); a single year
    agrees with a range it starts or ends ("2024" and "2023-24")."""
    if p[0] != p[1] and q[0] != q[1]:
        return p == q
    return bool(set(p) & set(q))


@lru_cache(maxsize=50_000)
def _year_phrases(text: str) -> tuple[tuple[tuple[int, int], frozenset], ...]:
    """(period, content stems of the next words) of each year phrase in the text."""
    return tuple((_period(m.group(1), m.group(2)),
                  frozenset(stem(w) for w in tokens(m.group(3)) if w.lower() not in STOPWORDS))
                 for m in YEAR_PHRASE.finditer(text))


ANY_YEAR = re.compile(r"\b((?:19|20)\d{2})(?:\s?[-–/]\s?((?:19|20)?\d{2}))?\b")


@lru_cache(maxsize=50_000)
def _text_periods(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(_period(m.group(1), m.group(2)) for m in ANY_YEAR.finditer(text))


def other_year(text: str, question: str) -> bool:
    """The text is about another year's instance of what the question dates: "the 2024 General
    Election" for "the May 2025 county council elections", "2023-24 outturn" for "the 2024-25
    outturn" (and the text names the question's year nowhere)."""
    q_phrases = _year_phrases(question)
    if not q_phrases:
        return False
    t_phrases = _year_phrases(text)
    t_periods = _text_periods(text)
    for q_period, q_words in q_phrases:
        if any(_same_period(t_period, q_period) for t_period in t_periods):
            continue
        if any(t_words & q_words for _, t_words in t_phrases):
            return True
    return False


# "What commercial rate (annual rate on valuation) did the council set": a rate is a share
# ("4.5%") or a sum per unit ("€0.2797" in the euro, "£12.50 an hour"), unless the question
# asks for a share; a total in millions is no rate
RATE_Q = re.compile(r"\brates?\b", re.I)
SHARE_Q = re.compile(r"\b(?:share|proportion|percentage|percent|per cent|fraction)\b", re.I)
SCALED_SUM = re.compile(r"(?:m|bn|k|million|billion|thousand)$", re.I)


@lru_cache(maxsize=4_096)
def _rate_question(question: str) -> bool:
    return RATE_Q.search(question) is not None and SHARE_Q.search(question) is None


def _rate_sums(text: str) -> tuple[re.Match, ...]:
    """Sums in the text that can be a rate: a currency-marked amount not scaled to millions."""
    return tuple(m for m in _typed_values("money", text)
                 if not m.group(0)[0].isdigit() and not SCALED_SUM.search(m.group(0).strip()))


def typed_matches(answer_type: str, text: str, question: str) -> list[re.Match]:
    """Matches of the wanted type in `text`, ignoring ones the question itself already states."""
    q_norm, q_dates, _ = _question_facts(question)
    periods = answer_type == "date" and PERIOD_Q.search(question) is not None
    if answer_type in FIGURE_TYPES and other_year(text, question):
        return []      # a figure for another year's election, budget or outturn is not the answer
    values = _typed_values(answer_type, text, periods)
    if answer_type == "percent" and _rate_question(question):
        values = tuple(sorted(values + _rate_sums(text), key=lambda m: m.start()))
    found = []
    for m in values:
        value = m.group(0).strip()
        if normalise(value) in q_norm:
            continue
        # "30th January 2025" in the text is the "30 January 2025" the question names, not its answer
        if answer_type == "date" and q_dates and _day_month_year(value) in q_dates:
            continue
        window = _month_window(question) if answer_type == "date" else None
        if window and _outside_window(value, window):
            continue
        if answer_type == "who" and (_mostly_question_words(value, question)
                                     or _bare_name_from_question(value, question)):
            continue
        if answer_type == "count" and _counts_something_else(text, m, _question_facts(question)[2]):
            continue
        found.append(m)
    return found


# Nouns a number sizes or orders rather than counts when it stands before them in the
# singular ("a 4 stage process", "5 year target", "10 point plan") or hyphenated
# ("7,000-square-foot restaurant", "4-storey block"); and units of measure ("7,000 square feet")
MEASURE_NOUNS = frozenset(stem(w) for w in (
    "stage step phase point part tier year month week day hour minute storey story bed bedroom "
    "lane mile acre hectare metre meter foot feet square sq ft km kilometre kg tonne litre inch "
    "yard mph percent").split())
# numbers to call, not counts: emergency lines in the UK and Ireland, the EU and North America
PHONE_NUMBERS = frozenset({"999", "112", "911"})
PHONE_BEFORE = re.compile(r"\b(?:call|calls|calling|dial|dialling|dialing|ring|phone|telephone|tel|"
                          r"contact|text|freephone)\.?\s+(?:on\s+)?$", re.I)
STREET_WORDS = (r"(?:Street|St|Road|Rd|Avenue|Ave|Parkway|Pkwy|Boulevard|Blvd|Drive|Dr|Lane|Ln|Way|Place|Pl|"
                r"Court|Ct|Terrace|Crescent|Close|Highway|Hwy)\b")
STREET_AFTER = re.compile(rf"^[ \t]+(?:[A-Z][\w'’\-]*[ \t]+){{1,3}}{STREET_WORDS}")
# "2900 Harbor Bay Parkway", "1410 Everett Street": a property's street address
STREET_ADDRESS = re.compile(rf"\b\d{{1,5}}[A-Za-z]?\s+(?:[A-Z][\w'’\-]*\s+){{1,3}}{STREET_WORDS}")


def street_addresses(text: str) -> frozenset:
    """The street addresses in the text, spacing folded ("2900 harbor bay parkway")."""
    return frozenset(re.sub(r"\s+", " ", m.group(0)).lower() for m in STREET_ADDRESS.finditer(text))


COUNTED_AFTER = re.compile(r"^[^\n,;:()\[\]]{0,40}")


# Nouns papers and questions use for the same counted things ("4,798 pupils" counts the
# "home-educated children" asked about; "203 dwellings" the homes)
COUNTED_GROUPS = ("child children pupil student learner young kid",
                  "home house dwelling unit property flat apartment",
                  "people person resident individual user client participant adult",
                  "staff employee worker post officer",
                  "place space seat bay",
                  "job post role position vacancy",
                  "member councillor councilmember")
COUNTED_ALIKE: dict[str, frozenset] = {}
for _group in COUNTED_GROUPS:
    _stems = frozenset(stem(w) for w in _group.split())
    for _s in _stems:
        COUNTED_ALIKE[_s] = COUNTED_ALIKE.get(_s, frozenset()) | _stems


def _counts_something_else(text: str, m: re.Match, q_stems: frozenset) -> bool:
    """A number in the text that is no count of what the question asks about: one naming a
    size, stage or measure ("4 stage process", "7,000-square-foot", "2.5 acres"), a phone
    number ("contact 999"), or a count of other things ("172 guest rooms" for "how many
    parking spaces"). A number the question's own words follow ("294 patrols", "203 new
    homes"), or that nothing follows (a table cell), stays a count."""
    value = m.group(0).strip()
    if PHONE_BEFORE.search(text[max(0, m.start() - 20):m.start()]):
        return True
    after = COUNTED_AFTER.match(text[m.end():]).group(0)
    if STREET_AFTER.match(after):
        return True                     # "2350 Harbor Bay Parkway": a street number
    if after.startswith("-") and after[1:2].isalpha():
        parts = re.match(r"-([A-Za-z]+(?:-[A-Za-z]+)*)", after).group(1).split("-")
        return not any(stem(p) in q_stems for p in parts)      # "7,000-square-foot", "4-storey"
    words = _counted_words(after)
    if words and stem(words[0]) in MEASURE_NOUNS and stem(words[0]) not in q_stems:
        return True                     # "five story hotel" sizes the hotel, counts no hotels
    if _names_asked_thing(words, q_stems):
        return False
    if value in PHONE_NUMBERS:
        return True
    return any(_plural(w) for w in words)


def _counted_words(after: str) -> list[str]:
    """Up to three words after a number, before a stop word ("13 of the members": the count's
    noun is further on)."""
    words, pos = [], 0
    # words right after the number ("209 no. approved homes"), not "18 - 64 Population"
    while len(words) < 3 and (m := NEXT_WORD.match(after, pos)):
        w, pos = m.group(1), m.end()
        if w.lower() in STOPWORDS:
            break
        words.append(w)
        if _plural(w):
            break                       # "203 new homes required": the plural ends the counted noun
    return words


NEXT_WORD = re.compile(r"[ \t]+(?:no\.[ \t]+)?([A-Za-z][\w'’]*)")


def _names_asked_thing(words: list[str], q_stems: frozenset) -> bool:
    return any(stem(w) in q_stems or COUNTED_ALIKE.get(stem(w), frozenset()) & q_stems for w in words)


BAND_BEFORE = re.compile(r"\d\s*(?:[-–]|to)\s*$")
# "two spaces per unit", "12 places a year": a rate, not how many there are in all
RATE_AFTER = re.compile(r"^\s*(?:[A-Za-z][\w'’\-]*\s+){0,3}?(?:per|a|an|each|every)\s+[a-z]", re.I)


def counts_asked_thing(text: str, question: str) -> bool:
    """A count in the text is followed by what the question counts ("85 children", "4,798
    pupils" for home-educated children), and is not a rate the question does not ask for."""
    q_stems = _question_facts(question)[2]
    rate_asked = RATE_AFTER.search(" " + question.split("many", 1)[-1]) is not None
    for m in typed_matches("count", text, question):
        after = COUNTED_AFTER.match(text[m.end():]).group(0)
        if after.startswith("+") or BAND_BEFORE.search(text[max(0, m.start() - 12):m.start()]):
            continue                    # "65+ Population", "18 - 64 Population": an age band
        if _names_asked_thing(_counted_words(after), q_stems) and (rate_asked or not RATE_AFTER.match(after)):
            return True
    return False


def _plural(word: str) -> bool:
    """A plural noun by its ending ("rooms", "members"), not "process", "bus", "analysis"."""
    low = word.lower()
    return len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is", "'s", "’s"))


def _mostly_question_words(value: str, question: str) -> bool:
    q = _question_facts(question)[2]
    words = [stem(t) for t in tokens(value)]
    return bool(words) and sum(w in q for w in words) >= max(1, len(words) - 0)


def _bare_name_from_question(value: str, question: str) -> bool:
    """Two capitalised words without a title, one of them from the question ("Safer Harrow" for
    a question about Harrow): a place or service name, not the person or body asked for."""
    words = tokens(value)
    if len(words) != 2 or PERSON_TITLE.match(value):
        return False
    q = {re.sub(r"['’]s$", "", t.lower()) for t in tokens(question)}   # "Harrow's" names Harrow
    return any(w.lower() in q for w in words)


# A first name + surname with no title is a person only where the text says so: "Contact: ...",
# "led by ...", "Name ...", or a role right after it ("Bridget O'Dwyer Senior Commissioning Manager").
ROLE_BEFORE = re.compile(r"(?:contact|name|by|author|officer|lead|chair(?:man|person)?|ask for)\W{0,3}$", re.I)
ROLE_AFTER = re.compile(r"^\W{0,3}(?:\(|(?:[A-Z]\w+\s){0,3}(?:Manager|Director|Officer|Lead|Consultant|"
                        r"Chair\w*|Head|Commissioner|Adviser|Advisor|Coordinator|Co-ordinator|Member|Councillor))")


def _bare_name_in_role(text: str, m: re.Match) -> bool:
    """True unless the match is a bare two-word name with nothing around it saying it is a person."""
    value = m.group(0).strip()
    words = tokens(value)
    if len(words) != 2 or PERSON_TITLE.match(value) or re.search(
            r"(?:Corporate |Managing |Executive )?(?:Director|Officer|Manager|Chair|Head|Leader)(?:man|person)?\b", value):
        return True
    if is_org_phrase(value) or any(ch.isupper() for ch in words[1][1:] if ch.isalpha()) and "'" not in value and "’" not in value and words[1].isupper():
        return True
    before = text[max(0, m.start() - 20):m.start()]
    after = text[m.end():m.end() + 60]
    return bool(ROLE_BEFORE.search(before.rstrip()) or ROLE_AFTER.match(after))


PERSON_TITLE = re.compile(rf"(?:{PERSON_TITLES})\b")


# Wording that records a decision or an action taken ("an expression of interest was submitted").
# Not "submitted by": every "Question/Motion submitted by Councillor X" heading of Irish minutes
# names who tabled an item, not what was decided on it.
DECIDED_WORDS = re.compile(r"\b(?:agreed|approved|endorsed|noted|delegated|resolved|decided|adopted|"
                           r"concluded|submitted(?!\s+by\b))\b"
                           # "There has been previous agreement at the Board (March 2019) that ..."
                           r"|\b(?:agreement|decision)\b[^.;:]{0,80}?\bthat\b", re.I)


# Wording that gives a reason: "because", "due to", "as the Council does not have ...",
# "there is no rationale for ...". "As" alone is too common ("as part of"), so it counts only
# when a clause with its own verb follows.
REASON = re.compile(r"\b(?:because|due to|owing to|on account of|in order to|so as to|given that|"
                    r"rationale|reasons?\b|the result of|as a result|this is why|since (?:the|it|there|this|they)\b|"
                    r"as (?:the|this|it|there|they|we|no)\b(?:\s+\w+){0,3}\s+(?:is|are|was|were|has|have|had|"
                    r"does|do|did|will|would|can|cannot|could|lacks?|requires?)\b)", re.I)


# "On what condition did the council approve X" (CONDITION_Q): the answer is the proviso attached to the
# decision ("... with the proviso that the City received authorization ..."), not its title
PROVISO = re.compile(r"\b(?:provided (?:that|always)|providing that|subject to|on (?:the )?conditions?\b|"
                     r"conditional (?:up)?on|conditions? (?:that|of|attached)|provisos?\b|so long as|"
                     r"contingent (?:up)?on|with the caveat)", re.I)


def has_type(answer_type: str, text: str, question: str) -> bool:
    if answer_type == "decision" and CONDITION_Q.search(question):
        return PROVISO.search(text) is not None
    if answer_type == "decision":
        return RESOLUTION.search(text) is not None or DECIDED_WORDS.search(text) is not None \
            or SUBJUNCTIVE.search(text) is not None or ASKED_TO.search(text) is not None
    return bool(typed_matches(answer_type, text, question))


# a role followed by an organisation's name: "Chair, Clinical Commissioning Group" (a person
# listed with their title elsewhere), not "(Chairman), Mr N Baker" (the next name in a list)
OF_ANOTHER_BODY = re.compile(rf",\s*(?!(?:{PERSON_TITLES})\b)[A-Z][a-z]")


def in_role(text: str, m: re.Match, action_stems: frozenset) -> bool:
    """The name is marked as doing the asked-about action: "Mr R W Gough (Chairman)",
    "chaired by the Corporate Director"."""
    after = re.match(r"\s*[(,\-–]?\s*(?:An\s+)?([A-Za-z]+)", text[m.end():m.end() + 24])
    if after and OF_ANOTHER_BODY.match(text, m.end() + after.end()):
        after = None    # "Chris Miller, Chair, Harrow Safeguarding Children Board" chairs another body
    before = re.search(r"([A-Za-z]+)\s+by\s+(?:the\s+)?$", text[max(0, m.start() - 24):m.start()])
    # "PRESENT IN THE CHAIR: Councillor S. Keary": the role is the label just before the name
    # (in a table row "Chair: | * Councillor Graham Henson")
    label = re.search(r"\b([A-Za-z]+)\s*[*_]*\s*:[\s*_|]*$", text[max(0, m.start() - 30):m.start()])
    return any(g is not None and stem(g.group(1)) in action_stems for g in (after, before, label))


# A figure printed as a change: "25% below the 2005 level", "a 10% cut", "reduced by 12%",
# "an increase of £3m" (not "a 100% carbon-free mix", a share)
CHANGE_WORD = (r"(?:below|above|less|more|lower|higher|fewer|reductions?|cuts?|increases?|rises?|decreases?|"
               r"drops?|falls?|declines?|growth|up|down|savings?)")
CHANGE_AFTER = re.compile(rf"^\s*(?:[a-z]+\s+)?{CHANGE_WORD}\b", re.I)
CHANGE_BEFORE = re.compile(r"\b(?:reduc|cut|increas|rais|rise|rose|risen|fall|fell|fallen|decreas|drop|grow|grew|"
                           r"declin|lower|improv|chang)\w*\s+(?:[\w\-]+\s+){0,4}?(?:by|of)\s+"
                           r"(?:about\s+|around\s+|approximately\s+|up\s+to\s+|at\s+least\s+|some\s+|nearly\s+|almost\s+)?$",
                           re.I)


def change_bound(text: str, m: re.Match) -> bool:
    """The value is printed as a change, by the words right after or before it."""
    return (CHANGE_AFTER.match(text[m.end():m.end() + 30]) is not None
            or CHANGE_BEFORE.search(text[max(0, m.start() - 60):m.start()]) is not None)


def has_change_value(answer_type: str, text: str, question: str) -> bool:
    return any(change_bound(text, m) for m in typed_matches(answer_type, text, question))


def pick_value(answer_type: str, text: str, question: str, focus_stems: set[str],
               action_stems: frozenset = frozenset(), change: bool = False) -> Optional[re.Match]:
    """The typed match nearest the question's words in the text; for a who-question about an
    action, first a name marked as doing it (an attendance list's "X (Chairman)"); for a
    question about a change, first a value printed as one."""
    matches = typed_matches(answer_type, text, question)
    if not matches:
        return None
    if action_stems:
        marked = [m for m in matches if in_role(text, m, action_stems)]
        matches = marked or matches
    if change:
        matches = [m for m in matches if change_bound(text, m)] or matches
    if answer_type == "date" and TARGET_DATE_Q.search(question):
        # "extend the Closing Date from December 12, 2016 to April 11, 2017": a deadline or end
        # asked for is the date the text moves things to, not the one it moves them from
        matches = [m for m in matches if TARGET_BEFORE.search(text[max(0, m.start() - 20):m.start()])] or matches
    words = word_positions(text)
    hits = [at for at, w in words if w in focus_stems and not text[at].isdigit()]
    if not hits:
        return matches[0]

    def closeness(m: re.Match) -> tuple[int, int]:
        # most distinct question words within a short window, then the nearest one
        near = {w for at, w in words if w in focus_stems and abs(at - m.start()) <= NEAR_WINDOW}
        return (-len(near), min(abs(m.start() - h) for h in hits))
    return min(matches, key=closeness)


NOUN_PHRASE_WORD = re.compile(r"[A-Za-z][\w'’\-]*")


def head_phrase(text: str, head: str, question_stems: set[str]) -> Optional[tuple[int, int]]:
    """Offsets of "<modifier> <head>" in text, the modifier a word the question does not use
    and the head ending the noun phrase: for "which tendering procedure", "an OPEN Procedure;"
    gives "OPEN Procedure", but "Contract Procedure Rules" (a longer name) gives nothing."""
    words = list(NOUN_PHRASE_WORD.finditer(text))
    for i in range(1, len(words)):
        w = words[i]
        if stem(w.group(0)) != head:
            continue
        mod = words[i - 1]
        gap = text[mod.end():w.start()]
        if gap != " " or mod.group(0).lower() in STOPWORDS or stem(mod.group(0)) in question_stems:
            continue
        after = text[w.end():w.end() + 2]
        if i + 1 < len(words) and words[i + 1].start() == w.end() + 1 and after[1:].isupper() \
                and not after.startswith(("\n",)):
            continue   # "Contract Procedure Rules": the head is part of a longer name
        return mod.start(), w.end()
    return None


def scheduled_date(text: str, question: str) -> bool:
    """The text gives a date something is scheduled/due for (the words just before the date say so)."""
    return any(SCHEDULED_BEFORE.search(text[max(0, m.start() - 60):m.start()])
               for m in typed_matches("date", text, question))


def value_nearness(answer_type: str, text: str, question: str, focus_stems: set[str]) -> float:
    """1.0 when a value of the wanted type sits right next to a question word, falling off
    with distance: in "X rose; this is 59%", the 59% near "rose" is the answer, not the 100%
    in the sentence before."""
    matches = typed_matches(answer_type, text, question)
    if not matches:
        return 0.0
    hits = [at for at, w in word_positions(text) if w in focus_stems and not text[at].isdigit()]
    if not hits:
        return 0.0
    gap = min(abs(m.start() - h) for m in matches for h in hits)
    return math.exp(-gap / 60.0)


ITEM_START = re.compile(r"(?:^|\n|;\s)\s*(?:\(?\d{1,2}[.)]|\(?[a-z][.)]|\([ivx]{1,4}\)|[•·\-–])\s+")


def best_resolution_item(text: str, start: int, end: int, focus_stems: set[str]) -> tuple[int, int]:
    """Within text[start:end], the numbered/lettered part sharing most question words
    (the whole span when it has no parts)."""
    cuts = [m.start() for m in ITEM_START.finditer(text, start, end)]
    if len(cuts) < 2:
        return start, end
    bounds = [start] + cuts + [end]
    best, best_score = (start, end), 0
    for s, e in zip(bounds, bounds[1:]):
        score = len({stem(t) for t in tokens(text[s:e])} & focus_stems)
        if score > best_score:
            best, best_score = (s, e), score
    s, e = best
    while s < e and text[s] in " \n;":
        s += 1
    return s, e


def resolution_wording(text: str) -> Optional[tuple[int, int]]:
    """Offsets (within text) of the words after 'RESOLVED:' and the like."""
    m = RESOLUTION.search(text)
    if not m or m.end() >= len(text):
        return None
    return m.end(), len(text)


def typed_header_match(row_text: str, question_stems: set[str], answer_type: str, question: str) -> int:
    """How many question words name the column of a cell holding the wanted type of value, in
    a "Header: cell | Header: cell" row: 'Population Size: 269,801' for 'what population'."""
    best = 0
    for header, value in ROW_CELL.findall(row_text):
        named = len({stem(t) for t in tokens(header)} & question_stems)
        if named > best and has_type(answer_type, value, question):
            best = named
    return best


def tab_line_cell(text: str, start: int, end: int, question_stems: set[str], answer_type: str,
                  question: str) -> Optional[tuple[int, int]]:
    """Offsets of the cell of a tab-separated table line text[start:end] that lies under the
    column header (the first line of its table block) the question names and holds the wanted
    type: "Total\t33 Practices\t269,801" under "PCN Name\tPractices Covered\tPopulation Size"."""
    line_start = text.rfind("\n", 0, start) + 1
    block = text.rfind("\n\n", 0, line_start)
    header_start = 0 if block < 0 else block + 2
    header_end = text.find("\n", header_start)
    if header_start >= line_start or header_end < 0 or "\t" not in text[line_start:end]:
        return None
    headers = text[header_start:header_end].split("\t")
    best, best_named, pos = None, 0, line_start
    for i, cell in enumerate(text[line_start:end].split("\t")):
        cell_start, pos = pos, pos + len(cell) + 1
        if i >= len(headers) or not cell.strip() or not has_type(answer_type, cell, question):
            continue
        named = len({stem(t) for t in tokens(headers[i])} & question_stems)
        if named > best_named:
            lead = len(cell) - len(cell.lstrip())
            best, best_named = (cell_start + lead, cell_start + len(cell.rstrip())), named
    return best


def table_cell(row_text: str, question_stems: set[str], answer_type: str, question: str) -> Optional[str]:
    """From a "Header: cell | Header: cell" row, the cell whose header the question names
    (or, failing that, the first cell of the wanted type that the question does not contain).
    A figure, date or name question reads only cells holding that type of value."""
    cells = [(h.strip(), v.strip()) for h, v in ROW_CELL.findall(row_text)]
    if answer_type in TYPE_PATTERNS:
        cells = [(h, v) for h, v in cells if v and has_type(answer_type, v, question)]
    if not cells:
        return None
    best, best_score = None, 0
    for header, value in cells:
        header_stems = {stem(t) for t in tokens(header)}
        value_stems = {stem(t) for t in tokens(value)}
        if not value or value_stems and value_stems <= question_stems:
            continue  # the cell the question names is the key, not the answer
        score = len(header_stems & question_stems)
        if score > best_score:
            best, best_score = value, score
    if not best:
        best = next((v for _, v in cells if v and has_type(answer_type, v, question)), None)
    if best and answer_type in TYPE_PATTERNS and len(best.split()) > CELL_VALUE_WORDS:
        # a long text cell (a risk register's description): the value inside it
        m = pick_value(answer_type, best, question, question_stems)
        return m.group(0).strip() if m else best
    return best
