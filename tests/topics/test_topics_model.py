"""TopicModel on tiny three-theme corpora: topics, reproducibility, inference, persistence, bad input."""

from __future__ import annotations

import json
import os
import random
import warnings

import numpy as np
import pytest
from topics_fixtures import THEMES, theme_documents

from nlpkit.errors import (
    ArtifactError,
    ConvergenceWarning,
    EmptyCorpusError,
    InvalidParameterError,
    NlpkitWarning,
    NonDeterminismWarning,
    NotFittedError,
)
from nlpkit.topics import TopicModel

# These tests train deliberately short runs; the warning itself is tested on its own (test_topics_model.py).
pytestmark = pytest.mark.filterwarnings("ignore::nlpkit.errors.ConvergenceWarning")

FAST = {"tomotopy": {"iterations": 60}, "gensim": {"passes": 5, "iterations": 50}}


def theme_of(words: list[str]) -> set[str]:
    return {name for name, vocabulary in THEMES.items() for w in words if w in vocabulary}


@pytest.mark.parametrize("engine", ["tomotopy", "gensim"])
def test_model_recovers_each_theme_as_one_topic(themes_corpus, engine):
    model = TopicModel(k=3, engine=engine, seed=0, **FAST[engine]).fit(themes_corpus)
    themes = [theme_of(topic.words[:5]) for topic in model.topics_]
    assert all(len(t) == 1 for t in themes), [t.words for t in model.topics_]
    assert set().union(*themes) == set(THEMES)
    assert np.allclose(model.doc_topics_.sum(axis=1), 1.0)
    assert sum(t.share for t in model.topics_) == pytest.approx(1.0, abs=1e-4)


@pytest.mark.parametrize("engine", ["tomotopy", "gensim"])
def test_model_same_seed_one_worker_gives_identical_topics(theme_texts, engine):
    first = TopicModel(k=3, engine=engine, seed=7, workers=1, **FAST[engine]).fit(theme_texts)
    second = TopicModel(k=3, engine=engine, seed=7, workers=1, **FAST[engine]).fit(theme_texts)
    assert np.array_equal(first.topic_word_, second.topic_word_)
    assert np.array_equal(first.doc_topics_, second.doc_topics_)


def test_model_tomotopy_same_seed_and_worker_count_repeat_exactly(theme_texts):
    # tomotopy's PARTITION scheme gives each thread a fixed slice of the vocabulary and its own
    # seeded generator: two workers repeat exactly, with no warning, and differ from one worker.
    with warnings.catch_warnings():
        warnings.simplefilter("error", NonDeterminismWarning)
        first = TopicModel(k=3, seed=7, workers=2, iterations=60).fit(theme_texts)
        second = TopicModel(k=3, seed=7, workers=2, iterations=60).fit(theme_texts)
    single = TopicModel(k=3, seed=7, workers=1, iterations=60).fit(theme_texts)
    assert np.array_equal(first.topic_word_, second.topic_word_)
    assert np.array_equal(first.doc_topics_, second.doc_topics_)
    assert not np.array_equal(first.topic_word_, single.topic_word_)
    assert first.workers_ == 2


def test_model_default_workers_every_core_for_tomotopy_one_for_gensim():
    assert TopicModel().resolved_workers() == (os.cpu_count() or 1)
    assert TopicModel(engine="gensim").resolved_workers() == 1
    assert TopicModel(workers=3).resolved_workers() == 3


def test_model_gensim_multicore_warns_that_seeds_may_not_repeat(theme_texts):
    with pytest.warns(NonDeterminismWarning, match="workers=1"):
        TopicModel(k=3, engine="gensim", seed=7, workers=2, passes=1, iterations=10).fit(theme_texts)


@pytest.mark.slow
def test_model_gensim_multicore_varies_with_scheduling(monkeypatch):
    # With many chunks per pass, LdaMulticore merges worker results in whatever order they
    # arrive, so the same seed does not repeat; LdaModel (one worker) does.
    import nlpkit.topics.model as topic_model

    monkeypatch.setitem(topic_model.GENSIM_DEFAULTS, "chunksize", 50)
    rng = random.Random(0)
    words = [w for vocabulary in THEMES.values() for w in vocabulary]
    texts = [[rng.choice(words) for _ in range(4)] for _ in range(1500)]
    warnings.simplefilter("ignore", NonDeterminismWarning)
    warnings.simplefilter("ignore", ConvergenceWarning)

    def fit(workers):
        return TopicModel(k=3, engine="gensim", seed=1, workers=workers, passes=1, iterations=10).fit(texts)

    multicore = [fit(2).topic_word_ for _ in range(3)]
    assert any(not np.array_equal(multicore[0], other) for other in multicore[1:])
    assert np.array_equal(fit(1).topic_word_, fit(1).topic_word_)


