"""Normalisation and tokens: one pipeline for passages and questions."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from qa.text import Tokenizer, clean_markup, fold, sentences, surface_tokens


def test_latex_and_markdown_cleaned():
    assert clean_markup("The NF- $\\kappa$ B pathway") == "The NF-κB pathway"
    assert clean_markup("TNF $\\alpha$  (tumor necrosis factor- $\\alpha$ )") == "TNFα (tumor necrosis factor-α)"
    assert clean_markup("short DFS ( $p = 0.002$ ) and") == "short DFS (p = 0.002) and"
    assert clean_markup("WNT/ $\\beta$ -catenin/TCF") == "WNT/β-catenin/TCF"
    assert clean_markup("*ERBB2* mutations, Mitra *et al.* observed") == "ERBB2 mutations, Mitra et al. observed"
    assert clean_markup("Liang<sup>1,3\\*</sup>") == "Liang1,3"


def test_compounds_indexed_joined_and_split():
    t = Tokenizer()
    assert set(t.tokens("p95-HER2")) >= {"p95her2", "p95", "her2"}
    assert "p95her2" in t.tokens("p95HER2")
    assert set(t.tokens("PI3K/AKT/mTOR")) >= {"pi3k", "akt", "mtor"}
    assert t.tokens("NF-κB") == t.tokens("NF-kappaB")[:1] + t.tokens("NF-κB")[1:]
    assert "pkcalpha" in t.tokens("PKCα") and "pkcalpha" in t.tokens("PKC-alpha")


def test_same_pipeline_for_query_and_text():
    t = Tokenizer()
    assert t.tokens("HER2-positive tumours") == t.tokens("HER2-positive tumors")
    assert t.tokens("miRNA-221") == t.tokens("miR-221")
    assert t.tokens("CSCs") == t.tokens("CSC")
    assert t.tokens("19.0%") == ["19"]


def test_greek_and_dash_folding():
    assert fold("NF–κB") == fold("nf-kappab")
    assert fold("15–20%") == "15-20%"


def test_sentences_respect_et_al():
    parts = sentences("Vathiotis et al. Analyzed the expression. An association was found (p = 0.002).")
    assert parts == ["Vathiotis et al. Analyzed the expression.", "An association was found (p = 0.002)."]


def test_surface_tokens_drop_contractions():
    assert surface_tokens("What's the paper called?") == ["what", "the", "paper", "called"]


def test_plain_word_fast_path_equals_the_full_pipeline(document):
    """Plain ASCII words skip normalisation; their tokens must be exactly what the full pipeline gives."""
    import re
    from qa.text import STOPWORDS
    tokenizer = Tokenizer()
    words = set(re.findall(r"[A-Za-z]+", " ".join(p.text for p in document.passages)))
    for word in sorted(words) + ["CSCs", "pSRC", "HER", "Trastuzumab", "a", "The of"]:
        slow = [tokenizer.stem(w) for w in surface_tokens(word)
                if w not in STOPWORDS and (len(w) > 1 or w.isdigit())]
        assert tokenizer.tokens(word) == slow, word


def test_sentence_split_shortcut_agrees_with_punkt():
    """Text with no full stop inside is one sentence per line; Punkt is only loaded when needed."""
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer
    from qa.text import ABBREVIATIONS
    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    punkt = PunktSentenceTokenizer(params)
    for text in ["SYD985 had a 33% objective response rate.", "p = 0.002 and e.g.x", "No stop at all",
                 "Two lines\nhere.", "Ends with a question?"]:
        expected = [s for line in text.split("\n") for s in punkt.tokenize(line) if s.strip()]
        assert sentences(text) == expected, text


def test_memoised_tokens_equal_the_full_pipeline(document, monkeypatch):
    """A Tokenizer remembers each word's stems: its tokens of every passage and sentence, asked cold and again
    warm, are exactly the pipeline's (surface tokens, stopwords dropped, stemmed), also once the memo has been
    cleared for size."""
    from qa import text
    from qa.text import STOPWORDS

    reference = Tokenizer()

    def pipeline(value):
        return [reference.stem(w) for w in surface_tokens(value) if w not in STOPWORDS and (len(w) > 1 or w.isdigit())]

    texts = [t for p in document.passages for t in (p.text, p.title, *sentences(p.text))]
    texts += ["CSCs and TKIs", "don't", "miR-21 and micro-RNA 21", "NF–κB", "No.2020LKSFG05C", "chr17q12", "a--b",
              "\ufb01ne caf\u00e9 \u00ad"]
    tokenizer = Tokenizer()
    for _ in range(2):
        assert [tokenizer.tokens(t) for t in texts] == [pipeline(t) for t in texts]
    monkeypatch.setattr(text, "WORD_MEMO", 50)
    small = Tokenizer()
    assert [small.tokens(t) for t in texts] == [pipeline(t) for t in texts]
    assert len(small._word_memo) <= 50


def plain_punkt():
    """sentences() as it would be with NLTK's Punkt as it comes (and the same shortcut for text with no full stop
    inside)."""
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer
    from qa.text import ABBREVIATIONS, _INNER_BOUNDARY
    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    punkt = PunktSentenceTokenizer(params)

    def split(text):
        if not _INNER_BOUNDARY.search(text.strip()):
            return [line.strip() for line in text.split("\n") if line.strip()]
        return [s.strip() for line in text.split("\n") if line.strip() for s in punkt.tokenize(line) if s.strip()]
    return split


def test_sentences_split_as_plain_punkt_does(document):
    """qa's Punkt remembers each word's type and tests and runs Punkt's patterns with the standard library's
    engine; its sentences are plain Punkt's."""
    punkt = plain_punkt()
    texts = [p.text for p in document.passages] + [
        "A. Smith et al. went. He said e.g. this.", "See Fig. 3. Then...  more. J. R. R. Tolkien. 3. Next",
        "Ends... Then x.", "In 2019. the rate was 3.5. It fell.", "(Sent1.) Sent2. \"Quoted.\" Next one.",
        "It rose\u2019. \u201cThen\u201d it fell!! Why? \u00abNo.\u00bb -- fine.", "a.\tB c . . . d.\u00a0E f"]
    for text in texts:
        assert sentences(text) == punkt(text), text


