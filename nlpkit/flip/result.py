"""What a flip returns: the rewrite, its edits and the probabilities before and after."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace
from difflib import SequenceMatcher


@dataclass(frozen=True)
class RayCandidateInfo:
    word: str
    distance: float
    t: float
    strength: float = 0.0  # how clearly the word carries the target sentiment, in [0, 1]; ranks it with distance


@dataclass(frozen=True)
class Edit:
    """One change to the source tokens: ``old`` (a span starting at ``position``; empty for an
    insertion) becomes ``new`` (empty for a deletion)."""

    position: int
    old: tuple[str, ...]
    new: tuple[str, ...]
    kind: str                      # "ray", "insert", "phrase", "negation", "antonym"
    saliency: float = 0.0
    distance: float | None = None  # perpendicular distance of the new word to the ray
    t: float | None = None         # its position along the ray
    candidates: tuple[RayCandidateInfo, ...] = ()     # the ray's nearest words (--explain)
    strength: float = 0.0          # how clearly the new words carry the target sentiment, in [0, 1]

    def __repr__(self) -> str:
        figures = "".join(f", {name}={value:.3f}" for name, value in
                          (("saliency", self.saliency), ("distance", self.distance), ("t", self.t)) if value)
        shown = f", {len(self.candidates)} candidates" if self.candidates else ""
        return f"Edit({self.position}, {self.describe()!r}, {self.kind}{figures}{shown})"

    @property
    def end(self) -> int:
        return self.position + len(self.old)

    def overlaps(self, other: Edit) -> bool:
        a0, a1 = self.position, max(self.end, self.position + 1)
        b0, b1 = other.position, max(other.end, other.position + 1)
        return a0 < b1 and b0 < a1

    def describe(self) -> str:
        old, new = " ".join(self.old) or "∅", " ".join(self.new) or "∅"
        return f"{old} → {new}"

    def to_dict(self) -> dict:
        data = asdict(self)
        data["old"], data["new"] = " ".join(self.old), " ".join(self.new)
        for key, value in data.items():  # JSON for people and scripts: 4 decimals, as the result's own figures
            if isinstance(value, float):
                data[key] = round(value, 4)
        return data


def apply_edits(tokens: list[str], edits) -> list[str]:
    """The tokens with non-overlapping edits applied (right to left, so positions stay valid)."""
    out = list(tokens)
    for edit in sorted(edits, key=lambda e: (e.position, len(e.old)), reverse=True):
        out[edit.position:edit.end] = list(edit.new)
    return out


_DETOKENIZE = [(re.compile(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", re.IGNORECASE), r"\1"), (re.compile(r" ([.,!?;:%)])"), r"\1"),
               (re.compile(r"([($]) "), r"\1")]
_ATTACHED = re.compile(r"^(n't|'s|'re|'ve|'ll|'d|'m|[.,!?;:%)])$", re.IGNORECASE)   # written without a space before


def _slots(tokens: list[str], edits) -> tuple[list[int | None], list[int | None]]:
    """Per token of the rewrite: the source token it keeps (None for an edited one), and the source
    position it stands in (see ``_aligned``)."""
    aligned = {id(e): _aligned(e) for e in edits}
    kept = apply_edits(list(range(len(tokens))), [replace(e, new=aligned[id(e)][0]) for e in edits])
    placed = apply_edits(list(range(len(tokens))), [replace(e, new=aligned[id(e)][1]) for e in edits])
    return kept, placed


def _aligned(edit) -> tuple[tuple[int | None, ...], tuple[int | None, ...]]:
    """Per word of ``edit.new``: the source token it keeps, and the source position it stands in.  A word
    an edit carries over unchanged is kept ("wo n't be back ever" -> "will be back": "be back" keep their
    case and spacing); a replacement word stands in the place of the first word it replaces and its others
    in the places of the last ones ("did n't have any" -> "had some": "some" where "any" was), never in that
    of a word written attached to the one before it ("n't"); an inserted
    word, or a replacement's extra word, stands nowhere."""
    kept: list[int | None] = [None] * len(edit.new)
    placed: list[int | None] = [None] * len(edit.new)
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, edit.old, edit.new, autojunk=False).get_opcodes():
        old = [edit.position + i for i in range(i1, i2)]
        if tag == "equal":
            kept[j1:j2] = placed[j1:j2] = old
        elif tag == "replace":          # never in the place of an attached "n't": "were n't any" -> "weresome"
            free = [p for p, word in zip(old, edit.old[i1:i2]) if not _ATTACHED.match(word)] or old
            width = j2 - j1
            places = free if width >= len(free) else [free[0], *free[len(free) - width + 1:]]
            placed[j1:j2] = [*places, *[None] * (width - len(places))]
    return tuple(kept), tuple(placed)


