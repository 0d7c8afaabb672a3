"""Code versions of the pipeline's stages: a digest of the domain code each stage runs.

Dagster shows an asset whose code version changed since its last materialization as stale;
these digests change exactly when the stage's code does.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

PACKAGE_ROOT = Path(__file__).parent


@cache
def package_digest(*packages: str) -> str:
    """A short digest of the Python source (and shipped model weights) of the named subpackages
    (or modules) of movewatch."""
    digest = hashlib.sha256()
    for package in packages:
        path = PACKAGE_ROOT / package
        files = sorted([*path.rglob("*.py"), *path.rglob("*.npz")]) if path.is_dir() else [
            path.with_suffix(".py")]
        for file in files:
            digest.update(file.relative_to(PACKAGE_ROOT).as_posix().encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]
