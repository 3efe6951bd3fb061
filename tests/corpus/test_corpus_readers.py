"""Every reader, on fixtures built here: documents, ids, labels, metadata, compression, bad input."""

from __future__ import annotations

import warnings

import pytest
from corpus_fixtures import (BROWN_MEMBERS, COMPRESSIONS, MOVIE_MEMBERS, POLARITY_MEMBERS, WIKI_XML, WIKITEXT,
                             make_zip, write_bytes, write_text)

from nlpkit.corpus import detect_format, make_reader, read_corpus
from nlpkit.errors import (CorpusFormatError, CorpusNotFoundError, EmptyCorpusError, EncodingWarning,
                           InvalidParameterError, UnknownCorpusError)


def docs_of(source, **options):
    return list(read_corpus(source, **options).documents())


# ---- plain text -------------------------------------------------------------------------------
@pytest.mark.parametrize("compression", COMPRESSIONS)
def test_lines_reader_one_document_per_non_empty_line(tmp_path, compression):
    path = write_text(tmp_path / f"docs.txt{compression}", "First one.\n\n  Second one.  \nThird\n")
    docs = docs_of(path)
    assert [d.text for d in docs] == ["First one.", "Second one.", "Third"]
    assert [d.meta["line"] for d in docs] == [1, 3, 4]
    assert docs[1].id == f"docs.txt{compression}:3"
    assert docs[0].meta["file"] == str(path)
    assert all(d.label is None for d in docs)


@pytest.mark.parametrize("compression", COMPRESSIONS)
def test_text_reader_whole_file_is_one_document(tmp_path, compression):
    path = write_text(tmp_path / f"essay.txt{compression}", "Line one.\nLine two.\n")
    docs = docs_of(path, format="text")
    assert len(docs) == 1
    assert docs[0].text == "Line one.\nLine two.\n"
    assert read_corpus(path, format="text").stats().tokens == 4


# ---- folders ----------------------------------------------------------------------------------
@pytest.mark.parametrize("compression", COMPRESSIONS)
def test_folder_reader_labels_from_sub_folders(tmp_path, compression):
    root = tmp_path / "train"
    write_text(root / "pos" / f"1.txt{compression}", "Loved it.")
    write_text(root / "pos" / f"2.txt{compression}", "Great fun.")
    write_text(root / "neg" / f"3.txt{compression}", "Hated it.")
    write_text(root / "neg" / "notes.md", "not a document")
    write_text(root / ".hidden" / "x.txt", "hidden folders are skipped")
    docs = docs_of(root)
    assert sorted((d.label, d.text) for d in docs) == [("neg", "Hated it."), ("pos", "Great fun."), ("pos", "Loved it.")]
    assert all(d.meta["category"] == d.label for d in docs)
    assert read_corpus(root).stats().labels == {"neg": 1, "pos": 2}


def test_folder_reader_files_in_the_root_have_no_label(tmp_path):
    write_text(tmp_path / "a.txt", "alpha")
    write_text(tmp_path / "sub" / "b.txt", "beta")
    labels = {d.text: d.label for d in docs_of(tmp_path)}
    assert labels == {"alpha": None, "beta": "sub"}


def test_folder_reader_empty_label_folder_is_named(tmp_path):
    write_text(tmp_path / "pos" / "1.txt", "good")
    (tmp_path / "neg").mkdir()
    with pytest.raises(EmptyCorpusError, match=r"neg: label folder has no \.txt files"):
        docs_of(tmp_path)


def test_folder_reader_without_text_files(tmp_path):
    write_text(tmp_path / "notes.md", "nothing to read")
    with pytest.raises(EmptyCorpusError, match="no .txt files"):
        read_corpus(tmp_path).stats()


# ---- tables -----------------------------------------------------------------------------------
TABLES = {
    "reviews.csv": 'id,body,stars\n1,"Good, really good",5\n2,"Bad",1\n3,"Fine ""quoted"" text",\n',
    "reviews.tsv": "id\tbody\tstars\n1\tGood, really good\t5\n2\tBad\t1\n3\tFine \"quoted\" text\t\n",
    "reviews.jsonl": '{"body": "Good, really good", "stars": 5}\n\n{"body": "Bad", "stars": 1}\n'
                     '{"body": "Fine \\"quoted\\" text", "stars": null}\n',
}


@pytest.mark.parametrize("compression", COMPRESSIONS)
@pytest.mark.parametrize("name", sorted(TABLES))
def test_table_reader_named_text_and_label_columns(tmp_path, name, compression):
    path = write_text(tmp_path / f"{name}{compression}", TABLES[name])
    docs = docs_of(path, text_field="body", label_field="stars")
    assert [d.text for d in docs] == ["Good, really good", "Bad", 'Fine "quoted" text']
    assert [d.label for d in docs] == ["5", "1", None]
    assert all(d.meta["file"] == str(path) for d in docs)


