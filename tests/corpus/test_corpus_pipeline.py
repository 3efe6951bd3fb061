"""Every pipeline option, one behaviour each, on texts whose right answer is known."""

from __future__ import annotations

import pytest
from corpus_fixtures import write_text

from nlpkit.corpus import FittedPipeline, Pipeline, read_corpus
from nlpkit.corpus.pipeline import split_sentences
from nlpkit.errors import InvalidParameterError


def tok(text, **settings):
    return Pipeline(**settings).tokenize(text)


# ---- normalisation, case, tokenisation ---------------------------------------------------------
def test_pipeline_nfkc_folds_ligatures_and_full_width():
    assert tok("ﬁne ＡＢＣ") == ["fine", "abc"]
    assert tok("ﬁne", normalize=None) == ["ﬁne"]


def test_pipeline_nfc_composes_accents():
    decomposed = "cafe\u0301"
    assert tok(decomposed, normalize="NFC") == ["café"]
    assert tok(decomposed, normalize=None) != ["café"]


def test_pipeline_lowercase_switch():
    assert tok("The Cat") == ["the", "cat"]
    assert tok("The Cat", lowercase=False) == ["The", "Cat"]


def test_pipeline_regex_tokenizer_splits_clitics_ptb_style():
    assert tok("I don't think it's John's; we can't.") == ["i", "do", "n't", "think", "it", "'s", "john", "'s",
                                                          "we", "ca", "n't"]
    assert tok("don't", split_clitics=False) == ["don't"]
    assert tok("don’t") == ["do", "n't"]


def test_pipeline_regex_tokenizer_keeps_inner_hyphens_and_punct_on_request():
    assert tok("A well-known fact!", keep_punct=True) == ["a", "well-known", "fact", "!"]
    assert tok("A well-known fact!") == ["a", "well-known", "fact"]


def test_pipeline_spacy_tokenizer():
    text = "Don't split e-mail@example.com, please (really)."
    tokens = tok(text, tokenizer="spacy", keep_punct=True)
    assert tokens[:2] == ["do", "n't"]
    assert "<url>" in tokens and "(" in tokens and ")" in tokens
    assert tok(text, tokenizer="spacy") == ["do", "n't", "split", "<url>", "please", "really"]


def test_pipeline_sentence_splitting_knows_abbreviations():
    text = "Mr. Smith went to Washington. He arrived at 5 p.m. on Monday! Did he stay? Yes.\n\nA new paragraph"
    assert split_sentences(text) == ["Mr. Smith went to Washington.", "He arrived at 5 p.m. on Monday!",
                                     "Did he stay?", "Yes.", "A new paragraph"]
    assert Pipeline().sentences("e.g. this is one. And two.") == ["e.g. this is one.", "And two."]


# ---- filters -------------------------------------------------------------------------------------
def test_pipeline_spacy_stop_words_keep_negations_by_default():
    assert tok("this is not the movie", stopwords="spacy") == ["not", "movie"]
    assert tok("this is not the movie", stopwords="spacy", keep_negations=False) == ["movie"]


def test_pipeline_stop_words_from_a_file_and_extra_file(tmp_path):
    base = write_text(tmp_path / "stop.txt", "# my list\nthe\nMOVIE\n")
    extra = write_text(tmp_path / "extra.txt", "plot\n")
    assert tok("the movie had a plot", stopwords=str(base)) == ["had", "a", "plot"]
    assert tok("the movie had a plot", stopwords="spacy", extra_stopwords=str(extra)) == ["movie"]
    assert tok("The Plot", lowercase=False, extra_stopwords=str(extra)) == ["The"]


def test_pipeline_lemmatisation_with_spacy_lookups():
    assert tok("the mice were running", lemmatize=True) == ["the", "mouse", "be", "run"]


def test_pipeline_stop_words_go_before_lemmatising():
    # spaCy lists "does", "using" and "well", not their lemmas "doe", "use" and "good"
    assert tok("he does well using tools", stopwords="spacy", lemmatize=True) == ["tool"]
    assert tok("we use good tools", stopwords="spacy", lemmatize=True) == ["use", "good", "tool"]
    assert tok("the mice were here", stopwords="spacy", lemmatize=True) == ["mouse"]  # "were" -> "be"


