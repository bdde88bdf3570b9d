"""Small text helpers shared by question analysis and sentence scoring: tokens, stems, patterns."""
from __future__ import annotations

import re
from functools import lru_cache

WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’\-]*|\d[\d,.]*(?:[-–/]\d[\d,.]*)*")

STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing done down during each either else ever few
for from further had has have having he her here hers him his how i if in into is it its itself
just let may me might more most much must my no nor not now of off on once only or other ought our
ours out over own per same shall she should so some such than that the their theirs them then there
these they this those through to too under until up upon us very was we were what whats when where
which while who whom whose why will with within would you your yours one ones
what's who's there's it's let's
""".split())

# Question words that say what is wanted but are not content to match.
QUESTION_NOISE = frozenset("""
roughly approximately around exactly currently according say says said tell told give given
happen happened happening get got make made go went
""".split())


def normalise(text: str) -> str:
    """Fold case, unify quotes and dashes, collapse whitespace (as the eval README does)."""
    text = text.lower()
    text = re.sub(r"[‘’`´]", "'", text)
    text = re.sub(r"[“”]", '"', text)
    text = re.sub(r"[‐-―−]", "-", text)
    return re.sub(r"\s+", " ", text).strip()


# Markdown emphasis ("**31.Notice of Motion**", "***We will move***") and escaped underscores
# ("\\_\\_\\_") from documents converted to Markdown: kept in quotes, dropped from shown answers.
MARKDOWN_MARKUP = re.compile(r"\*{1,3}(?=\S)|(?<=\S)\*{1,3}|\\(?=[_*#\[\]])")


# inline HTML some converters leave in text ("<p>Sign off approach</p>", "<i>based on raw
# list size</i>", a ticked "<input checked type=checkbox/>"): dropped from what is shown
HTML_MARKUP = re.compile(r"</?(?:p|i|b|u|em|strong|small|span|br|sup|sub|input)\b[^<>]{0,200}/?>", re.I)
MARKDOWN_RULE = re.compile(r"(?:^|\n)[ \t]*-{3,}[ \t]*(?=\n|$)")   # "---": a page break


def display_text(text: str) -> str:
    """An answer as a reader should see it: Markdown emphasis markers and inline HTML tags removed, line breaks
    (Markdown from PDFs has a blank line after every printed line) folded into single spaces.
    Citation quotes stay verbatim; only the shown answer and sentence are cleaned."""
    text = MARKDOWN_RULE.sub(" ", HTML_MARKUP.sub(" ", text))
    return re.sub(r"\s+", " ", MARKDOWN_MARKUP.sub("", text)).strip()


UNDOUBLE_AFTER = ("ings", "ing", "edly", "ed", "ers")
# a consonant-vowel-consonant stem of three letters left by "-ed"/"-ing" lost a silent "e"
SHORT_CVC = re.compile(r"^[b-df-hj-np-tvz][aeiou][b-df-hj-np-tvz]$")


@lru_cache(maxsize=200_000)   # the same few thousand words are stemmed for every question
def stem(word: str) -> str:
    """A light suffix stripper: enough to match agree/agreed/agreement, service/services."""
    w = word.lower().replace("’", "'").strip("'-.,")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) <= 3 or w[0].isdigit():
        return w
    for suffix, repl in (("ational", "ate"), ("isation", "ise"), ("ization", "ise"), ("ations", "ate"), ("ation", "ate"),
                         ("ments", ""), ("ment", ""), ("ities", "ity"), ("ies", "y"),
                         ("ings", ""), ("ing", ""), ("edly", ""), ("ed", ""), ("ers", "er"),
                         ("es", "e"), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: len(w) - len(suffix)] + repl
            # planned/planning -> plan, transferred -> transfer (but fall, dress, buzz stay)
            if suffix in UNDOUBLE_AFTER and len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeioulsz":
                w = w[:-1]
            elif suffix in ("ed", "ing") and SHORT_CVC.match(w):
                w += "e"     # voted/voting -> vote, as "vote" and "votes" stay (cited, dated, ruled)
            break
    # agree/agre, provide/provid: drop a final e so both forms meet
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    return SAME_MEANING.get(w, w)


# Stems that papers and questions use for the same thing ("the Board is requested to note" is
# what "what was the board asked to do" means; "(Chairman)" answers "who chaired").
SAME_MEANING = {"request": "ask", "chairman": "chair", "chairperson": "chair",
                "chairwoman": "chair", "chairmen": "chair",
                "cathaoirleach": "chair"}   # Irish councils' title for the chair
NUMBER_RANGE_SEP = re.compile(r"(?<=\d)[–/](?=\d)")


def tokens(text: str) -> list[str]:
    return [m.group(0) for m in WORD.finditer(text)]


def content_stems(text: str) -> list[str]:
    """Stems of the words that carry meaning (stopwords and question noise removed)."""
    out = []
    for tok in tokens(text):
        low = tok.lower().replace("’", "'")
        if low[0].isdigit():
            # "2015/17", "2015–17" and "2015-17" name the same period
            out.append(NUMBER_RANGE_SEP.sub("-", low.rstrip(".,")))   # "2025-26," is 2025-26
            continue
        # "drug-related" matches "Drug Related": hyphenated words count as their parts
        for part in (low.split("-") if "-" in low.strip("-") else [low]):
            if part in STOPWORDS or part in QUESTION_NOISE or not part:
                continue
            if len(part) == 1 or (len(part) < 3 and part != low):
                continue
            out.append(stem(part))
    return out


@lru_cache(maxsize=50_000)   # answer units recur in every question's candidates: ~1 s of 30 asks
def unit_stems(text: str) -> tuple[tuple[str, ...], frozenset]:
    """(content stems in order, content + compound stems as a set) of a unit's text, cached."""
    ordered = tuple(content_stems(text))
    return ordered, frozenset(ordered) | frozenset(compound_stems(text))


