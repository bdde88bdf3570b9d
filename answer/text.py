"""Small text helpers shared by question analysis and sentence scoring: tokens, stems, patterns."""
from __future__ import annotations

import re

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


def stem(word: str) -> str:
    """A light suffix stripper: enough to match agree/agreed/agreement, service/services."""
    w = word.lower().replace("’", "'").strip("'-.,")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) <= 3 or w[0].isdigit():
        return w
    for suffix, repl in (("ational", "ate"), ("isation", "ise"), ("ization", "ise"),
                         ("ments", ""), ("ment", ""), ("ities", "ity"), ("ies", "y"),
                         ("ings", ""), ("ing", ""), ("edly", ""), ("ed", ""), ("ers", "er"),
                         ("es", "e"), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: len(w) - len(suffix)] + repl
            break
    # agree/agre, provide/provid: drop a final e so both forms meet
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    return w


def tokens(text: str) -> list[str]:
    return [m.group(0) for m in WORD.finditer(text)]


def content_stems(text: str) -> list[str]:
    """Stems of the words that carry meaning (stopwords and question noise removed)."""
    out = []
    for tok in tokens(text):
        low = tok.lower().replace("’", "'")
        if low in STOPWORDS or low in QUESTION_NOISE:
            continue
        if len(low) == 1 and not low.isdigit():
            continue
        out.append(stem(low))
    return out


MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|"
          "december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")

MONEY = re.compile(
    r"(?:£|\$|€)\s?\d[\d,]*(?:\.\d+)?\s?(?:m\b|bn\b|k\b|million\b|billion\b|thousand\b|/day\b)?"
    r"|\b\d[\d,]*(?:\.\d+)?\s?(?:m|bn|k)\b(?!\s*(?:metres|miles))"
    r"|\b\d[\d,]*(?:\.\d+)?\s(?:million|billion)\b", re.I)
PERCENT = re.compile(r"\b\d+(?:\.\d+)?\s?(?:%|per\s?cent\b|percent\b)", re.I)
DATE = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS})\.?,?\s+\d{{4}}\b"
    rf"|\b(?:{MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}\b"
    rf"|\b(?:{MONTHS})\.?\s+\d{{4}}(?:\s?[-–/]\s?\d{{2,4}})?\b"
    rf"|\b(?:spring|summer|autumn|winter)\s+\d{{4}}\b"
    rf"|\b(?:19|20)\d{{2}}\b"
    rf"|\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b"
    rf"|\b(?:{MONTHS})\b", re.I)
COUNT = re.compile(r"(?<![£$€\d.,])\b\d[\d,]*(?:\.\d+)?\b(?!\s?%|\s?(?:m|bn|k)\b|\.\d)", re.I)
NUMBER_WORDS = re.compile(r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                          r"twenty|thirty|forty|fifty|hundred|dozen)\b", re.I)
DECISION = re.compile(
    r"\b(?:resolved|agreed|agree|approved|approve|endorsed|endorse|noted|note|decided|decision|"
    r"recommend(?:ed|ation)?s?|delegated?|authority|authorised|adopted?|was carried|carried|"
    r"request(?:ed)?|submitted|confirmed|concluded)\b", re.I)
PERSON = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Councillor|Professor|Sir|Dame)\.?\s+(?:[A-Z][\w’'\-]*\.?\s?){1,4}"
    r"|\b(?:Corporate |Managing |Executive |Strategic |Assistant |Deputy )?"
    r"(?:Director|Officer|Manager|Chair(?:man|person)?|Head|Leader|Chief Executive|Cabinet Member)"
    r"(?:\s+(?:of|for)\s+(?:[A-Z][\w&,\-]*\s?){1,5})?"
    r"|\b[A-Z][a-z]+\s+[A-Z][’']?[A-Za-z]+(?:\s+[A-Z][a-z]+)?"
    r"|\b[A-Z][A-Z0-9]{3,}\b")
