"""Which candidate answers: passages past one long document's, bodies and meetings the question
names, periods the question names, report recommendations vs resolutions, resolution entries."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from answer.answerer import (PAST_Q, PASSAGES_K, PROSPECTIVE, ABOUT_ASKING_Q, Answerer, Candidate,
                             _looks_like_heading)
from answer.bodies import named_bodies
from answer.periods import question_period, years
from answer.question import analyse
from answer.unit_index import IndexedUnit, UnitIndex

from conftest import KENT

EXTERNAL = KENT.parent / "external"


# -- periods ------------------------------------------------------------------------------------
def test_years_read_spans_and_skip_money_and_iso_dates():
    assert years("the 2024-25 budget and the 2025-28 MTFP") == {2024, 2025, 2026, 2027, 2028}
    assert years("drug deaths 2015-17, placements from 2015 to 2018") == {2015, 2016, 2017, 2018}
    assert years("Cabinet minutes, 2019-05-02") == {2019}         # a date, not 2019 to 2005
    assert years("a grant of £2025 and 12,2019 visits") == frozenset()


def test_a_unit_about_another_year_contradicts_the_question():
    period = question_period("What was the turnout in the May 2025 Kent County Council elections?")
    assert period.contradicted_by("Turnout at the 2024 General Election in the South East was 64%.")
    assert not period.contradicted_by("the County Council elections scheduled for May 2025")
    assert not period.contradicted_by("turnout was 31%")                 # names no year: no verdict
    assert period.contradicted_by("the by-election held in June 2025")   # the question's year, another month
    # a unit naming no year is weighed by its paper's meeting date: 2019 minutes can't report 2025
    assert period.off("turnout was 31%", "2019-07-25") and not period.off("turnout was 31%", "2025-06-01")


def test_a_named_meetings_month_is_not_a_month_the_unit_must_name():
    # "the meeting in January 2025" dates the meeting; the resolution may name May 2025 elections
    period = question_period("What did council agree at the meeting in January 2025?", months=False)
    assert not period.contradicted_by("elections scheduled for May 2025 being postponed")


# -- bodies named by their plain names --------------------------------------------------------------
def _no_lift(word, bodies):
    return 0.0, 0.5      # no body word is distinctive: only whole names can name a body


def test_plain_body_names_and_full_council_are_read_as_bodies():
    bodies = ["Corporate Parenting Panel", "County Council", "Cabinet"]
    hint = named_bodies("When Cabinet looked again at the call-in, did it change the decision?", bodies, _no_lift)
    assert hint.bodies == {"Cabinet"} and not hint.strong
    hint = named_bodies("Did the full council adopt the Minerals and Waste Local Plan?", bodies, _no_lift)
    assert hint.bodies == {"County Council"}
    assert named_bodies("Did the full council meet in March?", ["City Council", "Planning Board"],
                        _no_lift).bodies == {"City Council"}
    # "the council" and "the meeting" name no body, even where a body is called just that
    assert named_bodies("Which procedure will the council use?", ["Council", "Meeting"], _no_lift) is None


# -- passage ranks: one long document cannot take every ranked place ----------------------------
def _ranker(pool_docs: list[str], bodies: dict[str, str]):
    units = [IndexedUnit(doc, 0, 10, "sentence", f"c{i}", "text", "", frozenset())
             for i, doc in enumerate(pool_docs)]
    answerer = Answerer(store=None, retriever=SimpleNamespace())
    answerer._units = UnitIndex(units, {f"c{i}": [i] for i in range(len(units))})
    answerer._doc_bodies = bodies
    return answerer, [f"c{i}" for i in range(len(units))]


def test_other_documents_passages_get_ranks_beside_a_long_reports():
    docs = ["report"] * 12 + ["minutes", "minutes"]
    answerer, pool = _ranker(docs, {"report": "Cabinet", "minutes": "County Council"})
    ranks = dict(answerer._passage_ranks(analyse("When was the decision taken?"), pool))
    # the report keeps its own ranks; the minutes, 13th and 14th in the ranking, get places too
    assert [ranks[c] for c in pool[:PASSAGES_K]] == list(range(PASSAGES_K))
    assert ranks["c12"] < PASSAGES_K and ranks["c13"] < PASSAGES_K
    assert "c11" not in ranks                     # the report's 12th passage earns no rank


def test_passages_of_a_named_body_rank_among_themselves():
    docs = ["report"] * 20 + ["minutes"]
    answerer, pool = _ranker(docs, {"report": "Cabinet", "minutes": "County Council"})
    qa = analyse("Who chaired the county council meeting?")
    qa.constraints.bodies = frozenset({"County Council"})
    assert dict(answerer._passage_ranks(qa, pool))["c20"] == 0


# -- wording -----------------------------------------------------------------------------------------
def test_report_recommendations_are_prospective_for_past_tense_questions():
    assert PROSPECTIVE.search("County Council will be asked to agree that the Plan be adopted")
    assert PROSPECTIVE.search("The Cabinet Member is asked to: APPROVE the proposal")
    assert not PROSPECTIVE.search("RESOLVED that Council adopts the Kent Minerals and Waste Local Plan")
    assert PAST_Q.search("Did the full council adopt the plan?")
    # a question about the asking is answered by the recommendation
    assert ABOUT_ASKING_Q.search("What was the board asked to do with the SEND strategy?")


def test_a_resolution_entry_running_on_is_not_a_heading():
    assert not _looks_like_heading("(iii) Adopts the Kent Minerals and Waste Local Plan 2024-2039 as set out\n"
                                   "in Appendix B; and")
    assert _looks_like_heading("Kent Minerals and Waste Local Plan 2024-39 - Next Steps")


# -- on real minutes: two meetings on one day, resolutions and motions -------------------------------
@pytest.fixture(scope="module")
def two_meetings(tmp_path_factory):
    """The Cabinet and the full County Council both met on 9 January 2025."""
    from index.build import update_indexes
    from index.retriever import HybridRetriever
    from ingest.pipeline import ingest_paths
    from ingest.store import Store

    root = tmp_path_factory.mktemp("two-meetings")
    store = Store(root / "minutebook.db")
    report = ingest_paths(store, [KENT / "Minutes of the meeting held on 9th January 2025.pdf",
                                  EXTERNAL / "Printed minutes 09th-Jan-2025 10.00 County Council.pdf"])
    assert not report.skipped, report.skipped
    update_indexes(store, root / "index")
    return Answerer(store, HybridRetriever(store, root / "index"))


def test_the_named_bodys_meeting_of_that_day_answers_who_chaired(two_meetings):
    r = two_meetings.ask("Who chaired the county council meeting on 9 January 2025?").to_dict()
    assert not r["abstained"] and "Cooke" in r["answer"]          # not the Cabinet's chairman that day
    assert r["citations"][0]["body"] == "County Council"
    r = two_meetings.ask("Who chaired the Cabinet meeting on 9 January 2025?").to_dict()
    assert "Gough" in r["answer"] and r["citations"][0]["body"] == "Cabinet"


def test_entries_of_a_resolution_are_decisions_but_not_a_motion_as_moved(two_meetings):
    store = two_meetings.store
    doc = next(store.document(d["id"]) for d in store.documents() if d["body"] == "County Council")

    def unit(text: str, after: str) -> Candidate:
        start = doc.text.index(text, doc.text.index(after))
        return Candidate(doc.id, start, start + len(text), "sentence", text, 0, None)
    resolved = unit("(2) Endorses the proposed decision", "RESOLVED that the County Council")
    moved = unit("(2) Endorse the proposed decision", "seconded the following amendment")
    assert two_meetings._in_resolution(resolved)
    assert two_meetings._in_recorded_decision(moved) and not two_meetings._in_resolution(moved)


# -- a resolution whose first sentence decides and whose second names what it concerns --------------
CALL_IN_MINUTES = """MINUTES of a meeting of the Westshire County Council held in the Council Chamber, County Hall on Thursday, 13 March 2025.

