"""Which meeting body a question names, from the distinctive words of the store's body names.

"Who chaired the Adare-Rathkeale meeting?" names the "Municipal District of Adare-Rathkeale"
without its full name. A body word counts only when it is distinctive: not a word every council
uses for its bodies (municipal, district, committee, cabinet, ...) and mostly written in that
body's own papers (a place name like "Adare"), so "the Planning Board" of one council is not
read into a planning question about another.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable

from .text import STOPWORDS

# Words councils everywhere use in body names: they say what kind of body, not which one.
GENERIC_BODY_WORDS = frozenset("""
municipal district council councils committee committees board boards city county borough meeting
meetings monthly special full annual general joint sub panel forum cabinet executive scrutiny
overview planning licensing audit health wellbeing policy resources standards governance regulatory
appeals assembly commission authority partnership group members member town parish community
local area strategic development management finance housing education children adult adults social
services care transport economy environment
""".split())
MIN_SHARE = 0.5     # share of a word's occurrences that must lie in the papers of the bodies it names,
MIN_LIFT = 2.0      # ... and at least this many times those papers' share of all text: "Limerick" is
                    # in 3 of the 7 Limerick body names and in every paper (lift ~1), "Rathkeale" in one
                    # body name and mostly in that body's papers (lift > 5)
CLOSE_SCORE = 0.6   # bodies scoring this share of the best are named too (spellings of one body:
                    # "Joint Policing Committee Meeting" / "Limerick Joint Policing Committee")


def body_words(name: str) -> frozenset:
    """Lower-case words of a body name that could single it out ("adare", "rathkeale")."""
    words = re.findall(r"[A-Za-z][A-Za-z'’]+", name or "")
    return frozenset(w.lower() for w in words
                     if len(w) >= 3 and w.lower() not in STOPWORDS and w.lower() not in GENERIC_BODY_WORDS)


@dataclass(frozen=True)
class BodyHint:
    """The bodies a question names (all spellings of them in the store) and the words that did.
    `strong`: named by a distinctive word ("Adare-Rathkeale"); otherwise by a full name made of
    words any council uses ("the Planning Board"), which may be another council's body."""
    bodies: frozenset
    words: frozenset
    strong: bool = True


# "full council": the meeting of all the members, whatever a council calls that body in its
# papers ("County Council", "City Council", "Council")
FULL_COUNCIL = re.compile(r"\bfull\s+council\b", re.I)
COUNCIL_BODY = re.compile(r"^\s*(?:(?:full|county|city|borough|district|town|parish|metropolitan)\s+)*council\s*$", re.I)
# one-word body names that name no body when read in a question ("the council", "the meeting")
VAGUE_NAMES = frozenset("council councils meeting meetings committee board panel forum group members".split())


def _full_name(question: str, bodies: Iterable[str]) -> BodyHint | None:
    """A weak hint: bodies whose whole name is in the question ("Cabinet", "the Planning
    Board", "County Council"), and the council's own meeting for "full council"."""
    low = " " + re.sub(r"\W+", " ", question.lower()) + " "
    named = set()
    for b in bodies:
        name = re.sub(r"\W+", " ", b.lower()).strip()
        if not name or name in VAGUE_NAMES:
            continue
        if f" {name} " in low or (FULL_COUNCIL.search(question) and COUNCIL_BODY.match(b)):
            named.add(b)
    return BodyHint(bodies=frozenset(named), words=frozenset(), strong=False) if named else None


def named_bodies(question: str, bodies: Iterable[str],
                 share_in_bodies: Callable[[str, frozenset], tuple[float, float]]) -> BodyHint | None:
    """The store bodies whose distinctive words the question uses most, or None.

    `share_in_bodies(word, bodies)` gives (share of the word's occurrences in the store that lie
    in documents of those bodies, share of all text that does); a word not concentrated in
    those papers is a topic word, not a name."""
    q_words = {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'’]+", question)}
    by_word: dict[str, set[str]] = {}
    for body in bodies:
        for w in body_words(body) & q_words:
            by_word.setdefault(w, set()).add(body)
    named = {}
    for w, bs in by_word.items():
        share, base = share_in_bodies(w, frozenset(bs))
        if share >= MIN_SHARE and share >= MIN_LIFT * base:
            named[w] = frozenset(bs)
    if not named:
        return _full_name(question, bodies)
    # a body is named by as many of its distinctive words as possible; a word shared by
    # several bodies counts for less ("Limerick" in three body names vs "Rathkeale" in one)
    scores: dict[str, float] = {}
    for w, bs in named.items():
        for b in bs:
            scores[b] = scores.get(b, 0.0) + 1.0 / len(bs)
    top = max(scores.values())
    chosen = frozenset(b for b, s in scores.items() if s >= CLOSE_SCORE * top)
    return BodyHint(bodies=chosen, words=frozenset(w for w, bs in named.items() if bs & chosen))


def name_only_words(question: str, hint: BodyHint) -> frozenset:
    """The hint's words the question uses only inside the body's name: a word beside another
    word of a body name ("the Adare-Rathkeale meeting", "Limerick council"). "Adare" in "the
    Adare public realm plan" also says which plan, so it stays a word to find."""
    names = {w for b in hint.bodies for w in re.findall(r"[a-z]+", b.lower())} | GENERIC_BODY_WORDS
    words = [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'’]+", question)]
    only = set()
    for w in hint.words:
        spots = [i for i, x in enumerate(words) if x == w]
        if spots and all((i > 0 and words[i - 1] in names) or (i + 1 < len(words) and words[i + 1] in names)
                         for i in spots):
            only.add(w)
    return frozenset(only)
