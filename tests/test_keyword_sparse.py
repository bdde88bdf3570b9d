"""The sparse BM25F path ranks exactly as Whoosh does, on the real demo + Kent home."""
from __future__ import annotations

import numpy as np
import pytest

from index.build import read_current
from index.keyword import ANALYZER, STOP_WORDS, KeywordIndex, parse_query, plain_clauses
from index.retriever import Generation
from index.sparse import TermAnalyzer

TOP = 50
# Natural questions written for this test (not the eval questions): decisions, money,
# people, dates, hyphenated and numeric words, a one-word query, a pasted sentence.
QUESTIONS = [
    "What did the health and wellbeing board agree about the stop smoking service?",
    "How much money was allocated to public health in 2019/20?",
    "Who was elected chair of the committee?",
    "When will the joint strategic needs assessment be published?",
    "Were any declarations of interest made by members?",
    "Kent County Council budget monitoring report revenue outturn",
    "adult social care pressures and the better care fund",
    "co-production with residents on the well-being strategy",
    "minutes of the previous meeting approved as a correct record",
    "Why was the item deferred to a later meeting?",
    "highways maintenance capital programme £ million",
    "safeguarding",
    "Members noted the report and agreed the recommendations set out in paragraph 3.1 "
    "subject to the amendments tabled at the meeting by the director",
]


@pytest.fixture(scope="module")
def generation(built_home):
    name = read_current(built_home.index_dir)
    gen = Generation(built_home.index_dir, name)
    yield gen
    gen.close()


def _same_ranking(sparse, whoosh):
    """Same rows in the same order, scores within 1e-4 relative; equal-score rows may swap
    (also across the cut at `limit`)."""
    assert len(sparse) == len(whoosh)
    whoosh_score = dict(whoosh)
    for (row_a, score_a), (row_b, score_b) in zip(sparse, whoosh):
        assert score_a == pytest.approx(score_b, rel=1e-4)
        if row_a != row_b:
            tie = whoosh_score.get(row_a, whoosh[-1][1])
            assert score_a == pytest.approx(tie, rel=1e-4), (row_a, row_b)


def test_generation_has_sparse_weights(generation):
    assert generation.keyword.sparse is not None
    assert generation.keyword.sparse.n_rows == len(generation)


@pytest.mark.parametrize("question", QUESTIONS)
def test_sparse_ranks_like_whoosh(generation, question):
    kw = generation.keyword
    q = parse_query(question)
    assert plain_clauses(q), f"{question!r} should take the sparse path, parsed as {q}"
    sparse = kw.search(q, TOP)
    whoosh = kw.search(q, TOP, use_sparse=False)
    assert whoosh, "the question should match something in the corpus"
    _same_ranking(sparse, whoosh)


@pytest.mark.parametrize("question", QUESTIONS[:6])
def test_sparse_ranks_like_whoosh_with_filters(generation, question):
    kw = generation.keyword
    q = parse_query(question)
    # Every other document type, plus rows of one date range: real filter shapes.
    types = sorted({t for t in generation.doc_types if t})
    assert len(types) >= 2
    for allowed in (
        {i for i, t in enumerate(generation.doc_types) if t in types[::2]},
        set(np.flatnonzero(np.array([bool(d) and d[:4] == "2019" for d in generation.dates]))
            .tolist()),
    ):
        assert allowed
        sparse = kw.search(q, TOP, allowed)
        whoosh = kw.search(q, TOP, allowed, use_sparse=False)
        assert {r for r, _ in sparse} <= allowed
        _same_ranking(sparse, whoosh)
        # An integer array of rows (what Generation.allowed_rows returns) gives the same.
        assert kw.search(q, TOP, np.array(sorted(allowed))) == sparse


def test_small_limits_and_no_rows(generation):
    kw = generation.keyword
    q = parse_query(QUESTIONS[0])
    for limit in (1, 3):
        _same_ranking(kw.search(q, limit), kw.search(q, limit, use_sparse=False))
    assert kw.search(q, 0) == []
    assert kw.search(q, 10, set()) == []
    assert kw.search(q, 10, {len(generation) + 5}) == []   # rows outside the index: no hits


@pytest.mark.parametrize("query", ["", "   ", "the of and", "What was it?", "?!"])
def test_empty_and_stopword_only_queries_find_nothing(generation, query):
    q = parse_query(query)
    assert generation.keyword.search(q, TOP) == []


def test_unknown_words_find_nothing(generation):
    q = parse_query("zyxwvut qqqxxyz")
    assert plain_clauses(q) is not None
    assert generation.keyword.search(q, TOP) == []


@pytest.mark.parametrize("query", ['"stop smoking"', "budget AND cabinet", "smok*",
                                   "budget NOT capital", "body:cabinet budget"])
def test_real_syntax_goes_to_whoosh(generation, query):
    q = parse_query(query)
    assert plain_clauses(q) is None
    assert generation.keyword.search(q, TOP) == generation.keyword.search(q, TOP, use_sparse=False)


def test_fielded_single_terms_stay_exact(generation):
    """`section:x y` is still ORs of terms (with the parser's boosts): sparse, same ranking."""
    kw = generation.keyword
    q = parse_query("section:minutes smoking")
    assert plain_clauses(q) is not None
    _same_ranking(kw.search(q, TOP), kw.search(q, TOP, use_sparse=False))


def test_fast_analyzer_tokens_equal_whoosh_analyzer(built_home):
    """The build-time analyzer yields ANALYZER's exact token texts on every stored chunk."""
    from ingest.store import Store
    fast = TermAnalyzer(STOP_WORDS)
    store = Store(built_home.db_path)
    texts = [c.text for c in store.live_chunks()] + [
        "Co-operation: 3.5% of £1,200.50 (e.g. U.S.A.) wasn't ÉTÉ naïve * wild*card"]
    assert len(texts) > 500
    for text in texts:
        assert fast.terms(text) == [t.text for t in ANALYZER(text)]


def test_generation_without_sparse_weights_uses_whoosh(built_home, tmp_path):
    """An index written before the weights existed still answers, through Whoosh."""
    gen_dir = built_home.index_dir / read_current(built_home.index_dir)
    n = len(Generation(built_home.index_dir, gen_dir.name))
    kw = KeywordIndex(gen_dir / "whoosh", n, sparse_dir=tmp_path / "missing")
    assert kw.sparse is None
    q = parse_query(QUESTIONS[0])
    assert kw.search(q, 10)
    kw.close()
