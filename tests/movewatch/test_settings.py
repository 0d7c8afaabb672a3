"""Where the warehouse, its snapshot and its briefs live."""

from pathlib import Path

import pytest

from movewatch import settings


def test_briefs_go_beside_the_configured_warehouse(monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    monkeypatch.delenv("MOVEWATCH_REPORTS", raising=False)
    monkeypatch.setenv("MOVEWATCH_DB", str(tmp_path / "elsewhere" / "w.duckdb"))
    assert settings.reports_path() == tmp_path / "elsewhere" / "reports"
    monkeypatch.setenv("MOVEWATCH_REPORTS", str(tmp_path / "briefs"))
    assert settings.reports_path() == tmp_path / "briefs"


def test_the_default_warehouse_keeps_its_briefs_in_data_reports(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MOVEWATCH_REPORTS", raising=False)
    monkeypatch.delenv("MOVEWATCH_DB", raising=False)
    assert settings.reports_path() == settings.PROJECT_ROOT / "data" / "reports"
