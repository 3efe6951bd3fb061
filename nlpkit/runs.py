"""Seeds, package versions and the run record saved beside every model or output."""

from __future__ import annotations

import importlib.metadata
import json
import os
import platform
import random
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ._io import atomic_write

TRACKED_PACKAGES = ("nlpkit", "numpy", "gensim", "torch", "spacy", "nltk", "scikit-learn", "tomotopy")


def package_versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in TRACKED_PACKAGES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            continue
    return versions


def seed_globals(seed: int | None) -> None:
    """Seed the global RNGs third-party code may use (the CLI calls this once)."""
    if seed is None:
        return
    random.seed(seed)
    os.environ.setdefault("PYTHONHASHSEED", str(seed))
    try:
        import numpy as np

        np.random.seed(seed % 2**32)
    except ImportError:  # pragma: no cover - numpy comes with gensim
        pass
    if "torch" in sys.modules:
        sys.modules["torch"].manual_seed(seed)


@dataclass
class RunRecord:
    """What a run did: written as run.json beside its outputs."""

    command: str
    params: dict[str, Any] = field(default_factory=dict)
    corpus: dict[str, Any] = field(default_factory=dict)
    metrics: dict[str, Any] = field(default_factory=dict)
    workers: int | None = None
    seed: int | None = None
    versions: dict[str, str] = field(default_factory=package_versions)
    platform: str = field(default_factory=platform.platform)
    argv: list[str] = field(default_factory=lambda: list(sys.argv))
    started: float = field(default_factory=time.time)
    seconds: float | None = None
    files: list[str] = field(default_factory=list)

    def finish(self) -> RunRecord:
        self.seconds = round(time.time() - self.started, 3)
        return self

    def save(self, folder: Path | str) -> Path:
        path = Path(folder) / "run.json"
        with atomic_write(path) as fh:
            json.dump(asdict(self), fh, indent=2, default=str)
        return path

    @classmethod
    def load(cls, path: Path | str) -> RunRecord:
        path = Path(path)
        if path.is_dir():
            path = path / "run.json"
        data = json.loads(path.read_text())
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)
