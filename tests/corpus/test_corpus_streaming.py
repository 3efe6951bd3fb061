"""Streaming: the memory a pass over a corpus needs does not grow with the corpus."""

from __future__ import annotations

import random
import tracemalloc

import pytest
from corpus_fixtures import write_text

from nlpkit.corpus import read_corpus

WORDS = [f"word{i}" for i in range(300)] + ["the", "a", "not", "don't", "it's", "good", "bad"]


def _generate(path, documents: int):
    rng = random.Random(1)
    lines = (" ".join(rng.choices(WORDS, k=rng.randint(5, 30))) + "." for _ in range(documents))
    return write_text(path, "\n".join(lines) + "\n")


def _peak_of_passes(path) -> tuple[int, int]:
    """(peak traced bytes, tokens) over a cold pass (building the cache) and a cached pass."""
    tracemalloc.start()
    try:
        tokens = sum(len(t) for t in read_corpus(path))  # cold
        tokens += sum(len(t) for t, _ in read_corpus(path).records())  # from the cache
        return tracemalloc.get_traced_memory()[1], tokens
    finally:
        tracemalloc.stop()


@pytest.mark.slow
def test_corpus_streaming_memory_is_flat_from_1x_to_4x(tmp_path, monkeypatch):
    monkeypatch.setenv("NLPKIT_WORKERS", "1")  # measure this process; workers would hide the work
    small = _generate(tmp_path / "small.txt", 2_500)
    large = _generate(tmp_path / "large.txt", 10_000)
    _peak_of_passes(write_text(tmp_path / "warm.txt", "warm up the imports and caches\n"))
    peak_small, tokens_small = _peak_of_passes(small)
    peak_large, tokens_large = _peak_of_passes(large)
    assert tokens_large > 3.5 * tokens_small
    # a corpus held in memory would need ~4x; streaming needs about the same (batches, not the corpus)
    assert peak_large < 1.25 * peak_small + 100_000, (peak_small, peak_large)
