"""The standard parts of a journal article, the words readers use for them, and what a stated figure looks like:
true of any review, not of this one."""
from __future__ import annotations

import re

# What readers call the standard parts of an article: indexed with those parts so that "who edited this?"
# or "how do I cite it?" finds them (a field of the passage, like its title; true of any journal article).
PART_DESCRIPTORS = {
    "edited-by": "editor edited handling editor",
    "reviewed-by": "reviewers reviewed peer review referees",
    "correspondence": "corresponding author correspondence email contact address",
    "specialty-section": "journal section submitted specialty published in",
    "dates": "dates received accepted published publication date manuscript submitted when online appeared "
             "released came out",
    "citation": "cite citation how to cite volume article number journal doi reference published",
    "copyright": "copyright licence license reuse reproduce permitted open access creative commons",
    "open-access": "open access",
    "title": "title article name called full title",
    "authors": "authors who wrote written by first author last author names",
    "affiliations": "affiliations institutions university hospital department city based where located",
    "abstract": "abstract summary overview goal aim purpose scope covers",
    "keywords": "keywords key words index terms tagged subject",
    "author-contributions": "author contributions who did what wrote designed conceived analyzed roles",
    "funding": "funding funded grants grant numbers supported financial support sponsors",
    "conflict-of-interest": "conflict of interest competing interests financial ties commercial relationships "
                            "disclosures",
    "publishers-note": "publisher note disclaimer endorsement claims",
    "references": "reference cited citation paper article published journal authors doi wrote",
}


def journal_initials(reference_text: str) -> str:
    """"N Engl J Med" -> "NEJM", "Clin Cancer Res" -> "CCR": how readers name the journal of a reference."""
    m = re.search(r"\.\s+([A-Z][A-Za-z]*(?:\s+\(?[A-Z][A-Za-z]*\)?)+)\s+\((?:19|20)\d\d\)", reference_text)
    if not m:
        return ""
    words = [w.strip("()") for w in m.group(1).split()]
    return "".join(w[0] for w in words if w and w[0].isupper()) if len(words) > 1 else ""


# Parts of an article that answer as a whole (a name and address, a citation, a keyword list, a licence): true of
# any journal article's front and back matter.
WHOLE_PARTS = frozenset({"edited-by", "reviewed-by", "correspondence", "specialty-section", "citation",
                         "copyright", "title", "authors", "affiliations", "keywords", "funding"})
FIGURE = "__figure__"   # marker token: the sentence states a figure (a percentage, a duration, a count, a p-value)
FIGURE_RE = re.compile(r"\d(?:[\d.,]*\d)?\s?(?:%|(?:percent|-?months?|-?years?|-?weeks?|-?days?|patients|cases)\b)|"
                        r"\b[pPnN] ?[=<>] ?\d|\b(?:19|20)\d\d\b|\b\d+(?:\.\d+)? (?:to|and|versus|vs\.?) \d")


# A place in the article named by its label: "Table 1" (group 1), "section 3.2", "sec 4", "§2", "chapter 4"
# (group 2: the dotted number as printed)
# (group 2: the dotted number as printed, or a number word: "section three")
NUMBER_WORDS = {w: str(n) for n, w in enumerate("one two three four five six seven eight nine ten eleven twelve".split(), 1)}
_WORD = "(?:" + "|".join(NUMBER_WORDS) + ")"
PLACE_RE = re.compile(r"\b(?:in |from )?(?:table\s*(\d+|one)|(?:section|sec\.?|§|chapter)\s*(\d+(?:\.\d+)*|"
                      + _WORD + r"(?:\s+point\s+" + _WORD + r")*))\b", re.I)


def place_number(where: re.Match) -> str | None:
    """The dotted section number a PLACE_RE match names ("3.1", "three" -> "3", "three point two" -> "3.2");
    None for a table."""
    number = where.group(2)
    if not number:
        return None
    return ".".join(NUMBER_WORDS.get(w.lower(), w) for w in re.split(r"\s+point\s+", number, flags=re.I))


def place_table(where: re.Match) -> str | None:
    """The table number a PLACE_RE match names ("Table 1", "table one" -> "1")."""
    number = where.group(1)
    return NUMBER_WORDS.get(number.lower(), number) if number else None


def pointed_away(text: str, where: re.Match) -> bool:
    """Whether the place a PLACE_RE match names is set aside ("apart from the drugs in section 4"), not pointed at."""
    return bool(re.search(r"\b(?:apart from|besides|except|other than|outside|beyond|not in)\b(?:\W+\w+){0,4}\W*$",
                          text[:where.start()], re.I))
