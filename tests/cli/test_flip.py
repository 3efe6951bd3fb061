"""The flip-sentiment commands, run on a tiny CNN and resources saved to disk."""

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from flip.conftest import tiny_cnn, tiny_corpus, tiny_flipper  # noqa: E402,F401  (the shared tiny world)


@pytest.fixture(scope="module")
def saved(tiny_flipper, tmp_path_factory):
    folder = tmp_path_factory.mktemp("flip")
    tiny_flipper.classifier.save(folder / "cnn")
    tiny_flipper.save_resources(folder / "res")
    return ["--model", str(folder / "cnn"), "--resources", str(folder / "res"), "--min-count", "1"]


def test_cli_flip_prints_rewrite_probabilities_and_changes(cli, saved):
    result = cli("flip-sentiment", "the staff was rude", "--to", "positive", *saved)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("the staff was") and lines[0] != "the staff was rude"
    assert lines[1].startswith("p(positive):")
    assert lines[2].startswith("changed: ") and lines[2] != "changed: nothing"


def test_cli_flip_json(cli, saved):
    result = cli("flip-sentiment", "the pizza is very tasty .", "--to", "negative", "--json", *saved)
    data = json.loads(result.stdout)
    assert data["status"] == "flipped" and data["edits"][0]["old"] == "tasty"
    assert data["p_after"] > data["p_before"]


def test_cli_flip_candidates_bounds_each_edits_ray_candidates(cli, saved):
    counts = {}
    for n in ("1", "3"):
        data = json.loads(cli("flip-sentiment", "the pizza is very tasty .", "--to", "negative", "--json",
                              "--candidates", n, *saved).stdout)
        counts[n] = max(len(edit["candidates"]) for edit in data["edits"])
    assert counts == {"1": 1, "3": 3}


def test_cli_flip_explain_shows_saliency_and_ray_candidates(cli, saved):
    result = cli("flip-sentiment", "the pizza is very tasty .", "--to", "negative", "--explain", *saved)
    assert result.exit_code == 0
    assert "saliency:" in result.stdout and "distance to ray" in result.stdout and "t along ray" in result.stdout
    assert "polarity strength" in result.stdout
    flipped = json.loads(cli("flip-sentiment", "the pizza is very tasty .", "--to", "negative", "--json",
                             *saved).stdout)
    assert any(edit["candidates"] for edit in flipped["edits"])
    for edit in flipped["edits"]:  # the chosen word is marked in its table, at whatever rank it came
        if edit["candidates"]:
            assert f"→ {edit['new'][0]}" in result.stdout
            assert all(0 <= c["strength"] <= 1 for c in edit["candidates"])


def test_cli_flip_already_target_reports_and_keeps_text(cli, saved):
    result = cli("flip-sentiment", "the food was great", "--to", "positive", *saved)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "the food was great"
    assert "already reads as positive" in result.stderr


def test_cli_flip_batch_keeps_lines_aligned(cli, saved, tmp_path):
    source = tmp_path / "in.txt"
    source.write_text("the staff was rude\n\nthe food was great\nthe service was bland\n")
    out = tmp_path / "out.txt"
    result = cli("flip-sentiment", "--input", source, "--output", out, "--to", "positive", *saved)
    assert result.exit_code == 0, result.stderr
    lines = out.read_text().splitlines()
    assert len(lines) == 4 and lines[1] == "" and lines[2] == "the food was great"
    summary = " ".join(result.stderr.split())       # rich wraps long lines
    assert "4 lines" in summary and "1 already the target" in summary
    assert "1 skipped (empty or no known word)" in summary


def test_cli_flip_quiet_is_silent_only_where_every_line_flipped(cli, saved, tmp_path):
    source = tmp_path / "in.txt"
    source.write_text("the staff was rude\n")
    loud = cli("flip-sentiment", "--input", source, "--to", "positive", *saved)
    quiet = cli("-q", "flip-sentiment", "--input", source, "--to", "positive", *saved)
    assert loud.exit_code == quiet.exit_code == 0 and "1 lines: 1 flipped" in loud.stderr
    assert quiet.stdout == loud.stdout and quiet.stderr == ""
    source.write_text("the staff was rude\nthe food was great\n")     # the second is positive already
    quiet = cli("-q", "flip-sentiment", "--input", source, "--to", "positive", *saved)
    assert "1 already the target" in " ".join(quiet.stderr.split())
    single = cli("-q", "flip-sentiment", "the food was great", "--to", "positive", *saved)
    assert "already reads as positive" in single.stderr


def test_cli_flip_refuses_to_write_the_batch_over_its_input(cli, saved, tmp_path):
    source = tmp_path / "in.txt"
    source.write_text("the staff was rude\n")
    (tmp_path / "link.txt").symlink_to(source)
    for output in (source, tmp_path / "link.txt"):
        result = cli("flip-sentiment", "--input", source, "--output", output, *saved)
        assert result.exit_code == 2 and "is an input file" in result.stderr
    assert source.read_text() == "the staff was rude\n"


