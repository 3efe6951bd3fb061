"""File plumbing shared by every layer: compressed text, atomic writes, the cache folder.

Standard library only, so every module may import it.
"""

from __future__ import annotations

import bz2
import contextlib
import gzip
import hashlib
import io
import json
import multiprocessing
import os
import shutil
import tempfile
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from .errors import ArtifactError, CorpusFormatError, CorpusNotFoundError, EncodingWarning, InvalidParameterError

COMPRESSION_SUFFIXES = {".gz": gzip.open, ".bz2": bz2.open}
BINARY_SNIFF_BYTES = 8192


def strip_compression(path: Path) -> Path:
    """``a.csv.gz`` -> ``a.csv``: the name that says the format."""
    return path.with_suffix("") if path.suffix in COMPRESSION_SUFFIXES else path


def open_binary(path: Path) -> IO[bytes]:
    opener = COMPRESSION_SUFFIXES.get(path.suffix, open)
    return opener(path, "rb")


# the hint for a missing file of sentences (flip-sentiment --input, sentiment predict --input)
SENTENCE_FILE_HINT = "check the path; the file holds one sentence a line"


def _shown(path: Path) -> str:
    """``path`` as an error names it: an empty argument ("") arrives as Path("."), the current folder."""
    return "'' or '.' (the current folder)" if str(path) == "." else str(path)


def check_readable(path: Path, missing_hint: str | None = None) -> None:
    """Fail with one clear line for a missing, unreadable or binary file. ``missing_hint`` replaces
    the corpus layer's hint (which names `nlpkit corpus list`) where the file is not a corpus."""
    if not path.exists():
        raise CorpusNotFoundError(f"{path}: no such file or folder", hint=missing_hint)
    if path.is_dir():
        raise CorpusFormatError(f"{_shown(path)}: is a folder, but a file is needed here",
                                hint="give the path of a file in it")
    try:
        with open_binary(path) as fh:
            head = fh.read(BINARY_SNIFF_BYTES)
    except PermissionError:
        raise CorpusFormatError(f"{path}: permission denied", hint="check the file's permissions") from None
    except (OSError, EOFError) as exc:
        raise CorpusFormatError(
            f"{path}: cannot be read ({exc})", hint="the file may be truncated or not compressed as its name says"
        ) from None
    if b"\x00" in head:
        raise CorpusFormatError(
            f"{path}: looks binary (it has NUL bytes), not text",
            hint="pass a text file, or a .gz/.bz2 of one",
        )


class DecodeCounter:
    """Counts replacement characters produced while decoding one file."""

    def __init__(self, path: Path):
        self.path = path
        self.replaced = 0

    def count(self, text: str) -> str:
        if "\ufffd" in text:
            self.replaced += text.count("\ufffd")
        return text

    def report(self) -> None:
        if self.replaced:
            warnings.warn(
                f"{self.path}: {self.replaced} bytes were not valid UTF-8 and were replaced",
                EncodingWarning,
                stacklevel=3,
            )


@contextlib.contextmanager
def open_text(path: Path, encoding: str = "utf-8", missing_hint: str | None = None) -> Iterator[IO[str]]:
    """Open text, gzip or bz2 for reading; invalid bytes are replaced and counted.

    The count is reported once, as an ``EncodingWarning``, when the file is closed.
    ``missing_hint``: see ``check_readable``.
    """
    path = Path(path)
    check_readable(path, missing_hint)
    counter = DecodeCounter(path)
    raw = open_binary(path)
    stream = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline=None)
    try:
        yield _CountingText(stream, counter)
    finally:
        stream.close()
        counter.report()


