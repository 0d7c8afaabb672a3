"""Size guard: no class in ``movewatch/extraction`` grows over 300 lines.

The sentence rules are split by role (see ``movewatch.extraction.rules``); a class that
outgrows this limit should be split the same way rather than the limit raised.
"""

import ast
from pathlib import Path

import movewatch.extraction

MAX_CLASS_LINES = 300
PACKAGE = Path(movewatch.extraction.__file__).parent


def _class_sizes() -> list[tuple[str, int]]:
    sizes = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                name = f"{path.relative_to(PACKAGE)}:{node.name}"
                sizes.append((name, node.end_lineno - node.lineno + 1))
    return sizes


def test_no_class_in_extraction_is_over_300_lines() -> None:
    sizes = _class_sizes()
    assert any(name.endswith(":SentenceRules") for name, _ in sizes)  # the walk found the rules
    too_big = [(name, n) for name, n in sizes if n > MAX_CLASS_LINES]
    assert not too_big, f"classes over {MAX_CLASS_LINES} lines: {too_big}"
