"""The model shipped in nlpkit/data/sentiment: present, small, documented, and sensible."""

from __future__ import annotations

import json

from nlpkit.sentiment import SentimentCNN, default_model_dir


def test_default_model_is_shipped_small_and_documented():
    folder = default_model_dir()
    files = {p.name: p.stat().st_size for p in folder.iterdir()}
    assert {"weights.pt", "vocab.json", "params.json", "metrics.json", "MODEL_CARD.md"} <= set(files)
    assert sum(files.values()) < 20e6
    card = (folder / "MODEL_CARD.md").read_text()
    assert "## Accuracy" in card and "## Limits" in card
    assert json.loads((folder / "params.json").read_text())["pipeline"]["keep_punct"] is True


def test_default_model_predicts_clear_sentences():
    model = SentimentCNN.load_default()
    assert model.classes_ == ["neg", "pos"]
    assert model.predict(["a gripping , beautifully acted and moving film .",
                          "a dull , lifeless and badly written mess ."]) == ["pos", "neg"]


# short plain opinions, as people type them into `nlpkit flip-sentiment` (written before session 16's model
# was trained): the model of sessions 1-15, which also learned from movie_reviews sentences under their
# review's label, read 15 of these 20 right ("the staff were rude" 0.59 positive); session 16's reads 19
PLAIN_OPINIONS = {
    "neg": ["i despise this film", "i disliked it", "i hate this film", "i hated it", "the staff were rude",
            "the film fails to deliver", "the story is a mess", "what a waste of time", "the acting was terrible",
            "the service was awful", "the plot was boring and predictable", "a dull , lifeless film"],
    "pos": ["i love this film", "i loved it", "the food was great", "an instant classic",
            "a charming and funny comedy", "we had a wonderful time", "it was a pleasant surprise",
            "this is the best movie of the year"],
}


def test_default_model_reads_short_plain_opinions():
    model = SentimentCNN.load_default()
    texts = [text for label in ("neg", "pos") for text in PLAIN_OPINIONS[label]]
    gold = [label for label in ("neg", "pos") for _ in PLAIN_OPINIONS[label]]
    right = sum(p == g for p, g in zip(model.predict(texts), gold))
    assert right >= 18, f"{right} of {len(texts)} read right"


def test_default_model_gradient_has_one_row_per_token():
    model = SentimentCNN.load_default()
    loss, gradient = model.loss_and_gradient(model.tokenize("The acting was wonderful."), "neg")
    assert gradient.shape == (5, model.input_vectors()[1].shape[1]) and loss > 0


def test_sentiment_predict_cli_uses_the_default_model(cli):
    result = cli("sentiment", "predict", "what a wonderful film", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)[0]["label"] == "pos"
