"""One small reader class per corpus format.

Every reader follows gensim's contract: ``__init__`` only stores its options and
``__iter__`` reopens the source, so a reader is a restartable stream of
:class:`Document` whose memory does not grow with the corpus. ``files()`` lists the
files read, in order, so the cache can key on their content.
"""

from __future__ import annotations

import abc
import inspect
import csv
import json
import re
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from .._io import COMPRESSION_SUFFIXES, check_readable, open_text, strip_compression
from ..errors import CorpusFormatError, CorpusNotFoundError, EmptyCorpusError, InvalidParameterError, did_you_mean
from .document import Document

csv.field_size_limit(sys.maxsize)
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


class Reader(abc.ABC):
    """Base class: a restartable stream of Documents from one source."""

    format: ClassVar[str] = ""

    def __init__(self, path: Path | str):
        self.path = Path(path)

    @abc.abstractmethod
    def __iter__(self) -> Iterator[Document]:
        """Reopen the source and yield its documents."""

    def files(self) -> list[Path]:
        return [self.path]

    def options(self) -> dict:
        """The settings that change what the reader yields (part of the cache key)."""
        return {"format": self.format}

    def check_fields(self) -> None:
        """Fail now on a named field the source lacks, reading no more than its first row (readers
        without named fields have nothing to check)."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self.path)!r})"


class LinesReader(Reader):
    """A plain text file, one document per non-empty line."""

    format = "lines"

    def __iter__(self) -> Iterator[Document]:
        with open_text(self.path) as fh:
            for number, line in enumerate(fh, 1):
                text = line.strip()
                if text:
                    yield self.document(self.path, number, text)

    @staticmethod
    def document(path: Path, number: int, text: str) -> Document:
        """Line ``number`` (from 1) of ``path`` as a document; the corpus layer's workers that
        read byte ranges of the file themselves build their documents here too."""
        return Document(f"{path.name}:{number}", text, None, {"file": str(path), "line": number})


class TextFileReader(Reader):
    """A plain text file as one document."""

    format = "text"

    def __iter__(self) -> Iterator[Document]:
        with open_text(self.path) as fh:
            text = fh.read()
        yield Document(self.path.name, text, None, {"file": str(self.path)})


class FolderReader(Reader):
    """A tree of ``.txt`` files; the label is the name of each file's folder below the root.

    This is the IMDB ``aclImdb/train/pos``, ``.../neg`` layout: point it at ``train``.
    Files directly in the root get no label.
    """

    format = "folder"
    suffixes = (".txt",) + tuple(f".txt{c}" for c in COMPRESSION_SUFFIXES)

    def files(self) -> list[Path]:
        if not self.path.is_dir():
            raise CorpusNotFoundError(f"{self.path}: no such folder")
        found = sorted(p for p in self.path.rglob("*") if p.is_file() and p.name.endswith(self.suffixes))
        found = [p for p in found if not any(part.startswith(".") for part in p.relative_to(self.path).parts)]
        if not found:
            raise EmptyCorpusError(
                f"{self.path}: no .txt files in this folder or below it",
                hint="a folder corpus holds .txt files, one document each, in one sub-folder per label",
            )
        return found

    def label_folders(self) -> list[Path]:
        return sorted(p for p in self.path.iterdir() if p.is_dir() and not p.name.startswith("."))

    def __iter__(self) -> Iterator[Document]:
        for folder in self.label_folders():
            if not any(p.name.endswith(self.suffixes) for p in folder.rglob("*")):
                raise EmptyCorpusError(
                    f"{folder}: label folder has no .txt files",
                    hint="remove the empty folder or put its documents in it",
                )
        for path in self.files():
            relative = path.relative_to(self.path)
            label = relative.parts[-2] if len(relative.parts) > 1 else None
            with open_text(path) as fh:
                text = fh.read()
            yield Document(str(relative), text, label, {"file": str(path), "category": label})


class TableReader(Reader):
    """CSV, TSV or JSON Lines with a named text column and an optional label column.

    Without ``label_field`` a column named ``label`` gives the labels where there is one;
    a ``label_field`` that is named must exist. A column named ``id`` gives the documents'
    ids where it has a value (else ``file:line``).
    """

    format = "table"
    DEFAULT_LABEL = "label"
    ID_COLUMN = "id"

    def __init__(self, path: Path | str, text_field: str = "text", label_field: str | None = None,
                 dialect: str | None = None):
        super().__init__(path)
        self.text_field = text_field
        self.label_field = label_field
        self.dialect = dialect or self.dialect_of(self.path)

    @staticmethod
    def dialect_of(path: Path) -> str:
        suffix = strip_compression(path).suffix.lower()
        return {".tsv": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl"}.get(suffix, "csv")

    def options(self) -> dict:
        return {"format": self.format, "text_field": self.text_field, "label_field": self.label_field,
                "dialect": self.dialect}

    def rows(self, fh) -> Iterator[tuple[int, dict]]:
        if self.dialect == "jsonl":
            for number, line in enumerate(fh, 1):
                if line.strip():
                    try:
                        row = json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise CorpusFormatError(f"{self.path}:{number}: not valid JSON ({exc.msg})") from None
                    if not isinstance(row, dict):
                        raise CorpusFormatError(f"{self.path}:{number}: a JSON Lines row must be an object")
                    yield number, row
            return
        reader = csv.DictReader(fh, delimiter="\t" if self.dialect == "tsv" else ",")
        for row in reader:
            yield reader.line_num, row

    def _check_columns(self, columns: list[str]) -> str | None:
        """Fail on a missing named column; return the label column to use (or None)."""
        for wanted, flag in ((self.text_field, "--text-field"), (self.label_field, "--label-field")):
            if wanted and wanted not in columns:
                raise CorpusFormatError(
                    f"{self.path}: no column named {wanted!r}{did_you_mean(wanted, columns)}; "
                    f"columns are {', '.join(columns)}",
                    hint=f"name the column with {flag}",
                )
        if self.label_field:
            return self.label_field
        return self.DEFAULT_LABEL if self.DEFAULT_LABEL in columns else None

    def check_fields(self) -> None:
        with open_text(self.path) as fh:
            for _, row in self.rows(fh):
                self._check_columns(list(row))
                return

    def __iter__(self) -> Iterator[Document]:
        checked, label_field = False, None
        with open_text(self.path) as fh:
            for number, row in self.rows(fh):
                if not checked:  # the header of a CSV/TSV, the first row of JSON Lines
                    label_field = self._check_columns(list(row))
                    checked = True
                text = row.get(self.text_field)
                label = row.get(label_field) if label_field else None
                given_id = row.get(self.ID_COLUMN)
                yield Document(f"{self.path.name}:{number}" if given_id in (None, "") else str(given_id),
                               "" if text is None else str(text), None if label in (None, "") else str(label),
                               {"file": str(self.path), "line": number})


class LabelledLinesReader(Reader):
    """Files of one sentence per line whose name ends in the label.

    ``rt-polarity.pos`` / ``rt-polarity.neg`` (label pos/neg) and ``sentiment.train.0`` /
    ``sentiment.train.1`` (label 0/1). Give one file, several, or a glob such as
    ``yelp/sentiment.train.*``.
    """

    format = "labelled-lines"

    def __init__(self, path: Path | str, paths: list[Path] | None = None):
        super().__init__(path)
        self.paths = sorted(paths) if paths else [self.path]

    def files(self) -> list[Path]:
        return self.paths

    @staticmethod
    def label_of(path: Path) -> str:
        return strip_compression(path).suffix.lstrip(".")

    def __iter__(self) -> Iterator[Document]:
        for path in self.paths:
            label, name, file = self.label_of(path), path.name, str(path)
            with open_text(path) as fh:
                for number, line in enumerate(fh, 1):
                    text = line.strip()
                    if text:
                        yield Document(f"{name}:{number}", text, label, {"file": file, "line": number, "category": label})


class WikipediaReader(Reader):
    """A Wikipedia XML dump (``.xml.bz2``), one document per article, markup stripped by gensim."""

    format = "wikipedia"

    def __init__(self, path: Path | str, min_chars: int = 200):
        super().__init__(path)
        self.min_chars = min_chars

    def __iter__(self) -> Iterator[Document]:
        from gensim.corpora.wikicorpus import extract_pages, filter_wiki

        check_readable(self.path)
        with COMPRESSION_SUFFIXES.get(self.path.suffix, open)(self.path, "rb") as fh:
            for title, markup, page_id in extract_pages(fh, filter_namespaces=("0",)):
                if markup.lstrip().lower().startswith("#redirect"):
                    continue
                text = filter_wiki(markup)
                text = re.sub(r"\n{2,}", "\n\n", text).strip()
                if len(text) >= self.min_chars:
                    yield Document(title, text, None, {"file": str(self.path), "page_id": page_id})


class WikiTextReader(Reader):
    """WikiText (Merity et al. 2016) token files, one document per article.

    A line `` = Title = `` starts an article; section headings (`` = = Section = = ``)
    stay inside it as paragraphs of their own. WikiText's escapes for split numbers and
    hyphens (``1 @,@ 000``, ``state @-@ of``) are joined back (``1,000``, ``state-of``).
    """

    format = "wikitext"
    TITLE = re.compile(r"^ = ([^=].*?) = $")
    HEADING = re.compile(r"^ (?:= )+(.*?)(?: =)+ $")
    ESCAPE = re.compile(r" @([-,.])@ ")

    def __iter__(self) -> Iterator[Document]:
        title, start, paragraphs = None, 0, []
        with open_text(self.path) as fh:
            for number, line in enumerate(fh, 1):
                line = line.rstrip("\n")
                match = self.TITLE.match(line)
                if match:
                    if title is not None or paragraphs:
                        yield self._article(title, start, paragraphs)
                    title, start, paragraphs = match.group(1), number, []
                    continue
                heading = self.HEADING.match(line)
                text = heading.group(1) if heading else self.ESCAPE.sub(r"\1", line).strip()
                if text:
                    paragraphs.append(text)
        if title is not None or paragraphs:
            yield self._article(title, start, paragraphs)

    def _article(self, title: str | None, line: int, paragraphs: list[str]) -> Document:
        name = title if title is not None else f"{self.path.name}:{line or 1}"
        return Document(name, "\n\n".join(paragraphs), None,
                        {"file": str(self.path), "line": line or 1, "title": title})


class NltkReader(Reader):
    """An NLTK-format corpus, from its ``.zip`` or its unpacked folder.

    Known layouts (Brown, movie_reviews, sentence_polarity, abc, state_union, inaugural,
    webtext, subjectivity) are read with their own unit: Brown samples with their
    category, movie reviews with pos/neg, MR snippets one per line, abc paragraphs. Any
    other corpus is read file by file with the first sub-folder as its label.
    """

    format = "nltk"

    LAYOUTS: ClassVar[dict[str, dict]] = {
        "brown": {"unit": "file", "tagged": True},
        "movie_reviews": {"unit": "file", "label": "folder"},
        "sentence_polarity": {"unit": "line", "label": "suffix"},
        "subjectivity": {"unit": "line", "label": "stem"},
        "abc": {"unit": "para", "label": "stem"},
        "state_union": {"unit": "file"},
        "inaugural": {"unit": "file"},
        "webtext": {"unit": "line", "label": "stem"},
    }
    UNITS = ("file", "para", "line")
    SKIP = {"readme", "readme.txt", "cats.txt", "contents", "license", "license.txt", "citation.bib"}

    def __init__(self, path: Path | str, unit: str | None = None):
        super().__init__(path)
        self.name = strip_compression(self.path).name.removesuffix(".zip")
        self.layout = dict(self.LAYOUTS.get(self.name, {"unit": "file", "label": "folder"}))
        if unit:
            if unit not in self.UNITS:
                raise InvalidParameterError(f"unit {unit!r}: must be file, para or line")
            self.layout["unit"] = unit

    def options(self) -> dict:
        return {"format": self.format, **self.layout}

    def _members(self) -> Iterator[tuple[str, bytes]]:
        """(name relative to the corpus root, raw bytes) in sorted order."""
        if self.path.is_dir():
            for file in sorted(p for p in self.path.rglob("*") if p.is_file()):
                yield str(file.relative_to(self.path)), file.read_bytes()
            return
        if not self.path.exists():
            raise CorpusNotFoundError(f"{self.path}: no such file or folder")
        try:
            archive = zipfile.ZipFile(self.path)
        except zipfile.BadZipFile:
            raise CorpusFormatError(f"{self.path}: not a zip file", hint="pass the NLTK corpus .zip or its folder") from None
        with archive:
            prefix = f"{self.name}/"
            for info in sorted(archive.infolist(), key=lambda i: i.filename):
                if info.is_dir() or "__MACOSX" in info.filename:
                    continue
                name = info.filename.removeprefix(prefix)
                yield name, archive.read(info)

    def _categories(self) -> dict[str, str]:
        cats = self._read_member("cats.txt")
        if not cats:
            return {}
        pairs = (line.split() for line in cats.decode("utf-8", "replace").splitlines())
        return {p[0]: p[1] for p in pairs if len(p) >= 2}

    def _read_member(self, name: str) -> bytes | None:
        """One file of the corpus (without reading the others), or None."""
        if self.path.is_dir():
            file = self.path / name
            return file.read_bytes() if file.is_file() else None
        if not zipfile.is_zipfile(self.path):
            return None  # _members() says what is wrong with it
        with zipfile.ZipFile(self.path) as archive:
            try:
                return archive.read(f"{self.name}/{name}")
            except KeyError:
                return None

    def _label(self, name: str, categories: dict[str, str]) -> str | None:
        how = self.layout.get("label")
        if name in categories:
            return categories[name]
        if how == "folder" and "/" in name:
            return name.split("/", 1)[0]
        if how == "suffix":
            return name.rsplit(".", 1)[-1]
        if how == "stem":
            return Path(name).name.split(".")[0]
        return None

    @staticmethod
    def _untag(text: str) -> str:
        """Brown's ``The/at Fulton/np-tl`` -> ``The Fulton``, keeping paragraph breaks."""
        paragraphs = (para.split() for para in PARAGRAPH_BREAK.split(text))
        return "\n\n".join(" ".join(tok.rpartition("/")[0] or tok for tok in words) for words in paragraphs if words)

    def __iter__(self) -> Iterator[Document]:
        categories = self._categories()
        unit = self.layout["unit"]
        for name, raw in self._members():
            if Path(name).name.lower() in self.SKIP or name.startswith("."):
                continue
            text = raw.decode("utf-8", errors="replace") if not raw.startswith(b"\xff\xfe") else raw.decode("utf-16")
            if "\ufffd" in text:
                text = raw.decode("latin-1")  # old NLTK corpora (MR, subjectivity) are Latin-1
            if self.layout.get("tagged"):
                text = self._untag(text)
            label = self._label(name, categories)
            meta = {"file": f"{self.path}:{name}", "category": label}
            if unit == "file":
                yield Document(name, text.strip(), label, meta)
                continue
            pieces = text.splitlines() if unit == "line" else PARAGRAPH_BREAK.split(text)
            for number, piece in enumerate(pieces, 1):
                piece = piece.strip()
                if piece:
                    yield Document(f"{name}:{number}", piece, label, {**meta, "line": number})

    def files(self) -> list[Path]:
        if self.path.is_dir():
            return sorted(p for p in self.path.rglob("*") if p.is_file())
        return [self.path]


