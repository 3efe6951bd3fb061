"""``nlpkit sentiment``: train, apply and evaluate the CNN sentence sentiment classifier."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import numpy as np
import typer

from . import app
from ._options import Format, Json, LabelField, OutDir, Seed, TextField, Unit, refuse_unused_options
from ._render import message, print_json, progress_bars, stdout, table

sentiment_app = typer.Typer(no_args_is_help=True, help="""A CNN sentence sentiment classifier (Kim, 2014).

Examples:
  nlpkit sentiment predict "a gripping, beautifully acted film"
  nlpkit sentiment train mr --out models/mr --two-channel
  nlpkit sentiment eval yelp-dev --model models/yelp
""")
app.add_typer(sentiment_app, name="sentiment")

Corpus = Annotated[str, typer.Argument(help="A labelled corpus: a path (labelled lines, folders per label, CSV with "
                                            "--label-field) or a name from `nlpkit corpus list` (mr, movie_reviews, "
                                            "yelp, yelp-dev).", show_default=False)]
Vectors = Annotated[str | None, typer.Option("--vectors", help="Word vectors: a .kv, .bin, .txt or .vec file. "
                                                "Default: the embedded GloVe 6B 50d.")]
Static = Annotated[bool, typer.Option("--static/--fine-tune", help="Keep the word vectors fixed, or fine-tune them.")]
TwoChannel = Annotated[bool, typer.Option("--two-channel", help="Add a second, static channel of the vectors.")]
InitFrom = Annotated[Path | None, typer.Option("--init-from", help="Start from a model saved by `nlpkit sentiment "
                                               "train` on a larger labelled corpus (e.g. Yelp): its fine-tuned "
                                               "vectors and filters, with a fresh output layer. Its --two-channel, "
                                               "--maps and --vectors must match.", show_default=False)]
Maps = Annotated[int, typer.Option("--maps", help="Feature maps per filter width (3, 4, 5).")]
NgramWeight = Annotated[float, typer.Option("--ngram-weight", help="Mix in an NBSVM n-gram model (Wang & Manning, "
                                             "2012) fitted on the same sentences: predictions are (1 - w) CNN + w "
                                             "n-gram probabilities; 0 is the CNN alone. 0.5 added 1.6 to 2.6 points "
                                             "on MR (10 folds). The gradient flip-sentiment steers by stays the CNN's.")]
Networks = Annotated[int, typer.Option("--networks", min=1, help="Train this many CNNs (consecutive seeds from the "
                                         "model's) and predict with the mean of their probabilities: N times the "
                                         "training and prediction time. flip-sentiment steers by the whole ensemble.")]
Epochs = Annotated[int, typer.Option("--epochs", help="At most this many passes (early stopping on the dev split).")]
Model = Annotated[Path | None, typer.Option("--model", help="A model folder from `nlpkit sentiment train`. "
                                               "Default: the shipped model (MR + movie_reviews, GloVe 50d).")]


def _model_params(vectors, static, two_channel, epochs, seed, init_from, ngram_weight, networks, **extra) -> dict:
    return {"vectors": vectors, "static": static, "two_channel": two_channel, "epochs": epochs, "seed": seed,
            "init_from": str(init_from.resolve()) if init_from else None, "ngram_weight": ngram_weight,
            "n_networks": networks, **extra}


def _read(corpus: str, format: str, text_field, label_field, unit):
    from ..corpus import read_corpus

    return read_corpus(corpus, pipeline="sentiment", format=format, unit=unit, text_field=text_field,
                       label_field=label_field)


def _load(model_dir: Path | None):
    from ..sentiment import SentimentCNN

    return SentimentCNN.load(model_dir) if model_dir else SentimentCNN.load_default()


@sentiment_app.command("train")
def train(ctx: typer.Context, corpus: Corpus, out: OutDir, vectors: Vectors = None, static: Static = False,
          two_channel: TwoChannel = False, epochs: Epochs = 10, seed: Seed = 0, init_from: InitFrom = None,
          dropout: Annotated[float, typer.Option("--dropout", help="Dropout before the output layer.")] = 0.5,
          maps: Maps = 100, ngram_weight: NgramWeight = 0.0, networks: Networks = 1,
          lr: Annotated[float, typer.Option("--lr", help="Adam's learning rate.")] = 1e-3,
          patience: Annotated[int, typer.Option("--patience", help="Stop after this many epochs without a better "
                                                "dev accuracy.")] = 3,
          dev_fraction: Annotated[float, typer.Option("--dev-fraction", help="Held-out share for early "
                                                      "stopping.")] = 0.1,
          format: Format = "auto", text_field: TextField = None, label_field: LabelField = None, unit: Unit = None,
          json: Json = False) -> None:
    """Train a CNN sentence classifier on a labelled corpus and save it to --out.

    Reviews (long documents: the median record over 50 tokens) are split into sentences that
    inherit the review's label, and --unit sentence splits any corpus; sentence corpora (MR,
    Yelp) are used as they are. Any two or more label names work.
    Same --seed, same weights (torch on one CPU thread).

    Examples:
      nlpkit sentiment train mr --out models/mr
      nlpkit sentiment train mr --static --out models/mr-static --epochs 5
      nlpkit sentiment train '../shared/data/yelp/sentiment.train.*' --out models/yelp --two-channel
      nlpkit sentiment train reviews.csv --text-field body --label-field stars --vectors my.kv --out models/r
      nlpkit sentiment train mr --two-channel --init-from models/yelp --out models/mr-from-yelp
      nlpkit sentiment train mr --two-channel --ngram-weight 0.5 --out models/mr-mixed
      nlpkit sentiment train mr --two-channel --ngram-weight 0.5 --networks 3 --out models/mr-ensemble
    """
    from .._io import check_output_folder
    from ..runs import RunRecord
    from ..sentiment import SentimentCNN

    check_output_folder(out)
    params = _model_params(vectors, static, two_channel, epochs, seed, init_from, ngram_weight, networks,
                           dropout=dropout, maps=maps, lr=lr, patience=patience, dev_fraction=dev_fraction)
    with progress_bars():
        data = _read(corpus, format, text_field, label_field, unit)
        model = SentimentCNN(**params).fit(data)
    metrics = {k: v for k, v in model.metrics_.items() if k != "history"}
    run = RunRecord("sentiment train", params={**params, "vectors": vectors}, corpus={"name": data.name,
                    "fingerprint": data.fingerprint}, metrics=metrics, workers=1, seed=seed).finish()
    model.save(out, run=run)
    if json:
        print_json({"out": str(out), **model.metrics_})
        return
    several = networks > 1
    stdout().print(table(f"Training on {data.name}", ["network"] * several + ["epoch", "loss", "train acc", "dev acc"],
                         [([h["network"] + 1] if several else []) + [h["epoch"], h["loss"], h["train_accuracy"],
                                                                      h["dev_accuracy"]]
                          for h in model.metrics_["history"]]))
    mixed = f", {metrics['dev_accuracy_with_ngrams']:.4f} with n-grams" if "dev_accuracy_with_ngrams" in metrics else ""
    best = (f"best epochs {', '.join(map(str, metrics['network_best_epoch']))}" if several
            else f"epoch {metrics['best_epoch']}")
    message(f"dev accuracy {metrics['dev_accuracy']:.4f}{mixed} ({best}), "
            f"{metrics['train_sentences']:,} training sentences, classes {', '.join(metrics['classes'])}; "
            f"saved to {out}")


@sentiment_app.command("predict")
def predict(ctx: typer.Context,
            texts: Annotated[list[str] | None, typer.Argument(help="Sentences to classify.",
                                                                 show_default=False)] = None,
            input: Annotated[Path | None, typer.Option("--input", help="A text file, one sentence a line "
                                                          "(blank lines are skipped).")] = None,
            model: Model = None, json: Json = False) -> None:
    """The label and its probability for each sentence (batched).

    Examples:
      nlpkit sentiment predict "a gripping, beautifully acted film"
      nlpkit sentiment predict "the plot is a mess" "i loved every minute" --json
      nlpkit sentiment predict --input sentences.txt --model models/yelp
    """
    from .._io import SENTENCE_FILE_HINT, open_text
    from ..errors import EmptyCorpusError, InputError

    if bool(texts) == (input is not None):
        raise InputError("give sentences or --input FILE (not both, not neither)",
                         hint='nlpkit sentiment predict "a fine film", or --input sentences.txt')
    sentences = list(texts or [])
    if input is not None:
        with open_text(input, missing_hint=SENTENCE_FILE_HINT) as fh:
            sentences = [line.strip() for line in fh if line.strip()]
        if not sentences:
            raise EmptyCorpusError(f"{input}: no sentences (the file is empty)", hint="give one sentence a line")
    classifier = _load(model)
    proba = classifier.predict_proba(sentences, unreadable="nan" if input is not None else "raise")
    rows = []
    for sentence, row in zip(sentences, proba):
        if np.isnan(row).any():
            rows.append({"text": sentence, "label": None, "probability": None, "probabilities": None})
            continue
        best = int(row.argmax())
        rows.append({"text": sentence, "label": classifier.classes_[best], "probability": round(float(row[best]), 4),
                     "probabilities": {c: round(float(p), 4) for c, p in zip(classifier.classes_, row)}})
    if json:
        print_json(rows)
        return
    stdout().print(table(None, ["label", "probability", "text"],
                         [[r["label"] or "-", "-" if r["probability"] is None else r["probability"], r["text"]]
                          for r in rows], justify={"probability": "right"}))


@sentiment_app.command("eval")
def evaluate(ctx: typer.Context, corpus: Corpus, model: Model = None,
             cv: Annotated[int | None, typer.Option("--cv", help="k-fold cross-validation: train k new models "
                                                       "(with --vectors, --static, ...) instead of scoring "
                                                       "--model.")] = None,
             label_map: Annotated[str | None, typer.Option("--label-map", help="Rename the data's labels to the "
                                                              "model's, e.g. 0=neg,1=pos (Yelp).")] = None,
             vectors: Vectors = None, static: Static = False, two_channel: TwoChannel = False, epochs: Epochs = 10,
             seed: Seed = 0, init_from: InitFrom = None, maps: Maps = 100, ngram_weight: NgramWeight = 0.0,
             networks: Networks = 1, format: Format = "auto",
             text_field: TextField = None, label_field: LabelField = None,
             unit: Unit = None, json: Json = False) -> None:
    """Accuracy, macro F1 and the confusion matrix on a labelled corpus, or k-fold CV.

    Examples:
      nlpkit sentiment eval yelp-dev --label-map 0=neg,1=pos     # the shipped model
      nlpkit sentiment eval mr --model models/yelp --label-map neg=0,pos=1
      nlpkit sentiment eval mr --cv 10 --static --epochs 5 --json
      nlpkit sentiment eval mr --cv 10 --two-channel --init-from models/yelp
      nlpkit sentiment eval mr --cv 10 --two-channel --ngram-weight 0.5
    """
    from ..sentiment import cross_validate
    from ..sentiment import evaluate as score

    if cv is None:
        refuse_unused_options(ctx, CV_ONLY, "without --cv: they set up the models that cross-validation trains",
                              hint="add --cv K (e.g. --cv 10), or drop them to score --model")
    else:
        refuse_unused_options(ctx, ("model", "label_map"), "with --cv: cross-validation trains new models on the "
                              "corpus's own labels", hint="drop them, or score a saved model without --cv")
    with progress_bars():
        data = _read(corpus, format, text_field, label_field, unit)
        if cv is not None:
            params = _model_params(vectors, static, two_channel, epochs, seed, init_from, ngram_weight, networks,
                                   maps=maps)
            result = cross_validate(data, folds=cv, **params)
        else:
            result = score(_load(model), data, label_map=_parse_label_map(label_map))
    if json:
        print_json({"corpus": data.name, **result})
        return
    _show_scores(data.name, result)


CV_ONLY = ("vectors", "static", "two_channel", "epochs", "seed", "init_from", "maps", "ngram_weight", "networks")


def _parse_label_map(text: str | None) -> dict[str, str] | None:
    from ..errors import InvalidParameterError

    if not text:
        return None
    pairs = [item.split("=", 1) for item in text.split(",") if item.strip()]
    if any(len(pair) != 2 or not pair[0].strip() or not pair[1].strip() for pair in pairs):
        raise InvalidParameterError(f"--label-map {text!r}: expected FROM=TO pairs separated by commas",
                                    hint="e.g. --label-map 0=neg,1=pos")
    return {a.strip(): b.strip() for a, b in pairs}


def _show_scores(name: str, result: dict) -> None:
    out = stdout()
    if "folds" in result:
        out.print(table(f"{result['folds']}-fold cross-validation on {name}", ["fold", "accuracy", "macro F1",
                                                                               "epochs", "seconds"],
                        [[r["fold"], r["accuracy"], r["macro_f1"], r["epochs"], r["seconds"]]
                         for r in result["per_fold"]]))
        summary = [["accuracy", f"{result['accuracy']:.4f} ± {result['accuracy_std']:.4f}"],
                   ["macro F1", f"{result['macro_f1']:.4f}"], ["seconds per fold", result["seconds_per_fold"]]]
    else:
        summary = [["sentences", result["n"]], ["accuracy", f"{result['accuracy']:.4f}"],
                   ["macro F1", f"{result['macro_f1']:.4f}"]]
    out.print(table(f"Scores on {name}", ["measure", "value"], summary))
    classes = result["classes"]
    out.print(table("Confusion (row = true)", ["true"] + classes,
                    [[c] + row for c, row in zip(classes, result["confusion"])]))