@pytest.mark.parametrize("name", sorted(TABLES))
def test_table_reader_missing_column_suggests_the_closest(tmp_path, name):
    path = write_text(tmp_path / name, TABLES[name])
    with pytest.raises(CorpusFormatError, match=r"no column named 'bdy' \(did you mean 'body'\?\)") as caught:
        docs_of(path, text_field="bdy", label_field="stars")
    assert name in caught.value.message
    assert "--text-field" in caught.value.hint


def test_table_reader_missing_label_column_names_the_flag(tmp_path):
    path = write_text(tmp_path / "r.csv", TABLES["reviews.csv"])
    with pytest.raises(CorpusFormatError, match="no column named 'rating'") as caught:
        docs_of(path, text_field="body", label_field="rating")
    assert "--label-field" in caught.value.hint


def test_table_reader_label_column_is_optional_unless_named(tmp_path):
    unlabelled = write_text(tmp_path / "a.csv", "text,other\nhello,1\n")
    labelled = write_text(tmp_path / "b.jsonl", '{"text": "hi", "label": "pos"}\n{"text": "ho"}\n')
    assert [d.label for d in docs_of(unlabelled)] == [None]
    assert [d.label for d in docs_of(labelled)] == ["pos", None]


def test_table_reader_takes_ids_from_an_id_column_where_it_has_a_value(tmp_path):
    table = write_text(tmp_path / "posts.csv", "id,text\np-17,first post\n,second post\n")
    rows = write_text(tmp_path / "posts.jsonl", '{"id": 42, "text": "a"}\n{"text": "b"}\n')
    assert [d.id for d in docs_of(table)] == ["p-17", "posts.csv:3"]
    assert [d.id for d in docs_of(rows)] == ["42", "posts.jsonl:2"]


def test_table_reader_bad_json_line_is_located(tmp_path):
    path = write_text(tmp_path / "r.jsonl", '{"text": "ok"}\n{"text": broken\n')
    with pytest.raises(CorpusFormatError, match=r"r\.jsonl:2: not valid JSON"):
        docs_of(path, label_field=None)


def test_table_reader_json_row_must_be_an_object(tmp_path):
    path = write_text(tmp_path / "r.jsonl", '["a", "list"]\n')
    with pytest.raises(CorpusFormatError, match="must be an object"):
        docs_of(path)


# ---- labelled lines ---------------------------------------------------------------------------
@pytest.mark.parametrize("compression", COMPRESSIONS)
def test_labelled_lines_label_from_the_file_name_suffix(tmp_path, compression):
    path = write_text(tmp_path / f"rt-polarity.pos{compression}", "a gem .\n\nsimply brilliant .\n")
    docs = docs_of(path)
    assert [(d.text, d.label) for d in docs] == [("a gem .", "pos"), ("simply brilliant .", "pos")]
    assert docs[1].meta["line"] == 3


@pytest.mark.parametrize("compression", COMPRESSIONS)
def test_labelled_lines_by_glob(tmp_path, compression):
    write_text(tmp_path / f"sentiment.train.0{compression}", "bad food\nslow service\n")
    write_text(tmp_path / f"sentiment.train.1{compression}", "great food\n")
    write_text(tmp_path / "sentiment.dev.1", "not matched by the glob\n")
    corpus = read_corpus(tmp_path / "sentiment.train.*")
    assert corpus.reader.format == "labelled-lines"
    assert [(d.text, d.label) for d in corpus.documents()] == [
        ("bad food", "0"), ("slow service", "0"), ("great food", "1")]
    assert corpus.labels() == ["0", "0", "1"]


def test_glob_matching_nothing_is_not_found(tmp_path):
    with pytest.raises(CorpusNotFoundError):
        read_corpus(tmp_path / "sentiment.train.*")


def test_glob_of_several_files_needs_labelled_lines(tmp_path):
    write_text(tmp_path / "a.txt", "a\n")
    write_text(tmp_path / "b.txt", "b\n")
    with pytest.raises(InvalidParameterError, match="several files"):
        read_corpus(tmp_path / "*.txt", format="lines")


# ---- NLTK corpora -----------------------------------------------------------------------------
def _unpack(members: dict, root):
    for name, content in members.items():
        write_bytes(root / name, content if isinstance(content, bytes) else content.encode())
    return root / next(iter(members)).split("/")[0]


@pytest.mark.parametrize("layout", ["zip", "folder"])
def test_nltk_brown_untagged_with_categories(tmp_path, layout):
    source = make_zip(tmp_path / "brown.zip", BROWN_MEMBERS) if layout == "zip" else _unpack(BROWN_MEMBERS, tmp_path)
    docs = docs_of(source)
    assert [(d.id, d.label) for d in docs] == [("ca01", "news"), ("ca02", "news"), ("cg01", "belles_lettres")]
    assert docs[0].text == "The Fulton County said .\n\nIt found 1/2 ."
    assert "README" not in {d.id for d in docs}


