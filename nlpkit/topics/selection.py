"""Choosing K and checking that topics are real: a K sweep and a multi-seed stability test."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

import numpy as np

from ..errors import InvalidParameterError
from ..progress import task
from .model import TopicModel, checked_measures
from .quality import topic_overlap

K_RANGE_RE = re.compile(r"^\s*(\d+)\s*:\s*(\d+)\s*(?::\s*(\d+)\s*)?$")
SELECTION_CRITERION = "c_npmi"
STABILITY_TOPN = 10


def parse_k_range(text: str | int) -> list[int]:
    """"20" -> [20]; "5:40:5" -> [5, 10, ..., 40] (the end included); "5,10,20" -> [5, 10, 20]."""
    text = str(text).strip()
    hint = "pass one K (--k 20), a range START:END[:STEP] (--k 5:40:5) or a list (--k 5,10,20)"
    if re.fullmatch(r"\d+(\s*,\s*\d+)*", text):
        values = [int(v) for v in text.split(",")]
    elif match := K_RANGE_RE.match(text):
        start, end, step = int(match[1]), int(match[2]), int(match[3] or 1)
        if step < 1 or end < start:
            raise InvalidParameterError(f"--k {text}: not a range (it needs START <= END and STEP >= 1)", hint=hint)
        values = list(range(start, end + 1, step))
    else:
        raise InvalidParameterError(f"--k {text!r}: not a number, a range or a list", hint=hint)
    return sorted(set(values))


@dataclass
class KSweep:
    """Quality for each K tried, and the K with the best ``criterion``."""

    rows: list[dict]
    best_k: int
    criterion: str = SELECTION_CRITERION
    best_model: TopicModel | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict:
        return {"rows": self.rows, "best_k": self.best_k, "criterion": self.criterion}


def sweep_k(corpus, ks: list[int] | str, measures=("c_npmi", "c_v"), **params) -> KSweep:
    """Train one model per K and measure it; the best K has the highest mean c_npmi.

    ``ks``: the Ks, in any order (each is trained once, smallest first), or a range as the CLI takes it
    ("5:40:5"); ``measures``: one name or several.  c_npmi is the criterion because it tracks human
    judgements of topic quality best among the automatic measures (Lau et al. 2014); ties go to the
    smaller K.
    """
    ks = sorted(set(parse_k_range(ks) if isinstance(ks, (str, int)) else ks))
    if not ks:
        raise InvalidParameterError("no K to sweep", hint='pass a list such as [5, 10, 20] or a range "5:40:5"')
    measures = checked_measures(measures)
    if SELECTION_CRITERION not in measures:
        measures = (SELECTION_CRITERION, *measures)
    corpus = corpus if hasattr(corpus, "records") else list(corpus)    # read below once per K, and checked first
    TopicModel(k=max(ks), **params).validate(corpus)       # a K too large fails before the smaller ones train
    rows, models = [], {}
    with task("sweeping K", len(ks), "models") as progress:
        for k in ks:
            start = time.perf_counter()
            model = TopicModel(k=k, **params).fit(corpus)
            metrics = model.coherence(measures)
            rows.append({"k": k, **metrics, "converged": model.converged_,
                         "seconds": round(time.perf_counter() - start, 2)})
            models[k] = model
            progress.advance()
    best = max(rows, key=lambda row: (row[SELECTION_CRITERION] if row[SELECTION_CRITERION] is not None
                                      else float("-inf"), -row["k"]))
    return KSweep(rows, best["k"], best_model=models[best["k"]])


@dataclass
class Stability:
    """How well each topic of the first run recurs in runs with other seeds.

    ``per_topic[i]`` is the mean, over the other runs, of the share of topic i's top words
    found in its best-matching topic (topics paired one-to-one, Hungarian algorithm).
    """

    seeds: list[int]
    mean: float
    per_topic: list[float]
    topics: list[list[str]]
    runs: list[list[list[str]]] = field(default_factory=list)
    model: TopicModel | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict:
        return {"seeds": self.seeds, "mean": self.mean, "per_topic": self.per_topic, "topics": self.topics,
                "runs": self.runs}


def stability(corpus, runs: int, k: int = 20, seed: int = 0, topn: int = STABILITY_TOPN, **params) -> Stability:
    """Train ``runs`` models with seeds seed, seed+1, ... and match their topics to the first's."""
    if runs < 2:
        raise InvalidParameterError(f"--stability {runs}: needs at least 2 runs to compare",
                                    hint="pass --stability 3 or more")
    seeds = [seed + i for i in range(runs)]
    top_words, first = [], None
    with task("stability runs", runs, "models") as progress:
        for run_seed in seeds:
            model = TopicModel(k=k, seed=run_seed, **params).fit(corpus)
            first = model if first is None else first
            top_words.append(model.top_words(topn))
            progress.advance()
    reference = top_words[0]
    overlaps = np.array([topic_overlap(reference, other) for other in top_words[1:]])
    per_topic = overlaps.mean(axis=0)
    return Stability(seeds, round(float(per_topic.mean()), 4), [round(float(v), 4) for v in per_topic], reference,
                     top_words, model=first)