@pytest.mark.parametrize("args, needle", [
    (["flip-sentiment", "--input", "/no/such/file.txt"], "file.txt"),
    (["flip-sentiment", "   "], "empty"),
    (["flip-sentiment", "zzyzx qqqq"], "no word"),
    (["flip-sentiment", "the food was great", "--to", "sideways"], "sideways"),
    (["flip-sentiment"], "either a sentence or --input"),
    (["flip-sentiment", "the food", "--method", "magic"], "magic"),
    (["flip-sentiment", "the food", "--candidates", "0"], "candidates"),
    (["flip-sentiment", "--input", "/no/such/file.txt", "--explain"], "--explain cannot be used with --input"),
    (["flip-sentiment", "the food", "--output", "/tmp/never-written.txt"], "--output cannot be used without --input"),
])
def test_cli_flip_bad_input_exits_2_with_one_clear_line(cli, saved, args, needle):
    result = cli(*args, *saved)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and needle in result.stderr.splitlines()[0]


def test_cli_flip_eval_judges_with_an_independent_classifier(cli, saved, tiny_corpus, tmp_path):
    judge = tmp_path / "judge.csv"
    judge.write_text("text,label\n" + "".join(f"{' '.join(t)},{l}\n" for t, l in tiny_corpus))
    source = tmp_path / "dev.txt"
    source.write_text("the staff was rude\nthe pizza is very tasty .\n")
    result = cli("flip-sentiment-eval", source, "--judge", judge, "--json", *saved)
    assert result.exit_code == 0, result.stderr
    metrics = json.loads(result.stdout)
    assert metrics["sentences"] == 2 and 0 <= metrics["judge_success"] <= 1
    assert metrics["self_bleu"] < 100 and metrics["mean_edits"] >= 1


def test_cli_flip_eval_missing_and_empty_files(cli, saved, tiny_corpus, tmp_path):
    judge = tmp_path / "judge.csv"
    judge.write_text("text,label\n" + "".join(f"{' '.join(t)},{l}\n" for t, l in tiny_corpus))
    result = cli("flip-sentiment-eval", tmp_path / "missing.txt", "--judge", judge, *saved)
    assert result.exit_code == 2 and "missing.txt" in result.stderr
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n")
    result = cli("flip-sentiment-eval", empty, "--judge", judge, *saved)
    assert result.exit_code == 2 and "empty.txt" in result.stderr


def test_cli_flip_help_has_examples(cli):
    result = cli("flip-sentiment", "--help")
    assert "Examples" in result.stdout and "--explain" in result.stdout
    assert "flip-sentiment-eval" in cli("--help").stdout



def test_cli_help_shows_a_type_for_options_that_take_a_value_and_none_for_flags(cli):
    lines = cli("flip-sentiment", "--help").stdout.splitlines()
    explain = next(line for line in lines if "--explain" in line and "Colour" in line)
    max_edits = next(line for line in lines if "--max-edits" in line)
    assert "<bool>" not in explain and "<int>" in max_edits


def test_cli_flip_names_a_missing_resources_folder(cli, tmp_path):
    result = cli("flip-sentiment", "the food was great", "--resources", tmp_path / "nosuch")
    assert result.exit_code == 2 and "nosuch: no such folder of flip resources" in result.stderr.splitlines()[0]


def test_cli_flip_refuses_an_output_it_cannot_write_before_flipping(cli, saved, tmp_path, monkeypatch):
    from nlpkit.flip import SentimentFlipper

    flipped = []
    monkeypatch.setattr(SentimentFlipper, "flip_lines", lambda self, *a, **k: flipped.append(a) or [])
    source = tmp_path / "in.txt"
    source.write_text("the staff was rude\n")
    result = cli("flip-sentiment", "--input", source, "--output", "/proc/nlpkit-test/out.txt", *saved)
    assert result.exit_code == 2 and result.stderr.startswith("error: /proc/nlpkit-test/out.txt: cannot write there")
    assert flipped == []                                  # refused before any flipping
    result = cli("flip-sentiment", "--input", source, "--output", "/dev/null", *saved)
    assert result.exit_code == 2 and "is not a regular file" in result.stderr


def test_cli_flip_reads_standard_input_line_by_line(cli, saved):
    result = cli("flip-sentiment", "--input", "-", "--to", "positive", *saved, input="the staff was rude\n\n")
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 2                    # one line out per line in, the blank one too
    # cut at line feeds only, as a file is: a form feed inside a line keeps it one line; CRLF loses its CR
    text = "the staff was rude\x0c really\r\nthe pizza was bland\r\n"
    result = cli("flip-sentiment", "--input", "-", "--json", *saved, input=text)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 2 and not any("\r" in row["text"] for row in rows)


def test_cli_flip_eval_refuses_an_unlabelled_judge_corpus_naming_it(cli, saved, tmp_path):
    plain = tmp_path / "plain.txt"
    plain.write_text("the food was great\nthe staff was rude\n")
    source = tmp_path / "dev.txt"
    source.write_text("the staff was rude\n")
    result = cli("flip-sentiment-eval", source, "--judge", plain, *saved)
    assert result.exit_code == 2
    error, hint = result.stderr.splitlines()[:2]
    assert "plain.txt: the judge needs sentences labelled with two classes, but found no labels" in error
    assert hint.startswith("hint: give a labelled corpus")
