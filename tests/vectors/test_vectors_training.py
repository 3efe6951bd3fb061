"""Word2VecModel / FastTextModel: fitting, reproducibility, saving, bad input."""

from __future__ import annotations

import json

import numpy as np
import pytest
from gensim.models import KeyedVectors

from nlpkit.errors import EmptyCorpusError, InvalidParameterError, NotFittedError
from nlpkit.vectors import FastTextModel, Word2VecModel, WordVectors


def test_training_fit_records_corpus_and_losses(lee_model):
    assert isinstance(lee_model.vectors_, WordVectors)
    assert lee_model.corpus_["documents"] == 300
    assert lee_model.corpus_["vocabulary"] == len(lee_model.vectors_) > 1000
    losses = lee_model.training_["epoch_losses"]
    assert len(losses) == 3 and all(loss > 0 for loss in losses)
    assert lee_model.training_["exactly_repeatable"] is True
    assert lee_model.vectors_.dim == 20


def test_training_loss_falls(lee_model):
    losses = lee_model.training_["epoch_losses"]
    assert losses[-1] < losses[0]


def test_training_single_worker_with_seed_repeats_exactly(tmp_path, lee_model):
    again = Word2VecModel(dim=20, min_count=2, epochs=3, workers=1, seed=1).fit("lee")
    np.testing.assert_array_equal(again.vectors_.matrix(), lee_model.vectors_.matrix())


@pytest.mark.parametrize("gensim_class", ["Word2Vec", "FastText"])
def test_training_vocabulary_from_saved_counts_equals_gensims_own_scan(gensim_class):
    import gensim.models

    from nlpkit.corpus import read_corpus
    from nlpkit.vectors.training import build_vocabulary

    corpus = read_corpus("lee", pipeline="vectors")
    model_class = getattr(gensim.models, gensim_class)
    scanned = model_class(vector_size=8, min_count=2, workers=1, seed=3)
    scanned.build_vocab(corpus_file=str(corpus.token_file()))
    counted = model_class(vector_size=8, min_count=2, workers=1, seed=3)
    build_vocabulary(counted, corpus.word_counts())
    assert counted.wv.index_to_key == scanned.wv.index_to_key
    assert counted.corpus_total_words == scanned.corpus_total_words
    assert counted.corpus_count == scanned.corpus_count == 300
    for attribute in ("count", "sample_int"):
        assert counted.wv.expandos[attribute].tolist() == scanned.wv.expandos[attribute].tolist()
    np.testing.assert_array_equal(counted.wv.vectors, scanned.wv.vectors)


def test_training_multi_worker_is_marked_not_repeatable():
    model = Word2VecModel(dim=10, min_count=5, epochs=1, workers=2, seed=1).fit("lee")
    assert model.training_["exactly_repeatable"] is False


def test_training_save_load_round_trip(tmp_path, lee_model):
    folder = lee_model.save(tmp_path / "lee-w2v")
    names = {p.name for p in folder.iterdir()}
    assert {"vectors.kv", "vectors.txt", "vectors.bin", "params.json", "run.json"} <= names
    loaded = Word2VecModel.load(folder)
    assert loaded.get_params() == lee_model.get_params()
    np.testing.assert_array_equal(loaded.vectors_.matrix(), lee_model.vectors_.matrix())
    for name, binary in (("vectors.bin", True), ("vectors.txt", False)):
        exported = KeyedVectors.load_word2vec_format(str(folder / name), binary=binary)
        assert exported.index_to_key == lee_model.vectors_.words
        np.testing.assert_array_equal(exported.vectors, lee_model.vectors_.matrix())  # nine digits: exact
    run = json.loads((folder / "run.json").read_text())
    assert run["params"]["dim"] == 20 and run["corpus"]["documents"] == 300


def test_training_not_fitted_raises(tmp_path):
    model = Word2VecModel()
    with pytest.raises(NotFittedError):
        model.save(tmp_path / "x")
    assert repr(model) == "Word2VecModel()"  # scikit-learn style: only parameters that differ from the defaults
    assert repr(Word2VecModel(dim=50, epochs=3)) == "Word2VecModel(dim=50, epochs=3)"


def test_training_fitted_repr_summarises_the_vectors(tmp_path, lee_model):
    summary = f"  # fitted: {len(lee_model.vectors_):,} words, dim 20"
    assert repr(lee_model) == f"Word2VecModel(dim=20, min_count=2, epochs=3, workers=1, seed=1){summary}"
    assert repr(Word2VecModel.load(lee_model.save(tmp_path / "lee-w2v"))).endswith(summary)


def test_training_empty_vocabulary_after_min_count(tmp_path):
    path = tmp_path / "tiny.txt"
    path.write_text("one small line\nanother small line\n")
    with pytest.raises(EmptyCorpusError, match="min_count=50"):
        Word2VecModel(min_count=50).fit(str(path))


def test_training_invalid_parameters(tmp_path):
    with pytest.raises(InvalidParameterError, match="dim 0"):
        Word2VecModel(dim=0).fit("lee")
    with pytest.raises(InvalidParameterError, match="negative"):
        Word2VecModel(negative=0, hs=0).fit("lee")


