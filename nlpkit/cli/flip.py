"""``nlpkit flip-sentiment`` and ``nlpkit flip-sentiment-eval``: rewrite sentences toward a sentiment.

Evaluation is a separate command, not a sub-command: ``flip-sentiment`` takes a free-text
positional sentence, and a group with an optional positional would read a sentence starting
with "eval" as the sub-command (or swallow the sub-command name as text). Two commands keep
both unambiguous and show up side by side in ``nlpkit --help``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import app
from ._options import Json, refuse_unused_options
from ._render import message, print_json, progress_bars, stdout, table

EXPLAIN_CANDIDATES = 8
# what each FlipResult.status means, in the summary of a batch
BATCH_STATUSES = {"flipped": "flipped", "already": "already the target (left as they were)",
                  "budget": "not flipped within --max-edits (best attempt or unchanged)",
                  "skipped": "skipped (empty or no known word)"}
Target = Annotated[str, typer.Option("--to", help="positive, negative, or opposite (of what the two steering "
                                                  "classifiers read together; where that is near 0.5, of "
                                                  "what the opinion words say).")]
Method = Annotated[str, typer.Option("--method", help="ray (gradient rays), rules (negation + WordNet antonyms) "
                                     "or hybrid (the rays' rewrite, or the rules' where the rays do not reach "
                                     "the target).")]
MaxEdits = Annotated[int, typer.Option("--max-edits", help="The most words changed in one sentence.")]
Beam = Annotated[int, typer.Option("--beam", help="Partial rewrites kept at each step of the search.")]
VocabSize = Annotated[int, typer.Option("--vocab-size", help="Candidates come from this many most frequent words.")]
Margin = Annotated[float, typer.Option("--margin", help="Both steering classifiers must give p(target) >= 0.5 + margin.")]
Candidates = Annotated[int, typer.Option("--candidates", help="Ray candidates kept per edited word (after the "
                                         "polarity, part-of-speech and spelling filters), re-ranked by strength.")]
MinCount = Annotated[int, typer.Option("--min-count", help="A candidate must occur this often in the resources' "
                                       "corpus (or be in the opinion lexicon); so must a verb outside the "
                                       "lexicon to be edited.")]
Model = Annotated[Optional[Path], typer.Option("--model", help="A sentiment model folder (`nlpkit sentiment train "
                                               "--out`); default: the shipped MR + movie-review model.")]
Resources = Annotated[Optional[Path], typer.Option("--resources", help="A folder of flip resources (second "
                                                   "classifier, polarity, LM), made in Python by "
                                                   "SentimentFlipper(cnn).fit(corpus).save_resources(DIR); "
                                                   "default: the shipped ones.")]


def _flipper(model, resources, **params):
    from ..flip import SentimentFlipper
    from ..sentiment import SentimentCNN

    classifier = SentimentCNN.load(model) if model else SentimentCNN.load_default()
    if resources:
        return SentimentFlipper.from_resources(resources, classifier, **params)
    return SentimentFlipper(classifier, **params)


def _name(label: str) -> str:
    from ..flip.polarity import class_sign

    return {1: "positive", -1: "negative"}.get(class_sign(label), label)


@app.command("flip-sentiment")
def flip_sentiment(
    ctx: typer.Context,
    text: Annotated[Optional[str], typer.Argument(help="The sentence to rewrite (or use --input).",
                                                  show_default=False)] = None,
    to: Target = "opposite", method: Method = "ray", max_edits: MaxEdits = 3, beam: Beam = 4,
    vocab_size: VocabSize = 20000, margin: Margin = 0.1, min_count: MinCount = 20, candidates: Candidates = 30,
    explain: Annotated[bool, typer.Option("--explain", help="Colour words by saliency and list each edit's ray "
                                          "candidates (distance to the ray, position t along it).")] = False,
    input: Annotated[Optional[Path], typer.Option("--input", help="A file of sentences, one a line (- reads "
                                                  "standard input).")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", help="With --input: write one rewrite per input "
                                                   "line here (with --json, one JSON object a line), atomically; "
                                                   "default stdout.")] = None,
    model: Model = None, resources: Resources = None,
    json: Annotated[bool, typer.Option("--json", help="Print the result as JSON on stdout; with --input, one JSON "
                                       "object a line (JSON Lines).")] = False,
) -> None:
    """Rewrite a sentence toward a target sentiment with the fewest real-word edits.

    The classifier's gradient says which words drive the sentiment; a ray from each such
    word's vector against the gradient leads to replacement words. Edits must carry the target
    polarity, keep the part of speech, fit the context (a Kneser-Ney LM) and convince two
    differently built classifiers. Negators can be inserted or removed. Deterministic: the
    same input gives the same rewrite.

    Examples:
      nlpkit flip-sentiment "the food was great" --to negative
      nlpkit flip-sentiment "a dull, lifeless film" --explain
      nlpkit flip-sentiment "the acting is superb" --method hybrid --json
      nlpkit flip-sentiment --input reviews.txt --output flipped.txt --to opposite
      cat reviews.txt | nlpkit flip-sentiment --input - --json   # standard input, JSON Lines out
    """
    from .._io import check_output_file
    from ..errors import InputError

    if (text is None) == (input is None):
        raise InputError("give either a sentence or --input FILE (not both, not neither)",
                         hint='nlpkit flip-sentiment "the food was great", or --input sentences.txt')
    if input is not None:
        refuse_unused_options(ctx, {"explain"}, "with --input: a batch writes one rewrite a line",
                              hint="use --json for each line's edits and saliencies, or --explain on one sentence")
    else:
        refuse_unused_options(ctx, {"output"}, "without --input: one sentence's rewrite is printed",
                              hint="redirect it (> file), or give a file of sentences with --input")
    if output is not None:
        check_output_file(output, inputs=(input,))
    flipper = _flipper(model, resources, method=method, max_edits=max_edits, beam=beam, vocab_size=vocab_size,
                       margin=margin, min_count=min_count, candidates=candidates)
    with progress_bars():
        if input is None:
            results = [flipper.flip(text, to)]
        elif str(input) == "-":
            results = flipper.flip_lines(_stdin_lines(), to, source="standard input")
        else:
            results = flipper.flip_file(input, to)
    if input is not None:
        _write_batch(results, output, json)
        return
    result = results[0]
    if json:
        print_json(result.to_dict())
        return
    _show(result, explain)


def _stdin_lines() -> list[str]:
    """Standard input's lines, cut only at line feeds as a file's are (``str.splitlines`` also cuts at form
    feeds and U+2028, which would break the one-line-out-per-line-in promise)."""
    lines = sys.stdin.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.removesuffix("\r") for line in lines]


def _write_batch(results, output, json) -> None:
    import json as json_module

    from .._io import atomic_write

    lines = [json_module.dumps(r.to_dict(), ensure_ascii=False) if json else r.rewrite for r in results]
    if output is None:
        for line in lines:
            typer.echo(line)
    else:
        with atomic_write(output) as f:
            f.write("".join(line + "\n" for line in lines))
    message(f"{len(results)} lines: " + ", ".join(f"{sum(r.status == status for r in results)} {meaning}"
                                                   for status, meaning in BATCH_STATUSES.items()) +
            (f"; written to {output}" if output else ""),
            always=any(r.status != "flipped" for r in results))


def _show(result, explain: bool) -> None:
    out = stdout()
    target = _name(result.target)
    out.print(result.rewrite, highlight=False)
    second = ""
    if result.second_before is not None:
        second = f" (second classifier {result.second_before:.2f} → {result.second_after:.2f})"
    out.print(f"p({target}): {result.p_before:.2f} → {result.p_after:.2f}{second}", highlight=False)
    out.print("changed: " + (", ".join(result.changed_words) or "nothing"), highlight=False)
    if result.status != "flipped":
        message(result.message().replace(result.target, target), always=True)
    if explain:
        _explain(result, out)


def _explain(result, out) -> None:
    from rich.text import Text

    if result.saliency:
        peak = max(result.saliency) or 1.0
        line = Text("saliency: ")
        for token, value in zip(result.tokens, result.saliency):
            level = value / peak
            style = "bold red" if level > 0.66 else "red" if level > 0.33 else "yellow" if level > 0.1 else "dim"
            line.append(f"{token}", style=style)
            line.append(f"({value:.2f}) ")
        out.print(line)
    for edit in result.edits:
        ranked = list(enumerate(edit.candidates, 1))
        shown = ranked[:EXPLAIN_CANDIDATES]
        # the search re-scores every candidate with the classifiers and the language model, so the
        # word it chose may rank below the ones shown: show it too, at its rank
        shown += [(rank, c) for rank, c in ranked[EXPLAIN_CANDIDATES:] if (c.word,) == edit.new][:1]
        rows = [[rank, ("→ " if (c.word,) == edit.new else "") + c.word, c.distance, c.t, c.strength]
                for rank, c in shown]
        title = f"{edit.describe()} ({edit.kind}, saliency {edit.saliency:.3f})"
        if rows:
            out.print(table(title, ["rank", "ray candidate", "distance to ray", "t along ray", "polarity strength"],
                            rows))
        else:
            out.print(title, highlight=False)
    if any(edit.candidates for edit in result.edits):
        message("ranked by distance to the ray traded against polarity strength; the search then re-scores "
                "them with both classifiers and the language model (→ marks the word it chose)")


@app.command("flip-sentiment-eval")
def flip_sentiment_eval(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="Sentences to flip, one a line.", show_default=False)],
    judge: Annotated[str, typer.Option("--judge", help="A labelled corpus (path or name) to train the independent "
                                       "judge and the fluency LM on; it must not overlap the steering data.")],
    to: Target = "opposite", method: Method = "ray", max_edits: MaxEdits = 3, beam: Beam = 4,
    vocab_size: VocabSize = 20000, margin: Margin = 0.1, min_count: MinCount = 20,
    references: Annotated[Optional[Path], typer.Option("--references", help="Reference rewrites, one a line "
                                                       "(for BLEU).")] = None,
    model: Model = None, resources: Resources = None, json: Json = False,
) -> None:
    """Flip every line of FILE and judge the rewrites independently.

    Success is judged by a multinomial naive Bayes on 1-3-grams trained on --judge (a
    different family from both steering classifiers); fluency is the median perplexity of
    the rewrites over the sources under a Kneser-Ney LM trained on --judge; self-BLEU is
    against the sources, BLEU against --references when given.

    Examples:
      nlpkit flip-sentiment-eval ../shared/data/yelp/sentiment.dev.0 --to positive \\
          --judge yelp --model yelp-cnn/ --resources yelp-flip/
      nlpkit flip-sentiment-eval mr-sample.txt --judge judge-sentences.csv --json   # a CSV with text and label columns
    """
    from .._io import SENTENCE_FILE_HINT, check_readable
    from ..corpus import read_corpus
    from ..flip.evaluate import evaluate_flips

    check_readable(file, SENTENCE_FILE_HINT)  # the input's own problems first, before the judge corpus is looked up
    flipper = _flipper(model, resources, method=method, max_edits=max_edits, beam=beam, vocab_size=vocab_size,
                       margin=margin, min_count=min_count)
    with progress_bars():
        metrics = evaluate_flips(flipper, file, to, read_corpus(judge, pipeline="sentiment"), references)
    if json:
        print_json(metrics)
        return
    rows = [[label, _shown(metrics[key], percent)] for key, label, percent in EVAL_ROWS if key in metrics]
    stdout().print(table(f"flip-sentiment {method} on {file.name}", ["metric", "value"], rows))


# (key in the metrics, label, shown as a percentage)
EVAL_ROWS = [
    ("sentences", "sentences", False), ("judge_success", "judge success (independent classifier)", True),
    ("steering_success", "steering classifiers' success", True), ("self_bleu", "self-BLEU vs source", False),
    ("bleu", "BLEU vs references", False), ("mean_edits", "edits per sentence", False),
    ("source_perplexity", "median source perplexity", False), ("output_perplexity", "median output perplexity", False),
    ("perplexity_ratio", "perplexity ratio (output / source)", False),
    ("sentences_per_second", "sentences per second", False), ("skipped", "skipped lines", False),
    ("sources_in_judge_data", "input sentences in the judge's data", False),
]


def _shown(value, percent: bool):
    return f"{value:.1%}" if percent and isinstance(value, float) else value
