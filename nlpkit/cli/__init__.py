"""The ``nlpkit`` command line: a thin layer over the Python API.

Each command lives in its own module and registers itself on ``app``; command modules
import the library inside their functions, so ``nlpkit --help`` stays fast.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import sys
from typing import Annotated

import typer

from ._boundary import NlpkitGroup
from ._render import hide_flag_types

hide_flag_types()

app = typer.Typer(
    cls=NlpkitGroup, no_args_is_help=True, add_completion=False, rich_markup_mode="rich",
    help="""Explore text corpora: topics, word vectors and analogies, sentiment and its flipping.

Every command falls back to embedded data when given no corpus, and works offline.

Examples:
  nlpkit corpus list
  nlpkit topics brown --k 20 --report brown.html
  nlpkit analogy king man woman
  nlpkit sentiment predict "the plot is a mess"
  nlpkit flip-sentiment "the food was great" --to negative --explain
""",
    context_settings={"help_option_names": ["-h", "--help"]},
)



def _version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"nlpkit {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    debug: Annotated[bool, typer.Option("--debug", help="Show the full traceback of an error.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars or messages.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    ctx.obj = {"debug": debug, "quiet": quiet}


# Every public module of this package is one command (or group); importing it registers it.
for _module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
    if not _module.name.startswith("_"):
        importlib.import_module(f"{__name__}.{_module.name}")


def _reflow(doc: str | None) -> str | None:
    """Join the lines of each prose paragraph so rich wraps help to the terminal's width;
    paragraphs with indented lines (examples) keep their lines."""
    if not doc:
        return doc
    paragraphs = inspect.cleandoc(doc).split("\n\n")
    kept = [p if any(line.startswith(" ") for line in p.splitlines()) else " ".join(p.split()) for p in paragraphs]
    return "\n\n".join(kept)


def _reflow_help(typer_app: typer.Typer) -> None:
    for command in typer_app.registered_commands:
        command.help = _reflow(command.help or inspect.getdoc(command.callback))
    for group in typer_app.registered_groups:
        _reflow_help(group.typer_instance)


_reflow_help(app)


def main() -> None:
    app(prog_name="nlpkit")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
