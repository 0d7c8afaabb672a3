"""Dagster definitions for the dbt stage."""
