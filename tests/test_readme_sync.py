"""README's capability sections are copies of benchmarks/results/*.md: an edit made in the README alone is
lost at the next `python scripts/sync_readme.py` (session 19's README fixes were, until session 20)."""

import importlib.util
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_readme_sections_match_their_results_files(tmp_path):
    spec = importlib.util.spec_from_file_location("sync_readme", ROOT / "scripts" / "sync_readme.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    copy = tmp_path / "README.md"
    shutil.copy(ROOT / "README.md", copy)
    assert module.sync(copy, ROOT / "benchmarks" / "results") == []
    assert copy.read_text(encoding="utf-8") == (ROOT / "README.md").read_text(encoding="utf-8"), \
        "README.md differs from benchmarks/results/*.md: edit the results file, then run python scripts/sync_readme.py"