def restore_surface(tokens: list[str], surface: list[str], edits, rewrite: list[str],
                    slots: tuple[list[int | None], list[int | None]] | None = None) -> list[str]:
    """``rewrite`` with every token it kept from the source written as the text had it ("Joe's",
    "45", "GREAT"), a replacement in the case of the word it replaces ("Loved" -> "Hated"), and a new
    first word capitalised where the text's first word was.
    ``surface`` is the source as written, token for token with ``tokens``; ``slots`` is
    ``_slots(tokens, edits)`` where the caller has it."""
    kept, placed = slots or _slots(tokens, edits)
    if len(kept) != len(rewrite):
        return list(rewrite)
    capital = bool(surface) and surface[0][:1].isupper()
    words = [surface[i] if i is not None and word == tokens[i] else
             _cased(word, surface[p] if p is not None else None, j == 0 and capital)
             for j, (i, p, word) in enumerate(zip(kept, placed, rewrite))]
    if words and capital and kept[0] not in (0, None):     # the first word went: the next one starts the text
        words[0] = words[0][:1].upper() + words[0][1:]
    return words


def _cased(word: str, replaced: str | None, first: bool) -> str:
    if replaced and len(replaced) > 1 and replaced.isupper():
        return word.upper()
    if (replaced and replaced[:1].isupper()) or first:
        return word[:1].upper() + word[1:]
    return word


def token_spans(text: str, written: list[str]) -> list[tuple[int, int]] | None:
    """Where each of ``written`` (the text's tokens as written, in order) stands in ``text``; None when
    one cannot be found as written, or only past a letter or digit that no token holds (a
    normalising step changed the text, and a later match would be the wrong one)."""
    spans, at = [], 0
    for word in written:
        start = text.find(word, at)
        if start < 0 or any(c.isalnum() for c in text[at:start]):
            return None
        spans.append((start, start + len(word)))
        at = start + len(word)
    return spans


def written_rewrite(text: str, tokens: list[str], surface: list[str], edits, rewrite: list[str]) -> str | None:
    """The rewrite as ``text`` wrote it: every character between two tokens it kept side by side
    stays as it was (spacing, "did n't" or "didn't", ":)"), kept tokens keep their case and
    numbers, and a new word takes the spacing the text had where it stands. None when the tokens
    cannot be placed in the text."""
    spans = token_spans(text, surface)
    kept, placed = _slots(tokens, edits)
    if spans is None or not spans or len(kept) != len(rewrite):
        return None
    words = restore_surface(tokens, surface, edits, rewrite, slots=(kept, placed))
    pieces, previous = [], None
    for j, (i, at, word) in enumerate(zip(kept, placed, words)):
        as_written = i is not None and rewrite[j] == tokens[i] and (j > 0 or i == 0)   # else a new first word
        piece = text[slice(*spans[i])] if as_written else word
        if j == 0:
            gap = text[:spans[0][0]]
        elif at is None:           # an inserted word: the text's spacing where it goes
            after = text[spans[previous][1]:spans[previous + 1][0]] if previous is not None and \
                previous + 1 < len(spans) else " "
            gap = "" if _ATTACHED.match(word) else (after or " ")
        elif placed[j - 1] is None:     # the word after an insertion: one space, or none where the text had none
            gap = " " if text[spans[at - 1][1]:spans[at][0]] or at == 0 else ""
        else:                      # the text's own gap before this place
            gap = text[spans[at - 1][1]:spans[at][0]] if at > 0 else " "
        pieces.append(gap + piece)
        previous = at if at is not None else previous
    pieces.append(text[spans[-1][1]:])
    return "".join(pieces)


def detokenize(tokens: list[str]) -> str:
    text = " ".join(tokens)
    for pattern, replacement in _DETOKENIZE:
        text = pattern.sub(replacement, text)
    return text


