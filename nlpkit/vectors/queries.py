"""Batch queries: a file of analogies, one ``A B C`` a line, answered in one pass."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CorpusFormatError, OutOfVocabularyError
from .vectors import Neighbour, WordVectors


@dataclass
class AnalogyAnswer:
    """The answers to ``a - b + c`` (or why there are none: ``error`` names the unknown word)."""

    a: str
    b: str
    c: str
    answers: list[Neighbour] = field(default_factory=list)
    expected: str | None = None
    error: str | None = None
    line: int | None = None

    @property
    def correct(self) -> bool | None:
        if self.expected is None or not self.answers:
            return None
        return self.answers[0].word == self.expected

    def to_dict(self) -> dict:
        data = {"a": self.a, "b": self.b, "c": self.c, "answers": [n.to_dict() for n in self.answers]}
        if self.line is not None:
            data["line"] = self.line
        if self.expected is not None:
            data.update(expected=self.expected, correct=self.correct)
        if self.error is not None:
            data["error"] = self.error
        return data


def read_analogy_queries(path: str | Path) -> list[tuple[int, list[str]]]:
    """(line number, [a, b, c] or [a, b, c, expected]) per line; blank lines and ``#``/``:`` lines skipped.

    A line with fewer than three or more than four words is a CorpusFormatError naming file:line.
    """
    from .._io import open_text

    path = Path(path)
    queries = []
    with open_text(path) as fh:
        for number, line in enumerate(fh, 1):
            words = line.split()
            if not words or words[0].startswith(("#", ":")):
                continue
            if len(words) not in (3, 4):
                raise CorpusFormatError(
                    f"{path}:{number}: an analogy needs three words (A B C, optionally the expected D), "
                    f"got {len(words)}: {line.strip()[:60]!r}",
                    hint="one analogy a line: `king man woman` asks king - man + woman")
            queries.append((number, words))
    if not queries:
        raise CorpusFormatError(f"{path}: holds no analogies", hint="one analogy a line: king man woman")
    return queries


def answer_file(vectors: WordVectors, path: str | Path, *, top: int = 10, method: str = "add") -> list[AnalogyAnswer]:
    """Answer every analogy in ``path``; a line with an unknown word gets an ``error`` instead of answers."""
    from ..progress import track

    queries = read_analogy_queries(path)
    results = []
    for number, words in track(queries, "answering analogies", unit="analogies"):
        a, b, c = words[:3]
        result = AnalogyAnswer(a, b, c, expected=words[3] if len(words) == 4 else None, line=number)
        try:
            result.answers = vectors.analogy(a, b, c, top=top, method=method)
        except OutOfVocabularyError as exc:
            result.error = f"{exc.message}; {exc.hint}"
        results.append(result)
    return results
