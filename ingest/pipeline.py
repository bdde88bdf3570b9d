"""Ingest files into the SQLite store: read -> split into documents -> chunk -> extract.

Incremental: a file whose bytes are unchanged is skipped; a changed file's old
documents are retired (purged once the indexes no longer point at them).
"""
from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from .decisions import extract_decisions
from .figures import extract_figures
from .readers import SUPPORTED_SUFFIXES, UnreadableSource, file_sha256, read_source
from .store import Store
from .structure import chunk_by_section, split_documents

log = logging.getLogger(__name__)

SIDECAR_SUFFIX = ".meta.json"


@dataclass
class IngestReport:
    ingested: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)   # (path, reason)
    documents: int = 0
    chunks: int = 0
    decisions: int = 0
    figures: int = 0
    pages: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.ingested)

    def summary(self) -> str:
        return (f"{len(self.ingested)} ingested, {len(self.unchanged)} unchanged, "
                f"{len(self.skipped)} skipped ({self.documents} documents, {self.chunks} chunks, "
                f"{self.decisions} decisions, {self.figures} figures)")


# Files that describe a folder rather than being meeting papers.
NOT_PAPERS = ("readme", "license", "licence", "changelog", "notice")


def is_paper(path: Path) -> bool:
    return (path.suffix.lower() in SUPPORTED_SUFFIXES and not path.name.startswith(".")
            and not path.stem.lower().startswith(NOT_PAPERS))


def discover_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, plus papers found (recursively) in folders named.

    A folder's README/LICENCE files are not papers; a file named explicitly is always taken.
    """
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found += sorted(f for f in p.rglob("*") if f.is_file() and is_paper(f))
        elif p.exists():
            found.append(p)
        else:
            raise FileNotFoundError(f"no such file or folder: {p}")
    seen, unique = set(), []
    for f in found:
        r = f.resolve()
        if r not in seen:
            seen.add(r)
            unique.append(r)
    return unique


def load_sidecar(path: Path) -> Optional[dict]:
    """Optional `<file>.meta.json` overriding inferred metadata (title, body, meeting_date, doc_type)."""
    side = path.with_name(path.name + SIDECAR_SUFFIX)
    if not side.exists():
        return None
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.warning("ignoring unreadable sidecar %s: %s", side, exc)
        return None
    return data if isinstance(data, dict) else None


def sidecar_sha(path: Path) -> str:
    side = path.with_name(path.name + SIDECAR_SUFFIX)
    return hashlib.sha256(side.read_bytes()).hexdigest()[:12] if side.exists() else ""


def document_id(source_sha256: str, path: str, part: int) -> str:
    """Stable id: the same bytes at the same path always give the same ids.

    The path is part of it so that one paper saved under two names stays two
    documents, the second marked as a duplicate of the first (and not indexed).
    """
    digest = hashlib.sha256(f"{source_sha256}\0{path}".encode()).hexdigest()[:16]
    return f"{digest}-{part}"


def ingest_file(store: Store, path: Path, report: IngestReport, force: bool = False) -> None:
    key = str(path)
    try:
        sha = file_sha256(path)
    except OSError as exc:
        report.skipped.append((key, f"cannot read file: {exc.strerror or exc}"))
        return
    version = sha + (":" + sidecar_sha(path) if sidecar_sha(path) else "")
    if not force and store.source_sha(key) == version:
        report.unchanged.append(key)
        return
    con = store.connect()
    try:
        source = read_source(path, sha)
        docs = split_documents(source, load_sidecar(path))
        for doc in docs:
            doc.id = document_id(sha, key, doc.part)
        if not docs:
            raise UnreadableSource("no text found")
    except UnreadableSource as exc:
        with con:
            store.retire_source(con, key)
            store.record_source(con, key, version, "skipped", str(exc))
        report.skipped.append((key, str(exc)))
        return
    except Exception as exc:  # a reader bug must not stop the batch
        log.debug("reader failed on %s", path, exc_info=True)
        with con:
            store.record_source(con, key, version, "skipped", f"could not read: {exc}")
        report.skipped.append((key, f"could not read: {type(exc).__name__}: {exc}"))
        return
    with con:  # one transaction per file: all of it or none of it
        store.retire_source(con, key)
        for doc in docs:
            chunks = chunk_by_section(doc)
            decisions = extract_decisions(doc, chunks)
            figures = extract_figures(doc, chunks)
            dup = store.find_duplicate(con, doc.text_sha256)
            store.add_document(con, doc, chunks, decisions, figures,
                               duplicate_of=dup if dup != doc.id else None)
            report.documents += 1
            report.chunks += len(chunks)
            report.decisions += len(decisions)
            report.figures += len(figures)
        store.record_source(con, key, version, "ingested")
    report.pages += source.page_count or 0
    report.ingested.append(key)


def ingest_paths(store: Store, paths: Iterable[str | Path], force: bool = False,
                 progress: bool = False) -> IngestReport:
    files = discover_files(paths)
    report = IngestReport()
    bar = None
    if progress:
        from tqdm import tqdm
        bar = tqdm(total=len(files), unit="file", desc="Ingesting", leave=False)
    for path in files:
        if bar:
            bar.set_postfix_str(path.name[:40])
        ingest_file(store, path, report, force=force)
        if bar:
            bar.update(1)
    if bar:
        bar.close()
    return report