@pytest.mark.parametrize("layout", ["zip", "folder"])
def test_nltk_movie_reviews_labels_from_folders(tmp_path, layout):
    source = make_zip(tmp_path / "movie_reviews.zip", MOVIE_MEMBERS) if layout == "zip" else _unpack(MOVIE_MEMBERS, tmp_path)
    docs = docs_of(source)
    assert sorted((d.label, d.id) for d in docs) == [
        ("neg", "neg/cv002_3.txt"), ("pos", "pos/cv000_1.txt"), ("pos", "pos/cv001_2.txt")]


@pytest.mark.parametrize("layout", ["zip", "folder"])
def test_nltk_sentence_polarity_latin1_lines(tmp_path, layout):
    source = (make_zip(tmp_path / "sentence_polarity.zip", POLARITY_MEMBERS) if layout == "zip"
              else _unpack(POLARITY_MEMBERS, tmp_path))
    docs = docs_of(source)
    assert [(d.text, d.label) for d in docs] == [
        ("a mess .", "neg"), ("naïve and dull .", "neg"), ("a gem of a film .", "pos"), ("simply brilliant .", "pos")]


def test_nltk_unit_chooses_how_the_corpus_is_cut(tmp_path):
    source = make_zip(tmp_path / "sentence_polarity.zip", POLARITY_MEMBERS)
    assert len(docs_of(source)) == 4
    assert len(docs_of(source, unit="file")) == 2


def test_nltk_corpus_found_through_nltk_data(tmp_path, monkeypatch):
    make_zip(write_bytes(tmp_path / "corpora" / "placeholder", b"").parent / "brown.zip", BROWN_MEMBERS)
    monkeypatch.setenv("NLTK_DATA", str(tmp_path))
    corpus = read_corpus("brown")
    assert corpus.name == "brown"
    assert corpus.reader.path == tmp_path / "corpora" / "brown.zip"
    assert corpus.labels() == ["news", "news", "belles_lettres"]


def test_nltk_not_a_zip(tmp_path):
    path = write_text(tmp_path / "fake.zip", "not a zip")
    with pytest.raises(CorpusFormatError, match="not a zip file"):
        docs_of(path)


# ---- Wikipedia --------------------------------------------------------------------------------
@pytest.mark.parametrize("suffix", [".xml.bz2", ".xml.gz", ".xml"])
def test_wikipedia_dump_articles_only(tmp_path, suffix):
    path = write_text(tmp_path / f"tinywiki-pages-articles{suffix}", WIKI_XML)
    docs = docs_of(path)
    assert [d.id for d in docs] == ["Anarchism"]  # not the redirect, the stub or the talk page
    assert "political philosophy" in docs[0].text
    assert "[[" not in docs[0].text and "Infobox" not in docs[0].text
    assert docs[0].meta["page_id"] == "12"


def test_wikipedia_min_chars(tmp_path):
    path = write_text(tmp_path / "tinywiki.xml.bz2", WIKI_XML)
    assert [d.id for d in docs_of(path, min_chars=1)] == ["Anarchism", "Stub"]


# ---- WikiText ---------------------------------------------------------------------------------
@pytest.mark.parametrize("compression", COMPRESSIONS)
def test_wikitext_one_document_per_article(tmp_path, compression):
    path = write_text(tmp_path / "wikitext-2" / f"valid.txt{compression}", WIKITEXT)
    docs = docs_of(path)
    assert [d.id for d in docs] == ["Homarus gammarus", "Second Article"]
    first = docs[0].text.split("\n\n")
    assert first[0] == "Homarus gammarus is a species of <unk> lobster . It grows to 1,000 g and is blue-black ."
    assert first[1] == "Description"  # a section heading stays inside its article
    assert first[2] == "It may grow to a length of 60.5 cm ."
    assert docs[1].meta["line"] == 10
    assert "<unk>" in read_corpus(path).pipeline.tokenize(docs[0].text)


def test_wikitext_format_by_name(tmp_path):
    path = write_text(tmp_path / "wiki.valid.tokens", WIKITEXT)
    assert detect_format(path) == "wikitext"
    assert len(docs_of(path)) == 2


# ---- format detection and bad input -----------------------------------------------------------
@pytest.mark.parametrize("name, expected", [
    ("a.txt", "lines"), ("a.txt.gz", "lines"), ("a.csv", "table"), ("a.tsv.bz2", "table"), ("a.jsonl", "table"),
    ("rt-polarity.neg", "labelled-lines"), ("sentiment.train.1.gz", "labelled-lines"), ("brown.zip", "nltk"),
    ("enwiki-pages-articles.xml.bz2", "wikipedia"), ("wiki.test.tokens", "wikitext"),
])
def test_detect_format_from_the_name(tmp_path, name, expected):
    assert detect_format(tmp_path / name) == expected


