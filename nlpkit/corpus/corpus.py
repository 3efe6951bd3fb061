"""``Corpus``: a reader plus a pipeline, re-iterable as token lists, cached on disk."""

from __future__ import annotations

import bisect
import contextlib
import functools
import hashlib
import json
import os
import statistics
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from itertools import chain, islice
from pathlib import Path

from .. import __version__
from .._io import (COMPRESSION_SUFFIXES, DecodeCounter, atomic_write, can_start_processes, check_readable,
                   hash_files, process_pool)
from ..errors import EmptyCorpusError, InvalidParameterError
from ..progress import task
from .cache import CacheEntry
from .document import Document
from .pipeline import FittedPipeline, Pipeline
from .readers import LinesReader, Reader

UNITS = ("document", "sentence")
CACHE_FORMAT = 2


# token lines, meta lines, word counts (None where counted in place), sentences
TokenisedBatch = tuple[list[str], list[str], "Counter[str] | None", int]
MAX_SENTENCE_TOKENS = 10_000  # word2vec tools (gensim's corpus_file, word2vec C) cut longer lines into pieces


@dataclass(frozen=True)
class TokenCounts:
    """Word counts of a token file, its number of lines (documents), and its number of
    sentences as word2vec tools read it: non-empty lines, cut every ``MAX_SENTENCE_TOKENS``."""

    words: dict[str, int]
    lines: int
    sentences: int

    @property
    def tokens(self) -> int:
        return sum(self.words.values())

    def save(self, path: Path) -> None:
        with atomic_write(path) as fh:  # dumps, not dump: one call to the C encoder, several times faster
            fh.write(json.dumps({"lines": self.lines, "sentences": self.sentences, "words": self.words},
                                ensure_ascii=False))

    @classmethod
    def load(cls, path: Path) -> TokenCounts | None:
        """The saved counts, or None for a file without every field (written by an older version)."""
        with open(path, encoding="utf-8") as fh:
            saved = json.load(fh)
        return cls(saved["words"], saved["lines"], saved["sentences"]) if "sentences" in saved else None


def count_token_lines(lines: Iterable[str], out=None, advance: Callable[[], object] = lambda: None) -> TokenCounts:
    """The TokenCounts of token-file lines, writing each to ``out`` on the way when given."""
    words: Counter[str] = Counter()
    count = sentences = 0
    for line in lines:
        if out is not None:
            out.write(line)
        words.update(line.split())
        count += 1
        sentences += sentences_in((line,))
        advance()
    return TokenCounts(dict(words), count, sentences)


def sentences_in(token_lines: Iterable[str]) -> int:
    """How many sentences word2vec tools read in these token-file lines (see ``TokenCounts``)."""
    return sum(_sentence_pieces(line.count(" ") + 1) for line in token_lines if line.strip())


def _sentence_pieces(tokens: int) -> int:
    """How many sentences a word2vec tool reads in a line of this many tokens."""
    return -(-tokens // MAX_SENTENCE_TOKENS)


@dataclass
class CorpusStats:
    """Counts over a tokenised corpus."""

    documents: int
    tokens: int
    vocabulary: int
    empty_documents: int
    labels: dict[str, int] = field(default_factory=dict)
    top_words: list[tuple[str, int]] = field(default_factory=list)
    length_histogram: list[tuple[int, int, int]] = field(default_factory=list)  # (low, high, count)
    mean_length: float = 0.0
    median_length: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)


