"""Which candidate answers: passages past one long document's, bodies and meetings the question
names, periods the question names, report recommendations vs resolutions, resolution entries."""

from __future__ import annotations

from types import SimpleNamespace

from answer.answerer import PASSAGES_K, Answerer
from answer.question import analyse
from answer.unit_index import IndexedUnit, UnitIndex


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
