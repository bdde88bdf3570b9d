"""SQLite store: the source of truth for documents, chunks, decisions and figures.

Indexes (keyword, vector) are derived from it and can always be rebuilt.
Replaced documents are *retired* rather than deleted, and only purged after the
indexes have been swapped to a generation without them, so a search running
during an ingest always finds the rows its index points at.
"""
from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import asdict
from pathlib import Path
from typing import Iterable, Iterator, Optional

from .models import Chunk, Decision, Document, Figure, PageSpan

SCHEMA = """
CREATE TABLE IF NOT EXISTS sources (
    path TEXT PRIMARY KEY,          -- resolved path of the file as ingested
    sha256 TEXT NOT NULL,
    status TEXT NOT NULL,           -- ingested | skipped
    reason TEXT,                    -- why skipped
    ingested_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    source_path TEXT NOT NULL,
    source_sha256 TEXT NOT NULL,
    part INTEGER NOT NULL,
    title TEXT NOT NULL,
    doc_type TEXT NOT NULL,
    body TEXT,
    meeting_date TEXT,
    text TEXT NOT NULL,
    text_sha256 TEXT NOT NULL,
    pages_json TEXT NOT NULL,       -- [[number, start, end], ...]
    page_count INTEGER,
    source_start INTEGER NOT NULL DEFAULT 0,
    duplicate_of TEXT,              -- id of the document with the same text, if any
    retired INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS documents_source ON documents(source_path);
CREATE INDEX IF NOT EXISTS documents_text ON documents(text_sha256);
CREATE INDEX IF NOT EXISTS documents_duplicate ON documents(duplicate_of);  -- search results list duplicates (a scan was 11 ms per result at 100k chunks)
CREATE TABLE IF NOT EXISTS chunks (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    kind TEXT NOT NULL,
    section TEXT NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    page_start INTEGER,
    page_end INTEGER,
    context TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS chunks_document ON chunks(document_id, ordinal);
CREATE TABLE IF NOT EXISTS decisions (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    body TEXT,
    meeting_date TEXT,
    item TEXT,
    title TEXT,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    page INTEGER,
    chunk_id TEXT
);
CREATE INDEX IF NOT EXISTS decisions_document ON decisions(document_id);
CREATE TABLE IF NOT EXISTS figures (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    sentence TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    page INTEGER,
    chunk_id TEXT
);
CREATE INDEX IF NOT EXISTS figures_document ON figures(document_id);
"""


def _pages_to_json(pages: Iterable[PageSpan]) -> str:
    return json.dumps([[p.number, p.start, p.end] for p in pages])


def _pages_from_json(raw: str) -> list[PageSpan]:
    return [PageSpan(n, s, e) for n, s, e in json.loads(raw or "[]")]


