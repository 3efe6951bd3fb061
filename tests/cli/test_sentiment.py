"""``nlpkit sentiment train / predict / eval`` on a tiny CSV corpus and tiny vectors."""

from __future__ import annotations

import csv
import importlib.util
import json
from pathlib import Path

import pytest


def _fixtures():
    path = Path(__file__).resolve().parents[1] / "sentiment" / "sentiment_fixtures.py"
    spec = importlib.util.spec_from_file_location("sentiment_fixtures", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_pairs, make_vectors = _fixtures().make_pairs, _fixtures().make_vectors

TINY_FLAGS = ["--epochs", "6", "--maps", "8", "--lr", "0.02", "--patience", "6"]


@pytest.fixture(scope="module")
def tiny_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sentiment-cli")
    corpus = folder / "reviews.csv"
    with corpus.open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["text", "label"])
        writer.writerows([" ".join(tokens), label] for tokens, label in make_pairs())
    vectors = folder / "tiny.vec"
    make_vectors().save_word2vec_format(str(vectors), binary=False)
    return folder, corpus, vectors


@pytest.fixture(scope="module")
def trained(tiny_files):
    from typer.testing import CliRunner

    from nlpkit.cli import app

    folder, corpus, vectors = tiny_files
    out = folder / "model"
    result = CliRunner().invoke(app, ["sentiment", "train", str(corpus), "--vectors", str(vectors), "--out", str(out),
                                      *TINY_FLAGS, "--json"])
    assert result.exit_code == 0, result.stderr
    return out, json.loads(result.stdout)


def test_sentiment_train_saves_a_model_and_reports_metrics(trained):
    out, report = trained
    assert report["classes"] == ["neg", "pos"] and report["dev_accuracy"] >= 0.8
    assert len(report["history"]) >= 1
    assert {p.name for p in out.iterdir()} >= {"weights.pt", "vocab.json", "params.json", "metrics.json", "run.json"}
    assert json.loads((out / "run.json").read_text())["seed"] == 0


def test_sentiment_predict_json_gives_label_and_probability(cli, trained):
    out, _ = trained
    result = cli("sentiment", "predict", "the plot was superb", "truly awful ending", "--model", out, "--json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["label"] for r in rows] == ["pos", "neg"]
    assert all(0.5 < r["probability"] <= 1 for r in rows)
    assert rows[0]["probabilities"]["pos"] == rows[0]["probability"]


def test_sentiment_predict_reads_an_input_file(cli, trained, tmp_path):
    out, _ = trained
    sentences = tmp_path / "sentences.txt"
    sentences.write_text("the cast was lovely\n\nthe script is very dull .\n")
    result = cli("sentiment", "predict", "--input", sentences, "--model", out)
    assert result.exit_code == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if "the cast" in line or "the script" in line]
    assert "pos" in lines[0] and "neg" in lines[1]


def test_sentiment_eval_reports_accuracy_and_confusion(cli, trained, tiny_files):
    out, _ = trained
    _, corpus, _ = tiny_files
    result = cli("sentiment", "eval", corpus, "--model", out, "--json")
    assert result.exit_code == 0, result.stderr
    scores = json.loads(result.stdout)
    assert scores["accuracy"] >= 0.9 and scores["n"] == len(make_pairs())
    assert sum(map(sum, scores["confusion"])) == scores["n"]
    table = cli("sentiment", "eval", corpus, "--model", out)
    assert "accuracy" in table.stdout and "Confusion" in table.stdout


def test_sentiment_eval_cross_validation(cli, tiny_files):
    _, corpus, vectors = tiny_files
    result = cli("sentiment", "eval", corpus, "--cv", "3", "--vectors", vectors, "--epochs", "4", "--json")
    assert result.exit_code == 0, result.stderr
    scores = json.loads(result.stdout)
    assert scores["folds"] == 3 and len(scores["per_fold"]) == 3
    assert sum(map(sum, scores["confusion"])) == len(make_pairs())


def test_sentiment_eval_cross_validation_refuses_an_init_from_model_of_another_shape(cli, tiny_files, trained):
    from cli_assertions import assert_clear_error

    _, corpus, vectors = tiny_files
    source, _ = trained  # 8 maps per width
    result = cli("sentiment", "eval", corpus, "--cv", "3", "--vectors", vectors, "--init-from", source)
    assert_clear_error(result, f"the model to start from ({source}) has 8 maps per width, not 100 maps per width")
    fitted = cli("sentiment", "eval", corpus, "--cv", "2", "--vectors", vectors, "--init-from", source, "--maps", "8",
                 "--epochs", "2", "--json")
    assert fitted.exit_code == 0, fitted.stderr
    assert json.loads(fitted.stdout)["folds"] == 2


