"""Would sentence-embedding similarity help the answerer choose its unit or its confidence?

Measures it before anyone turns it on: each case is asked once as the answerer runs by default,
its top scored units are kept with their cosine similarity to the question (all-MiniLM-L6-v2,
the retriever's model), and two families of rules are replayed on them:

- re-order: among the top `k` units scoring within `delta` of the best, pick by
  score + alpha * similarity (confidence, hence every abstention, unchanged);
- boost: add min(cap, beta * max(0, similarity - tau)) to each typed unit's score, then pick
  and abstain as usual, so a paraphrase could lift an abstained answer over the line.

A unit is "good" when it covers the case's evidence (the eval's rule), lies inside it, or holds
the expected answer. Outcomes are approximate (the short answer and citation are not rebuilt),
so confirm a rule with `minutebook eval` before enabling it.

    PYTHONPATH=. python -m evaluation.embed_calibration harvest --home HOME --out a.json CASES.jsonl ...
    PYTHONPATH=. python -m evaluation.embed_calibration sweep a.json b.json ...

Homes must already be ingested (run `minutebook eval` on them first).
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
from typing import Optional, Sequence

from . import scoring

TOP_UNITS = 16
REORDER_GRID = {"k": (8, 12), "delta": (0.02, 0.05, 0.1, 0.2), "alpha": (0.1, 0.15, 0.2, 0.3, 0.5)}
BOOST_GRID = {"k": (8, 12), "tau": (0.4, 0.45, 0.5, 0.55, 0.6), "beta": (0.3, 0.5, 0.75, 1.0, 1.5),
              "cap": (0.06, 0.1, 0.12, 0.15, 0.2)}


def unit_is_good(case: dict, text: str) -> bool:
    """The unit answers the case: it covers the evidence, is (mostly) part of it, or holds the answer."""
    if scoring.is_negative(case) or not text:
        return False
    evidence = case.get("evidence") or ""
    if evidence and scoring.covers(evidence, text):
        return True
    words, held = scoring.word_tokens(text), set(scoring.word_tokens(evidence))
    if len(words) >= 5 and sum(w in held for w in words) >= 0.8 * len(words):
        return True
    return scoring.answer_matches(text, scoring.expected_answers(case))


def harvest(answerer, embedder, cases: Sequence[dict], top: int = TOP_UNITS) -> list[dict]:
    """Ask each case once; keep the best `top` scored units with their similarity to the question."""
    from index.retriever import vector_query_text
    captured: dict = {}
    score, shadowed = answerer._score, "_score" in vars(answerer)

    def keep(qa, candidates):
        score(qa, candidates)
        captured["units"] = sorted(candidates, key=lambda c: c.score, reverse=True)[:top]
        captured["qa"] = qa
    answerer._score = keep
    rows = []
    try:
        for case in cases:
            captured.clear()
            answer = answerer.ask(case["question"])
            units = captured.get("units", [])
            sims = []
            if units:
                query = embedder.embed_query(vector_query_text(case["question"]))
                sims = (embedder.embed([c.text[:512] for c in units]) @ query).tolist()
            qa = captured.get("qa")
            rows.append({
                "id": case["id"], "negative": scoring.is_negative(case), "abstained": answer.abstained,
                "off_topic": bool(qa is not None and answerer._about_something_else(qa)),
                "units": [{"score": c.score, "sim": s, "type_ok": c.type_ok,
                           "good": unit_is_good(case, c.text)} for c, s in zip(units, sims)]})
    finally:
        if shadowed:
            answerer._score = score
        else:
            del answerer._score
    return rows


def reorder_outcome(rows: Sequence[dict], k: int, delta: float, alpha: float) -> dict:
    """Answered positives whose picked unit turns good (gained) or stops being good (lost)."""
    gained, lost = [], []
    for row in rows:
        units = row["units"][:k]
        if row["negative"] or row["abstained"] or not units:
            continue
        best = units[0]
        near = [u for u in units if u["score"] >= best["score"] - delta]
        picked = max(near, key=lambda u: u["score"] + alpha * u["sim"])
        if picked is not best and picked["good"] != best["good"]:
            (gained if picked["good"] else lost).append(row["id"])
    return {"gained": gained, "lost": lost}


def boost_outcome(rows: Sequence[dict], k: int, tau: float, beta: float, cap: float,
                  threshold: float) -> dict:
    """Cases whose outcome a similarity bonus changes, and how close the negatives come."""
    out: dict = {"rescued": [], "gained": [], "lost": [], "negatives_answered": [], "wrong_rescue": [],
                 "highest_negative": None}
    for row in rows:
        units = row["units"][:k]
        if row["off_topic"] or not units:
            continue

        def lifted(u):
            return u["score"] + (min(cap, beta * max(0.0, u["sim"] - tau)) if u["type_ok"] else 0.0)
        picked = max(units, key=lifted)
        confidence, best = lifted(picked), units[0]
        if row["negative"]:
            if row["abstained"]:
                high = out["highest_negative"]
                out["highest_negative"] = confidence if high is None else max(high, confidence)
                if confidence >= threshold:
                    out["negatives_answered"].append(row["id"])
        elif row["abstained"] and confidence >= threshold:
            out["rescued" if picked["good"] else "wrong_rescue"].append(row["id"])
        elif not row["abstained"] and picked is not best and picked["good"] != best["good"]:
            out["gained" if picked["good"] else "lost"].append(row["id"])
    return out


def net(outcome: dict) -> int:
    plus = len(outcome.get("gained", [])) + len(outcome.get("rescued", []))
    minus = sum(len(outcome.get(key, [])) for key in ("lost", "negatives_answered", "wrong_rescue"))
    return plus - minus


def sweep(rows: Sequence[dict], threshold: float, best: int = 5) -> dict:
    """The best rules of each family that change any case, by net cases gained (fewest changes first)."""
    def grid(spec):
        keys = list(spec)
        return [dict(zip(keys, values)) for values in itertools.product(*spec.values())]

    def ranked(results):
        # a rule that changes no case (a weight too small to matter) says nothing
        results = [r for r in results if any(isinstance(v, list) and v for v in r["outcome"].values())]
        results.sort(key=lambda r: (-net(r["outcome"]), sum(len(v) for k, v in r["outcome"].items()
                                                             if isinstance(v, list))))
        return results[:best]
    reorder = [{"rule": p, "outcome": reorder_outcome(rows, **p)} for p in grid(REORDER_GRID)]
    boost = [{"rule": p, "outcome": boost_outcome(rows, threshold=threshold, **p)} for p in grid(BOOST_GRID)]
    return {"reorder": ranked(reorder), "boost": ranked(boost)}


def main(argv: Optional[Sequence[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    h = sub.add_parser("harvest", help="ask a home's cases; write their scored units as JSON")
    h.add_argument("--home", required=True)
    h.add_argument("--out", required=True)
    h.add_argument("cases", nargs="+")
    s = sub.add_parser("sweep", help="replay the rules on harvested units of one or more homes")
    s.add_argument("rows", nargs="+")
    args = parser.parse_args(argv)
    from answer.answerer import ABSTAIN_BELOW
    if args.command == "harvest":
        from answer.answerer import Answerer
        from index.embedder import get_embedder
        from index.retriever import HybridRetriever
        from ingest.store import Store
        from .runner import load_cases
        store = Store(os.path.join(args.home, "minutebook.db"))
        answerer = Answerer(store, HybridRetriever(store, os.path.join(args.home, "index")))
        rows = harvest(answerer, get_embedder(), load_cases(args.cases))
        with open(args.out, "w", encoding="utf-8") as f:
            json.dump(rows, f)
        return
    rows = [row for path in args.rows for row in json.load(open(path, encoding="utf-8"))]
    for family, results in sweep(rows, ABSTAIN_BELOW).items():
        for r in results:
            print(family, net(r["outcome"]), r["rule"], {k: v for k, v in r["outcome"].items() if v})


if __name__ == "__main__":
    main()
