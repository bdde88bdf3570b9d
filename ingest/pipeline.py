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
from typing import Callable, Iterable, Optional

from .decisions import extract_decisions
from .figures import extract_figures
from .models import Chunk, Decision, Document, Figure, SourceText
from .readers import SUPPORTED_SUFFIXES, UnreadableSource, file_sha256, read_source
from .store import Store
from .structure import chunk_by_section, name_bodies_as_published, split_documents

log = logging.getLogger(__name__)

SIDECAR_SUFFIX = ".meta.json"
# Bump when a parser change alters what a file yields (text, pages, chunks, meeting metadata):
# files ingested by an older parser are then read again by the next ingest, unchanged or not.
PARSER_VERSION = 5


@dataclass
class ParsedDocument:
    document: Document
    chunks: list[Chunk]
    decisions: list[Decision]
    figures: list[Figure]


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


def parse_file(path: Path, sha: str, key: str,
               on_page: Optional[Callable[[], None]] = None) -> tuple[SourceText, list[ParsedDocument]]:
    """Read one file and take it apart: documents, their chunks, decisions and figures."""
    source = read_source(path, sha, on_page)
    sidecar = load_sidecar(path)
    docs = split_documents(source, sidecar)
    name_bodies_as_published(docs, sidecar)
    if not docs:
        raise UnreadableSource("no text found")
    parsed = []
    for doc in docs:
        doc.id = document_id(sha, key, doc.part)
        chunks = chunk_by_section(doc)
        parsed.append(ParsedDocument(doc, chunks, extract_decisions(doc, chunks),
                                     extract_figures(doc, chunks)))
    return source, parsed


def ingest_file(store: Store, path: Path, report: IngestReport, force: bool = False,
                on_page: Optional[Callable[[], None]] = None) -> None:
    key = str(path)
    try:
        sha = file_sha256(path)
    except OSError as exc:
        report.skipped.append((key, f"cannot read file: {exc.strerror or exc}"))
        return
    side = sidecar_sha(path)
    version = f"{sha}:{side}" if side else sha
    version = f"{version}@{PARSER_VERSION}"
    if not force and store.source_sha(key) == version:
        report.unchanged.append(key)
        return
    con = store.connect()
    try:
        source, parsed = parse_file(path, sha, key, on_page)
    except Exception as exc:  # unreadable input, or a parser bug: report it, keep the batch going
        if isinstance(exc, UnreadableSource):
            reason = str(exc)
        else:
            log.debug("failed to parse %s", path, exc_info=True)
            reason = f"could not read: {type(exc).__name__}: {exc}"
        with con:
            store.retire_source(con, key)
            store.record_source(con, key, version, "skipped", reason)
        report.skipped.append((key, reason))
        return
    with con:  # one transaction per file: all of it or none of it
        store.retire_source(con, key)
        for p in parsed:
            dup = store.find_duplicate(con, p.document.text_sha256)
            store.add_document(con, p.document, p.chunks, p.decisions, p.figures,
                               duplicate_of=dup if dup != p.document.id else None)
            report.documents += 1
            report.chunks += len(p.chunks)
            report.decisions += len(p.decisions)
            report.figures += len(p.figures)
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
        pages = tqdm(unit="page", desc="Reading pages", leave=False)
    for path in files:
        if bar:
            bar.set_postfix_str(path.name[:40])
        ingest_file(store, path, report, force=force, on_page=pages.update if bar else None)
        if bar:
            bar.update(1)
    if bar:
        pages.close()
        bar.close()
    return report