def test_sentiment_eval_refuses_options_it_would_ignore(cli, tiny_files, trained):
    from cli_assertions import assert_clear_error

    _, corpus, vectors = tiny_files
    out, _ = trained
    assert_clear_error(cli("sentiment", "eval", corpus, "--model", out, "--epochs", "3", "--two-channel"),
                       "--two-channel, --epochs cannot be used without --cv")
    assert_clear_error(cli("sentiment", "eval", corpus, "--cv", "3", "--model", out), "--model cannot be used with --cv")


def test_sentiment_eval_label_map_renames_the_data_labels(cli, trained, tmp_path):
    out, _ = trained
    corpus = tmp_path / "numbers.csv"
    corpus.write_text("text,label\nthe plot was superb,1\ntruly awful ending,0\n")
    unmapped = cli("sentiment", "eval", corpus, "--model", out)
    assert unmapped.exit_code == 2 and "not among the model's classes" in unmapped.stderr
    mapped = cli("sentiment", "eval", corpus, "--model", out, "--label-map", "0=neg,1=pos", "--json")
    assert mapped.exit_code == 0, mapped.stderr
    assert json.loads(mapped.stdout)["accuracy"] == 1.0


def test_sentiment_train_missing_corpus_exits_2(cli, tmp_path):
    result = cli("sentiment", "train", tmp_path / "absent.csv", "--out", tmp_path / "m")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and "absent.csv" in result.stderr


@pytest.mark.parametrize(("content", "message"), [
    ("text,label\ngood film,pos\ngreat cast,pos\n", "at least two classes"),   # one class
    ("text,label\n", "error:"),                                                  # no rows at all
])
def test_sentiment_train_unusable_corpus_exits_2_and_writes_nothing(cli, tmp_path, tiny_files, content, message):
    _, _, vectors = tiny_files
    corpus = tmp_path / "corpus.csv"
    corpus.write_text(content)
    result = cli("sentiment", "train", corpus, "--vectors", vectors, "--out", tmp_path / "m")
    assert result.exit_code == 2 and message in result.stderr
    assert not (tmp_path / "m").exists()


def test_sentiment_train_bad_vector_file_exits_2(cli, tmp_path, tiny_files):
    _, corpus, _ = tiny_files
    bad = tmp_path / "bad.vec"
    bad.write_text("this is not\na vector file at all\n")
    result = cli("sentiment", "train", corpus, "--vectors", bad, "--out", tmp_path / "m")
    assert result.exit_code == 2 and "bad.vec" in result.stderr


