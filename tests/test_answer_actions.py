"""Who-questions about an action the papers word differently, and abstention on words the
store never holds (tiny council minutes ingested into a temporary store)."""
from __future__ import annotations

import pytest

from conftest import answerer_over

MINUTES = """# Minutes of the Monthly Meeting of the Municipal District of Kilbeg held on 9th March 2023

Present: Councillor A. Byrne (Cathaoirleach), Councillor M. Walsh, Councillor T. Hayes.

1. Confirmation of Minutes

On the proposal of Councillor Walsh, seconded by Councillor Hayes, the minutes of the meeting held on
9th February 2023 were confirmed.

2. Disposal of Freehold, Ardmore, Kilbeg

Members were informed that the disposal of the freehold interest in the council house at Ardmore,
Kilbeg to Mr Patrick Nolan for the sum of 1,500 euro would proceed under Section 183.

3. Road Works Programme

The Senior Engineer outlined the road works programme for 2023, with 42 roads to be resurfaced.
"""


@pytest.fixture(scope="module")
def answerer(tmp_path_factory):
    return answerer_over(tmp_path_factory.mktemp("kilbeg"), {
        "Minutes - Monthly Meeting of the Municipal District of Kilbeg - 9th March 2023.md": MINUTES})


def test_who_question_answered_though_no_unit_words_its_action(answerer):
    # "buying" is written nowhere: the disposal "to Mr Patrick Nolan" answers it
    r = answerer.ask("Who is buying the freehold of the council house at Ardmore, Kilbeg?").to_dict()
    assert not r["abstained"] and "Nolan" in r["answer"]


def test_question_mostly_about_words_the_store_never_holds_is_abstained(answerer):
    answered = answerer.ask("How many roads will the road works programme resurface in 2023?").to_dict()
    assert not answered["abstained"] and "42" in answered["answer"]
    # the same wording, about things no paper names: the road works figure is no answer
    r = answerer.ask("How many roads will the cannabis dispensary programme resurface in 2023?").to_dict()
    assert r["abstained"]


def test_a_body_word_that_also_names_the_topic_stays_a_word_to_find():
    from answer.bodies import BodyHint, name_only_words
    hint = BodyHint(bodies=frozenset({"Municipal District of Adare-Rathkeale"}),
                    words=frozenset({"adare", "rathkeale"}))
    # only where to look: dropped from the words a unit should hold
    assert name_only_words("Who chaired the Adare-Rathkeale meeting?", hint) == {"adare", "rathkeale"}
    # also which plan: kept
    assert name_only_words("Why was the Adare public realm plan not brought back to the district?", hint) == set()
