"""PLACEHOLDER (to be replaced): extract resolutions."""
from .models import Chunk, Decision, Document


def extract_decisions(doc: Document, chunks: list[Chunk]) -> list[Decision]:
    return []
