"""Quality measures on hand-made inputs whose right answers are known."""

from __future__ import annotations

import numpy as np
import pytest

from nlpkit.topics.quality import (
    classical_mds,
    coherence,
    diversity,
    jensen_shannon_distances,
    label_nmi,
    topic_overlap,
)


def test_quality_diversity_counts_shared_words():
    assert diversity([["a", "b"], ["c", "d"]]) == 1.0
    assert diversity([["a", "b"], ["a", "b"]]) == 0.5
    assert diversity([["a", "b", "c"], ["a", "x", "y"]], topn=2) == 0.75


def test_quality_npmi_is_higher_for_words_that_occur_together():
    texts = [["cat", "dog", "pet"]] * 20 + [["stock", "bond", "market"]] * 20
    together, _ = coherence([["cat", "dog", "pet"]], texts, "c_npmi")
    apart, _ = coherence([["cat", "bond", "market"]], texts, "c_npmi")
    assert together == pytest.approx(1.0, abs=1e-6)  # always seen together: NPMI is 1
    assert apart < 0


def test_quality_coherence_returns_one_score_per_topic():
    texts = [["a", "b", "c", "d"]] * 5 + [["e", "f", "g", "h"]] * 5
    mean, per_topic = coherence([["a", "b"], ["e", "f"], ["a", "e"]], texts, "c_v")
    assert len(per_topic) == 3 and mean == pytest.approx(np.mean(per_topic))
    assert per_topic[0] > per_topic[2] and per_topic[1] > per_topic[2]


def test_quality_label_nmi_is_one_for_a_perfect_match_and_none_without_labels():
    mixtures = np.array([[0.9, 0.1], [0.8, 0.2], [0.1, 0.9], [0.3, 0.7]])
    assert label_nmi(["x", "x", "y", "y"], mixtures) == pytest.approx(1.0)
    assert label_nmi(["x", "y", "x", "y"], mixtures) == pytest.approx(0.0)
    assert label_nmi([None, None, None, None], mixtures) is None


def test_quality_topic_overlap_pairs_topics_one_to_one():
    reference = [["a", "b", "c", "d"], ["e", "f", "g", "h"]]
    shuffled = [["e", "f", "g", "x"], ["a", "b", "c", "d"]]
    assert topic_overlap(reference, shuffled) == [1.0, 0.75]
    # A topic may be matched only once: both reference topics cannot take the same partner.
    assert topic_overlap([["a", "b"], ["a", "c"]], [["a", "b"], ["z", "y"]]) == [1.0, 0.0]


def test_quality_jensen_shannon_distance_is_zero_for_equal_and_one_for_disjoint():
    p = np.array([[0.5, 0.5, 0.0, 0.0], [0.5, 0.5, 0.0, 0.0], [0.0, 0.0, 0.5, 0.5]])
    d = jensen_shannon_distances(p)
    assert d[0, 1] == pytest.approx(0.0) and d[0, 2] == pytest.approx(1.0)
    assert np.allclose(d, d.T)


def test_quality_classical_mds_keeps_distances_of_points_in_a_plane():
    points = np.array([[0.0, 0.0], [3.0, 0.0], [0.0, 4.0], [3.0, 4.0]])
    distances = np.linalg.norm(points[:, None] - points[None], axis=-1)
    coords = classical_mds(distances)
    assert np.allclose(np.linalg.norm(coords[:, None] - coords[None], axis=-1), distances)


def test_build_dictionary_matches_gensim_dictionary():
    from gensim.corpora import Dictionary

    from nlpkit.topics.quality import build_dictionary

    texts = [["b", "a", "b", "c"], [], ["d", "a", "a"], ["c", "e", "b"]]
    ours, theirs = build_dictionary(texts), Dictionary(texts)
    assert ours.token2id == theirs.token2id
    assert (ours.cfs, ours.dfs) == (theirs.cfs, theirs.dfs)
    assert (ours.num_docs, ours.num_pos, ours.num_nnz) == (theirs.num_docs, theirs.num_pos, theirs.num_nnz)
    assert ours.doc2bow(["a", "e", "a"]) == theirs.doc2bow(["a", "e", "a"])
