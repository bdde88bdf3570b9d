"""Benchmarks: ingestion throughput, warm search/ask latency, index size, memory, scale.

Every figure is measured on the real code path: `ingest_paths`, the embedder,
`index.build` and `HybridRetriever`/`Answerer`, in fresh temporary homes with a
fresh embedding cache (MINUTEBOOK_EMBED_CACHE inside the temp dir) so embedding
time is really measured. Synthetic scale corpora reuse real sentences, but their
vectors are sampled real chunk embeddings plus noise (embedding 100k passages
would take ~40 minutes on 2 cores), built with `index.build.build_generation`.
Figures, not pass/fail.
"""
from __future__ import annotations

import hashlib
import json
import os
import platform
import random
import re
import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Callable, Optional, Sequence

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT / "corpus"
DEFAULT_PDFS = ROOT / "tests" / "fixtures" / "kent"
DEFAULT_QUESTIONS = ROOT.parent / "shared" / "eval" / "dev.jsonl"
MODES = ("keyword", "vector", "hybrid")
SYNTHETIC_CHUNKS_PER_DOC = 40
SYNTHETIC_NOISE = 0.6        # noise norm relative to the unit vector it perturbs
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\"'])")

Log = Callable[[str], None]


# -- small helpers ---------------------------------------------------------------
def percentile(values: Sequence[float], q: float) -> Optional[float]:
    """Nearest-rank percentile (q in 0..100) of the values, None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def latency_summary(ms: Sequence[float]) -> dict:
    return {"n": len(ms), "p50_ms": _r(percentile(ms, 50)), "p95_ms": _r(percentile(ms, 95)),
            "mean_ms": _r(statistics.fmean(ms)) if ms else None}


def _r(x: Optional[float], nd: int = 1) -> Optional[float]:
    return round(x, nd) if x is not None else None


def peak_rss_mib() -> float:
    """Peak resident memory of this process so far (ru_maxrss is KiB on Linux)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def dir_size_mib(path: Path) -> float:
    total = sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())
    return round(total / 2**20, 2)


def db_size_mib(db: Path) -> float:
    """SQLite file plus its WAL (in WAL mode recent writes live in the -wal file)."""
    files = [db, db.with_name(db.name + "-wal")]
    return round(sum(f.stat().st_size for f in files if f.exists()) / 2**20, 2)


def live_index_size_mib(index_dir: Path) -> float:
    from index.build import read_current
    live = read_current(index_dir)
    return dir_size_mib(index_dir / live) if live else 0.0


def load_questions(path: Path = DEFAULT_QUESTIONS, limit: int = 30) -> list[str]:
    """Questions for latency runs: the dev eval questions, else generic ones."""
    questions: list[str] = []
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                questions.append(json.loads(line)["question"])
    if not questions:
        questions = ["What did the board decide about the minutes?", "How much does it cost?",
                     "Who presented the report?", "When is the next meeting?"]
    return [questions[i % len(questions)] for i in range(limit)]


def time_calls(fn: Callable[[str], object], queries: Sequence[str]) -> list[float]:
    """Wall time of fn(q) for each query, in ms; one untimed warm-up call first."""
    fn(queries[0])
    out = []
    for q in queries:
        t0 = time.perf_counter()
        fn(q)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def stage_latencies(retriever, queries: Sequence[str], k: int = 10) -> dict:
    """Warm per-stage latency of a hybrid search, so the slow stage is visible.

    Runs the same steps as `HybridRetriever.search` one by one: query parsing, keyword
    (BM25F: precomputed sparse weights for plain questions, Whoosh for phrase/fielded/boolean
    syntax; see index/sparse.py), query embedding, vector (FAISS), fusion, hydration (store look-ups,
    dedupe, highlights). Returns latency_summary per stage.
    """
    from index.fusion import fuse
    from index.keyword import parse_query
    from index.retriever import vector_query_text

    gen = retriever._current()
    if gen is None:
        return {}
    stages: dict[str, list[float]] = {s: [] for s in
                                      ("parse", "keyword", "embed", "vector", "fusion", "hydrate")}
    weights = [retriever.weights["keyword"], retriever.weights["vector"]]

    def one(q: str, record: bool) -> None:
        t = [time.perf_counter()]
        parsed = parse_query(q)
        t.append(time.perf_counter())
        kw = gen.keyword.search(parsed, retriever.candidates)
        t.append(time.perf_counter())
        qvec = retriever.embedder.embed_query(vector_query_text(q))
        t.append(time.perf_counter())
        vec = gen.vector.search(qvec, retriever.candidates)
        t.append(time.perf_counter())
        fused = fuse(retriever.fusion, [kw, vec], weights)
        t.append(time.perf_counter())
        retriever._hydrate(gen, fused, {}, q, k)
        t.append(time.perf_counter())
        if record:
            for name, a, b in zip(stages, t, t[1:]):
                stages[name].append((b - a) * 1000)

    one(queries[0], record=False)
    for q in queries:
        one(q, record=True)
    return {name: latency_summary(ms) for name, ms in stages.items()}