@lru_cache(maxsize=50_000)
def word_positions(text: str) -> tuple[tuple[int, str], ...]:
    """(offset, stem) of every word and figure of a unit, cached like `unit_stems`."""
    return tuple((m.start(), stem(m.group(0))) for m in re.finditer(r"[A-Za-z0-9][\w'’\-]*", text))


def compound_stems(text: str) -> list[str]:
    """Stems of adjacent word pairs written as one word, so "Trail Blazer" also matches
    "Trailblazer" and "health care" matches "healthcare"; and of hyphenated words whole; and
    codes printed with a space ("KS R" in a pay table) as the code run together ("grades KSA - KSR")."""
    words = re.findall(r"[A-Za-z]{3,}", text)
    return ([stem((a + b).lower()) for a, b in zip(words, words[1:])] + hyphenated_stems(text)
            + spaced_codes(text))


HYPHENATED = re.compile(r"\b[A-Za-z]+(?:-[A-Za-z]+)+\b")


def hyphenated_stems(text: str, names: bool = True) -> list[str]:
    """"in-house" -> "inhous", "home-educated" -> "homeeducat": a hyphenated term means more
    than its parts ("in" is a stop word, "house" is everywhere), so the whole word counts as one
    more term. With names=False, capitalised names ("Glenmore-Ashford") give none: their parts
    already name them, and a third term would outweigh the rest of a question."""
    out = []
    for m in HYPHENATED.finditer(text):
        parts = m.group(0).split("-")
        if names or not all(p[0].isupper() for p in parts):
            out.append(stem("".join(parts).lower()))
    return out


# capital-letter codes split by single spaces, a lone letter or digit after: "KS R", "PCN 2"
SPACED_CODE = re.compile(r"(?<![\w-])[A-Z]{2,3}(?: [A-Z0-9]{1,2}){1,2}(?![\w-])")


def spaced_codes(text: str) -> list[str]:
    """Codes written with spaces between their parts, run together and lower-cased ("ksr")."""
    out = []
    for m in SPACED_CODE.finditer(text):
        parts = m.group(0).split()
        joined = "".join(parts)
        if 3 <= len(joined) <= 6 and any(len(p) == 1 for p in parts) and not joined.isdigit():
            out.append(joined.lower())
    return out


MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|"
          "december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")

# Titles put before a person's name: British/Irish, and the US council forms ("Board Member
# Curtis", "Councilmember Vella", "Vice Mayor Daysog", "President Ruiz")
PERSON_TITLES = (r"Mr|Mrs|Ms|Miss|Dr|Cllr|Councillor|Professor|Prof|Sir|Dame|Councilmember|Council Member|"
                 r"Board Member|Commissioner|Vice Mayor|Mayor|Vice President|President|Supervisor|Alderman|"
                 r"Alderperson|Trustee")

# Currency signs and ISO codes papers print before or after a sum ("£5m", "$78,000", "€0.2797",
# "USD 2,500", "2,500 EUR")
CURRENCY_SIGNS = "£$€¥₹"
CURRENCY_CODES = r"USD|EUR|GBP|CAD|AUD|NZD|CHF"
MONEY = re.compile(
    rf"(?:[{CURRENCY_SIGNS}]|\b(?:{CURRENCY_CODES})\s?)\s?\d[\d,]*(?:\.\d+)?"
    r"\s?(?:m\b|bn\b|k\b|million\b|billion\b|thousand\b|/day\b)?"
    r"|\b\d[\d,]*(?:\.\d+)?\s?(?:m|bn|k)\b(?!\s*(?:metres|miles))"
    rf"|\b\d[\d,]*(?:\.\d+)?\s(?:million|billion|dollars|euros?|{CURRENCY_CODES})\b", re.I)
PERCENT = re.compile(r"\b\d+(?:\.\d+)?\s?(?:%|per\s?cent\b|percent\b)", re.I)
DATE = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS})\.?,?\s+\d{{4}}\b"
    rf"|\b(?:{MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}\b"
    rf"|\b(?:{MONTHS})\.?\s+\d{{4}}(?:\s?[-–/]\s?\d{{2,4}})?\b"
    rf"|\b(?:spring|summer|autumn|winter)\s+\d{{4}}\b"
    rf"|\b(?:19|20)\d{{2}}\b"
    rf"|\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b"
    rf"|\b(?:{MONTHS})\b", re.I)
