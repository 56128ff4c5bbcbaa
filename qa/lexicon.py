"""Word lists for reading claims and questions: direction/frequency/quality cues, negations, light verbs, general
English synonyms (documented as general: none names this review's entities)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

UP = """increase increases increased increasing enhance enhances enhanced enhancing enhancement promote promotes
promoted promoting upregulate upregulates upregulated upregulating upregulation up-regulate up-regulates
up-regulated up-regulation elevate elevates elevated elevation activate activates activated activating activation
induce induces induced inducing induction stimulate stimulates stimulated stimulation raise raises raised augment
augments augmented accelerate accelerates accelerated facilitate facilitates facilitated improve improves improved
improvement prolong prolongs prolonged boost boosts boosted strengthen strengthens strengthened overexpress
overexpresses overexpressed overexpression over-expression over-expressed high higher long longer greater gain
gains restore restores restored restoring heighten heightens
heightened amplify amplifies amplified intensify intensifies intensified stabilise stabilises stabilised stabilising
stabilize stabilizes stabilized stabilizing stabilisation stabilization rise rises rose risen rising""".split()
DOWN = """decrease decreases decreased decreasing reduce reduces reduced reducing reduction inhibit inhibits inhibited
inhibiting inhibition suppress suppresses suppressed suppressing suppression downregulate downregulates
downregulated downregulating downregulation down-regulate down-regulates down-regulated down-regulation lower
lowers lowered lowering low limit limits limited limiting block blocks blocked blocking blockade attenuate
attenuates attenuated attenuating diminish diminishes diminished prevent prevents prevented preventing prevention
impair impairs impaired loss lose loses lost deficiency deficient knockdown knock-down silencing silence silenced
silences repress represses repressed repression reverse reverses reversed reversing reversal overcome overcomes
overcoming overcame abolish abolishes abolished abrogate abrogates abrogated short shorter shorten shortens
shortened weaken weakens weakened decline declines declined deplete depletes depleted depletion delay delays
delayed slow slows slowed hinder hinders hindered curb curbs curbed dampen dampens dampened halt halts halted
stop stops stopped shield shields shielded protect protects protected cut cuts lessen lessens lessened degrade
degrades degraded degrading degradation halve halves halved halving drop drops dropped dropping restrain restrains
restrained restraining restrict restricts restricted restricting""".split()
FREQ_UP = """frequently often commonly usually mostly typically frequent common generally widely always invariably
consistently regularly""".split()
FREQ_DOWN = "rarely seldom infrequently uncommonly rare uncommon occasionally hardly scarcely".split()
# How large an effect is said to be ("significantly improve" against "a marginal benefit").
STRONG = "significantly significant substantially substantial markedly marked greatly dramatically considerably".split()
WEAK = "marginal marginally slightly slight modestly modest minimal negligible".split()
# How much of a thing ("a complete response" against "a partial response", "full dose" against "half dose").
WHOLE = "complete completely full fully total totally entire entirely".split()
PART = "partial partially incomplete incompletely half".split()
# Whether one thing needs another ("in a manner dependent on X" against "independently of X"), in any prose.
DEPENDENT = "dependent dependently depend depends depended depending reliant relies rely relied requires require required requiring contingent".split()
INDEPENDENT = "independent independently regardless irrespective".split()
# How cells answer a drug ("resensitises the cells to X" against "made the cells more resistant to X"), as
# adjectives and verbs; the noun "resistance" names the subject of most oncology texts and is no cue, and an
# adjective before its noun ("resistant cells", "drug sensitivity") describes, it does not predicate.
SENSITIVE = """sensitive sensitise sensitises sensitised sensitize sensitizes sensitized resensitize resensitizes
resensitized resensitise resensitises resensitised resensitization resensitisation""".split()
RESISTANT = "resistant refractory insensitive desensitize desensitizes desensitized desensitise desensitised".split()
GOOD = "good better best favorable favourable beneficial".split()
POSITIVE = "positive positively".split()
NEGATIVE = "negative negatively inverse inversely".split()
BAD = "poor poorer worse worst bad unfavorable unfavourable detrimental".split()
# Cues that modify an entity ("low miR-567", "loss of ARID1A"): the plain entity in the review reads as the opposite.
NOMINAL = """loss deficiency knockdown knock-down silencing overexpression over-expression downregulation
down-regulation upregulation up-regulation reduction inhibition suppression activation depletion blockade
elevation degradation stabilisation stabilization""".split()
COMPARATIVES = "longer shorter higher lower greater better worse poorer smaller larger fewer".split()
MODIFIERS = """low high loss deficiency deficient overexpression over-expression downregulation down-regulation
upregulation up-regulation knockdown knock-down silencing reduction inhibition suppression activation elevated
elevation depletion blockade""".split()
# Saying two things are alike, or that one beats the other (besides the comparatives above), in any prose.
EQUALITY = {"comparable", "similar", "similarly", "same", "equivalent", "equal", "identical", "indistinguishable"}
SUPERIORITY = {"superior", "inferior", "outperformed", "outperforms", "exceeded", "exceeds", "surpassed"}
NEGATIONS = {"not", "no", "never", "cannot", "can't", "cant", "won't", "don't", "doesn't", "didn't", "isn't",
             "aren't", "wasn't", "weren't", "hasn't", "haven't", "hadn't", "couldn't", "wouldn't", "shouldn't",
             "without", "absence", "absent", "lack", "lacks", "lacked", "lacking", "neither", "nor", "none",
             "nothing", "unable", "fail", "fails", "failed", "devoid"}
NEGATIVE_PREFIXES = ("ir", "un", "in", "im", "il", "non", "dis")
# Framing: who says it and how ("X and colleagues reported", "the authors argue", "evidence suggests"); such words
# carry no content of their own, in any scientific text.
REPORTING = set("""show shows showed shown report reports reported find finds found observe observes observed
demonstrate demonstrates demonstrated reveal reveals revealed suggest suggests suggested indicate indicates
indicated note notes noted study studies argue argues argued say says said state states stated claim claims
claimed propose proposes proposed conclude concludes concluded conclusion conclusions summary summarise summarises
summarize summarizes describe describes described explain explains explained mention mentions mentioned point
points pointed write writes wrote authors author colleagues coworkers co-workers researchers investigators team
group evidence data according per review article paper""".split())
LIGHT = REPORTING | set("""achieve achieves achieved produce produces produced reach reaches reached have has had
yield yields yielded result results resulted occur occurs occurred see seen exhibit exhibits exhibited display
displays displayed record recorded experience experienced attain attained give gives gave given lead leads led
associate associated trial make makes made account accounts accounted constitute constitutes represent represents
comprise comprises take takes took taken taking connection connections connected regard regarding respect
relevant relevance""".split())       # (and the words that only relate: "in connection with", "with regard to")
# Asymmetric relations besides the magnitude cues (which count as "up"/"down"): what one side does to the other,
# or an order between them; the two sides cannot be exchanged. One line a relation, its forms (irregular ones too).
RELATIONS = [
    "overtake overtakes overtook overtaken overtaking",
    "exceed exceeds exceeded exceeding surpass surpasses surpassed outperform outperforms outperformed",
    "precede precedes preceded preceding",
    "phosphorylate phosphorylates phosphorylated phosphorylating",
    "degrade degrades degraded degrading",
    "cleave cleaves cleaved cleaving",
    "target targets targeted targeting",
    "recruit recruits recruited recruiting",
    "encode encodes encoded encoding",
    "replace replaces replaced replacing",
    "drive drives drove driven driving",
    "mediate mediates mediated mediating",
    "regulate regulates regulated regulating",
    "trigger triggers triggered triggering",
    "confer confers conferred conferring",
]
BE = {"be", "is", "are", "was", "were", "been", "being"}
COUNT_WORDS = {"single": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "dual": 2, "both": 2}
HEAD_NOUNS = {"gene", "genes", "protein", "proteins", "expression", "level", "levels", "mrna", "activity"}
OBJECT_MARKERS = {"with", "after", "than", "to", "of", "by", "and", "or", "versus", "vs", "including", "include",
                  "includes", "plus", "from", "for", "as", "on", "against", "like", "such", "the", "a", "an",
                  "between", "via"}
QUALIFIER_WORDS = {"about", "approximately", "approx", "roughly", "around", "somewhere", "between", "nearly", "almost", "some", "less",
                   "fewer", "lower", "more", "greater", "higher", "over", "under", "below", "above", "least", "most",
                   "excess", "exceeding", "up", "than", "at", "in", "of", "close", "to"}
# Plain-English words that say the same thing (matched through one canonical stem).
SYNONYMS = [
    "now current currently present presently today nowadays",
    "new newer novel emerging recent",
    "potent powerful strong",
    "drug drugs medication medications medicine medicines agent agents",
    "cause causes caused causing induce induces induced",
    "patients individuals persons people subjects participants",
    "effective efficacy efficacious effectiveness",
    "biomarker biomarkers marker markers indicator indicators predictor predictors",
    "kill kills killing eliminate eliminates",
    "bind binds binding attach attaches attached connect connects",
    "main major principal chief",
    "tolerable tolerated well-tolerated",
    "survival survive",
    "approve approved approval",
    "conclude concludes concluded conclusion conclusions",
    "clear clarified elucidated understood established settled resolved",
    "use application usage",
    "already yet",
    "prognosis prognoses prognostic outcome outcomes",
    "therapy therapies therapeutic",
    "single one",
    "all everyone every each",
    "combine combines combined combination pair pairs pairing paired together",
    "bind binds binding bound grab grabs grabbed attach attaches interaction interactions interact interacts",
    "move moves moved transport transported translocate translocates translocated",
    "frequent frequently common commonly",
    "administer administered given give",
    "lack lacks lacking devoid missing absent",
    "keep keeps kept retain retains retained maintain maintains",
    "irreplaceable indispensable essential",
    "worldwide world global globally",
    "located sits sit lies lie situated positioned",
    "write writes wrote written writing draft drafts drafted drafting",
    "stop stops stopped stopping discontinue discontinues discontinued discontinuing cease ceases ceased",
    "halve halves halved halving",
    "analyse analyses analysed analysing analyze analyzes analyzed analyzing analysis",
    "conceive conceives conceived conceiving conceptualise conceptualised conceptualize conceptualized",
    "design designs designed designing plan plans planned planning",
]


@dataclass
class LexiconStems:
    """The word lists above as stems of one tokenizer."""
    cues: dict[str, tuple[str, int]]     # stem -> (dimension, +1/-1)
    modifiers: set[str]
    light: set[str]
    reporting: set[str]
    canon: dict[str, str]                # stem -> canonical stem of its synonym set
    nominal: set[str]                    # lowercased words, hyphens removed (not stems)
    comparatives: set[str]
    relations: dict[str, str]            # stem -> first form of its RELATIONS line


def lexicon_stems(st: Callable[[str], str]) -> LexiconStems:
    """Stem the word lists with the tokenizer's stemmer st."""
    def stems(words):
        return {st(w.replace("-", "")) for w in words}
    cues: dict[str, tuple[str, int]] = {}
    for dim, pos, neg in (("magnitude", UP, DOWN), ("frequency", FREQ_UP, FREQ_DOWN),
                          ("quality", GOOD, BAD), ("sign", POSITIVE, NEGATIVE), ("strength", STRONG, WEAK), ("extent", WHOLE, PART),
                          ("dependence", DEPENDENT, INDEPENDENT), ("response", SENSITIVE, RESISTANT)):
        for s in stems(pos):
            cues[s] = (dim, 1)
        for s in stems(neg):
            cues[s] = (dim, -1)
    canon: dict[str, str] = {}
    for line in SYNONYMS:
        group = [st(w.replace("-", "")) for w in line.split()]
        for g in group:
            canon.setdefault(g, group[0])
    relations = {st(w): line.split()[0] for line in RELATIONS for w in line.split()}
    return LexiconStems(cues, stems(MODIFIERS), {st(w) for w in LIGHT}, {st(w) for w in REPORTING}, canon,
                        {w.replace("-", "") for w in NOMINAL}, {st(w) for w in COMPARATIVES}, relations)


