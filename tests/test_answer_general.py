"""Papers the answerer was not tuned on: Irish-style minutes converted from PDF to Markdown
(every printed line its own paragraph, bold item titles, "Proposed by ...; Seconded by ...;
And Resolved:" with the resolution in the next paragraph), two bodies in one store.

The two minutes below are written for these tests (made-up district names), in the layout of
Limerick City and County Council's published minutes; they are ingested into a home of their own.
"""
from __future__ import annotations

import re

import pytest

from answer.bodies import body_words, named_bodies
from answer.extract import typed_matches
from answer.question import analyse
from answer.sentences import split_units
from answer.text import display_text, normalise
from conftest import answerer_over


def _markdown(lines: list[str]) -> str:
    """Markdown as PDF converters write it: a blank line after every printed line."""
    return "\n\n".join(lines) + "\n"


GLENMORE = _markdown([
    "**MINUTES OF PROCEEDINGS AT MONTHLY MEETING OF THE MUNICIPAL DISTRICT OF**",
    "**GLENMORE-ASHFORD HELD IN THE CIVIC OFFICES, GLENMORE ON TUESDAY,**",
    "**14TH** **FEBRUARY, 2023 AT 10.00 A.M.**",
    "**PRESENT IN THE CHAIR:**",
    "Councillor P. Dunphy, An Cathaoirleach.",
    "**MEMBERS PRESENT:**",
    "Councillors Brennan, Walsh and Kinsella.",
    "**1.Adoption of Minutes**",
    "Circulated, copy of draft Minutes of the Monthly Meeting of the Municipal District of",
    "Glenmore-Ashford held on 10th January, 2023.",
    "Proposed by Councillor Brennan;",
    "Seconded by Councillor Walsh;",
    "And Resolved:",
    "“That the draft Minutes, as circulated, be taken as read, adopted and signed.”",
    "**2.Notice of Motion submitted by Councillors T. Brennan and M. Walsh (to be referred to the**",
    "**Roads Section)**",
    "***We will move at the next Meeting of the Municipal District of Glenmore-Ashford that the Council***",
    "***install traffic calming measures on the Main Street in Glenmore.***",
    "It was agreed to refer this Notice of Motion to the Roads Section for a report on costs.",
    "**3.Library Opening Hours**",
    "The Senior Librarian reported that the library in Glenmore would open on Saturday",
    "mornings from the 4th March, 2023 and that visitor numbers had risen by 12% during",
    "2022.",
    "**4.Date of Next Meeting**",
    "The next meeting of the District will be held on 14th March, 2023, having been moved from",
    "the 7th March, 2023 at the request of Members. The previous meeting had been held on 10th January, 2023.",
])
RIVERVALE = _markdown([
    "**MINUTES OF PROCEEDINGS AT MONTHLY MEETING OF THE MUNICIPAL DISTRICT OF**",
    "**RIVERVALE HELD IN THE TOWN HALL, RIVERVALE ON FRIDAY,**",
    "**10TH** **FEBRUARY, 2023 AT 10.00 A.M.**",
    "**PRESENT IN THE CHAIR:**",
    "Councillor J. O’Leary, Cathaoirleach.",
    "**MEMBERS PRESENT:**",
    "Councillors Hayes, Kiely and Moran.",
    "**1.Adoption of Minutes**",
    "Proposed by Councillor Hayes;",
    "Seconded by Councillor Moran;",
    "And Resolved:",
    "“That the draft Minutes, as circulated, be taken as read and adopted.”",
    "**2.Library Services**",
    "The Senior Librarian reported that the library in Rivervale would extend its opening",
    "hours and that the mobile library would visit the district every Tuesday.",
])


@pytest.fixture(scope="module")
def irish_answerer(tmp_path_factory):
    return answerer_over(tmp_path_factory.mktemp("irish"), {
        "Minutes - Monthly Meeting of the Municipal District of Glenmore-Ashford - 14th February 2023.md": GLENMORE,
        "Minutes - Monthly Meeting of the Municipal District of Rivervale - 10th February 2023.md": RIVERVALE})


def _ask(answerer, question: str) -> dict:
    r = answerer.ask(question).to_dict()
    for c in r["citations"]:     # quotes stay verbatim whatever the shown answer looks like
        assert answerer.document(c["document_id"]).text[c["start"]:c["end"]] == c["quote"]
    return r


# -- units: printed line wraps are not sentence breaks ------------------------------------------

