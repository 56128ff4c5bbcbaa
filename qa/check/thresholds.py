"""Thresholds of the checker: how much of a claim a sentence or fact must cover, and what a name in scope counts."""

# Thresholds (IDF-weighted share of the claim's terms found in one sentence).
FOUND = 0.50          # below: the review does not speak to the claim (cross-validated: tests/bench/calibrate.py)
FACT_TOPIC = 0.45     # a fact without a matching metric must cover this much of the claim's context
NUMBER_CLASH = 0.60   # a number clash with a sentence (no curated fact) needs this much alignment (cross-validated)
SCOPE_CREDIT = 0.7    # an entity named in an earlier sentence of the same passage counts this much
LIGHT_WEIGHT = 0.25   # light verbs ("showed", "achieved") count this much
