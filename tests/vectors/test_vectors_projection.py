"""2-D word maps: PCA/t-SNE points, PNG and self-contained HTML."""

from __future__ import annotations

import pytest

from nlpkit.errors import InvalidParameterError, OutOfVocabularyError
from nlpkit.vectors.projection import save_map, word_map


def test_projection_points_hold_words_and_neighbours(random_vectors):
    points = word_map(random_vectors, ["w1", "w2"], neighbours=3)
    chosen = [p.word for p in points if p.chosen]
    assert chosen == ["w1", "w2"]
    assert 4 <= len(points) <= 8
    near_w1 = {n.word for n in random_vectors.similar("w1", 3)}
    assert near_w1 <= {p.word for p in points}


@pytest.mark.slow
def test_projection_tsne_is_seeded(random_vectors):
    first = word_map(random_vectors, ["w1"], neighbours=6, method="tsne", seed=3)
    second = word_map(random_vectors, ["w1"], neighbours=6, method="tsne", seed=3)
    assert [(p.x, p.y) for p in first] == [(p.x, p.y) for p in second]


def test_projection_png_and_html(tmp_path, toy_vectors):
    points = word_map(toy_vectors, ["king", "pizza"], neighbours=2)
    png = save_map(points, tmp_path / "map.png", title="toy")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page = save_map(points, tmp_path / "map.html", title="toy").read_text()
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page and ">pizza</text>" in page
    assert "http" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")  # self-contained


def test_projection_bad_input(tmp_path, toy_vectors):
    with pytest.raises(OutOfVocabularyError):
        word_map(toy_vectors, ["kingg"])
    with pytest.raises(InvalidParameterError, match="pca' or 'tsne"):
        word_map(toy_vectors, ["king"], method="umap")
    with pytest.raises(InvalidParameterError, match=".png, .html"):
        save_map(word_map(toy_vectors, ["king"], neighbours=1), tmp_path / "map.jpg")
