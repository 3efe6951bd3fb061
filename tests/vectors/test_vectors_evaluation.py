"""Evaluation: the vectorised analogy scorer agrees with gensim's evaluate_word_analogies."""

from __future__ import annotations

import pytest

from nlpkit.errors import CorpusFormatError
from nlpkit.vectors import WordVectors
from nlpkit.vectors.evaluation import google_analogies_path, score_analogies, score_word_pairs, wordsim353_path


@pytest.fixture(scope="module")
def glove():
    return WordVectors.load()


def test_evaluation_3cosadd_equals_gensim(glove):
    ours = score_analogies(glove, restrict=2000)
    theirs, sections = glove.kv.evaluate_word_analogies(str(google_analogies_path()), restrict_vocab=2000)
    overall = ours["overall"]
    assert overall["answerable"] == len(sections[-1]["correct"]) + len(sections[-1]["incorrect"]) > 500
    assert overall["add_accuracy"] == pytest.approx(theirs, abs=1e-4)
    per_section = {s["section"]: len(s["correct"]) for s in sections[:-1]}
    assert {s["section"]: s["add_correct"] for s in ours["sections"]} == per_section


def test_evaluation_counts_unanswerable_questions(glove):
    result = score_analogies(glove, restrict=2000)
    assert result["overall"]["questions"] == 19544
    assert result["overall"]["answerable"] < result["overall"]["questions"]
    assert result["semantic"]["questions"] + result["syntactic"]["questions"] == 19544
    assert 0 < result["overall"]["mul_accuracy"] < 1


def test_evaluation_wordsim_equals_gensim(glove):
    ours = score_word_pairs(glove)
    pearson, spearman, oov = glove.kv.evaluate_word_pairs(str(wordsim353_path()))
    assert ours["spearman"] == pytest.approx(spearman.statistic, abs=1e-4)
    assert ours["used"] == ours["pairs"] == 353 and oov == 0


def test_evaluation_custom_files_and_bad_lines(tmp_path, toy_vectors):
    questions = tmp_path / "q.txt"
    questions.write_text(": royals\nman king woman queen\nman king woman prince\n: food\npizza pie coffee espresso\n")
    result = score_analogies(toy_vectors, questions)
    royals = result["sections"][0]
    assert (royals["questions"], royals["answerable"], royals["add_correct"]) == (2, 2, 1)
    bad = tmp_path / "bad.txt"
    bad.write_text(": s\nman king woman\n")
    with pytest.raises(CorpusFormatError, match=r"bad\.txt:2: an analogy needs four words") as refused:
        score_analogies(toy_vectors, bad)
    assert refused.value.hint.startswith("Google's format")


def test_evaluation_word_pairs_bad_line(tmp_path, toy_vectors):
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("king\tqueen\tnot-a-number\n")
    with pytest.raises(CorpusFormatError, match=r"pairs\.tsv:1"):
        score_word_pairs(toy_vectors, pairs)
