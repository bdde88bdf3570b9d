"""Passage windows: a long chunk's sentences packed into short runs for extra embeddings.

all-MiniLM-L6-v2 was trained on sentence pairs and reads at most 256 word pieces, so one
vector for a 250-word section blurs the single sentence a question is about. A chunk longer
than one window also gets a vector per window; the chunk's vector score is the best of its
own vector and its windows' (max-pooling, see index.vector). Measured on the dev sets
(../shared/eval, abbreviation expansion on): vector-side MRR dev 0.460 -> 0.475, Kent
0.359 -> 0.436; hybrid (norm 0.85/0.15) MRR dev 0.784 -> 0.810, Kent 0.604 -> 0.648.
"""
from __future__ import annotations

import re

WINDOW_WORDS = 50       # a few sentences: what MiniLM's training pairs looked like
# Chunks up to this long are read whole well enough: windows for 50-80-word chunks changed no
# hybrid figure on the dev sets and were 18% of all windows (vector-side MRR even rose a little).
MIN_CHUNK_WORDS = 80

# Sentence ends followed by what starts a sentence or list item, and line breaks.
_UNIT_BREAK = re.compile(r"(?<=[.!?;:])\s+(?=[A-Z0-9(•\-])|\n+")


def passage_windows(text: str, max_words: int = WINDOW_WORDS) -> list[str]:
    """Consecutive sentences/lines of `text` packed into runs of at most `max_words` words
    (a longer single sentence is a window of its own). [] for a text of up to MIN_CHUNK_WORDS
    words or one that fits in one window: the chunk's own vector already covers it."""
    if len((text or "").split()) <= max(MIN_CHUNK_WORDS, max_words):
        return []
    units = [u.strip() for u in _UNIT_BREAK.split(text or "") if u and u.strip()]
    windows: list[str] = []
    current: list[str] = []
    words = 0
    for unit in units:
        n = len(unit.split())
        if current and words + n > max_words:
            windows.append(" ".join(current))
            current, words = [], 0
        current.append(unit)
        words += n
    if current:
        windows.append(" ".join(current))
    return windows if len(windows) > 1 else []