COUNT = re.compile(r"(?<![£$€¥₹\d.,])\b\d[\d,]*(?:\.\d+)?\b(?!\s?%|\s?(?:m|bn|k)\b|\.\d)", re.I)
NUMBER_WORDS = re.compile(r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                          r"twenty|thirty|forty|fifty|hundred|dozen)\b", re.I)
DECISION = re.compile(
    r"\b(?:resolved|agreed|agree|approved|approve|endorsed|endorse|noted|note|decided|decision|"
    r"recommend(?:ed|ation)?s?|delegated?|authority|authorised|adopted?|was carried|carried|"
    r"request(?:ed)?|submitted|confirmed|concluded)\b", re.I)
# Who-answers: a titled person ("Mr R W Gough", "Councillor Jones"), a role ("Director of Public
# Health"), an organisation with an organisation word ("Harrow CCG", "Kent County Council"), a
# first name + surname, or a capitalised acronym/brand ("SEND4CHANGE"). Heading and generic words
# ("MINUTES", "Council Chamber", "Wellbeing Board") are not names: see `is_name_like`.
ORG_WORDS = (r"Trust|Council|Ltd|Limited|Partnership|CCG|NHS|Foundation|LLP|plc|PLC|Consortium|"
             r"Alliance|Authority|University|College|Association|Charity|Group|Consultancy|"
             r"Consulting|Company|Services|Hospital|Clinic|Practice|Agency|Network|"
             # company forms abroad: "3Di Inc.", "Acme LLC", "Verde Design Corp.", "Kevin Harper CPA and Associates"
             r"Inc|Incorporated|LLC|Corp|Corporation|GmbH|Pty|Associates|Partners")
# how an organisation's name ends: an organisation word, or "and Associates" / "& Sons"
ORG_END = rf"(?:(?:and|&)\s+(?:Associates|Partners|Sons)|{ORG_WORDS})"
# A word of an organisation's name: capitalised, or a brand opening with digits ("3Di", "4Children")
ORG_NAME_WORD = r"(?:[A-Z]|\d+[A-Za-z])[\w&’'\-]*"
PERSON = re.compile(
    rf"\b(?:{PERSON_TITLES})\.?\s+(?:[A-Z][\w’'\-]*\.?\s?){{1,4}}"
    r"|\b(?:Corporate |Managing |Executive |Strategic |Assistant |Deputy |Interim )?"
    # a whole word: "Corporate Headquarters" names no Head, a "Directorate" no Director
    r"(?:Director|Officer|Manager|Chair(?:man|person)?|Head|Leader|Chief Executive|Cabinet Member)\b"
    r"(?:\s+(?:of|for)\s+(?:[A-Z][\w&,\-]*\s?){1,5})?"
    rf"|\b(?:{ORG_NAME_WORD}\s+){{0,4}}{ORG_END}\b"
    r"|\b[A-Z][a-z]+\s+(?:O[’']|Mc|Mac)?[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b"
    r"|\b[A-Z][A-Z0-9]{3,}\b")
# Capitalised words that head sections or name generic things, never a person's name.
NOT_NAME_WORDS = frozenset("""
minutes agenda present apologies resolved report decision item items note notes page part section
appendix annex table contents council cabinet committee board county borough health wellbeing
being chamber meeting meetings service services care public adult adults children young people
misuse substance strategy plan policy budget member members the this that these there their
local area total summary background introduction recommendation recommendations purpose
contact details officer financial legal implications risk risks date title subject key
government national city district hall house room
""".split())


def is_org_phrase(value: str) -> bool:
    """Two or more words ending in an organisation word ("Harrow CCG", "Local Authority")."""
    return len(value.split()) >= 2 and re.search(rf"(?:^|\W){ORG_END}$", value.strip()) is not None


def is_name_like(value: str) -> bool:
    """A who-answer candidate that is a name, role or organisation, not a heading or two
    generic capitalised words ("Council Chamber", "MINUTES", "Being Board")."""
    words = re.findall(r"[A-Za-z][\w’'\-]*", value)
    if not words:
        return False
    if re.match(rf"(?:{PERSON_TITLES})\b", value):
        return True
    if re.match(r"(?:Corporate |Managing |Executive |Strategic |Assistant |Deputy |Interim )?"
                r"(?:Director|Officer|Manager|Chair|Head|Leader|Chief Executive|Cabinet Member)", value):
        return True
    if re.search(rf"(?:^|\W){ORG_END}$", value.strip()):
        # an organisation ("Harrow CCG", "Local Authority"), not a bare "Council"
        return len(words) >= 2
    if len(words) == 1:
        # an acronym or brand: not a heading word, and not an ordinary word in capitals
        return words[0].lower() not in NOT_NAME_WORDS and (any(ch.isdigit() for ch in words[0])
                                                            or len(words[0]) <= 6)
    return all(w.lower() not in NOT_NAME_WORDS for w in words)