# -- phases ------------------------------------------------------------------------
def bench_ingest(pdfs: Path, home_dir: Path, log: Log) -> dict:
    """Pages/s and chunks/s of ingest, embeddings/s with an empty cache, index build time."""
    from index.build import records_from_store, update_indexes
    from index.embedder import get_embedder, load_model
    from ingest.pipeline import ingest_paths
    from ingest.store import Store

    t0 = time.perf_counter()
    load_model()
    model_s = time.perf_counter() - t0
    store = Store(home_dir / "minutebook.db")
    log(f"ingest: reading {pdfs}")
    t0 = time.perf_counter()
    report = ingest_paths(store, [pdfs])
    ingest_s = time.perf_counter() - t0
    records = records_from_store(store)
    log(f"ingest: embedding {len(records)} chunks (empty cache)")
    t0 = time.perf_counter()
    get_embedder().embed([r.embed_text() for r in records])
    embed_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    built = update_indexes(store, home_dir / "index")   # embeddings now cached: index build only
    index_s = time.perf_counter() - t0
    return {
        "files": len(report.ingested), "skipped": len(report.skipped), "pages": report.pages,
        "documents": report.documents, "chunks": report.chunks, "indexed_chunks": built["chunks"],
        "model_load_s": _r(model_s, 2), "ingest_s": _r(ingest_s, 2),
        "pages_per_s": _r(report.pages / ingest_s if ingest_s else None),
        "chunks_per_s": _r(report.chunks / ingest_s if ingest_s else None),
        "embed_s": _r(embed_s, 2),
        "embeddings_per_s": _r(len(records) / embed_s if embed_s else None),
        "index_build_s": _r(index_s, 2),
        "index_mib": live_index_size_mib(home_dir / "index"),
        "db_mib": db_size_mib(home_dir / "minutebook.db"),
        "peak_rss_mib": peak_rss_mib(),
    }


def bench_demo(corpus: Path, home_dir: Path, n_queries: int, log: Log) -> dict:
    """Warm search latency per mode and ask latency on the demo corpus."""
    from index.build import update_indexes
    from index.retriever import HybridRetriever
    from ingest.pipeline import ingest_paths
    from ingest.store import Store

    store = Store(home_dir / "minutebook.db")
    log(f"demo: ingesting {corpus}")
    t0 = time.perf_counter()
    report = ingest_paths(store, [corpus])
    built = update_indexes(store, home_dir / "index")
    build_s = time.perf_counter() - t0
    retriever = HybridRetriever(store, home_dir / "index")
    queries = load_questions(limit=n_queries)
    out: dict = {"chunks": built["chunks"], "documents": report.documents,
                 "ingest_and_index_s": _r(build_s, 2), "search": {}}
    for mode in MODES:
        log(f"demo: search latency, {mode}")
        out["search"][mode] = latency_summary(
            time_calls(lambda q, m=mode: retriever.search(q, mode=m, k=10), queries))
    log("demo: hybrid search stages")
    out["stages"] = stage_latencies(retriever, queries)
    try:
        from answer.answerer import Answerer
    except ImportError as exc:
        out["ask"] = {"error": f"answerer unavailable: {exc}"}
    else:
        log("demo: ask latency")
        answerer = Answerer(store, retriever)
        out["ask"] = latency_summary(time_calls(answerer.ask, queries))
    out["index_mib"] = live_index_size_mib(home_dir / "index")
    out["db_mib"] = db_size_mib(home_dir / "minutebook.db")
    out["peak_rss_mib"] = peak_rss_mib()
    return out


def corpus_sentences(store) -> list[str]:
    """Sentences of the real corpus (chunk texts split at sentence ends)."""
    out = []
    for chunk in store.live_chunks():
        for s in _SENTENCE.split(" ".join(chunk.text.split())):
            if 20 <= len(s) <= 400:
                out.append(s)
    return out


def synthetic_vectors(real: "np.ndarray", n: int, rng) -> "np.ndarray":
    """n unit vectors: sampled real embeddings plus Gaussian noise, renormalised."""
    import numpy as np
    picks = real[rng.integers(0, len(real), size=n)]
    noise = rng.standard_normal(picks.shape).astype(np.float32)
    noise *= SYNTHETIC_NOISE / np.linalg.norm(noise, axis=1, keepdims=True)
    vecs = picks + noise
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    return vecs.astype(np.float32)