class _CountingText:
    """A read-only text stream that passes every chunk through a DecodeCounter."""

    def __init__(self, stream: IO[str], counter: DecodeCounter):
        self._stream = stream
        self._counter = counter

    def __iter__(self) -> Iterator[str]:
        counter = self._counter
        for line in self._stream:
            if "\ufffd" in line:
                counter.replaced += line.count("\ufffd")
            yield line

    def read(self, size: int = -1) -> str:
        return self._counter.count(self._stream.read(size))

    def readline(self) -> str:
        return self._counter.count(self._stream.readline())


def check_output_file(path: Path | str, inputs: tuple[Path | str | None, ...] = ()) -> Path:
    """The output file ``path``, refused with one clear line if it names a folder, a file stands
    where one of its folders should be, or it is a file one of the ``inputs`` reads (checked before
    the work, so none is wasted and no input is replaced by its own output)."""
    path = _file_to_replace(path)
    _check_parents(path)
    _probe_writable(path)
    if path.is_file() and any(_reads(source, path) for source in inputs if source is not None):
        raise InvalidParameterError(f"{path}: is an input file; writing the output there would replace it",
                                    hint="choose another output file name")
    return path


def _file_to_replace(path: Path | str) -> Path:
    """``path``, refused where it names a folder, or a device or pipe that the finished file, renamed into
    place, would replace."""
    path = Path(path)
    if path.is_dir():
        raise InvalidParameterError(f"{_shown(path)}: is a folder, but a file name is needed here",
                                    hint=f"give a file inside it, e.g. {path / 'output'}")
    if path.exists() and not path.is_file():
        raise InvalidParameterError(f"{path}: is not a regular file; the output is written to a new file and "
                                    "renamed into place", hint="give the name of a regular file")
    return path


def _reads(source: Path | str, file: Path) -> bool:
    """Whether the input ``source`` (a file, a folder read whole, or a glob such as data/*.txt) holds
    the existing ``file``."""
    source = Path(source)
    if source.is_file():
        return os.path.samefile(source, file)
    if source.is_dir():
        return source.resolve() in file.resolve().parents
    if any(ch in source.name for ch in "*?["):
        return any(match.is_file() and os.path.samefile(match, file) for match in source.parent.glob(source.name))
    return False


def check_output_files(paths: Iterable[Path | str | None], inputs: tuple[Path | str | None, ...] = ()) -> None:
    """``check_output_file`` for each output given, and no two of them the same file."""
    given = [Path(p) for p in paths if p is not None]
    for path in given:
        check_output_file(path, inputs)
    seen: dict[str, Path] = {}
    for path in given:
        key = os.path.normcase(os.path.abspath(path))
        if key in seen:
            raise InvalidParameterError(f"{path}: named for two outputs; the second would replace the first",
                                        hint="give each output its own file name")
        seen[key] = path


def check_suffix(path: Path | str, suffixes: tuple[str, ...], what: str, hint: str) -> Path:
    """``path``, refused where its suffix names none of ``suffixes``: the file would hold another format
    than its name says. ``what`` completes "{path}: ..." ("the report is an HTML page; name it .html")."""
    path = Path(path)
    if path.suffix.lower() not in suffixes:
        raise InvalidParameterError(f"{path}: {what}", hint=hint)
    return path


def _check_parents(path: Path) -> None:
    """Refuse ``path`` where a file stands in place of one of its folders."""
    blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
    if blocker is not None:
        raise InvalidParameterError(f"{path}: cannot write here, {blocker} is a file, not a folder",
                                    hint="give an output path inside a folder")


def _probe_writable(path: Path) -> None:
    """Refuse ``path`` where nothing can be written in the nearest folder of it that exists (permissions,
    a read-only or virtual file system), before the work rather than after it. The writers themselves
    need no probe: their temporary file is the same test."""
    nearest = next((p for p in path.absolute().parents if p.is_dir()), None)
    if nearest is None:            # not even the root exists (a drive letter that is not there)
        raise InvalidParameterError(f"{path}: no folder of this path exists", hint="give a path on a disk you have")
    with _unwritable(path):        # a real try, as permission bits do not tell (root, /proc, read-only mounts)
        fd, probe = tempfile.mkstemp(prefix=".nlpkit-probe.", dir=nearest)
        os.close(fd)
        os.unlink(probe)


