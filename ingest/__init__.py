"""Ingestion: files -> documents, section chunks, decisions and figures in SQLite."""
