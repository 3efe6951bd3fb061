"""Batch queries: a file of analogies, one ``A B C`` a line, answered in one pass.

A file with ``: section`` lines is Google's analogy set (gensim's questions-words.txt), whose
``a b c d`` means "a is to b as c is to d": it is read as the query b - a + c, expecting d.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CorpusFormatError, OutOfVocabularyError
from .vectors import Neighbour, WordVectors

GOOGLE_FORMAT_HINT = "Google's format: `: section` lines, then `a b c d` a line (a is to b as c is to d)"
ANALOGY_FILE_HINT = f"one analogy a line: `king man woman` asks king - man + woman; or {GOOGLE_FORMAT_HINT}"


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
    section: str | None = None      # the Google analogy set's section the line is in
    expected_form: str | None = None    # ``expected`` as the vocabulary holds it ("Iraq" -> "iraq")

    @property
    def correct(self) -> bool | None:
        if self.expected is None or not self.answers:
            return None
        return self.answers[0].word in (self.expected, self.expected_form)

    def to_dict(self) -> dict:
        data = {"a": self.a, "b": self.b, "c": self.c, "answers": [n.to_dict() for n in self.answers]}
        if self.line is not None:
            data["line"] = self.line
        if self.section is not None:
            data["section"] = self.section
        if self.expected is not None:
            data.update(expected=self.expected, correct=self.correct)
        if self.error is not None:
            data["error"] = self.error
        return data


def read_analogy_lines(path: str | Path, *, sizes: tuple[int, ...] = (3, 4)) -> list[tuple[int, list[str], str | None]]:
    """(line number, words, section) for each analogy line of ``path``, as written: the one reader
    of analogy files, shared by batch queries and ``vectors eval``. Blank and ``#`` lines are
    skipped; a ``: section`` line names the section of the lines after it (None before any).

    A line whose word count is not in ``sizes``, or a file with no analogy, is a CorpusFormatError
    naming file:line.
    """
    from .._io import open_text

    path = Path(path)
    hint = ANALOGY_FILE_HINT if 3 in sizes else GOOGLE_FORMAT_HINT
    lines, section = [], None
    with open_text(path) as fh:
        for number, line in enumerate(fh, 1):
            words = line.split()
            if words and words[0].startswith(":"):
                section = " ".join(words)[1:].strip() or "?"
                continue
            if not words or words[0].startswith("#"):
                continue
            if len(words) not in sizes:
                wanted = "three words (A B C, optionally the expected D)" if 3 in sizes else "four words (a b c d)"
                raise CorpusFormatError(
                    f"{path}:{number}: an analogy needs {wanted}, got {len(words)}: {line.strip()[:60]!r}",
                    hint=hint)
            lines.append((number, words, section))
    if not lines:
        raise CorpusFormatError(f"{path}: holds no analogies", hint=hint)
    return lines


def read_analogy_queries(path: str | Path) -> list[tuple[int, list[str], str | None]]:
    """(line number, [a, b, c] or [a, b, c, expected], section) per line, as the query a - b + c.
    After a ``: section`` line (Google's set) ``a b c d`` becomes the query b - a + c expecting d;
    before any, a line is our own a - b + c.
    """
    return [(number, [words[1], words[0], *words[2:]] if section is not None else words, section)
            for number, words, section in read_analogy_lines(path)]


def answer_file(vectors: WordVectors, path: str | Path, *, top: int = 10, method: str = "add") -> list[AnalogyAnswer]:
    """Answer every analogy in ``path``; a line with an unknown word gets an ``error`` instead of answers."""
    from ..progress import track

    queries = read_analogy_queries(path)
    results = []
    for number, words, section in track(queries, "answering analogies", unit="analogies"):
        a, b, c = words[:3]
        expected = words[3] if len(words) == 4 else None
        result = AnalogyAnswer(a, b, c, expected=expected, line=number, section=section,
                               expected_form=None if expected is None else vectors.known_form(expected))
        try:
            result.answers = vectors.analogy(a, b, c, top=top, method=method)
        except OutOfVocabularyError as exc:
            result.error = f"{exc.message}; {exc.hint}"
        results.append(result)
    return results
