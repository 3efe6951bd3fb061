"""How good a set of topics is: coherence, diversity, agreement with gold labels, stability.

Every function takes plain data (lists of top words, token lists, label lists), so the
benchmark can score nlpkit and its peers with exactly the same code.
"""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Sequence

import numpy as np

from ..errors import NlpkitWarning

COHERENCE_MEASURES = ("c_npmi", "c_v")
COHERENCE_TOPN = 10
DIVERSITY_TOPN = 25


def build_dictionary(texts: Sequence[Sequence[str]]):
    """gensim's ``Dictionary(texts)``, the same ids and counts, built in a fraction of the time."""
    from gensim.corpora import Dictionary

    dictionary = Dictionary()
    token2id, collection, document = dictionary.token2id, Counter(), Counter()
    for tokens in texts:
        tokens = tokens if isinstance(tokens, (list, tuple)) else list(tokens)  # read twice below
        unique = set(tokens)
        for word in sorted(unique.difference(token2id)):  # gensim numbers new words in sorted order
            token2id[word] = len(token2id)
        document.update(unique)
        collection.update(tokens)
    dictionary.cfs = {token2id[w]: n for w, n in collection.items()}
    dictionary.dfs = {token2id[w]: n for w, n in document.items()}
    dictionary.num_docs, dictionary.num_pos = len(texts), sum(collection.values())
    dictionary.num_nnz = sum(document.values())
    return dictionary


def coherence(topics: Sequence[Sequence[str]], texts: Sequence[Sequence[str]], measure: str = "c_npmi",
              topn: int = COHERENCE_TOPN, dictionary=None,
              processes: int = 1) -> tuple[float | None, list[float | None]]:
    """(mean, per topic) coherence of ``topics`` over ``texts`` (gensim's CoherenceModel).

    ``measure`` is "c_npmi" (sliding window of 10, in [-1, 1]) or "c_v" (window of 110,
    in [0, 1]); higher is better for both. A topic whose words do not occur in ``texts`` has no
    measurable coherence there (gensim gives inf or nan): it is None, with a warning, and the
    mean is over the others (None if no topic is measurable).
    """
    from gensim.models import CoherenceModel

    dictionary = dictionary if dictionary is not None else build_dictionary(texts)
    known = [[w for w in topic[:topn] if w in dictionary.token2id] for topic in topics]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # log(0) for word pairs never seen together
        model = CoherenceModel(topics=known, texts=texts, dictionary=dictionary, coherence=measure, topn=topn,
                               processes=processes)
        per_topic = [float(v) if np.isfinite(v) else None for v in model.get_coherence_per_topic()]
    measured = [v for v in per_topic if v is not None]
    if len(measured) < len(per_topic):
        warnings.warn(f"{len(per_topic) - len(measured)} of {len(per_topic)} topics have no measurable {measure} on "
                      "these texts (their top words do not occur in them); the mean is over the rest",
                      NlpkitWarning, stacklevel=2)
    return (float(np.mean(measured)) if measured else None), per_topic


def diversity(topics: Sequence[Sequence[str]], topn: int = DIVERSITY_TOPN) -> float:
    """Unique words / all words among every topic's top ``topn`` (1.0: no word is shared)."""
    words = [w for topic in topics for w in topic[:topn]]
    return len(set(words)) / len(words) if words else 0.0


def label_nmi(labels: Sequence[str | None], doc_topics: np.ndarray) -> float | None:
    """NMI between each document's dominant topic and its gold label (None without labels)."""
    from sklearn.metrics import normalized_mutual_info_score

    pairs = [(str(label), int(row.argmax())) for label, row in zip(labels, doc_topics) if label is not None]
    if len(pairs) < 2 or len({label for label, _ in pairs}) < 2:
        return None
    gold, dominant = zip(*pairs)
    return float(normalized_mutual_info_score(gold, dominant))


def topic_overlap(reference: Sequence[Sequence[str]], other: Sequence[Sequence[str]]) -> list[float]:
    """For each reference topic, the share of its top words found in its best match in ``other``.

    Topics are paired one-to-one by the Hungarian algorithm, maximising the total overlap.
    """
    from scipy.optimize import linear_sum_assignment

    ref_sets = [set(t) for t in reference]
    other_sets = [set(t) for t in other]
    overlap = np.array([[len(a & b) / len(a) if a else 0.0 for b in other_sets] for a in ref_sets])
    rows, cols = linear_sum_assignment(overlap, maximize=True)
    matched = np.zeros(len(ref_sets))
    matched[rows] = overlap[rows, cols]
    return matched.tolist()


def jensen_shannon_distances(topic_word: np.ndarray) -> np.ndarray:
    """Pairwise Jensen-Shannon distances (base 2, in [0, 1]) between topic-word distributions."""
    p = topic_word / topic_word.sum(axis=1, keepdims=True)
    k = len(p)
    distances = np.zeros((k, k))
    for i in range(k):
        mixture = (p[i] + p) / 2
        with np.errstate(divide="ignore", invalid="ignore"):
            left = np.where(p[i] > 0, p[i] * np.log2(p[i] / mixture), 0.0).sum(axis=1)
            right = np.where(p > 0, p * np.log2(p / mixture), 0.0).sum(axis=1)
        distances[i] = np.sqrt(np.clip((left + right) / 2, 0.0, 1.0))
    np.fill_diagonal(distances, 0.0)
    return (distances + distances.T) / 2


def classical_mds(distances: np.ndarray, dims: int = 2) -> np.ndarray:
    """Coordinates whose Euclidean distances approximate ``distances`` (Torgerson's classical MDS)."""
    n = len(distances)
    if n < 2:
        return np.zeros((n, dims))
    centring = np.eye(n) - np.ones((n, n)) / n
    gram = -0.5 * centring @ (distances**2) @ centring
    values, vectors = np.linalg.eigh(gram)
    order = np.argsort(values)[::-1][:dims]
    coords = vectors[:, order] * np.sqrt(np.clip(values[order], 0.0, None))
    if coords.shape[1] < dims:
        coords = np.hstack([coords, np.zeros((n, dims - coords.shape[1]))])
    return coords