def test_sentences_run_on_across_printed_line_wraps():
    units = [GLENMORE[u.start:u.end] for u in split_units(GLENMORE)]
    library = next(u for u in units if u.startswith("The Senior Librarian"))
    # lower-case and digit continuations join; the sentence ends at its own full stop
    assert normalise(library).endswith("had risen by 12% during 2022.")
    # a two-line bold title is one unit, and never runs into the prose under it
    assert any(normalise(display_text(u)) == normalise(
        "2.Notice of Motion submitted by Councillors T. Brennan and M. Walsh (to be referred to the Roads Section)")
        for u in units)
    assert "Councillor P. Dunphy, An Cathaoirleach." in units


def test_real_paragraph_breaks_still_split():
    text = "The report was noted.\n\nMembers asked about costs.\n\nSUMMARY\n\nThe plan was agreed."
    units = [text[u.start:u.end] for u in split_units(text)]
    assert units == ["The report was noted.", "Members asked about costs.", "SUMMARY", "The plan was agreed."]


def test_shown_text_drops_markdown_markers_and_page_rules():
    assert display_text("**31.Notice of Motion (to be**\n\n**referred)**") == "31.Notice of Motion (to be referred)"
    assert display_text("***We will move***\n---\n2") == "We will move 2"
    assert display_text("2 * 3 and a_b") == "2 * 3 and a_b"


# -- bodies named by a distinctive word --------------------------------------------------------

def test_body_words_leave_out_what_every_council_calls_its_bodies():
    assert body_words("Municipal District of Adare-Rathkeale") == {"adare", "rathkeale"}
    assert body_words("Cabinet") == frozenset()
    assert body_words("Health and Wellbeing Board") == frozenset()


def test_a_body_word_used_all_over_the_papers_names_no_body():
    bodies = ["Municipal District of Rivervale", "Rivervale City Council"]
    # "Rivervale" is in both body names and as common in either body's papers as overall: no hint
    assert named_bodies("What did Rivervale decide?", bodies, lambda w, bs: (0.9, 0.8)) is None
    hint = named_bodies("Who chaired the Rivervale district meeting?", ["Municipal District of Rivervale",
                        "Municipal District of Glenmore"], lambda w, bs: (0.9, 0.3))
    assert hint is not None and hint.bodies == {"Municipal District of Rivervale"}


def test_question_naming_one_body_is_answered_from_that_body(irish_answerer):
    for place, name in (("Rivervale", "O’Leary"), ("Glenmore-Ashford", "Dunphy")):
        r = _ask(irish_answerer, f"Who chaired the {place} meeting in February 2023?")
        assert not r["abstained"] and name in r["answer"], r["answer"]
        assert place in r["citations"][0]["body"]


# -- decisions ----------------------------------------------------------------------------------

def test_and_resolved_runs_on_to_the_resolution_paragraph(irish_answerer):
    r = _ask(irish_answerer, "What did the Glenmore-Ashford members decide about the minutes of their January meeting?")
    assert not r["abstained"]
    assert "taken as read, adopted and signed" in r["answer"]
    assert r["citations"][0]["meeting_date"] == "2023-02-14"


def test_an_item_title_is_not_what_was_agreed(irish_answerer):
    r = _ask(irish_answerer, "What was agreed about the Notice of Motion from Councillors Brennan and Walsh?")
    assert not r["abstained"]
    assert "refer this Notice of Motion to the Roads Section" in r["answer"]
    assert "**" not in r["answer"] and "**" not in r["sentence"]


# -- dates and meetings named by month ----------------------------------------------------------

def test_a_date_outside_the_month_the_question_names_is_not_an_answer():
    text = "The meeting was moved from the 16th December, 2022 to Friday, 3rd March, 2023."
    values = [m.group(0) for m in typed_matches("date", text, "When was the meeting held in March 2023?")]
    assert "3rd March, 2023" in values and not any("December" in v for v in values)


def test_meeting_in_a_month_names_that_month_for_the_answer(irish_answerer):
    r = _ask(irish_answerer, "When was the Glenmore-Ashford meeting in March 2023 to be held?")
    assert not r["abstained"] and r["answer"] == "14th March, 2023"


def test_a_meeting_the_papers_do_not_hold_is_not_answered_from_another(irish_answerer):
    r = _ask(irish_answerer, "Who chaired the Rivervale meeting in July 2022?")
    assert r["abstained"] or "2022-07" in (r["citations"][0]["meeting_date"] or "")


