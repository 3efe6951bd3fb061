"""Where outputs may be written: refusals come before any work, and never destroy what nlpkit did not write."""

from __future__ import annotations

import pytest

from nlpkit._io import atomic_dir, atomic_write, check_output_file, check_output_files, check_output_folder
from nlpkit.errors import InvalidParameterError


def test_an_output_under_a_file_is_refused_before_anything_is_made(tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    for check in (check_output_file, check_output_folder):
        with pytest.raises(InvalidParameterError, match="notes.txt is a file, not a folder"):
            check(tmp_path / "notes.txt" / "sub" / "out.csv")
    with pytest.raises(InvalidParameterError, match="notes.txt is a file"):
        with atomic_write(tmp_path / "notes.txt" / "out.csv") as fh:
            fh.write("never")
    assert (tmp_path / "notes.txt").read_text() == "x"


def test_a_model_folder_replaces_only_a_new_empty_or_nlpkit_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "model").mkdir()
    (tmp_path / "model" / "params.json").write_text("{}")
    for ok in ("new", "empty", "model"):
        with atomic_dir(tmp_path / ok) as tmp:
            (tmp / "params.json").write_text("{}")
        assert (tmp_path / ok / "params.json").is_file()
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.tex").write_text("keep")
    (tmp_path / "table.csv").write_text("keep")
    for refused in ("mine", "table.csv"):
        with pytest.raises(InvalidParameterError):
            with atomic_dir(tmp_path / refused) as tmp:
                (tmp / "params.json").write_text("{}")
    assert (tmp_path / "mine" / "thesis.tex").read_text() == "keep" and (tmp_path / "table.csv").read_text() == "keep"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty", "mine", "model", "new", "table.csv"]   # no debris


def test_an_unwritable_place_is_one_clear_error(tmp_path):
    with pytest.raises(InvalidParameterError, match="cannot write there"):
        with atomic_write("/proc/nlpkit-test/out.csv") as fh:
            fh.write("never")


def test_a_folder_where_a_file_is_read_is_one_clear_error(tmp_path):
    from nlpkit._io import check_readable
    from nlpkit.errors import CorpusFormatError

    with pytest.raises(CorpusFormatError, match="is a folder, but a file is needed here"):
        check_readable(tmp_path)


def test_a_model_folder_is_not_replaced_where_that_would_delete_other_files(tmp_path):
    folder = tmp_path / "model"
    with atomic_dir(folder) as tmp:
        (tmp / "params.json").write_text("{}")
    (folder / "notes.txt").write_text("mine")
    with pytest.raises(InvalidParameterError, match="holds notes.txt, which this save does not write"):
        with atomic_dir(folder) as tmp:
            (tmp / "params.json").write_text('{"new": 1}')
    assert (folder / "notes.txt").read_text() == "mine" and (folder / "params.json").read_text() == "{}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model"]                    # no temporary left


def test_clearing_the_cache_removes_cached_corpora_only(tmp_path, monkeypatch):
    from nlpkit.corpus import read_corpus
    from nlpkit.corpus.cache import cache_size, clear_cache

    monkeypatch.setenv("NLPKIT_CACHE_DIR", str(tmp_path))
    (tmp_path / "thesis.tex").write_text("keep")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "meta.jsonl").write_text("mine, and named like a cache file")
    (tmp_path / "notes" / "draft.txt").write_text("keep")
    text = tmp_path / "docs.txt"
    text.write_text("the first document\nthe second document\n")
    read_corpus(text).word_counts()
    assert cache_size()[0] == 1
    assert clear_cache()[0] == 1 and cache_size() == (0, 0)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs.txt", "notes", "thesis.tex"]
    assert (tmp_path / "notes" / "draft.txt").read_text() == "keep"


def test_a_resave_may_drop_files_its_run_record_lists_and_is_refused_early_otherwise(tmp_path):
    import json

    folder = tmp_path / "model"
    with atomic_dir(folder) as tmp:               # e.g. a gensim save: several engine files
        (tmp / "params.json").write_text("{}")
        (tmp / "model.gensim.state").write_text("x")
        (tmp / "run.json").write_text(json.dumps({"files": ["params.json", "model.gensim.state"]}))
    with atomic_dir(folder) as tmp:               # a tomotopy save over it writes other files
        (tmp / "params.json").write_text("{}")
        (tmp / "model.tomotopy.bin").write_text("y")
    assert sorted(p.name for p in folder.iterdir()) == ["model.tomotopy.bin", "params.json"]
    (folder / "run.json").write_text(json.dumps({"files": ["params.json", "model.tomotopy.bin"]}))
    (folder / "notes.txt").write_text("mine")
    with pytest.raises(InvalidParameterError, match="holds notes.txt"):
        check_output_folder(folder)                # before any work


