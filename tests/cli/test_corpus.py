"""``nlpkit corpus list|info|stats|preview|cache``: output, --json, and one clear line per bad input."""

from __future__ import annotations

import bz2
import json
import zipfile

import pytest

from nlpkit.errors import NlpkitError
from cli_assertions import assert_clear_error


@pytest.fixture
def reviews(tmp_path):
    root = tmp_path / "train"
    (root / "pos").mkdir(parents=True)
    (root / "neg").mkdir()
    (root / "pos" / "1.txt").write_text("A wonderful film. I loved it!")
    (root / "pos" / "2.txt").write_text("Great acting, great story.")
    (root / "neg" / "3.txt").write_text("Dull and far too long.")
    return root


# ---- list -----------------------------------------------------------------------------------------
def test_corpus_list_shows_the_cards(cli):
    result = cli("corpus", "list")
    assert result.exit_code == 0
    for name in ("lee", "wiki-sample", "brown", "movie_reviews", "mr", "yelp", "wikitext-2"):
        assert name in result.stdout


def test_corpus_list_json_marks_the_embedded_defaults_available(cli):
    rows = {row["name"]: row for row in json.loads(cli("corpus", "list", "--json").stdout)}
    assert rows["lee"]["available"] and rows["lee"]["embedded"]
    assert rows["wiki-sample"]["available"] and rows["wiki-sample"]["embedded"]
    assert rows["wikitext-2"]["format"] == "wikitext"
    assert all(row["obtain"] and row["license"] for row in rows.values())


# ---- info -----------------------------------------------------------------------------------------
def test_corpus_info_of_a_card(cli):
    data = json.loads(cli("corpus", "info", "lee", "--json").stdout)
    assert data["name"] == "lee" and data["reader"]["format"] == "lines"
    assert data["files"][0].endswith("lee_background.cor") and len(data["fingerprint"]) == 32
    assert "Lee" in data["description"]
    table = cli("corpus", "info", "lee")
    assert table.exit_code == 0 and "fingerprint" in table.stdout


