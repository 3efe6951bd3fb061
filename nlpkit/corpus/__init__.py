"""The shared corpus layer: readers -> pipeline -> cached, re-iterable Corpus."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import InvalidParameterError
from .cache import clear_cache
from .catalog import DEFAULT_CORPUS, CorpusCard, card, cards, shared_data
from .corpus import Corpus, CorpusStats, TokenCounts
from .document import Document
from .pipeline import FittedPipeline, Pipeline
from .readers import READERS, NltkReader, Reader, detect_format, make_reader

__all__ = [
    "DEFAULT_CORPUS", "READERS", "Corpus", "CorpusCard", "CorpusStats", "Document", "FittedPipeline", "Pipeline",
    "Reader", "TokenCounts", "card", "cards", "clear_cache", "detect_format", "make_reader", "read_corpus", "resolve",
    "shared_data",
]


def resolve(source: str | Path | None, format: str = "auto", **reader_options) -> tuple[Reader, str, str]:
    """(reader, display name, unit the card prefers) for a path, a card name or None (the default)."""
    if source is None:
        source = DEFAULT_CORPUS
    if not str(source).strip():     # Path("") is the current folder, which the user did not mean
        raise InvalidParameterError("the corpus is an empty string",
                                    hint="give a file, folder or corpus name (`nlpkit corpus list`), or leave it out "
                                         "for the embedded default")
    path = Path(source).expanduser()
    looks_like_path = path.exists() or any(ch in str(source) for ch in "/\\*") or path.suffix != ""
    if not looks_like_path:
        known = card(str(source))
        options = {**known.options, **{k: v for k, v in reader_options.items() if v is not None}}
        fmt = known.format if format == "auto" else format
        return make_reader(known.require(), fmt, **options), known.name, known.unit
    return make_reader(path, format, **reader_options), str(source), "document"


def read_corpus(source: str | Path | None = None, *, pipeline: Pipeline | str | None = None, format: str = "auto",
                unit: str | None = None, cache: bool = True, **reader_options) -> Corpus:
    """Open a corpus: a path (file, folder, glob, zip) or a card name; None is the embedded default.

    ``pipeline`` is a :class:`Pipeline` or a preset name ("topics", "vectors", "sentiment").
    ``unit`` is "document" or "sentence" (sentences inherit their document's label); for an
    NLTK corpus it may also be "file", "para" or "line", which choose how the reader cuts it.
    ``reader_options`` go to the reader (``text_field``, ``label_field``, ``min_chars``, ...).
    """
    if source is not None and not isinstance(source, (str, os.PathLike)):
        raise InvalidParameterError(f"read_corpus opens a path or a corpus name, not a {type(source).__name__}",
                                    hint="texts already in memory go straight to the models: TopicModel().fit"
                                         "([token lists]), or write them to a file, one document a line")
    if pipeline is not None and not isinstance(pipeline, (str, Pipeline)):
        raise InvalidParameterError(f"pipeline must be a Pipeline or a preset name, not {type(pipeline).__name__}",
                                    hint='e.g. pipeline="topics" or Pipeline.preset("topics", lemmatize=False)')
    if unit in NltkReader.UNITS:  # file/para/line pick how an NLTK corpus is cut
        reader_options["unit"], unit = unit, None
    reader, name, preferred_unit = resolve(source, format, **reader_options)
    if reader_options.get("unit") and not isinstance(reader, NltkReader):
        raise InvalidParameterError(f"unit {reader_options['unit']!r} cuts NLTK corpora only; {name} is not one",
                                    hint="use --unit document or --unit sentence")
    if isinstance(pipeline, str):
        pipeline = Pipeline.preset(pipeline)
    return Corpus(reader, pipeline, unit=unit or preferred_unit, cache=cache, name=name)