def test_sentiment_train_init_from_a_saved_model(cli, tmp_path, tiny_files, trained):
    from cli_assertions import assert_clear_error

    _, corpus, vectors = tiny_files
    source, _ = trained
    result = cli("sentiment", "train", corpus, "--vectors", vectors, "--out", tmp_path / "m", *TINY_FLAGS,
                 "--init-from", source, "--json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["init_words"] == report["vocabulary"] - 2  # every word: both models trained on the same corpus
    assert json.loads((tmp_path / "m" / "params.json").read_text())["params"]["init_from"] == str(source)
    bad = cli("sentiment", "train", corpus, "--vectors", vectors, "--out", tmp_path / "n", "--init-from", tmp_path)
    assert_clear_error(bad, "not a sentiment model")
    assert not (tmp_path / "n").exists()


def test_sentiment_predict_unknown_words_exit_2(cli, trained):
    out, _ = trained
    result = cli("sentiment", "predict", "qwxz plorb", "--model", out)
    assert result.exit_code == 2
    assert "no word of the sentence" in result.stderr and "qwxz" in result.stderr


def test_sentiment_predict_empty_input_file_exits_2(cli, trained, tmp_path):
    out, _ = trained
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n")
    result = cli("sentiment", "predict", "--input", empty, "--model", out)
    assert result.exit_code == 2 and "empty" in result.stderr
    assert cli("sentiment", "predict", "--model", out).exit_code == 2
    assert cli("sentiment", "predict", "--input", empty.with_name("absent.txt")).exit_code == 2


def test_sentiment_predict_refuses_sentences_and_an_input_file_together(cli, trained, tmp_path):
    out, _ = trained
    sentences = tmp_path / "s.txt"
    sentences.write_text("the plot was superb\n")
    result = cli("sentiment", "predict", "truly awful ending", "--input", sentences, "--model", out)
    assert result.exit_code == 2 and "not both" in result.stderr and "Traceback" not in result.stderr


def test_sentiment_predict_with_a_folder_that_is_not_a_model_exits_2(cli, tmp_path):
    result = cli("sentiment", "predict", "a fine film", "--model", tmp_path)
    assert result.exit_code == 2
    assert "not a sentiment model" in result.stderr and result.stderr.count("\n") == 2


def test_sentiment_eval_bad_label_map_exits_2(cli, trained, tiny_files):
    out, _ = trained
    _, corpus, _ = tiny_files
    result = cli("sentiment", "eval", corpus, "--model", out, "--label-map", "nonsense")
    assert result.exit_code == 2 and "FROM=TO" in result.stderr


def test_sentiment_help_shows_examples(cli):
    for command in ("train", "predict", "eval"):
        result = cli("sentiment", command, "--help")
        assert result.exit_code == 0 and "nlpkit sentiment " + command in result.stdout


@pytest.mark.parametrize("args, needle", [
    (["sentiment", "predict", "--input", "{tmp}/absent.txt"], "absent.txt: no such file"),
    (["sentiment", "predict", "--input", "{tmp}/empty.txt"], "no sentences"),
    (["sentiment", "eval", "{tmp}/absent.csv"], "absent.csv: no such file"),
    (["sentiment", "eval", "{tmp}/empty.txt"], "no documents"),
])
def test_sentiment_missing_or_empty_files_exit_2_with_one_clear_line(cli, tmp_path, args, needle):
    from cli_assertions import assert_clear_error

    (tmp_path / "empty.txt").write_text("")
    result = cli(*(a.format(tmp=tmp_path) for a in args))
    assert_clear_error(result, needle)


def test_a_missing_sentence_file_gets_a_hint_about_sentences_not_corpora(cli, tmp_path):
    for args in (["sentiment", "predict", "--input", tmp_path / "absent.txt"],
                 ["flip-sentiment", "--input", tmp_path / "absent.txt"]):
        result = cli(*args)
        assert result.exit_code == 2 and "one sentence a line" in result.stderr
        assert "corpus list" not in result.stderr


def test_sentiment_train_ngram_weight_mixes_in_an_n_gram_model(cli, tmp_path, tiny_files):
    from cli_assertions import assert_clear_error

    _, corpus, vectors = tiny_files
    result = cli("sentiment", "train", corpus, "--vectors", vectors, "--out", tmp_path / "m", *TINY_FLAGS,
                 "--ngram-weight", "0.5")
    assert result.exit_code == 0, result.stderr
    assert "with n-grams" in result.stderr
    assert (tmp_path / "m" / "ngrams.json").is_file()
    assert json.loads((tmp_path / "m" / "params.json").read_text())["params"]["ngram_weight"] == 0.5
    predicted = cli("sentiment", "predict", "the plot was superb", "--model", tmp_path / "m", "--json")
    assert predicted.exit_code == 0 and json.loads(predicted.stdout)[0]["label"] == "pos"
    bad = cli("sentiment", "train", corpus, "--vectors", vectors, "--out", tmp_path / "n", "--ngram-weight", "1.5")
    assert_clear_error(bad, "--ngram-weight 1.5")
    assert not (tmp_path / "n").exists()


def test_sentiment_train_networks_trains_an_ensemble_the_api_can_load(cli, tmp_path, tiny_files):
    from cli_assertions import assert_clear_error

    from nlpkit.sentiment import SentimentCNN
    from nlpkit.sentiment.network import networks_of

    _, corpus, vectors = tiny_files
    result = cli("sentiment", "train", corpus, "--vectors", vectors, "--out", tmp_path / "m", *TINY_FLAGS,
                 "--networks", "2")
    assert result.exit_code == 0, result.stderr
    assert "best epochs" in result.stderr and "network" in result.stdout
    model = SentimentCNN.load(tmp_path / "m")
    assert model.n_networks == 2 and len(networks_of(model.network_)) == 2
    predicted = cli("sentiment", "predict", "the plot was superb", "--model", tmp_path / "m", "--json")
    assert predicted.exit_code == 0 and json.loads(predicted.stdout)[0]["label"] == "pos"
    bad = cli("sentiment", "train", corpus, "--vectors", vectors, "--out", tmp_path / "n", "--networks", "0")
    assert_clear_error(bad, "--networks")
    assert not (tmp_path / "n").exists()
    unused = cli("sentiment", "eval", corpus, "--networks", "2")
    assert_clear_error(unused, "--networks")


def test_sentiment_predict_gives_a_line_of_unknown_words_no_label_and_keeps_going(cli, trained, tmp_path):
    out, _ = trained
    sentences = tmp_path / "sentences.txt"
    sentences.write_text("the cast was lovely\nqwzx blorf\nthe script is very dull .\n")
    result = cli("sentiment", "predict", "--input", sentences, "--model", out, "--json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["label"] for r in rows] == ["pos", None, "neg"] and rows[1]["probability"] is None
    assert "1 of 3 sentences have no word the model knows (first: 'qwzx blorf')" in " ".join(result.stderr.split())
    alone = cli("sentiment", "predict", "qwzx blorf", "--model", out)       # a sentence given alone is an error
    assert alone.exit_code == 2 and "qwzx blorf" in alone.stderr


def test_sentiment_train_refuses_an_out_folder_it_did_not_write(cli, tiny_files, tmp_path):
    _, corpus, vectors = tiny_files
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "notes.txt").write_text("keep me")
    result = cli("sentiment", "train", corpus, "--vectors", vectors, "--out", tmp_path / "notes", "--epochs", "1")
    assert result.exit_code == 2 and "holds files nlpkit did not write" in result.stderr
    assert (tmp_path / "notes" / "notes.txt").read_text() == "keep me"
