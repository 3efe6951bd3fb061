"""Batch analogy files."""

from __future__ import annotations

import pytest

from nlpkit.errors import CorpusFormatError, CorpusNotFoundError
from nlpkit.vectors.queries import answer_file, read_analogy_queries


def test_queries_answer_file_with_expected_and_unknown(tmp_path, toy_vectors):
    path = tmp_path / "q.txt"
    path.write_text("# a comment\nking man woman queen\n\nking man wman\npizza pie coffee\n")
    results = answer_file(toy_vectors, path, top=2)
    assert [r.line for r in results] == [2, 4, 5]
    assert results[0].answers[0].word == "queen" and results[0].correct is True
    assert results[1].error and "woman" in results[1].error and not results[1].answers
    assert results[2].to_dict()["answers"][0]["word"] not in {"pizza", "pie", "coffee"}


def test_queries_line_without_three_words_names_file_and_line(tmp_path):
    path = tmp_path / "q.txt"
    path.write_text("king man woman\nking man\n")
    with pytest.raises(CorpusFormatError, match=r"q\.txt:2: an analogy needs three words"):
        read_analogy_queries(path)


def test_queries_empty_and_missing_files(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n")
    with pytest.raises(CorpusFormatError, match="holds no analogies"):
        read_analogy_queries(empty)
    with pytest.raises(CorpusNotFoundError):
        read_analogy_queries(tmp_path / "absent.txt")


def test_queries_read_googles_format_as_b_minus_a_plus_c_and_fold_case(tmp_path, toy_vectors):
    """gensim's questions-words.txt: ": section" lines, "a b c d" = a is to b as c is to d, words
    capitalised where the vectors are lowercase."""
    path = tmp_path / "questions-words.txt"
    path.write_text(": royalty\nMan King Woman Queen\n: food\npie pizza espresso Coffee\n")
    results = answer_file(toy_vectors, path, top=3)
    assert [(r.a, r.b, r.c, r.section) for r in results] == [("King", "Man", "Woman", "royalty"),
                                                              ("pizza", "pie", "espresso", "food")]
    assert results[0].answers[0].word == "queen" and results[0].correct is True
    assert results[0].to_dict()["section"] == "royalty"
    plain = tmp_path / "plain.txt"
    plain.write_text("king man woman queen\n")               # no sections: our own order, a - b + c
    assert read_analogy_queries(plain) == [(1, ["king", "man", "woman", "queen"], None)]


def test_vectors_fold_a_capitalised_word_only_where_the_vocabulary_lacks_it(toy_vectors):
    assert toy_vectors.known_form("King") == "king" and toy_vectors.known_form("king") == "king"
    assert toy_vectors.known_form("Zebra") == "Zebra"
    assert toy_vectors.analogy("King", "MAN", "Woman", top=1)[0].word == "queen"
    assert "king" not in [n.word for n in toy_vectors.similar("King", top=3)]


def test_queries_before_the_first_section_keep_our_own_order(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_text("king man woman queen\n# google's from here\n: capitals\nAthens Greece Baghdad Iraq\n")
    assert read_analogy_queries(path) == [(1, ["king", "man", "woman", "queen"], None),
                                          (4, ["Greece", "Athens", "Baghdad", "Iraq"], "capitals")]
