"""Date parsing to UTC."""

from datetime import UTC, datetime

import polars as pl
import pytest

from movewatch.normalise.dates import parse_published


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("26-FEB-1987 15:01:01.79", datetime(1987, 2, 26, 15, 1, 1, 790000, tzinfo=UTC)),
        (
            "27-MAR-1987 00:02:59.13&#5;&#5;&#5;RM",
            datetime(1987, 3, 27, 0, 2, 59, 130000, tzinfo=UTC),
        ),
        ("Mon, 06 Sep 2021 16:45:00 +0000", datetime(2021, 9, 6, 16, 45, tzinfo=UTC)),
        ("Tue, 10 Jun 2003 04:00:00 GMT", datetime(2003, 6, 10, 4, tzinfo=UTC)),
        ("Tue, 10 Jun 2003 04:00:00 EST", datetime(2003, 6, 10, 9, tzinfo=UTC)),
        ("2021-07-20T10:00:00+02:00", datetime(2021, 7, 20, 8, tzinfo=UTC)),
        ("2021-07-20T10:00:00Z", datetime(2021, 7, 20, 10, tzinfo=UTC)),
        ("2021-07-20T10:00:00.5", datetime(2021, 7, 20, 10, 0, 0, 500000, tzinfo=UTC)),
        ("2021-07-20", datetime(2021, 7, 20, tzinfo=UTC)),
        ("July 20, 2021", datetime(2021, 7, 20, tzinfo=UTC)),
        ("20 July 2021", datetime(2021, 7, 20, tzinfo=UTC)),
        ("  Sept 3, 2004 ", datetime(2004, 9, 3, tzinfo=UTC)),
    ],
)
def test_formats_parse_to_utc(raw, expected):
    assert parse_published(pl.Series([raw])).item() == expected


@pytest.mark.parametrize("raw", ["not a date", "", "0001-01-01", "31-FOO-1987 10:00:00", None])
def test_unparseable_dates_are_null(raw):
    assert parse_published(pl.Series([raw], dtype=pl.String)).item() is None


def test_result_keeps_row_order_and_utc_type():
    parsed = parse_published(pl.Series(["2021-07-20", None, "2020-01-01", "2021-07-20"]))
    assert parsed.dtype == pl.Datetime("us", "UTC")
    assert [p.year if p else None for p in parsed] == [2021, None, 2020, 2021]
