"""The shipped default: the MR + movie-review CNN with the shipped flip resources."""

import json

import pytest

from nlpkit.sentiment import default_model_dir

pytestmark = [pytest.mark.integration, pytest.mark.slow]


@pytest.fixture(scope="module")
def default_flipper():
    if not (default_model_dir() / "weights.pt").is_file():
        pytest.skip("the default sentiment model is not built yet (scripts/train_default_sentiment.py)")
    from nlpkit.flip import SentimentFlipper

    return SentimentFlipper()


def test_flip_default_turns_the_food_was_great_negative(default_flipper):
    result = default_flipper.flip("the food was great", to="negative")
    assert result.status == "flipped", result
    assert result.p_after >= 0.6 and result.second_after >= 0.6
    polarity = default_flipper.polarity_
    for edit in result.edits:
        if edit.kind in ("ray", "phrase", "insert"):
            assert polarity.score(edit.new[0]) < 0        # the new word itself reads negative
            assert edit.new[0] != "great"


def test_flip_default_works_without_nltk_data(default_flipper, monkeypatch):
    # a fresh machine: no tagger, no WordNet -> the shipped part-of-speech table
    from nlpkit.flip import SentimentFlipper

    flipper = SentimentFlipper(default_flipper.classifier, tagger="table")
    result = flipper.flip("the acting is wonderful and the story is moving", to="negative")
    assert result.status in ("flipped", "budget") and result.rewrite != result.text


def test_flip_default_cli(cli):
    if not (default_model_dir() / "weights.pt").is_file():
        pytest.skip("the default sentiment model is not built yet")
    result = cli("flip-sentiment", "the food was great", "--to", "negative", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["status"] == "flipped" and data["rewrite"] != "the food was great"


@pytest.mark.parametrize("tagger", ["auto", "table"])
def test_flip_default_turns_a_negator_into_an_affirming_adverb(default_flipper, tagger):
    """Before, the negator took any polar adverb on its ray: "i would wonderfully recommend this hotel"."""
    from nlpkit.flip import SentimentFlipper
    from nlpkit.flip.flipper import AFFIRMING_ADVERBS

    flipper = SentimentFlipper(default_flipper.classifier, tagger=tagger)
    result = flipper.flip("i would not recommend this hotel", to="positive")
    replaced = [e.new[0] for e in result.edits if e.old == ("not",) and e.new]
    assert replaced and set(replaced) <= AFFIRMING_ADVERBS, result


@pytest.mark.parametrize("text", ["Great food!!! Loved it :)", "The service was AWFUL, but the view... wow.",
                                  "the food was great , i did n't mind .", "We waited 45 minutes at Joe's Diner.",
                                  "  the staff were rude  ", "It's not bad at all."])
def test_flip_default_rewrite_reads_back_as_its_own_tokens(default_flipper, text):
    """The rewrite as text, tokenised again, is exactly the tokens the classifiers judged; a text
    left unedited comes back character for character."""
    result = default_flipper.flip(text)
    assert default_flipper.classifier.tokenize(result.rewrite) == result.rewrite_tokens
    if not result.edits:
        assert result.rewrite == text
