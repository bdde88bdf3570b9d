"""Whoosh BM25F keyword index over chunk text, section path and document title.

Query handling: Whoosh syntax for power users (fielded `section:`/`title:`,
"phrases", AND/OR/NOT, brackets); anything that does not parse cleanly falls
back to plain OR-grouped stemmed terms, and no query ever raises.
"""
from __future__ import annotations

import logging
import re
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

import numpy as np

from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.analysis import STOP_WORDS, StandardAnalyzer, StemmingAnalyzer
from whoosh.fields import ID, NUMERIC, TEXT, Schema
from whoosh.qparser import MultifieldParser, OrGroup
from whoosh.scoring import BM25F

from . import sparse as sparse_weights
from .sparse import SparseScorer, SparseWriter, TermAnalyzer, boost_is_plain

log = logging.getLogger(__name__)

# Section and title words are shared by every passage of a section or paper, so they
# only nudge the ranking: boosted above the text they drowned the passage that holds
# the answer (measured: evidence hit@5 0.71 -> 0.89 on dev.jsonl at 0.3).
FIELD_BOOSTS = {"text": 1.0, "section": 0.3, "title": 0.3}
SEARCH_FIELDS = tuple(FIELD_BOOSTS)
QUERY_FIELDS = SEARCH_FIELDS + ("body", "doc_type", "meeting_date")
MAX_QUERY_CHARS = 1000          # longer input is treated as plain words
MAX_FALLBACK_TERMS = 64         # bound the cost of pasted-paragraph queries
# Plain OR, no coordination bonus: Whoosh's bonus (scale=0.9) is ~0.002 per extra matched
# term for a 24-clause question, so it only reorders near-ties, yet it counts matched terms
# for every matching document and halved keyword speed (bench: 137 -> 75 ms mean on the dev
# sets; hit@1/3/5 unchanged, MRR keyword 0.703 -> 0.701, hybrid 0.653 -> 0.656).
OR_GROUP = OrGroup

# Whoosh's stoplist plus question words, so natural questions rank on their content words.
STOP_WORDS = STOP_WORDS | frozenset("""
what which who whom whose how why where did do does done was were been being has had having
any about their they them there these those its i me my our ours he she his her than then
into over under such only also just should would could shall might must so very much
""".split())
# "may" is a month in meeting papers ("the 2 May 2019 meeting"), not a modal to drop.
STOP_WORDS = STOP_WORDS - {"may"}
ANALYZER = StemmingAnalyzer(stoplist=STOP_WORDS)
SPARSE_DIR = "bm25"   # sibling of the Whoosh directory in a generation


def make_schema() -> Schema:
    # Field weights are applied at query time only (FIELD_BOOSTS), never twice.
    return Schema(
        chunk_id=ID(stored=True, unique=True),
        row=NUMERIC(stored=True),
        text=TEXT(analyzer=ANALYZER, phrase=True),
        section=TEXT(analyzer=ANALYZER, phrase=True),
        title=TEXT(analyzer=ANALYZER, phrase=True),
        body=TEXT(analyzer=StandardAnalyzer()),   # `body:cabinet` matches a word of the name
        doc_type=ID(),
        meeting_date=ID(),
    )


@dataclass
class KeywordDoc:
    row: int
    chunk_id: str
    text: str
    section: str
    title: str
    body: str
    doc_type: str
    meeting_date: str


def build_keyword_index(directory: Path, docs: Iterable[KeywordDoc],
                        sparse_dir: Optional[Path] = None) -> int:
    """Write a fresh single-segment index; Whoosh docnum == row (checked on load).

    Also writes the sparse BM25F weights of the plain-terms path to `sparse_dir`
    (default: SPARSE_DIR next to `directory`).
    """
    directory.mkdir(parents=True, exist_ok=True)
    # TermAnalyzer: ANALYZER's token texts, faster; a fresh one per build bounds its cache.
    sparse = SparseWriter(SEARCH_FIELDS, TermAnalyzer(STOP_WORDS))
    ix = whoosh_index.create_in(str(directory), make_schema())
    writer = ix.writer(limitmb=256)
    count = 0
    try:
        for d in docs:
            if d.row != count:
                raise ValueError(f"keyword docs must come in row order: got row {d.row} "
                                 f"at position {count}")
            terms = sparse.add({"text": d.text, "section": d.section, "title": d.title})
            # Whoosh indexes a list value as ready-made tokens: each text is analysed once,
            # by the faster TermAnalyzer (same token texts as ANALYZER; positions start at 0
            # instead of at the first non-stop word, which phrase matching does not see).
            writer.add_document(chunk_id=d.chunk_id, row=d.row, text=terms["text"],
                                section=terms["section"], title=terms["title"],
                                body=d.body or "", doc_type=(d.doc_type or "").lower(),
                                meeting_date=d.meeting_date or "")
            count += 1
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    sparse.write(sparse_dir or directory.parent / SPARSE_DIR)
    return count


