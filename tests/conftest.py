"""Fixtures shared by every test folder.

Each capability's folder adds its own conftest.py; this one holds what all of them need:
an isolated cache, the shared-data location (skipping with a reason where it is absent),
a CLI runner, and fixed terminal width/colour so rendered output is stable.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _shared_data() -> Path | None:
    for candidate in (os.environ.get("NLPKIT_SHARED_DATA"), ROOT.parent / "shared" / "data"):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return None


SHARED_DATA = _shared_data()


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path_factory, monkeypatch):
    """Every test gets its own token cache, so no test sees another's."""
    monkeypatch.setenv("NLPKIT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("COLUMNS", "160")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("NLPKIT_NO_PROGRESS", "1")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data beside the checkout; tests that need it skip where it is absent (CI has it)."""
    if SHARED_DATA is None:
        pytest.skip("../shared/data is absent: these tests read the real corpora there "
                    "(point NLPKIT_SHARED_DATA at a copy to run them)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def nltk_data(shared_data) -> Path:
    path = shared_data / "nltk_data"
    if not path.is_dir():
        pytest.skip("../shared/data/nltk_data is absent")
    return path


@pytest.fixture
def nltk_env(nltk_data, monkeypatch) -> Path:
    """NLTK pointed at the shared data for one test, as `make test` does: $NLTK_DATA for nlpkit's
    own readers, and nltk's search path, which nltk read from $NLTK_DATA once, on first import."""
    import nltk.data

    monkeypatch.setenv("NLTK_DATA", str(nltk_data))
    monkeypatch.setattr(nltk.data, "path", [str(nltk_data), *nltk.data.path])
    return nltk_data


@pytest.fixture
def runner():
    from typer.testing import CliRunner

    return CliRunner()


@pytest.fixture
def cli(runner):
    """Invoke the nlpkit CLI: cli("corpus", "stats", path) -> Result (exit_code, stdout, stderr)."""
    from nlpkit.cli import app

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(app, [str(a) for a in args], input=input, prog_name="nlpkit")

    return invoke
