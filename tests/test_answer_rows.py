"""Numeric table rows in PDF page text (label + figures under header lines) and the stricter
who-answer check, on the real Kent papers."""
from __future__ import annotations

import pytest

from answer.numeric_rows import header_lines, label_letters, numeric_rows, pick_cell, question_tokens
from answer.question import analyse
from answer.text import is_name_like
from evaluation.scoring import normalise

from test_answer import answer_text, ask, answerer  # noqa: F401  (shared fixture)


def _document_holding(store, needle: str):
    for meta in store.documents():
        doc = store.document(meta["id"])
        if doc is not None and needle in doc.text:
            return doc
    pytest.fail(f"no document holds {needle!r}")


def _row_starting(doc, label: str):
    rows = [r for r in numeric_rows(doc.text, 0, len(doc.text)) if r.label.startswith(label)]
    assert rows, f"no numeric row labelled {label!r}"
    return rows[0]


def test_monitoring_table_row_is_read_under_its_two_header_lines(answerer):
    """'High Needs Block 337.9 392.8 54.9' under 'DSG Block 2024-25 2024-25 2024-25' and
    'Budget* Forecast Variance': the forecast column is the second figure."""
    doc = _document_holding(answerer.store, "High Needs Block 337.9")
    row = _row_starting(doc, "High Needs Block")
    assert [doc.text[s:e] for s, e in row.cells] == ["337.9", "392.8", "54.9"]
    headers = [doc.text[s:e] for s, e in header_lines(doc.text, row)]
    assert any("Forecast" in h for h in headers)
    question = "What was the 2024-25 forecast for the High Needs Block?"
    picked = pick_cell(doc.text, row, question_tokens(question), set(analyse(question).stems))
    assert picked is not None and doc.text[picked.value_start:picked.value_end] == "392.8"
    budget_q = "What was the budget for the High Needs Block?"
    picked = pick_cell(doc.text, row, question_tokens(budget_q), set(analyse(budget_q).stems))
    assert picked is not None and doc.text[picked.value_start:picked.value_end] == "337.9"


def test_no_cell_when_the_question_names_no_column(answerer):
    doc = _document_holding(answerer.store, "High Needs Block 337.9")
    row = _row_starting(doc, "High Needs Block")
    question = "Tell me about the High Needs Block"
    assert pick_cell(doc.text, row, question_tokens(question), set(analyse(question).stems)) is None


def test_prose_and_contents_lines_are_not_numeric_rows(answerer):
    doc = _document_holding(answerer.store, "High Needs Block 337.9")
    for row in numeric_rows(doc.text, 0, len(doc.text)):
        line = doc.text[row.start:row.end]
        assert len(row.cells) >= 2 and row.label and not line.rstrip().endswith(".")


def test_single_letter_row_label_is_matched_only_as_a_capital_word():
    assert label_letters("H 18/9", "What is the charge for a Band H home?")
    assert not label_letters("H 18/9", "What is the charge for a home here?")


def test_council_tax_band_answered_from_its_row_and_year_column(answerer):
    r = ask(answerer, "What 2025-26 council tax charge is proposed for a Band H property?")
    assert not r["abstained"] and "3,382.38" in answer_text(r)
    assert r["citations"][0]["page"] == 20


def test_directorate_forecast_answered_from_the_monitoring_table(answerer):
    r = ask(answerer, "What is the 2024-25 revenue forecast for the Adult Social Care & Health "
                      "directorate in the quarter 3 monitoring?")
    assert not r["abstained"] and "621.6" in answer_text(r)
    assert normalise("Adult Social Care & Health 586.1 621.6") in normalise(r["citations"][0]["quote"])


@pytest.mark.parametrize("value, ok", [
    ("Mr R W Gough", True), ("Director of Public Health", True), ("Bridget O'Dwyer", True),
    ("SEND4CHANGE", True), ("Harrow CCG", True), ("Local Authority", True),
    ("MINUTES", False), ("Council", False), ("Council Chamber", False), ("Misuse Service", False),
])
def test_who_answers_must_look_like_names(value, ok):
    assert is_name_like(value) is ok


@pytest.mark.parametrize("text, wanted", [
    ("Contact: Bridget O'Dwyer Senior Commissioning Manager", "Bridget O'Dwyer"),
    ("PRESENT: Mr R W Gough (Chairman), Mr N Baker", "Mr R W Gough"),
    ("working with Dual Diagnosis services across the borough", None),
    ("Council Chamber, Sessions House, County Hall", None),
])
def test_bare_two_word_names_need_a_role_around_them(text, wanted):
    from answer.extract import typed_matches
    found = [m.group(0).strip() for m in typed_matches("who", text, "Who leads the work?")]
    if wanted is None:
        assert found == []
    else:
        assert found and found[0] == wanted


def test_who_chaired_is_answered_from_the_present_list(answerer):
    r = ask(answerer, "Who was in the chair at the Cabinet meeting of 30 January 2025?")
    assert not r["abstained"] and "gough" in answer_text(r)


def test_split_compound_matches_the_one_word_form():
    from answer.text import compound_stems, content_stems
    assert set(content_stems("Trailblazer")) <= set(compound_stems("submitted for a Trail Blazer"))


def test_requested_to_note_is_decision_wording():
    from answer.extract import has_type
    assert has_type("decision", "The Board is requested to note the report and related documents.", "")
    assert not has_type("decision", "The Board met in the Council Chamber.", "")


def test_board_asked_to_note_is_answered_from_the_recommendation(answerer):
    r = ask(answerer, "What was the Health and Wellbeing Board asked to do with the SEND strategy "
                      "and self-evaluation report?")
    assert not r["abstained"] and "note the report" in answer_text(r)


def test_yes_no_pair_keeps_the_sentence_with_the_rare_question_word(answerer):
    r = ask(answerer, "Did Harrow apply to become a mental health Trailblazer area for young people?")
    assert not r["abstained"] and "expression of interest" in answer_text(r)


def test_a_code_printed_with_a_space_matches_the_code_run_together():
    from answer.text import compound_stems, spaced_codes
    assert "ksr" in compound_stems("Grade: KS R | Entry: £217,528 | Top: £247,055")
    assert spaced_codes("grades KS A - KS R") == ["ksa", "ksr"]
    assert spaced_codes("A NEW PLAN") == spaced_codes("PART A") == spaced_codes("Band D") == []


@pytest.fixture(scope="module")
def pay_policy(tmp_path_factory):
    """Kent's Pay Policy Statement: the text names grades "KSA – KSR", the pay table "KS R"."""
    from conftest import KENT
    from index.build import update_indexes
    from index.retriever import HybridRetriever
    from ingest.pipeline import ingest_paths
    from ingest.store import Store
    from answer.answerer import Answerer

    root = tmp_path_factory.mktemp("pay-policy")
    store = Store(root / "minutebook.db")
    report = ingest_paths(store, [KENT.parent / "external" / "County Council - Pay Policy Statement 2025-2026.pdf"])
    assert not report.skipped, report.skipped
    update_indexes(store, root / "index")
    return Answerer(store, HybridRetriever(store, root / "index"))


def test_pay_grade_named_as_one_code_is_read_from_its_spaced_row(pay_policy):
    r = pay_policy.ask("What is the top of the 2025/26 pay range for grade KSR?").to_dict()
    assert not r["abstained"] and "247,055" in r["answer"]