# -- query parsing -------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_FIELD_PREFIX = re.compile(r"(?<![\w:])([A-Za-z_]\w*):(?=\S)")
_OPERATOR = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = _CONTROL.sub(" ", text)
    # curly quotes typed on phones are still phrase quotes; "?" ends questions, not a wildcard
    return text.replace("\u201c", '"').replace("\u201d", '"').replace("?", " ")


def _looks_parseable(text: str) -> bool:
    """Conservative check that Whoosh syntax in `text` means what it seems to."""
    if len(text) > MAX_QUERY_CHARS or text.count('"') % 2:
        return False
    depth = 0
    for ch in text:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth < 0:
            return False
    if depth or text.count("[") != text.count("]") or text.count("{") != text.count("}"):
        return False
    words = text.split()
    if words and (words[0] in _OPERATOR or words[-1] in _OPERATOR):
        return False
    if any(a in _OPERATOR and b in _OPERATOR for a, b in zip(words, words[1:])):
        return False
    return all(m.group(1) in QUERY_FIELDS for m in _FIELD_PREFIX.finditer(text))


def query_terms(text: str) -> list[str]:
    """Stemmed, stopword-free terms of plain text, in first-seen order."""
    seen: dict[str, None] = {}
    for token in ANALYZER(text):
        seen.setdefault(token.text, None)
    return list(seen)


def plain_query(text: str) -> Optional[wq.Query]:
    terms = query_terms(text)[:MAX_FALLBACK_TERMS]
    if not terms:
        return None
    return wq.Or([wq.Or([wq.Term(f, t, boost=FIELD_BOOSTS[f]) for f in SEARCH_FIELDS])
                  for t in terms])


_parser = MultifieldParser(list(SEARCH_FIELDS), make_schema(), fieldboosts=FIELD_BOOSTS,
                           group=OR_GROUP)


def preload_or_scores(q: Optional[wq.Query]) -> Optional[wq.Query]:
    """Make OR groups of 3+ clauses add up scores in an array (Whoosh's PreloadedOr).

    Whoosh picks that matcher itself only below 5,000 documents; above it, it walks a tree
    of union matchers. Same hits and scores either way (checked on 100k synthetic chunks,
    top 50 identical), but the array halves p95 there (2.4 s -> 1.2 s) and takes a third
    off p50 at 10k. Our searches never need the current-document API the tree offers.
    """
    if q is None:
        return None
    stack = [q]
    while stack:
        node = stack.pop()
        if isinstance(node, wq.Or) and len(node.subqueries) > 2:
            node.matcher_type = wq.Or.ARRAY_MATCHER
        stack.extend(getattr(node, "subqueries", ()))
        if isinstance(getattr(node, "child", None), wq.Query):   # Not, boosts and wrappers
            stack.append(node.child)
    return q


def parse_query(raw: str) -> Optional[wq.Query]:
    """Whoosh syntax when it parses cleanly, else plain OR terms; None for an empty query."""
    if not isinstance(raw, str):
        return None
    text = _clean(raw).strip()
    if not text:
        return None
    if _looks_parseable(text):
        try:
            q = _parser.parse(text)
            if q is not None and q is not wq.NullQuery and not isinstance(q, type(wq.NullQuery)):
                return preload_or_scores(q)
        except Exception as exc:  # Whoosh raises assorted errors on odd syntax
            log.debug("query %r did not parse (%s); using plain terms", text[:80], exc)
    return preload_or_scores(plain_query(text[:MAX_QUERY_CHARS * 10]))


def highlight_terms(q: Optional[wq.Query]) -> set[str]:
    """Stemmed terms of the text-like fields of a parsed query (not NOT-ed ones)."""
    if q is None:
        return set()
    terms = set()
    for field, term in q.iter_all_terms(phrases=True):
        if field in SEARCH_FIELDS and isinstance(term, str):
            terms.add(term)
        elif field in SEARCH_FIELDS and isinstance(term, bytes):
            terms.add(term.decode("utf-8", "ignore"))
    return terms


def highlight_spans(text: str, terms: set[str]) -> list[list[int]]:
    """[start, end] character spans in `text` of words whose stem is in `terms`."""
    if not terms or not text:
        return []
    exact = {t for t in terms if not t.endswith("*")}
    prefixes = tuple(t.rstrip("*") for t in terms if t.endswith("*") and len(t) > 1)
    return [[t.startchar, t.endchar] for t in ANALYZER(text, chars=True)
            if t.text in exact or (prefixes and t.text.startswith(prefixes))]


