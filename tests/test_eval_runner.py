"""End to end: the eval runner and `eval` command over a few real cases in the built home."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from conftest import CORPUS, SHARED_EVAL
from evaluation import runner, scoring

PICK = {"dev.jsonl": ["dev-002", "dev-005"], "kent_dev.jsonl": ["kent-d-002"]}


def _pick_cases(tmp_path, pick=PICK):
    """The picked positive cases and one negative from the real case files, in one JSONL."""
    lines = []
    negative = None
    for name, ids in pick.items():
        for line in (SHARED_EVAL / name).read_text(encoding="utf-8").splitlines():
            case = json.loads(line)
            if case["id"] in ids:
                lines.append(line)
            elif negative is None and scoring.is_negative(case):
                negative = line
    lines.append(negative)
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def eval_run(built_home, tmp_path_factory):
    pytest.importorskip("index.retriever")
    from answer.answerer import Answerer
    from index.retriever import HybridRetriever
    from ingest.store import Store

    store = Store(built_home.db_path)
    retriever = HybridRetriever(store, built_home.index_dir)
    cases = runner.load_cases([_pick_cases(tmp_path_factory.mktemp("cases"))])
    run = runner.run_cases(store, retriever, Answerer(store, retriever), cases,
                           ["keyword", "vector", "hybrid"], k=10)
    return store, run


def test_runner_scores_match_what_came_back(eval_run):
    store, run = eval_run
    assert len(run.results) == 4
    for r in run.results:
        case, score = r["case"], r["score"]
        for mode, passages in r["retrieved"].items():
            assert len(passages) <= 10
            # the rank recorded is exactly where a returned passage first covers the evidence
            expected = None if score["negative"] else scoring.first_hit_rank(
                case["evidence"], [p["text"] for p in passages])
            assert score["ranks"][mode] == expected
        if not score["negative"]:
            # simple single-passage evidence must exist in some indexed chunk
            assert score["evidence_in_store"] is True, case["id"]


def test_cited_candidates_are_verbatim_document_text(eval_run):
    store, run = eval_run
    checked = 0
    for r in run.results:
        cits = (r["answer"] or {}).get("citations") or []
        if not cits:
            continue
        cit = cits[0]
        doc = store.document(cit["document_id"])
        assert r["cited"][0]["source"] == "quote"
        assert doc.text[cit["start"]:cit["end"]] == cit["quote"]
        for cand in r["cited"][1:]:
            assert cand["source"] == "chunk" and cand["text"]
        checked += 1
    assert checked, "no case came back with a citation"


def test_results_document_lists_each_failed_case_with_reasons(eval_run):
    _, run = eval_run
    doc = runner.results_document(run)
    assert {"hit@5", "mrr", "answer_accuracy", "citation_accuracy", "attribution",
            "abstention_precision", "abstention_recall"} <= set(doc["overall"])
    assert set(doc["modes"]) == {"keyword", "vector", "hybrid"}
    assert set(doc["files"]) == {"cases.jsonl"}
    failed_ids = {f["id"] for f in doc["failures"]}
    for s in doc["cases"]:
        wrong = (s["answer_correct"] is False or s["citation_correct"] is False
                 or s["attribution_correct"] is False
                 or (not s["negative"] and not scoring.hit_at(s["ranks"]["hybrid"], 5)))
        assert (s["id"] in failed_ids) == wrong, s["id"]
    for f in doc["failures"]:
        assert f["question"] and f["expected"] and f["reasons"]


def test_eval_command_json_and_report(built_home, tmp_path):
    pytest.importorskip("index.retriever")
    from minutebook.cli import main

    cases = _pick_cases(tmp_path, {"dev.jsonl": ["dev-005"]})   # one positive, one negative
    out_dir = tmp_path / "report"
    result = CliRunner().invoke(main, [
        "--home", str(built_home.root), "eval", str(cases), "--corpus", str(CORPUS),
        "--modes", "keyword,hybrid", "--k", "5", "--json", "--report", str(out_dir)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["overall"]["n"] == 2 and set(doc["modes"]) == {"keyword", "hybrid"}
    assert doc["k"] == 5
    assert (out_dir / "report.md").read_text().startswith("# Minutebook evaluation report")
    assert (out_dir / "chart.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_eval_command_rejects_bad_input(built_home, tmp_path):
    from minutebook.cli import main

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "question": "q"}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["--home", str(tmp_path / "h"), "eval", str(bad),
                                       "--corpus", str(CORPUS)])
    assert result.exit_code != 0 and "lacks answer, kind" in result.output
    result = CliRunner().invoke(main, ["--home", str(tmp_path / "h"), "eval", str(bad),
                                       "--corpus", str(CORPUS), "--modes", "fuzzy"])
    assert result.exit_code != 0 and "modes must be" in result.output


def test_eval_command_ingests_only_the_named_part_of_the_corpus(tmp_path):
    """`--ingest` picks files out of a larger --corpus; the cases' doc paths stay relative to it."""
    pytest.importorskip("index.retriever")
    from conftest import HARROW_PLAN
    from ingest.store import Store
    from minutebook.cli import main
    from minutebook.config import Home

    cases = _pick_cases(tmp_path, {"dev.jsonl": ["dev-005"]})
    home = tmp_path / "h"
    result = CliRunner().invoke(main, [
        "--home", str(home), "eval", str(cases), "--corpus", str(CORPUS), "--ingest", str(HARROW_PLAN),
        "--modes", "keyword", "--no-answer", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["ingest"]["ingested"] == 1
    paths = {d["path"] for d in Store(Home.resolve(home).db_path).documents()}
    assert paths == {str(HARROW_PLAN.resolve())}
    result = CliRunner().invoke(main, ["--home", str(home), "eval", str(cases), "--corpus", str(CORPUS),
                                       "--ingest", str(tmp_path)])
    assert result.exit_code != 0 and "not under --corpus" in result.output
