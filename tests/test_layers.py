"""The import rule that keeps nlpkit layered, checked on the source of every module.

    errors, _io, runs, progress, base  ->  corpus  ->  topics, vectors  ->  sentiment  ->  flip  ->  cli

A module may import its own package and any lower layer, never a higher one or a sibling
of its own layer; only ``nlpkit.cli`` may import typer or rich; ``import nlpkit`` stays
light (no torch, gensim or spaCy until a name that needs them is used).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "nlpkit"
LAYERS = {
    "nlpkit": 0, "errors": 0, "_io": 0, "_torch": 0, "runs": 0, "progress": 0, "base": 0, "data": 0,
    "corpus": 1,
    "topics": 2, "vectors": 2,
    "sentiment": 3,
    "flip": 4,
    "cli": 5, "__main__": 6,
}
CLI_ONLY = {"typer", "rich", "click"}
HEAVY = ("torch", "gensim", "spacy")


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _component(module: str) -> str:
    """``nlpkit.corpus.readers`` -> ``corpus``; ``nlpkit`` -> ``nlpkit``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "nlpkit"


def _imports(path: Path) -> list[tuple[str, int]]:
    """Absolute names of everything the module imports (also inside functions), with line numbers."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            if node.level and not node.module:  # from . import x, y: each name may be a module
                found += [(f"{module}.{alias.name}", node.lineno) for alias in node.names]
            else:
                found.append((module, node.lineno))
    return found


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE.parent)))
def test_layers_every_module_has_a_layer(path):
    assert _component(_module_name(path)) in LAYERS, "add the new package to LAYERS in tests/test_layers.py"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE.parent)))
def test_layers_imports_point_down(path):
    own = _component(_module_name(path))
    level = LAYERS.get(own, 0)
    wrong = []
    for module, line in _imports(path):
        if module.split(".")[0] != "nlpkit":
            continue
        other = _component(module)
        other_level = LAYERS.get(other, 0)
        upward = other_level > level
        sideways = other_level == level and other != own and level > 0
        if upward or sideways:
            wrong.append(f"line {line}: {own} (layer {level}) imports {module} (layer {other_level})")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE.parent)))
def test_layers_only_the_cli_imports_typer_or_rich(path):
    if _component(_module_name(path)) in ("cli", "__main__"):
        return
    used = sorted({m for m, _ in _imports(path) if m.split(".")[0] in CLI_ONLY})
    assert not used, f"{path.name} imports {used}: rendering belongs in nlpkit/cli"


def _loaded_after(statement: str) -> list[str]:
    code = f"import sys; {statement}; print(' '.join(sorted(m for m in {HEAVY!r} if m in sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.split()


@pytest.mark.parametrize("statement", [
    "import nlpkit",
    "from nlpkit import read_corpus, Pipeline, Corpus, Document",
    "import nlpkit.cli",
])
def test_layers_importing_nlpkit_stays_light(statement):
    assert _loaded_after(statement) == []


def test_layers_reading_a_corpus_with_the_default_pipeline_needs_no_heavy_library(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("one document\n")
    statement = (f"import os; os.environ['NLPKIT_CACHE_DIR'] = {str(tmp_path / 'cache')!r}; "
                 f"import nlpkit; list(nlpkit.read_corpus({str(path)!r}))")
    assert _loaded_after(statement) == []


def test_layers_the_rule_catches_an_upward_import(tmp_path, monkeypatch):
    bad = tmp_path / "nlpkit" / "corpus" / "bad.py"
    bad.parent.mkdir(parents=True)
    bad.write_text("from ..sentiment import SentimentCNN\nimport typer\n")
    monkeypatch.setitem(globals(), "PACKAGE", tmp_path / "nlpkit")  # names resolve relative to PACKAGE
    imports = dict(_imports(bad))
    assert "nlpkit.sentiment" in imports and "typer" in imports
    with pytest.raises(AssertionError, match="corpus .layer 1. imports nlpkit.sentiment"):
        test_layers_imports_point_down(bad)
    with pytest.raises(AssertionError, match="imports .'typer'."):
        test_layers_only_the_cli_imports_typer_or_rich(bad)
