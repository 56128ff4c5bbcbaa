"""Conversations: a follow-up is read in the topic of earlier turns (inherit, swap the entity, start fresh), and
every answer says how the question was understood; the same in batch JSONL."""
from __future__ import annotations

import json

from conftest import run_qa
from qa.conversation import Conversation


def test_follow_up_inherits_the_drug(engine):
    talk = Conversation(engine)
    first = talk.ask("What response rate did epertinib achieve?")
    assert first.understood == "What response rate did epertinib achieve?" and "19.0%" in first.sentence.text
    follow = talk.ask("Is it approved?")
    assert follow.understood == "epertinib: approved"
    assert follow.found and follow.sentence.section == "4.1" and "approved by the FDA" in follow.sentence.text


def test_the_same_follow_up_alone_has_no_topic(engine):
    alone = engine.ask("Is it approved?")
    assert alone.understood == "Is it approved?"
    assert not (alone.found and "Epertinib" in alone.sentence.text)


def test_a_new_entity_keeps_the_measure(engine):
    talk = Conversation(engine)
    talk.ask("What was the objective response rate of epertinib?")
    swap = talk.ask("and for SYD985?")
    assert swap.understood == "trastuzumab duocarmazine: response rate"
    assert "33%" in swap.sentence.text


def test_a_bare_follow_up_asks_the_earlier_measure(engine):
    talk = Conversation(engine)
    talk.ask("What median PFS did margetuximab give?")
    who = talk.ask("who found that?")
    assert who.understood.startswith("margetuximab: PFS")
    assert who.sentence.section == "4.3" and "5.7 months" in who.sentence.text


def test_a_question_with_its_own_topic_starts_fresh_and_new_resets(engine):
    talk = Conversation(engine)
    talk.ask("What response rate did epertinib achieve?")
    fresh = talk.ask("What does miR-567 target?")
    assert fresh.understood == "What does miR-567 target?" and fresh.sentence.section == "3.4"
    talk.new()
    assert talk.topic is None
    assert talk.ask("Is it approved?").understood == "Is it approved?"


def test_a_question_about_the_article_is_never_given_the_topic(engine):
    talk = Conversation(engine)
    talk.ask("What response rate did epertinib achieve?")
    assert talk.ask("Who edited it?").understood == "Who edited it?"


def test_understood_shows_repairs_and_the_reviews_names(engine):
    assert engine.ask("What is Kadcyla?").understood == "What is Kadcyla (trastuzumab emtansine)?"
    assert engine.ask("What is the ORR of trastuzamab deruxtecan?").understood == \
        "What is the ORR of trastuzumab deruxtecan?"
    plain = "What fraction of HER2-positive tumours express p95-HER2?"
    assert engine.ask(plain).understood == plain


def test_topic_of_a_question_without_a_drug_is_what_its_answer_names(engine):
    talk = Conversation(engine)
    talk.ask("What did Sonnenblick and colleagues link to primary trastuzumab resistance?")
    assert "STAT3" in talk.topic.entities
    assert talk.ask("What happens when it is knocked down?").understood.startswith("STAT3:")
    assert talk.ask("And when it's knocked down?").understood.startswith("STAT3:")   # "it's" is "it" too


def test_follow_ups_on_another_review(mini_engine):
    talk = Conversation(mini_engine)
    first = talk.ask("When should the metformin dose be halved?")
    assert first.sentence.section == "2.1"
    stop = talk.ask("And when should it be stopped?")
    # the drug is in every passage of this review: the topic is what the answer named, the eGFR threshold
    assert stop.understood == "eGFR: stopped"
    assert stop.found and "below 30" in stop.sentence.text


def test_batch_conversations_keep_their_turns_apart(tmp_path):
    lines = [{"id": "a1", "conversation": "a", "q": "What response rate did epertinib achieve?"},
             {"id": "b1", "conversation": "b", "q": "What was the objective response rate of SYD985?"},
             {"id": "solo", "q": "Is it approved?"},
             {"id": "a2", "conversation": "a", "q": "Is it approved?"},
             {"id": "b2", "conversation": "b", "q": "and for margetuximab?"}]
    src = tmp_path / "turns.jsonl"
    src.write_text("".join(json.dumps(x) + "\n" for x in lines))
    proc = run_qa("batch", str(src))
    assert proc.returncode == 0, proc.stderr_text
    records = [json.loads(x) for x in proc.stdout.splitlines()]
    assert [r["id"] for r in records] == ["a1", "b1", "solo", "a2", "b2"]
    assert [r.get("conversation") for r in records] == ["a", "b", None, "a", "b"]
    by = {r["id"]: r for r in records}
    assert by["solo"]["understood"] == "Is it approved?"
    assert by["a2"]["understood"] == "epertinib: approved" and by["a2"]["answer"]["section"] == "4.1"
    assert by["b2"]["understood"] == "margetuximab: response rate"


def test_from_one_part_of_the_article_to_another_nothing_is_carried(engine):
    # the reviewers are no topic for a question about another part of the article, even one saying "they"
    reviewers = engine.ask("Who reviewed this article?")
    assert reviewers.hits[0].passage.section == "reviewed-by"
    interests = engine.ask("Did they declare any competing interests?", context=reviewers.topic)
    assert interests.understood == "Did they declare any competing interests?"
    assert interests.hits[0].passage.section == "conflict-of-interest"
