"""Decisions extracted from the real minutes: Harrow (text), Kent and Alameda (PDF)."""
from __future__ import annotations

import pytest

from ingest.decisions import extract_decisions
from ingest.readers import read_source
from ingest import structure
from conftest import ALAMEDA, HARROW_PACK, KENT


def _documents(path):
    return structure.split_documents(read_source(path))


def _chunks(doc):
    chunker = getattr(structure, "chunk_by_section", None)
    return chunker(doc) if chunker else []


def _decisions(path):
    found = []
    for doc in _documents(path):
        decisions = extract_decisions(doc, _chunks(doc))
        for d in decisions:
            assert d.text == doc.text[d.start:d.end]
            assert d.id.startswith(doc.id + ":d")
        found.append((doc, decisions))
    return found


@pytest.fixture(scope="module")
def harrow():
    return [d for _, ds in _decisions(HARROW_PACK) for d in ds]


@pytest.fixture(scope="module")
def kent_30_jan():
    return [d for _, ds in _decisions(KENT / "Printed minutes 30th-Jan-2025 10.00 Cabinet.pdf") for d in ds]


def test_harrow_minutes_decisions_belong_to_2_may_meeting(harrow):
    by_item = {}
    for d in harrow:
        by_item.setdefault(d.item, []).append(d)
    assert {str(n) for n in range(62, 72)} <= set(by_item)
    for item in map(str, range(62, 72)):
        for d in by_item[item]:
            assert d.meeting_date == "2019-05-02"
            assert "Health and Wellbeing" in (d.body or "")
    stop_smoking = by_item["67"]
    assert [d.text for d in stop_smoking] == [
        "RESOLVED: That the further development of option 2 be endorsed as outlined in the report."]
    assert stop_smoking[0].title == "Stop Smoking Offer in Harrow"
    assert by_item["62"][0].title == "Attendance by Reserve Members"
    assert by_item["71"][0].title == "Any Other Business"
    # "It was agreed that ..." in item 70 is a decision too.
    assert any(d.text.startswith("It was agreed that the Executive") for d in by_item["70"])


def test_harrow_decisions_stop_before_next_heading(harrow):
    for d in harrow:
        assert "\n\n" not in d.text
        assert not any(line.strip()[:3].rstrip(".").isdigit() and line.strip()[2:3] == "."
                       for line in d.text.splitlines()[1:])


def test_kent_30_jan_multi_part_budget_resolution(kent_30_jan):
    assert kent_30_jan and all(d.meeting_date == "2025-01-30" for d in kent_30_jan)
    budget = [d for d in kent_30_jan if d.item == "88"]
    assert len(budget) == 1
    text = budget[0].text
    assert text.startswith("RESOLVED that Cabinet agree to:")
    assert "c) Note the forecast capital underspend of £111.6m." in text
    assert text.rstrip().endswith("Monitoring")          # part f), without the page number "10"
    assert "Revenue and Capital Budget Monitoring Report" in budget[0].title
    assert "89." not in text
    ics = next(d for d in kent_30_jan if d.item == "91")
    assert "(c) Delegate authority" in ics.text and ics.text.endswith("implement the decision.")
    # A sentence that merely contains "carried" is not a decision.
    assert not any("Channel Tunnel" in d.text for d in kent_30_jan)


def test_kent_9_jan_minutes():
    decisions = [d for _, ds in _decisions(KENT / "Minutes of the meeting held on 9th January 2025.pdf")
                 for d in ds]
    assert len(decisions) >= 5
    assert all(d.meeting_date == "2025-01-09" for d in decisions)
    devolution = next(d for d in decisions if d.item == "83")
    assert devolution.title == "English Devolution White Paper"
    assert "3. Agree to request that the Minister" in devolution.text


def test_kent_record_of_decision():
    decisions = [d for _, ds in _decisions(KENT / "24-00108 - PROD.pdf") for d in ds]
    assert len(decisions) == 1
    record = decisions[0]
    assert record.item == "24/00108"
    assert record.text.startswith("Decision:")
    assert "f) Note the Reserves" in record.text
    assert "Reason" not in record.text


def test_alameda_carried_motions():
    decisions = [d for _, ds in _decisions(ALAMEDA / "city-council-2019-10-01.pdf") for d in ds]
    carried = [d for d in decisions if "carried" in d.text]
    assert len(carried) >= 8
    consent = next(d for d in carried if "Consent Calendar" in d.text)
    assert consent.text.startswith("Councilmember Vella moved approval")
    assert consent.text.endswith("5.")                  # the vote count, not "[Items so enacted"
    assert consent.meeting_date == "2019-10-01"
    assert any(d.item == "19-548" for d in carried)


def test_alameda_planning_board_motion_passed():
    decisions = [d for _, ds in _decisions(ALAMEDA / "planning-board-2023-07-24.pdf") for d in ds]
    minutes = next(d for d in decisions if d.item == "4-A")
    assert minutes.title == "Draft Meeting Minutes - May 22, 2023"
    assert minutes.text.startswith("Board Member Teague made a motion")
    assert minutes.text.endswith("passed 7-0.")


