"""What is indexed for a passage and for a sentence: its text, and its title, parent headings and part of the
article as fields (kept small: every start of qa imports it)."""
from __future__ import annotations

from .article import PART_DESCRIPTORS, journal_initials
from .models import Passage


def field_parts(passage: Passage, title_weight: int, path_weight: int) -> list[str]:
    """The texts indexed for a passage, in order: body, its title and parent headings repeated as the weights say,
    and the words readers use for its part of the article."""
    parents, descriptor = headings(passage)
    return [passage.text] + [passage.title] * title_weight + [parents] * path_weight + [descriptor]


def headings(passage: Passage) -> tuple[str, str]:
    """A passage's parent headings, and the words readers use for its part (a reference: and its journal)."""
    descriptor = PART_DESCRIPTORS.get(passage.section, "")
    if passage.section == "references":
        descriptor += " " + journal_initials(passage.text)
    return " ".join(passage.path[:-1]), descriptor


def sentence_text(sentence: str, passage: Passage) -> str:
    """The text indexed for one sentence unit: itself, its passage's title and its part's words."""
    return f"{sentence} {passage.title} {PART_DESCRIPTORS.get(passage.section, '')}"
