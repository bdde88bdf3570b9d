"""PLACEHOLDER (to be replaced): extract figures."""
from .models import Chunk, Document, Figure


def extract_figures(doc: Document, chunks: list[Chunk]) -> list[Figure]:
    return []
