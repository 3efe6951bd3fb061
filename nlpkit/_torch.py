"""torch settings shared by the modules that run torch models (the sentiment CNN, the distilling encoder)."""

from __future__ import annotations

import contextlib

import torch


@contextlib.contextmanager
def torch_threads(count: int | None):
    """Run torch on ``count`` threads inside the block (None: leave torch's setting).

    One thread is the default: on a busy 2-core machine two threads spin against each
    other (a 50-sentence training step took 12x longer), and one thread makes results
    exactly repeatable.
    """
    if not count:
        yield
        return
    previous = torch.get_num_threads()
    if previous == count:
        yield
        return
    torch.set_num_threads(count)
    try:
        yield
    finally:
        torch.set_num_threads(previous)
