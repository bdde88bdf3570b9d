"""The `ask` click command: a cited, extractive answer to one question."""
from __future__ import annotations

import json
import sys

import click

from minutebook.config import Home


def _filters(body, date_from, date_to):
    if not (body or date_from or date_to):
        return None
    from index.retriever import SearchFilters
    return SearchFilters(body=body, date_from=date_from, date_to=date_to)


def _print_answer(data: dict) -> None:
    if data["abstained"]:
        click.echo(data["answer"])
        for p in data["passages"][:3]:
            doc = p.get("document") or {}
            click.echo(f"  - {doc.get('title', '')} ({doc.get('meeting_date') or 'no date'}), "
                       f"p.{p.get('page_start')}: {p.get('text', '')[:160]!r}")
        return
    click.echo(click.style(data["answer"], bold=True))
    if data["sentence"] and data["sentence"] != data["answer"]:
        click.echo(f"  \"{data['sentence']}\"")
    for c in data["citations"]:
        click.echo(f"  [{c['title']} | {c['body'] or '-'} {c['meeting_date'] or ''} | "
                   f"{c['section'] or '-'} | p.{c['page'] or '?'}]")
    for alt in data.get("alternatives") or []:
        cit = alt["citation"]
        click.echo(f"  also: {alt['answer']} [{cit['title']} {cit['meeting_date'] or ''} p.{cit['page'] or '?'}]")
    for entry in data.get("timeline") or []:
        click.echo(f"  {entry['meeting_date'] or '?'}  {entry['body'] or ''}: {entry['decision'][:160]}")
    click.echo(f"  confidence {data['confidence']:.2f}")


@click.command()
@click.argument("question", nargs=-1, required=True)
@click.option("--body", default=None, help="Only this committee / board.")
@click.option("--from", "date_from", default=None, help="From meeting date YYYY-MM-DD.")
@click.option("--to", "date_to", default=None, help="To meeting date YYYY-MM-DD.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def ask(home: Home, question: tuple[str, ...], body, date_from, date_to, as_json: bool) -> None:
    """Answer QUESTION from the papers, quoting and citing the passage, or say they don't."""
    from ingest.store import Store
    from index.retriever import HybridRetriever

    from .answerer import Answerer, AnswerError

    if not home.db_path.exists():
        raise click.ClickException(f"no Minutebook data in {home.root}: run `minutebook ingest` first")
    store = Store(home.db_path)
    try:
        answerer = Answerer(store, HybridRetriever(store, home.index_dir))
        result = answerer.ask(" ".join(question), filters=_filters(body, date_from, date_to))
    except AnswerError as exc:
        raise click.ClickException(str(exc)) from exc
    data = result.to_dict()
    if as_json:
        click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))
    else:
        _print_answer(data)
    sys.stdout.flush()
