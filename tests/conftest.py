"""Shared fixtures: real documents, and a home built from them once per test session."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
KENT = FIXTURES / "kent"
ALAMEDA = FIXTURES / "alameda"
SHARED_EVAL = ROOT.parent / "shared" / "eval"
HARROW_PACK = CORPUS / "000_a901e29f046b698a.txt"
HARROW_PLAN = CORPUS / "001_a9846a0a0efd9833.txt"


@pytest.fixture(scope="session")
def built_home(tmp_path_factory):
    """A Minutebook home with the demo corpus and the Kent papers ingested and indexed.

    Read-only for tests: a test that changes a home builds its own.
    """
    from ingest.pipeline import ingest_paths
    from ingest.store import Store
    from minutebook.config import Home

    home = Home.resolve(tmp_path_factory.mktemp("home"))
    store = Store(home.db_path)
    report = ingest_paths(store, [CORPUS, KENT])
    assert not report.skipped, report.skipped
    try:
        from index.build import update_indexes
    except ImportError:
        pass
    else:
        update_indexes(store, home.index_dir)
    return home


def answerer_over(root: Path, files: dict[str, str]):
    """An Answerer over a fresh home holding `files` (name -> text) written under root/docs."""
    from answer.answerer import Answerer
    from index.build import update_indexes
    from index.retriever import HybridRetriever
    from ingest.pipeline import ingest_paths
    from ingest.store import Store

    docs = root / "docs"
    docs.mkdir()
    for name, text in files.items():
        (docs / name).write_text(text, encoding="utf-8")
    store = Store(root / "minutebook.db")
    report = ingest_paths(store, [docs])
    assert not report.skipped, report.skipped
    update_indexes(store, root / "index")
    return Answerer(store, HybridRetriever(store, root / "index"))
