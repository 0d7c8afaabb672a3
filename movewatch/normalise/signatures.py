"""MinHash signatures of article texts, computed for a whole batch at once.

The signature of a text equals what datasketch gives for

    m = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=shingle_hash)   # scheme "affine32"
    m.update_batch(shingles(text))

where shingles are word 5-shingles of the lower-cased normalised text (a text of fewer than
five words is one shingle). shingle_hash is built from a stable per-word hash (blake2b) so the
batch computation can hash each distinct word once and combine word hashes with numpy, instead
of hashing every shingle string in Python; tests check the equality with datasketch.
Signatures are stored as lists of u64 (raw.article_signatures.minhash, values < 2^32).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import cache

import numpy as np
import polars as pl
from datasketch import LeanMinHash, MinHash
from datasketch.minhash import _fmix  # the scheme's own pre-mix, so signatures match exactly

NUM_PERM = 128
SEED = 1
SCHEME = "affine32"
SHINGLE_WORDS = 5
WORD_PATTERN = r"\w+"

_MASK64 = (1 << 64) - 1
_MIX = 0x9E3779B97F4A7C15  # odd 64-bit multiplier that combines word hashes in order
_MIX_U64 = np.uint64(_MIX)
_EMPTY = np.uint32(0xFFFFFFFF)
_CHUNK_SHINGLES = 16384


def word_hash(word: bytes) -> int:
    """Stable 64-bit hash of one word."""
    return int.from_bytes(hashlib.blake2b(word, digest_size=8).digest(), "little")


def shingle_hash(shingle: bytes) -> int:
    """32-bit hash of a shingle (words joined by single spaces): a datasketch hashfunc."""
    combined = 0
    for word in shingle.split(b" "):
        combined = (combined * _MIX + word_hash(word)) & _MASK64
    return ((combined >> 32) ^ combined) & 0xFFFFFFFF


def shingles(text: str) -> list[bytes]:
    """Word 5-shingles of a normalised text, lower-cased, as bytes (the reference definition)."""
    import re

    words = re.findall(WORD_PATTERN, text.lower())
    if not words:
        return []
    if len(words) < SHINGLE_WORDS:
        return [" ".join(words).encode("utf-8")]
    return [
        " ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8")
        for i in range(len(words) - SHINGLE_WORDS + 1)
    ]


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    a, b = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations
    return a.astype(np.uint32), b.astype(np.uint32)


def reference_signature(text: str) -> np.ndarray:
    """The signature via datasketch itself (slow; the definition the batch path must match)."""
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=shingle_hash, scheme=SCHEME)
    minhash.update_batch(shingles(text))
    return minhash.hashvalues.astype(np.uint64)


def _word_hashes(texts: pl.Series) -> tuple[np.ndarray, np.ndarray]:
    """(words per text, 64-bit hash of every word of every text in reading order).

    Each distinct word is hashed once in Python; polars' categorical codes group the words.
    """
    word_lists = texts.fill_null("").str.to_lowercase().str.extract_all(WORD_PATTERN)
    counts = word_lists.list.len().to_numpy().astype(np.int64)
    words = word_lists.explode().drop_nulls()
    if words.is_empty():
        return counts, np.zeros(0, dtype=np.uint64)
    codes = words.cast(pl.Categorical).to_physical()
    representatives = (
        pl.DataFrame({"code": codes, "word": words}).group_by("code").agg(pl.col("word").first())
    )
    table = np.zeros(int(codes.max()) + 1, dtype=np.uint64)
    table[representatives["code"].to_numpy()] = np.fromiter(
        (word_hash(word.encode("utf-8")) for word in representatives["word"]),
        dtype=np.uint64,
        count=representatives.height,
    )
    return counts, table[codes.to_numpy()]


def _combine(word_hashes: np.ndarray, width: int) -> np.ndarray:
    """Hash of each run of `width` consecutive words (uint64, wrapping), as shingle_hash does."""
    combined = word_hashes.copy()
    for k in range(1, width):
        combined = combined[:-1] * _MIX_U64 + word_hashes[k:]
    return combined


def _fold32(combined: np.ndarray) -> np.ndarray:
    return ((combined >> np.uint64(32)) ^ combined).astype(np.uint32)


def _min_permuted(shingle_hashes: np.ndarray, group_starts: np.ndarray) -> np.ndarray:
    """Per group of consecutive shingles: the minimum of every permutation (groups × NUM_PERM)."""
    a, b = _permutations()
    mixed = _fmix(shingle_hashes, 32)
    # Permutations × shingles, so each row's reduction runs over contiguous memory.
    permuted = a[:, None] * mixed[None, :]
    permuted += b[:, None]
    return np.minimum.reduceat(permuted, group_starts, axis=1).T


def minhash_signatures(texts: pl.Series) -> pl.Series:
    """MinHash signature (List[UInt64], NUM_PERM values) of each text; see the module doc."""
    n_docs = len(texts)
    signatures = np.full((n_docs, NUM_PERM), _EMPTY, dtype=np.uint32)
    if n_docs:
        counts, word_hashes = _word_hashes(texts)
        docs = np.repeat(np.arange(n_docs), counts)
        starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
        # Documents of at least SHINGLE_WORDS words: all their 5-word windows.
        long_docs = np.flatnonzero(counts >= SHINGLE_WORDS)
        if long_docs.size:
            windows = _fold32(_combine(word_hashes, SHINGLE_WORDS))
            in_one_doc = docs[: len(windows)] == docs[SHINGLE_WORDS - 1 :]
            window_hashes = windows[in_one_doc]
            window_counts = counts[long_docs] - (SHINGLE_WORDS - 1)
            _fill_signatures(signatures, long_docs, window_hashes, window_counts)
        # Shorter documents: one shingle of all their words.
        for width in range(1, SHINGLE_WORDS):
            short_docs = np.flatnonzero(counts == width)
            if short_docs.size:
                first_words = starts[short_docs]
                combined = word_hashes[first_words]
                for k in range(1, width):
                    combined = combined * _MIX_U64 + word_hashes[first_words + k]
                whole = _fold32(combined)
                signatures[short_docs] = _min_permuted(whole, np.arange(short_docs.size))
    return pl.Series(
        "minhash", signatures.astype(np.uint64), dtype=pl.Array(pl.UInt64, NUM_PERM)
    ).cast(pl.List(pl.UInt64))


def _fill_signatures(
    signatures: np.ndarray,
    doc_rows: np.ndarray,
    shingle_hashes: np.ndarray,
    shingle_counts: np.ndarray,
) -> None:
    """Signatures of docs whose shingles lie consecutively in shingle_hashes, chunk by chunk."""
    offsets = np.concatenate(([0], np.cumsum(shingle_counts)))
    first = 0
    while first < doc_rows.size:
        # Whole documents per chunk, about _CHUNK_SHINGLES shingles each (bounded memory).
        last = int(np.searchsorted(offsets, offsets[first] + _CHUNK_SHINGLES, side="right")) - 1
        last = max(last, first + 1)
        lo, hi = offsets[first], offsets[last]
        group_starts = offsets[first:last] - lo
        signatures[doc_rows[first:last]] = _min_permuted(shingle_hashes[lo:hi], group_starts)
        first = last


def lean_minhash(values: Iterable[int] | np.ndarray) -> LeanMinHash:
    """A datasketch LeanMinHash from stored signature values (for LSH and Jaccard estimates)."""
    return LeanMinHash(seed=SEED, hashvalues=np.asarray(values, dtype=np.uint32), scheme=SCHEME)
