"""``SentimentCNN``: a Kim (2014) CNN sentence classifier with a scikit-learn-style API.

Unknown words: a token the model's vocabulary lacks is looked up as ``<unk>``, a zero
vector (in every channel) that training never changes. The vocabulary is the training
words plus, by default, the 20,000 most frequent words of the vectors, so a word unseen in
training but known to the vectors keeps its vector. A sentence whose tokens are all
unknown (or that has no tokens) is refused with an ``InputError``.
"""

from __future__ import annotations

import contextlib
import copy
import json
import pickle
import time
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from .._io import UNREADABLE_ARTIFACT, atomic_dir, atomic_write, reason
from .._torch import torch_threads
from ..corpus import Pipeline
from ..base import Estimator, as_batch
from ..errors import (
    ArtifactError,
    EmptyCorpusError,
    InputError,
    InvalidParameterError,
    NlpkitWarning,
    OutOfVocabularyError,
    described,
)
from ..progress import task
from .data import build_vocabulary, initial_matrix, load_vectors, weighted_examples
from .network import PAD, UNK, CNNEnsemble, KimCNN, combined, networks_of
from .ngrams import NGRAMS, NgramSentiment

FORMAT_VERSION = 1
WEIGHTS, VOCAB, PARAMS, METRICS = "weights.pt", "vocab.json", "params.json", "metrics.json"
PREDICT_BATCH = 256


@dataclass
class StartingPoint:
    """A copy of what ``init_from`` gives a new model: vectors by word, and the filters."""

    name: str
    index: dict[str, int]
    embedding: torch.Tensor
    static: torch.Tensor | None
    convs: list[dict[str, torch.Tensor]]


def default_model_dir() -> Path:
    return Path(__file__).resolve().parents[1] / "data" / "sentiment"


