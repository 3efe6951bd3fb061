"""``nlpkit corpus``: list the known corpora, inspect one, manage the token cache."""

from __future__ import annotations

from typing import Annotated

import typer

from . import app
from ._options import (ExtraStopwords, Format, Json, LabelField, Lemmatize, MinCount, Phrases, Source, Stopwords,
                       TextField, Tokenizer, Unit, pipeline_overrides)
from ._render import print_json, progress_bars, stdout, table

corpus_app = typer.Typer(no_args_is_help=True, help="""Inspect corpora and the token cache.

Examples:
  nlpkit corpus list
  nlpkit corpus stats brown --preset topics
  nlpkit corpus preview mr -n 3
""")
app.add_typer(corpus_app, name="corpus")

Preset = Annotated[str, typer.Option("--preset", help="Pipeline preset: plain, topics, vectors, sentiment.")]


def _open(ctx, source, fmt, text_field, label_field, unit, preset, **overrides):
    from ..corpus import Pipeline, read_corpus

    pipeline = Pipeline.preset(preset, **pipeline_overrides(**overrides))
    return read_corpus(source, pipeline=pipeline, format=fmt, unit=unit, text_field=text_field,
                       label_field=label_field)


@corpus_app.command("list")
def list_corpora(json: Json = False) -> None:
    """The named corpora, and whether each is on this machine.

    Examples:
      nlpkit corpus list
      nlpkit corpus list --json
    """
    from ..corpus import cards

    rows = []
    for card in cards().values():
        path = card.find()
        rows.append({"name": card.name, "available": path is not None, "path": str(path) if path else None,
                     "embedded": card.embedded, "format": card.format, "size": card.size,
                     "description": card.description, "license": card.license, "source": card.source,
                     "obtain": card.obtain})
    if json:
        print_json(rows)
        return
    stdout().print(table("Known corpora", ["name", "here", "format", "size", "description"],
                         [[r["name"], ("embedded" if r["embedded"] else "yes") if r["available"] else "no — " + r["obtain"],
                           r["format"], r["size"], r["description"]] for r in rows]))


@corpus_app.command("info")
def info(ctx: typer.Context, source: Source = None, format: Format = "auto", text_field: TextField = None,
         label_field: LabelField = None, unit: Unit = None, json: Json = False) -> None:
    """What a corpus is: its card (for a name), reader, files and fingerprint.

    Examples:
      nlpkit corpus info brown
      nlpkit corpus info reviews.csv --text-field body --label-field stars
    """
    from ..corpus import card, cards, read_corpus

    corpus = read_corpus(source, format=format, unit=unit, text_field=text_field, label_field=label_field)
    corpus.reader.check_fields()     # a --label-field the file lacks fails here, as `corpus stats` would
    data = {"name": corpus.name, "reader": corpus.reader.options(), "unit": corpus.unit,
            "files": [str(f) for f in corpus.reader.files()], "fingerprint": corpus.fingerprint}
    if corpus.name in cards():
        c = card(corpus.name)
        data.update(description=c.description, source=c.source, license=c.license, size=c.size)
    if json:
        print_json(data)
        return
    rows = [[k, ", ".join(v) if isinstance(v, list) else str(v)] for k, v in data.items() if k != "files"]
    rows.append(["files", f"{len(data['files'])}: {data['files'][0]}" + (" …" if len(data["files"]) > 1 else "")])
    stdout().print(table(f"Corpus {corpus.name}", ["field", "value"], rows))


