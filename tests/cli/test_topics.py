"""``nlpkit topics``: tables, JSON/CSV, files it writes, saved models, and one clear line per bad input."""

from __future__ import annotations

import csv
import io
import json
import os
import random
from pathlib import Path

import numpy as np
import pytest
from cli_assertions import assert_clear_error

THEMES = {
    "space": "planet orbit rocket astronaut galaxy telescope comet asteroid moon launch satellite nebula".split(),
    "cooking": "recipe oven flour butter sugar dough kitchen bake pastry whisk onion garlic".split(),
    "football": "goal striker referee stadium penalty league keeper match coach midfield tackle offside".split(),
}
FAST = ("--k", "3", "--iterations", "60", "--coherence", "c_npmi")


@pytest.fixture
def themes(tmp_path):
    rng = random.Random(0)
    rows = [(" ".join(rng.choice(words) for _ in range(24)), theme) for _ in range(12) for theme, words in THEMES.items()]
    path = tmp_path / "themes.csv"
    path.write_text("text,label\n" + "".join(f"{text},{label}\n" for text, label in rows))
    return path


def test_topics_prints_a_table_of_interpretable_topics(cli, themes):
    result = cli("topics", themes, *FAST)
    assert result.exit_code == 0, result.stderr
    for words in THEMES.values():
        assert sum(word in result.stdout for word in words) >= 8
    for column in ("label", "top words (weight)", "share", "c_npmi", "diversity", "nmi", "converged"):
        assert column in result.stdout


def test_topics_cli_and_python_api_give_the_same_topics_for_a_seed(cli, themes):
    from nlpkit import read_corpus
    from nlpkit.topics import TopicModel

    data = json.loads(cli("topics", themes, *FAST, "--seed", "5", "--json").stdout)
    model = TopicModel(k=3, seed=5, iterations=60).fit(read_corpus(themes, pipeline="topics"))
    assert [t["words"] for t in data["topics"]] == [t.words for t in model.topics_]
    assert data["workers"] == (os.cpu_count() or 1) and data["seed"] == 5
    assert data["metrics"]["nmi"] == pytest.approx(1.0)
    assert data["history"][-1][0] == 60


def test_topics_csv_has_one_row_per_topic(cli, themes):
    rows = list(csv.DictReader(io.StringIO(cli("topics", themes, *FAST, "--csv").stdout)))
    assert len(rows) == 3 and {"topic", "label", "share", "c_npmi", "words", "weights"} <= set(rows[0])
    assert sum(float(r["share"]) for r in rows) == pytest.approx(1.0, abs=1e-3)


def test_topics_writes_doc_topics_report_plot_and_model(cli, themes, tmp_path):
    out = tmp_path / "out"
    result = cli("topics", themes, *FAST, "--doc-topics", out / "mix.csv", "--report", out / "r.html",
                 "--plot", out / "p.png", "--save", out / "model")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader((out / "mix.csv").open()))
    assert len(rows) == 36 and rows[0]["label"] in THEMES
    mixture = np.array([float(rows[0][f"topic_{t}"]) for t in range(3)])
    assert mixture.sum() == pytest.approx(1.0, abs=1e-3) and int(rows[0]["dominant"]) == mixture.argmax()
    assert "<svg" in (out / "r.html").read_text()
    assert (out / "p.png").read_bytes()[:4] == b"\x89PNG"
    run = json.loads((out / "model" / "run.json").read_text())
    assert run["command"] == "topics" and run["workers"] == os.cpu_count() and run["corpus"]["documents"] == 36


def test_topics_model_infers_mixtures_of_new_documents(cli, themes, tmp_path):
    cli("topics", themes, *FAST, "--save", tmp_path / "model")
    new = tmp_path / "new.txt"
    new.write_text("The astronaut watched the comet from the orbit of the moon.\nKnead the dough, add butter and bake.\n")
    data = json.loads(cli("topics", new, "--model", tmp_path / "model", "--json").stdout)
    first, second = data["documents"]
    assert first["dominant"] != second["dominant"]
    assert first["weight"] > 0.5 and second["weight"] > 0.5
    assert set(first["topic_label"].split()) <= set(THEMES["space"])
    table = cli("topics", new, "--model", tmp_path / "model")
    assert table.exit_code == 0 and "Dominant topic" in table.stdout


