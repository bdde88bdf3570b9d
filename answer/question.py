"""Question analysis: what kind of answer is wanted, the words that matter, and constraints."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Optional

from .text import CURRENCY_CODES, CURRENCY_SIGNS, MONTHS, QUESTION_NOISE, STOPWORDS, content_stems, hyphenated_stems, stem

# A sum named in the question: a currency sign or word ("$", "€", "in dollars", "USD")
CURRENCY_Q = (rf"[{CURRENCY_SIGNS}]|\b(?:{CURRENCY_CODES})\b|\b(?:dollars?|euros?|cents|pence|sterling)\b")

# "On what condition did the council approve X", "What conditions were attached to the lease":
# a decision's proviso is wanted (answer/extract.py has_type)
CONDITION_Q = re.compile(r"\b(?:what|which)\s+(?:conditions?|provisos?|caveats?|stipulations?)\b"
                         r"|\bsubject to what\b", re.I)

# Ordered: the first matching rule names the wanted answer type.
TYPE_RULES: list[tuple[str, re.Pattern]] = [
    ("timeline", re.compile(r"\b(?:previously (?:agreed|decided)|(?:has|have) been (?:agreed|decided)"
                            r"|decisions? (?:history|so far|taken on|made on|about)|history of)\b", re.I)),
    ("decision", re.compile(r"\bwhat (?:did|does|will|would|should|is|was) (?:the )?(?:board|cabinet|council|committee|members)"
                            r" (?:to )?(?:do|agree|decide|resolve)\b"
                            r"|\bhow did (?:the )?\w+ deal with\b|\bwill do\b|\bdo with\b|\basked to (?:agree|do|note)\b", re.I)),
    ("percent", re.compile(r"\b(?:what|which) (?:share|proportion|percentage|percent|fraction)\b"
                           r"|\bby what (?:percentage|percent|proportion)\b|\bhow many per ?cent\b"
                           r"|\bwhat (?:\w+ ){0,2}(?<!day )(?:rate|occupancy)\b|\bpercentage\b"
                           r"|\bturnout\b", re.I)),   # an election's turnout is a share of the electorate
    ("date", re.compile(r"^\s*(?:when|since when|until when|by when)\b|\b(?:what|which|on what) "
                        r"(?:date|day|year|month)\b(?!\s+rate)|\bhow long\b"
                        # "What new deadline did the council set": a deadline is a date
                        r"|\b(?:what|which) (?:[\w\-]+ ){0,2}?deadline\b", re.I)),
    # "which (council|board) member", "which local charity": up to two words before the noun
    ("who", re.compile(r"^\s*(?:who|whom)\b|\bwho\b|\bwhich (?:[a-z][\w\-]* ){0,2}?(?:provider|consultancy|organi[sz]ation|"
                       r"company|firm|officer|councillor|councilmember|member|body|team|partner|director|supplier"
                       r"|contractor|charity)\b|\bwhat (?:provider|organi[sz]ation|company)\b", re.I)),
    ("money", re.compile(r"\b(?:what|which) (?:sum|amount)\b|\bhow much\b|\bcost|\bspend\b|\bbudget\b|\bcharge\b|\bprice\b|\bfee\b"
                         r"|\bday rate\b|\bfunding\b|\bshortfall\b|\bunderspend|\boverspend"
                         r"|\bsavings?\b|\boutturn\b|\ballocat"
                         # what people are paid: "the top of the pay range", "the Leader's allowance"
                         r"|\bpay (?:range|scale|band|point|grade)s?\b|\bsalar(?:y|ies)\b|\bwages?\b"
                         r"|\ballowances?\b|\bremuneration\b|" + CURRENCY_Q, re.I)),
    ("count", re.compile(r"\bhow many\b|\bnumber of\b|\bpopulation\b|\bhow big\b", re.I)),
    ("table", re.compile(r"\bcontract (?:period|end|term|length)\b|\bwhich (?:line|row|service)\b"
                         r"|\bwhich provider\b", re.I)),
    ("decision", re.compile(r"\b(?:agree|agreed|decide|decided|decision|resolve|resolved|approve|"
                            r"approved|endorse|endorsed|delegat\w*|adopt|adopted|asked to|conclude|"
                            r"concluded|deal with|dealt with|procedure|recommend\w*|vote|voted)\b"
                            r"|\bwhat did (?:the )?(?:board|cabinet|council|committee|members)\b"
                            r"|" + CONDITION_Q.pattern, re.I)),
    ("yesno", re.compile(r"^\s*(?:did|was|were|is|are|does|do|would|will|has|have|had|can|could|"
                         r"should)\b", re.I)),
]

# "how much" on counts ("how much of X came from Y" is still money); "how big ... shortfall" is
# money; so is what people earn ("How much can a single person earn and still qualify")
MONEY_HINT = re.compile(CURRENCY_Q + r"|\bcost|\bspend|\bbudget|\bfund|\bshortfall|\bsaving|\bunderspend|"
                        r"\boverspend|\brate\b|\bcharge|\breserve|\bcapital|\brevenue|\bearn|\bincome", re.I)

# "by how much did X rise", "how much did X increase" (a verb: not the "rent-increase exemption")
CHANGE_BY = re.compile(r"\bhow much\b[^?]*(?<![\w\-])(?:rise|rose|risen|increase|fall|fell|fallen|decrease|grow|grew|"
                       r"grown|drop|dropped|decline|declined|change|changed|improve|improved|"
                       # targets: "by how much did X aim to cut its emissions" ("25% below 2005")
                       r"cut|reduce|reduced|lower|lowered|raise|raised)\b", re.I)

# "By what percentage did X fall", "by how much ... cut": a change is wanted, so the answer is
# a value printed as one ("25% below", "reduced by 12%", "an increase of 3%")
CHANGE_Q = re.compile(CHANGE_BY.pattern + r"|\bby (?:how much|what (?:percentage|percent|proportion|amount))\b", re.I)

MONTH_NUM = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
FULL_DATE = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTHS})\w*,?\s+(\d{{4}})\b"
                       rf"|\b({MONTHS})\w*\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,\s+(\d{{4}})\b", re.I)   # or "July 24, 2023"


def full_dates(text: str) -> list[tuple[int, int, int]]:
    """(day, month, year) of every full date in the text, British or US order."""
    out = []
    for m in FULL_DATE.finditer(text):
        day, name, year = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(5), m.group(4), m.group(6))
        month = _month_number(name)
        if month:
            out.append((int(day), month, int(year)))
    return out
# "at the June 2023 Cappamore-Kilmallock meeting", "the meeting held in July 2022", "after its
# October 2022 meeting", "decide in December 2022": a month that says which meeting
MONTH_YEAR_MEETING = re.compile(
    rf"\b(?:(?:at|in|during|to|for|after|before|since)\s+)?(?:the|its|their)\s+({MONTHS})\w*,?\s+(\d{{4}})\s+"
    rf"(?:[\w’'\-]+\s+){{0,4}}?(meeting\b|(?:board|cabinet|council|committee)\b(?!\s+[a-z]))"   # a body ends the phrase: not "... Council elections"
    rf"|\b(meeting)\s+(?:(?:was|is|to\s+be)\s+)?(?:held\s+)?(?:in|during)\s+({MONTHS})\w*,?\s+(\d{{4}})\b"
    # what only a meeting does, done in a month: the month is the meeting's
    rf"|\b(?:decided?|resolved?|met)\s+(?:in|during|at)\s+({MONTHS})\w*,?\s+(\d{{4}})\b", re.I)


def _meeting_month(question: str) -> Optional[tuple[str, frozenset, tuple[int, int]]]:
    """(year-month, stems of the words that only say which meeting, span of the phrase) of a
    month-named meeting in the question, or None. The month, year and "meeting" of the phrase
    select by the papers' meeting date; as words they match any paper printing that month."""
    m = MONTH_YEAR_MEETING.search(question)
    if not m:
        return None
    g = m.groups()
    name, year, noun = (g[0], g[1], g[2]) if g[0] else (g[4], g[5], g[3]) if g[4] else (g[6], g[7], None)
    month = _month_number(name)
    if not month:
        return None
    outside = set(content_stems(question[:m.start()] + " " + question[m.end():]))
    named = set(content_stems(f"{name} {year} {noun if noun and noun.lower() == 'meeting' else ''}"))
    return f"{int(year):04d}-{month:02d}", frozenset(named - outside), (m.start(), m.end())


