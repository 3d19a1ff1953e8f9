"""The near-duplicate signature of an article: word shingles, MinHash, and LSH band keys.

Outlets republish wire copy and each other with a new opening line, a dropped paragraph, an
agency tag line or a few words changed. Two such texts still share most of their runs of
three words, so the Jaccard similarity of their shingle sets stays high, while two different
reports on one subject share a handful of phrases («مخيم الهول», «قوات سوريا الديمقراطية»)
and little else. MinHash estimates that similarity from a fixed-size signature, and
locality-sensitive hashing cuts the signature into bands: articles that agree on all the
values of at least one band are candidates, found by an indexed lookup of the band keys in
PostgreSQL (``rasad.storage.clusters``), then confirmed by their estimated similarity.

The parameters were chosen on tests/crawler/data/near_duplicate_pairs.jsonl with
benchmarks/near_duplicates.py; see the comments on each.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from functools import cache

import numpy as np
from datasketch import MinHash

from rasad.alerts.analysis import tokenize
from rasad.storage.clusters import ClusterSignature

__all__ = ["SHINGLE_WORDS", "SIMILARITY_THRESHOLD", "cluster_signature", "shingles"]

# Measured on the labelled set (see benchmarks/near_duplicates.py --sweep). Three-word
# shingles separate best: exact Jaccard puts every same-story pair at 0.26 or more and every
# different pair at 0.35 or less. With two words, reports on one subject share more stock
# pairs (الإدارة الذاتية, قطاع غزة); with four or five, each reworded word breaks so many
# shingles that rewritten copies fall among different stories.
SHINGLE_WORDS = 3
# 128 permutations estimate a Jaccard of 0.35 within about ±0.04 (one standard deviation); with
# 64 the estimate's noise alone wrongly merged or split 1 pair in 40 near the threshold.
# Stored as 16-bit values, the signature is 256 bytes per article.
NUM_PERM = 128
# LSH on the first 64 values: 32 bands of 2 rows. An article is a candidate of another when
# both values of any one band agree: probability 1 - (1 - s^2)^32, i.e. 0.985 at s = 0.35,
# 0.9995 at s = 0.5, but 0.27 at s = 0.1 and 0.013 at s = 0.02 (such candidates are then
# rejected by the similarity). Longer bands miss rewritten copies (16 bands of 4 rows found
# only 86% of the same-story pairs); more bands store more keys per article. Rows of
# article_bands per article are the main storage and insert cost, hence 32 and not 64.
BANDS = 32
ROWS = 2
# Two articles are one story at this estimated similarity or above. A wrong merge hides a
# story (no alert for it), a missed one costs a second alert: this is the lowest threshold
# with no wrong merge on the labelled set (precision 1.000, recall 0.975 on 459 pairs; at 0.32
# one template pair merges, at 0.40 recall falls to 0.94).
SIMILARITY_THRESHOLD = 0.35
# A fixed seed and scheme: signatures stored by one process must compare with those of every
# other, and of every later datasketch release (its default scheme changed once, in 2.0).
_SEED = 20261101
_SCHEME = "affine32"


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """The runs of ``size`` normalised words of ``text``; a shorter text is one shingle."""
    tokens = tokenize(text)
    if len(tokens) <= size:
        return {" ".join(tokens).encode()} if tokens else set()
    # zip of the shifted lists gives each run (ending with the shortest, the last run); map
    # keeps the loop out of Python bytecode
    runs = zip(*(tokens[start:] for start in range(size)), strict=False)
    return set(map(str.encode, map(" ".join, runs)))


@cache
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    # Drawing the permutations is the slow part of MinHash(); draw them once per process.
    return MinHash(num_perm=num_perm, seed=_SEED, scheme=_SCHEME).permutations


def _fmix32(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, which datasketch's affine32 scheme applies first."""
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


def minhash_values(words: Collection[bytes], num_perm: int = NUM_PERM) -> np.ndarray:
    """The MinHash signature of a shingle set: ``num_perm`` values below 2**32.

    The same values as datasketch's ``MinHash(scheme="affine32").update_batch(words)``
    (tests/crawler/test_neardup.py compares them), computed here because datasketch hashes
    each value in a Python call of its own (``sha1_hash32``), a third of the time of a
    signature. A value's hash is the first 4 bytes of its SHA-1, little-endian; it is mixed
    (``_fmix32``), put through each permutation ``a * h + b`` modulo 2**32, and the signature
    keeps each permutation's least value.
    """
    if not words:
        return np.full(num_perm, 0xFFFFFFFF, dtype=np.uint32)  # datasketch's empty sketch
    digests = b"".join([hashlib.sha1(word, usedforsecurity=False).digest() for word in words])
    hashes = np.frombuffer(digests, dtype="<u4").reshape(-1, 5)[:, 0]  # 20-byte digests
    a, b = _permutations(num_perm)
    return (_fmix32(hashes.astype(np.uint32)).reshape(-1, 1) * a + b).min(axis=0)


def band_keys(values: np.ndarray, bands: int = BANDS, rows: int = ROWS) -> tuple[int, ...]:
    """One signed 64-bit key per band: a hash of the band's number and its values.

    The band number goes into the hash so that one bigint column holds every band.
    """
    raw = values[: bands * rows].astype("<u4").tobytes()  # converted once, sliced per band
    width = rows * 4
    return tuple(
        int.from_bytes(
            hashlib.blake2b(
                bytes([band]) + raw[band * width : (band + 1) * width], digest_size=8
            ).digest(),
            "little",
            signed=True,
        )
        for band in range(bands)
    )


def packed(values: np.ndarray) -> bytes:
    """The signature as stored: the low 16 bits of each value.

    Two unequal values agree on their low 16 bits once in 65,536 comparisons, which moves the
    estimated similarity by less than 0.0001, and the signature takes 256 bytes, not 512.
    """
    return (values & 0xFFFF).astype("<u2").tobytes()


def cluster_signature(text: str) -> ClusterSignature | None:
    """What storage needs to find the article's earlier copies; None for a text without words."""
    words = shingles(text)
    if not words:
        return None
    values = minhash_values(words)
    return ClusterSignature(
        minhash=packed(values),
        band_keys=band_keys(values),
        min_similarity=SIMILARITY_THRESHOLD,
    )
