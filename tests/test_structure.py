"""Splitting packs into documents and chunking them, on the real Harrow, Kent and Alameda papers."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest

from conftest import ALAMEDA, CORPUS, HARROW_PACK, HARROW_PLAN, KENT, SHARED_EVAL
from ingest.models import Document, PageSpan
from ingest.readers import read_source
from ingest.structure import (_summons_date, body_as_named_in_path, body_from_name, chunk_by_section,
                               minutes_meeting, name_bodies_as_published, normalise_text, split_documents,
                               tidy_body)
from ingest.textfile import page_spans_from_breaks

PAGE_LINE = re.compile(r"^\s*\d{1,4}\s*$")


@lru_cache(maxsize=None)
def docs_and_chunks(path: str):
    docs = split_documents(read_source(Path(path)), None)
    return [(d, chunk_by_section(d)) for d in docs]


def test_pack_splits_into_agenda_minutes_and_reports_with_their_own_meetings():
    parts = docs_and_chunks(str(HARROW_PACK))
    docs = [d for d, _ in parts]
    assert len(docs) >= 8
    agenda, minutes = docs[0], docs[1]
    assert agenda.doc_type == "agenda" and agenda.meeting_date == "2019-07-25"
    assert agenda.body == "Health and Wellbeing Board"
    assert minutes.doc_type == "minutes" and minutes.meeting_date == "2019-05-02"
    assert minutes.body == "Health and Wellbeing Board"
    assert "62. Attendance by Reserve Members" in minutes.text
    assert "62. Attendance by Reserve Members" not in agenda.text
    reports = [d for d in docs if d.doc_type == "report"]
    assert {r.title for r in reports} >= {"Public Health Update", "Harrow Adult Substance Misuse Service"}
    assert all(r.meeting_date == "2019-07-25" for r in reports)
    # Every part but the earlier minutes belongs to the 25 July meeting.
    assert all(d.meeting_date == "2019-07-25" for d in docs if d.doc_type != "minutes")
    # Ids are stable and parts tile the source text.
    assert [d.id for d in docs] == [d.id for d, _ in parts]
    assert docs[2].source_start == docs[1].source_start + len(docs[1].text)


def test_standalone_plan_has_no_meeting():
    [(plan, _)] = docs_and_chunks(str(HARROW_PLAN))
    assert plan.doc_type == "plan"
    assert plan.meeting_date is None
    assert "0-25 Commissioning Plan" in plan.title


def test_each_minute_item_starts_a_chunk_naming_it():
    minutes, chunks = docs_and_chunks(str(HARROW_PACK))[1]
    for item in range(62, 72):
        starting = [c for c in chunks if c.kind == "section" and c.text.startswith(f"{item}. ")]
        assert starting, f"no chunk starts at minute item {item}"
        assert starting[0].section.startswith(f"{item}. ")
    decl = next(c for c in chunks if c.section.startswith("63."))
    assert "no declarations of interests" in decl.text


def test_annexe_table_rows_carry_their_headers():
    _, chunks = docs_and_chunks(str(HARROW_PLAN))[0]
    rows = [c for c in chunks if c.kind == "table_row"]
    prospects = [c for c in rows if "Service Provider: Prospects" in c.text]
    assert len(prospects) == 1
    assert "Contract Period: March 2021" in prospects[0].text
    assert "Local Authority Commissioning" in prospects[0].section
    ophth = next(c for c in rows if "Ophthalmology" in c.text)
    assert "Service Provider: Moorfields" in ophth.text and "Health Commissioning" in ophth.section
    # A cell broken by a blank line inside it stays in its row.
    assert "16-19 up to 25 with SEN" in prospects[0].text
    # The row's span covers its cells in the document text.
    doc = docs_and_chunks(str(HARROW_PLAN))[0][0]
    assert "Prospects" in doc.text[prospects[0].start:prospects[0].end]


def test_pack_tab_table_row_continued_over_lines_stays_one_row():
    chunks = [c for _, cs in docs_and_chunks(str(HARROW_PACK)) for c in cs if c.kind == "table_row"]
    cla = [c for c in chunks if c.text.startswith("Work stream/Service Provided: CLA Health assessments")]
    assert len(cla) == 1
    assert "with SEN" in cla[0].text and "Commissioning" in cla[0].text.split("|")[-1]


def test_attendance_list_rows_keep_their_label_not_a_header():
    """"Chair:  * Councillor Graham Henson" heads an attendance list, not a table: each line is a
    row under its label, and a label carries down to the unlabelled lines below it."""
    minutes, chunks = docs_and_chunks(str(HARROW_PACK))[1]
    rows = [c.text for c in chunks if c.kind == "table_row"]
    assert "Chair: | * Councillor Graham Henson" in rows
    assert "Board Members: | * Councillor Simon Brown" in rows
    miller = next(r for r in rows if "Chris Miller" in r)
    assert miller.startswith("Non Voting Members: | * Chris Miller | Chair, Harrow Safeguarding")
    assert not any(r.startswith("Chair:: ") for r in rows)


def test_kent_minutes_dated_from_their_text():
    [(jan9, _)] = docs_and_chunks(str(KENT / "Minutes of the meeting held on 9th January 2025.pdf"))
    assert jan9.doc_type == "minutes" and jan9.meeting_date == "2025-01-09" and jan9.body == "Cabinet"
    [(jan30, _)] = docs_and_chunks(str(KENT / "Printed minutes 30th-Jan-2025 10.00 Cabinet.pdf"))
    assert jan30.doc_type == "minutes" and jan30.meeting_date == "2025-01-30"


def test_alameda_minutes_body_and_date():
    docs = [d for d, _ in docs_and_chunks(str(ALAMEDA / "city-council-2019-10-01.pdf"))]
    assert {d.meeting_date for d in docs} == {"2019-10-01"}
    assert all(d.body == "City Council" and d.doc_type == "minutes" for d in docs)


def test_kent_chunk_pages_match_pdf_pages():
    import pdfplumber
    path = KENT / "Printed minutes 30th-Jan-2025 10.00 Cabinet.pdf"
    sentence = "endorsed the draft budget to be presented to County Council on 13th February"
    with pdfplumber.open(path) as pdf:
        pages = [n for n, p in enumerate(pdf.pages, 1)
                 if normalise_text(sentence) in normalise_text(p.extract_text() or "")]
    assert pages
    [(_, chunks)] = docs_and_chunks(str(path))
    holding = [c for c in chunks if normalise_text(sentence) in normalise_text(c.text)]
    assert holding
    assert all(c.page_start <= pages[0] <= c.page_end for c in holding)


@pytest.mark.parametrize("path", [HARROW_PACK, HARROW_PLAN,
                                  KENT / "Printed minutes 30th-Jan-2025 10.00 Cabinet.pdf",
                                  KENT / "24-00108 - Finance Monitoring Report - Q3 - November 2024-25.pdf"])
def test_chunks_are_clean_and_offsets_hold(path):
    for doc, chunks in docs_and_chunks(str(path)):
        assert chunks
        for c in chunks:
            assert 0 <= c.start <= c.end <= len(doc.text)
            assert c.id == f"{doc.id}:{c.ordinal}"
            assert "intentionally left blank" not in c.text.lower()
            # (tab-indented numbers are table cells, not page numbers)
            assert not any(PAGE_LINE.match(line) and "\t" not in line for line in c.text.split("\n"))
            if c.kind == "section":
                span_words = doc.text[c.start:c.end].split()
                assert c.text.split() == [w for w in span_words if w in set(c.text.split())]
                assert len(c.text.split()) <= 400


def test_sidecar_overrides_and_duplicate_fingerprint():
    source = read_source(HARROW_PLAN)
    [doc] = split_documents(source, {"title": "Plan", "body": "Cabinet", "meeting_date": "2019-02-01",
                                     "doc_type": "plan"})
    assert (doc.title, doc.body, doc.meeting_date) == ("Plan", "Cabinet", "2019-02-01")
    pack_plan = next(d for d, _ in docs_and_chunks(str(HARROW_PACK)) if d.title.startswith("0-25"))
    assert pack_plan.doc_type == "plan"
    # Same paper, different whitespace: same fingerprint.
    source.text = source.text.replace("\n\n", "\n \n")
    assert split_documents(source)[0].text_sha256 == split_documents(read_source(HARROW_PLAN))[0].text_sha256


# ---------------------------------------------------------------------------
# Evidence coverage over the shared dev sets: does one chunk hold each case's evidence,
# and does that chunk's document carry the case's meeting date?
# ---------------------------------------------------------------------------

SHARED_CORPUS = SHARED_EVAL.parent / "corpus"


def _local_copy(doc: str) -> Path:
    """The repo's copy of a shared corpus file when it has one (shares the parse cache)."""
    name = Path(doc).name
    for folder in (CORPUS, KENT):
        if (folder / name).exists():
            return folder / name
    return SHARED_CORPUS / doc


