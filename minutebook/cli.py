"""The `minutebook` command line. Each stage contributes its own commands."""
from __future__ import annotations

import json
import logging
import os
import sys

import click

from ingest.pipeline import ingest_paths
from ingest.store import Store

from .config import Home


def configure_logging(verbose: int) -> None:
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    if verbose < 2:
        for noisy in ("pdfminer", "sentence_transformers", "urllib3", "filelock", "PIL"):
            logging.getLogger(noisy).setLevel(logging.WARNING)


def open_store(home: Home) -> Store:
    return Store(home.db_path)


def echo_json(data) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--home", type=click.Path(file_okay=False), default=None,
              help="Data folder (default: $MINUTEBOOK_HOME or ./data).")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.version_option(package_name="minutebook")
@click.pass_context
def main(ctx: click.Context, home: str | None, verbose: int) -> None:
    """Search and cited answers over local-government meeting papers."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    configure_logging(verbose)
    ctx.obj = Home.resolve(home)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--force", is_flag=True, help="Re-read files even if unchanged.")
@click.option("--no-index", is_flag=True, help="Only update the SQLite store.")
@click.pass_obj
def ingest(home: Home, paths: tuple[str, ...], force: bool, no_index: bool) -> None:
    """Ingest meeting papers (PDF, text or Markdown files, or folders of them)."""
    store = open_store(home)
    show = sys.stderr.isatty()
    report = ingest_paths(store, paths, force=force, progress=show)
    for path, reason in report.skipped:
        click.echo(f"skipped {path}: {reason}", err=True)
    if not no_index:
        from index.build import update_indexes
        update_indexes(store, home.index_dir, progress=show)
    click.echo(f"Ingest finished: {report.summary()}.", err=True)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def documents(home: Home, as_json: bool) -> None:
    """List ingested documents."""
    docs = open_store(home).documents()
    if as_json:
        echo_json(docs)
        return
    if not docs:
        click.echo("No documents yet: run `minutebook ingest PATH`.")
    for d in docs:
        click.echo(f"{d['id']}  {d['meeting_date'] or '----------'}  {d['doc_type']:<8.8}  "
                   f"{(d['body'] or '')[:28]:<28}  {d['title'][:60]}  ({d['chunks']} chunks)")


@main.command()
@click.option("--query", "-q", default=None, help="Words the resolution or item title must contain.")
@click.option("--body", default=None, help="Only this committee / board.")
@click.option("--from", "date_from", default=None, help="From meeting date YYYY-MM-DD.")
@click.option("--to", "date_to", default=None, help="To meeting date YYYY-MM-DD.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def decisions(home: Home, query, body, date_from, date_to, as_json: bool) -> None:
    """List extracted decisions in meeting-date order."""
    rows = open_store(home).decisions(query=query, body=body, date_from=date_from, date_to=date_to)
    if as_json:
        echo_json(rows)
        return
    if not rows:
        click.echo("No decisions found.")
    for d in rows:
        head = f"{d['meeting_date'] or '?'}  {d['body'] or ''}  item {d['item'] or '-'}: {d['title'] or ''}"
        click.echo(click.style(head, bold=True))
        click.echo(f"    {d['text']}")


def _register_stage_commands() -> None:
    """Commands owned by later stages; a stage that is missing just isn't offered."""
    import importlib
    for module, names in (("index.cli", ["search"]), ("answer.cli", ["ask"]),
                          ("webapp.cli", ["serve"]), ("evaluation.cli", ["eval_cmd", "bench"])):
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name and module.startswith(exc.name):
                continue
            raise
        for name in names:
            cmd = getattr(mod, name, None)
            if cmd is not None:
                main.add_command(cmd)


_register_stage_commands()
