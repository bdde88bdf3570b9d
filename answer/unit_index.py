"""An in-memory index of every answer unit (sentence, list line, table row) in the live store.

Passage retrieval ranks whole sections; a one-sentence fact inside a long section can rank
below 15 other passages. This index scores single units by IDF-weighted stem overlap with the
question, so such a sentence is still a candidate. It is built once per store generation from
the chunks (no embeddings, a few seconds on the demo corpus) and kept in memory.
"""
from __future__ import annotations

import logging
import math
import time
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Optional

import numpy as np

from .sentences import prose_blocks, split_units
from .text import display_text, unit_stems

log = logging.getLogger(__name__)

HEADING_MAX = 160      # a short line without end punctuation before a unit is its local heading (a
                       # two-line item title joined from Markdown runs to ~120 characters)
HEADING_LOOKBACK = 300 # characters before a chunk searched for its first units' heading


@dataclass
class IndexedUnit:
    doc_id: str
    start: int
    end: int
    kind: str                 # sentence | line | row (PDF table rows keep their "Header: cell" text)
    chunk_id: str
    text: str                 # text scored: the unit's own text (or the row chunk's text)
    context: str              # local heading / table header / previous line
    stems: frozenset


def _local_context(doc_text: str, blocks: list[tuple[int, int]], unit_start: int, kind: str,
                   block_start: int) -> str:
    """What a reader sees just above a unit: the first line of its table block (the header)
    for table lines, and the nearest short heading-like paragraph before it in the chunk."""
    parts = []
    if kind == "line" and block_start < unit_start:
        nl = doc_text.find("\n", block_start, unit_start)
        if nl > 0:
            parts.append(doc_text[block_start:nl])
    # nearest preceding paragraph that looks like a heading (short, no end punctuation); a
    # paragraph is a run of lines joined across printed line wraps, read without Markdown markers
    before = [b for b in blocks if b[1] <= unit_start][-3:]
    for para_start, para_end in reversed(before):
        para = display_text(doc_text[para_start:para_end])
        if para and len(para) <= HEADING_MAX and not para.endswith((".", ";", ",")):
            parts.append(para)
            break
    return " ".join(parts)


class UnitIndex:
    """`UnitIndex.build(store)`, then `.top(weights, n)` -> [(unit, score)] best first."""

    def __init__(self, units: list[IndexedUnit], by_chunk: Optional[dict[str, list[int]]] = None):
        self.units = units
        # every unit inside a chunk, in document order (overlapping chunks share units)
        self.by_chunk = by_chunk or {}
        postings: dict[str, list[int]] = defaultdict(list)
        for i, u in enumerate(units):
            for s in u.stems:
                postings[s].append(i)
        self.postings = {s: np.asarray(ids, dtype=np.int32) for s, ids in postings.items()}
        n = max(1, len(units))
        self._idf = {s: math.log(1 + (n + 1) / (len(ids) + 0.5)) for s, ids in self.postings.items()}
        self._default_idf = math.log(1 + (n + 1) / 0.5)

    @classmethod
    def build(cls, store, chunks: Optional[Iterable] = None) -> "UnitIndex":
        t0 = time.perf_counter()
        chunks = list(store.live_chunks() if chunks is None else chunks)
        by_doc: dict[str, list] = defaultdict(list)
        for c in chunks:
            by_doc[c.document_id].append(c)
        units: list[IndexedUnit] = []
        by_chunk: dict[str, list[int]] = {}
        for doc_id, doc_chunks in by_doc.items():
            doc = store.document(doc_id)
            if doc is None:
                continue
            seen: dict[tuple[int, int], int] = {}
            for c in sorted(doc_chunks, key=lambda c: c.start):
                members = by_chunk.setdefault(c.id, [])
                if c.kind == "table_row":
                    key = (c.start, c.end, c.text)
                    if key not in seen:
                        seen[key] = len(units)
                        units.append(IndexedUnit(doc_id, c.start, c.end, "row", c.id, c.text, c.section,
                                                 unit_stems(c.text)[1]))
                    members.append(seen[key])
                    continue
                # paragraphs from a little before the chunk: its first units' heading may end the
                # chunk before (a two-line title split from its item by the section chunker)
                blocks = list(prose_blocks(doc.text, max(0, c.start - HEADING_LOOKBACK), c.end))
                for u in split_units(doc.text, c.start, c.end):
                    key = (u.start, u.end)
                    if key not in seen:
                        seen[key] = len(units)
                        block = doc.text.rfind("\n\n", c.start, u.start)
                        block_start = c.start if block < 0 else block + 2
                        text = doc.text[u.start:u.end]
                        units.append(IndexedUnit(
                            doc_id, u.start, u.end, u.kind, c.id, text,
                            _local_context(doc.text, blocks, u.start, u.kind, block_start),
                            unit_stems(text)[1]))   # fills the cache the answerer reads too
                    members.append(seen[key])
        log.info("unit index: %d units from %d chunks in %.1fs", len(units), len(chunks),
                 time.perf_counter() - t0)
        return cls(units, by_chunk)

    def idf(self, stem: str) -> float:
        return self._idf.get(stem, self._default_idf)

    def top(self, weights: dict[str, float], n: int = 40) -> list[tuple[int, float]]:
        """(unit id, share of the question's IDF weight it holds), best first."""
        if not self.units or not weights:
            return []
        total = sum(weights.values()) or 1.0
        scores = np.zeros(len(self.units), dtype=np.float32)
        for s, w in weights.items():
            ids = self.postings.get(s)
            if ids is not None:
                scores[ids] += w
        if not scores.any():
            return []
        k = min(n, len(scores))
        idx = np.argpartition(-scores, k - 1)[:k]
        idx = idx[np.argsort(-scores[idx])]
        return [(int(i), float(scores[i]) / total) for i in idx if scores[i] > 0]