# Classes of cancer drugs, as pharmacology names them (general, not this review's): key -> pattern over folded text.
DRUG_CLASSES = {
    "tyrosine kinase inhibitor": re.compile(r"tyrosine kinase inhibitors?|\btkis?\b"),
    "monoclonal antibody": re.compile(r"monoclonal antibod(?:y|ies)|\bmabs?\b"),
    "antibody-drug conjugate": re.compile(r"antibody[- ]drug conjugates?|\badcs?\b"),
    "bispecific antibody": re.compile(r"bispecific antibod(?:y|ies)|\bbispecifics?\b"),
    "PI3K inhibitor": re.compile(r"pi3k(?:alpha|α)? inhibitors?"),
    # inhibitors named for their target (any oncology text): each a class of its own
    "mTOR inhibitor": re.compile(r"\bmtor inhibitors?"),
    "AKT inhibitor": re.compile(r"\bakt inhibitors?"),
    "CDK4/6 inhibitor": re.compile(r"\bcdk ?4/6 inhibitors?"),
    "MEK inhibitor": re.compile(r"\bmek inhibitors?"),
    "PARP inhibitor": re.compile(r"\bparp inhibitors?"),
    "HSP90 inhibitor": re.compile(r"\bhsp90 inhibitors?"),
    "SRC inhibitor": re.compile(r"\bsrc inhibitors?"),
    "chemotherapy": re.compile(r"\bchemotherap(?:y|ies|eutic)"),     # the general class of cytotoxic drugs
}