def test_training_fasttext_composes_unseen_words(tmp_path):
    model = FastTextModel(dim=16, min_count=2, epochs=1, workers=1, bucket=5000).fit("lee")
    vectors = model.vectors_
    assert vectors.has_subwords and "governmentt" not in vectors
    assert vectors.similar("governmentt", top=3)[0].word.startswith("govern")
    model.save(tmp_path / "ft")
    loaded = WordVectors.load(tmp_path / "ft")
    assert loaded.has_subwords
    np.testing.assert_allclose(loaded.vector("governmentt"), vectors.vector("governmentt"), atol=1e-6)


def test_training_train_classmethod(tmp_path):
    vectors = WordVectors.train("lee", dim=8, min_count=3, epochs=1, workers=1, bucket=1000)
    assert vectors.dim == 8 and len(vectors) > 100 and vectors.has_subwords
    assert not WordVectors.train("lee", model="word2vec", dim=8, min_count=3, epochs=1, workers=1).has_subwords


def test_training_reports_progress_per_epoch():
    import contextlib

    from nlpkit.progress import use_reporter

    events = []

    class Task:
        def advance(self, amount=1):
            events.append(("advance", amount))

        def update(self, **fields):
            events.append(("update", fields))

    class Reporter:
        @contextlib.contextmanager
        def task(self, description, total, unit):
            events.append(("task", description, total, unit))
            yield Task()

    with use_reporter(Reporter()):
        model = Word2VecModel(dim=8, min_count=3, epochs=2, workers=1).fit("lee")
    training = [e for e in events if e[0] == "task" and e[1] == "training word2vec"]
    assert training == [("task", "training word2vec", 2 * model.corpus_["tokens"], "words")]
    assert [e[1] for e in events if e[0] == "advance"][-2:] == [model.corpus_["tokens"]] * 2
    updates = [e[1] for e in events if e[0] == "update"]
    assert updates[-1]["epoch"] == "2/2" and "loss" in updates[-1]


def test_training_fasttext_reports_a_falling_loss_too():
    losses = FastTextModel(dim=10, epochs=3, min_count=3, bucket=5000, workers=1, seed=2).fit("lee").training_[
        "epoch_losses"]
    assert len(losses) == 3 and 0 < losses[-1] < losses[0]


@pytest.mark.parametrize("kind", ["word2vec", "fasttext"])
def test_training_one_worker_equals_gensims_own_corpus_file_training_exactly(kind):
    """The same settings give the same vectors as gensim called directly: nlpkit adds its vocabulary
    from saved counts, its loss and its exports, and changes nothing in training."""
    import gensim.models

    from nlpkit.corpus import read_corpus
    from nlpkit.vectors.training import make_model

    corpus = read_corpus("lee", pipeline="vectors")
    settings = dict(sg=1, window=3, min_count=2, sample=1e-3, negative=5, epochs=2, alpha=0.025, seed=1)
    extra = {"bucket": 5000, "min_n": 3, "max_n": 5} if kind == "fasttext" else {}
    ours = make_model(kind, dim=16, workers=1, **settings, **extra).fit(corpus)
    gensim_class = gensim.models.FastText if kind == "fasttext" else gensim.models.Word2Vec
    theirs = gensim_class(corpus_file=str(corpus.token_file()), vector_size=16, workers=1, **settings, **extra)
    assert ours.vectors_.words == theirs.wv.index_to_key
    np.testing.assert_array_equal(ours.vectors_.matrix(), theirs.wv.vectors)



def test_training_long_and_empty_lines_count_as_gensim_counts_them(tmp_path):
    """A line over 10,000 tokens is several sentences to gensim, an empty line none: the learning
    rate decays by sentences, so a wrong count would stall or rush training."""
    import gensim.models

    from nlpkit.corpus import read_corpus

    rng = np.random.default_rng(0)
    words = [f"w{i}" for i in range(300)]
    lines = [" ".join(rng.choice(words, 25_000)), "", *(" ".join(rng.choice(words, 12)) for _ in range(200)), ""]
    path = tmp_path / "long.txt"
    path.write_text("\n".join(lines) + "\n")
    corpus = read_corpus(path, format="lines", pipeline="vectors")
    ours = Word2VecModel(dim=8, min_count=1, epochs=2, workers=1, seed=3).fit(corpus)
    theirs = gensim.models.Word2Vec(corpus_file=str(corpus.token_file()), vector_size=8, min_count=1, epochs=2,
                                    workers=1, seed=3, sg=1)
    assert ours.model_.corpus_count == theirs.corpus_count == 3 + 200
    np.testing.assert_array_equal(ours.vectors_.matrix(), theirs.wv.vectors)


def test_training_a_sample_without_pairs_reports_no_loss_rather_than_nan(tmp_path):
    path = tmp_path / "single.txt"
    path.write_text("".join(f"{w}\n" for w in ["alpha", "beta", "gamma"] * 400))
    model = Word2VecModel(dim=8, min_count=1, epochs=2, workers=1).fit(str(path))
    assert model.training_["epoch_losses"] == []
    saved = model.save(tmp_path / "out")
    json.loads((saved / "run.json").read_text(), parse_constant=lambda name: pytest.fail(f"{name} in run.json"))


def test_training_refuses_token_lists_in_memory_with_what_to_do_instead():
    from nlpkit.errors import InputError
    from nlpkit.vectors.training import make_model

    with pytest.raises(InputError, match="reads a Corpus, a path or a corpus name, not a list") as caught:
        make_model("word2vec").fit([["a", "b", "c"]] * 50)
    assert "one document a line" in caught.value.hint
