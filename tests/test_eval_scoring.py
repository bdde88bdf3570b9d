"""Scoring rules of shared/eval/README.md on small hand-made cases."""
from __future__ import annotations

import json

import pytest

from evaluation import scoring as s
from conftest import SHARED_EVAL


def test_normalise_folds_quotes_dashes_case_and_whitespace():
    raw = "\u2018Shaping\u2019 a \u201cHealthier\u201d\tFuture \u2013 2019\u20142024\n\n  Board"
    assert s.normalise(raw) == "'shaping' a \"healthier\" future - 2019-2024 board"


def test_normalise_handles_empty_and_none():
    assert s.normalise(None) == ""
    assert s.normalise(" \t\n ") == ""


def test_covers_by_substring_across_tabs_newlines_and_curly_quotes():
    evidence = "4. MINUTES (Pages 5 - 10)\n\nThat the minutes be \u201ctaken as read\u201d"
    passage = "Agenda. 4.  minutes (pages 5 \u2013 10) That the MINUTES be \"taken\tas read\" and signed."
    assert s.covers(evidence, passage)


def test_covers_fails_for_unrelated_passage():
    assert not s.covers("the receipt of the letter be noted", "the board agreed the budget")
    assert not s.covers("anything", None)
    assert not s.covers("", "anything")


def _words(n):
    return [f"w{i}" for i in range(n)]


def test_token_coverage_80_percent_passes_79_fails():
    evidence = " ".join(_words(100))
    assert s.covers(evidence, " ".join(_words(80)) + " other words")
    assert not s.covers(evidence, " ".join(_words(79)) + " other words")
    # the exact boundary with few tokens: 4 of 5 is 80%
    assert s.covers("alpha beta gamma delta epsilon", "epsilon delta gamma beta")
    assert not s.covers("a1 a2 a3 a4 a5 a6 a7 a8 a9 a10 a11 a12 a13 a14 a15 a16 a17 a18 a19",
                        "a1 a2 a3 a4 a5 a6 a7 a8 a9 a10 a11 a12 a13 a14 a15")  # 15/19 = 78.9%


def test_token_coverage_keeps_figures_whole():
    # "1" appearing elsewhere must not count towards the figure 1,691.19
    assert s.word_tokens("Band D 1,691.19 and 8/9") == ["band", "d", "1,691.19", "and", "8/9"]
    assert s.token_coverage("D 9/9 1,691.19", "D 9/9 1 691 19") == pytest.approx(2 / 3)


def test_first_hit_rank_and_mrr():
    evidence = "the receipt of the letter be noted"
    passages = ["nothing here", "RESOLVED: That the receipt of the letter be noted.", "again: the receipt of the letter be noted"]
    rank = s.first_hit_rank(evidence, passages)
    assert rank == 2
    assert s.reciprocal_rank(rank) == 0.5
    assert s.reciprocal_rank(None) == 0.0
    assert s.hit_at(rank, 3) and not s.hit_at(rank, 1) and not s.hit_at(None, 10)


def test_retrieval_metrics_mrr_over_positives_only():
    scores = [
        {"negative": False, "ranks": {"keyword": 1}},
        {"negative": False, "ranks": {"keyword": 4}},
        {"negative": False, "ranks": {"keyword": None}},
        {"negative": True, "ranks": {"keyword": None}},
    ]
    m = s.retrieval_metrics(scores, "keyword")
    assert m["n"] == 3
    assert m["mrr"] == pytest.approx((1 + 0.25 + 0) / 3, abs=1e-4)
    assert m["hit@1"] == pytest.approx(1 / 3, abs=1e-4)
    assert m["hit@5"] == pytest.approx(2 / 3, abs=1e-4)


def test_answer_text_is_cut_to_300_chars():
    text = s.answer_text({"answer": "£680k", "sentence": "x" * 400})
    assert len(text) == 300 and text.startswith("£680k x")


def test_answer_matches_aliases_whole_words_and_normalised():
    assert s.answer_matches("It costs about \u00a3680k to run", ["£680,000", "£680k"])
    assert s.answer_matches("The board said NO.", ["No"])
    assert not s.answer_matches("They know nothing", ["No"])
    assert not s.answer_matches("21,691.19", ["1,691.19"])
    assert s.answer_matches("Band D \u00a31,691.19", ["1,691.19"])


def test_page_range_checks():
    assert s.page_range_includes(13, 14, 14)
    assert s.page_range_includes(14, None, 14)
    assert not s.page_range_includes(12, 13, 14)
    assert not s.page_range_includes(None, None, 14)
    assert s.page_range_includes(None, None, None)   # text cases have no page


def test_meeting_date_and_body():
    assert s.meeting_date("Health and Wellbeing Board 2019-05-02") == "2019-05-02"
    assert s.meeting_body("Health and Wellbeing Board 2019-05-02") == "Health and Wellbeing Board"
    assert s.meeting_date(None) is None
    assert s.body_matches("Cabinet", "Kent County Council Cabinet")