def test_model_different_seeds_start_differently(theme_texts):
    # After a few sweeps (on these cleanly separated themes, 20 sweeps can reach the same state).
    a = TopicModel(k=3, seed=1, iterations=2).fit(theme_texts)
    b = TopicModel(k=3, seed=2, iterations=2).fit(theme_texts)
    assert not np.array_equal(a.topic_word_, b.topic_word_)


@pytest.mark.parametrize("engine", ["tomotopy", "gensim"])
def test_model_transform_puts_new_text_in_its_theme(themes_corpus, engine):
    model = TopicModel(k=3, engine=engine, seed=0, **FAST[engine]).fit(themes_corpus)
    mixtures = model.transform(["The rocket reached orbit near the comet and the planet.",
                                ["oven", "flour", "butter", "sugar", "dough"]])
    assert mixtures.shape == (2, 3)
    assert np.allclose(mixtures.sum(axis=1), 1.0)
    space = next(t.id for t in model.topics_ if theme_of(t.words[:3]) == {"space"})
    cooking = next(t.id for t in model.topics_ if theme_of(t.words[:3]) == {"cooking"})
    assert mixtures[0].argmax() == space and mixtures[0, space] > 0.6
    assert mixtures[1].argmax() == cooking
    assert np.array_equal(model.transform(["rocket orbit planet"]), model.transform(["rocket orbit planet"]))


def test_model_transform_of_unknown_words_is_the_prior_and_says_so(theme_texts):
    model = TopicModel(k=3, seed=0, iterations=30).fit(theme_texts)
    with pytest.warns(NlpkitWarning, match="1 of 1 documents have no word the model knows"):
        mixture = model.transform([["zebra", "xylophone"]])[0]
    assert np.allclose(mixture, np.asarray(model.engine_.alpha_vector()) / sum(model.engine_.alpha_vector()))


def test_model_coherence_diversity_and_nmi_are_measured(themes_corpus):
    model = TopicModel(k=3, seed=0, iterations=60).fit(themes_corpus)
    metrics = model.coherence(("c_npmi", "c_v"))
    assert metrics["nmi"] == pytest.approx(1.0)  # each theme is exactly one topic
    # 36 words exist, so the three top-25 lists (75 words) hold each word once at most.
    assert metrics["diversity"] == pytest.approx(36 / 75, abs=1e-6)
    assert metrics["c_npmi"] > 0.3 and 0.5 < metrics["c_v"] <= 1
    assert all(set(t.coherence) == {"c_npmi", "c_v"} for t in model.topics_)


@pytest.mark.parametrize("engine", ["tomotopy", "gensim"])
def test_model_save_and_load_give_the_same_topics_and_mixtures(themes_corpus, tmp_path, engine):
    model = TopicModel(k=3, engine=engine, seed=0, **FAST[engine]).fit(themes_corpus)
    model.coherence(("c_npmi",))
    model.save(tmp_path / "model")
    loaded = TopicModel.load(tmp_path / "model")
    assert [t.words for t in loaded.topics_] == [t.words for t in model.topics_]
    assert loaded.metrics_ == model.metrics_
    assert loaded.get_params() == model.get_params()
    text = "The striker scored a penalty goal in the stadium."
    assert np.allclose(loaded.transform([text]), model.transform([text]), atol=1e-6)
    saved = json.loads((tmp_path / "model" / "params.json").read_text())
    run = json.loads((tmp_path / "model" / "run.json").read_text())
    assert saved["format_version"] == 1 and run["workers"] == model.resolved_workers() and run["seed"] == 0
    assert not list(tmp_path.glob(".model*"))  # nothing half-written left behind


def test_model_load_refuses_another_format_version(theme_texts, tmp_path):
    TopicModel(k=2, seed=0, iterations=10).fit(theme_texts).save(tmp_path / "m")
    params = tmp_path / "m" / "params.json"
    params.write_text(params.read_text().replace('"format_version": 1', '"format_version": 99'))
    with pytest.raises(ArtifactError, match="version 99"):
        TopicModel.load(tmp_path / "m")