def test_how_much_a_count_rose_is_a_rate(irish_answerer):
    assert analyse("By how much did library visitor numbers rise in Glenmore?").answer_type == "percent"
    assert analyse("By how much did the cost of the library rise?").answer_type == "money"
    r = _ask(irish_answerer, "By how much did library visitor numbers rise in Glenmore?")
    assert not r["abstained"] and r["answer"] == "12%"
    assert re.search(r"risen by 12% during 2022\.", r["sentence"])


# -- US council minutes ("Board Member Curtis seconded the motion", "July 24, 2023") --------------

def test_us_titles_name_people():
    text = "Board Member Teague made a motion. Board Member Curtis seconded the motion. President Ruiz adjourned."
    values = [m.group(0).strip() for m in typed_matches("who", text, "Who seconded the motion?")]
    assert {"Board Member Curtis", "President Ruiz"} <= set(values)


def test_us_order_dates_are_the_meeting_the_question_names():
    c = analyse("Who adjourned the Planning Board meeting on July 24, 2023?").constraints
    assert c.meeting_date == "2023-07-24" and c.dates == [(24, 7, 2023)]


def test_a_body_named_only_by_common_words_is_a_weak_hint():
    bodies = ["Planning Board", "City Council", "Cabinet"]
    hint = named_bodies("What did the Planning Board decide about Lincoln Avenue?", bodies, lambda w, bs: (0.0, 1.0))
    assert hint is not None and hint.bodies == {"Planning Board"} and not hint.strong
    # a one-word name ("Cabinet") is what every council calls its executive: a weak hint too (the
    # answerer penalises other bodies' papers only mildly for it: this may be another council's)
    hint = named_bodies("When did Harrow's Cabinet agree the strategy?", bodies, lambda w, bs: (0.0, 1.0))
    assert hint is not None and hint.bodies == {"Cabinet"} and not hint.strong


def test_a_printed_line_ending_in_a_number_runs_on_in_printed_line_text():
    lines = ["(a) Circulated, Report of the Head of Property and Community Facilities dated 30th January,",
             "2023, setting out proposals for disposal of a dwelling house and the intention to bring a Section 183",
             "Notice to Full Council in this regard, for approval.",
             "The report, as circulated, was noted by Members and the Members asked for a further report on",
             "the costs of the works at the next meeting of the District, to be held in the Civic Offices",
             "in March.",
             "(b) Circulated, Report of the Senior Engineer on the road works."]
    text = _markdown(lines)
    units = [normalise(text[u.start:u.end]) for u in split_units(text)]
    assert any(u.startswith("(a) circulated") and u.endswith("for approval.") for u in units), units
    # the same long line in ordinary prose (paragraphs, not printed lines) stays a paragraph of its own
    prose = "Summary of the Report on the Section 183 disposal at Parkview Drive and the costs 183\n\nNotice is given."
    assert len(split_units(prose)) == 2


def test_a_body_ingested_while_running_is_known_after_its_generation(tmp_path):
    """A long-running answerer (the web app) must not keep store facts from an old generation:
    a district ingested later would have no body and lose as "another body's" paper."""
    from index.build import update_indexes
    from index.retriever import HybridRetriever
    from ingest.pipeline import ingest_paths
    from ingest.store import Store

    from answer.answerer import Answerer

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "Minutes - Monthly Meeting of the Municipal District of Rivervale - 10th February 2023.md"
     ).write_text(RIVERVALE, encoding="utf-8")
    store = Store(tmp_path / "minutebook.db")
    ingest_paths(store, [docs])
    update_indexes(store, tmp_path / "index")
    answerer = Answerer(store, HybridRetriever(store, tmp_path / "index"))
    answerer.ask("Who chaired the Rivervale meeting?")
    assert not any("Glenmore" in b for b in answerer.known_bodies())

    (docs / "Minutes - Monthly Meeting of the Municipal District of Glenmore-Ashford - 14th February 2023.md"
     ).write_text(GLENMORE, encoding="utf-8")
    ingest_paths(store, [docs])
    update_indexes(store, tmp_path / "index")
    r = _ask(answerer, "Who was in the chair at the Glenmore-Ashford meeting?")
    assert any("Glenmore" in b for b in answerer.known_bodies())
    assert not r["abstained"] and "Dunphy" in r["answer"]
    assert "Glenmore" in r["citations"][0]["body"]


# -- tables printed one cell per paragraph, emphasis inside a sentence, motions by title -------------