# -- searching -----------------------------------------------------------------

def plain_clauses(q: Optional[wq.Query]) -> Optional[list[tuple[str, str, float]]]:
    """(field, term, boost) clauses when `q` is only ORs of single terms over the search
    fields (every natural question and the plain-terms fallback), else None.

    Such a query's BM25F score is a sum of per-term scores, which the sparse matrix holds
    ready; phrases, AND/NOT, wildcards, other fields or coordination bonuses go to Whoosh.
    """
    if q is None:
        return None
    clauses = []
    stack = [q]
    while stack:
        node = stack.pop()
        if type(node) is wq.Or:
            if node.boost != 1.0 or node.scale is not None or node.minmatch:
                return None
            stack.extend(reversed(node.subqueries))
        elif type(node) is wq.Term:
            if node.fieldname not in FIELD_BOOSTS or not isinstance(node.text, str) \
                    or not boost_is_plain(node.boost):
                return None
            clauses.append((node.fieldname, node.text, float(node.boost)))
        else:
            return None
    return clauses


def _row_mask(allowed_rows, n: int) -> np.ndarray:
    """Boolean mask over n rows from a set/sequence/array of row numbers (others ignored)."""
    rows = np.fromiter(allowed_rows, dtype=np.int64, count=len(allowed_rows)) \
        if not isinstance(allowed_rows, np.ndarray) else allowed_rows.astype(np.int64, copy=False)
    mask = np.zeros(n, dtype=bool)
    mask[rows[(rows >= 0) & (rows < n)]] = True
    return mask


class KeywordIndex:
    """An opened keyword index of one generation.

    Plain OR-of-terms queries are scored from the sparse BM25F weights: same ranking as
    Whoosh, and the keyword stage of a hybrid search at 100k synthetic chunks went from
    671/1137 ms to 3.0/6.3 ms p50/p95 (bench). Any other syntax is searched with Whoosh.
    """

    def __init__(self, directory: Path, expected_rows: int, sparse_dir: Optional[Path] = None):
        self.ix = whoosh_index.open_dir(str(directory))
        # The sparse weights were computed with these parameters: both paths must agree.
        self._searcher = self.ix.searcher(weighting=BM25F(B=sparse_weights.B, K1=sparse_weights.K1))
        self._lock = threading.Lock()   # Whoosh searchers are not safe to share across threads
        n = self._searcher.doc_count_all()
        if n != expected_rows:
            raise ValueError(f"keyword index has {n} docs, expected {expected_rows}")
        if n and self._searcher.stored_fields(n - 1).get("row") != n - 1:
            raise ValueError("keyword index docnums do not match rows")
        self.n_rows = n
        sparse_dir = Path(sparse_dir) if sparse_dir else Path(directory).parent / SPARSE_DIR
        self.sparse: Optional[SparseScorer] = None
        if (sparse_dir / sparse_weights.VOCAB_FILE).exists():
            self.sparse = SparseScorer(sparse_dir, n)
        else:   # a generation written before the sparse weights existed: Whoosh only
            log.info("no sparse keyword weights in %s; every query goes to Whoosh", sparse_dir)

    def search(self, q: Optional[wq.Query], limit: int,
               allowed_rows=None, use_sparse: bool = True) -> list[tuple[int, float]]:
        """(row, BM25F score) best first. Whoosh docnum == row, so filters are row sets.

        `allowed_rows`: a set, sequence or integer array of rows, or None for no filter.
        `use_sparse=False` forces Whoosh (tests compare the two paths).
        """
        if q is None or limit <= 0 or (allowed_rows is not None and len(allowed_rows) == 0):
            return []
        clauses = plain_clauses(q) if use_sparse and self.sparse is not None else None
        if clauses is not None:
            mask = None if allowed_rows is None else _row_mask(allowed_rows, self.n_rows)
            return self.sparse.top(clauses, limit, mask)
        if allowed_rows is not None and not isinstance(allowed_rows, (set, frozenset)):
            allowed_rows = {int(r) for r in allowed_rows}
        with self._lock:
            try:
                results = self._searcher.search(q, limit=limit, filter=allowed_rows)
                return [(hit.docnum, float(hit.score)) for hit in results]
            except Exception as exc:  # a query Whoosh accepted but cannot run: degrade
                log.warning("keyword search failed for %r: %s", q, exc)
                return []

    def close(self) -> None:
        with self._lock:
            self._searcher.close()
