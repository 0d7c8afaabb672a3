"""Story clustering (articles → stories) and event consolidation (facts → real-world events)."""

from movewatch.stories.clustering import cluster_stories
from movewatch.stories.consolidation import consolidate_events

__all__ = ["cluster_stories", "consolidate_events"]