class Corpus:
    """A restartable stream of token lists (gensim's corpus contract), with labels.

    Parameters
    ----------
    reader: where the documents come from (see :func:`nlpkit.read_corpus`).
    pipeline: the preprocessing settings (default: ``Pipeline()``).
    unit: "document", or "sentence" to split each document into sentences that
        inherit its label.
    cache: keep the tokenised corpus on disk so later passes and runs skip tokenising.
    name: a display name (a card's name or the path).
    """

    def __init__(self, reader: Reader, pipeline: Pipeline | None = None, *, unit: str = "document",
                 cache: bool = True, name: str | None = None):
        if unit not in UNITS:
            raise InvalidParameterError(f"unit {unit!r}: must be 'document' or 'sentence'")
        self.reader = reader
        self.pipeline = (pipeline or Pipeline()).validate()
        self.unit = unit
        self.cache = cache
        self.name = name or str(reader.path)
        self._fingerprint: str | None = None
        self._files: list[Path] | None = None   # the source's files, and the times of the folders they are in
        self._folders: dict[Path, int] = {}
        self._stamp: tuple | None = None        # the files' sizes and times when the fingerprint was taken
        self._fitted: FittedPipeline | None = None

    def __repr__(self) -> str:
        return f"Corpus({self.name!r}, format={self.reader.format!r}, unit={self.unit!r})"

    # ---- raw documents ------------------------------------------------------------------
    def documents(self) -> Iterator[Document]:
        """The raw documents (or sentences, with ``unit="sentence"``), streamed from the source."""
        if self.unit == "document":
            yield from self.reader
            return
        for doc in self.reader:
            for number, sentence in enumerate(self.pipeline.sentences(doc.text), 1):
                yield Document(f"{doc.id}#{number}", sentence, doc.label, {**doc.meta, "sentence": number})

    # ---- tokens ---------------------------------------------------------------------------
    def __iter__(self) -> Iterator[list[str]]:
        """Token lists after every pipeline step, one per document."""
        self._refresh()
        if not self.cache:
            fitted, tokenize = self._fitted_pipeline(), self.pipeline.compile()
            for doc in self.documents():
                yield fitted.transform(tokenize(doc.text))
            return
        yield from self._entry().read_tokens(self._token_file())

    def records(self) -> Iterator[tuple[list[str], dict]]:
        """(tokens, {"id", "label", "meta"}) pairs, in order."""
        self._refresh()
        if not self.cache:
            fitted = self._fitted_pipeline()
            for doc in self.documents():
                yield fitted.transform(self.pipeline.tokenize(doc.text)), _record(doc)
            return
        entry = self._entry()
        yield from zip(entry.read_tokens(self._token_file()), entry.read_meta())

    def __len__(self) -> int:
        """The number of documents (or sentences): one pass over the cached records, as gensim's
        corpora count theirs; no indexing, since the corpus is a stream."""
        return len(self.labels())

    def labels(self) -> list[str | None]:
        """Each document's label (None where it has none), in order."""
        self._refresh()
        if not self.cache:
            return [doc.label for doc in self.documents()]
        return [m["label"] for m in self._entry().read_meta()]

    def token_file(self) -> Path:
        """A file of the final tokens, one document per line (gensim's ``corpus_file`` format)."""
        self._refresh()
        return self._token_file()

    def _token_file(self) -> Path:
        entry = self._entry()
        if not self.pipeline.learns:
            return entry.tokens
        key = self._learn_key()
        path = entry.derived(key)
        if not entry.intact(path):
            fitted = self._fitted_pipeline()
            with task(f"applying phrases/pruning to {self.name}", None, "docs") as progress, atomic_write(path) as out:
                lines = (" ".join(fitted.transform(tokens)) + "\n" for tokens in entry.read_tokens())
                counts = count_token_lines(lines, out, progress.advance)
            counts.save(CacheEntry.counts(path))
            entry.seal(path)
        return path

    def word_counts(self) -> TokenCounts:
        """How often each token of ``token_file()`` occurs, and its number of lines.

        Saved beside the token file (the first build counts as it tokenises), so a vocabulary
        is built without reading the corpus again.
        """
        tokens = self.token_file()      # refreshes
        saved = CacheEntry.counts(tokens)
        if saved.exists() and (counts := TokenCounts.load(saved)) is not None:
            return counts
        with open(tokens, encoding="utf-8") as fh:  # a cache from before counts were saved
            counts = count_token_lines(fh)
        counts.save(saved)
        return counts

    def fitted_pipeline(self) -> FittedPipeline:
        """The pipeline with phrases and pruning learned from this corpus."""
        self._refresh()
        return self._fitted_pipeline()

    def _fitted_pipeline(self) -> FittedPipeline:
        if (fitted := self._fitted) is not None:    # a local: another thread's refresh may reset the attribute
            return fitted
        fitted = FittedPipeline(self.pipeline)
        if self.pipeline.learns:
            if self.cache:
                entry = self._entry()
                saved = entry.fitted(self._learn_key())
                if saved.exists():
                    fitted = FittedPipeline.from_dict(json.loads(saved.read_text()))
                else:
                    fitted.fit(entry.read_tokens)
                    with atomic_write(saved) as fh:
                        json.dump(fitted.to_dict(), fh)
            else:
                fitted.fit(lambda: (self.pipeline.tokenize(d.text) for d in self.documents()))
        self._fitted = fitted
        return fitted

    # ---- identity and cache -----------------------------------------------------------
    @property
    def fingerprint(self) -> str:
        """A key for the input's content, the reader's options and the text-level settings.

        Hashing the content is a full read, so it is done again only when a file's size or modification
        time has changed: a notebook that edits its data file and re-runs a cell gets the new content."""
        self._refresh()
        return self._key()

    def _key(self) -> str:
        if (key := self._fingerprint) is not None:   # a local: another thread's refresh may reset the attribute
            return key
        if self._files is None:
            self._refresh()
        params = self.pipeline.get_params()
        text_level = {k: v for k, v in params.items() if k not in LEARNED_PARAMS}
        settings = json.dumps({"reader": self.reader.options(), "pipeline": text_level, "unit": self.unit,
                               "cache_format": CACHE_FORMAT, "nlpkit": __version__,
                               "code": _tokenising_code_hash()}, sort_keys=True)
        key = self._fingerprint = hash_files(self._files, settings)
        return key

    def _refresh(self) -> None:
        """Forget what was learned from the source (fingerprint, phrases, pruning) if a file of it has
        changed since; each public method calls this once.  The source is walked again only where a
        folder of it has changed (a file added or removed); its files are only stat-ed."""
        if self._files is None or any(_mtime(folder) != seen for folder, seen in self._folders.items()):
            self._files = self.reader.files()
            self._folders = {folder: _mtime(folder) for folder in _folders_of(self.reader.path)}
        stamp = tuple((str(p), *_size_and_time(p)) for p in self._files)
        if stamp != self._stamp:
            self._fingerprint, self._fitted, self._stamp = None, None, stamp

    def _learn_key(self) -> str:
        params = {k: v for k, v in self.pipeline.get_params().items() if k in LEARNED_PARAMS}
        return hashlib.blake2b(json.dumps(params, sort_keys=True).encode(), digest_size=8).hexdigest()

    def _entry(self) -> CacheEntry:
        entry = CacheEntry(self._key())
        if not entry.complete():
            self._build(entry)
        return entry

    def _build(self, entry: CacheEntry) -> None:
        count, sentences, words = 0, 0, Counter()
        try:
            with task(f"tokenising {self.name}", None, "docs") as progress, \
                    atomic_write(entry.tokens) as tokens_out, atomic_write(entry.meta) as meta_out:
                for token_lines, meta_lines, batch_words, batch_sentences in self._tokenised(words):
                    tokens_out.writelines(token_lines)
                    meta_out.writelines(meta_lines)
                    if batch_words is not None:  # a worker's counts; this process counts straight into words
                        words.update(batch_words)
                    sentences += batch_sentences
                    count += len(token_lines)
                    progress.advance(len(token_lines))
            if count:
                TokenCounts(dict(words), count, sentences).save(entry.counts(entry.tokens))
                entry.seal()
        finally:
            _remove_if_empty(entry.folder)
        if count == 0:
            for path in (entry.tokens, entry.meta):
                path.unlink(missing_ok=True)
            _remove_if_empty(entry.folder)
            raise EmptyCorpusError(f"{self.name}: the corpus has no documents",
                                   hint="check that the file is not empty and that --format matches it")

    def _tokenised(self, words: Counter[str]) -> Iterator[TokenisedBatch]:
        """The batches ``_build`` writes: from byte ranges read by the workers themselves where the
        source is one plain file of one document a line, else from documents this process reads
        (and counts into ``words``)."""
        configured_workers()  # a bad $NLPKIT_WORKERS is refused even where the corpus is too small for a pool
        workers = functools.cache(build_workers)  # idle cores measured once, and only for a corpus worth a pool
        ranges = None
        if self._reads_plain_lines():
            check_readable(self.reader.path)  # what LinesReader's open_text checks: a readable, non-binary file
            if self.reader.path.stat().st_size >= PARALLEL_MIN_CHARS and workers() > 1:
                ranges = line_ranges(self.reader.path, workers())
        if ranges is None:
            yield from tokenised_batches(self.documents(), self.pipeline, workers, words)
            return
        replaced = 0
        with process_pool(workers()) as pool:
            jobs = [(self.pipeline, str(self.reader.path), *piece) for piece in ranges]
            for *batch, bad in pool.imap(_tokenise_line_range, jobs):
                replaced += bad
                yield tuple(batch)
        counter = DecodeCounter(self.reader.path)
        counter.replaced = replaced
        counter.report()

    def _reads_plain_lines(self) -> bool:
        return type(self.reader) is LinesReader and self.unit == "document" \
            and self.reader.path.suffix not in COMPRESSION_SUFFIXES

    # ---- summaries -----------------------------------------------------------------------
    def stats(self, top: int = 20, bins: int = 10) -> CorpusStats:
        """Documents, tokens, vocabulary, label balance, top words and a length histogram."""
        counts: Counter[str] = Counter()
        labels: Counter[str] = Counter()
        lengths: list[int] = []
        with task(f"counting {self.name}", None, "docs") as progress:
            for tokens, record in self.records():
                counts.update(tokens)
                lengths.append(len(tokens))
                if record.get("label") is not None:
                    labels[str(record["label"])] += 1
                progress.advance()
        if not lengths:
            raise EmptyCorpusError(f"{self.name}: the corpus has no documents")
        ordered = sorted(lengths)
        return CorpusStats(
            documents=len(lengths), tokens=sum(lengths), vocabulary=len(counts),
            empty_documents=sum(1 for n in lengths if n == 0), labels=dict(sorted(labels.items())),
            top_words=counts.most_common(top), length_histogram=_histogram(ordered, bins),
            mean_length=round(sum(lengths) / len(lengths), 2), median_length=float(statistics.median(ordered)),
        )

    def require_tokens(self) -> Corpus:
        """Raise EmptyCorpusError when preprocessing left no tokens at all."""
        if not any(tokens for tokens in self):
            raise EmptyCorpusError(
                f"{self.name}: no tokens are left after preprocessing",
                hint="relax the settings that drop words (stop words, min count, min/max df, token length)",
            )
        return self


