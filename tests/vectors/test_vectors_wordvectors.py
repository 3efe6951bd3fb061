"""WordVectors: lookups, neighbours and analogies, checked against gensim's own answers."""

from __future__ import annotations

import numpy as np
import pytest

from nlpkit.errors import InvalidParameterError, OutOfVocabularyError
from nlpkit.vectors import WordVectors


def test_vectors_default_glove_answers_queen():
    vectors = WordVectors.load()
    assert (len(vectors), vectors.dim) == (400_000, 50)
    assert vectors.analogy("king", "man", "woman", top=1)[0].word == "queen"
    assert WordVectors.load("glove-6b-50d").words[:3] == vectors.words[:3]


def test_vectors_toy_analogy_add_and_mul(toy_vectors):
    assert toy_vectors.analogy("king", "man", "woman", top=1)[0].word == "queen"
    assert toy_vectors.analogy("king", "man", "woman", top=1, method="mul")[0].word == "queen"


def test_vectors_analogy_matches_gensim_3cosadd(random_vectors):
    kv = random_vectors.kv
    for a, b, c in [("w1", "w2", "w3"), ("w10", "w200", "w7"), ("w50", "w51", "w52")]:
        ours = random_vectors.analogy(a, b, c, top=5)
        theirs = kv.most_similar(positive=[a, c], negative=[b], topn=5)
        assert [n.word for n in ours] == [w for w, _ in theirs]
        assert np.allclose([n.score for n in ours], [s for _, s in theirs], atol=1e-5)


def test_vectors_analogy_matches_gensim_3cosmul_ranking(random_vectors):
    kv = random_vectors.kv
    for a, b, c in [("w1", "w2", "w3"), ("w10", "w200", "w7")]:
        ours = random_vectors.analogy(a, b, c, top=5, method="mul")
        theirs = kv.most_similar_cosmul(positive=[a, c], negative=[b], topn=5)
        assert [n.word for n in ours] == [w for w, _ in theirs]


def test_vectors_analogy_never_answers_query_words(toy_vectors):
    answers = toy_vectors.analogy("king", "man", "woman", top=len(toy_vectors))
    assert {"king", "man", "woman"}.isdisjoint(n.word for n in answers)
    assert len(answers) == len(toy_vectors) - 3


def test_vectors_similar_matches_gensim(random_vectors):
    ours = random_vectors.similar("w5", top=7)
    theirs = random_vectors.kv.most_similar("w5", topn=7)
    assert [n.word for n in ours] == [w for w, _ in theirs]
    assert np.allclose([n.score for n in ours], [s for _, s in theirs], atol=1e-5)


def test_vectors_unknown_word_suggests_closest_spellings(toy_vectors):
    with pytest.raises(OutOfVocabularyError) as caught:
        toy_vectors.vector("quen")
    assert "'quen'" in caught.value.message
    assert "queen" in caught.value.hint
    with pytest.raises(KeyError):  # OutOfVocabularyError is also a KeyError, as dict users expect
        toy_vectors.analogy("king", "mann", "woman")


def test_vectors_unknown_word_suggests_lowercase_form(toy_vectors):
    assert toy_vectors.closest_spellings("King")[0] == "king"


def test_vectors_lookup_protocol(toy_vectors, toy_kv):
    assert "king" in toy_vectors and "kingdom" not in toy_vectors and 3 not in toy_vectors
    assert len(toy_vectors) == 10 and toy_vectors.dim == 4
    assert toy_vectors.words[:2] == ["the", "king"]
    np.testing.assert_array_equal(toy_vectors.vector("queen"), toy_kv["queen"])
    matrix = toy_vectors.matrix(limit=3)
    assert matrix.dtype == np.float32 and matrix.shape == (3, 4)
    np.testing.assert_array_equal(matrix[1], toy_kv["king"])


def test_vectors_bad_parameters_raise(toy_vectors):
    with pytest.raises(InvalidParameterError, match="method"):
        toy_vectors.analogy("king", "man", "woman", method="sub")
    with pytest.raises(InvalidParameterError, match="top 0"):
        toy_vectors.similar("king", top=0)


def test_vectors_top_larger_than_vocabulary(toy_vectors):
    assert len(toy_vectors.similar("king", top=100)) == len(toy_vectors) - 1


@pytest.mark.parametrize("call", [lambda wv: wv.similar(None), lambda wv: wv.analogy("king", 1, "woman"),
                                  lambda wv: wv.vector(b"king")])
def test_vectors_a_word_that_is_not_a_string_is_named(toy_vectors, call):
    with pytest.raises(InvalidParameterError, match="a word must be a string"):
        call(toy_vectors)


@pytest.mark.parametrize("top", ["3", 2.5, None, True])
def test_vectors_top_that_is_not_a_whole_number_is_named(toy_vectors, top):
    with pytest.raises(InvalidParameterError, match=f"top {top!r}: must be a whole number ≥ 1"):
        toy_vectors.similar("king", top=top)
    with pytest.raises(InvalidParameterError, match=f"top {top!r}"):
        toy_vectors.analogy("king", "man", "woman", top=top)


@pytest.mark.parametrize("limit", [0, -1, 2.5])
def test_vectors_matrix_limit_below_one_or_not_whole_is_refused(toy_vectors, limit):
    with pytest.raises(InvalidParameterError, match=f"limit {limit!r}: must be a whole number ≥ 1"):
        toy_vectors.matrix(limit=limit)
    assert toy_vectors.matrix(limit=np.int64(2)).shape == (2, 4)


def test_vectors_similar_where_the_vectors_hold_no_other_word_says_so(tmp_path, cli):
    path = tmp_path / "one.vec"
    path.write_text("1 3\nfood 0.1 0.2 0.3\n")
    assert WordVectors.load(path).similar("food") == []
    result = cli("similar", "food", "--vectors", path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "Nearest to food: none (the vectors hold no other word)"


def test_vectors_analogy_where_the_vectors_hold_only_the_three_words_says_so(tmp_path, cli):
    path = tmp_path / "three.vec"
    path.write_text("3 2\nking 0.9 0.1\nman 0.5 0.5\nwoman 0.1 0.9\n")
    result = cli("analogy", "king", "man", "woman", "--vectors", path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "king - man + woman: none (the vectors hold no word but the three asked)"
