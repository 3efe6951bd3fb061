import numpy as np
import pytest

from nlpkit.errors import ArtifactError, EmptyCorpusError, NotFittedError
from nlpkit.flip.lm import KneserNeyLM

SENTENCES = [s.split() for s in [
    "the food was great", "the food was good", "the service was great", "the service was slow",
    "i loved the food", "i hated the service", "the staff was friendly", "the staff was rude",
    "we will be back", "we will not be back", "the food was cold", "the pizza was great",
]] * 3


@pytest.fixture(scope="module")
def lm():
    return KneserNeyLM(min_count=1).fit(SENTENCES)


@pytest.mark.parametrize("context", [("the", "food"), ("<s>", "<s>"), ("never", "seen")])
def test_lm_distribution_sums_to_one(lm, context):
    n = len(lm.words_)
    u, v = (np.full(n, lm.index_.get(w, 0)) for w in context)
    assert np.exp(lm.ngram_logprob(u, v, np.arange(n))).sum() == pytest.approx(1.0)


def test_lm_prefers_the_seen_order(lm):
    assert lm.perplexity("the food was great".split()) < lm.perplexity("great was food the".split())


def test_lm_kneser_ney_continuation_favours_versatile_words(lm):
    # "was" follows many different words, "food" follows only "the": after an unseen context the
    # continuation count (not the raw count) decides
    u = v = np.array([lm.index_["be"]])
    was, food = lm.ngram_logprob(u, v, np.array([lm.index_["was"]])), lm.ngram_logprob(u, v, np.array([lm.index_["food"]]))
    assert was > food


def test_lm_batch_scores_match_single_scores(lm):
    batch = [s.split() for s in ("the food was great", "we will be back", "unknown words here")]
    assert np.allclose(lm.sentence_logprobs(batch), [lm.logprob(s) for s in batch])


def test_lm_save_load_round_trip(lm, tmp_path):
    lm.save(tmp_path / "lm")
    again = KneserNeyLM.load(tmp_path / "lm")
    assert again.logprob("the staff was rude".split()) == pytest.approx(lm.logprob("the staff was rude".split()))


def test_lm_load_refuses_a_folder_without_a_model(tmp_path):
    with pytest.raises(ArtifactError, match="not a saved Kneser-Ney model"):
        KneserNeyLM.load(tmp_path)


def test_lm_unfitted_and_empty_input_raise():
    with pytest.raises(NotFittedError):
        KneserNeyLM().logprob(["a"])
    with pytest.raises(EmptyCorpusError):
        KneserNeyLM().fit([[], []])
