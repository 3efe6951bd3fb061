"""The token cache: a second run skips tokenising; changes invalidate it; it is whole or absent."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from corpus_fixtures import write_text

from nlpkit._io import cache_dir
from nlpkit.corpus import Corpus, Document, Pipeline, clear_cache, read_corpus
from nlpkit.corpus import corpus as corpus_module
from nlpkit.corpus.cache import cache_size
from nlpkit.corpus.corpus import count_token_lines
from nlpkit.corpus.readers import LinesReader


class CountingReader(LinesReader):
    """A lines reader that counts how often the source is read, and can fail part-way."""

    def __init__(self, path, fail_after: int | None = None):
        super().__init__(path)
        self.passes = 0
        self.fail_after = fail_after

    def __iter__(self) -> Iterator[Document]:
        self.passes += 1
        for number, doc in enumerate(super().__iter__()):
            if self.fail_after is not None and number == self.fail_after:
                raise KeyboardInterrupt
            yield doc


def cache_files() -> list[str]:
    root = cache_dir()
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")) if root.exists() else []


@pytest.fixture
def reviews(tmp_path):
    return write_text(tmp_path / "reviews.txt", "Good food.\nBad service, don't go.\nGood food again!\n")


def test_cache_second_run_skips_tokenising(reviews):
    reader = CountingReader(reviews)
    first = list(Corpus(reader))
    assert reader.passes == 1
    again = Corpus(reader)  # a new Corpus, as in a second run: same files, same settings
    assert list(again) == first == [["good", "food"], ["bad", "service", "do", "n't", "go"], ["good", "food", "again"]]
    assert again.labels() == [None, None, None]
    again.stats()
    list(again.records())
    assert reader.passes == 1


def test_cache_changed_file_invalidates(reviews):
    reader = CountingReader(reviews)
    before = Corpus(reader).fingerprint
    list(Corpus(reader))
    reviews.write_text("Completely new text.\n")
    changed = Corpus(reader)
    assert changed.fingerprint != before
    assert list(changed) == [["completely", "new", "text"]]
    assert reader.passes == 2


def test_cache_a_corpus_object_sees_its_file_change(reviews, monkeypatch):
    # a notebook edits its data file and re-runs a cell with the same Corpus object
    corpus = Corpus(CountingReader(reviews), Pipeline(phrases=2, phrase_min_count=1))
    assert len(corpus) == 3 and corpus.fitted_pipeline() is corpus.fitted_pipeline()
    learned = corpus.fitted_pipeline()
    with open(reviews, "a", encoding="utf-8") as fh:
        fh.write("A brand new line.\n")
    assert len(corpus) == 4 and list(corpus)[-1] == ["a", "brand", "new", "line"]
    assert corpus.fitted_pipeline() is not learned

    hashed = []
    real_hash = corpus_module.hash_files
    monkeypatch.setattr(corpus_module, "hash_files", lambda *a: hashed.append(a) or real_hash(*a))
    list(corpus), len(corpus), list(corpus.records())
    assert hashed == []  # the content is hashed again only when a file changes, not on every pass


def test_cache_a_folder_corpus_is_walked_again_only_when_a_folder_of_it_changes(tmp_path):
    for label in ("pos", "neg"):
        write_text(tmp_path / "data" / label / "1.txt", f"a {label} review\n")
    corpus = read_corpus(tmp_path / "data")
    assert len(corpus) == 2         # built: the reader walked the folder to read it
    walks = []
    real_files = corpus.reader.files
    corpus.reader.files = lambda: walks.append(1) or real_files()
    assert list(corpus) and corpus.labels() == ["neg", "pos"] and len(corpus) == 2
    assert walks == []              # unchanged folders: only the known files are looked at
    write_text(tmp_path / "data" / "pos" / "2.txt", "another review\n")
    assert len(corpus) == 3 and walks
    (tmp_path / "data" / "neu").mkdir()                  # an empty folder, then a file in it
    assert len(corpus) == 3
    write_text(tmp_path / "data" / "neu" / "1.txt", "a plain review\n")
    assert len(corpus) == 4 and "neu" in corpus.labels()


@pytest.mark.parametrize("setting", [{"lowercase": False}, {"stopwords": "spacy"}, {"numbers": "drop"},
                                     {"tokenizer": "spacy"}])
def test_cache_changed_text_setting_invalidates(tmp_path, setting):
    reader = CountingReader(write_text(tmp_path / "r.txt", "The well-known place got 5 stars.\n"))
    list(Corpus(reader))
    other = Corpus(reader, Pipeline(**setting))
    assert other.fingerprint != Corpus(reader).fingerprint
    assert list(other) != list(Corpus(reader))
    assert reader.passes == 2


def test_cache_unit_and_reader_options_are_part_of_the_key(reviews, tmp_path):
    reader = CountingReader(reviews)
    assert Corpus(reader, unit="sentence").fingerprint != Corpus(reader).fingerprint
    table = write_text(tmp_path / "t.csv", "text,alt\na,b\n")
    assert read_corpus(table).fingerprint != read_corpus(table, text_field="alt").fingerprint


def test_cache_corpus_level_settings_reuse_the_tokens(reviews):
    reader = CountingReader(reviews)
    plain = Corpus(reader)
    pruned = Corpus(reader, Pipeline(min_count=2))
    assert pruned.fingerprint == plain.fingerprint
    assert list(pruned) == [["good", "food"], [], ["good", "food"]]
    assert pruned.token_file() != plain.token_file()
    assert reader.passes == 1
    assert any(name.endswith(".json") and "fitted-" in name for name in cache_files())


def test_cache_token_file_is_line_sentence_format(reviews):
    corpus = read_corpus(reviews)
    lines = corpus.token_file().read_text(encoding="utf-8").splitlines()
    assert lines == ["good food", "bad service do n't go", "good food again"]


def test_cache_word_counts_are_counted_while_tokenising_and_match_the_tokens(reviews):
    reader = CountingReader(reviews)
    corpus = Corpus(reader)
    counts = corpus.word_counts()
    assert counts.words == {"good": 2, "food": 2, "bad": 1, "service": 1, "do": 1, "n't": 1, "go": 1, "again": 1}
    assert list(counts.words)[:3] == ["good", "food", "bad"]  # first-occurrence order, as gensim's own scan
    assert (counts.lines, counts.tokens, counts.sentences) == (3, 10, 3)
    assert any(name.endswith("tokens.counts.json") for name in cache_files())
    assert reader.passes == 1
    with open(corpus.token_file(), encoding="utf-8") as fh:
        assert count_token_lines(fh) == counts  # what a scan of the written file counts, sentences included


def test_cache_word_counts_of_a_pruned_corpus_count_the_pruned_tokens(reviews):
    pruned = Corpus(CountingReader(reviews), Pipeline(min_count=2))
    from nlpkit.corpus.cache import CacheEntry

    assert CacheEntry.counts(pruned.token_file()).exists()  # counted while the pruned tokens were written
    counts = pruned.word_counts()
    assert counts.words == {"good": 2, "food": 2} and counts.lines == 3
    assert pruned.word_counts() == counts  # read back from the file saved beside the pruned tokens


@pytest.mark.parametrize("fail_after", [0, 2])
def test_cache_interrupted_build_leaves_nothing(reviews, fail_after):
    with pytest.raises(KeyboardInterrupt):
        list(Corpus(CountingReader(reviews, fail_after=fail_after)))
    assert cache_files() == []
    assert list(Corpus(CountingReader(reviews)))[0] == ["good", "food"]  # the next run builds it whole


def test_cache_disabled_writes_nothing(reviews):
    reader = CountingReader(reviews)
    corpus = Corpus(reader, Pipeline(min_count=2), cache=False)
    assert list(corpus) == [["good", "food"], [], ["good", "food"]]
    assert corpus.labels() == [None, None, None]
    assert cache_files() == []


def test_cache_clear_removes_every_entry(reviews, tmp_path):
    list(read_corpus(reviews))
    list(read_corpus(write_text(tmp_path / "other.txt", "more\n")))
    entries, size = cache_size()
    assert entries == 2 and size > 0
    assert clear_cache() == (entries, size)
    assert cache_size() == (0, 0)


def test_cache_parallel_build_equals_the_single_process_build(tmp_path, monkeypatch):
    import gzip

    text = "".join(f"Document {i} says: don't stop, it's {i % 7} o'clock.\n" for i in range(3000))
    path = tmp_path / "many.txt.gz"  # compressed: documents read by this process, tokenised by the pool
    path.write_bytes(gzip.compress(text.encode()))
    monkeypatch.setattr(corpus_module, "BATCH_DOCUMENTS", 50)
    monkeypatch.setenv("NLPKIT_WORKERS", "1")
    single = read_corpus(path)
    single_tokens, single_meta = single.token_file().read_bytes(), single._entry().meta.read_bytes()
    clear_cache()
    monkeypatch.setenv("NLPKIT_WORKERS", "2")
    monkeypatch.setattr(corpus_module, "PARALLEL_MIN_CHARS", 1000)
    parallel = read_corpus(path)
    assert parallel.token_file().read_bytes() == single_tokens
    assert parallel._entry().meta.read_bytes() == single_meta
    assert parallel.word_counts() == single.word_counts()
    assert list(parallel.records()) == list(single.records())


@pytest.mark.parametrize("value", ["0", "two", "-1"])
def test_cache_bad_worker_count_is_refused(reviews, monkeypatch, value):
    from nlpkit.errors import InvalidParameterError

    monkeypatch.setenv("NLPKIT_WORKERS", value)
    with pytest.raises(InvalidParameterError, match="NLPKIT_WORKERS"):
        list(read_corpus(reviews))


def test_cache_folder_honours_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("NLPKIT_CACHE_DIR", str(tmp_path / "elsewhere"))
    path = write_text(tmp_path / "a.txt", "hello\n")
    list(read_corpus(path))
    assert (tmp_path / "elsewhere").is_dir() and os.listdir(tmp_path / "elsewhere")


@pytest.mark.parametrize("cores, load, expected", [(4, 0.2, 4), (4, 2.6, 1), (2, 11.0, 1), (8, 3.4, 5)])
def test_cache_default_workers_are_the_idle_cores(monkeypatch, cores, load, expected):
    monkeypatch.delenv("NLPKIT_WORKERS", raising=False)
    monkeypatch.setattr(corpus_module.os, "cpu_count", lambda: cores)
    monkeypatch.setattr(corpus_module, "busy_cores", lambda n: load)
    assert corpus_module.build_workers() == expected
    monkeypatch.setenv("NLPKIT_WORKERS", "3")
    assert corpus_module.build_workers() == 3


def test_atomic_write_gives_the_file_the_usual_permissions_not_mkstemps_0600(tmp_path):
    import os
    import stat

    from nlpkit._io import atomic_write

    target = tmp_path / "out.txt"
    with atomic_write(target) as fh:
        fh.write("x")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


def test_atomic_write_refuses_a_folder_and_leaves_nothing_behind(tmp_path):
    from nlpkit._io import atomic_write
    from nlpkit.errors import InvalidParameterError

    with pytest.raises(InvalidParameterError, match="is a folder"):
        with atomic_write(tmp_path) as fh:
            fh.write("x")
    assert list(tmp_path.parent.glob(f".{tmp_path.name}.*")) == []


def test_cache_busy_cores_read_from_two_proc_stat_samples():
    # user nice system idle iowait irq softirq steal: 300 of 400 ticks idle on 4 cores = 1 core busy
    first, second = [100, 0, 50, 1000, 10, 0, 0, 0], [170, 0, 80, 1280, 30, 0, 0, 0]
    assert corpus_module.busy_between(first, second, 4) == pytest.approx(1.0)
    assert corpus_module.busy_between(first, first, 4) == 0.0
    busy = corpus_module.busy_cores(os.cpu_count() or 1, window=0.05)  # the real reading, on this machine
    assert 0.0 <= busy <= (os.cpu_count() or 1) + 1e-9


@pytest.mark.parametrize("text", [
    "".join(f"Line {i}: don't stop, it's {i % 7} o'clock.\n" + ("\n" if i % 5 == 0 else "") for i in range(2000)),
    "".join(f"caf\u00e9 {i} BAD bad byte\n" for i in range(2000)) + "no newline at the end",
    "".join(f"old mac line {i}\r\n" for i in range(2000)),  # a carriage return: the workers do not read it
])
def test_cache_workers_reading_byte_ranges_give_the_single_process_tokens(tmp_path, monkeypatch, text):
    import warnings

    path = tmp_path / "lines.txt"
    path.write_bytes(text.encode("utf-8").replace(b"BAD", b"\xff\xfe"))
    monkeypatch.setenv("NLPKIT_WORKERS", "1")
    with warnings.catch_warnings(record=True) as single_warnings:
        warnings.simplefilter("always")
        single = read_corpus(path, format="lines")
        single_tokens, single_records = single.token_file().read_bytes(), list(single.records())
    clear_cache()
    monkeypatch.setenv("NLPKIT_WORKERS", "2")
    monkeypatch.setattr(corpus_module, "PARALLEL_MIN_CHARS", 1000)
    monkeypatch.setattr(corpus_module, "RANGE_BYTES", 4096)  # many ranges, cut in the middle of lines
    ranges = corpus_module.line_ranges(path, 2)
    assert (ranges is None) == (b"\r" in path.read_bytes())
    with warnings.catch_warnings(record=True) as parallel_warnings:
        warnings.simplefilter("always")
        parallel = read_corpus(path, format="lines")
        assert parallel.token_file().read_bytes() == single_tokens
    assert list(parallel.records()) == single_records
    assert parallel.word_counts() == single.word_counts()
    assert [str(w.message) for w in parallel_warnings] == [str(w.message) for w in single_warnings]


@pytest.mark.parametrize("name", ["lines.txt", 'quote " and caf\u00e9 918273645546372819.txt',
                                  "a\x1918273645546372819.txt"])  # JSON writes \x19 as \u0019: the mark again
def test_cache_line_records_from_a_template_equal_the_encoded_records(tmp_path, name):
    # the workers' meta lines come from one encoded template; the last two names hold the template's mark
    path = tmp_path / name
    numbers = [1, 2, 10, 918273645546372819, 99999]
    expected = corpus_module._JSON.encode(
        [corpus_module._record(LinesReader.document(path, n, "")) for n in numbers]) + "\n"
    assert corpus_module._line_records(path)(numbers) == expected


def test_cache_line_ranges_start_at_lines_and_count_the_lines_before(tmp_path, monkeypatch):
    path = tmp_path / "lines.txt"
    path.write_bytes(b"".join(b"x" * (i % 50) + b"\n" for i in range(3000)))
    monkeypatch.setattr(corpus_module, "PARALLEL_MIN_CHARS", 100)
    monkeypatch.setattr(corpus_module, "RANGE_BYTES", 1000)
    data = path.read_bytes()
    ranges = corpus_module.line_ranges(path, 2)
    assert ranges[0][0] == 0 and ranges[-1][1] == len(data) and len(ranges) > 10
    for (start, end, before), following in zip(ranges, ranges[1:] + [(len(data), None, None)]):
        assert end == following[0] and (start == 0 or data[start - 1:start] == b"\n")
        assert before == data[:start].count(b"\n")


def test_cache_counts_a_long_document_as_the_sentences_word2vec_tools_read(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("word " * 25_000 + "\nshort line\n")
    counts = read_corpus(path).word_counts()
    assert (counts.lines, counts.tokens, counts.sentences) == (2, 25_002, 4)  # 25,000 tokens: 3 pieces of 10,000
    with open(read_corpus(path).token_file(), encoding="utf-8") as fh:
        assert count_token_lines(fh) == counts


@pytest.mark.parametrize("damaged", ["tokens.txt", "meta.jsonl"])
def test_cache_cut_short_from_outside_is_rebuilt_not_trusted(reviews, damaged):
    # a tokens.txt cut to fewer lines made `corpus stats` report fewer documents, and an empty meta.jsonl
    # was blamed on the corpus ("the corpus has no documents")
    reader = CountingReader(reviews)
    first = list(Corpus(reader))
    path = cache_dir() / Corpus(reader).fingerprint / damaged
    path.write_text(path.read_text().splitlines(keepends=True)[0] if damaged == "tokens.txt" else "")
    again = Corpus(reader)
    assert list(again) == first and again.labels() == [None, None, None]
    assert reader.passes == 2                                 # read once more, to rebuild the cache
    list(Corpus(reader))
    assert reader.passes == 2                                 # ... and the rebuilt cache is trusted again


def test_cache_derived_token_file_cut_short_is_rebuilt(reviews):
    # word2vec and fastText read the pruned or phrased token file: cut short, it would train on less
    reader = CountingReader(reviews)
    pruned = Corpus(reader, Pipeline(min_count=2))
    path = pruned.token_file()
    whole = path.read_text(encoding="utf-8")
    path.write_text(whole.splitlines(keepends=True)[0], encoding="utf-8")
    again = Corpus(reader, Pipeline(min_count=2))
    assert again.token_file().read_text(encoding="utf-8") == whole
    assert reader.passes == 1                           # rebuilt from the cached tokens, not from the source
