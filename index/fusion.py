"""Fusing the keyword and vector ranked lists into one.

Both methods take ranked lists of (row, score), best first, and return
(row, fused score) best first.
- "rrf": reciprocal rank fusion, sum of weight / (RRF_K + rank); ignores score scale.
- "norm": min-max normalise each list's scores to [0, 1], weighted sum; a row missing
  from a list gets 0 from it. Keeps how much better the top hit is than the rest.
"""
from __future__ import annotations

from typing import Sequence

RRF_K = 60
FUSION_METHODS = ("rrf", "norm")

Ranked = Sequence[tuple[int, float]]


def reciprocal_rank_fusion(lists: Sequence[Ranked], weights: Sequence[float],
                           k: int = RRF_K) -> list[tuple[int, float]]:
    fused: dict[int, float] = {}
    for ranked, weight in zip(lists, weights):
        for rank, (row, _score) in enumerate(ranked, start=1):
            fused[row] = fused.get(row, 0.0) + weight / (k + rank)
    return sorted(fused.items(), key=lambda item: (-item[1], item[0]))


def minmax(ranked: Ranked) -> dict[int, float]:
    if not ranked:
        return {}
    scores = [s for _, s in ranked]
    lo, hi = min(scores), max(scores)
    if hi - lo < 1e-12:
        return {row: 1.0 for row, _ in ranked}
    return {row: (s - lo) / (hi - lo) for row, s in ranked}


def normalised_fusion(lists: Sequence[Ranked], weights: Sequence[float]) -> list[tuple[int, float]]:
    fused: dict[int, float] = {}
    for ranked, weight in zip(lists, weights):
        for row, s in minmax(ranked).items():
            fused[row] = fused.get(row, 0.0) + weight * s
    return sorted(fused.items(), key=lambda item: (-item[1], item[0]))


def fuse(method: str, lists: Sequence[Ranked], weights: Sequence[float]) -> list[tuple[int, float]]:
    if method == "rrf":
        return reciprocal_rank_fusion(lists, weights)
    if method == "norm":
        return normalised_fusion(lists, weights)
    raise ValueError(f"unknown fusion method {method!r}; use one of {', '.join(FUSION_METHODS)}")
