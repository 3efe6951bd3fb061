"""What a flip returns: the rewrite, its edits and the probabilities before and after."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace


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
    candidates: tuple[RayCandidateInfo, ...] = ()
    strength: float = 0.0          # how clearly the new words carry the target sentiment, in [0, 1]

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


def restore_surface(tokens: list[str], surface: list[str], edits, rewrite: list[str]) -> list[str]:
    """``rewrite`` with every token it kept from the source written as the text had it ("Joe's",
    "45", "GREAT"), and a new first word capitalised where the text's first word was.
    ``surface`` is the source as written, token for token with ``tokens``."""
    origin = apply_edits(list(range(len(tokens))), [replace(e, new=(None,) * len(e.new)) for e in edits])
    if len(origin) != len(rewrite):
        return list(rewrite)
    out = []
    for j, (i, word) in enumerate(zip(origin, rewrite)):
        if i is not None and word == tokens[i]:
            out.append(surface[i])
        elif j == 0 and surface[:1] and surface[0][:1].isupper():
            out.append(word[:1].upper() + word[1:])
        else:
            out.append(word)
    return out


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
        """The rewrite as text, in the source's own case and numbers where it kept them."""
        if self.surface is None:
            return detokenize(self.rewrite_tokens)
        return detokenize(restore_surface(self.tokens, self.surface, self.edits, self.rewrite_tokens))

    @property
    def flipped(self) -> bool:
        return self.status == "flipped"

    @property
    def changed_words(self) -> list[str]:
        return [e.describe() for e in self.edits]

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
                "p_before": round(self.p_before, 4), "p_after": round(self.p_after, 4),
                "second_before": None if self.second_before is None else round(self.second_before, 4),
                "second_after": None if self.second_after is None else round(self.second_after, 4),
                "edits": [e.to_dict() for e in self.edits], "saliency": [round(s, 5) for s in self.saliency],
                "seconds": round(self.seconds, 4)}

    def __repr__(self) -> str:
        changes = ", ".join(self.changed_words) or "no edits"
        return (f"FlipResult({self.status}: {self.text!r} -> {self.rewrite!r}; p({self.target}) "
                f"{self.p_before:.2f} -> {self.p_after:.2f}; {changes})")

    def _repr_html_(self) -> str:
        import html

        return (f"<div><b>{html.escape(self.status)}</b> → {html.escape(self.target)}<br>"
                f"<span style='opacity:.7'>{html.escape(self.text)}</span><br>{html.escape(self.rewrite)}<br>"
                f"p({html.escape(self.target)}): {self.p_before:.2f} → {self.p_after:.2f}; "
                f"{html.escape(', '.join(self.changed_words) or 'no edits')}</div>")
