"""The single error boundary of the CLI.

``NlpkitGroup.invoke`` is the only place that catches: an ``NlpkitError`` becomes
``error: …`` / ``hint: …`` on stderr (or a JSON object with ``--json``) and exit code 2;
``--debug`` re-raises for the full traceback; anything else is an internal error (exit 1).
"""

from __future__ import annotations

import json
import os
import re
import sys
import warnings

import typer
import typer.core

try:  # typer >= 0.2x carries its own copy of click
    from typer._click.exceptions import ClickException, UsageError
except ImportError:  # pragma: no cover - older typer on the real click
    from click import ClickException, UsageError

from ..errors import InvalidParameterError, NlpkitError, NlpkitWarning


# typer checks option values with pydantic, whose messages read like a validator's log
_PYDANTIC_WORDING = (("Value error, ", ""),
                     ("Input should be a valid integer, unable to parse string as an integer", "not a whole number"),
                     ("Input should be a valid number, unable to parse string as a number", "not a number"))


def _plain(message: str) -> str:
    for said, meant in _PYDANTIC_WORDING:
        message = message.replace(said, meant)
    return message


class NlpkitGroup(typer.core.TyperGroup):
    def main(self, *args, standalone_mode: bool = True, **kwargs):
        """Usage errors (an unknown option, a missing value) as one ``error:`` line and a ``hint:``
        line, exit 2, like every other bad input: not click's usage block and boxed message."""
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except UsageError as exc:
            if exc.format_message():  # empty for a group called bare: its help is already printed
                command = exc.ctx.command_path if exc.ctx else "nlpkit"
                sys.stderr.write(f"error: {_plain(exc.format_message())}\nhint: see '{command} --help'\n")
            raise SystemExit(exc.exit_code) from None
        except ClickException as exc:
            sys.stderr.write(f"error: {exc.format_message()}\n")
            raise SystemExit(exc.exit_code) from None
        except typer.Abort:
            sys.stderr.write("aborted\n")
            raise SystemExit(1) from None
        raise SystemExit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: typer.Context):
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("ignore", DeprecationWarning)
                warnings.simplefilter("always", NlpkitWarning)
                try:
                    return super().invoke(ctx)
                finally:
                    _show_warnings(caught)
        except NlpkitError as exc:
            if _debug(ctx):
                raise
            _report(exc, ctx, _option_spellings(self, ctx.invoked_subcommand))
            raise SystemExit(2) from None
        except (typer.Exit, typer.Abort, ClickException, SystemExit):
            raise
        except BrokenPipeError:  # the reader of our stdout went away (e.g. `| head`): not an error
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise SystemExit(0) from None
        except KeyboardInterrupt:
            sys.stderr.write("interrupted\n")
            raise SystemExit(130) from None
        except Exception as exc:  # noqa: BLE001 - the boundary: anything unexpected
            if _debug(ctx):
                raise
            sys.stderr.write(f"internal error: {type(exc).__name__}: {exc}\nrerun with --debug for the traceback\n")
            raise SystemExit(1) from None


def _show_warnings(caught: list[warnings.WarningMessage]) -> None:
    """The library's own warnings as one ``warning:`` line each (repeats once); others as Python shows them."""
    shown: set[str] = set()
    for warning in caught:
        if issubclass(warning.category, NlpkitWarning):
            if str(warning.message) not in shown:  # e.g. one convergence warning per K of a sweep
                shown.add(str(warning.message))
                sys.stderr.write(f"warning: {warning.message}\n")
        else:
            warnings.showwarning(warning.message, warning.category, warning.filename, warning.lineno)


def _debug(ctx: typer.Context) -> bool:
    return bool((ctx.obj or {}).get("debug"))


def _option_spellings(group, name: str | None) -> dict[str, str]:
    """The invoked command's options by their Python names: {"max_edits": "--max-edits", ...}
    (for a group such as ``sentiment``, its commands' options together)."""
    command = group.commands.get(name) if name else None
    commands = list(getattr(command, "commands", {}).values()) or ([command] if command else [])
    return {param.name: max(param.opts, key=len) for cmd in commands for param in cmd.params
            if getattr(param, "param_type_name", "") == "option" and any(o.startswith("--") for o in param.opts)}


# a parameter error opens with the values it refuses: "max_edits 0: ...", "min_n 5, max_n 3: ..."
_REFUSED_VALUE = re.compile(r"([a-z][a-z0-9_]*)[ =]")


def _as_typed(exc: NlpkitError, options: dict[str, str]) -> tuple[str, str]:
    """The message and hint of ``exc``, with the library's Python parameter names as the user typed
    them on the command line ("max_edits 0: must be at least 1" -> "--max-edits 0: ..."). Only a
    parameter error is rewritten, and only the names it opens with: other messages open with a
    path the user gave (which may be spelled like an option: --out out), and are left as they are."""
    if not isinstance(exc, InvalidParameterError):
        return exc.message, exc.hint
    opening, colon, rest = exc.message.partition(":")
    named = {m.group(1) for piece in opening.split(",") if (m := _REFUSED_VALUE.match(piece.strip()))}
    hint = exc.hint
    for name in named & options.keys():
        as_word = re.compile(rf"(?<![\w./(-]){re.escape(name)}(?![\w./(])")
        opening = as_word.sub(options[name], opening)
        if "_" in name:  # a one-word name ("bucket") is also a plain word in the prose after the opening
            rest, hint = as_word.sub(options[name], rest), as_word.sub(options[name], hint)
    return opening + colon + rest, hint


def _report(exc: NlpkitError, ctx: typer.Context, options: dict[str, str]) -> None:
    message, hint = _as_typed(exc, options)
    if "--json" in sys.argv[1:] or (ctx.obj or {}).get("json"):
        sys.stderr.write(json.dumps({"error": type(exc).__name__, "message": message, "hint": hint}) + "\n")
        return
    sys.stderr.write(f"error: {message}\nhint: {hint}\n")
