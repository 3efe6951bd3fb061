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


def test_evaluate_flips_warns_when_the_judge_learned_the_sentences(tiny_flipper, tiny_corpus, tmp_path):
    from nlpkit.errors import NlpkitWarning
    from nlpkit.flip.evaluate import evaluate_flips

    learned = [" ".join(tokens) for tokens, _ in tiny_corpus[:3]]
    path = tmp_path / "lines.txt"
    path.write_text("\n".join(learned + ["the pizza was tasty and the staff was kind tonight ."]) + "\n")
    with pytest.warns(NlpkitWarning, match="3 of the 4 sentences .* are in the judge's data"):
        metrics = evaluate_flips(tiny_flipper, path, "opposite", tiny_corpus)
    assert metrics["sources_in_judge_data"] == 3
    assert Judge().fit(tiny_corpus).count_seen([tiny_corpus[0][0], ["never", "seen", "words"]]) == 1


def test_flip_file_refuses_a_file_with_no_sentence(tiny_flipper, tmp_path):
    for content in ("", "\n  \n\n"):
        path = tmp_path / "blank.txt"
        path.write_text(content)
        with pytest.raises(EmptyCorpusError, match="no sentences to flip"):
            tiny_flipper.flip_file(path)


def test_judge_and_evaluation_refuse_what_they_would_misread():
    # a string was read letter by letter (judge success and BLEU came out wrong, no error); references of the
    # wrong length were scored against the first few; scikit-learn's own errors escaped
    import pytest

    from nlpkit.errors import EmptyCorpusError, InvalidParameterError
    from nlpkit.flip.evaluate import Judge, evaluate_rewrites

    pairs = [("the food was great".split(), "1"), ("the food was awful".split(), "0")] * 3
    judge = Judge().fit(pairs)
    source, output = "the food was great".split(), "the food was awful".split()
    with pytest.raises(InvalidParameterError, match="outputs: a document must be a list of words, not str"):
        evaluate_rewrites([source], [" ".join(output)], ["0"], judge)
    with pytest.raises(InvalidParameterError, match="1 references for 2 sources"):
        evaluate_rewrites([source, source], [output, output], ["0", "0"], judge, references=[output])
    with pytest.raises(InvalidParameterError, match="a list of words"):
        judge.target_proba(["the food was great"], "0")
    with pytest.raises(InvalidParameterError, match="3 documents and 1 labels"):
        judge.accuracy([source] * 3, ["1"])
    with pytest.raises(EmptyCorpusError, match="no word or phrase occurs twice"):
        Judge().fit([(["good"], "pos"), (["bad"], "neg")])
    with pytest.raises(InvalidParameterError, match="ngram_max must be a whole number"):
        Judge(ngram_max=0).fit(pairs)
    assert evaluate_rewrites([source], [output], ["0"], judge)["judge_success"] == 1.0
