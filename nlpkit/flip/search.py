"""The edit search: the fewest edits that make every steering classifier agree on the target.

Breadth first by number of edits, keeping a beam of the most promising partial rewrites.  At
each depth every (state + one more edit) is scored in one batch; the first depth at which some
rewrite reaches the target with the margin wins, and among the winners the most fluent one
(language-model log probability relative to the source) is returned.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from .result import Edit, apply_edits
from .rules import NEGATORS, fix_articles

# lm_delta is the change of the mean log probability per token (minus the log perplexity ratio);
# these weigh it against log p(target) when ranking partial rewrites and choosing the winner
FRONTIER_LM_WEIGHT = 1.0
WINNER_STEER_WEIGHT = 0.25
# ... and the mean strength of a winner's edits ("terrible" over "bad": a clear word convinces any reader)
WINNER_STRENGTH_WEIGHT = 0.5
# a negation edit reaches this many tokens after it (see ``compatible``)
NEGATION_REACH = 3


@dataclass(frozen=True)
class Scores:
    """Per candidate rewrite: p(target) from each steering classifier, and the change of the LM's mean
    log probability per token against the source (= -log of the perplexity ratio)."""

    primary: np.ndarray
    secondary: np.ndarray
    lm_delta: np.ndarray

    @property
    def agreed(self) -> np.ndarray:
        return np.minimum(self.primary, self.secondary)


@dataclass(frozen=True)
class SearchOutcome:
    edits: tuple[Edit, ...]
    tokens: list[str]
    primary: float
    secondary: float
    lm_delta: float
    reached: bool


def render(tokens: Sequence[str], edits: Sequence[Edit]) -> list[str]:
    """Apply edits and fix the articles before edited words."""
    out = apply_edits(list(tokens), edits)
    touched, shift = set(), 0
    for edit in sorted(edits, key=lambda e: e.position):
        touched.update(range(edit.position + shift, edit.position + shift + len(edit.new)))
        shift += len(edit.new) - len(edit.old)
    return fix_articles(out, touched)


def beam_search(tokens: Sequence[str], pool: Sequence[Edit], score: Callable[[list[list[str]]], Scores],
                threshold: float, max_edits: int, beam: int, fluency_floor: float = -np.inf,
                leftover: Callable[[Sequence[str]], int] | None = None,
                source: Scores | None = None) -> SearchOutcome | None:
    """Search subsets of ``pool`` (non-overlapping edits) of growing size; None when the pool is empty
    or, the budget spent, no rewrite reads closer to the target than the source itself (see ``_closer``).

    A rewrite wins when every steering classifier gives p(target) >= ``threshold`` and its
    ``lm_delta`` is at least ``fluency_floor`` (e.g. -log 1.3: at most 1.3 times the source's perplexity).
    ``leftover`` counts the words of the source's sentiment a rewrite still has ("rude and helpful"):
    when every winner keeps one, the search goes one edit deeper for a winner that keeps none.
    ``source``: the source's own scores, when the caller has them (else they are computed).
    """
    frontier: list[tuple[int, ...]] = [()]
    best: SearchOutcome | None = None
    source = source if source is not None else score([list(tokens)])
    best_agreed = float(source.agreed[0])       # a best attempt must read closer to the target than the source
    early: SearchOutcome | None = None       # a winner that kept old-sentiment words, while one more edit is tried
    for depth in range(max_edits):
        states, rewrites = _expand(tokens, pool, frontier)
        if not rewrites:
            break
        scores = score(rewrites)
        agreed = scores.agreed
        outcome = lambda j, ok: SearchOutcome(tuple(pool[i] for i in states[j]), rewrites[j],  # noqa: E731
                                              float(scores.primary[j]), float(scores.secondary[j]),
                                              float(scores.lm_delta[j]), ok)
        winners = np.flatnonzero((agreed >= threshold) & (scores.lm_delta >= fluency_floor))
        left = np.array([leftover(rewrites[j]) if leftover else 0 for j in winners], dtype=int)
        if early is not None:      # the extra edit counts only when it removes an old-sentiment word
            fewer = winners[left < leftover(early.tokens)]
            return outcome(int(fewer[np.argmax(_winner_key(scores, agreed, fewer, states, pool))]), True) \
                if len(fewer) else early
        if len(winners):
            chosen = winners[left == left.min()]
            won = outcome(int(chosen[np.argmax(_winner_key(scores, agreed, chosen, states, pool))]), True)
            if left.min() == 0 or depth + 1 == max_edits:
                return won
            early = won
            frontier = [states[j] for j in winners[np.argsort(-agreed[winners], kind="stable")][:beam]]
            continue
        progress = np.log(np.maximum(agreed, 1e-9)) + FRONTIER_LM_WEIGHT * scores.lm_delta
        order = np.argsort(-progress, kind="stable")
        closer = order[_closer(scores, source, best_agreed)[order]]
        if len(closer):
            best, best_agreed = outcome(int(closer[0]), False), float(agreed[closer[0]])
        frontier = [states[j] for j in order[:beam]]
    return early or best


def _closer(scores: Scores, source: Scores, floor: float) -> np.ndarray:
    """Per rewrite: it reads closer to the target than ``floor`` (the source's agreement, or a better
    attempt's), both classifiers together read it closer than the source, and no steering classifier
    that read the source as the target reads it otherwise. (Without the second condition, toward
    positive "it 's ok ." became "it 's not ok .": the second classifier rose from 0.17 to 0.24, the
    CNN fell from 0.49 to 0.27.)"""
    kept = scores.primary + scores.secondary > source.primary[0] + source.secondary[0]
    for after, before in ((scores.primary, source.primary[0]), (scores.secondary, source.secondary[0])):
        if before >= 0.5:
            kept &= after >= 0.5
    return (scores.agreed > floor) & kept


def _expand(tokens, pool, frontier) -> tuple[list[tuple[int, ...]], list[list[str]]]:
    """Every state of the frontier plus one more compatible edit, as distinct new rewrites."""
    rewrites, states, seen = [], [], set()
    for state in _children(frontier, pool):
        rewrite = render(tokens, [pool[i] for i in state])
        key = tuple(rewrite)
        if rewrite and key not in seen and rewrite != list(tokens):
            seen.add(key)
            rewrites.append(rewrite)
            states.append(state)
    return states, rewrites


def _winner_key(scores: Scores, agreed: np.ndarray, winners: np.ndarray, states, pool) -> np.ndarray:
    """Fluency, agreement and the strength of the edits: higher is better."""
    strength = np.array([np.mean([pool[i].strength for i in states[j]]) for j in winners])
    return (scores.lm_delta[winners] + WINNER_STEER_WEIGHT * np.log(agreed[winners])
            + WINNER_STRENGTH_WEIGHT * strength)


def compatible(a: Edit, b: Edit) -> bool:
    """Two edits can go together: no overlap, not the same new word twice ("horrible horrible food"), not
    two inserted adjectives (a second one read as nonsense more often than not: "the wonderful waiter said ...
    the delicious shrimp"), no negation right before a replacement, which would negate the replacement's own
    polarity ("was not bad" for "was great"), and no negation edit that brings in a negator close to another
    negation edit ("will never be not back"; two negators deleted, "not fresh , not hot" -> "fresh , hot", may go)."""
    if a.overlaps(b) or set(a.new) & set(b.new) or a.kind == b.kind == "insert":
        return False
    if a.kind == b.kind == "negation" and (set(a.new) | set(b.new)) & NEGATORS \
            and abs(a.position - b.position) <= NEGATION_REACH:
        return False
    for negation, other in ((a, b), (b, a)):
        if negation.kind == "negation" and other.kind != "negation" and 0 <= other.position - negation.position <= \
                NEGATION_REACH:
            return False
    return True


def _children(frontier: list[tuple[int, ...]], pool: Sequence[Edit]) -> list[tuple[int, ...]]:
    out = set()
    for state in frontier:
        used = [pool[i] for i in state]
        for j, edit in enumerate(pool):
            if j in state or not all(compatible(edit, u) for u in used):
                continue
            out.add(tuple(sorted(state + (j,))))
    return sorted(out)
