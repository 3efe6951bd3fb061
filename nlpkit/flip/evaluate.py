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

from ..errors import EmptyCorpusError, InvalidParameterError, NlpkitWarning, NotFittedError, described
from ..sentiment.data import labelled_pairs
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

        if not (isinstance(self.ngram_max, int) and self.ngram_max >= 1) or not self.alpha > 0:
            raise InvalidParameterError(f"Judge(ngram_max={self.ngram_max!r}, alpha={self.alpha!r}): ngram_max must "
                                        "be a whole number ≥ 1 and alpha above 0",
                                        hint="e.g. Judge(ngram_max=3, alpha=0.5)")
        name = getattr(pairs, "name", "the judge's data")
        pairs = [(t, str(l)) for t, l in labelled_pairs(pairs) if len(t) and l is not None]
        if len({l for _, l in pairs}) < 2:
            found = "no labels" if not pairs else f"only the label {pairs[0][1]!r}"
            raise EmptyCorpusError(f"{name}: the judge needs sentences labelled with two classes, but found {found}",
                                   hint="give a labelled corpus: a name such as yelp or mr, a folder with one "
                                        "sub-folder per label, or a CSV with a label column")
        docs = _token_lists([t for t, _ in pairs], name)
        self.vectorizer_ = CountVectorizer(analyzer=lambda tokens: ngrams_of(tokens, 1, self.ngram_max), min_df=2)
        try:
            counts = self.vectorizer_.fit_transform(docs)
        except ValueError:      # scikit-learn: "After pruning, no terms remain"
            raise EmptyCorpusError(f"{name}: no word or phrase occurs twice in its {len(docs)} sentences, so the "
                                   "judge has nothing to learn", hint="give it more labelled sentences") from None
        self.model_ = MultinomialNB(alpha=self.alpha).fit(counts, [l for _, l in pairs])
        self.classes_ = [str(c) for c in self.model_.classes_]
        self.lm_ = KneserNeyLM().fit(docs)
        self.seen_ = frozenset(hash(tuple(d)) for d in docs)
        return self

    def count_seen(self, documents) -> int:
        """How many of ``documents`` the judge learned from, word for word."""
        self._check()
        return sum(hash(tuple(d)) in self.seen_ for d in _token_lists(documents))

    def _check(self) -> None:
        if not hasattr(self, "classes_"):
            raise NotFittedError("the judge is not fitted", hint="call fit(pairs)")

    def predict(self, documents: Sequence[Sequence[str]]) -> list[str]:
        self._check()
        return [str(c) for c in self.model_.predict(self.vectorizer_.transform(_token_lists(documents)))]

    def target_proba(self, documents: Sequence[Sequence[str]], target: str) -> np.ndarray:
        """p(target) for each document (``target`` in any pos/neg naming)."""
        self._check()
        column = self.classes_.index(self.label_for(target))
        return self.model_.predict_proba(self.vectorizer_.transform(_token_lists(documents)))[:, column]

    def accuracy(self, documents, labels) -> float:
        documents, labels = list(documents), list(labels)
        if len(documents) != len(labels) or not documents:
            raise InvalidParameterError(f"{len(documents)} documents and {len(labels)} labels: they must be equally "
                                        "many and not none", hint="give one label per document")
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
        return [self.lm_.perplexity(d) for d in _token_lists(documents)]


def _token_lists(documents, what: str = "the documents") -> list[list[str]]:
    """``documents`` as lists of words; a string is refused (read as one, it would be a list of letters)."""
    documents = list(documents)
    for document in documents:
        if isinstance(document, str) or not all(isinstance(word, str) for word in document):
            raise InvalidParameterError(f"{what}: a document must be a list of words, not {described(document)}",
                                        hint="split each sentence into words first, e.g. sentence.split()")
    return [list(document) for document in documents]


def evaluate_rewrites(sources, outputs, targets, judge: Judge, references=None) -> dict:
    """Judge success, self-BLEU, BLEU against references (when given) and the fluency ratio."""
    import sacrebleu

    if not (len(sources) == len(outputs) == len(targets)) or not sources:
        raise InvalidParameterError(f"{len(sources)} sources, {len(outputs)} outputs and {len(targets)} targets: "
                                    "they must be equally many and not none")
    sources, outputs = _token_lists(sources, "sources"), _token_lists(outputs, "outputs")
    if references is not None:
        references = _token_lists(references, "references")
        if len(references) != len(sources):
            raise InvalidParameterError(f"{len(references)} references for {len(sources)} sources",
                                        hint="give one reference rewrite per source")
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
