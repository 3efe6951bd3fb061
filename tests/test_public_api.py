"""The public names other capabilities build on: present, lazy, and with the signatures they use."""

from __future__ import annotations

import dataclasses
import importlib
import inspect

import pytest

import nlpkit

CORPUS_NAMES = ["read_corpus", "Corpus", "Document", "Pipeline", "RunRecord", "NlpkitError"]
CAPABILITY_NAMES = sorted(set(nlpkit.__all__) - set(CORPUS_NAMES) - {"__version__"})


@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_public_api_foundation_names_resolve(name):
    assert name in nlpkit.__all__
    assert getattr(nlpkit, name) is getattr(importlib.import_module(nlpkit._PUBLIC[name]), name)


@pytest.mark.parametrize("name", CAPABILITY_NAMES)
def test_public_api_capability_names_resolve_once_their_module_has_them(name):
    module = importlib.import_module(nlpkit._PUBLIC[name])
    if not hasattr(module, name):
        pytest.skip(f"{module.__name__} does not define {name} yet (its issue is in progress)")
    assert getattr(nlpkit, name) is getattr(module, name)


def test_public_api_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        nlpkit.nope  # noqa: B018
    assert isinstance(nlpkit.__version__, str)
    assert set(dir(nlpkit)) == set(nlpkit.__all__)


def _parameters(func) -> list[tuple[str, str, object]]:
    return [(p.name, p.kind.name, p.default) for p in inspect.signature(func).parameters.values()]


def test_public_api_read_corpus_signature():
    assert _parameters(nlpkit.read_corpus) == [
        ("source", "POSITIONAL_OR_KEYWORD", None), ("pipeline", "KEYWORD_ONLY", None),
        ("format", "KEYWORD_ONLY", "auto"), ("unit", "KEYWORD_ONLY", None), ("cache", "KEYWORD_ONLY", True),
        ("reader_options", "VAR_KEYWORD", inspect.Parameter.empty)]


def test_public_api_corpus_methods():
    from nlpkit.corpus import Corpus

    assert _parameters(Corpus.__init__)[:3] == [
        ("self", "POSITIONAL_OR_KEYWORD", inspect.Parameter.empty),
        ("reader", "POSITIONAL_OR_KEYWORD", inspect.Parameter.empty),
        ("pipeline", "POSITIONAL_OR_KEYWORD", None)]
    assert {"unit", "cache", "name"} <= {name for name, _, _ in _parameters(Corpus.__init__)}
    for method in ("__iter__", "documents", "records", "labels", "token_file", "stats", "fitted_pipeline",
                   "require_tokens"):
        assert callable(getattr(Corpus, method)), method
    assert isinstance(inspect.getattr_static(Corpus, "fingerprint"), property)


def test_public_api_pipeline_and_fitted_pipeline():
    from nlpkit.corpus import FittedPipeline, Pipeline

    fields = {f.name for f in dataclasses.fields(Pipeline)}
    assert {"lowercase", "normalize", "tokenizer", "split_clitics", "keep_punct", "numbers", "urls", "stopwords",
            "extra_stopwords", "keep_negations", "lemmatize", "min_len", "max_len", "phrases", "phrase_min_count",
            "phrase_threshold", "min_count", "min_df", "max_df"} <= fields
    assert dataclasses.is_dataclass(Pipeline) and Pipeline.__dataclass_params__.frozen
    for method in ("tokenize", "sentences", "preset", "get_params", "with_params", "validate", "trace"):
        assert callable(getattr(Pipeline, method)), method
    for method in ("fit", "transform", "to_dict", "from_dict", "__call__"):
        assert callable(getattr(FittedPipeline, method)), method


def test_public_api_document_fields():
    from nlpkit.corpus import Document

    doc = Document("d1", "text", "pos", {"file": "a.txt"})
    assert (doc.id, doc.text, doc.label, doc.meta) == ("d1", "text", "pos", {"file": "a.txt"})
    assert Document("d2", "t").label is None and Document("d2", "t").meta == {}
