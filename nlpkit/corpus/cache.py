"""The on-disk cache of tokenised corpora.

One folder per fingerprint (the input's content + reader options + pipeline settings).
``tokens.txt`` holds one document per line, tokens joined by spaces: the
``LineSentence`` / ``corpus_file`` format, so word2vec trains from it directly.
``meta.jsonl`` holds each document's id, label and metadata, in order: one JSON array per
line, for a batch of documents (encoding a batch at once is much faster than one by one). Corpus-level
steps (phrases, pruning) add ``tokens-<key>.txt`` and ``fitted-<key>.json`` beside them.
``<tokens file>.counts.json`` beside a tokens file holds its word counts and line count, so
word2vec and fastText build their vocabulary without re-reading the corpus.
Every file is written to a temporary name and renamed, so a cache is whole or absent, and
``sizes.json`` records the sizes of ``tokens.txt``, ``meta.jsonl`` and the derived token files as built,
so one cut short or changed from outside is rebuilt rather than trusted (the counts and fitted pipelines
are not checked).
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

from .._io import atomic_write, cache_dir

TOKENS, META, SIZES = "tokens.txt", "meta.jsonl", "sizes.json"
ABANDONED_AFTER_SECONDS = 3600


class CacheEntry:
    """The cached files of one fingerprint."""

    def __init__(self, fingerprint: str, root: Path | None = None):
        self.fingerprint = fingerprint
        self.folder = (root or cache_dir()) / fingerprint

    @property
    def tokens(self) -> Path:
        return self.folder / TOKENS

    @property
    def meta(self) -> Path:
        return self.folder / META

    def derived(self, key: str) -> Path:
        return self.folder / f"tokens-{key}.txt"

    def fitted(self, key: str) -> Path:
        return self.folder / f"fitted-{key}.json"

    @staticmethod
    def counts(tokens: Path) -> Path:
        """Where the word counts of a tokens file live."""
        return tokens.with_suffix(".counts.json")

    def complete(self) -> bool:
        """Whether the tokens and metadata are there as they were built."""
        return self.intact(self.tokens) and self.intact(self.meta)

    def intact(self, path: Path) -> bool:
        """Whether a file of this entry is there with the size it was built with (a file built before
        sizes were recorded is taken as it is)."""
        recorded = self._recorded()
        if not path.is_file() or recorded is None:
            return False
        size = recorded.get(path.name)
        return size is None or size == path.stat().st_size

    def seal(self, *paths: Path) -> None:
        """Record the sizes of files just built (by default the tokens and metadata; see ``intact``)."""
        sizes = {**(self._recorded() or {}), **{p.name: p.stat().st_size for p in (paths or (self.tokens, self.meta))}}
        with atomic_write(self.folder / SIZES) as fh:
            json.dump(sizes, fh)

    def _recorded(self) -> dict[str, int] | None:
        """The recorded sizes ({} where none were, None where the record is unreadable)."""
        try:
            return json.loads((self.folder / SIZES).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            return None

    def read_tokens(self, path: Path | None = None) -> Iterator[list[str]]:
        with open(path or self.tokens, encoding="utf-8") as fh:
            for line in fh:
                yield line.split()

    def read_meta(self) -> Iterator[dict]:
        with open(self.meta, encoding="utf-8") as fh:
            for line in fh:
                yield from json.loads(line)


def cache_entries(root: Path | None = None) -> list[Path]:
    """The folders of cached corpora under ``root``: those holding only files the cache writes (the
    cache folder may be one the user also keeps other things in; those are never touched)."""
    root = root or cache_dir()
    if not root.is_dir():
        return []
    return [p for p in root.iterdir() if p.is_dir() and not p.is_symlink() and not p.name.startswith(".")
            and all(_cache_file(f) for f in p.iterdir()) and ((p / META).is_file() or _abandoned_build(p))]


def _abandoned_build(folder: Path) -> bool:
    """A fingerprint folder with only temporary files untouched for an hour: a build that was killed
    (one still running writes to them)."""
    names = [f.name for f in folder.iterdir()]
    return (len(folder.name) == 32 and all(c in "0123456789abcdef" for c in folder.name) and bool(names)
            and all(n.startswith(".") for n in names)
            and time.time() - max(f.stat().st_mtime for f in folder.iterdir()) > ABANDONED_AFTER_SECONDS)


def _cache_file(path: Path) -> bool:
    name = path.name
    return path.is_file() and (name in (TOKENS, META, SIZES) or name.startswith(("tokens-", "fitted-", "."))
                               or name.endswith(".counts.json"))


def cache_size(root: Path | None = None) -> tuple[int, int]:
    """(entries, bytes) in the cache."""
    entries = cache_entries(root)
    size = sum(f.stat().st_size for p in entries for f in p.iterdir() if f.is_file())
    return len(entries), size


def clear_cache(root: Path | None = None) -> tuple[int, int]:
    """Remove every cached corpus (and nothing else); returns what was removed as (entries, bytes)."""
    removed = cache_size(root)
    for entry in cache_entries(root):
        shutil.rmtree(entry, ignore_errors=True)
    return removed
