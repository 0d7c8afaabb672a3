"""Batch MinHash signatures equal datasketch's own, shingle by shingle."""

import numpy as np
import polars as pl
from datasketch import MinHash

from movewatch.normalise.signatures import (
    NUM_PERM,
    lean_minhash,
    minhash_signatures,
    reference_signature,
    shingle_hash,
    shingles,
)

TEXTS = [
    "",
    "one",
    "Two words",
    "a b c d",
    "a b c d e",
    "Microsoft is reportedly considering relocating China-based staff, the Journal said.",
    "Café prices rose 5% in Zürich; the café owners said prices would rise again.",
]


def test_shingles_are_lowercased_word_5_grams():
    assert shingles("A b, C d e F") == [b"a b c d e", b"b c d e f"]
    assert shingles("Short text") == [b"short text"]
    assert shingles("  ") == []


def test_batch_signatures_equal_datasketch_minhash():
    batch = minhash_signatures(pl.Series(TEXTS))
    assert batch.dtype == pl.List(pl.UInt64)
    for text, signature in zip(TEXTS, batch, strict=True):
        expected = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=shingle_hash)
        expected.update_batch(shingles(text))
        assert np.array_equal(signature.to_numpy(), expected.hashvalues.astype(np.uint64))
        assert np.array_equal(signature.to_numpy(), reference_signature(text))


def test_similar_texts_have_similar_signatures():
    base = " ".join(f"word{i}" for i in range(200))
    edited = base.replace("word100", "changed")
    other = " ".join(f"other{i}" for i in range(200))
    signatures = minhash_signatures(pl.Series([base, edited, other]))
    minhashes = [lean_minhash(s.to_numpy()) for s in signatures]
    assert minhashes[0].jaccard(minhashes[1]) > 0.9
    assert minhashes[0].jaccard(minhashes[2]) < 0.1
