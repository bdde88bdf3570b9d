"""Ingestion pipeline: incremental, idempotent, and never stopped by one bad file."""
from __future__ import annotations

import json
import shutil

from ingest.pipeline import ingest_paths
from ingest.store import Store

from conftest import HARROW_PLAN, KENT

PAPER = """Planning Committee

Minutes of the meeting held on 3 March 2021

1. Apologies

RESOLVED: That the apologies be noted.

2. Library opening hours

The Committee considered a report on library opening hours.

RESOLVED: That the library open on Sundays from April 2021.
"""


def test_second_ingest_of_same_folder_does_nothing(tmp_path):
    folder = tmp_path / "papers"
    folder.mkdir()
    shutil.copy(HARROW_PLAN, folder / HARROW_PLAN.name)
    (folder / "planning.txt").write_text(PAPER, encoding="utf-8")
    store = Store(tmp_path / "db.sqlite")

    first = ingest_paths(store, [folder])
    assert len(first.ingested) == 2 and first.chunks > 0
    before = store.stats()

    second = ingest_paths(store, [folder])
    assert second.ingested == [] and len(second.unchanged) == 2
    assert store.stats() == before


def test_a_newer_parser_reads_unchanged_files_again(tmp_path, monkeypatch):
    """Files ingested by an older parser are re-read once, keeping their document ids."""
    import ingest.pipeline as pipeline

    paper = tmp_path / "planning.txt"
    paper.write_text(PAPER, encoding="utf-8")
    store = Store(tmp_path / "db.sqlite")
    ingest_paths(store, [paper])
    ids = {d["id"] for d in store.documents()}
    monkeypatch.setattr(pipeline, "PARSER_VERSION", pipeline.PARSER_VERSION + 1)
    report = ingest_paths(store, [paper])
    assert report.ingested == [str(paper.resolve())] and report.unchanged == []
    assert {d["id"] for d in store.documents()} == ids
    assert ingest_paths(store, [paper]).unchanged == [str(paper.resolve())]
    store.purge_retired()
    assert {d["id"] for d in store.documents()} == ids and store.stats()["documents"] == 1


def test_changed_file_replaces_its_old_version(tmp_path):
    paper = tmp_path / "planning.txt"
    paper.write_text(PAPER, encoding="utf-8")
    store = Store(tmp_path / "db.sqlite")
    ingest_paths(store, [paper])
    old_ids = {d["id"] for d in store.documents()}

    paper.write_text(PAPER.replace("Sundays", "Saturdays"), encoding="utf-8")
    report = ingest_paths(store, [paper])
    assert len(report.ingested) == 1
    live = store.documents()
    assert {d["id"] for d in live}.isdisjoint(old_ids)
    store.purge_retired()
    texts = [store.document(d["id"]).text for d in store.documents()]
    assert any("Saturdays" in t for t in texts) and not any("Sundays" in t for t in texts)


def test_same_paper_under_two_names_is_stored_once_for_search(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(PAPER, encoding="utf-8")
    b.write_text(PAPER, encoding="utf-8")
    store = Store(tmp_path / "db.sqlite")
    ingest_paths(store, [a, b])
    docs = store.documents()
    assert len(docs) >= 2
    assert any(d["duplicate_of"] for d in docs)
    live_docs = {c.document_id for c in store.live_chunks()}
    assert all(d["id"] not in live_docs for d in docs if d["duplicate_of"])


def test_sidecar_overrides_inferred_metadata(tmp_path):
    paper = tmp_path / "planning.txt"
    paper.write_text(PAPER, encoding="utf-8")
    (tmp_path / "planning.txt.meta.json").write_text(
        json.dumps({"body": "Sidecar Committee", "meeting_date": "2021-03-04"}), encoding="utf-8")
    store = Store(tmp_path / "db.sqlite")
    ingest_paths(store, [paper])
    docs = store.documents()
    assert docs and all(d["body"] == "Sidecar Committee" for d in docs)
    assert all(d["meeting_date"] == "2021-03-04" for d in docs)


def test_non_utf8_text_is_decoded_not_fatal(tmp_path):
    paper = tmp_path / "latin.txt"
    paper.write_bytes(PAPER.replace("Library", "Caf\xe9 and library").encode("cp1252"))
    store = Store(tmp_path / "db.sqlite")
    report = ingest_paths(store, [paper])
    assert report.skipped == [] and len(report.ingested) == 1
    text = store.document(store.documents()[0]["id"]).text
    assert "Café and library" in text


def test_bad_files_are_reported_and_the_batch_goes_on(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    good = next(KENT.glob("PROD*")) if list(KENT.glob("PROD*")) else sorted(KENT.glob("*.pdf"))[0]
    shutil.copy(good, folder / good.name)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "fake.pdf").write_bytes(b"this is not a pdf at all")
    (folder / "planning.txt").write_text(PAPER, encoding="utf-8")
    store = Store(tmp_path / "db.sqlite")
    report = ingest_paths(store, [folder])
    skipped = dict((p.rsplit("/", 1)[-1], reason) for p, reason in report.skipped)
    assert set(skipped) == {"empty.txt", "fake.pdf"}
    assert all(reason and "\n" not in reason for reason in skipped.values())
    assert len(report.ingested) == 2
    assert "2 ingested" in report.summary() and "2 skipped" in report.summary()


def test_folder_readme_is_not_a_paper(tmp_path):
    (tmp_path / "README.md").write_text("# About these papers\n\nSource: the council.\n")
    (tmp_path / "planning.txt").write_text(PAPER, encoding="utf-8")
    store = Store(tmp_path / "db.sqlite")
    report = ingest_paths(store, [tmp_path])
    assert [p.rsplit("/", 1)[-1] for p in report.ingested] == ["planning.txt"]


def test_a_parser_failure_on_one_file_skips_only_that_file(tmp_path, monkeypatch):
    import ingest.pipeline as pipeline

    real = pipeline.chunk_by_section

    def fragile(doc):
        if "Sundays" in doc.text:
            raise RuntimeError("boom")
        return real(doc)

    monkeypatch.setattr(pipeline, "chunk_by_section", fragile)
    (tmp_path / "a.txt").write_text(PAPER, encoding="utf-8")
    (tmp_path / "b.txt").write_text(PAPER.replace("Sundays", "Saturdays"), encoding="utf-8")
    store = Store(tmp_path / "db.sqlite")
    report = ingest_paths(store, [tmp_path])
    assert [p.rsplit("/", 1)[-1] for p in report.ingested] == ["b.txt"]
    assert report.skipped and "RuntimeError: boom" in report.skipped[0][1]
    assert all("Saturdays" in store.document(d["id"]).text for d in store.documents())
