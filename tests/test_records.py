"""Decision maker and date read from record-of-decision forms (other layouts than Kent's)."""
from __future__ import annotations

from ingest.records import form_decision, numeric_date, role_of


def test_numeric_dates_are_read_day_first_unless_only_month_first_fits():
    assert numeric_date("17/1/2025") == "2025-01-17"
    assert numeric_date("Signed 03.02.2025") == "2025-02-03"
    assert numeric_date("1/17/2025") == "2025-01-17"
    assert numeric_date("24/00093") is None        # a decision number, not a date
    assert numeric_date("31/13/2025") is None


def test_labelled_fields_on_one_line():
    form = """RECORD OF EXECUTIVE DECISION
Decision maker: Councillor Jane Smith, Cabinet Member for Housing
Subject: Award of the housing repairs contract
Decision: To award the contract to Acme Ltd.
Date of decision: 3 March 2025""".split("\n")
    assert form_decision(form) == ("Cabinet Member for Housing", "2025-03-03")


def test_date_beside_the_signature_block():
    form = """RECORD OF DECISION
Decision taken by: Leader of the Council
Decision: To approve the consultation.
Signed: ............................   Date: 12/05/2024""".split("\n")
    assert form_decision(form) == ("Leader of the Council", "2024-05-12")


def test_unsigned_form_has_no_date():
    form = """PROPOSED RECORD OF DECISION
DECISION TO BE TAKEN BY: DECISION NUMBER:
24/00108
Cabinet
Decision:
The Cabinet agree to note the report.
......................   ......................
signed date""".split("\n")
    assert form_decision(form) == ("Cabinet", None)


def test_role_kept_whole_when_no_person_is_named():
    assert role_of("Cabinet Member for Finance, Corporate and Traded Services") == \
        "Cabinet Member for Finance, Corporate and Traded Services"
    assert role_of("Mr R Gough, Leader of the Council") == "Leader of the Council"
