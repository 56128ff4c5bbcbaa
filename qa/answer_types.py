"""What kind of thing a question asks for (a year, a duration, an amount, a count, a share, a drug, another name)
and whether a sentence or passage gives one: used to choose the answer sentence and to decide found / not found."""
from __future__ import annotations

import re

from .lazy_re import lazy_compile
from .lexicon import PROPERTY_WORDS
from .measures import measures_in
from .reading import Reading

_CITATION = lazy_compile(r"\(\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\)")
_NUMBER_WORDS = r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|hundred)"
_YEAR = lazy_compile(r"\b(19|20)\d\d\b")
_DURATION = lazy_compile(rf"(?:\d[\d.]*|\b{_NUMBER_WORDS}|\ban?)[- ]?(month|year|week|day)", re.I)  # "7.5 months"
_DIGIT = lazy_compile(r"(?<![A-Za-z])\d")
_HOW_MUCH = lazy_compile(r"\bhow much\b", re.I)
# an amount is a number with a unit, a currency or a scale ("2.5 mg/kg", "$2 million", "30%"); a bare number may
# be an identifier (a grant number, a trial code)
_AMOUNT = lazy_compile(r"[$€£¥]\s?\d|\d(?:[\d,.]*\d)?\s?(?:%|percent|mg|g\b|kg|ml|µg|mcg|nM|µM|mM|million|billion|"
                     r"thousand|dollars?|euros?|yuan|RMB|USD|units?|months?|years?|weeks?|days?|hours?|fold|times)",
                     re.I)
# "how many patients had ...": the counted noun, whose count the answer must give
_HOW_MANY = lazy_compile(r"\bhow many ((?:[\w-]+ ){0,3}?[\w-]+?)s?\b(?= (?:had|have|has|were|was|are|is|did|do|does|"
                       r"received|got|took|showed|in|with|of|on)\b|\s*\?|$)", re.I)


# "what percentage of ...", "how often ...", "how common is ...": a share, which the answer sentence states
_PROPORTION = lazy_compile(r"\bwhat (?:percent(?:age)?|proportion|fraction|share)\b|\bhow (?:often|common|frequent(?:ly)?|"
                         r"prevalent|rare)\b|\bin what (?:percent(?:age)?|proportion)\b", re.I)
_GIVES_SHARE = lazy_compile(r"\d\s?%|\bpercent|\b(?:half|third|quarter|majority|minority|most|rarely|rare)\b|"
                          r"\d+\s+(?:of|out of|in)\s+\d+|\bone in\b", re.I)
# "any drug against it?", "which inhibitor did they test?": a drug, which the answer sentence names (one the
# question does not name itself)
_AGENT = lazy_compile(r"\b(?:any|which|what)\s+(?:[\w-]+\s+)?(?:drugs?|agents?|inhibitors?|medicines?|medications?|"
                    r"compounds?|antibod(?:y|ies)|treatments?|therap(?:y|ies))\b(?!\s+(?:resistance|response|"
                    r"sensitivity|class|type|kind))", re.I)
# the kinds of drug a sentence may answer with instead of a name ("drugs targeting X and immunoconjugates")
_DRUG_CLASS = lazy_compile(r"\b(?:inhibitors?|antibod(?:y|ies)|(?:immuno)?conjugates?|blockers?|vaccines?|TKIs?|ADCs?|"
                         r"drugs targeting)\b", re.I)
# "in which trial?", "what's the name of that trial?": a trial's name ("NAME trial", an NCT number)
_TRIAL = lazy_compile(r"\b(?:which|what) (?:clinical |phase \w+ )?(?:trial|study)\b(?! (?:arms?|cohorts?|designs?|"
                    r"populations?|groups?|results?|patients?|endpoints?))|\bname of (?:the|that|this) "
                    r"(?:[\w-]+ ){0,3}(?:trial|study)\b|\btrial'?s name\b", re.I)
# "what trial phase was each in?", "which study design?": a trial word that modifies a property or a measure asks
# for that property, not for a trial's name (the property and measure vocabularies, not a list of their own)
_NEXT_WORD = lazy_compile(r"\s+([\w-]+)")
_PROPERTY_WORD = lazy_compile(r"^(?:" + "|".join(re.escape(w) for ws in PROPERTY_WORDS.values() for w in ws
                                                 if " " not in w and w != "do") + r")(?:s|es|d|ed)?\b", re.I)


def _asks_for_trial(text: str) -> bool:
    """The question asks which trial (a trial's name), not a property of one."""
    match = _TRIAL.search(text)
    if match is None:
        return False
    after = _NEXT_WORD.match(text, match.end())        # the word after "trial" / "study"
    return after is None or not (_PROPERTY_WORD.match(after.group(1)) or measures_in(after.group(1)))


_NAMES_TRIAL = lazy_compile(r"\bNCT\d{6,}|\b[A-Z][\w-]*[A-Z0-9][\w-]*\s+(?:trials?|study)\b")
_AGAINST = lazy_compile(r"([\w-]+)\s+(?:inhibitors?|blockers?|antibod(?:y|ies)|drugs?)\b", re.I)
# "what is its brand name?", "what else is it called?": another name of the thing asked about
_OTHER_NAME = lazy_compile(r"\b(?:brand|trade|generic|code|other|proprietary)\s+names?\b|\balso (?:called|known)|"
                         r"\bwhat (?:else )?is it called\b|\bsold as\b|\bmarketed as\b", re.I)


