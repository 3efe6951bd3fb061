"""LDA on the Brown corpus's news section gives topics a person recognises."""

from __future__ import annotations

import random

import pytest

from nlpkit.topics.quality import coherence

pytestmark = [pytest.mark.slow, pytest.mark.integration]


def test_topics_brown_news_has_interpretable_topics(shared_data):
    from nlpkit.corpus import read_corpus
    from nlpkit.topics import TopicModel

    corpus = read_corpus("brown", pipeline="topics")
    news = [tokens for tokens, record in corpus.records() if record["label"] == "news"]
    assert len(news) == 44
    # one worker: the same topics on any machine (the default, every core, depends on the core count)
    model = TopicModel(k=8, seed=0, workers=1).fit(news)
    tops = [set(words) for words in model.top_words(10)]

    def recognised(theme: set[str]) -> bool:  # some topic holds three words of the theme
        return any(len(theme & words) >= 3 for words in tops)

    assert recognised({"game", "play", "player", "run", "hit", "team", "league", "season", "win", "ball"})  # sports
    assert recognised({"mrs", "miss", "church", "family", "club", "woman", "daughter", "wife"})  # society pages
    assert recognised({"president", "kennedy", "administration", "washington", "government", "leader"})  # politics
    assert not recognised({"the", "of", "and", "to", "in", "a", "is", "that"})  # stop words never make a topic
    metrics = model.coherence(("c_npmi",))
    rng = random.Random(0)
    vocabulary = list(model.dictionary_.token2id)
    shuffled = [rng.sample(vocabulary, 10) for _ in range(8)]
    assert metrics["c_npmi"] > coherence(shuffled, news, "c_npmi")[0] + 0.1  # far above random word sets
    assert metrics["diversity"] > 0.6
