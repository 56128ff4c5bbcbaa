"""The things a sentence enumerates ("were A, B, C, and D", "such as A, B and C", "(A, B)"), as short verbatim
phrases: what a list answer can name when the facts type no entity for each."""
from __future__ import annotations

import re

from .text import STOPWORDS

# the words that end a phrase and begin the next (function words, and the verbs that introduce a list); general
# English, any text
_INTRODUCERS = STOPWORDS | frozenset("""include includes included including such like namely followed
encompass encompasses comprising comprise comprises involving involve involves were was are is""".split())
_PAREN = re.compile(r"\s*\(([^()]*)\)")
_FIGURE_OR_CITATION = re.compile(r"^[\s\d.,;:%/=<>±–-]*$|\bp\s*[=<]|\d+(?:\.\d+)?\s*%|^\s*n\s*=")
_CONJ = re.compile(r"^(?:and|or|as well as)\s+", re.I)
MAX_WORDS = 5          # an item is a name or a short noun phrase, not a clause


# inside an item, "of" binds a noun phrase ("alterations of GENE"); before the first item it introduces the list
_INSIDE = _INTRODUCERS - {"of"}


def _clean(words: list[str]) -> bool:
    return 0 < len(words) <= MAX_WORDS and not any(w.casefold() in _INSIDE for w in words[1:]) \
        and words[0].casefold() not in _INTRODUCERS


def _trim_first(words: list[str], keep: int) -> list[str]:
    """The first item of a run: the words after the last function word or list verb, at most `keep` of them."""
    cut = max((i + 1 for i, w in enumerate(words) if w.casefold() in _INTRODUCERS), default=0)
    item = words[cut:][-keep:]
    while len(item) > 1 and item[0].casefold().endswith("ly"):     # "(as) principally X": an adverb, not X
        item = item[1:]
    return item


def _trim_last(words: list[str]) -> list[str]:
    """The last item of a run: up to the first function word after its first word."""
    for i, w in enumerate(words[1:], 1):
        if w.casefold() in _INSIDE:
            return words[:i]
    return words


def _runs(text: str) -> list[list[str]]:
    """Every coordination of the text: for each comma-separated part holding "and"/"or", the items back from
    it while they are bare phrases, the first trimmed of the words that introduce it."""
    out = []
    for clause in re.split(r"[;:]|\.\s", text):
        parts = [p.strip(" .") for p in re.split(r",\s*", clause)]
        for end, part in enumerate(parts):
            pieces = re.split(r"\s(?:and|or|as well as)\s", " " + part + " ", maxsplit=1)
            if len(pieces) < 2:
                continue
            head, tail = pieces[0].split(), _trim_last(pieces[1].split())
            segments = [p.split() for p in parts[:end]] + ([head] if head else [])
            if not tail or len(tail) > MAX_WORDS:
                continue
            keep = len(tail)
            items = [tail]
            for n, seg in reversed(list(enumerate(segments))):
                if n == 0 and end > 0 and len(seg) <= 3 and seg[0].casefold() in _INTRODUCERS:
                    break           # "For example, A and B": an opening adverbial, no item
                if _clean(seg):
                    items.append(seg)
                    keep = max(keep, len(seg))
                    continue
                first = _trim_first(seg, keep)
                if first:
                    items.append(first)
                break
            if len(items) >= 2:
                out.append([" ".join(w) for w in reversed(items)])
        introduced = _introduced(clause)
        if introduced:
            out.append(introduced)
    return out


_INTRODUCED = re.compile(r"\b(?:including|includes?|included|such as|namely)\s+(.+)$", re.I)
_ET_CETERA = re.compile(r"(?:,?\s*(?:and so on|and so forth|etc\.?|and others))+\s*$", re.I)


def _introduced(clause: str) -> list[str]:
    """A list an introducing word opens ("including A and B, C, and D and so on"): its comma-separated items to
    the clause's end, each whole (an item may join two words with "and"); [] unless three or more, each short."""
    m = _INTRODUCED.search(clause)
    if not m:
        return []
    rest = _ET_CETERA.sub("", m.group(1).strip(" ."))
    items = [_CONJ.sub("", i.strip()) for i in re.split(r",\s*", rest)]
    items = [i for i in items if i]
    if len(items) < 3 or any(len(i.split()) > MAX_WORDS + 2 for i in items):
        return []
    return items


def enumerations(sentence: str) -> tuple[list[list[str]], list[list[str]]]:
    """The sentence's enumerations, each a list of verbatim items: those in parentheses ("(cyclin D1, c-Myc)"),
    and those of the running text once the parentheses are gone ("were fatigue, dry eyes, and increased tears")."""
    inner = []
    for m in _PAREN.finditer(sentence):
        group = m.group(1)
        if not _FIGURE_OR_CITATION.search(group):
            inner += _runs(group if " and " in group or " or " in group else re.sub(r",\s*([^,]*)$", r" and \1", group))
    plain = _runs(_PAREN.sub("", sentence))
    def keep(runs):
        return [r for r in runs if not any(_FIGURE_OR_CITATION.search(i) for i in r)]
    return keep(inner), keep(plain)