def make_parent(path: Path) -> None:
    """Create the folder ``path`` goes in, refused with one clear line where a file stands in its way."""
    _check_parents(path)
    with _unwritable(path):
        path.parent.mkdir(parents=True, exist_ok=True)


@contextlib.contextmanager
def _unwritable(path: Path) -> Iterator[None]:
    """An OS refusal to write near ``path`` (permissions, a read-only or virtual file system) as one line."""
    try:
        yield
    except OSError as exc:
        raise InvalidParameterError(f"{path}: cannot write there ({exc.strerror or exc})",
                                    hint="choose a folder you can write to") from None


@contextlib.contextmanager
def atomic_write(path: Path | str, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Write to a temporary sibling and rename it over ``path`` only on success."""
    path = _file_to_replace(path)
    make_parent(path)
    with _unwritable(path):
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    binary = "b" in mode
    try:
        with os.fdopen(fd, mode, encoding=None if binary else encoding) as fh:
            yield fh
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a written file gets the usual mode
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


# a folder holding one of these was written by nlpkit (every saver writes one), so a new save may replace it
# a file of one of these names says that nlpkit wrote the folder (pos_table.json: flip resources saved without run.json)
NLPKIT_FOLDER_MARKS = frozenset({"params.json", "run.json", "tuned.json", "ngram_logistic.json", "kneser_ney.json",
                                 "pos_table.json"})
# nlpkit's records of a save, which a new save may drop: the run record, and the model card that
# scripts/train_default_sentiment.py and build_flip_resources.py write beside it
NLPKIT_SIDE_FILES = frozenset({"run.json", "MODEL_CARD.md"})


def check_output_folder(path: Path | str) -> Path:
    """The output folder ``path``, refused with one clear line where saving would destroy something
    nlpkit did not write: a file, or a non-empty folder without an nlpkit model's files."""
    path = Path(path)
    _check_parents(path)
    _probe_writable(path)
    if path.exists() and not path.is_dir():
        raise InvalidParameterError(f"{path}: is a file; a model is saved as a folder and would replace it",
                                    hint="give a new folder name, or remove the file first")
    if path.is_symlink():
        raise InvalidParameterError(f"{path}: is a symbolic link; a save replaces the folder, not the link",
                                    hint=f"save to the folder it points to, {path.resolve()}")
    if path.is_dir() and any(path.iterdir()) and not any((path / mark).is_file() for mark in NLPKIT_FOLDER_MARKS):
        raise InvalidParameterError(f"{path}: the folder holds files nlpkit did not write; saving would replace them",
                                    hint="give a new or empty folder, or one an nlpkit model was saved in")
    recorded = recorded_files(path)
    if recorded is not None:
        _refuse_to_drop_files(path, recorded)
    return path


def recorded_files(folder: Path) -> set[str] | None:
    """The files an nlpkit save listed in ``folder``'s run.json (with run.json itself); None without one."""
    try:
        files = json.loads((folder / "run.json").read_text()).get("files")
    except (OSError, ValueError, AttributeError):
        return None
    return {*files, "run.json"} if isinstance(files, list) and files else None


def _remove(path: Path) -> None:
    """Delete a leftover folder, file or link at ``path``, if any."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path, ignore_errors=True)


def _refuse_to_drop_files(path: Path, written: set[str]) -> None:
    """Replacing ``path`` by a folder of ``written`` files must not delete anything else in it: a file the
    user put beside a model, or one an older save wrote and did not record in its run.json."""
    dropped = sorted(entry.name for entry in path.iterdir() if entry.name not in written | NLPKIT_SIDE_FILES)
    if dropped:
        more = f" and {len(dropped) - 3} more" if len(dropped) > 3 else ""
        raise InvalidParameterError(f"{path}: holds {', '.join(dropped[:3])}{more}, which this save does not "
                                    "write; replacing the folder would delete them",
                                    hint="move them out of the folder, or save to a new one")


@contextlib.contextmanager
def atomic_dir(path: Path | str) -> Iterator[Path]:
    """Build a folder in a temporary sibling; it replaces ``path`` only on success, and only where
    ``path`` is new, empty, or a folder nlpkit wrote (``check_output_folder``) holding nothing this save
    does not write."""
    path = check_output_folder(path)
    make_parent(path)
    with _unwritable(path):
        tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
    try:
        yield tmp
        os.chmod(tmp, 0o777 & ~_umask())
        if path.exists():
            _refuse_to_drop_files(path, {entry.name for entry in tmp.iterdir()} | (recorded_files(path) or set()))
            old = path.with_name(f".{path.name}.old")
            _remove(old)
            os.replace(path, old)
            os.replace(tmp, path)
            _remove(old)
        else:
            os.replace(tmp, path)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def read_json_artifact(path: Path | str, expected_format: str, what: str) -> dict:
    """A JSON file written by one of our models, checked for its ``format`` stamp."""
    import json

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ArtifactError(f"{path} is not a saved {what} ({exc})") from exc
    if not isinstance(data, dict) or data.get("format") != expected_format:
        found = data.get("format") if isinstance(data, dict) else None
        raise ArtifactError(f"{path} holds format {found!r}, expected {expected_format!r}",
                            hint="rebuild it with the nlpkit version you are running")
    return data


# what reading a damaged file of ours can raise: an empty .npy/.npz gives EOFError, torch.load on text KeyError
UNREADABLE_ARTIFACT = (OSError, ValueError, KeyError, EOFError)


def reason(exc: BaseException, limit: int = 120) -> str:
    """The first line of an exception's message, cut short, or its type where the message is empty."""
    lines = str(exc).strip().splitlines()
    if not lines:
        return type(exc).__name__
    # a lookup's message is only the key ("174812789"), which says nothing without its kind
    return f"{type(exc).__name__} {lines[0]}"[:limit] if isinstance(exc, LookupError) else lines[0][:limit]


def read_npz_artifact(path: Path | str, names: tuple[str, ...], what: str) -> tuple:
    """The named arrays of a ``.npz`` file written by one of our models."""
    import numpy as np

    try:
        with np.load(path, allow_pickle=False) as arrays:
            return tuple(arrays[name] for name in names)
    except UNREADABLE_ARTIFACT as exc:
        raise ArtifactError(f"{path} is not a saved {what} ({reason(exc)})",
                            hint="rebuild it with the nlpkit version you are running") from None


def read_npy_artifact(path: Path | str, what: str):
    """The array of a ``.npy`` file written by one of our models."""
    import numpy as np

    try:
        return np.load(path, allow_pickle=False)
    except UNREADABLE_ARTIFACT as exc:
        raise ArtifactError(f"{path} is not a saved {what} ({reason(exc)})",
                            hint="save the model again with the nlpkit version you are running") from None


def cache_dir() -> Path:
    """Where tokenised corpora are cached: $NLPKIT_CACHE_DIR, else ~/.cache/nlpkit."""
    root = os.environ.get("NLPKIT_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "nlpkit"
    )
    return Path(root)


def hash_files(paths: list[Path], extra: str = "") -> str:
    """A content hash of the files (names relative to nothing: contents and order only)."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(extra.encode())
    for path in paths:
        digest.update(b"\x00file\x00")
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 18):
                digest.update(chunk)
    return digest.hexdigest()


def can_start_processes() -> bool:
    """False inside a daemonic process (a multiprocessing worker), which may not start children."""
    return not multiprocessing.current_process().daemon


def process_pool(workers: int):
    """A process pool, forked where the platform can (the workers inherit the parent's state)."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None).Pool(workers)