class Store:
    """Thin, thread-safe wrapper over one SQLite file (one connection per thread)."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        with self.connect() as con:
            con.executescript(SCHEMA)

    # -- connections -------------------------------------------------------
    def connect(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
            con.row_factory = sqlite3.Row
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("PRAGMA foreign_keys=ON")
            self._local.con = con
        return con

    def close(self) -> None:
        con = getattr(self._local, "con", None)
        if con is not None:
            con.close()
            self._local.con = None

    # -- sources -----------------------------------------------------------
    def source_sha(self, path: str) -> Optional[str]:
        row = self.connect().execute("SELECT sha256 FROM sources WHERE path=?", (path,)).fetchone()
        return row["sha256"] if row else None

    def record_source(self, con: sqlite3.Connection, path: str, sha256: str, status: str,
                      reason: Optional[str] = None) -> None:
        con.execute(
            "INSERT INTO sources(path, sha256, status, reason) VALUES (?,?,?,?) "
            "ON CONFLICT(path) DO UPDATE SET sha256=excluded.sha256, status=excluded.status, "
            "reason=excluded.reason, ingested_at=datetime('now')",
            (path, sha256, status, reason))

    # -- writing -----------------------------------------------------------
    def retire_source(self, con: sqlite3.Connection, path: str) -> int:
        """Mark the live documents of `path` retired (purged after the index swap)."""
        cur = con.execute("UPDATE documents SET retired=1 WHERE source_path=? AND retired=0", (path,))
        return cur.rowcount

    def find_duplicate(self, con: sqlite3.Connection, text_sha256: str) -> Optional[str]:
        row = con.execute(
            "SELECT id FROM documents WHERE text_sha256=? AND retired=0 AND duplicate_of IS NULL",
            (text_sha256,)).fetchone()
        return row["id"] if row else None

    def add_document(self, con: sqlite3.Connection, doc: Document, chunks: list[Chunk],
                     decisions: list[Decision], figures: list[Figure],
                     duplicate_of: Optional[str] = None) -> None:
        # A document re-ingested under the same id (same bytes, same part) replaces itself.
        con.execute("DELETE FROM documents WHERE id=?", (doc.id,))
        con.execute(
            "INSERT INTO documents(id, source_path, source_sha256, part, title, doc_type, body, "
            "meeting_date, text, text_sha256, pages_json, page_count, source_start, duplicate_of) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (doc.id, doc.source_path, doc.source_sha256, doc.part, doc.title, doc.doc_type,
             doc.body, doc.meeting_date, doc.text, doc.text_sha256, _pages_to_json(doc.pages),
             doc.page_count, doc.source_start, duplicate_of))
        con.executemany(
            "INSERT INTO chunks(id, document_id, ordinal, kind, section, text, start, end, "
            "page_start, page_end, context) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [(c.id, c.document_id, c.ordinal, c.kind, c.section, c.text, c.start, c.end,
              c.page_start, c.page_end, c.context) for c in chunks])
        con.executemany(
            "INSERT INTO decisions(id, document_id, body, meeting_date, item, title, text, start, "
            "end, page, chunk_id) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [(d.id, d.document_id, d.body, d.meeting_date, d.item, d.title, d.text, d.start,
              d.end, d.page, d.chunk_id) for d in decisions])
        con.executemany(
            "INSERT INTO figures(id, document_id, kind, value, sentence, start, end, page, "
            "chunk_id) VALUES (?,?,?,?,?,?,?,?,?)",
            [(f.id, f.document_id, f.kind, f.value, f.sentence, f.start, f.end, f.page,
              f.chunk_id) for f in figures])

    def purge_retired(self) -> int:
        con = self.connect()
        with con:
            cur = con.execute("DELETE FROM documents WHERE retired=1")
        return cur.rowcount

    # -- reading -----------------------------------------------------------
    @staticmethod
    def _document(row: sqlite3.Row) -> Document:
        return Document(
            id=row["id"], source_path=row["source_path"], source_sha256=row["source_sha256"],
            part=row["part"], title=row["title"], doc_type=row["doc_type"], body=row["body"],
            meeting_date=row["meeting_date"], text=row["text"], text_sha256=row["text_sha256"],
            pages=_pages_from_json(row["pages_json"]), source_start=row["source_start"],
            page_count=row["page_count"])

    def document(self, doc_id: str) -> Optional[Document]:
        row = self.connect().execute("SELECT * FROM documents WHERE id=?", (doc_id,)).fetchone()
        return self._document(row) if row else None

    def documents(self, include_retired: bool = False) -> list[dict]:
        """Document metadata (no text) with chunk counts, newest meeting first."""
        sql = (
            "SELECT d.id, d.title, d.source_path AS path, d.body, d.meeting_date, d.doc_type, "
            "d.page_count AS pages, d.part, d.duplicate_of, "
            "(SELECT COUNT(*) FROM chunks c WHERE c.document_id=d.id) AS chunks, "
            "(SELECT COUNT(*) FROM decisions x WHERE x.document_id=d.id) AS decisions "
            "FROM documents d {} ORDER BY d.meeting_date DESC, d.source_path, d.part")
        where = "" if include_retired else "WHERE d.retired=0"
        return [dict(r) for r in self.connect().execute(sql.format(where))]

    def live_chunks(self) -> Iterator[Chunk]:
        """Chunks of live, non-duplicate documents: exactly what the indexes hold."""
        rows = self.connect().execute(
            "SELECT c.* FROM chunks c JOIN documents d ON d.id=c.document_id "
            "WHERE d.retired=0 AND d.duplicate_of IS NULL ORDER BY c.document_id, c.ordinal")
        for r in rows:
            yield self._chunk(r)

    @staticmethod
    def _chunk(r: sqlite3.Row) -> Chunk:
        return Chunk(id=r["id"], document_id=r["document_id"], ordinal=r["ordinal"],
                     kind=r["kind"], section=r["section"], text=r["text"], start=r["start"],
                     end=r["end"], page_start=r["page_start"], page_end=r["page_end"],
                     context=r["context"])

    def chunks_by_id(self, ids: list[str]) -> dict[str, Chunk]:
        out: dict[str, Chunk] = {}
        con = self.connect()
        for i in range(0, len(ids), 500):
            part = ids[i:i + 500]
            q = ",".join("?" * len(part))
            for r in con.execute(f"SELECT * FROM chunks WHERE id IN ({q})", part):
                out[r["id"]] = self._chunk(r)
        return out

    def chunks_of(self, doc_id: str) -> list[Chunk]:
        return [self._chunk(r) for r in self.connect().execute(
            "SELECT * FROM chunks WHERE document_id=? ORDER BY ordinal", (doc_id,))]

    def document_meta(self, ids: Iterable[str]) -> dict[str, dict]:
        """id -> {id, title, body, meeting_date, doc_type, path, pages} for result rendering."""
        ids = list(set(ids))
        out: dict[str, dict] = {}
        con = self.connect()
        for i in range(0, len(ids), 500):
            part = ids[i:i + 500]
            q = ",".join("?" * len(part))
            for r in con.execute(
                    "SELECT id, title, body, meeting_date, doc_type, source_path AS path, "
                    f"page_count AS pages FROM documents WHERE id IN ({q})", part):
                out[r["id"]] = dict(r)
        return out

    def duplicates_of(self, doc_id: str) -> list[dict]:
        """Other live documents holding the same text as `doc_id`."""
        return [dict(r) for r in self.connect().execute(
            "SELECT id, title, body, meeting_date, doc_type, source_path AS path FROM documents "
            "WHERE duplicate_of=? AND retired=0", (doc_id,))]

    def decisions(self, query: Optional[str] = None, body: Optional[str] = None,
                  date_from: Optional[str] = None, date_to: Optional[str] = None) -> list[dict]:
        """Decisions of live documents in meeting-date order, optionally filtered."""
        sql = ["SELECT x.* FROM decisions x JOIN documents d ON d.id=x.document_id "
               "WHERE d.retired=0 AND d.duplicate_of IS NULL"]
        args: list = []
        if query:
            for term in query.split():
                sql.append("AND (x.text LIKE ? OR x.title LIKE ?)")
                args += [f"%{term}%", f"%{term}%"]
        if body:
            sql.append("AND x.body LIKE ?")
            args.append(f"%{body}%")
        if date_from:
            sql.append("AND x.meeting_date >= ?")
            args.append(date_from)
        if date_to:
            sql.append("AND x.meeting_date <= ?")
            args.append(date_to)
        sql.append("ORDER BY x.meeting_date, x.document_id, x.start")
        return [dict(r) for r in self.connect().execute(" ".join(sql), args)]

    def decision_spans(self, doc_id: str) -> list[tuple[int, int]]:
        """(start, end) of each resolution extracted from the document."""
        return [(r["start"], r["end"]) for r in self.connect().execute(
            "SELECT start, end FROM decisions WHERE document_id=? ORDER BY start", (doc_id,))]

    def stats(self) -> dict:
        con = self.connect()
        one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "documents": one("SELECT COUNT(*) FROM documents WHERE retired=0"),
            "chunks": one("SELECT COUNT(*) FROM chunks c JOIN documents d ON d.id=c.document_id "
                          "WHERE d.retired=0 AND d.duplicate_of IS NULL"),
            "decisions": one("SELECT COUNT(*) FROM decisions"),
            "figures": one("SELECT COUNT(*) FROM figures"),
        }


def document_as_dict(doc: Document, with_text: bool = False) -> dict:
    d = asdict(doc)
    d.pop("tables", None)
    if not with_text:
        d.pop("text", None)
    return d
