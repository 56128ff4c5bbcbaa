"""Answers that gather: the review's typed facts collected into a list, a comparison of measures, or an overview
of the review's own parts, for questions that ask for a set of things rather than one."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .lazy_re import lazy_compile
from .article import NUMBER_WORDS, PLACE_RE, place_number, place_table, pointed_away
from .lexicon import LIGHT, PROPERTY_WORDS, VALUE_SYNONYMS
from .models import Document, Fact
from .reading import Reading
from .text import fold

# The plural nouns a reader uses for each kind of fact (general biomedical English, not this review's names):
# "which drugs ...", "list the biomarkers", "what microRNAs ...". A noun naming a class of drug ("antibodies",
# "inhibitors") also asks for agents, and its words must then match the agent's class or target.
KIND_NOUNS = {
    "agent": ("drugs", "agents", "therapies", "treatments", "medicines", "medications", "compounds", "inhibitors",
              "antibodies", "conjugates", "adcs", "tkis", "options"),
    "biomarker": ("biomarkers", "markers", "genes", "proteins", "molecules", "predictors"),
    "mirna": ("micrornas", "mirnas", "mirs"),        # the molecule class's common English names, any review
    "mechanism": ("mechanisms", "strategies", "approaches"),
}
CLASS_NOUNS = {"inhibitors", "antibodies", "conjugates", "adcs", "tkis"}
# nouns that ask for drugs by name; an agent whose own name is a category ("GENE blockers", "MIRNA inhibition",
# a plural drug family, a kind of therapy) is a kind of treatment, listed for "inhibitors", "therapies" or
# "strategies" but not for these
NAMED_DRUG_NOUNS = {"drug", "drugs", "medicine", "medicines", "medication", "medications", "compound", "compounds",
                    "agent", "agents"}
_CATEGORY_NAME = lazy_compile(r"(?:[a-z](?<![su])s|tion|ing|therapy|apies)$", re.I)
# words that shape a gathering question but constrain nothing ("which drugs does the review list?")
SHAPE_WORDS = tuple("""which what list name all enumerate review article paper authors discuss discussed describe
described mention mentioned cover covered propose proposed give given name named there are were is was have has does
do did the a an of in on for and or to by with as any other kinds kind types type main key different various its their
this these those that according new present presented relation related associated linked
involve involves involved ones both only either one appear appears listed propose proposes every each""".split())
_KIND_NOUN = "|".join(n for ns in KIND_NOUNS.values() for n in ns)
# "every microRNA", "each drug": a kind noun in the singular after "every" or "each" asks for the set too
# ("types of biomarker": the same after a word that sorts a set)
_EVERY_KIND = lazy_compile(r"\b(?:every|each|(?:types?|kinds?|sorts?|class(?:es)?) of)\s+(?:single\s+)?(?:" + "|".join(
    n[:-3] + "y" if n.endswith("ies") else n[:-1] for ns in KIND_NOUNS.values() for n in ns) + r")\b", re.I)
# "which (of the emerging) biomarkers ...", "list / name ...", or a bare noun phrase headed by a kind noun
# ("ADCs in the review?", "table 1 biomarkers with a negative correlation")
_ASKS_SET = lazy_compile(r"^\s*(?:(?:which|what)(?: [\w-]+){0,4} (?:" + _KIND_NOUN +
                       r")\b|(?:list|name|enumerate)\b(?! of the| the (?:first|main) author)|(?:[\w-]+ ){0,3}(?:" +
                       _KIND_NOUN + r")\b(?! (?:is|are|was|were|does|do|did)\b))", re.I)
# "what (two) uses of miRNAs ...": a plural noun of its own heads the question and the kind noun only modifies it;
# the words that count or sort a set ("all of", "kinds of", "names of") do not head it (general English)
_OTHER_HEAD = lazy_compile(r"^\s*(?:what|which)(?: [\w-]+)? (?!(?:all|each|any|some|none|both|kinds?|types?|"
                         r"class(?:es)?|categor(?:y|ies)|names?|lists?|groups?|sorts?|families|family)\b)"
                         r"[a-z]+s of (?:the |these |those )?(?:" + _KIND_NOUN + r")\b", re.I)
_ASKS_FIGURE = lazy_compile(r"\b(?:rates?|how many|how often|how common|frequent(?:ly)?|percent(?:age)?|proportion|incidence|"
                          r"frequency|share)\b|%", re.I)
# what asks for a table's layout rather than its rows (general English)
_LAYOUT = lazy_compile(r"\b(?:columns?|headings?|headers?|fields|organi[sz]ed|structured|layout|laid out|for each|"
                     r"per (?:row|entry|biomarker|item))\b", re.I)
# "the table", "tabulated": the review's one table, when it has one (general English)
_THE_TABLE = lazy_compile(r"\b(?:the|this|that|its) table\b|\btabulated\b|\btable's\b", re.I)
_OTHER_NAMES = lazy_compile(r"\b(?:other|alternative|alternate) names?\b|\baliases\b|\bsynonyms?\b|"
                          r"\balso (?:known|called)\b|\bnames (?:for|of)\b", re.I)
# a property asked in the plural of one thing ("which epitopes does A bind?", "other names for A")
_PROPERTY_LIST = lazy_compile(r"\b(?:which|what)(?: [\w-]+){0,2} (?:epitopes|domains|targets|pathways|routes)\b|"
                            + _OTHER_NAMES.pattern, re.I)
_STRUCTURE = lazy_compile(r"\b(?:classes|kinds|types|categories|groups|families|(?:sub)?sections|chapters|headings|"
                        r"structure|organi[sz]ed|structured|outline|breakdown|broken down|laid out|divided|"
                        r"subdivided|arranged|pathways|"
                        r"mechanisms|strategies)\b", re.I)
_ASIDE_WORD = r"(?!(?:and|or|the|which|what|is|are|was|were|does|do|did|has|have)\b)[\w-]+"
_SET_ASIDE = lazy_compile(r"\b(?:besides|beyond|apart from|aside from|except(?: for)?|other than|excluding|"
                        rf"not counting)\s+(?:the\s+)?(?:{_ASIDE_WORD}\s+)?{_ASIDE_WORD}"
                        rf"(?:,?\s+(?:and|or)\s+(?:the\s+)?(?:{_ASIDE_WORD}\s+)?{_ASIDE_WORD})*", re.I)
# what a question adds to a set rather than narrows it to ("..., including the X ones", "the older one included",
# "X too", "as well as X"): general English
_INCLUDED = lazy_compile(r"\b(?:including|incl\.|as well as|plus)\b[^,;?]*|(?:\bthe )?(?:[\w-]+ ){1,3}(?:included|"
                       r"too|as well)\b", re.I)
_HOW_DEGREE = lazy_compile(r"\bhow (well|far|much|likely|effectively|strongly|good|badly)\b", re.I)
_SECTION_WORD = lazy_compile(r"\b(?:section|subsection|part|heading|chapter)s?\b", re.I)
# a part named by its place in the article (general English): the first or the last numbered part
_ORDINAL_PART = lazy_compile(r"\b(closing|final|last|concluding|first|opening|introductory)\s+(?:section|part|chapter)\b",
                           re.I)
_SECTIONS_WORD = lazy_compile(r"\b(?:sections|subsections|parts|headings|chapters)\b", re.I)
_TRIAL_NOUN = lazy_compile(r"\b(?:trials|studies)\b|\b(?:every|each|all)\b[^?.]{0,40}\b(?:trial|study)\b", re.I)
# a stretch of the article asked by its place (general English): the parts after or before a named part, the
# back or front matter
_POSITION = lazy_compile(r"\b(?:(after|following|follows?|beyond)|(before|preceding|precedes?|ahead of))\s+(?:the\s+)?"
                       r"((?:[\w'-]+\s*){1,4})", re.I)
# a part's neighbours in the outline (general English): right after / before a part, between two, its last or first
_ADJACENT = lazy_compile(r"\b(?:right|immediately|directly|just)\s+(after|following|before|preceding)\s+(?:the\s+)?"
                       r"([^?,;]+)|\b(?:section|subsection|part|chapter|heading)s?\s+(?:comes?\s+)?(?:(?:right|immediately|directly|"
                       r"just)\s+)?(follows?|precedes?)\s+"
                       r"(?:the\s+)?([^?,;]+)", re.I)
_BETWEEN = lazy_compile(r"\bbetween\s+(?:the\s+)?([^?,;]+?)\s+and\s+(?:the\s+)?([^?,;]+)", re.I)
_END_OF = lazy_compile(r"\b(last|final|first|opening)\s+(?:sub)?(?:section|part|chapter)\s+(?:of|in)\s+(?:the\s+)?([^?,;]+)",
                     re.I)
_PART_WORDS = lazy_compile(r"\b(?:sub)?(?:sections?|parts?|chapters?|headings?|ones?|begins?|starts?|comes?|"
                         r"just|right|immediately)\b", re.I)
_MATTER = lazy_compile(r"\b(back|end|front)[- ]?matter\b", re.I)
_ASKS_PARTS = lazy_compile(r"\b(?:sections?|parts?|blocks?|headings?|matter|contain|contains|come|comes|follow|follows|"
                         r"appear|there)\b", re.I)
_WH = lazy_compile(r"^\s*(?:what|which|who|whom|whose|when|where|why|how|is|are|was|were|does|do|did|can)\b", re.I)


def _words_re(words) -> re.Pattern:
    """The words with their English inflections ("correlate": "correlates", "correlated")."""
    return lazy_compile(r"\b(?:" + "|".join(re.escape(w.rstrip("e")) + (r"(?:e|es|ed|ing)?" if w.endswith("e") else
                                                                       r"(?:s|es|ed|ing)?") for w in words) + r")\b",
                      re.I)


_PROPERTY = _words_re([w for ws in PROPERTY_WORDS.values() for w in ws if w != "do"])
_HEAD_TO_HEAD = lazy_compile(r"\b(?:versus|vs\.?|against|compared (?:with|to))\b", re.I)
_COMPARE_VERB = lazy_compile(r"\b(?:compare|compared|comparison|differ|difference)\b", re.I)
# "was it longer in A or in B?": a comparison of two by a comparative and "or" (general English)
_EITHER_COMPARE = lazy_compile(r"\b(?:longer|shorter|higher|lower|better|worse|more|less|greater|bigger|smaller|"
                             r"common|frequent|often)\b.*\bor\b|\bbetween\b.+\band\b|\beach\b|\b(?:rank|order)\b.+\bby\b|"
                             r"\b(?:different|differ|differs|differed) from\b|\bcompared? (?:with|to)\b", re.I)
# the coordinators and marks that part a question's phrases ("A vs B", "A or B", "A, B and C")
_SEGMENT_SPLIT = lazy_compile(r"\b(?:vs\.?|versus|or|and|between|compared? (?:with|to)|(?:different|differ\w*) from|than)\b|"
                            r"[,;:/?()]|\s-\s", re.I)
# words for a trial's cohort as a whole, as against a subgroup of it (general English)
_WHOLE_COHORT = lazy_compile(r"\b(?:whole|overall|entire|all|total|full)\b.*\b(?:population|cohort|group|patients|"
                           r"participants|study|trial)\b", re.I)
_PLACE = PLACE_RE
# a question headed by a word for parts ("what subsections ...", "which families of markers ..."), or asking how a
# part is built ("its structure", "subsection by subsection", "what makes up"): the review's own structure
_PARTS_HEAD = lazy_compile(r"^\s*(?:what|which) (?:are|were) the (?:[\w-]+ )?(?:sub)?(?:sections|parts|chapters|headings) of "
                         r"[^?]*\b(?:chapter|section|part|review|article)\b|"
                         r"^\s*(?:what|which)(?: [\w-]+)? (?:sub)?(?:sections|parts|chapters|headings|families|"
                         r"categories|groups)\b|\bstructure\b|\bsubsection by subsection\b|\bmakes? up\b|"
                         r"\bhow (?:is|are) [^?]{0,60}\b(?:organi[sz]ed|structured|laid out|broken down|divided|"
                         r"subdivided|arranged)\b", re.I)
_COMPARE = lazy_compile(r"\b(?:compare|compared|comparison|versus|vs\.?|differ|difference|which (?:had|has|is|was|"
                      r"showed|gave) (?:the )?(?:higher|lower|longer|shorter|better|worse|more|less))\b", re.I)
# "what does this review cover?", "what is the article about?", "what does section 2 cover?", "what's in chapter
# 4?": the parts of the review or of the part named (general English for asking what a text holds)
_NUMBER = r"(?:\d+(?:\.\d+)*|" + "|".join(NUMBER_WORDS) + ")"      # a section's number, or its number word
_COVERS = lazy_compile(r"\bwhat (?:does|do) (?:this|the) (?:review|article|paper|authors?) (?:cover|address|discuss)\b|"
                     r"\bwhat (?:is|are) (?:covered|discussed|reviewed) in (?:this|the) (?:review|article|paper)\b|"
                     r"\bwhat (?:does|do|did) (?:the )?(?:(?:sub)?section|sec\.?|§|chapter|part) ?" + _NUMBER + r" (?:cover|"
                     r"address|discuss|contain|include|deal with|go over|talk about)\b|"
                     r"\bwhat(?: is|'s| are) (?:covered |discussed )?in (?:the )?(?:(?:sub)?section|sec\.?|§|chapter|part) ?"
                     + _NUMBER + r"\s*\??$|\bwhat(?: is|'s) (?:the )?(?:(?:sub)?section|sec\.?|§|chapter|part) ?" + _NUMBER
                     + r" about\b", re.I)
_OVERVIEW = lazy_compile(r"^\s*(?:the )?(?:main )?(?:mechanisms|strategies)\b.*\b(?:discussed|described|covered|reviewed)\b|"
                       r"^\s*(?:(?:what|which) (?:\w+ ){0,2}(?:mechanisms|biomarkers|agents|strategies|pathways|kinds|types)\b"
                       r".*\b(?:review|article|paper|authors?|covered|section)\b|(?:give|gives|an|quick)? ?overview\b|"
                       r"summar(?:ise|ize)\b|(?:what|which) (?:[\w-]+ )?(?:kinds|types|classes|categories|groups) of\b|how is the (?:[\w-]+ ){0,4}(?:section|part|chapter)\b|"
                       r"(?:the )?(?:main |major )?(?:categories|kinds|types|classes|sections|subsections|parts)\b)|"
                       r"\bcovered (?:under|in)\b|\bbreak(?:s|ing)? (?:\w+ ){0,4}down\b|\bbreakdown\b|\b(?:their|its) own (?:sub)?(?:sections?|headings?)\b|\b(?:sub)?sections of\b|\boutline\b|\bheadings\b|\brun-?down\b|" + _COVERS.pattern + "|"
                       r"\b(?:covered|organi[sz]ed|structured) in the (?:\w+ ){0,2}section\b", re.I)


@dataclass(frozen=True)
class Item:
    """One thing gathered: the entity, a line about it, where the review says it, its references and facts."""
    entity: str
    text: str
    section: str
    refs: tuple[int, ...]
    facts: tuple[str, ...]
    values: tuple[tuple[str, str], ...] = ()     # a comparison: (measure, value) in column order


@dataclass(frozen=True)
class Gathered:
    kind: str                         # "list", "comparison" or "overview"
    items: tuple[Item, ...]
    columns: tuple[str, ...] = ()     # a comparison's measures
    text: str = ""                    # the whole answer in one compact line


_FRONTED_ASIDE = lazy_compile(r"^\s*(?:besides|beyond|apart from|aside from|except(?: for)?|other than|excluding)\b"
                            r"[^,?]{1,80},\s*", re.I)


def shape_text(text: str) -> str:
    """The question as its shape is read: words set apart by a slash or parentheses run on ("stroma / tumour
    markers", "tumour (stromal) markers"), and a request's opening ("give me", "can you show me") is dropped, as
    the words that follow carry the shape (general English)."""
    text = re.sub(r"\s+/\s+|\s*[()]\s*", " ", text).strip()
    # ("apart from X, what other ...": a fronted clause setting something aside carries no shape)
    text = _FRONTED_ASIDE.sub("", text)
    return re.sub(r"^(?:please\s+)?(?:(?:can|could|would) you\s+(?:please\s+)?)?(?:give|show|tell|get) me\s+"
                  r"(?:about\s+)?", "", text, flags=re.I)


def asks_to_gather(reading: Reading) -> str | None:
    """The kind of gathering a question asks for, or None for a question about one thing. The shape is read from
    the question as typed (a follow-up's carried topic words ask nothing); a question naming what the review
    never uses gathers nothing."""
    typed = reading.context if isinstance(reading.context, Reading) else reading
    text = shape_text(typed.text)
    if reading.unknown_name or reading.cited_only:
        return None
    # "A versus B" asks for a comparison when it names what to compare (a measure, a property) or says "compare",
    # or is put tersely ("A vs B in Table 1"); "what is the name of the trial of A versus B?" asks one thing
    from .answer_types import expects
    # "in which trial was A versus B?": one name, for the pair; "what phase were A and B tested in?" asks it of each
    single = expects(reading) and not _COMPARE_VERB.search(text) and bool(_HEAD_TO_HEAD.search(text))
    # "median PFS: A, B and C", "signaling pathway of A and B": the same measure or property of coordinated names
    if not single and (reading.measures or _PROPERTY.search(text)) and _coordinated(reading):
        return "comparison"
    if _COMPARE.search(text) and len(set(reading.entities)) >= 2 and not single and (
            reading.measures or _COMPARE_VERB.search(text) or _PROPERTY.search(text) or not _WH.match(text)):
        return "comparison"
    if _OVERVIEW.search(text) or _PARTS_HEAD.search(text):
        return "overview"
    # a fronted context ("In TRIAL, which drugs ...", "exosome section - which molecules ...") leaves the shape
    fronted = re.match(r"^[^,:?]{1,60}?(?:,|:|\s-+>|\s=>|\s[-–—]|→)\s*(.+)$", text)
    if fronted and _ASKS_SET.search(fronted.group(1)):
        return "list"
    # ("which TRIAL trials ...", or a bare noun phrase headed by them: "TRIAL trials mentioned?")
    if re.match(r"^\s*(?:(?:which|what)(?: [\w-]+){0,3} (?:trials|studies)\b|(?:[\w-]+ ){0,3}(?:trials|studies)\b"
                r"(?! (?:is|are|was|were|does|do|did|show|showed|found|reported)\b))", text, re.I) or (
            _PROPERTY_LIST.search(text) and not re.search(r"\b(?:organi[sz]ed|structured|arranged|covered)\b",
                                                          text, re.I)):
        return "list"
    # "... co-exist with mutations in which other genes?": the set asked after a preposition, mid-question
    # (or after a verb: "GENE upregulates which genes ...?", or in a second sentence: "... ? Which drugs ...")
    if re.search(r"\b(?:which|what) (?:other )?(?:[\w-]+ ){0,2}(?:" + _KIND_NOUN + r")\b", text, re.I):
        return "list"
    if _ASKS_SET.search(text) or _EVERY_KIND.search(text) or reading.intent.listing or (_measure_in_plural(reading)
                                                            and not _ASKS_FIGURE.search(text)):
        return "list"
    return None


class Gatherer:
    """Gathers from the typed facts and the section tree of one review."""

    def __init__(self, document: Document, facts: tuple[Fact, ...], names, tokenizer, idf: dict, rare_idf: float):
        self.document = document
        self.facts = facts
        self.names = names
        self.tokenizer = tokenizer
        self.idf = idf
        self.rare_idf = rare_idf
        self._entity_stems: dict[tuple[str, str], set[str]] = {}
        self._memo: dict = {}
        self._groups_memo: dict[tuple[str, ...], dict] = {}
        self._title_memo: dict[tuple[str, str], set[str]] = {}

    # -- the question's constraints -------------------------------------------------------------------------
    def _kinds(self, reading: Reading) -> list[str]:
        if _OTHER_HEAD.search(reading.text):
            return []           # "what two uses of KIND ...": the things asked for are the uses, not the KIND
        # a kind noun naming a section ("the miRNA biomarker section") says where, not what is asked; one set
        # aside ("besides new drugs") is never asked
        return self._head_kinds(reading)

    def _head_kinds(self, reading: Reading) -> list[str]:
        """The kinds the question's own nouns ask for, not those naming a section ("the miRNA biomarker
        section" says where)."""
        text = re.sub(r"(?:[\w-]+ ){1,2}(?=(?:section|subsection|part|heading|chapter)\b)", " ", reading.text,
                      flags=re.I)
        # "besides new drugs, what ways ...": what is set aside is not asked for
        text = _SET_ASIDE.sub(" ", text)

        # a kind noun typed with a slip ("inhibtors") is the noun it was repaired to
        repaired = {stem for _, stem in reading.repairs}

        def kinds_in(text: str) -> list[str]:
            words = {w.lower() for w in re.findall(r"[\w-]+", text)}
            words |= {w + "s" for w in words} | {w[:-1] + "ies" for w in words if w.endswith("y")}
            stems = repaired & set(reading.stems_as_read(text)) if repaired else set()
            return [k for k, nouns in KIND_NOUNS.items()
                    if words & set(nouns) or stems & {t for n in nouns for t in self.tokenizer.tokens(n)}]
        # "KIND described as predictors", "brought up as markers": a noun after "as" is the role the things play,
        # not another kind asked for, when a kind noun of its own heads the question (general English)
        own = kinds_in(re.sub(r"\bas (?:an? |the )?(?:[\w-]+ )?(?:" + _KIND_NOUN + r")\b", " ", text, flags=re.I))
        return own or kinds_in(text)

    def _constraints(self, reading: Reading) -> list[str]:
        """The question's rare stems that are no shape word and no kind noun: what every item must match."""
        # (and the words that frame any scientific statement: "reported", "results", "shown")
        shape = set(self.tokenizer.tokens(" ".join(SHAPE_WORDS) + " " + " ".join(sorted(LIGHT)))) | \
            {s for ns in KIND_NOUNS.values() for n in ns if n not in CLASS_NOUNS for s in self.tokenizer.tokens(n)}
        # the names of what the review is about (its title's drug, by any name) constrain nothing: every fact is
        # about it
        subject = {t for m in reading.mentions if reading.reader is not None and m.entity in reading.reader.subject
                   for t in self.tokenizer.tokens(m.name)}
        # what is set aside ("beyond NAME") or added ("including the X ones") narrows nothing
        aside = {t for m in [*_SET_ASIDE.finditer(reading.text), *_INCLUDED.finditer(reading.text)]
                 for t in self.tokenizer.tokens(m.group(0))}
        # "how well it works", "how far", "how likely": the degree asked frames the question, no property
        aside |= {t for m in _HOW_DEGREE.finditer(reading.text) for t in self.tokenizer.tokens(m.group(1))}
        return [t for t in reading.stems if t not in shape and t not in subject and t not in aside
                and self.idf.get(t, 0.0) > self.rare_idf]

    def _stems_of(self, kind: str, entity: str, facts: list[Fact]) -> set[str]:
        key = (kind, entity)
        if key not in self._entity_stems:
            # the facts' own words about the entity (names, summary, typed fields), not their evidence quotes,
            # which name other things too ("X, a CLASS, and Y ...")
            text = " ".join(f"{f.entity} {' '.join(f.aliases)} {f.summary} "
                            f"{' '.join(str(v) for _, v in f.fields if isinstance(v, str))}" for f in facts)
            self._entity_stems[key] = set(self.tokenizer.tokens(text))
        return self._entity_stems[key]

    def _by_entity(self, kinds: list[str]) -> dict[tuple[str, str], list[Fact]]:
        """Facts grouped by (kind, entity), with a drug's outcome facts under the drug (worked out once)."""
        key = tuple(kinds)
        if key not in self._groups_memo:
            self._groups_memo[key] = self._group(kinds)
        return self._groups_memo[key]

    def _group(self, kinds: list[str]) -> dict[tuple[str, str], list[Fact]]:
        groups: dict[tuple[str, str], list[Fact]] = {}
        agents = {self.names.entity_of(f): f.entity for f in self.facts if f.kind == "agent"}
        for f in self.facts:
            if f.kind in kinds:
                groups.setdefault((f.kind, f.entity), []).append(f)
            elif f.kind == "outcome" and "agent" in kinds:
                # a result belongs to every drug its `agent` field names ("poziotinib; epertinib")
                named = {m.entity for part in str(f.get("agent") or f.entity).split(";")
                         for m in self.names.mentions_of(part)}
                for entity in named & set(agents):
                    groups.setdefault(("agent", agents[entity]), []).append(f)
        return {k: v for k, v in groups.items() if any(f.kind == k[0] for f in v)}

    def _title_stems(self, key: tuple[str, str], facts: list[Fact]) -> set[str]:
        """The headings of the numbered sections that hold the facts' evidence (where the entity is discussed, not
        every part that names it in passing: an older drug named in the new agents' part is no new agent), and of
        their parents ("KIND markers for ..."), worked out once an entity."""
        if key not in self._title_memo:
            titles = []
            for sid in {sid for f in facts for sid in self._evidence_sections(f)}:
                sec = self.document.section(sid)
                while sec is not None and sec.number:        # a heading covers its subsections too
                    titles.append(sec.title)
                    sec = self.document.section(sec.parent) if sec.parent else None
            titles = " ".join(titles)
            self._title_memo[key] = set(self.tokenizer.tokens(titles))
        return self._title_memo[key]

    def _evidence_sections(self, fact: Fact) -> tuple[str, ...]:
        """The fact's numbered sections whose text holds its evidence (all of its sections when none does: a table
        row's evidence is no section's text)."""
        head = fact.evidence[:60]
        held = tuple(sid for sid in fact.sections if head and (sec := self.document.section(sid)) is not None
                     and sec.number and any(head in p.text for p in self.document.passages_of(sid)))
        return held or tuple(fact.sections)

    def _shared_words(self, kind: str) -> dict[str, dict[str, int]]:
        """For each of a kind's text fields, how many entities' values hold each stem (worked out once a kind)."""
        if ("shared", kind) not in self._memo:
            holders: dict[str, dict[str, set[str]]] = {}
            for f in self.facts:
                if f.kind == kind:
                    for name, v in f.fields:
                        if isinstance(v, str) and v:
                            for t in self.tokenizer.tokens(v):
                                holders.setdefault(name, {}).setdefault(t, set()).add(f.entity)
            self._memo[("shared", kind)] = {name: {t: len(es) for t, es in ws.items()} for name, ws in holders.items()}
        return self._memo[("shared", kind)]

    def _heading_line_stems(self, sid: str) -> set[str]:
        """The headings of one numbered section and of its parents (none for an unnumbered part)."""
        key = ("heading line", sid)
        if key not in self._title_memo:
            titles, sec = [], self.document.section(sid)
            while sec is not None and sec.number:
                titles.append(sec.title)
                sec = self.document.section(sec.parent) if sec.parent else None
            self._title_memo[key] = set(self.tokenizer.tokens(" ".join(titles)))
        return self._title_memo[key]

    def _classifying(self, kind: str) -> dict[str, set[str]]:
        """A kind's short text fields (at most four words a value on average: a class, a target, a polarity), each
        with the stems its values use (worked out once a kind)."""
        if kind in self._memo:
            return self._memo[kind]
        self._memo[kind] = out = self._classifying_fields(kind)
        return out

    def _classifying_fields(self, kind: str) -> dict[str, set[str]]:
        values: dict[str, list[str]] = {}
        for f in self.facts:
            if f.kind == kind:
                for name, v in f.fields:
                    if isinstance(v, str) and v:
                        values.setdefault(name, []).append(v)
        return {name: {t for v in vs for t in self.tokenizer.tokens(v)} for name, vs in values.items()
                if sum(len(v.split()) for v in vs) / len(vs) <= 4}

    def _enumerated(self, kind: str) -> dict[str, set[str]]:
        """A kind's closed-vocabulary fields (values repeat: each distinct value held by two facts or more on
        average, as a polarity or a type is), with their stems."""
        if ("closed", kind) in self._memo:
            return self._memo[("closed", kind)]
        values: dict[str, list[str]] = {}
        for f in self.facts:
            if f.kind == kind:
                for name, v in f.fields:
                    if isinstance(v, str) and v:
                        values.setdefault(name, []).append(v.casefold())
        out = self._memo[("closed", kind)] = {name: {t for v in vs for t in self.tokenizer.tokens(v)} for name, vs in values.items()
                if len(vs) >= 4 and len(set(vs)) * 2 <= len(vs)}
        return out

    def _alternatives(self, reading: Reading, constraints: list[str]) -> dict[str, list[set[str]]]:
        """For a constraint that is (part of) a name the registry knows ("ADCs"), the stems of each of its other
        names ("antibody-drug conjugate"): any one of them met whole counts."""
        out: dict[str, list[set[str]]] = {}
        mentions = list(reading.mentions)
        # an acronym typed in lower case ("tkis") is the registry's acronym ("TKIs")
        for word in re.findall(r"\b[a-z]{2,6}s?\b", reading.text):
            if set(self.tokenizer.tokens(word)) & set(constraints):
                mentions += [m for m in self.names.mentions_of(word.upper()[:-1] + "s" if word.endswith("s")
                                                               else word.upper()) if m.name.isupper()
                             or m.name[:-1].isupper()]
        for m in mentions:
            stems = set(self.tokenizer.tokens(m.name))
            for c in constraints:
                if c in stems:
                    out.setdefault(c, []).extend(set(self.tokenizer.tokens(n)) for n in self.names.members(m.entity))
        return out

    def _matches(self, stems: set[str], constraint: str, alternatives=()) -> bool:
        return constraint in stems or any(alt and alt <= stems for alt in alternatives)

    # -- gathering ------------------------------------------------------------------------------------------
    def gather(self, reading: Reading) -> Gathered | None:
        layout = self.table_layout(reading)
        if layout is not None:
            return layout
        span = self.neighbours(reading) or self.span(reading)
        if span is not None:
            return span
        shape = asks_to_gather(reading)
        if shape is None:
            # "was it longer in A or in B?" names one thing and compares its results
            return self.subgroups(reading)
        if shape == "comparison":
            # the table that reports more: names compared with each other, or one thing's results across the
            # subgroups or events the question names ("SYD985's ORR in HER2+ and HER2-low disease")
            table = self.compare(reading)
            if table is None or any(v == "not reported" for i in table.items for _, v in i.values):
                parts = self.subgroups(reading)
                if parts is not None and (table is None or _reported(parts) > _reported(table)):
                    return parts
            return table
        if shape == "overview":
            # "which markers are covered in the X subsection?": things of a kind in a named part, no overview
            # (things: drugs, markers, miRNAs; a category word or "organised" asks for the part's structure)
            things = set(self._head_kinds(reading)) & {"agent", "biomarker", "mirna"}
            if things and not _STRUCTURE.search(reading.text) and not _OTHER_HEAD.search(reading.text) and (
                    _PLACE.search(reading.text) or self._section_named(reading)):
                # (with a word said in passing set aside, as a list question's last resort does)
                found = self.listing(reading) or self.listing(reading, relax=True)
                if found is not None:
                    return found
            found = self.overview(reading)
            if found is not None:
                return found
        # a list of the article's parts ("list the chapters") is its outline
        return (self.listing(reading) or self.named_in_outcomes(reading) or self.trials(reading)
                or self.property_items(reading) or self.subgroups(reading)
                or (self.overview(reading) if self.asks_for_parts(reading) else None))

    def asks_for_parts(self, reading: Reading) -> bool:
        """The question asks for the article's parts ("list the chapters"): a plural part noun, no kind of thing
        asked and nothing named whose parts they could be ("the parts of the RECEPTOR")."""
        return bool(_SECTIONS_WORD.search(reading.text)) and not self._kinds(reading) and not reading.entities

    def property_items(self, reading: Reading) -> Gathered | None:
        """"Which epitopes does A bind?", "other names for A", "which pathways does the loss of A activate?": one
        entity's typed property (or its other names) as a list, its parts split where the review joins them."""
        if self._head_kinds(reading):
            return None             # "list the biomarkers of X": things of a kind, not a property of X
        subject = reading.reader.subject if reading.reader is not None else frozenset()
        # the one thing named, not what nearly every passage names ("which RECEPTOR epitopes does A bind?")
        named = list(dict.fromkeys(m.entity for m in reading.mentions if m.entity not in subject and any(
            self.idf.get(t, 0.0) > self.rare_idf for t in self.tokenizer.tokens(m.name))))
        if len(named) != 1:
            return None
        facts = [f for f in self.facts if self.names.entity_of(f) == named[0] and f.kind != "outcome"]
        main = next((f for f in facts if f.kind != "term"), facts[0] if facts else None)
        if main is None:
            return None
        if _OTHER_NAMES.search(reading.text):
            values = [a for a in dict.fromkeys(main.aliases) if a.casefold() != main.entity.casefold()]
            label = "other names"
        else:
            wanted = [name for name, words in PROPERTY_WORDS.items() if name != "role"
                      and _words_re(words).search(reading.text) and main.get(name)]
            if len(wanted) != 1:
                return None
            label = wanted[0]
            values = [v.strip() for v in re.split(r"\s*(?:;|,|\band\b|\bor\b)\s*|\s+(?=both\b)",
                                                   str(main.get(label))) if v.strip() and v.strip() != "both"]
        if len(values) < 2:
            return None
        items = tuple(Item(v, main.summary, main.sections[0] if main.sections else "", main.refs, (main.id,))
                      for v in values)
        return Gathered("list", items, (), f"{main.entity}, {label}: " + "; ".join(values) + ".")

    def from_sentence(self, reading: Reading, sentence, citations: tuple[int, ...]) -> Gathered | None:
        """A list question the facts cannot answer ("which genes does GENE switch on?"), answered by one sentence
        that enumerates: its enumeration's items, verbatim (lists in parentheses together, else the longest list
        of the running text)."""
        from .enumeration import enumerations
        part = self.pointed_part(reading)
        # a question pointing at a part and asking for things of a kind ("how do the conclusions sum up the
        # mechanisms?") asks for the part's enumeration, however it is put
        if (asks_to_gather(reading) not in ("list", "overview") and not (part and self._head_kinds(reading))) \
                or _OTHER_HEAD.search(reading.text):
            return None
        pointed = part is not None
        if pointed:
            # within the sentence's own section when it lies in the part, else anywhere in the part
            inside = sentence.section == part or sentence.section.startswith(part + ".")
            sentence = self._enumerating_sentence(reading, sentence, sentence.section if inside else part)
        inner, plain = enumerations(sentence.text)
        asked = set(reading.stems)
        runs = ([[i for r in inner for i in r]] if len(inner) >= 2 else []) + plain
        runs = [[i for i in dict.fromkeys(r) if not set(self.tokenizer.tokens(i)) <= asked] for r in runs]
        # a list of things is a list of names: more than half of its items a known name or shaped like one
        # ("ABC3", "Xyz-2", "ABCs"); "short DFS, high expression" is a list of findings, no answer
        scored = [(sum(map(self._name_like, r)) / len(r), len(r), -n, r) for n, r in enumerate(runs) if len(r) >= 2]
        best = max(scored, default=None)
        # where the reader points at the part ("in the conclusions, what ..."), its list is the answer, names or not
        if best is None or (best[0] <= 0.5 and not pointed):
            return None
        run = best[3]
        # the sentence's own citations ("... (33).") when it prints any, else its passage's
        own = _own_citations(sentence.text, citations)
        items = tuple(Item(i, sentence.text, sentence.section, own or citations, ()) for i in run)
        return Gathered("list", items, (), f"The review names {len(items)} (§{sentence.section}): "
                        + "; ".join(run) + ".")

    def figures_in_sentence(self, reading: Reading, sentence, citations: tuple[int, ...]) -> Gathered | None:
        """A comparison of figures one sentence gives for several things the question names ("how frequent were
        A, B and C?", "how did the rates of A and B compare?"), where no fact types a measure for each: each
        named thing the sentence follows with a figure ("A (96%/14%)", "B of 6%") is a row, its figure verbatim."""
        from .text import WORD_RE, prepare
        shape = asks_to_gather(reading)
        if shape != "comparison" and not (shape is None and _ASKS_FIGURE.search(reading.text)
                                          and len(coordinated_names(reading)) >= 2):
            return None
        asked = set(reading.entities)
        text = sentence.text
        words = list(WORD_RE.finditer(prepare(text)))
        rows: dict[str, tuple[str, str]] = {}
        mentions = [m for m in self.names.mentions_of(text) if m.last < len(words)]
        for n, m in enumerate(mentions):
            if m.entity not in asked or m.entity in rows:
                continue
            # its figure: the first one after it, before the next thing named ("A was the most common (96%)")
            end = words[mentions[n + 1].first].start() if n + 1 < len(mentions) else len(text)
            after = text[words[m.last].end():end][:60]
            figure = re.search(r"\(([^()]*?\d[^()]*)\)", after) or re.match(
                r"\s+(?:of|was|were|in|at|:)\s+(\d[\d.,]*\s?%(?:\s*/\s*\d[\d.,]*\s?%)?)", after)
            if figure and not re.fullmatch(r"\s*\d+(?:\s*[,-]\s*\d+)*\s*", figure.group(1)):    # no citation "(57)"
                rows[m.entity] = (text[words[m.first].start():words[m.last].end()], figure.group(1).strip())
        if len(rows) < 2:
            return None
        from .measures import LABELS
        column = LABELS.get(sorted(reading.measures)[0], "reported") if len(reading.measures) == 1 else "reported"
        own = _own_citations(text, citations)
        items = tuple(Item(name, text, sentence.section, own or citations, (), ((column, value),))
                      for name, value in rows.values())
        return Gathered("comparison", items, (column,), f"Compared (§{sentence.section}): "
                        + "; ".join(f"{i.entity} — {i.values[0][1]}" for i in items) + ".")

    def _gist(self, section) -> str:
        """A section's first sentence, or its first subsection's when it has no text of its own (the heading of a
        part whose text is all in its subsections)."""
        while section is not None:
            passages = self.document.passages_of(section.id)
            if passages:
                return passages[0].text.split(". ")[0].strip().rstrip(".") + "."
            section = next((c for c in self.document.sections if c.parent == section.id), None)
        return ""

    def _heading_stems(self, section) -> set[str]:
        """The stems of a section's heading (worked out once a section: every list and overview compares them)."""
        key = ("heading", section.id)
        if key not in self._memo:
            self._memo[key] = set(self.tokenizer.tokens(section.title))
        return self._memo[key]

    def _heading_aliases(self, section) -> set[str]:
        """The stems of every name of each entity a section's heading names."""
        key = ("aliases", section.id)
        if key not in self._memo:
            self._memo[key] = {t for m in self.names.mentions_of(section.title) for n in self.names.members(m.entity)
                               for t in self.tokenizer.tokens(n)}
        return self._memo[key]

    def _heading_score(self, section, asked: set[str]) -> float:
        """How well asked stems name a section by its heading: the IDF of the words shared, over the heading's
        words left unasked. A heading also answers to the other names of what it names ("the ABBR section" for
        the heading that spells it out); only its own words count against it."""
        title = self._heading_stems(section)
        shared = asked & (title | self._heading_aliases(section))
        return sum(self.idf.get(t, 0.0) for t in shared) / (1 + 0.1 * len(title - asked))

    def _section_named(self, reading: Reading):
        """The numbered section a question names by its heading's words ("the part about exosomes", "under the
        PATHWAY heading"): the one sharing most rare words with it, when it says section, part or heading."""
        named = self._sections_named(reading)
        return named[0] if named else None

    def _sections_named(self, reading: Reading) -> list:
        """The sections a question names by their headings' words: one, or for "the X and Y sections" each in
        turn, the next taking the words the ones before it left."""
        # a heading quoted whole ("under 'Other novel agents'") names its part
        for quoted in re.findall(r"[\"'‘“]([^\"'’”]{3,80})[\"'’”]", reading.text):
            stems = set(self.tokenizer.tokens(quoted))
            exact = [s for s in self.document.sections if s.number and stems and self._heading_stems(s) == stems]
            if exact:
                return exact[:1]
        # "under the X pathway": a heading whose words hold every rare word of the phrase after "under"
        # (general English: what is discussed under a heading)
        for under in re.finditer(r"\bunder (?:the |its |their )?((?:[\w/-]+ ?){1,4})", reading.text, re.I):
            rare = {t for t in self.tokenizer.tokens(under.group(1)) if self.idf.get(t, 0.0) > self.rare_idf}
            held = [s for s in self.document.sections if s.number and rare and rare <= self._heading_stems(s)]
            if len(held) == 1:
                return held
        if not _SECTION_WORD.search(reading.text):
            return []
        shape = set(self.tokenizer.tokens(" ".join(SHAPE_WORDS))) | \
            {t for ns in KIND_NOUNS.values() for n in ns for t in self.tokenizer.tokens(n)}
        subject = {t for w in (reading.reader.subject_words if reading.reader is not None else ())
                   for t in self.tokenizer.tokens(w)}
        asked = {t for t in reading.stems if t not in shape and t not in subject
                 and self.idf.get(t, 0.0) > self.rare_idf}
        # "the X section", "the X and Y sections": the words just before a section word are headings' words, kind
        # nouns included ("the KIND section", "the KIND and TOPIC sections")
        # (and "the X section and the Y section": each)
        plural = bool(_SECTIONS_WORD.search(reading.text)) or len(_SECTION_WORD.findall(reading.text)) > 1
        for before in re.finditer(r"((?:[\w-]+\s+){1,5})(?:section|subsection|part|chapter)s?\b", reading.text, re.I):
            # back to the word that opens the phrase ("and" too before a singular: "... and the Y section")
            opens = "in|from|of|under|across|within|the|both" + ("" if _SECTIONS_WORD.search(before.group(0)) else "|and")
            phrase = re.split(rf"\b(?:{opens})\b", before.group(1), flags=re.I)[-1]
            asked |= {t for t in self.tokenizer.tokens(phrase) if t not in shape or t in
                      {s for ns in KIND_NOUNS.values() for n in ns for s in self.tokenizer.tokens(n)}}
        if not plural and (part := self._part_of_kind(reading)) is not None:
            return [part]
        found = []
        while asked:
            best, best_score = None, 0.0
            for section in self.document.sections:
                if not section.number or section in found:
                    continue
                score = self._heading_score(section, asked)
                if score > best_score:
                    best, best_score = section, score
            if best is None:
                break
            found.append(best)
            if not plural:
                break
            asked -= self._heading_stems(best)
        return found

    def _part_of_kind(self, reading: Reading):
        """"the drugs part", "the KIND section": a part named by a kind of thing alone is the highest part
        whose heading names that kind by one of its general nouns as a word of its own ("agents", not the "drug"
        of a compound "X-drug"); None when the words before the section word say more than the kind."""
        after = re.search(r"\b(?:section|subsection|part|chapter) (?:on|about|covering) (?:the )?([\w-]+)\b", reading.text, re.I)
        before = re.search(r"((?:[\w-]+\s+){1,3})(?:section|subsection|part|chapter)\b", reading.text, re.I)
        if after is not None:
            phrase = after.group(1)
        elif before is not None:
            phrase = re.split(r"\b(?:in|from|of|under|across|within|the|this|that|its)\b", before.group(1),
                              flags=re.I)[-1]
        else:
            return None
        words = [w.lower() for w in re.findall(r"[\w-]+", phrase)]
        kinds = {k for w in words for k, nouns in KIND_NOUNS.items() if w in nouns or w + "s" in nouns}
        if len(kinds) != 1 or len(words) != 1 or {words[0], words[0] + "s"} & CLASS_NOUNS:
            return None             # a class ("the CLASS-ABBR section") is named by its own heading's words
        kind = kinds.pop()
        general = {t for n in KIND_NOUNS[kind] if n not in CLASS_NOUNS for t in self.tokenizer.tokens(n)}
        holding = [s for s in self.document.sections if s.number and any(
            set(self.tokenizer.tokens(w)) & general for w in s.title.split() if "-" not in w)]
        return min(holding, key=lambda s: s.number.count("."), default=None)

    def _enumerating_sentence(self, reading: Reading, sentence, part: str):
        """In the part the reader points at, the sentence that enumerates and shares most of the question's rare
        words (the best sentence of the part may be another, or the best sentence may lie outside the part)."""
        from .enumeration import enumerations
        from .models import AnswerSentence
        from .text import sentences
        asked = set(reading.stems)
        best = sentence
        own = part == sentence.section
        best_score = (False, -1.0)
        for passage in self.document.passages:
            if passage.section != part and (own or not passage.section.startswith(part + ".")):
                continue
            for text in sentences(passage.text):
                inner, plain = enumerations(text)
                if not inner and not plain:
                    continue
                # a list naming things (a known name, or shaped like one) before a list of findings, then the
                # question's rare words
                named = any(self._name_like(i) for run in inner + plain for i in run)
                score = (named, sum(self.idf.get(t, 0.0) for t in asked & set(self.tokenizer.tokens(text))))
                if score > best_score:
                    best, best_score = AnswerSentence(text, passage.id, passage.section), score
        return best

    def _ordinal_part(self, reading: Reading):
        """The numbered top-level part a question names by its place ("the closing section", "the opening
        part"): the last or the first; None when it names none so."""
        m = _ORDINAL_PART.search(reading.text)
        if not m:
            return None
        tops = [s for s in self.document.sections if s.number and s.level <= 1]
        if not tops:
            return None
        return tops[0] if m.group(1).lower() in ("first", "opening", "introductory") else tops[-1]

    def pointed_part(self, reading: Reading) -> str | None:
        """The part of the review the question points at by name ("in the conclusions", "the abstract",
        "section 2.4", "the closing section"): a part whose heading is a short part name all of whose words the
        question holds, the number it gives, or the part at the place it names; None when it points at none
        (or away from one: "apart from section 4")."""
        where = _PLACE.search(reading.text)
        if where and pointed_away(reading.text, where):
            return None             # "apart from the drugs in section 4": pointed away from it
        if where and where.group(2):
            return place_number(where)
        ordinal = self._ordinal_part(reading)
        if ordinal is not None:
            return ordinal.id
        asked = set(reading.stems)
        for s in self.document.sections:
            # parts of prose (the body, its tables, the abstract), not the names and dates of the front and back
            # matter: "per the authors" points at no part
            if s.kind not in ("body", "table") and s.id != "abstract":
                continue
            title = self._heading_stems(s)
            if title and len(s.title.split()) <= 2 and title <= asked and (s.level <= 1 or not s.number):
                return s.id
        return None

    def names_part(self, reading: Reading, section: str | None = None) -> bool:
        """Whether the question points at a part (see `pointed_part`), and, given `section`, whether that
        section lies in it."""
        part = self.pointed_part(reading)
        if part is None:
            return False
        return section is None or section == part or section.startswith(part + ".")

    def _name_like(self, item: str) -> bool:
        """A known name, or a word shaped like one: a capital inside it or a digit ("ABC3", "Ab67", "c-Abc")."""
        if any(m.name.casefold() == item.casefold() for m in self.names.mentions_of(item)):
            return True
        return any(re.search(r"\w[A-Z]|\d|^[A-Z]{2}", w) for w in item.split())

    def table_layout(self, reading: Reading) -> Gathered | None:
        """"What columns does Table N have?", "what does Table N record for each row?": the table's column
        headings, each with the first values it holds."""
        table = self.document.table
        where = _PLACE.search(reading.text)
        # "Table N", or "the (biomarker) table" of a review with one table
        named = (where and where.group(1) and f"table-{place_table(where)}" == table.id) if table is not None else False
        unnumbered = table is not None and not (where and where.group(1)) and bool(
            _THE_TABLE.search(reading.text) or re.search(r"\b[\w-]+ table\b", reading.text, re.I))
        if table is None or not (named or unnumbered) or not _LAYOUT.search(reading.text):
            return None
        subject = reading.reader.subject if reading.reader is not None else frozenset()
        if self.names.named_facts(tuple(e for e in reading.entities if e not in subject),
                                  ("agent", "biomarker", "mirna")):
            return None             # "what pathway does Table N give for A and B?" asks of rows, not the layout
        # "the correlation for each marker" asks one column of the rows, not the layout: a word that only one
        # column's heading holds names that column
        counts: dict[str, int] = {}
        for heading in table.header[1:]:
            for t in set(self.tokenizer.tokens(heading)):
                counts[t] = counts.get(t, 0) + 1
        if {t for t, n in counts.items() if n == 1} & set(reading.stems):
            return None
        items = []
        for j, heading in enumerate(table.header):
            values = list(dict.fromkeys(row[j] for row in table.rows if j < len(row) and row[j]))
            text = f"{len(values)} distinct values, e.g. " + "; ".join(values[:2]) if values else ""
            items.append(Item(heading, text, table.id, (), ()))
        number = table.id.split("-", 1)[-1]
        return Gathered("overview", tuple(items), (), f"Table {number} ({table.caption.rstrip('.')}) has "
                        f"{len(items)} columns: " + "; ".join(i.entity for i in items) + ".")

    def trials(self, reading: Reading) -> Gathered | None:
        """"Which trials ...": the named studies of the outcome facts (a name with a number or a registry code,
        not a design such as "phase II"), of the drug the question names when it names one."""
        if not _TRIAL_NOUN.search(reading.text):
            return None
        subject = reading.reader.subject if reading.reader is not None else frozenset()
        drugs = {e for e in reading.entities if e not in subject and self.names.named_facts((e,), ("agent",))}
        found: dict[str, list[Fact]] = {}
        for f in self.facts:
            trial = str(f.get("trial") or "") if f.kind == "outcome" else ""
            if not trial or not re.search(r"\d", trial) or re.match(r"(?i)phase\b", trial):
                continue
            owners = {m.entity for m in self.names.mentions_of(str(f.get("agent") or f.entity))}
            if drugs and not owners & drugs:
                continue
            found.setdefault(trial, []).append(f)
        # "every FAMILY trial": a word the question shares with some trials' names picks that family
        asked = set(reading.stems) - set(self.tokenizer.tokens("trial trials study studies review"))
        family = {name for name in found if set(self.tokenizer.tokens(name)) & asked}
        if len(family) >= 2:
            found = {name: fs for name, fs in found.items() if name in family}
        if len(found) < 2:
            return None
        items = tuple(Item(name, fs[0].summary, fs[0].sections[0] if fs[0].sections else "",
                           tuple(dict.fromkeys(r for f in fs for r in f.refs)), tuple(f.id for f in fs))
                      for name, fs in found.items())
        return Gathered("list", items, (), f"The review names {len(items)} trials: "
                        + "; ".join(i.entity for i in items) + ".")

    def named_in_outcomes(self, reading: Reading) -> Gathered | None:
        """"The adverse events of DRUG", "the drugs patients of TRIAL had received": what the evidence of the
        outcome facts of the asked measure names (a known name, or an item of its enumeration), for the drug or
        trial the question names."""
        from .enumeration import enumerations
        from .measures import FACT_METRIC, measures_in
        if not reading.measures:
            return None
        asked = set(reading.entities)
        outcomes = []
        for f in self.facts:
            if f.kind != "outcome" or FACT_METRIC.get(str(f.get("metric", "")).casefold()) not in reading.measures:
                continue
            owners = {m.entity for part in (str(f.get("agent") or f.entity), str(f.get("trial") or ""))
                      for m in self.names.mentions_of(part)}
            if owners & asked:
                outcomes.append(f)
        outcomes = self._qualified(reading, outcomes)
        found: dict[str, tuple[str, list[Fact]]] = {}          # folded name -> (name as printed, its facts)
        for f in outcomes:
            names = [m.name for m in self.names.mentions_of(f.evidence)
                     if m.entity not in asked and not measures_in(m.name)
                     # what nearly every passage names (the receptor of the review's subject) is no item
                     and (self.names.named_facts((m.entity,), ("agent",)) or any(
                         self.idf.get(t, 0.0) > self.rare_idf for t in self.tokenizer.tokens(m.name)))]
            inner, plain = enumerations(f.evidence)
            listed = [i for run in inner + plain[:1] for i in run]
            for name in names + [i for i in listed if not any(n.casefold() in i.casefold() or
                                                               i.casefold() in n.casefold() for n in names)]:
                if measures_in(name) or set(self.tokenizer.tokens(name)) <= set(reading.stems):
                    continue
                found.setdefault(name.casefold(), (name, []))[1].append(f)
        if len(found) < 2:
            return None
        evidence = " ".join(dict.fromkeys(f.evidence for f in outcomes)).casefold()
        ordered = sorted(found.values(), key=lambda v: (evidence.find(v[0].casefold()) % (len(evidence) + 1)))
        items = tuple(Item(name, fs[0].summary, fs[0].sections[0] if fs[0].sections else "",
                           tuple(dict.fromkeys(r for f in fs for r in f.refs)), tuple(f.id for f in fs))
                      for name, fs in ordered)
        return Gathered("list", items, (), f"The review names {len(items)}: " + "; ".join(i.entity for i in items)
                        + ".")

    def _sentence_of(self, evidence: str) -> str:
        """The review's sentence that holds a fact's evidence (the evidence itself when it is not found)."""
        head = evidence[:60]
        for passage in self.document.passages:
            at = passage.text.find(head)
            if at >= 0:
                start = passage.text.rfind(". ", 0, at)
                end = passage.text.find(". ", at + len(evidence) - 1)
                return passage.text[start + 2 if start >= 0 else 0:end if end >= 0 else len(passage.text)]
        return evidence

    def _qualified(self, reading: Reading, outcomes: list[Fact]) -> list[Fact]:
        """The outcomes of the sentences that say what the question qualifies the measure by ("the most common
        AEs": the sentence of the most common ones, not the one of the significant ones), when the outcomes come
        from several sentences and only some say it; all of them otherwise."""
        from .measures import MEASURES
        from .text import fold
        folded = fold(reading.text)
        said = {t for m in MEASURES for hit in m.pattern.finditer(folded) for t in self.tokenizer.tokens(hit.group(0))}
        named = {t for e in reading.entities for s in self.names.stem_sets(e) for t in s}
        qualifier = set(reading.stems) - said - named - set(self.tokenizer.tokens(" ".join(SHAPE_WORDS)))
        groups: dict[str, list[Fact]] = {}
        for f in outcomes:
            groups.setdefault(self._sentence_of(f.evidence), []).append(f)
        if len(groups) < 2 or not qualifier:
            return outcomes
        saying = [fs for sentence, fs in groups.items() if qualifier & set(self.tokenizer.tokens(sentence))]
        if not saying or len(saying) == len(groups):
            return outcomes
        return [f for fs in saying for f in fs]

    def relaxed(self, reading: Reading) -> Gathered | None:
        """The last resort for a list no fact or sentence gives whole: the listing with one word said in passing
        set aside (see `listing`)."""
        return self.listing(reading, relax=True) if asks_to_gather(reading) == "list" else None

    def listing(self, reading: Reading, relax: bool = False) -> Gathered | None:
        kinds = self._kinds(reading)
        if not kinds:
            return None
        constraints = self._constraints(reading)
        # "in Table 1", "in section 3.1": where the items are, not a word they must hold
        where = _PLACE.search(reading.text)
        place = None
        if where:
            place = f"table-{place_table(where)}" if where.group(1) else place_number(where)
            constraints = [c for c in constraints if c not in set(self.tokenizer.tokens(where.group(0)))]
        elif self.document.table is not None and (the_table := _THE_TABLE.search(reading.text)):
            place = self.document.table.id
            constraints = [c for c in constraints if c not in set(self.tokenizer.tokens(the_table.group(0)))]
        # a field's own name ("correlated", "class") says which field, not a value
        field_words = {t for k in kinds for name in self._classifying(k) for t in self.tokenizer.tokens(name)}
        constraints = [c for c in constraints if c not in field_words]
        alternatives = self._alternatives(reading, constraints)
        either: dict[str, set[str]] = {}
        # ("A / B": a slash between words offers alternatives, as "or" does)
        for m in re.finditer(r"([\w-]+) (?:or|/) ([\w-]+)", reading.text):
            a, b = (set(reading.stems_as_read(g)) for g in m.groups())
            for x in a:
                either.setdefault(x, set()).update(b)
            for x in b:
                either.setdefault(x, set()).update(a)
        # a question word that is a value of a closed-vocabulary field ("positive" of a polarity, "secondary" of
        # a resistance type) constrains whatever its frequency in the review; the title's words do not (every
        # fact is about the review's subject)
        # (a compound's parts are not its meaning: "-positive" of the title's "GENE-positive" still constrains)
        title = {t for w in (reading.reader.subject_words if reading.reader is not None else ())
                 for t in self.tokenizer.tokens(w.replace("-", ""))}
        closed = {t for k in kinds for ts in self._enumerated(k).values() for t in ts}
        # a value said in other words ("acquired" resistance is secondary, "inversely" correlated negative)
        said, synonym_words = set(), set()
        for value, others in VALUE_SYNONYMS.items():
            for other in others:
                if re.search(rf"\b{re.escape(other)}\b", reading.text, re.I):
                    said |= set(self.tokenizer.tokens(value))
                    synonym_words |= set(self.tokenizer.tokens(other))
        constraints = [c for c in constraints if c not in synonym_words]
        # a closed value negated ("only primary (not secondary)", "not negatively"): no constraint, and the things
        # whose field holds it are left out (general English: "not" before the value it denies)
        negated = {t for m in re.finditer(r"\b(?:not|no|never|without)\s+(?:the\s+|a\s+)?([\w-]+)", reading.text, re.I)
                   for t in self.tokenizer.tokens(m.group(1)) if t in closed}
        constraints = [c for c in constraints if c not in negated]
        asked_stems = (set(reading.stems) | said) - negated
        constraints += [t for t in dict.fromkeys([*reading.stems, *sorted(said)]) if t in closed and t not in title
                        and t not in constraints and t not in negated]
        # "the part on X", "under the X heading": the section whose heading the question names holds the items
        named_section = None
        places = (place,) if place else ()
        located_all: set[str] = set()       # what the named parts' headings name: where the items are, not one
        if place is None:
            named_sections = self._sections_named(reading)
            named_section = named_sections[0] if named_sections else None
            places = tuple(sec.id for sec in named_sections)
            for named_one in named_sections:
                heading = set(self.tokenizer.tokens(named_one.title + " section subsection part heading "
                                                                                "chapter"))
                # a name the heading holds, however the question spells it (a Greek letter of the heading typed as its Latin one)
                located = {m.entity for m in self.names.mentions_of(named_one.title)}
                located_all |= located
                heading |= {t for m in reading.mentions if m.entity in located for t in self.tokenizer.tokens(m.name)}
                constraints = [c for c in constraints if c not in heading]
        # a thing the question names is no item of its own list, unless it names the part the items are in ("the
        # GENE subsection": GENE is a marker of it)
        named = set(reading.entities) - located_all
        exclusive = bool(re.search(r"\bonly\b", reading.text, re.I))
        groups = self._by_entity(kinds)
        # a constraint that is a word of a classifying field (the words of a drug's class, "negative"
        # of a biomarker's correlation) must be met by that field, not by any sentence about the entity
        classifying = {k: self._classifying(k) for k in kinds}
        # a class set aside by a name the registry knows ("apart from TKIs and ADCs"): its members are no items
        # (a class, not a thing of its own: a drug set aside by name is simply no item)
        aside_words = [t for m in _SET_ASIDE.finditer(reading.text) for t in self.tokenizer.tokens(m.group(0))]
        things = {t for m in reading.mentions if self.names.named_facts((m.entity,), tuple(KIND_NOUNS))
                  for t in self.tokenizer.tokens(m.name)}
        aside_words = [t for t in aside_words if t not in things]
        aside = self._alternatives(reading, aside_words) if aside_words else {}
        candidates = []
        asked_nouns = {w.lower() for w in re.findall(r"[\w-]+", reading.text)}
        named_drugs = bool(asked_nouns & NAMED_DRUG_NOUNS)
        for (kind, entity), facts in groups.items():
            if not any(self.names.entity_of(f) not in named for f in facts):
                continue            # "which genes does GENE switch on?": the gene asked about is no item
            if named_drugs and kind == "agent" and _CATEGORY_NAME.search(entity):
                continue            # "every drug named": "GENE inhibitors", a kind of therapy, are no named drug
            stems = self._stems_of(kind, entity, facts)
            if any(self._matches(stems, c, alts) for c, alts in aside.items()):
                continue
            fields = classifying[kind]
            closed_kind = {name: self._enumerated(kind).get(name, set()) for name in fields}
            shared = self._shared_words(kind)
            # each classifying field's stems for this entity: a value word must be met in its own field ("positive"
            # of the correlation, not of "GENE-positive" elsewhere); with "only", the field holds nothing else
            own = {name: [set(self.tokenizer.tokens(str(f.get(name) or ""))) for f in facts if f.kind == kind]
                   for name in fields}
            if places and not any(sec == p or sec.startswith(p + ".") for f in facts if f.kind == kind
                                  for sec in f.sections for p in places):
                continue
            if negated and any(negated & value for values in own.values() for value in values):
                continue

            def met(c: str) -> bool:
                homes = [name for name, ts in fields.items() if c in ts]
                if not homes and alternatives.get(c):
                    return self._matches(stems, c, alternatives[c])     # a name's other names, never a heading
                if not homes:
                    # a plain word may be met by the heading of the section the entity is discussed in
                    return c in stems or c in self._title_stems((kind, entity), facts)
                if any(c in value and (not exclusive or value <= asked_stems)
                       for name in homes for value in own[name]):
                    return True
                # a word of an open field (a pathway, a target: free text, not a closed value) is also met by the
                # heading when the entity is discussed only under it (it belongs to that part; an entity named in
                # passing elsewhere too keeps to its own field)
                # (a table or another unheaded part says nothing either way)
                lines = [h for f in facts if f.kind == kind for sid in f.sections
                         if (h := self._heading_line_stems(sid))]
                # (nor for a category word: one that several entities' values of the field hold, as a class is)
                return not any(c in closed_kind[name] or shared[name].get(c, 0) >= 2 for name in homes) and bool(
                    lines) and all(c in h for h in lines)
            # "induce or promote": one word of a pair joined by "or" is enough
            candidates.append((entity, facts, {c for c in constraints
                                               if met(c) or any(met(o) for o in either.get(c, ()))}))
        # a word no candidate meets describes none of them ("mentioned in connection with"): it cannot tell
        # them apart, so it is no constraint; every other word must be met. A question naming a thing of its own
        # (not the review's subject) may ask for a relation to it the facts do not type ("the genes NAME
        # upregulates"): there every word stands, unless its names locate the section the items are in
        subject = reading.reader.subject if reading.reader is not None else frozenset()
        nouns = {n for ns in KIND_NOUNS.values() for n in ns}
        # (a name set aside, "beyond NAME", is no thing the question asks a relation to)
        aside = " ".join(m.group(0) for m in _SET_ASIDE.finditer(reading.text)).casefold()
        own = tuple(dict.fromkeys(m.entity for m in reading.mentions if m.entity not in subject
                                  and (m.name.casefold() + "s") not in nouns and m.name.casefold() not in nouns
                                  and m.name.casefold() not in aside))
        relation = named_section is None and bool(self.names.named_facts(own,
                                               ("agent", "biomarker", "mirna", "mechanism", "outcome")))
        used = constraints if relation else [c for c in constraints if any(c in m for _, _, m in candidates)]
        noun = re.search(r"\b(" + "|".join(n for k in kinds for n in KIND_NOUNS[k]) + r")\b", reading.text, re.I)
        chosen = [(entity, facts) for entity, facts, m in candidates if set(used) <= m]
        if relax and len(chosen) < 2 and not relation and noun and self._plural(noun.group(1)):
            # a set asked in the plural that the question's words narrow to one thing or none: a word said in
            # passing ("the older one included", "for resistant disease") narrowed it, not a property of the
            # set. Keep the most telling words (by IDF) that still leave a set; a closed field's value stays. (A
            # question naming a thing of its own asks a relation to it: its words are the point, none is dropped.)
            fixed = {c for c in used if c in closed}
            chosen = self._relaxed(candidates, used, fixed, bool(places)) or chosen
        items = [self._item(entity, facts, used) for entity, facts in chosen]
        # a set bounded by the one leaf part the question names as a section ("the markers of the X subsection")
        # may hold one thing; any other set of one is no list ("as part of ..." names no part)
        leaf = len(places) == 1 and not any(c.parent == places[0] for c in self.document.sections) and bool(
            re.search(r"\b(?:sub)?sections?\b|\bchapters?\b|\bheadings?\b|§", reading.text, re.I))
        if len(items) < (1 if leaf and not relax else 2):
            return None
        label = noun.group(1) if noun and not noun.group(1).istitle() else (noun.group(1).lower() if noun else "items")
        return Gathered("list", tuple(items), (),
                        f"The review names {len(items)} {label} for this: " + "; ".join(i.entity for i in items) + ".")

    @staticmethod
    def _plural(noun: str) -> bool:
        return noun.lower().endswith("s") or noun.lower() in ("data", "criteria", "media")

    def _relaxed(self, candidates, used: list[str], fixed: set[str], bounded: bool = False) -> list | None:
        """The candidates meeting the largest (then most telling) subset of the droppable constraints that still
        leaves two or more; None when no subset does. bounded: a part the question names holds the set."""
        from itertools import combinations
        droppable = [c for c in used if c not in fixed]
        # one word said in passing, not half the question: at most one is dropped, and something must stay (a
        # closed value, another word, or the part named)
        for size in range(len(droppable) - 1, max(len(droppable) - 2, 0 if fixed or bounded else 1) - 1, -1):
            best, best_weight = None, -1.0
            for keep in combinations(droppable, size):
                kept = fixed | set(keep)
                met = [(entity, facts) for entity, facts, m in candidates if kept <= m]
                weight = sum(self.idf.get(c, 0.0) for c in keep)
                if len(met) >= 2 and weight > best_weight:
                    best, best_weight = met, weight
            if best is not None:
                return best
        return None

    def among(self, reading: Reading, entities: tuple[str, ...]) -> Gathered | None:
        """"Which of them is approved?": those of the ENTITIES (the items of the last list) whose facts meet the
        question's rare words, each as a list item."""
        from .measures import FACT_METRIC, MEASURES
        # a measure asked ("which of them has a response rate?") is met by an outcome reporting it; its words
        # are then no constraint
        measure_words = {t for m in MEASURES if m.key in reading.measures
                         for t in self.tokenizer.tokens(m.label)} | set(self.tokenizer.tokens("reported report"))
        constraints = [c for c in self._constraints(reading) if c not in measure_words]
        if not constraints and not reading.measures:
            return None
        chosen = []
        for kind in KIND_NOUNS:
            for (k, entity), facts in self._by_entity([kind]).items():
                if entity in entities and entity not in [e for e, _ in chosen]:
                    stems = self._stems_of(k, entity, facts)
                    measured = {FACT_METRIC.get(str(f.get("metric", "")).casefold()) for f in facts
                                if f.kind == "outcome"}
                    if all(self._matches(stems, c) for c in constraints) and reading.measures <= measured:
                        chosen.append((entity, facts))
        if not chosen:
            return Gathered("list", (), (), "the review says this of none of them")
        items = tuple(self._item(e, fs, constraints) for e, fs in chosen)
        return Gathered("list", items, (), f"Of those, the review says this of {len(items)}: "
                        + "; ".join(i.entity for i in items) + ".")

    def _item(self, entity: str, facts: list[Fact], constraints: list[str]) -> Item:
        main = next((f for f in facts if f.kind != "outcome"), facts[0])
        # the line that best shows why it is listed: the fact holding the most constraint words
        best = max(facts, key=lambda f: (sum(c in set(self.tokenizer.tokens(f"{f.summary} {f.evidence}"))
                                             for c in constraints), f is main))
        refs = tuple(dict.fromkeys(r for f in facts for r in f.refs))
        return Item(entity, best.summary, best.sections[0] if best.sections else "", refs,
                    tuple(dict.fromkeys([main.id, best.id])))

    def compare(self, reading: Reading) -> Gathered | None:
        """A table of the measures asked (or every measure reported) per entity named; "not reported" where the
        review is silent."""
        from .measures import FACT_METRIC, LABELS
        rows = []
        # "which RECEPTOR domains do A, B and C bind?": the names coordinated are the rows, not the one they modify
        # (nor the review's own subject, named as the setting: "A vs B in SUBJECT")
        # (a subject that is a drug, the review's own, is compared as any drug is)
        subject = {e for e in (reading.reader.subject if reading.reader is not None else ())
                   if not self.names.named_facts((e,), ("agent",))}
        names = list(coordinated_names(reading) or dict.fromkeys(reading.entities))
        if len([e for e in names if e not in subject]) >= 2:
            names = [e for e in names if e not in subject]
        # a name right before a kind noun qualifies the things compared ("the two SETTING markers, A and B"):
        # the setting, no row of its own
        from .text import WORD_RE, prepare
        words = [w.casefold() for w in WORD_RE.findall(prepare(reading.text))]
        kind_words = {n for ns in KIND_NOUNS.values() for n in ns} | {n[:-1] for ns in KIND_NOUNS.values() for n in ns}
        setting = {m.entity for m in reading.mentions if m.last + 1 < len(words) and words[m.last + 1] in kind_words}
        if len([e for e in names if e not in setting]) >= 2:
            names = [e for e in names if e not in setting]
        for entity in names:
            facts = [f for f in self.facts if self.names.entity_of(f) == entity and f.kind != "term"]
            if not facts:
                # no fact of its own: the facts whose entity's name holds it ("A/B", "stromal A")
                own = self.names.stem_sets(entity)
                facts = [f for f in self.facts if f.kind not in ("term", "outcome")
                         and any(n and n <= set(self.tokenizer.tokens(f.entity)) for n in own)]
                # (the row is named as asked; its facts keep their ids)
                facts = [replace(f, entity=self.names.display.get(entity, f.entity)) for f in facts[:1]]
            if facts:
                main = next((f for f in facts if f.kind != "outcome"), facts[0])
                rows.append((main, [f for f in facts if f.kind == "outcome"]))
        if len(rows) < 2:
            return None

        def key(outcome: Fact) -> str | None:
            return FACT_METRIC.get(str(outcome.get("metric", "")).casefold())
        if not reading.measures:
            properties = self._properties(reading, rows)
            if properties is not None:
                return properties
        keys = sorted(reading.measures) or list(dict.fromkeys(k for _, outs in rows for o in outs if (k := key(o))))
        items = []
        for main, outcomes in rows:
            values, used = [], [main.id]
            for k in keys:
                hit = next((o for o in outcomes if key(o) == k), None)
                if hit is None:
                    values.append((LABELS.get(k, k), "not reported"))
                    continue
                values.append((LABELS.get(k, k), _value(hit)))
                used.append(hit.id)
            refs = tuple(dict.fromkeys(r for f in [main, *outcomes] for r in f.refs))
            text = "; ".join(f"{m}: {v}" for m, v in values) if values else main.summary
            items.append(Item(main.entity, text, main.sections[0] if main.sections else "", refs,
                              tuple(dict.fromkeys(used)), tuple(values)))
        # every measure asked is reported for one of them at least; otherwise the question is a near miss
        if reading.measures and not all(any(i.values[c][1] != "not reported" for i in items)
                                        for c in range(len(keys))):
            return None
        columns = tuple(LABELS.get(k, k) for k in keys)
        return Gathered("comparison", tuple(items), columns,
                        "Compared: " + "; ".join(f"{i.entity} — {i.text}" for i in items) + ".")

    def subgroups(self, reading: Reading) -> Gathered | None:
        """One thing's results compared across what its results tell apart ("PFS in the whole population or
        in patients with brain metastases", "diarrhoea vs rash with DRUG"): the rows are the question's
        coordinated phrases, each the one outcome of that thing (or trial) whose words only it holds."""
        from .measures import FACT_METRIC, LABELS
        if not (_COMPARE.search(reading.text) or _EITHER_COMPARE.search(reading.text)):
            return None
        asked = set(reading.entities)
        if not asked:
            return None
        outcomes, owning = [], set()
        for f in self.facts:
            if f.kind != "outcome":
                continue
            if reading.measures and FACT_METRIC.get(str(f.get("metric", "")).casefold()) not in reading.measures:
                continue
            owners = {m.entity for part in (str(f.get("agent") or f.entity), str(f.get("trial") or ""))
                      for m in self.names.mentions_of(part)}
            if owners & asked:
                outcomes.append(f)
                owning |= owners & asked
        if len(outcomes) < 2:
            return None
        texts = [set(self.tokenizer.tokens(f"{f.get('population') or ''} {f.summary} {f.evidence}"))
                 for f in outcomes]
        # the owner's names say whose results, and the measure's words which result, not which of them
        named = {t for m in reading.mentions if m.entity in owning for t in self.tokenizer.tokens(m.name)}
        from .measures import BY_KEY
        from .text import fold
        # (with the head noun that follows the measure's name: "objective response rate")
        folded = fold(reading.text)
        named |= {t for key in reading.measures for m in BY_KEY[key].pattern.finditer(folded)
                  for t in self.tokenizer.tokens(m.group(0) + re.match(r"(?:\s+rates?\b)?", folded[m.end():]).group(0))}
        rows: dict[int, str] = {}
        base_segment = None
        order: dict[int, int] = {}                # row -> the place of its phrase in the question
        for place, segment in enumerate(_SEGMENT_SPLIT.split(reading.text)):
            stems = [t for t in self.tokenizer.tokens(segment) if t not in named]
            # the words some of its results hold and others do not tell one result from the rest
            telling = [t for t in stems if 0 < sum(t in ts for ts in texts) < len(texts)]
            if not telling:
                if _WHOLE_COHORT.search(segment) and reading.measures:
                    base_segment, base_place = segment, place
                continue
            weights = [sum(self.idf.get(t, 0.0) for t in telling if t in ts) for ts in texts]
            best = max(weights)
            if best > 0 and weights.count(best) == 1:
                i = weights.index(best)
                if i in rows and _WHOLE_COHORT.search(segment) and reading.measures:
                    # "or the overall population", said where a subgroup's result compares itself to it
                    base_segment, base_place = segment, place
                elif i not in rows and (label := self._span(outcomes[i], set(telling) & texts[i])):
                    rows[i], order[i] = label, place
        if base_segment is not None and rows:
            # the cohort as a whole: the result holding none of the other rows' telling words
            others = [i for i in range(len(outcomes)) if i not in rows]
            if len(others) == 1:
                # named as the review names it where its results do ("the overall population"), else as asked
                said = [m.group(0) for f in outcomes for m in [_WHOLE_COHORT.search(
                    f"{f.get('population') or ''}. {f.summary}")] if m and len(m.group(0).split()) <= 3]
                rows[others[0]] = said[0] if said else _WHOLE_COHORT.search(base_segment).group(0)
                order[others[0]] = base_place
        if len(rows) < 2:
            return None
        # the column is the measure asked, or the one the rows' results share
        keys = sorted(reading.measures) or sorted({k for i in rows if (k := FACT_METRIC.get(
            str(outcomes[i].get("metric", "")).casefold()))})
        column = LABELS.get(keys[0], keys[0]) if len(keys) == 1 else "result"
        items = tuple(Item(label, outcomes[i].summary, outcomes[i].sections[0] if outcomes[i].sections else "",
                           outcomes[i].refs, (outcomes[i].id,), ((column, _value(outcomes[i])),))
                      for i, label in sorted(rows.items(), key=lambda r: order[r[0]]))
        return Gathered("comparison", items, (column,),
                        "Compared: " + "; ".join(f"{i.entity} — {i.values[0][1]}" for i in items) + ".")

    def _span(self, outcome: Fact, stems: set[str]) -> str:
        """The words of an outcome's population (or summary) from the first to the last that holds one of the
        stems: how the review names the subgroup or the event."""
        for text in (str(outcome.get("population") or ""), outcome.summary):
            spans = list(re.finditer(r"[\w+-]+", text))
            words = [m.group(0) for m in spans]
            hits = [i for i, w in enumerate(words) if set(self.tokenizer.tokens(w)) & stems]
            if hits and hits[-1] - hits[0] < 6:
                end = hits[-1] + 1
                # a modifier names the subgroup with its head noun ("brain" of "brain metastases"): the phrase
                # runs on to its punctuation when at most two words remain
                stop = end
                while stop < len(words) and not text[spans[stop - 1].end():spans[stop].start()].strip():
                    stop += 1
                if stop - end <= 2:
                    end = stop
                return " ".join(words[hits[0]:end])
        return ""

    def _properties(self, reading: Reading, rows) -> Gathered | None:
        """A comparison of the properties the question names ("what does each bind?", "type of resistance and
        correlation"), from each entity's typed fields; with no property named and no measure reported, each
        entity's summary."""
        text = reading.text
        wanted = [name for name, words in PROPERTY_WORDS.items() if _words_re(words).search(text)
                  and any(main.get(name) for main, _ in rows)]
        if not wanted:
            if any(outs for _, outs in rows):
                return None                     # the measures they have in common make the table
            wanted = []
        items = []
        for main, outcomes in rows:
            values = tuple((name, str(main.get(name) or "not reported")) for name in wanted)
            refs = tuple(dict.fromkeys(r for f in [main, *outcomes] for r in f.refs))
            text_line = "; ".join(f"{n}: {v}" for n, v in values) if values else main.summary
            items.append(Item(main.entity, text_line, main.sections[0] if main.sections else "", refs, (main.id,),
                              values))
        return Gathered("comparison", tuple(items), tuple(wanted),
                        "Compared: " + "; ".join(f"{i.entity} — {i.text}" for i in items) + ".")

    def _phrase_section(self, phrase: str):
        """The numbered part a phrase names by its heading's words ("the GENE pathway subsection", "the
        mechanisms chapter", "the GENE one"), or None."""
        asked = {t for t in self.tokenizer.tokens(_PART_WORDS.sub(" ", phrase)) if self.idf.get(t, 0.0) > 0}
        best, best_score = None, 0.0
        for section in self.document.sections:
            if section.number and (score := self._heading_score(section, asked)) > best_score:
                best, best_score = section, score
        return best

    def neighbours(self, reading: Reading) -> Gathered | None:
        """"Which section comes right after X?", "which precedes X?", "the subsections between A and B", "the last
        subsection of X": parts by their place in the outline (numbered parts in reading order)."""
        # (asked of parts: "between A and B" alone is a comparison's phrase)
        if not re.search(r"\b(?:what|which)\b", reading.text, re.I) or not _SECTION_WORD.search(reading.text):
            return None
        order = [sec for sec in self.document.sections if sec.number]
        index = {sec.id: i for i, sec in enumerate(order)}

        def end_of(sec) -> int:            # the position just past the part and its subsections
            i = index[sec.id] + 1
            while i < len(order) and order[i].number.startswith(sec.number + "."):
                i += 1
            return i
        chosen = []
        if (m := _BETWEEN.search(reading.text)) and (a := self._phrase_section(m.group(1))) and \
                (b := self._phrase_section(m.group(2))) and a is not b:
            a, b = sorted((a, b), key=lambda sec: index[sec.id])
            chosen = [sec for sec in order[end_of(a):index[b.id]] if sec.level == a.level]
        elif (m := _END_OF.search(reading.text)) and (part := self._phrase_section(m.group(2))):
            children = [sec for sec in order if sec.parent == part.id]
            if children:
                chosen = [children[-1] if m.group(1).lower() in ("last", "final") else children[0]]
        elif m := _ADJACENT.search(reading.text):
            way = (m.group(1) or m.group(3)).lower()
            part = self._phrase_section(m.group(2) or m.group(4))
            if part is not None:
                after = way.startswith(("after", "follow"))
                at = end_of(part) if after else index[part.id] - 1
                chosen = [order[at]] if 0 <= at < len(order) else []
        if not chosen:
            return None
        items = tuple(Item(sec.title, self._gist(sec), sec.id, (), ()) for sec in chosen)
        return Gathered("overview", items, (), "In the outline: " + "; ".join(f"§{i.section} {i.entity}" for i in items)
                        + ".")

    def span(self, reading: Reading) -> Gathered | None:
        """"Which parts come after the conclusions?", "the front matter before the title": the article's top-level
        parts (numbered or not; the table is no part of the run of text) in a stretch named by its place."""
        if not re.match(r"^\s*(?:what|which)\b", reading.text, re.I) and not _MATTER.search(reading.text):
            return None
        if not _ASKS_PARTS.search(reading.text):
            return None
        parts = [sec for sec in self.document.sections if sec.kind != "table" and (sec.number is None or sec.level == 1)]
        titles = {sec.id: fold(sec.title).casefold() for sec in parts}
        lo, hi = 0, len(parts)
        matter = _MATTER.search(reading.text)
        if matter:
            wanted = "front" if matter.group(1).lower() == "front" else "back"
            kept = [i for i, sec in enumerate(parts) if sec.kind == wanted]
            if not kept:
                return None
            lo, hi = kept[0], kept[-1] + 1
        placed = False
        for m in _POSITION.finditer(reading.text):
            words = fold(m.group(3)).casefold().split()
            # the part the position is taken from: the one whose heading the words after "after" begin with
            at = next((i for i, sec in enumerate(parts) for n in range(len(words), 0, -1)
                       if titles[sec.id].startswith(" ".join(words[:n])) and len(" ".join(words[:n])) >= 4), None)
            if at is None:
                continue
            placed = True
            if m.group(1):
                lo = max(lo, at + 1)
            else:
                hi = min(hi, at)
        if not (placed or matter) or hi - lo < 2:
            return None
        chosen = parts[lo:hi]
        items = tuple(Item(sec.title, self._gist(sec), sec.id, (), ()) for sec in chosen)
        return Gathered("overview", items, (), "The article's parts there: " + "; ".join(
            (f"§{i.section} " if self.document.section(i.section).number else "") + i.entity for i in items) + ".")

    def _sections_mentioning(self, reading: Reading, asked: set[str]) -> Gathered | None:
        """"which sections mention X?", "what parts discuss X?": the numbered parts whose text names X (by any of
        its names, or else holds every rare word the question asks with), each with the first sentence that does;
        None when the question names no topic (it asks for the outline) or no part holds it."""
        # the topic follows the part noun ("sections that mention X"); the words before it qualify the parts
        # ("the main numbered sections")
        part = _SECTIONS_WORD.search(reading.text)
        if part is None:
            return None
        after = set(self.tokenizer.tokens(reading.text[part.end():]))
        names = [s for e in dict.fromkeys(reading.entities) for s in self.names.stem_sets(e) if s and s <= after]
        if not names:
            rare = frozenset(t for t in asked & after if self.idf.get(t, 0.0) > self.rare_idf
                             and t not in self.tokenizer.tokens(" ".join(sorted(LIGHT))))
            names = [rare] if rare else []
        if not names:
            return None
        items = []
        for section in self.document.sections:
            if not section.number:
                continue
            said = next((sentence for passage in self.document.passages_of(section.id)
                         for sentence in passage.text.split(". ")
                         if any(n <= set(self.tokenizer.tokens(sentence)) for n in names)), None)
            if said is not None:
                refs = tuple(dict.fromkeys(n for p in self.document.passages_of(section.id) for n in p.citations))[:6]
                items.append(Item(section.title, said.strip().rstrip(".") + ".", section.id, refs, ()))
        if not items:
            return None
        return Gathered("overview", tuple(items), (), "The parts that mention it: " + "; ".join(
            f"§{i.section} {i.entity}" for i in items) + ".")

    def overview(self, reading: Reading) -> Gathered | None:
        """The review's own structure: the section whose title shares most of the question's words (a kind noun
        among them: "the biomarker section", "new agents"), with a line from each of its subsections."""
        asked = set(reading.stems) - set(self.tokenizer.tokens(" ".join(SHAPE_WORDS + ("section", "covered"))))
        # what is set aside ("besides X, ...", "apart from the drugs in section 4, ...") names no part to outline
        fronted = _FRONTED_ASIDE.match(reading.text)
        kept = reading.text[fronted.end():] if fronted else reading.text
        asked -= {t for m in _SET_ASIDE.finditer(reading.text) for t in self.tokenizer.tokens(m.group(0))}
        if fronted:
            asked -= set(self.tokenizer.tokens(fronted.group(0))) - set(self.tokenizer.tokens(kept))
        kind_stems = {t for ns in KIND_NOUNS.values() for n in ns for t in self.tokenizer.tokens(n)}
        # the nouns of one kind name the same things in a heading ("new drugs" for "novel agents")
        for kind, nouns in KIND_NOUNS.items():
            if kind == "mechanism":
                continue            # "strategies", "approaches": words of any kind of plan, no one kind's name
            stems = {t for n in nouns for t in self.tokenizer.tokens(n)}
            if asked & stems:
                asked |= stems - {t for n in CLASS_NOUNS for t in self.tokenizer.tokens(n)}
        # "the section on X", "the X part": X is its title
        names_section = bool(re.search(r"\b(?:sub)?(?:section|part|chapter)s?\b", kept, re.I))
        best, best_score = None, 0.0
        where = _PLACE.search(reading.text)
        numbered = self.document.section(place_number(where)) if where and where.group(2) and not pointed_away(
            reading.text, where) else None
        if numbered is not None and sum(c.parent == numbered.id for c in self.document.sections) >= 2:
            best, best_score = numbered, float("inf")      # "section 2": that section's subsections
        elif numbered is not None:
            return None         # a section without subsections has no structure: its own text answers
        for section in self.document.sections:
            children = [c for c in self.document.sections if c.parent == section.id]
            if not section.number or len(children) < 2:
                continue
            title = self._heading_stems(section)
            shared = asked & title
            if not shared or not (names_section or shared & (kind_stems | {t for t in asked
                                                                           if self.idf.get(t, 0.0) > self.rare_idf})):
                continue
            score = sum(self.idf.get(t, 1.0) for t in shared) / (1 + 0.1 * len(title - asked))
            if score > best_score:
                best, best_score = section, score
        if best is None:
            # the one plural part vocabulary ("sections", "chapters", ...), or the outline as a whole
            if not (_SECTIONS_WORD.search(reading.text) or re.search(r"\b(?:outline|structure)\b", reading.text, re.I)) \
                    and not _COVERS.search(reading.text):
                return None
            # "which sections mention X?": the parts that name X, not the outline
            mentioning = self._sections_mentioning(reading, asked)
            if mentioning is not None:
                return mentioning
            # "the main sections of this review": its numbered top-level sections
            tops = [s for s in self.document.sections if s.number and s.level == 1]
            items = tuple(Item(s.title, self._gist(s), s.id, (), ()) for s in tops)
            return Gathered("overview", items, (), "The review's sections: " +
                            "; ".join(f"§{i.section} {i.entity}" for i in items) + ".") if len(items) >= 2 else None
        items = []
        # "apart from X, what other parts ...": a part whose heading holds every rare word set aside is left out
        aside = [{t for t in self.tokenizer.tokens(m.group(0)) if self.idf.get(t, 0.0) > self.rare_idf}
                 for m in _SET_ASIDE.finditer(reading.text)]
        for s in (c for c in self.document.sections if c.parent == best.id):
            if any(a and a <= self._heading_stems(s) | self._heading_aliases(s) for a in aside):
                continue
            passages = self.document.passages_of(s.id)
            first = passages[0].text.split(". ")[0].strip().rstrip(".") + "." if passages else ""
            refs = tuple(dict.fromkeys(n for p in passages for n in p.citations))[:6]
            items.append(Item(s.title, first, s.id, refs, ()))
        return Gathered("overview", tuple(items), (),
                        f"§{best.id} {best.title}: " + "; ".join(f"§{i.section} {i.entity}" for i in items) + ".")


def _own_citations(text: str, citations: tuple[int, ...]) -> tuple[int, ...]:
    """The passage's citations the sentence itself prints ("... (33)."), in the passage's order."""
    return tuple(n for n in citations if re.search(rf"[(,]\s*{n}\s*[,)]", text))


def _measure_in_plural(reading: Reading) -> bool:
    """A measure named in the plural ("side effects of DRUG", "its adverse effects", "the AEs"): its values are
    a set of named events, not one figure."""
    from .measures import BY_KEY
    from .text import fold
    # (folding drops an acronym's plural, "AEs" -> "ae": the text as typed is read too)
    for text in (fold(reading.text), reading.text.casefold()):
        for key in reading.measures:
            for m in BY_KEY[key].pattern.finditer(text):
                # the "s" is a plural when the name without it is the measure too ("adverse events", not "PFS")
                said = m.group(0) + re.match(r"[\w-]*", text[m.end():]).group(0)      # to the end of its word
                if said.endswith("ies") or (said.endswith("s") and not said.endswith("ss")
                                            and BY_KEY[key].pattern.fullmatch(said[:-1])):
                    return True
    return False


def _coordinated(reading: Reading) -> bool:
    return bool(coordinated_names(reading))


def coordinated_names(reading: Reading) -> tuple[str, ...]:
    """The names of a run of two or more joined by commas, "and" or "or" ("A, B and C"), not all of them the
    review's own subject; () when there is none."""
    from .measures import measures_in
    subject = reading.reader.subject if reading.reader is not None else frozenset()
    # the names of things, not of measures ("the PFS and ORR of A and B" compares A and B)
    names = sorted((m for m in reading.mentions if not measures_in(m.name)), key=lambda m: -len(m.name))
    if len({m.entity for m in names}) < 2 or not any(m.entity not in subject for m in names):
        return ()
    # the review's subject may be one of them ("DRUG and the subject drug"), not both
    alternation = "|".join(re.escape(m.name) for m in names)
    link = r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*|/\s*)"
    for run in re.finditer(rf"(?:{alternation})(?:{link}(?:{alternation}))+", reading.text, re.I):
        inside = {m.entity for m in names if m.name.casefold() in run.group(0).casefold()}
        if len(inside) >= 2 and inside - subject:
            return tuple(e for e in dict.fromkeys(reading.entities) if e in inside)
    return ()


def _reported(table: Gathered) -> int:
    """The cells of a comparison that hold a figure."""
    return sum(v != "not reported" for i in table.items for _, v in i.values)


def _value(outcome: Fact) -> str:
    """An outcome's figure as the review gives it, with its trial: "19.0% (phase Ib)"."""
    value, high, unit = outcome.get("value"), outcome.get("value_high"), outcome.get("unit") or ""
    if value is None:
        return outcome.summary
    shown = f"{value:g}" if isinstance(value, float) else str(value)
    if high is not None:
        shown += f"–{high:g}" if isinstance(high, float) else f"–{high}"
    shown += "%" if unit in ("%", "percent") else (f" {unit}" if unit else "")
    second = outcome.get("second_value")
    if second is not None:          # printed as a pair ("96.23%/14.15%"): both figures, as the review gives them
        shown += f"/{second:g}" if isinstance(second, float) else f"/{second}"
        shown += "%" if unit in ("%", "percent") else ""
    trial = outcome.get("trial")
    return shown + (f" ({trial})" if trial else "")
