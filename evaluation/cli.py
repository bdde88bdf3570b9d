"""The `eval` and `bench` commands."""
from __future__ import annotations

import json
import logging
import shlex
import sys
import time
from pathlib import Path

import click

from minutebook.config import Home

log = logging.getLogger(__name__)


def _parse_modes(raw: str) -> list[str]:
    from .runner import MODES, split_mode
    modes = list(dict.fromkeys(m.strip() for m in raw.split(",") if m.strip()))
    bad = [m for m in modes if split_mode(m)[0] not in MODES]
    if bad or not modes:
        raise click.BadParameter(
            f"modes must be a comma list of {', '.join(MODES)}, each optionally with a fusion "
            f"method (hybrid:rrf, hybrid:norm); got {raw!r}")
    return modes


def _progress(i: int, n: int) -> None:
    click.echo(f"\r  case {i}/{n}", nl=(i == n), err=True)


@click.command("eval")
@click.argument("cases", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--corpus", required=True, type=click.Path(exists=True, file_okay=False),
              help="Folder the cases' `doc` paths are relative to; ingested into the home.")
@click.option("--ingest", "ingest_paths", multiple=True, type=click.Path(exists=True),
              help="Ingest only these files or folders (repeatable; default: all of --corpus), "
                   "e.g. two councils' folders out of a larger collection.")
@click.option("--modes", default="keyword,vector,hybrid", show_default=True,
              help="Retrieval modes to score side by side; 'hybrid:rrf' picks a fusion method.")
@click.option("--k", default=10, show_default=True, type=click.IntRange(1, 100),
              help="Passages retrieved per mode (hit@k and MRR use these).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
@click.option("--report", "report_dir", type=click.Path(file_okay=False), default=None,
              help="Write report.md and chart.png to this folder.")
@click.option("--no-answer", is_flag=True, help="Score retrieval only (skip the answerer).")
@click.pass_obj
def eval_cmd(home: Home, cases: tuple[str, ...], corpus: str, ingest_paths: tuple[str, ...], modes: str,
             k: int, as_json: bool, report_dir: str | None, no_answer: bool) -> None:
    """Score search and answers on eval CASES (JSONL, schema of shared/eval/README.md)."""
    from ingest.store import Store

    from . import report, runner

    mode_list = _parse_modes(modes)
    try:
        case_list = runner.load_cases(cases)
    except runner.CaseFileError as exc:
        raise click.ClickException(str(exc)) from exc
    corpus_dir = Path(corpus).resolve()
    sources = [Path(p).resolve() for p in ingest_paths] or [corpus_dir]
    outside = [str(p) for p in sources if not p.is_relative_to(corpus_dir)]
    if outside:
        raise click.BadParameter(f"not under --corpus {corpus_dir}: {', '.join(outside)}",
                                 param_hint="--ingest")
    missing = runner.missing_docs(corpus_dir, case_list)
    if missing:
        click.echo(f"warning: {len(missing)} case(s) name a doc not found under {corpus_dir}: "
                   f"{', '.join(missing[:8])}{' ...' if len(missing) > 8 else ''}", err=True)

    store = Store(home.db_path)
    t0 = time.perf_counter()
    prep = runner.prepare_home(store, home.index_dir, sources)
    prep_s = time.perf_counter() - t0
    foreign = runner.foreign_documents(store, corpus_dir)
    if foreign:
        click.echo(f"warning: the home holds {foreign} document(s) from outside --corpus; "
                   "figures are not comparable to a clean home", err=True)

    from index.retriever import HybridRetriever
    retriever = HybridRetriever(store, home.index_dir)
    answerer = None
    if not no_answer:
        try:
            from answer.answerer import Answerer
        except ImportError as exc:
            click.echo(f"warning: answerer unavailable ({exc}); scoring retrieval only", err=True)
        else:
            answerer = Answerer(store, retriever)

    t0 = time.perf_counter()
    run = runner.run_cases(store, retriever, answerer, case_list, mode_list, k,
                           progress=_progress if sys.stderr.isatty() and not as_json else None)
    run_s = time.perf_counter() - t0
    command = "minutebook " + " ".join(shlex.quote(a) for a in sys.argv[1:])
    doc = runner.results_document(run, extra={
        "corpus": str(corpus_dir), "case_files": [str(Path(c).resolve()) for c in cases],
        "missing_docs": missing, "foreign_documents": foreign, "ingest": prep,
        "seconds": {"prepare": round(prep_s, 1), "run": round(run_s, 1)},
        "answerer": answerer is not None,
    })
    if report_dir:
        path = report.write_report(doc, Path(report_dir), command)
        click.echo(f"report written to {path}", err=True)
    if as_json:
        click.echo(json.dumps(doc, indent=2, ensure_ascii=False, default=str))
    else:
        click.echo(report.render_text(doc))


@click.command("bench")
@click.option("--corpus", type=click.Path(exists=True, file_okay=False), default=None,
              help="Demo corpus for search/ask latency (default: the project's corpus/).")
@click.option("--pdfs", type=click.Path(exists=True, file_okay=False), default=None,
              help="PDF folder for ingestion throughput (default: tests/fixtures/kent).")
@click.option("--sizes", default="10000,100000", show_default=True,
              help="Synthetic corpus sizes (chunks) for search latency; '' to skip.")
@click.option("--queries", default=30, show_default=True, type=click.IntRange(1, 1000),
              help="Queries per latency measurement.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def bench(corpus: str | None, pdfs: str | None, sizes: str, queries: int, as_json: bool) -> None:
    """Benchmarks: ingestion throughput, search/ask latency, index size, memory, scale."""
    from . import bench as bench_mod

    try:
        size_list = [int(s) for s in sizes.split(",") if s.strip()]
    except ValueError as exc:
        raise click.BadParameter(f"--sizes must be comma-separated integers: {sizes!r}") from exc
    results = bench_mod.run_all(corpus=Path(corpus) if corpus else None,
                                pdfs=Path(pdfs) if pdfs else None,
                                sizes=size_list, n_queries=queries,
                                log_progress=lambda msg: click.echo(msg, err=True))
    if as_json:
        click.echo(json.dumps(results, indent=2, default=str))
    else:
        click.echo(bench_mod.render_text(results))
