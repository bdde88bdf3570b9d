"""Answer units and names: a short line wrapped mid-sentence is no heading, and a role word
inside a longer word ("Corporate Headquarters") names no one."""
from __future__ import annotations

from answer.extract import typed_matches
from answer.sentences import split_units


def test_a_role_word_inside_a_longer_word_names_no_one():
    text = "Corporate Headquarters, Merchants Quay, Limerick. The Corporate Director of Finance reported."
    values = [m.group(0).strip() for m in typed_matches("who", text, "Who reported?")]
    assert not any(v.startswith("Corporate Head") for v in values)
    assert any("Director of Finance" in v for v in values)


def test_a_short_line_wrapped_mid_sentence_is_no_heading():
    text = ("(2) Endorses the proposed decision by the Leader of the Council\n"
            "[Cabinet] to submit a request to Government, jointly with Medway\n"
            "Council, for Kent and Medway to be included in the Programme\n"
            "(3) Notes the timetable.\n"
            "Background\n"
            "The council asked for this.")
    units = [text[u.start:u.end] for u in split_units(text)]
    assert units[0].startswith("(2) Endorses") and units[0].endswith("included in the Programme")
    assert "Background" in units
