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


def test_default_model_gradient_has_one_row_per_token():
    model = SentimentCNN.load_default()
    loss, gradient = model.loss_and_gradient(model.tokenize("The acting was wonderful."), "neg")
    assert gradient.shape == (5, model.input_vectors()[1].shape[1]) and loss > 0


def test_sentiment_predict_cli_uses_the_default_model(cli):
    result = cli("sentiment", "predict", "what a wonderful film", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)[0]["label"] == "pos"
