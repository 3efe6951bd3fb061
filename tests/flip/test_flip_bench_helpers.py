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


@pytest.mark.parametrize(("zero", "one", "message"), [
    ("fine\tgood\nno tab here\n", "a\tb\n", r"reference\.0:2: not a source, a tab and its rewrite"),
    ("fine\t\n", "a\tb\n", r"reference\.0:1: not a source, a tab and its rewrite"),
    ("fine\tgood\n", "\n\n", r"reference\.1: no source<TAB>rewrite lines"),
    ("fine\tgood\n", None, r"reference\.1: cannot be read"),
    ("fine\tgood\n", b"\xff\xfe\tbad\n", r"reference\.1: cannot be read"),
])
def test_read_references_names_the_file_and_line_it_cannot_use(bench, tmp_path, zero, one, message):
    (tmp_path / "reference.0").write_text(zero, encoding="utf-8")
    if isinstance(one, bytes):
        (tmp_path / "reference.1").write_bytes(one)
    elif one is not None:
        (tmp_path / "reference.1").write_text(one, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        bench.read_references(tmp_path)


def test_the_benchmark_refuses_bad_references_in_one_line_with_exit_2_before_training(tmp_path):
    import subprocess
    import sys

    (tmp_path / "reference.0").write_text("fine\tgood\nno tab here\n", encoding="utf-8")
    (tmp_path / "reference.1").write_text("a\tb\n", encoding="utf-8")
    for folder in (tmp_path, tmp_path / "missing"):
        done = subprocess.run([sys.executable, str(BENCH), "--references", str(folder), "--work", str(tmp_path / "work")],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 2
        assert done.stderr.count("\n") == 1 and done.stderr.startswith("error: ") and "reference.0" in done.stderr
        assert "Traceback" not in done.stderr and not (tmp_path / "work").exists()
