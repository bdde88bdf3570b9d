"""Scoring rules of `shared/eval/README.md` as pure functions over strings and dicts.

Nothing here imports the retriever or answerer: a case, the passages a mode
returned, the answer dict and the cited passage(s) go in; booleans and numbers
come out. `score_case` scores one case, `aggregate` turns case scores into
metrics (overall, per mode, per kind, per case file).
"""
from __future__ import annotations

import re
from typing import Iterable, Optional, Sequence

COVERAGE_THRESHOLD = 0.8      # share of evidence word tokens a passage must hold
ANSWER_TEXT_LIMIT = 300       # the answer text scored: short answer + its sentence, cut here
HIT_KS = (1, 3, 5, 10)
NEGATIVE_ANSWER = "NOT_IN_CORPUS"

# Quote characters and dashes folded to their ASCII forms.
_QUOTES = {c: "'" for c in "\u2018\u2019\u201a\u201b\u2032\u0060\u00b4"}
_QUOTES.update({c: '"' for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"})
_DASHES = {c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"}
_FOLD = str.maketrans({**_QUOTES, **_DASHES})
_SPACE = re.compile(r"\s+")
# A word token keeps digits grouped ("1,691.19", "8/9") so a stray "1" cannot count
# as coverage of a figure; letters split at punctuation as usual.
_TOKEN = re.compile(r"\w+(?:[.,/]\w+)*")
_ISO_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})\s*$")


# -- text ------------------------------------------------------------------
def normalise(text: Optional[str]) -> str:
    """Fold case, unify quotes and dashes, collapse all whitespace to one space."""
    if not text:
        return ""
    return _SPACE.sub(" ", text.translate(_FOLD).casefold()).strip()


def word_tokens(text: Optional[str]) -> list[str]:
    """Word tokens of the normalised text, in order, repeats kept."""
    return _TOKEN.findall(normalise(text))


def token_coverage(evidence: str, passage: str) -> float:
    """Share of the evidence's word tokens (counted with repeats) found in the passage."""
    ev = word_tokens(evidence)
    if not ev:
        return 0.0
    have = set(word_tokens(passage))
    return sum(1 for t in ev if t in have) / len(ev)


def covers(evidence: str, passage: Optional[str], threshold: float = COVERAGE_THRESHOLD) -> bool:
    """The passage covers the evidence: substring after normalising, or >= 80% of its tokens."""
    if not evidence or not passage:
        return False
    if normalise(evidence) in normalise(passage):
        return True
    ev = word_tokens(evidence)
    if not ev:
        return False
    have = set(word_tokens(passage))
    present = sum(1 for t in ev if t in have)
    # integer form of present/len >= threshold, so 4/5 is exactly 80%
    return present * 1000 >= round(threshold * 1000) * len(ev)


def first_hit_rank(evidence: str, passages: Sequence[str]) -> Optional[int]:
    """1-based rank of the first passage covering the evidence, None if none does."""
    for rank, text in enumerate(passages, start=1):
        if covers(evidence, text):
            return rank
    return None


def hit_at(rank: Optional[int], k: int) -> bool:
    return rank is not None and rank <= k


def reciprocal_rank(rank: Optional[int]) -> float:
    return 1.0 / rank if rank else 0.0


# -- answers ---------------------------------------------------------------
def answer_text(answer: dict, limit: int = ANSWER_TEXT_LIMIT) -> str:
    """What is scored for answer accuracy: answer + " " + sentence, at most `limit` chars."""
    joined = f"{answer.get('answer') or ''} {answer.get('sentence') or ''}".strip()
    return joined[:limit]


def _phrase_pattern(phrase: str) -> re.Pattern:
    # Whole-word match at alphanumeric edges: alias "No" must not match "know".
    head = r"(?<!\w)" if phrase[:1].isalnum() else ""
    tail = r"(?!\w)" if phrase[-1:].isalnum() else ""
    return re.compile(head + re.escape(phrase) + tail)


def answer_matches(system_text: str, expected: Iterable[str]) -> bool:
    """The normalised system text contains one normalised expected answer (whole words)."""
    text = normalise(system_text)
    for phrase in expected:
        phrase = normalise(phrase)
        if phrase and _phrase_pattern(phrase).search(text):
            return True
    return False


def expected_answers(case: dict) -> list[str]:
    return [case.get("answer") or ""] + list(case.get("answer_aliases") or [])


def is_negative(case: dict) -> bool:
    return case.get("kind") == "negative" or case.get("answer") == NEGATIVE_ANSWER


# -- pages and meetings ----------------------------------------------------
def page_range_includes(page_start: Optional[int], page_end: Optional[int],
                        page: Optional[int]) -> bool:
    """True when `page` lies in [page_start, page_end]; no expected page means no constraint."""
    if page is None:
        return True
    if page_start is None and page_end is None:
        return False
    lo = page_start if page_start is not None else page_end
    hi = page_end if page_end is not None else page_start
    return lo <= page <= hi


def meeting_date(meeting: Optional[str]) -> Optional[str]:
    """ISO date at the end of a case's `meeting` ("Cabinet 2025-01-30" -> "2025-01-30")."""
    m = _ISO_DATE.search(meeting or "")
    return m.group(1) if m else None


def meeting_body(meeting: Optional[str]) -> Optional[str]:
    """Body part of a case's `meeting` ("Cabinet 2025-01-30" -> "Cabinet")."""
    if not meeting:
        return None
    body = _ISO_DATE.sub("", meeting).strip()
    return body or None


def body_matches(expected: Optional[str], got: Optional[str]) -> bool:
    """Loose body comparison: one normalised name contains the other."""
    a, b = normalise(expected), normalise(got)
    return bool(a and b) and (a in b or b in a)


# -- one case --------------------------------------------------------------
def cited_passage_correct(case: dict, passage: dict) -> bool:
    """A cited passage {text, page_start, page_end} covers the evidence (and its page)."""
    return (covers(case.get("evidence") or "", passage.get("text"))
            and page_range_includes(passage.get("page_start"), passage.get("page_end"),
                                    case.get("page")))


def score_case(case: dict, retrieved: dict[str, list[str]], answer: Optional[dict],
               cited: Sequence[dict]) -> dict:
    """Score one case.

    retrieved: mode -> passage texts in rank order.
    answer: `Answer.to_dict()` (None when the answerer was not run or failed).
    cited: candidate cited passages for the first citation, each
        {"source": "quote"|"chunk", "text", "page_start", "page_end", "meeting_date", "body"};
        the citation is correct when any candidate covers the evidence (and the page).
    """
    negative = is_negative(case)
    evidence = case.get("evidence") or ""
    ranks = {mode: (None if negative else first_hit_rank(evidence, texts))
             for mode, texts in retrieved.items()}
    score = {
        "id": case.get("id"), "kind": case.get("kind") or "unknown",
        "file": case.get("_file", ""), "negative": negative, "ranks": ranks,
        "abstained": None, "answer_correct": None, "citation_correct": None,
        "quote_citation_correct": None, "attribution_correct": None, "body_correct": None,
    }
    if answer is None:
        return score
    abstained = bool(answer.get("abstained"))
    score["abstained"] = abstained
    if negative:
        score["answer_correct"] = abstained
        return score
    score["answer_correct"] = (not abstained) and answer_matches(answer_text(answer),
                                                                 expected_answers(case))
    usable = [] if abstained else list(cited)
    score["citation_correct"] = any(cited_passage_correct(case, p) for p in usable)
    score["quote_citation_correct"] = any(cited_passage_correct(case, p)
                                          for p in usable if p.get("source") == "quote")
    want_date = meeting_date(case.get("meeting"))
    if want_date:
        got = usable[0] if usable else {}
        score["attribution_correct"] = got.get("meeting_date") == want_date
        score["body_correct"] = body_matches(meeting_body(case.get("meeting")), got.get("body"))
    return score


# -- many cases ------------------------------------------------------------
def mean(values: Iterable[Optional[bool | float]]) -> Optional[float]:
    """Mean of the values that are not None; None when there are none."""
    vals = [float(v) for v in values if v is not None]
    return round(sum(vals) / len(vals), 4) if vals else None


def retrieval_metrics(scores: Sequence[dict], mode: str, ks: Sequence[int] = HIT_KS) -> dict:
    """hit@k and MRR of one mode over the positive cases."""
    ranks = [s["ranks"].get(mode) for s in scores if not s["negative"] and mode in s["ranks"]]
    out: dict = {"n": len(ranks)}
    for k in ks:
        out[f"hit@{k}"] = mean(hit_at(r, k) for r in ranks)
    out["mrr"] = mean(reciprocal_rank(r) for r in ranks)
    return out


def abstention_metrics(scores: Sequence[dict]) -> dict:
    """Precision: abstentions that were on negatives. Recall: negatives abstained on."""
    answered = [s for s in scores if s["abstained"] is not None]
    abstained = [s for s in answered if s["abstained"]]
    negatives = [s for s in answered if s["negative"]]
    positives = [s for s in answered if not s["negative"]]
    true_abstains = sum(1 for s in abstained if s["negative"])
    return {
        "abstention_precision": round(true_abstains / len(abstained), 4) if abstained else None,
        "abstention_recall": round(true_abstains / len(negatives), 4) if negatives else None,
        "false_abstention_rate": mean(s["abstained"] for s in positives),
        "abstained": len(abstained), "negatives": len(negatives),
    }


def answer_metrics(scores: Sequence[dict]) -> dict:
    positives = [s for s in scores if not s["negative"]]
    return {
        "answer_accuracy": mean(s["answer_correct"] for s in scores),
        "answer_accuracy_positive": mean(s["answer_correct"] for s in positives),
        "citation_accuracy": mean(s["citation_correct"] for s in positives),
        "quote_citation_accuracy": mean(s["quote_citation_correct"] for s in positives),
        "attribution": mean(s["attribution_correct"] for s in positives),
        "attribution_n": sum(1 for s in positives if s["attribution_correct"] is not None),
        "body_attribution": mean(s["body_correct"] for s in positives),
    }


def summarise(scores: Sequence[dict], modes: Sequence[str], primary: str) -> dict:
    """All metrics of a group of cases; hit@5/MRR of `primary` mode at the top level."""
    per_mode = {m: retrieval_metrics(scores, m) for m in modes}
    top = per_mode.get(primary, {})
    out = {"n": len(scores), "hit@5": top.get("hit@5"), "mrr": top.get("mrr")}
    out.update(answer_metrics(scores))
    out.update(abstention_metrics(scores))
    out["modes"] = per_mode
    return out


def aggregate(scores: Sequence[dict], modes: Sequence[str], primary: Optional[str] = None) -> dict:
    """Overall, per mode, per kind and per case file metrics."""
    primary = primary or ("hybrid" if "hybrid" in modes else (modes[0] if modes else ""))
    overall = summarise(scores, modes, primary)
    by_kind: dict[str, list[dict]] = {}
    by_file: dict[str, list[dict]] = {}
    for s in scores:
        by_kind.setdefault(s["kind"], []).append(s)
        by_file.setdefault(s["file"], []).append(s)
    return {
        "primary_mode": primary,
        "overall": {k: v for k, v in overall.items() if k != "modes"},
        "modes": overall["modes"],
        "kinds": {k: summarise(v, modes, primary) for k, v in sorted(by_kind.items())},
        "files": {f: summarise(v, modes, primary) for f, v in by_file.items()},
    }