def test_corpus_info_of_a_table_with_named_columns(cli, tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("body,stars\nGood,5\n")
    data = json.loads(cli("corpus", "info", path, "--text-field", "body", "--label-field", "stars", "--json").stdout)
    assert data["reader"] == {"format": "table", "text_field": "body", "label_field": "stars", "dialect": "csv"}
    # a column the file lacks is refused as `corpus stats` refuses it (info reads only the header)
    result = cli("corpus", "info", path, "--text-field", "body", "--label-field", "nope")
    assert result.exit_code == 2 and "no column named 'nope'" in result.stderr


# ---- stats ----------------------------------------------------------------------------------------
def test_corpus_stats_default_is_the_embedded_corpus(cli):
    data = json.loads(cli("corpus", "stats", "--json").stdout)
    assert data["name"] == "lee" and data["documents"] == 300
    assert 50_000 < data["tokens"] < 70_000


def test_corpus_stats_of_a_labelled_folder(cli, reviews):
    result = cli("corpus", "stats", reviews, "--json", "--top", "2")
    data = json.loads(result.stdout)
    assert (data["documents"], data["labels"]) == (3, {"neg": 1, "pos": 2})
    assert data["top_words"][0] == ["great", 2]
    table = cli("corpus", "stats", reviews)
    assert table.exit_code == 0
    for heading in ("documents", "Labels", "Top words", "Length"):
        assert heading in table.stdout


def test_corpus_stats_pipeline_flags(cli, reviews, tmp_path):
    extra = tmp_path / "extra.txt"
    extra.write_text("film\n")
    base = json.loads(cli("corpus", "stats", reviews, "--json").stdout)
    filtered = json.loads(cli("corpus", "stats", reviews, "--json", "--stopwords", "spacy",
                              "--extra-stopwords", extra, "--lemmatize").stdout)
    assert filtered["tokens"] < base["tokens"]
    words = {w for w, _ in filtered["top_words"]}
    assert "film" not in words and "a" not in words and "love" in words
    topics = json.loads(cli("corpus", "stats", reviews, "--json", "--preset", "topics", "--min-count", "1").stdout)
    assert "and" not in {w for w, _ in topics["top_words"]}


def test_corpus_stats_sentence_unit(cli, reviews):
    data = json.loads(cli("corpus", "stats", reviews, "--unit", "sentence", "--json").stdout)
    assert data["documents"] == 4 and data["labels"] == {"neg": 1, "pos": 3}


def test_corpus_stats_format_flag_and_compressed_input(cli, tmp_path):
    path = tmp_path / "essay.txt.bz2"
    path.write_bytes(bz2.compress(b"One line.\nAnother line.\n"))
    assert json.loads(cli("corpus", "stats", path, "--json").stdout)["documents"] == 2
    assert json.loads(cli("corpus", "stats", path, "--format", "text", "--json").stdout)["documents"] == 1


# ---- preview ----------------------------------------------------------------------------------------
def test_corpus_preview(cli, reviews):
    rows = json.loads(cli("corpus", "preview", reviews, "-n", "2", "--json").stdout)
    assert [r["id"] for r in rows] == ["neg/3.txt", "pos/1.txt"]
    assert rows[1]["label"] == "pos" and rows[1]["tokens"][:2] == ["a", "wonderful"]
    sentiment = json.loads(cli("corpus", "preview", reviews, "--preset", "sentiment", "--json").stdout)
    assert "!" in sentiment[1]["tokens"]
    table = cli("corpus", "preview", reviews)
    assert table.exit_code == 0 and "wonderful" in table.stdout


# ---- cache -------------------------------------------------------------------------------------------
def test_corpus_cache_shows_and_clears(cli, reviews):
    assert json.loads(cli("corpus", "cache", "--json").stdout)["entries"] == 0
    cli("corpus", "stats", reviews)
    shown = json.loads(cli("corpus", "cache", "--json").stdout)
    assert shown["entries"] == 1 and shown["bytes"] > 0
    cleared = cli("corpus", "cache", "--clear")
    assert cleared.exit_code == 0 and "removed 1 cached corpora" in cleared.stdout
    assert json.loads(cli("corpus", "cache", "--json").stdout)["entries"] == 0


# ---- bad input: exit 2, one clear line -----------------------------------------------------------------
def _bad_inputs(tmp_path) -> dict[str, tuple[list, tuple[str, ...]]]:
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x00" * 20)
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    table = tmp_path / "t.csv"
    table.write_text("body,stars\nGood,5\n")
    folder = tmp_path / "labels"
    (folder / "pos").mkdir(parents=True)
    (folder / "pos" / "1.txt").write_text("good")
    (folder / "neg").mkdir()
    bad_zip = tmp_path / "broken.zip"
    bad_zip.write_text("not a zip")
    brown = tmp_path / "brown.zip"
    with zipfile.ZipFile(brown, "w") as archive:
        archive.writestr("brown/ca01", "The/at dog/nn")
    return {
        "missing path": ([tmp_path / "nope.txt"], ("nope.txt", "no such file")),
        "unknown corpus": (["brwn"], ("'brwn'", "did you mean 'brown'")),
        "empty corpus": ([empty], ("empty.txt", "no documents")),
        "binary file": ([binary], ("image.txt", "binary")),
        "missing column": ([table, "--text-field", "bdy"], ("t.csv", "'bdy'", "did you mean 'body'")),
        "empty label folder": ([folder], ("neg", "label folder has no .txt files")),
        "unknown format": ([table, "--format", "tabel"], ("'tabel'", "did you mean 'table'")),
        "unknown unit": ([table, "--unit", "banana", "--text-field", "body"], ("unit 'banana'",)),
        "NLTK unit elsewhere": ([table, "--unit", "para", "--text-field", "body"], ("unit 'para'", "NLTK")),
        "not a zip": ([bad_zip], ("broken.zip", "not a zip")),
        "unknown preset": ([table, "--preset", "topic", "--text-field", "body"], ("'topic'", "did you mean 'topics'")),
        "bad pipeline value": ([brown, "--phrases", "5"], ("phrases",)),
    }


BAD_INPUTS = ["missing path", "unknown corpus", "empty corpus", "binary file", "missing column", "empty label folder",
              "unknown format", "unknown unit", "NLTK unit elsewhere", "not a zip", "unknown preset",
              "bad pipeline value"]
READS_DOCUMENTS = {"empty corpus", "binary file", "missing column", "empty label folder", "not a zip"}
CASES = ([("stats", case) for case in BAD_INPUTS]
         + [("preview", case) for case in BAD_INPUTS if case != "bad pipeline value"]  # --phrases is for stats
         + [("info", case) for case in BAD_INPUTS  # info reads no documents and takes no pipeline
            if case not in READS_DOCUMENTS | {"unknown preset", "bad pipeline value"}])


@pytest.mark.parametrize("command, case", CASES)
def test_corpus_bad_input_exits_2_with_one_clear_line(cli, tmp_path, command, case):
    args, fragments = _bad_inputs(tmp_path)[case]
    assert_clear_error(cli("corpus", command, *args), *fragments)


def test_corpus_bad_input_json_error(cli, tmp_path, monkeypatch):
    monkeypatch.setattr("sys.argv", ["nlpkit", "corpus", "stats", "brwn", "--json"])
    result = cli("corpus", "stats", "brwn", "--json")
    assert result.exit_code == 2
    error = json.loads(result.stderr)
    assert error["error"] == "UnknownCorpusError" and "brown" in error["message"] and error["hint"]


def test_corpus_debug_shows_the_traceback(cli, tmp_path):
    result = cli("--debug", "corpus", "stats", tmp_path / "nope.txt")
    assert result.exit_code != 0 and result.exit_code != 2
    assert isinstance(result.exception, NlpkitError)


def test_corpus_bad_encoding_is_reported_on_stderr(cli, tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("caf\xe9\n".encode("latin-1"))
    result = cli("corpus", "stats", path, "--json")
    assert result.exit_code == 0
    assert "1 bytes were not valid UTF-8" in result.stderr
    assert json.loads(result.stdout)["documents"] == 1


def test_corpus_help_has_examples(cli):
    for command in ("list", "info", "stats", "preview", "cache"):
        result = cli("corpus", command, "--help")
        assert result.exit_code == 0 and "Examples" in result.stdout


def test_corpus_preview_refuses_a_count_below_one(cli):
    for n in ("0", "-1"):
        result = cli("corpus", "preview", "lee", "-n", n)
        assert result.exit_code == 2 and f"-n {n}: must be at least 1" in result.stderr
        assert "Traceback" not in result.stderr


def test_corpus_stats_refuses_a_negative_top(cli):
    result = cli("corpus", "stats", "lee", "--top", "-1")
    assert result.exit_code == 2 and "--top -1: must be 0 or more" in result.stderr
