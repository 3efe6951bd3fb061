"""The estimator contract every model follows (scikit-learn's), checked once for all of them."""

from __future__ import annotations

import pytest

from nlpkit.base import Estimator
from nlpkit.errors import InvalidParameterError, NotFittedError
from nlpkit.flip import SentimentFlipper
from nlpkit.flip.linear import NgramLogistic
from nlpkit.sentiment import SentimentCNN
from nlpkit.topics import TopicModel
from nlpkit.vectors import FastTextModel, Word2VecModel

ESTIMATORS = {
    TopicModel: {"k": 7, "seed": 3},
    Word2VecModel: {"dim": 32, "epochs": 2},
    FastTextModel: {"dim": 16, "min_n": 2},
    SentimentCNN: {"maps": 8, "seed": 5},
    NgramLogistic: {"ngram_max": 3, "C": 2.0},
    SentimentFlipper: {"beam": 2, "margin": 0.2},
}
LEARNED = {TopicModel: "topics_", Word2VecModel: "vectors_", FastTextModel: "vectors_", SentimentCNN: "classes_",
           NgramLogistic: "classes_", SentimentFlipper: "second_"}


@pytest.fixture(params=list(ESTIMATORS), ids=lambda cls: cls.__name__)
def estimator_class(request):
    return request.param


def test_contract_init_stores_parameters_verbatim(estimator_class):
    params = ESTIMATORS[estimator_class]
    model = estimator_class(**params)
    assert isinstance(model, Estimator)
    for name, value in params.items():
        assert model.get_params()[name] == value
    assert set(model.get_params()) == set(estimator_class._param_names())


def test_contract_get_params_round_trips_through_the_constructor(estimator_class):
    model = estimator_class(**ESTIMATORS[estimator_class])
    clone = estimator_class(**model.get_params())
    assert clone.get_params() == model.get_params()


def test_contract_set_params_rejects_unknown_names_with_a_suggestion(estimator_class):
    model = estimator_class()
    name = next(iter(ESTIMATORS[estimator_class]))
    with pytest.raises(InvalidParameterError, match="did you mean"):
        model.set_params(**{name + "x": 1})


def test_contract_repr_shows_the_parameters_that_differ_from_defaults(estimator_class):
    params = ESTIMATORS[estimator_class]
    text = repr(estimator_class(**params))
    assert text.startswith(estimator_class.__name__ + "(")
    for name, value in params.items():
        assert f"{name}={value!r}" in text


@pytest.mark.parametrize("estimator_class", [c for c in ESTIMATORS if c is not SentimentFlipper],  # works unfitted,
                         ids=lambda cls: cls.__name__)                                          # on shipped resources
def test_contract_unfitted_model_raises_not_fitted(estimator_class, tmp_path):
    model = estimator_class()
    assert not model.is_fitted()
    with pytest.raises(NotFittedError):
        model.save(tmp_path / "model")


def test_contract_a_learned_attribute_of_an_unfitted_model_says_to_fit(estimator_class):
    model = estimator_class()
    name = LEARNED[estimator_class]
    assert not hasattr(model, name)            # NotFittedError is an AttributeError: hasattr and getattr work
    with pytest.raises(NotFittedError, match=f"not fitted yet, so it has no {name}"):
        getattr(model, name)
    with pytest.raises(AttributeError, match="no attribute 'plain'"):
        model.plain


def test_contract_works_with_scikit_learns_clone(estimator_class):
    from sklearn.base import clone

    model = estimator_class(**ESTIMATORS[estimator_class])
    copy = clone(model)
    assert copy is not model and copy.get_params() == model.get_params()


@pytest.mark.parametrize("estimator_class, params, fragment", [
    (TopicModel, {"k": 3, "iterations": "10"}, "iterations='10': must be a whole number or None"),
    (Word2VecModel, {"dim": 2.5}, "dim=2.5: must be a whole number"),
    (SentimentCNN, {"static": 1}, "static=1: must be True or False"),
    (SentimentFlipper, {"margin": "0.1"}, "margin='0.1': must be a number"),
], ids=lambda value: getattr(value, "__name__", None))
def test_contract_a_parameter_of_the_wrong_kind_is_refused_by_name(estimator_class, params, fragment):
    with pytest.raises(InvalidParameterError, match=fragment):
        estimator_class(**params)._check_param_types()


def test_contract_pipeline_settings_of_the_wrong_kind_are_refused():
    from nlpkit.corpus import Pipeline

    for settings, fragment in (({"min_len": "2"}, "min_len='2'"), ({"stopwords": True}, "a string or None"),
                               ({"lowercase": "yes"}, "True or False")):
        with pytest.raises(InvalidParameterError, match=fragment):
            Pipeline(**settings).validate()
    assert Pipeline(stopwords="spacy", normalize=None).validate() == Pipeline(stopwords="spacy", normalize=None)


def test_contract_kinds_accept_what_the_code_takes(tmp_path):
    import numpy as np

    from nlpkit.corpus import Pipeline

    SentimentCNN(threads=None, maps=np.int64(8), static=np.bool_(False))._check_param_types()
    TopicModel(k=np.int64(3), iterations=np.int32(30))._check_param_types()
    assert Pipeline(stopwords=tmp_path / "stop.txt").validate().stopwords == tmp_path / "stop.txt"


def test_contract_a_property_of_an_unfitted_model_keeps_its_own_error():
    with pytest.raises(NotFittedError):
        Word2VecModel().wv


def test_contract_repr_cuts_a_long_value_between_its_arguments_not_mid_word():
    # "SentimentCNN(pipeline=Pipeline(keep_punct=True, numbers='to...)" was cut inside a value
    from nlpkit.corpus import Pipeline

    assert repr(SentimentCNN(pipeline=Pipeline.preset("sentiment"))) == \
        "SentimentCNN(pipeline=Pipeline(keep_punct=True, numbers='token'))"
    long = Pipeline(keep_punct=True, numbers="token", stopwords="spacy", lemmatize=True, min_len=3)
    assert repr(SentimentCNN(pipeline=long)) == "SentimentCNN(pipeline=Pipeline(keep_punct=True, numbers='token', ...))"
    from nlpkit.base import _short

    assert _short(("a", tuple("bcdefghijklmnopqrstu"))) == "('a', ...)"      # not cut inside the nested value
    assert not _short(("a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s, t, u",)).endswith(", ...)")
