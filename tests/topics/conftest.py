"""Fixtures of the topic tests; the builders live in topics_fixtures.py."""

from __future__ import annotations

import pytest
from topics_fixtures import theme_documents, write_themes_csv


@pytest.fixture
def themes_file(tmp_path):
    return write_themes_csv(tmp_path / "themes.csv")


@pytest.fixture
def themes_corpus(themes_file):
    from nlpkit.corpus import read_corpus

    return read_corpus(themes_file, pipeline="topics")


@pytest.fixture
def theme_texts():
    """The same themes as token lists, for the API's list-of-token-lists input."""
    return [text.split() for _, text in theme_documents()]