def test_model_load_refuses_a_folder_that_is_not_a_model(tmp_path):
    with pytest.raises(ArtifactError, match="not a topic model folder"):
        TopicModel.load(tmp_path)


def test_model_rejects_k_below_two_and_above_documents(theme_texts):
    with pytest.raises(InvalidParameterError, match="at least 2"):
        TopicModel(k=1).fit(theme_texts)
    with pytest.raises(InvalidParameterError, match="more topics than the 36"):
        TopicModel(k=37).fit(theme_texts)


def test_model_rejects_an_unknown_engine_with_a_suggestion(theme_texts):
    with pytest.raises(InvalidParameterError, match="did you mean 'gensim'"):
        TopicModel(k=3, engine="gensm").fit(theme_texts)


def test_model_rejects_a_corpus_with_no_tokens():
    with pytest.raises(EmptyCorpusError, match="no tokens"):
        TopicModel(k=2).fit([[], []])


def test_model_rejects_raw_strings_in_fit():
    with pytest.raises(InvalidParameterError, match="token lists"):
        TopicModel(k=2).fit(["a sentence", "another one"])


def test_model_is_not_usable_before_fit():
    model = TopicModel(k=3)
    with pytest.raises(NotFittedError):
        model.transform(["text"])
    assert repr(model) == "TopicModel(k=3)"


def test_model_repr_and_params_follow_scikit_learn(theme_texts):
    model = TopicModel(k=3, engine="gensim", passes=2)
    assert model.get_params()["passes"] == 2 and not hasattr(model, "topics_")
    model.fit(theme_texts)
    assert repr(model).startswith("TopicModel(k=3, engine='gensim', passes=2)  # fitted on 36 docs")
    assert "share=" in repr(model.topics_[0])


def test_model_warns_when_training_stops_before_convergence(theme_texts):
    with pytest.warns(ConvergenceWarning, match="raise --iterations"):
        model = TopicModel(k=3, seed=0, iterations=20).fit(theme_texts)
    assert model.converged_ is False
    assert [step for step, _ in model.history_] == [10, 20]


def test_model_load_reports_a_missing_file_as_an_artifact_error(theme_texts, tmp_path):
    TopicModel(k=2, seed=0, iterations=10).fit(theme_texts).save(tmp_path / "m")
    (tmp_path / "m" / "dictionary.txt").unlink()
    with pytest.raises(ArtifactError, match="missing or damaged"):
        TopicModel.load(tmp_path / "m")


@pytest.mark.parametrize("params, fragment", [({"alpha": "auto"}, "takes a positive number"),
                                              ({"eta": -1.0}, "must be positive"),
                                              ({"engine": "gensim", "eta": "asymmetric"}, "auto, symmetric")])
def test_model_rejects_priors_the_engine_cannot_take(theme_texts, params, fragment):
    with pytest.raises(InvalidParameterError, match=fragment):
        TopicModel(k=2, **params).fit(theme_texts)


@pytest.mark.parametrize("damage, fragment", [("delete", "missing"), ("truncate", "damaged"), ("garble", "damaged")])
def test_model_load_refuses_a_damaged_engine_file_before_tomotopy_reads_it(theme_texts, tmp_path, damage, fragment):
    """tomotopy aborts the process on a missing or foreign file and hangs on a truncated one: the
    file is checked against the hash saved with it first."""
    TopicModel(k=2, seed=0, iterations=10).fit(theme_texts).save(tmp_path / "m")
    native = tmp_path / "m" / "model.tomotopy.bin"
    data = native.read_bytes()
    if damage == "delete":
        native.unlink()
    else:
        native.write_bytes(data[:1000] if damage == "truncate" else bytes(reversed(data)))
    with pytest.raises(ArtifactError, match=fragment):
        TopicModel.load(tmp_path / "m")


def test_model_save_never_replaces_what_nlpkit_did_not_write(theme_texts, tmp_path):
    model = TopicModel(k=2, seed=0, iterations=10).fit(theme_texts)
    (tmp_path / "thesis").mkdir()
    (tmp_path / "thesis" / "thesis.tex").write_text("years of work")
    (tmp_path / "table.csv").write_text("a,b\n")
    for target in ("thesis", "table.csv"):
        with pytest.raises(InvalidParameterError):
            model.save(tmp_path / target)
    assert (tmp_path / "thesis" / "thesis.tex").read_text() == "years of work"
    assert (tmp_path / "table.csv").read_text() == "a,b\n"
    model.save(tmp_path / "m")
    model.save(tmp_path / "m")                        # a model folder may be saved over
    assert TopicModel.load(tmp_path / "m").k == 2


