"""Judging rewrites by someone other than the classifiers that steered them.

The judge is a multinomial naive Bayes over 1-3-grams (a different family from the steering
CNN and the steering logistic regression), trained on a split the steering never saw; fluency
is perplexity under a Kneser-Ney LM trained on that same held-apart split.
"""

from __future__ import annotations

import statistics
import warnings
from collections.abc import Sequence

import numpy as np

from ..errors import EmptyCorpusError, InvalidParameterError, NlpkitWarning, NotFittedError
from ..sentiment.ngrams import ngrams_of
from .lm import KneserNeyLM
from .polarity import class_sign


class Judge:
    """Multinomial naive Bayes on n-gram counts + a Kneser-Ney LM for perplexity.

    Parameters: ``ngram_max`` (1-3-grams by default), ``alpha`` (NB smoothing).
    """

    def __init__(self, ngram_max: int = 3, alpha: float = 0.5):
        self.ngram_max = ngram_max
        self.alpha = alpha

    def __repr__(self) -> str:
        fitted = f", classes={self.classes_}" if hasattr(self, "classes_") else ""
        return f"Judge(ngram_max={self.ngram_max}, alpha={self.alpha}{fitted})"

    def fit(self, pairs) -> Judge:
        """Learn from (tokens, label) pairs or a labelled Corpus."""
        from sklearn.feature_extraction.text import CountVectorizer
        from sklearn.naive_bayes import MultinomialNB

        name = getattr(pairs, "name", "the judge's data")
        if hasattr(pairs, "records"):
            pairs = [(t, m.get("label")) for t, m in pairs.records()]
        pairs = [(list(t), str(l)) for t, l in pairs if len(t) and l is not None]
        if len({l for _, l in pairs}) < 2:
            found = "no labels" if not pairs else f"only the label {pairs[0][1]!r}"
            raise EmptyCorpusError(f"{name}: the judge needs sentences labelled with two classes, but found {found}",
                                   hint="give a labelled corpus: a name such as yelp or mr, a folder with one "
                                        "sub-folder per label, or a CSV with a label column")
        docs = [t for t, _ in pairs]
        self.vectorizer_ = CountVectorizer(analyzer=lambda tokens: ngrams_of(tokens, 1, self.ngram_max), min_df=2)
        self.model_ = MultinomialNB(alpha=self.alpha).fit(self.vectorizer_.fit_transform(docs), [l for _, l in pairs])
        self.classes_ = [str(c) for c in self.model_.classes_]
        self.lm_ = KneserNeyLM().fit(docs)
        self.seen_ = frozenset(hash(tuple(d)) for d in docs)
        return self

    def count_seen(self, documents) -> int:
        """How many of ``documents`` the judge learned from, word for word."""
        self._check()
        return sum(hash(tuple(d)) in self.seen_ for d in documents)

    def _check(self) -> None:
        if not hasattr(self, "classes_"):
            raise NotFittedError("the judge is not fitted", hint="call fit(pairs)")

    def predict(self, documents: Sequence[Sequence[str]]) -> list[str]:
        self._check()
        return [str(c) for c in self.model_.predict(self.vectorizer_.transform([list(d) for d in documents]))]

    def target_proba(self, documents: Sequence[Sequence[str]], target: str) -> np.ndarray:
        """p(target) for each document (``target`` in any pos/neg naming)."""
        self._check()
        column = self.classes_.index(self.label_for(target))
        return self.model_.predict_proba(self.vectorizer_.transform([list(d) for d in documents]))[:, column]

    def accuracy(self, documents, labels) -> float:
        return float(np.mean([p == str(l) for p, l in zip(self.predict(documents), labels)]))

    def label_for(self, target: str) -> str:
        """The judge's own class name for a target given in any pos/neg naming."""
        if target in self.classes_:
            return target
        sign = class_sign(target)
        for c in self.classes_:
            if sign and class_sign(c) == sign:
                return c
        raise InvalidParameterError(f"target {target!r} is not one of the judge's classes {self.classes_}",
                                    hint="use positive or negative")

    def perplexities(self, documents) -> list[float]:
        self._check()
        return [self.lm_.perplexity(d) for d in documents]


def evaluate_rewrites(sources, outputs, targets, judge: Judge, references=None) -> dict:
    """Judge success, self-BLEU, BLEU against references (when given) and the fluency ratio."""
    import sacrebleu

    if not (len(sources) == len(outputs) == len(targets)) or not sources:
        raise InvalidParameterError(f"{len(sources)} sources, {len(outputs)} outputs and {len(targets)} targets: "
                                    "they must be equally many and not none")
    predicted = judge.predict(outputs)
    success = float(np.mean([p == judge.label_for(t) for p, t in zip(predicted, targets)]))
    join = lambda docs: [" ".join(d) for d in docs]  # noqa: E731
    # the sentences are tokenised on purpose (Yelp and MR come that way): force silences sacrebleu's warning
    self_bleu = sacrebleu.corpus_bleu(join(outputs), [join(sources)], force=True).score
    source_ppl, output_ppl = judge.perplexities(sources), judge.perplexities(outputs)
    metrics = {"sentences": len(sources), "judge_success": success, "self_bleu": self_bleu,
               "source_perplexity": statistics.median(source_ppl), "output_perplexity": statistics.median(output_ppl)}
    metrics["perplexity_ratio"] = metrics["output_perplexity"] / metrics["source_perplexity"]
    metrics["changed"] = float(np.mean([list(a) != list(b) for a, b in zip(sources, outputs)]))
    if references is not None:
        metrics["bleu"] = sacrebleu.corpus_bleu(join(outputs), [join(references)], force=True).score
    return metrics


def evaluate_flips(flipper, path, to: str, judge_corpus, references=None) -> dict:
    """Flip every line of ``path`` with ``flipper`` and judge the rewrites (see ``evaluate_rewrites``)."""
    import time

    from .._io import open_text

    judge = Judge().fit(judge_corpus)      # before the flipping, so a corpus it cannot learn from fails fast
    started = time.perf_counter()
    results = flipper.flip_file(path, to)
    seconds = time.perf_counter() - started
    kept = [i for i, r in enumerate(results) if r.status != "skipped"]
    if not kept:
        raise EmptyCorpusError(f"{path}: no line has a word the model knows", hint="give a file of sentences")
    refs = None
    if references is not None:
        with open_text(references) as f:
            ref_lines = [line.split() for line in f]
        if len(ref_lines) != len(results):
            raise InvalidParameterError(f"{references}: {len(ref_lines)} lines, but {path} has {len(results)}",
                                        hint="give one reference rewrite per input line")
        refs = [ref_lines[i] for i in kept]
    chosen = [results[i] for i in kept]
    seen = judge.count_seen(r.tokens for r in chosen)
    if seen:
        warnings.warn(NlpkitWarning(
            f"{seen} of the {len(chosen)} sentences of {path} are in the judge's data: the judge and its language "
            "model have learned them, so success and perplexity are flattering; judge with data apart from FILE"))
    metrics = evaluate_rewrites([r.tokens for r in chosen], [r.rewrite_tokens for r in chosen],
                                [r.target for r in chosen], judge, refs)
    metrics.update(mean_edits=float(np.mean([len(r.edits) for r in chosen])),
                   sentences_per_second=len(results) / seconds,
                   steering_success=float(np.mean([r.status == "flipped" for r in chosen])),
                   skipped=len(results) - len(kept), sources_in_judge_data=seen, method=flipper.method)
    return metrics
