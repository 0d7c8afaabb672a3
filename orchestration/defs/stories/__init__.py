"""Dagster definitions for the stories stage."""