@dataclass
class FlipResult:
    """The outcome of ``SentimentFlipper.flip``.

    status: "flipped" (the steering classifiers agree on the target with the margin),
    "already" (both steering classifiers already read the target; returned unchanged), or
    "budget" (no rewrite within the edit budget reached the target; the best attempt is returned, or
    the sentence unchanged when no attempt read closer to the target without losing a classifier that
    already read it so),
    or, in batches only, "skipped" (an empty line or one with no known word; ``note`` says which).
    """

    text: str
    tokens: list[str]
    rewrite_tokens: list[str]
    target: str
    source_label: str                # what the steering classifiers read together (``SentimentFlipper.reading``)
    status: str
    method: str
    edits: list[Edit] = field(default_factory=list)
    p_before: float = 0.0            # the CNN's p(target) for the source
    p_after: float = 0.0             # ... for the rewrite
    second_before: float | None = None   # the second steering classifier's p(target)
    second_after: float | None = None
    saliency: list[float] = field(default_factory=list)
    seconds: float = 0.0
    note: str = ""
    surface: list[str] | None = None     # the source as written (case, numbers), token for token with ``tokens``

    @property
    def rewrite(self) -> str:
        """The rewrite as text: the text itself where nothing was edited; else the text as written
        around the edits (``written_rewrite``), or, where the tokens cannot be placed in it, the
        tokens joined with the source's own case and numbers."""
        if not self.edits:
            return self.text
        if self.surface is None:
            return detokenize(self.rewrite_tokens)
        written = written_rewrite(self.text, self.tokens, self.surface, self.edits, self.rewrite_tokens)
        return written if written is not None else detokenize(
            restore_surface(self.tokens, self.surface, self.edits, self.rewrite_tokens))

    @property
    def flipped(self) -> bool:
        return self.status == "flipped"

    @property
    def changed_words(self) -> list[str]:
        """The edits described in the order of the sentence (the search finds them in any order)."""
        return [e.describe() for e in sorted(self.edits, key=lambda e: e.position)]

    def message(self) -> str:
        if self.status == "skipped":
            return f"skipped: {self.note}"
        if self.status == "already":
            second = "" if self.second_before is None else f", second classifier {self.second_before:.2f}"
            return f"the sentence already reads as {self.target} (p={self.p_before:.2f}{second}); left unchanged"
        if self.status == "budget" and not self.edits:
            return (f"no rewrite within the edit budget reached {self.target} with the margin, and none read "
                    f"closer to it than the sentence itself; left unchanged")
        if self.status == "budget":
            return (f"no rewrite within the edit budget reached {self.target} with the margin; "
                    f"this is the best attempt (p={self.p_after:.2f})")
        return f"flipped to {self.target} with {len(self.edits)} edit(s)"

    def to_dict(self) -> dict:
        return {"text": self.text, "rewrite": self.rewrite, "tokens": self.tokens,
                "rewrite_tokens": self.rewrite_tokens, "target": self.target, "source_label": self.source_label,
                "status": self.status, "method": self.method, "message": self.message(),
                # a skipped line was never read by the classifiers: no probabilities, as for the second one
                "p_before": None if self.status == "skipped" else round(self.p_before, 4),
                "p_after": None if self.status == "skipped" else round(self.p_after, 4),
                "second_before": None if self.second_before is None else round(self.second_before, 4),
                "second_after": None if self.second_after is None else round(self.second_after, 4),
                "edits": [e.to_dict() for e in self.edits], "saliency": [round(s, 5) for s in self.saliency],
                "seconds": round(self.seconds, 4)}

    def __repr__(self) -> str:
        if self.status == "skipped":        # never read by the classifiers: no probabilities to show
            return f"FlipResult(skipped: {self.text!r}; {self.note})"
        changes = ", ".join(self.changed_words) or "no edits"
        return (f"FlipResult({self.status}: {self.text!r} -> {self.rewrite!r}; p({self.target}) "
                f"{self.p_before:.2f} -> {self.p_after:.2f}; {changes})")

    def _repr_html_(self) -> str:
        import html

        return (f"<div><b>{html.escape(self.status)}</b> → {html.escape(self.target)}<br>"
                f"<span style='opacity:.7'>{html.escape(self.text)}</span><br>{html.escape(self.rewrite)}<br>"
                f"p({html.escape(self.target)}): {self.p_before:.2f} → {self.p_after:.2f}; "
                f"{html.escape(', '.join(self.changed_words) or 'no edits')}</div>")
