"""Intrinsic evaluation: the Google analogy set (3CosAdd and 3CosMul) and wordsim353.

The analogy scoring computes the cosines of the few hundred distinct query words with the
most frequent ``restrict`` words in one matrix product, then scores questions in batches,
instead of a ``most_similar`` call per question; the answers equal gensim's
``evaluate_word_analogies`` with ``restrict_vocab=restrict``.
A question is answerable when all four words are among those ``restrict`` words
(case-insensitively); accuracy is over the answerable questions only.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from ..errors import CorpusFormatError, InvalidParameterError
from .vectors import MUL_EPSILON, WordVectors

BATCH = 256
SYNTACTIC_PREFIX = "gram"


@dataclass
class SectionScore:
    section: str
    questions: int = 0
    answerable: int = 0
    add_correct: int = 0
    mul_correct: int = 0

    @property
    def add_accuracy(self) -> float | None:
        return self.add_correct / self.answerable if self.answerable else None

    @property
    def mul_accuracy(self) -> float | None:
        return self.mul_correct / self.answerable if self.answerable else None

    def absorb(self, other: SectionScore) -> None:
        self.questions += other.questions
        self.answerable += other.answerable
        self.add_correct += other.add_correct
        self.mul_correct += other.mul_correct

    def to_dict(self) -> dict:
        return {**asdict(self), "add_accuracy": _round(self.add_accuracy), "mul_accuracy": _round(self.mul_accuracy)}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def google_analogies_path() -> Path:
    from gensim.test.utils import datapath

    return Path(datapath("questions-words.txt"))


def wordsim353_path() -> Path:
    from gensim.test.utils import datapath

    return Path(datapath("wordsim353.tsv"))


def read_analogies(path: Path) -> list[tuple[str, list[tuple[str, str, str, str]]]]:
    """Sections of (a, b, c, expected) questions from a questions-words.txt style file, lowercased;
    questions before any ``: section`` line form a section named "questions", and a section named
    twice is one section."""
    from .queries import read_analogy_lines

    sections: dict[str, list] = {}
    for _, words, section in read_analogy_lines(path, sizes=(4,)):
        sections.setdefault(section or "questions", []).append(tuple(word.lower() for word in words))
    return list(sections.items())


def lowercase_index(vectors: WordVectors, restrict: int) -> dict[str, int]:
    """Lowercased word -> row among the first ``restrict`` words (the most frequent spelling wins)."""
    index: dict[str, int] = {}
    for row, word in enumerate(vectors.words[:restrict]):
        index.setdefault(word.lower(), row)
    return index


def score_analogies(vectors: WordVectors, path: Path | None = None, restrict: int = 30_000) -> dict:
    """Accuracy per section, semantic, syntactic and overall, for 3CosAdd and 3CosMul."""
    if restrict < 1:
        raise InvalidParameterError(f"restrict {restrict}: must be at least 1")
    path = Path(path) if path else google_analogies_path()
    index = lowercase_index(vectors, restrict)
    normed = vectors.normed()[:restrict]
    asked = [(name, len(questions), np.array([[index[w] for w in q] for q in questions if all(w in index for w in q)],
                                             dtype=np.int64).reshape(-1, 4))
             for name, questions in read_analogies(path)]
    query_rows = np.unique(np.concatenate([rows[:, :3].ravel() for _, _, rows in asked] + [np.zeros(0, np.int64)]))
    # The ~900 distinct query words' cosines with every candidate, once: each question then only gathers rows.
    cosines = normed[query_rows] @ normed.T
    shifted = (1.0 + cosines) / 2.0  # 3CosMul's cosines, shifted to [0, 1]
    inverse = 1.0 / (shifted + MUL_EPSILON)
    position = np.zeros(len(normed), dtype=np.int64)
    position[query_rows] = np.arange(len(query_rows))
    sections = []
    for name, count, rows in asked:
        score = SectionScore(name, questions=count, answerable=len(rows))
        for start in range(0, len(rows), BATCH):
            batch = rows[start:start + BATCH]
            add, mul = _correct((cosines, shifted, inverse), position, batch)
            score.add_correct += add
            score.mul_correct += mul
        sections.append(score)
    semantic, syntactic, overall = SectionScore("semantic"), SectionScore("syntactic"), SectionScore("overall")
    for score in sections:
        (syntactic if score.section.startswith(SYNTACTIC_PREFIX) else semantic).absorb(score)
        overall.absorb(score)
    return {"file": str(path), "restrict": restrict, "sections": [s.to_dict() for s in sections],
            "semantic": semantic.to_dict(), "syntactic": syntactic.to_dict(), "overall": overall.to_dict()}


def _correct(tables: tuple[np.ndarray, np.ndarray, np.ndarray], position: np.ndarray,
             rows: np.ndarray) -> tuple[int, int]:
    """How many of the questions (rows of a, b, c, expected) 3CosAdd and 3CosMul answer right.

    For "a is to b as c is to d" the query is b - a + c; a, b and c are never answers.
    ``tables`` are the query words' cosines with every candidate, the same shifted to [0, 1],
    and the reciprocal of the shifted ones plus epsilon; ``position[w]`` is word w's row.
    In-place arithmetic: these batches are the bulk of the work.
    """
    cosines, shifted, inverse = tables
    a, b, c = (position[rows[:, k]] for k in range(3))
    banned = (np.arange(len(rows))[:, None], rows[:, :3])
    add = cosines[b]
    add -= cosines[a]
    add += cosines[c]
    mul = shifted[b]
    mul *= shifted[c]
    mul *= inverse[a]
    correct = []
    for scores in (add, mul):
        scores[banned] = -np.inf
        correct.append(int((scores.argmax(axis=1) == rows[:, 3]).sum()))
    return correct[0], correct[1]


def score_word_pairs(vectors: WordVectors, path: Path | None = None) -> dict:
    """Spearman (and Pearson) correlation of cosine similarity with human ratings, over the known pairs."""
    from scipy.stats import pearsonr, spearmanr

    from .._io import open_text

    path = Path(path) if path else wordsim353_path()
    index = lowercase_index(vectors, len(vectors))
    human, model, total = [], [], 0
    with open_text(path) as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.lower().split("\t") if "\t" in line else line.lower().split()
            try:
                first, second, rating = parts[0].strip(), parts[1].strip(), float(parts[2])
            except (IndexError, ValueError):
                raise CorpusFormatError(f"{path}:{number}: expected 'word<TAB>word<TAB>rating'",
                                        hint="one pair a line, as in wordsim353.tsv") from None
            total += 1
            if first in index and second in index:
                u, v = (vectors.normed()[index[w]] for w in (first, second))
                human.append(rating)
                model.append(float(u @ v))
    enough = len(human) >= 3
    return {"file": str(path), "pairs": total, "used": len(human),
            "spearman": round(float(spearmanr(human, model).statistic), 4) if enough else None,
            "pearson": round(float(pearsonr(human, model).statistic), 4) if enough else None}


def evaluate(vectors: WordVectors, *, analogies: str | Path | None = None, pairs: str | Path | None = None,
             restrict: int = 30_000) -> dict:
    """Both benchmarks in one dict: ``{"vectors", "words", "dim", "analogy", "wordsim"}``."""
    from ..progress import task

    with task("evaluating analogies", None, "sets") as progress:
        analogy = score_analogies(vectors, Path(analogies) if analogies else None, restrict)
        progress.advance()
        wordsim = score_word_pairs(vectors, Path(pairs) if pairs else None)
        progress.advance()
    return {"vectors": vectors.source, "words": len(vectors), "dim": vectors.dim, "analogy": analogy,
            "wordsim": wordsim}
