"""Accuracy, macro F1 and the confusion matrix of a model on labelled data; k-fold CV."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from ..errors import InputError, InvalidParameterError
from ..progress import task
from .data import labelled_examples, load_vectors


def scores(gold: list[str], predicted: list[str], classes: list[str]) -> dict:
    """accuracy, macro F1, per-class F1 and the confusion matrix (rows gold, columns predicted)."""
    index = {label: i for i, label in enumerate(classes)}
    confusion = np.zeros((len(classes), len(classes)), dtype=int)
    for g, p in zip(gold, predicted):
        confusion[index[g], index[p]] += 1
    true_positive = np.diag(confusion).astype(float)
    precision = np.divide(true_positive, confusion.sum(0), out=np.zeros_like(true_positive), where=confusion.sum(0) > 0)
    recall = np.divide(true_positive, confusion.sum(1), out=np.zeros_like(true_positive), where=confusion.sum(1) > 0)
    denominator = precision + recall
    f1 = np.divide(2 * precision * recall, denominator, out=np.zeros_like(true_positive), where=denominator > 0)
    return {"n": int(confusion.sum()), "accuracy": round(float(true_positive.sum() / max(confusion.sum(), 1)), 4),
            "macro_f1": round(float(f1.mean()), 4), "f1": {c: round(float(v), 4) for c, v in zip(classes, f1)},
            "classes": list(classes), "confusion": confusion.tolist()}


def evaluate(model, corpus, split: str | bool = "auto", label_map: dict[str, str] | None = None) -> dict:
    """Score a fitted model on a labelled Corpus or (tokens, label) pairs.

    ``label_map`` renames the data's labels to the model's (e.g. Yelp's {"0": "neg", "1": "pos"}).

    Unknown words count as the zero <unk> vector here; a sentence of only unknown words is
    still scored (it gets the model's bias), so one odd line does not stop an evaluation.
    """
    model.check_fitted()
    examples = labelled_examples(corpus, split)
    if label_map:
        examples = [(tokens, label_map.get(label, label)) for tokens, label in examples]
    unknown = sorted({label for _, label in examples} - set(model.classes_))
    if unknown:
        raise InputError(f"{getattr(corpus, 'name', 'the data')}: label(s) {', '.join(map(repr, unknown))} are not "
                         f"among the model's classes {model.classes_}",
                         hint="evaluate on data labelled like the training data, or map the labels "
                              "(--label-map 0=neg,1=pos)")
    predicted_index = model._predict_indices([tokens for tokens, _ in examples])
    predicted = [model.classes_[i] for i in predicted_index]
    return scores([label for _, label in examples], predicted, model.classes_)


def cross_validate(corpus, folds: int = 10, seed: int = 0, vectors=None, **params) -> dict:
    """Stratified k-fold CV of ``SentimentCNN(**params)``: each fold trains on the rest
    (with its own dev split for early stopping) and is scored on the held-out fold."""
    from sklearn.model_selection import StratifiedKFold

    from .model import SentimentCNN

    if folds < 2:
        raise InvalidParameterError(f"folds {folds}: cross-validation needs at least 2",
                                    hint="use at least 2 folds (--cv 5 on the command line)")
    split = params.pop("split", "auto")
    examples = labelled_examples(corpus, split)
    labels = [label for _, label in examples]
    smallest = min(labels.count(c) for c in set(labels))
    if len(set(labels)) < 2 or smallest < folds:
        raise InputError(f"{getattr(corpus, 'name', 'the data')}: {folds}-fold CV needs every class at least "
                         f"{folds} times (the rarest has {smallest})", hint="use fewer folds or more data")
    keyed = load_vectors(params.get("vectors") if vectors is None else vectors)
    if isinstance(params.get("init_from"), (str, Path)):  # loaded once, not once per fold
        params["init_from"] = SentimentCNN.load(params["init_from"])
    pipeline = getattr(corpus, "pipeline", None)
    results = []
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    with task(f"{folds}-fold cross-validation", folds, "folds") as progress:
        for fold, (train_rows, test_rows) in enumerate(splitter.split(np.zeros(len(labels)), labels), 1):
            started = time.time()
            model = SentimentCNN(**{**params, "seed": seed + fold, "split": False, "pipeline": pipeline})
            model.fit([examples[i] for i in train_rows], vectors=keyed)
            fold_scores = evaluate(model, [examples[i] for i in test_rows], split=False)
            fold_scores.update(fold=fold, seconds=round(time.time() - started, 2), epochs=model.metrics_["epochs_run"])
            results.append(fold_scores)
            progress.advance()
            progress.update(accuracy=f"{fold_scores['accuracy']:.3f}")
    accuracies = [r["accuracy"] for r in results]
    return {"folds": folds, "accuracy": round(float(np.mean(accuracies)), 4),
            "accuracy_std": round(float(np.std(accuracies)), 4),
            "macro_f1": round(float(np.mean([r["macro_f1"] for r in results])), 4),
            "confusion": np.sum([r["confusion"] for r in results], axis=0).tolist(),
            "classes": results[0]["classes"], "seconds_per_fold": round(float(np.mean([r["seconds"] for r in results])), 2),
            "per_fold": results}