def fill_synthetic_store(store, sentences: Sequence[str], n_chunks: int, seed: int = 7) -> list:
    """Documents of shuffled real sentences, SYNTHETIC_CHUNKS_PER_DOC chunks each."""
    from index.build import IndexRecord
    from ingest.models import Chunk, Document

    rnd = random.Random(seed)
    records = []
    con = store.connect()
    with con:
        for d in range(0, n_chunks, SYNTHETIC_CHUNKS_PER_DOC):
            doc_id = f"synthetic-{d // SYNTHETIC_CHUNKS_PER_DOC:06d}"
            date = f"20{10 + (d // SYNTHETIC_CHUNKS_PER_DOC) % 15:02d}-{1 + d % 12:02d}-15"
            texts = [" ".join(rnd.choices(sentences, k=rnd.randint(2, 6)))
                     for _ in range(min(SYNTHETIC_CHUNKS_PER_DOC, n_chunks - d))]
            body_text, chunks, pos = "", [], 0
            for i, t in enumerate(texts):
                start = len(body_text)
                body_text += t + "\n\n"
                chunks.append(Chunk(id=f"{doc_id}:{i}", document_id=doc_id, ordinal=i,
                                    kind="section", section=f"Item {i + 1}", text=t, start=start,
                                    end=start + len(t), page_start=1 + i // 4, page_end=1 + i // 4,
                                    context=f"Synthetic report {doc_id}"))
            doc = Document(id=doc_id, source_path=f"/synthetic/{doc_id}.txt",
                           source_sha256=hashlib.sha256(doc_id.encode()).hexdigest(), part=0,
                           title=f"Synthetic report {doc_id}", doc_type="report",
                           body="Synthetic Committee", meeting_date=date, text=body_text,
                           text_sha256=hashlib.sha256(body_text.encode()).hexdigest())
            store.add_document(con, doc, chunks, [], [])
            records += [IndexRecord(chunk_id=c.id, text=c.text, section=c.section, title=doc.title,
                                    context=c.context, document_id=doc_id, body=doc.body,
                                    meeting_date=date, doc_type=doc.doc_type) for c in chunks]
    return records


def bench_synthetic(demo_home: Path, size: int, home_dir: Path, n_queries: int, log: Log) -> dict:
    """Build a `size`-chunk synthetic corpus with the real index code and time searches."""
    import numpy as np

    from index.build import build_generation, records_from_store
    from index.embedder import get_embedder
    from index.retriever import HybridRetriever
    from ingest.store import Store

    demo_store = Store(demo_home / "minutebook.db")
    sentences = corpus_sentences(demo_store)
    real = get_embedder().embed([r.embed_text() for r in records_from_store(demo_store)])  # cached
    store = Store(home_dir / "minutebook.db")
    log(f"synthetic {size}: filling store")
    t0 = time.perf_counter()
    records = fill_synthetic_store(store, sentences, size)
    fill_s = time.perf_counter() - t0
    # Same vector layout as a real build: each chunk's vector, then one per passage window.
    owners = np.concatenate([np.arange(len(records)), np.repeat(
        np.arange(len(records)), [len(r.window_embed_texts()) for r in records])])
    vectors = synthetic_vectors(real, len(owners), np.random.default_rng(11))
    log(f"synthetic {size}: building indexes (keyword + {len(vectors)} vectors)")
    t0 = time.perf_counter()
    built = build_generation(records, home_dir / "index", vectors=vectors, owners=owners)
    build_s = time.perf_counter() - t0
    retriever = HybridRetriever(store, home_dir / "index")
    queries = load_questions(limit=n_queries)
    out: dict = {"chunks": built["rows"], "vector_index": built["vector_index"],
                 "store_fill_s": _r(fill_s, 1), "index_build_s": _r(build_s, 1),
                 "index_mib": live_index_size_mib(home_dir / "index"),
                 "vector_count": int(len(vectors)),
                 "vectors": "sampled real chunk embeddings + noise (not embedded)", "search": {}}
    for mode in MODES:
        log(f"synthetic {size}: search latency, {mode}")
        out["search"][mode] = latency_summary(
            time_calls(lambda q, m=mode: retriever.search(q, mode=m, k=10), queries))
    log(f"synthetic {size}: hybrid search stages")
    out["stages"] = stage_latencies(retriever, queries)
    out["peak_rss_mib"] = peak_rss_mib()
    return out


# -- all of it ---------------------------------------------------------------------
def machine() -> dict:
    mem = None
    try:
        with open("/proc/meminfo") as fh:
            kib = int(fh.readline().split()[1])
            mem = round(kib / 2**20, 1)
    except (OSError, ValueError, IndexError):
        pass
    return {"cpus": os.cpu_count(), "mem_gib": mem, "python": platform.python_version(),
            "platform": platform.platform(terse=True)}


