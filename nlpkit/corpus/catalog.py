"""Named corpora: one TOML card per corpus in ``corpora/`` (packed as ``nlpkit._corpora``).

A card says what a corpus is, where it comes from, its licence and format, and where to
look for it on this machine: NLTK's data folders (``NLTK_DATA``), the data that installed
packages ship (gensim's test data), and the shared data folder beside a checkout
(``$NLPKIT_SHARED_DATA``, else ``../shared/data``).
"""

from __future__ import annotations

import functools
import importlib.resources
import importlib.util
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CorpusNotFoundError, UnknownCorpusError, did_you_mean

DEFAULT_CORPUS = "lee"


@dataclass(frozen=True)
class CorpusCard:
    name: str
    description: str
    source: str
    license: str
    format: str
    obtain: str
    size: str = ""
    embedded: bool = False
    locate: dict[str, str] = field(default_factory=dict)
    options: dict[str, object] = field(default_factory=dict)
    unit: str = "document"

    def find(self) -> Path | None:
        """Where this corpus is on this machine, or None."""
        for kind, relative in self.locate.items():
            for root in _roots(kind):
                candidate = root / relative
                if "*" in relative:
                    if any(candidate.parent.glob(candidate.name)):
                        return candidate
                elif candidate.exists():
                    return candidate
        return None

    def require(self) -> Path:
        path = self.find()
        if path is None:
            variables = self._variables()
            where = f" (or set {' / '.join(variables)} to where it is)" if variables else ""
            raise CorpusNotFoundError(f"corpus {self.name!r} is not on this machine", hint=self.obtain + where)
        return path

    def _variables(self) -> list[str]:
        """The environment variables that say where this card's corpus is ("nltk" places include the shared data)."""
        wanted = {"nltk": ["NLTK_DATA", "NLPKIT_SHARED_DATA"], "shared": ["NLPKIT_SHARED_DATA"]}
        return list(dict.fromkeys(v for kind in self.locate for v in wanted.get(kind, [])))   # none for gensim's


def _roots(kind: str) -> list[Path]:
    if kind == "gensim":
        spec = importlib.util.find_spec("gensim")
        if spec and spec.submodule_search_locations:
            return [Path(spec.submodule_search_locations[0]) / "test" / "test_data"]
        return []
    if kind == "nltk":
        return nltk_data_roots()
    if kind == "shared":
        return shared_data_roots()
    return []


def nltk_data_roots() -> list[Path]:
    """NLTK's data folders: $NLTK_DATA, NLTK's usual places, and the shared test data."""
    roots = [Path(p) for p in os.environ.get("NLTK_DATA", "").split(os.pathsep) if p]
    roots += [Path(p) for p in ("~/nltk_data", "/usr/share/nltk_data", "/usr/local/share/nltk_data",
                                "/usr/lib/nltk_data", "/usr/local/lib/nltk_data")]
    roots += [root / "nltk_data" for root in shared_data_roots()]
    return [r.expanduser() for r in roots]


def shared_data_roots() -> list[Path]:
    """$NLPKIT_SHARED_DATA, then ``../shared/data`` beside the working folder and the checkout."""
    roots = []
    if os.environ.get("NLPKIT_SHARED_DATA"):
        roots.append(Path(os.environ["NLPKIT_SHARED_DATA"]))
    roots.append(Path.cwd().parent / "shared" / "data")
    roots.append(Path(__file__).resolve().parents[3] / "shared" / "data")
    return [r for r in dict.fromkeys(roots) if r.is_dir()]


def shared_data() -> Path | None:
    """The shared data folder of a checkout, where present (tests and benchmarks use it)."""
    roots = shared_data_roots()
    return roots[0] if roots else None


@functools.lru_cache(maxsize=1)
def cards() -> dict[str, CorpusCard]:
    """Every known corpus card, by name."""
    found = {}
    for entry in importlib.resources.files("nlpkit._corpora").iterdir():
        if entry.name.endswith(".toml"):
            data = tomllib.loads(entry.read_text(encoding="utf-8"))
            card = CorpusCard(**data)
            found[card.name] = card
    return dict(sorted(found.items()))


def card(name: str) -> CorpusCard:
    known = cards()
    if name in known:
        return known[name]
    raise UnknownCorpusError(
        f"{name!r} is neither a file nor a known corpus{did_you_mean(name, known)}",
        hint="give a path, or one of: " + ", ".join(known),
    )
