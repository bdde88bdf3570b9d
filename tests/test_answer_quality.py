"""Answer-quality behaviours on the real papers: acronyms for the question's word runs, the
percentage cell of a table row, "which <noun>" answers, who-questions tied to an action
(attendance-list role markers, no answer from a name that does nothing asked about),
Total rows, and header-aware cells of text and tab tables."""
from __future__ import annotations

import re

from answer.extract import ROW_CELL, head_phrase, pick_value, tab_line_cell, table_cell
from answer.numeric_rows import numeric_rows, pick_cell, question_tokens
from answer.question import acronym_candidates, analyse, head_noun, who_action
from answer.sentences import split_units
from answer.text import stem

from test_answer import answer_text, ask, answerer  # noqa: F401  (shared fixture)


# -- question analysis (no index needed) --------------------------------------
def test_word_runs_give_their_acronyms():
    acr = acronym_candidates("How many pupils are taught in independent non-maintained special schools?")
    assert acr[stem("inmss")] == {stem("independent"), "non", stem("maintained"), stem("special"), stem("schools")}
    # a run never crosses a clause break, and two-word runs are too ambiguous ("LA", "AP")
    acr = acronym_candidates("alternative provision / education otherwise than at school")
    assert stem("eotas") in acr and "ap" not in acr and stem("pe") not in acr


def test_which_noun_and_who_action_are_read_from_the_question():
    assert head_noun("Which tendering procedure will the council use?") == stem("procedure")
    assert head_noun("What share of pupils have SEND?") is None        # a type word, not a thing
    assert head_noun("What did the board decide?") is None
    assert who_action("Which organisation currently runs the service?") == stem("runs")
    assert who_action("Who chaired the meeting?") == "chair"
    assert who_action("Who is the contact officer?") is None
    assert who_action("Who did Cabinet delegate the response to?") is None   # the answer is the object


def test_head_phrase_is_a_whole_noun_phrase_with_a_new_modifier():
    head, stems = stem("procedure"), {stem("tendering"), stem("procedure"), stem("council")}
    text = "It is intended that the Council will follow an OPEN Procedure; the term is five years."
    s, e = head_phrase(text, head, stems)
    assert text[s:e] == "OPEN Procedure"
    assert head_phrase("approval is required under the Contract Procedure Rules (CPRs)", head, stems) is None
    assert head_phrase("a tendering procedure will be run", head, stems) is None   # modifier from the question


def test_role_marker_picks_the_person_doing_the_action():
    question = "Who chaired the meeting?"
    for text, wanted in [("PRESENT: Mr R W Gough (Chairman), Mr N Baker, Mrs S Chandler", "Mr R W Gough"),
                         ("PRESENT: Mr N Baker, Mr R W Gough (Chairman), Mrs S Chandler", "Mr R W Gough"),
                         ("PRESENT: Mr N Baker, Mrs S Chandler (Chairman)", "Mrs S Chandler")]:
        m = pick_value("who", text, question, set(analyse(question).stems), frozenset({"chair"}))
        assert m is not None and m.group(0).strip() == wanted


def test_row_cells_are_all_read_and_typed_questions_take_typed_cells():
    row = "Directorate: ALL | Risk Title: Revenue Inflation | Risk Event: Each 1% is estimated to cost £14m. | Likelihood: 3"
    assert [h for h, _ in ROW_CELL.findall(row)] == ["Directorate", "Risk Title", "Risk Event", "Likelihood"]
    question = "How much would each extra 1% of inflation cost?"
    assert table_cell(row, set(analyse(question).stems), "money", question) == "£14m"
    total = "PCN Name: Total | Practices Covered: 33 Practices | Population Size: 269,801"
    question = "What is the registered population size of all the PCNs?"
    assert table_cell(total, set(analyse(question).stems), "count", question) == "269,801"


def test_tab_table_line_cell_under_the_named_header():
    text = "Intro.\n\nPCN Name\tPractices\tPopulation Size\nNorth PCN\t5 Practices\t41,212\nTotal\t33 Practices\t269,801"
    start = text.index("Total")
    question = "What is the population size of all PCNs?"
    s, e = tab_line_cell(text, start, len(text), set(analyse(question).stems), "count", question)
    assert text[s:e] == "269,801"


def test_percent_question_reads_the_percentage_cell_of_a_row():
    text = "Phase\t2015\t2016\t2017\t2018\tchange\t% change\nINMSS\t119\t115\t113\t109\t-10\t-8%\n"
    row = [r for r in numeric_rows(text, 0, len(text)) if r.label == "INMSS"][0]
    question = "By what percentage did INMSS placements fall from 2015 to 2018?"
    picked = pick_cell(text, row, question_tokens(question), set(analyse(question).stems), "percent")
    assert picked is not None and text[picked.value_start:picked.value_end] == "-8%"
    # without the answer type the year column named first is read, as before
    picked = pick_cell(text, row, question_tokens(question), set(analyse(question).stems))
    assert picked is not None and text[picked.value_start:picked.value_end] == "119"


