"""Copy each capability's section (usage + latest benchmark table) into README.md.

Each benchmark writes, or its author pastes, ``benchmarks/results/<name>.md``; README.md holds
``<!-- section:<name> -->`` ... ``<!-- /section:<name> -->`` markers, and this script
replaces what stands between them. Run it after a benchmark: python scripts/sync_readme.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SECTION = re.compile(r"(<!-- section:(?P<name>[\w-]+) -->\n)(.*?)(<!-- /section:(?P=name) -->)", re.S)


def sync(readme: Path = ROOT / "README.md", results: Path = ROOT / "benchmarks" / "results") -> list[str]:
    text = readme.read_text(encoding="utf-8")
    missing: list[str] = []

    def replace(match: re.Match) -> str:
        source = results / f"{match['name']}.md"
        if not source.exists():
            missing.append(match["name"])
            return match.group(0)
        body = source.read_text(encoding="utf-8").strip()
        body = re.sub(r"^(#{2,}) ", lambda m: "#" + m.group(1) + " ", body, flags=re.M)  # nest under README's ##
        body = re.sub(r"^### ", "## ", body, count=1, flags=re.M)
        return f"{match.group(1)}{body}\n{match.group(4)}"

    readme.write_text(SECTION.sub(replace, text), encoding="utf-8")
    return missing


if __name__ == "__main__":
    absent = sync()
    if absent:
        print(f"no results file for: {', '.join(absent)}", file=sys.stderr)