def test_pipeline_token_length_bounds():
    assert tok("a bb ccc dddd", min_len=2, max_len=3) == ["bb", "ccc"]


@pytest.mark.parametrize("setting, expected", [
    ("keep", ["in", "1999", "it", "cost", "3.50", "at", "5pm"]),
    ("drop", ["in", "it", "cost", "at"]),
    ("token", ["in", "<num>", "it", "cost", "<num>", "at", "<num>"]),
])
def test_pipeline_numbers(setting, expected):
    assert tok("In 1999 it cost 3.50 at 5pm", numbers=setting) == expected


@pytest.mark.parametrize("setting, expected", [
    ("keep", ["see", "https://example.com/a?b=1", "or", "www.x.org", "or", "me@site.com"]),
    ("drop", ["see", "or", "or"]),
    ("token", ["see", "<url>", "or", "<url>", "or", "<url>"]),
])
def test_pipeline_urls(setting, expected):
    assert tok("See https://example.com/a?b=1 or www.x.org or me@site.com", urls=setting) == expected


def test_pipeline_placeholders_survive_as_one_token():
    assert tok("an <unk> word and <num> things") == ["an", "<unk>", "word", "and", "<num>", "things"]


# ---- presets, validation, trace ---------------------------------------------------------------------
def test_pipeline_presets():
    text = "The 3 mice aren't running to http://x.org!"
    assert Pipeline.preset("topics").tokenize(text) == ["mouse", "run"]
    assert Pipeline.preset("vectors").tokenize(text) == ["the", "<num>", "mice", "are", "n't", "running", "to",
                                                         "<url>"]
    assert Pipeline.preset("sentiment").tokenize(text)[-2:] == ["<url>", "!"]
    assert Pipeline.preset("topics", min_len=2).min_len == 2


def test_pipeline_unknown_preset_suggests_the_closest():
    with pytest.raises(InvalidParameterError, match="did you mean 'topics'"):
        Pipeline.preset("topic")


@pytest.mark.parametrize("settings, message", [
    ({"tokenizer": "nltk"}, "tokenizer"), ({"numbers": "hide"}, "numbers"), ({"min_len": 0}, "length bounds"),
    ({"min_len": 5, "max_len": 3}, "length bounds"), ({"phrases": 4}, "phrases"), ({"max_df": 0}, "max_df"),
    ({"min_count": 0}, "min_count"), ({"normalize": "NFX"}, "normalize"), ({"urls": "x"}, "urls"),
])
def test_pipeline_validate_rejects_out_of_range_settings(settings, message):
    with pytest.raises(InvalidParameterError, match=message):
        Pipeline(**settings).validate()


def test_pipeline_with_params_rejects_unknown_settings():
    assert Pipeline().with_params(min_len=3).min_len == 3
    with pytest.raises(InvalidParameterError, match="min_lenght"):
        Pipeline().with_params(min_lenght=3)


def test_pipeline_trace_shows_each_step():
    stages = Pipeline(stopwords="spacy").trace("The ﬁrst Cat")
    assert stages["normalised"] == "the first cat"
    assert stages["tokens"] == ["the", "first", "cat"]
    assert stages["filtered"] == ["cat"]


# ---- corpus-level steps: phrases and pruning -----------------------------------------------------
@pytest.fixture
def city_corpus(tmp_path):
    fillers = ["apples", "rivers", "music", "trains", "books", "coffee", "gardens", "bridges", "maps", "clocks"]
    lines = [f"{fillers[(i * 7 + 2) % 10]} new york city {fillers[i % 10]} and {fillers[(i * 3 + 1) % 10]}"
             for i in range(40)]
    lines += ["the rare word zebra appears once"]
    return write_text(tmp_path / "cities.txt", "\n".join(lines) + "\n")


def test_pipeline_phrases_bigrams(city_corpus):
    pipeline = Pipeline(phrases=2, phrase_min_count=3, phrase_threshold=0.5)
    first = next(iter(read_corpus(city_corpus, pipeline=pipeline)))
    assert first[0] == "music" and first[1] in ("new_york", "york_city") and "_" not in first[2]