def test_model_works_with_scikit_learns_clone_and_fit_transform(theme_texts):
    from sklearn.base import clone

    model = TopicModel(k=3, seed=4, iterations=30)
    copy = clone(model)
    assert copy is not model and copy.get_params() == model.get_params()
    mixtures = copy.fit_transform(theme_texts)
    assert mixtures.shape == (len(theme_texts), 3) and np.allclose(mixtures, copy.doc_topics_)


def test_model_set_params_after_fit_changes_the_next_fit_not_the_saved_model(theme_texts, tmp_path):
    model = TopicModel(k=3, seed=4, iterations=30).fit(theme_texts)
    model.set_params(k=2, engine="gensim")
    assert len(model.typical_documents()) == 3
    loaded = TopicModel.load(model.save(tmp_path / "m"))
    assert (loaded.k, loaded.engine) == (3, "tomotopy") and loaded.top_words() == model.top_words()
    assert model.fit(theme_texts).doc_topics_.shape[1] == 2 and model.fitted_params()["engine"] == "gensim"


@pytest.mark.parametrize("params, fragment", [({"k": "5:3"}, "one whole number"),
                                              ({"passes": 3}, "passes are the gensim engine's")])
def test_model_refuses_a_k_range_and_passes_for_the_gibbs_engine(theme_texts, params, fragment):
    with pytest.raises(InvalidParameterError, match=fragment):
        TopicModel(**{"k": 3, **params}).fit(theme_texts)


def test_model_load_names_a_missing_folder_and_another_models_folder(tmp_path):
    with pytest.raises(ArtifactError, match="no such model folder"):
        TopicModel.load(tmp_path / "absent")
    (tmp_path / "vectors").mkdir()
    (tmp_path / "vectors" / "params.json").write_text('{"kind": "word2vec"}')
    with pytest.raises(ArtifactError, match="its params.json is another model's"):
        TopicModel.load(tmp_path / "vectors")


def test_model_saved_before_engine_hashes_still_has_every_engine_file_checked(theme_texts, tmp_path):
    TopicModel(k=2, seed=0, engine="gensim", passes=1, iterations=10, workers=1).fit(theme_texts).save(tmp_path / "m")
    params = json.loads((tmp_path / "m" / "params.json").read_text())
    del params["engine_files"]                       # as saved by an older nlpkit
    (tmp_path / "m" / "params.json").write_text(json.dumps(params))
    assert TopicModel.load(tmp_path / "m").k == 2
    (tmp_path / "m" / "model.gensim.state").unlink()
    with pytest.raises(ArtifactError, match="model.gensim.state: the model file is missing"):
        TopicModel.load(tmp_path / "m")


def test_model_coherence_on_other_texts_is_checked_and_never_infinite(theme_texts):
    model = TopicModel(k=3, seed=4, iterations=30).fit(theme_texts)
    with pytest.warns(NlpkitWarning, match="3 of 3 topics have no measurable c_npmi"):
        assert model.coherence(measures=("c_npmi",), texts=[["zebra", "quokka"]] * 3)["c_npmi"] is None
    for texts, labels, fragment in (("one string", None, "one string"), ([], None, "no words"),
                                    ([[1, 2]], None, "not list"), (theme_texts, ["a"] * 3, "labels for")):
        with pytest.raises(InvalidParameterError, match=fragment):
            model.coherence(measures=("c_npmi",), texts=texts, labels=labels)
    measured = model.coherence(measures=("c_npmi",), texts=theme_texts)["c_npmi"]
    assert measured == model.coherence(measures=("c_npmi",))["c_npmi"]


def test_model_report_shows_a_topic_whose_coherence_could_not_be_measured(theme_texts, tmp_path):
    from nlpkit.topics.report import write_report

    model = TopicModel(k=3, seed=4, iterations=30).fit(theme_texts)
    model.coherence(measures=("c_npmi",))
    model.topics_[0].coherence["c_npmi"] = None     # as stored for a topic gensim could not score
    page = write_report(model, tmp_path / "r.html").read_text()
    assert "Topic 0" in page


def test_model_saved_before_a_parameter_existed_loads_and_saves_with_its_default(theme_texts, tmp_path):
    import json

    folder = TopicModel(k=3, seed=4, iterations=30).fit(theme_texts).save(tmp_path / "m")
    saved = json.loads((folder / "params.json").read_text())
    del saved["params"]["passage_length"], saved["params"]["seed"]
    (folder / "params.json").write_text(json.dumps(saved))
    loaded = TopicModel.load(folder)
    assert loaded.fitted_params() == loaded.get_params() and loaded.fitted_params()["seed"] == 0
    loaded.save(tmp_path / "again")