# Every word of the tables above: ordinary English, spelt right, so never "corrected" into a word of the review
# ("protects" is not a misspelt "projects").
KNOWN_ENGLISH = frozenset(
    w.lower() for group in (UP, DOWN, FREQ_UP, FREQ_DOWN, STRONG, WEAK, WHOLE, PART, DEPENDENT, INDEPENDENT, SENSITIVE,
                            RESISTANT, GOOD, BAD, POSITIVE, NEGATIVE, NOMINAL, COMPARATIVES, MODIFIERS, EQUALITY,
                            SUPERIORITY, NEGATIONS, REPORTING, LIGHT, BE, QUALIFIER_WORDS, OBJECT_MARKERS, HEAD_NOUNS)
    for w in group) | frozenset(w for line in SYNONYMS + RELATIONS for w in line.split())
# the properties a comparison may ask of each entity, by the words readers use: a fact's field -> words (general)
PROPERTY_WORDS = {"target": ("bind", "binds", "target", "targets", "epitope", "epitopes"),
                  "pathway": ("pathway", "pathways", "signaling", "signalling", "mechanism"),
                  "resistance": ("resistance type", "type of resistance", "primary", "secondary"),
                  "correlation": ("correlation", "correlate", "positive", "negative"),
                  "class": ("class", "kind of drug", "type of drug"),
                  "stage": ("stage", "approved", "approval", "phase", "development", "developed"),
                  "role": ("role", "function", "do")}

# Other words readers use for the values of closed-vocabulary fields (general clinical English): resistance
# present from the start or acquired under treatment, a correlation that runs the other way.
VALUE_SYNONYMS = {"primary": ("de novo", "innate", "intrinsic", "inherent", "upfront"),
                  "secondary": ("acquired", "adaptive", "emerging under treatment"),
                  "negative": ("inverse", "inversely"),
                  "positive": ("direct", "directly")}
