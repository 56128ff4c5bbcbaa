"""Parse the review's extracted markdown into a Document: sections, passages, Table 1, references, metadata."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .models import Author, Document, Metadata, Passage, Reference, Section, Table
from .text import clean_markup


class ParseError(ValueError):
    """The text is not a review this parser understands (with the line where it gave up)."""


FRONT_HEADINGS = {
    "open access": ("open-access", "Open access"),
    "edited by": ("edited-by", "Edited by"),
    "reviewed by": ("reviewed-by", "Reviewed by"),
    "correspondence": ("correspondence", "Correspondence"),
    "specialty section": ("specialty-section", "Specialty section"),
    "citation": ("citation", "Citation"),
    "copyright": ("copyright", "Copyright"),
    "keywords": ("keywords", "Keywords"),
}
BACK_HEADINGS = {
    "author contributions": "author-contributions",
    "funding": "funding",
    "conflict of interest": "conflict-of-interest",
    "publisher's note": "publishers-note",
    "references": "references",
}
_NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(.+)$")
_DATE_LINE = re.compile(r"^(RECEIVED|ACCEPTED|PUBLISHED)\s+(.+)$")
_CITE_GROUP = re.compile(r"\((\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\)")
_DOI = re.compile(r"doi:\s*(10\.\S+?)\.?$", re.I)
_REF_NUMBERED = re.compile(r"^(\d{1,3})\.\s+(.*)$")
_AUTHOR_LIST = re.compile(r"^[A-Z][\w'’-]+(?: [\w'’-]+)* [A-Z]{1,3}(?:, |$)")
_TERMINAL = re.compile(r"[.!?:;)\]]$")


def slugify(text: str) -> str:
    text = text.lower().replace("'", "").replace("’", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


@dataclass
class _Block:
    lines: list[str]
    lineno: int

    @property
    def text(self) -> str:
        """Join hard-wrapped lines; a line ending in a hyphen joins without a space ("open-" "access")."""
        out = ""
        for raw in self.lines:
            line = raw.strip()
            if not out:
                out = line
            elif out.endswith("-") and not out.endswith(" -"):
                out += line
            else:
                out += " " + line
        return out


def _blocks(source: str) -> list[_Block]:
    blocks: list[_Block] = []
    current: list[str] = []
    start = 0
    for i, line in enumerate(source.splitlines(), 1):
        if line.strip():
            if not current:
                start = i
            current.append(line.rstrip("\n"))
        elif current:
            blocks.append(_Block(current, start))
            current = []
    if current:
        blocks.append(_Block(current, start))
    return blocks


def citations_in(text: str, max_ref: int) -> tuple[int, ...]:
    """Reference numbers cited as "(12)", "(46, 47)" or "(55-57)", in order of first mention."""
    found: list[int] = []
    for group in _CITE_GROUP.findall(text):
        for part in re.split(r"\s*,\s*", group):
            bounds = re.split(r"\s*[–-]\s*", part)
            nums = [int(b) for b in bounds if b.isdigit()]
            if len(nums) == 2 and nums[0] < nums[1]:
                nums = list(range(nums[0], nums[1] + 1))
            for n in nums:
                if 1 <= n <= max_ref and n not in found:
                    found.append(n)
    return tuple(found)


@dataclass
class _SectionDraft:
    id: str
    title: str
    level: int
    parent: str | None
    kind: str
    paragraphs: list[str] = field(default_factory=list)
    related: tuple[str, ...] = ()


class _Parser:
    def __init__(self, source: str):
        self.blocks = _blocks(source)
        self.sections: dict[str, _SectionDraft] = {}
        self.order: list[str] = []
        self.meta: dict[str, object] = {}
        self.table: Table | None = None
        self.raw_refs: list[tuple[int | None, str]] = []
        self.dangling: tuple[str, int] | None = None   # (section id, paragraph index) cut mid-sentence

    def add_section(self, sid: str, title: str, level: int, parent: str | None, kind: str,
                    related: tuple[str, ...] = ()) -> _SectionDraft:
        if sid in self.sections:
            return self.sections[sid]
        draft = _SectionDraft(sid, title, level, parent, kind, related=related)
        self.sections[sid] = draft
        self.order.append(sid)
        return draft

    def add_paragraph(self, sid: str, text: str, joinable: bool = True) -> None:
        """Append a paragraph, re-joining it to one that a page break cut mid-sentence."""
        paragraphs = self.sections[sid].paragraphs
        if joinable and self.dangling and self.dangling[0] == sid:
            index = self.dangling[1]
            previous = paragraphs[index]
            paragraphs[index] = previous + ("" if previous.endswith("-") else " ") + text
        else:
            paragraphs.append(text)
            index = len(paragraphs) - 1
        self.dangling = (sid, index) if joinable and not _TERMINAL.search(paragraphs[index]) else None

    def parse(self) -> Document:
        if not self.blocks:
            raise ParseError("line 1: the review text is empty")
        state = "front"
        current: str | None = None
        numbered_parent: dict[int, str] = {}
        front_slug: str | None = None
        title_seen = False
        after_title: list[str] = []
        for block in self.blocks:
            first = block.lines[0].strip()
            if first.startswith("#"):
                heading = clean_markup(first.lstrip("#").strip())
                if not heading:
                    continue
                m = _NUMBERED.match(heading)
                key = heading.lower()
                if first.startswith("# ") and not title_seen and state == "front":
                    title_seen = True
                    self.meta["title"] = heading
                    self.add_section("title", "Title", 1, None, "front")
                    self.add_paragraph("title", heading, joinable=False)
                    front_slug = None
                    continue
                if m and state in ("front", "body"):
                    state = "body"
                    number, title = m.group(1), m.group(2)
                    level = number.count(".") + 1
                    parent = numbered_parent.get(level - 1) if level > 1 else None
                    if level > 1 and (parent is None or not number.startswith(parent + ".")):
                        parent = number.rsplit(".", 1)[0]
                    numbered_parent[level] = number
                    self.add_section(number, title, level, parent, "body")
                    current = number
                    continue
                if key in FRONT_HEADINGS and state == "front":
                    slug, title = FRONT_HEADINGS[key]
                    self.add_section(slug, title, 1, None, "front")
                    front_slug = slug
                    continue
                if key in BACK_HEADINGS:
                    state = "back"
                    slug = BACK_HEADINGS[key]
                    self.add_section(slug, heading, 1, None, "back")
                    current = slug
                    continue
                # Any other unnumbered heading ("Methods", "Acknowledgements") is a part of its own.
                if state == "front":
                    state = "body"
                slug = slugify(heading) or f"part-{block.lineno}"
                self.add_section(slug, heading, 1, None, "back" if state == "back" else "body")
                current = slug
                continue

            text = clean_markup(block.text)
            if not text:
                continue
            if state == "front":
                self._front_block(block, text, front_slug, title_seen, after_title)
                continue
            if first.startswith("- ") or ((self.raw_refs or current == "references") and _REF_NUMBERED.match(first)):
                self._reference_lines(block)
                continue
            if state == "back" and self.raw_refs and self.dangling and current != self.dangling[0]:
                # A paragraph the reference list cut in two (Funding "…; Guangdong" / "Provincial …").
                sid = self.dangling[0]
                self.add_paragraph(sid, text)
                continue
            if first.upper().startswith("TABLE "):
                self._table_caption(text)
                continue
            if "\t" in block.lines[0]:
                self._table_rows(block)
                continue
            if current is None:
                current = "preamble"
                self.add_section(current, "Preamble", 1, None, "front")
            self.add_paragraph(current, text)
        return self._finish()

    # -- front matter -------------------------------------------------------------------------
    def _front_block(self, block: _Block, text: str, slug: str | None, title_seen: bool,
                     after_title: list[str]) -> None:
        if title_seen and slug is None:
            after_title.append(text)
            names = ("authors", "affiliations", "abstract")
            which = names[min(len(after_title), len(names)) - 1]
            if len(after_title) > len(names):     # a longer abstract: more paragraphs of it
                self.add_paragraph("abstract", text, joinable=False)
                return
            titles = {"authors": "Authors", "affiliations": "Affiliations", "abstract": "Abstract"}
            self.add_section(which, titles[which], 1, None, "front")
            self.add_paragraph(which, self._front_text(which, block), joinable=False)
            return
        dates = [_DATE_LINE.match(line.strip()) for line in block.lines]
        if all(dates):
            self.add_section("dates", "Received, accepted, published", 1, None, "front")
            for m in dates:
                self.meta[m.group(1).lower()] = m.group(2).strip()
            existing = self.sections["dates"].paragraphs
            joined = " ".join(f"{m.group(1).capitalize()} {m.group(2).strip()}." for m in dates)
            if existing:
                existing[0] += " " + joined
            else:
                existing.append(joined)
            return
        if slug is None:
            slug = "front-matter"
            self.add_section(slug, "Front matter", 1, None, "front")
        self.meta.setdefault(slug, []).append(block.lines)
        self.add_paragraph(slug, text, joinable=False)

    def _front_text(self, which: str, block: _Block) -> str:
        raw = block.text
        if which == "authors":
            authors = []
            for m in re.finditer(r"(?:^|,|\band\b)\s*([^,<]+?)\s*<sup>([^<]+)</sup>", raw):
                if m:
                    marks = m.group(2).replace("\\", "")
                    nums = tuple(int(x) for x in marks.replace("*", "").split(",") if x)
                    authors.append(Author(clean_markup(m.group(1)), nums, "*" in marks))
            if not authors:   # a plain author line: "Ann Smith, Bo Li and Cy Wu"
                names = [n.strip() for n in re.split(r",\s*|\s+and\s+", clean_markup(raw)) if n.strip()]
                authors = [Author(n, ()) for n in names]
            self.meta["authors"] = tuple(authors)
            if len(authors) < 2:
                return clean_markup(raw)
            return ", ".join(a.name for a in authors[:-1]) + " and " + authors[-1].name
        if which == "affiliations":
            affs = re.findall(r"<sup>(\d+)</sup>(.*?)(?=,?\s*<sup>|$)", raw)
            self.meta["affiliations"] = tuple((int(n), clean_markup(t).rstrip(", ")) for n, t in affs)
            return "; ".join(f"{n}. {t}" for n, t in self.meta["affiliations"])
        return clean_markup(raw)

    # -- Table 1 --------------------------------------------------------------------------------
    def _table_caption(self, text: str) -> None:
        m = re.match(r"TABLE\s+(\d+)\.?\s*(.*)", text, re.I)
        self.meta["table_caption"] = (m.group(1), m.group(2)) if m else ("1", text)

    def _table_rows(self, block: _Block) -> None:
        rows = [tuple(clean_markup(c) for c in line.split("\t")) for line in block.lines]
        number, caption = self.meta.get("table_caption", ("1", ""))
        width = len(rows[0])
        rows = [row + ("",) * (width - len(row)) if len(row) < width else row[:width] for row in rows]
        self.table = Table(f"table-{number}", caption, rows[0], tuple(rows[1:]))
        referring = [sid for sid in self.order if sid[0].isdigit()
                     and any(f"(Table {number})" in p for p in self.sections[sid].paragraphs)]
        self.add_section(self.table.id, f"Table {number} {caption}", 1, None, "table",
                         related=tuple(referring))
        body = "\n".join(" | ".join(r) for r in rows)
        self.sections[self.table.id].paragraphs.append(f"TABLE {number} {caption}\n{body}")

    # -- references -----------------------------------------------------------------------------
    def _reference_lines(self, block: _Block) -> None:
        for raw in block.lines:
            line = raw.strip()
            m = _REF_NUMBERED.match(line)
            if m:
                self.raw_refs.append((int(m.group(1)), m.group(2)))
                continue
            line = re.sub(r"^-\s+", "", line)
            if self.raw_refs and self.raw_refs[-1][1].endswith("-") and "doi:" not in self.raw_refs[-1][1]:
                n, prev = self.raw_refs[-1]
                self.raw_refs[-1] = (n, prev + line)
            else:
                self.raw_refs.append((None, line))

    def _references(self) -> tuple[Reference, ...]:
        refs: list[Reference] = []
        expected = 1
        for n, raw in self.raw_refs:
            if n is not None and n > expected:      # a numbered list that skips: keep its numbers
                expected = n
            text = clean_markup(raw)
            doi_m = _DOI.search(text)
            year_m = re.search(r"\((\d{4})\)", text)
            authors, _, rest = text.partition(". ")
            if not _AUTHOR_LIST.match(authors):
                authors, rest = "", text
            if "et al." in text:
                authors, _, rest = text.partition(", et al. ")
                authors += ", et al."
            title, journal = rest, ""
            if year_m:
                before_year = rest[: rest.find(year_m.group(0))].strip() if year_m.group(0) in rest else rest
                # The title ends at the last ". " or "? " before the journal.
                cut = max(before_year.rfind(". "), before_year.rfind("? "))
                if cut > 0:
                    title = before_year[: cut + 1].strip()
                    journal = before_year[cut + 2:].strip()
                else:
                    title, journal = "", before_year
            refs.append(Reference(expected, text, authors.strip(), title.rstrip("."), journal,
                                  int(year_m.group(1)) if year_m else None,
                                  doi_m.group(1) if doi_m else None))
            expected += 1
        return tuple(refs)

    # -- assembly -------------------------------------------------------------------------------
    def _finish(self) -> Document:
        references = self._references()
        max_ref = len(references)
        sections: list[Section] = []
        passages: list[Passage] = []
        for sid in self.order:
            d = self.sections[sid]
            path = self._path(d)
            sections.append(Section(sid, d.title, d.level, d.parent, path, d.kind, d.related))
            if sid == "references":
                for r in references:
                    passages.append(Passage(f"references/r{r.n}", sid, d.title, path, r.text, (r.n,)))
                continue
            cite = d.kind in ("body", "table")
            for i, text in enumerate(d.paragraphs, 1):
                passages.append(Passage(f"{sid}/p{i}", sid, d.title, path, text,
                                        citations_in(text, max_ref) if cite else ()))
        return Document(self._metadata(), tuple(sections), tuple(passages), references, self.table)

    def _path(self, d: _SectionDraft) -> tuple[str, ...]:
        chain = []
        node: _SectionDraft | None = d
        while node is not None:
            chain.append(f"{node.id} {node.title}" if node.id[0].isdigit() else node.title)
            node = self.sections.get(node.parent) if node.parent else None
        return tuple(reversed(chain))

    def _metadata(self) -> Metadata:
        def lines(slug: str) -> list[str]:
            return [clean_markup(line) for block in self.meta.get(slug, []) for line in block]

        def text(slug: str) -> str:
            return " ".join(self.sections[slug].paragraphs) if slug in self.sections else ""

        people = lines("reviewed-by")
        reviewers = tuple(f"{people[i].rstrip(',')} ({people[i + 1]})" for i in range(0, len(people) - 1, 2))
        corr = lines("correspondence")
        correspondence = tuple((corr[i], corr[i + 1]) for i in range(0, len(corr) - 1, 2))
        editor = lines("edited-by")
        specialty = text("specialty-section")
        journal_m = re.search(r"of the journal (.+)$", specialty)
        section_m = re.search(r"submitted to (.+?), a section", specialty)
        citation = text("citation")
        doi_m = _DOI.search(citation)
        copyright_text = text("copyright")
        url_m = re.search(r"\((https?://[^)]+)\)", " ".join(" ".join(b) for b in self.meta.get("copyright", [])))
        return Metadata(
            title=str(self.meta.get("title", "")),
            authors=tuple(self.meta.get("authors", ())),
            affiliations=tuple(self.meta.get("affiliations", ())),
            editor=(f"{editor[0].rstrip(',')} ({', '.join(e.rstrip(',') for e in editor[1:])})",) if editor else (),
            reviewers=reviewers,
            correspondence=correspondence,
            specialty=section_m.group(1) if section_m else "",
            journal=journal_m.group(1) if journal_m else "",
            received=str(self.meta.get("received", "")),
            accepted=str(self.meta.get("accepted", "")),
            published=str(self.meta.get("published", "")),
            citation=citation,
            doi=doi_m.group(1) if doi_m else "",
            copyright=copyright_text,
            licence="CC BY 4.0" if "creativecommons.org/licenses/by/4.0" in (url_m.group(1) if url_m else "") else "",
            licence_url=url_m.group(1) if url_m else "",
            keywords=tuple(k.strip() for k in text("keywords").split(",") if k.strip()),
        )


def parse_review(source: str) -> Document:
    """Parse the extracted review text; raises ParseError with a line number on text it cannot place."""
    return _Parser(source.replace("\r\n", "\n").lstrip("\ufeff")).parse()