def test_detect_format_of_folders(tmp_path):
    (tmp_path / "plain").mkdir()
    (tmp_path / "brown").mkdir()
    write_text(tmp_path / "withcats" / "cats.txt", "a b\n")
    assert [detect_format(tmp_path / n) for n in ("plain", "brown", "withcats")] == ["folder", "nltk", "nltk"]


def test_unknown_format_suggests_the_closest(lines_file):
    with pytest.raises(InvalidParameterError, match="did you mean 'lines'") as caught:
        make_reader(lines_file, "line")
    assert "wikitext" in caught.value.hint


@pytest.mark.parametrize("compression", COMPRESSIONS)
def test_bad_encoding_is_replaced_counted_and_warned(tmp_path, compression):
    path = write_bytes(tmp_path / f"latin.txt{compression}", "caf\xe9 cr\xe8me\nplain line\n".encode("latin-1"))
    with pytest.warns(EncodingWarning, match=r"latin\.txt.*: 2 bytes were not valid UTF-8 and were replaced"):
        docs = docs_of(path)
    assert docs[0].text == "caf\ufffd cr\ufffdme"
    assert docs[1].text == "plain line"


def test_valid_utf8_gives_no_warning(tmp_path):
    path = write_text(tmp_path / "ok.txt", "café crème ✓\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert docs_of(path)[0].text == "café crème ✓"


@pytest.mark.parametrize("compression", COMPRESSIONS)
def test_binary_file_is_refused(tmp_path, compression):
    path = write_bytes(tmp_path / f"image.txt{compression}", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    with pytest.raises(CorpusFormatError, match="looks binary"):
        docs_of(path)


def test_truncated_gzip_is_refused(tmp_path):
    full = write_text(tmp_path / "full.txt.gz", "some text\n" * 100)
    truncated = tmp_path / "cut.txt.gz"
    truncated.write_bytes(full.read_bytes()[:20])
    with pytest.raises(CorpusFormatError, match="cut.txt.gz: cannot be read"):
        docs_of(truncated)


def test_missing_path(tmp_path):
    with pytest.raises(CorpusNotFoundError, match="nothing.txt: no such file or folder"):
        read_corpus(tmp_path / "nothing.txt")


def test_unknown_corpus_name_suggests_the_closest():
    with pytest.raises(UnknownCorpusError, match="'brwn' is neither a file nor a known corpus .did you mean 'brown'"):
        read_corpus("brwn")


def test_known_corpus_absent_here_says_how_to_obtain_it(monkeypatch, tmp_path):
    monkeypatch.setenv("NLTK_DATA", str(tmp_path))
    monkeypatch.setattr("nlpkit.corpus.catalog.nltk_data_roots", lambda: [tmp_path])
    with pytest.raises(CorpusNotFoundError, match="corpus 'brown' is not on this machine") as caught:
        read_corpus("brown")
    assert "nltk.downloader brown" in caught.value.hint and "NLTK_DATA" in caught.value.hint


def test_a_shared_data_corpus_absent_here_names_only_the_variable_that_finds_it(monkeypatch):
    # the hint named NLTK_DATA for yelp, which NLTK's folders never hold
    monkeypatch.setattr("nlpkit.corpus.catalog.shared_data_roots", list)
    with pytest.raises(CorpusNotFoundError, match="corpus 'yelp-dev' is not on this machine") as caught:
        read_corpus("yelp-dev")
    assert "NLPKIT_SHARED_DATA" in caught.value.hint and "NLTK_DATA" not in caught.value.hint
    monkeypatch.setattr("nlpkit.corpus.catalog._roots", lambda kind: [])
    with pytest.raises(CorpusNotFoundError, match="corpus 'lee' is not on this machine") as caught:
        read_corpus("lee")       # found only inside gensim: no variable would find it
    assert "gensim" in caught.value.hint and "set" not in caught.value.hint


@pytest.mark.parametrize("content", ["", "\n\n   \n"])
def test_empty_corpus(tmp_path, content):
    path = write_text(tmp_path / "empty.txt", content)
    corpus = read_corpus(path)
    with pytest.raises(EmptyCorpusError, match="empty.txt: the corpus has no documents"):
        corpus.stats()
    with pytest.raises(EmptyCorpusError):
        list(corpus)


def test_default_corpus_is_the_embedded_lee():
    corpus = read_corpus()
    assert corpus.name == "lee"
    assert sum(1 for _ in corpus.documents()) == 300