@dataclass
class Constraints:
    """Soft hints from the question: preferred meeting date (or month) and named bodies."""
    meeting_date: Optional[str] = None      # "2019-05-02"
    meeting_month: Optional[str] = None     # "2019-05"
    dates: list[tuple[int, int, int]] = field(default_factory=list)   # (day, month, year) named
    bodies: frozenset = frozenset()         # store bodies the question names (answer/bodies.py)
    body_strong: bool = False               # ... by a distinctive word, so other bodies are penalised
    meeting_words: frozenset = frozenset()  # stems that only say which meeting ("october", "2022"):
                                            # dropped from the words to find when the papers hold it
    meeting_span: Optional[tuple[int, int]] = None   # where the question names the meeting's month


@dataclass
class QuestionAnalysis:
    question: str
    answer_type: str                  # money|percent|count|date|who|table|decision|yesno|timeline|what
    stems: list[str]                  # content stems, in question order, deduplicated
    is_yesno: bool
    constraints: Constraints
    # "EOTAS" -> stems of "education otherwise than at school": initials of the question's word runs
    acronyms: dict[str, frozenset] = field(default_factory=dict)
    head: Optional[str] = None        # stem of the noun after "which/what" ("procedure")
    action: Optional[str] = None      # who-questions: stem of the verb asked about ("chair", "run")
    wants_reason: bool = False        # "... and why was it dropped?": the answer gives a reason
    wants_change: bool = False        # "by how much did X fall": a figure printed as a change

    def wants_figure(self) -> bool:
        return self.answer_type in ("money", "percent", "count")


