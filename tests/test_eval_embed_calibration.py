"""Replaying embedding-similarity rules on harvested units (evaluation/embed_calibration.py)."""
from __future__ import annotations

from evaluation.embed_calibration import boost_outcome, net, reorder_outcome, unit_is_good

CASE = {"id": "c1", "question": "How much can a single person earn and still qualify?", "answer": "$78,000",
        "evidence": "80% of the area median income would range from $78,000 annually for a "
                    "one-person household up to about $148,000 annually for an eight-person household."}


def _unit(score, sim, good, type_ok=True):
    return {"score": score, "sim": sim, "good": good, "type_ok": type_ok}


def _row(id_, units, negative=False, abstained=False):
    return {"id": id_, "negative": negative, "abstained": abstained, "off_topic": False, "units": units}


def test_a_unit_is_good_when_it_covers_the_evidence_lies_inside_it_or_holds_the_answer():
    assert unit_is_good(CASE, "The Director stated " + CASE["evidence"])
    assert unit_is_good(CASE, "income would range from $78,000 annually for a one-person household")
    assert unit_is_good(CASE, "Vice Mayor Daysog asked whether it is net or gross income of $78,000.")
    assert not unit_is_good(CASE, "The Director stated it is roughly $112,000 in gross income.")
    assert not unit_is_good(dict(CASE, answer="NOT_IN_CORPUS"), CASE["evidence"])


def test_reorder_counts_picks_that_turn_good_and_picks_that_stop_being_good():
    rows = [_row("paraphrase", [_unit(0.655, 0.45, False), _unit(0.643, 0.54, True)]),
            _row("restates", [_unit(0.719, 0.61, True), _unit(0.699, 0.75, False)]),
            _row("far", [_unit(0.80, 0.2, True), _unit(0.60, 0.9, False)])]
    out = reorder_outcome(rows, k=8, delta=0.05, alpha=0.2)
    assert out == {"gained": ["paraphrase"], "lost": ["restates"]}
    assert net(out) == 0
    # within a tight band and a small weight nothing moves
    assert reorder_outcome(rows, k=8, delta=0.05, alpha=0.1) == {"gained": [], "lost": []}


def test_boost_reports_rescues_and_negatives_lifted_over_the_line():
    rows = [_row("abstained", [_unit(0.435, 0.63, True)], abstained=True),
            _row("negative", [_unit(0.36, 0.76, True)], negative=True, abstained=True),
            _row("untyped", [_unit(0.50, 0.90, True, type_ok=False)], negative=True, abstained=True)]
    mild = boost_outcome(rows, k=8, tau=0.5, beta=1.0, cap=0.12, threshold=0.55)
    assert mild["rescued"] == ["abstained"] and not mild["negatives_answered"]
    assert abs(mild["highest_negative"] - 0.50) < 1e-9    # the untyped unit gets no bonus
    strong = boost_outcome(rows, k=8, tau=0.5, beta=1.0, cap=0.3, threshold=0.55)
    assert strong["negatives_answered"] == ["negative"] and net(strong) == 0


class _FakeEmbedder:
    """Similarity = whether the unit says "one-person household": no model needed."""

    def embed_query(self, text):
        import numpy as np
        return np.array([1.0, 0.0], dtype="float32")

    def embed(self, texts):
        import numpy as np
        return np.array([[0.8, 0.6] if "one-person" in t else [0.0, 1.0] for t in texts], dtype="float32")


def test_harvest_keeps_the_answerers_units_with_similarity_and_restores_its_scoring(tmp_path):
    from conftest import answerer_over
    from evaluation.embed_calibration import harvest
    minutes = ("MINUTES OF THE REGULAR CITY COUNCIL MEETING\nTUESDAY - DECEMBER 19, 2023\n\n"
               "(23-801) Public Hearing on the Rent Increase Hardship Exemption.\n\n"
               "The Rent Program Director stated 80% of the area median income would range from $78,000 "
               "annually for a one-person household up to about $148,000 for an eight-person household.\n\n"
               "Councilmember Vella asked about the swim center fee of $15 per hour.\n")
    answerer = answerer_over(tmp_path, {"City Council 2023-12-19 minutes.txt": minutes})
    scoring = answerer._score
    rows = harvest(answerer, _FakeEmbedder(), [dict(CASE, id="c1")], top=4)
    assert answerer._score == scoring and "_score" not in vars(answerer)
    (row,) = rows
    assert row["id"] == "c1" and not row["negative"] and row["units"]
    good = [u for u in row["units"] if u["good"]]
    assert good and all(abs(u["sim"] - 0.8) < 1e-6 for u in good)
