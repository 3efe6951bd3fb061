"""Options shared by several commands, as Annotated aliases (typer's recommended style)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

Source = Annotated[Optional[str], typer.Argument(
    help="A corpus: a path (file, folder, glob, .zip, .gz/.bz2) or a name from `nlpkit corpus list`. "
         "Omitted: the embedded default.", show_default=False)]
Format = Annotated[str, typer.Option("--format", help="Reader: auto, lines, text, folder, table, labelled-lines, "
                                     "nltk, wikipedia, wikitext.")]
TextField = Annotated[Optional[str], typer.Option("--text-field", help="Text column of a CSV/TSV/JSONL file.")]
LabelField = Annotated[Optional[str], typer.Option("--label-field", help="Label column of a CSV/TSV/JSONL file.")]
Unit = Annotated[Optional[str], typer.Option("--unit", help="'document' or 'sentence' (sentences inherit "
                                 "labels); NLTK corpora also take file, para and line.")]
Json = Annotated[bool, typer.Option("--json", help="Print the result as JSON on stdout.")]
Seed = Annotated[int, typer.Option("--seed", help="Random seed: the same seed gives the same result.")]
OutDir = Annotated[Path, typer.Option("--out", help="Output folder (written atomically).")]
Stopwords = Annotated[Optional[str], typer.Option("--stopwords", help="'spacy' or a file of stop words, one a line.")]
ExtraStopwords = Annotated[Optional[Path], typer.Option("--extra-stopwords", help="A file of more stop words.")]
Lemmatize = Annotated[Optional[bool], typer.Option("--lemmatize/--no-lemmatize", help="Lemmatise with spaCy's lookup tables.")]
Phrases = Annotated[Optional[int], typer.Option("--phrases", help="1 none, 2 bigrams, 3 trigrams (gensim Phrases).")]
MinCount = Annotated[Optional[int], typer.Option("--min-count", help="Drop words seen fewer times.")]
Tokenizer = Annotated[Optional[str], typer.Option("--tokenizer", help="'regex' (fast) or 'spacy'.")]


def pipeline_overrides(*, stopwords=None, extra_stopwords=None, lemmatize=None, phrases=None, min_count=None,
                       tokenizer=None) -> dict:
    """The pipeline settings given on the command line (None means: keep the preset's)."""
    given = {"stopwords": stopwords, "extra_stopwords": str(extra_stopwords) if extra_stopwords else None,
             "lemmatize": lemmatize, "phrases": phrases, "min_count": min_count, "tokenizer": tokenizer}
    return {k: v for k, v in given.items() if v is not None}


def refuse_unused_options(ctx: typer.Context, names, reason: str, hint: str) -> None:
    """One clear error for options given on the command line that this run would silently ignore."""
    from ..errors import InvalidParameterError

    # Compared by name: typer may carry its own copy of click, with its own ParameterSource enum.
    given = [param.opts[0] for param in ctx.command.params if param.name in names
             and getattr(ctx.get_parameter_source(param.name), "name", "") == "COMMANDLINE"]
    if given:
        raise InvalidParameterError(f"{', '.join(given)} cannot be used {reason}", hint=hint)