WORDS = ["al.", "e.g.", "Fig.", "Dr.", "No.", "J.", "3.", "2.5", "x", "The", "cells", "HER2", "vs.", "etc.", "(44).",
         "...", "--", "?", "!", ")", "\u2019", "\u201d", "\u00bb", ";", ":", ",", '"', "'", "[1]", "U.S.", "i.e.",
         "\u03b1.", "\u00e9t\u00e9.", "A", "b",
         # the decision's edges: a hyphenated abbreviation, numbers Punkt types as ordinals, runs of stops
         "x-al.", "-3.", ",5.", "1.2.", "##number##.", "..", "?!", "a.", "II.", "(J.", "\u00c9.", "q.v.", "Ab."]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from([" ", "  ", "", "\n", "\t", "\u00a0"])),
                max_size=30))
def test_sentences_split_as_plain_punkt_does_on_any_text(parts):
    text = "".join(w + gap for w, gap in parts)
    assert sentences(text) == PLAIN_PUNKT(text)


PLAIN_PUNKT = plain_punkt()


def test_a_lazy_pattern_compiles_on_first_use_and_matches_as_re_does():
    import re
    from qa.lazy_re import lazy_compile
    pattern = lazy_compile(r"\b(?P<n>\d+)\s?(mg|%)", re.I)
    assert pattern.pattern == r"\b(?P<n>\d+)\s?(mg|%)"        # its source, without compiling
    assert "compiled" not in vars(pattern)
    text = "doses of 20 MG and 33%"
    plain = re.compile(pattern.pattern, re.I)
    assert [m.group("n") for m in pattern.finditer(text)] == [m.group("n") for m in plain.finditer(text)] == ["20", "33"]
    assert "compiled" in vars(pattern)
    assert pattern.sub("X", text) == plain.sub("X", text) and pattern.groupindex == plain.groupindex
    assert pattern.search("no figure") is None


def test_the_engine_defers_its_question_patterns_until_a_question_needs_them():
    """A fresh process that only imports the engine compiles none of the gathering or quantity patterns."""
    import subprocess
    import sys
    code = ("import qa.gather, qa.quantities; from qa.lazy_re import LazyPattern; "
            "ps = [v for m in (qa.gather, qa.quantities) for v in vars(m).values() if isinstance(v, LazyPattern)]; "
            "print(len(ps), sum('compiled' in vars(p) for p in ps))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert int(out[0]) >= 20 and out[1] == "0"