def test_model_load_refuses_an_empty_mixtures_file(theme_texts, tmp_path):
    TopicModel(k=2, seed=0, iterations=10).fit(theme_texts).save(tmp_path / "m")
    (tmp_path / "m" / "doc_topics.npy").write_bytes(b"")
    with pytest.raises(ArtifactError, match="doc_topics.npy is not a saved"):
        TopicModel.load(tmp_path / "m")


def test_model_coherence_on_other_texts_leaves_the_training_scores_alone(theme_texts, tmp_path):
    model = TopicModel(k=3, seed=4, iterations=30, workers=1).fit(theme_texts)
    training = model.coherence(measures=("c_npmi",))
    per_topic = [dict(topic.coherence) for topic in model.topics_]
    other = [text.split() for _, text in theme_documents(docs_per_theme=4, seed=1)]
    held_out = model.coherence(measures=("c_npmi",), texts=other)
    assert held_out["c_npmi"] != training["c_npmi"]
    assert model.metrics_ == training and [topic.coherence for topic in model.topics_] == per_topic
    saved = json.loads((model.save(tmp_path / "m") / "metrics.json").read_text())
    assert saved["metrics"] == training and [topic["coherence"] for topic in saved["topics"]] == per_topic
    assert model.coherence(measures=("c_npmi", "c_v"))["c_v"] == model.metrics_["c_v"]  # training scores are stored


def test_model_coherence_takes_one_measure_as_a_string(theme_texts):
    model = TopicModel(k=3, seed=4, iterations=30, workers=1).fit(theme_texts)
    assert set(model.coherence(measures="c_npmi")) == {"c_npmi", "diversity"}
    with pytest.raises(InvalidParameterError, match="unknown coherence measure 'c_x'"):
        model.coherence(measures="c_x")


@pytest.mark.parametrize("method, n", [("top_words", -1), ("top_words", 0), ("typical_documents", 0),
                                       ("typical_documents", -2)])
def test_model_refuses_a_count_below_one(theme_texts, method, n):
    model = TopicModel(k=3, seed=4, iterations=10, workers=1).fit(theme_texts)
    with pytest.raises(InvalidParameterError, match=f"n {n}: must be a whole number ≥ 1"):
        getattr(model, method)(n)
    assert all(len(rows) == 1 for rows in getattr(model, method)(1))


def test_model_rejects_k_above_the_vocabulary():
    documents = [["a", "b"]] * 30
    with pytest.raises(InvalidParameterError, match="more topics than the 2 distinct words") as refused:
        TopicModel(k=10, iterations=20, workers=1).fit(documents)
    assert "--k 2 or less" in refused.value.hint
    with pytest.raises(InvalidParameterError, match="more topics than the 3 distinct words"):
        TopicModel(k=5).validate([["a", "b", "c"]] * 40)   # a K sweep checks its largest K this way


@pytest.mark.parametrize("documents", [[[1, 2], [3, 4]], [["a", ["b"]], ["c"]], [None, ["c", "d"], ["e"]]],
                         ids=["numbers", "nested", "none"])
def test_model_fit_refuses_a_malformed_document_as_transform_does(documents):
    with pytest.raises(InvalidParameterError, match="a document must be a list of words, not") as refused:
        TopicModel(k=2, iterations=10, workers=1).fit(iter(documents))   # checked as the documents stream in
    assert "token lists" in refused.value.hint


def test_model_repr_after_set_params_shows_the_fitted_k(theme_texts):
    model = TopicModel(k=3, seed=4, iterations=10, workers=1).fit(theme_texts).set_params(k=5)
    assert repr(model).startswith("TopicModel(k=5, ") and repr(model).endswith("36 words, 3 topics")


def test_model_load_says_another_models_folder_is_not_a_topic_model(tmp_path):
    (tmp_path / "cnn").mkdir()
    (tmp_path / "cnn" / "params.json").write_text('{"format": 1, "model": "SentimentCNN", "params": {}}')
    with pytest.raises(ArtifactError, match="cnn: not a topic model folder saved by nlpkit") as refused:
        TopicModel.load(tmp_path / "cnn")
    assert "--save DIR" in refused.value.hint
