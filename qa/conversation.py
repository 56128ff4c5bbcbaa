"""Conversations: the topic a turn leaves behind (entities, measures, words, section), how a follow-up question is
read in that topic (inherit, swap the entity, or start fresh), and `understood`, the question as the tool read it."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .article import PART_DESCRIPTORS
from .measures import LABELS, MEASURES
from .reading import FRAME_WORDS, Reading
from .text import STOPWORDS, WORD_RE, fold, prepare

# The kinds of fact that name a topic a conversation can carry, the most specific first.
TOPIC_KINDS = ("agent", "biomarker", "mirna", "mechanism", "term")

# English anaphors (a closed grammatical class, any text): a question holding one leans on an earlier turn.
ANAPHORS = frozenset("it its itself they them their theirs themselves this that these those such same".split())
# Heads of a definite description that points back ("the drug", "the trial", "this pathway"), any biomedical text:
# as the only content of a follow-up they name no new topic.
GENERIC_HEADS = frozenset("""
drug drugs agent agents medicine medicines compound treatment treatments therapy therapies inhibitor inhibitors
antibody antibodies conjugate conjugates molecule molecules trial trials study studies gene genes protein proteins
pathway pathways marker markers biomarker biomarkers mechanism mechanisms one ones patients patient effect effects
result results finding findings data evidence approach strategy target targets receptor
""".split())
# A question that opens by adding to the previous one ("and for X?", "what about its PFS?"): ellipsis.
_ELLIPSIS = re.compile(r"^\s*(?:and|also|plus|but|so|then|what about|how about|what of|same for|likewise)\b", re.I)
_DEMONSTRATIVES = frozenset("this that these those such same".split())
PRONOUNS = frozenset("it its itself they them their theirs themselves".split())
_QUESTION_WORDS = frozenset("what which who whom whose when where why how whether any anything else other more "
                            "also and about again there".split())


# pointing into the list a gathered answer gave: "which of them", "any of these", "the second one" (English)
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
_ORDINAL = re.compile(r"\bthe (first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last)"
                      r"(?: one| item| of them)?\b", re.I)
_AMONG = re.compile(r"\b(?:of|among|between) (?:them|these|those|the(?:se|m) (?:drugs|agents|ones))\b|"
                    r"\bwhich ones?\b", re.I)


@dataclass(frozen=True)
class Topic:
    """What a later turn may lean on: the entities asked about, the measures asked, the question's own rare words
    (when it named no entity), the section that answered, and the items of a gathered answer."""
    entities: tuple[str, ...] = ()
    measures: frozenset[str] = frozenset()
    words: tuple[str, ...] = ()
    section: str | None = None
    items: tuple[str, ...] = ()
    question: str = ""

    @property
    def label(self) -> str:
        """The topic as a chip shows it: "Epertinib · response rate"."""
        head = ", ".join(self.entities) or " ".join(self.words)
        measures = ", ".join(LABELS[m] for m in sorted(self.measures) if m in LABELS)
        return " · ".join(x for x in (head, measures) if x)


@dataclass(frozen=True)
class Turn:
    """A question as read in its conversation: the text retrieval reads, what the user is shown, and whether
    anything was carried from the topic."""
    text: str
    understood: str
    carried: bool
    among: tuple[str, ...] = ()     # "which of them ...?": the items of the last gathered answer to choose from


class FollowUps:
    """Reads follow-up questions against the topic of the conversation so far, for one review."""

    def __init__(self, specific_entities, idf: dict[str, float], tokenizer, common_idf: float):
        self.specific_entities = specific_entities     # Reading -> the specific entities it names, in order
        self.idf = idf
        self.tokenizer = tokenizer
        self.common_idf = common_idf                   # words at or below this IDF are the review's own subject
        self.frame = frozenset(tokenizer.stem(w) for w in FRAME_WORDS)
        self.generic = frozenset(tokenizer.stem(w) for w in GENERIC_HEADS)

    # -- what a question says of its own ------------------------------------------------------------------------
    def _words(self, text: str) -> list[str]:
        return typed_words(text)

    def own_words(self, reading: Reading, unknown: bool = False) -> list[str]:
        """The words naming a topic of the question's own, as typed: not function or frame words, not anaphors,
        not generic heads ("the drug"), not the review's ubiquitous words, not a named entity or a measure. With
        `unknown`, words the review never uses count too ("the capital of France" is a topic of its own)."""
        named = {i for m in reading.mentions for i in range(m.first, m.last + 1)}
        measured = _measure_words(reading.text)
        out = []
        for i, word in enumerate(self._words(reading.text)):
            low = word.lower()
            if i in named or low in STOPWORDS or low in ANAPHORS or low in _QUESTION_WORDS or low in FRAME_WORDS \
                    or low in measured:
                continue
            stems = self.tokenizer.tokens(word)
            if not stems or all(s in self.frame or s in self.generic for s in stems):
                continue
            if any(s not in self.idf for s in stems):
                if unknown and len(low) > 2:
                    out.append(word)
                continue
            if all(self.idf[s] <= self.common_idf for s in stems):
                continue     # a word the review never uses, or one it uses everywhere ("resistance"): no topic
            out.append(word)
        return out

    # -- reading a turn in context ------------------------------------------------------------------------------
    def read(self, reading: Reading, topic: Topic | None) -> Turn:
        """The turn as the tool reads it.

        - No topic yet, or a question about the article itself: the question alone.
        - A new entity and nothing else asked ("and for DRUG?"): the entity swapped, the measures kept.
        - A new entity with a word pointing back ("which genes does GENE turn on in this cascade?"): both.
        - Another new entity: a topic of its own, start fresh.
        - No entity of its own ("is it approved?", "how long did the responses last?"): the topic's entities
          inherited; when it asks nothing of its own or points at the last answer with "that", its measures and
          words too."""
        plain = Turn(reading.text, visible(reading), False)
        intent = reading.intent
        if topic is not None and topic.items:
            pick = _ORDINAL.search(reading.text)
            if pick:
                # "the second one?", "and the last?": that item of the list just given
                word = pick.group(1).lower()
                index = -1 if word == "last" else ORDINALS.index(word)
                if index < len(topic.items):
                    item = topic.items[index]
                    rest = " ".join(_ORDINAL.sub(" ", reading.text).split()).strip(" ?")
                    rest = "" if rest.lower() in ("and", "what about", "and what about", "how about") else rest
                    return Turn(f"{reading.text} {item}", f"{item}: {rest}" if rest else item, True)
            if _AMONG.search(reading.text):
                # "which of them is approved?": the same question over the items just listed
                rest = " ".join(_AMONG.sub(" ", reading.text).split()).strip(" ?")
                return Turn(reading.text, f"among {', '.join(topic.items)}: {rest}", True, topic.items)
        if topic is None or not (topic.entities or topic.words) or intent.about_article:
            return plain
        if intent.metadata and topic.section in PART_DESCRIPTORS:
            return plain     # from one part of the article to another ("and the conflicts of interest?")
        words = [w.lower() for w in self._words(reading.text)]
        anaphor = any(w in ANAPHORS for w in words)
        ellipsis = bool(_ELLIPSIS.match(reading.text))
        entities = self.specific_entities(reading)
        own = self.own_words(reading, unknown=True)
        asked = _typed_measures(reading.text)
        carried_measures = [LABELS[m] for m in sorted(topic.measures)]
        head = list(topic.entities) or list(topic.words)
        if entities:
            if intent.definition or set(entities) & set(topic.entities):
                return plain
            if not own and not asked and (ellipsis or _bare(words, reading)) and (topic.measures or topic.words):
                # "and for DRUG?": what was asked of the old entity, asked of the new one
                text = f"{reading.text} {' '.join(carried_measures)} {' '.join(topic.words)}".strip()
                focus = ", ".join(carried_measures) or " ".join(topic.words)
                return Turn(text, f"{', '.join(entities)}: {focus}", True)
            if anaphor and topic.entities:
                # "GENE ... in this cascade": the new entity within the topic just discussed
                text = f"{reading.text} {' '.join(topic.entities)}"
                shown = ", ".join(dict.fromkeys(asked + own)) or reading.text
                return Turn(text, f"{', '.join(entities + list(topic.entities))}: {shown}", True)
            return plain                                   # a topic of its own: start fresh
        known_own = self.own_words(reading)
        if len(own) > len(known_own) and not (anaphor or ellipsis):
            return plain           # it names what the review never uses ("the capital of France"): its own topic
        own = known_own
        extra = list(head)
        focus = asked + own
        # "in which trial?", "who found that?", "is that common?": nothing asked of its own, or a demonstrative
        # pointing at the last answer, so the earlier question's measures and words are what it asks about too
        if (not own and not asked) or self._points_at_statement(words):
            inherited = carried_measures + (list(topic.words) if topic.entities else [])
            extra += [w for w in inherited if w not in own]
            focus = (asked or carried_measures) + (own or _asked(words))
        text = f"{reading.text} {' '.join(extra)}"
        shown = ", ".join(dict.fromkeys(p for p in focus if p)) or reading.text
        return Turn(text, f"{', '.join(head)}: {shown}", True)

    def _points_at_statement(self, words: list[str]) -> bool:
        """A demonstrative standing for a statement ("who found that?", "is this common?"), not a determiner of a
        generic head ("that drug", which points at the entity only)."""
        for i, w in enumerate(words):
            if w in _DEMONSTRATIVES:
                after = words[i + 1] if i + 1 < len(words) else ""
                if not after or self.tokenizer.stem(after) not in self.generic:
                    return True
        return False

    def topic_of(self, reading: Reading, section: str | None, answer=None) -> Topic:
        """The topic a turn leaves for the next, read from the question as understood (carried words included).
        A question that names no specific entity leaves the one its answer names ("what did Smith et al. link to
        resistance?" -> the gene of the answer), so that "it" in the next turn is what the reader just read."""
        entities = tuple(self.specific_entities(reading))
        if not entities and answer is not None:
            entities = tuple(self.specific_entities(answer()))[:2]     # read only when needed: off the hot path
        words = tuple(dict.fromkeys(self.own_words(reading)))[:3]
        return Topic(entities, frozenset(reading.measures), words, section, (), reading.text)


def typed_words(text: str) -> list[str]:
    """The words, an English clitic cut off ("it's" -> "it", "drug's" -> "drug")."""
    return [re.sub(r"'(?:s|re|ve|ll|d|t)$", "", w, flags=re.I) for w in WORD_RE.findall(prepare(text))]


def points_back(text: str) -> bool:
    """The question's subject is what an earlier turn named: a personal pronoun ("is it approved?", "their side
    effects?"), or a demonstrative before a generic head or closing the question ("this drug", "is it like that?").
    Any English question; a library keeps such a follow-up in the review of the turn before."""
    words = [w.lower() for w in typed_words(text)]
    for i, word in enumerate(words):
        if word in PRONOUNS:
            return True
        if word in _DEMONSTRATIVES and (i + 1 == len(words) or words[i + 1] in GENERIC_HEADS):
            return True
    return False


def _measure_words(text: str) -> set[str]:
    """The words of the measures a text names ("side effects", "PFS"): what is asked, never a topic."""
    folded = fold(text)
    return {w for m in MEASURES for match in m.pattern.finditer(folded) for w in match.group(0).split()}


def _typed_measures(text: str) -> list[str]:
    """The measures a text names, as typed ("side effects", "PFS"), in order."""
    folded = fold(text)
    found = sorted((match.start(), match.group(0)) for m in MEASURES if m.reported
                   for match in m.pattern.finditer(folded))
    return list(dict.fromkeys(phrase for _, phrase in found))


def _bare(words: list[str], reading: Reading) -> bool:
    """The question is its named entity and function words only ("DRUG?", "CODE-123 then?")."""
    named = {i for m in reading.mentions for i in range(m.first, m.last + 1)}
    return all(i in named or w in STOPWORDS or w in _QUESTION_WORDS for i, w in enumerate(words))


def _asked(words: list[str]) -> list[str]:
    """The wh-phrase of a bare follow-up ("which trial", "who"), to show what it asks."""
    out = [w for w in words if w not in STOPWORDS and w not in ANAPHORS and w not in ("and", "also", "about")]
    return [" ".join(out)] if out else []


def visible(reading: Reading) -> str:
    """The question with the tool's readings made visible: misspellings in the review's spelling, a name the
    review does not use (a brand name, a lay alias) followed by the one it does ("BRAND (INN name)"). The question
    itself when neither."""
    text = reading.text
    reader = reading.reader
    if reader is None:
        return text
    spans: list[tuple[int, int, str]] = []
    matches = list(WORD_RE.finditer(prepare(text)))
    for m in reading.mentions:
        if m.last >= len(matches):
            continue
        typed = text[matches[m.first].start():matches[m.last].end()]
        if all(s in reader.body_vocabulary for s in reading.stems_as_read(typed)):
            continue                         # the review's own name (as typed, or misspelt: its repair shows)
        facts = reader.names.named_facts((m.entity,), TOPIC_KINDS)
        facts.sort(key=lambda f: TOPIC_KINDS.index(f.kind))
        if facts and fold(facts[0].entity) != fold(typed):
            spans.append((matches[m.last].end(), matches[m.last].end(), f" ({facts[0].entity})"))
    named = {i for m in reading.mentions for i in range(m.first, m.last + 1)}
    repaired = {typed for typed, _ in reading.repairs}
    for i, match in enumerate(matches):
        word = match.group(0)
        if word.lower() not in repaired or (i in named and all(
                s in reader.body_vocabulary for s in reader.tokenizer.tokens(word))):
            continue
        fixed = reader.speller.correct(word.lower())
        if fixed and fixed != word.lower():
            spans.append((match.start(), match.end(), fixed))
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


class Conversation:
    """A conversation with one engine: each question is read in the topic of the turns before it."""

    def __init__(self, engine):
        self.engine = engine
        self.topic: Topic | None = None

    def ask(self, question: str, k: int = 5):
        answer = self.engine.ask(question, k=k, context=self.topic)
        self.topic = answer.topic
        return answer

    def check(self, claim: str):
        return self.engine.check(claim)

    def new(self) -> None:
        """Start a new topic: the next question stands alone."""
        self.topic = None
