"""Question typing and value typing: which kind of answer a question wants, which verb a
who-question asks about, and which numbers and dates in a passage can be that answer."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from answer.extract import has_type, typed_matches
from answer.question import analyse, main_clause, who_action
from answer.text import stem
from ingest.readers import read_source


# -- who-questions: the action asked about -------------------------------------
@pytest.mark.parametrize("question, wanted", [
    # a light verb is not the action: the role taken is what papers print beside the name
    ("Who became vice chair of the Corporate Parenting Panel in autumn 2024?", stem("vice")),
    ("Who became vice-chair of the panel?", stem("vice")),
    ("Who became the new Leader of the Council?", stem("leader")),
    # phrasal verbs map to the verb minutes write ("Mr Hood proposed, and Ms Hawkins seconded")
    ("Which councillor put forward the motion on disposable vapes?", stem("proposed")),
    ("Who brought forward the amendment?", stem("proposed")),
    ("Who will move the motion?", stem("moved")),
    ("Who moved the amendment?", stem("moved")),
    # "the Chairman put the motion" is not who moved it: no action rather than a wrong one
    ("Who put the motion to the vote?", None),
    ("Who got the contract?", None),
    # content verbs are kept as before
    ("Who chaired the meeting?", "chair"),
    ("Who took the chair?", "chair"),
    ("Which organisation currently runs the service?", stem("runs")),
    ("Who is the contact officer?", None),
])
def test_who_action_skips_light_verbs(question, wanted):
    assert who_action(question) == wanted


def test_who_question_with_a_light_verb_gets_the_mapped_action():
    qa = analyse("Which councillor put forward the motion on disposable vapes at the March 2025 council meeting?")
    assert qa.answer_type == "who" and qa.action == stem("propose")


# -- a leading clause does not type the question --------------------------------
def test_when_clause_before_a_yes_no_question_is_not_a_date_question():
    q = "When Cabinet looked again at the family hubs call-in on 4 March 2025, did it change the decision?"
    assert main_clause(q) == "did it change the decision?"
    qa = analyse(q)
    assert qa.answer_type == "decision" and qa.is_yesno
    assert qa.constraints.meeting_date == "2025-03-04"       # hints still come from the whole question
    assert stem("family") in qa.stems


@pytest.mark.parametrize("question, wanted", [
    ("When the board met in May 2019, who chaired it?", "who"),
    ("After the consultation closed, how much had the scheme cost?", "money"),
    ("When did Cabinet agree the strategy?", "date"),              # no clause: still a date question
    ("When was the plan adopted, and by whom?", "date"),
])
def test_the_main_clause_types_the_question(question, wanted):
    assert analyse(question).answer_type == wanted


# -- type words ----------------------------------------------------------------
@pytest.mark.parametrize("question, wanted", [
    ("What is the top of the pay range for the highest grade in 2025/26?", "money"),
    ("What is the Chief Executive's salary?", "money"),
    ("What basic allowance does each councillor receive?", "money"),
    ("What is the London living wage used in the contract?", "money"),
    ("How many times the median salary is the top salary?", "count"),   # "how many" still wins
    ("What was the turnout in the May 2025 county council elections?", "percent"),
])
def test_pay_words_are_money_and_turnout_is_a_percentage(question, wanted):
    assert analyse(question).answer_type == wanted


def test_a_pay_award_is_not_typed_as_money():
    # "pay award" is usually a percentage or a decision: only pay ranges, scales, salaries are sums
    assert analyse("What pay award did Cabinet approve for the Chief Executive?").answer_type == "decision"


# -- value typing: which numbers and dates can be the answer --------------------
KENT = Path(__file__).resolve().parent / "fixtures" / "kent"


@lru_cache(maxsize=None)
def _kent_text(name: str) -> str:
    return read_source(KENT / name).text


def _values(answer_type: str, text: str, question: str) -> list[str]:
    return [m.group(0).strip() for m in typed_matches(answer_type, text, question)]


def test_a_clock_time_and_the_day_of_a_date_are_not_counts():
    text = _kent_text("Agenda frontsheet 30th-Jan-2025 10.00 Cabinet.pdf")
    line = text[text.index("Thursday, 30th January"):].split("\n")[0]
    assert "10.00 am" in line
    assert _values("count", line, "How many members attended?") == []
    assert _values("count", "at 2pm, 14:30 and 9.30 a.m. 45 people came", "How many people?") == ["45"]
    assert _values("count", "opened yesterday (12 March 2025); 23 May; May 23, 40 staff", "How many?") == ["40"]


def test_paragraph_numbers_year_ranges_and_references_are_not_counts():
    text = _kent_text("24-00109 - Transfer the 18-25 section of the Strengthening Independence Service - Report.pdf")
    para = text[text.index("2.5 There are approximately"):].split("\n")[0]
    assert _values("count", para, "How many young people have an EHCP?") == ["21,000"]   # not 2.5
    para = text[text.index("1.3 It is proposed"):].split("\n")[0]
    assert _values("count", para, "How many functions?") == ["18", "25"]   # the ages, not 1.3
    assert _values("count", "3.2 KCC's current Pay Multiple figure is 8.1:1", "How many times?") == ["8.1", "1"]
    # a lone item number closing a unit is the next minute's number
    assert _values("count", "answers are available online.\n298.", "How many answers?") == []
    # a value opening a wrapped printed line is kept: it is followed by a lower-case word
    assert _values("count", "a pay multiple of\n8.1 times the median", "How many times?") == ["8.1"]
    assert _values("count", "Decision 24/00093 covers 120 places", "How many places?") == ["120"]


def test_a_year_range_is_a_period_not_a_date():
    text = "(i) NOTE the Inspector's Report on the Kent Minerals and Waste Local Plan 2024-2039; 2025/26 budget"
    assert _values("date", text, "When did the council get the inspector's report?") == []
    assert _values("date", "On 6th February 2025, the Council received the report", "When?") == ["6th February 2025"]
    assert _values("date", "The plan was adopted in 2024.", "When was the plan adopted?") == ["2024"]
    # ... unless the question asks for a period
    assert "2024-2039" in _values("date", text, "What period does the plan cover?")


def test_a_figure_for_another_years_instance_is_not_the_answer():
    q = "What was the turnout in the May 2025 Kent County Council elections?"
    text = "d. Turnout at the 2024 General Election in the South East was 64%, the lowest since 2001."
    assert _values("percent", text, q) == []
    # the text also names the question's year: its figures stay answers
    both = "At the elections held on 1 May 2025 turnout was 30%, down from the 2021 election's 31%."
    assert _values("percent", both, q) == ["30%", "31%"]
    assert _values("percent", "Turnout was 30%.", q) == ["30%"]           # no year: nothing to contradict
    # financial years: "2023-24" is another year than "2024-25", "2024" is not
    q = "What is the forecast 2024-25 revenue outturn for children's services?"
    assert _values("money", "The 2023-24 revenue outturn was £420.8m", q) == []
    assert _values("money", "The revenue outturn for 2024 is forecast at £430.6m", q) == ["£430.6m"]


# -- decision wording -------------------------------------------------------------
def test_an_item_submitted_by_a_member_is_no_decision_wording():
    q = "What did the councillors agree to ask the Office of Public Works about the riverbank?"
    heading = ("Question submitted by Councillor L. Galvin\n\nI will ask at the next Meeting for an update "
               "and that this Council works with the Office of Public Works to secure the river banks.")
    assert not has_type("decision", heading, q)
    assert not has_type("decision", "6.Notice of Motion submitted by Councillor Egan", q)
    # an action recorded as taken still counts ("Did Harrow put in a bid ...")
    assert has_type("decision", "An expression of interest was submitted for a Trail Blazer.", q)
    assert has_type("decision", "It was agreed to refer the motion to the Roads Section.", q)


# -- money in any currency, rates ---------------------------------------------------
@pytest.mark.parametrize("question, wanted", [
    # "rent-increase" names the exemption, it is no rise asked about; earning is money
    ("How much can a single person in Alameda earn and still qualify for the rent-increase hardship "
     "exemption?", "money"),
    ("How much did household income rise?", "money"),
    ("By how much did library visitor numbers rise?", "percent"),     # a change in a count: a rate
    ("How much did the rent increase?", "percent"),
    ("What was the $5 fee for?", "money"),
    ("What did the council pay in euros for the site?", "money"),
])
def test_currency_and_earnings_make_money_questions(question, wanted):
    assert analyse(question).answer_type == wanted


def test_sums_in_other_currencies_are_money():
    from answer.text import MONEY
    text = "from $78,000 annually; €0.2797 in the euro; USD 2,500 and 300 EUR; ₹5,000; 20 dollars"
    assert [m.group(0).strip() for m in MONEY.finditer(text)] == [
        "$78,000", "€0.2797", "USD 2,500", "300 EUR", "₹5,000", "20 dollars"]


LIMERICK_RATE = ("**AND THAT**, in accordance with the Annual Budget, thus amended, adopted **€0.2797** be and is\n\n"
                 "hereby determined as the General Annual Rate on Valuation, a commercial rate increase of 4.5% "
                 "raising €2.5m")


def test_a_rate_is_a_share_or_a_sum_per_unit():
    q = "What commercial rate (annual rate on valuation) did the council set for 2023?"
    assert analyse(q).answer_type == "percent"
    assert _values("percent", LIMERICK_RATE, q) == ["€0.2797", "4.5%"]       # not the €2.5m total
    # a question asking for a share wants the percentage only
    assert _values("percent", LIMERICK_RATE, "What percentage rate increase was set?") == ["4.5%"]


# -- who-answers: companies -------------------------------------------------------
def test_companies_abroad_are_who_answers():
    q = "Which company got the contract to maintain the database behind the online rent registry?"
    text = ("(*23-775) Recommendation to Authorize the City Attorney to Execute a Five-Year Agreement\n"
            "with 3Di Inc. for Database Maintenance for the Alameda Rent Program’s Online Rent Registry")
    assert _values("who", text, q) == ["3Di Inc"]        # a brand may open with a digit
    for name in ("Alameda Point Partners, LLC", "Verde Design Corp", "Kevin Harper CPA and Associates",
                 "Smith & Sons"):
        assert _values("who", f"an agreement with {name} for services", q)
    # a figure before an organisation word is no name
    assert _values("who", "the 12 Services listed", q) == []


def test_a_condition_question_wants_the_proviso():
    q = "On what condition did the council approve the Verde Design contract for the Estuary Park renovation?"
    assert analyse(q).answer_type == "decision"
    assert analyse("What conditions were attached to the lease?").answer_type == "decision"
    assert analyse("What road conditions were reported?").answer_type == "what"
    title = ("(14-019) Resolution No. 14884, “Entering Into an Agreement with Verde Design to Provide Design "
             "Services for the Estuary Park Renovation, in an Amount Not to Exceed $174,145.” Adopted.")
    motion = ("Councilmember Tam moved adoption of the resolution to approve the consultant agreement with "
              "Verde Design, with the proviso that the City received authorization from the prior client.")
    assert has_type("decision", motion, q) and not has_type("decision", title, q)
    assert has_type("decision", "Approved subject to the applicant funding the survey.", q)
    # other decision questions still take the adopted title
    assert has_type("decision", title, "What did the council decide on the Verde Design contract?")


# -- a month names the meeting, not the answer's date -----------------------------------
def test_a_month_before_a_meeting_names_that_meeting():
    q = "Which councillor wanted the roundabout given an official name at the June 2023 Cappamore-Kilmallock meeting?"
    assert analyse(q).constraints.meeting_month == "2023-06"
    assert analyse("Who chaired the March 2025 council meeting?").constraints.meeting_month == "2025-03"
    # an election is no meeting
    assert analyse("What was the turnout in the May 2025 Kent County Council elections?").constraints.meeting_month is None
    # a wish is no action minutes print ("Notice of Motion submitted by Councillor Egan: I will move ...")
    assert who_action(q) is None


def test_an_end_date_is_not_bounded_by_the_month_of_the_decision():
    text = ("(*21-008) Recommendation to Authorize the City Manager to Execute a Second Amendment to the "
            "Agreement with Kevin Harper CPA and Associates, and to Extend the Contract to October 31, 2021.")
    q = "Until when was the Finance Department's contract with Kevin Harper CPA extended in January 2021?"
    assert _values("date", text, q) == ["October 31, 2021"]
    assert _values("date", text, "To what date was the contract extended in January 2021?") == ["October 31, 2021"]
    # a question dating the answer itself keeps the month
    assert _values("date", text, "When was the contract signed in January 2021?") == []


def test_words_of_the_question_form_are_not_content():
    # "Continued to February 1, 2005." never says "date": the word only asks for one
    assert analyse("To what date was the J. Barni appeal postponed?").stems == ["barni", "appeal", "postpon"]
    assert analyse("How many homes were delivered?").stems == [stem("homes"), stem("delivered")]
    assert stem("day") in analyse("What day rate was assumed?").stems     # a day rate is content


def test_labels_item_numbers_and_us_dates_are_not_counts():
    q = "How many cannabis dispensaries did the City Council agree to allow?"
    text = ("(17-039) Public Hearing to Consider Introduction of Ordinance Amending the Disposition and "
            "Development Agreement for Site A at Alameda Point to Extend the Phase 1 Outside\n"
            "Closing Date from December 12, 2016 to April 11, 2017.")
    assert _values("count", text, q) == []
    text = "Section 4 of the lease allows 3 dispensaries; Resolution No. 15589 created 2 dispensaries; Year 6 pupils: 120"
    assert _values("count", text, q) == ["3", "2", "120"]
    # ... while "3 cures", "2 posts" count other things than the dispensaries asked about
    assert _values("count", "the lease allows 3 cures; it created 2 posts", q) == []
    # a thousands figure after a month is a count, and takes no comma as a year would
    assert _values("count", "In June 2,000 people visited, against 1,950 in 2019", q) == ["2,000", "1,950"]
    assert _values("count", "the 18-25 section", q) == ["18", "25"]   # ages stay counts
