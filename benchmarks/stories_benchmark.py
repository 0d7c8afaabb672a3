"""Speed and memory of story clustering and event consolidation; prints one JSON line per case.

    uv run python benchmarks/stories_benchmark.py                         # both cases
    uv run python benchmarks/stories_benchmark.py --case near_duplicates [--articles 10000]
    uv run python benchmarks/stories_benchmark.py --case distinct [--articles 20000]

Cases (synthetic inputs with the columns stages.build_stories reads from the warehouse:
articles, MinHash signatures from movewatch.normalise, empty fact frames of the stage schemas):
- near_duplicates: 10,000 short near-identical items (one dividend notice, one number
  differs, the same title), all within a few days: every LSH bucket holds almost all of them.
  Expected: one story.
- distinct: 20,000 articles of random words: (almost) no candidate pairs.
- templated: 10,000 copies of the same short notice whose titles all differ, so no pair links:
  the worst case for the comparisons (each article is compared with at most
  clustering.LSH_NEIGHBOURS earlier candidates). Expected: one story per article.
Targets: peak RSS < 2 GB per case. Each case runs in a fresh process, which reports its own
peak RSS (ru_maxrss), so the figures are that case's own.
"""

import argparse
import json
import resource
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

import numpy as np
import polars as pl

DEFAULT_ARTICLES = {"near_duplicates": 10_000, "distinct": 20_000, "templated": 10_000}
TARGET_PEAK_RSS_MB = 2048
INGESTED = datetime(2025, 1, 10, 12, 0, tzinfo=UTC)
DAY0 = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
NOTICE = (
    "Acme Industrial Holdings said on {day} its board declared a regular quarterly dividend "
    "of 12 cts per share, payable April 1 to shareholders of record on March 15. Notice {i}."
)


def _peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _articles(
    ids: list[str], titles: list[str], texts: list[str], published: list[datetime]
) -> pl.DataFrame:
    """raw.articles as build_stories selects it."""
    from movewatch.stories.clustering import ARTICLE_COLUMNS

    return pl.DataFrame(
        {
            "article_id": ids,
            "published_at": published,
            "ingested_at": [INGESTED] * len(ids),
            "title": titles,
            "text": texts,
            "duplicate_of": [None] * len(ids),
        },
        schema=ARTICLE_COLUMNS,
    )


def near_duplicate_articles(n: int, rng: np.random.Generator) -> pl.DataFrame:
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    offsets = rng.integers(0, 4 * 24, size=n)
    return _articles(
        [f"nd{i:06d}" for i in range(n)],
        ["Acme Industrial Holdings sets quarterly dividend"] * n,
        [NOTICE.format(day=days[i % len(days)], i=i) for i in range(n)],
        [DAY0 + timedelta(hours=int(h)) for h in offsets],
    )


def distinct_articles(n: int, rng: np.random.Generator) -> pl.DataFrame:
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    vocabulary = np.array(
        ["".join(rng.choice(letters, size=int(k))) for k in rng.integers(3, 10, size=5_000)]
    )
    lengths = rng.integers(60, 400, size=n)
    words = vocabulary[rng.integers(0, len(vocabulary), size=int(lengths.sum()))]
    bounds = np.r_[0, np.cumsum(lengths)]
    texts = [" ".join(words[bounds[i] : bounds[i + 1]]) for i in range(n)]
    offsets = rng.integers(0, 365 * 24, size=n)
    return _articles(
        [f"dx{i:06d}" for i in range(n)],
        [" ".join(words[bounds[i] : bounds[i] + 6]).capitalize() for i in range(n)],
        texts,
        [DAY0 + timedelta(hours=int(h)) for h in offsets],
    )


def templated_articles(n: int, rng: np.random.Generator) -> pl.DataFrame:
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    titles = [
        " ".join("".join(rng.choice(letters, size=8)) for _ in range(3)) + " sets dividend"
        for _ in range(n)
    ]
    return near_duplicate_articles(n, rng).with_columns(pl.Series("title", titles))


CASES = {
    "near_duplicates": near_duplicate_articles,
    "distinct": distinct_articles,
    "templated": templated_articles,
}


def run_case(case: str, n: int, seed: int) -> dict:
    """Build the case's inputs, then cluster stories and consolidate events as the stage does."""
    from movewatch.normalise.signatures import minhash_signatures
    from movewatch.stages import MOVE_SCHEMA, POLICY_SCHEMA
    from movewatch.stories import cluster_stories, consolidate_events

    started = time.perf_counter()
    articles = CASES[case](n, np.random.default_rng(seed))
    signatures = articles.select("article_id", minhash_signatures(articles["text"]))
    moves = pl.DataFrame(schema=MOVE_SCHEMA)
    policies = pl.DataFrame(schema=POLICY_SCHEMA)
    input_seconds = time.perf_counter() - started
    input_rss = _peak_rss_mb()

    started = time.perf_counter()
    stories = cluster_stories(articles, signatures, moves, policies)
    cluster_seconds = time.perf_counter() - started
    started = time.perf_counter()
    events = consolidate_events(moves, policies, articles, stories)
    consolidate_seconds = time.perf_counter() - started
    peak = _peak_rss_mb()
    return {
        "case": case,
        "articles": articles.height,
        "stories": stories["story_id"].n_unique(),
        "largest_story": stories["story_id"].value_counts()["count"].max(),
        "events": events.height,
        "input_seconds": round(input_seconds, 3),
        "cluster_seconds": round(cluster_seconds, 3),
        "consolidate_seconds": round(consolidate_seconds, 3),
        "seconds": round(cluster_seconds + consolidate_seconds, 3),
        "input_peak_rss_mb": input_rss,
        "peak_rss_mb": peak,
        "target_peak_rss_mb": TARGET_PEAK_RSS_MB,
        "within_target": peak < TARGET_PEAK_RSS_MB,
    }


def main() -> None:
    """Run one case here, or every case in a fresh process each."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--case", choices=[*CASES, "all"], default="all")
    parser.add_argument("--articles", type=int, help="articles per case (default: per case)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if args.case != "all":
        n = args.articles or DEFAULT_ARTICLES[args.case]
        print(json.dumps(run_case(args.case, n, args.seed)), flush=True)
        return
    for case in CASES:
        command = [sys.executable, __file__, "--case", case, "--seed", str(args.seed)]
        if args.articles:
            command += ["--articles", str(args.articles)]
        subprocess.run(command, check=True)


if __name__ == "__main__":
    main()
