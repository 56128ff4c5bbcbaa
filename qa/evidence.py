"""Evidence: what the review holds for a Reading — ranked passages, the answering sentence, and what it lacks
(a name only in the reference list, a measure never given for the entity asked about)."""
from __future__ import annotations

import re
from dataclasses import replace, dataclass

from .answer import best_sentence
from .answer_types import expects, sentence_fits
from .article import FIGURE_RE, PART_DESCRIPTORS, PLACE_RE, place_number, pointed_away
from .index import PassageIndex
from .measures import BY_KEY, MEASURES
from .models import AnswerSentence, Document, Fact, Hit
from .names import NameRegistry
from .reading import CITED_AUTHOR, Reading
from .sentences import SentenceTable
from .text import WORD_RE, fold, prepare


# A name in more than this share of the review's passages is what the whole review is about (HER2, trastuzumab in
# this one), not a constraint on where the answer is. Measured on both question sets: any share from 0.05 to 0.5
# ranks the same; "most passages" is the plain reading.
SPECIFIC_SHARE = 0.5
# A question that places itself in a numbered section ("what does section 4.2 cover?", "in section 3.3, which ...")
# asks about that part: its label's words are no content (the journal's "a section of" is no answer), the part's
# heading says what it is about, and its passages get PLACE_BOOST of the best score (as the summaries get theirs).
PLACE_BOOST = 1.0
# A broad question's words are all ones most passages share: IDF at most BROAD_IDF (the review's floor is 0.98,
# "tumor" 1.33); the parts that summarise then get SUMMARY_BOOST of the best score. Measured over all five
# question sets: boosts 0.3 and 0.6, IDF limits 1.4 and 1.8 lose no question; 0.6 / 1.4 gains one.
SUMMARY_BOOST = 0.6
BROAD_IDF = 1.4
ANSWER_DEPTH = 5     # the answer sentence is chosen among this many best passages, whatever -k shows


@dataclass(frozen=True)
class Evidence:
    hits: tuple[Hit, ...]
    sentence: AnswerSentence | None
    cited_only: str | None = None        # a specific term the review names only in a cited title
    missing_measure: str | None = None   # "the review reports no ORR for margetuximab"
    missing_figure: str | None = None    # a figure the question states that the best passage never gives
    runner_up: float = 0.0               # the second passage's BM25 score (the margin of the first)