def _month_number(name: str) -> Optional[int]:
    name = name.lower()
    for full, num in MONTH_NUM.items():
        if full.startswith(name[:3]):
            return num
    return None


def find_constraints(question: str) -> Constraints:
    c = Constraints()
    c.dates = full_dates(question)
    if c.dates:
        day, month, year = c.dates[0]
        try:
            c.meeting_date = date(year, month, day).isoformat()
        except ValueError:
            c.meeting_date = None
    named = _meeting_month(question) if not c.meeting_date else None
    if named:
        c.meeting_month, c.meeting_words, c.meeting_span = named
    return c


ACRONYM_MIN, ACRONYM_MAX_WORDS = 3, 6
SEGMENT_BREAK = re.compile(r"[/,;:()?!.]|\s-\s")


def acronym_candidates(question: str) -> dict[str, frozenset]:
    """Initials of each run of 2-6 words in the question ("education otherwise than at school"
    -> "eotas"), mapped to the run's content stems. Papers write the short form in tables and
    headings; a run starts and ends on a content word, within one clause."""
    out: dict[str, frozenset] = {}
    for segment in SEGMENT_BREAK.split(question):
        words = re.findall(r"[A-Za-z][A-Za-z'’]*", segment)
        for i in range(len(words)):
            if words[i].lower() in STOPWORDS:
                continue
            for j in range(i + 1, min(len(words), i + ACRONYM_MAX_WORDS)):
                if words[j].lower() in STOPWORDS or j - i + 1 < ACRONYM_MIN:
                    continue
                letters = "".join(w[0] for w in words[i:j + 1]).lower()
                out.setdefault(stem(letters), frozenset(content_stems(" ".join(words[i:j + 1]))))
    return out


WHICH_NOUN = re.compile(r"^\s*(?:which|what)\s+((?:[A-Za-z][\w\-]*\s+){0,2}[A-Za-z][\w\-]*)", re.I)
# nouns that only say which answer type is wanted; the type rules handle those
TYPE_NOUNS = frozenset("share proportion percentage percent fraction rate date day year month time "
                       "amount number figure sum cost price total value".split())