def load_average() -> Optional[list[float]]:
    """1/5/15-minute load averages: the machine is shared, so figures need them."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def run_all(corpus: Optional[Path] = None, pdfs: Optional[Path] = None,
            sizes: Sequence[int] = (10_000, 100_000), n_queries: int = 30,
            log_progress: Log = lambda msg: None, keep: Optional[Path] = None) -> dict:
    """Every benchmark in one fresh temp dir (removed afterwards unless `keep`)."""
    corpus = corpus or DEFAULT_CORPUS
    pdfs = pdfs or DEFAULT_PDFS
    tmp = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="minutebook-bench-"))
    tmp.mkdir(parents=True, exist_ok=True)
    previous_cache = os.environ.get("MINUTEBOOK_EMBED_CACHE")
    # Must be set before the process-wide embedder opens its cache.
    os.environ["MINUTEBOOK_EMBED_CACHE"] = str(tmp / "embeddings.sqlite")
    results: dict = {"date": time.strftime("%Y-%m-%d"), "machine": machine(),
                     "queries_per_measure": n_queries, "load_avg_before": load_average()}
    try:
        results["ingest"] = bench_ingest(pdfs, tmp / "ingest-home", log_progress)
        results["demo"] = bench_demo(corpus, tmp / "demo-home", n_queries, log_progress)
        results["synthetic"] = {}
        for size in sizes:
            results["synthetic"][str(size)] = bench_synthetic(
                tmp / "demo-home", size, tmp / f"synthetic-{size}", n_queries, log_progress)
            shutil.rmtree(tmp / f"synthetic-{size}", ignore_errors=True)
    finally:
        if previous_cache is None:
            os.environ.pop("MINUTEBOOK_EMBED_CACHE", None)
        else:
            os.environ["MINUTEBOOK_EMBED_CACHE"] = previous_cache
        if not keep:
            shutil.rmtree(tmp, ignore_errors=True)
    results["peak_rss_mib"] = peak_rss_mib()
    results["load_avg_after"] = load_average()
    return results


def _stage_lines(stages: Optional[dict]) -> list[str]:
    if not stages:
        return []
    parts = [f"{name} {x['p50_ms']}/{x['p95_ms']}" for name, x in stages.items()]
    return ["  hybrid stages p50/p95 ms: " + ", ".join(parts)]


def render_text(r: dict) -> str:
    m = r["machine"]
    lines = [f"Minutebook benchmarks, {r['date']}: {m['cpus']} CPUs, {m['mem_gib']} GiB, "
             f"Python {m['python']}",
             f"Load average (1/5/15 min) before {r.get('load_avg_before')}, "
             f"after {r.get('load_avg_after')}"]
    i = r.get("ingest", {})
    if i:
        lines += ["", f"Ingest ({i['files']} PDFs, {i['pages']} pages, {i['chunks']} chunks, "
                      "fresh home, empty embedding cache):",
                  f"  read+split+chunk: {i['ingest_s']} s = {i['pages_per_s']} pages/s, "
                  f"{i['chunks_per_s']} chunks/s",
                  f"  embedding: {i['embed_s']} s = {i['embeddings_per_s']} embeddings/s "
                  f"(model load {i['model_load_s']} s, not included)",
                  f"  index build (embeddings cached): {i['index_build_s']} s; "
                  f"index {i['index_mib']} MiB, SQLite {i['db_mib']} MiB"]
    d = r.get("demo", {})
    if d:
        lines += ["", f"Demo corpus ({d['documents']} documents, {d['chunks']} chunks; "
                      f"index {d['index_mib']} MiB, SQLite {d['db_mib']} MiB), warm, "
                      f"{r['queries_per_measure']} queries each:"]
        for mode, s in d["search"].items():
            lines.append(f"  search {mode:<8} p50 {s['p50_ms']} ms  p95 {s['p95_ms']} ms")
        lines += _stage_lines(d.get("stages"))
        a = d.get("ask", {})
        lines.append(f"  ask             p50 {a.get('p50_ms')} ms  p95 {a.get('p95_ms')} ms"
                     if "p50_ms" in a else f"  ask: {a.get('error')}")
    for size, s in (r.get("synthetic") or {}).items():
        lines += ["", f"Synthetic {size} chunks ({s['vector_index']} vectors; {s['vectors']}); "
                      f"build {s['index_build_s']} s, index {s['index_mib']} MiB:"]
        for mode, x in s["search"].items():
            lines.append(f"  search {mode:<8} p50 {x['p50_ms']} ms  p95 {x['p95_ms']} ms")
        lines += _stage_lines(s.get("stages"))
    lines += ["", f"Peak memory (RSS): {r.get('peak_rss_mib')} MiB"]
    return "\n".join(lines) + "\n"
