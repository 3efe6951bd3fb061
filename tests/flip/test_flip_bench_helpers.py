"""The flip benchmark's own readers: the people's rewrites it scores as a yardstick, and how their edits are counted."""

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "flip_bench.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("flip_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("source", "rewrite", "edits"), [
    ("the food was great", "the food was bad", 1),          # a replacement
    ("was great", "was not great", 1),                      # an insertion
    ("did n't like it", "did like it", 1),                  # a deletion
    ("they never called me back", "they quickly called me back", 1),
    ("the service was slow", "service was fast and friendly", 4),
    ("", "price was good", 3),
])
def test_word_edits_counts_replaced_inserted_and_deleted_words(bench, source, rewrite, edits):
    assert bench.word_edits(source.split(), rewrite.split()) == edits
    assert bench.word_edits(rewrite.split(), source.split()) == edits


def test_read_references_pairs_each_source_with_its_rewrite_and_the_file_label(bench, tmp_path):
    (tmp_path / "reference.0").write_text("the food was awful .\tthe food was great .\n\n", encoding="utf-8")
    (tmp_path / "reference.1").write_text("great staff !\trude staff !\nnice room\tdirty room\n", encoding="utf-8")
    pairs, rewrites = bench.read_references(tmp_path)
    assert pairs == [("the food was awful .".split(), "0"), ("great staff !".split(), "1"), (["nice", "room"], "1")]
    assert rewrites == ["the food was great .".split(), "rude staff !".split(), ["dirty", "room"]]


def test_read_references_names_the_line_without_a_tab(bench, tmp_path):
    (tmp_path / "reference.0").write_text("fine\tgood\nno tab here\n", encoding="utf-8")
    (tmp_path / "reference.1").write_text("a\tb\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"reference\.0:2: no tab"):
        bench.read_references(tmp_path)
