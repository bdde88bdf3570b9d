"""How question and passage wording meet: stems, hyphenated terms and why-questions."""
from __future__ import annotations

import pytest

from answer.extract import REASON
from answer.question import analyse
from answer.text import display_text, stem, unit_stems
from conftest import answerer_over


@pytest.mark.parametrize("inflected, plain", [
    ("transferred", "transfer"), ("planning", "plan"), ("planned", "plan"), ("dropped", "drop"),
    ("running", "run"), ("committed", "commit"), ("referred", "refer")])
def test_doubled_consonants_stem_like_the_plain_word(inflected, plain):
    assert stem(inflected) == stem(plain)


@pytest.mark.parametrize("word, expected", [("falling", "fall"), ("dressed", "dress"), ("added", "add")])
def test_double_letters_of_the_word_itself_stay(word, expected):
    assert stem(word) == expected


def test_a_hyphenated_term_is_one_more_term_on_both_sides():
    term = stem("inhouse")
    assert term in analyse("Was running the service in-house an option?").stems
    assert term in unit_stems("In-house delivery was not considered.")[1]
    assert term not in unit_stems("The house in the square.")[1]
    # both parts of a place name already count: no third term to outweigh the rest
    assert analyse("What did the Glenmore-Ashford members decide?").stems.count(stem("glenmoreashford")) == 0


@pytest.mark.parametrize("question, wants", [
    ("Why was the plan not brought back in May?", True),
    ("Was it an option, and why was it dropped?", True),
    ("For what reason was the meeting adjourned?", True),
    ("Was the plan agreed?", False)])
def test_why_questions_want_a_reason(question, wants):
    assert analyse(question).wants_reason is wants


@pytest.mark.parametrize("text, gives_reason", [
    ("There is no rationale for this as the Council does not have the vehicles.", True),
    ("The scheme was paused because the grant was withdrawn.", True),
    ("As part of the review, officers met residents.", False),
    ("The service is valued by residents.", False)])
def test_reason_wording(text, gives_reason):
    assert (REASON.search(text) is not None) is gives_reason


REPORT = """MOBILE LIBRARY SERVICE RE-PROCUREMENT

Report of the Director of Communities to Cabinet, 12 March 2024

Summary

The mobile library service visits 40 villages each fortnight and lends 30,000 books a year. Residents value the mobile library service highly. In 2019 Cabinet approved an option appraisal of running the mobile library in-house or through a contract.

Recommendation

That Cabinet approve the re-procurement of the mobile library service for five years.

Other options considered

- In-house delivery: There is no rationale for the Council to run the mobile library service directly as the Council does not have the vehicles or trained drivers required.
- Stopping the service: rejected because 2,000 residents rely on it.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return answerer_over(tmp_path_factory.mktemp("library"), {"mobile-library.txt": REPORT})


def test_a_why_question_is_answered_with_the_reason(library):
    result = library.ask("Was running the mobile library in-house an option, and why was it rejected?")
    assert not result.abstained
    assert "does not have the vehicles" in result.sentence
    quote = result.citations[0]
    assert library.document(quote.document_id).text[quote.start:quote.end] == quote.quote


CLEANING = """OFFICE CLEANING CONTRACT AWARD

Report to Cabinet, 9 October 2024

Summary

The office cleaning contract covers the civic centre, four libraries and two depots.

Financial implications

The contract value is £1.2 million per annum for three years, funded from the facilities budget.

Recommendation

That Cabinet award the office cleaning contract to Brightwell Services Ltd.
"""


@pytest.fixture(scope="module")
def cleaning(tmp_path_factory):
    return answerer_over(tmp_path_factory.mktemp("cleaning"), {"cleaning.txt": CLEANING})


def test_one_word_the_papers_never_use_is_no_reason_to_abstain(cleaning):
    # "worth" is in no paper ("value" is); the rest of the question matches the answer
    result = cleaning.ask("How much is the office cleaning contract worth?")
    assert not result.abstained
    assert "£1.2 million" in result.answer


def test_a_question_about_things_no_paper_names_is_abstained_on(cleaning):
    result = cleaning.ask("How many cannabis dispensaries did the council license?")
    assert result.abstained


MINUTES = """RIVERSIDE HEALTH BOARD MINUTES

4 MARCH 2024

Chair:\t* Councillor Ayesha Khan\t\t
Board Members:\t* Councillor Tom Reilly\t\t
\t* Dr Paul Osei\tChair, Riverside Clinical Commissioning Group\t
Non Voting Members:\t* Jane Porter\tChair, Riverside Safeguarding Adults Board\tRiverside Council

* Denotes Member present

12. Minutes

RESOLVED: That the minutes of the meeting held on 5 February 2024 be taken as read and signed as a correct record.
"""


@pytest.fixture(scope="module")
def board(tmp_path_factory):
    return answerer_over(tmp_path_factory.mktemp("board"), {"Riverside Health Board minutes 4 March 2024.txt": MINUTES})


def test_the_chair_of_the_meeting_not_a_member_who_chairs_another_body(board):
    result = board.ask("Who chaired the Riverside Health Board on 4 March 2024?")
    assert not result.abstained
    assert "Ayesha Khan" in result.answer


def test_inline_html_left_by_converters_is_not_shown():
    shown = display_text("Joint\t<p>Sign off approach and delivery plan</p> <p>Agree models.</p>")
    assert shown == "Joint Sign off approach and delivery plan Agree models."
    assert display_text('Name: Donna Edwards <input checked="" type="checkbox"/> on behalf of') == \
        "Name: Donna Edwards on behalf of"
    assert display_text("a < b and c > d") == "a < b and c > d"
