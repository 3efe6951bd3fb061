"""The error tree: every error is exported, documented, carries a hint and exits 2 through the CLI."""

from __future__ import annotations

import inspect
import json

import pytest
import typer
from typer.testing import CliRunner

import nlpkit.errors as errors
from nlpkit.cli._boundary import NlpkitGroup

ERROR_CLASSES = [obj for _, obj in inspect.getmembers(errors, inspect.isclass)
                 if issubclass(obj, errors.NlpkitError)]
WARNING_CLASSES = [obj for _, obj in inspect.getmembers(errors, inspect.isclass)
                   if issubclass(obj, errors.NlpkitWarning)]


def test_errors_every_class_is_exported():
    assert {cls.__name__ for cls in ERROR_CLASSES + WARNING_CLASSES} <= set(errors.__all__)
    assert len(ERROR_CLASSES) >= 12 and len(WARNING_CLASSES) == 4


@pytest.mark.parametrize("cls", ERROR_CLASSES + WARNING_CLASSES, ids=lambda c: c.__name__)
def test_errors_every_class_has_a_docstring(cls):
    assert cls.__doc__ and cls.__doc__.strip()


@pytest.mark.parametrize("cls", ERROR_CLASSES, ids=lambda c: c.__name__)
def test_errors_every_error_has_a_hint(cls):
    error = cls("something went wrong")
    assert error.message == "something went wrong" == str(error)
    assert error.hint and error.hint.strip()
    assert cls("x", hint="do this").hint == "do this"


def test_errors_builtin_bases_let_callers_catch_them_the_usual_way():
    assert issubclass(errors.CorpusNotFoundError, FileNotFoundError)
    assert issubclass(errors.OutOfVocabularyError, KeyError)
    assert issubclass(errors.NotFittedError, AttributeError)
    assert issubclass(errors.InputError, ValueError)
    assert issubclass(errors.MissingDependencyError, ImportError)
    assert str(errors.OutOfVocabularyError("'qwzx' is not in the vocabulary")) == "'qwzx' is not in the vocabulary"


def test_errors_closest_suggests_spellings():
    assert errors.closest("brwn", ["brown", "lee", "mr"]) == ["brown"]
    assert errors.closest("zzzz", ["brown", "lee"]) == []


def _app_raising(error: Exception) -> typer.Typer:
    app = typer.Typer(cls=NlpkitGroup)

    @app.callback()
    def root(ctx: typer.Context, debug: bool = typer.Option(False, "--debug")) -> None:
        ctx.obj = {"debug": debug}

    @app.command()
    def fail() -> None:
        raise error

    return app


@pytest.mark.parametrize("cls", ERROR_CLASSES, ids=lambda c: c.__name__)
def test_errors_every_error_exits_2_through_the_cli(cls):
    result = CliRunner().invoke(_app_raising(cls("the file x.txt is wrong", hint="fix x.txt")), ["fail"])
    assert result.exit_code == 2
    assert result.stderr == "error: the file x.txt is wrong\nhint: fix x.txt\n"
    assert "Traceback" not in result.output


def test_errors_debug_reraises_for_the_traceback():
    result = CliRunner().invoke(_app_raising(errors.CorpusFormatError("bad")), ["--debug", "fail"])
    assert isinstance(result.exception, errors.CorpusFormatError)


def test_errors_other_exceptions_are_internal_errors_with_exit_1():
    result = CliRunner().invoke(_app_raising(RuntimeError("boom")), ["fail"])
    assert result.exit_code == 1
    assert "internal error: RuntimeError: boom" in result.stderr


def test_errors_json_mode_reports_a_json_object(monkeypatch):
    monkeypatch.setattr("sys.argv", ["nlpkit", "fail", "--json"])
    result = CliRunner().invoke(_app_raising(errors.EmptyCorpusError("nothing left")), ["fail"])
    assert result.exit_code == 2
    assert json.loads(result.stderr) == {"error": "EmptyCorpusError", "message": "nothing left",
                                         "hint": errors.EmptyCorpusError.default_hint}


@pytest.mark.parametrize("args, message, command", [
    (["analogy", "--bogus"], "No such option: --bogus", "nlpkit analogy"),
    (["vectors", "train", "lee", "--epochs", "x"], "Invalid value for '--epochs'", "nlpkit vectors train"),
    (["bogus"], "No such command 'bogus'", "nlpkit"),
])
def test_errors_usage_errors_are_one_error_line_and_a_hint(cli, args, message, command):
    result = cli(*args)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and lines[0].startswith("error: ") and message in lines[0]
    assert lines[1] == f"hint: see '{command} --help'"
    assert "╭" not in result.stderr and "Usage:" not in result.stderr


def test_errors_name_parameters_as_the_user_typed_them():
    """The library says max_edits (its Python name); on the command line the user typed --max-edits.
    Only a parameter error's opening names are rewritten: a path the user gave may be spelled like an
    option (--out out, --doc-topics doc_topics.csv) and must come back as typed."""
    app = typer.Typer(cls=NlpkitGroup)

    @app.callback()
    def root() -> None:
        pass

    @app.command()
    def flip(max_edits: int = typer.Option(3, "--max-edits"), margin: float = typer.Option(0.1, "--margin")) -> None:
        raise errors.InvalidParameterError(f"max_edits {max_edits}, margin 0.1: too few; margin max_edits_x",
                                           hint="Flipper(max_edits=1), or set max_edits=1")

    @app.command()
    def write(out: str = typer.Option("out", "--out"), doc_topics: str = typer.Option("x", "--doc-topics")) -> None:
        if out == "out":
            raise errors.InvalidParameterError("out: the folder holds files nlpkit did not write")
        raise errors.ArtifactError(f"{doc_topics} 2: doc_topics {doc_topics}/doc_topics.npy is missing")

    first = CliRunner().invoke(app, ["flip", "--max-edits", "0"])
    assert first.stderr.splitlines() == ["error: --max-edits 0, --margin 0.1: too few; margin max_edits_x",
                                         "hint: Flipper(max_edits=1), or set --max-edits=1"]
    folder = CliRunner().invoke(app, ["write", "--out", "out"])
    assert folder.stderr.splitlines()[0] == "error: out: the folder holds files nlpkit did not write"
    path = CliRunner().invoke(app, ["write", "--out", "o", "--doc-topics", "doc_topics"])
    assert path.stderr.splitlines()[0] == "error: doc_topics 2: doc_topics doc_topics/doc_topics.npy is missing"
