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