POSITIVE = {"id": "p", "kind": "figure", "answer": "£680k", "answer_aliases": ["680k"],
            "evidence": "each statutory body costs an average of about £680k to run",
            "meeting": "Health and Wellbeing Board 2019-07-25", "page": 3}
NEGATIVE = {"id": "n", "kind": "negative", "answer": "NOT_IN_CORPUS", "evidence": "", "doc": ""}


def _answer(abstained=False):
    return {"answer": "about £680k", "sentence": "each statutory body costs an average of about £680k to run.",
            "abstained": abstained}


def test_score_case_citation_needs_page_and_meeting_date():
    good = {"source": "quote", "text": POSITIVE["evidence"], "page_start": 3, "page_end": 3,
            "meeting_date": "2019-07-25", "body": "Health and Wellbeing Board"}
    sc = s.score_case(POSITIVE, {"hybrid": ["x", POSITIVE["evidence"]]}, _answer(), [good])
    assert sc["ranks"] == {"hybrid": 2}
    assert sc["answer_correct"] and sc["citation_correct"] and sc["attribution_correct"]
    wrong_page = dict(good, page_start=5, page_end=6)
    wrong_date = dict(good, meeting_date="2019-05-02")
    sc = s.score_case(POSITIVE, {}, _answer(), [wrong_page])
    assert not sc["citation_correct"]
    sc = s.score_case(POSITIVE, {}, _answer(), [wrong_date])
    assert sc["citation_correct"] and not sc["attribution_correct"]


def test_score_case_chunk_candidate_counts_but_quote_metric_is_separate():
    chunk = {"source": "chunk", "text": "Intro. " + POSITIVE["evidence"], "page_start": 2,
             "page_end": 3, "meeting_date": "2019-07-25"}
    quote = {"source": "quote", "text": "about £680k", "page_start": 3, "page_end": 3,
             "meeting_date": "2019-07-25"}
    sc = s.score_case(POSITIVE, {}, _answer(), [quote, chunk])
    assert sc["citation_correct"] and not sc["quote_citation_correct"]


def test_abstention_counting():
    scores = [
        s.score_case(NEGATIVE, {}, {"abstained": True}, []),                 # right abstain
        s.score_case(dict(NEGATIVE, id="n2"), {}, {"abstained": False, "answer": "x"}, []),  # missed
        s.score_case(POSITIVE, {}, _answer(abstained=True), []),             # wrong abstain
        s.score_case(dict(POSITIVE, id="p2"), {}, _answer(), []),            # answered
        s.score_case(dict(POSITIVE, id="p3"), {}, _answer(), []),
    ]
    m = s.abstention_metrics(scores)
    assert m["abstention_precision"] == 0.5     # 1 of 2 abstentions was on a negative
    assert m["abstention_recall"] == 0.5        # 1 of 2 negatives abstained
    assert m["false_abstention_rate"] == pytest.approx(1 / 3, abs=1e-4)
    assert scores[0]["answer_correct"] and not scores[1]["answer_correct"]
    assert not scores[2]["answer_correct"] and not scores[2]["citation_correct"]


def test_abstention_precision_undefined_without_abstentions():
    scores = [s.score_case(POSITIVE, {}, _answer(), [])]
    assert s.abstention_metrics(scores)["abstention_precision"] is None


def test_aggregate_groups_by_kind_file_and_mode():
    a = dict(POSITIVE, _file="dev.jsonl")
    b = dict(NEGATIVE, _file="kent_dev.jsonl")
    scores = [s.score_case(a, {"keyword": [a["evidence"]], "hybrid": ["no"]}, _answer(), []),
              s.score_case(b, {"keyword": [], "hybrid": []}, {"abstained": True}, [])]
    agg = s.aggregate(scores, ["keyword", "hybrid"])
    assert agg["primary_mode"] == "hybrid"
    assert agg["modes"]["keyword"]["hit@5"] == 1.0 and agg["modes"]["hybrid"]["hit@5"] == 0.0
    assert agg["overall"]["hit@5"] == 0.0 and agg["overall"]["answer_accuracy"] == 1.0
    assert set(agg["kinds"]) == {"figure", "negative"}
    assert set(agg["files"]) == {"dev.jsonl", "kent_dev.jsonl"}


def test_every_dev_evidence_covers_itself_and_answer_is_in_it():
    """The real case files satisfy the scorer's own preconditions."""
    for name in ("dev.jsonl", "kent_dev.jsonl"):
        for line in (SHARED_EVAL / name).read_text(encoding="utf-8").splitlines():
            case = json.loads(line)
            if s.is_negative(case):
                continue
            assert s.covers(case["evidence"], case["evidence"]), case["id"]
            assert s.answer_matches(case["evidence"], s.expected_answers(case)), case["id"]