def _typed(reading: Reading) -> Reading:
    """The question as the user typed it: a conversation's carried words name the topic, they ask nothing."""
    return reading.context if isinstance(reading.context, Reading) else reading


def expects(reading: Reading) -> bool:
    """The question asks for a year, a duration, an amount, a count, a share, a drug or another name."""
    intent = reading.intent
    text = _typed(reading).text
    return bool(intent.year or intent.duration or intent.count or _HOW_MUCH.search(text) or _PROPORTION.search(text)
                or _AGENT.search(text) or _OTHER_NAME.search(text) or _asks_for_trial(text))


def _singular(word: str) -> str:
    word = word.casefold()
    return word[:-3] + "y" if word.endswith("ies") else word[:-1] if word.endswith("s") else word


def asked_kind(reading: Reading) -> str:
    """What the question asks for, as a near miss says the review lacks it ("give no year", "name no drug")."""
    intent, text = reading.intent, _typed(reading).text
    kinds = ((intent.year, "give no year"), (intent.duration, "give no duration"),
             (bool(_PROPORTION.search(text)), "give no share or percentage"),
             (bool(_AGENT.search(text)), "name no drug"), (bool(_OTHER_NAME.search(text)), "give no other name"),
             (bool(_asks_for_trial(text)), "name no trial"),
             (bool(_counted(reading)) or intent.count, "give no count"),
             (bool(_HOW_MUCH.search(text)), "give no amount"))
    return next((label for asked, label in kinds if asked), "give no figure")


def _names_agent(reading: Reading, sentence: str) -> bool:
    """The sentence names a drug the question does not: one the registry holds as an agent, or a word shaped like
    a drug's name (WHO INN stems)."""
    from .measures import DRUG_LIKE
    reader = reading.reader
    if reader is None:
        return True
    asked = {m.entity for m in _typed(reading).mentions} | reader.subject
    named = {m.entity for m in reader.names.mentions_of(sentence)} - asked
    typed = {w.casefold() for w in re.findall(r"[\w-]+", _typed(reading).text)} | reader.subject_words
    if reader.names.named_facts(named, ("agent",)):
        return True
    # a kind of drug answers, except when the question asks for one against a thing it names ("which GENE
    # inhibitor?" is not answered by "GENE inhibitors were studied"): then a drug must be named
    named_words = {w for m in _typed(reading).mentions for w in re.findall(r"[\w-]+", m.name.casefold())}
    against_named = any(m.group(1).casefold() in named_words for m in _AGAINST.finditer(_typed(reading).text))
    if not against_named and _DRUG_CLASS.search(sentence):
        return True
    return any(DRUG_LIKE.search(w.casefold()) and w.casefold() not in typed
               for w in re.findall(r"[A-Za-z][\w-]+", sentence))


def _names_other(reading: Reading, sentence: str) -> bool:
    """The sentence gives another name of a thing the question names."""
    registry = reading.reader.names if reading.reader is not None else None
    if registry is None:
        return True
    typed = {m.entity: m.name for m in reading.mentions}
    return any(m.entity in typed and m.name.casefold() != typed[m.entity].casefold()
               for m in registry.mentions_of(sentence))


def _counted(reading: Reading) -> str | None:
    many = _HOW_MANY.search(reading.text)
    if not many:
        return None
    noun = many.group(1).split()[-1].lower()
    return noun[:-1] if noun.endswith("ie") else noun[: max(4, len(noun) - 2)]


def _gives_count(stem: str, text: str) -> bool:
    """A count of the thing ("184 patients", "N = 32")."""
    return bool(re.search(rf"\b{_NUMBER_WORDS}\s+(?:[\w-]+\s+){{0,3}}{re.escape(stem)}|\b[nN]\s?=\s?\d", text, re.I))



def sentence_fits(reading: Reading, sentence: str) -> bool:
    """The sentence alone gives the kind of thing asked (every kind the question asks for)."""
    return answer_fits(reading, sentence, sentence)


def answer_fits(reading: Reading, sentence: str, passage: str) -> bool:
    """The answer gives the kind of thing asked: a year, a duration or an amount in the answer sentence; a count
    in its passage (a trial's size is often stated a sentence before its results)."""
    said = _CITATION.sub("", sentence)
    body = _CITATION.sub("", passage)
    intent = reading.intent
    if intent.year and not _YEAR.search(said):
        return False
    if intent.duration and not _DURATION.search(said):
        return False
    if intent.count and not _DIGIT.search(body):
        return False
    if _HOW_MUCH.search(reading.text) and not _AMOUNT.search(said):
        return False
    typed = _typed(reading).text
    if intent.bibliographic:       # "which cited paper uses the brand name ...": it asks for a work
        typed = ""
    if _PROPORTION.search(typed) and not _GIVES_SHARE.search(said):
        return False
    if _AGENT.search(typed) and not _names_agent(reading, said):
        return False
    if _OTHER_NAME.search(typed) and not _names_other(reading, said):
        return False
    if _asks_for_trial(typed) and not _NAMES_TRIAL.search(said):
        return False
    stem = _counted(reading)
    return not (stem and not _gives_count(stem, body))
