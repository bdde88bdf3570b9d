"""Words of a question that say which meeting (a month and year, "meeting") select by the
papers' meeting date; as words they would match any paper printing that month ("report ...
dated 28th October, 2022" in the December minutes)."""
from __future__ import annotations

import pytest

from answer.question import analyse
from conftest import answerer_over

OCTOBER = """MINUTES OF MEETING HELD IN THE COUNCIL CHAMBER, KILBEG, ON WEDNESDAY, 12TH OCTOBER, 2022.

**1. Policing Issues in the District**

The Inspector reported on anti-social behaviour and road safety in the district.

The Inspector confirmed that an open day would be held at the Garda station in the spring.

It was agreed to hold the next Meeting of the Joint Policing Sub-Committee on

Wednesday, 1st March, 2023.
"""

DECEMBER = """MINUTES OF MONTHLY MEETING OF THE MUNICIPAL DISTRICT OF KILBEG

HELD IN THE COUNCIL CHAMBER, KILBEG, ON FRIDAY, 2ND DECEMBER, 2022.

**5. Community Development**

Circulated, report of Senior Staff Officer, Municipal District of Kilbeg, dated 28th October, 2022.

The Members agreed to the terms and conditions of the Community Initiatives Scheme. Grants are
due to be paid in January.
"""


@pytest.fixture(scope="module")
def answerer(tmp_path_factory):
    return answerer_over(tmp_path_factory.mktemp("kilbeg-months"), {
        "Minutes - Meeting of the Joint Policing Sub-Committee of the Municipal District of Kilbeg - 12th October 2022.md": OCTOBER,
        "Minutes - Monthly Meeting of the Municipal District of Kilbeg - 2nd December 2022.md": DECEMBER})


def test_a_month_with_its_or_a_meeting_verb_names_the_meeting():
    c = analyse("When was the Kilbeg sub-committee due to meet again after its October 2022 meeting?").constraints
    # the month, year and "meeting" only say which meeting; "meet" (again) is still asked about
    assert c.meeting_month == "2022-10" and c.meeting_words == {"october", "2022"}
    c = analyse("What did Adare-Rathkeale councillors decide in December 2022 about the house?").constraints
    assert c.meeting_month == "2022-12" and c.meeting_words == {"december", "2022"}
    c = analyse("Who chaired the March 2025 council meeting about vapes?").constraints
    assert c.meeting_month == "2025-03" and c.meeting_words == {"march", "2025", "meet"}
    # a month of what happened, not of a meeting, stays a word to find
    c = analyse("How many children moved into early years settings in September 2018?").constraints
    assert c.meeting_month is None and not c.meeting_words
    # a year the question also uses outside the meeting's name stays
    c = analyse("What did the board decide at the March 2019 meeting about the 2019 plan?").constraints
    assert c.meeting_month == "2019-03" and c.meeting_words == {"march", "meet"}


def test_a_unit_printing_the_month_does_not_answer_for_that_months_meeting(answerer):
    r = answerer.ask("When was the Kilbeg joint policing sub-committee due to meet again after its "
                     "October 2022 meeting?").to_dict()
    assert not r["abstained"]
    assert "1st March, 2023" in r["answer"]
    assert r["citations"][0]["meeting_date"] == "2022-10-12"
