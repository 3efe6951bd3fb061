"""The training loss shown after each epoch: negative-sampling loss on a fixed sample of the corpus.

gensim's own tally (``compute_loss=True``) cannot be used for this: it accumulates in float32,
so once the total passes a few million it stops growing (gensim issues #2735 and #2617), worker
threads overwrite each other's tallies (#2743), FastText has none, and it costs about 3% of
word2vec's training time. ``SampledLoss`` instead draws (input, output) pairs and their negative
words once, before training, and after each epoch scores them with numpy against the current
weights: the mean loss per pair, comparable from epoch to epoch, for word2vec and fastText,
skip-gram and CBOW alike. Models without negative sampling (hierarchical softmax alone) have no
output weights to score against and report no loss.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

SAMPLE_LINES = 400
MAX_LINE_TOKENS = 200
MAX_PAIRS = 20_000  # a mean over this many pairs moves by well under 1% between samples


class SampledLoss:
    """Mean negative-sampling loss of a gensim Word2Vec or FastText model on fixed pairs.

    Skip-gram pairs each sampled token (the input) with every word in its window (the
    output); CBOW pairs the mean of each sampled token's window (the input) with the token.
    ``lines`` token lists (or ``token_file``, sampled at ``SAMPLE_LINES`` random places) supply
    the tokens; words outside the vocabulary are skipped, as gensim skips them.
    """

    def __init__(self, model, lines: list[list[str]], seed: int = 0):
        rng = np.random.default_rng(seed)
        index = model.wv.key_to_index
        sentences = [ids for ids in ([index[w] for w in line[:MAX_LINE_TOKENS] if w in index] for line in lines)
                     if len(ids) > 1]
        self.cbow = not model.sg
        self.centers, self.contexts = _window_pairs(sentences, model.window, cbow=self.cbow)
        if len(self.centers) > MAX_PAIRS:
            keep = np.sort(rng.choice(len(self.centers), MAX_PAIRS, replace=False))
            self.centers, self.contexts = self.centers[keep], self.contexts[keep]
        self.negatives = _draw_negatives(model.cum_table, (len(self.centers), model.negative), rng)

    @classmethod
    def from_file(cls, model, token_file: str | Path, seed: int = 0) -> SampledLoss:
        return cls(model, _sample_lines(Path(token_file), np.random.default_rng(seed)), seed=seed)

    def __len__(self) -> int:
        return len(self.centers)

    def __call__(self, model) -> float:
        """The mean loss per pair: -log s(in . out) - sum over negatives of log s(-in . neg)."""
        if not len(self):
            return float("nan")
        if self.cbow:  # gensim's cbow_mean: the sum of the window's vectors over their number
            summed, counts, _ = _input_parts(model, self.contexts.clip(min=0))
            inside = (self.contexts >= 0)
            inputs = (summed * inside[..., None]).sum(axis=1) / np.maximum((counts * inside).sum(axis=1), 1)[:, None]
        else:
            summed, _, divisor = _input_parts(model, self.centers)
            inputs = summed / divisor[:, None]
        output = model.syn1neg
        targets = self.contexts if not self.cbow else self.centers
        positive = np.einsum("ij,ij->i", inputs, output[targets])
        negative = np.einsum("ij,ikj->ik", inputs, output[self.negatives])
        counted = self.negatives != targets[:, None]  # gensim skips a negative that is the target itself
        loss = -_log_sigmoid(positive) - (_log_sigmoid(-negative) * counted).sum(axis=1)
        return float(loss.mean())


def sampled_loss(model, token_file: str | Path, seed: int = 0) -> SampledLoss | None:
    """A SampledLoss for ``model``, or None where it has no negative sampling or the sample has
    no pair (e.g. a corpus of one-word lines): no loss is better than a NaN one."""
    if model.negative <= 0:
        return None
    loss = SampledLoss.from_file(model, token_file, seed)
    return loss if len(loss) else None


def _sample_lines(path: Path, rng: np.random.Generator) -> list[list[str]]:
    """The lines after ``SAMPLE_LINES`` random byte offsets, and the first line: from all over the
    file (a long line's successor may come more than once)."""
    size = path.stat().st_size
    lines = []
    with open(path, "rb") as fh:
        for offset in np.unique(np.concatenate([[0], rng.integers(0, max(size, 1), SAMPLE_LINES)])):
            fh.seek(int(offset))
            if offset:
                fh.readline()  # the rest of the line the offset fell into
            lines.append(fh.readline().decode("utf-8", errors="replace").split())
    return lines


def _window_pairs(sentences: list[list[int]], window: int, *, cbow: bool) -> tuple[np.ndarray, np.ndarray]:
    """Skip-gram: (center, context) index pairs. CBOW: centers and their windows, padded with -1."""
    centers: list[int] = []
    contexts: list = []
    for ids in sentences:
        for i, center in enumerate(ids):
            around = ids[max(0, i - window):i] + ids[i + 1:i + 1 + window]
            if cbow:
                centers.append(center)
                contexts.append(around + [-1] * (2 * window - len(around)))
            else:
                centers.extend([center] * len(around))
                contexts.extend(around)
    width = (len(centers), 2 * window) if cbow else (len(centers),)
    return np.array(centers, dtype=np.int64), np.array(contexts, dtype=np.int64).reshape(width)


def _draw_negatives(cum_table: np.ndarray, shape: tuple[int, int], rng: np.random.Generator) -> np.ndarray:
    """Words drawn as gensim draws negatives: from the unigram distribution raised to 0.75 (its cum_table)."""
    return np.searchsorted(cum_table, rng.integers(0, cum_table[-1], size=shape), side="left")


def _input_parts(model, indices: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """What training feeds in for each word: the sum of its rows, how many rows, and skip-gram's divisor.

    word2vec: the word's row, 1, 1. fastText: the word's row plus its n-gram rows, their number,
    and the number of n-gram rows alone (gensim's skip-gram divides by that, not by all rows).
    """
    wv = model.wv
    if not hasattr(wv, "vectors_ngrams"):
        ones = np.ones(indices.shape)
        return wv.vectors[indices], ones, ones
    unique, inverse = np.unique(indices, return_inverse=True)
    summed = np.empty((len(unique), wv.vector_size), dtype=np.float32)
    ngram_counts = np.empty(len(unique))
    for row, word in enumerate(unique):
        buckets = wv.buckets_word[word]
        summed[row] = wv.vectors_vocab[word] + wv.vectors_ngrams[buckets].sum(axis=0)
        ngram_counts[row] = len(buckets)
    inverse = inverse.reshape(indices.shape)
    return summed[inverse], 1 + ngram_counts[inverse], np.maximum(ngram_counts, 1)[inverse]


def _log_sigmoid(x: np.ndarray) -> np.ndarray:
    return -np.logaddexp(0.0, -x)
