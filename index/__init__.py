"""Keyword (Whoosh BM25F) and vector (FAISS) indexes over live chunks, and hybrid retrieval.

Public entry points:
- `index.build.update_indexes(store, index_dir, progress=False) -> dict`
- `index.build.build_generation(records, index_dir, ...)` (store-free, for benchmarks)
- `index.retriever.HybridRetriever`, `SearchFilters`, `SearchResult`
"""
