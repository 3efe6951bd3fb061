"""The Corpus object: units, records, labels, stats, and what the capabilities rely on."""

from __future__ import annotations

import pytest
from corpus_fixtures import BROWN_MEMBERS, make_zip, write_text

from nlpkit.corpus import Corpus, Pipeline, read_corpus
from nlpkit.corpus.readers import FolderReader
from nlpkit.errors import EmptyCorpusError, InvalidParameterError


@pytest.fixture
def labelled_folder(tmp_path):
    root = tmp_path / "train"
    write_text(root / "pos" / "1.txt", "I loved it. Mr. Smith was great! Would watch again?")
    write_text(root / "neg" / "2.txt", "Dull. Too long.")
    return root


def test_corpus_sentence_unit_on_a_document_labelled_folder(labelled_folder):
    corpus = read_corpus(labelled_folder, unit="sentence")
    records = list(corpus.records())
    assert [(r["id"], r["label"]) for _, r in records] == [
        ("neg/2.txt#1", "neg"), ("neg/2.txt#2", "neg"),
        ("pos/1.txt#1", "pos"), ("pos/1.txt#2", "pos"), ("pos/1.txt#3", "pos")]
    assert [tokens for tokens, _ in records][2:] == [["i", "loved", "it"], ["mr", "smith", "was", "great"],
                                                     ["would", "watch", "again"]]
    assert records[3][1]["meta"]["sentence"] == 2
    assert corpus.labels() == ["neg", "neg", "pos", "pos", "pos"]
    assert corpus.stats().labels == {"neg": 2, "pos": 3}


def test_corpus_sentence_unit_on_an_nltk_corpus_with_categories(tmp_path):
    corpus = read_corpus(make_zip(tmp_path / "brown.zip", BROWN_MEMBERS), unit="sentence")
    assert corpus.labels() == ["news", "news", "news", "belles_lettres"]
    assert [d.text for d in corpus.documents()][:2] == ["The Fulton County said .", "It found 1/2 ."]


def test_corpus_sentence_unit_without_cache(labelled_folder):
    cached = list(read_corpus(labelled_folder, unit="sentence").records())
    uncached = list(read_corpus(labelled_folder, unit="sentence", cache=False).records())
    assert cached == uncached


def test_corpus_unknown_unit(labelled_folder):
    with pytest.raises(InvalidParameterError, match="unit 'paragraph'"):
        read_corpus(labelled_folder, unit="paragraph")


def test_corpus_is_re_iterable_and_repr_names_it(labelled_folder):
    corpus = Corpus(FolderReader(labelled_folder), name="reviews")
    assert list(corpus) == list(corpus)
    assert repr(corpus) == "Corpus('reviews', format='folder', unit='document')"


def test_corpus_pipeline_preset_by_name(labelled_folder):
    corpus = read_corpus(labelled_folder, pipeline="sentiment")
    assert corpus.pipeline == Pipeline.preset("sentiment")
    assert "!" in next(tok for tok in corpus if "loved" in tok)


def test_corpus_stats_counts(tmp_path):
    path = write_text(tmp_path / "s.txt", "a a b\nb c\nc c c c\n")
    stats = read_corpus(path).stats(top=2, bins=3)
    assert (stats.documents, stats.tokens, stats.vocabulary, stats.empty_documents) == (3, 9, 3, 0)
    assert stats.top_words == [("c", 5), ("a", 2)]
    assert stats.mean_length == 3.0 and stats.median_length == 3.0
    assert sum(count for _, _, count in stats.length_histogram) == 3
    assert stats.to_dict()["documents"] == 3 == len(read_corpus(path)) == len(read_corpus(path, cache=False))
    even = read_corpus(write_text(tmp_path / "two.txt", "a b\nc d e f\n")).stats()
    assert even.median_length == 3.0        # the mean of the two middle lengths, not the upper one


def test_corpus_stats_counts_documents_emptied_by_the_pipeline(tmp_path):
    path = write_text(tmp_path / "s.txt", "the and of\nreal words here\n")
    stats = read_corpus(path, pipeline=Pipeline(stopwords="spacy")).stats()
    assert stats.empty_documents == 1 and stats.documents == 2


def test_corpus_require_tokens_when_everything_is_filtered(tmp_path):
    path = write_text(tmp_path / "s.txt", "the and of\nit is a\n")
    corpus = read_corpus(path, pipeline=Pipeline(stopwords="spacy"))
    with pytest.raises(EmptyCorpusError, match="no tokens are left") as caught:
        corpus.require_tokens()
    assert "stop words" in caught.value.hint
    assert read_corpus(path).require_tokens() is not None


def test_corpus_fitted_pipeline_applies_to_new_text_like_the_corpus(tmp_path):
    path = write_text(tmp_path / "s.txt", "red apple\nred apple\ngreen pear\n")
    corpus = read_corpus(path, pipeline=Pipeline(min_count=2))
    fitted = corpus.fitted_pipeline()
    assert fitted("A red pear and a RED apple") == ["red", "red", "apple"]
    assert list(corpus) == [["red", "apple"], ["red", "apple"], []]


def test_read_corpus_refuses_a_misspelled_reader_option_a_list_and_a_bad_pipeline(tmp_path):
    path = write_text(tmp_path / "x.csv", "body,stars\ngood,5\n")
    with pytest.raises(InvalidParameterError, match=r"unknown reader option 'label_feild' \(did you mean 'label_field'"):
        read_corpus(path, text_field="body", label_feild="stars")
    with pytest.raises(InvalidParameterError, match="opens a path or a corpus name, not a list"):
        read_corpus(["a few words"])
    with pytest.raises(InvalidParameterError, match="pipeline must be a Pipeline or a preset name"):
        read_corpus(path, text_field="body", pipeline=3)
    assert read_corpus(path, text_field="body", label_field="stars").labels() == ["5"]


def test_read_corpus_refuses_an_option_of_another_format_not_ignores_it(tmp_path):
    lines = write_text(tmp_path / "notes.txt", "good food\n")
    with pytest.raises(InvalidParameterError, match=r"notes.txt: text_field \(--text-field\) is an option of table "
                                                    r"corpora, but this one is read as lines") as caught:
        read_corpus(lines, text_field="body")
    assert "--format table" in caught.value.hint
    write_text(tmp_path / "s.pos", "good\n"), write_text(tmp_path / "s.neg", "bad\n")
    with pytest.raises(InvalidParameterError, match="label_field .* read as labelled-lines"):
        read_corpus(tmp_path / "s.*", label_field="stars")
    assert read_corpus(lines, text_field=None).labels() == [None]  # an option not given is no option


def test_pipeline_repr_shows_only_what_differs_from_the_defaults():
    assert repr(Pipeline()) == "Pipeline()"
    assert repr(Pipeline(lemmatize=True, min_len=3)) == "Pipeline(lemmatize=True, min_len=3)"


@pytest.mark.parametrize("source", ["", "  "])
def test_corpus_an_empty_name_is_refused_not_read_as_the_current_folder(source):
    with pytest.raises(InvalidParameterError, match="the corpus is an empty string"):
        read_corpus(source)
