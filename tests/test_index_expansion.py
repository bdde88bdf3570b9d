"""Abbreviation expansion (keyword side) and passage windows (vector side), on real papers."""
from __future__ import annotations

import re

import numpy as np
import pytest

from conftest import HARROW_PACK
from index.abbreviations import AbbreviationExpander, find_abbreviations, long_form_before
from index.build import IndexRecord, build_generation
from index.retriever import HybridRetriever, keyword_query_text
from index.vector import VectorIndex
from index.windows import WINDOW_WORDS, passage_windows


@pytest.fixture(scope="module")
def harrow_abbreviations():
    return find_abbreviations([HARROW_PACK.read_text(encoding="utf-8")])


def test_acronyms_defined_in_the_pack_are_found(harrow_abbreviations):
    assert "children looked after" in harrow_abbreviations["CLA"]
    assert "clinical commissioning group" in harrow_abbreviations["CCG"]
    # Initials must spell the acronym: a bracketed word after unrelated words is no definition.
    for acronym, forms in harrow_abbreviations.items():
        letters = acronym.replace("&", "")
        if letters.endswith("s") and letters[:-1].isupper():     # plural: "ICSs"
            letters = letters[:-1]
        letters = letters.lower()
        for form in forms:
            assert "".join(w[0] for w in form.split()) == letters, (acronym, form)


def test_long_form_needs_matching_initials():
    text = "the Dedicated Schools Grant (DSG) and the budget (DSG)"
    first = text.index("(DSG)")
    assert long_form_before(text, first, "DSG") == "Dedicated Schools Grant"
    assert long_form_before(text, text.rindex("(DSG)"), "DSG") is None
    hyphen = "Unaccompanied Asylum-Seeking Children (UASC)"
    assert long_form_before(hyphen, hyphen.index("("), "UASC") == "Unaccompanied Asylum Seeking Children"
    assert long_form_before("see Table (A)", 10, "A") is None    # one letter is no acronym


def test_query_spelling_out_a_long_form_gains_the_acronym(harrow_abbreviations):
    expander = AbbreviationExpander(harrow_abbreviations)
    assert "CLA" in expander.acronyms_for("advocacy for looked-after children")
    assert expander.expand("advocacy for looked-after children").endswith("CLA")
    # Not every word of the long form: no expansion; acronym already there: not added again.
    assert "CLA" not in expander.acronyms_for("children's advocacy")
    assert "CLA" not in expander.acronyms_for("CLA looked after children")
    assert expander.expand("parking charges") == "parking charges"


def test_expansion_finds_a_row_that_only_uses_the_acronym(built_home):
    from ingest.store import Store
    retriever = HybridRetriever(Store(built_home.db_path), built_home.index_dir)
    results = retriever.search("independent visitors for looked-after children", mode="keyword", k=5)
    acronym_only = [r for r in results if "CLA" in r.text and not re.search(r"(?i)looked", r.text)]
    assert acronym_only, [r.text[:80] for r in results]
    # ...and the acronym is highlighted as a matched term.
    r = acronym_only[0]
    assert any(r.text[s:e] == "CLA" for s, e in r.highlights)


def test_syntax_queries_are_not_expanded(built_home):
    from ingest.store import Store
    retriever = HybridRetriever(Store(built_home.db_path), built_home.index_dir)
    gen = retriever._current()
    assert keyword_query_text(gen, '"looked after children"') == '"looked after children"'
    assert keyword_query_text(gen, "looked after children").endswith("CLA")


# -- passage windows -----------------------------------------------------------

def test_windows_cover_a_long_section_in_order():
    text = HARROW_PACK.read_text(encoding="utf-8")
    section = text[text.index("Other options considered"):][:3000]
    windows = passage_windows(section)
    assert len(windows) >= 3
    assert [w for win in windows for w in win.split()] == section.split()
    for win in windows:
        n = len(win.split())
        # a window only exceeds the limit when a single sentence does
        assert n <= WINDOW_WORDS or not re.search(r"[.!?;:]\s+[A-Z0-9(]", win), win[:80]


def test_short_text_has_no_windows():
    assert passage_windows("The Board noted the report.") == []
    assert passage_windows("") == []


def test_max_pooled_vector_search_returns_each_chunk_once(tmp_path):
    rng = np.random.default_rng(7)
    chunk_vecs = rng.normal(size=(5, 384)).astype(np.float32)
    window_vecs = rng.normal(size=(4, 384)).astype(np.float32)
    vecs = np.vstack([chunk_vecs, window_vecs])
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    owners = np.array([0, 1, 2, 3, 4, 2, 2, 4, 4])
    records = [IndexRecord(chunk_id=f"c{i}", text=f"passage {i}") for i in range(5)]
    build_generation(records, tmp_path, vectors=vecs, owners=owners)
    gen_dir = next(p for p in tmp_path.iterdir() if p.name.startswith("gen-"))
    index = VectorIndex(gen_dir, 5)
    query = vecs[6]                                   # a window of chunk 2
    hits = index.search(query, 5)
    assert [row for row, _ in hits][0] == 2
    assert hits[0][1] == pytest.approx(1.0, abs=1e-5)
    assert sorted(row for row, _ in hits) == [0, 1, 2, 3, 4]
    expected = {row: max(float(vecs[i] @ query) for i in np.flatnonzero(owners == row))
                for row in range(5)}
    assert {row: round(s, 5) for row, s in hits} == {r: round(s, 5) for r, s in expected.items()}
    # Filtered: only allowed chunks, still pooled over their windows.
    filtered = index.search(query, 5, allowed_rows=np.array([3, 4]))
    assert [row for row, _ in filtered] == sorted([3, 4], key=lambda r: -expected[r])