def test_topics_sweep_prints_the_curve_and_picks_a_k(cli, themes):
    result = cli("topics", themes, "--k", "2:4", "--iterations", "60", "--coherence", "c_npmi")
    assert result.exit_code == 0, result.stderr
    assert "K sweep" in result.stdout and "best K = 3" in result.stdout


def test_topics_stability_shows_how_topics_recur(cli, themes):
    data = json.loads(cli("topics", themes, *FAST, "--stability", "2", "--json").stdout)
    assert data["stability"]["seeds"] == [0, 1] and data["stability"]["mean"] > 0.8
    assert all("stability" in t for t in data["topics"])


def test_topics_warns_when_not_converged(cli, themes):
    result = cli("topics", themes, "--k", "3", "--iterations", "20", "--coherence", "none")
    assert result.exit_code == 0
    assert "warning: topic model may not have converged" in result.stderr
    assert "workers" not in result.stderr


def test_topics_warns_that_gensim_multicore_seeds_may_not_repeat(cli, themes):
    result = cli("topics", themes, "--k", "3", "--engine", "gensim", "--passes", "2", "--workers", "2",
                 "--coherence", "none")
    assert result.exit_code == 0
    assert "warning: training with 2 gensim workers" in result.stderr


def test_topics_help_explains_reproducibility_and_gives_examples(cli):
    result = cli("topics", "--help")
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "--workers 1" in text and "same --seed with the same --workers" in text and "Examples:" in text and "--k 5:40:5" in text


# ---- bad input: one clear line, exit 2 ---------------------------------------------------------------
def test_topics_missing_file(cli, tmp_path):
    assert_clear_error(cli("topics", tmp_path / "nope.txt"), "nope.txt")


