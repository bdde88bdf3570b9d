"""Question typing and the values accepted for it: changes ("by how much ... cut"), sides of a
vote ("which council member voted against"), deadlines ("what new deadline"), and numbers that
are no count of what a how-many question asks about (a phone number, a stage, a size, a
street number, a count of other things)."""
from __future__ import annotations

import pytest

from answer.extract import counts_asked_thing, pick_value, street_addresses, typed_matches
from answer.question import analyse, who_action
from answer.sentences import split_units
from answer.text import stem
from conftest import answerer_over


# -- typing ---------------------------------------------------------------------
@pytest.mark.parametrize("question, wanted", [
    # a cut, reduction or rise "by how much" with no money word is a share or a count
    ("By how much did the city aim to cut its greenhouse gas emissions under the plan?", "percent"),
    ("By how much will the council reduce its carbon footprint by 2030?", "percent"),
    ("By how much did the council cut its spending on agency staff?", "money"),   # money named
    # "which council member", "which board member": who-questions
    ("Which council member voted against the ordinance?", "who"),
    ("Which board member seconded the motion?", "who"),
    # a deadline is a date
    ("What new deadline did the council give the developer to close on the site?", "date"),
    ("What revised deadline was set for the consultation?", "date"),
])
def test_question_types(question, wanted):
    assert analyse(question).answer_type == wanted


def test_change_questions_want_a_change():
    assert analyse("By how much did the city aim to cut its emissions?").wants_change
    assert not analyse("How much did the scheme cost?").wants_change


@pytest.mark.parametrize("question, side", [
    ("Which council member voted against giving the developer more time?", "vote:against"),
    ("Who voted for the amendment?", "vote:for"),
    ("Which councillors voted in favour of the motion?", "vote:for"),
    ("Who abstained on the budget vote?", "vote:abstain"),
])
def test_vote_side_is_the_action(question, side):
    assert who_action(question) == side


def test_vote_and_voted_share_a_stem():
    # "vote" and "votes" keep their e; "voted", "voting" lost it: all meet at one stem
    assert stem("vote") == stem("voted") == stem("voting") == stem("votes")
    assert stem("noted") == stem("note") and stem("cited") == stem("cite")
    assert stem("planned") == stem("plan") and stem("fitted") == "fit"   # doubled consonants as before


# -- values ---------------------------------------------------------------------
def _counts(text: str, question: str) -> list[str]:
    return [m.group(0) for m in typed_matches("count", text, question)]


@pytest.mark.parametrize("text, question, wanted", [
    ("The public should contact 999 in case of emergency. When 999 is used the closest patrol will respond.",
     "How many patrols were carried out?", []),
    ("It does not go through the same 4 stage process as SHIP Construction.",
     "How many homes will the district deliver?", []),
    ("An approximately 7,000-square-foot restaurant with coffee shop at the site.",
     "How many parking spaces will the hotel have?", []),
    ("A hotel with 172 guest rooms; 13 community members attended.",
     "How many parking spaces will the hotel have?", []),
    ("She voiced concern that allowing a five story hotel would block views.",
     "How many parking spaces will the hotel have?", []),
    ("Rezoning 2350 Harbor Bay Parkway (Parcel Number 074-1362-005) was asked about (*59:27).",
     "How many parking spaces will the hotel have?", []),
    # counts of what is asked, and bare table cells, stay
    ("KCC currently monitors 4,798 pupils who are receiving education outside the school system.",
     "How many home-educated children is the council keeping track of?", ["4,798"]),
    ("Target of 203 new homes required (209 no. approved homes underway)",
     "How many homes will the district deliver?", ["203", "209"]),
    ("Kilmallock\n\n294\n\nBruree\n\n74", "How many patrols were carried out in Kilmallock?", ["294", "74"]),
    ("The programme provides 12 young people a year with placements.",
     "How many placements a year are there for young people?", ["12"]),
])
def test_count_values(text, question, wanted):
    assert _counts(text, question) == wanted


