"""The sentiment CNN on the real corpora in ../shared/data."""

from __future__ import annotations

import pytest

from nlpkit.corpus import read_corpus
from nlpkit.sentiment import SentimentCNN, evaluate


@pytest.mark.integration
def test_sentiment_default_model_on_yelp_dev(shared_data):
    scores = evaluate(SentimentCNN.load_default(), read_corpus("yelp-dev", pipeline="sentiment"),
                      label_map={"0": "neg", "1": "pos"})
    assert scores["n"] > 3000
    assert scores["accuracy"] > 0.7  # trained on film reviews only; Yelp is another domain


@pytest.mark.integration
@pytest.mark.slow
def test_sentiment_static_cnn_learns_mr(nltk_data):
    from nlpkit.sentiment.data import labelled_examples

    examples = labelled_examples(read_corpus("mr", pipeline="sentiment"), split=False)
    train, test = examples[:4000] + examples[-4000:], examples[4000:5000] + examples[-5000:-4000]
    model = SentimentCNN(static=True, maps=50, epochs=2, extra_words=0, seed=0).fit(train)
    assert evaluate(model, test, split=False)["accuracy"] > 0.68


@pytest.mark.integration
@pytest.mark.slow
def test_sentiment_movie_reviews_documents_become_sentences(nltk_data):
    from nlpkit.sentiment.data import labelled_examples

    corpus = read_corpus("movie_reviews", pipeline="sentiment")
    sentences = labelled_examples(corpus)
    assert len(sentences) > 50000  # 2,000 reviews of ~30 sentences each
    assert {label for _, label in sentences} == {"neg", "pos"}
    assert max(len(tokens) for tokens, _ in sentences[:1000]) < 300
