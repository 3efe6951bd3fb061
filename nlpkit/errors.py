"""Every exception and warning nlpkit raises, in one tree.

The class name is the error code: stable and greppable.

    NlpkitError(Exception)                  .hint says what to do next
    ├── InputError(NlpkitError, ValueError)
    │   ├── CorpusNotFoundError(InputError, FileNotFoundError)
    │   ├── UnknownCorpusError              suggests the closest card name
    │   ├── CorpusFormatError               binary/undecodable file, missing column, bad line
    │   ├── EmptyCorpusError                says which step removed everything
    │   ├── OutOfVocabularyError(InputError, KeyError)  offers the closest spellings
    │   └── InvalidParameterError           a value outside its range
    ├── ModelError(NlpkitError)
    │   ├── NotFittedError(ModelError, AttributeError)
    │   └── ArtifactError                   not a model folder, truncated file, version mismatch
    └── MissingDependencyError(NlpkitError, ImportError)  names what to install

    NlpkitWarning(UserWarning)
    ├── ConvergenceWarning
    ├── EncodingWarning                     bytes were replaced while decoding
    └── NonDeterminismWarning               multi-worker training cannot promise exact repeats

The library raises and never prints or exits; the CLI's single boundary turns an
``NlpkitError`` into ``error: …`` / ``hint: …`` on stderr and exit code 2.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = [
    "NlpkitError",
    "InputError",
    "CorpusNotFoundError",
    "UnknownCorpusError",
    "CorpusFormatError",
    "EmptyCorpusError",
    "OutOfVocabularyError",
    "InvalidParameterError",
    "ModelError",
    "NotFittedError",
    "ArtifactError",
    "MissingDependencyError",
    "NlpkitWarning",
    "ConvergenceWarning",
    "EncodingWarning",
    "NonDeterminismWarning",
    "closest",
    "did_you_mean",
    "described",
]


class NlpkitError(Exception):
    """Base class: a problem the user can fix; ``hint`` says how."""

    default_hint = "see the command's --help (in Python, help() of the class or function) for what it expects"

    def __init__(self, message: str, *, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint or self.default_hint

    def __str__(self) -> str:  # KeyError would otherwise quote the message
        return self.message


class InputError(NlpkitError, ValueError):
    """The input (a file, a word, a value) cannot be used as given."""


class CorpusNotFoundError(InputError, FileNotFoundError):
    """A corpus path does not exist."""

    default_hint = "check the path (for a named corpus, `nlpkit corpus list` shows the names)"


class UnknownCorpusError(InputError):
    """A name is neither a path nor a known corpus card."""

    default_hint = "run `nlpkit corpus list` to see the known corpora"


class CorpusFormatError(InputError):
    """A file is not in the format it should be in."""

    default_hint = "check the file, or pass --format to say what it is"


class EmptyCorpusError(InputError):
    """Nothing is left to work with."""

    default_hint = "check the corpus, or relax the preprocessing (stop words, min count)"


class OutOfVocabularyError(InputError, KeyError):
    """A word is not in the vocabulary."""

    default_hint = "check the spelling, or use vectors trained on a larger corpus"

    def __str__(self) -> str:
        return self.message


class InvalidParameterError(InputError):
    """A parameter is outside the range it must be in."""


class ModelError(NlpkitError):
    """A model cannot be used."""


class NotFittedError(ModelError, AttributeError):
    """A model was used before ``fit``."""

    default_hint = "call fit() first, or load a saved model"


class ArtifactError(ModelError):
    """A saved model or vector file is missing, corrupt or from another version."""

    default_hint = "retrain or re-download it; check the path points at what you meant"


class MissingDependencyError(NlpkitError, ImportError):
    """An optional package or data file is not installed."""

    default_hint = "install it with pip, or run `make install`"


class NlpkitWarning(UserWarning):
    """Base class of nlpkit's warnings."""


class ConvergenceWarning(NlpkitWarning):
    """Training stopped before it converged."""


class EncodingWarning(NlpkitWarning):
    """Bytes that did not decode were replaced."""


class NonDeterminismWarning(NlpkitWarning):
    """Multi-worker training cannot promise the same result for the same seed."""


def closest(word: str, choices: Iterable[str], n: int = 3) -> list[str]:
    """The choices spelled most like ``word``, best first (for "did you mean" hints)."""
    return difflib.get_close_matches(word, list(choices), n=n, cutoff=0.6)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the choice spelled most like ``word``, or '' where none is close."""
    near = closest(word, choices, 1)
    return f" (did you mean {near[0]!r}?)" if near else ""


def described(value: object, width: int = 40) -> str:
    """A refused value as a message shows it: its type and a short repr ("int 1", "NoneType None")."""
    text = repr(value)
    return f"{type(value).__name__} {text if len(text) <= width else text[:width - 3] + '...'}"