# -- on the real papers -------------------------------------------------------
def test_acronym_row_answers_a_question_in_long_words(answerer):
    """Table 2 of the SEND strategy labels the row 'INMSS'; the question spells it out."""
    r = ask(answerer, "By what percentage did placements in independent non-maintained special "
                      "schools change between 2015 and 2018?")
    assert not r["abstained"] and re.search(r"-?8%", r["answer"])
    assert "INMSS" in r["citations"][0]["quote"]
    assert r["citations"][0]["meeting_date"] == "2019-07-25"


def test_total_row_answers_an_all_of_question(answerer):
    r = ask(answerer, "What was the overall population size across all the primary care networks in Harrow?")
    assert not r["abstained"] and "269,801" in answer_text(r)


def test_who_runs_question_is_not_answered_from_a_name_that_runs_nothing(answerer):
    """The papers re-procure the adult substance misuse service but never name who runs it now."""
    r = ask(answerer, "Which company currently provides Harrow's adult drug and alcohol treatment?")
    assert r["abstained"] or "provid" in r["sentence"].lower() or "deliver" in r["sentence"].lower()


def test_decision_in_running_prose_is_not_resolution_wording():
    from answer.extract import resolution_wording
    assert resolution_wording("following a decision to refer an item to full Council, it would") is None
    assert resolution_wording("Reason(s) for decision:\nThe capital changes need agreeing.") is None
    text = "DECISION: to approve the plan"
    s, e = resolution_wording(text)
    assert text[s:e] == "to approve the plan"


def test_figures_lose_the_punctuation_after_them():
    from answer.text import content_stems
    assert {"2025-26", "1,607"} <= set(content_stems("Draft Revenue Budget 2025-26, MTFP and 1,607."))


def test_passive_agreed_is_not_a_resolution_opener():
    from answer.extract import resolution_wording
    assert resolution_wording("The capital budget changes need to be agreed by Cabinet.") is None
    text = "5. Delivery Plan 2019 - Agreed this is starting point."
    s, e = resolution_wording(text)
    assert text[s:e] == "this is starting point."


def test_a_unit_about_another_days_meeting_loses_to_the_days_own_resolution(answerer):
    """The 30 January 2025 minutes also record that the 9 January minutes were a correct record;
    a question about what that meeting did with the budget wants the budget resolution."""
    r = ask(answerer, "How did Cabinet deal with the draft revenue budget on 30 January 2025?")
    assert not r["abstained"] and "endorsed the draft budget" in answer_text(r)
    assert r["citations"][0]["meeting_date"] == "2025-01-30"
    # (a date question still takes a date other than the one it names: test_answer_dates.py)


def test_a_label_line_opens_a_new_unit_after_a_list_entry():
    """A printed record of decision: the entry's full-width line does not run on into the
    'Reason(s) for decision:' label and the reasons after it."""
    text = ("e) Note and agree the Capital budget changes\n"
            "f) Note the Reserves, Treasury Management and Prudential Indicators Monitoring\n"
            "Reason(s) for decision:\n"
            "The Quarter 3 position is reported to Cabinet.")
    units = [text[u.start:u.end] for u in split_units(text, 0, len(text))]
    assert units[1] == "f) Note the Reserves, Treasury Management and Prudential Indicators Monitoring"
    assert units[2].startswith("Reason(s) for decision:")


def test_a_line_closing_an_open_bracket_is_no_list_entry():
    """"(see Appendix" wrapped before "A) which concludes": one sentence, not an entry "A)"; real
    entries after it still open units of their own."""
    text = ("On 6th February 2025, the Council received the Inspector's Report (see Appendix\n"
            "A) which concludes that, subject to modifications, the Plan is sound.\n"
            "a) note the report\n"
            "b) adopt the Plan")
    units = [text[u.start:u.end] for u in split_units(text, 0, len(text))]
    assert units[0].endswith("the Plan is sound.") and units[1:] == ["a) note the report", "b) adopt the Plan"]


def test_a_paragraph_number_stays_with_its_sentence():
    """"15. Cabinet met ..." is one unit, not "15." and "Cabinet met ..."; a decimal paragraph
    number and a later "12." still behave."""
    text = ("15. Cabinet met on 4 March 2025 where the decision was reconsidered.\n"
            "16. Cabinet resolved the following:\n"
            "b. CONFIRM the decision will be progressed unchanged.\n"
            "1.2 The Council received the report. It was noted.")
    units = [text[u.start:u.end] for u in split_units(text, 0, len(text))]
    assert units == ["15. Cabinet met on 4 March 2025 where the decision was reconsidered.",
                     "16. Cabinet resolved the following:",
                     "b. CONFIRM the decision will be progressed unchanged.",
                     "1.2 The Council received the report.", "It was noted."]


def test_lettered_decision_lists_answer_with_the_entry_the_question_names(answerer):
    """'Decision: The Cabinet agree to:' is a lead-in: the answer is the entry about capital
    budget changes, not its neighbour 'f) Note the Reserves ...'."""
    r = ask(answerer, "In record of decision 24/00108, what is Cabinet to do about changes to "
                      "the capital budget?")
    assert not r["abstained"]
    assert r["answer"] == "e) Note and agree the Capital budget changes"
    assert r["citations"][0]["meeting_date"] == "2025-01-30"


def test_a_noun_in_ation_meets_its_verb():
    """'home-educated children' asks about what the papers call 'education outside school'."""
    assert stem("educated") == stem("education") and stem("registrations") == stem("registration")