LEARNED_PARAMS = frozenset({"phrases", "phrase_min_count", "phrase_threshold", "min_count", "min_df", "max_df"})


@functools.lru_cache(maxsize=1)
def _tokenising_code_hash() -> str:
    """A hash of the code that turns sources into tokens, so a changed tokenizer or reader
    invalidates caches even where the version number did not change (e.g. in a checkout)."""
    digest = hashlib.blake2b(digest_size=8)
    for module in ("pipeline.py", "readers.py", "corpus.py"):  # corpus.py: the workers' own line reader
        digest.update((Path(__file__).parent / module).read_bytes())
    return digest.hexdigest()


def _folders_of(root: Path) -> set[Path]:
    """Every folder of a folder source, empty ones too: a file added to one changes only its own time."""
    if not root.is_dir():
        return set()
    return {root, *(path for path in root.rglob("*") if path.is_dir())}


def _mtime(path: Path) -> int:
    return _size_and_time(path)[1]


def _size_and_time(path: Path) -> tuple[int, int]:
    try:
        info = path.stat()
    except OSError:  # gone: reading it says so
        return -1, -1
    return info.st_size, info.st_mtime_ns


def _record(doc: Document) -> dict:
    return {"id": doc.id, "label": doc.label, "meta": doc.meta}