def _covers(evidence: str, chunk_text: str) -> bool:
    """The eval README's rule: normalised substring, or >= 80% of the evidence's word tokens."""
    ev, text = normalise_text(evidence), normalise_text(chunk_text)
    if ev in text:
        return True
    tokens, words = ev.split(), set(text.split())
    return bool(tokens) and sum(t in words for t in tokens) >= 0.8 * len(tokens)


def _coverage(cases_file: str) -> tuple[int, list[str], list[str]]:
    """(cases checked, ids not covered by one chunk, ids whose covering chunk has another date)."""
    import json
    path = SHARED_EVAL / cases_file
    if not path.exists():
        pytest.skip(f"{path} not present")
    checked, missed, misdated = 0, [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        case = json.loads(line) if line.strip() else None
        if not case or not case.get("doc") or not case.get("evidence"):
            continue
        source = _local_copy(case["doc"])
        if not source.exists():
            continue
        checked += 1
        covering = [d for d, chunks in docs_and_chunks(str(source))
                    for c in chunks if _covers(case["evidence"], c.text)]
        if not covering:
            missed.append(case["id"])
        elif case.get("meeting"):
            want = case["meeting"].split()[-1]
            if not any(d.meeting_date == want for d in covering):
                misdated.append(case["id"])
    return checked, missed, misdated


@pytest.mark.parametrize("cases_file, floor", [("dev.jsonl", 0.95), ("kent_dev.jsonl", 0.9)])
def test_dev_evidence_is_held_by_one_chunk_with_the_right_meeting(cases_file, floor):
    if not SHARED_EVAL.exists():
        pytest.skip("shared eval sets not present")
    checked, missed, misdated = _coverage(cases_file)
    if not checked:
        pytest.skip(f"no documents of {cases_file} present")
    assert (checked - len(missed)) / checked >= floor, f"evidence not in one chunk: {missed}"
    assert not misdated, f"covering chunk from another meeting: {misdated}"


def test_pack_papers_are_linked_to_their_agenda_items_and_start_on_their_pages():
    docs = [d for d, _ in docs_and_chunks(str(HARROW_PACK))]
    send = next(d for d in docs if d.title.startswith("SEND Strategy, Commissioning Plan"))
    assert send.agenda_item.startswith("12. SEND STRATEGY, COMMISSIONING PLAN")
    assert send.pages[0].number == 101
    health = next(d for d in docs if d.title == "Public Health Update")
    assert health.agenda_item == "10. PUBLIC HEALTH UPDATE (Pages 75 - 80)"
    assert (health.pages[0].number, health.pages[-1].number) == (75, 80)
    minutes = docs[1]
    assert minutes.pages[0].number == 5 and minutes.agenda_item.startswith("4. MINUTES")
    assert docs[0].agenda_item is None
    # The last paper of the pack ends on the last page of its item's range.
    assert docs[-1].pages[-1].number == 194
    # Pages rise through the pack.
    numbers = [p.number for d in docs for p in d.pages]
    assert numbers == sorted(numbers)


def test_generic_report_sections_are_rooted_at_the_agenda_item():
    parts = docs_and_chunks(str(HARROW_PACK))
    doc, chunks = next((d, c) for d, c in parts if d.title.startswith("SEND Strategy, Commissioning Plan"))
    report = [c for c in chunks if "Section 2" in c.section]
    assert report and all(c.section.startswith(doc.agenda_item + " > Section 2") for c in report)
    assert all(doc.agenda_item in c.context for c in chunks)


def test_enclosures_and_appendices_are_typed_and_titled_by_their_parent():
    docs = [d for d, _ in docs_and_chunks(str(HARROW_PACK))]
    case = next(d for d in docs if d.title.startswith("Commissioning reform in North West London"))
    assert case.doc_type == "report"
    appendix = next(d for d in docs if d.title.startswith("Appendix one"))
    assert appendix.doc_type == "report" and "appendix to Commissioning reform" in appendix.title
    assert not any(d.doc_type == "other" for d in docs)


def test_labelled_and_wrapped_titles():
    [(prod, _)] = docs_and_chunks(str(KENT / "24-00108 - PROD.pdf"))
    assert prod.title == "Revenue and Capital Budget Monitoring Report – September 2024-2025"
    budget = KENT / "Draft Revenue Budget 2025-26 and 2025-28 MTFP and Draft Capital Programme 2025-35.pdf"
    [(doc, _)] = docs_and_chunks(str(budget))
    assert doc.title == "Draft Revenue Budget 2025-26 and 2025-28 MTFP, and Draft Capital Programme 2025-35"


def test_few_tiny_chunks_in_the_pack():
    chunks = [c for _, cs in docs_and_chunks(str(HARROW_PACK)) for c in cs if c.kind == "section"]
    tiny = [c for c in chunks if len(c.text.split()) < 20]
    # (before folding: 88 of ~520; headings over empty table cells still leave a few)
    assert len(tiny) <= 0.08 * len(chunks), [c.text for c in tiny]


def test_numbered_resolutions_stay_in_their_minute_item():
    [(doc, chunks)] = docs_and_chunks(str(KENT / "Minutes of the meeting held on 9th January 2025.pdf"))
    assert not any(c.section.startswith(("1. Agree", "2. Note")) for c in chunks)
    resolved = [c for c in chunks if "7. RESOLVED that Cabinet" in c.text]
    assert resolved and all(c.section == "83. English Devolution White Paper" for c in resolved)
    assert any("April 2028; and\n3. Agree to request" in c.text for c in resolved)


# ---------------------------------------------------------------------------
# Other councils' papers: the meeting a document belongs to comes from its own header
# ---------------------------------------------------------------------------

EXTERNAL = KENT.parent / "external"


def test_alameda_minutes_dated_by_their_header_not_by_approved_earlier_minutes():
    docs = [d for d, _ in docs_and_chunks(str(EXTERNAL / "alameda-city-council-2008-02-05.pdf"))]
    # "TUESDAY- -FEBRUARY 5, 2008" heads all three meetings; "Minutes of ... January 15, 2008.
    # Approved." and "... held January 2, 2008" inside them are earlier meetings.
    assert [d.meeting_date for d in docs] == ["2008-02-05"] * 3
    assert all(d.doc_type == "minutes" for d in docs)
    assert docs[2].body.startswith("City Council and Housing Authority Board of Commissioners")
    # The regular and the special meeting of the same day are told apart by their titles.
    assert len({d.title for d in docs}) == 3


def test_approval_of_earlier_minutes_is_not_a_minutes_document():
    docs = [d for d, _ in docs_and_chunks(str(EXTERNAL / "alameda-city-council-2005-01-18.pdf"))]
    assert {d.meeting_date for d in docs} == {"2005-01-18"}
    approval = next(d for d in docs if "(05-003) Minutes of the Special Community Improvement" in d.text)
    assert approval.body == "Community Improvement Commission"
    assert approval.text.lstrip().startswith("MINUTES OF THE SPECIAL COMMUNITY IMPROVEMENT COMMISSION")


def test_limerick_policing_minutes_keep_their_body_type_and_pages():
    [(doc, chunks)] = docs_and_chunks(str(EXTERNAL / "limerick-jpc-cappamore-kilmallock-2022-10-20.md"))
    assert doc.doc_type == "minutes" and doc.meeting_date == "2022-10-20"
    assert doc.body.startswith("Joint Policing Sub Committee") and "Cappamore-Kilmallock" in doc.body
    # Numbered OCR lines are not page footers: no page numbers beyond the paper's few pages.
    assert all(c.page_start is None or c.page_start < 12 for c in chunks)


def test_body_printed_above_a_minutes_title_and_report_cover_labels():
    [(cpp, _)] = docs_and_chunks(str(EXTERNAL / "CPP Minutes 29.10.24.pdf"))
    assert (cpp.doc_type, cpp.body, cpp.meeting_date) == ("minutes", "Corporate Parenting Panel", "2024-10-29")
    pay = [d for d, _ in docs_and_chunks(str(EXTERNAL / "County Council - Pay Policy Statement 2025-2026.pdf"))]
    assert pay[0].doc_type == "report" and pay[0].title == "Pay Policy Statement 2025/26"
    assert {d.body for d in pay} == {"County Council"} and {d.meeting_date for d in pay} == {"2025-03-13"}


def test_record_of_decision_title_from_label_on_its_own_line():
    [(prod, _)] = docs_and_chunks(str(KENT / "24-00108 - PROD.pdf"))
    assert not prod.title.startswith("Key decision criteria")


def test_agenda_date_is_the_summons_not_an_item_naming_the_last_meeting():
    # "to be held on Thursday 23rd March" has no year, and item "1.Minutes" (no space) names
    # "the 16th February 2023": the meeting is 23 March, its year from the letter's date.
    [(agenda, _)] = docs_and_chunks(str(EXTERNAL / "limerick-cappamore-kilmallock-agenda-2023-03-23.md"))
    assert (agenda.doc_type, agenda.meeting_date) == ("agenda", "2023-03-23")
    head = ["13th December 2022.", "You are requested to attend the Monthly Meeting of the District",
            "to be held on Thursday 12th January at 3 pm in the Council Chamber.", "A G E N D A",
            "1.Minutes", "Minutes of Meeting held on the 8th December 2022"]
    assert _summons_date(head) == "2023-01-12"  # a December letter calls a January meeting
    assert _summons_date(head[1:]) is None  # no year anywhere: no guess
    assert _summons_date(head[1:], "2023-01-12") == "2023-01-12"


def test_minutes_header_printed_one_word_a_line_beats_the_file_name():
    # "MINUTES / OF / PROCEEDINGS / AT / MEETING / OF / THE / ... ON WEDNESDAY, 5th April, 2023":
    # the file is named "... 3rd May 2023" (the meeting that approved them).
    path = EXTERNAL / "Minutes - Monthly Meeting of the Municipal District of Newcastle West - 3rd May 2023.md"
    [(minutes, _)] = docs_and_chunks(str(path))
    assert (minutes.doc_type, minutes.meeting_date) == ("minutes", "2023-04-05")
    assert minutes.body == "Municipal District of Newcastle West"


def test_numeric_table_cells_stay_in_passages_page_numbers_do_not():
    # Markdown converted from PDF prints each table cell as its own paragraph: "Burglaries / 8 / 9".
    [(jpc, chunks)] = docs_and_chunks(str(EXTERNAL / "limerick-jpc-cappamore-kilmallock-2022-10-20.md"))
    assert any(re.search(r"Burglaries\s+8\s+9\s+Thefts\s+12\s+9", c.text) for c in chunks)
    # The page number printed after each "---" page break is furniture; the cell ending a page is not.
    text = ("Housing Scheme\n\nPart V Units\n\nTotal Number of Units\n\nGlengrove, Kilmallock\n\n3\n\n33\n\n"
            "Mungret Gate, Baunacloka\n\n20\n\n210\n---\n8\n\nBloodmill Road, Singland\n\n14\n\n137\n")
    pages = [PageSpan(7, 0, text.index("---")), PageSpan(8, text.index("---"), len(text))]
    doc = Document(id="t-0", source_path="t.md", source_sha256="t", part=0, title="Minutes",
                   doc_type="minutes", body=None, meeting_date=None, text=text, text_sha256="", pages=pages)
    passages = "\n".join(c.text for c in chunk_by_section(doc))
    assert "Baunacloka\n\n20\n\n210\n" in passages and "\n8\n" not in passages


def test_markdown_page_breaks_numbered_by_the_printed_numbers():
    path = EXTERNAL / "Minutes - Monthly Meeting of the Municipal District of Newcastle West - 3rd May 2023.md"
    source = read_source(path)
    page_of = {p.number: source.text[p.start:p.end] for p in source.pages}
    assert source.page_count == 11 and "MINUTES" in page_of[1]
    assert page_of[2].startswith("---\n2\n\nAnd Resolved:")
    # A rule no printed number confirms is not a page break: no pages are guessed.
    assert page_spans_from_breaks("Intro\n\n---\n\nMore text\n\n---\n\nEnd\n") == []


def test_one_body_one_name_whatever_the_spelling_in_the_text(tmp_path):
    assert tidy_body("Municipal District of Adare- Rathkeale") == "Municipal District of Adare-Rathkeale"
    assert tidy_body("Joint Policing Committee Meeting") == "Joint Policing Committee"
    assert tidy_body("Cabinet - Adults") == "Cabinet - Adults"
    # The text says "OF THE CAPPAMORE KILMALLOCK"; the publisher's folder and file spell the body.
    folder = tmp_path / "20-Monthly Meeting of the Municipal District of Cappamore-Kilmallock"
    folder.mkdir()
    path = folder / "Minutes - Monthly Meeting of the Municipal District of Cappamore-Kilmallock - 23rd March 2023.md"
    path.write_text("MINUTES OF PROCEEDINGS OF MONTHLY MEETING OF\n\nTHE MUNICIPAL DISTRICT OF THE CAPPAMORE\n\n"
                    "KILMALLOCK HELD IN DEEBERT HOTEL, KILMALLOCK ON\n\nTHURSDAY 23RD MARCH AT 3.00PM.\n\n"
                    "PRESENT IN THE CHAIR:\n\nCouncillor J Egan, An Cathaoirleach\n\n1. Adoption of Minutes\n\n"
                    "Proposed by Councillor Teefy and seconded by Councillor Ryan the minutes were adopted.\n")
    docs = split_documents(read_source(path), None)
    name_bodies_as_published(docs)
    [doc] = docs
    assert (doc.body, doc.meeting_date) == ("Municipal District of Cappamore-Kilmallock", "2023-03-23")
    assert doc.title == "Municipal District of Cappamore-Kilmallock minutes, 2023-03-23"
    name_bodies_as_published(docs := split_documents(read_source(path), None), {"body": "MD Cappamore"})
    assert docs[0].body == "Municipal District of the Cappamore Kilmallock"  # a sidecar's body is the user's
    # One OCR slip is the same name; a slug names nothing; other words are another body.
    assert body_as_named_in_path("Municipal District of Cappamore Kilmatlock", str(path)) \
        == "Municipal District of Cappamore-Kilmallock"
    assert body_as_named_in_path("City Council", "/papers/city-council-2019-10-01.pdf") is None
    assert body_as_named_in_path("Municipal District of Newcastle West", str(path)) is None
    # A long name with one word left out is the published name ("... Social [Development] ...").
    assert body_as_named_in_path("Home and Social Strategic Policy Committee", "/p/15-Meeting of the Home and Social "
                                 "Development Strategic Policy Committee/Minutes.md") \
        == "Home and Social Development Strategic Policy Committee"
    # The body of a letter filed as an agenda item, from its file name.
    assert body_from_name("Item for Agenda - Ardrahan, Galbally - Purchase of Freehold - Monthly Meeting of the "
                          "Municipal District of Cappamore-Kilmallock - 23rd March 2023") \
        == "Municipal District of Cappamore-Kilmallock"


def test_minutes_body_after_a_bracketed_kind_of_meeting():
    head = ["MINUTES OF PROCEEDINGS OF SPECIAL MEETING (IN COMMITTEE) OF THE LIMERICK JOINT POLICING",
            "COMMITTEE HELD IN THE COUNCIL CHAMBER, DOORADOYLE AND ONLINE AT 10.00 A.M., ON FRIDAY,",
            "23RD DECEMBER, 2022", "IN THE CHAIR :", "Councillor A. Teskey, Chairperson"]
    body, date, kind, _ = minutes_meeting(head, None)
    assert (body, date, kind) == ("Limerick Joint Policing Committee", "2022-12-23", "special")


# ---------------------------------------------------------------------------
# Lists and records of decision
# ---------------------------------------------------------------------------

CALL_IN_REPORT = EXTERNAL / "Scrutiny Committee - call-in Family Hubs Report to County Council - Final.pdf"
BARE_MARKER = re.compile(r"^\s*\(?(?:\d{1,3}|[a-z]|[ivx]{1,4})[.)]\s*$")


def test_lettered_resolution_entries_stay_with_their_resolution():
    """"16. Cabinet resolved the following: a. NOTE ... b. CONFIRM ..." is one unit: "a." / "b."
    close list markers, not sentences, and the entries of a list opened by a colon are not cut."""
    [(doc, chunks)] = docs_and_chunks(str(CALL_IN_REPORT))
    holder = [c for c in chunks if "b. CONFIRM the decision will be progressed to Full Council" in c.text]
    assert holder and all("16. Cabinet resolved the following:\na. NOTE the comments" in c.text for c in holder)


@pytest.mark.parametrize("name", ["Printed minutes 09th-Jan-2025 10.00 County Council.pdf", "CPP Minutes 29.10.24.pdf",
                                  "19 December 2024 - County Council minutes.pdf", CALL_IN_REPORT.name])
def test_no_chunk_is_cut_between_a_list_marker_and_its_text(name):
    for doc, chunks in docs_and_chunks(str(EXTERNAL / name)):
        for c in chunks:
            if c.kind != "section":
                continue
            assert not BARE_MARKER.match(c.text.split("\n")[-1]), c.text[-80:]
            line_head = doc.text[doc.text.rfind("\n", 0, c.start) + 1:c.start]
            assert not BARE_MARKER.match(line_head), (line_head, c.text[:80])


def test_signed_record_of_decision_belongs_to_its_decision_maker_not_the_enclosing_meeting():
    """A Cabinet Member's decision, signed 17/1/2025, printed in County Council's 13 March papers
    (here beside other County Council minutes): its body and date come from the form."""
    from ingest.decisions import extract_decisions
    [(rod, chunks)] = docs_and_chunks(str(EXTERNAL / "Appendix 4 - 24-00093 Record of Decision.pdf"))
    assert rod.doc_type == "decision record"
    assert (rod.body, rod.meeting_date) == ("Cabinet Member for Integrated Children’s Services", "2025-01-17")
    decisions = extract_decisions(rod, chunks)
    assert decisions and all(d.meeting_date == "2025-01-17" for d in decisions)
    # A proposed record of decision (unsigned) is a paper of the meeting that is to take it.
    [(prod, _)] = docs_and_chunks(str(KENT / "24-00108 - PROD.pdf"))
    assert (prod.body, prod.meeting_date) == ("Cabinet", "2025-01-30")


def test_numbered_paragraph_that_wraps_into_prose_is_not_a_heading():
    """PDF text has no blank lines: "7. In accordance with ... the Scrutiny" wraps into "Committee
    considered the matter ... validity." and is a paragraph, not a section title; a wrapped agenda
    item title ("7. 24/00109 - Transfer ... / ... (Pages 277 - 326)") stays a heading."""
    [(report, chunks)] = docs_and_chunks(str(CALL_IN_REPORT))
    paths = {c.section for c in chunks}
    assert not any("7. In accordance" in p or "4. The full call-in" in p for p in paths), paths
    assert "Consideration by Cabinet" in paths
    [(cpp, chunks)] = docs_and_chunks(str(EXTERNAL / "CPP Minutes 29.10.24.pdf"))
    assert not any("A Member questioned the timeline" in c.section or c.section.startswith("1. RESOLVED")
                   for c in chunks)
    [(agenda, chunks)] = docs_and_chunks(str(KENT / "Agenda frontsheet 30th-Jan-2025 10.00 Cabinet.pdf"))
    assert any(c.section.startswith("7. 24/00109 - Transfer the 18-25 section") for c in chunks)