def test_topics_empty_file(cli, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert_clear_error(cli("topics", empty, "--k", "2"), "empty.txt")


def test_topics_binary_file(cli, tmp_path):
    binary = tmp_path / "data.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    assert_clear_error(cli("topics", binary), "binary")


def test_topics_corpus_with_no_tokens_left(cli, tmp_path):
    stop = tmp_path / "stop.txt"
    stop.write_text("the and of\nit is a\nthe and of\n")
    assert_clear_error(cli("topics", stop, "--k", "2"), "no tokens")


def test_topics_unknown_corpus_name(cli):
    assert_clear_error(cli("topics", "browm"), "browm")


def test_topics_unknown_engine(cli, themes):
    assert_clear_error(cli("topics", themes, "--k", "3", "--engine", "mallet"), "mallet")


@pytest.mark.parametrize("k, fragment", [("1", "at least 2"), ("37", "more topics than the 36"),
                                         ("9:3", "not a range"), ("lots", "not a number")])
def test_topics_bad_k(cli, themes, k, fragment):
    assert_clear_error(cli("topics", themes, "--k", k), fragment)


def test_topics_unknown_coherence_measure(cli, themes):
    assert_clear_error(cli("topics", themes, "--coherence", "u_mass"), "u_mass")


def test_topics_model_folder_of_another_version(cli, themes, tmp_path):
    cli("topics", themes, *FAST, "--save", tmp_path / "model")
    params = tmp_path / "model" / "params.json"
    params.write_text(params.read_text().replace('"format_version": 1', '"format_version": 0'))
    assert_clear_error(cli("topics", themes, "--model", tmp_path / "model"), "version 0")


def test_topics_model_refuses_options_that_only_training_would_use(cli, themes, tmp_path):
    cli("topics", themes, *FAST, "--save", tmp_path / "model")
    result = cli("topics", themes, "--model", tmp_path / "model", "--passage-length", "50", "--report",
                 tmp_path / "r.html")
    assert_clear_error(result, "--passage-length, --report cannot be used with --model")
    assert not (tmp_path / "r.html").exists()
    # the defaults of those options are not "given": plain inference still runs
    assert cli("topics", themes, "--model", tmp_path / "model", "--json").exit_code == 0


def test_topics_model_folder_that_is_not_a_model(cli, themes, tmp_path):
    assert_clear_error(cli("topics", themes, "--model", tmp_path), "not a topic model folder")


@pytest.mark.parametrize("option", ["--report", "--plot", "--doc-topics"])
def test_topics_refuses_a_folder_as_an_output_file_before_training(cli, themes, tmp_path, option):
    result = cli("topics", themes, *FAST, option, tmp_path)
    assert_clear_error(result, "is a folder")
    assert "topics of" not in result.stdout  # refused before any training output


def test_topics_refuses_to_write_an_output_over_its_corpus_file(cli, themes):
    before = Path(themes).read_bytes()
    result = cli("topics", themes, *FAST, "--doc-topics", themes)
    assert_clear_error(result, "is an input file")
    assert Path(themes).read_bytes() == before


def test_topics_passage_length_is_passed_to_the_model_and_checked(cli, themes, tmp_path):
    result = cli("topics", themes, *FAST, "--passage-length", "0", "--save", tmp_path / "m")
    assert result.exit_code == 0, result.stderr
    assert json.loads((tmp_path / "m" / "params.json").read_text())["params"]["passage_length"] == 0
    assert_clear_error(cli("topics", themes, *FAST, "--passage-length", "-5"), "--passage-length=-5")


def test_topics_save_refuses_a_folder_it_did_not_write_before_training(cli, themes, tmp_path):
    (tmp_path / "thesis").mkdir()
    (tmp_path / "thesis" / "thesis.tex").write_text("years of work")
    result = cli("topics", themes, "--k", "2", "--save", tmp_path / "thesis")
    assert result.exit_code == 2 and "holds files nlpkit did not write" in result.stderr
    assert (tmp_path / "thesis" / "thesis.tex").read_text() == "years of work"
    assert "Topics" not in result.stdout                     # refused before training


@pytest.mark.parametrize("args, fragment", [(["--json", "--csv"], "--json and --csv"),
                                            (["--report", "r.pdf"], "the report is an HTML page"),
                                            (["--plot", "r.txt"], "the figure is a PNG image")])
def test_topics_refuses_outputs_it_would_not_honour(cli, themes, args, fragment):
    result = cli("topics", themes, "--k", "2", *args)
    assert result.exit_code == 2 and fragment in result.stderr


def test_topics_refuses_an_output_it_cannot_write_before_training(cli, themes, tmp_path):
    # found after training until session 22, with --doc-topics already written and left behind
    result = cli("topics", themes, *FAST, "--doc-topics", tmp_path / "dt.csv", "--report", "/proc/nlpkit-test/r.html")
    assert_clear_error(result, "cannot write there")
    assert "topics of" not in result.stdout and not (tmp_path / "dt.csv").exists()


def test_topics_sweep_refuses_a_k_above_the_documents_before_training(cli, themes):
    result = cli("topics", themes, "--k", "2:60:17")        # 2, 19 and 36 fit the 36 documents; 53 does not
    assert_clear_error(result, "--k=53: more topics than the 36")


def test_topics_empty_corpus_argument_is_refused(cli):
    assert_clear_error(cli("topics", ""), "the corpus is an empty string")


def test_option_values_of_the_wrong_type_read_plainly(cli, themes):
    result = cli("topics", themes, "--seed", "abc")
    assert_clear_error(result, "'--seed': not a whole number")
    assert "Input should be" not in result.stderr


@pytest.mark.parametrize("option", ["--report", "--plot"])
def test_topics_an_empty_output_path_is_named_as_empty(cli, option):
    # "" arrives as Path("."): the error read ".: is a folder", naming a folder the user never gave
    assert_clear_error(cli("topics", option, ""), "'' or '.' (the current folder)")