# ---- the cache build: tokenising in order, in a pool of processes once the corpus is large ----
BATCH_DOCUMENTS = 256
PARALLEL_MIN_CHARS = 1_000_000  # below this, starting worker processes costs more than it saves
RANGE_BYTES = 4 << 20  # a worker's share of a plain line file, read by the worker itself (on the 35 MB
# vectors benchmark file, 2 workers: 4 MB shares 2.9-3.1 s, 8 MB 3.3-3.5 s)


def build_workers() -> int:
    """Processes that tokenise while a cache is built: $NLPKIT_WORKERS, else the idle cores.

    On cores busy with other work a pool is slower than one process (measured in
    benchmarks/corpus_bench.py), so by default only the cores idle right now are used. The
    tokens are the same, byte for byte, whatever the number.
    """
    configured = configured_workers()
    if not can_start_processes():
        return 1
    if configured is not None:
        return configured
    cores = os.cpu_count() or 1
    return max(1, cores - round(busy_cores(cores)))


def configured_workers() -> int | None:
    """$NLPKIT_WORKERS, checked; None when it is not set."""
    value = os.environ.get("NLPKIT_WORKERS", "")
    if not value:
        return None
    if not value.isdigit() or int(value) < 1:
        raise InvalidParameterError(f"NLPKIT_WORKERS={value!r}: must be a whole number >= 1",
                                    hint="unset it to use every core, or set 1 for a single process")
    return int(value)


