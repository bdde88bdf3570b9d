"""Collapsing the same passage found in several documents into one result.

The 0-25 plan is both its own file and Annexe B of the agenda pack; Kent minutes
repeat motions word for word. Such passages are one result listing the others.
Short passages ("That the report be noted.") recur across different meetings, so
they only collapse when their section heading matches too: different meetings'
decisions must stay separate results.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

SHORT_PASSAGE_CHARS = 200
JACCARD_MIN = 0.9
JACCARD_MIN_TOKENS = 20

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                         "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " "})
_NON_WORD = re.compile(r"[^\w]+")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").translate(_QUOTES).lower()
    return _NON_WORD.sub(" ", text).strip()


def text_hash(text: str) -> str:
    return hashlib.sha1(normalise(text).encode("utf-8")).hexdigest()


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


class DuplicateGrouper:
    """Feed passages best first; `match` says which kept passage (index) one duplicates."""

    def __init__(self) -> None:
        self._kept: list[tuple[str, str, set[str], int]] = []   # hash, section, tokens, length

    def match(self, text: str, section: str) -> int | None:
        norm = normalise(text)
        h = hashlib.sha1(norm.encode("utf-8")).hexdigest()
        tokens = set(norm.split())
        sect = normalise(section)
        for i, (kh, ksect, ktokens, klen) in enumerate(self._kept):
            if kh == h and (len(norm) >= SHORT_PASSAGE_CHARS or ksect == sect):
                return i
            if (len(tokens) >= JACCARD_MIN_TOKENS and len(ktokens) >= JACCARD_MIN_TOKENS
                    and jaccard(tokens, ktokens) >= JACCARD_MIN):
                return i
        self._kept.append((h, sect, tokens, len(norm)))
        return None
