import numpy as np
import pytest

from nlpkit.errors import InvalidParameterError
from nlpkit.flip.rays import nearest_to_ray, ray_direction, ray_geometry, ray_point, saliency


def test_saliency_is_the_norm_of_each_gradient_row():
    gradient = np.array([[3.0, 4.0], [0.0, 0.0], [1.0, 0.0]])
    assert saliency(gradient).tolist() == [5.0, 0.0, 1.0]


def test_saliency_refuses_a_vector():
    with pytest.raises(InvalidParameterError, match="matrix"):
        saliency(np.ones(3))


def test_ray_points_against_the_gradient():
    v, g = np.array([1.0, 1.0]), np.array([0.0, 2.0])
    assert np.allclose(ray_direction(g), [0.0, -1.0])
    assert np.allclose(ray_point(v, g, 3.0), [1.0, -2.0])


def test_ray_geometry_gives_position_and_perpendicular_distance():
    v, g = np.zeros(2), np.array([-1.0, 0.0])          # the ray runs along +x
    matrix = np.array([[2.0, 0.0], [3.0, 4.0], [-5.0, 1.0]])
    geometry = ray_geometry(v, g, matrix)
    assert np.allclose(geometry.t, [2.0, 3.0, -5.0])
    assert np.allclose(geometry.distance, [0.0, 4.0, 1.0])


def test_nearest_to_ray_finds_the_planted_word_on_the_ray():
    rng = np.random.default_rng(0)
    matrix = rng.normal(size=(500, 20))
    v, g = matrix[7], rng.normal(size=20)
    matrix[123] = ray_point(v, g, 2.5)                    # planted exactly on the ray
    words = [f"w{i}" for i in range(500)]
    found = nearest_to_ray(v, g, matrix, words, k=3)
    assert found[0].word == "w123"
    # distances come from expanded squared norms (one matrix product), so an exact zero comes back
    # as the square root of float64 cancellation: ~1e-8 here, BLAS-dependent; the next word is ~4 away
    assert found[0].distance == pytest.approx(0.0, abs=1e-6)
    assert found[0].t == pytest.approx(2.5)
    assert [c.distance for c in found] == sorted(c.distance for c in found)


def test_nearest_to_ray_ignores_words_behind_the_start():
    v, g = np.zeros(2), np.array([-1.0, 0.0])
    matrix = np.array([[-2.0, 0.0], [4.0, 1.0]])     # the first lies on the line but at t < 0
    found = nearest_to_ray(v, g, matrix, ["behind", "ahead"], k=2)
    assert [c.word for c in found] == ["ahead"]


def test_nearest_to_ray_respects_the_allowed_mask():
    v, g = np.zeros(2), np.array([-1.0, 0.0])
    matrix = np.array([[2.0, 0.0], [2.0, 1.0]])
    found = nearest_to_ray(v, g, matrix, ["on", "near"], k=1, allowed=np.array([False, True]))
    assert [c.word for c in found] == ["near"]
    assert nearest_to_ray(v, g, matrix, ["on", "near"], allowed=np.array([False, False])) == []


def test_prefer_strong_trades_closeness_for_polarity_strength():
    from nlpkit.flip.rays import RayCandidate, prefer_strong

    found = [RayCandidate(0, "bad", 0.1, 1.0), RayCandidate(1, "poor", 0.2, 1.0), RayCandidate(2, "terrible", 0.3, 1.0)]
    strength = np.array([0.2, 0.3, 1.0])
    assert [c.word for c in prefer_strong(found, strength, 0.0)] == ["bad", "poor", "terrible"]
    assert [c.word for c in prefer_strong(found, strength, 2.0)] == ["terrible", "bad", "poor"]
    assert prefer_strong([], np.array([]), 1.0) == []
