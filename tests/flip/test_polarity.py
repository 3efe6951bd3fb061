import pytest

from nlpkit.errors import ArtifactError, EmptyCorpusError, InvalidParameterError, NotFittedError
from nlpkit.flip.polarity import PolarityTable, class_sign, positive_first

DOCS = [("the food was great and tasty".split(), "pos"), ("great service , over priced though".split(), "neg"),
        ("the food was awful".split(), "neg"), ("awful and over priced".split(), "neg"),
        ("great great place".split(), "pos"), ("tasty food".split(), "pos"), ("over priced food".split(), "neg"),
        ("over the top great".split(), "pos"), ("priced right".split(), "pos"), ("over there".split(), "pos")] + \
    [("reasonably priced".split(), "pos"), ("over here".split(), "pos")] * 5 + [("so over priced".split(), "neg")] * 4 + [("tasty".split(), "pos")] * 20


@pytest.fixture
def table():
    docs, labels = zip(*DOCS)
    return PolarityTable(min_count=2, phrase_min_count=3, phrase_threshold=1.0).fit(docs, labels)


def test_polarity_log_odds_sign_follows_the_labels(table):
    assert table.score("great") > 0 > table.score("awful")
    assert table.score("unseen") == 0.0


def test_polarity_finds_a_phrase_more_polar_than_its_words(table):
    assert "over priced" in table.phrases_
    assert table.phrases_["over priced"] < 0


def test_polarity_lexicon_fills_in_rare_words(table):
    table.add_lexicon(positive=["superb"], negative=["dreadful", "great", "tasty"])
    assert table.score("superb") > 0 > table.score("dreadful")
    assert table.score("great") < 0        # seen 4 times: too little evidence to overrule the lexicon
    assert table.score("tasty") > 0        # seen 22 times, always positive: the corpus wins


def test_polarity_sample_weight_discounts_weakly_labelled_documents():
    # "plot" appears in two negative sentences that only inherit their review's label, and in one
    # positive sentence labelled on its own: counted fully it reads negative, weighted down positive
    docs = [["the", "plot", "is", "told"], ["the", "plot", "is", "told"], ["a", "great", "plot"], ["great", "fun"],
            ["dull", "mess"]]
    labels = ["neg", "neg", "pos", "pos", "neg"]
    full = PolarityTable(min_count=1).fit(docs, labels)
    weighted = PolarityTable(min_count=2).fit(docs, labels, sample_weight=[0.1, 0.1, 1, 1, 1])
    assert full.score("plot") < 0 < weighted.score("plot")
    assert weighted.counts_["plot"] == full.counts_["plot"] == 3      # raw occurrences: evidence for min_count
    assert "told" in weighted.log_odds_                               # seen twice, if only in weak documents
    assert weighted.score("great") > 0 and "dull" not in weighted.log_odds_
    with pytest.raises(InvalidParameterError, match="sample_weight"):
        PolarityTable().fit(docs, labels, sample_weight=[1, 1])
    with pytest.raises(InvalidParameterError, match="sample_weight"):
        PolarityTable().fit(docs, labels, sample_weight=[1, 1, 1, 1, -1])
    with pytest.raises(InvalidParameterError, match="sample_weight"):
        PolarityTable().fit(docs, labels, sample_weight=[1, 1, 1, 1, float("nan")])


def test_polarity_fits_a_corpus_too_small_for_phrases():
    # no bigram reaches phrase_min_count: no phrases, not a math domain error (until session 14)
    small = PolarityTable().fit([["fine", "film"]] * 3 + [["dull", "film"]] * 3, ["pos"] * 3 + ["neg"] * 3)
    assert small.phrases_ == {} and small.score("fine") > 0 > small.score("dull")


def test_polarity_save_load_round_trip(table, tmp_path):
    path = table.save(tmp_path / "p.json")
    again = PolarityTable.load(path)
    assert again.log_odds_ == table.log_odds_ and again.phrases_ == table.phrases_


def test_polarity_bad_inputs():
    with pytest.raises(NotFittedError):
        PolarityTable().score("x")
    with pytest.raises(EmptyCorpusError):
        PolarityTable().fit([], [])
    with pytest.raises(ArtifactError):
        PolarityTable.load("/nonexistent/p.json")


def test_class_names_map_to_signs():
    assert positive_first(["neg", "pos"]) == ("pos", "neg")
    assert positive_first(["1", "0"]) == ("1", "0")
    assert class_sign("Positive") == 1 and class_sign("0") == -1 and class_sign("sports") == 0
    with pytest.raises(InvalidParameterError, match="which of the classes"):
        positive_first(["sports", "news"])