def head_noun(question: str) -> Optional[str]:
    """Stem of the noun a "which/what <noun>" question asks for: "Which tendering procedure will
    the council use" -> "procedur". The answer names one of them ("an OPEN Procedure")."""
    m = WHICH_NOUN.match(question)
    if not m:
        return None
    words = []
    for w in m.group(1).split():
        if w.lower() in STOPWORDS or w.lower() in ("currently", "now", "still"):
            break
        words.append(w)
    if not words or words[-1].lower() in TYPE_NOUNS:
        return None
    return stem(words[-1])


AUXILIARY = frozenset("is are was were will would has have had does did do can could should "
                      "currently now still also being been be".split())
WHO_SUBJECT = re.compile(r"^\s*(?:who|(?:which|what)\s+(?:[A-Za-z][\w\-]*\s+){0,2}?(?:provider|consultancy|"
                         r"organi[sz]ation|company|firm|officer|councillor|councilmember|member|body|team|partner|director|"
                         r"supplier|contractor|charity))\s+(.*)$", re.I)


# "Who became vice chair": the action is the role taken ("vice"), which papers print beside the
# name ("Paul Bartlett (Vice-Chair)", "be elected Vice Chair"); "became" is in no such passage.
BECOME = frozenset("become becomes became becoming".split())
# Verbs too light to name an action on their own ("the Chairman put the motion" is not who put
# it forward): only a phrasal use below gives an action, otherwise the question names none.
LIGHT_VERBS = frozenset("put puts putting get gets got getting take takes took taken taking make makes "
                        "made making give gives gave given giving bring brings brought bringing come "
                        "comes came coming go goes went "
                        # wishes: "Which councillor wanted X named" is answered by "Notice of Motion
                        # submitted by Councillor Egan: I will move ...", which never says "want"
                        "want wants wanted wish wishes wished hope hoped seek seeks sought".split())
# phrasal verbs -> the stem of the verb minutes write for them ("Mr Hood proposed, and ...")
PHRASAL_ACTIONS = {("put", "forward"): "propose", ("puts", "forward"): "propose",
                   ("putting", "forward"): "propose", ("bring", "forward"): "propose",
                   ("brings", "forward"): "propose", ("brought", "forward"): "propose"}
# verbs whose stem differs from the past tense minutes print ("move" / "Mr X moved": "mov")
AS_PRINTED = {"move": "moved", "moves": "moved", "moving": "moved"}
ROLE_SKIP = frozenset("the a an as new".split())


# "Who voted against the motion": a side of a recorded vote. Minutes print the sides as tally
# labels ("Noes: Mayor Spencer", "AGAINST: Cllr X"), which never repeat "voted".
VOTE_SIDE = re.compile(r"\b(?:vot(?:ed|es|ing|e)\s+(against|for|in favou?r)|(opposed|dissented|abstained))\b", re.I)


def vote_side(question: str) -> Optional[str]:
    """"against", "for" or "abstain": the side of a vote a who-question asks about."""
    m = VOTE_SIDE.search(question)
    if not m:
        return None
    side = (m.group(1) or m.group(2)).lower()
    return "abstain" if side == "abstained" else "for" if side in ("for", "in favour", "in favor") else "against"