def busy_cores(cores: int, window: float = 0.1) -> float:
    """How many cores are busy now: Linux's /proc/stat sampled over ``window`` seconds.

    The load average, used where /proc/stat is missing, trails the present by about a minute:
    right after a heavy job ends it still counts the cores as busy.
    """
    try:
        first = _cpu_times()
        time.sleep(window)
        return busy_between(first, _cpu_times(), cores)
    except (OSError, ValueError, IndexError):
        return os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0


def busy_between(first: list[int], second: list[int], cores: int) -> float:
    """Busy cores between two readings of /proc/stat's "cpu" line (idle = idle + iowait, fields 4 and 5)."""
    elapsed = sum(second) - sum(first)
    if elapsed <= 0:
        return 0.0
    idle = (second[3] + second[4]) - (first[3] + first[4])
    return cores * (1 - idle / elapsed)


def _cpu_times() -> list[int]:
    with open("/proc/stat", encoding="ascii") as fh:
        return [int(field) for field in fh.readline().split()[1:]]


def tokenised_batches(documents: Iterable[Document], pipeline: Pipeline, workers: Callable[[], int] = lambda: 1,
                      words: Counter[str] | None = None) -> Iterator[TokenisedBatch]:
    """(token lines, meta lines, word counts, sentences) per batch of documents, in corpus order:
    one token line per document, one meta line (a JSON array of the batch's records) per batch.
    The batches tokenised in this process count their words into ``words`` (their own counts
    are then None: merging a Counter per batch cost as much as counting).

    The first MB of text is tokenised in this process; the rest, when ``workers()`` (asked only
    then: measuring idle cores takes a moment) is above 1, in a pool that never holds more than
    two batches per worker, so memory stays flat.
    """
    batches = (_texts_and_records(batch) for batch in _batched(documents, BATCH_DOCUMENTS))
    characters, size = 0, None
    for texts, records in batches:
        yield tokenise_batch(pipeline, texts, records, words)
        characters += sum(map(len, texts))
        if size is None and characters >= PARALLEL_MIN_CHARS:
            size = workers()
            if size > 1:
                break
    else:
        return
    with process_pool(size) as pool:
        pending: deque = deque()
        for texts, records in batches:
            pending.append(pool.apply_async(tokenise_batch, (pipeline, texts, records)))
            if len(pending) >= 2 * size:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


