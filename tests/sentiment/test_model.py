"""SentimentCNN on tiny hand-made data: learning, the gradient API, persistence, bad input."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch
from sentiment_fixtures import TINY, finite_difference_gradient, make_pairs, make_vectors

from nlpkit.errors import ArtifactError, InputError, InvalidParameterError, NotFittedError, OutOfVocabularyError
from nlpkit.sentiment import SentimentCNN, evaluate
from nlpkit.sentiment.data import labelled_examples, split_sentences, weighted_examples


def test_model_learns_the_tiny_corpus(tiny_model, tiny_pairs):
    assert tiny_model.classes_ == ["neg", "pos"]
    assert tiny_model.predict(["the plot was superb", "truly awful ending"]) == ["pos", "neg"]
    assert evaluate(tiny_model, tiny_pairs)["accuracy"] >= 0.95


def test_model_predict_proba_rows_sum_to_one_in_class_order(tiny_model):
    proba = tiny_model.predict_proba(["the cast was lovely", ["the", "script", "was", "poor"]])
    assert proba.shape == (2, 2)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, atol=1e-5)
    assert proba[0, 1] > 0.5 > proba[1, 1]


def test_model_scores_a_sentence_the_same_alone_and_in_a_padded_batch(tiny_model):
    sentences = ["fun", "the film was very good and the cast was truly superb .", "dull plot"]
    batched = tiny_model.predict_proba(sentences)
    alone = np.vstack([tiny_model.predict_proba([s]) for s in sentences])
    np.testing.assert_allclose(batched, alone, atol=1e-6)


def test_model_gradient_matches_finite_differences(tiny_model):
    model = SentimentCNN.__new__(SentimentCNN)
    model.__dict__.update(tiny_model.__dict__)
    model.network_ = _double_copy(tiny_model.network_)
    tokens = ["the", "plot", "was", "very", "dull"]
    loss, gradient = model.loss_and_gradient(tokens, "pos")
    vectors = np.stack([model.vector_of(t) for t in tokens]).astype(np.float64)
    assert gradient.shape == vectors.shape == (5, 8)
    assert loss == pytest.approx(-np.log(model.proba_of_vectors(vectors)[1]), rel=1e-9)
    numeric = finite_difference_gradient(lambda v: -np.log(model.proba_of_vectors(v)[1]), vectors)
    np.testing.assert_allclose(gradient, numeric, rtol=1e-5, atol=1e-8)
    assert np.abs(gradient).max() > 1e-4


def _double_copy(network):
    import copy

    return copy.deepcopy(network).double().eval()


def test_model_target_by_index_equals_target_by_name(tiny_model):
    by_name = tiny_model.loss_and_gradient("the film was fun", "neg")
    by_index = tiny_model.loss_and_gradient("the film was fun", 0)
    assert by_name[0] == by_index[0]
    np.testing.assert_array_equal(by_name[1], by_index[1])
    with pytest.raises(InvalidParameterError, match="'neutral'"):
        tiny_model.loss_and_gradient("the film was fun", "neutral")


def test_model_proba_of_vectors_matches_predict_proba(tiny_model):
    words, matrix = tiny_model.input_vectors()
    assert matrix.shape == (len(words), 8) and "<pad>" not in words and "<unk>" not in words
    tokens = ["the", "ending", "was", "boring"]
    vectors = matrix[[words.index(t) for t in tokens]]
    np.testing.assert_allclose(tiny_model.proba_of_vectors(vectors), tiny_model.predict_proba([tokens])[0], atol=1e-6)
    batch = tiny_model.proba_of_vectors(np.stack([vectors, vectors[::-1]]))
    assert batch.shape == (2, 2)


def test_model_unknown_word_is_the_zero_vector(tiny_model):
    np.testing.assert_array_equal(tiny_model.vector_of("zyzzyva"), np.zeros(8))
    with_unknown = tiny_model.predict_proba([["the", "zyzzyva", "was", "great"]])[0]
    vectors = np.stack([tiny_model.vector_of(t) for t in ["the", "zyzzyva", "was", "great"]])
    np.testing.assert_allclose(tiny_model.proba_of_vectors(vectors), with_unknown, atol=1e-6)


def test_model_same_seed_gives_identical_weights_and_predictions(tiny_vectors, tiny_pairs):
    first = SentimentCNN(**TINY, vectors=tiny_vectors).fit(tiny_pairs)
    second = SentimentCNN(**TINY, vectors=tiny_vectors).fit(tiny_pairs)
    for (name, a), b in zip(first.network_.state_dict().items(), second.network_.state_dict().values()):
        assert torch.equal(a, b), name
    texts = ["the plot was fun", "truly poor script", "the cast is very dull ."]
    np.testing.assert_array_equal(first.predict_proba(texts), second.predict_proba(texts))


def test_model_another_seed_gives_other_weights(tiny_vectors, tiny_pairs):
    first = SentimentCNN(**TINY, vectors=tiny_vectors).fit(tiny_pairs)
    other = SentimentCNN(**{**TINY, "seed": 1}, vectors=tiny_vectors).fit(tiny_pairs)
    assert not torch.equal(first.network_.convs[0].weight, other.network_.convs[0].weight)


def test_model_any_label_names_and_three_classes(tiny_vectors):
    pairs = make_pairs(("1 star", "5 stars")) + [(["the", "film", "was", "the", "film"], "3 stars")] * 20
    model = SentimentCNN(**TINY, vectors=tiny_vectors).fit(pairs)
    assert model.classes_ == ["1 star", "3 stars", "5 stars"]
    assert model.predict_proba(["the plot was good"]).shape == (1, 3)


@pytest.mark.parametrize("static, two_channel, dim", [(True, False, 8), (False, True, 16)])
def test_model_static_and_two_channel_variants(tiny_vectors, tiny_pairs, static, two_channel, dim):
    model = SentimentCNN(**TINY, vectors=tiny_vectors, static=static, two_channel=two_channel).fit(tiny_pairs)
    words, matrix = model.input_vectors()
    assert matrix.shape[1] == dim
    assert model.loss_and_gradient("the film was bad", "pos")[1].shape == (4, dim)
    if static:  # the static embedding is exactly the vectors it started from
        np.testing.assert_allclose(matrix[words.index("good")], tiny_vectors["good"], atol=1e-6)
    if two_channel:
        np.testing.assert_allclose(matrix[words.index("good"), 8:], tiny_vectors["good"], atol=1e-6)


def test_model_init_from_carries_vectors_and_filters_over_with_a_fresh_output_layer(tiny_vectors, tmp_path):
    # The source never saw "plot", so the two vocabularies hold the shared words at other rows.
    source = SentimentCNN(**TINY, vectors=tiny_vectors).fit([p for p in make_pairs() if "plot" not in p[0]])
    folder = source.save(tmp_path / "source")
    # Other label names (a fresh output layer lets them differ); lr so small that training leaves
    # every row and filter where it started.
    model = SentimentCNN(**{**TINY, "lr": 1e-9, "epochs": 1}, vectors=tiny_vectors, init_from=folder)
    model.fit(make_pairs(("0", "1")))
    assert model.classes_ == ["0", "1"]
    assert any(model.index_[w] != source.index_[w] for w in source.vocabulary_[2:])
    assert model.init_words_ == len(model.vocabulary_) - 3  # every word but <pad>, <unk> and "plot"
    ours, theirs = model.network_.embedding.weight.detach(), source.network_.embedding.weight.detach()
    for word in ("good", "boring", "film"):  # fine-tuned by the source: not the raw vectors any more
        np.testing.assert_allclose(ours[model.index_[word]], theirs[source.index_[word]], atol=2e-3)
        assert not np.allclose(ours[model.index_[word]], tiny_vectors[word], atol=1e-2)
    np.testing.assert_allclose(ours[model.index_["plot"]], tiny_vectors["plot"], atol=1e-6)  # only ours knows it
    assert not ours[:2].any()  # <pad> and <unk> stay zero
    for conv, trained in zip(model.network_.convs, source.network_.convs):
        np.testing.assert_allclose(conv.weight.detach(), trained.weight.detach(), atol=1e-6)
    assert not np.allclose(model.network_.output.weight.detach(), source.network_.output.weight.detach(), atol=1e-2)
    assert json.loads((model.save(tmp_path / "target") / "params.json").read_text())["params"]["init_from"] == str(folder)
    assert SentimentCNN.load(tmp_path / "target").init_from == str(folder)  # kept: a re-fit starts there again


def test_model_init_from_itself_keeps_training_from_its_own_weights(tiny_model, tiny_vectors, tiny_pairs):
    model = SentimentCNN(**{**TINY, "lr": 1e-9, "epochs": 1}, vectors=tiny_vectors).fit(tiny_pairs)
    model.network_.embedding.weight.data.copy_(tiny_model.network_.embedding.weight)  # a trained model, in effect
    before = model.network_.embedding.weight.detach().clone()
    model.set_params(init_from=model).fit(tiny_pairs)
    np.testing.assert_allclose(model.network_.embedding.weight.detach(), before, atol=1e-6)
    assert "init_from=<SentimentCNN>" in repr(model)


def test_model_init_from_refuses_a_model_of_another_shape_or_other_vectors(tiny_model, tiny_vectors, tiny_pairs):
    with pytest.raises(InvalidParameterError, match=r"start from \(<in-memory SentimentCNN>\) has one channel, not two channels"):
        SentimentCNN(**TINY, vectors=tiny_vectors, two_channel=True, init_from=tiny_model).fit(tiny_pairs)
    with pytest.raises(ArtifactError, match="no such model folder"):
        SentimentCNN(**TINY, vectors=tiny_vectors, init_from="no/such/folder").fit(tiny_pairs)
    source = SentimentCNN(**TINY, vectors=tiny_vectors, two_channel=True).fit(tiny_pairs)
    other = make_vectors()
    other.vectors[:] = np.random.default_rng(1).normal(scale=0.3, size=other.vectors.shape)
    with pytest.raises(InvalidParameterError, match="trained on other word vectors"):
        SentimentCNN(**TINY, vectors=other, two_channel=True, init_from=source).fit(tiny_pairs)


def test_model_save_and_load_round_trip(tiny_model, tmp_path):
    folder = tiny_model.save(tmp_path / "model")
    assert {p.name for p in folder.iterdir()} >= {"weights.pt", "vocab.json", "params.json", "metrics.json", "run.json"}
    loaded = SentimentCNN.load(folder)
    texts = ["the film was superb", "truly boring ending"]
    np.testing.assert_allclose(loaded.predict_proba(texts), tiny_model.predict_proba(texts), atol=2e-3)
    assert loaded.classes_ == tiny_model.classes_
    assert loaded.tokenize("It wasn't GOOD!") == ["it", "was", "n't", "good", "!"]
    assert json.loads((folder / "params.json").read_text())["params"]["maps"] == 8


def test_model_saves_the_parameters_it_was_fitted_with_not_those_set_since(tiny_model, tmp_path):
    fitted_maps = tiny_model.maps
    tiny_model.set_params(maps=fitted_maps * 2)       # takes effect at the next fit, not on this model
    try:
        loaded = SentimentCNN.load(tiny_model.save(tmp_path / "model"))
    finally:
        tiny_model.set_params(maps=fitted_maps)
    assert loaded.maps == fitted_maps == loaded.fitted_params()["maps"]
    assert loaded.predict(["the plot was superb"]) == ["pos"]


def test_model_load_rejects_a_folder_that_is_not_a_model(tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(ArtifactError, match="missing weights.pt"):
        SentimentCNN.load(tmp_path)
    with pytest.raises(ArtifactError, match="no such model folder"):
        SentimentCNN.load(tmp_path / "absent")


@pytest.mark.parametrize("content", [b"not a torch file", b"junk\n", b""])
def test_model_load_rejects_corrupt_weights(tiny_model, tmp_path, content):
    # "junk" made torch raise KeyError and an empty file an exception with no message: both crashed the CLI
    folder = tiny_model.save(tmp_path / "model")
    (folder / "weights.pt").write_bytes(content)
    with pytest.raises(ArtifactError, match="unreadable"):
        SentimentCNN.load(folder)


def test_model_refuses_a_one_class_corpus(tiny_vectors):
    pairs = [(tokens, "pos") for tokens, _ in make_pairs()]
    with pytest.raises(InputError, match="at least two classes"):
        SentimentCNN(**TINY, vectors=tiny_vectors).fit(pairs)


def test_model_refuses_unlabelled_records(tiny_vectors):
    with pytest.raises(InputError, match="no label"):
        SentimentCNN(**TINY, vectors=tiny_vectors).fit([(["good"], "pos"), (["bad"], None)])


def test_model_refuses_a_path_or_a_non_text_where_data_belongs(tiny_model, tiny_vectors):
    # a path was iterated character by character: "expected (tokens, label) pairs, got 's'"
    with pytest.raises(InputError, match="got the str 'small.*'") as caught:
        SentimentCNN(**TINY, vectors=tiny_vectors).fit("small.*")
    assert "read_corpus('small.*'" in caught.value.hint
    with pytest.raises(InputError, match="got the str 'dev.txt'"):
        evaluate(tiny_model, "dev.txt")
    for bad in (5, None):
        with pytest.raises(InvalidParameterError, match=f"expected a text or a list of texts, got {bad}"):
            tiny_model.predict(bad)


def test_model_refuses_empty_and_unknown_sentences(tiny_model):
    with pytest.raises(InputError, match="empty"):
        tiny_model.predict(["  "])
    with pytest.raises(OutOfVocabularyError, match="no word of the sentence"):
        tiny_model.predict(["qwxz plorb"])


def test_model_before_fit_raises_not_fitted():
    model = SentimentCNN()
    with pytest.raises(NotFittedError):
        model.predict(["good"])
    assert "SentimentCNN()" == repr(model)
    assert "maps=8" in repr(SentimentCNN(maps=8))


def test_model_rejects_bad_parameters(tiny_pairs, tiny_vectors):
    with pytest.raises(InvalidParameterError, match="dropout"):
        SentimentCNN(dropout=1.5, vectors=tiny_vectors).fit(tiny_pairs)


def test_examples_split_documents_into_sentences_that_inherit_the_label():
    document = (["the", "film", "was", "good", "."] * 15, "pos")
    sentences = labelled_examples([document, (["bad", "."] * 40, "neg")])
    assert len(sentences) == 15 + 40
    assert sentences[0] == (["the", "film", "was", "good", "."], "pos")
    assert sentences[-1] == (["bad", "."], "neg")
    assert labelled_examples([(["good", "!", "fun"], "pos")]) == [(["good", "!", "fun"], "pos")]  # short: kept


def test_weighted_examples_give_each_sentence_its_documents_weight():
    documents = [(["the", "film", "was", "good", "."] * 15, "pos"), (["bad", "."] * 40, "neg")]
    examples, weights = weighted_examples(documents, sample_weight=[0.25, 2.0])
    assert examples == labelled_examples(documents)
    assert weights == [0.25] * 15 + [2.0] * 40
    assert weighted_examples(documents)[1] == [1.0] * 55
    for bad, message in (([1.0], "1 weights for 2 records"), ([1.0, -1.0], "not negative"),
                         ([0.0, 0.0], "not all zero"), ([1.0, float("nan")], "finite")):
        with pytest.raises(InvalidParameterError, match=message):
            weighted_examples(documents, sample_weight=bad)


def test_model_sample_weight_decides_whom_the_model_believes(tiny_vectors, tiny_pairs):
    # a noisy copy of the corpus with every label turned, twice over: counted fully it outvotes the
    # real labels; weighted 0.02 (as sentences that only inherit a review's label are) it does not
    turned = [(tokens, "neg" if label == "pos" else "pos") for tokens, label in tiny_pairs] * 2
    pairs = tiny_pairs + turned
    params = {**TINY, "dev_fraction": 0.0}
    plain = SentimentCNN(**params, vectors=tiny_vectors).fit(pairs)
    weighted = SentimentCNN(**params, vectors=tiny_vectors).fit(
        pairs, sample_weight=[1.0] * len(tiny_pairs) + [0.02] * len(turned))
    texts, labels = [tokens for tokens, _ in tiny_pairs], [label for _, label in tiny_pairs]
    assert np.mean(np.array(weighted.predict(texts)) == labels) > 0.9
    assert np.mean(np.array(plain.predict(texts)) == labels) < 0.1
    with pytest.raises(InvalidParameterError, match="ngram_weight"):
        SentimentCNN(**params, ngram_weight=0.5, vectors=tiny_vectors).fit(pairs, sample_weight=[1.0] * len(pairs))


def test_model_weighted_dev_split_is_the_one_that_picks_the_epoch(tiny_vectors, tiny_pairs):
    # some labels turned, so the model gets some dev sentences wrong and their weights matter
    pairs = [(tokens, ("neg" if label == "pos" else "pos") if i % 4 == 0 else label)
             for i, (tokens, label) in enumerate(tiny_pairs)]
    weights = list(np.random.default_rng(5).uniform(0.1, 3.0, len(pairs)))
    model = SentimentCNN(**{**TINY, "dev_fraction": 0.4}, vectors=tiny_vectors).fit(pairs, sample_weight=weights)
    _, dev_rows = model._dev_indices(len(pairs), np.random.default_rng(model.seed))
    dev = [pairs[i] for i in dev_rows]
    proba = model.predict_proba([tokens for tokens, _ in dev])
    weighted = model._accuracy(dev, proba, [weights[i] for i in dev_rows])
    assert weighted != model._accuracy(dev, proba)       # the fixture is one where weighting shows
    assert model.metrics_["dev_accuracy"] == round(weighted, 4)
    with pytest.raises(InvalidParameterError, match="dev part weighs 0"):
        zero_dev = [0.0 if i in set(dev_rows) else 1.0 for i in range(len(pairs))]
        SentimentCNN(**{**TINY, "dev_fraction": 0.4}, vectors=tiny_vectors).fit(pairs, sample_weight=zero_dev)


def test_model_weighted_accuracy_counts_each_sentence_by_its_weight(tiny_model, tiny_pairs):
    proba = tiny_model.predict_proba([tokens for tokens, _ in tiny_pairs[:2]])
    right = [(tokens, tiny_model.classes_[int(p.argmax())]) for (tokens, _), p in zip(tiny_pairs[:2], proba)]
    wrong = [right[0], (right[1][0], tiny_model.classes_[1 - int(proba[1].argmax())])]
    assert tiny_model._accuracy(right, proba) == 1.0
    assert tiny_model._accuracy(wrong, proba) == 0.5
    assert tiny_model._accuracy(wrong, proba, [3.0, 1.0]) == 0.75


def test_split_sentences_keeps_runs_of_punctuation_together():
    assert split_sentences(["wow", "!", "!", "so", "good", ".", ".", "."]) == [["wow", "!", "!"], ["so", "good", ".", ".", "."]]
    assert split_sentences([".", "!"]) == []


def test_model_reads_a_token_list_as_the_same_sentence_written_as_a_string(tiny_model):
    np.testing.assert_allclose(tiny_model.predict_proba([["The", "Plot", "was", "SUPERB"]]),
                               tiny_model.predict_proba(["the plot was superb"]))
    for bad, fragment in (([None], "not NoneType None"), ([[1, 2]], "not list"),
                          ([["the plot was superb", "awful"]], "hold spaces")):
        with pytest.raises(InvalidParameterError, match=fragment):
            tiny_model.predict(bad)


def test_model_evaluation_of_nothing_and_an_unreadable_none_read_plainly(tiny_model):
    # evaluate(model, []) spoke of "the training data"; predict_proba([..., None], unreadable="nan") let a
    # TypeError escape while it wrote its warning
    import warnings

    from nlpkit.errors import EmptyCorpusError

    with pytest.raises(EmptyCorpusError, match="^the labelled data: the corpus has no labelled sentences"):
        evaluate(tiny_model, [])
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        proba = tiny_model.predict_proba([["good"], None], unreadable="nan")
    assert np.isnan(proba[1]).all() and not np.isnan(proba[0]).any()
