"""Choosing K and measuring stability on the three-theme corpus."""

from __future__ import annotations

import pytest

from nlpkit.errors import InvalidParameterError
from nlpkit.topics import parse_k_range, stability, sweep_k

# These tests train deliberately short runs; the warning itself is tested on its own (test_topics_model.py).
pytestmark = pytest.mark.filterwarnings("ignore::nlpkit.errors.ConvergenceWarning")


@pytest.mark.parametrize("text, expected", [("20", [20]), ("5:40:5", [5, 10, 15, 20, 25, 30, 35, 40]),
                                            ("2:4", [2, 3, 4]), ("10, 5,5", [5, 10])])
def test_selection_parses_k_numbers_ranges_and_lists(text, expected):
    assert parse_k_range(text) == expected


@pytest.mark.parametrize("text", ["40:5", "5:40:0", "five", "5:", "5-40", ""])
def test_selection_rejects_a_k_that_is_not_a_range(text):
    with pytest.raises(InvalidParameterError, match="--k"):
        parse_k_range(text)


def test_selection_sweep_picks_the_k_with_the_highest_npmi(themes_corpus):
    sweep = sweep_k(themes_corpus, [2, 3, 6], measures=("c_npmi",), seed=0, iterations=60)
    assert [row["k"] for row in sweep.rows] == [2, 3, 6]
    best = max(sweep.rows, key=lambda row: row["c_npmi"])
    assert sweep.best_k == best["k"] == sweep.best_model.k
    assert sweep.best_k == 3  # three themes were generated
    assert all({"c_npmi", "diversity", "nmi", "seconds"} <= set(row) for row in sweep.rows)


def test_selection_stability_finds_real_topics_stable(themes_corpus):
    result = stability(themes_corpus, 3, k=3, seed=0, iterations=60, topn=8)
    assert result.seeds == [0, 1, 2]
    assert len(result.per_topic) == 3 and result.mean == pytest.approx(sum(result.per_topic) / 3, abs=1e-3)
    assert result.mean > 0.8  # every seed finds the same three themes
    assert result.model.seed == 0 and result.topics == result.model.top_words(8)


def test_selection_stability_needs_two_runs(themes_corpus):
    with pytest.raises(InvalidParameterError, match="at least 2"):
        stability(themes_corpus, 1, k=3)


def test_selection_sweep_refuses_a_k_above_the_documents_before_training_any(themes_corpus, monkeypatch):
    from nlpkit.topics import TopicModel

    trained = []
    fit = TopicModel.fit
    monkeypatch.setattr(TopicModel, "fit", lambda self, corpus: trained.append(self.k) or fit(self, corpus))
    documents = sum(1 for tokens in themes_corpus if tokens)
    with pytest.raises(InvalidParameterError, match=f"k={documents + 1}: more topics than the {documents}"):
        sweep_k(themes_corpus, [2, 3, documents + 1], iterations=20, seed=0)
    assert trained == []


def test_selection_sweep_takes_a_one_shot_iterable(themes_corpus):
    sweep = sweep_k((tokens for tokens in list(themes_corpus)), [2, 3], measures=("c_npmi",), seed=0, iterations=20)
    assert [row["k"] for row in sweep.rows] == [2, 3]


def test_sweep_takes_a_range_one_measure_and_repeated_ks_and_refuses_none(themes_corpus):
    # sweep_k(c, []) raised max()'s ValueError; measures="c_npmi" trained first, then failed on measure 'c';
    # "2:3" was read letter by letter; [3, 2, 3] trained K=3 twice
    from nlpkit.errors import InvalidParameterError

    sweep = sweep_k(themes_corpus, "2:3", measures="c_npmi", seed=0, iterations=20)
    assert [row["k"] for row in sweep.rows] == [2, 3]
    assert [row["k"] for row in sweep_k(themes_corpus, [3, 2, 3], measures="c_npmi", seed=0,
                                        iterations=20).rows] == [2, 3]
    with pytest.raises(InvalidParameterError, match="no K to sweep"):
        sweep_k(themes_corpus, [])
    with pytest.raises(InvalidParameterError, match="unknown coherence measure 'c_nmpi'"):
        sweep_k(themes_corpus, [2], measures="c_nmpi")
