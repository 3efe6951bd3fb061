"""Word vectors trained on the real shared corpora (CI has ../shared/data)."""

from __future__ import annotations

import json

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.slow]


@pytest.fixture(scope="module")
def wikitext_model(tmp_path_factory):
    from nlpkit.vectors import FastTextModel

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NLPKIT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        return FastTextModel(dim=50, min_count=3, epochs=5, bucket=200_000, workers=1, seed=0).fit("wikitext-2")


def test_vectors_wikitext_fasttext_neighbours_are_sensible(shared_data, wikitext_model):
    vectors = wikitext_model.vectors_
    assert wikitext_model.corpus_["tokens"] > 150_000
    months = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december"}
    assert months & {n.word for n in vectors.similar("october", top=10)}


def test_vectors_wikitext_eval_reports_answerable_accuracy(shared_data, wikitext_model):
    result = wikitext_model.vectors_.evaluate()
    overall = result["analogy"]["overall"]
    assert 0 < overall["answerable"] < overall["questions"]
    assert overall["add_accuracy"] > 0.05  # subwords solve many syntactic questions even on 0.2M tokens
    assert result["wordsim"]["used"] > 100


def test_vectors_cli_train_and_eval_on_shared_corpus(shared_data, cli, tmp_path):
    out = tmp_path / "su"
    trained = cli("vectors", "train", "state_union", "--out", out, "--dim", "32", "--epochs", "2", "--json")
    assert trained.exit_code == 0, trained.stderr
    assert json.loads(trained.stdout)["tokens"] > 300_000
    result = cli("vectors", "eval", "--vectors", out, "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["analogy"]["overall"]["answerable"] > 0
