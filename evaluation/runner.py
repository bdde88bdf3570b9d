"""Run eval cases through the real retriever and answerer, then score them.

Contracts used (ARCHITECTURE.md): `ingest.pipeline.ingest_paths`,
`index.build.update_indexes`, `index.retriever.HybridRetriever(store, index_dir)
.search(query, mode, k)` and `answer.answerer.Answerer(store, retriever).ask(q)
.to_dict()`. Scoring itself lives in `scoring` and sees only plain data.

What counts as the *cited passage*: the first citation's quote (page range from
the document's page spans at the quote's start and end) and every stored chunk
the quote overlaps (the chunk's page range). The citation is correct when any of
them covers the evidence and its page; `quote_citation_accuracy` uses the quote
alone.
"""
from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional, Sequence

from ingest.store import Store

from . import scoring

log = logging.getLogger(__name__)

MODES = ("keyword", "vector", "hybrid")
REQUIRED_FIELDS = ("id", "question", "answer", "kind")


def split_mode(label: str) -> tuple[str, Optional[str]]:
    """"hybrid:rrf" -> ("hybrid", "rrf"): a retrieval mode with an optional fusion method."""
    mode, _, fusion = label.partition(":")
    return mode, (fusion or None)


class CaseFileError(ValueError):
    """A case file that cannot be read or has a malformed case."""


# -- cases -------------------------------------------------------------------
def load_cases(paths: Sequence[str | Path]) -> list[dict]:
    """Cases from JSONL files, each tagged with `_file` (the file's name)."""
    cases: list[dict] = []
    seen: set[str] = set()
    for path in map(Path, paths):
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise CaseFileError(f"cannot read case file {path}: {exc}") from exc
        for lineno, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                case = json.loads(line)
            except ValueError as exc:
                raise CaseFileError(f"{path}:{lineno}: not valid JSON ({exc})") from exc
            if not isinstance(case, dict):
                raise CaseFileError(f"{path}:{lineno}: a case must be a JSON object")
            missing = [f for f in REQUIRED_FIELDS if not case.get(f)]
            if missing:
                raise CaseFileError(f"{path}:{lineno}: case lacks {', '.join(missing)}")
            if not scoring.is_negative(case) and not case.get("evidence"):
                raise CaseFileError(f"{path}:{lineno}: case {case['id']} has no evidence")
            if case["id"] in seen:
                raise CaseFileError(f"{path}:{lineno}: duplicate case id {case['id']}")
            seen.add(case["id"])
            cases.append({**case, "_file": path.name})
    return cases


def resolve_doc(corpus: Path, doc: Optional[str]) -> Optional[Path]:
    """The file a case's `doc` names: corpus/doc, else a file of the same name under corpus."""
    if not doc:
        return None
    direct = corpus / doc
    if direct.is_file():
        return direct.resolve()
    matches = sorted(corpus.rglob(Path(doc).name))
    return matches[0].resolve() if matches else None


def missing_docs(corpus: Path, cases: Sequence[dict]) -> list[str]:
    """Case ids whose `doc` is not in the corpus (they can still be scored on text)."""
    return [c["id"] for c in cases if c.get("doc") and resolve_doc(corpus, c["doc"]) is None]


# -- home ----------------------------------------------------------------------
def prepare_home(store: Store, index_dir: Path, sources: Path | Sequence[Path]) -> dict:
    """Ingest the corpus, or the given files/folders of it (incremental: unchanged files are
    skipped), and update the indexes."""
    from ingest.pipeline import ingest_paths
    from index.build import update_indexes

    report = ingest_paths(store, [sources] if isinstance(sources, Path) else list(sources))
    for path, reason in report.skipped:
        log.info("ingest skipped %s: %s", path, reason)
    # Always asked: a no-op when the live generation matches the store and INDEX_FORMAT,
    # a rebuild after a format change even when no file changed.
    update_indexes(store, index_dir)
    return {"ingested": len(report.ingested), "unchanged": len(report.unchanged),
            "skipped": [[p, r] for p, r in report.skipped]}


def foreign_documents(store: Store, corpus: Path) -> int:
    """Live documents in the home from outside the corpus: they make figures incomparable."""
    root = str(corpus.resolve())
    return sum(1 for d in store.documents() if not str(d["path"]).startswith(root))


