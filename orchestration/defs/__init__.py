"""Dagster definitions of movewatch, one folder per stage."""
