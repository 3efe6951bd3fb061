"""Rendering helpers: data to stdout (tables, JSON, CSV), messages and progress to stderr."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterator, Sequence
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..progress import use_reporter


def stdout() -> Console:
    """Data goes here; piped output is 120 columns wide unless $COLUMNS says otherwise."""
    width = None if sys.stdout.isatty() or os.environ.get("COLUMNS") else 120
    return Console(file=sys.stdout, soft_wrap=False, width=width)


def stderr() -> Console:
    return Console(file=sys.stderr, stderr=True)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=_default) + "\n")


def _default(obj: Any) -> Any:
    if hasattr(obj, "tolist"):
        return obj.tolist()
    if hasattr(obj, "to_dict"):
        return obj.to_dict()
    if isinstance(obj, (set, frozenset)):
        return sorted(obj)
    return str(obj)


def table(title: str | None, columns: Sequence[str], rows: Sequence[Sequence[Any]], *, justify: dict | None = None) -> Table:
    out = Table(title=title, title_justify="left", header_style="bold")
    for column in columns:
        out.add_column(column, justify=(justify or {}).get(column, "left"), overflow="fold")
    for row in rows:
        out.add_row(*(_cell(v) for v in row))
    return out


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.4g}" if abs(value) < 1e4 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return "" if value is None else str(value)


def message(text: str, *, always: bool = False) -> None:
    """A note for the person at the terminal (what was written, a summary), on stderr; none with
    --quiet unless ``always`` (the output is not what was asked for: a sentence left unflipped).
    Warnings are the library's ``NlpkitWarning``s, which the error boundary always shows."""
    if always or not _quiet():
        stderr().print(text, highlight=False)


def _quiet() -> bool:
    try:  # typer >= 0.2x carries its own copy of click
        from typer._click.globals import get_current_context
    except ImportError:  # pragma: no cover - older typer on the real click
        from click import get_current_context

    ctx = get_current_context(silent=True)
    return bool(ctx is not None and (ctx.find_root().obj or {}).get("quiet"))


class RichReporter:
    """The progress reporter the CLI installs: rich bars with rates, on stderr."""

    def __init__(self, progress: Progress):
        self.progress = progress

    @contextlib.contextmanager
    def task(self, description: str, total: float | None, unit: str) -> Iterator["_RichTask"]:
        task_id = self.progress.add_task(description, total=total, unit=unit, status="")
        try:
            yield _RichTask(self.progress, task_id)
        finally:
            self.progress.update(task_id, visible=False)
            self.progress.remove_task(task_id)


class _RichTask:
    def __init__(self, progress: Progress, task_id):
        self.progress, self.task_id = progress, task_id

    def advance(self, amount: float = 1) -> None:
        self.progress.advance(self.task_id, amount)

    def update(self, **fields: object) -> None:
        known = {k: fields.pop(k) for k in ("total", "completed", "description") if k in fields}
        status = " ".join(f"{k} {v}" for k, v in fields.items())
        self.progress.update(self.task_id, status=status, **known)


class _Rate(TextColumn):
    def __init__(self):
        super().__init__("")

    def render(self, task):
        speed = task.finished_speed or task.speed
        from rich.text import Text

        unit = task.fields.get("unit", "items")
        return Text(f"{speed:,.0f} {unit}/s" if speed else "", style="progress.data.speed")


@contextlib.contextmanager
def progress_bars() -> Iterator[None]:
    """Show the library's progress as rich bars on stderr (nothing with --quiet or not on a terminal)."""
    if _quiet() or os.environ.get("NLPKIT_NO_PROGRESS"):
        yield
        return
    bars = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
                    _Rate(), TimeElapsedColumn(), TextColumn("{task.fields[status]}"),
                    console=stderr(), transient=True, disable=not sys.stderr.isatty())
    with bars, use_reporter(RichReporter(bars)):
        yield


def hide_flag_types() -> None:
    """typer's help shows a type beside every option, "<bool>" beside a flag too, as if it took a
    value; a flag takes none, so its type column is left empty. (A patch of one method, skipped
    where typer has no such method.)"""
    import typer.core

    option = getattr(typer.core, "TyperOption", None)
    show = getattr(option, "display_type_rich", None)
    if show is None or getattr(show, "_nlpkit", False):
        return

    def display_type_rich(self, ctx):
        return None if getattr(self, "is_flag", False) and self.metavar is None else show(self, ctx)

    display_type_rich._nlpkit = True
    option.display_type_rich = display_type_rich

