"""``nlpkit analogy`` and ``nlpkit similar``: ask word vectors questions."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import app
from ._options import Json
from ._render import message, print_json, stdout, table
from .vectors import Vectors, load_vectors

Top = Annotated[int, typer.Option("--top", "-n", help="How many answers.")]


class Method(str, Enum):
    add = "add"
    mul = "mul"


@app.command("analogy")
def analogy(
    ctx: typer.Context,
    words: Annotated[Optional[list[str]], typer.Argument(help="A B C: asks A - B + C (\"B is to A as C is to ?\").",
                                                         show_default=False)] = None,
    vectors: Vectors = None,
    top: Top = 10,
    method: Annotated[Method, typer.Option("--method", help="add: 3CosAdd; mul: 3CosMul (Levy & Goldberg 2014).")]
    = Method.add,
    input: Annotated[Optional[Path], typer.Option("--input", "-i", help="A file of analogies, one `A B C [D]` a "
                                                  "line (D, if given, is checked). A file with `: section` "
                                                  "lines is Google's set: `a b c d` asks b - a + c.")] = None,
    json: Json = False,
) -> None:
    """The best D for A - B + C, read "B is to A as C is to D"; the query words are never answers.

    Uses the embedded GloVe 6B 50d unless --vectors says otherwise.

    An unknown word is an error that names the closest spellings in the vocabulary.

    Examples:
      nlpkit analogy king man woman                 # queen
      nlpkit analogy paris france italy --top 3     # rome
      nlpkit analogy walking walk swim --method mul
      nlpkit analogy pie pizza calzone --vectors recipes-w2v
      nlpkit analogy --input questions.txt --json
    """
    ctx.obj["json"] = json  # errors as JSON on stderr too
    from ..errors import InvalidParameterError

    if (input is None) == (not words):
        raise InvalidParameterError("give three words (A B C) or --input FILE, not both or neither",
                                    hint="nlpkit analogy king man woman, or nlpkit analogy --input file.txt")
    if input is None and len(words) != 3:
        raise InvalidParameterError(f"an analogy needs three words (A B C), got {len(words)}: {' '.join(words)}",
                                    hint="nlpkit analogy king man woman asks king - man + woman")
    if input is not None:
        _analogy_file(ctx, input, vectors, top, method.value, json)
        return
    a, b, c = words
    answers = load_vectors(ctx, vectors).analogy(a, b, c, top=top, method=method.value)
    if json:
        print_json({"a": a, "b": b, "c": c, "method": method.value, "answers": [n.to_dict() for n in answers]})
        return
    _print_neighbours(f"{a} - {b} + {c}", answers, "score", "the vectors hold no word but the three asked")


def _analogy_file(ctx: typer.Context, path: Path, vectors: str | None, top: int, method: str, json: bool) -> None:
    from ..vectors.queries import answer_file, read_analogy_queries

    read_analogy_queries(path)  # a malformed file fails before the vectors are loaded
    results = answer_file(load_vectors(ctx, vectors), path, top=top, method=method)
    if json:
        print_json([r.to_dict() for r in results])
        return
    rows = [[r.line, f"{r.a} - {r.b} + {r.c}", r.error or ", ".join(n.word for n in r.answers[:3]),
             "" if r.correct is None else ("yes" if r.correct else f"no ({r.expected})")] for r in results]
    stdout().print(table(f"Analogies in {path}", ["line", "query", "best answers", "correct"], rows))
    if any(r.section is not None for r in results):
        message("read as Google's analogy format (`: section` lines): `a b c d` asks b - a + c, expecting d")
    checked = [r.correct for r in results if r.expected is not None]
    if checked:
        right, unknown = sum(c is True for c in checked), sum(c is None for c in checked)
        message(f"correct: {right} of {len(checked)} ({right / len(checked):.1%})"
                + (f"; {unknown} with an unknown word count as wrong" if unknown else ""))


@app.command("similar")
def similar(
    ctx: typer.Context,
    words: Annotated[list[str], typer.Argument(help="One or more words.", show_default=False)],
    vectors: Vectors = None,
    top: Top = 10,
    json: Json = False,
) -> None:
    """The nearest neighbours of each word by cosine similarity.

    Examples:
      nlpkit similar frog
      nlpkit similar coffee tea --top 5 --json
      nlpkit similar espresso --vectors recipes-w2v
    """
    ctx.obj["json"] = json  # errors as JSON on stderr too
    wv = load_vectors(ctx, vectors)
    results = {word: wv.similar(word, top=top) for word in words}
    if json:
        print_json({word: [n.to_dict() for n in answers] for word, answers in results.items()})
        return
    for word, answers in results.items():
        _print_neighbours(f"Nearest to {word}", answers, "cosine", "the vectors hold no other word")


def _print_neighbours(title: str, answers, score: str, why_none: str) -> None:
    """A ranked table of answers; a line saying why there are none, where an empty table would puzzle."""
    if not answers:
        stdout().print(f"{title}: none ({why_none})")
        return
    rows = [[i, n.word, round(n.score, 4)] for i, n in enumerate(answers, 1)]
    stdout().print(table(title, ["#", "word", score], rows))
