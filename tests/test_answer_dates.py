"""Date questions on the real Kent papers: a date the question itself names is not its answer,
a question about something due/scheduled takes the scheduled date, and a question about when a
document was issued takes the date line that signs that document off."""
from __future__ import annotations

from answer.extract import scheduled_date, typed_matches

from test_answer import ask, answerer  # noqa: F401  (shared fixture)


def test_question_date_in_another_form_is_not_an_answer():
    text = "Cabinet on 30th January 2025 will receive an update. The papers went out on 22 January 2025."
    values = [m.group(0) for m in typed_matches("date", text, "When did papers for the 30 January 2025 meeting go out?")]
    assert "30th January 2025" not in values and "22 January 2025" in values


def test_scheduled_date_needs_scheduling_words_before_the_date():
    question = "When is the review due?"
    assert scheduled_date("It would be reconsidered at the next Cabinet (scheduled to be held on 4th March 2025).", question)
    assert not scheduled_date("At the Scrutiny Committee held on 29th January 2025, Members considered it.", question)


def test_scheduled_question_takes_the_scheduled_date(answerer):
    r = ask(answerer, "When was the Cabinet due to reconsider the referred decision on the Family Hubs?")
    assert not r["abstained"]
    assert r["answer"] in ("4th March 2025", "4 March 2025")
    assert r["citations"][0]["meeting_date"] == "2025-01-30"


def test_issued_question_takes_the_agenda_date_line(answerer):
    r = ask(answerer, "When was the agenda for the Cabinet meeting of 30 January 2025 published?")
    assert not r["abstained"]
    assert "22 January 2025" in r["answer"]
    assert r["citations"][0]["doc_type"] == "agenda" or "agenda" in r["citations"][0]["title"].lower()


def test_decision_wording_in_a_report_is_cited_from_the_minutes(answerer):
    """The report recommends 'NOTE the forecast capital underspend'; the minutes of the same
    meeting record it being noted: the citation is the minutes' copy with the same figure."""
    r = ask(answerer, "What capital underspend for November 2024-25 did Cabinet note?")
    assert not r["abstained"] and "111.6" in r["answer"]
    cite = r["citations"][0]
    assert cite["doc_type"] == "minutes" and cite["meeting_date"] == "2025-01-30"
    assert "111.6" in cite["quote"]


def test_decision_form_fields_are_not_resolution_wording():
    from answer.extract import resolution_wording
    assert resolution_wording("PROPOSED RECORD OF DECISION\nDECISION TO BE TAKEN BY: DECISION NUMBER:\n24/00108") is None
    text = "Decision:\nThe Cabinet agree to note the report"
    span = resolution_wording(text)
    assert span is not None and text[span[0]:span[1]].startswith("The Cabinet agree")


def test_what_a_review_concluded_is_read_from_the_finding_sentence(answerer):
    """'The LA has carried out a review ... led by ... PeopleToo ... This found that the HNB
    resources were well used': the finding follows the sentence naming the review."""
    r = ask(answerer, "What did the PeopleToo review of the High Needs Block find?")
    assert not r["abstained"]
    assert "well used" in r["answer"].lower()
