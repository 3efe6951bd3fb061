"""Loading vectors from files: every format round-trips; damaged files fail with one clear ArtifactError."""

from __future__ import annotations

import gzip

import numpy as np
import pytest

from nlpkit.errors import ArtifactError, InvalidParameterError
from nlpkit.vectors import WordVectors
from nlpkit.vectors.formats import load_vectors


def _same(kv, loaded):
    assert loaded.index_to_key == kv.index_to_key
    np.testing.assert_allclose(loaded.vectors, kv.vectors, atol=1e-5)


@pytest.mark.parametrize("name,binary", [("w2v.bin", True), ("w2v.txt", False), ("wiki.vec", False)])
def test_formats_word2vec_files_round_trip(tmp_path, toy_kv, name, binary):
    path = tmp_path / name
    toy_kv.save_word2vec_format(str(path), binary=binary)
    _same(toy_kv, load_vectors(path))


def test_formats_fast_text_writer_round_trips_through_gensim_and_nlpkit(tmp_path, toy_kv):
    from gensim.models import KeyedVectors

    from nlpkit.vectors.formats import write_word2vec_text

    path = tmp_path / "vectors.txt"
    write_word2vec_text(toy_kv.index_to_key, toy_kv.vectors, path)
    _same(toy_kv, load_vectors(path))
    _same(toy_kv, KeyedVectors.load_word2vec_format(str(path), binary=False))


def test_formats_text_writer_in_worker_processes_writes_the_same_bytes(tmp_path, monkeypatch):
    from nlpkit.vectors import formats

    rng = np.random.default_rng(0)
    words, matrix = [f"w{i}" for i in range(50)], rng.normal(size=(50, 7)).astype(np.float32)
    formats.write_word2vec_text(words, matrix, tmp_path / "one.txt")
    monkeypatch.setattr(formats, "TEXT_ROWS_PER_PIECE", 8)  # 7 pieces over 2 processes
    formats.write_word2vec_text(words, matrix, tmp_path / "two.txt", workers=2)
    assert (tmp_path / "two.txt").read_bytes() == (tmp_path / "one.txt").read_bytes()
    assert np.array_equal(load_vectors(tmp_path / "two.txt").vectors, matrix)


def test_formats_text_writer_inside_a_pool_worker_writes_in_one_process(tmp_path, monkeypatch):
    from nlpkit._io import process_pool
    from nlpkit.vectors import formats

    words, matrix = [f"w{i}" for i in range(20)], np.arange(60, dtype=np.float32).reshape(20, 3)
    formats.write_word2vec_text(words, matrix, tmp_path / "one.txt")
    monkeypatch.setattr(formats, "TEXT_ROWS_PER_PIECE", 4)
    with process_pool(1) as pool:  # a pool's worker is daemonic and may not start a pool of its own
        pool.apply(formats.write_word2vec_text, (words, matrix, tmp_path / "nested.txt", 2))
    assert (tmp_path / "nested.txt").read_bytes() == (tmp_path / "one.txt").read_bytes()


def test_formats_glove_text_without_header(tmp_path, toy_kv):
    path = tmp_path / "glove.6B.4d.txt"
    path.write_text("".join(f"{w} {' '.join(map(str, toy_kv[w]))}\n" for w in toy_kv.index_to_key))
    _same(toy_kv, load_vectors(path))


def test_formats_gzipped_text(tmp_path, toy_kv):
    plain = tmp_path / "v.txt"
    toy_kv.save_word2vec_format(str(plain))
    packed = tmp_path / "v.txt.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    _same(toy_kv, load_vectors(packed))


def test_formats_limit_keeps_first_words(tmp_path, toy_kv):
    path = tmp_path / "v.bin"
    toy_kv.save_word2vec_format(str(path), binary=True)
    assert WordVectors.load(path, limit=3).words == toy_kv.index_to_key[:3]


def test_formats_limit_keeps_first_words_of_the_default_glove():
    full, first = WordVectors.load(), WordVectors.load(limit=1000)
    assert first.words == full.words[:1000]
    np.testing.assert_array_equal(first.matrix(), full.matrix(limit=1000))


@pytest.mark.parametrize("name", ["model", "model/vectors.kv"])
def test_formats_limit_keeps_first_words_of_a_saved_model(tmp_path, lee_model, name):
    lee_model.save(tmp_path / "model")
    first = WordVectors.load(tmp_path / name, limit=50)
    assert first.words == lee_model.vectors_.words[:50]
    assert isinstance(first.kv.vectors, np.memmap)        # a view: the rows past the limit are never read
    np.testing.assert_array_equal(first.matrix(), lee_model.vectors_.matrix(limit=50))
    assert first.kv.get_vecattr(first.words[-1], "count") == lee_model.vectors_.kv.get_vecattr(first.words[-1], "count")
    assert first.similar(first.words[0], top=60)[-1].word in first.words


def test_formats_limit_keeps_fasttext_subwords(tmp_path):
    from nlpkit.vectors import FastTextModel

    full = FastTextModel(dim=8, min_count=2, epochs=1, workers=1, bucket=1000).fit("lee").vectors_
    full.save(tmp_path / "ft")
    first = WordVectors.load(tmp_path / "ft", limit=20)
    assert first.words == full.words[:20] and first.has_subwords
    np.testing.assert_allclose(first.vector("governmentt"), full.vector("governmentt"), atol=1e-6)


