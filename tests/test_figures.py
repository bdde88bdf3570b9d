"""Figures extracted from the real papers, each with its verbatim sentence."""
from __future__ import annotations

import re

import pytest

from ingest import structure
from ingest.figures import extract_figures, find_figures, sentence_bounds, sentence_span
from ingest.readers import read_source
from conftest import HARROW_PACK, KENT


def _figures(path):
    out = []
    for doc in structure.split_documents(read_source(path)):
        chunker = getattr(structure, "chunk_by_section", None)
        figures = extract_figures(doc, chunker(doc) if chunker else [])
        for f in figures:
            assert f.sentence == doc.text[f.start:f.end]
            assert f.value in f.sentence or f.value.replace("\n", " ") in f.sentence.replace("\n", " ")
        out += [(doc, f) for f in figures]
    return out


@pytest.fixture(scope="module")
def harrow():
    return _figures(HARROW_PACK)


def test_harrow_money_and_percent(harrow):
    k680 = [f for _, f in harrow if f.value == "£680k"]
    assert k680 and k680[0].kind == "money"
    assert "each statutory body costs" in k680[0].sentence
    smokers = [f for _, f in harrow if f.value == "9%" and "smokers" in f.sentence]
    assert smokers and smokers[0].kind == "percent"
    assert smokers[0].sentence.startswith("It was noted that in 2017 9% of adults")
    assert smokers[0].sentence.endswith("health inequality.")


def test_harrow_dates_and_counts(harrow):
    values = {(f.kind, f.value) for _, f in harrow}
    assert ("date", "2 May 2019") in values or ("date", "2 MAY 2019") in values or \
        any(k == "date" and "May 2019" in v for k, v in values)
    assert any(k == "count" and re.fullmatch(r"\d{1,3}(,\d{3})+( \w+)*", v) for k, v in values)


def test_no_bare_page_or_item_numbers(harrow):
    for doc, f in harrow:
        line_start = doc.text.rfind("\n", 0, f.start) + 1
        line_end = doc.text.find("\n", f.start)
        line = doc.text[line_start:line_end if line_end >= 0 else None].strip()
        assert not re.fullmatch(r"\d{1,4}", line), f
        if f.kind == "date" and re.fullmatch(r"(19|20)\d\d", f.value):
            assert len(f.sentence.split()) >= 5, f      # a year in running text, not a heading
        else:
            assert not re.fullmatch(r"\d{1,4}", f.value), f


def test_kent_minutes_figures():
    figures = [f for _, f in _figures(KENT / "Printed minutes 30th-Jan-2025 10.00 Cabinet.pdf")]
    money = {f.value for f in figures if f.kind == "money"}
    assert {"£23.3m", "£111.6m", "£315.5 million"} <= money
    assert any(f.kind == "percent" and f.value == "1.6%" for f in figures)
    # Sentences do not run over the bullet that follows.
    savings = next(f for f in figures if f.value == "£80.3 million")
    assert savings.sentence.startswith("- Savings: The forecast indicated")
    assert "Adult Social Care and Health continued" not in savings.sentence


def test_sentence_boundaries_respect_abbreviations():
    text = "Funding is approx. £830k, e.g. for No. 5 school. Next sentence has 85 children.\n- a bullet 9%"
    bounds = sentence_bounds(text)
    first = sentence_span(text, bounds, text.index("£830k"))
    assert text[first[0]:first[1]] == "Funding is approx. £830k, e.g. for No. 5 school."
    bullet = sentence_span(text, bounds, text.index("9%"))
    assert text[bullet[0]:bullet[1]] == "- a bullet 9%"


def test_find_figures_kinds_and_skips():
    text = ("Costs rose to £6.795m and $2.5 million, £470/day, 26 per cent, 251% in 2019-20.\n"
            "Call 020 8863 5611 or visit HA1 2XY.\n"
            "12\n"
            "67. Stop Smoking\n"
            "22,866 young people and 85 children from 4th March 2025 to April 2021.")
    found = {(k, v) for k, v, _ in find_figures(text)}
    assert {("money", "£6.795m"), ("money", "$2.5 million"), ("money", "£470/day"),
            ("percent", "26 per cent"), ("percent", "251%"), ("date", "2019-20"),
            ("count", "22,866 young people"), ("count", "85 children"),
            ("date", "4th March 2025"), ("date", "April 2021")} <= found
    values = {v for _, v in found}
    assert not values & {"12", "67", "020", "8863", "5611", "2"}


def _chunk_by_scan(chunks, pos):
    """The plain definition: first section chunk holding pos, else first other chunk."""
    for kind_wanted in (True, False):
        for c in chunks:
            if (c.kind == "section") == kind_wanted and c.start <= pos < c.end:
                return c.id
    return None


def test_chunk_locator_agrees_with_a_full_scan_on_real_chunks():
    from ingest.figures import ChunkLocator
    docs = structure.split_documents(read_source(KENT / "Appendix I Budget Risk Register 22.01.25.pdf"))
    checked = 0
    for doc in docs:
        chunks = structure.chunk_by_section(doc)
        assert any(c.kind == "table_row" for c in chunks)
        locator = ChunkLocator(chunks)
        for pos in range(0, len(doc.text) + 5, 7):
            assert locator.chunk_id(pos) == _chunk_by_scan(chunks, pos), pos
            checked += 1
    assert checked > 1000


def test_bare_numbers_in_table_lines_are_not_counts():
    """Appendix B prints rows of numbers ("6 Basic Need ... 42,717 41,817 900 0 0"): a bare cell
    without its column header is no figure; the money in the report's prose still is."""
    found = _figures(KENT / "Appendix B Capital Investment by Directorate.pdf")
    bare_counts = [f for _, f in found if f.kind == "count" and " " not in f.value]
    for f in bare_counts:
        line = next(ln for ln in f.sentence.split("\n") if f.value in ln)
        assert len(re.findall(r"\d[\d,]*", line)) < 3, (f.value, line)
    assert any(f.kind == "money" for _, f in found)


def test_numbers_that_name_things_are_not_counts():
    text = ("The Quarter 3 position for the Council needs to be noted. Item 5 was deferred. "
            "There were 114 high-\nquality entries, and 85 children attended.")
    values = [v for _, v, _ in find_figures(text)]
    assert values == ["85 children"]