READERS: dict[str, type[Reader]] = {
    cls.format: cls
    for cls in (LinesReader, TextFileReader, FolderReader, TableReader, LabelledLinesReader, WikipediaReader,
                WikiTextReader, NltkReader)
}
LABEL_SUFFIX = re.compile(r"\.(pos|neg|positive|negative|\d)$")


def detect_format(path: Path) -> str:
    """Guess the reader for a path from its name and shape."""
    if path.is_dir():
        if (path / "cats.txt").exists() or path.name in NltkReader.LAYOUTS:
            return "nltk"
        return "folder"
    name = strip_compression(path).name.lower()
    if name.endswith(".zip"):
        return "nltk"
    if ".xml" in name and ("wiki" in name or "pages-articles" in name):
        return "wikipedia"
    if name.endswith(".tokens") or path.parent.name.lower().startswith("wikitext"):
        return "wikitext"
    if name.endswith((".csv", ".tsv", ".jsonl", ".ndjson")):
        return "table"
    if LABEL_SUFFIX.search(name):
        return "labelled-lines"
    return "lines"


def reader_option_names() -> set[str]:
    """Every option some reader takes."""
    return {name for cls in READERS.values() for name in _options_of(cls)}


def _options_of(cls: type[Reader]) -> set[str]:
    return set(inspect.signature(cls.__init__).parameters) - {"self", "path", "paths"}