def test_pipeline_phrases_trigrams(city_corpus):
    pipeline = Pipeline(phrases=3, phrase_min_count=3, phrase_threshold=0.5)
    corpus = read_corpus(city_corpus, pipeline=pipeline)
    first = next(iter(corpus))
    assert first[:2] == ["music", "new_york_city"]
    fitted = corpus.fitted_pipeline()
    assert fitted("I love New York City") == ["i", "love", "new_york_city"]


def test_pipeline_pruning_by_count(city_corpus):
    corpus = read_corpus(city_corpus, pipeline=Pipeline(min_count=2))
    vocabulary = {t for tokens in corpus for t in tokens}
    assert "zebra" not in vocabulary and "apples" in vocabulary


def test_pipeline_pruning_by_document_frequency(city_corpus):
    corpus = read_corpus(city_corpus, pipeline=Pipeline(min_df=2, max_df=0.5))
    vocabulary = {t for tokens in corpus for t in tokens}
    assert {"new", "york", "city", "and"}.isdisjoint(vocabulary)  # in > half the documents
    assert "zebra" not in vocabulary  # in one document
    assert "apples" in vocabulary


def test_fitted_pipeline_round_trips_through_a_dict(city_corpus):
    corpus = read_corpus(city_corpus, pipeline=Pipeline(phrases=3, phrase_min_count=3, phrase_threshold=0.5,
                                                        min_count=2))
    fitted = corpus.fitted_pipeline()
    again = FittedPipeline.from_dict(fitted.to_dict())
    text = "new york city zebra apples"
    assert again(text) == fitted(text) == ["new_york_city", "apples"]
    assert again.pipeline == fitted.pipeline


def test_pipeline_lemmatize_keeps_place_names_the_lookup_table_misreads():
    tokens = Pipeline(lemmatize=True).tokenize("new south wales and the united states")
    assert tokens == ["new", "south", "wales", "and", "the", "united", "state"]


def test_pipeline_lemmatize_keeps_nouns_the_lookup_table_would_misread_as_comparatives():
    tokens = Pipeline(lemmatize=True).tokenize("the number of brokers and children running")
    assert tokens == ["the", "number", "of", "broker", "and", "child", "run"]


def test_written_tokens_give_each_token_as_the_text_wrote_it():
    from nlpkit.corpus import Pipeline

    text = "The Food at Joe's cost 45 dollars, see http://joes.example"
    pipeline = Pipeline.preset("sentiment")
    tokens = pipeline.tokenize(text)
    written = pipeline.written_tokens(text)
    assert "<num>" in tokens and "<url>" in tokens and tokens[0] == "the"
    assert written[:2] == ["The", "Food"] and "45" in written and "http://joes.example" in written
    assert len(written) == len(tokens) and pipeline.written_tokens(text, tokens) == written
    assert Pipeline(numbers="drop").written_tokens(text) is None        # a dropped number breaks the alignment


def test_a_misspelled_stop_word_list_is_named_as_such_not_as_a_missing_file(tmp_path):
    # "spacyy" was reported as "spacyy: no such file or folder", a CorpusNotFoundError
    with pytest.raises(InvalidParameterError, match="stopwords 'spacyy': neither .* \\(did you mean 'spacy'"):
        Pipeline(stopwords="spacyy").tokenize("the food")
    words = write_text(tmp_path / "stop.txt", "food\n")
    assert Pipeline(stopwords=str(words)).tokenize("the food was good") == ["the", "was", "good"]


def test_a_fitted_pipeline_says_what_it_learned(tmp_path):
    # its repr was "<nlpkit.corpus.pipeline.FittedPipeline object at 0x...>"
    path = write_text(tmp_path / "s.txt", "red apple\nred apple\ngreen pear\n")
    fitted = read_corpus(path, pipeline=Pipeline(min_count=2)).fitted_pipeline()
    assert repr(fitted) == "FittedPipeline(Pipeline(min_count=2))  # learned: vocabulary of 2 words"
    assert repr(FittedPipeline(Pipeline())) == "FittedPipeline(Pipeline())"
