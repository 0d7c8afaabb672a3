"""Fixtures of the extraction tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from movewatch.extraction.learned.fact_model import RULES_ONLY_ENV, shipped_models


@pytest.fixture
def rules_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Extract with the rules alone: for tests of the rules themselves."""
    monkeypatch.setenv(RULES_ONLY_ENV, "1")
    shipped_models.cache_clear()
    yield
    monkeypatch.delenv(RULES_ONLY_ENV)
    shipped_models.cache_clear()
