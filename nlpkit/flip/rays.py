"""Gradient rays: from a word's vector along the negative loss gradient, to the nearest real words.

For a token with input vector ``v`` and loss gradient ``g`` (toward the target class), moving
against the gradient lowers the loss.  The ray ``r(t) = v - t * g / |g|`` for ``t > 0`` is the
direction of steepest descent; real vocabulary words close to that ray are the candidates a
sentence can use instead of the token.  Everything here is vectorised numpy over the whole
(frequency-bounded) vocabulary matrix.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import InvalidParameterError


def saliency(gradient: np.ndarray) -> np.ndarray:
    """Per-token saliency: the norm of each row of the loss gradient ``[n_tokens, dim]``."""
    gradient = np.asarray(gradient, dtype=np.float64)
    if gradient.ndim != 2:
        raise InvalidParameterError(f"the gradient must be a [tokens, dim] matrix, not shape {gradient.shape}")
    return np.linalg.norm(gradient, axis=1)


def ray_direction(gradient_row: np.ndarray) -> np.ndarray:
    """The unit direction ``-g / |g|`` of the ray (zero when the gradient vanishes)."""
    g = np.asarray(gradient_row, dtype=np.float64)
    norm = np.linalg.norm(g)
    return np.zeros_like(g) if norm == 0 else -g / norm


def ray_point(vector: np.ndarray, gradient_row: np.ndarray, t: float) -> np.ndarray:
    """``r(t) = v - t * g / |g|``."""
    return np.asarray(vector, dtype=np.float64) + t * ray_direction(gradient_row)


@dataclass(frozen=True)
class RayGeometry:
    """Position ``t`` along the ray and perpendicular distance to it, for every row of a matrix."""

    t: np.ndarray
    distance: np.ndarray


def ray_geometry(vector: np.ndarray, gradient_row: np.ndarray, matrix: np.ndarray,
                 squared_norms: np.ndarray | None = None) -> RayGeometry:
    """Project every row ``w`` of ``matrix`` onto the ray from ``vector`` along ``-gradient``.

    ``t = (w - v) . u`` with ``u = -g/|g|``; the perpendicular distance is
    ``sqrt(|w - v|^2 - t^2)``.  ``squared_norms`` (``|w|^2`` per row) may be precomputed.
    """
    v = np.asarray(vector, dtype=np.float64)
    u = ray_direction(gradient_row)
    m = np.asarray(matrix)
    if squared_norms is None:
        squared_norms = np.einsum("ij,ij->i", m, m, dtype=np.float64)
    mv = m @ v
    mu = m @ u
    t = mu - v @ u
    offset_sq = squared_norms - 2.0 * mv + v @ v          # |w - v|^2
    distance = np.sqrt(np.maximum(offset_sq - t * t, 0.0))
    return RayGeometry(t=t, distance=distance)


@dataclass(frozen=True)
class RayCandidate:
    """A vocabulary word near the ray: its row, perpendicular distance and position along the ray."""

    index: int
    word: str
    distance: float
    t: float


def nearest_to_ray(vector: np.ndarray, gradient_row: np.ndarray, matrix: np.ndarray, words: list[str],
                   k: int = 10, allowed: np.ndarray | None = None,
                   squared_norms: np.ndarray | None = None) -> list[RayCandidate]:
    """The ``k`` words with the smallest perpendicular distance to the ray and ``t > 0``.

    ``allowed`` is an optional boolean mask over the rows (e.g. polarity and part of speech);
    rows where it is False are never returned.
    """
    if k < 1:
        raise InvalidParameterError(f"k must be at least 1, not {k}")
    geometry = ray_geometry(vector, gradient_row, matrix, squared_norms)
    keep = geometry.t > 0
    if allowed is not None:
        keep &= allowed
    distance = np.where(keep, geometry.distance, np.inf)
    n = int(keep.sum())
    if n == 0:
        return []
    k = min(k, n)
    top = np.argpartition(distance, k - 1)[:k]
    top = top[np.argsort(distance[top], kind="stable")]
    return [RayCandidate(int(i), words[i], float(geometry.distance[i]), float(geometry.t[i])) for i in top]


def prefer_strong(candidates: list[RayCandidate], strength: np.ndarray, weight: float) -> list[RayCandidate]:
    """Re-rank ray candidates by distance traded against polarity strength.

    ``strength`` (one value per candidate, in [0, 1]) is how strongly each word carries the
    target sentiment.  The distances are rescaled to [0, 1] within the list, so ``weight`` = 1
    lets the strongest word overtake the nearest one; 0 keeps the pure ray order.
    """
    if not candidates or weight == 0:
        return list(candidates)
    distance = np.array([c.distance for c in candidates])
    spread = np.ptp(distance)
    closeness = (distance - distance.min()) / spread if spread > 0 else np.zeros_like(distance)
    order = np.argsort(closeness - weight * np.asarray(strength, dtype=np.float64), kind="stable")
    return [candidates[i] for i in order]
