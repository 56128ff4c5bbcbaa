"""Parser tests on the real review: sections, metadata, Table 1, references, re-joined text, nothing lost."""
from __future__ import annotations

import re

import pytest

from qa.parse import ParseError, citations_in, parse_review
from qa.text import clean_markup, fold, sentences

NUMBERED = ["1", "2", "2.1", "2.2", "2.3", "2.4", "3", "3.1", "3.1.1", "3.1.2", "3.1.3", "3.1.4", "3.1.5",
            "3.2", "3.3", "3.4", "4", "4.1", "4.2", "4.3", "5"]


def test_numbered_sections_in_order_with_titles(document):
    numbered = [s.id for s in document.sections if s.number]
    assert numbered == NUMBERED
    titles = {s.id: s.title for s in document.sections}
    assert titles["3.1.3"] == "The NF-κB pathway"
    assert titles["3.1.4"] == "The Hippo-yap pathway"
    assert titles["2.1"] == "ERBB2 mutations and nuclear localization are associated with trastuzumab resistance"
    assert titles["4.2"] == "Antibody-drug conjugates"


def test_heading_level_errors_are_repaired(document):
    # The file prints "### 3.1.4" after "#### 3.1.3" and "## 3.2" under 3: numbers, not hashes, decide.
    parents = {s.id: s.parent for s in document.sections}
    assert parents["3.1.4"] == "3.1" and parents["3.1.5"] == "3.1"
    assert parents["3.2"] == "3" and parents["3.1.3"] == "3.1"
    assert document.section("3.1.4").path == ("3 Biomarkers for predicting trastuzumab resistance",
                                              "3.1 Bypass activation", "3.1.4 The Hippo-yap pathway")


def test_unnumbered_parts_present(document):
    ids = {s.id for s in document.sections}
    for slug in ["abstract", "keywords", "author-contributions", "funding", "conflict-of-interest",
                 "publishers-note", "references", "edited-by", "reviewed-by", "correspondence", "citation",
                 "copyright", "table-1", "dates"]:
        assert slug in ids, slug


def test_metadata(document):
    m = document.metadata
    assert m.title.startswith("Trastuzumab resistance in HER2-positive breast cancer")
    assert [a.name for a in m.authors][:2] == ["Zhen-hao Wang", "Zhuo-qun Zheng"]
    assert len(m.authors) == 8
    assert [a.name for a in m.authors if a.corresponding] == ["Wei-quan Liang", "Xiao-feng Lu"]
    assert m.affiliations[2][0] == 3 and "Guangdong Provincial Key Laboratory" in m.affiliations[2][1]
    assert m.editor[0].startswith("Gary M. Tse")
    assert [r.split(" (")[0] for r in m.reviewers] == ["Chunyan Peng", "Yong-Qu Zhang"]
    assert ("Xiao-feng Lu", "lxfsumc1@126.com") in m.correspondence
    assert (m.received, m.accepted, m.published) == ("29 July 2022", "12 September 2022", "06 October 2022")
    assert m.journal == "Frontiers in Oncology" and m.specialty == "Breast Cancer"
    assert m.doi == "10.3389/fonc.2022.1006429"
    assert m.licence == "CC BY 4.0"
    assert m.keywords == ("breast cancer", "HER2-positive", "trastuzumab", "resistance", "mechanism",
                          "biomarker", "targeting agent")


def test_page_break_paragraphs_rejoined(document):
    intro = document.passages_of("1")
    assert len(intro) == 1
    assert "at first react to trastuzumab or trastuzumab conjugate regimens" in intro[0].text
    cdk12 = document.passages_of("3.1.1")[0].text
    assert "CTD is up-regulated by transcription of WNT ligands" in cdk12
    pkc = document.passages_of("3.1.5")[1].text
    assert "On the one hand, this shows that PKCα protein levels" in pkc
    assert "in a phase II study conducted" in document.passages_of("4.1")[0].text


def test_funding_paragraph_put_back_together(document):
    funding = document.passages_of("funding")
    assert len(funding) == 1
    assert "(210715106900933); Guangdong Provincial Key Laboratory for Breast Cancer Diagnosis and " \
           "Treatment (2017B030314116)." in funding[0].text


def test_no_latex_or_markdown_left(document):
    for p in document.passages:
        assert "$" not in p.text and "\\" not in p.text, p.id
        assert "<sup>" not in p.text and "*" not in p.text, p.id
        assert "  " not in p.text, p.id
    text = " ".join(p.text for p in document.passages)
    for cleaned in ["NF-κB", "TNFα", "p = 0.002", "WNT/β-catenin", "(α-SMA)", "TGFβ1", "HIF-1α, VEGF",
                    "Protein kinase C-α (PKCα)"]:
        assert cleaned in text, cleaned


