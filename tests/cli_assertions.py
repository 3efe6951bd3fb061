"""Assertions shared by the CLI tests."""

from __future__ import annotations


def assert_clear_error(result, *fragments: str) -> None:
    """Exit 2, one ``error:`` line naming the problem, one ``hint:`` line, no traceback."""
    assert result.exit_code == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and lines[0].startswith("error: ") and lines[1].startswith("hint: "), lines
    for fragment in fragments:
        assert fragment in lines[0]
    assert "Traceback" not in result.stderr + result.stdout
