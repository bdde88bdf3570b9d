"""Query-string parsing and validation shared by the pages and the JSON API.

All request state lives in the URL, so every page is a permalink; bad values
raise `ParamError` (shown as a 400), never reach the retriever.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Mapping, Optional

from ingest.models import DOC_TYPES

MODES = ("hybrid", "keyword", "vector")
MAX_QUERY_CHARS = 1000
MAX_FILTER_CHARS = 200
K_MIN, K_MAX, K_DEFAULT = 1, 100, 10
QUESTION_WORDS = frozenset(
    "who whom whose what which when where why how did does do is are was were has have had can "
    "could will would should shall may might".split())


class ParamError(ValueError):
    """A query parameter the user got wrong; the message says which and why."""


@dataclass(frozen=True)
class Filters:
    body: Optional[str] = None
    date_from: Optional[str] = None
    date_to: Optional[str] = None
    doc_type: Optional[str] = None

    def to_dict(self) -> dict:
        return {"body": self.body, "from": self.date_from, "to": self.date_to,
                "type": self.doc_type}

    def any(self) -> bool:
        return any((self.body, self.date_from, self.date_to, self.doc_type))


@dataclass(frozen=True)
class SearchParams:
    q: str
    mode: str
    k: int
    filters: Filters


def _text(args: Mapping[str, str], name: str, limit: int) -> Optional[str]:
    raw = args.get(name)
    if raw is None:
        return None
    value = " ".join(raw.split())
    if len(value) > limit:
        raise ParamError(f"parameter '{name}' is too long ({len(value)} characters, at most {limit})")
    return value or None


def _iso_date(args: Mapping[str, str], name: str) -> Optional[str]:
    value = _text(args, name, 20)
    if value is None:
        return None
    try:
        if len(value) != 10:
            raise ValueError
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise ParamError(f"parameter '{name}' must be a date written YYYY-MM-DD, got {value!r}") from None


def parse_filters(args: Mapping[str, str], with_type: bool = True) -> Filters:
    date_from, date_to = _iso_date(args, "from"), _iso_date(args, "to")
    if date_from and date_to and date_from > date_to:
        raise ParamError(f"'from' ({date_from}) is after 'to' ({date_to})")
    doc_type = _text(args, "type", MAX_FILTER_CHARS) if with_type else None
    if doc_type is not None and doc_type not in DOC_TYPES:
        raise ParamError(f"parameter 'type' must be one of {', '.join(DOC_TYPES)}; got {doc_type!r}")
    return Filters(body=_text(args, "body", MAX_FILTER_CHARS), date_from=date_from,
                   date_to=date_to, doc_type=doc_type)


def parse_query(args: Mapping[str, str], required: bool) -> str:
    q = _text(args, "q", MAX_QUERY_CHARS) or ""
    if required and not q:
        raise ParamError("parameter 'q' is required")
    return q


def parse_search(args: Mapping[str, str], required: bool = True) -> SearchParams:
    q = parse_query(args, required)
    mode = (args.get("mode") or "hybrid").strip().lower()
    if mode not in MODES:
        raise ParamError(f"parameter 'mode' must be one of {', '.join(MODES)}; got {mode!r}")
    raw_k = (args.get("k") or "").strip()
    if raw_k:
        try:
            k = int(raw_k)
        except ValueError:
            raise ParamError(f"parameter 'k' must be a whole number, got {raw_k[:20]!r}") from None
        if not K_MIN <= k <= K_MAX:
            raise ParamError(f"parameter 'k' must be between {K_MIN} and {K_MAX}, got {k}")
    else:
        k = K_DEFAULT
    return SearchParams(q=q, mode=mode, k=k, filters=parse_filters(args))


def looks_like_question(q: str) -> bool:
    """A question (gets an answer card) rather than a few search words."""
    words = q.strip().split()
    return bool(words) and (q.rstrip().endswith("?") or words[0].lower() in QUESTION_WORDS)