class EvidenceIndex:
    """Retrieval over the one passage index and sentence table, aligned to a Reading."""

    def __init__(self, document: Document, facts: tuple[Fact, ...], index: PassageIndex, names: NameRegistry,
                 sentences: SentenceTable):
        self.document = document
        self.facts = facts
        self.index = index
        self.names = names
        self.sentences = sentences
        self.settings = index.settings
        self.tokenizer = index.tokenizer
        self.idf = index.idf
        self._body_passages = sum(1 for p in document.passages if p.section != "references")
        self._entity_names: dict[str, list[frozenset[str]]] = {}
        self._figures: dict[str, list] = {}
        self._given: dict[str, list[str]] = {}
        self._self_text = " ".join(p.text for p in document.passages if p.section in ("title", "citation", "dates"))
        self._positions = {p.id: i for i, p in enumerate(document.passages)}
        from .reading import BIBLIOGRAPHIC_WORDS
        self._bibliographic = frozenset(self.tokenizer.tokens(BIBLIOGRAPHIC_WORDS))
        # The parts that summarise (any review): the abstract, the first and last numbered sections (introduction,
        # conclusions) and the own text of a section that has subsections (its introduction)
        numbered = [sec for sec in document.sections if sec.id[:1].isdigit()]
        tops = [sec.id for sec in numbered if "." not in sec.id]
        parents = {sec.parent for sec in numbered if sec.parent}
        summary = {"abstract"} | ({tops[0], tops[-1]} if tops else set()) | parents
        self._summary_positions = [i for i, p in enumerate(document.passages) if p.section in summary]
        self._trials = sorted({str(f.get("trial")) for f in facts if f.kind == "outcome" and f.get("trial")
                               and re.search(r"[a-z].*\d", str(f.get("trial")), re.I)})

    # -- retrieval -------------------------------------------------------------------------------------------
    def search(self, reading: Reading, k: int) -> list[Hit]:
        reference_weight = self.settings.reference_boost if reading.intent.bibliographic else None
        if reading.intent.about_article:
            reference_weight = 0.0       # the article's own front matter answers, never a cited reference
        boosts = self._definition_boosts(reading) if reading.intent.definition else None
        required = self._required_entities(reading) if self.settings.entity_penalty < 1 else None
        placed = self._placed(reading)
        if placed is not None:
            section = placed[0]
            boosts = {**(boosts or {}), **{i: PLACE_BOOST for i, p in enumerate(self.document.passages)
                                           if p.section == section.id or p.section.startswith(section.id + ".")}}
        elif not boosts and not required and self._broad(reading):
            boosts = {i: SUMMARY_BOOST for i in self._summary_positions}
        return self.index.search(reading.weight_map, k, reference_weight, reading.intent.figure, boosts, required)

    def placed(self, reading: Reading) -> Reading:
        """The reading of a question placed in a numbered section: the label's words dropped, the part's heading's
        words added (what the part is about); the reading itself otherwise."""
        found = self._placed(reading)
        if found is None:
            return reading
        section, label = found
        heading = [t for t in self.tokenizer.tokens(section.title) if t not in label]
        weights = {t: w for t, w in reading.weights if t not in label}
        for t in heading:
            weights.setdefault(t, 1.0)
        return replace(reading, stems=frozenset(t for t in reading.stems if t not in label) | frozenset(heading),
                       weights=tuple(weights.items()))

    def _placed(self, reading: Reading):
        """The numbered section the question places itself in, and the stems of its label; None when it names
        none, or points away from it ("apart from section 4")."""
        where = PLACE_RE.search(reading.text)
        if where is None or not where.group(2) or pointed_away(reading.text, where):
            return None
        section = self.document.section(place_number(where))
        return (section, set(self.tokenizer.tokens(where.group(0)))) if section is not None else None

    def _broad(self, reading: Reading) -> bool:
        """A question about the review's own subject ("why does resistance arise?"): besides frame words and words
        the review never uses, every word it asks with is one most passages share (the review's drug, target and topic);
        no measure, no figure, not about the article or its references."""
        intent = reading.intent
        if reading.measures or reading.quantities or intent.about_article or intent.bibliographic or \
                intent.metadata or intent.definition:
            return False
        frame = reading.reader.frame if reading.reader else frozenset()   # the reader's frame words, stemmed once
        return all(self.idf.get(t, 0.0) <= BROAD_IDF for t in reading.stems if t not in frame and t in self.idf)

    def specific_entities(self, reading: Reading) -> list[str]:
        """The specific things a question names (a drug, gene, miRNA, trial, term), each by the name its fact uses;
        what most passages name (the review's own subject) and the words of a measure ("side effects") are none."""
        from .conversation import TOPIC_KINDS
        from .measures import MEASURES, measures_in
        folded = fold(reading.text)
        measured = {w for m in MEASURES for match in m.pattern.finditer(folded) for w in match.group(0).split()}
        words = [fold(w) for w in WORD_RE.findall(prepare(reading.text))]
        out: list[str] = []
        for m in reading.mentions:
            span = words[m.first:m.last + 1]
            if span and (all(w in measured for w in span) or measures_in(" ".join(span))):
                continue            # a measure named as a glossary term ("objective response rate") is no topic
            stems = frozenset(self.tokenizer.tokens(m.name))
            if not stems or self.index.holders([stems]).sum() > SPECIFIC_SHARE * self._body_passages:
                continue
            facts = self.names.named_facts((m.entity,), TOPIC_KINDS)
            facts.sort(key=lambda f: TOPIC_KINDS.index(f.kind))
            name = facts[0].entity if facts else m.name
            if name not in out:
                out.append(name)
        return out

    def _required_entities(self, reading: Reading) -> list[list[frozenset[str]]]:
        """The specific drugs, genes and miRNAs the question names, each as the stem sets of all its names.
        Common ones (in most passages) are no constraint."""
        required = []
        for fact in self.names.named_facts(reading.entities, ("agent", "biomarker", "mirna")):
            names = self._entity_names.get(fact.id)
            if names is None:
                stems = self.names.name_stems(fact)
                main = frozenset(self.tokenizer.tokens(fact.entity))
                # specific: named in few passages (what the whole review is about, HER2 or trastuzumab, is not)
                specific = bool(main) and self.index.holders([main]).sum() <= SPECIFIC_SHARE * self._body_passages
                names = self._entity_names[fact.id] = [n for n in stems if n] if specific else []
            if names and names not in required:
                required.append(names)
        return required

    def _definition_boosts(self, reading: Reading) -> dict[int, float]:
        """"What does CSC stand for?": favour the passage where the glossary introduces the term."""
        boosts: dict[int, float] = {}
        for fact in self.names.named_facts(reading.entities, ("term",)):
            for pid in self.names.evidence_passages(fact):
                boosts[self._positions[pid]] = self.settings.definition_boost
        return boosts

    # -- evidence ----------------------------------------------------------------------------------------------
    def gather(self, reading: Reading, k: int) -> Evidence:
        """Hits for the reading; the answer sentence is chosen from the best-ranked passages, whatever k is."""
        hits = self.search(reading, max(k, ANSWER_DEPTH))
        # the answer comes from the same best passages whatever k is ("-k 1" and "-k 10" answer alike)
        fits = (lambda text: sentence_fits(reading, text)) if expects(reading) else None
        sentence = best_sentence(reading.text, hits[:ANSWER_DEPTH], reading.weight_map, self.idf, self.tokenizer,
                                 table=self.sentences.answer_units, fits=fits)
        if fits is not None and sentence is not None and sentence.passage != hits[0].passage.id and fits(sentence.text):
            # the answer, chosen for giving the kind of thing asked, is in a lower passage: that passage is the
            # best evidence (and the answer shown and the first passage agree)
            at = next(i for i, h in enumerate(hits) if h.passage.id == sentence.passage)
            hits = [hits[at]] + hits[:at] + hits[at + 1:]
            # ranks follow the order shown (the moved passage keeps its own BM25 score)
            hits = [replace(h, rank=i) for i, h in enumerate(hits, 1)]
        return Evidence(tuple(hits[:k]), sentence, self.cited_only(reading), self.missing_measure(reading),
                        self.missing_figure(reading, hits[0] if hits else None),
                        hits[1].score if len(hits) > 1 else 0.0)

    def missing_figure(self, reading: Reading, top: Hit | None) -> str | None:
        """A figure the question states ("the 5-year survival", "a 33% ORR", "phase III") that the best passage
        does not give in any form (number words, ranges and units compared as the checker compares them)."""
        if top is None or not any(q.unit for q in reading.quantities):
            return None
        from .quantities import agree, quantities      # only for a question that states a figure
        if not hasattr(self, "_self_figures"):
            self._self_figures = quantities(self._self_text)
        given = self._figures.get(top.passage.id)
        if given is None:
            given = self._figures[top.passage.id] = quantities(top.passage.text)
        about_article = top.passage.section in PART_DESCRIPTORS
        for q in reading.quantities:
            if not q.unit or any(agree(q, g) for g in given):
                continue
            if about_article and any(agree(q, g) for g in self._self_figures):
                continue     # "the 2022 Front Oncol review": a figure describing the article itself
            return q.text
        return None

    def cited_only(self, reading: Reading) -> str | None:
        """A specific term found only in the reference list ("neratinib"), asked about outside a bibliographic
        question: the review names it in a cited title but says nothing about it."""
        if reading.intent.bibliographic or reading.stems & self._bibliographic:
            return None
        named = reading.cited_only
        # "Which drug did Smith et al. show works ...": the surname points at a cited work, it is no topic the
        # review fails to discuss; the work's entry may answer (other names of the question still count)
        if named and any(m.group(0).split()[0] == named for m in CITED_AUTHOR.finditer(reading.text)):
            others = [u.text for u in reading.unknown if u.cited and u.text != named]
            return others[0] if others else None
        return named

    def missing_measure(self, reading: Reading) -> str | None:
        """The drug, biomarker or trial asked about is in the review, but never together with the measure asked."""
        asked = [BY_KEY[k] for k in sorted(reading.measures) if BY_KEY[k].reported]
        if not asked:
            return None
        # every specific thing named (a drug, a biomarker, a miRNA): "the hazard ratio of BIOMARKER" is as much a
        # near miss as "the dose of DRUG" when no passage naming it gives that measure
        named = self.names.named_facts(reading.entities, ("agent", "biomarker", "mirna"))
        agents = list({f.entity: f for f in named}.values())
        folded = fold(reading.text)
        trials = [t for t in self._trials if re.search(r"(?<![a-z0-9])" + re.escape(fold(t)) + r"(?![a-z0-9])",
                                                       folded)]
        for measure in sorted(asked, key=lambda m: [x.key for x in MEASURES].index(m.key)):
            for trial in trials:
                # A trial's results follow its name: look in the sentence naming it and the two after.
                if not any(measure.pattern.search(w) and (FIGURE_RE.search(w) or not reading.intent.figure)
                           for w in self.sentences.windows(fold(trial))):
                    return f"the review reports no {measure.label} for {trial}"
            if not agents:
                continue
            if not any(self._reports(agent, measure, reading.intent.figure) for agent in agents):
                return f"the review reports no {measure.label} for {', '.join(a.entity for a in agents)}"
        return None

    def measures_given(self, reading: Reading) -> str | None:
        """For a near miss: the measures the review does give, with a figure, for the drugs the question names
        ("PFS, OS and ORR for drug X")."""
        agents = list(self.names.named_facts(reading.entities, ("agent",)))[:2]
        parts = []
        for agent in agents:
            labels = self._given.get(agent.id)
            if labels is None:      # once per drug: a drug named in most passages takes a few milliseconds
                labels = self._given[agent.id] = [m.label for m in MEASURES if m.reported
                                                  and self._reports(agent, m, True)]
            if labels:
                listed = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]
                parts.append(f"{listed} for {agent.entity}")
        return "; ".join(parts) or None

    def _reports(self, agent: Fact, measure, figure: bool) -> bool:
        """The review speaks of the measure in a passage naming the agent; when a figure is asked, a sentence of
        that passage gives the measure with a figure ("responded significantly" is no response rate)."""
        names = [fold(n) for n in self.names.names_for(agent)]
        naming = self.index.holders([s for s in self.names.name_stems(agent) if s])   # cheap: token sets
        for i in naming.nonzero()[0]:
            passage = self.document.passages[i]
            if passage.section == "references":
                continue
            text = self.sentences.folded_passage(passage.id)
            if not (any(n and n in text for n in names) and measure.pattern.search(text)):
                continue
            if not figure:
                return True
            for unit in self.sentences.of_passage(passage.id):
                folded = self.sentences.folded(unit)
                if measure.pattern.search(folded) and FIGURE_RE.search(unit.text):
                    return True
        return False
