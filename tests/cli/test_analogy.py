"""``nlpkit analogy`` and ``nlpkit similar``."""

from __future__ import annotations

import json

import pytest

TOY = {
    "the": "0.1 0.0 0.1 0.1", "king": "1 1 0.3 0", "queen": "1 -1 0.3 0", "man": "0 1 1 0", "woman": "0 -1 1 0",
    "prince": "0.8 0.9 0.5 0.1", "pizza": "0 0 0 1", "pie": "0.1 0.1 0 1", "coffee": "0 -0.1 0.1 0.9",
}


@pytest.fixture
def toy_file(tmp_path):
    path = tmp_path / "toy.vec"
    path.write_text(f"{len(TOY)} 4\n" + "".join(f"{w} {v}\n" for w, v in TOY.items()))
    return path


def test_analogy_default_vectors_answer_queen(cli):
    result = cli("analogy", "king", "man", "woman", "--top", "3")
    assert result.exit_code == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if "│ 1 " in line]
    assert "queen" in rows[0]


def test_analogy_json_and_mul(cli, toy_file):
    result = cli("analogy", "king", "man", "woman", "--vectors", toy_file, "--method", "mul", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["method"] == "mul" and data["answers"][0]["word"] == "queen"
    assert {"king", "man", "woman"}.isdisjoint(a["word"] for a in data["answers"])


def test_analogy_unknown_word_one_clear_line(cli, toy_file):
    result = cli("analogy", "king", "man", "wman", "--vectors", toy_file)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == "error: 'wman' is not in the vocabulary (9 words)"
    assert "woman" in result.stderr.splitlines()[1]


def test_analogy_wrong_number_of_words(cli, toy_file):
    result = cli("analogy", "king", "man", "--vectors", toy_file)
    assert result.exit_code == 2 and "three words" in result.stderr


def test_analogy_missing_vectors_file(cli, tmp_path):
    result = cli("analogy", "king", "man", "woman", "--vectors", tmp_path / "absent.bin")
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_analogy_corrupt_vectors_file(cli, tmp_path):
    path = tmp_path / "broken.txt"
    path.write_text("3 4\nking 1 1 0.3 0\nqueen 1 -1\n")
    result = cli("analogy", "king", "man", "woman", "--vectors", path)
    assert result.exit_code == 2
    assert "broken.txt:3: 'queen' has 2 numbers, expected 4" in result.stderr


def test_analogy_batch_file_json(cli, toy_file, tmp_path):
    questions = tmp_path / "q.txt"
    questions.write_text("king man woman queen\npizza pie coffee\nking man wman\n")
    result = cli("analogy", "--input", questions, "--vectors", toy_file, "--json", "--top", "2")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["line"] for r in rows] == [1, 2, 3]
    assert rows[0]["correct"] is True and "error" in rows[2]


def test_analogy_batch_file_table(cli, toy_file, tmp_path):
    questions = tmp_path / "q.txt"
    questions.write_text("king man woman queen\n")
    result = cli("analogy", "--input", questions, "--vectors", toy_file)
    assert result.exit_code == 0 and "queen" in result.stdout and "yes" in result.stdout


def test_analogy_batch_line_without_three_words(cli, toy_file, tmp_path):
    questions = tmp_path / "q.txt"
    questions.write_text("king man woman\nking\n")
    result = cli("analogy", "--input", questions, "--vectors", toy_file, "--json")
    assert result.exit_code == 2
    assert json.loads(result.stderr)["message"].startswith(f"{questions}:2: an analogy needs three words")


def test_analogy_batch_missing_and_empty_file(cli, toy_file, tmp_path):
    assert cli("analogy", "--input", tmp_path / "absent.txt", "--vectors", toy_file).exit_code == 2
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = cli("analogy", "--input", empty, "--vectors", toy_file)
    assert result.exit_code == 2 and "holds no analogies" in result.stderr


def test_similar_json(cli, toy_file):
    result = cli("similar", "pizza", "king", "--vectors", toy_file, "--top", "2", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["pizza"][0]["word"] == "pie" and data["king"][0]["word"] == "prince"


def test_similar_unknown_word(cli, toy_file):
    result = cli("similar", "piza", "--vectors", toy_file)
    assert result.exit_code == 2 and "did you mean: pizza" in result.stderr


def test_analogy_batch_reads_googles_format_and_prints_the_accuracy(cli, toy_file, tmp_path):
    questions = tmp_path / "questions-words.txt"
    questions.write_text(": royalty\nMan King Woman Queen\nMan King Woman Prince\n")
    result = cli("analogy", "--input", questions, "--vectors", toy_file)
    assert result.exit_code == 0, result.stderr
    assert "King - Man + Woman" in result.stdout
    stderr = " ".join(result.stderr.split())
    assert "read as Google's analogy format" in stderr and "correct: 1 of 2 (50.0%)" in stderr