def test_a_symlinked_folder_is_refused_and_a_leftover_old_file_does_not_break_a_save(tmp_path):
    (tmp_path / "v1").mkdir()
    (tmp_path / "current").symlink_to(tmp_path / "v1")
    with pytest.raises(InvalidParameterError, match="is a symbolic link"):
        check_output_folder(tmp_path / "current")
    (tmp_path / ".m.old").write_text("left by a crash")
    for _ in range(2):
        with atomic_dir(tmp_path / "m") as tmp:
            (tmp / "params.json").write_text("{}")
    assert (tmp_path / "m" / "params.json").is_file() and not (tmp_path / ".m.old").exists()


def test_clearing_the_cache_removes_a_killed_build_but_not_one_in_progress(tmp_path, monkeypatch):
    import os
    import time

    from nlpkit.corpus.cache import cache_size, clear_cache

    monkeypatch.setenv("NLPKIT_CACHE_DIR", str(tmp_path))
    for name in ("0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210"):
        (tmp_path / name).mkdir()
        (tmp_path / name / ".tokens.txt.k2j3.tmp").write_text("the first document\n")
    old = time.time() - 2 * 3600
    os.utime(tmp_path / "0123456789abcdef0123456789abcdef" / ".tokens.txt.k2j3.tmp", (old, old))
    assert cache_size()[0] == 1 and clear_cache()[0] == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fedcba9876543210fedcba9876543210"]


def test_a_resave_may_drop_the_run_record_and_model_card_beside_a_save(tmp_path):
    """scripts/train_default_sentiment.py and build_flip_resources.py rewrite the shipped folders: a save,
    then MODEL_CARD.md beside it; save_resources without a run writes no run.json."""
    folder = tmp_path / "shipped"
    with atomic_dir(folder) as tmp:
        (tmp / "params.json").write_text("{}")
    (folder / "MODEL_CARD.md").write_text("# card")
    (folder / "run.json").write_text('{"files": []}')
    with atomic_dir(folder) as tmp:
        (tmp / "params.json").write_text('{"new": 1}')
    assert sorted(p.name for p in folder.iterdir()) == ["params.json"]


def test_an_output_that_an_input_reads_is_refused(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("a.txt", "b.txt"):
        (corpus / name).write_text("text")
    (tmp_path / "stop.txt").write_text("the")
    refused = [(corpus / "a.txt", corpus / "a.txt"),            # the input file itself
               (corpus / "a.txt", corpus),                     # a file of a folder read whole
               (corpus / "b.txt", corpus / "*.txt"),           # a file a glob matches
               (tmp_path / "stop.txt", tmp_path / "stop.txt")]
    for output, source in refused:
        with pytest.raises(InvalidParameterError, match="is an input file"):
            check_output_file(output, inputs=(None, source))
    allowed = [(corpus / "new.csv", corpus), (tmp_path / "out.csv", corpus / "*.txt"), (corpus / "a.txt", "brown")]
    for output, source in allowed:
        assert check_output_file(output, inputs=(source,)) == output


def test_two_outputs_naming_one_file_are_refused(tmp_path):
    with pytest.raises(InvalidParameterError, match="named for two outputs"):
        check_output_files([tmp_path / "x.html", None, tmp_path / "sub" / ".." / "x.html"])
    check_output_files([tmp_path / "x.html", tmp_path / "x.png", None])


def test_an_unwritable_output_is_refused_by_the_check_made_before_the_work(tmp_path):
    # found only when the result was written until session 22, after minutes of flipping or training
    with pytest.raises(InvalidParameterError, match="cannot write there"):
        check_output_file("/proc/nlpkit-test/out.txt")
    with pytest.raises(InvalidParameterError, match="cannot write there"):
        check_output_folder("/proc/nlpkit-test/model")
    assert check_output_file(tmp_path / "new" / "out.txt") == tmp_path / "new" / "out.txt"
    assert not (tmp_path / "new").exists() and list(tmp_path.iterdir()) == []    # the probe leaves nothing


def test_an_empty_or_damaged_numpy_artifact_is_one_clear_error(tmp_path):
    import numpy as np

    from nlpkit._io import read_npy_artifact, read_npz_artifact, reason
    from nlpkit.errors import ArtifactError

    (tmp_path / "empty.npy").write_bytes(b"")
    (tmp_path / "empty.npz").write_bytes(b"")
    with pytest.raises(ArtifactError, match="empty.npy is not a saved mixture"):
        read_npy_artifact(tmp_path / "empty.npy", "mixture")
    with pytest.raises(ArtifactError, match="empty.npz is not a saved model"):
        read_npz_artifact(tmp_path / "empty.npz", ("a",), "model")
    np.save(tmp_path / "ok.npy", np.arange(3))
    assert read_npy_artifact(tmp_path / "ok.npy", "mixture").tolist() == [0, 1, 2]
    assert reason(EOFError()) == "EOFError" and reason(KeyError(17)) == "KeyError 17"


def test_an_empty_path_is_named_as_empty_not_as_the_current_folder():
    from pathlib import Path

    from nlpkit._io import check_readable
    from nlpkit.errors import CorpusFormatError

    with pytest.raises(CorpusFormatError, match=r"^'' or '\.' \(the current folder\): is a folder"):
        check_readable(Path(""))
