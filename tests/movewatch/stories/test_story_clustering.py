"""Tests for movewatch.stories.clustering: articles → stories."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
import pytest
from datasketch import LeanMinHash, MinHash, MinHashLSH
from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from movewatch.normalise.signatures import minhash_signatures
from movewatch.stories import cluster_stories, clustering

INGESTED = datetime(2025, 1, 10, 12, 0, tzinfo=UTC)
DAY0 = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
SEEDS = Path("/work/shared/seeds")

ORIGINAL = (
    "Northwind Instruments said on Tuesday it would move the assembly of its industrial sensors "
    "from its plant near Lyon to a new factory in Monterrey, shifting about 450 jobs over the "
    "next two years. The company blamed rising energy costs and said staff in France would be "
    "offered transfers or severance. Unions called the decision a betrayal of a workforce that "
    "had kept the plant profitable through two downturns, and the regional council said it would "
    "seek talks with management before the end of the month."
)
SYNDICATED = (
    "PARIS (Wire) - " + ORIGINAL + " Northwind shares rose 2 percent in morning trading. "
    "(Reporting by A. Writer; editing by B. Editor)"
)
UNRELATED = (
    "The city library will extend its opening hours during the exam season, the council said, "
    "adding evening sessions on weekdays and a new quiet room on the second floor for students "
    "who need a place to revise away from home. Volunteers will run free tutoring on Saturdays."
)


def minhash_signature(text: str) -> list[int]:
    """Signature as the architecture defines it: datasketch MinHash, 128 perms, seed 1,
    word 5-shingles of the lower-cased text."""
    words = re.findall(r"\w+", text.lower())
    shingles = {" ".join(words[i : i + 5]) for i in range(max(1, len(words) - 4))}
    minhash = MinHash(num_perm=128, seed=1)
    minhash.update_batch([shingle.encode("utf-8") for shingle in shingles])
    return [int(value) for value in minhash.hashvalues]


def random_signature(rng: np.random.Generator) -> list[int]:
    return [int(v) for v in rng.integers(0, 2**32 - 1, size=128, dtype=np.uint64)]


def make_articles(rows: list[dict[str, Any]]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "article_id": [r["article_id"] for r in rows],
            "published_at": [r.get("published_at") for r in rows],
            "ingested_at": [r.get("ingested_at", INGESTED) for r in rows],
            "title": [r.get("title", "") for r in rows],
            "text": [r.get("text", "") for r in rows],
            "duplicate_of": [r.get("duplicate_of") for r in rows],
        },
        schema=clustering.ARTICLE_COLUMNS,
    )


def make_signatures(signatures: dict[str, list[int]]) -> pl.DataFrame:
    return pl.DataFrame(
        {"article_id": list(signatures), "minhash": list(signatures.values())},
        schema={"article_id": pl.String, "minhash": pl.List(pl.UInt64)},
    )


def make_moves(rows: list[dict[str, Any]]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "fact_id": [r.get("fact_id", f"f{i}") for i, r in enumerate(rows)],
            "article_id": [r["article_id"] for r in rows],
            "company_key": [r["company_key"] for r in rows],
            "move_type": [r["move_type"] for r in rows],
            "countries": [r.get("countries", []) for r in rows],
            "to_countries": [r.get("to_countries", []) for r in rows],
        },
        schema={
            "fact_id": pl.String,
            "article_id": pl.String,
            "company_key": pl.String,
            "move_type": pl.String,
            "countries": pl.List(pl.String),
            "to_countries": pl.List(pl.String),
        },
    )


def make_policies(rows: list[dict[str, Any]]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "fact_id": [r.get("fact_id", f"p{i}") for i, r in enumerate(rows)],
            "article_id": [r["article_id"] for r in rows],
            "actor_country": [r.get("actor_country") for r in rows],
            "action_type": [r["action_type"] for r in rows],
            "target_country": [r.get("target_country") for r in rows],
        },
        schema={
            "fact_id": pl.String,
            "article_id": pl.String,
            "actor_country": pl.String,
            "action_type": pl.String,
            "target_country": pl.String,
        },
    )


NO_SIGNATURES = make_signatures({})
NO_MOVES = make_moves([])
NO_POLICIES = make_policies([])


def story_of(result: pl.DataFrame) -> dict[str, str]:
    return dict(zip(result["article_id"], result["story_id"], strict=True))


def test_syndicated_copy_joins_original_and_unrelated_stays_apart() -> None:
    articles = make_articles(
        [
            {"article_id": "a1", "published_at": DAY0, "text": ORIGINAL,
             "title": "Northwind to move sensor assembly to Mexico"},
            {"article_id": "a2", "published_at": DAY0 + timedelta(days=1), "text": SYNDICATED,
             "title": "France's Northwind shifts 450 jobs to Monterrey"},
            {"article_id": "a3", "published_at": DAY0, "text": UNRELATED},
        ]
    )  # fmt: skip
    signatures = make_signatures(
        {
            "a1": minhash_signature(ORIGINAL),
            "a2": minhash_signature(SYNDICATED),
            "a3": minhash_signature(UNRELATED),
        }
    )
    stories = story_of(cluster_stories(articles, signatures, NO_MOVES, NO_POLICIES))
    assert stories["a1"] == stories["a2"] == "s_a1"
    assert stories["a3"] == "s_a3"


def test_short_templated_items_need_matching_titles() -> None:
    body = "Qtly div 12 cts vs 12 cts prior. Pay April 1. Record March 15."
    articles = make_articles(
        [
            {"article_id": "a1", "published_at": DAY0, "text": body,
             "title": "ACME CORP SETS QUARTERLY"},
            {"article_id": "a2", "published_at": DAY0, "text": body,
             "title": "GLOBEX INDUSTRIES SETS QUARTERLY"},
            {"article_id": "a3", "published_at": DAY0, "text": body,
             "title": "ACME CORP SETS QUARTERLY."},
        ]
    )  # fmt: skip
    signatures = make_signatures({a: minhash_signature(body) for a in ("a1", "a2", "a3")})
    stories = story_of(cluster_stories(articles, signatures, NO_MOVES, NO_POLICIES))
    assert stories == {"a1": "s_a1", "a2": "s_a2", "a3": "s_a1"}


def test_near_duplicate_text_far_apart_in_time_stays_apart_unless_undated() -> None:
    # A templated report repeated months later is a new story; an undated copy cannot be
    # placed in time, so its text decides.
    articles = make_articles(
        [
            {"article_id": "a1", "published_at": DAY0},
            {"article_id": "a2", "published_at": DAY0 + timedelta(days=120)},
            {"article_id": "a3", "published_at": None},
        ]
    )
    signatures = make_signatures(
        {
            "a1": minhash_signature(ORIGINAL),
            "a2": minhash_signature(SYNDICATED),
            "a3": minhash_signature(SYNDICATED),
        }
    )
    stories = story_of(cluster_stories(articles, signatures, NO_MOVES, NO_POLICIES))
    # a3 (undated) links to both, which joins all three; without it a1 and a2 stay apart.
    assert stories["a1"] == stories["a2"] == stories["a3"]
    without_undated = story_of(
        cluster_stories(
            articles.filter(pl.col("article_id") != "a3"), signatures, NO_MOVES, NO_POLICIES
        )
    )
    assert without_undated["a1"] != without_undated["a2"]


def test_duplicate_of_joins_the_original_without_signatures() -> None:
    articles = make_articles(
        [
            {"article_id": "b", "published_at": DAY0},
            {"article_id": "a", "published_at": DAY0 + timedelta(days=90), "duplicate_of": "b"},
            {"article_id": "c", "published_at": DAY0},
        ]
    )
    stories = story_of(cluster_stories(articles, NO_SIGNATURES, NO_MOVES, NO_POLICIES))
    assert stories == {"a": "s_a", "b": "s_a", "c": "s_c"}


def test_same_company_unrelated_move_months_apart_stays_apart() -> None:
    articles = make_articles(
        [
            {"article_id": "a1", "published_at": DAY0},
            {"article_id": "a2", "published_at": DAY0 + timedelta(days=3)},
            {"article_id": "a3", "published_at": DAY0 + timedelta(days=150)},
            {"article_id": "a4", "published_at": DAY0 + timedelta(days=152)},
        ]
    )
    moves = make_moves(
        [
            {"article_id": "a1", "company_key": "acme", "move_type": "layoff", "countries": ["US"]},
            {"article_id": "a2", "company_key": "acme", "move_type": "layoff", "countries": []},
            # Same company, same country, same move type, but five months later.
            {"article_id": "a3", "company_key": "acme", "move_type": "layoff", "countries": ["US"]},
            {"article_id": "a4", "company_key": "acme", "move_type": "acquisition"},
        ]
    )
    stories = story_of(cluster_stories(articles, NO_SIGNATURES, moves, NO_POLICIES))
    assert stories["a1"] == stories["a2"]
    assert stories["a3"] != stories["a1"]
    # Same company, two days apart, but another move type and no shared country.
    assert stories["a4"] != stories["a3"]


def test_same_company_other_move_type_links_only_through_a_shared_country() -> None:
    articles = make_articles(
        [
            {"article_id": "a1", "published_at": DAY0},
            {"article_id": "a2", "published_at": DAY0 + timedelta(days=2)},
            {"article_id": "a3", "published_at": DAY0 + timedelta(days=2)},
            {"article_id": "a4", "published_at": DAY0 + timedelta(days=2)},
        ]
    )
    moves = make_moves(
        [
            {
                "article_id": "a1",
                "company_key": "acme",
                "move_type": "facility_closure",
                "countries": ["DE"],
            },
            {"article_id": "a2", "company_key": "acme", "move_type": "layoff", "countries": ["DE"]},
            {"article_id": "a3", "company_key": "acme", "move_type": "hiring", "countries": ["IN"]},
            # Another company with the same type and country is not the same story.
            {
                "article_id": "a4",
                "company_key": "globex",
                "move_type": "facility_closure",
                "countries": ["DE"],
            },
        ]
    )
    stories = story_of(cluster_stories(articles, NO_SIGNATURES, moves, NO_POLICIES))
    assert stories["a1"] == stories["a2"]
    assert stories["a3"] != stories["a1"]
    assert stories["a4"] != stories["a1"]


def test_entity_links_do_not_chain_beyond_the_window() -> None:
    # Reports every 10 days about the same company and move type: with a 14-day window
    # measured from each segment's first article, they form two-article stories, not one chain.
    articles = make_articles(
        [{"article_id": f"a{i}", "published_at": DAY0 + timedelta(days=10 * i)} for i in range(4)]
    )
    moves = make_moves(
        [{"article_id": f"a{i}", "company_key": "acme", "move_type": "layoff"} for i in range(4)]
    )
    stories = story_of(cluster_stories(articles, NO_SIGNATURES, moves, NO_POLICIES))
    assert stories == {"a0": "s_a0", "a1": "s_a0", "a2": "s_a2", "a3": "s_a2"}


def test_policy_links_need_actor_and_target_country() -> None:
    articles = make_articles(
        [{"article_id": f"a{i}", "published_at": DAY0 + timedelta(days=i)} for i in range(4)]
    )
    policies = make_policies(
        [
            {"article_id": "a0", "actor_country": "US", "action_type": "export_control",
             "target_country": "CN"},
            {"article_id": "a1", "actor_country": "US", "action_type": "export_control",
             "target_country": "CN"},
            {"article_id": "a2", "actor_country": "US", "action_type": "regulation"},
            {"article_id": "a3", "actor_country": "US", "action_type": "regulation"},
        ]
    )  # fmt: skip
    stories = story_of(cluster_stories(articles, NO_SIGNATURES, NO_MOVES, policies))
    assert stories["a0"] == stories["a1"]
    assert stories["a2"] != stories["a3"]


def test_undated_articles_link_only_on_company_type_and_country() -> None:
    # All undated, so all dated by the same ingestion: the loose rule would join a1..a3.
    articles = make_articles([{"article_id": f"a{i}"} for i in range(4)])
    moves = make_moves(
        [
            {"article_id": "a0", "company_key": "acme", "move_type": "layoff", "countries": ["US"]},
            {"article_id": "a1", "company_key": "acme", "move_type": "hiring", "countries": ["US"]},
            {"article_id": "a2", "company_key": "acme", "move_type": "layoff", "countries": ["GB"]},
            {"article_id": "a3", "company_key": "acme", "move_type": "layoff",
             "countries": ["GB", "US"]},
        ]
    )  # fmt: skip
    stories = story_of(cluster_stories(articles, NO_SIGNATURES, moves, NO_POLICIES))
    assert stories == {"a0": "s_a0", "a1": "s_a1", "a2": "s_a0", "a3": "s_a0"}
    dated = articles.with_columns(pl.lit(DAY0).alias("published_at"))
    dated_stories = story_of(cluster_stories(dated, NO_SIGNATURES, moves, NO_POLICIES))
    assert set(dated_stories.values()) == {"s_a0"}


def seed_shaped_inputs() -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """Two undated rewrites ingested together, both: Microsoft relocation CN → US, IE, AU, NZ."""
    articles = make_articles([{"article_id": "seed0"}, {"article_id": "seed1"}])
    moves = make_moves(
        [
            {
                "article_id": article_id,
                "company_key": "microsoft",
                "move_type": "relocation",
                "countries": ["CN"],
                "to_countries": ["US", "IE", "AU", "NZ"],
            }
            for article_id in ("seed0", "seed1")
        ]
    )
    policies = make_policies(
        [
            {"article_id": a, "actor_country": "US", "action_type": "export_control",
             "target_country": t}
            for a in ("seed0", "seed1")
            for t in ("CN", None)
        ]
    )  # fmt: skip
    return articles, moves, policies


def test_seed_shaped_rewrites_form_one_story() -> None:
    articles, moves, policies = seed_shaped_inputs()
    rng = np.random.default_rng(7)
    signatures = make_signatures({"seed0": random_signature(rng), "seed1": random_signature(rng)})
    stories = story_of(cluster_stories(articles, signatures, moves, policies))
    assert stories == {"seed0": "s_seed0", "seed1": "s_seed0"}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seed articles not available")
def test_real_seed_texts_are_not_near_duplicates_but_one_story() -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    assert len(texts) == 2
    articles, moves, policies = seed_shaped_inputs()
    signatures = make_signatures(
        {"seed0": minhash_signature(texts[0]), "seed1": minhash_signature(texts[1])}
    )
    by_text_only = story_of(cluster_stories(articles, signatures, NO_MOVES, NO_POLICIES))
    assert by_text_only["seed0"] != by_text_only["seed1"]
    stories = story_of(cluster_stories(articles, signatures, moves, policies))
    assert stories["seed0"] == stories["seed1"]


def test_every_article_once_and_deterministic_under_shuffling() -> None:
    rng = np.random.default_rng(3)
    n = 60
    articles = make_articles(
        [
            {
                "article_id": f"id{i:03d}",
                "published_at": None if i % 7 == 0 else DAY0 + timedelta(days=int(i // 3)),
                "duplicate_of": f"id{i - 1:03d}" if i % 11 == 5 else None,
            }
            for i in range(n)
        ]
    )
    signatures = make_signatures(
        {
            f"id{i:03d}": minhash_signature(ORIGINAL if i % 10 == 0 else f"{UNRELATED} {i}")
            if i % 5 == 0
            else random_signature(rng)
            for i in range(n)
        }
    )
    moves = make_moves(
        [
            {
                "article_id": f"id{i:03d}",
                "company_key": ["acme", "globex", "initech"][i % 3],
                "move_type": ["layoff", "hiring"][i % 2],
                "countries": [["US"], ["DE"], []][i % 3],
            }
            for i in range(0, n, 2)
        ]
    )
    expected = cluster_stories(articles, signatures, moves, NO_POLICIES)
    assert expected.columns == ["article_id", "story_id"]
    assert sorted(expected["article_id"]) == sorted(articles["article_id"])
    assert expected["story_id"].n_unique() < n  # some links were made
    # story_id names the smallest member.
    smallest = expected.group_by("story_id").agg(pl.col("article_id").min())
    assert all(
        story == "s_" + first for story, first in smallest.select("story_id", "article_id").rows()
    )
    for seed in range(3):
        shuffled = cluster_stories(
            articles.sample(fraction=1.0, shuffle=True, seed=seed),
            signatures.sample(fraction=1.0, shuffle=True, seed=seed),
            moves.sample(fraction=1.0, shuffle=True, seed=seed),
            NO_POLICIES,
        )
        assert story_of(shuffled) == story_of(expected)


def test_empty_input_gives_empty_frame() -> None:
    result = cluster_stories(make_articles([]), NO_SIGNATURES, NO_MOVES, NO_POLICIES)
    assert result.height == 0
    assert result.columns == ["article_id", "story_id"]


# --- Scale: which near-duplicate pairs are compared (see the clustering module docstring) ---

NOTICE = (
    "Acme Industrial Holdings said on Tuesday its board declared a regular quarterly dividend "
    "of 12 cts per share, payable April 1 to shareholders of record on March 15. Notice {i}."
)


def batch_signatures(articles: pl.DataFrame) -> pl.DataFrame:
    """Signatures as the ingest stores them (movewatch.normalise, equal to datasketch's)."""
    return articles.select("article_id", minhash_signatures(articles["text"]))


@pytest.fixture
def compared_pairs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Sizes of the batches of article pairs whose texts cluster_stories compares."""
    batches: list[int] = []
    verify = clustering._verify_pairs

    def counting(inputs: Any, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        batches.append(len(a))
        return verify(inputs, a, b)

    monkeypatch.setattr(clustering, "_verify_pairs", counting)
    return batches


@pytest.mark.parametrize(
    ("template", "title"),
    [
        (ORIGINAL + " Reference number {i}.", "Northwind to move sensor assembly to Mexico"),
        # Short texts: the titles are compared too.
        (NOTICE, "Acme Industrial Holdings sets quarterly dividend"),
    ],
)
def test_thousands_of_near_identical_articles_are_one_story_at_linear_cost(
    compared_pairs: list[int], template: str, title: str
) -> None:
    n = 3_000
    articles = make_articles(
        [
            {
                "article_id": f"n{i:05d}",
                "published_at": DAY0 + timedelta(hours=(i * 7919) % 72),
                "title": title,
                "text": template.format(i=i),
            }
            for i in range(n)
        ]
    )
    stories = cluster_stories(articles, batch_signatures(articles), NO_MOVES, NO_POLICIES)
    assert set(stories["story_id"]) == {"s_n00000"}
    # All candidate pairs would be n * (n - 1) / 2 = 4.5 million; each copy needs about one.
    assert sum(compared_pairs) <= 5 * n
    assert max(compared_pairs) <= clustering.MAX_PAIR_BATCH


def test_mass_produced_items_that_never_match_cost_a_bounded_number_of_comparisons(
    compared_pairs: list[int],
) -> None:
    # One short template, every title different: all are LSH candidates, none links.
    n = 2_000
    rng = np.random.default_rng(11)
    letters = list("abcdefghijklmnopqrstuvwxyz")
    articles = make_articles(
        [
            {
                "article_id": f"n{i:05d}",
                "published_at": DAY0,
                "title": " ".join("".join(rng.choice(letters, size=8)) for _ in range(3)),
                "text": NOTICE.format(i=i),
            }
            for i in range(n)
        ]
    )
    stories = cluster_stories(articles, batch_signatures(articles), NO_MOVES, NO_POLICIES)
    assert stories["story_id"].n_unique() == n
    assert sum(compared_pairs) <= clustering.LSH_NEIGHBOURS * n < n * (n - 1) // 2
    assert max(compared_pairs) <= clustering.MAX_PAIR_BATCH


def test_an_article_is_compared_with_at_most_lsh_neighbours_earlier_candidates() -> None:
    # One bucket (identical short texts, one date): a3 matches only a0, three places before it.
    body = "Qtly div 12 cts vs 12 cts prior. Pay April 1. Record March 15."
    titles = ["ACME CORP SETS QUARTERLY", "GLOBEX SETS PAYOUT", "INITECH DECLARES DIVIDEND"]
    articles = make_articles(
        [
            {"article_id": f"a{i}", "published_at": DAY0, "text": body, "title": title}
            for i, title in enumerate([*titles, "ACME CORP SETS QUARTERLY."])
        ]
    )
    signatures = make_signatures({f"a{i}": minhash_signature(body) for i in range(4)})
    everyone = story_of(cluster_stories(articles, signatures, NO_MOVES, NO_POLICIES))
    assert everyone == {"a0": "s_a0", "a1": "s_a1", "a2": "s_a2", "a3": "s_a0"}
    # With 3 earlier candidates, lsh_neighbours=3 still compares all pairs; 2 does not.
    assert (
        story_of(cluster_stories(articles, signatures, NO_MOVES, NO_POLICIES, lsh_neighbours=3))
        == everyone
    )
    nearest_two = story_of(
        cluster_stories(articles, signatures, NO_MOVES, NO_POLICIES, lsh_neighbours=2)
    )
    assert nearest_two == {"a0": "s_a0", "a1": "s_a1", "a2": "s_a2", "a3": "s_a3"}
    # Matching copies chain through their neighbours whatever the limit.
    same_title = articles.with_columns(pl.lit("ACME CORP SETS QUARTERLY").alias("title"))
    chained = cluster_stories(same_title, signatures, NO_MOVES, NO_POLICIES, lsh_neighbours=1)
    assert set(chained["story_id"]) == {"s_a0"}


def all_pairs_stories(
    articles: pl.DataFrame, signatures: pl.DataFrame
) -> tuple[dict[str, str], int, int, int]:
    """Reference: compare every datasketch LSH candidate pair (the rules of the module doc,
    default parameters). Returns (stories, max earlier candidates, linked, rejected pairs)."""
    rows = {row["article_id"]: row for row in articles.iter_rows(named=True)}
    day = {a: (r["published_at"] or r["ingested_at"]).timestamp() / 86_400 for a, r in rows.items()}
    words = {a: len(re.findall(r"\w+", r["text"] or "")) for a, r in rows.items()}
    titles = {a: default_process(r["title"] or "") for a, r in rows.items()}
    sigs = {a: np.array(s, dtype=np.uint64) for a, s in signatures.iter_rows()}
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    for a, sig in sigs.items():
        lsh.insert(a, LeanMinHash(seed=1, hashvalues=sig, scheme="affine32"))
    parent = {a: a for a in rows}

    def find(a: str) -> str:
        while parent[a] != a:
            a = parent[a]
        return a

    def union(a: str, b: str) -> None:
        ra, rb = sorted((find(a), find(b)))
        parent[rb] = ra

    linked = rejected = max_earlier = 0
    for a, sig in sigs.items():
        candidates = [
            b for b in lsh.query(LeanMinHash(seed=1, hashvalues=sig, scheme="affine32")) if b != a
        ]
        max_earlier = max(max_earlier, sum((day[b], b) < (day[a], a) for b in candidates))
        for b in candidates:
            if b < a:
                continue
            both_dated = rows[a]["published_at"] and rows[b]["published_at"]
            ok = (
                (sig == sigs[b]).mean() >= 0.5
                and (not both_dated or abs(day[a] - day[b]) <= 14)
                and (min(words[a], words[b]) >= 60 or fuzz.ratio(titles[a], titles[b]) >= 90)
            )
            if ok:
                linked += 1
                union(a, b)
            else:
                rejected += 1
    for a, r in rows.items():
        if r["duplicate_of"] in rows:
            union(a, r["duplicate_of"])
    return {a: "s_" + find(a) for a in rows}, max_earlier, linked, rejected


def test_same_stories_as_comparing_all_candidate_pairs() -> None:
    rng = np.random.default_rng(5)
    vocabulary = [f"w{k}" for k in range(400)]
    bases = [
        ORIGINAL,
        UNRELATED,
        NOTICE.format(i=0),
        " ".join(rng.choice(vocabulary, size=120)),
        " ".join(rng.choice(vocabulary, size=25)),
    ]
    rows: list[dict[str, Any]] = []
    for base_number, base in enumerate(bases):
        for copy in range(int(rng.integers(30, 60))):
            words = base.split()
            for _ in range(int(rng.integers(0, 12))):
                words[int(rng.integers(len(words)))] = str(rng.choice(vocabulary))
            article_id = f"b{base_number}c{copy:02d}"
            rows.append(
                {
                    "article_id": article_id,
                    "published_at": None
                    if rng.random() < 0.15
                    else DAY0 + timedelta(days=float(rng.uniform(0, 40))),
                    "title": ["Acme sets dividend", "Acme sets dividend.", "Globex payout"][
                        int(rng.integers(3))
                    ],
                    "text": " ".join(words),
                    "duplicate_of": rows[int(rng.integers(len(rows)))]["article_id"]
                    if rows and rng.random() < 0.03
                    else None,
                }
            )
    articles = make_articles(rows)
    signatures = batch_signatures(articles)
    expected, max_earlier, linked, rejected = all_pairs_stories(articles, signatures)
    assert linked > 100 and rejected > 100  # the input exercises both outcomes
    assert max_earlier < clustering.LSH_NEIGHBOURS
    assert story_of(cluster_stories(articles, signatures, NO_MOVES, NO_POLICIES)) == expected
    # The limit is exact as soon as it covers every article's earlier candidates.
    tight = cluster_stories(articles, signatures, NO_MOVES, NO_POLICIES, lsh_neighbours=max_earlier)
    assert story_of(tight) == expected
