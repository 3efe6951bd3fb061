"""The unit every reader yields."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Document:
    """One document: a stable id, its raw text, an optional label, and where it came from.

    ``meta`` holds ``file``, ``line`` and ``category`` where the reader knows them.
    """

    id: str
    text: str
    label: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