# -- cited passage -------------------------------------------------------------
def cited_candidates(store: Store, answer: dict) -> list[dict]:
    """The passage(s) behind the answer's first citation, as plain dicts for scoring."""
    citations = answer.get("citations") or []
    if not citations:
        return []
    cit = citations[0]
    base = {"meeting_date": cit.get("meeting_date"), "body": cit.get("body"),
            "document_id": cit.get("document_id")}
    page = cit.get("page")
    quote = {**base, "source": "quote", "text": cit.get("quote") or "",
             "page_start": page, "page_end": page}
    out = [quote]
    doc_id, start, end = cit.get("document_id"), cit.get("start"), cit.get("end")
    if not doc_id or start is None or end is None:
        return out
    doc = store.document(doc_id)
    if doc is not None and doc.pages:
        first, last = doc.page_at(start), doc.page_at(max(start, end - 1))
        quote["page_start"] = first if first is not None else page
        quote["page_end"] = last if last is not None else page
    for chunk in store.chunks_of(doc_id):
        if chunk.start < end and start < chunk.end:       # overlaps the quote
            out.append({**base, "source": "chunk", "text": chunk.text, "chunk_id": chunk.id,
                        "section": chunk.section, "page_start": chunk.page_start,
                        "page_end": chunk.page_end})
    return out


# -- evidence reachability -----------------------------------------------------
@dataclass
class PreparedChunk:
    normalised: str
    tokens: frozenset
    page_start: Optional[int]
    page_end: Optional[int]


def prepare_chunks(store: Store) -> list[PreparedChunk]:
    return [PreparedChunk(scoring.normalise(c.text), frozenset(scoring.word_tokens(c.text)),
                          c.page_start, c.page_end) for c in store.live_chunks()]


def evidence_in_store(case: dict, chunks: Sequence[PreparedChunk]) -> bool:
    """Some indexed chunk covers the evidence (and page): else retrieval cannot hit it."""
    ev_norm = scoring.normalise(case.get("evidence"))
    ev_tokens = scoring.word_tokens(case.get("evidence"))
    if not ev_tokens:
        return False
    need = scoring.COVERAGE_THRESHOLD * len(ev_tokens) - 1e-9
    for ch in chunks:
        if not scoring.page_range_includes(ch.page_start, ch.page_end, case.get("page")):
            continue
        if ev_norm in ch.normalised or sum(1 for t in ev_tokens if t in ch.tokens) >= need:
            return True
    return False


# -- running -------------------------------------------------------------------
@dataclass
class EvalRun:
    cases: list[dict]
    modes: list[str]
    k: int
    results: list[dict] = field(default_factory=list)   # per case: score + what came back
    timings: dict = field(default_factory=dict)


def _passage_summary(result) -> dict:
    doc = getattr(result, "document", None) or {}
    return {"chunk_id": result.chunk_id, "text": result.text, "page_start": result.page_start,
            "page_end": result.page_end, "title": doc.get("title"),
            "meeting_date": doc.get("meeting_date")}


def run_cases(store: Store, retriever, answerer, cases: Sequence[dict], modes: Sequence[str],
              k: int = 10, progress: Optional[Callable[[int, int], None]] = None) -> EvalRun:
    """Search each case in every mode, ask it once, and score it."""
    run = EvalRun(cases=list(cases), modes=list(modes), k=k)
    search_ms: dict[str, list[float]] = {m: [] for m in modes}
    ask_ms: list[float] = []
    chunks = prepare_chunks(store)
    for i, case in enumerate(cases, start=1):
        errors: list[str] = []
        retrieved: dict[str, list[dict]] = {}
        for mode in modes:
            t0 = time.perf_counter()
            try:
                base, fusion = split_mode(mode)
                extra = {"fusion": fusion} if fusion else {}
                hits = retriever.search(case["question"], mode=base, k=k, **extra)
                retrieved[mode] = [_passage_summary(h) for h in hits][:k]
            except Exception as exc:  # one broken query must not sink the run
                log.warning("search %s failed for %s: %s", mode, case["id"], exc)
                errors.append(f"search {mode}: {exc!r}")
                retrieved[mode] = []
            search_ms[mode].append((time.perf_counter() - t0) * 1000)
        answer: Optional[dict] = None
        cited: list[dict] = []
        if answerer is not None:
            t0 = time.perf_counter()
            try:
                answer = answerer.ask(case["question"]).to_dict()
                cited = cited_candidates(store, answer)
            except Exception as exc:
                log.warning("ask failed for %s: %s", case["id"], exc)
                errors.append(f"ask: {exc!r}")
                answer = {"answer": "", "sentence": "", "abstained": False, "citations": [],
                          "error": repr(exc)}
            ask_ms.append((time.perf_counter() - t0) * 1000)
        score = scoring.score_case(case, {m: [p["text"] for p in ps] for m, ps in retrieved.items()},
                                   answer, cited)
        score["evidence_in_store"] = (None if score["negative"]
                                      else evidence_in_store(case, chunks))
        run.results.append({"case": case, "score": score, "retrieved": retrieved,
                            "answer": answer, "cited": cited, "errors": errors})
        if progress:
            progress(i, len(cases))
    run.timings = {"search_ms_mean": {m: _mean(v) for m, v in search_ms.items()},
                   "ask_ms_mean": _mean(ask_ms)}
    return run


