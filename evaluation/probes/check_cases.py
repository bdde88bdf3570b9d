"""Check probe case files against the papers they quote (the rules of shared/eval/README.md).

    python evaluation/probes/check_cases.py evaluation/probes/other_bodies.jsonl \
        --root ../shared/external

For every case: the schema fields are there; a negative has answer NOT_IN_CORPUS and no
evidence; otherwise `evidence` is 40-400 characters, an exact substring of the document text
(for a PDF: of page `page`'s pdfplumber `extract_text()` with whitespace collapsed to one
space, the text the README defines), and holds the answer or an alias (normalised, at word
boundaries, as answer accuracy is scored). Documents used by the other case files given with
--other are reported, since a probe should quote papers the other sets do not. Exit status 1
on any failure.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from functools import lru_cache
from pathlib import Path

from evaluation.scoring import answer_matches, expected_answers, is_negative

KINDS = {"decision", "figure", "date", "who", "what", "table", "negative"}
REQUIRED = ("id", "kind", "question", "answer", "answer_aliases", "evidence", "meeting")
_MEETING = re.compile(r"\S.* \d{4}-\d{2}-\d{2}$")


@lru_cache(maxsize=None)
def pdf_pages(path: Path) -> list[str]:
    """Each page's plain text with whitespace collapsed, as the README's check reads it."""
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        return [" ".join((page.extract_text() or "").split()) for page in pdf.pages]


def evidence_found(case: dict, path: Path) -> bool:
    if path.suffix.lower() == ".pdf":
        pages = pdf_pages(path)
        page = case.get("page")
        if not isinstance(page, int) or not 1 <= page <= len(pages):
            return False
        return " ".join(case["evidence"].split()) in pages[page - 1]
    return case["evidence"] in path.read_text(encoding="utf-8")


def problems(case: dict, root: Path) -> list[str]:
    """What is wrong with one case, in words (empty when it passes)."""
    found = [f"missing field {f}" for f in REQUIRED if f not in case]
    if found:
        return found
    if case["kind"] not in KINDS:
        found.append(f"unknown kind {case['kind']!r}")
    if is_negative(case) or case["kind"] == "negative":
        if case["answer"] != "NOT_IN_CORPUS" or case["kind"] != "negative" or case["evidence"]:
            found.append("a negative needs kind negative, answer NOT_IN_CORPUS and no evidence")
        return found
    path = root / case.get("doc", "")
    if not case.get("doc") or not path.is_file():
        return found + [f"document not found: {case.get('doc')!r}"]
    if not 40 <= len(case["evidence"]) <= 400:
        found.append(f"evidence is {len(case['evidence'])} characters (40-400)")
    if not evidence_found(case, path):
        found.append("evidence is not a substring of the document" +
                     (f" page {case.get('page')}" if path.suffix.lower() == ".pdf" else ""))
    if not answer_matches(case["evidence"], expected_answers(case)):
        found.append("neither the answer nor an alias is in the evidence")
    if case["meeting"] is not None and not _MEETING.match(case["meeting"]):
        found.append(f"meeting {case['meeting']!r} is not 'Body YYYY-MM-DD'")
    return found


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", type=Path)
    parser.add_argument("--root", type=Path, required=True, help="folder `doc` paths are relative to")
    parser.add_argument("--other", type=Path, nargs="*", default=[],
                        help="other case files whose documents this set should not reuse")
    args = parser.parse_args(argv)

    cases = load(args.cases)
    failed = 0
    ids = [c.get("id") for c in cases]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        print(f"duplicate id {dup}")
        failed += 1
    for case in cases:
        for problem in problems(case, args.root):
            print(f"{case.get('id')}: {problem}")
            failed += 1
    used = {Path(c["doc"]).name for other in args.other for c in load(other) if c.get("doc")}
    for case in cases:
        if case.get("doc") and Path(case["doc"]).name in used:
            print(f"{case['id']}: note: document also used by another case file: {case['doc']}")
    kinds = {k: sum(c.get("kind") == k for c in cases) for k in sorted(KINDS)}
    print(f"{len(cases)} cases, {failed} problems; kinds: {kinds}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
