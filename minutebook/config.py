"""Where things live. One place for paths and settings shared by every stage."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Home:
    """A Minutebook data folder: the SQLite store plus derived indexes."""
    root: Path

    @classmethod
    def resolve(cls, home: str | os.PathLike | None = None) -> "Home":
        root = Path(home or os.environ.get("MINUTEBOOK_HOME") or "data").expanduser().resolve()
        return cls(root)

    @property
    def db_path(self) -> Path:
        return self.root / "minutebook.db"

    @property
    def index_dir(self) -> Path:
        return self.root / "index"


def embedding_cache_path() -> Path:
    """Embeddings are cached by text hash across homes, so re-ingesting is cheap."""
    default = Path.home() / ".cache" / "minutebook" / "embeddings.sqlite"
    return Path(os.environ.get("MINUTEBOOK_EMBED_CACHE", default))
