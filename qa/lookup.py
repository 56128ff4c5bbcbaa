"""Finding the section a person names for `qa show`: a number as printed or cited ("§3.1.4", "3.1.4."), a part's
name ("Abstract", "Author contributions", a table as "Table 2" or "table-2"), or words of its title; and when
nothing matches, the few nearest sections to suggest instead."""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from .models import Section
from .text import fold

SUGGESTIONS = 3
LABEL_WIDTH = 76            # a suggestion is one line of an 80-column terminal
_NUMBER = re.compile(r"^\d+(?:\.\d+)*$")
_FILLER = {"the", "a", "an", "of", "on", "section", "sec", "part", "chapter"}


@dataclass(frozen=True)
class Found:
    section: Section | None             # the one section meant
    candidates: tuple[Section, ...]     # else: those that match equally well, or the nearest when none does
    ambiguous: bool = False             # the candidates all match (the words name several sections)


def find_section(sections: tuple[Section, ...], text: str) -> Found:
    key = _key(text)
    if not key:
        return Found(None, ())
    by_id = {s.id.casefold(): s for s in sections}
    slug = re.sub(r"[\s_]+", "-", re.sub(r"['’]", "", key.casefold()))
    for candidate in (key.casefold(), slug, slug.rstrip(".")):
        if candidate in by_id:
            return Found(by_id[candidate], ())
    folded = fold(key)
    exact = [s for s in sections if fold(s.title).rstrip(".") == folded or fold(s.label) == folded]
    if len(exact) == 1:
        return Found(exact[0], ())
    if _NUMBER.match(key):
        return Found(None, tuple(_nearest_numbers(sections, key)))
    wanted = [w for w in _words(key) if w not in _FILLER] or _words(key)
    matches = [s for s in sections if all(_has(_title_words(s), w) for w in wanted)]
    if len(matches) == 1:
        return Found(matches[0], ())
    if matches:
        return Found(None, tuple(matches), ambiguous=True)
    return Found(None, tuple(_nearest_words(sections, key, wanted)))


def _key(text: str) -> str:
    """What was typed, without a section sign, a leading "section" or a full stop after a number."""
    key = " ".join(text.split()).strip().lstrip("§").strip()
    key = re.sub(r"^(?:section|sec\.?)\s+(?=\d)", "", key, flags=re.I)
    return re.sub(r"(?<=\d)\.+$", "", key)


def _latin(word: str) -> str:
    """Greek letters as their Latin letter (κ -> k), for a heading typed on a plain keyboard (a κ typed as k)."""
    out = []
    for ch in word:
        name = unicodedata.name(ch, "")
        out.append(name.split()[-1][0].lower() if name.startswith("GREEK") else ch)
    return "".join(out)


def _forms(word: str) -> set[str]:
    """A word's forms to compare: whole, joined ("abc/xyz" -> "abcxyz"), its pieces, singular, Greek spelled
    as a Latin letter or by name."""
    forms = set()
    for variant in {_latin(word.casefold()), fold(word)}:
        variant = variant.strip(".,;:()[]'\"?!")
        pieces = [p for p in re.split(r"[-/]", variant) if p]
        for form in [variant, "".join(pieces), *pieces]:
            if form:
                forms.add(form)
                if len(form) > 3 and form.endswith("s"):
                    forms.add(form[:-1])
    return forms


def _words(text: str) -> list[str]:
    return [w for w in (w.strip(".,;:()[]'\"?!").casefold() for w in text.split()) if w]


def _title_words(section: Section) -> set[str]:
    return set().union(*(_forms(w) for w in section.title.split())) if section.title else set()


def _has(title_forms: set[str], word: str) -> bool:
    forms = _forms(word)
    joined = {f for f in forms if "-" not in f and "/" not in f}
    return bool(joined & title_forms) or bool(forms & title_forms)


def _nearest_numbers(sections: tuple[Section, ...], key: str) -> list[Section]:
    """Numbered sections nearest a number the review does not have: the most leading parts in common, then the
    nearest number at the first part that differs (the parent counts as one away), then the same depth."""
    want = [int(p) for p in key.split(".")]

    def distance(s: Section):
        have = [int(p) for p in s.id.split(".")]
        common = 0
        while common < min(len(have), len(want)) and have[common] == want[common]:
            common += 1
        rest = [abs(h - w) for h, w in zip(have[common:], want[common:])]
        return (-common, rest[0] if rest else 1, abs(len(have) - len(want)), rest[1:])
    numbered = [s for s in sections if s.number]
    return sorted(numbered, key=distance)[:SUGGESTIONS]


def _nearest_words(sections: tuple[Section, ...], key: str, wanted: list[str]) -> list[Section]:
    """Sections whose id or title is nearest what was typed: words that nearly match a title word count most,
    then the likeness of the whole text to the title or id."""
    folded = fold(key)

    def score(s: Section) -> float:
        title = _title_words(s)
        close = sum(1 for w in wanted if any(difflib.SequenceMatcher(None, f, t).ratio() >= 0.75
                                             for f in _forms(w) for t in title))
        whole = max(difflib.SequenceMatcher(None, folded, fold(s.title)).ratio(),
                    difflib.SequenceMatcher(None, folded, s.id).ratio())
        return close / max(1, len(wanted)) + 0.5 * whole
    return sorted(sections, key=score, reverse=True)[:SUGGESTIONS]


def not_found_message(typed: str, found: Found) -> str:
    """What `qa show` says when TYPED names no section, or several: those to choose from, never the whole
    outline."""
    from .formats import safe

    def label(s: Section) -> str:
        text = f"{s.id:<8} {safe(s.title)}" if s.number else f"{s.id} ({safe(s.title)})"
        return text if len(text) <= LABEL_WIDTH else text[:LABEL_WIDTH - 1].rstrip() + "…"
    if found.ambiguous:
        head = f"'{safe(typed)}' names {len(found.candidates)} sections; say which one:"
    else:
        head = f"no section '{safe(typed)}'" + ("; did you mean:" if found.candidates else "")
    return "\n".join([head] + [f"  {label(s)}" for s in found.candidates] + ["(`qa sections` lists them all)"])


def one_line_not_found(doc: str, typed: str, found: Found) -> str:
    """What `qa show DOC:SECTION` says, in one line, when the review DOC of a library has no such section (or the
    words name several): a few to choose from, and where its outline is."""
    from .formats import safe
    ids = ", ".join(f"{doc}:{s.id}" for s in found.candidates[:SUGGESTIONS])
    if found.ambiguous:
        return f"'{safe(typed)}' names {len(found.candidates)} sections of review {doc}: {ids}; say which one"
    near = f"nearest: {ids}; " if ids else ""
    return f"review {doc} has no section '{safe(typed)}' ({near}`qa sections --doc {doc}` lists them)"
