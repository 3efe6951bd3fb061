"""``nlpkit corpus stats`` on every corpus card found here, with counts a reader bug would break.

Reads the real corpora in ../shared/data (skipped with a reason where it is absent; CI has it)
and the embedded defaults shipped with gensim.
"""

from __future__ import annotations

import json

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.slow]

# name -> (documents, labels: {label: documents} or None for unlabelled, tokens between)
EXPECTED = {
    "lee": (300, None, (50_000, 70_000)),
    "wiki-sample": (106, None, (300_000, 700_000)),
    "brown": (500, 15, (950_000, 1_200_000)),
    "movie_reviews": (2000, {"neg": 1000, "pos": 1000}, (1_100_000, 1_600_000)),
    "mr": (10_662, {"neg": 5331, "pos": 5331}, (180_000, 260_000)),
    "subjectivity": (10_000, {"plot": 5000, "quote": 5000}, (180_000, 280_000)),
    "yelp": (444_101 - 277_037, {"0": 69_022, "1": 98_042}, (1_200_000, 1_700_000)),
    "yelp-dev": (3_999, {"0": 1999, "1": 2000}, (25_000, 50_000)),
    "wikitext-2": (60, None, (150_000, 250_000)),
    "abc": (3_189, 2, (600_000, 900_000)),
    "state_union": (65, None, (300_000, 450_000)),
    "inaugural": (59, None, (120_000, 170_000)),
    "webtext": (25_829, 6, (200_000, 400_000)),
}


@pytest.fixture(autouse=True)
def nltk_data_env(shared_data, monkeypatch):
    monkeypatch.setenv("NLTK_DATA", str(shared_data / "nltk_data"))


def _stats(cli, *args) -> dict:
    result = cli("corpus", "stats", *args, "--json", "--top", "5")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_integration_every_card_has_expectations():
    from nlpkit.corpus import cards

    assert set(cards()) == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_integration_corpus_stats_on_every_card(cli, name):
    from nlpkit.corpus import card

    if card(name).find() is None:
        pytest.skip(f"{name} is not on this machine ({card(name).obtain})")
    documents, labels, (low, high) = EXPECTED[name]
    data = _stats(cli, name)
    if documents is not None:
        assert data["documents"] == documents
    if isinstance(labels, dict):
        assert data["labels"] == labels
    elif isinstance(labels, int):
        assert len(data["labels"]) == labels
    else:
        assert data["labels"] == {}
    assert low <= data["tokens"] <= high, data["tokens"]
    assert data["vocabulary"] > 1000
    assert data["top_words"][0][0] in {"the", ".", ",", "<unk>", "i", "and"}
    if name == "brown":  # 500 samples in 15 categories
        assert data["labels"]["learned"] == 80 and data["labels"]["science_fiction"] == 6


def test_integration_brown_sentences_inherit_their_category(cli):
    data = _stats(cli, "brown", "--unit", "sentence")
    assert 45_000 < data["documents"] < 65_000  # Brown has ~57k sentences
    assert len(data["labels"]) == 15


def test_integration_yelp_glob_path_matches_the_card(cli, shared_data):
    by_path = _stats(cli, shared_data / "yelp" / "sentiment.dev.*")
    assert by_path["documents"] == 3_999 and set(by_path["labels"]) == {"0", "1"}


def test_integration_wikitext_articles_not_lines(cli, shared_data):
    articles = _stats(cli, "wikitext-2")
    lines = _stats(cli, shared_data / "wikitext-2" / "valid.txt", "--format", "lines")
    assert articles["documents"] == 60 and lines["documents"] > 2000
    assert articles["tokens"] < lines["tokens"]  # headings lose their "=" marks
    assert articles["top_words"][0][0] in ("the", "<unk>")
