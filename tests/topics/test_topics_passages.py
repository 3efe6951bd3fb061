"""Training on passages: how documents are cut, how mixtures are merged back, and the model using both."""

from __future__ import annotations

import json
import random

import numpy as np
import pytest
from topics_fixtures import THEMES

from nlpkit.errors import InvalidParameterError
from nlpkit.topics import TopicModel
from nlpkit.topics.passages import split_passages

# These tests train deliberately short runs; the warning itself is tested on its own (test_topics_model.py).
pytestmark = pytest.mark.filterwarnings("ignore::nlpkit.errors.ConvergenceWarning")


def tokens(n: int, word: str = "w") -> list[str]:
    return [f"{word}{i}" for i in range(n)]


def test_split_cuts_long_documents_into_equal_pieces_in_order():
    docs = [tokens(250, "a"), tokens(149, "b"), tokens(151, "c"), tokens(40, "d")]
    passages = split_passages(docs, 100)
    assert [len(p) for p in passages.texts] == [125, 125, 149, 76, 75, 40]
    assert passages.owners.tolist() == [0, 0, 1, 2, 2, 3]
    for index, doc in enumerate(docs):  # nothing lost, nothing reordered
        assert sum((p for p, o in zip(passages.texts, passages.owners) if o == index), []) == doc


def test_split_length_zero_keeps_every_document_whole_and_empty_ones_too():
    docs = [tokens(1000), [], tokens(3)]
    passages = split_passages(docs, 0)
    assert passages.texts == docs and passages.owners.tolist() == [0, 1, 2]
    assert split_passages([[]], 100).texts == [[]]


def test_merge_weights_each_passage_by_its_tokens():
    passages = split_passages([tokens(30), tokens(260), []], 100)  # 1, 3 (87, 86, 87 tokens) and 1 empty
    assert [len(p) for p in passages.texts] == [30, 87, 86, 87, 0]
    mixtures = np.array([[0.2, 0.8], [1.0, 0.0], [0.0, 1.0], [1.0, 0.0], [0.3, 0.7]])
    merged = passages.merge(mixtures)
    assert np.allclose(merged, [[0.2, 0.8], [174 / 260, 86 / 260], [0.3, 0.7]])  # not the plain mean (2/3, 1/3)


@pytest.fixture
def two_theme_documents():
    """Documents of 200 words: 100 from one theme, then 100 from another."""
    rng = random.Random(0)
    names = list(THEMES)
    docs = []
    for _ in range(6):
        for first in names:
            for second in names:
                if first != second:
                    docs.append([rng.choice(THEMES[first]) for _ in range(100)] +
                                [rng.choice(THEMES[second]) for _ in range(100)])
    return docs


def test_model_trains_on_passages_and_gives_each_document_both_its_themes(two_theme_documents):
    model = TopicModel(k=3, seed=0, workers=1, iterations=60, passage_length=100).fit(two_theme_documents)
    assert len(model.engine_.model.docs) == 2 * len(two_theme_documents)  # the sampler saw the halves
    themes = [{n for n, words in THEMES.items() if t.words[0] in words} for t in model.topics_]
    assert sorted(map(sorted, themes)) == [["cooking"], ["football"], ["space"]]
    assert model.doc_topics_.shape == (len(two_theme_documents), 3)
    halves = np.sort(model.doc_topics_, axis=1)[:, 1:]  # each document: about half of each of its two themes
    assert np.all(np.abs(halves - 0.5) < 0.1)
    new = model.transform([two_theme_documents[0]])
    assert np.allclose(np.sort(new[0])[1:], 0.5, atol=0.1)


def test_model_transform_cuts_new_text_into_passages_of_known_words(two_theme_documents):
    model = TopicModel(k=3, seed=0, workers=1, iterations=60, passage_length=100).fit(two_theme_documents)
    seen = []
    infer = model.engine_.infer
    model.engine_.infer = lambda texts: seen.extend(texts) or infer(texts)
    document = two_theme_documents[0]
    padded = document[:100] + [f"unknown{i}" for i in range(100)]  # one theme, then words never seen
    mixtures = model.transform([document, padded])
    assert [len(p) for p in seen] == [100, 100, 100]  # two passages, then the known half alone
    assert mixtures[1].max() > 0.9  # the unknown half does not pull it toward the prior


def test_model_passage_length_zero_trains_on_whole_documents(two_theme_documents):
    model = TopicModel(k=3, seed=0, workers=1, iterations=30, passage_length=0).fit(two_theme_documents)
    assert len(model.engine_.model.docs) == len(two_theme_documents)
    assert model.get_params()["passage_length"] == 0


def test_model_loads_a_folder_saved_before_passages_as_whole_document_model(two_theme_documents, tmp_path):
    TopicModel(k=3, seed=0, iterations=10, passage_length=0).fit(two_theme_documents).save(tmp_path / "m")
    params_file = tmp_path / "m" / "params.json"
    saved = json.loads(params_file.read_text())
    del saved["params"]["passage_length"], saved["passage_length_used"]
    params_file.write_text(json.dumps(saved))
    assert TopicModel.load(tmp_path / "m").passage_length_ == 0


def test_model_saves_the_passage_length_it_used_not_the_default(two_theme_documents, tmp_path):
    model = TopicModel(k=3, seed=0, iterations=10).fit(two_theme_documents)
    assert model.passage_length is None and model.passage_length_ == 100
    model.save(tmp_path / "m")
    saved = json.loads((tmp_path / "m" / "params.json").read_text())
    assert saved["passage_length_used"] == 100 and TopicModel.load(tmp_path / "m").passage_length_ == 100


@pytest.mark.parametrize("length", [-1, 2.5, "long"])
def test_model_rejects_a_passage_length_that_is_not_a_count(two_theme_documents, length):
    with pytest.raises(InvalidParameterError, match="passage_length"):
        TopicModel(k=3, passage_length=length).fit(two_theme_documents)
