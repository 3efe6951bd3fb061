"""Fixtures of the corpus tests; the builders live in corpus_fixtures.py."""

from __future__ import annotations

import pytest
from corpus_fixtures import write_text


@pytest.fixture
def lines_file(tmp_path):
    return write_text(tmp_path / "docs.txt", "The first document.\n\nA second one, don't you think?\nThird line\n")