def test_a_count_followed_by_what_is_asked_is_marked():
    q = "How many home-educated children is the council keeping track of?"
    assert counts_asked_thing("KCC currently monitors 4,798 pupils outside school.", q)
    assert not counts_asked_thing("Officers engage with families within 10 school days.", q)
    # a rate is not how many there are, unless the question asks for one
    assert not counts_asked_thing("The requirement is two spaces per unit.", "How many parking spaces will it have?")
    assert not counts_asked_thing("18 - 64 Population 113,964", "What is the population?")


def test_a_change_question_picks_the_value_printed_as_a_change():
    text = ("Setting a Greenhouse Gas Reduction Goal of 25% Below the 2005 Baseline Level; a 100% "
            "carbon-free mix is already built into the system.")
    q = "By how much did the city aim to cut its greenhouse gas emissions?"
    m = pick_value("percent", text, q, {stem("greenhouse"), stem("emissions"), stem("carbon")}, change=True)
    assert m.group(0) == "25%"


def test_a_deadline_is_the_date_moved_to():
    text = "to Extend the Phase 1 Outside Closing Date from December 12, 2016 to April 11, 2017 to Allow"
    q = "What new deadline did the council give the developer to close on Site A in January 2017?"
    assert pick_value("date", text, q, {stem("close")}).group(0) == "April 11, 2017"


def test_street_addresses():
    assert street_addresses("the hotel planned at 2900 Harbor Bay Parkway") == {"2900 harbor bay parkway"}
    assert street_addresses("The property is located at 1410 Everett Street in the zone") == {"1410 everett street"}


def test_a_quoted_title_wrapped_over_short_lines_is_one_unit():
    text = ("(08-054) Resolution No. 14183, “Setting a Greenhouse Gas Reduction\n"
            "Goal of 25% Below the 2005 Baseline Level, Adopting the Local\n"
            "Action Plan for Climate Protection, and Dissolving the Climate\n"
            "Protection Task Force.” Adopted.\n")
    units = [text[u.start:u.end] for u in split_units(text)]
    assert units[0].startswith("(08-054)") and units[0].endswith("Protection Task Force.")


# -- end to end: US minutes ---------------------------------------------------------
MINUTES = """MINUTES OF THE REGULAR CITY COUNCIL MEETING
TUESDAY- -JANUARY 17, 2017- -7:00 P.M.

REGULAR AGENDA ITEMS
(17-039) Public Hearing to Consider Introduction of Ordinance Amending the Disposition and
Development Agreement with Harbor Point Partners for Site B to Extend the Closing Date from
December 12, 2016 to April 11, 2017. Introduced.
The Base Reuse Director gave a presentation; the developer asked the council to give it a new deadline.
Councilmember Ortiz moved introduction of the ordinance amending the Development Agreement with
Harbor Point Partners for Site B to extend the Closing Date to April 11, 2017.
Councilmember Lane seconded the motion, which carried by the following voice vote:
Ayes: Councilmembers Lane, Ortiz and Reyes – 3. Noes: Mayor Fenwick – 1.
(17-040) Resolution No. 15001, “Setting a Water Use Reduction Goal of 20% Below the 2013 Level
and Adopting the Water Conservation Plan.” Adopted.
Councilmember Reyes stated a 100% recycled supply is the long term aim of the water conservation plan.
"""


@pytest.fixture(scope="module")
def answerer(tmp_path_factory):
    return answerer_over(tmp_path_factory.mktemp("harborcity"), {"City Council 2017-01-17 minutes.txt": MINUTES})


def test_who_voted_against_is_read_from_the_tally(answerer):
    r = answerer.ask("Which council member voted against extending the Closing Date for Harbor Point Partners?").to_dict()
    assert not r["abstained"] and "Fenwick" in r["answer"]


def test_new_deadline_is_the_date_moved_to(answerer):
    r = answerer.ask("What new deadline did the council give Harbor Point Partners to close on Site B?").to_dict()
    assert not r["abstained"] and "April 11, 2017" in r["answer"]


def test_by_how_much_cut_is_answered_with_the_share(answerer):
    r = answerer.ask("By how much did the city aim to cut its water use under the water conservation plan?").to_dict()
    assert not r["abstained"] and r["answer"].startswith("20%")