def _refuse_options_of_other_formats(source: Path, format: str, options: dict) -> None:
    """--text-field on a .txt file was silently ignored: the user meant something this reader cannot do."""
    for name, value in options.items():
        # an NLTK unit given for another corpus is refused by read_corpus, with the units that do apply
        if value is not None and name != "unit" and name not in _options_of(READERS[format]):
            owners = [fmt for fmt, cls in READERS.items() if name in _options_of(cls)]
            raise InvalidParameterError(
                f"{source}: {name} (--{name.replace('_', '-')}) is an option of {' and '.join(owners)} corpora, "
                f"but this one is read as {format}",
                hint=f"leave it out, or give --format {owners[0]} if the file is one")


def check_reader_options(options: dict) -> None:
    """A misspelled option (label_feild=) is refused, not silently dropped."""
    known = reader_option_names()
    for name in options:
        if name not in known:
            raise InvalidParameterError(f"unknown reader option {name!r}{did_you_mean(name, known)}",
                                        hint=f"reader options are: {', '.join(sorted(known))}")


def make_reader(source: Path, format: str = "auto", **options) -> Reader:
    """The reader for ``source`` (a file, a folder, or a glob of labelled-line files)."""
    check_reader_options(options)
    paths = _expand(source)
    if format == "auto":
        format = "labelled-lines" if len(paths) > 1 else detect_format(paths[0])
    if format not in READERS:
        raise InvalidParameterError(
            f"unknown format {format!r}{did_you_mean(format, READERS)}",
            hint=f"formats are: auto, {', '.join(READERS)}",
        )
    _refuse_options_of_other_formats(source, format, options)
    cls = READERS[format]
    if cls is LabelledLinesReader:
        return LabelledLinesReader(source, paths)
    if len(paths) > 1:
        raise InvalidParameterError(f"{source}: a pattern matching several files works only for labelled-lines files")
    return cls(paths[0], **{k: v for k, v in options.items() if v is not None and k in _options_of(cls)})


def _expand(source: Path) -> list[Path]:
    if source.exists():
        return [source]
    if any(ch in str(source) for ch in "*?["):
        matches = sorted(p for p in source.parent.glob(source.name) if p.is_file())
        if matches:
            return matches
    raise CorpusNotFoundError(f"{source}: no such file or folder")