def test_agenda_recommendations_are_not_decisions():
    agenda = [d for _, ds in _decisions(KENT / "Agenda frontsheet 30th-Jan-2025 10.00 Cabinet.pdf") for d in ds]
    assert agenda == []


def test_empty_document_gives_no_decisions():
    from ingest.models import Document
    doc = Document(id="x-0", source_path="x", source_sha256="0", part=0, title="", doc_type="other",
                   body=None, meeting_date=None, text="", text_sha256="0")
    assert extract_decisions(doc, []) == []


EXTERNAL = KENT.parent / "external"
KENT_CC_19_DEC = EXTERNAL / "19 December 2024 - County Council minutes.pdf"
KENT_CC_9_JAN = EXTERNAL / "Printed minutes 09th-Jan-2025 10.00 County Council.pdf"


@pytest.fixture(scope="module")
def kent_council_19_dec():
    return [d for _, ds in _decisions(KENT_CC_19_DEC) for d in ds]


def test_kent_council_proposed_and_seconded_then_agreed_unanimously(kent_council_19_dec):
    """"3) Mr Sweetland proposed, and Mr Ridgers seconded, that the Council ... Agreed unanimously.\""""
    tribute = next(d for d in kent_council_19_dec if "sense of loss" in d.text)
    assert tribute.text.startswith("3) Mr Sweetland proposed, and Mr Ridgers seconded")
    assert tribute.text.endswith("Agreed unanimously.")
    assert tribute.item == "274" and tribute.meeting_date == "2024-12-19"


def test_kent_council_lost_motions_are_not_decisions(kent_council_19_dec):
    # Two time-limited-debate motions were lost; only the farming motion was carried (as RESOLVED).
    assert not any("Integrated" in d.text and "Care Strategy" in d.text for d in kent_council_19_dec)
    assert not any("Climate and Nature Bill" in d.text for d in kent_council_19_dec)
    assert not any(d.text.rstrip().endswith("lost.") for d in kent_council_19_dec)
    farming = [d for d in kent_council_19_dec if "solidarity with the farmers" in d.text]
    assert len(farming) == 1 and farming[0].text.startswith("RESOLVED that the County Council resolves:")


def test_kent_council_amendment_carried_spans_the_proposal():
    decisions = [d for _, ds in _decisions(KENT_CC_9_JAN) for d in ds]
    amendment = next(d for d in decisions if d.text.endswith("Amendment carried."))
    assert amendment.text.startswith("15) Mr Streatfeild proposed and Mr Sole seconded the following amendment")
    assert "(5) Expects there to be as much transparency" in amendment.text
    assert amendment.item == "285"
    # "Agreed unanimously." right before "2. RESOLVED that Mr Cooke be elected" is that resolution, not a second one
    assert sum("Cooke" in d.text for d in decisions) == 1


def test_kent_council_vote_put_by_the_chairman_starts_the_motion(kent_council_19_dec):
    """The look-back for a carried motion stops at the chairman putting it to the vote, and a vote
    followed at once by its RESOLVED is recorded once (as the resolution)."""
    assert not any(d.text.startswith(("Mr ", "Ms ", "Mrs ")) and "carried" in d.text for d in kent_council_19_dec)
    transport = [d for d in kent_council_19_dec if d.item == "278"]
    assert [d.text[:40] for d in transport] == ["RESOLVED that the County Council approve"]


def test_alameda_2005_motion_printed_on_its_paragraph_number_line():
    """"(05-027) Councilmember Matarrese moved that ..." is the item and the motion at once."""
    decisions = [d for _, ds in _decisions(EXTERNAL / "alameda-city-council-2005-01-18.pdf") for d in ds]
    reorder = next(d for d in decisions if d.item == "05-027")
    assert reorder.text.startswith("(05-027) Councilmember Matarrese moved that the Public Hearing")
    assert reorder.title is None            # a narrative paragraph has no title to give
    # "(05-028) ... seconded the motion, which FAILED" is not a decision
    assert not any(d.item == "05-028" or "FAILED" in d.text for d in decisions)
    # the page footer ("Regular Meeting / 1 / Alameda City Council / ...") is not inside any decision
    assert not any("Regular Meeting" in d.text for d in decisions)
    casino = next(d for d in decisions if d.item == "05-037")
    assert casino.text.startswith("Councilmember Matarrese moved adoption of the Resolution.")


def test_limerick_ocr_markdown_blank_lines_between_wrapped_lines():
    """OCR'd Markdown puts a blank line between wrapped lines, and bolds the resolution markers."""
    decisions = [d for _, ds in _decisions(EXTERNAL / "limerick-jpc-cappamore-kilmallock-2022-10-20.md")
                 for d in ds]
    minutes = next(d for d in decisions if d.item == "1")
    assert minutes.text.startswith("**Proposed by: Councillor Donegan**")
    assert minutes.text.endswith("be taken as read and adopted and signed.”")
    agreed = next(d for d in decisions if d.text.startswith("It was agreed by Acting"))
    assert agreed.text.endswith("based Garda Dave Hennessy.")
    assert agreed.title == "Policing Issues in the District"
    assert "Matters Arising" not in minutes.text
