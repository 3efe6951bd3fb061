"""nlpkit: explore text corpora — topics, word vectors and analogies, sentiment and its flipping.

The public API is loaded lazily, so ``import nlpkit`` stays fast and loads no torch,
gensim or spaCy until a name that needs them is used.
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("nlpkit")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

_PUBLIC = {
    "read_corpus": "nlpkit.corpus",
    "Corpus": "nlpkit.corpus",
    "Document": "nlpkit.corpus",
    "Pipeline": "nlpkit.corpus",
    "FittedPipeline": "nlpkit.corpus",
    "RunRecord": "nlpkit.runs",
    "NlpkitError": "nlpkit.errors",
    "TopicModel": "nlpkit.topics",
    "WordVectors": "nlpkit.vectors",
    "Word2VecModel": "nlpkit.vectors",
    "FastTextModel": "nlpkit.vectors",
    "SentimentCNN": "nlpkit.sentiment",
    "NgramSentiment": "nlpkit.sentiment",
    "SentimentFlipper": "nlpkit.flip",
    "FlipResult": "nlpkit.flip",
}

__all__ = sorted(_PUBLIC) + ["__version__"]


def __getattr__(name: str):
    if name in _PUBLIC:
        return getattr(importlib.import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'nlpkit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