@pytest.mark.parametrize("limit", [0, -3, 2.5, "5", True])
@pytest.mark.parametrize("kind", ["text", "binary", "folder", "default"])
def test_formats_limit_below_one_or_not_whole_is_refused_up_front(tmp_path, toy_vectors, kind, limit):
    source = {"text": tmp_path / "v.txt", "binary": tmp_path / "v.bin", "folder": tmp_path / "model",
              "default": None}[kind]
    if kind == "folder":
        toy_vectors.save(source)
    elif source is not None:
        toy_vectors.kv.save_word2vec_format(str(source), binary=kind == "binary")
    with pytest.raises(InvalidParameterError, match=f"limit {limit!r}: must be a whole number ≥ 1") as caught:
        WordVectors.load(source, limit=limit)
    assert "None keeps all" in caught.value.hint


def test_formats_saved_folder_is_memory_mapped(tmp_path, toy_vectors):
    toy_vectors.save(tmp_path / "model")
    loaded = WordVectors.load(tmp_path / "model")
    assert isinstance(loaded.kv.vectors, np.memmap)
    assert loaded.analogy("king", "man", "woman", top=1)[0].word == "queen"
    _same(toy_vectors.kv, load_vectors(tmp_path / "model" / "vectors.bin"))
    _same(toy_vectors.kv, load_vectors(tmp_path / "model" / "vectors.kv"))   # the folder's gensim file, by name


def test_formats_truncated_binary(tmp_path, toy_kv):
    path = tmp_path / "v.bin"
    toy_kv.save_word2vec_format(str(path), binary=True)
    path.write_bytes(path.read_bytes()[:-7])
    with pytest.raises(ArtifactError, match="truncated|ends inside"):
        load_vectors(path)


def test_formats_truncated_text_header_promises_more(tmp_path, toy_kv):
    path = tmp_path / "v.txt"
    toy_kv.save_word2vec_format(str(path))
    lines = path.read_text().splitlines(keepends=True)
    path.write_text("".join(lines[:-2]))
    with pytest.raises(ArtifactError, match="promises 10 vectors but the file holds 8"):
        load_vectors(path)


def test_formats_mismatched_dimensions_name_the_line(tmp_path):
    path = tmp_path / "v.txt"
    path.write_text("2 3\napple 0.1 0.2 0.3\npear 0.1 0.2\n")
    with pytest.raises(ArtifactError, match=r"v\.txt:3: 'pear' has 2 numbers, expected 3"):
        load_vectors(path)


def test_formats_binary_header_dimension_mismatch(tmp_path, toy_kv):
    path = tmp_path / "v.bin"
    toy_kv.save_word2vec_format(str(path), binary=True)
    data = path.read_bytes().replace(b"10 4\n", b"10 5\n", 1)
    path.write_bytes(data)
    with pytest.raises(ArtifactError):
        load_vectors(path)


@pytest.mark.parametrize("kind", ["text", "binary", "folder"])
def test_formats_a_vector_holding_nan_or_inf_is_refused_by_name(tmp_path, toy_kv, kind):
    from nlpkit.vectors import WordVectors

    toy_kv.vectors[3, 1] = np.nan
    toy_kv.vectors[5, 0] = np.inf
    path = tmp_path / {"text": "v.txt", "binary": "v.bin", "folder": "model"}[kind]
    if kind == "folder":
        WordVectors(toy_kv).save(path)
    else:
        toy_kv.save_word2vec_format(str(path), binary=kind == "binary")
    with pytest.raises(ArtifactError, match=f"the vector of '{toy_kv.index_to_key[3]}' holds nan or inf "
                                            r"\(2 of 10 vectors do\)"):
        load_vectors(path)


def test_formats_text_that_is_not_vectors(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("this is just some prose\nand more of it\n")
    with pytest.raises(ArtifactError, match="notes.txt:1: 'this' is not followed by numbers"):
        load_vectors(path)


def test_formats_empty_file(tmp_path):
    path = tmp_path / "empty.vec"
    path.write_text("")
    with pytest.raises(ArtifactError, match="holds no vectors"):
        load_vectors(path)


def test_formats_binary_garbage(tmp_path):
    path = tmp_path / "v.bin"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    with pytest.raises(ArtifactError):
        load_vectors(path)


def test_formats_missing_path_and_foreign_folder(tmp_path):
    with pytest.raises(ArtifactError, match="no such file"):
        load_vectors(tmp_path / "absent.bin")
    with pytest.raises(ArtifactError, match="not an nlpkit vectors folder"):
        load_vectors(tmp_path)


def test_formats_damaged_model_folder(tmp_path, toy_vectors):
    toy_vectors.save(tmp_path / "model")
    (tmp_path / "model" / "vectors.kv").write_bytes(b"not a pickle")
    with pytest.raises(ArtifactError, match="cannot be loaded"):
        load_vectors(tmp_path / "model")


def test_formats_unknown_name_is_one_clear_error():
    with pytest.raises(ArtifactError, match="no-such-vectors-xyz: not a file or folder"):
        load_vectors("no-such-vectors-xyz")