def line_ranges(path: Path, workers: int) -> list[tuple[int, int, int]] | None:
    """(start, end, lines before start): byte ranges of a file, each starting at a line, for the
    workers to read themselves (about RANGE_BYTES each, at least two per worker).

    None where that would not give what the text reader gives: a file under 1 MB (a pool costs
    more than it saves), or one with a carriage return (text mode counts a lone CR as a line end).
    """
    size = path.stat().st_size
    if size < PARALLEL_MIN_CHARS:
        return None
    pieces = max(2 * workers, size // RANGE_BYTES)
    cuts = []
    with open(path, "rb") as fh:
        for k in range(pieces):
            fh.seek(size * k // pieces)
            if k:
                fh.readline()  # a range starts at the beginning of a line
            cuts.append(fh.tell())
        cuts = sorted(set(cuts)) + [size]
        fh.seek(0)
        newlines, before, position, chunk_start = 0, [], 0, 0
        while chunk := fh.read(RANGE_BYTES):
            if b"\r" in chunk:
                return None
            while position < len(cuts) - 1 and cuts[position] <= chunk_start + len(chunk):
                before.append(newlines + chunk.count(b"\n", 0, cuts[position] - chunk_start))
                position += 1
            newlines += chunk.count(b"\n")
            chunk_start += len(chunk)
    return [(start, end, lines) for start, end, lines in zip(cuts, cuts[1:], before) if start < end]


def _tokenise_line_range(job) -> tuple[list[str], list[str], Counter[str], int, int]:
    """A worker's share of a one-document-a-line file: the lines that begin in [start, end), read,
    decoded and numbered exactly as LinesReader does, tokenised; plus how many characters were
    replaced while decoding."""
    pipeline, path, start, end, number = job
    tokenize, path = pipeline.compile(), Path(path)
    token_lists: list[list[str]] = []
    numbers: list[int] = []
    replaced = 0
    with open(path, "rb") as fh:
        fh.seek(start)
        position = start
        while position < end and (raw := fh.readline()):
            position += len(raw)
            number += 1
            text = raw.decode("utf-8", errors="replace")
            replaced += text.count("\ufffd")
            if text := text.strip():
                token_lists.append(tokenize(text))
                numbers.append(number)
    lines = [" ".join(tokens) + "\n" for tokens in token_lists]
    words = Counter(chain.from_iterable(token_lists))  # one call in C, not one per line
    records = _line_records(path)
    meta = [records(numbers[i:i + BATCH_DOCUMENTS]) for i in range(0, len(numbers), BATCH_DOCUMENTS)]
    return lines, meta, words, sentences_of(token_lists), replaced


def _line_records(path: Path) -> Callable[[list[int]], str]:
    """The meta-file line of the documents at these line numbers of ``path``, exactly as the JSON
    of their LinesReader records, but from one encoded template: a dict and an encoder call per
    short line took a quarter of a worker's time."""
    mark = "918273645546372819"
    parts = _JSON.encode(_record(LinesReader.document(path, int(mark), ""))).split(mark)
    if len(parts) != 3:  # the encoded path holds the mark too (as is, or through an escape such as \u0019)
        return lambda numbers: _JSON.encode([_record(LinesReader.document(path, n, "")) for n in numbers]) + "\n"
    return lambda numbers: "[" + ", ".join(str(n).join(parts) for n in numbers) + "]\n"


def tokenise_batch(pipeline: Pipeline, texts: list[str], records: list[dict],
                   words: Counter[str] | None = None) -> TokenisedBatch:
    """The token-file lines of ``texts``, the meta-file line of their ``records``, their word counts
    (added to ``words`` when given, and None returned) and their sentences.

    Module level, so a worker process can run it.
    """
    tokenize = pipeline.compile()
    token_lists = [tokenize(text) for text in texts]
    lines = [" ".join(tokens) + "\n" for tokens in token_lists]
    counts = Counter() if words is None else words
    counts.update(chain.from_iterable(token_lists))  # one pass in C
    meta = [_JSON.encode(records) + "\n"]  # one JSON array per batch: far fewer encoder calls
    return lines, meta, counts if words is None else None, sentences_of(token_lists)


def sentences_of(token_lists: Iterable[list[str]]) -> int:
    """What ``sentences_in`` counts for the token-file lines of these token lists, from their lengths."""
    return sum(_sentence_pieces(len(tokens)) for tokens in token_lists if tokens)


_JSON = json.JSONEncoder(ensure_ascii=False)


def _texts_and_records(batch: list[Document]) -> tuple[list[str], list[dict]]:
    return [doc.text for doc in batch], [_record(doc) for doc in batch]


def _batched(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while batch := list(islice(iterator, size)):
        yield batch


def _remove_if_empty(folder: Path) -> None:
    with contextlib.suppress(OSError):
        folder.rmdir()  # only succeeds when nothing was written


def _histogram(ordered: list[int], bins: int) -> list[tuple[int, int, int]]:
    low, high = ordered[0], ordered[-1]
    width = max(1, -(-(high - low + 1) // bins))
    edges = [(low + i * width, low + (i + 1) * width - 1) for i in range(bins) if low + i * width <= high]
    result = []
    for start, end in edges:
        result.append((start, end, bisect.bisect_right(ordered, end) - bisect.bisect_left(ordered, start)))
    return result
