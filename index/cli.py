"""The `minutebook search` command."""
from __future__ import annotations

import json

import click

from .retriever import MODES, SearchFilters, HybridRetriever

SNIPPET_CHARS = 240


def snippet(text: str, highlights: list[list[int]], width: int = SNIPPET_CHARS) -> str:
    """A window of `text` around the first highlight, matched words in bold."""
    first = highlights[0][0] if highlights else 0
    lo = max(0, min(first - width // 3, len(text) - width))
    hi = min(len(text), lo + width)
    out, pos = [], lo
    for start, end in highlights:
        if start < pos or end > hi:
            continue
        out += [text[pos:start], click.style(text[start:end], bold=True)]
        pos = end
    out.append(text[pos:hi])
    body = " ".join("".join(out).split())
    return ("…" if lo > 0 else "") + body + ("…" if hi < len(text) else "")


@click.command()
@click.argument("query")
@click.option("--mode", type=click.Choice(MODES), default="hybrid", show_default=True)
@click.option("--body", default=None, help="Only this committee / board (substring, any case).")
@click.option("--from", "date_from", default=None, help="From meeting date YYYY-MM-DD.")
@click.option("--to", "date_to", default=None, help="To meeting date YYYY-MM-DD.")
@click.option("--type", "doc_type", default=None, help="Only this document type (agenda, minutes, report, ...).")
@click.option("-k", "k", type=click.IntRange(1, 1000), default=10, show_default=True)
@click.option("--fusion", type=click.Choice(["norm", "rrf"]), default=None, help="Hybrid fusion method.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def search(home, query, mode, body, date_from, date_to, doc_type, k, fusion, as_json) -> None:
    """Search passages of the ingested papers."""
    from ingest.store import Store
    try:
        filters = SearchFilters(body=body, date_from=date_from, date_to=date_to, doc_type=doc_type)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    if not home.db_path.exists():
        results = []
    else:
        retriever = HybridRetriever(Store(home.db_path), home.index_dir)
        results = retriever.search(query, mode=mode, k=k, filters=filters, fusion=fusion)
    if as_json:
        click.echo(json.dumps({"query": query, "mode": mode, "results": [r.to_dict() for r in results]},
                              indent=2, ensure_ascii=False))
        return
    if not results:
        from .build import read_current
        if read_current(home.index_dir) is None:
            click.echo("No index yet: run `minutebook ingest PATH` first.")
        else:
            click.echo("No matching passages.")
        return
    for rank, r in enumerate(results, start=1):
        d = r.document
        pages = (f"p. {r.page_start}" if r.page_start == r.page_end or r.page_end is None
                 else f"pp. {r.page_start}-{r.page_end}") if r.page_start else ""
        meeting = " ".join(p for p in (d.get("body"), d.get("meeting_date")) if p) or "meeting unknown"
        click.echo(click.style(f"{rank:>2}. {d.get('title') or d.get('id')}", bold=True)
                   + f"  [{meeting}]  {pages}  score {r.score:.3f}")
        if r.section:
            click.echo(f"    § {r.section}")
        click.echo(f"    {snippet(r.text, r.highlights)}")
        if r.also_in:
            click.echo("    also in: " + "; ".join(a.get("title") or a["id"] for a in r.also_in))
