"""Property tests: the tokenizer survives any Unicode, and its tokens survive the cache's format."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nlpkit.corpus import Pipeline

PIPELINES = [Pipeline(), Pipeline.preset("sentiment"), Pipeline.preset("topics"),
             Pipeline(lowercase=False, normalize=None, split_clitics=False, keep_punct=True, urls="keep")]
any_text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=200)
wordy_text = st.lists(st.sampled_from(["don't", "it’s", "http://a.b/c.", "3.5%", "<unk>", "ﬁ", "İ", "\u00a0", "\x1c",
                                       "\u2028", "e@x.io", "--", "'", "’s", "a_b", "ǅ", "\u0301", "😀", " ", "\n"]),
                      max_size=30).map("".join)


def _check(pipeline: Pipeline, text: str) -> None:
    tokens = pipeline.tokenize(text)
    assert isinstance(tokens, list)
    for token in tokens:
        assert token, "empty token"
        assert not any(ch.isspace() for ch in token), f"whitespace inside {token!r}"
    # the cache stores tokens space-joined, one document a line: they must come back the same
    assert " ".join(tokens).split() == tokens


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=any_text)
def test_tokenizer_never_crashes_on_arbitrary_unicode(text):
    for pipeline in PIPELINES:
        _check(pipeline, text)


@settings(max_examples=300, deadline=None)
@given(text=wordy_text)
def test_tokenizer_tricky_pieces_never_leave_whitespace_in_tokens(text):
    for pipeline in PIPELINES:
        _check(pipeline, text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(any_text, wordy_text))
def test_spacy_tokenizer_never_crashes_on_arbitrary_unicode(text):
    _check(Pipeline(tokenizer="spacy", keep_punct=True), text)
