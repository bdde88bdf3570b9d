"""Split a span of document text into answer units (sentences, bullet lines, table rows).

Every unit is an offset pair into the document text, so a quote is always text[start:end].
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .text import STOPWORDS

# a blank line, or a Markdown rule line ("---": a page break in text converted from PDFs)
BLOCK_BREAK = re.compile(r"\n[ \t]*\n|\n-{3,}[ \t]*(?=\n)")
BULLET = re.compile(r"^[ \t]*(?:[•·▪●◦‣\-–*o]|\(?[a-zivx]{1,4}\)|\(?\d{1,2}[.)]|[a-z][.)])\s+", re.I)
# Sentence end: . ! ? (optionally followed by a closing quote/bracket) then space and a capital/digit.
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'’”)\]]?\s+(?=[\"'‘“(£$]?[A-Z0-9])")
ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Cllr|Prof|St|No|Nos|approx|e\.g|i\.e|etc|vs|cf|para|p|pp|Co|Ltd|Inc|"
    r"L\.A|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|[A-Z])\.)$")
# a list entry's or numbered paragraph's marker on its own: "15.", "b.", "(iv)."
LIST_MARK = re.compile(r"\(?(?:\d{1,3}|[a-z]|[ivx]{1,4})[.)]", re.I)
TERMINAL = re.compile(r"[.!?:;]['’\"”)]?\s*$")
MAX_UNIT = 600
LABEL_LINE = 50      # a capitalised line this short ending in ":" labels what follows it


@dataclass(frozen=True)
class Unit:
    """A candidate answer: text[start:end] of the document, and what kind of unit it is."""
    start: int
    end: int
    kind: str            # "sentence" | "line" | "row"


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _blocks(text: str, start: int, end: int):
    pos = start
    for m in BLOCK_BREAK.finditer(text, start, end):
        yield pos, m.start()
        pos = m.end()
    yield pos, end


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        s, e = _trimmed(text, pos, stop)
        if e > s:
            out.append((s, e))
        pos = stop + 1
    return out


def _is_table_block(text: str, lines: list[tuple[int, int]], start: int, end: int) -> bool:
    raw = text[start:end]
    return raw.count("\t") >= 2 or (len(lines) >= 3 and raw.lstrip(" ").startswith("\t"))


def _closes_bracket(before: str, line: str) -> bool:
    """"A) which concludes ..." after "(see Appendix": the line closes a bracket left open on
    the line before, so it runs on; it is no list entry."""
    return (re.match(r"\w{1,4}\)", line) is not None
            and before.count("(") > before.count(")"))


def _wrapped_tail(text: str, before: tuple[int, int], line: str) -> bool:
    """`line` goes on with a sentence begun on the line before (which has no end punctuation)
    and reads as prose, as many of its words in lower case as capitalised: not a heading."""
    if TERMINAL.search(text[before[0]:before[1]]):
        return False
    words = [w for w in re.findall(r"[A-Za-z]{3,}", line) if w.lower() not in STOPWORDS]
    return len(words) >= 2 and sum(w[0].islower() for w in words) * 2 >= len(words)


def _open_quote(run: str) -> bool:
    """The run is inside a quotation not yet closed: a quoted title in Title Case wrapped over
    short lines ("Resolution No. 14183, “Setting a Greenhouse Gas Reduction / Goal of 25% ...”")
    goes on to its closing quote, so its lines are no headings."""
    return run.count("“") > run.count("”") or run.count('"') % 2 == 1


def _sentence_units(text: str, start: int, end: int) -> list[Unit]:
    """Prose: split at sentence ends, but also at a short heading-like line."""
    units: list[Unit] = []
    lines = _lines(text, start, end)
    # Group lines into runs: a heading or bullet line starts a new run.
    runs: list[tuple[int, int]] = []
    run_start = None
    prev_end = None
    for i, (s, e) in enumerate(lines):
        line = text[s:e]
        new_run = run_start is None or (BULLET.match(line) is not None
                                        and not _closes_bracket(text[run_start:prev_end], line))
        if prev_end is not None and not new_run:
            prev_line = text[lines[i - 1][0]:prev_end]
            # A short line without end punctuation followed by a capital is a heading/label,
            # unless it carries on a sentence wrapped from the line above in running words
            # ("... to Government, jointly with Medway" / "Council, for Kent and Medway ...")
            if (len(prev_line) < 70 and not TERMINAL.search(prev_line)
                    and line[:1].isupper() and not prev_line.rstrip().endswith(("and", "of", "the", ","))
                    and not (lines[i - 1][0] != run_start and _wrapped_tail(text, lines[i - 2], prev_line))
                    and not _open_quote(text[run_start:prev_end])):
                new_run = True
            elif TERMINAL.search(prev_line) and prev_line.rstrip().endswith(":"):
                new_run = False
            elif len(line) < LABEL_LINE and line.rstrip().endswith(":") and line[:1].isupper():
                # "Reason(s) for decision:" after a list entry's full printed line: a label
                # opening the next unit, not the entry's continuation
                new_run = True
        if new_run and run_start is not None:
            runs.append((run_start, prev_end))
            run_start = None
        if run_start is None:
            run_start = s
        prev_end = e
    if run_start is not None:
        runs.append((run_start, prev_end))
    for rs, re_ in runs:
        pos = rs
        for m in SENTENCE_END.finditer(text, rs, re_):
            head = text[max(rs, m.start() - 8):m.start()]
            if ABBREVIATIONS.search(head) or LIST_MARK.fullmatch(text[pos:m.start()].strip()):
                continue     # "15. Cabinet met ...": a paragraph's number is not a sentence
            s, e = _trimmed(text, pos, m.start())
            if e > s:
                units.append(Unit(s, e, "sentence"))
            pos = m.end()
        s, e = _trimmed(text, pos, re_)
        if e > s:
            units.append(Unit(s, e, "sentence"))
    return units


# A line ending in one of these words (or a comma, hyphen or open bracket) runs on into the next.
RUN_ON_WORDS = frozenset("a an and as at by for from in into of on or per than that the to via was "
                         "were with which who whom is are be been being has have had will would "
                         "their his her its our this these those all any each such".split())
PRINTED_LINE = 70   # a line this long without end punctuation is a full printed line, not a heading
PRINTED_SHARE = 0.25  # ... when this share of a passage's paragraphs are such lines
# Markdown emphasis/heading markers and rules: a line carrying them is set apart on purpose.
MARKED_LINE = re.compile(r"^\s*(?:\*\*|__|#|---|\|)|\*\*\s*$")
EMPHASIS = re.compile(r"\*{2,3}|__")
# a line opening with emphasis closed mid-line, plain text after it ("**AND THAT**, in accordance
# with ... adopted **€0.2797** be and is"): words stressed inside a sentence, not a title
INLINE_EMPHASIS = re.compile(r"^\s*(?:\*{2,3}|__)[^*_\n]+(?:\*{2,3}|__)[^*_\n]*[A-Za-z0-9][^\n]*(?<![*_])$")


def _marked(line: str) -> bool:
    """The line is set apart by Markdown (a heading, rule, table row or emphasised title)."""
    return MARKED_LINE.search(line) is not None and (
        INLINE_EMPHASIS.match(line) is None or line.count("**") % 2 == 1)


def _wraps_into(prev: str, nxt: str, printed_lines: bool = True) -> bool:
    """The paragraph break between `prev` and `nxt` is a printed line wrap, not a real break:
    text converted from PDFs line by line (Limerick's Markdown) puts a blank line after every
    printed line, so "it was agreed to" / "receive a Deputation ..." are one sentence. A break
    is a wrap when the first line has no end punctuation and the next goes on in lower case,
    or the first stops on a comma, hyphen or a word that cannot end a sentence."""
    prev, nxt = prev.rstrip(), nxt.lstrip()
    if not prev or not nxt or "\t" in prev or "\t" in nxt:
        return False
    marked = _marked(prev)
    if marked != (MARKED_LINE.match(nxt) is not None and _marked(nxt)):
        return False      # an emphasised line (a title, a motion's wording) runs on only into another
    if marked:
        prev, nxt = EMPHASIS.sub("", prev).rstrip(), EMPHASIS.sub("", nxt).lstrip()
        if not prev or not nxt or nxt.startswith(("#", "---", "|")):
            return False
    if TERMINAL.search(prev) or BULLET.match(nxt):
        return False
    if nxt[0].islower() or nxt[0].isdigit():
        return True       # "... had risen by 12% during" / "2022." (a bullet "2. Item" was excluded above)
    last = re.search(r"([A-Za-z]+)\W*$", prev)
    if prev.endswith((",", "-", "(", "&")) or (last is not None and (last.group(1).lower() in RUN_ON_WORDS
                                                                     or last.group(1).lower() in STOPWORDS)):
        return True
    # a full-width printed line running on into a capitalised word ("... of Limerick" / "City and"),
    # only in text laid out a printed line per paragraph: elsewhere a long line is a title
    return printed_lines and len(prev) >= PRINTED_LINE and nxt[0].isupper() and prev[-1].isalnum()


def _one_line_per_paragraph(text: str, blocks: list[tuple[int, int]]) -> bool:
    """Most paragraphs are single printed lines, many stopping mid-sentence: Markdown from a
    PDF converter. (Limerick minutes: ~60% of paragraphs; Harrow's text papers: under 5%.)"""
    if len(blocks) < 6:
        return False
    wrapped = sum(1 for s, e in blocks if "\n" not in text[s:e] and PRINTED_LINE <= e - s <= 130
                  and not TERMINAL.search(text[s:e]))
    return wrapped >= PRINTED_SHARE * len(blocks)


def prose_blocks(text: str, start: int, end: int):
    """Blank-line blocks, with blocks joined across line-wrap breaks (see `_wraps_into`)."""
    span = None
    blocks = [b for b in (_trimmed(text, bs, be) for bs, be in _blocks(text, start, end)) if b[1] > b[0]]
    printed_lines = _one_line_per_paragraph(text, blocks)
    for bs, be in blocks:
        if span is not None:
            nl = text.rfind("\n", span[0], span[1])
            last_line = text[nl + 1 if nl >= 0 else span[0]:span[1]]
            first_nl = text.find("\n", bs, be)
            first_line = text[bs:be if first_nl < 0 else first_nl]
            if _wraps_into(last_line, first_line, printed_lines):
                span = (span[0], be)
                continue
            yield span
        span = (bs, be)
    if span is not None:
        yield span


def split_units(text: str, start: int = 0, end: int | None = None) -> list[Unit]:
    """Answer units of text[start:end], in document order."""
    end = len(text) if end is None else min(end, len(text))
    units: list[Unit] = []
    for bs, be in prose_blocks(text, max(0, start), end):
        bs, be = _trimmed(text, bs, be)
        if be <= bs:
            continue
        lines = _lines(text, bs, be)
        if _is_table_block(text, lines, bs, be):
            if be - bs <= MAX_UNIT:
                units.append(Unit(bs, be, "row"))
            else:
                units.extend(Unit(s, e, "line") for s, e in lines)
            continue
        units.extend(_sentence_units(text, bs, be))
    return units


def first_sentence_end(text: str, start: int, end: int) -> int | None:
    """Where the first sentence of text[start:end] ends (after its full stop), or None."""
    for m in SENTENCE_END.finditer(text, start, end):
        if not ABBREVIATIONS.search(text[max(start, m.start() - 8):m.start()]):
            return m.start()
    return None


CLAUSE_BREAK = re.compile(r"[;,:]\s+|\s+[-–]\s+|\n")


def clip_around(text: str, start: int, end: int, focus: int, limit: int = 300) -> tuple[int, int]:
    """A sub-span of text[start:end] at most `limit` long that keeps offset `focus`,
    cut at clause breaks (then words) so the clipped sentence still reads."""
    if end - start <= limit:
        return start, end
    lo, hi = max(start, focus - limit // 2), min(end, focus + limit // 2)
    if hi - lo < limit:
        lo, hi = (start, start + limit) if lo == start else (end - limit, end)
    # move lo forward to a clause/word boundary, hi back to one
    window = text[lo:hi]
    if lo > start:
        m = CLAUSE_BREAK.search(window)
        if m and lo + m.end() <= focus:
            lo = lo + m.end()
        else:
            sp = window.find(" ")
            if 0 <= sp and lo + sp + 1 <= focus:
                lo = lo + sp + 1
    if hi < end:
        cut = max((m.start() for m in CLAUSE_BREAK.finditer(text, focus, hi)), default=-1)
        if cut > focus:
            hi = cut
        else:
            sp = text.rfind(" ", focus, hi)
            if sp > focus:
                hi = sp
    return _trimmed(text, lo, hi)