def test_table_1_cell_by_cell(document):
    t = document.table
    assert t.caption == "Emerging biomarkers for predicting trastuzumab resistance through bypass pathway activation."
    assert t.header == ("Biomarkers", "Mechanism/signaling pathway", "Primary/secondary drug resistance",
                        "Correlation with drug resistance", "Author and reference")
    assert len(t.rows) == 10 and all(len(r) == 5 for r in t.rows)
    assert t.rows[0] == ("CDK12", "WNT/β-catenin/-TCF; IRS1/ErbB/PI3K/AKT", "Primary and Secondary", "Positive",
                         "Choi HJ (12)")
    assert t.rows[5] == ("ANKRD44", "TAK1/Akt/NF-κB", "Secondary", "Negative", "La Ferla M (17)")
    assert t.rows[9] == ("PKCα", "Jagged-1/Notch-1", "Primary", "Negative", "Pandya K (21)")
    assert [r[0] for r in t.rows] == ["CDK12", "Cullin7", "ARID1A", "STAT3", "NCAPG", "ANKRD44", "MUC4", "YAP1",
                                      "EPHA5", "PKCα"]
    section = document.section("table-1")
    assert section.related == ("3.1",)
    (passage,) = document.passages_of("table-1")
    assert passage.citations == tuple(range(12, 22))


def test_sixty_references_with_dois(document):
    refs = document.references
    assert [r.n for r in refs] == list(range(1, 61))
    assert refs[11].title == "CDK12 drives breast tumor initiation and trastuzumab resistance via WNT and " \
                             "IRS1-ErbB-PI3K signaling"
    assert refs[11].doi == "10.15252/embr.201948058" and refs[11].journal == "EMBO Rep" and refs[11].year == 2019
    assert refs[12].authors.startswith("Qiu N") and refs[13].authors.startswith("Berns K")
    assert refs[21].authors.startswith("Mitra D") and refs[22].authors.startswith("Castagnoli L")
    assert refs[56].doi is None and refs[56].journal == "Eur J Med Chem"
    assert refs[59].doi == "10.1038/35021093"
    assert sum(1 for r in refs if r.doi) == 57
    assert all(r.year and 1998 <= r.year <= 2022 for r in refs)


def test_in_text_citations(document):
    by_id = {p.id: p for p in document.passages}
    assert by_id["4.2/p2"].citations == (57,)
    assert by_id["2.4/p2"].citations == (34, 35, 36, 21, 37)
    assert by_id["3.4/p1"].citations == (46, 47)
    assert by_id["funding/p1"].citations == ()   # grant numbers are not citations
    assert citations_in("(n=5151) and (82102948) but (7, 8) and (55-57)", 60) == (7, 8, 55, 56, 57)


def test_parsing_is_deterministic(source_text):
    assert parse_review(source_text) == parse_review(source_text)


def _units(document):
    return [fold(p.text) for p in document.passages]


def test_no_sentence_is_lost(document, source_text):
    """Every sentence of the source lands in exactly one passage (or reference), after cleaning."""
    units = _units(document)
    meta = document.metadata
    meta_text = fold(" ".join([meta.title, *[a.name for a in meta.authors], *[t for _, t in meta.affiliations]]))
    titles = {fold(s.title) for s in document.sections}
    missing, duplicated = [], []
    for block in re.split(r"\n\s*\n", source_text):
        lines = [l.strip() for l in block.splitlines() if l.strip()]
        if not lines:
            continue
        if lines[0].startswith("#"):
            heading = fold(clean_markup(lines[0].lstrip("#").strip()))
            if re.sub(r"^[\d.]+\s+", "", heading) not in titles and heading not in titles \
                    and heading.upper() != heading and heading not in meta_text:
                missing.append(heading)
            continue
        if "<sup>" in block:
            text = clean_markup(re.sub(r"<sup>[^<]*</sup>", " ", " ".join(lines)))
            for piece in re.split(r",\s*|\s+and\s+", text):
                if piece.strip() and fold(piece.strip()) not in meta_text:
                    missing.append(piece)
            continue
        joined = re.sub(r"(?<=\w-) (?=\w)", "", " ".join(lines))   # "open-" + "access" as the parser joins
        for line in lines if lines[0].startswith(("-", "23.")) or "\t" in block else [joined]:
            line = re.sub(r"^(-\s+|\d+\.\s+)", "", line.strip())
            line = " | ".join(clean_markup(cell) for cell in line.split("\t"))
            for sentence in sentences(clean_markup(line)):
                s = fold(sentence).strip(" -")
                count = sum(1 for u in units if s in u)
                if count == 0:
                    missing.append(sentence)
                elif count > 1 and len(s.split()) >= 6:
                    duplicated.append(sentence)
    assert missing == []
    assert duplicated == []


def test_empty_text_is_a_parse_error():
    with pytest.raises(ParseError, match=r"line 1: the review text is empty"):
        parse_review("   \n\n")


def test_other_documents_parse_leniently():
    doc = parse_review("Some preamble.\n\n## 1 Intro\n\nText (1).\n\n## Methods\n\nWe did it.\n\n"
                       "## References\n\n1. Smith A. A paper. J Test (2020) 1:2.\n")
    assert [s.id for s in doc.sections] == ["front-matter", "1", "methods", "references"]
    assert doc.passages_of("1")[0].citations == (1,)
    assert doc.references[0].n == 1 and doc.references[0].year == 2020
