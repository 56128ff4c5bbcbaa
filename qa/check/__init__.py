"""Claim verification: align a claim with the review's sentences and facts, then compare numbers, polarity and wording.

How a claim is judged (each step says why in its reason):

1. Names the review never mentions (a drug, a trial, a gene; a name found only in the reference list counts as
   not mentioned) -> not_found.
2. Claims about the article itself (editor, reviewers, corresponding authors, dates) -> its front matter decides.
3. "X is another name for Y" -> the glossary decides (same entry or not).
4. Table 1 polarity (positive/negative correlation, primary/secondary resistance) -> the biomarker facts decide.
5. Numbers with a unit (%, months, p, counts, exon, phase, dates) -> the curated outcome/statistic facts of the
   entity and metric the claim is about, else an aligned sentence that keeps the same entity in scope. A number
   the review gives only for another entity or metric never contradicts: that is not_found, and the reason says
   whose number it is.
6. Everything else -> the best aligned sentence (IDF-weighted share of the claim's terms it holds, aware of the
   glossary, a few plain-English synonyms and the entity a passage is about); below FOUND -> not_found. Then
   clashes over that sentence: another identifier of the same shape (FGFR1/FGFR2, miR-155/miR-21), direction,
   frequency and quality words bound to the same object (increase/inhibit, rarely/frequently, good/poor),
   negation (cannot, absence of, irreplaceable), a comparison made the other way round, "only A" against
   "A and B", superlatives naming another subject, counts in words ("a single" against "two").
7. A claimed direction, frequency or quality ("X upregulates Y") that the best sentence does not state of the same
   thing is judged by the next aligned sentence that does; without one, not_found (names alone support nothing).
   A figure said as a difference ("longer by 1.3 months") must be the gap of two figures of one sentence.

A text of several sentences is checked sentence by sentence, and a claim of two clauses that no one sentence
states, clause by clause. Nothing here raises on odd input, and nothing
depends on hash order: the same claim gets the same verdict and reason.

Modules: pipeline (check_claim, the steps in order), knowledge (what is known of the review, once per engine),
reading/words/tokens (text into words), names (the glossary's names), quantities and fact_figures (numbers),
claim (a claim's units and how a sentence covers them), verdict (reasons and evidence), lexicon and thresholds,
rules/ (one module per step).
"""
from .claim import Claim, Unit, analyse
from .knowledge import Knowledge, Sentence, knowledge
from .pipeline import MAX_PARTS, check_claim
from ..quantities import Quantity, agree, quantities
from .thresholds import FACT_TOPIC, FOUND, LIGHT_WEIGHT, NUMBER_CLASH, SCOPE_CREDIT
from .words import Word

__all__ = ["check_claim", "knowledge", "Knowledge", "Sentence", "Claim", "Unit", "analyse", "Word",
           "Quantity", "quantities", "agree", "MAX_PARTS", "FOUND", "FACT_TOPIC", "NUMBER_CLASH", "SCOPE_CREDIT",
           "LIGHT_WEIGHT"]