def _mean(values: Sequence[float]) -> Optional[float]:
    return round(sum(values) / len(values), 1) if values else None


# -- failures ------------------------------------------------------------------
def failure_reasons(score: dict, case: dict, cited: Sequence[dict], primary: str) -> list[str]:
    """Why a case failed, in words; empty when it passed every check that applies."""
    reasons: list[str] = []
    if score["negative"]:
        if score["abstained"] is False:
            reasons.append("answered a question the corpus does not answer (should abstain)")
        return reasons
    if score["abstained"]:
        reasons.append("abstained on an answerable question")
    elif score["answer_correct"] is False:
        reasons.append("answer text lacks the expected answer")
    if score["abstained"] is False and score["citation_correct"] is False:
        quote = cited[0] if cited else None
        if quote is None:
            reasons.append("no citation")
        elif case.get("page") is not None and not any(
                scoring.page_range_includes(c.get("page_start"), c.get("page_end"), case["page"])
                for c in cited):
            reasons.append(f"cited page {quote.get('page_start')}-{quote.get('page_end')}, "
                           f"evidence on page {case['page']}")
        else:
            reasons.append("cited passage does not cover the evidence")
    if score["attribution_correct"] is False:
        got = cited[0].get("meeting_date") if cited else None
        reasons.append(f"attributed to meeting {got}, expected {scoring.meeting_date(case.get('meeting'))}")
    rank = score["ranks"].get(primary)
    if primary in score["ranks"] and not scoring.hit_at(rank, 5):
        where = f"rank {rank}" if rank else "not retrieved"
        reasons.append(f"evidence not in {primary} top 5 ({where})")
    if score.get("evidence_in_store") is False:
        reasons.append("no indexed chunk covers the evidence (ingest/chunking)")
    return reasons


def failures(run: EvalRun, primary: str) -> list[dict]:
    """Every failed case with question, expected answer, what came back and the cited passage."""
    out = []
    for r in run.results:
        case, score, answer, cited = r["case"], r["score"], r["answer"] or {}, r["cited"]
        reasons = failure_reasons(score, case, cited, primary) + r["errors"]
        if not reasons:
            continue
        cit = (answer.get("citations") or [{}])[0]
        chunk = next((c for c in cited if c["source"] == "chunk"), None)
        out.append({
            "id": case["id"], "file": case["_file"], "kind": case.get("kind"),
            "question": case["question"], "expected": scoring.expected_answers(case),
            "expected_meeting": case.get("meeting"), "expected_page": case.get("page"),
            "evidence": case.get("evidence"),
            "got": scoring.answer_text(answer) if answer else None,
            "abstained": answer.get("abstained"), "confidence": answer.get("confidence"),
            "cited": {"title": cit.get("title"), "meeting_date": cit.get("meeting_date"),
                      "body": cit.get("body"), "page": cit.get("page"),
                      "section": cit.get("section"), "quote": cit.get("quote"),
                      "chunk_text": chunk["text"] if chunk else None} if cit else None,
            "ranks": score["ranks"], "reasons": reasons,
        })
    return out


def results_document(run: EvalRun, extra: Optional[dict] = None) -> dict:
    """The one JSON document `eval --json` prints."""
    scores = [r["score"] for r in run.results]
    agg = scoring.aggregate(scores, run.modes)
    primary = agg["primary_mode"]
    positives = [s for s in scores if not s["negative"]]
    agg["overall"]["evidence_in_store"] = scoring.mean(s["evidence_in_store"] for s in positives)
    doc = {
        "overall": agg["overall"], "modes": agg["modes"], "kinds": agg["kinds"],
        "files": agg["files"], "primary_mode": primary, "k": run.k,
        "timings": run.timings,
        "failures": failures(run, primary),
        "cases": [{**r["score"], "question": r["case"]["question"]} for r in run.results],
        "definitions": {
            "cited_passage": "first citation's quote, or any stored chunk the quote overlaps",
            "answer_text": "answer + ' ' + sentence, first 300 characters",
            "answer_match": "normalised expected answer or alias, matched at word boundaries",
            "coverage": "normalised evidence substring, or >=80% of evidence word tokens "
                        "(repeats counted; figures like 1,691.19 are one token)",
            "answer_accuracy": "all cases; a negative is correct when abstained",
            "hit@k/mrr/citation/attribution": "answerable cases only",
        },
    }
    if extra:
        doc.update(extra)
    return doc
