"""The scale benchmark's corpus: copies of the review's paragraphs, and with --new-words a vocabulary that grows
with the corpus (the figures in the README's scale section depend on which)."""
import random
import subprocess
import sys

from tests.bench.scale import ROOT, own_words

TEXT = "Trastuzumab resistance remains a major obstacle in the treatment of these cancers (12)."


def test_no_new_words_leaves_the_text_and_the_random_sequence_alone():
    rng = random.Random(3)
    assert own_words(TEXT, 0.0, rng, 1) == TEXT
    assert rng.random() == random.Random(3).random()


def test_new_words_are_the_documents_own_and_the_same_on_every_run():
    one = own_words(TEXT, 1.0, random.Random(3), 1)
    assert one == own_words(TEXT, 1.0, random.Random(3), 1)
    other = own_words(TEXT, 1.0, random.Random(3), 2)
    words, mine, theirs = TEXT.split(), one.split(), other.split()
    assert len(mine) == len(words) and mine != theirs
    # words of four letters or more get three letters more; short words, numbers and punctuation stay
    assert mine[0].startswith("Trastuzumab") and len(mine[0]) == len("Trastuzumab") + 3
    assert mine[3] == "a" and mine[-1] == "(12)." and mine[6] == "in"


def test_a_share_outside_zero_to_one_is_refused():
    proc = subprocess.run([sys.executable, "tests/bench/scale.py", "--new-words", "2", "--sizes", "10"],
                          cwd=str(ROOT), capture_output=True, text=True)
    assert proc.returncode == 2 and "--new-words: a share between 0 and 1, not 2.0" in proc.stderr
