"""Question typing and value typing: which kind of answer a question wants, which verb a
who-question asks about, and which numbers and dates in a passage can be that answer."""
from __future__ import annotations

import pytest

from answer.question import analyse, main_clause, who_action
from answer.text import stem


# -- who-questions: the action asked about -------------------------------------
@pytest.mark.parametrize("question, wanted", [
    # a light verb is not the action: the role taken is what papers print beside the name
    ("Who became vice chair of the Corporate Parenting Panel in autumn 2024?", stem("vice")),
    ("Who became vice-chair of the panel?", stem("vice")),
    ("Who became the new Leader of the Council?", stem("leader")),
    # phrasal verbs map to the verb minutes write ("Mr Hood proposed, and Ms Hawkins seconded")
    ("Which councillor put forward the motion on disposable vapes?", stem("proposed")),
    ("Who brought forward the amendment?", stem("proposed")),
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