@corpus_app.command("stats")
def stats(ctx: typer.Context, source: Source = None, format: Format = "auto", text_field: TextField = None,
          label_field: LabelField = None, unit: Unit = None, preset: Preset = "plain", stopwords: Stopwords = None,
          extra_stopwords: ExtraStopwords = None, lemmatize: Lemmatize = None, phrases: Phrases = None,
          min_count: MinCount = None, tokenizer: Tokenizer = None,
          top: Annotated[int, typer.Option("--top", help="How many top words to show.")] = 20,
          json: Json = False) -> None:
    """Documents, tokens, vocabulary, label balance, top words and a length histogram.

    Examples:
      nlpkit corpus stats                       # the embedded default corpus
      nlpkit corpus stats brown --preset topics
      nlpkit corpus stats '../shared/data/yelp/sentiment.train.*' --json   # quote globs
      nlpkit corpus stats aclImdb/train --stopwords spacy --lemmatize
    """
    if top < 0:
        from ..errors import InvalidParameterError

        raise InvalidParameterError(f"--top {top}: must be 0 or more", hint="e.g. --top 20")
    with progress_bars():
        corpus = _open(ctx, source, format, text_field, label_field, unit, preset, stopwords=stopwords,
                       extra_stopwords=extra_stopwords, lemmatize=lemmatize, phrases=phrases, min_count=min_count,
                       tokenizer=tokenizer)
        result = corpus.stats(top=top)
    if json:
        print_json({"name": corpus.name, **result.to_dict()})
        return
    out = stdout()
    out.print(table(f"Corpus {corpus.name}", ["documents", "tokens", "vocabulary", "empty", "mean length", "median"],
                    [[result.documents, result.tokens, result.vocabulary, result.empty_documents,
                      result.mean_length, result.median_length]]))
    if result.labels:
        total = sum(result.labels.values())
        out.print(table("Labels", ["label", "documents", "share"],
                        [[k, v, f"{v / total:.1%}"] for k, v in result.labels.items()]))
    out.print(table("Top words", ["word", "count"], result.top_words))
    peak = max(c for _, _, c in result.length_histogram) or 1
    out.print(table("Length (tokens per document)", ["length", "documents", ""],
                    [[f"{lo}–{hi}", c, "█" * round(30 * c / peak)] for lo, hi, c in result.length_histogram]))


@corpus_app.command("preview")
def preview(ctx: typer.Context, source: Source = None, format: Format = "auto", text_field: TextField = None,
            label_field: LabelField = None, unit: Unit = None, preset: Preset = "plain",
            n: Annotated[int, typer.Option("-n", help="How many documents.")] = 5,
            json: Json = False) -> None:
    """The first documents: id, label, raw text and the tokens the pipeline makes of it.

    Examples:
      nlpkit corpus preview movie_reviews -n 3
      nlpkit corpus preview mr --preset sentiment --json
    """
    from itertools import islice

    from ..errors import EmptyCorpusError, InvalidParameterError

    if n < 1:
        raise InvalidParameterError(f"-n {n}: must be at least 1", hint="e.g. -n 5 shows the first five documents")
    corpus = _open(ctx, source, format, text_field, label_field, unit, preset)
    rows = [{"id": d.id, "label": d.label, "text": d.text[:300], "tokens": corpus.pipeline.tokenize(d.text)[:40]}
            for d in islice(corpus.documents(), n)]
    if not rows:
        raise EmptyCorpusError(f"{corpus.name}: the corpus has no documents",
                               hint="check that the file is not empty and that --format matches it")
    if json:
        print_json(rows)
        return
    stdout().print(table(f"First {len(rows)} documents of {corpus.name}", ["id", "label", "text", "tokens"],
                         [[r["id"], r["label"], r["text"], " ".join(r["tokens"])] for r in rows]))


@corpus_app.command("cache")
def cache(clear: Annotated[bool, typer.Option("--clear", help="Remove every cached corpus.")] = False,
          json: Json = False) -> None:
    """Show (or --clear) the cache of tokenised corpora ($NLPKIT_CACHE_DIR, else ~/.cache/nlpkit).

    Examples:
      nlpkit corpus cache
      nlpkit corpus cache --clear
    """
    from .._io import cache_dir
    from ..corpus.cache import cache_size, clear_cache

    entries, size = clear_cache() if clear else cache_size()
    data = {"folder": str(cache_dir()), "entries": entries, "bytes": size, "cleared": clear}
    if json:
        print_json(data)
        return
    verb = "removed" if clear else "holds"
    stdout().print(f"{data['folder']} {verb} {entries} cached corpora ({size / 1e6:.1f} MB)", highlight=False)
