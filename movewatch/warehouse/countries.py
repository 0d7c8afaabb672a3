"""ISO 3166 reference rows from pycountry (plus the EU) for `raw.countries`."""

from __future__ import annotations

import polars as pl
import pycountry


def _regions() -> dict[str, str]:
    """Continent by ISO code (pycountry has no regions)."""
    groups = {
        "Africa": (
            "DZ AO BJ BW BF BI CM CV CF TD KM CG CD CI DJ EG GQ ER ET GA GM GH GN GW "
            "KE LS LR LY MG MW ML MR MU YT MA MZ NA NE NG RE RW SH ST SN SC SL SO ZA "
            "SS SD SZ TZ TG TN UG EH ZM ZW"
        ),
        "Americas": (
            "AI AG AR AW BS BB BZ BM BO BQ BR CA KY CL CO CR CU CW DM DO EC SV FK GF "
            "GL GD GP GT GY HT HN JM MQ MX MS NI PA PY PE PR BL KN LC MF PM VC SX SR "
            "TT TC US UY VE VG VI GS UM"
        ),
        "Asia": (
            "AF AM AZ BH BD BT BN KH CN CY GE HK IN ID IR IQ IL JP JO KZ KW KG LA LB "
            "MO MY MV MN MM NP KP OM PK PS PH QA SA SG KR LK SY TW TJ TH TL TR TM AE "
            "UZ VN YE IO"
        ),
        "Europe": (
            "AX AL AD AT BY BE BA BG HR CZ DK EE FO FI FR DE GI GR GG VA HU IS IE IM "
            "IT JE XK LV LI LT LU MT MD MC ME NL MK NO PL PT RO RU SM RS SK SI ES SJ "
            "SE CH UA GB EU"
        ),
        "Oceania": (
            "AS AU CX CC CK FJ PF GU HM KI MH FM NR NC NZ NU NF MP PW PG PN WS SB TK TO TV VU WF"
        ),
        "Antarctica": ("AQ BV TF"),
    }
    return {code: region for region, codes in groups.items() for code in codes.split()}


def country_rows() -> pl.DataFrame:
    """One row per ISO 3166-1 country, plus EU: country_code, alpha3, name, region."""
    regions = _regions()
    rows = [
        {
            "country_code": c.alpha_2,
            "alpha3": c.alpha_3,
            "name": getattr(c, "common_name", None) or c.name,
            "region": regions.get(c.alpha_2),
        }
        for c in pycountry.countries
    ]
    rows.append(
        {"country_code": "EU", "alpha3": None, "name": "European Union", "region": "Europe"}
    )
    return pl.DataFrame(
        rows,
        schema={
            "country_code": pl.String,
            "alpha3": pl.String,
            "name": pl.String,
            "region": pl.String,
        },
    ).sort("country_code")
