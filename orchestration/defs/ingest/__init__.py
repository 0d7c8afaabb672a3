"""Dagster definitions for the ingest stage."""
