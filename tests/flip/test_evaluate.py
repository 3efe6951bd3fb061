import pytest

from nlpkit.errors import EmptyCorpusError, InvalidParameterError
from nlpkit.flip.evaluate import Judge, evaluate_rewrites


@pytest.fixture(scope="module")
def judge(tiny_corpus):
    return Judge().fit(tiny_corpus)


def test_judge_is_trained_on_its_own_data_and_reads_sentiment(judge):
    assert judge.classes_ == ["neg", "pos"]
    assert judge.predict([["the", "food", "was", "great"], ["the", "food", "was", "awful"]]) == ["pos", "neg"]
    assert judge.label_for("positive") == "pos" and judge.label_for("0") == "neg"


def test_judge_target_proba_names_the_target_any_way_and_matches_its_verdict(judge):
    import numpy as np

    docs = [["the", "food", "was", "great"], ["the", "food", "was", "awful"]]
    positive = judge.target_proba(docs, "positive")
    assert positive[0] > 0.5 > positive[1]
    np.testing.assert_allclose(positive + judge.target_proba(docs, "0"), 1.0)
    assert np.array_equal(judge.target_proba(docs, "pos"), positive)
    with pytest.raises(InvalidParameterError, match="not one of the judge's classes"):
        judge.target_proba(docs, "neutral")


def test_evaluate_unchanged_input_is_the_floor(judge):
    sources = [["the", "food", "was", "great"], ["the", "staff", "was", "rude"]]
    floor = evaluate_rewrites(sources, sources, ["negative", "positive"], judge)
    assert floor["judge_success"] == 0.0 and floor["self_bleu"] == pytest.approx(100.0)
    assert floor["perplexity_ratio"] == pytest.approx(1.0) and floor["changed"] == 0.0


def test_evaluate_counts_real_flips_and_bleu_against_references(judge):
    sources = [["the", "food", "was", "great"], ["the", "staff", "was", "rude"]]
    outputs = [["the", "food", "was", "awful"], ["the", "staff", "was", "friendly"]]
    metrics = evaluate_rewrites(sources, outputs, ["neg", "pos"], judge, references=outputs)
    assert metrics["judge_success"] == 1.0 and metrics["bleu"] == pytest.approx(100.0)
    assert 0 < metrics["self_bleu"] < 100


def test_evaluate_bad_inputs(judge):
    with pytest.raises(InvalidParameterError, match="equally many"):
        evaluate_rewrites([["a"]], [], ["pos"], judge)
    with pytest.raises(EmptyCorpusError):
        Judge().fit([(["a"], "pos")])