PRESENT: Mr A Baker (Chairman), Mrs C Dale, Mr E Ford, Ms G Hill

4. Minutes of the meeting held on 13 February 2025

RESOLVED that the minutes of the meeting held on 13 February 2025 are correctly recorded and that they be signed by the Chairman.

5. Review of Decision 25/00012 - Future of Oakfield and Brambleside Libraries

(1) The Chairman explained that the Scrutiny Committee had referred the decision on the Oakfield and Brambleside libraries to the full Council for review under the call-in arrangements.

(2) Mrs Dale proposed and Mr Ford seconded that the County Council makes comments but does not require reconsideration of the decision.

(3) Following a debate, the motion was put to the vote. Motion carried.

(4) RESOLVED that the County Council makes comments but does not require reconsideration of the decision. In particular, the Council urges the Cabinet Member to keep Oakfield and Brambleside libraries open on Saturdays from the libraries' own reserves in order to maximise the benefit of these libraries to residents.

6. Treasury Management Strategy

RESOLVED that the Treasury Management Strategy for 2025-26 be approved.

7. Highways Maintenance Programme

(1) The Cabinet Member for Highways introduced the report on the resurfacing programme for 2025-26.

(2) Members asked about pothole repairs on rural roads and the backlog of drainage works.

(3) The Director of Highways said that 1,200 potholes had been repaired since January.

RESOLVED that the Highways Maintenance Programme for 2025-26 be noted.

8. Questions to the Cabinet

(1) Eight questions were put to the Executive and replies given.

(2) Mr Ford asked about bus subsidies for services in the north of the county.

(3) Ms Hill asked about the cost of school transport, which had risen by 12% in a year.
"""


def test_a_resolution_is_answered_from_its_deciding_first_sentence(tmp_path):
    """The recorded resolution, ranked like the passage holding it, beats its own second sentence
    (which holds the question's rare words), and the answer keeps the first sentence in view."""
    from conftest import answerer_over
    answerer = answerer_over(tmp_path, {"Westshire County Council minutes 13 March 2025.txt": CALL_IN_MINUTES})
    r = answerer.ask("What was the outcome when the full council reviewed the called-in decision on the "
                     "Oakfield and Brambleside libraries?").to_dict()
    assert not r["abstained"]
    assert "does not require reconsideration" in (r["answer"] + " " + r["sentence"])[:300]
    assert r["answer"].startswith("the County Council makes comments")
