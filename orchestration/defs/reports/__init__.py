"""Dagster definitions for the reports stage."""
