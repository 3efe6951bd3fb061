"""Progress reporting that the library emits and the CLI renders.

The library calls :func:`track` around long loops; it is silent unless a reporter is
installed (the CLI installs a rich one on stderr), so notebooks and tests stay quiet and
the library never imports rich.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterable, Iterator
from typing import Protocol, TypeVar

T = TypeVar("T")


class Task(Protocol):
    def advance(self, amount: float = 1) -> None: ...
    def update(self, **fields: object) -> None: ...


class Reporter(Protocol):
    def task(self, description: str, total: float | None, unit: str) -> contextlib.AbstractContextManager[Task]: ...


class _SilentTask:
    def advance(self, amount: float = 1) -> None:
        pass

    def update(self, **fields: object) -> None:
        pass


class _SilentReporter:
    @contextlib.contextmanager
    def task(self, description: str, total: float | None, unit: str) -> Iterator[Task]:
        yield _SilentTask()


_reporter: contextvars.ContextVar[Reporter] = contextvars.ContextVar("nlpkit_reporter", default=_SilentReporter())


@contextlib.contextmanager
def use_reporter(reporter: Reporter) -> Iterator[None]:
    """Install ``reporter`` for the code run inside the ``with`` block."""
    token = _reporter.set(reporter)
    try:
        yield
    finally:
        _reporter.reset(token)


def task(description: str, total: float | None = None, unit: str = "items") -> contextlib.AbstractContextManager[Task]:
    """A progress task to ``advance`` by hand (for work that is not one loop)."""
    return _reporter.get().task(description, total, unit)


def track(iterable: Iterable[T], description: str, total: float | None = None, unit: str = "items") -> Iterator[T]:
    """Yield from ``iterable``, advancing a progress bar by one per item."""
    if total is None and hasattr(iterable, "__len__"):
        total = len(iterable)  # type: ignore[arg-type]
    with task(description, total, unit) as progress:
        for item in iterable:
            yield item
            progress.advance()