KILBRACK = _markdown([
    "**MINUTES OF PROCEEDINGS AT MONTHLY MEETING OF THE MUNICIPAL DISTRICT OF**",
    "**KILBRACK HELD IN THE CIVIC OFFICES, KILBRACK ON MONDAY,**",
    "**20TH** **MARCH, 2023 AT 10.00 A.M.**",
    "**5.Notice of Motion submitted by Councillor Fahy**",
    "I will move at the next meeting of the Municipal District of Kilbrack that the new footbridge at",
    "Carrowmore Mills be named “The Millrace Bridge” and signposted accordingly.",
    "**6.Budget**",
    "Draft Budget 2023 is presented based on a commercial rate increase of 3.5%, with amendments",
    "to the small business support scheme to help the businesses affected.",
    "Proposed by Councillor Fahy;",
    "Seconded by Councillor Duggan;",
    "And Resolved:",
    "**AND THAT**, in accordance with the Annual Budget, thus adopted, **€0.3125** be and is",
    "hereby determined as the General Annual Rate on Valuation to be levied for the financial",
    "year ending on 31st December, 2023.",
    "**7.Question submitted by Councillor Duggan**",
    "Councillor Duggan wanted to know how many Part V units had been completed in the District.",
    "**REPLY**: 19 Part V units have been completed in the last two years over 3 housing sites. All",
    "of these sites must deliver 10% of their homes as Part V social housing. The number of units",
    "and the housing scheme details are documented below:",
    "**Housing Scheme**",
    "**Part V Units**",
    "**Total Number of Units**",
    "Ashgrove, Kilbrack",
    "4",
    "40",
    "Millrace Court, Carrowmore",
    "12",
    "118",
    "The Orchards, Old Mill Road,",
    "Carrowmore West",
    "3",
    "31",
    "The Housing Section will report on further sites at the next meeting of the District.",
])


@pytest.fixture(scope="module")
def kilbrack_answerer(tmp_path_factory):
    return answerer_over(tmp_path_factory.mktemp("kilbrack"), {
        "Minutes - Monthly Meeting of the Municipal District of Kilbrack - 20th March 2023.md": KILBRACK})


def test_a_table_printed_one_cell_per_paragraph_becomes_rows_under_their_headers():
    from ingest.structure import find_paragraph_tables, split_lines
    tables = find_paragraph_tables(split_lines(KILBRACK), set())
    assert len(tables) == 1
    rows = [dict(zip(r.headers, r.cells)) for r in tables[0].rows]
    assert rows[1] == {"Housing Scheme": "Millrace Court, Carrowmore", "Part V Units": "12",
                       "Total Number of Units": "118"}
    # a label wrapped over two paragraphs is one cell; the prose after the table is no row
    assert rows[2]["Housing Scheme"] == "The Orchards, Old Mill Road, Carrowmore West"
    assert len(rows) == 3


def test_bold_headings_over_prose_are_no_table():
    text = _markdown(["**3.**", "**Road Traffic and Cleansing**", "**2023 Development Fund Allocations**",
                      "The Senior Executive Engineer, Roads, Traffic and Cleansing recommended to",
                      "Members the 2023 Development Fund would be allocated as follows:",
                      "Main Street, Kilbrack", "€ 25,000", "Footpaths", "€ 25,000",
                      "The allocations were proposed by Councillor Fahy and agreed."])
    from ingest.structure import find_paragraph_tables, split_lines
    assert find_paragraph_tables(split_lines(text), set()) == []


def test_a_row_of_a_paragraph_table_answers_a_figure_question(kilbrack_answerer):
    r = _ask(kilbrack_answerer, "How many Part V social homes were delivered in the Millrace Court scheme?")
    assert not r["abstained"] and r["answer"] == "12", r["answer"]


def test_a_line_opening_with_bold_words_runs_on_as_one_sentence():
    units = [normalise(display_text(KILBRACK[u.start:u.end])) for u in split_units(KILBRACK)]
    assert any(u.startswith("and that, in accordance") and "general annual rate on valuation" in u
               for u in units), units


def test_a_rate_set_by_resolution_beats_the_draft_budgets_rate(kilbrack_answerer):
    r = _ask(kilbrack_answerer, "What commercial rate (annual rate on valuation) did Kilbrack set for 2023?")
    assert not r["abstained"] and "0.3125" in r["answer"], r["answer"]


def test_who_brought_a_motion_is_read_from_its_item_title(kilbrack_answerer):
    r = _ask(kilbrack_answerer, "Which councillor wanted the footbridge at Carrowmore Mills to be named?")
    assert not r["abstained"] and "Fahy" in r["answer"], r["answer"]
