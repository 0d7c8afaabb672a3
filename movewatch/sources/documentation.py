"""Which files among the sources are documentation, not articles."""

from pathlib import Path


def is_documentation(path: Path) -> bool:
    """Hidden files and README/licence files are documentation, not articles."""
    name = path.name.lower()
    return name.startswith(".") or name.startswith(("readme", "license", "licence"))