class SentimentCNN(Estimator):
    """A CNN sentence sentiment classifier over word vectors (Kim, 2014).

    Parameters
    ----------
    widths, maps: filter widths and feature maps per width (Kim: 3, 4, 5 and 100).
    dropout: dropout rate before the output layer.
    vectors: None (the embedded GloVe 6B 50d), a path to a vector file, or KeyedVectors.
    static: keep the embedding fixed (CNN-static) instead of fine-tuning it (non-static).
    two_channel: add a second, static copy of the vectors (CNN-multichannel).
    epochs, batch_size, lr, weight_decay, max_norm: training (Adam; Kim's L2 max-norm on the
        output rows).
    dev_fraction, patience: held-out share for early stopping, and how many epochs without
        a better dev accuracy to wait.
    seed: the same seed gives the same weights (CPU torch).
    min_count, extra_words: vocabulary = training words seen min_count times + the
        extra_words most frequent words of the vectors.
    max_len: training sentences are cut to this many tokens (prediction is not).
    split: "auto" / True / False: split document-labelled records into sentences.
    pipeline: tokenisation of raw text (default ``Pipeline.preset("sentiment")``); with a
        Corpus, the corpus's own pipeline is used and saved with the model.
    threads: torch threads while training and predicting (1: fastest on a shared 2-core
        machine, and exactly repeatable; None leaves torch's own setting).
    init_from: a fitted SentimentCNN, or its folder, to start from instead of the plain
        vectors (transfer from a larger labelled corpus, e.g. Yelp, to a smaller one): its
        fine-tuned vectors for the words both vocabularies hold, and its convolution filters.
        The output layer starts afresh, so the two label sets need not match; the widths,
        maps, channels and vector size must, and with two channels the vectors too (one
        channel: only their size is checked). ``init_words_`` counts the words carried over.
    ngram_weight: 0 (the default) predicts with the CNN alone; above 0, an NBSVM n-gram model
        (:class:`NgramSentiment`) is fitted on the same sentences (dev included, after the
        mix is measured on it) and each prediction is ``(1 - w) * CNN + w * n-gram``
        probabilities. On MR (10 folds) an equal mix (0.5) added 1.6 to 2.6 points to the
        CNN. The gradient stays the CNN's (the n-gram half has none in vector space), of the
        mixed loss. ``ngrams_`` holds the n-gram model, ``ngram_weight_`` the share the fitted
        model mixes in, and ``cnn_only()`` predicts without it.
    n_networks: train this many CNNs (seeds ``seed``, ``seed + 1``, ...; the same dev split)
        and predict with the mean of their probabilities. A token's input vector is then the
        networks' vectors side by side (``input_vectors``), so the gradient API works
        unchanged. With ``init_from``, every network starts from a one-network model, or
        network i from network i of a model with as many.
    """

    def __init__(self, widths=(3, 4, 5), maps=100, dropout=0.5, vectors=None, static=False, two_channel=False,
                 epochs=10, batch_size=50, lr=1e-3, weight_decay=0.0, max_norm=3.0, dev_fraction=0.1, patience=3,
                 seed=0, min_count=1, extra_words=20000, max_len=100, split="auto", pipeline=None,
                 threads: int | None = 1, init_from=None, ngram_weight=0.0, n_networks=1):
        self.widths = widths
        self.maps = maps
        self.dropout = dropout
        self.vectors = vectors
        self.static = static
        self.two_channel = two_channel
        self.epochs = epochs
        self.batch_size = batch_size
        self.lr = lr
        self.weight_decay = weight_decay
        self.max_norm = max_norm
        self.dev_fraction = dev_fraction
        self.patience = patience
        self.seed = seed
        self.min_count = min_count
        self.extra_words = extra_words
        self.max_len = max_len
        self.split = split
        self.pipeline = pipeline
        self.threads = threads
        self.init_from = init_from
        self.ngram_weight = ngram_weight
        self.n_networks = n_networks

    _not_fitted_hint = "call fit(corpus) first, or SentimentCNN.load(folder) / load_default()"

    def _fitted_summary(self) -> str:
        return f"  # classes {self.classes_}" if hasattr(self, "network_") else ""

    # ---- training -----------------------------------------------------------------------------
    def fit(self, corpus, *, vectors=None, sample_weight=None) -> SentimentCNN:
        """Train on a Corpus (labels from its records) or a list of (tokens, label) pairs.

        ``vectors`` (already loaded KeyedVectors) overrides the ``vectors`` parameter, so
        cross-validation loads them once. ``sample_weight``, one per record (a document split into
        sentences gives each its weight), scales each sentence's loss and its say in the dev
        accuracy that picks the epoch (the training accuracy, without a dev split): e.g.
        ``INHERITED_LABEL_WEIGHT`` for sentences that only inherit their review's label
        (``nlpkit.sentiment.data.inherited_label_weights``).
        """
        self._check_params()
        if sample_weight is not None and self.ngram_weight:
            raise InvalidParameterError("sample_weight with ngram_weight: the n-gram half cannot weigh sentences",
                                        hint="train without sample_weight, or with ngram_weight=0")
        examples, weights = weighted_examples(corpus, self.split, sample_weight)
        weights = None if sample_weight is None else weights
        classes = sorted({label for _, label in examples})
        if len(classes) < 2:
            raise InputError(f"{getattr(corpus, 'name', 'the training data')}: every sentence has the label "
                             f"{classes[0]!r}; a classifier needs at least two classes",
                             hint="train on a corpus with both positive and negative examples")
        pipeline = getattr(corpus, "pipeline", None) or self.pipeline or Pipeline.preset("sentiment")
        keyed = vectors if vectors is not None else load_vectors(self.vectors)
        sources = self._init_sources(keyed.vector_size)
        previous = {name: value for name, value in vars(self).items() if name.endswith("_")}
        try:
            self._fit_examples(examples, weights, classes, pipeline, keyed, sources)
        except BaseException:  # a failed fit leaves the model as it was, not half-trained
            for name in [name for name in vars(self) if name.endswith("_")]:
                delattr(self, name)
            vars(self).update(previous)
            raise
        self._remember_fitted_params()
        return self

    def _fit_examples(self, examples, weights, classes, pipeline, keyed, sources: list[StartingPoint]) -> None:
        started = time.time()
        with torch.random.fork_rng(devices=[]), torch_threads(self.threads):
            rng = np.random.default_rng(self.seed)
            train_rows, dev_rows = self._dev_indices(len(examples), rng)
            train, dev = [examples[i] for i in train_rows], [examples[i] for i in dev_rows]
            weighed = _split_weights(weights, train_rows, dev_rows)
            vocabulary = build_vocabulary(train, keyed, self.min_count, self.extra_words)
            matrix, found = initial_matrix(vocabulary, keyed, keyed.vector_size, rng)
            self._set_state(vocabulary, classes, pipeline, None)
            self.init_words_ = 0
            networks, histories = [], []
            for number in range(self.n_networks):
                network = self._initial_network(number, matrix, keyed, sources)
                histories.append(self._train(network, train, dev, self.seed + number, *weighed))
                networks.append(network)
            self.network_ = combined(networks).eval()
            history = histories[0] if len(histories) == 1 else self._ensemble_history(histories, dev, weighed[1])
            history.update(self._fit_ngrams(train, dev))
        self.metrics_ = {**history, "train_sentences": len(train), "dev_sentences": len(dev),
                         "vocabulary": len(vocabulary), "in_vectors": found, "classes": classes,
                         "init_words": self.init_words_,
                         "train_seconds": round(time.time() - started, 2)}

    def _initial_network(self, number: int, matrix: np.ndarray, keyed, sources: list[StartingPoint]) -> KimCNN:
        """Network ``number`` before training: seeded with seed + number, its vectors from
        ``matrix``, or from its starting point where ``init_from`` gives one."""
        torch.manual_seed(self.seed + number)
        network = self._new_network(len(self.vocabulary_), keyed.vector_size, len(self.classes_))
        with torch.no_grad():
            network.embedding.weight.copy_(torch.from_numpy(matrix))
            if network.static_embedding is not None:
                network.static_embedding.weight.copy_(torch.from_numpy(matrix))
        if sources:
            self.init_words_ = self._start_from(network, sources[number % len(sources)], keyed)
        return network

    def _ensemble_history(self, histories: list[dict], dev, dev_weights=None) -> dict:
        """Several networks' training: the ensemble's dev accuracy (without a dev split, the
        networks' mean training accuracy), network 0's best epoch and epochs run (as with one
        network), every network's under ``network_*``, and one history whose rows say which
        network they belong to."""
        if dev:
            accuracy = self._accuracy(dev, self._proba_of_ids([self._ids(tokens) for tokens, _ in dev]), dev_weights)
        else:
            accuracy = float(np.mean([history["dev_accuracy"] for history in histories]))
        per_network = {f"network_{key}": [history[key] for history in histories]
                       for key in ("dev_accuracy", "best_epoch", "epochs_run")}
        return {"dev_accuracy": round(accuracy, 4), "best_epoch": histories[0]["best_epoch"],
                "epochs_run": histories[0]["epochs_run"], **per_network,
                "history": [{"network": number, **row} for number, history in enumerate(histories)
                            for row in history["history"]]}

    def _fit_ngrams(self, train, dev) -> dict:
        """Fit the n-gram half and measure the mix on dev. The n-gram model needs no early
        stopping, so it is then refitted on the dev sentences too (on MR that is worth 0.3
        points to the n-gram model alone, 78.62 against 78.28 over 10 folds)."""
        if not self.ngram_weight:
            return {}
        self.ngram_weight_ = float(self.ngram_weight)
        metrics = {}
        if dev and {label for _, label in train} == set(self.classes_):  # a rare class may sit in dev alone
            self.ngrams_ = NgramSentiment().fit(train)
            accuracy = self._accuracy(dev, self._mixed_proba([list(tokens) for tokens, _ in dev]))
            metrics["dev_accuracy_with_ngrams"] = round(accuracy, 4)
        self.ngrams_ = NgramSentiment().fit(train + dev)
        return metrics

    def _init_sources(self, dim: int) -> list[StartingPoint]:
        """What ``init_from`` holds, one starting point per network, copied (so a model may
        start from itself) and checked against this one's shape."""
        if self.init_from is None:
            return []
        source = self.init_from if isinstance(self.init_from, SentimentCNN) else SentimentCNN.load(self.init_from)
        source.check_fitted()
        name = _param_name(self.init_from)
        networks = networks_of(source.network_)
        if len(networks) not in (1, self.n_networks):
            raise InvalidParameterError(f"init_from: the model to start from ({name}) has {len(networks)} networks; "
                                        f"this one trains {self.n_networks}",
                                        hint="start from a one-network model, or one with as many networks")
        ours = (tuple(int(w) for w in self.widths), int(self.maps), 2 if self.two_channel else 1, dim)
        theirs = (tuple(int(w) for w in source.widths), int(source.maps), 2 if source.two_channel else 1,
                  source.network_.dim)
        if ours != theirs:
            describe = (lambda v: "filter widths " + ",".join(map(str, v)), lambda v: f"{v} maps per width",
                        lambda v: "two channels" if v == 2 else "one channel", lambda v: f"{v}-d vectors")
            differ = ", ".join(f"{d(b)}, not {d(a)}" for d, a, b in zip(describe, ours, theirs) if a != b)
            raise InvalidParameterError(f"init_from: the model to start from ({name}) has {differ}",
                                        hint="train with the same --two-channel, --maps and --vectors as that model")
        return [StartingPoint(name, dict(source.index_), network.embedding.weight.detach().float().clone(),
                              None if network.static_embedding is None
                              else network.static_embedding.weight.detach().float().clone(),
                              [{k: v.clone() for k, v in conv.state_dict().items()} for conv in network.convs])
                for network in networks]

    def _start_from(self, network: KimCNN, start: StartingPoint, vectors) -> int:
        """Copy the starting point's rows of the shared words and its filters; return how many words."""
        ours = [i for i, word in enumerate(self.vocabulary_) if i > UNK and word in start.index]
        theirs = [start.index[self.vocabulary_[i]] for i in ours]
        with torch.no_grad():
            if network.static_embedding is not None:
                self._check_same_vectors(network, start, ours, theirs, vectors)
                # words missing from the vectors start from random rows: take the source's, which its filters know
                network.static_embedding.weight[ours] = start.static[theirs]
            network.embedding.weight[ours] = start.embedding[theirs]
            for conv, state in zip(network.convs, start.convs):
                conv.load_state_dict(state)
        return len(ours)

    def _check_same_vectors(self, network: KimCNN, start: StartingPoint, ours: list[int], theirs: list[int],
                            vectors) -> None:
        """The static channel holds the vectors as they came: where it differs, the source used other vectors."""
        known = [(i, j) for i, j in zip(ours, theirs) if self.vocabulary_[i] in vectors.key_to_index]
        if not known:
            return
        rows, source_rows = zip(*known)
        gap = (network.static_embedding.weight[list(rows)] - start.static[list(source_rows)]).abs().amax(dim=1)
        differ = int((gap > 1e-2).sum())  # saved models keep float16 vectors: about 1e-3 apart at most
        if differ:
            raise InvalidParameterError(f"init_from: the model to start from ({start.name}) was trained on other "
                                        f"word vectors ({differ:,} of {len(known):,} shared words differ)",
                                        hint="pass the --vectors that model was trained with")

    def _check_params(self) -> None:
        self._check_param_types()
        checks = [
            (isinstance(self.widths, (list, tuple, np.ndarray)) and len(self.widths) > 0
             and all(isinstance(w, (int, np.integer)) and w >= 1 for w in self.widths),
             f"widths {self.widths!r}: a list of filter widths, each at least 1, e.g. (3, 4, 5)"),
            (self.maps >= 1, f"maps {self.maps}: must be at least 1"),
            (0 <= self.dropout < 1, f"dropout {self.dropout}: must be in [0, 1)"),
            (self.epochs >= 1, f"epochs {self.epochs}: must be at least 1"),
            (self.batch_size >= 1, f"batch_size {self.batch_size}: must be at least 1"),
            (self.lr > 0, f"lr {self.lr}: must be positive"),
            (0 <= self.dev_fraction < 1, f"dev_fraction {self.dev_fraction}: must be in [0, 1)"),
            (self.patience >= 1, f"patience {self.patience}: must be at least 1"),
            (self.split in ("auto", True, False), f"split {self.split!r}: must be 'auto', True or False"),
            (0 <= self.ngram_weight < 1, f"ngram_weight {self.ngram_weight}: must be in [0, 1)"),
            (isinstance(self.n_networks, (int, np.integer)) and not isinstance(self.n_networks, bool)
             and self.n_networks >= 1, f"n_networks {self.n_networks!r}: must be a whole number, at least 1"),
        ]
        for ok, message in checks:
            if not ok:
                raise InvalidParameterError(message)

    def _dev_indices(self, n_examples: int, rng) -> tuple[np.ndarray, np.ndarray]:
        """Which examples train and which make the dev split that picks the epoch."""
        order = rng.permutation(n_examples)
        n_dev = round(n_examples * self.dev_fraction)
        if self.dev_fraction > 0 and n_dev == 0:
            n_dev = 1
        if n_dev >= n_examples:
            raise EmptyCorpusError(f"only {n_examples} sentences: too few to hold out a dev split",
                                   hint="give more data, or set dev_fraction=0")
        return order[n_dev:], order[:n_dev]

    def _new_network(self, vocab_size: int, dim: int, n_classes: int) -> KimCNN:
        return KimCNN(vocab_size, dim, tuple(int(w) for w in self.widths), int(self.maps), n_classes,
                      float(self.dropout), bool(self.static), bool(self.two_channel))

    def _new_networks(self, vocab_size: int, dim: int, n_classes: int) -> KimCNN | CNNEnsemble:
        """The untrained network(s) ``n_networks`` asks for, to load saved weights into."""
        return combined([self._new_network(vocab_size, dim, n_classes) for _ in range(int(self.n_networks))])

    def _set_state(self, vocabulary, classes, pipeline, network) -> None:
        self.vocabulary_ = list(vocabulary)
        self.index_ = {word: i for i, word in enumerate(self.vocabulary_)}
        self.classes_ = list(classes)
        self.class_index_ = {label: i for i, label in enumerate(self.classes_)}
        self.pipeline_ = pipeline
        self.network_ = None if network is None else network.eval()
        self.ngrams_ = None  # fit adds it after the CNN has trained, so early stopping reads the CNN alone
        self.ngram_weight_ = 0.0  # the n-gram share the fitted (or loaded) model mixes in

    def _train(self, network: KimCNN, train, dev, seed: int, train_weights=None, dev_weights=None) -> dict:
        train_ids = [self._ids(tokens[: self.max_len]) for tokens, _ in train]
        train_y = torch.tensor([self.class_index_[label] for _, label in train])
        dev_ids = [self._ids(tokens) for tokens, _ in dev]
        optimisers = _optimisers(network, self.lr, self.weight_decay)
        # each sentence's say in the loss and, with no dev split, in the training accuracy that picks the epoch
        counted = torch.ones(len(train_ids)) if train_weights is None else torch.tensor(train_weights,
                                                                                        dtype=torch.float32)
        loss_fn = _loss_function(None if train_weights is None else counted)
        generator = torch.Generator().manual_seed(seed)
        best = {"dev_accuracy": -1.0, "best_epoch": 0, "state": None}
        history = []
        waited = 0
        label = "training sentiment CNN" + (f" {seed - self.seed + 1}/{self.n_networks}" if self.n_networks > 1 else "")
        with task(label, self.epochs, "epochs") as progress:
            for epoch in range(1, self.epochs + 1):
                network.train()
                batches = _length_bucketed_batches(train_ids, self.batch_size, generator)
                total_loss, correct = 0.0, 0.0
                for batch in batches:
                    ids, lengths = _pad([train_ids[i] for i in batch])
                    logits = network(ids, lengths)
                    target = train_y[batch]
                    loss = loss_fn(logits, target, batch)
                    for optimiser in optimisers:
                        optimiser.zero_grad()
                    loss.backward()
                    for optimiser in optimisers:
                        optimiser.step()
                    if self.max_norm:
                        network.apply_max_norm(self.max_norm)
                    total_loss += loss.item() * len(batch)
                    correct += float(((logits.argmax(1) == target) * counted[batch]).sum())
                network.eval()
                train_accuracy = correct / float(counted.sum())
                dev_accuracy = (self._accuracy(dev, self._proba_of_ids(dev_ids, network), dev_weights) if dev
                                else train_accuracy)
                history.append({"epoch": epoch, "loss": round(total_loss / len(train_ids), 4),
                                "train_accuracy": round(train_accuracy, 4), "dev_accuracy": round(dev_accuracy, 4)})
                progress.advance()
                progress.update(loss=f"{total_loss / len(train_ids):.3f}", acc=f"{train_accuracy:.3f}",
                                dev=f"{dev_accuracy:.3f}")
                if dev_accuracy > best["dev_accuracy"]:
                    best = {"dev_accuracy": dev_accuracy, "best_epoch": epoch,
                            "state": {k: v.clone() for k, v in network.state_dict().items()}}
                    waited = 0
                else:
                    waited += 1
                    if dev and waited >= self.patience:
                        break
        network.load_state_dict(best["state"])
        return {"dev_accuracy": round(best["dev_accuracy"], 4), "best_epoch": best["best_epoch"],
                "epochs_run": len(history), "history": history}

    # ---- prediction -----------------------------------------------------------------------------
    def tokenize(self, text) -> list[str]:
        """Tokens of one text, exactly as the model's training corpus was tokenised. A token list
        is taken as tokenised already, and case-folded where the pipeline folds case ("Great" ->
        "great"), so that it reads as the same sentence written as a string would."""
        pipeline = self.pipeline_ if hasattr(self, "pipeline_") else (self.pipeline or Pipeline.preset("sentiment"))
        if isinstance(text, str):
            return pipeline.tokenize(text)
        tokens = list(text) if isinstance(text, (list, tuple)) else None
        if tokens is None or not all(isinstance(token, str) for token in tokens):
            raise InvalidParameterError(f"a text must be a string or a list of tokens, not {described(text)}",
                                        hint='e.g. "the food was great" or ["the", "food", "was", "great"]')
        if any(" " in token.strip() for token in tokens):
            raise InvalidParameterError(f"{described(text)}: a token list holds one word a token, but these hold spaces",
                                        hint="pass one sentence as a string; several sentences as a list of strings "
                                             "(predict), or to flip_many")
        return [token.lower() for token in tokens] if pipeline.lowercase else tokens

    def _ids(self, tokens: Sequence[str]) -> list[int]:
        index = self.index_
        return [index.get(token, UNK) for token in tokens]

    def _checked_tokens(self, text) -> list[str]:
        """The tokens of a string or token list; refuses an empty sentence or one of unknown words only."""
        tokens = self.tokenize(text)
        if not tokens:
            raise InputError(f"{_quote(text)}: the sentence is empty (no tokens)", hint="give a sentence with words")
        if all(self.index_.get(token, UNK) == UNK for token in tokens):
            raise OutOfVocabularyError(f"{_quote(text)}: no word of the sentence is in the model's vocabulary "
                                       f"({', '.join(tokens[:5])})",
                                       hint="check the spelling and the language; the model knows English words")
        return tokens

    def predict_proba(self, texts, *, unreadable: str = "raise") -> np.ndarray:
        """Class probabilities [n, classes] (columns in ``classes_`` order) for strings or token lists.

        An empty sentence, or one with no word the model knows, raises an ``InputError``; with
        ``unreadable="nan"`` its row is NaN instead, with one ``NlpkitWarning`` for the batch, so a
        batch of lines from a file keeps going."""
        self.check_fitted()
        if unreadable not in ("raise", "nan"):
            raise InvalidParameterError(f"unreadable={unreadable!r}: must be 'raise' or 'nan'")
        batch = as_batch(texts)
        if unreadable == "raise":
            return self._mixed_proba([self._checked_tokens(text) for text in batch])
        readable = {}
        for i, text in enumerate(batch):
            with contextlib.suppress(InputError):
                readable[i] = self._checked_tokens(text)
        proba = np.full((len(batch), len(self.classes_)), np.nan, dtype=np.float32)
        if readable:
            proba[list(readable)] = self._mixed_proba(list(readable.values()))
        unread = [text for i, text in enumerate(batch) if i not in readable]
        if unread:
            warnings.warn(f"{len(unread)} of {len(batch)} sentences have no word the model knows (first: "
                          f"{_quote(unread[0])}); their rows are NaN: no label", NlpkitWarning, stacklevel=2)
        return proba

    def predict(self, texts) -> list[str]:
        """The most probable label of each text."""
        proba = self.predict_proba(texts)
        return [self.classes_[i] for i in proba.argmax(axis=1)]

    def _mixed_proba(self, token_lists: list[list[str]]) -> np.ndarray:
        """The CNN's probabilities, mixed with the n-gram model's where there is one."""
        proba = self._proba_of_ids([self._ids(tokens) for tokens in token_lists])
        if self.ngrams_ is not None and token_lists:
            proba = (1 - self.ngram_weight_) * proba + self.ngram_weight_ * self.ngrams_.predict_proba(token_lists)
        return proba

    def cnn_only(self) -> SentimentCNN:
        """This model without its n-gram half: a view that shares the CNN and predicts with it alone."""
        self.check_fitted()
        view = copy.copy(self)
        view.ngrams_, view.ngram_weight_ = None, 0.0
        return view

    def one_network(self, number: int) -> SentimentCNN:
        """The model with network ``number`` of its ensemble alone (n-gram half kept): a view that
        shares it. Network 0 is exactly what ``n_networks=1`` trains with the same seed."""
        self.check_fitted()
        networks = networks_of(self.network_)
        if not 0 <= number < len(networks):
            raise InvalidParameterError(f"network {number}: the model has networks 0 to {len(networks) - 1}")
        view = copy.copy(self)
        view.network_, view.n_networks = networks[number], 1
        view.metrics_ = self._network_metrics(number)
        return view

    def _network_metrics(self, number: int) -> dict:
        """An ensemble's training metrics as network ``number`` alone would report them."""
        metrics = dict(getattr(self, "metrics_", {}))
        if "network_dev_accuracy" not in metrics:
            return metrics
        for key in ("dev_accuracy", "best_epoch", "epochs_run"):
            metrics[key] = metrics.pop(f"network_{key}")[number]
        metrics["history"] = [{k: v for k, v in row.items() if k != "network"}
                              for row in metrics.get("history", []) if row["network"] == number]
        metrics.pop("dev_accuracy_with_ngrams", None)  # measured on the ensemble's mix
        return metrics

    def _proba_of_ids(self, ids: list[list[int]], network=None) -> np.ndarray:
        """Class probabilities of token-id lists under ``network`` (default: the model's CNN)."""
        network = self.network_ if network is None else network
        out = []
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))  # batches of similar length pad less
        with torch.inference_mode(), torch_threads(self.threads):
            for start in range(0, len(ids), PREDICT_BATCH):
                chunk = [ids[i] for i in order[start:start + PREDICT_BATCH]]
                if len(chunk) == 1:
                    logits = network(torch.tensor(chunk, dtype=torch.long))
                else:
                    padded, lengths = _pad(chunk)
                    logits = network(padded, lengths)
                out.append(torch.softmax(logits, dim=1).float().numpy())
        if not out:
            return np.zeros((0, len(self.classes_)), dtype=np.float32)
        proba = np.empty((len(ids), len(self.classes_)), dtype=np.float32)
        proba[order] = np.concatenate(out)
        return proba

    def _accuracy(self, examples, proba: np.ndarray, weights=None) -> float:
        """The share of (tokens, label) examples whose most probable class in ``proba`` is their label
        (each counted by its weight, where given)."""
        labels = np.array([self.class_index_[label] for _, label in examples])
        return float(np.average(proba.argmax(axis=1) == labels, weights=weights))

    def _predict_indices(self, token_lists) -> np.ndarray:
        return self._mixed_proba([list(tokens) for tokens in token_lists]).argmax(axis=1)

    # ---- the gradient API (flip-sentiment) -----------------------------------------------------
    def input_vectors(self) -> tuple[list[str], np.ndarray]:
        """(words, matrix [V, input_dim]): the vectors the model looks tokens up in, i.e. the space
        ``loss_and_gradient`` works in. With two channels a word's vector is its fine-tuned
        and static vectors concatenated; with several networks, every network's vector side by
        side. ``<pad>`` and ``<unk>`` are left out."""
        self.check_fitted()
        with torch.no_grad():
            matrix = self.network_.input_matrix()[2:].float().numpy().copy()
        return self.vocabulary_[2:], matrix

    def vector_of(self, word: str) -> np.ndarray:
        """A word's input vector (the zero <unk> vector for an unknown word)."""
        self.check_fitted()
        with torch.no_grad():
            return self.network_.lookup(torch.tensor([[self.index_.get(word, UNK)]]))[0, 0].float().numpy().copy()

    def loss_and_gradient(self, tokens, target) -> tuple[float, np.ndarray]:
        """Cross-entropy toward ``target`` (a label or its index) and its gradient [n, input_dim]
        with respect to each token's input vector (see ``input_vectors``); eval mode, so no dropout. With an n-gram
        half, the loss is that of the mixed probability, the n-gram share held constant."""
        self.check_fitted()
        target_index = self._target_index(target)
        tokens = self._checked_tokens(tokens)
        network = self.network_
        with torch.enable_grad(), torch_threads(self.threads):
            vectors = network.lookup(torch.tensor([self._ids(tokens)])).detach().requires_grad_(True)
            logits = network.forward_vectors(vectors)
            if self.ngrams_ is None:
                loss = torch.nn.functional.cross_entropy(logits, torch.tensor([target_index]))
            else:
                ngram_share = float(self.ngrams_.predict_proba([tokens])[0, target_index])
                cnn_share = torch.softmax(logits.double(), dim=1)[0, target_index]
                mixed = (1 - self.ngram_weight_) * cnn_share + self.ngram_weight_ * ngram_share
                loss = -torch.log(mixed.clamp_min(1e-300))
            (gradient,) = torch.autograd.grad(loss, vectors)
        return loss.item(), gradient[0].numpy().copy()

    def proba_of_vectors(self, vectors: np.ndarray) -> np.ndarray:
        """The CNN's class probabilities for input vectors: [n, dim] -> [classes]; [batch, n, dim] ->
        [batch, classes]. Vectors are not words, so an n-gram half (``ngram_weight``) plays no part."""
        self.check_fitted()
        array = np.asarray(vectors)
        single = array.ndim == 2
        if array.ndim not in (2, 3) or array.shape[-1] != self.network_.input_dim or array.shape[-2] == 0:
            raise InvalidParameterError(f"vectors of shape {array.shape}: expected [n, {self.network_.input_dim}] "
                                        f"or [batch, n, {self.network_.input_dim}] with n >= 1")
        dtype = next(self.network_.parameters()).dtype
        with torch.inference_mode(), torch_threads(self.threads):
            x = torch.as_tensor(array[None] if single else array, dtype=dtype)
            proba = torch.softmax(self.network_.forward_vectors(x), dim=1).numpy()
        return proba[0] if single else proba

    def _target_index(self, target) -> int:
        if isinstance(target, (int, np.integer)) and not isinstance(target, bool):
            if 0 <= int(target) < len(self.classes_):
                return int(target)
        elif str(target) in self.class_index_:
            return self.class_index_[str(target)]
        raise InvalidParameterError(f"target {target!r}: not one of the model's classes {self.classes_}",
                                    hint="give a class name or its index")

    # ---- persistence ----------------------------------------------------------------------------
    def save(self, folder: Path | str, run=None) -> Path:
        """Write weights (torch state_dict, float16 embeddings), vocab.json, params.json,
        metrics.json and run.json (``run``, a RunRecord, or one made here) into ``folder``, atomically."""
        self.check_fitted()
        folder = Path(folder)
        state = {k: (v.half() if "embedding" in k else v).clone() for k, v in self.network_.state_dict().items()}
        params = {k: v for k, v in self.fitted_params().items() if k != "pipeline"}
        params["vectors"] = _param_name(params["vectors"])
        params["init_from"] = _param_name(params["init_from"])
        params["ngram_weight"] = self.ngram_weight_  # what was fitted, whatever set_params said since
        params["n_networks"] = len(networks_of(self.network_))
        if params["n_networks"] == 1:  # as before ensembles, so that earlier versions load one-network models
            del params["n_networks"]
        params["widths"] = list(params["widths"])
        with atomic_dir(folder) as tmp:
            torch.save(state, tmp / WEIGHTS)
            _write_json(tmp / VOCAB, {"words": self.vocabulary_, "classes": self.classes_})
            _write_json(tmp / PARAMS, {"format": FORMAT_VERSION, "model": "SentimentCNN", "params": params,
                                       "pipeline": self.pipeline_.get_params(),
                                       "dim": self.network_.dim})
            _write_json(tmp / METRICS, getattr(self, "metrics_", {}))
            if self.ngrams_ is not None:
                self.ngrams_.save_into(tmp)
            (run or self._run_record(params)).save(tmp)
            _make_readable(tmp)
        return folder

    def _run_record(self, params: dict):
        from ..runs import RunRecord

        metrics = {k: v for k, v in getattr(self, "metrics_", {}).items() if k != "history"}
        return RunRecord("SentimentCNN.fit", params=params, metrics=metrics, workers=self.threads,
                         seed=params.get("seed")).finish()

    @classmethod
    def load(cls, folder: Path | str) -> SentimentCNN:
        """A model saved by ``save``; ArtifactError names what is missing or wrong."""
        folder = Path(folder)
        if not folder.is_dir():
            raise ArtifactError(f"{folder}: no such model folder",
                                hint="pass a folder written by `nlpkit sentiment train --out`")
        missing = [name for name in (WEIGHTS, VOCAB, PARAMS) if not (folder / name).is_file()]
        if missing:
            raise ArtifactError(f"{folder}: not a sentiment model (missing {', '.join(missing)})",
                                hint="pass a folder written by `nlpkit sentiment train --out`")
        try:
            saved = json.loads((folder / PARAMS).read_text())
            vocab = json.loads((folder / VOCAB).read_text())
            state = torch.load(folder / WEIGHTS, map_location="cpu", weights_only=True)
        except (*UNREADABLE_ARTIFACT, RuntimeError, pickle.UnpicklingError) as exc:
            raise ArtifactError(f"{folder}: the model files are unreadable ({reason(exc)})",
                                hint="retrain it with `nlpkit sentiment train`") from None
        if saved.get("model") != "SentimentCNN" or saved.get("format") != FORMAT_VERSION:
            raise ArtifactError(f"{folder}: not a SentimentCNN model of format {FORMAT_VERSION}",
                                hint="retrain it with this version of nlpkit")
        params = dict(saved["params"])
        params["widths"] = tuple(params["widths"])
        model = cls(**params, pipeline=Pipeline(**saved["pipeline"]))
        network = model._new_networks(len(vocab["words"]), int(saved["dim"]), len(vocab["classes"]))
        try:
            network.load_state_dict({k: v.float() for k, v in state.items()})
        except (RuntimeError, KeyError) as exc:
            raise ArtifactError(f"{folder}: the weights do not fit the saved settings ({str(exc)[:200]})",
                                hint="retrain it with `nlpkit sentiment train`") from None
        model._set_state(vocab["words"], vocab["classes"], model.pipeline, network)
        model.ngrams_ = model._load_ngrams(folder)
        model.ngram_weight_ = float(model.ngram_weight) if model.ngrams_ is not None else 0.0
        model.folder_ = folder
        metrics_path = folder / METRICS
        model.metrics_ = json.loads(metrics_path.read_text()) if metrics_path.is_file() else {}
        model._remember_fitted_params()
        return model

    def _load_ngrams(self, folder: Path) -> NgramSentiment | None:
        if not self.ngram_weight:
            return None
        if not (folder / NGRAMS).is_file():
            raise ArtifactError(f"{folder}: the settings mix in an n-gram model, but {NGRAMS} is missing",
                                hint="retrain it with `nlpkit sentiment train --ngram-weight`")
        ngrams = NgramSentiment.load_from(folder)
        if ngrams.classes_ != self.classes_:
            raise ArtifactError(f"{folder}: the n-gram model's classes {ngrams.classes_} are not the CNN's "
                                f"{self.classes_}", hint="retrain it with `nlpkit sentiment train --ngram-weight`")
        return ngrams

    @classmethod
    def load_default(cls) -> SentimentCNN:
        """The model shipped in the package (MR + movie_reviews sentences, GloVe 6B 50d)."""
        folder = default_model_dir()
        if not (folder / WEIGHTS).is_file():
            raise ArtifactError(f"{folder}: the default sentiment model is not installed",
                                hint="run `python scripts/train_default_sentiment.py`, or pass --model DIR")
        return cls.load(folder)