def who_action(question: str) -> Optional[str]:
    """Stem of the verb a who-question asks about: "Who chaired the meeting" -> "chair",
    "Which organisation currently runs X" -> "run", "Who put forward the motion" -> "propos",
    "Who became vice chair" -> "vice" (the role), "Who voted against" -> "vote:against";
    None for "Who is the contact officer"."""
    if re.search(r"\b(?:in|took|take|taking|takes) the chair\b", question, re.I):
        return "chair"       # "Who was in the chair", "Who took the chair"
    side = vote_side(question)
    if side:
        return "vote:" + side
    m = WHO_SUBJECT.match(question)
    if not m:
        return None
    words = [w.lower() for w in re.findall(r"[A-Za-z][\w\-]*", m.group(1))]
    for i, low in enumerate(words[:4]):
        if low in ("did", "does", "do"):
            return None      # "Who did Cabinet delegate ... to": the answer is the object
        if low in AUXILIARY:
            continue
        if low in BECOME:
            role = next((w for w in words[i + 1:i + 4] if w not in ROLE_SKIP), None)
            # "vice-chair" -> "vice": papers split or hyphenate the role ("Vice Chair")
            return stem(role.split("-")[0]) if role and role not in STOPWORDS else None
        if low in LIGHT_VERBS:
            phrasal = PHRASAL_ACTIONS.get((low, words[i + 1] if i + 1 < len(words) else ""))
            return stem(phrasal) if phrasal else None
        return None if low in STOPWORDS or low in QUESTION_NOISE else stem(AS_PRINTED.get(low, low))
    return None


# "When Cabinet looked again at X on 4 March, did it change the decision?": a leading clause
# sets the scene and the main clause after the comma asks the question, so the main clause is
# typed ("did ..." is a yes/no question, not a date one).
LEADING_CLAUSE = re.compile(r"^\s*(?:when|whenever|once|after|before|following|at|in)\b[^?,;]{8,},\s*"
                            r"(?=(?:did|was|were|is|are|does|do|would|will|has|have|had|can|could|should|"
                            r"who|whom|what|which|how|where|why|when)\b)", re.I)


def main_clause(question: str) -> str:
    """The question without a leading scene-setting clause ("When ..., did ...")."""
    m = LEADING_CLAUSE.match(question)
    return question[m.end():] if m else question


# Words of the question's form, not its content: "how many", "to what date" say which kind of
# answer is wanted; the passage holding it rarely repeats them
FORM_WORDS = re.compile(r"(?<=\bhow )many\b|(?:(?<=\bwhat )|(?<=\bwhich ))(?:date|day)\b(?!\s+rate)", re.I)


# "Why was X dropped?", "... and why?", "for what reason": whatever else is asked, the passage
# that answers gives a reason
WHY_Q = re.compile(r"\bwhy\b|\bfor what reasons?\b|\bwhat (?:was|were|is|are) the reasons?\b", re.I)


def analyse(question: str) -> QuestionAnalysis:
    """Classify the question and pull out its content stems and meeting hints."""
    q = question.strip()
    typed = main_clause(q)     # the type comes from the clause that asks; terms from all of it
    answer_type = "what"
    for name, rule in TYPE_RULES:
        if rule.search(typed):
            answer_type = name
            break
    if answer_type == "count" and re.search(r"\bhow big\b", q, re.I) and MONEY_HINT.search(q):
        answer_type = "money"
    if answer_type == "money" and re.search(r"\bhow many\b", q, re.I):
        answer_type = "count"
    if answer_type == "money" and CHANGE_BY.search(q) and not MONEY_HINT.search(q):
        answer_type = "percent"   # "by how much did visitor numbers rise": a change in a count is a rate
    is_yesno = bool(TYPE_RULES[-1][1].search(typed))
    if answer_type == "yesno":
        backed = re.search(r"\b(?:board|cabinet|council|committee|members|panel)\s+(?:back|support|"
                           r"reject|refuse|accept)\w*\b", q, re.I)
        answer_type = "decision" if TYPE_RULES[-2][1].search(q) or backed else "yesno"
    seen: set[str] = set()
    stems = []
    for s in content_stems(FORM_WORDS.sub(" ", q)) + hyphenated_stems(q, names=False):
        if s not in seen:
            seen.add(s)
            stems.append(s)
    return QuestionAnalysis(question=q, answer_type=answer_type, stems=stems, is_yesno=is_yesno,
                            constraints=find_constraints(q),
                            acronyms=acronym_candidates(q), head=head_noun(typed),
                            action=who_action(typed) if answer_type == "who" else None,
                            wants_reason=bool(WHY_Q.search(q)),
                            wants_change=answer_type in ("money", "percent", "count") and bool(CHANGE_Q.search(q)))


__all__ = ["analyse", "QuestionAnalysis", "Constraints", "stem"]
