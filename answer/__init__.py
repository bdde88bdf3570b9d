"""Extractive, cited answers to questions about meeting papers."""
from .answerer import Answer, Answerer, AnswerError, Citation

__all__ = ["Answer", "Answerer", "AnswerError", "Citation"]