def _length_bucketed_batches(ids: list[list[int]], size: int, generator: torch.Generator) -> list[list[int]]:
    """Shuffled batches of sentences of similar length (less padding to compute over):
    shuffle, sort each run of 50 batches by length, cut into batches, shuffle the batches."""
    order = torch.randperm(len(ids), generator=generator).tolist()
    pool = size * 50
    batches = []
    for start in range(0, len(order), pool):
        chunk = sorted(order[start:start + pool], key=lambda i: len(ids[i]))
        batches += [chunk[i:i + size] for i in range(0, len(chunk), size)]
    return [batches[i] for i in torch.randperm(len(batches), generator=generator).tolist()]


def _split_weights(weights, train_rows, dev_rows) -> tuple[list | None, list | None]:
    """The training and dev parts' weights (None for both without weights); each part that has
    sentences must weigh something, or it would learn (or pick an epoch by) nothing."""
    if weights is None:
        return None, None
    train, dev = [weights[i] for i in train_rows], [weights[i] for i in dev_rows]
    for part, name in ((train, "training"), (dev, "dev")):
        if part and sum(part) <= 0:
            raise InvalidParameterError(f"sample_weight: every sentence of the {name} part weighs 0",
                                        hint="give more sentences a weight above 0")
    return train, dev


def _loss_function(weights: torch.Tensor | None = None):
    """The batch loss, ``loss(logits, target, batch)``: mean cross-entropy, each sentence's scaled by its
    weight (``weights``, one per training sentence) where weights are given (averaged over the batch, not over its weights, so a batch of
    low-weight sentences has a smaller gradient; Adam rescales steps, so it moves the network less
    only roughly)."""
    if weights is None:
        plain = torch.nn.CrossEntropyLoss()
        return lambda logits, target, batch: plain(logits, target)
    return lambda logits, target, batch: (torch.nn.functional.cross_entropy(logits, target, reduction="none")
                                          * weights[batch]).mean()


def _optimisers(network: KimCNN, lr: float, weight_decay: float) -> list:
    """Adam (with L2) for the dense layers, lazy SparseAdam for a fine-tuned embedding."""
    dense = [p for name, p in network.named_parameters() if p.requires_grad and not name.startswith("embedding.")]
    optimisers = [torch.optim.Adam(dense, lr=lr, weight_decay=weight_decay)]
    if network.embedding.weight.requires_grad:
        optimisers.append(torch.optim.SparseAdam([network.embedding.weight], lr=lr))
    return optimisers


def _pad(ids: list[list[int]]) -> tuple[torch.Tensor, torch.Tensor]:
    lengths = torch.tensor([len(row) for row in ids])
    width = max(int(lengths.max()), 1)
    padded = torch.full((len(ids), width), PAD, dtype=torch.long)
    for i, row in enumerate(ids):
        padded[i, : len(row)] = torch.tensor(row, dtype=torch.long)
    return padded, lengths


def _quote(text) -> str:
    shown = text if isinstance(text, str) else " ".join(map(str, text)) if isinstance(text, (list, tuple)) \
        else repr(text)
    return repr(shown[:60] + ("…" if len(shown) > 60 else ""))


def _param_name(value) -> str | None:
    """What params.json records of vectors or a model to start from: a path or name as given, else its type."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, Path):
        return str(value)
    if getattr(value, "folder_", None) is not None:  # a model loaded from a folder
        return str(value.folder_)
    return f"<in-memory {type(value).__name__}>"


def _make_readable(folder: Path) -> None:
    """A temporary folder is private (0700); a model is meant to be shared and shipped."""
    folder.chmod(0o755)
    for path in folder.iterdir():
        path.chmod(0o644)


def _write_json(path: Path, data) -> None:
    with atomic_write(path) as fh:
        json.dump(data, fh, indent=1, ensure_ascii=False)
